//! What the 绩效目标表 are compared with and what is derived from them: each project's
//! money, which form belongs to which project, the figures of the narrative's section
//! 十 (绩效管理情况) and the findings of the form checks (`checks.rs` gives them their
//! severity).
//!
//! The rules (docs/GOALS.md):
//! - a form belongs to the project whose lines carry its `project` name;
//! - a form's 年度资金总额 is the project's 当年预算安排 + 上年结转安排 (all sources): a
//!   carried-over project's form states the carried-over money;
//! - section 十 counts every form that belongs to a project of the budget (a project with
//!   two forms counts twice, as the reference publishes 20 forms for 18 projects, and the
//!   duplicate is flagged) and sums the 一般公共预算 money (当年 + 上年结转) of the projects
//!   that have a form, each project once.

use crate::core::domain::goals::{parse_target, FundPart, GoalForm, IndicatorKind, Level1, Side};
use crate::core::domain::model::{Budget, Kind, LineId, SourceKind};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::aggregate::{Aggregate, Part, SourceSel};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// One project's money, from its lines (the name borrowed from the budget or its sums).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFunds<'a> {
    pub name: &'a str,
    /// 当年预算安排.
    pub current: Money,
    /// 上年结转安排.
    pub carry_over: Money,
    /// 一般公共预算 money (当年 + 上年结转).
    pub general_public: Money,
}

impl ProjectFunds<'_> {
    /// What the form's 年度资金总额 should be.
    pub fn annual(&self) -> Money {
        self.current + self.carry_over
    }
}

/// The projects of the budget (项目支出 lines with a name), in the order they first appear,
/// with their money.
pub fn projects(budget: &Budget) -> Vec<ProjectFunds<'_>> {
    let gp: Vec<&str> = budget
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::GeneralPublic)
        .map(|s| s.id.as_str())
        .collect();
    let mut out: Vec<ProjectFunds> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::default();
    for l in budget.lines.iter().filter(|l| l.kind == Kind::Project) {
        let name = l.project.trim();
        if name.is_empty() {
            continue;
        }
        let i = *at.entry(name).or_insert_with(|| {
            out.push(ProjectFunds {
                name,
                ..ProjectFunds::default()
            });
            out.len() - 1
        });
        let p = &mut out[i];
        p.current += l.current;
        p.carry_over += l.carry_over;
        if gp.contains(&l.source.as_str()) {
            p.general_public += l.current + l.carry_over;
        }
    }
    out
}

/// The projects from the sums (no pass over the lines): what the report's checks and
/// section 十 read. Money is taken only for projects a form names.
fn projects_from<'a>(budget: &Budget, agg: &'a Aggregate) -> Vec<ProjectFunds<'a>> {
    let named: HashSet<&str> = budget.goals.iter().map(|g| g.project.trim()).collect();
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    agg.projects
        .iter()
        .zip(&agg.project_kind)
        .filter(|(_, has)| **has)
        .map(|((name, node), _)| {
            let name = name.trim();
            if !named.contains(name) {
                return ProjectFunds {
                    name,
                    ..ProjectFunds::default()
                };
            }
            let get = |part, sel: &SourceSel| agg.get(node, Some(Kind::Project), part, sel);
            ProjectFunds {
                name,
                current: get(Part::Current, &SourceSel::All),
                carry_over: get(Part::Carry, &SourceSel::All),
                general_public: get(Part::Both, &gp),
            }
        })
        .collect()
}

/// The 项目支出 lines of the named projects (one pass, stopping at `limit`), for
/// explanations and checks.
pub fn lines_of(budget: &Budget, names: &[&str], limit: usize) -> Vec<LineId> {
    let wanted: HashSet<&str> = names.iter().copied().collect();
    budget
        .lines
        .iter()
        .filter(|l| l.kind == Kind::Project && wanted.contains(l.project.trim()))
        .map(|l| l.id)
        .take(limit)
        .collect()
}

