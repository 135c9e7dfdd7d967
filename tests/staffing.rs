//! 基本支出测算 (issue 23, first part): a hand-made 行政单位 of 12 staff in three groups and
//! 2 retirees, every generated line computed by hand below; the group and person forms of
//! the same staff give the same lines; the clamp to the 社会平均工资; blank rates listed,
//! never guessed; bad models refused with every reason.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use yusuan::core::domain::codes::{EconCode, FunctionCode};
use yusuan::core::domain::model::UnitType;
use yusuan::core::domain::money::Money;
use yusuan::core::domain::staffing::{compute, explain};
use yusuan::core::domain::staffing::{
    ContributionKind, Extra, Quota, Staff, StaffCategory, StaffModel,
};

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn staff(
    name: &str,
    category: StaffCategory,
    count: u32,
    months: u8,
    pay: &[(&str, &str)],
) -> Staff {
    Staff {
        name: name.into(),
        category,
        count,
        months,
        from: None,
        monthly: pay
            .iter()
            .map(|(k, v)| (k.to_string(), yuan(v)))
            .collect::<BTreeMap<_, _>>(),
    }
}

fn set_rate(m: &mut StaffModel, kind: ContributionKind, rate: &str) {
    let c = m.contributions.iter_mut().find(|c| c.kind == kind).unwrap();
    c.rate = Some(rate.parse().unwrap());
}

/// 8 科员 and 2 科级 (行政编制, all year), 2 工勤 from July, 2 退休.
fn bureau() -> StaffModel {
    let mut m = StaffModel::new(
        UnitType::Administrative,
        "g",
        FunctionCode::parse("2010301").unwrap(),
    );
    m.staff = vec![
        staff(
            "科员",
            StaffCategory::Administrative,
            8,
            12,
            &[
                ("post", "1000"),
                ("grade", "1500"),
                ("allowance", "3000"),
                ("reform", "800"),
            ],
        ),
        staff(
            "科级",
            StaffCategory::Administrative,
            2,
            12,
            &[
                ("post", "1500"),
                ("grade", "2000"),
                ("allowance", "3500"),
                ("reform", "900"),
            ],
        ),
        staff(
            "工勤",
            StaffCategory::Worker,
            2,
            6,
            &[("post", "900"), ("grade", "1100"), ("allowance", "2000")],
        ),
        staff("", StaffCategory::Retired, 2, 12, &[("pension", "5000")]),
    ];
    set_rate(&mut m, ContributionKind::Medical, "7.5");
    set_rate(&mut m, ContributionKind::Housing, "12");
    set_rate(&mut m, ContributionKind::Injury, "0.2");
    m.welfare_per_person = Some(yuan("1200"));
    m.quotas = vec![
        Quota {
            category: StaffCategory::Administrative,
            per_person: yuan("12000"),
        },
        Quota {
            category: StaffCategory::Worker,
            per_person: yuan("6000"),
        },
        Quota {
            category: StaffCategory::Retired,
            per_person: yuan("1000"),
        },
    ];
    m.split = [("30201", 30), ("30206", 20), ("30211", 25), ("30299", 25)]
        .into_iter()
        .map(|(c, p)| (EconCode::parse(c).unwrap(), Decimal::from(p)))
        .collect();
    m.extras = vec![Extra {
        economic: EconCode::parse("30231").unwrap(),
        basis: "每辆".into(),
        per_unit: yuan("20000"),
        units: Decimal::from(2),
    }];
    m
}

