//! 基本支出测算 tab (tab id `staffing`, issue 23): a 预算单位's model — settings, staff
//! rows with their monthly pay items, contribution rates, 公用经费定额 and its split — and
//! the 基本支出 lines it gives, each with its formula. Every change is one `SetStaffModel`
//! (one undo step; the lines in 明细 and every figure follow at once); a value that does not
//! read is refused with a message and nothing changes.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::command::Command;
use crate::core::domain::model::SourceKind;
use crate::core::domain::money::{Money, Unit};
use crate::core::domain::staffing::{
    amounts, compute, parse_rate, Extra, Quota, Staff, StaffCategory, StaffModel,
};
use crate::core::present::i18n::{tf, tr};
use crate::ui::shared::{official, StateProps};
use crate::ui::state::{Action, State};
use rust_decimal::Decimal;
use yew::prelude::*;

mod edit;
mod levers;
mod payroll;

use edit::{apply, on_check, on_field, on_model, refuse, unit_of};

type Edit = fn(&mut StaffModel, &str) -> Result<(), String>;

/// Staff rows shown as fields (and lines explained part by part) up to this many.
const SHOWN_ROWS: usize = 500;

fn amount(text: &str) -> Result<Money, String> {
    if text.is_empty() {
        return Ok(Money::ZERO);
    }
    let m = Money::parse_in(text, Unit::Yuan).map_err(|e| e.to_string())?;
    if m.is_negative() {
        return Err(format!("金额{text}不能为负数"));
    }
    Ok(m)
}

fn optional_amount(text: &str) -> Result<Option<Money>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    amount(text).map(Some)
}

fn whole(text: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, String> {
    text.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "{what}应为{}到{}的整数：“{text}”",
                range.start(),
                range.end()
            )
        })
}

/// 年终一次性奖金 in months of 基本工资: 0 to 12, at most two decimals.
fn bonus_months(text: &str) -> Result<Decimal, String> {
    crate::core::domain::money::parse_number(text)
        .filter(|d| !d.is_sign_negative() && *d <= Decimal::from(12) && d.scale() <= 2)
        .ok_or_else(|| format!("年终一次性奖金的月数“{text}”应为0到12的数"))
}

/// Pay items named in a list (“职务/岗位工资、级别/薪级工资”) as their ids.
fn item_ids(m: &StaffModel, text: &str) -> Result<Vec<String>, String> {
    text.split(['、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            m.pay_items
                .iter()
                .find(|p| p.name == t || p.id == t)
                .map(|p| p.id.clone())
                .ok_or_else(|| format!("没有名为“{t}”的工资项目"))
        })
        .collect()
}

fn function(text: &str) -> Result<FunctionCode, String> {
    FunctionCode::parse_typed(text).map_err(|e| e.to_string())
}

fn money_text(m: Money) -> String {
    if m.is_zero() {
        String::new()
    } else {
        m.field_text(Unit::Yuan)
    }
}

/// A new model for the unit on screen, with the defaults for its type.
fn create(state: &UseReducerHandle<State>) -> Callback<MouseEvent> {
    let state = state.clone();
    Callback::from(move |_: MouseEvent| {
        let b = state.budget();
        let unit = unit_of(&state);
        let kind = b
            .units
            .iter()
            .find(|u| Some(&u.id) == unit.as_ref())
            .or(b.units.first())
            .map(|u| u.kind)
            .unwrap_or_default();
        let source = b
            .sources
            .iter()
            .find(|s| s.kind == SourceKind::GeneralPublic)
            .or(b.sources.first())
            .map(|s| s.id.clone());
        let Some(source) = source else {
            refuse(&state, "请先添加资金来源".into());
            return;
        };
        let running = b
            .lines
            .iter()
            .find(|l| l.economic.map(|e| e.class().to_string()) == Some("301".into()))
            .and_then(|l| l.function)
            .or_else(|| FunctionCode::parse("2010301").ok());
        let Some(running) = running else { return };
        let mut m = StaffModel::new(kind, &source, running);
        m.staff.push(Staff {
            name: String::new(),
            category: StaffCategory::Administrative,
            count: 1,
            months: 12,
            from: None,
            monthly: Default::default(),
        });
        drop(b);
        apply(&state, Some(m), "建立基本支出测算");
    })
}

