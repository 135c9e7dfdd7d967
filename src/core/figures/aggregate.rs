//! One pass over the lines into sums by functional code, economic code and project, rolled
//! up the 类/款/项 tree. Every table and figure reads these sums; [`Selector`] says which
//! lines make up a figure, so an explanation lists exactly the lines that were summed.

use crate::core::domain::codes::{EconCode, FunctionCode};
use crate::core::domain::model::{Budget, Income, IncomeSum, Kind, Line, LineId, SourceKind};
use crate::core::domain::money::Money;
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// Which amount of a line: 当年预算安排, 上年结转安排, or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Current,
    Carry,
    Both,
}

impl Part {
    /// This part of an income entry.
    pub fn of_income(self, i: &Income) -> Money {
        match self {
            Part::Current => i.current,
            Part::Carry => i.carry_over,
            Part::Both => i.current + i.carry_over,
        }
    }

    /// This part of a source's summed income.
    pub fn of_sum(self, i: &IncomeSum) -> Money {
        match self {
            Part::Current => i.current,
            Part::Carry => i.carry_over,
            Part::Both => i.current + i.carry_over,
        }
    }

    pub fn of(self, line: &Line) -> Money {
        match self {
            Part::Current => line.current,
            Part::Carry => line.carry_over,
            Part::Both => line.current + line.carry_over,
        }
    }
}

/// Which fund sources a figure counts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SourceSel {
    All,
    /// 财政拨款 (一般公共预算 + 政府性基金预算 + 国有资本经营预算 + other fiscal).
    Fiscal,
    Kind(SourceKind),
    /// One source by id (shared: tables clone selectors for every cell).
    Id(Rc<str>),
}

impl SourceSel {
    pub fn id(id: &str) -> SourceSel {
        SourceSel::Id(id.into())
    }

    /// Whether a source of this kind and id is selected.
    pub fn test(&self, kind: SourceKind, id: &str) -> bool {
        match self {
            SourceSel::All => true,
            SourceSel::Fiscal => kind.is_fiscal(),
            SourceSel::Kind(k) => *k == kind,
            SourceSel::Id(s) => **s == *id,
        }
    }
}

/// A set of lines and the amount taken from each: the definition of a derived figure.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Selector {
    pub kind: Option<Kind>,
    pub part: Part,
    pub sources: SourceSel,
    /// The line's code is this code or one of its children.
    pub function: Option<FunctionCode>,
    /// The line's 部门 economic code is one of these (a 类 code takes its whole class);
    /// empty: any line.
    pub econ: Vec<EconCode>,
    /// The line's 政府 economic code (override or standard mapping) equals this.
    pub gov_econ: Option<EconCode>,
    /// Shared, since a table clones its selector for every cell of a project row.
    pub project: Option<Rc<str>>,
    /// `Some(true)`: 人员经费 only; `Some(false)`: 公用经费 only.
    pub personnel: Option<bool>,
    /// Only lines without a functional code.
    pub unclassified: bool,
    /// Only lines with an economic code.
    pub econ_required: bool,
    /// Only lines of units whose 公用经费 are 机关运行经费 (行政单位, 参公事业单位).
    pub office_units: bool,
    /// Only lines of this 预算单位 (id).
    pub unit: Option<Rc<str>>,
}

impl Selector {
    /// Every line, the given part.
    pub fn all(part: Part) -> Selector {
        Selector {
            kind: None,
            part,
            sources: SourceSel::All,
            function: None,
            econ: Vec::new(),
            gov_econ: None,
            project: None,
            personnel: None,
            unclassified: false,
            econ_required: false,
            office_units: false,
            unit: None,
        }
    }

