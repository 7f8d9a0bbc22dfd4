// ajv_check.mjs SCHEMA SAMPLES: one {"valid": bool, "error": ...} line per sample, with the type's
// file SCHEMA loaded by the recipe of docs/export.md (load.mjs: its folder's bundle registered first).
import { readFileSync } from "node:fs";
import { compileType } from "./load.mjs";

const [schemaPath, samplesPath] = process.argv.slice(2);
const validate = compileType(schemaPath);
const out = [];
for (const line of readFileSync(samplesPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const valid = validate(JSON.parse(JSON.parse(line).raw));
  const first = valid ? null : validate.errors[0];
  out.push(JSON.stringify({ valid, error: first && `${first.instancePath} ${first.keyword}` }));
}
process.stdout.write(out.join("\n") + "\n");
