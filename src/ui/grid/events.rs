//! The grid's event handlers, each built from the shared [`GridCtx`]: keys on the grid,
//! typed and IME text, the cell editor's keys, paste, clicks and scrolling.

use crate::core::present::editor::{Column, GridRow};
use crate::ui::grid::ctx::{row_sel, GridCtx, ROW_H};
use crate::ui::state::{Action, Sel};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Keys on the grid: moving, editing, adding, duplicating, deleting, clearing, groups.
pub fn on_grid_key(ctx: &GridCtx) -> Callback<KeyboardEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: KeyboardEvent| {
        if ctx.live_text.borrow().is_some() {
            // The editor is opening; its text arrives through the key catcher.
            return;
        }
        if grid_key(&ctx, &e) {
            e.prevent_default();
        }
    })
}

/// Handles one key; whether it was the grid's.
fn grid_key(ctx: &GridCtx, e: &KeyboardEvent) -> bool {
    let ctrl = e.ctrl_key() || e.meta_key();
    let key = e.key();
    let rows = ctx.rows.len() as i64;
    let cols = Column::ALL.len() as i64;
    match key.as_str() {
        "ArrowDown" => ctx.move_by(1, 0, false),
        "ArrowUp" => ctx.move_by(-1, 0, false),
        "ArrowRight" => ctx.move_by(0, 1, false),
        "ArrowLeft" => ctx.move_by(0, -1, false),
        "Tab" => ctx.move_by(0, if e.shift_key() { -1 } else { 1 }, true),
        "PageDown" => ctx.move_by(20, 0, false),
        "PageUp" => ctx.move_by(-20, 0, false),
        "Home" => ctx.move_by(if ctrl { -rows } else { 0 }, -cols, false),
        "End" => ctx.move_by(if ctrl { rows } else { 0 }, cols, false),
        "Enter" if ctrl => ctx.add_line(),
        "Insert" => ctx.add_line(),
        "d" | "D" if ctrl => ctx.duplicate(),
        "Delete" if ctrl => ctx.delete(),
        "Enter" | "F2" | " " => return open_or_toggle(ctx, &key),
        "Delete" | "Backspace" => {
            let (sel, col) = ctx.live.borrow().clone();
            if let Some(Sel::Line(id)) = sel {
                ctx.state.dispatch(Action::ClearCell(id, col));
            }
        }
        "Escape" => ctx.state.dispatch(Action::Notice(None)),
        // Printable keys (and IME input) reach the key catcher, whose input event starts
        // the editor with the typed text.
        _ => return false,
    }
    true
}

/// Enter/F2 edits the selected cell; on a group row Enter or Space folds it.
fn open_or_toggle(ctx: &GridCtx, key: &str) -> bool {
    match ctx.current_row() {
        Some(GridRow::Group { code, .. }) => {
            ctx.toggle_group(code);
            true
        }
        Some(GridRow::Line(_)) if key != " " => {
            let (sel, col) = ctx.live.borrow().clone();
            if let Some(Sel::Line(id)) = sel {
                ctx.start_edit(id, col, None);
            }
            true
        }
        _ => false,
    }
}

/// Text typed into the key catcher (not while an IME is composing).
pub fn on_catch_input(ctx: &GridCtx) -> Callback<InputEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: InputEvent| {
        if e.is_composing() {
            return;
        }
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            let v = input.value();
            input.set_value("");
            ctx.take_typed(v);
        }
    })
}

/// A paste on the grid (not into an open editor).
pub fn on_paste(ctx: &GridCtx) -> Callback<Event> {
    let ctx = ctx.clone();
    Callback::from(move |e: Event| {
        if ctx.state.editing.is_some() {
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
        ctx.paste(text);
    })
}

/// Scrolling re-renders only when the first rendered row changes.
pub fn on_scroll(ctx: &GridCtx, body_ref: &NodeRef) -> Callback<Event> {
    let state = ctx.state.clone();
    let body_ref = body_ref.clone();
    Callback::from(move |_: Event| {
        if let Some(el) = body_ref.cast::<HtmlElement>() {
            let y = el.scroll_top() as f64;
            if (y / ROW_H).floor() != (state.scroll_top / ROW_H).floor() {
                state.dispatch(Action::Scroll(y));
            }
        }
    })
}

/// The editor's text as typed.
pub fn on_editor_input(ctx: &GridCtx) -> Callback<InputEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: InputEvent| {
        if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
            *ctx.live_text.borrow_mut() = Some(input.value());
            ctx.state.dispatch(Action::EditText(input.value()));
        }
    })
}

