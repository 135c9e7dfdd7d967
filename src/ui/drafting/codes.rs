//! 导入科目表: a file of codes and names previewed (new names, names that differ from the
//! built-in or current ones), then added to the budget's own names as one undoable step.

use crate::core::formats::codelist;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::shared::{official, select_value};
use crate::ui::state::Action;

use yew::prelude::*;

/// A panel over a file's sheets (its props are shared with the other such panel).
pub type CodeListProps = crate::ui::shared::DataPanelProps;

#[function_component(CodeListPanel)]
pub fn code_list_panel(props: &CodeListProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let data = &props.data;
    let sheet = use_state(|| 0usize);
    let rows = data
        .sheets
        .get(*sheet)
        .map(|(_, r)| r.as_slice())
        .unwrap_or(&[]);
    let read = codelist::read(&state.budget(), rows);
    let (close, onkeydown) = crate::ui::shared::panel_close(state, || Action::CodeList(None));
    let apply = {
        let state = state.clone();
        let commands = read.as_ref().ok().map(|list| list.commands());
        let name = data.file_name.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(cmds) = commands.clone() {
                let n = cmds.len();
                state.dispatch(Action::ApplyAll(
                    cmds,
                    format!("已从“{name}”导入 {n} 个科目名称（可撤销）"),
                ));
                state.dispatch(Action::CodeList(None));
            }
        })
    };
    let on_sheet = {
        let sheet = sheet.clone();
        Callback::from(move |e: Event| sheet.set(select_value(&e).parse().unwrap_or(0)))
    };
    html! {
        <section class="import-panel" role="dialog" aria-label={tr(l, "导入科目表")} data-testid="codes-panel" onkeydown={onkeydown}>
            <h2>{ tr(l, "导入科目表：") }<span lang="zh-CN">{ &data.file_name }</span></h2>
            if data.sheets.len() > 1 {
                <label>{ tr(l, "工作表 ") }
                    <select onchange={on_sheet}>
                        { for data.sheets.iter().enumerate().map(|(i, (n, r))| html! {
                            <option value={i.to_string()} selected={i == *sheet}>{ tf(l, "{}（{} 行）", &[n, &r.len()]) }</option>
                        }) }
                    </select>
                </label>
            }
            { match &read {
                Err(errors) => html! {
                    <div class="import-errors" role="alert" data-testid="codes-errors">
                        <strong>{ tf(l, "未导入，预算未改变。共 {} 处问题：", &[&errors.len()]) }</strong>
                        <ul>{ for errors.iter().take(200).map(|e| { let t = translate(l, &e.to_string()); html! { <li lang={official(&t)}>{ t }</li> } }) }</ul>
                    </div>
                },
                Ok(list) => html! {
                    <>
                    <p data-testid="codes-status">{ tf(l, "将命名 {} 个科目（{} 个已是该名称，不变）。", &[&list.names.len(), &list.unchanged]) }</p>
                    <table class="diff" lang="zh-CN">
                        <thead><tr><th>{ tr(l, "科目编码") }</th><th>{ tr(l, "科目名称") }</th><th>{ tr(l, "现有名称") }</th></tr></thead>
                        <tbody>{ for list.names.iter().take(200).map(|n| html! {
                            <tr><td>{ &n.code }</td><td>{ &n.name }</td><td>{ n.current.clone().unwrap_or_else(|| "—".into()) }</td></tr>
                        }) }</tbody>
                    </table>
                    </>
                },
            } }
            <div class="import-actions">
                <button type="button" class="primary" data-testid="codes-apply" onclick={apply}
                    disabled={read.as_ref().map(|l| l.names.is_empty()).unwrap_or(true)}>{ tr(l, "导入") }</button>
                <button type="button" onclick={close}>{ tr(l, "取消") }</button>
            </div>
        </section>
    }
}
