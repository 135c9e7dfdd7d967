//! The Shanghai template's 情况说明 (docs/TEMPLATES.md): amounts in 万元, changes against
//! the prior year's budget as “增加/减少X万元” or “持平”, one numbered paragraph per
//! 一般公共预算 项 with its purpose, prior execution and reason, each “三公” item with its
//! reason, and 国有资产 from counts.

use super::parts::{amount_with_unit, text_paragraphs, Ctx, Section, Span, Writer};
use crate::core::domain::disclosure::{ItemText, VehicleKind};
use crate::core::domain::model::ReasonKey;
use crate::core::domain::money::{Money, Percent};
use crate::core::figures::budgets::ItemFigure;
use crate::core::figures::shares::{Trend, YoY};

impl Writer {
    /// “，比2023年预算增加X万元” / “，比2023年预算减少X万元” / “，与2023年预算持平”; nothing
    /// without a prior-year figure.
    fn versus(&mut self, key: &str, y: Option<&YoY>, base: &str) -> &mut Self {
        let Some(y) = y else { return self };
        let unit = self.unit;
        let text = match y.trend {
            Trend::Flat => format!("与{base}持平"),
            Trend::Down | Trend::Gone => {
                format!("比{base}减少{}", amount_with_unit(-y.change, unit))
            }
            Trend::Up | Trend::New => {
                format!("比{base}增加{}", amount_with_unit(y.change, unit))
            }
        };
        self.t("，");
        self.spans.push(Span::Figure {
            key: key.to_string(),
            text,
        });
        self
    }

    /// “，主要原因是：…” where a reason is written.
    fn because(&mut self, key: String, text: &str) -> &mut Self {
        let text = text.trim().trim_end_matches('。');
        if !text.is_empty() {
            self.t("，主要原因是：");
            self.spans.push(Span::Written {
                key,
                text: text.to_string(),
            });
        }
        self
    }
}

/// The span key of a 项's text: `item:2070109:purpose`.
pub fn item_span_key(code: &str, t: ItemText) -> String {
    format!("item:{code}:{}", t.key())
}

fn prior_year(c: &Ctx) -> String {
    format!("{}年预算", c.year.saturating_sub(1))
}

/// 一、收支预算总体情况.
pub(super) fn totals(c: &Ctx, w: &mut Writer) -> Section {
    let (b, s, y) = (c.budget, c.s, c.year);
    let f = &s.by_budget;
    let base = prior_year(c);
    w.t(&format!("{y}年，{}收入预算", b.unit.name))
        .money("income_total", s.income_total)
        .t("，其中：财政拨款收入")
        .money("fiscal_total", f.fiscal_income)
        .versus("yoy:fiscal_income", f.yoy_fiscal_income.as_ref(), &base);
    for src in b.sources.iter().filter(|x| !x.kind.is_fiscal()) {
        let key = format!("income:{}", src.id);
        let amount = s
            .income_shares
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.amount)
            .unwrap_or_default();
        w.t(&format!("；{}", src.name)).money(&key, amount);
    }
    w.t("。");
    let p1 = w.take();
    w.t("支出预算")
        .money("expense_total", s.expense_total)
        .t("，其中：财政拨款支出预算")
        .money("fiscal_expense", f.fiscal_expense)
        .versus("yoy:fiscal_expense", f.yoy_fiscal_expense.as_ref(), &base)
        .t("。");
    let p2 = w.take();
    Section {
        key: "totals",
        title: "收支预算总体情况".into(),
        paragraphs: vec![p1, p2],
    }
}

/// 二、财政拨款支出预算情况: each budget, then each 一般公共预算 项.
pub(super) fn fiscal_items(c: &Ctx, w: &mut Writer) -> Section {
    let (s, y) = (c.s, c.year);
    let base = prior_year(c);
    w.t("财政拨款支出预算中，");
    for (i, bf) in s.by_budget.budgets.iter().enumerate() {
        if i > 0 {
            w.t("；");
        }
        w.t(&format!("{}拨款支出预算", bf.short))
            .money(&bf.key(), bf.amount)
            .versus(&format!("yoy:{}", bf.key()), bf.yoy.as_ref(), &base);
    }
    w.t("。");
    let mut paragraphs = vec![w.take()];
    if !s.by_budget.items.is_empty() {
        w.t(&format!("{y}年一般公共预算拨款支出预算主要构成如下："));
        paragraphs.push(w.take());
    }
    for (i, item) in s.by_budget.items.iter().enumerate() {
        paragraphs.push(item_paragraph(c, w, i + 1, item));
    }
    Section {
        key: "fiscal_items",
        title: "财政拨款支出预算情况".into(),
        paragraphs,
    }
}

