"""py_check.py SCHEMA SAMPLES: one {"valid": bool, "error": ...} line per sample, with the type's
file SCHEMA loaded by the recipe of docs/export.md (load.py: jsonschema's Draft202012Validator with its
folder's bundle in a referencing.Registry, format checker on: date-time by rfc3339-validator)."""
import json
import sys

from load import validator_for

schema_path, samples_path = sys.argv[1:3]
validator = validator_for(schema_path)
with open(samples_path) as f:
    for line in f:
        if not line.strip():
            continue
        errors = list(validator.iter_errors(json.loads(json.loads(line)["raw"])))
        first = errors[0] if errors else None
        print(json.dumps({"valid": not errors,
                          "error": first and f"/{'/'.join(map(str, first.absolute_path))} {first.validator}"}))
