//! A department budget (部门预算) made of unit budgets (单位预算), as a finance bureau
//! consolidates its units' files: each file becomes one 预算单位 with its lines and income;
//! fund sources are matched by id; prior-year figures and 政府采购 add up.

use crate::core::domain::goals::GoalForm;
use crate::core::domain::model::{
    Budget, BudgetKind, BudgetUnit, PriorField, Procurement, UnitType,
};
use crate::core::domain::money::Money;

/// Consolidates unit budgets into one department budget named `name`. Refused, with the
/// reason, when the years differ, a file is itself a department, two files have units of
/// one name, or a source id means different kinds in two files.
///
/// ```
/// use yusuan::core::domain::consolidate::consolidate;
/// let a = yusuan::core::formats::reference::budget();
/// let mut b = a.clone();
/// b.unit.name = "另一个单位".into();
/// b.units[0].name = "另一个单位".into();
/// let d = consolidate("某部门", &[a.clone(), b]).unwrap();
/// assert_eq!(d.units.len(), 2);
/// assert_eq!(d.lines.len(), 2 * a.lines.len());
/// ```
pub fn consolidate(name: &str, parts: &[Budget]) -> Result<Budget, String> {
    let first = parts.first().ok_or("没有要汇总的单位预算")?;
    let year = first.unit.year;
    // The name comes from outside (the CLI's argument): cleaned like any name.
    let name = crate::core::domain::model::clean_text(name, false);
    let mut dept = Budget::empty(&name, year);
    dept.kind = BudgetKind::Department;
    dept.template = first.template;
    dept.units.clear();
    dept.sources.clear();
    let mut next_id = 1;
    for (i, part) in parts.iter().enumerate() {
        let n = i + 1;
        check_part(n, part, year)?;
        if part.template != first.template {
            return Err(format!(
                "第{n}个文件的公开模板为“{}”，与第1个文件的“{}”不同",
                part.template.name(),
                first.template.name()
            ));
        }
        let unit = unit_of_part(n, part);
        if dept.units.iter().any(|u| u.name == unit.name) {
            return Err(format!("第{n}个文件的单位“{}”与前面的文件重名", unit.name));
        }
        merge_sources(&mut dept, part, n)?;
        for m in &part.staffing {
            dept.staffing
                .push(crate::core::domain::staffing::StaffModel {
                    unit: Some(unit.id.clone()),
                    ..m.clone()
                });
        }
        for l in &part.lines {
            let mut l = l.clone();
            l.id = next_id;
            next_id += 1;
            l.unit = Some(unit.id.clone());
            dept.lines.push(l);
        }
        for inc in &part.income {
            let mut inc = inc.clone();
            inc.unit = Some(unit.id.clone());
            dept.income.push(inc);
        }
        add_priors(&mut dept, part);
        add_disclosure(&mut dept, part);
        dept.procurement = add_procurement(&dept.procurement, &part.procurement);
        for (code, name) in &part.code_names {
            dept.code_names
                .entry(code.clone())
                .or_insert_with(|| name.clone());
        }
        // Each unit's 绩效目标表 come along (numbered anew below).
        dept.goals
            .extend(part.goals.iter().map(|g| GoalForm { id: 0, ..g.clone() }));
        dept.units.push(unit);
    }
    dept.number_goals();
    // Each file was valid on its own: what the department breaks is a limit of the sum
    // (lines, units, forms, counts), which is no place in any one file.
    dept.validate().map_err(|e| {
        format!(
            "{}个单位汇总后超出限制：{}（各文件本身无误，请分批汇总或减少文件）",
            parts.len(),
            e.message
        )
    })?;
    Ok(dept)
}

/// Per-项 notes and 国有资产 counts: executions and counts add up; the first unit's
/// purpose and reason of a 项 stand for the department (the others' are not lost from
/// their files, but a department writes one paragraph per 项).
fn add_disclosure(dept: &mut Budget, part: &Budget) {
    for (code, note) in &part.items {
        let d = dept.items.entry(code.clone()).or_default();
        if d.purpose.is_empty() {
            d.purpose = note.purpose.clone();
        }
        if d.reason.is_empty() {
            d.reason = note.reason.clone();
        }
        d.executed = match (d.executed, note.executed) {
            (Some(a), Some(b)) => Some(a + b),
            (a, b) => a.or(b),
        };
    }
    // 政府购买服务: every unit's items, the department's list (up to its limit).
    let room =
        crate::core::domain::disclosure::MAX_SERVICE_ITEMS.saturating_sub(dept.services.len());
    dept.services
        .extend(part.services.iter().take(room).cloned());
    let (a, b) = (&mut dept.asset_facts, &part.asset_facts);
    for (k, n) in &b.vehicles_held {
        let c = a.vehicles_held.entry(*k).or_default();
        *c = c.saturating_add(*n);
    }
    for (k, n) in &b.vehicles_new {
        let c = a.vehicles_new.entry(*k).or_default();
        *c = c.saturating_add(*n);
    }
    let add = |x: Option<u32>, y: Option<u32>| match (x, y) {
        (Some(x), Some(y)) => Some(x.saturating_add(y)),
        (x, y) => x.or(y),
    };
    a.equipment_held = add(a.equipment_held, b.equipment_held);
    a.equipment_new = add(a.equipment_new, b.equipment_new);
}

fn check_part(n: usize, part: &Budget, year: u16) -> Result<(), String> {
    if part.unit.year != year {
        return Err(format!(
            "第{n}个文件的预算年度为{}，与第1个文件的{year}不同",
            part.unit.year
        ));
    }
    if part.kind == BudgetKind::Department || part.units.len() > 1 {
        return Err(format!(
            "第{n}个文件是部门预算，只能汇总单位预算（每个文件一个预算单位）"
        ));
    }
    Ok(())
}

/// The unit a file becomes: its name and type, id `u<n>`.
fn unit_of_part(n: usize, part: &Budget) -> BudgetUnit {
    let own = part.units.first();
    BudgetUnit {
        id: format!("u{n}"),
        name: own
            .map(|u| u.name.clone())
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| part.unit.name.clone()),
        kind: own.map(|u| u.kind).unwrap_or(UnitType::Administrative),
    }
}

fn merge_sources(dept: &mut Budget, part: &Budget, n: usize) -> Result<(), String> {
    for s in &part.sources {
        match dept.sources.iter().find(|d| d.id == s.id) {
            Some(d) if d.kind != s.kind => {
                return Err(format!(
                    "资金来源“{}”在第{n}个文件中的类型与前面的文件不同",
                    s.id
                ))
            }
            Some(_) => {}
            None => dept.sources.push(s.clone()),
        }
    }
    Ok(())
}

/// Prior-year figures add up where any file has one.
fn add_priors(dept: &mut Budget, part: &Budget) {
    for f in PriorField::ALL {
        if let Some(p) = part.prior.get(f) {
            let slot = dept.prior.slot(f);
            *slot = Some(slot.unwrap_or(Money::ZERO) + p);
        }
    }
}

fn add_procurement(a: &Procurement, b: &Procurement) -> Procurement {
    Procurement {
        goods: a.goods + b.goods,
        works: a.works + b.works,
        services: a.services + b.services,
    }
}
