//! `budget`: the command-line front end.
//!
//! ```text
//! budget report [FILE] [--json] [--yuan] [--adjust]   all tables, summary, narrative
//! budget check [FILE]                                   the checks; exit 1 on any error
//! ```
//! Without FILE the embedded reference budget is used. Exit codes: 0 ok, 1 a check
//! failed, 2 the file or the arguments are bad.

use std::process::ExitCode;
use yusuan::core::domain::{model::Budget, money::Unit};
use yusuan::core::figures::{
    report::{Options, Report},
    shares::Rounding,
};
use yusuan::core::formats::{file, reference, text};

const USAGE: &str = "用法：
  budget report [文件.json] [--json] [--yuan] [--adjust]
  budget check [文件.json]
不给文件时使用内置的2023年参考预算。
  --json    以 JSON 输出全部计算结果
  --yuan    以元为单位显示（默认万元）
  --adjust  尾差调整：占比合计为100.00%，明细之和等于合计";

fn load(path: Option<&str>) -> Result<Budget, String> {
    let Some(path) = path else {
        return Ok(reference::budget());
    };
    let meta = std::fs::metadata(path).map_err(|e| format!("{path}：无法读取文件（{e}）"))?;
    if meta.len() > file::MAX_BYTES as u64 {
        return Err(format!(
            "{path}：{}",
            file::FileError::TooLarge {
                bytes: meta.len() as usize
            }
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{path}：无法读取文件（{e}）"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path}：文件不是 UTF-8 编码（第{}个字节处）",
            e.utf8_error().valid_up_to() + 1
        )
    })?;
    file::from_json(&text).map_err(|e| format!("{path}：{e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut json = false;
    let mut unit = Unit::Wan;
    let mut rounding = Rounding::Independent;
    let mut positional = Vec::new();
    for a in &args {
        match a.as_str() {
            "--json" => json = true,
            "--yuan" => unit = Unit::Yuan,
            "--adjust" => rounding = Rounding::LargestRemainder,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with('-') => {
                eprintln!("未知选项 {s}\n{USAGE}");
                return ExitCode::from(2);
            }
            s => positional.push(s),
        }
    }
    let (cmd, path) = match positional.as_slice() {
        [cmd] => (*cmd, None),
        [cmd, path] => (*cmd, Some(*path)),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if cmd != "report" && cmd != "check" {
        eprintln!("未知命令 {cmd}\n{USAGE}");
        return ExitCode::from(2);
    }
    let budget = match load(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let report = Report::build(
        &budget,
        Options {
            unit,
            rounding,
            skip_project_tables: false,
        },
    );
    match (cmd, json) {
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
    if cmd == "check" && report.has_errors() {
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
