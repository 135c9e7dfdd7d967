//! An amount field outside the grid: takes what grid cells take (`3,402.75`, `340.2万`,
//! `=120+35*2`, full-width digits) in the unit on screen. Enter or leaving the field
//! commits; Enter then moves to the field below (same `data-col`); Esc puts the old value
//! back. A refused value keeps the old one, marks the field and says why.

use crate::core::domain::money::{Money, Unit};
use crate::core::present::i18n::{translate, Lang};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AmountProps {
    /// The stored value; `None` shows an empty field.
    pub value: Option<Money>,
    pub unit: Unit,
    /// What the field is, for screen readers (and messages).
    pub label: AttrValue,
    /// Ids of the elements that name the field (a row's name and a column's heading);
    /// when given, they name it instead of `label`.
    #[prop_or_default]
    pub labelledby: Option<AttrValue>,
    /// Whether the field may be left empty (`None`); else empty means zero.
    #[prop_or_default]
    pub optional: bool,
    pub on_commit: Callback<Option<Money>>,
    /// Told why a value was refused.
    pub on_error: Callback<String>,
    /// Fields of one column share it: Enter moves down to the next of them.
    #[prop_or_default]
    pub col: AttrValue,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// Shown in an empty field (default: “0.00” where empty means zero, nothing where it
    /// means “not entered”).
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// The input's id (for a `<label for>`).
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub lang: Lang,
}

/// The text a stored value shows as: at least two decimals; zero as an empty field with
/// a placeholder where empty means zero (a field showing “0” made a typed 35 into 350
/// when the caret landed before the zero), and empty where nothing is entered.
fn shown(value: Option<Money>, unit: Unit, optional: bool) -> String {
    match value {
        Some(m) if m.is_zero() && !optional => String::new(),
        Some(m) => m.field_text(unit),
        None => String::new(),
    }
}

/// Moves focus to the next field of the same column, in document order.
fn focus_next_in_column(input: &HtmlInputElement, col: &str) {
    if col.is_empty() {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(all) = doc.query_selector_all(&format!("input[data-col=\"{col}\"]")) else {
        return;
    };
    let mut seen = false;
    for i in 0..all.length() {
        let Some(el) = all.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) else {
            continue;
        };
        if seen {
            let _ = el.focus();
            return;
        }
        seen = el.is_same_node(Some(input));
    }
}

#[function_component(AmountInput)]
pub fn amount_input(p: &AmountProps) -> Html {
    let error = use_state(|| None::<String>);
    let text = shown(p.value, p.unit, p.optional);
    let commit = {
        let (value, unit, optional) = (p.value, p.unit, p.optional);
        let (on_commit, on_error, error) = (p.on_commit.clone(), p.on_error.clone(), error.clone());
        let label = p.label.to_string();
        move |input: &HtmlInputElement| {
            let typed = input.value();
            let parsed = if typed.trim().is_empty() {
                Ok(if optional { None } else { Some(Money::ZERO) })
            } else {
                Money::parse_in(&typed, unit).map(Some)
            };
            match parsed {
                Ok(v) => {
                    error.set(None);
                    if v != value {
                        on_commit.emit(v);
                    }
                }
                Err(e) => {
                    let msg = format!("{label}未修改：{e}");
                    input.set_value(&shown(value, unit, optional));
                    error.set(Some(msg.clone()));
                    on_error.emit(msg);
                }
            }
        }
    };
    let onchange = {
        let commit = commit.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                commit(&input);
            }
        })
    };
    let onkeydown = {
        let (col, old) = (p.col.to_string(), text.clone());
        Callback::from(move |e: KeyboardEvent| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            match e.key().as_str() {
                "Enter" if !e.is_composing() => {
                    e.prevent_default();
                    // Leaving the field commits it (the change event); the next field of
                    // the column takes the focus.
                    let _ = input.blur();
                    focus_next_in_column(&input, &col);
                }
                "Escape" => {
                    input.set_value(&old);
                }
                _ => {}
            }
        })
    };
    // Focusing a field selects what it holds, so typing replaces it (as in a spreadsheet).
    // The mouse-up of the click that focused it would put the caret where it landed and
    // undo the selection: that one mouse-up is ignored; later clicks place the caret.
    let just_focused = use_mut_ref(|| false);
    let onfocus = {
        let just_focused = just_focused.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                input.select();
                *just_focused.borrow_mut() = true;
            }
        })
    };
    let onmouseup = Callback::from(move |e: MouseEvent| {
        if std::mem::take(&mut *just_focused.borrow_mut()) {
            e.prevent_default();
        }
    });
    let l = p.lang;
    let placeholder = p
        .placeholder
        .clone()
        .unwrap_or(AttrValue::Static(if p.optional { "" } else { "0.00" }));
    html! {
        <input class={classes!("amount", error.is_some().then_some("invalid"))} inputmode="decimal"
            placeholder={placeholder} onfocus={onfocus} onmouseup={onmouseup} id={p.id.clone()}
            key={format!("{}:{text}", p.label)} value={text.clone()}
            aria-label={p.labelledby.is_none().then(|| p.label.clone())}
            aria-labelledby={p.labelledby.clone()} data-col={p.col.clone()}
            data-testid={p.testid.clone()}
            aria-invalid={error.is_some().then_some("true")}
            title={(*error).as_ref().map(|m| translate(l, m))}
            onchange={onchange} onkeydown={onkeydown} />
    }
}