/// The 项目支出 lines of each named project, in one pass (a few names).
pub fn lines_by_project<'a>(budget: &Budget, names: &[&'a str]) -> HashMap<&'a str, Vec<LineId>> {
    let mut m: HashMap<&str, Vec<LineId>> = names.iter().map(|n| (*n, Vec::new())).collect();
    for l in budget.lines.iter().filter(|l| l.kind == Kind::Project) {
        if let Some(v) = m.get_mut(l.project.trim()) {
            v.push(l.id);
        }
    }
    m
}

/// The 项目支出 lines (up to `limit`) of projects that have no form: named, and not the
/// project of any form.
pub fn lines_without_form(budget: &Budget, l: &Links, limit: usize) -> Vec<LineId> {
    let linked: HashSet<&str> = l
        .projects
        .iter()
        .zip(&l.project_forms)
        .filter(|(_, f)| !f.is_empty())
        .map(|(p, _)| p.name)
        .collect();
    budget
        .lines
        .iter()
        .filter(|x| x.kind == Kind::Project)
        .filter(|x| {
            let name = x.project.trim();
            !name.is_empty() && !linked.contains(name)
        })
        .map(|x| x.id)
        .take(limit)
        .collect()
}

/// Forms and projects matched.
pub struct Links<'a> {
    pub projects: Vec<ProjectFunds<'a>>,
    /// For each form, the index of its project in `projects` (`None`: no such project).
    pub form_project: Vec<Option<usize>>,
    /// For each project, the indices of its forms.
    pub project_forms: Vec<Vec<usize>>,
}

/// Forms and projects matched, every project with its money (the 绩效目标 tab, the CLI).
pub fn links(budget: &Budget) -> Links<'_> {
    links_of(budget, projects(budget))
}

/// Forms and projects matched from the sums, money only for projects with a form (the
/// report's checks and section 十, which read no other).
pub fn report_links<'a>(budget: &Budget, agg: &'a Aggregate) -> Links<'a> {
    links_of(budget, projects_from(budget, agg))
}

fn links_of<'a>(budget: &Budget, projects: Vec<ProjectFunds<'a>>) -> Links<'a> {
    if budget.goals.is_empty() {
        // Nothing to match (and no index of thousands of names to build).
        return Links {
            project_forms: vec![Vec::new(); projects.len()],
            projects,
            form_project: Vec::new(),
        };
    }
    // Only the names forms use go in the index (a few, against thousands of projects).
    let named: HashSet<&str> = budget.goals.iter().map(|g| g.project.trim()).collect();
    let index: HashMap<&str, usize> = projects
        .iter()
        .enumerate()
        .filter(|(_, p)| named.contains(p.name))
        .map(|(i, p)| (p.name, i))
        .collect();
    let form_project: Vec<Option<usize>> = budget
        .goals
        .iter()
        .map(|g| index.get(g.project.trim()).copied())
        .collect();
    let mut project_forms = vec![Vec::new(); projects.len()];
    for (f, p) in form_project.iter().enumerate() {
        if let Some(p) = p {
            project_forms[*p].push(f);
        }
    }
    Links {
        projects,
        form_project,
        project_forms,
    }
}

/// The figures of section 十.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overview {
    /// Forms that belong to a project of the budget.
    pub forms: usize,
    /// Projects with at least one form.
    pub projects: usize,
    /// 一般公共预算 money of those projects, each once.
    pub amount: Money,
    /// All their money (every source, 当年 + 上年结转), each once: 上海's “涉及项目预算资金”.
    pub all_sources: Money,
    /// (project, its amount) for the explanation.
    pub terms: Vec<(String, Money)>,
    /// Projects with more than one form.
    pub duplicated: Vec<String>,
    /// Projects of the budget without a form yet (section 十 says so rather than “无”).
    pub without_form: usize,
}

pub fn overview(budget: &Budget, agg: &Aggregate) -> Overview {
    overview_of(&report_links(budget, agg))
}

