//! Issue 27: messages that misled (a difference below the display precision shown as
//! 0.00万元, a consolidation limit blamed on a file) and a cost indicator too large to
//! hold that the cost check missed.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::domain::consolidate::consolidate;
use yusuan::core::domain::goals::{GoalForm, Indicator, IndicatorKind};
use yusuan::core::domain::model::{Budget, Income};
use yusuan::core::domain::money::Money;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::reference;

fn report(b: &Budget) -> Report {
    Report::build(b, Options::default())
}

#[test]
fn a_one_fen_imbalance_is_said_in_yuan() {
    let mut b = reference::budget();
    b.income[0].current += Money::from_fen(1);
    let r = report(&b);
    let balance = r
        .checks
        .iter()
        .find(|c| c.id == "balance")
        .expect("balance");
    assert_eq!(
        balance.message,
        "收入总计3,826.55万元与支出总计3,826.55万元不相等，相差0.01元"
    );
}

#[test]
fn a_change_of_one_yuan_is_said_in_yuan() {
    let mut b = Budget::empty("某局", 2024);
    b.prior.income_total = Some(Money::from_fen(100));
    let r = report(&b);
    let text: String = r.narrative.iter().map(|s| s.text()).collect();
    assert!(text.contains("比上年减少1.00元，下降100.00%"), "{text}");
    assert!(!text.contains("减少0万元"), "{text}");
}

#[test]
fn a_consolidation_over_a_limit_says_so() {
    let mut a = Budget::empty("甲单位", 2024);
    a.income.push(Income {
        source: a.sources[0].id.clone(),
        current: Money::from_fen(100),
        ..Income::default()
    });
    // 600 units of 17 forms each pass the limit of 10,000 forms together, not alone.
    a.goals = (0..17)
        .map(|i| GoalForm {
            project: format!("项目{i}"),
            ..GoalForm::default()
        })
        .collect();
    a.number_goals();
    let parts: Vec<Budget> = (0..600)
        .map(|i| {
            let mut p = a.clone();
            p.unit.name = format!("单位{i}");
            p.units.iter_mut().for_each(|u| u.name = format!("单位{i}"));
            p
        })
        .collect();
    let e = consolidate("某部门", &parts).unwrap_err();
    assert!(e.starts_with("600个单位汇总后超出限制："), "{e}");
    assert!(
        e.contains("绩效目标表过多（10200 张），最多 10000 张"),
        "{e}"
    );
}

#[test]
fn a_cost_too_large_to_hold_is_over_any_budget() {
    let mut b = reference::budget();
    let form = &mut b.goals[0];
    form.indicators_annual.push(Indicator {
        kind: IndicatorKind::Cost,
        name: "成本".into(),
        value: "≤79228162514264337593543950335万元".into(),
    });
    let r = report(&b);
    assert!(
        r.checks
            .iter()
            .any(|c| c.message.contains("成本指标超过项目资金")
                && c.message.contains("79228162514264337593543950335万元")),
        "{:?}",
        r.checks.iter().map(|c| &c.message).collect::<Vec<_>>()
    );
}
