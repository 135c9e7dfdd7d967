//! A 部门预算 of two 预算单位 (a 行政单位 and a 事业单位), every figure worked out by hand in
//! the comments; 机关运行经费 by its definition; units consolidated and viewed one by one;
//! files of versions 1 and 2 read with unchanged figures; printed-figure arithmetic.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::domain::command::Command;
use yusuan::core::domain::model::{Budget, BudgetKind, UnitType};
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::explain::explain_cell;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::figures::shares::Rounding;
use yusuan::core::figures::tables::{Table, TableId};
use yusuan::core::formats::{file, reference};

/// 某街道办事处: 本部 (行政单位, u1) and 社区服务中心 (事业单位, u2); amounts in 元.
const DEPARTMENT: &str = r#"{
  "format": "yusuan-budget", "version": 3, "current": 0,
  "scenarios": [{ "name": "2024年 某街道办事处", "budget": {
    "unit": { "name": "某街道办事处", "year": 2024 },
    "kind": "department",
    "units": [
      { "id": "u1", "name": "某街道办事处（本部）", "type": "administrative" },
      { "id": "u2", "name": "某街道社区服务中心", "type": "institution" }
    ],
    "sources": [
      { "id": "gpb", "name": "一般公共预算", "kind": "general_public" },
      { "id": "gfb", "name": "政府性基金预算", "kind": "government_fund" },
      { "id": "scb", "name": "国有资本经营预算", "kind": "state_capital" },
      { "id": "special", "name": "财政专户管理资金", "kind": "special_account" },
      { "id": "unit", "name": "单位资金", "kind": "non_fiscal" }
    ],
    "income": [
      { "source": "gpb", "unit": "u1", "current": "1850000.00", "carry_over": "100000.00" },
      { "source": "gpb", "unit": "u2", "current": "850000.00" },
      { "source": "unit", "unit": "u2", "current": "50000.00" }
    ],
    "lines": [
      { "id": 1, "unit": "u1", "kind": "basic", "function": "2010301", "economic": "30101", "source": "gpb", "current": "1000000.00" },
      { "id": 2, "unit": "u1", "kind": "basic", "function": "2010301", "economic": "30201", "source": "gpb", "current": "200000.00" },
      { "id": 3, "unit": "u1", "kind": "basic", "function": "2010301", "economic": "30217", "source": "gpb", "current": "30000.00" },
      { "id": 4, "unit": "u1", "kind": "project", "function": "2010399", "project": "社区治理项目", "source": "gpb", "current": "500000.00", "carry_over": "100000.00" },
      { "id": 5, "unit": "u1", "kind": "basic", "function": "2080505", "economic": "30108", "source": "gpb", "current": "120000.00" },
      { "id": 6, "unit": "u2", "kind": "basic", "function": "2010350", "economic": "30101", "source": "gpb", "current": "600000.00" },
      { "id": 7, "unit": "u2", "kind": "basic", "function": "2010350", "economic": "30201", "source": "gpb", "current": "150000.00" },
      { "id": 8, "unit": "u2", "kind": "basic", "function": "2010350", "economic": "30231", "source": "gpb", "current": "20000.00" },
      { "id": 9, "unit": "u2", "kind": "basic", "function": "2010350", "economic": "30201", "source": "unit", "current": "50000.00" },
      { "id": 10, "unit": "u2", "kind": "project", "function": "2010399", "project": "社区活动", "source": "gpb", "current": "80000.00" }
    ]
  } }]
}"#;

fn department() -> Budget {
    file::from_json(DEPARTMENT).unwrap()
}

fn wan(m: Money) -> String {
    m.display(Unit::Wan)
}

#[test]
fn every_summary_figure_of_the_department() {
    let b = department();
    assert_eq!(b.kind, BudgetKind::Department);
    let r = Report::build(&b, Options::default());
    let s = &r.summary;
    // 1,950,000 (本部) + 900,000 (中心) = 2,850,000 元 on both sides.
    assert_eq!(wan(s.income_total), "285.00");
    assert_eq!(wan(s.expense_total), "285.00");
    assert!(s.is_balanced());
    // 基本: 1,350,000 + 820,000; 项目: 600,000 + 80,000.
    assert_eq!(wan(s.basic), "217.00");
    assert_eq!(wan(s.project), "68.00");
    assert_eq!(s.kind_shares[0].shown_text(), "76.14%");
    assert_eq!(s.kind_shares[1].shown_text(), "23.86%");
    // 一般公共预算当年拨款: every gpb line's 当年 = 2,700,000.
    assert_eq!(wan(s.general_public_current), "270.00");
    // 人员经费 30101 + 30108 + 30101 = 1,720,000; 公用经费 30201 + 30217 + 30201 + 30231.
    assert_eq!(wan(s.personnel), "172.00");
    assert_eq!(wan(s.public_use), "40.00");
    // 三公 of every unit: 公务接待 30,000 (本部) + 公务用车运行 20,000 (中心).
    assert_eq!(wan(s.sangong.total()), "5.00");
    // 机关运行经费: only the 行政单位's 公用经费, 200,000 + 30,000.
    assert_eq!(wan(s.office_running), "23.00");
    let names: Vec<&str> = r.narrative.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(names[0], "一、部门预算收支数据变动情况及原因");
    assert!(r.narrative[0]
        .text()
        .contains("本年部门预算支出总计285.00万元"));
    assert_eq!(
        r.narrative[7].text(),
        "2024年度机关运行经费财政拨款预算23.00万元。"
    );
}

