//! The rules on a document's sentences, one function each: a 比上年 change's percentage
//! recomputed from the amounts printed beside it (`change_percent`), its two direction words
//! against each other (`change_direction`), a percentage on a zero base (`zero_base`), a
//! reason left empty (`empty_reason`), a block of text printed twice (`repeated_text`), a subject's amount (“…（项）”441.25万元, “…”科目12,789万元)
//! against its row in the tables (`subject_amount`; cut off instead of rounded: `cut_off`),
//! a subject marked at the wrong level (`wrong_level`: a 款 called a 项).

use super::finding::{Finding, Severity};
use super::layout::DocLine;
use super::tables::{ReadRow, ReadTable};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;

/// The sentence rules over the lines outside the tables.
pub fn check(lines: &[DocLine], tables: &[ReadTable]) -> Vec<Finding> {
    let table_lines = table_lines(tables);
    let index = candidate_tables(tables);
    let mut out = repeated(lines, &table_lines);
    for l in paragraphs(lines, &table_lines) {
        for sentence in l.text.split(['。', '；', ';']) {
            out.extend(changes(&l, sentence));
            out.extend(subject_amounts(&l, sentence, &index));
        }
        out.extend(empty_reasons(&l));
    }
    out
}

/// The lines of the tables, each from its title to its last line.
pub(super) fn table_lines(tables: &[ReadTable]) -> std::collections::HashSet<usize> {
    tables.iter().flat_map(|t| t.line..=t.last_line).collect()
}

/// Every “N万元” or “N元” amount in a text: where it starts, where its unit ends, the amount
/// and whether the unit is 元 (not 万元).
pub(super) fn amounts_at(s: &str) -> Vec<(usize, usize, Decimal, bool)> {
    let mut out = Vec::new();
    for (i, c) in s.char_indices() {
        let starts = c.is_ascii_digit()
            && !s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || p == ',' || p == '.');
        if !starts {
            continue;
        }
        let Some((v, rest)) = number(&s[i..]) else {
            continue;
        };
        let gap = rest.len() - rest.trim_start().len();
        let after = s.len() - rest.len() + gap;
        if rest.trim_start().starts_with("万元") {
            out.push((i, after + "万元".len(), v, false));
        } else if rest.trim_start().starts_with('元') {
            out.push((i, after + "元".len(), v, true));
        }
    }
    out
}

/// The last clause of a text: after its last “，”, “；”, “：” or “、”.
pub(super) fn clause(before: &str) -> &str {
    before
        .rfind(['，', '；', '：', '、', ',', ';', ':'])
        .map(|i| &before[i..])
        .unwrap_or(before)
}

/// Whether the words before an amount (back to the amount before it) make it a change or
/// another year's figure, not the figure itself: in the clause right before it (after the
/// last “，”, “；”, “：” or “、”), a change word, a comparison, or a year other than the
/// document's.
pub(super) fn about_change(before: &str, year: Option<&str>) -> bool {
    let clause = clause(before);
    let change = [
        "增加",
        "减少",
        "增长",
        "下降",
        "持平",
        "比",
        "较",
        "上年",
        "同比",
        "执行数",
    ];
    let other_year = year.is_some_and(|y| {
        clause.match_indices('年').any(|(i, _)| {
            i >= 4
                && clause.is_char_boundary(i - 4)
                && clause[i - 4..i].chars().all(|c| c.is_ascii_digit())
                && &clause[i - 4..i] != y
        })
    });
    change.iter().any(|w| clause.contains(w)) || other_year
}

/// The narrative's paragraphs (the lines outside the tables, each table from its title to
/// its last line): a line that does not end a sentence goes on in the next (text laid out by
/// a PDF wraps), joined into the first line's place.
pub(super) fn paragraphs(
    lines: &[DocLine],
    table_lines: &std::collections::HashSet<usize>,
) -> Vec<DocLine> {
    let mut out: Vec<DocLine> = Vec::new();
    let mut last: Option<&DocLine> = None;
    for l in lines.iter().filter(|l| !table_lines.contains(&l.number)) {
        let open = last.is_some_and(|p| {
            !p.text.ends_with(['。', '；', ';', '：', ':'])
                && p.text.chars().count() > 20
                && super::layout::continues(p, l)
        });
        match out.last_mut() {
            Some(p) if open => p.text.push_str(&l.text),
            _ => out.push(l.clone()),
        }
        last = Some(l);
    }
    out
}

