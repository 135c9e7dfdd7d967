//! Undo and redo: a bounded history of recorded steps, each the exact commands that
//! re-apply a change and the commands that take it back. Generic over what the commands
//! change (a budget, or a workspace of scenarios), so it knows neither.

/// Something commands can be replayed on, all or nothing (a budget, or a workspace of
/// scenarios): what [`History`] needs to undo and redo.
pub trait Replay {
    type Cmd: Clone;
    type Error;
    /// Applies `commands` in order; on error nothing is changed.
    fn replay(&mut self, commands: &[Self::Cmd]) -> Result<(), Self::Error>;
}

/// One recorded step: `redo` re-applies it, `undo` takes it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step<C> {
    pub redo: Vec<C>,
    pub undo: Vec<C>,
}

/// Undo/redo history of recorded changes, bounded (the oldest are dropped).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct History<C> {
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

    /// The step the next undo takes back.
    pub fn next_undo(&self) -> Option<&Step<C>> {
        self.undo.last().map(|(_, s)| s)
    }

    /// The step the next redo re-applies.
    pub fn next_redo(&self) -> Option<&Step<C>> {
        self.redo.last().map(|(_, s)| s)
    }

    /// Takes back the last change; returns its label.
    pub fn undo<T: Replay<Cmd = C>>(&mut self, target: &mut T) -> Option<Result<String, T::Error>> {
        Self::step(&mut self.undo, &mut self.redo, target, |c| &c.undo)
    }

    /// Re-applies the last undone change; returns its label.
    pub fn redo<T: Replay<Cmd = C>>(&mut self, target: &mut T) -> Option<Result<String, T::Error>> {
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
    ) -> Option<Result<String, T::Error>> {
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
