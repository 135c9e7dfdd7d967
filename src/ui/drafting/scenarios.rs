//! The scenario bar: switch, copy, rename, delete, compare, save all, import, Excel export.

use crate::core::domain::money::Unit;
use crate::core::formats::file;
use crate::core::present::i18n::{tf, tr};
use crate::ui::codec::{self, Payload};
use crate::ui::drafting::files::on_chosen;
use crate::ui::drafting::share::page_address;
use crate::ui::shared::{notice_error, select_value, StateProps};
use crate::ui::state::{Action, State, Tab};
use std::rc::Rc;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

#[function_component(ScenarioBar)]
pub fn scenario_bar(props: &StateProps) -> Html {
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
    let share = share_link(state, &busy);
    let save_all = save_all(state);
    let export_xlsx = export_xlsx(state, &busy);
    let export_docx = export_docx(state, &busy);
    // A chosen file opens a panel (lines or a code list) with its rows.
    let on_import = on_chosen(state, Some(busy.clone()), |state, _, data| {
        state.dispatch(Action::Import(Some(Rc::new(data))));
        Ok(())
    });
    let on_codes = on_chosen(state, Some(busy.clone()), |state, _, data| {
        state.dispatch(Action::CodeList(Some(Rc::new(data))));
        Ok(())
    });
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
            if state.mode.editable() {
                <crate::ui::drafting::new_budget::NewBudgetForm state={state.clone()} />
            }
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
            <label class="file-button" title={tr(l, "从 CSV 或 Excel（.xlsx）导入科目编码和名称，作为本预算的科目名称")}>{ tr(l, "导入科目表…") }
                <input type="file" accept=".csv,.txt,.xlsx,text/csv" onchange={on_codes} data-testid="import-codes" />
            </label>
            <button type="button" data-testid="export-xlsx" onclick={export_xlsx} title={tr(l, "公开表、明细和绩效目标表，Excel/WPS 可打开")}>{ tr(l, "导出 Excel") }</button>
            <button type="button" data-testid="export-docx" onclick={export_docx} title={tr(l, "整份预算公开文档（封面、目录、公开表、情况说明、绩效目标表、名词解释），Word/WPS 可编辑")}>{ tr(l, "导出 Word") }</button>
            <button type="button" data-testid="share" onclick={share} title={tr(l, "把当前方案放进链接（只在浏览器中解读，不经服务器）")}>{ tr(l, "分享链接") }</button>
            <button type="button" data-testid="save-all" onclick={save_all} title={tr(l, "把全部方案保存为一个文件")}>{ tr(l, "保存全部方案") }</button>
            if let Some(b) = *busy {
                <span class="busy" role="status">{ tr(l, b) }</span>
            }
        </section>
    }
}

/// Runs one call of the codec worker with its busy line shown, then hands the result on;
/// a failure becomes the notice “<failed>：<why>”. (Share links and Excel export alike.)
fn in_worker<T: 'static>(
    state: &UseReducerHandle<State>,
    busy: &UseStateHandle<Option<&'static str>>,
    working: &'static str,
    failed: &'static str,
    call: impl std::future::Future<Output = Result<T, String>> + 'static,
    done: impl FnOnce(&UseReducerHandle<State>, T) + 'static,
) {
    let (state, busy) = (state.clone(), busy.clone());
    busy.set(Some(working));
    wasm_bindgen_futures::spawn_local(async move {
        let r = call.await;
        busy.set(None);
        match r {
            Ok(v) => done(&state, v),
            Err(e) => notice_error(&state, format!("{failed}：{e}")),
        }
    });
}

/// Makes a share link of the scenario shown (in the codec worker).
fn share_link(
    state: &UseReducerHandle<State>,
    busy: &UseStateHandle<Option<&'static str>>,
) -> Callback<MouseEvent> {
    let state = state.clone();
    let busy = busy.clone();
    Callback::from(move |_: MouseEvent| {
        let text = {
            let ws = state.ws.borrow();
            file::to_json_named(ws.budget(), &ws.current().name)
        };
        in_worker(
            &state,
            &busy,
            "正在生成分享链接…",
            "无法生成分享链接",
            codec::text("share_encode", Payload::Text(text)),
            |state, fragment| {
                let url = format!("{}#{fragment}", page_address());
                state.dispatch(Action::ShareLink(Some(url)));
            },
        );
    })
}

/// Saves every scenario in one file.
fn save_all(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let state = state.clone();

    Callback::from(move |_: MouseEvent| {
        let json = file::write(&state.ws.borrow(), true);
        crate::ui::shared::offer_download(&state, &json, "预算计算器-全部方案.json");
    })
}

/// What the codec worker is asked to make a document or workbook from: the scenario shown as
/// a file, the unit, 调整 and (for Word) the 预算单位 shown. Written by hand:
/// `serde_json::json!` would bring its `Value` into the page.
fn budget_request(state: &State, unit_view: bool) -> (String, String) {
    let ws = state.ws.borrow();
    let file = file::write_current(&ws);
    let view = if unit_view { &state.unit_view } else { &None };
    let request = format!(
        r#"{{"file":{},"unit":"{}","adjust":{},"unit_id":{}}}"#,
        serde_json::to_string(&file).unwrap_or_default(),
        if state.unit == Unit::Yuan {
            "yuan"
        } else {
            "wan"
        },
        state.adjust,
        serde_json::to_string(view).unwrap_or_default(),
    );
    (request, ws.current().name.clone())
}

/// Writes the whole 预算公开 document of the scenario on screen (its unit view, unit and
/// 尾差调整 as shown) as a Word file: made entirely in the codec worker, so the page only
/// sends the scenario's file.
fn export_docx(
    state: &UseReducerHandle<State>,
    busy: &UseStateHandle<Option<&'static str>>,
) -> Callback<MouseEvent> {
    let state = state.clone();
    let busy = busy.clone();
    Callback::from(move |_: MouseEvent| {
        let (request, name) = budget_request(&state, true);
        in_worker(
            &state,
            &busy,
            "正在生成 Word 文档…",
            "无法生成 Word 文档",
            codec::bytes("docx_write", Payload::Text(request)),
            move |state, bytes| {
                crate::ui::shared::offer_bytes(
                    state,
                    &bytes,
                    &format!("{name}.docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            },
        );
    })
}

/// 导出 Excel: every table of the whole budget and the lines, made in the codec worker.
fn export_xlsx(
    state: &UseReducerHandle<State>,
    busy: &UseStateHandle<Option<&'static str>>,
) -> Callback<MouseEvent> {
    let state = state.clone();
    let busy = busy.clone();
    Callback::from(move |_: MouseEvent| {
        let (request, name) = budget_request(&state, false);
        in_worker(
            &state,
            &busy,
            "正在生成 Excel 文件…",
            "无法生成 Excel 文件",
            codec::bytes("xlsx_budget", Payload::Text(request)),
            move |state, bytes| {
                crate::ui::shared::offer_bytes(
                    state,
                    &bytes,
                    &format!("{name}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
            },
        );
    })
}
