//! Cross-table checks (SPEC §3.5): each with a stable id, a severity, a plain Chinese
//! message and the lines or table cells involved. Stored data is checked to the 分.

use crate::core::domain::codes::{EconCode, FunctionCode, Level};
use crate::core::domain::model::{Budget, Kind, LineId};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::aggregate::{Aggregate, Part, SourceSel};
use crate::core::figures::report::Summary;
use crate::core::figures::tables::{Cell, Table, TableId};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// A table cell a check points at: table number (1–13), row and column index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CellRef {
    pub table: usize,
    pub row: usize,
    pub col: usize,
}

/// One failed (or informational) check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Stable id, e.g. `balance`.
    pub id: &'static str,
    pub severity: Severity,
    pub message: String,
    pub lines: Vec<LineId>,
    pub cells: Vec<CellRef>,
}

/// Every check id with a one-line description, for documentation and the UI.
pub const CATALOGUE: &[(&str, &str)] = &[
    ("balance", "收入总计 = 支出总计"),
    ("row_total", "每行 合计 = 基本支出 + 项目支出"),
    ("tree_sum", "每个类、款 = 其下级科目之和"),
    (
        "basic_econ",
        "基本支出（按功能分类）= 基本支出（按经济分类）= 人员经费 + 公用经费",
    ),
    ("basic_without_econ", "基本支出必须填写经济分类科目"),
    (
        "project_tables",
        "项目支出 = 项目支出表（本年）+（上年结转）",
    ),
    ("project_without_name", "项目支出必须填写项目名称"),
    (
        "fiscal_split",
        "财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
    ),
    ("sangong_total", "“三公”经费合计与公务用车小计"),
    (
        "office_running",
        "机关运行经费 = 财政拨款基本支出中的公用经费",
    ),
    ("source_overspent", "各资金来源的支出不超过该来源的收入"),
    ("control_figure", "各资金来源的支出不超过控制数"),
    ("missing_code", "明细缺少功能分类科目"),
    ("unknown_code", "科目编码不在内置科目表中且未命名"),
    ("unknown_source", "明细的资金来源不存在"),
    ("negative_amount", "金额为负数"),
    ("duplicate_line", "重复的明细"),
    ("missing_reason", "有增减变动但未填写原因"),
];

struct Out {
    v: Vec<Check>,
}

impl Out {
    fn push(&mut self, id: &'static str, severity: Severity, message: String, lines: Vec<LineId>) {
        self.v.push(Check {
            id,
            severity,
            message,
            lines,
            cells: Vec::new(),
        });
    }
    fn cells(
        &mut self,
        id: &'static str,
        severity: Severity,
        message: String,
        cells: Vec<CellRef>,
    ) {
        self.v.push(Check {
            id,
            severity,
            message,
            lines: Vec::new(),
            cells,
        });
    }
}

fn w(m: Money) -> String {
    format!("{}万元", m.display(Unit::Wan))
}

