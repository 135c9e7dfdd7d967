//! A finding of 核对公开文档: which rule, how serious, where, what is printed, what it should
//! be and how that was computed.

use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// One slip found: which rule, how serious, where, what is printed, what it should be and
/// how that was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    /// 1-based page (form feeds in the text; 1 when there are none).
    pub page: usize,
    /// 1-based line of the text.
    pub line: usize,
    /// The printed text it is about.
    pub quote: String,
    pub printed: String,
    pub expected: String,
    pub explanation: String,
}
