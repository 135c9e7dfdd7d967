//! 情况说明: the narrative, with figures that explain themselves and reasons edited in place.

use crate::core::domain::model::ReasonKey;
use crate::core::figures::narrative::{Section, Span};
use crate::core::present::i18n::{tr, Lang};
use crate::ui::shared::ViewProps;
use crate::ui::state::{Action, ExplainTarget};
use web_sys::{HtmlTextAreaElement, MouseEvent};
use yew::prelude::*;

pub(crate) fn reason_key(key: &str) -> Option<ReasonKey> {
    Some(match key {
        "reason:income_total" => ReasonKey::IncomeTotal,
        "reason:expense_total" => ReasonKey::ExpenseTotal,
        "reason:general_public_current" => ReasonKey::GeneralPublicCurrent,
        "reason:sangong" => ReasonKey::Sangong,
        "reason:office_running" => ReasonKey::OfficeRunning,
        _ => return None,
    })
}

pub(crate) fn reason_span_key(key: ReasonKey) -> &'static str {
    match key {
        ReasonKey::IncomeTotal => "reason:income_total",
        ReasonKey::ExpenseTotal => "reason:expense_total",
        ReasonKey::GeneralPublicCurrent => "reason:general_public_current",
        ReasonKey::Sangong => "reason:sangong",
        ReasonKey::OfficeRunning => "reason:office_running",
    }
}

pub(crate) fn reason_field_id(key: ReasonKey) -> String {
    format!("reason-{key:?}").to_lowercase()
}

pub(crate) const REASONS: [(ReasonKey, &str); 5] = [
    (ReasonKey::IncomeTotal, "收入总计变动原因（一）"),
    (ReasonKey::ExpenseTotal, "支出总计变动原因（一）"),
    (
        ReasonKey::GeneralPublicCurrent,
        "一般公共预算当年拨款变动原因（五）",
    ),
    (ReasonKey::Sangong, "“三公”经费增减变动原因（七）"),
    (ReasonKey::OfficeRunning, "机关运行经费增减变动原因（八）"),
];

/// The narrative. `on_span` (when interactive) receives clicks and focus on figures and
/// reasons; `inline` replaces the span with this key by an editor (a reason being edited).
pub fn narrative_html(
    sections: &[Section],
    on_span: Option<&Callback<(String, String)>>,
    inline: Option<(&str, Html)>,
    l: Lang,
) -> Html {
    html! {
        { for sections.iter().map(|s| html! {
            <section class="nsec">
                <h3>{ &s.title }</h3>
                { for s.paragraphs.iter().map(|p| html! {
                    <p>{ for p.iter().map(|span| match span {
                        Span::Text(t) => html! { <>{ t }</> },
                        Span::Figure { key, .. } | Span::Written { key, .. } if inline.as_ref().is_some_and(|(k, _)| k == key) => {
                            inline.as_ref().map(|(_, editor)| editor.clone()).unwrap_or_default()
                        }
                        Span::Figure { key, text } | Span::Written { key, text } => match on_span {
                            Some(cb) => {
                                let is_reason = key.starts_with("reason:");
                                let class = if is_reason { "reason" } else { "fig" };
                                let click = {
                                    let (cb, k, t) = (cb.clone(), key.clone(), text.clone());
                                    Callback::from(move |_: MouseEvent| cb.emit((k.clone(), t.clone())))
                                };
                                // Focusing a figure explains it too (keyboard users).
                                let focus = (!is_reason).then(|| {
                                    let (cb, k, t) = (cb.clone(), key.clone(), text.clone());
                                    Callback::from(move |_: FocusEvent| cb.emit((k.clone(), t.clone())))
                                });
                                html! {
                                    <button type="button" class={class} data-key={key.clone()}
                                        title={if is_reason { tr(l, "点击编辑原因") } else { tr(l, "点击查看计算过程") }}
                                        onclick={click} onfocus={focus}>{ text }</button>
                                }
                            }
                            None => html! { <span>{ text }</span> },
                        },
                    }) }</p>
                }) }
            </section>
        }) }
    }
}

