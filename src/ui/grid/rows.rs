//! The grid's rows: the header with sorting, 类/款 group rows, and line rows (a memoised
//! component with plain-data props, so unchanged rows skip rendering).

use crate::core::domain::codes::{FunctionCode, Level};
use crate::core::domain::model::LineId;
use crate::core::domain::money::{Money, Unit};
use crate::core::present::editor::{Column, Sort};
use crate::core::present::i18n::{tf, tr, Lang};
use crate::ui::grid::ctx::editable;
use crate::ui::grid::toolbar::view_setter;
use crate::ui::state::State;
use web_sys::{KeyboardEvent, MouseEvent};
use yew::prelude::*;

/// Sorting by a column: ascending, then descending, then unsorted.
fn sort_by(state: &UseReducerHandle<State>, col: Column) -> Callback<MouseEvent> {
    let set_view = view_setter(state);
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

/// The header row; each heading sorts by its column.
pub fn header_row(state: &UseReducerHandle<State>, columns: &[Column]) -> Html {
    let l = state.lang;
    html! {
        <tr>
            <th class="rownum" scope="col">{ tr(l, "编号") }</th>
            { for columns.iter().map(|&c| {
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
                        <button type="button" class="sort" onclick={sort_by(state, c)}
                            title={tf(l, "{}（点击排序）", &[&tr(l, c.label())])}>{ tr(l, c.short_label()) }{ arrow }</button>
                    </th>
                }
            }) }
        </tr>
    }
}

/// What a 类/款 group row shows.
pub struct GroupRow<'a> {
    pub row: usize,
    pub code: Option<FunctionCode>,
    pub name: &'a str,
    pub lines: usize,
    pub current: Money,
    pub carry_over: Money,
    pub collapsed: bool,
    pub selected: bool,
    /// Columns after 上年结转安排 (they span the row's last cell).
    pub trailing: usize,
    /// A 预算单位 subtotal (grouping by unit) rather than a 类/款 one.
    pub unit: Option<&'a str>,
    /// Names a code without a name (a 类/款 row of “（未知科目）”), where the page edits.
    pub on_name: Option<Callback<FunctionCode>>,
}

/// A 类/款 subtotal row (folds with Enter, Space or a click).
pub fn group_row(g: &GroupRow, unit: Unit, l: Lang) -> Html {
    let level = g.code.map(|c| c.level());
    let class = classes!(
        "group",
        (level == Some(Level::Kuan)).then_some("kuan"),
        g.unit.is_some().then_some("unit-group"),
        g.selected.then_some("selrow")
    );
    let ri = g.row.to_string();
    let key = match g.unit {
        Some(u) => format!("u{u}"),
        None => format!("g{}", g.code.map(|c| c.to_string()).unwrap_or_default()),
    };
    html! {
        <tr class={class} key={key} aria-expanded={g.unit.is_none().then(|| (!g.collapsed).to_string())}>
            <td class="rownum" data-row={ri.clone()} data-col="0">{ if g.collapsed { "▸" } else { "▾" } }</td>
            <td colspan="7" data-row={ri.clone()} data-col="0"
                class={classes!(g.selected.then_some("sel"))}>
                <span lang="zh-CN">{ g.name.to_string() }</span>
                if l == Lang::En {
                    if let Some(en) = g.code.and_then(|c| crate::core::present::glossary::lei_english(&c.to_string())) {
                        { format!(" — {en}") }
                    }
                }
                { tf(l, "（{}条）", &[&g.lines]) }
                if let (Some(code), Some(on_name)) = (g.code.filter(|_| g.name.ends_with("（未知科目）")), g.on_name.clone()) {
                    // Its own click: not the row's (which folds the group).
                    <button type="button" class="link name-group" data-testid={format!("name-group-{code}")}
                        onmousedown={Callback::from(|e: MouseEvent| e.stop_propagation())}
                        onclick={Callback::from(move |e: MouseEvent| { e.stop_propagation(); on_name.emit(code) })}>
                        { tr(l, "命名…") }
                    </button>
                }
            </td>
            <td class="num" data-row={ri.clone()} data-col="7">{ g.current.display(unit) }</td>
            <td class="num" data-row={ri.clone()} data-col="8">{
                if g.carry_over.is_zero() { String::new() } else { g.carry_over.display(unit) }
            }</td>
            <td colspan={g.trailing.to_string()} data-row={ri} data-col="9"></td>
        </tr>
    }
}

/// The open editor of a row: its text and the callbacks only the edited row needs.
#[derive(Clone, PartialEq)]
pub struct EditorProps {
    pub col: Column,
    pub text: String,
    pub hint: Option<String>,
    pub input_ref: NodeRef,
    pub on_input: Callback<InputEvent>,
    pub on_key: Callback<KeyboardEvent>,
    pub on_blur: Callback<FocusEvent>,
    pub on_paste: Callback<Event>,
}

/// One line of the grid. Props are plain data (texts, flags), so rows whose content did
/// not change skip rendering; only the row being edited carries callbacks.
#[derive(Properties, Clone, PartialEq)]
pub struct LineRowProps {
    pub row: usize,
    pub id: LineId,
    /// The columns shown, and their cell texts in that order.
    pub columns: std::rc::Rc<Vec<Column>>,
    pub texts: Vec<String>,
    /// Name cells whose name is the budget's own (not the built-in table's).
    pub own_names: Vec<Column>,
    /// 测算生成 (made by the 基本支出测算 model).
    pub generated: bool,
    pub selected_row: bool,
    pub sel_col: Option<Column>,
    pub highlighted: bool,
    /// The refusal message of each cell, if any.
    pub errors: Vec<Option<String>>,
    pub editor: Option<EditorProps>,
    pub lang: Lang,
}

#[function_component(LineRow)]
pub fn line_row(p: &LineRowProps) -> Html {
    let l = p.lang;
    let ri = p.row.to_string();
    html! {
        <tr class={classes!(p.selected_row.then_some("selrow"), p.highlighted.then_some("hl"))}
            data-line={p.id.to_string()}>
            <td class="rownum">{ p.id }
                if p.generated {
                    <button type="button" class="gen-mark" data-line-id={p.id.to_string()} tabindex="-1"
                        title={tr(l, "测算生成：由基本支出测算得出，修改模型时重新计算；点击查看算式")}>{ tr(l, "测") }</button>
                }
            </td>
            { for p.columns.iter().enumerate().map(|(ci, &c)| {
                let is_sel = p.sel_col == Some(c);
                let own = p.own_names.contains(&c);
                let err = p.errors.get(ci).cloned().flatten();
                let class = classes!(
                    c.is_amount().then_some("num"),
                    is_sel.then_some("sel"),
                    err.is_some().then_some("invalid"),
                    (!editable(c)).then_some("ro"),
                    matches!(c, Column::FunctionName | Column::EconName).then_some("name"),
                    own.then_some("own-name"),
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
                    <td class={class} data-row={ri.clone()} data-col={c.index().to_string()}
                        title={err.clone().or_else(|| own.then(|| tr(l, "本预算自定的科目名称").to_string()))}
                        aria-invalid={err.as_ref().map(|_| "true")}
                        aria-selected={is_sel.to_string()}>{ content }</td>
                }
            }) }
        </tr>
    }
}
