"""openapi_check.py FILE...: checks each OpenAPI 3.1 document that `export --format openapi`
writes, first with openapi-spec-validator (the OpenAPI 3.1 schema of the document, its component
keys and references), then each component schema with Python jsonschema: valid against the JSON
Schema 2020-12 meta-schema (patterns read as regular expressions) and every `$ref` it reaches
resolved within the document. Prints one line per document; on any failure, the validator's
message, and exits 1."""
import json
import sys
from importlib.metadata import version
from pathlib import Path

from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator, validate
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from load import follow_refs

# The URI the document is registered under: its `#/components/schemas/...` resolve against it.
BASE = "urn:msgraph-schema:openapi-check"
# The longest message printed per failure (a validator's message may quote the whole document).
MESSAGE = 2000


def failures(document):
    """Every failure of `document`, as a message."""
    try:
        validate(document, cls=OpenAPIV31SpecValidator)
    except Exception as err:  # every failure is reported, whatever its kind
        return [f"openapi-spec-validator: {type(err).__name__}: {str(err)[:MESSAGE]}"]
    found = []
    if document.get("jsonSchemaDialect") != Draft202012Validator.META_SCHEMA["$id"]:
        found.append(f"jsonSchemaDialect is {document.get('jsonSchemaDialect')!r}, not 2020-12")
    registry = Registry().with_resource(BASE, DRAFT202012.create_resource(document))
    resolver = registry.resolver(base_uri=BASE)
    followed = set()
    for key, schema in document.get("components", {}).get("schemas", {}).items():
        try:
            Draft202012Validator.check_schema(schema)
            follow_refs(schema, resolver, followed)
        except Exception as err:  # every failure is reported, whatever its kind
            found.append(f"python-jsonschema: {key}: {type(err).__name__}: {str(err)[:MESSAGE]}")
    return found


status = 0
tool = f"openapi-spec-validator {version('openapi-spec-validator')}"
for path in sys.argv[1:]:
    document = json.loads(Path(path).read_text())
    found = failures(document)
    for message in found:
        print(f"  {path}: {message}")
    schemas = len(document.get("components", {}).get("schemas", {}))
    if found:
        status = 1
        print(f"{tool}: {path}: INVALID ({len(found)} failures)")
    else:
        print(f"{tool}: {path}: valid OpenAPI {document['openapi']}; {schemas} component schemas, "
              "each a valid 2020-12 schema with every $ref resolved in the document")
sys.exit(status)
