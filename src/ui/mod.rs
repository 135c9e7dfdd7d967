//! The view: turns the core's report into HTML. It computes nothing itself; every figure
//! comes from `core::report::Report`.

use crate::core::money::{Money, Unit};
use crate::core::narrative::Span;
use crate::core::reference;
use crate::core::report::{Options, Report, SharePart};
use crate::core::shares::{Rounding, Trend, YoY};
use crate::core::tables::{Table, NO_DATA};
use yew::prelude::*;

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

#[function_component(App)]
pub fn app() -> Html {
    let budget = use_memo((), |_| reference::budget());
    let unit = use_state(|| Unit::Wan);
    let adjust = use_state(|| false);
    let report = {
        let budget = budget.clone();
        use_memo((*unit, *adjust), move |(unit, adjust)| {
            let rounding = if *adjust {
                Rounding::LargestRemainder
            } else {
                Rounding::Independent
            };
            Report::build(
                &budget,
                Options {
                    unit: *unit,
                    rounding,
                },
            )
        })
    };
    let set_unit = |u: Unit| {
        let unit = unit.clone();
        Callback::from(move |_| unit.set(u))
    };
    let toggle_adjust = {
        let adjust = adjust.clone();
        Callback::from(move |_| adjust.set(!*adjust))
    };
    html! {
        <div class="app">
            <header class="topbar">
                <div class="title">
                    <h1>{ "预算计算器" }</h1>
                    <span class="unit-name">{ &budget.unit.name }</span>
                    <span class="year">{ format!("{}年度", budget.unit.year) }</span>
                </div>
                <div class="controls" role="group" aria-label="显示单位">
                    <button class={classes!((*unit == Unit::Wan).then_some("on"))}
                        aria-pressed={(*unit == Unit::Wan).to_string()}
                        onclick={set_unit(Unit::Wan)}>{ "万元" }</button>
                    <button class={classes!((*unit == Unit::Yuan).then_some("on"))}
                        aria-pressed={(*unit == Unit::Yuan).to_string()}
                        onclick={set_unit(Unit::Yuan)}>{ "元" }</button>
                    <label class="adjust">
                        <input type="checkbox" checked={*adjust} onchange={toggle_adjust} />
                        { "尾差调整" }
                    </label>
                </div>
            </header>
            <SummaryView report={report.clone()} />
            <main>
                { for report.tables.iter().map(|t| table_view(t, *unit, *adjust)) }
                <section class="narrative">
                    <h2>{ format!("{}年度单位预算情况说明", budget.unit.year) }</h2>
                    { for report.narrative.iter().map(|s| html! {
                        <section>
                            <h3>{ &s.title }</h3>
                            { for s.paragraphs.iter().map(|p| html! {
                                <p>{ for p.iter().map(|span| match span {
                                    Span::Text(t) => html! { <>{ t }</> },
                                    Span::Figure { key, text } => html! {
                                        <span class="fig" data-key={key.clone()}>{ text }</span>
                                    },
                                }) }</p>
                            }) }
                        </section>
                    }) }
                </section>
            </main>
        </div>
    }
}

#[derive(Properties)]
struct SummaryProps {
    report: std::rc::Rc<Report>,
}

/// A new report is a new `Rc`; comparing pointers avoids walking all 13 tables.
impl PartialEq for SummaryProps {
    fn eq(&self, other: &Self) -> bool {
        std::rc::Rc::ptr_eq(&self.report, &other.report)
    }
}

fn money(m: Money, unit: Unit) -> String {
    m.display(unit)
}

fn share(p: &SharePart) -> String {
    p.shown_text()
}

fn yoy(y: &Option<YoY>, unit: Unit) -> Html {
    match y {
        None => html! { <span class="muted">{ "上年数未填" }</span> },
        Some(y) => {
            let class = match y.trend {
                Trend::Up | Trend::New => "up",
                Trend::Down | Trend::Gone => "down",
                Trend::Flat => "flat",
            };
            html! { <span class={class}>{ y.signed(unit) }</span> }
        }
    }
}

#[function_component(SummaryView)]
fn summary_view(props: &SummaryProps) -> Html {
    let r = &props.report;
    let s = &r.summary;
    let unit = r.options.unit;
    let balanced = s.income_total == s.expense_total;
    let basic = &s.kind_shares[0];
    let project = &s.kind_shares[1];
    html! {
        <section class="summary" aria-label="摘要" data-testid="summary">
            <div class="card">
                <div class="label">{ "收入总计" }</div>
                <div class="value" data-testid="income-total">{ money(s.income_total, unit) }</div>
                <div class="sub">{ "比上年 " }{ yoy(&s.yoy_income, unit) }</div>
            </div>
            <div class="card">
                <div class="label">{ "支出总计" }</div>
                <div class="value" data-testid="expense-total">{ money(s.expense_total, unit) }</div>
                <div class="sub">{ "比上年 " }{ yoy(&s.yoy_expense, unit) }</div>
            </div>
            <div class={classes!("card", if balanced { "ok" } else { "bad" })}>
                <div class="label">{ "收支状况" }</div>
                <div class="value" data-testid="balance">{
                    if balanced { "收支平衡".to_string() }
                    else { format!("相差 {}", money(s.income_total - s.expense_total, unit)) }
                }</div>
            </div>
            <div class="card">
                <div class="label">{ "基本支出" }</div>
                <div class="value" data-testid="basic">{ money(basic.amount, unit) }</div>
                <div class="sub" data-testid="basic-share">{ share(basic) }</div>
            </div>
            <div class="card">
                <div class="label">{ "项目支出" }</div>
                <div class="value" data-testid="project">{ money(project.amount, unit) }</div>
                <div class="sub" data-testid="project-share">{ share(project) }</div>
            </div>
            <div class="card">
                <div class="label">{ "一般公共预算当年拨款" }</div>
                <div class="value">{ money(s.general_public_current, unit) }</div>
                <div class="sub">{ "比上年 " }{ yoy(&s.yoy_general_public, unit) }</div>
            </div>
            <div class="unit-note">{ format!("单位：{}", unit.label()) }</div>
        </section>
    }
}

fn table_view(t: &Table, unit: Unit, adjust: bool) -> Html {
    let rows = t.render(unit, adjust);
    html! {
        <section class="table" id={format!("table-{}", t.id.number())}>
            <div class="table-label">{ t.label() }</div>
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
                            <th colspan={c.colspan.to_string()} rowspan={c.rowspan.to_string()}>{ &c.text }</th>
                        }) }</tr>
                    }) }
                </thead>
                <tbody>
                    { for rows.iter().zip(&t.rows).map(|(cells, row)| html! {
                        <tr class={format!("{:?}", row.style).to_lowercase()}>
                            { for cells.iter().zip(&row.cells).map(|(text, cell)| {
                                let num = cell.money().is_some();
                                html! { <td class={classes!(num.then_some("num"))}>{ text }</td> }
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
