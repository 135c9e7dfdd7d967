//! The 测算 model's types, defaults and limits.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::money::Money;
use crate::core::domain::unit_type::UnitType;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 人员类别.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffCategory {
    /// 在职：行政编制
    Administrative,
    /// 在职：参照公务员法管理
    CivilService,
    /// 在职：事业编制
    Institution,
    /// 在职：工勤
    Worker,
    /// 在职：编外聘用
    Contract,
    /// 离休
    RetiredCadre,
    /// 退休
    Retired,
    /// 遗属
    Survivor,
}

impl StaffCategory {
    pub const ALL: [StaffCategory; 8] = [
        StaffCategory::Administrative,
        StaffCategory::CivilService,
        StaffCategory::Institution,
        StaffCategory::Worker,
        StaffCategory::Contract,
        StaffCategory::RetiredCadre,
        StaffCategory::Retired,
        StaffCategory::Survivor,
    ];

    pub fn label(self) -> &'static str {
        match self {
            StaffCategory::Administrative => "行政编制",
            StaffCategory::CivilService => "参公",
            StaffCategory::Institution => "事业编制",
            StaffCategory::Worker => "工勤",
            StaffCategory::Contract => "编外聘用",
            StaffCategory::RetiredCadre => "离休",
            StaffCategory::Retired => "退休",
            StaffCategory::Survivor => "遗属",
        }
    }

    /// 在职 (on the payroll), as against 离休, 退休 and 遗属.
    pub fn in_service(self) -> bool {
        !matches!(
            self,
            StaffCategory::RetiredCadre | StaffCategory::Retired | StaffCategory::Survivor
        )
    }

    /// Staff on an establishment (编制): those the 机关事业单位 pension and 职业年金 cover.
    pub fn established(self) -> bool {
        self.in_service() && self != StaffCategory::Contract
    }
}

/// A pay item paid monthly (职务/岗位工资 …), the economic code it is budgeted under.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayItem {
    /// Short key the staff rows use (`post`, `grade` …).
    pub id: String,
    pub name: String,
    pub economic: EconCode,
    /// Counts as 基本工资 for the 年终一次性奖金 (one month of it by default).
    #[serde(default)]
    pub basic: bool,
}

/// A group of staff alike in category and pay, or one person (`count` 1, a name or number).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// A group's label or a person's name or number (optional; personal data, never shared).
    #[serde(default)]
    pub name: String,
    pub category: StaffCategory,
    pub count: u32,
    /// Months paid in the year (6 for staff joining in July).
    pub months: u8,
    /// The first month paid (1–12); none: the row's months end in December (a row of 12
    /// months from January, of 6 from July). A leaver's row starts in January.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<u8>,
    /// Monthly amount per person of each pay item (by its id), in 元.
    #[serde(default)]
    pub monthly: BTreeMap<String, Money>,
}

impl Staff {
    /// The first month the row is paid.
    pub fn first_month(&self) -> u8 {
        self.from
            .unwrap_or_else(|| 13u8.saturating_sub(self.months))
    }

    /// The last month the row is paid.
    pub fn last_month(&self) -> u8 {
        (self.first_month() + self.months).saturating_sub(1)
    }
}

/// 调资: a pay item's monthly amount changed by a percent from a month on (for every row
/// paid it), each changed amount rounded to the 分.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayChange {
    /// The pay item (its id).
    pub item: String,
    /// Percent (5 is +5%, −10 is −10%).
    pub percent: Decimal,
    /// The first month at the new amount (1–12).
    pub from: u8,
}

/// Which contribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    /// 机关事业单位基本养老保险缴费 (30108)
    Pension,
    /// 职业年金缴费 (30109)
    Annuity,
    /// 职工基本医疗保险缴费 (30110)
    Medical,
    /// 公务员医疗补助缴费 (30111)
    CivilMedical,
    /// 失业保险 (30112)
    Unemployment,
    /// 工伤保险 (30112)
    Injury,
    /// 生育保险 (30112)
    Maternity,
    /// 住房公积金 (30113)
    Housing,
}

