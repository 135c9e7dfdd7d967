//! The fuzz corpora (fuzz/corpus/<target>/) and every input that ever crashed a target
//! (tests/fuzz_regressions/<target>/), replayed through the same probes on stable Rust in
//! every test run: no nightly needed to keep a fixed crash fixed.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use yusuan::core::formats::probe;

fn replay(dir: &Path, run: fn(&[u8])) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut n = 0;
    for e in entries.flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        run(&bytes);
        n += 1;
    }
    n
}

#[test]
fn corpora_and_regressions_replay_without_a_crash() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut total = 0;
    for (name, run) in probe::ALL {
        let seeds = replay(&root.join("fuzz/corpus").join(name), *run);
        assert!(seeds > 0, "fuzz/corpus/{name} has no seed");
        total += seeds + replay(&root.join("tests/fuzz_regressions").join(name), *run);
    }
    assert!(total >= probe::ALL.len());
}
