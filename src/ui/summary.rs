//! The live summary, the tab bar and the status bar.

use crate::core::domain::money::Unit;
use crate::core::figures::shares::{Trend, YoY};
use crate::core::figures::summary::SharePart;
use crate::core::present::glossary::tooltip;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::shared::StateProps;
use crate::ui::shared::ViewProps as ReportProps;
use crate::ui::state::{Action, ExplainTarget, Notice, Tab};
use web_sys::KeyboardEvent;
use yew::prelude::*;

/// The state and the report derived from it (shared by every view that shows figures).
pub(crate) fn yoy_html(y: &Option<YoY>, unit: Unit, l: Lang) -> Html {
    match y {
        None => html! { <span class="muted">{ tr(l, "上年数未填") }</span> },
        Some(y) => {
            let class = match y.trend {
                Trend::Up | Trend::New => "up",
                Trend::Down | Trend::Gone => "down",
                Trend::Flat => "flat",
            };
            html! { <span class={class}>{ y.signed(unit) }</span> }
        }
    }
}

#[function_component(SummaryBar)]
pub(crate) fn summary_bar(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let r = &props.report;
    let s = &r.summary;
    let unit = r.options.unit;
    let click = |key: &str| {
        let state = props.state.clone();
        let key = key.to_string();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Explain(Some(ExplainTarget::Figure(key.clone()))))
        })
    };
    // A card explains its figure on Enter or a click, not on focus: tabbing through the
    // summary must not open (and leave open) a panel that narrows the grid.
    // Practice: the figures still to be worked out show as “？”.
    let (hidden, _) = crate::ui::practice::hidden(&props.state, r);
    let masked = |key: &str| hidden.iter().any(|k| k == key);
    let fig = |key: &str, testid: &str, text: String| {
        if masked(key) {
            return html! {
                <span class="figure masked" data-testid={testid.to_string()} title={tr(l, "练习中：答对后显示")}>{ tr(l, "？") }</span>
            };
        }
        html! {
            <button type="button" class="figure" data-testid={testid.to_string()}
                onclick={click(key)} title={tr(l, "查看计算过程")}>{ text }</button>
        }
    };
    let yoy = |key: &str, y: &Option<YoY>| {
        if masked(&format!("yoy:{key}")) {
            html! { <span class="masked">{ tr(l, "？") }</span> }
        } else {
            yoy_html(y, unit, l)
        }
    };
    let balanced = s.is_balanced();
    let follows = props.state.budget().income_follows_spending;
    let to_income = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(Tab::Income)))
    };
    let (errors, warnings) = r.check_counts();
    let to_checks = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(Tab::Checks)))
    };
    let share =
        |p: &SharePart, testid: &str| fig(&format!("{}_share", p.key), testid, p.shown_text());
    let basic = &s.kind_shares[0];
    let project = &s.kind_shares[1];
    html! {
        <section class="summary" aria-label={tr(l, "摘要")} data-testid="summary">
            <div class="card">
                <div class="label">{ tr(l, "收入总计") }</div>
                <div class="value">{ fig("income_total", "income-total", s.income_total.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("income_total", &s.yoy_income) }</div>
            </div>
            <div class="card">
                <div class="label">{ tr(l, "支出总计") }</div>
                <div class="value">{ fig("expense_total", "expense-total", s.expense_total.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("expense_total", &s.yoy_expense) }</div>
            </div>
            <div class={classes!("card", if balanced { "ok" } else { "bad" })}>
                <div class="label">{ tr(l, "收支状况") }</div>
                <div class="value" data-testid="balance">{
                    if balanced { tr(l, "收支平衡").to_string() }
                    else { tf(l, "相差 {}", &[&s.imbalance().display(unit)]) }
                }</div>
                <div class="sub">
                    if follows {
                        <span data-testid="follows">{ tr(l, "收入随支出") }</span>
                    } else {
                        <button type="button" class="link" onclick={to_income}>{ tr(l, "收入与上年数") }</button>
                    }
                </div>
            </div>
            <div class="card">
                <div class="label" title={tooltip("基本支出").map(|t| translate(l, t))}>{ tr(l, "基本支出") }</div>
                <div class="value">{ fig("basic", "basic", basic.amount.display(unit)) }</div>
                <div class="sub">{ tr(l, "占 ") }{ share(basic, "basic-share") }</div>
            </div>
            <div class="card">
                <div class="label" title={tooltip("项目支出").map(|t| translate(l, t))}>{ tr(l, "项目支出") }</div>
                <div class="value">{ fig("project", "project", project.amount.display(unit)) }</div>
                <div class="sub">{ tr(l, "占 ") }{ share(project, "project-share") }</div>
            </div>
            <div class="card">
                <div class="label">{ tr(l, "一般公共预算当年拨款") }</div>
                <div class="value">{ fig("general_public_current", "gp-current", s.general_public_current.display(unit)) }</div>
                <div class="sub">{ tr(l, "比上年 ") }{ yoy("general_public_current", &s.yoy_general_public) }</div>
            </div>
            if !s.control.is_empty() {
                <ControlCard state={props.state.clone()} report={props.report.clone()} />
            }
            <div class={classes!("card", (errors > 0).then_some("bad"))}>
                <div class="label">{ tr(l, "检查") }</div>
                <button type="button" class="value checks-count" data-testid="check-count" onclick={to_checks}>
                    { tf(l, "{}个错误 {}个警告", &[&errors, &warnings]) }
                </button>
            </div>
            <div class="unit-note">{ tf(l, "单位：{}", &[&tr(l, unit.label())]) }</div>
        </section>
    }
}

#[function_component(TabBar)]
pub(crate) fn tab_bar(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let tabs: Vec<Tab> = Tab::ALL
        .iter()
        .copied()
        .filter(|t| state.config.shows(t.id()))
        .collect();
    let onkeydown = {
        let state = state.clone();
        let tabs = tabs.clone();
        Callback::from(move |e: KeyboardEvent| {
            let i = tabs.iter().position(|t| *t == state.tab).unwrap_or(0);
            let n = tabs.len().max(1);
            let next = match e.key().as_str() {
                "ArrowRight" => Some((i + 1) % n),
                "ArrowLeft" => Some((i + n - 1) % n),
                "Home" => Some(0),
                "End" => Some(n - 1),
                _ => None,
            };
            if let Some(j) = next {
                e.prevent_default();
                let Some(tab) = tabs.get(j).copied() else {
                    return;
                };
                state.dispatch(Action::SetTab(tab));
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&format!("tab-{}", tab.id())))
                {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        })
    };
    let (errors, _) = props.report.check_counts();
    html! {
        <nav class="tabs" role="tablist" aria-label={tr(l, "视图")} onkeydown={onkeydown}>
            { for tabs.iter().map(|&t| {
                let selected = state.tab == t;
                let onclick = {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::SetTab(t)))
                };
                html! {
                    <button type="button" role="tab" id={format!("tab-{}", t.id())}
                        aria-selected={selected.to_string()} aria-controls={format!("panel-{}", t.id())}
                        tabindex={if selected { "0" } else { "-1" }} class={classes!(selected.then_some("on"))}
                        onclick={onclick}>
                        { tr(l, t.label()) }
                        if t == Tab::Checks && errors > 0 { <span class="badge">{ errors }</span> }
                    </button>
                }
            }) }
        </nav>
    }
}

