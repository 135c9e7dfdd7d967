//! 练习 (practice): exercises on derived figures for trainees. The app hides the figure,
//! the trainee computes it from the lines (or from the other cells of a table) and types it;
//! [`grade`] compares with the figure as the report shows it and the explanation says how it
//! is made. The exercises are written for the reference budget, from easy to hard, but every
//! expected answer is computed from whatever budget is loaded.

use crate::core::domain::model::Budget;
use crate::core::domain::money::Money;
use crate::core::domain::staffing::{apply_lever, compute, Lever, StaffCategory, StaffModel};
use crate::core::figures::explain::{explain, explain_cell};
use crate::core::figures::report::Report;
use crate::core::figures::tables::TableId;
use rust_decimal::Decimal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Easy,
    Medium,
    Hard,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Easy => "易",
            Level::Medium => "中",
            Level::Hard => "难",
        }
    }
}

/// What an exercise asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A summary figure by its [`explain`] key (money).
    Figure(&'static str),
    /// A share by its [`explain`] key (`basic_share`, `share:structure:201`): percent.
    Share(&'static str),
    /// The year-over-year change of a summary figure, in percent.
    YoY(&'static str),
    /// A cell of a disclosure table: its layout (an exercise on a layout the budget's
    /// template does not publish has no answer), the text that starts its row, column.
    Cell {
        table: TableId,
        row: &'static str,
        col: usize,
    },
    /// How much one economic code of the 基本支出测算 changes (元) when `count` staff of a
    /// category join from a month at the category's average pay (a budget without a model,
    /// or without such staff to go by, has no answer).
    Staffing {
        category: StaffCategory,
        count: u32,
        from: u8,
        economic: &'static str,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exercise {
    pub id: &'static str,
    pub level: Level,
    pub prompt: &'static str,
    pub hint: &'static str,
    pub target: Target,
}

/// The exercises shipped with the app, easy to hard.
pub const EXERCISES: &[Exercise] = &[
    Exercise {
        id: "income-current",
        level: Level::Easy,
        prompt: "本年收入合计是多少万元？",
        hint: "把各资金来源的本年收入相加（不含上年结转）。",
        target: Target::Figure("income_current"),
    },
    Exercise {
        id: "expense-total",
        level: Level::Easy,
        prompt: "支出总计是多少万元？",
        hint: "所有明细的当年预算安排与上年结转安排之和。",
        target: Target::Figure("expense_total"),
    },
    Exercise {
        id: "basic",
        level: Level::Easy,
        prompt: "基本支出是多少万元？",
        hint: "支出类型为“基本支出”的明细之和（当年 + 结转）。",
        target: Target::Figure("basic"),
    },
    Exercise {
        id: "project",
        level: Level::Easy,
        prompt: "项目支出是多少万元？",
        hint: "支出类型为“项目支出”的明细之和（当年 + 结转）。",
        target: Target::Figure("project"),
    },
    Exercise {
        id: "basic-share",
        level: Level::Medium,
        prompt: "基本支出占支出总计的百分比是多少？（保留两位小数）",
        hint: "基本支出 ÷ 支出总计 × 100%。",
        target: Target::Share("basic_share"),
    },
    Exercise {
        id: "gp-current",
        level: Level::Medium,
        prompt: "一般公共预算当年拨款是多少万元？",
        hint: "资金来源为一般公共预算的明细的当年预算安排之和（不含上年结转）。",
        target: Target::Figure("general_public_current"),
    },
    Exercise {
        id: "expense-yoy",
        level: Level::Medium,
        prompt: "支出总计比上年增长百分之几？（下降填负数，保留两位小数）",
        hint: "（本年 − 上年）÷ 上年 × 100%。",
        target: Target::YoY("expense_total"),
    },
    Exercise {
        id: "table3-2010306",
        level: Level::Medium,
        prompt: "预算公开表3（支出总表）中“2010306 政务公开审批”的合计是多少万元？",
        hint: "功能分类科目为2010306的明细之和，基本支出与项目支出都算，当年预算安排与上年结转安排都算。",
        target: Target::Cell {
            table: TableId::Expense,
            row: "2010306",
            col: 2,
        },
    },
    Exercise {
        id: "personnel",
        level: Level::Hard,
        prompt: "一般公共预算基本支出中的人员经费是多少万元？",
        hint: "经济分类为301（工资福利支出）和303（对个人和家庭的补助）的一般公共预算基本支出明细之和（当年）。",
        target: Target::Figure("personnel"),
    },
    Exercise {
        id: "public-use",
        level: Level::Hard,
        prompt: "一般公共预算基本支出中的公用经费是多少万元？",
        hint: "人员经费以外的一般公共预算基本支出（302 商品和服务支出、310 资本性支出等，当年）。",
        target: Target::Figure("public_use"),
    },
    Exercise {
        id: "table6-301",
        level: Level::Hard,
        prompt: "预算公开表6中“工资福利支出”的合计是多少万元？",
        hint: "经济分类以301开头的一般公共预算基本支出明细之和（当年）。",
        target: Target::Cell {
            table: TableId::BasicEconomic,
            row: "工资福利支出",
            col: 2,
        },
    },
    Exercise {
        id: "gp-structure-201",
        level: Level::Hard,
        prompt: "一般公共预算当年拨款中，一般公共服务支出（201类）占百分之几？（保留两位小数）",
        hint: "201类的一般公共预算当年拨款 ÷ 一般公共预算当年拨款 × 100%。",
        target: Target::Share("share:structure:201"),
    },
    Exercise {
        id: "staffing-annuity",
        level: Level::Medium,
        prompt: "两名事业编制人员7月起入职（工资按现有事业编制人员平均），职业年金缴费（30109）增加多少元？",
        hint: "每人缴费基数 = 月缴费工资（事业单位：基本工资 + 绩效工资）× 6个月；职业年金 = 缴费基数 × 8%，每人四舍五入到分，再乘以人数。",
        target: Target::Staffing {
            category: StaffCategory::Institution,
            count: 2,
            from: 7,
            economic: "30109",
        },
    },
    Exercise {
        id: "staffing-pension",
        level: Level::Hard,
        prompt: "一名行政编制人员1月起入职（工资按现有行政编制人员平均），机关事业单位基本养老保险缴费（30108）增加多少元？",
        hint: "缴费基数 = （基本工资 + 规范津贴补贴）× 12个月 + 年终一次性奖金（一个月基本工资）；养老保险缴费 = 缴费基数 × 16%，四舍五入到分。",
        target: Target::Staffing {
            category: StaffCategory::Administrative,
            count: 1,
            from: 1,
            economic: "30108",
        },
    },
];

/// The summary keys (explain keys; `yoy:<key>` for a 比上年 figure) that unanswered
/// exercises hide: each exercise's own figure, and every figure that would give it away by
/// one addition or subtraction — the 比上年 change beside a hidden figure (prior + change),
/// 收入总计 of 支出总计 (a balanced budget), the other of two shares that make 100%, the
/// other part of 基本支出 + 项目支出 = 支出总计.
///
/// ```
/// use yusuan::core::practice::{hidden_keys, find};
/// let keys = hidden_keys([find("basic-share").unwrap()]);
/// assert!(keys.contains(&"basic_share".to_string()));
/// assert!(keys.contains(&"project_share".to_string()));
/// let keys = hidden_keys([find("expense-total").unwrap()]);
/// for k in ["expense_total", "income_total", "yoy:expense_total", "yoy:income_total"] {
///     assert!(keys.contains(&k.to_string()), "{k}");
/// }
/// ```
pub fn hidden_keys<'a>(pending: impl IntoIterator<Item = &'a Exercise>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut add = |k: &str| {
        if !keys.iter().any(|x| x == k) {
            keys.push(k.to_string());
        }
    };
    for ex in pending {
        match ex.target {
            Target::Figure(k) => {
                add(k);
                add(&format!("yoy:{k}"));
                let partners: &[&str] = match k {
                    "expense_total" | "income_total" => &[
                        "expense_total",
                        "income_total",
                        "yoy:expense_total",
                        "yoy:income_total",
                    ],
                    "basic" => &["project"],
                    "project" => &["basic"],
                    _ => &[],
                };
                partners.iter().for_each(|p| add(p));
            }
            Target::Share(k) => {
                add(k);
                let partners: &[&str] = match k {
                    "basic_share" => &["project_share"],
                    "project_share" => &["basic_share"],
                    _ => &[],
                };
                partners.iter().for_each(|p| add(p));
            }
            Target::YoY(k) => {
                add(&format!("yoy:{k}"));
                if matches!(k, "expense_total" | "income_total") {
                    add("yoy:expense_total");
                    add("yoy:income_total");
                }
            }
            Target::Cell { .. } | Target::Staffing { .. } => {}
        }
    }
    keys
}

/// Whether a figure of the narrative (its span key) shows a hidden answer: the same key,
/// or the narrative's name for a hidden 比上年 (`yoy:expense` for `yoy:expense_total` …).
///
/// ```
/// use yusuan::core::practice::masks;
/// let hidden = vec!["expense_total".to_string(), "yoy:expense_total".to_string()];
/// assert!(masks(&hidden, "expense_total") && masks(&hidden, "yoy:expense"));
/// assert!(!masks(&hidden, "basic"));
/// ```
pub fn masks(hidden: &[String], span_key: &str) -> bool {
    let summary_key = match span_key {
        "yoy:income" => "yoy:income_total",
        "yoy:expense" => "yoy:expense_total",
        "yoy:general_public" => "yoy:general_public_current",
        k => k,
    };
    hidden.iter().any(|k| k == span_key || k == summary_key)
}

pub fn find(id: &str) -> Option<&'static Exercise> {
    EXERCISES.iter().find(|e| e.id == id)
}

/// The right answer as the report shows it, and how it is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// As shown (e.g. `3,402.75` or `28.26%`).
    pub shown: String,
    /// The shown value as a number (万元/元 or percent, two decimals).
    pub value: Decimal,
    pub percent: bool,
    /// The formula with its terms.
    pub explanation: String,
    /// For a table cell: (table index, row, column) in the report.
    pub cell: Option<(usize, usize, usize)>,
}

