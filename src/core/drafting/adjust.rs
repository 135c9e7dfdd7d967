//! Bulk adjustments: “公用经费 −5%”, “基本工资 +3%”, “项目支出 −20万元”.
//!
//! An [`Adjustment`] picks lines ([`Target`]) and says how their 当年预算安排 changes
//! ([`Change`]) and to what it is rounded ([`Step`]). [`plan`] computes every new amount and
//! the commands that make it so; the app shows the plan as a preview and applies the
//! commands as one undoable step. Only 当年预算安排 changes: 上年结转 is fixed by last year's
//! accounts.

use crate::core::domain::codes::EconCode;
use crate::core::domain::command::{Command, Field};
use crate::core::domain::model::{Budget, Kind, Line, LineId};
use crate::core::domain::money::Money;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Which lines an adjustment applies to; every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Target {
    pub group: Group,
    /// 功能分类 code starts with this (e.g. `201`, `2010301`).
    pub function_prefix: String,
    /// 部门经济分类 code starts with this (e.g. `302`, `30101`).
    pub econ_prefix: String,
    pub kind: Option<Kind>,
    /// Fund source id.
    pub source: Option<String>,
    /// 预算单位 id (a department's).
    pub unit: Option<String>,
}

/// Named groups of lines, as the tables define them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Group {
    #[default]
    All,
    /// 人员经费: 基本支出 lines of classes 301 and 303.
    Personnel,
    /// 公用经费: the other 基本支出 lines with an economic code (302, 310 …).
    PublicUse,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::All, Group::Personnel, Group::PublicUse];

    pub fn label(self) -> &'static str {
        match self {
            Group::All => "全部明细",
            Group::Personnel => "人员经费",
            Group::PublicUse => "公用经费",
        }
    }
}

impl Target {
    pub fn matches(&self, budget: &Budget, line: &Line) -> bool {
        let group = match self.group {
            Group::All => true,
            Group::Personnel => line.kind == Kind::Basic && line.is_personnel(),
            Group::PublicUse => {
                line.kind == Kind::Basic && line.economic.is_some_and(|e| !e.is_personnel())
            }
        };
        let prefix = |p: &str, code: Option<String>| {
            let p = p.trim();
            p.is_empty() || code.is_some_and(|c| c.starts_with(p))
        };
        group
            && self.kind.is_none_or(|k| k == line.kind)
            && self.source.as_ref().is_none_or(|s| *s == line.source)
            && self
                .unit
                .as_deref()
                .is_none_or(|u| budget.line_unit(line) == Some(u))
            && prefix(&self.function_prefix, line.function.map(|c| c.to_string()))
            && prefix(
                &self.econ_prefix,
                line.economic.map(|c: EconCode| c.to_string()),
            )
    }
}

/// How the amounts change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Each line by this percentage (−5 means −5%).
    Percent(Decimal),
    /// Each line by this amount.
    PerLine(Money),
    /// The selection's total by this amount, shared in proportion to the lines' amounts
    /// (largest remainder at the rounding step, so the total changes by exactly this much
    /// when the amount is a multiple of the step).
    Total(Money),
}

/// What new amounts are rounded to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Step {
    /// 分 (0.01 元): no rounding beyond the money itself.
    #[default]
    Fen,
    Yuan,
    /// 百元
    Hundred,
}

impl Step {
    pub const ALL: [Step; 3] = [Step::Fen, Step::Yuan, Step::Hundred];

    pub fn label(self) -> &'static str {
        match self {
            Step::Fen => "分",
            Step::Yuan => "元",
            Step::Hundred => "百元",
        }
    }

    /// The step in 元.
    fn yuan(self) -> Decimal {
        match self {
            Step::Fen => Decimal::new(1, 2),
            Step::Yuan => Decimal::ONE,
            Step::Hundred => Decimal::ONE_HUNDRED,
        }
    }

    /// Rounds a 元 amount to this step, half away from zero.
    fn round(self, yuan: Decimal) -> Decimal {
        let unit = self.yuan();
        (yuan / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero) * unit
    }
}

/// The largest amount a line may reach (as for typed amounts): 10^15 元.
fn limit() -> Decimal {
    Decimal::from(1_000_000_000_000_000i64)
}

/// Shares `total` (a whole number of steps) in proportion to `weights` (all ≥ 0, sum > 0):
/// each gets the floor of its exact share, and the steps left over go to the largest
/// remainders (ties to the earlier line). The parts add up to `total` exactly.
fn apportion(weights: &[Decimal], total: i64) -> Vec<i64> {
    let sum: Decimal = weights.iter().sum();
    let n = Decimal::from(total.unsigned_abs());
    let exact: Vec<Decimal> = weights.iter().map(|w| n * *w / sum).collect();
    let mut parts: Vec<i64> = exact
        .iter()
        .map(|e| e.floor().to_i64().unwrap_or(0))
        .collect();
    let given: i64 = parts.iter().sum();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    crate::core::sort::sort_by(&mut order, |a, b| {
        (exact[*b] - exact[*b].floor()).cmp(&(exact[*a] - exact[*a].floor()))
    });
    let left = (total.unsigned_abs() as i64 - given).max(0) as usize;
    for i in order.into_iter().take(left) {
        parts[i] += 1;
    }
    if total < 0 {
        parts.iter_mut().for_each(|p| *p = -*p);
    }
    parts
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Adjustment {
    pub target: Target,
    pub change: Change,
    pub step: Step,
}

/// One line's amount before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineChange {
    pub id: LineId,
    pub before: Money,
    pub after: Money,
}

