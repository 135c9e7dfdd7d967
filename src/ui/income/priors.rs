//! The prior-year figures behind every 比上年: each beside this year's figure and the
//! change. A figure left empty has no prior year (no 比上年 is printed).

use crate::core::domain::command::Command;
use crate::core::domain::model::PriorField;
use crate::core::domain::money::Money;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::amount::AmountInput;
use crate::ui::shared::{apply, error_callback, ViewProps};
use yew::prelude::*;

fn prior_row(props: &ViewProps, f: PriorField) -> Html {
    let state = &props.state;
    let (l, unit) = (state.lang, state.unit);
    let s = &props.report.summary;
    let value = state.budget().prior.get(f);
    let field = if state.mode.editable() {
        let on_commit = {
            let state = state.clone();
            Callback::from(move |v: Option<Money>| {
                let label = format!("修改上年{}", f.label());
                apply(&state, Command::SetPrior(f, v), label);
            })
        };
        html! {
            <AmountInput value={value} unit={unit} optional={true}
                label={tf(l, "上年{}", &[&tr(l, f.label())])} col="prior"
                testid={Some(AttrValue::from(format!("prior-{f:?}").to_lowercase()))}
                on_commit={on_commit} on_error={error_callback(state)} lang={l} />
        }
    } else {
        html! { { value.map(|m| m.display(unit)).unwrap_or_default() } }
    };
    let change = match s.yoy_of(f) {
        Some(y) => html! { { translate(l, &y.signed(unit)) } },
        None => html! { <span class="muted">{ tr(l, "上年数未填") }</span> },
    };
    html! {
        <tr>
            <th scope="row">{ tr(l, f.label()) }</th>
            <td class="num">{ s.current_of(f).display(unit) }</td>
            <td class="num">{ field }</td>
            <td class="num" data-testid={format!("prior-change-{f:?}").to_lowercase()}>{ change }</td>
        </tr>
    }
}

#[function_component(PriorsTable)]
pub fn priors_table(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let unit = props.state.unit;
    let b = props.state.budget();
    // Without a typed 收入总计, the sources' 上年预算数 add up to it.
    let from_sources = b.prior.income_total.is_none() && b.income.iter().any(|i| i.prior.is_some());
    // A budget of 事业单位 only has no 机关运行经费: no prior-year figure to ask for.
    let fields: Vec<PriorField> = PriorField::ALL
        .into_iter()
        .filter(|f| *f != PriorField::OfficeRunning || b.has_office_running())
        .collect();
    drop(b);
    html! {
        <section class="priors" aria-label={tr(l, "上年数")}>
            <h3>{ tf(l, "上年数（{}）", &[&tr(l, unit.label())]) }</h3>
            <table class="income-table" data-testid="priors">
                <thead>
                    <tr>
                        <th scope="col">{ tr(l, "项目") }</th>
                        <th scope="col">{ tr(l, "本年") }</th>
                        <th scope="col">{ tr(l, "上年预算数") }</th>
                        <th scope="col">{ tr(l, "比上年") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for fields.iter().map(|f| prior_row(props, *f)) }
                </tbody>
            </table>
            if from_sources {
                <p class="muted">{ tr(l, "收入总计的上年数未填时，取各资金来源上年预算数之和。") }</p>
            }
        </section>
    }
}
