// load.mjs: the recipe of docs/export.md for a folder written by `build` or `export --out`. Register
// bundle.schema.json (every type and enum under `$defs`), then compile a type's file: its
// `$ref`s (`bundle.schema.json#/$defs/…`) resolve against its `$id`, next to the bundle's.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** Ajv's 2020-12 build (strict, all errors, formats asserted) with `dir`'s bundle registered. */
export function ajvFor(dir) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(readJson(join(dir, "bundle.schema.json")));
  return ajv;
}

/** The validator of the type's file at `path` (with its folder's bundle unless `ajv` has one). */
export function compileType(path, ajv = ajvFor(dirname(path))) {
  return ajv.compile(readJson(path));
}
