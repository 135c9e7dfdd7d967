//! The preview of a 基本支出测算 lever (`staffing::Lever`): the budget's figures before and
//! after it — 基本支出, 人员经费, 公用经费, 机关运行经费, 支出总计 — so a drafter sees what
//! “two more staff from July” costs before applying it.

use crate::core::domain::command::Command;
use crate::core::domain::model::Budget;
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::staffing::{apply_lever, Lever};
use crate::core::figures::aggregate::Aggregate;
use crate::core::figures::shares::Rounding;
use crate::core::figures::summary::{summarize, Summary};

/// One figure before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureChange {
    pub label: &'static str,
    pub before: Money,
    pub after: Money,
}

impl FigureChange {
    pub fn delta(&self) -> Money {
        self.after - self.before
    }
}

fn key_figures(s: &Summary) -> [(&'static str, Money); 5] {
    [
        ("基本支出", s.basic),
        ("人员经费（一般公共预算基本支出）", s.personnel),
        ("公用经费（一般公共预算基本支出）", s.public_use),
        ("机关运行经费", s.office_running),
        ("支出总计", s.expense_total),
    ]
}

fn summary_of(b: &Budget) -> Summary {
    summarize(b, &Aggregate::build(b), Rounding::Independent, Unit::Yuan)
}

/// The budget with a unit's model changed by a lever, or why the lever cannot apply.
pub fn with_lever(budget: &Budget, unit: Option<&str>, lever: &Lever) -> Result<Budget, String> {
    let m = budget
        .staff_model(unit)
        .ok_or_else(|| "这个预算单位还没有测算模型".to_string())?;
    let model = apply_lever(m, lever)?;
    let mut after = budget.clone();
    after
        .apply(Command::SetStaffModel {
            unit: unit.map(str::to_string),
            model: Some(Box::new(model)),
        })
        .map_err(|e| e.to_string())?;
    Ok(after)
}

/// The key figures before and after a lever.
pub fn preview(
    budget: &Budget,
    unit: Option<&str>,
    lever: &Lever,
) -> Result<Vec<FigureChange>, String> {
    let after = summary_of(&with_lever(budget, unit, lever)?);
    let before = summary_of(budget);
    Ok(key_figures(&before)
        .into_iter()
        .zip(key_figures(&after))
        .map(|((label, b), (_, a))| FigureChange {
            label,
            before: b,
            after: a,
        })
        .collect())
}
