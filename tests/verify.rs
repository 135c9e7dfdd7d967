//! 核对公开文档 (issue 25, first part): published documents read back from text and checked.
//! The reference's text reads into its tables with no finding; the two shared PDFs' text
//! (`pdftotext -layout`) give exactly the slips found by reading them, each with its page;
//! one planted fault per rule is found in the reference's text.

use rust_decimal::Decimal;
use yusuan::core::verify::{verify_text, Finding, Severity, Verified};

const REFERENCE: &str = include_str!("fixtures/verify/reference-2023.txt");
const SHANGHAI: &str = include_str!("fixtures/verify/shanghai-municipal-unit-2025.layout.txt");
const PUTUO: &str = include_str!("fixtures/verify/putuo-wanli-department-2023.layout.txt");

fn check(name: &str, text: &str) -> Verified {
    verify_text(name, text).unwrap()
}

/// (rule, page, printed, expected) of each finding.
fn brief(v: &Verified) -> Vec<(&str, usize, String, String)> {
    v.findings
        .iter()
        .map(|f| {
            (
                f.rule.as_str(),
                f.page,
                f.printed.clone(),
                f.expected.clone(),
            )
        })
        .collect()
}

/// The reference's own findings (`brief`): its rounding difference in 万元, and its two
/// words printed twice.
fn reference_findings(wan: bool) -> Vec<(&'static str, usize, String, String)> {
    let mut out = Vec::new();
    if wan {
        out.push((
            "rounding",
            1,
            "1,081.30".to_string(),
            "1,081.31".to_string(),
        ));
    }
    for word in ["集中", "集中", "集中", "费用"] {
        out.push((
            "repeated_word",
            1,
            format!("{word}{word}"),
            word.to_string(),
        ));
    }
    out
}

