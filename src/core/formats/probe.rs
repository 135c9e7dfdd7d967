//! Entry points for fuzzing (`fuzz/`, `scripts/fuzz.sh`) and for replaying the fuzz corpora
//! on stable Rust (`tests/fuzz_corpus.rs`): each takes arbitrary bytes as a user's file,
//! link or typing could hold them, must return without panicking, and checks the
//! invariants that hold for any input (a read file writes back to the same budget, an
//! accepted amount has at most two decimals …). A broken invariant panics, which libFuzzer
//! reports as a crash.

use crate::core::domain::model::Budget;
use crate::core::domain::money::{Money, Unit};
use crate::core::formats::{codelist, file, import, payroll, reference, share, xlsx};
use crate::core::present::editor::{plan_paste, Column};

/// The reference budget, built once (parsing it for every input would be most of the work).
fn reference_budget() -> &'static Budget {
    reference::shared()
}

fn text(data: &[u8]) -> &str {
    std::str::from_utf8(data).unwrap_or_default()
}

/// Opening a budget file: any text is a workspace or an error; a workspace written and
/// read again is the same.
pub fn budget_file(data: &[u8]) {
    if let Ok(ws) = file::read(text(data)) {
        let again = file::read(&file::write(&ws, false)).expect("a written file reads back");
        assert_same(&ws, &again);
        // What reads converts (`budget convert`), and the converted file is a fixed point.
        let converted = file::convert(text(data)).expect("a file that reads converts");
        assert_same(
            &ws,
            &file::read(&converted).expect("a converted file reads"),
        );
        assert_eq!(file::convert(&converted).as_ref(), Ok(&converted));
    }
}

/// Two workspaces hold the same scenarios: names, budgets and the one shown.
fn assert_same(
    a: &crate::core::domain::workspace::Workspace,
    b: &crate::core::domain::workspace::Workspace,
) {
    assert_eq!(a.current_index(), b.current_index());
    let names = |w: &crate::core::domain::workspace::Workspace| {
        w.scenarios()
            .iter()
            .map(|s| (s.name.clone(), s.budget.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(names(a), names(b));
}

/// Importing CSV: parsing, guessing the mapping, planning the new lines, and reading it as
/// a code list; the first byte picks the unit.
pub fn csv_import(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(rows) = import::parse_csv(text(rest)) else {
        return;
    };
    let b = reference_budget();
    let mut guess = import::guess(&rows);
    if first % 2 == 1 {
        guess.mapping.unit = Unit::Wan;
    }
    if let Ok(plan) = import::plan(b, &rows, &guess.mapping) {
        let mut after = b.clone();
        let _ = after.apply_all(plan.append());
    }
    let _ = codelist::read(b, &rows);
    payroll_import(&rows);
}

/// The same rows as a payroll sheet: what the import accepts is a model that computes
/// (months within the year, known items, no negative amounts).
fn payroll_import(rows: &[Vec<String>]) {
    use crate::core::domain::codes::FunctionCode;
    use crate::core::domain::staffing::StaffModel;
    use crate::core::domain::unit_type::UnitType;
    let Ok(running) = FunctionCode::parse("2010301") else {
        return;
    };
    let mut m = StaffModel::new(UnitType::Institution, "gpb", running);
    let mapping = payroll::guess(rows, &m);
    if let Ok(staff) = payroll::plan(rows, &mapping) {
        m.staff = staff;
        assert_eq!(
            m.faults(),
            Vec::<String>::new(),
            "an imported payroll computes"
        );
    }
}

/// Checking a published document's text (核对公开文档): any text gives its tables and findings
/// or a message; every finding's line is a line of the text.
pub fn verify_text(data: &[u8]) {
    let text = text(data);
    if let Ok(v) = crate::core::verify::verify_text("fuzz", text) {
        let lines = text.lines().count().max(1);
        for f in &v.findings {
            assert!(
                (1..=lines).contains(&f.line),
                "a finding's line lies in the text"
            );
        }
    }
}

/// Checking a published document given as a file's bytes (a PDF, else text): any bytes give
/// tables and findings or a message, in bounded time and memory.
pub fn verify_pdf(data: &[u8]) {
    let _ = crate::core::verify::verify_bytes("fuzz.pdf", data);
}

/// Reading an XLSX workbook (the bytes as the file).
pub fn xlsx_read(data: &[u8]) {
    if let Ok(sheets) = xlsx::read(data) {
        for s in &sheets {
            assert!(s.rows.iter().all(|r| r.len() <= import::MAX_COLUMNS));
            // 导入绩效目标表 reads the same sheets (sizes are checked when the forms are
            // added, by the commands).
            let _ = crate::core::formats::goal_sheet::read(&s.rows);
        }
    }
}

/// Opening a share link (the text after `#`).
pub fn share_link(data: &[u8]) {
    let t = text(data);
    let _ = share::decode(t);
    let _ = share::decode(&format!("{}{t}", share::KEY));
}

/// Typing an amount or a formula into a cell, in 元 and in 万元: an accepted amount is
/// exact to the 分.
pub fn amount(data: &[u8]) {
    let t = text(data);
    for unit in [Unit::Yuan, Unit::Wan] {
        if let Ok(m) = Money::parse_in(t, unit) {
            assert!(
                m.yuan().scale() <= 2 || m.yuan().round_dp(2) == m.yuan(),
                "{t:?} → {m:?}"
            );
        }
    }
}

/// Pasting a block at a cell of the reference budget (the first byte picks the column
/// and the unit).
pub fn paste(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let b = reference_budget();
    let targets: Vec<_> = b.lines.iter().map(|l| l.id).collect();
    let columns = [
        Column::Current,
        Column::Function,
        Column::Project,
        Column::Kind,
    ];
    let column = columns[first as usize % columns.len()];
    let unit = if first & 0x80 != 0 {
        Unit::Wan
    } else {
        Unit::Yuan
    };
    if let Ok(plan) = plan_paste(b, text(rest), &targets, column, unit) {
        let mut after = b.clone();
        let _ = after.apply_all(plan.commands);
    }
}

/// A probe: arbitrary bytes in, a panic only when an invariant breaks.
pub type Probe = fn(&[u8]);

/// Every probe, by the name of its fuzz target.
pub const ALL: &[(&str, Probe)] = &[
    ("budget_file", budget_file),
    ("csv_import", csv_import),
    ("xlsx_read", xlsx_read),
    ("share_link", share_link),
    ("amount", amount),
    ("paste", paste),
    ("verify_text", verify_text),
    ("verify_pdf", verify_pdf),
];
