//! XLSX (Office Open XML spreadsheet) writing and reading.
//!
//! The container is a ZIP archive (the `zip` crate, deflate through `flate2`'s pure-Rust
//! backend) and the sheets are XML (`quick-xml` reads them; writing escapes text with it).
//! What is ours is the small SpreadsheetML mapping: a workbook of sheets with text and
//! number cells, bold rows, merged cells and column widths on the way out; the cell text of
//! every sheet on the way in (shared strings, inline strings, numbers, cached formula
//! results). Full spreadsheet crates were measured and left out: `calamine` adds ≈ 250 KB
//! gzip to a wasm build and `rust_xlsxwriter` ≈ 250 KB, against ≈ 77 KB for `zip` +
//! `quick-xml` (docs/BENCHMARKS.md, “Bundle”).
//!
//! Nothing here panics on any input: a damaged or hostile file gives an [`XlsxError`].

use crate::core::domain::goals::GoalForm;
use crate::core::domain::money::Money;
use crate::core::figures::report::Report;
use crate::core::figures::tables::Cell as TableCell;
use crate::core::present::goal_form::{layout, FormCell, COLUMNS};
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

/// A cell to write.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Empty,
    Text(String),
    /// An exact number, written as its decimal text (a spreadsheet reads it as a number).
    Number(Decimal),
}

/// One sheet to write.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// At most 31 characters, without `[]:*?/\` (Excel's rule); [`Workbook::push`] fixes it.
    pub name: String,
    pub rows: Vec<Vec<Value>>,
    /// Rows shown in bold (titles and headers), by index.
    pub bold_rows: Vec<usize>,
    /// Merged ranges: (row, column, rows, columns), 0-based.
    pub merges: Vec<(usize, usize, usize, usize)>,
    /// Column widths in characters.
    pub widths: Vec<f64>,
    /// How the sheet prints and where its table is (for borders); absent: a plain sheet.
    #[serde(default)]
    pub layout: Option<SheetLayout>,
}

/// A disclosure table on a sheet, ready to hand on and to print (issue 22): its title row
/// centred and larger, the table (header and body) bordered with the header centred and
/// repeated on every printed page, A4 fitted to the page width, landscape when wide, page
/// numbers in the footer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetLayout {
    /// The title's row.
    pub title_row: usize,
    /// The table's first (header) row and the row after its last.
    pub table: (usize, usize),
    /// Its header rows (repeated on each printed page): first and the row after the last.
    pub header: (usize, usize),
    pub landscape: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// Adds a sheet, making its name valid and unique.
    pub fn push(&mut self, mut sheet: Sheet) {
        let clean: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        let mut name = if clean.trim().is_empty() {
            format!("Sheet{}", self.sheets.len() + 1)
        } else {
            clean
        };
        let mut n = 2;
        while self.sheets.iter().any(|s| s.name == name) {
            let suffix = format!("({n})");
            name = name
                .chars()
                .take(31 - suffix.chars().count())
                .collect::<String>()
                + &suffix;
            n += 1;
        }
        sheet.name = name;
        self.sheets.push(sheet);
    }
}

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum XlsxError {
    TooLarge(usize),
    /// Not a ZIP archive, or not a spreadsheet inside.
    NotXlsx(String),
    /// A part of the workbook is damaged.
    Damaged(String),
}

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            XlsxError::TooLarge(n) => write!(f, "{}", crate::core::formats::import::too_large(*n)),
            XlsxError::NotXlsx(d) => {
                write!(f, "这不是 XLSX 工作簿（{d}）；旧版 .xls 请先另存为 .xlsx")
            }
            XlsxError::Damaged(d) => write!(f, "工作簿已损坏：{d}"),
        }
    }
}

/// Column letters: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// 0-based (row, column) from a reference like `C12`.
fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col = 0usize;
    for b in r[..letters].bytes() {
        col = col * 26 + (b.to_ascii_uppercase() - b'A') as usize + 1;
    }
    let row: usize = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

const CONTENT_TYPES_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// Styles: 0 normal, 1 bold, 2 number with two decimals and thousands separators,
/// 3 bold number.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="3"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font><font><b/><sz val="16"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="4" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/><xf numFmtId="4" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

