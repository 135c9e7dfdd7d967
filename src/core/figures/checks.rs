//! Cross-table checks (SPEC §3.5): each with a stable id, a severity, a plain Chinese
//! message and the lines or table cells involved. Stored data is checked to the 分.

use crate::core::domain::codes::{EconCode, FunctionCode, Level};
use crate::core::domain::model::{Budget, Kind, Line, LineId, SourceKind, UnitType};
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::template::TemplateId;
use crate::core::figures::aggregate::{Aggregate, Part, SourceSel};
use crate::core::figures::goals::{self, Finding, GoalRef, Links};
use crate::core::figures::shares::YoY;
use crate::core::figures::summary::Summary;
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
    /// The place on a 绩效目标表 (for the checks of the forms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalRef>,
    /// A code without a name that this finding is about: the page offers to name it here.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// What a check reads: the budget, its sums, its key figures and its tables.
pub struct Input<'a> {
    pub budget: &'a Budget,
    pub agg: &'a Aggregate,
    pub summary: &'a Summary,
    pub tables: &'a [Table],
    /// Which 绩效目标表 belongs to which project.
    pub goals: Links<'a>,
    /// Lines several checks look for, found in one pass.
    pub lines: LineFacts,
}

/// The lines several checks report: those that do not depend on amounts from the sums
/// (`Aggregate::line_kinds`, kept across amount edits), the negative ones by a pass over the
/// lines only when the sums count any (at 100,000 lines each pass costs about half a
/// millisecond).
#[derive(Default)]
pub struct LineFacts {
    /// Lines without a functional code.
    pub no_function: Vec<LineId>,
    /// 基本支出 lines without an economic code.
    pub basic_no_econ: Vec<LineId>,
    /// 项目支出 lines without a project name, and their amounts (known sources only).
    pub project_no_name: Vec<LineId>,
    pub project_no_name_total: Money,
    /// Lines with a negative amount.
    pub negative: Vec<LineId>,
}

impl LineFacts {
    fn of(b: &Budget, agg: &Aggregate) -> LineFacts {
        let kinds = agg.line_kinds(b);
        let source = b.source_finder();
        let lines = |v: &[usize]| v.iter().filter_map(|&i| b.lines.get(i)).collect::<Vec<_>>();
        let ids = |v: &[usize]| lines(v).iter().map(|l| l.id).collect();
        let negative = if agg.negative_lines == 0 {
            Vec::new()
        } else {
            b.lines
                .iter()
                .filter(|l| crate::core::figures::aggregate::is_negative(l))
                .map(|l| l.id)
                .collect()
        };
        LineFacts {
            no_function: ids(&kinds.no_function),
            basic_no_econ: ids(&kinds.basic_no_econ),
            project_no_name: ids(&kinds.project_no_name),
            project_no_name_total: lines(&kinds.project_no_name)
                .iter()
                .filter(|l| source(&l.source).is_some())
                .map(|l| l.total())
                .sum(),
            negative,
        }
    }
}

/// What one check found; the id is the check's own, set by [`run`].
pub struct Findings {
    id: &'static str,
    v: Vec<Check>,
}

impl Findings {
    /// A finding about lines (none for a budget-wide finding).
    fn lines(&mut self, severity: Severity, message: String, lines: Vec<LineId>) {
        self.v.push(Check {
            id: self.id,
            severity,
            message,
            lines,
            cells: Vec::new(),
            goal: None,
            code: None,
        });
    }

    /// A finding about a code without a name (and the lines that use it).
    fn unnamed(&mut self, message: String, code: String, lines: Vec<LineId>) {
        self.lines(Severity::Warning, message, lines);
        if let Some(c) = self.v.last_mut() {
            c.code = Some(code);
        }
    }

    /// Findings about places on forms.
    fn goals(&mut self, severity: Severity, found: Vec<Finding>) {
        for (message, place) in found {
            self.v.push(Check {
                id: self.id,
                severity,
                message,
                lines: Vec::new(),
                cells: Vec::new(),
                goal: Some(place),
                code: None,
            });
        }
    }

    /// A finding about table cells.
    fn cells(&mut self, severity: Severity, message: String, cells: Vec<CellRef>) {
        self.v.push(Check {
            id: self.id,
            severity,
            message,
            lines: Vec::new(),
            cells,
            goal: None,
            code: None,
        });
    }
}

/// A check: its stable id, the rule it states, and the function that checks it.
pub struct Rule {
    pub id: &'static str,
    pub rule: &'static str,
    run: fn(&Input, &mut Findings),
}