/// Enter commits and moves down, Tab commits and moves right, Esc cancels.
pub fn on_editor_key(ctx: &GridCtx) -> Callback<KeyboardEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: KeyboardEvent| {
        e.stop_propagation();
        match e.key().as_str() {
            "Enter" if !e.is_composing() => {
                e.prevent_default();
                ctx.commit_to(ctx.target(1, 0, false));
            }
            "Tab" => {
                e.prevent_default();
                ctx.commit_to(ctx.target(0, if e.shift_key() { -1 } else { 1 }, true));
            }
            "Escape" => {
                e.prevent_default();
                ctx.cancel_edit();
            }
            _ => {}
        }
    })
}

/// Leaving the editor commits what was typed.
pub fn on_editor_blur(ctx: &GridCtx) -> Callback<FocusEvent> {
    let ctx = ctx.clone();
    Callback::from(move |_: FocusEvent| {
        if ctx.live_text.borrow_mut().take().is_some() {
            ctx.state.dispatch(Action::Commit(None));
        }
    })
}

/// A block (tabs or several lines) pasted into the editor is a grid paste.
pub fn on_editor_paste(ctx: &GridCtx) -> Callback<Event> {
    let ctx = ctx.clone();
    Callback::from(move |e: Event| {
        let Some(ce) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
            return;
        };
        let text = ce
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        if text.trim_end().contains(['\t', '\n']) {
            ce.prevent_default();
            ctx.state.dispatch(Action::CancelEdit);
            ctx.paste(text);
        }
    })
}

/// Cell clicks: select; a second click (or double click) edits; a group row folds.
pub fn on_cell_click(ctx: &GridCtx) -> Callback<MouseEvent> {
    let ctx = ctx.clone();
    Callback::from(move |e: MouseEvent| {
        // A 测 mark opens its line's formula in the explanation panel.
        let mark = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".gen-mark").ok().flatten())
            .and_then(|m| m.get_attribute("data-line-id"));
        if let Some(id) = mark {
            ctx.state.dispatch(Action::Explain(Some(
                crate::ui::state::ExplainTarget::Figure(format!("line:{id}")),
            )));
            return;
        }
        let Some(td) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("td[data-row]").ok().flatten())
        else {
            return;
        };
        let index = |attr: &str| -> usize {
            td.get_attribute(attr)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0)
        };
        let (row, col) = (index("data-row"), index("data-col"));
        let Some(r) = ctx.rows.get(row) else { return };
        let Some(sel) = row_sel(r, &ctx.state.budget()) else {
            return;
        };
        let col = Column::ALL[col.min(Column::ALL.len() - 1)];
        let on_input = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .is_some();
        if !on_input {
            ctx.focus_body();
        }
        *ctx.live.borrow_mut() = (Some(sel.clone()), col);
        let state = &ctx.state;
        match (r, &sel) {
            (GridRow::Group { code, .. }, _) => {
                ctx.toggle_group(*code);
                state.dispatch(Action::Select(sel, col));
            }
            (GridRow::Unit { .. }, _) => state.dispatch(Action::Select(sel, col)),
            (GridRow::Line(_), Sel::Line(id)) => {
                let again = state.sel.as_ref() == Some(&sel) && state.col == col;
                if again || e.detail() >= 2 {
                    ctx.start_edit(*id, col, None);
                } else {
                    state.dispatch(Action::Select(sel, col));
                }
            }
            _ => {}
        }
    })
}
