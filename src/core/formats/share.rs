//! Share links: one scenario in the URL fragment (`#share=1.…`), which browsers never send
//! to a server. The scenario is written as a budget file (compact JSON, version 2),
//! deflated, and encoded as URL-safe base64. Opening a link reads it like a file (all the
//! same checks) and adds it as a new scenario.

use crate::core::domain::model::Budget;
use crate::core::formats::file;
use base64::Engine;
use std::io::{Read, Write};

/// The fragment key and encoding version.
pub const KEY: &str = "share=1.";
/// Links longer than this are not made: chat tools and mail clients cut long URLs, and
/// browsers differ in what they accept. Larger budgets go by file.
pub const MAX_LINK_CHARS: usize = 100_000;
/// A link may not inflate beyond this (a crafted link cannot take all the memory).
const MAX_INFLATED: u64 = 16 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// The scenario is too large for a link (its encoded length).
    TooLong(usize),
    /// The fragment is not a share link of ours, or is damaged.
    Damaged(String),
    /// It decodes, but the budget in it is not valid.
    File(file::FileError),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLong(n) => write!(
                f,
                "方案太大，分享链接将有 {n} 个字符（最多 {MAX_LINK_CHARS} 个）；请改用“保存”导出文件分享"
            ),
            ShareError::Damaged(d) => write!(f, "分享链接已损坏或不完整（{d}）"),
            ShareError::File(e) => write!(f, "分享链接中的预算有误：{e}"),
        }
    }
}

/// The fragment (without `#`) for a scenario.
///
/// ```
/// use yusuan::core::formats::share::{decode, encode};
/// let b = yusuan::core::formats::reference::budget();
/// let link = encode("方案一", &b).unwrap();
/// assert!(link.starts_with("share=1.") && link.len() < 30_000); // 20 绩效目标表 included
/// assert_eq!(decode(&link).unwrap(), ("方案一".to_string(), b));
/// ```
pub fn encode(name: &str, budget: &Budget) -> Result<String, ShareError> {
    // The 基本支出测算's names of persons are personal data: never in a link.
    let mut budget = budget.clone();
    for m in &mut budget.staffing {
        m.staff.iter_mut().for_each(|s| s.name.clear());
    }
    let ws = crate::core::domain::workspace::Workspace::new(name, budget);
    let json = file::write(&ws, false);
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(json.as_bytes())
        .map_err(|_| ShareError::Damaged("无法压缩".into()))?;
    let bytes = z
        .finish()
        .map_err(|_| ShareError::Damaged("无法压缩".into()))?;
    let link = format!(
        "{KEY}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    if link.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(link.len()));
    }
    Ok(link)
}

/// Whether a fragment (with or without `#`) is a share link.
pub fn is_link(fragment: &str) -> bool {
    fragment.trim_start_matches('#').starts_with(KEY)
}

/// The scenario in a fragment (with or without `#`): its name and budget.
pub fn decode(fragment: &str) -> Result<(String, Budget), ShareError> {
    let data = fragment
        .trim_start_matches('#')
        .strip_prefix(KEY)
        .ok_or_else(|| ShareError::Damaged("不是预算计算器的分享链接".into()))?;
    if data.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(data.len()));
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim())
        .map_err(|_| ShareError::Damaged("链接中有不属于分享链接的字符，或链接被截断".into()))?;
    let mut json = String::new();
    flate2::read::DeflateDecoder::new(bytes.as_slice())
        .take(MAX_INFLATED + 1)
        .read_to_string(&mut json)
        .map_err(|_| ShareError::Damaged("压缩数据已损坏".into()))?;
    if json.len() as u64 > MAX_INFLATED {
        return Err(ShareError::Damaged("内容过大".into()));
    }
    let ws = file::read(&json).map_err(ShareError::File)?;
    let s = ws.current();
    Ok((s.name.clone(), s.budget.clone()))
}