fn d(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

#[test]
fn the_reference_reads_into_its_tables_with_no_finding() {
    let v = check("reference", REFERENCE);
    // Its findings are true: the 基本支出 table's 合计 1,081.30 is the rounded 10,813,046.x
    // 元, its parts 924.78 + 156.53 = 1,081.31 are rounded each (rounding); and two words
    // printed twice in the 项目概况 of its 绩效目标表 — “承担全市的集中集中审批职能” (three
    // projects' forms carry it) and “招标费用费用估算”.
    assert_eq!(brief(&v), reference_findings(true));
    assert_eq!(v.template.as_deref(), Some("standard"));
    assert!(v
        .summary()
        .starts_with("13张公开表（万元），13 张表，0 个错误，5 个警告"));
    let titles: Vec<&str> = v.tables.iter().map(|t| t.title.as_str()).collect();
    assert!(titles.contains(&"2023年预算收入总表"), "{titles:?}");
    assert!(titles.contains(&"2023年一般公共预算安排基本支出分经济科目表（不含上年结转）"));
    assert!(v.tables.iter().all(|t| t.recognised), "{titles:?}");
    // 收入总表's 政务公开审批: 合计, 一般公共预算, four blanks, 上年结转.
    let income = v
        .tables
        .iter()
        .find(|t| t.title == "2023年预算收入总表")
        .unwrap();
    assert_eq!(income.unit.as_deref(), Some("万元"));
    let row = income
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2010306"))
        .unwrap();
    assert_eq!(row.name, "政务公开审批");
    assert_eq!(
        row.amounts,
        [
            d("2759.10"),
            d("2759.10"),
            None,
            None,
            None,
            None,
            d("423.80")
        ]
    );
    let total = income.rows.iter().find(|r| r.total).unwrap();
    assert_eq!(total.amounts[0], d("3402.75"));
}

#[test]
fn the_shanghai_unit_budget_has_one_rounding_slip() {
    let v = check("shanghai", SHANGHAI);
    assert_eq!(v.tables.len(), 9);
    assert!(v
        .tables
        .iter()
        .all(|t| t.unit.as_deref() == Some("元") || t.title.contains("三公")));
    // 表8's 302 商品和服务支出 prints 24,840,779 (in 合计 and 公用经费) where its 18 款 add up
    // to 24,840,778: one 元 off, cells rounded separately — reported as rounding, not error.
    assert_eq!(
        brief(&v),
        [
            ("rounding", 17, "24,840,779".into(), "24,840,778".into()),
            ("rounding", 17, "24,840,779".into(), "24,840,778".into()),
        ]
    );
    assert!(v.findings.iter().all(|f| f.severity == Severity::Warning));
    assert!(!v.has_errors());
    // Its codes printed “201   06   01 行政运行” are read whole.
    let income = &v.tables[1];
    let row = income
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2010601"))
        .unwrap();
    assert_eq!(row.name, "行政运行");
    assert_eq!(row.amounts[0], d("84861719"));
}

#[test]
fn the_putuo_department_budget_has_five_slips_in_its_narrative() {
    let v = check("putuo", PUTUO);
    assert_eq!(v.tables.len(), 9);
    // Found by reading the document: “政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元”
    // (p. 6: the clause before's increase copied onto a zero figure); and in its per-项
    // sentences (2022 执行数 against 2023 预算): 100% on a zero 执行数 (p. 6 and p. 8),
    // 314.82% where 11.67 → 45.41 is 289.12% (p. 6), and 60.54% — the sentence before's
    // figure — where 132.59 → 441.25 is 232.79% (p. 7).
    assert_eq!(
        brief(&v),
        [
            ("negative_prior", 6, "增加1421.25万元".into(), String::new()),
            ("zero_base", 6, "100%".into(), String::new()),
            ("change_percent", 6, "314.82%".into(), "289.12%".into()),
            ("change_percent", 7, "60.54%".into(), "232.79%".into()),
            ("zero_base", 8, "100%".into(), String::new()),
        ]
    );
    assert!(v.has_errors());
    // A name that wraps in its cell (“…缴费支” / “出”) is read whole: no false name mismatch.
    let t = &v.tables[1];
    let row = t
        .rows
        .iter()
        .find(|r| r.code.as_deref() == Some("2080505"))
        .unwrap();
    assert_eq!(row.name, "机关事业单位基本养老保险缴费支出");
}

/// The reference's text with `from` replaced by `to` (once).
/// The reference with one change, and the findings the reference itself does not have (its
/// one rounding difference is left out).
fn planted(from: &str, to: &str) -> Verified {
    assert!(REFERENCE.contains(from), "{from}");
    let own = check("reference", REFERENCE).findings;
    let mut v = check("planted", &REFERENCE.replacen(from, to, 1));
    v.findings.retain(|f| !own.contains(f));
    v
}

#[test]
fn columns_and_tables_are_checked_against_each_other() {
    // Headings read: each amount column's meaning.
    let v = check("reference", REFERENCE);
    let heads = |title: &str| {
        v.tables
            .iter()
            .find(|t| t.title == title)
            .map(|t| t.headers.clone())
            .unwrap()
    };
    assert_eq!(
        heads("2023年预算支出总表"),
        ["合计", "基本支出", "项目支出"]
    );
    assert_eq!(
        heads("2023年一般公共预算安排基本支出分经济科目表（不含上年结转）"),
        ["合计", "人员经费", "公用经费"]
    );
    assert_eq!(heads("2023年预算收入总表").last().unwrap(), "上年结转");
    // 合计 = 基本支出 + 项目支出: a 项目支出 cell changed.
    let v = planted(
        "2010306\t政务公开审批\t3,182.90\t837.65\t2,345.25",
        "2010306\t政务公开审批\t3,182.90\t837.65\t2,354.25",
    );
    // The 款 above it no longer adds up (tree_sum), nor does its row across (column_sum).
    let rules: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["tree_sum", "column_sum"], "{:?}", v.findings);
    let f = v.findings.iter().find(|f| f.rule == "column_sum").unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("3,182.90", "3,191.90")
    );
    assert_eq!(f.column, Some(0));
    assert!(
        f.explanation
            .contains("基本支出 837.65 + 项目支出 2,354.25"),
        "{}",
        f.explanation
    );
    // 支出总表's 合计 against 收入总表's (3,402.75 + 上年结转 423.80 = 3,826.55).
    let v = planted(
        "合计\t\t3,826.55\t1,081.30\t2,745.25",
        "合计\t\t3,862.55\t1,117.30\t2,745.25",
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "across_tables")
        .unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("3,862.55", "3,826.55")
    );
    // 一般公共预算's 基本支出 against the 基本支出 table's 合计.
    let v = planted(
        "合计\t\t1,081.30\t924.78\t156.53",
        "合计\t\t1,018.30\t861.78\t156.53",
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "across_tables")
        .unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("1,018.30", "1,081.30")
    );
    assert!(
        f.explanation.contains("基本支出总数为1,081.30"),
        "{}",
        f.explanation
    );
    // A 一般公共预算 figure above the whole 支出 of its code.
    let v = planted(
        "2010306\t政务公开审批\t2,759.10\t837.65\t1,921.45",
        "2010306\t政务公开审批\t3,259.10\t837.65\t2,421.45",
    );
    assert!(v.findings.iter().any(|f| f.rule == "across_tables"
        && f.printed == "3,259.10"
        && f.expected == "≤ 3,182.90"));
}

/// The Shanghai-format document with one change, and the findings it does not have itself.
fn planted_putuo(from: &str, to: &str) -> Verified {
    assert!(PUTUO.contains(from), "{from}");
    let own = check("putuo", PUTUO).findings;
    let mut v = check("planted", &PUTUO.replacen(from, to, 1));
    v.findings.retain(|f| !own.contains(f));
    v
}

