//! Shares of a whole and year-over-year change, with the two rounding modes of SPEC §3.2:
//! each share rounded on its own (as published), or 尾差调整 by largest remainder so the
//! shown set adds up to its shown total.

use crate::core::domain::money::{Money, Percent};
use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Serialize};

/// How a set of shown figures is rounded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Each figure rounded on its own, half away from zero (the published way).
    #[default]
    Independent,
    /// 尾差调整: largest remainder, so shown parts add up to the shown whole.
    LargestRemainder,
}

const CENT: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Values rounded to two decimals so that they add up to exactly `target` (two decimals):
/// each is floored to 0.01, then the missing hundredths go to the largest remainders
/// (ties to the earlier item). `None` when `target` is not reachable that way (the parts do
/// not add up to the whole within the set's rounding), in which case round independently.
///
/// ```
/// use rust_decimal::Decimal;
/// use yusuan::core::figures::shares::largest_remainder;
/// let d = |s: &str| s.parse::<Decimal>().unwrap();
/// let v = largest_remainder(&[d("92.8396"), d("2.6946"), d("1.8438"), d("2.6220")], d("100.00"));
/// assert_eq!(v.unwrap(), vec![d("92.84"), d("2.70"), d("1.84"), d("2.62")]);
/// ```
pub fn largest_remainder(exact: &[Decimal], target: Decimal) -> Option<Vec<Decimal>> {
    let floors: Vec<Decimal> = exact.iter().map(|x| (x / CENT).floor() * CENT).collect();
    let floor_sum: Decimal = floors.iter().sum();
    let missing = ((target - floor_sum) / CENT).round();
    let missing = missing.to_i64()?;
    if missing < 0 || missing as usize > exact.len() {
        return None;
    }
    let mut order: Vec<usize> = (0..exact.len()).collect();
    crate::core::sort::sort_by(&mut order, |&a, &b| {
        let ra = exact[a] - floors[a];
        let rb = exact[b] - floors[b];
        rb.cmp(&ra).then(a.cmp(&b))
    });
    let mut out = floors;
    for &i in order.iter().take(missing as usize) {
        out[i] += CENT;
    }
    Some(out.into_iter().map(|d| d.round_dp(2)).collect())
}

/// Shown percentages of `parts` in `whole` (two decimals). `None` for every part when the
/// whole is zero. With [`Rounding::LargestRemainder`], a set of parts that adds up to the
/// whole shows exactly 100.00 in all.
///
/// ```
/// use yusuan::core::domain::money::Money;
/// use yusuan::core::figures::shares::{shown_shares, Rounding};
/// let parts = [Money::from_fen(1), Money::from_fen(1), Money::from_fen(1)];
/// let whole = Money::from_fen(3);
/// let each: Vec<String> = shown_shares(&parts, whole, Rounding::Independent)
///     .iter().map(|p| p.unwrap().to_string()).collect();
/// assert_eq!(each, ["33.33", "33.33", "33.33"]);
/// let adj: Vec<String> = shown_shares(&parts, whole, Rounding::LargestRemainder)
///     .iter().map(|p| p.unwrap().to_string()).collect();
/// assert_eq!(adj, ["33.34", "33.33", "33.33"]);
/// ```
pub fn shown_shares(parts: &[Money], whole: Money, mode: Rounding) -> Vec<Option<Decimal>> {
    let exact: Option<Vec<Percent>> = parts.iter().map(|p| p.percent_of(whole)).collect();
    let Some(exact) = exact else {
        return vec![None; parts.len()];
    };
    let independent = || exact.iter().map(|p| Some(p.rounded())).collect();
    match mode {
        Rounding::Independent => independent(),
        Rounding::LargestRemainder => {
            let sum: Money = parts.iter().sum();
            if sum != whole || parts.iter().any(|p| p.is_negative()) {
                return independent();
            }
            let values: Vec<Decimal> = exact.iter().map(|p| p.0).collect();
            match largest_remainder(&values, Decimal::ONE_HUNDRED) {
                Some(v) => v.into_iter().map(Some).collect(),
                None => independent(),
            }
        }
    }
}

/// Direction of a year-over-year change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// Prior is zero, current is not: 新增 (never “100%” or ∞).
    New,
    /// Both equal (including both zero): 持平.
    Flat,
    /// 增加 / 增长
    Up,
    /// 减少 / 下降
    Down,
    /// Current is zero, prior was not: 减少 100%.
    Gone,
}

/// A year-over-year comparison: change = current − prior, % = change ÷ prior × 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YoY {
    pub current: Money,
    pub prior: Money,
    pub change: Money,
    /// `None` when prior is zero.
    pub percent: Option<Percent>,
    pub trend: Trend,
}