/// “N. “…（类）…（款）…（项）”X万元，主要用于…。2023年当年预算执行数为…”.
fn item_paragraph(c: &Ctx, w: &mut Writer, n: usize, item: &ItemFigure) -> Vec<Span> {
    let y = c.year;
    let code = item.code.to_string();
    let note = c.budget.items.get(&code);
    let levels = ["类", "款", "项"];
    let path: String = item
        .names
        .iter()
        .zip(levels)
        .map(|(name, level)| format!("{name}（{level}）"))
        .collect();
    w.t(&format!("{n}. “{path}”"))
        .money(&format!("item:{code}"), item.amount);
    let purpose = note.map(|n| n.purpose.trim()).unwrap_or("");
    if !purpose.is_empty() {
        w.t("，主要用于");
        w.spans.push(Span::Written {
            key: item_span_key(&code, ItemText::Purpose),
            text: purpose.trim_end_matches('。').to_string(),
        });
    }
    w.t("。");
    if let (Some(executed), Some(change)) = (item.executed, &item.change) {
        w.t(&format!("{}年当年预算执行数为", y.saturating_sub(1)))
            .money(&format!("item_executed:{code}"), executed)
            .t(&format!("，{y}年预算安排"))
            .money(&format!("item:{code}"), item.amount)
            .t("，");
        let base = format!("{}年预算执行数", y.saturating_sub(1));
        let text = match (change.trend, change.percent) {
            (Trend::Flat, _) => format!("与{base}持平"),
            (Trend::Down | Trend::Gone, Some(p)) => {
                format!("比{base}减少{}", Percent(p.0.abs()).display())
            }
            (Trend::Up, Some(p)) => format!("比{base}增加{}", Percent(p.0.abs()).display()),
            _ => format!("{base}为零，为新增安排"),
        };
        w.spans.push(Span::Figure {
            key: format!("item_change:{code}"),
            text,
        });
        let reason = note.map(|n| n.reason.trim()).unwrap_or("");
        if !reason.is_empty() {
            w.t("。主要原因是：");
            w.spans.push(Span::Written {
                key: item_span_key(&code, ItemText::Reason),
                text: reason.trim_end_matches('。').to_string(),
            });
        }
        w.t("。");
    }
    w.take()
}

/// 三、“三公”经费预算情况: the total, then each item with its change and reason.
pub(super) fn sangong(c: &Ctx, w: &mut Writer) -> Section {
    let (b, s, y) = (c.budget, c.s, c.year);
    let base = prior_year(c);
    let g = &s.sangong;
    let pg = s.prior_sangong;
    w.t(&format!("{y}年“三公”经费预算数为"))
        .money("sangong", g.total())
        .versus("yoy:sangong", s.yoy_sangong.as_ref(), &base)
        .t("。其中：");
    let item = |w: &mut Writer, label: &str, key: &str, cur, prior: Option<Money>| {
        w.t(label).money(&format!("sangong:{key}"), cur).versus(
            &format!("yoy:sangong:{key}"),
            prior.map(|p| s.change(cur, p)).as_ref(),
            &base,
        );
    };
    let because = |w: &mut Writer, k: ReasonKey| {
        w.because(format!("reason:{}", k.key()), b.reasons.get(k))
            .t("。");
    };
    item(
        w,
        "（一）因公出国（境）费",
        "abroad",
        g.abroad,
        pg.map(|p| p.abroad),
    );
    because(w, ReasonKey::SangongAbroad);
    let cars = g.car_purchase + g.car_operation;
    let prior_cars = pg.map(|p| p.car_purchase + p.car_operation);
    item(w, "（二）公务用车购置及运行费", "cars", cars, prior_cars);
    let purchase = pg.map(|p| p.car_purchase);
    item(
        w,
        "。其中：公务用车购置费",
        "car_purchase",
        g.car_purchase,
        purchase,
    );
    let operation = pg.map(|p| p.car_operation);
    item(
        w,
        "；公务用车运行费",
        "car_operation",
        g.car_operation,
        operation,
    );
    because(w, ReasonKey::SangongCars);
    item(
        w,
        "（三）公务接待费",
        "reception",
        g.reception,
        pg.map(|p| p.reception),
    );
    because(w, ReasonKey::SangongReception);
    Section {
        key: "sangong",
        title: "“三公”经费预算情况".into(),
        paragraphs: vec![w.take()],
    }
}

