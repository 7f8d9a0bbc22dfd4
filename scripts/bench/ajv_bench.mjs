// ajv_bench.mjs SCHEMA VALID INVALID REPS: times Ajv (2020-12 build, all errors, ajv-formats)
// parsing and validating every line of each NDJSON file; prints the best time of REPS runs per
// file as {"valid_seconds": s, "invalid_seconds": s}. Run by benches/throughput.rs.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, validPath, invalidPath, repsText] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const reps = Number(repsText || 5);

function best(path) {
  const lines = readFileSync(path, "utf8").split("\n").filter((l) => l.length > 0);
  let bestNs = Infinity;
  let errors = 0;
  for (let r = 0; r < reps; r++) {
    errors = 0;
    const start = process.hrtime.bigint();
    for (const line of lines) {
      if (!validate(JSON.parse(line))) errors += validate.errors.length;
    }
    bestNs = Math.min(bestNs, Number(process.hrtime.bigint() - start));
  }
  return { seconds: bestNs / 1e9, errors };
}

const valid = best(validPath);
const invalid = best(invalidPath);
if (valid.errors !== 0 || invalid.errors === 0) {
  console.error(`unexpected verdicts: ${valid.errors} errors in the valid share, ${invalid.errors} in the invalid one`);
  process.exit(1);
}
console.log(JSON.stringify({ valid_seconds: valid.seconds, invalid_seconds: invalid.seconds }));
