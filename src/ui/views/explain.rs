//! The explanation panel: a figure's formula, terms and the lines behind it.

use crate::core::figures::explain::{explain, explain_cell};
use crate::core::figures::report::Report;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::state::{Action, ExplainTarget, State};
use std::rc::Rc;
use web_sys::MouseEvent;
use yew::prelude::*;

#[derive(Properties)]
pub struct ExplainProps {
    pub state: UseReducerHandle<State>,
    pub report: Rc<Report>,
    pub target: ExplainTarget,
}

impl PartialEq for ExplainProps {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && Rc::ptr_eq(&self.report, &other.report)
            && self.target == other.target
    }
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &ExplainProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let budget = state.budget();
    let unit = state.unit;
    let e = match &props.target {
        ExplainTarget::Figure(key) => explain(&budget, key, unit),
        ExplainTarget::Cell { table, row, col } => props
            .report
            .tables
            .iter()
            .find(|t| t.number == *table)
            .and_then(|t| explain_cell(&budget, t, *row, *col, unit)),
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Explain(None)))
    };
    let Some(e) = e else {
        return html! {
            <aside class="explain" aria-label={tr(l, "计算说明")}>
                <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭")}>{ "✕" }</button>
                <p>{ tr(l, "这一项没有可展示的计算过程。") }</p>
            </aside>
        };
    };
    let show_lines = {
        let state = state.clone();
        let ids = e.lines.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::JumpToLines(ids.clone())))
    };
    const SHOWN: usize = 30;
    html! {
        <aside class="explain" aria-label={tr(l, "计算说明")} aria-live="polite" data-testid="explain">
            <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭说明")}>{ "✕" }</button>
            <h3>{ translate(l, &e.label) }</h3>
            // Formulas name official figures and classifications.
            <p class="formula" data-testid="formula" lang="zh-CN">{ &e.formula }</p>
            if !e.terms.is_empty() {
                <table class="terms">
                    <tbody>
                        { for e.terms.iter().take(SHOWN).map(|(label, m)| html! {
                            <tr><td lang="zh-CN">{ label }</td><td class="num">{ m.display(unit) }</td></tr>
                        }) }
                    </tbody>
                </table>
                if e.terms.len() > SHOWN { <p class="more">{ tf(l, "……共{}项", &[&e.terms.len()]) }</p> }
            }
            if !e.notes.is_empty() {
                <ul class="notes" data-testid="explain-notes">
                    { for e.notes.iter().map(|n| { let t = translate(l, n); html! { <li lang={crate::ui::shared::official(&t)}>{ t }</li> } }) }
                </ul>
            }
            if !e.lines.is_empty() {
                <button type="button" class="link" onclick={show_lines}>{ tf(l, "在明细中查看这{}条明细 →", &[&e.lines.len()]) }</button>
            }
            <p class="unit-note">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</p>
        </aside>
    }
}