    pub fn kind(mut self, k: Kind) -> Self {
        self.kind = Some(k);
        self
    }
    pub fn kind_opt(mut self, k: Option<Kind>) -> Self {
        self.kind = k;
        self
    }
    pub fn sources(mut self, s: SourceSel) -> Self {
        self.sources = s;
        self
    }
    pub fn function(mut self, c: FunctionCode) -> Self {
        self.function = Some(c);
        self
    }
    pub fn econ(mut self, codes: &[EconCode]) -> Self {
        self.econ = codes.to_vec();
        self
    }
    pub fn gov_econ(mut self, c: Option<EconCode>) -> Self {
        self.gov_econ = c;
        self
    }
    pub fn project(mut self, name: Rc<str>) -> Self {
        self.project = Some(name);
        self
    }
    pub fn with_econ(mut self) -> Self {
        self.econ_required = true;
        self
    }
    pub fn personnel(mut self, p: bool) -> Self {
        self.personnel = Some(p);
        self
    }
    /// 机关运行经费: 基本支出 公用经费 of 行政单位 and 参公事业单位, current year.
    pub fn office_running(sources: SourceSel) -> Self {
        let mut s = Selector::all(Part::Current)
            .kind(Kind::Basic)
            .sources(sources)
            .personnel(false);
        s.office_units = true;
        s
    }
    pub fn unit(mut self, id: &str) -> Self {
        self.unit = Some(id.into());
        self
    }

    /// Whether `line` belongs to this figure.
    pub fn matches(&self, budget: &Budget, line: &Line) -> bool {
        if self.kind.is_some_and(|k| k != line.kind) {
            return false;
        }
        if self.sources != SourceSel::All {
            let Some(src) = budget.source(&line.source) else {
                return false;
            };
            if !self.sources.test(src.kind, &src.id) {
                return false;
            }
        }
        if self.unclassified && line.function.is_some() {
            return false;
        }
        if let Some(f) = self.function {
            match line.function {
                Some(c) if f.contains(c) => {}
                _ => return false,
            }
        }
        if !self.econ.is_empty() {
            let Some(c) = line.economic else {
                return false;
            };
            if !self
                .econ
                .iter()
                .any(|&e| c == e || (e.is_class() && c.class() == e))
            {
                return false;
            }
        }
        if let Some(g) = self.gov_econ {
            if budget.gov_economic(line) != Some(g) {
                return false;
            }
        }
        if let Some(p) = &self.project {
            if line.project != **p {
                return false;
            }
        }
        if (self.econ_required || self.personnel.is_some()) && line.economic.is_none() {
            return false;
        }
        if let Some(p) = self.personnel {
            if line.is_personnel() != p {
                return false;
            }
        }
        if self.office_units && !budget.counts_office_running(line) {
            return false;
        }
        if let Some(u) = &self.unit {
            if budget.line_unit(line) != Some(&**u) {
                return false;
            }
        }
        true
    }

    /// The lines of this figure with the amount each contributes.
    pub fn lines<'a>(&'a self, budget: &'a Budget) -> impl Iterator<Item = (&'a Line, Money)> {
        budget
            .lines
            .iter()
            .filter(move |l| self.matches(budget, l))
            .map(move |l| (l, self.part.of(l)))
    }

    /// The figure, summed straight from the lines (slow path; tables use [`Aggregate`]).
    pub fn sum(&self, budget: &Budget) -> Money {
        self.lines(budget).map(|(_, m)| m).sum()
    }
}

/// Amounts of one node (a code, a project, a total) by kind × part × source: a handle to
/// a block of the aggregate's one store, so building thousands of nodes allocates once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    off: usize,
}

/// The growing store of node blocks while the aggregate is built.
struct Store {
    n: usize,
    v: Vec<Money>,
}

impl Store {
    fn node(&mut self) -> Node {
        let off = self.v.len();
        self.v.resize(off + 4 * self.n, Money::ZERO);
        Node { off }
    }

    fn add_line(&mut self, node: Node, line: &Line, src: usize) {
        let k = match line.kind {
            Kind::Basic => 0,
            Kind::Project => 1,
        };
        self.v[node.off + (k * 2) * self.n + src] += line.current;
        self.v[node.off + (k * 2 + 1) * self.n + src] += line.carry_over;
    }

