// ts_check.mjs DIR TYPE SAMPLES [WORK]: TypeScript declarations from the exported JSON Schema,
// proven by the compiler. DIR holds bundle.schema.json and TYPE's file (`build`'s or
// `export --out`'s layout); SAMPLES is `msgraph-schema sample` NDJSON ({"raw","valid",...}).
//
// 1. The declarations: json-schema-to-typescript, fed the type's file by the recipe of
//    docs/export.md (`typesView`, the bundle from a `$refOptions` resolver: nothing fetched).
// 2. Every valid sample, its raw JSON text kept as an object literal, is assigned to the type
//    (`const s0: T = {...};`) and `tsc --noEmit --strict` must accept the file.
// 3. Negatives, each a valid sample with one change, must each fail to type-check: an enum
//    property set to a value outside the enum, a required property removed (when the schema
//    requires one: strict), a property the type does not declare added. Each file also holds
//    the same sample unchanged, which must type-check, so the one change is what fails.
// Prints figures; exit 1 on any failure. Files are written under WORK (default: a folder next
// to SAMPLES).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const require = createRequire(import.meta.url);
const { toSafeString } = require("json-schema-to-typescript/dist/src/utils.js");
const here = dirname(fileURLToPath(import.meta.url));
const BUNDLE = "bundle.schema.json";

// --- The recipe (docs/export.md, "TypeScript") -------------------------------------------------

/**
 * The schema as json-schema-to-typescript can read it. A type's rules sit under an `if`/`then`/
 * `else` dispatch on `@odata.type`, which the generator ignores (it would declare
 * `{[k: string]: unknown}`). The `else` is the type's own rules; the `then` only makes a value
 * naming another type fail, so it has no shape to declare. A type with derived types is an
 * `allOf` of one `if`/`then` per derived type (`then`: its definition) and a last `if`/`else`
 * (the own rules): a value of it is one of those, so the view is their union (`anyOf`).
 * Anything else is kept as is; an `if` of another shape is an error, not guessed at.
 */
export function typesView(node) {
  if (Array.isArray(node)) return node.map(typesView);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (!["if", "then", "else"].includes(key)) out[key] = typesView(value);
  }
  if ("if" in node) {
    if (!dispatchesOnType(node.if)) throw new Error(`an if of unknown shape: ${JSON.stringify(node.if)}`);
    for (const [key, value] of Object.entries(typesView(node.else ?? {}))) {
      if (key in out) throw new Error(`"${key}" both beside the if and under its else`);
      out[key] = value;
    }
  }
  if (Array.isArray(node.allOf) && node.allOf.length > 0 && node.allOf.every((b) => "if" in b)) {
    const own = node.allOf.filter((b) => "else" in b);
    const derived = node.allOf.filter((b) => "then" in b);
    if (own.length !== 1 || !derived.every((b) => b.then.$ref && !("else" in b))) {
      throw new Error("an allOf of if branches that is not a dispatch on @odata.type");
    }
    delete out.allOf;
    delete out.type;
    out.anyOf = [{ type: "object", ...typesView(own[0].else) }, ...derived.map((b) => typesView(b.then))];
  }
  if (isAnyButNull(out)) {
    // `Edm.Stream`: any JSON value but null, which the generator would declare an object; the
    // TypeScript type of "anything but null or undefined" is `{}`.
    delete out.not;
    out.tsType = "{}";
  }
  if (Array.isArray(out.anyOf) && out.anyOf.length > 0 && out.anyOf.every(requiresOnly)) {
    // A parameter required under either spelling: each branch only names the one it requires,
    // and the own rules beside it say what else may appear, so no branch adds an index signature.
    out.anyOf = out.anyOf.map((b) => ({ ...b, additionalProperties: false }));
  }
  return out;
}

/** Whether a schema allows any value but `null` and says nothing else of its shape
 * (`{"not": {"type": "null"}}`, the emitter's `Edm.Stream`). */
function isAnyButNull(schema) {
  const shape = ["type", "$ref", "enum", "const", "properties", "items", "anyOf", "oneOf", "allOf", "pattern"];
  return JSON.stringify(schema.not) === JSON.stringify({ type: "null" }) && !shape.some((k) => k in schema);
}

/** Whether a schema only requires properties (`{"properties": {"x": true}, "required": ["x"]}`,
 * closed or not). */
