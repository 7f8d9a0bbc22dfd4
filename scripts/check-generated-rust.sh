#!/usr/bin/env bash
# Builds the complete Graph beta reference (MSGRAPH_FULL_DOCS_DIR, 7,948 pages of July 2021) into
# the crate that `build` writes (`<out>/beta/rust/`: one module per namespace, workload and their
# operations' parameters, each behind a cargo feature), and runs `cargo check` on it with its
# warnings denied, once per feature set, printing each time and the machine's load.
# Usage: scripts/check-generated-rust.sh [FEATURES...]   (default: `full graph`: every module,
# then the `microsoft.graph` module alone, its references to later modules as JSON values).
# MSGRAPH_FULL_METADATA=FILE adds a CSDL file (`build --metadata`). The dependencies are
# checked into this repository's target folder (reused from run to run).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
docs="${MSGRAPH_FULL_DOCS_DIR:-$(cd "$root/.." && pwd)/shared/corpus/graph-docs-2021}"
out="$root/target/generated-rust"
if [ ! -d "$docs" ]; then
  echo "no full docs tree at $docs (set MSGRAPH_FULL_DOCS_DIR)" >&2
  exit 2
fi
if [ "$#" -eq 0 ]; then
  set -- full graph
fi
started=$(date +%s)
metadata=()
if [ -n "${MSGRAPH_FULL_METADATA:-}" ]; then
  metadata=(--metadata "$MSGRAPH_FULL_METADATA")
fi

cargo build --quiet --manifest-path "$root/Cargo.toml" --bin msgraph-schema
"$root/target/debug/msgraph-schema" build --docs "$docs" "${metadata[@]}" --out "$out" \
  --rust-runtime "$root" | tail -n 2
krate="$out/beta/rust"
# The versions the workspace builds with.
cp "$root/Cargo.lock" "$krate/Cargo.lock"
echo "generated: $(du -sh "$krate/src" | cut -f1) in $(ls "$krate/src" | wc -l) files"

for features in "$@"; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  begin=$(date +%s)
  # `cargo rustc` passes `-D warnings` to the generated crate only: the dependencies keep their
  # flags and are reused.
  cargo rustc --quiet --lib --profile check --manifest-path "$krate/Cargo.toml" \
    --target-dir "$root/target" --no-default-features --features "$features" -- -D warnings
  echo "cargo check --features $features: $(($(date +%s) - begin)) s (load before: $load, $(nproc) cores)"
done
echo "check-generated-rust: $(($(date +%s) - started)) s in all"
