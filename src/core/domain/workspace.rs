//! Scenarios: named copies of a budget that a drafter moves between (方案).
//!
//! A [`Workspace`] holds every scenario and which one is shown. It changes only through
//! [`WsCommand`]s, each recorded with its inverse so that scenario deletion, imports and
//! edits in any scenario share one undo history ([`History<WsCommand>`]).

use crate::core::domain::model::{Budget, Line};

use crate::core::domain::history::{History, Replay, Step};

use crate::core::domain::command::{Command, CommandError};
use std::fmt;

pub type ScenarioId = u32;

/// At most this many scenarios (each is a whole budget kept in memory and in storage).
pub const MAX_SCENARIOS: usize = 50;
/// Longest scenario name, in characters.
pub const MAX_NAME: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub id: ScenarioId,
    pub name: String,
    pub budget: Budget,
}

/// Every change to the workspace. Budget edits name the scenario they apply to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WsCommand {
    /// Budget commands in one scenario, all or nothing.
    Edit(ScenarioId, Vec<Command>),
    /// Puts a scenario at this position (create, duplicate, import, undo of a delete).
    Insert {
        at: usize,
        scenario: Box<Scenario>,
    },
    Remove(ScenarioId),
    Rename(ScenarioId, String),
}

/// The undo history of a workspace.
pub type WsHistory = History<WsCommand>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    scenarios: Vec<Scenario>,
    current: ScenarioId,
    next_id: ScenarioId,
}

/// What a successful workspace command did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WsChange {
    pub step: Step<WsCommand>,
    /// For an edit: what the last budget command did (e.g. which line was added).
    pub applied: Option<crate::core::domain::command::Applied>,
}

/// The lines one step changed in place (before, after) and the scenario they are in, when
/// the step is an edit of one scenario made only of line updates (see
/// [`crate::core::domain::command::changed_lines`]); `ws` is the workspace after the step.
/// `applied` are the commands the step ran, `inverse` those that take it back.
pub fn edited_lines(
    ws: &Workspace,
    applied: &[WsCommand],
    inverse: &[WsCommand],
) -> Option<(ScenarioId, Vec<(Line, Line)>)> {
    let ([WsCommand::Edit(id, redo)], [WsCommand::Edit(uid, undo)]) = (applied, inverse) else {
        return None;
    };
    if id != uid {
        return None;
    }
    let budget = &ws.get(*id)?.budget;
    Some((
        *id,
        crate::core::domain::command::changed_lines(budget, redo, undo)?,
    ))
}

impl From<WsChange> for Step<WsCommand> {
    fn from(c: WsChange) -> Self {
        c.step
    }
}

fn no_such(id: ScenarioId) -> CommandError {
    CommandError::Invalid(format!("没有编号为 {id} 的方案"))
}

/// Checks a scenario name: trimmed, not empty, not too long.
pub fn clean_name(name: &str) -> Result<String, CommandError> {
    let name = crate::core::domain::model::clean_text(name, false);
    if name.is_empty() {
        return Err(CommandError::Invalid("方案名称不能为空".into()));
    }
    if name.chars().count() > MAX_NAME {
        return Err(CommandError::Invalid(format!(
            "方案名称过长（最多 {MAX_NAME} 个字）"
        )));
    }
    Ok(name)
}

impl Workspace {
    /// A workspace with one scenario.
    pub fn new(name: &str, budget: Budget) -> Workspace {
        let name = clean_name(name).unwrap_or_else(|_| "方案一".to_string());
        Workspace {
            scenarios: vec![Scenario {
                id: 1,
                name,
                budget,
            }],
            current: 1,
            next_id: 2,
        }
    }

    /// Builds a workspace from named budgets (a file or stored data); `current` is an index.
    /// Names are cleaned and made unique; at least one scenario is required.
    pub fn from_parts(
        parts: Vec<(String, Budget)>,
        current: usize,
    ) -> Result<Workspace, CommandError> {
        if parts.is_empty() {
            return Err(CommandError::Invalid("至少需要一个方案".into()));
        }
        if parts.len() > MAX_SCENARIOS {
            return Err(CommandError::Invalid(format!(
                "方案过多（{} 个，最多 {MAX_SCENARIOS} 个）",
                parts.len()
            )));
        }
        let mut ws = Workspace {
            scenarios: Vec::with_capacity(parts.len()),
            current: 1,
            next_id: 1,
        };
        for (name, budget) in parts {
            let name = ws.unique_name(&clean_name(&name)?);
            let id = ws.next_id;
            ws.next_id += 1;
            ws.scenarios.push(Scenario { id, name, budget });
        }
        ws.current = ws.scenarios[current.min(ws.scenarios.len() - 1)].id;
        Ok(ws)
    }

