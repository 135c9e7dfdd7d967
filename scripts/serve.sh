#!/usr/bin/env bash
# Sets up what is missing, builds the app and serves it at http://127.0.0.1:8080/
# with the embedded 2023 reference budget.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
. scripts/wasm-env.sh
# No autoreload: the served page is exactly the release folder, CSP included.
exec trunk serve --release --no-autoreload "$@"
