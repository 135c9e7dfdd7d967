//! What each disclosure template publishes: its tables (layout, title, unit) in order. The
//! template itself — its id, income categories and unit — is `core/domain/template.rs`;
//! the layouts are built in `core/figures/tables.rs`, the narrative sections listed in
//! `core/figures/narrative.rs` (`sections`). A third template is a variant there, a list
//! here, and tests of every cell.

use crate::core::domain::money::Unit;
use crate::core::domain::template::TemplateId;
use serde::Serialize;

/// A table's layout: what its rows and columns are. A template (`core/figures/templates.rs`)
/// lists the layouts it publishes, in order, with their titles; the first 13 are the
/// reference's tables, the others were added for the Shanghai template.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableId {
    /// 收支总表
    Summary,
    /// 收入总表
    Income,
    /// 支出总表 (类/款/项: 合计 | 基本支出 | 项目支出)
    Expense,
    /// 财政拨款收支总表
    Fiscal,
    /// 一般公共预算支出表
    GeneralPublic,
    /// 一般公共预算基本支出经济分类表
    BasicEconomic,
    /// 政府性基金预算收入表
    FundIncome,
    /// 政府性基金预算支出表
    FundExpense,
    /// 国有资本经营预算收支表
    StateCapital,
    /// “三公”经费支出表
    Sangong,
    /// 机关运行经费表
    OfficeRunning,
    /// 项目支出表（本年）
    ProjectsCurrent,
    /// 项目支出表（上年结转）
    ProjectsCarry,
    /// 财务收支预算总表: income categories beside 支出 by 类 (合计 | 人员经费 | 公用经费 | 项目支出)
    FinanceSummary,
    /// 收入预算总表 by 类/款/项: 合计 | 财政拨款 | each other income category
    IncomeByCategory,
    /// 财政拨款收支预算总表: fiscal income beside 支出 by 类 per fiscal budget
    FiscalByBudget,
    /// 基本支出 by economic code with codes (301, 30101 …): 合计 | 人员经费 | 公用经费
    BasicEconomicCoded,
    /// 国有资本经营预算支出 by 类/款/项: 合计 | 基本支出 | 项目支出
    StateCapitalExpense,
    /// “三公”经费 and 机关运行经费 in one row
    SangongOffice,
}

impl TableId {
    /// Whether the table's rows form a code tree whose parents sum their children.
    pub fn is_tree(self) -> bool {
        matches!(
            self,
            TableId::Income
                | TableId::Expense
                | TableId::GeneralPublic
                | TableId::FundExpense
                | TableId::BasicEconomic
                | TableId::IncomeByCategory
                | TableId::BasicEconomicCoded
                | TableId::StateCapitalExpense
        )
    }

    /// Whether columns 3–5 are 合计 | 基本支出 | 项目支出.
    pub fn has_kind_columns(self) -> bool {
        matches!(
            self,
            TableId::Expense
                | TableId::GeneralPublic
                | TableId::FundExpense
                | TableId::StateCapitalExpense
        )
    }

    /// Whether the table has one row per project (thousands in a large budget).
    pub fn per_project(self) -> bool {
        matches!(self, TableId::ProjectsCurrent | TableId::ProjectsCarry)
    }
}

/// One table of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableSpec {
    pub id: TableId,
    /// The title after the year: “2024年” + this.
    pub title: &'static str,
    /// The unit when it differs from the template's.
    pub unit: Option<Unit>,
    /// What the unit has no budget of when the table is empty (“政府性基金预算”): the
    /// table then says “注：本单位2024年无…安排的预算，故本表为空表。”; `None`: “注：本表无数据”.
    pub absent: Option<&'static str>,
}

const fn spec(id: TableId, title: &'static str) -> TableSpec {
    TableSpec {
        id,
        title,
        unit: None,
        absent: None,
    }
}

/// The reference's 13 tables (万元).
const STANDARD: [TableSpec; 13] = [
    spec(TableId::Summary, "预算收支总表"),
    spec(TableId::Income, "预算收入总表"),
    spec(TableId::Expense, "预算支出总表"),
    spec(TableId::Fiscal, "财政拨款收支总表"),
    spec(
        TableId::GeneralPublic,
        "一般公共预算支出预算表（不含上年结转）",
    ),
    spec(
        TableId::BasicEconomic,
        "一般公共预算安排基本支出分经济科目表（不含上年结转）",
    ),
    spec(TableId::FundIncome, "政府性基金预算收入表（不含上年结转）"),
    spec(TableId::FundExpense, "政府性基金预算支出表（不含上年结转）"),
    spec(
        TableId::StateCapital,
        "国有资本经营预算收支预算表（不含上年结转）",
    ),
    spec(TableId::Sangong, "一般公共预算“三公”经费支出预算表"),
    spec(TableId::OfficeRunning, "机关运行经费预算财政拨款情况统计表"),
    spec(TableId::ProjectsCurrent, "项目支出预算表（本年预算）"),
    spec(TableId::ProjectsCarry, "项目支出预算表（上年结转）"),
];

/// 上海市区级部门预算/单位预算: nine tables in 元, the last in 万元.
const SHANGHAI: [TableSpec; 9] = [
    spec(TableId::FinanceSummary, "财务收支预算总表"),
    spec(TableId::IncomeByCategory, "收入预算总表"),
    spec(TableId::Expense, "支出预算总表"),
    spec(TableId::FiscalByBudget, "财政拨款收支预算总表"),
    spec(TableId::GeneralPublic, "一般公共预算支出功能分类预算表"),
    spec(
        TableId::BasicEconomicCoded,
        "一般公共预算基本支出部门预算经济分类预算表",
    ),
    TableSpec {
        absent: Some("政府性基金预算"),
        ..spec(TableId::FundExpense, "政府性基金预算支出功能分类预算表")
    },
    TableSpec {
        absent: Some("国有资本经营预算"),
        ..spec(
            TableId::StateCapitalExpense,
            "国有资本经营预算支出功能分类预算表",
        )
    },
    TableSpec {
        unit: Some(Unit::Wan),
        ..spec(TableId::SangongOffice, "“三公”经费和机关运行经费预算表")
    },
];

/// The tables a template publishes, in order (“预算公开表1” first).
pub fn tables(t: TemplateId) -> &'static [TableSpec] {
    match t {
        TemplateId::Standard => &STANDARD,
        TemplateId::Shanghai => &SHANGHAI,
    }
}
