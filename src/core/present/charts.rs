//! Geometry of the SVG charts: donut slices and grouped bars, computed from the report so
//! the view only draws. Floats appear here for drawing only; values stay [`Money`].

use crate::core::domain::codes::Level;
use crate::core::domain::model::Budget;
use crate::core::domain::money::Money;
use crate::core::figures::aggregate::{Part, Selector};
use crate::core::figures::summary::{SharePart, Summary};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::f64::consts::PI;

/// One slice of a donut chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    pub key: String,
    pub label: String,
    pub amount: Money,
    /// Shown share (two decimals).
    pub share: Option<Decimal>,
    /// SVG path data.
    pub path: String,
    /// Where the slice's value is written (the middle of its arc, between the radii).
    pub label_at: (f64, f64),
}

fn f(m: Money) -> f64 {
    m.yuan().to_f64().unwrap_or(0.0)
}

fn point(cx: f64, cy: f64, r: f64, angle: f64) -> (f64, f64) {
    (cx + r * angle.sin(), cy - r * angle.cos())
}

fn arc_path(cx: f64, cy: f64, r: f64, inner: f64, a0: f64, a1: f64) -> String {
    let large = if a1 - a0 > PI { 1 } else { 0 };
    let (x0, y0) = point(cx, cy, r, a0);
    let (x1, y1) = point(cx, cy, r, a1);
    let (x2, y2) = point(cx, cy, inner, a1);
    let (x3, y3) = point(cx, cy, inner, a0);
    format!(
        "M{x0:.2},{y0:.2} A{r:.2},{r:.2} 0 {large} 1 {x1:.2},{y1:.2} L{x2:.2},{y2:.2} A{inner:.2},{inner:.2} 0 {large} 0 {x3:.2},{y3:.2} Z"
    )
}

/// Donut slices of the positive parts, clockwise from 12 o'clock.
pub fn donut(parts: &[SharePart], cx: f64, cy: f64, r: f64, inner: f64) -> Vec<Slice> {
    let total: f64 = parts.iter().map(|p| f(p.amount).max(0.0)).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut a = 0.0;
    parts
        .iter()
        .filter(|p| f(p.amount) > 0.0)
        .map(|p| {
            let sweep = f(p.amount) / total * 2.0 * PI;
            // A full circle cannot be one arc: draw it as two halves.
            let path = if sweep >= 2.0 * PI - 1e-9 {
                format!(
                    "{} {}",
                    arc_path(cx, cy, r, inner, 0.0, PI),
                    arc_path(cx, cy, r, inner, PI, 2.0 * PI)
                )
            } else {
                arc_path(cx, cy, r, inner, a, a + sweep)
            };
            let label_at = point(cx, cy, (r + inner) / 2.0, a + sweep / 2.0);
            a += sweep;
            Slice {
                key: p.key.clone(),
                label: p.label.clone(),
                amount: p.amount,
                share: p.shown,
                path,
                label_at,
            }
        })
        .collect()
}

/// A bar of a grouped bar chart, in chart coordinates (y grows down).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub series: usize,
    pub amount: Money,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BarGroup {
    pub label: String,
    /// Centre of the group on the x axis.
    pub x: f64,
    pub bars: Vec<Bar>,
}

/// Grouped bars over a shared scale; `series` names each bar of a group.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub series: Vec<String>,
    pub groups: Vec<BarGroup>,
    pub width: f64,
    pub height: f64,
    /// The baseline's y.
    pub base: f64,
}

/// Lays out groups of bars (negative amounts draw as zero height).
pub fn bars(
    series: Vec<String>,
    groups: Vec<(String, Vec<Money>)>,
    width: f64,
    height: f64,
) -> BarChart {
    let max = groups
        .iter()
        .flat_map(|(_, v)| v.iter().map(|m| f(*m)))
        .fold(0.0f64, f64::max);
    let base = height - 24.0;
    let n = groups.len().max(1) as f64;
    let slot = width / n;
    let per = series.len().max(1) as f64;
    let bar_w = (slot * 0.7 / per).min(48.0);
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(i, (label, values))| {
            let cx = slot * (i as f64 + 0.5);
            let start = cx - bar_w * per / 2.0;
            let bars = values
                .into_iter()
                .enumerate()
                .map(|(s, amount)| {
                    let h = if max > 0.0 {
                        (f(amount).max(0.0) / max) * (base - 8.0)
                    } else {
                        0.0
                    };
                    Bar {
                        series: s,
                        amount,
                        x: start + bar_w * s as f64,
                        y: base - h,
                        width: bar_w * 0.92,
                        height: h,
                    }
                })
                .collect();
            BarGroup { label, x: cx, bars }
        })
        .collect();
    BarChart {
        series,
        groups,
        width,
        height,
        base,
    }
}

