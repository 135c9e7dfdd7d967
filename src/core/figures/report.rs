//! The derived report: key figures, shares, year-over-year changes, the 13 tables, the
//! narrative and the checks, all pure functions of a [`Budget`].

use crate::core::domain::codes::{sangong, EconCode, FunctionCode, Level};
use crate::core::domain::model::{Budget, Kind, LineId, SourceKind};
use crate::core::domain::money::{Money, Percent, Unit};
use crate::core::figures::aggregate::{Aggregate, Part, Selector, SourceSel};
use crate::core::figures::checks::{self, Check};
use crate::core::figures::narrative::{self, Section};
use crate::core::figures::shares::{shown_shares, Rounding, YoY};
use crate::core::figures::tables::{self, Table};
use rust_decimal::Decimal;

/// How figures are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub unit: Unit,
    pub rounding: Rounding,
    /// Leave out tables 12 and 13 (one row per project: with thousands of projects they
    /// are most of the work, and the line editor does not show them).
    pub skip_project_tables: bool,
}

impl Options {
    /// Options as the view sets them: a unit, 尾差调整 on or off, all 13 tables or not.
    pub fn new(unit: Unit, adjust: bool, all_tables: bool) -> Options {
        Options {
            unit,
            rounding: if adjust {
                Rounding::LargestRemainder
            } else {
                Rounding::Independent
            },
            skip_project_tables: !all_tables,
        }
    }

    /// Whether 尾差调整 is on (shown details are adjusted to their shown totals).
    pub fn adjusted(&self) -> bool {
        self.rounding == Rounding::LargestRemainder
    }
}

/// A named part of a whole with its exact and shown share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharePart {
    /// Figure key for [`explain`].
    pub key: String,
    pub label: String,
    pub amount: Money,
    /// Unrounded share; `None` when the whole is zero.
    pub exact: Option<Percent>,
    /// Shown share (two decimals) under the report's rounding mode.
    pub shown: Option<Decimal>,
}

impl Summary {
    /// 收入总计 − 支出总计: zero when the budget balances.
    pub fn imbalance(&self) -> Money {
        self.income_total - self.expense_total
    }

    pub fn is_balanced(&self) -> bool {
        self.imbalance().is_zero()
    }
}

impl SharePart {
    /// “28.26%”, or “—” when the whole is zero.
    pub fn shown_text(&self) -> String {
        self.shown
            .map(|d| format!("{d:.2}%"))
            .unwrap_or_else(|| "—".into())
    }
}

/// 三公经费 by item (财政拨款, 当年).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sangong {
    pub abroad: Money,
    pub reception: Money,
    pub car_purchase: Money,
    pub car_operation: Money,
}

impl Sangong {
    pub fn cars(&self) -> Money {
        self.car_purchase + self.car_operation
    }
    pub fn total(&self) -> Money {
        self.abroad + self.reception + self.cars()
    }
}

/// The key figures of the live summary and the narrative.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// 本年收入合计
    pub income_current: Money,
    /// 上年结转 (income)
    pub income_carry: Money,
    /// 收入总计
    pub income_total: Money,
    /// 本年支出合计 = 支出总计 (当年 + 上年结转)
    pub expense_total: Money,
    /// 当年预算安排
    pub expense_current: Money,
    /// 上年结转安排
    pub expense_carry: Money,
    pub basic: Money,
    pub project: Money,
    /// 基本支出 / 项目支出 shares of 支出总计.
    pub kind_shares: Vec<SharePart>,
    /// Income by source (当年) and 上年结转, shares of 收入总计.
    pub income_shares: Vec<SharePart>,
    /// 一般公共预算当年拨款 (lines funded by 一般公共预算, 当年).
    pub general_public_current: Money,
    /// 一般公共预算当年拨款 by 类, with shares.
    pub structure: Vec<SharePart>,
    /// Spending by 类 (当年 + 结转, 财政拨款) for the narrative's section 四.
    pub fiscal_by_lei: Vec<(FunctionCode, String, Money)>,
    /// 一般公共预算基本支出 (当年).
    pub gp_basic: Money,
    /// 人员经费 / 公用经费 of 一般公共预算基本支出 (当年), as in table 6.
    pub personnel: Money,
    pub public_use: Money,
    /// 部门 economic 款 names in 人员经费 / 公用经费 (table 6 order).
    pub personnel_items: Vec<String>,
    pub public_use_items: Vec<String>,
    pub sangong: Sangong,
    /// 机关运行经费: 公用经费 of 基本支出 from 财政拨款 (当年).
    pub office_running: Money,
    /// 项目支出 本年 / 上年结转.
    pub project_current: Money,
    pub project_carry: Money,
    pub yoy_income: Option<YoY>,
    pub yoy_expense: Option<YoY>,
    pub yoy_general_public: Option<YoY>,
    pub yoy_sangong: Option<YoY>,
    pub yoy_office_running: Option<YoY>,
    /// Prior-year 三公 by item, where known.
    pub prior_sangong: Option<Sangong>,
    /// 控制数 of each source that has one, with its current-year spending.
    pub control: Vec<ControlStatus>,
}

