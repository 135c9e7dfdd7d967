//! The narrative (情况说明) sections 一 to 十二, generated from the figures in the
//! reference's wording, with the user's reason texts quoted where they belong.

use crate::core::domain::codes::chinese_ordinal;
use crate::core::domain::disclosure::{services_total, ItemText};
use crate::core::domain::model::{Budget, BudgetKind, ReasonKey, SourceKind, TextField};
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::template::TemplateId;
use crate::core::figures::shares::Trend;
use crate::core::figures::summary::Summary;

mod parts;
mod shanghai;
pub use parts::{paragraph_text, Paragraph, Section, Span};
use parts::{text_paragraphs, Ctx, Writer};
pub use shanghai::item_span_key;

type SectionFn = fn(&Ctx, &mut Writer) -> Section;

/// The reference's sections in the document's order; a new section is one entry here
/// and its function.
const SECTIONS: [SectionFn; 12] = [
    changes,
    income,
    expense,
    fiscal,
    general_public,
    basic,
    sangong,
    office_running,
    procurement,
    performance,
    assets,
    other_notes,
];

/// The Shanghai template's sections (amounts always in 万元).
const SHANGHAI: [SectionFn; 7] = [
    shanghai::totals,
    shanghai::fiscal_items,
    shanghai::sangong,
    shanghai::office_running,
    shanghai::procurement,
    shanghai::performance,
    shanghai::assets,
];

/// A template's sections and the unit its narrative states amounts in (`None`: the unit
/// on screen).
fn sections(t: TemplateId) -> (&'static [SectionFn], Option<Unit>) {
    match t {
        TemplateId::Standard => (&SECTIONS, None),
        TemplateId::Shanghai => (&SHANGHAI, Some(Unit::Wan)),
    }
}

/// 十二、其他说明: （一）政府购买服务 (the items with their total, then the text) and
/// （二）其他, each “无” when nothing is entered.
fn other_notes(c: &Ctx, w: &mut Writer) -> Section {
    let u = &c.budget.unit;
    let items = &c.budget.services;
    let mut paragraphs = vec![vec![Span::Text("（一）政府购买服务".into())]];
    if !items.is_empty() {
        let word = c.budget.kind.word();
        w.t(&format!("{}年本{word}政府购买服务预算", c.year))
            .money("services", services_total(items))
            .t(&format!("，共{}个项目：", items.len()));
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                w.t("；");
            }
            w.t(&it.project);
            if !it.category.is_empty() {
                w.t(&format!("（{}）", it.category));
            }
            w.money(&format!("services:{i}"), it.amount);
        }
        w.t("。");
        paragraphs.push(w.take());
    }
    let empty = items.is_empty().then_some("无");
    paragraphs.extend(text_paragraphs(
        TextField::PurchaseServices,
        &u.purchase_services,
        empty,
    ));
    paragraphs.push(vec![Span::Text("（二）其他".into())]);
    paragraphs.extend(text_paragraphs(
        TextField::OtherNotes,
        &u.other_notes,
        Some("无"),
    ));
    Section {
        key: "other",
        title: "其他说明".into(),
        paragraphs,
    }
}

/// Generates the sections of 情况说明 of the budget's template, numbered 一, 二 … in order.
pub fn generate(budget: &Budget, s: &Summary, unit: Unit) -> Vec<Section> {
    let ctx = Ctx {
        budget,
        s,
        year: budget.unit.year,
    };
    let (list, fixed) = sections(budget.template);
    let mut w = Writer::new(fixed.unwrap_or(unit));
    number(list.iter().map(|section| section(&ctx, &mut w)).collect())
}

/// The 项 text a span key (`item:2070109:purpose`) stands for.
pub fn item_key(span_key: &str) -> Option<(String, ItemText)> {
    let rest = span_key.strip_prefix("item:")?;
    let (code, what) = rest.split_once(':')?;
    let t = ItemText::ALL.into_iter().find(|t| t.key() == what)?;
    Some((code.to_string(), t))
}

/// Prefixes each section's heading with its number: “一、…”.
fn number(mut sections: Vec<Section>) -> Vec<Section> {
    for (i, s) in sections.iter_mut().enumerate() {
        s.title = format!("{}、{}", chinese_ordinal(i + 1), s.title);
    }
    sections
}

/// The reason a span key (`reason:sangong` …) stands for.
pub fn reason_key(span_key: &str) -> Option<ReasonKey> {
    ReasonKey::ALL
        .into_iter()
        .find(|k| span_key.strip_prefix("reason:") == Some(k.key()))
}

