//! The Shanghai template (docs/TEMPLATES.md) on a hand-made 事业单位 budget
//! (`tests/fixtures/shanghai-institution.json`: 财政拨款 and 事业收入, a project paid by
//! 事业收入, prior-year figures). Every figure was worked out by hand from the 13 lines:
//! 一般公共预算资金 3,449,000 = 基本支出 2,649,000 + 项目 800,000 (群众文化活动 500,000,
//! 馆舍维修 300,000); 事业收入 320,000 = 劳务费 120,000 + 公益培训 200,000; 人员经费 (301
//! and 303) 2,545,000; 公用经费 224,000 of which 104,000 一般公共预算.

use yusuan::core::domain::model::Budget;
use yusuan::core::domain::money::Unit;
use yusuan::core::domain::template::TemplateId;
use yusuan::core::figures::explain::explain_cell;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::figures::tables::TableId;
use yusuan::core::formats::file;

fn budget() -> Budget {
    file::from_json(include_str!("fixtures/shanghai-institution.json")).unwrap()
}

fn report(unit: Unit) -> Report {
    Report::build(
        &budget(),
        Options {
            unit,
            ..Options::default()
        },
    )
}

/// The fixture: per table its number, title and unit, then its rows as shown.
fn fixture() -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in include_str!("fixtures/shanghai-tables.tsv").lines() {
        if line.starts_with("# ") {
            continue;
        }
        if let Some(head) = line.strip_prefix("## ") {
            out.push((head.to_string(), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(line.to_string());
        }
    }
    out
}

/// A table as the fixture writes it: number, title, unit; rows; the note of an empty one.
fn shown(r: &Report, n: usize) -> (String, Vec<String>) {
    let t = &r.tables[n - 1];
    let unit = t.shown_unit(r.options.unit);
    let mut rows: Vec<String> = t
        .render(r.options.unit, false)
        .iter()
        .map(|cells| cells.join("\t").trim_end().to_string())
        .collect();
    if t.empty {
        rows.push(format!("注：{}", t.empty_note));
    }
    (format!("{} {} | {}", t.number, t.title, unit.label()), rows)
}

#[test]
fn the_nine_tables_cell_by_cell_in_yuan_and_table_9_in_wan() {
    let r = report(Unit::Yuan);
    let fx = fixture();
    assert_eq!(r.tables.len(), 9);
    assert_eq!(fx.len(), 9);
    for (i, expected) in fx.into_iter().enumerate() {
        assert_eq!(shown(&r, i + 1), expected, "预算公开表{}", i + 1);
    }
}

#[test]
fn key_cells_worked_out_by_hand() {
    let r = report(Unit::Yuan);
    let cell = |n: usize, row: &str, col: usize| {
        let t = &r.tables[n - 1];
        let i = t
            .rows
            .iter()
            .position(|x| x.cells.iter().any(|c| c.text() == Some(row)))
            .unwrap_or_else(|| panic!("表{n}无“{row}”行"));
        t.render(Unit::Yuan, false)[i][col].clone()
    };
    // 表1: 收入总计 = 支出总计; 人员经费 = 301 + 303 of 基本支出 (all sources).
    assert_eq!(cell(1, "收入总计", 1), "3,769,000.00");
    assert_eq!(cell(1, "收入总计", 3), "3,769,000.00");
    assert_eq!(cell(1, "收入总计", 4), "2,545,000.00");
    assert_eq!(cell(1, "收入总计", 5), "224,000.00");
    assert_eq!(cell(1, "收入总计", 6), "1,000,000.00");
    assert_eq!(cell(1, "二、事业收入", 1), "320,000.00");
    // 表2: 事业收入 column of 207 = 劳务费 120,000 + 公益培训 200,000.
    assert_eq!(cell(2, "207", 4), "320,000.00");
    assert_eq!(cell(2, "207", 3), "2,904,000.00");
    // 表4: only 财政拨款; 表5 its 一般公共预算 part, 表6 the 基本支出 by economic code.
    assert_eq!(cell(4, "收入总计", 1), "3,449,000.00");
    assert_eq!(cell(5, "合计", 3), "2,649,000.00");
    assert_eq!(cell(6, "302", 4), "104,000.00");
    assert_eq!(cell(6, "303", 3), "45,000.00");
    // 表9 in 万元: 三公 = 接待 8,000 + 车辆运行 36,000; a 事业单位 has no 机关运行经费.
    let t9 = r.table(TableId::SangongOffice).unwrap();
    assert_eq!(t9.shown_unit(Unit::Yuan), Unit::Wan);
    assert_eq!(
        t9.render(Unit::Yuan, false)[0],
        ["4.40", "", "0.80", "3.60", "", "3.60", ""]
    );
}

#[test]
fn the_switch_to_wan_shows_every_table_in_wan() {
    let r = report(Unit::Wan);
    assert!(r
        .tables
        .iter()
        .all(|t| t.shown_unit(Unit::Wan) == Unit::Wan));
    let t1 = &r.tables[0];
    let last = t1.render(Unit::Wan, false).last().cloned().unwrap();
    assert_eq!(last[1], "376.90");
    assert_eq!(last[4], "254.50");
}

#[test]
fn titles_and_empty_notes_follow_the_template() {
    let r = report(Unit::Yuan);
    let titles: Vec<&str> = r.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "2024年财务收支预算总表",
            "2024年收入预算总表",
            "2024年支出预算总表",
            "2024年财政拨款收支预算总表",
            "2024年一般公共预算支出功能分类预算表",
            "2024年一般公共预算基本支出部门预算经济分类预算表",
            "2024年政府性基金预算支出功能分类预算表",
            "2024年国有资本经营预算支出功能分类预算表",
            "2024年“三公”经费和机关运行经费预算表",
        ]
    );
    assert_eq!(r.tables[8].label(), "预算公开表9");
    let empty: Vec<(usize, &str)> = r
        .tables
        .iter()
        .filter(|t| t.empty)
        .map(|t| (t.number, t.empty_note.as_str()))
        .collect();
    assert_eq!(
        empty,
        [
            (7, "本单位2024年无政府性基金预算安排的预算，故本表为空表。"),
            (
                8,
                "本单位2024年无国有资本经营预算安排的预算，故本表为空表。"
            ),
        ]
    );
}

