//! `budget`: the command-line front end.
//!
//! ```text
//! budget report [FILE] [--json] [--yuan] [--adjust] [--unit ID]   all tables, summary, narrative
//! budget report --department NAME FILE…                        unit files as one department
//! budget check [FILE…]                                          the checks; exit 1 on any error
//! ```
//! Without FILE the embedded reference budget is used. Exit codes: 0 ok, 1 a check
//! failed, 2 the file or the arguments are bad.

use std::process::ExitCode;
use yusuan::core::domain::{consolidate::consolidate, model::Budget, money::Unit};
use yusuan::core::figures::{
    report::{Options, Report},
    shares::Rounding,
};
use yusuan::core::formats::messages::io_error;
use yusuan::core::formats::{file, reference, text};

const USAGE: &str = "用法：
  budget report [文件.json] [--json] [--yuan] [--adjust] [--unit 单位id]
  budget report --department 部门名称 文件.json… [--json] [--yuan] [--adjust] [--unit 单位id]
  budget check [文件.json…]
不给文件时使用内置的2023年参考预算。
  --json        以 JSON 输出全部计算结果
  --yuan        以元为单位显示（默认万元）
  --adjust      尾差调整：占比合计为100.00%，明细之和等于合计，增减额等于所示两数之差
  --unit ID     只报告部门预算中的一个预算单位（如 u2）
  --department  把多个单位预算文件汇总为一个部门预算
check 给出多个文件时，每个文件一行：错误数、警告数、收入总计、支出总计；退出码取最严重者。
";

/// What the command line asked for.
struct Args<'a> {
    cmd: &'a str,
    files: Vec<&'a str>,
    json: bool,
    options: Options,
    unit_id: Option<&'a str>,
    department: Option<&'a str>,
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
            "-h" | "--help" => return Ok(None),
            s if s.starts_with('-') => return Err(format!("未知选项 {s}")),
            s if out.cmd.is_empty() => out.cmd = s,
            s => out.files.push(s),
        }
    }
    match out.cmd {
        "report" if out.department.is_none() && out.files.len() > 1 => {
            Err("report 只接受一个文件；汇总多个单位预算请用 --department 部门名称".into())
        }
        "report" | "check" => Ok(Some(out)),
        "" => Err("缺少命令（report 或 check）".into()),
        c => Err(format!("未知命令 {c}")),
    }
}

fn load(path: Option<&str>) -> Result<Budget, String> {
    let Some(path) = path else {
        return Ok(reference::budget());
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}：{}", io_error(&e)))?;
    if meta.len() > file::MAX_BYTES as u64 {
        return Err(format!(
            "{path}：{}",
            file::FileError::TooLarge {
                bytes: meta.len() as usize
            }
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}：{}", io_error(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}：文件不是 UTF-8 编码（第{}个字节处）",
            e.utf8_error().valid_up_to() + 1
        )
    })?;
    file::from_json(&text).map_err(|e| format!("{path}：{e}"))
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
                "没有 id 为“{id}”的预算单位；本预算的预算单位：{}",
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
        ("report", false) => print!("{}", text::report_text(&budget, &report)),
        ("report", true) => println!(
            "{}",
            serde_json::to_string_pretty(&text::report_json(&budget, &report)).unwrap_or_default()
        ),
        (_, false) => print!("{}", text::checks_text(&report)),
        (_, true) => println!(
            "{}",
            serde_json::to_string_pretty(&report.checks).unwrap_or_default()
        ),
    }
    if a.cmd == "check" && report.has_errors() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// `check` of several files: one line each, and the worst exit code (2 a file could not
/// be read, 1 a check failed, 0 all clean).
fn check_many(a: &Args) -> ExitCode {
    let mut worst = 0u8;
    for path in &a.files {
        match load(Some(path)) {
            Err(e) => {
                println!("{path}\t无法读取：{e}");
                worst = 2;
            }
            Ok(b) => {
                let r = Report::build(&b, a.options);
                let (errors, warnings) = r.check_counts();
                let unit = a.options.unit;
                println!(
                    "{path}\t错误 {errors}\t警告 {warnings}\t收入总计 {}\t支出总计 {}",
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
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    if a.cmd == "check" && a.files.len() > 1 && a.department.is_none() {
        return check_many(&a);
    }
    report(&a)
}