    /// Every 类/款/项 with a line below it, summed from the codes lines carry, and the codes
    /// in table order (parents before children).
    fn roll_up_functions(
        &mut self,
        own: &HashMap<FunctionCode, Node>,
    ) -> (HashMap<FunctionCode, Node>, Vec<FunctionCode>) {
        let mut by_function: HashMap<FunctionCode, Node> = HashMap::default();
        for (code, node) in own {
            for c in code.lineage() {
                let to = *by_function.entry(c).or_insert_with(|| self.node());
                self.add_node(to, *node);
            }
        }
        let mut order: Vec<FunctionCode> = by_function.keys().copied().collect();
        crate::core::sort::sort_by_key(&mut order, |c| c.sort_key());
        (by_function, order)
    }

    fn add_node(&mut self, to: Node, from: Node) {
        for i in 0..4 * self.n {
            let x = self.v[from.off + i];
            self.v[to.off + i] += x;
        }
    }
}

/// The 预算单位 a line's 机关运行经费 is counted under in table 11: its unit (the first
/// unit when it names none), or `""` in a budget without units.
pub fn office_key<'a>(budget: &'a Budget, line: &'a Line) -> &'a str {
    if budget.units.is_empty() {
        ""
    } else {
        budget.line_unit(line).unwrap_or_default()
    }
}

/// Whether a line has a negative amount.
pub fn is_negative(line: &Line) -> bool {
    line.current.is_negative() || line.carry_over.is_negative()
}

/// Lines (indices into `Budget::lines`) that checks report whatever their amounts.
#[derive(Clone, Debug, Default)]
pub struct LineKinds {
    /// Without a functional code.
    pub no_function: Vec<usize>,
    /// 基本支出 without an economic code.
    pub basic_no_econ: Vec<usize>,
    /// 项目支出 without a project name.
    pub project_no_name: Vec<usize>,
    /// With a typed 政府经济科目 (an override of the standard mapping). A change of the
    /// override that moves the line to another 政府 code rebuilds the sums, and this list.
    pub gov_override: Vec<usize>,
}

impl LineKinds {
    fn of(budget: &Budget) -> LineKinds {
        let mut k = LineKinds::default();
        for (i, l) in budget.lines.iter().enumerate() {
            if l.function.is_none() {
                k.no_function.push(i);
            }
            if l.gov_economic.is_some() {
                k.gov_override.push(i);
            }
            match l.kind {
                Kind::Basic if l.economic.is_none() => k.basic_no_econ.push(i),
                Kind::Project if l.project.trim().is_empty() => k.project_no_name.push(i),
                _ => {}
            }
        }
        k
    }
}

/// The sums of lines with an economic code while the aggregate is built.
struct EconSums<'a> {
    by_econ: HashMap<(EconCode, Option<EconCode>), Node>,
    office_running: Node,
    office_by_unit: HashMap<String, Node>,
    split_by_lei: HashMap<(Option<FunctionCode>, bool), Node>,
    office_units: crate::core::domain::model::OfficeUnits<'a>,
    budget: &'a Budget,
}

impl EconSums<'_> {
    fn add(&mut self, st: &mut Store, line: &Line, e: EconCode, src: usize) {
        let node = *self
            .by_econ
            .entry((e, self.office_units.gov_economic(line)))
            .or_insert_with(|| st.node());
        st.add_line(node, line, src);
        let lei = line.function.map(|f| f.lei());
        let node = *self
            .split_by_lei
            .entry((lei, e.is_personnel()))
            .or_insert_with(|| st.node());
        st.add_line(node, line, src);
        if !e.is_personnel() && self.office_units.counts(line) {
            st.add_line(self.office_running, line, src);
            let key = office_key(self.budget, line);
            let node = match self.office_by_unit.get(key) {
                Some(n) => *n,
                None => {
                    let n = st.node();
                    self.office_by_unit.insert(key.to_string(), n);
                    n
                }
            };
            st.add_line(node, line, src);
        }
    }
}

/// The projects' sums while the aggregate is built: first-appearance order, by name.
#[derive(Default)]
struct ProjectSums {
    list: Vec<(Rc<str>, Node)>,
    kind: Vec<bool>,
    index: HashMap<Rc<str>, usize>,
}