#[test]
fn a_bureau_of_twelve_and_two_retirees_computed_by_hand() {
    let out = compute(&bureau()).unwrap();
    let got: Vec<(String, String, String)> = out
        .lines
        .iter()
        .map(|l| {
            (
                l.function.to_string(),
                l.economic.to_string(),
                l.amount.yuan().to_string(),
            )
        })
        .collect();
    // 基本工资: (1000+1500)×8×12 + (1500+2000)×2×12 + (900+1100)×2×6 = 240,000 + 84,000 + 24,000.
    // 津贴补贴: 3000×96 + 800×96 + 3500×24 + 900×24 + 2000×12.
    // 奖金 (机关 only, one month of 基本工资): 2500×8 + 3500×2.
    // Base (基本工资 + 规范津贴补贴 + 奖金) per person: 科员 5500×12 + 2500 = 68,500;
    // 科级 7000×12 + 3500 = 87,500; 工勤 4000×6 = 24,000 (no bonus).
    // 养老 16%: 10,960×8 + 14,000×2 + 3,840×2; 职业年金 8%: 5,480×8 + 7,000×2 + 1,920×2;
    // 医疗 7.5%: 5,137.50×8 + 6,562.50×2 + 1,800×2; 公积金 12%: 8,220×8 + 10,500×2 + 2,880×2;
    // 工伤 0.2%: 137×8 + 175×2 + 48×2.
    // 工会经费 2% of (348,000 + 494,400 + 27,000); 福利费 1200×10 + 600×2.
    // 定额: 12000×10 + 3000×2 + 1000×2 = 128,000 split 30/20/25/25; 车辆 20,000×2.
    let want = [
        ("2010301", "30101", "348000.00"),
        ("2010301", "30102", "494400.00"),
        ("2010301", "30103", "27000.00"),
        ("2010301", "30112", "1542.00"),
        ("2010301", "30201", "38400.00"),
        ("2010301", "30206", "25600.00"),
        ("2010301", "30211", "32000.00"),
        ("2010301", "30228", "17388.00"),
        ("2010301", "30229", "13200.00"),
        ("2010301", "30231", "40000.00"),
        ("2010301", "30299", "32000.00"),
        ("2080501", "30302", "120000.00"),
        ("2080505", "30108", "123360.00"),
        ("2080506", "30109", "61680.00"),
        ("2101101", "30110", "57825.00"),
        ("2210201", "30113", "92520.00"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(f, e, a)| (f.to_string(), e.to_string(), a.to_string()))
        .collect();
    assert_eq!(got, want);
    // Blank locality rates are listed, never computed with a made-up rate.
    assert_eq!(
        out.blank_rates,
        ["公务员医疗补助缴费", "失业保险缴费", "生育保险缴费"]
    );
    // Every line is the sum of its parts, and explains itself.
    for l in &out.lines {
        assert_eq!(l.amount, l.parts.iter().map(|p| p.amount).sum::<Money>());
    }
    let pension = out
        .lines
        .iter()
        .find(|l| l.economic.to_string() == "30108")
        .unwrap();
    let text = explain(pension);
    assert!(text.starts_with("2080505 30108 = 123,360.00"), "{text}");
    assert!(text.contains("科员（行政编制） 8人×12月 机关事业单位基本养老保险缴费：缴费基数 548,000.00 × 16% = 87,680.00"), "{text}");
    assert!(text.contains("工勤（工勤） 2人×6月"), "{text}");
}

/// The line of an economic code the model gives.
fn line(m: &StaffModel, econ: &str) -> yusuan::core::domain::staffing::GenLine {
    let out = compute(m).unwrap();
    out.lines
        .into_iter()
        .find(|l| l.economic.to_string() == econ)
        .unwrap()
}

#[test]
fn the_base_is_held_to_the_average_wage_band() {
    let mut m = bureau();
    // 8,000 a month: 工勤's 4,000 is below 60% (4,800), so their base is 4,800 × 6 months.
    m.average_wage = Some(yuan("8000"));
    let pension = line(&m, "30108");
    // 87,680 + 28,000 + round(28,800 × 16%) × 2 = 4,608 × 2.
    assert_eq!(pension.amount, yuan("124896"));
    // 2,000 a month: the ceiling is 6,000 a month, 72,000 a year — 科级's 87,500 is held to
    // it, 科员's 68,500 and 工勤's 24,000 (ceiling 36,000 for 6 months) are within.
    m.average_wage = Some(yuan("2000"));
    let pension = line(&m, "30108");
    // 87,680 + 72,000 × 16% × 2 + 3,840 × 2.
    assert_eq!(pension.amount, yuan("118400"));
}

#[test]
fn bad_models_are_refused_with_every_reason() {
    let mut m = bureau();
    m.staff[0].months = 13;
    m.staff[1].monthly.insert("bonus?".into(), yuan("1"));
    m.split.pop();
    let e = compute(&m).unwrap_err();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].contains("第1行人员的月数13不在1到12之间"));
    assert!(e[1].contains("工资项目“bonus?”不存在"));
    assert!(e[2].contains("分配比例合计为75%，应为100%"));
    // Absurd sizes are computed exactly (or refused), never a panic or a wrapped number.
    let mut m = bureau();
    m.staff[0]
        .monthly
        .insert("post".into(), yuan("99999999999999"));
    m.staff[0].count = u32::MAX;
    let out = compute(&m).unwrap();
    let basic = out
        .lines
        .iter()
        .find(|l| l.economic.to_string() == "30101")
        .unwrap();
    let want = Decimal::from(99_999_999_999_999i64) * Decimal::from(u32::MAX) * Decimal::from(12)
        + Decimal::from(1500) * Decimal::from(u32::MAX) * Decimal::from(12)
        + Decimal::from(84_000 + 24_000);
    assert_eq!(basic.amount.yuan(), want);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A group of n gives exactly the lines of n persons alike (rounding is per person).
    #[test]
    fn a_group_is_its_persons(n in 1u32..8, months in 1u8..=12, post in 1i64..900_000, rate in 1u32..1500) {
        let mut m = bureau();
        set_rate(&mut m, ContributionKind::Medical, &format!("{}.{:02}", rate / 100, rate % 100));
        let post = Money::from_fen(post).yuan().to_string();
        let row = staff("", StaffCategory::Administrative, n, months, &[("post", post.as_str()), ("allowance", "333.33")]);
        m.staff = vec![row.clone()];
        let group = compute(&m).unwrap();
        m.staff = (0..n).map(|_| Staff { count: 1, ..row.clone() }).collect();
        let persons = compute(&m).unwrap();
        let sums = |o: &yusuan::core::domain::staffing::Outcome| -> Vec<(String, Money)> {
            o.lines.iter().map(|l| (format!("{} {}", l.function, l.economic), l.amount)).collect()
        };
        prop_assert_eq!(sums(&group), sums(&persons));
    }
}