/// A 测算生成 line edited by hand: keep the edit as an ordinary line (detached, one step), or
/// give the line back the model's figures (the model applied again, one step).
fn detach_prompt(
    state: &UseReducerHandle<crate::ui::state::State>,
    id: crate::core::domain::model::LineId,
    close: Callback<MouseEvent>,
) -> Html {
    use crate::core::domain::command::Command;
    let l = state.lang;
    let detach = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Apply(
                Command::SetGenerated {
                    id,
                    generated: false,
                },
                Some(format!("第{id}号明细改为普通明细")),
            ));
            state.dispatch(Action::Notice(None));
        })
    };
    let restore = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let cmd = {
                let b = state.budget();
                let unit = b.line(id).and_then(|x| x.unit.clone());
                b.staff_model(unit.as_deref())
                    .cloned()
                    .map(|m| Command::SetStaffModel {
                        unit,
                        model: Some(Box::new(m)),
                    })
            };
            if let Some(cmd) = cmd {
                state.dispatch(Action::Apply(cmd, Some("恢复测算值".into())));
            }
            state.dispatch(Action::Notice(None));
        })
    };
    let text = tf(l, "第{}号明细由基本支出测算生成，手工修改后与测算不一致：改为普通明细（保留修改），还是恢复测算值？", &[&id]);
    html! {
        <div class="notice info" role="alert" data-testid="detach-prompt">
            <span>{ text }</span>
            <button type="button" onclick={detach} data-testid="detach-yes">{ tr(l, "改为普通明细") }</button>
            <button type="button" onclick={restore} data-testid="detach-restore">{ tr(l, "恢复测算值") }</button>
            <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭提示")}>{ "✕" }</button>
        </div>
    }
}

