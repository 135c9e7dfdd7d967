//! How a figure is made: its formula, its terms and the lines behind it, for any summary
//! figure, narrative figure or table cell. Each kind of figure is explained by one step.

use crate::core::domain::codes::{sangong, FunctionCode, Level};
use crate::core::domain::model::{Budget, Kind, Line, LineId, SourceKind};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::aggregate::{Aggregate, Part, Selector, SourceSel};
use crate::core::figures::shares::{Rounding, YoY};
use crate::core::figures::summary::{econ_codes, sum_income, summarize, Summary};
use crate::core::figures::tables::{self, Table};

/// How a derived figure is made: a formula with its terms and the lines behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    pub key: String,
    pub label: String,
    pub value: Money,
    /// Shown formula, e.g. “3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转”.
    pub formula: String,
    pub terms: Vec<(String, Money)>,
    /// Lines that make up the figure (empty for figures made of income entries).
    pub lines: Vec<LineId>,
    /// What else a reader needs: names that are the budget's own, which units counted.
    pub notes: Vec<String>,
}

/// Terms shown in a formula before it is shortened to “… 共N项”.
const FORMULA_TERMS: usize = 5;

fn formula_text(value: Money, terms: &[(String, Money)], unit: Unit) -> String {
    let mut s = value.display(unit);
    s.push_str(" = ");
    if terms.is_empty() {
        s.push('0');
    }
    let shown = if terms.len() > FORMULA_TERMS {
        3
    } else {
        terms.len()
    };
    for (i, (label, m)) in terms.iter().take(shown).enumerate() {
        if i > 0 {
            s.push_str(if m.is_negative() { " − " } else { " + " });
        }
        let amount = if i > 0 { m.abs() } else { *m };
        s.push_str(&format!("{} {}", amount.display(unit), label));
    }
    if shown < terms.len() {
        s.push_str(&format!(" + …（共{}项）", terms.len()));
    }
    s
}

