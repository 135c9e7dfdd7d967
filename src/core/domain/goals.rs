//! 绩效目标: the 项目支出绩效目标表 a drafter fills in for each project, as published
//! beside the budget (see the reference's appendix). A form is linked to the project's
//! lines by the project's name (`GoalForm::project`); renaming the project's last line
//! carries the link along (`command.rs`). Checks, the narrative's section 十 and the
//! figures a form is compared with live in `figures/goals.rs`.

use crate::core::domain::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// At most this many forms in a budget.
pub const MAX_GOALS: usize = 10_000;
/// At most this many 三级指标 on one side (实施期 or 年度) of a form.
pub const MAX_INDICATORS: usize = 500;

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level1 {
    Output,
    Benefit,
    Satisfaction,
}

impl Level1 {
    pub const ALL: [Level1; 3] = [Level1::Output, Level1::Benefit, Level1::Satisfaction];

    pub fn label(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
        }
    }
}

/// 二级指标: the fixed categories of the form, each under its 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Quantity,
    Quality,
    Timeliness,
    Cost,
    Economic,
    Social,
    Ecological,
    Sustainable,
    Satisfaction,
}

impl IndicatorKind {
    /// In the order of the published form.
    pub const ALL: [IndicatorKind; 9] = [
        IndicatorKind::Quantity,
        IndicatorKind::Quality,
        IndicatorKind::Timeliness,
        IndicatorKind::Cost,
        IndicatorKind::Economic,
        IndicatorKind::Social,
        IndicatorKind::Ecological,
        IndicatorKind::Sustainable,
        IndicatorKind::Satisfaction,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Quantity => "数量指标",
            IndicatorKind::Quality => "质量指标",
            IndicatorKind::Timeliness => "时效指标",
            IndicatorKind::Cost => "成本指标",
            IndicatorKind::Economic => "经济效益指标",
            IndicatorKind::Social => "社会效益指标",
            IndicatorKind::Ecological => "生态效益指标",
            IndicatorKind::Sustainable => "可持续影响指标",
            IndicatorKind::Satisfaction => "服务对象满意度指标",
        }
    }

    pub fn level1(self) -> Level1 {
        match self {
            IndicatorKind::Quantity
            | IndicatorKind::Quality
            | IndicatorKind::Timeliness
            | IndicatorKind::Cost => Level1::Output,
            IndicatorKind::Economic
            | IndicatorKind::Social
            | IndicatorKind::Ecological
            | IndicatorKind::Sustainable => Level1::Benefit,
            IndicatorKind::Satisfaction => Level1::Satisfaction,
        }
    }

    /// The kind named by a label as forms write it (also 可持续发展指标 and 可持续性影响指标,
    /// which published forms use for 可持续影响指标), or its JSON word.
    pub fn from_label(s: &str) -> Option<IndicatorKind> {
        let s = s.trim();
        match s {
            "可持续发展指标" | "可持续性影响指标" => {
                return Some(IndicatorKind::Sustainable)
            }
            "满意度指标" => return Some(IndicatorKind::Satisfaction),
            _ => {}
        }
        IndicatorKind::ALL
            .into_iter()
            .find(|k| k.label() == s || k.key() == s)
    }

    /// The JSON word.
    pub fn key(self) -> &'static str {
        match self {
            IndicatorKind::Quantity => "quantity",
            IndicatorKind::Quality => "quality",
            IndicatorKind::Timeliness => "timeliness",
            IndicatorKind::Cost => "cost",
            IndicatorKind::Economic => "economic",
            IndicatorKind::Social => "social",
            IndicatorKind::Ecological => "ecological",
            IndicatorKind::Sustainable => "sustainable",
            IndicatorKind::Satisfaction => "satisfaction",
        }
    }
}

/// One 三级指标: its category, name and 指标值 as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub kind: IndicatorKind,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub value: String,
}