#[function_component(NarrativeView)]
pub fn narrative_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let inline_ref = use_node_ref();
    {
        // Focus the inline editor when it opens.
        let inline_ref = inline_ref.clone();
        let open = state.editing_reason.as_ref().map(|(k, _)| *k);
        use_effect_with(open, move |open| {
            if open.is_some() {
                if let Some(t) = inline_ref.cast::<HtmlTextAreaElement>() {
                    if !t.matches(":focus").unwrap_or(false) {
                        let _ = t.focus();
                    }
                }
            }
        });
    }
    let on_span = {
        let state = state.clone();
        Callback::from(
            move |(key, text): (String, String)| match reason_key(&key) {
                // The quoted reason turns into an editor where it stands.
                Some(r) if state.mode.editable() => {
                    state.dispatch(Action::EditReason(Some((r, text))))
                }
                Some(_) => {}
                None => state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key)))),
            },
        )
    };
    let budget = state.budget();
    let editable = state.mode.editable();
    let editing = state.editing_reason.clone();
    // The fields below the narrative: every reason, quoted or not. They save on change
    // (leaving the field) and are remounted when the stored text changes elsewhere.
    let reasons: Vec<Html> = REASONS
        .iter()
        .map(|(key, label)| {
            let key = *key;
            let current = budget.reasons.get(key).to_string();
            let onchange = {
                let state = state.clone();
                Callback::from(move |e: Event| {
                    if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                        state.dispatch(Action::Apply(
                            crate::core::domain::command::Command::SetReason(
                                key,
                                t.value().trim().to_string(),
                            ),
                            None,
                        ));
                    }
                })
            };
            let id = reason_field_id(key);
            html! {
                <div class="reason-field" key={format!("{id}:{current}")}>
                    <label for={id.clone()}>{ tr(l, label) }</label>
                    <textarea id={id} lang="zh-CN" rows="2" defaultvalue={current} onchange={onchange}
                        placeholder={tr(l, "未填写：有增减变动时请说明原因")} maxlength="2000" />
                </div>
            }
        })
        .collect();
    let year = budget.unit.year;
    drop(budget);
    // An inline editor for the reason being edited, where the narrative quotes it.
    let inline = editing.as_ref().map(|(key, text)| {
        let key = *key;
        let oninput = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    state.dispatch(Action::EditReason(Some((key, t.value()))));
                }
            })
        };
        let onblur = {
            let state = state.clone();
            Callback::from(move |_: FocusEvent| state.dispatch(Action::CommitReason))
        };
        let onkeydown = {
            let state = state.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    e.prevent_default();
                    state.dispatch(Action::EditReason(None));
                } else if e.key() == "Enter" && !e.is_composing() {
                    e.prevent_default();
                    state.dispatch(Action::CommitReason);
                }
            })
        };
        (
            reason_span_key(key),
            html! {
                <textarea id="inline-reason" ref={inline_ref.clone()} class="inline-reason" rows="2"
                    aria-label={tr(l, "编辑原因（Enter 保存，Esc 取消）")} value={text.clone()}
                    oninput={oninput} onblur={onblur} onkeydown={onkeydown} maxlength="2000" />
            },
        )
    });
    html! {
        <div class="narrative">
            <h2 lang="zh-CN">{ format!("{year}年度单位预算情况说明") }</h2>
            if editable {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程；点击原因文字或在下方修改原因，情况说明随之更新。") }</p>
            } else {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程。") }</p>
            }
            // The narrative is the official Chinese document: not translated.
            <div lang="zh-CN">{ narrative_html(&props.report.narrative, Some(&on_span), inline, l) }</div>
            if editable {
                <section class="reasons" aria-label={tr(l, "变动原因")}>
                    <h3>{ tr(l, "变动原因") }</h3>
                    { for reasons }
                </section>
            }
        </div>
    }
}
