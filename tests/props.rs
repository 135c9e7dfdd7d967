//! Property tests over random budgets: the tables add up, every cell equals the sum of
//! the lines its explanation lists, 尾差调整 shares add to exactly 100.00, the JSON round
//! trip is the identity, and parsing what users type never panics.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rust_decimal::Decimal;
use yusuan::core::domain::codes::{EconCode, FunctionCode};
use yusuan::core::domain::model::{Budget, Income, Kind, Line};
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::figures::shares::{largest_remainder, shown_shares, Rounding};
use yusuan::core::figures::tables::{Cell, Origin, TableId};
use yusuan::core::formats::file;

const FUNCTIONS: &[&str] = &[
    "2010306", "2010399", "2010301", "20103", "2080505", "2100799", "2101101", "2101103",
    "2210201", "2299999",
];
const ECONS: &[&str] = &[
    "30101", "30107", "30108", "30113", "30201", "30217", "30231", "30302", "31013", "30212", "302",
];

fn line_strategy() -> impl Strategy<Value = Line> {
    (
        prop::bool::ANY,
        prop::option::weighted(0.95, 0..FUNCTIONS.len()),
        prop::option::weighted(0.9, 0..ECONS.len()),
        0..5usize,
        0..4usize,
        -1_000i64..100_000_000,
        prop::option::weighted(0.3, 0i64..50_000_000),
    )
        .prop_map(|(basic, f, e, src, proj, fen, carry)| Line {
            id: 0,
            kind: if basic { Kind::Basic } else { Kind::Project },
            function: f.map(|i| FunctionCode::parse(FUNCTIONS[i]).unwrap()),
            economic: e.map(|i| EconCode::parse(ECONS[i]).unwrap()),
            gov_economic: None,
            project: if basic {
                String::new()
            } else {
                ["", "项目甲", "项目乙", "<b>项目</b>"][proj].to_string()
            },
            source: ["gpb", "gfb", "scb", "special", "unit"][src].to_string(),
            current: Money::from_fen(fen),
            carry_over: carry.map(Money::from_fen).unwrap_or_default(),
            prior: None,
            note: String::new(),
            unit: None,
            generated: false,
            executed: None,
        })
}

