//! The 绩效目标表 read back from a spreadsheet sheet written in the published layout
//! (`present/goal_form.rs`, `xlsx::goals_sheet`: one form under the other)
//! (ours, or one laid out like the published forms: a form starts at a row whose first
//! cell is 项目名称; indicator rows have 一级, 二级, 三级指标 and 指标值 in fixed columns,
//! 实施期 then 年度; a 二级指标 cell left empty continues the one above).

use crate::core::domain::goals::{FundPart, GoalForm, GoalText, Indicator, IndicatorKind, Side};
use crate::core::domain::money::Money;

/// Why a sheet of forms could not be read: the row (1-based) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    pub row: usize,
    pub message: String,
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行：{}", self.row, self.message)
    }
}

/// A label as compared: no spaces, colons or the “其中：” prefix, brackets of one width.
fn norm(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    s.strip_prefix("其中").unwrap_or(&s).to_string()
}

fn cell(row: &[String], i: usize) -> &str {
    row.get(i).map(|s| s.trim()).unwrap_or("")
}

/// The first non-empty cell after column `from`.
fn next_text(row: &[String], from: usize) -> String {
    row.iter()
        .skip(from + 1)
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string()
}

/// The text after the cell labelled `label` in a row (empty when the label is absent).
fn after_label(row: &[String], label: &str) -> String {
    row.iter()
        .position(|c| norm(c) == norm(label))
        .map(|i| next_text_until_label(row, i))
        .unwrap_or_default()
}

/// The cell after `i` unless it is itself a label of the row (an empty value).
fn next_text_until_label(row: &[String], i: usize) -> String {
    let t = next_text(row, i);
    if is_row_label(&t) {
        String::new()
    } else {
        t
    }
}

fn is_row_label(t: &str) -> bool {
    let n = norm(t);
    GoalText::ALL.iter().any(|f| norm(f.label()) == n)
        || ["负责人", "经办人", "联系电话", "填报日期"].contains(&n.as_str())
}

/// Reads every form of a sheet's rows.
///
/// ```
/// use yusuan::core::formats::{goal_sheet::read, xlsx::goals_sheet as sheet};
/// let b = yusuan::core::formats::reference::budget();
/// let rows: Vec<Vec<String>> = sheet(&b.goals).rows.iter()
///     .map(|r| r.iter().map(|v| match v {
///         yusuan::core::formats::xlsx::Value::Empty => String::new(),
///         yusuan::core::formats::xlsx::Value::Text(t) => t.clone(),
///         yusuan::core::formats::xlsx::Value::Number(n) => n.to_string(),
///     }).collect()).collect();
/// let forms = read(&rows).unwrap();
/// assert_eq!(forms.len(), 20);
/// ```
pub fn read(rows: &[Vec<String>]) -> Result<Vec<GoalForm>, SheetError> {
    let starts: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| norm(cell(r, 0)) == "项目名称")
        .map(|(i, _)| i)
        .collect();
    let mut forms = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(rows.len());
        forms.push(read_form(&rows[s..e], s)?);
    }
    Ok(forms)
}

/// Which part of a form the reader is in.
enum Part {
    Head,
    Funds(usize),
    Indicators,
}

fn read_form(rows: &[Vec<String>], top: usize) -> Result<GoalForm, SheetError> {
    let mut f = GoalForm::default();
    let mut part = Part::Head;
    let mut kinds: [Option<IndicatorKind>; 2] = [None, None];
    let mut project = None;
    for (i, row) in rows.iter().enumerate() {
        let at = top + i + 1;
        let first = norm(cell(row, 0));
        match first.as_str() {
            "项目名称" => f.title = next_text(row, 0),
            "所属项目" => project = Some(next_text(row, 0)),
            "主管部门及代码" => {
                f.department = next_text_until_label(row, 0);
                f.implementer = after_label(row, "实施单位");
            }
            "项目属性" => {
                f.attribute = next_text_until_label(row, 0);
                f.period = after_label(row, "项目期");
            }
            "总体目标" => {
                // 实施期 in the column after the label, 年度 in the first filled one after.
                f.goal_period = cell(row, 1).to_string();
                f.goal_annual = next_text(row, 1);
            }
            "绩效指标" => part = Part::Indicators,
            "负责人" => {
                f.manager = next_text_until_label(row, 0);
                f.clerk = after_label(row, "经办人");
                f.phone = after_label(row, "联系电话");
                f.date = after_label(row, "填报日期");
                part = Part::Head;
            }
            l if l.starts_with("项目资金") => {
                part = Part::Funds(0);
                read_funds(&mut f, row, at)?;
            }
            _ => {
                if let Some(t) = GoalText::ALL
                    .into_iter()
                    .find(|t| t.long() && norm(t.label()) == first)
                {
                    *f.text_mut(t) = next_text(row, 0);
                    continue;
                }
                match part {
                    Part::Funds(n) if n < FundPart::ALL.len() - 1 => {
                        part = Part::Funds(n + 1);
                        read_funds(&mut f, row, at)?;
                    }
                    Part::Indicators => read_indicators(&mut f, row, &mut kinds),
                    _ => {}
                }
            }
        }
    }
    match project {
        Some(p) => f.project = p,
        None => f.project = std::mem::take(&mut f.title),
    }
    f.clean();
    Ok(f)
}

