//! The interface language. The app is written in Chinese; [`tr`] gives a UI string in the
//! chosen language, and [`translate`] turns a message the core produced (an error, a check,
//! a notice) into English by matching it against the templates of the catalogue, translating
//! the parts it quotes in turn. Official names — 功能分类 and 经济分类 names, fund sources,
//! and the disclosure document itself (the tables and the narrative) — are not in the
//! catalogue and stay Chinese; the view marks them `lang="zh-CN"`.
//!
//! The catalogue is `EN` (native builds; the browser installs the same pairs from
//! `en.json` with [`install`]): pairs of Chinese and English. An entry with `{}` is a template
//! whose holes match any text. A native test checks that every string the view passes to
//! [`tr`] or [`tf`] has an entry.

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
}

// The catalogue is compiled into native builds (the CLI, the tests). The browser build
// leaves it out and fetches the same pairs as `en.json` when English is chosen (`install`),
// so a Chinese page does not download them; `data/en.json` is written from it by a test.
#[cfg(not(target_arch = "wasm32"))]
mod catalogue;
#[cfg(not(target_arch = "wasm32"))]
pub use catalogue::EN;

/// The lookup tables made from the catalogue's pairs.
struct Tables {
    exact: HashMap<&'static str, &'static str>,
    /// Templates (entries with holes), longest literal text first so the most specific wins.
    templates: Vec<(Vec<&'static str>, Vec<&'static str>)>,
}

impl Tables {
    fn new(pairs: &[(&'static str, &'static str)]) -> Tables {
        let mut templates: Vec<(Vec<&str>, Vec<&str>)> = pairs
            .iter()
            .filter(|(zh, _)| zh.contains("{}"))
            .map(|(zh, en)| (zh.split("{}").collect(), en.split("{}").collect()))
            .collect();
        crate::core::sort::sort_by_key(&mut templates, |(zh, _)| {
            std::cmp::Reverse(zh.iter().map(|s| s.len()).sum::<usize>())
        });
        Tables {
            exact: pairs.iter().copied().collect(),
            templates,
        }
    }
}

static TABLES: OnceLock<Tables> = OnceLock::new();

/// The tables: the compiled catalogue natively; in the browser the installed one, or none
/// yet (English then falls back to the Chinese).
fn tables() -> Option<&'static Tables> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        Some(TABLES.get_or_init(|| Tables::new(EN)))
    }
    #[cfg(target_arch = "wasm32")]
    {
        TABLES.get()
    }
}

/// Whether English can be shown (always natively; in the browser once `en.json` is in).
pub fn installed() -> bool {
    tables().is_some()
}

/// Installs the catalogue from `en.json` (an array of `[Chinese, English]` pairs); how many
/// pairs it has. A second installation changes nothing.
pub fn install(json: &str) -> Result<usize, String> {
    let pairs: Vec<(String, String)> =
        serde_json::from_str(json).map_err(|e| format!("英文界面文件有误：{e}"))?;
    if pairs.is_empty() {
        return Err("英文界面文件是空的".into());
    }
    let n = pairs.len();
    // Loaded once per page and kept for its life, like the compiled catalogue would be.
    let leaked: Vec<(&'static str, &'static str)> = pairs
        .into_iter()
        .map(|(zh, en)| (&*zh.leak(), &*en.leak()))
        .collect();
    let _ = TABLES.set(Tables::new(&leaked));
    Ok(n)
}

/// The catalogue as `en.json` is written (`data/en.json`, fetched by the browser build).
#[cfg(not(target_arch = "wasm32"))]
pub fn catalogue_json() -> String {
    let pairs: Vec<[&str; 2]> = EN.iter().map(|(zh, en)| [*zh, *en]).collect();
    let mut out = String::from("[\n");
    for (i, p) in pairs.iter().enumerate() {
        out.push_str(&serde_json::to_string(p).unwrap_or_default());
        out.push_str(if i + 1 < pairs.len() { ",\n" } else { "\n" });
    }
    out.push_str("]\n");
    out
}

fn exact() -> Option<&'static HashMap<&'static str, &'static str>> {
    tables().map(|t| &t.exact)
}

fn templates() -> &'static [(Vec<&'static str>, Vec<&'static str>)] {
    tables().map(|t| t.templates.as_slice()).unwrap_or(&[])
}

/// A UI string in `lang` (the Chinese itself when there is no entry).
pub fn tr(lang: Lang, zh: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => exact().and_then(|m| m.get(zh)).copied().unwrap_or(zh),
    }
}