function requiresOnly(schema) {
  const names = Object.keys(schema?.properties ?? {});
  return (
    Object.entries(schema ?? {}).every(([k, v]) => k === "properties" || k === "required" || (k === "additionalProperties" && v === false)) &&
    names.length > 0 &&
    names.every((n) => schema.properties[n] === true) &&
    JSON.stringify([...(schema.required ?? [])].sort()) === JSON.stringify([...names].sort())
  );
}

/** Whether an `if` asks about `@odata.type` alone (the emitter's dispatch). */
function dispatchesOnType(test) {
  return (
    test !== null &&
    typeof test === "object" &&
    JSON.stringify(test.required) === JSON.stringify(["@odata.type"]) &&
    Object.keys(test.properties ?? {}).every((p) => p === "@odata.type")
  );
}

/**
 * The json-schema-to-typescript options that resolve the type file's `$ref`s
 * (`bundle.schema.json#/$defs/…`) to `bundle`'s view and nothing else: json-schema-ref-parser
 * resolves a relative reference against `cwd` (not `$id`), and with its file and http
 * resolvers off, any other reference fails instead of being read or fetched.
 */
export function offlineOptions(dir, bundle) {
  const text = JSON.stringify(typesView(bundle));
  return {
    cwd: dir,
    bannerComment: "",
    $refOptions: {
      resolve: {
        file: false,
        http: false,
        msgraphBundle: { order: 1, canRead: (file) => basename(file.url) === BUNDLE, read: () => text },
      },
    },
  };
}

/** A type that allows the annotations (`patternProperties: {"@": true}`) and no other unknown key:
 * json-schema-to-typescript declares `[k: string]: unknown` for any pattern, which TypeScript's
 * template-literal index signature narrows to the keys holding an `@`. Returns [text, count]. */
export function narrowAnnotations(ts) {
  const signature =
    /(\* via the `patternProperty` "@"\.\n\s*\*\/\n\s*)\[k: string\]: unknown;/g;
  let count = 0;
  const narrowed = ts.replace(signature, (_, comment) => {
    count += 1;
    return `${comment}[k: \`\${string}@\${string}\`]: unknown;`;
  });
  return [narrowed, count];
}

// --- Samples as TypeScript literals -------------------------------------------------------------

/**
 * The raw JSON text of a value as a TypeScript expression of the same value: JSON is that
 * already (strings, numbers such as `1e2`, `-0` or 2^64 kept as written), except that a
 * `"__proto__"` key would set the prototype in an object literal, so it is written as the
 * computed `["__proto__"]`, an own property as in JSON.parse. A duplicate key cannot be (TS1117):
 * `dup` names it, and the text is null.
 */
export function tsLiteral(raw) {
  let at = 0;
  const out = [];
  const stats = { proto: 0, dup: null, bigIntegers: 0 };
  const ws = () => {
    const m = /^[ \t\n\r]*/.exec(raw.slice(at));
    out.push(m[0]);
    at += m[0].length;
  };
  const fail = (what) => {
    throw new Error(`not JSON at ${at}: ${what}`);
  };
  const string = () => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(raw.slice(at));
    if (!m) fail("a string");
    at += m[0].length;
    return m[0];
  };
  const value = () => {
    ws();
    const c = raw[at];
    if (c === "{") {
      out.push("{");
      at += 1;
      ws();
      const keys = new Set();
      if (raw[at] === "}") {
        out.push("}");
        at += 1;
        return;
      }
      for (;;) {
        ws();
        const key = string();
        const name = JSON.parse(key);
        if (keys.has(name)) stats.dup ??= name;
        keys.add(name);
        if (name === "__proto__") stats.proto += 1;
        out.push(name === "__proto__" ? `[${key}]` : key);
        ws();
        if (raw[at] !== ":") fail("':'");
        out.push(":");
        at += 1;
        value();
        ws();
        if (raw[at] === ",") {
          out.push(",");
          at += 1;
          continue;
        }
        if (raw[at] !== "}") fail("',' or '}'");
        out.push("}");
        at += 1;
        return;
      }
    }
    if (c === "[") {
      out.push("[");
      at += 1;
      ws();
      if (raw[at] === "]") {
        out.push("]");
        at += 1;
        return;
      }
      for (;;) {
        value();
        ws();
        if (raw[at] === ",") {
          out.push(",");
          at += 1;
          continue;
        }
        if (raw[at] !== "]") fail("',' or ']'");
        out.push("]");
        at += 1;
        return;
      }
    }
    if (c === '"') {
      out.push(string());
      return;
    }
    const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/.exec(raw.slice(at));
    if (!m) fail("a value");
    if (/^-?[0-9]+$/.test(m[0]) && !Number.isSafeInteger(Number(m[0]))) stats.bigIntegers += 1;
    out.push(m[0]);
    at += m[0].length;
  };
  value();
  ws();
  if (at !== raw.length) fail("the end");
  return { text: stats.dup === null ? out.join("") : null, ...stats };
}

