//! Pieces shared by several views: the props every figure-showing view takes, reading
//! form controls, official-text marking, and downloads (same-origin `blob:` links).

use crate::core::domain::command::Command;
use crate::core::figures::report::{Options, Report};
use crate::core::present::i18n::{tr, Lang};
use crate::ui::state::{Action, Notice, State};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties)]
pub struct ViewProps {
    pub state: UseReducerHandle<State>,
    pub report: Rc<Report>,
}

impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.report, &other.report)
    }
}

#[derive(Properties, PartialEq)]
pub struct StateProps {
    pub state: UseReducerHandle<State>,
}

/// `lang="zh-CN"` for a text that still holds Chinese after translation (an official name
/// inside an English sentence), so that screen readers and fonts treat it right.
pub fn official(text: &str) -> Option<&'static str> {
    crate::core::present::i18n::has_cjk(text).then_some("zh-CN")
}

pub(crate) fn notice_error(state: &UseReducerHandle<State>, msg: String) {
    state.dispatch(Action::Notice(Some(Notice::Error(msg))));
}

pub(crate) fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

pub(crate) fn input_value(e: &InputEvent) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The file a user chose in an `<input type=file>`; the input is reset so that the same
/// file can be chosen again later.
pub(crate) fn chosen_file(e: &Event) -> Option<web_sys::File> {
    let input = e.target_dyn_into::<HtmlInputElement>()?;
    let file = input.files().and_then(|f| f.get(0))?;
    input.set_value("");
    Some(file)
}

/// Offers `text` as a download named `name`; a failure is shown in the status bar.
pub(crate) fn offer_download(state: &UseReducerHandle<State>, text: &str, name: &str) {
    if let Err(msg) = download(text, name) {
        state.dispatch(Action::Notice(Some(Notice::Error(msg))));
    }
}

/// Offers `text` as a file download (a same-origin `blob:` link; nothing is sent anywhere).
pub(crate) fn download(text: &str, name: &str) -> Result<(), String> {
    let mime = if name.ends_with(".csv") {
        "text/csv;charset=utf-8"
    } else {
        "application/json"
    };
    let url = crate::ui::storage::blob_url(text, mime)
        .ok_or_else(|| "浏览器不允许下载文件".to_string())?;
    download_url(url, name)
}

/// Offers bytes (an XLSX workbook) as a download, like [`offer_download`].
pub(crate) fn offer_bytes(state: &UseReducerHandle<State>, bytes: &[u8], name: &str, mime: &str) {
    let url = crate::ui::storage::bytes_url(bytes, mime)
        .ok_or_else(|| "浏览器不允许下载文件".to_string());
    if let Err(msg) = url.and_then(|u| download_url(u, name)) {
        state.dispatch(Action::Notice(Some(Notice::Error(msg))));
    }
}

pub(crate) fn download_url(url: String, name: &str) -> Result<(), String> {
    let fail = || "浏览器不允许下载文件".to_string();
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(fail)?;
    let a = document
        .create_element("a")
        .map_err(|_| fail())?
        .dyn_into::<web_sys::HtmlElement>()
        .map_err(|_| fail())?;
    a.set_attribute("href", &url).map_err(|_| fail())?;
    a.set_attribute("download", name).map_err(|_| fail())?;
    a.click();
    // Free the file's memory once the download has started.
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The report options the view shows figures with.
pub(crate) fn report_options(state: &State, all_tables: bool) -> Options {
    Options::new(state.unit, state.adjust, all_tables)
}

/// Applies a command with a message for the undo history; a refusal goes to the status bar.
pub(crate) fn apply(state: &UseReducerHandle<State>, cmd: Command, label: String) {
    state.dispatch(Action::Apply(cmd, Some(label)));
}

/// The `onchange` of a name field: an unchanged name does nothing; otherwise the field shows
/// the old name again until the command's result re-renders it (a refused name so stays
/// the old one, and the notice says why). `what` names the thing in the undo label
/// (“资金来源”, “预算单位”).
pub(crate) fn rename_on_change(
    state: &UseReducerHandle<State>,
    what: &'static str,
    old: String,
    command: impl Fn(String) -> Command + 'static,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
            return;
        };
        let name = input.value();
        if name.trim() == old {
            return;
        }
        input.set_value(&old);
        let label = format!("{what}“{old}”改名为“{}”", name.trim());
        apply(&state, command(name), label);
    })
}