fn budget_strategy() -> impl Strategy<Value = Budget> {
    (
        prop::collection::vec(line_strategy(), 0..40),
        prop::collection::vec((0i64..1_000_000_000, 0i64..100_000_000), 5),
    )
        .prop_map(|(lines, income)| {
            let mut b = Budget::empty("测试单位", 2024);
            b.lines = lines
                .into_iter()
                .enumerate()
                .map(|(i, mut l)| {
                    l.id = i as u32 + 1;
                    l
                })
                .collect();
            b.income = ["gpb", "gfb", "scb", "special", "unit"]
                .iter()
                .zip(income)
                .map(|(s, (c, o))| Income {
                    source: s.to_string(),
                    current: Money::from_fen(c),
                    carry_over: Money::from_fen(o),
                    prior: None,
                    unit: None,
                })
                .collect();
            b
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn tree_rows_are_sums_and_totals_are_basic_plus_project(b in budget_strategy()) {
        let r = Report::build(&b, Options::default());
        for id in [TableId::Expense, TableId::GeneralPublic, TableId::FundExpense, TableId::Income] {
            let t = r.table(id).unwrap();
            for (i, row) in t.rows.iter().enumerate() {
                // 合计 = 基本 + 项目 (tables 3, 5, 8).
                if id != TableId::Income {
                    let m = |c: usize| row.cells[c].money().unwrap();
                    prop_assert_eq!(m(2), m(3) + m(4));
                }
                // Each parent equals the sum of its children when no line sits at its level.
                let children: Vec<_> = t.rows.iter().filter(|r| r.parent == Some(i)).collect();
                let own_line = b.lines.iter().any(|l| {
                    l.function.map(|f| f.to_string()) == row.cells[0].text().map(str::to_string)
                });
                if !children.is_empty() && !own_line {
                    for c in 2..row.cells.len() {
                        let sum: Money = children.iter().map(|r| r.cells[c].money().unwrap()).sum();
                        prop_assert_eq!(sum, row.cells[c].money().unwrap(), "table {:?} row {}", id, i);
                    }
                }
            }
        }
    }

    #[test]
    fn every_cell_equals_the_sum_of_its_lines(b in budget_strategy()) {
        let r = Report::build(&b, Options::default());
        for t in &r.tables {
            for row in &t.rows {
                for cell in &row.cells {
                    if let Cell::Money { value, origin: Origin::Lines(sel) } = cell {
                        prop_assert_eq!(*value, sel.sum(&b), "{}", t.title);
                    }
                }
            }
        }
    }

    #[test]
    fn adjusted_shares_sum_to_100_and_stay_within_a_cent(
        parts in prop::collection::vec(0i64..1_000_000_000, 1..12)
    ) {
        let parts: Vec<Money> = parts.into_iter().map(Money::from_fen).collect();
        let whole: Money = parts.iter().sum();
        prop_assume!(!whole.is_zero());
        let adjusted = shown_shares(&parts, whole, Rounding::LargestRemainder);
        let own = shown_shares(&parts, whole, Rounding::Independent);
        let total: Decimal = adjusted.iter().map(|p| p.unwrap()).sum();
        prop_assert_eq!(total, Decimal::ONE_HUNDRED);
        for (a, o) in adjusted.iter().zip(&own) {
            prop_assert!((a.unwrap() - o.unwrap()).abs() <= Decimal::new(1, 2));
        }
    }

    #[test]
    fn largest_remainder_hits_the_rounded_total(
        values in prop::collection::vec(0i64..10_000_000, 1..20)
    ) {
        let exact: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 4)).collect();
        let target = exact.iter().sum::<Decimal>()
            .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let shown = largest_remainder(&exact, target).unwrap();
        prop_assert_eq!(shown.iter().sum::<Decimal>(), target);
    }

    #[test]
    #[allow(clippy::needless_range_loop)]
    fn adjusted_tables_show_details_adding_to_totals(b in budget_strategy()) {
        let r = Report::build(&b, Options::default());
        let t = r.table(TableId::Expense).unwrap();
        let shown = t.render(Unit::Wan, true);
        let num = |s: &str| if s.is_empty() { Decimal::ZERO } else { s.replace(',', "").parse().unwrap() };
        for (i, _) in t.rows.iter().enumerate() {
            let children: Vec<usize> = (0..t.rows.len()).filter(|&r| t.rows[r].parent == Some(i)).collect();
            if children.is_empty() { continue; }
            for c in 2..5 {
                let exact_children: Money = children.iter().map(|&r| t.rows[r].cells[c].money().unwrap()).sum();
                if exact_children != t.rows[i].cells[c].money().unwrap() { continue; }
                let sum: Decimal = children.iter().map(|&r| num(&shown[r][c])).sum();
                prop_assert_eq!(sum, num(&shown[i][c]));
            }
        }
    }

    #[test]
    fn json_round_trip_is_identity(b in budget_strategy()) {
        let text = file::to_json(&b);
        prop_assert_eq!(file::from_json(&text).unwrap(), b);
    }

    #[test]
    fn amount_parsing_never_panics(s in "\\PC{0,40}") {
        let _ = Money::parse(&s);
    }

    #[test]
    fn amount_parsing_never_panics_on_formula_like_text(s in "[=0-9.,+*/()万¥ -]{0,30}") {
        let _ = Money::parse(&s);
    }

    #[test]
    fn typed_amounts_round_trip(fen in -10_000_000_000i64..10_000_000_000) {
        let m = Money::from_fen(fen);
        prop_assert_eq!(Money::parse(&m.display(Unit::Yuan)).unwrap(), m);
    }

    #[test]
    fn file_reading_never_panics(s in "\\PC{0,200}") {
        let _ = file::from_json(&s);
    }
}

