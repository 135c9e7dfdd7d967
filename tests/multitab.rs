//! Several tabs of one browser: each tab's workspace is merged with what another tab
//! stored (core/formats/merge.rs), so that no edit is lost and a conflict keeps both
//! versions.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use yusuan::core::domain::command::{Command, Field, LineDraft};
use yusuan::core::domain::model::{Budget, Kind, LineId};
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::domain::workspace::Workspace;
use yusuan::core::formats::{file, merge, reference};

fn line_of(b: &Budget, econ: &str) -> LineId {
    let mut ids = b
        .lines
        .iter()
        .filter(|l| l.economic.is_some_and(|e| e.to_string() == econ));
    let id = ids.next().expect("a line").id;
    assert!(ids.next().is_none(), "one line of {econ}");
    id
}

fn set(ws: &mut Workspace, id: LineId, wan: &str) {
    let amount = Money::parse(&format!("{wan}0000")).unwrap();
    ws.budget_mut()
        .apply(Command::UpdateLine {
            id,
            field: Field::Current(amount),
        })
        .unwrap();
}

fn total(b: &Budget) -> Money {
    b.lines.iter().map(|l| l.total()).sum()
}

fn amount_of(b: &Budget, id: LineId) -> Money {
    b.lines.iter().find(|l| l.id == id).unwrap().current
}

fn start() -> (String, Workspace, Workspace) {
    let ws = Workspace::new("方案一", reference::budget());
    (file::write(&ws, false), ws.clone(), ws)
}

/// Two tabs from one base, 基本工资 → 300 in the first and → 280 in the second.
fn conflicting() -> (String, Workspace, Workspace, LineId) {
    let (base, mut first, mut second) = start();
    let salary = line_of(first.budget(), "30101");
    set(&mut first, salary, "300");
    set(&mut second, salary, "280");
    (base, first, second, salary)
}

/// The case of the issue: 基本工资 262.02 → 300 in one tab, 津贴补贴 147.30 → 200 in the
/// other; both stay: 支出总计 3,917.24万元 (3,826.55 + 37.983 + 52.70 before rounding).
#[test]
fn edits_of_two_tabs_both_stay() {
    let (base, mut first, mut second) = start();
    let salary = line_of(first.budget(), "30101");
    let allowance = line_of(first.budget(), "30102");
    assert_eq!(total(first.budget()).display(Unit::Wan), "3,826.55");
    set(&mut first, salary, "300");
    let stored_by_first = file::write(&first, false);
    set(&mut second, allowance, "200");
    // What the second tab alone showed (and what the issue found saved): 3,879.26.
    assert_eq!(total(second.budget()).display(Unit::Wan), "3,879.26");
    let m = merge::merge(&base, &second, &stored_by_first).unwrap();
    assert!(m.conflicts.is_empty());
    assert_eq!(m.parts.len(), 1);
    let b = &m.parts[0].1;
    assert_eq!(amount_of(b, salary), Money::parse("3000000").unwrap());
    assert_eq!(amount_of(b, allowance), Money::parse("2000000").unwrap());
    assert_eq!(total(b).display(Unit::Wan), "3,917.24");
}

/// Both tabs change the same amount: both whole versions are kept (the larger text under
/// the name, whichever tab merges), and the notice can name them.
#[test]
fn a_conflict_keeps_both_versions() {
    let (base, first, second, salary) = conflicting();
    let m = merge::merge(&base, &second, &file::write(&first, false)).unwrap();
    assert_eq!(m.conflicts, vec!["方案一".to_string()]);
    let names: Vec<&str> = m.parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["方案一", "方案一（另一版本）"]);
    assert_eq!(
        amount_of(&m.parts[0].1, salary),
        Money::parse("3000000").unwrap()
    );
    assert_eq!(
        amount_of(&m.parts[1].1, salary),
        Money::parse("2800000").unwrap()
    );
    // The tab keeps showing the scenario it showed; ids of known names are kept.
    assert_eq!(m.current, 0);
    let ws = second.replaced(m.parts, m.current).unwrap();
    assert_eq!(ws.current_id(), second.current_id());
}

