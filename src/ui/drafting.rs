//! Drafting tools: the scenario bar (switch, copy, rename, delete, compare, share, save all,
//! import, Excel export), the scenario comparison, bulk adjustments with a preview, and the
//! import panel with its column mapping. Every change goes through the core as one undoable
//! step; these views only collect choices and show what the core computed.

use super::codec::{self, Payload};
use super::state::{Action, ImportData, Notice, State, Tab};
use crate::core::domain::model::Kind;
use crate::core::domain::money::{Money, Unit};
use crate::core::drafting::adjust::{self, Adjustment, Change, Group, Step, Target};
use crate::core::drafting::compare::{self, LineStatus};
use crate::core::figures::report::{Options, Report};
use crate::core::formats::import::{self, Mapping};
use crate::core::present::editor::Column;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::core::{formats::file, formats::xlsx};
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
}

/// `lang="zh-CN"` for a text that still holds Chinese after translation (an official name
/// inside an English sentence), so that screen readers and fonts treat it right.
pub fn official(text: &str) -> Option<&'static str> {
    crate::core::present::i18n::has_cjk(text).then_some("zh-CN")
}

fn notice_error(state: &UseReducerHandle<State>, msg: String) {
    state.dispatch(Action::Notice(Some(Notice::Error(msg))));
}

fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