/// Section 十's figures from forms and projects already matched.
pub fn overview_of(l: &Links) -> Overview {
    let mut o = Overview::default();
    for (p, forms) in l.projects.iter().zip(&l.project_forms) {
        if forms.is_empty() {
            o.without_form += 1;
            continue;
        }
        o.forms += forms.len();
        o.projects += 1;
        o.amount += p.general_public;
        o.all_sources += p.annual();
        o.terms.push((p.name.to_string(), p.general_public));
        if forms.len() > 1 {
            o.duplicated.push(p.name.to_string());
        }
    }
    o
}

/// A place on a form a finding points at: the form's index and a field key
/// (`project`, `funds_annual.total`, `funds_period.total`, `indicators_period`,
/// `indicators_annual`, `indicators_annual[3]` …).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GoalRef {
    pub form: usize,
    pub field: String,
}

/// A finding of a form check: what is wrong and where.
pub type Finding = (String, GoalRef);

fn at(form: usize, field: impl Into<String>) -> GoalRef {
    GoalRef {
        form,
        field: field.into(),
    }
}

fn yuan(m: Money) -> String {
    format!("{}元", m.display(Unit::Yuan))
}

/// The form's name for a message: “第3张（网络运维）”.
fn form_label(i: usize, g: &GoalForm) -> String {
    format!("第{}张绩效目标表（{}）", i + 1, g.display_name())
}

/// 年度资金总额 = the project's 当年预算安排 + 上年结转安排.
pub fn amount_mismatch(budget: &Budget, l: &Links) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, g) in budget.goals.iter().enumerate() {
        let Some(p) = l.form_project[i].map(|p| &l.projects[p]) else {
            continue;
        };
        let total = g.funds_annual.total;
        if total != p.annual() {
            out.push((
                format!(
                    "{}的年度资金总额{}与项目“{}”的预算{}（当年预算安排{} + 上年结转{}）不一致，相差{}",
                    form_label(i, g),
                    yuan(total),
                    p.name,
                    yuan(p.annual()),
                    yuan(p.current),
                    yuan(p.carry_over),
                    yuan(total - p.annual())
                ),
                at(i, "funds_annual.total"),
            ));
        }
    }
    out
}

/// Each side's 资金总额 = the sum of its five sources.
pub fn split_mismatch(budget: &Budget) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, g) in budget.goals.iter().enumerate() {
        for side in Side::ALL {
            let f = g.funds(side);
            if f.split_sum() != f.total {
                let parts: Vec<String> = FundPart::SPLIT
                    .iter()
                    .filter(|p| !f.get(**p).is_zero())
                    .map(|p| format!("{}{}", p.label(), yuan(f.get(*p))))
                    .collect();
                out.push((
                    format!(
                        "{}的{}资金总额{}不等于各来源之和{}（{}）",
                        form_label(i, g),
                        side.label(),
                        yuan(f.total),
                        yuan(f.split_sum()),
                        if parts.is_empty() {
                            "均为0".to_string()
                        } else {
                            parts.join(" + ")
                        }
                    ),
                    at(i, format!("{}.total", side.funds_key())),
                ));
            }
        }
    }
    out
}

/// 实施期资金总额 ≥ 年度资金总额.
pub fn period_below_annual(budget: &Budget) -> Vec<Finding> {
    budget
        .goals
        .iter()
        .enumerate()
        .filter(|(_, g)| g.funds_period.total < g.funds_annual.total)
        .map(|(i, g)| {
            (
                format!(
                    "{}的实施期资金总额{}小于年度资金总额{}",
                    form_label(i, g),
                    yuan(g.funds_period.total),
                    yuan(g.funds_annual.total)
                ),
                at(i, "funds_period.total"),
            )
        })
        .collect()
}

/// At least one named 三级指标 under 产出, 效益 and 满意度, on each side.
pub fn missing_indicators(budget: &Budget) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, g) in budget.goals.iter().enumerate() {
        for side in Side::ALL {
            let missing: Vec<&str> = Level1::ALL
                .iter()
                .filter(|l1| {
                    !g.indicators(side)
                        .iter()
                        .any(|x| x.kind.level1() == **l1 && !x.name.trim().is_empty())
                })
                .map(|l1| l1.label())
                .collect();
            if !missing.is_empty() {
                out.push((
                    format!(
                        "{}的{}绩效指标缺少{}（每个一级指标下至少一个三级指标）",
                        form_label(i, g),
                        side.label(),
                        missing.join("、")
                    ),
                    at(i, side.indicators_key()),
                ));
            }
        }
    }
    out
}

