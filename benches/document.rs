//! Benchmark: the Word document (issue 24) of the reference and of a generated budget of
//! 10,000 lines with 300 绩效目标表, natively (the CLI's `budget document`; the codec
//! worker runs the same code as wasm). Prints median and p95, the ratio to the report the
//! document prints (`Report::build` of the same budget, in the same process) and the
//! file's size.
//!
//! Run: `cargo bench --bench document` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use std::hint::black_box;
use yusuan::core::domain::model::Budget;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::{docx, reference};

/// 10,000 lines and 300 forms: the reference's 20 forms copied for the generated
/// budget's projects.
fn large() -> Budget {
    let mut b = reference::synthetic(10_000);
    let forms = reference::budget().goals;
    let mut projects: Vec<String> = b.lines.iter().map(|l| l.project.clone()).collect();
    projects.retain(|p| !p.is_empty());
    projects.sort();
    projects.dedup();
    b.goals = (0..300)
        .map(|i| {
            let mut f = forms[i % forms.len()].clone();
            f.id = i as u32 + 1;
            f.project = projects
                .get(i % projects.len().max(1))
                .cloned()
                .unwrap_or_else(|| format!("项目{i}"));
            f
        })
        .collect();
    b
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    println!(
        "Word document (docx::document), native, {} build",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        }
    );
    println!(
        "{:<28}  {:>11}  {:>11}  {:>13}  {:>6}  {:>10}",
        "budget", "median", "p95", "report med", "ratio", "bytes"
    );
    for (name, b) in [
        ("reference (37 lines, 20 forms)", reference::budget()),
        ("10,000 lines, 300 forms", large()),
    ] {
        let it = if quick { 5 } else { 20 };
        let all = Options::new(Default::default(), false, true);
        let size = docx::document(&b, all).map(|d| d.len()).unwrap_or(0);
        let doc = time(it, || {
            black_box(docx::document(black_box(&b), all).ok());
        });
        let report = time(it, || {
            black_box(Report::build(black_box(&b), all));
        });
        let (med, base) = (pct(&doc, 0.5), pct(&report, 0.5));
        println!(
            "{:<28}  {:>11}  {:>11}  {:>13}  {:>5.1}x  {:>10}",
            name,
            ms(med),
            ms(pct(&doc, 0.95)),
            ms(base),
            med.as_secs_f64() / base.as_secs_f64().max(1e-9),
            size
        );
    }
}