fn input_value(e: &InputEvent) -> String {
    e.target_dyn_into::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn report_options(state: &State, all_tables: bool) -> Options {
    Options::new(state.unit, state.adjust, all_tables)
}

/// The page's address without its fragment, for share links.
fn page_address() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// Reads a chosen file as bytes (after the size check).
async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "文件无法读取".to_string())?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Text of a CSV file: UTF-8 (with or without BOM), else GB18030 (what Excel and WPS save
/// as “CSV” on Chinese Windows), decoded by the browser.
fn csv_text(bytes: Vec<u8>) -> Result<String, String> {
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
async fn read_import(file: web_sys::File) -> Result<ImportData, String> {
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

#[function_component(ScenarioBar)]
pub fn scenario_bar(props: &Props) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let renaming = use_state(|| false);
    let confirm_delete = use_state(|| false);
    let busy = use_state(|| None::<&'static str>);
    let (options, current, current_name, count) = {
        let ws = state.ws.borrow();
        let options: Vec<(u32, String)> = ws
            .scenarios()
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .collect();
        (
            options,
            ws.current_id(),
            ws.current().name.clone(),
            ws.scenarios().len(),
        )
    };
    let on_switch = {
        let state = state.clone();
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |e: Event| {
            if let Ok(id) = select_value(&e).parse::<u32>() {
                confirm_delete.set(false);
                state.dispatch(Action::SwitchScenario(id));
            }
        })
    };
    let new_scenario = |from_reference: bool| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::NewScenario { from_reference }))
    };
    let rename_done = {
        let state = state.clone();
        let renaming = renaming.clone();
        move |value: Option<String>| {
            renaming.set(false);
            if let Some(v) = value {
                state.dispatch(Action::RenameScenario(current, v));
            }
        }
    };
    let on_rename_key = {
        let done = rename_done.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                let v = e
                    .target_dyn_into::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default();
                done(Some(v));
            }
            "Escape" => done(None),
            _ => {}
        })
    };
    let on_rename_blur = {
        let done = rename_done.clone();
        let old = current_name.clone();
        Callback::from(move |e: FocusEvent| {
            let v = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            done((v.trim() != old).then_some(v));
        })
    };
    let compare = {
        let state = state.clone();
        let options = options.clone();
        Callback::from(move |_: MouseEvent| {
            let other = options.iter().map(|(id, _)| *id).find(|id| *id != current);
            match other {
                Some(base) => state.dispatch(Action::SetCompare(Some((base, current)))),
                None => state.dispatch(Action::SetTab(Tab::Compare)),
            }
        })
    };
    let share = {
        let state = state.clone();
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| {
            let text = {
                let ws = state.ws.borrow();
                file::to_json_named(ws.budget(), &ws.current().name)
            };
            let state = state.clone();
            let busy = busy.clone();
            busy.set(Some("正在生成分享链接…"));
            wasm_bindgen_futures::spawn_local(async move {
                let r = codec::text("share_encode", Payload::Text(text)).await;
                busy.set(None);
                match r {
                    Ok(fragment) => {
                        let url = format!("{}#{fragment}", page_address());
                        state.dispatch(Action::ShareLink(Some(url)));
                    }
                    Err(e) => notice_error(&state, format!("无法生成分享链接：{e}")),
                }
            });
        })
    };
    let save_all = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let json = file::write(&state.ws.borrow(), true);
            super::offer_download(&state, &json, "预算计算器-全部方案.json");
        })
    };
    let export_xlsx = {
        let state = state.clone();
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| {
            let (json, name) = {
                let ws = state.ws.borrow();
                let b = ws.budget();
                let report = Report::build(b, report_options(&state, true));
                let wb = xlsx::workbook(b, &report);
                (
                    serde_json::to_string(&wb).unwrap_or_default(),
                    format!("{}.xlsx", ws.current().name),
                )
            };
            let state = state.clone();
            let busy = busy.clone();
            busy.set(Some("正在生成 Excel 文件…"));
            wasm_bindgen_futures::spawn_local(async move {
                let r = codec::bytes("xlsx_write", Payload::Text(json)).await;
                busy.set(None);
                match r {
                    Ok(bytes) => super::offer_bytes(
                        &state,
                        &bytes,
                        &name,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    ),
                    Err(e) => notice_error(&state, format!("无法生成 Excel 文件：{e}")),
                }
            });
        })
    };
    let on_import = {
        let state = state.clone();
        let busy = busy.clone();
        Callback::from(move |e: Event| {
            let Some(file) = super::chosen_file(&e) else {
                return;
            };
            let name = file.name();
            let state = state.clone();
            let busy = busy.clone();
            busy.set(Some("正在读取文件…"));
            wasm_bindgen_futures::spawn_local(async move {
                let r = read_import(file).await;
                busy.set(None);
                match r {
                    Ok(data) => state.dispatch(Action::Import(Some(Rc::new(data)))),
                    Err(e) => {
                        notice_error(&state, format!("无法导入“{name}”：{e}。当前数据未改变"))
                    }
                }
            });
        })
    };
    let delete = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(true))
    };
    let delete_yes = {
        let state = state.clone();
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| {
            confirm_delete.set(false);
            state.dispatch(Action::DeleteScenario(current));
        })
    };
    let delete_no = {
        let confirm_delete = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| confirm_delete.set(false))
    };
    html! {
        <section class="scenario-bar" aria-label={tr(l, "方案")}>
            <label class="scenario-pick">{ tr(l, "方案") }
                if *renaming {
                    <input class="scenario-name" data-testid="scenario-name" aria-label={tr(l, "方案名称")}
                        value={current_name.clone()} maxlength="60"
                        onkeydown={on_rename_key} onblur={on_rename_blur} />
                } else {
                    <select data-testid="scenario-select" onchange={on_switch} aria-label={tr(l, "当前方案")}>
                        { for options.iter().map(|(id, name)| html! {
                            <option value={id.to_string()} selected={*id == current} lang="zh-CN">{ name }</option>
                        }) }
                    </select>
                }
            </label>
            <span class="muted">{ tf(l, "共 {} 个", &[&count]) }</span>
            <button type="button" data-testid="scenario-rename" onclick={{ let r = renaming.clone(); Callback::from(move |_: MouseEvent| r.set(true)) }}>{ tr(l, "改名") }</button>
            <button type="button" data-testid="scenario-copy" onclick={new_scenario(false)} title={tr(l, "复制当前方案为新方案")}>{ tr(l, "复制为新方案") }</button>
            <button type="button" data-testid="scenario-new-ref" onclick={new_scenario(true)} title={tr(l, "以参考预算新建方案")}>{ tr(l, "新建（参考预算）") }</button>
            if *confirm_delete {
                <span class="confirm" role="alert" lang="zh-CN">{ tf(l, "确定删除“{}”？（可撤销）", &[&current_name]) }</span>
                <button type="button" class="danger" data-testid="scenario-delete-confirm" onclick={delete_yes}>{ tr(l, "删除") }</button>
                <button type="button" onclick={delete_no}>{ tr(l, "取消") }</button>
            } else {
                <button type="button" data-testid="scenario-delete" onclick={delete} disabled={count < 2}
                    title={if count < 2 { tr(l, "至少要保留一个方案") } else { tr(l, "删除当前方案") }}>{ tr(l, "删除") }</button>
            }
            <span class="sep" />
            <button type="button" data-testid="scenario-compare" onclick={compare}>{ tr(l, "对比") }</button>
            <button type="button" data-testid="adjust-open" aria-pressed={state.show_adjust.to_string()}
                onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::ShowAdjust(!s.show_adjust))) }}>{ tr(l, "批量调整") }</button>
            <label class="file-button" title={tr(l, "从 CSV 或 Excel（.xlsx）导入明细")}>{ tr(l, "导入明细…") }
                <input type="file" accept=".csv,.txt,.xlsx,text/csv" onchange={on_import} data-testid="import-file" />
            </label>
            <button type="button" data-testid="export-xlsx" onclick={export_xlsx} title={tr(l, "13张公开表和明细，Excel/WPS 可打开")}>{ tr(l, "导出 Excel") }</button>
            <button type="button" data-testid="share" onclick={share} title={tr(l, "把当前方案放进链接（只在浏览器中解读，不经服务器）")}>{ tr(l, "分享链接") }</button>
            <button type="button" data-testid="save-all" onclick={save_all} title={tr(l, "把全部方案保存为一个文件")}>{ tr(l, "保存全部方案") }</button>
            if let Some(b) = *busy {
                <span class="busy" role="status">{ tr(l, b) }</span>
            }
        </section>
    }
}

