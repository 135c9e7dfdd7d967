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

/// The order WordprocessingML's schema gives the children of the property elements we
/// write (a sequence: Word refuses a file with them out of order). Children not listed are
/// not checked.
const ORDERS: [(&str, &[&str]); 9] = [
    (
        "w:pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "w:rPr",
        &[
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "w:tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
        ],
    ),
    (
        "w:tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
        ],
    ),
    (
        "w:sectPr",
        &[
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
        ],
    ),
    (
        "w:settings",
        &[
            "view",
            "zoom",
            "proofState",
            "defaultTabStop",
            "autoHyphenation",
            "characterSpacingControl",
            "updateFields",
            "footnotePr",
            "endnotePr",
            "compat",
            "rsids",
            "themeFontLang",
        ],
    ),
    (
        "w:style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    ("w:tbl", &["tblPr", "tblGrid", "tr"]),
    ("w:tc", &["tcPr", "p"]),
];

/// Well-formed (quick-xml reads it to the end with matching end tags), with the children
/// of [`ORDERS`]' elements in the schema's order.
fn well_formed(name: &str, xml: &str) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    // Open elements: the order of their children (when checked) and the last child's place.
    let mut open: Vec<(Option<&[&str]>, usize)> = Vec::new();
    loop {
        let (tag, starts) = match r.read_event() {
            Ok(Event::Start(e)) => (e.name().as_ref().to_vec(), true),
            Ok(Event::Empty(e)) => (e.name().as_ref().to_vec(), false),
            Ok(Event::End(_)) => {
                open.pop();
                continue;
            }
            Ok(Event::Eof) if open.is_empty() => return Ok(()),
            Ok(Event::Eof) => return Err(format!("{name}：元素未闭合")),
            Ok(_) => continue,
            Err(e) => return Err(format!("{name}：{e}")),
        };
        let tag = String::from_utf8_lossy(&tag).into_owned();
        in_order(name, &tag, open.last_mut())?;
        if starts {
            let order = ORDERS.iter().find(|(p, _)| *p == tag).map(|(_, o)| *o);
            open.push((order, 0));
        }
    }
}

/// Whether a child comes where its parent's order allows (after the children before it).
fn in_order(
    part: &str,
    child: &str,
    parent: Option<&mut (Option<&[&str]>, usize)>,
) -> Result<(), String> {
    let Some((Some(order), last)) = parent else {
        return Ok(());
    };
    let local = child.strip_prefix("w:").unwrap_or(child);
    let local = if local == "headerReference" {
        "footerReference"
    } else {
        local
    };
    let Some(at) = order.iter().position(|c| *c == local) else {
        return Ok(());
    };
    if at < *last {
        return Err(format!(
            "{part}：元素 {child} 的位置不符合规范（应在 w:{} 之前）",
            order[*last]
        ));
    }
    *last = at;
    Ok(())
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
        let settings = |inner: &str| well_formed("s", &format!("<w:settings>{inner}</w:settings>"));
        assert!(
            settings("<w:defaultTabStop/><w:updateFields/><w:compat><w:x/></w:compat>").is_ok()
        );
        let e = settings("<w:updateFields/><w:defaultTabStop/>").unwrap_err();
        assert!(e.contains("w:defaultTabStop"), "{e}");
        assert!(well_formed("p", "<w:p><w:pPr><w:jc/><w:pStyle/></w:pPr></w:p>").is_err());
        assert!(well_formed("p", "<w:p><w:pPr><w:pStyle/><w:jc/></w:pPr></w:p>").is_ok());
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
