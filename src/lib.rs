//! 预算计算器: a budget calculator for Chinese public-sector unit budgets.
//!
//! [`core`] is the domain: money, classification codes, budget lines, and every derived
//! figure of the disclosure document. It has no browser import and is tested natively.
//! `ui` (wasm32 only) turns user actions into core commands and core results into HTML.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The file-codec web worker (XLSX, share links), a separate wasm module.
#[cfg(target_arch = "wasm32")]
pub mod worker;
