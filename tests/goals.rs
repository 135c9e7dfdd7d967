//! 绩效目标表: the reference's 20 forms (golden), section 十, the checks with hand-made
//! faults, and round trips (JSON, XLSX) and links (renames, undo) as properties.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use yusuan::core::domain::command::{Command, Field};
use yusuan::core::domain::goals::{
    parse_target, Funding, GoalForm, GoalText, Indicator, IndicatorKind, Op, Side,
};
use yusuan::core::domain::history::History;
use yusuan::core::domain::model::{Budget, Kind};
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::explain::explain;
use yusuan::core::figures::goals;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::{file, goal_sheet, reference, xlsx};

fn yuan(n: i64) -> Money {
    Money::from_fen(n * 100)
}

fn reference_forms() -> Vec<GoalForm> {
    reference::budget().goals
}

#[test]
fn the_reference_carries_its_20_forms_with_their_money_and_indicators() {
    let forms = reference_forms();
    // (printed name, 实施期资金总额, 年度资金总额, 实施期 and 年度 三级指标) in the document's order.
    let expected: [(&str, i64, i64, usize, usize); 20] = [
        ("2022年项目尾款", 6_837_600, 2_470_000, 11, 11),
        ("OA办公系统改造", 150_000, 150_000, 11, 11),
        ("编外人员管理经费", 9_661_200, 2_280_000, 6, 6),
        ("电子印章配套加密模块", 100_000, 100_000, 6, 6),
        ("规划事项技术服务经费", 3_953_000, 750_000, 11, 11),
        ("行政审批工作运行经费", 10_354_200, 2_600_000, 12, 12),
        ("行政审批事项专家评审费", 2_402_500, 560_000, 9, 9),
        (
            "继续使用2021年财政拨款资(晋市财预【2022】1号)(晋城市营商环境监测和大数据分析平台)",
            458_000,
            458_000,
            8,
            8,
        ),
        (
            "继续使用2021年财政拨款资金(晋市财预【2022】1号)(晋城市“一网通办”信息化建设项目)",
            3_780_000,
            3_780_000,
            7,
            7,
        ),
        (
            "建设工程消防设计审核、消防验收现场评定经费",
            27_900_000,
            4_000_000,
            7,
            7,
        ),
        (
            "建设项目环境影响评价报告书(表)评估",
            6_050_000,
            2_100_000,
            8,
            8,
        ),
        ("晋城市“一网通办”信息化建设项目", 3_780_000, 3_780_000, 7, 7),
        ("晋城市营商环境监测和大数据分析平台", 458_000, 458_000, 8, 8),
        ("排污许可证技术审查经费", 2_715_800, 600_000, 7, 7),
        ("市场主体倍增专班工作经费", 15_714_000, 4_000_000, 12, 10),
        ("网络运维", 6_210_000, 1_400_000, 10, 10),
        ("营商环境、政务服务宣传经费", 2_600_000, 500_000, 10, 10),
        ("证照系统维护经费", 300_000, 300_000, 8, 8),
        ("政府统一服务专项经费", 7_357_000, 1_347_000, 7, 7),
        ("专网专线", 550_000, 57_500, 11, 11),
    ];
    assert_eq!(forms.len(), 20);
    for (f, (name, period, annual, np, na)) in forms.iter().zip(expected) {
        assert_eq!(f.display_name(), name);
        assert_eq!(f.funds_period.total, yuan(period), "{name}");
        assert_eq!(f.funds_annual.total, yuan(annual), "{name}");
        // Every reference form is funded by 市县（区）财政资金 alone.
        assert_eq!(f.funds_period.local, yuan(period), "{name}");
        assert_eq!(f.funds_annual.local, yuan(annual), "{name}");
        assert_eq!(f.funds_annual.split_sum(), f.funds_annual.total);
        assert_eq!(f.indicators_period.len(), np, "{name}");
        assert_eq!(f.indicators_annual.len(), na, "{name}");
        // No personal data in the embedded budget: the fields exist and are empty.
        assert!(f.clerk.is_empty() && f.phone.is_empty() && f.manager.is_empty());
        assert_eq!(f.department, "062-晋城市行政审批服务管理局");
    }
    let total: Money = forms.iter().map(|f| f.funds_annual.total).sum();
    assert_eq!(total, yuan(31_690_500)); // 27,452,500 + the two duplicates 3,780,000 + 458,000
}

