// Keeps the JSON Schemas (core/schema/) and the native validator in agreement:
//  1. the schemas' closed vocabularies equal the knowledge base's (currencies, role ids,
//     responsibility ids) and the ISO 3166-1 list the validator embeds (249 codes);
//  2. every examples/*.json and every tests/scenarios/*.json `.profile` is valid for the
//     profile schema AND for the native validator (`seclead validate`, exit 0);
//  3. every case of tests/bad_profiles/cases.json that a JSON Schema can express is invalid
//     for both, and the schema complains at exactly the JSON Pointers the table lists;
//     raw-text inputs and cases with syntax/limit/reference errors (or a `schemaSkip`
//     reason) are skipped and listed;
//  4. the report of each example and scenario (native CLI) validates against the report schema.
//
// Usage: SECLEAD_CLI=build/debug/plugins/cli/seclead node tests/schema/check-schemas.mjs
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv2020 from 'ajv/dist/2020.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cli = resolve(root, process.env.SECLEAD_CLI || 'build/debug/plugins/cli/seclead');
const readJson = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));

let failures = 0;
let checks = 0;
const fail = (msg) => {
  failures++;
  console.error(`FAIL ${msg}`);
};
const check = (ok, msg) => {
  checks++;
  if (!ok) fail(msg);
};

const ajv = new Ajv2020({ allErrors: true, strict: true });
const profileSchema = readJson('core/schema/profile.schema.json');
const reportSchema = readJson('core/schema/report.schema.json');
const validateProfile = ajv.compile(profileSchema);
const validateReport = ajv.compile(reportSchema);

const runCli = (args, input) =>
  spawnSync(cli, args, { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const sameSet = (a, b) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

// 1. vocabularies
{
  const meta = readJson('core/knowledge/meta.json');
  const currencies = profileSchema.$defs.currency.enum;
  check(sameSet(currencies, Object.keys(meta.usdPerUnit)),
    `currency enum differs from core/knowledge/meta.json usdPerUnit: ${currencies} vs ${Object.keys(meta.usdPerUnit)}`);
  const responsibilities = readJson('core/knowledge/responsibilities.json').map((r) => r.id);
  check(sameSet(profileSchema.$defs.responsibilityId.enum, responsibilities),
    'responsibilityId enum differs from core/knowledge/responsibilities.json');
  const roles = readJson('core/knowledge/roles.json').map((r) => r.id);
  check(sameSet(profileSchema.$defs.roleId.enum, roles), 'roleId enum differs from core/knowledge/roles.json');
  const pattern = profileSchema.$defs.country.pattern;
  const schemaCountries = pattern.slice(2, pattern.indexOf(')')).split('|');
  const source = readFileSync(join(root, 'core/src/profile.cpp'), 'utf8');
  const table = source.match(/kCountries =\s*((?:\s*"[A-Z]*")+);/);
  const nativeCountries = table ? table[1].replace(/[\s"]/g, '').match(/../g) : [];
  check(schemaCountries.length === 249 && sameSet(schemaCountries, nativeCountries),
    `country codes: schema has ${schemaCountries.length}, profile.cpp has ${nativeCountries.length}, they must be the same 249`);
}

// 2. valid profiles
const valid = [];
for (const f of readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.json')).sort())
  valid.push({ name: `examples/${f}`, profile: readJson(`examples/${f}`) });
for (const f of readdirSync(join(root, 'tests/scenarios')).filter((f) => f.endsWith('.json')).sort()) {
  const doc = readJson(`tests/scenarios/${f}`);
  if (doc && typeof doc === 'object' && doc.profile) valid.push({ name: `tests/scenarios/${f}`, profile: doc.profile });
}
for (const { name, profile } of valid) {
  const schemaOk = validateProfile(profile);
  check(schemaOk, `${name}: the profile schema rejects a valid profile: ${ajv.errorsText(validateProfile.errors)}`);
  const r = runCli(['validate', '-'], JSON.stringify(profile));
  check(r.status === 0, `${name}: the native validator rejects it (exit ${r.status}): ${r.stdout.slice(0, 300)}`);
}
console.log(`valid profiles: ${valid.length} accepted by the schema and the native validator`);

// 3. invalid profiles
const rawInput = (input) =>
  input && typeof input === 'object' && !Array.isArray(input) && (typeof input.text === 'string' || typeof input.hex === 'string');
const notExpressible = new Set(['syntax', 'limit', 'reference']);
// The JSON Pointer an Ajv error is about (required / unknown members point at the member).
const pointerOf = (e) => {
  const esc = (s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1');
  if (e.keyword === 'required') return `${e.instancePath}/${esc(e.params.missingProperty)}`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${esc(e.params.additionalProperty)}`;
  if (e.propertyName !== undefined) return `${e.instancePath}/${esc(e.propertyName)}`;
  return e.instancePath;
};
const cases = readJson('tests/bad_profiles/cases.json');
const skipped = [];
let compared = 0;
for (const c of cases) {
  let reason = null;
  if (rawInput(c.input)) reason = 'raw text or bytes';
  else if (c.schemaSkip) reason = c.schemaSkip;
  else {
    const codes = [...new Set(c.errors.filter((e) => notExpressible.has(e.code)).map((e) => e.code))];
    if (codes.length) reason = `${codes.join('/')} errors`;
  }
  if (reason) {
    skipped.push(`${c.name} (${reason})`);
    continue;
  }
  compared++;
  const schemaOk = validateProfile(c.input);
  check(!schemaOk, `${c.name}: the profile schema accepts an invalid profile`);
  if (!schemaOk) {
    // Ajv also reports the failing branch keywords (if/anyOf); propertyNames reports twice.
    const got = [...new Set(validateProfile.errors.filter((e) => e.keyword !== 'propertyNames').map(pointerOf))];
    const want = [...new Set(c.errors.map((e) => e.path))];
    check(sameSet(got, want),
      `${c.name}: schema errors at ${JSON.stringify(got.sort())}, the table lists ${JSON.stringify(want.sort())}`);
  }
  const r = runCli(['validate', '-'], JSON.stringify(c.input));
  check(r.status === 2, `${c.name}: the native validator exit ${r.status}, expected 2`);
}
console.log(`invalid profiles: ${compared} rejected by both with the same pointers; ${skipped.length} skipped (not expressible in JSON Schema):`);
for (const s of skipped) console.log(`  - ${s}`);

// 4. reports
let reports = 0;
for (const { name, profile } of valid) {
  const r = runCli(['assess', '-'], JSON.stringify(profile));
  if (r.status !== 0) {
    fail(`${name}: assess exit ${r.status}: ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    fail(`${name}: the report is not JSON: ${e.message}`);
    continue;
  }
  const ok = validateReport(report);
  check(ok, `${name}: the report does not match core/schema/report.schema.json: ${ajv.errorsText(validateReport.errors)}`);
  reports++;
}
console.log(`reports: ${reports} checked against the report schema`);

console.log(`schema checks: ${checks - failures}/${checks} passed`);
process.exit(failures ? 1 : 0);
