//! The 13 disclosure tables (预算公开表1–13) with the reference's rows, columns and order.
//!
//! Every money cell keeps its [`Origin`]: the selector of lines (or income entries) it sums,
//! so any cell can be explained. Zero cells print blank, as in the published tables.

use crate::core::domain::codes::{chinese_ordinal, EconCode, FunctionCode, Level, LEI};
use crate::core::domain::model::{Budget, IncomeSum, Kind, SourceKind};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::aggregate::{Aggregate, Node, Part, Selector, SourceSel};
use crate::core::figures::shares::largest_remainder;
use crate::core::figures::templates;
pub use crate::core::figures::templates::TableId;
use rust_decimal::Decimal;
use serde::Serialize;
use std::rc::Rc;

mod layouts;

/// A header cell with its spans.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeaderCell {
    pub text: String,
    pub colspan: u16,
    pub rowspan: u16,
}

fn h(text: &str) -> HeaderCell {
    HeaderCell {
        text: text.to_string(),
        colspan: 1,
        rowspan: 1,
    }
}
fn hc(text: &str, colspan: u16) -> HeaderCell {
    HeaderCell { colspan, ..h(text) }
}
fn hr(text: &str, rowspan: u16) -> HeaderCell {
    HeaderCell { rowspan, ..h(text) }
}

/// Where a money cell's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The sum of these lines (boxed: a cell stays small, and tables 12/13's thousands of
    /// cells use `Project` instead).
    Lines(Box<Selector>),
    /// The 项目支出 lines of one project (all projects: `None`) and one source (all:
    /// `None`): the cells of tables 12 and 13, made without an allocation each.
    Project {
        part: Part,
        project: Option<Rc<str>>,
        source: Option<Rc<str>>,
    },
    /// Income entries of these sources.
    Income { sources: SourceSel, part: Part },
}

impl Origin {
    pub fn lines(sel: Selector) -> Origin {
        Origin::Lines(Box::new(sel))
    }

    /// The lines the cell sums, when it sums lines.
    pub fn selector(&self) -> Option<Selector> {
        match self {
            Origin::Lines(sel) => Some((**sel).clone()),
            Origin::Project {
                part,
                project,
                source,
            } => {
                let mut sel = Selector::all(*part).kind(Kind::Project);
                sel.project = project.clone();
                if let Some(id) = source {
                    sel = sel.sources(SourceSel::Id(id.clone()));
                }
                Some(sel)
            }
            Origin::Income { .. } => None,
        }
    }
}

/// One cell of a table body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Empty,
    /// Shared: a project's name is one allocation for its rows in tables 12 and 13.
    Text(Rc<str>),
    Money {
        value: Money,
        origin: Origin,
    },
}

impl Cell {
    pub fn money(&self) -> Option<Money> {
        match self {
            Cell::Money { value, .. } => Some(*value),
            _ => None,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// What a row is, for styling and for rounding adjustment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStyle {
    Total,
    Lei,
    Kuan,
    Xiang,
    Item,
    ColumnNumbers,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub style: RowStyle,
    /// The row this one is a detail of (its amounts add up there), if any.
    pub parent: Option<usize>,
}

/// A disclosure table as derived from the budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub id: TableId,
    /// Its number in the template (“预算公开表N”), from 1.
    pub number: usize,
    /// e.g. “2023年预算收支总表”.
    pub title: String,
    pub unit_name: String,
    pub header: Vec<Vec<HeaderCell>>,
    pub rows: Vec<Row>,
    /// True when the table has no data: it prints [`Table::empty_note`].
    pub empty: bool,
    /// The unit the template prints this table in, and the template's unit: shown in the
    /// template's unit, the table keeps its own (上海's 表9 in 万元 among tables in 元);
    /// switched to the other unit, every table follows the switch.
    pub unit: Unit,
    pub template_unit: Unit,
    /// Printed after “注：” under the table when it is empty, e.g. “本表无数据”.
    pub empty_note: String,
}

/// Printed under an empty table.
pub const NO_DATA: &str = "本表无数据";

impl Table {
    pub fn columns(&self) -> usize {
        self.rows
            .first()
            .map(|r| r.cells.len())
            .or_else(|| {
                self.header
                    .first()
                    .map(|r| r.iter().map(|c| c.colspan as usize).sum())
            })
            .unwrap_or(0)
    }

    /// Where each header cell sits: (row, column, cell), spans taken into account.
    fn header_layout(&self) -> Vec<(usize, usize, &HeaderCell)> {
        let cols = self.columns();
        let mut taken = vec![vec![false; cols]; self.header.len()];
        let mut out = Vec::new();
        for (r, hrow) in self.header.iter().enumerate() {
            let mut c = 0;
            for cell in hrow {
                while c < cols && taken[r][c] {
                    c += 1;
                }
                out.push((r, c, cell));
                for dr in 0..cell.rowspan.max(1) as usize {
                    for dc in 0..cell.colspan.max(1) as usize {
                        if let Some(slot) = taken.get_mut(r + dr).and_then(|g| g.get_mut(c + dc)) {
                            *slot = true;
                        }
                    }
                }
                c += cell.colspan.max(1) as usize;
            }
        }
        out
    }

