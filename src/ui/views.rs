//! The read-mostly tabs (公开表, 情况说明, 图表, 检查, 名词解释), the explanation panel and
//! the print document. Everything shown is computed by the core.

use super::state::{Action, ExplainTarget, Notice, State};
use crate::core::domain::model::ReasonKey;
use crate::core::domain::money::Unit;
use crate::core::figures::checks::Severity;
use crate::core::figures::explain::{explain, explain_cell};
use crate::core::figures::narrative::{Section, Span};
use crate::core::figures::report::Report;
use crate::core::figures::tables::{Cell, Table, NO_DATA};
use crate::core::present::charts::{self, BarChart, Slice};
use crate::core::present::glossary::{tooltip, GLOSSARY};
use crate::core::present::i18n::{tf, tr, translate, Lang};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlTextAreaElement, MouseEvent};
use yew::prelude::*;

#[derive(Properties)]
pub struct ViewProps {
    pub state: UseReducerHandle<State>,
    pub report: Rc<Report>,
}

impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.report, &other.report)
    }
}

/// A text cell, with the glossary's tooltip when the text is a term.
fn text_cell(text: &str) -> Html {
    match tooltip(text) {
        Some(tip) => html! { <span class="term" title={tip}>{ text }</span> },
        None => html! { { text } },
    }
}

/// One disclosure table. `on_cell` (if any) receives clicks on money cells.
pub fn table_html(
    t: &Table,
    unit: Unit,
    adjust: bool,
    highlight: &[(usize, usize)],
    clickable: bool,
    on_export: Option<&Callback<usize>>,
    l: Lang,
) -> Html {
    let rows = t.render(unit, adjust);
    let n = t.id.number();
    html! {
        // The disclosure tables are the official Chinese document: not translated.
        <section class="table" id={format!("table-{n}")} data-table={n.to_string()} lang="zh-CN">
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
                <span>{ format!("单位：{}", unit.label()) }</span>
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
                                    html! { <td class={class}>{ text_cell(s) }</td> }
                                } else {
                                    html! { <td class={class}>{ text }</td> }
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if t.empty { <p class="no-data">{ format!("注：{NO_DATA}") }</p> }
        </section>
    }
}

/// Finds the table cell (table number, row, column) an event happened in.
fn cell_of(e: &web_sys::Event) -> Option<(usize, usize, usize)> {
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
            let Some(t) = report.tables.iter().find(|t| t.id.number() == n) else {
                return;
            };
            let csv = crate::core::formats::export::table_csv(t, state.unit, state.adjust);
            let name = format!("{}-预算公开表{n}.csv", t.unit_name);
            super::offer_download(&state, &csv, &name);
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
                let n = t.id.number();
                let hl: Vec<(usize, usize)> = state.highlight_cells.iter()
                    .filter(|c| c.table == n).map(|c| (c.row, c.col)).collect();
                table_html(t, state.unit, state.adjust, &hl, true, Some(&on_export), l)
            }) }
        </div>
    }
}

fn reason_key(key: &str) -> Option<ReasonKey> {
    Some(match key {
        "reason:income_total" => ReasonKey::IncomeTotal,
        "reason:expense_total" => ReasonKey::ExpenseTotal,
        "reason:general_public_current" => ReasonKey::GeneralPublicCurrent,
        "reason:sangong" => ReasonKey::Sangong,
        "reason:office_running" => ReasonKey::OfficeRunning,
        _ => return None,
    })
}

fn reason_span_key(key: ReasonKey) -> &'static str {
    match key {
        ReasonKey::IncomeTotal => "reason:income_total",
        ReasonKey::ExpenseTotal => "reason:expense_total",
        ReasonKey::GeneralPublicCurrent => "reason:general_public_current",
        ReasonKey::Sangong => "reason:sangong",
        ReasonKey::OfficeRunning => "reason:office_running",
    }
}

fn reason_field_id(key: ReasonKey) -> String {
    format!("reason-{key:?}").to_lowercase()
}

