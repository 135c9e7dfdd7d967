//! What the page and the panels module say to each other (issue 26): JSON text both ways, so
//! that neither needs the other's memory. The page sends a panel's input when it mounts it and
//! whenever what the panel shows changed; the panel sends back what only the page may do — a
//! change to the budget (the page owns it, its undo and its saving), a notice, printing.
//!
//! Commands cross as themselves (`Command` is serialisable; its payloads are the budget
//! file's types, whose deserialisers the page has anyway).

use crate::core::domain::command::Command;
use crate::core::domain::money::Unit;
use crate::core::domain::workspace::{ScenarioId, Workspace};
use crate::core::present::i18n::Lang;
use crate::ui::state::ImportData;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// A panel's input: what of the page's state the panel shows. `budget` is a budget file's
/// JSON (`None` for a panel that shows no budget, 核对文档): the scenario shown alone, or every
/// scenario for 方案对比 (then `compare` is the pair compared, by their places in the file).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PanelInput {
    pub english: bool,
    pub editable: bool,
    pub unit_view: Option<String>,
    pub rev: u64,
    pub budget: Option<String>,
    /// 万元 or 元, and whether 调整 figures are shown.
    pub unit: Unit,
    pub adjust: bool,
    pub compare: Option<(usize, usize)>,
    /// The 绩效目标表 open, and a field to bring into view.
    pub goal_open: Option<usize>,
    pub goal_focus: Option<String>,
    /// The file being imported (导入, 导入科目表).
    pub sheets: Option<Rc<ImportData>>,
}

impl PanelInput {
    pub fn lang(&self) -> Lang {
        if self.english {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

/// What a panel sends back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PanelOut {
    /// One change, with the message said when it is made.
    Apply {
        command: Command,
        label: Option<String>,
    },
    /// Several changes, all or nothing, as one undo step.
    ApplyAll {
        commands: Vec<Command>,
        label: String,
    },
    /// A message for the page's notice bar.
    Notice {
        error: bool,
        text: String,
    },
    /// A summary and every problem (a rejected paste, a sheet's bad rows).
    Errors(String, Vec<String>),
    ClearNotice,
    /// The print preview of the 基本支出测算表.
    PrintStaffing,
    /// Open a 绩效目标表 (or the list), bringing a field into view.
    OpenGoal(Option<usize>, Option<String>),
    /// The pair of scenarios compared, by their places.
    Compare(Option<(usize, usize)>),
    /// Close the panel (批量调整, 导入, 导入科目表, 预算单位).
    Close(String),
    /// Show a tab (by its id).
    SetTab(String),
    /// Show one 预算单位 of a department (or all).
    SetUnitView(Option<String>),
}

/// The places of the compared scenarios (ids are the page's or the mirror's own).
pub fn compared(ws: &Workspace, pair: Option<(ScenarioId, ScenarioId)>) -> Option<(usize, usize)> {
    let (a, b) = pair?;
    let at = |id| ws.scenarios().iter().position(|s| s.id == id);
    Some((at(a)?, at(b)?))
}

/// The ids of the scenarios at these places.
pub fn compared_ids(
    ws: &Workspace,
    pair: Option<(usize, usize)>,
) -> Option<(ScenarioId, ScenarioId)> {
    let (a, b) = pair?;
    let id = |i: usize| ws.scenarios().get(i).map(|s| s.id);
    Some((id(a)?, id(b)?))
}
