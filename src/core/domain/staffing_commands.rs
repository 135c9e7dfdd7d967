//! 基本支出测算's commands on a budget: a unit's model set (its lines made anew from it) and
//! a generated line detached. `SetStaffModel` is planned into `ApplyStaffing` — the model
//! and the exact generated lines at their places — which is what history records, so undo
//! and redo put back exactly the lines there were (ids, order, hand-kept fields).

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::command::{Applied, Command, CommandError};
use crate::core::domain::model::{Budget, Kind, Line, LineId};
use crate::core::domain::money::Money;
use crate::core::domain::staffing::{amounts, StaffModel};
use std::collections::BTreeMap;

fn invalid(message: String) -> CommandError {
    CommandError::Invalid(message)
}

impl Budget {
    /// A unit's id as lines and models give it (`None`: the first unit).
    fn unit_id<'a>(&'a self, unit: Option<&'a str>) -> Option<&'a str> {
        unit.or_else(|| self.units.first().map(|u| u.id.as_str()))
    }

    /// Whether a line is one of a unit's generated lines (`None`: the first unit).
    pub fn generated_of(&self, line: &Line, unit: Option<&str>) -> bool {
        line.generated && self.unit_id(line.unit.as_deref()) == self.unit_id(unit)
    }

    /// The model of a unit, if it has one.
    pub fn staff_model(&self, unit: Option<&str>) -> Option<&StaffModel> {
        self.staffing
            .iter()
            .find(|m| self.unit_id(m.unit.as_deref()) == self.unit_id(unit))
    }

    /// `SetStaffModel` as the exact change it makes; other commands as they are.
    pub(crate) fn plan_staffing(&self, cmd: Command) -> Result<Command, CommandError> {
        let Command::SetStaffModel { unit, model } = cmd else {
            return Ok(cmd);
        };
        if let Some(u) = &unit {
            if !self.units.iter().any(|x| &x.id == u) {
                return Err(invalid(format!("没有名为“{u}”的预算单位")));
            }
        }
        let model = model.map(|mut m| {
            m.unit = unit.clone();
            m
        });
        let lines = match &model {
            Some(m) => self.generated_lines(unit.as_deref(), m)?,
            None => Vec::new(),
        };
        Ok(Command::ApplyStaffing { unit, model, lines })
    }

    /// The unit's model and generated lines as they are now (the undo of a change to them).
    pub(crate) fn staffing_now(&self, unit: Option<&str>) -> Command {
        Command::ApplyStaffing {
            unit: unit.map(str::to_string),
            model: self.staff_model(unit).cloned().map(Box::new),
            lines: self
                .lines
                .iter()
                .enumerate()
                .filter(|(_, l)| self.generated_of(l, unit))
                .map(|(i, l)| (i, l.clone()))
                .collect(),
        }
    }

    /// The generated lines a model gives, at their places: a line already generated for
    /// the same (功能分类, 经济分类) keeps its id, place and note with its new amount; lines the
    /// model no longer gives go; new ones come after the others.
    fn generated_lines(
        &self,
        unit: Option<&str>,
        m: &StaffModel,
    ) -> Result<Vec<(usize, Line)>, CommandError> {
        if self.source(&m.source).is_none() {
            return Err(invalid(format!(
                "基本支出测算的资金来源“{}”不存在",
                m.source
            )));
        }
        let out = amounts(m).map_err(|e| invalid(format!("基本支出测算：{}", e.join("；"))))?;
        let mut wanted: BTreeMap<(FunctionCode, EconCode), Money> = out
            .lines
            .iter()
            .map(|l| ((l.function, l.economic), l.amount))
            .collect();
        let mut target: Vec<Line> = Vec::with_capacity(self.lines.len() + wanted.len());
        for l in &self.lines {
            if !self.generated_of(l, unit) {
                target.push(l.clone());
                continue;
            }
            let key = l.function.zip(l.economic);
            let amount = key
                .filter(|_| l.source == m.source)
                .and_then(|k| wanted.remove(&k));
            if let Some(amount) = amount {
                target.push(Line {
                    current: amount,
                    ..l.clone()
                });
            }
        }
        let mut next = self.next_id();
        for ((function, economic), amount) in wanted {
            target.push(generated_line(
                next,
                unit,
                &m.source,
                (function, economic),
                amount,
            ));
            next = next.saturating_add(1);
        }
        Ok(target
            .into_iter()
            .enumerate()
            .filter(|(_, l)| self.generated_of(l, unit))
            .collect())
    }

