//! Issue 22, first budget of a 事业单位: the 政府预算支出经济分类 follows the line's 预算单位
//! type (a 事业单位's 基本支出 is 505 对事业单位经常性补助, a 机关's 501/502), in table 6,
//! the grid's 政府经济科目 column and the checks; a department of both types splits them.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::domain::codes::EconCode;
use yusuan::core::domain::command::{Command, Field};
use yusuan::core::domain::model::Budget;
use yusuan::core::domain::money::Unit;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::figures::tables::TableId;
use yusuan::core::formats::file;
use yusuan::core::present::editor::{cell_text, Column};

/// A county 疾病预防控制中心 (事业单位): eight 基本支出 lines, one project.
const CDC: &str = r#"{"format":"yusuan-budget","version":5,"scenarios":[{"name":"方案一","budget":{
"unit":{"name":"某县疾病预防控制中心","year":2025},
"units":[{"id":"u1","name":"某县疾病预防控制中心","type":"institution"}],
"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"},{"id":"s1","name":"事业收入","kind":"non_fiscal"}],
"income_follows_spending":true,
"code_names":{"21004":"公共卫生","2100401":"疾病预防控制机构"},
"lines":[
{"id":1,"kind":"basic","function":"2100401","economic":"30101","source":"g","current":"1000000.00"},
{"id":2,"kind":"basic","function":"2100401","economic":"30102","source":"g","current":"500000.00"},
{"id":3,"kind":"basic","function":"2100401","economic":"30107","source":"g","current":"800000.00"},
{"id":4,"kind":"basic","function":"2080505","economic":"30108","source":"g","current":"300000.00"},
{"id":5,"kind":"basic","function":"2100401","economic":"30201","source":"g","current":"100000.00"},
{"id":6,"kind":"basic","function":"2100401","economic":"30231","source":"g","current":"40000.00"},
{"id":7,"kind":"basic","function":"2080502","economic":"30302","source":"g","current":"200000.00"},
{"id":8,"kind":"basic","function":"2210201","economic":"30113","source":"g","current":"150000.00"},
{"id":9,"kind":"project","function":"2100401","economic":"30218","project":"疫苗冷链","source":"g","current":"600000.00"}
]}}]}"#;

fn cdc() -> Budget {
    file::from_json(CDC).unwrap()
}

fn table6(b: &Budget) -> Vec<Vec<String>> {
    let r = Report::build(b, Options::default());
    r.table(TableId::BasicEconomic)
        .unwrap()
        .render(Unit::Wan, false)
}

fn rows(t: &[Vec<String>]) -> Vec<String> {
    t.iter().map(|r| r.join("|")).collect()
}

#[test]
fn a_institutions_table_6_is_505() {
    assert_eq!(
        rows(&table6(&cdc())),
        [
            "合计||309.00|295.00|14.00",
            "工资福利支出||275.00|275.00|",
            "基本工资|工资福利支出|100.00|100.00|",
            "津贴补贴|工资福利支出|50.00|50.00|",
            "绩效工资|工资福利支出|80.00|80.00|",
            "机关事业单位基本养老保险缴费|工资福利支出|30.00|30.00|",
            "住房公积金|工资福利支出|15.00|15.00|",
            "商品和服务支出||14.00||14.00",
            "办公费|商品和服务支出|10.00||10.00",
            "公务用车运行维护费|商品和服务支出|4.00||4.00",
            "对个人和家庭的补助||20.00|20.00|",
            "退休费|离退休费|20.00|20.00|",
        ]
    );
}