impl ContributionKind {
    pub const ALL: [ContributionKind; 8] = [
        ContributionKind::Pension,
        ContributionKind::Annuity,
        ContributionKind::Medical,
        ContributionKind::CivilMedical,
        ContributionKind::Unemployment,
        ContributionKind::Injury,
        ContributionKind::Maternity,
        ContributionKind::Housing,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ContributionKind::Pension => "机关事业单位基本养老保险缴费",
            ContributionKind::Annuity => "职业年金缴费",
            ContributionKind::Medical => "职工基本医疗保险缴费",
            ContributionKind::CivilMedical => "公务员医疗补助缴费",
            ContributionKind::Unemployment => "失业保险缴费",
            ContributionKind::Injury => "工伤保险缴费",
            ContributionKind::Maternity => "生育保险缴费",
            ContributionKind::Housing => "住房公积金",
        }
    }

    pub fn economic(self) -> EconCode {
        code(match self {
            ContributionKind::Pension => "30108",
            ContributionKind::Annuity => "30109",
            ContributionKind::Medical => "30110",
            ContributionKind::CivilMedical => "30111",
            ContributionKind::Unemployment
            | ContributionKind::Injury
            | ContributionKind::Maternity => "30112",
            ContributionKind::Housing => "30113",
        })
    }

    /// The nationally set rate (%): 养老 16 and 职业年金 8 (国发〔2015〕2号); the others are set
    /// by the locality and start blank, so the user sees what to fill in.
    pub fn national_rate(self) -> Option<Decimal> {
        match self {
            ContributionKind::Pension => Some(Decimal::from(16)),
            ContributionKind::Annuity => Some(Decimal::from(8)),
            _ => None,
        }
    }

    /// The 项 it is budgeted under by default, by the unit's type.
    pub fn function(self, unit: UnitType) -> Option<FunctionCode> {
        let institution = unit == UnitType::Institution;
        let s = match self {
            ContributionKind::Pension => "2080505",
            ContributionKind::Annuity => "2080506",
            ContributionKind::Medical if institution => "2101102",
            ContributionKind::Medical => "2101101",
            ContributionKind::CivilMedical => "2101103",
            ContributionKind::Housing => "2210201",
            // 失业、工伤、生育: with the staff's own 行政运行/事业运行 (the model's).
            _ => return None,
        };
        FunctionCode::parse(s).ok()
    }
}

/// A contribution: a rate of a base made of chosen pay items (and the 年终一次性奖金 when
/// counted), paid for the categories it covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contribution {
    pub kind: ContributionKind,
    /// Percent (16 is 16%); blank until the locality's rate is entered.
    #[serde(default)]
    pub rate: Option<Decimal>,
    /// The pay items (ids) the base is made of.
    pub base: Vec<String>,
    /// Whether the 年终一次性奖金 counts in the base.
    #[serde(default)]
    pub with_bonus: bool,
    pub categories: Vec<StaffCategory>,
    /// The 项; `None`: the default for its kind (the staff's own for 失业/工伤/生育).
    #[serde(default)]
    pub function: Option<FunctionCode>,
}

/// 公用经费定额: an amount per person per year of a category.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quota {
    pub category: StaffCategory,
    pub per_person: Money,
}

/// A quota not per person: an amount per unit of a basis (a vehicle, a m²) or a fixed sum.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extra {
    pub economic: EconCode,
    /// What it is per (“每辆”, “每平方米”, or empty for a fixed amount).
    #[serde(default)]
    pub basis: String,
    pub per_unit: Money,
    /// How many units (vehicles, m²); 1 for a fixed amount.
    pub units: Decimal,
}

/// The whole model of one 预算单位.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffModel {
    /// The 预算单位 (its id) the model is of; none: the first (a 单位预算's only) unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    pub unit_type: UnitType,
    /// The fund source the generated lines are paid from.
    pub source: String,
    /// 行政运行 / 事业运行: the 项 of pay and 公用经费.
    pub running: FunctionCode,
    /// The 项 of 离退休 pay; `None`: 2080501 (行政单位) or 2080502 (事业单位).
    #[serde(default)]
    pub retirement: Option<FunctionCode>,
    pub pay_items: Vec<PayItem>,
    pub staff: Vec<Staff>,
    /// 调资 in the year, applied in order to the rows' monthly amounts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pay_changes: Vec<PayChange>,
    pub contributions: Vec<Contribution>,
    /// 年终一次性奖金 in months of 基本工资 for the categories given (机关, 参公 by default).
    pub bonus_months: Decimal,
    pub bonus_categories: Vec<StaffCategory>,
    /// 社会平均工资 (monthly): each person's base is held to 60%–300% of it when entered.
    #[serde(default)]
    pub average_wage: Option<Money>,
    /// 工会经费 (30228) as a percent of the 在职 wage total (2 by default).
    pub union_rate: Option<Decimal>,
    /// 福利费 (30229) per 在职 person per year.
    #[serde(default)]
    pub welfare_per_person: Option<Money>,
    pub quotas: Vec<Quota>,
    /// How 公用经费定额 is spread: economic code → percent (adding up to 100).
    pub split: Vec<(EconCode, Decimal)>,
    #[serde(default)]
    pub extras: Vec<Extra>,
    /// 编制数, for the 超编 check.
    #[serde(default)]
    pub establishment: Option<u32>,
}

