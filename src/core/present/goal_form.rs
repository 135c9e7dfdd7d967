//! A 项目支出绩效目标表 laid out as published: eight columns, label cells and the
//! amounts of 项目资金, the indicators grouped by 一级 and 二级指标 with the 实施期 column
//! beside the 年度 column. The print view, the CLI and the XLSX sheet all use this layout;
//! `formats/goal_sheet.rs` reads it back.

use crate::core::domain::goals::{FundPart, GoalForm, GoalText, IndicatorKind, Side};
use crate::core::domain::money::{group_thousands, Money};

/// Columns of the layout.
pub const COLUMNS: usize = 8;

/// One cell of the layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormCell {
    Empty,
    /// A printed label (项目名称, 一级指标 …).
    Label(String),
    /// A text of the form.
    Text(String),
    /// An amount of 项目资金 (元).
    Amount(Money),
}

impl FormCell {
    /// The cell as printed: amounts in 元 with thousands separators, no “.00”.
    pub fn text(&self) -> String {
        match self {
            FormCell::Empty => String::new(),
            FormCell::Label(t) | FormCell::Text(t) => t.clone(),
            FormCell::Amount(m) => amount_text(*m),
        }
    }
}

/// “6,837,600” for 6837600.00, “57,500.50” when there are 分.
pub fn amount_text(m: Money) -> String {
    let s = group_thousands(m.yuan());
    s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
}

/// A form's rows and the cells merged across columns: (row, column, columns).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub rows: Vec<Vec<FormCell>>,
    pub merges: Vec<(usize, usize, usize)>,
}

impl Layout {
    fn row(&mut self, cells: Vec<FormCell>) {
        let mut cells = cells;
        cells.resize(COLUMNS, FormCell::Empty);
        self.rows.push(cells);
    }

    /// A label and one text spanning the rest of the row.
    fn wide(&mut self, label: &str, text: &str) {
        self.merges.push((self.rows.len(), 1, COLUMNS - 1));
        self.row(vec![label_cell(label), text_cell(text)]);
    }
}

fn label_cell(s: &str) -> FormCell {
    FormCell::Label(s.to_string())
}

fn text_cell(s: &str) -> FormCell {
    if s.is_empty() {
        FormCell::Empty
    } else {
        FormCell::Text(s.to_string())
    }
}

/// The label a 项目资金 row prints for a part on a side.
pub fn fund_label(part: FundPart, side: Side) -> String {
    match (part, side) {
        (FundPart::Total, Side::Period) => "实施期资金总额：".into(),
        (FundPart::Total, Side::Annual) => "年度资金总额：".into(),
        (FundPart::Central, _) => "其中：中央财政资金".into(),
        (p, _) => p.label().into(),
    }
}

/// The layout of a form.
pub fn layout(form: &GoalForm) -> Layout {
    let mut l = Layout::default();
    l.wide("项目名称", form.display_name());
    if !form.title.is_empty() {
        l.wide(GoalText::Project.label(), &form.project);
    }
    for (a, b) in [
        (GoalText::Department, GoalText::Implementer),
        (GoalText::Attribute, GoalText::Period),
    ] {
        l.merges.push((l.rows.len(), 1, 3));
        l.merges.push((l.rows.len(), 5, 3));
        l.row(vec![
            label_cell(a.label()),
            text_cell(form.text(a)),
            FormCell::Empty,
            FormCell::Empty,
            label_cell(b.label()),
            text_cell(form.text(b)),
        ]);
    }
    funds_rows(&mut l, form);
    for f in [
        GoalText::Overview,
        GoalText::Basis,
        GoalText::Necessity,
        GoalText::Measures,
        GoalText::Plan,
    ] {
        l.wide(f.label(), form.text(f));
    }
    l.merges.push((l.rows.len(), 1, 3));
    l.merges.push((l.rows.len(), 4, 4));
    l.row(vec![
        FormCell::Empty,
        label_cell("实施期目标"),
        FormCell::Empty,
        FormCell::Empty,
        label_cell("年度目标"),
    ]);
    l.merges.push((l.rows.len(), 1, 3));
    l.merges.push((l.rows.len(), 4, 4));
    l.row(vec![
        label_cell("总体目标"),
        text_cell(&form.goal_period),
        FormCell::Empty,
        FormCell::Empty,
        text_cell(&form.goal_annual),
    ]);
    indicator_rows(&mut l, form);
    l.row(vec![
        label_cell("负责人："),
        text_cell(&form.manager),
        label_cell("经办人："),
        text_cell(&form.clerk),
        label_cell("联系电话："),
        text_cell(&form.phone),
        label_cell("填报日期："),
        text_cell(&form.date),
    ]);
    l
}

fn funds_rows(l: &mut Layout, form: &GoalForm) {
    for (i, part) in FundPart::ALL.iter().enumerate() {
        let mut row = vec![if i == 0 {
            label_cell("项目资金（元）")
        } else {
            FormCell::Empty
        }];
        // 实施期: label in column 1, amount over 2–3; 年度: label in 4, amount over 5–7.
        for side in Side::ALL {
            row.push(label_cell(&fund_label(*part, side)));
            row.push(FormCell::Amount(form.funds(side).get(*part)));
            if side == Side::Period {
                row.push(FormCell::Empty);
            }
        }
        l.merges.push((l.rows.len(), 2, 2));
        l.merges.push((l.rows.len(), 5, 3));
        l.row(row);
    }
}

/// The indicator header and, per 二级指标 in the form's order, as many rows as the longer
/// side has (one empty row for a category neither side uses, as published).
fn indicator_rows(l: &mut Layout, form: &GoalForm) {
    l.row(
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "二级指标",
            "三级指标",
            "指标值",
        ]
        .iter()
        .map(|s| label_cell(s))
        .collect(),
    );
    let mut last_level1 = None;
    for kind in IndicatorKind::ALL {
        let of = |side| -> Vec<_> {
            form.indicators(side)
                .iter()
                .filter(|x| x.kind == kind)
                .collect()
        };
        let (p, a) = (of(Side::Period), of(Side::Annual));
        for r in 0..p.len().max(a.len()).max(1) {
            let level1 = (last_level1 != Some(kind.level1())).then(|| kind.level1().label());
            last_level1 = Some(kind.level1());
            let mut row = vec![
                FormCell::Empty,
                level1.map(label_cell).unwrap_or(FormCell::Empty),
            ];
            for side in [&p, &a] {
                row.push(if r == 0 {
                    label_cell(kind.label())
                } else {
                    FormCell::Empty
                });
                match side.get(r) {
                    Some(x) => {
                        row.push(text_cell(&x.name));
                        row.push(text_cell(&x.value));
                    }
                    None => row.extend([FormCell::Empty, FormCell::Empty]),
                }
            }
            l.row(row);
        }
    }
}

/// The layout as tab-separated text (the CLI's report).
pub fn text(form: &GoalForm) -> String {
    layout(form)
        .rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = r.iter().map(FormCell::text).collect();
            cells.join("\t").trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}