const fn rule(id: &'static str, rule: &'static str, run: fn(&Input, &mut Findings)) -> Rule {
    Rule { id, rule, run }
}

/// Every check, in the order they run. A new check is one entry here and its function.
pub const CATALOGUE: &[Rule] = &[
    rule("balance", "收入总计 = 支出总计", balance),
    rule("row_total", "每行 合计 = 基本支出 + 项目支出", row_total),
    rule("tree_sum", "每个类、款 = 其下级科目之和", tree_sum),
    rule(
        "basic_econ",
        "基本支出（按功能分类）= 基本支出（按经济分类）= 人员经费 + 公用经费",
        basic_econ,
    ),
    rule(
        "basic_without_econ",
        "基本支出必须填写经济分类科目",
        basic_without_econ,
    ),
    rule(
        "project_tables",
        "项目支出 = 项目支出表（本年）+（上年结转）",
        project_tables,
    ),
    rule(
        "project_without_name",
        "项目支出必须填写项目名称",
        project_without_name,
    ),
    rule(
        "fiscal_split",
        "财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算",
        fiscal_split,
    ),
    rule(
        "sangong_total",
        "“三公”经费合计与公务用车小计",
        sangong_total,
    ),
    rule(
        "office_running",
        "机关运行经费 = 行政单位和参公事业单位财政拨款基本支出中的公用经费",
        office_running,
    ),
    rule(
        "source_overspent",
        "各资金来源的支出不超过该来源的收入",
        source_overspent,
    ),
    rule(
        "control_figure",
        "各资金来源的支出不超过控制数",
        control_figure,
    ),
    rule("missing_code", "明细缺少功能分类科目", missing_code),
    rule(
        "unknown_code",
        "科目编码不在内置科目表中且未命名",
        unknown_code,
    ),
    rule(
        "procurement_total",
        "政府采购预算总额不超过支出总计",
        procurement_total,
    ),
    rule(
        "impossible_code",
        "功能分类科目的类在全国统一的类级科目中",
        impossible_code,
    ),
    rule("unknown_source", "明细的资金来源不存在", unknown_source),
    rule("negative_amount", "金额为负数", negative_amount),
    rule(
        "gov_economic_unit",
        "政府经济科目与预算单位的类型相符（事业单位的基本支出为505，机关为501、502）",
        gov_economic_unit,
    ),
    rule(
        "staffing",
        "测算生成的明细与基本支出测算一致，缴费费率已填写，实有人数不超过编制数",
        staffing_model,
    ),
    rule("duplicate_line", "重复的明细", duplicate_line),
    rule("missing_reason", "有增减变动但未填写原因", missing_reason),
    rule(
        "item_purpose",
        "情况说明逐项说明的一般公共预算支出功能分类项填写了主要用途",
        item_purpose,
    ),
    rule(
        "template_carry",
        "公开模板没有上年结转栏目时，预算中没有上年结转",
        template_carry,
    ),
    rule(
        "goal_amount",
        "绩效目标表的年度资金总额 = 项目的当年预算安排 + 上年结转",
        |i, out| {
            out.goals(
                Severity::Warning,
                goals::amount_mismatch(i.budget, &i.goals),
            )
        },
    ),
    rule(
        "goal_split",
        "绩效目标表的资金总额 = 中央 + 省级 + 市县（区）+ 单位自筹 + 其他资金",
        |i, out| out.goals(Severity::Error, goals::split_mismatch(i.budget)),
    ),
    rule(
        "goal_period",
        "绩效目标表的实施期资金总额不小于年度资金总额",
        |i, out| out.goals(Severity::Warning, goals::period_below_annual(i.budget)),
    ),
    rule(
        "goal_indicators",
        "绩效目标表的产出、效益、满意度指标下各有至少一个三级指标",
        |i, out| out.goals(Severity::Warning, goals::missing_indicators(i.budget)),
    ),
    rule(
        "goal_cost",
        "成本指标不超过项目资金",
        |i, out| {
            out.goals(
                Severity::Warning,
                goals::cost_above_amount(i.budget, &i.goals),
            )
        },
    ),
    rule(
        "goal_orphan",
        "绩效目标表所属的项目在预算中有明细",
        |i, out| out.goals(Severity::Warning, goals::orphan_forms(i.budget, &i.goals)),
    ),
    rule(
        "goal_duplicate",
        "一个项目只有一张绩效目标表",
        |i, out| {
            out.goals(
                Severity::Warning,
                goals::duplicated_forms(i.budget, &i.goals),
            )
        },
    ),
    rule("goal_missing", "每个项目都有绩效目标表", goal_missing),
];

