//! The editor of one 项目支出绩效目标表, laid out like the published form: every field a
//! control reachable with Tab, amounts typed like grid cells (in 元), indicators added,
//! removed and moved with buttons. Each change replaces the form (`UpdateGoal`): one
//! undo step. A check's place (`state.goal_focus`) is scrolled to and focused.

use crate::core::domain::command::Command;
use crate::core::domain::goals::{FundPart, GoalForm, GoalText, Indicator, IndicatorKind, Side};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::goals::{form_findings, links};
use crate::core::present::goal_form::fund_label;
use crate::core::present::i18n::{tf, tr, translate, Lang};
use crate::ui::amount::AmountInput;
use crate::ui::shared::{error_callback, select_value};
use crate::ui::state::{Action, State};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub state: UseReducerHandle<State>,
    pub at: usize,
}

/// What every control of the editor needs.
#[derive(Clone)]
struct Ctx {
    state: UseReducerHandle<State>,
    at: usize,
    form: GoalForm,
    l: Lang,
    editable: bool,
}

impl Ctx {
    /// Replaces the form with `change` applied (one undo step).
    fn update(&self, what: &str, change: impl FnOnce(&mut GoalForm)) {
        let mut f = self.form.clone();
        change(&mut f);
        if f == self.form {
            return;
        }
        let label = format!("修改绩效目标表“{}”的{what}", f.display_name());
        self.state.dispatch(Action::Apply(
            Command::UpdateGoal {
                at: self.at,
                form: Box::new(f),
            },
            Some(label),
        ));
    }
}

fn field_id(key: &str) -> String {
    format!("goal-{key}")
}

/// The `onchange` of a text field (an input or a textarea): the form with that text.
fn on_text(c: &Ctx, f: GoalText) -> Callback<Event> {
    let c = c.clone();
    Callback::from(move |e: Event| {
        let v = e
            .target_dyn_into::<HtmlInputElement>()
            .map(|i| i.value())
            .or_else(|| {
                e.target_dyn_into::<HtmlTextAreaElement>()
                    .map(|t| t.value())
            });
        if let Some(v) = v {
            c.update(f.label(), |g| *g.text_mut(f) = v);
        }
    })
}

/// A one-line text of the form.
fn text_input(c: &Ctx, f: GoalText, list: Option<&'static str>) -> Html {
    let value = c.form.text(f).to_string();
    let key = value.clone();
    html! {
        <input id={field_id(f.key())} key={key} value={value} lang="zh-CN"
            aria-label={tr(c.l, f.label())} maxlength="2000" list={list} disabled={!c.editable}
            onchange={on_text(c, f)} data-testid={field_id(f.key())} />
    }
}

/// A paragraph of the form.
fn text_area(c: &Ctx, f: GoalText) -> Html {
    let value = c.form.text(f).to_string();
    let key = value.clone();
    html! {
        <textarea id={field_id(f.key())} key={key} defaultvalue={value} lang="zh-CN" rows="3"
            aria-label={tr(c.l, f.label())} maxlength="20000" disabled={!c.editable}
            onchange={on_text(c, f)} data-testid={field_id(f.key())} />
    }
}

/// A labelled row with one wide control.
fn wide_row(c: &Ctx, f: GoalText, control: Html) -> Html {
    html! {
        <tr>
            <th scope="row"><label for={field_id(f.key())}>{ tr(c.l, f.label()) }</label></th>
            <td colspan="4">{ control }</td>
        </tr>
    }
}

/// The project the form belongs to: any project of the budget (or the one it names).
fn project_select(c: &Ctx, projects: &[String]) -> Html {
    let mut names: Vec<String> = projects.to_vec();
    if !names.contains(&c.form.project) {
        names.insert(0, c.form.project.clone());
    }
    let onchange = {
        let c = c.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            c.update("所属项目", |g| g.project = v);
        })
    };
    html! {
        <select id={field_id("project")} aria-label={tr(c.l, "所属项目")} lang="zh-CN"
            disabled={!c.editable} onchange={onchange} data-testid="goal-project">
            { for names.iter().map(|n| html! {
                <option value={n.clone()} selected={*n == c.form.project}>
                    { if n.is_empty() { tr(c.l, "（未选项目）").to_string() } else { n.clone() } }
                </option>
            }) }
        </select>
    }
}

