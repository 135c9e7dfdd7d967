//! A payroll sheet (工资表: CSV or a sheet of XLSX, read into rows of text) imported as the
//! persons (or groups) of a 基本支出测算 model: each column guessed from its header (姓名,
//! 人员类别, 人数, 月数, 起始月 and each pay item by its name or a usual synonym), the
//! mapping editable, then every row read — all or nothing, every bad row listed.

use crate::core::domain::money::{Money, Unit};
use crate::core::domain::staffing::{Staff, StaffCategory, StaffModel, MAX_STAFF};
use std::collections::BTreeMap;

/// What a column of the sheet feeds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayrollColumn {
    /// 姓名 or 编号 (personal data: kept in the browser and saved files only).
    Name,
    Category,
    Count,
    Months,
    /// The first month paid.
    From,
    /// A pay item (its id in the model).
    Item(String),
}

impl PayrollColumn {
    /// The column's name as the mapping step shows it.
    pub fn label(&self, m: &StaffModel) -> String {
        match self {
            PayrollColumn::Name => "姓名/编号".into(),
            PayrollColumn::Category => "人员类别".into(),
            PayrollColumn::Count => "人数".into(),
            PayrollColumn::Months => "月数".into(),
            PayrollColumn::From => "起始月".into(),
            PayrollColumn::Item(id) => m
                .pay_items
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| id.clone()),
        }
    }

    /// Every column a model's sheet can have, in the order the mapping step offers them.
    pub fn all(m: &StaffModel) -> Vec<PayrollColumn> {
        let mut out = vec![
            PayrollColumn::Name,
            PayrollColumn::Category,
            PayrollColumn::Count,
            PayrollColumn::Months,
            PayrollColumn::From,
        ];
        out.extend(
            m.pay_items
                .iter()
                .map(|p| PayrollColumn::Item(p.id.clone())),
        );
        out
    }
}

/// Which column feeds what, and whether the first row is the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayrollMapping {
    pub header_row: bool,
    pub columns: Vec<Option<PayrollColumn>>,
}

/// The most bad rows listed (the count of the others is said).
pub const MAX_LISTED: usize = 200;

/// A header as compared: no spaces, no unit suffix (“（元）”, “(元/月)”).
fn normal(h: &str) -> String {
    let mut s: String = h.chars().filter(|c| !c.is_whitespace()).collect();
    for suffix in ["（元/月）", "(元/月)", "（元）", "(元)", "（月）", "(月)"] {
        if let Some(t) = s.strip_suffix(suffix) {
            s = t.to_string();
        }
    }
    s
}

/// The usual names of the default pay items on payroll sheets.
const SYNONYMS: [(&str, &[&str]); 7] = [
    (
        "post",
        &["职务工资", "岗位工资", "职务/岗位工资", "职务岗位工资"],
    ),
    (
        "grade",
        &["级别工资", "薪级工资", "级别/薪级工资", "级别薪级工资"],
    ),
    (
        "allowance",
        &[
            "津贴补贴",
            "规范津贴补贴",
            "津补贴",
            "规范津补贴",
            "地区附加津贴",
        ],
    ),
    ("reform", &["改革性补贴"]),
    ("merit", &["绩效工资", "奖励性绩效工资", "基础性绩效工资"]),
    ("pension", &["退休费", "离退休费", "离休费"]),
    ("living", &["生活补助", "遗属生活补助"]),
];

fn header_of(cell: &str, m: &StaffModel) -> Option<PayrollColumn> {
    let h = normal(cell);
    let fixed = match h.as_str() {
        "姓名" | "名称" | "人员" | "编号" | "人员编号" | "工号" | "人员姓名" => {
            Some(PayrollColumn::Name)
        }
        "人员类别" | "类别" | "人员身份" | "身份" | "编制类型" | "编制类别" | "人员类型" => {
            Some(PayrollColumn::Category)
        }
        "人数" => Some(PayrollColumn::Count),
        "月数" | "发放月数" | "在职月数" => Some(PayrollColumn::Months),
        "起始月" | "起薪月" | "起始月份" | "入职月份" => Some(PayrollColumn::From),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if let Some(p) = m.pay_items.iter().find(|p| normal(&p.name) == h) {
        return Some(PayrollColumn::Item(p.id.clone()));
    }
    SYNONYMS
        .iter()
        .find(|(id, names)| names.contains(&h.as_str()) && m.pay_items.iter().any(|p| p.id == *id))
        .map(|(id, _)| PayrollColumn::Item(id.to_string()))
}

/// The mapping guessed from the first row: a header when any cell names a column.
pub fn guess(rows: &[Vec<String>], m: &StaffModel) -> PayrollMapping {
    let first = rows.first().map(Vec::as_slice).unwrap_or(&[]);
    let mut columns: Vec<Option<PayrollColumn>> = Vec::with_capacity(first.len());
    for cell in first {
        let c = header_of(cell, m).filter(|c| !columns.contains(&Some(c.clone())));
        columns.push(c);
    }
    let header_row = columns.iter().any(Option::is_some);
    PayrollMapping {
        header_row,
        columns,
    }
}

/// A 人员类别 as payroll sheets write it.
pub fn category(text: &str) -> Option<StaffCategory> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let c = match t.as_str() {
        "行政编制" | "行政" | "公务员" | "行政人员" => StaffCategory::Administrative,
        "参公" | "参照公务员法管理" | "参公人员" | "参照公务员" => {
            StaffCategory::CivilService
        }
        "事业编制" | "事业" | "事业人员" => StaffCategory::Institution,
        "工勤" | "工勤人员" | "机关工勤" => StaffCategory::Worker,
        "编外聘用" | "编外" | "聘用" | "编外人员" | "合同制" => {
            StaffCategory::Contract
        }
        "离休" | "离休人员" => StaffCategory::RetiredCadre,
        "退休" | "退休人员" => StaffCategory::Retired,
        "遗属" => StaffCategory::Survivor,
        _ => return None,
    };
    Some(c)
}

