//! The app's state and the actions that change it. Budget changes go through the core's
//! `Budget::apply`; this file only keeps track of what the user sees (tab, selection,
//! editor, messages) and turns typed text into core commands.

use crate::core::config::{Config, Mode};
use crate::core::domain::codes::FunctionCode;
use crate::core::domain::command::{Applied, Command, CommandError, FieldName};
use crate::core::domain::disclosure::ItemText;
use crate::core::domain::model::{Budget, LineId, ReasonKey, TextField};
use crate::core::domain::money::Unit;
use crate::core::domain::workspace::{
    edited_lines, ScenarioId, Workspace, WsChange, WsCommand, WsHistory,
};
use crate::core::figures::checks::CellRef;
use crate::core::present::editor::{Column, View};
use crate::core::present::i18n::Lang;
use std::cell::Ref;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Lines,
    Income,
    Staffing,
    Tables,
    Narrative,
    Goals,
    Charts,
    Checks,
    Verify,
    Compare,
    Practice,
    Glossary,
}

impl Tab {
    pub const ALL: [Tab; 12] = [
        Tab::Lines,
        Tab::Income,
        Tab::Staffing,
        Tab::Tables,
        Tab::Narrative,
        Tab::Goals,
        Tab::Charts,
        Tab::Checks,
        Tab::Verify,
        Tab::Compare,
        Tab::Practice,
        Tab::Glossary,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Tab::Lines => "明细",
            Tab::Income => "收入与上年数",
            Tab::Staffing => "基本支出测算",
            Tab::Tables => "公开表",
            Tab::Narrative => "情况说明",
            Tab::Goals => "绩效目标",
            Tab::Charts => "图表",
            Tab::Checks => "检查",
            Tab::Verify => "核对文档",
            Tab::Compare => "方案对比",
            Tab::Practice => "练习",
            Tab::Glossary => "名词解释",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Tab::Lines => "lines",
            Tab::Income => "income",
            Tab::Staffing => "staffing",
            Tab::Tables => "tables",
            Tab::Narrative => "narrative",
            Tab::Goals => "goals",
            Tab::Charts => "charts",
            Tab::Checks => "checks",
            Tab::Verify => "verify",
            Tab::Compare => "compare",
            Tab::Practice => "practice",
            Tab::Glossary => "glossary",
        }
    }
}

/// The lines one change edited in place (before, after), at revision `rev` of the scenario
/// `scenario`.
#[derive(Debug)]
pub struct Edited {
    pub rev: u64,
    pub scenario: ScenarioId,
    pub lines: Vec<(
        crate::core::domain::model::Line,
        crate::core::domain::model::Line,
    )>,
}

/// A text the user writes into the document, edited where the narrative shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A reason for a change (变动原因).
    Reason(ReasonKey),
    /// 单位职责, 机构设置 or 国有资产.
    Text(TextField),
    /// A 功能分类 项's purpose or reason (上海's narrative).
    Item(FunctionCode, ItemText),
}

impl Written {
    /// The narrative's span key for it (`reason:sangong`, `text:assets`).
    pub fn span_key(self) -> String {
        match self {
            Written::Reason(k) => format!("reason:{}", k.key()),
            Written::Text(f) => format!("text:{}", f.key()),
            Written::Item(c, t) => {
                crate::core::figures::narrative::item_span_key(&c.to_string(), t)
            }
        }
    }

    pub fn from_span_key(key: &str) -> Option<Written> {
        use crate::core::figures::narrative::{item_key, reason_key, text_field};
        text_field(key)
            .map(Written::Text)
            .or_else(|| reason_key(key).map(Written::Reason))
            .or_else(|| {
                let (code, t) = item_key(key)?;
                Some(Written::Item(FunctionCode::parse(&code).ok()?, t))
            })
    }

    /// The command that saves it (a 项's other texts and execution kept).
    pub fn command(self, budget: &Budget, text: String) -> Command {
        match self {
            Written::Reason(k) => Command::SetReason(k, text),
            Written::Text(f) => Command::SetText(f, text),
            Written::Item(c, t) => {
                let code = c.to_string();
                let note = budget.items.get(&code).cloned().unwrap_or_default();
                Command::SetItemNote {
                    code,
                    note: note.with_text(t, text),
                }
            }
        }
    }

    /// Its stored text.
    pub fn stored(self, budget: &Budget) -> String {
        match self {
            Written::Reason(k) => budget.reasons.get(k).to_string(),
            Written::Text(f) => budget.unit.text(f).to_string(),
            Written::Item(c, t) => budget
                .items
                .get(&c.to_string())
                .map(|n| n.text(t).to_string())
                .unwrap_or_default(),
        }
    }

    /// What the undo history calls a change of it.
    pub fn label(self) -> &'static str {
        match self {
            Written::Reason(_) => "修改变动原因",
            Written::Text(TextField::Duties) => "修改本单位职责",
            Written::Text(TextField::Organisation) => "修改机构设置情况",
            Written::Text(TextField::Assets) => "修改国有资产占有使用情况",
            Written::Text(TextField::PurchaseServices) => "修改政府购买服务说明",
            Written::Text(TextField::OtherNotes) => "修改其他说明",
            Written::Item(_, ItemText::Purpose) => "修改功能分类项的主要用途",
            Written::Item(_, ItemText::Reason) => "修改功能分类项的增减原因",
        }
    }
}

