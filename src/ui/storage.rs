//! Autosave: every scenario is written to the browser's IndexedDB (`ui/idb.rs`: one record
//! per scenario, each save one transaction) shortly after every change, and restored on the
//! next visit. Where IndexedDB is missing or refused, the browser's localStorage keeps the
//! native JSON file (compact) instead, as earlier builds did; data they stored there
//! (any file version) migrates into IndexedDB on the first save. Stored data that cannot be
//! read is never overwritten: it is copied aside first and offered for download.
//!
//! Several tabs (docs/MULTI-TAB.md): this tab remembers the text it last read or wrote
//! (`SYNCED`). When the stored text differs from it, another tab saved in between: the
//! two are merged (`core::formats::merge`) before anything is written, so no tab's save
//! ever replaces another tab's edits.

use crate::core::domain::workspace::Workspace;
use crate::core::formats::{file, merge};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

/// What this tab knows of the stored text: the text it last read or wrote, and the text
/// its last save was merged onto (for a sibling save of another tab, written at the same
/// time from the same text). With IndexedDB, also the records as this tab last saw them.
#[derive(Default)]
struct Sync {
    synced: Option<String>,
    previous: Option<String>,
    meta: Option<String>,
    records: Vec<(String, Rc<str>)>,
}

thread_local! {
    static SYNC: RefCell<Sync> = RefCell::new(Sync::default());
    /// IndexedDB once it is open; `None`: localStorage.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

thread_local! {
    static SAVING: std::cell::Cell<(bool, bool)> = const { std::cell::Cell::new((false, false)) };
}

/// Starts a save unless one runs (then it is asked to run again when done).
pub fn begin_save() -> bool {
    SAVING.with(|c| {
        let (running, _) = c.get();
        c.set((true, running));
        !running
    })
}

/// Ends a save; `true` when another was asked for meanwhile (and so starts now).
pub fn end_save() -> bool {
    SAVING.with(|c| {
        let (_, again) = c.get();
        c.set((again, false));
        again
    })
}

fn db() -> Option<IdbDatabase> {
    DB.with(|d| d.borrow().clone())
}

/// The channel on which a tab says it saved to IndexedDB (which, unlike localStorage, has
/// no event of its own for other tabs).
pub const CHANNEL: &str = "yusuan.budget";

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
    match file::read_stored(&text) {
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

/// Saves every scenario, first merging what another tab stored since this tab last read or
/// wrote: `shown` gets the merged workspace before anything is written (so an edit typed
/// while the save runs lands on it); the error is a message for the user.
pub async fn save(ws: Rc<RefCell<Workspace>>, shown: impl Fn(Merged)) -> Result<(), String> {
    match db() {
        Some(db) => save_idb(&db, &ws, &shown).await,
        None => {
            let merged = save_local(&ws.borrow())?;
            merged.into_iter().for_each(shown);
            Ok(())
        }
    }
}

/// At once, without waiting (the page is being left): localStorage, whichever storage is
/// used. With IndexedDB the text there is a pending save that the next start merges in.
pub fn save_now(ws: &Workspace) {
    if db().is_some() {
        let parent = synced();
        let text = merge::records(ws, parent.as_deref()).text;
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, &text);
        }
    } else {
        let _ = save_local(ws);
    }
}

/// The localStorage save.
fn save_local(ws: &Workspace) -> Result<Option<Merged>, String> {
    let s = storage().ok_or_else(|| "浏览器不允许本页使用本地存储，自动保存未开启".to_string())?;
    let stored = s.get_item(KEY).ok().flatten();
    let merged = match &stored {
        Some(theirs) if Some(theirs) != synced().as_ref() => merged_with(ws, theirs, Some(&s)),
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
            ..Sync::default()
        }
    });
    Ok(merged)
}

