//! Presentation helpers shared by the views, the file formats and the drafting tools:
//! the grid's columns, cell texts and paste plans ([`editor`]), chart geometry
//! ([`charts`]), the glossary ([`glossary`]), and the interface language ([`i18n`]).

pub mod charts;
pub mod editor;
pub mod glossary;
pub mod goal_form;
pub mod i18n;
pub mod staffing_sheet;