impl YoY {
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// use yusuan::core::figures::shares::{YoY, Trend};
    /// let y = YoY::new(Money::from_fen(3_826_554_000), Money::from_fen(3_593_580_000));
    /// assert_eq!(y.trend, Trend::Up);
    /// assert_eq!(y.change.display(Unit::Wan), "232.97");
    /// assert_eq!(y.percent.unwrap().display(), "6.48%");
    /// assert_eq!(YoY::new(Money::from_fen(1), Money::ZERO).trend, Trend::New);
    /// ```
    pub fn new(current: Money, prior: Money) -> YoY {
        let change = current - prior;
        let percent = change.percent_of(prior.abs());
        let trend = if change.is_zero() {
            Trend::Flat
        } else if prior.is_zero() {
            Trend::New
        } else if current.is_zero() && !prior.is_negative() {
            Trend::Gone
        } else if change.is_negative() {
            Trend::Down
        } else {
            Trend::Up
        };
        YoY {
            current,
            prior,
            change,
            percent,
            trend,
        }
    }

    /// The compact signed form of the summary: “+232.97 (+6.48%)”, “−190.83 (−5.31%)”,
    /// “+3.00 (新增)”, “0.00 (持平)”.
    pub fn signed(&self, unit: crate::core::domain::money::Unit) -> String {
        let sign = if self.change.is_negative() {
            "−"
        } else {
            "+"
        };
        let amount = self.change.abs().display(unit);
        match (self.trend, self.percent) {
            (Trend::Flat, _) => format!("{amount} (持平)"),
            (Trend::New, _) | (_, None) => format!("{sign}{amount} (新增)"),
            (_, Some(p)) => format!("{sign}{amount} ({sign}{:.2}%)", p.rounded().abs()),
        }
    }

    /// “增加232.97万元，增长6.48%”, “减少190.83万元，下降5.31%”, “持平”, “为新增”.
    /// `amount` formats money in the caller's unit.
    pub fn wording(&self, amount: impl Fn(Money) -> String) -> String {
        let pct = |p: Option<Percent>| {
            p.map(|p| format!("{:.2}%", p.rounded().abs()))
                .unwrap_or_default()
        };
        match self.trend {
            Trend::Flat => "持平".to_string(),
            Trend::New => format!("新增{}", amount(self.change)),
            Trend::Up => format!("增加{}，增长{}", amount(self.change), pct(self.percent)),
            Trend::Down | Trend::Gone => {
                format!("减少{}，下降{}", amount(-self.change), pct(self.percent))
            }
        }
    }
}

/// Rounds half away from zero to two decimals.
pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::money::Unit;

    fn m(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    #[test]
    fn yoy_wording() {
        let w = |y: YoY| y.wording(|a| format!("{}万元", a.display(Unit::Wan)));
        assert_eq!(
            w(YoY::new(m(38_265_540), m(35_935_800))),
            "增加232.97万元，增长6.48%"
        );
        assert_eq!(
            w(YoY::new(m(34_027_540), m(35_935_800))),
            "减少190.83万元，下降5.31%"
        );
        assert_eq!(w(YoY::new(m(81_000), m(81_000))), "持平");
        assert_eq!(w(YoY::new(Money::ZERO, Money::ZERO)), "持平");
        assert_eq!(w(YoY::new(m(30_000), Money::ZERO)), "新增3.00万元");
        assert_eq!(
            w(YoY::new(Money::ZERO, m(30_000))),
            "减少3.00万元，下降100.00%"
        );
    }

    #[test]
    fn signed_form() {
        assert_eq!(
            YoY::new(m(38_265_540), m(35_935_800)).signed(Unit::Wan),
            "+232.97 (+6.48%)"
        );
        assert_eq!(
            YoY::new(m(34_027_540), m(35_935_800)).signed(Unit::Wan),
            "−190.83 (−5.31%)"
        );
        assert_eq!(
            YoY::new(m(30_000), Money::ZERO).signed(Unit::Wan),
            "+3.00 (新增)"
        );
        assert_eq!(
            YoY::new(m(30_000), m(30_000)).signed(Unit::Wan),
            "0.00 (持平)"
        );
    }

    #[test]
    fn zero_priors_never_give_infinity() {
        let y = YoY::new(m(5), Money::ZERO);
        assert_eq!(y.trend, Trend::New);
        assert_eq!(y.percent, None);
        let y = YoY::new(Money::ZERO, Money::ZERO);
        assert_eq!(y.trend, Trend::Flat);
        assert_eq!(y.percent, None);
    }

    #[test]
    fn largest_remainder_unreachable_target() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(
            largest_remainder(&[d("1.001"), d("2.001")], d("5.00")),
            None
        );
        assert_eq!(
            largest_remainder(&[d("1.006"), d("2.004")], d("3.01")),
            Some(vec![d("1.01"), d("2.00")])
        );
    }

    #[test]
    fn shares_of_zero_whole() {
        assert_eq!(
            shown_shares(&[m(1)], Money::ZERO, Rounding::LargestRemainder),
            vec![None]
        );
    }
}
