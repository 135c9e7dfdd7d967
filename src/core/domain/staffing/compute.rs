//! 基本支出测算's arithmetic (issue 23, first part): the 基本支出 lines a `StaffModel` gives,
//! one per (功能分类, 经济分类), each with the parts it is made of and their formulas.
//!
//! Amounts are exact: a row's pay is its monthly amount × people × months (no rounding —
//! monthly amounts are whole 分). What is a rate or a share of a year is rounded to the 分,
//! half away from zero, **once per person**, then multiplied by the row's people: each
//! person's contribution, 年终一次性奖金, 福利费 and 公用经费定额 — so a group of ten gives
//! exactly what ten persons alike give —, and 工会经费 once of the wage total; a line is the
//! sum of its rounded parts. 公用经费定额 is spread over its codes by the split, each share
//! rounded and the last code taking what is left, so the shares add up to the total exactly.
//! 调资 (`pay_changes`) changes a monthly amount from a month on, rounded to the 分 at each
//! change; a row's item is then paid in stretches (the old amount before, the new after).
//! docs/STAFFING.md says the same for users.

use super::model::{Contribution, Staff, StaffCategory, StaffModel};
use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::money::{group_thousands, Money};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// One part of a generated line: what it is and how it was computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub label: String,
    pub formula: String,
    pub amount: Money,
}

/// A 基本支出 line the model gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenLine {
    pub function: FunctionCode,
    pub economic: EconCode,
    pub source: String,
    pub amount: Money,
    pub parts: Vec<Part>,
}

/// The lines, and the contributions left out because their rate is blank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub lines: Vec<GenLine>,
    pub blank_rates: Vec<String>,
}

/// The lines as they are summed: each key's amount and, when the formulas are wanted, its
/// parts (a 50,000-person model sums in a fraction of the time without them).
struct Acc {
    detail: bool,
    map: BTreeMap<(FunctionCode, EconCode), (Money, Vec<Part>)>,
}

const TOO_LARGE: &str = "测算金额过大";

fn round(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount as the budget keeps it: 元 with two decimals.
fn money(v: Decimal) -> Money {
    let mut d = round(v);
    d.rescale(2);
    Money::from_yuan(d)
}

fn mul(a: Decimal, b: Decimal) -> Result<Decimal, String> {
    a.checked_mul(b).ok_or_else(|| TOO_LARGE.to_string())
}

/// `rate` percent of `v`, exactly: × 0.01 is a shift of the scale, where ÷ 100 would be a
/// (slow) division — at 50,000 persons × 8 contributions it counts.
fn percent_of(v: Decimal, rate: Decimal) -> Result<Decimal, String> {
    mul(mul(v, rate)?, Decimal::new(1, 2))
}

fn yuan(v: Decimal) -> String {
    group_thousands(round(v))
}

fn pct(r: Decimal) -> String {
    format!("{}%", r.normalize())
}

/// The lines of a model with every part and its formula, or every reason it cannot be
/// computed.
pub fn compute(m: &StaffModel) -> Result<Outcome, Vec<String>> {
    run(m, true)
}

/// The lines' amounts only (no parts): what making the lines, the checks and comparisons
/// need, fast at 50,000 persons. One edit asks for the same model's amounts several times
/// (making the lines, the 检查 tab, the tab's result): the last few are kept by the
/// model's fingerprint (SipHash of every field, with the count of rows), so the arithmetic
/// runs once per model.
pub fn amounts(m: &StaffModel) -> Result<Outcome, Vec<String>> {
    let key = fingerprint(m);
    let known = RECENT.with(|r| {
        r.borrow()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, o)| o.clone())
    });
    if let Some(out) = known {
        return Ok(out);
    }
    let out = run(m, false)?;
    RECENT.with(|r| {
        let mut r = r.borrow_mut();
        r.insert(0, (key, out.clone()));
        r.truncate(RECENT_KEPT);
    });
    Ok(out)
}

/// Forgets the kept amounts (benchmarks measure the arithmetic itself with it).
pub fn forget_amounts() {
    RECENT.with(|r| r.borrow_mut().clear());
}

