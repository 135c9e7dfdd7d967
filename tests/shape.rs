//! The code's shape, checked on every test run (ARCHITECTURE.md explains the rules):
//!
//! - no import cycle among the modules of `src/` (a module's `use` lines and the
//!   `crate::`/`super::`/`self::` paths in its code make its edges; test modules are left
//!   out, since they are not part of the program);
//! - the core's groups import only from the groups before them
//!   (domain → figures → present → formats, drafting → practice → config);
//! - the core has no browser import (yew, web-sys, wasm-bindgen, gloo, js-sys);
//! - functions stay short: at most 120 lines in the core, and in the view at most 150
//!   lines outside `html!` markup.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file of the library, its module path (`crate::core::figures::report`) and its
/// code with comments and test modules removed, one entry per line.
struct Module {
    path: String,
    file: PathBuf,
    code: Vec<String>,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `src/core/figures/report.rs` → `crate::core::figures::report`; binaries are not part
/// of the library's module tree.
fn module_path(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.first().map(String::as_str) == Some("bin") || parts == ["main"] {
        return None;
    }
    let mut m = vec!["crate".to_string()];
    for (i, p) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        if last && (p == "mod" || p == "lib") {
            break;
        }
        m.push(p.clone());
    }
    Some(m.join("::"))
}

/// Code lines without comment lines and without `#[cfg(test)]` items.
fn code_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut skip_depth: Option<i64> = None;
    let mut pending_test = false;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(d) = skip_depth.as_mut() {
            *d += braces(line);
            if *d <= 0 {
                skip_depth = None;
            }
            out.push(String::new());
            continue;
        }
        if t.starts_with("#[cfg(test)]") {
            pending_test = true;
            out.push(String::new());
            continue;
        }
        if pending_test && !t.starts_with("#[") {
            pending_test = false;
            let d = braces(line);
            if d > 0 {
                skip_depth = Some(d);
            }
            out.push(String::new());
            continue;
        }
        if t.starts_with("//") {
            out.push(String::new());
            continue;
        }
        out.push(line.to_string());
    }
    out
}

/// Opening minus closing braces on a line, outside string and char literals.
fn braces(line: &str) -> i64 {
    let mut d = 0;
    let mut in_str = false;
    let mut chars = line.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if in_str {
            if c == '\\' {
                chars.next();
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
        } else if c == '\'' && chars.peek().is_some_and(|n| *n == '{' || *n == '}') {
            // a char literal '{' or '}'
            chars.next();
        } else if c == '/' && prev == '/' {
            break;
        } else if c == '{' {
            d += 1;
        } else if c == '}' {
            d -= 1;
        }
        prev = c;
    }
    d
}

fn library() -> Vec<Module> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files
        .into_iter()
        .filter_map(|f| {
            let path = module_path(&src, &f)?;
            let text = std::fs::read_to_string(&f).unwrap();
            Some(Module {
                path,
                code: code_lines(&text),
                file: f,
            })
        })
        .collect()
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let (Some(open), Some(close)) = (tree.find('{'), tree.rfind('}')) else {
        return vec![tree];
    };
    if close < open {
        return vec![tree];
    }
    let prefix = &tree[..open];
    let inner = &tree[open + 1..close];
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|i| !i.is_empty())
        .flat_map(|i| expand(&format!("{prefix}{i}")))
        .collect()
}