/// Templates whose narrative describes each 一般公共预算 项 (上海): each 项 says what it is
/// for. One finding per 项 up to 20, then one for the rest.
fn item_purpose(i: &Input, out: &mut Findings) {
    const EACH: usize = 20;
    if i.budget.template != TemplateId::Shanghai {
        return;
    }
    let missing: Vec<&crate::core::figures::budgets::ItemFigure> = i
        .summary
        .by_budget
        .items
        .iter()
        .filter(|item| {
            i.budget
                .items
                .get(&item.code.to_string())
                .is_none_or(|n| n.purpose.trim().is_empty())
        })
        .collect();
    let lines_of = |codes: &[FunctionCode]| -> Vec<LineId> {
        i.budget
            .lines
            .iter()
            .filter(|l| l.function.is_some_and(|f| codes.contains(&f)))
            .map(|l| l.id)
            .take(1000)
            .collect()
    };
    let name = |item: &crate::core::figures::budgets::ItemFigure| {
        format!(
            "{} {}",
            item.code,
            item.names.last().map(String::as_str).unwrap_or("")
        )
    };
    if missing.len() <= EACH {
        for item in missing {
            out.lines(
                Severity::Warning,
                format!(
                    "功能分类项“{}”没有填写主要用途（情况说明逐项说明）",
                    name(item)
                ),
                lines_of(&[item.code]),
            );
        }
        return;
    }
    let codes: Vec<FunctionCode> = missing.iter().map(|m| m.code).collect();
    let first: Vec<String> = missing.iter().take(5).map(|m| name(m)).collect();
    out.lines(
        Severity::Warning,
        format!(
            "{}个功能分类项没有填写主要用途：{}等",
            missing.len(),
            first.join("、")
        ),
        lines_of(&codes),
    );
}

/// A template without 上年结转 (上海) prints 预算数 that include any carry-over the budget
/// has; say so, since the published document has no place for it.
fn template_carry(i: &Input, out: &mut Findings) {
    if i.budget.template != TemplateId::Shanghai {
        return;
    }
    let s = i.summary;
    if s.expense_carry.is_zero() && s.income_carry.is_zero() {
        return;
    }
    let lines = i
        .budget
        .lines
        .iter()
        .filter(|l| !l.carry_over.is_zero())
        .map(|l| l.id)
        .take(1000)
        .collect();
    out.lines(
        Severity::Warning,
        format!(
            "上海格式的公开表没有上年结转栏目：上年结转收入{}、上年结转安排{}已计入各表预算数",
            w(s.income_carry),
            w(s.expense_carry)
        ),
        lines,
    );
}

/// Projects without a 绩效目标表: one finding each (one for all when there are many).
fn goal_missing(i: &Input, out: &mut Findings) {
    const EACH: usize = 20;
    let missing = goals::projects_without_form(&i.goals);
    if missing.len() <= EACH {
        let lines = goals::lines_by_project(i.budget, &missing);
        for name in missing {
            out.lines(
                Severity::Warning,
                format!("项目“{name}”没有绩效目标表"),
                lines.get(name).cloned().unwrap_or_default(),
            );
        }
        return;
    }
    // Thousands of projects may lack a form: their first 1,000 lines are those of no
    // project with a form (one pass, no set of thousands of names).
    let lines = goals::lines_without_form(i.budget, &i.goals, 1000);
    out.lines(
        Severity::Warning,
        format!(
            "{}个项目没有绩效目标表：{}等",
            missing.len(),
            missing[..5].join("、")
        ),
        lines,
    );
}

/// An amount in a message: in 万元, or in 元 where it is not zero but would show as 0.00万元.
fn w(m: Money) -> String {
    let unit = m.legible_unit(Unit::Wan);
    format!("{}{}", m.display(unit), unit.label())
}

/// Runs every check of [`CATALOGUE`], errors first. An empty result means the budget is
/// consistent.
pub fn run(budget: &Budget, agg: &Aggregate, s: &Summary, tables: &[Table]) -> Vec<Check> {
    run_linked(budget, agg, s, tables, goals::report_links(budget, agg))
}

/// [`run`] with the forms and projects already matched (the report matches them once for
/// the key figures and the checks: at 100,000 lines a match costs about 2 ms).
pub fn run_linked<'a>(
    budget: &'a Budget,
    agg: &'a Aggregate,
    s: &'a Summary,
    tables: &'a [Table],
    links: Links<'a>,
) -> Vec<Check> {
    let input = Input {
        budget,
        agg,
        summary: s,
        tables,
        goals: links,
        lines: LineFacts::of(budget, agg),
    };
    let mut out = Vec::new();
    for r in CATALOGUE {
        let mut f = Findings {
            id: r.id,
            v: Vec::new(),
        };
        (r.run)(&input, &mut f);
        out.append(&mut f.v);
    }
    crate::core::sort::sort_by_key(&mut out, |c| c.severity);
    out
}

