//! The Word document (issue 24) read back from its XML: the parts and headings in the
//! template's order, every table's header and every figure as the report shows it, every
//! narrative sentence, the forms; the package as Word checks it; hostile names.

use quick_xml::events::Event;
use std::io::{Cursor, Read};
use yusuan::core::domain::consolidate::consolidate;
use yusuan::core::domain::disclosure::ServiceItem;
use yusuan::core::domain::model::Budget;
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::narrative::paragraph_text;
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::docx::{self, validate::validate};
use yusuan::core::formats::{file, reference};

/// A table's rows of (text, columns spanned, continues a vertical merge).
type Rows = Vec<Vec<(String, usize, bool)>>;

/// A block of the body as read back.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Para {
        style: String,
        text: String,
    },
    /// Rows of (text, columns spanned, continues a vertical merge).
    Table(Rows),
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn attr(e: &quick_xml::events::BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.unescape_value().unwrap().into_owned())
}

/// The body's paragraphs (outside tables) and tables, in order.
fn blocks(bytes: &[u8]) -> Vec<Block> {
    let xml = part(bytes, "word/document.xml");
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let (mut depth_tbl, mut style, mut text, mut in_t) = (0, String::new(), String::new(), false);
    let mut rows: Rows = Vec::new();
    let (mut span, mut cont) = (1usize, false);
    loop {
        match r.read_event().unwrap() {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:tbl" => {
                depth_tbl += 1;
                rows.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"w:tr" => rows.push(Vec::new()),
            Event::Start(e) if e.name().as_ref() == b"w:tc" => {
                span = 1;
                cont = false;
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == b"w:p" => {
                style.clear();
                if depth_tbl == 0 {
                    text.clear();
                }
            }
            Event::Empty(e) => match e.name().as_ref() {
                b"w:pStyle" => style = attr(&e, b"w:val").unwrap(),
                b"w:gridSpan" => span = attr(&e, b"w:val").unwrap().parse().unwrap(),
                b"w:vMerge" => cont = attr(&e, b"w:val").is_none(),
                b"w:br" => text.push('\n'),
                _ => {}
            },
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::Text(t) if in_t => text.push_str(&t.xml_content().unwrap()),
            Event::GeneralRef(g) if in_t => {
                let s = format!("&{};", String::from_utf8_lossy(&g));
                text.push_str(&quick_xml::escape::unescape(&s).unwrap());
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:p" if depth_tbl == 0 => out.push(Block::Para {
                    style: style.clone(),
                    text: text.clone(),
                }),
                b"w:tc" => rows.last_mut().unwrap().push((text.clone(), span, cont)),
                b"w:tbl" => {
                    depth_tbl -= 1;
                    out.push(Block::Table(std::mem::take(&mut rows)));
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn paras<'a>(b: &'a [Block], style: &str) -> Vec<&'a str> {
    b.iter()
        .filter_map(|x| match x {
            Block::Para { style: s, text } if s == style => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

fn tables(b: &[Block]) -> Vec<&Rows> {
    b.iter()
        .filter_map(|x| match x {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn make(b: &Budget, options: Options) -> (Vec<u8>, Vec<Block>) {
    let bytes = docx::document(b, options).unwrap();
    validate(&bytes).unwrap();
    let blocks = blocks(&bytes);
    (bytes, blocks)
}

/// Every table of the report as it is printed: headers (spanned cells once), then the
/// rendered body.
fn assert_tables_match(report: &Report, got: &[&Rows]) {
    let (unit, adjust) = (report.options.unit, report.options.adjusted());
    for (t, rows) in report.tables.iter().zip(got) {
        let head = t.header.len();
        let grid = t.header_grid();
        for (r, row) in rows[..head].iter().enumerate() {
            let mut c = 0;
            for (text, span, continued) in row {
                let want = if *continued { "" } else { grid[r][c].as_str() };
                assert_eq!(text, want, "{} header {r},{c}", t.title);
                c += span;
            }
            assert_eq!(
                c,
                t.columns(),
                "{} header row {r} spans every column",
                t.title
            );
        }
        let body: Vec<Vec<String>> = rows[head..]
            .iter()
            .map(|r| r.iter().map(|(s, _, _)| s.clone()).collect())
            .collect();
        assert_eq!(body, t.render(unit, adjust), "{}", t.title);
    }
}

#[test]
fn the_reference_document_in_the_templates_order() {
    let b = reference::budget();
    let (bytes, blocks) = make(&b, Options::default());
    assert_eq!(
        paras(&blocks, "Heading1"),
        [
            "第一部分 概况",
            "第二部分 2023年单位预算报表",
            "第三部分 2023年度单位预算情况说明",
            "第四部分 名词解释"
        ]
    );
    assert_eq!(paras(&blocks, "CoverTitle"), ["晋城市行政审批服务管理局"]);
    assert_eq!(paras(&blocks, "CoverSub"), ["2023年单位预算"]);
    assert!(part(&bytes, "docProps/core.xml")
        .contains("<dc:title>晋城市行政审批服务管理局2023年单位预算</dc:title>"));
    let report = Report::build(&b, Options::new(Unit::Wan, false, true));
    let titles: Vec<&str> = report.tables.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(paras(&blocks, "TableTitle"), titles);
    assert_eq!(titles.len(), 13);
    let labels: Vec<String> = (1..=13).map(|n| format!("预算公开表{n}")).collect();
    assert_eq!(paras(&blocks, "TableLabel"), labels);
    let sections: Vec<&str> = report.narrative.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(sections.len(), 12);
    assert_eq!(sections[11], "十二、其他说明");
    let h2 = paras(&blocks, "Heading2");
    assert_eq!(h2[..2], ["一、本单位职责", "二、机构设置情况"]);
    assert_eq!(h2[2..], sections[..]);
    // The 目录 lists every level-1 and level-2 heading in order (tables among them).
    let toc: Vec<&str> = blocks
        .iter()
        .filter_map(|x| match x {
            Block::Para { style, text } if style == "TOC1" || style == "TOC2" => {
                Some(text.as_str())
            }
            _ => None,
        })
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(toc.len(), 4 + 2 + 13 + 12);
    assert_eq!(toc[3], "第二部分 2023年单位预算报表");
    assert_eq!(toc[4], "2023年预算收支总表");
    assert!(part(&bytes, "word/document.xml").contains(r#" TOC \o "1-2" \h \z \u "#));
    // Every table: its header cells and every figure as the report shows it; then one
    // table per 绩效目标表.
    let got = tables(&blocks);
    assert_eq!(got.len(), 13 + b.goals.len());
    assert_tables_match(&report, &got);
    let total = got[0].iter().find(|r| r[0].0 == "收入总计").unwrap();
    assert_eq!(total[1].0, "3,826.55");
    // Every narrative sentence, in order, as body text or sub-heading.
    let body: Vec<&str> = blocks
        .iter()
        .filter_map(|x| match x {
            Block::Para { style, text } if style == "Normal" || style == "Heading3" => {
                Some(text.as_str())
            }
            _ => None,
        })
        .collect();
    let wanted: Vec<String> = report
        .overview
        .iter()
        .chain(&report.narrative)
        .flat_map(|s| s.paragraphs.iter().map(paragraph_text))
        .collect();
    let mut at = 0;
    for w in &wanted {
        let found = body[at..].iter().position(|p| p == w);
        assert!(
            found.is_some(),
            "narrative paragraph missing or out of order: {w}"
        );
        at += found.unwrap() + 1;
    }
    assert!(body
        .contains(&"2023年度一般公共预算当年拨款3,402.75万元，比上年减少190.83万元，下降5.31%。"));
    assert!(body.iter().any(|p| p
        .ends_with("基本支出1,081.30万元，占28.26%；项目支出2,745.25万元，占71.74%。")
        || p.contains("28.26%")));
    // The forms follow section 十 and come before 十一.
    let pos = |needle: &str| {
        blocks
            .iter()
            .position(|x| matches!(x, Block::Para { text, style } if text == needle && !style.starts_with("TOC")))
            .unwrap()
    };
    let first_form = blocks
        .iter()
        .position(|x| matches!(x, Block::Para { style, .. } if style == "FormTitle"))
        .unwrap();
    assert!(pos("十、绩效管理情况") < first_form && first_form < pos("十一、国有资产占有使用情况"));
    assert_eq!(paras(&blocks, "FormTitle").len(), b.goals.len());
    // 名词解释: every term.
    let glossary = yusuan::core::present::glossary::GLOSSARY;
    let terms = blocks
        .iter()
        .skip(pos("第四部分 名词解释"))
        .filter(|x| matches!(x, Block::Para { style, .. } if style == "Normal"))
        .count();
    assert_eq!(terms, glossary.len());
}

#[test]
fn units_and_tail_adjustment_as_on_screen() {
    let b = reference::budget();
    for options in [
        Options::new(Unit::Yuan, false, true),
        Options::new(Unit::Wan, true, true),
    ] {
        let (_, blocks) = make(&b, options);
        let report = Report::build(&b, options);
        assert_tables_match(&report, &tables(&blocks));
        let unit_lines = paras(&blocks, "TableUnitRight");
        assert_eq!(unit_lines.len(), 13);
        let want = format!("单位：{}", options.unit.label());
        assert!(unit_lines.iter().all(|u| *u == want), "{unit_lines:?}");
    }
    let (_, blocks) = make(&b, Options::new(Unit::Yuan, false, true));
    let total = tables(&blocks)[0]
        .iter()
        .find(|r| r[0].0 == "收入总计")
        .unwrap()
        .clone();
    assert_eq!(total[1].0, "38,265,540.00");
}

#[test]
fn the_shanghai_template_nine_tables_and_its_narrative() {
    let b = file::from_json(include_str!("fixtures/shanghai-institution.json")).unwrap();
    let options = Options::new(Unit::Yuan, false, true);
    let (_, blocks) = make(&b, options);
    let report = Report::build(&b, options);
    assert_eq!(report.tables.len(), 9);
    assert_eq!(paras(&blocks, "TableTitle").len(), 9);
    assert_tables_match(&report, &tables(&blocks));
    let h2 = paras(&blocks, "Heading2");
    for s in &report.narrative {
        assert!(h2.contains(&s.title.as_str()), "{}", s.title);
    }
    let body = paras(&blocks, "Normal").join("\n");
    for s in &report.narrative {
        for p in &s.paragraphs {
            let t = paragraph_text(p);
            assert!(
                body.contains(&t) || paras(&blocks, "Heading3").contains(&t.as_str()),
                "{t}"
            );
        }
    }
}

#[test]
fn a_department_and_an_empty_budget() {
    let a = reference::budget();
    let mut c = reference::budget();
    c.unit.name = "某中心".into();
    c.units[0].name = "某中心".into();
    let dept = consolidate("某部门", &[a, c]).unwrap();
    let (bytes, blocks) = make(&dept, Options::default());
    assert_eq!(paras(&blocks, "CoverSub"), ["2023年部门预算"]);
    assert!(paras(&blocks, "Heading1").contains(&"第二部分 2023年部门预算报表"));
    assert!(part(&bytes, "docProps/core.xml").contains("某部门2023年部门预算"));
    let report = Report::build(&dept, Options::new(Unit::Wan, false, true));
    assert_tables_match(&report, &tables(&blocks));
    // One 预算单位 of it, as `--unit u2` and the page's unit view give.
    let unit = dept.unit_view("u2").unwrap();
    let (_, blocks) = make(&unit, Options::default());
    assert_eq!(paras(&blocks, "TableTitle").len(), 13);

    let empty = Budget::empty("新单位", 2025);
    let (_, blocks) = make(&empty, Options::default());
    assert_eq!(paras(&blocks, "TableTitle").len(), 13);
    let notes = paras(&blocks, "Note");
    assert!(
        notes.len() >= 10,
        "empty tables carry their note: {notes:?}"
    );
    assert!(notes.iter().all(|n| n.starts_with("注：")));
    assert!(
        paras(&blocks, "FormTitle").is_empty(),
        "no projects, no forms"
    );
    assert!(paras(&blocks, "Normal").contains(&"（未填写）"));
}

#[test]
fn hostile_names_stay_text_and_the_package_stays_valid() {
    let mut b = reference::budget();
    let long = "长".repeat(2000);
    b.unit.name = "<w:p>&\"'🙂</w:t>".into();
    b.unit.duties = format!("a < b && c > d \"quoted\" 'single' 🧾\n{long}");
    b.services = vec![ServiceItem {
        project: "<script>&amp;".into(),
        category: long.clone(),
        amount: Money::from_yuan(rust_decimal::Decimal::new(1234567, 2)),
    }];
    b.unit.other_notes = "]]><![CDATA[x".into();
    let (bytes, blocks) = make(&b, Options::default());
    assert_eq!(paras(&blocks, "CoverTitle"), ["<w:p>&\"'🙂</w:t>"]);
    let body = paras(&blocks, "Normal");
    assert!(body.contains(&"a < b && c > d \"quoted\" 'single' 🧾"));
    assert!(body.contains(&long.as_str()));
    assert!(body.contains(&"]]><![CDATA[x"));
    assert!(
        body.iter()
            .any(|p| p
                .starts_with("2023年本单位政府购买服务预算1.23万元，共1个项目：<script>&amp;（"))
    );
    assert!(part(&bytes, "docProps/core.xml").contains("&lt;w:p&gt;&amp;&quot;&apos;🙂"));
}

#[test]
fn the_check_fails_on_a_missing_relationship_or_style() {
    let b = reference::budget();
    let bytes = docx::document(&b, Options::default()).unwrap();
    validate(&bytes).unwrap();
    let rebuild = |edit: &dyn Fn(&str, String) -> String| {
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().to_string();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            w.start_file(name.clone(), zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut w, edit(&name, s).as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    };
    let no_footer_rel = rebuild(&|name, s| {
        if name == "word/_rels/document.xml.rels" {
            s.replace("rIdFooter", "rIdOther")
        } else {
            s
        }
    });
    assert!(validate(&no_footer_rel).unwrap_err().contains("rIdFooter"));
    let dangling = rebuild(&|name, s| {
        if name == "word/_rels/document.xml.rels" {
            s.replace("footer1.xml", "footer9.xml")
        } else {
            s
        }
    });
    assert!(validate(&dangling).unwrap_err().contains("footer9.xml"));
    let unstyled = rebuild(&|name, s| {
        if name == "word/styles.xml" {
            s.replace(r#"w:styleId="TableNumber""#, r#"w:styleId="X""#)
        } else {
            s
        }
    });
    assert!(validate(&unstyled).unwrap_err().contains("TableNumber"));
    let broken = rebuild(&|name, s| {
        if name == "word/document.xml" {
            s.replacen("</w:p>", "", 1)
        } else {
            s
        }
    });
    assert!(validate(&broken).is_err());
}

#[test]
fn one_section_per_orientation_and_page_numbers_from_part_one() {
    let b = reference::budget();
    let bytes = docx::document(&b, Options::default()).unwrap();
    let xml = part(&bytes, "word/document.xml");
    // The cover and 目录 have no footer; numbering restarts at 第一部分.
    let first = xml.find("<w:sectPr>").unwrap();
    let first_end = xml[first..].find("</w:sectPr>").unwrap();
    assert!(!xml[first..first + first_end].contains("footerReference"));
    assert_eq!(xml.matches(r#"<w:pgNumType w:start="1"/>"#).count(), 1);
    assert!(
        xml.contains(r#"w:orient="landscape""#),
        "the forms are landscape"
    );
    assert!(part(&bytes, "word/footer1.xml").contains(" PAGE "));
    let styles = part(&bytes, "word/styles.xml");
    for font in ["方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"] {
        assert!(styles.contains(font), "{font}");
    }
    assert!(part(&bytes, "word/fontTable.xml")
        .contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
    // Header rows repeat on each page.
    assert!(xml.contains("<w:tblHeader/>"));
}
