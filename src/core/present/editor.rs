//! The line editor's logic, independent of any view: its columns, what each cell shows and
//! edits, which rows are visible (filter, sort, grouping by 类/款 with subtotals), and
//! turning a block pasted from Excel/WPS into commands, all or nothing.

use crate::core::domain::codes::{FunctionCode, Level};
use crate::core::domain::command::{Command, CommandError, FieldName, LineDraft};
use crate::core::domain::model::{Budget, Kind, Line, LineId};
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::template::TemplateId;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// A column of the line grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Kind,
    Function,
    /// 科目名称 of the functional code (derived, read-only).
    FunctionName,
    Economic,
    /// Name of the economic code (derived, read-only).
    EconName,
    GovEconomic,
    Project,
    Source,
    Current,
    CarryOver,
    Prior,
    Note,
    /// 预算单位 (shown when a department has several).
    Unit,
    /// 上年执行数 (shown for templates that print it, or when a line has one).
    Executed,
}

impl Column {
    /// In grid order: what identifies a line, then its amounts, then the rarely used.
    pub const ALL: [Column; 14] = [
        Column::Kind,
        Column::Function,
        Column::FunctionName,
        Column::Economic,
        Column::EconName,
        Column::Project,
        Column::Source,
        Column::Current,
        Column::CarryOver,
        Column::Prior,
        Column::GovEconomic,
        Column::Note,
        Column::Unit,
        Column::Executed,
    ];

    /// The columns the grid shows for a budget: 预算单位 only when it has several;
    /// 上年执行数 when the template prints it or a line has one.
    pub fn shown(budget: &Budget) -> Vec<Column> {
        let executed = budget.template == TemplateId::Shanghai
            || budget.lines.iter().any(|l| l.executed.is_some());
        Column::ALL
            .iter()
            .copied()
            .filter(|c| match c {
                Column::Unit => budget.units.len() > 1,
                Column::Executed => executed,
                _ => true,
            })
            .collect()
    }

    /// The grid's column header (short; [`Column::label`] is the full name).
    pub fn short_label(self) -> &'static str {
        match self {
            Column::Kind => "类型",
            Column::Function => "功能科目",
            Column::Economic => "经济科目",
            Column::GovEconomic => "政府经济科目",
            c => c.label(),
        }
    }

    /// Width in the grid, in `em`.
    pub fn width_em(self) -> f32 {
        match self {
            Column::Kind => 5.8,
            Column::Function | Column::Economic => 6.0,
            Column::GovEconomic => 7.0,
            Column::FunctionName => 11.0,
            Column::EconName => 9.5,
            Column::Project => 14.0,
            Column::Source => 8.0,
            Column::Current => 8.5,
            Column::CarryOver | Column::Prior | Column::Executed => 7.5,
            Column::Note => 12.0,
            Column::Unit => 10.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::FunctionName => "科目名称",
            Column::EconName => "经济科目名称",
            c => c.field().map(FieldName::label).unwrap_or(""),
        }
    }

    /// The line field this column edits; `None` for derived name columns.
    pub fn field(self) -> Option<FieldName> {
        Some(match self {
            Column::Kind => FieldName::Kind,
            Column::Function => FieldName::Function,
            Column::Economic => FieldName::Economic,
            Column::GovEconomic => FieldName::GovEconomic,
            Column::Project => FieldName::Project,
            Column::Source => FieldName::Source,
            Column::Current => FieldName::Current,
            Column::CarryOver => FieldName::CarryOver,
            Column::Prior => FieldName::Prior,
            Column::Note => FieldName::Note,
            Column::Unit => FieldName::Unit,
            Column::Executed => FieldName::Executed,
            Column::FunctionName | Column::EconName => return None,
        })
    }

    pub fn is_amount(self) -> bool {
        matches!(
            self,
            Column::Current | Column::CarryOver | Column::Prior | Column::Executed
        )
    }

    pub fn index(self) -> usize {
        Column::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }

    /// Header texts and aliases accepted when a pasted block starts with a header row.
    pub(crate) fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Kind => &["支出类型", "类型", "支出类别", "基本/项目"],
            Column::Function => &[
                "功能分类科目",
                "功能科目",
                "科目编码",
                "功能分类",
                "功能科目编码",
                "支出功能分类科目",
                "功能分类科目编码",
                "功能分类科目代码",
                "功能科目代码",
                "支出功能分类科目编码",
                "功能分类编码",
                "科目代码",
            ],
            Column::FunctionName => &[
                "科目名称",
                "功能科目名称",
                "功能分类科目名称",
                "支出功能分类科目名称",
            ],
            Column::Economic => &[
                "部门经济分类",
                "经济分类",
                "经济科目",
                "经济科目编码",
                "部门预算支出经济分类",
                "经济分类科目",
                "部门经济分类科目",
                "部门经济分类科目编码",
                "部门预算经济分类科目编码",
                "部门预算支出经济分类科目",
                "部门预算支出经济分类科目编码",
                "经济分类科目编码",
                "经济科目代码",
                "部门经济科目",
            ],
            Column::EconName => &[
                "经济科目名称",
                "经济分类名称",
                "部门经济分类名称",
                "部门经济分类科目名称",
                "经济分类科目名称",
            ],
            Column::GovEconomic => &[
                "政府经济分类",
                "政府预算支出经济分类",
                "政府经济科目",
                "政府经济分类科目",
                "政府经济分类科目编码",
                "政府预算经济分类",
            ],
            Column::Project => &["项目名称", "项目"],
            Column::Source => &["资金来源", "来源", "资金性质"],
            Column::Current => &[
                "当年预算安排",
                "当年预算",
                "金额",
                "预算数",
                "本年预算",
                "当年",
                "预算金额",
                "本年预算数",
                "当年预算数",
                "年初预算数",
            ],
            Column::CarryOver => &["上年结转安排", "上年结转", "结转"],
            Column::Prior => &["上年预算数", "上年数", "上年预算"],
            Column::Note => &["备注", "说明", "变动原因"],
            Column::Unit => &["预算单位", "单位名称", "单位", "预算单位名称"],
            Column::Executed => &[
                "上年执行数",
                "上年预算执行数",
                "上年当年预算执行数",
                "执行数",
            ],
        }
    }
}

