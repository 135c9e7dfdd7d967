//! 方案对比: two scenarios side by side, exported as CSV.

use crate::core::drafting::compare::{self, LineStatus};
use crate::core::figures::report::Report;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::shared::{official, report_options, select_value, StateProps};
use crate::ui::state::Action;
use yew::prelude::*;

/// Two scenarios side by side.
#[function_component(CompareView)]
pub fn compare_view(props: &StateProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let (ids, names): (Vec<u32>, Vec<String>) = {
        let ws = state.ws.borrow();
        ws.scenarios()
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .unzip()
    };
    if ids.len() < 2 {
        return html! {
            <div class="empty" data-testid="compare-empty">
                <p>{ tr(l, "只有一个方案。点上方的“复制为新方案”复制出一个方案，修改后在这里与原方案对比。") }</p>
            </div>
        };
    }
    let current = state.ws.borrow().current_id();
    let (base, other) = match state.compare {
        Some((a, b)) if ids.contains(&a) && ids.contains(&b) => (a, b),
        _ => {
            let other = current;
            let base = ids.iter().copied().find(|i| *i != other).unwrap_or(other);
            (base, other)
        }
    };
    let name_of = |id: u32| {
        ids.iter()
            .position(|i| *i == id)
            .map(|p| names[p].clone())
            .unwrap_or_default()
    };
    let unit = state.unit;
    let opts = report_options(state, false);
    let result = use_memo((state.rev, base, other, unit, state.adjust), {
        let ws = state.ws.clone();
        move |_| {
            let ws = ws.borrow();
            let (Some(a), Some(b)) = (ws.get(base), ws.get(other)) else {
                return None;
            };
            let ra = Report::build(&a.budget, opts);
            let rb = Report::build(&b.budget, opts);
            Some(compare::compare(&a.budget, &ra, &b.budget, &rb))
        }
    });
    let Some(c) = result.as_ref() else {
        return html! {};
    };
    let pick = |is_base: bool| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Ok(id) = select_value(&e).parse::<u32>() {
                let pair = if is_base { (id, other) } else { (base, id) };
                state.dispatch(Action::SetCompare(Some(pair)));
            }
        })
    };
    let select = |is_base: bool, chosen: u32, testid: &str| {
        html! {
            <select data-testid={testid.to_string()} onchange={pick(is_base)}>
                { for ids.iter().zip(&names).map(|(id, n)| html! {
                    <option value={id.to_string()} selected={*id == chosen} lang="zh-CN">{ n }</option>
                }) }
            </select>
        }
    };
    let (name_a, name_b) = (name_of(base), name_of(other));
    let export = {
        let state = state.clone();
        let rows = c.table(&name_a, &name_b, unit);
        let file = format!("方案对比-{name_a}-{name_b}.csv");
        Callback::from(move |_: MouseEvent| {
            crate::ui::shared::offer_download(
                &state,
                &crate::core::formats::export::rows_csv(&rows),
                &file,
            )
        })
    };
    let changed: Vec<_> = c.changed_figures().collect();
    let same = c.figures.len() - changed.len();
    html! {
        <div class="compare" data-testid="compare">
            <div class="compare-pick">
                <label>{ tr(l, "基准方案 ") }{ select(true, base, "compare-base") }</label>
                <span>{ tr(l, "对比") }</span>
                <label>{ tr(l, "方案 ") }{ select(false, other, "compare-other") }</label>
                <span class="muted">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</span>
                <button type="button" onclick={export} data-testid="compare-export">{ tr(l, "导出对比表（CSV）") }</button>
            </div>
            <h3>{ tf(l, "变化的合计、占比和同比（{} 项；其余 {} 项相同）", &[&changed.len(), &same]) }</h3>
            if changed.is_empty() {
                <p class="muted">{ tr(l, "两个方案的合计、占比和同比完全相同。") }</p>
            } else {
                <table class="diff" data-testid="compare-figures">
                    <thead><tr><th>{ tr(l, "类别") }</th><th>{ tr(l, "项目") }</th><th lang="zh-CN">{ name_a.clone() }</th><th lang="zh-CN">{ name_b.clone() }</th><th>{ tr(l, "差额") }</th></tr></thead>
                    <tbody>
                        { for changed.iter().map(|f| html! {
                            <tr><td>{ tr(l, f.group) }</td><td lang={official(&translate(l, &f.label))}>{ translate(l, &f.label) }</td><td>{ translate(l, &f.a.display(unit)) }</td><td>{ translate(l, &f.b.display(unit)) }</td><td>{ translate(l, &f.delta(unit)) }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
            <h3>{ tf(l, "明细变化（{} 行）", &[&c.lines.len()]) }</h3>
            if c.lines.is_empty() {
                <p class="muted">{ tr(l, "明细没有变化。") }</p>
            } else {
                <table class="diff" data-testid="compare-lines">
                    <thead><tr><th>{ tr(l, "变化") }</th><th>{ tr(l, "编号") }</th><th>{ tr(l, "明细") }</th><th>{ tr(l, "变化的栏目") }</th><th lang="zh-CN">{ name_a.clone() }</th><th lang="zh-CN">{ name_b.clone() }</th><th>{ tr(l, "差额") }</th></tr></thead>
                    <tbody>
                        { for c.lines.iter().take(500).map(|x| {
                            let d = x.delta();
                            let class = match x.status { LineStatus::Added => "added", LineStatus::Removed => "removed", LineStatus::Changed => "changed" };
                            let sep = if l == Lang::En { ", " } else { "、" };
                            html! {
                                <tr class={class}>
                                    <td>{ tr(l, x.status.label()) }</td><td>{ x.id }</td><td lang="zh-CN">{ &x.describe }</td>
                                    <td>{ if x.status == LineStatus::Changed { x.columns.iter().map(|c| tr(l, c.label())).collect::<Vec<_>>().join(sep) } else { String::new() } }</td>
                                    <td>{ x.total_a.display(unit) }</td><td>{ x.total_b.display(unit) }</td>
                                    <td>{ format!("{}{}", if d.is_negative() { "−" } else { "+" }, d.abs().display(unit)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if c.lines.len() > 500 {
                    <p class="muted">{ tf(l, "只列出前 500 行，共 {} 行；导出对比表可看全部", &[&c.lines.len()]) }</p>
                }
            }
            { goals_html(l, c, (&name_a, &name_b), unit) }
            <h3>{ tf(l, "检查结果的不同（{} 项）", &[&c.checks.len()]) }</h3>
            if c.checks.is_empty() {
                <p class="muted">{ tr(l, "两个方案的检查结果相同。") }</p>
            } else {
                <ul class="check-diff" data-testid="compare-checks">
                    { for c.checks.iter().map(|d| html! {
                        <li class={if d.only_in_b { "new" } else { "resolved" }}>
                            <span lang="zh-CN">{ tf(l, "仅“{}”未通过：", &[if d.only_in_b { &name_b } else { &name_a }]) }</span>
                            <span lang={official(&translate(l, &d.message))}>{ translate(l, &d.message) }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// 绩效目标表 added, removed or changed, with what changed and the 年度资金总额 of each.
fn goals_html(
    l: Lang,
    c: &compare::Comparison,
    (name_a, name_b): (&str, &str),
    unit: crate::core::domain::money::Unit,
) -> Html {
    let sep = if l == Lang::En { ", " } else { "、" };
    html! {
        <>
            <h3>{ tf(l, "绩效目标表的变化（{} 张）", &[&c.goals.len()]) }</h3>
            if c.goals.is_empty() {
                <p class="muted">{ tr(l, "绩效目标表没有变化。") }</p>
            } else {
                <table class="diff" data-testid="compare-goals">
                    <thead><tr><th>{ tr(l, "变化") }</th><th>{ tr(l, "项目名称") }</th><th>{ tr(l, "变化的栏目") }</th>
                        <th lang="zh-CN">{ name_a.to_string() }</th><th lang="zh-CN">{ name_b.to_string() }</th><th>{ tr(l, "差额") }</th></tr></thead>
                    <tbody>
                        { for c.goals.iter().map(|g| {
                            let d = g.annual_b - g.annual_a;
                            let class = match g.status { LineStatus::Added => "added", LineStatus::Removed => "removed", LineStatus::Changed => "changed" };
                            let fields: Vec<String> = g.fields.iter().map(|f| translate(l, f)).collect();
                            html! {
                                <tr class={class}>
                                    <td>{ tr(l, g.status.label()) }</td><td lang="zh-CN">{ &g.name }</td>
                                    <td lang={official(&fields.join(sep))}>{ fields.join(sep) }</td>
                                    <td>{ g.annual_a.display(unit) }</td><td>{ g.annual_b.display(unit) }</td>
                                    <td>{ format!("{}{}", if d.is_negative() { "−" } else { "+" }, d.abs().display(unit)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </>
    }
}
