//! The hostile-input catalogue (docs/HOSTILE-INPUTS.md): every entry point of user input
//! with crafted inputs, each with its expected outcome. A refused input must say why in
//! Chinese with no parser or operating-system English in it, and read in English in the
//! English interface with no Chinese left (besides quoted user text); an accepted input
//! must come out clean. `HOSTILE_DOC=1 cargo test --test hostile` rewrites the table in
//! docs/HOSTILE-INPUTS.md from this list; a test checks that the document lists every case.
#![cfg(not(target_arch = "wasm32"))]

use yusuan::core::config::Config;
use yusuan::core::domain::command::FieldName;
use yusuan::core::domain::money::{Money, Unit};
use yusuan::core::figures::report::{Options, Report};
use yusuan::core::formats::{codelist, file, goal_sheet, import, reference, share, text, xlsx};
use yusuan::core::present::editor::{plan_paste, Column};
use yusuan::core::present::i18n::{has_cjk, translate, Lang};

/// What an input must lead to.
enum Expect {
    /// Refused, the message holding this text.
    Refused(&'static str),
    /// Accepted, the outcome (a short text) holding this.
    Accepted(&'static str),
}
use Expect::{Accepted, Refused};

struct Case {
    entry: &'static str,
    input: &'static str,
    expect: Expect,
    run: Box<dyn Fn() -> Result<String, String>>,
}

fn case(
    entry: &'static str,
    input: &'static str,
    expect: Expect,
    run: impl Fn() -> Result<String, String> + 'static,
) -> Case {
    Case {
        entry,
        input,
        expect,
        run: Box::new(run),
    }
}

// ---- entry points, as the app and the CLI call them ----

const SOURCES: &str = r#"[{"id":"g","name":"一般公共预算","kind":"general_public"}]"#;
const LINE: &str = r#"{"id":1,"kind":"basic","function":"2010301","economic":"30101","source":"g","current":"100.00"}"#;

fn budget_json(unit: &str, sources: &str, lines: &str, extra: &str) -> String {
    format!(r#"{{"unit":{unit},"sources":{sources},"lines":[{lines}]{extra}}}"#)
}

fn file_of(budget: &str) -> String {
    format!(
        r#"{{"format":"yusuan-budget","version":3,"scenarios":[{{"name":"方案一","budget":{budget}}}]}}"#
    )
}

fn with_lines(lines: &str) -> String {
    file_of(&budget_json(
        r#"{"name":"某局","year":2023}"#,
        SOURCES,
        lines,
        "",
    ))
}

fn line_with(field: &str) -> String {
    with_lines(&LINE.replace(r#""current":"100.00""#, field))
}

fn open(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        file::read(&text)
            .map(|ws| {
                let b = ws.budget();
                format!(
                    "{} {} {} lines {}",
                    ws.current().name,
                    b.unit.name,
                    b.sources.first().map(|s| s.name.as_str()).unwrap_or(""),
                    b.lines
                        .iter()
                        .map(|l| l.total().yuan().to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                )
            })
            .map_err(|e| e.to_string())
    }
}

fn import_csv(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        let rows = import::parse_csv(&text).map_err(|e| e.to_string())?;
        let b = reference::budget();
        let g = import::guess(&rows);
        let plan = import::plan(&b, &rows, &g.mapping).map_err(|es| {
            es.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("；")
        })?;
        Ok(format!("{} lines", plan.append().len()))
    }
}

fn read_xlsx(bytes: Vec<u8>) -> impl Fn() -> Result<String, String> {
    move || {
        xlsx::read(&bytes)
            .map(|s| format!("{} sheets", s.len()))
            .map_err(|e| e.to_string())
    }
}

fn paste(text: String, column: Column) -> impl Fn() -> Result<String, String> {
    move || {
        let b = reference::budget();
        let targets: Vec<_> = b.lines.iter().map(|l| l.id).collect();
        plan_paste(&b, &text, &targets, column, Unit::Wan)
            .map(|p| format!("{} commands", p.commands.len()))
            .map_err(|es| {
                es.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("；")
            })
    }
}

fn amount(text: &'static str) -> impl Fn() -> Result<String, String> {
    move || {
        Money::parse_in(text, Unit::Wan)
            .map(|m| format!("{} 元", m.yuan()))
            .map_err(|e| e.to_string())
    }
}

fn field(name: FieldName, text: String) -> impl Fn() -> Result<String, String> {
    move || {
        let b = reference::budget();
        b.parse_field_in(1, name, &text, Unit::Wan)
            .map(|f| format!("{f:?}"))
            .map_err(|e| e.to_string())
    }
}

fn link(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        share::decode(&text)
            .map(|(n, b)| format!("{n} {}", b.unit.name))
            .map_err(|e| e.to_string())
    }
}

fn deflated_link(json: &str) -> String {
    use base64::Engine;
    use std::io::Write;
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(json.as_bytes()).unwrap();
    let bytes = z.finish().unwrap();
    format!(
        "{}{}",
        share::KEY,
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

fn config(key: &'static str, value: String) -> impl Fn() -> Result<String, String> {
    move || {
        let (_, problems) = Config::parse([(key, value.as_str())]);
        match problems.first() {
            Some(p) => Err(p.to_string()),
            None => Ok("配置已用".into()),
        }
    }
}

fn code_list(text: &'static str) -> impl Fn() -> Result<String, String> {
    move || {
        let rows = import::parse_csv(text).map_err(|e| e.to_string())?;
        codelist::read(&reference::budget(), &rows)
            .map(|_| "科目表已读".to_string())
            .map_err(|es| {
                es.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("；")
            })
    }
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, body) in parts {
        z.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        z.write_all(body).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn reference_xlsx() -> Vec<u8> {
    let mut wb = xlsx::Workbook::default();
    wb.push(xlsx::lines_sheet(&reference::budget()));
    xlsx::write(&wb).unwrap()
}

// ---- the catalogue ----

fn file_cases() -> Vec<Case> {
    let e = "打开预算文件";
    let sources51: String = (0..51)
        .map(|i| {
            format!(
                r#"{{"name":"方案{i}","budget":{}}}"#,
                budget_json(r#"{"name":"x","year":2023}"#, SOURCES, "", "")
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    let many_lines: String = (1..=200_001)
        .map(|i| format!(r#"{{"id":{i},"kind":"basic","source":"g"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let two_units = file_of(&budget_json(
        r#"{"name":"x","year":2023}"#,
        SOURCES,
        "",
        r#","units":[{"id":"a","name":"甲","type":"administrative"},{"id":"b","name":"乙","type":"institution"}]"#,
    ));
    vec![
        case(e, "空文件", Refused("文件不完整"), open(String::new())),
        case(e, "只有空白", Refused("文件不完整"), open(" \n\t ".into())),
        case(
            e,
            "带 BOM 的有效文件",
            Accepted("某局"),
            open(format!("\u{feff}{}", with_lines(LINE))),
        ),
        case(
            e,
            "嵌套 200,000 层的数组",
            Refused("不是预算计算器的文件"),
            open(format!("{}{}", "[".repeat(200_000), "]".repeat(200_000))),
        ),
        case(
            e,
            "嵌套 200,000 层的对象",
            Refused("不是预算计算器的文件"),
            open(format!(
                "{}1{}",
                "{\"a\":".repeat(200_000),
                "}".repeat(200_000)
            )),
        ),
        case(
            e,
            "null",
            Refused("不是预算计算器的文件"),
            open("null".into()),
        ),
        case(
            e,
            "数组 []",
            Refused("不是预算计算器的文件"),
            open("[]".into()),
        ),
        case(
            e,
            "数字 123",
            Refused("不是预算计算器的文件"),
            open("123".into()),
        ),
        case(
            e,
            "空对象 {}",
            Refused("不是预算计算器的文件"),
            open("{}".into()),
        ),
        case(
            e,
            "其他程序的 JSON（format 不同）",
            Refused("不是预算计算器的文件"),
            open(r#"{"format":"other","version":3}"#.into()),
        ),
        case(
            e,
            "缺少版本号",
            Refused("缺少文件版本号"),
            open(r#"{"format":"yusuan-budget"}"#.into()),
        ),
        case(
            e,
            "版本号是文本 \"3\"",
            Refused("类型不对"),
            open(r#"{"format":"yusuan-budget","version":"3"}"#.into()),
        ),
        case(
            e,
            "版本号 99（更新的程序）",
            Refused("比本程序支持的版本"),
            open(r#"{"format":"yusuan-budget","version":99}"#.into()),
        ),
        case(
            e,
            "版本号 0",
            Refused("未知的文件版本 0"),
            open(r#"{"format":"yusuan-budget","version":0}"#.into()),
        ),
        case(
            e,
            "版本号 -1",
            Refused("取值不对"),
            open(r#"{"format":"yusuan-budget","version":-1}"#.into()),
        ),
        case(
            e,
            "版本号 1e400",
            Refused("数字超出范围"),
            open(r#"{"format":"yusuan-budget","version":1e400}"#.into()),
        ),
        case(
            e,
            "没有方案 \"scenarios\": []",
            Refused("方案个数应为 1 到 50 个"),
            open(r#"{"format":"yusuan-budget","version":3,"scenarios":[]}"#.into()),
        ),
        case(
            e,
            "51 个方案",
            Refused("方案个数应为 1 到 50 个"),
            open(format!(
                r#"{{"format":"yusuan-budget","version":3,"scenarios":[{sources51}]}}"#
            )),
        ),
        case(
            e,
            "\"current\": 5，只有一个方案",
            Refused("当前方案序号为 5"),
            open(with_lines(LINE).replacen(r#""version":3,"#, r#""version":3,"current":5,"#, 1)),
        ),
        case(
            e,
            "\"current\": -1",
            Refused("取值不对"),
            open(with_lines(LINE).replacen(r#""version":3,"#, r#""version":3,"current":-1,"#, 1)),
        ),
        case(
            e,
            "方案名称为空",
            Refused("方案名称不能为空"),
            open(with_lines(LINE).replace(r#""name":"方案一""#, r#""name":"  ""#)),
        ),
        case(
            e,
            "方案名称 61 个字",
            Refused("方案名称过长"),
            open(with_lines(LINE).replace(
                r#""name":"方案一""#,
                &format!(r#""name":"{}""#, "方".repeat(61)),
            )),
        ),
        case(
            e,
            "方案名称含换行、NUL 和 U+202E",
            Accepted("方案甲乙 某局"),
            open(
                with_lines(LINE).replace(r#""name":"方案一""#, r#""name":"方案\u0000甲\u202e乙""#),
            ),
        ),
        case(
            e,
            "金额 \"1e400\"",
            Refused("不是有效的金额"),
            open(line_with(r#""current":"1e400""#)),
        ),
        case(
            e,
            "金额 \"NaN\"",
            Refused("不是有效的金额"),
            open(line_with(r#""current":"NaN""#)),
        ),
        case(
            e,
            "金额 \"Infinity\"",
            Refused("不是有效的金额"),
            open(line_with(r#""current":"Infinity""#)),
        ),
        case(
            e,
            "金额 10^15+1 元",
            Refused("金额"),
            open(line_with(r#""current":"1000000000000001""#)),
        ),
        case(
            e,
            "金额三位小数 \"1.005\"",
            Refused("金额"),
            open(line_with(r#""current":"1.005""#)),
        ),
        case(
            e,
            "金额是数字 1.5（不是文本）",
            Accepted("lines 1.5"),
            open(line_with(r#""current":1.5"#)),
        ),
        case(
            e,
            "金额是 true",
            Refused("类型不对"),
            open(line_with(r#""current":true"#)),
        ),
        case(
            e,
            "金额是对象",
            Refused("类型不对"),
            open(line_with(r#""current":{}"#)),
        ),
        case(
            e,
            "明细编号 0",
            Refused("明细编号应为正整数"),
            open(with_lines(&LINE.replace(r#""id":1"#, r#""id":0"#))),
        ),
        case(
            e,
            "明细编号 -1",
            Refused("取值不对"),
            open(with_lines(&LINE.replace(r#""id":1"#, r#""id":-1"#))),
        ),
        case(
            e,
            "明细编号 1.5",
            Refused("类型不对"),
            open(with_lines(&LINE.replace(r#""id":1"#, r#""id":1.5"#))),
        ),
        case(
            e,
            "明细编号 4294967296",
            Refused("取值不对"),
            open(with_lines(&LINE.replace(r#""id":1"#, r#""id":4294967296"#))),
        ),
        case(
            e,
            "明细编号重复",
            Refused("明细编号 1 重复"),
            open(with_lines(&format!("{LINE},{LINE}"))),
        ),
        case(
            e,
            "资金来源 id 重复",
            Refused("资金来源 id “g”重复"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":2023}"#,
                r#"[{"id":"g","name":"a","kind":"general_public"},{"id":"g","name":"b","kind":"general_public"}]"#,
                "",
                "",
            ))),
        ),
        case(
            e,
            "明细引用不存在的资金来源",
            Refused("不在 sources 中"),
            open(with_lines(
                &LINE.replace(r#""source":"g""#, r#""source":"zz""#),
            )),
        ),
        case(
            e,
            "没有资金来源",
            Refused("至少需要一个资金来源"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":2023}"#,
                "[]",
                "",
                "",
            ))),
        ),
        case(
            e,
            "资金来源类型未知",
            Refused("不在允许范围内"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":2023}"#,
                r#"[{"id":"g","name":"a","kind":"zzz"}]"#,
                "",
                "",
            ))),
        ),
        case(
            e,
            "资金来源 id 含控制字符",
            Refused("id 不能含控制字符"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":2023}"#,
                r#"[{"id":"g\u0001","name":"a","kind":"general_public"}]"#,
                "",
                "",
            ))),
        ),
        case(
            e,
            "预算单位 id 65 个字符",
            Refused("最多64个字符"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":2023}"#,
                SOURCES,
                "",
                &format!(
                    r#","units":[{{"id":"{}","name":"甲","type":"administrative"}}]"#,
                    "u".repeat(65)
                ),
            ))),
        ),
        case(
            e,
            "功能科目含字母 \"20x\"",
            Refused("只能由数字组成"),
            open(with_lines(&LINE.replace("2010301", "20x"))),
        ),
        case(
            e,
            "经济科目不是 3 开头 \"50101\"",
            Refused("不是部门预算支出经济分类科目"),
            open(with_lines(&LINE.replace("30101", "50101"))),
        ),
        case(
            e,
            "政府经济科目以 0 开头 \"01002\"（模糊测试发现：写回后读不出）",
            Refused("不能以0开头"),
            open(with_lines(&LINE.replace(
                r#""economic":"30101""#,
                r#""economic":"30101","gov_economic":"01002""#,
            ))),
        ),
        case(
            e,
            "功能科目以 0 开头 \"0010301\"",
            Refused("不能以0开头"),
            open(with_lines(&LINE.replace("2010301", "0010301"))),
        ),
        case(
            e,
            "明细类型未知 \"kind\": \"x\"",
            Refused("不在允许范围内"),
            open(with_lines(
                &LINE.replace(r#""kind":"basic""#, r#""kind":"x""#),
            )),
        ),
        case(
            e,
            "预算年度 1800",
            Refused("预算年度 1800 不合理"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":1800}"#,
                SOURCES,
                "",
                "",
            ))),
        ),
        case(
            e,
            "预算年度 99999",
            Refused("取值不对"),
            open(file_of(&budget_json(
                r#"{"name":"x","year":99999}"#,
                SOURCES,
                "",
                "",
            ))),
        ),
        case(
            e,
            "单位名称 2,001 个字",
            Refused("单位名称过长"),
            open(file_of(&budget_json(
                &format!(r#"{{"name":"{}","year":2023}}"#, "局".repeat(2001)),
                SOURCES,
                "",
                "",
            ))),
        ),
        case(
            e,
            "单位名称含 U+202E、U+2066 和控制字符",
            Accepted("某局办公室"),
            open(file_of(&budget_json(
                r#"{"name":"某局\u202e办公\u2066室\u0007","year":2023}"#,
                SOURCES,
                "",
                "",
            ))),
        ),
        case(
            e,
            "单位名称是数组",
            Refused("类型不对"),
            open(file_of(&budget_json(
                r#"{"name":["x"],"year":2023}"#,
                SOURCES,
                "",
                "",
            ))),
        ),
        case(
            e,
            "单位预算有两个预算单位",
            Refused("单位预算只能有一个预算单位"),
            open(two_units),
        ),
        case(
            e,
            "明细属于不存在的预算单位",
            Refused("不在 units 中"),
            open(with_lines(
                &LINE.replace(r#""source":"g""#, r#""source":"g","unit":"nope""#),
            )),
        ),
        case(
            e,
            "200,001 行明细",
            Refused("明细过多"),
            open(with_lines(&many_lines)),
        ),
        case(
            e,
            "文件大于 50 MB",
            Refused("文件过大"),
            open(" ".repeat(file::MAX_BYTES + 1)),
        ),
        case(
            e,
            "字段重复（两个 format）",
            Refused("字段重复"),
            open(r#"{"format":"yusuan-budget","format":"x","version":3}"#.into()),
        ),
        case(
            e,
            "JSON 后面还有内容",
            Refused("JSON 结束后还有多余的字符"),
            open(format!("{} x", with_lines(LINE))),
        ),
        case(
            e,
            "文本中有未转义的换行",
            Refused("未转义的控制字符"),
            open(with_lines(LINE).replace("某局", "某\n局")),
        ),
        case(
            e,
            "无效的转义 \\q",
            Refused("无效的转义符"),
            open(with_lines(LINE).replace("某局", "某\\q局")),
        ),
        case(
            e,
            "孤立的 UTF-16 代理项 \\ud800",
            Refused("无效的 Unicode 字符"),
            open(with_lines(LINE).replace("某局", "某\\ud800局")),
        ),
        case(
            e,
            "对象的键不带引号",
            Refused("对象的键必须是带引号的文本"),
            open("{format: 1}".into()),
        ),
        case(
            e,
            "缺少逗号",
            Refused("此处应为逗号"),
            open(r#"{"format":"yusuan-budget" "version":3}"#.into()),
        ),
        case(
            e,
            "缺少 scenarios 字段",
            Refused("缺少字段 scenarios"),
            open(r#"{"format":"yusuan-budget","version":3}"#.into()),
        ),
        case(
            e,
            "版本 1 的旧文件，单位名称为空（模糊测试发现：写回后读不出）",
            Accepted("本单位"),
            || {
                file::read(&format!(
                    r#"{{"format":"yusuan-budget","version":1,"budget":{}}}"#,
                    budget_json(r#"{"name":"","year":2023}"#, SOURCES, LINE, "")
                ))
                .map(|ws| ws.budget().units[0].name.clone())
                .map_err(|e| e.to_string())
            },
        ),
        case(
            e,
            "版本 1 的旧文件",
            Accepted("某局"),
            open(format!(
                r#"{{"format":"yusuan-budget","version":1,"budget":{}}}"#,
                budget_json(r#"{"name":"某局","year":2023}"#, SOURCES, LINE, "")
            )),
        ),
    ]
}

fn import_cases() -> Vec<Case> {
    let e = "导入明细（CSV）";
    let header = "功能分类科目,经济分类科目,资金来源,当年预算安排\n";
    vec![
        case(e, "带 BOM 的有效表", Accepted("1 lines"), import_csv(format!("\u{feff}{header}2010301,30101,一般公共预算,100\n"))),
        case(e, "分号分隔", Accepted("1 lines"), import_csv(format!("{}2010301;30101;一般公共预算;100\n", header.replace(',', ";")))),
        case(e, "空文件", Refused("文件中没有数据"), import_csv(String::new())),
        case(e, "只有表头", Refused("没有"), import_csv(header.into())),
        case(e, "金额 abc", Refused("不是有效的金额"), import_csv(format!("{header}2010301,30101,一般公共预算,abc\n"))),
        case(e, "金额公式除以零 =1/0", Refused("除"), import_csv(format!("{header}2010301,30101,一般公共预算,=1/0\n"))),
        case(e, "功能科目 20x", Refused("只能由数字组成"), import_csv(format!("{header}20x,30101,一般公共预算,1\n"))),
        case(e, "不存在的资金来源", Refused("资金来源"), import_csv(format!("{header}2010301,30101,不存在的来源,1\n"))),
        case(e, "功能科目 2990101（没有 299 类）", Refused("没有以“299”开头的支出功能分类（类）"), import_csv(format!("{header}2990101,30101,一般公共预算,1\n"))),
        case(e, "没有认得的表头", Refused("当年预算安排"), import_csv("甲,乙\n1,2\n".into())),
        case(e, "一百万列", Refused("列数过多"), import_csv(",".repeat(1_000_000))),
        case(e, "100 MB 的一行", Refused("文件过大"), import_csv("x".repeat(100 * 1024 * 1024))),
        case(e, "200,002 行", Refused("行数过多"), import_csv("1\n".repeat(200_002))),
        case(e, "未闭合的引号（读到文件末尾为一格）", Accepted("1 lines"), import_csv(format!("{header}2010301,30101,一般公共预算,\"100\n"))),
        case(e, "项目名称含 NUL 和 U+202E", Accepted("1 lines"), import_csv("功能分类科目,项目名称,资金来源,当年预算安排\n2010301,甲\u{0}\u{202e}乙,一般公共预算,1\n".to_string())),
    ]
}

fn xlsx_cases() -> Vec<Case> {
    let e = "导入明细（XLSX）";
    let good = reference_xlsx();
    let half = good[..good.len() / 2].to_vec();
    let bad_xml = zip(&[
        ("xl/workbook.xml", br#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#),
        ("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row></worksheet>"),
    ]);
    vec![
        case(
            e,
            "本程序导出的工作簿",
            Accepted("1 sheets"),
            read_xlsx(good),
        ),
        case(
            e,
            "不是 ZIP（文本）",
            Refused("不是 ZIP 压缩包"),
            read_xlsx(b"hello".to_vec()),
        ),
        case(
            e,
            "截断一半的工作簿",
            Refused("不是 ZIP 压缩包"),
            read_xlsx(half),
        ),
        case(
            e,
            "ZIP 中没有 workbook.xml",
            Refused("缺少 xl/workbook.xml"),
            read_xlsx(zip(&[("a.txt", b"x")])),
        ),
        case(
            e,
            "工作表 XML 未闭合",
            Refused("XML 格式错误"),
            read_xlsx(bad_xml),
        ),
        case(
            e,
            "大于 20 MB",
            Refused("文件过大"),
            read_xlsx(vec![0; import::MAX_IMPORT_BYTES + 1]),
        ),
    ]
}

fn paste_cases() -> Vec<Case> {
    let e = "粘贴";
    vec![
        case(
            e,
            "空剪贴板",
            Refused("剪贴板中没有内容"),
            paste(String::new(), Column::Current),
        ),
        case(
            e,
            "金额列粘贴 abc",
            Refused("不是有效的金额"),
            paste("abc\n".into(), Column::Current),
        ),
        case(
            e,
            "20,001 行",
            Refused("一次最多粘贴20000行"),
            paste("1\n".repeat(20_001), Column::Current),
        ),
        case(
            e,
            "Windows 换行 \\r\\n",
            Accepted("2 commands"),
            paste("1\r\n2\r\n".into(), Column::Current),
        ),
        case(
            e,
            "公式 =1+2",
            Accepted("1 commands"),
            paste("=1+2\n".into(), Column::Current),
        ),
        case(
            e,
            "HTML 标记 <b>1</b>",
            Refused("不是有效的金额"),
            paste("<b>1</b>\n".into(), Column::Current),
        ),
        case(
            e,
            "功能科目列粘贴 20x",
            Refused("只能由数字组成"),
            paste("20x\n".into(), Column::Function),
        ),
        case(
            e,
            "项目名称含 U+202E",
            Accepted("1 commands"),
            paste("甲\u{202e}乙\n".into(), Column::Project),
        ),
    ]
}

fn cell_cases() -> Vec<Case> {
    let e = "单元格输入";
    vec![
        case(e, "abc", Refused("不是有效的金额"), amount("abc")),
        case(e, "1e400", Refused("不是有效的金额"), amount("1e400")),
        case(e, "NaN", Refused("不是有效的金额"), amount("NaN")),
        case(
            e,
            "全角 １２３.４５",
            Accepted("1234500"),
            amount("１２３.４５"),
        ),
        case(
            e,
            "千分位 1,234.56",
            Accepted("12345600"),
            amount("1,234.56"),
        ),
        case(e, "=1/0", Refused("除"), amount("=1/0")),
        case(e, "=1+", Refused("公式"), amount("=1+")),
        case(
            e,
            "公式嵌套 10,000 层括号",
            Refused("公式"),
            amount(Box::leak(
                format!("={}1{}", "(".repeat(10_000), ")".repeat(10_000)).into_boxed_str(),
            )),
        ),
        case(
            e,
            "10^20 万元",
            Refused("金额"),
            amount("100000000000000000000"),
        ),
        case(e, "负数 -5", Accepted("-50000"), amount("-5")),
        case(
            e,
            "功能科目 20x",
            Refused("只能由数字组成"),
            field(FieldName::Function, "20x".into()),
        ),
        case(
            e,
            "功能科目填了经济科目 30101",
            Refused("“30101”是经济分类科目“基本工资”，请填在经济科目中"),
            field(FieldName::Function, "30101".into()),
        ),
        case(
            e,
            "功能科目 2990101（没有 299 类）",
            Refused("是否应为“209 社会保险基金支出” / “219 援助其他地区支出” / “229 其他支出”？"),
            field(FieldName::Function, "2990101".into()),
        ),
        case(
            e,
            "功能科目 2120101",
            Accepted("Function(Some(FunctionCode(2120101)))"),
            field(FieldName::Function, "2120101".into()),
        ),
        case(
            e,
            "项目名称含 U+202E 和换行",
            Accepted("甲 乙"),
            field(FieldName::Project, "甲\u{202e}\n乙".into()),
        ),
        case(
            e,
            "项目名称 2,001 个字",
            Refused("过长"),
            field(FieldName::Project, "项".repeat(2001)),
        ),
    ]
}

fn share_cases() -> Vec<Case> {
    let e = "分享链接";
    let good = share::encode("方案一", &reference::budget()).unwrap();
    let truncated = good[..good.len() / 2].to_string();
    vec![
        case(e, "参考预算的链接", Accepted("方案一"), link(good)),
        case(
            e,
            "不是分享链接 #foo",
            Refused("不是预算计算器的分享链接"),
            link("#foo".into()),
        ),
        case(
            e,
            "base64 中有非法字符",
            Refused("链接中有不属于分享链接的字符"),
            link(format!("{}!!!", share::KEY)),
        ),
        case(e, "截断一半", Refused("链接被截断"), link(truncated)),
        case(
            e,
            "不是压缩数据",
            Refused("压缩数据已损坏"),
            link(format!("{}AAAA", share::KEY)),
        ),
        case(
            e,
            "解压后不是预算",
            Refused("分享链接中的预算有误"),
            link(deflated_link("{\"a\":1}")),
        ),
        case(
            e,
            "超过 100,000 个字符",
            Refused("方案太大"),
            link(format!(
                "{}{}",
                share::KEY,
                "A".repeat(share::MAX_LINK_CHARS + 1)
            )),
        ),
    ]
}

fn config_cases() -> Vec<Case> {
    let e = "页面配置";
    vec![
        case(
            e,
            "mode=bogus",
            Refused("应为 edit、readonly 或 practice"),
            config("mode", "bogus".into()),
        ),
        case(
            e,
            "lang=xx",
            Refused("应为 zh 或 en"),
            config("lang", "xx".into()),
        ),
        case(
            e,
            "tabs=nope",
            Refused("没有标签页 nope"),
            config("tabs", "nope".into()),
        ),
        case(
            e,
            "tabs= （空）",
            Refused("至少要有一个标签页"),
            config("tabs", String::new()),
        ),
        case(
            e,
            "budget= 3,000 个字符",
            Refused("应为预算文件的地址"),
            config("budget", "a".repeat(3000)),
        ),
        case(
            e,
            "origins=javascript:alert(1)",
            Refused("不是来源"),
            config("origins", "javascript:alert(1)".into()),
        ),
        case(
            e,
            "exercises=zzz",
            Refused("含有不存在的练习编号"),
            config("exercises", "zzz".into()),
        ),
        case(
            e,
            "mode= 10,000 个字符（消息只引用前 200 个）",
            Refused("无效"),
            config("mode", "x".repeat(10_000)),
        ),
    ]
}

fn codelist_cases() -> Vec<Case> {
    let e = "导入科目表";
    vec![
        case(e, "空表", Refused("没有"), code_list("")),
        case(
            e,
            "科目编码 abc",
            Refused("科目"),
            code_list("科目编码,科目名称\nabc,名称\n"),
        ),
    ]
}

fn payroll_sheet(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        use yusuan::core::domain::codes::FunctionCode;
        use yusuan::core::domain::model::UnitType;
        use yusuan::core::domain::staffing::StaffModel;
        use yusuan::core::formats::payroll;
        let rows = import::parse_csv(&text).map_err(|e| e.to_string())?;
        let mut m = StaffModel::new(
            UnitType::Institution,
            "g",
            FunctionCode::parse("2010350").map_err(|e| e.to_string())?,
        );
        let staff = payroll::plan(&rows, &payroll::guess(&rows, &m)).map_err(|e| e.join("；"))?;
        m.staff = staff;
        let n = m.staff.len();
        yusuan::core::domain::staffing::amounts(&m).map_err(|e| e.join("；"))?;
        Ok(format!("{n} staff"))
    }
}

fn payroll_cases() -> Vec<Case> {
    let e = "导入工资表（基本支出测算）";
    let head = "姓名,人员类别,岗位工资,月数\n";
    vec![
        case(
            e,
            "有效表",
            Accepted("1 staff"),
            payroll_sheet(format!("{head}1,事业编制,2000,12\n")),
        ),
        case(e, "空表", Refused("没有"), payroll_sheet(head.to_string())),
        case(
            e,
            "人员类别无法识别",
            Refused("无法识别"),
            payroll_sheet(format!("{head}1,临时工,2000,12\n")),
        ),
        case(
            e,
            "金额为负",
            Refused("不能为负数"),
            payroll_sheet(format!("{head}1,事业编制,-1,12\n")),
        ),
        case(
            e,
            "月数 13",
            Refused("月数"),
            payroll_sheet(format!("{head}1,事业编制,2000,13\n")),
        ),
        case(
            e,
            "没有人员类别列",
            Refused("人员类别"),
            payroll_sheet("姓名,岗位工资\n1,2000\n".into()),
        ),
        case(
            e,
            "金额 1e400",
            Refused("金额"),
            payroll_sheet(format!("{head}1,事业编制,1e400,12\n")),
        ),
        case(
            e,
            "人数一百万、金额九千亿",
            Accepted("1 staff"),
            payroll_sheet("人员类别,人数,岗位工资\n事业编制,1000000,900000000000\n".into()),
        ),
        case(
            e,
            "十万零一行",
            Refused("最多"),
            payroll_sheet(format!("{head}{}", "1,事业编制,1,12\n".repeat(100_001))),
        ),
    ]
}

fn verify_doc(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        yusuan::core::verify::verify_text("doc.txt", &text)
            .map(|v| format!("{} tables", v.tables.len()))
    }
}

fn verify_file(bytes: Vec<u8>) -> impl Fn() -> Result<String, String> {
    move || {
        yusuan::core::verify::verify_bytes("doc.pdf", &bytes)
            .map(|v| format!("{} tables", v.tables.len()))
    }
}

fn verify_cases() -> Vec<Case> {
    let e = "核对公开文档（文本、PDF）";
    vec![
        case(
            e,
            "空文本",
            Refused("不像预算公开文档"),
            verify_doc(String::new()),
        ),
        case(
            e,
            "无关的文本",
            Refused("不像预算公开文档"),
            verify_doc("hello\nworld\n".into()),
        ),
        case(
            e,
            "二十一 MB",
            Refused("文件过大"),
            verify_doc("预算".repeat(3_700_000)),
        ),
        case(
            e,
            "只有制表符和换页",
            Refused("不像预算公开文档"),
            verify_doc("\t\t\u{c}\t\n".repeat(1000)),
        ),
        case(
            e,
            "一万行“合计”",
            Accepted("0 tables"),
            verify_doc("预算\n".to_string() + &"合计\t1\t2\n".repeat(10_000)),
        ),
        case(
            e,
            "表头后十万个编码行",
            Accepted("1 tables"),
            verify_doc(
                "2023年预算支出总表\n单位：万元\n".to_string()
                    + &"2010301\t行政运行\t1.00\n".repeat(100_000),
            ),
        ),
        case(
            e,
            "PDF：只有文件头",
            Refused("PDF 文件已损坏"),
            verify_file(b"%PDF-1.7\n".to_vec()),
        ),
        case(
            e,
            "PDF：截断",
            Refused("PDF 文件已损坏"),
            verify_file(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".to_vec()),
        ),
        case(
            e,
            "既不是 PDF 也不是 UTF-8",
            Refused("既不是 PDF"),
            verify_file(vec![0xff, 0xfe, 0, 0x41]),
        ),
        // One sentence of forty thousand changes, enumerations or 三公 figures: each is
        // checked against the few amounts before it, quoted from there (a quote of the whole
        // sentence per change grew without bound), and a rule lists at most a thousand.
        case(
            e,
            "一句话里四万个“比上年增加”",
            Accepted("1 tables, 0 findings"),
            verify_counted(format!("{NARRATED}{}", "本年5万元，比上年增加1万元，".repeat(40_000))),
        ),
        case(
            e,
            "一句话里四万个“其中”",
            Accepted("1 tables, 1001 findings"),
            verify_counted(format!("{NARRATED}{}", "总额5.00万元，其中：1.00万元、3.00万元；".repeat(40_000))),
        ),
        case(
            e,
            "四万处与三公表不符的金额",
            Accepted("2 tables, 1001 findings"),
            verify_counted(format!(
                "{NARRATED}2023年“三公”经费和机关运行经费预算表\n单位：万元\n合计\t出国\n1.00\t\t1.00\n情况说明\n{}",
                "公务接待费1.35万元，".repeat(40_000)
            )),
        ),
    ]
}

/// A document of one table whose narrative follows.
const NARRATED: &str = "2023年预算支出总表\n单位：万元\n201\t一般公共服务支出\t1.00\n情况说明\n";

fn verify_counted(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        yusuan::core::verify::verify_text("doc.txt", &text)
            .map(|v| format!("{} tables, {} findings", v.tables.len(), v.findings.len()))
    }
}

/// A file whose budget has these `goals`.
fn with_goals(goals: &str) -> String {
    file_of(&budget_json(
        r#"{"name":"某局","year":2023}"#,
        SOURCES,
        LINE,
        &format!(r#","goals":{goals}"#),
    ))
}

fn open_goals(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        file::read(&text)
            .map(|ws| {
                let b = ws.budget();
                b.goals
                    .iter()
                    .map(|g| format!("{}#{} {}", g.project, g.id, g.overview))
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .map_err(|e| e.to_string())
    }
}

fn goal_rows(rows: &'static [&'static [&'static str]]) -> impl Fn() -> Result<String, String> {
    move || {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        goal_sheet::read(&rows)
            .map(|forms| {
                forms
                    .iter()
                    .map(|f| format!("{} {}", f.project, f.funds_annual.total))
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .map_err(|e| e.to_string())
    }
}

fn goal_cases() -> Vec<Case> {
    let e = "绩效目标表（文件）";
    let s = "导入绩效目标表（表格）";
    let many = format!(
        r#"[{{"project":"甲","indicators_annual":[{}]}}]"#,
        vec![r#"{"kind":"quantity","name":"a","value":"1"}"#; 501].join(",")
    );
    vec![
        case(
            e,
            "无 id 的两张表",
            Accepted("甲#1 ；乙#2"),
            open_goals(with_goals(r#"[{"project":"甲"},{"project":"乙"}]"#)),
        ),
        case(
            e,
            "重复的 id",
            Refused("绩效目标表编号 3 重复"),
            open_goals(with_goals(
                r#"[{"id":3,"project":"甲"},{"id":3,"project":"乙"}]"#,
            )),
        ),
        case(
            e,
            "未知的二级指标 kind",
            Refused("取值“bogus”不在允许范围内"),
            open_goals(with_goals(
                r#"[{"project":"甲","indicators_period":[{"kind":"bogus"}]}]"#,
            )),
        ),
        case(
            e,
            "501 个指标",
            Refused("年度绩效指标过多（最多500个）"),
            open_goals(with_goals(Box::leak(many.into_boxed_str()))),
        ),
        case(
            e,
            "项目概况 20,001 字",
            Refused("项目概况过长"),
            open_goals(with_goals(Box::leak(
                format!(
                    r#"[{{"project":"甲","overview":"{}"}}]"#,
                    "字".repeat(20_001)
                )
                .into_boxed_str(),
            ))),
        ),
        case(
            e,
            "金额三位小数",
            Refused("第"),
            open_goals(with_goals(
                r#"[{"project":"甲","funds_annual":{"total":"1.001"}}]"#,
            )),
        ),
        case(
            e,
            "文字含 U+202E 和 NUL",
            Accepted("甲#1 概况"),
            open_goals(with_goals(
                r#"[{"project":"甲","overview":"概\u202e\u0000况"}]"#,
            )),
        ),
        case(
            s,
            "没有“项目名称”行",
            Accepted(""),
            goal_rows(&[&["甲", "乙"]]),
        ),
        case(
            s,
            "金额“十万”",
            Refused("第2行：“实施期资金总额：”的金额“十万”无法识别"),
            goal_rows(&[
                &["项目名称", "甲"],
                &["项目资金（元）", "实施期资金总额：", "十万"],
            ]),
        ),
        case(
            s,
            "只有项目名称",
            Accepted("甲 0"),
            goal_rows(&[&["项目名称", "甲"]]),
        ),
        case(
            s,
            "公开格式（括号半角、冒号、空格）",
            Accepted("甲 2470000"),
            goal_rows(&[
                &["项目名称", "甲"],
                &[
                    "项目资金 (元)",
                    "实施期资金总额:",
                    "6,837,600",
                    "年度资金总额:",
                    "2,470,000",
                ],
            ]),
        ),
    ]
}

/// A file whose budget has these extra fields (`,"template":…`).
fn with_extra(extra: &'static str) -> String {
    file_of(&budget_json(
        r#"{"name":"某局","year":2023}"#,
        SOURCES,
        LINE,
        extra,
    ))
}

fn open_template(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        file::read(&text)
            .map(|ws| {
                let b = ws.budget();
                format!(
                    "{} items {} vehicles {}",
                    b.template.key(),
                    b.items.len(),
                    b.asset_facts.vehicles_total(false)
                )
            })
            .map_err(|e| e.to_string())
    }
}

fn template_cases() -> Vec<Case> {
    let e = "公开模板与逐项说明（文件）";
    vec![
        case(
            e,
            "template 为上海",
            Accepted("shanghai items 0"),
            open_template(with_extra(r#","template":"shanghai""#)),
        ),
        case(
            e,
            "未知的 template",
            Refused("取值“beijing”不在允许范围内"),
            open_template(with_extra(r#","template":"beijing""#)),
        ),
        case(
            e,
            "items 的键不是功能分类科目",
            Refused("“30101x”不是支出功能分类科目编码"),
            open_template(with_extra(r#","items":{"30101x":{"purpose":"办公"}}"#)),
        ),
        case(
            e,
            "主要用途 2,001 字",
            Refused("主要用途过长"),
            open_template(with_extra(Box::leak(
                format!(
                    r#","items":{{"2010301":{{"purpose":"{}"}}}}"#,
                    "字".repeat(2001)
                )
                .into_boxed_str(),
            ))),
        ),
        case(
            e,
            "车辆数 5,000,000",
            Refused("数量5000000不合理"),
            open_template(with_extra(
                r#","asset_facts":{"vehicles_held":{"other":5000000}}"#,
            )),
        ),
        case(
            e,
            "车辆数为负",
            Refused("第"),
            open_template(with_extra(
                r#","asset_facts":{"vehicles_held":{"other":-1}}"#,
            )),
        ),
        case(
            e,
            "未知的车辆类别",
            Refused("取值“tank”不在允许范围内"),
            open_template(with_extra(r#","asset_facts":{"vehicles_new":{"tank":1}}"#)),
        ),
        case(
            e,
            "上年执行数三位小数",
            Refused("第"),
            open_template(with_extra(r#","items":{"2010301":{"executed":"1.001"}}"#)),
        ),
    ]
}

/// Reads a file, saves it as the app saves it and reads that again: the same scenarios
/// (names and budgets) or the case fails; the outcome names what was read, and the report's
/// text must hold no control or bidi character.
fn round_trip(text: String) -> impl Fn() -> Result<String, String> {
    move || {
        let ws = file::read(&text).map_err(|e| e.to_string())?;
        let converted = file::convert(&text).map_err(|e| format!("convert: {e}"))?;
        let again = file::read(&converted).map_err(|e| format!("read back: {e}"))?;
        let pairs = |w: &yusuan::core::domain::workspace::Workspace| {
            w.scenarios()
                .iter()
                .map(|s| (s.name.clone(), s.budget.clone()))
                .collect::<Vec<_>>()
        };
        if pairs(&ws) != pairs(&again) {
            return Err("read back differs".into());
        }
        let b = ws.budget();
        let report = Report::build(b, Options::default());
        let printed = text::report_text(b, &report);
        if let Some(c) = printed.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t'))
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        }) {
            return Err(format!("report prints U+{:04X}", c as u32));
        }
        let longest = ws.scenarios().iter().map(|s| s.name.chars().count()).max();
        Ok(format!(
            "{} scenarios (longest name {}), {} sources, forms {}, reasons “{}”, items {}, lines {}",
            ws.scenarios().len(),
            longest.unwrap_or(0),
            b.sources.len(),
            b.goals.iter().map(|g| g.id.to_string()).collect::<Vec<_>>().join("/"),
            b.reasons.income_total,
            b.items.len(),
            b.lines
                .iter()
                .map(|l| l.total().yuan().to_string())
                .collect::<Vec<_>>()
                .join(",")
        ))
    }
}

fn many_sources(n: usize) -> String {
    let sources: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"id":"g","name":"一般公共预算","kind":"general_public"}"#.to_string(),
            i => format!(r#"{{"id":"s{i}","name":"来源{i}","kind":"non_fiscal"}}"#),
        })
        .collect();
    let income: Vec<String> = (0..n)
        .map(|i| match i {
            0 => r#"{"source":"g","current":"100.00"}"#.to_string(),
            i => format!(r#"{{"source":"s{i}","current":"100.00"}}"#),
        })
        .collect();
    file_of(&budget_json(
        r#"{"name":"某局","year":2023}"#,
        &format!("[{}]", sources.join(",")),
        "",
        &format!(r#","income":[{}]"#, income.join(",")),
    ))
}

fn scenarios_named(name: &str, n: usize) -> String {
    let one = format!(
        r#"{{"name":"{name}","budget":{}}}"#,
        budget_json(r#"{"name":"x","year":2023}"#, SOURCES, "", "")
    );
    format!(
        r#"{{"format":"yusuan-budget","version":5,"scenarios":[{}]}}"#,
        vec![one; n].join(",")
    )
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn target(value: &'static str) -> impl Fn() -> Result<String, String> {
    move || {
        let t = yusuan::core::domain::goals::parse_target(value);
        Ok(format!(
            "number {} unit “{}”",
            t.number
                .map(|n| n.to_string())
                .unwrap_or_else(|| "none".into()),
            t.unit
        ))
    }
}

/// Issue 27: inputs that read but did not save back, texts left uncleaned, numbers read
/// through a float, keys dropped silently, collections without a limit.
fn round_two_cases() -> Vec<Case> {
    let e = "打开预算文件（第二轮）";
    let name60 = "名".repeat(60);
    let name58 = "名".repeat(58);
    vec![
        case(e, "1,000 个资金来源，各一条收入", Accepted("1000 sources"), round_trip(many_sources(1000))),
        case(e, "1,001 个资金来源", Refused("资金来源过多（1001 个），最多 1000 个"), open(many_sources(1001))),
        case(e, "两个方案同名，名称 60 个字", Accepted("2 scenarios (longest name 60)"), round_trip(scenarios_named(&name60, 2))),
        case(e, "50 个方案同名，名称 58 个字", Accepted("50 scenarios (longest name 60)"), round_trip(scenarios_named(&name58, 50))),
        case(
            e,
            "绩效目标表编号 4294967295，另一张没有编号",
            Accepted("forms 4294967295/1"),
            round_trip(with_goals(r#"[{"id":4294967295,"project":"甲"},{"project":"乙"}]"#)),
        ),
        case(
            e,
            "资金来源名称只有 NUL 和 U+2066",
            Refused("资金来源的 id 和名称不能为空"),
            open(file_of(&budget_json(
                r#"{"name":"某局","year":2023}"#,
                r#"[{"id":"g","name":"\u0000\u2066","kind":"general_public"}]"#,
                LINE,
                "",
            ))),
        ),
        case(
            e,
            "预算单位名称只有 U+0001 和 U+202E",
            Refused("预算单位的 id 和名称不能为空"),
            open(with_extra(r#","units":[{"id":"u1","name":"\u0001\u202e","type":"administrative"}]"#)),
        ),
        case(
            e,
            "变动原因含 NUL、ESC 和 U+202E",
            Accepted("reasons “原因甲[31m”"),
            round_trip(with_extra(r#","reasons":{"income_total":"原因\u0000\u202e甲\u001b[31m"}"#)),
        ),
        case(
            e,
            "主要用途只有 U+202E 和 NUL",
            Accepted("items 0"),
            round_trip(with_extra(r#","items":{"2010301":{"purpose":"\u202e\u0000"}}"#)),
        ),
        case(e, "金额是数字 562949953421312.01", Accepted("lines 562949953421312.01"), round_trip(line_with(r#""current":562949953421312.01"#))),
        case(e, "金额是数字 999999999999999.99", Accepted("lines 999999999999999.99"), round_trip(line_with(r#""current":999999999999999.99"#))),
        case(e, "金额是数字 1000000000000000.01", Refused("金额过大"), open(line_with(r#""current":1000000000000000.01"#))),
        case(e, "金额 \"1.00000000000000000000000000001\"", Refused("金额最多保留两位小数"), open(line_with(r#""current":"1.00000000000000000000000000001""#))),
        case(e, "金额 \"0.0000000000000000000000000000001\"", Refused("金额最多保留两位小数"), open(line_with(r#""current":"0.0000000000000000000000000000001""#))),
        case(e, "金额是数字 -1e-300", Refused("金额最多保留两位小数"), open(line_with(r#""current":-1e-300"#))),
        case(e, "金额是数字 1.5e2", Accepted("lines 150"), round_trip(line_with(r#""current":1.5e2"#))),
        case(e, "\"template\": null", Refused("类型不对：应为文本（规定的取值之一），实为null"), open(with_extra(r#","template":null"#))),
        case(e, "明细 \"kind\": 1", Refused("类型不对：应为文本（规定的取值之一），实为数字"), open(with_lines(r#"{"id":1,"kind":1,"source":"g"}"#))),
        case(e, "明细 \"kind\": []", Refused("类型不对：应为文本（规定的取值之一），实为数组"), open(with_lines(r#"{"id":1,"kind":[],"source":"g"}"#))),
        case(e, "明细 \"kind\": {}", Refused("类型不对：应为文本（规定的取值之一），实为对象"), open(with_lines(r#"{"id":1,"kind":{},"source":"g"}"#))),
        case(e, "code_names 中同一科目写两次", Refused("键“2010301”重复出现"), open(with_extra(r#","code_names":{"2010301":"甲","2010301":"乙"}"#))),
        case(e, "items 中同一科目写两次", Refused("键“2010301”重复出现"), open(with_extra(r#","items":{"2010301":{"purpose":"甲"},"2010301":{"purpose":"乙"}}"#))),
        case(e, "vehicles_held 中同一类别写两次", Refused("键“other”重复出现"), open(with_extra(r#","asset_facts":{"vehicles_held":{"other":1,"other":2}}"#))),
        case(e, "政府购买服务项目名称含控制字符", Accepted("lines 1"), round_trip(with_extra(r#","services":[{"project":"物业\u001b[31m服务","category":"辅助性服务","amount":"12.50"}]"#))),
        case(e, "政府购买服务项目名称为空", Refused("政府购买服务项目名称为空"), open(with_extra(r#","services":[{"project":" ","amount":"1.00"}]"#))),
        case(e, "政府购买服务金额为负", Refused("金额为负数"), open(with_extra(r#","services":[{"project":"物业","amount":"-1.00"}]"#))),
        case(e, "政府购买服务拼错的键", Refused("未知字段 amout（是否应为 amount？）"), open(with_extra(r#","services":[{"project":"物业","amout":"1.00"}]"#))),
        case(
            e,
            "拼错的键 \"curent\"",
            Refused("未知字段 curent（是否应为 current？）"),
            open(r#"{"format":"yusuan-budget","version":5,"curent":0,"scenarios":[{"name":"方案一","budget":{"unit":{"name":"某局","year":2023},"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"}]}}]}"#.into()),
        ),
        case(e, "拼错的键 \"goal\"", Refused("未知字段 goal（是否应为 goals？）"), open(with_extra(r#","goal":[]"#))),
        case(e, "拼错的键 \"income_follows_spendng\"", Refused("未知字段 income_follows_spendng（是否应为 income_follows_spending？）"), open(with_extra(r#","income_follows_spendng":true"#))),
        case(e, "浏览器存储写入的 \"ancestors\"", Accepted("1 scenarios"), round_trip(with_lines(LINE).replacen('{', r#"{"ancestors":["1"],"#, 1))),
        case(
            e,
            "同一资金来源两条收入",
            Refused("资金来源“g”的收入重复"),
            open(with_extra(r#","income":[{"source":"g","current":"1.00"},{"source":"g","current":"2.00"}]"#)),
        ),
        case(e, "code_names 的键 \"abc\"", Refused("“abc”不是支出功能分类或经济分类科目编码"), open(with_extra(r#","code_names":{"abc":"甲"}"#))),
        case(e, "code_names 的键为空", Refused("“”不是支出功能分类或经济分类科目编码"), open(with_extra(r#","code_names":{"":"甲"}"#))),
        case(e, "code_names 的键 \"0123\"", Refused("“0123”不是支出功能分类或经济分类科目编码"), open(with_extra(r#","code_names":{"0123":"甲"}"#))),
        case(e, "code_names 的键 \"20103011234\"", Refused("“20103011234”不是支出功能分类或经济分类科目编码"), open(with_extra(r#","code_names":{"20103011234":"甲"}"#))),
        case(
            e,
            "资金来源名称 1,000,000 字",
            Refused("资金来源名称过长（最多2000个字符）"),
            open(file_of(&budget_json(
                r#"{"name":"某局","year":2023}"#,
                leak(format!(r#"[{{"id":"g","name":"{}","kind":"general_public"}}]"#, "字".repeat(1_000_000))),
                LINE,
                "",
            ))),
        ),
        case(
            e,
            "功能科目 2990101（没有 299 类）的明细：文件照常打开，检查报错误",
            Accepted("lines 100"),
            round_trip(line_with(r#""current":"100.00","function":"2990101""#).replacen(r#""function":"2010301","#, "", 1)),
        ),
        case(e, "指标值 \"1e400\"", Accepted("unit “”"), target("1e400")),
        case(e, "指标值 \"≤1e5万元\"", Accepted("number 100000 unit “万元”"), target("≤1e5万元")),
    ]
}

fn catalogue() -> Vec<Case> {
    [
        file_cases(),
        goal_cases(),
        template_cases(),
        round_two_cases(),
        import_cases(),
        xlsx_cases(),
        paste_cases(),
        cell_cases(),
        share_cases(),
        config_cases(),
        codelist_cases(),
        payroll_cases(),
        verify_cases(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// English words a Chinese message must not carry (the parsers' and the system's own).
const PARSER_ENGLISH: &[&str] = &[
    "expected",
    "invalid",
    "error",
    "at line",
    "EOF",
    "No such",
    "found",
    "unknown",
    "missing",
    "sequence",
    "struct",
    "variant",
    "trailing",
    "Unexpected",
    "failed",
    "denied",
];

/// A message without the user's quoted text (“…”).
fn unquoted(m: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in m.chars() {
        match c {
            '“' => depth += 1,
            '”' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn check(i: usize, c: &Case) -> Result<(), String> {
    let got = (c.run)();
    let name = format!("#{} {}：{}", i + 1, c.entry, c.input);
    match (&c.expect, got) {
        (Refused(want), Err(msg)) => {
            if !msg.contains(want) {
                return Err(format!("{name}: message “{msg}” lacks “{want}”"));
            }
            if let Some(w) = PARSER_ENGLISH.iter().find(|w| unquoted(&msg).contains(*w)) {
                return Err(format!("{name}: parser English “{w}” in “{msg}”"));
            }
            let en = translate(Lang::En, &msg);
            if has_cjk(&unquoted(&en)) {
                return Err(format!("{name}: Chinese left in English “{en}”"));
            }
            Ok(())
        }
        (Accepted(want), Ok(out)) if out.contains(want) => Ok(()),
        (Accepted(want), Ok(out)) => Err(format!("{name}: accepted as “{out}”, not “{want}”")),
        (Refused(_), Ok(out)) => Err(format!("{name}: accepted as “{out}”")),
        (Accepted(_), Err(msg)) => Err(format!("{name}: refused: {msg}")),
    }
}

#[test]
fn every_hostile_input_gets_its_outcome() {
    let cases = catalogue();
    let failures: Vec<String> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| check(i, c).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn table() -> String {
    let mut out = String::from("| # | entry point | input | expected |\n|---|---|---|---|\n");
    for (i, c) in catalogue().iter().enumerate() {
        let expect = match c.expect {
            Refused(m) => format!("refused: “…{m}…”"),
            Accepted(m) => format!("accepted ({m})"),
        };
        let input = c.input.replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            i + 1,
            c.entry,
            input,
            expect.replace('|', "\\|")
        ));
    }
    out
}

const DOC: &str = "docs/HOSTILE-INPUTS.md";
const BEGIN: &str = "<!-- table: tests/hostile.rs -->\n";
const END: &str = "<!-- end of table -->";

#[test]
fn the_catalogue_document_lists_every_case() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let doc = std::fs::read_to_string(&path).unwrap_or_default();
    let (Some(a), Some(b)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("{DOC} has no table markers");
    };
    let fresh = format!("{}{BEGIN}{}{}", &doc[..a], table(), &doc[b..]);
    if std::env::var_os("HOSTILE_DOC").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    } else {
        assert!(
            fresh == doc,
            "{DOC} is out of date: run HOSTILE_DOC=1 cargo test --test hostile"
        );
    }
}
