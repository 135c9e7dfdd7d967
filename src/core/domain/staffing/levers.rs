//! Scenario levers on a model — the questions drafters and their leaders ask of a scenario:
//! “两名事业编制7月起入职” (增人), “一人9月起退休” (减人), “基本工资 +5% from January” (调资),
//! “公积金 from 12% to 10%” (费率), “公用经费定额 −10%” (定额). Each is an edit of the model,
//! made here and applied as one `SetStaffModel` (one undo step); `core::drafting::levers`
//! previews its effect on the budget's figures before it is applied.

use super::model::{ContributionKind, PayChange, Staff, StaffCategory, StaffModel};
use crate::core::domain::money::Money;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// One lever with its figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lever {
    /// `count` people of a category join from a month, paid as the category's average.
    Hire {
        category: StaffCategory,
        count: u32,
        from: u8,
    },
    /// `count` people of a category leave from a month (paid up to the month before): the
    /// last rows of the category first.
    Leave {
        category: StaffCategory,
        count: u32,
        from: u8,
    },
    /// A pay item changed by a percent from a month on.
    Raise {
        item: String,
        percent: Decimal,
        from: u8,
    },
    /// A contribution's rate set (blank: not computed).
    Rate {
        kind: ContributionKind,
        rate: Option<Decimal>,
    },
    /// 公用经费定额 changed by a percent (of one category, or all).
    Quota {
        category: Option<StaffCategory>,
        percent: Decimal,
    },
}

fn pct(p: Decimal) -> String {
    let sign = if p.is_sign_negative() { "" } else { "+" };
    format!("{sign}{}%", p.normalize())
}

impl Lever {
    /// What the lever does, as the undo list and the compare view say it.
    pub fn label(&self, m: &StaffModel) -> String {
        match self {
            Lever::Hire {
                category,
                count,
                from,
            } => format!("增人：{}{count}人，{from}月起", category.label()),
            Lever::Leave {
                category,
                count,
                from,
            } => format!("减人：{}{count}人，{from}月起", category.label()),
            Lever::Raise {
                item,
                percent,
                from,
            } => format!(
                "调资：{}",
                m.describe_change(&PayChange {
                    item: item.clone(),
                    percent: *percent,
                    from: *from,
                })
            ),
            Lever::Rate { kind, rate } => match rate {
                Some(r) => format!("费率：{}改为{}%", kind.label(), r.normalize()),
                None => format!("费率：{}清空", kind.label()),
            },
            Lever::Quota { category, percent } => format!(
                "定额：{}公用经费定额{}",
                category.map(|c| c.label()).unwrap_or(""),
                pct(*percent)
            ),
        }
    }
}