pub(super) fn finding(l: &DocLine, rule: &'static str, severity: Severity, quote: &str) -> Finding {
    Finding {
        rule: rule.into(),
        column: None,
        severity,
        page: l.page,
        line: l.number,
        quote: quote.to_string(),
        printed: String::new(),
        expected: String::new(),
        explanation: String::new(),
    }
}

/// A number at the start of `s` (digits, separators, a point), and the rest.
pub(super) fn number(s: &str) -> Option<(Decimal, &str)> {
    let s = s.trim_start();
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let v: Decimal = s[..end]
        .trim_end_matches('.')
        .replace(',', "")
        .parse()
        .ok()?;
    Some((v, &s[end..]))
}

const UP: [&str; 2] = ["增加", "增长"];
const DOWN: [&str; 2] = ["减少", "下降"];

/// “增加”/“减少” (or 增长/下降) at the start of `s`: +1, −1.
fn direction(s: &str) -> Option<(i8, &str)> {
    let s = s.trim_start_matches([' ', '，', ',', '、']);
    for w in UP {
        if let Some(r) = s.strip_prefix(w) {
            return Some((1, r));
        }
    }
    for w in DOWN {
        if let Some(r) = s.strip_prefix(w) {
            return Some((-1, r));
        }
    }
    None
}

/// A parsed “比上年增加Δ万元，增长P%”: the amounts before it, the change with its sign, the
/// percentage with its word's sign.
struct Change {
    before: Vec<Decimal>,
    /// The change's amount; none when only the percentage is printed.
    delta: Option<Decimal>,
    sign: i8,
    percent: Option<(Decimal, i8)>,
    quote: String,
}

/// What follows “比” when it names the year compared with: “上年” or “2024年”, then what of
/// it (预算数, 预算执行数 …); the rest.
fn compared_year(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("上年").or_else(|| {
        let digits = s
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count();
        (digits == 4).then(|| s[4..].strip_prefix('年')).flatten()
    })?;
    let mut rest = rest.trim_start();
    for skip in ["预算执行数", "执行数", "预算数", "预算", "同期"] {
        if let Some(r) = rest.strip_prefix(skip) {
            rest = r;
            break;
        }
    }
    Some(rest)
}

/// The amounts printed before `k` that a change may be of: the last few (a sentence of
/// thousands of changes must not gather every amount before each).
fn amounts_before(all: &[(usize, Decimal)], k: usize) -> Vec<Decimal> {
    let end = all.partition_point(|a| a.0 < k);
    all[end.saturating_sub(16)..end]
        .iter()
        .map(|a| a.1)
        .collect()
}

/// Where a change's quote starts: the sentence's start, or the first of those few amounts in
/// a sentence of more (a quote is not the whole of a long sentence again for each change).
fn quote_from(all: &[(usize, Decimal)], k: usize) -> usize {
    let end = all.partition_point(|a| a.0 < k);
    if end > 16 {
        all[end - 16].0
    } else {
        0
    }
}

fn parse_changes(sentence: &str) -> Vec<Change> {
    let all: Vec<(usize, Decimal)> = amounts_at(sentence)
        .into_iter()
        .map(|(at, _, v, yuan)| (at, if yuan { v / Decimal::from(10_000) } else { v }))
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = sentence[from..].find('比').map(|k| k + from) {
        from = k + '比'.len_utf8();
        let Some(rest) = compared_year(&sentence[from..]) else {
            continue;
        };
        let Some((sign, rest)) = direction(rest) else {
            continue;
        };
        let Some((delta, rest)) = number(rest) else {
            continue;
        };
        // “减少49.99元” beside figures in 万元: every amount is compared in 万元.
        let delta = if rest.trim_start().starts_with('元') {
            delta / Decimal::from(10_000)
        } else {
            delta
        };
        // “比上年预算执行数增加60.54%”: only the percentage, the amounts before it.
        if let Some(after) = after_percent(rest) {
            let end = sentence.len() - after.len();
            out.push(Change {
                before: amounts_before(&all, k),
                delta: None,
                sign,
                percent: Some((delta, sign)),
                quote: sentence[quote_from(&all, k)..end.min(sentence.len())]
                    .trim()
                    .to_string(),
            });
            continue;
        }
        let rest = rest
            .trim_start()
            .trim_start_matches("万元")
            .trim_start_matches('元');
        // The quote ends after the percentage (or after the change when there is none): at
        // the start of what follows, a suffix of the sentence, so always on a character.
        let with_percent = direction(rest).and_then(|(s2, r)| {
            let (p, r) = number(r)?;
            after_percent(r).map(|after| ((p, s2), after))
        });
        let (percent, end) = match with_percent {
            Some((p, after)) => (Some(p), sentence.len() - after.len()),
            None => (None, sentence.len() - rest.len()),
        };
        out.push(Change {
            before: amounts_before(&all, k),
            delta: Some(delta),
            sign,
            percent,
            quote: sentence[quote_from(&all, k)..end.min(sentence.len())]
                .trim()
                .to_string(),
        });
    }
    out
}