/// The expected answer of `ex` for this budget and report (`None` when the budget has no
/// such figure, e.g. no prior-year total for a year-over-year exercise).
///
/// ```
/// use yusuan::core::practice::{expected, find};
/// use yusuan::core::figures::report::Report;
/// let b = yusuan::core::formats::reference::budget();
/// let r = Report::build(&b, Default::default());
/// let e = expected(&b, &r, find("personnel").unwrap()).unwrap();
/// assert_eq!(e.shown, "924.78");
/// assert_eq!(expected(&b, &r, find("basic-share").unwrap()).unwrap().shown, "28.26%");
/// assert_eq!(expected(&b, &r, find("expense-yoy").unwrap()).unwrap().shown, "6.48%");
/// assert_eq!(expected(&b, &r, find("table6-301").unwrap()).unwrap().shown, "913.84");
/// assert_eq!(expected(&b, &r, find("table3-2010306").unwrap()).unwrap().shown, "3,182.90");
/// assert_eq!(expected(&b, &r, find("gp-structure-201").unwrap()).unwrap().shown, "92.84%");
/// ```
pub fn expected(budget: &Budget, report: &Report, ex: &Exercise) -> Option<Expected> {
    let unit = report.options.unit;
    let money = |m: Money, explanation: String| Expected {
        shown: m.display(unit),
        value: m.rounded(unit),
        percent: false,
        explanation,
        cell: None,
    };
    match ex.target {
        Target::Figure(key) => {
            let e = explain(budget, key, unit)?;
            Some(money(e.value, e.formula))
        }
        Target::Share(key) => {
            let e = explain(budget, key, unit)?;
            let s = &report.summary;
            let part = match key {
                "basic_share" => s.kind_shares.first(),
                "project_share" => s.kind_shares.get(1),
                _ => {
                    let k = key.strip_prefix("share:")?;
                    s.structure
                        .iter()
                        .chain(&s.income_shares)
                        .find(|p| p.key == k)
                }
            }?;
            let v = part.shown?;
            Some(Expected {
                shown: format!("{v:.2}%"),
                value: v,
                percent: true,
                explanation: e.formula,
                cell: None,
            })
        }
        Target::YoY(key) => {
            let s = &report.summary;
            let y = match key {
                "expense_total" => s.yoy_expense,
                "income_total" => s.yoy_income,
                "general_public_current" => s.yoy_general_public,
                _ => None,
            }?;
            let p = y.percent?.rounded();
            Some(Expected {
                shown: format!("{p:.2}%"),
                value: p,
                percent: true,
                explanation: format!(
                    "（{} − {}）÷ {} × 100% = {p:.2}%",
                    y.current.display(unit),
                    y.prior.display(unit),
                    y.prior.display(unit)
                ),
                cell: None,
            })
        }
        Target::Staffing {
            category,
            count,
            from,
            economic,
        } => {
            let lever = Lever::Hire {
                category,
                count,
                from,
            };
            staffing_answer(budget.staffing.first()?, &lever, economic)
        }
        Target::Cell { table, row, col } => {
            let ti = report.tables.iter().position(|t| t.id == table)?;
            let t = &report.tables[ti];
            let ri = t
                .rows
                .iter()
                .position(|r| r.cells.first().and_then(|c| c.text()) == Some(row))?;
            let shown = t
                .render(unit, report.options.adjusted())
                .get(ri)?
                .get(col)?
                .clone();
            let e = explain_cell(budget, t, ri, col, unit)?;
            Some(Expected {
                value: shown.replace(',', "").parse().ok()?,
                shown,
                percent: false,
                explanation: e.formula,
                cell: Some((ti, ri, col)),
            })
        }
    }
}

