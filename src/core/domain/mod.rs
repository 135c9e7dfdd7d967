//! The budget as the user enters it, and how it changes: exact money, classification
//! codes, the budget model, the commands that change it, undo history and scenarios.

pub mod codes;
pub mod command;
pub mod consolidate;
pub mod disclosure;
pub mod goal_commands;
pub mod goals;
pub mod history;
pub mod model;
pub mod money;
pub mod sources;
pub mod staffing;
pub mod staffing_commands;
pub mod strict;
pub mod template;
pub mod unit_type;
pub mod workspace;
