//! Comparing two scenarios: which lines were changed, added or removed; every total, share
//! and year-over-year figure that differs; which checks differ.
//!
//! Lines are matched by their id: scenarios made in the app are copies, so a line keeps its
//! id in every copy. Two budgets made independently may reuse ids for unrelated lines; the
//! comparison then shows them as changed (every differing field is listed, so nothing is
//! hidden).

use crate::core::domain::goals::{FundPart, GoalForm, GoalText, Side};
use crate::core::domain::model::{Budget, Line, LineId, PriorField, TextField};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::report::Report;
use crate::core::figures::shares::YoY;
use crate::core::figures::summary::Summary;
use crate::core::present::editor::{cell_text, Column};
use rust_decimal::Decimal;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineStatus {
    Added,
    Removed,
    Changed,
}

impl LineStatus {
    pub fn label(self) -> &'static str {
        match self {
            LineStatus::Added => "新增",
            LineStatus::Removed => "删除",
            LineStatus::Changed => "修改",
        }
    }
}

/// One line that differs between the two scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineDiff {
    pub id: LineId,
    pub status: LineStatus,
    /// A short description: codes, names, project.
    pub describe: String,
    /// The columns that differ (every column for added and removed lines).
    pub columns: Vec<Column>,
    /// 当年 + 结转 in each scenario (zero where the line does not exist).
    pub total_a: Money,
    pub total_b: Money,
}

impl LineDiff {
    pub fn delta(&self) -> Money {
        self.total_b - self.total_a
    }
}

/// A figure's value in one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Money(Money),
    /// A shown share in percent (two decimals); `None` when the whole is zero.
    Share(Option<Decimal>),
    /// A year-over-year change; `None` without a prior-year figure.
    YoY(Option<YoY>),
    /// A typed amount that may be left empty (a prior-year figure).
    Typed(Option<Money>),
    /// A setting or a name.
    Text(String),
}

impl Value {
    /// As shown in the summary, in `unit`.
    pub fn display(&self, unit: Unit) -> String {
        match self {
            Value::Money(m) => m.display(unit),
            Value::Share(Some(p)) => format!("{p:.2}%"),
            Value::Share(None) => "—".into(),
            Value::YoY(Some(y)) => y.signed(unit),
            Value::YoY(None) => "无上年数".into(),
            Value::Typed(Some(m)) => m.display(unit),
            Value::Typed(None) => "未填".into(),
            Value::Text(t) => t.clone(),
        }
    }
}

/// One figure in both scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureDiff {
    /// 合计 / 占比 / 同比 / 控制数 / 收入 / 资金来源 / 上年数 / 政府采购 / 文字 / 选项.
    pub group: &'static str,
    pub label: String,
    pub a: Value,
    pub b: Value,
}

impl FigureDiff {
    pub fn changed(&self) -> bool {
        self.a != self.b
    }

    /// b − a, for money figures and shares (in percentage points), as shown in `unit`.
    pub fn delta(&self, unit: Unit) -> String {
        let signed = |neg: bool, s: String| format!("{}{s}", if neg { "−" } else { "+" });
        match (&self.a, &self.b) {
            (Value::Money(a), Value::Money(b)) => {
                let d = *b - *a;
                signed(d.is_negative(), d.abs().display(unit))
            }
            (Value::Share(Some(a)), Value::Share(Some(b))) => {
                let d = b - a;
                signed(
                    d.is_sign_negative() && !d.is_zero(),
                    format!("{:.2}个百分点", d.abs()),
                )
            }
            (Value::Typed(a), Value::Typed(b)) => {
                let d = b.unwrap_or_default() - a.unwrap_or_default();
                signed(d.is_negative(), d.abs().display(unit))
            }
            (Value::YoY(Some(a)), Value::YoY(Some(b))) => {
                let d = b.change - a.change;
                signed(d.is_negative(), d.abs().display(unit))
            }
            _ => String::new(),
        }
    }
}

/// A check that fails in only one of the two scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckDiff {
    pub id: &'static str,
    pub message: String,
    /// True: fails only in the other scenario (new); false: only in the base (resolved).
    pub only_in_b: bool,
}