/// A fund source's 控制数 against what its lines spend this year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ControlStatus {
    pub source: String,
    pub name: String,
    pub limit: Money,
    pub spent: Money,
}

impl ControlStatus {
    /// Headroom (positive) or excess (negative).
    pub fn headroom(&self) -> Money {
        self.limit - self.spent
    }
}

/// Everything derived from a budget.
#[derive(Clone, Debug)]
pub struct Report {
    pub options: Options,
    pub summary: Summary,
    pub tables: Vec<Table>,
    pub narrative: Vec<Section>,
    pub checks: Vec<Check>,
}

impl Report {
    /// ```
    /// let b = yusuan::core::formats::reference::budget();
    /// let r = yusuan::core::figures::report::Report::build(&b, Default::default());
    /// assert_eq!(r.tables.len(), 13);
    /// assert_eq!(r.summary.kind_shares[0].shown.unwrap().to_string(), "28.26");
    /// ```
    pub fn build(budget: &Budget, options: Options) -> Report {
        let agg = Aggregate::build(budget);
        let summary = summarize(budget, &agg, options.rounding);
        let ids: Vec<tables::TableId> = tables::TableId::ALL
            .iter()
            .copied()
            .filter(|id| {
                !(options.skip_project_tables
                    && matches!(
                        id,
                        tables::TableId::ProjectsCurrent | tables::TableId::ProjectsCarry
                    ))
            })
            .collect();
        let tables = tables::build(budget, &agg, &ids);
        let narrative = narrative::generate(budget, &summary, options.unit);
        let checks = checks::run(budget, &agg, &summary, &tables);
        Report {
            options,
            summary,
            tables,
            narrative,
            checks,
        }
    }