#[test]
fn codes_printed_without_their_leading_zeros_are_read() {
    // Copied from a sheet whose code columns are numbers: 类, 款, 项 in cells of their own.
    let text = "2023年预算支出总表\n单位：万元\n类\t款\t项\t科目名称\t合计\n\
208\t\t\t社会保障和就业支出\t91.69\n\
208\t5\t\t行政事业单位养老支出\t91.69\n\
208\t5\t5\t机关事业单位基本养老保险缴费支出\t91.69\n\
210\t11\t1\t行政单位医疗\t62.74\n";
    let v = check("zeros", text);
    let codes: Vec<&str> = v.tables[0]
        .rows
        .iter()
        .map(|r| r.code.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(codes, ["208", "20805", "2080505", "2101101"]);
    assert_eq!(v.tables[0].rows[2].name, "机关事业单位基本养老保险缴费支出");
    assert_eq!(
        v.tables[0].rows[2].amounts.iter().flatten().next(),
        d("91.69").as_ref()
    );
    assert!(
        v.findings.iter().all(|f| f.rule != "tree_sum"),
        "{:?}",
        v.findings
    );
}

#[test]
fn the_sangong_figures_and_the_wording_are_checked() {
    // The one-row 三公 form read by place (a blank 购置费 in the municipal document).
    let v = check("shanghai", SHANGHAI);
    let form = v.tables.iter().find(|t| t.title.contains("三公")).unwrap();
    let named: Vec<(&str, String)> = form
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.amounts[0].unwrap().to_string()))
        .collect();
    assert_eq!(
        named,
        [
            ("合计", "346.30".to_string()),
            ("因公出国（境）费", "288.70".into()),
            ("公务接待费", "25.40".into()),
            ("公务用车购置及运行费", "32.20".into()),
            ("公务用车运行费", "32.20".into()),
            ("机关运行经费", "2517.78".into()),
        ]
    );
    // The form's 合计 no longer its items' sum; the narrative's 22.91 no longer the table's.
    let v = planted_putuo(
        "        22.91              0       1.35",
        "        22.19              0       1.35",
    );
    assert_eq!(
        brief(&v),
        [
            ("sangong_sum", 28, "22.19".into(), "22.91".into()),
            (
                "narrative_amount",
                29,
                "22.91万元".into(),
                "22.19万元".into()
            ),
        ]
    );
    // A narrative amount off the table, one written in 元, the 机关运行经费.
    // (Its items no longer add up to the 22.91 printed before them either.)
    let v = planted_putuo("公务接待费1.35万元", "公务接待费1.53万元");
    assert_eq!(
        brief(&v),
        [
            ("enumeration", 29, "22.91万元".into(), "23.09万元".into()),
            ("narrative_amount", 29, "1.53万元".into(), "1.35万元".into())
        ]
    );
    let v = planted_putuo("公务接待费1.35万元", "公务接待费1.35元");
    assert_eq!(
        brief(&v),
        [("wan_as_yuan", 29, "1.35元".into(), "1.35万元".into())]
    );
    let v = planted_putuo("经费预算为786.09万元", "经费预算为768.09万元");
    assert_eq!(brief(&v)[0].0, "narrative_amount");
    // An enumeration that leaves one out: 政府采购 830.00 = 10.00 + 550.00 + 270.00.
    let v = planted_putuo("政府采购工程预算550.00万元、", "");
    let f = v.findings.iter().find(|f| f.rule == "enumeration").unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("830.00万元", "280.00万元")
    );
    // Paragraph items after “其中：”: (一) 0 + (二) 21.56 + (三) 1.35 = 22.91; one changed.
    let v = planted_putuo("（三）、公务接待费1.35万元", "（三）、公务接待费3.15万元");
    let rules: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["enumeration", "narrative_amount"],
        "{:?}",
        v.findings
    );
    // A word printed twice; a purpose that is another subject's; another year's text.
    let v = planted_putuo("主要用于统计管理。", "主要用于统计统计管理。");
    assert_eq!(
        brief(&v),
        [("repeated_word", 6, "统计统计".into(), "统计".into())]
    );
    let v = planted(
        "2023年度支出预算3826.55万元",
        "住房公积金（项）89.22万元，主要用于事业单位医疗保险支出。2023年度支出预算3826.55万元",
    );
    assert_eq!(brief(&v)[0].0, "purpose");
    let v = planted_putuo("比2022年预算持平。其中：", "比2021年预算持平。其中：");
    assert_eq!(
        brief(&v),
        [("other_year", 29, "2021年".into(), "2023年".into())]
    );
    // The unit's name printed differently in one header.
    let v = planted_putuo(
        "编制部门：上海市普陀区人民政府万里街道办事处                                              单位：元",
        "编制部门：上海市普陀区万里街道办事处                                              单位：元",
    );
    assert_eq!(
        brief(&v),
        [(
            "unit_name",
            15,
            "上海市普陀区万里街道办事处".into(),
            "上海市普陀区人民政府万里街道办事处".into()
        )]
    );
    // A code printed with another code's name (a digit slipped), and with a name of its own.
    let v = planted("2210201\t住房公积金\t89.22", "2210202\t住房公积金\t89.22");
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "code_table_name")
        .unwrap();
    assert_eq!(f.severity, yusuan::core::verify::Severity::Error);
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("2210202 住房公积金", "2210202 提租补贴")
    );
    assert!(
        f.explanation.contains("这是科目2210201的名称"),
        "{}",
        f.explanation
    );
    let v = planted(
        "2210201\t住房公积金\t89.22",
        "2210201\t住房公积金支出\t89.22",
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "code_table_name")
        .unwrap();
    assert_eq!(f.severity, yusuan::core::verify::Severity::Warning);
    // A share recomputed: 基本支出 1081.3 of 3826.55 is 28.26%, not 28.62%.
    let v = planted(
        "基本支出1081.3万元，占28.26%",
        "基本支出1081.3万元，占28.62%",
    );
    assert_eq!(brief(&v), [("share", 1, "28.62%".into(), "28.26%".into())]);
    // A table whose title is none of the templates': read as a generic table, noted.
    let v = planted(
        "## 2023年项目支出预算表（上年结转）",
        "## 2023年部门人员编制情况表",
    );
    let rules: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["missing_table", "unrecognised_table"],
        "{:?}",
        v.findings
    );
    assert_eq!(v.findings[1].severity, yusuan::core::verify::Severity::Info);
    // The 收支总表's 支出总计 off its 收入总计 and off the 支出总表's 合计.
    let v = planted(
        "收入总计\t3,826.55\t支出总计\t3,826.55\t3,402.75",
        "收入总计\t3,826.55\t支出总计\t3,862.55\t3,402.75",
    );
    assert_eq!(
        brief(&v),
        [
            ("balance", 1, "3,862.55".into(), "3,826.55".into()),
            ("balance", 1, "3,862.55".into(), "3,826.55".into())
        ]
    );
    assert!(v.findings[1]
        .explanation
        .contains("《2023年预算支出总表》的合计为3,826.55"));
    let v = planted_putuo(
        "收入总计            164,978,640",
        "收入总计            164,978,604",
    );
    assert_eq!(brief(&v)[0].0, "balance", "{:?}", v.findings);
    // A table of the template left out.
    let start = PUTUO
        .find("                     2023年部门“三公”经费和机关运行经费预算表")
        .unwrap();
    let end = start + PUTUO[start..].find("其他相关情况说明").unwrap();
    let v = check(
        "no sangong",
        &format!("{}{}", &PUTUO[..start], &PUTUO[end..]),
    );
    assert!(v
        .findings
        .iter()
        .any(|f| f.rule == "missing_table" && f.expected.contains("三公")));
}

