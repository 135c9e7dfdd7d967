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
