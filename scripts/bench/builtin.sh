#!/usr/bin/env bash
# The built-in models' cost, in one run: the binary with and without them (feature
# `builtin-models`), and `validate` of one payload, start to exit, of a type of the built-in beta
# model (`--type user`, 4,000 types to look up; only what `user` reaches is decoded and compiled)
# against today's built-in seed type. Targets (issue #12): the binary grows by at most 8 MB, and
# the `user` run is within 2x the seed run. Writes target/bench/builtin.md.
# Usage: scripts/bench/builtin.sh [RUNS]   (default 40 runs of each command, interleaved)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-40}"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p msgraph-schema-cli
cargo build --release --quiet --manifest-path "$root/Cargo.toml" -p msgraph-schema-cli \
  --no-default-features --target-dir "$target/no-models"
mkdir -p "$target/bench"
python3 - "$target/release/msgraph-schema" "$target/no-models/release/msgraph-schema" "$runs" \
  "$root" "$target/bench/builtin.md" <<'PY'
import os, statistics, subprocess, sys, time
with_models, without, runs, root, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
size = os.path.getsize(with_models)
base = os.path.getsize(without)
models = sum(os.path.getsize(os.path.join(root, "models", f)) for f in os.listdir(os.path.join(root, "models")))
user = b'{"displayName": "Adele Vance", "accountEnabled": true, "mailNickname": "adelev", "userPrincipalName": "adelev@contoso.com", "passwordProfile": {"password": "x", "forceChangePasswordNextSignIn": true}}'
seed = open(os.path.join(root, "examples", "create-request-valid.json"), "rb").read()
commands = {
    "seed (built-in derive type)": ([with_models, "validate", "-"], seed),
    "user (built-in beta model)": ([with_models, "validate", "--version", "beta", "--type", "user", "-"], user),
    "user (built-in v1.0 model)": ([with_models, "validate", "--type", "user", "-"], user),
}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, (argv, body) in commands.items():
        start = time.perf_counter()
        done = subprocess.run(argv, input=body, capture_output=True)
        times[name].append(time.perf_counter() - start)
        assert done.returncode == 0, (name, done.stdout, done.stderr)
seed_median = statistics.median(times["seed (built-in derive type)"])
lines = ["| what | figure | target | verdict |", "|---|---:|---|---|"]
growth = (size - base) / 1e6
lines.append(f"| binary with the models / without | {size/1e6:.1f} MB / {base/1e6:.1f} MB (models/: {models/1e6:.1f} MB) | growth <= 8 MB | {'PASS' if growth <= 8 else 'FAIL'} ({growth:.1f} MB) |")
for name, samples in times.items():
    median = statistics.median(samples)
    low, high = min(samples), max(samples)
    ratio = median / seed_median
    verdict = "" if name.startswith("seed") else ("PASS" if ratio <= 2 else "FAIL") + f" ({ratio:.2f}x)"
    target_text = "" if name.startswith("seed") else "<= 2x the seed run"
    lines.append(f"| `validate` one payload, {name}: median (min-max) | {median*1e3:.1f} ms ({low*1e3:.1f}-{high*1e3:.1f}) | {target_text} | {verdict} |")
text = f"Built-in models, {runs} runs of each command interleaved, wall time start to exit:\n\n" + "\n".join(lines) + "\n"
print(text)
open(out, "w").write(text)
PY