    /// A table of the report (`None` only for tables 12/13 when they were skipped).
    pub fn table(&self, id: tables::TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// How many checks failed at error and at warning level.
    pub fn check_counts(&self) -> (usize, usize) {
        let count = |sev| self.checks.iter().filter(|c| c.severity == sev).count();
        (
            count(checks::Severity::Error),
            count(checks::Severity::Warning),
        )
    }

    /// Whether any error-level check failed.
    pub fn has_errors(&self) -> bool {
        self.checks
            .iter()
            .any(|c| c.severity == checks::Severity::Error)
    }
}

fn sum_income(budget: &Budget, sel: &SourceSel, part: Part) -> Money {
    budget
        .income
        .iter()
        .filter(|i| {
            budget
                .source(&i.source)
                .is_some_and(|s| sel.test(s.kind, &s.id))
        })
        .map(|i| tables::part_of_income(i, part))
        .sum()
}

fn econ_codes(codes: &[&str]) -> Vec<EconCode> {
    codes
        .iter()
        .filter_map(|c| EconCode::parse(c).ok())
        .collect()
}

fn sangong_of(agg: &Aggregate) -> Sangong {
    let sum = |code: &str| -> Money {
        let codes = econ_codes(&[code]);
        agg.by_econ
            .iter()
            .filter(|((e, _), _)| codes.contains(e))
            .map(|(_, n)| agg.get(n, None, Part::Current, &SourceSel::Fiscal))
            .sum()
    };
    Sangong {
        abroad: sum(sangong::ABROAD),
        reception: sum(sangong::RECEPTION),
        car_purchase: sum(sangong::CAR_PURCHASE),
        car_operation: sum(sangong::CAR_OPERATION),
    }
}

/// Prior of a figure: the typed fact, else the lines' prior amounts if any line has one.
fn prior_from_lines(budget: &Budget, sel: &Selector) -> Option<Money> {
    let mut any = false;
    let mut total = Money::ZERO;
    for l in budget.lines.iter().filter(|l| sel.matches(budget, l)) {
        if let Some(p) = l.prior {
            any = true;
            total += p;
        }
    }
    any.then_some(total)
}

fn summarize(budget: &Budget, agg: &Aggregate, rounding: Rounding) -> Summary {
    let all = SourceSel::All;
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    let income_current = sum_income(budget, &all, Part::Current);
    let income_carry = sum_income(budget, &all, Part::Carry);
    let income_total = income_current + income_carry;
    let total = |kind, part, s: &SourceSel| agg.get(&agg.total, kind, part, s);
    let expense_total = total(None, Part::Both, &all);
    let basic = total(Some(Kind::Basic), Part::Both, &all);
    let project = total(Some(Kind::Project), Part::Both, &all);

    let make_parts = |items: Vec<(String, String, Money)>, whole: Money| -> Vec<SharePart> {
        let amounts: Vec<Money> = items.iter().map(|(_, _, m)| *m).collect();
        let shown = shown_shares(&amounts, whole, rounding);
        items
            .into_iter()
            .zip(shown)
            .map(|((key, label, amount), shown)| SharePart {
                key,
                label,
                amount,
                exact: amount.percent_of(whole),
                shown,
            })
            .collect()
    };
    let kind_shares = make_parts(
        vec![
            ("basic".into(), "基本支出".into(), basic),
            ("project".into(), "项目支出".into(), project),
        ],
        expense_total,
    );
    let mut income_items: Vec<(String, String, Money)> = budget
        .sources
        .iter()
        .map(|s| {
            (
                format!("income:{}", s.id),
                s.name.clone(),
                sum_income(budget, &SourceSel::id(&s.id), Part::Current),
            )
        })
        .collect();
    income_items.push(("income_carry".into(), "上年结转".into(), income_carry));
    let income_shares = make_parts(income_items, income_total);

    let general_public_current = total(None, Part::Current, &gp);
    let mut lei: Vec<FunctionCode> = agg
        .function_order
        .iter()
        .copied()
        .filter(|c| c.level() == Level::Lei)
        .collect();
    lei.sort_by_key(|c| c.sort_key());
    let name = |c: FunctionCode| budget.function_name(c).unwrap_or("未知科目").to_string();
    let structure_items: Vec<(String, String, Money)> = lei
        .iter()
        .map(|&c| {
            (
                format!("structure:{c}"),
                name(c),
                agg.get(&agg.by_function[&c], None, Part::Current, &gp),
            )
        })
        .filter(|(_, _, m)| !m.is_zero())
        .collect();
    let structure = make_parts(structure_items, general_public_current);
    let fiscal_by_lei = lei
        .iter()
        .map(|&c| {
            (
                c,
                name(c),
                agg.get(&agg.by_function[&c], None, Part::Both, &SourceSel::Fiscal),
            )
        })
        .filter(|(_, _, m)| !m.is_zero())
        .collect();

    let personnel = agg.get(&agg.personnel, Some(Kind::Basic), Part::Current, &gp);
    let public_use = agg.get(&agg.public_use, Some(Kind::Basic), Part::Current, &gp);
    let gp_basic = total(Some(Kind::Basic), Part::Current, &gp);
    let mut items: Vec<(EconCode, bool)> = agg
        .by_econ
        .iter()
        .filter(|(_, n)| !agg.get(n, Some(Kind::Basic), Part::Current, &gp).is_zero())
        .map(|((e, _), _)| (*e, e.is_personnel()))
        .collect();
    items.sort_by_key(|(e, _)| e.sort_key());
    items.dedup();
    let econ_name = |e: EconCode| budget.econ_name(e).unwrap_or("未知经济分类").to_string();
    let personnel_items = items
        .iter()
        .filter(|(_, p)| *p)
        .map(|(e, _)| econ_name(*e))
        .collect();
    let public_use_items = items
        .iter()
        .filter(|(_, p)| !*p)
        .map(|(e, _)| econ_name(*e))
        .collect();

    let sangong = sangong_of(agg);
    let office_running = agg.get(
        &agg.public_use,
        Some(Kind::Basic),
        Part::Current,
        &SourceSel::Fiscal,
    );
    let project_current = total(Some(Kind::Project), Part::Current, &all);
    let project_carry = total(Some(Kind::Project), Part::Carry, &all);

    let p = &budget.prior;
    let income_prior = p.income_total.or_else(|| {
        let v: Vec<Money> = budget.income.iter().filter_map(|i| i.prior).collect();
        (!v.is_empty()).then(|| v.iter().sum())
    });
    let expense_prior = p
        .expense_total
        .or_else(|| prior_from_lines(budget, &Selector::all(Part::Both)));
    let gp_prior = p
        .general_public_current
        .or_else(|| prior_from_lines(budget, &Selector::all(Part::Current).sources(gp.clone())));
    let prior_sangong = match (
        p.sangong_abroad,
        p.sangong_reception,
        p.sangong_car_purchase,
        p.sangong_car_operation,
    ) {
        (None, None, None, None) => None,
        (a, r, cp, co) => Some(Sangong {
            abroad: a.unwrap_or_default(),
            reception: r.unwrap_or_default(),
            car_purchase: cp.unwrap_or_default(),
            car_operation: co.unwrap_or_default(),
        }),
    };
    Summary {
        income_current,
        income_carry,
        income_total,
        expense_total,
        expense_current: total(None, Part::Current, &all),
        expense_carry: total(None, Part::Carry, &all),
        basic,
        project,
        kind_shares,
        income_shares,
        general_public_current,
        structure,
        fiscal_by_lei,
        gp_basic,
        personnel,
        public_use,
        personnel_items,
        public_use_items,
        sangong,
        office_running,
        project_current,
        project_carry,
        yoy_income: income_prior.map(|pr| YoY::new(income_total, pr)),
        yoy_expense: expense_prior.map(|pr| YoY::new(expense_total, pr)),
        yoy_general_public: gp_prior.map(|pr| YoY::new(general_public_current, pr)),
        yoy_sangong: prior_sangong.map(|pr| YoY::new(sangong.total(), pr.total())),
        yoy_office_running: p.office_running.map(|pr| YoY::new(office_running, pr)),
        prior_sangong,
        control: budget
            .sources
            .iter()
            .filter_map(|src| {
                let limit = *budget.control_figures.get(&src.id)?;
                Some(ControlStatus {
                    source: src.id.clone(),
                    name: src.name.clone(),
                    limit,
                    spent: total(None, Part::Current, &SourceSel::id(&src.id)),
                })
            })
            .collect(),
    }
}

/// How a derived figure is made: a formula with its terms and the lines behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub key: String,
    pub label: String,
    pub value: Money,
    /// Shown formula, e.g. “3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转”.
    pub formula: String,
    pub terms: Vec<(String, Money)>,
    /// Lines that make up the figure (empty for figures made of income entries).
    pub lines: Vec<LineId>,
}