/// 项目资金: the six amounts of each side, in 元.
fn funds_rows(c: &Ctx, project_annual: Option<Money>) -> Html {
    let on_error = error_callback(&c.state);
    let amount = |side: Side, part: FundPart| {
        let on_commit = {
            let c = c.clone();
            Callback::from(move |v: Option<Money>| {
                let what = fund_label(part, side);
                c.update(&what, |g| {
                    g.funds_mut(side).set(part, v.unwrap_or_default())
                })
            })
        };
        let key = format!("{}.{}", side.funds_key(), part.key());
        let label = format!("{}{}", side.label(), fund_label(part, side));
        html! {
            <span id={field_id(&key)} class="goal-amount">
                if c.editable {
                    <AmountInput value={Some(c.form.funds(side).get(part))} unit={Unit::Yuan}
                        label={translate(c.l, &label)} on_commit={on_commit} on_error={on_error.clone()}
                        col={format!("goal-{}", side.funds_key())} testid={field_id(&key)} lang={c.l} />
                } else {
                    { c.form.funds(side).get(part).display(Unit::Yuan) }
                }
            </span>
        }
    };
    let take_project = project_annual.filter(|m| *m != c.form.funds_annual.total).map(|m| {
        let c2 = c.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            c2.update("年度资金总额", |g| {
                let others = g.funds_annual.split_sum() - g.funds_annual.local;
                g.funds_annual.total = m;
                g.funds_annual.local = m - others;
            })
        });
        html! {
            <button type="button" onclick={onclick} disabled={!c.editable} data-testid="goal-take-project">
                { tf(c.l, "年度资金取项目预算 {} 元", &[&m.display(Unit::Yuan)]) }
            </button>
        }
    });
    html! {
        <>
            <tr>
                <th scope="row" rowspan="7">{ tr(c.l, "项目资金（元）") }</th>
                <th scope="col" colspan="2">{ tr(c.l, "实施期") }</th>
                <th scope="col" colspan="2">{ tr(c.l, "年度") }{ " " }{ take_project }</th>
            </tr>
            { for FundPart::ALL.iter().map(|p| html! {
                <tr>
                    <td>{ translate(c.l, &fund_label(*p, Side::Period)) }</td><td>{ amount(Side::Period, *p) }</td>
                    <td>{ translate(c.l, &fund_label(*p, Side::Annual)) }</td><td>{ amount(Side::Annual, *p) }</td>
                </tr>
            }) }
        </>
    }
}

fn kind_select(
    l: Lang,
    chosen: IndicatorKind,
    label: String,
    disabled: bool,
    onchange: Callback<Event>,
) -> Html {
    html! {
        <select aria-label={label} disabled={disabled} onchange={onchange}>
            { for IndicatorKind::ALL.iter().map(|k| html! {
                <option value={k.key()} selected={*k == chosen}>
                    { format!("{} · {}", tr(l, k.level1().label()), tr(l, k.label())) }
                </option>
            }) }
        </select>
    }
}

/// Moves indicator `j` of `side` one place up or down among those of its 二级指标.
fn move_indicator(g: &mut GoalForm, side: Side, j: usize, up: bool) {
    let list = g.indicators_mut(side);
    let Some(kind) = list.get(j).map(|x| x.kind) else {
        return;
    };
    let other = if up { j.checked_sub(1) } else { Some(j + 1) };
    if let Some(o) = other.filter(|o| list.get(*o).is_some_and(|x| x.kind == kind)) {
        list.swap(j, o);
    }
}

