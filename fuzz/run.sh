#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) and prints its final figures.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); this stable toolchain runs it with
# RUSTC_BOOTSTRAP=1. Crashes land in fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(payload doc_page date_time_offset)
for target in "${targets[@]}"; do
  echo "== $target, ${seconds}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb|#[0-9]+ +DONE)|panicked|SUMMARY|ERROR" || true
  echo "corpus files: $(find "corpus/$target" -type f | wc -l)"
done