/// Runs every check. An empty result means the budget is consistent.
pub fn run(budget: &Budget, agg: &Aggregate, s: &Summary, tables: &[Table]) -> Vec<Check> {
    let mut out = Out { v: Vec::new() };
    let all = SourceSel::All;

    // balance
    if s.income_total != s.expense_total {
        out.push(
            "balance",
            Severity::Error,
            format!(
                "收入总计{}与支出总计{}不相等，相差{}",
                w(s.income_total),
                w(s.expense_total),
                w(s.income_total - s.expense_total)
            ),
            Vec::new(),
        );
    }

    // row_total and tree_sum on the derived tables that have such columns.
    for t in tables {
        check_table(t, &mut out);
    }

    // basic_econ
    let basic_function = agg.get(&agg.total, Some(Kind::Basic), Part::Both, &all);
    let basic_econ = agg.get(&agg.personnel, Some(Kind::Basic), Part::Both, &all)
        + agg.get(&agg.public_use, Some(Kind::Basic), Part::Both, &all);
    let without: Vec<LineId> = budget
        .lines
        .iter()
        .filter(|l| l.kind == Kind::Basic && l.economic.is_none())
        .map(|l| l.id)
        .collect();
    if basic_function != basic_econ {
        out.push(
            "basic_econ",
            Severity::Error,
            format!(
                "基本支出按功能分类为{}，按经济分类（人员经费+公用经费）为{}，相差{}",
                w(basic_function),
                w(basic_econ),
                w(basic_function - basic_econ)
            ),
            without.clone(),
        );
    }
    for id in without {
        out.push(
            "basic_without_econ",
            Severity::Error,
            format!("第{id}号明细是基本支出，但没有填写部门经济分类科目"),
            vec![id],
        );
    }

    // project tables
    let unnamed: Vec<LineId> = budget
        .lines
        .iter()
        .filter(|l| l.kind == Kind::Project && l.project.trim().is_empty())
        .map(|l| l.id)
        .collect();
    // The project tables hold every named 项目支出 line: the total less the unnamed ones
    // (one pass over those few lines instead of one sum per project).
    let unnamed_total: Money = budget
        .lines
        .iter()
        .filter(|l| l.kind == Kind::Project && l.project.trim().is_empty())
        .filter(|l| budget.source(&l.source).is_some())
        .map(|l| l.total())
        .sum();
    let in_tables = s.project - unnamed_total;
    if in_tables != s.project {
        out.push(
            "project_tables",
            Severity::Error,
            format!(
                "项目支出合计{}，而项目支出表（本年与上年结转）合计{}，相差{}",
                w(s.project),
                w(in_tables),
                w(s.project - in_tables)
            ),
            unnamed.clone(),
        );
    }
    for id in unnamed {
        out.push(
            "project_without_name",
            Severity::Error,
            format!("第{id}号明细是项目支出，但没有填写项目名称"),
            vec![id],
        );
    }

    // fiscal split: 财政拨款 must be one of the three budgets for the tables to add up.
    let fiscal = agg.get(&agg.total, None, Part::Both, &SourceSel::Fiscal);
    let split: Money = [
        crate::core::domain::model::SourceKind::GeneralPublic,
        crate::core::domain::model::SourceKind::GovernmentFund,
        crate::core::domain::model::SourceKind::StateCapital,
    ]
    .iter()
    .map(|k| agg.get(&agg.total, None, Part::Both, &SourceSel::Kind(*k)))
    .sum();
    if fiscal != split {
        out.push(
            "fiscal_split",
            Severity::Warning,
            format!(
                "财政拨款支出{}中有{}未区分一般公共预算、政府性基金预算或国有资本经营预算",
                w(fiscal),
                w(fiscal - split)
            ),
            Vec::new(),
        );
    }

    // sangong: the table's 合计 and 公务用车 subtotal against the items.
    if let Some(t) = tables.iter().find(|t| t.id == TableId::Sangong) {
        let val = |r: usize| {
            t.rows
                .get(r)
                .and_then(|r| r.cells.get(1))
                .and_then(Cell::money)
        };
        if let (Some(a), Some(rc), Some(cars), Some(cp), Some(co), Some(total)) =
            (val(0), val(1), val(2), val(3), val(4), val(5))
        {
            if cars != cp + co {
                out.cells(
                    "sangong_total",
                    Severity::Error,
                    format!(
                        "公务用车购置及运行费{}不等于购置费与运行维护费之和",
                        w(cars)
                    ),
                    vec![CellRef {
                        table: 10,
                        row: 2,
                        col: 1,
                    }],
                );
            }
            if total != a + rc + cars {
                out.cells(
                    "sangong_total",
                    Severity::Error,
                    format!("“三公”经费合计{}不等于各项之和", w(total)),
                    vec![CellRef {
                        table: 10,
                        row: 5,
                        col: 1,
                    }],
                );
            }
        }
    }

    // office running vs 公用经费 of table 6 (一般公共预算 only).
    if s.office_running != s.public_use {
        out.push(
            "office_running",
            Severity::Info,
            format!(
                "机关运行经费{}与一般公共预算基本支出中的公用经费{}不同（其他财政拨款安排了公用经费）",
                w(s.office_running),
                w(s.public_use)
            ),
            Vec::new(),
        );
    }

    // per source: spending ≤ income, and control figures.
    for src in &budget.sources {
        let sel = SourceSel::id(&src.id);
        let lines_of = || -> Vec<LineId> {
            budget
                .lines
                .iter()
                .filter(|l| l.source == src.id)
                .map(|l| l.id)
                .collect()
        };
        for (part, label) in [(Part::Current, "当年"), (Part::Carry, "上年结转")] {
            let spent = agg.get(&agg.total, None, part, &sel);
            let income: Money = budget
                .income
                .iter()
                .filter(|i| i.source == src.id)
                .map(|i| crate::core::figures::tables::part_of_income(i, part))
                .sum();
            if spent > income {
                out.push(
                    "source_overspent",
                    Severity::Error,
                    format!(
                        "{}{}支出{}超过{}收入{}，超出{}",
                        src.name,
                        label,
                        w(spent),
                        label,
                        w(income),
                        w(spent - income)
                    ),
                    lines_of(),
                );
            }
        }
        if let Some(limit) = budget.control_figures.get(&src.id) {
            let spent = agg.get(&agg.total, None, Part::Current, &sel);
            if spent > *limit {
                out.push(
                    "control_figure",
                    Severity::Error,
                    format!(
                        "{}当年支出{}超过控制数{}，超出{}",
                        src.name,
                        w(spent),
                        w(*limit),
                        w(spent - *limit)
                    ),
                    lines_of(),
                );
            } else {
                out.push(
                    "control_figure",
                    Severity::Info,
                    format!("{}控制数{}，尚余{}", src.name, w(*limit), w(*limit - spent)),
                    Vec::new(),
                );
            }
        }
    }
    for id in budget.control_figures.keys() {
        if budget.source(id).is_none() {
            out.push(
                "unknown_source",
                Severity::Warning,
                format!("控制数所属的资金来源“{id}”不存在"),
                Vec::new(),
            );
        }
    }

    // line-level checks
    type Key<'a> = (
        Kind,
        Option<FunctionCode>,
        Option<EconCode>,
        &'a str,
        &'a str,
    );
    let mut unknown_by_code: HashMap<FunctionCode, Option<FunctionCode>> = HashMap::default();
    let mut seen: HashMap<Key, LineId> =
        HashMap::with_capacity_and_hasher(budget.lines.len(), Default::default());
    for l in &budget.lines {
        match l.function {
            None => out.push(
                "missing_code",
                Severity::Error,
                format!("第{}号明细没有填写功能分类科目", l.id),
                vec![l.id],
            ),
            Some(c) => {
                // Lines share few codes: look each code's lineage up once.
                let unknown = *unknown_by_code.entry(c).or_insert_with(|| {
                    std::iter::successors(Some(c), |x| x.parent())
                        .filter(|x| budget.function_name(*x).is_none())
                        .last()
                });
                if let Some(x) = unknown {
                    out.push(
                        "unknown_code",
                        Severity::Warning,
                        format!(
                            "第{}号明细的功能分类科目{}（{}）不在内置科目表中，请填写科目名称",
                            l.id,
                            x,
                            x.level().label()
                        ),
                        vec![l.id],
                    );
                }
                if c.level() != Level::Xiang {
                    out.push(
                        "unknown_code",
                        Severity::Info,
                        format!("第{}号明细的功能分类科目{}不是项级科目", l.id, c),
                        vec![l.id],
                    );
                }
            }
        }
        if let Some(e) = l.economic {
            if budget.econ_name(e).is_none() || !e.is_department() {
                out.push(
                    "unknown_code",
                    Severity::Warning,
                    format!("第{}号明细的部门经济分类科目{}不在内置科目表中", l.id, e),
                    vec![l.id],
                );
            }
        }
        if budget.source(&l.source).is_none() {
            out.push(
                "unknown_source",
                Severity::Error,
                format!(
                    "第{}号明细的资金来源“{}”不存在，未计入任何合计",
                    l.id, l.source
                ),
                vec![l.id],
            );
        }
        if l.current.is_negative() || l.carry_over.is_negative() {
            out.push(
                "negative_amount",
                Severity::Error,
                format!("第{}号明细的金额为负数", l.id),
                vec![l.id],
            );
        }
        let key = (
            l.kind,
            l.function,
            l.economic,
            l.source.as_str(),
            l.project.as_str(),
        );
        if let Some(first) = seen.get(&key) {
            out.push(
                "duplicate_line",
                Severity::Warning,
                format!(
                    "第{}号明细与第{}号明细的支出类型、科目、资金来源和项目都相同",
                    l.id, first
                ),
                vec![*first, l.id],
            );
        } else {
            seen.insert(key, l.id);
        }
    }
    for i in &budget.income {
        if budget.source(&i.source).is_none() {
            out.push(
                "unknown_source",
                Severity::Error,
                format!("收入所属的资金来源“{}”不存在", i.source),
                Vec::new(),
            );
        }
        if i.current.is_negative() || i.carry_over.is_negative() {
            out.push(
                "negative_amount",
                Severity::Error,
                format!("资金来源“{}”的收入为负数", i.source),
                Vec::new(),
            );
        }
    }

    // reasons for changes
    let r = &budget.reasons;
    let changes = [
        ("收入总计", &s.yoy_income, &r.income_total),
        ("支出总计", &s.yoy_expense, &r.expense_total),
        (
            "一般公共预算当年拨款",
            &s.yoy_general_public,
            &r.general_public_current,
        ),
        ("“三公”经费", &s.yoy_sangong, &r.sangong),
        ("机关运行经费", &s.yoy_office_running, &r.office_running),
    ];
    for (label, yoy, reason) in changes {
        if let Some(y) = yoy {
            if !y.change.is_zero() && reason.trim().is_empty() {
                let dir = if y.change.is_negative() {
                    "减少"
                } else {
                    "增加"
                };
                out.push(
                    "missing_reason",
                    Severity::Warning,
                    format!(
                        "{label}比上年{dir}{}，但没有填写变动原因",
                        w(y.change.abs())
                    ),
                    Vec::new(),
                );
            }
        }
    }

    out.v.sort_by_key(|c| c.severity);
    out.v
}

