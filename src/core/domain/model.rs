//! The budget as the user enters it: fund sources (template data), income, budget lines,
//! prior-year figures and the typed facts of the document. Everything else is derived.
//!
//! A budget changes only through [`Budget::apply`] with a [`Command`]; errors name the line
//! and the field so a view can mark the cell.

use crate::core::domain::codes::{CodeError, EconCode, FunctionCode};
use crate::core::domain::money::{AmountError, Money};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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

/// What a fund source is, which decides the tables and shares it feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// 一般公共预算 (财政拨款)
    GeneralPublic,
    /// 政府性基金预算 (财政拨款)
    GovernmentFund,
    /// 国有资本经营预算 (财政拨款)
    StateCapital,
    /// 财政拨款 not split by budget (templates that only say 财政拨款收入)
    OtherFiscal,
    /// 财政专户管理资金
    SpecialAccount,
    /// 单位资金, 事业收入, 经营收入, 其他收入 …
    NonFiscal,
}

impl SourceKind {
    /// 财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            SourceKind::GeneralPublic
                | SourceKind::GovernmentFund
                | SourceKind::StateCapital
                | SourceKind::OtherFiscal
        )
    }
}

/// A fund source (资金来源) of the budget's template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundSource {
    /// Short key used by lines and income, e.g. `gpb`.
    pub id: String,
    /// Name as printed, e.g. `一般公共预算`.
    pub name: String,
    pub kind: SourceKind,
}

/// Income of one fund source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// One budget line (预算明细).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Note or reason for the change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Line {
    /// 当年 + 上年结转.
    pub fn total(&self) -> Money {
        self.current + self.carry_over
    }

    /// The 政府预算 code: the override, or the standard mapping of the 部门 code.
    pub fn gov_economic(&self) -> Option<EconCode> {
        self.gov_economic
            .or_else(|| self.economic.and_then(|e| e.standard_gov()))
    }

    /// Whether the line is 人员经费 (工资福利支出 301 or 对个人和家庭的补助 303).
    pub fn is_personnel(&self) -> bool {
        self.economic.is_some_and(EconCode::is_personnel)
    }
}

/// 政府采购 totals (goods / works / services).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Procurement {
    #[serde(default)]
    pub goods: Money,
    #[serde(default)]
    pub works: Money,
    #[serde(default)]
    pub services: Money,
}

/// Prior-year totals typed from last year's document, used where lines carry no prior.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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

    fn slot(&mut self, f: PriorField) -> &mut Option<Money> {
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
}

impl Reasons {
    pub fn get(&self, k: ReasonKey) -> &str {
        match k {
            ReasonKey::IncomeTotal => &self.income_total,
            ReasonKey::ExpenseTotal => &self.expense_total,
            ReasonKey::GeneralPublicCurrent => &self.general_public_current,
            ReasonKey::Sangong => &self.sangong,
            ReasonKey::OfficeRunning => &self.office_running,
        }
    }

    fn slot(&mut self, k: ReasonKey) -> &mut String {
        match k {
            ReasonKey::IncomeTotal => &mut self.income_total,
            ReasonKey::ExpenseTotal => &mut self.expense_total,
            ReasonKey::GeneralPublicCurrent => &mut self.general_public_current,
            ReasonKey::Sangong => &mut self.sangong,
            ReasonKey::OfficeRunning => &mut self.office_running,
        }
    }
}

/// The typed facts of the document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A whole budget: the only state the app keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub control_figures: BTreeMap<String, Money>,
    /// Names for codes the built-in tables do not know (code → name).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub code_names: BTreeMap<String, String>,
}

/// One field of a line, with its new value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    Kind(Kind),
    Function(Option<FunctionCode>),
    Economic(Option<EconCode>),
    GovEconomic(Option<EconCode>),
    Project(String),
    Source(String),
    Current(Money),
    CarryOver(Money),
    Prior(Option<Money>),
    Note(String),
}

/// The name of a line field, for parsing user text and for error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    Kind,
    Function,
    Economic,
    GovEconomic,
    Project,
    Source,
    Current,
    CarryOver,
    Prior,
    Note,
}

