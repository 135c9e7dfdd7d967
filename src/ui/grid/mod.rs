//! 明细: the line grid. Rows, cell texts, subtotals and paste plans come from
//! `core::present::editor`; this module handles focus, keys, scrolling and drawing only.
//! Only the rows in view are rendered, so 10,000 lines cost what 60 do.
//!
//! - [`ctx`]: what the handlers share, and one method per user action;
//! - [`events`]: the event handlers (keys, typing, editor, paste, clicks, scroll);
//! - [`toolbar`]: add/duplicate/delete, export, grouping and filters;
//! - [`rows`]: the header, group rows and line rows.

mod ctx;
mod events;
mod rows;
mod toolbar;

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::command::Command;
use crate::core::domain::model::{Budget, Line};
use crate::core::domain::workspace::ScenarioId;
use crate::core::present::editor::{cell_text, grid_rows, rows_unchanged, Column, GridRow, View};
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::state::{Action, State};
use ctx::{GridCtx, ROW_H};
use rows::{group_row, header_row, EditorProps, GroupRow, LineRow, LineRowProps};
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// Rows rendered above and below the viewport.
const OVERSCAN: usize = 12;
/// Rows rendered in all, enough for a tall window.
const WINDOW: usize = 70;

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub state: UseReducerHandle<State>,
}

/// Keeps the selected row in view.
#[hook]
fn use_scroll_to_selection(body_ref: &NodeRef, sel_index: Option<usize>, rev: u64) {
    let body_ref = body_ref.clone();
    use_effect_with((sel_index, rev), move |(idx, _)| {
        if let (Some(idx), Some(el)) = (idx, body_ref.cast::<HtmlElement>()) {
            let top = *idx as f64 * ROW_H;
            let view = el.client_height() as f64 - ROW_H * 1.5;
            let cur = el.scroll_top() as f64;
            if top < cur {
                el.set_scroll_top(top as i32);
            } else if top + ROW_H > cur + view {
                el.set_scroll_top((top + ROW_H - view).max(0.0) as i32);
            }
        }
    });
}

/// Focuses the editor when it opens, caret at the end.
#[hook]
fn use_editor_focus(input_ref: &NodeRef, open: Option<(u32, Column)>) {
    let input_ref = input_ref.clone();
    use_effect_with(open, move |open| {
        if open.is_some() {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
                let n = input.value().encode_utf16().count() as u32;
                let _ = input.set_selection_range(n, n);
            }
        }
    });
}

/// IME input (e.g. 拼音) is complete at compositionend; Yew has no attribute for it.
#[hook]
fn use_composition_end(ctx: &GridCtx) {
    let ctx = ctx.clone();
    use_effect(move || {
        let listener = ctx.catcher_ref.cast::<HtmlInputElement>().map(|input| {
            let target = input.clone();
            gloo::events::EventListener::new(&input, "compositionend", move |_| {
                let v = target.value();
                target.set_value("");
                ctx.take_typed(v);
            })
        });
        move || drop(listener)
    });
}

/// A value of the budget shown, kept from the last render when the revision and `key` are
/// the same, or when the one change since edited lines in place and `keep(key, lines)`
/// says the value does not depend on what they changed; else made anew.
#[hook]
fn use_kept<K, T, F, G>(state: &UseReducerHandle<State>, key: K, keep: F, make: G) -> Rc<T>
where
    K: PartialEq + 'static,
    T: 'static,
    F: Fn(&K, &[(Line, Line)]) -> bool,
    G: FnOnce(&Budget, &K) -> T,
{
    let cache = use_mut_ref(|| None::<(u64, ScenarioId, K, Rc<T>)>);
    let mut cache = cache.borrow_mut();
    let scenario = state.ws.borrow().current_id();
    let reusable = match (cache.as_ref(), state.edited.as_deref()) {
        (Some((_, id, k, _)), _) if *id != scenario || *k != key => false,
        (Some((rev, ..)), _) if *rev == state.rev => true,
        (Some((rev, ..)), Some(e)) => {
            *rev + 1 == state.rev
                && e.rev == state.rev
                && e.scenario == scenario
                && keep(&key, &e.lines)
        }
        _ => false,
    };
    let value = match cache.take() {
        Some((.., v)) if reusable => v,
        _ => Rc::new(make(state.ws.borrow().budget(), &key)),
    };
    *cache = Some((state.rev, scenario, key, value.clone()));
    value
}

/// The rows shown, kept across edits of amounts when the view neither sorts nor groups
/// (`rows_unchanged`: at 100,000 lines, listing the rows again costs about a millisecond).
#[hook]
fn use_rows(state: &UseReducerHandle<State>) -> Rc<Vec<GridRow>> {
    use_kept(
        state,
        state.view.clone(),
        |view: &View, lines: &[(Line, Line)]| rows_unchanged(view, lines),
        |budget: &Budget, view: &View| grid_rows(budget, view),
    )
}

