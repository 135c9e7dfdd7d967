//! Autosave: every scenario is written to the browser's localStorage (as the native JSON
//! file, version 2, compact) shortly after every change, and restored on the next visit; data
//! stored by older versions (one budget, file version 1) migrates when read. Stored data that cannot be
//! read is never overwritten: it is copied aside first and offered for download.

use crate::core::domain::workspace::Workspace;
use crate::core::formats::file;
use wasm_bindgen::JsValue;

/// The key of the saved scenarios (the file format carries its own version).
pub const KEY: &str = "yusuan.budget";
const KEPT_PREFIX: &str = "yusuan.kept.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// What was found in storage at start.
pub enum Loaded {
    Nothing,
    Restored(Box<Workspace>),
    /// Unreadable data, kept under another key (or left in place if that failed, in which
    /// case autosave stays off so it is not overwritten).
    Unreadable {
        text: String,
        problem: String,
        kept_aside: bool,
    },
}

pub fn load() -> Loaded {
    let Some(s) = storage() else {
        return Loaded::Nothing;
    };
    let Some(text) = s.get_item(KEY).ok().flatten() else {
        return Loaded::Nothing;
    };
    match file::read(&text) {
        Ok(ws) => Loaded::Restored(Box::new(ws)),
        Err(e) => {
            let kept_key = format!("{KEPT_PREFIX}{}", js_sys::Date::now() as u64);
            let kept_aside = s.set_item(&kept_key, &text).is_ok() && s.remove_item(KEY).is_ok();
            Loaded::Unreadable {
                text,
                problem: e.to_string(),
                kept_aside,
            }
        }
    }
}

/// Saves every scenario; the error is a message for the user.
pub fn save(ws: &Workspace) -> Result<(), String> {
    let s = storage().ok_or_else(|| "浏览器不允许本页使用本地存储，自动保存未开启".to_string())?;
    s.set_item(KEY, &file::write(ws, false)).map_err(|e| {
        let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if name.contains("Quota") {
            "浏览器存储空间已满，自动保存失败；本页数据仍在，请勿关闭页面".to_string()
        } else {
            format!("自动保存失败（{name}）；本页数据仍在，请勿关闭页面")
        }
    })
}

/// A `blob:` URL (same origin) to download `text` as a JSON file.
pub fn download_url(text: &str) -> Option<String> {
    blob_url(text, "application/json")
}

/// A `blob:` URL (same origin) for `text` of this MIME type.
pub fn blob_url(text: &str, mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// A `blob:` URL (same origin) for bytes of this MIME type.
pub fn bytes_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}