impl FieldName {
    pub const ALL: [FieldName; 10] = [
        FieldName::Kind,
        FieldName::Function,
        FieldName::Economic,
        FieldName::GovEconomic,
        FieldName::Project,
        FieldName::Source,
        FieldName::Current,
        FieldName::CarryOver,
        FieldName::Prior,
        FieldName::Note,
    ];

    /// The column header users see.
    pub fn label(self) -> &'static str {
        match self {
            FieldName::Kind => "支出类型",
            FieldName::Function => "功能分类科目",
            FieldName::Economic => "部门经济分类",
            FieldName::GovEconomic => "政府经济分类",
            FieldName::Project => "项目名称",
            FieldName::Source => "资金来源",
            FieldName::Current => "当年预算安排",
            FieldName::CarryOver => "上年结转安排",
            FieldName::Prior => "上年预算数",
            FieldName::Note => "备注",
        }
    }
}

impl fmt::Display for FieldName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a value typed into a field was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Amount(AmountError),
    Code(CodeError),
    /// Not 基本支出 / 项目支出.
    BadKind(String),
    /// A fund source the budget does not have.
    UnknownSource(String),
    /// Longer than the app accepts.
    TooLong {
        max: usize,
    },
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Amount(e) => e.fmt(f),
            FieldError::Code(e) => e.fmt(f),
            FieldError::BadKind(s) => write!(f, "“{s}”不是支出类型，应为“基本支出”或“项目支出”"),
            FieldError::UnknownSource(s) => write!(f, "没有名为“{s}”的资金来源"),
            FieldError::TooLong { max } => write!(f, "文字过长（最多{max}个字符）"),
        }
    }
}

/// The longest text accepted in a name or note.
pub const MAX_TEXT: usize = 2000;

/// Why a command was refused. Nothing changes when a command fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// No line has this id.
    NoSuchLine(LineId),
    /// A field of a line got a bad value.
    Field {
        line: LineId,
        field: FieldName,
        error: FieldError,
    },
    /// Income or a control figure names a source the budget does not have.
    UnknownSource(String),
    /// A whole budget that breaks a rule of the file format.
    Invalid(String),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::NoSuchLine(id) => write!(f, "第{id}号明细不存在"),
            CommandError::Field { line, field, error } => {
                write!(f, "第{line}号明细的“{field}”：{error}")
            }
            CommandError::UnknownSource(s) => write!(f, "没有名为“{s}”的资金来源"),
            CommandError::Invalid(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for CommandError {}

/// A new line's content (its id is assigned by the budget).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct LineDraft {
    pub kind: Kind,
    pub function: Option<FunctionCode>,
    pub economic: Option<EconCode>,
    pub gov_economic: Option<EconCode>,
    pub project: String,
    pub source: String,
    pub current: Money,
    pub carry_over: Money,
    pub prior: Option<Money>,
    pub note: String,
}

impl LineDraft {
    /// An empty line of `kind` funded by `source`.
    pub fn new(kind: Kind, source: &str) -> LineDraft {
        LineDraft {
            kind,
            source: source.to_string(),
            ..LineDraft::default()
        }
    }

    /// Sets one field (as [`Command::UpdateLine`] would on a line).
    pub fn set(&mut self, field: Field) {
        match field {
            Field::Kind(k) => self.kind = k,
            Field::Function(c) => self.function = c,
            Field::Economic(c) => self.economic = c,
            Field::GovEconomic(c) => self.gov_economic = c,
            Field::Project(s) => self.project = s,
            Field::Source(s) => self.source = s,
            Field::Current(m) => self.current = m,
            Field::CarryOver(m) => self.carry_over = m,
            Field::Prior(m) => self.prior = m,
            Field::Note(s) => self.note = s,
        }
    }
}

/// Every change a user can make to a budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    AddLine(LineDraft),
    UpdateLine {
        id: LineId,
        field: Field,
    },
    DeleteLine(LineId),
    /// Inserts a copy right after the line.
    DuplicateLine(LineId),
    SetIncome(Income),
    SetPrior(PriorField, Option<Money>),
    SetReason(ReasonKey, String),
    SetUnitName(String),
    SetYear(u16),
    SetProcurement(Procurement),
    SetControlFigure {
        source: String,
        amount: Option<Money>,
    },
    /// Puts back a line exactly as it was, at this position (what undo and redo use).
    InsertLine {
        at: usize,
        line: Line,
    },
    /// Replaces the whole budget (opening a file), validated like a file.
    Replace(Box<Budget>),
    /// Removes a source's income entry (undo of a first [`Command::SetIncome`]).
    RemoveIncome(String),
    SetCodeName {
        code: String,
        name: String,
    },
}

