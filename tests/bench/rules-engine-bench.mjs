// seclead (the WebAssembly module) against the alternative a vendor would pick: seclead's own
// leadership rules exported to json-rules-engine (export-json-rules-engine.mjs), in the same
// Node run, on the same profiles.
//
//   bash scripts/build-wasm.sh
//   cmake --preset release && cmake --build --preset release -j2 --target seclead_facts_dump
//   NODE_PATH=/usr/share/nodejs node tests/bench/rules-engine-bench.mjs
//
// 1. Equivalence: on every example and scenario fixture, json-rules-engine fires exactly the
//    rules listed in seclead's leadership.rationale and picks the same model. Its facts come
//    from seclead_facts_dump (the engine's own buildFactSet), so both see the same inputs.
// 2. Speed: median and p99 per profile of seclead's whole assessment (parse, validate, facts,
//    obligations, rules, what-if search, RACI, findings, report JSON) against json-rules-engine's
//    two rule passes alone over precomputed facts; a comparison that favours json-rules-engine.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import { exportRules, loadKnowledge, chooseModel } from "./export-json-rules-engine.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const require = createRequire(import.meta.url);
const { Engine } = require(join(root, "node_modules/json-rules-engine"));

const dumpTool = process.env.SECLEAD_FACTS_DUMP || join(root, "build/release/tests/bench/seclead_facts_dump");
if (!existsSync(dumpTool)) {
  console.error(`rules-engine-bench: ${dumpTool} missing: cmake --build --preset release --target seclead_facts_dump`);
  process.exit(1);
}
const files = [
  ...readdirSync(join(root, "examples")).filter((f) => f.endsWith(".json")).sort().map((f) => join(root, "examples", f)),
  join(root, "tests/bench/maximal-profile.json"),
  ...readdirSync(join(root, "tests/scenarios")).filter((f) => f.endsWith(".json")).sort().map((f) => join(root, "tests/scenarios", f)),
];
const cases = JSON.parse(execFileSync(dumpTool, files, { maxBuffer: 1 << 28 }).toString());

const exported = exportRules(loadKnowledge());
const options = { allowUndefinedFacts: true };
const pass1 = new Engine(exported.scoring, options);
const pass2 = new Engine(exported.decision, options);

async function decide(facts) {
  const r1 = await pass1.run({ ...facts });
  const model = chooseModel(exported, r1.events);
  const r2 = await pass2.run({ ...facts, model });
  const fired = new Set([...r1.events, ...r2.events].map((e) => e.params.id));
  const ordered = [...exported.scoring, ...exported.decision]
    .filter((r) => fired.has(r.name))
    .sort((a, b) => a.event.params.order - b.event.params.order)
    .map((r) => r.name);
  return { model, fired: [...new Set(ordered)] };
}

// ---- 1. equivalence -----------------------------------------------------------------------
let mismatches = 0;
for (const c of cases) {
  const got = await decide(c.facts);
  // The same set of rules (the report orders its rationale its own way) and the same model.
  const same = got.model === c.model && JSON.stringify([...got.fired].sort()) === JSON.stringify([...c.fired].sort());
  if (!same) {
    mismatches++;
    console.error(`MISMATCH ${c.file.replace(root, "")}: seclead ${c.model} [${c.fired}] vs json-rules-engine ${got.model} [${got.fired}]`);
  }
}
console.log(`equivalence: ${cases.length} profiles, ${exported.scoring.length + exported.decision.length} exported rules ` +
  `(${exported.scoring.length} scoring, ${exported.decision.length} reporting/DPO), ${mismatches} mismatches`);

// ---- 2. speed -----------------------------------------------------------------------------
const { init } = await import(join(root, "wasm/src/index.js"));
const engine = await init();
const pick = (suffix) => cases.find((c) => c.file.endsWith(suffix));
const profiles = [
  ["small", pick("examples/agency-12.json")],
  ["typical", pick("examples/us-clinic.json")],
  ["maximal", pick("tests/bench/maximal-profile.json")],
];
const iterations = Number(process.env.SECLEAD_BENCH_ITERATIONS || 2000);
const stats = (xs) => {
  xs.sort((a, b) => a - b);
  return { p50: xs[Math.floor(xs.length * 0.5)], p99: xs[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] };
};
// Per call: process CPU time (user + system, microseconds; on a shared, loaded machine wall
// time mostly measures the other processes) and wall time.
const cpuOf = (start) => {
  const d = process.cpuUsage(start);
  return d.user + d.system;
};
const rows = [];
for (const [name, c] of profiles) {
  if (!c) continue;
  const text = JSON.stringify(c.profile);
  for (let i = 0; i < 300; i++) engine.assessJson(text), await decide(c.facts);  // warm-up: JIT and wasm tier-up
  const wasm = { cpu: [], wall: [] }, jre = { cpu: [], wall: [] };
  for (let i = 0; i < iterations; i++) {
    let c0 = process.cpuUsage(), w0 = performance.now();
    engine.assessJson(text);
    wasm.wall.push((performance.now() - w0) * 1000), wasm.cpu.push(cpuOf(c0));
    c0 = process.cpuUsage(), w0 = performance.now();
    await decide(c.facts);
    jre.wall.push((performance.now() - w0) * 1000), jre.cpu.push(cpuOf(c0));
  }
  rows.push({ name, wasm: stats(wasm.cpu), jre: stats(jre.cpu), wasmWall: stats(wasm.wall), jreWall: stats(jre.wall) });
}
console.log(`\nspeed (${iterations} calls each after 300 warm-up calls, microseconds per profile, Node ${process.version}):`);
console.log("| profile | seclead wasm, whole assessment: CPU p50 | CPU p99 | wall p50 | json-rules-engine, 2 rule passes only: CPU p50 | CPU p99 | wall p50 | seclead speed-up (CPU p50) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows)
  console.log(`| ${r.name} | ${r.wasm.p50} | ${r.wasm.p99} | ${r.wasmWall.p50.toFixed(0)} | ${r.jre.p50} | ${r.jre.p99} | ${r.jreWall.p50.toFixed(0)} | ${(r.jre.p50 / r.wasm.p50).toFixed(2)}x |`);
process.exit(mismatches ? 1 : 0);
