//! 绩效目标: the projects of the budget with their 项目支出绩效目标表 (present, complete, or
//! what the checks found), and the form editor (`form.rs`). Every change to a form is one
//! command (`UpdateGoal` …), so one undo step; the rules are in `core/figures/goals.rs`.

mod form;
pub mod print;

use crate::core::domain::command::Command;
use crate::core::domain::goals::GoalForm;
use crate::core::domain::money::Money;
use crate::core::figures::goals::{form_findings, links, Links};
use crate::core::formats::goal_sheet;
use crate::core::formats::xlsx::GOALS_SHEET;
use crate::core::present::i18n::{tf, tr, Lang};
use crate::ui::drafting::files::on_chosen;
use crate::ui::shared::{apply, ViewProps};
use crate::ui::state::ImportData;
use crate::ui::state::{Action, State};
use yew::prelude::*;

/// Adds an empty form for a project (filled with what the budget already says: the
/// project's money as 年度资金总额 and 市县（区）财政资金, the unit as 实施单位) and opens it.
pub(crate) fn new_form(state: &UseReducerHandle<State>, project: &str, annual: Money) {
    let (at, form) = {
        let b = state.budget();
        let mut f = GoalForm::new(project);
        f.implementer = b.unit.name.clone();
        f.department = match b.unit.code.trim() {
            "" => b.unit.name.clone(),
            code => format!("{code}-{}", b.unit.name),
        };
        f.funds_annual.total = annual;
        f.funds_annual.local = annual;
        (b.goals.len(), f)
    };
    apply(
        state,
        Command::InsertGoal {
            at,
            form: Box::new(form),
        },
        format!("新增绩效目标表“{project}”"),
    );
    state.dispatch(Action::OpenGoal(Some(at), Some("overview".into())));
}

/// A form's state for the list: complete, or how many problems.
fn status(l: Lang, problems: usize) -> Html {
    if problems == 0 {
        html! { <span class="ok">{ tr(l, "完整") }</span> }
    } else {
        html! { <span class="warn">{ tf(l, "{}个问题", &[&problems]) }</span> }
    }
}

/// A form's button; `named_by` is the id of the element holding the project's name.
fn open_button(state: &UseReducerHandle<State>, i: usize, named_by: &str) -> Html {
    let l = state.lang;
    let onclick = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::OpenGoal(Some(i), None)))
    };
    html! {
        <button type="button" onclick={onclick} data-testid={format!("goal-open-{i}")}
            aria-describedby={named_by.to_string()}>{ tf(l, "第{}张", &[&(i + 1)]) }</button>
    }
}

/// One row per project: its money and its forms (or a button that starts one).
fn project_rows(state: &UseReducerHandle<State>, links: &Links, problems: &[usize]) -> Html {
    let l = state.lang;
    let unit = state.unit;
    let editable = state.mode.editable();
    html! {
        { for links.projects.iter().zip(&links.project_forms).enumerate().map(|(pi, (p, forms))| {
            let start = {
                let (state, name, annual) = (state.clone(), p.name.to_string(), p.annual());
                Callback::from(move |_: MouseEvent| new_form(&state, &name, annual))
            };
            html! {
                <tr key={p.name.to_string()} data-testid={format!("goal-project-{pi}")}>
                    <th scope="row" lang="zh-CN" id={format!("goal-name-{pi}")}>{ p.name }</th>
                    <td class="num">{ p.current.display(unit) }</td>
                    <td class="num">{ p.carry_over.display(unit) }</td>
                    <td>
                        if forms.is_empty() {
                            <span class="warn">{ tr(l, "无") }</span>
                            if editable {
                                { " " }
                                <button type="button" onclick={start} data-testid={format!("goal-new-{pi}")}>
                                    { tr(l, "填写绩效目标表") }</button>
                            }
                        } else {
                            { for forms.iter().map(|f| html! {
                                <span class="goal-ref">
                                    { open_button(state, *f, &format!("goal-name-{pi}")) }{ " " }{ status(l, problems[*f]) }
                                </span>
                            }) }
                        }
                    </td>
                </tr>
            }
        }) }
    }
}

