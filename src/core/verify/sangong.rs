//! The “三公”经费 and 机关运行经费 figures: their sums in the table (`sangong_sum`: 合计 =
//! 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费, and that = 购置费 + 运行费, in each
//! column), and the narrative's amounts of them against the table (`narrative_amount`: “三公
//! 经费预算数为22.91万元”, “公务接待费1.35万元”, “机关运行经费预算为786.09万元”), with the
//! figure written in 元 where the table's is in 万元 as its own kind (`wan_as_yuan`).

use super::finding::{Finding, Severity};
use super::layout::DocLine;
use super::narrative::{about_change, amounts_at, clause, finding, paragraphs, table_lines};
use super::rules::{severity_of, shown, step, within_rounding};
use super::tables::{ReadRow, ReadTable};
use crate::core::figures::templates::TableId;
use rust_decimal::{Decimal, RoundingStrategy};

/// The items of the 三公 figures, in the order `Figures` holds them.
const ITEMS: [&str; 7] = [
    "“三公”经费合计",
    "因公出国（境）费",
    "公务接待费",
    "公务用车购置及运行费",
    "公务用车购置费",
    "公务用车运行费",
    "机关运行经费",
];

/// Which item a row's name or a sentence's words name.
fn item_of(text: &str) -> Option<usize> {
    if text.contains("机关运行") {
        Some(6)
    } else if text.contains("出国") {
        Some(1)
    } else if text.contains("接待") {
        Some(2)
    } else if text.contains("购置及运行") || text.contains("购置和运行") {
        Some(3)
    } else if text.contains("购置") && text.contains('车') {
        Some(4)
    } else if text.contains("运行") && text.contains('车') {
        Some(5)
    } else if text.contains("三公") {
        Some(0)
    } else {
        None
    }
}

/// The rows of the 三公 table by item (the 合计 row as item 0), and the 机关运行经费 row.
struct Figures<'a> {
    table: &'a ReadTable,
    rows: [Option<&'a ReadRow>; 7],
    office: Option<(&'a ReadTable, &'a ReadRow)>,
}

fn figures(tables: &[ReadTable]) -> Option<Figures<'_>> {
    let kind = |k: TableId| tables.iter().find(|t| t.kind == Some(k));
    let table = kind(TableId::SangongOffice).or_else(|| kind(TableId::Sangong))?;
    let mut rows = [None; 7];
    for r in &table.rows {
        let item = if r.total { Some(0) } else { item_of(&r.name) };
        if let Some(i) = item.filter(|&i| rows[i].is_none()) {
            rows[i] = Some(r);
        }
    }
    let office = match rows[6] {
        Some(r) => Some((table, r)),
        None => kind(TableId::OfficeRunning).and_then(|t| Some((t, t.rows.first()?))),
    };
    Some(Figures {
        table,
        rows,
        office,
    })
}

fn value(r: Option<&ReadRow>, c: usize) -> Decimal {
    r.and_then(|r| r.amounts.get(c).copied().flatten())
        .unwrap_or_default()
}

pub fn check(lines: &[DocLine], tables: &[ReadTable], year: Option<&str>) -> Vec<Finding> {
    let Some(f) = figures(tables) else {
        return Vec::new();
    };
    let mut out = sums(&f);
    let skip = table_lines(tables);
    for l in paragraphs(lines, &skip) {
        for sentence in l.text.split(['。', '；', ';']) {
            out.extend(narrative_amounts(&l, sentence, &f, year));
        }
    }
    out
}