#[test]
fn the_first_form_agrees_with_its_line() {
    let b = reference::budget();
    let f = &b.goals[0];
    assert_eq!(f.project, "2022年项目尾款");
    assert_eq!(f.attribute, "一次性项目（1年结束）");
    assert_eq!(f.period, "1年");
    assert_eq!(f.funds_period.total, yuan(6_837_600));
    assert_eq!(f.funds_annual.total, yuan(2_470_000));
    let line = b.lines.iter().find(|l| l.project == f.project).unwrap();
    assert_eq!(line.current, yuan(2_470_000));
    assert_eq!(f.indicators_annual[0].name, "完成项目尾款支付数");
    assert_eq!(f.indicators_annual[0].value, "9个");
    let satisfaction = f
        .indicators_annual
        .iter()
        .find(|i| i.kind == IndicatorKind::Satisfaction)
        .unwrap();
    assert_eq!(
        (satisfaction.name.as_str(), satisfaction.value.as_str()),
        ("群众满意度", "≥90%")
    );
}

#[test]
fn section_ten_reproduces_the_published_sentence() {
    let b = reference::budget();
    let r = Report::build(&b, Options::default());
    let ten = r.narrative.iter().find(|s| s.key == "performance").unwrap();
    assert_eq!(
        format!("{}\n{}", ten.title, ten.text()),
        "十、绩效管理情况\n2023年晋城市行政审批服务管理局单位实行绩效目标管理的项目20个，涉及一般公共预算当年拨款2,745.25万元。\n绩效目标情况见附表：项目支出绩效目标表20张。"
    );
    let o = goals::overview(&b, &yusuan::core::figures::aggregate::Aggregate::build(&b));
    assert_eq!((o.forms, o.projects), (20, 18));
    assert_eq!(o.amount, yuan(27_452_500));
    assert_eq!(o.duplicated.len(), 2);
    let e = explain(&b, "goals:amount", Unit::Wan).unwrap();
    assert_eq!(e.value, yuan(27_452_500));
    assert_eq!(e.terms.len(), 18);
    assert!(e.formula.starts_with("2,745.25 = "), "{}", e.formula);
    assert!(e.notes[0].contains("20张绩效目标表属于预算中的18个项目"));
    // Without forms the section never says “无” while projects wait for theirs (issue 22):
    // it says how many; with none of either, “无”; with some forms, the rest are counted.
    let ten = |b: &Budget| {
        let r = Report::build(b, Options::default());
        r.narrative
            .iter()
            .find(|s| s.key == "performance")
            .unwrap()
            .text()
    };
    let mut none = b.clone();
    none.goals.clear();
    assert_eq!(
        ten(&none),
        "2023年晋城市行政审批服务管理局单位有18个项目尚未填写绩效目标表。"
    );
    none.lines.retain(|l| l.project.is_empty());
    assert_eq!(
        ten(&none),
        "2023年晋城市行政审批服务管理局单位无实行绩效目标管理的项目。"
    );
    let mut some = b.clone();
    let first = some.goals[0].project.clone();
    some.goals.retain(|g| g.project != first);
    assert!(
        ten(&some).contains("。另有1个项目尚未填写绩效目标表。"),
        "{}",
        ten(&some)
    );
}

fn check_ids(b: &Budget) -> Vec<&'static str> {
    Report::build(b, Options::default())
        .checks
        .iter()
        .filter(|c| c.id.starts_with("goal_"))
        .map(|c| c.id)
        .collect()
}

fn goal_checks(b: &Budget, id: &str) -> Vec<(String, String, usize)> {
    Report::build(b, Options::default())
        .checks
        .into_iter()
        .filter(|c| c.id == id)
        .map(|c| {
            let g = c.goal.clone().unwrap_or(goals::GoalRef {
                form: usize::MAX,
                field: String::new(),
            });
            (c.message, g.field, g.form)
        })
        .collect()
}