/// The four charts of the 图表 tab.
#[derive(Clone, Debug, PartialEq)]
pub struct Charts {
    /// 一般公共预算当年拨款 by 类.
    pub structure: Vec<Slice>,
    /// 基本支出 / 项目支出.
    pub kinds: Vec<Slice>,
    /// 三公经费 by item.
    pub sangong: BarChart,
    /// 本年 vs 上年: the totals with a known prior, then each 类 whose lines carry priors.
    pub yoy: BarChart,
    /// 类 without prior-year amounts on their lines (left out of the yoy chart).
    pub yoy_missing: Vec<String>,
    /// Whether the yoy chart compares any total (typed prior-year totals): the note about
    /// the 类 left out then says the totals are compared, which is true.
    pub yoy_totals: bool,
    /// Whether there are no 三公经费 at all (the chart then says so in words).
    pub sangong_none: bool,
}

/// Builds every chart from the summary.
pub fn build(budget: &Budget, s: &Summary) -> Charts {
    let structure = donut(&s.structure, 110.0, 110.0, 100.0, 58.0);
    let kinds = donut(&s.kind_shares, 110.0, 110.0, 100.0, 58.0);
    let g = &s.sangong;
    let sangong = bars(
        vec!["本年".into()],
        vec![
            ("因公出国（境）费".into(), vec![g.abroad]),
            ("公务接待费".into(), vec![g.reception]),
            ("公务用车购置费".into(), vec![g.car_purchase]),
            ("公务用车运行维护费".into(), vec![g.car_operation]),
        ],
        520.0,
        220.0,
    );
    let mut groups: Vec<(String, Vec<Money>)> = Vec::new();
    for (label, y) in [
        ("收入总计", &s.yoy_income),
        ("支出总计", &s.yoy_expense),
        ("一般公共预算当年拨款", &s.yoy_general_public),
        ("“三公”经费", &s.yoy_sangong),
        ("机关运行经费", &s.yoy_office_running),
    ] {
        if let Some(y) = y {
            groups.push((label.into(), vec![y.prior, y.current]));
        }
    }
    let yoy_totals = !groups.is_empty();
    let mut missing = Vec::new();
    let mut lei: Vec<_> = budget
        .lines
        .iter()
        .filter_map(|l| l.function.map(|c| c.lei()))
        .collect();
    crate::core::sort::sort_by_key(&mut lei, |c| c.sort_key());
    lei.dedup();
    for c in lei.into_iter().filter(|c| c.level() == Level::Lei) {
        let sel = Selector::all(Part::Both).function(c);
        let name = budget.function_name(c).unwrap_or("未知科目").to_string();
        let mut any = false;
        let mut prior = Money::ZERO;
        for (l, _) in sel.lines(budget) {
            if let Some(p) = l.prior {
                any = true;
                prior += p;
            }
        }
        if any {
            groups.push((name, vec![prior, sel.sum(budget)]));
        } else {
            missing.push(name);
        }
    }
    let width = (groups.len().max(4) as f64) * 120.0;
    Charts {
        structure,
        kinds,
        sangong,
        yoy: bars(vec!["上年".into(), "本年".into()], groups, width, 240.0),
        yoy_missing: missing,
        yoy_totals,
        sangong_none: s.sangong.total().is_zero(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::figures::report::{Options, Report};
    use crate::core::formats::reference;

    #[test]
    fn reference_charts() {
        let b = reference::budget();
        let r = Report::build(&b, Options::default());
        let c = build(&b, &r.summary);
        let labels: Vec<String> = c
            .structure
            .iter()
            .map(|s| format!("{} {:.2}", s.label, s.share.unwrap()))
            .collect();
        assert_eq!(
            labels,
            [
                "一般公共服务支出 92.84",
                "社会保障和就业支出 2.69",
                "卫生健康支出 1.84",
                "住房保障支出 2.62"
            ]
        );
        assert!(c.structure[0]
            .path
            .starts_with("M110.00,10.00 A100.00,100.00 0 1 1"));
        assert_eq!(c.kinds.len(), 2);
        assert_eq!(
            c.sangong.groups[1].bars[0]
                .amount
                .display(crate::core::domain::money::Unit::Wan),
            "3.00"
        );
        // The reference has prior totals but no prior amounts on lines.
        assert_eq!(c.yoy.groups.len(), 4);
        assert_eq!(c.yoy_missing.len(), 4);
        let tallest = &c.yoy.groups[0].bars[1];
        assert!((tallest.height - (c.yoy.base - 8.0)).abs() < 1e-9);
    }

    #[test]
    fn a_single_slice_is_a_full_ring() {
        let part = SharePart {
            key: "a".into(),
            label: "a".into(),
            amount: Money::from_fen(100),
            exact: None,
            shown: None,
        };
        let s = donut(&[part], 10.0, 10.0, 10.0, 5.0);
        assert_eq!(s[0].path.matches('M').count(), 2);
        assert!(donut(&[], 1.0, 1.0, 1.0, 0.5).is_empty());
    }
}
