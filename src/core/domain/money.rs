//! Money and percentages: exact decimals stored in 元, rounded only for display.
//!
//! Rounding is half away from zero (四舍五入) everywhere, and only in the `display_*`
//! functions; arithmetic on [`Money`] is exact.

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount of money in 元, exact to the 分 (two decimals) when it comes from user input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

/// 10,000: one 万元 in 元.
const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);
const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Display unit for money.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// 万元, two decimals (the reference document's unit).
    #[default]
    Wan,
    /// 元, two decimals.
    Yuan,
}

impl Unit {
    /// The label printed after “单位：”.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Wan => "万元",
            Unit::Yuan => "元",
        }
    }
}

/// Why a piece of text is not an amount. Messages are for the user, in Chinese.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Nothing was typed.
    Empty,
    /// The text is not a number (the offending text is kept).
    NotANumber(String),
    /// More than two decimals in 元 (smaller than 1 分).
    TooPrecise,
    /// Larger than any budget could hold (over 10^15 元).
    TooLarge,
    /// An `=` formula that could not be evaluated.
    BadFormula(String),
    /// Division by zero in a formula.
    DivisionByZero,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::Empty => write!(f, "金额不能为空"),
            AmountError::NotANumber(s) => write!(f, "“{s}”不是有效的金额"),
            AmountError::TooPrecise => write!(f, "金额最多保留两位小数（精确到分）"),
            AmountError::TooLarge => write!(f, "金额过大（超过 10^15 元）"),
            AmountError::BadFormula(s) => write!(f, "公式无法计算：{s}"),
            AmountError::DivisionByZero => write!(f, "公式中出现除以零"),
        }
    }
}

impl std::error::Error for AmountError {}

/// The largest amount accepted from a user: 10^15 元, far above any budget.
fn limit() -> Decimal {
    Decimal::from_i128_with_scale(1_000_000_000_000_000, 0)
}

impl Money {
    /// Zero 元.
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount in 元 from an exact decimal.
    pub fn from_yuan(d: Decimal) -> Money {
        Money(d)
    }

    /// An amount from 分 (hundredths of 元).
    ///
    /// ```
    /// use yusuan::core::domain::money::Money;
    /// assert_eq!(Money::from_fen(340_275).to_string(), "3402.75");
    /// ```
    pub fn from_fen(fen: i64) -> Money {
        Money(Decimal::new(fen, 2))
    }

    /// An amount typed in 万元 (e.g. from a published table).
    pub fn from_wan(d: Decimal) -> Money {
        Money(d * WAN)
    }

    /// The exact value in 元.
    pub fn yuan(self) -> Decimal {
        self.0
    }

    /// The exact value in 万元 (not rounded).
    pub fn wan(self) -> Decimal {
        self.0 / WAN
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }

    /// The value in `unit`, rounded half away from zero to two decimals.
    pub fn rounded(self, unit: Unit) -> Decimal {
        let v = match unit {
            Unit::Wan => self.wan(),
            Unit::Yuan => self.0,
        };
        round2(v)
    }

    /// The amount as shown in `unit`, back in 元: in 万元, rounded to the 100 元 the
    /// display shows (half away from zero); in 元, itself.
    ///
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// assert_eq!(Money::from_fen(2_000_005_100).shown(Unit::Wan), Money::from_fen(2_000_010_000));
    /// assert_eq!(Money::from_fen(1_000_004_900).shown(Unit::Wan), Money::from_fen(1_000_000_000));
    /// ```
    pub fn shown(self, unit: Unit) -> Money {
        match unit {
            Unit::Wan => Money(self.rounded(unit) * Decimal::from(10_000)),
            Unit::Yuan => self,
        }
    }

    /// Formatted with thousands separators and two decimals, e.g. `3,826.55` (万元).
    ///
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// let m = Money::from_fen(3_826_554_000);
    /// assert_eq!(m.display(Unit::Wan), "3,826.55");
    /// assert_eq!(m.display(Unit::Yuan), "38,265,540.00");
    /// ```
    pub fn display(self, unit: Unit) -> String {
        group_thousands(self.rounded(unit))
    }

