//! The pieces every template's narrative is written with: spans (text, figures that
//! explain themselves, texts the user wrote), sections, and the writer that builds them.

use crate::core::domain::model::{Budget, ReasonKey, TextField};
use crate::core::domain::money::{Money, Unit};
use crate::core::figures::shares::{Trend, YoY};
use crate::core::figures::summary::Summary;
use rust_decimal::Decimal;

/// A piece of narrative text: plain, a figure that can be explained, or a text the user
/// wrote (which the view lets them edit where it stands).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    /// A derived figure; `key` is for [`crate::core::figures::explain::explain`].
    Figure {
        key: String,
        text: String,
    },
    /// A written text: `reason:…` (a reason for a change) or `text:…` (单位职责, 机构设置,
    /// 国有资产).
    Written {
        key: String,
        text: String,
    },
}

pub type Paragraph = Vec<Span>;

/// A numbered section, e.g. “一、单位预算收支数据变动情况及原因”.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// What the section is (`changes`, `procurement`, `assets` …), whatever its number.
    pub key: &'static str,
    pub title: String,
    pub paragraphs: Vec<Paragraph>,
}

impl Section {
    /// The section as plain text, paragraphs separated by newlines.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(paragraph_text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn paragraph_text(p: &Paragraph) -> String {
    p.iter()
        .map(|s| match s {
            Span::Text(t) => t.as_str(),
            Span::Figure { text, .. } | Span::Written { text, .. } => text.as_str(),
        })
        .collect()
}

pub(crate) struct Writer {
    pub(crate) unit: Unit,
    pub(crate) spans: Paragraph,
}

impl Writer {
    pub(crate) fn new(unit: Unit) -> Writer {
        Writer {
            unit,
            spans: Vec::new(),
        }
    }

    pub(crate) fn t(&mut self, s: &str) -> &mut Self {
        match self.spans.last_mut() {
            Some(Span::Text(prev)) => prev.push_str(s),
            _ => self.spans.push(Span::Text(s.to_string())),
        }
        self
    }

    /// An amount with its unit; zero prints “0万元” as the reference does.
    pub(crate) fn money(&mut self, key: &str, m: Money) -> &mut Self {
        let text = amount_with_unit(m, self.unit);
        self.spans.push(Span::Figure {
            key: key.to_string(),
            text,
        });
        self
    }

    pub(crate) fn share(&mut self, key: &str, shown: Option<Decimal>) -> &mut Self {
        let text = match shown {
            Some(d) if !d.is_zero() => format!("{d:.2}%"),
            _ => "0%".to_string(),
        };
        self.spans.push(Span::Figure {
            key: key.to_string(),
            text,
        });
        self
    }

    pub(crate) fn yoy(&mut self, key: &str, y: &YoY, base: &str) -> &mut Self {
        let unit = self.unit;
        let text = match y.trend {
            Trend::Flat => format!("与{base}持平"),
            _ => format!("比{base}{}", y.wording(|m| amount_with_unit(m, unit))),
        };
        self.spans.push(Span::Figure {
            key: key.to_string(),
            text,
        });
        self
    }

    /// The budget's reason for a change, where one is written.
    pub(crate) fn reason(&mut self, budget: &Budget, k: ReasonKey) -> &mut Self {
        let text = budget.reasons.get(k).trim();
        if !text.is_empty() {
            self.spans.push(Span::Written {
                key: format!("reason:{}", k.key()),
                text: text.to_string(),
            });
        }
        self
    }

    /// 政府采购: the total, then “<lead>政府采购货物预算X、政府采购工程预算X、政府采购服务预算X。”
    pub(crate) fn procurement(&mut self, budget: &Budget, lead: &str) -> &mut Self {
        let p = &budget.procurement;
        self.money("procurement", p.goods + p.works + p.services)
            .t(&format!("{lead}政府采购货物预算"))
            .money("procurement:goods", p.goods)
            .t("、政府采购工程预算")
            .money("procurement:works", p.works)
            .t("、政府采购服务预算")
            .money("procurement:services", p.services)
            .t("。")
    }

    pub(crate) fn take(&mut self) -> Paragraph {
        std::mem::take(&mut self.spans)
    }
}

/// An amount and its unit as a sentence prints it: “0万元” for zero, and in 元 where an
/// amount that is not zero would read as zero in 万元 (“减少1.00元”, not “减少0万元”).
pub(crate) fn amount_with_unit(m: Money, unit: Unit) -> String {
    let unit = m.legible_unit(unit);
    format!("{}{}", amount_text(m, unit), unit.label())
}

pub(crate) fn amount_text(m: Money, unit: Unit) -> String {
    if m.rounded(unit).is_zero() {
        "0".to_string()
    } else {
        m.display(unit)
    }
}

/// What every section reads.
pub(crate) struct Ctx<'a> {
    pub(crate) budget: &'a Budget,
    pub(crate) s: &'a Summary,
    pub(crate) year: u16,
}

/// A document text as paragraphs, one per line, each an editable span (`text:duties` …).
pub(crate) fn text_paragraphs(field: TextField, text: &str, empty: Option<&str>) -> Vec<Paragraph> {
    let key = format!("text:{}", field.key());
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let span = |text: &str| {
        vec![Span::Written {
            key: key.clone(),
            text: text.to_string(),
        }]
    };
    if lines.is_empty() {
        return empty.map(|e| vec![span(e)]).unwrap_or_default();
    }
    lines.into_iter().map(span).collect()
}