fn settings(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    let field = |label: &'static str, value: String, testid: &'static str, edit: Edit| {
        html! {
            <label class="amount-field">
                <span>{ tr(l, label) }</span>
                <input value={value} data-testid={testid} aria-label={tr(l, label)}
                    onchange={on_field(state, "修改基本支出测算", edit)} />
            </label>
        }
    };
    let opt = |m: Option<Money>| m.map(money_text).unwrap_or_default();
    let rate = |r: Option<Decimal>| r.map(|r| format!("{}%", r.normalize())).unwrap_or_default();
    html! {
        <div class="procurement-fields">
            { field("人员和公用经费的功能分类（行政运行/事业运行）", m.running.to_string(), "staffing-running",
                |m, t| { m.running = function(t)?; Ok(()) }) }
            { field("社会平均工资（月，元）", opt(m.average_wage), "staffing-average",
                |m, t| { m.average_wage = optional_amount(t)?; Ok(()) }) }
            { field("工会经费比例", rate(m.union_rate), "staffing-union",
                |m, t| { m.union_rate = if t.is_empty() { None } else { Some(parse_rate(t)?) }; Ok(()) }) }
            { field("福利费（每人每年，元）", opt(m.welfare_per_person), "staffing-welfare",
                |m, t| { m.welfare_per_person = optional_amount(t)?; Ok(()) }) }
            { field("年终一次性奖金（基本工资的月数）", m.bonus_months.normalize().to_string(), "staffing-bonus",
                |m, t| { m.bonus_months = bonus_months(t)?; Ok(()) }) }
            { field("离退休费的功能分类（空白：按单位类型）", m.retirement.map(|c| c.to_string()).unwrap_or_default(), "staffing-retirement",
                |m, t| { m.retirement = if t.is_empty() { None } else { Some(function(t)?) }; Ok(()) }) }
            { field("编制数", m.establishment.map(|n| n.to_string()).unwrap_or_default(), "staffing-establishment",
                |m, t| { m.establishment = if t.is_empty() { None } else { Some(whole(t, "编制数", 0..=1_000_000)?) }; Ok(()) }) }
        </div>
    }
}

/// The pay items: name, economic code, whether it counts as 基本工资, ✕ (its amounts, bases
/// and 调资 go with it), and a row to add one.
fn pay_items(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    let row = |i: usize, p: &crate::core::domain::staffing::PayItem| {
        let n = (i + 1).to_string();
        let name = on_field(state, "修改工资项目", move |m, t| {
            if t.is_empty() {
                return Err("工资项目的名称不能为空".into());
            }
            m.pay_items.get_mut(i).ok_or("工资项目不存在")?.name = t.chars().take(40).collect();
            Ok(())
        });
        let code = on_field(state, "修改工资项目", move |m, t| {
            m.pay_items.get_mut(i).ok_or("工资项目不存在")?.economic =
                EconCode::parse(t).map_err(|e| e.to_string())?;
            Ok(())
        });
        let basic = on_check(state, "修改工资项目", move |m, v| {
            m.pay_items.get_mut(i).ok_or("工资项目不存在")?.basic = v;
            Ok(())
        });
        let remove = on_model(state, "删除工资项目", move |m| {
            if i < m.pay_items.len() {
                let id = m.pay_items.remove(i).id;
                for s in &mut m.staff {
                    s.monthly.remove(&id);
                }
                for c in &mut m.contributions {
                    c.base.retain(|b| *b != id);
                }
                m.pay_changes.retain(|c| c.item != id);
            }
        });
        html! {
            <tr data-testid="pay-item">
                <td><input value={p.name.clone()} lang="zh-CN" aria-label={tf(l, "第{}个工资项目的名称", &[&n])} onchange={name} /></td>
                <td><input value={p.economic.to_string()} aria-label={tf(l, "第{}个工资项目的经济分类", &[&n])} onchange={code} /></td>
                <td><input type="checkbox" checked={p.basic} aria-label={tf(l, "第{}个工资项目计入基本工资", &[&n])} onchange={basic} /></td>
                <td><button type="button" onclick={remove} aria-label={tf(l, "删除第{}个工资项目", &[&n])}>{ "✕" }</button></td>
            </tr>
        }
    };
    let add = on_model(state, "添加工资项目", |m| {
        let id = (1..)
            .map(|k| format!("item{k}"))
            .find(|id| !m.pay_items.iter().any(|p| &p.id == id))
            .unwrap_or_default();
        if let Ok(economic) = EconCode::parse("30199") {
            m.pay_items.push(crate::core::domain::staffing::PayItem {
                name: "其他工资福利".into(),
                id,
                economic,
                basic: false,
            });
        }
    });
    html! {
        <>
            <table class="staffing-table" data-testid="pay-items">
                <thead><tr><th>{ tr(l, "工资项目") }</th><th>{ tr(l, "经济分类") }</th><th>{ tr(l, "计入基本工资") }</th><th /></tr></thead>
                <tbody>{ for m.pay_items.iter().enumerate().map(|(i, p)| row(i, p)) }</tbody>
            </table>
            <button type="button" onclick={add} data-testid="pay-item-add">{ tr(l, "添加工资项目") }</button>
        </>
    }
}