/// The one finding of check `id`: (field, form), its message holding `text`.
fn one(b: &Budget, id: &str, text: &str) -> (String, usize) {
    let found = goal_checks(b, id);
    assert_eq!(found.len(), 1, "{found:?}");
    let (message, field, form) = found.into_iter().next().unwrap();
    assert!(message.contains(text), "{message}");
    (field, form)
}

#[test]
fn the_checks_find_hand_made_faults_and_point_at_the_field() {
    let base = reference::budget();
    let before = check_ids(&base);
    assert_eq!(before.iter().filter(|i| **i == "goal_cost").count(), 7);
    assert_eq!(before.iter().filter(|i| **i == "goal_duplicate").count(), 2);

    // 年度资金总额 that is not the project's money.
    let mut b = base.clone();
    b.goals[0].funds_annual.total = yuan(2_400_000);
    b.goals[0].funds_annual.local = yuan(2_400_000);
    let text = "年度资金总额2,400,000.00元与项目“2022年项目尾款”的预算2,470,000.00元";
    assert_eq!(
        one(&b, "goal_amount", text),
        ("funds_annual.total".into(), 0)
    );

    // A split that does not add up (an error).
    let mut b = base.clone();
    b.goals[1].funds_period.own = yuan(10_000);
    let text = "实施期资金总额150,000.00元不等于各来源之和160,000.00元";
    assert_eq!(
        one(&b, "goal_split", text),
        ("funds_period.total".into(), 1)
    );
    assert!(Report::build(&b, Options::default()).has_errors());

    // 实施期 below 年度.
    let mut b = base.clone();
    b.goals[2].funds_period = Funding {
        total: yuan(1_000_000),
        local: yuan(1_000_000),
        ..Funding::default()
    };
    let text = "实施期资金总额1,000,000.00元小于年度资金总额2,280,000.00元";
    assert_eq!(
        one(&b, "goal_period", text),
        ("funds_period.total".into(), 2)
    );

    // No 满意度 indicator on the 年度 side.
    let mut b = base.clone();
    b.goals[3]
        .indicators_annual
        .retain(|i| i.kind != IndicatorKind::Satisfaction);
    let text = "年度绩效指标缺少满意度指标";
    assert_eq!(
        one(&b, "goal_indicators", text),
        ("indicators_annual".into(), 3)
    );

    // A 成本指标 above the project's money, pointing at the indicator.
    let mut b = base.clone();
    let cost = b.goals[3]
        .indicators_annual
        .iter()
        .position(|i| i.kind == IndicatorKind::Cost)
        .unwrap();
    b.goals[3].indicators_annual[cost].value = "≤12万元".into();
    let found: Vec<_> = goal_checks(&b, "goal_cost")
        .into_iter()
        .filter(|f| f.2 == 3)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, format!("indicators_annual[{cost}]"));
    assert!(found[0]
        .0
        .contains("年度“模块升级改造成本”≤12万元 > 年度资金100,000.00元"));

    // A form whose project has no lines, and the project left without a form.
    let mut b = base.clone();
    b.goals[5].project = "不存在的项目".into();
    let text = "所属的项目“不存在的项目”在预算中没有项目支出明细";
    assert_eq!(one(&b, "goal_orphan", text), ("project".into(), 5));
    let missing: Vec<_> = Report::build(&b, Options::default())
        .checks
        .into_iter()
        .filter(|c| c.id == "goal_missing")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(
        missing[0].message,
        "项目“行政审批工作运行经费”没有绩效目标表"
    );
    assert_eq!(missing[0].lines.len(), 1);

    // The duplicates point at the second form of each project.
    let found = goal_checks(&base, "goal_duplicate");
    assert_eq!(found.iter().map(|f| f.2).collect::<Vec<_>>(), [11, 12]);
}

