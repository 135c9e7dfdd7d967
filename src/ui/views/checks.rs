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
                let name_it = c.code.clone().map(|code| html! { <NameCode state={state.clone()} code={code} /> });
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
                        { for name_it }
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

#[derive(Properties, PartialEq)]
pub struct NameCodeProps {
    pub state: UseReducerHandle<crate::ui::state::State>,
    pub code: String,
}

/// Names a code in place (from 检查 or a table row): Enter or 命名 saves the name in the
/// budget's own names, one undo step.
#[function_component(NameCode)]
pub fn name_code(p: &NameCodeProps) -> Html {
    let l = p.state.lang;
    let input = use_node_ref();
    let save = {
        let (state, code, input) = (p.state.clone(), p.code.clone(), input.clone());
        move || {
            let Some(i) = input.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let name = i.value().trim().to_string();
            if name.is_empty() {
                return;
            }
            let label = format!("为科目{code}命名“{name}”");
            state.dispatch(Action::Apply(
                crate::core::domain::command::Command::SetCodeName {
                    code: code.clone(),
                    name,
                },
                Some(label),
            ));
        }
    };
    let onkeydown = {
        let save = save.clone();
        Callback::from(move |e: web_sys::KeyboardEvent| {
            if e.key() == "Enter" && !e.is_composing() {
                e.prevent_default();
                save();
            }
        })
    };
    let onclick = Callback::from(move |_: MouseEvent| save());
    html! {
        <span class="name-code" data-testid={format!("name-code-{}", p.code)}>
            <input ref={input} lang="zh-CN" maxlength="2000" onkeydown={onkeydown}
                placeholder={tf(l, "科目{}的名称", &[&p.code])} aria-label={tf(l, "为科目{}命名", &[&p.code])} />
            <button type="button" onclick={onclick}>{ tr(l, "命名") }</button>
        </span>
    }
}
