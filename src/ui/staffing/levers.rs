//! The levers of the 基本支出测算 tab: 增人/减人, 调资, 费率, 定额 — typed in a small form, their
//! effect on 基本支出, 人员经费, 公用经费, 机关运行经费 and 支出总计 previewed live (computed
//! by `core::drafting::levers::preview`), applied as one undoable edit of the model.

use super::edit::{apply, refuse, unit_of};
use crate::core::domain::money::Unit;
use crate::core::domain::staffing::{
    apply_lever, parse_rate, ContributionKind, Lever, StaffCategory, StaffModel,
};
use crate::core::drafting::levers::preview;
use crate::core::present::i18n::{tf, tr};
use crate::ui::shared::{input_value, official, select_value};
use crate::ui::state::State;
use rust_decimal::Decimal;
use yew::prelude::*;

/// The kinds of lever, as the form offers them.
const KINDS: [&str; 5] = ["增人", "减人", "调资", "费率", "定额"];

/// What the form holds (texts as typed).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Form {
    kind: usize,
    category: usize,
    count: String,
    from: u8,
    item: usize,
    percent: String,
    contribution: usize,
    rate: String,
    /// 0: every category; i + 1: `StaffCategory::ALL[i]`.
    quota_category: usize,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            kind: 0,
            category: 0,
            count: String::new(),
            from: 7,
            item: 0,
            percent: String::new(),
            contribution: 0,
            rate: String::new(),
            quota_category: 0,
        }
    }
}

/// Whether the lever still lacks its figure: nothing is computed until it has one (a
/// 50,000-person model's preview takes a moment; a form left alone costs nothing per edit).
fn form_untouched(f: &Form) -> bool {
    match f.kind {
        0 | 1 => f.count.trim().is_empty(),
        2 | 4 => f.percent.trim().is_empty(),
        _ => f.rate.trim().is_empty(),
    }
}

/// “5”, “5%”, “−10%” as a percent.
fn percent(text: &str) -> Result<Decimal, String> {
    let t = text.trim().replace(['−', '－'], "-");
    let t = t.trim_end_matches(['%', '％']).trim();
    let v: Decimal = t
        .parse()
        .map_err(|_| format!("“{text}”不是百分比：请填写如 5% 或 −10%"))?;
    Ok(v)
}

fn count(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| format!("人数应为正整数：“{text}”"))
}

/// The lever the form describes, or why it does not read.
fn lever_of(f: &Form, m: &StaffModel) -> Result<Lever, String> {
    let category = StaffCategory::ALL[f.category.min(StaffCategory::ALL.len() - 1)];
    Ok(match f.kind {
        0 => Lever::Hire {
            category,
            count: count(&f.count)?,
            from: f.from,
        },
        1 => Lever::Leave {
            category,
            count: count(&f.count)?,
            from: f.from,
        },
        2 => Lever::Raise {
            item: m
                .pay_items
                .get(f.item)
                .map(|p| p.id.clone())
                .ok_or("没有工资项目")?,
            percent: percent(&f.percent)?,
            from: f.from,
        },
        3 => Lever::Rate {
            kind: ContributionKind::ALL[f.contribution.min(ContributionKind::ALL.len() - 1)],
            rate: if f.rate.trim().is_empty() {
                None
            } else {
                Some(parse_rate(&f.rate)?)
            },
        },
        _ => Lever::Quota {
            category: f
                .quota_category
                .checked_sub(1)
                .and_then(|i| StaffCategory::ALL.get(i).copied()),
            percent: percent(&f.percent)?,
        },
    })
}

#[derive(Properties, PartialEq)]
pub struct LeverProps {
    pub state: UseReducerHandle<State>,
    pub model: StaffModel,
}

fn select(
    label: &str,
    testid: &'static str,
    options: Vec<String>,
    chosen: usize,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <label class="amount-field"><span>{ label.to_string() }</span>
            <select aria-label={label.to_string()} data-testid={testid} onchange={onchange}>
                { for options.into_iter().enumerate().map(|(i, o)| html! {
                    <option value={i.to_string()} selected={i == chosen} lang={official(&o)}>{ o }</option>
                }) }
            </select>
        </label>
    }
}

fn text_field(
    label: &str,
    testid: &'static str,
    value: &str,
    oninput: Callback<InputEvent>,
) -> Html {
    html! {
        <label class="amount-field"><span>{ label.to_string() }</span>
            <input class="num" value={value.to_string()} aria-label={label.to_string()} data-testid={testid} oninput={oninput} />
        </label>
    }
}

/// The preview: each figure before, after, and the change, in 元.
fn preview_table(
    l: crate::core::present::i18n::Lang,
    rows: &[crate::core::drafting::levers::FigureChange],
) -> Html {
    html! {
        <table class="staffing-table" data-testid="lever-preview">
            <thead><tr><th /><th>{ tr(l, "现在（元）") }</th><th>{ tr(l, "调整后（元）") }</th><th>{ tr(l, "增减（元）") }</th></tr></thead>
            <tbody>{ for rows.iter().map(|r| {
                let d = r.delta();
                let sign = if d.is_negative() || d.is_zero() { "" } else { "+" };
                html! { <tr>
                    <td>{ tr(l, r.label) }</td>
                    <td class="num">{ r.before.display(Unit::Yuan) }</td>
                    <td class="num">{ r.after.display(Unit::Yuan) }</td>
                    <td class="num" data-testid="lever-delta">{ format!("{sign}{}", d.display(Unit::Yuan)) }</td>
                </tr> }
            }) }</tbody>
        </table>
    }
}