/// 四、机关运行经费预算情况.
pub(super) fn office_running(c: &Ctx, w: &mut Writer) -> Section {
    let (b, s, y) = (c.budget, c.s, c.year);
    let word = b.kind.word();
    let none = !s.office_units.iter().any(|(_, _, counts)| *counts);
    if none && s.office_running.is_zero() {
        w.t(&format!(
            "{y}年本{word}无机关运行经费预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。"
        ));
    } else {
        w.t(&format!("{y}年本{word}机关运行经费预算"))
            .money("office_running", s.office_running)
            .versus(
                "yoy:office_running",
                s.yoy_office_running.as_ref(),
                &prior_year(c),
            )
            .because(
                "reason:office_running".into(),
                b.reasons.get(ReasonKey::OfficeRunning),
            )
            .t("。");
    }
    Section {
        key: "office_running",
        title: "机关运行经费预算情况".into(),
        paragraphs: vec![w.take()],
    }
}

/// 五、政府采购预算情况.
pub(super) fn procurement(c: &Ctx, w: &mut Writer) -> Section {
    let (b, y) = (c.budget, c.year);
    w.t(&format!("{y}年度本{}政府采购预算", b.kind.word()))
        .procurement(b, "，其中：");
    Section {
        key: "procurement",
        title: "政府采购预算情况".into(),
        paragraphs: vec![w.take()],
    }
}

/// 六、绩效目标设置情况.
pub(super) fn performance(c: &Ctx, w: &mut Writer) -> Section {
    let (b, y) = (c.budget, c.year);
    let o = &c.s.goals;
    w.t(&format!(
        "{y}年度，本{}编报绩效目标的项目共{}个，涉及项目预算资金",
        b.kind.word(),
        o.forms
    ))
    .money("goals:project_amount", o.all_sources)
    .t("。");
    Section {
        key: "performance",
        title: "绩效目标设置情况".into(),
        paragraphs: vec![w.take()],
    }
}

/// 七、国有资产占有使用情况: the counts, then what the user wrote.
pub(super) fn assets(c: &Ctx, w: &mut Writer) -> Section {
    let (b, y) = (c.budget, c.year);
    let a = &b.asset_facts;
    let word = b.kind.word();
    let mut paragraphs = Vec::new();
    if !a.is_empty() {
        let list = |new: bool| -> String {
            VehicleKind::ALL
                .iter()
                .map(|k| format!("{}{}辆", k.label(), a.vehicles(new, *k)))
                .collect::<Vec<_>>()
                .join("、")
        };
        w.t(&format!(
            "截至{}年12月31日，本{word}共有车辆{}辆，其中：{}；单价100万元（含）以上设备（不含车辆）{}台（套）。",
            y.saturating_sub(1),
            a.vehicles_total(false),
            list(false),
            a.equipment_held.unwrap_or(0)
        ));
        paragraphs.push(w.take());
        w.t(&format!(
            "{y}年本{word}预算安排购置车辆{}辆，其中：{}；安排购置单价100万元（含）以上设备（不含车辆）{}台（套）。",
            a.vehicles_total(true),
            list(true),
            a.equipment_new.unwrap_or(0)
        ));
        paragraphs.push(w.take());
    }
    let empty = a.is_empty().then_some("无");
    paragraphs.extend(text_paragraphs(
        crate::core::domain::model::TextField::Assets,
        &b.unit.assets,
        empty,
    ));
    Section {
        key: "assets",
        title: "国有资产占有使用情况".into(),
        paragraphs,
    }
}