const REASONS: [(ReasonKey, &str); 5] = [
    (ReasonKey::IncomeTotal, "收入总计变动原因（一）"),
    (ReasonKey::ExpenseTotal, "支出总计变动原因（一）"),
    (
        ReasonKey::GeneralPublicCurrent,
        "一般公共预算当年拨款变动原因（五）",
    ),
    (ReasonKey::Sangong, "“三公”经费增减变动原因（七）"),
    (ReasonKey::OfficeRunning, "机关运行经费增减变动原因（八）"),
];

/// The narrative. `on_span` (when interactive) receives clicks and focus on figures and
/// reasons; `inline` replaces the span with this key by an editor (a reason being edited).
pub fn narrative_html(
    sections: &[Section],
    on_span: Option<&Callback<(String, String)>>,
    inline: Option<(&str, Html)>,
    l: Lang,
) -> Html {
    html! {
        { for sections.iter().map(|s| html! {
            <section class="nsec">
                <h3>{ &s.title }</h3>
                { for s.paragraphs.iter().map(|p| html! {
                    <p>{ for p.iter().map(|span| match span {
                        Span::Text(t) => html! { <>{ t }</> },
                        Span::Figure { key, .. } if inline.as_ref().is_some_and(|(k, _)| k == key) => {
                            inline.as_ref().map(|(_, editor)| editor.clone()).unwrap_or_default()
                        }
                        Span::Figure { key, text } => match on_span {
                            Some(cb) => {
                                let is_reason = key.starts_with("reason:");
                                let class = if is_reason { "reason" } else { "fig" };
                                let click = {
                                    let (cb, k, t) = (cb.clone(), key.clone(), text.clone());
                                    Callback::from(move |_: MouseEvent| cb.emit((k.clone(), t.clone())))
                                };
                                // Focusing a figure explains it too (keyboard users).
                                let focus = (!is_reason).then(|| {
                                    let (cb, k, t) = (cb.clone(), key.clone(), text.clone());
                                    Callback::from(move |_: FocusEvent| cb.emit((k.clone(), t.clone())))
                                });
                                html! {
                                    <button type="button" class={class} data-key={key.clone()}
                                        title={if is_reason { tr(l, "点击编辑原因") } else { tr(l, "点击查看计算过程") }}
                                        onclick={click} onfocus={focus}>{ text }</button>
                                }
                            }
                            None => html! { <span>{ text }</span> },
                        },
                    }) }</p>
                }) }
            </section>
        }) }
    }
}