/// One staff row: name, category, people, months, each pay item's monthly amount, ✕.
fn staff_row(state: &UseReducerHandle<State>, m: &StaffModel, at: usize) -> Html {
    let l = state.lang;
    let s = &m.staff[at];
    let edit_row = move |label: &'static str, f: fn(&mut Staff, &str) -> Result<(), String>| {
        on_field(state, label, move |m, t| {
            let row = m.staff.get_mut(at).ok_or("人员行不存在")?;
            f(row, t)
        })
    };
    let remove = on_model(state, "删除测算人员", move |m| {
        if at < m.staff.len() {
            m.staff.remove(at);
        }
    });
    let n = (at + 1).to_string();
    html! {
        <tr data-testid="staff-row">
            <td><input value={s.name.clone()} aria-label={tf(l, "第{}行人员的名称", &[&n])} data-testid="staff-name"
                onchange={edit_row("修改测算人员", |s, t| { s.name = t.to_string(); Ok(()) })} /></td>
            <td><select aria-label={tf(l, "第{}行人员的类别", &[&n])} data-testid="staff-category"
                onchange={edit_row("修改测算人员", |s, t| {
                    s.category = StaffCategory::ALL.into_iter().find(|c| c.label() == t).ok_or("未知的人员类别")?;
                    Ok(())
                })}>
                { for StaffCategory::ALL.into_iter().map(|c| html! {
                    <option value={c.label()} selected={c == s.category} lang="zh-CN">{ c.label() }</option>
                }) }
            </select></td>
            <td><input class="num" value={s.count.to_string()} aria-label={tf(l, "第{}行的人数", &[&n])} data-testid="staff-count"
                onchange={edit_row("修改测算人数", |s, t| { s.count = whole(t, "人数", 0..=1_000_000)?; Ok(()) })} /></td>
            <td><input class="num" value={s.months.to_string()} aria-label={tf(l, "第{}行的月数", &[&n])} data-testid="staff-months"
                onchange={edit_row("修改测算月数", |s, t| { s.months = whole(t, "月数", 1..=12)? as u8; Ok(()) })} /></td>
            <td><input class="num" value={s.from.map(|f| f.to_string()).unwrap_or_default()} placeholder={s.first_month().to_string()}
                aria-label={tf(l, "第{}行的起始月", &[&n])} data-testid="staff-from"
                onchange={edit_row("修改测算起始月", |s, t| { s.from = if t.is_empty() { None } else { Some(whole(t, "起始月", 1..=12)? as u8) }; Ok(()) })} /></td>
            { for m.pay_items.iter().map(|item| {
                let id = item.id.clone();
                let value = s.monthly.get(&id).copied().map(money_text).unwrap_or_default();
                let onchange = on_field(state, "修改测算工资", move |m, t| {
                    let row = m.staff.get_mut(at).ok_or("人员行不存在")?;
                    let v = amount(t)?;
                    if v.is_zero() { row.monthly.remove(&id); } else { row.monthly.insert(id.clone(), v); }
                    Ok(())
                });
                let label = tf(l, "第{}行的{}", &[&n, &item.name]);
                html! { <td><input class="num" value={value} onchange={onchange} lang={official(&label)}
                    aria-label={label.clone()} data-testid={format!("staff-pay-{}", item.id)} /></td> }
            }) }
            <td><button type="button" onclick={remove} aria-label={tf(l, "删除第{}行人员", &[&n])}>{ "✕" }</button></td>
        </tr>
    }
}