/// What is selected in the grid: a line, or a 类/款 subtotal row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sel {
    Line(LineId),
    Group(Option<FunctionCode>),
    /// A 预算单位 subtotal row (grouping by unit).
    Unit(String),
}

/// A cell being edited and the text typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editing {
    pub line: LineId,
    pub col: Column,
    pub text: String,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
    /// A summary and every problem (e.g. a rejected paste).
    Errors(String, Vec<String>),
    /// A 测算生成 line was just edited by hand: detach it, or give it back the model's figures?
    Detach(crate::core::domain::model::LineId),
}

/// The figure whose explanation is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExplainTarget {
    Figure(String),
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
}

#[derive(Clone)]
pub struct State {
    /// Every scenario and which one is shown, changed only through `Workspace::apply_recorded`
    /// in [`State::reduce`]. Shared, not cloned per edit: a 10,000-line budget would cost a
    /// deep copy on every keystroke.
    pub ws: Rc<RefCell<Workspace>>,
    /// Bumped on every budget change; derived data is memoised on it.
    pub rev: u64,
    /// Undo/redo of every change in any scenario (shared like the workspace).
    pub history: Rc<RefCell<WsHistory>>,
    pub unit: Unit,
    pub adjust: bool,
    pub tab: Tab,
    pub view: View,
    pub sel: Option<Sel>,
    pub col: Column,
    pub editing: Option<Editing>,
    /// Cells whose last input was refused: (message, the text that was typed).
    pub errors: HashMap<(LineId, Column), (String, String)>,
    pub notice: Option<Notice>,
    pub explain: Option<ExplainTarget>,
    pub highlight_lines: BTreeSet<LineId>,
    pub highlight_cells: Vec<CellRef>,
    /// The lines the last change (at revision `rev`) changed in place, so that the sums are
    /// updated instead of built again (`effects::use_report`).
    pub edited: Option<Rc<Edited>>,
    /// The 绩效目标表 open in the 绩效目标 tab (its index), and a field to bring into
    /// view (a check's place: `funds_annual.total`, `indicators_annual[2]` …).
    pub goal_open: Option<usize>,
    pub goal_focus: Option<String>,
    pub printing: bool,
    /// The grid's scroll offset in pixels.
    pub scroll_top: f64,
    /// A written text being edited where the narrative shows it, and its text so far.
    pub editing_text: Option<(Written, String)>,
    /// Whether changes are saved to browser storage.
    pub autosave: bool,
    /// Unreadable stored data found at start, offered for download.
    pub kept: Option<Kept>,
    /// The 控制数 panel is open.
    pub show_control: bool,
    /// The 预算单位 panel is open.
    pub show_units: bool,
    /// The 预算单位 shown (a department's figures for one unit); `None`: all units.
    pub unit_view: Option<String>,
    /// The scenarios compared in the 对比 tab (base, other).
    pub compare: Option<(ScenarioId, ScenarioId)>,
    /// The bulk-adjustment panel is open.
    pub show_adjust: bool,
    /// A table being imported (rows read from the file), shown in the import panel.
    pub import: Option<Rc<ImportData>>,
    /// A code list being imported (导入科目表), shown in its panel.
    pub code_list: Option<Rc<ImportData>>,
    /// The print preview shows the 基本支出测算表 (not the disclosure document).
    pub print_staffing: bool,
    /// A payroll sheet being imported into the 基本支出测算 model, shown in its panel.
    pub payroll: Option<Rc<ImportData>>,
    /// A share link just made, shown for copying.
    pub share_link: Option<String>,
    /// 编辑 / 只读 / 练习 (only 编辑 lets the user change the budget).
    pub mode: Mode,
    /// The page's configuration (tabs, allowed message origins, exercises).
    pub config: Rc<Config>,
    /// A configured budget is being fetched.
    pub loading: bool,
    /// Practice answers by exercise id: what was typed and the grade.
    pub answers: HashMap<&'static str, Answer>,
    /// The interface language.
    pub lang: Lang,
}

/// A trainee's answer to one exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub typed: String,
    /// `Some(Ok(right))` once graded; `Some(Err(message))` for an unreadable answer.
    pub graded: Option<Result<bool, String>>,
}

/// A file read for import: its sheets (one for CSV) as rows of text.
#[derive(Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ImportData {
    pub file_name: String,
    pub sheets: Vec<(String, Vec<Vec<String>>)>,
}

/// Stored data that could not be read at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub problem: String,
    /// A `blob:` URL to download the data as it was.
    pub url: Option<String>,
    /// Copied to another storage key (else left in place and autosave is off).
    pub kept_aside: bool,
}

