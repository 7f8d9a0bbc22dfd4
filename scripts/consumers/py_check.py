"""py_check.py SCHEMA SAMPLES: one {"valid": bool, "error": ...} line per sample, with
jsonschema's Draft202012Validator and its format checker (date-time by rfc3339-validator)."""
import json
import sys

from jsonschema import Draft202012Validator

schema_path, samples_path = sys.argv[1:3]
with open(schema_path) as f:
    validator = Draft202012Validator(json.load(f), format_checker=Draft202012Validator.FORMAT_CHECKER)
with open(samples_path) as f:
    for line in f:
        if not line.strip():
            continue
        errors = list(validator.iter_errors(json.loads(json.loads(line)["raw"])))
        first = errors[0] if errors else None
        print(json.dumps({"valid": not errors,
                          "error": first and f"/{'/'.join(map(str, first.absolute_path))} {first.validator}"}))