/// row_total (合计 = 基本 + 项目) and tree_sum (parents = sum of children) on a derived table.
fn check_table(t: &Table, out: &mut Out) {
    let kind_cols = matches!(
        t.id,
        TableId::Expense | TableId::GeneralPublic | TableId::FundExpense
    );
    let n = t.id.number();
    if kind_cols {
        for (ri, row) in t.rows.iter().enumerate() {
            let m = |c: usize| row.cells.get(c).and_then(Cell::money);
            if let (Some(total), Some(b), Some(p)) = (m(2), m(3), m(4)) {
                if total != b + p {
                    out.cells(
                        "row_total",
                        Severity::Error,
                        format!(
                            "{}第{}行：合计不等于基本支出与项目支出之和",
                            t.title,
                            ri + 1
                        ),
                        vec![CellRef {
                            table: n,
                            row: ri,
                            col: 2,
                        }],
                    );
                }
            }
        }
    }
    if matches!(
        t.id,
        TableId::Income
            | TableId::Expense
            | TableId::GeneralPublic
            | TableId::FundExpense
            | TableId::BasicEconomic
    ) {
        for (pi, _) in t.rows.iter().enumerate() {
            let children: Vec<usize> = (0..t.rows.len())
                .filter(|&r| t.rows[r].parent == Some(pi))
                .collect();
            if children.is_empty() {
                continue;
            }
            for c in 0..t.columns() {
                let Some(total) = t.rows[pi].cells.get(c).and_then(Cell::money) else {
                    continue;
                };
                let sum: Money = children
                    .iter()
                    .filter_map(|&r| t.rows[r].cells.get(c).and_then(Cell::money))
                    .sum();
                // A line coded at 类/款 level carries its own amount, so its parent no
                // longer equals its children: that is reported here (and as not 项级).
                if sum != total {
                    out.cells(
                        "tree_sum",
                        Severity::Error,
                        format!(
                            "{}第{}行：本行{}不等于下级科目之和{}",
                            t.title,
                            pi + 1,
                            w(total),
                            w(sum)
                        ),
                        vec![CellRef {
                            table: n,
                            row: pi,
                            col: c,
                        }],
                    );
                }
            }
        }
    }
}
