#!/usr/bin/env bash
# Installs everything building, serving and testing the app needs, and skips what is
# already there at the right version, so a second run takes seconds. See TOOLCHAIN notes
# in docs/TESTING.md: where `rustup target add wasm32-unknown-unknown` works we use it; where
# the rustup host is unreachable (as on our CI machines) we use Debian's rustc-web with
# build-std. Writes .tools/env.sh, which scripts/wasm-env.sh sources for wasm builds.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
mkdir -p "$TOOLS"
TRUNK_VERSION="0.21.14"   # trunk 0.22 needs rustc >= 1.96.1; 0.21 builds with stable 1.81+
log() { printf '[setup] %s\n' "$*" >&2; }

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
APT_UPDATED=""
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing ${missing[*]} and no apt-get: install them with your package manager"; exit 1
  fi
  if [ -z "$APT_UPDATED" ]; then $SUDO apt-get update -qq; APT_UPDATED=1; fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Native Rust (for the CLI, tests and installing tools) comes from rustup or the system.
if ! command -v cargo >/dev/null 2>&1; then
  log "no cargo on PATH: install Rust with rustup (https://rustup.rs) first"; exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"

# 1. A compiler that targets wasm32.
mode_file="$TOOLS/wasm-mode"
mode=""
if [ "${YUSUAN_WASM_MODE:-}" = debian ]; then
  # Force the Debian path (to test it on a machine where rustup would work).
  apt_install rustc-web cargo-web rust-web-src lld-22
  mode=debian
elif command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  mode=rustup
elif [ "$(cat "$mode_file" 2>/dev/null)" = debian ] && [ -d /usr/lib/rustlib/src/rust ] && [ -x /usr/bin/rust-lld ] && [ -e "$(readlink -f /usr/bin/rust-lld)" ]; then
  mode=debian
elif command -v rustup >/dev/null 2>&1 && timeout 90 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  mode=rustup
else
  log "rustup cannot fetch the wasm32 target here: using Debian's rustc-web with build-std"
  apt_install rustc-web cargo-web rust-web-src lld-22
  mode=debian
fi
echo "$mode" > "$mode_file"
if [ "$mode" = debian ]; then
  # build-std compiles std from source; its crates.io dependencies must be in the local
  # cache because Trunk builds with --offline.
  RUSTC_BOOTSTRAP=1 /usr/bin/cargo fetch --quiet --manifest-path /usr/lib/rustlib/src/rust/library/Cargo.toml
fi
# The project's own dependencies, for every target (the wasm-only ones too).
cargo fetch --quiet --manifest-path "$ROOT/Cargo.toml"

# 2. Browsers and Node for the end-to-end tests.
# A CJK font so screenshots of the page are readable.
apt_install chromium chromium-driver fonts-wqy-microhei
# The Word export's test opens the .docx in a real office suite (LibreOffice Writer, no GUI)
# and reads the PDF it prints (pdftotext, pdftoppm).
apt_install libreoffice-writer-nogui poppler-utils
command -v npm >/dev/null 2>&1 || apt_install nodejs npm

# 3. wasm-bindgen CLI at exactly the version in Cargo.lock.
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  log "cargo install wasm-bindgen-cli $wb_version (about 3 minutes)"
  # --locked fails against this registry mirror (its lock wants a newer webpki-roots).
  cargo install wasm-bindgen-cli --version "$wb_version" --force --quiet
fi

# 4. Trunk.
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  log "cargo install trunk $TRUNK_VERSION (about 10 minutes)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force --quiet
fi

# 5. wasm-opt (Debian's binaryen is too old for what Rust emits) and Playwright, from npm.
if [ ! -x "$ROOT/tests/e2e/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ] \
   || [ "$ROOT/tests/e2e/package-lock.json" -nt "$ROOT/tests/e2e/node_modules/.package-lock.json" ]; then
  log "npm ci (wasm-opt, playwright-core)"
  (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The environment wasm builds need, for scripts/wasm-env.sh.
{
  echo "# written by scripts/setup.sh"
  echo "export WASM_MODE=$mode"
  echo "export PATH=\"$ROOT/tests/e2e/node_modules/.bin:\$PATH\""
  if [ "$mode" = debian ]; then
    # Debian's cargo/rustc first (Trunk calls cargo from PATH); std built from source.
    echo "export PATH=\"/usr/bin:\$PATH\""
    echo "export RUSTC_BOOTSTRAP=1"
    echo "export CARGO_UNSTABLE_BUILD_STD=std,panic_abort"
  fi
  echo "export CHROMEDRIVER=$(command -v chromedriver)"
  echo "export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner"
} > "$TOOLS/env.sh"
log "ready (wasm toolchain: $mode)"
