//! 基本支出测算's scenario levers (issue 23): 增人, 减人, 调资, 费率, 定额 on the bureau of
//! `tests/staffing.rs` (examples/staffing-model.json), every changed line computed by hand;
//! the preview of a lever in a budget; refusals that change nothing.

use rust_decimal::Decimal;
use yusuan::core::domain::command::Command;
use yusuan::core::domain::money::Money;
use yusuan::core::domain::staffing::{
    apply_lever, compute, established_count, ContributionKind, Lever, StaffCategory, StaffModel,
};
use yusuan::core::drafting::levers::preview;
use yusuan::core::formats::reference;

/// 8 科员 and 2 科级 (行政编制, all year), 2 工勤 from July, 2 退休 (see tests/staffing.rs).
fn bureau() -> StaffModel {
    serde_json::from_str(include_str!("../examples/staffing-model.json")).unwrap()
}

fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// Each line's amount by economic code (one 项 per code in the bureau).
fn by_code(m: &StaffModel) -> Vec<(String, String)> {
    compute(m)
        .unwrap()
        .lines
        .iter()
        .map(|l| (l.economic.to_string(), l.amount.yuan().to_string()))
        .collect()
}

fn amount(m: &StaffModel, econ: &str) -> String {
    by_code(m)
        .into_iter()
        .find(|(e, _)| e == econ)
        .map(|(_, a)| a)
        .unwrap_or_default()
}

