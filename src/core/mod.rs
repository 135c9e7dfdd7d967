//! The domain core: no browser imports, tested natively.
//!
//! - [`money`]: exact 元 amounts, parsing what users type, display in 万元/元.
//! - [`codes`]: 功能分类 and 经济分类 codes with the built-in name tables.
//! - [`model`]: the budget as entered, and the commands that change it.
//! - [`aggregate`]: one pass of sums over the lines; selectors that define each figure.
//! - [`tables`], [`shares`], [`report`], [`narrative`], [`checks`]: everything derived.
//! - [`file`]: the versioned JSON format; [`reference`]: the embedded default budget.

pub mod adjust;
pub mod aggregate;
pub mod charts;
pub mod checks;
pub mod codes;
pub mod compare;
pub mod config;
pub mod editor;
pub mod export;
pub mod file;
pub mod glossary;
pub mod i18n;
pub mod import;
pub mod model;
pub mod money;
pub mod narrative;
pub mod practice;
pub mod reference;
pub mod report;
pub mod share;
pub mod shares;
pub mod tables;
pub mod text;
pub mod workspace;
pub mod xlsx;
