//! The budget as the user enters it: fund sources (template data), income, budget lines,
//! prior-year figures and the typed facts of the document. Everything else is derived.
//!
//! A budget changes only through `Budget::apply` with a command (see
//! [`crate::core::domain::command`]); [`Budget::validate`] states the rules every budget
//! keeps, whatever it was read from.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::disclosure::{services_fault, AssetFacts, ItemNote, ServiceItem};
use crate::core::domain::goals::{GoalForm, GoalText, Side, MAX_GOALS, MAX_INDICATORS};
use crate::core::domain::money::Money;
pub use crate::core::domain::sources::{FundSource, SourceKind};
use crate::core::domain::staffing::StaffModel;
use crate::core::domain::strict::unique_keys;
use crate::core::domain::template::TemplateId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

fn is_zero(m: &Money) -> bool {
    m.is_zero()
}

/// Stable identity of a budget line (survives edits, sorting and deletion of others).
pub type LineId = u32;

/// 基本支出 or 项目支出.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[derive(Default)]
pub enum Kind {
    /// 基本支出
    #[default]
    Basic = 0,
    /// 项目支出
    Project = 1,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Basic => "基本支出",
            Kind::Project => "项目支出",
        }
    }

    /// Reads `基本`/`基本支出`/`basic` and `项目`/`项目支出`/`project`.
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim() {
            "基本" | "基本支出" | "basic" | "Basic" => Some(Kind::Basic),
            "项目" | "项目支出" | "project" | "Project" => Some(Kind::Project),
            _ => None,
        }
    }
}

/// Income of one fund source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Income {
    pub source: String,
    /// 本年收入
    #[serde(default)]
    pub current: Money,
    /// 上年结转
    #[serde(default)]
    pub carry_over: Money,
    /// 上年预算数 (optional)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<Money>,
    /// The 预算单位 whose income this is (a department's); none: the first unit's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

/// A source's income over all its entries (a department has one per 预算单位).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IncomeSum {
    pub current: Money,
    pub carry_over: Money,
    /// `None` when no entry gives a 上年预算数.
    pub prior: Option<Money>,
}

/// One budget line (预算明细).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub id: LineId,
    pub kind: Kind,
    /// 支出功能分类科目 (normally a 项 code). `None` while the user has not typed one.
    #[serde(default)]
    pub function: Option<FunctionCode>,
    /// 部门预算支出经济分类 (required for 基本支出).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub economic: Option<EconCode>,
    /// 政府预算支出经济分类, when it differs from the standard mapping of `economic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gov_economic: Option<EconCode>,
    /// 项目名称 (项目支出).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub project: String,
    /// Fund source id.
    pub source: String,
    /// 当年预算安排
    #[serde(default)]
    pub current: Money,
    /// 上年结转安排
    #[serde(default, skip_serializing_if = "is_zero")]
    pub carry_over: Money,
    /// 上年预算数
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prior: Option<Money>,
    /// 上年执行数 (上年当年预算执行数): summed per 功能分类 项 for templates that print it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<Money>,
    /// Note or reason for the change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The 预算单位 the line belongs to (its id); none: the first unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 测算生成: made by the unit's 基本支出测算 model (`Budget::staffing`) and remade when
    /// the model changes; a detached line is an ordinary one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

impl Line {
    /// 当年 + 上年结转.
    pub fn total(&self) -> Money {
        self.current + self.carry_over
    }

    /// The 政府预算 code of the line when its 预算单位 is of type `unit`: the override, or
    /// the standard mapping of the 部门 code for that type ([`EconCode::standard_gov_for`]).
    /// [`Budget::gov_economic`] finds the unit.
    pub fn gov_economic_as(&self, unit: UnitType) -> Option<EconCode> {
        self.gov_economic.or_else(|| {
            self.economic
                .and_then(|e| e.standard_gov_for(unit == UnitType::Institution))
        })
    }

    /// Whether the line is 人员经费 (工资福利支出 301 or 对个人和家庭的补助 303).
    pub fn is_personnel(&self) -> bool {
        self.economic.is_some_and(EconCode::is_personnel)
    }
}

/// 政府采购 totals (goods / works / services).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    #[serde(default)]
    pub goods: Money,
    #[serde(default)]
    pub works: Money,
    #[serde(default)]
    pub services: Money,
}

/// One part of 政府采购.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcurementPart {
    Goods,
    Works,
    Services,
}

impl ProcurementPart {
    pub const ALL: [ProcurementPart; 3] = [
        ProcurementPart::Goods,
        ProcurementPart::Works,
        ProcurementPart::Services,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProcurementPart::Goods => "政府采购货物预算",
            ProcurementPart::Works => "政府采购工程预算",
            ProcurementPart::Services => "政府采购服务预算",
        }
    }
}

impl Procurement {
    pub fn get(&self, part: ProcurementPart) -> Money {
        match part {
            ProcurementPart::Goods => self.goods,
            ProcurementPart::Works => self.works,
            ProcurementPart::Services => self.services,
        }
    }

    /// 政府采购预算总额: goods + works + services.
    pub fn total(&self) -> Money {
        self.goods + self.works + self.services
    }

    /// The same with one part changed.
    pub fn with(&self, part: ProcurementPart, m: Money) -> Procurement {
        let mut p = self.clone();
        match part {
            ProcurementPart::Goods => p.goods = m,
            ProcurementPart::Works => p.works = m,
            ProcurementPart::Services => p.services = m,
        }
        p
    }
}

/// Prior-year totals typed from last year's document, used where lines carry no prior.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorYear {
    /// 上年收入总计
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_total: Option<Money>,
    /// 上年支出总计
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense_total: Option<Money>,
    /// 上年一般公共预算当年拨款
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub general_public_current: Option<Money>,
    /// 上年“三公”经费 by item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sangong_abroad: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sangong_reception: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sangong_car_purchase: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sangong_car_operation: Option<Money>,
    /// 上年机关运行经费
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_running: Option<Money>,
}

/// Which prior-year figure a [`Command::SetPrior`] sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorField {
    IncomeTotal,
    ExpenseTotal,
    GeneralPublicCurrent,
    SangongAbroad,
    SangongReception,
    SangongCarPurchase,
    SangongCarOperation,
    OfficeRunning,
}

impl PriorField {
    pub const ALL: [PriorField; 8] = [
        PriorField::IncomeTotal,
        PriorField::ExpenseTotal,
        PriorField::GeneralPublicCurrent,
        PriorField::SangongAbroad,
        PriorField::SangongReception,
        PriorField::SangongCarPurchase,
        PriorField::SangongCarOperation,
        PriorField::OfficeRunning,
    ];