/// Forms whose project has no lines: listed so that they can be opened, relinked or removed.
fn orphan_rows(
    state: &UseReducerHandle<State>,
    goals: &[GoalForm],
    links: &Links,
    problems: &[usize],
) -> Html {
    let l = state.lang;
    html! {
        { for goals.iter().enumerate().filter(|(i, _)| links.form_project[*i].is_none()).map(|(i, g)| html! {
            <tr key={format!("orphan-{i}")} class="orphan">
                <th scope="row" lang="zh-CN" id={format!("goal-orphan-{i}")}>{ g.display_name() }</th>
                <td colspan="2">{ tr(l, "预算中没有此项目的明细") }</td>
                <td>{ open_button(state, i, &format!("goal-orphan-{i}")) }{ " " }{ status(l, problems[i]) }</td>
            </tr>
        }) }
    }
}

/// 导入绩效目标表: the forms of an XLSX sheet (ours, or one laid out like the published
/// forms) replace the forms of the same project and are added otherwise; one undo step.
fn import_forms(
    state: &UseReducerHandle<State>,
    name: &str,
    data: ImportData,
) -> Result<(), String> {
    let forms = forms_of(&data.sheets)?;
    let (commands, replaced, added) = {
        let b = state.budget();
        goal_sheet::import_commands(&b, forms)
    };
    let label = format!("已从“{name}”导入绩效目标表：替换{replaced}张，新增{added}张（可撤销）");
    state.dispatch(Action::ApplyAll(commands, label));
    Ok(())
}

/// The forms of a workbook's sheets, or why there are none.
fn forms_of(sheets: &[(String, Vec<Vec<String>>)]) -> Result<Vec<GoalForm>, String> {
    let rows = goal_sheet::forms_sheet(sheets, GOALS_SHEET)
        .ok_or("文件中没有绩效目标表（应有以“项目名称”开头的行）")?;
    let forms = goal_sheet::read(rows).map_err(|e| e.to_string())?;
    if forms.is_empty() {
        return Err("文件中没有绩效目标表（应有以“项目名称”开头的行）".into());
    }
    Ok(forms)
}

#[function_component(GoalsView)]
pub fn goals_view(props: &ViewProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    // Borrowed, not copied: a budget may have 10,000 lines.
    let b = state.budget();
    let links = links(&b);
    let mut problems = vec![0usize; b.goals.len()];
    for (_, place) in form_findings(&b, &links) {
        if let Some(n) = problems.get_mut(place.form) {
            *n += 1;
        }
    }
    if let Some(at) = state.goal_open.filter(|i| *i < b.goals.len()) {
        return html! { <form::FormEditor state={state.clone()} at={at} /> };
    }
    let overview = &props.report.summary.goals;
    html! {
        <section class="goals" data-testid="goals">
            <p class="goals-summary">
                { tf(l, "{}张绩效目标表，属于{}个项目；{}个项目没有绩效目标表。",
                    &[&b.goals.len(), &overview.projects, &(links.projects.len() - overview.projects)]) }
            </p>
            if state.mode.editable() {
                <div class="toolbar">
                    <label class="file-button" title={tr(l, "从本程序导出的 Excel（.xlsx）或按公开格式排列的表格导入绩效目标表")}>
                        { tr(l, "导入绩效目标表…") }
                        <input type="file" accept=".xlsx,.csv" onchange={on_chosen(state, None, import_forms)} data-testid="goal-import" />
                    </label>
                </div>
            }
            if links.projects.is_empty() && b.goals.is_empty() {
                <p class="empty">{ tr(l, "预算中还没有项目支出。在“明细”中添加项目支出明细（类型选“项目支出”并填写项目名称）后，即可为每个项目填写绩效目标表。") }</p>
            } else {
                <table class="goal-projects" data-testid="goal-projects">
                    <thead><tr>
                        <th scope="col">{ tr(l, "项目名称") }</th>
                        <th scope="col">{ tf(l, "当年预算安排（{}）", &[&tr(l, state.unit.label())]) }</th>
                        <th scope="col">{ tf(l, "上年结转（{}）", &[&tr(l, state.unit.label())]) }</th>
                        <th scope="col">{ tr(l, "绩效目标表") }</th>
                    </tr></thead>
                    <tbody>
                        { project_rows(state, &links, &problems) }
                        { orphan_rows(state, &b.goals, &links, &problems) }
                    </tbody>
                </table>
            }
        </section>
    }
}
