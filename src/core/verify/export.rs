//! The findings of checked documents as rows (one header row, then one row per finding), for
//! the page's CSV and XLSX downloads; and each rule's name for a reader.

use super::Verified;

/// The rules' names as a reader sees them, by rule id.
const RULE_NAMES: [(&str, &str); 27] = [
    ("tree_sum", "上下级合计不符"),
    ("rounding", "四舍五入尾差"),
    ("column_sum", "合计与分项不符"),
    ("across_tables", "表间数据不符"),
    ("code_names", "同一科目名称不一"),
    ("impossible_code", "科目编码有误"),
    ("empty_note", "空表说明有误"),
    ("other_year", "年份不符"),
    ("unrecognised_table", "未识别的表"),
    ("change_percent", "增减幅度算错"),
    ("change_direction", "增减方向矛盾"),
    ("zero_base", "上年为零写了幅度"),
    ("empty_reason", "原因空缺"),
    ("repeated_text", "重复的段落"),
    ("subject_amount", "科目金额与表不符"),
    ("cut_off", "截尾而非四舍五入"),
    ("wrong_level", "科目级次写错"),
    ("repeated_word", "重复的字词"),
    ("wan_as_yuan", "万元写成元"),
    ("purpose", "用途与科目不符"),
    ("unit_name", "单位名称不一致"),
    ("sangong_sum", "三公经费合计不符"),
    ("narrative_amount", "说明与表中金额不符"),
    ("enumeration", "列举各项之和不符"),
    ("missing_table", "缺少公开表"),
    ("code_table_name", "名称与科目表不符"),
    ("negative_prior", "增加额大于本年数"),
];

/// A rule's name for a reader (“其他” for an id it does not know).
pub fn rule_name(rule: &str) -> &'static str {
    RULE_NAMES
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|(_, name)| *name)
        .unwrap_or("其他")
}

/// Every rule id with a name, in the order the page's filter lists them.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    RULE_NAMES.iter().map(|(id, _)| *id)
}

pub const HEADER: [&str; 11] = [
    "文件",
    "格式",
    "严重程度",
    "规则",
    "规则编号",
    "页",
    "行",
    "原文",
    "印为",
    "应为",
    "说明",
];

/// The header and one row per finding of every document.
pub fn rows(files: &[Verified]) -> Vec<Vec<String>> {
    let mut out = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    for v in files {
        for f in &v.findings {
            out.push(vec![
                v.file.clone(),
                v.template_name().to_string(),
                f.severity.label().to_string(),
                rule_name(&f.rule).to_string(),
                f.rule.clone(),
                f.page.to_string(),
                f.line.to_string(),
                f.quote.clone(),
                f.printed.clone(),
                f.expected.clone(),
                f.explanation.clone(),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_is_a_row_under_the_header() {
        let v = crate::core::verify::verify_text(
            "a.txt",
            "2023年预算支出总表\n单位：万元\n合计\t\t5.00\n201\t一般公共服务支出\t4.00\n",
        )
        .unwrap();
        let rows = rows(&[v]);
        assert_eq!(rows[0][0], "文件");
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert_eq!(rows[1][3], "上下级合计不符");
        assert_eq!((rows[1][8].as_str(), rows[1][9].as_str()), ("5.00", "4.00"));
        assert_eq!(rule_name("nothing"), "其他");
    }
}