    /// The figure it is the prior year's of.
    pub fn label(self) -> &'static str {
        match self {
            PriorField::IncomeTotal => "收入总计",
            PriorField::ExpenseTotal => "支出总计",
            PriorField::GeneralPublicCurrent => "一般公共预算当年拨款",
            PriorField::SangongAbroad => "因公出国（境）费",
            PriorField::SangongReception => "公务接待费",
            PriorField::SangongCarPurchase => "公务用车购置费",
            PriorField::SangongCarOperation => "公务用车运行维护费",
            PriorField::OfficeRunning => "机关运行经费",
        }
    }
}

impl PriorYear {
    /// The value of one prior-year figure.
    pub fn get(&self, f: PriorField) -> Option<Money> {
        match f {
            PriorField::IncomeTotal => self.income_total,
            PriorField::ExpenseTotal => self.expense_total,
            PriorField::GeneralPublicCurrent => self.general_public_current,
            PriorField::SangongAbroad => self.sangong_abroad,
            PriorField::SangongReception => self.sangong_reception,
            PriorField::SangongCarPurchase => self.sangong_car_purchase,
            PriorField::SangongCarOperation => self.sangong_car_operation,
            PriorField::OfficeRunning => self.office_running,
        }
    }

    pub(crate) fn slot(&mut self, f: PriorField) -> &mut Option<Money> {
        match f {
            PriorField::IncomeTotal => &mut self.income_total,
            PriorField::ExpenseTotal => &mut self.expense_total,
            PriorField::GeneralPublicCurrent => &mut self.general_public_current,
            PriorField::SangongAbroad => &mut self.sangong_abroad,
            PriorField::SangongReception => &mut self.sangong_reception,
            PriorField::SangongCarPurchase => &mut self.sangong_car_purchase,
            PriorField::SangongCarOperation => &mut self.sangong_car_operation,
            PriorField::OfficeRunning => &mut self.office_running,
        }
    }
}

/// Reasons for changes, quoted by the narrative (情况说明).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reasons {
    /// 收入总计 变动原因
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub income_total: String,
    /// 支出总计 变动原因
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub expense_total: String,
    /// 一般公共预算当年拨款 变动原因
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub general_public_current: String,
    /// “三公”经费 增减变动原因
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sangong: String,
    /// 机关运行经费 增减变动原因
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub office_running: String,
    /// Per “三公” item (templates that give each its reason): 因公出国（境）费,
    /// 公务用车购置及运行费, 公务接待费.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sangong_abroad: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sangong_cars: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sangong_reception: String,
}

/// Which reason text a [`Command::SetReason`] sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKey {
    IncomeTotal,
    ExpenseTotal,
    GeneralPublicCurrent,
    Sangong,
    OfficeRunning,
    SangongAbroad,
    SangongCars,
    SangongReception,
}

impl ReasonKey {
    pub const ALL: [ReasonKey; 8] = [
        ReasonKey::IncomeTotal,
        ReasonKey::ExpenseTotal,
        ReasonKey::GeneralPublicCurrent,
        ReasonKey::Sangong,
        ReasonKey::OfficeRunning,
        ReasonKey::SangongAbroad,
        ReasonKey::SangongCars,
        ReasonKey::SangongReception,
    ];

    /// Its name in the file format (`budget.reasons.<key>`) and in narrative span keys.
    pub fn key(self) -> &'static str {
        match self {
            ReasonKey::IncomeTotal => "income_total",
            ReasonKey::ExpenseTotal => "expense_total",
            ReasonKey::GeneralPublicCurrent => "general_public_current",
            ReasonKey::Sangong => "sangong",
            ReasonKey::OfficeRunning => "office_running",
            ReasonKey::SangongAbroad => "sangong_abroad",
            ReasonKey::SangongCars => "sangong_cars",
            ReasonKey::SangongReception => "sangong_reception",
        }
    }
}

impl Reasons {
    pub fn get(&self, k: ReasonKey) -> &str {
        match k {
            ReasonKey::IncomeTotal => &self.income_total,
            ReasonKey::ExpenseTotal => &self.expense_total,
            ReasonKey::GeneralPublicCurrent => &self.general_public_current,
            ReasonKey::Sangong => &self.sangong,
            ReasonKey::OfficeRunning => &self.office_running,
            ReasonKey::SangongAbroad => &self.sangong_abroad,
            ReasonKey::SangongCars => &self.sangong_cars,
            ReasonKey::SangongReception => &self.sangong_reception,
        }
    }

    pub(crate) fn slot(&mut self, k: ReasonKey) -> &mut String {
        match k {
            ReasonKey::IncomeTotal => &mut self.income_total,
            ReasonKey::ExpenseTotal => &mut self.expense_total,
            ReasonKey::GeneralPublicCurrent => &mut self.general_public_current,
            ReasonKey::Sangong => &mut self.sangong,
            ReasonKey::OfficeRunning => &mut self.office_running,
            ReasonKey::SangongAbroad => &mut self.sangong_abroad,
            ReasonKey::SangongCars => &mut self.sangong_cars,
            ReasonKey::SangongReception => &mut self.sangong_reception,
        }
    }
}

/// The typed facts of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// 单位名称
    pub name: String,
    /// 主管部门代码 (e.g. `062`), optional.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// 预算年度
    pub year: u16,
    /// 本单位职责
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duties: String,
    /// 机构设置情况
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// 国有资产占有使用情况
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assets: String,
    /// 十二、其他说明（一）政府购买服务: the text (the items are `Budget::services`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purchase_services: String,
    /// 十二、其他说明（二）其他
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub other_notes: String,
}

/// 单位预算 (one 预算单位) or 部门预算 (a department consolidating several).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    #[default]
    Unit,
    Department,
}

impl BudgetKind {
    /// 单位 or 部门, as the document says 本单位/本部门, 单位预算/部门预算.
    pub fn word(self) -> &'static str {
        match self {
            BudgetKind::Unit => "单位",
            BudgetKind::Department => "部门",
        }
    }
}

pub use crate::core::domain::unit_type::UnitType;

/// A 预算单位 of the budget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetUnit {
    /// Short key used by lines and income, e.g. `u1`.
    pub id: String,
    pub name: String,
    #[serde(rename = "type", default)]
    pub kind: UnitType,
}

/// A text of the document a user writes (not a figure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    /// 本单位职责
    Duties,
    /// 机构设置情况
    Organisation,
    /// 国有资产占有使用情况
    Assets,
    /// 政府购买服务 (十二、其他说明（一）)
    PurchaseServices,
    /// 其他 (十二、其他说明（二）)
    OtherNotes,
}