#[test]
fn every_money_cell_explains_itself() {
    let b = budget();
    let r = Report::build(&b, Options::default());
    for t in &r.tables {
        for (ri, row) in t.rows.iter().enumerate() {
            for (ci, c) in row.cells.iter().enumerate() {
                if let Some(m) = c.money() {
                    let key = format!("表{} 第{ri}行第{ci}列", t.number);
                    let e = explain_cell(&b, t, ri, ci, Unit::Yuan)
                        .unwrap_or_else(|| panic!("{key} 无法解释"));
                    assert_eq!(e.value, m, "{key}");
                }
            }
        }
    }
}

#[test]
fn no_cross_table_errors_and_the_template_round_trips() {
    let b = budget();
    assert_eq!(b.template, TemplateId::Shanghai);
    let r = Report::build(&b, Options::default());
    assert!(!r.has_errors(), "{:?}", r.checks);
    let back = file::from_json(&file::to_json(&b)).unwrap();
    assert_eq!(back, b);
    let json: serde_json::Value = serde_json::from_str(&file::to_json(&b)).unwrap();
    assert_eq!(json["scenarios"][0]["budget"]["template"], "shanghai");
    // The reference's template is the default and is not written.
    let reference = yusuan::core::formats::reference::budget();
    assert_eq!(reference.template, TemplateId::Standard);
    let json: serde_json::Value = serde_json::from_str(&file::to_json(&reference)).unwrap();
    assert!(json["scenarios"][0]["budget"].get("template").is_none());
}

#[test]
fn an_unknown_template_is_refused_with_a_message() {
    let text = include_str!("fixtures/shanghai-institution.json")
        .replace("\"template\": \"shanghai\"", "\"template\": \"beijing\"");
    let e = file::from_json(&text).unwrap_err().to_string();
    assert!(e.contains("beijing"), "{e}");
    assert!(e.contains("standard, shanghai"), "{e}");
}

#[test]
fn a_new_budget_from_a_template_has_its_income_categories() {
    use yusuan::core::domain::model::{BudgetKind, UnitType};
    let b = Budget::from_template(
        TemplateId::Shanghai,
        "某区某中心",
        2025,
        BudgetKind::Unit,
        UnitType::Institution,
    );
    let names: Vec<&str> = b.sources.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "一般公共预算资金",
            "政府性基金",
            "国有资本经营预算",
            "事业收入",
            "事业单位经营收入",
            "其他收入"
        ]
    );
    assert!(b.lines.is_empty());
    let r = Report::build(&b, Options::default());
    assert_eq!(r.tables.len(), 9);
    assert!(!r.has_errors());
}
