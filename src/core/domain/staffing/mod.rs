//! 基本支出测算 (issue 23, first part): the model a finance office computes 基本支出 from —
//! staff (groups or persons) with monthly pay items, contributions as a rate of a base,
//! the 年终一次性奖金, 工会经费 and 福利费, 公用经费定额 spread over 302xx codes, vehicle and
//! other quotas. The computation is [`compute`]; docs/STAFFING.md gives every default and its
//! source and says which rules a locality sets.
//!
//! - [`model`]: the types, the defaults and the rate reader;
//! - [`compute`]: the arithmetic (the lines a model gives, with their formulas);
//! - [`levers`]: scenario levers (增人/减人, 调资, 费率, 定额) as edits of a model.
//!
//! A budget keeps one model per 预算单位 (`Budget::staffing`); `core::domain::staffing_commands`
//! makes its lines (`Line::generated`). Tested on hand-made units (`tests/staffing.rs`).

mod compute;
mod levers;
mod model;

pub use compute::{
    amounts, clamped_rows, compute, established_count, explain, forget_amounts, GenLine, Outcome,
    Part,
};
pub use levers::{apply_lever, Lever};
pub use model::*;
