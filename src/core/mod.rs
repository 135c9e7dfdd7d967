//! The domain core: no browser imports, tested natively. Grouped by role, each group
//! importing only from the groups before it (checked by `tests/shape.rs`):
//!
//! - [`domain`]: money, classification codes, the budget as entered, commands, undo
//!   history and scenarios.
//! - [`figures`]: everything derived from a budget: sums, summary figures, shares, the
//!   disclosure tables, the narrative, the checks, explanations and the assembled report.
//! - [`present`]: presentation helpers shared by the views and the file formats: grid
//!   columns and cell texts, chart geometry, glossary, interface language.
//! - [`formats`]: files in and out: the native JSON file, CSV/XLSX import and export,
//!   share links, the CLI's text, the embedded reference budget.
//! - [`drafting`]: tools for drafting scenarios: comparison and bulk adjustment.
//! - [`practice`]: the exercises of the practice mode and their grading.
//! - [`config`]: the page's configuration (mode, tabs, budget, exercises) when embedded.

pub mod config;
pub mod domain;
pub mod drafting;
pub mod figures;
pub mod formats;
pub mod practice;
pub mod present;
pub mod sort;
pub mod verify;