fn staff_table(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    let add = on_model(state, "添加测算人员", |m| {
        let category = m
            .staff
            .last()
            .map(|s| s.category)
            .unwrap_or(StaffCategory::Administrative);
        m.staff.push(Staff {
            name: String::new(),
            category,
            count: 1,
            months: 12,
            from: None,
            monthly: Default::default(),
        });
    });
    html! {
        <>
            <table class="staffing-table" data-testid="staff-table">
                <thead><tr>
                    <th>{ tr(l, "名称") }</th><th>{ tr(l, "人员类别") }</th><th>{ tr(l, "人数") }</th><th>{ tr(l, "月数") }</th>
                    <th title={tr(l, "空白：月数截至12月（如月数6即7月起）")}>{ tr(l, "起始月") }</th>
                    { for m.pay_items.iter().map(|p| html! { <th lang="zh-CN">{ format!("{}（{}）", p.name, p.economic) }</th> }) }
                    <th />
                </tr></thead>
                <tbody>{ for (0..m.staff.len().min(SHOWN_ROWS)).map(|i| staff_row(state, m, i)) }</tbody>
            </table>
            if m.staff.len() > SHOWN_ROWS {
                <p class="muted">{ tf(l, "共{}行人员，这里显示前{}行；全部计入测算。", &[&m.staff.len(), &SHOWN_ROWS]) }</p>
            }
            <p class="actions">
                <button type="button" onclick={add} data-testid="staff-add">{ tr(l, "添加人员行") }</button>
                { payroll::chooser(state) }
            </p>
        </>
    }
}

