//! Plain-text and JSON renderings of a report (the command line's output).

use crate::core::domain::model::Budget;
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::explain::{explain, FIGURE_KEYS};
use crate::core::figures::narrative::Section;
use crate::core::figures::report::Report;
use crate::core::figures::shares::YoY;
use crate::core::figures::summary::SharePart;
use serde::Serialize;
use serde_json::{json, Value};

fn share_text(p: &SharePart) -> String {
    p.shown_text()
}

/// One row per share: label, amount and share, tab-separated.
fn share_rows(o: &mut String, indent: &str, parts: &[SharePart], m: &dyn Fn(Money) -> String) {
    for p in parts {
        o.push_str(&format!(
            "{indent}{}\t{}\t{}\n",
            p.label,
            m(p.amount),
            share_text(p)
        ));
    }
}

fn yoy_text(y: &Option<YoY>, unit: Unit) -> String {
    match y {
        None => "上年数未填".into(),
        Some(y) => format!("{} {}", y.signed(unit), y.wording(|m| m.display(unit))),
    }
}

fn push_sections(o: &mut String, sections: &[Section]) {
    for sec in sections {
        o.push_str(&sec.title);
        o.push('\n');
        o.push_str(&sec.text());
        o.push_str("\n\n");
    }
}

/// The whole report as text: overview, summary, the 13 tables, the narrative and the
/// checks.
/// The 基本支出测算表 of each model: every line the model gives with its parts and formulas
/// (empty without a model).
pub fn staffing_text(budget: &Budget) -> String {
    use crate::core::domain::staffing::{compute, explain};
    let mut o = String::new();
    for m in &budget.staffing {
        let unit = m.unit.as_deref().unwrap_or("");
        o.push_str(&format!("\n== 基本支出测算表 {unit}==\n"));
        match compute(m) {
            Ok(out) => {
                for l in &out.lines {
                    o.push_str(&explain(l));
                    o.push('\n');
                }
                if !out.blank_rates.is_empty() {
                    o.push_str(&format!(
                        "费率未填、未计算：{}\n",
                        out.blank_rates.join("、")
                    ));
                }
            }
            Err(faults) => o.push_str(&format!("无法测算：{}\n", faults.join("；"))),
        }
    }
    o
}

