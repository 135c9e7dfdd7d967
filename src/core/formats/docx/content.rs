//! The document's content in the template's order: 封面, 目录, 第一部分 概况, 第二部分 the
//! tables, 第三部分 情况说明 (with the 绩效目标表 after section 绩效管理情况, one per page),
//! 第四部分 名词解释. Every figure is the report's, shown as on screen (万元/元, 尾差调整).

use super::xml::{self, esc, run, text_width, Body, Cell, Page};
use crate::core::domain::codes::chinese_ordinal;
use crate::core::domain::goals::GoalForm;
use crate::core::domain::model::Budget;
use crate::core::figures::narrative::{paragraph_text, Section};
use crate::core::figures::report::Report;
use crate::core::figures::tables::{Cell as TableCell, Table};
use crate::core::present::glossary::GLOSSARY;
use crate::core::present::goal_form::{layout, FormCell, COLUMNS};

/// The body being written and the 目录's entries (level, title) met so far.
struct Doc {
    body: Body,
    toc: Vec<(u8, String)>,
}

impl Doc {
    fn heading(&mut self, level: u8, text: &str) {
        self.body.para(&format!("Heading{level}"), text);
        self.toc.push((level, text.to_string()));
    }
}

const PORTRAIT: Page = Page {
    landscape: false,
    numbered: true,
    restart: false,
};

/// The document's title: “<单位>2023年单位预算” (部门预算 for a department).
pub fn title(budget: &Budget) -> String {
    format!(
        "{}{}年{}预算",
        budget.unit.name,
        budget.unit.year,
        budget.kind.word()
    )
}

/// The whole body: the front matter (cover and 目录, unnumbered) and the parts, numbered
/// from 1.
pub fn body(budget: &Budget, report: &Report) -> String {
    let mut doc = Doc {
        body: Body::new(Page {
            restart: true,
            ..PORTRAIT
        }),
        toc: Vec::new(),
    };
    part_one(&mut doc, report);
    part_two(&mut doc, budget, report);
    part_three(&mut doc, budget, report);
    part_four(&mut doc);
    let mut front = Body::new(Page {
        numbered: false,
        ..PORTRAIT
    });
    cover(&mut front, budget);
    front.para_new_page("TOCHeading", "目  录");
    front.xml.push_str(&xml::toc(&doc.toc));
    front.section(doc.body.page);
    let mut out = front.xml;
    out.push_str(&doc.body.finish());
    out
}

fn cover(b: &mut Body, budget: &Budget) {
    b.para("CoverTitle", &budget.unit.name);
    b.para(
        "CoverSub",
        &format!("{}年{}预算", budget.unit.year, budget.kind.word()),
    );
}

fn part_one(doc: &mut Doc, report: &Report) {
    doc.heading(1, "第一部分 概况");
    sections(doc, &report.overview, &[]);
}

fn part_two(doc: &mut Doc, budget: &Budget, report: &Report) {
    let (year, word) = (budget.unit.year, budget.kind.word());
    let first_wide = report.tables.first().is_some_and(wide);
    doc.body.orient(first_wide);
    doc.heading(1, &format!("第二部分 {year}年{word}预算报表"));
    for (i, t) in report.tables.iter().enumerate() {
        let broke = {
            let before = doc.body.page;
            doc.body.orient(wide(t));
            before != doc.body.page
        };
        let label = t.label();
        if i == 0 || broke {
            doc.body.para("TableLabel", &label);
        } else {
            doc.body.para_new_page("TableLabel", &label);
        }
        doc.heading_styled("TableTitle", &t.title);
        disclosure_table(&mut doc.body, t, report);
    }
    doc.body.orient(false);
}

impl Doc {
    /// A paragraph of a style with an outline level: listed in the 目录 as level 2.
    fn heading_styled(&mut self, style: &str, text: &str) {
        self.body.para(style, text);
        self.toc.push((2, text.to_string()));
    }
}

/// Tables of more than seven columns are printed across a landscape page.
fn wide(t: &Table) -> bool {
    t.columns() > 7
}

fn disclosure_table(b: &mut Body, t: &Table, report: &Report) {
    let unit = t.shown_unit(report.options.unit);
    b.para("TableUnit", &format!("单位名称：{}", t.unit_name));
    b.para("TableUnitRight", &format!("单位：{}", unit.label()));
    let mut rows = header_rows(t);
    let head = rows.len();
    let shown = t.render(report.options.unit, report.options.adjusted());
    for (texts, row) in shown.into_iter().zip(&t.rows) {
        rows.push(
            texts
                .into_iter()
                .zip(&row.cells)
                .map(|(text, cell)| match cell {
                    TableCell::Money { .. } => Cell::new(text, "TableNumber"),
                    _ => Cell::new(text, "TableText"),
                })
                .collect(),
        );
    }
    let widths = column_widths(t, &rows, text_width(wide(t)));
    b.xml.push_str(&xml::table(&widths, &rows, head));
    if t.empty {
        b.para("Note", &format!("注：{}", t.empty_note));
    }
}

