//! 情况说明: 概况 and the narrative, with figures that explain themselves and written texts
//! (reasons, 单位职责, 机构设置, 国有资产) edited where they stand; below it, every written
//! text and 政府采购 as fields.

use crate::core::domain::command::Command;
use crate::core::domain::disclosure::{parse_count, AssetFacts, ItemNote, ItemText, VehicleKind};
use crate::core::domain::model::{ProcurementPart, ReasonKey, TextField};
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::template::TemplateId;
use crate::core::figures::narrative::{Section, Span, NOT_WRITTEN};
use crate::core::figures::report::Report;
use crate::core::present::i18n::{tf, tr, Lang};
use crate::ui::amount::AmountInput;
use crate::ui::shared::ViewProps;
use crate::ui::state::{Action, ExplainTarget, Notice, State, Written};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlTextAreaElement, MouseEvent};
use yew::prelude::*;

/// The reasons the Shanghai narrative quotes, with where they stand.
const SHANGHAI_REASONS: [(ReasonKey, &str); 4] = [
    (ReasonKey::SangongAbroad, "因公出国（境）费增减原因（三）"),
    (ReasonKey::SangongCars, "公务用车购置及运行费增减原因（三）"),
    (ReasonKey::SangongReception, "公务接待费增减原因（三）"),
    (ReasonKey::OfficeRunning, "机关运行经费增减原因（四）"),
];

/// The reasons the budget's template quotes.
fn reasons_of(t: TemplateId) -> &'static [(ReasonKey, &'static str)] {
    match t {
        TemplateId::Standard => &REASONS,
        TemplateId::Shanghai => &SHANGHAI_REASONS,
    }
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

/// One span: plain text, a figure (explains itself) or a written text (edits itself).
fn span_html(
    span: &Span,
    on_span: Option<&Callback<(String, String)>>,
    hidden: &[String],
    l: Lang,
) -> Html {
    let (key, text, written) = match span {
        Span::Text(t) => return html! { <>{ t }</> },
        // Practice: an answer still to be worked out, or a figure that would give it away.
        Span::Figure { key, .. } if crate::core::practice::masks(hidden, key) => {
            return html! { <span class="masked" title={tr(l, "练习中：答对后显示")}>{ tr(l, "？") }</span> }
        }
        Span::Figure { key, text } => (key, text, false),
        Span::Written { key, text } => (key, text, true),
    };
    let Some(cb) = on_span else {
        return html! { <span>{ text }</span> };
    };
    let emit = |k: &String, t: &String| {
        let (cb, k, t) = (cb.clone(), k.clone(), t.clone());
        move || cb.emit((k.clone(), t.clone()))
    };
    let click = {
        let emit = emit(key, text);
        Callback::from(move |_: MouseEvent| emit())
    };
    // Focusing a figure explains it too (keyboard users).
    let focus = (!written).then(|| {
        let emit = emit(key, text);
        Callback::from(move |_: FocusEvent| emit())
    });
    html! {
        <button type="button" class={if written { "reason" } else { "fig" }} data-key={key.clone()}
            title={if written { tr(l, "点击编辑文字") } else { tr(l, "点击查看计算过程") }}
            onclick={click} onfocus={focus}>{ text }</button>
    }
}

/// The narrative. `on_span` (when interactive) receives clicks and focus on figures and
/// written texts; `inline` replaces the spans with this key by an editor (a text being
/// edited: the first such span becomes the editor, the others are left out).
pub fn narrative_html(
    sections: &[Section],
    on_span: Option<&Callback<(String, String)>>,
    inline: Option<(&str, Html)>,
    hidden: &[String],
    l: Lang,
) -> Html {
    let mut placed = false;
    let mut spans = |p: &Vec<Span>| -> Vec<Html> {
        p.iter()
            .filter_map(|span| match (span, &inline) {
                (Span::Written { key, .. }, Some((k, editor))) if key == k => {
                    (!std::mem::replace(&mut placed, true)).then(|| editor.clone())
                }
                _ => Some(span_html(span, on_span, hidden, l)),
            })
            .collect()
    };
    let mut out = Vec::with_capacity(sections.len());
    for s in sections {
        let paragraphs: Vec<Html> = s
            .paragraphs
            .iter()
            .map(&mut spans)
            .filter(|inner| !inner.is_empty())
            .map(|inner| html! { <p>{ for inner }</p> })
            .collect();
        out.push(html! {
            <section class="nsec" data-section={s.key}>
                <h3>{ &s.title }</h3>
                { for paragraphs }
            </section>
        });
    }
    html! { { for out } }
}

/// The editor of the written text being edited, where the narrative shows it: Enter
/// saves a reason (Ctrl+Enter a longer text), Esc cancels.
fn inline_editor(state: &UseReducerHandle<State>, node: &NodeRef) -> Option<(String, Html)> {
    let l = state.lang;
    let (key, text) = state.editing_text.clone()?;
    let multiline = matches!(key, Written::Text(_));
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                state.dispatch(Action::EditWritten(Some((key, t.value()))));
            }
        })
    };
    let onblur = {
        let state = state.clone();
        Callback::from(move |_: FocusEvent| state.dispatch(Action::CommitWritten))
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            let save = e.key() == "Enter" && !e.is_composing() && (!multiline || e.ctrl_key());
            if e.key() == "Escape" {
                e.prevent_default();
                state.dispatch(Action::EditWritten(None));
            } else if save {
                e.prevent_default();
                state.dispatch(Action::CommitWritten);
            }
        })
    };
    let hint = if multiline {
        tr(l, "编辑文字（Ctrl+Enter 保存，Esc 取消）")
    } else {
        tr(l, "编辑原因（Enter 保存，Esc 取消）")
    };
    let rows = if multiline { "5" } else { "2" };
    Some((
        key.span_key(),
        html! {
            <textarea id="inline-reason" ref={node.clone()} class="inline-reason" rows={rows}
                aria-label={hint} value={text} oninput={oninput} onblur={onblur}
                onkeydown={onkeydown} maxlength="20000" />
        },
    ))
}

