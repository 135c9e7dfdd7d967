//! What Word checks before it offers to repair a file, checked on our own output: every
//! part well-formed XML, every part given a content type, every relationship's target
//! present, every `r:id` the document uses declared, every style it names defined.
//! Tests run it on every document they make; it reads any bytes without panicking.

use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// The parts of a package (name → text), at most 64 MB inflated in all.
fn parts(bytes: &[u8]) -> Result<BTreeMap<String, String>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("不是 ZIP：{e}"))?;
    let mut out = BTreeMap::new();
    let mut budget: u64 = 64 << 20;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| e.to_string())?;
        let name = f.name().to_string();
        let mut text = String::new();
        (&mut f)
            .take(budget)
            .read_to_string(&mut text)
            .map_err(|e| format!("{name}：{e}"))?;
        budget = budget.saturating_sub(text.len() as u64);
        if budget == 0 {
            return Err("解压后过大".into());
        }
        out.insert(name, text);
    }
    Ok(out)
}

/// Well-formed: quick-xml reads it to the end with matching end tags.
fn well_formed(name: &str, xml: &str) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        match r.read_event() {
            Ok(Event::Start(_)) => depth += 1,
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) if depth == 0 => return Ok(()),
            Ok(Event::Eof) => return Err(format!("{name}：元素未闭合")),
            Ok(_) => {}
            Err(e) => return Err(format!("{name}：{e}")),
        }
    }
}

/// The values of one attribute wherever it appears (`w:val` of `<w:pStyle`, …).
fn attribute_values<'a>(xml: &'a str, element: &str, attr: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let open = format!("<{element} ");
    let key = format!("{attr}=\"");
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        rest = &rest[i + open.len()..];
        let end = rest.find('>').unwrap_or(rest.len());
        if let Some(j) = rest[..end].find(&key) {
            let v = &rest[j + key.len()..];
            if let Some(k) = v.find('"') {
                out.push(&v[..k]);
            }
        }
    }
    out
}

/// Checks a `.docx` as Word would before opening it.
pub fn validate(bytes: &[u8]) -> Result<(), String> {
    let parts = parts(bytes)?;
    for (name, xml) in &parts {
        well_formed(name, xml)?;
    }
    let get = |n: &str| parts.get(n).ok_or(format!("缺少 {n}"));
    let types = get("[Content_Types].xml")?;
    for name in parts.keys().filter(|n| n.as_str() != "[Content_Types].xml") {
        let ext = name.rsplit('.').next().unwrap_or("");
        let typed = types.contains(&format!("PartName=\"/{name}\""))
            || types.contains(&format!("Extension=\"{ext}\""));
        if !typed {
            return Err(format!("{name} 没有内容类型"));
        }
    }
    relationships(&parts, "_rels/.rels", "")?;
    let ids = relationships(&parts, "word/_rels/document.xml.rels", "word/")?;
    let doc = get("word/document.xml")?;
    if let Some(id) = attribute_values(doc, "w:footerReference", "r:id")
        .into_iter()
        .find(|id| !ids.contains(&id.to_string()))
    {
        return Err(format!("document.xml 引用了未声明的关系 {id}"));
    }
    styles_defined(doc, get("word/styles.xml")?)
}

/// Every relationship's target exists; returns the ids declared.
fn relationships(
    parts: &BTreeMap<String, String>,
    rels: &str,
    base: &str,
) -> Result<Vec<String>, String> {
    let xml = parts.get(rels).ok_or(format!("缺少 {rels}"))?;
    let targets = attribute_values(xml, "Relationship", "Target");
    let ids = attribute_values(xml, "Relationship", "Id");
    if targets.len() != ids.len() {
        return Err(format!("{rels}：关系缺少 Id 或 Target"));
    }
    for t in targets {
        let path = format!("{base}{t}");
        if !parts.contains_key(&path) {
            return Err(format!("{rels}：关系指向不存在的 {path}"));
        }
    }
    Ok(ids.into_iter().map(str::to_string).collect())
}

fn styles_defined(doc: &str, styles: &str) -> Result<(), String> {
    let defined = attribute_values(styles, "w:style", "w:styleId");
    for (element, attr) in [
        ("w:pStyle", "w:val"),
        ("w:rStyle", "w:val"),
        ("w:tblStyle", "w:val"),
    ] {
        if let Some(s) = attribute_values(doc, element, attr)
            .into_iter()
            .find(|s| !defined.contains(s))
        {
            return Err(format!("样式 {s} 未定义"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anything_is_read_without_panic() {
        assert!(validate(b"").is_err());
        assert!(validate(b"PK\x03\x04garbage").is_err());
        assert!(well_formed("x", "<a><b></a>").is_err());
        assert!(well_formed("x", "<a>").is_err());
        assert!(well_formed("x", "<a/>").is_ok());
        assert_eq!(
            attribute_values(
                r#"<w:pStyle w:val="A"/><w:pStyle w:val="B"/>"#,
                "w:pStyle",
                "w:val"
            ),
            ["A", "B"]
        );
    }
}
