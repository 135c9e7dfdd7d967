//! The native JSON file format: versioned, lossless, documented in `docs/FORMAT.md`.
//!
//! Reading is atomic: a file either becomes a whole valid [`Budget`] or an error that
//! names the place (line and column for syntax and type errors, a JSON path for rules that
//! span fields). Nothing here panics on any input.

use crate::core::domain::model::{Budget, Invalid};
use crate::core::domain::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The `format` field every file carries.
pub const FORMAT: &str = "yusuan-budget";
/// The version this build writes. Older versions are migrated in [`from_json`].
pub const VERSION: u32 = 8;
/// Files larger than this are refused before parsing (50 MiB).
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// What the app stored itself may be larger: 50 scenarios of 10,000 lines are about
/// 100 MB. This bounds a damaged store, not a user's file.
pub const MAX_STORED_BYTES: usize = 1024 * 1024 * 1024;

/// Why a file could not be read. Nothing is changed when reading fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    /// The file is larger than [`MAX_BYTES`].
    TooLarge { bytes: usize },
    /// Not valid JSON, or a value of the wrong type, at this place.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON but not a budget file (no or another `format`).
    NotABudget,
    /// Written by a newer version of the app.
    NewerVersion(u32),
    /// A rule across fields is broken; `path` is like `lines[3].id`.
    Invalid { path: String, message: String },
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::TooLarge { bytes } => write!(
                f,
                "文件过大（{:.1} MB），最多 {} MB",
                *bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            FileError::Syntax {
                line,
                column,
                message,
            } => write!(f, "第{line}行第{column}列：{message}"),
            FileError::NotABudget => {
                write!(f, "这不是预算计算器的文件（缺少 \"format\": \"{FORMAT}\"）")
            }
            FileError::NewerVersion(v) => write!(
                f,
                "文件版本为 {v}，比本程序支持的版本 {VERSION} 新，请使用新版程序打开"
            ),
            FileError::Invalid { path, message } => write!(f, "{path}：{message}"),
        }
    }
}

impl std::error::Error for FileError {}

/// A reading error of `text`: a value of the wrong type where serde_json says “expected
/// value” (it does for an enum given `null`, a number, an array or an object) is a type
/// error when the text is valid JSON, not a syntax error.
fn typed(text: &str) -> impl Fn(serde_json::Error) -> FileError + '_ {
    move |e| {
        let expected_value = e.classify() == serde_json::error::Category::Syntax
            && e.to_string().starts_with("expected value");
        let (line, column) = (e.line(), e.column());
        let err = syntax(e);
        if !expected_value || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
            return err;
        }
        FileError::Syntax {
            line,
            column,
            message: format!(
                "类型不对：应为文本（规定的取值之一），实为{}",
                crate::core::formats::messages::json_kind_at(text, line, column)
            ),
        }
    }
}

/// A serde_json error as the file reader says it: where, and what, in Chinese (for other
/// JSON the CLI reads, such as a 测算 model).
pub fn json_error(e: serde_json::Error) -> FileError {
    syntax(e)
}

fn syntax(e: serde_json::Error) -> FileError {
    use crate::core::formats::messages::{data_detail, syntax_detail};
    use serde_json::error::Category;
    let raw = e.to_string();
    // serde_json appends " at line L column C"; keep the detail only.
    let detail = raw
        .rsplit_once(" at line ")
        .map(|(d, _)| d.to_string())
        .unwrap_or(raw);
    let message = match e.classify() {
        Category::Syntax => format!("JSON 语法错误（{}）", syntax_detail(&detail)),
        Category::Eof => "文件不完整，JSON 提前结束".to_string(),
        Category::Data => format!("数据错误：{}", data_detail(&detail)),
        Category::Io => "文件无法读取".to_string(),
    };
    FileError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
    }
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u32>,
}

