//! Benchmark: full report recompute (13 tables, summary, narrative, checks) for generated
//! budgets of 1,000, 10,000 and 100,000 lines. Prints median and p95 per size, and the
//! ratio to a baseline run in the same process (one plain pass summing every line's
//! amounts, the least any recompute must do).
//!
//! Run: `cargo bench --bench recompute` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use std::hint::black_box;
use std::time::Duration;
use yusuan::core::domain::money::Money;
use yusuan::core::figures::aggregate::Aggregate;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::reference;

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!(
        "full report recompute (Report::build), native, {} build",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        }
    );
    println!(
        "{:>8}  {:>11}  {:>11}  {:>13}  {:>9}",
        "lines", "median", "p95", "baseline med", "ratio"
    );
    for n in [1_000usize, 10_000, 100_000] {
        let b = reference::synthetic(n);
        let iterations = match (n, quick) {
            (100_000, true) => 5,
            (100_000, false) => 20,
            (_, true) => 20,
            _ => 100,
        };
        let report = time(iterations, || {
            black_box(Report::build(black_box(&b), Options::default()));
        });
        let baseline = time(iterations, || {
            let s: Money = black_box(&b)
                .lines
                .iter()
                .map(|l| l.current + l.carry_over)
                .sum();
            black_box(s);
        });
        let med = pct(&report, 0.5);
        let base = pct(&baseline, 0.5);
        println!(
            "{:>8}  {:>11}  {:>11}  {:>13}  {:>8.0}x",
            n,
            ms(med),
            ms(pct(&report, 0.95)),
            ms(base),
            med.as_secs_f64() / base.as_secs_f64().max(1e-9)
        );
    }
    edit_parts(quick);
    report_parts(quick);
}

/// The report from the sums, in its parts, at 10,000 and 100,000 lines (what each edit
/// costs besides the sums): key figures, the tables the page shows (12/13 left out), the
/// narrative, the checks.
fn report_parts(quick: bool) {
    use yusuan::core::domain::money::Unit;
    use yusuan::core::figures::{checks, narrative, shares::Rounding, summary, tables};
    println!("the report from the sums, in its parts (medians):");
    for n in [10_000usize, 100_000] {
        let b = reference::synthetic(n);
        let agg = Aggregate::build(&b);
        let it = if quick {
            5
        } else if n > 10_000 {
            10
        } else {
            50
        };
        let s = summary::summarize(&b, &agg, Rounding::Independent, Unit::Wan);
        let t = tables::build(&b, &agg, |id| !id.per_project());
        let parts = [
            (
                "key figures (summarize)",
                time(it, || {
                    black_box(summary::summarize(
                        &b,
                        &agg,
                        Rounding::Independent,
                        Unit::Wan,
                    ));
                }),
            ),
            (
                "tables 1–11",
                time(it, || {
                    black_box(tables::build(&b, &agg, |id| !id.per_project()));
                }),
            ),
            (
                "narrative",
                time(it, || {
                    black_box(narrative::generate(&b, &s, Unit::Wan));
                }),
            ),
            (
                "checks",
                time(it, || {
                    black_box(checks::run(&b, &agg, &s, &t));
                }),
            ),
        ];
        for (what, v) in parts {
            println!("  {n:>7} lines  {what:<26} {:>10}", us(pct(&v, 0.5)));
        }
    }
}

fn us(d: Duration) -> String {
    format!("{:.2} µs", d.as_secs_f64() * 1e6)
}

/// One edit of 当年预算安排 on a 10,000-line budget, in its parts: the sums built anew
/// against updated in place (`Aggregate::update_line`), and the tables, narrative and
/// checks made from the sums (`Report::from_aggregate`), in the same process.
fn edit_parts(quick: bool) {
    let n = 10_000;
    let mut b = reference::synthetic(n);
    let iterations = if quick { 50 } else { 500 };
    let id = b.lines[n / 2].id;
    let old = b.lines[n / 2].clone();
    let mut new = old.clone();
    new.current = old.current + Money::from_fen(12_345);
    b.lines[n / 2] = new.clone();
    let agg = Aggregate::build(&b);
    let build = time(iterations, || {
        black_box(Aggregate::build(black_box(&b)));
    });
    let mut inc = agg.clone();
    let mut flip = false;
    let update = time(iterations * 20, || {
        // Back and forth between the two amounts, so the sums stay bounded.
        let (from, to) = if flip { (&new, &old) } else { (&old, &new) };
        flip = !flip;
        black_box(inc.update_line(&b, from, to));
    });
    // The same for the last 项目支出 line (its project is the last of thousands).
    let last = b
        .lines
        .iter()
        .rposition(|l| !l.project.is_empty())
        .unwrap_or(n - 1);
    let (old_p, mut new_p) = (b.lines[last].clone(), b.lines[last].clone());
    new_p.current = old_p.current + Money::from_fen(12_345);
    let mut flip = false;
    let update_project = time(iterations * 20, || {
        let (from, to) = if flip {
            (&new_p, &old_p)
        } else {
            (&old_p, &new_p)
        };
        flip = !flip;
        black_box(inc.update_line(&b, from, to));
    });
    let rest = time(iterations / 5, || {
        black_box(Report::from_aggregate(&b, &agg, Options::default()));
    });
    // What the page builds on every tab but 公开表: tables 12/13 left out.
    let shown = Options::new(yusuan::core::domain::money::Unit::Wan, false, false);
    let rest_page = time(iterations / 5, || {
        black_box(Report::from_aggregate(&b, &agg, shown));
    });
    println!("one edit at {n} lines (line {id}), medians and p95:");
    let row = |what: &str, v: &[Duration]| {
        println!(
            "  {what:<44} {:>10}  {:>10}",
            us(pct(v, 0.5)),
            us(pct(v, 0.95))
        )
    };
    row("sums built anew (Aggregate::build)", &build);
    row("sums updated in place (Aggregate::update_line)", &update);
    row("the same for the last project's line", &update_project);
    row("tables, narrative, checks from sums", &rest);
    row("the same without tables 12/13 (the page)", &rest_page);
    println!(
        "  in-place update vs rebuild of the sums: {:.0}x faster",
        pct(&build, 0.5).as_secs_f64() / pct(&update, 0.5).as_secs_f64().max(1e-12)
    );
}
