//! CSV export of the budget lines and of each disclosure table: UTF-8 with a byte-order mark
//! so Excel and WPS open Chinese text correctly; amounts as plain numbers (no thousands
//! separators) so the spreadsheet reads them as numbers.

use super::editor::{cell_text, Column};
use super::model::Budget;
use super::money::Unit;
use super::tables::{Cell, Table, NO_DATA};

const BOM: &str = "\u{feff}";

fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}

/// Every line with every column; amounts exact in 元 (two decimals), so nothing is lost.
///
/// ```
/// let b = yusuan::core::reference::budget();
/// let csv = yusuan::core::export::lines_csv(&b);
/// assert!(csv.starts_with("\u{feff}编号,支出类型,功能分类科目"));
/// assert!(csv.contains("\n1,基本支出,2010306,政务公开审批,30101,基本工资,,一般公共预算,2620170.00,"));
/// ```
pub fn lines_csv(budget: &Budget) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["编号".to_string()];
    header.extend(Column::ALL.iter().map(|c| c.label().to_string()));
    let _ = w.write_record(&header);
    for line in &budget.lines {
        let mut row = vec![line.id.to_string()];
        for c in Column::ALL {
            row.push(match c {
                Column::Current => format!("{:.2}", line.current.yuan()),
                Column::CarryOver => format!("{:.2}", line.carry_over.yuan()),
                Column::Prior => line
                    .prior
                    .map(|m| format!("{:.2}", m.yuan()))
                    .unwrap_or_default(),
                c => cell_text(budget, line, c, Unit::Yuan),
            });
        }
        let _ = w.write_record(&row);
    }
    let _ = w.flush();
    finish(w)
}

/// Rows of text as CSV (e.g. a scenario comparison).
pub fn rows_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        let _ = w.write_record(r);
    }
    let _ = w.flush();
    finish(w)
}

/// One table as shown (title, labels, header rows, body), amounts rounded in `unit`.
pub fn table_csv(table: &Table, unit: Unit, adjust: bool) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cols = table.columns().max(1);
    let pad = |mut v: Vec<String>| {
        v.resize(cols, String::new());
        v
    };
    let _ = w.write_record(pad(vec![table.label()]));
    let _ = w.write_record(pad(vec![table.title.clone()]));
    let _ = w.write_record(pad(vec![
        format!("单位名称：{}", table.unit_name),
        format!("单位：{}", unit.label()),
    ]));
    for row in table.header_grid() {
        let _ = w.write_record(pad(row));
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
        let _ = w.write_record(pad(plain));
    }
    if table.empty {
        let _ = w.write_record(pad(vec![format!("注：{NO_DATA}")]));
    }
    let _ = w.flush();
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reference;
    use crate::core::report::{Options, Report};

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