/// Terms shown in a formula before it is shortened to “… 共N项”.
const FORMULA_TERMS: usize = 5;

fn formula_text(value: Money, terms: &[(String, Money)], unit: Unit) -> String {
    let mut s = value.display(unit);
    s.push_str(" = ");
    if terms.is_empty() {
        s.push('0');
    }
    let shown = if terms.len() > FORMULA_TERMS {
        3
    } else {
        terms.len()
    };
    for (i, (label, m)) in terms.iter().take(shown).enumerate() {
        if i > 0 {
            s.push_str(if m.is_negative() { " − " } else { " + " });
        }
        let amount = if i > 0 { m.abs() } else { *m };
        s.push_str(&format!("{} {}", amount.display(unit), label));
    }
    if shown < terms.len() {
        s.push_str(&format!(" + …（共{}项）", terms.len()));
    }
    s
}

/// Explains a line-based figure: the lines summed, grouped into terms by their label.
pub fn explain_selector(
    budget: &Budget,
    key: &str,
    label: &str,
    sel: &Selector,
    unit: Unit,
) -> Explanation {
    let mut terms: Vec<(String, Money)> = Vec::new();
    let mut lines = Vec::new();
    for (line, amount) in sel.lines(budget) {
        // A line that adds nothing to this figure (e.g. no carry-over) is not part of it.
        if amount.is_zero() {
            continue;
        }
        lines.push(line.id);
        let term = line_label(budget, line);
        match terms.iter_mut().find(|(t, _)| *t == term) {
            Some((_, m)) => *m += amount,
            None => terms.push((term, amount)),
        }
    }
    let value = terms.iter().map(|(_, m)| *m).sum();
    Explanation {
        key: key.to_string(),
        label: label.to_string(),
        value,
        formula: formula_text(value, &terms, unit),
        terms,
        lines,
    }
}