/// 项目资金 of one column (实施期 or 年度), in 元.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// 实施期资金总额 / 年度资金总额 as entered.
    #[serde(default)]
    pub total: Money,
    /// 中央财政资金.
    #[serde(default)]
    pub central: Money,
    /// 省级财政资金.
    #[serde(default)]
    pub provincial: Money,
    /// 市县（区）财政资金.
    #[serde(default)]
    pub local: Money,
    /// 单位自筹.
    #[serde(default)]
    pub own: Money,
    /// 其他资金.
    #[serde(default)]
    pub other: Money,
}

/// The parts of 项目资金, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FundPart {
    Total,
    Central,
    Provincial,
    Local,
    Own,
    Other,
}

impl FundPart {
    pub const ALL: [FundPart; 6] = [
        FundPart::Total,
        FundPart::Central,
        FundPart::Provincial,
        FundPart::Local,
        FundPart::Own,
        FundPart::Other,
    ];
    pub const SPLIT: [FundPart; 5] = [
        FundPart::Central,
        FundPart::Provincial,
        FundPart::Local,
        FundPart::Own,
        FundPart::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FundPart::Total => "资金总额",
            FundPart::Central => "中央财政资金",
            FundPart::Provincial => "省级财政资金",
            FundPart::Local => "市县（区）财政资金",
            FundPart::Own => "单位自筹",
            FundPart::Other => "其他资金",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FundPart::Total => "total",
            FundPart::Central => "central",
            FundPart::Provincial => "provincial",
            FundPart::Local => "local",
            FundPart::Own => "own",
            FundPart::Other => "other",
        }
    }
}

impl Funding {
    pub fn get(&self, p: FundPart) -> Money {
        match p {
            FundPart::Total => self.total,
            FundPart::Central => self.central,
            FundPart::Provincial => self.provincial,
            FundPart::Local => self.local,
            FundPart::Own => self.own,
            FundPart::Other => self.other,
        }
    }

    pub fn set(&mut self, p: FundPart, m: Money) {
        *match p {
            FundPart::Total => &mut self.total,
            FundPart::Central => &mut self.central,
            FundPart::Provincial => &mut self.provincial,
            FundPart::Local => &mut self.local,
            FundPart::Own => &mut self.own,
            FundPart::Other => &mut self.other,
        } = m;
    }

    /// The sum of the five sources (what the total should be).
    pub fn split_sum(&self) -> Money {
        FundPart::SPLIT.iter().map(|p| self.get(*p)).sum()
    }
}

/// Which column of the form: 实施期 or 年度.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Period,
    Annual,
}

impl Side {
    pub const ALL: [Side; 2] = [Side::Period, Side::Annual];

    /// The JSON key of this side's 项目资金.
    pub fn funds_key(self) -> &'static str {
        match self {
            Side::Period => "funds_period",
            Side::Annual => "funds_annual",
        }
    }

    /// The JSON key of this side's 绩效指标.
    pub fn indicators_key(self) -> &'static str {
        match self {
            Side::Period => "indicators_period",
            Side::Annual => "indicators_annual",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Side::Period => "实施期",
            Side::Annual => "年度",
        }
    }
}

