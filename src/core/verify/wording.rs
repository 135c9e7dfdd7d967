//! The rules on the document's wording and form, one function each: an enumeration's items
//! against the total printed before them (`enumeration`), a word printed twice in a row
//! (`repeated_word`), a subject's purpose that names another subject's (`purpose`: 住房公积金
//! “用于医疗保险”), the unit's name printed differently in the headers (`unit_name`), a year in
//! the text that is neither the document's nor the one before (`other_year`), and the
//! template's tables that are missing (`missing_table`).

use super::finding::{Finding, Severity};
use super::layout::{DocLine, LineKind};
use super::narrative::{about_change, amounts_at, finding, half_unit, paragraphs, table_lines};
use super::rules::within_rounding;
use super::tables::ReadTable;
use crate::core::domain::template::TemplateId;
use crate::core::figures::templates;
use rust_decimal::Decimal;

pub fn check(lines: &[DocLine], tables: &[ReadTable], year: Option<&str>) -> Vec<Finding> {
    let skip = table_lines(tables);
    let prose = paragraphs(lines, &skip);
    let mut out = enumerations(&prose, year);
    for l in &prose {
        out.extend(purposes(l));
        out.extend(text_years(l, year));
    }
    out.extend(repeated_words(lines, &skip));
    out.extend(unit_names(lines));
    out.extend(missing_tables(tables));
    out
}

/// The amounts of a text that are figures, not changes: (start, end, amount).
/// An amount as printed and whether in 元 (else 万元).
type Amount = (Decimal, bool);

fn figures(s: &str, year: Option<&str>) -> Vec<(usize, usize, Amount)> {
    let mut from = 0;
    let mut out = Vec::new();
    for (start, end, v, in_yuan) in amounts_at(s) {
        let before = &s[from..start];
        from = end;
        // “单价50万元以上”: a threshold, not a figure.
        let threshold = ["以上", "以下", "以内"]
            .iter()
            .any(|w| s[end..].starts_with(w));
        if !about_change(before, year) && !threshold {
            out.push((start, end, (v, in_yuan)));
        }
    }
    out
}

/// Whether a paragraph starts with an enumerator: “（一）”, “(1)”, “1.”, “1、”, “①”.
fn enumerated(text: &str) -> bool {
    let t = text.trim_start();
    let first = t.chars().next();
    if first.is_some_and(|c| ('①'..='⑳').contains(&c)) {
        return true;
    }
    let inner = t
        .strip_prefix('（')
        .or_else(|| t.strip_prefix('('))
        .map(|r| {
            r.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        })
        .is_some_and(|r| r.starts_with(['）', ')']));
    let numbered = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .starts_with(['.', '、', '．'])
        && first.is_some_and(|c| c.is_ascii_digit());
    inner || numbered
}

/// The enumerations: “X万元，其中：A万元、B万元” in one sentence (up to the clause that starts
/// the next enumeration), and a paragraph ending “其中：” followed by enumerated paragraphs
/// (“（一）…A万元…”), whose first figures are its items.
fn enumerations(prose: &[DocLine], year: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, l) in prose.iter().enumerate() {
        for sentence in l.text.split('。') {
            out.extend(in_sentence(l, sentence, year));
        }
        let ends_open =
            l.text.trim_end().ends_with("其中：") || l.text.trim_end().ends_with("其中:");
        if !ends_open {
            continue;
        }
        let head = l
            .text
            .trim_end()
            .trim_end_matches(['：', ':'])
            .trim_end_matches("其中");
        let last = head
            .split('。')
            .rfind(|s| !s.trim().is_empty())
            .unwrap_or("");
        let totals: Vec<Amount> = figures(last, year).into_iter().map(|x| x.2).collect();
        let items: Vec<(Amount, &DocLine)> = prose[i + 1..]
            .iter()
            .take_while(|p| enumerated(&p.text))
            .filter_map(|p| Some((figures(&p.text, year).first()?.2, p)))
            .collect();
        out.extend(compare_items(l, last, &totals, &items));
    }
    out
}

