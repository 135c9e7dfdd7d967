//! Figures by 预算 (一般公共预算, 政府性基金预算, 国有资本经营预算) and per 功能分类 项,
//! for templates whose narrative speaks of them (上海's: 财政拨款收入/支出 against the prior
//! year, each budget's 拨款支出, one paragraph per 一般公共预算 项 with its prior
//! execution). Prior-year figures: 财政拨款 and the 政府性基金/国有资本经营 budgets take the
//! 上年预算数 of their sources' income entries; 一般公共预算 that of the budget (as the
//! reference's section 五); a 项 the 上年执行数 written for it, else the sum of its
//! 一般公共预算 lines' 上年执行数 where any line has one.

use crate::core::domain::codes::{FunctionCode, Level};
use crate::core::domain::model::{Budget, SourceKind};
use crate::core::domain::money::Money;
use crate::core::figures::aggregate::{Aggregate, Part, SourceSel};
use crate::core::figures::shares::YoY;

/// One budget's 拨款支出 and its change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetFigure {
    pub kind: SourceKind,
    /// e.g. `一般公共预算`.
    pub label: &'static str,
    /// What the narrative calls its money: `一般公共预算`, `政府性基金`, `国有资本经营预算`
    /// (+ “拨款支出”).
    pub short: &'static str,
    pub amount: Money,
    pub yoy: Option<YoY>,
}

impl BudgetFigure {
    /// Its figure key (`budget:government_fund`).
    pub fn key(&self) -> String {
        format!("budget:{}", self.kind.key())
    }
}

/// One 项 of the 一般公共预算 (当年) with what the budget says of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemFigure {
    pub code: FunctionCode,
    /// 类, 款 and 项 names.
    pub names: Vec<String>,
    pub amount: Money,
    /// 上年当年预算执行数 and the change against it, where written.
    pub executed: Option<Money>,
    pub change: Option<YoY>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ByBudget {
    /// 财政拨款收入 (本年 + 上年结转) and 财政拨款支出 (当年 + 上年结转).
    pub fiscal_income: Money,
    pub fiscal_expense: Money,
    /// Σ 上年预算数 of the fiscal sources' income entries (`None` when none has one).
    pub fiscal_prior: Option<Money>,
    pub yoy_fiscal_income: Option<YoY>,
    pub yoy_fiscal_expense: Option<YoY>,
    /// 一般公共预算, 政府性基金预算, 国有资本经营预算, in that order.
    pub budgets: Vec<BudgetFigure>,
    pub items: Vec<ItemFigure>,
}

/// The three budgets of 财政拨款 with their labels.
pub const BUDGETS: [(SourceKind, &str, &str); 3] = [
    (SourceKind::GeneralPublic, "一般公共预算", "一般公共预算"),
    (SourceKind::GovernmentFund, "政府性基金预算", "政府性基金"),
    (
        SourceKind::StateCapital,
        "国有资本经营预算",
        "国有资本经营预算",
    ),
];

/// Σ 上年预算数 of the income entries of the selected sources; `None` when none has one.
pub fn income_prior(budget: &Budget, sel: &SourceSel) -> Option<Money> {
    let mut any = false;
    let mut total = Money::ZERO;
    let source = budget.source_finder();
    for i in &budget.income {
        let Some(s) = source(&i.source) else {
            continue;
        };
        if let (true, Some(p)) = (sel.test(s.kind, &s.id), i.prior) {
            any = true;
            total += p;
        }
    }
    any.then_some(total)
}

/// The figures. `general_public` is the reference's 一般公共预算当年拨款 and its change.
pub fn by_budget(
    budget: &Budget,
    agg: &Aggregate,
    general_public: (Money, Option<YoY>),
    change: impl Fn(Money, Money) -> YoY,
) -> ByBudget {
    let fiscal = SourceSel::Fiscal;
    let source = budget.source_finder();
    let fiscal_income: Money = budget
        .income
        .iter()
        .filter(|i| source(&i.source).is_some_and(|s| s.kind.is_fiscal()))
        .map(|i| Part::Both.of_income(i))
        .sum();
    let fiscal_expense = agg.get(&agg.total, None, Part::Both, &fiscal);
    let fiscal_prior = income_prior(budget, &fiscal);
    let budgets = BUDGETS
        .iter()
        .map(|(kind, label, short)| {
            let (amount, yoy) = if *kind == SourceKind::GeneralPublic {
                general_public
            } else {
                let sel = SourceSel::Kind(*kind);
                let amount = agg.get(&agg.total, None, Part::Current, &sel);
                // Nothing this year and no prior written: nothing last year either (持平).
                let prior = income_prior(budget, &sel).or(amount.is_zero().then_some(Money::ZERO));
                (amount, prior.map(|p| change(amount, p)))
            };
            BudgetFigure {
                kind: *kind,
                label,
                short,
                amount,
                yoy,
            }
        })
        .collect();
    ByBudget {
        fiscal_income,
        fiscal_expense,
        fiscal_prior,
        yoy_fiscal_income: fiscal_prior.map(|p| change(fiscal_income, p)),
        yoy_fiscal_expense: fiscal_prior.map(|p| change(fiscal_expense, p)),
        budgets,
        items: items(budget, agg, &change),
    }
}

/// 上年执行数 per 项 from the lines that carry one (一般公共预算 lines only, as the 项's
/// amount is).
pub fn executed_from_lines(budget: &Budget) -> rustc_hash::FxHashMap<FunctionCode, Money> {
    let mut m = rustc_hash::FxHashMap::default();
    let source = budget.source_finder();
    for l in &budget.lines {
        let (Some(e), Some(f)) = (l.executed, l.function) else {
            continue;
        };
        if source(&l.source).is_some_and(|s| s.kind == SourceKind::GeneralPublic) {
            *m.entry(f).or_insert(Money::ZERO) += e;
        }
    }
    m
}

/// A 项's 上年执行数: the one written for the 项, else the sum of its lines' where any
/// line has one.
pub fn executed_of(
    budget: &Budget,
    code: FunctionCode,
    from_lines: &rustc_hash::FxHashMap<FunctionCode, Money>,
) -> Option<Money> {
    budget
        .items
        .get(&code.to_string())
        .and_then(|n| n.executed)
        .or_else(|| from_lines.get(&code).copied())
}

/// The 项 with 一般公共预算 当年 money, in code order.
fn items(
    budget: &Budget,
    agg: &Aggregate,
    change: &impl Fn(Money, Money) -> YoY,
) -> Vec<ItemFigure> {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    // The sums count the lines with a 上年执行数: none, no pass over the lines.
    let from_lines = if agg.executed_lines == 0 {
        Default::default()
    } else {
        executed_from_lines(budget)
    };
    agg.function_order
        .iter()
        .filter(|c| c.level() == Level::Xiang)
        .filter_map(|c| {
            let amount = agg.get(&agg.by_function[c], None, Part::Current, &gp);
            if amount.is_zero() {
                return None;
            }
            let executed = executed_of(budget, *c, &from_lines);
            Some(ItemFigure {
                code: *c,
                names: c
                    .lineage()
                    .into_iter()
                    .map(|x| {
                        budget
                            .function_name(x)
                            .unwrap_or("（未知科目）")
                            .to_string()
                    })
                    .collect(),
                amount,
                executed,
                change: executed.map(|e| change(amount, e)),
            })
        })
        .collect()
}