/// A 项目支出绩效目标表.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalForm {
    /// A number unique among the budget's forms (given when a form is added; a file's form
    /// without one gets one when read), so that two tabs' edits merge form by form.
    #[serde(default)]
    pub id: u32,
    /// The project (lines' 项目名称) the form belongs to.
    pub project: String,
    /// 项目名称 as printed, when it is not the project's name (e.g. a carried-over
    /// project's form published under the project's own name); empty: the project's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// 主管部门及代码.
    #[serde(default)]
    pub department: String,
    /// 实施单位.
    #[serde(default)]
    pub implementer: String,
    /// 项目属性 (一次性项目（1年结束）, 经常性项目（长期开展）…).
    #[serde(default)]
    pub attribute: String,
    /// 项目期 (e.g. 1年).
    #[serde(default)]
    pub period: String,
    /// 实施期资金.
    #[serde(default)]
    pub funds_period: Funding,
    /// 年度资金.
    #[serde(default)]
    pub funds_annual: Funding,
    /// 项目概况.
    #[serde(default)]
    pub overview: String,
    /// 立项依据.
    #[serde(default)]
    pub basis: String,
    /// 项目设立必要性.
    #[serde(default)]
    pub necessity: String,
    /// 保证项目实施的制度、措施.
    #[serde(default)]
    pub measures: String,
    /// 项目实施计划.
    #[serde(default)]
    pub plan: String,
    /// 总体目标（实施期）.
    #[serde(default)]
    pub goal_period: String,
    /// 总体目标（年度）.
    #[serde(default)]
    pub goal_annual: String,
    /// 绩效指标（实施期）.
    #[serde(default)]
    pub indicators_period: Vec<Indicator>,
    /// 绩效指标（年度）.
    #[serde(default)]
    pub indicators_annual: Vec<Indicator>,
    /// 负责人.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub manager: String,
    /// 经办人.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub clerk: String,
    /// 联系电话.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// 填报日期 (as written).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// A text field of a form, for editing one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GoalText {
    Project,
    Title,
    Department,
    Implementer,
    Attribute,
    Period,
    Overview,
    Basis,
    Necessity,
    Measures,
    Plan,
    GoalPeriod,
    GoalAnnual,
    Manager,
    Clerk,
    Phone,
    Date,
}

impl GoalText {
    pub const ALL: [GoalText; 17] = [
        GoalText::Project,
        GoalText::Title,
        GoalText::Department,
        GoalText::Implementer,
        GoalText::Attribute,
        GoalText::Period,
        GoalText::Overview,
        GoalText::Basis,
        GoalText::Necessity,
        GoalText::Measures,
        GoalText::Plan,
        GoalText::GoalPeriod,
        GoalText::GoalAnnual,
        GoalText::Manager,
        GoalText::Clerk,
        GoalText::Phone,
        GoalText::Date,
    ];

    pub fn label(self) -> &'static str {
        match self {
            GoalText::Project => "所属项目",
            GoalText::Title => "项目名称（表上）",
            GoalText::Department => "主管部门及代码",
            GoalText::Implementer => "实施单位",
            GoalText::Attribute => "项目属性",
            GoalText::Period => "项目期",
            GoalText::Overview => "项目概况",
            GoalText::Basis => "立项依据",
            GoalText::Necessity => "项目设立必要性",
            GoalText::Measures => "保证项目实施的制度、措施",
            GoalText::Plan => "项目实施计划",
            GoalText::GoalPeriod => "总体目标（实施期）",
            GoalText::GoalAnnual => "总体目标（年度）",
            GoalText::Manager => "负责人",
            GoalText::Clerk => "经办人",
            GoalText::Phone => "联系电话",
            GoalText::Date => "填报日期",
        }
    }

    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            GoalText::Project => "project",
            GoalText::Title => "title",
            GoalText::Department => "department",
            GoalText::Implementer => "implementer",
            GoalText::Attribute => "attribute",
            GoalText::Period => "period",
            GoalText::Overview => "overview",
            GoalText::Basis => "basis",
            GoalText::Necessity => "necessity",
            GoalText::Measures => "measures",
            GoalText::Plan => "plan",
            GoalText::GoalPeriod => "goal_period",
            GoalText::GoalAnnual => "goal_annual",
            GoalText::Manager => "manager",
            GoalText::Clerk => "clerk",
            GoalText::Phone => "phone",
            GoalText::Date => "date",
        }
    }

    /// A paragraph field (kept with line breaks, up to `MAX_LONG_TEXT`).
    pub fn long(self) -> bool {
        matches!(
            self,
            GoalText::Overview
                | GoalText::Basis
                | GoalText::Necessity
                | GoalText::Measures
                | GoalText::Plan
                | GoalText::GoalPeriod
                | GoalText::GoalAnnual
        )
    }
}