/// The document text a span key (`text:duties` …) stands for.
pub fn text_field(span_key: &str) -> Option<TextField> {
    TextField::ALL
        .into_iter()
        .find(|f| span_key.strip_prefix("text:") == Some(f.key()))
}

/// What 概况 shows for a text not written yet (on screen and in print: never a bare
/// heading that reads as if the text were lost).
pub const NOT_WRITTEN: &str = "（未填写）";

/// 第一部分 概况: 本单位职责 and 机构设置情况, as the user wrote them.
pub fn overview(budget: &Budget) -> Vec<Section> {
    let u = &budget.unit;
    let text = |f, t: &str| text_paragraphs(f, t, Some(NOT_WRITTEN));
    number(vec![
        Section {
            key: "duties",
            title: "本单位职责".into(),
            paragraphs: text(TextField::Duties, &u.duties),
        },
        Section {
            key: "organisation",
            title: "机构设置情况".into(),
            paragraphs: text(TextField::Organisation, &u.organisation),
        },
    ])
}

/// 一: 收入总计 and 支出总计 with their changes and reasons.
fn changes(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    w.t(&format!("{y}年度预算收入总计"))
        .money("income_total", s.income_total)
        .t("，其中：本年收入")
        .money("income_current", s.income_current)
        .t("，上年结转")
        .money("income_carry", s.income_carry);
    if let Some(yoy) = &s.yoy_income {
        w.t("，").yoy("yoy:income", yoy, "上年");
    }
    if !budget.reasons.income_total.trim().is_empty() {
        w.t("，").reason(budget, ReasonKey::IncomeTotal);
    }
    w.t(&format!("；本年{}预算支出总计", budget.kind.word()))
        .money("expense_total", s.expense_total)
        .t("，其中：本年预算安排")
        .money("expense_current", s.expense_current)
        .t("，上年结转")
        .money("expense_carry", s.expense_carry);
    if let Some(yoy) = &s.yoy_expense {
        w.t("，").yoy("yoy:expense", yoy, "上年");
    }
    if !budget.reasons.expense_total.trim().is_empty() {
        w.t("，").reason(budget, ReasonKey::ExpenseTotal);
    }
    w.t("。");
    Section {
        key: "changes",
        title: format!("{}预算收支数据变动情况及原因", budget.kind.word()),
        paragraphs: vec![w.take()],
    }
}

/// 二: income by source with shares.
fn income(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    w.t(&format!("{y}年度预算收入"))
        .money("income_total", s.income_total)
        .t("，主要包括");
    let n = s.income_shares.len();
    for (i, part) in s.income_shares.iter().enumerate() {
        let label = if part.key == "income_carry" {
            part.label.clone()
        } else {
            match budget
                .source(part.key.trim_start_matches("income:"))
                .map(|x| x.kind)
            {
                Some(k) if k.is_fiscal() => format!("{}拨款收入", part.label),
                Some(SourceKind::SpecialAccount) => format!("{}收入", part.label),
                _ => part.label.clone(),
            }
        };
        w.t(&label)
            .money(&part.key, part.amount)
            .t("，占")
            .share(&format!("share:{}", part.key), part.shown)
            .t(if i + 1 == n { "。" } else { "；" });
    }
    Section {
        key: "income",
        title: "收入预算情况说明".into(),
        paragraphs: vec![w.take()],
    }
}

/// 三: 基本支出 and 项目支出 with shares.
fn expense(c: &Ctx, w: &mut Writer) -> Section {
    let (s, y) = (c.s, c.year);
    w.t(&format!("{y}年度支出预算"))
        .money("expense_total", s.expense_total)
        .t("，其中：");
    for (i, part) in s.kind_shares.iter().enumerate() {
        w.t(&part.label)
            .money(&part.key, part.amount)
            .t("，占")
            .share(&format!("{}_share", part.key), part.shown)
            .t(if i + 1 == s.kind_shares.len() {
                "。"
            } else {
                "；"
            });
    }
    Section {
        key: "expense",
        title: "支出预算情况说明".into(),
        paragraphs: vec![w.take()],
    }
}

