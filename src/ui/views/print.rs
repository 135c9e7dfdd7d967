//! The print document: cover, the tables with their labels, narrative, the 绩效目标表 and
//! glossary on A4.

use crate::core::domain::goals::GoalForm;
use crate::core::domain::money::Unit;
use crate::core::figures::report::Report;
use crate::core::present::i18n::Lang;
use crate::ui::views::checks::glossary_html;
use crate::ui::views::narrative::narrative_html;
use crate::ui::views::tables::{table_html, TableOpts};
use yew::prelude::*;

/// The whole disclosure document for printing, in the reference's parts: 概况, tables
/// 1–13, narrative, glossary.
pub fn print_document(
    report: &Report,
    (unit_name, year, word): (&str, u16, &str),
    unit: Unit,
    adjust: bool,
    goals: &[GoalForm],
) -> Html {
    html! {
        <div class="print-doc" data-testid="print-doc" lang="zh-CN">
            <header class="cover">
                <h1>{ unit_name }</h1>
                <p>{ format!("{year}年度{word}预算公开") }</p>
            </header>
            <h2 class="part">{ "第一部分 概况" }</h2>
            <div class="narrative">{ narrative_html(&report.overview, None, None, &[], Lang::Zh) }</div>
            <h2 class="part">{ format!("第二部分 {year}年{word}预算报表") }</h2>
            { for report.tables.iter().map(|t| table_html(t, &TableOpts { unit, adjust, highlight: &[], clickable: false, on_export: None, namer: None, lang: Lang::Zh })) }
            <h2 class="part">{ format!("第三部分 {year}年度{word}预算情况说明") }</h2>
            <div class="narrative">{ narrative_html(&report.narrative, None, None, &[], Lang::Zh) }</div>
            // 十、绩效管理情况's 附表: the 项目支出绩效目标表, one per page.
            { crate::ui::goals::print::forms_html(goals) }
            <h2 class="part">{ "第四部分 名词解释" }</h2>
            { glossary_html() }
        </div>
    }
}

/// The 基本支出测算表 of every model (one per 预算单位) for printing as the attachment
/// finance bureaus ask for: each part with its formula, a subtotal per line, the total.
/// Never part of the disclosure document (it holds pay by person).
pub fn staffing_document(
    budget: &crate::core::domain::model::Budget,
    unit_name: &str,
    year: u16,
) -> Html {
    use crate::core::present::staffing_sheet::sheet;
    let one = |m: &crate::core::domain::staffing::StaffModel| {
        let unit = m
            .unit
            .as_ref()
            .and_then(|u| budget.units.iter().find(|x| &x.id == u))
            .map(|u| u.name.clone())
            .unwrap_or_else(|| unit_name.to_string());
        // Parts of every person for a model of ordinary size; subtotals beyond.
        let detail = m.staff.len() <= 2_000;
        let body = match sheet(m, detail) {
            Err(faults) => html! { <p>{ format!("无法测算：{}", faults.join("；")) }</p> },
            Ok(s) => html! { <>
                <table class="print-table staffing-print" data-testid="staffing-print">
                    <thead><tr><th>{ "功能分类" }</th><th>{ "经济分类" }</th><th>{ "项目" }</th><th>{ "算式" }</th><th>{ "金额（元）" }</th></tr></thead>
                    <tbody>
                        { for s.rows.iter().map(|r| html! {
                            <tr class={classes!(r.subtotal.then_some("subtotal"))}>
                                <td>{ &r.function }</td><td>{ &r.economic }</td><td>{ &r.label }</td><td>{ &r.formula }</td>
                                <td class="num">{ r.amount.display(Unit::Yuan) }</td>
                            </tr>
                        }) }
                        <tr class="subtotal"><td /><td /><td>{ "合计" }</td><td /><td class="num" data-testid="staffing-print-total">{ s.total.display(Unit::Yuan) }</td></tr>
                    </tbody>
                </table>
                if !s.blank_rates.is_empty() {
                    <p>{ format!("费率未填、未计算：{}", s.blank_rates.join("、")) }</p>
                }
                if !s.detailed {
                    <p>{ "人员较多：逐人算式见导出 Excel 的“基本支出测算表”。" }</p>
                }
            </> },
        };
        html! { <section class="staffing-sheet">
            <h2>{ format!("{unit}{year}年基本支出测算表") }</h2>
            { body }
        </section> }
    };
    html! {
        <div class="print-doc" data-testid="print-doc" lang="zh-CN">
            { for budget.staffing.iter().map(one) }
        </div>
    }
}