#[test]
fn one_planted_fault_per_rule_is_found() {
    // A 项 amount changed: its 款 and 类 no longer add up.
    let v = planted(
        "2010306\t政务公开审批\t2,759.10",
        "2010306\t政务公开审批\t2,659.10",
    );
    let rules: Vec<&str> = v.findings.iter().map(|f| f.rule.as_str()).collect();
    // The 款 20103 is 100.00 off its 项; and 2010306's 收入 is no longer its 支出 (3,182.90 in
    // 支出总表 against 2,659.10 + 上年结转 423.80).
    assert_eq!(rules, ["tree_sum", "across_tables"], "{:?}", v.findings);
    assert_eq!(v.findings[0].printed, "3,159.10");
    assert_eq!(v.findings[0].expected, "3,059.10");
    assert_eq!(v.findings[1].printed, "3,182.90");
    assert_eq!(v.findings[1].expected, "3,082.90");
    assert_eq!(v.findings[1].column, Some(0));
    // One 分 off: rounding, a warning.
    let v = planted(
        "2010306\t政务公开审批\t2,759.10",
        "2010306\t政务公开审批\t2,759.11",
    );
    assert_eq!(brief(&v)[0].0, "rounding");
    assert!(!v.has_errors());
    // A code printed with a 类 that does not exist.
    let v = planted("2210201\t住房公积金\t89.22", "2910201\t住房公积金\t89.22");
    assert!(v
        .findings
        .iter()
        .any(|f| f.rule == "impossible_code" && f.printed == "2910201"));
    // The same code named differently in two tables.
    let v = planted(
        "2100799\t其他计划生育事务支出\t0.78",
        "2100799\t其它计划生育事务支出\t0.78",
    );
    let f = v.findings.iter().find(|f| f.rule == "code_names").unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("其他计划生育事务支出", "其它计划生育事务支出")
    );
    // A percentage that the amounts beside it do not give.
    let v = planted("减少190.83万元,下降5.31%", "减少190.83万元,下降5.13%");
    assert_eq!(
        brief(&v),
        [("change_percent", 1, "5.13%".into(), "5.31%".into())]
    );
    // 增加 … 下降: the direction words disagree.
    let v = planted("减少190.83万元,下降5.31%", "减少190.83万元,增长5.31%");
    assert!(v.findings.iter().any(|f| f.rule == "change_direction"));
    // A reason left empty.
    let v = planted("主要原因是项目的增加故预算总计增加；", "主要原因是；");
    assert_eq!(
        brief(&v),
        [("empty_reason", 1, "主要原因是；".into(), String::new())]
    );
}

