//! The rules on a document's tables, one function each: a 类 row against the sum of its 款
//! rows and a 款 against its 项 rows, the 合计 row against its 类 rows (`tree_sum`), one name
//! per code across tables (`code_names`), codes that cannot exist or have a digit too few or
//! too many (`impossible_code`), an empty-table note on a table with figures or naming another
//! budget (`empty_note`), a table titled with another year (`other_year`). A sum off by no more
//! than separately rounded cells can be is reported as its own kind (`rounding`), apart from
//! real errors.

use super::finding::{Finding, Severity};
use super::tables::{ReadRow, ReadTable};
use crate::core::domain::codes::{EconCode, FunctionCode, FUNCTION_NAMES, LEI};
use crate::core::domain::money::group_thousands;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One rule: its findings on the document's tables.
type Rule = fn(&[ReadTable]) -> Vec<Finding>;

/// Every table rule, in the order findings are listed.
pub const CATALOGUE: [(&str, Rule); 8] = [
    ("tree_sum", tree_sums),
    ("unrecognised_table", unrecognised),
    ("code_table_name", code_table_names),
    ("code_names", code_names),
    ("impossible_code", impossible_codes),
    ("odd_code", odd_codes),
    ("empty_note", empty_notes),
    ("other_year", other_years),
];

pub fn check(tables: &[ReadTable]) -> Vec<Finding> {
    CATALOGUE
        .iter()
        .flat_map(|(_, rule)| rule(tables))
        .collect()
}

/// The smallest step of a table's amounts (0.01 in a 万元 table of two decimals, 1 in 元).
pub(super) fn step(t: &ReadTable) -> Decimal {
    let scale = t
        .rows
        .iter()
        .flat_map(|r| r.amounts.iter().flatten())
        .map(|d| d.scale())
        .max()
        .unwrap_or(0);
    Decimal::new(1, scale)
}

/// Whether a total printed `a` and the sum `b` of its `n` printed parts differ by no more
/// than rounding can make them: each printed figure is within half a unit (`step`) of its
/// true value, so by up to (n + 1) half-units.
pub(super) fn within_rounding(a: Decimal, b: Decimal, step: Decimal, n: usize) -> bool {
    (a - b).abs() / step * Decimal::TWO <= Decimal::from(n + 1)
}

/// The severity of a difference: a warning when rounding explains it, else an error.
pub(super) fn severity_of(rounding: bool) -> Severity {
    if rounding {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// An amount as the table prints it: its decimals (none in a 元 table of whole numbers).
pub(super) fn shown(v: Decimal, step: Decimal) -> String {
    let text = group_thousands(v);
    if step.scale() == 0 {
        text.trim_end_matches(".00").to_string()
    } else {
        text
    }
}

/// The terms of a sum, the first few and how many in all.
fn terms_text(terms: &[String]) -> String {
    if terms.len() <= 6 {
        return terms.join(" + ");
    }
    format!("{} + …（共{}项）", terms[..4].join(" + "), terms.len())
}

/// The rows a row sums up: those right below it whose code is its code and two more digits
/// (款 of a 类, 项 of a 款).
/// None when they run onto a page laid out with another number of columns (a space-aligned
/// page has columns of its own).
fn children(t: &ReadTable, at: usize) -> Vec<&ReadRow> {
    let parent = &t.rows[at];
    let Some(code) = parent.code.as_deref() else {
        return Vec::new();
    };
    let below: Vec<&ReadRow> = t.rows[at + 1..]
        .iter()
        .take_while(|r| {
            r.code
                .as_deref()
                .is_some_and(|c| c.starts_with(code) && c.len() > code.len())
        })
        .collect();
    if below
        .iter()
        .any(|r| r.amounts.len() != parent.amounts.len())
    {
        return Vec::new();
    }
    below
        .into_iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == code.len() + 2))
        .collect()
}

/// The rows of 类 (three-digit codes) a 合计 row sums up.
fn lei_rows(t: &ReadTable) -> Vec<&ReadRow> {
    t.rows
        .iter()
        .filter(|r| r.code.as_ref().is_some_and(|c| c.len() == 3))
        .collect()
}

/// Each column of `row` against the sum of `parts`.
fn compare(t: &ReadTable, row: &ReadRow, parts: &[&ReadRow], what: &str) -> Vec<Finding> {
    let step = step(t);
    let mut out = Vec::new();
    for c in 0..t.columns {
        let printed = row.amounts.get(c).copied().flatten().unwrap_or_default();
        let sum: Decimal = parts
            .iter()
            .filter_map(|p| p.amounts.get(c).copied().flatten())
            .sum();
        if printed == sum {
            continue;
        }
        let rounding = within_rounding(printed, sum, step, parts.len());
        let terms: Vec<String> = parts
            .iter()
            .filter_map(|p| {
                let v = p.amounts.get(c).copied().flatten()?;
                Some(format!(
                    "{} {}",
                    p.code.as_deref().unwrap_or(""),
                    shown(v, step)
                ))
            })
            .collect();
        let who = row.code.as_deref().unwrap_or("合计");
        out.push(Finding {
            rule: if rounding { "rounding" } else { "tree_sum" }.into(),
            column: Some(c),
            severity: severity_of(rounding),
            page: row.page,
            line: row.line,
            quote: row.quote.clone(),
            printed: shown(printed, step),
            expected: shown(sum, step),
            explanation: format!(
                "《{}》{who}行第{}列金额{}，{what}为{}（{}）{}",
                t.title,
                c + 1,
                shown(printed, step),
                shown(sum, step),
                terms_text(&terms),
                if rounding {
                    "：相差的尾数在各行分别四舍五入可能造成的范围内，多为此所致"
                } else {
                    ""
                }
            ),
        });
    }
    out
}

