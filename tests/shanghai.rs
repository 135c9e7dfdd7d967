//! The Shanghai template (docs/TEMPLATES.md) on a hand-made 事业单位 budget
//! (`tests/fixtures/shanghai-institution.json`: 财政拨款 and 事业收入, a project paid by
//! 事业收入, prior-year figures). Every figure was worked out by hand from the 13 lines:
//! 一般公共预算资金 3,449,000 = 基本支出 2,649,000 + 项目 800,000 (群众文化活动 500,000,
//! 馆舍维修 300,000); 事业收入 320,000 = 劳务费 120,000 + 公益培训 200,000; 人员经费 (301
//! and 303) 2,545,000; 公用经费 224,000 of which 104,000 一般公共预算.

use yusuan::core::domain::model::Budget;
use yusuan::core::domain::money::Unit;
use yusuan::core::domain::template::TemplateId;
use yusuan::core::figures::explain::{explain, explain_cell};
use yusuan::core::figures::narrative::{paragraph_text, Span};
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

#[test]
fn the_narrative_sentence_by_sentence_in_wan_whatever_the_switch() {
    let expected = [
        "一、收支预算总体情况",
        "2024年，某区文化馆收入预算376.90万元，其中：财政拨款收入344.90万元，比2023年预算增加14.90万元；事业收入32.00万元；事业单位经营收入0万元；其他收入0万元。",
        "支出预算376.90万元，其中：财政拨款支出预算344.90万元，比2023年预算增加14.90万元。",
        "二、财政拨款支出预算情况",
        "财政拨款支出预算中，一般公共预算拨款支出预算344.90万元，比2023年预算增加14.90万元；政府性基金拨款支出预算0万元，与2023年预算持平；国有资本经营预算拨款支出预算0万元，与2023年预算持平。",
        "2024年一般公共预算拨款支出预算主要构成如下：",
        "1. “文化旅游体育与传媒支出（类）文化和旅游（款）群众文化（项）”290.40万元，主要用于开展群众文化活动、馆舍日常运行和维修。2023年当年预算执行数为265.00万元，2024年预算安排290.40万元，比2023年预算执行数增加9.58%。主要原因是：新增馆舍维修项目。",
        "2. “社会保障和就业支出（类）行政事业单位养老支出（款）事业单位离退休（项）”4.50万元。",
        "3. “社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）”24.00万元，主要用于缴纳机关事业单位基本养老保险。2023年当年预算执行数为24.00万元，2024年预算安排24.00万元，与2023年预算执行数持平。",
        "4. “卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）”11.00万元，主要用于事业单位职工医疗保障。",
        "5. “住房保障支出（类）住房改革支出（款）住房公积金（项）”15.00万元。",
        "三、“三公”经费预算情况",
        "2024年“三公”经费预算数为4.40万元，比2023年预算减少0.20万元。其中：（一）因公出国（境）费0万元，与2023年预算持平。（二）公务用车购置及运行费3.60万元，与2023年预算持平。其中：公务用车购置费0万元，与2023年预算持平；公务用车运行费3.60万元，与2023年预算持平，主要原因是：公务用车运行费按实际需求安排。（三）公务接待费0.80万元，比2023年预算减少0.20万元，主要原因是：严格控制公务接待。",
        "四、机关运行经费预算情况",
        "2024年本单位无机关运行经费预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。",
        "五、政府采购预算情况",
        "2024年度本单位政府采购预算92.00万元，其中：政府采购货物预算12.00万元、政府采购工程预算30.00万元、政府采购服务预算50.00万元。",
        "六、绩效目标设置情况",
        "2024年度，本单位编报绩效目标的项目共0个，涉及项目预算资金0万元。",
        "七、国有资产占有使用情况",
        "截至2023年12月31日，本单位共有车辆1辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车1辆；单价100万元（含）以上设备（不含车辆）2台（套）。",
        "2024年本单位预算安排购置车辆0辆，其中：部级领导干部用车0辆、主要领导干部用车0辆、机要通信用车0辆、应急保障用车0辆、执法执勤用车0辆、特种专业技术用车0辆、离退休干部用车0辆、其他用车0辆；安排购置单价100万元（含）以上设备（不含车辆）0台（套）。",
        "本单位资产主要为馆舍和文化活动设备。",
    ];
    for unit in [Unit::Wan, Unit::Yuan] {
        let r = report(unit);
        let got: Vec<String> = r
            .narrative
            .iter()
            .flat_map(|s| {
                std::iter::once(s.title.clone()).chain(s.paragraphs.iter().map(paragraph_text))
            })
            .collect();
        assert_eq!(got, expected);
    }
}

