//! 导入科目表: a table of codes and names (科目编码, 科目名称) from CSV or XLSX, added to
//! the budget's own names: checked row by row, previewed, applied all or nothing.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::command::Command;
use crate::core::domain::model::{Budget, MAX_TEXT};
use crate::core::present::editor::PasteError;

const CODE_HEADERS: &[&str] = &[
    "科目编码",
    "编码",
    "代码",
    "科目代码",
    "功能分类科目编码",
    "功能分类科目",
    "经济分类科目编码",
    "经济分类科目",
];
const NAME_HEADERS: &[&str] = &["科目名称", "名称", "功能分类科目名称", "经济分类科目名称"];

/// A name a file gives a code: new (the code has no name yet), or differing from the
/// name the code has now (built-in or the budget's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeName {
    pub code: String,
    pub name: String,
    /// The name the code has now; `None`: none.
    pub current: Option<String>,
}

/// A code list read from a table: the names that are new or differ from the current ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeList {
    pub names: Vec<CodeName>,
    /// Rows whose name is already the code's name.
    pub unchanged: usize,
}

impl CodeList {
    /// One command per name (the app applies them as one undoable step).
    pub fn commands(&self) -> Vec<Command> {
        self.names
            .iter()
            .map(|n| Command::SetCodeName {
                code: n.code.clone(),
                name: n.name.clone(),
            })
            .collect()
    }
}

/// The columns of code and name: found by the header row, else the first two.
fn columns(rows: &[Vec<String>]) -> (usize, usize, usize) {
    let find = |row: &[String], names: &[&str]| row.iter().position(|c| names.contains(&c.trim()));
    match rows.first() {
        Some(h) => match (find(h, CODE_HEADERS), find(h, NAME_HEADERS)) {
            (Some(c), Some(n)) => (c, n, 1),
            _ => (0, 1, 0),
        },
        None => (0, 1, 0),
    }
}

/// A code as typed (`2081005`, `208 10 05`, `30202`): 功能分类 (starting with 2) or 经济分类
/// (3 or 5), in its canonical form.
fn code_of(text: &str) -> Result<String, String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.starts_with('3') || digits.starts_with('5') {
        EconCode::parse(&digits)
            .map(|c| c.to_string())
            .map_err(|e| e.to_string())
    } else {
        FunctionCode::parse_typed(&digits)
            .map(|c| c.to_string())
            .map_err(|e| e.to_string())
    }
}

/// The name a code has now (the budget's own, else the built-in one): 经济分类 codes
/// start with 3 or 5, 功能分类 codes with 2.
pub fn current(budget: &Budget, code: &str) -> Option<String> {
    if code.starts_with('3') || code.starts_with('5') {
        let c = EconCode::parse(code).ok()?;
        budget.econ_name(c).map(str::to_string)
    } else {
        let c = FunctionCode::parse(code).ok()?;
        budget.function_name(c).map(str::to_string)
    }
}

/// Reads a code list; every bad row is listed by row and column (counted from 1), and
/// then nothing is taken.
///
/// ```
/// use yusuan::core::formats::{codelist::read, import::parse_csv};
/// let b = yusuan::core::formats::reference::budget();
/// let rows = parse_csv("科目编码,科目名称\n2081005,社会福利事业单位\n2010306,政务公开审批\n30202,咨询费\n").unwrap();
/// let list = read(&b, &rows).unwrap();
/// assert_eq!(list.names.len(), 2); // 2010306 already has that name
/// assert_eq!(list.names[1].current.as_deref(), Some("印刷费"));
/// ```
pub fn read(budget: &Budget, rows: &[Vec<String>]) -> Result<CodeList, Vec<PasteError>> {
    let (code_col, name_col, skip) = columns(rows);
    let mut errors = Vec::new();
    let mut names: Vec<CodeName> = Vec::new();
    let mut unchanged = 0;
    for (r, row) in rows.iter().enumerate().skip(skip) {
        let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
        let (code, name) = (cell(code_col), cell(name_col));
        if code.is_empty() && name.is_empty() {
            continue;
        }
        let err = |column: usize, message: String| PasteError {
            row: r + 1,
            column: column + 1,
            message,
        };
        let code = match code_of(code) {
            Ok(c) => c,
            Err(e) => {
                errors.push(err(code_col, e));
                continue;
            }
        };
        if name.is_empty() || name.chars().count() > MAX_TEXT {
            errors.push(err(name_col, format!("科目{code}的名称为空或过长")));
            continue;
        }
        if let Some(other) = names.iter().find(|n| n.code == code && n.name != name) {
            let msg = format!("科目{code}已在前面命名为“{}”", other.name);
            errors.push(err(name_col, msg));
            continue;
        }
        let now = current(budget, &code);
        if now.as_deref() == Some(name) || names.iter().any(|n| n.code == code) {
            unchanged += 1;
            continue;
        }
        names.push(CodeName {
            code,
            name: name.to_string(),
            current: now,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if names.is_empty() && unchanged == 0 {
        return Err(vec![PasteError {
            row: 1,
            column: 1,
            message: "表中没有科目（需要科目编码和科目名称两列）".into(),
        }]);
    }
    Ok(CodeList { names, unchanged })
}