#[test]
fn table_11_lists_the_units_that_have_office_running_costs() {
    let r = Report::build(&department(), Options::default());
    let t = r.table(TableId::OfficeRunning).unwrap();
    assert_eq!(
        t.render(Unit::Wan, false),
        vec![
            vec!["部门合计", "23.00", "23.00", "", ""],
            vec!["某街道办事处（本部）", "23.00", "23.00", "", ""],
        ]
    );
    // The explanation says which units counted and why the other did not.
    let e = yusuan::core::figures::explain::explain(&department(), "office_running", Unit::Wan)
        .unwrap();
    assert_eq!(e.formula, "23.00 = 20.00 办公费 + 3.00 公务接待费");
    assert_eq!(e.notes[0], "计入：某街道办事处（本部）（行政单位）");
    assert!(e.notes[1].starts_with("未计入：某街道社区服务中心（事业单位）——"));
}

#[test]
fn a_unit_of_institutions_only_has_no_office_running_costs() {
    let mut b = department();
    b.apply(Command::SetUnitType {
        id: "u1".into(),
        kind: UnitType::Institution,
    })
    .unwrap();
    let r = Report::build(&b, Options::default());
    assert!(r.summary.office_running.is_zero());
    assert!(r.table(TableId::OfficeRunning).unwrap().empty);
    assert_eq!(
        r.narrative[7].text(),
        "2024年度本部门无机关运行经费财政拨款预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。"
    );
}

#[test]
fn each_unit_viewed_alone_and_the_department_is_their_sum() {
    let b = department();
    let u1 = Report::build(&b.unit_view("u1").unwrap(), Options::default());
    let u2 = Report::build(&b.unit_view("u2").unwrap(), Options::default());
    assert_eq!(wan(u1.summary.expense_total), "195.00");
    assert_eq!(wan(u2.summary.expense_total), "90.00");
    assert_eq!(wan(u1.summary.income_total), "195.00");
    assert_eq!(wan(u2.summary.income_total), "90.00");
    assert_eq!(wan(u2.summary.office_running), "0.00");
    assert!(u2.narrative[0].title.contains("单位预算"));
    assert!(b.unit_view("u9").is_none());
}

#[test]
fn consolidating_unit_files_gives_the_same_department() {
    let b = department();
    let parts: Vec<Budget> = ["u1", "u2"]
        .iter()
        .map(|u| b.unit_view(u).unwrap())
        .collect();
    let d = yusuan::core::domain::consolidate::consolidate("某街道办事处", &parts).unwrap();
    let (r, rd) = (
        Report::build(&b, Options::default()),
        Report::build(&d, Options::default()),
    );
    assert_eq!(r.summary.expense_total, rd.summary.expense_total);
    assert_eq!(r.summary.office_running, rd.summary.office_running);
    for id in [
        TableId::Summary,
        TableId::Income,
        TableId::Expense,
        TableId::OfficeRunning,
    ] {
        assert_eq!(
            r.table(id).unwrap().render(Unit::Yuan, false),
            rd.table(id).unwrap().render(Unit::Yuan, false),
            "{id:?}"
        );
    }
    // A year that differs is refused with the reason.
    let mut other = parts[1].clone();
    other.unit.year = 2025;
    let e = yusuan::core::domain::consolidate::consolidate("x", &[parts[0].clone(), other])
        .unwrap_err();
    assert_eq!(e, "第2个文件的预算年度为2025，与第1个文件的2024不同");
}

