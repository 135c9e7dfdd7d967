//! Issue 22: the 情况说明's sentence rules, as data over generated budgets — zero, one and
//! many sources; no projects; projects without forms; no priors; a 事业单位; a department;
//! both templates — each asserting the exact sentences of the sections the rules shape.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::file;

/// A budget: its kind and units, sources, lines (`kind function economic source amount
/// [project]`), and extra JSON.
struct Case {
    name: &'static str,
    template: &'static str,
    units: &'static str,
    sources: &'static str,
    lines: &'static [&'static str],
    extra: &'static str,
    /// (section key, its exact text).
    expect: &'static [(&'static str, &'static str)],
}

const GP: &str = r#"{"id":"g","name":"一般公共预算","kind":"general_public"}"#;
const SY: &str = r#"{"id":"s1","name":"事业收入","kind":"non_fiscal"}"#;

fn budget_json(c: &Case) -> String {
    let lines: Vec<String> = c
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let project = f.get(5).map(|p| format!(r#","project":"{p}""#)).unwrap_or_default();
            format!(
                r#"{{"id":{},"kind":"{}","function":"{}","economic":"{}","source":"{}","current":"{}"{project}}}"#,
                i + 1,
                f[0],
                f[1],
                f[2],
                f[3],
                f[4]
            )
        })
        .collect();
    let template = match c.template {
        "" => String::new(),
        t => format!(r#","template":"{t}""#),
    };
    format!(
        r#"{{"format":"yusuan-budget","version":5,"scenarios":[{{"name":"x","budget":{{"unit":{{"name":"某单位","year":2025}},"sources":[{}],"lines":[{}],"income_follows_spending":true{}{template}{}}}}}]}}"#,
        c.sources.replace("G,S", &format!("{GP},{SY}")),
        lines.join(","),
        c.units,
        c.extra
    )
}

const CASES: &[Case] = &[
    Case {
        name: "no lines, one source",
        template: "",
        units: "",
        sources: GP,
        lines: &[],
        extra: "",
        expect: &[
            ("income", "2025年度预算收入0万元，主要包括一般公共预算拨款收入0万元，占0%；上年结转0万元，占0%。"),
            ("procurement", "2025年某单位单位政府采购预算总额0万元。其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算0万元。"),
            ("performance", "2025年某单位单位无实行绩效目标管理的项目。"),
        ],
    },
    Case {
        name: "a 行政单位 of one source, 基本支出 only, no priors",
        template: "",
        units: "",
        sources: GP,
        lines: &[
            "basic 2010301 30101 g 1000000",
            "basic 2010301 30201 g 200000",
        ],
        extra: "",
        expect: &[
            ("income", "2025年度预算收入120.00万元，主要包括一般公共预算拨款收入120.00万元，占100.00%；上年结转0万元，占0%。"),
            ("expense", "2025年度支出预算120.00万元，其中：基本支出120.00万元，占100.00%；项目支出0万元，占0%。"),
            ("basic", "2025年度一般公共预算基本支出120.00万元，其中：\n人员经费100.00万元，主要包括：基本工资等；\n公用经费20.00万元，主要包括：办公费等。"),
            ("office_running", "2025年度机关运行经费财政拨款预算20.00万元。"),
            ("procurement", "2025年某单位单位政府采购预算总额0万元。其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算0万元。"),
            ("performance", "2025年某单位单位无实行绩效目标管理的项目。"),
        ],
    },
    Case {
        name: "a 事业单位 of two sources with a project without its form",
        template: "",
        units: r#","units":[{"id":"u1","name":"某单位","type":"institution"}]"#,
        sources: "G,S",
        lines: &[
            "basic 2100401 30101 g 1000000",
            "basic 2100401 30201 s1 100000",
            "project 2100401 30218 g 600000 疫苗冷链",
        ],
        extra: "",
        expect: &[
            ("income", "2025年度预算收入170.00万元，主要包括一般公共预算拨款收入160.00万元，占94.12%；事业收入10.00万元，占5.88%；上年结转0万元，占0%。"),
            ("basic", "2025年度一般公共预算基本支出100.00万元，其中：\n人员经费100.00万元，主要包括：基本工资等；\n公用经费0万元。"),
            ("office_running", "2025年度本单位无机关运行经费财政拨款预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。"),
            ("performance", "2025年某单位单位有1个项目尚未填写绩效目标表。"),
        ],
    },
    Case {
        name: "a department of a 行政单位 and a 事业单位, with priors",
        template: "",
        units: r#","kind":"department","units":[{"id":"u1","name":"某局","type":"administrative"},{"id":"u2","name":"某中心","type":"institution"}]"#,
        sources: GP,
        lines: &[
            "basic 2010301 30201 g 100000",
            "basic 2010350 30201 g 50000",
        ],
        extra: r#","prior":{"income_total":"100000.00","expense_total":"100000.00","office_running":"80000.00"}"#,
        expect: &[
            ("changes", "2025年度预算收入总计15.00万元，其中：本年收入15.00万元，上年结转0万元，比上年增加5.00万元，增长50.00%；本年部门预算支出总计15.00万元，其中：本年预算安排15.00万元，上年结转0万元，比上年增加5.00万元，增长50.00%。"),
            ("office_running", "2025年度机关运行经费财政拨款预算15.00万元，比上年增加7.00万元，增长87.50%。"),
            ("procurement", "2025年某单位部门各单位政府采购预算总额0万元。其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算0万元。"),
            ("performance", "2025年某单位部门无实行绩效目标管理的项目。"),
        ],
    },
    Case {
        name: "the Shanghai template, a 事业单位 of two sources",
        template: "shanghai",
        units: r#","units":[{"id":"u1","name":"某单位","type":"institution"}]"#,
        sources: "G,S",
        lines: &[
            "basic 2010350 30101 g 1200000",
            "project 2010350 30227 s1 500000 群众文化活动",
        ],
        extra: "",
        expect: &[
            ("totals", "2025年，某单位收入预算170.00万元，其中：财政拨款收入120.00万元；事业收入50.00万元。\n支出预算170.00万元，其中：财政拨款支出预算120.00万元。"),
            ("office_running", "2025年本单位无机关运行经费预算（机关运行经费为行政单位和参照公务员法管理的事业单位的公用经费）。"),
            ("procurement", "2025年度本单位政府采购预算0万元，其中：政府采购货物预算0万元、政府采购工程预算0万元、政府采购服务预算0万元。"),
            ("performance", "2025年度，本单位编报绩效目标的项目共0个，涉及项目预算资金0万元。"),
        ],
    },
];

#[test]
fn the_narrative_follows_its_rules() {
    let mut failures = Vec::new();
    for c in CASES {
        let b = match file::from_json(&budget_json(c)) {
            Ok(b) => b,
            Err(e) => {
                failures.push(format!("{}: {e}", c.name));
                continue;
            }
        };
        let r = Report::build(&b, Options::default());
        if std::env::var_os("SENTENCES_PRINT").is_some() {
            println!("== {}", c.name);
            for sec in &r.narrative {
                println!("{}\t{}", sec.key, sec.text());
            }
        }
        for (key, text) in c.expect {
            let got = r
                .narrative
                .iter()
                .find(|s| s.key == *key)
                .map(|s| s.text())
                .unwrap_or_default();
            if got != *text {
                failures.push(format!(
                    "{} / {key}:\n  got      {got}\n  expected {text}",
                    c.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
