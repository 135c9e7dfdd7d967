//! The sums kept up to date edit by edit (`Aggregate::after_edit`) give the same report as
//! sums built anew: every figure to the 分, every table cell, every narrative sentence and
//! every check (compared as the CLI's `--json`, which holds all of them), over random
//! sequences of edits, batches, undo and redo, on the reference and on a generated budget.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use yusuan::core::domain::codes::{EconCode, FunctionCode};
use yusuan::core::domain::command::{changed_lines, Command, Field};
use yusuan::core::domain::history::History;
use yusuan::core::domain::model::{Budget, Kind};
use yusuan::core::domain::money::Money;
use yusuan::core::figures::aggregate::Aggregate;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::{reference, text};

/// A 事业单位 budget in the Shanghai district format (its 表1 splits 人员/公用经费 per 类).
const SHANGHAI: &str = include_str!("fixtures/shanghai-institution.json");

/// One edit: (line pick, what, amount in 分).
type Edit = (usize, u8, i64);

fn command(b: &Budget, (pick, what, fen): Edit) -> Command {
    let line = &b.lines[pick % b.lines.len()];
    let field = match what % 9 {
        0..=1 => Field::Current(Money::from_fen(fen)),
        8 => Field::Executed((fen % 2 == 0).then(|| Money::from_fen(fen / 3))),
        2 => Field::Current(Money::from_fen(-fen / 7)),
        3 => Field::CarryOver(Money::from_fen(fen / 10)),
        4 => Field::Kind(if line.kind == Kind::Basic {
            Kind::Project
        } else {
            Kind::Basic
        }),
        5 => Field::Source(b.sources[(fen as usize) % b.sources.len()].id.clone()),
        // Changes that move the line to other sums: the update falls back to a rebuild.
        6 => Field::Function(
            FunctionCode::parse(["2010301", "2080505", "2299999"][(fen % 3) as usize]).ok(),
        ),
        _ => Field::Project(format!("项目{}", fen % 4)),
    };
    Command::UpdateLine { id: line.id, field }
}

fn json(b: &Budget, r: &Report) -> String {
    serde_json::to_string(&text::report_json(b, r)).unwrap()
}

/// Applies the edits (single, or two at once as a batch), undoes some and redoes them,
/// keeping the sums up to date; after each step they must give the full rebuild's report.
fn check(mut b: Budget, edits: Vec<Edit>, batches: bool) -> Result<(), TestCaseError> {
    let opts = Options::default();
    let mut agg = Aggregate::build(&b);
    let mut h = History::default();
    let step = |b: &Budget, agg: Aggregate, redo: &[Command], undo: &[Command]| {
        let agg = match changed_lines(b, redo, undo) {
            Some(changed) => Aggregate::after_edit(agg, b, &changed),
            None => Aggregate::build(b),
        };
        let (inc, full) = (
            json(b, &Report::from_aggregate(b, &agg, opts)),
            json(b, &Report::build(b, opts)),
        );
        (agg, inc == full)
    };
    let chunk = if batches { 2 } else { 1 };
    for group in edits.chunks(chunk) {
        let cmds: Vec<Command> = group.iter().map(|e| command(&b, *e)).collect();
        let Ok(change) = b.apply_all_recorded(cmds) else {
            continue;
        };
        let (a, same) = step(&b, agg, &change.redo, &change.undo);
        agg = a;
        prop_assert!(same, "after {:?}", change.redo);
        h.record("edit", change);
    }
    // Undo everything, then redo it all: each step is an edit too.
    while let Some(s) = h.next_undo().cloned() {
        prop_assert!(h.undo(&mut b).is_some_and(|r| r.is_ok()));
        let (a, same) = step(&b, agg, &s.undo, &s.redo);
        agg = a;
        prop_assert!(same, "after undo of {:?}", s.redo);
    }
    while let Some(s) = h.next_redo().cloned() {
        prop_assert!(h.redo(&mut b).is_some_and(|r| r.is_ok()));
        let (a, same) = step(&b, agg, &s.redo, &s.undo);
        agg = a;
        prop_assert!(same, "after redo of {:?}", s.redo);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn edits_kept_up_to_date_equal_a_rebuild_on_the_reference(
        edits in prop::collection::vec((0usize..100, 0u8..9, 0i64..1_000_000_000), 1..16),
        batches in prop::bool::ANY,
    ) {
        check(reference::budget(), edits, batches)?;
    }

    #[test]
    fn edits_kept_up_to_date_equal_a_rebuild_on_a_generated_budget(
        edits in prop::collection::vec((0usize..1000, 0u8..9, 0i64..1_000_000_000), 1..16),
        batches in prop::bool::ANY,
    ) {
        check(reference::synthetic(150), edits, batches)?;
    }

    #[test]
    fn edits_kept_up_to_date_equal_a_rebuild_on_a_shanghai_budget(
        edits in prop::collection::vec((0usize..100, 0u8..9, 0i64..1_000_000_000), 1..16),
        batches in prop::bool::ANY,
    ) {
        let b = yusuan::core::formats::file::from_json(SHANGHAI).unwrap();
        check(b, edits, batches)?;
    }

    #[test]
    fn edits_kept_up_to_date_equal_a_rebuild_on_a_generated_department(
        edits in prop::collection::vec((0usize..1000, 0u8..9, 0i64..1_000_000_000), 1..16),
        batches in prop::bool::ANY,
    ) {
        check(generated_department(), edits, batches)?;
    }
}

/// A generated 部门 budget: four 预算单位 of different types (two count 机关运行经费),
/// lines spread over them and some with no unit (the first unit's).
fn generated_department() -> Budget {
    use yusuan::core::domain::model::{BudgetKind, BudgetUnit, UnitType};
    let mut b = reference::synthetic(150);
    b.kind = BudgetKind::Department;
    b.units = UnitType::ALL
        .iter()
        .enumerate()
        .map(|(i, kind)| BudgetUnit {
            id: format!("u{i}"),
            name: format!("单位{i}"),
            kind: *kind,
        })
        .collect();
    for (i, l) in b.lines.iter_mut().enumerate() {
        l.unit = (i % 5 != 0).then(|| format!("u{}", i % 4));
        if i % 3 == 0 {
            // 公用经费 of 基本支出: 机关运行经费 where the unit counts it (table 11).
            l.kind = Kind::Basic;
            l.economic = EconCode::parse(["30201", "30217", "30101"][i % 9 / 3]).ok();
            l.project.clear();
        }
    }
    b
}

#[test]
fn an_amount_edit_updates_the_sums_in_place() {
    let mut b = reference::budget();
    let agg = Aggregate::build(&b);
    let id = b.lines[0].id;
    let change = b
        .apply_recorded(Command::UpdateLine {
            id,
            field: Field::Current(Money::from_fen(300_000_000)),
        })
        .unwrap();
    let changed = changed_lines(&b, &change.redo, &change.undo).unwrap();
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].0.current, Money::from_fen(262_017_000));
    let mut inc = agg.clone();
    assert!(inc.update_line(&b, &changed[0].0, &changed[0].1));
    let r = Report::from_aggregate(&b, &inc, Options::default());
    assert_eq!(
        r.summary
            .expense_total
            .display(yusuan::core::domain::money::Unit::Wan),
        "3,864.54"
    );
    // A change of code moves the line to other sums: not done in place.
    let mut moved = changed[0].1.clone();
    moved.function = FunctionCode::parse("2080505").ok();
    assert!(!inc.clone().update_line(&b, &changed[0].1, &moved));
}