/// A template (`{}` holes) filled with `args`, in `lang`.
///
/// ```
/// use yusuan::core::present::i18n::{tf, Lang};
/// assert_eq!(tf(Lang::En, "共{}条，显示{}条", &[&37, &12]), "37 lines, 12 shown");
/// assert_eq!(tf(Lang::Zh, "共{}条，显示{}条", &[&37, &12]), "共37条，显示12条");
/// ```
pub fn tf(lang: Lang, zh: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    let template = tr(lang, zh);
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = template.split("{}").peekable();
    while let Some(p) = parts.next() {
        // English counts a single thing in the singular: “1 problem”, not “1 problems”.
        let one = out == "1" || out.ends_with(" 1") || out.ends_with("(1");
        let p = if lang == Lang::En && one {
            singular_after_one(p)
        } else {
            p.to_string()
        };
        out.push_str(&p);
        if parts.peek().is_some() {
            if let Some(a) = args.next() {
                out.push_str(&a.to_string());
            }
        }
    }
    out
}

/// The text after a count of 1 with its first noun in the singular (“ problems:” →
/// “ problem:”, “ lines” → “ line”): the English catalogue writes plurals.
fn singular_after_one(rest: &str) -> String {
    let Some(word) = rest.strip_prefix(' ') else {
        return rest.to_string();
    };
    let end = word
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(word.len());
    let (noun, tail) = word.split_at(end);
    let singular = match noun {
        "" => return rest.to_string(),
        n if n.ends_with("ies") => format!("{}y", &n[..n.len() - 3]),
        n if n.ends_with("ses") || n.ends_with("xes") => n[..n.len() - 2].to_string(),
        n if n.ends_with('s') && !n.ends_with("ss") => n[..n.len() - 1].to_string(),
        n => n.to_string(),
    };
    format!(" {singular}{tail}")
}

/// Splits `text` along a template's literal parts; the holes' texts, or `None`.
fn holes<'a>(parts: &[&str], text: &'a str) -> Option<Vec<&'a str>> {
    let first = parts.first()?;
    let mut rest = text.strip_prefix(first)?;
    let mut out = Vec::new();
    for (i, lit) in parts.iter().enumerate().skip(1) {
        let last = i == parts.len() - 1;
        if last {
            if lit.is_empty() {
                out.push(rest);
                rest = "";
            } else {
                let h = rest.strip_suffix(lit)?;
                out.push(h);
                rest = "";
            }
        } else {
            if lit.is_empty() {
                return None; // two holes side by side are ambiguous
            }
            let at = rest.find(lit)?;
            out.push(&rest[..at]);
            rest = &rest[at + lit.len()..];
        }
    }
    rest.is_empty().then_some(out)
}

/// A message from the core in `lang`: an exact entry, else the first template that matches,
/// its holes translated the same way (names that are not in the catalogue stay as they are).
///
/// ```
/// use yusuan::core::present::i18n::{translate, Lang};
/// assert_eq!(
///     translate(Lang::En, "第3行第2列：当年预算安排：“abc”不是有效的金额"),
///     "Row 3, column 2: Current-year amount: “abc” is not a valid amount"
/// );
/// assert_eq!(translate(Lang::En, "一般公共预算"), "一般公共预算");
/// ```
pub fn translate(lang: Lang, text: &str) -> String {
    translate_depth(lang, text, 0)
}

fn translate_depth(lang: Lang, text: &str, depth: u8) -> String {
    if lang == Lang::Zh || text.is_empty() || depth > 6 {
        return text.to_string();
    }
    if let Some(en) = exact().and_then(|m| m.get(text)) {
        return en.to_string();
    }
    // An amount in a message: “3,440.74万元”.
    if let Some(n) = text.strip_suffix("万元") {
        if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || ",.-−".contains(c)) {
            return format!("{n} (10k yuan)");
        }
    }
    if let Some(n) = text.strip_suffix('元') {
        if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || ",.-−".contains(c)) {
            return format!("{n} yuan");
        }
    }
    // Several templates may split a text (“{}：{}” and “{}（{}）” both fit “a：b（c）”): the
    // split that leaves the least Chinese wins, the first on a tie.
    let mut best: Option<(usize, String)> = None;
    for (zh, en) in templates() {
        if let Some(hs) = holes(zh, text) {
            let out = fill(lang, en, &hs, depth);
            let left = cjk_count(&out);
            if best.as_ref().is_none_or(|(n, _)| left < *n) {
                best = Some((left, out));
            }
            if left == 0 {
                break;
            }
        }
    }
    best.map(|(_, out)| out).unwrap_or_else(|| text.to_string())
}