/// Explains a line-based figure: the lines summed, grouped into terms by their label.
pub fn explain_selector(
    budget: &Budget,
    key: &str,
    label: &str,
    sel: &Selector,
    unit: Unit,
) -> Explanation {
    let mut terms: Vec<(String, Money)> = Vec::new();
    let mut lines = Vec::new();
    let mut notes = Vec::new();
    for (line, amount) in sel.lines(budget) {
        // A line that adds nothing to this figure (e.g. no carry-over) is not part of it.
        if amount.is_zero() {
            continue;
        }
        lines.push(line.id);
        for note in own_names(budget, line) {
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
        let term = line_label(budget, line);
        match terms.iter_mut().find(|(t, _)| *t == term) {
            Some((_, m)) => *m += amount,
            None => terms.push((term, amount)),
        }
    }
    let value = terms.iter().map(|(_, m)| *m).sum();
    Explanation {
        key: key.to_string(),
        label: label.to_string(),
        value,
        formula: formula_text(value, &terms, unit),
        terms,
        lines,
        notes,
    }
}

/// Notes on the names of a line's codes that are the budget's own (not the built-in table's).
fn own_names(budget: &Budget, line: &Line) -> Vec<String> {
    let mut out = Vec::new();
    let mut note = |code: String, builtin: Option<&str>| {
        if let Some(name) = budget.code_names.get(&code) {
            out.push(match builtin {
                Some(b) if b != name => {
                    format!("科目{code}“{name}”是本预算自定的名称（内置名称为“{b}”）")
                }
                Some(_) => return,
                None => format!("科目{code}“{name}”是本预算自定的名称"),
            });
        }
    };
    if let Some(f) = line.function {
        note(f.to_string(), f.builtin_name());
    }
    if let Some(e) = line.economic {
        note(e.to_string(), e.name());
    }
    out
}

/// A short description of a line for explanations: project name, or function + economic name.
pub fn line_label(budget: &Budget, line: &Line) -> String {
    if !line.project.is_empty() {
        return line.project.clone();
    }
    let econ = line.economic.and_then(|e| budget.econ_name(e));
    let func = line.function.and_then(|f| budget.function_name(f));
    match (econ, func) {
        (Some(e), _) => e.to_string(),
        (None, Some(f)) => f.to_string(),
        (None, None) => format!("第{}号明细", line.id),
    }
}

fn explain_terms(key: &str, label: &str, terms: Vec<(String, Money)>, unit: Unit) -> Explanation {
    let value = terms.iter().map(|(_, m)| *m).sum();
    Explanation {
        key: key.into(),
        label: label.into(),
        value,
        formula: formula_text(value, &terms, unit),
        terms,
        lines: Vec::new(),
        notes: Vec::new(),
    }
}

/// Which units' 公用经费 make up 机关运行经费, and why the others' do not.
fn office_units_notes(budget: &Budget) -> Vec<String> {
    let (counted, not): (Vec<_>, Vec<_>) = budget
        .units
        .iter()
        .partition(|u| u.kind.has_office_running());
    let names = |us: &[&crate::core::domain::model::BudgetUnit]| {
        us.iter()
            .map(|u| format!("{}（{}）", u.name, u.kind.label()))
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut out = Vec::new();
    if !counted.is_empty() {
        out.push(format!("计入：{}", names(&counted)));
    }
    if !not.is_empty() {
        out.push(format!(
            "未计入：{}——机关运行经费只含行政单位和参照公务员法管理的事业单位使用财政拨款安排的基本支出中的公用经费",
            names(&not)
        ));
    }
    out
}

/// The keys [`explain`] knows, for listing in `--json` output and the UI.
pub const FIGURE_KEYS: &[&str] = &[
    "income_current",
    "income_carry",
    "income_total",
    "expense_total",
    "basic",
    "project",
    "general_public_current",
    "personnel",
    "public_use",
    "sangong",
    "office_running",
    "project_current",
    "project_carry",
];

/// Explains a summary figure by key (see [`FIGURE_KEYS`]; also `structure:201`,
/// `income:gpb`, `basic_share`, `project_share`, and the narrative's `share:…`, `yoy:…`,
/// `fiscal_…`, `sangong:…`, `procurement…` keys). `None` for an unknown key.
///
/// ```
/// use yusuan::core::{domain::money::Unit, formats::reference, figures::explain::explain};
/// let b = reference::budget();
/// let e = explain(&b, "income_total", Unit::Wan).unwrap();
/// assert_eq!(e.formula, "3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转");
/// ```
pub fn explain(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let steps: [Step; 10] = [
        generated_line,
        income_figure,
        expense_figure,
        kind_share,
        keyed_figure,
        share_of_whole,
        year_over_year,
        fiscal_figure,
        typed_figure,
        budget_figure,
    ];
    steps
        .iter()
        .find_map(|step| step(budget, key, unit))
        .map(|e| with_generated_note(budget, e))
}

/// The staff rows up to which a generated line is explained part by part (beyond, its
/// parts are in the exported 基本支出测算表: a 50,000-person model's formulas take a while).
const PARTS_SHOWN_UP_TO: usize = 500;

/// A 测算生成 line (`line:ID`): what the 基本支出测算 model makes it of, part by part.
fn generated_line(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    use crate::core::domain::staffing::{amounts, compute};
    let id: LineId = key.strip_prefix("line:")?.parse().ok()?;
    let line = budget.line(id).filter(|l| l.generated)?;
    let m = budget.staff_model(line.unit.as_deref())?;
    let (f, e) = (line.function?, line.economic?);
    let detail = m.staff.len() <= PARTS_SHOWN_UP_TO;
    let out = if detail { compute(m) } else { amounts(m) }.ok()?;
    let g = out
        .lines
        .iter()
        .find(|g| g.function == f && g.economic == e);
    let terms: Vec<(String, Money)> = g
        .map(|g| {
            g.parts
                .iter()
                .map(|p| (format!("{}：{}", p.label, p.formula), p.amount))
                .collect()
        })
        .unwrap_or_default();
    let mut notes = Vec::new();
    if !detail {
        notes.push("人员较多：逐人算式见导出 Excel 的“基本支出测算表”".to_string());
    }
    match g {
        None => notes.push("基本支出测算已不再生成这条明细".into()),
        Some(g) if g.amount != line.current || g.source != line.source => notes.push(format!(
            "这条明细被手工修改：测算结果为{}",
            g.amount.display(unit)
        )),
        Some(_) => {}
    }
    let mut x = explain_terms(
        key,
        &format!("第{id}号明细（测算生成，{f} {e}）"),
        terms,
        unit,
    );
    x.value = line.current;
    x.lines = vec![id];
    x.notes.extend(notes);
    Some(x)
}

/// A figure made of lines some of which the 基本支出测算 generated says where their formulas
/// are.
fn with_generated_note(budget: &Budget, mut e: Explanation) -> Explanation {
    if e.key.starts_with("line:") {
        return e;
    }
    let n = e
        .lines
        .iter()
        .filter(|id| budget.line(**id).is_some_and(|l| l.generated))
        .count();
    if n > 0 {
        e.notes.push(format!(
            "其中{n}条明细由基本支出测算生成：在“明细”中点击“测”，或在“基本支出测算”中查看算式"
        ));
    }
    e
}

/// One kind of figure: its explanation, or `None` when the key is not of that kind.
type Step = fn(&Budget, &str, Unit) -> Option<Explanation>;

/// Income by source: the terms are income entries, not lines.
fn income_terms(budget: &Budget, part: Part) -> Vec<(String, Money)> {
    budget
        .sources
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                sum_income(budget, &SourceSel::id(&s.id), part),
            )
        })
        .filter(|(_, m)| !m.is_zero())
        .collect()
}

