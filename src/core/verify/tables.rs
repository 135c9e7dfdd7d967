//! The tables of a document: each from its title to the next title (or the narrative), with
//! its unit and its rows of 科目 codes — however printed: “2010306”, “201 03 06” across
//! cells, “01 行政运行” with the name — and 合计 rows, the amounts put in columns by where they
//! stand (their cell's index, or where a right-aligned amount ends).

use super::layout::{amount, Cell, DocLine, LineKind};
use crate::core::figures::templates::TableId;
use rust_decimal::Decimal;
use serde::Serialize;

/// A table as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadTable {
    pub title: String,
    pub page: usize,
    pub line: usize,
    /// The line number of the table's last line (the narrative starts after it).
    pub last_line: usize,
    /// “元” or “万元”, as its 单位 line says.
    pub unit: Option<String>,
    /// Whether the title is one of the known templates' tables (or names a known kind).
    pub recognised: bool,
    /// The known table it is (`template::kind_of`).
    pub kind: Option<TableId>,
    /// Each amount column's heading as printed (“合计”, “基本支出”, …; empty when none was
    /// found above it).
    pub headers: Vec<String>,
    /// The table's note (“注：本表无数据”, “…故本表为空表”), and its line.
    pub note: Option<(String, usize)>,
    /// Lines that look like code rows with a code of no valid length (“201030 … 5.00”): (page,
    /// line, the code as printed, the line).
    pub odd_codes: Vec<(usize, usize, String, String)>,
    pub columns: usize,
    pub rows: Vec<ReadRow>,
}

/// A row of codes (or the 合计) with its amounts by column (blank: none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReadRow {
    pub page: usize,
    pub line: usize,
    /// The 科目 code, digits only (3, 5 or 7), or none for a 合计 row.
    pub code: Option<String>,
    pub name: String,
    pub amounts: Vec<Option<Decimal>>,
    pub total: bool,
    /// The row as printed.
    pub quote: String,
}

/// An amount as a table printed it: thousands grouped, its own decimals (none when it had none).
pub fn printed(v: Decimal) -> String {
    let text = crate::core::domain::money::group_thousands(v);
    if v.scale() == 0 {
        text.trim_end_matches(".00").to_string()
    } else {
        text
    }
}

/// Words in the titles of the reference's 13 tables and the Shanghai format's nine.
const KNOWN: [&str; 12] = [
    "收支总表",
    "收入总表",
    "支出总表",
    "财政拨款收支",
    "一般公共预算支出",
    "基本支出",
    "政府性基金",
    "国有资本经营",
    "三公",
    "机关运行经费",
    "项目支出",
    "收支预算总表",
];

/// Whether a line is a table's title (not an entry of the contents).
fn is_title(l: &DocLine) -> bool {
    let t = l.text.as_str();
    let cells = l.cells.iter().filter(|c| !c.text.is_empty()).count();
    let numbered = t
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() && !t.starts_with("20"));
    cells == 1
        && t.chars().count() <= 60
        && (t.ends_with('表') || t.ends_with("表（不含上年结转）") || t.contains("表（"))
        && (has_year(t) || super::template::kind_of(t).is_some())
        && !t.contains("..")
        && !t.contains('…')
        && !numbered
        && !(t.starts_with('第') && t.contains("部分"))
}

/// Whether a text names a year (“2023年”, “2023 年”), as a table's title does.
fn has_year(t: &str) -> bool {
    let chars: Vec<char> = t.chars().collect();
    chars.windows(6).any(|w| {
        w[..4].iter().all(|c| c.is_ascii_digit()) && (w[4] == '年' || (w[4] == ' ' && w[5] == '年'))
    }) || chars
        .windows(5)
        .any(|w| w[..4].iter().all(|c| c.is_ascii_digit()) && w[4] == '年')
}

/// Where the tables end and the narrative begins.
fn is_narrative_start(l: &DocLine) -> bool {
    ["第三部分", "情况说明", "编制说明", "第四部分", "名词解释"]
        .iter()
        .any(|w| l.text.starts_with(w) || l.text.contains(&format!("预算{w}")))
        && l.cells.len() == 1
        && !l.text.contains("..")
}

