//! Classification codes: 支出功能分类 (类/款/项) and the two economic classifications
//! (部门预算支出经济分类 and 政府预算支出经济分类), with the built-in name tables.
//!
//! Parse, don't validate: a [`FunctionCode`] that exists has 3, 5 or 7 digits and knows
//! its level and parents. Codes are the key everywhere; names are looked up.

use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

/// Why a code is not a valid classification code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Empty text.
    Empty,
    /// Not all ASCII digits.
    NotDigits(String),
    /// Starts with 0 (no classification code does; as a number it would lose the zero).
    LeadingZero(String),
    /// Wrong number of digits for this classification.
    BadLength {
        code: String,
        expected: &'static str,
    },
    /// A 功能分类 code whose 类 is not one of the national list (typed, pasted or imported;
    /// a file holding one still opens, with a finding). `hint` says what was likely meant.
    UnknownLei { code: String, hint: String },
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeError::Empty => write!(f, "科目编码不能为空"),
            CodeError::NotDigits(c) => write!(f, "科目编码“{c}”只能由数字组成"),
            CodeError::LeadingZero(c) => write!(f, "科目编码“{c}”不能以0开头"),
            CodeError::BadLength { code, expected } => {
                write!(f, "科目编码“{code}”位数不对，应为{expected}")
            }
            CodeError::UnknownLei { code, hint } => {
                write!(
                    f,
                    "没有以“{}”开头的支出功能分类（类）：{hint}",
                    &code[..3.min(code.len())]
                )
            }
        }
    }
}

impl std::error::Error for CodeError {}

/// Level of a functional code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 类: 3 digits.
    Lei,
    /// 款: 5 digits.
    Kuan,
    /// 项: 7 digits.
    Xiang,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Lei => "类",
            Level::Kuan => "款",
            Level::Xiang => "项",
        }
    }
}

fn digits(s: &str) -> Result<&str, CodeError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(CodeError::Empty);
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CodeError::NotDigits(s.to_string()));
    }
    if s.starts_with('0') {
        return Err(CodeError::LeadingZero(s.to_string()));
    }
    Ok(s)
}

/// A 支出功能分类科目 code: 类 (3 digits), 款 (5) or 项 (7). Stored as a number for cheap
/// comparison and hashing; ordering by code string equals ordering by (len, value) within a
/// level, and prefixes are the parents.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FunctionCode {
    value: u32,
    level: Level,
}

