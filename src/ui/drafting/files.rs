//! Reading an import file (XLSX and CSV through the codec worker, GBK CSV decoded).

use crate::core::formats::import::{self};
use crate::core::formats::xlsx;
use crate::ui::codec::{self, Payload};
use crate::ui::state::{ImportData, State};
use yew::prelude::*;

/// Reads a chosen file as bytes (after the size check).
pub(crate) async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "文件无法读取".to_string())?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Text of a CSV file: UTF-8 (with or without BOM), else GB18030 (what Excel and WPS save
/// as “CSV” on Chinese Windows), decoded by the browser.
pub(crate) fn csv_text(bytes: Vec<u8>) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(t) => Ok(t),
        Err(e) => {
            let bytes = e.into_bytes();
            let decoder = web_sys::TextDecoder::new_with_label("gb18030")
                .map_err(|_| "文件不是 UTF-8 编码，浏览器也无法按 GBK 读取".to_string())?;
            let array = js_sys::Uint8Array::from(bytes.as_slice());
            decoder
                .decode_with_buffer_source(&array)
                .map_err(|_| "文件编码无法识别（应为 UTF-8 或 GBK）".to_string())
        }
    }
}

/// Reads an import file into sheets of rows (in the codec worker: XLSX and CSV readers).
pub(crate) async fn read_import(file: web_sys::File) -> Result<ImportData, String> {
    let name = file.name();
    if file.size() > import::MAX_IMPORT_BYTES as f64 {
        return Err(import::too_large(file.size() as usize));
    }
    let bytes = file_bytes(&file).await?;
    let lower = name.to_lowercase();
    let sheets = if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
        let json = codec::text("xlsx_read", Payload::Bytes(bytes)).await?;
        let sheets: Vec<xlsx::ReadSheet> =
            serde_json::from_str(&json).map_err(|e| e.to_string())?;
        sheets.into_iter().map(|s| (s.name, s.rows)).collect()
    } else if lower.ends_with(".xls") {
        return Err("不支持旧版 .xls 文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV".into());
    } else {
        // The csv crate lives in the codec worker, with the other file readers.
        let json = codec::text("csv_read", Payload::Text(csv_text(bytes)?)).await?;
        let rows: Vec<Vec<String>> = serde_json::from_str(&json).map_err(|e| e.to_string())?;
        vec![(name.clone(), rows)]
    };
    if sheets.iter().all(|(_, rows)| rows.is_empty()) {
        return Err("文件中没有数据".into());
    }
    Ok(ImportData {
        file_name: name,
        sheets,
    })
}

/// The `onchange` of a file input that imports: reads the chosen file (after `busy` says
/// so, when given), then `done` turns its rows into an action, or says why it cannot (the
/// notice “无法导入…”, nothing changed).
pub(crate) fn on_chosen(
    state: &UseReducerHandle<State>,
    busy: Option<UseStateHandle<Option<&'static str>>>,
    done: fn(&UseReducerHandle<State>, &str, ImportData) -> Result<(), String>,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let Some(file) = crate::ui::shared::chosen_file(&e) else {
            return;
        };
        let name = file.name();
        let (state, busy) = (state.clone(), busy.clone());
        if let Some(b) = &busy {
            b.set(Some("正在读取文件…"));
        }
        wasm_bindgen_futures::spawn_local(async move {
            let r = read_import(file).await;
            if let Some(b) = &busy {
                b.set(None);
            }
            if let Err(e) = r.and_then(|data| done(&state, &name, data)) {
                crate::ui::shared::notice_error(
                    &state,
                    format!("无法导入“{name}”：{e}。当前数据未改变"),
                );
            }
        });
    })
}
