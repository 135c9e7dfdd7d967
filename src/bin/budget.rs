//! `budget`: the command-line front end.
//!
//! ```text
//! budget report [FILE] [--json] [--yuan] [--adjust] [--unit ID]   all tables, summary, narrative
//! budget report --department NAME FILE…                        unit files as one department
//! budget check [FILE…]                                          the checks; exit 1 on any error
//! budget convert FILE [-o OUT]                                  read as the app opens it, write as it saves
//! budget document [FILE…] [-o OUT] [--yuan] [--adjust] [--unit ID] the 预算公开 document as .docx
//! budget staffing MODEL.json [--json]                          基本支出测算: the lines a model gives
//! budget verify FILE… [--json]                                  核对公开文档 (PDF or text): the slips found
//! ```
//! Without FILE the embedded reference budget is used. Exit codes: 0 ok, 1 a check
//! failed, 2 the file or the arguments are bad.

use std::process::ExitCode;

/// `print!` that ends the program quietly when the reader has gone (`budget verify … | head`
/// closes the pipe): the status a shell gives a process stopped by SIGPIPE, no panic.
macro_rules! out {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if write!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(141);
        }
    }};
}

/// `println!` likewise.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(141);
        }
    }};
}
use yusuan::core::domain::{consolidate::consolidate, model::Budget, money::Unit};
use yusuan::core::figures::{
    report::{Options, Report},
    shares::Rounding,
};
use yusuan::core::formats::messages::io_error;
use yusuan::core::formats::{docx, file, reference, text};

const USAGE: &str = "用法：
  budget report [文件.json] [--json] [--yuan] [--adjust] [--unit 单位id]
  budget report --department 部门名称 文件.json… [--json] [--yuan] [--adjust] [--unit 单位id]
  budget check [文件.json…]
  budget convert 文件.json [-o 输出.json]
  budget document [文件.json…] [-o 输出.docx|目录] [--yuan] [--adjust] [--unit 单位id]
  budget staffing 测算模型.json [--json]
  budget verify 公开文档.pdf|.txt… [--json]
不给文件时使用内置的2023年参考预算。
  --json        以 JSON 输出全部计算结果
  --yuan        以元为单位显示（默认万元）
  --adjust      尾差调整：占比合计为100.00%，明细之和等于合计，增减额等于所示两数之差
  --unit ID     只报告部门预算中的一个预算单位（如 u2）
  --department  把多个单位预算文件汇总为一个部门预算
check 给出多个文件时，每个文件一行：错误数、警告数、收入总计、支出总计；退出码取最严重者。
convert 按本程序打开文件的方式读入，再按保存的方式写出（当前版本，文本已清理）：
  用于升级旧文件；不给 -o 时写到标准输出。读不了的文件退出码为 2。
document 生成可编辑的 Word 文档（.docx）：封面、目录、概况、全部公开表、情况说明、
  绩效目标表、名词解释。每个文件一份文档，写在文件旁（扩展名改为 .docx）；
  一个文件时 -o 给出输出文件，多个文件时 -o 给出输出目录。
staffing 按测算模型（人员、工资项目、缴费费率、定额，见 docs/STAFFING.md）计算基本支出明细：
  每行的功能分类、经济分类、金额和算式；费率未填的缴费列出而不计算。模型有误时退出码为 2。
verify 核对别人发布的预算公开文档（PDF 的文字层，或文本：从 PDF 阅读器或 Word 复制出的文字、
  pdftotext -layout 的输出）：识别格式，重建各表和情况说明，核对表内合计、表间关系、三公经费、
  说明中的金额、增减百分比和占比、列举各项之和、科目编码和名称、重复字词、单位名称等（共29条规则）。
  每个文件一行摘要，其后列出每个问题；
  有错误时退出码为 1，文件读不了为 2（加密、损坏、没有文字层的 PDF 等）。
";

/// What the command line asked for.
struct Args<'a> {
    cmd: &'a str,
    files: Vec<&'a str>,
    json: bool,
    options: Options,
    unit_id: Option<&'a str>,
    department: Option<&'a str>,
    /// `-o`: where `convert` writes (standard output when absent).
    output: Option<&'a str>,
}

