//! The fixed parts of the package: content types, relationships, the styles (every
//! paragraph kind is a style, so an office restyles the document in one place), the fonts
//! with their fallbacks, the settings and the page-number footer.
//!
//! Fonts follow GB/T 9704 (党政机关公文格式): 方正小标宋简体 for titles, 黑体 for 一级
//! headings, 楷体_GB2312 for 二级, 仿宋_GB2312 for the body at 3号 (16 pt), page numbers in
//! 4号 宋体 as “— 1 —”. Each is declared in the font table with the font Windows and WPS
//! ship under another name (`w:altName`: 宋体, 楷体, 仿宋) and its GB2312 character set, so a
//! machine without the 公文 fonts shows the nearest one rather than a Latin fallback.

use super::xml::esc;

pub const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

pub const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

pub const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// The main part around a body.
pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W_NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// `updateFields`: Word and WPS offer to update the 目录 (its page numbers) on opening. The
/// children are in the schema's order (`CT_Settings` is a sequence; Word refuses another).
pub fn settings() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings {W_NS}><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:updateFields w:val="true"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// The footer: “— N —” centred, N the PAGE field.
pub fn footer() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {W_NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

/// The fonts the styles name, each with the font to use where it is missing.
const FONTS: [(&str, &str, &str); 6] = [
    ("方正小标宋简体", "宋体", "roman"),
    ("黑体", "SimHei", "modern"),
    ("楷体_GB2312", "楷体", "modern"),
    ("仿宋_GB2312", "仿宋", "modern"),
    ("宋体", "SimSun", "auto"),
    ("Times New Roman", "Liberation Serif", "roman"),
];

pub fn font_table() -> String {
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts {W_NS}>"#
    );
    for (name, alt, family) in FONTS {
        let charset = if name == "Times New Roman" {
            "00"
        } else {
            "86"
        };
        x.push_str(&format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>"#
        ));
    }
    x.push_str("</w:fonts>");
    x
}

/// The package's core properties: title and the program that made it.
pub fn core_props(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>预算计算器</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>"#,
        esc(title)
    )
}

pub const APP_PROPS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>预算计算器</Application></Properties>"#;

/// A paragraph style: id, shown name, whether it is a heading (outline level), its font
/// (east Asian), size in half-points, bold, alignment, first-line indent in characters,
/// exact line spacing (twips; 0 = single), space before and after (twips), new page.
struct Para {
    id: &'static str,
    name: &'static str,
    outline: Option<u8>,
    font: &'static str,
    size: u32,
    bold: bool,
    jc: &'static str,
    indent_chars: u32,
    line: u32,
    space: (u32, u32),
    page_break: bool,
}

const BODY: Para = Para {
    id: "Normal",
    name: "Normal",
    outline: None,
    font: "仿宋_GB2312",
    size: 32,
    bold: false,
    jc: "both",
    indent_chars: 2,
    line: 560,
    space: (0, 0),
    page_break: false,
};