impl FunctionCode {
    /// ```
    /// use yusuan::core::domain::codes::{FunctionCode, Level};
    /// let c = FunctionCode::parse("2010306").unwrap();
    /// assert_eq!(c.level(), Level::Xiang);
    /// assert_eq!(c.parent().unwrap().to_string(), "20103");
    /// assert!(FunctionCode::parse("20103x").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<FunctionCode, CodeError> {
        let s = digits(s)?;
        let level = match s.len() {
            3 => Level::Lei,
            5 => Level::Kuan,
            7 => Level::Xiang,
            _ => {
                return Err(CodeError::BadLength {
                    code: s.to_string(),
                    expected: "3位（类）、5位（款）或7位（项）",
                })
            }
        };
        let value = s.parse().map_err(|_| CodeError::NotDigits(s.to_string()))?;
        Ok(FunctionCode { value, level })
    }

    /// A code as a user types, pastes or imports it: [`FunctionCode::parse`] plus the rule
    /// that its 类 is one of the national list ([`LEI`]); a refusal says what was likely
    /// meant (an economic code typed in the wrong column, a 类 one digit off).
    ///
    /// ```
    /// use yusuan::core::domain::codes::FunctionCode;
    /// assert!(FunctionCode::parse_typed("2010301").is_ok());
    /// let e = FunctionCode::parse_typed("30101").unwrap_err().to_string();
    /// assert!(e.contains("经济分类科目“基本工资”"), "{e}");
    /// let e = FunctionCode::parse_typed("2990101").unwrap_err().to_string();
    /// assert!(e.contains("“229 其他支出”"), "{e}");
    /// ```
    pub fn parse_typed(s: &str) -> Result<FunctionCode, CodeError> {
        let c = FunctionCode::parse(s)?;
        if c.lei_is_national() {
            return Ok(c);
        }
        let code = c.to_string();
        Err(CodeError::UnknownLei {
            hint: unknown_lei_hint(&code),
            code,
        })
    }

    /// Whether the code's 类 is one of the national list.
    pub fn lei_is_national(self) -> bool {
        let lei = self.lei().value;
        LEI.iter().any(|(c, _)| c.parse::<u32>().ok() == Some(lei))
    }

    pub fn level(self) -> Level {
        self.level
    }

    /// The code one level up; `None` for a 类.
    pub fn parent(self) -> Option<FunctionCode> {
        match self.level {
            Level::Lei => None,
            Level::Kuan => Some(FunctionCode {
                value: self.value / 100,
                level: Level::Lei,
            }),
            Level::Xiang => Some(FunctionCode {
                value: self.value / 100,
                level: Level::Kuan,
            }),
        }
    }

    /// The 类 this code belongs to.
    pub fn lei(self) -> FunctionCode {
        match self.level {
            Level::Lei => self,
            Level::Kuan => FunctionCode {
                value: self.value / 100,
                level: Level::Lei,
            },
            Level::Xiang => FunctionCode {
                value: self.value / 10_000,
                level: Level::Lei,
            },
        }
    }

    /// This code and its parents, 类 first.
    pub fn lineage(self) -> Vec<FunctionCode> {
        let mut v = vec![self];
        let mut c = self;
        while let Some(p) = c.parent() {
            v.push(p);
            c = p;
        }
        v.reverse();
        v
    }

    /// Whether `self` is `other` or one of its parents.
    pub fn contains(self, other: FunctionCode) -> bool {
        other.lineage().contains(&self)
    }

    /// Sort key that puts a parent right before its children (code text order).
    pub fn sort_key(self) -> u32 {
        match self.level {
            Level::Lei => self.value * 10_000,
            Level::Kuan => self.value * 100,
            Level::Xiang => self.value,
        }
    }

    /// Built-in name, if the code is in the national table shipped with the app.
    pub fn builtin_name(self) -> Option<&'static str> {
        // Table codes never start with 0, so the number and the digit count identify them.
        static INDEX: OnceLock<HashMap<(u32, usize), &'static str>> = OnceLock::new();
        let index = INDEX.get_or_init(|| {
            LEI.iter()
                .chain(FUNCTION_NAMES)
                .filter_map(|(c, n)| code_value(c).map(|v| ((v, c.len()), *n)))
                .collect()
        });
        index.get(&(self.value, self.to_width())).copied()
    }

    fn to_width(self) -> usize {
        match self.level {
            Level::Lei => 3,
            Level::Kuan => 5,
            Level::Xiang => 7,
        }
    }
}

impl fmt::Display for FunctionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value, width = self.to_width())
    }
}

/// Economic code → (name, standard 政府 code), built once from the tables.
fn econ_index() -> &'static HashMap<u32, (&'static str, Option<EconCode>)> {
    static INDEX: OnceLock<HashMap<u32, (&'static str, Option<EconCode>)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let dept = DEPT_ECON
            .iter()
            .filter_map(|(c, n, g)| Some((code_value(c)?, (*n, code_value(g).map(EconCode)))));
        let gov = GOV_ECON
            .iter()
            .filter_map(|(c, n)| Some((code_value(c)?, (*n, None))));
        dept.chain(gov).collect()
    })
}

/// The number of an all-digit code from a built-in table (`const fn`-free and cheap).
fn code_value(c: &str) -> Option<u32> {
    c.bytes().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

impl fmt::Debug for FunctionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FunctionCode({self})")
    }
}

/// An economic classification code: 类 (3 digits) or 款 (5 digits). Used for both the
/// 部门预算 (3xx) and the 政府预算 (5xx) classification.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EconCode(u32);

