//! The user's own code lists: a budget's names override the built-in ones, 导入科目表 adds
//! them (every bad row listed), an import of lines keeps the names of codes the built-in
//! table lacks and lists those that differ, and a line whose code has a name is not warned.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::import::{guess, parse_csv, plan};
use yusuan::core::formats::{codelist, reference};

#[test]
fn importing_lines_keeps_new_names_and_lists_differing_ones() {
    let b = reference::budget();
    let rows = parse_csv(
        "功能分类科目,科目名称,部门经济分类,经济科目名称,当年预算安排\n\
         2081005,社会福利事业单位,30202,咨询费,1000\n\
         2010306,政务公开审批,30201,办公费,500\n",
    )
    .unwrap();
    let g = guess(&rows);
    assert!(g.complete, "{:?}", g.unknown);
    let p = plan(&b, &rows, &g.mapping).unwrap();
    // 2081005 has no name: kept; 30202 is 印刷费 built in: listed; the rest agree.
    assert_eq!(p.names.len(), 2);
    assert_eq!(p.names[0].code, "2081005");
    assert_eq!(p.names[0].current, None);
    let diff: Vec<_> = p.differing().collect();
    assert_eq!(diff.len(), 1);
    assert_eq!(
        (diff[0].code.as_str(), diff[0].name.as_str()),
        ("30202", "咨询费")
    );
    assert_eq!(diff[0].current.as_deref(), Some("印刷费"));

    let mut kept = b.clone();
    kept.apply_all(p.append()).unwrap();
    assert_eq!(
        kept.code_names.get("2081005").map(String::as_str),
        Some("社会福利事业单位")
    );
    assert!(!kept.code_names.contains_key("30202"));
    let mut theirs = b.clone();
    let p2 = yusuan::core::formats::import::Plan {
        keep_file_names: true,
        ..p
    };
    theirs.apply_all(p2.append()).unwrap();
    let code = yusuan::core::domain::codes::EconCode::parse("30202").unwrap();
    assert_eq!(theirs.econ_name(code), Some("咨询费"));
}

#[test]
fn a_code_list_lists_every_bad_row_and_changes_nothing() {
    let b = reference::budget();
    let rows =
        parse_csv("科目名称,科目编码\n社会福利,20810\n坏的,20x10\n,2081005\n行政运行,212 01 01\n")
            .unwrap();
    let errors = codelist::read(&b, &rows).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(text.len(), 2, "{text:?}");
    assert!(text[0].starts_with("第3行第2列："), "{}", text[0]);
    assert_eq!(text[1], "第4行第1列：科目2081005的名称为空或过长");
    let rows =
        parse_csv("科目名称,科目编码\n社会福利,20810\n疾病预防控制机构,210 04 01\n").unwrap();
    let list = codelist::read(&b, &rows).unwrap();
    // 20810 社会福利 is built in already; 2100401 is new.
    assert_eq!(list.unchanged, 1);
    assert_eq!(list.names.len(), 1);
    assert_eq!(list.names[0].code, "2100401");
}

#[test]
fn a_line_whose_code_has_a_name_is_not_warned_its_unnamed_parent_once() {
    use yusuan::core::domain::codes::FunctionCode;
    use yusuan::core::domain::command::{Command, Field};
    let mut b = reference::budget();
    for id in [1, 2] {
        b.apply(Command::UpdateLine {
            id,
            field: Field::Function(FunctionCode::parse("2130101").ok()),
        })
        .unwrap();
    }
    let warnings = |b: &yusuan::core::domain::model::Budget| -> Vec<String> {
        Report::build(b, Options::default())
            .checks
            .into_iter()
            .filter(|c| c.id == "unknown_code")
            .map(|c| c.message)
            .collect()
    };
    // Neither 2130101 nor its 款 21301 has a name.
    assert_eq!(
        warnings(&b),
        [
            "第1号明细的功能分类科目2130101（项）不在内置科目表中，请填写科目名称",
            "第2号明细的功能分类科目2130101（项）不在内置科目表中，请填写科目名称",
            "功能分类科目21301（款）没有名称，公开表中该行将无名称；请导入科目表或为它命名",
        ]
    );
    b.apply(Command::SetCodeName {
        code: "2130101".into(),
        name: "行政运行".into(),
    })
    .unwrap();
    assert_eq!(warnings(&b).len(), 1);
    b.apply(Command::SetCodeName {
        code: "21301".into(),
        name: "农业农村".into(),
    })
    .unwrap();
    assert!(warnings(&b).is_empty());
}