#[test]
fn targets_read_operator_number_and_unit() {
    let cases: [(&str, Option<Op>, Option<&str>, &str); 10] = [
        ("≥90%", Some(Op::AtLeast), Some("90"), "%"),
        (">30家", Some(Op::Above), Some("30"), "家"),
        ("100%", Some(Op::Equal), Some("100"), "%"),
        ("6月前", Some(Op::Equal), Some("6"), "月前"),
        ("≤15万元", Some(Op::AtMost), Some("15"), "万元"),
        ("89台（个）", Some(Op::Equal), Some("89"), "台（个）"),
        ("每月", None, None, "每月"),
        ("<5%", Some(Op::Below), Some("5"), "%"),
        ("0.3元/平米", Some(Op::Equal), Some("0.3"), "元/平米"),
        ("＞３０家", Some(Op::Above), Some("30"), "家"),
    ];
    for (text, op, number, unit) in cases {
        let t = parse_target(text);
        assert_eq!(t.op, op, "{text}");
        assert_eq!(t.number.map(|n| n.to_string()).as_deref(), number, "{text}");
        assert_eq!(t.unit, unit, "{text}");
    }
    assert_eq!(parse_target("≤523.8万元").money(), Some(yuan(5_238_000)));
    assert_eq!(parse_target("0.3元/平米").money(), None);
}

#[test]
fn the_sheet_reads_back_the_reference_forms() {
    let b = reference::budget();
    let bytes = xlsx::write(&xlsx::workbook(&b, &Report::build(&b, Options::default()))).unwrap();
    let sheets = xlsx::read(&bytes).unwrap();
    let sheet = sheets.iter().find(|s| s.name == xlsx::GOALS_SHEET).unwrap();
    let back = goal_sheet::read(&sheet.rows).unwrap();
    let strip = |v: &[GoalForm]| -> Vec<GoalForm> {
        v.iter().map(|g| GoalForm { id: 0, ..g.clone() }).collect()
    };
    assert_eq!(strip(&back), strip(&b.goals));
}

#[test]
fn a_bad_amount_in_a_sheet_names_its_row() {
    let rows: Vec<Vec<String>> = [
        vec!["项目名称", "甲项目"],
        vec![
            "项目资金（元）",
            "实施期资金总额：",
            "十万",
            "年度资金总额：",
            "100000",
        ],
    ]
    .iter()
    .map(|r| r.iter().map(|s| s.to_string()).collect())
    .collect();
    let e = goal_sheet::read(&rows).unwrap_err();
    assert_eq!(e.row, 2);
    assert!(
        e.to_string()
            .starts_with("第2行：“实施期资金总额：”的金额“十万”无法识别"),
        "{e}"
    );
}

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9甲乙丙丁（）()%≥≤：， ]{1,12}".prop_map(|s| s.trim().to_string()),
    ]
}

fn indicator_strategy() -> impl Strategy<Value = Indicator> {
    (
        0..IndicatorKind::ALL.len(),
        "[甲乙丙a-z]{1,8}",
        text_strategy(),
    )
        .prop_map(|(k, name, value)| Indicator {
            kind: IndicatorKind::ALL[k],
            name,
            value,
        })
}

fn funding_strategy() -> impl Strategy<Value = Funding> {
    prop::collection::vec(0i64..10_000_000_000, 6).prop_map(|v| Funding {
        total: Money::from_fen(v[0]),
        central: Money::from_fen(v[1]),
        provincial: Money::from_fen(v[2]),
        local: Money::from_fen(v[3]),
        own: Money::from_fen(v[4]),
        other: Money::from_fen(v[5]),
    })
}

