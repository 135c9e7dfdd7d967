//! 公开表: the disclosure tables, with cells that explain themselves and CSV export.

use crate::core::domain::money::Unit;
use crate::core::figures::tables::{unnamed_code, Cell, Table};
use crate::core::present::glossary::tooltip;
use crate::core::present::i18n::{tr, Lang};
use crate::ui::shared::ViewProps;
use crate::ui::state::{Action, ExplainTarget};
use crate::ui::views::checks::NameCode;
use wasm_bindgen::JsCast;
use web_sys::MouseEvent;
use yew::prelude::*;

/// A text cell, with the glossary's tooltip when the text is a term.
pub(crate) fn text_cell(text: &str) -> Html {
    match tooltip(text) {
        Some(tip) => html! { <span class="term" title={tip}>{ text }</span> },
        None => html! { { text } },
    }
}

/// How a table shows: the unit and 尾差调整, cells to highlight, whether money cells explain
/// themselves, the CSV export button, who may name codes without a name in place.
#[derive(Clone, Copy)]
pub struct TableOpts<'a> {
    pub unit: Unit,
    pub adjust: bool,
    pub highlight: &'a [(usize, usize)],
    pub clickable: bool,
    pub on_export: Option<&'a Callback<usize>>,
    pub namer: Option<&'a UseReducerHandle<crate::ui::state::State>>,
    pub lang: Lang,
}

/// One disclosure table. `on_cell` (if any) receives clicks on money cells.
pub fn table_html(t: &Table, o: &TableOpts) -> Html {
    let TableOpts {
        unit,
        adjust,
        highlight,
        clickable,
        on_export,
        namer,
        lang: l,
    } = *o;
    let rows = t.render(unit, adjust);
    let n = t.number;
    html! {
        // The disclosure tables are the official Chinese document: not translated.
        <section class={classes!("table", t.empty.then_some("empty"))} id={format!("table-{n}")} data-table={n.to_string()} lang="zh-CN">
            <div class="table-label">
                { t.label() }
                if let Some(cb) = on_export {
                    <button type="button" class="export" onclick={{ let cb = cb.clone(); Callback::from(move |_: MouseEvent| cb.emit(n)) }}
                        title={tr(l, "本表导出为 CSV")}>{ tr(l, "导出CSV") }</button>
                }
            </div>
            <h2>{ &t.title }</h2>
            <div class="table-meta">
                <span>{ format!("单位名称：{}", t.unit_name) }</span>
                <span>{ format!("单位：{}", t.shown_unit(unit).label()) }</span>
            </div>
            <div class="scroll">
            <table>
                <thead>
                    { for t.header.iter().map(|hrow| html! {
                        <tr>{ for hrow.iter().map(|c| html! {
                            <th colspan={c.colspan.to_string()} rowspan={c.rowspan.to_string()}>{ text_cell(&c.text) }</th>
                        }) }</tr>
                    }) }
                </thead>
                <tbody>
                    { for rows.iter().zip(&t.rows).enumerate().map(|(ri, (cells, row))| html! {
                        <tr class={format!("{:?}", row.style).to_lowercase()}>
                            { for cells.iter().zip(&row.cells).enumerate().map(|(ci, (text, cell))| {
                                let money = matches!(cell, Cell::Money { .. });
                                let hl = highlight.contains(&(ri, ci));
                                let class = classes!(money.then_some("num"), hl.then_some("hl"), (money && clickable).then_some("fig-cell"));
                                if money && clickable {
                                    html! {
                                        <td class={class} data-r={ri.to_string()} data-c={ci.to_string()}
                                            tabindex={(!text.is_empty()).then_some("0")}>{ text }</td>
                                    }
                                } else if let Cell::Text(s) = cell {
                                    // A code without a name is named where it shows.
                                    let name_it = namer.zip(unnamed_code(s)).map(|(st, code)| html! {
                                        <NameCode state={st.clone()} code={code.to_string()} />
                                    });
                                    html! { <td class={class}>{ text_cell(s) }{ for name_it }</td> }
                                } else {
                                    html! { <td class={class}>{ text }</td> }
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if t.empty { <p class="no-data">{ format!("注：{}", t.empty_note) }</p> }
        </section>
    }
}

/// Finds the table cell (table number, row, column) an event happened in.
pub(crate) fn cell_of(e: &web_sys::Event) -> Option<(usize, usize, usize)> {
    let el = e.target()?.dyn_into::<web_sys::Element>().ok()?;
    let td = el.closest("td[data-r]").ok()??;
    let section = td.closest("section[data-table]").ok()??;
    Some((
        section.get_attribute("data-table")?.parse().ok()?,
        td.get_attribute("data-r")?.parse().ok()?,
        td.get_attribute("data-c")?.parse().ok()?,
    ))
}

#[function_component(TablesView)]
pub fn tables_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let explain_cell_cb = {
        let state = state.clone();
        move |e: &web_sys::Event| {
            if let Some((table, row, col)) = cell_of(e) {
                state.dispatch(Action::Explain(Some(ExplainTarget::Cell {
                    table,
                    row,
                    col,
                })));
            }
        }
    };
    let onclick = {
        let f = explain_cell_cb.clone();
        Callback::from(move |e: MouseEvent| f(&e))
    };
    let on_export = {
        let state = state.clone();
        let report = props.report.clone();
        Callback::from(move |n: usize| {
            let Some(t) = report.tables.iter().find(|t| t.number == n) else {
                return;
            };
            let csv = crate::core::formats::export::table_csv(t, state.unit, state.adjust);
            let name = format!("{}-预算公开表{n}.csv", t.unit_name);
            crate::ui::shared::offer_download(&state, &csv, &name);
        })
    };
    let onfocusin = {
        let f = explain_cell_cb.clone();
        Callback::from(move |e: FocusEvent| f(&e))
    };
    let onkeydown = {
        let f = explain_cell_cb.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                f(&e)
            }
        })
    };
    html! {
        <div class="tables" onclick={onclick} onfocusin={onfocusin} onkeydown={onkeydown}>
            <p class="hint-line">{ tr(l, "点击或用 Tab 键选中任一金额，查看它的计算公式和构成明细。") }</p>
            { for props.report.tables.iter().map(|t| {
                let n = t.number;
                let hl: Vec<(usize, usize)> = state.highlight_cells.iter()
                    .filter(|c| c.table == n).map(|c| (c.row, c.col)).collect();
                let namer = state.mode.editable().then_some(state);
                table_html(t, &TableOpts {
                    unit: state.unit,
                    adjust: state.adjust,
                    highlight: &hl,
                    clickable: true,
                    on_export: Some(&on_export),
                    namer,
                    lang: l,
                })
            }) }
        </div>
    }
}
