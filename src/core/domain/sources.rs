//! Fund sources (资金来源): the income categories of a template, and what kind each is,
//! which decides the tables and shares it feeds.

use serde::{Deserialize, Serialize};

/// What a fund source is, which decides the tables and shares it feeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// 一般公共预算 (财政拨款)
    GeneralPublic,
    /// 政府性基金预算 (财政拨款)
    GovernmentFund,
    /// 国有资本经营预算 (财政拨款)
    StateCapital,
    /// 财政拨款 not split by budget (templates that only say 财政拨款收入)
    OtherFiscal,
    /// 财政专户管理资金
    SpecialAccount,
    /// 单位资金, 事业收入, 经营收入, 其他收入 …
    NonFiscal,
}

impl SourceKind {
    pub const ALL: [SourceKind; 6] = [
        SourceKind::GeneralPublic,
        SourceKind::GovernmentFund,
        SourceKind::StateCapital,
        SourceKind::OtherFiscal,
        SourceKind::SpecialAccount,
        SourceKind::NonFiscal,
    ];

    /// What the kind is called where a user picks it.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::GeneralPublic => "一般公共预算（财政拨款）",
            SourceKind::GovernmentFund => "政府性基金预算（财政拨款）",
            SourceKind::StateCapital => "国有资本经营预算（财政拨款）",
            SourceKind::OtherFiscal => "财政拨款（未分预算）",
            SourceKind::SpecialAccount => "财政专户管理资金",
            SourceKind::NonFiscal => "非财政拨款（单位资金、事业收入、其他收入等）",
        }
    }

    /// The file format's name of the kind (`general_public` …).
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::GeneralPublic => "general_public",
            SourceKind::GovernmentFund => "government_fund",
            SourceKind::StateCapital => "state_capital",
            SourceKind::OtherFiscal => "other_fiscal",
            SourceKind::SpecialAccount => "special_account",
            SourceKind::NonFiscal => "non_fiscal",
        }
    }

    pub fn from_key(key: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// 财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算.
    pub fn is_fiscal(self) -> bool {
        matches!(
            self,
            SourceKind::GeneralPublic
                | SourceKind::GovernmentFund
                | SourceKind::StateCapital
                | SourceKind::OtherFiscal
        )
    }
}

/// A fund source (资金来源) of the budget's template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundSource {
    /// Short key used by lines and income, e.g. `gpb`.
    pub id: String,
    /// Name as printed, e.g. `一般公共预算`.
    pub name: String,
    pub kind: SourceKind,
}