impl GoalForm {
    /// An empty form for a project.
    pub fn new(project: &str) -> GoalForm {
        GoalForm {
            project: project.to_string(),
            ..GoalForm::default()
        }
    }

    /// 项目名称 as printed.
    pub fn display_name(&self) -> &str {
        if self.title.is_empty() {
            &self.project
        } else {
            &self.title
        }
    }

    pub fn text(&self, f: GoalText) -> &str {
        self.text_ref(f)
    }

    fn text_ref(&self, f: GoalText) -> &String {
        match f {
            GoalText::Project => &self.project,
            GoalText::Title => &self.title,
            GoalText::Department => &self.department,
            GoalText::Implementer => &self.implementer,
            GoalText::Attribute => &self.attribute,
            GoalText::Period => &self.period,
            GoalText::Overview => &self.overview,
            GoalText::Basis => &self.basis,
            GoalText::Necessity => &self.necessity,
            GoalText::Measures => &self.measures,
            GoalText::Plan => &self.plan,
            GoalText::GoalPeriod => &self.goal_period,
            GoalText::GoalAnnual => &self.goal_annual,
            GoalText::Manager => &self.manager,
            GoalText::Clerk => &self.clerk,
            GoalText::Phone => &self.phone,
            GoalText::Date => &self.date,
        }
    }

    pub fn text_mut(&mut self, f: GoalText) -> &mut String {
        match f {
            GoalText::Project => &mut self.project,
            GoalText::Title => &mut self.title,
            GoalText::Department => &mut self.department,
            GoalText::Implementer => &mut self.implementer,
            GoalText::Attribute => &mut self.attribute,
            GoalText::Period => &mut self.period,
            GoalText::Overview => &mut self.overview,
            GoalText::Basis => &mut self.basis,
            GoalText::Necessity => &mut self.necessity,
            GoalText::Measures => &mut self.measures,
            GoalText::Plan => &mut self.plan,
            GoalText::GoalPeriod => &mut self.goal_period,
            GoalText::GoalAnnual => &mut self.goal_annual,
            GoalText::Manager => &mut self.manager,
            GoalText::Clerk => &mut self.clerk,
            GoalText::Phone => &mut self.phone,
            GoalText::Date => &mut self.date,
        }
    }

    pub fn funds(&self, side: Side) -> &Funding {
        match side {
            Side::Period => &self.funds_period,
            Side::Annual => &self.funds_annual,
        }
    }

    pub fn funds_mut(&mut self, side: Side) -> &mut Funding {
        match side {
            Side::Period => &mut self.funds_period,
            Side::Annual => &mut self.funds_annual,
        }
    }

    pub fn indicators(&self, side: Side) -> &[Indicator] {
        match side {
            Side::Period => &self.indicators_period,
            Side::Annual => &self.indicators_annual,
        }
    }

    pub fn indicators_mut(&mut self, side: Side) -> &mut Vec<Indicator> {
        match side {
            Side::Period => &mut self.indicators_period,
            Side::Annual => &mut self.indicators_annual,
        }
    }
}

/// The comparison a 指标值 states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// ≥ (also >=, 不低于, 不少于)
    AtLeast,
    /// >
    Above,
    /// ≤ (also <=, 不高于, 不超过)
    AtMost,
    /// <
    Below,
    /// = (a plain number)
    Equal,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => "≥",
            Op::Above => ">",
            Op::AtMost => "≤",
            Op::Below => "<",
            Op::Equal => "=",
        }
    }
}

/// A 指标值 read as operator, number and unit where it has a number (“≥90%”, “>30家”,
/// “6月前”, “≤15万元”, “89台（个）”); a value without a number (“及时”, “每月”) keeps only
/// its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub op: Option<Op>,
    pub number: Option<Decimal>,
    /// What follows the number (“%”, “家”, “万元”, “月前”).
    pub unit: String,
}

