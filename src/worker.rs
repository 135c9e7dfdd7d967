//! The codec worker's side of the protocol (wasm32 only; see `src/bin/codec.rs`).
//!
//! A request is an object `{ id, op, text?, bytes? }`; the reply is `{ id, ok, text?, bytes?,
//! error? }`. The worker first posts the string `"ready"`: messages sent before its wasm has
//! started would be lost, so the page queues them until then.
//!
//! | op             | in                                   | out                          |
//! |----------------|--------------------------------------|------------------------------|
//! | `xlsx_read`    | `bytes`: an XLSX file                | `text`: JSON `[{name, rows}]` |
//! | `csv_read`     | `text`: a CSV file's text            | `text`: JSON `[[cell, …], …]` |
//! | `xlsx_write`   | `text`: JSON of a `xlsx::Workbook`   | `bytes`: the XLSX file       |
//! | `share_encode` | `text`: a budget file (one scenario) | `text`: the fragment         |
//! | `share_decode` | `text`: the fragment                 | `text`: a budget file        |
//! | `docx_write`   | `text`: JSON of a `docx::Request`    | `bytes`: the Word document   |
//!
//! The reader worker (`src/bin/reader.rs`, started by the 核对文档 tab) answers one op:
//!
//! | op             | in                                   | out                          |
//! |----------------|--------------------------------------|------------------------------|
//! | `verify`       | `bytes`: a PDF or text document      | `text`: JSON rows of text (`verify::export::records`) |

use crate::core::formats::{docx, file, import, share, xlsx};
use crate::core::verify;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

enum Out {
    Text(String),
    Bytes(Vec<u8>),
}

fn handle(op: &str, text: Option<String>, bytes: Option<Vec<u8>>) -> Result<Out, String> {
    let need_text = || text.clone().ok_or_else(|| "缺少文本".to_string());
    match op {
        "xlsx_read" => {
            let b = bytes.ok_or("缺少文件内容")?;
            let sheets = xlsx::read(&b).map_err(|e| e.to_string())?;
            serde_json::to_string(&sheets)
                .map(Out::Text)
                .map_err(|e| e.to_string())
        }
        "csv_read" => {
            let rows = import::parse_csv(&need_text()?).map_err(|e| e.to_string())?;
            serde_json::to_string(&rows)
                .map(Out::Text)
                .map_err(|e| e.to_string())
        }
        "xlsx_budget" => xlsx::from_request(&need_text()?).map(Out::Bytes),
        "xlsx_write" => {
            let wb: xlsx::Workbook =
                serde_json::from_str(&need_text()?).map_err(|e| e.to_string())?;
            xlsx::write(&wb).map(Out::Bytes)
        }
        "share_encode" => {
            let ws = file::read(&need_text()?).map_err(|e| e.to_string())?;
            let s = ws.current();
            share::encode(&s.name, &s.budget)
                .map(Out::Text)
                .map_err(|e| e.to_string())
        }
        "share_decode" => {
            let (name, budget) = share::decode(&need_text()?).map_err(|e| e.to_string())?;
            Ok(Out::Text(file::to_json_named(&budget, &name)))
        }
        "docx_write" => docx::from_request(&need_text()?).map(Out::Bytes),
        other => Err(format!("未知的操作 {other}")),
    }
}

/// The reader worker's one request: a published document checked (its PDF reader and rules
/// are ≈ 440 KB gzip, fetched only by the 核对文档 tab, never by an import or export).
fn handle_reader(op: &str, _: Option<String>, bytes: Option<Vec<u8>>) -> Result<Out, String> {
    match op {
        "verify" => {
            let b = bytes.ok_or("缺少文件内容")?;
            let v = verify::verify_bytes("", &b)?;
            serde_json::to_string(&verify::export::records(&v))
                .map(Out::Text)
                .map_err(|e| e.to_string())
        }
        other => Err(format!("未知的操作 {other}")),
    }
}

type Handler = fn(&str, Option<String>, Option<Vec<u8>>) -> Result<Out, String>;

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn reply(handle: Handler, data: &JsValue) -> JsValue {
    let out = Object::new();
    let _ = Reflect::set(&out, &"id".into(), &get(data, "id"));
    let op = get(data, "op").as_string().unwrap_or_default();
    let text = get(data, "text").as_string();
    let bytes = get(data, "bytes")
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|a| a.to_vec());
    match handle(&op, text, bytes) {
        Ok(Out::Text(t)) => {
            let _ = Reflect::set(&out, &"ok".into(), &JsValue::TRUE);
            let _ = Reflect::set(&out, &"text".into(), &JsValue::from_str(&t));
        }
        Ok(Out::Bytes(b)) => {
            let _ = Reflect::set(&out, &"ok".into(), &JsValue::TRUE);
            let _ = Reflect::set(&out, &"bytes".into(), &Uint8Array::from(b.as_slice()));
        }
        Err(e) => {
            let _ = Reflect::set(&out, &"ok".into(), &JsValue::FALSE);
            let _ = Reflect::set(&out, &"error".into(), &JsValue::from_str(&e));
        }
    }
    out.into()
}

/// The codec worker: listens for requests and says it is ready.
pub fn start() {
    serve(handle);
}

/// The reader worker (`src/bin/reader.rs`): the same protocol, the `verify` op alone.
pub fn start_reader() {
    serve(handle_reader);
}

fn serve(handle: Handler) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let _ = answer.post_message(&reply(handle, &e.data()));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
