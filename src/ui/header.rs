//! The header: unit and year, undo/redo, 万元/元, 尾差调整, open/save, 控制数, print, language.

use crate::core::domain::command::Command;
use crate::core::domain::money::{Money, Unit};
use crate::core::present::glossary::tooltip;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::amount::AmountInput;
use crate::ui::shared::{chosen_file, offer_download, StateProps};
use crate::ui::state::{Action, Notice};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component(HeaderBar)]
pub(crate) fn header_bar(props: &StateProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let set_unit = |u: Unit| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::SetUnit(u)))
    };
    let toggle_adjust = {
        let state = state.clone();
        Callback::from(move |_: Event| state.dispatch(Action::ToggleAdjust))
    };
    let print = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Print(true)))
    };
    let undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Undo))
    };
    let save = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let (json, name) = {
                let w = state.ws.borrow();
                let sc = w.current();
                (
                    crate::core::formats::file::to_json_named(&sc.budget, &sc.name),
                    format!("{}.json", sc.name),
                )
            };
            offer_download(&state, &json, &name);
        })
    };
    let open = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let Some(file) = chosen_file(&e) else { return };
            let name = file.name();
            let max = crate::core::formats::file::MAX_BYTES as f64;
            if file.size() > max {
                state.dispatch(Action::Notice(Some(Notice::Error(format!(
                    "无法打开“{name}”：{}，当前数据未改变",
                    crate::core::formats::file::FileError::TooLarge {
                        bytes: file.size() as usize
                    }
                )))));
                return;
            }
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string());
                let outcome = match text {
                    None => Err("文件无法读取".to_string()),
                    Some(t) => crate::core::formats::file::read(&t).map_err(|e| e.to_string()),
                };
                match outcome {
                    Ok(ws) => {
                        let parts = ws.into_parts();
                        let n = parts.len();
                        state.dispatch(Action::AddScenarios(
                            parts,
                            format!("已打开“{name}”，新增 {n} 个方案（可撤销）"),
                        ))
                    }
                    Err(msg) => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                        "无法打开“{name}”：{msg}。当前数据未改变"
                    ))))),
                }
            });
        })
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Redo))
    };
    let (undo_label, redo_label) = {
        let h = state.history.borrow();
        (
            h.can_undo().map(str::to_string),
            h.can_redo().map(str::to_string),
        )
    };
    let on_name = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                let name = i.value().trim().to_string();
                if name.is_empty() {
                    state.dispatch(Action::Notice(Some(Notice::Error(
                        "单位名称不能为空".into(),
                    ))));
                } else {
                    state.dispatch(Action::Apply(Command::SetUnitName(name), None));
                }
            }
        })
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                match i.value().trim().parse::<u16>() {
                    Ok(y) if (1900..=2200).contains(&y) => {
                        state.dispatch(Action::Apply(Command::SetYear(y), None))
                    }
                    _ => state.dispatch(Action::Notice(Some(Notice::Error(format!(
                        "“{}”不是有效的年度（1900–2200）",
                        i.value()
                    ))))),
                }
            }
        })
    };
    let budget = state.budget();
    let unit = state.unit;
    let editable = state.mode.editable();
    html! {
        <header class="topbar">
            <div class="title">
                <h1>{ tr(l, "预算计算器") }</h1>
                if editable {
                    <input class="unit-name" lang="zh-CN" aria-label={tr(l, "单位名称")} value={budget.unit.name.clone()}
                        title={budget.unit.name.clone()}
                        style={format!("width:{}em", (budget.unit.name.chars().count() + 1).clamp(6, 28))}
                        onchange={on_name} maxlength="2000" />
                    <input class="year" type="number" aria-label={tr(l, "预算年度")} min="1900" max="2200"
                        value={budget.unit.year.to_string()} onchange={on_year} />
                    <span class="year-label">{ tr(l, "年度") }</span>
                } else {
                    <span class="unit-name-text" lang="zh-CN" title={budget.unit.name.clone()}>{ &budget.unit.name }</span>
                    <span class="year-label">{ tf(l, "{}年度", &[&budget.unit.year]) }</span>
                    <span class="mode-badge" data-testid="mode">{
                        if state.mode == crate::core::config::Mode::Practice { tr(l, "练习") } else { tr(l, "只读") }
                    }</span>
                }
            </div>
            <div class="controls" role="group" aria-label={tr(l, "显示设置")}>
                if editable {
                <button type="button" onclick={undo} disabled={undo_label.is_none()} data-testid="undo"
                    title={undo_label.as_ref().map(|x| tf(l, "撤销：{}（Ctrl+Z）", &[&translate(l, x)])).unwrap_or_else(|| tr(l, "没有可撤销的操作").into())}>{ tr(l, "↶ 撤销") }</button>
                <button type="button" onclick={redo} disabled={redo_label.is_none()} data-testid="redo"
                    title={redo_label.as_ref().map(|x| tf(l, "重做：{}（Ctrl+Y）", &[&translate(l, x)])).unwrap_or_else(|| tr(l, "没有可重做的操作").into())}>{ tr(l, "↷ 重做") }</button>
                }
                <button type="button" class={classes!((unit == Unit::Wan).then_some("on"))}
                    aria-pressed={(unit == Unit::Wan).to_string()} onclick={set_unit(Unit::Wan)}>{ tr(l, "万元") }</button>
                <button type="button" class={classes!((unit == Unit::Yuan).then_some("on"))}
                    aria-pressed={(unit == Unit::Yuan).to_string()} onclick={set_unit(Unit::Yuan)}>{ tr(l, "元") }</button>
                <label class="adjust" title={tooltip("尾差调整").map(|t| translate(l, t))}>
                    <input type="checkbox" checked={state.adjust} onchange={toggle_adjust} />
                    { tr(l, "尾差调整") }
                </label>
                if editable {
                <label class="file-button" title={tr(l, "打开预算文件（JSON）")}>{ tr(l, "打开…") }
                    <input type="file" accept=".json,application/json" onchange={open} data-testid="open-file" />
                </label>
                <button type="button" onclick={save} title={tr(l, "保存为预算文件（JSON），可再打开")}>{ tr(l, "保存") }</button>
                <button type="button" onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::ShowControl(!s.show_control))) }}
                    aria-pressed={state.show_control.to_string()} title={tr(l, "各资金来源的控制数")}>{ tr(l, "控制数") }</button>
                <button type="button" onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::ShowUnits(!s.show_units))) }}
                    aria-pressed={state.show_units.to_string()} data-testid="units-open"
                    title={tr(l, "单位预算或部门预算，预算单位及其类型")}>{ tr(l, "预算单位") }</button>
                }
                <button type="button" class="print" onclick={print}>{ tr(l, "打印") }</button>
                <button type="button" class="lang" data-testid="lang" aria-label={tr(l, "界面语言")}
                    onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| if s.lang == Lang::En { s.dispatch(Action::SetLang(Lang::Zh)) } else { crate::ui::lang::switch_to_english(s.clone()) }) }}>
                    // Each language names itself.
                    { if l == Lang::En { html! { <span lang="zh-CN">{ "中文" }</span> } } else { html! { "English" } } }
                </button>
            </div>
        </header>
    }
}

