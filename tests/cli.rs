//! The `budget` command line: output, exit codes and messages.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Command;

fn budget(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_budget"))
        .args(args)
        .output()
        .expect("run budget");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_file(name: &str, content: &str) -> String {
    // Tests run in parallel threads: each file gets a directory of its own, so two tests
    // writing a file of the same name never read each other's.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("yusuan-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p.to_string_lossy().into_owned()
}

#[test]
fn report_prints_the_reference_figures() {
    let (code, out, _) = budget(&["report"]);
    assert_eq!(code, 0);
    for want in [
        "收入总计\t3,826.55",
        "本年收入合计\t3,402.75",
        "上年结转\t423.80",
        "一般公共预算\t3,402.75\t88.92%",
        "上年结转\t423.80\t11.08%",
        "基本支出\t1,081.30\t28.26%",
        "项目支出\t2,745.25\t71.74%",
        "收入总计比上年\t+232.97 (+6.48%)",
        "一般公共预算当年拨款比上年\t−190.83 (−5.31%)",
        "一般公共服务支出\t3,159.10\t92.84%",
        "社会保障和就业支出\t91.69\t2.69%",
        "卫生健康支出\t62.74\t1.84%",
        "住房保障支出\t89.22\t2.62%",
        "人员经费\t924.78",
        "公用经费\t156.53",
        "“三公”经费\t8.10",
        "机关运行经费\t156.53",
        "项目支出（本年）\t2,321.45",
        "预算公开表13",
        "注：本表无数据",
        "七、“三公”经费增减变动原因说明",
    ] {
        assert!(out.contains(want), "missing {want:?}");
    }
}

#[test]
fn report_json_has_every_figure() {
    let (code, out, _) = budget(&["report", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["summary"]["income_total"]["shown"], "3,826.55");
    assert_eq!(v["summary"]["income_total"]["yuan"], "38265540.00");
    assert_eq!(v["summary"]["kind_shares"][0]["shown_percent"], "28.26");
    assert_eq!(
        v["summary"]["yoy"]["general_public_current"]["percent"],
        "-5.31"
    );
    assert_eq!(v["tables"].as_array().unwrap().len(), 13);
    assert_eq!(v["tables"][6]["note"], "本表无数据");
    assert_eq!(v["narrative"].as_array().unwrap().len(), 12);
    assert_eq!(v["narrative"][11]["title"], "十二、其他说明");
    assert_eq!(v["overview"][0]["title"], "一、本单位职责");
    assert_eq!(
        v["explanations"][2]["formula"],
        "3,826.55 = 3,402.75 一般公共预算 + 423.80 上年结转"
    );
}

#[test]
fn yuan_and_adjust_options() {
    let (_, out, _) = budget(&["report", "--yuan"]);
    assert!(out.contains("收入总计\t38,265,540.00"));
    let (_, out, _) = budget(&["report", "--adjust"]);
    assert!(out.contains("社会保障和就业支出\t91.69\t2.70%"));
}

#[test]
fn check_passes_on_the_reference() {
    let (code, out, _) = budget(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("[警告] missing_reason"));
}

#[test]
fn check_fails_when_income_differs_from_spending() {
    let mut b = yusuan::core::formats::reference::budget();
    b.income[0].current = yusuan::core::domain::money::Money::from_fen(1);
    let path = temp_file("unbalanced.json", &yusuan::core::formats::file::to_json(&b));
    let (code, out, _) = budget(&["check", &path]);
    assert_eq!(code, 1);
    assert!(out.contains("[错误] balance 收入总计"), "{out}");
}

#[test]
fn malformed_json_exits_2_with_line_and_column() {
    let path = temp_file(
        "bad.json",
        "{\n  \"format\": \"yusuan-budget\",\n  \"version\": 1,\n  \"budget\": {,}\n}",
    );
    let (code, out, err) = budget(&["check", &path]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("第4行第14列"), "{err}");
}

#[test]
fn hostile_files_exit_2() {
    let deep = temp_file("deep.json", &"[".repeat(10_000));
    assert_eq!(budget(&["report", &deep]).0, 2);
    let binary = std::env::temp_dir().join(format!("yusuan-bin-{}", std::process::id()));
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).unwrap();
    let (code, _, err) = budget(&["report", binary.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("UTF-8"), "{err}");
    let (code, _, err) = budget(&["report", "/nonexistent/budget.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("找不到该文件"), "{err}");
    assert!(
        !err.contains("No such file"),
        "no operating-system English: {err}"
    );
    let wrong = temp_file("wrong.json", "{\"hello\": 1}");
    let (code, _, err) = budget(&["report", &wrong]);
    assert_eq!(code, 2);
    assert!(err.contains("不是预算计算器的文件"), "{err}");
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(budget(&[]).0, 2);
    assert_eq!(budget(&["frobnicate"]).0, 2);
    assert_eq!(budget(&["report", "--nope"]).0, 2);
    assert_eq!(budget(&["--help"]).0, 0);
}

#[test]
fn check_of_several_files_prints_a_line_each_and_the_worst_exit_code() {
    use yusuan::core::formats::{file, reference};
    let good = temp_file("good.json", &file::to_json(&reference::budget()));
    let mut off = reference::budget();
    off.lines[0].current = yusuan::core::domain::money::Money::from_fen(300_000_000);
    let off = temp_file("off.json", &file::to_json(&off));
    let (code, out, err) = budget(&["check", &good, &off]);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(
        lines[0],
        format!("{good}\t错误 0\t警告 11\t收入总计 3,826.55\t支出总计 3,826.55")
    );
    assert!(
        lines[1].starts_with(&format!("{off}\t错误 2\t")),
        "{}",
        lines[1]
    );
    let bad = temp_file("bad.json", "{");
    let (code, out, _) = budget(&["check", &good, &bad]);
    assert_eq!(code, 2);
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with(&format!("{bad}\t无法读取：")),
        "{out}"
    );
    // No usage text run into a message any more.
    let (code, _, err) = budget(&["report", &good, &off]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(
            "report 只接受一个文件；汇总多个单位预算请用 --department 部门名称\n用法："
        ),
        "{err}"
    );
}

#[test]
fn unit_files_consolidate_into_a_department_and_one_unit_reports_alone() {
    use yusuan::core::formats::{file, reference};
    let a = reference::budget();
    let mut b = a.clone();
    b.unit.name = "晋城市某事业单位".into();
    b.units[0].name = "晋城市某事业单位".into();
    b.units[0].kind = yusuan::core::domain::model::UnitType::Institution;
    let (fa, fb) = (
        temp_file("unit-a.json", &file::to_json(&a)),
        temp_file("unit-b.json", &file::to_json(&b)),
    );
    let (code, out, err) = budget(&["report", "--department", "某部门", &fa, &fb]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("某部门 2023年度部门预算（单位：万元）"),
        "{}",
        &out[..80]
    );
    // Twice 38,265,540 元 = 7,653.108 万元 shown as 7,653.11 (each unit shows 3,826.55).
    assert!(out.contains("支出总计\t7,653.11"));
    // 机关运行经费: only the 行政单位's 156.53.
    assert!(out.contains("机关运行经费\t156.53"));
    let (code, out, _) = budget(&["report", "--department", "某部门", &fa, &fb, "--unit", "u2"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("晋城市某事业单位 2023年度单位预算"));
    assert!(out.contains("机关运行经费\t0.00"));
    let (code, _, err) = budget(&["report", "--department", "某部门", &fa, &fb, "--unit", "u9"]);
    assert_eq!(code, 2);
    assert!(err.contains("没有 id 为“u9”的预算单位；本预算的预算单位：u1（晋城市行政审批服务管理局）、u2（晋城市某事业单位）"), "{err}");
}

/// Issue 27: `convert` writes the file as the app saves it (an old version upgraded, texts
/// cleaned) and what it writes reads back; a bad file exits 2 and writes nothing.
#[test]
fn convert_upgrades_a_file_and_refuses_a_bad_one() {
    let v1 = temp_file(
        "v1.json",
        r#"{"format":"yusuan-budget","version":1,"budget":{"unit":{"name":"某局\u202e","year":2023},
"sources":[{"id":"g","name":"一般公共预算","kind":"general_public"}],
"lines":[{"id":1,"kind":"basic","function":"2010301","economic":"30101","source":"g","current":562949953421312.01}]}}"#,
    );
    let (code, out, err) = budget(&["convert", &v1]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(&format!(
            "\"version\": {}",
            yusuan::core::formats::file::VERSION
        )),
        "{out}"
    );
    assert!(out.contains("\"name\": \"某局\""), "{out}");
    assert!(out.contains("\"current\": \"562949953421312.01\""), "{out}");
    let dir = std::path::Path::new(&v1).parent().unwrap();
    let target = dir.join("v5.json");
    let target = target.to_str().unwrap();
    let (code, _, err) = budget(&["convert", &v1, "-o", target]);
    assert_eq!(code, 0, "{err}");
    let written = std::fs::read_to_string(target).unwrap();
    assert_eq!(written, out, "-o writes what standard output shows");
    // The converted file converts to itself.
    assert_eq!(budget(&["convert", target]).1, out);

    let typo = temp_file(
        "typo.json",
        r#"{"format":"yusuan-budget","version":5,"curent":0,"scenarios":[]}"#,
    );
    let (code, out, err) = budget(&["convert", &typo, "-o", &format!("{target}.bad")]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("未知字段 curent（是否应为 current？）"),
        "{err}"
    );
    assert!(!std::path::Path::new(&format!("{target}.bad")).exists());
    assert_eq!(budget(&["convert"]).0, 2);
}

/// Issue 27: a device reports no size; reading stops at the limit all the same.
#[test]
fn a_file_without_a_size_is_read_only_up_to_the_limit() {
    let (code, _, err) = budget(&["check", "/dev/zero"]);
    assert_eq!(code, 2);
    assert!(err.contains("文件过大"), "{err}");
}

/// Issue 27: arguments printed back hold no ESC or bidi control.
#[test]
fn arguments_are_printed_back_cleaned() {
    let f = temp_file(
        "one.json",
        &yusuan::core::formats::file::to_json(&yusuan::core::formats::reference::budget()),
    );
    let (code, out, _) = budget(&["report", "--department", "\u{1b}[31m红\u{202e}部门", &f]);
    assert_eq!(code, 0);
    assert!(out.contains("[31m红部门"), "the name, cleaned");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202e}'));
    let (_, _, err) = budget(&["report", "--nope\u{1b}[2J"]);
    assert!(
        err.contains("未知选项 --nope[2J") && !err.contains('\u{1b}'),
        "{err}"
    );
    let (_, _, err) = budget(&["report", "--unit", "x\u{202e}y", &f]);
    assert!(err.contains("“xy”") && !err.contains('\u{202e}'), "{err}");
}

/// Issue 27: `report --json` is written as it is made, and is the same JSON as before.
#[test]
fn report_json_streams_every_section() {
    let (code, out, _) = budget(&["report", "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "unit_name",
        "year",
        "template",
        "display_unit",
        "summary",
        "tables",
        "overview",
        "narrative",
        "checks",
        "goals",
        "explanations",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    assert_eq!(v["summary"]["income_total"]["shown"], "3,826.55");
    assert_eq!(v["goals"]["count"], 20);
}

/// `document`: one .docx per file (beside it, at `-o`, or into the `-o` folder with several
/// files); a file that cannot be read exits 2 while the others are still written.
#[test]
fn document_writes_a_valid_docx_per_file() {
    use yusuan::core::formats::docx::validate::validate;
    let reference = yusuan::core::formats::reference::JSON;
    let a = temp_file("a.json", reference);
    let dir = std::path::Path::new(&a).parent().unwrap().to_path_buf();
    let out = dir.join("out.docx");
    let (code, stdout, err) = budget(&["document", &a, "-o", out.to_str().unwrap(), "--yuan"]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("out.docx"));
    validate(&std::fs::read(&out).unwrap()).unwrap();

    let b = temp_file("b.json", reference);
    let bad = temp_file("bad.json", "{");
    let folder = dir.join("docs");
    let (code, _, err) = budget(&["document", &a, &b, &bad, "-o", folder.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("bad.json"), "{err}");
    validate(&std::fs::read(folder.join("a.docx")).unwrap()).unwrap();
    validate(&std::fs::read(folder.join("b.docx")).unwrap()).unwrap();
    assert!(!folder.join("bad.docx").exists());

    let (code, _, err) = budget(&["document", &a]);
    assert_eq!(code, 0, "{err}");
    validate(&std::fs::read(dir.join("a.docx")).unwrap()).unwrap();
    let (code, _, err) = budget(&["document", &a, "--unit", "u9"]);
    assert_eq!(code, 2);
    assert!(err.contains("u9"), "{err}");
}

/// `staffing`: the lines of a 测算 model with their formulas; a blank rate listed; a bad
/// model exits 2 with the place in Chinese.
#[test]
fn staffing_prints_the_lines_a_model_gives() {
    let model = temp_file(
        "model.json",
        r#"{"unit_type":"administrative","source":"g","running":"2010301",
"pay_items":[{"id":"post","name":"职务工资","economic":"30101","basic":true},{"id":"allowance","name":"规范津贴补贴","economic":"30102"}],
"staff":[{"name":"科员","category":"administrative","count":3,"months":12,"monthly":{"post":"2500.00","allowance":"3000.00"}}],
"contributions":[{"kind":"pension","rate":"16","base":["post","allowance"],"with_bonus":true,"categories":["administrative"]},
{"kind":"housing","base":["post","allowance"],"categories":["administrative"]}],
"bonus_months":"1","bonus_categories":["administrative"],"union_rate":"2","quotas":[],"split":[]}"#,
    );
    let (code, out, err) = budget(&["staffing", &model]);
    assert_eq!(code, 0, "{err}");
    // 基数 (2,500 + 3,000) × 12 + 2,500 = 68,500 per person; × 3 × 16% = 32,880.
    assert!(out.contains("2080505 30108 = 32,880.00"), "{out}");
    assert!(
        out.contains("缴费基数 205,500.00 × 16% = 32,880.00"),
        "{out}"
    );
    assert!(
        out.contains("工会经费：在职工资总额 205,500.00 × 2% = 4,110.00"),
        "{out}"
    );
    assert!(out.contains("合计 242,490.00（5 行）"), "{out}");
    assert!(out.contains("费率未填、未计算：住房公积金"), "{out}");
    let (code, json, _) = budget(&["staffing", &model, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["lines"][4]["amount"], "32880.00");
    let bad = temp_file("bad-model.json", r#"{"unit_type":"x"}"#);
    let (code, _, err) = budget(&["staffing", &bad]);
    assert_eq!(code, 2);
    assert!(err.contains("第1行第16列"), "{err}");
}

/// `verify`: a summary line and the findings per file; exit 0 clean, 1 an error found, 2 a
/// file that cannot be read (a damaged PDF); `--json` one object per file.
#[test]
fn verify_checks_documents_and_says_which_have_errors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/verify/");
    let reference = format!("{dir}reference-2023.txt");
    let shanghai = format!("{dir}shanghai-municipal-unit-2025.layout.txt");
    let putuo = format!("{dir}putuo-wanli-department-2023.layout.txt");
    let (code, out, _) = budget(&["verify", &reference, &shanghai]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("13张公开表（万元），13 张表，0 个错误，5 个警告，0 个提示"),
        "{out}"
    );
    assert!(
        out.contains("9 张表，0 个错误，2 个警告，0 个提示"),
        "{out}"
    );
    assert!(out.contains("[警告] 第17页第270行 rounding"), "{out}");
    let (code, out, _) = budget(&["verify", &putuo]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("印为：314.82%；应为：289.12%"), "{out}");
    let (code, out, _) = budget(&["verify", &putuo, "--json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let findings = v[0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 5);
    assert_eq!(findings[0]["rule"], "negative_prior");
    assert_eq!(findings[2]["rule"], "change_percent");
    assert_eq!(findings[2]["severity"], "error");
    assert_eq!(findings[2]["page"], 6);
    assert_eq!(findings[2]["expected"], "289.12%");
    assert_eq!(v[0]["template"], "shanghai");
    assert_eq!(v[0]["tables"].as_array().unwrap().len(), 9);
    // The PDF itself: the same slips.
    let (code, out, _) = budget(&["verify", &format!("{dir}putuo-wanli-department-2023.pdf")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("9 张表，5 个错误"), "{out}");
    // A damaged PDF exits 2; the other file is still checked.
    let pdf = temp_file("doc.pdf", "%PDF-1.7\n%âãÏÓ\n");
    let (code, out, _) = budget(&["verify", &pdf, &reference]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("PDF 文件已损坏或不完整"), "{out}");
    assert!(
        out.contains("13 张表"),
        "the other file is still checked: {out}"
    );
}