/// A short description of a line for explanations: project name, or function + economic name.
pub fn line_label(budget: &Budget, line: &crate::core::domain::model::Line) -> String {
    if !line.project.is_empty() {
        return line.project.clone();
    }
    let econ = line.economic.and_then(|e| budget.econ_name(e));
    let func = line.function.and_then(|f| budget.function_name(f));
    match (econ, func) {
        (Some(e), _) => e.to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => format!("第{}号明细", line.id),
    }
}

fn explain_terms(key: &str, label: &str, terms: Vec<(String, Money)>, unit: Unit) -> Explanation {
    let value = terms.iter().map(|(_, m)| *m).sum();
    Explanation {
        key: key.into(),
        label: label.into(),
        value,
        formula: formula_text(value, &terms, unit),
        terms,
        lines: Vec::new(),
    }
}

/// The keys [`explain`] knows, for listing in `--json` output and the UI.
pub const FIGURE_KEYS: &[&str] = &[
    "income_current",
    "income_carry",
    "income_total",
    "expense_total",
    "basic",
    "project",
    "general_public_current",
    "personnel",
    "public_use",
    "sangong",
    "office_running",
    "project_current",
    "project_carry",
];

/// Explains a summary figure by key (see [`FIGURE_KEYS`]; also `structure:201`,
/// `income:gpb`, `basic_share`, `project_share`). `None` for an unknown key.
///
/// ```
/// use yusuan::core::{domain::money::Unit, formats::reference, figures::report::explain};
/// let b = reference::budget();
/// let e = explain(&b, "income_total", Unit::Wan).unwrap();
/// assert_eq!(e.formula, "3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转");
/// ```
pub fn explain(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    let income_terms = |part: Part| -> Vec<(String, Money)> {
        budget
            .sources
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    sum_income(budget, &SourceSel::id(&s.id), part),
                )
            })
            .filter(|(_, m)| !m.is_zero())
            .collect()
    };
    let sel = |label: &str, s: Selector| Some(explain_selector(budget, key, label, &s, unit));
    match key {
        "income_current" => Some(explain_terms(
            key,
            "本年收入合计",
            income_terms(Part::Current),
            unit,
        )),
        "income_carry" => Some(explain_terms(
            key,
            "上年结转",
            income_terms(Part::Carry),
            unit,
        )),
        "income_total" => {
            let mut t = income_terms(Part::Current);
            t.push((
                "上年结转".into(),
                sum_income(budget, &SourceSel::All, Part::Carry),
            ));
            Some(explain_terms(key, "收入总计", t, unit))
        }
        "expense_total" => {
            let agg = Aggregate::build(budget);
            let t = vec![
                (
                    "基本支出".to_string(),
                    agg.get(&agg.total, Some(Kind::Basic), Part::Both, &SourceSel::All),
                ),
                (
                    "项目支出".to_string(),
                    agg.get(&agg.total, Some(Kind::Project), Part::Both, &SourceSel::All),
                ),
            ];
            let mut e = explain_terms(key, "支出总计", t, unit);
            e.lines = budget.lines.iter().map(|l| l.id).collect();
            Some(e)
        }
        "basic" => sel("基本支出", Selector::all(Part::Both).kind(Kind::Basic)),
        "project" => sel("项目支出", Selector::all(Part::Both).kind(Kind::Project)),
        "project_current" => sel(
            "项目支出（本年）",
            Selector::all(Part::Current).kind(Kind::Project),
        ),
        "project_carry" => sel(
            "项目支出（上年结转）",
            Selector::all(Part::Carry).kind(Kind::Project),
        ),
        "general_public_current" => {
            let agg = Aggregate::build(budget);
            let mut t = Vec::new();
            let mut lines = Vec::new();
            for c in agg
                .function_order
                .iter()
                .filter(|c| c.level() == Level::Lei)
            {
                let s = Selector::all(Part::Current)
                    .sources(gp.clone())
                    .function(*c);
                let v = s.sum(budget);
                if !v.is_zero() {
                    t.push((
                        budget.function_name(*c).unwrap_or("未知科目").to_string(),
                        v,
                    ));
                    lines.extend(s.lines(budget).map(|(l, _)| l.id));
                }
            }
            let mut e = explain_terms(key, "一般公共预算当年拨款", t, unit);
            e.lines = lines;
            Some(e)
        }
        "personnel" => sel(
            "人员经费",
            Selector::all(Part::Current)
                .kind(Kind::Basic)
                .sources(gp)
                .personnel(true),
        ),
        "public_use" => sel(
            "公用经费",
            Selector::all(Part::Current)
                .kind(Kind::Basic)
                .sources(gp)
                .personnel(false),
        ),
        "office_running" => sel(
            "机关运行经费",
            Selector::all(Part::Current)
                .kind(Kind::Basic)
                .sources(SourceSel::Fiscal)
                .personnel(false),
        ),
        "sangong" => sel(
            "“三公”经费",
            Selector::all(Part::Current)
                .sources(SourceSel::Fiscal)
                .econ(&econ_codes(&[
                    sangong::ABROAD,
                    sangong::RECEPTION,
                    sangong::CAR_PURCHASE,
                    sangong::CAR_OPERATION,
                ])),
        ),
        "basic_share" | "project_share" => {
            let kind = if key == "basic_share" {
                Kind::Basic
            } else {
                Kind::Project
            };
            let part = Selector::all(Part::Both).kind(kind).sum(budget);
            let whole = Selector::all(Part::Both).sum(budget);
            let pct = part
                .percent_of(whole)
                .map(|p| p.display())
                .unwrap_or_else(|| "—".into());
            let mut e = explain_selector(
                budget,
                key,
                kind.label(),
                &Selector::all(Part::Both).kind(kind),
                unit,
            );
            e.formula = format!(
                "{pct} = {} {} ÷ {} 支出总计 × 100%",
                part.display(unit),
                kind.label(),
                whole.display(unit)
            );
            Some(e)
        }
        _ => {
            if let Some(code) = key.strip_prefix("structure:") {
                let c = FunctionCode::parse(code).ok()?;
                let name = budget.function_name(c).unwrap_or("未知科目").to_string();
                return sel(&name, Selector::all(Part::Current).sources(gp).function(c));
            }
            if let Some(id) = key.strip_prefix("income:") {
                let s = budget.source(id)?;
                let v = sum_income(budget, &SourceSel::id(id), Part::Current);
                return Some(explain_terms(
                    key,
                    &s.name,
                    vec![(format!("{}（收入）", s.name), v)],
                    unit,
                ));
            }
            explain_derived(budget, key, unit)
        }
    }
}