/// What a cell shows (amounts rounded in `unit`, zero blank like the tables).
pub fn cell_text(budget: &Budget, line: &Line, col: Column, unit: Unit) -> String {
    let amount = |m: Money| {
        if m.is_zero() {
            String::new()
        } else {
            m.display(unit)
        }
    };
    match col {
        Column::Kind => line.kind.label().to_string(),
        Column::Function => line.function.map(|c| c.to_string()).unwrap_or_default(),
        Column::FunctionName => line
            .function
            .map(|c| {
                budget
                    .function_name(c)
                    .map(str::to_string)
                    .unwrap_or_else(|| "（未知科目）".into())
            })
            .unwrap_or_default(),
        Column::Economic => line.economic.map(|c| c.to_string()).unwrap_or_default(),
        Column::EconName => line
            .economic
            .map(|c| {
                budget
                    .econ_name(c)
                    .map(str::to_string)
                    .unwrap_or_else(|| "（未知科目）".into())
            })
            .unwrap_or_default(),
        // What the tables use: the typed code, or the standard one for the line's unit type.
        Column::GovEconomic => budget
            .gov_economic(line)
            .map(|c| c.to_string())
            .unwrap_or_default(),
        Column::Project => line.project.clone(),
        Column::Source => budget
            .source(&line.source)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| format!("（未知来源 {}）", line.source)),
        Column::Current => amount(line.current),
        Column::CarryOver => amount(line.carry_over),
        Column::Prior => line.prior.map(amount).unwrap_or_default(),
        Column::Executed => line.executed.map(amount).unwrap_or_default(),
        Column::Note => line.note.clone(),
        Column::Unit => budget
            .unit_by(line.unit.as_deref())
            .map(|u| u.name.clone())
            .unwrap_or_else(|| {
                format!("（未知单位 {}）", line.unit.as_deref().unwrap_or_default())
            }),
    }
}

/// The text an editor starts with: exact amounts in `unit` without separators.
pub fn edit_text(budget: &Budget, line: &Line, col: Column, unit: Unit) -> String {
    match col {
        Column::Current => line.current.edit_text(unit),
        Column::CarryOver => line.carry_over.edit_text(unit),
        Column::Prior => line.prior.map(|m| m.edit_text(unit)).unwrap_or_default(),
        Column::Executed => line.executed.map(|m| m.edit_text(unit)).unwrap_or_default(),
        _ => cell_text(budget, line, col, unit),
    }
}

/// Which lines the grid shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Functional code starts with this (e.g. `201`, `20103`).
    pub code_prefix: String,
    pub kind: Option<Kind>,
    /// Fund source id.
    pub source: Option<String>,
    /// 预算单位 id.
    pub unit: Option<String>,
    /// Text in the project name, note or code names.
    pub text: String,
    /// Only these lines (e.g. the lines of a check).
    pub lines: Option<BTreeSet<LineId>>,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    pub fn matches(&self, budget: &Budget, line: &Line) -> bool {
        if let Some(ids) = &self.lines {
            if !ids.contains(&line.id) {
                return false;
            }
        }
        if self.kind.is_some_and(|k| k != line.kind) {
            return false;
        }
        if self.source.as_ref().is_some_and(|s| *s != line.source) {
            return false;
        }
        if self
            .unit
            .as_deref()
            .is_some_and(|u| budget.line_unit(line) != Some(u))
        {
            return false;
        }
        let prefix = self.code_prefix.trim();
        if !prefix.is_empty()
            && !line
                .function
                .is_some_and(|c| c.to_string().starts_with(prefix))
        {
            return false;
        }
        let text = self.text.trim();
        if !text.is_empty() {
            let names = [
                line.project.as_str(),
                line.note.as_str(),
                line.function
                    .and_then(|c| budget.function_name(c))
                    .unwrap_or(""),
                line.economic
                    .and_then(|c| budget.econ_name(c))
                    .unwrap_or(""),
            ];
            let codes = [
                line.function.map(|c| c.to_string()).unwrap_or_default(),
                line.economic.map(|c| c.to_string()).unwrap_or_default(),
            ];
            if !names.iter().any(|n| n.contains(text)) && !codes.iter().any(|c| c.contains(text)) {
                return false;
            }
        }
        true
    }
}

