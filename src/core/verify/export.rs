//! The findings of checked documents as rows (one header row, then one row per finding), for
//! the page's CSV and XLSX downloads; and each rule's name for a reader.

use super::finding::{Finding, Severity};
use super::tables::{ReadRow, ReadTable};
use super::Verified;
use rust_decimal::Decimal;

/// The rules' names as a reader sees them, by rule id.
const RULE_NAMES: [(&str, &str); 29] = [
    ("tree_sum", "上下级合计不符"),
    ("rounding", "四舍五入尾差"),
    ("column_sum", "合计与分项不符"),
    ("across_tables", "表间数据不符"),
    ("code_names", "同一科目名称不一"),
    ("impossible_code", "科目编码有误"),
    ("empty_note", "空表说明有误"),
    ("other_year", "年份不符"),
    ("unrecognised_table", "未识别的表"),
    ("change_percent", "增减幅度算错"),
    ("change_direction", "增减方向矛盾"),
    ("zero_base", "上年为零写了幅度"),
    ("empty_reason", "原因空缺"),
    ("repeated_text", "重复的段落"),
    ("subject_amount", "科目金额与表不符"),
    ("cut_off", "截尾而非四舍五入"),
    ("wrong_level", "科目级次写错"),
    ("repeated_word", "重复的字词"),
    ("wan_as_yuan", "万元写成元"),
    ("purpose", "用途与科目不符"),
    ("unit_name", "单位名称不一致"),
    ("sangong_sum", "三公经费合计不符"),
    ("narrative_amount", "说明与表中金额不符"),
    ("enumeration", "列举各项之和不符"),
    ("missing_table", "缺少公开表"),
    ("code_table_name", "名称与科目表不符"),
    ("negative_prior", "增加额大于本年数"),
    ("share", "占比算错"),
    ("balance", "收支总计不符"),
];

/// A rule's name for a reader (“其他” for an id it does not know).
pub fn rule_name(rule: &str) -> &'static str {
    RULE_NAMES
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|(_, name)| *name)
        .unwrap_or("其他")
}

/// Every rule id with a name, in the order the page's filter lists them.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    RULE_NAMES.iter().map(|(id, _)| *id)
}

pub const HEADER: [&str; 11] = [
    "文件",
    "格式",
    "严重程度",
    "规则",
    "规则编号",
    "页",
    "行",
    "原文",
    "印为",
    "应为",
    "说明",
];

/// The header and one row per finding of every document.
pub fn rows(files: &[Verified]) -> Vec<Vec<String>> {
    let mut out = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for v in files {
        for f in &v.findings {
            out.push(vec![
                v.file.clone(),
                v.template_name().to_string(),
                f.severity.label().to_string(),
                rule_name(&f.rule).to_string(),
                f.rule.clone(),
                f.page.to_string(),
                f.line.to_string(),
                f.quote.clone(),
                f.printed.clone(),
                f.expected.clone(),
                f.explanation.clone(),
            ]);
        }
    }
    out
}

/// A checked document as rows of text, for the page: the reader worker sends these and the
/// page reads them back ([`from_records`]) with the reading of rows of text it already has —
/// no deserialiser of these types is built into the page's first module.
///
/// `["file", template]`, then per table `["table", title, unit, page, line, last_line,
/// recognised, columns, heading…]` and its rows `["row", page, line, code, name, total,
/// quote, amount…]`, then per finding `["finding", rule, severity, page, line, column, quote,
/// printed, expected, explanation]` (empty text for none).
pub fn records(v: &Verified) -> Vec<Vec<String>> {
    let mut out = vec![vec![
        "file".to_string(),
        v.template.clone().unwrap_or_default(),
    ]];
    for t in &v.tables {
        let mut head = vec![
            "table".to_string(),
            t.title.clone(),
            t.unit.clone().unwrap_or_default(),
            t.page.to_string(),
            t.line.to_string(),
            t.last_line.to_string(),
            flag(t.recognised),
            t.columns.to_string(),
        ];
        head.extend(t.headers.iter().cloned());
        out.push(head);
        for r in &t.rows {
            let mut row = vec![
                "row".to_string(),
                r.page.to_string(),
                r.line.to_string(),
                r.code.clone().unwrap_or_default(),
                r.name.clone(),
                flag(r.total),
                r.quote.clone(),
            ];
            row.extend(
                r.amounts
                    .iter()
                    .map(|a| a.map(|d| d.to_string()).unwrap_or_default()),
            );
            out.push(row);
        }
    }
    for f in &v.findings {
        out.push(vec![
            "finding".to_string(),
            f.rule.clone(),
            severity_key(f.severity).to_string(),
            f.page.to_string(),
            f.line.to_string(),
            f.column.map(|c| c.to_string()).unwrap_or_default(),
            f.quote.clone(),
            f.printed.clone(),
            f.expected.clone(),
            f.explanation.clone(),
        ]);
    }
    out
}