    /// The header as a grid: one text per column and header row, spans filled in.
    pub fn header_grid(&self) -> Vec<Vec<String>> {
        let cols = self.columns();
        let mut grid = vec![vec![String::new(); cols]; self.header.len()];
        for (r, c, cell) in self.header_layout() {
            for dr in 0..cell.rowspan.max(1) as usize {
                for dc in 0..cell.colspan.max(1) as usize {
                    if let Some(slot) = grid.get_mut(r + dr).and_then(|g| g.get_mut(c + dc)) {
                        *slot = cell.text.clone();
                    }
                }
            }
        }
        grid
    }

    /// Merged header cells as (row, column, rows, columns), for spreadsheets.
    pub fn header_spans(&self) -> Vec<(usize, usize, usize, usize)> {
        self.header_layout()
            .into_iter()
            .filter(|(_, _, h)| h.rowspan > 1 || h.colspan > 1)
            .map(|(r, c, h)| (r, c, h.rowspan.max(1) as usize, h.colspan.max(1) as usize))
            .collect()
    }

    /// A readable name for a body cell: “2023年预算支出总表：201 一般公共服务支出 · 项目支出”.
    pub fn cell_label(&self, row: usize, col: usize) -> String {
        let grid = self.header_grid();
        let column = grid
            .iter()
            .rev()
            .filter_map(|r| r.get(col))
            .find(|t| !t.is_empty())
            .cloned()
            .unwrap_or_default();
        // The row's label: the text cells just left of this column (code and name).
        let cells = self
            .rows
            .get(row)
            .map(|r| r.cells.as_slice())
            .unwrap_or(&[]);
        let mut label: Vec<&str> = Vec::new();
        for c in cells.iter().take(col).rev() {
            match c {
                Cell::Text(t) if !t.is_empty() => label.insert(0, t),
                Cell::Money { .. } if !label.is_empty() => break,
                _ => {}
            }
        }
        format!("{}：{} · {}", self.title, label.join(" "), column)
    }

    /// The label “预算公开表N”.
    pub fn label(&self) -> String {
        format!("预算公开表{}", self.number)
    }

    /// The unit the table is shown in when the user chose `chosen`.
    pub fn shown_unit(&self, chosen: Unit) -> Unit {
        if chosen == self.template_unit {
            self.unit
        } else {
            chosen
        }
    }

    /// The first row whose cells include this text (e.g. a code or a name).
    pub fn row(&self, text: &str) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.cells.iter().any(|c| c.text() == Some(text)))
    }

    /// Cell texts as displayed: money rounded in `unit`, zero blank. With `adjust`
    /// (尾差调整) the shown details of each parent row are adjusted by largest remainder
    /// so they add up to the parent's shown figure.
    pub fn render(&self, chosen: Unit, adjust: bool) -> Vec<Vec<String>> {
        let unit = self.shown_unit(chosen);
        let cols = self.columns();
        // shown[r][c]: the displayed value of money cells.
        let mut shown: Vec<Vec<Option<Decimal>>> = self
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.money().map(|m| m.rounded(unit)))
                    .collect()
            })
            .collect();
        if adjust {
            for p in 0..self.rows.len() {
                let children: Vec<usize> = (0..self.rows.len())
                    .filter(|&r| self.rows[r].parent == Some(p))
                    .collect();
                if children.is_empty() {
                    continue;
                }
                for c in 0..cols {
                    let Some(target) = shown[p].get(c).copied().flatten() else {
                        continue;
                    };
                    let exact: Option<Vec<Decimal>> =
                        children
                            .iter()
                            .map(|&r| {
                                self.rows[r].cells.get(c).and_then(|x| x.money()).map(
                                    |m| match unit {
                                        Unit::Wan => m.wan(),
                                        Unit::Yuan => m.yuan(),
                                    },
                                )
                            })
                            .collect();
                    let Some(exact) = exact else { continue };
                    if let Some(adjusted) = largest_remainder(&exact, target) {
                        for (&r, v) in children.iter().zip(adjusted) {
                            shown[r][c] = Some(v);
                        }
                    }
                }
            }
        }
        self.rows
            .iter()
            .zip(shown)
            .map(|(row, vals)| {
                row.cells
                    .iter()
                    .zip(vals)
                    .map(|(cell, v)| match (cell, v) {
                        (Cell::Text(s), _) => s.to_string(),
                        (Cell::Money { .. }, Some(v)) if !v.is_zero() => {
                            crate::core::domain::money::group_thousands(v)
                        }
                        _ => String::new(),
                    })
                    .collect()
            })
            .collect()
    }
}

/// The name cell of a code without a name: “（未知科目21004）”.
fn unnamed_text(code: FunctionCode) -> String {
    format!("（未知科目{code}）")
}

/// The code a name cell stands for when the code has no name yet (the page offers to name
/// it in place), else `None`.
///
/// ```
/// use yusuan::core::figures::tables::unnamed_code;
/// assert_eq!(unnamed_code("（未知科目21004）"), Some("21004"));
/// assert_eq!(unnamed_code("公共卫生"), None);
/// ```
pub fn unnamed_code(text: &str) -> Option<&str> {
    text.strip_prefix("（未知科目")?
        .strip_suffix('）')
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
}

/// Builds all the tables of the budget's template.
pub fn build_all(budget: &Budget, agg: &Aggregate) -> Vec<Table> {
    build(budget, agg, |_| true)
}