/// 本年收入合计, 上年结转, 收入总计, and one source's income (`income:gpb`).
fn income_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    Some(match key {
        "income_current" => explain_terms(
            key,
            "本年收入合计",
            income_terms(budget, Part::Current),
            unit,
        ),
        "income_carry" => explain_terms(key, "上年结转", income_terms(budget, Part::Carry), unit),
        "income_total" => {
            let mut t = income_terms(budget, Part::Current);
            t.push((
                "上年结转".into(),
                sum_income(budget, &SourceSel::All, Part::Carry),
            ));
            explain_terms(key, "收入总计", t, unit)
        }
        _ => {
            let id = key.strip_prefix("income:")?;
            let s = budget.source(id)?;
            let v = sum_income(budget, &SourceSel::id(id), Part::Current);
            explain_terms(key, &s.name, vec![(format!("{}（收入）", s.name), v)], unit)
        }
    })
}

/// Figures that are sums of lines: 支出总计 and its parts, 人员/公用经费, 三公, 机关运行经费.
fn expense_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    let sel = |label: &str, s: Selector| Some(explain_selector(budget, key, label, &s, unit));
    let basic_gp = || {
        Selector::all(Part::Current)
            .kind(Kind::Basic)
            .sources(gp.clone())
    };
    match key {
        "expense_total" => {
            let agg = Aggregate::build(budget);
            let kind = |k| agg.get(&agg.total, Some(k), Part::Both, &SourceSel::All);
            let t = vec![
                ("基本支出".to_string(), kind(Kind::Basic)),
                ("项目支出".to_string(), kind(Kind::Project)),
            ];
            let mut e = explain_terms(key, "支出总计", t, unit);
            e.lines = budget.lines.iter().map(|l| l.id).collect();
            Some(e)
        }
        "basic" => sel("基本支出", Selector::all(Part::Both).kind(Kind::Basic)),
        "project" => sel("项目支出", Selector::all(Part::Both).kind(Kind::Project)),
        "project_current" => sel(
            "项目支出（本年）",
            Selector::all(Part::Current).kind(Kind::Project),
        ),
        "project_carry" => sel(
            "项目支出（上年结转）",
            Selector::all(Part::Carry).kind(Kind::Project),
        ),
        "expense_current" => sel("本年预算安排", Selector::all(Part::Current)),
        "expense_carry" => sel("上年结转安排", Selector::all(Part::Carry)),
        "gp_basic" => sel("一般公共预算基本支出", basic_gp()),
        "general_public_current" => Some(general_public_current(budget, key, unit)),
        "personnel" => sel("人员经费", basic_gp().personnel(true)),
        "public_use" => sel("公用经费", basic_gp().personnel(false)),
        "office_running" => {
            let s = Selector::office_running(SourceSel::Fiscal);
            let mut e = explain_selector(budget, key, "机关运行经费", &s, unit);
            e.notes.extend(office_units_notes(budget));
            Some(e)
        }
        "sangong" => sel(
            "“三公”经费",
            Selector::all(Part::Current)
                .sources(SourceSel::Fiscal)
                .econ(&econ_codes(&[
                    sangong::ABROAD,
                    sangong::RECEPTION,
                    sangong::CAR_PURCHASE,
                    sangong::CAR_OPERATION,
                ])),
        ),
        _ => None,
    }
}

