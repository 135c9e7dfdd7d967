//! Which template a document follows, from its tables' titles: each title (its year and
//! “部门”/“单位”/“预算单位” dropped, quotes ignored) matched to the longest table title of a
//! known template (`core/figures/templates.rs`: the reference's 13 tables, the Shanghai
//! format's nine). A document whose titles match no template in three or more tables is read
//! as a generic one: its tables are still read as code/name/amount tables.

use crate::core::domain::template::TemplateId;
use crate::core::figures::templates::{self, TableId};

/// A title without its year, its “部门”/“单位” prefix, numbering and quotes.
fn bare(title: &str) -> String {
    title
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"' | '\'' | '‘' | '’' | ' '))
        .collect()
}

/// The template and layout of a table's title: the longest known title it ends with.
pub fn kind_of(title: &str) -> Option<(TemplateId, TableId)> {
    let t = bare(title);
    let t = t.trim_end_matches(['）', ')']);
    TemplateId::ALL
        .into_iter()
        .flat_map(|tpl| templates::tables(tpl).iter().map(move |s| (tpl, s)))
        .filter_map(|(tpl, s)| {
            let known = bare(s.title);
            let known = known.trim_end_matches(['）', ')']);
            // “…（不含上年结转）” is part of the reference's titles; a document may leave it out.
            let short = known.split('（').next().unwrap_or(known);
            let hit = t.ends_with(known) || (short.chars().count() >= 6 && t.ends_with(short));
            hit.then_some((tpl, s.id, known.chars().count()))
        })
        .max_by_key(|x| x.2)
        .map(|(tpl, id, _)| (tpl, id))
}

/// The template most of the tables' titles belong to (at least three of them).
pub fn recognise<'a>(titles: impl Iterator<Item = &'a str>) -> Option<TemplateId> {
    let mut count = [0usize; TemplateId::ALL.len()];
    for t in titles {
        if let Some((tpl, _)) = kind_of(t) {
            if let Some(i) = TemplateId::ALL.iter().position(|x| *x == tpl) {
                count[i] += 1;
            }
        }
    }
    let (i, n) = count.iter().enumerate().max_by_key(|(_, n)| **n)?;
    (*n >= 3).then(|| TemplateId::ALL[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_of_both_templates() {
        let k = |t| kind_of(t).map(|x| x.1);
        assert_eq!(k("2023年部门收入预算总表"), Some(TableId::IncomeByCategory));
        assert_eq!(
            k("2023年部门财政拨款收支预算总表"),
            Some(TableId::FiscalByBudget)
        );
        assert_eq!(
            k("2025年单位“三公”经费和机关运行经费预算表"),
            Some(TableId::SangongOffice)
        );
        assert_eq!(k("2023年预算收支总表"), Some(TableId::Summary));
        assert_eq!(k("2023年财政拨款收支总表"), Some(TableId::Fiscal));
        assert_eq!(
            k("2023年一般公共预算支出预算表"),
            Some(TableId::GeneralPublic)
        );
        assert_eq!(
            k("2023年一般公共预算安排基本支出分经济科目表（不含上年结转）"),
            Some(TableId::BasicEconomic)
        );
        assert_eq!(k("2023年部门人员情况表"), None);
        let std = [
            "2023年预算收支总表",
            "2023年预算收入总表",
            "2023年预算支出总表",
        ];
        assert_eq!(recognise(std.into_iter()), Some(TemplateId::Standard));
        assert_eq!(recognise(std[..2].iter().copied()), None);
    }
}