#[test]
fn the_grid_shows_the_code_the_tables_use_and_copying_it_back_pins_nothing() {
    let mut b = cdc();
    let line = |b: &Budget, id| b.line(id).unwrap().clone();
    let gov = |b: &Budget, id| cell_text(b, &line(b, id), Column::GovEconomic, Unit::Wan);
    assert_eq!(gov(&b, 1), "50501");
    assert_eq!(gov(&b, 5), "50502");
    assert_eq!(gov(&b, 7), "50905");
    // Typing the standard code is no override; another code is, and the check sees a
    // 机关 code on a 事业单位's line.
    let set = |b: &mut Budget, code: &str| {
        let field = Field::GovEconomic(Some(EconCode::parse(code).unwrap()));
        b.apply(Command::UpdateLine { id: 1, field }).unwrap();
    };
    set(&mut b, "50501");
    assert_eq!(b.line(1).unwrap().gov_economic, None);
    set(&mut b, "50101");
    assert_eq!(gov(&b, 1), "50101");
    let r = Report::build(&b, Options::default());
    let c = r
        .checks
        .iter()
        .find(|c| c.id == "gov_economic_unit")
        .unwrap();
    assert_eq!(
        c.message,
        "第1号明细的政府经济科目50101属于机关，与其预算单位的类型（事业单位）不符，按对照表应为50501"
    );
    assert_eq!(c.lines, vec![1]);
}

#[test]
fn a_department_of_both_types_keeps_them_apart() {
    let cdc = cdc();
    let mut bureau = cdc.clone();
    bureau.unit.name = "某县卫生健康局".into();
    bureau.units[0].name = "某县卫生健康局".into();
    bureau.units[0].kind = yusuan::core::domain::model::UnitType::Administrative;
    let dept =
        yusuan::core::domain::consolidate::consolidate("某县卫生健康局", &[bureau, cdc]).unwrap();
    assert_eq!(
        rows(&table6(&dept)),
        [
            "合计||618.00|590.00|28.00",
            "工资福利支出||550.00|550.00|",
            "基本工资|工资奖金津补贴|100.00|100.00|",
            "基本工资|工资福利支出|100.00|100.00|",
            "津贴补贴|工资奖金津补贴|50.00|50.00|",
            "津贴补贴|工资福利支出|50.00|50.00|",
            "绩效工资|工资奖金津补贴|80.00|80.00|",
            "绩效工资|工资福利支出|80.00|80.00|",
            "机关事业单位基本养老保险缴费|社会保障缴费|30.00|30.00|",
            "机关事业单位基本养老保险缴费|工资福利支出|30.00|30.00|",
            "住房公积金|住房公积金|15.00|15.00|",
            "住房公积金|工资福利支出|15.00|15.00|",
            "商品和服务支出||28.00||28.00",
            "办公费|办公经费|10.00||10.00",
            "办公费|商品和服务支出|10.00||10.00",
            "公务用车运行维护费|公务用车运行维护费|4.00||4.00",
            "公务用车运行维护费|商品和服务支出|4.00||4.00",
            "对个人和家庭的补助||40.00|40.00|",
            "退休费|离退休费|40.00|40.00|",
        ]
    );
    // 机关运行经费 is the bureau's 公用经费 only.
    let r = Report::build(&dept, Options::default());
    assert_eq!(r.summary.office_running.display(Unit::Wan), "14.00");
}