/// Two tabs save at the same moment from the same text, each over the other: each then
/// merges the other's save on their common base (found through the stored ancestry) and
/// both reach the same scenarios, with both edits.
#[test]
fn sibling_saves_merge_alike_in_both_tabs() {
    let (base, mut first, mut second) = start();
    let salary = line_of(first.budget(), "30101");
    let allowance = line_of(first.budget(), "30102");
    set(&mut first, salary, "300");
    set(&mut second, allowance, "200");
    let a = merge::stamp(&file::write(&first, false), Some(&base));
    let b = merge::stamp(&file::write(&second, false), Some(&base));
    // Each tab last wrote its own text, merged onto `base`.
    assert_eq!(merge::base_for(&b, Some(&a), Some(&base)), base);
    assert_eq!(merge::base_for(&a, Some(&b), Some(&base)), base);
    let in_first = merge::merge(&base, &first, &b).unwrap();
    let in_second = merge::merge(&base, &second, &a).unwrap();
    assert_eq!(in_first.parts, in_second.parts);
    let merged = &in_first.parts[0].1;
    assert_eq!(total(merged).display(Unit::Wan), "3,917.24");
    // A later save descends from `a`: a tab that has `a` merges onto it.
    let later = merge::stamp(&file::write(&first, false), Some(&a));
    assert_eq!(merge::base_for(&later, Some(&a), None), a);
    assert_eq!(merge::base_for(&later, Some("unrelated"), None), "");
    // The stamp is invisible to file readers.
    assert_eq!(file::read(&later).unwrap().budget(), first.budget());
}

#[test]
fn conflicts_resolve_alike_in_both_tabs() {
    let (base, first, second, _) = conflicting();
    let in_first = merge::merge(&base, &first, &file::write(&second, false)).unwrap();
    let in_second = merge::merge(&base, &second, &file::write(&first, false)).unwrap();
    assert_eq!(in_first.parts, in_second.parts);
    assert_eq!(in_first.conflicts, in_second.conflicts);
}

#[test]
fn lines_added_in_both_tabs_are_both_kept() {
    let (base, mut first, mut second) = start();
    let n = first.budget().lines.len();
    let draft = |project: &str| {
        Command::AddLine(LineDraft {
            project: project.into(),
            ..LineDraft::new(Kind::Project, "gpb")
        })
    };
    first.budget_mut().apply(draft("甲项目")).unwrap();
    second.budget_mut().apply(draft("乙项目")).unwrap();
    let m = merge::merge(&base, &second, &file::write(&first, false)).unwrap();
    assert!(m.conflicts.is_empty());
    let b = &m.parts[0].1;
    assert_eq!(b.lines.len(), n + 2);
    assert!(b.lines.iter().any(|l| l.project == "甲项目"));
    assert!(b.lines.iter().any(|l| l.project == "乙项目"));
}

#[test]
fn scenarios_added_deleted_and_renamed_in_other_tabs() {
    let (base, mut first, second) = start();
    let copy = first.prepare("方案二", reference::budget()).unwrap();
    let cmd = first.insert_after_current(copy);
    first.apply_recorded(cmd).unwrap();
    let m = merge::merge(&base, &second, &file::write(&first, false)).unwrap();
    let names: Vec<&str> = m.parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["方案一", "方案二"]);
    // Unreadable stored data is an error, never a silent overwrite.
    assert!(merge::merge(&base, &second, "{oops").is_err());
}

