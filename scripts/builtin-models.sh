#!/usr/bin/env bash
# Makes the built-in models, models/v1.0.bin and models/beta.bin, with this project's own `build`
# (`--metadata`: pages merged with Microsoft's CSDL, what only the metadata declares added and
# marked so; `--facts-only`: no description, only names, types, nullability, members, bases, keys,
# marks and sources):
#   beta  the complete beta reference of July 2021 (MSGRAPH_FULL_DOCS_DIR) with its CSDL of 2021-07-13
#   v1.0  the corpus's v1.0 pages of July 2021 (MSGRAPH_DOCS_DIR/archive-2021) with their CSDL
# from MSGRAPH_METADATA_DIR. The inputs are reached through links in a scratch folder, so the
# sources recorded in the models are the same on every machine.
# Usage: scripts/builtin-models.sh [--check]   (--check: fail if models/ is not what this makes)
# MSGRAPH_BIN: the msgraph-schema binary to use (default: build it in release).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="$(cd "$root/.." && pwd)/shared/corpus"
full="${MSGRAPH_FULL_DOCS_DIR:-$corpus/graph-docs-2021}"
docs="${MSGRAPH_DOCS_DIR:-$corpus/graph-docs}"
metadata="${MSGRAPH_METADATA_DIR:-$corpus/graph-metadata}"
check=false
if [ "${1:-}" = "--check" ]; then check=true; fi

bin="${MSGRAPH_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p msgraph-schema-cli
  bin="${CARGO_TARGET_DIR:-$root/target}/release/msgraph-schema"
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
ln -s "$full" "$scratch/graph-docs-2021"
ln -s "$docs" "$scratch/graph-docs"
ln -s "$metadata" "$scratch/graph-metadata"
build() { # VERSION DOCS CSDL
  (cd "$scratch" && "$bin" build --facts-only --docs "$2" --metadata "$3" --out "out/$1" > "out-$1.txt")
  cp "$scratch/out/$1/$1/model.bin" "$scratch/$1.bin"
}
build beta graph-docs-2021/api-reference/beta graph-metadata/csdl/beta_metadata.2021-07-13.xml
build v1.0 graph-docs/archive-2021/api-reference/v1.0 graph-metadata/csdl/v1.0_metadata.2021-07.xml

status=0
for version in v1.0 beta; do
  if $check; then
    if cmp -s "$scratch/$version.bin" "$root/models/$version.bin"; then
      echo "models/$version.bin: as built"
    else
      echo "models/$version.bin is not what scripts/builtin-models.sh makes from the corpus: run it and commit models/"
      status=1
    fi
  else
    mkdir -p "$root/models"
    cp "$scratch/$version.bin" "$root/models/$version.bin"
    echo "wrote models/$version.bin ($(wc -c < "$root/models/$version.bin") bytes): $(tail -n 2 "$scratch/out-$version.txt" | head -n 1)"
  fi
done
exit $status