// Every struct of the format refuses a key it does not know (a misspelt `"curent"` would
// otherwise be dropped without a word and lost on the next save).

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `format` and `version` were read by `Header`.
struct FileV1 {
    format: String,
    version: u32,
    budget: Budget,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioV2 {
    name: String,
    budget: Budget,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // `format` and `version` were read by `Header`; `ancestors` is the store's.
struct FileV2 {
    format: String,
    version: u32,
    /// Index of the scenario shown when the file is opened.
    #[serde(default)]
    current: usize,
    scenarios: Vec<ScenarioV2>,
    /// Written into browser storage only (`merge::with_ancestors`): readers skip it.
    #[serde(default)]
    ancestors: Option<serde::de::IgnoredAny>,
}

/// The name a version-1 file's budget gets as a scenario: its year and unit.
pub fn default_name(b: &Budget) -> String {
    let name: String = format!("{}年 {}", b.unit.year, b.unit.name)
        .chars()
        .take(crate::core::domain::workspace::MAX_NAME)
        .collect();
    let name = name.trim().to_string();
    if name.is_empty() {
        "方案一".into()
    } else {
        name
    }
}

fn in_scenario(i: usize, e: FileError) -> FileError {
    match e {
        FileError::Invalid { path, message } => FileError::Invalid {
            path: format!("scenarios[{i}].{path}"),
            message,
        },
        other => other,
    }
}

/// Reads a file of any known version into named scenarios and the index of the current one.
/// Version 1 held one `budget`; version 2 holds `scenarios` (each a `name` and a `budget`).
fn read_parts(text: &str) -> Result<(Vec<(String, Budget)>, usize), FileError> {
    read_parts_within(text, MAX_BYTES)
}

fn read_parts_within(
    text: &str,
    limit: usize,
) -> Result<(Vec<(String, Budget)>, usize), FileError> {
    if text.len() > limit {
        return Err(FileError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A JSON value that is not an object (an array, a number) is valid JSON but no budget.
    if !text.trim_start().starts_with('{') {
        serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax)?;
        return Err(FileError::NotABudget);
    }
    let header: Header = serde_json::from_str(text).map_err(typed(text))?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(FileError::NotABudget);
    }
    match header.version {
        // Migration 1 → 2: the single budget becomes the only scenario.
        Some(1) => {
            let mut budget = serde_json::from_str::<FileV1>(text)
                .map_err(typed(text))?
                .budget;
            budget.admit()?;
            Ok((vec![(default_name(&budget), budget)], 0))
        }
        // Version 3 added the budget's kind and 预算单位 (defaults: one 行政单位), so a
        // version-2 file reads the same way; version 4 added the 绩效目标表 (`goals`,
        // default none), so a version-3 file reads as before; version 5 added the
        // disclosure template (`template`, default the reference's), so a version-4 file
        // reads as before; version 6 added 十二、其他说明 (`unit.purchase_services`,
        // `unit.other_notes`, `services`, each empty by default); version 7 added the
        // 基本支出测算 models (`staffing`) and the lines they make (`generated`); version 8
        // added a staff row's first month (`from`) and 调资 (`pay_changes`), none by default.
        Some(2..=8) => {
            let f = serde_json::from_str::<FileV2>(text).map_err(typed(text))?;
            let max = crate::core::domain::workspace::MAX_SCENARIOS;
            if f.scenarios.is_empty() || f.scenarios.len() > max {
                return Err(FileError::Invalid {
                    path: "scenarios".into(),
                    message: format!(
                        "方案个数应为 1 到 {max} 个，文件中有 {} 个",
                        f.scenarios.len()
                    ),
                });
            }
            let mut parts = Vec::with_capacity(f.scenarios.len());
            for (i, mut s) in f.scenarios.into_iter().enumerate() {
                s.budget.admit().map_err(|e| in_scenario(i, e.into()))?;
                let name = crate::core::domain::workspace::clean_name(&s.name).map_err(|e| {
                    FileError::Invalid {
                        path: format!("scenarios[{i}].name"),
                        message: e.to_string(),
                    }
                })?;
                parts.push((name, s.budget));
            }
            if f.current >= parts.len() {
                return Err(FileError::Invalid {
                    path: "current".into(),
                    message: format!(
                        "当前方案序号为 {}，但文件只有 {} 个方案（序号从 0 起）",
                        f.current,
                        parts.len()
                    ),
                });
            }
            Ok((parts, f.current))
        }
        Some(v) if v > VERSION => Err(FileError::NewerVersion(v)),
        Some(v) => Err(FileError::Invalid {
            path: "version".into(),
            message: format!("未知的文件版本 {v}"),
        }),
        None => Err(FileError::Invalid {
            path: "version".into(),
            message: "缺少文件版本号".into(),
        }),
    }
}

/// Reads a budget file of any version as a workspace of scenarios.
///
/// ```
/// use yusuan::core::formats::file::{read, write};
/// let ws = yusuan::core::domain::workspace::Workspace::new("方案一", yusuan::core::formats::reference::budget());
/// let back = read(&write(&ws, false)).unwrap();
/// assert_eq!(back.scenarios()[0].name, "方案一");
/// assert_eq!(back.budget(), ws.budget());
/// ```
pub fn read(text: &str) -> Result<Workspace, FileError> {
    workspace(read_parts(text)?)
}

/// Reads a file this build has just written of a budget it holds (what the page gives a
/// lazily loaded panel, issue 26): the current version in one pass, without `admit` — the
/// budget was admitted when it came in and changed only by commands since, which keep it
/// valid and settled. Never for a file from outside: that is [`read`]'s.
pub fn read_own(text: &str) -> Result<Workspace, FileError> {
    let f = serde_json::from_str::<FileV2>(text).map_err(typed(text))?;
    if f.version != VERSION {
        return Err(FileError::NotABudget);
    }
    let parts = f
        .scenarios
        .into_iter()
        .map(|s| (s.name, s.budget))
        .collect();
    workspace((parts, f.current))
}

/// Reads what the app stored in the browser: like [`read`], up to [`MAX_STORED_BYTES`].
pub fn read_stored(text: &str) -> Result<Workspace, FileError> {
    workspace(read_parts_within(text, MAX_STORED_BYTES)?)
}

fn workspace((parts, current): (Vec<(String, Budget)>, usize)) -> Result<Workspace, FileError> {
    Workspace::from_parts(parts, current).map_err(|e| FileError::Invalid {
        path: "scenarios".into(),
        message: e.to_string(),
    })
}

/// Reads a budget file: the budget of its current scenario (what `budget report` shows).
///
/// ```
/// use yusuan::core::formats::file::{from_json, to_json, FileError};
/// let b = yusuan::core::formats::reference::budget();
/// assert_eq!(from_json(&to_json(&b)).unwrap(), b);
/// let e = from_json("{\"format\": \"yusuan-budget\", \"version\": 1, \"budget\": [}").unwrap_err();
/// assert!(matches!(e, FileError::Syntax { line: 1, .. }));
/// ```
pub fn from_json(text: &str) -> Result<Budget, FileError> {
    let (mut parts, current) = read_parts(text)?;
    Ok(parts.swap_remove(current).1)
}

/// Writes every scenario of a workspace (pretty-printed for files people open, compact for
/// browser storage); amounts are strings in 元.
pub fn write(ws: &Workspace, pretty: bool) -> String {
    let scenarios = ws.scenarios().iter().map(|s| (s.name.as_str(), &s.budget));
    write_parts(ws.current_index(), scenarios.collect(), pretty)
}

/// Writes the scenario shown alone, compact (what the page gives a panel: issue 26).
pub fn write_current(ws: &Workspace) -> String {
    write_parts(0, vec![(ws.current().name.as_str(), ws.budget())], false)
}

fn write_parts(current: usize, scenarios: Vec<(&str, &Budget)>, pretty: bool) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        format: &'a str,
        version: u32,
        current: usize,
        scenarios: Vec<ScenarioRef<'a>>,
    }
    #[derive(Serialize)]
    struct ScenarioRef<'a> {
        name: &'a str,
        budget: &'a Budget,
    }
    let out = Out {
        format: FORMAT,
        version: VERSION,
        current,
        scenarios: scenarios
            .into_iter()
            .map(|(name, budget)| ScenarioRef { name, budget })
            .collect(),
    };
    let compact = serde_json::to_string(&out).unwrap_or_default();
    if pretty {
        indent(&compact)
    } else {
        compact
    }
}