/// 类 = Σ 款, 款 = Σ 项 and 合计 = Σ 类 in every table.
fn tree_sums(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        for (i, r) in t.rows.iter().enumerate() {
            let kids = children(t, i);
            if !kids.is_empty() {
                out.extend(compare(t, r, &kids, "下级科目之和"));
            }
        }
        let lei = lei_rows(t);
        if let (Some(total), false) = (t.rows.iter().find(|r| r.total), lei.is_empty()) {
            if lei.iter().all(|r| r.amounts.len() == total.amounts.len()) {
                out.extend(compare(t, total, &lei, "各类之和"));
            }
        }
    }
    out
}

/// “其它” and “其他” are the same word to a reader, not to a checker: a code printed with two
/// names (in any of the tables) is reported with both places.
fn code_names(tables: &[ReadTable]) -> Vec<Finding> {
    let mut seen: BTreeMap<&str, (&str, &ReadTable, &ReadRow)> = BTreeMap::new();
    let mut out = Vec::new();
    for t in tables {
        for r in &t.rows {
            let (Some(code), false) = (r.code.as_deref(), r.name.is_empty()) else {
                continue;
            };
            match seen.get(code) {
                None => {
                    seen.insert(code, (&r.name, t, r));
                }
                Some((name, first, _)) if *name != r.name => out.push(Finding {
                    rule: "code_names".into(),
                    column: None,
                    severity: Severity::Warning,
                    page: r.page,
                    line: r.line,
                    quote: r.quote.clone(),
                    printed: r.name.clone(),
                    expected: name.to_string(),
                    explanation: format!(
                        "科目{code}在《{}》中名为“{name}”，在《{}》中名为“{}”",
                        first.title, t.title, r.name
                    ),
                }),
                Some(_) => {}
            }
        }
    }
    out
}

/// A functional code (2xx) whose 类 is not in the national list.
fn impossible_codes(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        for r in &t.rows {
            let Some(code) = r.code.as_deref().filter(|c| c.starts_with('2')) else {
                continue;
            };
            let national = FunctionCode::parse(code).is_ok_and(|c| c.lei_is_national());
            if !national {
                out.push(Finding {
                    rule: "impossible_code".into(),
                    column: None,
                    severity: Severity::Error,
                    page: r.page,
                    line: r.line,
                    quote: r.quote.clone(),
                    printed: code.to_string(),
                    expected: String::new(),
                    explanation: format!(
                        "《{}》中的科目编码{code}不在全国统一的支出功能分类科目中（类{}不存在）",
                        t.title,
                        &code[..3]
                    ),
                });
            }
        }
    }
    out
}

/// The budgets a table or its note may name.
const BUDGETS: [&str; 3] = ["政府性基金", "国有资本经营", "一般公共预算"];

/// A note saying the table is empty (“本表无数据”, “故本表为空表”) on a table that prints a
/// figure other than zero; or naming a budget its title does not.
fn empty_notes(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        let Some((note, line)) = &t.note else {
            continue;
        };
        if !(note.contains("无数据") || note.contains("为空")) {
            continue;
        }
        let page = t.rows.first().map(|r| r.page).unwrap_or(t.page);
        let figure = t
            .rows
            .iter()
            .find(|r| r.amounts.iter().flatten().any(|v| !v.is_zero()));
        if let Some(r) = figure {
            out.push(Finding {
                rule: "empty_note".into(),
                column: None,
                severity: Severity::Error,
                page: r.page,
                line: *line,
                quote: note.clone(),
                printed: r.quote.clone(),
                expected: String::new(),
                explanation: format!("《{}》注明本表为空，但印有金额（{}）", t.title, r.quote),
            });
        }
        let named: Vec<&str> = BUDGETS
            .iter()
            .copied()
            .filter(|b| note.contains(b))
            .collect();
        if let Some(b) = named.iter().find(|b| !t.title.contains(**b)) {
            out.push(Finding {
                rule: "empty_note".into(),
                column: None,
                severity: Severity::Warning,
                page,
                line: *line,
                quote: note.clone(),
                printed: b.to_string(),
                expected: BUDGETS
                    .iter()
                    .find(|x| t.title.contains(**x))
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                explanation: format!("《{}》的空表说明说的是{b}预算，不是本表的预算", t.title),
            });
        }
    }
    out
}