/// “X万元，其中：A万元，B万元” within one sentence.
fn in_sentence(l: &DocLine, sentence: &str, year: Option<&str>) -> Vec<Finding> {
    let marks: Vec<usize> = sentence.match_indices("其中").map(|(i, _)| i).collect();
    let mut out = Vec::new();
    for (k, &at) in marks.iter().enumerate() {
        let begin = marks.get(k.wrapping_sub(1)).map_or(0, |p| p + "其中".len());
        let before = &sentence[begin..at];
        let Some(&(_, _, total)) = figures(before, year).last() else {
            continue;
        };
        // The items run to the clause that holds the next “其中” (that one's total).
        let mut end = sentence.len();
        if let Some(&next) = marks.get(k + 1) {
            end = sentence[at..next]
                .rfind(['；', ';'])
                .map_or(next, |e| at + e);
        }
        let scope = &sentence[at..end];
        let found = figures(scope, year);
        for &(_, item_end, item) in &found {
            out.extend(share(l, &scope[item_end..], item, total));
        }
        let items: Vec<(Amount, &DocLine)> = found.into_iter().map(|x| (x.2, l)).collect();
        out.extend(compare_items(l, &sentence[begin..end], &[total], &items));
    }
    out
}

/// “基本支出1081.3万元，占28.26%”: the share printed after an item of an enumeration against
/// the item ÷ the total, within what the printed figures' rounding allows.
fn share(
    l: &DocLine,
    after: &str,
    (item, item_yuan): Amount,
    (total, total_yuan): Amount,
) -> Option<Finding> {
    let rest = after.trim_start_matches([' ', '，', ',']);
    let rest = rest
        .strip_prefix("占比")
        .or_else(|| rest.strip_prefix('占'))?;
    let rest = rest.trim_start_matches(['为', '是']);
    let (printed, tail) = super::narrative::number(rest)?;
    if !tail.trim_start().starts_with(['%', '％']) || item_yuan != total_yuan || total.is_zero() {
        return None;
    }
    let hundred = Decimal::ONE_HUNDRED;
    let exact = item / total * hundred;
    // Each printed figure is within half a unit of its true value.
    let slack = half_unit(printed)
        + exact * (half_unit(item) / item.max(half_unit(item)) + half_unit(total) / total);
    if (exact - printed).abs() <= slack {
        return None;
    }
    let unit = if item_yuan { "元" } else { "万元" };
    // (Decimal's `{:.2}` cuts off: rounded half up first.)
    let exact =
        exact.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let quote: String = after.chars().take(20).collect();
    let mut f = finding(l, "share", Severity::Error, &quote);
    f.printed = format!("{printed}%");
    f.expected = format!("{exact}%");
    f.explanation =
        format!("占比 = {item}{unit} ÷ {total}{unit} × 100% = {exact}%，与印出的{printed}%不符");
    Some(f)
}

/// Items against the total(s) printed before them: a finding when they add up to none.
fn compare_items(
    l: &DocLine,
    quote: &str,
    totals: &[Amount],
    items: &[(Amount, &DocLine)],
) -> Option<Finding> {
    let yuan = totals.last()?.1;
    // Items in another unit than the total: the unit is the slip (wan_as_yuan says so).
    if items.len() < 2 || items.iter().any(|x| x.0 .1 != yuan) {
        return None;
    }
    let totals: Vec<Decimal> = totals.iter().filter(|t| t.1 == yuan).map(|t| t.0).collect();
    let items: Vec<Decimal> = items.iter().map(|x| x.0 .0).collect();
    let unit = if yuan { "元" } else { "万元" };
    let sum: Decimal = items.iter().sum();
    let dp = items
        .iter()
        .chain(&totals)
        .map(|x| x.scale())
        .max()
        .unwrap_or(0);
    let step = Decimal::new(1, dp);
    if totals
        .iter()
        .any(|t| within_rounding(*t, sum, step, items.len()))
    {
        return None;
    }
    let total = *totals.last()?;
    let terms: Vec<String> = items.iter().map(|x| x.to_string()).collect();
    let mut f = finding(l, "enumeration", Severity::Error, quote);
    f.printed = format!("{total}{unit}");
    f.expected = format!("{sum}{unit}");
    f.explanation = format!(
        "列举的{}项之和为{sum}{unit}（{}），与前面的总数{total}{unit}不符：可能漏列、多列了一项或某项金额有误",
        items.len(),
        terms.join(" + ")
    );
    Some(f)
}