/// Sort order of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// Everything that decides the grid's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    pub filter: Filter,
    pub sort: Option<Sort>,
    /// Group by 类/款 with subtotal rows.
    pub group: bool,
    /// Group by 预算单位 with subtotal rows (instead of 类/款).
    pub group_unit: bool,
    /// Collapsed 类/款 groups.
    pub collapsed: BTreeSet<FunctionCode>,
}

/// A row of the grid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GridRow {
    /// A 类 or 款 subtotal of the shown lines below it (`code` None: lines without a code).
    Group {
        code: Option<FunctionCode>,
        name: String,
        lines: usize,
        current: Money,
        carry_over: Money,
        collapsed: bool,
    },
    /// A 预算单位 subtotal of the shown lines below it.
    Unit {
        id: String,
        name: String,
        lines: usize,
        current: Money,
        carry_over: Money,
    },
    /// A line, by index into `budget.lines`.
    Line(usize),
}

fn compare(budget: &Budget, a: &Line, b: &Line, col: Column) -> Ordering {
    match col {
        Column::Current => a.current.cmp(&b.current),
        Column::CarryOver => a.carry_over.cmp(&b.carry_over),
        Column::Prior => a.prior.cmp(&b.prior),
        Column::Function => a
            .function
            .map(|c| c.sort_key())
            .cmp(&b.function.map(|c| c.sort_key())),
        Column::Economic => a
            .economic
            .map(|c| c.sort_key())
            .cmp(&b.economic.map(|c| c.sort_key())),
        Column::Kind => a.kind.cmp(&b.kind),
        c => cell_text(budget, a, c, Unit::Yuan).cmp(&cell_text(budget, b, c, Unit::Yuan)),
    }
}

/// Sorts line indices by a column, stably (equal lines keep their order either way). A
/// text column's texts are made once per line, not once per comparison: sorting 100,000
/// lines by 项目名称 so makes 100,000 strings instead of about 3.4 million.
fn sort_lines(budget: &Budget, idx: &mut [usize], sort: Sort) {
    let dir = |o: Ordering| if sort.descending { o.reverse() } else { o };
    let lines = &budget.lines;
    // An amount as whole 分 (amounts have at most two decimals and stay below 10^15 元).
    let fen = |m: Money| {
        (m.yuan() * Decimal::ONE_HUNDRED)
            .to_i64()
            .unwrap_or(i64::MAX)
    };
    let amount = |l: &Line| match sort.column {
        Column::Current => Some(fen(l.current)),
        Column::CarryOver => Some(fen(l.carry_over)),
        Column::Executed => l.executed.map(fen),
        _ => l.prior.map(fen),
    };
    match sort.column {
        Column::Current | Column::CarryOver | Column::Prior | Column::Executed => {
            sort_keyed(idx, |i| amount(&lines[i]), sort.descending)
        }
        Column::Function | Column::Economic | Column::Kind => {
            crate::core::sort::sort_by(idx, |&a, &b| {
                dir(compare(budget, &lines[a], &lines[b], sort.column))
            })
        }
        col => sort_keyed(
            idx,
            |i| cell_text(budget, &lines[i], col, Unit::Yuan),
            sort.descending,
        ),
    }
}