    /// The unit to show this amount in: `unit`, or 元 where an amount that is not zero
    /// would show as zero in 万元 (a difference of 1 分 reads “0.01元”, never “0.00万元”).
    ///
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// assert_eq!(Money::from_fen(1).legible_unit(Unit::Wan), Unit::Yuan);
    /// assert_eq!(Money::from_fen(5_000).legible_unit(Unit::Wan), Unit::Wan);
    /// assert_eq!(Money::ZERO.legible_unit(Unit::Wan), Unit::Wan);
    /// ```
    pub fn legible_unit(self, unit: Unit) -> Unit {
        if !self.is_zero() && self.rounded(unit).is_zero() {
            Unit::Yuan
        } else {
            unit
        }
    }

    /// Whether the amount has at most two decimals (whole 分).
    pub fn is_whole_fen(self) -> bool {
        self.0.normalize().scale() <= 2
    }

    /// Parses what a user types into an amount cell, in 元 unless the text says 万.
    ///
    /// Accepts `3,402.75`, full-width `３４０２．７５`, `¥3402.75`, `340.2万` (万元),
    /// `-12`, and a formula `=120+35*2` (`+ - * /` and parentheses).
    ///
    /// ```
    /// use yusuan::core::domain::money::Money;
    /// assert_eq!(Money::parse("340.2万").unwrap(), Money::from_fen(340_200_000));
    /// assert_eq!(Money::parse("=120+35*2").unwrap(), Money::from_fen(19_000));
    /// assert!(Money::parse("abc").is_err());
    /// ```
    pub fn parse(input: &str) -> Result<Money, AmountError> {
        Money::parse_in(input, Unit::Yuan)
    }

    /// Like [`Money::parse`], but a number without `万`/`元` is in `unit` (the unit the
    /// user sees). A formula's result is in `unit` too.
    ///
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// assert_eq!(Money::parse_in("262.017", Unit::Wan).unwrap(), Money::from_fen(262_017_000));
    /// assert_eq!(Money::parse_in("100元", Unit::Wan).unwrap(), Money::from_fen(10_000));
    /// assert_eq!(Money::parse_in("=1+2", Unit::Wan).unwrap(), Money::from_fen(3_000_000));
    /// ```
    pub fn parse_in(input: &str, unit: Unit) -> Result<Money, AmountError> {
        let text = normalize_width(input);
        let text = text.trim();
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        let is_formula = text.starts_with('=');
        let (value, in_unit) = if let Some(formula) = text.strip_prefix('=') {
            (formula::evaluate(formula)?, unit)
        } else {
            let (v, suffix) = parse_plain_unit(text)?;
            (v, suffix.unwrap_or(unit))
        };
        let value = match in_unit {
            Unit::Yuan => value,
            Unit::Wan => value.checked_mul(WAN).ok_or(AmountError::TooLarge)?,
        };
        if value.abs() > limit() {
            return Err(AmountError::TooLarge);
        }
        let money = Money(value);
        if !money.is_whole_fen() {
            // A formula may divide: round that result to the 分, but never a typed amount.
            if is_formula {
                return Ok(Money(value.round_dp_with_strategy(
                    2,
                    RoundingStrategy::MidpointAwayFromZero,
                )));
            }
            return Err(AmountError::TooPrecise);
        }
        Ok(Money(value.normalize()))
    }

    /// The exact value in `unit` as a user would edit it: no thousands separators, no
    /// trailing zeros (`262.017` 万元, `2620170` 元).
    pub fn edit_text(self, unit: Unit) -> String {
        let v = match unit {
            Unit::Wan => self.wan(),
            Unit::Yuan => self.0,
        };
        v.normalize().to_string()
    }

