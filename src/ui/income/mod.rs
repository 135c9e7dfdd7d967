//! 收入与上年数: per fund source its 本年收入, 上年结转 and 上年预算数 beside the spending
//! it funds and the difference; 收入随支出 (once, or kept); the fund sources themselves
//! (add, rename, reorder, change kind, remove); and the prior-year figures behind every
//! 比上年. Every change is one command of the core, so one undo step; read-only mode shows
//! the same figures without inputs.

mod priors;
mod sources;

use crate::core::domain::command::Command;
use crate::core::present::i18n::tr;
use crate::ui::shared::{apply, ViewProps};
use yew::prelude::*;

/// 收入随支出: the option (kept after every change) and the one-off action.
fn follow_bar(props: &ViewProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let on = state.budget().income_follows_spending;
    let toggle = {
        let state = state.clone();
        Callback::from(move |_: Event| {
            let label = if on {
                "关闭“收入随支出”"
            } else {
                "开启“收入随支出”"
            };
            apply(&state, Command::SetIncomeFollows(!on), label.into());
        })
    };
    let once = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let income = state.budget().income_matching_spending();
            apply(
                &state,
                Command::ReplaceIncome(income),
                "收入随支出：各来源收入已设为其支出".into(),
            );
        })
    };
    html! {
        <div class="follow-bar">
            <button type="button" onclick={once} disabled={on} data-testid="income-match"
                title={tr(l, "把每个资金来源的本年收入设为它安排的当年支出，上年结转收入设为上年结转支出（一步，可撤销）")}>
                { tr(l, "收入随支出") }
            </button>
            <label class="check" title={tr(l, "开启后，每次修改明细时各来源的收入自动等于其支出")}>
                <input type="checkbox" checked={on} onchange={toggle} data-testid="income-follow" />
                { tr(l, "保持收入随支出（编制时自动平衡）") }
            </label>
        </div>
    }
}

#[function_component(IncomeView)]
pub fn income_view(props: &ViewProps) -> Html {
    let l = props.state.lang;
    let editable = props.state.mode.editable();
    html! {
        <div class="income-view" data-testid="income-view">
            <h2>{ tr(l, "收入与上年数") }</h2>
            <p class="hint-line">{
                if editable {
                    tr(l, "金额按屏幕单位填写，可写 3,402.75、340.2万、=120+35*2；Enter 确认并移到下一行，Esc 取消。每次修改可撤销。")
                } else {
                    tr(l, "各资金来源的收入与其安排的支出，以及上年数。")
                }
            }</p>
            if editable { { follow_bar(props) } }
            <sources::SourcesTable state={props.state.clone()} report={props.report.clone()} />
            <priors::PriorsTable state={props.state.clone()} report={props.report.clone()} />
        </div>
    }
}