/// Sorts indices stably by a key made once per index.
fn sort_keyed<K: Ord>(idx: &mut [usize], key: impl Fn(usize) -> K, descending: bool) {
    let mut keyed: Vec<(K, usize)> = idx.iter().map(|&i| (key(i), i)).collect();
    crate::core::sort::sort_by(&mut keyed, |a, b| {
        let o = a.0.cmp(&b.0);
        if descending {
            o.reverse()
        } else {
            o
        }
    });
    for (slot, (_, i)) in idx.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// The rows the grid shows, in order.
///
/// ```
/// use yusuan::core::present::editor::{grid_rows, GridRow, View};
/// let b = yusuan::core::formats::reference::budget();
/// let grouped = View { group: true, ..View::default() };
/// let rows = grid_rows(&b, &grouped);
/// // 4 类, 5 款 and 37 lines.
/// assert_eq!(rows.len(), 46);
/// assert!(matches!(&rows[0], GridRow::Group { name, .. } if name == "201 一般公共服务支出"));
/// ```
/// Whether the grid's rows stay as they are after these lines changed in place (before,
/// after): the view neither groups (group rows carry sums) nor sorts, and each line
/// changed only amounts, which no filter reads.
///
/// ```
/// use yusuan::core::present::editor::{rows_unchanged, View};
/// use yusuan::core::domain::money::Money;
/// let b = yusuan::core::formats::reference::budget();
/// let (old, mut new) = (b.lines[0].clone(), b.lines[0].clone());
/// new.current = Money::from_fen(1);
/// assert!(rows_unchanged(&View::default(), &[(old.clone(), new.clone())]));
/// new.project = "新项目".into();
/// assert!(!rows_unchanged(&View::default(), &[(old, new)]));
/// ```
pub fn rows_unchanged(view: &View, changed: &[(Line, Line)]) -> bool {
    let without_amounts = |l: &Line| Line {
        current: Money::ZERO,
        carry_over: Money::ZERO,
        prior: None,
        executed: None,
        ..l.clone()
    };
    !view.group
        && !view.group_unit
        && view.sort.is_none()
        && changed
            .iter()
            .all(|(old, new)| without_amounts(old) == without_amounts(new))
}

pub fn grid_rows(budget: &Budget, view: &View) -> Vec<GridRow> {
    let mut idx: Vec<usize> = (0..budget.lines.len())
        .filter(|&i| view.filter.matches(budget, &budget.lines[i]))
        .collect();
    if let Some(sort) = view.sort {
        sort_lines(budget, &mut idx, sort);
    }
    if view.group_unit {
        return unit_groups(budget, idx);
    }
    if !view.group {
        return idx.into_iter().map(GridRow::Line).collect();
    }
    // Group keys: (类, 款) of each line; lines without a code go last.
    let key = |i: usize| -> (Option<FunctionCode>, Option<FunctionCode>) {
        match budget.lines[i].function {
            None => (None, None),
            Some(c) => {
                let kuan = c.lineage().into_iter().find(|x| x.level() == Level::Kuan);
                (Some(c.lei()), kuan)
            }
        }
    };
    let order = |k: &(Option<FunctionCode>, Option<FunctionCode>)| {
        (
            k.0.map(|c| c.sort_key()).unwrap_or(u32::MAX),
            k.1.map(|c| c.sort_key()).unwrap_or(0),
        )
    };
    // A stable sort keeps the chosen column order inside each group.
    crate::core::sort::sort_by_key(&mut idx, |&i| order(&key(i)));

    let name_of = |code: Option<FunctionCode>| match code {
        Some(c) => format!(
            "{} {}",
            c,
            budget.function_name(c).unwrap_or("（未知科目）")
        ),
        None => "（未填功能分类科目）".to_string(),
    };
    let mut rows = Vec::with_capacity(idx.len() + 16);
    let mut i = 0;
    while i < idx.len() {
        let (lei, _) = key(idx[i]);
        let lei_end = (i..idx.len())
            .find(|&j| key(idx[j]).0 != lei)
            .unwrap_or(idx.len());
        push_group(budget, view, &mut rows, lei, name_of(lei), &idx[i..lei_end]);
        let lei_collapsed = lei.is_some_and(|c| view.collapsed.contains(&c));
        if !lei_collapsed {
            let mut j = i;
            while j < lei_end {
                let (_, kuan) = key(idx[j]);
                let kuan_end = (j..lei_end)
                    .find(|&k| key(idx[k]).1 != kuan)
                    .unwrap_or(lei_end);
                match kuan {
                    Some(k) => {
                        push_group(
                            budget,
                            view,
                            &mut rows,
                            Some(k),
                            name_of(Some(k)),
                            &idx[j..kuan_end],
                        );
                        if !view.collapsed.contains(&k) {
                            rows.extend(idx[j..kuan_end].iter().map(|&x| GridRow::Line(x)));
                        }
                    }
                    None => rows.extend(idx[j..kuan_end].iter().map(|&x| GridRow::Line(x))),
                }
                j = kuan_end;
            }
        }
        i = lei_end;
    }
    rows
}

/// Rows grouped by 预算单位 in the units' order, each under its subtotal row.
fn unit_groups(budget: &Budget, mut idx: Vec<usize>) -> Vec<GridRow> {
    let pos = |i: usize| {
        let u = budget.line_unit(&budget.lines[i]);
        budget
            .units
            .iter()
            .position(|x| Some(x.id.as_str()) == u)
            .unwrap_or(usize::MAX)
    };
    // A stable sort keeps the chosen column order inside each unit.
    crate::core::sort::sort_by_key(&mut idx, |&i| pos(i));
    let mut rows = Vec::with_capacity(idx.len() + budget.units.len());
    let mut i = 0;
    while i < idx.len() {
        let p = pos(idx[i]);
        let end = (i..idx.len())
            .find(|&j| pos(idx[j]) != p)
            .unwrap_or(idx.len());
        let members = &idx[i..end];
        let unit = budget.units.get(p);
        rows.push(GridRow::Unit {
            id: unit.map(|u| u.id.clone()).unwrap_or_default(),
            name: unit
                .map(|u| u.name.clone())
                .unwrap_or_else(|| "（未知单位）".into()),
            lines: members.len(),
            current: members.iter().map(|&x| budget.lines[x].current).sum(),
            carry_over: members.iter().map(|&x| budget.lines[x].carry_over).sum(),
        });
        rows.extend(members.iter().map(|&x| GridRow::Line(x)));
        i = end;
    }
    rows
}

fn push_group(
    budget: &Budget,
    view: &View,
    rows: &mut Vec<GridRow>,
    code: Option<FunctionCode>,
    name: String,
    members: &[usize],
) {
    rows.push(GridRow::Group {
        code,
        name,
        lines: members.len(),
        current: members.iter().map(|&i| budget.lines[i].current).sum(),
        carry_over: members.iter().map(|&i| budget.lines[i].carry_over).sum(),
        collapsed: code.is_some_and(|c| view.collapsed.contains(&c)),
    });
}

/// A problem with a pasted block, by its row and column (1-based, as the user sees them in
/// the block they copied).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PasteError {
    pub row: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for PasteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行第{}列：{}", self.row, self.column, self.message)
    }
}