/// The lever form, its live preview and 应用.
#[function_component(LeverPanel)]
pub fn lever_panel(props: &LeverProps) -> Html {
    let state = &props.state;
    let m = &props.model;
    let l = state.lang;
    let form = use_state(Form::default);
    let unit = unit_of(state);
    // The preview is computed once per form and revision (a 50,000-person model takes a
    // moment), not on every render.
    let outcome = use_memo(((*form).clone(), state.rev, unit.clone()), {
        let state = state.clone();
        let m = m.clone();
        move |(f, _, unit)| {
            if form_untouched(f) {
                return Err(String::new());
            }
            let lever = lever_of(f, &m)?;
            let rows = preview(&state.budget(), unit.as_deref(), &lever)?;
            Ok::<_, String>((lever, rows))
        }
    });
    let set = |edit: fn(&mut Form, String)| {
        let form = form.clone();
        move |v: String| {
            let mut f = (*form).clone();
            edit(&mut f, v);
            form.set(f);
        }
    };
    let on_select = |edit: fn(&mut Form, String)| {
        let set = set(edit);
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_input = |edit: fn(&mut Form, String)| {
        let set = set(edit);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let f = &*form;
    let categories: Vec<String> = StaffCategory::ALL
        .iter()
        .map(|c| c.label().to_string())
        .collect();
    let months: Vec<String> = (1..=12).map(|i| tf(l, "{}月起", &[&i])).collect();
    let month_select = select(
        tr(l, "起始月"),
        "lever-from",
        months,
        usize::from(f.from) - 1,
        on_select(|f, v| f.from = v.parse::<u8>().map(|m| m + 1).unwrap_or(1)),
    );
    let fields = match f.kind {
        0 | 1 => html! { <>
            { select(tr(l, "人员类别"), "lever-category", categories, f.category, on_select(|f, v| f.category = v.parse().unwrap_or(0))) }
            { text_field(tr(l, "人数"), "lever-count", &f.count, on_input(|f, v| f.count = v)) }
            { month_select }
        </> },
        2 => html! { <>
            { select(tr(l, "工资项目"), "lever-item", m.pay_items.iter().map(|p| p.name.clone()).collect(), f.item,
                on_select(|f, v| f.item = v.parse().unwrap_or(0))) }
            { text_field(tr(l, "幅度（%）"), "lever-percent", &f.percent, on_input(|f, v| f.percent = v)) }
            { month_select }
        </> },
        3 => html! { <>
            { select(tr(l, "缴费项目"), "lever-contribution", ContributionKind::ALL.iter().map(|k| k.label().to_string()).collect(),
                f.contribution, on_select(|f, v| f.contribution = v.parse().unwrap_or(0))) }
            { text_field(tr(l, "新费率"), "lever-rate", &f.rate, on_input(|f, v| f.rate = v)) }
        </> },
        _ => html! { <>
            { select(tr(l, "人员类别"), "lever-quota-category",
                std::iter::once(tr(l, "全部").to_string()).chain(categories).collect(), f.quota_category,
                on_select(|f, v| f.quota_category = v.parse().unwrap_or(0))) }
            { text_field(tr(l, "幅度（%）"), "lever-percent", &f.percent, on_input(|f, v| f.percent = v)) }
        </> },
    };
    let untouched = form_untouched(f);
    let onclick = {
        let state = state.clone();
        let outcome = outcome.clone();
        let m = m.clone();
        let form = form.clone();
        Callback::from(move |_: MouseEvent| {
            let Ok((lever, _)) = &*outcome else { return };
            match apply_lever(&m, lever) {
                Ok(new) => {
                    apply(&state, Some(new), &lever.label(&m));
                    form.set(Form {
                        kind: form.kind,
                        ..Form::default()
                    });
                }
                Err(e) => refuse(&state, e),
            }
        })
    };
    html! {
        <div class="staffing-levers" data-testid="staffing-levers">
            <div class="procurement-fields">
                { select(tr(l, "调整"), "lever-kind", KINDS.iter().map(|k| tr(l, k).to_string()).collect(), f.kind,
                    on_select(|f, v| f.kind = v.parse::<usize>().unwrap_or(0).min(4))) }
                { fields }
            </div>
            { match (&*outcome, untouched) {
                (_, true) => html! { <p class="muted">{ tr(l, "填写人数、幅度或费率后显示调整前后的金额。") }</p> },
                (Ok((lever, rows)), _) => { let what = lever.label(m); html! { <>
                    <p lang={official(&what)} data-testid="lever-label">{ what.clone() }</p>
                    { preview_table(l, rows) }
                </> } },
                (Err(e), _) => html! { <p class="problems" data-testid="lever-problem">{ e.clone() }</p> },
            } }
            <button type="button" onclick={onclick} disabled={outcome.is_err() || untouched} data-testid="lever-apply">{ tr(l, "应用调整") }</button>
        </div>
    }
}