impl TextField {
    pub const ALL: [TextField; 5] = [
        TextField::Duties,
        TextField::Organisation,
        TextField::Assets,
        TextField::PurchaseServices,
        TextField::OtherNotes,
    ];

    /// The file format's name of the text (`unit.duties` …).
    pub fn key(self) -> &'static str {
        match self {
            TextField::Duties => "duties",
            TextField::Organisation => "organisation",
            TextField::Assets => "assets",
            TextField::PurchaseServices => "purchase_services",
            TextField::OtherNotes => "other_notes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TextField::Duties => "本单位职责",
            TextField::Organisation => "机构设置情况",
            TextField::Assets => "国有资产占有使用情况",
            TextField::PurchaseServices => "政府购买服务说明",
            TextField::OtherNotes => "其他说明",
        }
    }
}

impl Unit {
    pub fn text(&self, f: TextField) -> &str {
        match f {
            TextField::Duties => &self.duties,
            TextField::Organisation => &self.organisation,
            TextField::Assets => &self.assets,
            TextField::PurchaseServices => &self.purchase_services,
            TextField::OtherNotes => &self.other_notes,
        }
    }

    pub(crate) fn text_slot(&mut self, f: TextField) -> &mut String {
        match f {
            TextField::Duties => &mut self.duties,
            TextField::Organisation => &mut self.organisation,
            TextField::Assets => &mut self.assets,
            TextField::PurchaseServices => &mut self.purchase_services,
            TextField::OtherNotes => &mut self.other_notes,
        }
    }
}

/// A whole budget: the only state the app keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    pub unit: Unit,
    pub sources: Vec<FundSource>,
    #[serde(default)]
    pub income: Vec<Income>,
    #[serde(default)]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub prior: PriorYear,
    #[serde(default)]
    pub reasons: Reasons,
    #[serde(default)]
    pub procurement: Procurement,
    /// 控制数 per fund source id.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub control_figures: BTreeMap<String, Money>,
    /// Names for codes the built-in tables do not know (code → name).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub code_names: BTreeMap<String, String>,
    /// 收入随支出: each source's 本年收入 and 上年结转 are kept equal to the spending it
    /// funds (当年预算安排, 上年结转安排), after every change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub income_follows_spending: bool,
    /// 单位预算 or 部门预算.
    #[serde(default)]
    pub kind: BudgetKind,
    /// The 预算单位: one for a 单位预算, several for a 部门预算 (the first is 本部).
    #[serde(default)]
    pub units: Vec<BudgetUnit>,
    /// 绩效目标表, one per project (linked by the project's name); see `goals.rs`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalForm>,
    /// The disclosure template the budget is published in (tables, narrative, income
    /// categories); absent in a file means the reference's 13-table template.
    #[serde(default, skip_serializing_if = "TemplateId::is_default")]
    pub template: TemplateId,
    /// Per 功能分类 项 (its code): purpose, reason and prior execution (上海's narrative).
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "unique_keys"
    )]
    pub items: BTreeMap<String, ItemNote>,
    /// 国有资产 as counts (vehicles, equipment of 100万元 or more per unit).
    #[serde(default, skip_serializing_if = "AssetFacts::is_empty")]
    pub asset_facts: AssetFacts,
    /// 政府购买服务 items (十二、其他说明), in the order they print.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceItem>,
    /// 基本支出测算: one model per 预算单位 (`StaffModel::unit`); its lines are `generated`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staffing: Vec<StaffModel>,
}

/// The longest document text (单位职责, 机构设置, 国有资产).
pub const MAX_LONG_TEXT: usize = 20_000;

/// The longest text accepted in a name or note.
pub const MAX_TEXT: usize = 2000;

/// At most this many budget lines.
pub const MAX_LINES: usize = 200_000;

/// The longest id of a source or 预算单位.
pub const MAX_ID: usize = 64;

/// At most this many fund sources (a real budget has a handful; the tables carry a
/// column per source, so this bounds their width and the sums' memory).
pub const MAX_SOURCES: usize = 1_000;

/// At most this many 预算单位 (a county education bureau has a few hundred schools).
pub const MAX_UNITS: usize = 1_000;

/// At most this many named codes (the national tables hold about 4,000).
pub const MAX_CODE_NAMES: usize = 20_000;

/// Characters that change the direction of the text around them (U+202A–U+202E,
/// U+2066–U+2069, the marks U+200E/U+200F/U+061C): in a name they can make “局务费” read
/// as something else, so they are removed like control characters.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// A name or text as stored: control characters and bidi controls removed (in a
/// `multiline` text, line breaks and tabs are kept, `\r\n` becomes `\n`; in a name, line
/// breaks and tabs become spaces), surrounding spaces trimmed.
///
/// ```
/// use yusuan::core::domain::model::clean_text;
/// assert_eq!(clean_text(" 某某局\u{202e}\u{0}办公室\t ", false), "某某局办公室");
/// assert_eq!(clean_text("一\r\n二", true), "一\n二");
/// assert_eq!(clean_text("一\n二", false), "一 二");
/// ```
pub fn clean_text(s: &str, multiline: bool) -> String {
    let kept = s.chars().filter_map(|c| match c {
        '\n' | '\t' if multiline => Some(c),
        '\n' | '\t' | '\r' if !multiline => Some(' '),
        c if c.is_control() || is_bidi_control(c) => None,
        c => Some(c),
    });
    kept.collect::<String>().trim().to_string()
}

/// Whether a text would change under [`clean_text`] (besides surrounding spaces).
fn has_controls(s: &str) -> bool {
    s.chars()
        .any(|c| (c.is_control() && c != '\n' && c != '\t' && c != '\r') || is_bidi_control(c))
}

/// An id of a source or unit: a key other entries refer to, so it is refused, not cleaned,
/// when it holds control characters or is too long.
fn check_id(id: &str, path: String) -> Result<(), Invalid> {
    if has_controls(id) || id.chars().count() > MAX_ID {
        return Err(Invalid {
            path,
            message: format!("id 不能含控制字符，最多{MAX_ID}个字符"),
        });
    }
    Ok(())
}

