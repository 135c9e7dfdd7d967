//! The rules between columns and between tables, read by the columns' headings and the
//! tables' kinds (`template::kind_of`): a 合计 column against its parts (`column_sum`:
//! 合计 = 基本支出 + 项目支出, = 人员经费 + 公用经费 (+ 项目支出)), and the template's identities
//! across tables (`across_tables`): the 收入 table's 合计 against the 支出 table's, the
//! 一般公共预算 table's 基本支出 against the 基本支出 economic table's 合计, each code of the
//! 收入 table (by 类/款/项) against the 支出 table, and no 一般公共预算 figure above the whole
//! 支出 of its code. A difference within what separately rounded figures allow is `rounding`.

use super::finding::{Finding, Severity};
use super::layout::{amount, DocLine};
use super::rules::{severity_of, shown, step, within_rounding};
use super::tables::{ReadRow, ReadTable};
use crate::core::figures::templates::TableId;
use rust_decimal::Decimal;

pub fn check(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = column_sums(tables);
    out.extend(across_tables(tables));
    out
}

/// The headings a 合计 column is the sum of, tried in order.
const SPLITS: [&[&str]; 3] = [
    &["基本支出", "项目支出"],
    &["人员经费", "公用经费", "项目支出"],
    &["人员经费", "公用经费"],
];

/// The 合计 column and the columns that make it up, by their headings.
fn split(t: &ReadTable) -> Option<(usize, Vec<usize>)> {
    let total = t.headers.iter().position(|h| h == "合计" || h == "小计")?;
    SPLITS.iter().find_map(|words| {
        words
            .iter()
            .map(|w| t.headers.iter().position(|h| h == w))
            .collect::<Option<Vec<usize>>>()
            .map(|parts| (total, parts))
    })
}

fn value(r: &ReadRow, c: usize) -> Decimal {
    r.amounts.get(c).copied().flatten().unwrap_or_default()
}

/// A finding about a cell that should be `expected`.
struct Slip<'a> {
    t: &'a ReadTable,
    row: &'a ReadRow,
    column: usize,
    printed: Decimal,
    expected: Decimal,
    parts: usize,
    rule: &'static str,
    explanation: String,
}

fn slip(s: Slip) -> Finding {
    let step = step(s.t);
    let rounded = within_rounding(s.printed, s.expected, step, s.parts);
    Finding {
        rule: if rounded { "rounding" } else { s.rule }.into(),
        column: Some(s.column),
        severity: severity_of(rounded),
        page: s.row.page,
        line: s.row.line,
        quote: s.row.quote.clone(),
        printed: shown(s.printed, step),
        expected: shown(s.expected, step),
        explanation: if rounded {
            format!(
                "{}：相差的尾数在各数分别四舍五入可能造成的范围内，多为此所致",
                s.explanation
            )
        } else {
            s.explanation
        },
    }
}

/// Every row's 合计 against the sum of its parts' columns.
fn column_sums(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        let Some((total, parts)) = split(t) else {
            continue;
        };
        let step = step(t);
        for r in t.rows.iter().filter(|r| r.amounts.len() == t.columns) {
            let sum: Decimal = parts.iter().map(|&c| value(r, c)).sum();
            let printed = value(r, total);
            if printed == sum {
                continue;
            }
            let terms: Vec<String> = parts
                .iter()
                .map(|&c| format!("{} {}", t.headers[c], shown(value(r, c), step)))
                .collect();
            out.push(slip(Slip {
                t,
                row: r,
                column: total,
                printed,
                expected: sum,
                parts: parts.len(),
                rule: "column_sum",
                explanation: format!(
                    "《{}》{}行的合计{}，应为{}（{}）",
                    t.title,
                    r.code.as_deref().unwrap_or("合计"),
                    shown(printed, step),
                    shown(sum, step),
                    terms.join(" + ")
                ),
            }));
        }
    }
    out
}

/// The first table of one of these kinds.
fn find<'a>(tables: &'a [ReadTable], kinds: &[TableId]) -> Option<&'a ReadTable> {
    tables
        .iter()
        .find(|t| t.kind.is_some_and(|k| kinds.contains(&k)) && t.columns > 0)
}

