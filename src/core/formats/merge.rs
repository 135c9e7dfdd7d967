//! Three-way merge of saved workspaces: what keeps every edit when the app is open in
//! several tabs of one browser (docs/MULTI-TAB.md).
//!
//! Each tab remembers the stored file it last read or wrote (the *base*). When another
//! tab has stored something newer (*theirs*), this tab's workspace (*mine*) is merged with
//! it field by field on the file format's JSON: a value changed on one side only takes
//! that side's value; lists of things with an id (lines, sources, units, income entries)
//! are merged entry by entry, so an edit of one line and an edit of another both stay.
//! Where both sides changed the same value differently, or the merged budget breaks a
//! rule, the scenario is a *conflict*: both whole versions are kept, one under the name
//! and one as `name（另一版本）`. Nothing is lost.
//!
//! The merge is symmetric (which version keeps the name does not depend on which tab
//! merges), so two tabs that merge each other's concurrent saves reach the same result.
//! The base is found through the saved texts' ancestry ([`stamp`], [`base_for`]): a stored
//! text carries the hashes of the texts it was merged onto, so a tab can tell a later
//! version of what it has from a sibling written at the same time.

use crate::core::domain::model::Budget;
use crate::core::domain::workspace::{Workspace, MAX_NAME, MAX_SCENARIOS};
use crate::core::formats::file::{self, FileError};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// The suffix of the copy that keeps the second version of a conflicting scenario.
pub const COPY_SUFFIX: &str = "（另一版本）";
/// How many ancestors a stored text lists.
const ANCESTRY: usize = 32;

/// The merged workspace and what could not be merged.
#[derive(Clone, Debug)]
pub struct Merged {
    /// Named budgets in order and the index of the one shown.
    pub parts: Vec<(String, Budget)>,
    pub current: usize,
    /// Names of the scenarios changed in both tabs at the same place: one version keeps
    /// the name, the other is kept as `name（另一版本）`.
    pub conflicts: Vec<String>,
}

/// Merges this tab's workspace with what another tab stored, both descended from `base`
/// (the stored text this tab last read or wrote; empty when there was none).
pub fn merge(base: &str, mine: &Workspace, theirs: &str) -> Result<Merged, FileError> {
    let their_ws = file::read_stored(theirs)?;
    // An unreadable base (never the case for text this app wrote) merges as no base:
    // every difference is then a conflict and both versions are kept.
    let base_ws = file::read_stored(base).ok();
    let by_name = |ws: &Workspace| -> Vec<(String, Value)> {
        ws.scenarios()
            .iter()
            .map(|s| (s.name.clone(), to_value(&s.budget)))
            .collect()
    };
    let base_s: HashMap<String, Value> = base_ws
        .as_ref()
        .map(by_name)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let (mut first, mut second) = (by_name(mine), by_name(&their_ws));
    // The same order whichever tab merges: the workspace with the larger text leads.
    if texts(&first) > texts(&second) {
        std::mem::swap(&mut first, &mut second);
    }
    let mut out = Merged {
        parts: Vec::new(),
        current: 0,
        conflicts: Vec::new(),
    };
    let first_map: HashMap<&str, &Value> = first.iter().map(|(n, v)| (n.as_str(), v)).collect();
    let second_map: HashMap<&str, &Value> = second.iter().map(|(n, v)| (n.as_str(), v)).collect();
    let names = second.iter().map(|(n, _)| n.as_str()).chain(
        first
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| !second_map.contains_key(n)),
    );
    for name in names {
        merge_scenario(
            name,
            base_s.get(name),
            first_map.get(name).copied(),
            second_map.get(name).copied(),
            &mut out,
        );
    }
    out.parts.truncate(MAX_SCENARIOS);
    let shown = &mine.current().name;
    out.current = out.parts.iter().position(|(n, _)| n == shown).unwrap_or(0);
    Ok(out)
}

/// The text of scenarios, to order two versions the same way in every tab.
fn texts(list: &[(String, Value)]) -> String {
    list.iter().map(|(n, v)| format!("{n}{v}")).collect()
}

/// A budget as a JSON value. Through text, not `serde_json::to_value`/`from_value`: those
/// would compile the budget's whole (de)serialisation a second time into the page's wasm
/// (about 100 KB); merges are rare, the detour costs only time.
fn to_value(b: &Budget) -> Value {
    serde_json::to_string(b)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null)
}

/// A budget from a merged value, under every rule a file is read with.
fn to_budget(v: Value) -> Option<Budget> {
    let mut b: Budget = serde_json::from_str(&v.to_string()).ok()?;
    b.admit().ok()?;
    Some(b)
}

