//! 名词解释: the document's terms, explained in our own words. The same short text is the
//! tooltip wherever the term appears in tables and the summary.

/// One term: `short` is the one-line tooltip, `text` the full explanation.
pub struct Term {
    pub term: &'static str,
    pub short: &'static str,
    pub text: &'static str,
}

pub const GLOSSARY: &[Term] = &[
    Term {
        term: "基本支出",
        short: "保障单位日常运转的支出：人员经费和公用经费",
        text: "为让单位正常运转、完成日常工作而安排的钱，分为人员经费（工资、社保缴费、住房公积金、退休费等）和公用经费（办公、差旅、会议、公务用车运行等）。",
    },
    Term {
        term: "项目支出",
        short: "为完成特定任务或事业发展目标安排的支出",
        text: "在基本支出之外，为完成某项特定工作任务或事业发展目标而安排的支出，按项目编列，通常设定绩效目标。",
    },
    Term {
        term: "人员经费",
        short: "工资福利支出与对个人和家庭的补助",
        text: "基本支出中花在人身上的部分：经济分类中的“工资福利支出”（301）和“对个人和家庭的补助”（303）。",
    },
    Term {
        term: "公用经费",
        short: "基本支出中除人员经费以外的部分",
        text: "基本支出中用于单位运转的商品和服务支出（302）等非人员支出，如办公费、水电费、公务接待费、公务用车运行维护费。",
    },
    Term {
        term: "“三公”经费",
        short: "因公出国（境）费、公务用车购置及运行费、公务接待费",
        text: "用财政拨款安排的三类支出：因公出国（境）费用，公务用车购置费和运行维护费，公务接待费。按经济分类科目30212、31013、30231、30217计算。",
    },
    Term {
        term: "机关运行经费",
        short: "财政拨款基本支出中的公用经费",
        text: "行政单位和参照公务员法管理的事业单位，用财政拨款安排的基本支出中的公用经费，反映机关日常运转的成本。",
    },
    Term {
        term: "财政拨款",
        short: "一般公共预算、政府性基金预算、国有资本经营预算的拨款",
        text: "财政部门从一般公共预算、政府性基金预算和国有资本经营预算中拨给单位的资金的合称。",
    },
    Term {
        term: "一般公共预算",
        short: "以税收为主体的财政收支预算",
        text: "以税收为主要来源，用于保障和改善民生、推动经济社会发展、维护国家安全和维持国家机构运转的收支预算。",
    },
    Term {
        term: "政府性基金预算",
        short: "专款专用的基金收支预算",
        text: "依法在一定期限内向特定对象征收、收取或筹集的资金，专门用于特定公共事业发展的收支预算。",
    },
    Term {
        term: "国有资本经营预算",
        short: "对国有资本收益安排支出的预算",
        text: "对国有资本取得的收益作出支出安排的收支预算。",
    },
    Term {
        term: "财政专户管理资金",
        short: "在财政专户管理的教育收费等资金",
        text: "存放在财政专户、按规定管理的资金，主要是教育收费，如高中以上学费、住宿费、委托培养费、考试考务费、培训费等。",
    },
    Term {
        term: "单位资金",
        short: "财政拨款和财政专户资金以外的单位收入",
        text: "除财政拨款和财政专户管理资金以外的资金，包括事业收入、事业单位经营收入、上级补助收入、附属单位上缴收入和其他收入。",
    },
    Term {
        term: "上年结转",
        short: "以前年度安排、结转到本年继续按原用途使用的资金",
        text: "以前年度已经安排但尚未用完、结转到本年仍按原定用途继续使用的资金。在收支总表中既是收入来源，也对应各科目的“上年结转安排”。",
    },
    Term {
        term: "支出功能分类",
        short: "按政府职能分类支出：类、款、项",
        text: "按政府的职能和活动对支出分类，编码分三级：类（3位）、款（5位）、项（7位），如201 一般公共服务支出、20103 政府办公厅（室）及相关机构事务、2010306 政务公开审批。每个类、款的金额等于其下级之和。",
    },
    Term {
        term: "支出经济分类",
        short: "按支出的经济性质分类：工资福利、商品和服务等",
        text: "按支出的经济性质和具体用途分类。部门预算支出经济分类（如301 工资福利支出、30101 基本工资）与政府预算支出经济分类（如501 机关工资福利支出、50101 工资奖金津补贴）相互对应。",
    },
    Term {
        term: "政府购买服务",
        short: "把适合市场提供的服务交给供应商承担并付费",
        text: "政府把属于自身职责、适合通过市场提供的服务事项，按政府采购的方式和程序交给符合条件的供应商承担，并按服务数量和质量付费。",
    },
    Term {
        term: "尾差调整",
        short: "调整舍入尾差，使显示的分项之和等于显示的合计",
        text: "各分项分别四舍五入后，其和可能与合计差0.01（如结构占比合计99.99%）。尾差调整按最大余数法分配尾差，使显示的占比合计为100.00%、显示的明细之和等于显示的合计；存储的金额不变。",
    },
];

/// The tooltip for a term, if it is in the glossary.
pub fn tooltip(term: &str) -> Option<&'static str> {
    GLOSSARY.iter().find(|t| t.term == term).map(|t| t.short)
}

/// English names of the 支出功能分类 类 (the 2023 classification), shown next to the Chinese
/// names in the English interface. The official names stay Chinese; these help a reader who
/// does not read Chinese to follow the structure.
pub const LEI_EN: &[(&str, &str)] = &[
    ("201", "General public services"),
    ("202", "Foreign affairs"),
    ("203", "National defence"),
    ("204", "Public security"),
    ("205", "Education"),
    ("206", "Science and technology"),
    ("207", "Culture, tourism, sports and media"),
    ("208", "Social security and employment"),
    ("210", "Health"),
    ("211", "Energy saving and environmental protection"),
    ("212", "Urban and rural community affairs"),
    ("213", "Agriculture, forestry and water"),
    ("214", "Transport"),
    ("215", "Resource exploration, industry and information"),
    ("216", "Commerce and services"),
    ("217", "Finance"),
    ("219", "Aid to other regions"),
    ("220", "Natural resources, oceans and meteorology"),
    ("221", "Housing security"),
    ("222", "Grain, oil and material reserves"),
    ("224", "Disaster prevention and emergency management"),
    ("227", "Reserve fund"),
    ("229", "Other expenditure"),
    ("230", "Transfers"),
    ("231", "Debt principal repayment"),
    ("232", "Debt interest"),
    ("233", "Debt issuance costs"),
];

/// The English name of a 类 code (three digits), if it is one.
///
/// ```
/// assert_eq!(yusuan::core::present::glossary::lei_english("201"), Some("General public services"));
/// assert_eq!(yusuan::core::present::glossary::lei_english("20103"), None);
/// ```
pub fn lei_english(code: &str) -> Option<&'static str> {
    LEI_EN.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)
}

#[cfg(test)]
mod tests {
    #[test]
    fn terms_are_unique_and_have_text() {
        let mut seen = std::collections::HashSet::new();
        for t in super::GLOSSARY {
            assert!(seen.insert(t.term), "{}", t.term);
            assert!(!t.short.is_empty() && t.text.len() > t.short.len());
        }
        assert_eq!(
            super::tooltip("机关运行经费"),
            Some("财政拨款基本支出中的公用经费")
        );
    }
}