pub fn report_text(budget: &Budget, r: &Report) -> String {
    let unit = r.options.unit;
    let s = &r.summary;
    let m = |x: Money| x.display(unit);
    let mut o = String::new();
    o.push_str(&format!(
        "{} {}年度{}预算（单位：{}）\n\n",
        budget.unit.name,
        budget.unit.year,
        budget.kind.word(),
        unit.label()
    ));
    if r.overview.iter().any(|s| !s.paragraphs.is_empty()) {
        o.push_str("== 概况 ==\n");
        push_sections(&mut o, &r.overview);
    }
    o.push_str("== 摘要 ==\n");
    o.push_str(&format!("收入总计\t{}\n", m(s.income_total)));
    o.push_str(&format!("本年收入合计\t{}\n", m(s.income_current)));
    o.push_str(&format!("上年结转\t{}\n", m(s.income_carry)));
    share_rows(&mut o, "  ", &s.income_shares, &m);
    o.push_str(&format!("支出总计\t{}\n", m(s.expense_total)));
    let balance = if s.is_balanced() {
        "收支平衡".to_string()
    } else {
        format!("收支不平衡，相差{}", m(s.imbalance()))
    };
    o.push_str(&format!("收支状况\t{balance}\n"));
    share_rows(&mut o, "", &s.kind_shares, &m);
    o.push_str(&format!(
        "收入总计比上年\t{}\n",
        yoy_text(&s.yoy_income, unit)
    ));
    o.push_str(&format!(
        "支出总计比上年\t{}\n",
        yoy_text(&s.yoy_expense, unit)
    ));
    o.push_str(&format!(
        "一般公共预算当年拨款\t{}\n",
        m(s.general_public_current)
    ));
    o.push_str(&format!(
        "一般公共预算当年拨款比上年\t{}\n",
        yoy_text(&s.yoy_general_public, unit)
    ));
    o.push_str("一般公共预算当年拨款结构\n");
    share_rows(&mut o, "  ", &s.structure, &m);
    o.push_str(&format!("一般公共预算基本支出\t{}\n", m(s.gp_basic)));
    o.push_str(&format!("人员经费\t{}\n", m(s.personnel)));
    o.push_str(&format!("公用经费\t{}\n", m(s.public_use)));
    o.push_str(&format!("“三公”经费\t{}\n", m(s.sangong.total())));
    o.push_str(&format!("机关运行经费\t{}\n", m(s.office_running)));
    o.push_str(&format!("项目支出（本年）\t{}\n", m(s.project_current)));
    o.push_str(&format!("项目支出（上年结转）\t{}\n", m(s.project_carry)));
    let (errors, warnings) = r.check_counts();
    o.push_str(&format!("检查\t{errors}个错误，{warnings}个警告\n\n"));

    for t in &r.tables {
        o.push_str(&format!("{}\n== {} ==\n", t.label(), t.title));
        o.push_str(&format!(
            "单位名称：{}\t单位：{}\n",
            t.unit_name,
            t.shown_unit(unit).label()
        ));
        for hrow in &t.header {
            let cells: Vec<String> = hrow
                .iter()
                .flat_map(|c| {
                    std::iter::once(c.text.clone()).chain((1..c.colspan).map(|_| String::new()))
                })
                .collect();
            o.push_str(&cells.join("\t"));
            o.push('\n');
        }
        for row in t.render(
            unit,
            r.options.rounding == crate::core::figures::shares::Rounding::LargestRemainder,
        ) {
            o.push_str(row.join("\t").trim_end());
            o.push('\n');
        }
        if t.empty {
            o.push_str(&format!("注：{}\n", t.empty_note));
        }
        o.push('\n');
    }

    o.push_str(&format!(
        "== {}年度{}预算情况说明 ==\n",
        budget.unit.year,
        budget.kind.word()
    ));
    push_sections(&mut o, &r.narrative);
    o.push_str(&goals_text(budget));
    o.push_str(&staffing_text(budget));
    o.push_str(&checks_text(r));
    o
}

/// The 项目支出绩效目标表, each laid out as published (none: nothing).
pub fn goals_text(budget: &Budget) -> String {
    let mut o = String::new();
    if budget.goals.is_empty() {
        return o;
    }
    o.push_str(&format!(
        "== 项目支出绩效目标表（{}张） ==\n",
        budget.goals.len()
    ));
    for (i, g) in budget.goals.iter().enumerate() {
        o.push_str(&format!("-- 第{}张 --\n", i + 1));
        o.push_str(&crate::core::present::goal_form::text(g));
        o.push_str("\n\n");
    }
    o
}

/// The forms for `--json`: each form as in the file, its project's money, and every
/// 指标值 read as operator, number and unit; `o` is the report's section-十 figures.
/// Written form by form when serialized: 600 forms of 1,000 indicators would otherwise
/// be one tree of gigabytes before a byte is written.
pub fn goals_json<'a>(
    budget: &'a Budget,
    o: &'a crate::core::figures::goals::Overview,
) -> impl Serialize + 'a {
    GoalsJson { budget, o }
}

struct GoalsJson<'a> {
    budget: &'a Budget,
    o: &'a crate::core::figures::goals::Overview,
}

impl Serialize for GoalsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("amount_yuan", &format!("{:.2}", self.o.amount.yuan()))?;
        m.serialize_entry("count", &self.o.forms)?;
        m.serialize_entry("forms", &FormsJson(self.budget))?;
        m.serialize_entry("projects", &self.o.projects)?;
        m.end()
    }
}

/// Every form with its project's amount and its indicators' targets, one at a time.
struct FormsJson<'a>(&'a Budget);

