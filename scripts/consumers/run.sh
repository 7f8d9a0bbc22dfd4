#!/usr/bin/env bash
# Loads the exported JSON Schema into ajv (Node) and Python `jsonschema` by the recipe of docs/export.md
# (load.mjs, load.py: the bundle registered, then the type's file), validates a generated sample
# set with each, and compares their verdicts with ours; then checks that every type's file of a
# model that `build` writes from the docs at MSGRAPH_DOCS_DIR compiles in both with its
# references resolved. Exit 1 on any unexplained disagreement or any file that does not load.
# Usage: scripts/consumers/run.sh [SAMPLES_PER_KIND] (default 1000 valid + 1000 invalid, for each
# of the default, strict and response schemas).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${1:-1000}"
docs="${MSGRAPH_DOCS_DIR:-$(cd "$root/.." && pwd)/shared/corpus/graph-docs}"
# The built-in type that `sample` generates.
type="microsoft.graph.deviceHealthScriptDeviceState"
work="$here/work"
mkdir -p "$work"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/msgraph-schema"

(cd "$here" && npm install --silent --no-audit --no-fund >/dev/null)
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

status=0
# TypeScript (docs/export.md): json-schema-to-typescript's declarations of TYPE from SCHEMA_DIR's
# files must type-check every valid sample of SAMPLES (tsc --strict), and each negative must not.
ts_check() { node "$here/ts_check.mjs" "$@" || status=1; } # SCHEMA_DIR TYPE SAMPLES
for mode in "" "--strict" "--operation response"; do
  label="${mode:-default}"; label="${label//--/}"; label="${label// /-}"
  # `build`'s layout: the type's file next to bundle.schema.json.
  rm -rf "${work:?}/$label"
  # shellcheck disable=SC2086
  "$bin" export $mode --out "$work/$label" 2>/dev/null
  schema="$work/$label/$type.schema.json"
  # shellcheck disable=SC2086
  { "$bin" sample $mode -n "$count" --seed 1; "$bin" sample $mode --invalid -n "$count" --seed 2; } > "$work/$label.samples.ndjson"
  python3 -c 'import json,sys
for l in sys.stdin: print(json.loads(l)["raw"])' < "$work/$label.samples.ndjson" > "$work/$label.raw.ndjson"
  # shellcheck disable=SC2086
  "$bin" validate $mode --ndjson --format json "$work/$label.raw.ndjson" > "$work/$label.ours.ndjson" 2>/dev/null || true
  node "$here/ajv_check.mjs" "$schema" "$work/$label.samples.ndjson" > "$work/$label.ajv.ndjson"
  "$here/.venv/bin/python" "$here/py_check.py" "$schema" "$work/$label.samples.ndjson" > "$work/$label.python.ndjson"
  echo "== schema: $label"
  python3 "$here/compare.py" "$schema" "$work/$label.samples.ndjson" "$work/$label.ours.ndjson" \
    "ajv=$work/$label.ajv.ndjson" "python-jsonschema=$work/$label.python.ndjson" || status=1
  ts_check "$work/$label" "$type" "$work/$label.samples.ndjson"
done

# Every type's file that `build` writes from a docs tree loads (strict ajv, Python jsonschema).
load_tree() {
  local tree="$1" label="$2"
  echo "== load: every type's file that build writes from $tree"
  rm -rf "${work:?}/$label"
  "$bin" build --docs "$tree" --out "$work/$label" --format json > "$work/$label.summary.json"
  mapfile -t folders < <(find "$work/$label" -name bundle.schema.json -exec dirname {} \; | sort)
  if [ "${#folders[@]}" -eq 0 ]; then echo "no bundle.schema.json under $work/$label"; status=1; fi
  node "$here/ajv_load.mjs" "${folders[@]}" || status=1
  "$here/.venv/bin/python" "$here/py_load.py" "${folders[@]}" || status=1
  rm -rf "${work:?}/$label"
}
if [ -d "$docs" ]; then
  load_tree "$docs" build
else
  echo "skipped: $docs is not a folder (set MSGRAPH_DOCS_DIR)"
fi
# The complete beta reference (2,755 type files; about 3 minutes).
full="${MSGRAPH_FULL_DOCS_DIR:-}"
if [ -d "$full" ]; then
  load_tree "$full" build-full
else
  echo "skipped: the full tree (set MSGRAPH_FULL_DOCS_DIR)"
fi
exit $status
