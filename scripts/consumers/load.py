"""load.py: the recipe of docs/export.md for a folder written by `build` or `export --out`. Register
bundle.schema.json (every type and enum under `$defs`) under its `$id`, then load a type's file:
its `$ref`s (`bundle.schema.json#/$defs/...`) resolve against its `$id`, next to the bundle's."""
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource


def registry_for(folder):
    """A registry holding the bundle of `folder`."""
    bundle = json.loads((Path(folder) / "bundle.schema.json").read_text())
    return Registry().with_resource(bundle["$id"], Resource.from_contents(bundle))


def validator_for(path, registry=None):
    """The validator of the type's file at `path`, formats asserted."""
    path = Path(path)
    registry = registry if registry is not None else registry_for(path.parent)
    schema = json.loads(path.read_text())
    return Draft202012Validator(schema, registry=registry,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)
