//! The embedded default budget: the published 2023 unit budget of 晋城市行政审批服务管理局,
//! as cross-classified lines (functional code × economic code × fund source, projects by
//! name). How the published 万元 figures were turned into 元 amounts is explained in
//! `docs/REFERENCE-DATA.md`; the golden tests check every published figure against it.

use super::file;
use super::model::Budget;

/// The reference file as shipped (also a worked example of the file format).
pub const JSON: &str = include_str!("../../data/reference-2023.json");

/// The reference budget.
///
/// ```
/// let b = yusuan::core::reference::budget();
/// assert_eq!(b.unit.name, "晋城市行政审批服务管理局");
/// assert_eq!(b.lines.len(), 37);
/// ```
pub fn budget() -> Budget {
    // The embedded file is checked by the tests; a broken build would fail them, and an
    // empty budget is the safe fallback rather than a panic in the page.
    file::from_json(JSON).unwrap_or_else(|_| Budget::empty("（内置预算数据损坏）", 2023))
}