/// Every paragraph kind of the document.
const STYLES: [Para; 20] = [
    BODY,
    Para {
        id: "Title",
        name: "Title",
        font: "方正小标宋简体",
        size: 44,
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (0, 240),
        ..BODY
    },
    Para {
        id: "CoverTitle",
        name: "封面标题",
        font: "方正小标宋简体",
        size: 52,
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (3600, 600),
        ..BODY
    },
    Para {
        id: "CoverSub",
        name: "封面副标题",
        font: "楷体_GB2312",
        size: 36,
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (240, 240),
        ..BODY
    },
    Para {
        id: "Heading1",
        name: "heading 1",
        outline: Some(0),
        font: "黑体",
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (240, 360),
        page_break: true,
        ..BODY
    },
    Para {
        id: "Heading2",
        name: "heading 2",
        outline: Some(1),
        font: "楷体_GB2312",
        line: 560,
        space: (120, 0),
        ..BODY
    },
    Para {
        id: "Heading3",
        name: "heading 3",
        outline: Some(2),
        bold: true,
        ..BODY
    },
    Para {
        id: "TableTitle",
        name: "表格标题",
        outline: Some(1),
        font: "方正小标宋简体",
        size: 32,
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (120, 120),
        ..BODY
    },
    Para {
        id: "TableLabel",
        name: "表格编号",
        font: "黑体",
        size: 24,
        jc: "left",
        indent_chars: 0,
        line: 0,
        space: (240, 0),
        ..BODY
    },
    Para {
        id: "TableUnit",
        name: "表格单位名称",
        size: 21,
        jc: "left",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
    Para {
        id: "TableUnitRight",
        name: "表格金额单位",
        size: 21,
        jc: "right",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
    Para {
        id: "TableHead",
        name: "表头",
        font: "黑体",
        size: 20,
        jc: "center",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
    Para {
        id: "TableText",
        name: "表格文字",
        font: "宋体",
        size: 20,
        jc: "left",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
    Para {
        id: "TableNumber",
        name: "表格数字",
        font: "宋体",
        size: 20,
        jc: "right",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
    Para {
        id: "FormTitle",
        name: "绩效目标表标题",
        font: "方正小标宋简体",
        size: 32,
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (0, 240),
        ..BODY
    },
    Para {
        id: "Note",
        name: "表注",
        size: 24,
        jc: "left",
        indent_chars: 0,
        line: 0,
        space: (60, 240),
        ..BODY
    },
    Para {
        id: "TOCHeading",
        name: "TOC Heading",
        font: "黑体",
        jc: "center",
        indent_chars: 0,
        line: 0,
        space: (0, 360),
        ..BODY
    },
    Para {
        id: "TOC1",
        name: "toc 1",
        font: "黑体",
        size: 28,
        jc: "left",
        indent_chars: 0,
        line: 0,
        space: (60, 60),
        ..BODY
    },
    Para {
        id: "TOC2",
        name: "toc 2",
        size: 28,
        jc: "left",
        indent_chars: 2,
        line: 0,
        space: (0, 0),
        ..BODY
    },
    Para {
        id: "Footer",
        name: "footer",
        font: "宋体",
        size: 28,
        jc: "center",
        indent_chars: 0,
        line: 0,
        ..BODY
    },
];

fn style_xml(p: &Para) -> String {
    let default = if p.id == "Normal" {
        r#" w:default="1""#
    } else {
        ""
    };
    let mut x = format!(
        r#"<w:style w:type="paragraph"{default} w:styleId="{}"><w:name w:val="{}"/>"#,
        p.id, p.name
    );
    if p.id != "Normal" {
        x.push_str(r#"<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#);
    }
    x.push_str("<w:qFormat/><w:pPr>");
    if p.outline.is_some() || p.id.starts_with("Table") && p.id != "TableText" {
        x.push_str("<w:keepNext/>");
    }
    if p.page_break {
        x.push_str("<w:pageBreakBefore/>");
    }
    if p.id.starts_with("TOC") && p.id != "TOCHeading" {
        x.push_str(r#"<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8844"/></w:tabs>"#);
    }
    let line = if p.line > 0 {
        format!(r#" w:line="{}" w:lineRule="exact""#, p.line)
    } else {
        r#" w:line="240" w:lineRule="auto""#.to_string()
    };
    x.push_str(&format!(
        r#"<w:spacing w:before="{}" w:after="{}"{line}/>"#,
        p.space.0, p.space.1
    ));
    let first = p.indent_chars * 100;
    let twips = p.indent_chars * p.size * 10;
    x.push_str(&format!(
        r#"<w:ind w:firstLineChars="{first}" w:firstLine="{twips}"/><w:jc w:val="{}"/>"#,
        p.jc
    ));
    if let Some(level) = p.outline {
        x.push_str(&format!(r#"<w:outlineLvl w:val="{level}"/>"#));
    }
    x.push_str("</w:pPr><w:rPr>");
    x.push_str(&format!(
        r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{}" w:cs="Times New Roman"/>"#,
        p.font
    ));
    if p.bold {
        x.push_str("<w:b/><w:bCs/>");
    }
    x.push_str(&format!(
        r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/></w:rPr></w:style>"#,
        p.size
    ));
    x
}

/// The term of a 名词解释 entry: 黑体 (a character style, restyled in one place too).
const TERM_STYLE: &str = r#"<w:style w:type="character" w:styleId="Term"><w:name w:val="名词"/><w:qFormat/><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>"#;

/// Ruled tables: thin lines around and between every cell.
const TABLE_STYLE: &str = r#"<w:style w:type="table" w:styleId="BudgetTable"><w:name w:val="预算表格"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#;

pub fn styles() -> String {
    let mut x = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W_NS}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"#
    );
    for p in &STYLES {
        x.push_str(&style_xml(p));
    }
    x.push_str(TERM_STYLE);
    x.push_str(TABLE_STYLE);
    x.push_str("</w:styles>");
    x
}

/// The ids of every paragraph style (for the package's own check).
pub fn paragraph_styles() -> impl Iterator<Item = &'static str> {
    STYLES.iter().map(|p| p.id)
}
