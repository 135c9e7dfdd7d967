//! The commands that change the 绩效目标表 (`goals.rs`), and the link a project's rename
//! carries along: applied and undone like every other [`Command`].

use crate::core::domain::command::{Applied, Command, CommandError};
use crate::core::domain::goals::{GoalForm, MAX_GOALS};
use crate::core::domain::model::Budget;

fn invalid(message: String) -> CommandError {
    CommandError::Invalid(message)
}

impl Budget {
    /// Adds, replaces, removes or moves a form.
    pub(crate) fn apply_goal(&mut self, cmd: Command) -> Result<Applied, CommandError> {
        match cmd {
            Command::InsertGoal { at, form } => {
                if self.goals.len() >= MAX_GOALS {
                    return Err(invalid(format!("绩效目标表最多 {MAX_GOALS} 张")));
                }
                let mut form = checked(*form)?;
                if form.id == 0 || self.goals.iter().any(|g| g.id == form.id) {
                    form.id = self
                        .goals
                        .iter()
                        .map(|g| g.id)
                        .max()
                        .unwrap_or(0)
                        .saturating_add(1);
                }
                self.goals.insert(at.min(self.goals.len()), form);
            }
            Command::UpdateGoal { at, form } => {
                let mut form = checked(*form)?;
                let slot = self.goal_slot(at)?;
                form.id = slot.id; // a form keeps its number
                *slot = form;
            }
            Command::RemoveGoal(at) => {
                self.goal_slot(at)?;
                self.goals.remove(at);
            }
            Command::MoveGoal { from, to } => {
                self.goal_slot(from)?;
                let form = self.goals.remove(from);
                self.goals.insert(to.min(self.goals.len()), form);
            }
            Command::SetGoalProjects(names) => {
                if names.len() != self.goals.len() {
                    return Err(invalid("绩效目标表的张数已变".into()));
                }
                for (g, n) in self.goals.iter_mut().zip(names) {
                    g.project = n;
                }
            }
            _ => return Err(invalid("不是绩效目标表的命令".into())),
        }
        Ok(Applied::Changed)
    }

    fn goal_slot(&mut self, at: usize) -> Result<&mut GoalForm, CommandError> {
        let n = self.goals.len();
        self.goals
            .get_mut(at)
            .ok_or_else(|| invalid(format!("第{}张绩效目标表不存在（共{n}张）", at + 1)))
    }

    /// The commands that take back a change to the forms.
    pub(crate) fn goal_undo(&self, cmd: &Command) -> Result<Vec<Command>, CommandError> {
        let old = |at: usize| {
            self.goals
                .get(at)
                .cloned()
                .ok_or_else(|| invalid(format!("第{}张绩效目标表不存在", at + 1)))
        };
        Ok(match cmd {
            Command::InsertGoal { at, .. } => {
                vec![Command::RemoveGoal((*at).min(self.goals.len()))]
            }
            Command::UpdateGoal { at, .. } => vec![Command::UpdateGoal {
                at: *at,
                form: Box::new(old(*at)?),
            }],
            Command::RemoveGoal(at) => vec![Command::InsertGoal {
                at: *at,
                form: Box::new(old(*at)?),
            }],
            Command::MoveGoal { from, to } => {
                old(*from)?;
                vec![Command::MoveGoal {
                    from: (*to).min(self.goals.len().saturating_sub(1)),
                    to: *from,
                }]
            }
            Command::SetGoalProjects(_) => vec![Command::SetGoalProjects(self.goal_projects())],
            _ => Vec::new(),
        })
    }

    /// Each form's project, in order.
    pub(crate) fn goal_projects(&self) -> Vec<String> {
        self.goals.iter().map(|g| g.project.clone()).collect()
    }

    /// After a line's project changed from `old` to `new`: when no line is left in `old`
    /// and no form belongs to `new` yet, `old`'s forms follow the project to its new name.
    pub(crate) fn carry_goal_link(&mut self, old: &str, new: &str) {
        if old == new
            || self.goals.iter().all(|g| g.project != old)
            || self.goals.iter().any(|g| g.project == new)
            || self.lines.iter().any(|l| l.project == old)
        {
            return;
        }
        for g in self.goals.iter_mut().filter(|g| g.project == old) {
            g.project = new.to_string();
        }
    }
}

/// A form as stored: texts cleaned, sizes within bounds.
fn checked(mut form: GoalForm) -> Result<GoalForm, CommandError> {
    form.clean();
    form.validate("goal")
        .map_err(|e| CommandError::Invalid(e.message))?;
    Ok(form)
}
