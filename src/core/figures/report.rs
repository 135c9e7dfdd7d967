//! The assembled report: the summary figures, the disclosure tables, the narrative and
//! the checks of a budget, built in one pass over its lines. This module only assembles;
//! each part is computed in its own module of [`crate::core::figures`].

use crate::core::domain::model::Budget;
use crate::core::domain::money::Unit;
use crate::core::figures::aggregate::Aggregate;
use crate::core::figures::checks::{self, Check};
use crate::core::figures::narrative::{self, Section};
use crate::core::figures::shares::Rounding;
use crate::core::figures::summary::{summarize_linked, Summary};
use crate::core::figures::tables::{self, Table};

/// How figures are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub unit: Unit,
    pub rounding: Rounding,
    /// Leave out tables 12 and 13 (one row per project: with thousands of projects they
    /// are most of the work, and the line editor does not show them).
    pub skip_project_tables: bool,
}

impl Options {
    /// Options as the view sets them: a unit, 尾差调整 on or off, all 13 tables or not.
    pub fn new(unit: Unit, adjust: bool, all_tables: bool) -> Options {
        Options {
            unit,
            rounding: if adjust {
                Rounding::LargestRemainder
            } else {
                Rounding::Independent
            },
            skip_project_tables: !all_tables,
        }
    }

    /// Whether 尾差调整 is on (shown details are adjusted to their shown totals).
    pub fn adjusted(&self) -> bool {
        self.rounding == Rounding::LargestRemainder
    }
}

/// Everything derived from a budget.
#[derive(Clone, Debug)]
pub struct Report {
    pub options: Options,
    pub summary: Summary,
    pub tables: Vec<Table>,
    pub narrative: Vec<Section>,
    /// 第一部分 概况 (单位职责, 机构设置), before the tables.
    pub overview: Vec<Section>,
    pub checks: Vec<Check>,
}

impl Report {
    /// ```
    /// let b = yusuan::core::formats::reference::budget();
    /// let r = yusuan::core::figures::report::Report::build(&b, Default::default());
    /// assert_eq!(r.tables.len(), 13);
    /// assert_eq!(r.summary.kind_shares[0].shown.unwrap().to_string(), "28.26");
    /// ```
    pub fn build(budget: &Budget, options: Options) -> Report {
        Report::from_aggregate(budget, &Aggregate::build(budget), options)
    }

    /// The report from sums already made (kept up to date by [`Aggregate::update_line`]
    /// after an edit, instead of built again).
    pub fn from_aggregate(budget: &Budget, agg: &Aggregate, options: Options) -> Report {
        // Forms and projects matched once, for section 十's figures and for the checks.
        let links = crate::core::figures::goals::report_links(budget, agg);
        let summary = summarize_linked(budget, agg, &links, options.rounding, options.unit);
        let skip = options.skip_project_tables;
        let tables = tables::build(budget, agg, |id| !(skip && id.per_project()));
        let narrative = narrative::generate(budget, &summary, options.unit);
        let checks = checks::run_linked(budget, agg, &summary, &tables, links);
        Report {
            options,
            summary,
            tables,
            narrative,
            overview: narrative::overview(budget),
            checks,
        }
    }

    /// The report a document prints: figures, tables and narrative, without the checks
    /// (the Word export runs in the codec worker, which need not carry them).
    pub fn for_document(budget: &Budget, options: Options) -> Report {
        let agg = Aggregate::build(budget);
        let links = crate::core::figures::goals::report_links(budget, &agg);
        let summary = summarize_linked(budget, &agg, &links, options.rounding, options.unit);
        let skip = options.skip_project_tables;
        Report {
            options,
            tables: tables::build(budget, &agg, |id| !(skip && id.per_project())),
            narrative: narrative::generate(budget, &summary, options.unit),
            overview: narrative::overview(budget),
            summary,
            checks: Vec::new(),
        }
    }

    /// A table of the report (`None` only for tables 12/13 when they were skipped).
    pub fn table(&self, id: tables::TableId) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// How many checks failed at error and at warning level.
    pub fn check_counts(&self) -> (usize, usize) {
        let count = |sev| self.checks.iter().filter(|c| c.severity == sev).count();
        (
            count(checks::Severity::Error),
            count(checks::Severity::Warning),
        )
    }

    /// Whether any error-level check failed.
    pub fn has_errors(&self) -> bool {
        self.checks
            .iter()
            .any(|c| c.severity == checks::Severity::Error)
    }
}
