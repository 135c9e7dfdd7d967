//! Facts some templates print that are not lines: per 功能分类 项, what it is used for, why
//! it changed and the prior year's execution (上海's per-项 paragraphs), and 国有资产 as
//! counts (vehicles by category, equipment of 100万元 or more per unit). See
//! docs/TEMPLATES.md.

use crate::core::domain::money::Money;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the narrative says of one 功能分类 项.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemNote {
    /// 主要用于…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
    /// 主要原因是…
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// 上年当年预算执行数
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<Money>,
}

impl ItemNote {
    pub fn is_empty(&self) -> bool {
        self.purpose.is_empty() && self.reason.is_empty() && self.executed.is_none()
    }

    pub fn text(&self, t: ItemText) -> &str {
        match t {
            ItemText::Purpose => &self.purpose,
            ItemText::Reason => &self.reason,
        }
    }

    pub fn with_text(mut self, t: ItemText, text: String) -> ItemNote {
        match t {
            ItemText::Purpose => self.purpose = text,
            ItemText::Reason => self.reason = text,
        }
        self
    }
}

/// Which text of an [`ItemNote`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemText {
    Purpose,
    Reason,
}

impl ItemText {
    pub const ALL: [ItemText; 2] = [ItemText::Purpose, ItemText::Reason];

    pub fn key(self) -> &'static str {
        match self {
            ItemText::Purpose => "purpose",
            ItemText::Reason => "reason",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemText::Purpose => "主要用途",
            ItemText::Reason => "增减原因",
        }
    }
}

/// The vehicle categories of the 国有资产 paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VehicleKind {
    /// 部级领导干部用车
    Minister,
    /// 主要领导干部用车
    Leader,
    /// 机要通信用车
    Confidential,
    /// 应急保障用车
    Emergency,
    /// 执法执勤用车
    LawEnforcement,
    /// 特种专业技术用车
    Special,
    /// 离退休干部用车
    Retired,
    /// 其他用车
    Other,
}

impl VehicleKind {
    pub const ALL: [VehicleKind; 8] = [
        VehicleKind::Minister,
        VehicleKind::Leader,
        VehicleKind::Confidential,
        VehicleKind::Emergency,
        VehicleKind::LawEnforcement,
        VehicleKind::Special,
        VehicleKind::Retired,
        VehicleKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            VehicleKind::Minister => "部级领导干部用车",
            VehicleKind::Leader => "主要领导干部用车",
            VehicleKind::Confidential => "机要通信用车",
            VehicleKind::Emergency => "应急保障用车",
            VehicleKind::LawEnforcement => "执法执勤用车",
            VehicleKind::Special => "特种专业技术用车",
            VehicleKind::Retired => "离退休干部用车",
            VehicleKind::Other => "其他用车",
        }
    }
}

/// The most of anything counted (vehicles, pieces of equipment).
pub const MAX_COUNT: u32 = 1_000_000;

/// A count as the user types it (`3`, full-width `３`, `1,200`; empty is 0): a whole number
/// from 0 to [`MAX_COUNT`], or why not, in Chinese.
///
/// ```
/// use yusuan::core::domain::disclosure::parse_count;
/// assert_eq!(parse_count(" ３ "), Ok(3));
/// assert_eq!(parse_count(""), Ok(0));
/// assert!(parse_count("两辆").unwrap_err().starts_with("“两辆”不是数量"));
/// assert!(parse_count("1.5").is_err() && parse_count("-1").is_err() && parse_count("5000000").is_err());
/// ```
pub fn parse_count(text: &str) -> Result<u32, String> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    crate::core::domain::money::parse_number(text)
        .filter(|d| d.fract().is_zero() && !d.is_sign_negative())
        .and_then(|d| u32::try_from(d.mantissa() / 10i128.pow(d.scale())).ok())
        .filter(|n| *n <= MAX_COUNT)
        .ok_or_else(|| format!("“{}”不是数量：请填写0到{MAX_COUNT}之间的整数", text.trim()))
}

