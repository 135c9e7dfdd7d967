//! serde_json's English error texts in Chinese, so that no parser English reaches a user.
//!
//! The Chinese phrases here are entries of the interface catalogue (`present::i18n`), so an
//! English interface shows them in English and a Chinese one shows no English. A text that
//! no rule here knows becomes a general phrase, never the parser's own words.

/// A serde_json syntax message (“expected `:`”, “trailing characters” …) in Chinese.
pub fn syntax_detail(detail: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("expected `:`", "此处应为冒号 :"),
        ("expected `,` or `]`", "此处应为逗号或 ]"),
        ("expected `,` or `}`", "此处应为逗号或 }"),
        ("expected value", "此处应为一个值"),
        ("expected ident", "此处应为 true、false 或 null"),
        ("expected `\"`", "此处应为引号"),
        ("trailing characters", "JSON 结束后还有多余的字符"),
        ("trailing comma", "多余的逗号"),
        ("key must be a string", "对象的键必须是带引号的文本"),
        ("invalid escape", "无效的转义符"),
        ("invalid number", "无效的数字"),
        ("number out of range", "数字超出范围"),
        ("invalid unicode code point", "无效的 Unicode 字符"),
        (
            "lone leading surrogate in hex escape",
            "无效的 Unicode 字符",
        ),
        ("unexpected end of hex escape", "无效的 Unicode 字符"),
        ("recursion limit exceeded", "嵌套层数过多"),
    ];
    if detail.starts_with("control character") {
        return "文本中有未转义的控制字符".into();
    }
    TABLE
        .iter()
        .find(|(en, _)| detail.starts_with(en))
        .map(|(_, zh)| zh.to_string())
        .unwrap_or_else(|| "不是有效的 JSON".into())
}

/// A serde data message (“invalid type: map, expected a sequence” …) in Chinese. Our own
/// messages (already Chinese) pass through.
pub fn data_detail(detail: &str) -> String {
    if let Some(rest) = detail.strip_prefix("missing field ") {
        return format!("缺少字段 {}", unquote(rest));
    }
    if let Some(rest) = detail.strip_prefix("duplicate field ") {
        return format!("字段重复：{}", unquote(rest));
    }
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (field, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
        let field = unquote(field);
        let hint = match closest(&field, expected) {
            Some(e) => format!("（是否应为 {e}？）"),
            None => String::new(),
        };
        return format!("未知字段 {field}{hint}：本程序不认识它，读入会丢失其内容");
    }
    if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (value, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "取值“{}”不在允许范围内，应为{}",
            unquote(value),
            expected_phrase(expected)
        );
    }
    for (prefix, zh) in [
        ("invalid type: ", "类型不对"),
        ("invalid value: ", "取值不对"),
        ("invalid length ", "个数不对"),
    ] {
        if let Some(rest) = detail.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return format!(
                "{zh}：应为{}，实为{}",
                expected_phrase(expected),
                found_phrase(found)
            );
        }
    }
    if has_english(detail) {
        "内容不符合文件格式".into()
    } else {
        detail.to_string()
    }
}

/// What kind of JSON value starts at (1-based) `line` and `column` of `text`, in Chinese
/// (“null”, “数字”, “数组”, “对象”, “真假值”, “文本”), for a type error at that place.
pub fn json_kind_at(text: &str, line: usize, column: usize) -> &'static str {
    let at = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .map(|l| {
            l.as_bytes()
                .get(column.saturating_sub(1)..)
                .unwrap_or_default()
        })
        .unwrap_or_default();
    // serde_json may point just past an empty `{}` or `[]`: the value is the one whose
    // opening bracket stands before the closing one.
    let before = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .map(|l| {
            l.as_bytes()
                .get(..column.saturating_sub(1))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let first = at.iter().find(|b| !b.is_ascii_whitespace());
    let first = match first {
        Some(b'}' | b']') | None => before.iter().rev().find(|b| !b.is_ascii_whitespace()),
        other => other,
    };
    match first {
        Some(b'n') => "null",
        Some(b't' | b'f') => "真假值",
        Some(b'[') => "数组 [...]",
        Some(b'{') => "对象 {...}",
        Some(b'"') => "文本",
        Some(b'-' | b'0'..=b'9') => "数字",
        _ => "其他值",
    }
}

/// The closest of the expected names to a misspelt one (at most two letters off), for
/// “是否应为 current？”.
fn closest<'a>(name: &str, expected: &'a str) -> Option<&'a str> {
    expected
        .split(',')
        .map(|e| {
            e.trim()
                .trim_start_matches("one of")
                .trim()
                .trim_matches('`')
        })
        .filter(|e| !e.is_empty())
        .map(|e| (edit_distance(name, e), e))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// What serde expected, in Chinese.