impl ProjectSums {
    fn add(&mut self, st: &mut Store, line: &Line, src: usize) {
        let i = match self.index.get(line.project.as_str()) {
            Some(&i) => i,
            None => {
                let name: Rc<str> = line.project.as_str().into();
                self.index.insert(name.clone(), self.list.len());
                self.list.push((name, st.node()));
                self.kind.push(false);
                self.list.len() - 1
            }
        };
        st.add_line(self.list[i].1, line, src);
        self.kind[i] |= line.kind == Kind::Project;
    }
}

/// Sums of a budget's lines, built in one pass.
#[derive(Clone, Debug)]
pub struct Aggregate {
    n: usize,
    store: Vec<Money>,
    pub source_kinds: Vec<SourceKind>,
    pub source_ids: Vec<String>,
    /// Everything.
    pub total: Node,
    /// By functional code, rolled up: every 类/款/项 that has a line below it.
    pub by_function: HashMap<FunctionCode, Node>,
    /// Functional codes in table order (parents before children).
    pub function_order: Vec<FunctionCode>,
    /// Lines without a functional code.
    pub unclassified: Node,
    /// By (部门 economic 款 or 类 code as typed, 政府 code): lines with an economic code.
    pub by_econ: HashMap<(EconCode, Option<EconCode>), Node>,
    /// Rolled up to the 部门 economic 类.
    pub by_econ_class: HashMap<EconCode, Node>,
    /// 人员经费 and 公用经费 (lines with an economic code; 公用 = the rest).
    pub personnel: Node,
    pub public_use: Node,
    /// Lines of 基本支出 without an economic code.
    pub basic_without_econ: Node,
    /// 公用经费 (economic code, not 人员经费) of units whose 公用经费 are 机关运行经费.
    pub office_running: Node,
    /// `office_running` per 预算单位 id (the key `office_key` gives; `""` for a budget
    /// without units): table 11's unit rows.
    pub office_by_unit: HashMap<String, Node>,
    /// Lines with an economic code by (类 of their functional code, 人员经费 or not): the
    /// 人员经费/公用经费 split per 类 of the Shanghai format's 表1.
    pub split_by_lei: HashMap<(Option<FunctionCode>, bool), Node>,
    /// By project name, in first-appearance order (lines with a non-empty name).
    /// Shared names: each project row of tables 12/13 and its cells' selectors hold one.
    pub projects: Vec<(Rc<str>, Node)>,
    /// For each of `projects`: whether a 项目支出 line has its name (a 基本支出 line may
    /// carry a project name too; such a name is no project of its own).
    pub project_kind: Vec<bool>,
    /// Lines with an unknown fund source are counted nowhere but here.
    pub unknown_source: Vec<u32>,
    /// Pairs of lines with the same kind, codes, source and project (first, repeat), made
    /// by the `duplicate_line` check on first need and kept while edits change only
    /// amounts (the pairs do not depend on them): at 100,000 lines they cost more than all
    /// the other checks together.
    pub repeated: std::cell::OnceCell<Vec<(LineId, LineId)>>,
    /// Each source's lines (ids, in line order; `sources` order), made on first need by the
    /// checks that list them and kept while edits change only amounts.
    pub lines_by_source: std::cell::OnceCell<Vec<Vec<LineId>>>,
    /// Lines the checks report whatever their amounts (`LineKinds`), made on first need and
    /// reset when a kind or source changes.
    pub line_kinds: std::cell::OnceCell<LineKinds>,
    /// How many lines have a negative amount (kept up to date by `update_line`): none, and
    /// the check for them needs no pass over the lines.
    pub negative_lines: usize,
    /// The functional codes lines carry themselves (not their rolled-up parents).
    pub line_functions: Vec<FunctionCode>,
    /// How many lines carry a 上年执行数 (kept up to date by `update_line`).
    pub executed_lines: usize,
    /// `projects` by name.
    project_index: HashMap<Rc<str>, usize>,
}