/// 四: 财政拨款 income by source and spending by 类.
fn fiscal(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    let fiscal: Vec<_> = budget
        .sources
        .iter()
        .filter(|x| x.kind.is_fiscal())
        .collect();
    let income_of = |id: &str, carry: bool| -> Money {
        budget
            .income
            .iter()
            .filter(|i| i.source == id)
            .map(|i| if carry { i.carry_over } else { i.current })
            .sum()
    };
    let fiscal_current: Money = fiscal.iter().map(|x| income_of(&x.id, false)).sum();
    let fiscal_carry: Money = fiscal.iter().map(|x| income_of(&x.id, true)).sum();
    w.t(&format!("{y}年度财政拨款收支总预算"))
        .money("fiscal_total", fiscal_current + fiscal_carry)
        .t("。收入为");
    for (i, src) in fiscal.iter().enumerate() {
        if i > 0 {
            w.t("，");
        }
        w.t(&format!("{}拨款", src.name)).money(
            &format!("fiscal_income:{}", src.id),
            income_of(&src.id, false) + income_of(&src.id, true),
        );
    }
    w.t("。其中：当年拨款收入")
        .money("fiscal_current", fiscal_current)
        .t("，上年结转收入")
        .money("fiscal_carry", fiscal_carry)
        .t("。支出包括：");
    if s.fiscal_by_lei.is_empty() {
        w.t("无");
    }
    for (i, (code, name, m)) in s.fiscal_by_lei.iter().enumerate() {
        if i > 0 {
            w.t("、");
        }
        w.t(name).money(&format!("fiscal_lei:{code}"), *m);
    }
    w.t("。");
    Section {
        key: "fiscal",
        title: "财政拨款收支预算总体情况说明".into(),
        paragraphs: vec![w.take()],
    }
}

/// 五: 一般公共预算当年拨款, its change and its structure by 类.
fn general_public(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    w.t("（一）一般公共预算当年拨款规模变化情况");
    let h1 = w.take();
    w.t(&format!("{y}年度一般公共预算当年拨款"))
        .money("general_public_current", s.general_public_current);
    if let Some(yoy) = &s.yoy_general_public {
        w.t("，").yoy("yoy:general_public", yoy, "上年");
    }
    if !budget.reasons.general_public_current.trim().is_empty() {
        w.t("，").reason(budget, ReasonKey::GeneralPublicCurrent);
    }
    w.t("。");
    let p1 = w.take();
    w.t("（二）一般公共预算当年拨款结构情况");
    let h2 = w.take();
    w.t(&format!("{y}年度一般公共预算当年拨款"))
        .money("general_public_current", s.general_public_current)
        .t("，主要用于以下方面：");
    if s.structure.is_empty() {
        w.t("无。");
    }
    for (i, part) in s.structure.iter().enumerate() {
        w.t(&part.label)
            .money(&part.key, part.amount)
            .t("，占")
            .share(&format!("share:{}", part.key), part.shown)
            .t(if i + 1 == s.structure.len() {
                "。"
            } else {
                "；"
            });
    }
    let p2 = w.take();
    Section {
        key: "general_public",
        title: "一般公共预算支出情况说明".into(),
        paragraphs: vec![h1, p1, h2, p2],
    }
}

/// 六: 一般公共预算基本支出: 人员经费 and 公用经费 with their items.
fn basic(c: &Ctx, w: &mut Writer) -> Section {
    let (s, y) = (c.s, c.year);
    w.t(&format!("{y}年度一般公共预算基本支出"))
        .money("gp_basic", s.gp_basic)
        .t("，其中：");
    let p0 = w.take();
    w.t("人员经费").money("personnel", s.personnel);
    if !s.personnel_items.is_empty() {
        w.t(&format!("，主要包括：{}等", s.personnel_items.join("、")));
    }
    w.t("；");
    let pa = w.take();
    w.t("公用经费").money("public_use", s.public_use);
    if !s.public_use_items.is_empty() {
        w.t(&format!("，主要包括：{}等", s.public_use_items.join("、")));
    }
    w.t("。");
    let pb = w.take();
    Section {
        key: "basic",
        title: "一般公共预算基本支出情况说明".into(),
        paragraphs: vec![p0, pa, pb],
    }
}

/// “与上年预算数相同”, or “，比上年预算数增加…” for a figure with a prior-year amount.
fn compare(w: &mut Writer, s: &Summary, key: &str, cur: Money, prior: Option<Money>, base: &str) {
    let Some(p) = prior else { return };
    let y = s.change(cur, p);
    match y.trend {
        Trend::Flat => {
            w.spans.push(Span::Figure {
                key: key.to_string(),
                text: format!("与{base}预算数相同"),
            });
        }
        _ => {
            w.t("，").yoy(key, &y, &format!("{base}预算数"));
        }
    }
}

