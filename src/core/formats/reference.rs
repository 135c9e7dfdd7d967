//! The embedded default budget: the published 2023 unit budget of 晋城市行政审批服务管理局,
//! as cross-classified lines (functional code × economic code × fund source, projects by
//! name). How the published 万元 figures were turned into 元 amounts is explained in
//! `docs/REFERENCE-DATA.md`; the golden tests check every published figure against it.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::model::{Budget, Income, Kind, Line};
use crate::core::domain::money::Money;
use crate::core::formats::file;

/// The reference file as shipped (also a worked example of the file format).
pub const JSON: &str = include_str!("../../../data/reference-2023.json");

/// The reference budget.
///
/// ```
/// let b = yusuan::core::formats::reference::budget();
/// assert_eq!(b.unit.name, "晋城市行政审批服务管理局");
/// assert_eq!(b.lines.len(), 37);
/// ```
pub fn budget() -> Budget {
    // The embedded file is checked by the tests; a broken build would fail them, and an
    // empty budget is the safe fallback rather than a panic in the page.
    file::from_json(JSON).unwrap_or_else(|_| Budget::empty("（内置预算数据损坏）", 2023))
}

/// The reference budget read once and kept (for comparisons made often, such as whether the
/// page still shows the untouched example, and for the fuzz targets).
pub fn shared() -> &'static Budget {
    static B: std::sync::OnceLock<Budget> = std::sync::OnceLock::new();
    B.get_or_init(budget)
}

/// A generated budget of `n` lines like a large unit's (for benchmarks): one in ten is a 基本支出 line (function ×
/// economic code × source), the rest are project lines, three per project; income balances.
pub fn synthetic(n: usize) -> Budget {
    let mut b = budget();
    b.unit.name = format!("{}（{n}行生成数据）", b.unit.name);
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
                unit: None,
                executed: None,
                generated: false,
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
                unit: None,
            }
        })
        .collect();
    b
}
