// Validates seclead's `--format oscal` output against NIST's official OSCAL 1.2.1 JSON schema
// (component definition, draft-07) for every scenario fixture and every example, with and
// without each example overlay. The schema files are read from ../shared/oscal/ next to the
// project and never copied into it; when that folder is absent the test says SKIPPED and exits
// 0 without claiming a pass.
//
// Beyond the schema it checks what OSCAL states as constraints outside the JSON schema: UUIDs
// unique, every role-id defined in metadata.roles, every party-uuid defined in
// metadata.parties; and that the output is byte-identical when rendered twice.
//
// Usage: node tests/oscal/validate-oscal.mjs   (SECLEAD_ROOT, SECLEAD_CLI override paths)
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.env.SECLEAD_ROOT || join(here, "..", ".."));
const schemaDir = resolve(root, "..", "shared", "oscal");
const schemaFile = join(schemaDir, "oscal_component_schema.json");
const cli = process.env.SECLEAD_CLI || join(root, "build", "debug", "plugins", "cli", "seclead");

if (!existsSync(schemaFile)) {
  console.log(`oscal: SKIPPED: the NIST OSCAL schema is not at ${schemaFile} (nothing was validated)`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(`oscal: the seclead CLI is not at ${cli} (stage 10 builds it; or set SECLEAD_CLI)`);
  process.exit(1);
}

const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const jsonFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => join(dir, f))
    : [];

// Cases: [label, profile text, overlay files].
const cases = [];
for (const file of jsonFiles(join(root, "tests", "scenarios"))) {
  const fixture = JSON.parse(readFileSync(file, "utf8"));
  if (fixture && typeof fixture === "object" && fixture.profile)
    cases.push([`scenario ${file.slice(root.length + 1)}`, JSON.stringify(fixture.profile), []]);
}
const overlays = jsonFiles(join(root, "examples", "overlays"));
for (const file of jsonFiles(join(root, "examples"))) {
  const text = readFileSync(file, "utf8");
  const label = `example ${file.slice(root.length + 1)}`;
  cases.push([label, text, []]);
  for (const overlay of overlays)
    cases.push([`${label} + ${overlay.slice(root.length + 1)}`, text, [overlay]]);
}

function render(profile, overlayFiles) {
  const args = ["assess", "-", "--format", "oscal"];
  for (const o of overlayFiles) args.push("--overlay", o);
  const run = spawnSync(cli, args, { input: profile, encoding: "utf8", maxBuffer: 64 << 20 });
  return run;
}

// OSCAL constraints that the JSON schema does not express.
function crossCheck(doc) {
  const problems = [];
  const cd = doc["component-definition"];
  const md = cd.metadata;
  const roles = new Set((md.roles || []).map((r) => r.id));
  const parties = new Set((md.parties || []).map((p) => p.uuid));
  const uuids = [];
  const walk = (node, path) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
    if (!node || typeof node !== "object") return;
    for (const [k, v] of Object.entries(node)) {
      const at = `${path}/${k}`;
      if (k === "uuid") uuids.push([v, at]);
      if (k === "role-id" && !roles.has(v)) problems.push(`${at}: role-id '${v}' is not in metadata.roles`);
      if (k === "party-uuids")
        for (const p of v) if (!parties.has(p)) problems.push(`${at}: party ${p} is not in metadata.parties`);
      walk(v, at);
    }
  };
  walk(doc, "");
  const seen = new Map();
  for (const [u, at] of uuids) {
    if (seen.has(u)) problems.push(`${at}: uuid ${u} repeats ${seen.get(u)}`);
    seen.set(u, at);
  }
  if (!roles.size) problems.push("metadata.roles is empty");
  if (!(md["responsible-parties"] || []).length) problems.push("metadata.responsible-parties is empty");
  return problems;
}

let failures = 0;
let valid = 0;
for (const [label, profile, overlayFiles] of cases) {
  const run = render(profile, overlayFiles);
  if (run.status !== 0) {
    failures++;
    console.error(`FAIL ${label}: exit ${run.status}: ${(run.stderr || "").trim()} ${(run.stdout || "").slice(0, 400)}`);
    continue;
  }
  let doc;
  try {
    doc = JSON.parse(run.stdout);
  } catch (e) {
    failures++;
    console.error(`FAIL ${label}: output is not JSON: ${e.message}`);
    continue;
  }
  const problems = [];
  if (!validate(doc))
    for (const e of validate.errors.slice(0, 20)) problems.push(`schema: ${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  problems.push(...crossCheck(doc));
  const again = render(profile, overlayFiles);
  if (again.stdout !== run.stdout) problems.push("not deterministic: two renderings differ");
  if (problems.length) {
    failures++;
    console.error(`FAIL ${label}:\n  ${problems.join("\n  ")}`);
  } else {
    valid++;
  }
}

if (cases.length === 0) {
  console.error("oscal: no scenario fixture or example found");
  process.exit(1);
}
console.log(
  `oscal: ${valid} of ${cases.length} documents valid against NIST OSCAL ${schema.$id.match(/\d+\.\d+\.\d+/)?.[0] ?? ""} component-definition schema (${schemaFile})`,
);
process.exit(failures ? 1 : 0);
