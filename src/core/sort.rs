//! Stable sorting through one shared sort of indices (issue 26). Each `sort_by` of another
//! element type or closure is its own copy of the standard library's stable sort — about
//! 4 KB of wasm apiece, twenty of them in the page. These functions sort the positions
//! `0..n` with one comparator type (a `dyn` closure), so the module holds a single copy, then
//! move the elements into that order in place. Same result as `slice::sort_by` (stable: equal
//! elements keep their order); property-tested against it.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `slice::sort_by` does.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order = ordered(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by a key, as `slice::sort_by_key` does.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably, as `slice::sort` does.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The positions `0..n` in the order `cmp` gives them (stable).
fn ordered(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Moves the elements so that position `j` holds the one that was at `order[j]`, cycle by
/// cycle (no copy of an element is made). `order` is a permutation of `0..v.len()`; it is
/// used up.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        if order[start] == start {
            continue;
        }
        let mut j = start;
        loop {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}