#[test]
fn every_narrative_figure_explains_itself_with_its_value() {
    let b = budget();
    let r = Report::build(&b, Options::default());
    let mut n = 0;
    for sec in &r.narrative {
        for p in &sec.paragraphs {
            for span in p {
                if let Span::Figure { key, text } = span {
                    let e = explain(&b, key, Unit::Wan)
                        .unwrap_or_else(|| panic!("{key}（{text}）无法解释"));
                    assert!(!e.formula.is_empty(), "{key}");
                    n += 1;
                }
            }
        }
    }
    assert!(n >= 40, "{n}");
    let e = explain(&b, "item:2070109", Unit::Wan).unwrap();
    assert_eq!(e.value.display(Unit::Wan), "290.40");
    assert_eq!(e.lines.len(), 7);
    let e = explain(&b, "item_change:2070109", Unit::Wan).unwrap();
    assert!(e.formula.contains("9.58%"), "{}", e.formula);
    let e = explain(&b, "yoy:fiscal_income", Unit::Wan).unwrap();
    assert!(
        e.formula.starts_with("14.90 = 344.90 本年 − 330.00 上年"),
        "{}",
        e.formula
    );
}

#[test]
fn item_notes_asset_counts_and_the_template_change_undo_exactly() {
    use yusuan::core::domain::command::Command;
    use yusuan::core::domain::disclosure::{AssetFacts, ItemNote, VehicleKind};
    let mut b = budget();
    let before = b.clone();
    let steps = [
        Command::SetItemNote {
            code: "2210201".into(),
            note: ItemNote {
                purpose: " 缴存住房公积金\u{202e} ".into(),
                ..ItemNote::default()
            },
        },
        Command::SetItemNote {
            code: "2070109".into(),
            note: ItemNote::default(),
        },
        Command::SetAssetFacts(AssetFacts::default().with_vehicles(
            true,
            VehicleKind::LawEnforcement,
            2,
        )),
        Command::SetTemplate(TemplateId::Standard),
    ];
    let mut undo = Vec::new();
    for c in steps {
        undo.push(b.apply_recorded(c).unwrap().undo);
    }
    assert_eq!(b.items["2210201"].purpose, "缴存住房公积金");
    assert!(!b.items.contains_key("2070109"));
    assert_eq!(b.asset_facts.vehicles(true, VehicleKind::LawEnforcement), 2);
    assert_eq!(Report::build(&b, Options::default()).tables.len(), 13);
    for u in undo.into_iter().rev() {
        for c in u {
            b.apply(c).unwrap();
        }
    }
    assert_eq!(b, before);
    // Refused: a code that is no 功能分类 code, an absurd count.
    assert!(b
        .apply(Command::SetItemNote {
            code: "30101x".into(),
            note: ItemNote::default(),
        })
        .is_err());
    assert!(b
        .apply(Command::SetAssetFacts(AssetFacts::default().with_vehicles(
            false,
            VehicleKind::Other,
            5_000_000
        )))
        .is_err());
    assert_eq!(b, before);
}

#[test]
fn checks_follow_the_template() {
    let r = Report::build(&budget(), Options::default());
    let ids: Vec<(&str, &str)> = r
        .checks
        .iter()
        .map(|c| (c.id, c.message.as_str()))
        .collect();
    assert!(
        ids.contains(&(
            "item_purpose",
            "功能分类项“2210201 住房公积金”没有填写主要用途（情况说明逐项说明）"
        )),
        "{ids:?}"
    );
    // The reference's reasons (收入总计 …) are not in this narrative, so not asked for.
    assert!(
        !ids.iter().any(|(id, _)| *id == "missing_reason"),
        "{ids:?}"
    );
    // A 项 whose execution differs and has no reason is.
    let mut b = budget();
    b.items.get_mut("2070109").unwrap().reason.clear();
    let r = Report::build(&b, Options::default());
    assert!(r
        .checks
        .iter()
        .any(|c| c.id == "missing_reason" && c.message.contains("2070109")));
    // Carry-over has no column in this template.
    b.lines[0].carry_over = yusuan::core::domain::money::Money::from_fen(10_000);
    let r = Report::build(&b, Options::default());
    assert!(r.checks.iter().any(|c| c.id == "template_carry"));
}

