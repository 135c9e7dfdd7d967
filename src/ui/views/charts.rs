//! 图表: SVG charts drawn from the core's chart geometry.

use crate::core::domain::money::Unit;
use crate::core::present::charts::{self, BarChart, Slice};
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::shared::ViewProps;
use crate::ui::state::{Action, ExplainTarget};
use yew::prelude::*;

pub(crate) const PALETTE: [&str; 8] = [
    "#b3261e", "#1e6fb3", "#2e7d32", "#e08a00", "#6a3d9a", "#00838f", "#8d6e63", "#5f6b7a",
];

pub(crate) fn donut_svg(
    title: &str,
    slices: &[Slice],
    unit: Unit,
    on: &Callback<String>,
    l: Lang,
) -> Html {
    html! {
        <figure class="chart">
            <svg viewBox="0 0 220 220" width="220" height="220" role="img" aria-label={title.to_string()}>
                <title>{ title }</title>
                { for slices.iter().enumerate().map(|(i, s)| {
                    let tip = tf(l, "{}：{}{}，占{}", &[&s.label, &s.amount.display(unit), &tr(l, unit.label()),
                        &s.share.map(|d| format!("{d:.2}%")).unwrap_or_default()]);
                    let on = on.clone();
                    let key = s.key.clone();
                    html! {
                        <path d={s.path.clone()} fill={PALETTE[i % PALETTE.len()]} class="slice"
                            tabindex="0" aria-label={tip.clone()} lang={crate::ui::shared::official(&tip)}
                            onclick={Callback::from(move |_| on.emit(key.clone()))}>
                            <title>{ tip }</title>
                        </path>
                    }
                }) }
                // The share written on each slice wide enough to hold it.
                { for slices.iter().filter(|s| s.share.is_some_and(|d| d >= rust_decimal::Decimal::from(5))).map(|s| html! {
                    <text x={format!("{:.1}", s.label_at.0)} y={format!("{:.1}", s.label_at.1 + 4.0)}
                        text-anchor="middle" class="slice-value" aria-hidden="true">
                        { s.share.map(|d| format!("{d:.1}%")).unwrap_or_default() }
                    </text>
                }) }
            </svg>
            <figcaption>
                <strong>{ title }</strong>
                <ul class="legend">
                    { for slices.iter().enumerate().map(|(i, s)| html! {
                        <li><span class="swatch" style={format!("background:{}", PALETTE[i % PALETTE.len()])}></span>
                            <span lang="zh-CN">{ &s.label }</span>
                            if l == Lang::En {
                                if let Some(en) = s.key.strip_prefix("structure:").and_then(crate::core::present::glossary::lei_english) {
                                    { format!(" — {en}") }
                                }
                            }
                            { format!(" {} ({})", s.amount.display(unit),
                                s.share.map(|d| format!("{d:.2}%")).unwrap_or_else(|| "—".into())) }</li>
                    }) }
                </ul>
            </figcaption>
        </figure>
    }
}

pub(crate) fn bars_svg(title: &str, chart: &BarChart, unit: Unit, l: Lang) -> Html {
    html! {
        <figure class="chart wide">
            <svg viewBox={format!("0 0 {} {}", chart.width, chart.height)} width={chart.width.to_string()}
                height={chart.height.to_string()} role="img" aria-label={title.to_string()}>
                <title>{ title }</title>
                <text x="4" y="12" class="axis-unit">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</text>
                <line x1="0" x2={chart.width.to_string()} y1={chart.base.to_string()} y2={chart.base.to_string()} class="axis" />
                { for chart.groups.iter().map(|g| html! {
                    <g>
                        { for g.bars.iter().map(|b| {
                            let label = translate(l, &g.label);
                            let tip = match chart.series.get(b.series) {
                                Some(s) => tf(l, "{}（{}）：{}{}", &[&label, &translate(l, s), &b.amount.display(unit), &tr(l, unit.label())]),
                                None => tf(l, "{}：{}{}", &[&label, &b.amount.display(unit), &tr(l, unit.label())]),
                            };
                            html! {
                                <>
                                <rect lang={crate::ui::shared::official(&tip)} x={format!("{:.1}", b.x)} y={format!("{:.1}", b.y)}
                                    width={format!("{:.1}", b.width)} height={format!("{:.1}", b.height.max(0.5))}
                                    fill={PALETTE[b.series % PALETTE.len()]} tabindex="0" aria-label={tip.clone()}>
                                    <title>{ tip }</title>
                                </rect>
                                // The value above its bar.
                                <text x={format!("{:.1}", b.x + b.width / 2.0)} y={format!("{:.1}", (b.y - 3.0).max(22.0))}
                                    text-anchor="middle" class="bar-value" aria-hidden="true">{ b.amount.display(unit) }</text>
                                </>
                            }
                        }) }
                        <text x={format!("{:.1}", g.x)} y={format!("{:.1}", chart.base + 16.0)} text-anchor="middle" class="tick" lang={crate::ui::shared::official(&translate(l, &g.label))}>{ translate(l, &g.label) }</text>
                    </g>
                }) }
            </svg>
            <figcaption>
                <strong>{ title }</strong>
                if chart.series.len() > 1 {
                    <ul class="legend">
                        { for chart.series.iter().enumerate().map(|(i, s)| html! {
                            <li><span class="swatch" style={format!("background:{}", PALETTE[i % PALETTE.len()])}></span>{ translate(l, s) }</li>
                        }) }
                    </ul>
                }
            </figcaption>
        </figure>
    }
}

#[function_component(ChartsView)]
pub fn charts_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let c = charts::build(&state.budget(), &props.report.summary);
    let unit = state.unit;
    let word = state.budget().kind.word();
    let on = {
        let state = state.clone();
        Callback::from(move |key: String| {
            state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key))))
        })
    };
    html! {
        <div class="charts">
            if c.structure.is_empty() {
                <p class="empty">{ tr(l, "一般公共预算当年拨款为零，无结构图。") }</p>
            } else {
                { donut_svg(tr(l, "一般公共预算当年拨款结构（按类）"), &c.structure, unit, &on, l) }
            }
            if c.kinds.is_empty() {
                <p class="empty">{ tr(l, "还没有支出，无基本支出与项目支出图。") }</p>
            } else {
                { donut_svg(tr(l, "基本支出与项目支出"), &c.kinds, unit, &on, l) }
            }
            if c.sangong_none {
                <p class="empty" data-testid="sangong-none">{ tf(l, "本{}无“三公”经费。", &[&tr(l, word)]) }</p>
            } else {
                { bars_svg(tr(l, "“三公”经费分布"), &c.sangong, unit, l) }
            }
            if c.yoy.groups.is_empty() {
                <p class="empty">{ tr(l, "上年数未填，无本年与上年比较图（可在“收入与上年数”中填写）。") }</p>
            } else {
                { bars_svg(tr(l, "本年与上年比较"), &c.yoy, unit, l) }
            }
            if !c.yoy_missing.is_empty() {
                <p class="note" lang={crate::ui::shared::official(&c.yoy_missing.join(""))}>{
                    if c.yoy_totals {
                        tf(l, "以下类的明细没有上年预算数，图中只比较了总数：{}。", &[&c.yoy_missing.join("、")])
                    } else {
                        tf(l, "以下类的明细未填上年预算数，未列入比较：{}。", &[&c.yoy_missing.join("、")])
                    }
                }</p>
            }
        </div>
    }
}
