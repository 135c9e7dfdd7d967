//! The fund sources with their income beside their spending, and adding a source.

use crate::core::domain::command::Command;
use crate::core::domain::model::{FundSource, Income, SourceKind};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::summary::SourceStatus;
use crate::core::present::i18n::{tf, tr, Lang};
use crate::ui::amount::AmountInput;
use crate::ui::shared::{
    add_by_name, add_row_html, apply, choose, error_callback, rename_on_change, select_value,
    AddRow, ViewProps,
};
use crate::ui::state::State;
use yew::prelude::*;

/// Which part of an income entry a field sets.
#[derive(Clone, Copy, PartialEq)]
enum Part {
    Current,
    Carry,
    Prior,
}

/// The income entry of a source (of the unit shown) with one part changed.
fn income_with(s: &SourceStatus, unit: Option<String>, part: Part, v: Option<Money>) -> Income {
    let mut i = Income {
        source: s.id.clone(),
        current: s.income_current,
        carry_over: s.income_carry,
        prior: s.income_prior,
        unit,
    };
    match part {
        Part::Current => i.current = v.unwrap_or_default(),
        Part::Carry => i.carry_over = v.unwrap_or_default(),
        Part::Prior => i.prior = v,
    }
    i
}

fn income_field(state: &UseReducerHandle<State>, s: &SourceStatus, part: Part) -> Html {
    let l = state.lang;
    let (value, what, col, optional) = match part {
        Part::Current => (Some(s.income_current), "本年收入", "income-current", false),
        Part::Carry => (Some(s.income_carry), "上年结转", "income-carry", false),
        Part::Prior => (s.income_prior, "上年预算数", "income-prior", true),
    };
    // 收入随支出 sets 本年收入 and 上年结转: they show, but are not typed; a department's
    // income is typed for one 预算单位 at a time.
    let follows = part != Part::Prior && state.budget().income_follows_spending;
    if follows || !income_editable(state) {
        return html! {
            <span data-testid={format!("{col}-{}", s.id)} title={tr(l, "收入随支出：等于该来源的支出")}>
                { value.unwrap_or_default().display(state.unit) }
            </span>
        };
    }
    let on_commit = {
        let (state, s) = (state.clone(), s.clone());
        Callback::from(move |v: Option<Money>| {
            let label = format!("修改“{}”的{what}", s.name);
            let unit = state.unit_view.clone();
            apply(
                &state,
                Command::SetIncome(income_with(&s, unit, part, v)),
                label,
            );
        })
    };
    html! {
        <AmountInput value={value} unit={state.unit} optional={optional}
            label={tf(l, "{}：{}", &[&s.name, &tr(l, what)])} col={col}
            labelledby={Some(AttrValue::from(format!("srcname-{} income-{col}", s.id)))}
            testid={Some(AttrValue::from(format!("{col}-{}", s.id)))}
            on_commit={on_commit} on_error={error_callback(state)} lang={l} />
    }
}

/// Whether income can be typed here: always in a 单位预算; in a department of several
/// units only with one unit shown (income belongs to a unit).
pub(crate) fn income_editable(state: &State) -> bool {
    state.unit_view.is_some() || state.budget().units.len() <= 1
}

fn gap_text(m: Money, unit: Unit, l: Lang) -> Html {
    if m.is_zero() {
        return html! { <span class="ok">{ tr(l, "平衡") }</span> };
    }
    let (class, word) = if m.is_negative() {
        ("bad", "收入不足")
    } else {
        ("warn", "收入多出")
    };
    html! { <span class={class}>{ tf(l, "{} {}", &[&tr(l, word), &m.abs().display(unit)]) }</span> }
}