impl Serialize for FormsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use crate::core::domain::goals::{parse_target, Side};
        use serde::ser::SerializeSeq;
        let budget = self.0;
        let links = crate::core::figures::goals::links(budget);
        let mut seq = s.serialize_seq(Some(budget.goals.len()))?;
        for (i, g) in budget.goals.iter().enumerate() {
            let project = links.form_project[i].map(|p| &links.projects[p]);
            let targets = |side: Side| -> Vec<Value> {
                g.indicators(side)
                    .iter()
                    .map(|x| {
                        let t = parse_target(&x.value);
                        json!({
                            "op": t.op.map(|o| o.symbol()),
                            "number": t.number.map(|n| n.to_string()),
                            "unit": t.unit,
                        })
                    })
                    .collect()
            };
            seq.serialize_element(&json!({
                "form": g,
                "project_found": project.is_some(),
                "project_annual_yuan": project.map(|p| format!("{:.2}", p.annual().yuan())),
                "targets_period": targets(Side::Period),
                "targets_annual": targets(Side::Annual),
            }))?;
        }
        seq.end()
    }
}

/// The checks, one per line: “[错误] balance 收入总计…”.
pub fn checks_text(r: &Report) -> String {
    let mut o = String::from("== 检查 ==\n");
    if r.checks.is_empty() {
        o.push_str("全部检查通过\n");
    }
    for c in &r.checks {
        o.push_str(&format!("[{}] {} {}", c.severity.label(), c.id, c.message));
        if !c.lines.is_empty() {
            let ids: Vec<String> = c.lines.iter().map(|i| i.to_string()).collect();
            o.push_str(&format!("（明细：{}）", ids.join("、")));
        }
        o.push('\n');
    }
    o
}

fn money_json(m: Money, unit: Unit) -> Value {
    json!({ "yuan": format!("{:.2}", m.yuan()), "shown": m.display(unit) })
}

fn yoy_json(y: &Option<YoY>, unit: Unit) -> Value {
    match y {
        None => Value::Null,
        Some(y) => json!({
            "current": money_json(y.current, unit),
            "prior": money_json(y.prior, unit),
            "change": money_json(y.change, unit),
            "percent": y.percent.map(|p| format!("{:.2}", p.rounded())),
            "trend": y.trend,
        }),
    }
}

fn shares_json(v: &[SharePart], unit: Unit) -> Value {
    Value::Array(
        v.iter()
            .map(|p| {
                json!({
                    "key": p.key,
                    "label": p.label,
                    "amount": money_json(p.amount, unit),
                    "exact_percent": p.exact.map(|e| e.0.to_string()),
                    "shown_percent": p.shown.map(|d| format!("{d:.2}")),
                })
            })
            .collect(),
    )
}

/// 财政拨款 by budget and the 一般公共预算 项 with their executions (`core/figures/budgets.rs`).
fn by_budget_json(f: &crate::core::figures::budgets::ByBudget, unit: Unit) -> Value {
    json!({
        "fiscal_income": money_json(f.fiscal_income, unit),
        "fiscal_expense": money_json(f.fiscal_expense, unit),
        "fiscal_prior": f.fiscal_prior.map(|m| money_json(m, unit)),
        "yoy_fiscal_income": yoy_json(&f.yoy_fiscal_income, unit),
        "yoy_fiscal_expense": yoy_json(&f.yoy_fiscal_expense, unit),
        "budgets": f.budgets.iter().map(|b| json!({
            "kind": b.kind.key(),
            "label": b.label,
            "amount": money_json(b.amount, unit),
            "yoy": yoy_json(&b.yoy, unit),
        })).collect::<Vec<_>>(),
        "items": f.items.iter().map(|i| json!({
            "code": i.code.to_string(),
            "names": i.names,
            "amount": money_json(i.amount, unit),
            "executed": i.executed.map(|m| money_json(m, unit)),
            "change": yoy_json(&i.change, unit),
        })).collect::<Vec<_>>(),
    })
}

/// Every derived figure as JSON: summary, tables (cells as shown and exact), narrative,
/// checks and the explanation of each summary figure. Serialized section by section (each
/// section's tree is made when it is written and dropped after), so writing it to a file
/// or a pipe holds one section at a time, not the whole report.
pub fn report_json<'a>(budget: &'a Budget, r: &'a Report) -> impl Serialize + 'a {
    ReportJson { budget, r }
}

struct ReportJson<'a> {
    budget: &'a Budget,
    r: &'a Report,
}