// --- The check ----------------------------------------------------------------------------------

function main() {
  const [dir, type, samplesPath, workArg] = process.argv.slice(2);
  if (!samplesPath) {
    console.error("usage: ts_check.mjs DIR TYPE SAMPLES [WORK]");
    process.exit(2);
  }
  const work = workArg ?? join(dirname(samplesPath), `ts-${basename(dir)}-${type}`);
  return run(dir, type, samplesPath, work);
}

async function run(dir, type, samplesPath, work) {
  const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
  const bundle = readJson(join(dir, BUNDLE));
  const root = typesView(readJson(join(dir, `${type}.schema.json`)));
  const name = toSafeString(root.title ?? type);
  const generated = await compile(root, name, offlineOptions(dir, bundle));
  const [declarations, narrowed] = narrowAnnotations(generated);
  if (!new RegExp(`^export (?:interface|type) ${name}\\b`, "m").test(declarations)) {
    throw new Error(`no declaration of ${name} among the generated ones`);
  }
  const declared = (declarations.match(/^export (?:interface|type) /gm) ?? []).length;

  // The valid samples, each as a literal assigned to the type.
  const valid = [];
  const unwritable = [];
  let proto = 0;
  let bigIntegers = 0;
  for (const line of readFileSync(samplesPath, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const sample = JSON.parse(line);
    if (!sample.valid) continue;
    const literal = tsLiteral(sample.raw);
    proto += literal.proto;
    bigIntegers += literal.bigIntegers;
    if (literal.text === null) unwritable.push("a duplicate key (TS1117)");
    else valid.push({ raw: sample.raw, text: literal.text });
  }
  if (valid.length === 0) throw new Error(`no valid sample in ${samplesPath}`);
  const header = `import type { ${name} } from "./types";\n\n`;
  const files = {
    "types.ts": declarations,
    "valid.ts": header + valid.map((s, i) => `export const s${i}: ${name} = ${s.text};\n`).join(""),
  };

  // The negatives: one change to a valid sample each.
  const negatives = [];
  const own = root.anyOf ? root.anyOf[0] : root;
  const ownNames = new Set(Object.values(own.properties?.["@odata.type"]?.enum ?? []));
  // A sample checked against the type's own rules (no `@odata.type` naming a derived type).
  const plain = valid.map((s) => JSON.parse(s.raw)).filter((v) => !("@odata.type" in v) || ownNames.has(v["@odata.type"]));
  const base = plain[0] ?? JSON.parse(valid[0].raw);
  const enumProperty = findEnumProperty(own, bundle);
  if (enumProperty) {
    const [property, members] = enumProperty;
    let wrong = "notAMember";
    while (members.includes(wrong)) wrong += "X";
    negatives.push({ what: `enum ${property}: "${wrong}"`, value: { ...base, [property]: wrong } });
  }
  // A required property (strict), or a parameter required under either spelling: all removed.
  const required = [
    ...(own.required ?? []).map((name) => [name]),
    ...(own.allOf ?? []).filter((s) => s.anyOf?.every(requiresOnly)).map((s) => s.anyOf.flatMap((b) => b.required)),
  ];
  if (required.length > 0) {
    const names = required[0];
    const sample = plain.find((v) => names.some((name) => name in v)) ?? base;
    const without = Object.fromEntries(Object.entries(sample).filter(([key]) => !names.includes(key)));
    negatives.push({ what: `required ${names.join("/")} removed`, value: without, control: sample });
  }
  let unknown = "notAProperty";
  while (unknown in (own.properties ?? {})) unknown += "X";
  negatives.push({ what: `undeclared ${unknown}`, value: { ...base, [unknown]: null } });
  negatives.forEach((n, i) => {
    // One property a line; the lines of the control (the unchanged sample) come first.
    const control = JSON.stringify(n.control ?? base, null, 2);
    files[`negative${i}.ts`] = `${header}export const control: ${name} = ${tsLiteral(control).text};\n` +
      `export const negative: ${name} = ${tsLiteral(JSON.stringify(n.value, null, 2)).text};\n`;
  });

  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(work, file), text);
  const diagnostics = tsc(work, Object.keys(files));

  const problems = [];
  const byFile = (file) => diagnostics.filter((d) => d.file === file);
  for (const file of ["types.ts", "valid.ts"]) {
    for (const d of byFile(file).slice(0, 5)) problems.push(`${file}(${d.line}): ${d.text}`);
  }
  const rejected = negatives.map((n, i) => {
    const file = `negative${i}.ts`;
    const text = files[file];
    const negativeLine = text.slice(0, text.indexOf("export const negative")).split("\n").length;
    const found = byFile(file);
    for (const d of found.filter((d) => d.line < negativeLine)) problems.push(`${file}: the control fails: ${d.text}`);
    const errors = found.filter((d) => d.line >= negativeLine);
    if (errors.length === 0) problems.push(`${file}: type-checks with ${n.what}`);
    return `${n.what}: ${errors.length ? errors[0].code : "ACCEPTED"}`;
  });

  const size = Buffer.byteLength(declarations);
  const reasons = [...new Set(unwritable)].join(", ");
  const invalid = byFile("types.ts").length + byFile("valid.ts").length;
  console.log(
    `typescript: ${type} (${basename(dir)}): ${declared} declarations (${size} bytes; ${narrowed} annotation ` +
      `index signature(s) narrowed to \`\${string}@\${string}\`); ${valid.length} valid samples assigned, ` +
      `type-check: ${problems.length === 0 ? "yes" : `NO, ${invalid} errors`} (${unwritable.length} not a TypeScript literal` +
      `${reasons ? `: ${reasons}` : ""}; ${proto} "__proto__" keys written computed; ${bigIntegers} integers ` +
      `beyond 2^53, typed number); negatives rejected ${rejected.filter((r) => !r.endsWith("ACCEPTED")).length}` +
      `/${negatives.length} (${rejected.join("; ")})`,
  );
  for (const p of problems) console.log(`  FAIL ${p}`);
  return problems.length === 0 ? 0 : 1;
}