impl Aggregate {
    /// ```
    /// use yusuan::core::figures::aggregate::{Aggregate, Part, SourceSel};
    /// let b = yusuan::core::formats::reference::budget();
    /// let a = Aggregate::build(&b);
    /// let total = a.get(&a.total, None, Part::Both, &SourceSel::All);
    /// assert_eq!(total.display(yusuan::core::domain::money::Unit::Wan), "3,826.55");
    /// ```
    pub fn build(budget: &Budget) -> Aggregate {
        let n = budget.sources.len();
        let mut st = Store {
            n,
            // Room for the fixed nodes, the codes and a project per four lines; more grows
            // the store. (Room for one project per line was 3 MB at 10,000 lines, fresh
            // pages from the system on every build, and slower than growing.)
            v: Vec::with_capacity(4 * n * (64 + budget.lines.len() / 4)),
        };
        let source_index: HashMap<&str, usize> = budget
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let total = st.node();
        let mut own: HashMap<FunctionCode, Node> = HashMap::default();
        let unclassified = st.node();
        let personnel = st.node();
        let public_use = st.node();
        let basic_without_econ = st.node();
        let mut econ = EconSums {
            by_econ: HashMap::default(),
            office_running: st.node(),
            office_by_unit: HashMap::default(),
            split_by_lei: HashMap::default(),
            office_units: budget.office_units(),
            budget,
        };
        let mut projects = ProjectSums::default();
        let mut executed_lines = 0;
        let mut negative_lines = 0;
        let mut unknown_source = Vec::new();

        for line in &budget.lines {
            executed_lines += usize::from(line.executed.is_some());
            negative_lines += usize::from(is_negative(line));
            let Some(&src) = source_index.get(line.source.as_str()) else {
                unknown_source.push(line.id);
                continue;
            };
            let fnode = match line.function {
                Some(code) => *own.entry(code).or_insert_with(|| st.node()),
                None => unclassified,
            };
            st.add_line(fnode, line, src);
            match line.economic {
                Some(e) => econ.add(&mut st, line, e, src),
                None if line.kind == Kind::Basic => st.add_line(basic_without_econ, line, src),
                None => {}
            }
            if !line.project.is_empty() {
                projects.add(&mut st, line, src);
            }
        }

        // Totals are sums of the few code nodes, not a second add per line.
        st.add_node(total, unclassified);
        for node in own.values() {
            st.add_node(total, *node);
        }
        for ((e, _), node) in &econ.by_econ {
            let split = if e.is_personnel() {
                personnel
            } else {
                public_use
            };
            st.add_node(split, *node);
        }

        let (by_function, function_order) = st.roll_up_functions(&own);

        let mut by_econ_class: HashMap<EconCode, Node> = HashMap::default();
        for ((e, _), node) in &econ.by_econ {
            let to = *by_econ_class.entry(e.class()).or_insert_with(|| st.node());
            st.add_node(to, *node);
        }

        Aggregate {
            n,
            store: st.v,
            source_kinds: budget.sources.iter().map(|s| s.kind).collect(),
            source_ids: budget.sources.iter().map(|s| s.id.clone()).collect(),
            total,
            by_function,
            function_order,
            unclassified,
            by_econ: econ.by_econ,
            by_econ_class,
            personnel,
            public_use,
            basic_without_econ,
            office_running: econ.office_running,
            office_by_unit: econ.office_by_unit,
            split_by_lei: econ.split_by_lei,
            projects: projects.list,
            project_kind: projects.kind,
            unknown_source,
            repeated: std::cell::OnceCell::new(),
            lines_by_source: std::cell::OnceCell::new(),
            line_functions: own.keys().copied().collect(),
            executed_lines,
            line_kinds: std::cell::OnceCell::new(),
            negative_lines,
            project_index: projects.index,
        }
    }

