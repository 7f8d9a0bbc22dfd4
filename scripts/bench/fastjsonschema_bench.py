"""fastjsonschema_bench.py SCHEMA VALID INVALID REPS: times Python fastjsonschema parsing and
validating every line of each NDJSON file; prints the best time of REPS runs per file as
{"valid_seconds": s, "invalid_seconds": s}. Run by benches/throughput.rs.

fastjsonschema knows drafts 4, 6 and 7, not 2020-12: the schema is compiled as draft 7 (the
`$schema` key dropped), which reads the same here (`$defs` are reached by JSON Pointer). It stops
at the first error of each payload.
"""

import json
import sys
import time

import fastjsonschema

schema_path, valid_path, invalid_path, reps = sys.argv[1:5]
with open(schema_path, encoding="utf-8") as f:
    schema = json.load(f)
schema.pop("$schema", None)
validate = fastjsonschema.compile(schema)


def best(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().split("\n") if line]
    best_seconds, invalid = float("inf"), 0
    for _ in range(int(reps)):
        invalid = 0
        start = time.perf_counter()
        for line in lines:
            try:
                validate(json.loads(line))
            except fastjsonschema.JsonSchemaValueException:
                invalid += 1
        best_seconds = min(best_seconds, time.perf_counter() - start)
    return best_seconds, invalid, len(lines)


valid_seconds, valid_failures, _ = best(valid_path)
invalid_seconds, invalid_failures, invalid_count = best(invalid_path)
if valid_failures or invalid_failures != invalid_count:
    sys.exit(f"unexpected verdicts: {valid_failures} valid payloads rejected, "
             f"{invalid_count - invalid_failures} invalid ones accepted")
print(json.dumps({"valid_seconds": valid_seconds, "invalid_seconds": invalid_seconds}))