fn kind_select(state: &UseReducerHandle<State>, s: &SourceStatus) -> Html {
    let l = state.lang;
    let onchange = {
        let (state, id, name) = (state.clone(), s.id.clone(), s.name.clone());
        Callback::from(move |e: Event| {
            if let Some(kind) = SourceKind::from_key(&select_value(&e)) {
                let label = format!("修改“{name}”的类型");
                apply(
                    &state,
                    Command::SetSourceKind {
                        id: id.clone(),
                        kind,
                    },
                    label,
                );
            }
        })
    };
    html! {
        <select aria-labelledby={format!("srcname-{} income-kind", s.id)} onchange={onchange}>
            { for SourceKind::ALL.iter().map(|k| html! {
                <option value={k.key()} selected={*k == s.kind}>{ tr(l, k.label()) }</option>
            }) }
        </select>
    }
}

fn name_input(state: &UseReducerHandle<State>, s: &SourceStatus) -> Html {
    let l = state.lang;
    let id = s.id.clone();
    let onchange = rename_on_change(state, "资金来源", s.name.clone(), move |name| {
        Command::RenameSource {
            id: id.clone(),
            name,
        }
    });
    html! {
        <input class="source-name" lang="zh-CN" key={s.name.clone()} value={s.name.clone()}
            id={format!("srcname-{}", s.id)} aria-label={tr(l, "资金来源名称")} maxlength="2000" onchange={onchange}
            data-testid={format!("source-name-{}", s.id)} />
    }
}

fn row_actions(state: &UseReducerHandle<State>, s: &SourceStatus, at: usize, n: usize) -> Html {
    let l = state.lang;
    let act = |cmd: Command, label: String| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| apply(&state, cmd.clone(), label.clone()))
    };
    let id = s.id.clone();
    let up = act(
        Command::MoveSource {
            id: id.clone(),
            to: at.saturating_sub(1),
        },
        format!("资金来源“{}”上移", s.name),
    );
    let down = act(
        Command::MoveSource {
            id: id.clone(),
            to: at + 1,
        },
        format!("资金来源“{}”下移", s.name),
    );
    let remove = act(
        Command::RemoveSource(id),
        format!("删除资金来源“{}”", s.name),
    );
    html! {
        <td class="actions">
            <button type="button" onclick={up} disabled={at == 0}
                aria-label={tr(l, "上移")} aria-describedby={format!("srcname-{}", s.id)}>{ "↑" }</button>
            <button type="button" onclick={down} disabled={at + 1 >= n}
                aria-label={tr(l, "下移")} aria-describedby={format!("srcname-{}", s.id)}>{ "↓" }</button>
            <button type="button" onclick={remove} data-testid={format!("source-remove-{}", s.id)}
                aria-describedby={format!("srcname-{}", s.id)}>{ tr(l, "删除") }</button>
        </td>
    }
}

fn source_row(props: &ViewProps, s: &SourceStatus, at: usize) -> Html {
    let state = &props.state;
    let (l, unit) = (state.lang, state.unit);
    let editable = state.mode.editable();
    let n = props.report.summary.sources.len();
    let money = |m: Money| m.display(unit);
    html! {
        <tr key={s.id.clone()} data-source={s.id.clone()}>
            if editable {
                <td>{ name_input(state, s) }</td>
                <td>{ kind_select(state, s) }</td>
                <td class="num">{ income_field(state, s, Part::Current) }</td>
                <td class="num">{ income_field(state, s, Part::Carry) }</td>
                <td class="num">{ income_field(state, s, Part::Prior) }</td>
            } else {
                <td lang="zh-CN" id={format!("srcname-{}", s.id)}>{ &s.name }</td>
                <td>{ tr(l, s.kind.label()) }</td>
                <td class="num">{ money(s.income_current) }</td>
                <td class="num">{ money(s.income_carry) }</td>
                <td class="num">{ s.income_prior.map(money).unwrap_or_default() }</td>
            }
            <td class="num">{ money(s.spent_current) }</td>
            <td class="num">{ money(s.spent_carry) }</td>
            <td data-testid={format!("source-gap-{}", s.id)}>{ gap_text(s.current_gap(), unit, l) }</td>
            <td>{ gap_text(s.carry_gap(), unit, l) }</td>
            if editable { { row_actions(state, s, at, n) } }
        </tr>
    }
}