fn form_strategy() -> impl Strategy<Value = GoalForm> {
    (
        "[甲乙丙丁a-z]{1,10}",
        prop::option::of("[戊己庚]{1,6}"),
        prop::collection::vec(text_strategy(), 15),
        funding_strategy(),
        funding_strategy(),
        prop::collection::vec(indicator_strategy(), 0..12),
        prop::collection::vec(indicator_strategy(), 0..12),
    )
        .prop_map(|(project, title, t, fp, fa, ip, ia)| {
            let mut g = GoalForm {
                project,
                title: title.unwrap_or_default(),
                funds_period: fp,
                funds_annual: fa,
                indicators_period: ip,
                indicators_annual: ia,
                ..GoalForm::default()
            };
            // Every other text of the form (经办人 and 联系电话 included).
            let texts = GoalText::ALL
                .into_iter()
                .filter(|f| !matches!(f, GoalText::Project | GoalText::Title));
            for (f, v) in texts.zip(t) {
                *g.text_mut(f) = v;
            }
            g.clean();
            g
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn forms_survive_the_json_and_xlsx_round_trips(forms in prop::collection::vec(form_strategy(), 1..5)) {
        let mut b = reference::budget();
        b.goals = forms;
        b.number_goals();
        let back = file::from_json(&file::to_json(&b)).unwrap();
        prop_assert_eq!(&back.goals, &b.goals);

        let mut wb = xlsx::Workbook::default();
        wb.push(xlsx::goals_sheet(&b.goals));
        let sheets = xlsx::read(&xlsx::write(&wb).unwrap()).unwrap();
        let read = goal_sheet::read(&sheets[0].rows).unwrap();
        let strip = |v: &[GoalForm]| -> Vec<GoalForm> {
            v.iter().map(|g| GoalForm { id: 0, ..g.clone() }).collect()
        };
        prop_assert_eq!(strip(&read), strip(&b.goals));
    }

    #[test]
    fn the_link_survives_renames_and_undo(
        renames in prop::collection::vec((0usize..64, 0usize..4), 1..25)
    ) {
        let names = ["改名甲", "改名乙", "2022年项目尾款", "网络运维"];
        let original = reference::budget();
        let mut b = original.clone();
        let mut h = History::default();
        let project_lines: Vec<u32> = b.lines.iter().filter(|l| l.kind == Kind::Project).map(|l| l.id).collect();
        let mut n = 0;
        for (pick, name) in renames {
            let id = project_lines[pick % project_lines.len()];
            let cmd = Command::UpdateLine { id, field: Field::Project(names[name].into()) };
            if let Ok(change) = b.apply_recorded(cmd) {
                h.record("改名", change);
                n += 1;
            }
            // A form never loses its project while the project has lines under some name
            // a form could follow: every project that had a form and still has its lines
            // under one name has a form.
            let links = goals::links(&b);
            let orphans = links.form_project.iter().filter(|p| p.is_none()).count();
            let orphans_before = goals::links(&original).form_project.iter().filter(|p| p.is_none()).count();
            prop_assert!(orphans >= orphans_before);
        }
        for _ in 0..n {
            prop_assert!(h.undo(&mut b).unwrap().is_ok());
        }
        prop_assert_eq!(&b, &original);
    }
}

#[test]
fn renaming_a_project_carries_its_form_and_undo_takes_it_back() {
    let original = reference::budget();
    let mut b = original.clone();
    let id = b.lines.iter().find(|l| l.project == "网络运维").unwrap().id;
    let change = b
        .apply_recorded(Command::UpdateLine {
            id,
            field: Field::Project("网络运行维护".into()),
        })
        .unwrap();
    let form = b
        .goals
        .iter()
        .find(|g| g.project == "网络运行维护")
        .unwrap();
    assert_eq!(form.funds_annual.total, yuan(1_400_000));
    assert!(b.goals.iter().all(|g| g.project != "网络运维"));
    assert!(goal_checks(&b, "goal_orphan").is_empty());
    let mut h = History::default();
    h.record("改名", change);
    h.undo(&mut b).unwrap().unwrap();
    assert_eq!(b, original);
}

#[test]
fn form_commands_apply_and_undo() {
    let original = reference::budget();
    let mut b = original.clone();
    let mut h = History::default();
    let mut form = GoalForm::new("新项目");
    form.indicators_annual.push(Indicator {
        kind: IndicatorKind::Quantity,
        name: "数量".into(),
        value: "1个".into(),
    });
    for cmd in [
        Command::InsertGoal {
            at: 20,
            form: Box::new(form),
        },
        Command::UpdateGoal {
            at: 0,
            form: Box::new(GoalForm {
                overview: "改写\u{202e}的概况".into(),
                ..b.goals[0].clone()
            }),
        },
        Command::MoveGoal { from: 20, to: 0 },
        Command::RemoveGoal(5),
    ] {
        let change = b.apply_recorded(cmd).unwrap();
        h.record("表", change);
    }
    assert_eq!(b.goals.len(), 20);
    assert_eq!(b.goals[0].project, "新项目");
    assert_eq!(b.goals[0].id, 21);
    assert_eq!(b.goals[1].overview, "改写的概况"); // bidi control removed
    assert!(b.apply(Command::RemoveGoal(99)).is_err());
    for _ in 0..4 {
        h.undo(&mut b).unwrap().unwrap();
    }
    assert_eq!(b, original);
    let _ = Side::ALL;
}

#[test]
fn the_comparison_lists_changed_added_and_removed_forms() {
    use yusuan::core::drafting::compare::{goal_diffs, LineStatus};
    let a = reference::budget();
    let mut b = a.clone();
    b.goals[0].overview = "新的概况".into();
    b.goals[0].funds_annual.total = yuan(2_500_000);
    b.goals[0].indicators_annual[0].value = "10个".into();
    b.goals.remove(19);
    b.goals.push(GoalForm::new("新项目"));
    let d = goal_diffs(&a, &b);
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].name, "2022年项目尾款");
    assert_eq!(d[0].status, LineStatus::Changed);
    assert_eq!(
        d[0].fields,
        ["项目概况", "年度资金总额", "绩效指标（年度）"]
    );
    assert_eq!(
        (d[0].annual_a, d[0].annual_b),
        (yuan(2_470_000), yuan(2_500_000))
    );
    assert_eq!(
        (d[1].name.as_str(), d[1].status),
        ("新项目", LineStatus::Added)
    );
    assert_eq!(
        (d[2].name.as_str(), d[2].status),
        ("专网专线", LineStatus::Removed)
    );
    assert!(goal_diffs(&a, &a).is_empty());
}

