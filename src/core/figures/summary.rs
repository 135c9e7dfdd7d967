//! The key figures of a budget (收入/支出总计, 基本/项目 with shares, 一般公共预算当年拨款 and
//! its structure, 人员经费/公用经费, 三公, 机关运行经费, year-over-year changes, 控制数),
//! computed from the aggregate in named steps, one per group of figures. The narrative,
//! the checks and the live summary all read them from here.

use crate::core::domain::codes::{sangong, EconCode, FunctionCode, Level};
use crate::core::domain::model::{Budget, Kind, PriorField, SourceKind, UnitType};
use crate::core::domain::money::{Money, Percent, Unit};
use crate::core::figures::aggregate::{Aggregate, Part, SourceSel};
use crate::core::figures::shares::{shown_shares, Rounding, YoY};
use rust_decimal::Decimal;

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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
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
    /// Every fund source: its income beside the spending it funds.
    pub sources: Vec<SourceStatus>,
    /// With 尾差调整, the unit whose shown figures year-over-year changes are made of (a
    /// change is then the difference of the two shown figures); `None`: exact.
    pub shown_in: Option<Unit>,
    /// Each 预算单位 with its type and whether its 公用经费 count as 机关运行经费.
    pub office_units: Vec<(String, UnitType, bool)>,
    /// Section 十's figures from the 绩效目标表.
    pub goals: crate::core::figures::goals::Overview,
    /// 财政拨款 by budget and the 一般公共预算 项 (templates whose narrative has them).
    pub by_budget: crate::core::figures::budgets::ByBudget,
}

/// A fund source's income beside what its lines spend: balancing is one glance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceStatus {
    pub id: String,
    pub name: String,
    pub kind: SourceKind,
    /// 本年收入, 上年结转 and 上年预算数 of the source's income entry.
    pub income_current: Money,
    pub income_carry: Money,
    pub income_prior: Option<Money>,
    /// 当年预算安排 and 上年结转安排 of the lines funded by the source.
    pub spent_current: Money,
    pub spent_carry: Money,
}

impl SourceStatus {
    /// 本年收入 − 当年支出: zero when the source balances this year.
    pub fn current_gap(&self) -> Money {
        self.income_current - self.spent_current
    }

    /// 上年结转收入 − 上年结转支出.
    pub fn carry_gap(&self) -> Money {
        self.income_carry - self.spent_carry
    }
}

impl Summary {
    /// This year's figure that a prior-year figure is compared with.
    pub fn current_of(&self, f: PriorField) -> Money {
        match f {
            PriorField::IncomeTotal => self.income_total,
            PriorField::ExpenseTotal => self.expense_total,
            PriorField::GeneralPublicCurrent => self.general_public_current,
            PriorField::SangongAbroad => self.sangong.abroad,
            PriorField::SangongReception => self.sangong.reception,
            PriorField::SangongCarPurchase => self.sangong.car_purchase,
            PriorField::SangongCarOperation => self.sangong.car_operation,
            PriorField::OfficeRunning => self.office_running,
        }
    }

    /// The change from `prior` to `current`: exact, or with 尾差调整 the difference of the
    /// two figures as shown (so that a printed sentence checks out with a calculator).
    pub fn change(&self, current: Money, prior: Money) -> YoY {
        match self.shown_in {
            Some(unit) => YoY::new(current.shown(unit), prior.shown(unit)),
            None => YoY::new(current, prior),
        }
    }