/// The rules fund sources and 预算单位 share: not more than `max`, each with an id (unique,
/// clean, not too long) and a name (not empty, not too long). Their ids, for lines and
/// income to name. `what` names them in messages, `path` is their JSON path.
fn entries<'a>(
    what: &str,
    path: &str,
    list: impl ExactSizeIterator<Item = (&'a str, &'a str)>,
    max: usize,
) -> Result<HashSet<&'a str>, Invalid> {
    let invalid = |path: String, message: String| Err(Invalid { path, message });
    if list.len() > max {
        return invalid(
            path.into(),
            format!("{what}过多（{} 个），最多 {max} 个", list.len()),
        );
    }
    let mut ids = HashSet::new();
    for (i, (id, name)) in list.enumerate() {
        if id.trim().is_empty() || name.trim().is_empty() {
            return invalid(
                format!("{path}[{i}]"),
                format!("{what}的 id 和名称不能为空"),
            );
        }
        check_id(id, format!("{path}[{i}].id"))?;
        if name.chars().count() > MAX_TEXT {
            return invalid(
                format!("{path}[{i}].name"),
                format!("{what}名称过长（最多{MAX_TEXT}个字符）"),
            );
        }
        if !ids.insert(id) {
            return invalid(format!("{path}[{i}].id"), format!("{what} id “{id}”重复"));
        }
    }
    Ok(ids)
}

/// The ids of the budget's sources and 预算单位, for lines and income to name.
struct Known<'a> {
    sources: HashSet<&'a str>,
    units: HashSet<&'a str>,
}

impl Known<'_> {
    /// An entry's source and unit (none: the first unit) are the budget's; `path` is the
    /// entry's (`budget.lines[3]`).
    fn refs(&self, path: &str, source: &str, unit: &Option<String>) -> Result<(), Invalid> {
        if !self.sources.contains(source) {
            return Err(Invalid {
                path: format!("{path}.source"),
                message: format!("资金来源“{source}”不在 sources 中"),
            });
        }
        if unit
            .as_ref()
            .is_some_and(|u| !self.units.contains(u.as_str()))
        {
            return Err(Invalid {
                path: format!("{path}.unit"),
                message: format!(
                    "预算单位“{}”不在 units 中",
                    unit.as_deref().unwrap_or_default()
                ),
            });
        }
        Ok(())
    }
}

/// A rule of the budget broken: where (a path like `budget.lines[3].id`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invalid {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.path, self.message)
    }
}

impl Budget {
    /// An empty budget with the reference's five fund sources.
    pub fn empty(unit_name: &str, year: u16) -> Budget {
        Budget {
            unit: Unit {
                name: unit_name.to_string(),
                year,
                ..Unit::default()
            },
            sources: standard_sources(),
            income: Vec::new(),
            lines: Vec::new(),
            prior: PriorYear::default(),
            reasons: Reasons::default(),
            procurement: Procurement::default(),
            control_figures: BTreeMap::new(),
            code_names: BTreeMap::new(),
            income_follows_spending: false,
            kind: BudgetKind::Unit,
            units: vec![BudgetUnit {
                id: "u1".into(),
                name: unit_name.to_string(),
                kind: UnitType::Administrative,
            }],
            goals: Vec::new(),
            template: TemplateId::Standard,
            items: BTreeMap::new(),
            asset_facts: AssetFacts::default(),
            services: Vec::new(),
            staffing: Vec::new(),
        }
    }