    /// A node's sum over the chosen kind(s), part(s) and sources.
    pub fn get(&self, node: &Node, kind: Option<Kind>, part: Part, sources: &SourceSel) -> Money {
        let kinds: &[usize] = match kind {
            None => &[0, 1],
            Some(Kind::Basic) => &[0],
            Some(Kind::Project) => &[1],
        };
        let parts: &[usize] = match part {
            Part::Current => &[0],
            Part::Carry => &[1],
            Part::Both => &[0, 1],
        };
        let block = &self.store[node.off..node.off + 4 * self.n];
        let mut total = Money::ZERO;
        // One source: only its cells (a figure per source over many sources would
        // otherwise add every source's cells for each).
        let range = match sources {
            SourceSel::Id(id) => match self.source_index(id) {
                Some(s) => s..s + 1,
                None => 0..0,
            },
            _ => 0..self.n,
        };
        for s in range {
            if !sources.test(self.source_kinds[s], &self.source_ids[s]) {
                continue;
            }
            for &k in kinds {
                for &p in parts {
                    total += block[(k * 2 + p) * self.n + s];
                }
            }
        }
        total
    }

    /// A node's amounts for each source (template order), over the chosen kind(s) and part(s).
    pub fn per_source(&self, node: &Node, kind: Option<Kind>, part: Part) -> Vec<Money> {
        let mut v = Vec::with_capacity(self.n);
        self.per_source_into(node, kind, part, &mut v);
        v
    }

    /// `per_source` appended to `out` (no allocation per node where a table reads
    /// thousands of nodes).
    pub fn per_source_into(
        &self,
        node: &Node,
        kind: Option<Kind>,
        part: Part,
        out: &mut Vec<Money>,
    ) {
        let blocks = [Kind::Basic, Kind::Project]
            .into_iter()
            .filter(|k| kind.is_none_or(|want| want == *k))
            .flat_map(|k| {
                [(0, part != Part::Carry), (1, part != Part::Current)]
                    .into_iter()
                    .filter(|(_, on)| *on)
                    .map(move |(p, _)| (k as usize * 2 + p) * self.n)
            });
        let start = out.len();
        out.resize(start + self.n, Money::ZERO);
        for b in blocks {
            let block = &self.store[node.off + b..node.off + b + self.n];
            for (o, m) in out[start..].iter_mut().zip(block) {
                *o += *m;
            }
        }
    }

    /// Updates the sums for one line changed in place from `old` to `new` (`budget` is the
    /// budget after the change): the line's amounts are taken out of every node on its
    /// paths (its 类/款/项 chain, economic code and class, 人员/公用经费, 机关运行经费,
    /// project, total) and the new ones put in. Only a change that keeps the line in the
    /// same nodes can be applied so — an amount, the kind or the fund source; `false` (and
    /// nothing changed) for any other, which needs [`Aggregate::build`].
    pub fn update_line(&mut self, budget: &Budget, old: &Line, new: &Line) -> bool {
        let same_nodes = old.function == new.function
            && old.economic == new.economic
            && budget.gov_economic(old) == budget.gov_economic(new)
            && old.project == new.project
            // Another kind may make the name a project or not (`project_kind`).
            && (old.kind == new.kind || old.project.is_empty())
            && old.unit == new.unit
            && self.source_kinds.len() == budget.sources.len();
        let (Some(so), Some(sn)) = (
            self.source_index(&old.source),
            self.source_index(&new.source),
        ) else {
            return false;
        };
        // The line stays in its unit (above), so its 政府 code is the new line's.
        let gov = budget.gov_economic(new);
        if !same_nodes || !self.paths_exist(old, gov) {
            return false;
        }
        let office = budget
            .counts_office_running(new)
            .then(|| office_key(budget, new));
        self.add_paths(old, so, gov, office, false);
        self.add_paths(new, sn, gov, office, true);
        if old.kind != new.kind || old.source != new.source {
            self.repeated = std::cell::OnceCell::new();
            self.lines_by_source = std::cell::OnceCell::new();
            self.line_kinds = std::cell::OnceCell::new();
        }
        self.negative_lines = (self.negative_lines + usize::from(is_negative(new)))
            .saturating_sub(usize::from(is_negative(old)));
        self.executed_lines = (self.executed_lines + usize::from(new.executed.is_some()))
            .saturating_sub(usize::from(old.executed.is_some()));
        true
    }

