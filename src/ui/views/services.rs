//! 十二、其他说明's 政府购买服务 items, edited below the narrative: one row per item
//! (项目, 指导性目录 category, amount in the unit on screen, ✕), an “add by name” row.
//! Every change is one `SetServices` command: one undo step, refused whole when invalid.

use crate::core::domain::command::Command;
use crate::core::domain::disclosure::ServiceItem;
use crate::core::domain::money::Money;
use crate::core::present::i18n::{tf, tr};
use crate::ui::amount::AmountInput;
use crate::ui::shared::{add_by_name, StateProps};
use crate::ui::state::{Action, Notice, State};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Applies a changed list as one undoable step.
fn set(state: &UseReducerHandle<State>, items: Vec<ServiceItem>, label: &str) {
    state.dispatch(Action::Apply(
        Command::SetServices(items),
        Some(label.to_string()),
    ));
}

/// The `onchange` of an item's text field (`category` false: its name).
fn on_text(state: &UseReducerHandle<State>, at: usize, category: bool) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
            return;
        };
        let mut items = state.budget().services.clone();
        let Some(it) = items.get_mut(at) else { return };
        let value = input.value().trim().to_string();
        if category {
            it.category = value;
        } else if value.is_empty() {
            // An item needs a name: put the old one back (✕ removes an item).
            input.set_value(&it.project);
            return;
        } else {
            it.project = value;
        }
        set(&state, items, "修改政府购买服务项目");
    })
}

fn item_row(state: &UseReducerHandle<State>, at: usize, it: &ServiceItem) -> Html {
    let l = state.lang;
    let on_amount = {
        let state = state.clone();
        Callback::from(move |v: Option<Money>| {
            let mut items = state.budget().services.clone();
            if let Some(it) = items.get_mut(at) {
                it.amount = v.unwrap_or_default();
                set(&state, items, "修改政府购买服务金额");
            }
        })
    };
    let on_error = {
        let state = state.clone();
        Callback::from(move |m: String| state.dispatch(Action::Notice(Some(Notice::Error(m)))))
    };
    let remove = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let mut items = state.budget().services.clone();
            if at < items.len() {
                items.remove(at);
                set(&state, items, "删除政府购买服务项目");
            }
        })
    };
    let n = (at + 1).to_string();
    html! {
        <tr data-testid="service-row">
            <td><input lang="zh-CN" value={it.project.clone()} maxlength="2000" onchange={on_text(state, at, false)}
                aria-label={tf(l, "第{}项的项目名称", &[&n])} data-testid="service-project" /></td>
            <td><input lang="zh-CN" value={it.category.clone()} maxlength="2000" onchange={on_text(state, at, true)}
                placeholder={tr(l, "指导性目录类别")} aria-label={tf(l, "第{}项的指导性目录类别", &[&n])} data-testid="service-category" /></td>
            <td><AmountInput value={Some(it.amount)} unit={state.unit} label={tf(l, "第{}项的金额", &[&n])}
                col="service" on_commit={on_amount} on_error={on_error} lang={l} /></td>
            <td><button type="button" onclick={remove} aria-label={tf(l, "删除第{}项", &[&n])} data-testid="service-remove">{ "✕" }</button></td>
        </tr>
    }
}

/// The items and the row that adds one by name (its amount is then typed in its row).
#[function_component(ServicesFields)]
pub fn services_fields(props: &StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let items = state.budget().services.clone();
    let name_ref = use_node_ref();
    let (onclick, onkeydown) = add_by_name(&name_ref, {
        let state = state.clone();
        move |name: String| {
            if name.is_empty() {
                return;
            }
            let mut items = state.budget().services.clone();
            items.push(ServiceItem {
                project: name,
                ..Default::default()
            });
            set(&state, items, "添加政府购买服务项目");
        }
    });
    html! {
        <div class="services" data-testid="services">
            if items.is_empty() {
                <p class="muted">{ tr(l, "还没有政府购买服务项目：添加后，情况说明“十二、其他说明”列出每个项目和合计。") }</p>
            } else {
                <table class="services-table">
                    <thead><tr>
                        <th>{ tr(l, "项目") }</th>
                        <th>{ tr(l, "指导性目录类别") }</th>
                        <th>{ tf(l, "金额（{}）", &[&tr(l, state.unit.label())]) }</th>
                        <th />
                    </tr></thead>
                    <tbody>{ for items.iter().enumerate().map(|(i, it)| item_row(state, i, it)) }</tbody>
                </table>
            }
            <div class="add-source">
                <input ref={name_ref} lang="zh-CN" placeholder={tr(l, "政府购买服务项目名称")}
                    aria-label={tr(l, "新政府购买服务项目的名称")} maxlength="2000" onkeydown={onkeydown}
                    data-testid="service-new-name" />
                <button type="button" onclick={onclick} data-testid="service-add">{ tr(l, "添加项目") }</button>
            </div>
        </div>
    }
}