#[function_component(NarrativeView)]
pub fn narrative_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let inline_ref = use_node_ref();
    {
        // Focus the inline editor when it opens.
        let inline_ref = inline_ref.clone();
        let open = state.editing_reason.as_ref().map(|(k, _)| *k);
        use_effect_with(open, move |open| {
            if open.is_some() {
                if let Some(t) = inline_ref.cast::<HtmlTextAreaElement>() {
                    if !t.matches(":focus").unwrap_or(false) {
                        let _ = t.focus();
                    }
                }
            }
        });
    }
    let on_span = {
        let state = state.clone();
        Callback::from(
            move |(key, text): (String, String)| match reason_key(&key) {
                // The quoted reason turns into an editor where it stands.
                Some(r) if state.mode.editable() => {
                    state.dispatch(Action::EditReason(Some((r, text))))
                }
                Some(_) => {}
                None => state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key)))),
            },
        )
    };
    let budget = state.budget();
    let editable = state.mode.editable();
    let editing = state.editing_reason.clone();
    // The fields below the narrative: every reason, quoted or not. They save on change
    // (leaving the field) and are remounted when the stored text changes elsewhere.
    let reasons: Vec<Html> = REASONS
        .iter()
        .map(|(key, label)| {
            let key = *key;
            let current = budget.reasons.get(key).to_string();
            let onchange = {
                let state = state.clone();
                Callback::from(move |e: Event| {
                    if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                        state.dispatch(Action::Apply(
                            crate::core::domain::command::Command::SetReason(
                                key,
                                t.value().trim().to_string(),
                            ),
                            None,
                        ));
                    }
                })
            };
            let id = reason_field_id(key);
            html! {
                <div class="reason-field" key={format!("{id}:{current}")}>
                    <label for={id.clone()}>{ tr(l, label) }</label>
                    <textarea id={id} lang="zh-CN" rows="2" defaultvalue={current} onchange={onchange}
                        placeholder={tr(l, "未填写：有增减变动时请说明原因")} maxlength="2000" />
                </div>
            }
        })
        .collect();
    let year = budget.unit.year;
    drop(budget);
    // An inline editor for the reason being edited, where the narrative quotes it.
    let inline = editing.as_ref().map(|(key, text)| {
        let key = *key;
        let oninput = {
            let state = state.clone();
            Callback::from(move |e: InputEvent| {
                if let Some(t) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    state.dispatch(Action::EditReason(Some((key, t.value()))));
                }
            })
        };
        let onblur = {
            let state = state.clone();
            Callback::from(move |_: FocusEvent| state.dispatch(Action::CommitReason))
        };
        let onkeydown = {
            let state = state.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Escape" {
                    e.prevent_default();
                    state.dispatch(Action::EditReason(None));
                } else if e.key() == "Enter" && !e.is_composing() {
                    e.prevent_default();
                    state.dispatch(Action::CommitReason);
                }
            })
        };
        (
            reason_span_key(key),
            html! {
                <textarea id="inline-reason" ref={inline_ref.clone()} class="inline-reason" rows="2"
                    aria-label={tr(l, "编辑原因（Enter 保存，Esc 取消）")} value={text.clone()}
                    oninput={oninput} onblur={onblur} onkeydown={onkeydown} maxlength="2000" />
            },
        )
    });
    html! {
        <div class="narrative">
            <h2 lang="zh-CN">{ format!("{year}年度单位预算情况说明") }</h2>
            if editable {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程；点击原因文字或在下方修改原因，情况说明随之更新。") }</p>
            } else {
                <p class="hint-line">{ tr(l, "点击带底色的数字查看计算过程。") }</p>
            }
            // The narrative is the official Chinese document: not translated.
            <div lang="zh-CN">{ narrative_html(&props.report.narrative, Some(&on_span), inline, l) }</div>
            if editable {
                <section class="reasons" aria-label={tr(l, "变动原因")}>
                    <h3>{ tr(l, "变动原因") }</h3>
                    { for reasons }
                </section>
            }
        </div>
    }
}

const PALETTE: [&str; 8] = [
    "#b3261e", "#1e6fb3", "#2e7d32", "#e08a00", "#6a3d9a", "#00838f", "#8d6e63", "#5f6b7a",
];