/// A field below the narrative for a written text; it saves when left.
fn written_field(state: &UseReducerHandle<State>, key: Written, label: &'static str) -> Html {
    let l = state.lang;
    let current = key.stored(&state.budget());
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                let cmd = key.command(&state.budget(), t.value().trim().to_string());
                state.dispatch(Action::Apply(cmd, None));
            }
        })
    };
    let id = key.span_key().replace(':', "-");
    let (rows, max, placeholder) = match key {
        Written::Reason(_) | Written::Item(_, ItemText::Reason) => {
            ("2", "2000", "未填写：有增减变动时请说明原因")
        }
        Written::Item(_, ItemText::Purpose) => ("2", "2000", "未填写：主要用于……"),
        Written::Text(_) => ("4", "20000", "未填写"),
    };
    html! {
        <div class="reason-field" key={format!("{id}:{current}")}>
            <label for={id.clone()}>{ tr(l, label) }</label>
            <textarea id={id} lang="zh-CN" rows={rows} defaultvalue={current} onchange={onchange}
                placeholder={tr(l, placeholder)} maxlength={max} />
        </div>
    }
}

/// 政府采购 (货物, 工程, 服务) in the unit on screen, each one undoable change.
fn procurement_fields(state: &UseReducerHandle<State>) -> Html {
    let l = state.lang;
    let current = state.budget().procurement.clone();
    let on_error = {
        let state = state.clone();
        Callback::from(move |m: String| state.dispatch(Action::Notice(Some(Notice::Error(m)))))
    };
    html! {
        <div class="procurement-fields">
            { for ProcurementPart::ALL.iter().map(|part| {
                let part = *part;
                let label = part.label();
                let on_commit = {
                    let (state, current) = (state.clone(), current.clone());
                    Callback::from(move |v: Option<Money>| {
                        let p = current.with(part, v.unwrap_or_default());
                        state.dispatch(Action::Apply(Command::SetProcurement(p), Some("修改政府采购预算".into())));
                    })
                };
                html! {
                    <label class="amount-field">
                        <span>{ tr(l, label) }</span>
                        <AmountInput value={Some(current.get(part))} unit={state.unit} label={tr(l, label)}
                            col="procurement" on_commit={on_commit} on_error={on_error.clone()} lang={l} />
                    </label>
                }
            }) }
        </div>
    }
}