impl EconCode {
    /// ```
    /// use yusuan::core::domain::codes::EconCode;
    /// let c = EconCode::parse("30217").unwrap();
    /// assert_eq!(c.class().to_string(), "302");
    /// assert_eq!(c.name(), Some("公务接待费"));
    /// ```
    pub fn parse(s: &str) -> Result<EconCode, CodeError> {
        let s = digits(s)?;
        if s.len() != 3 && s.len() != 5 {
            return Err(CodeError::BadLength {
                code: s.to_string(),
                expected: "3位（类）或5位（款）",
            });
        }
        s.parse()
            .map(EconCode)
            .map_err(|_| CodeError::NotDigits(s.to_string()))
    }

    pub fn is_class(self) -> bool {
        self.0 < 1000
    }

    /// The 类 (first three digits).
    pub fn class(self) -> EconCode {
        if self.is_class() {
            self
        } else {
            EconCode(self.0 / 100)
        }
    }

    /// Whether this is a 部门预算 code (3xx) as opposed to a 政府预算 code (5xx).
    pub fn is_department(self) -> bool {
        (300..400).contains(&self.class().0)
    }

    pub fn name(self) -> Option<&'static str> {
        econ_index().get(&self.0).map(|(n, _)| *n)
    }

    /// The standard 政府预算支出经济分类 code for a 部门预算 code of a 行政单位 (and 参公).
    pub fn standard_gov(self) -> Option<EconCode> {
        econ_index().get(&self.0).and_then(|(_, g)| *g)
    }

    /// The standard 政府预算支出经济分类 code for a 部门预算 code spent by a 预算单位 that
    /// is (`institution`) or is not a 事业单位, as the national 对照表 pairs them: a
    /// 事业单位's 工资福利支出 (301) and 商品和服务支出 (302) are 对事业单位经常性补助 —
    /// 50501 and 50502 — and its 资本性支出 (310) is 对事业单位资本性补助 50601 (资本性支出
    /// （一）); what it pays to persons (303 → 509), interest (307 → 511), to enterprises
    /// (312 → 507) and 其他支出 (399 → 599) map as for a 机关. A 类 maps to the 类 of its
    /// 款's code.
    ///
    /// ```
    /// use yusuan::core::domain::codes::EconCode;
    /// let c = |s: &str| EconCode::parse(s).unwrap();
    /// assert_eq!(c("30101").standard_gov_for(true), Some(c("50501")));
    /// assert_eq!(c("30201").standard_gov_for(true), Some(c("50502")));
    /// assert_eq!(c("30302").standard_gov_for(true), Some(c("50905")));
    /// assert_eq!(c("31002").standard_gov_for(true), Some(c("50601")));
    /// assert_eq!(c("30101").standard_gov_for(false), Some(c("50101")));
    /// assert_eq!(c("302").standard_gov_for(true), Some(c("505")));
    /// ```
    pub fn standard_gov_for(self, institution: bool) -> Option<EconCode> {
        let standard = self.standard_gov()?;
        if !institution {
            return Some(standard);
        }
        let institution_code = match self.class().0 {
            301 => 50501,
            302 => 50502,
            310 => 50601,
            _ => return Some(standard),
        };
        Some(if self.is_class() {
            EconCode(institution_code / 100)
        } else {
            EconCode(institution_code)
        })
    }

    /// Whether a 政府预算 code belongs to the classes of a 机关 (501–504) or of a 事业单位
    /// (505, 506): a typed override of the other side contradicts the line's unit.
    pub fn gov_side(self) -> Option<bool> {
        match self.class().0 {
            501..=504 => Some(false),
            505 | 506 => Some(true),
            _ => None,
        }
    }

    /// 人员经费 classes: 301 工资福利支出 and 303 对个人和家庭的补助.
    pub fn is_personnel(self) -> bool {
        matches!(self.class().0, 301 | 303)
    }

    /// Sort key that puts a 类 right before its 款.
    pub fn sort_key(self) -> u32 {
        if self.is_class() {
            self.0 * 100
        } else {
            self.0
        }
    }
}