fn donut_svg(title: &str, slices: &[Slice], unit: Unit, on: &Callback<String>, l: Lang) -> Html {
    html! {
        <figure class="chart">
            <svg viewBox="0 0 220 220" width="220" height="220" role="img" aria-label={title.to_string()}>
                <title>{ title }</title>
                { for slices.iter().enumerate().map(|(i, s)| {
                    let tip = tf(l, "{}：{}{}，占{}", &[&s.label, &s.amount.display(unit), &tr(l, unit.label()),
                        &s.share.map(|d| format!("{d:.2}%")).unwrap_or_default()]);
                    let on = on.clone();
                    let key = s.key.clone();
                    html! {
                        <path d={s.path.clone()} fill={PALETTE[i % PALETTE.len()]} class="slice"
                            tabindex="0" aria-label={tip.clone()} lang={super::drafting::official(&tip)}
                            onclick={Callback::from(move |_| on.emit(key.clone()))}>
                            <title>{ tip }</title>
                        </path>
                    }
                }) }
            </svg>
            <figcaption>
                <strong>{ title }</strong>
                <ul class="legend">
                    { for slices.iter().enumerate().map(|(i, s)| html! {
                        <li><span class="swatch" style={format!("background:{}", PALETTE[i % PALETTE.len()])}></span>
                            <span lang="zh-CN">{ &s.label }</span>
                            if l == Lang::En {
                                if let Some(en) = s.key.strip_prefix("structure:").and_then(crate::core::present::glossary::lei_english) {
                                    { format!(" — {en}") }
                                }
                            }
                            { format!(" {} ({})", s.amount.display(unit),
                                s.share.map(|d| format!("{d:.2}%")).unwrap_or_else(|| "—".into())) }</li>
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}

fn bars_svg(title: &str, chart: &BarChart, unit: Unit, l: Lang) -> Html {
    html! {
        <figure class="chart wide">
            <svg viewBox={format!("0 0 {} {}", chart.width, chart.height)} width={chart.width.to_string()}
                height={chart.height.to_string()} role="img" aria-label={title.to_string()}>
                <title>{ title }</title>
                <line x1="0" x2={chart.width.to_string()} y1={chart.base.to_string()} y2={chart.base.to_string()} class="axis" />
                { for chart.groups.iter().map(|g| html! {
                    <g>
                        { for g.bars.iter().map(|b| {
                            let label = translate(l, &g.label);
                            let tip = match chart.series.get(b.series) {
                                Some(s) => tf(l, "{}（{}）：{}{}", &[&label, &translate(l, s), &b.amount.display(unit), &tr(l, unit.label())]),
                                None => tf(l, "{}：{}{}", &[&label, &b.amount.display(unit), &tr(l, unit.label())]),
                            };
                            html! {
                                <rect lang={super::drafting::official(&tip)} x={format!("{:.1}", b.x)} y={format!("{:.1}", b.y)}
                                    width={format!("{:.1}", b.width)} height={format!("{:.1}", b.height.max(0.5))}
                                    fill={PALETTE[b.series % PALETTE.len()]} tabindex="0" aria-label={tip.clone()}>
                                    <title>{ tip }</title>
                                </rect>
                            }
                        }) }
                        <text x={format!("{:.1}", g.x)} y={format!("{:.1}", chart.base + 16.0)} text-anchor="middle" class="tick" lang={super::drafting::official(&translate(l, &g.label))}>{ translate(l, &g.label) }</text>
                    </g>
                }) }
            </svg>
            <figcaption>
                <strong>{ title }</strong>
                if chart.series.len() > 1 {
                    <ul class="legend">
                        { for chart.series.iter().enumerate().map(|(i, s)| html! {
                            <li><span class="swatch" style={format!("background:{}", PALETTE[i % PALETTE.len()])}></span>{ translate(l, s) }</li>
                        }) }
                    </ul>
                }
            </figcaption>
        </figure>
    }
}

#[function_component(ChartsView)]
pub fn charts_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let c = charts::build(&state.budget(), &props.report.summary);
    let unit = state.unit;
    let on = {
        let state = state.clone();
        Callback::from(move |key: String| {
            state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key))))
        })
    };
    html! {
        <div class="charts">
            if c.structure.is_empty() {
                <p class="empty">{ tr(l, "一般公共预算当年拨款为零，无结构图。") }</p>
            } else {
                { donut_svg(tr(l, "一般公共预算当年拨款结构（按类）"), &c.structure, unit, &on, l) }
            }
            { donut_svg(tr(l, "基本支出与项目支出"), &c.kinds, unit, &on, l) }
            { bars_svg(tr(l, "“三公”经费分布"), &c.sangong, unit, l) }
            { bars_svg(tr(l, "本年与上年比较"), &c.yoy, unit, l) }
            if !c.yoy_missing.is_empty() {
                <p class="note" lang={super::drafting::official(&c.yoy_missing.join(""))}>{ tf(l, "以下类的明细未填上年预算数，未列入比较：{}。", &[&c.yoy_missing.join("、")]) }</p>
            }
        </div>
    }
}

#[function_component(ChecksView)]
pub fn checks_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let checks = &props.report.checks;
    if checks.is_empty() {
        return html! { <p class="all-ok" data-testid="checks-ok">{ tr(l, "全部检查通过。") }</p> };
    }
    html! {
        <ul class="checks" data-testid="checks">
            { for checks.iter().map(|c| {
                let onclick = {
                    let state = state.clone();
                    let lines = c.lines.clone();
                    let cells = c.cells.clone();
                    Callback::from(move |_: MouseEvent| {
                        if !lines.is_empty() {
                            state.dispatch(Action::JumpToLines(lines.clone()));
                        } else if !cells.is_empty() {
                            state.dispatch(Action::JumpToCells(cells.clone()));
                        } else {
                            state.dispatch(Action::Notice(Some(Notice::Info("此项检查针对整体数据，没有具体的明细。".into()))));
                        }
                    })
                };
                let class = match c.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "info",
                };
                html! {
                    <li class={class}>
                        <button type="button" onclick={onclick}>
                            <span class="sev">{ tr(l, c.severity.label()) }</span>
                            <span class="msg" lang={super::drafting::official(&translate(l, &c.message))}>{ translate(l, &c.message) }</span>
                            <code class="cid">{ c.id }</code>
                            if !c.lines.is_empty() { <span class="go">{ tf(l, "查看{}条明细 →", &[&c.lines.len()]) }</span> }
                            else if !c.cells.is_empty() { <span class="go">{ tr(l, "查看表格 →") }</span> }
                        </button>
                    </li>
                }
            }) }
        </ul>
    }
}