/// What follows a percent sign at the start of `s` (after blanks), if there is one.
fn after_percent(s: &str) -> Option<&str> {
    let s = s.trim_start();
    s.strip_prefix('%').or_else(|| s.strip_prefix('％'))
}

/// Half a unit of a printed figure's last decimal (its rounding may hide that much).
pub(super) fn half_unit(v: Decimal) -> Decimal {
    Decimal::new(5, v.scale() + 1)
}

/// Whether a printed percentage `p` is what `delta ÷ prior` gives for some true figures
/// within the printed ones' rounding (`delta ± d`, `prior ± q`), to the printed 0.01.
fn within(delta: Decimal, d: Decimal, prior: Decimal, q: Decimal, p: Decimal) -> bool {
    let low_base = prior.abs() - q;
    if low_base <= Decimal::ZERO {
        return false;
    }
    let sign = if delta.is_sign_negative() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    let m = delta.abs();
    let ratio = |num: Decimal, den: Decimal| {
        num.checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(den))
            .unwrap_or(Decimal::MAX)
    };
    let low = ratio((m - d).max(Decimal::ZERO), prior.abs() + q);
    let high = ratio(m + d, low_base);
    let tolerance = Decimal::new(1, 2);
    let p = p * sign;
    p >= low - tolerance && p <= high + tolerance
}

