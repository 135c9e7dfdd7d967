//! Benchmark: full report recompute (13 tables, summary, narrative, checks) for generated
//! budgets of 1,000, 10,000 and 100,000 lines. Prints median and p95 per size, and the
//! ratio to a baseline run in the same process (one plain pass summing every line's
//! amounts, the least any recompute must do).
//!
//! Run: `cargo bench --bench recompute` (add `-- --quick` for fewer iterations).

use std::hint::black_box;
use std::time::{Duration, Instant};
use yusuan::core::codes::{EconCode, FunctionCode};
use yusuan::core::model::{Budget, Income, Kind, Line};
use yusuan::core::money::Money;
use yusuan::core::reference;
use yusuan::core::report::{Options, Report};

/// A budget of `n` lines like a large unit's: one in ten is a 基本支出 line (function ×
/// economic code × source), the rest are project lines, three per project; income balances.
fn generate(n: usize) -> Budget {
    let mut b = reference::budget();
    let functions = [
        "2010306", "2010399", "2080505", "2100799", "2101101", "2101103", "2210201",
    ];
    let econs = [
        "30101", "30102", "30103", "30107", "30201", "30217", "30231", "30302", "30309",
    ];
    let sources = ["gpb", "gfb", "scb", "special", "unit"];
    // A small deterministic generator (no RNG dependency in the bench).
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    b.lines = (0..n)
        .map(|i| {
            let basic = next() % 10 == 0;
            Line {
                id: i as u32 + 1,
                kind: if basic { Kind::Basic } else { Kind::Project },
                function: FunctionCode::parse(functions[(next() % 7) as usize]).ok(),
                economic: if basic {
                    EconCode::parse(econs[(next() % 9) as usize]).ok()
                } else {
                    None
                },
                gov_economic: None,
                project: if basic {
                    String::new()
                } else {
                    format!("项目{}", i / 3)
                },
                source: sources[(next() % 5) as usize].to_string(),
                current: Money::from_fen((next() % 100_000_000) as i64),
                carry_over: if next() % 10 == 0 {
                    Money::from_fen((next() % 10_000_000) as i64)
                } else {
                    Money::ZERO
                },
                prior: None,
                note: String::new(),
            }
        })
        .collect();
    // A drafted budget balances: each source's income is what its lines spend.
    b.income = sources
        .iter()
        .map(|s| {
            let of = |f: fn(&Line) -> Money| b.lines.iter().filter(|l| l.source == *s).map(f).sum();
            Income {
                source: s.to_string(),
                current: of(|l| l.current),
                carry_over: of(|l| l.carry_over),
                prior: None,
            }
        })
        .collect();
    b
}

fn time<F: FnMut()>(iterations: usize, mut f: F) -> Vec<Duration> {
    f(); // warm up
    let mut v: Vec<Duration> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    v
}

fn pct(v: &[Duration], p: f64) -> Duration {
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

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
        let b = generate(n);
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
}