    /// The exact value in `unit` as an amount field outside the grid shows it: at least
    /// two decimals (`374.40`, not `374.4`), more where the exact amount needs them
    /// (`3440.737` 万元 stays as it is), no thousands separators.
    ///
    /// ```
    /// use yusuan::core::domain::money::{Money, Unit};
    /// assert_eq!(Money::from_fen(374_400_000).field_text(Unit::Wan), "374.40");
    /// assert_eq!(Money::from_fen(3_440_737_000).field_text(Unit::Wan), "3440.737");
    /// assert_eq!(Money::from_fen(2_620_170_00).field_text(Unit::Yuan), "2620170.00");
    /// assert_eq!(Money::from_fen(-5).field_text(Unit::Yuan), "-0.05");
    /// ```
    pub fn field_text(self, unit: Unit) -> String {
        let v = match unit {
            Unit::Wan => self.wan(),
            Unit::Yuan => self.0,
        }
        .normalize();
        if v.scale() >= 2 {
            v.to_string()
        } else {
            format!("{v:.2}")
        }
    }

    /// `self / whole × 100`, unrounded; `None` when `whole` is zero.
    pub fn percent_of(self, whole: Money) -> Option<Percent> {
        if whole.is_zero() {
            return None;
        }
        self.0
            .checked_mul(HUNDRED)
            .and_then(|n| n.checked_div(whole.0))
            .map(Percent)
    }

    /// Multiplies by a factor (e.g. 1.03), rounding the result to the 分.
    pub fn scaled(self, factor: Decimal) -> Money {
        Money((self.0 * factor).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

fn round2(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats a decimal with exactly two decimals and `,` every three digits.
pub fn group_thousands(v: Decimal) -> String {
    let s = format!("{:.2}", round2(v));
    let (sign, digits) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", s.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "00"));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if int.chars().all(|c| c == '0') && frac.chars().all(|c| c == '0') {
        ""
    } else {
        sign
    };
    format!("{sign}{out}.{frac}")
}

/// A plain number as typed (a percentage or an answer, not an amount): full-width digits,
/// thousands separators, a `%` and a leading `+` are accepted; `None` if it is not a number.
///
/// ```
/// use yusuan::core::domain::money::parse_number;
/// assert_eq!(parse_number("−5%").unwrap().to_string(), "-5");
/// assert_eq!(parse_number(" ３，４０２．７５ ").unwrap().to_string(), "3402.75");
/// assert_eq!(parse_number("+28.26％").unwrap().to_string(), "28.26");
/// assert!(parse_number("很多").is_none() && parse_number("").is_none());
/// ```
pub fn parse_number(text: &str) -> Option<Decimal> {
    let t: String = normalize_width(text)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ',' | '%' | '\u{FF05}'))
        .collect();
    t.strip_prefix('+').unwrap_or(&t).parse().ok()
}

/// Full-width digits and punctuation (as typed with a Chinese IME) to ASCII.
fn normalize_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}'
            | '\u{FF0B}'
            | '\u{FF0D}'
            | '\u{FF0A}'
            | '\u{FF0F}'
            | '\u{FF08}'
            | '\u{FF09}'
            | '\u{FF1D}'
            | '\u{FF0C}'
            | '\u{FF0E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3002}' => '.',
            '\u{FFE5}' => '¥',
            '\u{2212}' => '-',
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// A plain amount in 元 (`万` multiplies by 10,000), for formulas.
fn parse_plain(text: &str) -> Result<Decimal, AmountError> {
    let (v, unit) = parse_plain_unit(text)?;
    match unit {
        Some(Unit::Wan) => v.checked_mul(WAN).ok_or(AmountError::TooLarge),
        _ => Ok(v),
    }
}