fn balance(i: &Input, out: &mut Findings) {
    let s = i.summary;
    if s.income_total != s.expense_total {
        out.lines(
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
}

/// 合计 = 基本 + 项目 on every row of the tables with those columns.
fn row_total(i: &Input, out: &mut Findings) {
    for t in i.tables.iter().filter(|t| t.id.has_kind_columns()) {
        for (ri, row) in t.rows.iter().enumerate() {
            let m = |c: usize| row.cells.get(c).and_then(Cell::money);
            if let (Some(total), Some(b), Some(p)) = (m(2), m(3), m(4)) {
                if total != b + p {
                    out.cells(
                        Severity::Error,
                        format!(
                            "{}第{}行：合计不等于基本支出与项目支出之和",
                            t.title,
                            ri + 1
                        ),
                        vec![CellRef {
                            table: t.number,
                            row: ri,
                            col: 2,
                        }],
                    );
                }
            }
        }
    }
}

/// Parents = the sum of their children, on the tables with a code tree.
fn tree_sum(i: &Input, out: &mut Findings) {
    for t in i.tables.iter().filter(|t| t.id.is_tree()) {
        tree_sum_of(t, out);
    }
}

fn tree_sum_of(t: &Table, out: &mut Findings) {
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
                    Severity::Error,
                    format!(
                        "{}第{}行：本行{}不等于下级科目之和{}",
                        t.title,
                        pi + 1,
                        w(total),
                        w(sum)
                    ),
                    vec![CellRef {
                        table: t.number,
                        row: pi,
                        col: c,
                    }],
                );
            }
        }
    }
}

fn basic_econ(i: &Input, out: &mut Findings) {
    let (agg, all) = (i.agg, SourceSel::All);
    let basic_function = agg.get(&agg.total, Some(Kind::Basic), Part::Both, &all);
    let basic_econ = agg.get(&agg.personnel, Some(Kind::Basic), Part::Both, &all)
        + agg.get(&agg.public_use, Some(Kind::Basic), Part::Both, &all);
    if basic_function != basic_econ {
        out.lines(
            Severity::Error,
            format!(
                "基本支出按功能分类为{}，按经济分类（人员经费+公用经费）为{}，相差{}",
                w(basic_function),
                w(basic_econ),
                w(basic_function - basic_econ)
            ),
            i.lines.basic_no_econ.clone(),
        );
    }
}

fn basic_without_econ(i: &Input, out: &mut Findings) {
    for &id in &i.lines.basic_no_econ {
        out.lines(
            Severity::Error,
            format!("第{id}号明细是基本支出，但没有填写部门经济分类科目"),
            vec![id],
        );
    }
}

fn project_tables(i: &Input, out: &mut Findings) {
    let s = i.summary;
    // The project tables hold every named 项目支出 line: the total less the unnamed ones
    // (found with the other lines' facts instead of one sum per project).
    let in_tables = s.project - i.lines.project_no_name_total;
    if in_tables != s.project {
        out.lines(
            Severity::Error,
            format!(
                "项目支出合计{}，而项目支出表（本年与上年结转）合计{}，相差{}",
                w(s.project),
                w(in_tables),
                w(s.project - in_tables)
            ),
            i.lines.project_no_name.clone(),
        );
    }
}

fn project_without_name(i: &Input, out: &mut Findings) {
    for &id in &i.lines.project_no_name {
        out.lines(
            Severity::Error,
            format!("第{id}号明细是项目支出，但没有填写项目名称"),
            vec![id],
        );
    }
}

/// 财政拨款 must be one of the three budgets for the tables to add up.
fn fiscal_split(i: &Input, out: &mut Findings) {
    let agg = i.agg;
    let fiscal = agg.get(&agg.total, None, Part::Both, &SourceSel::Fiscal);
    let split: Money = [
        SourceKind::GeneralPublic,
        SourceKind::GovernmentFund,
        SourceKind::StateCapital,
    ]
    .iter()
    .map(|k| agg.get(&agg.total, None, Part::Both, &SourceSel::Kind(*k)))
    .sum();
    if fiscal != split {
        out.lines(
            Severity::Warning,
            format!(
                "财政拨款支出{}中有{}未区分一般公共预算、政府性基金预算或国有资本经营预算",
                w(fiscal),
                w(fiscal - split)
            ),
            Vec::new(),
        );
    }
}

