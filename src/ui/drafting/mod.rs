//! Drafting tools: the scenario bar, the share bar, the scenario comparison, bulk
//! adjustments with a preview, and the import panel with its column mapping. Every change
//! goes through the core as one undoable step; these views only collect choices and show
//! what the core computed.

pub mod adjust;
pub mod codes;
pub mod compare;
pub mod files;
pub mod import;
pub mod new_budget;
pub mod scenarios;
pub mod share;
