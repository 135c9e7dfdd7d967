//! The panels module (issue 26; built by Trunk from index.html with `data-type="worker"` so
//! that it is built apart and not started with the page, but loaded into the page itself by
//! `ui::lazy` the first time 核对文档 or 基本支出测算 is opened). Views a first paint never
//! shows live here, so that the page's first module does not carry them: `ui::panels` has
//! the panels and the protocol.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    /// Mounts panel `kind` in `host`; see `yusuan::ui::panels::mount`.
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::Element,
        kind: String,
        input: String,
        send: js_sys::Function,
    ) -> Result<u32, JsValue> {
        yusuan::ui::panels::mount(host, &kind, &input, send).map_err(|e| JsValue::from_str(&e))
    }

    /// Fetches and installs this module's English catalogue (the page's is in the page's
    /// memory): the page waits for it before mounting a panel in English.
    #[wasm_bindgen]
    pub async fn english() -> Result<(), JsValue> {
        yusuan::ui::panels::english()
            .await
            .map_err(|e| JsValue::from_str(&e))
    }

    /// A new input for panel `id`.
    #[wasm_bindgen]
    pub fn update(id: u32, input: String) -> Result<(), JsValue> {
        yusuan::ui::panels::update(id, &input).map_err(|e| JsValue::from_str(&e))
    }

    /// Takes panel `id` away.
    #[wasm_bindgen]
    pub fn unmount(id: u32) {
        yusuan::ui::panels::unmount(id)
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    yusuan::ui::panels::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("panels 是网页按需载入的模块，不能单独运行。");
}