/// 一般公共预算当年拨款 by 类, with the lines of each.
fn general_public_current(budget: &Budget, key: &str, unit: Unit) -> Explanation {
    let gp = SourceSel::Kind(SourceKind::GeneralPublic);
    let agg = Aggregate::build(budget);
    let mut t = Vec::new();
    let mut lines = Vec::new();
    for c in agg
        .function_order
        .iter()
        .filter(|c| c.level() == Level::Lei)
    {
        let s = Selector::all(Part::Current)
            .sources(gp.clone())
            .function(*c);
        let v = s.sum(budget);
        if !v.is_zero() {
            t.push((
                budget.function_name(*c).unwrap_or("未知科目").to_string(),
                v,
            ));
            lines.extend(s.lines(budget).map(|(l, _)| l.id));
        }
    }
    let mut e = explain_terms(key, "一般公共预算当年拨款", t, unit);
    e.lines = lines;
    e
}

/// `basic_share` / `project_share`: a kind's share of 支出总计.
fn kind_share(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let kind = match key {
        "basic_share" => Kind::Basic,
        "project_share" => Kind::Project,
        _ => return None,
    };
    let part = Selector::all(Part::Both).kind(kind).sum(budget);
    let whole = Selector::all(Part::Both).sum(budget);
    let pct = part
        .percent_of(whole)
        .map(|p| p.display())
        .unwrap_or_else(|| "—".into());
    let mut e = explain_selector(
        budget,
        key,
        kind.label(),
        &Selector::all(Part::Both).kind(kind),
        unit,
    );
    e.formula = format!(
        "{pct} = {} {} ÷ {} 支出总计 × 100%",
        part.display(unit),
        kind.label(),
        whole.display(unit)
    );
    Some(e)
}

/// Figures keyed by a code: `structure:201` (一般公共预算当年拨款 of a 类), `fiscal_lei:201`
/// (财政拨款 spending of a 类) and `sangong:abroad` … (one 三公 item).
fn keyed_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let fiscal = SourceSel::Fiscal;
    if let Some(code) = key.strip_prefix("structure:") {
        let c = FunctionCode::parse(code).ok()?;
        let name = budget.function_name(c).unwrap_or("未知科目").to_string();
        let gp = SourceSel::Kind(SourceKind::GeneralPublic);
        let sel = Selector::all(Part::Current).sources(gp).function(c);
        return Some(explain_selector(budget, key, &name, &sel, unit));
    }
    if let Some(code) = key.strip_prefix("fiscal_lei:") {
        let c = FunctionCode::parse(code).ok()?;
        let name = budget.function_name(c).unwrap_or("未知科目").to_string();
        let sel = Selector::all(Part::Both).sources(fiscal).function(c);
        return Some(explain_selector(budget, key, &name, &sel, unit));
    }
    let item = key.strip_prefix("sangong:")?;
    let (label, code) = match item {
        "abroad" => ("因公出国（境）费", sangong::ABROAD),
        "reception" => ("公务接待费", sangong::RECEPTION),
        "car_purchase" => ("公务用车购置费", sangong::CAR_PURCHASE),
        "car_operation" => ("公务用车运行维护费", sangong::CAR_OPERATION),
        _ => return None,
    };
    let sel = Selector::all(Part::Current)
        .sources(fiscal)
        .econ(&econ_codes(&[code]));
    Some(explain_selector(budget, key, label, &sel, unit))
}

fn summary_of(budget: &Budget) -> Summary {
    summarize(
        budget,
        &Aggregate::build(budget),
        Rounding::Independent,
        Unit::Wan,
    )
}