/// The columns shown, kept across in-place edits that neither add nor remove a line's
/// 上年执行数 (`Column::shown` may look at every line).
#[hook]
fn use_columns(state: &UseReducerHandle<State>) -> Rc<Vec<Column>> {
    use_kept(
        state,
        (),
        |_: &(), lines: &[(Line, Line)]| {
            lines
                .iter()
                .all(|(old, new)| old.executed.is_some() == new.executed.is_some())
        },
        |budget: &Budget, _: &()| Column::shown(budget),
    )
}

/// The grid's shared context: the rows and columns shown (kept across edits that leave them
/// as they are), live selection.
#[hook]
fn use_grid_ctx(state: &UseReducerHandle<State>) -> GridCtx {
    let rows = use_rows(state);
    let columns = use_columns(state);
    // The selection and editor text as of the last event handled: keys can arrive before
    // the render that follows the previous one.
    let live = use_mut_ref(|| (state.sel.clone(), state.col));
    *live.borrow_mut() = (state.sel.clone(), state.col);
    let live_text = use_mut_ref(|| None::<String>);
    *live_text.borrow_mut() = state.editing.as_ref().map(|e| e.text.clone());
    GridCtx {
        state: state.clone(),
        rows,
        columns,
        live,
        live_text,
        input_ref: use_node_ref(),
        catcher_ref: use_node_ref(),
    }
}

/// The name a code being typed would get, shown under the editor.
fn code_hint(state: &State, col: Column, text: &str) -> Option<String> {
    let b = state.budget();
    match col {
        Column::Function => FunctionCode::parse(text)
            .ok()
            .and_then(|code| b.function_name(code).map(str::to_string)),
        Column::Economic => EconCode::parse(text)
            .ok()
            .and_then(|code| b.econ_name(code).map(str::to_string)),
        _ => None,
    }
}

/// The name columns of a line whose names are the budget's own.
fn own_names(budget: &Budget, line: &Line) -> Vec<Column> {
    let mut out = Vec::new();
    if line
        .function
        .is_some_and(|c| budget.code_names.contains_key(&c.to_string()))
    {
        out.push(Column::FunctionName);
    }
    if line
        .economic
        .is_some_and(|c| budget.code_names.contains_key(&c.to_string()))
    {
        out.push(Column::EconName);
    }
    out
}

/// The line rows and group rows from `first` to `last`.
fn body_rows(ctx: &GridCtx, first: usize, last: usize, sel_index: Option<usize>) -> Vec<Html> {
    let state = &ctx.state;
    let (l, unit) = (state.lang, state.unit);
    let budget = state.budget();
    let columns = &ctx.columns;
    let trailing = columns.len().saturating_sub(9);
    // A 类/款 row without a name is named from the row (one undo step).
    let name_group = state.mode.editable().then(|| {
        let state = state.clone();
        Callback::from(move |code: FunctionCode| {
            let asked = web_sys::window().and_then(|w| {
                w.prompt_with_message(&tf(state.lang, "科目{}的名称", &[&code]))
                    .ok()
                    .flatten()
            });
            if let Some(name) = asked.filter(|n| !n.trim().is_empty()) {
                let label = format!("为科目{code}命名“{}”", name.trim());
                state.dispatch(Action::Apply(
                    Command::SetCodeName {
                        code: code.to_string(),
                        name,
                    },
                    Some(label),
                ));
            }
        })
    });
    let editor = |col: Column, text: &str| EditorProps {
        col,
        text: text.to_string(),
        hint: code_hint(state, col, text),
        input_ref: ctx.input_ref.clone(),
        on_input: events::on_editor_input(ctx),
        on_key: events::on_editor_key(ctx),
        on_blur: events::on_editor_blur(ctx),
        on_paste: events::on_editor_paste(ctx),
    };
    ctx.rows[first..last]
        .iter()
        .enumerate()
        .map(|(k, row)| {
            let ri = first + k;
            let selected_row = sel_index == Some(ri);
            match row {
                GridRow::Group {
                    code,
                    name,
                    lines,
                    current,
                    carry_over,
                    collapsed,
                } => group_row(
                    &GroupRow {
                        row: ri,
                        code: *code,
                        name,
                        lines: *lines,
                        current: *current,
                        carry_over: *carry_over,
                        collapsed: *collapsed,
                        selected: selected_row,
                        trailing,
                        unit: None,
                        on_name: name_group.clone(),
                    },
                    unit,
                    l,
                ),
                GridRow::Unit {
                    id,
                    name,
                    lines,
                    current,
                    carry_over,
                } => group_row(
                    &GroupRow {
                        row: ri,
                        code: None,
                        name,
                        lines: *lines,
                        current: *current,
                        carry_over: *carry_over,
                        collapsed: false,
                        selected: selected_row,
                        trailing,
                        unit: Some(id),
                        on_name: None,
                    },
                    unit,
                    l,
                ),
                GridRow::Line(i) => {
                    let Some(line) = budget.lines.get(*i) else {
                        return html! {};
                    };
                    let editing = state.editing.as_ref().filter(|e| e.line == line.id);
                    let props = LineRowProps {
                        row: ri,
                        id: line.id,
                        texts: columns
                            .iter()
                            .map(|&c| cell_text(&budget, line, c, unit))
                            .collect(),
                        own_names: own_names(&budget, line),
                        generated: line.generated,
                        columns: columns.clone(),
                        selected_row,
                        sel_col: selected_row.then_some(state.col),
                        highlighted: state.highlight_lines.contains(&line.id),
                        errors: columns
                            .iter()
                            .map(|&c| {
                                state
                                    .errors
                                    .get(&(line.id, c))
                                    .map(|(m, _)| translate(l, m))
                            })
                            .collect(),
                        lang: l,
                        editor: editing.map(|e| editor(e.col, &e.text)),
                    };
                    html! { <LineRow key={line.id.to_string()} ..props /> }
                }
            }
        })
        .collect()
}