/// The 三公 table's 合计 and 公务用车 subtotal against its items.
fn sangong_total(i: &Input, out: &mut Findings) {
    let Some(t) = i.tables.iter().find(|t| t.id == TableId::Sangong) else {
        return;
    };
    let val = |r: usize| {
        t.rows
            .get(r)
            .and_then(|r| r.cells.get(1))
            .and_then(Cell::money)
    };
    let (Some(a), Some(rc), Some(cars), Some(cp), Some(co), Some(total)) =
        (val(0), val(1), val(2), val(3), val(4), val(5))
    else {
        return;
    };
    let at = |row| {
        vec![CellRef {
            table: t.number,
            row,
            col: 1,
        }]
    };
    if cars != cp + co {
        out.cells(
            Severity::Error,
            format!(
                "公务用车购置及运行费{}不等于购置费与运行维护费之和",
                w(cars)
            ),
            at(2),
        );
    }
    if total != a + rc + cars {
        out.cells(
            Severity::Error,
            format!("“三公”经费合计{}不等于各项之和", w(total)),
            at(5),
        );
    }
}

/// 机关运行经费 against the 公用经费 of table 6 (一般公共预算 only).
fn office_running(i: &Input, out: &mut Findings) {
    let s = i.summary;
    // A budget of 事业单位 (and other units) only has no 机关运行经费 by definition: nothing
    // to compare, nothing to tell.
    if i.budget.has_office_running() && s.office_running != s.public_use {
        out.lines(
            Severity::Info,
            format!(
                "机关运行经费{}与一般公共预算基本支出中的公用经费{}不同（事业单位等的公用经费不计入机关运行经费，或其他财政拨款安排了公用经费）",
                w(s.office_running),
                w(s.public_use)
            ),
            Vec::new(),
        );
    }
}

/// The lines of the budget's `i`th source (kept in the sums across amount-only edits: an
/// overspent source of 20,000 lines is listed on every edit until it balances).
fn lines_of_source(i: &Input, source: usize) -> Vec<LineId> {
    i.agg
        .lines_by_source(i.budget)
        .get(source)
        .cloned()
        .unwrap_or_default()
}

/// Per source and part: spending ≤ income.
fn source_overspent(i: &Input, out: &mut Findings) {
    let (b, agg) = (i.budget, i.agg);
    let income_by_source = b.income_by_source();
    for (si, (src, sum)) in b.sources.iter().zip(&income_by_source).enumerate() {
        let sel = SourceSel::id(&src.id);
        for (part, label) in [(Part::Current, "当年"), (Part::Carry, "上年结转")] {
            let spent = agg.get(&agg.total, None, part, &sel);
            let income = part.of_sum(sum);
            if spent > income {
                out.lines(
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
                    lines_of_source(i, si),
                );
            }
        }
    }
}

/// Per source with a 控制数: the excess (an error) or the headroom (information).
fn control_figure(i: &Input, out: &mut Findings) {
    let (b, agg) = (i.budget, i.agg);
    for (si, src) in b.sources.iter().enumerate() {
        let Some(limit) = b.control_figures.get(&src.id) else {
            continue;
        };
        let spent = agg.get(&agg.total, None, Part::Current, &SourceSel::id(&src.id));
        if spent > *limit {
            out.lines(
                Severity::Error,
                format!(
                    "{}当年支出{}超过控制数{}，超出{}",
                    src.name,
                    w(spent),
                    w(*limit),
                    w(spent - *limit)
                ),
                lines_of_source(i, si),
            );
        } else {
            out.lines(
                Severity::Info,
                format!("{}控制数{}，尚余{}", src.name, w(*limit), w(*limit - spent)),
                Vec::new(),
            );
        }
    }
}

/// A typed 政府经济科目 of the other side: a 事业单位's line coded 501–504 (机关), or a
/// 机关's line coded 505/506 (对事业单位补助). The standard mapping follows the unit's type.
fn gov_economic_unit(i: &Input, out: &mut Findings) {
    let b = i.budget;
    for &at in &i.agg.line_kinds(b).gov_override {
        let Some(l) = b.lines.get(at) else { continue };
        let (Some(g), kind) = (l.gov_economic, b.unit_type(l)) else {
            continue;
        };
        let institution = kind == UnitType::Institution;
        if g.gov_side().is_some_and(|side| side != institution) {
            let side = if institution {
                "机关"
            } else {
                "对事业单位补助"
            };
            let message = match l.economic.and_then(|e| e.standard_gov_for(institution)) {
                Some(c) => format!(
                    "第{}号明细的政府经济科目{g}属于{side}，与其预算单位的类型（{}）不符，按对照表应为{c}",
                    l.id,
                    kind.label()
                ),
                None => format!(
                    "第{}号明细的政府经济科目{g}属于{side}，与其预算单位的类型（{}）不符",
                    l.id,
                    kind.label()
                ),
            };
            out.lines(Severity::Warning, message, vec![l.id]);
        }
    }
}

