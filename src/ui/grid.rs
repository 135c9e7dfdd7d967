//! 明细: the line grid. Rows, cell texts, subtotals and paste plans come from
//! `core::editor`; this file handles focus, keys, scrolling and drawing only. Only the
//! rows in view are rendered, so 10,000 lines cost what 60 do.

use super::state::{Action, Editing, Notice, Sel, State};
use crate::core::domain::command::{Command, LineDraft};
use crate::core::domain::model::{Kind, LineId};
use crate::core::present::editor::{
    cell_text, edit_text, grid_rows, plan_paste, Column, Filter, GridRow, Sort, View,
};
use crate::core::present::i18n::{tf, tr, translate, Lang};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Row height in pixels (CSS `.grid tr` must match).
pub const ROW_H: f64 = 30.0;
/// Rows rendered above and below the viewport.
const OVERSCAN: usize = 12;
/// Rows rendered in all, enough for a tall window.
const WINDOW: usize = 70;

#[derive(Properties, PartialEq)]
pub struct GridProps {
    pub state: UseReducerHandle<State>,
}

fn row_sel(row: &GridRow, budget: &crate::core::domain::model::Budget) -> Option<Sel> {
    match row {
        GridRow::Line(i) => budget.lines.get(*i).map(|l| Sel::Line(l.id)),
        GridRow::Group { code, .. } => Some(Sel::Group(*code)),
    }
}

fn editable(col: Column) -> bool {
    col.field().is_some() || matches!(col, Column::FunctionName | Column::EconName)
}

