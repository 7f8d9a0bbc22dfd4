#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60) and prints its final figures.
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`); this stable toolchain runs it with
# RUSTC_BOOTSTRAP=1. Each run's full libFuzzer output goes to fuzz/logs/TARGET.log; crashes
# land in fuzz/artifacts/TARGET/. Exits 1 when any target crashed.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(payload doc_page date_time_offset)
mkdir -p logs
status=0
for target in "${targets[@]}"; do
  echo "== $target, ${seconds}s"
  log="logs/$target.log"
  if ! RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 >"$log" 2>&1; then
    status=1
    echo "CRASH: see $log and artifacts/$target/"
  fi
  grep -E "^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added|stat::peak_rss_mb|#[0-9]+ +DONE)|panicked|SUMMARY|ERROR|Test unit written" "$log" || true
  echo "corpus files: $(find "corpus/$target" -type f | wc -l)"
done
exit "$status"