/// Entering 控制数 per fund source, in the unit on screen; an empty field removes it.
#[function_component(ControlPanel)]
pub(crate) fn control_panel(props: &StateProps) -> Html {
    let l = props.state.lang;
    let state = &props.state;
    let budget = state.budget();
    let unit = state.unit;
    let close = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::ShowControl(false)))
    };
    html! {
        <section class="control-panel" aria-label={tr(l, "控制数")} data-testid="control-panel">
            <strong>{ tf(l, "控制数（{}）", &[&tr(l, unit.label())]) }</strong>
            { for budget.sources.iter().map(|src| {
                let current = budget.control_figures.get(&src.id).copied();
                let id = src.id.clone();
                let on_commit = {
                    let state = state.clone();
                    Callback::from(move |amount: Option<Money>| {
                        state.dispatch(Action::Apply(
                            Command::SetControlFigure { source: id.clone(), amount },
                            Some("修改控制数".into()),
                        ))
                    })
                };
                let on_error = {
                    let state = state.clone();
                    Callback::from(move |m: String| state.dispatch(Action::Notice(Some(Notice::Error(m)))))
                };
                let field = format!("control-{}", src.id);
                html! {
                    <label for={field.clone()} key={src.id.clone()}>
                        <span lang="zh-CN" id={format!("control-name-{}", src.id)}>{ &src.name }</span>
                        <AmountInput value={current} unit={unit} optional=true id={AttrValue::from(field)}
                            label="控制数" labelledby={AttrValue::from(format!("control-name-{}", src.id))} lang={l}
                            placeholder={AttrValue::from(tr(l, "未设"))}
                            on_commit={on_commit} on_error={on_error} col="control" />
                    </label>
                }
            }) }
            <button type="button" class="close" onclick={close} aria-label={tr(l, "关闭控制数")}>{ "✕" }</button>
        </section>
    }
}