#[test]
fn what_is_not_a_budget_document_is_said_so() {
    assert!(verify_text("x", "hello\nworld")
        .unwrap_err()
        .contains("不像预算公开文档"));
    let big = "预算".repeat(4 * 1024 * 1024);
    assert!(verify_text("x", &big).unwrap_err().contains("文件过大"));
    // Arbitrary text never panics.
    for t in [
        "\t\t\t",
        "合计\t1\t2",
        "201\t\t\t\n20101\t\t5",
        "比上年增加",
        "比2024年增加%",
        "原因是",
    ] {
        let _ = verify_text("x", t);
    }
}

// --- The PDFs themselves (core/verify/pdf.rs) against their `pdftotext -layout` text. ---

use yusuan::core::verify::{tables::ReadTable, verify_bytes};

const SHANGHAI_PDF: &[u8] = include_bytes!("fixtures/verify/shanghai-municipal-unit-2025.pdf");
const PUTUO_PDF: &[u8] = include_bytes!("fixtures/verify/putuo-wanli-department-2023.pdf");

/// A document's tables as the transcription prints them: per table its title line (title,
/// unit, page, headings), then its rows (code, name, amounts).
fn transcribed(v: &Verified) -> String {
    let mut out = String::new();
    for t in v.tables.iter().filter(|t| !t.rows.is_empty()) {
        out.push_str(&format!(
            "## {}\t{}\tp{}\t{}\n",
            t.title,
            t.unit.as_deref().unwrap_or(""),
            t.page,
            t.headers.join("\t")
        ));
        for r in &t.rows {
            let code = r.code.clone().unwrap_or(if r.total {
                "合计".into()
            } else {
                String::new()
            });
            let mut cells = vec![code, r.name.clone()];
            cells.extend(
                r.amounts
                    .iter()
                    .map(|a| a.map(|d| d.to_string()).unwrap_or_default()),
            );
            out.push_str(&cells.join("\t"));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_pdfs_tables_are_their_hand_checked_transcription() {
    for (pdf, tsv) in [
        (
            SHANGHAI_PDF,
            include_str!("fixtures/verify/shanghai-municipal-unit-2025.tables.tsv"),
        ),
        (
            PUTUO_PDF,
            include_str!("fixtures/verify/putuo-wanli-department-2023.tables.tsv"),
        ),
    ] {
        let want: String = tsv
            .lines()
            .filter(|l| !l.starts_with("# "))
            .map(|l| format!("{l}\n"))
            .collect();
        let got = transcribed(&verify_bytes("doc.pdf", pdf).unwrap());
        for (i, (a, b)) in got.lines().zip(want.lines()).enumerate() {
            assert_eq!(a, b, "line {} of the transcription", i + 1);
        }
        assert_eq!(got.lines().count(), want.lines().count());
    }
}

/// A row as the reader rebuilt it: code, name, amounts.
type Row = (Option<String>, String, Vec<Option<Decimal>>);

/// A table as the reader rebuilt it (title, unit, rows), without where its lines are.
fn cells(t: &ReadTable) -> (String, Option<String>, Vec<Row>) {
    (
        t.title.clone(),
        t.unit.clone(),
        t.rows
            .iter()
            .map(|r| (r.code.clone(), r.name.clone(), r.amounts.clone()))
            .collect(),
    )
}

#[test]
fn the_pdfs_rebuild_the_same_tables_and_slips_as_their_text() {
    for (pdf, text) in [(SHANGHAI_PDF, SHANGHAI), (PUTUO_PDF, PUTUO)] {
        let from_pdf = verify_bytes("doc.pdf", pdf).unwrap();
        let from_text = check("doc.txt", text);
        assert_eq!(from_pdf.tables.len(), from_text.tables.len());
        for (a, b) in from_pdf.tables.iter().zip(&from_text.tables) {
            assert_eq!(cells(a), cells(b), "{}", a.title);
        }
        assert_eq!(brief(&from_pdf), brief(&from_text));
    }
}

// --- Bad PDFs: each a clear message, no hang, no panic. ---

/// A PDF of these objects (numbered from 1; object 1 the catalog), with its xref table.
fn pdf_of(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(o);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn pdf(objects: &[&str]) -> Vec<u8> {
    pdf_of(
        &objects
            .iter()
            .map(|o| o.as_bytes().to_vec())
            .collect::<Vec<_>>(),
    )
}

/// One page whose content is this stream (its dictionary's extra entries, its bytes).
fn page_with(extra: &str, content: &[u8]) -> Vec<u8> {
    let mut stream = format!("<< /Length {} {extra} >>\nstream\n", content.len()).into_bytes();
    stream.extend(content);
    stream.extend(b"\nendstream");
    pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream,
    ])
}

/// One page showing `content` (an uncompressed stream) in Helvetica.
fn one_page(content: &str) -> Vec<u8> {
    pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])
}