/// Reads the arguments; `Err` is the message to print (exit 2), `Ok(None)` the help.
fn parse_args(args: &[String]) -> Result<Option<Args<'_>>, String> {
    let mut out = Args {
        cmd: "",
        files: Vec::new(),
        json: false,
        options: Options::default(),
        unit_id: None,
        department: None,
        output: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => out.json = true,
            "--yuan" => out.options.unit = Unit::Yuan,
            "--adjust" => out.options.rounding = Rounding::LargestRemainder,
            "--unit" => out.unit_id = Some(it.next().ok_or("--unit 后面要给出预算单位的 id")?),
            "--department" => {
                out.department = Some(it.next().ok_or("--department 后面要给出部门名称")?)
            }
            "-o" | "--output" => out.output = Some(it.next().ok_or("-o 后面要给出输出文件")?),
            "-h" | "--help" => return Ok(None),
            s if s.starts_with('-') => return Err(format!("未知选项 {}", shown(s))),
            s if out.cmd.is_empty() => out.cmd = s,
            s => out.files.push(s),
        }
    }
    match out.cmd {
        "report" if out.department.is_none() && out.files.len() > 1 => {
            Err("report 只接受一个文件；汇总多个单位预算请用 --department 部门名称".into())
        }
        "convert" if out.files.len() != 1 => Err("convert 只接受一个文件".into()),
        "document" if out.department.is_some() => {
            Err("document 每个文件生成一份文档，不汇总部门（先用 report --department 核对）".into())
        }
        "staffing" if out.files.len() != 1 => Err("staffing 只接受一个测算模型文件".into()),
        "verify" if out.files.is_empty() => Err("verify 需要至少一个文件".into()),
        "report" | "check" | "convert" | "document" | "staffing" | "verify" => Ok(Some(out)),
        "" => Err("缺少命令（report、check、convert、document、staffing 或 verify）".into()),
        c => Err(format!("未知命令 {}", shown(c))),
    }
}

/// An argument as printed back: control and bidi characters removed, as in names (an
/// argument of ESC sequences or U+202E must not restyle or reorder the terminal's text).
fn shown(arg: &str) -> String {
    yusuan::core::domain::model::clean_text(arg, false)
}

fn load(path: Option<&str>) -> Result<Budget, String> {
    let Some(path) = path else {
        return Ok(reference::budget());
    };
    load_file(path).map_err(|e| format!("{}：{e}", shown(path)))
}

/// A budget file's current scenario, or why not (without the path: the caller names it).
fn load_file(path: &str) -> Result<Budget, String> {
    let bytes = read_capped(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "文件不是 UTF-8 编码（第{}个字节处）",
            e.utf8_error().valid_up_to() + 1
        )
    })?;
    file::from_json(&text).map_err(|e| e.to_string())
}

/// A file's bytes, reading at most one byte past the limit whatever its size says (a
/// device such as /dev/zero reports 0 and never ends).
fn read_capped(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| io_error(&e))?;
    let mut bytes = Vec::new();
    f.take(file::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() > file::MAX_BYTES {
        let size = std::fs::metadata(path)
            .map(|m| m.len() as usize)
            .unwrap_or(0);
        let bytes = size.max(bytes.len());
        return Err(file::FileError::TooLarge { bytes }.to_string());
    }
    Ok(bytes)
}

/// The budget to report: one file (or the reference), or the department of several.
fn budget_of(a: &Args) -> Result<Budget, String> {
    let mut b = match a.department {
        Some(name) => {
            let parts = a
                .files
                .iter()
                .map(|f| load(Some(f)))
                .collect::<Result<Vec<_>, _>>()?;
            consolidate(name, &parts)?
        }
        None => load(a.files.first().copied())?,
    };
    if let Some(id) = a.unit_id {
        b = b.unit_view(id).ok_or_else(|| {
            let ids: Vec<String> = b
                .units
                .iter()
                .map(|u| format!("{}（{}）", u.id, u.name))
                .collect();
            format!(
                "没有 id 为“{}”的预算单位；本预算的预算单位：{}",
                shown(id),
                ids.join("、")
            )
        })?;
    }
    Ok(b)
}

