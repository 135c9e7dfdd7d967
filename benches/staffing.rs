//! Benchmark: 基本支出测算 at the size of a county education bureau — 50,000 persons, each a
//! staff row of their own (issue 23). Times, natively: the arithmetic alone (`compute` with
//! every formula, `amounts` without — the kept amounts forgotten each time), and a
//! model edit as the page makes it (one person's pay changed, to a new amount each time so
//! that nothing kept helps: `SetStaffModel` planned, applied and recorded, then the report
//! rebuilt — what repaints the totals), against the same edit with 500 persons in the same
//! process. Prints the model's size as a file and the process's peak memory.
//!
//! Run: `cargo bench --bench staffing` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use rust_decimal::Decimal;
use std::hint::black_box;
use yusuan::core::domain::codes::FunctionCode;
use yusuan::core::domain::command::Command;
use yusuan::core::domain::model::{Budget, UnitType};
use yusuan::core::domain::money::Money;
use yusuan::core::domain::staffing::{
    amounts, compute, forget_amounts, ContributionKind, Staff, StaffCategory, StaffModel,
};
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::reference;

/// `n` persons of a 事业单位 with 岗位工资, 薪级工资 and 绩效工资, every rate set.
fn model(n: usize) -> StaffModel {
    let running = FunctionCode::parse("2050201").unwrap_or_else(|_| unreachable!());
    let mut m = StaffModel::new(UnitType::Institution, "gpb", running);
    for c in &mut m.contributions {
        c.rate.get_or_insert(match c.kind {
            ContributionKind::Housing => Decimal::from(12),
            ContributionKind::Medical => Decimal::new(75, 1),
            _ => Decimal::new(5, 1),
        });
    }
    m.staff = (0..n)
        .map(|i| {
            let pay = |base: i64| Money::from_fen((base + (i as i64 * 7919) % 100_000) * 100);
            Staff {
                name: format!("{i:05}"),
                category: if i % 10 == 0 {
                    StaffCategory::Retired
                } else {
                    StaffCategory::Institution
                },
                count: 1,
                months: 12 - (i % 3) as u8,
                from: None,
                monthly: [
                    ("post", pay(2_000)),
                    ("grade", pay(1_000)),
                    ("merit", pay(3_000)),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
            }
        })
        .collect();
    m
}

fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        })
        .unwrap_or_else(|| "unknown".into())
}

/// The budget with the model applied, and the model.
fn edit_of(n: usize) -> (Budget, StaffModel) {
    let mut b = reference::budget();
    let m = model(n);
    b.apply_recorded(Command::SetStaffModel {
        unit: None,
        model: Some(Box::new(m.clone())),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (b, m)
}

/// The edit of one person's pay to `fen`.
fn edit(m: &StaffModel, n: usize, fen: i64) -> Command {
    let mut edited = m.clone();
    edited.staff[n / 2]
        .monthly
        .insert("post".into(), Money::from_fen(fen));
    Command::SetStaffModel {
        unit: None,
        model: Some(Box::new(edited)),
    }
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let it = if quick { 5 } else { 15 };
    println!(
        "基本支出测算, native, {} build",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        }
    );
    for n in [500usize, 50_000] {
        let m = model(n);
        let c = time(it, || {
            black_box(compute(black_box(&m)).ok());
        });
        let a = time(it, || {
            forget_amounts();
            black_box(amounts(black_box(&m)).ok());
        });
        let (b, m) = edit_of(n);
        let mut pay = 9_999_900;
        let e = time(it, || {
            let mut b = b.clone();
            black_box(b.apply_recorded(edit(&m, n, pay)).ok());
            black_box(Report::build(&b, Options::default()));
            pay += 100;
        });
        let copy = time(it, || {
            black_box(b.clone());
        });
        let json = serde_json::to_string(&m).map(|s| s.len()).unwrap_or(0);
        println!(
            "{n:>6} persons: with formulas median {} p95 {}; amounts only {} / {}; edit → report median {} p95 {} (of which copying the budget for the loop {}); model as JSON {:.1} MB",
            ms(pct(&c, 0.5)),
            ms(pct(&c, 0.95)),
            ms(pct(&a, 0.5)),
            ms(pct(&a, 0.95)),
            ms(pct(&e, 0.5)),
            ms(pct(&e, 0.95)),
            ms(pct(&copy, 0.5)),
            json as f64 / 1e6
        );
    }
    println!("peak memory of this process: {}", peak_memory());
}