/// The tables of a document.
pub fn read(lines: &[DocLine]) -> Vec<ReadTable> {
    let mut found: Vec<(DocLine, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_title(&lines[i]) {
            i += 1;
            continue;
        }
        let (title, from) = whole_title(lines, i);
        let end = (from..lines.len())
            .find(|&j| is_title(&lines[j]) || is_narrative_start(&lines[j]))
            .unwrap_or(lines.len());
        found.push((title, from, end));
        i = end.max(from);
    }
    let contents = contents_entries(&found);
    found
        .iter()
        .enumerate()
        .filter(|(k, _)| !contents.contains(k))
        .map(|(_, (title, from, end))| table(title, &lines[*from..*end]))
        .collect()
}

/// A title and where its table's lines start: a title wrapped inside its parenthesis
/// (“…分经济科目表（不含上年结” / “转）”) joined with its rest.
fn whole_title(lines: &[DocLine], i: usize) -> (DocLine, usize) {
    let mut title = lines[i].clone();
    let open = title.text.matches('（').count() > title.text.matches('）').count();
    let rest = lines.get(i + 1).filter(|n| {
        open && n.text.chars().count() <= 12
            && n.text.contains('）')
            && n.number == title.number + 1
    });
    match rest {
        Some(n) => {
            title.text.push_str(&n.text);
            (title, i + 2)
        }
        None => (title, i + 1),
    }
}

/// The titles that are a contents page's entries: three or more in a row, each with no line
/// under it before the next (a table, even an empty one, has its unit or note).
fn contents_entries(found: &[(DocLine, usize, usize)]) -> Vec<usize> {
    let empty: Vec<bool> = found.iter().map(|(_, from, end)| end <= from).collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < found.len() {
        let run = empty[k..].iter().take_while(|e| **e).count();
        if run >= 3 {
            out.extend(k..k + run);
        }
        k += run.max(1);
    }
    out
}

/// “单位：万元” or “单位：元” in the lines under the title (not “编制单位：…”).
fn unit_of(body: &[DocLine]) -> Option<String> {
    body.iter().take(8).find_map(|l| {
        l.text.match_indices("单位").find_map(|(k, _)| {
            let rest = l.text[k + "单位".len()..].trim_start_matches([' ', ':', '：']);
            if rest.starts_with("万元") {
                Some("万元".to_string())
            } else if rest.starts_with('元') {
                Some("元".to_string())
            } else {
                None
            }
        })
    })
}

/// The tables whose rows are named, not coded (the 三公 table by item, 机关运行经费 by unit):
/// a line of a name and amounts is a row.
fn labelled(kind: Option<TableId>) -> bool {
    matches!(kind, Some(TableId::Sangong | TableId::OfficeRunning))
}

fn table(title: &DocLine, body: &[DocLine]) -> ReadTable {
    let name = title.text.trim_start_matches(|c: char| c.is_ascii_digit());
    let kind_of = super::template::kind_of(name).map(|k| k.1);
    if kind_of == Some(TableId::SangongOffice) {
        return sangong_office(title, body);
    }
    let parsed = rows_of(body, labelled(kind_of));
    let kind = body
        .iter()
        .find(|l| !l.cells.is_empty())
        .map(|l| l.kind)
        .unwrap_or(LineKind::Spaced);
    let kind = if body.iter().any(|l| l.kind == LineKind::Tabbed) {
        LineKind::Tabbed
    } else {
        kind
    };
    // Columns by page: a space-aligned page is laid out on its own (a table continued on the
    // next page may stand further left or right), so rows are compared within a page.
    let mut rows = Vec::with_capacity(parsed.len());
    let mut count = 0;
    let mut pages: Vec<usize> = parsed.iter().map(|(r, _)| r.page).collect();
    pages.dedup();
    for page in pages {
        let on_page: Vec<&(ReadRow, Vec<(usize, Decimal)>)> =
            parsed.iter().filter(|(r, _)| r.page == page).collect();
        let columns = columns(&on_page, kind);
        count = count.max(columns.len());
        for (r, amounts) in on_page {
            let mut r = r.clone();
            r.amounts = vec![None; columns.len()];
            for (at, v) in amounts {
                if let Some(c) = columns.iter().position(|k| k.contains(at)) {
                    r.amounts[c] = Some(*v);
                }
            }
            rows.push(r);
        }
    }
    ReadTable {
        headers: headers(body, &parsed, kind),
        columns: count,
        rows,
        ..shell(title, body, kind_of)
    }
}