fn contributions(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    html! {
        <table class="staffing-table" data-testid="staffing-rates">
            <thead><tr><th>{ tr(l, "缴费项目") }</th><th>{ tr(l, "经济分类") }</th><th>{ tr(l, "费率") }</th>
                <th>{ tr(l, "缴费基数（工资项目）") }</th><th>{ tr(l, "含年终奖") }</th><th>{ tr(l, "功能分类") }</th></tr></thead>
            <tbody>
                { for m.contributions.iter().enumerate().map(|(i, c)| {
                    let value = c.rate.map(|r| format!("{}%", r.normalize())).unwrap_or_default();
                    let onchange = on_field(state, "修改缴费费率", move |m, t| {
                        let c = m.contributions.get_mut(i).ok_or("缴费项目不存在")?;
                        c.rate = if t.is_empty() { None } else { Some(parse_rate(t)?) };
                        Ok(())
                    });
                    let label = tf(l, "{}费率", &[&c.kind.label()]);
                    html! {
                        <tr>
                            <td lang="zh-CN">{ c.kind.label() }</td>
                            <td>{ c.kind.economic().to_string() }</td>
                            <td><input class="num" value={value} placeholder={tr(l, "当地费率")} onchange={onchange}
                                lang={official(&label)} aria-label={label.clone()} data-testid={format!("rate-{i}")} /></td>
                            { contribution_fields(state, m, i, c) }
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// A contribution's base (pay items by name), whether the 年终一次性奖金 counts, its 项.
fn contribution_fields(
    state: &UseReducerHandle<State>,
    m: &StaffModel,
    i: usize,
    c: &crate::core::domain::staffing::Contribution,
) -> Html {
    let l = state.lang;
    let names: Vec<&str> = c.base.iter().map(|id| m.item_name(id)).collect();
    let base = on_field(state, "修改缴费基数", move |m, t| {
        let ids = item_ids(m, t)?;
        m.contributions.get_mut(i).ok_or("缴费项目不存在")?.base = ids;
        Ok(())
    });
    let bonus = on_check(state, "修改缴费基数", move |m, v| {
        m.contributions
            .get_mut(i)
            .ok_or("缴费项目不存在")?
            .with_bonus = v;
        Ok(())
    });
    let func = on_field(state, "修改缴费功能分类", move |m, t| {
        let f = if t.is_empty() {
            None
        } else {
            Some(function(t)?)
        };
        m.contributions.get_mut(i).ok_or("缴费项目不存在")?.function = f;
        Ok(())
    });
    let default = c
        .kind
        .function(m.unit_type)
        .unwrap_or(m.running)
        .to_string();
    let what = c.kind.label();
    let (base_label, bonus_label, func_label) = (
        tf(l, "{}的缴费基数", &[&what]),
        tf(l, "{}的缴费基数含年终奖", &[&what]),
        tf(l, "{}的功能分类", &[&what]),
    );
    html! {
        <>
            <td><input value={names.join("、")} lang="zh-CN" class="wide" onchange={base}
                aria-label={base_label} data-testid={format!("base-{i}")} /></td>
            <td><input type="checkbox" checked={c.with_bonus} onchange={bonus} lang={official(&bonus_label)} aria-label={bonus_label.clone()} /></td>
            <td><input value={c.function.map(|f| f.to_string()).unwrap_or_default()} placeholder={default} onchange={func}
                lang={official(&func_label)} aria-label={func_label.clone()} /></td>
        </>
    }
}

/// Per-item quotas: 公务用车运行维护费 per vehicle, 取暖费 or 物业管理费 per m², or a fixed amount:
/// one row each (经济分类, basis, amount per unit, units), ✕, and a row to add one.
fn extras(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    let row = |i: usize, e: &Extra| {
        let edit = move |label: &'static str, f: fn(&mut Extra, &str) -> Result<(), String>| {
            on_field(state, label, move |m, t| {
                f(m.extras.get_mut(i).ok_or("定额项目不存在")?, t)
            })
        };
        let remove = on_model(state, "删除定额项目", move |m| {
            if i < m.extras.len() {
                m.extras.remove(i);
            }
        });
        let n = (i + 1).to_string();
        html! {
            <tr data-testid="extra-row">
                <td><input value={e.economic.to_string()} aria-label={tf(l, "第{}项定额的经济分类", &[&n])} data-testid="extra-code"
                    onchange={edit("修改定额项目", |e, t| { e.economic = EconCode::parse(t).map_err(|x| x.to_string())?; Ok(()) })} /></td>
                <td><input value={e.basis.clone()} aria-label={tf(l, "第{}项定额的计量依据", &[&n])} data-testid="extra-basis"
                    onchange={edit("修改定额项目", |e, t| { e.basis = t.to_string(); Ok(()) })} /></td>
                <td><input class="num" value={money_text(e.per_unit)} aria-label={tf(l, "第{}项定额的单价", &[&n])} data-testid="extra-per-unit"
                    onchange={edit("修改定额项目", |e, t| { e.per_unit = amount(t)?; Ok(()) })} /></td>
                <td><input class="num" value={e.units.normalize().to_string()} aria-label={tf(l, "第{}项定额的数量", &[&n])} data-testid="extra-units"
                    onchange={edit("修改定额项目", |e, t| { e.units = units(t)?; Ok(()) })} /></td>
                <td><button type="button" onclick={remove} aria-label={tf(l, "删除第{}项定额", &[&n])}>{ "✕" }</button></td>
            </tr>
        }
    };
    let add = on_model(state, "添加定额项目", |m| {
        if let Ok(economic) = EconCode::parse("30231") {
            m.extras.push(Extra {
                economic,
                basis: "每辆".into(),
                per_unit: Money::ZERO,
                units: Decimal::ONE,
            });
        }
    });
    html! {
        <>
            <table class="staffing-table" data-testid="extras">
                <thead><tr><th>{ tr(l, "经济分类") }</th><th>{ tr(l, "计量依据") }</th><th>{ tr(l, "单价（元）") }</th><th>{ tr(l, "数量") }</th><th /></tr></thead>
                <tbody>{ for m.extras.iter().enumerate().map(|(i, e)| row(i, e)) }</tbody>
            </table>
            <button type="button" onclick={add} data-testid="extra-add"
                title={tr(l, "如公务用车运行维护费（30231）每辆、取暖费或物业管理费每平方米")}>{ tr(l, "添加定额项目") }</button>
        </>
    }
}

/// 调资 in the model, each with ✕ (levers add them).
fn pay_changes(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    if m.pay_changes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="staffing-changes" data-testid="pay-changes">
            { for m.pay_changes.iter().enumerate().map(|(i, c)| {
                let text = format!("调资：{}", m.describe_change(c));
                let remove = on_model(state, "删除调资", move |m| {
                    if i < m.pay_changes.len() {
                        m.pay_changes.remove(i);
                    }
                });
                html! { <li lang="zh-CN">{ text.clone() }
                    <button type="button" onclick={remove} aria-label={tf(l, "删除{}", &[&text])}>{ "✕" }</button></li> }
            }) }
        </ul>
    }
}

/// A count of units (vehicles, m²): a number ≥ 0 with at most two decimals.
fn units(text: &str) -> Result<Decimal, String> {
    crate::core::domain::money::parse_number(text)
        .filter(|d| !d.is_sign_negative() && d.scale() <= 2)
        .ok_or_else(|| format!("数量“{text}”应为不小于0的数，最多两位小数"))
}

/// 公用经费定额 per category and the split over codes (“30201 30%，30299 70%”).
fn quotas(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    let split: Vec<String> = m
        .split
        .iter()
        .map(|(e, p)| format!("{e} {}%", p.normalize()))
        .collect();
    html! {
        <div class="procurement-fields">
            { for StaffCategory::ALL.into_iter().map(|c| {
                let value = m.quotas.iter().find(|q| q.category == c).map(|q| money_text(q.per_person)).unwrap_or_default();
                let onchange = on_field(state, "修改公用经费定额", move |m, t| {
                    m.quotas.retain(|q| q.category != c);
                    let v = amount(t)?;
                    if !v.is_zero() { m.quotas.push(Quota { category: c, per_person: v }); }
                    Ok(())
                });
                let label = tf(l, "{}定额", &[&c.label()]);
                html! { <label class="amount-field"><span lang="zh-CN">{ c.label() }</span>
                    <input class="num" value={value} onchange={onchange} lang={official(&label)} aria-label={label.clone()} /></label> }
            }) }
            <label class="amount-field"><span>{ tr(l, "分配到经济分类") }</span>
                <input value={split.join("，")} placeholder="30201 30%, 30299 70%" data-testid="staffing-split"
                    onchange={on_field(state, "修改公用经费定额分配", |m, t| { m.split = parse_split(t)?; Ok(()) })} /></label>
        </div>
    }
}

/// “30201 30%，30299 70%” as (code, percent) pairs.
fn parse_split(text: &str) -> Result<Vec<(EconCode, Decimal)>, String> {
    text.split(['，', ',', '；', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (code, share) = part
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("“{part}”应为“经济分类 比例”，如 30201 30%"))?;
            let code = EconCode::parse(code.trim()).map_err(|e| e.to_string())?;
            Ok((code, parse_rate(share.trim())?))
        })
        .collect()
}

/// The lines the model gives, each opening to its formula.
fn results(state: &UseReducerHandle<State>, m: &StaffModel) -> Html {
    let l = state.lang;
    // Every part's formula for a model of ordinary size; for thousands of persons the
    // amounts only (the formulas are in the exported 基本支出测算表).
    let detailed = m.staff.len() <= SHOWN_ROWS;
    let out = match if detailed { compute(m) } else { amounts(m) } {
        Ok(o) => o,
        Err(faults) => {
            return html! { <ul class="problems">{ for faults.iter().map(|f| html! { <li>{ f }</li> }) }</ul> }
        }
    };
    let total: Money = out.lines.iter().map(|x| x.amount).sum();
    let blank = tf(l, "费率未填、未计算：{}", &[&out.blank_rates.join("、")]);
    html! {
        <div data-testid="staffing-results">
            <p>{ tf(l, "测算生成{}条基本支出明细，合计{}元（在明细中标为“测算”）", &[&out.lines.len(), &total.display(Unit::Yuan)]) }</p>
            if !out.blank_rates.is_empty() {
                <p class="muted" lang={official(&blank)}>{ blank.clone() }</p>
            }
            { for out.lines.iter().map(|g| html! {
                <details class="staffing-line" data-testid="staffing-line">
                    <summary lang="zh-CN">{ format!("{} {} {}", g.function, g.economic, g.economic.name().unwrap_or("")) }
                        <span class="num">{ g.amount.display(Unit::Yuan) }</span></summary>
                    if detailed {
                        <ul lang="zh-CN">{ for g.parts.iter().map(|p| html! { <li>{ format!("{}：{}", p.label, p.formula) }</li> }) }</ul>
                    } else {
                        <p class="muted">{ tr(l, "人员较多：每项的算式见导出 Excel 的“基本支出测算表”。") }</p>
                    }
                </details>
            }) }
        </div>
    }
}

#[function_component(StaffingView)]
pub fn staffing_view(props: &StateProps) -> Html {
    let state = &props.state;
    let l = state.lang;
    if !state.mode.editable() {
        return html! { <p class="empty" data-testid="staffing">{ tr(l, "基本支出测算只在编辑模式中使用。") }</p> };
    }
    let unit = unit_of(state);
    let model = state.budget().staff_model(unit.as_deref()).cloned();
    let Some(m) = model else {
        return html! {
            <div class="staffing" data-testid="staffing">
                <p>{ tr(l, "基本支出可由人员、工资标准、缴费费率和定额测算生成：建立模型后，测算结果作为基本支出明细加入预算，模型每次修改都会重新测算。") }</p>
                <button type="button" onclick={create(state)} data-testid="staffing-create">{ tr(l, "建立测算模型") }</button>
            </div>
        };
    };
    let remove = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| apply(&state, None, "删除基本支出测算"))
    };
    // Detach: the generated lines become ordinary ones (amounts kept), the model goes; one
    // undo step.
    let detach = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let unit = unit_of(&state);
            let b = state.budget();
            let mut cmds: Vec<Command> = b
                .lines
                .iter()
                .filter(|x| b.generated_of(x, unit.as_deref()))
                .map(|x| Command::SetGenerated {
                    id: x.id,
                    generated: false,
                })
                .collect();
            drop(b);
            cmds.push(Command::SetStaffModel {
                unit: unit.clone(),
                model: None,
            });
            state.dispatch(Action::ApplyAll(cmds, "测算明细改为普通明细".into()));
        })
    };
    html! {
        <div class="staffing" data-testid="staffing">
            <p class="notice-line">{ tr(l, "人员名称属于个人信息：只保存在本浏览器和您保存的文件中，不进入分享链接。") }</p>
            <h3>{ tr(l, "设置") }</h3>
            { settings(state, &m) }
            <h3>{ tr(l, "工资项目") }</h3>
            { pay_items(state, &m) }
            <h3>{ tr(l, "人员（每月金额，元）") }</h3>
            if let Some(data) = state.payroll.clone() {
                <payroll::PayrollPanel props={crate::ui::shared::DataPanelProps { state: state.clone(), data }} model={m.clone()} />
            }
            { staff_table(state, &m) }
            { pay_changes(state, &m) }
            <h3>{ tr(l, "社会保障缴费") }</h3>
            { contributions(state, &m) }
            <h3>{ tr(l, "公用经费定额（每人每年，元）") }</h3>
            { quotas(state, &m) }
            <h3>{ tr(l, "其他定额（车辆、面积等）") }</h3>
            { extras(state, &m) }
            <h3>{ tr(l, "调整测算（增人/减人、调资、费率、定额）") }</h3>
            <levers::LeverPanel state={state.clone()} model={m.clone()} />
            <h3>{ tr(l, "测算结果") }</h3>
            { results(state, &m) }
            <p class="actions">
                <button type="button" data-testid="staffing-print"
                    onclick={{ let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(Action::PrintStaffing)) }}>{ tr(l, "打印测算表") }</button>
                <button type="button" onclick={detach} data-testid="staffing-detach"
                    title={tr(l, "测算生成的明细保留金额，成为可直接修改的普通明细；测算模型删除")}>{ tr(l, "改为普通明细") }</button>
                <button type="button" class="danger" onclick={remove} data-testid="staffing-remove">{ tr(l, "删除测算模型（生成的明细一并删除）") }</button>
            </p>
        </div>
    }
}