/// The share link just made, ready to copy.
#[function_component(ShareBar)]
pub fn share_bar(props: &Props) -> Html {
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

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Percent,
    PerLine,
    Total,
}

/// Bulk adjustment with a live preview; applying is one undoable step.
#[function_component(AdjustPanel)]
pub fn adjust_panel(props: &super::views::ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let target = use_state(Target::default);
    let mode = use_state(|| Mode::Percent);
    let value = use_state(String::new);
    let step = use_state(|| Step::Fen);
    let unit = state.unit;

    let change: Result<Change, String> = match *mode {
        Mode::Percent => crate::core::domain::money::parse_number(&value)
            .map(Change::Percent)
            .ok_or_else(|| "请输入调整比例，如 −5 表示减少5%".to_string()),
        Mode::PerLine | Mode::Total => Money::parse_in(&value, unit)
            .map(|m| {
                if *mode == Mode::PerLine {
                    Change::PerLine(m)
                } else {
                    Change::Total(m)
                }
            })
            .map_err(|e| e.to_string()),
    };
    let adjustment = change.map(|change| Adjustment {
        target: (*target).clone(),
        change,
        step: *step,
    });
    let (plan, preview) = {
        let b = state.budget();
        let matched = b.lines.iter().filter(|l| target.matches(l)).count();
        match &adjustment {
            Err(e) => (
                Err(e.clone()),
                html! { <p class="muted">{ tf(l, "符合条件的明细 {} 行。{}", &[&matched, &translate(l, e)]) }</p> },
            ),
            Ok(a) => match adjust::plan(&b, a) {
                Err(e) => (
                    Err(e.to_string()),
                    html! { <p class="error" role="alert">{ translate(l, &e.to_string()) }</p> },
                ),
                Ok(p) => {
                    let mut draft = b.clone();
                    let ok = draft.apply_all(p.commands.clone()).is_ok();
                    // “Before” is the report on screen; only the adjusted draft is built.
                    let after = Report::build(&draft, report_options(state, false));
                    let figures = compare::figures(&props.report.summary, &after.summary);
                    let html = html! {
                        <div class="adjust-preview" data-testid="adjust-preview">
                            <p>{ tf(l,
                                "符合条件 {} 行，其中 {} 行金额变化；所选明细当年预算安排合计 {} → {}（{}）",
                                &[&p.matched, &p.changes.len(), &p.before.display(unit), &p.after.display(unit), &tr(l, unit.label())]
                            ) }</p>
                            <table class="diff">
                                <thead><tr><th>{ tr(l, "项目") }</th><th>{ tr(l, "调整前") }</th><th>{ tr(l, "调整后") }</th><th>{ tr(l, "差额") }</th></tr></thead>
                                <tbody>
                                    { for figures.iter().filter(|f| f.changed()).map(|f| html! {
                                        <tr><td lang={official(&translate(l, &f.label))}>{ tf(l, "{}（{}）", &[&translate(l, &f.label), &tr(l, f.group)]) }</td><td>{ translate(l, &f.a.display(unit)) }</td><td>{ translate(l, &f.b.display(unit)) }</td><td>{ translate(l, &f.delta(unit)) }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                            <table class="diff lines">
                                <thead><tr><th>{ tr(l, "编号") }</th><th>{ tr(l, "明细") }</th><th>{ tr(l, "调整前") }</th><th>{ tr(l, "调整后") }</th></tr></thead>
                                <tbody>
                                    { for p.changes.iter().take(200).map(|c| {
                                        let describe = b.line(c.id).map(|l| {
                                            [Column::Function, Column::FunctionName, Column::EconName, Column::Project]
                                                .iter()
                                                .map(|col| crate::core::present::editor::cell_text(&b, l, *col, unit))
                                                .filter(|t| !t.is_empty())
                                                .collect::<Vec<_>>()
                                                .join(" ")
                                        }).unwrap_or_default();
                                        html! { <tr><td>{ c.id }</td><td lang="zh-CN">{ describe }</td><td>{ c.before.display(unit) }</td><td>{ c.after.display(unit) }</td></tr> }
                                    }) }
                                </tbody>
                            </table>
                            if p.changes.len() > 200 {
                                <p class="muted">{ tf(l, "只列出前 200 行，共 {} 行", &[&p.changes.len()]) }</p>
                            }
                            if !ok {
                                <p class="error">{ tr(l, "调整后的预算无法通过校验") }</p>
                            }
                        </div>
                    };
                    (Ok(p), html)
                }
            },
        }
    };
    let apply = {
        let state = state.clone();
        let commands = plan
            .as_ref()
            .ok()
            .map(|p| (p.commands.clone(), p.changes.len()));
        let label = format!(
            "批量调整：{} {}",
            target.group.label(),
            match *mode {
                Mode::Percent => format!("{}%", value.trim()),
                _ => format!("{}{}", value.trim(), unit.label()),
            }
        );
        let value = value.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((cmds, n)) = commands.clone() {
                if cmds.is_empty() {
                    notice_error(&state, "调整后金额没有变化".into());
                    return;
                }
                state.dispatch(Action::ApplyAll(cmds, format!("{label}，{n} 行（可撤销）")));
                value.set(String::new());
            }
        })
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowAdjust(false)))
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                state.dispatch(Action::ShowAdjust(false));
            }
        })
    };
    let set_target = |f: fn(&mut Target, String)| {
        let target = target.clone();
        move |v: String| {
            let mut t = (*target).clone();
            f(&mut t, v);
            target.set(t);
        }
    };
    let on_group = {
        let set = set_target(|t, v| {
            t.group = Group::ALL
                .get(v.parse::<usize>().unwrap_or(0))
                .copied()
                .unwrap_or_default()
        });
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_kind = {
        let set = set_target(|t, v| t.kind = Kind::parse(&v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_source = {
        let set = set_target(|t, v| t.source = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_fn = {
        let set = set_target(|t, v| t.function_prefix = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let on_econ = {
        let set = set_target(|t, v| t.econ_prefix = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |e: Event| {
            mode.set(match select_value(&e).as_str() {
                "line" => Mode::PerLine,
                "total" => Mode::Total,
                _ => Mode::Percent,
            })
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(input_value(&e)))
    };
    let on_step = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            step.set(
                Step::ALL
                    .get(select_value(&e).parse::<usize>().unwrap_or(0))
                    .copied()
                    .unwrap_or_default(),
            )
        })
    };
    let sources: Vec<(String, String)> = state
        .budget()
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    html! {
        <section class="adjust-panel" aria-label={tr(l, "批量调整")} data-testid="adjust-panel" onkeydown={onkeydown}>
            <h2>{ tr(l, "批量调整当年预算安排") }</h2>
            <div class="adjust-form">
                <label>{ tr(l, "范围") }
                    <select data-testid="adjust-group" onchange={on_group}>
                        { for Group::ALL.iter().enumerate().map(|(i, g)| html! {
                            <option value={i.to_string()} selected={*g == target.group}>{ tr(l, g.label()) }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr(l, "支出类型") }
                    <select data-testid="adjust-kind" onchange={on_kind}>
                        <option value="" selected={target.kind.is_none()}>{ tr(l, "全部") }</option>
                        <option value="基本支出" selected={target.kind == Some(Kind::Basic)}>{ tr(l, "基本支出") }</option>
                        <option value="项目支出" selected={target.kind == Some(Kind::Project)}>{ tr(l, "项目支出") }</option>
                    </select>
                </label>
                <label>{ tr(l, "功能科目") }
                    <input data-testid="adjust-function" placeholder={tr(l, "编码开头，如 201")} inputmode="numeric"
                        value={target.function_prefix.clone()} oninput={on_fn} size="10" />
                </label>
                <label>{ tr(l, "经济科目") }
                    <input data-testid="adjust-econ" placeholder={tr(l, "编码开头，如 30101")} inputmode="numeric"
                        value={target.econ_prefix.clone()} oninput={on_econ} size="10" />
                </label>
                <label>{ tr(l, "资金来源") }
                    <select data-testid="adjust-source" onchange={on_source}>
                        <option value="" selected={target.source.is_none()}>{ tr(l, "全部") }</option>
                        { for sources.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={target.source.as_deref() == Some(id.as_str())} lang="zh-CN">{ name }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr(l, "方式") }
                    <select data-testid="adjust-mode" onchange={on_mode}>
                        <option value="percent" selected={*mode == Mode::Percent}>{ tr(l, "按比例（%）") }</option>
                        <option value="line" selected={*mode == Mode::PerLine}>{ tf(l, "每行增减（{}）", &[&tr(l, unit.label())]) }</option>
                        <option value="total" selected={*mode == Mode::Total}>{ tf(l, "合计增减，按比例分摊（{}）", &[&tr(l, unit.label())]) }</option>
                    </select>
                </label>
                <label>{ tr(l, "数值") }
                    <input data-testid="adjust-value" inputmode="decimal" value={(*value).clone()} oninput={on_value}
                        placeholder={if *mode == Mode::Percent { tr(l, "如 −5") } else { tr(l, "如 −20") }} size="10" />
                </label>
                <label>{ tr(l, "取整到") }
                    <select data-testid="adjust-step" onchange={on_step}>
                        { for Step::ALL.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={*s == *step}>{ tr(l, s.label()) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="primary" data-testid="adjust-apply" onclick={apply}
                    disabled={plan.is_err()}>{ tr(l, "应用") }</button>
                <button type="button" onclick={close}>{ tr(l, "关闭") }</button>
            </div>
            { preview }
        </section>
    }
}

#[derive(Properties)]
pub struct ImportProps {
    pub state: UseReducerHandle<State>,
    pub data: Rc<ImportData>,
}

impl PartialEq for ImportProps {
    fn eq(&self, o: &Self) -> bool {
        self.state == o.state && Rc::ptr_eq(&self.data, &o.data)
    }
}

/// The import step: which sheet, which column feeds what, append or replace; every problem
/// listed, nothing changed until the import succeeds as a whole.
#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let data = &props.data;
    let default_sheet = data
        .sheets
        .iter()
        .position(|(n, _)| n == "明细")
        .unwrap_or(0);
    let sheet = use_state(|| default_sheet);
    let rows: &Vec<Vec<String>> = &data.sheets[(*sheet).min(data.sheets.len() - 1)].1;
    let guess = use_memo((Rc::as_ptr(data) as usize, *sheet), {
        let rows = rows.clone();
        move |_| import::guess(&rows)
    });
    let mapping = use_state(|| guess.mapping.clone());
    // A new sheet starts from its own guess.
    {
        let mapping = mapping.clone();
        let g = guess.clone();
        use_effect_with(*sheet, move |_| mapping.set(g.mapping.clone()));
    }
    let replace = use_state(|| true);
    let errors = use_state(Vec::<String>::new);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let columns: Vec<Option<Column>> = (0..width)
        .map(|i| mapping.columns.get(i).copied().flatten())
        .collect();
    let line_count = state.budget().lines.len();

    let set_column = |i: usize| {
        let mapping = mapping.clone();
        let errors = errors.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            let mut m: Mapping = (*mapping).clone();
            if m.columns.len() < width {
                m.columns.resize(width, None);
            }
            m.columns[i] = Column::ALL.iter().copied().find(|c| c.label() == v);
            mapping.set(m);
            errors.set(Vec::new());
        })
    };
    let on_header = {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let checked = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.checked())
                .unwrap_or(true);
            let mut m = (*mapping).clone();
            m.header_row = checked;
            mapping.set(m);
        })
    };
    let on_unit = {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let mut m = (*mapping).clone();
            m.unit = if select_value(&e) == "wan" {
                Unit::Wan
            } else {
                Unit::Yuan
            };
            mapping.set(m);
        })
    };
    let on_sheet = {
        let sheet = sheet.clone();
        let errors = errors.clone();
        Callback::from(move |e: Event| {
            sheet.set(select_value(&e).parse().unwrap_or(0));
            errors.set(Vec::new());
        })
    };
    let run = {
        let state = state.clone();
        let errors = errors.clone();
        let mapping = mapping.clone();
        let replace = *replace;
        let rows = rows.clone();
        let file_name = data.file_name.clone();
        Callback::from(move |_: MouseEvent| {
            let mut m: Mapping = (*mapping).clone();
            m.columns.resize(width, None);
            let outcome = {
                let b = state.budget();
                import::plan(&b, &rows, &m).map(|p| {
                    let cmd = if replace { Some(p.replace(&b)) } else { None };
                    (p, cmd)
                })
            };
            match outcome {
                Err(errs) => errors.set(errs.iter().map(|e| e.to_string()).collect()),
                Ok((p, cmd)) => {
                    let skipped = if p.skipped > 0 {
                        format!("，跳过 {} 个空行或合计行", p.skipped)
                    } else {
                        String::new()
                    };
                    let label = format!(
                        "已导入“{file_name}”：{} 条明细{}{skipped}（可撤销）",
                        p.drafts.len(),
                        if replace {
                            "，替换原有明细"
                        } else {
                            "，追加在原有明细之后"
                        }
                    );
                    match cmd {
                        Some(Ok(c)) => state.dispatch(Action::Apply(c, Some(label))),
                        Some(Err(e)) => {
                            errors.set(vec![e.to_string()]);
                            return;
                        }
                        None => state.dispatch(Action::ApplyAll(p.append(), label)),
                    }
                    state.dispatch(Action::Import(None));
                    state.dispatch(Action::SetTab(Tab::Lines));
                }
            }
        })
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Import(None)))
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                state.dispatch(Action::Import(None));
            }
        })
    };
    let header: Vec<String> = if mapping.header_row {
        rows.first().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    let body_start = usize::from(mapping.header_row);
    let sample: Vec<&Vec<String>> = rows.iter().skip(body_start).take(5).collect();
    let data_rows = rows.len().saturating_sub(body_start);
    let shown_errors = errors.len().min(import::MAX_LISTED);
    html! {
        <section class="import-panel" role="dialog" aria-label={tr(l, "导入明细")} data-testid="import-panel" onkeydown={onkeydown}>
            <h2>{ tr(l, "导入明细：") }<span lang="zh-CN">{ &data.file_name }</span></h2>
            if data.sheets.len() > 1 {
                <label>{ tr(l, "工作表 ") }
                    <select data-testid="import-sheet" onchange={on_sheet}>
                        { for data.sheets.iter().enumerate().map(|(i, (n, r))| html! {
                            <option value={i.to_string()} selected={i == *sheet}>{ tf(l, "{}（{} 行）", &[n, &r.len()]) }</option>
                        }) }
                    </select>
                </label>
            }
            <p data-testid="import-status">{
                if guess.complete {
                    tf(l, "已识别全部列，共 {} 行数据。请确认后导入。", &[&data_rows])
                } else if guess.unknown.is_empty() {
                    tf(l, "共 {} 行数据。请为每一列选择对应的栏目（不需要的列选“不导入”），至少要有“功能分类科目”和“当年预算安排”。", &[&data_rows])
                } else {
                    tf(l, "有 {} 列的表头无法识别（{}）。请为每一列选择对应的栏目（不需要的列选“不导入”），至少要有“功能分类科目”和“当年预算安排”。",
                        &[&guess.unknown.len(), &guess.unknown.join("、")])
                }
            }</p>
            <div class="import-options">
                <label><input type="checkbox" checked={mapping.header_row} onchange={on_header} />{ tr(l, " 第一行是表头") }</label>
                <label>{ tr(l, "金额单位 ") }
                    <select data-testid="import-unit" onchange={on_unit}>
                        <option value="yuan" selected={mapping.unit == Unit::Yuan}>{ tr(l, "元") }</option>
                        <option value="wan" selected={mapping.unit == Unit::Wan}>{ tr(l, "万元") }</option>
                    </select>
                </label>
                <label><input type="radio" name="import-mode" checked={*replace} data-testid="import-replace"
                    onchange={{ let r = replace.clone(); Callback::from(move |_: Event| r.set(true)) }} />
                    { tf(l, " 替换现有 {} 条明细", &[&line_count]) }</label>
                <label><input type="radio" name="import-mode" checked={!*replace} data-testid="import-append"
                    onchange={{ let r = replace.clone(); Callback::from(move |_: Event| r.set(false)) }} />
                    { tr(l, " 追加到现有明细之后") }</label>
            </div>
            <div class="mapping-wrap">
                <table class="mapping">
                    <thead>
                        <tr>{ for (0..width).map(|i| html! {
                            <th lang="zh-CN">{ header.get(i).filter(|h| !h.is_empty()).cloned().unwrap_or_else(|| tf(l, "第{}列", &[&(i + 1)])) }</th>
                        }) }</tr>
                        <tr>{ for (0..width).map(|i| html! {
                            <th>
                                <select data-testid={format!("map-{i}")} onchange={set_column(i)} aria-label={tf(l, "第{}列对应的栏目", &[&(i + 1)])}>
                                    <option value="" selected={columns[i].is_none()}>{ tr(l, "不导入") }</option>
                                    { for import::importable().map(|c| html! {
                                        <option value={c.label()} selected={columns[i] == Some(c)}>{ tr(l, c.label()) }</option>
                                    }) }
                                </select>
                            </th>
                        }) }</tr>
                    </thead>
                    <tbody>
                        { for sample.iter().map(|r| html! {
                            <tr lang="zh-CN">{ for (0..width).map(|i| html! { <td>{ r.get(i).cloned().unwrap_or_default() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !errors.is_empty() {
                <div class="import-errors" role="alert" data-testid="import-errors">
                    <strong>{ tf(l, "未导入，预算未改变。共 {} 处问题：", &[&errors.len()]) }</strong>
                    <ul>{ for errors.iter().take(shown_errors).map(|e| { let t = translate(l, e); html! { <li lang={official(&t)}>{ t }</li> } }) }</ul>
                    if errors.len() > shown_errors {
                        <p>{ tf(l, "……另有 {} 处未列出", &[&(errors.len() - shown_errors)]) }</p>
                    }
                </div>
            }
            <div class="import-actions">
                <button type="button" class="primary" data-testid="import-apply" onclick={run}>{ tr(l, "导入") }</button>
                <button type="button" onclick={close}>{ tr(l, "取消") }</button>
            </div>
        </section>
    }
}

/// Two scenarios side by side.
#[function_component(CompareView)]
pub fn compare_view(props: &Props) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let (ids, names): (Vec<u32>, Vec<String>) = {
        let ws = state.ws.borrow();
        ws.scenarios()
            .iter()
            .map(|s| (s.id, s.name.clone()))
            .unzip()
    };
    if ids.len() < 2 {
        return html! {
            <div class="empty" data-testid="compare-empty">
                <p>{ tr(l, "只有一个方案。点上方的“复制为新方案”复制出一个方案，修改后在这里与原方案对比。") }</p>
            </div>
        };
    }
    let current = state.ws.borrow().current_id();
    let (base, other) = match state.compare {
        Some((a, b)) if ids.contains(&a) && ids.contains(&b) => (a, b),
        _ => {
            let other = current;
            let base = ids.iter().copied().find(|i| *i != other).unwrap_or(other);
            (base, other)
        }
    };
    let name_of = |id: u32| {
        ids.iter()
            .position(|i| *i == id)
            .map(|p| names[p].clone())
            .unwrap_or_default()
    };
    let unit = state.unit;
    let opts = report_options(state, false);
    let result = use_memo((state.rev, base, other, unit, state.adjust), {
        let ws = state.ws.clone();
        move |_| {
            let ws = ws.borrow();
            let (Some(a), Some(b)) = (ws.get(base), ws.get(other)) else {
                return None;
            };
            let ra = Report::build(&a.budget, opts);
            let rb = Report::build(&b.budget, opts);
            Some(compare::compare(&a.budget, &ra, &b.budget, &rb))
        }
    });
    let Some(c) = result.as_ref() else {
        return html! {};
    };
    let pick = |is_base: bool| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Ok(id) = select_value(&e).parse::<u32>() {
                let pair = if is_base { (id, other) } else { (base, id) };
                state.dispatch(Action::SetCompare(Some(pair)));
            }
        })
    };
    let select = |is_base: bool, chosen: u32, testid: &str| {
        html! {
            <select data-testid={testid.to_string()} onchange={pick(is_base)}>
                { for ids.iter().zip(&names).map(|(id, n)| html! {
                    <option value={id.to_string()} selected={*id == chosen} lang="zh-CN">{ n }</option>
                }) }
            </select>
        }
    };
    let (name_a, name_b) = (name_of(base), name_of(other));
    let export = {
        let state = state.clone();
        let rows = c.table(&name_a, &name_b, unit);
        let file = format!("方案对比-{name_a}-{name_b}.csv");
        Callback::from(move |_: MouseEvent| {
            super::offer_download(
                &state,
                &crate::core::formats::export::rows_csv(&rows),
                &file,
            )
        })
    };
    let changed: Vec<_> = c.changed_figures().collect();
    let same = c.figures.len() - changed.len();
    html! {
        <div class="compare" data-testid="compare">
            <div class="compare-pick">
                <label>{ tr(l, "基准方案 ") }{ select(true, base, "compare-base") }</label>
                <span>{ tr(l, "对比") }</span>
                <label>{ tr(l, "方案 ") }{ select(false, other, "compare-other") }</label>
                <span class="muted">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</span>
                <button type="button" onclick={export} data-testid="compare-export">{ tr(l, "导出对比表（CSV）") }</button>
            </div>
            <h3>{ tf(l, "变化的合计、占比和同比（{} 项；其余 {} 项相同）", &[&changed.len(), &same]) }</h3>
            if changed.is_empty() {
                <p class="muted">{ tr(l, "两个方案的合计、占比和同比完全相同。") }</p>
            } else {
                <table class="diff" data-testid="compare-figures">
                    <thead><tr><th>{ tr(l, "类别") }</th><th>{ tr(l, "项目") }</th><th lang="zh-CN">{ name_a.clone() }</th><th lang="zh-CN">{ name_b.clone() }</th><th>{ tr(l, "差额") }</th></tr></thead>
                    <tbody>
                        { for changed.iter().map(|f| html! {
                            <tr><td>{ tr(l, f.group) }</td><td lang={official(&translate(l, &f.label))}>{ translate(l, &f.label) }</td><td>{ translate(l, &f.a.display(unit)) }</td><td>{ translate(l, &f.b.display(unit)) }</td><td>{ translate(l, &f.delta(unit)) }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
            <h3>{ tf(l, "明细变化（{} 行）", &[&c.lines.len()]) }</h3>
            if c.lines.is_empty() {
                <p class="muted">{ tr(l, "明细没有变化。") }</p>
            } else {
                <table class="diff" data-testid="compare-lines">
                    <thead><tr><th>{ tr(l, "变化") }</th><th>{ tr(l, "编号") }</th><th>{ tr(l, "明细") }</th><th>{ tr(l, "变化的栏目") }</th><th lang="zh-CN">{ name_a.clone() }</th><th lang="zh-CN">{ name_b.clone() }</th><th>{ tr(l, "差额") }</th></tr></thead>
                    <tbody>
                        { for c.lines.iter().take(500).map(|x| {
                            let d = x.delta();
                            let class = match x.status { LineStatus::Added => "added", LineStatus::Removed => "removed", LineStatus::Changed => "changed" };
                            let sep = if l == Lang::En { ", " } else { "、" };
                            html! {
                                <tr class={class}>
                                    <td>{ tr(l, x.status.label()) }</td><td>{ x.id }</td><td lang="zh-CN">{ &x.describe }</td>
                                    <td>{ if x.status == LineStatus::Changed { x.columns.iter().map(|c| tr(l, c.label())).collect::<Vec<_>>().join(sep) } else { String::new() } }</td>
                                    <td>{ x.total_a.display(unit) }</td><td>{ x.total_b.display(unit) }</td>
                                    <td>{ format!("{}{}", if d.is_negative() { "−" } else { "+" }, d.abs().display(unit)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                if c.lines.len() > 500 {
                    <p class="muted">{ tf(l, "只列出前 500 行，共 {} 行；导出对比表可看全部", &[&c.lines.len()]) }</p>
                }
            }
            <h3>{ tf(l, "检查结果的不同（{} 项）", &[&c.checks.len()]) }</h3>
            if c.checks.is_empty() {
                <p class="muted">{ tr(l, "两个方案的检查结果相同。") }</p>
            } else {
                <ul class="check-diff" data-testid="compare-checks">
                    { for c.checks.iter().map(|d| html! {
                        <li class={if d.only_in_b { "new" } else { "resolved" }}>
                            <span lang="zh-CN">{ tf(l, "仅“{}”未通过：", &[if d.only_in_b { &name_b } else { &name_a }]) }</span>
                            <span lang={official(&translate(l, &d.message))}>{ translate(l, &d.message) }</span>
                        </li>
                    }) }
                </ul>
            }
        </div>
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
