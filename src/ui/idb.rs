//! A thin IndexedDB layer for autosave (web-sys, no crate): one database `yusuan` with two
//! object stores, `scenarios` (one record per scenario: its budget as compact JSON, keyed by
//! the scenario's name) and `meta` (one record, `workspace`: the order of the scenarios, the
//! one shown and the ancestry of the save). A save is one read-write transaction over both
//! stores, so it lands whole or not at all (a full quota aborts it and leaves the previous
//! save as it was).

use js_sys::{Array, Promise};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const NAME: &str = "yusuan";
const VERSION: u32 = 1;
pub const SCENARIOS: &str = "scenarios";
pub const META: &str = "meta";
pub const META_KEY: &str = "workspace";

/// A DOM error's name (`QuotaExceededError` …), for messages.
pub fn error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Resolves with the request's result (or rejects with its error). The handlers are set at
/// once, not when the future is first polled, so no event can come before them.
fn done(req: &IdbRequest) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        let ok = req.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::UNDEFINED, &ok.result().unwrap_or(JsValue::NULL));
        });
        let bad = req.clone();
        let on_error = Closure::once_into_js(move || {
            let e = bad
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::UNDEFINED, &e);
        });
        req.set_onsuccess(Some(on_success.unchecked_ref()));
        req.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Resolves when the transaction has committed (or rejects when it aborted); handlers set
/// at once.
fn committed(tx: &IdbTransaction) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        });
        let t = tx.clone();
        let reject2 = reject.clone();
        let on_abort = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject.call1(&JsValue::UNDEFINED, &e);
        });
        let t = tx.clone();
        let on_error = Closure::once_into_js(move || {
            let e = t.error().map(JsValue::from).unwrap_or(JsValue::NULL);
            let _ = reject2.call1(&JsValue::UNDEFINED, &e);
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
        tx.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise)
}

/// Opens (creating on first use) the app's database; `Err` where IndexedDB is missing or
/// refused (private windows of some browsers, blocked storage).
pub async fn open() -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let req = factory.open_with_u32(NAME, VERSION)?;
    let upgrading = req.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Some(db) = upgrading
            .result()
            .ok()
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        {
            for store in [SCENARIOS, META] {
                if !db.object_store_names().contains(store) {
                    let _ = db.create_object_store(store);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db = done(&req).await?;
    db.dyn_into::<IdbDatabase>()
}

/// The `meta` record (`None` when nothing was saved yet).
pub async fn read_meta(db: &IdbDatabase) -> Result<Option<String>, JsValue> {
    let tx = db.transaction_with_str_and_mode(META, IdbTransactionMode::Readonly)?;
    let v = done(&tx.object_store(META)?.get(&JsValue::from_str(META_KEY))?).await?;
    Ok(v.as_string())
}

/// Every record: the `meta` record and the scenarios' (name, budget JSON), read in one
/// transaction (a consistent snapshot).
pub async fn read_all(
    db: &IdbDatabase,
) -> Result<(Option<String>, Vec<(String, String)>), JsValue> {
    let stores = Array::of2(&JsValue::from_str(META), &JsValue::from_str(SCENARIOS));
    let tx = db.transaction_with_str_sequence_and_mode(&stores, IdbTransactionMode::Readonly)?;
    let meta = done(&tx.object_store(META)?.get(&JsValue::from_str(META_KEY))?);
    let scenarios = tx.object_store(SCENARIOS)?;
    let keys = done(&scenarios.get_all_keys()?);
    let values = done(&scenarios.get_all()?);
    let meta = meta.await?.as_string();
    let keys: Array = keys.await?.unchecked_into();
    let values: Array = values.await?.unchecked_into();
    let records = keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
        .collect();
    Ok((meta, records))
}

/// One save: these scenario records written, those deleted, and the `meta` record, all in
/// one transaction.
pub async fn write(
    db: &IdbDatabase,
    put: &[(String, std::rc::Rc<str>)],
    delete: &[String],
    meta: &str,
) -> Result<(), JsValue> {
    let stores = Array::of2(&JsValue::from_str(META), &JsValue::from_str(SCENARIOS));
    let tx = db.transaction_with_str_sequence_and_mode(&stores, IdbTransactionMode::Readwrite)?;
    let finished = committed(&tx);
    let result = (|| -> Result<(), JsValue> {
        let scenarios = tx.object_store(SCENARIOS)?;
        for (name, body) in put {
            scenarios.put_with_key(&JsValue::from_str(body), &JsValue::from_str(name))?;
        }
        for name in delete {
            scenarios.delete(&JsValue::from_str(name))?;
        }
        tx.object_store(META)?
            .put_with_key(&JsValue::from_str(meta), &JsValue::from_str(META_KEY))?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = tx.abort();
        let _ = finished.await;
        return Err(e);
    }
    finished.await.map(|_| ())
}