#[test]
fn bad_pdfs_are_said_clearly() {
    let err = |bytes: &[u8]| verify_bytes("bad.pdf", bytes).unwrap_err();
    // A page of text that is no budget document.
    assert!(
        err(&one_page("BT /F1 12 Tf 72 700 Td (Hello world) Tj ET")).contains("不像预算公开文档")
    );
    // A scanned page: drawing, no text.
    assert!(err(&one_page("0 0 m 100 100 l S")).contains("没有文字层"));
    // Damaged: cut short, or garbage after the header.
    assert!(err(&SHANGHAI_PDF[..2_000]).contains("PDF 文件已损坏"));
    assert!(err(b"%PDF-1.7\n\x00\xff garbage").contains("PDF 文件已损坏"));
    // Pages that list themselves as their own kids (an object loop): refused or read, no hang.
    let looped = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]);
    assert!(verify_bytes("loop.pdf", &looped).is_err());
    // A page content nested 100,000 deep (the content parser recurses): refused.
    let deep = format!("BT {}{} ET", "[".repeat(100_000), "]".repeat(100_000));
    assert!(err(&page_with("", deep.as_bytes())).contains("嵌套过深"));
    // A 400 KB stream that inflates to 400 MB: refused as it inflates.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let mib = vec![b' '; 1 << 20];
    for _ in 0..400 {
        std::io::Write::write_all(&mut z, &mib).unwrap();
    }
    let bomb = page_with("/Filter /FlateDecode", &z.finish().unwrap());
    assert!(bomb.len() < 1 << 20);
    assert!(err(&bomb).contains("内容过大"));
    // Neither a PDF nor UTF-8 text.
    assert!(err(&[0xff, 0xfe, 0x00, 0x41]).contains("既不是 PDF"));
    // Encrypted with a password that is not empty: said as such.
    let content = "BT /F1 12 Tf 72 700 Td (2023) Tj ET";
    let locked = pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        &format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff> /U <ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100> >>",
    ]);
    let locked = String::from_utf8_lossy(&locked).replace(
        "/Root 1 0 R",
        "/Root 1 0 R /Encrypt 6 0 R /ID [<0102030405060708090a0b0c0d0e0f10> <0102030405060708090a0b0c0d0e0f10>]",
    );
    assert!(
        err(locked.as_bytes()).contains("已加密"),
        "{}",
        err(locked.as_bytes())
    );
}

#[test]
fn a_document_inflating_to_more_than_256_mb_is_refused() {
    // Eighteen pages share one stream of 40 KB that inflates to 15 MB (each page within its
    // 16 MB): 270 MB in all, refused at the eighteenth page before it is parsed.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &vec![b'%'; 15 << 20]).unwrap();
    let packed = z.finish().unwrap();
    let kids: Vec<String> = (0..18).map(|i| format!("{} 0 R", i + 4)).collect();
    let mut stream = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    stream.extend(&packed);
    stream.extend(b"\nendstream");
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count 18 >>", kids.join(" ")).into_bytes(),
        stream,
    ];
    for _ in 0..18 {
        objects.push(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>".to_vec(),
        );
    }
    let err = yusuan::core::verify::pdf::lines(&pdf_of(&objects)).unwrap_err();
    assert!(err.contains("超过 256 MB"), "{err}");
}

#[test]
fn an_object_stream_inflating_past_its_limit_is_refused_before_loading() {
    // 100 KB that inflate to 100 MB, declared an object stream: lopdf would inflate it whole
    // while loading; it is refused first.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::Write::write_all(&mut z, &vec![b' '; 100 << 20]).unwrap();
    let packed = z.finish().unwrap();
    let mut bomb = format!(
        "<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n",
        packed.len()
    )
    .into_bytes();
    bomb.extend(&packed);
    bomb.extend(b"\nendstream");
    let pdf = pdf_of(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec(),
        bomb,
    ]);
    let err = verify_bytes("bomb.pdf", &pdf).unwrap_err();
    assert!(err.contains("对象流解压后过大"), "{err}");
    // The shared PDFs' own object streams pass (the Shanghai one has four).
    assert!(verify_bytes("doc.pdf", SHANGHAI_PDF).is_ok());
}