fn missing_code(i: &Input, out: &mut Findings) {
    for &id in &i.lines.no_function {
        out.lines(
            Severity::Error,
            format!("第{id}号明细没有填写功能分类科目"),
            vec![id],
        );
    }
}

/// Codes without a name (built-in or the budget's): a line whose own code has none, and
/// once each a 类/款 above lines that has none (its table row would print no name); lines
/// not coded at 项 level.
fn unknown_code(i: &Input, out: &mut Findings) {
    let b = i.budget;
    if codes_all_known(i) {
        // Nothing to find: no pass over the lines.
        return;
    }
    // Lines share few codes: look each code (and its parents) up once, not once per line
    // (a lookup of the budget's own names makes a string).
    let mut named: HashMap<FunctionCode, bool> = HashMap::default();
    let mut econ_known: HashMap<EconCode, bool> = HashMap::default();
    let mut parents_of: HashMap<FunctionCode, Vec<FunctionCode>> = HashMap::default();
    let mut unnamed_parents: std::collections::BTreeMap<FunctionCode, Vec<LineId>> =
        Default::default();
    for l in &b.lines {
        // A code of no national 类 is `impossible_code`'s (an error), not a missing name.
        if let Some(c) = l.function.filter(|c| c.lei_is_national()) {
            if !*named
                .entry(c)
                .or_insert_with(|| b.function_name(c).is_some())
            {
                out.unnamed(
                    format!(
                        "第{}号明细的功能分类科目{}（{}）不在内置科目表中，请填写科目名称",
                        l.id,
                        c,
                        c.level().label()
                    ),
                    c.to_string(),
                    vec![l.id],
                );
            }
            let parents = parents_of.entry(c).or_insert_with(|| {
                std::iter::successors(c.parent(), |x| x.parent())
                    .filter(|x| b.function_name(*x).is_none())
                    .collect()
            });
            for p in parents.iter() {
                unnamed_parents.entry(*p).or_default().push(l.id);
            }
            if c.level() != Level::Xiang {
                out.lines(
                    Severity::Info,
                    format!("第{}号明细的功能分类科目{}不是项级科目", l.id, c),
                    vec![l.id],
                );
            }
        }
        if let Some(e) = l.economic {
            let known = *econ_known
                .entry(e)
                .or_insert_with(|| b.econ_name(e).is_some() && e.is_department());
            if !known {
                out.lines(
                    Severity::Warning,
                    format!("第{}号明细的部门经济分类科目{}不在内置科目表中", l.id, e),
                    vec![l.id],
                );
            }
        }
    }
    for (code, lines) in unnamed_parents {
        out.unnamed(
            format!(
                "功能分类科目{code}（{}）没有名称，公开表中该行将无名称；请导入科目表或为它命名",
                code.level().label()
            ),
            code.to_string(),
            lines,
        );
    }
}

/// Whether every code the lines carry is known from the sums alone: each functional code a
/// named 项 with named parents, each economic code a named 部门 code. (Lines of an unknown
/// source are in no sum, so their codes are not known this way.)
/// 政府采购 is bought with the budget's money: its total cannot exceed 支出总计.
fn procurement_total(i: &Input, out: &mut Findings) {
    let total = i.budget.procurement.total();
    let spending = i.summary.expense_total;
    if total > spending {
        out.lines(
            Severity::Error,
            format!(
                "政府采购预算总额{}超过支出总计{}，超出{}",
                w(total),
                w(spending),
                w(total - spending)
            ),
            Vec::new(),
        );
    }
}