/// A 项目资金 row: the amount after each side's label; the part is the row's own label
/// when it has one, else the row's place.
fn read_funds(f: &mut GoalForm, row: &[String], at: usize) -> Result<(), SheetError> {
    let mut side = 0;
    for (i, c) in row.iter().enumerate().skip(1) {
        let label = norm(c);
        let part = FundPart::ALL.into_iter().find(|p| {
            let l = norm(p.label());
            (*p == FundPart::Total && label.ends_with("资金总额")) || (!l.is_empty() && label == l)
        });
        let Some(part) = part else { continue };
        let text = cell(row, i + 1);
        let amount = if text.is_empty() {
            Money::ZERO
        } else {
            Money::parse(text).map_err(|e| SheetError {
                row: at,
                message: format!("“{}”的金额“{text}”无法识别：{e}", c.trim()),
            })?
        };
        let s = if side == 0 {
            Side::Period
        } else {
            Side::Annual
        };
        f.funds_mut(s).set(part, amount);
        side += 1;
        if side > 1 {
            break;
        }
    }
    Ok(())
}

/// An indicator row: columns 1 (一级), 2–4 (实施期: 二级, 三级, 指标值), 5–7 (年度).
fn read_indicators(f: &mut GoalForm, row: &[String], kinds: &mut [Option<IndicatorKind>; 2]) {
    for (k, side) in Side::ALL.into_iter().enumerate() {
        let base = 2 + 3 * k;
        if let Some(kind) = IndicatorKind::from_label(cell(row, base)) {
            kinds[k] = Some(kind);
        }
        let (name, value) = (cell(row, base + 1), cell(row, base + 2));
        if name.is_empty() && value.is_empty() {
            continue;
        }
        if let Some(kind) = kinds[k] {
            f.indicators_mut(side).push(Indicator {
                kind,
                name: name.to_string(),
                value: value.to_string(),
            });
        }
    }
}

/// The commands that bring forms read from a sheet into a budget: a form of a project
/// (and printed name) the budget already has a form for replaces it; any other is added at
/// the end. Returns the commands, how many replace and how many add.
pub fn import_commands(
    budget: &crate::core::domain::model::Budget,
    forms: Vec<GoalForm>,
) -> (Vec<crate::core::domain::command::Command>, usize, usize) {
    use crate::core::domain::command::Command;
    let mut commands = Vec::with_capacity(forms.len());
    let (mut replaced, mut added) = (0, 0);
    let mut taken = vec![false; budget.goals.len()];
    for form in forms {
        let same = budget.goals.iter().enumerate().position(|(i, g)| {
            !taken[i] && g.project == form.project && g.display_name() == form.display_name()
        });
        match same {
            Some(at) => {
                taken[at] = true;
                replaced += 1;
                commands.push(Command::UpdateGoal {
                    at,
                    form: Box::new(form),
                });
            }
            None => {
                added += 1;
                commands.push(Command::InsertGoal {
                    at: budget.goals.len() + added - 1,
                    form: Box::new(form),
                });
            }
        }
    }
    (commands, replaced, added)
}

/// The rows of the sheet that holds forms: the one named [`crate::core::formats::xlsx`]'s
/// `GOALS_SHEET`, else the first with a row starting 项目名称.
pub fn forms_sheet<'a>(
    sheets: &'a [(String, Vec<Vec<String>>)],
    name: &str,
) -> Option<&'a [Vec<String>]> {
    sheets
        .iter()
        .find(|(n, _)| n == name)
        .or_else(|| {
            sheets
                .iter()
                .find(|(_, rows)| rows.iter().any(|r| norm(cell(r, 0)) == "项目名称"))
        })
        .map(|(_, rows)| rows.as_slice())
}