    /// An empty budget of a template from what a user typed (新建预算): the unit name cleaned
    /// like any name (not empty, at most [`MAX_TEXT`] characters), the year 1900–2200; else
    /// why not, in Chinese.
    ///
    /// ```
    /// use yusuan::core::domain::model::{Budget, BudgetKind, UnitType};
    /// use yusuan::core::domain::template::TemplateId;
    /// let b = Budget::from_typed(TemplateId::Shanghai, " 某区\u{202e}文化馆 ", " ２０２４ ", BudgetKind::Unit, UnitType::Institution).unwrap();
    /// assert_eq!((b.unit.name.as_str(), b.unit.year, b.units[0].name.as_str()), ("某区文化馆", 2024, "某区文化馆"));
    /// assert_eq!(Budget::from_typed(TemplateId::Shanghai, " ", "2024", BudgetKind::Unit, UnitType::Institution).unwrap_err(), "请填写单位名称");
    /// assert!(Budget::from_typed(TemplateId::Shanghai, "甲", "24", BudgetKind::Unit, UnitType::Institution).unwrap_err().starts_with("预算年度“24”不合理"));
    /// ```
    pub fn from_typed(
        template: TemplateId,
        name: &str,
        year: &str,
        kind: BudgetKind,
        unit_type: UnitType,
    ) -> Result<Budget, String> {
        let name = clean_text(name, false);
        if name.is_empty() {
            return Err("请填写单位名称".into());
        }
        if name.chars().count() > MAX_TEXT {
            return Err(format!("单位名称过长（最多{MAX_TEXT}个字符）"));
        }
        let year = crate::core::domain::money::parse_number(year)
            .and_then(|d| u16::try_from(d.mantissa()).ok().filter(|_| d.scale() == 0))
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| format!("预算年度“{}”不合理，应为1900到2200之间的年份", year.trim()))?;
        Ok(Budget::from_template(
            template, &name, year, kind, unit_type,
        ))
    }

    /// An empty budget of a template: its income categories, one 预算单位 of `unit_type`.
    pub fn from_template(
        template: TemplateId,
        unit_name: &str,
        year: u16,
        kind: BudgetKind,
        unit_type: UnitType,
    ) -> Budget {
        let mut b = Budget::empty(unit_name, year);
        b.template = template;
        b.sources = template.sources();
        b.kind = kind;
        if let Some(u) = b.units.first_mut() {
            u.kind = unit_type;
        }
        b
    }

    /// The unit a line or an income entry belongs to: the one named, else the first.
    pub fn unit_by(&self, id: Option<&str>) -> Option<&BudgetUnit> {
        match id {
            Some(id) => self.units.iter().find(|u| u.id == id),
            None => self.units.first(),
        }
    }

    /// The id of the unit a line belongs to.
    pub fn line_unit<'a>(&'a self, line: &'a Line) -> Option<&'a str> {
        line.unit
            .as_deref()
            .or_else(|| self.units.first().map(|u| u.id.as_str()))
    }

    /// The type of the 预算单位 a line belongs to (a budget without units: a 行政单位).
    pub fn unit_type(&self, line: &Line) -> UnitType {
        self.unit_by(self.line_unit(line))
            .map(|u| u.kind)
            .unwrap_or(UnitType::Administrative)
    }

    /// The 政府预算支出经济分类 of a line: its override, or the standard mapping for its
    /// 预算单位's type (a 事业单位's 基本支出 is 505 对事业单位经常性补助).
    pub fn gov_economic(&self, line: &Line) -> Option<EconCode> {
        line.gov_economic_as(self.unit_type(line))
    }

    /// Whether a line's 公用经费 are 机关运行经费 (its unit is a 行政单位 or 参公事业单位).
    /// A budget without units (built by hand) counts every line, as a 行政单位 would.
    pub fn counts_office_running(&self, line: &Line) -> bool {
        self.unit_by(line.unit.as_deref())
            .is_none_or(|u| u.kind.has_office_running())
    }

    /// Whether any of its 预算单位 has 机关运行经费 (a 行政单位 or 参公事业单位; a budget
    /// without units counts as one 行政单位): a budget of 事业单位 only has none.
    pub fn has_office_running(&self) -> bool {
        self.units.is_empty() || self.units.iter().any(|u| u.kind.has_office_running())
    }

    /// `counts_office_running` for many lines: the units looked up by id in a map, not one
    /// by one (a 部门 of 150 units and 10,000 lines would compare 1.5 million ids).
    pub fn office_units(&self) -> OfficeUnits<'_> {
        OfficeUnits {
            first: self.units.first().map(|u| u.kind),
            by_id: self
                .units
                .iter()
                .rev() // the first unit of an id wins, as in `unit_by`
                .map(|u| (u.id.as_str(), u.kind))
                .collect(),
        }
    }

    /// How many lines each unit has, in the units' order.
    pub fn lines_per_unit(&self) -> Vec<(&BudgetUnit, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for l in &self.lines {
            if let Some(u) = self.line_unit(l) {
                *counts.entry(u).or_default() += 1;
            }
        }
        self.units
            .iter()
            .map(|u| (u, counts.get(u.id.as_str()).copied().unwrap_or(0)))
            .collect()
    }

    /// A unit id not used yet (`u1`, `u2` …).
    pub fn new_unit_id(&self) -> String {
        (1..)
            .map(|i| format!("u{i}"))
            .find(|id| self.units.iter().all(|u| &u.id != id))
            .unwrap_or_default()
    }

    /// One unit of a department as a 单位预算 of its own: its lines and income; the
    /// department's prior-year figures, reasons, 政府采购 and 控制数 do not split by unit
    /// and are left out.
    pub fn unit_view(&self, id: &str) -> Option<Budget> {
        let unit = self.units.iter().find(|u| u.id == id)?.clone();
        let first = self.units.first().map(|u| u.id.as_str());
        let mine = |u: Option<&str>| u.or(first) == Some(id);
        let mut b = Budget {
            lines: Vec::new(),
            income: Vec::new(),
            prior: PriorYear::default(),
            reasons: Reasons::default(),
            procurement: Procurement::default(),
            control_figures: BTreeMap::new(),
            kind: BudgetKind::Unit,
            units: vec![unit.clone()],
            ..self.clone_without_lines()
        };
        b.unit.name = unit.name;
        b.lines = self
            .lines
            .iter()
            .filter(|l| mine(l.unit.as_deref()))
            .cloned()
            .collect();
        b.income = self
            .income
            .iter()
            .filter(|i| mine(i.unit.as_deref()))
            .cloned()
            .collect();
        // A unit's forms are those of its projects.
        let projects: HashSet<&str> = b.lines.iter().map(|l| l.project.as_str()).collect();
        let goals = b
            .goals
            .iter()
            .filter(|g| projects.contains(g.project.as_str()))
            .cloned()
            .collect();
        b.goals = goals;
        Some(b)
    }

    /// The per-项 notes (known codes, texts not too long) and the 国有资产 counts.
    fn validate_disclosure(&self) -> Result<(), Invalid> {
        if self.items.len() > MAX_LINES {
            return Err(Invalid {
                path: "budget.items".into(),
                message: format!("功能分类项说明过多（最多{MAX_LINES}个）"),
            });
        }
        for (code, note) in &self.items {
            let path = format!("budget.items.{code}");
            if FunctionCode::parse(code).is_err() {
                return Err(Invalid {
                    path,
                    message: format!("“{code}”不是支出功能分类科目编码"),
                });
            }
            for (text, what) in [(&note.purpose, "主要用途"), (&note.reason, "增减原因")] {
                if text.chars().count() > MAX_TEXT {
                    return Err(Invalid {
                        path,
                        message: format!("{what}过长（最多{MAX_TEXT}个字符）"),
                    });
                }
            }
        }
        if let Some((path, message)) = self.staffing_fault() {
            return Err(Invalid { path, message });
        }
        if let Some((at, message)) = services_fault(&self.services, MAX_TEXT) {
            let path = match at {
                Some(i) => format!("budget.services[{i}]"),
                None => "budget.services".into(),
            };
            return Err(Invalid { path, message });
        }
        if let Some((field, n)) = self.asset_facts.too_large() {
            return Err(Invalid {
                path: format!("budget.asset_facts.{field}"),
                message: format!(
                    "数量{n}不合理（最多{}）",
                    crate::core::domain::disclosure::MAX_COUNT
                ),
            });
        }
        Ok(())
    }

    /// A copy without lines and income (cheap for a large budget).
    fn clone_without_lines(&self) -> Budget {
        Budget {
            unit: self.unit.clone(),
            sources: self.sources.clone(),
            income: Vec::new(),
            lines: Vec::new(),
            prior: self.prior.clone(),
            reasons: self.reasons.clone(),
            procurement: self.procurement.clone(),
            control_figures: self.control_figures.clone(),
            code_names: self.code_names.clone(),
            income_follows_spending: self.income_follows_spending,
            kind: self.kind,
            units: self.units.clone(),
            goals: self.goals.clone(),
            template: self.template,
            items: self.items.clone(),
            asset_facts: self.asset_facts.clone(),
            services: self.services.clone(),
            staffing: self.staffing.clone(),
        }
    }

    /// Whether income is kept per 预算单位 (a department of several units).
    fn income_per_unit(&self) -> bool {
        self.units.len() > 1
    }

    /// The (unit, source) an income entry is for: the unit only when income is kept per
    /// unit (an entry without one is the first unit's).
    pub fn income_key<'a>(&'a self, i: &'a Income) -> (Option<&'a str>, &'a str) {
        let unit = if self.income_per_unit() {
            i.unit
                .as_deref()
                .or_else(|| self.units.first().map(|u| u.id.as_str()))
        } else {
            None
        };
        (unit, i.source.as_str())
    }

    /// What the lines spend: (当年预算安排, 上年结转安排) by (unit, source), the unit only
    /// when income is kept per unit.
    pub fn spending_by_source(&self) -> BTreeMap<(Option<&str>, &str), (Money, Money)> {
        let per_unit = self.income_per_unit();
        let mut out: BTreeMap<(Option<&str>, &str), (Money, Money)> = BTreeMap::new();
        for l in &self.lines {
            let unit = if per_unit { self.line_unit(l) } else { None };
            let e = out.entry((unit, l.source.as_str())).or_default();
            e.0 += l.current;
            e.1 += l.carry_over;
        }
        out
    }

    /// Income as 收入随支出 makes it: each source's 本年收入 and 上年结转 equal to what its
    /// lines spend (per 预算单位 in a department of several); the 上年预算数 of each entry is
    /// kept, and entries that spend nothing are kept (at zero) only when they hold one.
    pub fn income_matching_spending(&self) -> Vec<Income> {
        let spent = self.spending_by_source();
        let units: Vec<Option<&str>> = if self.income_per_unit() {
            self.units.iter().map(|u| Some(u.id.as_str())).collect()
        } else {
            vec![None]
        };
        let mut out = Vec::new();
        for unit in units {
            for s in &self.sources {
                let key = (unit, s.id.as_str());
                let (current, carry_over) = spent.get(&key).copied().unwrap_or_default();
                let prior = self
                    .income
                    .iter()
                    .find(|i| self.income_key(i) == key)
                    .and_then(|i| i.prior);
                if current.is_zero() && carry_over.is_zero() && prior.is_none() {
                    continue;
                }
                out.push(Income {
                    source: s.id.clone(),
                    current,
                    carry_over,
                    prior,
                    unit: unit.map(str::to_string),
                });
            }
        }
        out
    }

    /// Brings data that follows other data in line after reading a file: with 收入随支出 on,
    /// income equals the spending.
    pub fn settle(&mut self) {
        self.clean_texts();
        self.number_goals();
        // Files before version 3 have no units: the budget is one 行政单位 (what the app
        // assumed for 机关运行经费 until then), so every figure reads as before.
        if self.units.is_empty() {
            // Named like the budget; a budget without a name yet gives “本单位” (a unit's
            // name may not be empty, or the file would not read back).
            let name = match self.unit.name.trim() {
                "" => "本单位".to_string(),
                n => n.to_string(),
            };
            self.units.push(BudgetUnit {
                id: "u1".into(),
                name,
                kind: UnitType::Administrative,
            });
        }
        if self.income_follows_spending {
            self.income = self.income_matching_spending();
        }
    }

    /// Names and texts as [`clean_text`] keeps them (a file may hold control characters or
    /// bidi overrides that typing could not).
    fn clean_texts(&mut self) {
        let name = |s: &mut String| {
            if has_controls(s) {
                *s = clean_text(s, false);
            }
        };
        name(&mut self.unit.name);
        name(&mut self.unit.code);
        self.sources.iter_mut().for_each(|s| name(&mut s.name));
        self.units.iter_mut().for_each(|u| name(&mut u.name));
        self.code_names.values_mut().for_each(name);
        for l in &mut self.lines {
            name(&mut l.project);
            name(&mut l.note);
        }
        let text = |t: &mut String| {
            if has_controls(t) {
                *t = clean_text(t, true);
            }
        };
        TextField::ALL
            .into_iter()
            .for_each(|f| text(self.unit.text_slot(f)));
        ReasonKey::ALL
            .into_iter()
            .for_each(|k| text(self.reasons.slot(k)));
        // Per-项 notes are typed on one line (`set_item_note`); one left empty is dropped,
        // as the command drops it.
        for note in self.items.values_mut() {
            name(&mut note.purpose);
            name(&mut note.reason);
        }
        self.items.retain(|_, n| !n.is_empty());
        for item in &mut self.services {
            name(&mut item.project);
            name(&mut item.category);
        }
        self.goals.iter_mut().for_each(GoalForm::clean);
    }

    /// What every budget read from outside the app (a file, a share link, another tab's
    /// save, a host page) goes through: texts cleaned first (so that a name of control
    /// characters only is empty when the rules look at it), the rules checked, then what
    /// follows other data brought in line ([`Budget::settle`]).
    pub fn admit(&mut self) -> Result<(), Invalid> {
        self.clean_texts();
        self.validate()?;
        self.settle();
        Ok(())
    }

    /// A source id not used yet (`s1`, `s2` …), for a source a user adds.
    pub fn new_source_id(&self) -> String {
        (1..)
            .map(|i| format!("s{i}"))
            .find(|id| self.source(id).is_none())
            .unwrap_or_default()
    }

    /// What still uses a source, in words (empty when nothing does): its lines, its
    /// income, its 控制数.
    pub fn source_users(&self, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let lines: Vec<LineId> = self
            .lines
            .iter()
            .filter(|l| l.source == id)
            .map(|l| l.id)
            .collect();
        if !lines.is_empty() {
            let shown: Vec<String> = lines.iter().take(5).map(|i| i.to_string()).collect();
            out.push(if lines.len() > 5 {
                format!("第{}号等{}条明细", shown.join("、"), lines.len())
            } else {
                format!("第{}号明细", shown.join("、"))
            });
        }
        let income_used = self.income.iter().any(|i| {
            i.source == id
                && !(i.current.is_zero()
                    && i.carry_over.is_zero()
                    && i.prior.is_none_or(|p| p.is_zero()))
        });
        if income_used {
            out.push("收入".to_string());
        }
        if self.control_figures.contains_key(id) {
            out.push("控制数".to_string());
        }
        out
    }

    /// The source new lines take when none is given: the first of the template.
    pub fn default_source(&self) -> String {
        self.sources
            .first()
            .map(|s| s.id.clone())
            .unwrap_or_default()
    }

    pub fn source(&self, id: &str) -> Option<&FundSource> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn source_index(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.id == id)
    }

    /// Each source's index by its id, for a pass over many lines or income entries
    /// ([`Budget::source`] searches the list: a pass that called it per entry would be
    /// quadratic in the number of sources, cubic where it runs per source).
    pub fn source_indices(&self) -> HashMap<&str, usize> {
        self.sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect()
    }

    /// A lookup of sources by id built once ([`Budget::source_indices`]), for passes over
    /// many lines or entries.
    pub fn source_finder<'a>(&'a self) -> impl Fn(&str) -> Option<&'a FundSource> + 'a {
        let index = self.source_indices();
        move |id| index.get(id).map(|&i| &self.sources[i])
    }

    /// Income summed per source (in the order of `sources`): one pass over the entries.
    pub fn income_by_source(&self) -> Vec<IncomeSum> {
        let index = self.source_indices();
        let mut out = vec![IncomeSum::default(); self.sources.len()];
        for i in &self.income {
            if let Some(&at) = index.get(i.source.as_str()) {
                let o = &mut out[at];
                o.current += i.current;
                o.carry_over += i.carry_over;
                if let Some(p) = i.prior {
                    *o.prior.get_or_insert(Money::ZERO) += p;
                }
            }
        }
        out
    }

    pub fn line(&self, id: LineId) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }

    pub(crate) fn next_id(&self) -> LineId {
        match self.lines.iter().map(|l| l.id).max() {
            None => 1,
            Some(max) => max.checked_add(1).unwrap_or_else(|| {
                // A file may use the largest id: take the smallest free one instead.
                let used: std::collections::HashSet<LineId> =
                    self.lines.iter().map(|l| l.id).collect();
                (1..=LineId::MAX).find(|i| !used.contains(i)).unwrap_or(0)
            }),
        }
    }

    /// Name of a functional code: the user's name first, then the built-in table.
    pub fn function_name(&self, code: FunctionCode) -> Option<&str> {
        if self.code_names.is_empty() {
            return code.builtin_name();
        }
        self.code_names
            .get(&code.to_string())
            .map(String::as_str)
            .or_else(|| code.builtin_name())
    }

    /// Name of an economic code: the user's name first, then the built-in tables.
    pub fn econ_name(&self, code: EconCode) -> Option<&str> {
        if self.code_names.is_empty() {
            return code.name();
        }
        self.code_names
            .get(&code.to_string())
            .map(String::as_str)
            .or_else(|| code.name())
    }

    /// Named codes (each key a functional or economic code, names not too long, not too
    /// many) and the reasons' lengths.
    fn validate_names(&self) -> Result<(), Invalid> {
        let invalid = |path: String, message: String| Err(Invalid { path, message });
        if self.code_names.len() > MAX_CODE_NAMES {
            return invalid(
                "budget.code_names".into(),
                format!(
                    "科目名称过多（{} 个），最多 {MAX_CODE_NAMES} 个",
                    self.code_names.len()
                ),
            );
        }
        for (code, name) in &self.code_names {
            let path = format!("budget.code_names.{code}");
            if FunctionCode::parse(code).is_err() && EconCode::parse(code).is_err() {
                return invalid(path, format!("“{code}”不是支出功能分类或经济分类科目编码"));
            }
            if name.chars().count() > MAX_TEXT {
                return invalid(path, format!("科目名称过长（最多{MAX_TEXT}个字符）"));
            }
        }
        for k in ReasonKey::ALL {
            if self.reasons.get(k).chars().count() > MAX_TEXT {
                return invalid(
                    format!("budget.reasons.{}", k.key()),
                    format!("变动原因过长（最多{MAX_TEXT}个字符）"),
                );
            }
        }
        Ok(())
    }

    /// Unit ids unique and names given; a 单位预算 has one unit. The ids, for lines to name.
    fn validate_units(&self) -> Result<HashSet<&str>, Invalid> {
        let b = self;
        let invalid = |path: String, message: String| Err(Invalid { path, message });
        let unit_ids = entries(
            "预算单位",
            "budget.units",
            b.units.iter().map(|u| (u.id.as_str(), u.name.as_str())),
            MAX_UNITS,
        )?;
        if b.kind == BudgetKind::Unit && b.units.len() > 1 {
            return invalid(
                "budget.units".into(),
                format!("单位预算只能有一个预算单位，文件中有 {} 个（多个单位请用 \"kind\": \"department\"）", b.units.len()),
            );
        }
        Ok(unit_ids)
    }

    /// Rules that span fields, checked on every budget read or replaced: unique ids, known
    /// sources, sane sizes. The error names the place as a JSON path of the file format.
    pub fn validate(&self) -> Result<(), Invalid> {
        let b = self;
        let invalid = |path: String, message: String| Err(Invalid { path, message });
        if b.sources.is_empty() {
            return invalid("budget.sources".into(), "至少需要一个资金来源".into());
        }
        if !(1900..=2200).contains(&b.unit.year) {
            return invalid(
                "budget.unit.year".into(),
                format!("预算年度 {} 不合理", b.unit.year),
            );
        }
        if b.unit.name.chars().count() > MAX_TEXT {
            return invalid("budget.unit.name".into(), "单位名称过长".into());
        }
        if b.unit.code.chars().count() > MAX_ID {
            return invalid(
                "budget.unit.code".into(),
                format!("主管部门代码过长（最多{MAX_ID}个字符）"),
            );
        }
        for f in TextField::ALL {
            if b.unit.text(f).chars().count() > MAX_LONG_TEXT {
                return invalid(
                    format!("budget.unit.{}", f.key()),
                    format!("{}过长（最多{MAX_LONG_TEXT}个字符）", f.label()),
                );
            }
        }
        b.validate_disclosure()?;
        b.validate_names()?;
        let known = Known {
            sources: b.validate_sources()?,
            units: b.validate_units()?,
        };
        b.validate_lines(&known)?;
        b.validate_goals()?;
        b.validate_income(&known)
    }

    /// Sources: not too many, ids unique and clean, names given. Their ids, for lines and
    /// income to name.
    fn validate_sources(&self) -> Result<HashSet<&str>, Invalid> {
        entries(
            "资金来源",
            "budget.sources",
            self.sources
                .iter()
                .map(|s| (s.id.as_str(), s.name.as_str())),
            MAX_SOURCES,
        )
    }

    /// Lines: not too many, ids unique and positive, sources and units known, texts not
    /// too long, economic codes of the 部门 classification.
    fn validate_lines(&self, known: &Known) -> Result<(), Invalid> {
        let b = self;
        let invalid = |path: String, message: String| Err(Invalid { path, message });
        if b.lines.len() > MAX_LINES {
            return invalid(
                "budget.lines".into(),
                format!("明细过多（{} 行），最多 {MAX_LINES} 行", b.lines.len()),
            );
        }
        let mut line_ids = HashSet::new();
        for (i, l) in b.lines.iter().enumerate() {
            if l.id == 0 {
                return invalid(
                    format!("budget.lines[{i}].id"),
                    "明细编号应为正整数，不能为 0".into(),
                );
            }
            if !line_ids.insert(l.id) {
                return invalid(
                    format!("budget.lines[{i}].id"),
                    format!("明细编号 {} 重复", l.id),
                );
            }
            known.refs(&format!("budget.lines[{i}]"), &l.source, &l.unit)?;
            if l.project.chars().count() > MAX_TEXT || l.note.chars().count() > MAX_TEXT {
                return invalid(format!("budget.lines[{i}]"), "项目名称或备注过长".into());
            }
            if let Some(e) = l.economic {
                if !e.is_department() {
                    return invalid(
                        format!("budget.lines[{i}].economic"),
                        format!("“{e}”不是部门预算支出经济分类科目（应以3开头）"),
                    );
                }
            }
        }
        Ok(())
    }

    /// Income: sources and units known, one entry per source (and unit).
    fn validate_income(&self, known: &Known) -> Result<(), Invalid> {
        let b = self;
        let invalid = |path: String, message: String| Err(Invalid { path, message });
        if b.income.len() > MAX_LINES {
            return invalid(
                "budget.income".into(),
                format!("收入条目过多（{} 条），最多 {MAX_LINES} 条", b.income.len()),
            );
        }
        let mut income_keys = HashSet::new();
        for (i, inc) in b.income.iter().enumerate() {
            known.refs(&format!("budget.income[{i}]"), &inc.source, &inc.unit)?;
            // Two entries for one source (and unit) would be added together where one was
            // meant: the reader would not see which of the two figures the app used.
            if !income_keys.insert(b.income_key(inc)) {
                let message = match b.income_key(inc).0 {
                    Some(u) => format!(
                        "预算单位“{u}”的资金来源“{}”的收入重复（每个来源只能有一条收入）",
                        inc.source
                    ),
                    None => format!(
                        "资金来源“{}”的收入重复（每个来源只能有一条收入）",
                        inc.source
                    ),
                };
                return invalid(format!("budget.income[{i}]"), message);
            }
        }
        Ok(())
    }
}