/// One scenario of the result (or none, when it was deleted and not changed elsewhere).
/// The version whose text is larger wins a conflict, so every tab merges alike.
fn merge_scenario(
    name: &str,
    base: Option<&Value>,
    a: Option<&Value>,
    b: Option<&Value>,
    out: &mut Merged,
) {
    let text = |v: Option<&Value>| v.map(Value::to_string);
    let (x, y) = if text(a) > text(b) { (b, a) } else { (a, b) };
    let mut conflict = false;
    let Some(merged) = merge_value(base, x, y, &mut conflict) else {
        return;
    };
    match to_budget(merged) {
        Some(budget) if !conflict => out.parts.push((name.to_string(), budget)),
        _ => {
            // Both whole versions: the winner under the name, the other beside it.
            let kept = [y, x].map(|v| v.cloned().and_then(to_budget));
            let [winner, other] = kept;
            match (winner, other) {
                (Some(w), Some(o)) => {
                    out.parts.push((name.to_string(), w));
                    out.parts.push((copy_name(name), o));
                    out.conflicts.push(name.to_string());
                }
                (Some(one), None) | (None, Some(one)) => out.parts.push((name.to_string(), one)),
                (None, None) => {}
            }
        }
    }
}

fn copy_name(name: &str) -> String {
    let keep = MAX_NAME - COPY_SUFFIX.chars().count();
    let base: String = name.chars().take(keep).collect();
    format!("{base}{COPY_SUFFIX}")
}

/// Three-way merge of one value (`None`: absent). Sets `conflict` where both sides
/// changed it differently; the result then takes their side.
pub fn merge_value(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    conflict: &mut bool,
) -> Option<Value> {
    if mine == theirs || theirs == base {
        return mine.cloned();
    }
    if mine == base {
        return theirs.cloned();
    }
    match (mine, theirs) {
        (Some(Value::Object(m)), Some(Value::Object(t))) => {
            let b = match base {
                Some(Value::Object(b)) => Some(b),
                _ => None,
            };
            Some(Value::Object(merge_objects(b, m, t, conflict)))
        }
        (Some(Value::Array(m)), Some(Value::Array(t))) => {
            let b = match base {
                Some(Value::Array(b)) => b.as_slice(),
                _ => &[],
            };
            match merge_keyed(b, m, t, conflict) {
                Some(v) => Some(Value::Array(v)),
                None => {
                    *conflict = true;
                    theirs.cloned()
                }
            }
        }
        _ => {
            *conflict = true;
            theirs.cloned()
        }
    }
}

fn merge_objects(
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    conflict: &mut bool,
) -> Map<String, Value> {
    let mut out = Map::new();
    let keys = theirs
        .keys()
        .chain(mine.keys().filter(|k| !theirs.contains_key(*k)));
    for k in keys {
        let b = base.and_then(|b| b.get(k));
        if let Some(v) = merge_value(b, mine.get(k), theirs.get(k), conflict) {
            out.insert(k.clone(), v);
        }
    }
    out
}

/// The key of a list entry: its `id`, or for income its `source` and `unit`.
fn key_of(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    if let Some(id) = o.get("id") {
        return Some(format!("id:{id}"));
    }
    let source = o.get("source")?;
    Some(format!(
        "src:{source}/{}",
        o.get("unit").unwrap_or(&Value::Null)
    ))
}

/// Keys of a list, when every entry has one and none repeats.
fn keys(list: &[Value]) -> Option<Vec<String>> {
    let keys: Vec<String> = list.iter().map(key_of).collect::<Option<_>>()?;
    let unique: HashSet<&String> = keys.iter().collect();
    (unique.len() == keys.len()).then_some(keys)
}

/// Merges lists of entries with keys, entry by entry: their order, with entries this tab
/// added placed after the entry they follow here. `None` when a list has no keys.
fn merge_keyed(
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
    conflict: &mut bool,
) -> Option<Vec<Value>> {
    let (bk, mk, tk) = (keys(base)?, keys(mine)?, keys(theirs)?);
    let b: HashMap<&str, &Value> = bk.iter().map(String::as_str).zip(base).collect();
    let m: HashMap<&str, &Value> = mk.iter().map(String::as_str).zip(mine).collect();
    let t: HashMap<&str, &Value> = tk.iter().map(String::as_str).zip(theirs).collect();
    // Entries only this tab has and has added (not deleted by theirs), grouped by the
    // entry before them here (`None`: at the start).
    let mut added: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut anchor: Option<&str> = None;
    for k in mk.iter().map(String::as_str) {
        if t.contains_key(k) {
            anchor = Some(k);
        } else {
            // Added here, or deleted by theirs (merged below: kept if changed here).
            added.entry(anchor).or_default().push(k);
        }
    }
    let mut order: Vec<&str> = added.remove(&None).unwrap_or_default();
    for k in tk.iter().map(String::as_str) {
        order.push(k);
        if let Some(after) = added.remove(&Some(k)) {
            order.extend(after);
        }
    }
    let mut out = Vec::with_capacity(order.len());
    let mut fresh = next_number(mine).max(next_number(theirs));
    for k in order {
        let (bv, mv, tv) = (b.get(k).copied(), m.get(k).copied(), t.get(k).copied());
        if let (None, Some(mv), Some(tv)) = (bv, mv, tv) {
            // Both tabs added an entry under the same new number (a line each): both are
            // kept, this tab's under the next free number.
            if mv != tv && mv.get("id").is_some_and(Value::is_u64) {
                out.push(tv.clone());
                let mut mv = mv.clone();
                mv["id"] = Value::from(fresh);
                fresh += 1;
                out.push(mv);
                continue;
            }
        }
        out.extend(merge_value(bv, mv, tv, conflict));
    }
    Some(out)
}

