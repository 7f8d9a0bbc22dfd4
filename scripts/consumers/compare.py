"""compare.py SAMPLES OURS CONSUMER=VERDICTS...: compares each consumer's verdicts with ours and
names the cause of every disagreement; exits 1 if any is unexplained.

A disagreement is explained only by a limit no JSON Schema can cross, checked on the sample:
- a duplicate key: a JSON parser keeps one member, so a schema validator never sees the other;
- an integer beyond 2^53: a JavaScript number cannot tell it from its neighbours (ajv only);
- a whole number written with a fraction or exponent (`1.0`, `-0.0`, `1e2`) for an integer type:
  JSON Schema's data model makes it the integer (2020-12 validation §6.1.1 "integer"), while our
  validators read numbers as serde_json does and reject it (docs/rules.md).
"""
import json
import sys
from collections import Counter

samples_path, ours_path, *consumers = sys.argv[1:]
samples = [json.loads(line) for line in open(samples_path) if line.strip()]
ours = [json.loads(line) for line in open(ours_path) if line.strip()]
ours = [o for o in ours if "errors" in o]  # the closing summary has none
assert len(samples) == len(ours), "one verdict of ours per sample"

DUPLICATE = "duplicate key: a JSON parser keeps one member, so a schema never sees the other"
BIG = "integer beyond 2^53: a JavaScript number cannot tell it from its neighbours"
WHOLE = "whole number with a fraction or exponent (1.0) for an integer type: an integer to JSON Schema"


def at(value, pointer):
    """The value at an RFC 6901 pointer, or None."""
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        elif isinstance(value, dict) and token in value:
            value = value[token]
        else:
            return None
    return value


def error_cause(payload, error, consumer):
    """The limit that makes a consumer miss one of our errors, or None."""
    if error["kind"] == "duplicate_property":
        return DUPLICATE
    if error["kind"] != "format":
        return None
    value = at(payload, error["pointer"])
    if isinstance(value, float) and value.is_integer():
        return WHOLE
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2 ** 53 \
            and consumer == "ajv":
        return BIG
    return None


def cause(sample, our, their, consumer):
    """Why a consumer's verdict differs from ours, or None when nothing explains it."""
    if our["valid"] or not their["valid"]:
        return None  # ours valid and theirs not: no limit explains that
    payload = json.loads(sample["raw"])
    causes = {error_cause(payload, e, consumer) for e in our["errors"]}
    if None in causes:
        return None
    return " + ".join(sorted(causes))


unexplained = 0
for spec in consumers:
    name, path = spec.split("=", 1)
    theirs = [json.loads(line) for line in open(path) if line.strip()]
    assert len(theirs) == len(samples), f"{name}: one verdict per sample"
    causes = Counter()
    for sample, our, their in zip(samples, ours, theirs):
        if our["valid"] == their["valid"]:
            continue
        why = cause(sample, our, their, name)
        if why is None:
            unexplained += 1
            why = "UNEXPLAINED"
            print(f"  {name} UNEXPLAINED: ours valid={our['valid']}, theirs valid={their['valid']} "
                  f"({their.get('error')}; ours {[(e['pointer'], e['kind']) for e in our['errors']][:5]}): "
                  f"{sample['raw'][:300]}")
        causes[why] += 1
    agree = len(samples) - sum(causes.values())
    print(f"{name}: {len(samples)} samples, {agree} agree ({100 * agree / len(samples):.1f}%), "
          f"{sum(causes.values())} disagree, {causes['UNEXPLAINED']} unexplained")
    for why, n in causes.most_common():
        print(f"    {n:5}  {why}")
sys.exit(1 if unexplained else 0)