#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let state = props.state.clone();
    let l = state.lang;
    let body_ref = use_node_ref();
    let ctx = use_grid_ctx(&state);
    let sel_index = state.sel.as_ref().and_then(|s| ctx.index_of(s));
    use_scroll_to_selection(&body_ref, sel_index, state.rev);
    use_editor_focus(
        &ctx.input_ref,
        state.editing.as_ref().map(|e| (e.line, e.col)),
    );
    use_composition_end(&ctx);

    let rows = &ctx.rows;
    let first = ((state.scroll_top / ROW_H).floor() as usize).saturating_sub(OVERSCAN);
    let last = (first + WINDOW).min(rows.len());
    let first = first.min(last);
    let top_pad = first as f64 * ROW_H;
    let bottom_pad = (rows.len() - last) as f64 * ROW_H;
    let lines_shown = rows
        .iter()
        .filter(|r| matches!(r, GridRow::Line(_)))
        .count();
    let no_lines = state.budget().lines.is_empty();
    let columns = ctx.columns.clone();
    let width = 4.5 + columns.iter().map(|c| c.width_em()).sum::<f32>();
    html! {
        <section class="grid-panel" aria-label={tr(l, "预算明细")}>
            { toolbar::toolbar(&ctx, lines_shown) }
            // Above the grid, so that it is on the first screen whatever the grid's height.
            <p class="keys">{ tr(l, "方向键/Tab 移动，Enter 或直接输入开始编辑，Enter 确认，Esc 取消；金额可写 3,402.75、340.2万、=120+35*2；可从 Excel/WPS 粘贴整块数据。") }</p>
            <div class="grid-body" ref={body_ref.clone()} role="grid" aria-label={tr(l, "预算明细表格")}
                aria-rowcount={(rows.len() + 1).to_string()}
                onkeydown={events::on_grid_key(&ctx)} onpaste={events::on_paste(&ctx)}
                onscroll={events::on_scroll(&ctx, &body_ref)} onclick={events::on_cell_click(&ctx)}>
                <input ref={ctx.catcher_ref.clone()} class="key-catcher" data-testid="grid-keys"
                    aria-label={tr(l, "预算明细：方向键移动，直接输入或按 Enter 编辑，Ctrl+V 粘贴")}
                    oninput={events::on_catch_input(&ctx)} autocomplete="off" readonly={!state.mode.editable()} />
                <table class="grid" style={format!("width:{width}em")}>
                    <colgroup>
                        <col style="width:4.5em" />
                        { for columns.iter().map(|c| html! { <col style={format!("width:{}em", c.width_em())} /> }) }
                    </colgroup>
                    <thead>{ header_row(&state, &columns) }</thead>
                    <tbody>
                        if top_pad > 0.0 { <tr class="pad" style={format!("height:{top_pad}px")}></tr> }
                        { for body_rows(&ctx, first, last, sel_index) }
                        if bottom_pad > 0.0 { <tr class="pad" style={format!("height:{bottom_pad}px")}></tr> }
                    </tbody>
                </table>
                if rows.is_empty() {
                    <p class="empty">{ if no_lines { tr(l, "还没有明细：点“＋ 新增”逐条录入，从 Excel/WPS 复制一块数据后在此粘贴（Ctrl+V），或用“导入明细…”从 CSV/Excel 导入。") } else { tr(l, "没有符合筛选条件的明细。") } }</p>
                }
            </div>
        </section>
    }
}
