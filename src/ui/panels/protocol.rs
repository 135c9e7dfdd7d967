//! What the page and the panels module say to each other (issue 26): JSON text both ways, so
//! that neither needs the other's memory. The page sends a panel's input when it mounts it and
//! whenever what the panel shows changed; the panel sends back what only the page may do — a
//! change to the budget (the page owns it, its undo and its saving), a notice, printing.
//!
//! Only the few commands a lazily loaded panel makes cross: each is one the page reads with
//! deserialisers it has anyway (the 测算 model is part of the budget file), so the page gains
//! no serde code for `Command` as a whole.

use crate::core::domain::command::Command;
use crate::core::domain::command::Field;
use crate::core::domain::goals::GoalForm;
use crate::core::domain::model::LineId;
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::staffing::StaffModel;
use crate::core::domain::workspace::{ScenarioId, Workspace};
use crate::core::present::i18n::Lang;
use serde::{Deserialize, Serialize};

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

/// A budget change a panel asks the page to make.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PanelCommand {
    SetStaffModel {
        unit: Option<String>,
        model: Option<Box<StaffModel>>,
    },
    SetGenerated {
        id: LineId,
        generated: bool,
    },
    /// A line's 本年预算数 (bulk adjustment).
    SetCurrent {
        id: LineId,
        amount: Money,
    },
    InsertGoal {
        at: usize,
        form: Box<GoalForm>,
    },
    UpdateGoal {
        at: usize,
        form: Box<GoalForm>,
    },
    RemoveGoal(usize),
}

impl PanelCommand {
    /// The core command it stands for.
    pub fn command(self) -> Command {
        match self {
            PanelCommand::SetStaffModel { unit, model } => Command::SetStaffModel { unit, model },
            PanelCommand::SetGenerated { id, generated } => Command::SetGenerated { id, generated },
            PanelCommand::SetCurrent { id, amount } => Command::UpdateLine {
                id,
                field: Field::Current(amount),
            },
            PanelCommand::InsertGoal { at, form } => Command::InsertGoal { at, form },
            PanelCommand::UpdateGoal { at, form } => Command::UpdateGoal { at, form },
            PanelCommand::RemoveGoal(at) => Command::RemoveGoal(at),
        }
    }

    /// The crossing form of a core command, if a panel may send it.
    pub fn of(command: &Command) -> Option<PanelCommand> {
        match command {
            Command::SetStaffModel { unit, model } => Some(PanelCommand::SetStaffModel {
                unit: unit.clone(),
                model: model.clone(),
            }),
            Command::SetGenerated { id, generated } => Some(PanelCommand::SetGenerated {
                id: *id,
                generated: *generated,
            }),
            Command::UpdateLine {
                id,
                field: Field::Current(amount),
            } => Some(PanelCommand::SetCurrent {
                id: *id,
                amount: *amount,
            }),
            Command::InsertGoal { at, form } => Some(PanelCommand::InsertGoal {
                at: *at,
                form: form.clone(),
            }),
            Command::UpdateGoal { at, form } => Some(PanelCommand::UpdateGoal {
                at: *at,
                form: form.clone(),
            }),
            Command::RemoveGoal(at) => Some(PanelCommand::RemoveGoal(*at)),
            _ => None,
        }
    }
}

/// What a panel sends back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PanelOut {
    /// One change, with the message said when it is made.
    Apply {
        command: PanelCommand,
        label: Option<String>,
    },
    /// Several changes, all or nothing, as one undo step.
    ApplyAll {
        commands: Vec<PanelCommand>,
        label: String,
    },
    /// A message for the page's notice bar (`None` clears it).
    Notice {
        error: bool,
        text: String,
    },
    ClearNotice,
    /// The print preview of the 基本支出测算表.
    PrintStaffing,
    /// Open a 绩效目标表 (or the list), bringing a field into view.
    OpenGoal(Option<usize>, Option<String>),
    /// The pair of scenarios compared, by their places.
    Compare(Option<(usize, usize)>),
    /// Close the bulk-adjustment panel.
    CloseAdjust,
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
