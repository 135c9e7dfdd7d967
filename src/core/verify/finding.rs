//! A finding of 核对公开文档: which rule, how serious, where, what is printed, what it should
//! be and how that was computed.

use serde::Serialize;

/// How serious a finding is: the same three degrees as the app's own checks.
pub use crate::core::figures::checks::Severity;

/// One slip found: which rule, how serious, where, what is printed, what it should be and
/// how that was computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    /// 1-based page (form feeds in the text; 1 when there are none).
    pub page: usize,
    /// 1-based line of the text.
    pub line: usize,
    /// The amount column of the row at `line` it is about (0-based), when it is about one
    /// cell (the page highlights it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The printed text it is about.
    pub quote: String,
    pub printed: String,
    pub expected: String,
    pub explanation: String,
}