/// `share:income:gpb`, `share:structure:201` …: a part's share of its whole.
fn share_of_whole(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let rest = key.strip_prefix("share:")?;
    let s = summary_of(budget);
    let (parts, whole, whole_label) = if rest.starts_with("structure:") {
        (
            &s.structure,
            s.general_public_current,
            "一般公共预算当年拨款",
        )
    } else {
        (&s.income_shares, s.income_total, "收入总计")
    };
    let p = parts.iter().find(|p| p.key == rest)?;
    let pct = p.exact.map(|e| e.display()).unwrap_or_else(|| "—".into());
    let base = explain(budget, rest, unit)
        .unwrap_or_else(|| explain_terms(key, &p.label, vec![(p.label.clone(), p.amount)], unit));
    let formula = format!(
        "{pct} = {} {} ÷ {} {whole_label} × 100%",
        p.amount.display(unit),
        p.label,
        whole.display(unit)
    );
    Some(Explanation {
        key: key.into(),
        formula,
        ..base
    })
}

/// The change of a figure against the prior year it is compared with (`yoy:…`).
fn yoy_of(s: &Summary, what: &str) -> Option<(String, YoY)> {
    let f = &s.by_budget;
    let (label, y) = match what {
        "income" => ("收入总计", s.yoy_income),
        "expense" => ("支出总计", s.yoy_expense),
        "general_public" => ("一般公共预算当年拨款", s.yoy_general_public),
        "sangong" => ("“三公”经费", s.yoy_sangong),
        "office_running" => ("机关运行经费", s.yoy_office_running),
        "fiscal_income" => ("财政拨款收入", f.yoy_fiscal_income),
        "fiscal_expense" => ("财政拨款支出", f.yoy_fiscal_expense),
        other => return yoy_of_part(s, other),
    };
    Some((label.to_string(), y?))
}

/// The change of a budget's 拨款支出 (`budget:…`), a 项 against its execution
/// (`item:…`) or a “三公” item (`sangong:…`).
fn yoy_of_part(s: &Summary, what: &str) -> Option<(String, YoY)> {
    if let Some(b) = s.by_budget.budgets.iter().find(|b| b.key() == what) {
        return Some((format!("{}拨款支出", b.label), b.yoy?));
    }
    if let Some(code) = what.strip_prefix("item:") {
        let item = s
            .by_budget
            .items
            .iter()
            .find(|i| i.code.to_string() == code)?;
        let label = format!("{}（对上年执行数）", item.names.last()?);
        return Some((label, item.change?));
    }
    let prior = s.prior_sangong?;
    let g = &s.sangong;
    let (label, cur, pr) = match what {
        "sangong:abroad" => ("因公出国（境）费", g.abroad, prior.abroad),
        "sangong:reception" => ("公务接待费", g.reception, prior.reception),
        "sangong:car_purchase" => ("公务用车购置费", g.car_purchase, prior.car_purchase),
        "sangong:car_operation" => ("公务用车运行维护费", g.car_operation, prior.car_operation),
        "sangong:cars" => (
            "公务用车购置及运行费",
            g.car_purchase + g.car_operation,
            prior.car_purchase + prior.car_operation,
        ),
        _ => return None,
    };
    Some((label.to_string(), s.change(cur, pr)))
}

/// A 项's 上年执行数: written for the 项, or the sum of its lines' (listed).
fn item_executed(budget: &Budget, key: &str, code: &str, unit: Unit) -> Option<Explanation> {
    let label = format!("{code} 上年当年预算执行数");
    if let Some(v) = budget.items.get(code).and_then(|n| n.executed) {
        return Some(explain_terms(key, &label, vec![("填报数".into(), v)], unit));
    }
    let c = FunctionCode::parse(code).ok()?;
    let v = *crate::core::figures::budgets::executed_from_lines(budget).get(&c)?;
    let terms = vec![("各明细的上年执行数之和".into(), v)];
    let mut e = explain_terms(key, &label, terms, unit);
    e.lines = budget
        .lines
        .iter()
        .filter(|l| l.function == Some(c) && l.executed.is_some())
        .map(|l| l.id)
        .collect();
    Some(e)
}