impl Budget {
    /// Gives each form without a number (0) the next free one.
    pub fn number_goals(&mut self) {
        if self.goals.iter().all(|g| g.id != 0) {
            return;
        }
        let mut taken: HashSet<u32> = self.goals.iter().map(|g| g.id).collect();
        let max = taken.iter().copied().max().unwrap_or(0);
        // After the highest number while there is room; from 1 up (the free gaps) once the
        // highest is u32::MAX — never a number another form has.
        let mut next = if max < u32::MAX - MAX_GOALS as u32 {
            max
        } else {
            0
        };
        for g in self.goals.iter_mut().filter(|g| g.id == 0) {
            next += 1;
            while taken.contains(&next) {
                next += 1;
            }
            taken.insert(next);
            g.id = next;
        }
    }

    /// The 绩效目标表: not too many, none too large.
    fn validate_goals(&self) -> Result<(), Invalid> {
        if self.goals.len() > MAX_GOALS {
            return Err(Invalid {
                path: "budget.goals".into(),
                message: format!(
                    "绩效目标表过多（{} 张），最多 {MAX_GOALS} 张",
                    self.goals.len()
                ),
            });
        }
        let mut ids = HashSet::new();
        for (i, g) in self.goals.iter().enumerate() {
            g.validate(&format!("budget.goals[{i}]"))?;
            if g.id != 0 && !ids.insert(g.id) {
                return Err(Invalid {
                    path: format!("budget.goals[{i}].id"),
                    message: format!("绩效目标表编号 {} 重复", g.id),
                });
            }
        }
        Ok(())
    }
}