/// Chinese characters only.
fn cjk(s: &[char]) -> bool {
    s.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
}

/// The texts a word is looked for twice in: each cell of a line of several cells (a form's
/// cells are not one text), and the prose, a line that does not end a sentence joined with
/// the next (a PDF wraps text anywhere).
fn texts(lines: &[DocLine], skip: &std::collections::HashSet<usize>) -> Vec<(DocLine, String)> {
    let mut out: Vec<(DocLine, String)> = Vec::new();
    let mut last: Option<&DocLine> = None;
    for l in lines.iter().filter(|l| !skip.contains(&l.number)) {
        let cells = l.texts();
        if cells.len() > 1 {
            out.extend(cells.iter().map(|c| (l.clone(), c.to_string())));
            last = None;
            continue;
        }
        // A wrapped line runs to the margin and goes on where it started; a short one (a
        // title, a form's label) ends, and a line of a form's other column is another text.
        let open = last.is_some_and(|p| {
            !p.text.ends_with(['。', '；', ';', '：', ':'])
                && p.text.chars().count() > 20
                && super::layout::continues(p, l)
        });
        match out.last_mut() {
            Some((_, text)) if open => text.push_str(&l.text),
            _ => out.push((l.clone(), l.text.clone())),
        }
        last = Some(l);
    }
    out
}

/// A word of two to six Chinese characters printed twice in a row (“增加增加”), once per
/// line and word.
fn repeated_words(lines: &[DocLine], skip: &std::collections::HashSet<usize>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for (l, text) in texts(lines, skip) {
        // A PDF form's cells are found by the gaps between text runs; two runs set close
        // (“经常性项目” “项目类别”) read as one cell, so a two-character word there is no slip.
        let shortest = if l.kind == LineKind::Placed && l.cells.len() > 1 {
            3
        } else {
            2
        };
        for f in repeated_in(&l, &text, shortest) {
            if !out
                .iter()
                .any(|o| o.line == f.line && o.printed == f.printed)
            {
                out.push(f);
            }
        }
    }
    out
}

fn repeated_in(l: &DocLine, text: &str, shortest: usize) -> Vec<Finding> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let hit = (shortest..=6).find(|&n| {
            i + 2 * n <= chars.len()
                && chars[i..i + n] == chars[i + n..i + 2 * n]
                && cjk(&chars[i..i + n])
        });
        let Some(n) = hit else {
            i += 1;
            continue;
        };
        let word: String = chars[i..i + n].iter().collect();
        let from = i.saturating_sub(8);
        let quote: String = chars[from..(i + 2 * n + 8).min(chars.len())]
            .iter()
            .collect();
        let mut f = finding(l, "repeated_word", Severity::Warning, &quote);
        f.printed = format!("{word}{word}");
        f.expected = word.clone();
        f.explanation = format!("“{word}”连写了两次：可能是多打了一遍");
        out.push(f);
        i += 2 * n;
    }
    out
}

/// Subjects whose purpose must not be another's: the subject's words, the words of other
/// subjects, and the words that may name it in its own purpose.
const PURPOSES: [(&str, &[&str], &[&str]); 4] = [
    (
        "住房公积金",
        &["医疗", "医保", "养老", "失业", "工伤"],
        &["公积金"],
    ),
    ("医疗", &["公积金", "养老"], &["医疗", "医保"]),
    ("养老", &["公积金", "医疗", "医保"], &["养老"]),
    ("职业年金", &["公积金", "医疗", "医保"], &["年金", "养老"]),
];

