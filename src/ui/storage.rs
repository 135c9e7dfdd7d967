//! Autosave: every scenario is written to the browser's localStorage (as the native JSON
//! file, compact) shortly after every change, and restored on the next visit; data
//! stored by older versions (one budget, file version 1) migrates when read. Stored data that cannot be
//! read is never overwritten: it is copied aside first and offered for download.
//!
//! Several tabs (docs/MULTI-TAB.md): this tab remembers the text it last read or wrote
//! (`SYNCED`). When the stored text differs from it, another tab saved in between: the
//! two are merged (`core::formats::merge`) before anything is written, so no tab's save
//! ever replaces another tab's edits.

use crate::core::domain::workspace::Workspace;
use crate::core::formats::{file, merge};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// What this tab knows of the stored text: the text it last read or wrote, and the text
/// its last save was merged onto (for a sibling save of another tab, written at the same
/// time from the same text).
#[derive(Default)]
struct Sync {
    synced: Option<String>,
    previous: Option<String>,
}

thread_local! {
    static SYNC: RefCell<Sync> = RefCell::new(Sync::default());
}

fn synced() -> Option<String> {
    SYNC.with(|c| c.borrow().synced.clone())
}

fn set_synced(text: String) {
    SYNC.with(|c| c.borrow_mut().synced = Some(text));
}

/// The workspace this tab starts from when nothing was stored: the base against which
/// another tab's first save is merged.
pub fn start_from(ws: &Workspace) {
    if synced().is_none() {
        set_synced(file::write(ws, false));
    }
}

/// This tab's workspace merged with another tab's save.
pub struct Merged {
    pub ws: Workspace,
    /// Scenarios changed in both tabs at the same place (both versions kept).
    pub conflicts: Vec<String>,
}

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
        Ok(ws) => {
            set_synced(text);
            Loaded::Restored(Box::new(ws))
        }
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

/// Saves every scenario, first merging what another tab stored since this tab last read
/// or wrote (then the merged workspace is returned, to be shown); the error is a message
/// for the user.
pub fn save(ws: &Workspace) -> Result<Option<Merged>, String> {
    let s = storage().ok_or_else(|| "浏览器不允许本页使用本地存储，自动保存未开启".to_string())?;
    let stored = s.get_item(KEY).ok().flatten();
    let merged = match &stored {
        Some(theirs) if Some(theirs) != synced().as_ref() => merged_with(ws, theirs, &s),
        _ => None,
    };
    // The text this save is merged onto: what was stored, else where this tab started.
    let parent = stored.or_else(synced);
    let file = file::write(merged.as_ref().map_or(ws, |m| &m.ws), false);
    let text = merge::stamp(&file, parent.as_deref());
    s.set_item(KEY, &text).map_err(|e| save_error(&e))?;
    SYNC.with(|c| {
        *c.borrow_mut() = Sync {
            synced: Some(text),
            previous: parent,
        }
    });
    Ok(merged)
}

/// Another tab stored `theirs` (a storage event): this tab's workspace merged with it, or
/// `None` when there is nothing new. The merged workspace is written by the next autosave.
pub fn remote(ws: &Workspace, theirs: &str) -> Option<Merged> {
    if Some(theirs) == synced().as_deref() {
        return None;
    }
    let s = storage()?;
    // A late event: storage holds something newer already (perhaps this tab's own save,
    // which merged `theirs`); the event for that newer text follows.
    if s.get_item(KEY).ok().flatten().as_deref() != Some(theirs) {
        return None;
    }
    let merged = merged_with(ws, theirs, &s);
    set_synced(theirs.to_string());
    merged
}

/// The merge of this tab's workspace with another tab's stored text, on the base that text
/// descends from. Unreadable stored text is kept aside (like at start) and this tab's
/// workspace is saved over it.
fn merged_with(ws: &Workspace, theirs: &str, s: &web_sys::Storage) -> Option<Merged> {
    let base = SYNC.with(|c| {
        let c = c.borrow();
        merge::base_for(theirs, c.synced.as_deref(), c.previous.as_deref()).to_string()
    });
    match merge::merge(&base, ws, theirs) {
        Ok(m) => {
            let merged = ws.replaced(m.parts, m.current).ok()?;
            // Nothing new for this tab (the other tab stored what this one shows).
            (merged != *ws || !m.conflicts.is_empty()).then_some(Merged {
                ws: merged,
                conflicts: m.conflicts,
            })
        }
        Err(_) => {
            let kept_key = format!("{KEPT_PREFIX}{}", js_sys::Date::now() as u64);
            let _ = s.set_item(&kept_key, theirs);
            None
        }
    }
}

fn save_error(e: &JsValue) -> String {
    let name = js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name.contains("Quota") {
        "浏览器存储空间已满，自动保存失败；本页数据仍在，请勿关闭页面".to_string()
    } else {
        format!("自动保存失败（{name}）；本页数据仍在，请勿关闭页面")
    }
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