/// The IndexedDB save: read the `meta` record; if another tab saved since, read every
/// record and merge; then write the scenarios that changed, remove the ones gone, and the
/// `meta` record, in one transaction.
async fn save_idb(
    db: &IdbDatabase,
    ws: &Rc<RefCell<Workspace>>,
    shown: &impl Fn(Merged),
) -> Result<(), String> {
    let meta = crate::ui::idb::read_meta(db)
        .await
        .map_err(|e| save_error(&e))?;
    let known = SYNC.with(|c| c.borrow().meta.clone());
    // The merged workspace is what is written, whether or not the view has taken it yet.
    let mut merged_ws = None;
    if meta.is_some() && meta != known {
        if let Some(theirs) = read_records(db).await.map_err(|e| save_error(&e))? {
            let merged = merged_with(&ws.borrow(), &theirs, None);
            set_synced(theirs);
            if let Some(m) = merged {
                merged_ws = Some(m.ws.clone());
                shown(m);
            }
        }
    }
    let parent = synced();
    let records = {
        let current = ws.borrow();
        let saving = merged_ws.as_ref().unwrap_or(&current);
        let records = merge::records_with(saving, parent.as_deref(), cached_body);
        remember_bodies(saving, &records.scenarios);
        records
    };
    let stored: std::collections::HashMap<String, Rc<str>> =
        SYNC.with(|c| c.borrow().records.iter().cloned().collect());
    let scenarios = records.scenarios;
    let put: Vec<(String, Rc<str>)> = scenarios
        .iter()
        .filter(|(n, b)| stored.get(n) != Some(b))
        .cloned()
        .collect();
    let delete: Vec<String> = stored
        .keys()
        .filter(|n| !scenarios.iter().any(|(m, _)| m == *n))
        .cloned()
        .collect();
    crate::ui::idb::write(db, &put, &delete, &records.meta)
        .await
        .map_err(|e| save_error(&e))?;
    SYNC.with(|c| {
        *c.borrow_mut() = Sync {
            synced: Some(records.text),
            previous: parent,
            meta: Some(records.meta.clone()),
            records: scenarios,
        }
    });
    // Saved in IndexedDB: a pending or earlier localStorage copy is no longer needed.
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
    announce(&records.meta);
    Ok(())
}

thread_local! {
    /// Each budget as last saved and its JSON: an unchanged budget is not serialised again.
    static BODIES: RefCell<Vec<(crate::core::domain::model::Budget, Rc<str>)>> =
        const { RefCell::new(Vec::new()) };
}

/// A budget's JSON: the one written last time when the budget is unchanged (looked for at
/// the same position first, scenarios rarely move).
fn cached_body(i: usize, b: &crate::core::domain::model::Budget) -> Rc<str> {
    let hit = BODIES.with(|c| {
        let c = c.borrow();
        c.get(i)
            .into_iter()
            .chain(c.iter())
            .find(|(saved, _)| saved == b)
            .map(|(_, body)| body.clone())
    });
    hit.unwrap_or_else(|| serde_json::to_string(b).unwrap_or_default().into())
}

fn remember_bodies(ws: &Workspace, bodies: &[(String, Rc<str>)]) {
    let kept = ws
        .scenarios()
        .iter()
        .zip(bodies)
        .map(|(s, (_, body))| (s.budget.clone(), body.clone()))
        .collect();
    BODIES.with(|c| *c.borrow_mut() = kept);
}

/// Every record read and put together as one stored text (and remembered as what this tab
/// last saw); `None` when nothing is stored or the records do not fit together.
async fn read_records(db: &IdbDatabase) -> Result<Option<String>, JsValue> {
    let (meta, records) = crate::ui::idb::read_all(db).await?;
    let Some(meta) = meta else {
        return Ok(None);
    };
    let text = merge::assemble(&meta, &records);
    SYNC.with(|c| {
        let mut c = c.borrow_mut();
        c.meta = Some(meta);
        c.records = records.into_iter().map(|(n, b)| (n, Rc::from(b))).collect();
    });
    Ok(text)
}

/// Tells the other tabs that this one saved.
fn announce(meta: &str) {
    if let Ok(ch) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = ch.post_message(&JsValue::from_str(meta));
        ch.close();
    }
}