fn pct(delta: Decimal, prior: Decimal) -> Decimal {
    (delta * Decimal::ONE_HUNDRED / prior)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Each 比上年 change of a sentence: direction words that disagree, a percentage on a zero
/// base, a percentage no printed amount before it gives.
fn changes(l: &DocLine, sentence: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for c in parse_changes(sentence) {
        out.extend(negative_prior(l, &c));
        let Some((p, psign)) = c.percent else {
            continue;
        };
        if psign != c.sign {
            let mut f = finding(l, "change_direction", Severity::Error, &c.quote);
            f.printed = c.quote.clone();
            f.explanation = "同一变动前说增加、后说下降（或相反）：方向词自相矛盾".into();
            out.push(f);
        }
        let Some(delta) = c.delta else {
            out.extend(percent_only(l, &c, p));
            continue;
        };
        let priors: Vec<Decimal> = c
            .before
            .iter()
            .map(|cur| *cur - Decimal::from(c.sign) * delta)
            .collect();
        if priors.is_empty() {
            continue;
        }
        if priors.iter().all(|p| p.is_zero()) {
            let mut f = finding(l, "zero_base", Severity::Error, &c.quote);
            f.printed = format!("{}%", p.normalize());
            f.explanation = "上年数为0：增减幅度无法计算，不应写百分比".into();
            out.push(f);
            continue;
        }
        let fits = c.before.iter().any(|cur| {
            let prior = *cur - Decimal::from(c.sign) * delta;
            // Both printed figures are rounded: the prior is within the two half-units.
            let slack = half_unit(*cur) + half_unit(delta);
            within(delta.abs(), half_unit(delta), prior, slack, p)
        });
        if !fits {
            let cur = c.before[0];
            let prior = priors[0];
            let want = if prior.is_zero() {
                Decimal::ZERO
            } else {
                pct(delta, prior)
            };
            let mut f = finding(l, "change_percent", Severity::Error, &c.quote);
            f.printed = format!("{}%", p.normalize());
            f.expected = format!("{want:.2}%");
            f.explanation = format!(
                "增减幅度 = 变动额 ÷ 上年数：{} ÷（{} {} {}）× 100% = {want:.2}%，与印出的{}%不符",
                delta.normalize(),
                cur.normalize(),
                if c.sign > 0 { "−" } else { "+" },
                delta.normalize(),
                p.normalize()
            );
            out.push(f);
        }
    }
    out
}

/// An increase larger than the figure it leads to (“…支出预算0万元，比2022年预算增加1421.25
/// 万元”): the year before would have been below zero — the increase or the figure is wrong
/// (often a clause copied from the one before).
fn negative_prior(l: &DocLine, c: &Change) -> Option<Finding> {
    // Whichever figure before it the change is of (the sentence's total or an item), each
    // is below the increase.
    let (Some(delta), Some(&cur)) = (c.delta, c.before.iter().max()) else {
        return None;
    };
    let prior = cur - delta;
    if c.sign < 0 || prior >= -(half_unit(cur) + half_unit(delta)) {
        return None;
    }
    let mut f = finding(l, "negative_prior", Severity::Error, &c.quote);
    f.printed = format!("增加{}万元", delta.normalize());
    f.explanation = format!(
        "本年为{}万元，比上年增加{}万元，则上年为{}万元，是负数：增加额或本年数有误（可能照抄了上一句）",
        cur.normalize(),
        delta.normalize(),
        prior.normalize()
    );
    Some(f)
}

/// A change printed as a percentage only (“上年执行数为A万元，本年安排B万元，比上年增加P%”):
/// some earlier amount and a later one must give it; the last two printed are the pair
/// expected. A zero earlier amount is a percentage on a zero base.
fn percent_only(l: &DocLine, c: &Change, p: Decimal) -> Vec<Finding> {
    let a = &c.before;
    if a.len() < 2 {
        return Vec::new();
    }
    let signed = p * Decimal::from(c.sign);
    let fits = (0..a.len()).any(|i| {
        (i + 1..a.len()).any(|j| {
            let slack = half_unit(a[i]) + half_unit(a[j]);
            within(a[j] - a[i], slack, a[i], half_unit(a[i]), signed)
        })
    });
    if fits {
        return Vec::new();
    }
    let (prior, cur) = (a[a.len() - 2], a[a.len() - 1]);
    if prior.is_zero() {
        let mut f = finding(l, "zero_base", Severity::Error, &c.quote);
        f.printed = format!("{}%", p.normalize());
        f.explanation = format!(
            "比较的上年数为0（本年{}万元）：增减幅度无法计算，不应写百分比",
            cur.normalize()
        );
        return vec![f];
    }
    let want = pct(cur - prior, prior);
    let mut f = finding(l, "change_percent", Severity::Error, &c.quote);
    f.printed = format!("{}%", signed.normalize());
    f.expected = format!("{want:.2}%");
    f.explanation = format!(
        "增减幅度 =（{} − {}）÷ {} × 100% = {want:.2}%，与印出的{}%不符",
        cur.normalize(),
        prior.normalize(),
        prior.normalize(),
        signed.normalize()
    );
    vec![f]
}

/// “主要原因是。”: a reason with nothing in it (a line that ends after “原因是” may go on in
/// the next line, so only a reason closed by a stop in the same line counts).
fn empty_reasons(l: &DocLine) -> Vec<Finding> {
    let mut out = Vec::new();
    for (k, _) in l.text.match_indices("原因是") {
        let after = l.text[k + "原因是".len()..].trim_start_matches([':', '：', ' ']);
        if !after.starts_with(['。', '；', ';', '，', ',']) {
            continue;
        }
        let start = l.text[..k]
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '。' | '；' | ';' | '，' | ','))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(0);
        let quote = l.text[start..k + "原因是".len()].trim().to_string();
        let mut f = finding(l, "empty_reason", Severity::Warning, &quote);
        f.printed = format!("{quote}{}", after.chars().next().unwrap_or('。'));
        f.explanation = "增减原因没有写出内容（“原因是”后即为句号）".into();
        out.push(f);
    }
    out
}