/// Reads a 指标值 (never fails: a value it cannot read has no number).
///
/// ```
/// use yusuan::core::domain::goals::{parse_target, Op};
/// let t = parse_target("≥90%");
/// assert_eq!((t.op, t.number.unwrap().to_string(), t.unit.as_str()), (Some(Op::AtLeast), "90".into(), "%"));
/// let t = parse_target("≤523.8万元");
/// assert_eq!((t.op, t.number.unwrap().to_string(), t.unit.as_str()), (Some(Op::AtMost), "523.8".into(), "万元"));
/// assert_eq!(parse_target("89台（个）").unit, "台（个）");
/// assert_eq!(parse_target("及时").number, None);
/// ```
pub fn parse_target(value: &str) -> Target {
    let s: String = value
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            c => c,
        })
        .collect();
    let (op, rest) = split_op(&s);
    match leading_number(rest) {
        Some((n, len)) => Target {
            op: Some(op.unwrap_or(Op::Equal)),
            number: Some(n),
            unit: rest[len..].trim().to_string(),
        },
        None => Target {
            op: None,
            number: None,
            unit: s.clone(),
        },
    }
}

/// The number a 指标值 starts with and its length in bytes: digits with `.` and `,`, and an
/// exponent (`1e5`) when one follows — never a unit “e5万元”. A number too large for a
/// decimal reads as the largest one (it is above any budget: a cost check still sees it);
/// one too small to hold, or not a number, gives `None`.
fn leading_number(rest: &str) -> Option<(Decimal, usize)> {
    let digits = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(rest.len());
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mantissa = rest[..digits].replace(',', "");
    let after = &rest[digits..];
    let exponent = after
        .strip_prefix(['e', 'E'])
        .map(|e| {
            let sign = usize::from(e.starts_with(['+', '-']));
            let n = e[sign..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(e.len() - sign);
            (&e[..sign + n], n)
        })
        .filter(|(_, n)| *n > 0);
    let Some((exp, _)) = exponent else {
        return Decimal::from_str(&mantissa).ok().map(|n| (n, digits));
    };
    let len = digits + 1 + exp.len();
    if Decimal::from_str(&mantissa).is_ok_and(|m| m.is_zero()) {
        return Some((Decimal::ZERO, len));
    }
    match Decimal::from_scientific(&format!("{mantissa}e{exp}")) {
        Ok(n) => Some((n, len)),
        Err(_) if !exp.starts_with('-') => Some((Decimal::MAX, len)),
        Err(_) => None,
    }
}

fn split_op(s: &str) -> (Option<Op>, &str) {
    const OPS: [(&str, Op); 12] = [
        ("≥", Op::AtLeast),
        (">=", Op::AtLeast),
        ("不低于", Op::AtLeast),
        ("不少于", Op::AtLeast),
        ("≤", Op::AtMost),
        ("<=", Op::AtMost),
        ("不高于", Op::AtMost),
        ("不超过", Op::AtMost),
        (">", Op::Above),
        ("<", Op::Below),
        ("=", Op::Equal),
        ("约", Op::Equal),
    ];
    for (p, op) in OPS {
        if let Some(rest) = s.strip_prefix(p) {
            return (Some(op), rest.trim_start());
        }
    }
    (None, s)
}

impl Target {
    /// The amount in 元 when the value is money (unit 元 or 万元, not a rate like 元/亩).
    pub fn money(&self) -> Option<Money> {
        let n = self.number?;
        let yuan = match self.unit.as_str() {
            "元" => n,
            // Too large to hold in 元 is above any budget all the same.
            "万元" => n.checked_mul(Decimal::from(10_000)).unwrap_or(Decimal::MAX),
            _ => return None,
        };
        Some(Money::from_yuan(yuan))
    }
}
