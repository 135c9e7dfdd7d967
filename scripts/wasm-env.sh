# Sourced by scripts that build for wasm32: the toolchain chosen by scripts/setup.sh.
# shellcheck shell=bash
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"
# shellcheck source=/dev/null
. "$_root/.tools/env.sh"