#[function_component(Grid)]
pub fn grid(props: &GridProps) -> Html {
    let l = props.state.lang;
    let state = props.state.clone();
    let body_ref = use_node_ref();
    let input_ref = use_node_ref();
    let rows: Rc<Vec<GridRow>> = {
        let ws = state.ws.clone();
        use_memo((state.rev, state.view.clone()), move |(_, view)| {
            grid_rows(ws.borrow().budget(), view)
        })
    };
    // Index of the selected row.
    let sel_index: Option<usize> = {
        let budget = state.budget();
        state.sel.as_ref().and_then(|sel| {
            rows.iter()
                .position(|r| row_sel(r, &budget).as_ref() == Some(sel))
        })
    };

    // The selection and editor text as of the last event handled: keys can arrive before
    // the render that follows the previous one.
    let live = use_mut_ref(|| (state.sel.clone(), state.col));
    *live.borrow_mut() = (state.sel.clone(), state.col);
    let live_text = use_mut_ref(|| None::<String>);
    *live_text.borrow_mut() = state.editing.as_ref().map(|e| e.text.clone());
    let catcher_ref = use_node_ref();

    // Keep the selected row in view.
    {
        let body_ref = body_ref.clone();
        use_effect_with((sel_index, state.rev), move |(idx, _)| {
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
    // Focus the editor when it opens (caret at the end).
    {
        let input_ref = input_ref.clone();
        let editing = state.editing.clone();
        use_effect_with(editing.as_ref().map(|e| (e.line, e.col)), move |open| {
            if open.is_some() {
                if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                    let n = input.value().encode_utf16().count() as u32;
                    let _ = input.set_selection_range(n, n);
                }
            }
        });
    }

    // Focus stays on the key catcher (a transparent input) while the grid is active, so
    // typed text and IME input reach the grid without a click.
    let focus_body = {
        let catcher_ref = catcher_ref.clone();
        move || {
            if let Some(el) = catcher_ref.cast::<HtmlElement>() {
                let opts = web_sys::FocusOptions::new();
                opts.set_prevent_scroll(true);
                let _ = el.focus_with_options(&opts);
            }
        }
    };

    // The cell `(row, col)` moved by (dr, dc), clamped; Tab wraps to the next row.
    let target = {
        let rows = rows.clone();
        let state = state.clone();
        let live = live.clone();
        move |dr: i64, dc: i64, wrap: bool| -> Option<(Sel, Column)> {
            if rows.is_empty() {
                return None;
            }
            let budget = state.budget();
            // Keys can arrive faster than renders: move from the latest selection.
            let (sel, col) = live.borrow().clone();
            let Some(cur_row) = sel.as_ref().and_then(|sel| {
                rows.iter()
                    .position(|r| row_sel(r, &budget).as_ref() == Some(sel))
            }) else {
                // Nothing selected yet: the first key selects the first row.
                return row_sel(&rows[0], &budget).map(|s| (s, col));
            };
            let ncols = Column::ALL.len() as i64;
            let mut r = cur_row as i64 + dr;
            let mut c = col.index() as i64 + dc;
            if wrap {
                if c >= ncols {
                    c = 0;
                    r += 1;
                } else if c < 0 {
                    c = ncols - 1;
                    r -= 1;
                }
            }
            let r = r.clamp(0, rows.len() as i64 - 1) as usize;
            let c = c.clamp(0, ncols - 1) as usize;
            row_sel(&rows[r], &budget).map(|s| (s, Column::ALL[c]))
        }
    };

    let start_edit = {
        let state = state.clone();
        let live_text = live_text.clone();
        move |line: LineId, col: Column, initial: Option<String>| {
            if !editable(col) {
                return;
            }
            let text = match initial {
                Some(t) => t,
                None => match state.errors.get(&(line, col)) {
                    Some((_, typed)) => typed.clone(),
                    None => {
                        let b = state.budget();
                        match b.line(line) {
                            Some(l) => edit_text(&b, l, col, state.unit),
                            None => return,
                        }
                    }
                },
            };
            *live_text.borrow_mut() = Some(text.clone());
            state.dispatch(Action::StartEdit(Editing { line, col, text }));
        }
    };

    let toggle_group = {
        let state = state.clone();
        move |code: Option<crate::core::domain::codes::FunctionCode>| {
            if let Some(code) = code {
                let mut view = state.view.clone();
                if !view.collapsed.remove(&code) {
                    view.collapsed.insert(code);
                }
                state.dispatch(Action::SetView(view));
            }
        }
    };

    let add_line = {
        let state = state.clone();
        move || {
            let b = state.budget();
            let template = match &state.sel {
                Some(Sel::Line(id)) => b.line(*id).cloned(),
                _ => None,
            };
            let source = b.default_source();
            let draft = match template {
                Some(t) => LineDraft {
                    function: t.function,
                    economic: if t.kind == Kind::Basic {
                        t.economic
                    } else {
                        None
                    },
                    ..LineDraft::new(t.kind, &t.source)
                },
                None => LineDraft::new(Kind::Basic, &source),
            };
            drop(b);
            state.dispatch(Action::Apply(
                Command::AddLine(draft),
                Some("已新增一条明细".into()),
            ));
        }
    };
    let selected_line = {
        let state = state.clone();
        move || match &state.sel {
            Some(Sel::Line(id)) => Some(*id),
            _ => None,
        }
    };
    let duplicate = {
        let state = state.clone();
        let selected_line = selected_line.clone();
        move || {
            if let Some(id) = selected_line() {
                state.dispatch(Action::Apply(
                    Command::DuplicateLine(id),
                    Some(format!("已复制第{id}号明细")),
                ));
            }
        }
    };
    let delete = {
        let state = state.clone();
        let rows = rows.clone();
        let selected_line = selected_line.clone();
        move || {
            if let Some(id) = selected_line() {
                // Select the next row so the keyboard user stays in place.
                let next = {
                    let b = state.budget();
                    let pos = rows
                        .iter()
                        .position(|r| row_sel(r, &b) == Some(Sel::Line(id)));
                    pos.and_then(|p| {
                        rows.get(p + 1)
                            .or_else(|| p.checked_sub(1).and_then(|q| rows.get(q)))
                            .and_then(|r| row_sel(r, &b))
                    })
                };
                state.dispatch(Action::Apply(
                    Command::DeleteLine(id),
                    Some(format!("已删除第{id}号明细")),
                ));
                if let Some(n) = next {
                    state.dispatch(Action::Select(n, state.col));
                }
            }
        }
    };

    let onkeydown = {
        let state = state.clone();
        let rows = rows.clone();
        let target = target.clone();
        let start_edit = start_edit.clone();
        let toggle_group = toggle_group.clone();
        let add_line = add_line.clone();
        let duplicate = duplicate.clone();
        let delete = delete.clone();
        let live_text = live_text.clone();
        let live = live.clone();
        Callback::from(move |e: KeyboardEvent| {
            if live_text.borrow().is_some() {
                // The editor is opening; its text arrives through the key catcher.
                return;
            }
            let ctrl = e.ctrl_key() || e.meta_key();
            let key = e.key();
            let mv = |dr: i64, dc: i64, wrap: bool| {
                if let Some((s, c)) = target(dr, dc, wrap) {
                    *live.borrow_mut() = (Some(s.clone()), c);
                    state.dispatch(Action::Select(s, c));
                }
            };
            let (live_sel, live_col) = live.borrow().clone();
            let current = || -> Option<GridRow> {
                let b = state.budget();
                live_sel.as_ref().and_then(|sel| {
                    rows.iter()
                        .find(|r| row_sel(r, &b).as_ref() == Some(sel))
                        .cloned()
                })
            };
            let handled = match key.as_str() {
                "ArrowDown" => {
                    mv(1, 0, false);
                    true
                }
                "ArrowUp" => {
                    mv(-1, 0, false);
                    true
                }
                "ArrowRight" => {
                    mv(0, 1, false);
                    true
                }
                "ArrowLeft" => {
                    mv(0, -1, false);
                    true
                }
                "Tab" => {
                    mv(0, if e.shift_key() { -1 } else { 1 }, true);
                    true
                }
                "PageDown" => {
                    mv(20, 0, false);
                    true
                }
                "PageUp" => {
                    mv(-20, 0, false);
                    true
                }
                "Home" => {
                    mv(
                        if ctrl { -(rows.len() as i64) } else { 0 },
                        -(Column::ALL.len() as i64),
                        false,
                    );
                    true
                }
                "End" => {
                    mv(
                        if ctrl { rows.len() as i64 } else { 0 },
                        Column::ALL.len() as i64,
                        false,
                    );
                    true
                }
                "Enter" if ctrl => {
                    add_line();
                    true
                }
                "Insert" => {
                    add_line();
                    true
                }
                "d" | "D" if ctrl => {
                    duplicate();
                    true
                }
                "Delete" if ctrl => {
                    delete();
                    true
                }
                "Enter" | "F2" | " " => match current() {
                    Some(GridRow::Group { code, .. }) => {
                        toggle_group(code);
                        true
                    }
                    Some(GridRow::Line(_)) if key != " " => {
                        if let Some(Sel::Line(id)) = &live_sel {
                            start_edit(*id, live_col, None);
                        }
                        true
                    }
                    _ => false,
                },
                "Delete" | "Backspace" => {
                    if let Some(Sel::Line(id)) = &live_sel {
                        state.dispatch(Action::ClearCell(*id, live_col));
                    }
                    true
                }
                "Escape" => {
                    state.dispatch(Action::Notice(None));
                    true
                }
                // Printable keys (and IME input) reach the key catcher, whose input
                // event starts the editor with the typed text.
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        })
    };

    let do_paste = {
        let state = state.clone();
        let rows = rows.clone();
        move |text: String| {
            let b = state.budget();
            let start = rows
                .iter()
                .position(|r| row_sel(r, &b) == state.sel)
                .unwrap_or(rows.len());
            let targets: Vec<LineId> = if state.sel.is_some() {
                rows[start.min(rows.len())..]
                    .iter()
                    .filter_map(|r| match r {
                        GridRow::Line(i) => b.lines.get(*i).map(|l| l.id),
                        _ => None,
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let start_col = if state.sel.is_some() {
                state.col
            } else {
                Column::Kind
            };
            let plan = plan_paste(&b, &text, &targets, start_col, state.unit);
            drop(b);
            match plan {
                Ok(p) => state.dispatch(Action::ApplyAll(
                    p.commands,
                    format!("已粘贴：新增{}行，更新{}行", p.added, p.updated),
                )),
                Err(errors) => state.dispatch(Action::Notice(Some(Notice::Errors(
                    format!("粘贴未执行（没有任何更改），共{}处问题：", errors.len()),
                    errors.iter().take(50).map(|e| e.to_string()).collect(),
                )))),
            }
        }
    };
    let onpaste = {
        let state = state.clone();
        let do_paste = do_paste.clone();
        Callback::from(move |e: Event| {
            if state.editing.is_some() {
                return;
            }
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            e.prevent_default();
            do_paste(text);
        })
    };

    // Text typed into the key catcher starts (or continues) editing the selected cell.
    let take_typed = {
        let state = state.clone();
        let live = live.clone();
        let live_text = live_text.clone();
        let start_edit = start_edit.clone();
        let input_ref = input_ref.clone();
        move |typed: String| {
            if typed.is_empty() {
                return;
            }
            let pending = live_text.borrow().clone();
            match pending {
                Some(text) => {
                    let text = format!("{text}{typed}");
                    *live_text.borrow_mut() = Some(text.clone());
                    state.dispatch(Action::EditText(text));
                    if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                        let _ = input.focus();
                    }
                }
                None => {
                    let (sel, col) = live.borrow().clone();
                    if let Some(Sel::Line(id)) = sel {
                        start_edit(id, col, Some(typed));
                    }
                }
            }
        }
    };
    let on_catch_input = {
        let take_typed = take_typed.clone();
        Callback::from(move |e: InputEvent| {
            if e.is_composing() {
                return;
            }
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                let v = input.value();
                input.set_value("");
                take_typed(v);
            }
        })
    };
    // IME input (e.g. 拼音) is complete at compositionend; Yew has no attribute for it.
    {
        let take_typed = take_typed.clone();
        let catcher_ref = catcher_ref.clone();
        use_effect(move || {
            let listener = catcher_ref.cast::<HtmlInputElement>().map(|input| {
                let target = input.clone();
                gloo::events::EventListener::new(&input, "compositionend", move |_| {
                    let v = target.value();
                    target.set_value("");
                    take_typed(v);
                })
            });
            move || drop(listener)
        });
    }

    let onscroll = {
        let state = state.clone();
        let body_ref = body_ref.clone();
        Callback::from(move |_: Event| {
            if let Some(el) = body_ref.cast::<HtmlElement>() {
                let y = el.scroll_top() as f64;
                // Re-render only when the first rendered row changes.
                if (y / ROW_H).floor() != (state.scroll_top / ROW_H).floor() {
                    state.dispatch(Action::Scroll(y));
                }
            }
        })
    };

    // Editor events.
    let on_input = {
        let state = state.clone();
        let live_text = live_text.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                *live_text.borrow_mut() = Some(input.value());
                state.dispatch(Action::EditText(input.value()));
            }
        })
    };
    let on_editor_key = {
        let state = state.clone();
        let live_text = live_text.clone();
        let live = live.clone();
        let target = target.clone();
        let focus_body = focus_body.clone();
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            let commit_to = |next: Option<(Sel, Column)>| {
                *live_text.borrow_mut() = None;
                if let Some((s, c)) = &next {
                    *live.borrow_mut() = (Some(s.clone()), *c);
                }
                state.dispatch(Action::Commit(next));
                focus_body();
            };
            match e.key().as_str() {
                "Enter" if !e.is_composing() => {
                    e.prevent_default();
                    commit_to(target(1, 0, false));
                }
                "Tab" => {
                    e.prevent_default();
                    commit_to(target(0, if e.shift_key() { -1 } else { 1 }, true));
                }
                "Escape" => {
                    e.prevent_default();
                    *live_text.borrow_mut() = None;
                    state.dispatch(Action::CancelEdit);
                    focus_body();
                }
                _ => {}
            }
        })
    };
    let on_editor_blur = {
        let state = state.clone();
        let live_text = live_text.clone();
        Callback::from(move |_: FocusEvent| {
            if live_text.borrow_mut().take().is_some() {
                state.dispatch(Action::Commit(None));
            }
        })
    };
    let on_editor_paste = {
        let state = state.clone();
        let do_paste = do_paste.clone();
        Callback::from(move |e: Event| {
            let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let text = ce
                .clipboard_data()
                .and_then(|d| d.get_data("text/plain").ok())
                .unwrap_or_default();
            // A block (tabs or several lines) is a grid paste, not text for this cell.
            if text.trim_end().contains(['\t', '\n']) {
                ce.prevent_default();
                state.dispatch(Action::CancelEdit);
                do_paste(text);
            }
        })
    };

    // Cell clicks: select; a second click (or double click) edits.
    let on_cell_click = {
        let state = state.clone();
        let focus_body = focus_body.clone();
        let live = live.clone();
        let start_edit = start_edit.clone();
        let toggle_group = toggle_group.clone();
        let rows = rows.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(td) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest("td[data-row]").ok().flatten())
            else {
                return;
            };
            let row: usize = td
                .get_attribute("data-row")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let col: usize = td
                .get_attribute("data-col")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let Some(r) = rows.get(row) else { return };
            let sel = row_sel(r, &state.budget());
            let Some(sel) = sel else { return };
            let col = Column::ALL[col.min(Column::ALL.len() - 1)];
            if e.target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .is_none()
            {
                focus_body();
            }
            *live.borrow_mut() = (Some(sel.clone()), col);
            match (r, &sel) {
                (GridRow::Group { code, .. }, _) => {
                    toggle_group(*code);
                    state.dispatch(Action::Select(sel, col));
                }
                (GridRow::Line(_), Sel::Line(id)) => {
                    let again = state.sel.as_ref() == Some(&sel) && state.col == col;
                    if again || e.detail() >= 2 {
                        start_edit(*id, col, None);
                    } else {
                        state.dispatch(Action::Select(sel, col));
                    }
                }
                _ => {}
            }
        })
    };

    // Toolbar and filter bar.
    let set_view = {
        let state = state.clone();
        move |f: Box<dyn Fn(&mut View)>| {
            let mut v = state.view.clone();
            f(&mut v);
            state.dispatch(Action::SetView(v));
        }
    };
    let on_code_filter = {
        let set_view = set_view.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                let v = i.value();
                set_view(Box::new(move |view| {
                    view.filter.code_prefix = v.trim().to_string()
                }));
            }
        })
    };
    let on_text_filter = {
        let set_view = set_view.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                let v = i.value();
                set_view(Box::new(move |view| view.filter.text = v.clone()));
            }
        })
    };
    let on_kind_filter = {
        let set_view = set_view.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let k = Kind::parse(&s.value());
                set_view(Box::new(move |view| view.filter.kind = k));
            }
        })
    };
    let on_source_filter = {
        let set_view = set_view.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
                let v = s.value();
                set_view(Box::new(move |view| {
                    view.filter.source = (!v.is_empty()).then(|| v.clone())
                }));
            }
        })
    };
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
    let sort_by = {
        let set_view = set_view.clone();
        move |col: Column| {
            let set_view = set_view.clone();
            Callback::from(move |_: MouseEvent| {
                set_view(Box::new(move |view| {
                    view.sort = match view.sort {
                        Some(Sort {
                            column,
                            descending: false,
                        }) if column == col => Some(Sort {
                            column: col,
                            descending: true,
                        }),
                        Some(Sort {
                            column,
                            descending: true,
                        }) if column == col => None,
                        _ => Some(Sort {
                            column: col,
                            descending: false,
                        }),
                    }
                }))
            })
        }
    };

    let budget = state.budget();
    let unit = state.unit;
    let first = ((state.scroll_top / ROW_H).floor() as usize).saturating_sub(OVERSCAN);
    let last = (first + WINDOW).min(rows.len());
    let first = first.min(last);
    let top_pad = first as f64 * ROW_H;
    let bottom_pad = (rows.len() - last) as f64 * ROW_H;
    let lines_shown = rows
        .iter()
        .filter(|r| matches!(r, GridRow::Line(_)))
        .count();

    let header = html! {
        <tr>
            <th class="rownum" scope="col">{ tr(l, "编号") }</th>
            { for Column::ALL.iter().map(|&c| {
                let sorted = state.view.sort.filter(|s| s.column == c);
                let aria = match sorted {
                    Some(Sort { descending: true, .. }) => "descending",
                    Some(_) => "ascending",
                    None => "none",
                };
                let arrow = match sorted {
                    Some(Sort { descending: true, .. }) => " ▼",
                    Some(_) => " ▲",
                    None => "",
                };
                html! {
                    <th scope="col" aria-sort={aria} class={classes!(c.is_amount().then_some("num"))}>
                        <button type="button" class="sort" onclick={sort_by(c)}
                            title={tf(l, "{}（点击排序）", &[&tr(l, c.label())])}>{ tr(l, c.short_label()) }{ arrow }</button>
                    </th>
                }
            }) }
        </tr>
    };

    let body_rows = rows[first..last].iter().enumerate().map(|(k, row)| {
        let ri = first + k;
        let selected_row = sel_index == Some(ri);
        match row {
            GridRow::Group { code, name, lines, current, carry_over, collapsed } => {
                let level = code.map(|c| c.level());
                let class = classes!(
                    "group",
                    (level == Some(crate::core::domain::codes::Level::Kuan)).then_some("kuan"),
                    selected_row.then_some("selrow")
                );
                html! {
                    <tr class={class} key={format!("g{}", code.map(|c| c.to_string()).unwrap_or_default())}
                        aria-expanded={(!collapsed).to_string()}>
                        <td class="rownum" data-row={ri.to_string()} data-col="0">{ if *collapsed { "▸" } else { "▾" } }</td>
                        <td colspan="7" data-row={ri.to_string()} data-col="0"
                            class={classes!((selected_row).then_some("sel"))}>
                            <span lang="zh-CN">{ name.clone() }</span>
                            if l == Lang::En {
                                if let Some(en) = code.and_then(|c| crate::core::present::glossary::lei_english(&c.to_string())) {
                                    { format!(" — {en}") }
                                }
                            }
                            { tf(l, "（{}条）", &[&lines]) }
                        </td>
                        <td class="num" data-row={ri.to_string()} data-col="7">{ current.display(unit) }</td>
                        <td class="num" data-row={ri.to_string()} data-col="8">{
                            if carry_over.is_zero() { String::new() } else { carry_over.display(unit) }
                        }</td>
                        <td colspan="3" data-row={ri.to_string()} data-col="9"></td>
                    </tr>
                }
            }
            GridRow::Line(i) => {
                let Some(line) = budget.lines.get(*i) else { return html! {} };
                let editing = state.editing.as_ref().filter(|e| e.line == line.id);
                let hint = editing.and_then(|e| match e.col {
                    Column::Function => crate::core::domain::codes::FunctionCode::parse(&e.text)
                        .ok()
                        .and_then(|code| budget.function_name(code))
                        .map(str::to_string),
                    Column::Economic => crate::core::domain::codes::EconCode::parse(&e.text)
                        .ok()
                        .and_then(|code| budget.econ_name(code))
                        .map(str::to_string),
                    _ => None,
                });
                let props = LineRowProps {
                    row: ri,
                    id: line.id,
                    texts: Column::ALL.iter().map(|&c| cell_text(&budget, line, c, unit)).collect(),
                    selected_row,
                    sel_col: selected_row.then_some(state.col),
                    highlighted: state.highlight_lines.contains(&line.id),
                    errors: Column::ALL
                        .iter()
                        .map(|&c| state.errors.get(&(line.id, c)).map(|(m, _)| translate(l, m)))
                        .collect(),
                    lang: l,
                    editor: editing.map(|e| EditorProps {
                        col: e.col,
                        text: e.text.clone(),
                        hint,
                        input_ref: input_ref.clone(),
                        on_input: on_input.clone(),
                        on_key: on_editor_key.clone(),
                        on_blur: on_editor_blur.clone(),
                        on_paste: on_editor_paste.clone(),
                    }),
                };
                html! { <LineRow key={line.id.to_string()} ..props /> }
            }
        }
    });

    let filter = &state.view.filter;
    let sources = budget.sources.clone();
    let add_click = {
        let add_line = add_line.clone();
        Callback::from(move |_: MouseEvent| add_line())
    };
    let dup_click = {
        let duplicate = duplicate.clone();
        Callback::from(move |_: MouseEvent| duplicate())
    };
    let del_click = {
        let delete = delete.clone();
        Callback::from(move |_: MouseEvent| delete())
    };
    let export = {
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
    };
    let has_line = matches!(state.sel, Some(Sel::Line(_)));
    html! {
        <section class="grid-panel" aria-label={tr(l, "预算明细")}>
            <div class="toolbar" role="toolbar" aria-label={tr(l, "明细操作")}>
                if state.mode.editable() {
                    <button type="button" onclick={add_click} title={tr(l, "新增明细（Insert 或 Ctrl+Enter）")}>{ tr(l, "＋ 新增") }</button>
                    <button type="button" onclick={dup_click} disabled={!has_line} title={tr(l, "复制所选明细（Ctrl+D）")}>{ tr(l, "复制") }</button>
                    <button type="button" onclick={del_click} disabled={!has_line} title={tr(l, "删除所选明细（Ctrl+Delete）")}>{ tr(l, "删除") }</button>
                }
                <button type="button" onclick={export} data-testid="export-lines-csv" title={tr(l, "全部明细导出为 CSV（Excel/WPS 可直接打开）")}>{ tr(l, "导出CSV") }</button>
                <label class="check"><input type="checkbox" checked={state.view.group} onchange={on_group} />{ tr(l, "按类/款分组") }</label>
                <span class="sep"></span>
                <input type="search" class="f-code" placeholder={tr(l, "科目编码前缀")} aria-label={tr(l, "按科目编码前缀筛选")}
                    value={filter.code_prefix.clone()} oninput={on_code_filter} />
                <select aria-label={tr(l, "按支出类型筛选")} onchange={on_kind_filter}>
                    <option value="" selected={filter.kind.is_none()}>{ tr(l, "全部类型") }</option>
                    <option value="基本支出" selected={filter.kind == Some(Kind::Basic)}>{ tr(l, "基本支出") }</option>
                    <option value="项目支出" selected={filter.kind == Some(Kind::Project)}>{ tr(l, "项目支出") }</option>
                </select>
                <select aria-label={tr(l, "按资金来源筛选")} onchange={on_source_filter}>
                    <option value="" selected={filter.source.is_none()}>{ tr(l, "全部来源") }</option>
                    { for sources.iter().map(|s| html! {
                        <option value={s.id.clone()} selected={filter.source.as_deref() == Some(s.id.as_str())} lang="zh-CN">{ &s.name }</option>
                    }) }
                </select>
                <input type="search" class="f-text" placeholder={tr(l, "搜索项目、科目、备注")} aria-label={tr(l, "按文字筛选")}
                    value={filter.text.clone()} oninput={on_text_filter} />
                if filter.is_active() {
                    <button type="button" onclick={clear_filter}>{
                        if let Some(ids) = &filter.lines { tf(l, "仅显示{}条相关明细 ✕", &[&ids.len()]) } else { tr(l, "清除筛选 ✕").to_string() }
                    }</button>
                }
                <span class="count" data-testid="line-count">{ tf(l, "共{}条，显示{}条", &[&budget.lines.len(), &lines_shown]) }</span>
            </div>
            <div class="grid-body" ref={body_ref} role="grid" aria-label={tr(l, "预算明细表格")}
                aria-rowcount={(rows.len() + 1).to_string()}
                onkeydown={onkeydown} onpaste={onpaste} onscroll={onscroll} onclick={on_cell_click}>
                <input ref={catcher_ref} class="key-catcher" data-testid="grid-keys"
                    aria-label={tr(l, "预算明细：方向键移动，直接输入或按 Enter 编辑，Ctrl+V 粘贴")}
                    oninput={on_catch_input} autocomplete="off" readonly={!state.mode.editable()} />
                <table class="grid" style={format!("width:{}em", 3.5 + Column::ALL.iter().map(|c| c.width_em()).sum::<f32>())}>
                    <colgroup>
                        <col style="width:3.5em" />
                        { for Column::ALL.iter().map(|c| html! { <col style={format!("width:{}em", c.width_em())} /> }) }
                    </colgroup>
                    <thead>{ header }</thead>
                    <tbody>
                        if top_pad > 0.0 { <tr class="pad" style={format!("height:{top_pad}px")}></tr> }
                        { for body_rows }
                        if bottom_pad > 0.0 { <tr class="pad" style={format!("height:{bottom_pad}px")}></tr> }
                    </tbody>
                </table>
                if rows.is_empty() {
                    <p class="empty">{ if budget.lines.is_empty() { tr(l, "还没有明细：点“＋ 新增”，或从 Excel/WPS 复制一块数据后在此粘贴（Ctrl+V）。") } else { tr(l, "没有符合筛选条件的明细。") } }</p>
                }
            </div>
            <p class="keys">{ tr(l, "方向键/Tab 移动，Enter 或直接输入开始编辑，Enter 确认，Esc 取消；金额可写 3,402.75、340.2万、=120+35*2；可从 Excel/WPS 粘贴整块数据。") }</p>
        </section>
    }
}