fn report(a: &Args) -> ExitCode {
    let budget = match budget_of(a) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let report = Report::build(&budget, a.options);
    match (a.cmd, a.json) {
        ("report", false) => out!("{}", text::report_text(&budget, &report)),
        ("report", true) => write_json(&text::report_json(&budget, &report)),
        (_, false) => out!("{}", text::checks_text(&report)),
        (_, true) => write_json(&report.checks),
    }
    if a.cmd == "check" && report.has_errors() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// JSON to standard output as it is made (a large report is never one string in memory).
/// A closed pipe (`| head`) ends the output quietly.
fn write_json(value: &impl serde::Serialize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if serde_json::to_writer_pretty(&mut out, value).is_ok() {
        let _ = writeln!(out);
        let _ = out.flush();
    }
}

/// `convert`: the file read as the app opens it and written as it saves it.
fn convert(a: &Args) -> ExitCode {
    let path = a.files[0];
    let converted = read_capped(path)
        .and_then(|bytes| {
            let text = String::from_utf8(bytes).map_err(|_| "文件不是 UTF-8 编码".to_string())?;
            file::convert(&text).map_err(|e| e.to_string())
        })
        .map_err(|e| format!("{}：{e}", shown(path)));
    let written = converted.and_then(|text| match a.output {
        Some(out) => std::fs::write(out, text + "\n")
            .map_err(|e| format!("{}：{}", shown(out), io_error(&e))),
        None => {
            outln!("{text}");
            Ok(())
        }
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

/// `document`: one .docx per file (the reference without a file), beside it or at `-o`.
fn document(a: &Args) -> ExitCode {
    let inputs: Vec<Option<&str>> = if a.files.is_empty() {
        vec![None]
    } else {
        a.files.iter().map(|f| Some(*f)).collect()
    };
    let mut worst = 0u8;
    for input in inputs {
        let out = output_path(input, a.output, a.files.len() > 1);
        let written = document_one(input, a).and_then(|bytes| {
            std::fs::write(&out, bytes).map_err(|e| format!("{}：{}", shown(&out), io_error(&e)))
        });
        match written {
            Ok(()) => outln!("{}", shown(&out)),
            Err(e) => {
                eprintln!("错误：{e}");
                worst = 2;
            }
        }
    }
    ExitCode::from(worst)
}

fn document_one(input: Option<&str>, a: &Args) -> Result<Vec<u8>, String> {
    let mut b = load(input)?;
    if let Some(id) = a.unit_id {
        b = b
            .unit_view(id)
            .ok_or_else(|| format!("没有 id 为“{}”的预算单位", shown(id)))?;
    }
    docx::document(&b, a.options)
}

/// Where a document goes: `-o` (a file, or with several inputs a folder), else beside
/// its input with the extension `.docx` (the reference: `reference.docx`).
fn output_path(input: Option<&str>, output: Option<&str>, several: bool) -> String {
    let beside = |p: &str| {
        std::path::Path::new(p)
            .with_extension("docx")
            .to_string_lossy()
            .into_owned()
    };
    match (output, input) {
        (Some(dir), Some(p)) if several => {
            let _ = std::fs::create_dir_all(dir);
            let name = std::path::Path::new(&beside(p))
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "document.docx".into());
            std::path::Path::new(dir)
                .join(name)
                .to_string_lossy()
                .into_owned()
        }
        (Some(o), _) => o.to_string(),
        (None, Some(p)) => beside(p),
        (None, None) => "reference.docx".into(),
    }
}

/// `staffing`: the 基本支出 lines of a 测算 model, each with its parts and formulas.
fn staffing(a: &Args) -> ExitCode {
    use yusuan::core::domain::staffing::StaffModel;
    use yusuan::core::domain::staffing::{compute, explain};
    let path = a.files[0];
    let model = read_capped(path).and_then(|bytes| {
        let text = String::from_utf8(bytes).map_err(|_| "文件不是 UTF-8 编码".to_string())?;
        serde_json::from_str::<StaffModel>(&text).map_err(|e| file::json_error(e).to_string())
    });
    let outcome = model.map_err(|e| vec![e]).and_then(|m| compute(&m));
    let out = match outcome {
        Ok(o) => o,
        Err(faults) => {
            for f in faults {
                eprintln!("错误：{}：{f}", shown(path));
            }
            return ExitCode::from(2);
        }
    };
    if a.json {
        let lines: Vec<serde_json::Value> = out
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "function": l.function.to_string(),
                    "economic": l.economic.to_string(),
                    "source": l.source,
                    "amount": format!("{:.2}", l.amount.yuan()),
                    "parts": l.parts.iter().map(|p| serde_json::json!({
                        "label": p.label, "formula": p.formula,
                        "amount": format!("{:.2}", p.amount.yuan()),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        write_json(&serde_json::json!({ "lines": lines, "blank_rates": out.blank_rates }));
        return ExitCode::SUCCESS;
    }
    for l in &out.lines {
        outln!("{}\n", explain(l));
    }
    let total: yusuan::core::domain::money::Money = out.lines.iter().map(|l| l.amount).sum();
    outln!(
        "合计 {}（{} 行）",
        total.display(Unit::Yuan),
        out.lines.len()
    );
    if !out.blank_rates.is_empty() {
        outln!("费率未填、未计算：{}", out.blank_rates.join("、"));
    }
    ExitCode::SUCCESS
}

/// A document's bytes (PDF or text), within the size a document can have.
fn document_bytes(path: &str) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| io_error(&e).to_string())?
        .len();
    if size > yusuan::core::verify::pdf::MAX_PDF_BYTES as u64 {
        return Err(format!("文件过大（{size} 字节）"));
    }
    std::fs::read(path).map_err(|e| io_error(&e).to_string())
}

/// `verify`: each file checked — a summary line and its findings (or, with `--json`, one
/// object per file); exit 2 when a file could not be read, else 1 when any error was found.
fn verify(a: &Args) -> ExitCode {
    use yusuan::core::verify::verify_bytes;
    let mut worst = 0u8;
    let mut all = Vec::new();
    for path in &a.files {
        let result = document_bytes(path).and_then(|b| verify_bytes(path, &b));
        match result {
            Err(e) => {
                if a.json {
                    all.push(serde_json::json!({ "file": path, "error": e }));
                } else {
                    outln!("{}	无法读取：{e}", shown(path));
                }
                worst = 2;
            }
            Ok(v) => {
                if v.has_errors() {
                    worst = worst.max(1);
                }
                if a.json {
                    all.push(serde_json::to_value(&v).unwrap_or_default());
                    continue;
                }
                outln!("{}	{}", shown(path), v.summary());
                for f in &v.findings {
                    outln!(
                        "  [{}] 第{}页第{}行 {}：{}",
                        f.severity.label(),
                        f.page,
                        f.line,
                        f.rule,
                        f.explanation
                    );
                    if !f.printed.is_empty() || !f.expected.is_empty() {
                        outln!("      印为：{}；应为：{}", f.printed, f.expected);
                    }
                }
            }
        }
    }
    if a.json {
        write_json(&serde_json::Value::Array(all));
    }
    ExitCode::from(worst)
}

/// `check` of several files: one line each, and the worst exit code (2 a file could not
/// be read, 1 a check failed, 0 all clean).
fn check_many(a: &Args) -> ExitCode {
    let mut worst = 0u8;
    for path in &a.files {
        match load(Some(path)) {
            Err(e) => {
                outln!("{}\t无法读取：{e}", shown(path));
                worst = 2;
            }
            Ok(b) => {
                let r = Report::build(&b, a.options);
                let (errors, warnings) = r.check_counts();
                let unit = a.options.unit;
                outln!(
                    "{}\t错误 {errors}\t警告 {warnings}\t收入总计 {}\t支出总计 {}",
                    shown(path),
                    r.summary.income_total.display(unit),
                    r.summary.expense_total.display(unit)
                );
                if errors > 0 {
                    worst = worst.max(1);
                }
            }
        }
    }
    ExitCode::from(worst)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = match parse_args(&args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            outln!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if a.cmd == "convert" {
        return convert(&a);
    }
    if a.cmd == "document" {
        return document(&a);
    }
    if a.cmd == "staffing" {
        return staffing(&a);
    }
    if a.cmd == "verify" {
        return verify(&a);
    }
    if a.cmd == "check" && a.files.len() > 1 && a.department.is_none() {
        return check_many(&a);
    }
    report(&a)
}