impl fmt::Display for EconCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Debug for EconCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EconCode({self})")
    }
}

macro_rules! code_serde {
    ($t:ty) => {
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_string())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                <$t>::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
code_serde!(FunctionCode);
code_serde!(EconCode);

/// The special economic codes of 三公经费.
pub mod sangong {
    /// 因公出国（境）费
    pub const ABROAD: &str = "30212";
    /// 公务接待费
    pub const RECEPTION: &str = "30217";
    /// 公务用车购置费
    pub const CAR_PURCHASE: &str = "31013";
    /// 公务用车运行维护费
    pub const CAR_OPERATION: &str = "30231";
}

/// The 30 类 of 支出功能分类, in the order and with the numbering of the reference's
/// 收支总表 (一、一般公共服务支出 … 三十、抗疫特别国债安排的支出).
pub const LEI: [(&str, &str); 30] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
];

/// What a functional code with an unknown 类 was likely meant to be: an economic code in
/// the wrong column (3xx/5xx), or a national 类 one digit off (a digit changed or two
/// neighbours swapped).
fn unknown_lei_hint(code: &str) -> String {
    if let Ok(e) = EconCode::parse(code) {
        if let Some(name) = e.name() {
            return format!(
                "“{code}”是经济分类科目“{name}”，请填在经济科目中；功能分类科目以2开头"
            );
        }
    }
    if code.starts_with(['3', '5']) {
        return "看起来是经济分类科目；功能分类科目以2开头（如2010301）".into();
    }
    let lei: Vec<char> = code.chars().take(3).collect();
    let near: Vec<String> = LEI
        .iter()
        .filter(|(c, _)| {
            let c: Vec<char> = c.chars().collect();
            let differ: Vec<usize> = (0..3).filter(|&i| c[i] != lei[i]).collect();
            differ.len() == 1
                || (differ.len() == 2
                    && differ[1] == differ[0] + 1
                    && c[differ[0]] == lei[differ[1]]
                    && c[differ[1]] == lei[differ[0]])
        })
        .map(|(c, n)| format!("“{c} {n}”"))
        .collect();
    match near.len() {
        0 => "类的编码为201至234，请核对".into(),
        // Joined by “ / ”, not “、”: the English interface shows the message too.
        _ => format!("是否应为{}？", near.join(" / ")),
    }
}

