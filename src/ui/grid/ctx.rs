//! What the grid's handlers share: the state, the rows on screen, the selection and editor
//! text as of the last event (keys can arrive before the render that follows the previous
//! one), and the focusable elements. Each user action on the grid is one method here.

use crate::core::domain::codes::FunctionCode;
use crate::core::domain::command::{Command, LineDraft};
use crate::core::domain::model::{Budget, Kind, LineId};
use crate::core::present::editor::{edit_text, plan_paste, Column, GridRow};
use crate::ui::state::{Action, Editing, Notice, Sel, State};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// Row height in pixels (CSS `.grid tr` must match).
pub const ROW_H: f64 = 30.0;

/// The selection a grid row stands for: a line, or a 类/款 subtotal row.
pub fn row_sel(row: &GridRow, budget: &Budget) -> Option<Sel> {
    match row {
        GridRow::Line(i) => budget.lines.get(*i).map(|l| Sel::Line(l.id)),
        GridRow::Group { code, .. } => Some(Sel::Group(*code)),
        GridRow::Unit { id, .. } => Some(Sel::Unit(id.clone())),
    }
}

/// Whether a column can be typed into (a field, or the name of a code).
pub fn editable(col: Column) -> bool {
    col.field().is_some() || matches!(col, Column::FunctionName | Column::EconName)
}

#[derive(Clone)]
pub struct GridCtx {
    pub state: UseReducerHandle<State>,
    pub rows: Rc<Vec<GridRow>>,
    /// The columns shown, kept across in-place edits that do not change whether a line has
    /// a 上年执行数 (`Column::shown` may look at every line).
    pub columns: Rc<Vec<Column>>,
    /// Selection and column as of the last event handled.
    pub live: Rc<RefCell<(Option<Sel>, Column)>>,
    /// The editor's text as of the last event (`None`: not editing).
    pub live_text: Rc<RefCell<Option<String>>>,
    pub input_ref: NodeRef,
    pub catcher_ref: NodeRef,
}

impl GridCtx {
    /// Index of a selection among the rows shown.
    pub fn index_of(&self, sel: &Sel) -> Option<usize> {
        let budget = self.state.budget();
        self.rows
            .iter()
            .position(|r| row_sel(r, &budget).as_ref() == Some(sel))
    }

    /// Focus stays on the key catcher (a transparent input) while the grid is active, so
    /// typed text and IME input reach the grid without a click.
    pub fn focus_body(&self) {
        if let Some(el) = self.catcher_ref.cast::<HtmlElement>() {
            let opts = web_sys::FocusOptions::new();
            opts.set_prevent_scroll(true);
            let _ = el.focus_with_options(&opts);
        }
    }

    /// The cell moved by (dr, dc) from the latest selection, clamped; with `wrap`, Tab
    /// past the last column goes to the next row.
    pub fn target(&self, dr: i64, dc: i64, wrap: bool) -> Option<(Sel, Column)> {
        if self.rows.is_empty() {
            return None;
        }
        let (sel, col) = self.live.borrow().clone();
        let budget = self.state.budget();
        let Some(cur_row) = sel.as_ref().and_then(|s| {
            self.rows
                .iter()
                .position(|r| row_sel(r, &budget).as_ref() == Some(s))
        }) else {
            // Nothing selected yet: the first key selects the first row.
            return row_sel(&self.rows[0], &budget).map(|s| (s, col));
        };
        let shown = &self.columns;
        let ncols = shown.len() as i64;
        let mut r = cur_row as i64 + dr;
        let at = shown.iter().position(|c| *c == col).unwrap_or(0);
        let mut c = at as i64 + dc;
        if wrap {
            if c >= ncols {
                c = 0;
                r += 1;
            } else if c < 0 {
                c = ncols - 1;
                r -= 1;
            }
        }
        let r = r.clamp(0, self.rows.len() as i64 - 1) as usize;
        let c = c.clamp(0, ncols - 1) as usize;
        row_sel(&self.rows[r], &budget).map(|s| (s, shown[c]))
    }

    /// Selects the cell moved by (dr, dc).
    pub fn move_by(&self, dr: i64, dc: i64, wrap: bool) {
        if let Some((s, c)) = self.target(dr, dc, wrap) {
            *self.live.borrow_mut() = (Some(s.clone()), c);
            self.state.dispatch(Action::Select(s, c));
        }
    }

    /// The row of the latest selection.
    pub fn current_row(&self) -> Option<GridRow> {
        let (sel, _) = self.live.borrow().clone();
        let sel = sel?;
        let budget = self.state.budget();
        self.rows
            .iter()
            .find(|r| row_sel(r, &budget).as_ref() == Some(&sel))
            .cloned()
    }