/// The totals row: every source together.
fn total_row(props: &ViewProps) -> Html {
    let state = &props.state;
    let (l, unit) = (state.lang, state.unit);
    let all = &props.report.summary.sources;
    let sum = |f: fn(&SourceStatus) -> Money| all.iter().map(f).sum::<Money>();
    let (ic, ik, sc, sk) = (
        sum(|s| s.income_current),
        sum(|s| s.income_carry),
        sum(|s| s.spent_current),
        sum(|s| s.spent_carry),
    );
    html! {
        <tr class="total">
            <th scope="row" colspan="2">{ tr(l, "合计") }</th>
            <td class="num">{ ic.display(unit) }</td>
            <td class="num">{ ik.display(unit) }</td>
            <td></td>
            <td class="num">{ sc.display(unit) }</td>
            <td class="num">{ sk.display(unit) }</td>
            <td>{ gap_text(ic - sc, unit, l) }</td>
            <td>{ gap_text(ik - sk, unit, l) }</td>
            if state.mode.editable() { <td></td> }
        </tr>
    }
}

/// A new source: its name and kind; Enter in the name adds it.
#[function_component(AddSource)]
fn add_source(props: &crate::ui::shared::StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let name_ref = use_node_ref();
    let kind = use_state(|| SourceKind::NonFiscal);
    let (onclick, onkeydown) = add_by_name(&name_ref, {
        let (state, kind) = (state.clone(), kind.clone());
        move |name| {
            let (id, at) = {
                let b = state.budget();
                (b.new_source_id(), b.sources.len())
            };
            let label = format!("新增资金来源“{name}”");
            let source = FundSource {
                id,
                name,
                kind: *kind,
            };
            apply(&state, Command::AddSource { at, source }, label);
        }
    });
    let kinds = SourceKind::ALL
        .iter()
        .map(|k| (k.key(), k.label(), *k == *kind))
        .collect();
    let row = AddRow {
        placeholder: "新资金来源名称，如 事业收入",
        name_label: "新资金来源名称",
        kind_label: "新资金来源类型",
        button: "新增资金来源",
        it: "source",
        kind_id: "kind",
    };
    add_row_html(
        l,
        &row,
        &name_ref,
        kinds,
        choose(&kind, SourceKind::from_key),
        (onclick, onkeydown),
    )
}

#[function_component(SourcesTable)]
pub fn sources_table(props: &ViewProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    let unit = state.unit;
    let editable = state.mode.editable();
    html! {
        <section class="sources" aria-label={tr(l, "资金来源与收入")}>
            <h3>{ tf(l, "资金来源与收入（{}）", &[&tr(l, unit.label())]) }</h3>
            <table class="income-table" data-testid="sources">
                <thead>
                    <tr>
                        <th scope="col">{ tr(l, "资金来源") }</th>
                        <th scope="col" id="income-kind">{ tr(l, "类型") }</th>
                        <th scope="col" id="income-income-current">{ tr(l, "本年收入") }</th>
                        <th scope="col" id="income-income-carry">{ tr(l, "上年结转") }</th>
                        <th scope="col" id="income-income-prior">{ tr(l, "上年预算数") }</th>
                        <th scope="col">{ tr(l, "当年支出") }</th>
                        <th scope="col">{ tr(l, "上年结转支出") }</th>
                        <th scope="col">{ tr(l, "当年收支") }</th>
                        <th scope="col">{ tr(l, "结转收支") }</th>
                        if editable { <th scope="col">{ tr(l, "操作") }</th> }
                    </tr>
                </thead>
                <tbody>
                    { for props.report.summary.sources.iter().enumerate().map(|(i, s)| source_row(props, s, i)) }
                    { total_row(props) }
                </tbody>
            </table>
            if editable { <AddSource state={state.clone()} /> }
            if editable && !income_editable(state) {
                <p class="muted" data-testid="income-per-unit">{ tr(l, "部门预算的收入按预算单位填写：请在页首选择一个预算单位。") }</p>
            }
        </section>
    }
}