/// Builds the tables of the budget's template that `keep` accepts, in the template's order
/// (each keeps its number in the template).
pub fn build(budget: &Budget, agg: &Aggregate, keep: impl Fn(TableId) -> bool) -> Vec<Table> {
    let b = Builder {
        budget,
        agg,
        income: budget.income_by_source(),
    };
    let template = budget.template;
    templates::tables(template)
        .iter()
        .enumerate()
        .filter(|(_, spec)| keep(spec.id))
        .map(|(i, spec)| {
            let mut t = b.build(spec.id);
            t.number = i + 1;
            t.title = format!("{}年{}", budget.unit.year, spec.title);
            t.unit = spec.unit.unwrap_or(template.unit());
            t.template_unit = template.unit();
            t.empty_note = match spec.absent {
                Some(what) => format!(
                    "本{}{}年无{what}安排的预算，故本表为空表。",
                    budget.kind.word(),
                    budget.unit.year
                ),
                None => NO_DATA.to_string(),
            };
            t
        })
        .collect()
}

struct Builder<'a> {
    budget: &'a Budget,
    agg: &'a Aggregate,
    /// Income per source, in the order of the budget's sources (one pass, not one per cell).
    income: Vec<IncomeSum>,
}

fn text(s: impl Into<Rc<str>>) -> Cell {
    Cell::Text(s.into())
}

/// Item rows with two lists side by side (income items beside 支出 items), each as wide
/// as given, the shorter list padded with empty cells.
fn side_by_side(
    left: Vec<Vec<Cell>>,
    left_width: usize,
    right: Vec<Vec<Cell>>,
    right_width: usize,
) -> Vec<Row> {
    let n = left.len().max(right.len());
    let mut left = left.into_iter();
    let mut right = right.into_iter();
    (0..n)
        .map(|_| {
            let mut cells = left.next().unwrap_or_else(|| vec![Cell::Empty; left_width]);
            cells.extend(
                right
                    .next()
                    .unwrap_or_else(|| vec![Cell::Empty; right_width]),
            );
            Row {
                cells,
                style: RowStyle::Item,
                parent: None,
            }
        })
        .collect()
}