    /// Sets a unit's model and its generated lines exactly.
    pub(crate) fn apply_staffing(
        &mut self,
        unit: Option<String>,
        model: Option<Box<StaffModel>>,
        lines: Vec<(usize, Line)>,
    ) -> Result<Applied, CommandError> {
        let key = self.unit_id(unit.as_deref()).map(str::to_string);
        let mine = |b: &Budget, l: &Line| {
            l.generated && b.unit_id(l.unit.as_deref()).map(str::to_string) == key
        };
        let kept: Vec<Line> = self
            .lines
            .iter()
            .filter(|l| !mine(self, l))
            .cloned()
            .collect();
        if lines.iter().any(|(_, l)| kept.iter().any(|k| k.id == l.id)) {
            return Err(invalid("测算生成的明细与已有明细编号重复".into()));
        }
        self.lines = kept;
        for (at, line) in lines {
            let at = at.min(self.lines.len());
            self.lines.insert(at, line);
        }
        let at = self
            .staffing
            .iter()
            .position(|m| self.unit_id(m.unit.as_deref()).map(str::to_string) == key);
        match (at, model) {
            (Some(i), Some(m)) => self.staffing[i] = *m,
            (Some(i), None) => {
                self.staffing.remove(i);
            }
            (None, Some(m)) => self.staffing.push(*m),
            (None, None) => {}
        }
        Ok(Applied::Changed)
    }

    /// A generated line detached (an ordinary line from now on) or marked generated again.
    pub(crate) fn set_generated(
        &mut self,
        id: LineId,
        generated: bool,
    ) -> Result<Applied, CommandError> {
        let line = self
            .lines
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or(CommandError::NoSuchLine(id))?;
        line.generated = generated;
        Ok(Applied::Changed)
    }

    /// A file's models: each of a known unit, one per unit, its source known and nothing
    /// the arithmetic refuses; (path, message) of the first that is not.
    pub(crate) fn staffing_fault(&self) -> Option<(String, String)> {
        let staff: usize = self.staffing.iter().map(|m| m.staff.len()).sum();
        if staff > crate::core::domain::staffing::MAX_STAFF {
            let max = crate::core::domain::staffing::MAX_STAFF;
            return Some((
                "budget.staffing".into(),
                format!("测算人员过多（最多{max}行）"),
            ));
        }
        for (i, m) in self.staffing.iter().enumerate() {
            let path = format!("budget.staffing[{i}]");
            if let Some(u) = &m.unit {
                if !self.units.iter().any(|x| &x.id == u) {
                    return Some((path, format!("没有名为“{u}”的预算单位")));
                }
            }
            let same =
                |o: &StaffModel| self.unit_id(o.unit.as_deref()) == self.unit_id(m.unit.as_deref());
            if self.staffing[..i].iter().any(same) {
                return Some((path, "同一预算单位有两个测算模型".into()));
            }
            if self.source(&m.source).is_none() {
                return Some((path, format!("资金来源“{}”不存在", m.source)));
            }
            if let Some(f) = m.faults().into_iter().next() {
                return Some((path, f));
            }
        }
        None
    }

    /// Whether a line was generated (for the undo of `SetGenerated`).
    pub(crate) fn generated_flag(&self, id: LineId) -> Result<bool, CommandError> {
        self.line(id)
            .map(|l| l.generated)
            .ok_or(CommandError::NoSuchLine(id))
    }
}

fn generated_line(
    id: LineId,
    unit: Option<&str>,
    source: &str,
    (function, economic): (FunctionCode, EconCode),
    amount: Money,
) -> Line {
    Line {
        id,
        kind: Kind::Basic,
        function: Some(function),
        economic: Some(economic),
        gov_economic: None,
        project: String::new(),
        source: source.to_string(),
        current: amount,
        carry_over: Money::ZERO,
        prior: None,
        executed: None,
        note: String::new(),
        unit: unit.map(str::to_string),
        generated: true,
    }
}