/// A recorded change: `redo` re-applies exactly it, `undo` takes it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub applied: Applied,
    pub redo: Vec<Command>,
    pub undo: Vec<Command>,
}

/// Something commands can be replayed on, all or nothing (a budget, or a workspace of
/// scenarios): what [`History`] needs to undo and redo.
pub trait Replay {
    type Cmd: Clone;
    /// Applies `commands` in order; on error nothing is changed.
    fn replay(&mut self, commands: &[Self::Cmd]) -> Result<(), CommandError>;
}

impl Replay for Budget {
    type Cmd = Command;
    fn replay(&mut self, commands: &[Command]) -> Result<(), CommandError> {
        self.apply_all(commands.to_vec())
            .map(|_| ())
            .map_err(|(_, e)| e)
    }
}

/// One recorded step: `redo` re-applies it, `undo` takes it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<C> {
    pub redo: Vec<C>,
    pub undo: Vec<C>,
}

impl From<Change> for Step<Command> {
    fn from(c: Change) -> Self {
        Step {
            redo: c.redo,
            undo: c.undo,
        }
    }
}

/// Undo/redo history of recorded changes, bounded (the oldest are dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History<C = Command> {
    undo: Vec<(String, Step<C>)>,
    redo: Vec<(String, Step<C>)>,
}

