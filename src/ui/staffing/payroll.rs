//! 导入工资表: a payroll sheet (CSV/XLSX) as the persons of the unit's model — which sheet,
//! which column feeds what (guessed from the headers, `core::formats::payroll`), replace or
//! append; every bad row listed and nothing changed until the whole sheet reads; then one
//! undoable edit of the model.

use super::edit::apply;
use crate::core::domain::staffing::StaffModel;
use crate::core::formats::payroll::{self, PayrollColumn, PayrollMapping};
use crate::core::present::i18n::{tf, tr};
use crate::ui::shared::{official, select_value};
use crate::ui::state::Action;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PayrollProps {
    pub props: crate::ui::shared::DataPanelProps,
    pub model: StaffModel,
}

/// The column select of sheet column `i`.
fn column_select(
    l: crate::core::present::i18n::Lang,
    m: &StaffModel,
    i: usize,
    chosen: &Option<PayrollColumn>,
    onchange: Callback<Event>,
) -> Html {
    let label = tf(l, "第{}列", &[&(i + 1)]);
    html! {
        <select aria-label={label} data-testid="payroll-column" onchange={onchange}>
            <option value="" selected={chosen.is_none()}>{ tr(l, "不导入") }</option>
            { for PayrollColumn::all(m).into_iter().enumerate().map(|(k, c)| {
                let name = c.label(m);
                html! { <option value={k.to_string()} selected={chosen.as_ref() == Some(&c)} lang={official(&name)}>{ name }</option> }
            }) }
        </select>
    }
}

