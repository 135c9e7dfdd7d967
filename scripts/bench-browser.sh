#!/usr/bin/env bash
# Sets up what is missing, builds the release page and runs the browser benchmarks
# (edit latency and load time with a generated 10,000-line budget; import and export
# time of a 10,000-line budget as XLSX and CSV; cold-load transfer size and first render;
# opening a panel of the lazily loaded module at 37, 10,000 and 100,000 lines).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
( . scripts/wasm-env.sh && trunk build --release )
node tests/e2e/bench.mjs "$@"
node tests/e2e/bench-files.mjs
node tests/e2e/bench-load.mjs
node tests/e2e/bench-panels.mjs