/// Per 一般公共预算 项 (上海's section 二): purpose, 上年执行数 and reason.
fn item_fields(state: &UseReducerHandle<State>, report: &Report) -> Html {
    let l = state.lang;
    let items = &report.summary.by_budget.items;
    let on_error = {
        let state = state.clone();
        Callback::from(move |m: String| state.dispatch(Action::Notice(Some(Notice::Error(m)))))
    };
    html! {
        <section class="reasons items" aria-label={tr(l, "功能分类项说明")} data-testid="item-fields">
            <h3>{ tr(l, "功能分类项说明（二）") }</h3>
            if items.is_empty() {
                <p class="muted">{ tr(l, "还没有一般公共预算安排的功能分类项：录入明细后，每个项在这里填写主要用途、上年执行数和增减原因。") }</p>
            }
            { for items.iter().map(|item| {
                let code = item.code.to_string();
                let executed = state.budget().items.get(&code).and_then(|n| n.executed);
                let on_commit = {
                    let (state, code) = (state.clone(), code.clone());
                    Callback::from(move |v: Option<Money>| {
                        let note = state.budget().items.get(&code).cloned().unwrap_or_default();
                        let cmd = Command::SetItemNote { code: code.clone(), note: ItemNote { executed: v, ..note } };
                        state.dispatch(Action::Apply(cmd, Some("修改功能分类项的上年执行数".into())));
                    })
                };
                let label = tf(l, "{}上年执行数", &[&code]);
                html! {
                    <div class="item-note" key={code.clone()} data-code={code.clone()}>
                        <h4 lang="zh-CN">{ format!("{} {}（{}万元）", code, item.names.join(" / "), item.amount.display(Unit::Wan)) }</h4>
                        { written_field(state, Written::Item(item.code, ItemText::Purpose), "主要用途") }
                        <label class="amount-field">
                            <span>{ tf(l, "上年当年预算执行数（{}）", &[&tr(l, state.unit.label())]) }</span>
                            <AmountInput value={executed} unit={state.unit} label={label}
                                col="executed" on_commit={on_commit} on_error={on_error.clone()} lang={l} />
                        </label>
                        { written_field(state, Written::Item(item.code, ItemText::Reason), "增减原因") }
                    </div>
                }
            }) }
        </section>
    }
}

/// 国有资产 as counts: vehicles by category and equipment of 100万元 or more per unit,
/// held at the end of last year and to be bought this year.
fn asset_fields(state: &UseReducerHandle<State>) -> Html {
    let l = state.lang;
    let facts = state.budget().asset_facts.clone();
    let count_input = |value: u32,
                       label: String,
                       apply: Rc<dyn Fn(AssetFacts, u32) -> AssetFacts>| {
        let (state, facts) = (state.clone(), facts.clone());
        let onchange = Callback::from(move |e: Event| {
            let Some(i) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let text = i.value();
            match parse_count(&text) {
                Ok(n) => {
                    let cmd = Command::SetAssetFacts(apply(facts.clone(), n));
                    state.dispatch(Action::Apply(cmd, Some("修改国有资产数量".into())));
                }
                Err(msg) => {
                    i.set_value(&value.to_string());
                    state.dispatch(Action::Notice(Some(Notice::Error(msg))));
                }
            }
        });
        html! {
            <input type="text" inputmode="numeric" class="count" aria-label={label} key={format!("{value}")}
                value={value.to_string()} onchange={onchange} size="6" />
        }
    };
    html! {
        <section class="reasons assets" aria-label={tr(l, "国有资产（数量）")} data-testid="asset-fields">
            <h3>{ tr(l, "国有资产（数量）") }</h3>
            <table class="counts">
                <thead><tr><th>{ tr(l, "类别") }</th><th>{ tr(l, "上年末实有") }</th><th>{ tr(l, "本年拟购置") }</th></tr></thead>
                <tbody>
                    { for VehicleKind::ALL.iter().map(|k| {
                        let k = *k;
                        let cell = |new: bool| count_input(
                            facts.vehicles(new, k),
                            format!("{}（{}）", tr(l, k.label()), tr(l, if new { "本年拟购置" } else { "上年末实有" })),
                            Rc::new(move |f: AssetFacts, n| f.with_vehicles(new, k, n)),
                        );
                        html! { <tr><th scope="row" lang="zh-CN">{ k.label() }</th><td>{ cell(false) }</td><td>{ cell(true) }</td></tr> }
                    }) }
                    <tr>
                        <th scope="row">{ tr(l, "单价100万元（含）以上设备（台、套）") }</th>
                        <td>{ count_input(facts.equipment_held.unwrap_or(0), tr(l, "单价100万元以上设备（上年末实有）").into(),
                            Rc::new(|f: AssetFacts, n| AssetFacts { equipment_held: Some(n), ..f })) }</td>
                        <td>{ count_input(facts.equipment_new.unwrap_or(0), tr(l, "单价100万元以上设备（本年拟购置）").into(),
                            Rc::new(|f: AssetFacts, n| AssetFacts { equipment_new: Some(n), ..f })) }</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

/// What a click on a span does: edit a written text, else explain the figure.
fn span_callback(state: &UseReducerHandle<State>) -> Callback<(String, String)> {
    let state = state.clone();
    Callback::from(
        move |(key, _): (String, String)| match Written::from_span_key(&key) {
            Some(w) if state.mode.editable() => {
                let text = w.stored(&state.budget());
                state.dispatch(Action::EditWritten(Some((w, text))))
            }
            Some(_) => {}
            None => state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key)))),
        },
    )
}