/// The open editor of a row: its text and the callbacks only the edited row needs.
#[derive(Clone, PartialEq)]
pub struct EditorProps {
    col: Column,
    text: String,
    hint: Option<String>,
    input_ref: NodeRef,
    on_input: Callback<InputEvent>,
    on_key: Callback<KeyboardEvent>,
    on_blur: Callback<FocusEvent>,
    on_paste: Callback<Event>,
}

/// One line of the grid. Props are plain data (texts, flags), so rows whose content did
/// not change skip rendering; only the row being edited carries callbacks.
#[derive(Properties, Clone, PartialEq)]
pub struct LineRowProps {
    row: usize,
    id: LineId,
    /// Cell texts in `Column::ALL` order.
    texts: Vec<String>,
    selected_row: bool,
    sel_col: Option<Column>,
    highlighted: bool,
    /// The refusal message of each cell, if any.
    errors: Vec<Option<String>>,
    editor: Option<EditorProps>,
    lang: Lang,
}

#[function_component(LineRow)]
fn line_row(p: &LineRowProps) -> Html {
    let l = p.lang;
    let ri = p.row.to_string();
    html! {
        <tr class={classes!(p.selected_row.then_some("selrow"), p.highlighted.then_some("hl"))}
            data-line={p.id.to_string()}>
            <td class="rownum">{ p.id }</td>
            { for Column::ALL.iter().enumerate().map(|(ci, &c)| {
                let is_sel = p.sel_col == Some(c);
                let err = p.errors.get(ci).cloned().flatten();
                let class = classes!(
                    c.is_amount().then_some("num"),
                    is_sel.then_some("sel"),
                    err.is_some().then_some("invalid"),
                    (!editable(c)).then_some("ro"),
                    matches!(c, Column::FunctionName | Column::EconName).then_some("name"),
                );
                let content = match p.editor.as_ref().filter(|e| e.col == c) {
                    Some(e) => html! {
                        <>
                        <input ref={e.input_ref.clone()} class="cell-editor" value={e.text.clone()}
                            aria-label={tf(l, "第{}号明细 {}", &[&p.id, &tr(l, c.label())])}
                            oninput={e.on_input.clone()} onkeydown={e.on_key.clone()}
                            onblur={e.on_blur.clone()} onpaste={e.on_paste.clone()} />
                        if let Some(h) = &e.hint { <span class="hint">{ h }</span> }
                        </>
                    },
                    // Codes, official names and the user's own text: not translated.
                    None => html! { <span lang="zh-CN">{ p.texts.get(ci).cloned().unwrap_or_default() }</span> },
                };
                html! {
                    <td class={class} data-row={ri.clone()} data-col={ci.to_string()}
                        title={err.clone()}
                        aria-invalid={err.as_ref().map(|_| "true")}
                        aria-selected={is_sel.to_string()}>{ content }</td>
                }
            }) }
        </tr>
    }
}