/// A subject marked “（项）” or “（款）” whose “用于 …” names another subject's purpose
/// (“住房公积金（项）…主要用于事业单位医疗保险支出”).
fn purposes(l: &DocLine) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in l.text.split('。') {
        let Some(mark) = sentence
            .rfind("（项）")
            .or_else(|| sentence.rfind("（款）"))
        else {
            continue;
        };
        let Some(use_at) = sentence[mark..].find("用于").map(|i| mark + i) else {
            continue;
        };
        let before = &sentence[..mark];
        let start = before
            .char_indices()
            .rfind(|(_, c)| matches!(c, '）' | '“' | '，' | '、'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let subject = &before[start..];
        let purpose = &sentence[use_at..];
        for (word, others, own) in PURPOSES {
            if !subject.contains(word) || own.iter().any(|w| purpose.contains(w)) {
                continue;
            }
            if let Some(other) = others.iter().find(|w| purpose.contains(**w)) {
                let mut f = finding(l, "purpose", Severity::Warning, sentence);
                f.printed = purpose.to_string();
                f.explanation = format!(
                    "“{subject}”的用途写成了“{}”，说的是{other}方面的支出：用途与科目不符",
                    purpose.trim_start_matches("用于")
                );
                out.push(f);
                break;
            }
        }
    }
    out
}

/// The labels a page header gives the unit's name after.
const NAME_LABELS: [&str; 5] = [
    "编制部门",
    "编制单位",
    "单位名称",
    "预算主管部门",
    "部门名称",
];

/// The unit's name a line gives after one of the labels and a colon, to the next gap.
fn labelled_name(l: &DocLine) -> Option<String> {
    let cell = l
        .cells
        .iter()
        .find(|c| NAME_LABELS.iter().any(|w| c.text.starts_with(w)))?;
    let (_, rest) = cell.text.split_once(['：', ':'])?;
    let name = rest.split_whitespace().next()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The unit's name as the headers print it: every one that differs from the most common.
fn unit_names(lines: &[DocLine]) -> Vec<Finding> {
    let named: Vec<(&DocLine, String)> = lines
        .iter()
        .filter_map(|l| Some((l, labelled_name(l)?)))
        .collect();
    let mut count: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for (_, n) in &named {
        *count.entry(n.as_str()).or_default() += 1;
    }
    let Some((usual, _)) = count.iter().max_by_key(|(_, n)| **n) else {
        return Vec::new();
    };
    named
        .iter()
        .filter(|(_, n)| n != usual)
        .map(|(l, n)| {
            let mut f = finding(l, "unit_name", Severity::Warning, &l.text);
            f.printed = n.clone();
            f.expected = usual.to_string();
            f.explanation = format!("单位名称印为“{n}”，文档其他各处为“{usual}”");
            f
        })
        .collect()
}

/// “20XX年预算” (or 年度预算, 年部门预算 …) in the text with a year that is neither the
/// document's nor the one before: text left over from another year's document.
fn text_years(l: &DocLine, year: Option<&str>) -> Vec<Finding> {
    let Some(y) = year.and_then(|y| y.parse::<i32>().ok()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, _) in l.text.match_indices('年') {
        if i < 4 || !l.text.is_char_boundary(i - 4) {
            continue;
        }
        let Ok(n) = l.text[i - 4..i].parse::<i32>() else {
            continue;
        };
        let after: String = l.text[i + '年'.len_utf8()..].chars().take(6).collect();
        let budget = after.starts_with("预算")
            || after.starts_with("度预算")
            || after.starts_with("部门预算")
            || after.starts_with("单位预算")
            || after.starts_with("度部门预算")
            || after.starts_with("度单位预算");
        if budget && n != y && n != y - 1 && (1990..2100).contains(&n) {
            let mut f = finding(l, "other_year", Severity::Warning, &l.text);
            f.printed = format!("{n}年");
            f.expected = format!("{y}年");
            f.explanation =
                format!("文中写到“{n}年{after}…”，本文档是{y}年预算：可能是往年文档留下的文字");
            out.push(f);
        }
    }
    out
}

/// The tables of the recognised template that the document does not have.
fn missing_tables(tables: &[ReadTable]) -> Vec<Finding> {
    let Some(template) = super::template::recognise(tables.iter().map(|t| t.title.as_str())) else {
        return Vec::new();
    };
    let first = tables.first();
    templates::tables(template)
        .iter()
        .filter(|spec| !tables.iter().any(|t| t.kind == Some(spec.id)))
        .map(|spec| Finding {
            rule: "missing_table".into(),
            column: None,
            severity: Severity::Warning,
            page: first.map_or(1, |t| t.page),
            line: first.map_or(1, |t| t.line),
            quote: spec.title.to_string(),
            printed: String::new(),
            expected: spec.title.to_string(),
            explanation: format!(
                "按{}的格式，应有《{}》，文档中没有找到：没有数据的表也应公开空表并说明",
                template_name(template),
                spec.title
            ),
        })
        .collect()
}

fn template_name(t: TemplateId) -> &'static str {
    t.name()
}