/// A form's texts and sizes by the budget's rules (here, so that `goals.rs` needs nothing
/// of this module).
impl GoalForm {
    /// Every text as stored: control and bidi characters removed ([`clean_text`]).
    pub fn clean(&mut self) {
        for f in GoalText::ALL {
            let long = f.long();
            let t = self.text_mut(f);
            *t = clean_text(t, long);
        }
        if self.title == self.project {
            self.title.clear();
        }
        for side in Side::ALL {
            let list = self.indicators_mut(side);
            for i in list.iter_mut() {
                i.name = clean_text(&i.name, false);
                i.value = clean_text(&i.value, false);
            }
            // Kept in the form's order of 二级指标 (stable: the order within one is the
            // user's), as the form prints them.
            crate::core::sort::sort_by_key(list, |i| i.kind);
        }
    }

    /// Sizes a file may not exceed; `path` is the form's JSON path.
    pub fn validate(&self, path: &str) -> Result<(), Invalid> {
        for f in GoalText::ALL {
            let max = if f.long() { MAX_LONG_TEXT } else { MAX_TEXT };
            if self.text(f).chars().count() > max {
                return Err(Invalid {
                    path: format!("{path}.{}", f.key()),
                    message: format!("{}过长（最多{max}个字符）", f.label()),
                });
            }
        }
        for side in Side::ALL {
            let list = self.indicators(side);
            let key = side.indicators_key();
            if list.len() > MAX_INDICATORS {
                return Err(Invalid {
                    path: format!("{path}.{key}"),
                    message: format!("{}绩效指标过多（最多{MAX_INDICATORS}个）", side.label()),
                });
            }
            if let Some(j) = list.iter().position(|i| {
                i.name.chars().count() > MAX_TEXT || i.value.chars().count() > MAX_TEXT
            }) {
                return Err(Invalid {
                    path: format!("{path}.{key}[{j}]"),
                    message: format!("指标名称或指标值过长（最多{MAX_TEXT}个字符）"),
                });
            }
        }
        Ok(())
    }
}

