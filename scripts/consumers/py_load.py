"""py_load.py DIR...: loads every type's file in each folder written by `build` by the recipe of
docs/export.md (load.py), checks it against the 2020-12 meta-schema and resolves every `$ref` it reaches,
through the bundle too; exits 1 if any fails. (jsonschema resolves a `$ref` only when a value
reaches it, so the references are followed here.)"""
import json
import sys
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Resource

from load import follow_refs, registry_for, validator_for


def resolve_all(schema, registry):
    """Follows every `$ref` that `schema` reaches, with `registry` (the bundle's) and the schema
    itself registered; raises referencing's Unresolvable on the first that does not resolve."""
    registry = registry.with_resource(schema["$id"], Resource.from_contents(schema))
    follow_refs(schema, registry.resolver(base_uri=schema["$id"]))


status = 0
for folder in map(Path, sys.argv[1:]):
    registry = registry_for(folder)
    Draft202012Validator.check_schema(json.loads((folder / "bundle.schema.json").read_text()))
    files = sorted(p for p in folder.glob("*.schema.json") if p.name != "bundle.schema.json")
    failed = 0
    for path in files:
        try:
            validator = validator_for(path, registry)
            Draft202012Validator.check_schema(validator.schema)
            resolve_all(validator.schema, registry)
        except Exception as err:  # every failure is reported, whatever its kind
            failed += 1
            print(f"  python-jsonschema: {path}: {type(err).__name__}: {str(err)[:300]}")
    status |= bool(failed)
    print(f"python-jsonschema: {folder}: {len(files)} type files, {len(files) - failed} loaded")
sys.exit(status)