/// 合计 = 出国 + 接待 + 公务用车, 公务用车 = 购置 + 运行, in every column.
fn sums(f: &Figures) -> Vec<Finding> {
    let t = f.table;
    let mut out = Vec::new();
    for c in 0..t.columns.max(1) {
        let v = |i: usize| value(f.rows[i], c);
        let checks = [(0, [1, 2, 3].as_slice()), (3, [4, 5].as_slice())];
        for (whole, parts) in checks {
            let Some(row) = f.rows[whole] else {
                continue;
            };
            let sum: Decimal = parts.iter().map(|&i| v(i)).sum();
            if v(whole) == sum {
                continue;
            }
            let step = step(t);
            let rounded = within_rounding(v(whole), sum, step, parts.len());
            let terms: Vec<String> = parts
                .iter()
                .map(|&i| format!("{} {}", ITEMS[i], shown(v(i), step)))
                .collect();
            out.push(Finding {
                rule: if rounded { "rounding" } else { "sangong_sum" }.into(),
                column: Some(c),
                severity: severity_of(rounded),
                page: row.page,
                line: row.line,
                quote: row.quote.clone(),
                printed: shown(v(whole), step),
                expected: shown(sum, step),
                explanation: format!(
                    "《{}》中{}为{}，应为{}（{}）",
                    t.title,
                    ITEMS[whole],
                    shown(v(whole), step),
                    shown(sum, step),
                    terms.join(" + ")
                ),
            });
        }
    }
    out
}

/// Each amount the sentence gives an item of the 三公 figures (or 机关运行经费) against the
/// table's, in the table's unit rounded as printed.
fn narrative_amounts(l: &DocLine, sentence: &str, f: &Figures, year: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut from = 0;
    for (start, end, printed, in_yuan) in amounts_at(sentence) {
        let segment = from;
        let before = &sentence[from..start];
        from = end;
        let Some(item) = item_of(clause(before)) else {
            continue;
        };
        if about_change(before, year) {
            continue;
        }
        let (t, row) = match item {
            6 => match f.office {
                Some(x) => x,
                None => continue,
            },
            i => match f.rows[i] {
                Some(r) => (f.table, r),
                None => continue,
            },
        };
        // From the amount before it: the words that name it and the figure.
        let quote = &sentence[segment..end];
        out.extend(compare(l, quote, (t, row), item, printed, in_yuan));
    }
    out
}

/// One amount against its row: the table's figure in 万元, rounded to the printed decimals.
fn compare(
    l: &DocLine,
    quote: &str,
    (t, row): (&ReadTable, &ReadRow),
    item: usize,
    printed: Decimal,
    in_yuan: bool,
) -> Option<Finding> {
    let value = row.amounts.first().copied().flatten().unwrap_or_default();
    let wan = if t.unit.as_deref() == Some("元") {
        value / Decimal::from(10_000)
    } else {
        value
    };
    let said = if in_yuan {
        printed / Decimal::from(10_000)
    } else {
        printed
    };
    let dp = printed.scale();
    let round =
        |v: Decimal, dp: u32| v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    if round(wan, said.scale()) == said {
        return None;
    }
    let unit = if in_yuan { "元" } else { "万元" };
    if in_yuan && round(wan, dp) == printed {
        let mut f = finding(l, "wan_as_yuan", Severity::Error, quote);
        f.printed = format!("{printed}元");
        f.expected = format!("{printed}万元");
        f.explanation = format!(
            "说明中{}写作{printed}元，《{}》中为{}万元：单位应为万元（差一万倍）",
            ITEMS[item],
            t.title,
            value.normalize()
        );
        return Some(f);
    }
    // One unit of the last digit apart: the table's cells adjusted so that its items add up
    // (尾差调整) or rounded from another sum — rounding, not a wrong figure.
    let one = Decimal::new(1, said.scale());
    let rounding = (round(wan, said.scale()) - said).abs() <= one;
    let rule = if rounding {
        "rounding"
    } else {
        "narrative_amount"
    };
    let severity = if rounding {
        Severity::Warning
    } else {
        Severity::Error
    };
    let mut f = finding(l, rule, severity, quote);
    f.printed = format!("{printed}{unit}");
    f.expected = format!("{}万元", round(wan, dp.max(2)));
    f.explanation = format!(
        "说明中{}为{printed}{unit}，《{}》中为{}{}{}",
        ITEMS[item],
        t.title,
        value.normalize(),
        t.unit.as_deref().unwrap_or(""),
        if rounding {
            "：只差末位一个单位，多为表中尾差调整或分别四舍五入所致"
        } else {
            ""
        }
    );
    Some(f)
}
