//! The page's side of the workers (`src/worker.rs` has the protocol) — the codec and the
//! document reader: each started on first use, requests queued until it says it is ready,
//! each answered through a promise.

use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// Which worker a request goes to: the codec (XLSX, CSV, share links, Word) or the document
/// reader (核对文档's PDF reader and rules, a module of its own fetched only by that tab).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Codec,
    Reader,
}

impl Which {
    /// The worker's loader script, relative to the page: its content-hashed name as the build
    /// wrote it into `<meta name="yusuan-codec">` / `yusuan-reader` (scripts/post-build.mjs),
    /// so a page only ever starts its own build's worker; Trunk's own name when there is no
    /// such tag.
    fn loader(self) -> String {
        match self {
            Which::Codec => crate::ui::embed::built_file("yusuan-codec", "./codec_loader.js"),
            Which::Reader => crate::ui::embed::built_file("yusuan-reader", "./reader_loader.js"),
        }
    }

    fn slot(self) -> usize {
        match self {
            Which::Codec => 0,
            Which::Reader => 1,
        }
    }
}

struct Codec {
    worker: Worker,
    ready: bool,
    queue: Vec<JsValue>,
    /// Request id → (resolve, reject).
    waiting: HashMap<u32, (Function, Function)>,
    next: u32,
}

thread_local! {
    static WORKERS: RefCell<[Option<Codec>; 2]> = const { RefCell::new([None, None]) };
}

/// What a request carries and what comes back.
pub enum Payload {
    Text(String),
    Bytes(Vec<u8>),
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn fail_all(which: Which, message: &str) {
    let waiting: Vec<(Function, Function)> = WORKERS.with(|c| {
        c.borrow_mut()[which.slot()]
            .take()
            .map(|mut codec| {
                codec.worker.terminate();
                codec.waiting.drain().map(|(_, f)| f).collect()
            })
            .unwrap_or_default()
    });
    for (_, reject) in waiting {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(message));
    }
}

fn start(which: Which) -> Result<Codec, String> {
    let worker = Worker::new(&which.loader()).map_err(|_| "无法启动文件处理模块".to_string())?;
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        if data.as_string().as_deref() == Some("ready") {
            WORKERS.with(|c| {
                if let Some(codec) = c.borrow_mut()[which.slot()].as_mut() {
                    codec.ready = true;
                    for m in codec.queue.drain(..) {
                        let _ = codec.worker.post_message(&m);
                    }
                }
            });
            return;
        }
        let id = get(&data, "id").as_f64().unwrap_or(-1.0) as u32;
        let callbacks = WORKERS.with(|c| {
            c.borrow_mut()[which.slot()]
                .as_mut()
                .and_then(|codec| codec.waiting.remove(&id))
        });
        if let Some((resolve, _)) = callbacks {
            let _ = resolve.call1(&JsValue::NULL, &data);
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let onerror = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        fail_all(which, "文件处理模块加载失败，请检查网络后重试");
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    Ok(Codec {
        worker,
        ready: false,
        queue: Vec::new(),
        waiting: HashMap::new(),
        next: 1,
    })
}

/// Sends one request to the codec worker and waits for its answer; the error is a message
/// for the user.
pub async fn call(op: &str, payload: Payload) -> Result<Payload, String> {
    call_in(Which::Codec, op, payload).await
}

/// Sends one request to a worker and waits for its answer.
pub async fn call_in(which: Which, op: &str, payload: Payload) -> Result<Payload, String> {
    let message = Object::new();
    let _ = Reflect::set(&message, &"op".into(), &JsValue::from_str(op));
    match &payload {
        Payload::Text(t) => {
            let _ = Reflect::set(&message, &"text".into(), &JsValue::from_str(t));
        }
        Payload::Bytes(b) => {
            let _ = Reflect::set(&message, &"bytes".into(), &Uint8Array::from(b.as_slice()));
        }
    }
    let mut setup_error = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let sent = WORKERS.with(|c| -> Result<(), String> {
            let mut all = c.borrow_mut();
            let c = &mut all[which.slot()];
            if c.is_none() {
                *c = Some(start(which)?);
            }
            let codec = c.as_mut().ok_or("无法启动文件处理模块")?;
            let id = codec.next;
            codec.next += 1;
            let _ = Reflect::set(&message, &"id".into(), &JsValue::from(id));
            codec.waiting.insert(id, (resolve, reject.clone()));
            if codec.ready {
                codec
                    .worker
                    .post_message(&message)
                    .map_err(|_| "无法把数据交给文件处理模块".to_string())
            } else {
                codec.queue.push(message.clone().into());
                Ok(())
            }
        });
        if let Err(e) = sent {
            setup_error = Some(e);
        }
    });
    if let Some(e) = setup_error {
        return Err(e);
    }
    let reply = JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "文件处理失败".into()))?;
    if get(&reply, "ok").as_bool() != Some(true) {
        return Err(get(&reply, "error")
            .as_string()
            .unwrap_or_else(|| "文件处理失败".into()));
    }
    if let Ok(b) = get(&reply, "bytes").dyn_into::<Uint8Array>() {
        return Ok(Payload::Bytes(b.to_vec()));
    }
    Ok(Payload::Text(
        get(&reply, "text").as_string().unwrap_or_default(),
    ))
}

/// [`call`] expecting text back.
pub async fn text(op: &str, payload: Payload) -> Result<String, String> {
    text_in(Which::Codec, op, payload).await
}

/// [`call_in`] expecting text back.
pub async fn text_in(which: Which, op: &str, payload: Payload) -> Result<String, String> {
    match call_in(which, op, payload).await? {
        Payload::Text(t) => Ok(t),
        Payload::Bytes(_) => Err("文件处理模块返回了意外的数据".into()),
    }
}

/// [`call`] expecting bytes back.
pub async fn bytes(op: &str, payload: Payload) -> Result<Vec<u8>, String> {
    match call(op, payload).await? {
        Payload::Bytes(b) => Ok(b),
        Payload::Text(_) => Err("文件处理模块返回了意外的数据".into()),
    }
}