impl ReportJson<'_> {
    fn summary(&self) -> Value {
        let unit = self.r.options.unit;
        let s = &self.r.summary;
        let mj = |m: Money| money_json(m, unit);
        json!({
            "income_total": mj(s.income_total),
            "income_current": mj(s.income_current),
            "income_carry": mj(s.income_carry),
            "expense_total": mj(s.expense_total),
            "expense_current": mj(s.expense_current),
            "expense_carry": mj(s.expense_carry),
            "balanced": s.is_balanced(),
            "basic": mj(s.basic),
            "project": mj(s.project),
            "kind_shares": shares_json(&s.kind_shares, unit),
            "income_shares": shares_json(&s.income_shares, unit),
            "general_public_current": mj(s.general_public_current),
            "structure": shares_json(&s.structure, unit),
            "gp_basic": mj(s.gp_basic),
            "personnel": mj(s.personnel),
            "public_use": mj(s.public_use),
            "sangong": {
                "total": mj(s.sangong.total()),
                "abroad": mj(s.sangong.abroad),
                "reception": mj(s.sangong.reception),
                "cars": mj(s.sangong.cars()),
                "car_purchase": mj(s.sangong.car_purchase),
                "car_operation": mj(s.sangong.car_operation),
            },
            "office_running": mj(s.office_running),
            "project_current": mj(s.project_current),
            "project_carry": mj(s.project_carry),
            "yoy": {
                "income_total": yoy_json(&s.yoy_income, unit),
                "expense_total": yoy_json(&s.yoy_expense, unit),
                "general_public_current": yoy_json(&s.yoy_general_public, unit),
                "sangong": yoy_json(&s.yoy_sangong, unit),
                "office_running": yoy_json(&s.yoy_office_running, unit),
            },
            "by_budget": by_budget_json(&s.by_budget, unit),
        })
    }

    fn tables(&self) -> Value {
        let r = self.r;
        let unit = r.options.unit;
        let adjust = r.options.rounding == crate::core::figures::shares::Rounding::LargestRemainder;
        r.tables
            .iter()
            .map(|t| {
                json!({
                    "number": t.number,
                    "id": t.id,
                    "label": t.label(),
                    "title": t.title,
                    "header": t.header,
                    "rows": t.render(unit, adjust),
                    "exact_yuan": t.rows.iter().map(|row| row.cells.iter().map(|c| match c.money() {
                        Some(m) => Value::String(format!("{:.2}", m.yuan())),
                        None => Value::Null,
                    }).collect::<Vec<_>>()).collect::<Vec<_>>(),
                    "empty": t.empty,
                    "unit": t.shown_unit(unit).label(),
                    "note": if t.empty { Some(t.empty_note.as_str()) } else { None },
                })
            })
            .collect()
    }

    fn explanations(&self) -> Value {
        let (budget, unit) = (self.budget, self.r.options.unit);
        FIGURE_KEYS
            .iter()
            .filter_map(|k| explain(budget, k, unit))
            .map(|e| {
                json!({
                    "key": e.key,
                    "label": e.label,
                    "formula": e.formula,
                    "lines": e.lines,
                })
            })
            .collect()
    }

    fn sections(list: &[Section]) -> Value {
        list.iter()
            .map(|sec| json!({ "title": sec.title, "text": sec.text() }))
            .collect()
    }
}

impl Serialize for ReportJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (budget, r) = (self.budget, self.r);
        let mut m = s.serialize_map(Some(11))?;
        // In the keys' alphabetical order, as the whole tree was written before it was
        // streamed: the output is byte for byte what it was.
        m.serialize_entry("checks", &json!(r.checks))?;
        m.serialize_entry("display_unit", r.options.unit.label())?;
        m.serialize_entry("explanations", &self.explanations())?;
        m.serialize_entry("goals", &goals_json(budget, &r.summary.goals))?;
        m.serialize_entry("narrative", &Self::sections(&r.narrative))?;
        m.serialize_entry("overview", &Self::sections(&r.overview))?;
        m.serialize_entry("summary", &self.summary())?;
        m.serialize_entry("tables", &self.tables())?;
        m.serialize_entry("template", budget.template.key())?;
        m.serialize_entry("unit_name", &budget.unit.name)?;
        m.serialize_entry("year", &budget.unit.year)?;
        m.end()
    }
}