fn is_total_row(row: &[String]) -> bool {
    row.iter().any(|c| {
        let t: String = c.chars().filter(|c| !c.is_whitespace()).collect();
        matches!(t.as_str(), "合计" | "小计" | "总计")
    })
}

fn whole(text: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    text.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| format!("{what}“{text}”应为{}到{}的整数", range.start(), range.end()))
}

/// The values one row gives, before they make a staff row.
#[derive(Default)]
struct Cells {
    name: String,
    category: Option<StaffCategory>,
    count: Option<u32>,
    months: Option<u8>,
    from: Option<u8>,
    monthly: BTreeMap<String, Money>,
}

fn read_cell(cells: &mut Cells, column: &PayrollColumn, text: &str) -> Result<(), String> {
    match column {
        PayrollColumn::Name => cells.name = text.chars().take(200).collect(),
        PayrollColumn::Category => {
            cells.category = Some(category(text).ok_or_else(|| {
                format!("人员类别“{text}”无法识别（可填行政编制、参公、事业编制、工勤、编外聘用、离休、退休、遗属）")
            })?)
        }
        PayrollColumn::Count => cells.count = Some(whole(text, "人数", 0..=1_000_000)?),
        PayrollColumn::Months => cells.months = Some(whole(text, "月数", 1..=12)? as u8),
        PayrollColumn::From => cells.from = Some(whole(text, "起始月", 1..=12)? as u8),
        PayrollColumn::Item(id) => {
            let v = Money::parse_in(text, Unit::Yuan).map_err(|e| format!("“{text}”：{e}"))?;
            if v.is_negative() {
                return Err(format!("金额“{text}”不能为负数"));
            }
            if !v.is_zero() {
                cells.monthly.insert(id.clone(), v);
            }
        }
    }
    Ok(())
}

fn staff_of(cells: Cells) -> Result<Staff, String> {
    let category = cells.category.ok_or("人员类别为空")?;
    let months = cells
        .months
        .unwrap_or_else(|| cells.from.map(|f| 13 - f).unwrap_or(12));
    if let Some(f) = cells.from {
        if f + months > 13 {
            return Err(format!("从{f}月起{months}个月，超出了本年"));
        }
    }
    Ok(Staff {
        name: cells.name,
        category,
        count: cells.count.unwrap_or(1),
        months,
        from: cells.from,
        monthly: cells.monthly,
    })
}

/// One row as a staff row, or what is wrong with it.
fn parse_row(row: &[String], mapping: &PayrollMapping) -> Result<Staff, String> {
    let mut cells = Cells::default();
    let mut faults = Vec::new();
    for (i, column) in mapping.columns.iter().enumerate() {
        let (Some(column), Some(text)) = (column, row.get(i)) else {
            continue;
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        if let Err(e) = read_cell(&mut cells, column, text) {
            faults.push(e);
        }
    }
    if !faults.is_empty() {
        return Err(faults.join("；"));
    }
    staff_of(cells)
}

/// Every row read as a staff row (empty and 合计 rows skipped), or every bad row listed
/// (“第N行：…”, N as the sheet numbers it) — nothing is imported unless all rows read.
pub fn plan(rows: &[Vec<String>], mapping: &PayrollMapping) -> Result<Vec<Staff>, Vec<String>> {
    if !mapping.columns.contains(&Some(PayrollColumn::Category)) {
        return Err(vec!["请指定“人员类别”列".into()]);
    }
    if !mapping
        .columns
        .iter()
        .any(|c| matches!(c, Some(PayrollColumn::Item(_))))
    {
        return Err(vec!["请至少指定一个工资项目列".into()]);
    }
    let body = &rows[usize::from(mapping.header_row).min(rows.len())..];
    if body.len() > MAX_STAFF {
        return Err(vec![format!("工资表有{}行，最多{MAX_STAFF}行", body.len())]);
    }
    let mut staff = Vec::with_capacity(body.len());
    let mut bad = Vec::new();
    for (i, row) in body.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) || is_total_row(row) {
            continue;
        }
        match parse_row(row, mapping) {
            Ok(s) => staff.push(s),
            Err(e) => bad.push(format!(
                "第{}行：{e}",
                i + 1 + usize::from(mapping.header_row)
            )),
        }
    }
    if !bad.is_empty() {
        let more = bad.len().saturating_sub(MAX_LISTED);
        bad.truncate(MAX_LISTED);
        if more > 0 {
            bad.push(format!("另有{more}行有误"));
        }
        return Err(bad);
    }
    if staff.is_empty() {
        return Err(vec!["工资表中没有人员行".into()]);
    }
    Ok(staff)
}