/// A table's title, place, unit, note and odd codes, without rows.
fn shell(title: &DocLine, body: &[DocLine], kind: Option<TableId>) -> ReadTable {
    let name = title.text.trim_start_matches(|c: char| c.is_ascii_digit());
    ReadTable {
        kind,
        headers: Vec::new(),
        title: title.text.clone(),
        page: title.page,
        line: title.number,
        last_line: body.last().map(|l| l.number).unwrap_or(title.number),
        unit: unit_of(body),
        recognised: kind.is_some() || KNOWN.iter().any(|k| name.contains(k)),
        note: body
            .iter()
            .find(|l| l.text.starts_with("注"))
            .map(|l| (l.text.clone(), l.number)),
        odd_codes: body.iter().filter_map(odd_code).collect(),
        columns: 0,
        rows: Vec::new(),
    }
}

/// Words of a heading that names the code or name columns, not an amount column.
fn label_heading(t: &str) -> bool {
    t.contains("科目")
        || t.contains("编码")
        || t.contains("名称")
        || matches!(t, "类" | "款" | "项" | "项目" | "类 款 项" | "单位名称")
}

/// The amount columns' headings: each heading cell between the title and the first row goes
/// to the column of the table's first page nearest to where it ends (headings are centred,
/// amounts right-aligned), within reach; a column takes the nearest of them, the lowest of
/// two about as near (“支出预算” over “合计 基本支出 项目支出”).
fn headers(
    body: &[DocLine],
    parsed: &[(ReadRow, Vec<(usize, Decimal)>)],
    kind: LineKind,
) -> Vec<String> {
    let Some((first, _)) = parsed.first() else {
        return Vec::new();
    };
    let on_page: Vec<&(ReadRow, Vec<(usize, Decimal)>)> = parsed
        .iter()
        .filter(|(r, _)| r.page == first.page)
        .collect();
    let columns = columns(&on_page, kind);
    let reach = match kind {
        LineKind::Tabbed => 0,
        LineKind::Spaced => 8,
        LineKind::Placed => 80,
    };
    let distance = |at: usize, col: &std::ops::RangeInclusive<usize>| {
        if at < *col.start() {
            col.start() - at
        } else {
            at.saturating_sub(*col.end())
        }
    };
    let zone: Vec<&DocLine> = body
        .iter()
        .take_while(|l| l.number < first.line)
        .filter(|l| !l.text.contains("单位：") && !l.text.contains("单位:"))
        .collect();
    let heading =
        |c: &&Cell| !c.text.is_empty() && amount(&c.text).is_none() && !label_heading(&c.text);
    // The lowest heading line with one heading per column: its headings in order (a text
    // laid out by characters puts a centred heading where a wide character shifted it).
    let leaf = zone.iter().rev().find_map(|l| {
        let h: Vec<String> = l
            .cells
            .iter()
            .filter(heading)
            .map(|c| c.text.replace(' ', ""))
            .collect();
        (!h.is_empty()).then_some(h)
    });
    if let Some(h) = leaf.filter(|h| h.len() == columns.len()) {
        return h;
    }
    let mut best: Vec<Option<(usize, usize, String)>> = vec![None; columns.len()];
    for (i, l) in zone.iter().enumerate() {
        for c in l.cells.iter().filter(heading) {
            let nearest = (0..columns.len()).min_by_key(|&k| distance(c.at, &columns[k]));
            let Some(k) = nearest.filter(|&k| distance(c.at, &columns[k]) <= reach) else {
                continue;
            };
            let d = distance(c.at, &columns[k]);
            // The nearest heading; of two about as near, the lower (stacked headings).
            let better = match &best[k] {
                None => true,
                Some((line, dist, _)) => {
                    d + reach / 8 < *dist || (d <= *dist + reach / 8 && i > *line)
                }
            };
            if better {
                best[k] = Some((i, d, c.text.replace(' ', "")));
            }
        }
    }
    best.into_iter()
        .map(|b| b.map(|x| x.2).unwrap_or_default())
        .collect()
}

