//! 核对公开文档 (issue 25, first part): a published 预算公开 document somebody else made, read
//! back and checked for slips — a PDF's text layer ([`pdf`]), or its text: copied out of a
//! PDF viewer or Word (tab-separated table rows, like the reference's text), or `pdftotext
//! -layout` output (space-aligned columns, pages split by form feeds). Its tables are rebuilt
//! (title, unit, rows with their 类/款/项 codes however printed, amounts by column) and checked
//! with its narrative. The page's 核对文档 tab and most of the rules are still to come
//! (docs/VERIFY.md says which).
//!
//! - [`layout`]: text → pages → lines → cells (with their positions);
//! - [`pdf`]: a PDF's shown strings placed into the same lines and cells;
//! - [`tables`]: lines → tables (title, unit, rows, amount columns);
//! - [`rules`]: the table rules (类 = Σ 款 = Σ 项, 合计 = Σ 类, one name per code, codes that
//!   cannot exist), rounding differences as their own kind;
//! - [`narrative`]: the sentence rules (a percentage recomputed from the amounts beside it,
//!   direction words against the sign, a percentage on a zero base, an empty reason).

pub mod across;
pub mod export;
pub mod finding;
pub mod form;
pub mod layout;
pub mod narrative;
pub mod pdf;
pub mod rules;
pub mod sangong;
pub mod tables;
pub mod template;
pub mod wording;

pub use finding::{Finding, Severity};
use serde::Serialize;

/// A document checked: the tables read and every finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verified {
    pub file: String,
    /// The template recognised from the tables' titles (its key: `standard`, `shanghai`), or
    /// none: a generic document.
    pub template: Option<String>,
    pub tables: Vec<tables::ReadTable>,
    pub findings: Vec<Finding>,
}

impl Verified {
    /// Whether any finding is an error (the CLI's exit status 1).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The recognised template's name (“13张公开表（万元）”), or “未识别的格式”.
    pub fn template_name(&self) -> &'static str {
        self.template
            .as_deref()
            .and_then(crate::core::domain::template::TemplateId::from_key)
            .map(|t| t.name())
            .unwrap_or("未识别的格式")
    }

    /// “上海市区级9张表（元），9 张表，2 个错误，1 个警告，0 个提示”.
    pub fn summary(&self) -> String {
        let count = |s: Severity| self.findings.iter().filter(|f| f.severity == s).count();
        format!(
            "{}，{} 张表，{} 个错误，{} 个警告，{} 个提示",
            self.template_name(),
            self.tables.len(),
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info)
        )
    }
}

/// The most text read (a 500-page document's text is a few MB).
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// Reads a document's text and checks it. A text over the limit is refused.
pub fn verify_text(file: &str, text: &str) -> Result<Verified, String> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "文件过大（{} MB，最多 {} MB）",
            text.len() / (1024 * 1024),
            MAX_TEXT_BYTES / (1024 * 1024)
        ));
    }
    verify_lines(file, layout::lines(text))
}

/// Reads a PDF's text layer and checks it; what cannot be read (encrypted, damaged, no text
/// layer, too large) is said.
pub fn verify_pdf(file: &str, bytes: &[u8]) -> Result<Verified, String> {
    verify_lines(file, pdf::lines(bytes)?)
}

/// A document (a file's bytes: PDF or UTF-8 text) checked.
pub fn verify_bytes(file: &str, bytes: &[u8]) -> Result<Verified, String> {
    if bytes.starts_with(b"%PDF") {
        return verify_pdf(file, bytes);
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| "文件既不是 PDF，也不是 UTF-8 编码的文本".to_string())?;
    verify_text(file, text.trim_start_matches('\u{feff}'))
}

/// The document's lines read into tables and checked.
fn verify_lines(file: &str, lines: Vec<layout::DocLine>) -> Result<Verified, String> {
    let tables = tables::read(&lines);
    if tables.is_empty() && !lines.iter().any(|l| l.text.contains("预算")) {
        return Err("没有找到预算公开表，也没有预算说明：这不像预算公开文档".into());
    }
    let mut findings = rules::check(&tables);
    findings.extend(across::check(&tables));
    findings.extend(across::grand_totals(&lines, &tables));
    findings.extend(narrative::check(&lines, &tables));
    let year = rules::doc_year(&tables);
    findings.extend(sangong::check(&lines, &tables, year));
    findings.extend(wording::check(&lines, &tables, year));
    findings.sort_by_key(|f| (f.page, f.line));
    let findings = at_most_per_rule(findings);
    let template = template::recognise(tables.iter().map(|t| t.title.as_str()));
    Ok(Verified {
        file: file.to_string(),
        template: template.map(|t| t.key().to_string()),
        tables,
        findings,
    })
}

/// The most findings of one rule listed for a document: a crafted file of a million slips
/// is answered with the first thousand of each kind and how many more there are, not a list
/// no page or spreadsheet could show.
pub const MAX_PER_RULE: usize = 1_000;

fn at_most_per_rule(findings: Vec<Finding>) -> Vec<Finding> {
    let mut count: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    let mut out = Vec::with_capacity(findings.len().min(100_000));
    let mut last: std::collections::BTreeMap<String, Finding> = std::collections::BTreeMap::new();
    for f in findings {
        let n = count.entry(f.rule.clone()).or_default();
        *n += 1;
        if *n <= MAX_PER_RULE {
            out.push(f);
        } else {
            last.entry(f.rule.clone()).or_insert(f);
        }
    }
    for (rule, first_left) in last {
        let more = count[&rule] - MAX_PER_RULE;
        out.push(Finding {
            rule: first_left.rule.clone(),
            column: None,
            severity: Severity::Info,
            page: first_left.page,
            line: first_left.line,
            quote: String::new(),
            printed: String::new(),
            expected: String::new(),
            explanation: format!(
                "此类问题还有{more}处未列出（每类最多列出{MAX_PER_RULE}处），从第{}页第{}行起",
                first_left.page, first_left.line
            ),
        });
    }
    out
}