impl Builder<'_> {
    /// A table of this layout; its number, title, unit and note come from the template
    /// in [`build`].
    fn table(&self, id: TableId, header: Vec<Vec<HeaderCell>>, rows: Vec<Row>) -> Table {
        Table {
            id,
            number: 0,
            title: String::new(),
            unit_name: self.budget.unit.name.clone(),
            header,
            rows,
            empty: false,
            unit: Unit::Wan,
            template_unit: Unit::Wan,
            empty_note: String::new(),
        }
    }

    fn year_label(&self) -> String {
        format!("{}年", self.budget.unit.year)
    }

    /// A money cell summing `sel` from the aggregate node.
    fn cell(&self, node: Option<&Node>, sel: Selector) -> Cell {
        let value = node
            .map(|n| self.agg.get(n, sel.kind, sel.part, &sel.sources))
            .unwrap_or_default();
        Cell::Money {
            value,
            origin: Origin::lines(sel),
        }
    }

    fn econ_cell(&self, codes: &[EconCode], sel: Selector) -> Cell {
        let value = self
            .agg
            .by_econ
            .iter()
            .filter(|((e, _), _)| codes.contains(e))
            .map(|(_, n)| self.agg.get(n, sel.kind, sel.part, &sel.sources))
            .sum();
        Cell::Money {
            value,
            origin: Origin::lines(sel.econ(codes)),
        }
    }

    fn income_cell(&self, sources: SourceSel, part: Part) -> Cell {
        let value = self
            .budget
            .sources
            .iter()
            .zip(&self.income)
            .filter(|(s, _)| sources.test(s.kind, &s.id))
            .map(|(_, i)| part.of_sum(i))
            .sum();
        Cell::Money {
            value,
            origin: Origin::Income { sources, part },
        }
    }

    fn function_name(&self, code: FunctionCode) -> String {
        self.budget
            .function_name(code)
            .map(str::to_string)
            .unwrap_or_else(|| unnamed_text(code))
    }

    /// The 类 rows of the summary tables: the 30 national 类 plus any other 类 in use,
    /// and a row for lines without a functional code when there are any.
    fn lei_rows(&self) -> Vec<(String, Option<FunctionCode>)> {
        let mut rows: Vec<(String, Option<FunctionCode>)> = LEI
            .iter()
            .filter_map(|(c, n)| {
                FunctionCode::parse(c)
                    .ok()
                    .map(|c| (n.to_string(), Some(c)))
            })
            .collect();
        for code in &self.agg.function_order {
            if code.level() == Level::Lei && !LEI.iter().any(|(c, _)| *c == code.to_string()) {
                rows.push((self.function_name(*code), Some(*code)));
            }
        }
        if !self.agg.is_zero(&self.agg.unclassified) {
            rows.push(("未填功能分类科目的支出".to_string(), None));
        }
        rows.into_iter()
            .enumerate()
            .map(|(i, (n, c))| (format!("{}、{}", chinese_ordinal(i + 1), n), c))
            .collect()
    }

    /// 财政拨款 of a node, then each fiscal source's (`ids`), under `base`.
    fn fiscal_columns(&self, ids: &[Rc<str>], node: Option<&Node>, base: Selector) -> Vec<Cell> {
        let mut v = vec![self.cell(node, base.clone().sources(SourceSel::Fiscal))];
        for id in ids {
            v.push(self.cell(node, base.clone().sources(SourceSel::Id(id.clone()))));
        }
        v
    }

    /// A total row of a 收支 table: an income label and cell, a spending label and cells.
    fn total_row(income: (&str, Cell), spend_label: &str, spending: Vec<Cell>) -> Row {
        let mut cells = vec![text(income.0), income.1, text(spend_label)];
        cells.extend(spending);
        Row {
            cells,
            style: RowStyle::Total,
            parent: None,
        }
    }

    /// 支出 by 类 beside another list: each 类's label, then `money_cols` of its node and
    /// selector (当年 + 上年结转).
    fn lei_money_rows(
        &self,
        lei: Vec<(String, Option<FunctionCode>)>,
        money_cols: &dyn Fn(Option<&Node>, Selector) -> Vec<Cell>,
    ) -> Vec<Vec<Cell>> {
        lei.into_iter()
            .map(|(label, code)| {
                let mut cells = vec![text(label)];
                cells.extend(money_cols(
                    self.lei_node(code),
                    Self::lei_sel(code, Part::Both),
                ));
                cells
            })
            .collect()
    }

    fn lei_node(&self, code: Option<FunctionCode>) -> Option<&Node> {
        match code {
            Some(c) => self.agg.by_function.get(&c),
            None => Some(&self.agg.unclassified),
        }
    }

    fn lei_sel(code: Option<FunctionCode>, part: Part) -> Selector {
        let mut s = Selector::all(part);
        match code {
            Some(c) => s.function = Some(c),
            None => s.unclassified = true,
        }
        s
    }

    /// Rows of the functional tree (合计 first) for tables with 合计/基本/项目 columns or
    /// per-source columns. `columns` maps a node to that row's money cells.
    fn function_tree(
        &self,
        total_label_cols: usize,
        visible: impl Fn(&Node) -> bool,
        columns: impl Fn(Option<&Node>, Option<FunctionCode>, bool) -> Vec<Cell>,
    ) -> Vec<Row> {
        let mut rows = Vec::new();
        let mut total_cells = vec![text("合计")];
        total_cells.extend((1..total_label_cols).map(|_| Cell::Empty));
        total_cells.extend(columns(Some(&self.agg.total), None, false));
        rows.push(Row {
            cells: total_cells,
            style: RowStyle::Total,
            parent: None,
        });
        let mut index_of: rustc_hash::FxHashMap<FunctionCode, usize> = Default::default();
        for &code in &self.agg.function_order {
            let node = &self.agg.by_function[&code];
            if !visible(node) {
                continue;
            }
            let parent = match code.parent() {
                Some(p) => index_of.get(&p).copied(),
                None => Some(0),
            };
            let mut cells = vec![text(code.to_string()), text(self.function_name(code))];
            cells.extend(columns(Some(node), Some(code), false));
            index_of.insert(code, rows.len());
            rows.push(Row {
                cells,
                style: match code.level() {
                    Level::Lei => RowStyle::Lei,
                    Level::Kuan => RowStyle::Kuan,
                    Level::Xiang => RowStyle::Xiang,
                },
                parent,
            });
        }
        if visible(&self.agg.unclassified) {
            let mut cells = vec![text(""), text("未填功能分类科目的支出")];
            cells.extend(columns(Some(&self.agg.unclassified), None, true));
            rows.push(Row {
                cells,
                style: RowStyle::Item,
                parent: Some(0),
            });
        }
        rows
    }

    /// A selector for a tree row: `code` None with `unclassified` false is the total.
    fn tree_sel(code: Option<FunctionCode>, unclassified: bool, part: Part) -> Selector {
        let mut s = Selector::all(part);
        s.function = code;
        s.unclassified = unclassified;
        s
    }

    /// 合计 / 基本支出 / 项目支出 for the given sources and part.
    fn kind_columns(
        &self,
        sources: SourceSel,
        part: Part,
    ) -> impl Fn(Option<&Node>, Option<FunctionCode>, bool) -> Vec<Cell> + '_ {
        move |node, code, uncl| {
            let base = Self::tree_sel(code, uncl, part).sources(sources.clone());
            vec![
                self.cell(node, base.clone()),
                self.cell(node, base.clone().kind(Kind::Basic)),
                self.cell(node, base.kind(Kind::Project)),
            ]
        }
    }

    fn nonzero(&self, sources: SourceSel, part: Part) -> impl Fn(&Node) -> bool + '_ {
        move |n| !self.agg.get(n, None, part, &sources).is_zero()
    }

    /// (id, name) of the sources whose kind passes `keep`, in template order.
    fn sources_where(&self, keep: impl Fn(SourceKind) -> bool) -> Vec<(Rc<str>, String)> {
        self.budget
            .sources
            .iter()
            .filter(|s| keep(s.kind))
            .map(|s| (Rc::from(s.id.as_str()), s.name.clone()))
            .collect()
    }

    fn fiscal_sources(&self) -> Vec<(Rc<str>, String)> {
        self.sources_where(SourceKind::is_fiscal)
    }

    fn non_fiscal_sources(&self) -> Vec<(Rc<str>, String)> {
        self.sources_where(|k| !k.is_fiscal())
    }

    fn build(&self, id: TableId) -> Table {
        let mut t = match id {
            TableId::Summary => self.summary(),
            TableId::Income => self.income(),
            TableId::Expense => {
                let rows = self.function_tree(
                    2,
                    self.nonzero(SourceSel::All, Part::Both),
                    self.kind_columns(SourceSel::All, Part::Both),
                );
                self.table(id, self.kind_header(), rows)
            }
            TableId::Fiscal => self.fiscal(),
            TableId::GeneralPublic => self.kind_tree(id, SourceKind::GeneralPublic),
            TableId::BasicEconomic => self.basic_economic(),
            TableId::FundIncome => self.fund_income(),
            TableId::FundExpense => self.kind_tree(id, SourceKind::GovernmentFund),
            TableId::StateCapital => self.state_capital(),
            TableId::Sangong => self.sangong(),
            TableId::OfficeRunning => self.office_running(),
            TableId::ProjectsCurrent => self.projects(id, Part::Current),
            TableId::ProjectsCarry => self.projects(id, Part::Carry),
            TableId::FinanceSummary => self.finance_summary(),
            TableId::IncomeByCategory => self.income_by_category(),
            TableId::FiscalByBudget => self.fiscal_by_budget(),
            TableId::BasicEconomicCoded => self.basic_economic_coded(),
            TableId::StateCapitalExpense => self.kind_tree(id, SourceKind::StateCapital),
            TableId::SangongOffice => self.sangong_office(),
        };
        if !t.empty {
            t.empty = t.rows.iter().all(|r| {
                r.cells
                    .iter()
                    .all(|c| c.money().is_none_or(|m| m.is_zero()))
            });
        }
        t
    }

    fn kind_header(&self) -> Vec<Vec<HeaderCell>> {
        vec![
            vec![
                hc("项目", 2),
                hc(&format!("{}预算数", self.year_label()), 3),
            ],
            vec![
                h("科目编码"),
                h("科目名称"),
                h("合计"),
                h("基本支出"),
                h("项目支出"),
            ],
        ]
    }

    fn kind_tree(&self, id: TableId, kind: SourceKind) -> Table {
        let sources = SourceSel::Kind(kind);
        let rows = self.function_tree(
            2,
            self.nonzero(sources.clone(), Part::Current),
            self.kind_columns(sources, Part::Current),
        );
        let header = if matches!(id, TableId::FundExpense | TableId::StateCapitalExpense) {
            vec![vec![
                h("科目编码"),
                h("科目名称"),
                h("合计"),
                h("基本支出"),
                h("项目支出"),
            ]]
        } else {
            self.kind_header()
        };
        self.table(id, header, rows)
    }

    fn summary(&self) -> Table {
        let header = vec![
            vec![hc("收入", 2), hc("支出", 4)],
            vec![
                h("项目"),
                h(&self.year_label()),
                h("项目"),
                h(&format!("{}合计", self.year_label())),
                h("当年预算安排"),
                h("上年结转安排"),
            ],
        ];
        let income: Vec<Vec<Cell>> = self
            .budget
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    text(format!("{}、{}", chinese_ordinal(i + 1), s.name)),
                    self.income_cell(SourceSel::id(&s.id), Part::Current),
                ]
            })
            .collect();
        let spending: Vec<Vec<Cell>> = self
            .lei_rows()
            .into_iter()
            .map(|(label, code)| {
                let node = self.lei_node(code);
                let mut cells = vec![text(label)];
                for part in [Part::Both, Part::Current, Part::Carry] {
                    cells.push(self.cell(node, Self::lei_sel(code, part)));
                }
                cells
            })
            .collect();
        let mut rows = side_by_side(income, 2, spending, 4);
        let total = Some(&self.agg.total);
        let spend = || {
            [Part::Both, Part::Current, Part::Carry]
                .into_iter()
                .map(|part| self.cell(total, Selector::all(part)))
                .collect::<Vec<_>>()
        };
        let income = |part| self.income_cell(SourceSel::All, part);
        rows.push(Self::total_row(
            ("本年收入合计", income(Part::Current)),
            "本年支出合计",
            spend(),
        ));
        rows.push(Self::total_row(
            ("上年结转", income(Part::Carry)),
            "年终结转",
            vec![Cell::Empty; 3],
        ));
        rows.push(Self::total_row(
            ("收入总计", income(Part::Both)),
            "支出总计",
            spend(),
        ));
        self.table(TableId::Summary, header, rows)
    }

    fn income(&self) -> Table {
        let sources = self.sources_where(|_| true);
        let mut row2 = vec![h("科目编码"), h("科目名称"), h("合计")];
        row2.extend(sources.iter().map(|(_, n)| h(n)));
        let header = vec![
            vec![
                hc("项目", 2),
                hc("本年收入", 1 + sources.len() as u16),
                hr("上年结转", 2),
            ],
            row2,
        ];
        let columns = |node: Option<&Node>, code, uncl| {
            let base = Self::tree_sel(code, uncl, Part::Current);
            let mut v = vec![self.cell(node, base.clone())];
            for (id, _) in &sources {
                v.push(self.cell(node, base.clone().sources(SourceSel::Id(id.clone()))));
            }
            v.push(self.cell(node, Self::tree_sel(code, uncl, Part::Carry)));
            v
        };
        let rows = self.function_tree(2, self.nonzero(SourceSel::All, Part::Both), columns);
        self.table(TableId::Income, header, rows)
    }

    fn fiscal(&self) -> Table {
        let fiscal = self.fiscal_sources();
        let k = fiscal.len() as u16;
        let mut row3 = vec![h("小计")];
        row3.extend(fiscal.iter().map(|(_, n)| h(n)));
        let header = vec![
            vec![hc("收入", 2), hc("支出", 2 + k)],
            vec![
                hr("项目", 2),
                hr("金额", 2),
                hr("项目", 2),
                hc("金额", 1 + k),
            ],
            row3,
        ];
        let ids: Vec<Rc<str>> = fiscal.iter().map(|(id, _)| id.clone()).collect();
        let money_cols = |node: Option<&Node>, base| self.fiscal_columns(&ids, node, base);
        let income: Vec<Vec<Cell>> = fiscal
            .iter()
            .enumerate()
            .map(|(i, (id, name))| {
                vec![
                    text(format!("{}、{}", chinese_ordinal(i + 1), name)),
                    self.income_cell(SourceSel::Id(id.clone()), Part::Current),
                ]
            })
            .collect();
        let spending = self.lei_money_rows(self.lei_rows(), &money_cols);
        let mut rows = side_by_side(income, 2, spending, 2 + k as usize);
        let blank_right = || (0..2 + k).map(|_| Cell::Empty).collect::<Vec<_>>();
        let total = || money_cols(Some(&self.agg.total), Selector::all(Part::Both));
        rows.push(Self::total_row(
            (
                "本年收入合计",
                self.income_cell(SourceSel::Fiscal, Part::Current),
            ),
            "本年支出合计",
            total(),
        ));
        let mut r = vec![
            text("上年财政拨款结转"),
            self.income_cell(SourceSel::Fiscal, Part::Carry),
            text("年终结转"),
        ];
        r.extend((0..1 + k).map(|_| Cell::Empty));
        rows.push(Row {
            cells: r,
            style: RowStyle::Total,
            parent: None,
        });
        for (i, (id, name)) in fiscal.iter().enumerate() {
            let mut r = vec![
                text(format!("{}、{}", chinese_ordinal(i + 1), name)),
                self.income_cell(SourceSel::Id(id.clone()), Part::Carry),
            ];
            r.extend(blank_right());
            rows.push(Row {
                cells: r,
                style: RowStyle::Item,
                parent: None,
            });
        }
        rows.push(Self::total_row(
            ("收入总计", self.income_cell(SourceSel::Fiscal, Part::Both)),
            "支出总计",
            total(),
        ));
        self.table(TableId::Fiscal, header, rows)
    }

    fn basic_economic(&self) -> Table {
        let header = vec![
            vec![
                hr("部门预算支出经济科目名称", 2),
                hr("政府预算支出经济科目名称", 2),
                hc(&format!("{}预算数", self.year_label()), 3),
            ],
            vec![h("合计"), h("人员经费"), h("公用经费")],
        ];
        let gp = SourceSel::Kind(SourceKind::GeneralPublic);
        let base = Selector::all(Part::Current)
            .kind(Kind::Basic)
            .sources(gp.clone())
            .with_econ();
        let value = |node: &Node| self.agg.get(node, Some(Kind::Basic), Part::Current, &gp);
        let mut rows = vec![Row {
            cells: vec![
                text("合计"),
                Cell::Empty,
                self.cell(Some(&self.agg.personnel), base.clone()).plus(
                    self.cell(Some(&self.agg.public_use), base.clone()),
                    base.clone(),
                ),
                self.cell(Some(&self.agg.personnel), base.clone().personnel(true)),
                self.cell(Some(&self.agg.public_use), base.clone().personnel(false)),
            ],
            style: RowStyle::Total,
            parent: None,
        }];
        let mut classes: Vec<EconCode> = self.agg.by_econ_class.keys().copied().collect();
        crate::core::sort::sort_by_key(&mut classes, |c| c.sort_key());
        for class in classes {
            let node = &self.agg.by_econ_class[&class];
            if value(node).is_zero() {
                continue;
            }
            let personnel = class.is_personnel();
            let sel = base.clone().econ(&[class]);
            let (p, u) = if personnel {
                (self.cell(Some(node), sel.clone()), Cell::Empty)
            } else {
                (Cell::Empty, self.cell(Some(node), sel.clone()))
            };
            let class_row = rows.len();
            rows.push(Row {
                cells: vec![
                    text(self.budget.econ_name(class).unwrap_or("（未知经济分类）")),
                    Cell::Empty,
                    self.cell(Some(node), sel),
                    p,
                    u,
                ],
                style: RowStyle::Lei,
                parent: Some(0),
            });
            let mut items: Vec<(&(EconCode, Option<EconCode>), &Node)> = self
                .agg
                .by_econ
                .iter()
                .filter(|((e, _), n)| e.class() == class && !value(n).is_zero())
                .collect();
            crate::core::sort::sort_by_key(&mut items, |((e, g), _)| {
                (e.sort_key(), g.map(|g| g.sort_key()))
            });
            for ((e, g), node) in items {
                let sel = base.clone().econ(&[*e]).gov_econ(*g);
                let cell = self.cell(Some(node), sel);
                let (p, u) = if personnel {
                    (cell.clone(), Cell::Empty)
                } else {
                    (Cell::Empty, cell.clone())
                };
                let gov_name = g
                    .and_then(|g| self.budget.econ_name(g))
                    .unwrap_or("")
                    .to_string();
                rows.push(Row {
                    cells: vec![
                        text(self.budget.econ_name(*e).unwrap_or("（未知经济分类）")),
                        text(gov_name),
                        cell,
                        p,
                        u,
                    ],
                    style: RowStyle::Item,
                    parent: Some(class_row),
                });
            }
        }
        self.table(TableId::BasicEconomic, header, rows)
    }

    fn fund_income(&self) -> Table {
        let header = vec![
            vec![hc("项目", 2), hr("政府性基金收入预算", 2)],
            vec![h("收入科目编码"), h("科目名称")],
        ];
        let rows = vec![Row {
            cells: vec![
                text("合计"),
                Cell::Empty,
                self.income_cell(SourceSel::Kind(SourceKind::GovernmentFund), Part::Current),
            ],
            style: RowStyle::Total,
            parent: None,
        }];
        self.table(TableId::FundIncome, header, rows)
    }

    fn state_capital(&self) -> Table {
        let header = vec![
            vec![hc("国有资本经营预算收入", 3), hc("国有资本经营预算支出", 5)],
            vec![
                hc("项目", 2),
                hr("国有资本经营收入预算", 2),
                hr("科目编码", 2),
                hr("科目名称", 2),
                hr("合计", 2),
                hr("基本支出", 2),
                hr("项目支出", 2),
            ],
            vec![h("收入科目编码"), h("科目名称")],
        ];
        let sc = SourceSel::Kind(SourceKind::StateCapital);
        let tree = self.function_tree(
            2,
            self.nonzero(sc.clone(), Part::Current),
            self.kind_columns(sc.clone(), Part::Current),
        );
        let rows = tree
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut cells = if i == 0 {
                    vec![
                        text("合计"),
                        Cell::Empty,
                        self.income_cell(sc.clone(), Part::Current),
                    ]
                } else {
                    vec![Cell::Empty, Cell::Empty, Cell::Empty]
                };
                let mut right = r.cells;
                if i == 0 {
                    right[0] = Cell::Empty;
                }
                cells.extend(right);
                Row {
                    cells,
                    style: r.style,
                    parent: r.parent,
                }
            })
            .collect();
        self.table(TableId::StateCapital, header, rows)
    }

    fn source_columns_header(&self, first: &str, year_label: &str) -> Vec<Vec<HeaderCell>> {
        let fiscal = self.fiscal_sources();
        let mut row2 = vec![h("合计")];
        row2.extend(fiscal.iter().map(|(_, n)| h(n)));
        vec![
            vec![hr(first, 2), hc(year_label, 1 + fiscal.len() as u16)],
            row2,
        ]
    }

    fn fiscal_cells(&self, f: impl Fn(SourceSel) -> Cell) -> Vec<Cell> {
        let mut v = vec![f(SourceSel::Fiscal)];
        for (id, _) in self.fiscal_sources() {
            v.push(f(SourceSel::Id(id)));
        }
        v
    }

    fn sangong(&self) -> Table {
        let header = self.source_columns_header("项目", &format!("{}预算数", self.year_label()));
        let SangongCodes {
            abroad,
            reception,
            purchase,
            operation,
            cars,
            all,
        } = SangongCodes::new();
        let row =
            |label: &str, codes: &[EconCode], style, parent| {
                let mut cells = vec![text(label)];
                cells.extend(self.fiscal_cells(|s| {
                    self.econ_cell(codes, Selector::all(Part::Current).sources(s))
                }));
                Row {
                    cells,
                    style,
                    parent,
                }
            };
        let rows = vec![
            row("因公出国（境）费", &abroad, RowStyle::Item, Some(5)),
            row("公务接待费", &reception, RowStyle::Item, Some(5)),
            row("公务用车购置及运行费", &cars, RowStyle::Item, Some(5)),
            row("①公务用车购置费", &purchase, RowStyle::Item, Some(2)),
            row("②公务用车运行维护费", &operation, RowStyle::Item, Some(2)),
            row("合计", &all, RowStyle::Total, None),
        ];
        self.table(TableId::Sangong, header, rows)
    }

    /// 机关运行经费: the department's total, then each 预算单位 whose 公用经费 are 机关运行经费
    /// (行政单位 and 参公事业单位; a budget without units is one such unit).
    fn office_running(&self) -> Table {
        let header =
            self.source_columns_header("单位名称", &format!("{}预算数", self.budget.unit.year));
        let total =
            |s: SourceSel| self.cell(Some(&self.agg.office_running), Selector::office_running(s));
        let mut cells = vec![text("部门合计")];
        cells.extend(self.fiscal_cells(total));
        let mut rows = vec![Row {
            cells,
            style: RowStyle::Total,
            parent: None,
        }];
        let counted: Vec<(Option<&str>, &str)> = if self.budget.units.is_empty() {
            vec![(None, self.budget.unit.name.as_str())]
        } else {
            self.budget
                .units
                .iter()
                .filter(|u| u.kind.has_office_running())
                .map(|u| (Some(u.id.as_str()), u.name.as_str()))
                .collect()
        };
        let per_unit = self.office_running_by_unit();
        let none = vec![Money::ZERO; self.budget.sources.len()];
        for (id, name) in counted {
            let amounts = per_unit.get(id.unwrap_or_default()).unwrap_or(&none);
            let cell = |s: SourceSel| {
                let value = self
                    .budget
                    .sources
                    .iter()
                    .zip(amounts)
                    .filter(|(src, _)| s.test(src.kind, &src.id))
                    .map(|(_, m)| *m)
                    .sum();
                let sel = match id {
                    Some(id) => Selector::office_running(s).unit(id),
                    None => Selector::office_running(s),
                };
                Cell::Money {
                    value,
                    origin: Origin::lines(sel),
                }
            };
            let mut cells = vec![text(name)];
            cells.extend(self.fiscal_cells(cell));
            rows.push(Row {
                cells,
                style: RowStyle::Item,
                parent: Some(0),
            });
        }
        self.table(TableId::OfficeRunning, header, rows)
    }

    /// 机关运行经费 (当年 公用经费 of 基本支出 with an economic code, of counted units) per
    /// unit id (`""` for a budget without units) and source, from the sums — the same
    /// lines as `Selector::office_running(…).unit(id)` picks, which a cell's explanation
    /// lists.
    fn office_running_by_unit(&self) -> rustc_hash::FxHashMap<&str, Vec<Money>> {
        self.agg
            .office_by_unit
            .iter()
            .map(|(id, node)| {
                let amounts = self.agg.per_source(node, Some(Kind::Basic), Part::Current);
                (id.as_str(), amounts)
            })
            .collect()
    }

    fn projects(&self, id: TableId, part: Part) -> Table {
        let n = self.budget.sources.len();
        // Each project's per-source amounts, read once into one flat list: the tables can
        // have thousands of rows.
        let mut amounts: Vec<Money> = Vec::with_capacity(self.agg.projects.len() * n);
        for (_, node) in &self.agg.projects {
            self.agg
                .per_source_into(node, Some(Kind::Project), part, &mut amounts);
        }
        let per_project = || amounts.chunks_exact(n.max(1));
        let fiscal = self.fiscal_sources();
        let mut others = self.non_fiscal_sources();
        if part == Part::Carry {
            // The published 上年结转 table shows only 财政拨款 columns; other sources get a
            // column only when they have carry-over projects.
            others.retain(|(sid, _)| {
                self.budget
                    .source_index(sid)
                    .is_some_and(|i| per_project().any(|a| !a[i].is_zero()))
            });
        }
        let header = self.projects_header(&fiscal, &others);
        let cols = 2 + fiscal.len() + others.len();
        let mut rows = Vec::with_capacity(self.agg.projects.len() + 3);
        rows.push(Row {
            cells: (1..=cols).map(|i| text(i.to_string())).collect(),
            style: RowStyle::ColumnNumbers,
            parent: None,
        });
        let columns: Vec<(Rc<str>, usize)> = fiscal
            .iter()
            .chain(&others)
            .filter_map(|(sid, _)| Some((sid.clone(), self.budget.source_index(sid)?)))
            .collect();
        let row_for = |label: Cell, amounts: &[Money], project: Option<&Rc<str>>| {
            let origin = |source: Option<&Rc<str>>| Origin::Project {
                part,
                project: project.cloned(),
                source: source.cloned(),
            };
            let mut v = Vec::with_capacity(cols);
            v.push(label);
            v.push(Cell::Money {
                value: amounts.iter().sum(),
                origin: origin(None),
            });
            v.extend(columns.iter().map(|(sid, i)| Cell::Money {
                value: amounts[*i],
                origin: origin(Some(sid)),
            }));
            v
        };
        if part == Part::Carry {
            // 部门 row and 单位 row, as published.
            let amounts = self
                .agg
                .per_source(&self.agg.total, Some(Kind::Project), part);
            let name: Rc<str> = self.budget.unit.name.as_str().into();
            for (style, parent) in [(RowStyle::Total, None), (RowStyle::Lei, Some(1))] {
                rows.push(Row {
                    cells: row_for(Cell::Text(name.clone()), &amounts, None),
                    style,
                    parent,
                });
            }
        }
        let parent = if part == Part::Carry { Some(2) } else { None };
        let mut any = false;
        for ((name, _), amounts) in self.agg.projects.iter().zip(per_project()) {
            if amounts.iter().all(|m| m.is_zero()) {
                continue;
            }
            any = true;
            rows.push(Row {
                cells: row_for(Cell::Text(name.clone()), amounts, Some(name)),
                style: RowStyle::Item,
                parent,
            });
        }
        let mut t = self.table(id, header, rows);
        t.empty = !any;
        t
    }

    /// 项目名称 | 合计 | <year>财政拨款 over its sources | the other sources.
    fn projects_header(
        &self,
        fiscal: &[(Rc<str>, String)],
        others: &[(Rc<str>, String)],
    ) -> Vec<Vec<HeaderCell>> {
        let year_fiscal = format!("{}财政拨款", self.year_label());
        let mut row1 = vec![
            hr("项目名称", 2),
            hr("合计", 2),
            hc(&year_fiscal, fiscal.len() as u16),
        ];
        row1.extend(others.iter().map(|(_, n)| hr(n, 2)));
        let row2: Vec<HeaderCell> = fiscal.iter().map(|(_, n)| h(n)).collect();
        vec![row1, row2]
    }
}