fn flag(b: bool) -> String {
    if b { "1" } else { "0" }.to_string()
}

fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The text of record `r`'s field `i` (empty when missing).
fn field(r: &[String], i: usize) -> &str {
    r.get(i).map(String::as_str).unwrap_or("")
}

fn number(r: &[String], i: usize) -> Result<usize, String> {
    field(r, i).parse().map_err(|_| "核对结果有误".to_string())
}

/// [`records`] read back (the document's file name is the page's to set).
pub fn from_records(records: &[Vec<String>]) -> Result<Verified, String> {
    let mut v = Verified {
        file: String::new(),
        template: None,
        tables: Vec::new(),
        findings: Vec::new(),
    };
    for r in records {
        match field(r, 0) {
            "file" => v.template = Some(field(r, 1).to_string()).filter(|t| !t.is_empty()),
            "table" => v.tables.push(table_of(r)?),
            "row" => {
                let row = row_of(r)?;
                v.tables.last_mut().ok_or("核对结果有误")?.rows.push(row);
            }
            "finding" => v.findings.push(finding_of(r)?),
            _ => return Err("核对结果有误".into()),
        }
    }
    Ok(v)
}

fn table_of(r: &[String]) -> Result<ReadTable, String> {
    Ok(ReadTable {
        title: field(r, 1).to_string(),
        unit: Some(field(r, 2).to_string()).filter(|u| !u.is_empty()),
        page: number(r, 3)?,
        line: number(r, 4)?,
        last_line: number(r, 5)?,
        recognised: field(r, 6) == "1",
        kind: None,
        headers: r.iter().skip(8).cloned().collect(),
        note: None,
        odd_codes: Vec::new(),
        columns: number(r, 7)?,
        rows: Vec::new(),
    })
}

fn row_of(r: &[String]) -> Result<ReadRow, String> {
    let amounts = r
        .iter()
        .skip(7)
        .map(|a| {
            if a.is_empty() {
                Ok(None)
            } else {
                a.parse::<Decimal>()
                    .map(Some)
                    .map_err(|_| "核对结果有误".to_string())
            }
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(ReadRow {
        page: number(r, 1)?,
        line: number(r, 2)?,
        code: Some(field(r, 3).to_string()).filter(|c| !c.is_empty()),
        name: field(r, 4).to_string(),
        total: field(r, 5) == "1",
        quote: field(r, 6).to_string(),
        amounts,
    })
}

fn finding_of(r: &[String]) -> Result<Finding, String> {
    let severity = match field(r, 2) {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        _ => Severity::Info,
    };
    Ok(Finding {
        rule: field(r, 1).to_string(),
        severity,
        page: number(r, 3)?,
        line: number(r, 4)?,
        column: field(r, 5).parse().ok(),
        quote: field(r, 6).to_string(),
        printed: field(r, 7).to_string(),
        expected: field(r, 8).to_string(),
        explanation: field(r, 9).to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_is_a_row_under_the_header() {
        let v = crate::core::verify::verify_text(
            "a.txt",
            "2023年预算支出总表\n单位：万元\n合计\t\t5.00\n201\t一般公共服务支出\t4.00\n",
        )
        .unwrap();
        let rows = rows(&[v]);
        assert_eq!(rows[0][0], "文件");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[1][3], "上下级合计不符");
        assert_eq!((rows[1][8].as_str(), rows[1][9].as_str()), ("5.00", "4.00"));
        assert_eq!(rule_name("nothing"), "其他");
    }

    #[test]
    fn records_read_back_as_the_page_shows_them() {
        let text = include_str!("../../../tests/fixtures/verify/reference-2023.txt");
        let v = crate::core::verify::verify_text("", text).unwrap();
        let back = from_records(&records(&v)).unwrap();
        assert_eq!(back.template, v.template);
        assert_eq!(back.findings, v.findings);
        assert_eq!(back.tables.len(), v.tables.len());
        for (a, b) in back.tables.iter().zip(&v.tables) {
            assert_eq!(
                (&a.title, &a.unit, a.columns, &a.headers, &a.rows),
                (&b.title, &b.unit, b.columns, &b.headers, &b.rows)
            );
        }
        assert!(from_records(&[vec!["row".into()]]).is_err());
        assert!(from_records(&[vec!["nonsense".into()]]).is_err());
    }
}
