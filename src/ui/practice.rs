//! 练习: the exercises of `core::practice`, each with its figure hidden until answered. A
//! table-cell exercise shows its table with the cell as the input, the other cells visible,
//! so the trainee works out how the table adds up.

use super::state::{Action, State};
use crate::core::figures::report::Report;
use crate::core::practice::{self, Exercise, Expected};
use crate::core::present::i18n::{tf, tr, translate};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::ui::shared::ViewProps;

/// The exercises of this page (configured, else all).
pub fn exercises(state: &State) -> Vec<&'static Exercise> {
    state.exercises()
}

/// Figure keys and table cells whose answers are still hidden (practice mode only).
pub fn hidden(state: &State, report: &Report) -> (Vec<String>, Vec<(usize, usize, usize)>) {
    let mut keys = Vec::new();
    let mut cells = Vec::new();
    if state.mode != crate::core::config::Mode::Practice {
        return (keys, cells);
    }
    let budget = state.budget();
    let pending = state.pending_exercises();
    for ex in &pending {
        if let practice::Target::Cell { .. } = ex.target {
            if let Some(c) = practice::expected(&budget, report, ex).and_then(|e| e.cell) {
                cells.push(c);
            }
        }
    }
    // Each pending figure, and every figure that would give it away (core/practice.rs).
    keys.extend(practice::hidden_keys(pending.iter().copied()));
    (keys, cells)
}

#[function_component(PracticeView)]
pub fn practice_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let report = &props.report;
    let list = exercises(state);
    let budget = state.budget();
    let graded: Vec<bool> = list
        .iter()
        .filter_map(
            |e| match state.answers.get(e.id).and_then(|a| a.graded.clone()) {
                Some(Ok(right)) => Some(right),
                _ => None,
            },
        )
        .collect();
    let right = graded.iter().filter(|r| **r).count();
    let reset = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ResetPractice))
    };
    html! {
        <div class="practice" data-testid="practice">
            <div class="practice-head">
                <h2>{ tr(l, "练习：根据明细算出下列数字") }</h2>
                <span class="score" data-testid="score">{ tf(l, "得分 {} / {}（已答 {} 题）", &[&right, &list.len(), &graded.len()]) }</span>
                <button type="button" onclick={reset}>{ tr(l, "重新开始") }</button>
            </div>
            <p class="muted">{ tf(l, "金额以{}为单位，保留两位小数；百分比保留两位小数。答题时这些数字在摘要中显示为“？”。", &[&tr(l, report.options.unit.label())]) }</p>
            <ol class="exercises">
                { for list.iter().map(|ex| {
                    let exp = practice::expected(&budget, report, ex);
                    exercise_card(state, report, ex, exp)
                }) }
            </ol>
        </div>
    }
}

fn exercise_card(
    state: &UseReducerHandle<State>,
    report: &Report,
    ex: &'static Exercise,
    expected: Option<Expected>,
) -> Html {
    let l = state.lang;
    let answer = state.answers.get(ex.id).cloned().unwrap_or_default();
    let Some(exp) = expected else {
        return html! {
            <li class="exercise" data-exercise={ex.id}>
                <p lang={crate::ui::shared::official(tr(l, ex.prompt))}>{ tr(l, ex.prompt) }</p>
                <p class="muted">{ tr(l, "当前预算没有这个数字（例如缺少上年数），本题跳过。") }</p>
            </li>
        };
    };
    let id = ex.id;
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                state.dispatch(Action::TypeAnswer(id, i.value()));
            }
        })
    };
    let grade = {
        let state = state.clone();
        let exp = exp.clone();
        let typed = answer.typed.clone();
        move || state.dispatch(Action::Grade(id, practice::grade(&exp, &typed)))
    };
    let onclick = {
        let grade = grade.clone();
        Callback::from(move |_: MouseEvent| grade())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            grade();
        }
    });
    let done = matches!(answer.graded, Some(Ok(_)));
    let input = html! {
        <span class="answer">
            <input data-testid={format!("answer-{id}")} aria-label={tf(l, "答案：{}", &[&tr(l, ex.prompt)])} lang={crate::ui::shared::official(tr(l, ex.prompt))}
                inputmode="decimal" value={answer.typed.clone()} {oninput} {onkeydown}
                readonly={done} size="12" placeholder={if exp.percent { tr(l, "如 12.34%") } else { tr(l, "如 1,234.56") }} />
            if !done {
                <button type="button" data-testid={format!("grade-{id}")} {onclick}>{ tr(l, "判分") }</button>
            }
        </span>
    };
    let feedback = match &answer.graded {
        None => html! {},
        Some(Err(msg)) => html! { <p class="error" role="alert">{ translate(l, msg) }</p> },
        Some(Ok(true)) => html! {
            <div class="feedback right" role="status" data-testid={format!("feedback-{id}")}>
                <strong>{ tf(l, "✓ 正确：{}", &[&exp.shown]) }</strong>
                <p>{ tr(l, "算法：") }<span lang="zh-CN">{ &exp.explanation }</span></p>
            </div>
        },
        Some(Ok(false)) => html! {
            <div class="feedback wrong" role="status" data-testid={format!("feedback-{id}")}>
                <strong>{ tf(l, "✗ 不对。正确答案是 {}", &[&exp.shown]) }</strong>
                <p>{ tr(l, "算法：") }<span lang="zh-CN">{ &exp.explanation }</span></p>
                <p class="muted">{ tf(l, "提示：{}", &[&tr(l, ex.hint)]) }</p>
            </div>
        },
    };
    // A table cell is answered in place: the table with that cell as the input.
    let table = exp.cell.and_then(|(ti, ri, ci)| {
        let t = report.tables.get(ti)?;
        let rows = t.render(report.options.unit, report.options.adjusted());
        let row = rows.get(ri)?;
        // Only the asked row, its other amounts hidden too (they would give the answer
        // away, e.g. 人员经费 equals 合计 for 工资福利支出): the figure comes from the lines.
        Some(html! {
            <div class="scroll">
                <table class="practice-table" lang="zh-CN">
                    <caption><span lang="zh-CN">{ format!("{} {}", t.label(), t.title) }</span>{ tf(l, "（{}）", &[&tr(l, report.options.unit.label())]) }</caption>
                    <thead><tr>{ for t.header_grid().last().cloned().unwrap_or_default().into_iter().map(|h| html! { <th>{ h }</th> }) }</tr></thead>
                    <tbody>
                        <tr>{ for row.iter().enumerate().map(|(c, text)| {
                            let money = t.rows[ri].cells.get(c).is_some_and(|x| x.money().is_some());
                            if c == ci {
                                html! { <td class="ask">{ input.clone() }</td> }
                            } else if money && !done {
                                html! { <td class="masked">{ tr(l, "？") }</td> }
                            } else {
                                html! { <td>{ text }</td> }
                            }
                        }) }</tr>
                    </tbody>
                </table>
            </div>
        })
    });
    let class = classes!(
        "exercise",
        match answer.graded {
            Some(Ok(true)) => Some("right"),
            Some(Ok(false)) => Some("wrong"),
            _ => None,
        }
    );
    html! {
        <li class={class} data-exercise={id}>
            <p><span class={classes!("level", format!("l{}", ex.level as u8))}>{ tr(l, ex.level.label()) }</span>{ " " }<span lang={crate::ui::shared::official(tr(l, ex.prompt))}>{ tr(l, ex.prompt) }</span></p>
            if let Some(t) = table {
                { t }
            } else {
                { input }
            }
            { feedback }
        </li>
    }
}