/// A plain amount: optional sign, optional ¥/￥ marker, thousands separators, and the unit
/// its suffix names (`万`/`万元` or `元`), if any. The value is not scaled.
fn parse_plain_unit(text: &str) -> Result<(Decimal, Option<Unit>), AmountError> {
    let not_a_number = || AmountError::NotANumber(text.to_string());
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut negative = false;
    if let Some(rest) = s.strip_prefix('-') {
        negative = true;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    if let Some(rest) = s.strip_prefix('¥') {
        s = rest.to_string();
    }
    if !negative {
        if let Some(rest) = s.strip_prefix('-') {
            negative = true;
            s = rest.to_string();
        }
    }
    let mut suffix = None;
    if let Some(rest) = s.strip_suffix("万元") {
        suffix = Some(Unit::Wan);
        s = rest.to_string();
    } else if let Some(rest) = s.strip_suffix('万') {
        suffix = Some(Unit::Wan);
        s = rest.to_string();
    } else if let Some(rest) = s.strip_suffix('元') {
        suffix = Some(Unit::Yuan);
        s = rest.to_string();
    }
    // Thousands separators must sit between groups of three digits.
    if s.contains(',') {
        let int = s.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int.split(',').collect();
        let ok = !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !ok {
            return Err(not_a_number());
        }
        s = s.replace(',', "");
    }
    if s.is_empty()
        || !s.chars().all(|c| c.is_ascii_digit() || c == '.')
        || s.matches('.').count() > 1
        || s.starts_with('.') && s.len() == 1
    {
        return Err(not_a_number());
    }
    if s.trim_start_matches('0')
        .split('.')
        .next()
        .unwrap_or("")
        .len()
        > 16
    {
        return Err(AmountError::TooLarge);
    }
    let value = Decimal::from_str(&s).map_err(|_| not_a_number())?;
    Ok((if negative { -value } else { value }, suffix))
}

mod formula {
    //! `=120+35*2`: a tiny recursive-descent evaluator over exact decimals (no `eval`).
    use super::{parse_plain, AmountError};
    use rust_decimal::Decimal;

    const MAX_DEPTH: usize = 64;

    pub fn evaluate(src: &str) -> Result<Decimal, AmountError> {
        let tokens: Vec<char> = src.chars().filter(|c| !c.is_whitespace()).collect();
        if tokens.is_empty() {
            return Err(AmountError::BadFormula("等号后没有内容".into()));
        }
        let mut p = Parser {
            chars: tokens,
            pos: 0,
            depth: 0,
        };
        let v = p.expr()?;
        if p.pos != p.chars.len() {
            let rest: String = p.chars[p.pos..].iter().collect();
            return Err(AmountError::BadFormula(format!("无法识别“{rest}”")));
        }
        Ok(v)
    }

    struct Parser {
        chars: Vec<char>,
        pos: usize,
        depth: usize,
    }

    impl Parser {
        fn peek(&self) -> Option<char> {
            self.chars.get(self.pos).copied()
        }

        fn expr(&mut self) -> Result<Decimal, AmountError> {
            let mut v = self.term()?;
            while let Some(op @ ('+' | '-')) = self.peek() {
                self.pos += 1;
                let r = self.term()?;
                v = if op == '+' {
                    v.checked_add(r)
                } else {
                    v.checked_sub(r)
                }
                .ok_or(AmountError::TooLarge)?;
            }
            Ok(v)
        }

        fn term(&mut self) -> Result<Decimal, AmountError> {
            let mut v = self.factor()?;
            while let Some(op @ ('*' | '/' | '×' | '÷')) = self.peek() {
                self.pos += 1;
                let r = self.factor()?;
                v = if op == '*' || op == '×' {
                    v.checked_mul(r).ok_or(AmountError::TooLarge)?
                } else {
                    if r.is_zero() {
                        return Err(AmountError::DivisionByZero);
                    }
                    v.checked_div(r).ok_or(AmountError::TooLarge)?
                };
            }
            Ok(v)
        }

        fn factor(&mut self) -> Result<Decimal, AmountError> {
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                return Err(AmountError::BadFormula("括号嵌套过深".into()));
            }
            let result = match self.peek() {
                Some('-') => {
                    self.pos += 1;
                    self.factor().map(|v| -v)
                }
                Some('+') => {
                    self.pos += 1;
                    self.factor()
                }
                Some('(') => {
                    self.pos += 1;
                    let v = self.expr()?;
                    if self.peek() != Some(')') {
                        return Err(AmountError::BadFormula("缺少右括号".into()));
                    }
                    self.pos += 1;
                    Ok(v)
                }
                Some(c) if c.is_ascii_digit() || c == '.' || c == '¥' => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if c.is_ascii_digit() || c == '.' || c == ',' || c == '¥' || c == '万' {
                            self.pos += 1;
                        } else {
                            break;
                        }
                    }
                    let text: String = self.chars[start..self.pos].iter().collect();
                    parse_plain(&text)
                }
                Some(c) => Err(AmountError::BadFormula(format!("无法识别“{c}”"))),
                None => Err(AmountError::BadFormula("公式不完整".into())),
            };
            self.depth -= 1;
            result
        }
    }
}