thread_local! {
    /// The amounts of the last models computed, newest first.
    static RECENT: std::cell::RefCell<Vec<((u64, usize), Outcome)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// How many models' amounts are kept (a model, and a lever's preview of it).
const RECENT_KEPT: usize = 3;

fn fingerprint(m: &StaffModel) -> (u64, usize) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    m.hash(&mut h);
    (h.finish(), m.staff.len())
}

fn run(m: &StaffModel, detail: bool) -> Result<Outcome, Vec<String>> {
    let faults = m.faults();
    if !faults.is_empty() {
        return Err(faults);
    }
    let mut acc = Acc {
        detail,
        map: BTreeMap::new(),
    };
    let mut blank_rates = Vec::new();
    steps(m, &mut acc, &mut blank_rates).map_err(|e| vec![e])?;
    Ok(Outcome {
        lines: lines(acc, &m.source),
        blank_rates,
    })
}

/// Every step in order: pay, bonus, contributions (a blank rate is listed, not guessed),
/// 工会经费 and 福利费, 公用经费定额, other quotas.
fn steps(m: &StaffModel, acc: &mut Acc, blank_rates: &mut Vec<String>) -> Result<(), String> {
    pay(m, acc)?;
    bonus(m, acc)?;
    // Each distinct base (items, bonus) is computed once per row, however many
    // contributions share it (by default all eight do).
    let mut bases: Vec<(&[String], bool, Vec<Decimal>)> = Vec::new();
    for c in &m.contributions {
        let Some(rate) = c.rate else {
            blank_rates.push(c.kind.label().to_string());
            continue;
        };
        let same = |(b, w, _): &(&[String], bool, Vec<Decimal>)| {
            *b == c.base.as_slice() && *w == c.with_bonus
        };
        let at = match bases.iter().position(same) {
            Some(i) => i,
            None => {
                let rows = m
                    .staff
                    .iter()
                    .map(|s| person_base(m, c, s))
                    .collect::<Result<_, _>>()?;
                bases.push((&c.base, c.with_bonus, rows));
                bases.len() - 1
            }
        };
        contribution(m, c, rate, &bases[at].2, acc)?;
    }
    union_and_welfare(m, acc)?;
    quotas(m, acc)?;
    extras(m, acc)
}

/// The 项 a row's pay goes to: 行政运行/事业运行 for 在职, the 离退休 项 otherwise.
fn function_of(m: &StaffModel, s: &Staff) -> FunctionCode {
    if s.category.in_service() {
        m.running
    } else {
        m.retirement_function()
    }
}

fn row_label(s: &Staff) -> String {
    let who = if s.name.is_empty() {
        s.category.label().to_string()
    } else {
        format!("{}（{}）", s.name, s.category.label())
    };
    let (first, last) = (s.first_month(), s.last_month());
    let span = if s.months == 12 {
        String::new()
    } else {
        format!("（{first}–{last}月）")
    };
    format!("{who} {}人×{}月{span}", s.count, s.months)
}

/// A monthly amount changed by a percent, rounded to the 分.
fn changed(v: Decimal, percent: Decimal) -> Decimal {
    round(v * (Decimal::ONE_HUNDRED + percent) / Decimal::ONE_HUNDRED)
}

fn has_changes(m: &StaffModel, id: &str) -> bool {
    m.pay_changes.iter().any(|c| c.item == id)
}

/// A row's monthly amount of a pay item over its months as (monthly, months) stretches:
/// one without 调资; with it, a stretch from each change's month on (changes are applied
/// month by month, in list order within a month).
fn stretches(m: &StaffModel, s: &Staff, id: &str, monthly: Decimal) -> Vec<(Decimal, u8)> {
    let (first, last) = (s.first_month(), s.last_month());
    let mine: Vec<_> = m.pay_changes.iter().filter(|c| c.item == id).collect();
    let mut v = monthly;
    for c in mine.iter().filter(|c| c.from <= first) {
        v = changed(v, c.percent);
    }
    let mut out = Vec::new();
    let mut start = first;
    for month in first + 1..=last {
        let now: Vec<_> = mine.iter().filter(|c| c.from == month).collect();
        if now.is_empty() {
            continue;
        }
        out.push((v, month - start));
        start = month;
        for c in now {
            v = changed(v, c.percent);
        }
    }
    out.push((v, last + 1 - start));
    out
}

