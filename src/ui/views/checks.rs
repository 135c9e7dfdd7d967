//! 检查 and 名词解释: the checks (each jumps to its lines or cells) and the glossary.

use crate::core::figures::checks::Severity;
use crate::core::present::glossary::GLOSSARY;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::shared::ViewProps;
use crate::ui::state::{Action, Notice};
use web_sys::MouseEvent;
use yew::prelude::*;

#[function_component(ChecksView)]
pub fn checks_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let checks = &props.report.checks;
    if checks.is_empty() {
        return html! { <p class="all-ok" data-testid="checks-ok">{ tr(l, "全部检查通过。") }</p> };
    }
    html! {
        <ul class="checks" data-testid="checks">
            { for checks.iter().map(|c| {
                let onclick = {
                    let state = state.clone();
                    let lines = c.lines.clone();
                    let cells = c.cells.clone();
                    let goal = c.goal.clone();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(g) = &goal {
                            state.dispatch(Action::OpenGoal(Some(g.form), Some(g.field.clone())));
                        } else if !lines.is_empty() {
                            state.dispatch(Action::JumpToLines(lines.clone()));
                        } else if !cells.is_empty() {
                            state.dispatch(Action::JumpToCells(cells.clone()));
                        } else {
                            state.dispatch(Action::Notice(Some(Notice::Info("此项检查针对整体数据，没有具体的明细。".into()))));
                        }
                    })
                };
                let class = match c.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                html! {
                    // The rule id is for tools (data-rule, `--json`), not for the reader.
                    <li class={class} data-rule={c.id}>
                        <button type="button" onclick={onclick}>
                            <span class="sev">{ tr(l, c.severity.label()) }</span>
                            <span class="msg" lang={crate::ui::shared::official(&translate(l, &c.message))}>{ translate(l, &c.message) }</span>
                            if !c.lines.is_empty() { <span class="go">{ tf(l, "查看{}条明细 →", &[&c.lines.len()]) }</span> }
                            else if !c.cells.is_empty() { <span class="go">{ tr(l, "查看表格 →") }</span> }
                            else if c.goal.is_some() { <span class="go">{ tr(l, "查看绩效目标表 →") }</span> }
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

pub fn glossary_html() -> Html {
    html! {
        // The glossary is the document's own 名词解释: official terms, kept in Chinese.
        <dl class="glossary" lang="zh-CN">
            { for GLOSSARY.iter().map(|t| html! {
                <>
                    <dt id={format!("term-{}", t.term)}>{ t.term }</dt>
                    <dd>{ t.text }</dd>
                </>
            }) }
        </dl>
    }
}
