//! 新建预算: a new empty scenario from a disclosure template (unit name, year, 单位预算 or
//! 部门预算, the unit's type, the template). The core builds it (`Budget::from_template`);
//! this form only collects the choices and says what is wrong with them.

use crate::core::domain::model::{Budget, BudgetKind, UnitType};
use crate::core::domain::template::TemplateId;
use crate::core::present::i18n::{tr, translate};
use crate::ui::shared::{input_value, select_value, StateProps};
use crate::ui::state::{Action, Notice, Tab};
use web_sys::{KeyboardEvent, MouseEvent};
use yew::prelude::*;

/// What the form holds while it is open.
#[derive(Clone, PartialEq)]
struct Draft {
    name: String,
    year: String,
    kind: BudgetKind,
    unit_type: UnitType,
    template: TemplateId,
}

/// The budget the choices describe (the core checks them), with its scenario name.
fn build(d: &Draft) -> Result<(String, Budget), String> {
    let b = Budget::from_typed(d.template, &d.name, &d.year, d.kind, d.unit_type)?;
    Ok((format!("{}年 {}", b.unit.year, b.unit.name), b))
}

#[function_component(NewBudgetForm)]
pub fn new_budget_form(props: &StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let open = use_state(|| false);
    // The current year by default (what a drafter starting their own budget means), not
    // the year of the budget on screen (the example's 2023).
    let year = js_sys::Date::new_0().get_full_year();
    let draft = use_state(|| Draft {
        name: String::new(),
        year: year.to_string(),
        kind: BudgetKind::Unit,
        unit_type: UnitType::Administrative,
        template: TemplateId::Standard,
    });
    let error = use_state(|| None::<String>);
    // Focus the first choice, 单位性质, when the form opens (the button that opened it is
    // gone): the type decides the 政府经济分类 and whether there is 机关运行经费.
    let first_ref = use_node_ref();
    {
        let first_ref = first_ref.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(i) = first_ref.cast::<web_sys::HtmlElement>() {
                    let _ = i.focus();
                }
            }
        });
    }
    let create = {
        let (state, draft, open, error) =
            (state.clone(), draft.clone(), open.clone(), error.clone());
        move || match build(&draft) {
            Ok((name, budget)) => {
                let unit = budget.template.unit();
                let label = format!("新建预算“{name}”");
                state.dispatch(Action::AddScenarios(vec![(name, budget)], label));
                state.dispatch(Action::SetUnit(unit));
                state.dispatch(Action::SetTab(Tab::Lines));
                error.set(None);
                open.set(false);
                // The new budget has no line yet: its first step, ＋ 新增, takes the focus
                // (not the page body, 21 Tabs away) once the grid is shown.
                gloo::timers::callback::Timeout::new(0, || {
                    let button = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.query_selector("[data-testid=add-line]").ok().flatten())
                        .and_then(|e| {
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()
                        });
                    if let Some(b) = button {
                        let _ = b.focus();
                    }
                })
                .forget();
            }
            Err(e) => {
                error.set(Some(e.clone()));
                state.dispatch(Action::Notice(Some(Notice::Error(e))));
            }
        }
    };
    if !*open {
        let open = open.clone();
        return html! {
            <button type="button" data-testid="new-budget" title={tr(l, "从公开模板新建一个空预算（新方案）")}
                onclick={Callback::from(move |_: MouseEvent| open.set(true))}>{ tr(l, "新建预算…") }</button>
        };
    }
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        move |v: String| {
            let mut d = (*draft).clone();
            f(&mut d, v);
            draft.set(d);
        }
    };
    let on_name = {
        let s = set(|d, v| d.name = v);
        Callback::from(move |e: InputEvent| s(input_value(&e)))
    };
    let on_year = {
        let s = set(|d, v| d.year = v);
        Callback::from(move |e: InputEvent| s(input_value(&e)))
    };
    let on_kind = {
        let s = set(|d, v| {
            d.kind = if v == "department" {
                BudgetKind::Department
            } else {
                BudgetKind::Unit
            }
        });
        Callback::from(move |e: Event| s(select_value(&e)))
    };
    let on_type = {
        let s = set(|d, v| d.unit_type = UnitType::from_key(&v).unwrap_or_default());
        Callback::from(move |e: Event| s(select_value(&e)))
    };
    let on_template = {
        let s = set(|d, v| d.template = TemplateId::from_key(&v).unwrap_or_default());
        Callback::from(move |e: Event| s(select_value(&e)))
    };
    let on_key = {
        let (create, open) = (create.clone(), open.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" if !e.is_composing() => {
                e.prevent_default();
                create()
            }
            "Escape" => open.set(false),
            _ => {}
        })
    };
    let on_create = {
        let create = create.clone();
        Callback::from(move |_: MouseEvent| create())
    };
    let on_cancel = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let d = &*draft;
    html! {
        <div class="new-budget" role="group" aria-label={tr(l, "新建预算")} onkeydown={on_key} data-testid="new-budget-form">
            <label>{ tr(l, "单位性质") }
                <select data-testid="new-budget-type" ref={first_ref} onchange={on_type}>
                    { for UnitType::ALL.iter().map(|t| html! {
                        <option value={t.key()} selected={*t == d.unit_type}>{ tr(l, t.label()) }</option>
                    }) }
                </select>
            </label>
            <label>{ tr(l, "单位名称") }
                <input data-testid="new-budget-name" value={d.name.clone()} oninput={on_name} maxlength="2000"
                    placeholder={tr(l, "如：某区文化馆")} />
            </label>
            <label>{ tr(l, "预算年度") }
                <input data-testid="new-budget-year" inputmode="numeric" value={d.year.clone()} oninput={on_year} size="5" />
            </label>
            <label>{ tr(l, "预算类型") }
                <select data-testid="new-budget-kind" onchange={on_kind}>
                    <option value="unit" selected={d.kind == BudgetKind::Unit}>{ tr(l, "单位预算") }</option>
                    <option value="department" selected={d.kind == BudgetKind::Department}>{ tr(l, "部门预算") }</option>
                </select>
            </label>

            <label>{ tr(l, "公开模板") }
                <select data-testid="new-budget-template" onchange={on_template}>
                    { for TemplateId::ALL.iter().map(|t| html! {
                        <option value={t.key()} selected={*t == d.template}>{ tr(l, t.name()) }</option>
                    }) }
                </select>
            </label>
            <button type="button" class="primary" data-testid="new-budget-create" onclick={on_create}>{ tr(l, "创建") }</button>
            <button type="button" onclick={on_cancel}>{ tr(l, "取消") }</button>
            if let Some(e) = &*error {
                <span class="error" role="alert">{ translate(l, e) }</span>
            }
        </div>
    }
}
