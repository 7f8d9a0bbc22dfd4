#!/usr/bin/env bash
# Loads the exported JSON Schema into ajv (Node) and Python `jsonschema` by the recipe of docs/export.md
# (load.mjs, load.py: the bundle registered, then the type's file), validates a generated sample
# set with each, and compares their verdicts with ours; then checks that every type's file of a
# model that `build` writes from the docs at MSGRAPH_DOCS_DIR compiles in both with its
# references resolved. The OpenAPI 3.1 document that `export --format openapi` writes (of the
# built-in type in each mode, of the small tree built with its request metadata, whose paths hold
# its entity container and bound operations, and of each built model) must pass openapi-spec-validator, and each
# of its component schemas load in Python jsonschema (openapi_check.py). Exit 1 on any
# unexplained disagreement or any file or document that does not load. The binary is built in
# CARGO_TARGET_DIR when that is set, else in the repository's target/.
# Usage: scripts/consumers/run.sh [SAMPLES_PER_KIND] (default 1000 valid + 1000 invalid, for each
# schema and type: the built-in type in each mode, a type holding every Edm primitive, and
# deviceHealthScript with its derived types built from the corpus).
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
# check_set LABEL SCHEMA [MODEL ARGS...]: COUNT valid and COUNT invalid samples of a type (the
# built-in one, or `--schema-dir DIR --type NAME`) checked by us, ajv and Python jsonschema with the
# type's file SCHEMA; compare.py names the cause of every verdict that differs.
check_set() {
  local label="$1" schema="$2"; shift 2
  local samples="$work/$label.samples.ndjson"
  { "$bin" sample "$@" -n "$count" --seed 1; "$bin" sample "$@" --invalid -n "$count" --seed 2; } > "$samples"
  python3 -c 'import json,sys
for l in sys.stdin: print(json.loads(l)["raw"])' < "$samples" > "$work/$label.raw.ndjson"
  "$bin" validate "$@" --ndjson --format json "$work/$label.raw.ndjson" > "$work/$label.ours.ndjson" 2>/dev/null || true
  node "$here/ajv_check.mjs" "$schema" "$samples" > "$work/$label.ajv.ndjson"
  "$here/.venv/bin/python" "$here/py_check.py" "$schema" "$samples" > "$work/$label.python.ndjson"
  echo "== schema: $label"
  python3 "$here/compare.py" "$samples" "$work/$label.ours.ndjson" \
    "ajv=$work/$label.ajv.ndjson" "python-jsonschema=$work/$label.python.ndjson" || status=1
  ts_check "$(dirname "$schema")" "$(basename "$schema" .schema.json)" "$samples"
}

# The built-in type in each mode, from `export --out` (the layout `build` writes).
for mode in "" "--strict" "--operation update" "--operation response"; do
  label="${mode:-default}"; label="${label//--/}"; label="${label// /-}"
  rm -rf "${work:?}/$label"
  # shellcheck disable=SC2086
  "$bin" export $mode --out "$work/$label" 2>/dev/null
  # shellcheck disable=SC2086
  check_set "$label" "$work/$label/$type.schema.json" $mode
  # The same schemas as an OpenAPI 3.1 document.
  # shellcheck disable=SC2086
  "$bin" export $mode --format openapi --out "$work/$label" 2>/dev/null
  "$here/.venv/bin/python" "$here/openapi_check.py" "$work/$label/openapi.json" || status=1
done

# The opt-in `--formats rfc3339` export loads too (ajv-formats and Python's format checker know both).
rm -rf "${work:?}/rfc3339"
"$bin" export --formats rfc3339 --out "$work/rfc3339" 2>/dev/null
grep -q '"format": "date-time"' "$work/rfc3339/$type.schema.json" || { echo "--formats rfc3339 wrote no format"; status=1; }
node "$here/ajv_load.mjs" "$work/rfc3339" || status=1
"$here/.venv/bin/python" "$here/py_load.py" "$work/rfc3339" || status=1
"$bin" export --formats rfc3339 --format openapi --out "$work/rfc3339" 2>/dev/null
"$here/.venv/bin/python" "$here/openapi_check.py" "$work/rfc3339/openapi.json" || status=1

# The OpenAPI paths: the small tree built with its request metadata (tests/data/requests.csdl:
# an entity container and bound operations).
rm -rf "${work:?}/requests"
"$bin" build --docs "$root/tests/data/docs-tree" --metadata "$root/tests/data/requests.csdl" --out "$work/requests" > /dev/null
"$bin" export --format openapi --schema-dir "$work/requests/v1.0" --out "$work/requests/v1.0" 2>/dev/null
grep -q '"/users/{user-id}/sendNote"' "$work/requests/v1.0/openapi.json" || { echo "the request tree's OpenAPI document has no paths"; status=1; }
"$here/.venv/bin/python" "$here/openapi_check.py" "$work/requests/v1.0/openapi.json" || status=1

# A type holding every Edm primitive (a page of this project's), built as a docs tree.
rm -rf "${work:?}/primitives"
"$bin" build --docs "$root/tests/data/primitives-tree" --out "$work/primitives" > /dev/null
sampler="microsoft.graph.primitiveSampler"
check_set primitives "$work/primitives/v1.0/$sampler.schema.json" --schema-dir "$work/primitives/v1.0" --type "$sampler"

# A nested type with derived types, built from the corpus: deviceHealthScript, whose parameters
# and schedules are abstract types with derived ones.
if [ -d "$docs" ]; then
  rm -rf "${work:?}/corpus"
  "$bin" build --docs "$docs" --out "$work/corpus" > /dev/null
  script="microsoft.graph.deviceHealthScript"
  check_set device-health-script "$work/corpus/beta/$script.schema.json" --schema-dir "$work/corpus/beta" --type "$script"
else
  echo "skipped: deviceHealthScript ($docs is not a folder; set MSGRAPH_DOCS_DIR)"
  status=1
fi

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
  # Each built model as an OpenAPI 3.1 document (`build` does not write one: see docs/export.md).
  for folder in "${folders[@]}"; do
    "$bin" export --format openapi --schema-dir "$folder" --out "$folder" 2>/dev/null || status=1
    "$here/.venv/bin/python" "$here/openapi_check.py" "$folder/openapi.json" || status=1
  done
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
