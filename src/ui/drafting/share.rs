//! Share links: making one (in the codec worker) and opening one from the address.

use crate::core::formats::file;
use crate::core::present::i18n::{tf, tr};
use crate::ui::codec::{self, Payload};
use crate::ui::shared::{notice_error, StateProps};
use crate::ui::state::{Action, Notice, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The page's address without its fragment, for share links.
pub(crate) fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The share link just made, ready to copy.
#[function_component(ShareBar)]
pub fn share_bar(props: &StateProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let Some(url) = state.share_link.clone() else {
        return html! {};
    };
    let copy = {
        let state = state.clone();
        let url = url.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(w) = web_sys::window() else { return };
            let copied = w.navigator().clipboard().write_text(&url);
            let state = state.clone();
            // Say “copied” only when the browser did copy (it may refuse without permission).
            wasm_bindgen_futures::spawn_local(async move {
                let notice = match wasm_bindgen_futures::JsFuture::from(copied).await {
                    Ok(_) => Notice::Info("链接已复制".into()),
                    Err(_) => Notice::Error("浏览器不允许复制，请选中上面的链接后按 Ctrl+C".into()),
                };
                state.dispatch(Action::Notice(Some(notice)));
            });
        })
    };
    let select = Callback::from(|e: FocusEvent| {
        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
            i.select();
        }
    });
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShareLink(None)))
    };
    html! {
        <section class="share-bar" aria-label={tr(l, "分享链接")}>
            <span>{ tf(l, "分享链接（{} 个字符）：", &[&url.chars().count()]) }</span>
            <input readonly=true value={url} data-testid="share-url" onfocus={select} aria-label={tr(l, "分享链接")} />
            <button type="button" onclick={copy} data-testid="share-copy">{ tr(l, "复制") }</button>
            <span class="muted">{ tr(l, "链接里包含本方案的全部数据，只在打开它的浏览器中解读，不会发送到服务器；打开时作为新方案加入，不覆盖已有数据。") }</span>
            <button type="button" class="close" aria-label={tr(l, "关闭")} onclick={close}>{ "✕" }</button>
        </section>
    }
}

/// Opens a share link in the page's address (at start, or when the fragment changes): the
/// scenario is added as a new one, never replacing anything, and the fragment is cleared.
pub fn open_share_link(state: UseReducerHandle<State>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    if !crate::core::formats::share::is_link(&hash) {
        return;
    }
    // Clear the fragment first, so a reload does not add the scenario twice.
    if let Ok(h) = window.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page_address()));
    }
    wasm_bindgen_futures::spawn_local(async move {
        let fragment = hash.trim_start_matches('#').to_string();
        let result = codec::text("share_decode", Payload::Text(fragment))
            .await
            .and_then(|text| file::read(&text).map_err(|e| e.to_string()));
        match result {
            Ok(ws) => {
                let parts: Vec<_> = ws
                    .into_parts()
                    .into_iter()
                    .map(|(name, b)| (format!("{name}（分享）"), b))
                    .collect();
                let name = parts.first().map(|p| p.0.clone()).unwrap_or_default();
                state.dispatch(Action::AddScenarios(
                    parts,
                    format!("已从分享链接添加方案“{name}”（原有方案未改变）"),
                ));
            }
            Err(e) => notice_error(&state, format!("无法打开分享链接：{e}。当前数据未改变")),
        }
    });
}
