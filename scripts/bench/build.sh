#!/usr/bin/env bash
# The build benchmark's table in one command: `cargo bench --bench build` pinned to one core,
# which measures the floor (pulldown-cmark over the same pages), the model read, the whole
# `build` with every output and its peak RSS on the docs trees named by MSGRAPH_FULL_DOCS_DIR
# (the full tree) and MSGRAPH_DOCS_DIR (the sample) — rows of an unset one are skipped, and the
# table says so — then builds synthetic trees of 500 to 4,000 types, and writes the table to
# target/bench/build.md. Arguments go to the benchmark: --reps R (default 3), --sizes N,N,…,
# --out FILE, --quick (a smoke test of the workloads for CI: one round, small sizes, no verdict).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
cd "$root"
for var in MSGRAPH_FULL_DOCS_DIR MSGRAPH_DOCS_DIR; do
  if [ -z "${!var:-}" ]; then echo "$var is unset: its rows are skipped" >&2; fi
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cargo bench --quiet --bench build --no-run
"${pin[@]}" cargo bench --quiet --bench build -- "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