/// A table's 合计 row and the index of its column headed `heading` (the first column when
/// the heading is “合计” and no column is headed so).
fn total_of<'a>(t: &'a ReadTable, heading: &str) -> Option<(&'a ReadRow, usize)> {
    let row = t.rows.iter().find(|r| r.total)?;
    let column = t.headers.iter().position(|h| h == heading);
    let column = column.or_else(|| (heading == "合计").then_some(0))?;
    Some((row, column))
}

/// The 上年结转 column of a 收入 table whose 合计 is this year's income alone: in most rows
/// with a 上年结转, the 合计 adds up the other columns but it.
fn carry_apart(t: &ReadTable) -> Option<usize> {
    let carry = t.headers.iter().position(|h| h.contains("上年结转"))?;
    let total = t.headers.iter().position(|h| h == "合计")?;
    let rows = t.rows.iter().filter(|r| !value(r, carry).is_zero());
    let (mut apart, mut within) = (0, 0);
    for r in rows {
        let others: Decimal = (0..t.columns)
            .filter(|&k| k != total && k != carry)
            .map(|k| value(r, k))
            .sum();
        if others == value(r, total) {
            apart += 1;
        } else if others + value(r, carry) == value(r, total) {
            within += 1;
        }
    }
    (apart > within).then_some(carry)
}

/// A row's whole amount in column `c`: the 合计 of a 收入 table whose 合计 leaves out
/// 上年结转 with the 上年结转 added.
fn whole(t: &ReadTable, r: &ReadRow, c: usize) -> Decimal {
    let is_total = t.headers.get(c).is_some_and(|h| h == "合计");
    match carry_apart(t).filter(|_| is_total) {
        Some(carry) => value(r, c) + value(r, carry),
        None => value(r, c),
    }
}

/// Two tables' totals that the template makes equal: the second's checked against the first.
fn same_total((a, a_head): (&ReadTable, &str), (b, b_head): (&ReadTable, &str)) -> Option<Finding> {
    let (ra, ca) = total_of(a, a_head)?;
    let (rb, cb) = total_of(b, b_head)?;
    let (va, vb) = (whole(a, ra, ca), value(rb, cb));
    (va != vb && a.unit == b.unit).then(|| {
        slip(Slip {
            t: b,
            row: rb,
            column: cb,
            printed: vb,
            expected: va,
            parts: 1,
            rule: "across_tables",
            explanation: format!(
                "《{}》的{b_head}总数{}，《{}》的{a_head}总数为{}，两者应相等",
                b.title,
                shown(vb, step(b)),
                a.title,
                shown(va, step(a))
            ),
        })
    })
}

fn across_tables(tables: &[ReadTable]) -> Vec<Finding> {
    let income = find(tables, &[TableId::Income, TableId::IncomeByCategory]);
    let expense = find(tables, &[TableId::Expense]);
    let public = find(tables, &[TableId::GeneralPublic]);
    let basic = find(
        tables,
        &[TableId::BasicEconomic, TableId::BasicEconomicCoded],
    );
    let mut out = Vec::new();
    if let (Some(i), Some(e)) = (income, expense) {
        out.extend(same_total((i, "合计"), (e, "合计")));
        out.extend(code_by_code(i, e, "合计"));
    }
    if let (Some(p), Some(b)) = (public, basic) {
        out.extend(same_total((p, "基本支出"), (b, "合计")));
    }
    if let (Some(p), Some(e)) = (public, expense) {
        out.extend(within(p, e));
    }
    out
}

/// The whole amount (first column) of each code row of `t`, by code.
fn by_code(t: &ReadTable) -> std::collections::BTreeMap<&str, (&ReadRow, Decimal)> {
    t.rows
        .iter()
        .filter_map(|r| Some((r.code.as_deref()?, (r, whole(t, r, 0)))))
        .collect()
}

/// Each code printed in both tables with the same 合计 (a 收入 table by 类/款/项 and the
/// 支出 table list the same money by the same codes).
fn code_by_code(income: &ReadTable, expense: &ReadTable, _: &str) -> Vec<Finding> {
    let coded = income.rows.iter().any(|r| r.code.is_some());
    if !coded || income.unit != expense.unit {
        return Vec::new();
    }
    let spent = by_code(expense);
    let mut out = Vec::new();
    for (code, (_, v)) in by_code(income) {
        let Some((row, printed)) = spent.get(code) else {
            continue;
        };
        if *printed != v {
            out.push(slip(Slip {
                t: expense,
                row,
                column: 0,
                printed: *printed,
                expected: v,
                parts: 1,
                rule: "across_tables",
                explanation: format!(
                    "科目{code}在《{}》中合计{}，在《{}》中为{}，两者应相等",
                    expense.title,
                    shown(*printed, step(expense)),
                    income.title,
                    shown(v, step(income))
                ),
            }));
        }
    }
    out
}