/// One random edit, resolved against the budget as it is when applied.
fn edit_command(
    b: &Budget,
    op: u8,
    pick: usize,
    fen: i64,
) -> Option<yusuan::core::domain::command::Command> {
    use yusuan::core::domain::command::{Command, Field, LineDraft};
    use yusuan::core::domain::model::ReasonKey;
    let id = b.lines.get(pick % b.lines.len().max(1)).map(|l| l.id);
    Some(match op % 8 {
        0 => Command::UpdateLine {
            id: id?,
            field: Field::Current(Money::from_fen(fen)),
        },
        1 => Command::DeleteLine(id?),
        2 => Command::DuplicateLine(id?),
        3 => Command::AddLine(LineDraft {
            current: Money::from_fen(fen),
            ..LineDraft::new(Kind::Project, "gpb")
        }),
        4 => Command::SetReason(ReasonKey::Sangong, format!("原因{fen}")),
        5 => Command::SetIncome(Income {
            source: "unit".into(),
            current: Money::from_fen(fen.abs()),
            carry_over: Money::ZERO,
            prior: None,
            unit: None,
        }),
        6 => Command::UpdateLine {
            id: id?,
            field: Field::Project(format!("项目{fen}")),
        },
        _ => Command::SetCodeName {
            code: "2299999".into(),
            name: format!("名称{fen}"),
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_and_redo_all_replays(
        ops in prop::collection::vec((0u8..8, 0usize..64, -1_000i64..1_000_000), 1..30)
    ) {
        use yusuan::core::domain::history::History;
        let original = yusuan::core::formats::reference::budget();
        let mut b = original.clone();
        let mut h = History::default();
        let mut n = 0;
        for (op, pick, fen) in ops {
            let Some(cmd) = edit_command(&b, op, pick, fen) else { continue };
            if let Ok(change) = b.apply_recorded(cmd) {
                h.record("edit", change);
                n += 1;
            }
        }
        let edited = b.clone();
        for _ in 0..n {
            prop_assert!(h.undo(&mut b).unwrap().is_ok());
        }
        prop_assert_eq!(&b, &original);
        prop_assert!(h.undo(&mut b).is_none());
        for _ in 0..n {
            prop_assert!(h.redo(&mut b).unwrap().is_ok());
        }
        prop_assert_eq!(&b, &edited);
    }

    #[test]
    fn a_recorded_paste_undoes_in_one_step(fens in prop::collection::vec(0i64..10_000_000, 1..10)) {
        use yusuan::core::present::editor::{plan_paste, Column};
        use yusuan::core::domain::history::History;
        let original = yusuan::core::formats::reference::budget();
        let mut b = original.clone();
        let text: String = fens.iter().map(|f| format!("{}\n", Money::from_fen(*f))).collect();
        let plan = plan_paste(&b, &text, &[1, 2, 3], Column::Current, Unit::Yuan).unwrap();
        let change = b.apply_all_recorded(plan.commands).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut h = History::default();
        h.record("粘贴", change);
        h.undo(&mut b).unwrap().unwrap();
        prop_assert_eq!(b, original);
    }
}

/// The lines with everything an import reads (ids are given anew by an import).
fn without_ids(b: &Budget) -> Vec<Line> {
    b.lines
        .iter()
        .map(|l| Line { id: 0, ..l.clone() })
        .collect()
}

/// A budget whose lines all have a 功能分类 code (an import requires one).
fn importable_budget() -> impl Strategy<Value = Budget> {
    budget_strategy().prop_map(|mut b| {
        b.lines.retain(|l| l.function.is_some());
        b
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn csv_round_trip_is_lossless_to_the_fen(b in importable_budget()) {
        use yusuan::core::formats::import::{guess, parse_csv, plan};
        prop_assume!(!b.lines.is_empty());
        let rows = parse_csv(&yusuan::core::formats::export::lines_csv(&b)).unwrap();
        let g = guess(&rows);
        prop_assert!(g.complete, "{:?}", g.unknown);
        let p = plan(&b, &rows, &g.mapping).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut back = b.clone();
        back.apply(p.replace(&b).unwrap()).unwrap();
        prop_assert_eq!(without_ids(&back), without_ids(&b));
    }

    #[test]
    fn xlsx_round_trip_is_lossless_to_the_fen(b in importable_budget()) {
        use yusuan::core::formats::import::{guess, plan};
        use yusuan::core::formats::xlsx;
        prop_assume!(!b.lines.is_empty());
        let report = Report::build(&b, Options::default());
        let bytes = xlsx::write(&xlsx::workbook(&b, &report)).unwrap();
        let sheets = xlsx::read(&bytes).unwrap();
        prop_assert_eq!(sheets.len(), 14);
        let lines = sheets.iter().find(|s| s.name == "明细").unwrap();
        let g = guess(&lines.rows);
        prop_assert!(g.complete, "{:?}", g.unknown);
        let p = plan(&b, &lines.rows, &g.mapping).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let mut back = b.clone();
        back.apply(p.replace(&b).unwrap()).unwrap();
        prop_assert_eq!(without_ids(&back), without_ids(&b));
    }

    #[test]
    fn workspace_json_round_trip_is_identity(b in budget_strategy(), c in budget_strategy()) {
        use yusuan::core::domain::workspace::Workspace;
        let mut ws = Workspace::new("方案一", b);
        let s = ws.prepare("方案二 <x>", c).unwrap();
        let cmd = ws.insert_after_current(s);
        ws.apply_recorded(cmd).unwrap();
        let back = file::read(&file::write(&ws, false)).unwrap();
        prop_assert_eq!(back.scenarios(), ws.scenarios());
        prop_assert_eq!(back.current_id(), ws.current_id());
    }

    #[test]
    fn share_link_encode_decode_is_identity(b in budget_strategy(), name in "[a-z方案 ]{1,20}") {
        use yusuan::core::formats::share::{decode, encode};
        prop_assume!(!name.trim().is_empty());
        let link = encode(&name, &b).unwrap();
        prop_assert_eq!(decode(&link).unwrap(), (name.trim().to_string(), b));
    }

    #[test]
    fn share_link_decoding_never_panics(s in "share=1\\.[A-Za-z0-9_-]{0,200}") {
        let _ = yusuan::core::formats::share::decode(&s);
    }

    #[test]
    fn xlsx_reading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = yusuan::core::formats::xlsx::read(&bytes);
    }

    #[test]
    fn a_bulk_adjustment_then_undo_restores_the_exact_budget(
        b in budget_strategy(),
        pct in -100i64..300,
        group in 0usize..3,
        step in 0usize..3,
        total in prop::option::of(-1_000_000i64..1_000_000),
    ) {
        use yusuan::core::drafting::adjust::{plan, Adjustment, Change, Group, Step, Target};
        use yusuan::core::domain::workspace::{Workspace, WsCommand, WsHistory};
        let change = match total {
            Some(fen) => Change::Total(Money::from_fen(fen)),
            None => Change::Percent(Decimal::new(pct, 0)),
        };
        let adj = Adjustment {
            target: Target { group: Group::ALL[group], ..Default::default() },
            change,
            step: Step::ALL[step],
        };
        let Ok(p) = plan(&b, &adj) else { return Ok(()) };
        // A shared total changes the selection by exactly that amount.
        if let Change::Total(m) = adj.change {
            prop_assert_eq!(p.after - p.before, m);
        }
        let mut ws = Workspace::new("方案一", b.clone());
        let mut h = WsHistory::default();
        let id = ws.current_id();
        let change = ws.apply_recorded(WsCommand::Edit(id, p.commands.clone())).unwrap();
        h.record("批量调整", change);
        let changed: Money = ws.budget().lines.iter().filter(|l| adj.target.matches(ws.budget(), l)).map(|l| l.current).sum();
        prop_assert_eq!(changed, p.after);
        h.undo(&mut ws).unwrap().unwrap();
        prop_assert_eq!(ws.budget(), &b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Our CSV writer (quoting only) and the csv crate's reader agree on every text.
    #[test]
    fn written_csv_reads_back_with_the_csv_crate(
        rows in prop::collection::vec(prop::collection::vec("[a-z,\"\r\n 中文\t]{0,8}", 1..5), 1..6)
    ) {
        let text = yusuan::core::formats::export::rows_csv(&rows);
        let body = text.strip_prefix('\u{feff}').unwrap();
        let mut r = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body.as_bytes());
        let back: Vec<Vec<String>> = r.records().map(|x| x.unwrap().iter().map(str::to_string).collect()).collect();
        prop_assert_eq!(back, rows);
    }
}

/// A command of the income, prior-year, source and text editors (issue 10), or a line edit,
/// picked by `op` from what the budget has now.
fn document_command(
    b: &Budget,
    op: u8,
    pick: usize,
    fen: i64,
) -> Option<yusuan::core::domain::command::Command> {
    use yusuan::core::domain::command::{Command, Field};
    use yusuan::core::domain::model::{FundSource, PriorField, Procurement, SourceKind, TextField};
    let source = b.sources.get(pick % b.sources.len().max(1))?;
    let line = b.lines.get(pick % b.lines.len().max(1)).map(|l| l.id);
    let money = Money::from_fen(fen.abs());
    let priors = PriorField::ALL;
    Some(match op % 14 {
        0 => Command::SetIncome(Income {
            source: source.id.clone(),
            current: money,
            carry_over: Money::from_fen(fen.abs() / 3),
            prior: (fen % 2 == 0).then_some(money),
            unit: None,
        }),
        1 => Command::SetPrior(priors[pick % priors.len()], (fen % 3 != 0).then_some(money)),
        2 => Command::SetIncomeFollows(fen % 2 == 0),
        3 => Command::ReplaceIncome(b.income_matching_spending()),
        4 => Command::AddSource {
            at: pick,
            source: FundSource {
                id: b.new_source_id(),
                name: format!("事业收入{fen}"),
                kind: SourceKind::ALL[pick % SourceKind::ALL.len()],
            },
        },
        5 => Command::RenameSource {
            id: source.id.clone(),
            name: format!("来源{fen}"),
        },
        6 => Command::MoveSource {
            id: source.id.clone(),
            to: fen.unsigned_abs() as usize % (b.sources.len() + 1),
        },
        7 => Command::SetSourceKind {
            id: source.id.clone(),
            kind: SourceKind::ALL[fen.unsigned_abs() as usize % SourceKind::ALL.len()],
        },
        8 => Command::RemoveSource(source.id.clone()),
        9 => Command::SetText(
            TextField::ALL[pick % TextField::ALL.len()],
            format!("说明{fen}\n第二行"),
        ),
        10 => Command::SetProcurement(Procurement {
            goods: money,
            works: Money::ZERO,
            services: Money::from_fen(fen.abs() / 7),
        }),
        11 => Command::UpdateLine {
            id: line?,
            field: Field::Current(money),
        },
        12 => Command::UpdateLine {
            id: line?,
            field: Field::Source(source.id.clone()),
        },
        14 => {
            // 政府购买服务: a list grown, shrunk or emptied; a negative amount is refused.
            let mut items = b.services.clone();
            match pick % 3 {
                0 => items.push(yusuan::core::domain::disclosure::ServiceItem {
                    project: format!("服务{fen}"),
                    category: if fen % 2 == 0 {
                        "辅助性服务".into()
                    } else {
                        String::new()
                    },
                    amount: Money::from_fen(fen),
                }),
                1 => {
                    items.pop();
                }
                _ => items.clear(),
            }
            Command::SetServices(items)
        }
        _ => Command::DeleteLine(line?),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Income, priors, 收入随支出, fund sources and texts: each command undoes exactly, so
    /// undoing everything restores the budget and redoing replays it; every state is valid.
    #[test]
    fn document_commands_undo_and_redo_exactly(
        b in budget_strategy(),
        ops in prop::collection::vec((0u8..16, 0usize..64, -1_000i64..100_000_000), 1..40)
    ) {
        use yusuan::core::domain::history::History;
        let original = b.clone();
        let mut b = b;
        let mut h = History::default();
        let mut n = 0;
        for (op, pick, fen) in ops {
            let Some(cmd) = document_command(&b, op, pick, fen) else { continue };
            let before = b.clone();
            match b.apply_recorded(cmd) {
                Ok(change) => {
                    prop_assert!(b.validate().is_ok(), "{:?}", b.validate());
                    h.record("edit", change);
                    n += 1;
                }
                Err(_) => prop_assert_eq!(&b, &before, "a refused command changed the budget"),
            }
        }
        let edited = b.clone();
        for _ in 0..n {
            prop_assert!(h.undo(&mut b).unwrap().is_ok());
        }
        prop_assert_eq!(&b, &original);
        for _ in 0..n {
            prop_assert!(h.redo(&mut b).unwrap().is_ok());
        }
        prop_assert_eq!(&b, &edited);
    }

    /// A batch of commands (a paste, an import) brings income in line with the lines once,
    /// not after each command: the result, and its undo, are exactly those of applying the
    /// commands one by one, with 收入随支出 on or off.
    #[test]
    fn a_batch_equals_its_commands_one_by_one(
        b in budget_strategy(),
        follow in any::<bool>(),
        ops in prop::collection::vec((0u8..22, 0usize..64, -1_000i64..100_000_000), 1..40)
    ) {
        use yusuan::core::domain::command::Command;
        let mut b = b;
        for l in &mut b.lines {
            l.current = l.current.abs();
        }
        b.apply(Command::SetIncomeFollows(follow)).unwrap();
        let original = b.clone();
        let mut one_by_one = b.clone();
        let mut accepted = Vec::new();
        for (op, pick, fen) in ops {
            let cmd = if op < 8 {
                edit_command(&one_by_one, op, pick, fen)
            } else {
                document_command(&one_by_one, op - 8, pick, fen)
            };
            let Some(cmd) = cmd else { continue };
            if one_by_one.apply(cmd.clone()).is_ok() {
                accepted.push(cmd);
            }
        }
        let mut batched = original.clone();
        let change = batched.apply_all_recorded(accepted.clone());
        prop_assert!(change.is_ok(), "{:?}", change.as_ref().err());
        prop_assert_eq!(&batched, &one_by_one);
        let mut plain = original.clone();
        prop_assert!(plain.apply_all(accepted).is_ok());
        prop_assert_eq!(&plain, &one_by_one);
        prop_assert!(batched.apply_all(change.unwrap().undo).is_ok());
        prop_assert_eq!(&batched, &original);
    }

    /// 收入随支出 balances any budget and keeps it balanced while lines change: 收入总计 =
    /// 支出总计 and no source spends more than its income.
    #[test]
    fn income_following_spending_balances_any_budget(
        b in budget_strategy(),
        edits in prop::collection::vec((0usize..64, 0i64..100_000_000), 0..10)
    ) {
        use yusuan::core::domain::command::{Command, Field};
        let mut b = b;
        // Lines with a negative amount cannot be matched by income: keep amounts ≥ 0.
        for l in &mut b.lines {
            l.current = l.current.abs();
        }
        b.apply(Command::SetIncomeFollows(true)).unwrap();
        for (pick, fen) in edits {
            if b.lines.is_empty() {
                break;
            }
            let id = b.lines[pick % b.lines.len()].id;
            b.apply(Command::UpdateLine { id, field: Field::Current(Money::from_fen(fen)) }).unwrap();
        }
        let r = Report::build(&b, Options::default());
        prop_assert!(r.summary.is_balanced(), "{} vs {}", r.summary.income_total, r.summary.expense_total);
        prop_assert!(!r.checks.iter().any(|c| c.id == "source_overspent" || c.id == "balance"), "{:?}", r.checks);
    }
}

/// A random 部门预算: the lines of `budget_strategy` spread over three 预算单位 of
/// random types; income entries belong to the first unit.
fn department_strategy() -> impl Strategy<Value = Budget> {
    use yusuan::core::domain::model::{BudgetKind, BudgetUnit, UnitType};
    (
        budget_strategy(),
        prop::collection::vec(0..3usize, 40),
        prop::collection::vec(0..4usize, 3),
    )
        .prop_map(|(mut b, picks, types)| {
            b.kind = BudgetKind::Department;
            b.units = (0..3)
                .map(|i| BudgetUnit {
                    id: format!("u{}", i + 1),
                    name: format!("单位{}", i + 1),
                    kind: UnitType::ALL[types[i]],
                })
                .collect();
            for (l, p) in b.lines.iter_mut().zip(picks) {
                l.unit = Some(format!("u{}", p + 1));
            }
            b
        })
}

/// Money cells of a table by the row's text cells (its label), in 元.
fn cells_by_label(
    t: &yusuan::core::figures::tables::Table,
) -> std::collections::HashMap<String, Vec<Money>> {
    t.rows
        .iter()
        .map(|r| {
            let label: Vec<&str> = r.cells.iter().filter_map(|c| c.text()).collect();
            let money: Vec<Money> = r
                .cells
                .iter()
                .map(|c| c.money().unwrap_or_default())
                .collect();
            (label.join("|"), money)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Every cell of the department's tables 1–3, 5 and 6 is the sum of that cell over the
    /// units viewed alone (a row a unit lacks counts as zero).
    #[test]
    fn a_departments_tables_are_the_sum_of_its_units(b in department_strategy()) {
        let dept = Report::build(&b, Options::default());
        let units: Vec<Report> = b
            .units
            .iter()
            .map(|u| Report::build(&b.unit_view(&u.id).unwrap(), Options::default()))
            .collect();
        for id in [TableId::Summary, TableId::Income, TableId::Expense, TableId::GeneralPublic, TableId::BasicEconomic] {
            let d = cells_by_label(dept.table(id).unwrap());
            let us: Vec<_> = units.iter().map(|r| cells_by_label(r.table(id).unwrap())).collect();
            for (label, cells) in &d {
                for (c, v) in cells.iter().enumerate() {
                    let sum: Money = us
                        .iter()
                        .filter_map(|u| u.get(label).and_then(|row| row.get(c)).copied())
                        .sum();
                    prop_assert_eq!(*v, sum, "{:?} row {} column {}", id, label, c);
                }
            }
        }
        let total: Money = units.iter().map(|r| r.summary.expense_total).sum();
        prop_assert_eq!(dept.summary.expense_total, total);
        let office: Money = units.iter().map(|r| r.summary.office_running).sum();
        prop_assert_eq!(dept.summary.office_running, office);
    }

    /// Changing a unit's type moves exactly its 财政拨款 基本支出 公用经费 (当年) into or out of
    /// 机关运行经费.
    #[test]
    fn a_units_type_moves_exactly_its_public_use_costs(b in department_strategy(), pick in 0..3usize) {
        use yusuan::core::domain::command::Command;
        use yusuan::core::domain::model::UnitType;
        let id = format!("u{}", pick + 1);
        let mut admin = b.clone();
        admin.apply(Command::SetUnitType { id: id.clone(), kind: UnitType::Administrative }).unwrap();
        let mut inst = b.clone();
        inst.apply(Command::SetUnitType { id: id.clone(), kind: UnitType::Institution }).unwrap();
        let of = |x: &Budget| Report::build(x, Options::default()).summary.office_running;
        let moved: Money = b
            .lines
            .iter()
            .filter(|l| l.unit.as_deref() == Some(id.as_str()))
            .filter(|l| l.kind == Kind::Basic && l.economic.is_some_and(|e| !e.is_personnel()))
            .filter(|l| b.source(&l.source).is_some_and(|s| s.kind.is_fiscal()))
            .map(|l| l.current)
            .sum();
        prop_assert_eq!(of(&admin) - of(&inst), moved);
    }
}

/// A number as a user might type it: ASCII or full-width digits, with thousands separators.
fn typed_number(n: u32, full_width: bool, grouped: bool) -> String {
    let plain = n.to_string();
    let mut s = String::new();
    for (i, c) in plain.chars().enumerate() {
        if grouped && i > 0 && (plain.len() - i) % 3 == 0 {
            s.push(',');
        }
        s.push(if full_width {
            char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)
        } else {
            c
        });
    }
    s
}

proptest! {
    /// Counts (国有资产) and 新建预算's name and year: any text gives a value or a message,
    /// never a panic; what is accepted is in range, and a count typed in any usual way reads
    /// back as itself.
    #[test]
    fn typed_counts_names_and_years_never_panic(text in "\\PC{0,12}", name in "\\PC{0,40}") {
        use yusuan::core::domain::disclosure::{parse_count, MAX_COUNT};
        use yusuan::core::domain::model::{BudgetKind, UnitType, MAX_TEXT};
        use yusuan::core::domain::template::TemplateId;
        if let Ok(n) = parse_count(&text) {
            prop_assert!(n <= MAX_COUNT);
        }
        match Budget::from_typed(TemplateId::Shanghai, &name, &text, BudgetKind::Unit, UnitType::Institution) {
            Ok(b) => {
                prop_assert!(!b.unit.name.trim().is_empty());
                prop_assert!(b.unit.name.chars().count() <= MAX_TEXT);
                prop_assert!(!b.unit.name.chars().any(char::is_control));
                prop_assert!((1900..=2200).contains(&b.unit.year));
            }
            Err(message) => prop_assert!(!message.is_empty()),
        }
    }

    #[test]
    fn a_count_reads_back_however_it_is_typed(
        n in 0u32..=1_000_000,
        full_width in prop::bool::ANY,
        grouped in prop::bool::ANY,
    ) {
        use yusuan::core::domain::disclosure::parse_count;
        let typed = format!(" {} ", typed_number(n, full_width, grouped));
        prop_assert_eq!(parse_count(&typed), Ok(n));
        prop_assert!(parse_count(&(1_000_001u64 + u64::from(n)).to_string()).is_err());
    }
}

/// A text as a hostile file may hold it: letters, spaces, control and bidi characters.
fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "名", "甲", "a", " ", "\u{0}", "\u{1}", "\u{1b}", "\u{202e}", "\u{2066}", "\n", "\t",
            "\u{7f}", "\u{200f}",
        ]),
        0..max,
    )
    .prop_map(|v| v.concat())
}

/// An amount as JSON: a number or a string, whole or to the 分, small or near the limit.
fn json_amount() -> impl Strategy<Value = String> {
    (
        0u64..1_000_000_000_000_000,
        0u32..100,
        prop::bool::ANY,
        prop::bool::ANY,
    )
        .prop_map(|(yuan, fen, as_text, negative)| {
            let sign = if negative { "-" } else { "" };
            let n = format!("{sign}{yuan}.{fen:02}");
            if as_text {
                format!("\"{n}\"")
            } else {
                n
            }
        })
}

/// A file with hostile names and texts, repeated scenario names, forms with and without
/// numbers (up to u32::MAX) and exact amounts.
fn hostile_file() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(
            (
                (40usize..60, hostile_text(8)).prop_map(|(k, t)| format!("{}{t}", "名".repeat(k))),
                prop::bool::ANY,
            ),
            1..6,
        )
            .prop_map(|mut v| {
                // Two scenarios of the same long name, often.
                if v.len() > 1 && !v[0].1 {
                    v[1] = v[0].clone();
                }
                v
            }),
        hostile_text(10),
        hostile_text(10),
        hostile_text(10),
        prop::collection::vec(json_amount(), 0..4),
        prop::collection::vec(
            prop::sample::select(vec![0u64, 1, 2, 4_294_967_294, 4_294_967_295]),
            0..4,
        ),
    )
        .prop_map(|(names, source, reason, purpose, amounts, forms)| {
            let esc = |s: &str| serde_json::to_string(s).unwrap();
            let lines: Vec<String> = amounts
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    format!(
                        r#"{{"id":{},"kind":"basic","function":"2010301","economic":"30101","source":"g","current":{a}}}"#,
                        i + 1
                    )
                })
                .collect();
            let goals: Vec<String> = forms
                .iter()
                .enumerate()
                .map(|(i, id)| match id {
                    0 => format!(r#"{{"project":"项目{i}"}}"#),
                    id => format!(r#"{{"id":{id},"project":"项目{i}"}}"#),
                })
                .collect();
            // Repeated numbers are refused; keep the file about the rest.
            let mut seen = std::collections::HashSet::new();
            let goals: Vec<String> = goals
                .into_iter()
                .zip(&forms)
                .filter(|(_, id)| **id == 0 || seen.insert(**id))
                .map(|(g, _)| g)
                .collect();
            let budget = format!(
                r#"{{"unit":{{"name":"某局","year":2023}},"sources":[{{"id":"g","name":{},"kind":"general_public"}}],"lines":[{}],"reasons":{{"income_total":{}}},"items":{{"2010301":{{"purpose":{}}}}},"goals":[{}]}}"#,
                esc(&format!("来源{source}")),
                lines.join(","),
                esc(&reason),
                esc(&purpose),
                goals.join(",")
            );
            let scenarios: Vec<String> = names
                .iter()
                .map(|(n, same)| {
                    // Up to the 60 characters a name may have, so that a repeated long name
                    // needs shortening to take its “ (2)”.
                    let name: String = if *same { "方案".to_string() } else { format!("方案{n}") }
                        .chars()
                        .take(60)
                        .collect();
                    format!(r#"{{"name":{},"budget":{budget}}}"#, esc(&name))
                })
                .collect();
            format!(
                r#"{{"format":"yusuan-budget","version":5,"scenarios":[{}]}}"#,
                scenarios.join(",")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Issue 27: whatever reads converts (as `budget convert` does: read as the app opens
    /// it, written as it saves) and the converted file reads back to the same scenarios;
    /// converting again changes nothing.
    #[test]
    fn what_reads_converts_and_reads_back_the_same(text in hostile_file()) {
        let ws = file::read(&text).expect("every generated file reads");
        let converted = file::convert(&text).expect("a file that reads converts");
        let again = file::read(&converted).expect("a converted file reads");
        let pairs = |w: &yusuan::core::domain::workspace::Workspace| {
            w.scenarios().iter().map(|s| (s.name.clone(), s.budget.clone())).collect::<Vec<_>>()
        };
        prop_assert_eq!(pairs(&ws), pairs(&again));
        prop_assert_eq!(file::convert(&converted).unwrap(), converted);
    }

    /// An amount written as a number or a text is read exactly, to the 分.
    #[test]
    fn json_amounts_are_read_exactly(a in json_amount()) {
        let m: Money = serde_json::from_str(&a).unwrap();
        let text = a.trim_matches('"');
        prop_assert_eq!(m.yuan(), text.parse::<Decimal>().unwrap());
    }
}

/// Any JSON value: nested arrays and objects (empty ones too), strings with quotes,
/// backslashes, brackets, commas and colons in them, numbers.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        "[\\\\\"{}\\[\\],: a-z元\n\t]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[\"{}:,\\\\a-z]{0,6}", inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    /// The file's indentation is serde_json's pretty layout, byte for byte (the page writes
    /// compact JSON once and indents it: issue 26).
    #[test]
    fn indent_is_serde_pretty(v in json_value()) {
        let compact = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(file::indent(&compact), serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn indented_budgets_read_back_the_same(b in budget_strategy()) {
        let ws = yusuan::core::domain::workspace::Workspace::new("方案", b);
        let (pretty, compact) = (file::write(&ws, true), file::write(&ws, false));
        let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
        prop_assert_eq!(value(&pretty), value(&compact));
        let back = file::read(&pretty).unwrap();
        prop_assert_eq!(back.budget(), ws.budget());
    }
}

#[test]
fn the_reference_file_is_laid_out_as_before() {
    let text = file::to_json(&yusuan::core::formats::reference::budget());
    assert!(
        text.starts_with("{\n  \"format\": \"yusuan-budget\",\n  \"version\": "),
        "{}",
        &text[..60]
    );
    assert!(text.contains(
        "\n        \"lines\": [\n          {\n            \"id\": 1,\n            \"kind\": \"basic\",\n"
    ));
    assert!(text.contains("\"assets\": \"1、车辆情况：无\\n2、房屋情况：无"));
    assert!(text.ends_with("\n  ]\n}"));
}

proptest! {
    /// The shared index sort (`core::sort`, issue 26) orders exactly as the standard
    /// library's stable sort: by key, equal keys in their first order.
    #[test]
    fn shared_sort_is_the_stable_sort(v in prop::collection::vec((0u8..8, any::<u16>()), 0..300)) {
        let mut ours = v.clone();
        yusuan::core::sort::sort_by_key(&mut ours, |p| p.0);
        let mut std_sorted = v.clone();
        std_sorted.sort_by_key(|p| p.0);
        prop_assert_eq!(&ours, &std_sorted);
        let mut desc = v.clone();
        yusuan::core::sort::sort_by(&mut desc, |a, b| b.cmp(a));
        let mut std_desc = v;
        std_desc.sort_by(|a, b| b.cmp(a));
        prop_assert_eq!(desc, std_desc);
    }
}

proptest! {
    /// What the page gives a panel reads back to the same workspace by `read_own` (the
    /// panels' quick reader) as by `read` (issue 26).
    #[test]
    fn own_files_read_back_alike(b in budget_strategy()) {
        let mut ws = yusuan::core::domain::workspace::Workspace::new("方案", b);
        let admitted = file::read(&file::write(&ws, false)).unwrap();
        ws = admitted;
        let text = file::write(&ws, false);
        let own = file::read_own(&text).unwrap();
        prop_assert_eq!(own.budget(), ws.budget());
        prop_assert_eq!(own.scenarios().len(), 1);
        prop_assert_eq!(file::write(&own, false), text.clone());
        let current = file::read_own(&file::write_current(&own)).unwrap();
        prop_assert_eq!(current.budget(), ws.budget());
    }
}

#[test]
fn read_own_refuses_another_version() {
    let text = file::to_json(&yusuan::core::formats::reference::budget());
    let old = text.replacen(
        &format!("\"version\": {}", file::VERSION),
        "\"version\": 2",
        1,
    );
    assert_ne!(old, text);
    assert!(file::read_own(&old).is_err());
    assert!(file::read_own(&text).is_ok());
}