fn pct(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn two_more_staff_from_july_at_the_categorys_average_pay() {
    let m = apply_lever(
        &bureau(),
        &Lever::Hire {
            category: StaffCategory::Administrative,
            count: 2,
            from: 7,
        },
    )
    .unwrap();
    let new = m.staff.last().unwrap();
    assert_eq!((new.count, new.months, new.first_month()), (2, 6, 7));
    // The average of 8 科员 and 2 科级: 职务 1,100, 级别 1,600, 津贴 3,100, 改革性 820.
    assert_eq!(new.monthly["post"], yuan("1100"));
    assert_eq!(new.monthly["reform"], yuan("820"));
    // 基本工资 +2,700 × 2 × 6; 津贴补贴 +3,920 × 2 × 6; 奖金 +2,700 × 6/12 × 2.
    assert_eq!(amount(&m, "30101"), "380400.00");
    assert_eq!(amount(&m, "30102"), "541440.00");
    assert_eq!(amount(&m, "30103"), "29700.00");
    // Base per new person 5,800 × 6 + 1,350 = 36,150: 养老 5,784 × 2, 年金 2,892 × 2,
    // 医疗 2,711.25 × 2, 公积金 4,338 × 2, 工伤 72.30 × 2.
    assert_eq!(amount(&m, "30108"), "134928.00");
    assert_eq!(amount(&m, "30109"), "67464.00");
    assert_eq!(amount(&m, "30110"), "63247.50");
    assert_eq!(amount(&m, "30113"), "101196.00");
    assert_eq!(amount(&m, "30112"), "1686.60");
    // 工会经费 2% of 869,400 + 32,400 + 47,040 + 2,700; 福利费 +600 × 2.
    assert_eq!(amount(&m, "30228"), "19030.80");
    assert_eq!(amount(&m, "30229"), "14400.00");
    // 定额 +6,000 × 2 = 140,000 split 30/20/25/25.
    assert_eq!(amount(&m, "30201"), "42000.00");
    assert_eq!(amount(&m, "30299"), "35000.00");
    // 12 on the books all year, 14 from July.
    assert_eq!(established_count(&bureau()), 12);
    assert_eq!(established_count(&m), 14);
}

#[test]
fn one_leaves_from_october_and_is_paid_to_september() {
    let m = apply_lever(
        &bureau(),
        &Lever::Leave {
            category: StaffCategory::Administrative,
            count: 1,
            from: 10,
        },
    )
    .unwrap();
    // The last 行政编制 row (科级, 2) is split: one stays, one is paid January–September.
    assert_eq!(m.staff[1].count, 1);
    let gone = &m.staff[2];
    assert_eq!((gone.count, gone.months, gone.first_month()), (1, 9, 1));
    assert_eq!(gone.name, "减人（10月起）");
    // 基本工资 −3,500 × 3; 奖金 −3,500 × 3/12.
    assert_eq!(amount(&m, "30101"), "337500.00");
    assert_eq!(amount(&m, "30103"), "26125.00");
    assert_eq!(established_count(&m), 12);
    // More than are on the books is refused.
    let e = apply_lever(
        &bureau(),
        &Lever::Leave {
            category: StaffCategory::Administrative,
            count: 11,
            from: 10,
        },
    )
    .unwrap_err();
    assert_eq!(e, "10月仍在职的行政编制只有10人，不能减少11人");
}

#[test]
fn a_raise_from_july_pays_two_stretches() {
    let m = apply_lever(
        &bureau(),
        &Lever::Raise {
            item: "post".into(),
            percent: pct("10"),
            from: 7,
        },
    )
    .unwrap();
    // 科员 +100 × 6 × 8, 科级 +150 × 6 × 2, 工勤 (July on) +90 × 6 × 2.
    assert_eq!(amount(&m, "30101"), "355680.00");
    // The bonus is a month of 基本工资 as paid in December: 2,600 × 8 + 3,650 × 2.
    assert_eq!(amount(&m, "30103"), "28100.00");
    let out = compute(&m).unwrap();
    let basic = out
        .lines
        .iter()
        .find(|l| l.economic.to_string() == "30101")
        .unwrap();
    let formulas: Vec<&str> = basic.parts.iter().map(|p| p.formula.as_str()).collect();
    assert!(
        formulas.contains(&"(1,000.00 × 6月 + 1,100.00 × 6月) × 8人 = 100,800.00"),
        "{formulas:?}"
    );
    assert!(
        formulas.contains(&"990.00 × 2人 × 6月 = 11,880.00"),
        "{formulas:?}"
    );
    // A 0% raise and an unknown item are refused.
    for lever in [
        Lever::Raise {
            item: "post".into(),
            percent: Decimal::ZERO,
            from: 1,
        },
        Lever::Raise {
            item: "nope".into(),
            percent: pct("5"),
            from: 1,
        },
        Lever::Raise {
            item: "post".into(),
            percent: pct("5"),
            from: 13,
        },
    ] {
        assert!(apply_lever(&bureau(), &lever).is_err(), "{lever:?}");
    }
}

#[test]
fn a_rate_and_a_quota_change() {
    let m = apply_lever(
        &bureau(),
        &Lever::Rate {
            kind: ContributionKind::Housing,
            rate: Some(pct("10")),
        },
    )
    .unwrap();
    // 6,850 × 8 + 8,750 × 2 + 2,400 × 2.
    assert_eq!(amount(&m, "30113"), "77100.00");
    let m = apply_lever(
        &bureau(),
        &Lever::Quota {
            category: None,
            percent: pct("-10"),
        },
    )
    .unwrap();
    // 10,800 × 10 + 5,400 × 6/12 × 2 + 900 × 2 = 115,200 split 30/20/25/25.
    assert_eq!(amount(&m, "30201"), "34560.00");
    assert_eq!(amount(&m, "30206"), "23040.00");
    assert_eq!(amount(&m, "30299"), "28800.00");
    assert!(apply_lever(
        &bureau(),
        &Lever::Rate {
            kind: ContributionKind::Housing,
            rate: Some(pct("120")),
        },
    )
    .is_err());
}

#[test]
fn the_preview_shows_what_a_lever_costs_before_it_is_applied() {
    let mut b = reference::budget();
    let mut m = bureau();
    m.source = "gpb".into();
    b.apply(Command::SetStaffModel {
        unit: None,
        model: Some(Box::new(m)),
    })
    .unwrap();
    let before = b.clone();
    let lever = Lever::Hire {
        category: StaffCategory::Administrative,
        count: 2,
        from: 7,
    };
    let p = preview(&b, None, &lever).unwrap();
    assert_eq!(b, before, "a preview changes nothing");
    let delta = |label: &str| {
        p.iter()
            .find(|f| f.label.starts_with(label))
            .unwrap()
            .delta()
    };
    // The lines above: 32,400 + 47,040 + 2,700 + 11,568 + 5,784 + 5,422.50 + 8,676 + 144.60
    // (人员经费); 工会经费 1,642.80, 福利费 1,200 and 定额 12,000 (公用经费).
    assert_eq!(delta("人员经费"), yuan("113735.10"));
    assert_eq!(delta("公用经费"), yuan("14842.80"));
    assert_eq!(delta("基本支出"), yuan("128577.90"));
    assert_eq!(delta("支出总计"), yuan("128577.90"));
    assert_eq!(delta("机关运行经费"), yuan("14842.80"));
    // A lever that cannot apply says why.
    let e = preview(
        &b,
        None,
        &Lever::Hire {
            category: StaffCategory::Survivor,
            count: 1,
            from: 1,
        },
    )
    .unwrap_err();
    assert!(e.contains("没有遗属人员可参照工资"), "{e}");
}

// --- A 事业单位 of 40 persons imported from a payroll sheet (tests/data/payroll-40.csv). ---

use yusuan::core::domain::codes::FunctionCode;
use yusuan::core::domain::model::UnitType;
use yusuan::core::formats::{import, payroll};

fn sheet(text: &str) -> Vec<Vec<String>> {
    import::parse_csv(text).unwrap()
}

#[test]
fn forty_persons_from_a_payroll_csv_computed_by_hand() {
    let rows = sheet(include_str!("data/payroll-40.csv"));
    let mut m = StaffModel::new(
        UnitType::Institution,
        "g",
        FunctionCode::parse("2010350").unwrap(),
    );
    let mapping = payroll::guess(&rows, &m);
    assert!(mapping.header_row);
    // 人员编号, 人员身份, 岗位工资（元）, 薪级工资, 绩效工资, 改革性补贴, 退休费, 起始月.
    let labels: Vec<String> = mapping
        .columns
        .iter()
        .map(|c| c.as_ref().map(|c| c.label(&m)).unwrap_or_default())
        .collect();
    assert_eq!(
        labels,
        [
            "姓名/编号",
            "人员类别",
            "职务/岗位工资",
            "级别/薪级工资",
            "绩效工资",
            "改革性补贴",
            "退休费",
            "起始月"
        ]
    );
    m.staff = payroll::plan(&rows, &mapping).unwrap();
    assert_eq!(m.staff.len(), 40, "the 合计 row is skipped");
    assert_eq!((m.staff[30].months, m.staff[30].first_month()), (6, 7));
    for (kind, rate) in [
        (ContributionKind::Medical, "8"),
        (ContributionKind::Unemployment, "0.5"),
        (ContributionKind::Housing, "10"),
    ] {
        m = apply_lever(
            &m,
            &Lever::Rate {
                kind,
                rate: Some(pct(rate)),
            },
        )
        .unwrap();
    }
    let got: Vec<String> = compute(&m)
        .unwrap()
        .lines
        .iter()
        .map(|l| format!("{} {} {}", l.function, l.economic, l.amount.yuan()))
        .collect();
    // Persons i = 1…30 (事业编制, all year): 岗位 2,000 + 100·(i mod 5), 薪级 1,000 +
    // 50·(i mod 4), 绩效 3,000 + 25·(i mod 3), 改革性 500. Persons 31…34 from July (6
    // months): 2,200, 1,100, 3,000, 500. Two 工勤: 1,800, 900, 2,000, 400. Four 退休
    // (i = 37…40): 退休费 4,000 + 100·i.
    // 基本工资 Σ(岗位+薪级)×months: 1,179,000 (1…30) + 3,300×6×4 + 2,700×12×2 = 1,323,000;
    // 改革性补贴 500×12×30 + 500×6×4 + 400×12×2 = 201,600; 绩效 1,089,000 (1…30) +
    // 3,000×6×4 + 2,000×12×2 = 1,209,000; 退休费 (7,700+7,800+7,900+8,000)×12 = 376,800.
    // Base (事业单位: 基本工资 + 绩效工资, no bonus) per person × months; each person's
    // contribution rounded: 养老 16% 405,120, 年金 8% 202,560, 医疗 8% 202,560, 失业 0.5%
    // 12,660, 公积金 10% 253,200 (the base total is 2,532,000); 工会经费 2% of 2,733,600.
    assert_eq!(
        got,
        [
            "2010350 30101 1323000.00",
            "2010350 30102 201600.00",
            "2010350 30107 1209000.00",
            "2010350 30112 12660.00",
            "2010350 30228 54672.00",
            "2080502 30302 376800.00",
            "2080505 30108 405120.00",
            "2080506 30109 202560.00",
            "2101102 30110 202560.00",
            "2210201 30113 253200.00",
        ]
    );
}

#[test]
fn a_payroll_with_bad_rows_lists_every_one_and_imports_nothing() {
    let text = "姓名,人员类别,岗位工资,月数\n1,事业编制,2000,12\n2,临时工,2000,12\n3,事业编制,-5,13\n4,,abc,\n";
    let rows = sheet(text);
    let m = StaffModel::new(
        UnitType::Institution,
        "g",
        FunctionCode::parse("2010350").unwrap(),
    );
    let e = payroll::plan(&rows, &payroll::guess(&rows, &m)).unwrap_err();
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(e[0].starts_with("第3行：人员类别“临时工”无法识别"), "{e:?}");
    assert!(
        e[1].starts_with("第4行：") && e[1].contains("不能为负数") && e[1].contains("月数“13”"),
        "{e:?}"
    );
    assert!(
        e[2].starts_with("第5行：") && e[2].contains("“abc”"),
        "{e:?}"
    );
    // No category column: said at once.
    let rows = sheet("姓名,岗位工资\n1,2000\n");
    assert_eq!(
        payroll::plan(&rows, &payroll::guess(&rows, &m)).unwrap_err(),
        ["请指定“人员类别”列"]
    );
}

#[test]
fn practice_asks_what_a_new_colleague_costs() {
    use yusuan::core::figures::report::Report;
    use yusuan::core::practice::{expected, find, grade};
    let mut b = reference::budget();
    let r = Report::build(&b, Default::default());
    let ex = find("staffing-pension").unwrap();
    assert_eq!(expected(&b, &r, ex), None, "no model, no answer");
    let mut m = bureau();
    m.source = "gpb".into();
    b.apply(Command::SetStaffModel {
        unit: None,
        model: Some(Box::new(m)),
    })
    .unwrap();
    let r = Report::build(&b, Default::default());
    // One 行政编制 from January at the average pay: base (1,100 + 1,600 + 3,100) × 12 +
    // a month of 基本工资 2,700 = 72,300; × 16% = 11,568.00 元.
    let e = expected(&b, &r, ex).unwrap();
    assert_eq!(e.shown, "11,568.00");
    assert!(
        e.explanation
            .contains("缴费基数 72,300.00 × 16% = 11,568.00"),
        "{}",
        e.explanation
    );
    assert_eq!(grade(&e, "11568"), Ok(true));
    // The bureau has no 事业编制 to go by: that exercise has no answer here.
    assert_eq!(expected(&b, &r, find("staffing-annuity").unwrap()), None);
}

#[test]
fn the_check_says_when_bases_are_held_to_the_band() {
    use yusuan::core::domain::staffing::clamped_rows;
    let mut m = bureau();
    assert_eq!(clamped_rows(&m), 0, "no 社会平均工资, no band");
    // 8,000 a month: 工勤's 4,000 is below 4,800 (60%); 2,000: 科级's 7,291.67 is above 6,000.
    m.average_wage = Some(yuan("8000"));
    assert_eq!(clamped_rows(&m), 1);
    m.average_wage = Some(yuan("2000"));
    assert_eq!(clamped_rows(&m), 1);
    m.average_wage = Some(yuan("5000"));
    assert_eq!(clamped_rows(&m), 0);
}

// --- Any sequence of levers: every step undoes and redoes exactly, the generated lines are
// the model's lines, the file keeps it all, and detaching keeps every figure. ---

use proptest::prelude::*;
use yusuan::core::domain::history::History;
use yusuan::core::formats::file;

fn a_lever() -> impl Strategy<Value = Lever> {
    let category = prop::sample::select(vec![
        StaffCategory::Administrative,
        StaffCategory::Worker,
        StaffCategory::Retired,
    ]);
    let item = prop::sample::select(vec!["post", "grade", "allowance", "pension"]);
    let kind = prop::sample::select(ContributionKind::ALL.to_vec());
    prop_oneof![
        (category.clone(), 1u32..4, 1u8..=12).prop_map(|(category, count, from)| Lever::Hire {
            category,
            count,
            from
        }),
        (category.clone(), 1u32..3, 1u8..=12).prop_map(|(category, count, from)| Lever::Leave {
            category,
            count,
            from
        }),
        (item, -500i64..2000, 1u8..=12).prop_map(|(item, p, from)| Lever::Raise {
            item: item.into(),
            percent: Decimal::new(p, 2),
            from
        }),
        (kind, prop::option::of(0u32..1300)).prop_map(|(kind, r)| Lever::Rate {
            kind,
            rate: r.map(|r| Decimal::new(i64::from(r), 2))
        }),
        (prop::option::of(category), -5000i64..5000).prop_map(|(category, p)| Lever::Quota {
            category,
            percent: Decimal::new(p, 2)
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn levers_undo_and_redo_exactly(levers in prop::collection::vec(a_lever(), 1..6)) {
        let mut b = reference::budget();
        let mut m = bureau();
        m.source = "gpb".into();
        let mut h = History::default();
        h.record("模型", b.apply_recorded(Command::SetStaffModel { unit: None, model: Some(Box::new(m)) }).unwrap());
        let mut states = vec![b.clone()];
        for lever in &levers {
            let model = b.staff_model(None).unwrap().clone();
            // A lever that does not apply (nobody to leave, 0%) changes nothing.
            let Ok(next) = apply_lever(&model, lever) else { continue };
            let change = b.apply_recorded(Command::SetStaffModel { unit: None, model: Some(Box::new(next.clone())) }).unwrap();
            h.record(lever.label(&model), change);
            // The generated lines are the model's lines, one for one.
            let want: Vec<(String, Money)> = compute(&next).unwrap().lines.iter()
                .map(|l| (format!("{} {}", l.function, l.economic), l.amount)).collect();
            let mut got: Vec<(String, Money)> = b.lines.iter().filter(|l| l.generated)
                .map(|l| (format!("{} {}", l.function.unwrap(), l.economic.unwrap()), l.current)).collect();
            got.sort();
            prop_assert_eq!(got, want);
            b.validate().unwrap();
            states.push(b.clone());
        }
        let last = b.clone();
        prop_assert_eq!(file::from_json(&file::to_json_named(&b, "方案")).unwrap(), b.clone());
        // Detaching (every generated line made ordinary, the model removed) keeps every figure.
        let mut detached = b.clone();
        let mut cmds: Vec<Command> = detached.lines.iter().filter(|l| l.generated)
            .map(|l| Command::SetGenerated { id: l.id, generated: false }).collect();
        cmds.push(Command::SetStaffModel { unit: None, model: None });
        detached.apply_all(cmds).unwrap();
        prop_assert!(detached.staffing.is_empty() && detached.lines.iter().all(|l| !l.generated));
        let figures = |b: &yusuan::core::domain::model::Budget| {
            let r = yusuan::core::figures::report::Report::build(b, Default::default());
            (r.summary.expense_total, r.summary.basic, r.summary.personnel, r.summary.public_use, r.summary.office_running)
        };
        prop_assert_eq!(figures(&detached), figures(&b));
        prop_assert_eq!(
            detached.lines.iter().map(|l| (l.id, l.current)).collect::<Vec<_>>(),
            b.lines.iter().map(|l| (l.id, l.current)).collect::<Vec<_>>()
        );
        for want in states.iter().rev().skip(1) {
            h.undo(&mut b).unwrap().unwrap();
            prop_assert_eq!(&b, want);
        }
        for _ in 1..states.len() {
            h.redo(&mut b).unwrap().unwrap();
        }
        prop_assert_eq!(b, last);
    }
}

#[test]
fn a_generated_line_explains_itself_and_figures_built_from_it_say_so() {
    use yusuan::core::domain::money::Unit;
    use yusuan::core::figures::explain::explain;
    let mut b = reference::budget();
    let mut m = bureau();
    m.source = "gpb".into();
    b.apply(Command::SetStaffModel {
        unit: None,
        model: Some(Box::new(m)),
    })
    .unwrap();
    let pension = b
        .lines
        .iter()
        .find(|l| l.generated && l.economic.map(|e| e.to_string()) == Some("30108".into()))
        .unwrap()
        .id;
    let e = explain(&b, &format!("line:{pension}"), Unit::Yuan).unwrap();
    assert_eq!(e.value, yuan("123360"));
    assert_eq!(e.lines, [pension]);
    assert_eq!(e.terms.len(), 3, "科员, 科级, 工勤");
    assert_eq!(
        e.terms[0],
        (
            "科员（行政编制） 8人×12月 机关事业单位基本养老保险缴费：缴费基数 548,000.00 × 16% = 87,680.00".to_string(),
            yuan("87680")
        )
    );
    assert!(e.notes.is_empty(), "{:?}", e.notes);
    // Edited by hand: the explanation says what the model gives.
    b.apply(Command::UpdateLine {
        id: pension,
        field: yusuan::core::domain::command::Field::Current(yuan("1")),
    })
    .unwrap();
    let e = explain(&b, &format!("line:{pension}"), Unit::Yuan).unwrap();
    assert_eq!(e.value, yuan("1"));
    assert_eq!(e.notes, ["这条明细被手工修改：测算结果为123,360.00"]);
    // 基本支出 is built from 16 generated lines among others: it says where their formulas are.
    let basic = explain(&b, "basic", Unit::Wan).unwrap();
    assert!(
        basic
            .notes
            .iter()
            .any(|n| n.starts_with("其中16条明细由基本支出测算生成")),
        "{:?}",
        basic.notes
    );
    // An ordinary line has no such explanation.
    assert!(explain(&b, "line:1", Unit::Yuan).is_none());
}
