#!/usr/bin/env bash
# Sets up what is missing and runs every test: format and lint checks, native unit,
# golden, property and CLI tests, a release wasm build with Trunk, browser tests with
# wasm-bindgen-test in headless Chromium, and end-to-end tests of the built page.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
step() { printf '\n==> %s\n' "$*"; }

step "setup"
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native) -D warnings"
cargo clippy --all-targets --quiet -- -D warnings

step "cargo test (native: unit, golden, property, CLI, doc tests)"
cargo test --quiet

(
  . scripts/wasm-env.sh
  # With Debian's rustc-web there is no matching clippy (rustup's would need its own
  # wasm32 std); the view is then linted only where rustup provides the target.
  if [ "$WASM_MODE" = rustup ]; then
    step "cargo clippy (wasm32: the view) -D warnings"
    cargo clippy --target wasm32-unknown-unknown --lib --bins --quiet -- -D warnings
  else
    step "skipping wasm32 clippy: this wasm toolchain ($WASM_MODE) has no clippy"
  fi

  step "trunk build --release"
  trunk build --release

  step "wasm-bindgen-test in headless Chromium"
  cargo test --target wasm32-unknown-unknown --test web
)

# Native again (outside the wasm environment): the built dist/ against its size budget.
step "size budget of the built modules (tests/size-budget.txt)"
cargo test --quiet --test size_budget -- --ignored

step "end-to-end tests (Playwright, headless Chromium)"
(cd tests/e2e && node --test)
