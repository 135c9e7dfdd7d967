//! Importing budget lines from a table (a CSV file, or a sheet of an XLSX workbook).
//!
//! The table is first read into rows of text ([`parse_csv`], or `xlsx::read`). A
//! [`Mapping`] says which of our columns each of its columns feeds; [`guess`] builds one from
//! a header row and tells whether every header was recognised (then the app imports at once;
//! otherwise it shows the mapping for the user to complete). [`plan`] turns the rows into new
//! lines, all or nothing: any bad cell rejects the import and every problem is listed by row
//! and column.

use crate::core::domain::model::{Budget, Kind};

use crate::core::domain::command::{Command, CommandError, FieldName, LineDraft};
use crate::core::domain::model::MAX_LINES;
use crate::core::domain::money::Unit;
use crate::core::formats::codelist::CodeName;
use crate::core::present::editor::{Column, PasteError};

/// Import files larger than this are refused before reading (20 MiB): a 200,000-line CSV is
/// about 15 MB.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// At most this many problems are listed (the count says how many there are in all).
pub const MAX_LISTED: usize = 200;

/// Which of our columns each column of the table feeds (`None`: ignored).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    /// Whether the first row holds headers (and is not imported).
    pub header_row: bool,
    pub columns: Vec<Option<Column>>,
    /// The unit of the amounts in the table.
    pub unit: Unit,
}

/// A guessed mapping and how sure it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guess {
    pub mapping: Mapping,
    /// Every non-empty header was recognised and the 功能分类科目 and 当年预算安排 columns
    /// were found: the table is ours (or close enough) and needs no mapping step.
    pub complete: bool,
    /// Header texts that were not recognised.
    pub unknown: Vec<String>,
}

/// Our columns that can be imported: every field, and the names of codes (which name
/// codes the built-in tables lack).
pub fn importable() -> impl Iterator<Item = Column> {
    Column::ALL
        .into_iter()
        .filter(|c| c.field().is_some() || matches!(c, Column::FunctionName | Column::EconName))
}

fn header_of(cell: &str) -> Option<(Column, Option<Unit>)> {
    crate::core::present::editor::read_header(cell)
}

/// Guesses the mapping from the first row. Name columns (科目名称) name the codes of their
/// row; the 编号 column of our own export is ignored (imported lines get new ids).
///
/// ```
/// use yusuan::core::formats::import::{guess, parse_csv};
/// let rows = parse_csv("编号,功能分类科目,科目名称,当年预算安排\n1,2010301,行政运行,100\n").unwrap();
/// let g = guess(&rows);
/// assert!(g.complete);
/// let rows = parse_csv("科目,说明二,钱\n2010301,x,100\n").unwrap();
/// assert!(!guess(&rows).complete);
/// ```
pub fn guess(rows: &[Vec<String>]) -> Guess {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let Some(first) = rows.first() else {
        return Guess {
            mapping: Mapping {
                header_row: false,
                columns: Vec::new(),
                unit: Unit::Yuan,
            },
            complete: false,
            unknown: Vec::new(),
        };
    };
    let mut columns = vec![None; width];
    let mut unknown = Vec::new();
    let mut recognised = 0;
    // Amounts in 元 unless a header states 万元 (“当年预算安排（万元）”).
    let mut unit = None;
    for (i, cell) in first.iter().enumerate() {
        let t = cell.trim();
        if t.is_empty() {
            continue;
        }
        match header_of(t) {
            Some((c, stated)) => {
                recognised += 1;
                unit = unit.or(stated);
                if importable().any(|x| x == c) && !columns.contains(&Some(c)) {
                    columns[i] = Some(c);
                }
            }
            None if t == "编号" || t == "序号" => recognised += 1,
            None => unknown.push(t.to_string()),
        }
    }
    let header_row = recognised > 0;
    let complete = header_row
        && unknown.is_empty()
        && columns.contains(&Some(Column::Function))
        && columns.contains(&Some(Column::Current));
    Guess {
        mapping: Mapping {
            header_row,
            columns,
            unit: unit.unwrap_or(Unit::Yuan),
        },
        complete,
        unknown,
    }
}

/// Reads CSV text (comma, tab or semicolon separated, as the first line shows; a leading
/// byte-order mark is dropped) into rows of trimmed cells. Blank rows at the end are dropped.
pub fn parse_csv(text: &str) -> Result<Vec<Vec<String>>, PasteError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(PasteError {
            row: 1,
            column: 1,
            message: too_large(text.len()),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| PasteError {
            row: e.position().map(|p| p.line() as usize).unwrap_or(i + 1),
            column: 1,
            message: "CSV 格式错误".into(),
        })?;
        if record.len() > MAX_COLUMNS {
            return Err(PasteError {
                row: rows.len() + 1,
                column: MAX_COLUMNS + 1,
                message: format!("列数过多（{} 列，最多 {MAX_COLUMNS} 列）", record.len()),
            });
        }
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
        if rows.len() > MAX_LINES + 1 {
            return Err(PasteError {
                row: rows.len(),
                column: 1,
                message: format!("行数过多（最多 {MAX_LINES} 行）"),
            });
        }
    }
    while rows
        .last()
        .is_some_and(|r: &Vec<String>| r.iter().all(|c| c.is_empty()))
    {
        rows.pop();
    }
    Ok(rows)
}

