#!/usr/bin/env bash
# Loads the exported JSON Schema into ajv (Node) and Python `jsonschema`, validates a generated
# sample set with each, and compares their verdicts with ours. Exit 1 on any unexplained
# disagreement. Usage: scripts/consumers/run.sh [SAMPLES_PER_KIND] (default 1000 valid + 1000
# invalid, for each of the default, strict and response schemas).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-1000}"
work="$here/work"
mkdir -p "$work"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/msgraph-schema"

(cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

status=0
for mode in "" "--strict" "--operation response"; do
  label="${mode:-default}"; label="${label//--/}"; label="${label// /-}"
  # shellcheck disable=SC2086
  "$bin" export $mode > "$work/$label.schema.json"
  # shellcheck disable=SC2086
  { "$bin" sample $mode -n "$count" --seed 1; "$bin" sample $mode --invalid -n "$count" --seed 2; } > "$work/$label.samples.ndjson"
  python3 -c 'import json,sys
for l in sys.stdin: print(json.loads(l)["raw"])' < "$work/$label.samples.ndjson" > "$work/$label.raw.ndjson"
  # shellcheck disable=SC2086
  "$bin" validate $mode --ndjson --format json "$work/$label.raw.ndjson" > "$work/$label.ours.ndjson" 2>/dev/null || true
  node "$here/ajv_check.mjs" "$work/$label.schema.json" "$work/$label.samples.ndjson" > "$work/$label.ajv.ndjson"
  "$here/.venv/bin/python" "$here/py_check.py" "$work/$label.schema.json" "$work/$label.samples.ndjson" > "$work/$label.python.ndjson"
  echo "== schema: $label"
  python3 "$here/compare.py" "$work/$label.schema.json" "$work/$label.samples.ndjson" "$work/$label.ours.ndjson" \
    "ajv=$work/$label.ajv.ndjson" "python-jsonschema=$work/$label.python.ndjson" || status=1
done
exit $status
