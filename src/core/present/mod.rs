//! Presentation helpers shared by the views, the file formats and the drafting tools:
//! the grid's columns, cell texts and paste plans ([`editor`]), chart geometry
//! ([`charts`]), the glossary ([`glossary`]), the interface language ([`i18n`]) and the
//! page's configuration ([`config`]).

pub mod charts;
pub mod config;
pub mod editor;
pub mod glossary;
pub mod i18n;