/// One indicator: its 二级指标, name, value and the buttons that move or remove it.
fn indicator_row(c: &Ctx, side: Side, j: usize, x: &Indicator) -> Html {
    let l = c.l;
    let key = format!("{}[{j}]", side.indicators_key());
    let set = |what: &'static str, f: fn(&mut Indicator, String)| {
        let c = c.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            c.update(what, |g| {
                if let Some(x) = g.indicators_mut(side).get_mut(j) {
                    f(x, v)
                }
            })
        })
    };
    let on_kind = {
        let c = c.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = IndicatorKind::from_label(&select_value(&e)) {
                c.update("二级指标", |g| {
                    if let Some(x) = g.indicators_mut(side).get_mut(j) {
                        x.kind = k
                    }
                })
            }
        })
    };
    let button = |text: &'static str, label: &'static str, f: Box<dyn Fn(&mut GoalForm)>| {
        let disabled = !c.editable;
        let c = c.clone();
        let f = std::rc::Rc::new(f);
        let onclick = Callback::from(move |_: MouseEvent| c.update("绩效指标", |g| f(g)));
        html! { <button type="button" onclick={onclick} disabled={disabled}
        aria-label={tf(l, label, &[&x.name])}>{ text }</button> }
    };
    let who = tf(l, "{}的二级指标", &[&x.name]);
    html! {
        <tr key={key.clone()} data-testid={field_id(&key)}>
            <td>{ kind_select(l, x.kind, who, !c.editable, on_kind) }</td>
            <td><input id={field_id(&key)} key={x.name.clone()} value={x.name.clone()} lang="zh-CN"
                aria-label={tr(l, "三级指标")} maxlength="2000" disabled={!c.editable}
                onchange={set("三级指标", |x, v| x.name = v)} /></td>
            <td><input key={x.value.clone()} value={x.value.clone()} lang="zh-CN" class="goal-value"
                aria-label={tf(l, "“{}”的指标值", &[&x.name])} maxlength="2000" disabled={!c.editable}
                onchange={set("指标值", |x, v| x.value = v)} /></td>
            <td class="actions">
                { button("↑", "上移“{}”", Box::new(move |g| move_indicator(g, side, j, true))) }
                { button("↓", "下移“{}”", Box::new(move |g| move_indicator(g, side, j, false))) }
                { button("✕", "删除“{}”", Box::new(move |g| {
                    if j < g.indicators(side).len() { g.indicators_mut(side).remove(j); }
                })) }
            </td>
        </tr>
    }
}

/// One side's indicators and the row that adds one.
fn indicators_side(c: &Ctx, side: Side, new_kind: &UseStateHandle<IndicatorKind>) -> Html {
    let l = c.l;
    let add = {
        let (c, kind) = (c.clone(), new_kind.clone());
        Callback::from(move |_: MouseEvent| {
            c.update("绩效指标", |g| {
                g.indicators_mut(side).push(Indicator {
                    kind: *kind,
                    name: "新指标".into(),
                    value: String::new(),
                })
            })
        })
    };
    let on_kind = {
        let kind = new_kind.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = IndicatorKind::from_label(&select_value(&e)) {
                kind.set(k)
            }
        })
    };
    let caption = tf(l, "绩效指标（{}）", &[&tr(l, side.label())]);
    html! {
        <table class="goal-indicators" id={field_id(side.indicators_key())} tabindex="-1"
            data-testid={field_id(side.indicators_key())}>
            <caption>{ caption.clone() }</caption>
            <thead><tr>
                <th scope="col">{ tr(l, "一级 · 二级指标") }</th><th scope="col">{ tr(l, "三级指标") }</th>
                <th scope="col">{ tr(l, "指标值") }</th><th scope="col"></th>
            </tr></thead>
            <tbody>
                { for c.form.indicators(side).iter().enumerate().map(|(j, x)| indicator_row(c, side, j, x)) }
                if c.form.indicators(side).is_empty() {
                    <tr><td colspan="4" class="empty">{ tr(l, "还没有指标：选择二级指标后点“添加指标”。") }</td></tr>
                }
            </tbody>
            if c.editable {
                <tfoot><tr><td colspan="4">
                    { kind_select(l, **new_kind, tf(l, "新指标的二级指标（{}）", &[&tr(l, side.label())]), false, on_kind) }
                    <button type="button" onclick={add} data-testid={format!("goal-add-{}", side.indicators_key())}>
                        { tr(l, "添加指标") }</button>
                </td></tr></tfoot>
            }
        </table>
    }
}