/// One more than the largest numeric `id` in a list.
fn next_number(list: &[Value]) -> u64 {
    list.iter()
        .filter_map(|v| v.get("id").and_then(Value::as_u64))
        .max()
        .unwrap_or(0)
        + 1
}

/// A stable 64-bit hash of a stored text (FxHash: fast, not for security; two different
/// texts of one browser's storage colliding is not a practical concern).
pub fn hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(text.as_bytes());
    h.finish()
}

#[derive(serde::Deserialize)]
struct Ancestry {
    #[serde(default)]
    ancestors: Vec<String>,
}

/// The hashes of the texts a stored text was merged onto, newest first.
pub fn ancestors(stored: &str) -> Vec<u64> {
    let a: Ancestry = serde_json::from_str(stored).unwrap_or(Ancestry {
        ancestors: Vec::new(),
    });
    a.ancestors
        .iter()
        .filter_map(|h| u64::from_str_radix(h, 16).ok())
        .collect()
}

/// The text to store: a file (`file::write`) with the ancestry of `parent` (the stored text
/// it was merged onto), in an `"ancestors"` field that file readers ignore.
pub fn stamp(file_text: &str, parent: Option<&str>) -> String {
    let Some(parent) = parent else {
        return file_text.to_string();
    };
    let list: Vec<String> = std::iter::once(hash(parent))
        .chain(ancestors(parent))
        .take(ANCESTRY)
        .map(|h| format!("{h:x}"))
        .collect();
    let field = serde_json::to_string(&list).unwrap_or_else(|_| "[]".into());
    match file_text.strip_prefix('{') {
        Some(rest) => format!("{{\"ancestors\":{field},{rest}"),
        None => file_text.to_string(),
    }
}

/// The base for merging `theirs` into a tab that last had `synced` and, before its last
/// save, `previous` (the text that save was merged onto): the one `theirs` descends from,
/// or `""` (no base: every difference is kept in both versions) when neither.
pub fn base_for<'a>(theirs: &str, synced: Option<&'a str>, previous: Option<&'a str>) -> &'a str {
    let line = ancestors(theirs);
    [synced, previous]
        .into_iter()
        .flatten()
        .find(|t| line.contains(&hash(t)))
        .unwrap_or("")
}

/// A stored workspace as records (IndexedDB keeps one per scenario): `meta` (the order
/// of the scenarios, the one shown, the ancestry), each scenario's budget as compact JSON,
/// and the whole text those records stand for — exactly what [`stamp`] makes of
/// `file::write`, so merging and ancestry work the same on either storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Records {
    pub meta: String,
    pub scenarios: Vec<(String, std::rc::Rc<str>)>,
    pub text: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Meta {
    current: usize,
    names: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ancestors: Option<Vec<String>>,
}

/// The records of a workspace saved onto `parent` (the stored text it was merged onto).
pub fn records(ws: &Workspace, parent: Option<&str>) -> Records {
    records_with(ws, parent, |_, b| {
        serde_json::to_string(b).unwrap_or_default().into()
    })
}

/// [`records`] with each budget's JSON from `body` (given the scenario's position; it may
/// reuse what it wrote for an unchanged budget last time: a save of 50 scenarios of 10,000
/// lines then serialises only the scenario that changed).
pub fn records_with(
    ws: &Workspace,
    parent: Option<&str>,
    body: impl Fn(usize, &Budget) -> std::rc::Rc<str>,
) -> Records {
    let ancestors = parent.map(|p| {
        std::iter::once(hash(p))
            .chain(ancestors(p))
            .take(ANCESTRY)
            .map(|h| format!("{h:x}"))
            .collect::<Vec<_>>()
    });
    let scenarios: Vec<(String, std::rc::Rc<str>)> = ws
        .scenarios()
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.clone(), body(i, &s.budget)))
        .collect();
    let meta = Meta {
        current: ws.current_index(),
        names: scenarios.iter().map(|(n, _)| n.clone()).collect(),
        ancestors,
    };
    let meta = serde_json::to_string(&meta).unwrap_or_default();
    let text = assemble(&meta, &scenarios).unwrap_or_default();
    Records {
        meta,
        scenarios,
        text,
    }
}