#[test]
fn files_of_versions_1_and_2_read_with_unchanged_figures() {
    // Version 1: the embedded reference; version 2: the same written before units existed.
    let v1 = reference::budget();
    assert_eq!(v1.units.len(), 1);
    assert_eq!(v1.units[0].kind, UnitType::Administrative);
    let mut v: serde_json::Value = serde_json::from_str(&file::to_json(&v1)).unwrap();
    v["version"] = 2.into();
    let budget = v["scenarios"][0]["budget"].as_object_mut().unwrap();
    budget.remove("kind");
    budget.remove("units");
    let v2 = file::from_json(&v.to_string()).unwrap();
    assert_eq!(v2, v1);
    let r = Report::build(&v2, Options::default());
    assert_eq!(wan(r.summary.office_running), "156.53");
    assert_eq!(wan(r.summary.expense_total), "3,826.55");
    assert!(file::write(
        &yusuan::core::domain::workspace::Workspace::new("x", v2),
        false
    )
    .contains(&format!("\"version\":{}", file::VERSION)));
}

#[test]
fn with_rounding_to_totals_a_change_is_the_difference_of_the_shown_figures() {
    let mut b = Budget::empty("测试单位", 2024);
    b.lines.clear();
    b.apply(Command::AddLine(yusuan::core::domain::command::LineDraft {
        function: yusuan::core::domain::codes::FunctionCode::parse("2010301").ok(),
        economic: yusuan::core::domain::codes::EconCode::parse("30201").ok(),
        current: Money::from_fen(2_000_005_100),
        ..yusuan::core::domain::command::LineDraft::new(
            yusuan::core::domain::model::Kind::Basic,
            "gpb",
        )
    }))
    .unwrap();
    // 20,000,051 元 = 2,000.01 万元 shown, against 10,000,049 元 = 1,000.00 万元.
    b.prior.expense_total = Some(Money::from_fen(1_000_004_900));
    let exact = Report::build(&b, Options::new(Unit::Wan, false, true));
    let shown = Report::build(&b, Options::new(Unit::Wan, true, true));
    let (e, s) = (
        exact.summary.yoy_expense.unwrap(),
        shown.summary.yoy_expense.unwrap(),
    );
    assert_eq!(e.signed(Unit::Wan), "+1,000.00 (+100.00%)");
    assert_eq!(s.signed(Unit::Wan), "+1,000.01 (+100.00%)");
    assert!(shown.narrative[0].text().contains("支出总计2,000.01万元"));
    assert!(shown.narrative[0].text().contains("比上年增加1,000.01万元"));
    assert!(exact.narrative[0].text().contains("比上年增加1,000.00万元"));
    let _ = Rounding::Independent;
}

/// Asserts that each money cell of `t` is what its explanation sums; returns how many.
fn cells_explained(budget: &Budget, t: &Table) -> usize {
    let mut n = 0;
    for (ri, row) in t.rows.iter().enumerate() {
        for (ci, c) in row.cells.iter().enumerate() {
            if let Some(m) = c.money() {
                let e = explain_cell(budget, t, ri, ci, Unit::Yuan).unwrap();
                assert_eq!(e.value, m, "表{} 第{ri}行第{ci}列", t.number);
                n += 1;
            }
        }
    }
    n
}

/// Tables 12/13 of a generated budget (hundreds of projects, five sources, carry-over in
/// some): each money cell is what its explanation sums, and the project rows add up to the
/// table's total row.
#[test]
fn every_project_table_cell_of_a_generated_budget_is_what_its_explanation_sums() {
    let budget = reference::synthetic(600);
    let r = Report::build(&budget, Options::default());
    for id in [TableId::ProjectsCurrent, TableId::ProjectsCarry] {
        let t = r.table(id).unwrap();
        assert!(t.rows.len() > 50, "{:?}: {}", id, t.rows.len());
        assert!(cells_explained(&budget, t) > 100);
    }
    let carry = r.table(TableId::ProjectsCarry).unwrap();
    let items: Money = carry.rows[3..]
        .iter()
        .filter_map(|row| row.cells[1].money())
        .sum();
    assert_eq!(carry.rows[1].cells[1].money(), Some(items));
}

/// Every money cell of every table of the department (and of a second 行政单位 added to
/// it, so table 11 has two unit rows) is what its explanation sums.
#[test]
fn every_table_cell_of_a_department_is_what_its_explanation_sums() {
    let mut b = department();
    b.apply(Command::SetUnitType {
        id: "u2".into(),
        kind: UnitType::CivilService,
    })
    .unwrap();
    for budget in [department(), b] {
        let r = Report::build(&budget, Options::default());
        let n: usize = r.tables.iter().map(|t| cells_explained(&budget, t)).sum();
        assert!(n > 100, "{n}");
        let t11 = r.table(TableId::OfficeRunning).unwrap();
        assert!(t11.rows.len() >= 2);
    }
}