/// Equal when the same budget revision is shown the same way (the budget is compared by
/// identity and revision, never by walking its lines).
impl PartialEq for State {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.ws, &o.ws)
            && self.rev == o.rev
            && Rc::ptr_eq(&self.history, &o.history)
            && self.unit == o.unit
            && self.adjust == o.adjust
            && self.tab == o.tab
            && self.view == o.view
            && self.sel == o.sel
            && self.col == o.col
            && self.editing == o.editing
            && self.errors == o.errors
            && self.notice == o.notice
            && self.explain == o.explain
            && self.highlight_lines == o.highlight_lines
            && self.highlight_cells == o.highlight_cells
            && self.goal_open == o.goal_open
            && self.goal_focus == o.goal_focus
            && self.printing == o.printing
            && self.scroll_top == o.scroll_top
            && self.editing_text == o.editing_text
            && self.autosave == o.autosave
            && self.kept == o.kept
            && self.show_control == o.show_control
            && self.show_units == o.show_units
            && self.unit_view == o.unit_view
            && self.compare == o.compare
            && self.show_adjust == o.show_adjust
            && self.import.as_ref().map(Rc::as_ptr) == o.import.as_ref().map(Rc::as_ptr)
            && self.code_list.as_ref().map(Rc::as_ptr) == o.code_list.as_ref().map(Rc::as_ptr)
            && self.payroll.as_ref().map(Rc::as_ptr) == o.payroll.as_ref().map(Rc::as_ptr)
            && self.print_staffing == o.print_staffing
            && self.share_link == o.share_link
            && self.mode == o.mode
            && Rc::ptr_eq(&self.config, &o.config)
            && self.loading == o.loading
            && self.answers == o.answers
            && self.lang == o.lang
    }
}

impl State {
    /// The exercises of this practice page (configured, else all).
    pub fn exercises(&self) -> Vec<&'static crate::core::practice::Exercise> {
        use crate::core::practice::{Exercise, Target};
        let list: Vec<&'static Exercise> = match &self.config.exercises {
            Some(ids) => ids
                .iter()
                .filter_map(|i| crate::core::practice::find(i))
                .collect(),
            None => crate::core::practice::EXERCISES.iter().collect(),
        };
        // Exercises on the 基本支出测算 only for a budget that has a model.
        let modelled = !self.budget().staffing.is_empty();
        list.into_iter()
            .filter(|e| modelled || !matches!(e.target, Target::Staffing { .. }))
            .collect()
    }

    /// How many exercises of a practice page are not answered right yet (0 outside
    /// practice): the tables, charts and explanations wait for them.
    pub fn practice_pending(&self) -> usize {
        self.pending_exercises().len()
    }

    /// The exercises of a practice page not answered right yet (none outside practice).
    pub fn pending_exercises(&self) -> Vec<&'static crate::core::practice::Exercise> {
        if self.mode != crate::core::config::Mode::Practice {
            return Vec::new();
        }
        self.exercises()
            .into_iter()
            .filter(|ex| {
                !self
                    .answers
                    .get(ex.id)
                    .is_some_and(|a| a.graded.as_ref().is_some_and(|g| g.is_ok()))
            })
            .collect()
    }

    pub fn new(ws: Workspace) -> State {
        State {
            ws: Rc::new(RefCell::new(ws)),
            rev: 0,
            history: Rc::new(RefCell::new(WsHistory::default())),
            unit: Unit::Wan,
            adjust: false,
            tab: Tab::Lines,
            view: View::default(),
            sel: None,
            col: Column::Current,
            editing: None,
            errors: HashMap::new(),
            notice: None,
            explain: None,
            highlight_lines: BTreeSet::new(),
            highlight_cells: Vec::new(),
            goal_open: None,
            goal_focus: None,
            edited: None,
            printing: false,
            scroll_top: 0.0,
            editing_text: None,
            autosave: true,
            kept: None,
            show_control: false,
            show_units: false,
            unit_view: None,
            compare: None,
            show_adjust: false,
            import: None,
            code_list: None,
            payroll: None,
            print_staffing: false,
            share_link: None,
            mode: Mode::Edit,
            config: Rc::new(Config::default()),
            loading: false,
            answers: HashMap::new(),
            lang: Lang::Zh,
        }
    }
}