/// 七: “三公”经费 and each item against the prior year.
fn sangong(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    let g = &s.sangong;
    let pg = s.prior_sangong;
    w.t(&format!("{y}年财政拨款安排的“三公”经费预算"))
        .money("sangong", g.total());
    compare(
        w,
        s,
        "yoy:sangong",
        g.total(),
        pg.map(|p| p.total()),
        &format!("{}年", y.saturating_sub(1)),
    );
    // The items in the reference's order, each compared with its prior-year figure.
    let items = [
        (
            "。其中：",
            "因公出国（境）费",
            "abroad",
            g.abroad,
            pg.map(|p| p.abroad),
        ),
        (
            "；",
            "公务接待费",
            "reception",
            g.reception,
            pg.map(|p| p.reception),
        ),
        (
            "；",
            "公务用车运行维护费",
            "car_operation",
            g.car_operation,
            pg.map(|p| p.car_operation),
        ),
        (
            "；",
            "公务用车购置费",
            "car_purchase",
            g.car_purchase,
            pg.map(|p| p.car_purchase),
        ),
    ];
    for (sep, label, key, current, prior) in items {
        w.t(&format!("{sep}{label}"))
            .money(&format!("sangong:{key}"), current);
        compare(w, s, &format!("yoy:sangong:{key}"), current, prior, "上年");
    }
    w.t("。");
    w.reason(budget, ReasonKey::Sangong);
    Section {
        key: "sangong",
        title: "“三公”经费增减变动原因说明".into(),
        paragraphs: vec![w.take()],
    }
}

/// 八: 机关运行经费 and its change.
fn office_running(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, s, y) = (c.budget, c.s, c.year);
    // Only 行政单位 and 参公事业单位 have 机关运行经费: a budget of 事业单位 has none.
    let none = !s.office_units.iter().any(|(_, _, counts)| *counts);
    if none && s.office_running.is_zero() {
        w.t(&format!(
            "{y}年度本{}无机关运行经费财政拨款预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。",
            budget.kind.word()
        ));
        return Section {
            key: "office_running",
            title: "机关运行经费增减变动原因说明".into(),
            paragraphs: vec![w.take()],
        };
    }
    w.t(&format!("{y}年度机关运行经费财政拨款预算"))
        .money("office_running", s.office_running);
    if let Some(yoy) = &s.yoy_office_running {
        w.t("，").yoy("yoy:office_running", yoy, "上年");
    }
    w.t("。");
    w.reason(budget, ReasonKey::OfficeRunning);
    Section {
        key: "office_running",
        title: "机关运行经费增减变动原因说明".into(),
        paragraphs: vec![w.take()],
    }
}

/// 九: 政府采购.
fn procurement(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, y) = (c.budget, c.year);
    // The reference prints “部门各单位” in a 单位预算 (a slip of the published text,
    // docs/REFERENCE-DATA.md): a 单位预算 says “<name>单位”, as its section 十 does, and a
    // 部门预算 “<name>部门各单位”.
    let whose = match budget.kind {
        BudgetKind::Unit => "单位",
        BudgetKind::Department => "部门各单位",
    };
    w.t(&format!("{y}年{}{whose}政府采购预算总额", budget.unit.name))
        .procurement(budget, "。其中：");
    Section {
        key: "procurement",
        title: "政府采购情况".into(),
        paragraphs: vec![w.take()],
    }
}

/// 十: 绩效管理情况, from the 绩效目标表 (rules in `figures/goals.rs`).
fn performance(c: &Ctx, w: &mut Writer) -> Section {
    let (budget, y) = (c.budget, c.year);
    let o = &c.s.goals;
    let who = format!("{y}年{}{}", budget.unit.name, budget.kind.word());
    // Never “无” while projects are waiting for their forms: say how many.
    let waiting = match o.without_form {
        0 => String::new(),
        n if o.forms == 0 => format!("{who}有{n}个项目尚未填写绩效目标表。"),
        n => format!("另有{n}个项目尚未填写绩效目标表。"),
    };
    let first = if o.forms == 0 {
        if waiting.is_empty() {
            w.t(&format!("{who}无实行绩效目标管理的项目。"));
        } else {
            w.t(&waiting);
        }
        w.take()
    } else {
        w.t(&format!(
            "{who}实行绩效目标管理的项目{}个，涉及一般公共预算当年拨款",
            o.forms
        ))
        .money("goals:amount", o.amount)
        .t("。")
        .t(&waiting)
        .take()
    };
    let mut paragraphs = vec![first];
    if o.forms > 0 {
        paragraphs.push(
            w.t(&format!(
                "绩效目标情况见附表：项目支出绩效目标表{}张。",
                o.forms
            ))
            .take(),
        );
    }
    Section {
        key: "performance",
        title: "绩效管理情况".into(),
        paragraphs,
    }
}

/// 国有资产占有使用情况, as the user wrote it (“无” when empty).
fn assets(c: &Ctx, _: &mut Writer) -> Section {
    Section {
        key: "assets",
        title: "国有资产占有使用情况".into(),
        paragraphs: text_paragraphs(TextField::Assets, &c.budget.unit.assets, Some("无")),
    }
}
