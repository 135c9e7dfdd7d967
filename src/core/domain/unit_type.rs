//! What a 预算单位 is (行政单位, 参公, 事业单位 …): its own module so that both the budget
//! (`model`) and the 基本支出测算 model (`staffing`) use it without importing each other.

use serde::{Deserialize, Serialize};

/// What a 预算单位 is, which decides whether its 公用经费 are 机关运行经费.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitType {
    /// 行政单位
    #[default]
    Administrative,
    /// 参照公务员法管理的事业单位
    CivilService,
    /// 事业单位
    Institution,
    Other,
}

impl UnitType {
    pub const ALL: [UnitType; 4] = [
        UnitType::Administrative,
        UnitType::CivilService,
        UnitType::Institution,
        UnitType::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            UnitType::Administrative => "行政单位",
            UnitType::CivilService => "参照公务员法管理的事业单位",
            UnitType::Institution => "事业单位",
            UnitType::Other => "其他",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            UnitType::Administrative => "administrative",
            UnitType::CivilService => "civil_service",
            UnitType::Institution => "institution",
            UnitType::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<UnitType> {
        UnitType::ALL.into_iter().find(|t| t.key() == key)
    }

    /// 机关运行经费 are the 公用经费 of 行政单位 and 参照公务员法管理的事业单位 only.
    pub fn has_office_running(self) -> bool {
        matches!(self, UnitType::Administrative | UnitType::CivilService)
    }
}