/// At most this many columns in an imported sheet or CSV (a budget line has about twenty
/// fields; a row of a million columns would make the mapping screen unusable).
pub const MAX_COLUMNS: usize = 500;

/// The message for a file over [`MAX_IMPORT_BYTES`].
pub fn too_large(bytes: usize) -> String {
    format!(
        "文件过大（{:.1} MB），导入文件最多 {} MB",
        bytes as f64 / 1_048_576.0,
        MAX_IMPORT_BYTES / 1_048_576
    )
}

/// The lines an import adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub drafts: Vec<LineDraft>,
    /// Rows skipped as subtotals (合计/小计/总计) or left blank.
    pub skipped: usize,
    /// Names the file gives codes, where they are new or differ from the current ones.
    pub names: Vec<CodeName>,
    /// Whether the file's names replace differing current names (new names are always
    /// kept: they name codes that have none).
    pub keep_file_names: bool,
}

impl Plan {
    /// Commands that name codes as chosen, then add the lines after the existing ones.
    pub fn append(&self) -> Vec<Command> {
        let names = self
            .names
            .iter()
            .filter(|n| n.current.is_none() || self.keep_file_names)
            .map(|n| Command::SetCodeName {
                code: n.code.clone(),
                name: n.name.clone(),
            });
        names
            .chain(self.drafts.iter().cloned().map(Command::AddLine))
            .collect()
    }

    /// The names that differ from the current ones (the user chooses whether to keep them).
    pub fn differing(&self) -> impl Iterator<Item = &CodeName> {
        self.names.iter().filter(|n| n.current.is_some())
    }

    /// A command that replaces every line of `budget` with the imported ones (the rest of
    /// the budget — income, sources, texts — is kept).
    pub fn replace(&self, budget: &Budget) -> Result<Command, CommandError> {
        let mut b = budget.clone();
        b.lines.clear();
        b.apply_all(self.append()).map_err(|(_, e)| e)?;
        Ok(Command::Replace(Box::new(b)))
    }
}

