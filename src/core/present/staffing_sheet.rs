//! The 基本支出测算表 as rows — each part of each generated line with its formula, a subtotal
//! per line, the total — shared by the Excel sheet (`formats::xlsx`) and the printed
//! attachment (the tab's 打印测算表), as finance bureaus ask units to attach.

use crate::core::domain::money::Money;
use crate::core::domain::staffing::{amounts, compute, StaffModel};

/// One row of the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRow {
    pub function: String,
    pub economic: String,
    /// What the part is (“科员（行政编制） 8人×12月 职务/岗位工资”), or “… 小计”.
    pub label: String,
    pub formula: String,
    pub amount: Money,
    pub subtotal: bool,
}

/// The sheet of a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffingSheet {
    pub rows: Vec<SheetRow>,
    pub total: Money,
    /// Contributions whose rate is blank (not computed).
    pub blank_rates: Vec<String>,
    /// Whether the parts are listed (false: subtotals only, for a very large model).
    pub detailed: bool,
}

/// The sheet; with `detail` false only each line's subtotal (a 50,000-person model's parts
/// are hundreds of thousands of rows). Why the model cannot be computed, if it cannot.
pub fn sheet(m: &StaffModel, detail: bool) -> Result<StaffingSheet, Vec<String>> {
    let out = if detail { compute(m) } else { amounts(m) }?;
    let mut rows = Vec::new();
    for l in &out.lines {
        let (function, economic) = (l.function.to_string(), l.economic.to_string());
        for p in &l.parts {
            rows.push(SheetRow {
                function: function.clone(),
                economic: economic.clone(),
                label: p.label.clone(),
                formula: p.formula.clone(),
                amount: p.amount,
                subtotal: false,
            });
        }
        rows.push(SheetRow {
            label: format!("{} 小计", l.economic.name().unwrap_or("")),
            function,
            economic,
            formula: String::new(),
            amount: l.amount,
            subtotal: true,
        });
    }
    Ok(StaffingSheet {
        total: out.lines.iter().map(|l| l.amount).sum(),
        rows,
        blank_rates: out.blank_rates,
        detailed: detail,
    })
}