/// What one person of a row is paid of an item over the year.
fn item_total(m: &StaffModel, s: &Staff, id: &str, monthly: Decimal) -> Result<Decimal, String> {
    if !has_changes(m, id) {
        return mul(monthly, Decimal::from(s.months));
    }
    stretches(m, s, id, monthly)
        .into_iter()
        .try_fold(Decimal::ZERO, |t, (v, n)| Ok(t + mul(v, Decimal::from(n))?))
}

/// A person's monthly amount of an item in the row's last month.
fn item_last(m: &StaffModel, s: &Staff, id: &str, monthly: Decimal) -> Decimal {
    if !has_changes(m, id) {
        return monthly;
    }
    stretches(m, s, id, monthly)
        .last()
        .map(|x| x.0)
        .unwrap_or(monthly)
}

/// “5,000.00 × 2人 × 12月”, or with 调资 “(5,000.00 × 6月 + 5,250.00 × 6月) × 2人”.
fn pay_formula(m: &StaffModel, s: &Staff, id: &str, monthly: Decimal) -> String {
    let parts = if has_changes(m, id) {
        stretches(m, s, id, monthly)
    } else {
        vec![(monthly, s.months)]
    };
    if let [(v, n)] = parts.as_slice() {
        return format!("{} × {}人 × {}月", yuan(*v), s.count, n);
    }
    let inner: Vec<String> = parts
        .iter()
        .map(|(v, n)| format!("{} × {}月", yuan(*v), n))
        .collect();
    format!("({}) × {}人", inner.join(" + "), s.count)
}

fn add(
    acc: &mut Acc,
    key: (FunctionCode, EconCode),
    amount: Money,
    text: impl FnOnce() -> (String, String),
) {
    if amount.is_zero() {
        return;
    }
    let entry = acc.map.entry(key).or_default();
    entry.0 += amount;
    if acc.detail {
        let (label, formula) = text();
        entry.1.push(Part {
            label,
            formula,
            amount,
        });
    }
}

/// Each row's pay items: monthly × people × months.
fn pay(m: &StaffModel, acc: &mut Acc) -> Result<(), String> {
    for s in &m.staff {
        for item in &m.pay_items {
            let Some(monthly) = s.monthly.get(&item.id) else {
                continue;
            };
            let one = item_total(m, s, &item.id, monthly.yuan())?;
            let amount = mul(one, Decimal::from(s.count))?;
            add(
                acc,
                (function_of(m, s), item.economic),
                money(amount),
                || {
                    (
                        format!("{} {}", row_label(s), item.name),
                        format!(
                            "{} = {}",
                            pay_formula(m, s, &item.id, monthly.yuan()),
                            yuan(amount)
                        ),
                    )
                },
            );
        }
    }
    Ok(())
}

/// A person's monthly 基本工资 (the pay items marked basic) in the row's last month.
fn basic_monthly(m: &StaffModel, s: &Staff) -> Decimal {
    m.pay_items
        .iter()
        .filter(|p| p.basic)
        .filter_map(|p| {
            s.monthly
                .get(&p.id)
                .map(|v| item_last(m, s, &p.id, v.yuan()))
        })
        .sum()
}

/// A row's 年终一次性奖金: 基本工资 × bonus months × people × months ÷ 12, rounded.
fn row_bonus(m: &StaffModel, s: &Staff) -> Result<Decimal, String> {
    if !m.bonus_categories.contains(&s.category) {
        return Ok(Decimal::ZERO);
    }
    let months = Decimal::from(s.months);
    let one = round(mul(mul(basic_monthly(m, s), m.bonus_months)?, months)? / Decimal::from(12));
    mul(one, Decimal::from(s.count))
}

fn bonus(m: &StaffModel, acc: &mut Acc) -> Result<(), String> {
    let econ = EconCode::parse("30103").map_err(|e| e.to_string())?;
    for s in &m.staff {
        let amount = row_bonus(m, s)?;
        add(acc, (m.running, econ), money(amount), || {
            (
                format!("{} 年终一次性奖金", row_label(s)),
                format!(
                    "基本工资 {} × {}个月 × {}人 × {}月 ÷ 12 = {}",
                    yuan(basic_monthly(m, s)),
                    m.bonus_months.normalize(),
                    s.count,
                    s.months,
                    yuan(amount)
                ),
            )
        });
    }
    Ok(())
}