/// Compact JSON laid out as `serde_json::to_string_pretty` lays it out (two spaces per
/// level, `": "`, empty `[]` and `{}` kept on one line). The budget is serialised once, compact,
/// and indented here: serde's pretty writer would be a second copy of every type's
/// serialiser in each wasm module (issue 26). `compact` is serde_json's own output: no
/// whitespace outside strings.
pub fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = compact.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                let close = if c == '{' { '}' } else { ']' };
                out.push(c);
                if chars.peek() == Some(&close) {
                    out.push(close);
                    chars.next();
                } else {
                    depth += 1;
                    new_line(&mut out, depth);
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                new_line(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(',');
                new_line(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

fn new_line(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
}

/// A file as the app opens it, written as the app saves it: the current version, every
/// scenario, texts cleaned — how a user upgrades an old file (`budget convert`). What reads
/// converts, and the converted text reads back to the same workspace.
///
/// ```
/// use yusuan::core::formats::file::{convert, read, to_json};
/// let old = to_json(&yusuan::core::formats::reference::budget());
/// let new = convert(&old).unwrap();
/// assert_eq!(read(&new).unwrap().budget(), read(&old).unwrap().budget());
/// assert_eq!(convert(&new).unwrap(), new);
/// ```
pub fn convert(text: &str) -> Result<String, FileError> {
    Ok(write(&read(text)?, true))
}

/// Writes one budget as a file with one scenario named after its year and unit.
pub fn to_json(budget: &Budget) -> String {
    to_json_named(budget, &default_name(budget))
}

/// Writes one budget as a file with one scenario of this name.
pub fn to_json_named(budget: &Budget, name: &str) -> String {
    let ws = Workspace::new(name, budget.clone());
    write(&ws, true)
}

impl From<Invalid> for FileError {
    fn from(e: Invalid) -> FileError {
        FileError::Invalid {
            path: e.path,
            message: e.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(budget: &str) -> String {
        format!("{{\"format\":\"{FORMAT}\",\"version\":1,\"budget\":{budget}}}")
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let e = from_json("{\n  \"format\": \"yusuan-budget\",\n  oops\n}").unwrap_err();
        match e {
            FileError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("{other:?}"),
        }
        assert!(e_str("").contains("JSON"));
    }

    fn e_str(s: &str) -> String {
        from_json(s).unwrap_err().to_string()
    }

    #[test]
    fn not_a_budget_and_versions() {
        assert_eq!(from_json("{}"), Err(FileError::NotABudget));
        assert_eq!(from_json("[1,2]"), Err(FileError::NotABudget));
        assert!(matches!(from_json("[1,"), Err(FileError::Syntax { .. })));
        assert_eq!(
            from_json("{\"format\":\"yusuan-budget\",\"version\":9}"),
            Err(FileError::NewerVersion(9))
        );
    }

    #[test]
    fn bad_code_names_its_place() {
        let b = wrap(
            r#"{"unit":{"name":"x","year":2023},"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"}],
"lines":[{"id":1,"kind":"basic","function":"20x","source":"g","current":"1"}]}"#,
        );
        let e = from_json(&b).unwrap_err();
        let FileError::Syntax { line, message, .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(*line, 2);
        assert!(message.contains("只能由数字组成"), "{message}");
    }

    #[test]
    fn cross_field_rules() {
        let b = wrap(
            r#"{"unit":{"name":"x","year":2023},"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"}],
"lines":[{"id":1,"kind":"basic","source":"g"},{"id":1,"kind":"basic","source":"g"}]}"#,
        );
        assert_eq!(
            from_json(&b),
            Err(FileError::Invalid {
                path: "budget.lines[1].id".into(),
                message: "明细编号 1 重复".into()
            })
        );
        let b = wrap(
            r#"{"unit":{"name":"x","year":2023},"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"}],
"lines":[{"id":1,"kind":"basic","source":"zz"}]}"#,
        );
        assert!(from_json(&b).unwrap_err().to_string().contains("zz"));
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(from_json(&deep).is_err());
        assert!(from_json("\u{0}\u{1}").is_err());
        let big = "x".repeat(MAX_BYTES + 1);
        assert_eq!(
            from_json(&big),
            Err(FileError::TooLarge {
                bytes: MAX_BYTES + 1
            })
        );
    }
}