fn code(s: &str) -> EconCode {
    EconCode::parse(s).unwrap_or_else(|_| unreachable!("a built-in code: {s}"))
}

/// The pay items a model starts with (editable).
pub fn default_pay_items() -> Vec<PayItem> {
    let item = |id: &str, name: &str, econ: &str, basic: bool| PayItem {
        id: id.into(),
        name: name.into(),
        economic: code(econ),
        basic,
    };
    vec![
        item("post", "职务/岗位工资", "30101", true),
        item("grade", "级别/薪级工资", "30101", true),
        item("allowance", "规范津贴补贴", "30102", false),
        item("reform", "改革性补贴", "30102", false),
        item("merit", "绩效工资", "30107", false),
        item("pension", "退休费", "30302", false),
        item("living", "生活补助", "30305", false),
    ]
}

/// The contributions a model starts with, the base as 人社部发〔2015〕28号 describes it:
/// 机关 基本工资 + 规范津贴补贴 + 年终一次性奖金; 事业单位 基本工资 + 绩效工资.
pub fn default_contributions(unit: UnitType) -> Vec<Contribution> {
    let institution = unit == UnitType::Institution;
    let base: Vec<String> = if institution {
        vec!["post".into(), "grade".into(), "merit".into()]
    } else {
        vec!["post".into(), "grade".into(), "allowance".into()]
    };
    let established: Vec<StaffCategory> = StaffCategory::ALL
        .into_iter()
        .filter(|c| c.established())
        .collect();
    ContributionKind::ALL
        .into_iter()
        .map(|kind| Contribution {
            kind,
            rate: kind.national_rate(),
            base: base.clone(),
            with_bonus: !institution,
            categories: established.clone(),
            function: None,
        })
        .collect()
}

/// A rate as typed: `16%`, `16` or `0.16` all read as 16%; a number without `%` below 1 is
/// a fraction. Refused: not a number, negative, over 100%.
pub fn parse_rate(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    let (number, percent) = match t.strip_suffix(['%', '％']) {
        Some(n) => (n.trim(), true),
        None => (t, false),
    };
    let v: Decimal = crate::core::domain::money::parse_number(number)
        .ok_or_else(|| format!("“{t}”不是费率：请填写如 16%、16 或 0.16"))?;
    let v = if !percent && v < Decimal::ONE && !v.is_zero() {
        v * Decimal::ONE_HUNDRED
    } else {
        v
    };
    if v.is_sign_negative() || v > Decimal::ONE_HUNDRED {
        return Err(format!("费率{}%不在0到100%之间", v.normalize()));
    }
    Ok(v.normalize())
}

/// The most staff rows a model holds (a county education bureau has 50,000 persons).
pub const MAX_STAFF: usize = 100_000;

/// The most 调资 a model holds.
pub const MAX_PAY_CHANGES: usize = 100;

impl StaffModel {
    /// A model with the defaults for a unit type, no staff yet.
    pub fn new(unit_type: UnitType, source: &str, running: FunctionCode) -> StaffModel {
        StaffModel {
            unit: None,
            unit_type,
            source: source.to_string(),
            running,
            retirement: None,
            pay_items: default_pay_items(),
            staff: Vec::new(),
            pay_changes: Vec::new(),
            contributions: default_contributions(unit_type),
            bonus_months: Decimal::ONE,
            bonus_categories: vec![StaffCategory::Administrative, StaffCategory::CivilService],
            average_wage: None,
            union_rate: Some(Decimal::from(2)),
            welfare_per_person: None,
            quotas: Vec::new(),
            split: Vec::new(),
            extras: Vec::new(),
            establishment: None,
        }
    }

