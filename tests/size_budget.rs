//! The size budget (issue 26, item 4): the first-loaded module and the workers, gzip -9,
//! against `tests/size-budget.txt`; more than 1% over fails. It reads the built `dist/`, so
//! it is ignored in a plain `cargo test` and run by `scripts/test.sh` right after
//! `trunk build --release` (`cargo test --test size_budget -- --ignored`).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::Path;

fn gzip_len(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap().len()
}

/// The built file of this name; Trunk puts a content hash into the app's
/// (`app-<hash>_bg.wasm` for `app_bg.wasm`).
fn built(dist: &Path, file: &str) -> Option<Vec<u8>> {
    let (stem, ext) = file.split_once('_')?;
    let entry = std::fs::read_dir(dist)
        .ok()?
        .filter_map(Result::ok)
        .find(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name == file
                || (name.starts_with(&format!("{stem}-")) && name.ends_with(&format!("_{ext}")))
        })?;
    std::fs::read(entry.path()).ok()
}

#[test]
#[ignore = "reads dist/: run after trunk build (scripts/test.sh does)"]
fn the_built_modules_stay_within_their_budget() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let budget = std::fs::read_to_string(root.join("tests/size-budget.txt")).unwrap();
    let mut over = Vec::new();
    for line in budget
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (file, limit) = line.split_once(' ').unwrap();
        let limit: usize = limit.trim().parse().unwrap();
        let bytes = built(&root.join("dist"), file)
            .unwrap_or_else(|| panic!("dist/ has no {file}: run trunk build --release first"));
        let size = gzip_len(&bytes);
        println!(
            "{file}: {size} B gzip, budget {limit} B ({:+.2}%)",
            (size as f64 / limit as f64 - 1.0) * 100.0
        );
        if size * 100 > limit * 101 {
            over.push(format!(
                "{file}: {size} B gzip is over its budget {limit} B by more than 1%"
            ));
        }
    }
    assert!(over.is_empty(), "{}", over.join("\n"));
}
