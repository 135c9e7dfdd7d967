//! Configuration of an embedded app: from `data-` attributes of the mount element (set by the
//! host page) and from the URL query (which wins, so a link can choose). Every value is
//! checked; a bad one is reported and its default used.
//!
//! | key | values | default |
//! |---|---|---|
//! | `lang` | `zh` (`zh-CN`), `en` | `zh` |
//! | `mode` | `edit` (编辑), `readonly` (只读), `practice` (练习) | `edit` |
//! | `tabs` | comma list of `lines,income,tables,narrative,goals,charts,checks,compare,glossary,practice` | all of the mode |
//! | `budget` | a same-origin URL of a budget file | the budget saved in the browser, else the reference |
//! | `budget-script` | the id of a `<script type="application/json">` holding a budget file | — |
//! | `origins` | comma list of origins allowed to use the `postMessage` API | none (API off) |
//! | `exercises` | comma list of exercise ids (practice mode) | all |

pub use crate::core::present::i18n::Lang;
use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Edit,
    ReadOnly,
    Practice,
}

impl Mode {
    /// Whether the budget may be changed by the user.
    pub fn editable(self) -> bool {
        self == Mode::Edit
    }
}

/// Where the first budget comes from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BudgetSource {
    /// Saved in this browser, else the embedded reference.
    #[default]
    Default,
    /// A budget file in a `<script type="application/json">` element with this id.
    Script(String),
    /// A budget file at this URL (checked to be same-origin before fetching).
    Url(String),
}

/// Tab ids, in display order.
pub const TABS: &[&str] = &[
    "lines",
    "income",
    "staffing",
    "tables",
    "narrative",
    "goals",
    "charts",
    "checks",
    "verify",
    "compare",
    "practice",
    "glossary",
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Lang,
    pub mode: Mode,
    /// Tabs to show (ids of [`TABS`]); `None`: every tab of the mode.
    pub tabs: Option<Vec<String>>,
    pub budget: BudgetSource,
    /// Origins (`https://host.example`) whose messages the app accepts.
    pub origins: Vec<String>,
    /// Exercise ids for practice mode; `None`: all.
    pub exercises: Option<Vec<String>>,
}

/// A configuration value that was refused (its default is used).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "配置 {}=“{}”无效：{}，已使用默认值",
            self.key, self.value, self.reason
        )
    }
}

/// An origin as browsers write it: scheme, host and optional port, nothing else.
fn is_origin(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && !rest.contains(['/', '?', '#', '@', ' '])
}

fn list(v: &str) -> Vec<String> {
    v.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Config {
    /// Applies `key=value` pairs in order (attributes first, then the query); unknown keys
    /// are ignored (a page may carry its own), bad values reported.
    ///
    /// ```
    /// use yusuan::core::config::{Config, Lang, Mode};
    /// let (c, problems) = Config::parse([("mode", "readonly"), ("lang", "zh-CN"), ("mode", "bogus")]);
    /// assert_eq!((c.mode, c.lang), (Mode::ReadOnly, Lang::Zh));
    /// assert_eq!(problems[0].to_string(), "配置 mode=“bogus”无效：应为 edit、readonly 或 practice，已使用默认值");
    /// ```
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Config, Vec<Problem>) {
        let mut c = Config::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            let v = value.trim();
            let mut bad = |reason: &str| {
                problems.push(Problem {
                    key: key.to_string(),
                    value: value.chars().take(200).collect(),
                    reason: reason.to_string(),
                })
            };
            match key {
                "lang" => match v.to_ascii_lowercase().as_str() {
                    "zh" | "zh-cn" | "zh_cn" | "cn" => c.lang = Lang::Zh,
                    "en" | "en-us" | "en-gb" | "english" => c.lang = Lang::En,
                    _ => bad("应为 zh 或 en"),
                },
                "mode" => match v.to_ascii_lowercase().as_str() {
                    "edit" | "编辑" => c.mode = Mode::Edit,
                    "readonly" | "read-only" | "只读" => c.mode = Mode::ReadOnly,
                    "practice" | "练习" => c.mode = Mode::Practice,
                    _ => bad("应为 edit、readonly 或 practice"),
                },
                "tabs" => {
                    let tabs = list(v);
                    let unknown: Vec<&String> = tabs
                        .iter()
                        .filter(|t| !TABS.contains(&t.as_str()))
                        .collect();
                    if tabs.is_empty() {
                        bad("至少要有一个标签页");
                    } else if !unknown.is_empty() {
                        bad(&format!(
                            "没有标签页 {}（可用：{}）",
                            unknown
                                .iter()
                                .map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(", "),
                            TABS.join(", ")
                        ));
                    } else {
                        c.tabs = Some(tabs);
                    }
                }
                "budget" => {
                    if v.is_empty() || v.len() > 2000 {
                        bad("应为预算文件的地址");
                    } else {
                        c.budget = BudgetSource::Url(v.to_string());
                    }
                }
                "budget-script" => {
                    if v.is_empty() || v.len() > 200 {
                        bad("应为页面中 <script type=\"application/json\"> 元素的 id");
                    } else {
                        c.budget = BudgetSource::Script(v.to_string());
                    }
                }
                "origins" => {
                    let origins = list(v);
                    match origins.iter().find(|o| !is_origin(o)) {
                        Some(o) => bad(&format!("“{o}”不是来源（应形如 https://host.example）")),
                        None => c.origins = origins,
                    }
                }
                "exercises" => {
                    let ids = list(v);
                    let unknown: Vec<&String> = ids
                        .iter()
                        .filter(|i| crate::core::practice::find(i).is_none())
                        .collect();
                    if ids.is_empty() || !unknown.is_empty() {
                        bad("含有不存在的练习编号");
                    } else {
                        c.exercises = Some(ids);
                    }
                }
                _ => {}
            }
        }
        (c, problems)
    }

    /// Whether a tab shows: chosen by `tabs`, else by the mode (练习 only in practice mode,
    /// 方案对比 only in edit mode; practice mode shows 练习, 明细 and 名词解释).
    pub fn shows(&self, tab: &str) -> bool {
        match &self.tabs {
            Some(t) => t.iter().any(|x| x == tab),
            // Practice shows the exercises, the lines to work from and the glossary: the
            // tables, narrative, charts and checks would show the answers.
            None => match self.mode {
                Mode::Practice => matches!(tab, "practice" | "lines" | "glossary"),
                // 基本支出测算 is a form of inputs: not on a read-only page.
                Mode::ReadOnly => !matches!(tab, "practice" | "compare" | "staffing"),
                Mode::Edit => tab != "practice",
            },
        }
    }
}

/// Whether `url`, resolved against the page, stays on the page's origin. `origin` is the
/// page's (`http://host:port`); relative URLs are same-origin.
///
/// ```
/// use yusuan::core::config::same_origin;
/// assert!(same_origin("./data/b.json", "http://a.example"));
/// assert!(same_origin("http://a.example/b.json", "http://a.example"));
/// assert!(!same_origin("https://cdn.example/b.json", "http://a.example"));
/// assert!(!same_origin("//cdn.example/b.json", "http://a.example"));
/// assert!(!same_origin("data:application/json,{}", "http://a.example"));
/// ```
pub fn same_origin(url: &str, origin: &str) -> bool {
    let u = url.trim();
    if u.starts_with("//") || u.starts_with('\\') {
        return false;
    }
    match u.split_once(':') {
        // A scheme (before any '/', '?' or '#'): must be the page's own origin.
        Some((scheme, _))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            u == origin || u.starts_with(&format!("{origin}/"))
        }
        _ => true,
    }
}