/// Issue 22: a file holding a code of no national 类 still opens; 检查 reports it as an
/// error saying what was likely meant, and only that (no “missing name” beside it).
#[test]
fn an_impossible_code_in_a_file_is_an_error_finding() {
    let text = CDC.replace(r#""function":"2210201""#, r#""function":"2990101""#);
    let b = file::from_json(&text).unwrap();
    let r = Report::build(&b, Options::default());
    let found: Vec<&str> = r
        .checks
        .iter()
        .filter(|c| c.lines == vec![8])
        .map(|c| c.message.as_str())
        .collect();
    assert_eq!(
        found,
        ["第8号明细的功能分类科目2990101不存在（没有以“299”开头的支出功能分类（类）：是否应为“209 社会保险基金支出” / “219 援助其他地区支出” / “229 其他支出”？）"]
    );
    assert!(r.has_errors());
}

/// Issue 22: 政府采购 above 支出总计 is an error (470.00 against 435.40 passed before).
#[test]
fn procurement_above_spending_is_an_error() {
    let mut b = cdc();
    b.procurement.goods = yusuan::core::domain::money::Money::from_fen(470_000_000);
    let r = Report::build(&b, Options::default());
    let c = r
        .checks
        .iter()
        .find(|c| c.id == "procurement_total")
        .unwrap();
    assert_eq!(
        c.message,
        "政府采购预算总额470.00万元超过支出总计369.00万元，超出101.00万元"
    );
    assert!(r.has_errors());
    b.procurement.goods = yusuan::core::domain::money::Money::from_fen(36_900_000);
    let r = Report::build(&b, Options::default());
    assert!(!r.checks.iter().any(|c| c.id == "procurement_total"));
}

/// Issue 22: a block copied from a finance system, with its own headers, pastes as new
/// lines: “功能分类科目编码 / 部门经济分类科目编码 / 预算金额（元）” are recognised, amounts under a
/// header in 元 read in 元 whatever the screen shows, and a 科目名称 column names the codes
/// that have no name yet (never renaming a built-in one).
#[test]
fn a_finance_system_block_pastes_with_its_names_and_unit() {
    use yusuan::core::present::editor::plan_paste;
    let mut b = cdc();
    b.code_names.clear();
    let text = "功能分类科目编码\t功能分类科目名称\t部门经济分类科目编码\t预算金额（元）\n\
                2100401\t疾病预防控制机构\t30201\t12000.50\n\
                2080505\t养老保险（别名）\t30108\t300\n";
    let plan = plan_paste(&b, text, &[], Column::Current, Unit::Wan).unwrap();
    assert_eq!(plan.added, 2);
    b.apply_all(plan.commands).unwrap();
    let added: Vec<String> = b.lines[9..]
        .iter()
        .map(|l| format!("{:?} {}", l.function.map(|c| c.to_string()), l.current))
        .collect();
    assert_eq!(
        added,
        ["Some(\"2100401\") 12000.5", "Some(\"2080505\") 300"]
    );
    assert_eq!(
        b.code_names.get("2100401").map(String::as_str),
        Some("疾病预防控制机构")
    );
    assert!(
        !b.code_names.contains_key("2080505"),
        "a built-in name is kept"
    );
}

/// Issue 22: a finding about a code without a name says which code, so the page can offer
/// to name it there; naming it (one command) clears the finding.
#[test]
fn a_finding_about_an_unnamed_code_names_the_code() {
    let mut b = cdc();
    b.code_names.clear();
    let r = Report::build(&b, Options::default());
    let parent = r
        .checks
        .iter()
        .find(|c| c.message.starts_with("功能分类科目21004（款）没有名称"))
        .unwrap();
    assert_eq!(parent.code.as_deref(), Some("21004"));
    assert!(r
        .checks
        .iter()
        .any(|c| c.code.as_deref() == Some("2100401")));
    b.apply(Command::SetCodeName {
        code: "21004".into(),
        name: "公共卫生".into(),
    })
    .unwrap();
    let r = Report::build(&b, Options::default());
    assert!(!r.checks.iter().any(|c| c.code.as_deref() == Some("21004")));
}

/// Issue 22: a row pasted onto a line that it makes a 项目支出 without a project name is
/// refused, asking for the name (or 基本支出 as its 类型); with the name it pastes.
#[test]
fn a_paste_that_leaves_a_project_without_its_name_asks_for_it() {
    use yusuan::core::present::editor::plan_paste;
    let b = cdc();
    let e = plan_paste(&b, "项目支出\t2100401", &[1], Column::Kind, Unit::Wan).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "第1行第1列：粘贴到第1号明细（项目支出）上，但没有项目名称：请在“项目名称”列填写，或在“类型”列填“基本支出”"
    );
    let ok = plan_paste(&b, "基本支出\t2100401", &[1], Column::Kind, Unit::Wan).unwrap();
    assert_eq!(ok.updated, 1);
}
