//! Stable sorting through one shared copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element and the comparator, so each call site put its
//! own copy of driftsort in the wasm (about 3.5 KB each, 70 KB for the twenty-odd sorts the panel
//! reaches). Here every call sorts a list of indices with the one `sort_indices` (a single copy of
//! the standard sort, its comparator behind `dyn`) and then moves the elements into that order;
//! what stays per call site is a few dozen bytes. The order is the standard stable sort's: equal
//! elements keep their order, the rest follow the comparator.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, as `v.sort_by(cmp)` would.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `f` gives, as `v.sort_by_key(f)` would.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sorts `v` in ascending order (stably; for plain values the same as `sort_unstable`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instance of the standard sort: indices into the caller's slice.
#[inline(never)]
fn sort_indices(order: &mut [u32], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
}

/// Puts `v[order[i]]` at `i` for every `i`, cycle by cycle with swaps (`order` is used up: each
/// index is set to itself once its element is in place).
fn permute<T>(v: &mut [T], order: &mut [u32]) {
    for i in 0..order.len() {
        let mut at = i;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == i {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The `.rs` files under `dir`, recursively.
    pub(crate) fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// ARCHITECTURE.md's size invariant, kept: outside this file, the core calls no
    /// `slice::sort_by` / `sort_by_key` (each call site a copy of driftsort in the wasm; one cost
    /// the panel 1.3 KB gzipped in the twenty-ninth session). Test modules, the command line and
    /// the evaluation harness (native only) may.
    #[test]
    fn the_core_sorts_only_through_the_shared_sort() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let allowed = ["sort.rs", "eval.rs", "duxin.rs"];
        let mut found = Vec::new();
        for path in files {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if allowed.contains(&name) {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file is readable");
            let core = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in core.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                if code.contains(".sort_by(") || code.contains(".sort_by_key(") {
                    found.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
        assert!(found.is_empty(), "use crate::sort instead at {found:?}");
    }

    /// A small deterministic generator (no dependency): pairs with many equal keys.
    fn pairs(n: usize, seed: u64) -> Vec<(u8, usize)> {
        let mut x = seed;
        (0..n)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 60) as u8, i)
            })
            .collect()
    }

    #[test]
    fn sorting_by_a_key_gives_the_standard_stable_sort_order_for_any_length() {
        for n in [0, 1, 2, 3, 7, 20, 33, 100, 1000] {
            for seed in 0..5 {
                let mut ours = pairs(n, seed);
                let mut std = ours.clone();
                sort_by_key(&mut ours, |p| p.0);
                std.sort_by_key(|p| p.0);
                assert_eq!(ours, std, "n={n} seed={seed}");
            }
        }
    }

    #[test]
    fn equal_elements_keep_their_original_order() {
        let mut v = vec![(1, 'a'), (0, 'b'), (1, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, [(0, 'b'), (0, 'd'), (1, 'a'), (1, 'c'), (1, 'e')]);
    }

    #[test]
    fn a_reversed_comparator_sorts_descending() {
        let mut v: Vec<String> = ["b", "c", "a"].map(String::from).to_vec();
        sort_by(&mut v, |x, y| y.cmp(x));
        assert_eq!(v, ["c", "b", "a"]);
    }

    #[test]
    fn plain_values_sort_ascending() {
        let mut v = vec![5u64, 1, 4, 1, 3];
        sort(&mut v);
        assert_eq!(v, [1, 1, 3, 4, 5]);
    }
}