    /// The sums after an edit: `prev` (the sums before it) updated line by line when every
    /// change keeps its line in the same nodes, else built anew. `changed` holds each
    /// changed line before and after.
    pub fn after_edit(prev: Aggregate, budget: &Budget, changed: &[(Line, Line)]) -> Aggregate {
        let mut agg = prev;
        for (old, new) in changed {
            if !agg.update_line(budget, old, new) {
                return Aggregate::build(budget);
            }
        }
        agg
    }

    fn source_index(&self, id: &str) -> Option<usize> {
        self.source_ids.iter().position(|s| s == id)
    }

    /// Whether every node on a line's paths exists (they do for a line that was summed).
    fn paths_exist(&self, line: &Line, gov: Option<EconCode>) -> bool {
        let function = match line.function {
            Some(c) => c.lineage().iter().all(|c| self.by_function.contains_key(c)),
            None => true,
        };
        let econ = match line.economic {
            Some(e) => {
                self.by_econ.contains_key(&(e, gov))
                    && self
                        .split_by_lei
                        .contains_key(&(line.function.map(|f| f.lei()), e.is_personnel()))
                    && self.by_econ_class.contains_key(&e.class())
            }
            None => true,
        };
        let project = line.project.is_empty() || self.project_node(&line.project).is_some();
        function && econ && project
    }

    fn project_node(&self, name: &str) -> Option<Node> {
        self.project_index.get(name).map(|&i| self.projects[i].1)
    }

    /// The lines the checks report whatever their amounts, made once and kept across
    /// amount-only edits.
    pub fn line_kinds(&self, budget: &Budget) -> &LineKinds {
        self.line_kinds.get_or_init(|| LineKinds::of(budget))
    }

    /// The ids of each source's lines (`sources` order), made once and kept across
    /// amount-only edits.
    pub fn lines_by_source(&self, budget: &Budget) -> &[Vec<LineId>] {
        self.lines_by_source.get_or_init(|| {
            let mut v = vec![Vec::new(); self.n];
            let index = budget.source_indices();
            for l in &budget.lines {
                if let Some(&i) = index.get(l.source.as_str()) {
                    v[i].push(l.id);
                }
            }
            v
        })
    }

    /// Every node a line is summed into.
    fn nodes_of(&self, line: &Line, gov: Option<EconCode>, office: Option<&str>) -> Vec<Node> {
        let mut nodes = vec![self.total];
        match line.function {
            Some(c) => nodes.extend(c.lineage().iter().filter_map(|c| self.by_function.get(c))),
            None => nodes.push(self.unclassified),
        }
        match line.economic {
            Some(e) => {
                nodes.extend(self.by_econ.get(&(e, gov)));
                nodes.extend(self.by_econ_class.get(&e.class()));
                nodes.push(if e.is_personnel() {
                    self.personnel
                } else {
                    self.public_use
                });
                if let (false, Some(key)) = (e.is_personnel(), office) {
                    nodes.push(self.office_running);
                    nodes.extend(self.office_by_unit.get(key));
                }
                let lei = line.function.map(|f| f.lei());
                nodes.extend(self.split_by_lei.get(&(lei, e.is_personnel())));
            }
            None if line.kind == Kind::Basic => nodes.push(self.basic_without_econ),
            None => {}
        }
        if !line.project.is_empty() {
            nodes.extend(self.project_node(&line.project));
        }
        nodes
    }

    /// Adds (or, `add` false, takes out) a line's amounts on all its paths.
    fn add_paths(
        &mut self,
        line: &Line,
        src: usize,
        gov: Option<EconCode>,
        office: Option<&str>,
        add: bool,
    ) {
        let k = match line.kind {
            Kind::Basic => 0,
            Kind::Project => 1,
        };
        let n = self.n;
        for node in self.nodes_of(line, gov, office) {
            for (p, m) in [(0, line.current), (1, line.carry_over)] {
                let slot = &mut self.store[node.off + (k * 2 + p) * n + src];
                if add {
                    *slot += m;
                } else {
                    *slot -= m;
                }
            }
        }
    }

    /// Whether every amount of the node is zero.
    pub fn is_zero(&self, node: &Node) -> bool {
        self.store[node.off..node.off + 4 * self.n]
            .iter()
            .all(|m| m.is_zero())
    }
}