/// The rows of a table's lines; a line of a few characters of text right under a row is
/// the rest of its name (a long name wraps in its cell: “…缴费支” / “出”).
fn rows_of(body: &[DocLine], labelled: bool) -> Vec<(ReadRow, Vec<(usize, Decimal)>)> {
    let mut out: Vec<(ReadRow, Vec<(usize, Decimal)>)> = Vec::new();
    // A name alone on a line: part of a row's name. (A table of named rows has none: a name
    // alone there is a row left blank.)
    let lone = |l: &DocLine| {
        !labelled
            && l.cells.iter().filter(|c| !c.text.is_empty()).count() == 1
            && !l.text.chars().any(|c| c.is_ascii_digit())
    };
    let unnamed_row = |l: &DocLine| row(l, labelled).is_some_and(|(r, _)| r.name.is_empty());
    let mut prefixed = false;
    for (i, l) in body.iter().enumerate() {
        let above = i.checked_sub(1).map(|k| &body[k]);
        if let Some(mut r) = row(l, labelled) {
            // A name centred beside its row wraps above and below it (“其他政府办公厅（室）及
            // 相关机构” / “2010399 400.00” / “事务支出”): the part above starts it.
            prefixed = false;
            if let Some(a) =
                above.filter(|a| r.0.name.is_empty() && lone(a) && a.number + 1 == l.number)
            {
                r.0.name = a.text.clone();
                r.0.quote = format!("{} {}", a.text, r.0.quote);
                prefixed = true;
            }
            out.push(r);
            continue;
        }
        let before_unnamed = body
            .get(i + 1)
            .is_some_and(|n| n.number == l.number + 1 && unnamed_row(n));
        let wrapped = lone(l) && !before_unnamed && (prefixed || l.text.chars().count() <= 12);
        if let Some((last, _)) = out
            .last_mut()
            .filter(|(r, _)| wrapped && r.line + 1 == l.number)
        {
            last.name.push_str(&l.text);
            last.quote.push_str(&l.text);
        }
        prefixed = false;
    }
    out
}

/// The amount columns, left to right: for tab-separated cells each cell index from the first
/// amount's to the last's; for right-aligned ones where amounts end, grouped within two
/// characters (a column empty in every row of a page is not seen).
fn columns(
    rows: &[&(ReadRow, Vec<(usize, Decimal)>)],
    kind: LineKind,
) -> Vec<std::ops::RangeInclusive<usize>> {
    let mut at: Vec<usize> = rows
        .iter()
        .flat_map(|(_, a)| a.iter().map(|x| x.0))
        .collect();
    at.sort_unstable();
    at.dedup();
    // Tab-separated cells keep their empty columns: every column from the first amount's
    // to the last's.
    if kind == LineKind::Tabbed {
        return match (at.first(), at.last()) {
            (Some(&a), Some(&b)) => (a..=b).map(|i| i..=i).collect(),
            _ => Vec::new(),
        };
    }
    let slack = kind.slack();
    let mut out: Vec<std::ops::RangeInclusive<usize>> = Vec::new();
    for a in at {
        match out.last_mut() {
            Some(r) if a <= *r.end() + slack => *r = *r.start()..=a,
            _ => out.push(a..=a),
        }
    }
    out
}

/// A code split over leading tokens (“201”, “06”, “01”) or whole (“2010601”), and how many
/// tokens it took.
fn code_of(tokens: &[&str]) -> Option<(String, usize)> {
    let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
    let first = tokens.first().filter(|t| digits(t))?;
    match first.len() {
        5 | 7 => return Some((first.to_string(), 1)),
        3 => {}
        _ => return None,
    }
    let mut code = first.to_string();
    let mut used = 1;
    let mut short = false;
    for t in tokens[1..].iter().take(2) {
        if (1..=2).contains(&t.len()) && digits(t) {
            // A part printed without its leading zero (“208 5 5”).
            code.push_str(&format!("{t:0>2}"));
            short |= t.len() == 1;
            used += 1;
        } else {
            break;
        }
    }
    // One-digit parts are a code's only when a name follows them (not a row's amounts).
    let named = tokens.get(used).is_some_and(|n| !digits(n));
    if short && !named {
        return Some((first.to_string(), 1));
    }
    Some((code, used))
}

/// How many leading cells are parts of a code printed apart: a 3-digit 类 and one or two
/// 1–2-digit parts, when a name follows them (else none are: they may be amounts).
fn code_cells(filled: &[&Cell]) -> usize {
    let digits = |c: &Cell| !c.text.is_empty() && c.text.chars().all(|c| c.is_ascii_digit());
    if !filled
        .first()
        .is_some_and(|c| digits(c) && c.text.len() == 3)
    {
        return 0;
    }
    let parts = filled[1..]
        .iter()
        .take(2)
        .take_while(|c| digits(c) && c.text.len() <= 2)
        .count();
    let named = filled
        .get(1 + parts)
        .is_some_and(|c| amount(&c.text).is_none() && !digits(c));
    if named {
        1 + parts
    } else {
        0
    }
}