/// A 成本指标 in 元 or 万元 (not a rate such as 元/亩) is not above the money it is for:
/// the 实施期资金总额 on the 实施期 side, the project's budget on the 年度 side (the form's
/// 年度资金总额 when it has no project). One finding per form, at its first such indicator.
pub fn cost_above_amount(budget: &Budget, l: &Links) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, g) in budget.goals.iter().enumerate() {
        let mut found: Vec<String> = Vec::new();
        let mut first = None;
        for side in Side::ALL {
            let limit = match (side, l.form_project[i]) {
                (Side::Annual, Some(p)) => l.projects[p].annual(),
                _ => g.funds(side).total,
            };
            for (j, x) in g.indicators(side).iter().enumerate() {
                // ≤X, =X or ≥X: the cost stated is X in each case.
                let cost = (x.kind == IndicatorKind::Cost)
                    .then(|| parse_target(&x.value).money())
                    .flatten();
                if cost.is_some_and(|c| c > limit) {
                    found.push(format!(
                        "{}“{}”{} > {}资金{}",
                        side.label(),
                        x.name,
                        x.value,
                        side.label(),
                        yuan(limit)
                    ));
                    first.get_or_insert(at(i, format!("{}[{j}]", side.indicators_key())));
                }
            }
        }
        if let Some(place) = first {
            out.push((
                format!(
                    "{}的成本指标超过项目资金：{}",
                    form_label(i, g),
                    found.join("；")
                ),
                place,
            ));
        }
    }
    out
}

/// Forms whose project has no lines in the budget.
pub fn orphan_forms(budget: &Budget, l: &Links) -> Vec<Finding> {
    budget
        .goals
        .iter()
        .enumerate()
        .filter(|(i, _)| l.form_project[*i].is_none())
        .map(|(i, g)| {
            let name = if g.project.trim().is_empty() {
                "（未选项目）".to_string()
            } else {
                format!("“{}”", g.project)
            };
            (
                format!(
                    "{}所属的项目{name}在预算中没有项目支出明细",
                    form_label(i, g)
                ),
                at(i, "project"),
            )
        })
        .collect()
}

/// Projects with more than one form (the first extra form is pointed at).
pub fn duplicated_forms(budget: &Budget, l: &Links) -> Vec<Finding> {
    l.projects
        .iter()
        .zip(&l.project_forms)
        .filter(|(_, f)| f.len() > 1)
        .map(|(p, f)| {
            let numbers: Vec<String> = f.iter().map(|i| format!("第{}张", i + 1)).collect();
            let titles: Vec<&str> = f.iter().map(|i| budget.goals[*i].display_name()).collect();
            (
                format!(
                    "项目“{}”有{}张绩效目标表（{}：{}），金额在第十部分只计一次，表数按张计；如为重复填报请删除多余的一张",
                    p.name,
                    f.len(),
                    numbers.join("、"),
                    titles.join("；")
                ),
                at(f[1], "project"),
            )
        })
        .collect()
}

/// Projects without a form, by name.
pub fn projects_without_form<'a>(l: &Links<'a>) -> Vec<&'a str> {
    l.projects
        .iter()
        .zip(&l.project_forms)
        .filter(|(_, f)| f.is_empty())
        .map(|(p, _)| p.name)
        .collect()
}

/// Every finding about forms (not about projects without one), for the list of forms.
pub fn form_findings(budget: &Budget, l: &Links) -> Vec<Finding> {
    [
        amount_mismatch(budget, l),
        split_mismatch(budget),
        period_below_annual(budget),
        missing_indicators(budget),
        cost_above_amount(budget, l),
        orphan_forms(budget, l),
        duplicated_forms(budget, l),
    ]
    .into_iter()
    .flatten()
    .collect()
}
