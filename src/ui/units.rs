//! 预算单位: whether the budget is a 单位预算 or a 部门预算, and its units with their types
//! (which decide 机关运行经费): add, rename, retype, remove. Every change is one command,
//! so one undo step.

use crate::core::domain::command::Command;
use crate::core::domain::model::{BudgetKind, BudgetUnit, UnitType};
use crate::core::domain::template::TemplateId;
use crate::core::present::i18n::{tf, tr};
use crate::ui::shared::{
    add_by_name, add_row_html, apply, choose, rename_on_change, select_value, AddRow, StateProps,
};
use crate::ui::state::{Action, State};
use yew::prelude::*;

fn type_select(state: &UseReducerHandle<State>, u: &BudgetUnit) -> Html {
    let l = state.lang;
    let onchange = {
        let (state, id, name) = (state.clone(), u.id.clone(), u.name.clone());
        Callback::from(move |e: Event| {
            if let Some(kind) = UnitType::from_key(&select_value(&e)) {
                let label = format!("修改预算单位“{name}”的类型");
                apply(
                    &state,
                    Command::SetUnitType {
                        id: id.clone(),
                        kind,
                    },
                    label,
                );
            }
        })
    };
    html! {
        <select aria-labelledby={format!("unitname-{} units-type", u.id)} onchange={onchange}
            data-testid={format!("unit-type-{}", u.id)}>
            { for UnitType::ALL.iter().map(|k| html! {
                <option value={k.key()} selected={*k == u.kind}>{ tr(l, k.label()) }</option>
            }) }
        </select>
    }
}

fn name_input(state: &UseReducerHandle<State>, u: &BudgetUnit) -> Html {
    let l = state.lang;
    let id = u.id.clone();
    let onchange = rename_on_change(state, "预算单位", u.name.clone(), move |name| {
        Command::RenameUnit {
            id: id.clone(),
            name,
        }
    });
    html! {
        <input class="source-name" lang="zh-CN" key={u.name.clone()} value={u.name.clone()}
            id={format!("unitname-{}", u.id)} aria-label={tr(l, "预算单位名称")} maxlength="2000"
            onchange={onchange} data-testid={format!("unit-name-{}", u.id)} />
    }
}

fn unit_row(state: &UseReducerHandle<State>, u: &BudgetUnit, lines: usize, many: bool) -> Html {
    let l = state.lang;
    let remove = {
        let (state, id, name) = (state.clone(), u.id.clone(), u.name.clone());
        Callback::from(move |_: MouseEvent| {
            apply(
                &state,
                Command::RemoveUnit(id.clone()),
                format!("删除预算单位“{name}”"),
            )
        })
    };
    let show = {
        let (state, id) = (state.clone(), u.id.clone());
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetUnitView(Some(id.clone()))))
    };
    html! {
        <tr key={u.id.clone()}>
            <td>{ name_input(state, u) }</td>
            <td>{ type_select(state, u) }</td>
            <td class="num">{ lines }</td>
            <td class="actions">
                if many {
                    <button type="button" onclick={show} aria-describedby={format!("unitname-{}", u.id)}>{ tr(l, "只看此单位") }</button>
                    <button type="button" onclick={remove} data-testid={format!("unit-remove-{}", u.id)}
                        aria-describedby={format!("unitname-{}", u.id)}>{ tr(l, "删除") }</button>
                }
            </td>
        </tr>
    }
}

/// A new unit: name and type; Enter in the name adds it.
fn add_unit(
    state: &UseReducerHandle<State>,
    name_ref: &NodeRef,
    kind: &UseStateHandle<UnitType>,
) -> Html {
    let l = state.lang;
    let (onclick, onkeydown) = add_by_name(name_ref, {
        let (state, kind) = (state.clone(), kind.clone());
        move |name| {
            let (id, at) = {
                let b = state.budget();
                (b.new_unit_id(), b.units.len())
            };
            let label = format!("新增预算单位“{name}”");
            let unit = BudgetUnit {
                id,
                name,
                kind: *kind,
            };
            apply(&state, Command::AddUnit { at, unit }, label);
        }
    });
    let kinds = UnitType::ALL
        .iter()
        .map(|k| (k.key(), k.label(), *k == **kind))
        .collect();
    let row = AddRow {
        placeholder: "新预算单位名称",
        name_label: "新预算单位名称",
        kind_label: "新预算单位类型",
        button: "新增预算单位",
        it: "unit",
        kind_id: "type",
    };
    add_row_html(
        l,
        &row,
        name_ref,
        kinds,
        choose(kind, UnitType::from_key),
        (onclick, onkeydown),
    )
}

