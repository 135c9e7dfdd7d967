//! Benchmark of hostile sizes (issue 27): time and memory that grow with what a file holds.
//!
//! 1. Fund sources: a budget of N sources with one income entry each and no lines, read
//!    and checked as `budget check` does (`file::read` + `Report::build`), N = 100 and
//!    1,000 (the limit), and a department of 2 units × 1,000 sources. Median and p95, the
//!    ratio to the reference budget read and checked in the same process, and the ratio of
//!    N = 1,000 to N = 100 (10 for linear time; it was about 1,000 when the time was cubic).
//! 2. `report --json` memory: the CLI's peak resident memory (`/usr/bin/time -f %M`) on
//!    600 forms × (500 + 500) indicators, per MB of input, against plain `report` on the
//!    same file. Skipped where /usr/bin/time is missing.
//!
//! Run: `cargo bench --bench hostile` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use std::hint::black_box;
use std::time::Instant;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::{file, reference};

/// A file of `n` sources (one 一般公共预算, the rest 非财政), `units` units, one income
/// entry per source and unit, no lines.
fn sources_file(n: usize, units: usize) -> String {
    let sources: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"id":"g","name":"一般公共预算","kind":"general_public"}"#.into(),
            i => format!(r#"{{"id":"s{i}","name":"来源{i}","kind":"non_fiscal"}}"#),
        })
        .collect();
    let id = |i: usize| {
        if i == 0 {
            "g".to_string()
        } else {
            format!("s{i}")
        }
    };
    let mut income = Vec::new();
    for u in 1..=units {
        for i in 0..n {
            let unit = if units > 1 {
                format!(r#","unit":"u{u}""#)
            } else {
                String::new()
            };
            income.push(format!(
                r#"{{"source":"{}","current":"100.00"{unit}}}"#,
                id(i)
            ));
        }
    }
    let department = if units > 1 {
        let list: Vec<String> = (1..=units)
            .map(|u| format!(r#"{{"id":"u{u}","name":"单位{u}","type":"administrative"}}"#))
            .collect();
        format!(r#","kind":"department","units":[{}]"#, list.join(","))
    } else {
        String::new()
    };
    format!(
        r#"{{"format":"yusuan-budget","version":5,"scenarios":[{{"name":"x","budget":{{"unit":{{"name":"某局","year":2023}},"sources":[{}],"income":[{}]{department}}}}}]}}"#,
        sources.join(","),
        income.join(",")
    )
}

fn read_and_check(text: &str) {
    let ws = file::read(text).expect("the file reads");
    black_box(Report::build(ws.budget(), Options::default()));
}

fn sources(quick: bool) {
    println!("fund sources: file::read + Report::build (what `budget check` does)");
    println!(
        "{:>24}  {:>11}  {:>11}  {:>10}",
        "budget", "median", "p95", "× reference"
    );
    let reference_text = file::to_json(&reference::budget());
    let iterations = if quick { 5 } else { 20 };
    let base = pct(&time(iterations, || read_and_check(&reference_text)), 0.5);
    let mut medians = Vec::new();
    for (label, n, units) in [
        ("100 sources", 100, 1),
        ("1,000 sources (limit)", 1_000, 1),
        ("2 units × 1,000 sources", 1_000, 2),
    ] {
        let text = sources_file(n, units);
        let v = time(iterations, || read_and_check(&text));
        let med = pct(&v, 0.5);
        medians.push(med);
        println!(
            "{label:>24}  {:>11}  {:>11}  {:>9.1}x",
            ms(med),
            ms(pct(&v, 0.95)),
            med.as_secs_f64() / base.as_secs_f64()
        );
    }
    println!(
        "reference budget: {}; 1,000 ÷ 100 sources: {:.1}× (linear 10×, quadratic 100×, cubic 1,000×)",
        ms(base),
        medians[1].as_secs_f64() / medians[0].as_secs_f64()
    );
}

/// 600 forms of 500 + 500 indicators (about 10 MB).
fn forms_file() -> String {
    let indicators = |side: &str| -> String {
        let list: Vec<String> = (0..500)
            .map(|j| format!(r#"{{"kind":"quantity","name":"{side}指标{j}","value":"≥{j}个"}}"#))
            .collect();
        list.join(",")
    };
    let (period, annual) = (indicators("实施期"), indicators("年度"));
    let forms: Vec<String> = (0..600)
        .map(|i| {
            format!(
                r#"{{"project":"项目{i}","indicators_period":[{period}],"indicators_annual":[{annual}]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"format":"yusuan-budget","version":5,"scenarios":[{{"name":"x","budget":{{"unit":{{"name":"某局","year":2023}},"sources":[{{"id":"g","name":"一般公共预算","kind":"general_public"}}],"goals":[{}]}}}}]}}"#,
        forms.join(",")
    )
}

/// Peak resident memory of the CLI (KB) and its time, output discarded.
fn peak_kb(args: &[&str]) -> Option<(u64, f64)> {
    let t = Instant::now();
    let out = std::process::Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .ok()?;
    let secs = t.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out.stderr);
    Some((text.lines().last()?.trim().parse().ok()?, secs))
}

fn json_memory() {
    if !std::path::Path::new("/usr/bin/time").exists() {
        println!("report --json memory: skipped (no /usr/bin/time)");
        return;
    }
    let path = std::env::temp_dir().join(format!("yusuan-forms-{}.json", std::process::id()));
    let text = forms_file();
    std::fs::write(&path, &text).expect("write the forms file");
    let mb = text.len() as f64 / 1_048_576.0;
    let p = path.to_str().unwrap_or_default();
    println!("report memory, 600 forms × (500 + 500) indicators ({mb:.1} MB of input):");
    for (label, args) in [
        ("report --json", vec!["report", "--json", p]),
        ("report", vec!["report", p]),
        ("check", vec!["check", p]),
    ] {
        match peak_kb(&args) {
            Some((kb, secs)) => println!(
                "{label:>14}: peak RSS {:.0} MB ({:.1} MB per MB of input), {secs:.2} s",
                kb as f64 / 1024.0,
                kb as f64 / 1024.0 / mb
            ),
            None => println!("{label:>14}: could not be measured"),
        }
    }
    let _ = std::fs::remove_file(path);
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    sources(quick);
    println!();
    json_memory();
}
