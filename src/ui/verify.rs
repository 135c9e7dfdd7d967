//! 核对文档 (issue 25): published budget documents somebody else made, checked for slips. The
//! files are read by the browser and checked in the reader worker (`verify` op: the PDF reader
//! and the rules live there, in a module of their own, not in the page's); nothing is sent
//! anywhere. Several files
//! at once, one after another, each with its progress; per file a summary, its findings
//! (filtered by severity and rule) and its tables rebuilt, the cell or line of the chosen
//! finding marked; the findings of every file as CSV or XLSX.
//!
//! The files checked are kept by the app (`Files`, a reducer in `App`), so switching tabs
//! keeps them; they are not saved: a document checked is somebody else's, not the budget.

use crate::core::figures::checks::Severity;
use crate::core::present::i18n::{tf, tr, Lang};
use crate::core::verify::export::{from_records, rows, rule_name};
use crate::core::verify::tables::ReadTable;
use crate::core::verify::{pdf::MAX_PDF_BYTES, Finding, Verified};
use crate::ui::codec::{self, Payload};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlInputElement, MouseEvent};
use yew::prelude::*;

/// Where a file is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Waiting,
    Reading,
    Checking,
    Done(Rc<Verified>),
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: u32,
    pub name: String,
    pub status: Status,
}

/// The files checked in this page, in the order they were chosen.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Files {
    pub list: Vec<Entry>,
}

pub enum FilesAction {
    Add(Vec<(u32, String)>),
    Set(u32, Status),
    Clear,
}

impl Reducible for Files {
    type Action = FilesAction;

    fn reduce(self: Rc<Self>, action: FilesAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            FilesAction::Add(files) => {
                next.list.extend(files.into_iter().map(|(id, name)| Entry {
                    id,
                    name,
                    status: Status::Waiting,
                }))
            }
            FilesAction::Set(id, status) => {
                if let Some(e) = next.list.iter_mut().find(|e| e.id == id) {
                    e.status = status;
                }
            }
            FilesAction::Clear => next.list.clear(),
        }
        Rc::new(next)
    }
}

thread_local! {
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// One file read and checked in the worker; the error is a message for the user.
async fn check_one(files: &UseReducerHandle<Files>, id: u32, file: &web_sys::File) -> Status {
    if file.size() > MAX_PDF_BYTES as f64 {
        return Status::Failed(format!(
            "文件过大（{:.0} MB，最多 {} MB）",
            file.size() / 1_048_576.0,
            MAX_PDF_BYTES / 1_048_576
        ));
    }
    files.dispatch(FilesAction::Set(id, Status::Reading));
    let bytes = match crate::ui::drafting::files::file_bytes(file).await {
        Ok(b) => b,
        Err(e) => return Status::Failed(e),
    };
    // A text saved by Notepad or WPS on Chinese Windows is GBK: decoded here, checked as UTF-8.
    let bytes = if bytes.starts_with(b"%PDF") {
        bytes
    } else {
        match crate::ui::drafting::files::csv_text(bytes) {
            Ok(t) => t.into_bytes(),
            Err(e) => return Status::Failed(e),
        }
    };
    files.dispatch(FilesAction::Set(id, Status::Checking));
    let json = match codec::text_in(codec::Which::Reader, "verify", Payload::Bytes(bytes)).await {
        Ok(j) => j,
        Err(e) => return Status::Failed(e),
    };
    // Rows of text: the page reads them with what it has, no deserialiser of the findings.
    let records = serde_json::from_str::<Vec<Vec<String>>>(&json);
    match records
        .map_err(|e| e.to_string())
        .and_then(|r| from_records(&r))
    {
        Ok(mut v) => {
            v.file = file.name();
            Status::Done(Rc::new(v))
        }
        Err(_) => Status::Failed("核对结果无法读取".into()),
    }
}

/// Adds the files to the list and checks them one after another.
fn check_files(files: &UseReducerHandle<Files>, chosen: Vec<web_sys::File>) {
    if chosen.is_empty() {
        return;
    }
    let ids: Vec<(u32, String)> = chosen.iter().map(|f| (next_id(), f.name())).collect();
    files.dispatch(FilesAction::Add(ids.clone()));
    let files = files.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for ((id, _), file) in ids.into_iter().zip(chosen) {
            let status = check_one(&files, id, &file).await;
            files.dispatch(FilesAction::Set(id, status));
        }
    });
}