/// What a paste will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastePlan {
    pub commands: Vec<Command>,
    pub added: usize,
    pub updated: usize,
}

/// The most rows one paste may carry.
pub const MAX_PASTE_ROWS: usize = 20_000;

/// Splits tab-separated text as Excel/WPS put it on the clipboard: rows by newline, cells
/// by tab, `"quoted"` cells unquoted (`""` → `"`).
pub fn split_tsv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows: Vec<Vec<String>> = text
        .split('\n')
        .map(|r| r.strip_suffix('\r').unwrap_or(r))
        .map(|r| {
            r.split('\t')
                .map(|c| {
                    let c = c.trim();
                    match c.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
                        Some(inner) if c.len() >= 2 => inner.replace("\"\"", "\""),
                        _ => c.to_string(),
                    }
                })
                .collect()
        })
        .collect();
    while rows.last().is_some_and(|r| r.iter().all(|c| c.is_empty())) {
        rows.pop();
    }
    rows
}

/// A header cell as finance systems and spreadsheets print it: the column it names and the
/// unit it states, if any (“预算金额（元）” → 当年预算安排 in 元, “功能分类科目编码” →
/// 功能分类科目). Spaces, a “单位：” and a bracketed unit are read off before the name is
/// matched against the columns' labels and aliases.
///
/// ```
/// use yusuan::core::present::editor::{read_header, Column};
/// use yusuan::core::domain::money::Unit;
/// assert_eq!(read_header("预算金额（元）"), Some((Column::Current, Some(Unit::Yuan))));
/// assert_eq!(read_header("当年预算安排(万元)"), Some((Column::Current, Some(Unit::Wan))));
/// assert_eq!(read_header("部门经济分类科目编码"), Some((Column::Economic, None)));
/// assert_eq!(read_header("功能分类 科目编码"), Some((Column::Function, None)));
/// assert_eq!(read_header("甲"), None);
/// ```
pub fn read_header(cell: &str) -> Option<(Column, Option<Unit>)> {
    let mut name: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let mut unit = None;
    for (suffix, u) in [
        ("（万元）", Unit::Wan),
        ("(万元)", Unit::Wan),
        ("[万元]", Unit::Wan),
        ("（元）", Unit::Yuan),
        ("(元)", Unit::Yuan),
        ("[元]", Unit::Yuan),
        ("/万元", Unit::Wan),
        ("/元", Unit::Yuan),
    ] {
        if let Some(rest) = name.strip_suffix(suffix) {
            name = rest.to_string();
            unit = Some(u);
            break;
        }
    }
    let name = name.as_str();
    let col = Column::ALL
        .into_iter()
        .find(|c| c.label() == name || c.aliases().contains(&name))?;
    Some((col, unit.filter(|_| col.is_amount())))
}

/// A pasted block's header row: each cell's column (`None` for an empty cell), and the unit
/// its amount headers state; `None` unless every non-empty cell names a column.
fn header_columns(row: &[String]) -> Option<(Vec<Option<Column>>, Option<Unit>)> {
    let mut any = false;
    let mut unit = None;
    let mut out = Vec::with_capacity(row.len());
    for cell in row {
        let cell = cell.trim();
        if cell.is_empty() {
            out.push(None);
            continue;
        }
        let (col, stated) = read_header(cell)?;
        unit = unit.or(stated);
        any = true;
        out.push(Some(col));
    }
    any.then_some((out, unit))
}

/// Which column each cell of a pasted block feeds, how many header rows to skip, and
/// whether the rows update the shown lines (no header) or become new lines (a header).
/// Which column each cell of a pasted block feeds, how many header rows to skip, whether
/// the rows update the shown lines (no header) or become new lines (a header), and the
/// unit a header states for the amounts (else the one on screen).
struct PasteColumns {
    columns: Vec<Option<Column>>,
    skip: usize,
    use_targets: bool,
    unit: Option<Unit>,
}