/** An enum-valued property of the type's own rules, not an annotation: [name, members]; a
 * property of an enum type first, else `@odata.type` (an enum of the names of the type). */
function findEnumProperty(own, bundle) {
  const defs = bundle.$defs ?? {};
  const resolve = (schema) => {
    const ref = schema?.$ref ?? schema?.anyOf?.find((s) => s.$ref)?.$ref;
    const m = ref && /#\/\$defs\/(.+)$/.exec(ref);
    return m ? defs[decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~")] : schema;
  };
  for (const [property, schema] of Object.entries(own.properties ?? {})) {
    if (property.includes("@")) continue;
    const members = resolve(schema)?.enum;
    if (Array.isArray(members)) return [property, members];
  }
  const members = own.properties?.["@odata.type"]?.enum;
  return Array.isArray(members) ? ["@odata.type", members] : null;
}

/** Runs `tsc --noEmit --strict` on `files` in `work`; its diagnostics, by file and line. */
function tsc(work, files) {
  const bin = join(here, "node_modules", "typescript", "bin", "tsc");
  const args = [bin, "--noEmit", "--strict", "--pretty", "false", "--target", "es2022", "--module", "esnext",
    "--moduleResolution", "bundler", "--types", "", ...files];
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.error) throw result.error;
  const diagnostics = [];
  for (const line of `${result.stdout}${result.stderr}`.split("\n")) {
    const m = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
    if (m) diagnostics.push({ file: m[1], line: Number(m[2]), code: m[3], text: `${m[3]} ${m[4].slice(0, 300)}` });
    else if (/^\s/.test(line) && diagnostics.length > 0) continue; // the elaboration of the last one
    else if (line.trim()) diagnostics.push({ file: "?", line: 0, code: "?", text: line });
  }
  if (result.status !== 0 && diagnostics.length === 0) throw new Error(`tsc exited ${result.status} without diagnostics`);
  const stray = diagnostics.filter((d) => !files.includes(d.file));
  if (stray.length) throw new Error(`tsc: ${stray.map((d) => d.text).join("\n")}`);
  return diagnostics;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