/// “一般公共服务支出（类）统计信息事务（款）统计管理（项）”2.63万元, or “一般公共服务支出”科目12,789万元:
/// the subject's names (类, 款, 项 as far as given) and the amount printed for it.
struct Subject {
    names: Vec<String>,
    /// The level each name is marked with (“类”, “款”, “项”), where it is marked.
    marks: Vec<Option<&'static str>>,
    amount: Decimal,
    quote: String,
}

const LEVELS: [&str; 3] = ["类", "款", "项"];

/// “A（类）B（款）C（项）” as names and the level each is marked with.
fn marked_names(inner: &str) -> (Vec<String>, Vec<Option<&'static str>>) {
    let (mut names, mut marks) = (Vec::new(), Vec::new());
    let mut rest = inner;
    loop {
        let next = LEVELS
            .iter()
            .filter_map(|l| rest.find(&format!("（{l}）")).map(|k| (k, *l)))
            .min_by_key(|(k, _)| *k);
        match next {
            Some((k, level)) => {
                names.push(rest[..k].trim().to_string());
                marks.push(Some(level));
                rest = &rest[k + format!("（{level}）").len()..];
            }
            None => {
                if !rest.trim().is_empty() {
                    names.push(rest.trim().to_string());
                    marks.push(None);
                }
                break;
            }
        }
    }
    (names, marks)
}

fn subjects(sentence: &str) -> Vec<Subject> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = sentence[from..].find('“').map(|k| k + from) {
        let Some(close) = sentence[open..].find('”').map(|k| k + open) else {
            break;
        };
        from = close + '”'.len_utf8();
        let inner = &sentence[open + '“'.len_utf8()..close];
        let rest = sentence[from..].trim_start();
        let rest = rest.strip_prefix("科目").unwrap_or(rest);
        let Some((amount, after)) = number(rest) else {
            continue;
        };
        if !after.trim_start().starts_with("万元") {
            continue;
        }
        let (names, marks) = marked_names(inner);
        if names.iter().any(String::is_empty) {
            continue;
        }
        if names.is_empty() || names.len() > 3 || inner.chars().count() > 80 {
            continue;
        }
        let end = sentence.len() - after.len() + after.find("万元").unwrap_or(0) + "万元".len();
        out.push(Subject {
            names,
            marks,
            amount,
            quote: sentence[open..end.min(sentence.len())].to_string(),
        });
    }
    out
}

/// A table with its code rows found by code and by (code length, name): a subject is looked
/// up in a few steps, however many rows and sentences a document has.
pub(super) struct Indexed<'a> {
    table: &'a ReadTable,
    by_code: HashMap<&'a str, &'a ReadRow>,
    by_name: HashMap<(usize, &'a str), Vec<&'a ReadRow>>,
}

fn indexed(table: &ReadTable) -> Indexed<'_> {
    let mut by_code = HashMap::new();
    let mut by_name: HashMap<(usize, &str), Vec<&ReadRow>> = HashMap::new();
    for r in &table.rows {
        if let Some(code) = r.code.as_deref() {
            by_code.entry(code).or_insert(r);
            by_name
                .entry((code.len(), r.name.as_str()))
                .or_default()
                .push(r);
        }
    }
    Indexed {
        table,
        by_code,
        by_name,
    }
}

/// The tables a subject's amount is looked for in, most likely first: the 一般公共预算
/// 功能分类 table, then the 财政拨款 ones, then any.
fn candidate_tables(tables: &[ReadTable]) -> Vec<Indexed<'_>> {
    let rank = |t: &ReadTable| {
        if t.title.contains("一般公共预算支出") {
            0
        } else if t.title.contains("财政拨款") {
            1
        } else {
            2
        }
    };
    let mut v: Vec<&ReadTable> = tables.iter().filter(|t| t.unit.is_some()).collect();
    v.sort_by_key(|t| rank(t));
    v.into_iter().map(indexed).collect()
}

/// The row a subject names in a table: its level by how many names are given (a single
/// name with 科目 is a 类), each ancestor named as printed. None unless exactly one.
fn subject_row<'a>(ix: &Indexed<'a>, names: &[String]) -> Option<&'a ReadRow> {
    let len = 1 + 2 * names.len();
    let last = names.last()?;
    let name_of = |code: &str| ix.by_code.get(code).map(|r| r.name.as_str());
    let mut found = ix.by_name.get(&(len, last.as_str()))?.iter().filter(|r| {
        let code = r.code.as_deref().unwrap_or("");
        names
            .iter()
            .enumerate()
            .all(|(i, n)| name_of(&code[..3 + 2 * i]) == Some(n.as_str()))
    });
    let first = *found.next()?;
    found.next().is_none().then_some(first)
}