    /// Another set of named budgets in place of these (another tab's, merged): a scenario
    /// keeps the id of the scenario of the same name here, so the undo history still
    /// applies to it; new names get new ids.
    pub fn replaced(
        &self,
        parts: Vec<(String, Budget)>,
        current: usize,
    ) -> Result<Workspace, CommandError> {
        let mut ws = Workspace::from_parts(parts, current)?;
        let mut next_id = self.next_id.max(1);
        let mut used = std::collections::HashSet::new();
        for s in &mut ws.scenarios {
            let own = self
                .scenarios
                .iter()
                .find(|o| o.name == s.name)
                .map(|o| o.id);
            s.id = match own {
                Some(id) if used.insert(id) => id,
                _ => {
                    next_id += 1;
                    next_id - 1
                }
            };
        }
        ws.next_id = next_id;
        ws.current = ws.scenarios[current.min(ws.scenarios.len() - 1)].id;
        Ok(ws)
    }

    /// The names and budgets, in order (to add them to another workspace).
    pub fn into_parts(self) -> Vec<(String, Budget)> {
        self.scenarios
            .into_iter()
            .map(|s| (s.name, s.budget))
            .collect()
    }

    pub fn scenarios(&self) -> &[Scenario] {
        &self.scenarios
    }

    pub fn current_id(&self) -> ScenarioId {
        self.current
    }

    pub fn current_index(&self) -> usize {
        self.index(self.current).unwrap_or(0)
    }

    pub fn current(&self) -> &Scenario {
        &self.scenarios[self.current_index()]
    }

    pub fn budget(&self) -> &Budget {
        &self.current().budget
    }

    pub fn budget_mut(&mut self) -> &mut Budget {
        let i = self.current_index();
        &mut self.scenarios[i].budget
    }

    pub fn get(&self, id: ScenarioId) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    fn index(&self, id: ScenarioId) -> Option<usize> {
        self.scenarios.iter().position(|s| s.id == id)
    }

    /// Shows another scenario (navigation, not recorded for undo).
    pub fn switch(&mut self, id: ScenarioId) -> Result<(), CommandError> {
        self.index(id).ok_or_else(|| no_such(id))?;
        self.current = id;
        Ok(())
    }

    /// `base`, or `base (2)`, `base (3)` … whichever no scenario has yet.
    pub fn unique_name(&self, base: &str) -> String {
        let taken = |n: &str| self.scenarios.iter().any(|s| s.name == n);
        if !taken(base) {
            return base.to_string();
        }
        // The base is shortened so that the suffix fits within MAX_NAME: a name that did
        // not fit could not be saved and read back.
        (2..)
            .map(|i| {
                let suffix = format!(" ({i})");
                let keep = MAX_NAME.saturating_sub(suffix.chars().count());
                let base: String = base.chars().take(keep).collect();
                format!("{} {}", base.trim_end(), suffix.trim_start())
            })
            .find(|n| !taken(n))
            .unwrap_or_else(|| base.to_string())
    }

    /// A new scenario (not yet in the workspace): a fresh id and a unique, clean name.
    /// Insert it with [`WsCommand::Insert`] so that the addition can be undone.
    pub fn prepare(&mut self, name: &str, budget: Budget) -> Result<Box<Scenario>, CommandError> {
        if self.scenarios.len() >= MAX_SCENARIOS {
            return Err(CommandError::Invalid(format!(
                "最多 {MAX_SCENARIOS} 个方案，请先删除不用的方案"
            )));
        }
        let name = self.unique_name(&clean_name(name)?);
        let id = self.next_id;
        self.next_id += 1;
        Ok(Box::new(Scenario { id, name, budget }))
    }

    /// The command that adds `scenario` right after the current one.
    pub fn insert_after_current(&self, scenario: Box<Scenario>) -> WsCommand {
        WsCommand::Insert {
            at: self.current_index() + 1,
            scenario,
        }
    }