/// examples/staffing-model.json (the model docs/STAFFING.md shows) is this test's bureau:
/// `STAFFING_EXAMPLE=1` rewrites it.
#[test]
fn the_example_model_is_the_bureau() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/staffing-model.json");
    let want = serde_json::to_string_pretty(&bureau()).unwrap() + "\n";
    if std::env::var_os("STAFFING_EXAMPLE").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let model: StaffModel = serde_json::from_str(&text).unwrap();
    assert_eq!(model, bureau());
    assert_eq!(
        text, want,
        "run STAFFING_EXAMPLE=1 cargo test --test staffing"
    );
}

// --- The model in the budget: SetStaffModel makes the lines, undo puts them back. ---

use yusuan::core::domain::command::Command;
use yusuan::core::domain::history::History;
use yusuan::core::domain::model::Budget;
use yusuan::core::figures::report::Report;
use yusuan::core::formats::{file, reference};

fn in_budget() -> (Budget, StaffModel) {
    let b = reference::budget();
    let mut m = bureau();
    m.source = "gpb".into();
    (b, m)
}

fn set(m: Option<StaffModel>) -> Command {
    Command::SetStaffModel {
        unit: None,
        model: m.map(Box::new),
    }
}

#[test]
fn a_model_makes_its_lines_and_undo_puts_them_back() {
    let (mut b, m) = in_budget();
    let original = b.clone();
    let before = Report::build(&b, Default::default()).summary.expense_total;
    let mut h = History::default();
    h.record("测算", b.apply_recorded(set(Some(m.clone()))).unwrap());
    b.validate().unwrap();
    let generated: Vec<_> = b.lines.iter().filter(|l| l.generated).collect();
    assert_eq!(generated.len(), 16);
    assert!(generated
        .iter()
        .all(|l| l.source == "gpb" && l.kind == yusuan::core::domain::model::Kind::Basic));
    let after = Report::build(&b, Default::default()).summary.expense_total;
    assert_eq!(after - before, yuan("1524915"));
    // A rate changed: the same lines (ids, places) with new amounts.
    let ids: Vec<u32> = b.lines.iter().map(|l| l.id).collect();
    let mut m2 = m.clone();
    set_rate(&mut m2, ContributionKind::Housing, "10");
    h.record("公积金 12% → 10%", b.apply_recorded(set(Some(m2))).unwrap());
    assert_eq!(b.lines.iter().map(|l| l.id).collect::<Vec<_>>(), ids);
    let housing = b
        .lines
        .iter()
        .find(|l| l.generated && l.economic.map(|e| e.to_string()) == Some("30113".into()))
        .unwrap();
    assert_eq!(housing.current, yuan("77100"), "92,520 × 10/12");
    let edited = b.clone();
    // Undo twice: the budget as it was, exactly; redo twice: as edited.
    h.undo(&mut b).unwrap().unwrap();
    h.undo(&mut b).unwrap().unwrap();
    assert_eq!(b, original);
    h.redo(&mut b).unwrap().unwrap();
    h.redo(&mut b).unwrap().unwrap();
    assert_eq!(b, edited);
    // The budget file keeps the model and the marks; an older build would refuse it.
    let text = file::to_json_named(&b, "测算");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let saved = &v["scenarios"][0]["budget"];
    assert_eq!(saved["staffing"][0]["source"], "gpb");
    let marked = saved["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["generated"] == true)
        .count();
    assert_eq!(marked, 16);
    assert_eq!(file::from_json(&text).unwrap(), b);
}

#[test]
fn removing_or_detaching_and_the_checks() {
    let (mut b, m) = in_budget();
    b.apply_recorded(set(Some(m.clone()))).unwrap();
    let report = Report::build(&b, Default::default());
    let staffing: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| c.id == "staffing")
        .map(|c| c.message.as_str())
        .collect();
    assert_eq!(
        staffing,
        ["基本支出测算中公务员医疗补助缴费、失业保险缴费、生育保险缴费的费率未填写，未计入"]
    );
    // A generated line edited by hand is reported; detached, it is an ordinary line.
    let id = b.lines.iter().find(|l| l.generated).unwrap().id;
    b.apply_recorded(Command::UpdateLine {
        id,
        field: yusuan::core::domain::command::Field::Current(yuan("1")),
    })
    .unwrap();
    let report = Report::build(&b, Default::default());
    assert!(report.checks.iter().any(|c| c.id == "staffing"
        && c.message
            .starts_with("1条测算生成的明细与基本支出测算的结果不同")));
    b.apply_recorded(Command::SetGenerated {
        id,
        generated: false,
    })
    .unwrap();
    // Recomputing makes that key's line anew; the detached one stays as typed.
    b.apply_recorded(set(Some(m.clone()))).unwrap();
    assert_eq!(b.lines.iter().filter(|l| l.generated).count(), 16);
    assert!(b
        .lines
        .iter()
        .any(|l| l.id == id && !l.generated && l.current == yuan("1")));
    // 超编: 12 在编 (10 行政编制 + 2 工勤) against 11.
    let mut m3 = m.clone();
    m3.establishment = Some(11);
    b.apply_recorded(set(Some(m3))).unwrap();
    let report = Report::build(&b, Default::default());
    assert!(report
        .checks
        .iter()
        .any(|c| c.message == "在编人员12人超过编制数11人（超编）"));
    // Removing the model removes its lines (the detached one stays).
    b.apply_recorded(set(None)).unwrap();
    assert_eq!(b.lines.iter().filter(|l| l.generated).count(), 0);
    assert!(b.staffing.is_empty());
    assert!(b.lines.iter().any(|l| l.id == id));
}