/// Each subject's amount against its row's 合计 (the first amount column) in 万元: rounded
/// half up it must be what is printed; cut off instead of rounded is its own kind.
fn subject_amounts(l: &DocLine, sentence: &str, index: &[Indexed]) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in subjects(sentence) {
        out.extend(wrong_level(l, &s, index));
        let Some((t, row)) = index
            .iter()
            .find_map(|ix| subject_row(ix, &s.names).map(|r| (ix.table, r)))
        else {
            continue;
        };
        let Some(value) = row.amounts.iter().flatten().next().copied() else {
            continue;
        };
        let wan = if t.unit.as_deref() == Some("元") {
            value / Decimal::from(10_000)
        } else {
            value
        };
        let dp = s.amount.scale();
        let rounded = wan.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
        if rounded == s.amount {
            continue;
        }
        let cut = wan.round_dp_with_strategy(dp, RoundingStrategy::ToZero) == s.amount;
        let code = row.code.clone().unwrap_or_default();
        let mut f = finding(
            l,
            if cut { "cut_off" } else { "subject_amount" },
            if cut {
                Severity::Warning
            } else {
                Severity::Error
            },
            &s.quote,
        );
        f.printed = format!("{}万元", s.amount);
        f.expected = format!("{rounded}万元");
        f.explanation = if cut {
            format!(
                "《{}》中{code}为{}{}，四舍五入为{rounded}万元；印出的{}万元是截去尾数而非四舍五入",
                t.title,
                value.normalize(),
                t.unit.as_deref().unwrap_or(""),
                s.amount
            )
        } else {
            format!(
                "《{}》中{code} {}为{}{}（{rounded}万元），与说明中的{}万元不符",
                t.title,
                row.name,
                value.normalize(),
                t.unit.as_deref().unwrap_or(""),
                s.amount
            )
        };
        out.push(f);
    }
    out
}

/// A line of the narrative printed again further on (a block of enumerated items pasted
/// twice): sentences of twenty characters or more, outside the tables, the second time.
fn repeated(lines: &[DocLine], table_lines: &std::collections::HashSet<usize>) -> Vec<Finding> {
    let mut seen: std::collections::HashMap<&str, &DocLine> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for l in lines.iter().filter(|l| !table_lines.contains(&l.number)) {
        // Prose only: a form's labels (绩效目标表 …) repeat by design.
        let cells = l.cells.iter().filter(|c| !c.text.is_empty()).count();
        if l.text.chars().count() < 20 || cells > 1 || !l.text.ends_with(['。', '；', ';']) {
            continue;
        }
        match seen.get(l.text.as_str()) {
            Some(first) => {
                let mut f = finding(l, "repeated_text", Severity::Warning, &l.text);
                f.printed = l.text.clone();
                f.explanation = format!(
                    "与第{}页第{}行的文字完全相同：可能重复粘贴",
                    first.page, first.number
                );
                out.push(f);
            }
            None => {
                seen.insert(&l.text, l);
            }
        }
    }
    out
}

/// A subject marked at another level than its names stand at (“统计信息事务（项）” where
/// 统计信息事务 is a 款): the names are looked up level by level; the first whose mark is not
/// its level, and that the tables have at its level, is reported.
fn wrong_level(l: &DocLine, s: &Subject, index: &[Indexed]) -> Option<Finding> {
    let i = (0..s.names.len()).find(|&i| s.marks[i].is_some_and(|m| m != LEVELS[i]))?;
    let names = &s.names[..=i];
    let row = index.iter().find_map(|ix| subject_row(ix, names))?;
    let mut f = finding(l, "wrong_level", Severity::Warning, &s.quote);
    f.printed = format!("{}（{}）", s.names[i], s.marks[i].unwrap_or(""));
    f.expected = format!("{}（{}）", s.names[i], LEVELS[i]);
    f.explanation = format!(
        "“{}”是{}级科目（{}），不是{}",
        s.names[i],
        LEVELS[i],
        row.code.as_deref().unwrap_or(""),
        s.marks[i].unwrap_or("")
    );
    Some(f)
}