/// Every path a module's code names, made absolute (`crate::…`).
fn referenced_paths(m: &Module, is_dir_module: bool) -> Vec<String> {
    let code = m.code.join("\n");
    let mut raw: Vec<String> = Vec::new();
    // `use` statements (a line starting with `use`), with their brace trees.
    let mut stmt: Option<String> = None;
    for line in &m.code {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub(crate) ")
            .or_else(|| t.strip_prefix("pub(super) "))
            .or_else(|| t.strip_prefix("pub "))
            .unwrap_or(t);
        if stmt.is_none() {
            if let Some(rest) = t.strip_prefix("use ") {
                stmt = Some(String::new());
                if let Some(s) = stmt.as_mut() {
                    s.push_str(rest);
                }
            }
        } else if let Some(s) = stmt.as_mut() {
            s.push_str(t);
        }
        if let Some(s) = stmt.as_ref() {
            if let Some(end) = s.find(';') {
                raw.extend(expand(&s[..end]));
                stmt = None;
            }
        }
    }
    // Paths written inline.
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let at_word = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if at_word {
            let s: String = bytes[i..bytes.len().min(i + 8)].iter().collect();
            if s.starts_with("crate::") || s.starts_with("super::") || s.starts_with("self::") {
                let mut j = i;
                while j < bytes.len()
                    && (bytes[j].is_alphanumeric() || bytes[j] == '_' || bytes[j] == ':')
                {
                    j += 1;
                }
                raw.push(bytes[i..j].iter().collect());
                i = j;
                continue;
            }
        }
        i += 1;
    }
    let own: Vec<&str> = m.path.split("::").collect();
    // Child modules declared here (`mod grid;`) are named without a prefix.
    let children: Vec<String> = m
        .code
        .iter()
        .filter_map(|l| {
            let t = l.trim_start();
            let t = t.strip_prefix("pub ").unwrap_or(t);
            let name = t.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.trim().to_string())
        })
        .collect();
    for (i, _) in code.match_indices("::") {
        let word: String = code[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let start = i - word.len();
        let prev = code[..start].chars().last();
        if children.contains(&word)
            && prev.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != ':')
        {
            raw.push(format!("self::{word}"));
        }
    }
    raw.into_iter()
        .filter_map(|p| {
            let p = p.trim_start_matches("::").to_string();
            let segs: Vec<&str> = p.split("::").filter(|s| !s.is_empty()).collect();
            let first = *segs.first()?;
            if children.iter().any(|c| c == first) {
                return Some(format!("{}::{}", m.path, segs.join("::")));
            }
            // A file's `super` is its parent module; a `mod.rs` file is its directory's
            // module, so its `super` is one level up too.
            let _ = is_dir_module;
            let mut base: Vec<&str> = match first {
                "crate" => vec!["crate"],
                "self" => own.clone(),
                "super" => own[..own.len().saturating_sub(1)].to_vec(),
                _ => return None,
            };
            let mut k = 1;
            while segs.get(k) == Some(&"super") {
                base.pop();
                k += 1;
            }
            base.extend(segs[k..].iter());
            Some(base.join("::"))
        })
        .collect()
}

/// The module a path points into: the longest module path that prefixes it.
fn target<'a>(path: &str, modules: &'a BTreeSet<String>) -> Option<&'a String> {
    modules
        .iter()
        .filter(|m| path == m.as_str() || path.starts_with(&format!("{m}::")))
        .max_by_key(|m| m.len())
}