    /// Applies one command and returns it with its inverse.
    ///
    /// ```
    /// use yusuan::core::domain::workspace::{Workspace, WsCommand, WsHistory};
    /// let mut ws = Workspace::new("方案一", yusuan::core::formats::reference::budget());
    /// let copy = ws.prepare("方案一", ws.budget().clone()).unwrap();
    /// assert_eq!(copy.name, "方案一 (2)");
    /// let mut h = WsHistory::default();
    /// let cmd = ws.insert_after_current(copy);
    /// h.record("复制方案", ws.apply_recorded(cmd).unwrap());
    /// let gone = ws.current_id();
    /// h.record("删除方案", ws.apply_recorded(WsCommand::Remove(gone)).unwrap());
    /// assert_eq!(ws.scenarios().len(), 1);
    /// h.undo(&mut ws).unwrap().unwrap();
    /// assert_eq!(ws.scenarios().len(), 2);
    /// assert_eq!(ws.current_id(), gone);
    /// ```
    pub fn apply_recorded(&mut self, cmd: WsCommand) -> Result<WsChange, CommandError> {
        match cmd {
            WsCommand::Edit(id, commands) => {
                let i = self.index(id).ok_or_else(|| no_such(id))?;
                let budget = &mut self.scenarios[i].budget;
                let change = if commands.len() == 1 {
                    let c = commands.into_iter().next().expect("one command");
                    budget.apply_recorded(c)?
                } else {
                    budget.apply_all_recorded(commands).map_err(|(_, e)| e)?
                };
                self.current = id;
                Ok(WsChange {
                    applied: Some(change.applied),
                    step: Step {
                        redo: vec![WsCommand::Edit(id, change.redo)],
                        undo: vec![WsCommand::Edit(id, change.undo)],
                    },
                })
            }
            WsCommand::Insert { at, scenario } => {
                if self.index(scenario.id).is_some() {
                    return Err(CommandError::Invalid(format!(
                        "方案编号 {} 已存在",
                        scenario.id
                    )));
                }
                if self.scenarios.len() >= MAX_SCENARIOS {
                    return Err(CommandError::Invalid(format!(
                        "最多 {MAX_SCENARIOS} 个方案，请先删除不用的方案"
                    )));
                }
                let id = scenario.id;
                self.next_id = self.next_id.max(id + 1);
                let at = at.min(self.scenarios.len());
                self.scenarios.insert(at, (*scenario).clone());
                self.current = id;
                Ok(WsChange {
                    applied: None,
                    step: Step {
                        redo: vec![WsCommand::Insert { at, scenario }],
                        undo: vec![WsCommand::Remove(id)],
                    },
                })
            }
            WsCommand::Remove(id) => {
                let at = self.index(id).ok_or_else(|| no_such(id))?;
                if self.scenarios.len() == 1 {
                    return Err(CommandError::Invalid("至少要保留一个方案".into()));
                }
                let removed = self.scenarios.remove(at);
                if self.current == id {
                    self.current = self.scenarios[at.min(self.scenarios.len() - 1)].id;
                }
                Ok(WsChange {
                    applied: None,
                    step: Step {
                        redo: vec![WsCommand::Remove(id)],
                        undo: vec![WsCommand::Insert {
                            at,
                            scenario: Box::new(removed),
                        }],
                    },
                })
            }
            WsCommand::Rename(id, name) => {
                let i = self.index(id).ok_or_else(|| no_such(id))?;
                let name = clean_name(&name)?;
                if self.scenarios.iter().any(|s| s.id != id && s.name == name) {
                    return Err(CommandError::Invalid(format!("已有名为“{name}”的方案")));
                }
                let old = std::mem::replace(&mut self.scenarios[i].name, name.clone());
                self.current = id;
                Ok(WsChange {
                    applied: None,
                    step: Step {
                        redo: vec![WsCommand::Rename(id, name)],
                        undo: vec![WsCommand::Rename(id, old)],
                    },
                })
            }
        }
    }
}

impl Replay for Workspace {
    type Cmd = WsCommand;
    type Error = CommandError;

    fn replay(&mut self, commands: &[WsCommand]) -> Result<(), CommandError> {
        // Scenario commands are few; a draft copy keeps replay all-or-nothing only when
        // there is more than one (a single command already fails without changing anything).
        if commands.len() == 1 {
            return self.apply_recorded(commands[0].clone()).map(|_| ());
        }
        let mut draft = self.clone();
        for c in commands {
            draft.apply_recorded(c.clone())?;
        }
        *self = draft;
        Ok(())
    }
}

impl fmt::Display for Scenario {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}