/// A 绩效目标表 that differs: matched by its printed 项目名称 (a form of a renamed project
/// shows as removed and added).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalDiff {
    pub name: String,
    pub status: LineStatus,
    /// What differs, in the form's words (项目概况, 年度资金总额, 绩效指标（年度） …).
    pub fields: Vec<String>,
    /// 年度资金总额 in each scenario (zero where the form does not exist).
    pub annual_a: Money,
    pub annual_b: Money,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    pub lines: Vec<LineDiff>,
    /// Forms added, removed or changed.
    pub goals: Vec<GoalDiff>,
    /// Every figure, changed or not (the view shows the changed ones first).
    pub figures: Vec<FigureDiff>,
    pub checks: Vec<CheckDiff>,
}

impl Comparison {
    pub fn changed_figures(&self) -> impl Iterator<Item = &FigureDiff> {
        self.figures.iter().filter(|f| f.changed())
    }

    /// The comparison as one table (for CSV/XLSX export): a header row, then figures, lines
    /// and checks. Money in `unit`.
    pub fn table(&self, name_a: &str, name_b: &str, unit: Unit) -> Vec<Vec<String>> {
        let mut rows = vec![vec![
            "类别".to_string(),
            "项目".to_string(),
            name_a.to_string(),
            name_b.to_string(),
            "差额".to_string(),
        ]];
        for f in self.changed_figures() {
            rows.push(vec![
                f.group.to_string(),
                f.label.clone(),
                f.a.display(unit),
                f.b.display(unit),
                f.delta(unit),
            ]);
        }
        for l in &self.lines {
            let d = l.delta();
            rows.push(vec![
                format!("明细{}", l.status.label()),
                format!(
                    "第{}号 {}（{}）",
                    l.id,
                    l.describe,
                    l.columns
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                l.total_a.display(unit),
                l.total_b.display(unit),
                format!(
                    "{}{}",
                    if d.is_negative() { "−" } else { "+" },
                    d.abs().display(unit)
                ),
            ]);
        }
        for g in &self.goals {
            let d = g.annual_b - g.annual_a;
            rows.push(vec![
                format!("绩效目标表{}", g.status.label()),
                format!("{}（{}）", g.name, g.fields.join("、")),
                g.annual_a.display(unit),
                g.annual_b.display(unit),
                format!(
                    "{}{}",
                    if d.is_negative() { "−" } else { "+" },
                    d.abs().display(unit)
                ),
            ]);
        }
        for c in &self.checks {
            let (a, b) = if c.only_in_b {
                ("通过", "未通过")
            } else {
                ("未通过", "通过")
            };
            rows.push(vec![
                "检查".into(),
                c.message.clone(),
                a.into(),
                b.into(),
                String::new(),
            ]);
        }
        rows
    }
}

fn describe(b: &Budget, l: &Line) -> String {
    let mut parts = Vec::new();
    for c in [
        Column::Function,
        Column::FunctionName,
        Column::Economic,
        Column::EconName,
        Column::Project,
    ] {
        let t = cell_text(b, l, c, Unit::Yuan);
        if !t.is_empty() {
            parts.push(t);
        }
    }
    parts.join(" ")
}

/// The columns whose shown value differs (names come from each budget's own tables).
fn differing(a: &Budget, la: &Line, b: &Budget, lb: &Line) -> Vec<Column> {
    Column::ALL
        .iter()
        .copied()
        .filter(|c| cell_text(a, la, *c, Unit::Yuan) != cell_text(b, lb, *c, Unit::Yuan))
        .collect()
}

type SharesOf = fn(&Summary) -> &Vec<crate::core::figures::summary::SharePart>;
type YoYOf = fn(&Summary) -> Option<YoY>;

/// Every summary figure of two reports side by side (totals, shares, year-over-year,
/// 控制数 headroom).
pub fn figures(a: &Summary, b: &Summary) -> Vec<FigureDiff> {
    let mut out = Vec::new();
    let mut money = |label: &str, f: fn(&Summary) -> Money| {
        out.push(FigureDiff {
            group: "合计",
            label: label.into(),
            a: Value::Money(f(a)),
            b: Value::Money(f(b)),
        })
    };
    money("收入总计", |s| s.income_total);
    money("本年收入合计", |s| s.income_current);
    money("上年结转", |s| s.income_carry);
    money("支出总计", |s| s.expense_total);
    money("基本支出", |s| s.basic);
    money("项目支出", |s| s.project);
    money("一般公共预算当年拨款", |s| {
        s.general_public_current
    });
    money("人员经费", |s| s.personnel);
    money("公用经费", |s| s.public_use);
    money("“三公”经费", |s| s.sangong.total());
    money("机关运行经费", |s| s.office_running);
    money("收支差额", |s| s.imbalance());

    // Shares: matched by label so that a 类 present in only one scenario shows as “—”.
    let share_groups: [(&str, SharesOf); 3] = [
        ("支出总计中", |s| &s.kind_shares),
        ("收入总计中", |s| &s.income_shares),
        ("一般公共预算当年拨款中", |s| &s.structure),
    ];
    for (prefix, parts) in share_groups {
        let (pa, pb) = (parts(a), parts(b));
        let mut labels: Vec<&str> = pa.iter().map(|p| p.label.as_str()).collect();
        for p in pb {
            if !labels.contains(&p.label.as_str()) {
                labels.push(&p.label);
            }
        }
        let find = |ps: &Vec<crate::core::figures::summary::SharePart>, l: &str| {
            ps.iter().find(|p| p.label == l).and_then(|p| p.shown)
        };
        for l in labels {
            out.push(FigureDiff {
                group: "占比",
                label: format!("{prefix}{l}"),
                a: Value::Share(find(pa, l)),
                b: Value::Share(find(pb, l)),
            });
        }
    }

    let yoy: [(&str, YoYOf); 5] = [
        ("收入总计", |s| s.yoy_income),
        ("支出总计", |s| s.yoy_expense),
        ("一般公共预算当年拨款", |s| s.yoy_general_public),
        ("“三公”经费", |s| s.yoy_sangong),
        ("机关运行经费", |s| s.yoy_office_running),
    ];
    for (label, f) in yoy {
        out.push(FigureDiff {
            group: "同比",
            label: format!("{label}比上年"),
            a: Value::YoY(f(a)),
            b: Value::YoY(f(b)),
        });
    }

    let mut sources: Vec<(&str, &str)> = a
        .control
        .iter()
        .map(|c| (c.source.as_str(), c.name.as_str()))
        .collect();
    for c in &b.control {
        if !sources.iter().any(|(s, _)| *s == c.source) {
            sources.push((&c.source, &c.name));
        }
    }
    for (source, name) in sources {
        let room = |s: &Summary| {
            s.control
                .iter()
                .find(|c| c.source == source)
                .map(|c| c.headroom())
                .unwrap_or(Money::ZERO)
        };
        out.push(FigureDiff {
            group: "控制数",
            label: format!("{name}控制数余额（负数为超出）"),
            a: Value::Money(room(a)),
            b: Value::Money(room(b)),
        });
    }
    out
}

/// Compares scenario `b` with the base `a`; the reports must be built from them.
///
/// ```
/// use yusuan::core::drafting::compare::{compare, LineStatus};
/// use yusuan::core::domain::command::{Command, Field};
/// use yusuan::core::domain::money::{Money, Unit};
/// use yusuan::core::figures::report::Report;
/// let a = yusuan::core::formats::reference::budget();
/// let mut b = a.clone();
/// let id = b.lines[0].id;
/// b.apply(Command::UpdateLine { id, field: Field::Current(Money::from_fen(0)) }).unwrap();
/// let (ra, rb) = (Report::build(&a, Default::default()), Report::build(&b, Default::default()));
/// let c = compare(&a, &ra, &b, &rb);
/// assert_eq!(c.lines.len(), 1);
/// assert_eq!(c.lines[0].status, LineStatus::Changed);
/// let total = c.figures.iter().find(|f| f.label == "支出总计").unwrap();
/// assert_eq!(total.a.display(Unit::Wan), "3,826.55");
/// assert_eq!(total.b.display(Unit::Wan), "3,564.54");
/// ```
pub fn compare(a: &Budget, ra: &Report, b: &Budget, rb: &Report) -> Comparison {
    let in_b: HashMap<LineId, &Line> = b.lines.iter().map(|l| (l.id, l)).collect();
    let in_a: HashMap<LineId, &Line> = a.lines.iter().map(|l| (l.id, l)).collect();
    let mut lines = Vec::new();
    for lb in &b.lines {
        match in_a.get(&lb.id) {
            None => lines.push(LineDiff {
                id: lb.id,
                status: LineStatus::Added,
                describe: describe(b, lb),
                columns: Column::ALL.to_vec(),
                total_a: Money::ZERO,
                total_b: lb.total(),
            }),
            Some(la) => {
                let columns = differing(a, la, b, lb);
                if !columns.is_empty() {
                    lines.push(LineDiff {
                        id: lb.id,
                        status: LineStatus::Changed,
                        describe: describe(b, lb),
                        columns,
                        total_a: la.total(),
                        total_b: lb.total(),
                    });
                }
            }
        }
    }
    for la in &a.lines {
        if !in_b.contains_key(&la.id) {
            lines.push(LineDiff {
                id: la.id,
                status: LineStatus::Removed,
                describe: describe(a, la),
                columns: Column::ALL.to_vec(),
                total_a: la.total(),
                total_b: Money::ZERO,
            });
        }
    }

    let key = |c: &crate::core::figures::checks::Check| (c.id, c.message.clone());
    let ka: Vec<_> = ra.checks.iter().map(key).collect();
    let kb: Vec<_> = rb.checks.iter().map(key).collect();
    let mut checks = Vec::new();
    for (id, message) in &kb {
        if !ka.iter().any(|(i, m)| i == id && m == message) {
            checks.push(CheckDiff {
                id,
                message: message.clone(),
                only_in_b: true,
            });
        }
    }
    for (id, message) in &ka {
        if !kb.iter().any(|(i, m)| i == id && m == message) {
            checks.push(CheckDiff {
                id,
                message: message.clone(),
                only_in_b: false,
            });
        }
    }

    let mut figures = figures(&ra.summary, &rb.summary);
    figures.extend(inputs(a, b));
    Comparison {
        lines,
        goals: goal_diffs(a, b),
        figures,
        checks,
    }
}

/// The fields of two forms that differ, in the form's words.
fn form_fields(a: &GoalForm, b: &GoalForm) -> Vec<String> {
    let mut out: Vec<String> = GoalText::ALL
        .iter()
        .filter(|f| a.text(**f) != b.text(**f))
        .map(|f| f.label().to_string())
        .collect();
    for side in Side::ALL {
        for part in FundPart::ALL {
            if a.funds(side).get(part) != b.funds(side).get(part) {
                out.push(match part {
                    FundPart::Total => format!("{}资金总额", side.label()),
                    p => format!("{}{}", side.label(), p.label()),
                });
            }
        }
        if a.indicators(side) != b.indicators(side) {
            out.push(format!("绩效指标（{}）", side.label()));
        }
    }
    out
}

/// Forms added, removed or changed from `a` to `b`.
pub fn goal_diffs(a: &Budget, b: &Budget) -> Vec<GoalDiff> {
    let by_name = |x: &Budget| -> HashMap<String, usize> {
        x.goals
            .iter()
            .enumerate()
            .map(|(i, g)| (g.display_name().to_string(), i))
            .collect()
    };
    let (in_a, in_b) = (by_name(a), by_name(b));
    let mut out = Vec::new();
    for g in &b.goals {
        let name = g.display_name().to_string();
        match in_a.get(&name).map(|i| &a.goals[*i]) {
            None => out.push(GoalDiff {
                name,
                status: LineStatus::Added,
                fields: vec!["整张表".into()],
                annual_a: Money::ZERO,
                annual_b: g.funds_annual.total,
            }),
            Some(old) => {
                let fields = form_fields(old, g);
                if !fields.is_empty() {
                    out.push(GoalDiff {
                        name,
                        status: LineStatus::Changed,
                        fields,
                        annual_a: old.funds_annual.total,
                        annual_b: g.funds_annual.total,
                    });
                }
            }
        }
    }
    for g in &a.goals {
        if !in_b.contains_key(g.display_name()) {
            out.push(GoalDiff {
                name: g.display_name().to_string(),
                status: LineStatus::Removed,
                fields: vec!["整张表".into()],
                annual_a: g.funds_annual.total,
                annual_b: Money::ZERO,
            });
        }
    }
    out
}

/// What was typed outside the lines, side by side: income per source, the sources
/// themselves, prior-year figures, 政府采购, 收入随支出 and the document's texts.
pub fn inputs(a: &Budget, b: &Budget) -> Vec<FigureDiff> {
    let mut out = Vec::new();
    source_inputs(a, b, &mut out);
    let row = |group, label: &str, va, vb| FigureDiff {
        group,
        label: label.to_string(),
        a: va,
        b: vb,
    };
    for f in PriorField::ALL {
        out.push(row(
            "上年数",
            &format!("上年{}", f.label()),
            Value::Typed(a.prior.get(f)),
            Value::Typed(b.prior.get(f)),
        ));
    }
    let (pa, pb) = (&a.procurement, &b.procurement);
    for (label, va, vb) in [
        ("政府采购货物预算", pa.goods, pb.goods),
        ("政府采购工程预算", pa.works, pb.works),
        ("政府采购服务预算", pa.services, pb.services),
    ] {
        out.push(row("政府采购", label, Value::Money(va), Value::Money(vb)));
    }
    let on_off = |on: bool| Value::Text(if on { "已开启" } else { "已关闭" }.into());
    out.push(row(
        "选项",
        "收入随支出",
        on_off(a.income_follows_spending),
        on_off(b.income_follows_spending),
    ));
    out.push(row(
        "选项",
        "公开模板",
        Value::Text(a.template.name().into()),
        Value::Text(b.template.name().into()),
    ));
    disclosure_inputs(a, b, &mut out);
    staffing_inputs(a, b, &mut out);
    for f in TextField::ALL {
        let (ta, tb) = (a.unit.text(f), b.unit.text(f));
        if ta != tb {
            out.push(row(
                "文字",
                f.label(),
                Value::Text(excerpt(ta)),
                Value::Text(excerpt(tb)),
            ));
        }
    }
    out
}

/// Per-项 notes and 国有资产 counts that differ.
fn disclosure_inputs(a: &Budget, b: &Budget, out: &mut Vec<FigureDiff>) {
    let mut codes: Vec<&String> = a.items.keys().chain(b.items.keys()).collect();
    crate::core::sort::sort(&mut codes);
    codes.dedup();
    for code in codes {
        let (na, nb) = (a.items.get(code), b.items.get(code));
        if na == nb {
            continue;
        }
        let text = |n: Option<&crate::core::domain::disclosure::ItemNote>, t| {
            Value::Text(excerpt(n.map(|n| n.text(t)).unwrap_or("")))
        };
        use crate::core::domain::disclosure::ItemText;
        for t in ItemText::ALL {
            if na.map(|n| n.text(t)) != nb.map(|n| n.text(t)) {
                out.push(FigureDiff {
                    group: "功能分类项说明",
                    label: format!("{code} {}", t.label()),
                    a: text(na, t),
                    b: text(nb, t),
                });
            }
        }
        let (ea, eb) = (na.and_then(|n| n.executed), nb.and_then(|n| n.executed));
        if ea != eb {
            out.push(FigureDiff {
                group: "功能分类项说明",
                label: format!("{code} 上年执行数"),
                a: Value::Typed(ea),
                b: Value::Typed(eb),
            });
        }
    }
    if a.services != b.services {
        use crate::core::domain::disclosure::services_total;
        out.push(FigureDiff {
            group: "其他说明",
            label: "政府购买服务项目数".into(),
            a: Value::Text(a.services.len().to_string()),
            b: Value::Text(b.services.len().to_string()),
        });
        out.push(FigureDiff {
            group: "其他说明",
            label: "政府购买服务预算".into(),
            a: Value::Money(services_total(&a.services)),
            b: Value::Money(services_total(&b.services)),
        });
    }
    let (fa, fb) = (&a.asset_facts, &b.asset_facts);
    let count = |n: u64| Value::Text(n.to_string());
    for (new, label) in [(false, "车辆（上年末实有）"), (true, "车辆（本年拟购置）")]
    {
        out.push(FigureDiff {
            group: "国有资产",
            label: label.into(),
            a: count(fa.vehicles_total(new)),
            b: count(fb.vehicles_total(new)),
        });
    }
}

/// 基本支出测算 models that differ, unit by unit: people, each contribution's rate, the
/// total the model gives.
fn staffing_inputs(a: &Budget, b: &Budget, out: &mut Vec<FigureDiff>) {
    use crate::core::domain::staffing::{amounts, ContributionKind, StaffModel};
    let mut units: Vec<Option<&str>> = a
        .staffing
        .iter()
        .chain(&b.staffing)
        .map(|m| m.unit.as_deref())
        .collect();
    units.dedup();
    for unit in units {
        let (ma, mb) = (a.staff_model(unit), b.staff_model(unit));
        if ma == mb {
            continue;
        }
        let people = |m: Option<&StaffModel>| {
            Value::Text(
                m.map(|m| m.staff.iter().map(|s| u64::from(s.count)).sum::<u64>())
                    .unwrap_or(0)
                    .to_string(),
            )
        };
        let total = |m: Option<&StaffModel>| {
            Value::Money(
                m.and_then(|m| amounts(m).ok())
                    .map(|o| o.lines.iter().map(|l| l.amount).sum())
                    .unwrap_or_default(),
            )
        };
        let prefix = unit.map(|u| format!("{u} ")).unwrap_or_default();
        let row = |label: String, va: Value, vb: Value| FigureDiff {
            group: "基本支出测算",
            label,
            a: va,
            b: vb,
        };
        out.push(row(format!("{prefix}人数"), people(ma), people(mb)));
        for kind in ContributionKind::ALL {
            let rate = |m: Option<&StaffModel>| {
                let r = m
                    .and_then(|m| m.contributions.iter().find(|c| c.kind == kind))
                    .and_then(|c| c.rate);
                Value::Text(
                    r.map(|r| format!("{}%", r.normalize()))
                        .unwrap_or_else(|| "（未填）".into()),
                )
            };
            let (ra, rb) = (rate(ma), rate(mb));
            if ra != rb {
                out.push(row(format!("{prefix}{}费率", kind.label()), ra, rb));
            }
        }
        let changes = |m: Option<&StaffModel>| {
            let list: Vec<String> = m
                .map(|m| m.pay_changes.iter().map(|c| m.describe_change(c)).collect())
                .unwrap_or_default();
            Value::Text(if list.is_empty() {
                "（无）".into()
            } else {
                list.join("；")
            })
        };
        let quotas = |m: Option<&StaffModel>| {
            let list: Vec<String> = m
                .map(|m| {
                    m.quotas
                        .iter()
                        .map(|q| {
                            format!(
                                "{} {}",
                                q.category.label(),
                                q.per_person.display(crate::core::domain::money::Unit::Yuan)
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            Value::Text(if list.is_empty() {
                "（无）".into()
            } else {
                list.join("；")
            })
        };
        for (label, va, vb) in [
            ("调资", changes(ma), changes(mb)),
            ("公用经费定额", quotas(ma), quotas(mb)),
        ] {
            if va != vb {
                out.push(row(format!("{prefix}{label}"), va, vb));
            }
        }
        out.push(row(format!("{prefix}测算合计"), total(ma), total(mb)));
    }
}

/// The first characters of a text, for a comparison row.
fn excerpt(text: &str) -> String {
    let t: String = text.chars().take(30).collect();
    if t.chars().count() < text.chars().count() {
        format!("{t}…")
    } else if t.is_empty() {
        "（空）".into()
    } else {
        t
    }
}

/// Each source (matched by id) in both: its name and kind, 本年收入, 上年结转, 上年预算数.
fn source_inputs(a: &Budget, b: &Budget, out: &mut Vec<FigureDiff>) {
    let mut ids: Vec<&str> = a.sources.iter().map(|s| s.id.as_str()).collect();
    for s in &b.sources {
        if !ids.contains(&s.id.as_str()) {
            ids.push(&s.id);
        }
    }
    for id in ids {
        let name = b
            .source(id)
            .or_else(|| a.source(id))
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let described = |x: &Budget| {
            Value::Text(
                x.source(id)
                    .map(|s| format!("{}（{}）", s.name, s.kind.label()))
                    .unwrap_or_else(|| "（无此来源）".into()),
            )
        };
        out.push(FigureDiff {
            group: "资金来源",
            label: name.clone(),
            a: described(a),
            b: described(b),
        });
        let income = |x: &Budget| {
            x.income
                .iter()
                .find(|i| i.source == id)
                .cloned()
                .unwrap_or_default()
        };
        let (ia, ib) = (income(a), income(b));
        let parts: [(&str, Value, Value); 3] = [
            (
                "本年收入",
                Value::Money(ia.current),
                Value::Money(ib.current),
            ),
            (
                "上年结转",
                Value::Money(ia.carry_over),
                Value::Money(ib.carry_over),
            ),
            ("上年预算数", Value::Typed(ia.prior), Value::Typed(ib.prior)),
        ];
        for (what, va, vb) in parts {
            out.push(FigureDiff {
                group: "收入",
                label: format!("{name}{what}"),
                a: va,
                b: vb,
            });
        }
    }
}