/// Another tab saved to IndexedDB (a message on [`CHANNEL`]): this tab's workspace merged
/// with what is stored now, or `None` when there is nothing new.
pub async fn remote_idb(ws: Rc<RefCell<Workspace>>) -> Option<Merged> {
    let db = db()?;
    let meta = crate::ui::idb::read_meta(&db).await.ok()??;
    if Some(&meta) == SYNC.with(|c| c.borrow().meta.clone()).as_ref() {
        return None;
    }
    let theirs = read_records(&db).await.ok()??;
    let merged = merged_with(&ws.borrow(), &theirs, None);
    set_synced(theirs);
    merged
}

thread_local! {
    static GAVE_UP: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// IndexedDB did not answer in time (another tab blocking an upgrade, a stuck browser):
/// this page keeps to localStorage, even if IndexedDB answers later.
pub fn give_up() {
    GAVE_UP.with(|g| g.set(true));
    DB.with(|d| *d.borrow_mut() = None);
}

/// Whether the browser offers IndexedDB at all (it may still refuse to open it).
pub fn indexed_db_exists() -> bool {
    web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .is_some()
}

/// What the start found in IndexedDB.
pub enum Opened {
    /// IndexedDB cannot be used: localStorage stays.
    Unavailable,
    /// Nothing stored there yet (what localStorage held, if anything, moves in on the first
    /// save).
    Empty,
    Restored(Box<Workspace>),
    /// Records that do not read: left untouched, offered for download, not saved over.
    Unreadable {
        text: String,
        problem: String,
    },
}

/// Opens IndexedDB and reads what is stored there; a save left pending in localStorage when
/// a page was closed (see [`save_now`]) is merged in.
pub async fn open() -> Opened {
    let Ok(db) = crate::ui::idb::open().await else {
        return Opened::Unavailable;
    };
    let stored = match read_records(&db).await {
        Ok(t) => t,
        Err(_) => return Opened::Unavailable,
    };
    // Too late: the page went on with localStorage (see `give_up`); its data stays there.
    if GAVE_UP.with(|g| g.get()) {
        return Opened::Unavailable;
    }
    DB.with(|d| *d.borrow_mut() = Some(db));
    let Some(text) = stored else {
        return Opened::Empty;
    };
    match file::read_stored(&text) {
        Ok(ws) => {
            set_synced(text.clone());
            Opened::Restored(Box::new(with_pending(ws, &text)))
        }
        Err(e) => {
            DB.with(|d| *d.borrow_mut() = None);
            Opened::Unreadable {
                text,
                problem: e.to_string(),
            }
        }
    }
}

/// The stored workspace with a save left pending in localStorage merged in (a page closed
/// within 0.3 s of an edit, or data of an earlier build).
fn with_pending(ws: Workspace, stored: &str) -> Workspace {
    let Some(pending) = storage().and_then(|s| s.get_item(KEY).ok().flatten()) else {
        return ws;
    };
    let Ok(mine) = file::read_stored(&pending) else {
        return ws;
    };
    let base = if merge::ancestors(&pending).contains(&merge::hash(stored)) {
        stored
    } else {
        ""
    };
    match merge::merge(base, &mine, stored) {
        Ok(m) => ws.replaced(m.parts, m.current).unwrap_or(ws),
        Err(_) => ws,
    }
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
    let merged = merged_with(ws, theirs, Some(&s));
    set_synced(theirs.to_string());
    merged
}

/// The merge of this tab's workspace with another tab's stored text, on the base that text
/// descends from. Unreadable stored text is kept aside (like at start) and this tab's
/// workspace is saved over it.
fn merged_with(ws: &Workspace, theirs: &str, s: Option<&web_sys::Storage>) -> Option<Merged> {
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
            if let Some(s) = s {
                let _ = s.set_item(&kept_key, theirs);
            }
            None
        }
    }
}

fn save_error(e: &JsValue) -> String {
    let name = crate::ui::idb::error_name(e);
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