/// The economic codes of each “三公” item, of the cars together and of all four.
struct SangongCodes {
    abroad: Vec<EconCode>,
    reception: Vec<EconCode>,
    purchase: Vec<EconCode>,
    operation: Vec<EconCode>,
    cars: Vec<EconCode>,
    all: Vec<EconCode>,
}

impl SangongCodes {
    fn new() -> SangongCodes {
        use crate::core::domain::codes::sangong::*;
        let code = |s: &str| EconCode::parse(s).ok().into_iter().collect::<Vec<_>>();
        let (abroad, reception) = (code(ABROAD), code(RECEPTION));
        let (purchase, operation) = (code(CAR_PURCHASE), code(CAR_OPERATION));
        let cars: Vec<EconCode> = purchase.iter().chain(&operation).copied().collect();
        let all = abroad
            .iter()
            .chain(&reception)
            .chain(&cars)
            .copied()
            .collect();
        SangongCodes {
            abroad,
            reception,
            purchase,
            operation,
            cars,
            all,
        }
    }
}

impl Cell {
    /// The sum of two money cells under one selector (used where two nodes make a figure).
    fn plus(self, other: Cell, sel: Selector) -> Cell {
        Cell::Money {
            value: self.money().unwrap_or_default() + other.money().unwrap_or_default(),
            origin: Origin::lines(sel),
        }
    }
}
