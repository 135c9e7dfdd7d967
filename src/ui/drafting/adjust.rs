//! 批量调整: bulk adjustments of a filtered set of lines, with a live preview.

use crate::core::domain::model::Kind;
use crate::core::domain::money::{Money, Unit};
use crate::core::drafting::adjust::{self, Adjustment, Change, Group, Step, Target};
use crate::core::drafting::compare::{self};
use crate::core::figures::report::Report;
use crate::core::present::editor::Column;
use crate::core::present::i18n::{tf, tr, translate};
use crate::ui::shared::{input_value, notice_error, official, report_options, select_value};
use crate::ui::state::Action;

use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Mode {
    Percent,
    PerLine,
    Total,
}

/// Bulk adjustment with a live preview; applying is one undoable step.
#[function_component(AdjustPanel)]
pub fn adjust_panel(props: &crate::ui::shared::ViewProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let target = use_state(Target::default);
    let mode = use_state(|| Mode::Percent);
    let value = use_state(String::new);
    let step = use_state(|| Step::Fen);
    let unit = state.unit;

    let change = parse_change(*mode, &value, unit);
    let adjustment = change.map(|change| Adjustment {
        target: (*target).clone(),
        change,
        step: *step,
    });
    let (plan, preview) = {
        let b = state.budget();
        let matched = b.lines.iter().filter(|l| target.matches(&b, l)).count();
        match &adjustment {
            Err(e) => (
                Err(e.clone()),
                html! { <p class="muted">{ tf(l, "符合条件的明细 {} 行。{}", &[&matched, &translate(l, e)]) }</p> },
            ),
            Ok(a) => match adjust::plan(&b, a) {
                Err(e) => (
                    Err(e.to_string()),
                    html! { <p class="error" role="alert">{ translate(l, &e.to_string()) }</p> },
                ),
                Ok(p) => {
                    let mut draft = b.clone();
                    let ok = draft.apply_all(p.commands.clone()).is_ok();
                    // “Before” is the report on screen; only the adjusted draft is built.
                    let after = Report::build(&draft, report_options(state, false));
                    let figures = compare::figures(&props.report.summary, &after.summary);
                    let html = html! {
                        <div class="adjust-preview" data-testid="adjust-preview">
                            <p>{ tf(l,
                                "符合条件 {} 行，其中 {} 行金额变化；所选明细当年预算安排合计 {} → {}（{}）",
                                &[&p.matched, &p.changes.len(), &p.before.display(unit), &p.after.display(unit), &tr(l, unit.label())]
                            ) }</p>
                            <table class="diff">
                                <thead><tr><th>{ tr(l, "项目") }</th><th>{ tr(l, "调整前") }</th><th>{ tr(l, "调整后") }</th><th>{ tr(l, "差额") }</th></tr></thead>
                                <tbody>
                                    { for figures.iter().filter(|f| f.changed()).map(|f| html! {
                                        <tr><td lang={official(&translate(l, &f.label))}>{ tf(l, "{}（{}）", &[&translate(l, &f.label), &tr(l, f.group)]) }</td><td>{ translate(l, &f.a.display(unit)) }</td><td>{ translate(l, &f.b.display(unit)) }</td><td>{ translate(l, &f.delta(unit)) }</td></tr>
                                    }) }
                                </tbody>
                            </table>
                            <table class="diff lines">
                                <thead><tr><th>{ tr(l, "编号") }</th><th>{ tr(l, "明细") }</th><th>{ tr(l, "调整前") }</th><th>{ tr(l, "调整后") }</th></tr></thead>
                                <tbody>
                                    { for p.changes.iter().take(200).map(|c| {
                                        let describe = b.line(c.id).map(|l| {
                                            [Column::Function, Column::FunctionName, Column::EconName, Column::Project]
                                                .iter()
                                                .map(|col| crate::core::present::editor::cell_text(&b, l, *col, unit))
                                                .filter(|t| !t.is_empty())
                                                .collect::<Vec<_>>()
                                                .join(" ")
                                        }).unwrap_or_default();
                                        html! { <tr><td>{ c.id }</td><td lang="zh-CN">{ describe }</td><td>{ c.before.display(unit) }</td><td>{ c.after.display(unit) }</td></tr> }
                                    }) }
                                </tbody>
                            </table>
                            if p.changes.len() > 200 {
                                <p class="muted">{ tf(l, "只列出前 200 行，共 {} 行", &[&p.changes.len()]) }</p>
                            }
                            if !ok {
                                <p class="error">{ tr(l, "调整后的预算无法通过校验") }</p>
                            }
                        </div>
                    };
                    (Ok(p), html)
                }
            },
        }
    };
    let apply = {
        let state = state.clone();
        let commands = plan
            .as_ref()
            .ok()
            .map(|p| (p.commands.clone(), p.changes.len()));
        let label = format!(
            "批量调整：{} {}",
            target.group.label(),
            match *mode {
                Mode::Percent => format!("{}%", value.trim()),
                _ => format!("{}{}", value.trim(), unit.label()),
            }
        );
        let value = value.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((cmds, n)) = commands.clone() {
                if cmds.is_empty() {
                    notice_error(&state, "调整后金额没有变化".into());
                    return;
                }
                state.dispatch(Action::ApplyAll(cmds, format!("{label}，{n} 行（可撤销）")));
                value.set(String::new());
            }
        })
    };
    let (close, onkeydown) = crate::ui::shared::panel_close(state, || Action::ShowAdjust(false));
    let set_target = |f: fn(&mut Target, String)| {
        let target = target.clone();
        move |v: String| {
            let mut t = (*target).clone();
            f(&mut t, v);
            target.set(t);
        }
    };
    let on_group = {
        let set = set_target(|t, v| {
            t.group = Group::ALL
                .get(v.parse::<usize>().unwrap_or(0))
                .copied()
                .unwrap_or_default()
        });
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_kind = {
        let set = set_target(|t, v| t.kind = Kind::parse(&v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_unit = {
        let set = set_target(|t, v| t.unit = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_source = {
        let set = set_target(|t, v| t.source = (!v.is_empty()).then_some(v));
        Callback::from(move |e: Event| set(select_value(&e)))
    };
    let on_fn = {
        let set = set_target(|t, v| t.function_prefix = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let on_econ = {
        let set = set_target(|t, v| t.econ_prefix = v);
        Callback::from(move |e: InputEvent| set(input_value(&e)))
    };
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |e: Event| {
            mode.set(match select_value(&e).as_str() {
                "line" => Mode::PerLine,
                "total" => Mode::Total,
                _ => Mode::Percent,
            })
        })
    };
    let on_value = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| value.set(input_value(&e)))
    };
    let on_step = {
        let step = step.clone();
        Callback::from(move |e: Event| {
            step.set(
                Step::ALL
                    .get(select_value(&e).parse::<usize>().unwrap_or(0))
                    .copied()
                    .unwrap_or_default(),
            )
        })
    };
    let sources: Vec<(String, String)> = state
        .budget()
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    let units: Vec<(String, String)> = state
        .budget()
        .units
        .iter()
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect();
    html! {
        <section class="adjust-panel" aria-label={tr(l, "批量调整")} data-testid="adjust-panel" onkeydown={onkeydown}>
            <h2>{ tr(l, "批量调整当年预算安排") }</h2>
            <div class="adjust-form">
                <label>{ tr(l, "范围") }
                    <select data-testid="adjust-group" onchange={on_group}>
                        { for Group::ALL.iter().enumerate().map(|(i, g)| html! {
                            <option value={i.to_string()} selected={*g == target.group}>{ tr(l, g.label()) }</option>
                        }) }
                    </select>
                </label>
                <label>{ tr(l, "支出类型") }
                    <select data-testid="adjust-kind" onchange={on_kind}>
                        <option value="" selected={target.kind.is_none()}>{ tr(l, "全部") }</option>
                        <option value="基本支出" selected={target.kind == Some(Kind::Basic)}>{ tr(l, "基本支出") }</option>
                        <option value="项目支出" selected={target.kind == Some(Kind::Project)}>{ tr(l, "项目支出") }</option>
                    </select>
                </label>
                <label>{ tr(l, "功能科目") }
                    <input data-testid="adjust-function" placeholder={tr(l, "编码开头，如 201")} inputmode="numeric"
                        value={target.function_prefix.clone()} oninput={on_fn} size="10" />
                </label>
                <label>{ tr(l, "经济科目") }
                    <input data-testid="adjust-econ" placeholder={tr(l, "编码开头，如 30101")} inputmode="numeric"
                        value={target.econ_prefix.clone()} oninput={on_econ} size="10" />
                </label>
                <label>{ tr(l, "资金来源") }
                    <select data-testid="adjust-source" onchange={on_source}>
                        <option value="" selected={target.source.is_none()}>{ tr(l, "全部") }</option>
                        { for sources.iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={target.source.as_deref() == Some(id.as_str())} lang="zh-CN">{ name }</option>
                        }) }
                    </select>
                </label>
                if units.len() > 1 {
                    <label>{ tr(l, "预算单位") }
                        <select data-testid="adjust-unit" onchange={on_unit}>
                            <option value="" selected={target.unit.is_none()}>{ tr(l, "全部") }</option>
                            { for units.iter().map(|(id, name)| html! {
                                <option value={id.clone()} selected={target.unit.as_deref() == Some(id.as_str())} lang="zh-CN">{ name }</option>
                            }) }
                        </select>
                    </label>
                }
                <label>{ tr(l, "方式") }
                    <select data-testid="adjust-mode" onchange={on_mode}>
                        <option value="percent" selected={*mode == Mode::Percent}>{ tr(l, "按比例（%）") }</option>
                        <option value="line" selected={*mode == Mode::PerLine}>{ tf(l, "每行增减（{}）", &[&tr(l, unit.label())]) }</option>
                        <option value="total" selected={*mode == Mode::Total}>{ tf(l, "合计增减，按比例分摊（{}）", &[&tr(l, unit.label())]) }</option>
                    </select>
                </label>
                <label>{ tr(l, "数值") }
                    <input data-testid="adjust-value" inputmode="decimal" value={(*value).clone()} oninput={on_value}
                        placeholder={if *mode == Mode::Percent { tr(l, "如 −5") } else { tr(l, "如 −20") }} size="10" />
                </label>
                <label>{ tr(l, "取整到") }
                    <select data-testid="adjust-step" onchange={on_step}>
                        { for Step::ALL.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={*s == *step}>{ tr(l, s.label()) }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="primary" data-testid="adjust-apply" onclick={apply}
                    disabled={plan.is_err()}>{ tr(l, "应用") }</button>
                <button type="button" onclick={close}>{ tr(l, "关闭") }</button>
            </div>
            { preview }
        </section>
    }
}

/// The change typed: a percentage, or an amount in the unit on screen.
fn parse_change(mode: Mode, value: &str, unit: Unit) -> Result<Change, String> {
    match mode {
        Mode::Percent => crate::core::domain::money::parse_number(value)
            .map(Change::Percent)
            .ok_or_else(|| "请输入调整比例，如 −5 表示减少5%".to_string()),
        Mode::PerLine | Mode::Total => Money::parse_in(value, unit)
            .map(|m| {
                if mode == Mode::PerLine {
                    Change::PerLine(m)
                } else {
                    Change::Total(m)
                }
            })
            .map_err(|e| e.to_string()),
    }
}