fn sheet_xml(sheet: &Sheet) -> String {
    let mut x = String::with_capacity(64 + sheet.rows.len() * 200);
    x.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    x.push_str(r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#);
    if sheet.layout.is_some() {
        // Printed fitted to the page width (the height runs over as many pages as needed).
        x.push_str(r#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#);
    }
    if !sheet.widths.is_empty() {
        x.push_str("<cols>");
        for (i, w) in sheet.widths.iter().enumerate() {
            x.push_str(&format!(
                r#"<col min="{n}" max="{n}" width="{w:.1}" customWidth="1"/>"#,
                n = i + 1
            ));
        }
        x.push_str("</cols>");
    }
    x.push_str("<sheetData>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let bold = sheet.bold_rows.contains(&r);
        let place = place_of(sheet.layout.as_ref(), r);
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        // A bordered row has a cell (maybe empty) in every column of the table.
        let width = match place {
            Place::Body | Place::Header => sheet.widths.len().max(row.len()),
            _ => row.len(),
        };
        for c in 0..width {
            let at = format!("{}{}", column_name(c), r + 1);
            let v = row.get(c).unwrap_or(&Value::Empty);
            let style = cell_style(place, bold, matches!(v, Value::Number(_)));
            let s_attr = if style == 0 {
                String::new()
            } else {
                format!(r#" s="{style}""#)
            };
            match v {
                Value::Empty if s_attr.is_empty() => {}
                Value::Empty => x.push_str(&format!(r#"<c r="{at}"{s_attr}/>"#)),
                Value::Text(t) => {
                    x.push_str(&format!(
                        r#"<c r="{at}" t="inlineStr"{s_attr}><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(strip_control(t).as_str())
                    ));
                }
                Value::Number(d) => {
                    x.push_str(&format!(r#"<c r="{at}"{s_attr}><v>{d}</v></c>"#));
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !sheet.merges.is_empty() {
        x.push_str(&format!(r#"<mergeCells count="{}">"#, sheet.merges.len()));
        for (r, c, rows, cols) in &sheet.merges {
            x.push_str(&format!(
                r#"<mergeCell ref="{}{}:{}{}"/>"#,
                column_name(*c),
                r + 1,
                column_name(c + cols.max(&1) - 1),
                r + rows.max(&1)
            ));
        }
        x.push_str("</mergeCells>");
    }
    if let Some(l) = &sheet.layout {
        x.push_str(r#"<pageMargins left="0.5" right="0.5" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>"#);
        let orientation = if l.landscape { "landscape" } else { "portrait" };
        // paperSize 9: A4.
        x.push_str(&format!(
            r#"<pageSetup paperSize="9" orientation="{orientation}" fitToWidth="1" fitToHeight="0"/>"#
        ));
        x.push_str(r#"<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"#);
    }
    x.push_str("</worksheet>");
    x
}

/// Where a row stands on a laid-out sheet.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Plain,
    Title,
    Header,
    Body,
}

fn place_of(layout: Option<&SheetLayout>, r: usize) -> Place {
    match layout {
        Some(l) if r == l.title_row => Place::Title,
        Some(l) if (l.header.0..l.header.1).contains(&r) => Place::Header,
        Some(l) if (l.table.0..l.table.1).contains(&r) => Place::Body,
        _ => Place::Plain,
    }
}

/// The `cellXfs` index (styles.xml) of a cell: 1 bold, 2 number, 3 bold number, 4–7 the
/// same bordered (the header centred), 8 the title.
fn cell_style(place: Place, bold: bool, number: bool) -> usize {
    match (place, bold, number) {
        (Place::Title, _, _) => 8,
        (Place::Header, _, _) => 5,
        (Place::Body, false, false) => 4,
        (Place::Body, true, false) => 5,
        (Place::Body, false, true) => 6,
        (Place::Body, true, true) => 7,
        (Place::Plain, true, false) => 1,
        (Place::Plain, false, true) => 2,
        (Place::Plain, true, true) => 3,
        (Place::Plain, false, false) => 0,
    }
}

/// XML 1.0 forbids most control characters; a pasted text may carry them.
fn strip_control(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// Writes the workbook as XLSX bytes.
pub fn write(wb: &Workbook) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut put = |name: &str, body: &str| -> Result<(), String> {
        zip.start_file(name, opts).map_err(|e| e.to_string())?;
        zip.write_all(body.as_bytes()).map_err(|e| e.to_string())
    };
    let mut types = CONTENT_TYPES_HEAD.to_string();
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, s) in wb.sheets.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape(s.name.as_str())
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
    }
    let styles_id = wb.sheets.len() + 1;
    rels.push_str(&format!(r#"<Relationship Id="rId{styles_id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#));
    types.push_str("</Types>");
    book.push_str("</sheets>");
    book.push_str(&print_titles(wb));
    book.push_str("</workbook>");
    put("[Content_Types].xml", &types)?;
    put("_rels/.rels", ROOT_RELS)?;
    put("xl/workbook.xml", &book)?;
    put("xl/_rels/workbook.xml.rels", &rels)?;
    put("xl/styles.xml", STYLES)?;
    for (i, s) in wb.sheets.iter().enumerate() {
        put(&format!("xl/worksheets/sheet{}.xml", i + 1), &sheet_xml(s))?;
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
}

/// The header rows each laid-out sheet repeats on every printed page (`_xlnm.Print_Titles`).
fn print_titles(wb: &Workbook) -> String {
    let names: String = wb
        .sheets
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let l = s.layout.as_ref()?;
            let sheet = s.name.replace('\'', "''");
            Some(format!(
                r#"<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{}</definedName>"#,
                escape(format!("'{sheet}'!${}:${}", l.header.0 + 1, l.header.1).as_str())
            ))
        })
        .collect();
    if names.is_empty() {
        names
    } else {
        format!("<definedNames>{names}</definedNames>")
    }
}

/// A sheet as read: its name and the text of every cell (numbers as their decimal text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadSheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// No part may inflate beyond this (a “zip bomb” gets an error, not all the memory).
const MAX_PART: u64 = 200 * 1024 * 1024;
/// At most this many cells in a sheet (≈ 200,000 lines × 13 columns and some).
const MAX_CELLS: usize = 4_000_000;
/// At most this many entries in the archive (a workbook has a dozen; a bomb of many small
/// entries is refused before any is read).
const MAX_ENTRIES: usize = 10_000;
/// At most this many shared strings (each costs memory even when empty: `<si/>`).
const MAX_STRINGS: usize = 1_000_000;
/// At most this much cell text in a sheet, in bytes: one long shared string used in a
/// million cells would otherwise be copied a million times.
const MAX_SHEET_TEXT: usize = 64 * 1024 * 1024;

fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, XlsxError> {
    let f = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => return Err(XlsxError::Damaged(format!("{name}：压缩数据已损坏"))),
    };
    let mut text = String::new();
    f.take(MAX_PART + 1)
        .read_to_string(&mut text)
        .map_err(|_| XlsxError::Damaged(format!("{name}：压缩数据已损坏或不是 UTF-8 文本")))?;
    if text.len() as u64 > MAX_PART {
        return Err(XlsxError::Damaged(format!("{name} 解压后过大")));
    }
    Ok(Some(text))
}

fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key || a.key.local_name().as_ref() == key)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

/// The parser's own words stay out of the message: the part and the place say enough.
fn xml_err(part: &str, at: u64) -> XlsxError {
    XlsxError::Damaged(format!("{part}：XML 格式错误（第 {at} 字节附近）"))
}

/// The text of every `<si>` of the shared strings part.
fn shared_strings(xml: &str) -> Result<Vec<String>, XlsxError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_t = false;
    // Phonetic runs (<rPh>) carry readings, not text.
    let mut in_rph = false;
    loop {
        match r
            .read_event()
            .map_err(|_| xml_err("sharedStrings", r.buffer_position()))?
        {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => cur = Some(String::new()),
                b"t" => in_t = true,
                b"rPh" => in_rph = true,
                _ => {}
            },
            Event::Empty(e) if e.local_name().as_ref() == b"si" => out.push(String::new()),
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => {
                    out.push(cur.take().unwrap_or_default());
                    if out.len() > MAX_STRINGS {
                        return Err(XlsxError::Damaged(format!(
                            "sharedStrings 过大（最多 {MAX_STRINGS} 个文本）"
                        )));
                    }
                }
                b"t" => in_t = false,
                b"rPh" => in_rph = false,
                _ => {}
            },
            Event::Text(t) if in_t && !in_rph => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(
                        &t.decode()
                            .map_err(|_| xml_err("sharedStrings", r.buffer_position()))?,
                    );
                }
            }
            Event::GeneralRef(g) if in_t && !in_rph => {
                if let Some(c) = cur.as_mut() {
                    c.push_str(&general_ref(&g));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// `&amp;`, `&#20013;` … as text.
fn general_ref(g: &quick_xml::events::BytesRef) -> String {
    if let Ok(Some(c)) = g.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(g.as_ref()).into_owned();
    quick_xml::escape::resolve_predefined_entity(&name)
        .map(str::to_string)
        .unwrap_or_default()
}

/// A number cell's text: binary noise removed (Excel writes 0.1+0.2 as 0.30000000000000004),
/// exact decimals kept (万元 figures need four).
fn number_text(v: &str) -> String {
    let parsed = v
        .parse::<Decimal>()
        .or_else(|_| Decimal::from_scientific(v));
    match parsed {
        Ok(d) => d.round_dp(6).normalize().to_string(),
        Err(_) => v.to_string(),
    }
}

fn sheet_rows(xml: &str, strings: &[String], name: &str) -> Result<Vec<Vec<String>>, XlsxError> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    let mut text_bytes = 0usize;
    // The cell being read: position, type, and its value text.
    let mut at: Option<(usize, usize)> = None;
    let mut kind = String::new();
    let mut value = String::new();
    let mut in_value = false;
    let mut next_row = 0usize;
    let mut next_col = 0usize;
    loop {
        let ev = r
            .read_event()
            .map_err(|_| xml_err(name, r.buffer_position()))?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                match e.local_name().as_ref() {
                    b"row" => {
                        next_row = attr(e, b"r")
                            .and_then(|v| v.parse::<usize>().ok())
                            .and_then(|v| v.checked_sub(1))
                            .unwrap_or(next_row);
                        next_col = 0;
                        if empty {
                            next_row += 1;
                        }
                    }
                    b"c" => {
                        let pos = attr(e, b"r")
                            .and_then(|v| parse_ref(&v))
                            .unwrap_or((next_row, next_col));
                        next_col = pos.1 + 1;
                        kind = attr(e, b"t").unwrap_or_default();
                        value.clear();
                        at = if empty { None } else { Some(pos) };
                    }
                    b"v" | b"t" if at.is_some() => in_value = !empty,
                    _ => {}
                }
            }
            Event::Text(t) if in_value => {
                value.push_str(&t.decode().map_err(|_| xml_err(name, r.buffer_position()))?);
            }
            Event::GeneralRef(g) if in_value => value.push_str(&general_ref(&g)),
            Event::End(e) => match e.local_name().as_ref() {
                b"v" | b"t" => in_value = false,
                b"row" => next_row += 1,
                b"c" => {
                    if let Some((row, col)) = at.take() {
                        let text = match kind.as_str() {
                            "s" => value
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| strings.get(i).cloned())
                                .unwrap_or_default(),
                            "inlineStr" | "str" => value.clone(),
                            "b" => if value.trim() == "1" { "TRUE" } else { "FALSE" }.into(),
                            "e" => String::new(),
                            _ => number_text(value.trim()),
                        };
                        if !text.is_empty() {
                            cells += 1;
                            text_bytes += text.len();
                            if cells > MAX_CELLS || row > 1_000_000 || text_bytes > MAX_SHEET_TEXT {
                                return Err(XlsxError::Damaged(format!(
                                    "{name} 过大（最多 {MAX_CELLS} 个单元格、{} MB 文字）",
                                    MAX_SHEET_TEXT / 1_048_576
                                )));
                            }
                            if col >= crate::core::formats::import::MAX_COLUMNS {
                                return Err(XlsxError::Damaged(format!(
                                    "{name} 列数过多（第 {} 行有第 {} 列，最多 {} 列）",
                                    row + 1,
                                    col + 1,
                                    crate::core::formats::import::MAX_COLUMNS
                                )));
                            }
                            if rows.len() <= row {
                                rows.resize(row + 1, Vec::new());
                            }
                            let cells_of_row = &mut rows[row];
                            if cells_of_row.len() <= col {
                                cells_of_row.resize(col + 1, String::new());
                            }
                            cells_of_row[col] = text.trim().to_string();
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(rows)
}

/// Reads every sheet's cell text.
///
/// ```
/// use yusuan::core::formats::xlsx::{read, write, Sheet, Value, Workbook};
/// let mut wb = Workbook::default();
/// wb.push(Sheet { name: "明细".into(), rows: vec![vec![Value::Text("a&<b>".into()), Value::Number("262.017".parse().unwrap())]], ..Default::default() });
/// let back = read(&write(&wb).unwrap()).unwrap();
/// assert_eq!(back[0].name, "明细");
/// assert_eq!(back[0].rows, vec![vec!["a&<b>".to_string(), "262.017".to_string()]]);
/// assert!(read(b"not a zip").is_err());
/// ```
pub fn read(bytes: &[u8]) -> Result<Vec<ReadSheet>, XlsxError> {
    if bytes.len() > crate::core::formats::import::MAX_IMPORT_BYTES {
        return Err(XlsxError::TooLarge(bytes.len()));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| XlsxError::NotXlsx("不是 ZIP 压缩包，或压缩包已损坏".into()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(XlsxError::Damaged(format!(
            "压缩包中的文件过多（{} 个，最多 {MAX_ENTRIES} 个）",
            zip.len()
        )));
    }
    let book = part(&mut zip, "xl/workbook.xml")?
        .ok_or_else(|| XlsxError::NotXlsx("缺少 xl/workbook.xml".into()))?;
    let rels = part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let strings = match part(&mut zip, "xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x)?,
        None => Vec::new(),
    };
    // Relationship id → part path.
    let mut targets: HashMap<String, String> = HashMap::new();
    let mut r = quick_xml::Reader::from_str(&rels);
    loop {
        match r
            .read_event()
            .map_err(|_| xml_err("workbook.xml.rels", r.buffer_position()))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let path = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{t}"),
                    };
                    targets.insert(id, path);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut sheets = Vec::new();
    let mut r = quick_xml::Reader::from_str(&book);
    loop {
        match r
            .read_event()
            .map_err(|_| xml_err("workbook.xml", r.buffer_position()))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"sheet" => {
                let name = attr(&e, b"name").unwrap_or_default();
                let id = attr(&e, b"id").unwrap_or_default();
                sheets.push((name, targets.get(&id).cloned()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if sheets.is_empty() {
        return Err(XlsxError::NotXlsx("工作簿中没有工作表".into()));
    }
    let mut out = Vec::new();
    for (i, (name, path)) in sheets.into_iter().enumerate() {
        let path = path.unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        let Some(xml) = part(&mut zip, &path)? else {
            continue; // chart sheets and the like have no cells
        };
        let rows = sheet_rows(&xml, &strings, &name)?;
        out.push(ReadSheet { name, rows });
    }
    Ok(out)
}

fn text(t: impl Into<String>) -> Value {
    let t = t.into();
    if t.is_empty() {
        Value::Empty
    } else {
        Value::Text(t)
    }
}

/// The lines as a sheet: the columns of the CSV export, amounts as exact numbers in 元.
pub fn lines_sheet(budget: &crate::core::domain::model::Budget) -> Sheet {
    use crate::core::domain::money::Unit;
    use crate::core::present::editor::{cell_text, Column};
    let mut header = vec![text("编号")];
    header.extend(Column::ALL.iter().map(|c| text(c.label())));
    let mut rows = vec![header];
    let money = |m: Money| Value::Number(m.yuan());
    for line in &budget.lines {
        let mut row = vec![Value::Number(Decimal::from(line.id))];
        for c in Column::ALL {
            row.push(match c {
                Column::Current => money(line.current),
                Column::CarryOver => money(line.carry_over),
                Column::Prior => line.prior.map(money).unwrap_or(Value::Empty),
                Column::Executed => line.executed.map(money).unwrap_or(Value::Empty),
                c => text(cell_text(budget, line, c, Unit::Yuan)),
            });
        }
        rows.push(row);
    }
    let widths = std::iter::once(6.0)
        .chain(Column::ALL.iter().map(|c| c.width_em() as f64 * 1.6))
        .collect();
    Sheet {
        name: "明细".into(),
        rows,
        bold_rows: vec![0],
        merges: Vec::new(),
        widths,
        layout: None,
    }
}

/// The workbook of a budget file as the codec worker is asked for it (a request like the Word
/// export's: the file, the unit, 调整, a 预算单位), written: the page sends the file and
/// nothing of the workbook is made there (issue 26).
pub fn from_request(json: &str) -> Result<Vec<u8>, String> {
    let (budget, options) = crate::core::formats::docx::read_request(json)?;
    // Without the checks, as the Word export: a workbook shows none.
    let report = Report::for_document(&budget, options);
    write(&workbook(&budget, &report))
}

/// Every disclosure table as a sheet laid out like the published document (label, title,
/// unit name and unit, the header with its merged cells, the body), amounts rounded as
/// shown in the report's unit, then the lines sheet.
pub fn workbook(budget: &crate::core::domain::model::Budget, report: &Report) -> Workbook {
    let unit = report.options.unit;
    let adjust = report.options.adjusted();
    let mut wb = Workbook::default();
    for table in &report.tables {
        let cols = table.columns().max(1);
        let mut rows = vec![
            vec![text(table.label())],
            vec![text(table.title.clone())],
            {
                let mut r = vec![Value::Empty; cols.max(2)];
                r[0] = text(format!("单位名称：{}", table.unit_name));
                r[cols.max(2) - 1] = text(format!("单位：{}", table.shown_unit(unit).label()));
                r
            },
        ];
        let head = rows.len();
        for r in table.header_grid() {
            rows.push(r.into_iter().map(text).collect());
        }
        let shown = table.render(unit, adjust);
        for (cells, row) in shown.into_iter().zip(&table.rows) {
            rows.push(
                cells
                    .into_iter()
                    .zip(&row.cells)
                    .map(|(t, cell)| match cell {
                        TableCell::Money { .. } => t
                            .replace(',', "")
                            .parse::<Decimal>()
                            .map(Value::Number)
                            .unwrap_or(Value::Empty),
                        _ => text(t),
                    })
                    .collect(),
            );
        }
        if table.empty {
            rows.push(vec![text(format!("注：{}", table.empty_note))]);
        }
        let mut merges = if cols > 1 {
            vec![(1, 0, 1, cols)]
        } else {
            Vec::new()
        };
        merges.extend(
            table
                .header_spans()
                .into_iter()
                .map(|(r, c, h, w)| (r + head, c, h, w)),
        );
        let mut widths = vec![14.0; cols];
        if let Some(w) = widths.get_mut(1) {
            *w = 28.0;
        }
        let header = (head, head + table.header.len());
        let layout = SheetLayout {
            title_row: 1,
            table: (head, rows.len() - usize::from(table.empty)),
            header,
            landscape: cols > 7,
        };
        wb.push(Sheet {
            name: sheet_name(table.number, &table.title),
            rows,
            bold_rows: (0..header.1).collect(),
            merges,
            widths,
            layout: Some(layout),
        });
    }
    wb.push(lines_sheet(budget));
    if !budget.services.is_empty() {
        wb.push(services_sheet(&budget.services));
    }
    for m in &budget.staffing {
        wb.push(staffing_sheet(m));
    }
    if !budget.goals.is_empty() {
        wb.push(goals_sheet(&budget.goals));
    }
    wb
}

/// A table's sheet name within Excel's 31 characters, never cut in the middle of a word:
/// “表6 一般公共预算安排基本支出分经济科目表” — the year and a bracketed note left out, and a
/// name still too long cut before its last “表”/“支出” part, whole.
fn sheet_name(number: usize, title: &str) -> String {
    let title = title
        .split_once('年')
        .filter(|(y, _)| y.chars().all(|c| c.is_ascii_digit()))
        .map(|(_, t)| t)
        .unwrap_or(title);
    let title = title.split(['（', '(']).next().unwrap_or(title).trim();
    let head = format!("表{number} ");
    let room = 31 - head.chars().count();
    if title.chars().count() <= room {
        return format!("{head}{title}");
    }
    // Keep whole words: the title up to a boundary that fits (after 、 or “和”), else the
    // table's number alone.
    let cut = title
        .char_indices()
        .rev()
        .find(|(i, c)| title[..*i].chars().count() < room && matches!(c, '、' | '和' | '与' | '及'))
        .map(|(i, _)| i);
    match cut {
        Some(i) => format!("{head}{}", &title[..i]),
        None => format!("表{number}"),
    }
}

/// 十二、其他说明's 政府购买服务 items (exact 元) and their total.
fn services_sheet(items: &[crate::core::domain::disclosure::ServiceItem]) -> Sheet {
    let mut rows = vec![vec![
        text("项目".to_string()),
        text("指导性目录类别".to_string()),
        text("金额（元）".to_string()),
    ]];
    for it in items {
        rows.push(vec![
            text(it.project.clone()),
            text(it.category.clone()),
            Value::Number(it.amount.yuan()),
        ]);
    }
    let total = crate::core::domain::disclosure::services_total(items);
    rows.push(vec![
        text("合计".to_string()),
        Value::Empty,
        Value::Number(total.yuan()),
    ]);
    Sheet {
        name: "政府购买服务".into(),
        rows,
        bold_rows: vec![0],
        merges: Vec::new(),
        widths: vec![30.0, 24.0, 16.0],
        layout: None,
    }
}

/// The 基本支出测算表 of a model: each part of each line with its formula, a subtotal per
/// line (amounts exact in 元), as finance bureaus ask units to attach.
fn staffing_sheet(m: &crate::core::domain::staffing::StaffModel) -> Sheet {
    let mut rows = vec![vec![
        text("功能分类"),
        text("经济分类"),
        text("项目"),
        text("算式"),
        text("金额（元）"),
    ]];
    let mut bold = vec![0];
    match crate::core::present::staffing_sheet::sheet(m, true) {
        Ok(sheet) => {
            for r in sheet.rows {
                if r.subtotal {
                    bold.push(rows.len());
                }
                rows.push(vec![
                    text(r.function),
                    text(r.economic),
                    text(r.label),
                    if r.formula.is_empty() {
                        Value::Empty
                    } else {
                        text(r.formula)
                    },
                    Value::Number(r.amount.yuan()),
                ]);
            }
            bold.push(rows.len());
            rows.push(vec![
                Value::Empty,
                Value::Empty,
                text("合计"),
                Value::Empty,
                Value::Number(sheet.total.yuan()),
            ]);
            if !sheet.blank_rates.is_empty() {
                rows.push(vec![text(format!(
                    "费率未填、未计算：{}",
                    sheet.blank_rates.join("、")
                ))]);
            }
        }
        Err(faults) => rows.push(vec![text(format!("无法测算：{}", faults.join("；")))]),
    }
    Sheet {
        name: "基本支出测算表".into(),
        rows,
        bold_rows: bold,
        merges: Vec::new(),
        widths: vec![12.0, 10.0, 36.0, 48.0, 16.0],
        layout: None,
    }
}

/// The sheet's name in our XLSX export.
pub const GOALS_SHEET: &str = "绩效目标表";

/// Every form, one under the other with an empty row between.
pub fn goals_sheet(forms: &[GoalForm]) -> Sheet {
    let mut rows = Vec::new();
    let mut merges = Vec::new();
    let mut bold = Vec::new();
    for f in forms {
        let l = layout(f);
        let top = rows.len();
        merges.extend(l.merges.iter().map(|(r, c, w)| (top + r, *c, 1, *w)));
        for (i, r) in l.rows.into_iter().enumerate() {
            if i == 0 {
                bold.push(top);
            }
            rows.push(r.into_iter().map(cell_value).collect());
        }
        rows.push(Vec::new());
    }
    let mut widths = vec![14.0; COLUMNS];
    widths[3] = 30.0;
    widths[6] = 30.0;
    Sheet {
        name: GOALS_SHEET.into(),
        rows,
        bold_rows: bold,
        merges,
        widths,
        layout: None,
    }
}

fn cell_value(c: FormCell) -> Value {
    match c {
        FormCell::Empty => Value::Empty,
        FormCell::Label(t) | FormCell::Text(t) => Value::Text(t),
        FormCell::Amount(m) => Value::Number(m.yuan()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_as_excel_writes_them() {
        let sst = r#"<sst xmlns="x" count="3"><si><t>单位</t></si><si><r><t>功能</t></r><r><rPr><b/></rPr><t xml:space="preserve">分类 &amp; 科目</t></r><rPh><t>コウ</t></rPh></si><si/></sst>"#;
        let strings = shared_strings(sst).unwrap();
        assert_eq!(strings, ["单位", "功能分类 & 科目", ""]);
        let sheet = r#"<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2"><v>0.30000000000000004</v></c><c r="D2" t="str"><f>A1</f><v>x&#20013;</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#REF!</v></c><c r="G2"><v>1.5E-2</v></c></row><row><c t="s"><v>0</v></c></row></sheetData></worksheet>"#;
        let rows = sheet_rows(sheet, &strings, "s").unwrap();
        assert_eq!(rows[0], Vec::<String>::new());
        assert_eq!(
            rows[1],
            ["", "功能分类 & 科目", "0.3", "x中", "TRUE", "", "0.015"]
        );
        assert_eq!(rows[2], ["单位"]);
    }

    #[test]
    fn services_get_a_sheet_with_their_total() {
        use crate::core::domain::disclosure::ServiceItem;
        let mut b = crate::core::formats::reference::budget();
        let report = Report::build(&b, Default::default());
        assert!(!workbook(&b, &report)
            .sheets
            .iter()
            .any(|s| s.name == "政府购买服务"));
        b.services = vec![
            ServiceItem {
                project: "物业".into(),
                category: "辅助性服务".into(),
                amount: Money::from_fen(1_205_050),
            },
            ServiceItem {
                project: "审计".into(),
                category: String::new(),
                amount: Money::from_fen(99),
            },
        ];
        let wb = workbook(&b, &report);
        let sheet = wb.sheets.iter().find(|s| s.name == "政府购买服务").unwrap();
        assert_eq!(sheet.rows.len(), 4);
        assert_eq!(sheet.rows[1][2], Value::Number(Decimal::new(1_205_050, 2)));
        assert_eq!(
            sheet.rows[3],
            vec![
                Value::Text("合计".into()),
                Value::Empty,
                Value::Number(Decimal::new(1_205_149, 2))
            ]
        );
    }

    #[test]
    fn sheet_names_keep_whole_words() {
        assert_eq!(sheet_name(1, "2023年预算收支总表"), "表1 预算收支总表");
        assert_eq!(
            sheet_name(5, "2023年一般公共预算支出预算表（不含上年结转）"),
            "表5 一般公共预算支出预算表"
        );
        let long = sheet_name(
            9,
            "2024年“三公”经费和机关运行经费预算表与政府采购预算及其他相关事项的详细说明文字",
        );
        assert_eq!(long, "表9 “三公”经费和机关运行经费预算表与政府采购预算");
        assert!(long.chars().count() <= 31);
        assert_eq!(sheet_name(2, &"很".repeat(40)), "表2");
    }

    #[test]
    fn references_and_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
        assert_eq!(parse_ref("AB12"), Some((11, 27)));
        assert_eq!(parse_ref("12"), None);
        assert_eq!(parse_ref("A0"), None);
        let mut wb = Workbook::default();
        for _ in 0..2 {
            wb.push(Sheet {
                name: "a/b:c[d]".repeat(10),
                ..Default::default()
            });
        }
        assert_eq!(wb.sheets[0].name, "abcd".repeat(10)[..31]);
        assert!(wb.sheets[1].name.ends_with("(2)"));
    }
}