/// 基本支出测算 (issue 23): a generated line edited by hand (its amount not the model's), a
/// contribution whose rate is blank, more 在职 staff on an establishment than the 编制数,
/// bases held to the 社会平均工资 band.
fn staffing_model(i: &Input, out: &mut Findings) {
    use crate::core::domain::staffing::{amounts, clamped_rows, established_count};
    for m in &i.budget.staffing {
        let Ok(result) = amounts(m) else { continue };
        let want: std::collections::HashMap<_, _> = result
            .lines
            .iter()
            .map(|l| ((l.function, l.economic), l.amount))
            .collect();
        let unit = m.unit.as_deref();
        let edited: Vec<LineId> = i
            .budget
            .lines
            .iter()
            .filter(|l| i.budget.generated_of(l, unit))
            .filter(|l| {
                let key = l.function.zip(l.economic);
                key.and_then(|k| want.get(&k)) != Some(&l.current) || l.source != m.source
            })
            .map(|l| l.id)
            .collect();
        if !edited.is_empty() {
            out.lines(
                Severity::Warning,
                format!("{}条测算生成的明细与基本支出测算的结果不同（被手工修改）：可重新测算，或改为普通明细", edited.len()),
                edited,
            );
        }
        if !result.blank_rates.is_empty() {
            out.lines(
                Severity::Warning,
                format!(
                    "基本支出测算中{}的费率未填写，未计入",
                    result.blank_rates.join("、")
                ),
                Vec::new(),
            );
        }
        let clamped = clamped_rows(m);
        if clamped > 0 {
            out.lines(
                Severity::Info,
                format!("基本支出测算中{clamped}行人员的缴费基数超出社会平均工资的60%–300%，已按上下限计算"),
                Vec::new(),
            );
        }
        let staff = established_count(m);
        if let Some(quota) = m.establishment.filter(|q| u64::from(*q) < staff) {
            out.lines(
                Severity::Warning,
                format!("在编人员{staff}人超过编制数{quota}人（超编）"),
                Vec::new(),
            );
        }
    }
}

/// A 功能分类 code whose 类 is not national (typing, pasting and importing refuse one; a
/// file may hold one): an error, with what was likely meant.
fn impossible_code(i: &Input, out: &mut Findings) {
    let (b, agg) = (i.budget, i.agg);
    if agg.line_functions.iter().all(|c| c.lei_is_national()) {
        return;
    }
    for l in &b.lines {
        let Some(c) = l.function.filter(|c| !c.lei_is_national()) else {
            continue;
        };
        let why = FunctionCode::parse_typed(&c.to_string())
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        out.lines(
            Severity::Error,
            format!("第{}号明细的功能分类科目{c}不存在（{why}）", l.id),
            vec![l.id],
        );
    }
}

fn codes_all_known(i: &Input) -> bool {
    let (b, agg) = (i.budget, i.agg);
    agg.unknown_source.is_empty()
        && agg.line_functions.iter().all(|&c| {
            c.level() == Level::Xiang
                && std::iter::successors(Some(c), |x| x.parent())
                    .all(|x| b.function_name(x).is_some())
        })
        && agg
            .by_econ
            .keys()
            .all(|(e, _)| b.econ_name(*e).is_some() && e.is_department())
}

/// 控制数, lines and income that name a source the budget does not have.
fn unknown_source(i: &Input, out: &mut Findings) {
    let b = i.budget;
    for id in b.control_figures.keys().filter(|id| b.source(id).is_none()) {
        out.lines(
            Severity::Warning,
            format!("控制数所属的资金来源“{id}”不存在"),
            Vec::new(),
        );
    }
    // The sums already set these lines apart (no source lookup per line here).
    for l in i
        .agg
        .unknown_source
        .iter()
        .filter_map(|id| b.lines.iter().find(|l| l.id == *id))
    {
        out.lines(
            Severity::Error,
            format!(
                "第{}号明细的资金来源“{}”不存在，未计入任何合计",
                l.id, l.source
            ),
            vec![l.id],
        );
    }
    let source = b.source_finder();
    for inc in b.income.iter().filter(|inc| source(&inc.source).is_none()) {
        out.lines(
            Severity::Error,
            format!("收入所属的资金来源“{}”不存在", inc.source),
            Vec::new(),
        );
    }
}

fn negative_amount(i: &Input, out: &mut Findings) {
    for &id in &i.lines.negative {
        out.lines(
            Severity::Error,
            format!("第{id}号明细的金额为负数"),
            vec![id],
        );
    }
    for inc in &i.budget.income {
        if inc.current.is_negative() || inc.carry_over.is_negative() {
            out.lines(
                Severity::Error,
                format!("资金来源“{}”的收入为负数", inc.source),
                Vec::new(),
            );
        }
    }
}