#[test]
fn a_bad_model_changes_nothing() {
    let (mut b, mut m) = in_budget();
    let original = b.clone();
    m.source = "nowhere".into();
    let e = b
        .apply_recorded(set(Some(m.clone())))
        .unwrap_err()
        .to_string();
    assert!(e.contains("资金来源“nowhere”不存在"), "{e}");
    m.source = "gpb".into();
    m.staff[0].months = 0;
    let e = b.apply_recorded(set(Some(m))).unwrap_err().to_string();
    assert!(e.contains("第1行人员的月数0不在1到12之间"), "{e}");
    assert_eq!(b, original);
}

#[test]
fn names_of_persons_never_go_into_a_share_link() {
    let (mut b, m) = in_budget();
    b.apply_recorded(set(Some(m))).unwrap();
    assert_eq!(b.staffing[0].staff[0].name, "科员");
    let link = yusuan::core::formats::share::encode("x", &b).unwrap();
    let (_, back) = yusuan::core::formats::share::decode(&link).unwrap();
    assert!(back.staffing[0].staff.iter().all(|s| s.name.is_empty()));
    assert_eq!(back.lines, b.lines, "the figures travel, the names do not");
}

#[test]
fn the_calculation_sheet_compare_and_report_show_the_model() {
    let (mut b, m) = in_budget();
    let before = b.clone();
    b.apply_recorded(set(Some(m.clone()))).unwrap();
    // Excel: the 基本支出测算表, a row per part and a subtotal per line.
    let report = Report::build(&b, Default::default());
    let wb = yusuan::core::formats::xlsx::workbook(&b, &report);
    let sheet = wb
        .sheets
        .iter()
        .find(|s| s.name == "基本支出测算表")
        .unwrap();
    let subtotal = sheet
        .rows
        .iter()
        .find(|r| {
            r.get(1) == Some(&yusuan::core::formats::xlsx::Value::Text("30108".into()))
                && r.get(2)
                    == Some(&yusuan::core::formats::xlsx::Value::Text(
                        "机关事业单位基本养老保险缴费 小计".into(),
                    ))
        })
        .unwrap();
    assert_eq!(
        subtotal[4],
        yusuan::core::formats::xlsx::Value::Number(Decimal::new(12336000, 2))
    );
    // The CLI's report prints the 测算表.
    let text = yusuan::core::formats::text::report_text(&b, &report);
    assert!(
        text.contains("== 基本支出测算表 ==\n2010306 30101 = 348,000.00")
            || text.contains("== 基本支出测算表 ==\n2010301 30101 = 348,000.00"),
        "{}",
        &text[text.find("基本支出测算表").unwrap_or(0)..][..200.min(text.len())]
    );
    // 方案对比 lists the model's changes as well as the lines'.
    let mut c = b.clone();
    let mut m2 = m;
    set_rate(&mut m2, ContributionKind::Housing, "10");
    c.apply_recorded(set(Some(m2))).unwrap();
    let r = |x: &Budget| Report::build(x, Default::default());
    let diff = yusuan::core::drafting::compare::compare(&b, &r(&b), &c, &r(&c));
    let rows: Vec<String> = diff
        .figures
        .iter()
        .filter(|f| f.group == "基本支出测算")
        .map(|f| f.label.clone())
        .collect();
    assert_eq!(rows, ["人数", "住房公积金费率", "测算合计"]);
    let from_nothing = yusuan::core::drafting::compare::compare(&before, &r(&before), &b, &r(&b));
    assert!(from_nothing
        .figures
        .iter()
        .any(|f| f.group == "基本支出测算" && f.label == "测算合计"));
}