#[function_component(NoticeBar)]
pub(crate) fn notice_bar(props: &StateProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Notice(None)))
    };
    match &state.notice {
        None => html! { <div class="notice empty" role="status" aria-live="polite"></div> },
        Some(Notice::Detach(id)) => detach_prompt(state, *id, close),
        Some(n) => {
            let (class, text, items) = match n {
                Notice::Info(t) => ("info", t.clone(), Vec::new()),
                Notice::Error(t) => ("error", t.clone(), Vec::new()),
                Notice::Errors(t, items) => ("error", t.clone(), items.clone()),
                Notice::Detach(_) => ("info", String::new(), Vec::new()),
            };
            html! {
                <div class={classes!("notice", class)} role={if class == "error" { "alert" } else { "status" }}
                    data-testid="notice">
                    <span>{ translate(l, &text) }</span>
                    if !items.is_empty() {
                        <ul>{ for items.iter().map(|i| html! { <li>{ translate(l, i) }</li> }) }</ul>
                    }
                    <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭提示")}>{ "✕" }</button>
                </div>
            }
        }
    }
}

/// The summary card of 控制数: headroom, or the excess of any source over its figure.
#[function_component(ControlCard)]
pub(crate) fn control_card(props: &ReportProps) -> Html {
    let l = props.state.lang;
    let s = &props.report.summary;
    let unit = props.report.options.unit;
    let excess: crate::core::domain::money::Money = s
        .control
        .iter()
        .filter(|c| c.headroom().is_negative())
        .map(|c| -c.headroom())
        .sum();
    let headroom: crate::core::domain::money::Money = s.control.iter().map(|c| c.headroom()).sum();
    let detail: Vec<String> = s
        .control
        .iter()
        .map(|c| {
            tf(
                l,
                "{}：控制数{}，已安排{}，{}{}",
                &[
                    &c.name,
                    &c.limit.display(unit),
                    &c.spent.display(unit),
                    &tr(
                        l,
                        if c.headroom().is_negative() {
                            "超出"
                        } else {
                            "尚余"
                        },
                    ),
                    &c.headroom().abs().display(unit),
                ],
            )
        })
        .collect();
    let open = {
        let state = props.state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowControl(true)))
    };
    let over = !excess.is_zero();
    html! {
        <div class={classes!("card", if over { "bad" } else { "ok" })} title={detail.join("\n")}>
            <div class="label">{ tr(l, "控制数") }</div>
            <button type="button" class="value checks-count" data-testid="control" onclick={open}>{
                if over { tf(l, "超出 {}", &[&excess.display(unit)]) } else { tf(l, "尚余 {}", &[&headroom.display(unit)]) }
            }</button>
        </div>
    }
}
