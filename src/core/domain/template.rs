//! Disclosure templates: which document a budget is published as. A template decides the
//! income categories a new budget starts with (its fund sources), the unit its tables are
//! printed in, and — in `core/figures/templates.rs` — which tables and narrative sections
//! the report has. The reference's 13-table format is the default; a budget names another
//! with `"template"` in its file (docs/FORMAT.md, docs/TEMPLATES.md).
//!
//! Adding a template: a variant here with its key, name, sources and unit, and its lists of
//! tables and sections in `core/figures/templates.rs` (plus tests of every cell).

use crate::core::domain::money::Unit;
use crate::core::domain::sources::{FundSource, SourceKind};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateId {
    /// 13 张公开表 (the reference: 晋城市's 部门预算/单位预算), amounts in 万元.
    #[default]
    Standard,
    /// 上海市区级部门预算/单位预算: 9 tables in 元 (the last in 万元), other income categories.
    Shanghai,
}

impl TemplateId {
    pub const ALL: [TemplateId; 2] = [TemplateId::Standard, TemplateId::Shanghai];

    /// The word in the file format (`"template": "shanghai"`).
    pub fn key(self) -> &'static str {
        match self {
            TemplateId::Standard => "standard",
            TemplateId::Shanghai => "shanghai",
        }
    }

    pub fn from_key(key: &str) -> Option<TemplateId> {
        TemplateId::ALL.into_iter().find(|t| t.key() == key.trim())
    }

    /// What a user picks from.
    pub fn name(self) -> &'static str {
        match self {
            TemplateId::Standard => "13张公开表（万元）",
            TemplateId::Shanghai => "上海市区级9张表（元）",
        }
    }

    pub fn is_default(&self) -> bool {
        *self == TemplateId::Standard
    }

    /// The unit the template's tables are printed in (a table may say otherwise, see
    /// `core/figures/templates.rs`); a new budget from the template is shown in it.
    pub fn unit(self) -> Unit {
        match self {
            TemplateId::Standard => Unit::Wan,
            TemplateId::Shanghai => Unit::Yuan,
        }
    }

    /// The income categories (fund sources) a new budget of this template starts with, in
    /// the order the tables list them.
    pub fn sources(self) -> Vec<FundSource> {
        let s = |id: &str, name: &str, kind| FundSource {
            id: id.into(),
            name: name.into(),
            kind,
        };
        match self {
            TemplateId::Standard => vec![
                s("gpb", "一般公共预算", SourceKind::GeneralPublic),
                s("gfb", "政府性基金预算", SourceKind::GovernmentFund),
                s("scb", "国有资本经营预算", SourceKind::StateCapital),
                s("special", "财政专户管理资金", SourceKind::SpecialAccount),
                s("unit", "单位资金", SourceKind::NonFiscal),
            ],
            TemplateId::Shanghai => vec![
                s("gpb", "一般公共预算资金", SourceKind::GeneralPublic),
                s("gfb", "政府性基金", SourceKind::GovernmentFund),
                s("scb", "国有资本经营预算", SourceKind::StateCapital),
                s("business", "事业收入", SourceKind::NonFiscal),
                s("operating", "事业单位经营收入", SourceKind::NonFiscal),
                s("other", "其他收入", SourceKind::NonFiscal),
            ],
        }
    }
}
