//! The publishable document as a Word file (.docx): the whole 预算公开 document of a
//! budget in its template's structure (issue 24), made natively for the CLI and in the
//! codec worker for the page.
//!
//! WordprocessingML is written by hand into a ZIP with the `zip` crate the XLSX export
//! already uses: `docx-rs` was measured and left out (a minimal document writer built for
//! wasm32, release, `opt-level = "z"`, LTO: 286,146 B gzip against 64,515 B for `zip` +
//! `quick-xml` doing the same; the worker already carries the latter), and what we need of
//! the format is small: styled paragraphs, ruled tables with merged and repeated header
//! cells, section breaks, two fields (TOC, PAGE) and a footer.
//!
//! - [`xml`]: paragraphs, tables, sections, the 目录 field;
//! - [`parts`]: content types, relationships, styles, fonts, settings, footer;
//! - [`content`]: the document's parts from the report;
//! - [`validate`]: the package checked as Word checks it (tests run it on every document).

mod content;
pub mod parts;
pub mod validate;
pub mod xml;

use crate::core::domain::model::Budget;
use crate::core::figures::report::{Options, Report};
use serde::Deserialize;
use std::io::{Cursor, Write};

/// What the page asks the worker for (`docx_write`): a budget file (its current scenario
/// is the document), the unit and 尾差调整 as on screen, and a 预算单位 of a department.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub file: String,
    #[serde(default)]
    pub unit: crate::core::domain::money::Unit,
    #[serde(default)]
    pub adjust: bool,
    #[serde(default)]
    pub unit_id: Option<String>,
}

/// The `.docx` of a request, or the message to show.
pub fn from_request(json: &str) -> Result<Vec<u8>, String> {
    let (budget, options) = read_request(json)?;
    document(&budget, options)
}

/// What a request for a document (Word, or the Excel workbook: `xlsx::from_request`) asks
/// for: the budget of the file's current scenario (one 预算单位's view if it names one) and
/// the figures' options, every table included.
pub fn read_request(json: &str) -> Result<(Budget, Options), String> {
    let req: Request = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let ws = crate::core::formats::file::read(&req.file).map_err(|e| e.to_string())?;
    let mut budget = ws.current().budget.clone();
    if let Some(id) = &req.unit_id {
        budget = budget
            .unit_view(id)
            .ok_or_else(|| format!("没有 id 为“{id}”的预算单位"))?;
    }
    Ok((budget, Options::new(req.unit, req.adjust, true)))
}

/// The document of a budget: every table (the project tables too), the narrative, the
/// forms and the glossary, figures as `options` shows them.
pub fn document(budget: &Budget, options: Options) -> Result<Vec<u8>, String> {
    let options = Options {
        skip_project_tables: false,
        ..options
    };
    let report = Report::for_document(budget, options);
    let body = content::body(budget, &report);
    package(&content::title(budget), &body)
}

/// The package: every part at its name, deflated.
pub fn package(title: &str, body: &str) -> Result<Vec<u8>, String> {
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", parts::CONTENT_TYPES.to_string()),
        ("_rels/.rels", parts::PACKAGE_RELS.to_string()),
        ("docProps/core.xml", parts::core_props(title)),
        ("docProps/app.xml", parts::APP_PROPS.to_string()),
        ("word/document.xml", parts::document(body)),
        (
            "word/_rels/document.xml.rels",
            parts::DOCUMENT_RELS.to_string(),
        ),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let footer = parts::footer();
    let all = parts.iter().map(|(n, x)| (*n, x.as_str()));
    for (name, xml) in all.chain([("word/footer1.xml", footer.as_str())]) {
        zip.start_file(name, opts).map_err(|e| e.to_string())?;
        zip.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
    }
    zip.finish()
        .map(|c| c.into_inner())
        .map_err(|e| e.to_string())
}
