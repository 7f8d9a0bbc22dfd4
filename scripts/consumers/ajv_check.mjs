// ajv_check.mjs SCHEMA SAMPLES: one {"valid": bool, "error": ...} line per sample, with Ajv's
// 2020-12 build in strict mode, all errors, and ajv-formats asserting `format`.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, samplesPath] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const out = [];
for (const line of readFileSync(samplesPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const valid = validate(JSON.parse(JSON.parse(line).raw));
  const first = valid ? null : validate.errors[0];
  out.push(JSON.stringify({ valid, error: first && `${first.instancePath} ${first.keyword}` }));
}
process.stdout.write(out.join("\n") + "\n");