    /// A pay item's name (its id when it has none).
    pub fn item_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.pay_items
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
            .unwrap_or(id)
    }

    /// A 调资 as users read it: “职务/岗位工资 +5%，7月起”.
    pub fn describe_change(&self, c: &PayChange) -> String {
        let sign = if c.percent.is_sign_negative() {
            ""
        } else {
            "+"
        };
        format!(
            "{} {sign}{}%，{}月起",
            self.item_name(&c.item),
            c.percent.normalize(),
            c.from
        )
    }

    /// The 项 of 离退休 pay.
    pub fn retirement_function(&self) -> FunctionCode {
        self.retirement.unwrap_or_else(|| {
            let s = if self.unit_type == UnitType::Institution {
                "2080502"
            } else {
                "2080501"
            };
            FunctionCode::parse(s).unwrap_or(self.running)
        })
    }

    /// Why the model cannot be computed, each with where (a row, a field), or nothing.
    pub fn faults(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.staff.len() > MAX_STAFF {
            out.push(format!("人员过多（最多{MAX_STAFF}行）"));
        }
        for (i, s) in self.staff.iter().enumerate() {
            if !(1..=12).contains(&s.months) {
                out.push(format!("第{}行人员的月数{}不在1到12之间", i + 1, s.months));
            } else if s.from.is_some_and(|f| f == 0 || s.last_month() > 12) {
                out.push(format!(
                    "第{}行人员从{}月起{}个月，超出了本年",
                    i + 1,
                    s.first_month(),
                    s.months
                ));
            }
            if let Some(id) = s
                .monthly
                .keys()
                .find(|id| !self.pay_items.iter().any(|p| &p.id == *id))
            {
                out.push(format!("第{}行人员的工资项目“{id}”不存在", i + 1));
            }
            if s.monthly.values().any(|m| m.is_negative()) {
                out.push(format!("第{}行人员有负数金额", i + 1));
            }
        }
        if self.pay_changes.len() > MAX_PAY_CHANGES {
            out.push(format!("调资过多（最多{MAX_PAY_CHANGES}项）"));
        }
        for (i, c) in self.pay_changes.iter().enumerate() {
            if !self.pay_items.iter().any(|p| p.id == c.item) {
                out.push(format!("第{}项调资的工资项目“{}”不存在", i + 1, c.item));
            }
            if !(1..=12).contains(&c.from) {
                out.push(format!("第{}项调资的起始月{}不在1到12之间", i + 1, c.from));
            }
            if c.percent <= -Decimal::ONE_HUNDRED || c.percent > Decimal::from(1000) {
                out.push(format!(
                    "第{}项调资的幅度{}%不在−100%到1000%之间",
                    i + 1,
                    c.percent.normalize()
                ));
            }
        }
        for c in &self.contributions {
            if let Some(r) = c.rate {
                if r.is_sign_negative() || r > Decimal::ONE_HUNDRED {
                    out.push(format!("{}的费率{r}%不在0到100%之间", c.kind.label()));
                }
            }
        }
        if !self.quotas.is_empty() {
            let total: Decimal = self.split.iter().map(|(_, p)| *p).sum();
            if total != Decimal::ONE_HUNDRED {
                out.push(format!(
                    "公用经费定额的分配比例合计为{}%，应为100%",
                    total.normalize()
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_three_ways() {
        for t in ["16%", "16", "0.16", " 16 ％"] {
            assert_eq!(parse_rate(t).unwrap(), Decimal::from(16), "{t}");
        }
        assert_eq!(parse_rate("12.5%").unwrap().to_string(), "12.5");
        assert_eq!(parse_rate("0").unwrap(), Decimal::ZERO);
        assert!(parse_rate("abc").unwrap_err().contains("不是费率"));
        assert!(parse_rate("120%").unwrap_err().contains("不在0到100%之间"));
        assert!(parse_rate("-1").is_err());
    }

    #[test]
    fn defaults_are_the_national_ones_and_blank_elsewhere() {
        let c = default_contributions(UnitType::Administrative);
        let rate = |k| c.iter().find(|x| x.kind == k).unwrap().rate;
        assert_eq!(rate(ContributionKind::Pension), Some(Decimal::from(16)));
        assert_eq!(rate(ContributionKind::Annuity), Some(Decimal::from(8)));
        for k in [
            ContributionKind::Medical,
            ContributionKind::Housing,
            ContributionKind::Injury,
        ] {
            assert_eq!(rate(k), None, "{k:?} is the locality's");
        }
        assert_eq!(
            ContributionKind::Medical
                .function(UnitType::Institution)
                .unwrap()
                .to_string(),
            "2101102"
        );
    }
}