/// The header rows with their merged cells: a cell spanning columns spans the grid, one
/// spanning rows starts a vertical merge continued in the rows below.
fn header_rows(t: &Table) -> Vec<Vec<Cell>> {
    let grid = t.header_grid();
    let spans = t.header_spans();
    let cols = t.columns();
    let mut out = Vec::with_capacity(grid.len());
    for (r, texts) in grid.iter().enumerate() {
        let mut row = Vec::new();
        let mut c = 0;
        while c < cols {
            let span = spans
                .iter()
                .find(|(r0, c0, h, _)| *c0 == c && *r0 <= r && r < r0 + h);
            let mut cell = Cell::new(texts.get(c).cloned().unwrap_or_default(), "TableHead");
            let width = match span {
                Some(&(r0, _, h, w)) => {
                    cell.span = w;
                    if h > 1 {
                        cell.vmerge = Some(r0 == r);
                    }
                    w
                }
                None => 1,
            };
            row.push(cell);
            c += width.max(1);
        }
        out.push(row);
    }
    out
}

/// Column widths (twips) summing to the page's text width: each column as wide as its
/// longest text in 汉字 (headers wrap, so they count half; amounts are half-width digits, at
/// least six 汉字 wide), between 3 and 16.
fn column_widths(t: &Table, rows: &[Vec<Cell>], total: u32) -> Vec<u32> {
    let cols = t.columns().max(1);
    let mut chars = vec![3usize; cols];
    for row in rows {
        let mut c = 0;
        for cell in row {
            if cell.span == 1 && c < cols {
                let n = cell.text.chars().count();
                let n = match cell.style {
                    "TableHead" => n.div_ceil(2),
                    // Digits are half as wide as 汉字; an amount column keeps room for
                    // “1,234,567.89” on one line.
                    "TableNumber" => n.div_ceil(2).max(6),
                    _ => n,
                };
                chars[c] = chars[c].max(n.min(16));
            }
            c += cell.span.max(1);
        }
    }
    proportional(&chars, total)
}

fn proportional(weights: &[usize], total: u32) -> Vec<u32> {
    let sum: usize = weights.iter().sum::<usize>().max(1);
    let mut out: Vec<u32> = weights
        .iter()
        .map(|w| (total as usize * w / sum) as u32)
        .collect();
    let used: u32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total.saturating_sub(used);
    }
    out
}

fn part_three(doc: &mut Doc, budget: &Budget, report: &Report) {
    let (year, word) = (budget.unit.year, budget.kind.word());
    doc.heading(1, &format!("第三部分 {year}年度{word}预算情况说明"));
    sections(doc, &report.narrative, &budget.goals);
}

/// Sections with their titles as level-2 headings; the 绩效目标表 follow the section on
/// 绩效管理情况, as the published document attaches them.
fn sections(doc: &mut Doc, sections: &[Section], forms: &[GoalForm]) {
    for s in sections {
        doc.body.orient(false);
        doc.heading(2, &s.title);
        for p in &s.paragraphs {
            let text = paragraph_text(p);
            let style = if is_subheading(&text) {
                "Heading3"
            } else {
                "Normal"
            };
            doc.body.para(style, &text);
        }
        if s.key == "performance" {
            goal_forms(&mut doc.body, forms);
        }
    }
}

/// “（一）政府购买服务” and the like: a short numbered line without a full stop.
fn is_subheading(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('（') else {
        return false;
    };
    let Some((n, after)) = rest.split_once('）') else {
        return false;
    };
    let numeral = (1..=20).any(|i| chinese_ordinal(i) == n);
    numeral && !after.is_empty() && after.chars().count() <= 30 && !after.contains('。')
}

/// Each form on its own landscape page, in the published layout.
fn goal_forms(b: &mut Body, forms: &[GoalForm]) {
    for f in forms {
        let before = b.page;
        b.orient(true);
        if before == b.page {
            b.para_new_page("FormTitle", "项目支出绩效目标表");
        } else {
            b.para("FormTitle", "项目支出绩效目标表");
        }
        b.xml.push_str(&goal_table(f));
    }
    b.orient(false);
}

fn goal_table(form: &GoalForm) -> String {
    let l = layout(form);
    let rows: Vec<Vec<Cell>> = l
        .rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let mut row = Vec::new();
            let mut c = 0;
            while c < cells.len() {
                let span = l
                    .merges
                    .iter()
                    .find(|(mr, mc, _)| *mr == r && *mc == c)
                    .map_or(1, |(_, _, w)| (*w).max(1));
                let style = match &cells[c] {
                    FormCell::Label(_) => "TableHead",
                    FormCell::Amount(_) => "TableNumber",
                    _ => "TableText",
                };
                let mut cell = Cell::new(cells[c].text(), style);
                cell.span = span;
                row.push(cell);
                c += span;
            }
            row
        })
        .collect();
    let widths = proportional(&[4, 4, 4, 6, 4, 4, 6, 4][..COLUMNS], text_width(true));
    xml::table(&widths, &rows, 0)
}

fn part_four(doc: &mut Doc) {
    doc.body.orient(false);
    doc.heading(1, "第四部分 名词解释");
    for (i, t) in GLOSSARY.iter().enumerate() {
        doc.body.xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:rStyle w:val="Term"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>{}</w:p>"#,
            esc(&format!("{}、{}：", chinese_ordinal(i + 1), t.term)),
            run(t.text)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subheadings_are_short_numbered_lines() {
        assert!(is_subheading("（一）政府购买服务"));
        assert!(is_subheading("（十二）其他"));
        assert!(!is_subheading("（一）本单位2023年政府采购预算为10万元。"));
        assert!(!is_subheading("（注）"));
        assert!(!is_subheading("一、概况"));
    }

    #[test]
    fn widths_fill_the_text_width() {
        assert_eq!(proportional(&[1, 1, 1], 100), vec![33, 33, 34]);
        assert_eq!(proportional(&[], 100), Vec::<u32>::new());
    }
}