pub fn glossary_html() -> Html {
    html! {
        // The glossary is the document's own 名词解释: official terms, kept in Chinese.
        <dl class="glossary" lang="zh-CN">
            { for GLOSSARY.iter().map(|t| html! {
                <>
                    <dt id={format!("term-{}", t.term)}>{ t.term }</dt>
                    <dd>{ t.text }</dd>
                </>
            }) }
        </dl>
    }
}

#[derive(Properties)]
pub struct ExplainProps {
    pub state: UseReducerHandle<State>,
    pub report: Rc<Report>,
    pub target: ExplainTarget,
}

impl PartialEq for ExplainProps {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && Rc::ptr_eq(&self.report, &other.report)
            && self.target == other.target
    }
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &ExplainProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let budget = state.budget();
    let unit = state.unit;
    let e = match &props.target {
        ExplainTarget::Figure(key) => explain(&budget, key, unit),
        ExplainTarget::Cell { table, row, col } => props
            .report
            .tables
            .iter()
            .find(|t| t.id.number() == *table)
            .and_then(|t| explain_cell(&budget, t, *row, *col, unit)),
    };
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Explain(None)))
    };
    let Some(e) = e else {
        return html! {
            <aside class="explain" aria-label={tr(l, "计算说明")}>
                <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭")}>{ "✕" }</button>
                <p>{ tr(l, "这一项没有可展示的计算过程。") }</p>
            </aside>
        };
    };
    let show_lines = {
        let state = state.clone();
        let ids = e.lines.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::JumpToLines(ids.clone())))
    };
    const SHOWN: usize = 30;
    html! {
        <aside class="explain" aria-label={tr(l, "计算说明")} aria-live="polite" data-testid="explain">
            <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭说明")}>{ "✕" }</button>
            <h3>{ translate(l, &e.label) }</h3>
            // Formulas name official figures and classifications.
            <p class="formula" data-testid="formula" lang="zh-CN">{ &e.formula }</p>
            if !e.terms.is_empty() {
                <table class="terms">
                    <tbody>
                        { for e.terms.iter().take(SHOWN).map(|(label, m)| html! {
                            <tr><td lang="zh-CN">{ label }</td><td class="num">{ m.display(unit) }</td></tr>
                        }) }
                    </tbody>
                </table>
                if e.terms.len() > SHOWN { <p class="more">{ tf(l, "……共{}项", &[&e.terms.len()]) }</p> }
            }
            if !e.lines.is_empty() {
                <button type="button" class="link" onclick={show_lines}>{ tf(l, "在明细中查看这{}条明细 →", &[&e.lines.len()]) }</button>
            }
            <p class="unit-note">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</p>
        </aside>
    }
}

/// The whole disclosure document for printing: tables 1–13, narrative, glossary.
pub fn print_document(
    report: &Report,
    unit_name: &str,
    year: u16,
    unit: Unit,
    adjust: bool,
) -> Html {
    html! {
        <div class="print-doc" data-testid="print-doc" lang="zh-CN">
            <header class="cover">
                <h1>{ unit_name }</h1>
                <p>{ format!("{year}年度单位预算公开") }</p>
            </header>
            <h2 class="part">{ format!("第一部分 {year}年单位预算报表") }</h2>
            { for report.tables.iter().map(|t| table_html(t, unit, adjust, &[], false, None, Lang::Zh)) }
            <h2 class="part">{ format!("第二部分 {year}年度单位预算情况说明") }</h2>
            <div class="narrative">{ narrative_html(&report.narrative, None, None, Lang::Zh) }</div>
            <h2 class="part">{ "第三部分 名词解释" }</h2>
            { glossary_html() }
        </div>
    }
}