#[test]
fn a_items_execution_sums_its_lines_when_none_is_written_and_imports_from_a_column() {
    use yusuan::core::formats::import::{guess, parse_csv, plan};
    use yusuan::core::present::editor::Column;
    let mut b = budget();
    b.items.get_mut("2080505").unwrap().executed = None;
    // The 项 2080505 has one line (养老保险 240,000); its line says 230,000 last year.
    let line = b
        .lines
        .iter_mut()
        .find(|l| l.function.map(|f| f.to_string()) == Some("2080505".into()))
        .unwrap();
    line.executed = Some(yusuan::core::domain::money::Money::from_fen(23_000_000));
    let r = Report::build(&b, Options::default());
    let text: String = r.narrative.iter().map(|s| s.text()).collect();
    assert!(
        text.contains("2023年当年预算执行数为23.00万元，2024年预算安排24.00万元，比2023年预算执行数增加4.35%。"),
        "{text}"
    );
    let e = explain(&b, "item_executed:2080505", Unit::Wan).unwrap();
    assert_eq!(e.lines.len(), 1);
    // The grid shows the column for this template; the reference's grid does not.
    assert!(Column::shown(&b).contains(&Column::Executed));
    let reference = yusuan::core::formats::reference::budget();
    assert!(!Column::shown(&reference).contains(&Column::Executed));
    // A CSV with a 上年执行数 column imports it.
    let rows = parse_csv(
        "功能分类科目,部门经济分类,资金来源,当年预算安排,上年执行数\n2010350,30201,一般公共预算资金,1000,900\n",
    )
    .unwrap();
    let g = guess(&rows);
    assert!(g.complete, "{:?}", g.unknown);
    let p = plan(&b, &rows, &g.mapping).unwrap();
    assert_eq!(
        p.drafts[0].executed.map(|m| m.display(Unit::Yuan)),
        Some("900.00".to_string())
    );
}

#[test]
fn units_of_the_template_consolidate_into_a_department_of_it() {
    use yusuan::core::domain::consolidate::consolidate;
    let a = budget();
    let mut b = budget();
    b.unit.name = "某区图书馆".into();
    b.units[0].name = "某区图书馆".into();
    let d = consolidate("某区文化和旅游局", &[a.clone(), b.clone()]).unwrap();
    assert_eq!(d.template, TemplateId::Shanghai);
    assert_eq!(
        d.items["2070109"].executed.unwrap().display(Unit::Wan),
        "530.00"
    );
    assert_eq!(d.asset_facts.vehicles_total(false), 2);
    let r = Report::build(&d, Options::default());
    assert_eq!(r.tables.len(), 9);
    let text: String = r.narrative.iter().map(|s| s.text()).collect();
    assert!(
        text.contains("2024年，某区文化和旅游局收入预算753.80万元"),
        "{text}"
    );
    assert!(text.contains("本部门共有车辆2辆"), "{text}");
    // A file of another template is refused, with the reason.
    let mut c = b;
    c.template = TemplateId::Standard;
    let e = consolidate("某区文化和旅游局", &[a, c]).unwrap_err();
    assert!(e.contains("公开模板"), "{e}");
}

#[test]
fn practice_exercises_answer_where_the_template_has_the_figure() {
    use yusuan::core::practice::{expected, find};
    let b = budget();
    let r = Report::build(&b, Options::default());
    let shown = |id: &str| expected(&b, &r, find(id).unwrap()).map(|e| e.shown);
    assert_eq!(shown("expense-total").as_deref(), Some("376.90"));
    // 表3 is the 支出预算总表 here too: 2010306 has no line, so no answer.
    assert_eq!(shown("table3-2010306"), None);
    // The reference's 表6 layout is not published by this template.
    assert_eq!(shown("table6-301"), None);
    assert_eq!(shown("basic-share").as_deref(), Some("73.47%"));
}