/// Figures of the narrative that are made of other figures: shares, changes, 财政拨款
/// totals, 三公 items, 政府采购.
fn explain_derived(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let agg = Aggregate::build(budget);
    let s = summarize(budget, &agg, Rounding::Independent);
    let m = |x: Money| x.display(unit);
    let fiscal = SourceSel::Fiscal;
    let with_formula = |mut e: Explanation, formula: String| {
        e.formula = formula;
        e
    };
    if let Some(rest) = key.strip_prefix("share:") {
        let (parts, whole, whole_label) = if rest.starts_with("structure:") {
            (
                &s.structure,
                s.general_public_current,
                "一般公共预算当年拨款",
            )
        } else {
            (&s.income_shares, s.income_total, "收入总计")
        };
        let p = parts.iter().find(|p| p.key == rest)?;
        let pct = p.exact.map(|e| e.display()).unwrap_or_else(|| "—".into());
        let base = explain(budget, rest, unit).unwrap_or_else(|| {
            explain_terms(key, &p.label, vec![(p.label.clone(), p.amount)], unit)
        });
        let formula = format!(
            "{pct} = {} {} ÷ {} {whole_label} × 100%",
            m(p.amount),
            p.label,
            m(whole)
        );
        return Some(with_formula(
            Explanation {
                key: key.into(),
                ..base
            },
            formula,
        ));
    }
    if let Some(what) = key.strip_prefix("yoy:") {
        let (label, y) = match what {
            "income" => ("收入总计", s.yoy_income),
            "expense" => ("支出总计", s.yoy_expense),
            "general_public" => ("一般公共预算当年拨款", s.yoy_general_public),
            "sangong" => ("“三公”经费", s.yoy_sangong),
            "office_running" => ("机关运行经费", s.yoy_office_running),
            item => {
                let prior = s.prior_sangong?;
                let (label, cur, pr) = match item {
                    "sangong:abroad" => ("因公出国（境）费", s.sangong.abroad, prior.abroad),
                    "sangong:reception" => ("公务接待费", s.sangong.reception, prior.reception),
                    "sangong:car_purchase" => {
                        ("公务用车购置费", s.sangong.car_purchase, prior.car_purchase)
                    }
                    "sangong:car_operation" => (
                        "公务用车运行维护费",
                        s.sangong.car_operation,
                        prior.car_operation,
                    ),
                    _ => return None,
                };
                (label, Some(YoY::new(cur, pr)))
            }
        };
        let y = y?;
        let pct = match y.percent {
            Some(p) => format!(
                "；变动率 {} = {} ÷ {} × 100%",
                p.display(),
                m(y.change),
                m(y.prior)
            ),
            None => "；上年为零，记为新增".to_string(),
        };
        let terms = vec![
            (format!("{label}（本年）"), y.current),
            (format!("{label}（上年）"), -y.prior),
        ];
        let e = explain_terms(key, &format!("{label}比上年"), terms, unit);
        let formula = format!(
            "{} = {} 本年 − {} 上年{pct}",
            m(y.change),
            m(y.current),
            m(y.prior)
        );
        return Some(with_formula(e, formula));
    }
    if let Some(id) = key.strip_prefix("fiscal_income:") {
        let src = budget.source(id)?;
        let sel = SourceSel::id(id);
        let terms = vec![
            (
                format!("{}（当年）", src.name),
                sum_income(budget, &sel, Part::Current),
            ),
            (
                format!("{}（上年结转）", src.name),
                sum_income(budget, &sel, Part::Carry),
            ),
        ];
        return Some(explain_terms(
            key,
            &format!("{}拨款", src.name),
            terms,
            unit,
        ));
    }
    if let Some(code) = key.strip_prefix("fiscal_lei:") {
        let c = FunctionCode::parse(code).ok()?;
        let name = budget.function_name(c).unwrap_or("未知科目").to_string();
        let sel = Selector::all(Part::Both).sources(fiscal).function(c);
        return Some(explain_selector(budget, key, &name, &sel, unit));
    }
    if let Some(item) = key.strip_prefix("sangong:") {
        let (label, code) = match item {
            "abroad" => ("因公出国（境）费", sangong::ABROAD),
            "reception" => ("公务接待费", sangong::RECEPTION),
            "car_purchase" => ("公务用车购置费", sangong::CAR_PURCHASE),
            "car_operation" => ("公务用车运行维护费", sangong::CAR_OPERATION),
            _ => return None,
        };
        let sel = Selector::all(Part::Current)
            .sources(fiscal)
            .econ(&econ_codes(&[code]));
        return Some(explain_selector(budget, key, label, &sel, unit));
    }
    let income_parts = |part: Part, label: &str| {
        let terms = budget
            .sources
            .iter()
            .filter(|x| x.kind.is_fiscal())
            .map(|x| {
                (
                    format!("{}{label}", x.name),
                    sum_income(budget, &SourceSel::id(&x.id), part),
                )
            })
            .filter(|(_, v)| !v.is_zero())
            .collect();
        terms
    };
    let p = &budget.procurement;
    Some(match key {
        "expense_current" => explain_selector(
            budget,
            key,
            "本年预算安排",
            &Selector::all(Part::Current),
            unit,
        ),
        "expense_carry" => explain_selector(
            budget,
            key,
            "上年结转安排",
            &Selector::all(Part::Carry),
            unit,
        ),
        "gp_basic" => explain_selector(
            budget,
            key,
            "一般公共预算基本支出",
            &Selector::all(Part::Current)
                .kind(Kind::Basic)
                .sources(SourceSel::Kind(SourceKind::GeneralPublic)),
            unit,
        ),
        "fiscal_current" => explain_terms(
            key,
            "财政拨款当年拨款收入",
            income_parts(Part::Current, ""),
            unit,
        ),
        "fiscal_carry" => explain_terms(
            key,
            "财政拨款上年结转收入",
            income_parts(Part::Carry, "上年结转"),
            unit,
        ),
        "fiscal_total" => {
            let mut t = income_parts(Part::Current, "");
            t.extend(income_parts(Part::Carry, "上年结转"));
            explain_terms(key, "财政拨款收支总预算", t, unit)
        }
        "procurement" => explain_terms(
            key,
            "政府采购预算总额",
            vec![
                ("货物".into(), p.goods),
                ("工程".into(), p.works),
                ("服务".into(), p.services),
            ],
            unit,
        ),
        "procurement:goods" => explain_terms(
            key,
            "政府采购货物预算",
            vec![("填报数".into(), p.goods)],
            unit,
        ),
        "procurement:works" => explain_terms(
            key,
            "政府采购工程预算",
            vec![("填报数".into(), p.works)],
            unit,
        ),
        "procurement:services" => explain_terms(
            key,
            "政府采购服务预算",
            vec![("填报数".into(), p.services)],
            unit,
        ),
        _ => return None,
    })
}

/// Explains one money cell of a table (row and column index into `table.rows`).
pub fn explain_cell(
    budget: &Budget,
    table: &Table,
    row: usize,
    col: usize,
    unit: Unit,
) -> Option<Explanation> {
    let cell = table.rows.get(row)?.cells.get(col)?;
    let tables::Cell::Money { origin, .. } = cell else {
        return None;
    };
    let key = format!("table:{}:{row}:{col}", table.id.number());
    let label = table.cell_label(row, col);
    Some(match origin {
        tables::Origin::Lines(sel) => explain_selector(budget, &key, &label, sel, unit),
        tables::Origin::Income { sources, part } => {
            let terms = budget
                .income
                .iter()
                .filter_map(|i| {
                    let s = budget.source(&i.source)?;
                    let ok = sources.test(s.kind, &s.id);
                    let v = tables::part_of_income(i, *part);
                    (ok && !v.is_zero()).then(|| {
                        let what = match part {
                            Part::Current => "",
                            Part::Carry => "上年结转",
                            Part::Both => "（含上年结转）",
                        };
                        (format!("{}{what}", s.name), v)
                    })
                })
                .collect();
            explain_terms(&key, &label, terms, unit)
        }
    })
}