/// A row of codes or a 合计 row: its code, name and amounts with where they stand.
fn row(l: &DocLine, labelled: bool) -> Option<(ReadRow, Vec<(usize, Decimal)>)> {
    let filled: Vec<&Cell> = l.cells.iter().filter(|c| !c.text.is_empty()).collect();
    let first = filled.first()?;
    let total = matches!(first.text.replace(' ', "").as_str(), "合计" | "总计");
    // The leading text (before the first amount cell), as tokens.
    let skip = code_cells(&filled);
    let lead_end = filled[skip..]
        .iter()
        .position(|c| amount(&c.text).is_some() && !code_like(&c.text))
        .map_or(filled.len(), |p| skip + p);
    let lead: Vec<&str> = filled[..lead_end]
        .iter()
        .flat_map(|c| c.text.split_whitespace())
        .collect();
    let code = if total { None } else { code_of(&lead) };
    let named = labelled && !lead.is_empty() && lead_end < filled.len();
    if code.is_none() && !total && !named {
        return None;
    }
    let used = code
        .as_ref()
        .map(|c| c.1)
        .unwrap_or(if total { 1 } else { 0 });
    // A second code further on starts a second table side by side (收入 | 支出): the row is
    // read up to it.
    let name: String = lead
        .get(used..)
        .unwrap_or(&[])
        .iter()
        .take_while(|t| !code_like(t))
        .copied()
        .collect();
    let rest = &filled[lead_end..];
    let second = (0..rest.len())
        .find(|&i| {
            code_like(&rest[i].text) && rest.get(i + 1).is_some_and(|n| amount(&n.text).is_none())
        })
        .unwrap_or(rest.len());
    let amounts: Vec<(usize, Decimal)> = rest[..second]
        .iter()
        .filter_map(|c| amount(&c.text).map(|v| (c.at, v)))
        .collect();
    // A heading line that starts with “合计” (a column's heading) is not the 合计 row.
    if total && amounts.is_empty() {
        return None;
    }
    Some((
        ReadRow {
            page: l.page,
            line: l.number,
            code: code.map(|c| c.0),
            name,
            amounts: Vec::new(),
            total,
            quote: l.text.clone(),
        },
        amounts,
    ))
}

/// Digits only, of a code's length (a code cell, not an amount).
fn code_like(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit()) && matches!(t.len(), 2 | 3 | 5 | 7)
}

/// A line that reads like a code row but whose code has a digit too few or too many: digits
/// of length 4, 6 or 8 first, then a name, then an amount.
fn odd_code(l: &DocLine) -> Option<(usize, usize, String, String)> {
    let tokens: Vec<&str> = l.text.split_whitespace().collect();
    let first = tokens.first()?;
    let digits = first.chars().all(|c| c.is_ascii_digit());
    let named = tokens.get(1).is_some_and(|t| {
        t.chars()
            .any(|c| !c.is_ascii_digit() && c != ',' && c != '.')
    });
    let amount_after = tokens
        .iter()
        .skip(2)
        .any(|t| amount(t).is_some() && t.contains(['.', ',']));
    (digits && matches!(first.len(), 4 | 6 | 8) && named && amount_after)
        .then(|| (l.page, l.number, first.to_string(), l.text.clone()))
}

/// The Shanghai format's one-row 三公 form (`form`): each figure a row named by its place,
/// one amount column.
fn sangong_office(title: &DocLine, body: &[DocLine]) -> ReadTable {
    let mut t = shell(title, body, Some(TableId::SangongOffice));
    let Some((at, figures)) = super::form::figures(body) else {
        return t;
    };
    let line = &body[at];
    t.columns = 1;
    t.headers = vec!["金额".into()];
    t.rows = figures
        .into_iter()
        .map(|(place, v)| ReadRow {
            page: line.page,
            line: line.number,
            code: None,
            name: super::form::PLACES[place].0.to_string(),
            amounts: vec![Some(v)],
            total: place == 0,
            quote: line.text.clone(),
        })
        .collect();
    t
}
