// ajv_load.mjs DIR...: compiles every type's file in each folder written by `build`, by the
// recipe of docs/export.md (load.mjs), so that every `$ref` is resolved; exit 1 if any fails.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { ajvFor, compileType } from "./load.mjs";

let status = 0;
for (const dir of process.argv.slice(2)) {
  const ajv = ajvFor(dir);
  let failed = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith(".schema.json") && f !== "bundle.schema.json");
  for (const file of files) {
    try {
      compileType(join(dir, file), ajv);
    } catch (err) {
      failed += 1;
      console.log(`  ajv: ${join(dir, file)}: ${err.message}`);
    }
  }
  if (failed) status = 1;
  console.log(`ajv: ${dir}: ${files.length} type files, ${files.length - failed} compiled`);
}
process.exit(status);