pub enum Action {
    SetUnit(Unit),
    ToggleAdjust,
    SetTab(Tab),
    Select(Sel, Column),
    StartEdit(Editing),
    EditText(String),
    /// Commit the editor, then select this cell (if any).
    Commit(Option<(Sel, Column)>),
    CancelEdit,
    /// One budget command, with a message on success.
    Apply(Command, Option<String>),
    /// Several commands, all or nothing.
    ApplyAll(Vec<Command>, String),
    /// Clear a cell (Delete key).
    ClearCell(LineId, Column),
    Notice(Option<Notice>),
    SetView(View),
    Explain(Option<ExplainTarget>),
    /// Show these lines in the grid (from a check or an explanation).
    JumpToLines(Vec<LineId>),
    JumpToCells(Vec<CellRef>),
    /// Open a 绩效目标表 (or the list), bringing a field into view.
    OpenGoal(Option<usize>, Option<String>),
    Scroll(f64),
    Print(bool),
    /// The print preview of the 基本支出测算表 alone (the tab's 打印测算表).
    PrintStaffing,
    /// Open (or close) the editor of a written text, with its text so far.
    EditWritten(Option<(Written, String)>),
    /// Save the written text being edited.
    CommitWritten,
    Undo,
    Redo,
    DismissKept,
    ShowControl(bool),
    /// Open (or close) the 预算单位 panel.
    ShowUnits(bool),
    /// Show one 预算单位 of a department (or all).
    SetUnitView(Option<String>),
    /// Show another scenario.
    SwitchScenario(ScenarioId),
    /// A new scenario: a copy of the one shown, or of the reference budget.
    NewScenario {
        from_reference: bool,
    },
    RenameScenario(ScenarioId, String),
    /// Delete (the view asks for confirmation first; undo brings it back).
    DeleteScenario(ScenarioId),
    /// Add scenarios (an opened file, a share link), after the one shown; one undo step.
    AddScenarios(Vec<(String, Budget)>, String),
    /// The two scenarios compared (base, other).
    SetCompare(Option<(ScenarioId, ScenarioId)>),
    ShowAdjust(bool),
    /// Open (or close) the import panel for a file's rows.
    Import(Option<Rc<ImportData>>),
    /// Open (or close) the code-list panel for a file's rows.
    CodeList(Option<Rc<ImportData>>),
    /// Open (or close) the payroll panel of the 基本支出测算 tab for a file's rows.
    Payroll(Option<Rc<ImportData>>),
    ShareLink(Option<String>),
    /// Replace every scenario (a configured budget, or one sent by the host page); not
    /// undoable: the history starts anew.
    LoadWorkspace(Box<Workspace>, String),
    /// What the start found in IndexedDB (the app waits for it).
    StorageOpened(std::rc::Rc<crate::ui::storage::Opened>),
    /// Another tab's saved changes merged into this tab's (not an edit here: nothing to
    /// undo); the names of scenarios kept in both versions.
    Merged(Box<Workspace>, Vec<String>),
    /// A configured budget could not be loaded: say why, keep what is shown.
    LoadFailed(String),
    /// Practice: the answer typed so far, and grading it.
    TypeAnswer(&'static str, String),
    Grade(&'static str, Result<bool, String>),
    ResetPractice,
    SetLang(Lang),
    /// In a lazily loaded panel (`ui::panels`): the page's budget and view, sent by the page.
    Mirror(Box<Mirror>),
}

/// What a lazily loaded panel's state takes from the page (`Action::Mirror`).
pub struct Mirror {
    pub ws: Workspace,
    pub rev: u64,
    pub lang: Lang,
    pub editable: bool,
    pub unit_view: Option<String>,
    pub unit: Unit,
    pub adjust: bool,
    pub compare: Option<(ScenarioId, ScenarioId)>,
    pub goal_open: Option<usize>,
    pub goal_focus: Option<String>,
}

/// What this module does with actions only the page may carry out. In the page: nothing
/// (`None`). In the panels module (`ui::panels`), the mirror's budget changes, notices and
/// printing are sent to the page, which owns the budget: the function returns `true` for an
/// action it sent, and the mirror then waits for the page's new budget.
pub type Forward = Box<dyn Fn(&Action) -> bool>;

thread_local! {
    pub static FORWARD: RefCell<Option<Forward>> = const { RefCell::new(None) };
}

impl Action {
    /// Whether the action changes a budget or the scenarios (refused unless in 编辑 mode).
    fn edits(&self) -> bool {
        matches!(
            self,
            Action::StartEdit(_)
                | Action::Commit(_)
                | Action::Apply(..)
                | Action::ApplyAll(..)
                | Action::ClearCell(..)
                | Action::EditWritten(_)
                | Action::CommitWritten
                | Action::Undo
                | Action::Redo
                | Action::NewScenario { .. }
                | Action::RenameScenario(..)
                | Action::DeleteScenario(_)
                | Action::AddScenarios(..)
                | Action::ShowAdjust(true)
                | Action::Import(Some(_))
                | Action::CodeList(Some(_))
                | Action::Payroll(Some(_))
                | Action::ShowControl(true)
                | Action::ShowUnits(true)
        )
    }
}

/// A short description of a command for the undo history.
fn command_label(cmd: &Command) -> String {
    match cmd {
        Command::AddLine(_) | Command::InsertLine { .. } => "新增明细".into(),
        Command::UpdateLine { id, .. } => format!("修改第{id}号明细"),
        Command::DeleteLine(id) => format!("删除第{id}号明细"),
        Command::DuplicateLine(id) => format!("复制第{id}号明细"),
        Command::SetUnitName(_) => "修改单位名称".into(),
        Command::SetYear(_) => "修改预算年度".into(),
        Command::SetReason(..) => "修改变动原因".into(),
        Command::Replace(_) => "打开文件".into(),
        Command::InsertGoal { form, .. } => format!("新增绩效目标表“{}”", form.display_name()),
        Command::UpdateGoal { form, .. } => format!("修改绩效目标表“{}”", form.display_name()),
        Command::RemoveGoal(at) => format!("删除第{}张绩效目标表", at + 1),
        Command::MoveGoal { .. } => "移动绩效目标表".into(),
        _ => "修改".into(),
    }
}

fn command_error_text(e: &CommandError) -> String {
    match e {
        CommandError::Field { field, error, .. } => format!("{field}：{error}"),
        other => other.to_string(),
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if FORWARD.with(|f| f.borrow().as_ref().is_some_and(|f| f(&action))) {
            return self;
        }
        let mut s = (*self).clone();
        if let Action::Mirror(m) = action {
            s.reduce_mirror(*m);
            return Rc::new(s);
        }
        if !s.mode.editable() && action.edits() {
            // Keys that would start an edit are ignored quietly; anything else says why.
            if !matches!(action, Action::StartEdit(_) | Action::Commit(_)) {
                s.notice = Some(Notice::Info(
                    if s.mode == Mode::Practice {
                        "练习模式：预算不能修改"
                    } else {
                        "只读模式：预算不能修改"
                    }
                    .into(),
                ));
            }
            s.editing = None;
            return Rc::new(s);
        }
        match action {
            a @ (Action::StartEdit(_)
            | Action::EditText(_)
            | Action::CancelEdit
            | Action::Commit(_)
            | Action::Apply(..)
            | Action::ApplyAll(..)
            | Action::ClearCell(..)
            | Action::EditWritten(_)
            | Action::CommitWritten) => s.edit_action(a),
            a @ (Action::SwitchScenario(_)
            | Action::NewScenario { .. }
            | Action::RenameScenario(..)
            | Action::DeleteScenario(_)
            | Action::AddScenarios(..)
            | Action::LoadWorkspace(..)
            | Action::LoadFailed(_)) => s.scenario_action(a),
            Action::Merged(ws, conflicts) => s.merged(*ws, conflicts),
            Action::StorageOpened(opened) => s.storage_opened(&opened),
            Action::Undo => s.undo_redo(true),
            Action::Redo => s.undo_redo(false),
            a => s.show(a),
        }
        Rc::new(s)
    }
}

impl State {
    /// What is shown and how: tab, unit, selection, panels, notices, language.
    fn show(&mut self, action: Action) {
        match action {
            Action::SetUnit(u) => {
                self.unit = u;
                self.editing = None;
            }
            Action::ToggleAdjust => self.adjust = !self.adjust,
            Action::SetTab(t) => {
                self.tab = t;
                self.editing = None;
            }
            Action::Select(sel, col) => {
                // Moving on from a refused input clears its mark (the old value stands; the
                // notice said why): every mark but the newly selected cell's goes. (A refused
                // Enter may already have moved the selection; the mark stays until the next
                // move.)
                let here = match &sel {
                    Sel::Line(id) => Some((*id, col)),
                    _ => None,
                };
                self.errors.retain(|k, _| Some(*k) == here);
                self.sel = Some(sel);
                self.col = col;
            }
            Action::Notice(n) => self.notice = n,
            Action::SetView(v) => {
                self.view = v;
                self.scroll_top = 0.0;
            }
            // Practice: an explanation's formula gives other answers away; the practice view
            // explains each answer once it is right.
            Action::Explain(t) if t.is_none() || self.practice_pending() == 0 => self.explain = t,
            Action::Explain(_) => {}
            Action::JumpToLines(ids) => {
                self.tab = Tab::Lines;
                self.highlight_lines = ids.iter().copied().collect();
                self.view.filter = crate::core::present::editor::Filter::default();
                self.view.collapsed.clear();
                if ids.len() > 1 {
                    self.view.filter.lines = Some(ids.iter().copied().collect());
                }
                self.sel = ids.first().map(|id| Sel::Line(*id));
                self.scroll_top = 0.0;
            }
            Action::JumpToCells(cells) => {
                self.tab = Tab::Tables;
                self.highlight_cells = cells;
            }
            Action::OpenGoal(form, field) => {
                self.tab = Tab::Goals;
                self.goal_open = form;
                self.goal_focus = field;
            }
            Action::Scroll(y) => self.scroll_top = y,
            // The browser's `beforeprint` says Print(true) again: the 测算表 stays chosen until
            // the preview closes.
            Action::Print(p) => {
                self.printing = p;
                self.print_staffing &= p;
            }
            Action::PrintStaffing => {
                self.printing = true;
                self.print_staffing = true;
            }
            Action::DismissKept => self.kept = None,
            Action::SetCompare(c) => {
                self.compare = c;
                self.tab = Tab::Compare;
            }
            Action::ShowAdjust(v) => self.show_adjust = v,
            Action::Import(d) => self.import = d,
            Action::CodeList(d) => self.code_list = d,
            Action::Payroll(d) => self.payroll = d,
            Action::ShareLink(l) => self.share_link = l,
            Action::TypeAnswer(id, text) => {
                let a = self.answers.entry(id).or_default();
                a.typed = text;
                a.graded = None;
            }
            Action::Grade(id, g) => self.answers.entry(id).or_default().graded = Some(g),
            Action::ResetPractice => self.answers.clear(),
            Action::SetLang(l) => self.lang = l,
            Action::ShowControl(v) => self.show_control = v,
            Action::ShowUnits(v) => self.show_units = v,
            Action::SetUnitView(v) => {
                self.view.filter.unit = v.clone();
                self.unit_view = v;
                self.sel = None;
                self.editing = None;
                self.scroll_top = 0.0;
            }
            _ => {}
        }
    }

    /// Edits of the budget shown: cells, commands, reasons.
    fn edit_action(&mut self, action: Action) {
        match action {
            Action::StartEdit(e) => {
                self.sel = Some(Sel::Line(e.line));
                self.col = e.col;
                self.editing = Some(e);
            }
            Action::EditText(t) => {
                if let Some(e) = &mut self.editing {
                    e.text = t;
                }
            }
            Action::CancelEdit => self.editing = None,
            Action::Commit(next) => {
                if let Some(e) = self.editing.take() {
                    self.commit(e);
                }
                if let Some((sel, col)) = next {
                    self.sel = Some(sel);
                    self.col = col;
                }
            }
            Action::Apply(cmd, message) => {
                let label = message.clone().unwrap_or_else(|| command_label(&cmd));
                let result = self.edit(vec![cmd]);
                match result {
                    Ok(change) => {
                        if let Some(Applied::LineAdded(id)) = change.applied {
                            // A new line starts at its first cell to type: the 功能科目.
                            self.sel = Some(Sel::Line(id));
                            self.col = Column::Function;
                        }
                        self.changed(label, change);
                        self.notice = message.map(Notice::Info);
                    }
                    Err(e) => self.notice = Some(Notice::Error(command_error_text(&e))),
                }
            }
            Action::ApplyAll(cmds, message) => {
                let result = self.edit(cmds);
                match result {
                    Ok(change) => {
                        self.changed(message.clone(), change);
                        self.notice = Some(Notice::Info(message));
                    }
                    Err(e) => {
                        self.notice = Some(Notice::Error(format!(
                            "未做任何更改：{}",
                            command_error_text(&e)
                        )))
                    }
                }
            }
            Action::ClearCell(line, col) => {
                use crate::core::domain::command::Field;
                use crate::core::domain::money::Money;
                let field = match col {
                    Column::Function => Some(Field::Function(None)),
                    Column::Economic => Some(Field::Economic(None)),
                    Column::GovEconomic => Some(Field::GovEconomic(None)),
                    Column::Project => Some(Field::Project(String::new())),
                    Column::Note => Some(Field::Note(String::new())),
                    Column::Prior => Some(Field::Prior(None)),
                    Column::Executed => Some(Field::Executed(None)),
                    Column::Current => Some(Field::Current(Money::ZERO)),
                    Column::CarryOver => Some(Field::CarryOver(Money::ZERO)),
                    _ => None,
                };
                if let Some(field) = field {
                    let result = self.edit(vec![Command::UpdateLine { id: line, field }]);
                    if let Ok(change) = result {
                        self.changed(format!("清除第{line}号明细的“{}”", col.label()), change);
                        self.errors.remove(&(line, col));
                    }
                }
            }
            Action::EditWritten(r) => self.editing_text = r,
            Action::CommitWritten => {
                if let Some((key, text)) = self.editing_text.take() {
                    let cmd = key.command(&self.budget(), text.trim().to_string());
                    let r = self.edit(vec![cmd]);
                    match r {
                        Ok(change) => self.changed(key.label().to_string(), change),
                        Err(e) => self.notice = Some(Notice::Error(command_error_text(&e))),
                    }
                }
            }
            _ => {}
        }
    }

    /// Scenarios: switch, create, rename, delete, add, load.
    fn scenario_action(&mut self, action: Action) {
        match action {
            Action::SwitchScenario(id) => {
                let r = self.ws.borrow_mut().switch(id);
                match r {
                    Ok(()) => {
                        self.after_switch();
                        self.rev += 1;
                    }
                    Err(e) => self.notice = Some(Notice::Error(command_error_text(&e))),
                }
            }
            Action::NewScenario { from_reference } => {
                let prepared = {
                    let mut w = self.ws.borrow_mut();
                    let (name, budget) = if from_reference {
                        (
                            "示例".to_string(),
                            crate::core::formats::reference::budget(),
                        )
                    } else {
                        (w.current().name.clone(), w.budget().clone())
                    };
                    w.prepare(&name, budget)
                        .map(|sc| w.insert_after_current(sc))
                };
                match prepared {
                    Ok(cmd) => {
                        let label = if from_reference {
                            "新建方案（参考预算）"
                        } else {
                            "复制方案"
                        };
                        self.ws_change(cmd, label.into())
                    }
                    Err(e) => self.notice = Some(Notice::Error(command_error_text(&e))),
                }
            }
            Action::RenameScenario(id, name) => {
                let label = format!("方案改名为“{}”", name.trim());
                self.ws_change(WsCommand::Rename(id, name), label)
            }
            Action::DeleteScenario(id) => {
                let name = self.ws.borrow().get(id).map(|sc| sc.name.clone());
                let label = format!("删除方案“{}”（可撤销）", name.unwrap_or_default());
                self.ws_change(WsCommand::Remove(id), label);
                self.compare = None;
            }
            Action::AddScenarios(parts, label) => {
                let cmds = {
                    let mut w = self.ws.borrow_mut();
                    let mut at = w.current_index() + 1;
                    let mut cmds = Vec::new();
                    let mut error = None;
                    for (name, budget) in parts {
                        match w.prepare(&name, budget) {
                            Ok(sc) => {
                                cmds.push(WsCommand::Insert { at, scenario: sc });
                                at += 1;
                            }
                            Err(e) => {
                                error = Some(e);
                                break;
                            }
                        }
                    }
                    match error {
                        Some(e) => Err(e),
                        None => Ok(cmds),
                    }
                };
                let result = cmds.and_then(|cmds| {
                    let mut w = self.ws.borrow_mut();
                    let mut draft = w.clone();
                    let mut redo = Vec::new();
                    let mut undo = Vec::new();
                    for c in cmds {
                        let ch = draft.apply_recorded(c)?;
                        redo.extend(ch.step.redo);
                        undo.splice(0..0, ch.step.undo);
                    }
                    *w = draft;
                    Ok(crate::core::domain::history::Step { redo, undo })
                });
                match result {
                    Ok(step) => {
                        self.after_switch();
                        self.rev += 1;
                        self.history.borrow_mut().record(label.clone(), step);
                        self.notice = Some(Notice::Info(label));
                    }
                    Err(e) => {
                        self.notice = Some(Notice::Error(format!(
                            "未做任何更改：{}",
                            command_error_text(&e)
                        )))
                    }
                }
            }
            Action::LoadWorkspace(ws, label) => {
                *self.ws.borrow_mut() = *ws;
                self.history.borrow_mut().clear();
                self.after_switch();
                self.rev += 1;
                self.loading = false;
                self.answers.clear();
                self.compare = None;
                self.notice = Some(Notice::Info(label));
            }
            Action::LoadFailed(msg) => {
                self.loading = false;
                self.notice = Some(Notice::Error(msg));
            }
            _ => {}
        }
    }

    /// Undo (or redo) of the last change, in whichever scenario it was made.
    fn undo_redo(&mut self, undo: bool) {
        self.editing = None;
        let before = self.ws.borrow().current_id();
        let step = {
            let h = self.history.borrow();
            let s = if undo { h.next_undo() } else { h.next_redo() };
            s.map(|s| {
                if undo {
                    (s.undo.clone(), s.redo.clone())
                } else {
                    (s.redo.clone(), s.undo.clone())
                }
            })
        };
        let result = {
            let mut h = self.history.borrow_mut();
            let mut w = self.ws.borrow_mut();
            if undo {
                h.undo(&mut *w)
            } else {
                h.redo(&mut *w)
            }
        };
        if self.ws.borrow().current_id() != before {
            self.after_switch();
        }
        match result {
            None => {
                self.notice = Some(Notice::Info(
                    if undo {
                        "没有可撤销的操作"
                    } else {
                        "没有可重做的操作"
                    }
                    .into(),
                ))
            }
            Some(Ok(label)) => {
                self.rev += 1;
                if let Some((applied, inverse)) = step {
                    self.note_edited(&applied, &inverse);
                }
                let verb = if undo { "已撤销" } else { "已重做" };
                self.notice = Some(Notice::Info(format!("{verb}：{label}")));
            }
            Some(Err(e)) => self.notice = Some(Notice::Error(command_error_text(&e))),
        }
    }

    /// The budget of the scenario shown.
    /// Takes the page's budget and view (a lazily loaded panel's mirror, `ui::panels`).
    pub fn reduce_mirror(&mut self, m: Mirror) {
        self.ws = Rc::new(RefCell::new(m.ws));
        self.rev = m.rev;
        self.lang = m.lang;
        self.mode = if m.editable {
            Mode::Edit
        } else {
            Mode::ReadOnly
        };
        self.unit_view = m.unit_view;
        self.unit = m.unit;
        self.adjust = m.adjust;
        self.compare = m.compare;
        self.goal_open = m.goal_open;
        self.goal_focus = m.goal_focus;
    }

    pub fn budget(&self) -> Ref<'_, Budget> {
        Ref::map(self.ws.borrow(), |w| w.budget())
    }

    /// Applies budget commands to the scenario shown, all or nothing, recorded for undo.
    fn edit(&self, commands: Vec<Command>) -> Result<WsChange, CommandError> {
        let id = self.ws.borrow().current_id();
        self.ws
            .borrow_mut()
            .apply_recorded(WsCommand::Edit(id, commands))
    }

    /// After a recorded change: bump the revision and keep it for undo.
    fn changed(&mut self, label: String, change: WsChange) {
        self.rev += 1;
        self.note_edited(&change.step.redo, &change.step.undo);
        self.history.borrow_mut().record(label, change);
    }

    /// Keeps which lines a step changed in place (see [`Edited`]).
    fn note_edited(&mut self, applied: &[WsCommand], inverse: &[WsCommand]) {
        let ws = self.ws.borrow();
        self.edited = edited_lines(&ws, applied, inverse).map(|(scenario, lines)| {
            Rc::new(Edited {
                rev: self.rev,
                scenario,
                lines,
            })
        });
    }

    /// A workspace change (scenarios), recorded for undo; the error becomes the notice.
    fn ws_change(&mut self, cmd: WsCommand, label: String) {
        let result = self.ws.borrow_mut().apply_recorded(cmd);
        match result {
            Ok(change) => {
                self.after_switch();
                self.changed(label.clone(), change);
                self.notice = Some(Notice::Info(label));
            }
            Err(e) => self.notice = Some(Notice::Error(command_error_text(&e))),
        }
    }

    /// Another scenario is shown: forget what belonged to the previous one.
    /// Shows what IndexedDB held at start, or, with nothing there, saves what is shown (the
    /// reference, or localStorage data of an earlier build, which so moves in).
    fn storage_opened(&mut self, opened: &crate::ui::storage::Opened) {
        use crate::ui::storage::Opened;
        self.loading = false;
        match opened {
            Opened::Unavailable => {}
            Opened::Empty => self.rev += 1,
            Opened::Restored(ws) => {
                *self.ws.borrow_mut() = (**ws).clone();
                self.history.borrow_mut().clear();
                self.after_switch();
                self.rev += 1;
            }
            Opened::Unreadable { text, problem } => {
                self.kept = Some(Kept {
                    problem: problem.clone(),
                    url: crate::ui::storage::download_url(text),
                    kept_aside: false,
                });
                self.autosave = false;
            }
        }
    }

    /// Shows the workspace merged with another tab's save. The undo history stays: its
    /// steps name scenarios by id, which the merge keeps for every scenario of the same name.
    fn merged(&mut self, ws: Workspace, conflicts: Vec<String>) {
        *self.ws.borrow_mut() = ws;
        self.rev += 1;
        // A plain “brought in” never hides a warning still shown (a conflict's, above all).
        if conflicts.is_empty() && matches!(self.notice, Some(Notice::Error(_))) {
            return;
        }
        self.notice = Some(match conflicts.as_slice() {
            [] => Notice::Info("已载入另一个标签页中的修改".into()),
            names => Notice::Error(format!(
                "另一个标签页同时修改了方案“{}”的同一处：两个版本都已保留，另一版本名为“{}{}”",
                names.join("”“"),
                names[0],
                crate::core::formats::merge::COPY_SUFFIX
            )),
        });
    }

    fn after_switch(&mut self) {
        self.sel = None;
        self.editing = None;
        self.errors.clear();
        self.explain = None;
        self.highlight_lines.clear();
        self.highlight_cells.clear();
        self.goal_open = None;
        self.goal_focus = None;
        self.editing_text = None;
        self.scroll_top = 0.0;
        self.unit_view = None;
        self.view.filter.unit = None;
    }

    /// Turns the editor's text into a command; a refused value keeps the old one, marks the
    /// cell and says why (the typed text is kept for the next try).
    /// Whether a hand edit changed what a 测算生成 line's model gives (its amount, codes,
    /// source, kind or unit): the user is then asked whether to detach it.
    fn generated_changed(&self, id: LineId, field: Option<FieldName>) -> bool {
        let what = matches!(
            field,
            Some(
                FieldName::Current
                    | FieldName::Function
                    | FieldName::Economic
                    | FieldName::Source
                    | FieldName::Kind
                    | FieldName::Unit
            )
        );
        what && self.budget().line(id).is_some_and(|l| l.generated)
    }

    fn commit(&mut self, e: Editing) {
        let key = (e.line, e.col);
        let result = match e.col.field() {
            Some(field) => {
                let parsed = self
                    .budget()
                    .parse_field_in(e.line, field, &e.text, self.unit);
                parsed.and_then(|f| {
                    self.edit(vec![Command::UpdateLine {
                        id: e.line,
                        field: f,
                    }])
                })
            }
            None => {
                // A name column names the line's code (for codes the tables do not know).
                let code = {
                    let b = self.budget();
                    b.line(e.line).and_then(|l| match e.col {
                        Column::FunctionName => l.function.map(|c| c.to_string()),
                        _ => l.economic.map(|c| c.to_string()),
                    })
                };
                match code {
                    Some(code) => self.edit(vec![Command::SetCodeName {
                        code,
                        name: e.text.trim().to_string(),
                    }]),
                    None => {
                        self.notice = Some(Notice::Error("请先填写科目编码，再填写名称".into()));
                        return;
                    }
                }
            }
        };
        match result {
            Ok(change) => {
                self.changed(
                    format!("修改第{}号明细的“{}”", e.line, e.col.label()),
                    change,
                );
                self.errors.remove(&key);
                if matches!(self.notice, Some(Notice::Error(_))) {
                    self.notice = None;
                }
                if self.generated_changed(e.line, e.col.field()) {
                    self.notice = Some(Notice::Detach(e.line));
                }
            }
            Err(err) => {
                let msg = command_error_text(&err);
                self.notice = Some(Notice::Error(format!("未修改：{msg}")));
                self.errors.insert(key, (msg, e.text));
            }
        }
    }
}
