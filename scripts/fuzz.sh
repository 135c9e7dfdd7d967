#!/usr/bin/env bash
# Fuzzes every parser of user input with libFuzzer (cargo-fuzz): the budget-file reader,
# CSV import with its mapping, the XLSX reader, the share-link decoder, the amount/formula
# parser and the paste parser (targets in fuzz/fuzz_targets, bodies in
# src/core/formats/probe.rs).
#
#   scripts/fuzz.sh [SECONDS]        # each target for SECONDS (default 60)
#   TARGETS="amount paste" scripts/fuzz.sh 30
#   MERGE=1 scripts/fuzz.sh 600      # also merge what was found into fuzz/corpus/
#
# Needs the nightly toolchain (installed through rustup where it can fetch it) and
# cargo-fuzz (installed from crates.io). Prints, per target: executions, crashes, timeouts
# and peak memory; limits: 256 MB of memory and 10 s per input. Crashing inputs are kept in
# fuzz/artifacts/<target>/; copy each into tests/fuzz_corpus/ (or fuzz/corpus/<target>/)
# so that `tests/fuzz_corpus.rs` replays it on stable Rust in every test run.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
targets="${TARGETS:-budget_file csv_import xlsx_read share_link amount paste verify_text verify_pdf}"

if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  rustup toolchain install nightly --profile minimal ||
    { echo "fuzz: the nightly toolchain is needed and could not be installed" >&2; exit 1; }
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo +nightly install cargo-fuzz --locked
fi

cd fuzz
# No AddressSanitizer (`-s none`): the code under test is safe Rust, so what is looked for
# is a panic, a hang or unbounded memory; ASan's quarantine would also count freed memory
# against the 256 MB limit and make every run several times slower.
cargo +nightly fuzz build -O -s none >/dev/null
printf '%-12s %14s %8s %9s %9s %8s\n' target executions exec/s crashes timeouts peak_MB
status=0
for t in $targets; do
  mkdir -p "corpus/$t" "artifacts/$t" "target/found/$t"
  log="target/fuzz-$t.log"
  # New inputs go to target/found/ (not committed); fuzz/corpus/ is read as seeds.
  if ! cargo +nightly fuzz run -O -s none "$t" "target/found/$t" "corpus/$t" -- \
      -max_total_time="$secs" -rss_limit_mb=256 -timeout=10 -print_final_stats=1 \
      >"$log" 2>&1; then
    status=1
  fi
  stat() { grep -o "stat::$1: *[0-9]*" "$log" | grep -o '[0-9]*$' | tail -1; }
  execs="$(stat number_of_executed_units)"
  rate="$(stat average_exec_per_sec)"
  peak="$(stat peak_rss_mb)"
  crashes="$(find "artifacts/$t" -name 'crash-*' -o -name 'oom-*' | wc -l)"
  timeouts="$(find "artifacts/$t" -name 'timeout-*' -o -name 'slow-unit-*' | wc -l)"
  printf '%-12s %14s %8s %9s %9s %8s\n' "$t" "${execs:-?}" "${rate:-?}" "$crashes" "$timeouts" "${peak:-?}"
  if [ "${MERGE:-0}" = 1 ]; then
    # Keep what was found, then minimise: the smallest set with the same coverage.
    cp -n "target/found/$t/"* "corpus/$t/" 2>/dev/null || true
    cargo +nightly fuzz cmin -O -s none "$t" "corpus/$t" >/dev/null 2>&1 || true
  fi
done
exit "$status"