/// A person's base for a contribution over the months paid: the base items (and the
/// bonus when counted), held to 60%–300% of the 社会平均工资 per month when one is entered.
fn person_base(m: &StaffModel, c: &Contribution, s: &Staff) -> Result<Decimal, String> {
    let base = raw_base(m, c, s)?;
    Ok(match band(m, s)? {
        Some((low, high)) => base.clamp(low, high),
        None => base,
    })
}

/// A person's base before the band: the base items over the months paid, and the bonus
/// when counted.
fn raw_base(m: &StaffModel, c: &Contribution, s: &Staff) -> Result<Decimal, String> {
    let mut base = Decimal::ZERO;
    for id in &c.base {
        if let Some(v) = s.monthly.get(id) {
            base += item_total(m, s, id, v.yuan())?;
        }
    }
    if c.with_bonus && m.bonus_categories.contains(&s.category) {
        let months = Decimal::from(s.months);
        base += mul(basic_monthly(m, s), mul(m.bonus_months, months)?)? / Decimal::from(12);
    }
    Ok(base)
}

/// 60%–300% of the 社会平均工资 over a row's months, when one is entered.
fn band(m: &StaffModel, s: &Staff) -> Result<Option<(Decimal, Decimal)>, String> {
    let Some(avg) = m.average_wage else {
        return Ok(None);
    };
    let months = Decimal::from(s.months);
    let low = mul(avg.yuan() * Decimal::new(6, 1), months)?;
    let high = mul(avg.yuan() * Decimal::from(3), months)?;
    Ok(Some((low, high.max(low))))
}

/// The staff rows whose base for some contribution lies outside the band (held to it):
/// the 检查 tab says so, as finance bureaus ask for the base to be checked.
pub fn clamped_rows(m: &StaffModel) -> usize {
    m.staff
        .iter()
        .filter(|s| {
            m.contributions
                .iter()
                .filter(|c| c.rate.is_some() && c.categories.contains(&s.category))
                .any(|c| match (raw_base(m, c, s), band(m, s)) {
                    (Ok(b), Ok(Some((low, high)))) => b < low || b > high,
                    _ => false,
                })
        })
        .count()
}

/// A contribution of every row it covers: each person's base (`bases`, by row) × the rate,
/// rounded per person, × the row's people.
fn contribution(
    m: &StaffModel,
    c: &Contribution,
    rate: Decimal,
    bases: &[Decimal],
    acc: &mut Acc,
) -> Result<(), String> {
    let function = c
        .function
        .or_else(|| c.kind.function(m.unit_type))
        .unwrap_or(m.running);
    for (s, one) in m
        .staff
        .iter()
        .zip(bases.iter().copied())
        .filter(|(s, _)| c.categories.contains(&s.category))
    {
        let base = mul(one, Decimal::from(s.count))?;
        let amount = mul(round(percent_of(one, rate)?), Decimal::from(s.count))?;
        add(acc, (function, c.kind.economic()), money(amount), || {
            (
                format!("{} {}", row_label(s), c.kind.label()),
                format!("缴费基数 {} × {} = {}", yuan(base), pct(rate), yuan(amount)),
            )
        });
    }
    Ok(())
}

/// 工会经费: the rate of the 在职 wage total (every 301 item and the bonus); 福利费 per 在职
/// person for the months paid.
fn union_and_welfare(m: &StaffModel, acc: &mut Acc) -> Result<(), String> {
    let in_service: Vec<&Staff> = m.staff.iter().filter(|s| s.category.in_service()).collect();
    if let Some(rate) = m.union_rate {
        let mut total = Decimal::ZERO;
        for s in &in_service {
            for item in m
                .pay_items
                .iter()
                .filter(|p| p.economic.class().to_string() == "301")
            {
                if let Some(v) = s.monthly.get(&item.id) {
                    let one = item_total(m, s, &item.id, v.yuan())?;
                    total += mul(one, Decimal::from(s.count))?;
                }
            }
            total += row_bonus(m, s)?;
        }
        let amount = round(percent_of(total, rate)?);
        add(
            acc,
            (
                m.running,
                EconCode::parse("30228").map_err(|e| e.to_string())?,
            ),
            money(amount),
            || {
                (
                    "工会经费".into(),
                    format!(
                        "在职工资总额 {} × {} = {}",
                        yuan(total),
                        pct(rate),
                        yuan(amount)
                    ),
                )
            },
        );
    }
    if let Some(per) = m.welfare_per_person {
        for s in &in_service {
            let one = round(mul(per.yuan(), Decimal::from(s.months))? / Decimal::from(12));
            let amount = mul(one, Decimal::from(s.count))?;
            add(
                acc,
                (
                    m.running,
                    EconCode::parse("30229").map_err(|e| e.to_string())?,
                ),
                money(amount),
                || {
                    (
                        format!("{} 福利费", row_label(s)),
                        format!(
                            "{} × {}人 × {}月 ÷ 12 = {}",
                            yuan(per.yuan()),
                            s.count,
                            s.months,
                            yuan(amount)
                        ),
                    )
                },
            );
        }
    }
    Ok(())
}