fn kind_select(state: &UseReducerHandle<State>, kind: BudgetKind) -> Html {
    let l = state.lang;
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let k = if select_value(&e) == "department" {
                BudgetKind::Department
            } else {
                BudgetKind::Unit
            };
            let label = format!("改为{}预算", k.word());
            apply(&state, Command::SetKind(k), label);
        })
    };
    html! {
        <label>{ tr(l, "预算类型") }
            <select onchange={onchange} data-testid="budget-kind" key={format!("{kind:?}-{}", state.rev)}>
                <option value="unit" selected={kind == BudgetKind::Unit}>{ tr(l, "单位预算") }</option>
                <option value="department" selected={kind == BudgetKind::Department}>{ tr(l, "部门预算") }</option>
            </select>
        </label>
    }
}

/// The disclosure template the budget is published in (its tables and narrative).
fn template_select(state: &UseReducerHandle<State>) -> Html {
    let l = state.lang;
    let template = state.budget().template;
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(t) = TemplateId::from_key(&select_value(&e)) {
                let label = format!("公开模板改为{}", t.name());
                apply(&state, Command::SetTemplate(t), label);
            }
        })
    };
    html! {
        <label title={tr(l, "决定公开表和情况说明的格式；明细不变")}>{ tr(l, "公开模板") }
            <select onchange={onchange} data-testid="budget-template" key={format!("{template:?}-{}", state.rev)}>
                { for TemplateId::ALL.iter().map(|t| html! {
                    <option value={t.key()} selected={*t == template}>{ tr(l, t.name()) }</option>
                }) }
            </select>
        </label>
    }
}

#[function_component(UnitsPanel)]
pub fn units_panel(props: &StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let name_ref = use_node_ref();
    let new_kind = use_state(|| UnitType::Institution);
    let (kind, rows) = {
        let b = state.budget();
        let rows: Vec<(BudgetUnit, usize)> = b
            .lines_per_unit()
            .into_iter()
            .map(|(u, n)| (u.clone(), n))
            .collect();
        (b.kind, rows)
    };
    let many = rows.len() > 1;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowUnits(false)))
    };
    html! {
        <section class="units-panel" aria-label={tr(l, "预算单位")} data-testid="units-panel">
            <div class="units-head">
                <strong>{ tr(l, "预算单位") }</strong>
                { kind_select(state, kind) }
                { template_select(state) }
                <span class="muted">{ tr(l, "机关运行经费只计行政单位和参照公务员法管理的事业单位的公用经费。") }</span>
                <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭预算单位")}>{ "✕" }</button>
            </div>
            <table class="income-table">
                <thead><tr>
                    <th scope="col">{ tr(l, "预算单位") }</th>
                    <th scope="col" id="units-type">{ tr(l, "单位类型") }</th>
                    <th scope="col">{ tr(l, "明细条数") }</th>
                    <th scope="col">{ tr(l, "操作") }</th>
                </tr></thead>
                <tbody>{ for rows.iter().map(|(u, n)| unit_row(state, u, *n, many)) }</tbody>
            </table>
            if kind == BudgetKind::Department {
                { add_unit(state, &name_ref, &new_kind) }
            } else {
                <p class="muted">{ tf(l, "{}只有一个预算单位；要汇总多个单位，请把预算类型改为部门预算。", &[&tr(l, "单位预算")]) }</p>
            }
        </section>
    }
}

/// In a department of several units: which one the figures are for (or all).
#[function_component(UnitViewSelect)]
pub fn unit_view_select(props: &StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let units: Vec<(String, String)> = {
        let b = state.budget();
        if b.units.len() < 2 {
            return html! {};
        }
        b.units
            .iter()
            .map(|u| (u.id.clone(), u.name.clone()))
            .collect()
    };
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            state.dispatch(Action::SetUnitView((!v.is_empty()).then_some(v)))
        })
    };
    let current = state.unit_view.clone().unwrap_or_default();
    html! {
        <select class="unit-view" aria-label={tr(l, "显示哪个预算单位")} onchange={onchange}
            data-testid="unit-view" key={format!("{current}-{}", units.len())}>
            <option value="" selected={current.is_empty()}>{ tr(l, "全部预算单位（部门汇总）") }</option>
            { for units.iter().map(|(id, name)| html! {
                <option value={id.clone()} selected={*id == current} lang="zh-CN">{ name }</option>
            }) }
        </select>
    }
}