/// An English template's parts with the translated holes between them.
fn fill(lang: Lang, en: &[&str], holes: &[&str], depth: u8) -> String {
    let mut out = String::new();
    for (i, p) in en.iter().enumerate() {
        out.push_str(p);
        if let Some(h) = holes.get(i) {
            if i + 1 < en.len() {
                out.push_str(&translate_depth(lang, h, depth + 1));
            }
        }
    }
    out
}

fn cjk_count(text: &str) -> usize {
    text.chars()
        .filter(|c| has_cjk(c.encode_utf8(&mut [0; 4])))
        .count()
}

/// Whether text has Chinese characters (for tests of the English interface).
pub fn has_cjk(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_in_english() {
        assert_eq!(tf(Lang::En, "{}个问题", &[&1]), "1 problem");
        assert_eq!(tf(Lang::En, "{}个问题", &[&2]), "2 problems");
        assert_eq!(
            tf(Lang::En, "粘贴未执行（没有任何更改），共{}处问题：", &[&1]),
            "Nothing was pasted (no change); 1 problem:"
        );
        assert_eq!(tf(Lang::Zh, "{}个问题", &[&1]), "1个问题");
    }

    /// `data/en.json` (what the browser fetches when English is chosen) holds exactly the
    /// catalogue. `EN_JSON=1 cargo test --lib i18n` writes it anew.
    #[test]
    fn en_json_is_the_catalogue() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/en.json");
        let want = catalogue_json();
        if std::env::var_os("EN_JSON").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            have == want,
            "data/en.json is out of date: run EN_JSON=1 cargo test --lib i18n"
        );
        let pairs: Vec<(String, String)> = serde_json::from_str(&have).unwrap();
        assert_eq!(pairs.len(), EN.len());
        assert!(install("[]").is_err());
        assert!(install("{").unwrap_err().starts_with("英文界面文件有误"));
    }

    /// Every literal the view passes to `tr(l, …)` or `tf(l, …)` has an English entry, and
    /// so does every label the view translates from the core.
    #[test]
    fn the_catalogue_covers_the_view() {
        let mut missing = Vec::new();
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/ui"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 10, "the view's files were not found");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            for call in ["tr(l, \"", "tf(l, \"", "tr(l,\n"] {
                for (i, _) in text.match_indices(call) {
                    let rest = &text[i + call.len()..];
                    let Some(end) = rest.find('"') else { continue };
                    let key = &rest[..end];
                    if has_cjk(key) && !exact().is_some_and(|m| m.contains_key(key)) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        use crate::core::{
            domain::money::Unit, drafting::adjust, practice, present::editor::Column,
        };
        let mut labels: Vec<&str> = Vec::new();
        for c in Column::ALL {
            labels.push(c.label());
            labels.push(c.short_label());
        }
        labels.extend([Unit::Wan.label(), Unit::Yuan.label()]);
        labels.extend(adjust::Group::ALL.iter().map(|g| g.label()));
        labels.extend(adjust::Step::ALL.iter().map(|s| s.label()));
        for e in practice::EXERCISES {
            labels.extend([e.prompt, e.hint, e.level.label()]);
        }
        labels.extend(["新增", "删除", "修改", "合计", "占比", "同比", "控制数"]);
        use crate::core::figures::checks::Severity;
        labels.extend([Severity::Error, Severity::Warning, Severity::Info].map(Severity::label));
        for l in labels {
            if !exact().is_some_and(|m| m.contains_key(l)) {
                missing.push(format!("label: {l}"));
            }
        }
        assert!(
            missing.is_empty(),
            "no English for:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn core_messages_translate() {
        let b = crate::core::formats::reference::budget();
        let mut b2 = b.clone();
        b2.lines[0].current = crate::core::domain::money::Money::from_fen(30_000_000);
        let r = crate::core::figures::report::Report::build(&b2, Default::default());
        for c in &r.checks {
            let en = translate(Lang::En, &c.message);
            assert!(!en.contains("比上年") && !en.contains("收入总计"), "{en}");
        }
        assert_eq!(
            translate(Lang::En, "一般公共预算当年支出3,440.74万元超过当年收入3,402.75万元，超出37.98万元"),
            "一般公共预算: current-year spending 3,440.74 (10k yuan) exceeds current-year income 3,402.75 (10k yuan) by 37.98 (10k yuan)"
        );
        assert_eq!(
            translate(Lang::En, "已撤销：修改第1号明细的“当年预算安排”"),
            "Undone: Line 1: edit “Current-year amount”"
        );
    }
}