impl<C> Default for History<C> {
    fn default() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl<C: Clone> History<C> {
    /// How many changes are kept.
    pub const LIMIT: usize = 200;

    /// Records a change just made; it clears what could be redone.
    pub fn record(&mut self, label: impl Into<String>, step: impl Into<Step<C>>) {
        self.redo.clear();
        self.undo.push((label.into(), step.into()));
        if self.undo.len() > Self::LIMIT {
            self.undo.remove(0);
        }
    }

    pub fn can_undo(&self) -> Option<&str> {
        self.undo.last().map(|(l, _)| l.as_str())
    }

    pub fn can_redo(&self) -> Option<&str> {
        self.redo.last().map(|(l, _)| l.as_str())
    }

    /// Takes back the last change; returns its label.
    pub fn undo<T: Replay<Cmd = C>>(
        &mut self,
        target: &mut T,
    ) -> Option<Result<String, CommandError>> {
        Self::step(&mut self.undo, &mut self.redo, target, |c| &c.undo)
    }

    /// Re-applies the last undone change; returns its label.
    pub fn redo<T: Replay<Cmd = C>>(
        &mut self,
        target: &mut T,
    ) -> Option<Result<String, CommandError>> {
        Self::step(&mut self.redo, &mut self.undo, target, |c| &c.redo)
    }

    /// Forgets everything (a new workspace was loaded).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// Moves the newest change from `from` to `to`, applying its `commands`; on error the
    /// change stays where it was and the target is unchanged.
    fn step<T: Replay<Cmd = C>>(
        from: &mut Vec<(String, Step<C>)>,
        to: &mut Vec<(String, Step<C>)>,
        target: &mut T,
        commands: fn(&Step<C>) -> &Vec<C>,
    ) -> Option<Result<String, CommandError>> {
        let (label, change) = from.pop()?;
        match target.replay(commands(&change)) {
            Ok(()) => {
                to.push((label.clone(), change));
                Some(Ok(label))
            }
            Err(e) => {
                from.push((label, change));
                Some(Err(e))
            }
        }
    }
}

/// What a successful command did, for a view to focus the right row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    Changed,
    LineAdded(LineId),
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
        }
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

    pub fn line(&self, id: LineId) -> Option<&Line> {
        self.lines.iter().find(|l| l.id == id)
    }

    fn next_id(&self) -> LineId {
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

    /// Applies a command; on error the budget is unchanged.
    ///
    /// ```
    /// use yusuan::core::domain::model::{Command, Field};
    /// use yusuan::core::domain::money::Money;
    /// let mut b = yusuan::core::formats::reference::budget();
    /// let id = b.lines[0].id;
    /// b.apply(Command::UpdateLine { id, field: Field::Current(Money::from_fen(100)) }).unwrap();
    /// assert_eq!(b.line(id).unwrap().current, Money::from_fen(100));
    /// ```
    pub fn apply(&mut self, cmd: Command) -> Result<Applied, CommandError> {
        match cmd {
            Command::AddLine(d) => {
                if self.source(&d.source).is_none() {
                    return Err(CommandError::UnknownSource(d.source));
                }
                let id = self.next_id();
                self.lines.push(Line {
                    id,
                    kind: d.kind,
                    function: d.function,
                    economic: d.economic,
                    gov_economic: d.gov_economic,
                    project: d.project,
                    source: d.source,
                    current: d.current,
                    carry_over: d.carry_over,
                    prior: d.prior,
                    note: d.note,
                });
                Ok(Applied::LineAdded(id))
            }
            Command::UpdateLine { id, field } => {
                let idx = self.index_of(id)?;
                let field_error = |field, error| CommandError::Field {
                    line: id,
                    field,
                    error,
                };
                if let Field::Source(s) = &field {
                    if self.source(s).is_none() {
                        return Err(field_error(
                            FieldName::Source,
                            FieldError::UnknownSource(s.clone()),
                        ));
                    }
                }
                if let Field::Project(s) | Field::Note(s) = &field {
                    if s.chars().count() > MAX_TEXT {
                        let name = if matches!(field, Field::Project(_)) {
                            FieldName::Project
                        } else {
                            FieldName::Note
                        };
                        return Err(field_error(name, FieldError::TooLong { max: MAX_TEXT }));
                    }
                }
                let line = &mut self.lines[idx];
                match field {
                    Field::Kind(k) => line.kind = k,
                    Field::Function(c) => line.function = c,
                    Field::Economic(c) => line.economic = c,
                    Field::GovEconomic(c) => line.gov_economic = c,
                    Field::Project(s) => line.project = s,
                    Field::Source(s) => line.source = s,
                    Field::Current(m) => line.current = m,
                    Field::CarryOver(m) => line.carry_over = m,
                    Field::Prior(m) => line.prior = m,
                    Field::Note(s) => line.note = s,
                }
                Ok(Applied::Changed)
            }
            Command::DeleteLine(id) => {
                let idx = self.index_of(id)?;
                self.lines.remove(idx);
                Ok(Applied::Changed)
            }
            Command::DuplicateLine(id) => {
                let idx = self.index_of(id)?;
                let mut copy = self.lines[idx].clone();
                copy.id = self.next_id();
                let new_id = copy.id;
                self.lines.insert(idx + 1, copy);
                Ok(Applied::LineAdded(new_id))
            }
            Command::SetIncome(inc) => {
                if self.source(&inc.source).is_none() {
                    return Err(CommandError::UnknownSource(inc.source));
                }
                match self.income.iter_mut().find(|i| i.source == inc.source) {
                    Some(slot) => *slot = inc,
                    None => self.income.push(inc),
                }
                Ok(Applied::Changed)
            }
            Command::SetPrior(f, v) => {
                *self.prior.slot(f) = v;
                Ok(Applied::Changed)
            }
            Command::SetReason(k, text) => {
                *self.reasons.slot(k) = text;
                Ok(Applied::Changed)
            }
            Command::SetUnitName(name) => {
                self.unit.name = name;
                Ok(Applied::Changed)
            }
            Command::SetYear(y) => {
                self.unit.year = y;
                Ok(Applied::Changed)
            }
            Command::SetProcurement(p) => {
                self.procurement = p;
                Ok(Applied::Changed)
            }
            Command::SetControlFigure { source, amount } => {
                if self.source(&source).is_none() {
                    return Err(CommandError::UnknownSource(source));
                }
                match amount {
                    Some(a) => self.control_figures.insert(source, a),
                    None => self.control_figures.remove(&source),
                };
                Ok(Applied::Changed)
            }
            Command::SetCodeName { code, name } => {
                if name.trim().is_empty() {
                    self.code_names.remove(&code);
                } else {
                    self.code_names.insert(code, name);
                }
                Ok(Applied::Changed)
            }
            Command::InsertLine { at, line } => {
                if self.lines.iter().any(|l| l.id == line.id) {
                    return Err(CommandError::NoSuchLine(line.id));
                }
                let id = line.id;
                self.lines.insert(at.min(self.lines.len()), line);
                Ok(Applied::LineAdded(id))
            }
            Command::RemoveIncome(source) => {
                self.income.retain(|i| i.source != source);
                Ok(Applied::Changed)
            }
            Command::Replace(budget) => {
                crate::core::formats::file::validate(&budget)
                    .map_err(|e| CommandError::Invalid(e.to_string()))?;
                *self = *budget;
                Ok(Applied::Changed)
            }
        }
    }

    /// Applies a command and returns, with its result, the exact change made (`redo`) and
    /// the commands that take it back (`undo`). On error nothing changes.
    ///
    /// ```
    /// use yusuan::core::domain::model::Command;
    /// let mut b = yusuan::core::formats::reference::budget();
    /// let before = b.clone();
    /// let change = b.apply_recorded(Command::DeleteLine(1)).unwrap();
    /// for c in change.undo { b.apply(c).unwrap(); }
    /// assert_eq!(b, before);
    /// ```
    pub fn apply_recorded(&mut self, cmd: Command) -> Result<Change, CommandError> {
        let undo: Vec<Command> = match &cmd {
            Command::AddLine(_) | Command::DuplicateLine(_) | Command::InsertLine { .. } => {
                Vec::new() // filled in below, once the new line exists
            }
            Command::UpdateLine { id, field } => {
                let line = self.line(*id).ok_or(CommandError::NoSuchLine(*id))?;
                let old = match field {
                    Field::Kind(_) => Field::Kind(line.kind),
                    Field::Function(_) => Field::Function(line.function),
                    Field::Economic(_) => Field::Economic(line.economic),
                    Field::GovEconomic(_) => Field::GovEconomic(line.gov_economic),
                    Field::Project(_) => Field::Project(line.project.clone()),
                    Field::Source(_) => Field::Source(line.source.clone()),
                    Field::Current(_) => Field::Current(line.current),
                    Field::CarryOver(_) => Field::CarryOver(line.carry_over),
                    Field::Prior(_) => Field::Prior(line.prior),
                    Field::Note(_) => Field::Note(line.note.clone()),
                };
                vec![Command::UpdateLine {
                    id: *id,
                    field: old,
                }]
            }
            Command::DeleteLine(id) => {
                let at = self.index_of(*id)?;
                vec![Command::InsertLine {
                    at,
                    line: self.lines[at].clone(),
                }]
            }
            Command::SetIncome(inc) => match self.income.iter().find(|i| i.source == inc.source) {
                Some(old) => vec![Command::SetIncome(old.clone())],
                None => vec![Command::RemoveIncome(inc.source.clone())],
            },
            Command::Replace(_) => vec![Command::Replace(Box::new(self.clone()))],
            Command::RemoveIncome(source) => self
                .income
                .iter()
                .filter(|i| &i.source == source)
                .map(|i| Command::SetIncome(i.clone()))
                .collect(),
            Command::SetPrior(f, _) => vec![Command::SetPrior(*f, self.prior.get(*f))],
            Command::SetReason(k, _) => {
                vec![Command::SetReason(*k, self.reasons.get(*k).to_string())]
            }
            Command::SetUnitName(_) => vec![Command::SetUnitName(self.unit.name.clone())],
            Command::SetYear(_) => vec![Command::SetYear(self.unit.year)],
            Command::SetProcurement(_) => vec![Command::SetProcurement(self.procurement.clone())],
            Command::SetControlFigure { source, .. } => vec![Command::SetControlFigure {
                source: source.clone(),
                amount: self.control_figures.get(source).copied(),
            }],
            Command::SetCodeName { code, .. } => vec![Command::SetCodeName {
                code: code.clone(),
                name: self.code_names.get(code).cloned().unwrap_or_default(),
            }],
        };
        let redo_same = cmd.clone();
        let applied = self.apply(cmd)?;
        let (redo, undo) = match applied {
            // A new line: redo puts back exactly this line (same id), undo removes it.
            Applied::LineAdded(id) => {
                let at = self.index_of(id)?;
                (
                    Command::InsertLine {
                        at,
                        line: self.lines[at].clone(),
                    },
                    vec![Command::DeleteLine(id)],
                )
            }
            Applied::Changed => (redo_same, undo),
        };
        Ok(Change {
            applied,
            redo: vec![redo],
            undo,
        })
    }

    /// [`Budget::apply_all`] recording the change: all or nothing, undone in reverse.
    pub fn apply_all_recorded(
        &mut self,
        commands: Vec<Command>,
    ) -> Result<Change, (usize, CommandError)> {
        let mut draft = self.clone();
        let mut redo = Vec::with_capacity(commands.len());
        let mut undo = Vec::with_capacity(commands.len());
        for (i, c) in commands.into_iter().enumerate() {
            let change = draft.apply_recorded(c).map_err(|e| (i, e))?;
            redo.extend(change.redo);
            undo.push(change.undo);
        }
        *self = draft;
        Ok(Change {
            applied: Applied::Changed,
            redo,
            undo: undo.into_iter().rev().flatten().collect(),
        })
    }

    /// Applies commands all or nothing: on the first error the budget is left as it was
    /// and the error comes back with the index of the failing command.
    pub fn apply_all(
        &mut self,
        commands: Vec<Command>,
    ) -> Result<Vec<Applied>, (usize, CommandError)> {
        let mut draft = self.clone();
        let mut out = Vec::with_capacity(commands.len());
        for (i, c) in commands.into_iter().enumerate() {
            out.push(draft.apply(c).map_err(|e| (i, e))?);
        }
        *self = draft;
        Ok(out)
    }

    fn index_of(&self, id: LineId) -> Result<usize, CommandError> {
        self.lines
            .iter()
            .position(|l| l.id == id)
            .ok_or(CommandError::NoSuchLine(id))
    }

    /// Turns what a user typed into a field value for line `id`; the error names the cell.
    ///
    /// ```
    /// use yusuan::core::domain::model::{Field, FieldName};
    /// let b = yusuan::core::formats::reference::budget();
    /// let id = b.lines[0].id;
    /// let f = b.parse_field(id, FieldName::Current, "３４０２．７５").unwrap();
    /// assert_eq!(f, Field::Current(yusuan::core::domain::money::Money::from_fen(340_275)));
    /// assert!(b.parse_field(id, FieldName::Current, "abc").is_err());
    /// ```
    pub fn parse_field(
        &self,
        id: LineId,
        field: FieldName,
        text: &str,
    ) -> Result<Field, CommandError> {
        self.parse_field_in(id, field, text, crate::core::domain::money::Unit::Yuan)
    }

    /// [`Budget::parse_field`] where plain amounts are in `unit` (the unit on screen).
    pub fn parse_field_in(
        &self,
        id: LineId,
        field: FieldName,
        text: &str,
        unit: crate::core::domain::money::Unit,
    ) -> Result<Field, CommandError> {
        let err = |error| CommandError::Field {
            line: id,
            field,
            error,
        };
        let text = text.trim();
        let code_or_none = |s: &str| -> Result<Option<FunctionCode>, FieldError> {
            if s.is_empty() {
                Ok(None)
            } else {
                FunctionCode::parse(s).map(Some).map_err(FieldError::Code)
            }
        };
        let econ_or_none = |s: &str| -> Result<Option<EconCode>, FieldError> {
            if s.is_empty() {
                Ok(None)
            } else {
                EconCode::parse(s).map(Some).map_err(FieldError::Code)
            }
        };
        let amount = |s: &str| Money::parse_in(s, unit).map_err(FieldError::Amount);
        let text_field = |s: &str| {
            if s.chars().count() > MAX_TEXT {
                Err(FieldError::TooLong { max: MAX_TEXT })
            } else {
                Ok(s.to_string())
            }
        };
        let r = match field {
            FieldName::Kind => Kind::parse(text)
                .map(Field::Kind)
                .ok_or_else(|| FieldError::BadKind(text.to_string())),
            FieldName::Function => code_or_none(text).map(Field::Function),
            FieldName::Economic => econ_or_none(text).map(Field::Economic),
            FieldName::GovEconomic => econ_or_none(text).map(Field::GovEconomic),
            FieldName::Project => text_field(text).map(Field::Project),
            FieldName::Note => text_field(text).map(Field::Note),
            FieldName::Source => self
                .sources
                .iter()
                .find(|s| s.id == text || s.name == text)
                .map(|s| Field::Source(s.id.clone()))
                .ok_or_else(|| FieldError::UnknownSource(text.to_string())),
            FieldName::Current => amount(text).map(Field::Current),
            FieldName::CarryOver => amount(text).map(Field::CarryOver),
            FieldName::Prior => {
                if text.is_empty() {
                    Ok(Field::Prior(None))
                } else {
                    amount(text).map(|m| Field::Prior(Some(m)))
                }
            }
        };
        r.map_err(err)
    }
}

