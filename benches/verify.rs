//! Benchmark: 核对公开文档 (issue 25, text) — each shared document's text read into tables and
//! checked (`verify_text`), median and p95, with the reference's text as the baseline in the
//! same process; then a hundred documents one after another (the putuo department's 35 pages,
//! a bureau's folder).
//!
//! The two PDFs are read by our reader (`core/verify/pdf.rs` on `lopdf`) and timed the same
//! way, with the share of their text's characters (non-blank) recovered against
//! `pdftotext -layout` (poppler).
//!
//! Run: `cargo bench --bench verify` (add `-- --quick` for fewer iterations).

mod common;

use common::{ms, pct, time};
use std::hint::black_box;
use yusuan::core::verify::{pdf, verify_bytes, verify_text};

const PDFS: [(&str, &[u8], &str); 2] = [
    (
        "shanghai unit 2025 PDF (21 pages, Excel)",
        include_bytes!("../tests/fixtures/verify/shanghai-municipal-unit-2025.pdf"),
        include_str!("../tests/fixtures/verify/shanghai-municipal-unit-2025.layout.txt"),
    ),
    (
        "putuo department 2023 PDF (35 pages, WPS)",
        include_bytes!("../tests/fixtures/verify/putuo-wanli-department-2023.pdf"),
        include_str!("../tests/fixtures/verify/putuo-wanli-department-2023.layout.txt"),
    ),
];

fn non_blank(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

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
    for (name, bytes, layout) in PDFS {
        let t = time(it, || {
            black_box(verify_bytes("doc.pdf", black_box(bytes)).ok());
        });
        let ours: usize = pdf::lines(bytes)
            .map(|ls| ls.iter().map(|l| non_blank(&l.text)).sum())
            .unwrap_or(0);
        println!(
            "{name}: median {} p95 {}; characters recovered {ours} of pdftotext's {} ({:.1}%)",
            ms(pct(&t, 0.5)),
            ms(pct(&t, 0.95)),
            non_blank(layout),
            100.0 * ours as f64 / non_blank(layout) as f64
        );
    }
    let (putuo, putuo_pdf) = (DOCS[2].1.as_bytes(), PDFS[1].1);
    for (what, bytes, runs) in [
        ("documents as text", putuo, if quick { 2 } else { 5 }),
        ("PDFs", putuo_pdf, if quick { 1 } else { 3 }),
    ] {
        let t = time(runs, || {
            for _ in 0..100 {
                black_box(verify_bytes("doc", black_box(bytes)).ok());
            }
        });
        println!(
            "a hundred 35-page {what}: median {} p95 {}",
            ms(pct(&t, 0.5)),
            ms(pct(&t, 0.95))
        );
    }
}
