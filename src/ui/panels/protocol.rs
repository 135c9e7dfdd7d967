//! What the page and the panels module say to each other (issue 26): JSON text both ways, so
//! that neither needs the other's memory. The page sends a panel's input when it mounts it and
//! whenever what the panel shows changed; the panel sends back what only the page may do — a
//! change to the budget (the page owns it, its undo and its saving), a notice, printing.
//!
//! Only the few commands a lazily loaded panel makes cross: each is one the page reads with
//! deserialisers it has anyway (the 测算 model is part of the budget file), so the page gains
//! no serde code for `Command` as a whole.

use crate::core::domain::command::Command;
use crate::core::domain::model::LineId;
use crate::core::domain::staffing::StaffModel;
use crate::core::present::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A panel's input: the interface language, whether the budget may be changed, the 预算单位
/// shown, the budget's revision and the budget itself (the budget file's JSON; `None` for a
/// panel that shows no budget, 核对文档).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PanelInput {
    pub english: bool,
    pub editable: bool,
    pub unit_view: Option<String>,
    pub rev: u64,
    pub budget: Option<String>,
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
}

impl PanelCommand {
    /// The core command it stands for.
    pub fn command(self) -> Command {
        match self {
            PanelCommand::SetStaffModel { unit, model } => Command::SetStaffModel { unit, model },
            PanelCommand::SetGenerated { id, generated } => Command::SetGenerated { id, generated },
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
}