/// (first, repeat) for each line with the same kind, codes, source and project as an
/// earlier one. Lines are keyed by a 64-bit hash of those fields (a map of small keys is
/// several times faster than one of the fields at 100,000 lines); equal hashes are
/// compared field by field, so a collision never makes two different lines a pair.
fn repeated_lines(lines: &[Line]) -> Vec<(LineId, LineId)> {
    use std::hash::{Hash, Hasher};
    fn key(l: &Line) -> (Kind, Option<FunctionCode>, Option<EconCode>, &str, &str) {
        (
            l.kind,
            l.function,
            l.economic,
            l.source.as_str(),
            l.project.as_str(),
        )
    }
    let hash = |l: &Line| {
        let mut h = rustc_hash::FxHasher::default();
        key(l).hash(&mut h);
        h.finish()
    };
    // Hash → index of the first line with it; lines whose hash is taken by a different
    // key go to `other` (almost never), searched one by one.
    let mut first: HashMap<u64, usize> =
        HashMap::with_capacity_and_hasher(lines.len(), Default::default());
    let mut other: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let h = hash(l);
        match first.get(&h) {
            None => {
                first.insert(h, i);
            }
            Some(&f) if key(&lines[f]) == key(l) => pairs.push((lines[f].id, l.id)),
            Some(_) => match other.iter().find(|&&o| key(&lines[o]) == key(l)) {
                Some(&o) => pairs.push((lines[o].id, l.id)),
                None => other.push(i),
            },
        }
    }
    pairs
}

/// Lines alike in kind, codes, source and project.
fn duplicate_line(i: &Input, out: &mut Findings) {
    // One finding per repeated line; beyond this many, one finding for all (a generated or
    // imported budget can repeat thousands, and each message costs a string).
    const EACH: usize = 20;
    let pairs = i
        .agg
        .repeated
        .get_or_init(|| repeated_lines(&i.budget.lines));
    if pairs.len() <= EACH {
        for &(first, id) in pairs {
            out.lines(
                Severity::Warning,
                format!("第{id}号明细与第{first}号明细的支出类型、科目、资金来源和项目都相同"),
                vec![first, id],
            );
        }
        return;
    }
    let shown: Vec<String> = pairs
        .iter()
        .take(3)
        .map(|(f, id)| format!("第{id}号与第{f}号"))
        .collect();
    let lines = pairs
        .iter()
        .flat_map(|(f, id)| [*f, *id])
        .take(1000)
        .collect();
    out.lines(
        Severity::Warning,
        format!(
            "{}条明细与前面的明细的支出类型、科目、资金来源和项目都相同（{}等）",
            pairs.len(),
            shown.join("、")
        ),
        lines,
    );
}

/// A change against the prior year with no reason given.
/// The changes the budget's template gives a reason for: (label, change, reason).
fn reasons_wanted<'a>(i: &Input<'a>) -> Vec<(String, Option<YoY>, &'a str)> {
    let (s, r) = (i.summary, &i.budget.reasons);
    let mut v: Vec<(String, Option<YoY>, &str)> = Vec::new();
    let mut add =
        |label: &str, y: Option<YoY>, reason: &'a str| v.push((label.to_string(), y, reason));
    match i.budget.template {
        TemplateId::Standard => {
            add("收入总计", s.yoy_income, &r.income_total);
            add("支出总计", s.yoy_expense, &r.expense_total);
            add(
                "一般公共预算当年拨款",
                s.yoy_general_public,
                &r.general_public_current,
            );
            add("“三公”经费", s.yoy_sangong, &r.sangong);
        }
        TemplateId::Shanghai => {
            let (g, p) = (&s.sangong, s.prior_sangong);
            let ch = |c, pick: fn(&crate::core::figures::summary::Sangong) -> Money| {
                p.map(|p| s.change(c, pick(&p)))
            };
            add(
                "因公出国（境）费",
                ch(g.abroad, |x| x.abroad),
                &r.sangong_abroad,
            );
            let cars = g.car_purchase + g.car_operation;
            add(
                "公务用车购置及运行费",
                ch(cars, |x| x.car_purchase + x.car_operation),
                &r.sangong_cars,
            );
            add(
                "公务接待费",
                ch(g.reception, |x| x.reception),
                &r.sangong_reception,
            );
            for item in &s.by_budget.items {
                let reason = i
                    .budget
                    .items
                    .get(&item.code.to_string())
                    .map(|n| n.reason.as_str())
                    .unwrap_or("");
                let label = format!(
                    "{} {}（对上年执行数）",
                    item.code,
                    item.names.last().map(String::as_str).unwrap_or("")
                );
                v.push((label, item.change, reason));
            }
        }
    }
    v.push((
        "机关运行经费".into(),
        s.yoy_office_running,
        &r.office_running,
    ));
    v
}

fn missing_reason(i: &Input, out: &mut Findings) {
    for (label, yoy, reason) in reasons_wanted(i) {
        let Some(y) = yoy else { continue };
        if !y.change.is_zero() && reason.trim().is_empty() {
            let dir = if y.change.is_negative() {
                "减少"
            } else {
                "增加"
            };
            out.lines(
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