fn graph() -> (BTreeMap<String, BTreeSet<String>>, Vec<Module>) {
    let lib = library();
    let names: BTreeSet<String> = lib.iter().map(|m| m.path.clone()).collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for m in &lib {
        let dir = m.file.file_name().is_some_and(|f| f == "mod.rs");
        let set = edges.entry(m.path.clone()).or_default();
        for p in referenced_paths(m, dir) {
            if let Some(t) = target(&p, &names) {
                // `crate` itself (lib.rs) only declares modules.
                if *t != m.path && t != "crate" {
                    set.insert(t.clone());
                }
            }
        }
    }
    (edges, lib)
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        let edges = t.edges;
        for w in edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(lw));
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low[v];
                t.low.insert(v, lv.min(iw));
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn no_import_cycle() {
    let (edges, _) = graph();
    let found = cycles(&edges);
    let described: Vec<String> = found
        .iter()
        .map(|c| {
            let inner: Vec<String> = c
                .iter()
                .flat_map(|a| {
                    edges[a]
                        .iter()
                        .filter(|b| c.contains(b))
                        .map(move |b| format!("    {a} → {b}"))
                })
                .collect();
            format!("  {}\n{}", c.join(", "), inner.join("\n"))
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles among src/ modules:\n{}",
        described.join("\n")
    );
}

/// The rank of a core group: a module may import from groups of equal or lower rank.
fn rank(group: &str) -> Option<u8> {
    Some(match group {
        // `sort` is a utility that imports nothing of ours; every group may use it.
        "sort" | "domain" => 0,
        "figures" => 1,
        "present" => 2,
        "formats" | "drafting" | "verify" => 3,
        "practice" => 4,
        "config" => 5,
        _ => return None,
    })
}

fn core_group(path: &str) -> Option<&str> {
    path.strip_prefix("crate::core::")
        .map(|r| r.split("::").next().unwrap_or(r))
}

#[test]
fn core_groups_import_only_earlier_groups() {
    let (edges, _) = graph();
    let mut bad = Vec::new();
    for (from, tos) in &edges {
        let Some(gf) = core_group(from) else { continue };
        let rf = rank(gf).unwrap_or_else(|| panic!("{from}: a core group without a rank"));
        for to in tos {
            if to.starts_with("crate::ui") || to.starts_with("crate::worker") {
                bad.push(format!("{from} → {to} (the core never imports the view)"));
                continue;
            }
            let Some(gt) = core_group(to) else { continue };
            if rank(gt).is_some_and(|rt| rt > rf) {
                bad.push(format!("{from} → {to}"));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "imports against the layering:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_core_has_no_browser_import() {
    let mut bad = Vec::new();
    for m in library()
        .iter()
        .filter(|m| m.path.starts_with("crate::core"))
    {
        for (i, line) in m.code.iter().enumerate() {
            for web in ["yew", "web_sys", "wasm_bindgen", "gloo", "js_sys"] {
                let hit = line.match_indices(web).any(|(at, _)| {
                    let before = line[..at].chars().last();
                    let after = line[at + web.len()..].chars().next();
                    before.is_none_or(|c| !c.is_alphanumeric() && c != '_')
                        && after.is_some_and(|c| c == ':')
                });
                if hit {
                    bad.push(format!("{}:{}: {}", m.file.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "browser imports in the core:\n{}",
        bad.join("\n")
    );
}

/// (name, first line, lines in all, lines inside `html!`) of each function in `code`.
fn functions(code: &[String]) -> Vec<(String, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let t = code[i].trim_start();
        let t = t
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ")
            .trim_start_matches("const ")
            .trim_start_matches("async ");
        let Some(rest) = t.strip_prefix("fn ") else {
            i += 1;
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let mut depth = 0i64;
        let mut started = false;
        let mut html_depth: Option<i64> = None;
        let mut html_lines = 0;
        let mut j = i;
        while j < code.len() {
            let line = &code[j];
            let before = depth;
            if html_depth.is_none() && started && line.contains("html!") {
                html_depth = Some(before);
            }
            if html_depth.is_some() {
                html_lines += 1;
            }
            depth += braces(line);
            if line.contains('{') {
                started = true;
            }
            if html_depth.is_some_and(|h| depth <= h) {
                html_depth = None;
            }
            if started && depth <= 0 {
                break;
            }
            if !started && line.trim_end().ends_with(';') {
                break;
            }
            j += 1;
        }
        if started {
            out.push((name, i + 1, j - i + 1, html_lines));
        }
        i += 1;
    }
    out
}

#[test]
fn functions_stay_short() {
    let mut long = Vec::new();
    for m in library() {
        let (limit, markup_free) = if m.path.starts_with("crate::core") {
            (120, false)
        } else if m.path.starts_with("crate::ui") {
            (150, true)
        } else {
            (150, false)
        };
        // Nested functions are measured on their own and inside their parent.
        for (name, line, len, html) in functions(&m.code) {
            let counted = if markup_free { len - html } else { len };
            if counted > limit {
                long.push(format!(
                    "{}:{line} fn {name}: {counted} lines (limit {limit})",
                    m.file.display()
                ));
            }
        }
    }
    assert!(long.is_empty(), "functions too long:\n{}", long.join("\n"));
}