#[function_component(PayrollPanel)]
pub fn payroll_panel(p: &PayrollProps) -> Html {
    let state = &p.props.state;
    let data = &p.props.data;
    let m = &p.model;
    let l = state.lang;
    let sheet = use_state(|| 0usize);
    let rows: Vec<Vec<String>> = data
        .sheets
        .get(*sheet)
        .or(data.sheets.first())
        .map(|s| s.1.clone())
        .unwrap_or_default();
    let mapping = use_state({
        let rows = rows.clone();
        let m = m.clone();
        move || payroll::guess(&rows, &m)
    });
    let replace = use_state(|| true);
    let errors = use_state(Vec::<String>::new);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let set_column = |i: usize| {
        let mapping = mapping.clone();
        let errors = errors.clone();
        let all = PayrollColumn::all(m);
        Callback::from(move |e: Event| {
            let mut mm: PayrollMapping = (*mapping).clone();
            mm.columns.resize(width.max(mm.columns.len()), None);
            let chosen = select_value(&e)
                .parse::<usize>()
                .ok()
                .and_then(|k| all.get(k).cloned());
            if chosen.is_some() {
                for c in mm.columns.iter_mut().filter(|c| **c == chosen) {
                    *c = None;
                }
            }
            mm.columns[i] = chosen;
            mapping.set(mm);
            errors.set(Vec::new());
        })
    };
    let on_sheet = {
        let (sheet, mapping, errors) = (sheet.clone(), mapping.clone(), errors.clone());
        let (data, m) = (data.clone(), m.clone());
        Callback::from(move |e: Event| {
            let k = select_value(&e).parse().unwrap_or(0);
            let rows = data.sheets.get(k).map(|s| s.1.clone()).unwrap_or_default();
            mapping.set(payroll::guess(&rows, &m));
            sheet.set(k);
            errors.set(Vec::new());
        })
    };
    let on_header = {
        let mapping = mapping.clone();
        Callback::from(move |e: Event| {
            let mut mm = (*mapping).clone();
            mm.header_row = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.checked())
                .unwrap_or(true);
            mapping.set(mm);
        })
    };
    let on_replace = |v: bool| {
        let replace = replace.clone();
        Callback::from(move |_: Event| replace.set(v))
    };
    let run = {
        let (state, errors, mapping) = (state.clone(), errors.clone(), mapping.clone());
        let (m, rows, name) = (m.clone(), rows.clone(), data.file_name.clone());
        let replace = *replace;
        Callback::from(move |_: MouseEvent| match payroll::plan(&rows, &mapping) {
            Err(e) => errors.set(e),
            Ok(staff) => {
                let mut new = m.clone();
                let n = staff.len();
                if replace {
                    new.staff = staff;
                } else {
                    new.staff.extend(staff);
                }
                if let Some(f) = new.faults().into_iter().next() {
                    errors.set(vec![f]);
                    return;
                }
                apply(&state, Some(new), &format!("导入工资表“{name}”：{n}行人员"));
                state.dispatch(Action::Payroll(None));
            }
        })
    };
    let (close, onkeydown) = crate::ui::shared::panel_close(state, || Action::Payroll(None));
    let start = usize::from(mapping.header_row);
    let data_rows = rows.len().saturating_sub(start);
    html! {
        <section class="import-panel" role="dialog" aria-label={tr(l, "导入工资表")} data-testid="payroll-panel" onkeydown={onkeydown}>
            <h3>{ tr(l, "导入工资表：") }<span lang="zh-CN">{ &data.file_name }</span></h3>
            if data.sheets.len() > 1 {
                <label>{ tr(l, "工作表 ") }
                    <select data-testid="payroll-sheet" onchange={on_sheet}>
                        { for data.sheets.iter().enumerate().map(|(i, (n, r))| html! {
                            <option value={i.to_string()} selected={i == *sheet}>{ tf(l, "{}（{} 行）", &[n, &r.len()]) }</option>
                        }) }
                    </select>
                </label>
            }
            <p>{ tf(l, "共 {} 行。请为每一列选择对应的栏目：至少要有“人员类别”和一个工资项目（每月金额，元）；人数空白为1，月数空白为12。", &[&data_rows]) }</p>
            <div class="import-options">
                <label><input type="checkbox" checked={mapping.header_row} onchange={on_header} />{ tr(l, " 第一行是表头") }</label>
                <label><input type="radio" name="payroll-how" checked={*replace} onchange={on_replace(true)} data-testid="payroll-replace" />{ tr(l, " 替换现有人员") }</label>
                <label><input type="radio" name="payroll-how" checked={!*replace} onchange={on_replace(false)} data-testid="payroll-append" />{ tr(l, " 追加在现有人员之后") }</label>
            </div>
            <div class="table-scroll">
                <table class="staffing-table">
                    <thead><tr>{ for (0..width).map(|i| html! {
                        <th>{ column_select(l, m, i, &mapping.columns.get(i).cloned().flatten(), set_column(i)) }</th>
                    }) }</tr></thead>
                    <tbody lang="zh-CN">{ for rows.iter().take(start + 5).map(|r| html! {
                        <tr>{ for (0..width).map(|i| html! { <td>{ r.get(i).cloned().unwrap_or_default() }</td> }) }</tr>
                    }) }</tbody>
                </table>
            </div>
            if !errors.is_empty() {
                <ul class="problems" role="alert" data-testid="payroll-errors" lang="zh-CN">
                    { for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }
                </ul>
            }
            <p class="actions">
                <button type="button" onclick={run} data-testid="payroll-run">{ tr(l, "导入") }</button>
                <button type="button" onclick={close}>{ tr(l, "取消") }</button>
            </p>
        </section>
    }
}

/// The file picker that opens the panel.
pub fn chooser(state: &UseReducerHandle<crate::ui::state::State>) -> Html {
    let l = state.lang;
    let on = crate::ui::drafting::files::on_chosen(state, None, |state, _, data| {
        state.dispatch(Action::Payroll(Some(Rc::new(data))));
        Ok(())
    });
    html! {
        <label class="file-button">{ tr(l, "导入工资表…") }
            <input type="file" accept=".csv,.xlsx,.txt" onchange={on} data-testid="payroll-file" aria-label={tr(l, "导入工资表")} />
        </label>
    }
}
