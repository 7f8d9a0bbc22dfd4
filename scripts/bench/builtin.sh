#!/usr/bin/env bash
# The built-in models' cost, in one run: the binary with and without them (feature
# `builtin-models`), and `validate` of one payload, start to exit, of a type of each built-in
# model (`--type user`: 4,000 types to look up; a type is decoded and compiled when the payload
# first holds a value of it) against today's built-in seed type, and the process floor
# (`--version`: start, print, exit). Targets (issue #12): the binary grows by at most 8 MB, and the
# `user` run is within 2x the seed run. Children are started with posix_spawn and reaped with
# wait4: wall time start to exit, and the child's own CPU time (user + system). Informative rows:
# a request (`--request "POST /users"`), which also indexes the model's URLs.
# Writes target/bench/builtin.md.
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
import os, statistics, sys, tempfile, time
with_models, without, runs, root, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
size = os.path.getsize(with_models)
base = os.path.getsize(without)
models = sum(os.path.getsize(os.path.join(root, "models", f)) for f in os.listdir(os.path.join(root, "models")))
user = b'{"displayName": "Adele Vance", "accountEnabled": true, "mailNickname": "adelev", "userPrincipalName": "adelev@contoso.com", "passwordProfile": {"password": "x", "forceChangePasswordNextSignIn": true}}'
scratch = tempfile.mkdtemp()
user_path = os.path.join(scratch, "user.json")
open(user_path, "wb").write(user)
seed_path = os.path.join(root, "examples", "create-request-valid.json")
SEED = "`validate`, the seed type (built-in derive)"
commands = {
    "`--version`: the process floor": ([with_models, "--version"], seed_path),
    SEED: ([with_models, "validate", "-"], seed_path),
    "`validate --version beta --type user`": ([with_models, "validate", "--version", "beta", "--type", "user", "-"], user_path),
    "`validate --type user` (v1.0)": ([with_models, "validate", "--type", "user", "-"], user_path),
    "`validate --request 'POST /users'` (v1.0)": ([with_models, "validate", "--request", "POST /users", "-"], user_path),
    "`validate --request 'POST https://graph.microsoft.com/beta/users'`": ([with_models, "validate", "--request", "POST https://graph.microsoft.com/beta/users", "-"], user_path),
}
targets = {"`validate --version beta --type user`", "`validate --type user` (v1.0)"}

def run(argv, stdin_path):
    """Wall and CPU seconds of one run, its stdin from the file, its output discarded."""
    stdin = os.open(stdin_path, os.O_RDONLY)
    null = os.open(os.devnull, os.O_WRONLY)
    actions = [(os.POSIX_SPAWN_DUP2, stdin, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)]
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    os.close(stdin)
    os.close(null)
    assert os.waitstatus_to_exitcode(status) == 0, (argv, status)
    return wall, usage.ru_utime + usage.ru_stime

wall = {name: [] for name in commands}
cpu = {name: [] for name in commands}
for _ in range(runs):
    for name, (argv, stdin_path) in commands.items():
        w, c = run(argv, stdin_path)
        wall[name].append(w)
        cpu[name].append(c)
seed_wall = statistics.median(wall[SEED])
seed_cpu = statistics.median(cpu[SEED])
lines = ["| what | wall, median (min-max) | CPU, median | wall / seed | target | verdict |", "|---|---:|---:|---:|---|---|"]
growth = (size - base) / 1e6
lines.append(f"| binary with the models / without | {size/1e6:.1f} MB / {base/1e6:.1f} MB (models/: {models/1e6:.1f} MB) | | | growth <= 8 MB | {'PASS' if growth <= 8 else 'FAIL'} ({growth:.1f} MB) |")
for name in commands:
    median = statistics.median(wall[name])
    low, high = min(wall[name]), max(wall[name])
    ratio = median / seed_wall
    verdict = ("PASS" if ratio <= 2 else "FAIL") if name in targets else ""
    target_text = "<= 2x the seed run" if name in targets else ""
    lines.append(f"| {name} | {median*1e3:.2f} ms ({low*1e3:.2f}-{high*1e3:.2f}) | {statistics.median(cpu[name])*1e3:.2f} ms | {ratio:.2f}x | {target_text} | {verdict} |")
load = os.getloadavg()[0]
text = f"Built-in models, {runs} runs of each command interleaved, each `validate` of one payload (load average {load:.2f}):\n\n" + "\n".join(lines) + "\n"
print(text)
open(out, "w").write(text)
PY