/// 删除此表, 年度指标照抄实施期, copying another form's texts and indicators, back to the list.
fn form_actions(c: &Ctx) -> Html {
    let l = c.l;
    let state = &c.state;
    let back = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::OpenGoal(None, None)))
    };
    let remove = {
        let (state, at, name) = (state.clone(), c.at, c.form.display_name().to_string());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::OpenGoal(None, None));
            state.dispatch(Action::Apply(
                Command::RemoveGoal(at),
                Some(format!("删除绩效目标表“{name}”")),
            ));
        })
    };
    let same = {
        let c = c.clone();
        Callback::from(move |_: MouseEvent| {
            c.update("年度绩效指标", |g| {
                g.indicators_annual = g.indicators_period.clone()
            })
        })
    };
    let sources = copy_sources(state);
    let copy = {
        let (c, sources) = (c.clone(), sources.clone());
        Callback::from(move |e: Event| {
            let Some(src) = select_value(&e)
                .parse::<usize>()
                .ok()
                .and_then(|i| sources.get(i))
            else {
                return;
            };
            let src = src.1.clone();
            c.update("文字和指标", |g| {
                for f in GoalText::ALL.into_iter().filter(|f| f.long()) {
                    *g.text_mut(f) = src.text(f).to_string();
                }
                g.attribute = src.attribute.clone();
                g.period = src.period.clone();
                g.indicators_period = src.indicators_period.clone();
                g.indicators_annual = src.indicators_annual.clone();
            })
        })
    };
    html! {
        <div class="goal-actions">
            <button type="button" onclick={back} data-testid="goal-back">{ tr(l, "← 返回项目列表") }</button>
            if c.editable {
                <button type="button" onclick={same} data-testid="goal-same">{ tr(l, "年度指标照抄实施期") }</button>
                <label>{ tr(l, "复制另一张表的文字和指标（资金不复制）：") }
                    <select onchange={copy} data-testid="goal-copy">
                        <option value="" selected=true>{ tr(l, "选择…") }</option>
                        { for sources.iter().enumerate().map(|(i, (label, _))| html! {
                            <option value={i.to_string()} lang="zh-CN">{ label.clone() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" class="danger" onclick={remove} data-testid="goal-remove">{ tr(l, "删除此表") }</button>
            }
        </div>
    }
}

/// Every form of every scenario, labelled “方案 · 项目”.
fn copy_sources(state: &UseReducerHandle<State>) -> std::rc::Rc<Vec<(String, GoalForm)>> {
    let ws = state.ws.borrow();
    std::rc::Rc::new(
        ws.scenarios()
            .iter()
            .flat_map(|s| {
                s.budget
                    .goals
                    .iter()
                    .map(move |g| (format!("{} · {}", s.name, g.display_name()), g.clone()))
            })
            .collect(),
    )
}

/// Brings a check's place into view and focuses its control.
#[hook]
fn use_focus(state: &UseReducerHandle<State>) {
    let focus = state.goal_focus.clone();
    use_effect_with((state.goal_open, focus), move |(_, focus)| {
        let el = focus.as_ref().and_then(|key| {
            let doc = web_sys::window()?.document()?;
            let el = doc.get_element_by_id(&field_id(key))?;
            let target = el
                .query_selector("input,select,textarea")
                .ok()
                .flatten()
                .unwrap_or(el);
            target.dyn_into::<HtmlElement>().ok()
        });
        if let Some(el) = el {
            el.scroll_into_view();
            let _ = el.focus();
        }
    });
}

#[function_component(FormEditor)]
pub fn form_editor(props: &FormProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let new_period = use_state(|| IndicatorKind::Quantity);
    let new_annual = use_state(|| IndicatorKind::Quantity);
    use_focus(state);
    // Borrowed, not copied: a budget may have 10,000 lines.
    let b = state.budget();
    let Some(form) = b.goals.get(props.at).cloned() else {
        return html! {};
    };
    let links = links(&b);
    let project = links.form_project[props.at].map(|p| &links.projects[p]);
    let problems: Vec<(String, String)> = form_findings(&b, &links)
        .into_iter()
        .filter(|(_, r)| r.form == props.at)
        .map(|(m, r)| (m, r.field))
        .collect();
    let c = Ctx {
        state: state.clone(),
        at: props.at,
        form,
        l,
        editable: state.mode.editable(),
    };
    let projects: Vec<String> = links.projects.iter().map(|p| p.name.to_string()).collect();
    html! {
        <section class="goal-form" data-testid="goal-form">
            { form_actions(&c) }
            <h2 lang="zh-CN">{ tf(l, "第{}张 项目支出绩效目标表：{}", &[&(c.at + 1), &c.form.display_name()]) }</h2>
            { problem_list(state, &problems) }
            <datalist id="goal-attributes">
                <option value="一次性项目（1年结束）" /><option value="经常性项目（长期开展）" />
                <option value="延续性项目（跨年度）" />
            </datalist>
            <table class="goal-sheet">
                { wide_row(&c, GoalText::Project, project_select(&c, &projects)) }
                { wide_row(&c, GoalText::Title, text_input(&c, GoalText::Title, None)) }
                { pair_row(&c, GoalText::Department, GoalText::Implementer) }
                <tr>
                    <th scope="row"><label for={field_id("attribute")}>{ tr(l, "项目属性") }</label></th>
                    <td colspan="2">{ text_input(&c, GoalText::Attribute, Some("goal-attributes")) }</td>
                    <th scope="row"><label for={field_id("period")}>{ tr(l, "项目期") }</label></th>
                    <td>{ text_input(&c, GoalText::Period, None) }</td>
                </tr>
                { funds_rows(&c, project.map(|p| p.annual())) }
                { for [GoalText::Overview, GoalText::Basis, GoalText::Necessity, GoalText::Measures, GoalText::Plan]
                    .into_iter().map(|f| wide_row(&c, f, text_area(&c, f))) }
                <tr>
                    <th scope="row">{ tr(l, "总体目标") }</th>
                    <td colspan="2"><label for={field_id("goal_period")}>{ tr(l, "实施期目标") }</label>{ text_area(&c, GoalText::GoalPeriod) }</td>
                    <td colspan="2"><label for={field_id("goal_annual")}>{ tr(l, "年度目标") }</label>{ text_area(&c, GoalText::GoalAnnual) }</td>
                </tr>
                { pair_row(&c, GoalText::Manager, GoalText::Clerk) }
                { pair_row(&c, GoalText::Phone, GoalText::Date) }
            </table>
            <div class="goal-indicator-sides">
                { indicators_side(&c, Side::Period, &new_period) }
                { indicators_side(&c, Side::Annual, &new_annual) }
            </div>
        </section>
    }
}

fn pair_row(c: &Ctx, a: GoalText, b: GoalText) -> Html {
    html! {
        <tr>
            <th scope="row"><label for={field_id(a.key())}>{ tr(c.l, a.label()) }</label></th>
            <td colspan="2">{ text_input(c, a, None) }</td>
            <th scope="row"><label for={field_id(b.key())}>{ tr(c.l, b.label()) }</label></th>
            <td>{ text_input(c, b, None) }</td>
        </tr>
    }
}

/// What the checks found on this form, each a button to the field.
fn problem_list(state: &UseReducerHandle<State>, problems: &[(String, String)]) -> Html {
    let l = state.lang;
    if problems.is_empty() {
        return html! { <p class="ok" data-testid="goal-complete">{ tr(l, "此表检查通过。") }</p> };
    }
    html! {
        <ul class="checks goal-problems" data-testid="goal-problems">
            { for problems.iter().map(|(m, field)| {
                let onclick = {
                    let (state, field) = (state.clone(), field.clone());
                    Callback::from(move |_: MouseEvent| {
                        state.dispatch(Action::OpenGoal(state.goal_open, Some(field.clone())))
                    })
                };
                let text = translate(l, m);
                html! { <li class="warning"><button type="button" onclick={onclick}
                    lang={crate::ui::shared::official(&text)}>{ text }</button></li> }
            }) }
        </ul>
    }
}
