//! Everything derived from a budget, as pure functions: one pass of sums ([`aggregate`]),
//! the key figures ([`summary`]), shares and year-over-year changes ([`shares`]), the
//! disclosure tables ([`tables`]), the narrative ([`narrative`]), the checks ([`checks`]),
//! explanations of any figure ([`explain`]) and the assembled [`report`].

pub mod aggregate;
pub mod budgets;
pub mod checks;
pub mod explain;
pub mod goals;
pub mod narrative;
pub mod report;
pub mod shares;
pub mod summary;
pub mod tables;
pub mod templates;
