//! Files in and out: the native versioned JSON file ([`file`]), CSV/XLSX import
//! ([`import`], [`xlsx`]), CSV export ([`export`]), share links ([`share`]), the command
//! line's text and JSON ([`text`]) and the embedded reference budget ([`reference`]).

pub mod codelist;
pub mod docx;
pub mod export;
pub mod file;
pub mod goal_sheet;
pub mod import;
pub mod merge;
pub mod messages;
pub mod payroll;
pub mod probe;
pub mod reference;
pub mod share;
pub mod text;
pub mod xlsx;