/// The five fund sources of the reference document (山西 template).
pub fn standard_sources() -> Vec<FundSource> {
    TemplateId::Standard.sources()
}

/// Which units' 公用经费 are 机关运行经费, by unit id (`Budget::office_units`).
pub struct OfficeUnits<'a> {
    first: Option<UnitType>,
    by_id: rustc_hash::FxHashMap<&'a str, UnitType>,
}

impl OfficeUnits<'_> {
    /// The line's unit's type, `None` for an unknown unit (or none at all).
    fn kind(&self, line: &Line) -> Option<UnitType> {
        match line.unit.as_deref() {
            Some(id) => self.by_id.get(id).copied(),
            None => self.first,
        }
    }

    /// The same as `Budget::counts_office_running(line)`.
    pub fn counts(&self, line: &Line) -> bool {
        self.kind(line).is_none_or(UnitType::has_office_running)
    }

    /// The same as `Budget::gov_economic(line)`.
    pub fn gov_economic(&self, line: &Line) -> Option<EconCode> {
        line.gov_economic_as(self.kind(line).unwrap_or(UnitType::Administrative))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `office_units().counts` says what `counts_office_running` says for every kind of
    /// line: a unit of each type, a repeated id (the first wins), an unknown id, no unit.
    #[test]
    fn office_units_agree_with_counts_office_running() {
        let unit = |id: &str, kind| BudgetUnit {
            id: id.into(),
            name: id.into(),
            kind,
        };
        for first in UnitType::ALL {
            let mut b = crate::core::formats::reference::budget();
            b.units = vec![
                unit("a", first),
                unit("b", UnitType::Institution),
                unit("c", UnitType::CivilService),
                unit("b", UnitType::Administrative),
                unit("d", UnitType::Other),
            ];
            let office = b.office_units();
            for id in [None, Some("a"), Some("b"), Some("c"), Some("d"), Some("x")] {
                let mut line = b.lines[0].clone();
                line.unit = id.map(String::from);
                assert_eq!(
                    office.counts(&line),
                    b.counts_office_running(&line),
                    "{first:?} {id:?}"
                );
            }
        }
        let mut b = crate::core::formats::reference::budget();
        b.units.clear();
        let line = b.lines[0].clone();
        assert!(b.office_units().counts(&line) && b.counts_office_running(&line));
    }
}