    /// The change of a figure against its prior-year figure (`None` without one).
    pub fn yoy_of(&self, f: PriorField) -> Option<YoY> {
        let item = |pick: fn(&Sangong) -> Money| {
            self.prior_sangong
                .map(|p| self.change(pick(&self.sangong), pick(&p)))
        };
        match f {
            PriorField::IncomeTotal => self.yoy_income,
            PriorField::ExpenseTotal => self.yoy_expense,
            PriorField::GeneralPublicCurrent => self.yoy_general_public,
            PriorField::SangongAbroad => item(|g| g.abroad),
            PriorField::SangongReception => item(|g| g.reception),
            PriorField::SangongCarPurchase => item(|g| g.car_purchase),
            PriorField::SangongCarOperation => item(|g| g.car_operation),
            PriorField::OfficeRunning => self.yoy_office_running,
        }
    }
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

/// Income entries of the selected sources, the given part.
pub fn sum_income(budget: &Budget, sel: &SourceSel, part: Part) -> Money {
    let source = budget.source_finder();
    budget
        .income
        .iter()
        .filter(|i| source(&i.source).is_some_and(|s| sel.test(s.kind, &s.id)))
        .map(|i| part.of_income(i))
        .sum()
}

/// Economic codes from their texts (the 三公 codes are constants).
pub fn econ_codes(codes: &[&str]) -> Vec<EconCode> {
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

/// The lines' prior-year amounts where any line has one: all lines (支出总计) and the
/// 一般公共预算 lines (一般公共预算当年拨款), in one pass. Used where no total is typed.
fn priors_from_lines(budget: &Budget) -> (Option<Money>, Option<Money>) {
    let (mut all, mut gp) = (None::<Money>, None::<Money>);
    let source = budget.source_finder();
    for l in &budget.lines {
        let Some(p) = l.prior else { continue };
        *all.get_or_insert(Money::ZERO) += p;
        if source(&l.source).is_some_and(|s| s.kind == SourceKind::GeneralPublic) {
            *gp.get_or_insert(Money::ZERO) += p;
        }
    }
    (all, gp)
}

/// The key figures of a budget, step by step.
///
/// ```
/// use yusuan::core::figures::{aggregate::Aggregate, shares::Rounding, summary::summarize};
/// use yusuan::core::domain::money::Unit;
/// let b = yusuan::core::formats::reference::budget();
/// let s = summarize(&b, &Aggregate::build(&b), Rounding::Independent, Unit::Wan);
/// assert_eq!(s.expense_total.display(yusuan::core::domain::money::Unit::Wan), "3,826.55");
/// ```
pub fn summarize(budget: &Budget, agg: &Aggregate, rounding: Rounding, unit: Unit) -> Summary {
    let links = crate::core::figures::goals::report_links(budget, agg);
    summarize_linked(budget, agg, &links, rounding, unit)
}

/// [`summarize`] with the forms and projects already matched.
pub fn summarize_linked(
    budget: &Budget,
    agg: &Aggregate,
    links: &crate::core::figures::goals::Links,
    rounding: Rounding,
    unit: Unit,
) -> Summary {
    let mut s = Summary {
        shown_in: (rounding == Rounding::LargestRemainder).then_some(unit),
        ..Summary::default()
    };
    income_figures(&mut s, budget, rounding);
    expense_figures(&mut s, agg, rounding);
    structure_figures(&mut s, budget, agg, rounding);
    basic_figures(&mut s, budget, agg);
    s.sangong = sangong_of(agg);
    s.office_running = agg.get(
        &agg.office_running,
        Some(Kind::Basic),
        Part::Current,
        &SourceSel::Fiscal,
    );
    s.office_units = budget
        .units
        .iter()
        .map(|u| (u.name.clone(), u.kind, u.kind.has_office_running()))
        .collect();
    prior_figures(&mut s, budget);
    s.control = control_status(budget, agg);
    s.sources = source_status(budget, agg);
    s.goals = crate::core::figures::goals::overview_of(links);
    s.by_budget = crate::core::figures::budgets::by_budget(
        budget,
        agg,
        (s.general_public_current, s.yoy_general_public),
        |c, p| s.change(c, p),
    );
    s
}

/// Parts of a whole with their exact and shown shares.
fn share_parts(
    items: Vec<(String, String, Money)>,
    whole: Money,
    rounding: Rounding,
) -> Vec<SharePart> {
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
}

/// 本年收入, 上年结转, 收入总计, and income by source as shares of 收入总计.
fn income_figures(s: &mut Summary, budget: &Budget, rounding: Rounding) {
    let all = SourceSel::All;
    s.income_current = sum_income(budget, &all, Part::Current);
    s.income_carry = sum_income(budget, &all, Part::Carry);
    s.income_total = s.income_current + s.income_carry;
    let mut items: Vec<(String, String, Money)> = budget
        .sources
        .iter()
        .zip(budget.income_by_source())
        .map(|(src, income)| {
            (
                format!("income:{}", src.id),
                src.name.clone(),
                income.current,
            )
        })
        .collect();
    items.push(("income_carry".into(), "上年结转".into(), s.income_carry));
    s.income_shares = share_parts(items, s.income_total, rounding);
}

/// 支出总计 (当年, 上年结转), 基本支出/项目支出 with their shares, 项目支出 本年/结转.
fn expense_figures(s: &mut Summary, agg: &Aggregate, rounding: Rounding) {
    let total = |kind, part| agg.get(&agg.total, kind, part, &SourceSel::All);
    s.expense_total = total(None, Part::Both);
    s.expense_current = total(None, Part::Current);
    s.expense_carry = total(None, Part::Carry);
    s.basic = total(Some(Kind::Basic), Part::Both);
    s.project = total(Some(Kind::Project), Part::Both);
    s.project_current = total(Some(Kind::Project), Part::Current);
    s.project_carry = total(Some(Kind::Project), Part::Carry);
    s.kind_shares = share_parts(
        vec![
            ("basic".into(), "基本支出".into(), s.basic),
            ("project".into(), "项目支出".into(), s.project),
        ],
        s.expense_total,
        rounding,
    );
}

/// 一般公共预算当年拨款, its structure by 类 (shares), and 财政拨款 spending by 类.
fn structure_figures(s: &mut Summary, budget: &Budget, agg: &Aggregate, rounding: Rounding) {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    s.general_public_current = agg.get(&agg.total, None, Part::Current, &gp);
    let mut lei: Vec<FunctionCode> = agg
        .function_order
        .iter()
        .copied()
        .filter(|c| c.level() == Level::Lei)
        .collect();
    crate::core::sort::sort_by_key(&mut lei, |c| c.sort_key());
    let name = |c: FunctionCode| budget.function_name(c).unwrap_or("未知科目").to_string();
    let items: Vec<(String, String, Money)> = lei
        .iter()
        .map(|&c| {
            let m = agg.get(&agg.by_function[&c], None, Part::Current, &gp);
            (format!("structure:{c}"), name(c), m)
        })
        .filter(|(_, _, m)| !m.is_zero())
        .collect();
    s.structure = share_parts(items, s.general_public_current, rounding);
    s.fiscal_by_lei = lei
        .iter()
        .map(|&c| {
            let node = &agg.by_function[&c];
            (
                c,
                name(c),
                agg.get(node, None, Part::Both, &SourceSel::Fiscal),
            )
        })
        .filter(|(_, _, m)| !m.is_zero())
        .collect();
}

/// 一般公共预算基本支出 and its 人员经费/公用经费 with the economic items of each (table 6).
fn basic_figures(s: &mut Summary, budget: &Budget, agg: &Aggregate) {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    let basic = |node| agg.get(node, Some(Kind::Basic), Part::Current, &gp);
    s.personnel = basic(&agg.personnel);
    s.public_use = basic(&agg.public_use);
    s.gp_basic = basic(&agg.total);
    let mut items: Vec<(EconCode, bool)> = agg
        .by_econ
        .iter()
        .filter(|(_, n)| !basic(n).is_zero())
        .map(|((e, _), _)| (*e, e.is_personnel()))
        .collect();
    crate::core::sort::sort_by_key(&mut items, |(e, _)| e.sort_key());
    items.dedup();
    let names = |personnel: bool| -> Vec<String> {
        items
            .iter()
            .filter(|(_, p)| *p == personnel)
            .map(|(e, _)| budget.econ_name(*e).unwrap_or("未知经济分类").to_string())
            .collect()
    };
    s.personnel_items = names(true);
    s.public_use_items = names(false);
}

/// The prior-year figures (typed, else from the lines) and the changes against them.
fn prior_figures(s: &mut Summary, budget: &Budget) {
    let p = &budget.prior;
    let income_prior = p.income_total.or_else(|| {
        let v: Vec<Money> = budget.income.iter().filter_map(|i| i.prior).collect();
        (!v.is_empty()).then(|| v.iter().sum())
    });
    let from_lines = if p.expense_total.is_none() || p.general_public_current.is_none() {
        priors_from_lines(budget)
    } else {
        (None, None)
    };
    let expense_prior = p.expense_total.or(from_lines.0);
    let gp_prior = p.general_public_current.or(from_lines.1);
    s.prior_sangong = match (
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
    s.yoy_income = income_prior.map(|pr| s.change(s.income_total, pr));
    s.yoy_expense = expense_prior.map(|pr| s.change(s.expense_total, pr));
    s.yoy_general_public = gp_prior.map(|pr| s.change(s.general_public_current, pr));
    s.yoy_sangong = s
        .prior_sangong
        .map(|pr| s.change(s.sangong.total(), pr.total()));
    s.yoy_office_running = p.office_running.map(|pr| s.change(s.office_running, pr));
}

/// Each source's 控制数 with its current-year spending.
fn control_status(budget: &Budget, agg: &Aggregate) -> Vec<ControlStatus> {
    budget
        .sources
        .iter()
        .filter_map(|src| {
            let limit = *budget.control_figures.get(&src.id)?;
            Some(ControlStatus {
                source: src.id.clone(),
                name: src.name.clone(),
                limit,
                spent: agg.get(&agg.total, None, Part::Current, &SourceSel::id(&src.id)),
            })
        })
        .collect()
}

/// Each source's income beside its spending.
fn source_status(budget: &Budget, agg: &Aggregate) -> Vec<SourceStatus> {
    budget
        .sources
        .iter()
        .zip(budget.income_by_source())
        .map(|(src, income)| {
            let sel = SourceSel::id(&src.id);
            SourceStatus {
                id: src.id.clone(),
                name: src.name.clone(),
                kind: src.kind,
                income_current: income.current,
                income_carry: income.carry_over,
                income_prior: income.prior,
                spent_current: agg.get(&agg.total, None, Part::Current, &sel),
                spent_carry: agg.get(&agg.total, None, Part::Carry, &sel),
            }
        })
        .collect()
}