/// Figures of the budgets and the 项 (`core/figures/budgets.rs`): 财政拨款支出, a budget's
/// 拨款支出, a 项's amount, its prior execution and its change, 公务用车购置及运行费, and
/// all the money of the projects with a 绩效目标表.
fn budget_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let sel = |label: &str, s: Selector| Some(explain_selector(budget, key, label, &s, unit));
    if key == "fiscal_expense" {
        return sel(
            "财政拨款支出",
            Selector::all(Part::Both).sources(SourceSel::Fiscal),
        );
    }
    if key == "sangong:cars" {
        let codes = econ_codes(&[sangong::CAR_PURCHASE, sangong::CAR_OPERATION]);
        let s = Selector::all(Part::Current)
            .sources(SourceSel::Fiscal)
            .econ(&codes);
        return sel("公务用车购置及运行费", s);
    }
    if key == "goals:project_amount" {
        let o = summary_of(budget).goals;
        let mut e = explain_terms(
            key,
            "编报绩效目标的项目的预算资金（各资金来源，当年 + 上年结转）",
            Vec::new(),
            unit,
        );
        e.value = o.all_sources;
        e.formula = format!(
            "{} = {}个项目的预算资金之和",
            o.all_sources.display(unit),
            o.projects
        );
        return Some(e);
    }
    if let Some(code) = key.strip_prefix("item_change:") {
        let mut e = year_over_year(budget, &format!("yoy:item:{code}"), unit)?;
        e.key = key.to_string();
        return Some(e);
    }
    if let Some(code) = key.strip_prefix("item_executed:") {
        return item_executed(budget, key, code, unit);
    }
    if let Some(code) = key.strip_prefix("item:") {
        let c = FunctionCode::parse(code).ok()?;
        let s = Selector::all(Part::Current)
            .sources(SourceSel::Kind(SourceKind::GeneralPublic))
            .function(c);
        let name = budget.function_name(c).unwrap_or("未知科目").to_string();
        return sel(&format!("{code} {name}（一般公共预算当年拨款）"), s);
    }
    let kind = key.strip_prefix("budget:").and_then(SourceKind::from_key)?;
    let label = match kind {
        SourceKind::GeneralPublic => return Some(general_public_current(budget, key, unit)),
        SourceKind::GovernmentFund => "政府性基金预算拨款支出",
        _ => "国有资本经营预算拨款支出",
    };
    sel(
        label,
        Selector::all(Part::Current).sources(SourceSel::Kind(kind)),
    )
}

/// `yoy:income` …: current − prior, and the rate.
fn year_over_year(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let what = key.strip_prefix("yoy:")?;
    let (label, y) = yoy_of(&summary_of(budget), what)?;
    let m = |x: Money| x.display(unit);
    let pct = match y.percent {
        Some(p) => format!(
            "；变动率 {} = {} ÷ {} × 100%",
            p.display(),
            m(y.change),
            m(y.prior)
        ),
        None => "；上年为零，记为新增".to_string(),
    };
    let terms = vec![
        (format!("{label}（本年）"), y.current),
        (format!("{label}（上年）"), -y.prior),
    ];
    let mut e = explain_terms(key, &format!("{label}比上年"), terms, unit);
    e.formula = format!(
        "{} = {} 本年 − {} 上年{pct}",
        m(y.change),
        m(y.current),
        m(y.prior)
    );
    Some(e)
}

/// 财政拨款 income: one source's (`fiscal_income:gpb`), 当年, 上年结转 and the total.
fn fiscal_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let parts = |part: Part, label: &str| -> Vec<(String, Money)> {
        budget
            .sources
            .iter()
            .filter(|x| x.kind.is_fiscal())
            .map(|x| {
                let v = sum_income(budget, &SourceSel::id(&x.id), part);
                (format!("{}{label}", x.name), v)
            })
            .filter(|(_, v)| !v.is_zero())
            .collect()
    };
    Some(match key {
        "fiscal_current" => {
            explain_terms(key, "财政拨款当年拨款收入", parts(Part::Current, ""), unit)
        }
        "fiscal_carry" => explain_terms(
            key,
            "财政拨款上年结转收入",
            parts(Part::Carry, "上年结转"),
            unit,
        ),
        "fiscal_total" => {
            let mut t = parts(Part::Current, "");
            t.extend(parts(Part::Carry, "上年结转"));
            explain_terms(key, "财政拨款收支总预算", t, unit)
        }
        _ => {
            let id = key.strip_prefix("fiscal_income:")?;
            let src = budget.source(id)?;
            let sel = SourceSel::id(id);
            let terms = vec![
                (
                    format!("{}（当年）", src.name),
                    sum_income(budget, &sel, Part::Current),
                ),
                (
                    format!("{}（上年结转）", src.name),
                    sum_income(budget, &sel, Part::Carry),
                ),
            ];
            explain_terms(key, &format!("{}拨款", src.name), terms, unit)
        }
    })
}

