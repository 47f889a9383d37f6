// What the WebAssembly benchmark scripts share (wasm-bench.mjs, wasm-ab.mjs,
// wasm-batch-line.mjs): the benchmark profiles, the median, and the cold-start probe.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// The native benchmark's profiles (bench_assess.cpp: assess/small|typical|maximal).
export const PROFILES = [
  ["small", "examples/agency-12.json"],
  ["typical", "examples/us-clinic.json"],
  ["maximal", "tests/bench/maximal-profile.json"],
];

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A fresh Node process (with `flags`) that runs `load` (JS source whose last statement leaves
// the engine in `engine`), then the first call (version(): loads the knowledge base) and the
// first assessment (examples/us-clinic.json). Returns the times in ms: instantiate (from the
// start of `load`), knowledge, first, total.
export function coldRun(load, flags = []) {
  const profile = readFileSync(join(ROOT, "examples", "us-clinic.json"), "utf8");
  const script = `
const t0 = performance.now();
${load}
const t1 = performance.now();
engine.version();
const t2 = performance.now();
engine.assessJson(${JSON.stringify(profile)});
const t3 = performance.now();
console.log(JSON.stringify({ instantiate: t1 - t0, knowledge: t2 - t1, first: t3 - t2, total: t3 - t0 }));`;
  const r = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cold start run failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The medians of a list of coldRun results, per phase.
export function coldMedians(runs) {
  const out = {};
  for (const key of ["instantiate", "knowledge", "first", "total"]) out[key] = median(runs.map((r) => r[key]));
  return out;
}