/// Chinese ordinal numerals 一 … 三十 for the numbered rows of the summary tables.
pub fn chinese_ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => DIGITS[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

/// 款 and 项 names: every code of the reference, every code printed in the two published
/// documents of `shared/documents/` (上海市财政局 2025, 普陀区万里街道 2023: their tables and
/// “类（类）款（款）项（项）” sentences), plus the common ones of 一般公共服务, 社会保障和就业,
/// 卫生健康, 城乡社区 and 住房保障 that unit budgets use. Only names read in a published
/// source are here (a wrong built-in name is worse than none): the budget's own names
/// (`code_names`, 导入科目表) cover the rest. docs/REFERENCE-DATA.md lists the sources.
pub const FUNCTION_NAMES: &[(&str, &str)] = &[
    ("20101", "人大事务"),
    ("20102", "政协事务"),
    ("20103", "政府办公厅（室）及相关机构事务"),
    ("2010301", "行政运行"),
    ("2010302", "一般行政管理事务"),
    ("2010303", "机关服务"),
    ("2010304", "专项服务"),
    ("2010305", "专项业务及机关事务管理"),
    ("2010306", "政务公开审批"),
    ("2010308", "信访事务"),
    ("2010309", "参事事务"),
    ("2010350", "事业运行"),
    ("2010399", "其他政府办公厅（室）及相关机构事务支出"),
    ("20104", "发展与改革事务"),
    ("20105", "统计信息事务"),
    ("2010506", "统计管理"),
    ("2010507", "专项普查活动"),
    ("20106", "财政事务"),
    ("2010601", "行政运行"),
    ("2010602", "一般行政管理事务"),
    ("2010604", "预算改革业务"),
    ("2010605", "财政国库业务"),
    ("20107", "税收事务"),
    ("20108", "审计事务"),
    ("20111", "纪检监察事务"),
    ("20113", "商贸事务"),
    ("20129", "群众团体事务"),
    ("2012902", "一般行政管理事务"),
    ("20131", "党委办公厅（室）及相关机构事务"),
    ("20132", "组织事务"),
    ("2013202", "一般行政管理事务"),
    ("20133", "宣传事务"),
    ("2013302", "一般行政管理事务"),
    ("20134", "统战事务"),
    ("2013402", "一般行政管理事务"),
    ("20138", "市场监督管理事务"),
    ("2013802", "一般行政管理事务"),
    ("20199", "其他一般公共服务支出"),
    ("20406", "司法"),
    ("2040607", "公共法律服务"),
    ("20499", "其他公共安全支出"),
    ("2049999", "其他公共安全支出"),
    ("20607", "科学技术普及"),
    ("2060702", "科普活动"),
    ("20703", "体育"),
    ("2070308", "群众体育"),
    ("20802", "民政管理事务"),
    ("2080206", "社会组织管理"),
    ("20805", "行政事业单位养老支出"),
    ("2080501", "行政单位离退休"),
    ("2080502", "事业单位离退休"),
    ("2080503", "离退休人员管理机构"),
    ("2080505", "机关事业单位基本养老保险缴费支出"),
    ("2080506", "机关事业单位职业年金缴费支出"),
    ("2080599", "其他行政事业单位养老支出"),
    ("20807", "就业补助"),
    ("2080705", "公益性岗位补贴"),
    ("20808", "抚恤"),
    ("2080801", "死亡抚恤"),
    ("20810", "社会福利"),
    ("20816", "红十字事业"),
    ("2081602", "一般行政管理事务"),
    ("20825", "其他生活救助"),
    ("2082501", "其他城市生活救助"),
    ("20899", "其他社会保障和就业支出"),
    ("2089999", "其他社会保障和就业支出"),
    ("21007", "计划生育事务"),
    ("2100717", "计划生育服务"),
    ("2100799", "其他计划生育事务支出"),
    ("21011", "行政事业单位医疗"),
    ("2101101", "行政单位医疗"),
    ("2101102", "事业单位医疗"),
    ("2101103", "公务员医疗补助"),
    ("2101199", "其他行政事业单位医疗支出"),
    ("21099", "其他卫生健康支出"),
    ("2109999", "其他卫生健康支出"),
    ("21201", "城乡社区管理事务"),
    ("2120101", "行政运行"),
    ("2120102", "一般行政管理事务"),
    ("2120104", "城管执法"),
    ("2120199", "其他城乡社区管理事务支出"),
    ("21203", "城乡社区公共设施"),
    ("2120399", "其他城乡社区公共设施支出"),
    ("21205", "城乡社区环境卫生"),
    ("2120501", "城乡社区环境卫生"),
    ("21299", "其他城乡社区支出"),
    ("2129999", "其他城乡社区支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("2210202", "提租补贴"),
    ("2210203", "购房补贴"),
    ("22103", "城乡社区住宅"),
    ("2210399", "其他城乡社区住宅支出"),
];

/// 部门预算支出经济分类 (类 and 款) with the standard 政府预算支出经济分类 款 each maps to
/// for a 行政单位. A line may override the mapping (e.g. a 事业单位's 绩效工资 → 50501).
pub const DEPT_ECON: &[(&str, &str, &str)] = &[
    ("301", "工资福利支出", "501"),
    ("30101", "基本工资", "50101"),
    ("30102", "津贴补贴", "50101"),
    ("30103", "奖金", "50101"),
    ("30106", "伙食补助费", "50101"),
    ("30107", "绩效工资", "50101"),
    ("30108", "机关事业单位基本养老保险缴费", "50102"),
    ("30109", "职业年金缴费", "50102"),
    ("30110", "职工基本医疗保险缴费", "50102"),
    ("30111", "公务员医疗补助缴费", "50102"),
    ("30112", "其他社会保障缴费", "50102"),
    ("30113", "住房公积金", "50103"),
    ("30114", "医疗费", "50199"),
    ("30199", "其他工资福利支出", "50199"),
    ("302", "商品和服务支出", "502"),
    ("30201", "办公费", "50201"),
    ("30202", "印刷费", "50201"),
    ("30203", "咨询费", "50201"),
    ("30204", "手续费", "50201"),
    ("30205", "水费", "50201"),
    ("30206", "电费", "50201"),
    ("30207", "邮电费", "50201"),
    ("30208", "取暖费", "50201"),
    ("30209", "物业管理费", "50201"),
    ("30211", "差旅费", "50201"),
    ("30212", "因公出国（境）费用", "50207"),
    ("30213", "维修（护）费", "50209"),
    ("30214", "租赁费", "50201"),
    ("30215", "会议费", "50202"),
    ("30216", "培训费", "50203"),
    ("30217", "公务接待费", "50206"),
    ("30218", "专用材料费", "50204"),
    ("30224", "被装购置费", "50204"),
    ("30225", "专用燃料费", "50204"),
    ("30226", "劳务费", "50201"),
    ("30227", "委托业务费", "50205"),
    ("30228", "工会经费", "50201"),
    ("30229", "福利费", "50201"),
    ("30231", "公务用车运行维护费", "50208"),
    ("30239", "其他交通费用", "50201"),
    ("30240", "税金及附加费用", "50299"),
    ("30299", "其他商品和服务支出", "50299"),
    ("303", "对个人和家庭的补助", "509"),
    ("30301", "离休费", "50905"),
    ("30302", "退休费", "50905"),
    ("30303", "退职（役）费", "50905"),
    ("30304", "抚恤金", "50901"),
    ("30305", "生活补助", "50901"),
    ("30306", "救济费", "50901"),
    ("30307", "医疗费补助", "50901"),
    ("30308", "助学金", "50902"),
    ("30309", "奖励金", "50901"),
    ("30310", "个人农业生产补贴", "50903"),
    ("30399", "其他对个人和家庭的补助", "50999"),
    ("307", "债务利息及费用支出", "511"),
    ("30701", "国内债务付息", "51101"),
    ("30702", "国外债务付息", "51102"),
    ("310", "资本性支出", "503"),
    ("31001", "房屋建筑物购建", "50301"),
    ("31002", "办公设备购置", "50306"),
    ("31003", "专用设备购置", "50306"),
    ("31005", "基础设施建设", "50302"),
    ("31006", "大型修缮", "50307"),
    ("31007", "信息网络及软件购置更新", "50306"),
    ("31008", "物资储备", "50399"),
    ("31013", "公务用车购置", "50303"),
    ("31019", "其他交通工具购置", "50306"),
    ("31021", "文物和陈列品购置", "50399"),
    ("31022", "无形资产购置", "50399"),
    ("31099", "其他资本性支出", "50399"),
    ("312", "对企业补助", "507"),
    ("31204", "费用补贴", "50701"),
    ("31299", "其他对企业补助", "50799"),
    ("399", "其他支出", "599"),
    ("39999", "其他支出", "59999"),
];

/// 政府预算支出经济分类 (类 and 款).
pub const GOV_ECON: &[(&str, &str)] = &[
    ("501", "机关工资福利支出"),
    ("50101", "工资奖金津补贴"),
    ("50102", "社会保障缴费"),
    ("50103", "住房公积金"),
    ("50199", "其他工资福利支出"),
    ("502", "机关商品和服务支出"),
    ("50201", "办公经费"),
    ("50202", "会议费"),
    ("50203", "培训费"),
    ("50204", "专用材料购置费"),
    ("50205", "委托业务费"),
    ("50206", "公务接待费"),
    ("50207", "因公出国（境）费用"),
    ("50208", "公务用车运行维护费"),
    ("50209", "维修（护）费"),
    ("50299", "其他商品和服务支出"),
    ("503", "机关资本性支出（一）"),
    ("50301", "房屋建筑物购建"),
    ("50302", "基础设施建设"),
    ("50303", "公务用车购置"),
    ("50305", "土地征迁补偿和安置支出"),
    ("50306", "设备购置"),
    ("50307", "大型修缮"),
    ("50399", "其他资本性支出"),
    ("504", "机关资本性支出（二）"),
    ("505", "对事业单位经常性补助"),
    ("50501", "工资福利支出"),
    ("50502", "商品和服务支出"),
    ("50599", "其他对事业单位补助"),
    ("506", "对事业单位资本性补助"),
    ("50601", "资本性支出（一）"),
    ("50602", "资本性支出（二）"),
    ("507", "对企业补助"),
    ("50701", "费用补贴"),
    ("50799", "其他对企业补助"),
    ("508", "对企业资本性支出"),
    ("509", "对个人和家庭的补助"),
    ("50901", "社会福利和救助"),
    ("50902", "助学金"),
    ("50903", "个人农业生产补贴"),
    ("50905", "离退休费"),
    ("50999", "其他对个人和家庭补助"),
    ("510", "对社会保障基金补助"),
    ("511", "债务利息及费用支出"),
    ("51101", "国内债务付息"),
    ("51102", "国外债务付息"),
    ("512", "债务还本支出"),
    ("513", "转移性支出"),
    ("514", "预备费及预留"),
    ("599", "其他支出"),
    ("59999", "其他支出"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_code_levels_and_parents() {
        let c = FunctionCode::parse("2101103").unwrap();
        assert_eq!(c.lei().to_string(), "210");
        let lineage: Vec<String> = c.lineage().iter().map(|c| c.to_string()).collect();
        assert_eq!(lineage, ["210", "21011", "2101103"]);
        assert!(FunctionCode::parse("210").unwrap().contains(c));
        assert!(!FunctionCode::parse("208").unwrap().contains(c));
        assert_eq!(c.builtin_name(), Some("公务员医疗补助"));
        assert_eq!(c.lei().builtin_name(), Some("卫生健康支出"));
    }

    #[test]
    fn function_code_errors() {
        assert_eq!(FunctionCode::parse(""), Err(CodeError::Empty));
        assert_eq!(
            FunctionCode::parse("2a1"),
            Err(CodeError::NotDigits("2a1".into()))
        );
        assert!(matches!(
            FunctionCode::parse("2010"),
            Err(CodeError::BadLength { .. })
        ));
        assert!(matches!(
            FunctionCode::parse("20103060000"),
            Err(CodeError::BadLength { .. })
        ));
    }

    #[test]
    fn sort_puts_parents_first() {
        let mut v: Vec<FunctionCode> = ["2010399", "201", "20103", "2010306", "208"]
            .iter()
            .map(|s| FunctionCode::parse(s).unwrap())
            .collect();
        crate::core::sort::sort_by_key(&mut v, |c| c.sort_key());
        let s: Vec<String> = v.iter().map(|c| c.to_string()).collect();
        assert_eq!(s, ["201", "20103", "2010306", "2010399", "208"]);
    }

    #[test]
    fn econ_mapping() {
        let c = EconCode::parse("30107").unwrap();
        assert!(c.is_department());
        assert_eq!(c.standard_gov().unwrap().to_string(), "50101");
        assert_eq!(EconCode::parse("50905").unwrap().name(), Some("离退休费"));
        // Every 部门 code maps to a 政府 code that exists in the table.
        for (code, _, gov) in DEPT_ECON {
            let g = EconCode::parse(gov).unwrap();
            assert!(g.name().is_some(), "{code} maps to unknown {gov}");
        }
    }

    #[test]
    fn ordinals() {
        assert_eq!(chinese_ordinal(1), "一");
        assert_eq!(chinese_ordinal(10), "十");
        assert_eq!(chinese_ordinal(21), "二十一");
        assert_eq!(chinese_ordinal(30), "三十");
    }
}
