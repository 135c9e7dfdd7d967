//! The grid's toolbar: add, duplicate, delete, CSV export, grouping and the filters.

use crate::core::domain::model::Kind;
use crate::core::present::editor::{Filter, View};
use crate::core::present::i18n::{tf, tr};
use crate::ui::grid::ctx::GridCtx;
use crate::ui::state::{Action, Sel, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A change to the grid's view.
pub type ViewChange = Box<dyn Fn(&mut View)>;

/// A function that changes the grid's view (filter, sort, grouping).
pub fn view_setter(state: &UseReducerHandle<State>) -> impl Fn(ViewChange) + Clone {
    let state = state.clone();
    move |f: ViewChange| {
        let mut v = state.view.clone();
        f(&mut v);
        state.dispatch(Action::SetView(v));
    }
}

fn text_filter(
    state: &UseReducerHandle<State>,
    set: fn(&mut View, String),
) -> Callback<InputEvent> {
    let set_view = view_setter(state);
    Callback::from(move |e: InputEvent| {
        if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
            let v = i.value();
            set_view(Box::new(move |view| set(view, v.clone())));
        }
    })
}

fn select_filter(state: &UseReducerHandle<State>, set: fn(&mut View, String)) -> Callback<Event> {
    let set_view = view_setter(state);
    Callback::from(move |e: Event| {
        if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            let v = s.value();
            set_view(Box::new(move |view| set(view, v.clone())));
        }
    })
}

/// All lines as CSV (exact 元).
fn export_lines(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        let (csv, name) = {
            let b = state.budget();
            (
                crate::core::formats::export::lines_csv(&b),
                format!("{}-{}年预算明细.csv", b.unit.name, b.unit.year),
            )
        };
        crate::ui::shared::offer_download(&state, &csv, &name);
    })
}

fn action(ctx: &GridCtx, f: fn(&GridCtx)) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_: MouseEvent| f(&ctx))
}

pub fn toolbar(ctx: &GridCtx, lines_shown: usize) -> Html {
    let state = &ctx.state;
    let l = state.lang;
    let set_view = view_setter(state);
    let on_group = {
        let set_view = set_view.clone();
        Callback::from(move |_: Event| set_view(Box::new(|view| view.group = !view.group)))
    };
    let clear_filter = {
        let set_view = set_view.clone();
        Callback::from(move |_: MouseEvent| {
            set_view(Box::new(|view| view.filter = Filter::default()))
        })
    };
    let on_code = text_filter(state, |v, s| v.filter.code_prefix = s.trim().to_string());
    let on_text = text_filter(state, |v, s| v.filter.text = s);
    let on_kind = select_filter(state, |v, s| v.filter.kind = Kind::parse(&s));
    let on_source = select_filter(state, |v, s| v.filter.source = (!s.is_empty()).then_some(s));
    let on_unit = select_filter(state, |v, s| v.filter.unit = (!s.is_empty()).then_some(s));
    let on_group_by = select_filter(state, |v, s| {
        v.group = s == "code";
        v.group_unit = s == "unit";
    });
    let budget = state.budget();
    let units: Vec<(String, String)> = budget
        .units
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    let filter = &state.view.filter;
    let has_line = matches!(state.sel, Some(Sel::Line(_)));
    html! {
        <div class="toolbar" role="toolbar" aria-label={tr(l, "明细操作")}>
            if state.mode.editable() {
                <button type="button" data-testid="add-line" onclick={action(ctx, GridCtx::add_line)} title={tr(l, "新增明细（Insert 或 Ctrl+Enter）")}>{ tr(l, "＋ 新增") }</button>
                <button type="button" onclick={action(ctx, GridCtx::duplicate)} disabled={!has_line} title={tr(l, "复制所选明细（Ctrl+D）")}>{ tr(l, "复制") }</button>
                <button type="button" onclick={action(ctx, GridCtx::delete)} disabled={!has_line} title={tr(l, "删除所选明细（Ctrl+Delete）")}>{ tr(l, "删除") }</button>
            }
            <button type="button" onclick={export_lines(state)} data-testid="export-lines-csv" title={tr(l, "全部明细导出为 CSV（Excel/WPS 可直接打开）")}>{ tr(l, "导出CSV") }</button>
            if units.len() > 1 {
                <select aria-label={tr(l, "分组")} onchange={on_group_by} data-testid="group-by">
                    <option value="" selected={!state.view.group && !state.view.group_unit}>{ tr(l, "不分组") }</option>
                    <option value="code" selected={state.view.group && !state.view.group_unit}>{ tr(l, "按类/款分组") }</option>
                    <option value="unit" selected={state.view.group_unit}>{ tr(l, "按预算单位分组") }</option>
                </select>
            } else {
                <label class="check"><input type="checkbox" checked={state.view.group} onchange={on_group} />{ tr(l, "按类/款分组") }</label>
            }
            <span class="sep"></span>
            <input type="search" class="f-code" placeholder={tr(l, "科目编码前缀")} aria-label={tr(l, "按科目编码前缀筛选")}
                value={filter.code_prefix.clone()} oninput={on_code} />
            <select aria-label={tr(l, "按支出类型筛选")} onchange={on_kind}>
                <option value="" selected={filter.kind.is_none()}>{ tr(l, "全部类型") }</option>
                <option value="基本支出" selected={filter.kind == Some(Kind::Basic)}>{ tr(l, "基本支出") }</option>
                <option value="项目支出" selected={filter.kind == Some(Kind::Project)}>{ tr(l, "项目支出") }</option>
            </select>
            <select aria-label={tr(l, "按资金来源筛选")} onchange={on_source}>
                <option value="" selected={filter.source.is_none()}>{ tr(l, "全部来源") }</option>
                { for budget.sources.iter().map(|s| html! {
                    <option value={s.id.clone()} selected={filter.source.as_deref() == Some(s.id.as_str())} lang="zh-CN">{ &s.name }</option>
                }) }
            </select>
            if units.len() > 1 && state.unit_view.is_none() {
                <select aria-label={tr(l, "按预算单位筛选")} onchange={on_unit} data-testid="unit-filter">
                    <option value="" selected={filter.unit.is_none()}>{ tr(l, "全部单位") }</option>
                    { for units.iter().map(|(id, name)| html! {
                        <option value={id.clone()} selected={filter.unit.as_deref() == Some(id.as_str())} lang="zh-CN">{ name }</option>
                    }) }
                </select>
            }
            <input type="search" class="f-text" placeholder={tr(l, "搜索项目、科目、备注")} aria-label={tr(l, "按文字筛选")}
                value={filter.text.clone()} oninput={on_text} />
            if filter.is_active() {
                <button type="button" onclick={clear_filter}>{
                    if let Some(ids) = &filter.lines { tf(l, "仅显示{}条相关明细 ✕", &[&ids.len()]) } else { tr(l, "清除筛选 ✕").to_string() }
                }</button>
            }
            <span class="count" data-testid="line-count">{ tf(l, "共{}条，显示{}条", &[&budget.lines.len(), &lines_shown]) }</span>
        </div>
    }
}
