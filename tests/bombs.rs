//! Bombs and limits: each crafted input is refused with a message, in bounded time and
//! memory (every limit is checked while reading, before the next allocation grows).

use std::io::Write;
use yusuan::core::formats::{import, share, xlsx};

/// An XLSX archive of these parts (deflated).
fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const BOOK: &[u8] = br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &[u8] =
    br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn workbook(sheet: &[u8], strings: Option<&[u8]>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("xl/workbook.xml", BOOK),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = strings {
        parts.push(("xl/sharedStrings.xml", s));
    }
    archive(&parts)
}

fn refused(bytes: &[u8]) -> String {
    match xlsx::read(bytes) {
        Ok(s) => panic!("read {} sheets", s.len()),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_workbook_of_these_parts_reads() {
    let ok = workbook(br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#, None);
    assert_eq!(
        xlsx::read(&ok).unwrap()[0].rows,
        vec![vec!["x".to_string()]]
    );
}

#[test]
fn zip_bomb_of_high_ratio_is_refused() {
    // 210 MB of spaces deflate to about 200 KB: a ratio of ~1000.
    let sheet = vec![b' '; 210 * 1024 * 1024];
    let bytes = workbook(&sheet, None);
    assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
    let e = refused(&bytes);
    assert!(e.contains("解压后过大"), "{e}");
}

#[test]
fn zip_of_many_entries_is_refused() {
    let names: Vec<String> = (0..10_001).map(|i| format!("x/{i}.xml")).collect();
    let mut parts: Vec<(&str, &[u8])> = vec![("xl/workbook.xml", BOOK)];
    parts.extend(names.iter().map(|n| (n.as_str(), &b""[..])));
    let e = refused(&archive(&parts));
    assert!(e.contains("文件过多"), "{e}");
}

#[test]
fn xml_entity_expansion_is_not_expanded() {
    // “Billion laughs”: entities are never expanded, only the five XML ones and numeric
    // references, so the text stays as small as the file.
    let mut dtd = String::from("<!DOCTYPE s [<!ENTITY a0 \"hahahahahahahahahaha\">");
    for i in 1..10 {
        let refs = format!("&a{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY a{i} \"{refs}\">"));
    }
    dtd.push_str("]>");
    let strings = format!("{dtd}<sst><si><t>&a9;&amp;</t></si></sst>");
    let sheet = br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    let read = xlsx::read(&workbook(sheet, Some(strings.as_bytes()))).unwrap();
    assert_eq!(read[0].rows, vec![vec!["&".to_string()]]);
}

#[test]
fn deep_nesting_inside_a_sheet_is_read_without_recursion() {
    let depth = 200_000;
    let sheet = format!(
        "<worksheet><sheetData>{}{}</sheetData></worksheet>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let read = xlsx::read(&workbook(sheet.as_bytes(), None)).unwrap();
    assert!(read[0].rows.is_empty());
}

#[test]
fn last_row_and_last_column_of_excel_are_refused() {
    let cell = |r: &str| {
        format!(
            r#"<worksheet><sheetData><row><c r="{r}" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>"#
        )
    };
    let e = refused(&workbook(cell("A1048576").as_bytes(), None));
    assert!(e.contains("过大"), "{e}");
    let e = refused(&workbook(cell("XFD1").as_bytes(), None));
    assert!(e.contains("列数过多"), "{e}");
}

#[test]
fn huge_shared_string_table_is_refused() {
    let strings = format!("<sst>{}</sst>", "<si><t></t></si>".repeat(1_000_001));
    let sheet = b"<worksheet><sheetData/></worksheet>";
    let e = refused(&workbook(sheet, Some(strings.as_bytes())));
    assert!(e.contains("sharedStrings 过大"), "{e}");
}

#[test]
fn one_long_string_in_many_cells_is_refused() {
    // 1 MB of text, used in 100 cells: 100 MB of cell text from a small file.
    let strings = format!("<sst><si><t>{}</t></si></sst>", "长".repeat(350_000));
    let row: String = (0..100)
        .map(|r| {
            format!(
                r#"<row r="{}"><c r="A{}" t="s"><v>0</v></c></row>"#,
                r + 1,
                r + 1
            )
        })
        .collect();
    let sheet = format!("<worksheet><sheetData>{row}</sheetData></worksheet>");
    let e = refused(&workbook(sheet.as_bytes(), Some(strings.as_bytes())));
    assert!(e.contains("MB 文字"), "{e}");
}

#[test]
fn csv_of_a_100_mb_line_or_a_million_columns_is_refused() {
    let line = "x".repeat(100 * 1024 * 1024);
    let e = import::parse_csv(&line).unwrap_err();
    assert!(e.message.contains("文件过大"), "{}", e.message);
    let wide = ",".repeat(1_000_000);
    let e = import::parse_csv(&wide).unwrap_err();
    assert!(e.message.contains("列数过多"), "{}", e.message);
}

#[test]
fn share_link_inflating_past_its_limit_is_refused() {
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 17 * 1024 * 1024]).unwrap();
    let bytes = z.finish().unwrap();
    use base64::Engine;
    let link = format!(
        "{}{}",
        share::KEY,
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    assert!(link.len() < share::MAX_LINK_CHARS);
    let e = share::decode(&link).unwrap_err().to_string();
    assert!(e.contains("内容过大"), "{e}");
}
