//! The English interface is not in the app's wasm: its catalogue (`en.json`, beside the
//! page, written from `core/present/i18n/catalogue.rs`) is fetched the first time English
//! is chosen, by the button or by `lang=en` (then before the app first renders, so an
//! English page never shows Chinese first). A Chinese page does not download it.

use crate::core::present::i18n::{self, Lang};
use crate::ui::state::{Action, Notice, State};
use yew::prelude::*;

/// Where the catalogue is, relative to the page: its content-hashed name from
/// `<meta name="yusuan-en">` (as for the codec worker), `en.json` without the tag.
fn catalogue() -> String {
    crate::ui::embed::built_file("yusuan-en", "./en.json")
}

/// Fetches and installs the catalogue unless it is in already.
pub async fn load_english() -> Result<(), String> {
    if i18n::installed() {
        return Ok(());
    }
    let text = crate::ui::embed::fetch_text(&catalogue()).await?;
    i18n::install(&text).map(|_| ())
}

/// Shows the interface in English, fetching the catalogue first when needed; if it cannot
/// be had, the page stays Chinese and says why.
pub fn switch_to_english(state: UseReducerHandle<State>) {
    if i18n::installed() {
        state.dispatch(Action::SetLang(Lang::En));
        return;
    }
    state.dispatch(Action::Notice(Some(Notice::Info(
        "正在载入英文界面…".into(),
    ))));
    wasm_bindgen_futures::spawn_local(async move {
        match load_english().await {
            Ok(()) => {
                state.dispatch(Action::Notice(None));
                state.dispatch(Action::SetLang(Lang::En));
            }
            Err(e) => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                "无法载入英文界面（{e}），仍显示中文"
            ))))),
        }
    });
}
