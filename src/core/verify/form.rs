//! A form of one row of figures under stacked headings — the Shanghai format's “三公”经费和
//! 机关运行经费预算表: 合计 | 因公出国(境)费 | 公务接待费 | 公务用车购置及运行费 (小计 | 购置费 |
//! 运行费) | 机关运行经费. A blank figure prints nothing, so which figure is which is found
//! from the form's order and its sums: of the ways the printed figures can fill the seven
//! places left to right, those whose sums hold are preferred, then the one whose figures stand
//! nearest their headings. `tables` makes each figure a row named by its place.

use super::layout::{amount, Cell, DocLine, LineKind};
use rust_decimal::Decimal;

/// The places of the form, left to right: the name a row gets, and the words of its heading.
pub const PLACES: [(&str, &[&str]); 7] = [
    ("合计", &["合计"]),
    ("因公出国（境）费", &["出国"]),
    ("公务接待费", &["接待"]),
    ("公务用车购置及运行费", &["小计"]),
    ("公务用车购置费", &["购置费"]),
    ("公务用车运行费", &["运行费"]),
    ("机关运行经费", &["机关运行"]),
];

/// Whether figures in these places (blank: 0) keep the form's sums: 合计 = 出国 + 接待 +
/// 公务用车, 公务用车 = 购置 + 运行.
pub fn sums_hold(v: &[Decimal; 7]) -> bool {
    v[0] == v[1] + v[2] + v[3] && v[3] == v[4] + v[5]
}

/// The ways of putting `k` figures into the seven places in order.
fn placements(k: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    for mask in 0u32..(1 << PLACES.len()) {
        if mask.count_ones() as usize == k {
            out.push((0..PLACES.len()).filter(|i| mask & (1 << i) != 0).collect());
        }
    }
    out
}

/// Where each place's heading ends, when a heading of it is printed.
fn heading_ends(headings: &[&Cell]) -> [Option<usize>; 7] {
    let mut out = [None; 7];
    for (i, (_, words)) in PLACES.iter().enumerate() {
        out[i] = headings
            .iter()
            .find(|c| words.iter().any(|w| c.text.contains(w)) && !c.text.contains('及'))
            .map(|c| c.at);
    }
    out
}

/// The figures line's cells with their amounts, and the best placement of them.
fn place(figures: &[(&Cell, Decimal)], ends: &[Option<usize>; 7]) -> Vec<usize> {
    let distance = |p: &[usize]| -> usize {
        p.iter()
            .zip(figures)
            .map(|(&i, (c, _))| ends[i].map_or(1000, |e| e.abs_diff(c.at)))
            .sum()
    };
    let holds = |p: &[usize]| {
        let mut v = [Decimal::ZERO; 7];
        for (&i, (_, x)) in p.iter().zip(figures) {
            v[i] = *x;
        }
        sums_hold(&v)
    };
    placements(figures.len())
        .into_iter()
        .min_by_key(|p| (!holds(p), distance(p)))
        .unwrap_or_default()
}

/// The form read: its figures line (an index into `body`) and each figure with its place
/// (an index into [`PLACES`]).
pub fn figures(body: &[DocLine]) -> Option<(usize, Vec<(usize, Decimal)>)> {
    let at = body.iter().position(|l| {
        let filled: Vec<&Cell> = l.cells.iter().filter(|c| !c.text.is_empty()).collect();
        filled.len() >= 2 && filled.iter().all(|c| amount(&c.text).is_some())
    })?;
    let line = &body[at];
    let headings: Vec<&Cell> = body[..at]
        .iter()
        .flat_map(|l| l.cells.iter())
        .filter(|c| !c.text.is_empty() && amount(&c.text).is_none())
        .collect();
    let figures: Vec<(&Cell, Decimal)> = line
        .cells
        .iter()
        .filter_map(|c| Some((c, amount(&c.text)?)))
        .take(PLACES.len())
        .collect();
    // Cells separated by tabs keep the blank ones: a figure's cell is its place.
    let places: Vec<usize> =
        if line.kind == LineKind::Tabbed && figures.iter().all(|(c, _)| c.at < PLACES.len()) {
            figures.iter().map(|(c, _)| c.at).collect()
        } else {
            place(&figures, &heading_ends(&headings))
        };
    Some((
        at,
        places
            .into_iter()
            .zip(figures.iter().map(|f| f.1))
            .collect(),
    ))
}