/// 公用经费定额: each row's quota for the months paid, then the total spread by the split.
fn quotas(m: &StaffModel, acc: &mut Acc) -> Result<(), String> {
    let mut total = Decimal::ZERO;
    let mut basis = Vec::new();
    for s in &m.staff {
        let Some(q) = m.quotas.iter().find(|q| q.category == s.category) else {
            continue;
        };
        let one = round(mul(q.per_person.yuan(), Decimal::from(s.months))? / Decimal::from(12));
        let amount = mul(one, Decimal::from(s.count))?;
        total += amount;
        basis.push(format!(
            "{} × {}人 × {}月 ÷ 12",
            yuan(q.per_person.yuan()),
            s.count,
            s.months
        ));
    }
    if total.is_zero() {
        return Ok(());
    }
    let mut left = total;
    for (i, (econ, share)) in m.split.iter().enumerate() {
        let amount = if i + 1 == m.split.len() {
            left
        } else {
            round(percent_of(total, *share)?)
        };
        left -= amount;
        add(acc, (m.running, *econ), money(amount), || {
            (
                format!("公用经费定额 {}", pct(*share)),
                format!(
                    "定额合计 {} × {} = {}（定额：{}）",
                    yuan(total),
                    pct(*share),
                    yuan(amount),
                    basis.join(" + ")
                ),
            )
        });
    }
    Ok(())
}

/// Per-vehicle, per-m² and fixed quotas.
fn extras(m: &StaffModel, acc: &mut Acc) -> Result<(), String> {
    for e in &m.extras {
        let amount = round(mul(e.per_unit.yuan(), e.units)?);
        let per = if e.basis.is_empty() {
            String::new()
        } else {
            format!("（{}）", e.basis)
        };
        add(acc, (m.running, e.economic), money(amount), || {
            (
                format!("{}定额", e.economic.name().unwrap_or("其他")),
                format!(
                    "{}{per} × {} = {}",
                    yuan(e.per_unit.yuan()),
                    e.units.normalize(),
                    yuan(amount)
                ),
            )
        });
    }
    Ok(())
}

fn lines(acc: Acc, source: &str) -> Vec<GenLine> {
    acc.map
        .into_iter()
        .map(|((function, economic), (amount, parts))| GenLine {
            function,
            economic,
            source: source.to_string(),
            amount,
            parts,
        })
        .collect()
}

/// The explanation of a generated line, e.g. “30108 = 690,048.00：行政编制 10人×12月 …”.
pub fn explain(line: &GenLine) -> String {
    let parts: Vec<String> = line
        .parts
        .iter()
        .map(|p| format!("{}：{}", p.label, p.formula))
        .collect();
    format!(
        "{} {} = {}\n{}",
        line.function,
        line.economic,
        group_thousands(line.amount.yuan()),
        parts.join("\n")
    )
}

/// The most 在职 staff on an establishment on the books in any one month (for the 超编
/// check: a leaver's row and the row of who replaces them are not counted twice).
pub fn established_count(m: &StaffModel) -> u64 {
    let mut per_month = [0u64; 12];
    for s in m
        .staff
        .iter()
        .filter(|s| StaffCategory::established(s.category))
    {
        let (first, last) = (s.first_month().max(1), s.last_month().min(12));
        for month in first..=last {
            per_month[usize::from(month) - 1] += u64::from(s.count);
        }
    }
    per_month.into_iter().max().unwrap_or(0)
}