#[test]
fn the_cli_report_carries_the_forms() {
    use yusuan::core::formats::text::{goals_json, goals_text};
    let b = reference::budget();
    let t = goals_text(&b);
    assert!(
        t.starts_with("== 项目支出绩效目标表（20张） ==\n-- 第1张 --\n项目名称\t2022年项目尾款\n"),
        "{}",
        &t[..200]
    );
    assert!(t.contains("项目资金（元）\t实施期资金总额：\t6,837,600\t\t年度资金总额：\t2,470,000"));
    assert!(t.contains(
        "\t产出指标\t数量指标\t完成项目尾款支付数\t9个\t数量指标\t完成项目尾款支付数\t9个"
    ));
    let j = serde_json::to_value(goals_json(
        &b,
        &Report::build(&b, Options::default()).summary.goals,
    ))
    .unwrap();
    assert_eq!(j["count"], 20);
    assert_eq!(j["amount_yuan"], "27452500.00");
    assert_eq!(j["forms"][0]["form"]["funds_annual"]["total"], "2470000.00");
    assert_eq!(j["forms"][0]["project_annual_yuan"], "2470000.00");
    assert_eq!(j["forms"][0]["targets_annual"][1]["op"], ">");
    assert_eq!(j["forms"][0]["targets_annual"][1]["number"], "30");
}

#[test]
fn a_department_carries_its_units_forms_and_each_unit_sees_its_own() {
    use yusuan::core::domain::consolidate::consolidate;
    let a = reference::budget();
    let mut b = reference::budget();
    b.unit.name = "另一单位".into();
    b.units[0].name = "另一单位".into();
    b.goals.truncate(3);
    let dept = consolidate("某部门", &[a, b]).unwrap();
    assert_eq!(dept.goals.len(), 23);
    let ids: Vec<u32> = dept.goals.iter().map(|g| g.id).collect();
    assert_eq!(ids, (1..=23).collect::<Vec<_>>());
    // Both units have the same project names, so each unit's view shows every form of them.
    let second = dept.unit_view(&dept.units[1].id).unwrap();
    assert_eq!(second.goals.len(), 23);
    let r = Report::build(&dept, Options::default());
    let ten = r.narrative.iter().find(|s| s.key == "performance").unwrap();
    assert!(
        ten.text()
            .starts_with("2023年某部门部门实行绩效目标管理的项目23个"),
        "{}",
        ten.text()
    );
}