/// The outcome of an adjustment, before it is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// How many lines the target matched.
    pub matched: usize,
    /// The lines whose amount changes.
    pub changes: Vec<LineChange>,
    /// Sum of the matched lines' 当年预算安排, before and after.
    pub before: Money,
    pub after: Money,
    /// One command per changed line; apply all or nothing.
    pub commands: Vec<Command>,
}

/// Why an adjustment cannot be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AdjustError {
    NoLines,
    /// Percentages below −100% or above +1000% are refused as typing mistakes.
    PercentRange(Decimal),
    /// These lines would end below zero.
    Negative(Vec<LineId>),
    /// A total to share out over lines that sum to zero.
    NothingToShare,
    TooLarge,
}

impl std::fmt::Display for AdjustError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AdjustError::NoLines => write!(f, "没有符合条件的明细"),
            AdjustError::PercentRange(p) => {
                write!(f, "调整比例 {p}% 不合理（应在 −100% 到 +1000% 之间）")
            }
            AdjustError::Negative(ids) => {
                let shown: Vec<String> = ids.iter().take(10).map(|i| format!("第{i}号")).collect();
                let more = if ids.len() > 10 {
                    format!("等 {} 行", ids.len())
                } else {
                    String::new()
                };
                write!(f, "{}{more}明细调整后将小于零，未做调整", shown.join("、"))
            }
            AdjustError::NothingToShare => write!(f, "所选明细合计为零，无法按比例分摊金额"),
            AdjustError::TooLarge => write!(f, "调整后的金额超出范围"),
        }
    }
}

/// Computes the new amounts (nothing is changed).
///
/// ```
/// use yusuan::core::drafting::adjust::{plan, Adjustment, Change, Group, Step, Target};
/// use yusuan::core::domain::money::Unit;
/// use rust_decimal::Decimal;
/// let b = yusuan::core::formats::reference::budget();
/// let a = Adjustment {
///     target: Target { group: Group::PublicUse, ..Default::default() },
///     change: Change::Percent(Decimal::new(-5, 0)),
///     step: Step::Fen,
/// };
/// let p = plan(&b, &a).unwrap();
/// assert_eq!(p.before.display(Unit::Wan), "156.53");
/// assert_eq!(p.after.display(Unit::Wan), "148.70");
/// ```
pub fn plan(budget: &Budget, adj: &Adjustment) -> Result<Plan, AdjustError> {
    let lines: Vec<&Line> = budget
        .lines
        .iter()
        .filter(|l| adj.target.matches(budget, l))
        .collect();
    if lines.is_empty() {
        return Err(AdjustError::NoLines);
    }
    let before: Money = lines.iter().map(|l| l.current).sum();
    // Amounts are at most 10^15 元 and percentages at most 1000%, so no step below can
    // overflow a Decimal; results above the limit are refused.
    let afters: Vec<Decimal> = match adj.change {
        Change::Percent(p) => {
            if p < Decimal::from(-100) || p > Decimal::from(1000) {
                return Err(AdjustError::PercentRange(p));
            }
            let factor = Decimal::ONE + p / Decimal::ONE_HUNDRED;
            lines
                .iter()
                .map(|l| adj.step.round(l.current.yuan() * factor))
                .collect()
        }
        Change::PerLine(m) => {
            if m.yuan().abs() > limit() {
                return Err(AdjustError::TooLarge);
            }
            lines
                .iter()
                .map(|l| adj.step.round(l.current.yuan() + m.yuan()))
                .collect()
        }
        Change::Total(m) => {
            if m.yuan().abs() > limit() {
                return Err(AdjustError::TooLarge);
            }
            let weights: Vec<Decimal> = lines
                .iter()
                .map(|l| l.current.yuan().max(Decimal::ZERO))
                .collect();
            if weights.iter().all(|w| w.is_zero()) {
                return Err(AdjustError::NothingToShare);
            }
            // Whole steps by largest remainder; the part of `m` below one step goes to the
            // largest line, so the selection's total changes by exactly `m`.
            let unit = adj.step.yuan();
            let whole = (m.yuan() / unit).trunc();
            let rest = m.yuan() - whole * unit;
            let whole = whole.to_i64().unwrap_or(0);
            let parts = apportion(&weights, whole);
            let largest = (0..lines.len())
                .max_by_key(|i| lines[*i].current)
                .unwrap_or(0);
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut add = Decimal::from(parts[i]) * unit;
                    if i == largest {
                        add += rest;
                    }
                    l.current.yuan() + add
                })
                .collect()
        }
    };
    if afters.iter().any(|a| *a > limit()) {
        return Err(AdjustError::TooLarge);
    }
    let afters: Vec<Money> = afters.into_iter().map(Money::from_yuan).collect();
    let negative: Vec<LineId> = lines
        .iter()
        .zip(&afters)
        .filter(|(_, a)| a.is_negative())
        .map(|(l, _)| l.id)
        .collect();
    if !negative.is_empty() {
        return Err(AdjustError::Negative(negative));
    }
    let after: Money = afters.iter().copied().sum();
    let mut changes = Vec::new();
    let mut commands = Vec::new();
    for (l, a) in lines.iter().zip(afters) {
        if a != l.current {
            changes.push(LineChange {
                id: l.id,
                before: l.current,
                after: a,
            });
            commands.push(Command::UpdateLine {
                id: l.id,
                field: Field::Current(a),
            });
        }
    }
    Ok(Plan {
        matched: lines.len(),
        changes,
        before,
        after,
        commands,
    })
}