fn round(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

fn month(from: u8) -> Result<u8, String> {
    if (1..=12).contains(&from) {
        Ok(from)
    } else {
        Err(format!("起始月{from}不在1到12之间"))
    }
}

fn percent(p: Decimal) -> Result<Decimal, String> {
    if p <= -Decimal::ONE_HUNDRED || p > Decimal::from(1000) {
        return Err(format!("幅度{}%不在−100%到1000%之间", p.normalize()));
    }
    Ok(p)
}

/// The model with the lever applied, or why it cannot be.
pub fn apply_lever(m: &StaffModel, lever: &Lever) -> Result<StaffModel, String> {
    let mut out = m.clone();
    match lever {
        Lever::Hire {
            category,
            count,
            from,
        } => hire(&mut out, *category, *count, month(*from)?)?,
        Lever::Leave {
            category,
            count,
            from,
        } => leave(&mut out, *category, *count, month(*from)?)?,
        Lever::Raise {
            item,
            percent: p,
            from,
        } => raise(&mut out, item, percent(*p)?, month(*from)?)?,
        Lever::Rate { kind, rate } => set_rate(&mut out, *kind, *rate)?,
        Lever::Quota {
            category,
            percent: p,
        } => scale_quotas(&mut out, *category, percent(*p)?)?,
    }
    Ok(out)
}

/// A category's monthly pay per person, each item averaged over its people and rounded.
fn average_pay(m: &StaffModel, category: StaffCategory) -> Option<BTreeMap<String, Money>> {
    let rows: Vec<&Staff> = m.staff.iter().filter(|s| s.category == category).collect();
    let people: u64 = rows.iter().map(|s| u64::from(s.count)).sum();
    if people == 0 {
        return None;
    }
    let mut sums: BTreeMap<String, Decimal> = BTreeMap::new();
    for s in rows {
        for (id, v) in &s.monthly {
            *sums.entry(id.clone()).or_default() += v.yuan() * Decimal::from(s.count);
        }
    }
    Some(
        sums.into_iter()
            .map(|(id, total)| {
                let mut v = round(total / Decimal::from(people));
                v.rescale(2);
                (id, Money::from_yuan(v))
            })
            .filter(|(_, v)| !v.is_zero())
            .collect(),
    )
}

fn hire(m: &mut StaffModel, category: StaffCategory, count: u32, from: u8) -> Result<(), String> {
    if count == 0 || count > 100_000 {
        return Err(format!("人数应为1到100000的整数：{count}"));
    }
    let monthly = average_pay(m, category).ok_or_else(|| {
        format!(
            "模型中没有{}人员可参照工资：请先在人员表中添加一行",
            category.label()
        )
    })?;
    m.staff.push(Staff {
        name: format!("增人（{from}月起）"),
        category,
        count,
        months: 13 - from,
        from: Some(from),
        monthly,
    });
    Ok(())
}

fn leave(m: &mut StaffModel, category: StaffCategory, count: u32, from: u8) -> Result<(), String> {
    if count == 0 {
        return Err("人数应至少为1".into());
    }
    let on_books =
        |s: &Staff| s.category == category && s.first_month() < from && from <= s.last_month();
    let available: u64 = m
        .staff
        .iter()
        .filter(|s| on_books(s))
        .map(|s| u64::from(s.count))
        .sum();
    if available < u64::from(count) {
        return Err(format!(
            "{from}月仍在职的{}只有{available}人，不能减少{count}人",
            category.label()
        ));
    }
    let mut left = count;
    let mut i = m.staff.len();
    while left > 0 && i > 0 {
        i -= 1;
        if !on_books(&m.staff[i]) {
            continue;
        }
        let row = &mut m.staff[i];
        let first = row.first_month();
        let take = left.min(row.count);
        left -= take;
        let mut gone = row.clone();
        gone.count = take;
        gone.months = from - first;
        gone.from = Some(first);
        if gone.name.is_empty() || row.count > take {
            gone.name = format!("减人（{from}月起）");
        }
        row.count -= take;
        if row.count == 0 {
            m.staff[i] = gone;
        } else {
            m.staff.insert(i + 1, gone);
        }
    }
    Ok(())
}

fn raise(m: &mut StaffModel, item: &str, percent: Decimal, from: u8) -> Result<(), String> {
    if !m.pay_items.iter().any(|p| p.id == item) {
        return Err(format!("工资项目“{item}”不存在"));
    }
    if percent.is_zero() {
        return Err("调资幅度为0%：没有变化".into());
    }
    m.pay_changes.push(PayChange {
        item: item.to_string(),
        percent,
        from,
    });
    Ok(())
}

fn set_rate(
    m: &mut StaffModel,
    kind: ContributionKind,
    rate: Option<Decimal>,
) -> Result<(), String> {
    if let Some(r) = rate {
        if r.is_sign_negative() || r > Decimal::ONE_HUNDRED {
            return Err(format!("费率{}%不在0到100%之间", r.normalize()));
        }
    }
    let mut found = false;
    for c in m.contributions.iter_mut().filter(|c| c.kind == kind) {
        c.rate = rate;
        found = true;
    }
    if found {
        Ok(())
    } else {
        Err(format!("模型中没有{}", kind.label()))
    }
}

fn scale_quotas(
    m: &mut StaffModel,
    category: Option<StaffCategory>,
    percent: Decimal,
) -> Result<(), String> {
    let mut found = false;
    for q in m
        .quotas
        .iter_mut()
        .filter(|q| category.is_none_or(|c| c == q.category))
    {
        let mut v =
            round(q.per_person.yuan() * (Decimal::ONE_HUNDRED + percent) / Decimal::ONE_HUNDRED);
        v.rescale(2);
        q.per_person = Money::from_yuan(v);
        found = true;
    }
    if found {
        Ok(())
    } else {
        Err("模型中没有这一类的公用经费定额".into())
    }
}
