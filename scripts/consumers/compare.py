"""compare.py SCHEMA SAMPLES OURS CONSUMER=VERDICTS...: compares each consumer's verdicts with
ours and names the cause of every disagreement; exits 1 if any is unexplained."""
import json
import re
import sys
from collections import Counter

schema_path, samples_path, ours_path, *consumers = sys.argv[1:]
schema = json.load(open(schema_path))


def own_properties(node):
    """The type's own `properties`: in the `else` of its `@odata.type` check (the `then` checks
    a value naming another type), under a derived-type dispatch's last `allOf` branch."""
    if "properties" in node and "additionalProperties" in node:
        return node["properties"]
    for branch in [node.get("else")] + node.get("allOf", []):
        found = own_properties(branch) if isinstance(branch, dict) else None
        if found is not None:
            return found
    return None


date_time_properties = {name for name, prop in own_properties(schema).items()
                        if "date-time" in json.dumps(prop)}
samples = [json.loads(line) for line in open(samples_path) if line.strip()]
ours = [json.loads(line) for line in open(ours_path) if line.strip()]
assert len(samples) == len(ours), "one verdict of ours per sample"

# RFC 3339 §5.6 date-time, which `format: date-time` asserts: 4-digit year, seconds required.
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


def rfc3339_gap(text):
    """Why an OData dateTimeOffsetValue is not an RFC 3339 date-time, or None."""
    if text.startswith("-") or not re.match(r"^\d{4}-", text):
        return "year outside 0000-9999 (OData allows a sign and more digits)"
    if not RFC3339.match(text):
        return "no seconds (optional in OData)"
    if re.search(r":60(\.\d+)?([Zz]|[+-])", text):
        return "leap second 60 (RFC 3339: only at 23:59 UTC; OData: any minute)"
    return None


def cause(sample, our, their):
    kinds = {e["kind"] for e in our["errors"]}
    if not our["valid"] and their["valid"] and kinds == {"duplicate_property"}:
        return "duplicate key: a JSON parser keeps the last member, so a schema never sees it"
    if our["valid"] and not their["valid"]:
        payload = json.loads(sample["raw"])
        gaps = [rfc3339_gap(v) for k, v in payload.items()
                if k in date_time_properties and isinstance(v, str)]
        gaps = [g for g in gaps if g]
        if gaps:
            return "date-time: RFC 3339 rejects an OData value: " + gaps[0]
    return None


unexplained = 0
for spec in consumers:
    name, path = spec.split("=", 1)
    theirs = [json.loads(line) for line in open(path) if line.strip()]
    assert len(theirs) == len(samples), f"{name}: one verdict per sample"
    causes = Counter()
    for sample, our, their in zip(samples, ours, theirs):
        if our["valid"] == their["valid"]:
            continue
        why = cause(sample, our, their)
        if why is None:
            unexplained += 1
            why = "UNEXPLAINED"
            print(f"  {name} UNEXPLAINED: ours valid={our['valid']}, theirs valid={their['valid']} "
                  f"({their.get('error')}): {sample['raw'][:300]}")
        causes[why] += 1
    agree = len(samples) - sum(causes.values())
    print(f"{name}: {len(samples)} samples, {agree} agree ({100 * agree / len(samples):.1f}%), "
          f"{sum(causes.values())} disagree")
    for why, n in causes.most_common():
        print(f"    {n:5}  {why}")
sys.exit(1 if unexplained else 0)