/// The names a row gives its codes: (code, name) for each name column with a code beside.
fn row_names(draft: &LineDraft, row: &[String], mapping: &Mapping) -> Vec<(String, String)> {
    let cell = |col: Column| {
        mapping
            .columns
            .iter()
            .position(|c| *c == Some(col))
            .and_then(|i| row.get(i))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut out = Vec::new();
    if let (Some(code), Some(name)) = (draft.function, cell(Column::FunctionName)) {
        out.push((code.to_string(), name));
    }
    if let (Some(code), Some(name)) = (draft.economic, cell(Column::EconName)) {
        out.push((code.to_string(), name));
    }
    out
}

/// The names a file gives codes that are new or differ from the current ones (for the
/// import panel to show before importing; rows that do not parse are left out here and
/// reported by [`plan`]).
pub fn file_names(budget: &Budget, rows: &[Vec<String>], mapping: &Mapping) -> Vec<CodeName> {
    let at = |col: Column| mapping.columns.iter().position(|c| *c == Some(col));
    let pairs = [
        (Column::Function, Column::FunctionName),
        (Column::Economic, Column::EconName),
    ];
    let mut named = Vec::new();
    for row in rows.iter().skip(usize::from(mapping.header_row)) {
        for (code_col, name_col) in pairs {
            let (Some(c), Some(n)) = (at(code_col), at(name_col)) else {
                continue;
            };
            let cell = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
            let field = code_col.field().unwrap_or(FieldName::Function);
            if let (Ok(f), false) = (budget.parse_field(0, field, cell(c)), cell(n).is_empty()) {
                let code = match f {
                    crate::core::domain::command::Field::Function(Some(x)) => x.to_string(),
                    crate::core::domain::command::Field::Economic(Some(x)) => x.to_string(),
                    _ => continue,
                };
                named.push((code, cell(n).to_string()));
            }
        }
    }
    name_choices(budget, named)
}

/// The names of a file that are new or differ, each code once (its first name).
fn name_choices(budget: &Budget, named: Vec<(String, String)>) -> Vec<CodeName> {
    let mut out: Vec<CodeName> = Vec::new();
    for (code, name) in named {
        if name.chars().count() > crate::core::domain::model::MAX_TEXT
            || out.iter().any(|n| n.code == code)
        {
            continue;
        }
        let current = crate::core::formats::codelist::current(budget, &code);
        if current.as_deref() != Some(name.as_str()) {
            out.push(CodeName {
                code,
                name,
                current,
            });
        }
    }
    out
}

fn is_total_row(row: &[String]) -> bool {
    row.iter()
        .map(|c| c.trim())
        .find(|c| !c.is_empty())
        .is_some_and(|c| ["合计", "小计", "总计", "本页合计"].contains(&c))
}

/// One row as a new line; every bad cell goes to `errors`.
fn parse_row(
    budget: &Budget,
    row: &[String],
    row_no: usize,
    mapping: &Mapping,
    default_source: &str,
    errors: &mut Vec<PasteError>,
) -> LineDraft {
    let mut draft = LineDraft::new(Kind::Basic, default_source);
    let mut has_kind = false;
    let mut has_function = false;
    for (c, col) in mapping.columns.iter().enumerate() {
        let Some(col) = col else { continue };
        let Some(field) = col.field() else { continue };
        let cell = row.get(c).map(|s| s.trim()).unwrap_or("");
        if cell.is_empty() {
            continue;
        }
        has_function |= field == FieldName::Function;
        match budget.parse_field_in(0, field, cell, mapping.unit) {
            Ok(f) => {
                has_kind |= field == FieldName::Kind;
                draft.set(f)
            }
            Err(e) => {
                let message = match e {
                    CommandError::Field { error, .. } => format!("{}：{error}", col.label()),
                    other => other.to_string(),
                };
                errors.push(PasteError {
                    row: row_no,
                    column: c + 1,
                    message,
                })
            }
        }
    }
    if !has_function {
        let column = mapping
            .columns
            .iter()
            .position(|c| *c == Some(Column::Function))
            .map_or(1, |i| i + 1);
        errors.push(PasteError {
            row: row_no,
            column,
            message: "功能分类科目不能为空".into(),
        });
    }
    if !has_kind && !draft.project.is_empty() {
        draft.kind = Kind::Project;
    }
    draft
}

/// Rules across fields (e.g. a 基本支出 line needs an economic code) are the budget's own:
/// every line is tried on a scratch copy so each refusal names its row.
fn check_on_scratch(budget: &Budget, drafts: &[(usize, LineDraft)]) -> Result<(), Vec<PasteError>> {
    let mut errors = Vec::new();
    let mut scratch = budget.clone();
    scratch.lines.clear();
    for (row, d) in drafts {
        if let Err(e) = scratch.apply(Command::AddLine(d.clone())) {
            errors.push(PasteError {
                row: *row,
                column: 1,
                message: e.to_string(),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Turns rows into new lines. Row and column numbers in the problems count from 1 as a
/// spreadsheet shows them. Without a 支出类型 column a row with a 项目名称 is 项目支出, else
/// 基本支出; without a 资金来源 column lines take the budget's first source.
///
/// ```
/// use yusuan::core::formats::import::{guess, parse_csv, plan};
/// let b = yusuan::core::formats::reference::budget();
/// let rows = parse_csv("功能分类科目,当年预算安排\n2010301,abc\n20x,5\n").unwrap();
/// let errors = plan(&b, &rows, &guess(&rows).mapping).unwrap_err();
/// assert_eq!(errors[0].to_string(), "第2行第2列：当年预算安排：“abc”不是有效的金额");
/// assert!(errors[1].to_string().starts_with("第3行第1列：功能分类科目："));
/// ```
pub fn plan(
    budget: &Budget,
    rows: &[Vec<String>],
    mapping: &Mapping,
) -> Result<Plan, Vec<PasteError>> {
    let fail = |message: String| {
        Err(vec![PasteError {
            row: 1,
            column: 1,
            message,
        }])
    };
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return fail("文件中没有数据".into());
    }
    let mapped = |c: Column| mapping.columns.contains(&Some(c));
    if !mapped(Column::Function) || !mapped(Column::Current) {
        return fail("请指定“功能分类科目”和“当年预算安排”各在哪一列".into());
    }
    for c in importable() {
        if mapping.columns.iter().filter(|m| **m == Some(c)).count() > 1 {
            return fail(format!("“{}”对应了多列，请只保留一列", c.label()));
        }
    }
    let body_start = usize::from(mapping.header_row);
    let body = rows.get(body_start..).unwrap_or(&[]);
    if body.len() > MAX_LINES {
        return fail(format!(
            "行数过多（{} 行，最多 {MAX_LINES} 行）",
            body.len()
        ));
    }
    let default_source = budget.default_source();
    let mut errors = Vec::new();
    let mut drafts = Vec::with_capacity(body.len());
    let mut named = Vec::new();
    let mut skipped = 0;
    for (r, row) in body.iter().enumerate() {
        let row_no = body_start + r + 1;
        if row.iter().all(|c| c.trim().is_empty()) || is_total_row(row) {
            skipped += 1;
            continue;
        }
        let draft = parse_row(budget, row, row_no, mapping, &default_source, &mut errors);
        named.extend(row_names(&draft, row, mapping));
        drafts.push((row_no, draft));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if drafts.is_empty() {
        return fail("表中没有可导入的明细行".into());
    }
    check_on_scratch(budget, &drafts)?;
    Ok(Plan {
        drafts: drafts.into_iter().map(|(_, d)| d).collect(),
        skipped,
        names: name_choices(budget, named),
        keep_file_names: false,
    })
}
