"""load.py: the recipe of docs/export.md for a folder written by `build` or `export --out`. Register
bundle.schema.json (every type and enum under `$defs`) under its `$id`, then load a type's file:
its `$ref`s (`bundle.schema.json#/$defs/...`) resolve against its `$id`, next to the bundle's."""
import json
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

# Keywords whose values are data, not subschemas.
DATA = {"enum", "const", "default", "examples", "required", "type", "pattern", "format",
        "title", "description", "$schema", "$id", "$ref", "readOnly"}


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


def follow_refs(schema, resolver, seen=None):
    """Follows every `$ref` that `schema` reaches, each against `resolver` (the one of the
    document holding it); raises referencing's Unresolvable on the first that does not resolve.
    (jsonschema resolves a `$ref` only when a value reaches it.) `seen`: the ids of the schemas
    already followed, to share between calls over one document."""
    stack = [(schema, resolver)]
    seen = set() if seen is None else seen
    while stack:
        node, resolver = stack.pop()
        if isinstance(node, list):
            stack.extend((item, resolver) for item in node)
            continue
        if not isinstance(node, dict):
            continue
        if "$ref" in node:
            resolved = resolver.lookup(node["$ref"])
            if id(resolved.contents) not in seen:
                seen.add(id(resolved.contents))
                stack.append((resolved.contents, resolved.resolver))
        for key, value in node.items():
            if key in ("properties", "patternProperties", "$defs"):
                stack.extend((sub, resolver) for sub in value.values())
            elif key not in DATA:
                stack.append((value, resolver))