impl fmt::Display for Money {
    /// The exact value in 元, as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        self.0 += rhs.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        self.0 -= rhs.0;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + *b)
    }
}

/// Stored as a JSON string in 元 (`"2620170.00"`) so no float ever touches it.
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{:.2}", self.0))
    }
}

/// Accepts a string (`"2620170.00"`) or a JSON number (`2620170`) in 元, at most two
/// decimals, read from its text exactly: never through a float, never rounded. What
/// cannot be held exactly (a 分 that a float would lose, more digits than a decimal keeps)
/// is refused, not changed.
impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "以元为单位的金额，如 \"2620170.00\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Money, E> {
                exact(v.trim(), false).and_then(checked).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Money, E> {
                checked(Decimal::from(v)).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Money, E> {
                checked(Decimal::from(v)).map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Money, E> {
                // Only a reader that has no number text gives a float (serde_json, with
                // `arbitrary_precision`, gives the text as a map below); a float that is
                // not whole 分 as it prints is refused by `checked`.
                exact(&v.to_string(), false)
                    .and_then(checked)
                    .map_err(E::custom)
            }
            /// serde_json's `arbitrary_precision` hands a number that is not a whole
            /// 64-bit integer over as `{"$serde_json::private::Number": "<its text>"}`.
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Money, A::Error> {
                use serde::de::Error;
                let key: Option<String> = map.next_key()?;
                if key.as_deref() != Some(NUMBER_TOKEN) {
                    return Err(A::Error::invalid_type(serde::de::Unexpected::Map, &self));
                }
                let text: String = map.next_value()?;
                exact(&text, true)
                    .and_then(checked)
                    .map_err(A::Error::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// The key under which serde_json (`arbitrary_precision`) passes a number's text.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

/// The most digits of 元 before the point: 10^15 has 16.
const MAX_INT_DIGITS: usize = 16;

/// A number written out (`-12.50`, and with `exponent` JSON's `1.2e3`), exactly: the value
/// its digits say, or an error — too precise (below the 分, however far: `1e-300`), too
/// large, or not a number. No digit is ever dropped or rounded.
fn exact(text: &str, exponent: bool) -> Result<Decimal, AmountError> {
    let bad = || AmountError::NotANumber(text.to_string());
    let (negative, rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exp) = match rest.find(['e', 'E']) {
        Some(at) if exponent => (&rest[..at], Some(&rest[at + 1..])),
        _ => (rest, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() && frac.is_empty() || !all_digits(int) || !all_digits(frac) {
        return Err(bad());
    }
    let exp: i64 = match exp {
        None => 0,
        Some(e) => {
            let digits = e.trim_start_matches(['+', '-']);
            if digits.is_empty() || !all_digits(digits) || e.len() - digits.len() > 1 {
                return Err(bad());
            }
            // Beyond a few thousand the value is zero, too large or too precise anyway.
            let magnitude: i64 = digits
                .trim_start_matches('0')
                .parse()
                .unwrap_or(0)
                .min(100_000);
            if magnitude == 0 && digits.trim_start_matches('0').len() > 6 {
                100_000
            } else if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    let digits: String = format!("{int}{frac}");
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // value = digits × 10^(exp − frac.len()); drop the zeros at the end first.
    let trimmed = digits.trim_end_matches('0');
    let mut power = exp - frac.len() as i64 + (digits.len() - trimmed.len()) as i64;
    let mut digits = trimmed.to_string();
    if power < -2 {
        return Err(AmountError::TooPrecise);
    }
    if digits.len() as i64 + power > MAX_INT_DIGITS as i64 {
        return Err(AmountError::TooLarge);
    }
    while power > 0 {
        digits.push('0');
        power -= 1;
    }
    let n: i128 = digits.parse().map_err(|_| bad())?;
    let value = Decimal::try_from_i128_with_scale(n, (-power) as u32).map_err(|_| bad())?;
    Ok(if negative { -value } else { value })
}

fn checked(d: Decimal) -> Result<Money, AmountError> {
    if d.abs() > limit() {
        return Err(AmountError::TooLarge);
    }
    let m = Money(d);
    if !m.is_whole_fen() {
        return Err(AmountError::TooPrecise);
    }
    Ok(m)
}

/// A percentage value (28.26 means 28.26%), unrounded until displayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(pub Decimal);

impl Percent {
    /// Rounded half away from zero to two decimals.
    pub fn rounded(self) -> Decimal {
        round2(self.0)
    }

    /// `28.26%`.
    pub fn display(self) -> String {
        format!("{:.2}%", self.rounded())
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Money {
        Money(Decimal::from_str(s).unwrap())
    }

    mod parsing {
        use super::*;

        #[test]
        fn accepted_forms() {
            let cases = [
                ("3402.75", "3402.75"),
                ("3,402.75", "3402.75"),
                ("３４０２．７５", "3402.75"),
                ("¥3402.75", "3402.75"),
                ("￥3,402.75", "3402.75"),
                ("340.2万", "3402000"),
                ("340.2万元", "3402000"),
                ("-12", "-12"),
                ("－１２", "-12"),
                ("-¥12.5", "-12.5"),
                ("¥-12.5", "-12.5"),
                (" 7 ", "7"),
                ("100元", "100"),
                ("=120+35*2", "190"),
                ("=(1+2)*3", "9"),
                ("=10/4", "2.5"),
                ("=10/3", "3.33"),
                ("=-5+1", "-4"),
                ("=1万+1", "10001"),
                ("0.01", "0.01"),
            ];
            for (input, want) in cases {
                assert_eq!(Money::parse(input), Ok(m(want)), "input {input:?}");
            }
        }

        #[test]
        fn rejected_forms() {
            assert_eq!(Money::parse(""), Err(AmountError::Empty));
            assert_eq!(Money::parse("   "), Err(AmountError::Empty));
            assert_eq!(
                Money::parse("abc"),
                Err(AmountError::NotANumber("abc".into()))
            );
            assert_eq!(
                Money::parse("1e400"),
                Err(AmountError::NotANumber("1e400".into()))
            );
            assert!(matches!(
                Money::parse("=="),
                Err(AmountError::BadFormula(_))
            ));
            assert!(matches!(
                Money::parse("=1+"),
                Err(AmountError::BadFormula(_))
            ));
            assert!(matches!(
                Money::parse("=(1"),
                Err(AmountError::BadFormula(_))
            ));
            assert_eq!(Money::parse("=1/0"), Err(AmountError::DivisionByZero));
            assert_eq!(Money::parse("1.234"), Err(AmountError::TooPrecise));
            assert_eq!(
                Money::parse("12,34.5"),
                Err(AmountError::NotANumber("12,34.5".into()))
            );
            assert_eq!(
                Money::parse("1.2.3"),
                Err(AmountError::NotANumber("1.2.3".into()))
            );
            assert_eq!(
                Money::parse("99999999999999999999"),
                Err(AmountError::TooLarge)
            );
            assert_eq!(
                Money::parse("=9999999999*9999999999"),
                Err(AmountError::TooLarge)
            );
            let deep = format!("={}1{}", "(".repeat(200), ")".repeat(200));
            assert!(matches!(
                Money::parse(&deep),
                Err(AmountError::BadFormula(_))
            ));
        }

        #[test]
        fn messages_are_chinese() {
            assert_eq!(
                Money::parse("abc").unwrap_err().to_string(),
                "“abc”不是有效的金额"
            );
            assert_eq!(Money::parse("").unwrap_err().to_string(), "金额不能为空");
        }
    }

    mod rounding {
        use super::*;

        #[test]
        fn half_away_from_zero_in_wan() {
            assert_eq!(m("9138450").display(Unit::Wan), "913.85");
            assert_eq!(m("9138449.99").display(Unit::Wan), "913.84");
            assert_eq!(m("-50").display(Unit::Wan), "-0.01");
            assert_eq!(m("-49.99").display(Unit::Wan), "0.00");
            assert_eq!(m("0.005").display(Unit::Yuan), "0.01");
        }

        #[test]
        fn thousands() {
            assert_eq!(m("38265540").display(Unit::Wan), "3,826.55");
            assert_eq!(m("1000000000").display(Unit::Wan), "100,000.00");
            assert_eq!(m("999").display(Unit::Yuan), "999.00");
            assert_eq!(m("-1234567.5").display(Unit::Yuan), "-1,234,567.50");
        }

        #[test]
        fn percent() {
            let p = m("10813040").percent_of(m("38265540")).unwrap();
            assert_eq!(p.display(), "28.26%");
            assert!(m("1").percent_of(Money::ZERO).is_none());
        }
    }

    mod serde_form {
        use super::*;

        #[test]
        fn string_and_number() {
            let a: Money = serde_json::from_str("\"2620170.01\"").unwrap();
            let b: Money = serde_json::from_str("2620170.01").unwrap();
            assert_eq!(a, b);
            assert_eq!(serde_json::to_string(&a).unwrap(), "\"2620170.01\"");
            assert!(serde_json::from_str::<Money>("\"1.001\"").is_err());
            assert!(serde_json::from_str::<Money>("1e300").is_err());
            assert!(serde_json::from_str::<Money>("\"x\"").is_err());
        }

        /// Read from the text, exactly: no float in between, no rounding, no lost 分.
        #[test]
        fn exact_reading() {
            let ok = |json: &str| serde_json::from_str::<Money>(json).map(|m| m.to_string());
            let err = |json: &str| serde_json::from_str::<Money>(json).unwrap_err().to_string();
            assert_eq!(ok("562949953421312.01").unwrap(), "562949953421312.01");
            assert_eq!(ok("\"562949953421312.01\"").unwrap(), "562949953421312.01");
            assert_eq!(ok("999999999999999.99").unwrap(), "999999999999999.99");
            assert_eq!(ok("1000000000000000").unwrap(), "1000000000000000");
            assert!(err("1000000000000000.01").contains("金额过大"));
            assert!(err("\"1.00000000000000000000000000001\"").contains("两位小数"));
            assert!(err("\"0.0000000000000000000000000000001\"").contains("两位小数"));
            assert!(err("-1e-300").contains("两位小数"));
            assert!(err("1e400").contains("金额过大"));
            assert_eq!(ok("1.5e2").unwrap(), "150");
            assert_eq!(ok("125e-2").unwrap(), "1.25");
            assert_eq!(ok("0e-999999999999").unwrap(), "0");
            assert_eq!(ok("1.2300").unwrap(), "1.23");
            assert_eq!(ok("-0.10").unwrap(), "-0.1");
            assert!(err("\"1e5\"").contains("不是有效的金额"));
            assert!(err("\"1.2.3\"").contains("不是有效的金额"));
            assert!(err("\"-\"").contains("不是有效的金额"));
        }
    }
}