/// Typed facts the narrative quotes: 政府采购 and its parts.
fn typed_figure(budget: &Budget, key: &str, unit: Unit) -> Option<Explanation> {
    let p = &budget.procurement;
    let one = |label: &str, v: Money| explain_terms(key, label, vec![("填报数".into(), v)], unit);
    Some(match key {
        "procurement" => explain_terms(
            key,
            "政府采购预算总额",
            vec![
                ("货物".into(), p.goods),
                ("工程".into(), p.works),
                ("服务".into(), p.services),
            ],
            unit,
        ),
        "procurement:goods" => one("政府采购货物预算", p.goods),
        "procurement:works" => one("政府采购工程预算", p.works),
        "procurement:services" => one("政府采购服务预算", p.services),
        "goals:amount" => goals_amount(budget, unit),
        "services" => explain_terms(
            key,
            "政府购买服务预算",
            budget
                .services
                .iter()
                .map(|i| (i.project.clone(), i.amount))
                .collect(),
            unit,
        ),
        k => {
            let i: usize = k.strip_prefix("services:")?.parse().ok()?;
            let it = budget.services.get(i)?;
            one(&format!("政府购买服务：{}", it.project), it.amount)
        }
    })
}

/// Section 十's amount: the 一般公共预算 money of the projects with a 绩效目标表.
fn goals_amount(budget: &Budget, unit: Unit) -> Explanation {
    let o = summary_of(budget).goals;
    let mut e = explain_terms(
        "goals:amount",
        "实行绩效目标管理的项目涉及的一般公共预算拨款（当年 + 上年结转）",
        o.terms,
        unit,
    );
    let names: Vec<&str> = e.terms.iter().map(|(n, _)| n.as_str()).collect();
    e.lines = crate::core::figures::goals::lines_of(budget, &names, usize::MAX);
    e.notes.push(format!(
        "{}张绩效目标表属于预算中的{}个项目；每个项目的金额只计一次",
        o.forms, o.projects
    ));
    for name in o.duplicated {
        e.notes
            .push(format!("项目“{name}”有不止一张绩效目标表，表数按张计"));
    }
    e
}

/// Explains one money cell of a table (row and column index into `table.rows`).
pub fn explain_cell(
    budget: &Budget,
    table: &Table,
    row: usize,
    col: usize,
    unit: Unit,
) -> Option<Explanation> {
    let cell = table.rows.get(row)?.cells.get(col)?;
    let tables::Cell::Money { origin, .. } = cell else {
        return None;
    };
    let key = format!("table:{}:{row}:{col}", table.number);
    let label = table.cell_label(row, col);
    let e = match origin {
        tables::Origin::Lines(_) | tables::Origin::Project { .. } => {
            let sel = origin.selector()?;
            explain_selector(budget, &key, &label, &sel, unit)
        }
        tables::Origin::Income { sources, part } => {
            let terms = budget
                .income
                .iter()
                .filter_map(|i| {
                    let s = budget.source(&i.source)?;
                    let ok = sources.test(s.kind, &s.id);
                    let v = part.of_income(i);
                    (ok && !v.is_zero()).then(|| {
                        let what = match part {
                            Part::Current => "",
                            Part::Carry => "上年结转",
                            Part::Both => "（含上年结转）",
                        };
                        (format!("{}{what}", s.name), v)
                    })
                })
                .collect();
            explain_terms(&key, &label, terms, unit)
        }
    };
    Some(with_generated_note(budget, e))
}
