//! The WordprocessingML the document body is made of: styled paragraphs, a table-of-contents
//! field, tables with merged and repeated header cells, and section breaks (portrait or
//! landscape, page numbers or none). Child elements are written in the order the schema
//! requires (Word refuses a file whose `pPr`, `tcPr` or `sectPr` children are out of order).
//!
//! Every text goes through [`esc`]: user text can never become markup.

/// Text escaped for XML content and attributes; characters XML 1.0 cannot hold (control
/// characters other than tab and newline, which the core's cleaning already removes) are
/// dropped rather than written as a file Word would refuse.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// Twentieths of a point: A4 and the GB/T 9704 margins (37/35/28/26 mm).
pub const A4_SHORT: u32 = 11906;
pub const A4_LONG: u32 = 16838;
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1588;
const MARGIN_RIGHT: u32 = 1474;

/// The width text may take on a page, in twips.
pub fn text_width(landscape: bool) -> u32 {
    if landscape {
        A4_LONG - MARGIN_TOP - MARGIN_BOTTOM
    } else {
        A4_SHORT - MARGIN_LEFT - MARGIN_RIGHT
    }
}

/// How a section's pages are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub landscape: bool,
    /// Page numbers in the footer (the cover and 目录 have none).
    pub numbered: bool,
    /// Numbering starts again at 1 here (第一部分 is page 1).
    pub restart: bool,
}