fn paste_columns(budget: &Budget, rows: &[Vec<String>], start: Column) -> PasteColumns {
    match header_columns(&rows[0]) {
        Some((columns, unit)) => PasteColumns {
            columns,
            skip: 1,
            use_targets: false,
            unit,
        },
        None => {
            // Like a spreadsheet: across the columns the grid shows, from the cursor's.
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let shown = Column::shown(budget);
            let at = shown.iter().position(|c| *c == start).unwrap_or(0);
            let columns = (0..width).map(|i| shown.get(at + i).copied()).collect();
            PasteColumns {
                columns,
                skip: 0,
                use_targets: true,
                unit: None,
            }
        }
    }
}

/// Plans a paste. With a header row (Chinese column names such as 功能分类科目, 当年预算安排)
/// every row becomes a new line. Without one, the block lands at the cursor like in a
/// spreadsheet: row r updates `targets[r]` (the shown lines from the selected one down)
/// from column `start` on, and rows past the last target become new lines. Derived name
/// columns are skipped. Any problem rejects the whole paste, listing every bad cell.
pub fn plan_paste(
    budget: &Budget,
    text: &str,
    targets: &[LineId],
    start: Column,
    unit: Unit,
) -> Result<PastePlan, Vec<PasteError>> {
    let rows = split_tsv(text);
    if rows.is_empty() {
        return Err(vec![PasteError {
            row: 1,
            column: 1,
            message: "剪贴板中没有内容".into(),
        }]);
    }
    if rows.len() > MAX_PASTE_ROWS {
        return Err(vec![PasteError {
            row: MAX_PASTE_ROWS + 1,
            column: 1,
            message: format!("一次最多粘贴{MAX_PASTE_ROWS}行"),
        }]);
    }
    let layout = paste_columns(budget, &rows, start);
    let mut paste = Paste {
        budget,
        unit: layout.unit.unwrap_or(unit),
        names: CodeNames::default(),
        errors: Vec::new(),
        commands: Vec::new(),
        added: 0,
        updated: 0,
    };
    // Parsing does not depend on the line, so new lines parse against id 0.
    for (r, row) in rows[layout.skip..].iter().enumerate() {
        let target = layout
            .use_targets
            .then(|| targets.get(r).copied())
            .flatten();
        let row_no = layout.skip + r + 1;
        let fields = paste.row_fields(&layout, row_no, row, target);
        paste.row_commands(row_no, row, target, fields);
    }
    if !paste.errors.is_empty() {
        return Err(paste.errors);
    }
    // Names first: the lines that use them read them at once.
    let mut commands = paste.names.commands;
    commands.extend(paste.commands);
    Ok(PastePlan {
        commands,
        added: paste.added,
        updated: paste.updated,
    })
}

/// A paste being planned: what it has read so far.
struct Paste<'a> {
    budget: &'a Budget,
    /// The unit amounts are read in (a header's, else the screen's).
    unit: Unit,
    names: CodeNames,
    errors: Vec<PasteError>,
    commands: Vec<Command>,
    added: usize,
    updated: usize,
}

impl Paste<'_> {
    /// The fields one row gives (every bad cell recorded as an error); name columns name
    /// the codes of their row.
    fn row_fields(
        &mut self,
        layout: &PasteColumns,
        row_no: usize,
        row: &[String],
        target: Option<LineId>,
    ) -> Vec<crate::core::domain::command::Field> {
        let budget = self.budget;
        let mut fields = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            let error = |message: String| PasteError {
                row: row_no,
                column: c + 1,
                message,
            };
            let Some(col) = layout.columns.get(c).copied().flatten() else {
                if !cell.is_empty()
                    && layout.use_targets
                    && layout.columns.get(c).is_some_and(Option::is_none)
                {
                    self.errors.push(error("超出表格的最后一列".into()));
                }
                continue;
            };
            let Some(field) = col.field() else {
                // A name column names the code of its row (where the code has none yet).
                let code_col = match col {
                    Column::FunctionName => Column::Function,
                    Column::EconName => Column::Economic,
                    _ => continue,
                };
                if let Some(code) = row_code(row, &layout.columns, code_col, target, budget) {
                    self.names.offer(budget, code, cell);
                }
                continue;
            };
            // An empty cell leaves an existing line's field alone; for a new line, empty
            // text fields and amounts stay empty.
            if cell.is_empty()
                && (target.is_some()
                    || col.is_amount()
                    || field == FieldName::Kind
                    || field == FieldName::Source)
            {
                continue;
            }
            match budget.parse_field_in(target.unwrap_or(0), field, cell, self.unit) {
                Ok(f) => fields.push(f),
                Err(CommandError::Field { error: e, .. }) => {
                    self.errors.push(error(format!("{}：{}", col.label(), e)))
                }
                Err(e) => self.errors.push(error(e.to_string())),
            }
        }
        fields
    }

    /// One row's fields as commands: updates of its target line, or a new line (a 项目支出
    /// when it names a project and no 类型). A row that would leave a 项目支出 line without a
    /// project name is refused, asking for the name (or a 类型 of 基本支出).
    fn row_commands(
        &mut self,
        row_no: usize,
        row: &[String],
        target: Option<LineId>,
        fields: Vec<crate::core::domain::command::Field>,
    ) {
        use crate::core::domain::command::Field;
        match target {
            Some(id) => {
                if let Some(line) = self.budget.line(id) {
                    let kind = fields.iter().rev().find_map(|f| match f {
                        Field::Kind(k) => Some(*k),
                        _ => None,
                    });
                    let project = fields.iter().rev().find_map(|f| match f {
                        Field::Project(p) => Some(p.as_str()),
                        _ => None,
                    });
                    let kind = kind.unwrap_or(line.kind);
                    let project = project.unwrap_or(&line.project);
                    if kind == Kind::Project && project.trim().is_empty() && !fields.is_empty() {
                        self.errors.push(PasteError {
                            row: row_no,
                            column: 1,
                            message: format!(
                                "粘贴到第{id}号明细（项目支出）上，但没有项目名称：请在“项目名称”列填写，或在“类型”列填“基本支出”"
                            ),
                        });
                        return;
                    }
                }
                if !fields.is_empty() {
                    self.updated += 1;
                }
                self.commands.extend(
                    fields
                        .into_iter()
                        .map(|field| Command::UpdateLine { id, field }),
                );
            }
            None => {
                if row.iter().all(|c| c.is_empty()) {
                    return;
                }
                let mut draft = LineDraft::new(Kind::Basic, &self.budget.default_source());
                let has_kind = fields
                    .iter()
                    .any(|f| matches!(f, crate::core::domain::command::Field::Kind(_)));
                for f in fields {
                    draft.set(f);
                }
                if !has_kind && !draft.project.is_empty() {
                    draft.kind = Kind::Project;
                }
                self.added += 1;
                self.commands.push(Command::AddLine(draft));
            }
        }
    }
}

