//! A document's text as pages, lines and cells. Two layouts are read: cells separated by tabs
//! (a table copied out of Word or a PDF viewer; empty cells kept, so a cell's index is its
//! column), and cells separated by two or more spaces (`pdftotext -layout`; a cell's
//! position is where its text ends, so right-aligned amounts line up in columns). A form
//! feed starts a new page.

use rust_decimal::Decimal;
use serde::Serialize;

/// A cell of a line: its text and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub text: String,
    /// Where the cell stands: its index in a tab-separated line; in a space-aligned line,
    /// the character position just after its last character (amounts are right-aligned).
    pub at: usize,
    /// Where the cell's text starts: its index again in a tab-separated line; its first
    /// character's position in a space-aligned one; its left edge, in points, on a PDF page.
    pub start: usize,
}

/// One line of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocLine {
    /// 1-based page.
    pub page: usize,
    /// 1-based line number in the text.
    pub number: usize,
    /// The line's text, trimmed, without Markdown heading marks or `<b>` tags.
    pub text: String,
    pub cells: Vec<Cell>,
    pub kind: LineKind,
}

impl DocLine {
    /// The texts of its cells that are not empty, left to right.
    pub fn texts(&self) -> Vec<&str> {
        self.cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// How a line's cells were found, and so what their positions mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Separated by tabs: a cell's position is its index.
    Tabbed,
    /// Separated by runs of spaces: the character after the cell's end.
    Spaced,
    /// Placed on a PDF page: where the cell's text ends, in points.
    Placed,
}

impl LineKind {
    /// How far apart two cells' positions may be and still be one column (none for tabs).
    pub fn slack(self) -> usize {
        match self {
            LineKind::Tabbed => 0,
            LineKind::Spaced => 2,
            LineKind::Placed => 8,
        }
    }
}

/// The lines of a text, with their pages and cells (blank lines left out).
pub fn lines(text: &str) -> Vec<DocLine> {
    let mut page = 1;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let pages = raw.matches('\u{c}').count();
        let raw = raw.replace('\u{c}', "");
        page += pages;
        let clean = clean(&raw);
        if clean.trim().is_empty() {
            continue;
        }
        let tabbed = clean.contains('\t');
        let cells = if tabbed {
            tab_cells(&clean)
        } else {
            space_cells(&clean)
        };
        out.push(DocLine {
            page,
            number: i + 1,
            text: clean.split_whitespace().collect::<Vec<_>>().join(" "),
            cells,
            kind: if tabbed {
                LineKind::Tabbed
            } else {
                LineKind::Spaced
            },
        });
    }
    out
}

/// Markdown heading marks and bold tags are not the document's text.
fn clean(raw: &str) -> String {
    let t = raw.trim_end();
    let t = t.trim_start_matches('#');
    let t = if t.len() < raw.trim_end().len() {
        t.trim_start()
    } else {
        t
    };
    // `budget report` marks a table's title “== 2023年预算收支总表 ==”.
    let t = match t
        .trim()
        .strip_prefix("== ")
        .and_then(|x| x.strip_suffix(" =="))
    {
        Some(title) => title,
        None => t,
    };
    t.replace("<b>", "").replace("</b>", "")
}

fn tab_cells(line: &str) -> Vec<Cell> {
    line.split('\t')
        .enumerate()
        .map(|(i, t)| Cell {
            text: t.trim().to_string(),
            at: i,
            start: i,
        })
        .collect()
}

/// Cells separated by runs of two or more spaces; each cell's position is the character
/// index after its end.
fn space_cells(line: &str) -> Vec<Cell> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for i in 0..chars.len() {
        match start {
            None if chars[i] != ' ' => start = Some(i),
            Some(s) if chars[i] == ' ' && chars.get(i + 1).is_none_or(|c| *c == ' ') => {
                out.push(Cell {
                    text: chars[s..i].iter().collect::<String>().trim().to_string(),
                    at: i,
                    start: s,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Cell {
            text: chars[s..].iter().collect::<String>().trim().to_string(),
            at: chars.len(),
            start: s,
        });
    }
    out
}

/// Whether `next` goes on with the text of `prev` (a line wrapped at the margin): it starts
/// about where `prev` does — a paragraph's first line may be indented, and a line of another
/// column of a form starts elsewhere.
pub fn continues(prev: &DocLine, next: &DocLine) -> bool {
    let (Some(a), Some(b)) = (prev.cells.first(), next.cells.first()) else {
        return false;
    };
    let reach = match next.kind {
        LineKind::Tabbed => return true,
        LineKind::Spaced => 6,
        LineKind::Placed => 36,
    };
    a.start.abs_diff(b.start) <= reach
}

/// An amount as tables print it: digits with thousands separators and decimals, a sign
/// (“-”, “−”); not a year (“2023年”), a code or a percentage.
pub fn amount(text: &str) -> Option<Decimal> {
    let t = text.trim().replace('−', "-");
    if t.is_empty() || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
    {
        return None;
    }
    if t.matches('.').count() > 1 || t[1..].contains('-') {
        return None;
    }
    t.replace(',', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_both_layouts() {
        let l = lines(
            "a\tb\t\t3,402.75\n201   06   01 行政运行      84,861,719     84,861,719\n\u{c}第二页",
        );
        assert_eq!(l.len(), 3);
        assert_eq!(l[0].kind, LineKind::Tabbed);
        assert_eq!(l[0].cells[3].text, "3,402.75");
        assert_eq!(l[0].cells[3].at, 3);
        let texts: Vec<&str> = l[1].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            ["201", "06", "01 行政运行", "84,861,719", "84,861,719"]
        );
        assert_eq!(l[2].page, 2);
        assert_eq!(amount("3,402.75").unwrap().to_string(), "3402.75");
        assert_eq!(amount("−5"), Some(Decimal::from(-5)));
        for t in ["2023年", "28.26%", "", "1.2.3", "5-3"] {
            assert_eq!(amount(t), None, "{t}");
        }
    }
}