/// The fields below the narrative: every written text and 政府采购. They save on change
/// (leaving the field) and are remounted when the stored text changes elsewhere.
fn fields(state: &UseReducerHandle<State>, report: &Report) -> Html {
    let l = state.lang;
    let template = state.budget().template;
    let texts = [
        (TextField::Duties, "本单位职责（概况一）"),
        (TextField::Organisation, "机构设置情况（概况二）"),
        (TextField::Assets, "国有资产占有使用情况"),
    ];
    html! {
        <>
            <section class="reasons" aria-label={tr(l, "变动原因")}>
                <h3>{ tr(l, "变动原因") }</h3>
                { for reasons_of(template).iter().map(|(k, label)| written_field(state, Written::Reason(*k), label)) }
            </section>
            if template == TemplateId::Shanghai {
                { item_fields(state, report) }
                { asset_fields(state) }
            }
            <section class="reasons" aria-label={tr(l, "政府采购")}>
                <h3>{ tf(l, "政府采购（{}）", &[&tr(l, state.unit.label())]) }</h3>
                { procurement_fields(state) }
            </section>
            <section class="reasons" aria-label={tr(l, "概况与国有资产")}>
                <h3>{ tr(l, "概况与国有资产") }</h3>
                { for texts.iter().map(|(f, label)| written_field(state, Written::Text(*f), label)) }
            </section>
            if template == TemplateId::Standard {
                <section class="reasons" aria-label={tr(l, "其他说明")} data-testid="other-notes">
                    <h3>{ tr(l, "其他说明（十二）") }</h3>
                    <h4>{ tr(l, "（一）政府购买服务") }</h4>
                    <crate::ui::views::services::ServicesFields state={state.clone()} />
                    { written_field(state, Written::Text(TextField::PurchaseServices), "政府购买服务说明") }
                    { written_field(state, Written::Text(TextField::OtherNotes), "（二）其他") }
                </section>
            }
        </>
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
        let open = state.editing_text.as_ref().map(|(k, _)| *k);
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
    let on_span = span_callback(state);
    let editable = state.mode.editable();
    let (year, word) = {
        let b = state.budget();
        (b.unit.year, b.kind.word())
    };
    let inline = inline_editor(state, &inline_ref);
    let inline_ref_of = || inline.as_ref().map(|(k, h)| (k.as_str(), h.clone()));
    let report = &props.report;
    let (hidden, _) = crate::ui::practice::hidden(state, report);
    html! {
        <div class="narrative">
            if editable {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程；点击原因或说明文字即可修改，或在下方修改，情况说明随之更新。") }</p>
            } else {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程。") }</p>
            }
            // The document is the official Chinese text: not translated.
            <div lang="zh-CN">
                <h2>{ "概况" }</h2>
                { narrative_html(&report.overview, Some(&on_span), inline_ref_of(), &hidden, l) }
                if editable && report.overview.iter().all(|s| s.text() == NOT_WRITTEN) {
                    <p class="muted">{ "（本单位职责、机构设置情况未填写，可在下方填写）" }</p>
                }
                <h2>{ format!("{year}年度{word}预算情况说明") }</h2>
                { narrative_html(&report.narrative, Some(&on_span), inline_ref_of(), &hidden, l) }
            </div>
            if editable { { fields(state, report) } }
        </div>
    }
}
