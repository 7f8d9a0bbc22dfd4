#!/usr/bin/env bash
# The throughput table in one command: installs the ajv (npm) and fastjsonschema (PyPI) peers,
# then runs `cargo bench --bench throughput` pinned to one core, which measures every Rust
# contender and both peers on the same generated workload and writes the table to
# target/bench/throughput.md. Arguments go to the benchmark: --count N (default 100000),
# --reps R (default 5), --out FILE.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

(cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi
cd "$root"
cargo bench --quiet --bench throughput --no-run
"${pin[@]}" cargo bench --quiet --bench throughput -- "$@"