/// The whole stored text from records (`None` when they do not fit together: a scenario
/// named in `meta` has no record, or `meta` is damaged).
pub fn assemble<B: AsRef<str>>(meta: &str, scenarios: &[(String, B)]) -> Option<String> {
    let meta: Meta = serde_json::from_str(meta).ok()?;
    let body: HashMap<&str, &str> = scenarios
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_ref()))
        .collect();
    let size = body.values().map(|b| b.len() + 64).sum::<usize>() + meta.names.len() * 64;
    let mut out = String::with_capacity(size);
    out.push('{');
    if let Some(a) = &meta.ancestors {
        out.push_str(&format!(
            "\"ancestors\":{},",
            serde_json::to_string(a).ok()?
        ));
    }
    out.push_str(&format!(
        "\"format\":\"{}\",\"version\":{},\"current\":{},\"scenarios\":[",
        file::FORMAT,
        file::VERSION,
        meta.current
    ));
    for (i, name) in meta.names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let b = body.get(name.as_str())?;
        out.push_str(&format!(
            "{{\"name\":{},\"budget\":{b}}}",
            serde_json::to_string(name).ok()?
        ));
    }
    out.push_str("]}");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_merge_by_side() {
        let mut c = false;
        let b = json!({"a": 1, "b": 2});
        let m = json!({"a": 5, "b": 2});
        let t = json!({"a": 1, "b": 7});
        assert_eq!(
            merge_value(Some(&b), Some(&m), Some(&t), &mut c),
            Some(json!({"b": 7, "a": 5}))
        );
        assert!(!c);
        let t2 = json!({"a": 6, "b": 2});
        assert_eq!(
            merge_value(Some(&b), Some(&m), Some(&t2), &mut c),
            Some(json!({"a": 6, "b": 2}))
        );
        assert!(c, "both changed a: conflict, theirs kept");
    }

    #[test]
    fn lists_merge_by_id_and_keep_added_entries_in_place() {
        let mut c = false;
        let b = json!([{"id": 1, "v": 1}, {"id": 2, "v": 2}, {"id": 3, "v": 3}]);
        // Mine: edits 1, adds 4 after 1, deletes 3.
        let m = json!([{"id": 1, "v": 10}, {"id": 4, "v": 4}, {"id": 2, "v": 2}]);
        // Theirs: edits 2, adds 5 at the end.
        let t =
            json!([{"id": 1, "v": 1}, {"id": 2, "v": 20}, {"id": 3, "v": 3}, {"id": 5, "v": 5}]);
        let got = merge_value(Some(&b), Some(&m), Some(&t), &mut c).unwrap();
        assert_eq!(
            got,
            json!([{"id": 1, "v": 10}, {"id": 4, "v": 4}, {"id": 2, "v": 20}, {"id": 5, "v": 5}])
        );
        assert!(!c);
    }

    #[test]
    fn records_stand_for_the_stamped_file() {
        let mut ws = Workspace::new("方案一", crate::core::formats::reference::budget());
        let copy = ws
            .prepare("方案“二”", crate::core::formats::reference::budget())
            .unwrap();
        let cmd = ws.insert_after_current(copy);
        ws.apply_recorded(cmd).unwrap();
        let parent = file::write(&ws, false);
        for p in [None, Some(parent.as_str())] {
            let r = records(&ws, p);
            assert_eq!(r.text, stamp(&file::write(&ws, false), p));
            assert_eq!(
                assemble(&r.meta, &r.scenarios).as_deref(),
                Some(r.text.as_str())
            );
        }
        let r = records(&ws, None);
        assert_eq!(
            assemble(&r.meta, &r.scenarios[..1]),
            None,
            "a record missing"
        );
    }

    #[test]
    fn an_entry_deleted_here_and_changed_there_is_kept() {
        let mut c = false;
        let b = json!([{"id": 1, "v": 1}, {"id": 2, "v": 2}]);
        let m = json!([{"id": 1, "v": 1}]);
        let t = json!([{"id": 1, "v": 1}, {"id": 2, "v": 9}]);
        let got = merge_value(Some(&b), Some(&m), Some(&t), &mut c).unwrap();
        assert_eq!(got, t);
        assert!(c);
    }
}