fn file_list(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn count(v: &Verified, s: Severity) -> usize {
    v.findings.iter().filter(|f| f.severity == s).count()
}

fn status_text(l: Lang, s: &Status) -> String {
    match s {
        Status::Waiting => tr(l, "排队中…").to_string(),
        Status::Reading => tr(l, "正在读取…").to_string(),
        Status::Checking => tr(l, "正在核对…").to_string(),
        Status::Done(v) if v.has_errors() => tr(l, "有错误").to_string(),
        Status::Done(v) if v.findings.is_empty() => tr(l, "未发现问题").to_string(),
        Status::Done(_) => tr(l, "已核对").to_string(),
        Status::Failed(e) => tf(l, "无法核对：{}", &[e]),
    }
}

#[derive(Properties, PartialEq)]
pub struct VerifyProps {
    pub files: UseReducerHandle<Files>,
    pub lang: Lang,
}

/// The downloads of every checked file's findings.
fn export(files: &Files, xlsx: bool, error: UseStateHandle<Option<String>>) {
    let done: Vec<Verified> = files
        .list
        .iter()
        .filter_map(|e| match &e.status {
            Status::Done(v) => Some((**v).clone()),
            _ => None,
        })
        .collect();
    let table = rows(&done);
    if !xlsx {
        let csv = crate::core::formats::export::rows_csv(&table);
        if let Err(e) = crate::ui::shared::download(&csv, "核对结果.csv") {
            error.set(Some(e));
        }
        return;
    }
    let sheet = crate::core::formats::xlsx::Sheet {
        name: "核对结果".into(),
        rows: table
            .into_iter()
            .map(|r| {
                r.into_iter()
                    .map(crate::core::formats::xlsx::Value::Text)
                    .collect()
            })
            .collect(),
        bold_rows: vec![0],
        widths: vec![
            28.0, 18.0, 8.0, 16.0, 14.0, 5.0, 5.0, 40.0, 14.0, 14.0, 60.0,
        ],
        ..Default::default()
    };
    let mut wb = crate::core::formats::xlsx::Workbook::default();
    wb.push(sheet);
    wasm_bindgen_futures::spawn_local(async move {
        let json = serde_json::to_string(&wb).unwrap_or_default();
        let url = codec::bytes("xlsx_write", Payload::Text(json))
            .await
            .and_then(|b| {
                crate::ui::storage::bytes_url(
                    &b,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                .ok_or_else(|| "浏览器不允许下载文件".to_string())
            })
            .and_then(|u| crate::ui::shared::download_url(u, "核对结果.xlsx"));
        if let Err(e) = url {
            error.set(Some(e));
        }
    });
}

#[function_component(VerifyView)]
pub fn verify_view(props: &VerifyProps) -> Html {
    let l = props.lang;
    let files = props.files.clone();
    let chosen = use_state(|| None::<u32>);
    let error = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let onchange = {
        let files = files.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let list = file_list(input.files());
                input.set_value("");
                check_files(&files, list);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (files, dragging) = (files.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            check_files(&files, file_list(e.data_transfer().and_then(|d| d.files())));
        })
    };
    let any_done = files
        .list
        .iter()
        .any(|e| matches!(e.status, Status::Done(_)));
    let on_export = |xlsx: bool| {
        let (files, error) = (files.clone(), error.clone());
        Callback::from(move |_: MouseEvent| export(&files, xlsx, error.clone()))
    };
    let clear = {
        let (files, chosen) = (files.clone(), chosen.clone());
        Callback::from(move |_: MouseEvent| {
            chosen.set(None);
            files.dispatch(FilesAction::Clear);
        })
    };
    // The file shown: the one chosen, else the first checked.
    let shown = files
        .list
        .iter()
        .find(|e| Some(e.id) == *chosen)
        .or_else(|| {
            files
                .list
                .iter()
                .find(|e| matches!(e.status, Status::Done(_)))
        });
    html! {
        <div class="verify" data-testid="verify">
            <p class="hint">{ tr(l, "核对别人发布的预算公开文档：选择或拖入 PDF、TXT 文件（可多选），逐表逐句核对合计、表间关系和说明中的数字。文件只在本机浏览器中读取和核对，不会上传。") }</p>
            <div class={classes!("verify-drop", dragging.then_some("over"))} {ondragover} {ondragleave} {ondrop} data-testid="verify-drop">
                <span>{ tr(l, "把 PDF 或 TXT 文件拖到这里，或") }</span>
                <label class="file-button">
                    { tr(l, "选择文件…") }
                    <input type="file" multiple=true accept=".pdf,.txt,application/pdf,text/plain" onchange={onchange} data-testid="verify-input" aria-label={tr(l, "选择要核对的文件")} />
                </label>
                <button type="button" disabled={!any_done} onclick={on_export(false)} data-testid="verify-csv">{ tr(l, "导出 CSV") }</button>
                <button type="button" disabled={!any_done} onclick={on_export(true)} data-testid="verify-xlsx">{ tr(l, "导出 XLSX") }</button>
                <button type="button" disabled={files.list.is_empty()} onclick={clear}>{ tr(l, "清空") }</button>
            </div>
            if let Some(e) = &*error {
                <p class="error" role="alert">{ e.clone() }</p>
            }
            if files.list.is_empty() {
                <p class="empty">{ tr(l, "还没有文件。") }</p>
            } else {
                { file_table(l, &files, shown.map(|e| e.id), &chosen) }
            }
            if let Some(Entry { status: Status::Done(v), .. }) = shown {
                <FileDetail verified={v.clone()} lang={l} />
            }
        </div>
    }
}

/// One line per file: its progress or its summary; a click shows its findings.
fn file_table(
    l: Lang,
    files: &Files,
    shown: Option<u32>,
    chosen: &UseStateHandle<Option<u32>>,
) -> Html {
    html! {
        <table class="verify-files" data-testid="verify-files">
            <thead><tr>
                <th>{ tr(l, "文件") }</th><th>{ tr(l, "状态") }</th><th>{ tr(l, "格式") }</th>
                <th>{ tr(l, "表") }</th><th>{ tr(l, "错误") }</th><th>{ tr(l, "警告") }</th><th>{ tr(l, "提示") }</th>
            </tr></thead>
            <tbody>
                { for files.list.iter().map(|e| {
                    let onclick = {
                        let (chosen, id) = (chosen.clone(), e.id);
                        Callback::from(move |_: MouseEvent| chosen.set(Some(id)))
                    };
                    let done = match &e.status { Status::Done(v) => Some(v.clone()), _ => None };
                    let class = classes!(
                        (Some(e.id) == shown).then_some("chosen"),
                        matches!(e.status, Status::Failed(_)).then_some("failed"),
                    );
                    html! {
                        <tr {class} data-file={e.name.clone()}>
                            <td><button type="button" class="link" onclick={onclick} disabled={done.is_none()}>{ e.name.clone() }</button></td>
                            <td class="status">{ status_text(l, &e.status) }</td>
                            if let Some(v) = done {
                                <td>{ tr(l, v.template_name()) }</td>
                                <td class="num">{ v.tables.len() }</td>
                                <td class="num error">{ count(&v, Severity::Error) }</td>
                                <td class="num warning">{ count(&v, Severity::Warning) }</td>
                                <td class="num info">{ count(&v, Severity::Info) }</td>
                            } else {
                                <td colspan="5"></td>
                            }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
struct DetailProps {
    verified: Rc<Verified>,
    lang: Lang,
}

/// Whether a finding passes the filters (severity, rule; empty: all).
fn passes(f: &Finding, severity: &str, rule: &str) -> bool {
    (severity.is_empty() || severity_class(f.severity) == severity)
        && (rule.is_empty() || f.rule == rule)
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A file's findings (filtered; a click marks the finding's cell or sentence) and its tables.
#[function_component(FileDetail)]
fn file_detail(props: &DetailProps) -> Html {
    let l = props.lang;
    let v = &props.verified;
    let severity = use_state(String::new);
    let rule = use_state(String::new);
    let picked = use_state(|| None::<usize>);
    {
        // The marked cell or sentence scrolled into view once shown.
        let picked = *picked;
        use_effect_with(picked, move |p| {
            if p.is_some() {
                let hit = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".verify .hit").ok().flatten());
                if let Some(el) = hit {
                    el.scroll_into_view_with_bool(false);
                }
            }
        });
    }
    let mut rules: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    let on_severity = {
        let (severity, picked) = (severity.clone(), picked.clone());
        Callback::from(move |e: Event| {
            picked.set(None);
            severity.set(select_value(&e));
        })
    };
    let on_rule = {
        let (rule, picked) = (rule.clone(), picked.clone());
        Callback::from(move |e: Event| {
            picked.set(None);
            rule.set(select_value(&e));
        })
    };
    let current = picked.and_then(|i| v.findings.get(i));
    let shown: Vec<(usize, &Finding)> = v
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| passes(f, &severity, &rule))
        .collect();
    html! {
        <section class="verify-detail" data-testid="verify-detail">
            <h3>{ v.file.clone() }</h3>
            <p class="verify-summary" data-testid="verify-summary">{ tf(l, "{}：{} 张表，{} 个错误，{} 个警告，{} 个提示", &[&tr(l, v.template_name()), &v.tables.len(), &count(v, Severity::Error), &count(v, Severity::Warning), &count(v, Severity::Info)]) }</p>
            if v.findings.is_empty() {
                <p class="all-ok">{ tr(l, "未发现问题：各表合计、表间关系和说明中的数字都对得上。") }</p>
            } else {
                <div class="filters">
                    <label>{ tr(l, "严重程度") }
                        <select onchange={on_severity} data-testid="verify-severity">
                            <option value="" selected={severity.is_empty()}>{ tr(l, "全部") }</option>
                            { for [Severity::Error, Severity::Warning, Severity::Info].into_iter().map(|s| html! {
                                <option value={severity_class(s)} selected={*severity == severity_class(s)}>{ tr(l, s.label()) }</option>
                            }) }
                        </select>
                    </label>
                    <label>{ tr(l, "规则") }
                        <select onchange={on_rule} data-testid="verify-rule">
                            <option value="" selected={rule.is_empty()}>{ tr(l, "全部") }</option>
                            { for rules.iter().map(|r| html! {
                                <option value={r.to_string()} selected={*rule == *r}>{ tr(l, rule_name(r)) }</option>
                            }) }
                        </select>
                    </label>
                    <span>{ tf(l, "显示 {} / {} 条", &[&shown.len(), &v.findings.len()]) }</span>
                </div>
                <ol class="verify-findings" data-testid="verify-findings">
                    { for shown.iter().map(|(i, f)| finding_item(l, *i, f, *picked == Some(*i), &picked)) }
                </ol>
            }
            if let Some(f) = current.filter(|f| !in_tables(v, f)) {
                <blockquote class="hit" data-testid="verify-quote">{ tf(l, "第{}页：{}", &[&f.page, &f.quote]) }</blockquote>
            }
            { for v.tables.iter().map(|t| read_table(l, t, current)) }
        </section>
    }
}

fn finding_item(
    l: Lang,
    i: usize,
    f: &Finding,
    on: bool,
    picked: &UseStateHandle<Option<usize>>,
) -> Html {
    let onclick = {
        let picked = picked.clone();
        Callback::from(move |_: MouseEvent| picked.set(Some(i)))
    };
    let class = classes!(severity_class(f.severity), on.then_some("picked"));
    html! {
        <li {class} data-rule={f.rule.clone()}>
            <button type="button" {onclick}>
                <span class="sev">{ tr(l, f.severity.label()) }</span>
                <span class="where">{ tf(l, "第{}页", &[&f.page]) }</span>
                <span class="rule">{ tr(l, rule_name(&f.rule)) }</span>
                <span class="msg" lang="zh-CN">{ f.explanation.clone() }</span>
                if !f.expected.is_empty() {
                    <span class="values" lang="zh-CN">{ tf(l, "印为 {}，应为 {}", &[&f.printed, &f.expected]) }</span>
                } else if !f.printed.is_empty() {
                    <span class="values" lang="zh-CN">{ tf(l, "印为 {}", &[&f.printed]) }</span>
                }
            </button>
        </li>
    }
}

/// Whether a finding is about a row of one of the tables (else a sentence).
fn in_tables(v: &Verified, f: &Finding) -> bool {
    v.tables
        .iter()
        .any(|t| t.rows.iter().any(|r| r.line == f.line))
}

/// A table as read: code, name, amounts by column; the picked finding's cell (or its row)
/// marked.
fn read_table(l: Lang, t: &ReadTable, picked: Option<&Finding>) -> Html {
    let unit = t
        .unit
        .clone()
        .map(|u| tf(l, "单位：{}", &[&u]))
        .unwrap_or_default();
    html! {
        <div class="verify-table" data-title={t.title.clone()}>
            <h4>
                { t.title.clone() }
                <span class="unit">{ format!(" {unit} ") }</span>
                <span class="page">{ tf(l, "第{}页", &[&t.page]) }</span>
                if !t.recognised { <span class="tag">{ tr(l, "未识别的表") }</span> }
            </h4>
            if t.rows.is_empty() {
                <p class="empty">{ tr(l, "没有读到科目行。") }</p>
            } else {
                <table class="report-table">
                    <thead><tr>
                        <th>{ tr(l, "编码") }</th><th>{ tr(l, "名称") }</th>
                        { for (0..t.columns).map(|c| html! { <th>{ t.headers.get(c).cloned().unwrap_or_default() }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for t.rows.iter().enumerate().filter(|(i, r)| *i < SHOWN_ROWS || picked.is_some_and(|f| f.line == r.line)).map(|(_, r)| {
                            let on_row = picked.filter(|f| f.line == r.line);
                            let row_hit = on_row.is_some_and(|f| f.column.is_none());
                            html! {
                                <tr class={classes!(row_hit.then_some("hit"), r.total.then_some("total"))} data-line={r.line.to_string()}>
                                    <td>{ r.code.clone().unwrap_or_else(|| if r.total { tr(l, "合计").to_string() } else { String::new() }) }</td>
                                    <td lang="zh-CN">{ r.name.clone() }</td>
                                    { for (0..t.columns).map(|c| {
                                        let hit = on_row.is_some_and(|f| f.column == Some(c));
                                        let text = r.amounts.get(c).copied().flatten().map(crate::core::verify::tables::printed).unwrap_or_default();
                                        html! { <td class={classes!("num", hit.then_some("hit"))}>{ text }</td> }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if t.rows.len() > SHOWN_ROWS {
                    <p class="empty">{ tf(l, "本表共{}行，只显示前{}行（和所选问题所在的行）；每一行都已核对。", &[&t.rows.len(), &SHOWN_ROWS]) }</p>
                }
            }
        </div>
    }
}

/// The rows of a table shown at most (a document of 100,000 code rows is checked whole; the
/// page shows the first ones and the picked finding's row).
const SHOWN_ROWS: usize = 2_000;