/// The five fund sources of the reference document (山西 template).
pub fn standard_sources() -> Vec<FundSource> {
    let s = |id: &str, name: &str, kind| FundSource {
        id: id.into(),
        name: name.into(),
        kind,
    };
    vec![
        s("gpb", "一般公共预算", SourceKind::GeneralPublic),
        s("gfb", "政府性基金预算", SourceKind::GovernmentFund),
        s("scb", "国有资本经营预算", SourceKind::StateCapital),
        s("special", "财政专户管理资金", SourceKind::SpecialAccount),
        s("unit", "单位资金", SourceKind::NonFiscal),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Budget {
        let mut b = Budget::empty("测试单位", 2023);
        b.apply(Command::AddLine(LineDraft {
            function: FunctionCode::parse("2010306").ok(),
            economic: EconCode::parse("30101").ok(),
            current: Money::from_fen(100),
            ..LineDraft::new(Kind::Basic, "gpb")
        }))
        .unwrap();
        b
    }

    #[test]
    fn add_update_duplicate_delete() {
        let mut b = budget();
        let id = b.lines[0].id;
        assert_eq!(
            b.apply(Command::DuplicateLine(id)),
            Ok(Applied::LineAdded(id + 1))
        );
        assert_eq!(b.lines.len(), 2);
        b.apply(Command::UpdateLine {
            id: id + 1,
            field: Field::Current(Money::from_fen(250)),
        })
        .unwrap();
        assert_eq!(b.lines[1].current, Money::from_fen(250));
        assert_eq!(b.lines[0].current, Money::from_fen(100));
        b.apply(Command::DeleteLine(id)).unwrap();
        assert_eq!(b.lines.len(), 1);
        assert_eq!(
            b.apply(Command::DeleteLine(id)),
            Err(CommandError::NoSuchLine(id))
        );
    }

    #[test]
    fn replacing_the_budget_is_validated_and_undoable() {
        let mut b = budget();
        let before = b.clone();
        let mut other = Budget::empty("另一个单位", 2024);
        other.sources.clear();
        let e = b
            .apply(Command::Replace(Box::new(other.clone())))
            .unwrap_err();
        assert_eq!(e.to_string(), "budget.sources：至少需要一个资金来源");
        assert_eq!(b, before);
        other.sources = standard_sources();
        let change = b
            .apply_recorded(Command::Replace(Box::new(other.clone())))
            .unwrap();
        assert_eq!(b, other);
        b.apply_all(change.undo).unwrap();
        assert_eq!(b, before);
    }

    #[test]
    fn ids_never_overflow() {
        let mut b = budget();
        b.lines[0].id = LineId::MAX;
        assert_eq!(
            b.apply(Command::DuplicateLine(LineId::MAX)),
            Ok(Applied::LineAdded(1))
        );
    }

    #[test]
    fn errors_name_line_and_field_and_change_nothing() {
        let mut b = budget();
        let before = b.clone();
        let id = b.lines[0].id;
        let e = b
            .apply(Command::UpdateLine {
                id,
                field: Field::Source("nope".into()),
            })
            .unwrap_err();
        assert_eq!(
            e,
            CommandError::Field {
                line: id,
                field: FieldName::Source,
                error: FieldError::UnknownSource("nope".into())
            }
        );
        assert_eq!(
            e.to_string(),
            "第1号明细的“资金来源”：没有名为“nope”的资金来源"
        );
        assert_eq!(b, before);
        let e = b.parse_field(id, FieldName::Function, "20x").unwrap_err();
        assert!(e.to_string().contains("只能由数字组成"), "{e}");
        let e = b.parse_field(id, FieldName::Kind, "其他").unwrap_err();
        assert!(e.to_string().contains("基本支出"), "{e}");
        assert_eq!(
            b.parse_field(id, FieldName::Source, "一般公共预算"),
            Ok(Field::Source("gpb".into()))
        );
    }
}