#[test]
fn a_document_of_600_pages_is_read_and_one_of_1200_refused() {
    // Every page shows one line of a 支出总表 row; each page is read, none is lost.
    let pages = |n: usize| {
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 4)).collect();
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        ];
        let content = b"BT /F1 12 Tf 72 700 Td (2023 budget 201 1,000.00) Tj ET";
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend(content);
        stream.extend(b"\nendstream");
        objects.push(stream);
        for _ in 0..n {
            objects.push(
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".to_vec(),
            );
        }
        pdf_of(&objects)
    };
    let lines = yusuan::core::verify::pdf::lines(&pages(600)).unwrap();
    assert_eq!(lines.len(), 600);
    assert_eq!(lines.last().unwrap().page, 600);
    let err = yusuan::core::verify::pdf::lines(&pages(1200)).unwrap_err();
    assert!(err.contains("1200 页"), "{err}");
}

#[test]
fn a_subjects_amount_is_checked_against_its_row() {
    // All 34 per-项 sentences of the putuo department and the four per-类 ones of the
    // Shanghai unit agree with their tables (rounded from 元 to 万元): no finding above. A
    // planted wrong amount is found, and an amount cut off instead of rounded (2101101
    // 行政单位医疗 is 1,445,495 元 = 144.5495 万元: 144.55 rounded, 144.54 cut off) is its own kind.
    let quote = "机关事业单位基本养老保险缴费支出（项）”441.25万元";
    let v = check(
        "putuo",
        &PUTUO.replacen(quote, &quote.replace("441.25", "441.62"), 1),
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "subject_amount")
        .unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str(), f.page),
        ("441.62万元", "441.25万元", 7)
    );
    assert!(
        f.explanation
            .contains("2080505 机关事业单位基本养老保险缴费支出为4412547元"),
        "{}",
        f.explanation
    );
    let quote = "行政单位医疗（项）”144.55万元";
    let v = check(
        "putuo",
        &PUTUO.replacen(quote, &quote.replace("144.55", "144.54"), 1),
    );
    let f = v.findings.iter().find(|f| f.rule == "cut_off").unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("144.54万元", "144.55万元")
    );
    let v = check(
        "shanghai",
        &SHANGHAI.replacen("科目12,789万元", "科目12,798万元", 1),
    );
    assert_eq!(
        v.findings
            .iter()
            .filter(|f| f.rule == "subject_amount")
            .count(),
        1
    );
}

#[test]
fn notes_years_and_repeated_text() {
    // An empty-table note over a figure (the 政府性基金 支出表 given a 合计).
    let v = planted(
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t\t\t",
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t5.00\t\t5.00",
    );
    let f = v.findings.iter().find(|f| f.rule == "empty_note").unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.explanation.contains("注明本表为空，但印有金额"),
        "{}",
        f.explanation
    );
    // The putuo note of the 国有资本经营 table copied from the 政府性基金 one.
    let v = check(
        "putuo",
        &PUTUO.replacen(
            "本部门2023年无国有资本经营预算财政拨款安排的预算",
            "本部门2023年无政府性基金预算财政拨款安排的预算",
            1,
        ),
    );
    let f = v.findings.iter().find(|f| f.rule == "empty_note").unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("政府性基金", "国有资本经营")
    );
    // A table left over from another year.
    let v = check(
        "shanghai",
        &SHANGHAI.replace("2025年预算单位收入预算总表", "2024年预算单位收入预算总表"),
    );
    let f = v.findings.iter().find(|f| f.rule == "other_year").unwrap();
    assert_eq!((f.printed.as_str(), f.expected.as_str()), ("2024", "2025"));
    // A sentence pasted twice; a 绩效目标表's repeated labels are not reported (above).
    let sentence = "公用经费156.53万元,主要包括:办公费、公务用车运行维护费、福利费、其他商品和服务支出、其他交通费用、公务接待费、工会经费等。";
    let v = planted(sentence, &format!("{sentence}\n\n{sentence}"));
    assert_eq!(
        v.findings
            .iter()
            .filter(|f| f.rule == "repeated_text")
            .count(),
        1
    );
}

#[test]
fn a_code_with_a_digit_missing_and_a_subject_at_the_wrong_level() {
    // “201036” for 2010306: a code of six digits is no 类, 款 or 项.
    let v = planted(
        "2010306\t政务公开审批\t2,759.10",
        "201036\t政务公开审批\t2,759.10",
    );
    let f = v
        .findings
        .iter()
        .find(|f| f.rule == "impossible_code" && f.printed == "201036")
        .unwrap();
    assert!(f.explanation.contains("有6位"), "{}", f.explanation);
    // A 款 called a 项: “…统计信息事务（项）” where 20105 统计信息事务 is a 款.
    let v = check(
        "putuo",
        &PUTUO.replacen("统计信息事务（款）统计管理（项）", "统计信息事务（项）", 1),
    );
    let f = v.findings.iter().find(|f| f.rule == "wrong_level").unwrap();
    assert_eq!(
        (f.printed.as_str(), f.expected.as_str()),
        ("统计信息事务（项）", "统计信息事务（款）")
    );
    assert!(f.explanation.contains("20105"), "{}", f.explanation);
}

// --- Round trip: what the app prints verifies clean. ---

