//! Layouts first published by the Shanghai template (any template may list them): income
//! categories as columns, 支出 by 类 beside the income categories, economic codes printed
//! with their codes, and “三公” with 机关运行经费 in one row.

use super::{
    h, hc, hr, side_by_side, text, Builder, Cell, HeaderCell, Origin, Row, RowStyle, SangongCodes,
    Table, TableId,
};
use crate::core::domain::codes::{chinese_ordinal, EconCode, FunctionCode, Level};
use crate::core::domain::model::{Kind, SourceKind};
use crate::core::domain::money::Money;
use crate::core::figures::aggregate::{Node, Part, Selector, SourceSel};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// 人员经费 and 公用经费 of 基本支出 (both parts) under one 类, or without a functional code.
#[derive(Default, Clone, Copy)]
struct BasicSplit {
    personnel: Money,
    public_use: Money,
}

impl Builder<'_> {
    /// The 类 that have an amount from `sources`, in code order; a row for lines without a
    /// functional code last when they have one.
    fn used_lei(&self, sources: &SourceSel) -> Vec<Option<FunctionCode>> {
        let mut v: Vec<Option<FunctionCode>> = self
            .agg
            .function_order
            .iter()
            .filter(|c| c.level() == Level::Lei)
            .filter(|c| {
                !self
                    .agg
                    .get(&self.agg.by_function[c], None, Part::Both, sources)
                    .is_zero()
            })
            .map(|c| Some(*c))
            .collect();
        if !self
            .agg
            .get(&self.agg.unclassified, None, Part::Both, sources)
            .is_zero()
        {
            v.push(None);
        }
        v
    }

    fn lei_label(&self, code: Option<FunctionCode>) -> String {
        match code {
            Some(c) => self.function_name(c),
            None => "未填功能分类科目的支出".to_string(),
        }
    }

    /// 人员经费/公用经费 of 基本支出 per 类, from the sums.
    fn basic_split_by_lei(&self) -> FxHashMap<Option<FunctionCode>, BasicSplit> {
        let mut m: FxHashMap<Option<FunctionCode>, BasicSplit> = FxHashMap::default();
        for ((lei, personnel), node) in &self.agg.split_by_lei {
            let amount = self
                .agg
                .get(node, Some(Kind::Basic), Part::Both, &SourceSel::All);
            let e = m.entry(*lei).or_default();
            if *personnel {
                e.personnel += amount;
            } else {
                e.public_use += amount;
            }
        }
        m
    }

    fn money(value: Money, sel: Selector) -> Cell {
        Cell::Money {
            value,
            origin: Origin::lines(sel),
        }
    }

    /// 合计 | 人员经费 | 公用经费 | 项目支出 of one 类 (or of everything, `lei` None and
    /// `all` true).
    fn finance_columns(
        &self,
        lei: Option<FunctionCode>,
        all: bool,
        split: &BasicSplit,
    ) -> Vec<Cell> {
        let base = if all {
            Selector::all(Part::Both)
        } else {
            Self::lei_sel(lei, Part::Both)
        };
        let node = if all {
            Some(&self.agg.total)
        } else {
            self.lei_node(lei)
        };
        let basic = base.clone().kind(Kind::Basic);
        vec![
            self.cell(node, base.clone()),
            Self::money(split.personnel, basic.clone().personnel(true)),
            Self::money(split.public_use, basic.personnel(false)),
            self.cell(node, base.kind(Kind::Project)),
        ]
    }

    /// The income side of 表1: 一、财政拨款收入 with its budgets as 1. 2. 3., then every
    /// other category.
    fn income_category_rows(&self) -> Vec<(String, Cell)> {
        let fiscal = self.fiscal_sources();
        let mut v = Vec::new();
        let mut n = 0;
        if !fiscal.is_empty() {
            n += 1;
            v.push((
                format!("{}、财政拨款收入", chinese_ordinal(n)),
                self.income_cell(SourceSel::Fiscal, Part::Both),
            ));
            for (i, (id, name)) in fiscal.iter().enumerate() {
                v.push((
                    format!("{}. {name}", i + 1),
                    self.income_cell(SourceSel::Id(id.clone()), Part::Both),
                ));
            }
        }
        for (id, name) in self.non_fiscal_sources() {
            n += 1;
            v.push((
                format!("{}、{name}", chinese_ordinal(n)),
                self.income_cell(SourceSel::Id(id), Part::Both),
            ));
        }
        v
    }

    /// 表1 财务收支预算总表.
    pub(super) fn finance_summary(&self) -> Table {
        let header = vec![
            vec![hc("收入", 2), hc("支出", 5)],
            vec![
                hr("项目", 2),
                hr("预算数", 2),
                hr("项目", 2),
                hr("合计", 2),
                hc("基本支出", 2),
                hr("项目支出", 2),
            ],
            vec![h("人员经费"), h("公用经费")],
        ];
        let income: Vec<Vec<Cell>> = self
            .income_category_rows()
            .into_iter()
            .map(|(label, cell)| vec![text(label), cell])
            .collect();
        let split = self.basic_split_by_lei();
        let spending: Vec<Vec<Cell>> = self
            .used_lei(&SourceSel::All)
            .into_iter()
            .map(|code| {
                let s = split.get(&code).copied().unwrap_or_default();
                let mut cells = vec![text(self.lei_label(code))];
                cells.extend(self.finance_columns(code, false, &s));
                cells
            })
            .collect();
        let mut rows = side_by_side(income, 2, spending, 5);
        let total = split
            .values()
            .fold(BasicSplit::default(), |a, s| BasicSplit {
                personnel: a.personnel + s.personnel,
                public_use: a.public_use + s.public_use,
            });
        rows.push(Self::total_row(
            ("收入总计", self.income_cell(SourceSel::All, Part::Both)),
            "支出总计",
            self.finance_columns(None, true, &total),
        ));
        self.table(TableId::FinanceSummary, header, rows)
    }

    /// 表2 收入预算总表: the functional tree, 合计 | 财政拨款 | each other income category.
    pub(super) fn income_by_category(&self) -> Table {
        let others = self.non_fiscal_sources();
        let mut row2 = vec![h("科目编码"), h("科目名称"), h("合计"), h("财政拨款")];
        row2.extend(others.iter().map(|(_, n)| h(n)));
        let header = vec![
            vec![hc("项目", 2), hc("预算数", 2 + others.len() as u16)],
            row2,
        ];
        let columns = |node: Option<&Node>, code, uncl| {
            let base = Self::tree_sel(code, uncl, Part::Both);
            let mut v = vec![
                self.cell(node, base.clone()),
                self.cell(node, base.clone().sources(SourceSel::Fiscal)),
            ];
            for (id, _) in &others {
                v.push(self.cell(node, base.clone().sources(SourceSel::Id(id.clone()))));
            }
            v
        };
        let rows = self.function_tree(2, self.nonzero(SourceSel::All, Part::Both), columns);
        self.table(TableId::IncomeByCategory, header, rows)
    }

    /// A fiscal source's column title: the budget it belongs to.
    fn budget_label(kind: SourceKind, name: &str) -> String {
        match kind {
            SourceKind::GeneralPublic => "一般公共预算".into(),
            SourceKind::GovernmentFund => "政府性基金预算".into(),
            SourceKind::StateCapital => "国有资本经营预算".into(),
            _ => name.to_string(),
        }
    }

    /// 表4 财政拨款收支预算总表: fiscal income by budget beside 支出 by 类 per budget.
    pub(super) fn fiscal_by_budget(&self) -> Table {
        let fiscal: Vec<(Rc<str>, String, String)> = self
            .budget
            .sources
            .iter()
            .filter(|s| s.kind.is_fiscal())
            .map(|s| {
                (
                    Rc::from(s.id.as_str()),
                    s.name.clone(),
                    Self::budget_label(s.kind, &s.name),
                )
            })
            .collect();
        let k = fiscal.len() as u16;
        let mut row2 = vec![h("项目"), h("预算数"), h("项目"), h("合计")];
        row2.extend(fiscal.iter().map(|(_, _, label)| h(label)));
        let header = vec![vec![hc("收入", 2), hc("支出", 2 + k)], row2];
        let ids: Vec<Rc<str>> = fiscal.iter().map(|(id, _, _)| id.clone()).collect();
        let money_cols = |node: Option<&Node>, base| self.fiscal_columns(&ids, node, base);
        let income: Vec<Vec<Cell>> = fiscal
            .iter()
            .map(|(id, name, _)| {
                vec![
                    text(name.clone()),
                    self.income_cell(SourceSel::Id(id.clone()), Part::Both),
                ]
            })
            .collect();
        let lei = self
            .used_lei(&SourceSel::Fiscal)
            .into_iter()
            .map(|code| (self.lei_label(code), code))
            .collect();
        let spending = self.lei_money_rows(lei, &money_cols);
        let mut rows = side_by_side(income, 2, spending, 2 + k as usize);
        rows.push(Self::total_row(
            ("收入总计", self.income_cell(SourceSel::Fiscal, Part::Both)),
            "支出总计",
            money_cols(Some(&self.agg.total), Selector::all(Part::Both)),
        ));
        self.table(TableId::FiscalByBudget, header, rows)
    }

    /// 表6: 一般公共预算 基本支出 by 部门 economic 类 and 款 with their codes:
    /// 合计 | 人员经费 | 公用经费 (人员经费 = 301 and 303).
    pub(super) fn basic_economic_coded(&self) -> Table {
        let header = vec![
            vec![hc("项目", 2), hc("预算数", 3)],
            vec![
                h("科目编码"),
                h("科目名称"),
                h("合计"),
                h("人员经费"),
                h("公用经费"),
            ],
        ];
        let gp = SourceSel::Kind(SourceKind::GeneralPublic);
        let base = Selector::all(Part::Current)
            .kind(Kind::Basic)
            .sources(gp.clone())
            .with_econ();
        let value = |node: &Node| self.agg.get(node, Some(Kind::Basic), Part::Current, &gp);
        let split = |personnel: bool, value: Money, sel: Selector| {
            let cell = Self::money(value, sel);
            if personnel {
                vec![cell.clone(), cell, Cell::Empty]
            } else {
                vec![cell.clone(), Cell::Empty, cell]
            }
        };
        let personnel = value(&self.agg.personnel);
        let public_use = value(&self.agg.public_use);
        let mut rows = vec![Row {
            cells: vec![
                text("合计"),
                Cell::Empty,
                Self::money(personnel + public_use, base.clone()),
                Self::money(personnel, base.clone().personnel(true)),
                Self::money(public_use, base.clone().personnel(false)),
            ],
            style: RowStyle::Total,
            parent: None,
        }];
        let mut classes: Vec<EconCode> = self.agg.by_econ_class.keys().copied().collect();
        crate::core::sort::sort_by_key(&mut classes, |c| c.sort_key());
        for class in classes {
            let class_value = value(&self.agg.by_econ_class[&class]);
            if class_value.is_zero() {
                continue;
            }
            let name = |e: EconCode| {
                self.budget
                    .econ_name(e)
                    .unwrap_or("（未知经济分类）")
                    .to_string()
            };
            let mut cells = vec![text(class.to_string()), text(name(class))];
            cells.extend(split(
                class.is_personnel(),
                class_value,
                base.clone().econ(&[class]),
            ));
            let class_row = rows.len();
            rows.push(Row {
                cells,
                style: RowStyle::Lei,
                parent: Some(0),
            });
            // 款 summed over the 政府 codes they are split by.
            let mut items: Vec<(EconCode, Money)> = Vec::new();
            for ((e, _), node) in &self.agg.by_econ {
                if e.class() != class || e.is_class() {
                    continue;
                }
                match items.iter_mut().find(|(c, _)| c == e) {
                    Some((_, m)) => *m += value(node),
                    None => items.push((*e, value(node))),
                }
            }
            items.retain(|(_, m)| !m.is_zero());
            crate::core::sort::sort_by_key(&mut items, |(e, _)| e.sort_key());
            for (e, m) in items {
                let mut cells = vec![text(e.to_string()), text(name(e))];
                cells.extend(split(class.is_personnel(), m, base.clone().econ(&[e])));
                rows.push(Row {
                    cells,
                    style: RowStyle::Item,
                    parent: Some(class_row),
                });
            }
        }
        self.table(TableId::BasicEconomicCoded, header, rows)
    }

    /// 表9: 财政拨款 “三公”经费 by item and 机关运行经费, current year, one row.
    pub(super) fn sangong_office(&self) -> Table {
        let header: Vec<Vec<HeaderCell>> = vec![
            vec![hc("“三公”经费预算数", 6), hr("机关运行经费预算数", 3)],
            vec![
                hr("合计", 2),
                hr("因公出国（境）费", 2),
                hr("公务接待费", 2),
                hc("公务用车购置及运行费", 3),
            ],
            vec![h("小计"), h("购置费"), h("运行费")],
        ];
        let SangongCodes {
            abroad,
            reception,
            purchase,
            operation,
            cars,
            all,
        } = SangongCodes::new();
        let cell = |codes: &[EconCode]| {
            self.econ_cell(
                codes,
                Selector::all(Part::Current).sources(SourceSel::Fiscal),
            )
        };
        let office = self.cell(
            Some(&self.agg.office_running),
            Selector::office_running(SourceSel::Fiscal),
        );
        let rows = vec![Row {
            cells: vec![
                cell(&all),
                cell(&abroad),
                cell(&reception),
                cell(&cars),
                cell(&purchase),
                cell(&operation),
                office,
            ],
            style: RowStyle::Item,
            parent: None,
        }];
        self.table(TableId::SangongOffice, header, rows)
    }
}