    /// Opens the editor on a cell with `initial` text, else the text refused last time,
    /// else the cell's own text.
    pub fn start_edit(&self, line: LineId, col: Column, initial: Option<String>) {
        if !editable(col) {
            return;
        }
        let state = &self.state;
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
        *self.live_text.borrow_mut() = Some(text.clone());
        state.dispatch(Action::StartEdit(Editing { line, col, text }));
    }

    /// Collapses or expands a 类/款 group.
    pub fn toggle_group(&self, code: Option<FunctionCode>) {
        if let Some(code) = code {
            let mut view = self.state.view.clone();
            if !view.collapsed.remove(&code) {
                view.collapsed.insert(code);
            }
            self.state.dispatch(Action::SetView(view));
        }
    }

    /// The selected line, if a line (not a group) is selected.
    pub fn selected_line(&self) -> Option<LineId> {
        match &self.state.sel {
            Some(Sel::Line(id)) => Some(*id),
            _ => None,
        }
    }

    /// Adds a line like the selected one (same kind, codes and source), else a 基本支出
    /// line of the first source.
    pub fn add_line(&self) {
        let state = &self.state;
        let draft = {
            let b = state.budget();
            let template = self.selected_line().and_then(|id| b.line(id).cloned());
            match template {
                Some(t) => LineDraft {
                    function: t.function,
                    economic: if t.kind == Kind::Basic {
                        t.economic
                    } else {
                        None
                    },
                    unit: t.unit.clone(),
                    ..LineDraft::new(t.kind, &t.source)
                },
                None => LineDraft {
                    // In one unit's view, new lines are that unit's (the first is `None`).
                    unit: state
                        .unit_view
                        .clone()
                        .filter(|u| b.units.first().is_some_and(|f| &f.id != u)),
                    ..LineDraft::new(Kind::Basic, &b.default_source())
                },
            }
        };
        state.dispatch(Action::Apply(
            Command::AddLine(draft),
            Some("已新增一条明细".into()),
        ));
        // The new line's first cell is selected (state.rs); the keys go to the grid, not to
        // the button that was clicked, so what is typed next lands in the line.
        self.focus_body();
    }

    pub fn duplicate(&self) {
        if let Some(id) = self.selected_line() {
            self.state.dispatch(Action::Apply(
                Command::DuplicateLine(id),
                Some(format!("已复制第{id}号明细")),
            ));
        }
    }

    /// Deletes the selected line and selects the next row, so the keyboard user stays in
    /// place.
    pub fn delete(&self) {
        let Some(id) = self.selected_line() else {
            return;
        };
        let next = {
            let b = self.state.budget();
            let pos = self
                .rows
                .iter()
                .position(|r| row_sel(r, &b) == Some(Sel::Line(id)));
            pos.and_then(|p| {
                self.rows
                    .get(p + 1)
                    .or_else(|| p.checked_sub(1).and_then(|q| self.rows.get(q)))
                    .and_then(|r| row_sel(r, &b))
            })
        };
        self.state.dispatch(Action::Apply(
            Command::DeleteLine(id),
            Some(format!("已删除第{id}号明细")),
        ));
        if let Some(n) = next {
            self.state.dispatch(Action::Select(n, self.state.col));
        }
    }

    /// Pastes a block at the selection (updating the shown lines from there down), or as
    /// new lines when nothing is selected or the block has a header row.
    pub fn paste(&self, text: String) {
        let state = &self.state;
        let plan = {
            let b = state.budget();
            let rows = &self.rows;
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
            plan_paste(&b, &text, &targets, start_col, state.unit)
        };
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

    /// Text typed into the key catcher starts (or continues) editing the selected cell.
    pub fn take_typed(&self, typed: String) {
        if typed.is_empty() {
            return;
        }
        let pending = self.live_text.borrow().clone();
        match pending {
            Some(text) => {
                let text = format!("{text}{typed}");
                *self.live_text.borrow_mut() = Some(text.clone());
                self.state.dispatch(Action::EditText(text));
                if let Some(input) = self.input_ref.cast::<HtmlInputElement>() {
                    let _ = input.focus();
                }
            }
            None => {
                let (sel, col) = self.live.borrow().clone();
                if let Some(Sel::Line(id)) = sel {
                    self.start_edit(id, col, Some(typed));
                }
            }
        }
    }

    /// Commits the editor and moves to `next` (if any), focus back on the grid.
    pub fn commit_to(&self, next: Option<(Sel, Column)>) {
        *self.live_text.borrow_mut() = None;
        if let Some((s, c)) = &next {
            *self.live.borrow_mut() = (Some(s.clone()), *c);
        }
        self.state.dispatch(Action::Commit(next));
        self.focus_body();
    }

    /// Closes the editor, keeping the old value.
    pub fn cancel_edit(&self) {
        *self.live_text.borrow_mut() = None;
        self.state.dispatch(Action::CancelEdit);
        self.focus_body();
    }
}