/// A section's properties: the footer, A4 in its orientation, the margins (the long
/// side's margins turn with the page) and page numbering.
pub fn sect_pr(p: Page) -> String {
    let mut x = String::from("<w:sectPr>");
    if p.numbered {
        x.push_str(r#"<w:footerReference w:type="default" r:id="rIdFooter"/>"#);
    }
    let (w, h, orient) = if p.landscape {
        (A4_LONG, A4_SHORT, r#" w:orient="landscape""#)
    } else {
        (A4_SHORT, A4_LONG, "")
    };
    x.push_str(&format!(r#"<w:pgSz w:w="{w}" w:h="{h}"{orient}/>"#));
    let (top, right, bottom, left) = if p.landscape {
        (MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM)
    } else {
        (MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT)
    };
    x.push_str(&format!(
        r#"<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/>"#
    ));
    if p.restart {
        x.push_str(r#"<w:pgNumType w:start="1"/>"#);
    }
    x.push_str("</w:sectPr>");
    x
}

/// The document body as it is written, with the section the next content belongs to.
pub struct Body {
    pub xml: String,
    pub page: Page,
}

impl Body {
    pub fn new(page: Page) -> Body {
        Body {
            xml: String::new(),
            page,
        }
    }

    /// A paragraph of one style holding one text (empty: an empty paragraph).
    pub fn para(&mut self, style: &str, text: &str) {
        self.xml.push_str(&para(style, text));
    }

    /// A paragraph that starts a new page (the style keeps its own properties).
    pub fn para_new_page(&mut self, style: &str, text: &str) {
        self.xml.push_str(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/><w:pageBreakBefore/></w:pPr>{}</w:p>"#,
            esc(style),
            run(text)
        ));
    }

    /// Ends the current section here; what follows is laid out as `next`.
    pub fn section(&mut self, next: Page) {
        self.xml
            .push_str(&format!("<w:p><w:pPr>{}</w:pPr></w:p>", sect_pr(self.page)));
        self.page = next;
    }

    /// Makes sure what follows is laid out in this orientation (a section break if not).
    pub fn orient(&mut self, landscape: bool) {
        if self.page.landscape != landscape {
            let next = Page {
                landscape,
                restart: false,
                ..self.page
            };
            self.section(next);
        }
    }

    /// The body's XML with the last section's properties.
    pub fn finish(self) -> String {
        let mut x = self.xml;
        x.push_str(&sect_pr(self.page));
        x
    }
}

/// One styled paragraph.
pub fn para(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{}"/></w:pPr>{}</w:p>"#,
        esc(style),
        run(text)
    )
}

/// A run of text, line breaks kept as breaks; nothing for an empty text.
pub fn run(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut x = String::from("<w:r>");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            x.push_str("<w:br/>");
        }
        x.push_str(r#"<w:t xml:space="preserve">"#);
        x.push_str(&esc(line));
        x.push_str("</w:t>");
    }
    x.push_str("</w:r>");
    x
}

/// A 目录: the TOC field over heading levels 1–2 with its entries written as its current
/// result, so the list reads before any update; Word and WPS fill in page numbers when the
/// field is updated (the settings ask for that on opening).
pub fn toc(entries: &[(u8, String)]) -> String {
    let mut x = String::from(
        r#"<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r></w:p>"#,
    );
    for (level, title) in entries {
        x.push_str(&para(&format!("TOC{level}"), title));
    }
    x.push_str(
        r#"<w:p><w:pPr><w:pStyle w:val="TOC1"/></w:pPr><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
    );
    x
}

/// A table cell to write: its text, paragraph style and how far it spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub style: &'static str,
    /// Columns it spans (≥ 1).
    pub span: usize,
    /// Vertical merging: `Some(true)` starts a merged block, `Some(false)` continues the
    /// one above (its text is not written).
    pub vmerge: Option<bool>,
}

impl Cell {
    pub fn new(text: impl Into<String>, style: &'static str) -> Cell {
        Cell {
            text: text.into(),
            style,
            span: 1,
            vmerge: None,
        }
    }
}

/// A table: column widths (twips), rows of cells, and how many rows are the header
/// (repeated at the top of each page and never split).
pub fn table(widths: &[u32], rows: &[Vec<Cell>], header_rows: usize) -> String {
    // A table needs a row (Word refuses an empty `w:tbl`); nothing to print is nothing.
    if rows.is_empty() || widths.is_empty() {
        return String::new();
    }
    let mut x = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="BudgetTable"/><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>"#,
    );
    for w in widths {
        x.push_str(&format!(r#"<w:gridCol w:w="{w}"/>"#));
    }
    x.push_str("</w:tblGrid>");
    for (r, cells) in rows.iter().enumerate() {
        x.push_str("<w:tr>");
        if r < header_rows {
            x.push_str("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        } else {
            x.push_str("<w:trPr><w:cantSplit/></w:trPr>");
        }
        let mut col = 0;
        for cell in cells {
            let span = cell.span.max(1);
            let width: u32 = widths.iter().skip(col).take(span).sum();
            col += span;
            x.push_str(&table_cell(cell, width));
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

fn table_cell(cell: &Cell, width: u32) -> String {
    let mut x = format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if cell.span > 1 {
        x.push_str(&format!(r#"<w:gridSpan w:val="{}"/>"#, cell.span));
    }
    match cell.vmerge {
        Some(true) => x.push_str(r#"<w:vMerge w:val="restart"/>"#),
        Some(false) => x.push_str("<w:vMerge/>"),
        None => {}
    }
    x.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
    let text = if cell.vmerge == Some(false) {
        ""
    } else {
        &cell.text
    };
    x.push_str(&para(cell.style, text));
    x.push_str("</w:tc>");
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_never_markup() {
        assert_eq!(esc("<w:p>&\"'"), "&lt;w:p&gt;&amp;&quot;&apos;");
        assert_eq!(esc("a\u{1}b\u{FFFF}c\td"), "abc\td");
        assert!(run("x</w:t><w:t>").contains("x&lt;/w:t&gt;&lt;w:t&gt;"));
        assert_eq!(run(""), "");
        assert_eq!(
            run("a\nb"),
            r#"<w:r><w:t xml:space="preserve">a</w:t><w:br/><w:t xml:space="preserve">b</w:t></w:r>"#
        );
    }

    #[test]
    fn a_landscape_table_gets_its_own_section() {
        let portrait = Page {
            landscape: false,
            numbered: true,
            restart: false,
        };
        let mut b = Body::new(portrait);
        b.orient(false);
        assert!(b.xml.is_empty(), "same orientation: no break");
        b.orient(true);
        assert!(b.xml.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
        let end = b.finish();
        assert!(end.ends_with(
            r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1588" w:right="2098" w:bottom="1474" w:left="1984" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>"#
        ));
    }

    #[test]
    fn merged_cells_span_and_continue() {
        let mut a = Cell::new("科目", "TableHead");
        a.span = 2;
        let mut b = Cell::new("合计", "TableHead");
        b.vmerge = Some(true);
        let mut c = Cell::new("ignored", "TableHead");
        c.vmerge = Some(false);
        let x = table(
            &[100, 200, 300],
            &[
                vec![a, b],
                vec![Cell::new("1", "TableText"), Cell::new("2", "TableText"), c],
            ],
            1,
        );
        assert!(x.contains(r#"<w:tcW w:w="300" w:type="dxa"/><w:gridSpan w:val="2"/>"#));
        assert!(x.contains(r#"<w:vMerge w:val="restart"/>"#));
        assert!(x.contains("<w:vMerge/>"));
        assert!(!x.contains("ignored"));
        assert_eq!(x.matches("<w:tblHeader/>").count(), 1);
    }
}