fn expected_phrase(e: &str) -> String {
    let e = e.trim();
    let fixed = match e {
        "a string" | "a borrowed string" | "string" => Some("文本"),
        "u8" => Some("0 到 255 的整数"),
        "u16" => Some("0 到 65535 的整数"),
        "u32" => Some("0 到 4294967295 的整数"),
        "u64" | "usize" => Some("不小于 0 的整数"),
        "i8" | "i16" | "i32" | "i64" | "isize" => Some("整数"),
        "a sequence" | "sequence" => Some("数组 [...]"),
        "a map" | "map" => Some("对象 {...}"),
        "a boolean" => Some("true 或 false"),
        "f32" | "f64" => Some("数字"),
        _ => None,
    };
    if let Some(z) = fixed {
        return z.into();
    }
    if e.starts_with("struct ") || e.starts_with("a map") {
        return "对象 {...}".into();
    }
    if e.starts_with("a sequence") || e.starts_with("a tuple") || e.starts_with("tuple") {
        return "数组 [...]".into();
    }
    if let Some(list) = e.strip_prefix("one of ") {
        return format!("以下之一：{}", list_of(list));
    }
    if e.contains("` or `") || (e.starts_with('`') && e.ends_with('`')) {
        return list_of(&e.replace(" or ", ", "));
    }
    if e.is_empty() || has_english(e) {
        "文件格式规定的内容".into()
    } else {
        // Our own “expecting” texts (amounts, codes) are Chinese already.
        e.to_string()
    }
}

/// What serde found, in Chinese.
fn found_phrase(f: &str) -> String {
    let f = f.trim();
    let word = |prefix: &str| f.strip_prefix(prefix).map(|v| unquote(v.trim()));
    if let Some(v) = word("integer ") {
        return format!("整数 {v}");
    }
    if let Some(v) = word("floating point ") {
        return format!("小数 {v}");
    }
    if let Some(v) = word("boolean ") {
        return format!("真假值 {v}");
    }
    if let Some(v) = word("string ") {
        return format!("文本 {v}");
    }
    if let Ok(n) = f.parse::<usize>() {
        return format!("{n} 个");
    }
    match f {
        "sequence" => "数组".into(),
        "map" => "对象".into(),
        "null" => "空值 null".into(),
        _ => "其他内容".into(),
    }
}

/// `a`, `b` → a、b
fn list_of(list: &str) -> String {
    list.split(", ")
        .map(unquote)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('`').to_string()
}

/// Whether a text is the parser's English: serde's own texts have no Chinese, ours always
/// have (quoted values such as “abc” or field names such as `sources` may be ASCII).
fn has_english(s: &str) -> bool {
    !s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// An operating system's file error (“No such file or directory” …) in Chinese.
pub fn io_error(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "找不到该文件",
        K::PermissionDenied => "没有读取该文件的权限",
        K::InvalidData => "文件内容无法读取",
        K::OutOfMemory => "内存不足",
        _ if e.raw_os_error() == Some(21) => "这是一个文件夹，不是文件",
        _ => "无法读取该文件",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_messages_have_no_english() {
        let cases = [
            (
                "invalid value: integer `99999`, expected u16",
                "取值不对：应为0 到 65535 的整数，实为整数 99999",
            ),
            (
                "invalid type: sequence, expected a string",
                "类型不对：应为文本，实为数组",
            ),
            (
                "invalid length 0, expected struct Header with 2 elements",
                "个数不对：应为对象 {...}，实为0 个",
            ),
            (
                "unknown variant `zzz`, expected one of `a`, `b`",
                "取值“zzz”不在允许范围内，应为以下之一：a, b",
            ),
            (
                "unknown variant `zzz`, expected `a` or `b`",
                "取值“zzz”不在允许范围内，应为a, b",
            ),
            ("missing field `scenarios`", "缺少字段 scenarios"),
            (
                "invalid type: null, expected struct Unit",
                "类型不对：应为对象 {...}，实为空值 null",
            ),
            ("something else entirely", "内容不符合文件格式"),
            ("“abc”不是有效的金额", "“abc”不是有效的金额"),
            (
                "资金来源“gpb”不在 sources 中",
                "资金来源“gpb”不在 sources 中",
            ),
        ];
        for (en, zh) in cases {
            assert_eq!(data_detail(en), zh);
        }
    }

    #[test]
    fn syntax_messages_have_no_english() {
        assert_eq!(syntax_detail("expected `:`"), "此处应为冒号 :");
        assert_eq!(
            syntax_detail("control character (\\u0000-\\u001F) found while parsing a string"),
            "文本中有未转义的控制字符"
        );
        assert_eq!(syntax_detail("a new message"), "不是有效的 JSON");
    }

    /// Every phrase here reads in English in the English interface, with no Chinese left.
    #[test]
    fn english_interface_shows_no_chinese() {
        use crate::core::present::i18n::{has_cjk, translate, Lang};
        let texts = [
            "第1行第104列：数据错误：取值不对：应为0 到 65535 的整数，实为整数 99999",
            "第1行第88列：数据错误：类型不对：应为文本，实为数组",
            "第1行第149列：数据错误：取值“zzz”不在允许范围内，应为以下之一：a, b",
            "第1行第84列：数据错误：类型不对：应为对象 {...}，实为空值 null",
            "第1行第6列：JSON 语法错误（此处应为冒号 :）",
            "第1行第6列：JSON 语法错误（文本中有未转义的控制字符）",
            "第1行第38列：数据错误：缺少字段 scenarios",
            "第1行第39列：数据错误：类型不对：应为0 到 4294967295 的整数，实为文本 \"3\"",
            "第1行第2列：数据错误：个数不对：应为数组 [...]，实为0 个",
        ];
        for t in texts {
            let en = translate(Lang::En, t);
            assert!(!has_cjk(&en), "{t} → {en}");
        }
    }
}