/// The triggers of an “add by name” row: its button and Enter in the name field (not while
/// an IME is composing). `add` gets the trimmed name; the field is emptied afterwards.
pub(crate) fn add_by_name(
    name_ref: &NodeRef,
    add: impl Fn(String) + 'static,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let name_ref = name_ref.clone();
    let add = Rc::new(move || {
        let Some(input) = name_ref.cast::<HtmlInputElement>() else {
            return;
        };
        add(input.value().trim().to_string());
        input.set_value("");
    });
    let onclick = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && !e.is_composing() {
            e.prevent_default();
            add();
        }
    });
    (onclick, onkeydown)
}

/// A panel's ways out: its ✕ button and Esc anywhere in it both dispatch `closing` (the
/// import, code-list and bulk-adjustment panels).
pub(crate) fn panel_close(
    state: &UseReducerHandle<State>,
    closing: impl Fn() -> Action + 'static,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let closing = Rc::new(closing);
    let onclick = {
        let (state, closing) = (state.clone(), closing.clone());
        Callback::from(move |_: MouseEvent| state.dispatch(closing()))
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                state.dispatch(closing());
            }
        })
    };
    (onclick, onkeydown)
}

/// The props of a panel over a file's sheets (导入明细, 导入科目表): equal when the state is
/// and the data is the same file.
#[derive(Properties)]
pub struct DataPanelProps {
    pub state: UseReducerHandle<State>,
    pub data: Rc<crate::ui::state::ImportData>,
}

impl PartialEq for DataPanelProps {
    fn eq(&self, o: &Self) -> bool {
        self.state == o.state && Rc::ptr_eq(&self.data, &o.data)
    }
}

/// What an “add by name” row says and how tests find it (a new fund source, a new 预算单位).
pub(crate) struct AddRow {
    pub placeholder: &'static str,
    pub name_label: &'static str,
    pub kind_label: &'static str,
    pub button: &'static str,
    /// `source` or `unit`: test ids `<it>-new-name`, `<it>-new-<kind_id>`, `<it>-add`.
    pub it: &'static str,
    pub kind_id: &'static str,
}

/// An “add by name” row: the name field, the choice of kind (`kinds`: key, label) and the
/// button; Enter in the name adds, as the button does.
pub(crate) fn add_row_html(
    l: Lang,
    row: &AddRow,
    name_ref: &NodeRef,
    kinds: Vec<(&'static str, &'static str, bool)>,
    on_kind: Callback<Event>,
    add: (Callback<MouseEvent>, Callback<KeyboardEvent>),
) -> Html {
    let (onclick, onkeydown) = add;
    html! {
        <div class="add-source">
            <input ref={name_ref.clone()} lang="zh-CN" placeholder={tr(l, row.placeholder)}
                aria-label={tr(l, row.name_label)} maxlength="2000" onkeydown={onkeydown}
                data-testid={format!("{}-new-name", row.it)} />
            <select aria-label={tr(l, row.kind_label)} onchange={on_kind}
                data-testid={format!("{}-new-{}", row.it, row.kind_id)}>
                { for kinds.into_iter().map(|(key, label, selected)| html! {
                    <option value={key} selected={selected}>{ tr(l, label) }</option>
                }) }
            </select>
            <button type="button" onclick={onclick} data-testid={format!("{}-add", row.it)}>{ tr(l, row.button) }</button>
        </div>
    }
}

/// The `onchange` of a select of keyed choices (a kind, a type): sets `chosen` to the choice.
pub(crate) fn choose<T: 'static>(
    chosen: &UseStateHandle<T>,
    from_key: fn(&str) -> Option<T>,
) -> Callback<Event> {
    let chosen = chosen.clone();
    Callback::from(move |e: Event| {
        if let Some(k) = from_key(&select_value(&e)) {
            chosen.set(k);
        }
    })
}

/// A callback that shows a message in the status bar.
pub(crate) fn error_callback(state: &UseReducerHandle<State>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |msg: String| state.dispatch(Action::Notice(Some(Notice::Error(msg)))))
}
