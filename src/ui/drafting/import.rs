//! The import panel: column mapping with a preview, then one undoable import.

use crate::core::domain::money::Unit;
use crate::core::formats::codelist as import_names;
use crate::core::formats::import::{self, Mapping};
use crate::core::present::editor::Column;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::shared::{official, select_value};
use crate::ui::state::{Action, Tab};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A panel over a file's sheets (its props are shared with the other such panel).
pub type ImportProps = crate::ui::shared::DataPanelProps;

/// The undo label of an import: how many lines, replaced or appended, how many rows skipped.
fn import_label(file_name: &str, p: &import::Plan, replace: bool) -> String {
    let skipped = if p.skipped > 0 {
        format!("，跳过 {} 个空行或合计行", p.skipped)
    } else {
        String::new()
    };
    let how = if replace {
        "，替换原有明细"
    } else {
        "，追加在原有明细之后"
    };
    format!(
        "已导入“{file_name}”：{} 条明细{how}{skipped}（可撤销）",
        p.drafts.len()
    )
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
    let keep_names = use_state(|| false);
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
        let keep = *keep_names;
        let rows = rows.clone();
        let file_name = data.file_name.clone();
        Callback::from(move |_: MouseEvent| {
            let mut m: Mapping = (*mapping).clone();
            m.columns.resize(width, None);
            let outcome = {
                let b = state.budget();
                import::plan(&b, &rows, &m).map(|mut p| {
                    p.keep_file_names = keep;
                    let cmd = if replace { Some(p.replace(&b)) } else { None };
                    (p, cmd)
                })
            };
            match outcome {
                Err(errs) => errors.set(errs.iter().map(|e| e.to_string()).collect()),
                Ok((p, cmd)) => {
                    let label = import_label(&file_name, &p, replace);
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
    let (close, onkeydown) = crate::ui::shared::panel_close(state, || Action::Import(None));
    let header: Vec<String> = if mapping.header_row {
        rows.first().cloned().unwrap_or_default()
    } else {
        Vec::new()
    };
    let body_start = usize::from(mapping.header_row);
    let sample: Vec<&Vec<String>> = rows.iter().skip(body_start).take(5).collect();
    let data_rows = rows.len().saturating_sub(body_start);
    let shown_errors = errors.len().min(import::MAX_LISTED);
    // Names the file gives codes that already have another name: the user chooses.
    let differing: Vec<import_names::CodeName> = {
        let mut m: Mapping = (*mapping).clone();
        m.columns.resize(width, None);
        import::file_names(&state.budget(), rows, &m)
            .into_iter()
            .filter(|n| n.current.is_some())
            .collect()
    };
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
            if !differing.is_empty() {
                <div class="import-names" data-testid="import-names">
                    <label>
                        <input type="checkbox" checked={*keep_names} data-testid="import-keep-names"
                            onchange={{ let k = keep_names.clone(); Callback::from(move |_: Event| k.set(!*k)) }} />
                        { tf(l, " 文件中有 {} 个科目的名称与现有名称不同，保留文件中的名称", &[&differing.len()]) }
                    </label>
                    <ul lang="zh-CN">{ for differing.iter().take(20).map(|n| html! {
                        <li>{ format!("{}：{} → {}", n.code, n.current.clone().unwrap_or_default(), n.name) }</li>
                    }) }</ul>
                </div>
            }
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