/// The document's year: the one most of its tables' titles start with.
pub fn doc_year(tables: &[ReadTable]) -> Option<&str> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for y in tables.iter().filter_map(|t| title_year(&t.title)) {
        *count.entry(y).or_default() += 1;
    }
    count.into_iter().max_by_key(|(_, n)| *n).map(|(y, _)| y)
}

/// The year a title starts with (“2023年…”).
fn title_year(title: &str) -> Option<&str> {
    let y = title.get(..4)?;
    (y.chars().all(|c| c.is_ascii_digit()) && title[4..].starts_with('年')).then_some(y)
}

/// A table titled with another year than most of the document's tables (text left over from
/// another year's document).
fn other_years(tables: &[ReadTable]) -> Vec<Finding> {
    let Some(year) = doc_year(tables) else {
        return Vec::new();
    };
    tables
        .iter()
        .filter(|t| title_year(&t.title).is_some_and(|y| y != year))
        .map(|t| Finding {
            rule: "other_year".into(),
            column: None,
            severity: Severity::Warning,
            page: t.page,
            line: t.line,
            quote: t.title.clone(),
            printed: title_year(&t.title).unwrap_or("").to_string(),
            expected: year.to_string(),
            explanation: format!(
                "其余表的标题都是{year}年，这张表是“{}”：可能是往年文档留下的",
                t.title
            ),
        })
        .collect()
}

/// A code printed with a digit too few or too many (“201030”): not a 类, 款 or 项.
fn odd_codes(tables: &[ReadTable]) -> Vec<Finding> {
    tables
        .iter()
        .flat_map(|t| {
            t.odd_codes.iter().map(|(page, line, code, quote)| Finding {
                rule: "impossible_code".into(),
                    column: None,
                severity: Severity::Error,
                page: *page,
                line: *line,
                quote: quote.clone(),
                printed: code.clone(),
                expected: String::new(),
                explanation: format!(
                    "《{}》中的编码{code}有{}位：科目编码应为3位（类）、5位（款）或7位（项），可能少印或多印了一位",
                    t.title,
                    code.len()
                ),
            })
        })
        .collect()
}

/// A table whose title is none of the known templates' (read as a generic code/name/amount
/// table: its own sums are checked, no identity of a template).
fn unrecognised(tables: &[ReadTable]) -> Vec<Finding> {
    tables
        .iter()
        .filter(|t| !t.recognised)
        .map(|t| Finding {
            rule: "unrecognised_table".into(),
            column: None,
            severity: Severity::Info,
            page: t.page,
            line: t.line,
            quote: t.title.clone(),
            printed: String::new(),
            expected: String::new(),
            explanation: format!(
                "《{}》不是已知格式中的表：按一般的科目、名称、金额表读取，只核对它自身的合计",
                t.title
            ),
        })
        .collect()
}

/// A name as compared: “其它” is “其他”, parentheses and spaces as typed.
fn plain(name: &str) -> String {
    name.replace("其它", "其他")
        .replace('(', "（")
        .replace(')', "）")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The national table's name of a code (功能分类 2xx, 部门经济分类 3xx), when the app has it.
fn table_name(code: &str) -> Option<&'static str> {
    if code.starts_with('2') {
        FunctionCode::parse(code).ok()?.builtin_name()
    } else {
        EconCode::parse(code).ok()?.name()
    }
}

/// A code printed with a name other than the national table's: the code of another name
/// (a digit slipped: the name belongs to another code) is an error, another wording a warning.
fn code_table_names(tables: &[ReadTable]) -> Vec<Finding> {
    let mut out = Vec::new();
    for t in tables {
        for r in &t.rows {
            let Some(code) = r.code.as_deref().filter(|_| !r.name.is_empty()) else {
                continue;
            };
            let Some(name) = table_name(code).filter(|n| plain(n) != plain(&r.name)) else {
                continue;
            };
            let owner = LEI
                .iter()
                .chain(FUNCTION_NAMES)
                .find(|(c, n)| c.len() == code.len() && plain(n) == plain(&r.name))
                .map(|(c, _)| *c);
            out.push(Finding {
                rule: "code_table_name".into(),
                column: None,
                severity: if owner.is_some() { Severity::Error } else { Severity::Warning },
                page: r.page,
                line: r.line,
                quote: r.quote.clone(),
                printed: format!("{code} {}", r.name),
                expected: format!("{code} {name}"),
                explanation: match owner {
                    Some(other) => format!(
                        "《{}》中的{code}名为“{}”，这是科目{other}的名称；{code}是“{name}”：编码或名称有一处印错",
                        t.title, r.name
                    ),
                    None => format!(
                        "《{}》中的{code}名为“{}”，全国统一的科目表中为“{name}”",
                        t.title, r.name
                    ),
                },
            });
        }
    }
    out
}