/// No code's 一般公共预算 支出 above its whole 支出 in the 支出 table (a part of it).
fn within(public: &ReadTable, expense: &ReadTable) -> Vec<Finding> {
    if public.unit != expense.unit {
        return Vec::new();
    }
    let spent = by_code(expense);
    let mut out = Vec::new();
    for (code, (row, v)) in by_code(public) {
        let whole = spent.get(code).map(|x| x.1);
        if whole.is_some_and(|w| v <= w) {
            continue;
        }
        let step = step(public);
        out.push(Finding {
            rule: "across_tables".into(),
            column: Some(0),
            severity: Severity::Error,
            page: row.page,
            line: row.line,
            quote: row.quote.clone(),
            printed: shown(v, step),
            expected: whole
                .map(|w| format!("≤ {}", shown(w, step)))
                .unwrap_or_default(),
            explanation: match whole {
                Some(w) => format!(
                    "科目{code}的一般公共预算支出{}大于《{}》中该科目的全部支出{}",
                    shown(v, step),
                    expense.title,
                    shown(w, step)
                ),
                None => format!(
                    "科目{code}有一般公共预算支出{}，《{}》中却没有这个科目",
                    shown(v, step),
                    expense.title
                ),
            },
        });
    }
    out
}

/// The amount in the cell after the one that reads `label` (“收入总计 3,826.55”).
fn after_label(l: &DocLine, label: &str) -> Option<Decimal> {
    let cells = l.texts();
    let at = cells.iter().position(|c| c.replace(' ', "") == label)?;
    amount(cells.get(at + 1)?)
}

/// A 收支总表's “收入总计 X … 支出总计 Y”: X = Y (a budget balances), and, for the whole
/// budget's table, Y = the 支出 table's 合计 (`balance`).
pub fn grand_totals(lines: &[DocLine], tables: &[ReadTable]) -> Vec<Finding> {
    let summaries = [
        TableId::Summary,
        TableId::FinanceSummary,
        TableId::Fiscal,
        TableId::FiscalByBudget,
    ];
    let expense = find(tables, &[TableId::Expense]);
    let mut out = Vec::new();
    for t in tables
        .iter()
        .filter(|t| t.kind.is_some_and(|k| summaries.contains(&k)))
    {
        let line = lines
            .iter()
            .filter(|l| l.number > t.line && l.number <= t.last_line)
            .find_map(|l| Some((l, after_label(l, "收入总计")?, after_label(l, "支出总计")?)));
        let Some((l, income, spent)) = line else {
            continue;
        };
        let whole = matches!(t.kind, Some(TableId::Summary | TableId::FinanceSummary));
        let expense_total = expense
            .filter(|e| whole && e.unit == t.unit)
            .and_then(|e| total_of(e, "合计").map(|(r, c)| (e, value(r, c))));
        let mut slip = |printed: Decimal, expected: Decimal, explanation: String| {
            out.push(Finding {
                rule: "balance".into(),
                column: None,
                severity: Severity::Error,
                page: l.page,
                line: l.number,
                quote: l.text.clone(),
                printed: shown(printed, step(t)),
                expected: shown(expected, step(t)),
                explanation,
            })
        };
        if income != spent {
            slip(
                spent,
                income,
                format!(
                    "《{}》的收入总计{}，支出总计{}：预算收支应平衡",
                    t.title,
                    shown(income, step(t)),
                    shown(spent, step(t))
                ),
            );
        }
        if let Some((e, v)) = expense_total.filter(|(_, v)| *v != spent) {
            slip(
                spent,
                v,
                format!(
                    "《{}》的支出总计{}，《{}》的合计为{}，两者应相等",
                    t.title,
                    shown(spent, step(t)),
                    e.title,
                    shown(v, step(e))
                ),
            );
        }
    }
    out
}