/// The change of one economic code's generated amount (元) by a lever, with the new
/// parts' formulas as the explanation.
fn staffing_answer(m: &StaffModel, lever: &Lever, economic: &str) -> Option<Expected> {
    let after = apply_lever(m, lever).ok()?;
    let of = |m: &StaffModel| -> Option<(Money, Vec<String>)> {
        let out = compute(m).ok()?;
        let lines = out
            .lines
            .iter()
            .filter(|l| l.economic.to_string() == economic);
        let mut total = Money::ZERO;
        let mut formulas = Vec::new();
        for l in lines {
            total += l.amount;
            formulas.extend(
                l.parts
                    .iter()
                    .filter(|p| p.label.contains("增人"))
                    .map(|p| format!("{}：{}", p.label, p.formula)),
            );
        }
        Some((total, formulas))
    };
    let (before, _) = of(m)?;
    let (now, formulas) = of(&after)?;
    let delta = now - before;
    let unit = crate::core::domain::money::Unit::Yuan;
    Some(Expected {
        shown: delta.display(unit),
        value: delta.rounded(unit),
        percent: false,
        explanation: format!(
            "{}\n{economic}：{} − {} = {}",
            formulas.join("\n"),
            now.display(unit),
            before.display(unit),
            delta.display(unit)
        ),
        cell: None,
    })
}

/// Whether a typed answer is right: equal to the shown figure (two decimals). Typed
/// thousands separators, full-width digits and a `%` are accepted; text that is not a number
/// gives a message.
///
/// ```
/// use yusuan::core::practice::{grade, Expected};
/// let e = Expected { shown: "3,402.75".into(), value: "3402.75".parse().unwrap(), percent: false, explanation: String::new(), cell: None };
/// assert_eq!(grade(&e, "3,402.75"), Ok(true));
/// assert_eq!(grade(&e, "３４０２．７５"), Ok(true));
/// assert_eq!(grade(&e, "3402.7"), Ok(false));
/// assert!(grade(&e, "很多").is_err());
/// ```
pub fn grade(expected: &Expected, typed: &str) -> Result<bool, String> {
    if typed.trim().is_empty() {
        return Err("请先填写答案".into());
    }
    let v = crate::core::domain::money::parse_number(typed)
        .ok_or_else(|| format!("“{}”不是数字", typed.trim()))?;
    Ok(v.round_dp(2) == expected.value.round_dp(2))
}