/// One random edit on a line chosen by `pick` among `lines`.
fn edit(b: &mut Budget, lines: &[LineId], op: u8, pick: usize, fen: i64) {
    let id = lines[pick % lines.len()];
    let cmd = match op % 4 {
        0 | 1 => Command::UpdateLine {
            id,
            field: Field::Current(Money::from_fen(fen)),
        },
        2 => Command::UpdateLine {
            id,
            field: Field::Project(format!("项目{fen}")),
        },
        _ => Command::AddLine(LineDraft {
            current: Money::from_fen(fen),
            ..LineDraft::new(Kind::Project, "gpb")
        }),
    };
    let _ = b.apply(cmd);
}

type Op = (u8, usize, i64);

/// Two tabs from the reference: the first applies `a` to lines among `first_lines`, the
/// second `b` among `second_lines`; then the second merges the first's save.
fn two_tabs(
    a: &[Op],
    b: &[Op],
    first_lines: &[LineId],
    second_lines: &[LineId],
) -> (Workspace, Workspace, merge::Merged) {
    let (base, mut first, mut second) = start();
    for (op, pick, fen) in a {
        edit(first.budget_mut(), first_lines, *op, *pick, *fen);
    }
    for (op, pick, fen) in b {
        edit(second.budget_mut(), second_lines, *op, *pick, *fen);
    }
    let m = merge::merge(&base, &second, &file::write(&first, false)).unwrap();
    (first, second, m)
}

fn reference_ids() -> Vec<LineId> {
    reference::budget().lines.iter().map(|l| l.id).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Edits of different lines in two tabs merge without a conflict, each as its tab
    /// left it, and lines either tab added are all there.
    #[test]
    fn edits_of_different_lines_all_merge(
        a in prop::collection::vec((0u8..4, 0usize..64, 0i64..100_000_000), 0..12),
        b in prop::collection::vec((0u8..4, 0usize..64, 0i64..100_000_000), 0..12),
    ) {
        let ids = reference_ids();
        let (even, odd): (Vec<LineId>, Vec<LineId>) = ids.iter().partition(|id| *id % 2 == 0);
        let (first, second, m) = two_tabs(&a, &b, &even, &odd);
        prop_assert!(m.conflicts.is_empty());
        let merged = &m.parts[0].1;
        let n = ids.len();
        prop_assert_eq!(merged.lines.len(), first.budget().lines.len() + second.budget().lines.len() - n);
        for l in first.budget().lines.iter().filter(|l| even.contains(&l.id)) {
            prop_assert!(merged.lines.contains(l));
        }
        for l in second.budget().lines.iter().filter(|l| odd.contains(&l.id)) {
            prop_assert!(merged.lines.contains(l));
        }
    }

    /// Whatever both tabs do, every line either tab changed or added is in some scenario
    /// of the merge: nothing is lost.
    #[test]
    fn nothing_is_lost(
        a in prop::collection::vec((0u8..4, 0usize..64, 0i64..100_000_000), 0..12),
        b in prop::collection::vec((0u8..4, 0usize..64, 0i64..100_000_000), 0..12),
    ) {
        let ids = reference_ids();
        let (first, second, m) = two_tabs(&a, &b, &ids, &ids);
        use yusuan::core::domain::model::Line;
        let original = reference::budget();
        let in_some = |f: &dyn Fn(&Line) -> bool| m.parts.iter().any(|(_, b)| b.lines.iter().any(f));
        for l in first.budget().lines.iter().chain(&second.budget().lines) {
            match original.lines.iter().find(|o| o.id == l.id) {
                // A changed field of a line both had: that value is in some scenario.
                Some(o) => {
                    if o.current != l.current {
                        prop_assert!(in_some(&|k| k.id == l.id && k.current == l.current), "lost {:?}", l);
                    }
                    if o.project != l.project {
                        prop_assert!(in_some(&|k| k.id == l.id && k.project == l.project), "lost {:?}", l);
                    }
                }
                // An added line (its number may have changed).
                None => prop_assert!(in_some(&|k| k.project == l.project && k.current == l.current), "lost {:?}", l),
            }
        }
    }
}
