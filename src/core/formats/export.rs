//! CSV export of the budget lines and of each disclosure table: UTF-8 with a byte-order mark
//! so Excel and WPS open Chinese text correctly; amounts as plain numbers (no thousands
//! separators) so the spreadsheet reads them as numbers.
//!
//! Writing CSV is only quoting (RFC 4180), done here so the page's wasm does not carry the
//! `csv` crate (≈ 20 KB gzip); *reading* CSV — quotes, line breaks in cells, other
//! delimiters — is the `csv` crate's job, in the codec worker (`import::parse_csv`). The tests
//! read every export back with the `csv` crate.

use crate::core::domain::model::Budget;
use crate::core::domain::money::Unit;
use crate::core::figures::tables::{Cell, Table};
use crate::core::present::editor::{cell_text, Column};

const BOM: &str = "\u{feff}";

/// CSV text being written: records end with `\n`; a field is quoted when it holds a comma,
/// a quote or a line break (quotes doubled), as the `csv` crate writes them.
struct Writer {
    out: String,
}

impl Writer {
    fn new() -> Writer {
        Writer {
            out: BOM.to_string(),
        }
    }

    fn write_record<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        let mut fields = fields.into_iter().peekable();
        let mut first = true;
        while let Some(f) = fields.next() {
            let f = f.as_ref();
            if !first {
                self.out.push(',');
            }
            // A record of one empty field is written as "" so that it is not a blank line.
            let lone_empty = first && f.is_empty() && fields.peek().is_none();
            first = false;
            if lone_empty || f.contains([',', '"', '\r', '\n']) {
                self.out.push('"');
                self.out.push_str(&f.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        self.out.push('\n');
    }

    fn finish(self) -> String {
        self.out
    }
}

/// Every line with every column; amounts exact in 元 (two decimals), so nothing is lost.
///
/// ```
/// let b = yusuan::core::formats::reference::budget();
/// let csv = yusuan::core::formats::export::lines_csv(&b);
/// assert!(csv.starts_with("\u{feff}编号,支出类型,功能分类科目"));
/// assert!(csv.contains("\n1,基本支出,2010306,政务公开审批,30101,基本工资,,一般公共预算,2620170.00,"));
/// ```
pub fn lines_csv(budget: &Budget) -> String {
    let mut w = Writer::new();
    let mut header = vec!["编号".to_string()];
    header.extend(Column::ALL.iter().map(|c| c.label().to_string()));
    w.write_record(&header);
    for line in &budget.lines {
        let mut row = vec![line.id.to_string()];
        for c in Column::ALL {
            row.push(match c {
                Column::Current => format!("{:.2}", line.current.yuan()),
                Column::CarryOver => format!("{:.2}", line.carry_over.yuan()),
                Column::Prior | Column::Executed => {
                    let m = if c == Column::Prior {
                        line.prior
                    } else {
                        line.executed
                    };
                    m.map(|m| format!("{:.2}", m.yuan())).unwrap_or_default()
                }
                c => cell_text(budget, line, c, Unit::Yuan),
            });
        }
        w.write_record(&row);
    }
    w.finish()
}

/// Rows of text as CSV (e.g. a scenario comparison).
pub fn rows_csv(rows: &[Vec<String>]) -> String {
    let mut w = Writer::new();
    for r in rows {
        w.write_record(r);
    }
    w.finish()
}

/// One table as shown (title, labels, header rows, body), amounts rounded in `unit`.
pub fn table_csv(table: &Table, unit: Unit, adjust: bool) -> String {
    let mut w = Writer::new();
    let cols = table.columns().max(1);
    let pad = |mut v: Vec<String>| {
        v.resize(cols, String::new());
        v
    };
    w.write_record(pad(vec![table.label()]));
    w.write_record(pad(vec![table.title.clone()]));
    w.write_record(pad(vec![
        format!("单位名称：{}", table.unit_name),
        format!("单位：{}", table.shown_unit(unit).label()),
    ]));
    for row in table.header_grid() {
        w.write_record(pad(row));
    }
    for (cells, row) in table.render(unit, adjust).into_iter().zip(&table.rows) {
        let plain: Vec<String> = cells
            .into_iter()
            .zip(&row.cells)
            .map(|(text, cell)| match cell {
                Cell::Money { .. } => text.replace(',', ""),
                _ => text,
            })
            .collect();
        w.write_record(pad(plain));
    }
    if table.empty {
        w.write_record(pad(vec![format!("注：{}", table.empty_note)]));
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::report::{Options, Report};
    use crate::core::formats::reference;

    #[test]
    fn lines_are_exact_to_the_fen() {
        let b = reference::budget();
        let text = lines_csv(&b);
        let mut r = csv::Reader::from_reader(text.trim_start_matches(BOM).as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), b.lines.len());
        let current = Column::Current.index() + 1;
        let carry = Column::CarryOver.index() + 1;
        for (row, line) in rows.iter().zip(&b.lines) {
            assert_eq!(row[0], line.id.to_string());
            assert_eq!(
                row[current].parse::<rust_decimal::Decimal>().unwrap(),
                line.current.yuan()
            );
            assert_eq!(
                row[carry].parse::<rust_decimal::Decimal>().unwrap(),
                line.carry_over.yuan()
            );
        }
        // A project name with a comma and quotes survives.
        let mut b2 = b.clone();
        b2.lines[19].project = "甲,乙\"丙\"".into();
        let text = lines_csv(&b2);
        let mut r = csv::Reader::from_reader(text.trim_start_matches(BOM).as_bytes());
        let row = r.records().nth(19).unwrap().unwrap();
        assert_eq!(&row[Column::Project.index() + 1], "甲,乙\"丙\"");
    }

    #[test]
    fn tables_as_shown() {
        let b = reference::budget();
        let r = Report::build(&b, Options::default());
        let t1 = table_csv(&r.tables[0], Unit::Wan, false);
        assert!(t1.starts_with("\u{feff}预算公开表1,,,,,\n2023年预算收支总表,,,,,\n"));
        assert!(
            t1.contains("\n一、一般公共预算,3402.75,一、一般公共服务支出,3582.90,3159.10,423.80\n")
        );
        assert!(t1.contains("\n收入,收入,支出,支出,支出,支出\n"));
        let t7 = table_csv(&r.tables[6], Unit::Wan, false);
        assert!(t7.trim_end().ends_with("注：本表无数据,,"));
    }
}
