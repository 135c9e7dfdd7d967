//! Benchmark: 核对公开文档 (issue 25, text) — each shared document's text read into tables and
//! checked (`verify_text`), median and p95, with the reference's text as the baseline in the
//! same process; then a hundred documents one after another (the putuo department's 35 pages,
//! a bureau's folder).
//!
//! Run: `cargo bench --bench verify` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use std::hint::black_box;
use yusuan::core::verify::verify_text;

const DOCS: [(&str, &str); 3] = [
    (
        "reference (tab-separated, 13 tables)",
        include_str!("../tests/fixtures/verify/reference-2023.txt"),
    ),
    (
        "shanghai unit 2025 (pdftotext -layout, 21 pages)",
        include_str!("../tests/fixtures/verify/shanghai-municipal-unit-2025.layout.txt"),
    ),
    (
        "putuo department 2023 (pdftotext -layout, 35 pages)",
        include_str!("../tests/fixtures/verify/putuo-wanli-department-2023.layout.txt"),
    ),
];

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let it = if quick { 9 } else { 31 };
    println!(
        "核对公开文档 (text), native, {} build",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "optimised"
        }
    );
    let mut base = None;
    for (name, text) in DOCS {
        let t = time(it, || {
            black_box(verify_text("doc", black_box(text)).ok());
        });
        let median = pct(&t, 0.5);
        let b = *base.get_or_insert(median);
        println!(
            "{name}: median {} p95 {} ({:.2}× the reference)",
            ms(median),
            ms(pct(&t, 0.95)),
            median.as_secs_f64() / b.as_secs_f64()
        );
    }
    let putuo = DOCS[2].1;
    let t = time(if quick { 2 } else { 5 }, || {
        for _ in 0..100 {
            black_box(verify_text("doc", black_box(putuo)).ok());
        }
    });
    println!(
        "a hundred 35-page documents: median {} p95 {}",
        ms(pct(&t, 0.5)),
        ms(pct(&t, 0.95))
    );
}