use proptest::prelude::*;
use yusuan::core::domain::command::{Command, Field};
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::figures::shares::Rounding;
use yusuan::core::formats::{reference, text::report_text};

fn printed(b: &yusuan::core::domain::model::Budget, unit: Unit, rounding: Rounding) -> Verified {
    let options = Options {
        unit,
        rounding,
        ..Options::default()
    };
    let r = Report::build(b, options);
    check("report.txt", &report_text(b, &r))
}

#[test]
fn the_apps_own_documents_verify_clean() {
    let b = reference::budget();
    for unit in [Unit::Wan, Unit::Yuan] {
        let v = printed(&b, unit, Rounding::Independent);
        assert_eq!(v.tables.len(), 13);
        // In 万元 the 基本支出 table's 合计 is one 分 off its 人员经费 + 公用经费, as in the
        // published document (in 元 not); the reference's words printed twice are its own.
        assert_eq!(brief(&v), reference_findings(unit == Unit::Wan));
    }
    let shanghai: yusuan::core::domain::model::Budget =
        yusuan::core::formats::file::from_json(include_str!("fixtures/shanghai-institution.json"))
            .unwrap();
    let v = printed(&shanghai, Unit::Yuan, Rounding::Independent);
    assert_eq!(v.tables.len(), 9);
    assert_eq!(v.findings, Vec::<Finding>::new());
}

/// When the budget's 收入总计 and 支出总计 print differently in `unit` — and only then (the
/// edits below do not keep it balanced) — its 收支总表s are reported unbalanced (`balance`);
/// the other findings are returned.
fn without_balance(
    b: &yusuan::core::domain::model::Budget,
    unit: Unit,
    mut v: Verified,
) -> Result<Verified, TestCaseError> {
    let s = Report::build(b, Options::default()).summary;
    let differ = s.income_total.rounded(unit) != s.expense_total.rounded(unit);
    let reported = v.findings.iter().any(|f| f.rule == "balance");
    if reported != differ {
        return Err(TestCaseError::fail(format!(
            "balance reported: {reported}, totals differ: {differ}: {:?}",
            v.findings
        )));
    }
    v.findings.retain(|f| f.rule != "balance");
    Ok(v)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any amounts: the printed document has no error but its imbalance when it has one;
    /// cells rounded separately may be one 分 of 万元 off their sum (reported as rounding).
    #[test]
    fn printed_budgets_verify_without_errors(edits in prop::collection::vec((0usize..60, 0i64..50_000_000_000), 1..12)) {
        let mut b = reference::budget();
        for (i, fen) in edits {
            let id = b.lines[i % b.lines.len()].id;
            b.apply(Command::UpdateLine { id, field: Field::Current(Money::from_fen(fen)) }).unwrap();
        }
        let v = without_balance(&b, Unit::Wan, printed(&b, Unit::Wan, Rounding::Independent))?;
        prop_assert!(!v.has_errors(), "{:?}", v.findings);
        // Rounding, and the reference's own words printed twice (its text is not edited).
        let own = |f: &Finding| f.rule == "repeated_word" && ["集中集中", "费用费用"].contains(&f.printed.as_str());
        prop_assert!(v.findings.iter().all(|f| f.rule == "rounding" || own(f)), "{:?}", v.findings);
        // 尾差调整 makes each column add up down the tree; across (合计 = 基本支出 + 项目支出)
        // and in the 三公 table items rounded each may still be one 分 off: rounding, and
        // never a tree's.
        let v = without_balance(&b, Unit::Wan, printed(&b, Unit::Wan, Rounding::LargestRemainder))?;
        let tree = |f: &Finding| f.explanation.contains("下级科目之和") || f.explanation.contains("各类之和");
        prop_assert!(
            v.findings.iter().all(|f| (f.rule == "rounding" && !tree(f)) || own(f)),
            "{:?}",
            v.findings
        );
    }

    /// The Shanghai format likewise: any amounts of the fixture's lines, printed in 元 (the
    /// 三公 form in 万元), verify without an error.
    #[test]
    fn printed_shanghai_budgets_verify_without_errors(edits in prop::collection::vec((0usize..60, 0i64..5_000_000_000), 1..8)) {
        let mut b: yusuan::core::domain::model::Budget =
            yusuan::core::formats::file::from_json(include_str!("fixtures/shanghai-institution.json")).unwrap();
        for (i, fen) in edits {
            let id = b.lines[i % b.lines.len()].id;
            b.apply(Command::UpdateLine { id, field: Field::Current(Money::from_fen(fen)) }).unwrap();
        }
        let v = without_balance(&b, Unit::Yuan, printed(&b, Unit::Yuan, Rounding::Independent))?;
        prop_assert!(!v.has_errors(), "{:?}", v.findings);
        prop_assert!(v.findings.iter().all(|f| f.rule == "rounding"), "{:?}", v.findings);
    }
}