/// One 政府购买服务 item of 十二、其他说明: what is bought, its category in the
/// 政府购买服务指导性目录 and its budget (元).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceItem {
    /// 项目
    pub project: String,
    /// 指导性目录 category (e.g. “政府履职辅助性服务”).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    pub amount: Money,
}

/// At most this many 政府购买服务 items.
pub const MAX_SERVICE_ITEMS: usize = 10_000;

/// The sum of the items' amounts.
pub fn services_total(items: &[ServiceItem]) -> Money {
    items.iter().map(|i| i.amount).sum()
}

/// Why a list of 政府购买服务 items cannot be kept: (its index or `None` for the list, the
/// message), or `None` when it can.
pub fn services_fault(items: &[ServiceItem], max_text: usize) -> Option<(Option<usize>, String)> {
    if items.len() > MAX_SERVICE_ITEMS {
        return Some((
            None,
            format!("政府购买服务项目过多（最多{MAX_SERVICE_ITEMS}个）"),
        ));
    }
    items.iter().enumerate().find_map(|(i, it)| {
        let fault = if it.project.trim().is_empty() {
            "政府购买服务项目名称为空".to_string()
        } else if it.project.chars().count() > max_text || it.category.chars().count() > max_text {
            format!("政府购买服务项目名称或类别过长（最多{max_text}个字符）")
        } else if it.amount.is_negative() {
            format!("政府购买服务“{}”的金额为负数", it.project)
        } else {
            return None;
        };
        Some((Some(i), fault))
    })
}

/// 国有资产 as counts: vehicles held at the end of the prior year and to be bought this
/// year by category; equipment of 单价100万元（含）以上 (vehicles not included) held and
/// to be bought.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetFacts {
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::core::domain::strict::unique_keys"
    )]
    pub vehicles_held: BTreeMap<VehicleKind, u32>,
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::core::domain::strict::unique_keys"
    )]
    pub vehicles_new: BTreeMap<VehicleKind, u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment_held: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equipment_new: Option<u32>,
}

impl AssetFacts {
    /// Nothing entered: the narrative falls back to the written 国有资产 text.
    pub fn is_empty(&self) -> bool {
        self.vehicles_held.is_empty()
            && self.vehicles_new.is_empty()
            && self.equipment_held.is_none()
            && self.equipment_new.is_none()
    }

    /// Vehicles held (`new` false) or to be bought, of one category.
    pub fn vehicles(&self, new: bool, k: VehicleKind) -> u32 {
        let m = if new {
            &self.vehicles_new
        } else {
            &self.vehicles_held
        };
        m.get(&k).copied().unwrap_or(0)
    }

    pub fn vehicles_total(&self, new: bool) -> u64 {
        VehicleKind::ALL
            .iter()
            .map(|k| u64::from(self.vehicles(new, *k)))
            .sum()
    }

    /// The same facts with one category's count set (zero removes it).
    pub fn with_vehicles(mut self, new: bool, k: VehicleKind, n: u32) -> AssetFacts {
        let m = if new {
            &mut self.vehicles_new
        } else {
            &mut self.vehicles_held
        };
        if n == 0 {
            m.remove(&k);
        } else {
            m.insert(k, n);
        }
        self
    }

    /// The first count over [`MAX_COUNT`], as (field, count).
    pub fn too_large(&self) -> Option<(&'static str, u32)> {
        let over = |n: u32| n > MAX_COUNT;
        self.vehicles_held
            .values()
            .find(|n| over(**n))
            .map(|n| ("vehicles_held", *n))
            .or_else(|| {
                self.vehicles_new
                    .values()
                    .find(|n| over(**n))
                    .map(|n| ("vehicles_new", *n))
            })
            .or_else(|| {
                self.equipment_held
                    .filter(|n| over(*n))
                    .map(|n| ("equipment_held", n))
            })
            .or_else(|| {
                self.equipment_new
                    .filter(|n| over(*n))
                    .map(|n| ("equipment_new", n))
            })
    }
}