/// The code a pasted row gives in `col` (its own cell, else the target line's code), as
/// text, for a name column beside it.
fn row_code(
    row: &[String],
    columns: &[Option<Column>],
    col: Column,
    target: Option<LineId>,
    budget: &Budget,
) -> Option<String> {
    let typed = columns
        .iter()
        .position(|c| *c == Some(col))
        .and_then(|i| row.get(i))
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<String>())
        .filter(|t| !t.is_empty());
    if let Some(t) = typed {
        return match col {
            Column::Function => FunctionCode::parse_typed(&t).ok().map(|c| c.to_string()),
            _ => crate::core::domain::codes::EconCode::parse(&t)
                .ok()
                .map(|c| c.to_string()),
        };
    }
    let line = budget.line(target?)?;
    match col {
        Column::Function => line.function.map(|c| c.to_string()),
        _ => line.economic.map(|c| c.to_string()),
    }
}

/// Names a paste gives codes that have none (the built-in and the budget's own names are
/// kept: a paste does not rename silently), once per code.
#[derive(Default)]
struct CodeNames {
    seen: std::collections::HashSet<String>,
    commands: Vec<Command>,
}

impl CodeNames {
    fn offer(&mut self, budget: &Budget, code: String, name: &str) {
        let name = crate::core::domain::model::clean_text(name, false);
        if name.is_empty() || !self.seen.insert(code.clone()) {
            return;
        }
        let named = match FunctionCode::parse(&code) {
            Ok(c) if code.starts_with('2') => budget.function_name(c).is_some(),
            _ => crate::core::domain::codes::EconCode::parse(&code)
                .ok()
                .and_then(|c| budget.econ_name(c))
                .is_some(),
        };
        if !named {
            self.commands.push(Command::SetCodeName { code, name });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::reference;

    #[test]
    fn sorting_with_keys_made_once_orders_as_comparing_each_pair() {
        let b = reference::synthetic(600);
        for column in Column::ALL {
            for descending in [false, true] {
                let sort = Sort { column, descending };
                let view = View {
                    sort: Some(sort),
                    ..View::default()
                };
                let got = grid_rows(&b, &view);
                let mut want: Vec<usize> = (0..b.lines.len()).collect();
                crate::core::sort::sort_by(&mut want, |&x, &y| {
                    let o = compare(&b, &b.lines[x], &b.lines[y], column);
                    if descending {
                        o.reverse()
                    } else {
                        o
                    }
                });
                let want: Vec<GridRow> = want.into_iter().map(GridRow::Line).collect();
                assert_eq!(got, want, "{column:?} descending {descending}");
            }
        }
    }

    #[test]
    fn cells_show_and_edit() {
        let b = reference::budget();
        let l = &b.lines[0];
        assert_eq!(cell_text(&b, l, Column::Kind, Unit::Wan), "基本支出");
        assert_eq!(
            cell_text(&b, l, Column::FunctionName, Unit::Wan),
            "政务公开审批"
        );
        assert_eq!(cell_text(&b, l, Column::EconName, Unit::Wan), "基本工资");
        assert_eq!(cell_text(&b, l, Column::Current, Unit::Wan), "262.02");
        assert_eq!(edit_text(&b, l, Column::Current, Unit::Wan), "262.017");
        assert_eq!(edit_text(&b, l, Column::Current, Unit::Yuan), "2620170");
        assert_eq!(cell_text(&b, l, Column::Source, Unit::Wan), "一般公共预算");
    }

    #[test]
    fn filter_and_sort() {
        let b = reference::budget();
        let view = View {
            filter: Filter {
                code_prefix: "210".into(),
                ..Filter::default()
            },
            sort: Some(Sort {
                column: Column::Current,
                descending: true,
            }),
            ..View::default()
        };
        let rows = grid_rows(&b, &view);
        let names: Vec<String> = rows
            .iter()
            .map(|r| match r {
                GridRow::Line(i) => cell_text(&b, &b.lines[*i], Column::EconName, Unit::Wan),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(
            names,
            ["职工基本医疗保险缴费", "公务员医疗补助缴费", "奖励金"]
        );
        let text = View {
            filter: Filter {
                text: "网络".into(),
                kind: Some(Kind::Project),
                ..Filter::default()
            },
            ..View::default()
        };
        assert_eq!(grid_rows(&b, &text).len(), 1);
    }

    #[test]
    fn groups_have_subtotals_and_collapse() {
        let b = reference::budget();
        let mut view = View {
            group: true,
            ..View::default()
        };
        let rows = grid_rows(&b, &view);
        let GridRow::Group {
            current,
            carry_over,
            lines,
            ..
        } = &rows[0]
        else {
            panic!()
        };
        assert_eq!(current.display(Unit::Wan), "3,159.10");
        assert_eq!(carry_over.display(Unit::Wan), "423.80");
        assert_eq!(*lines, 32);
        view.collapsed.insert(FunctionCode::parse("201").unwrap());
        let rows = grid_rows(&b, &view);
        // 201 collapsed: its 款 and 32 lines are hidden.
        assert_eq!(rows.len(), 46 - 33);
        assert!(matches!(&rows[1], GridRow::Group { name, .. } if name.starts_with("208")));
    }

    #[test]
    fn paste_with_header_adds_lines() {
        let b = reference::budget();
        let tsv = "支出类型\t功能分类科目\t部门经济分类\t项目名称\t资金来源\t当年预算安排\r\n\
                   基本支出\t2010306\t30201\t\t一般公共预算\t1,000.50\r\n\
                   项目支出\t2010306\t\t新项目\t一般公共预算\t2万\r\n\
                   \t2101101\t30110\t\t\t300\r\n";
        let plan = plan_paste(&b, tsv, &[], Column::Kind, Unit::Yuan).unwrap();
        assert_eq!((plan.added, plan.updated), (3, 0));
        let mut b2 = b.clone();
        b2.apply_all(plan.commands).unwrap();
        assert_eq!(b2.lines.len(), 40);
        let new = &b2.lines[38];
        assert_eq!(new.project, "新项目");
        assert_eq!(new.kind, Kind::Project);
        assert_eq!(new.current, Money::from_fen(2_000_000));
        assert_eq!(b2.lines[37].current, Money::from_fen(100_050));
        assert_eq!(b2.lines[39].source, "gpb");
    }

    #[test]
    fn paste_without_header_lands_at_the_cursor() {
        let b = reference::budget();
        // Two amounts into 当年预算安排 of lines 1 and 2, a third row becomes a new line.
        let plan = plan_paste(&b, "1\n2\n3", &[1, 2], Column::Current, Unit::Wan).unwrap();
        assert_eq!((plan.added, plan.updated), (1, 2));
        let mut b2 = b.clone();
        b2.apply_all(plan.commands).unwrap();
        assert_eq!(b2.lines[0].current, Money::from_fen(1_000_000));
        assert_eq!(b2.lines[1].current, Money::from_fen(2_000_000));
        assert_eq!(b2.lines[37].current, Money::from_fen(3_000_000));
    }

    #[test]
    fn bad_paste_lists_every_problem_and_changes_nothing() {
        let b = reference::budget();
        let tsv = "功能分类科目\t当年预算安排\n20x\tabc\n2010306\t1.234\n";
        let errs = plan_paste(&b, tsv, &[], Column::Kind, Unit::Yuan).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(msgs.len(), 3);
        assert!(
            msgs[0].starts_with("第2行第1列：功能分类科目："),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("第2行第2列：当年预算安排：“abc”不是有效的金额"),
            "{msgs:?}"
        );
        assert!(msgs[2].starts_with("第3行第2列"), "{msgs:?}");
        let errs = plan_paste(&b, "备注\t2", &[1], Column::Note, Unit::Yuan).unwrap_err();
        assert_eq!(errs[0].to_string(), "第1行第2列：超出表格的最后一列");
        assert!(plan_paste(&b, "", &[], Column::Kind, Unit::Yuan).is_err());
    }

    #[test]
    fn quoted_cells() {
        assert_eq!(
            split_tsv("\"a\"\"b\"\tc\n\n"),
            vec![vec!["a\"b".to_string(), "c".to_string()]]
        );
    }
}
