// What the WebAssembly benchmark scripts share (wasm-bench.mjs, wasm-ab.mjs,
// wasm-batch-line.mjs): the benchmark profiles, the median, and the cold-start probe.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

// The native benchmark's profiles (bench_assess.cpp: assess/small|typical|maximal).
export const PROFILES = [
  ["small", "examples/agency-12.json"],
  ["typical", "examples/us-clinic.json"],
  ["maximal", "tests/bench/maximal-profile.json"],
];

// The native benchmark (release preset, target seclead_bench) whose assess/* p50 the
// WebAssembly numbers are compared with.
export const NATIVE_BENCH =
  process.env.SECLEAD_BENCH || join(ROOT, "build", "release", "tests", "bench", "seclead_bench");

// The package's init() in a fresh process, as coldRun's `load`: leaves the engine in `engine`.
export const INIT_SOURCE = `const { init } = await import(${JSON.stringify(join(ROOT, "wasm", "src", "index.js"))});
const engine = await init();`;

// The native assess/<profile> p50 (µs, CPU of the calling thread) by profile name, from one
// run of NATIVE_BENCH; null (with the reason on standard error) when it is not built or fails.
export function nativeMedians(minTime = 0.5) {
  try {
    statSync(NATIVE_BENCH);
  } catch {
    console.error(`no native bench at ${NATIVE_BENCH}: build it with the release preset (target seclead_bench)`);
    return null;
  }
  const r = spawnSync(NATIVE_BENCH, ["--benchmark_filter=^assess/", `--benchmark_min_time=${minTime}`, "--benchmark_format=json"], {
    encoding: "utf8",
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    console.error(`native bench failed: ${r.stderr}`);
    return null;
  }
  return Object.fromEntries(JSON.parse(r.stdout).benchmarks.map((b) => [b.name.replace(/^assess\//, ""), b.p50_us]));
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// A fresh Node process (with `flags`) that runs `load` (JS source whose last statement leaves
// the engine in `engine`), then the first call (version(): loads the knowledge base) and the
// first assessment (examples/us-clinic.json). Returns the times in ms: instantiate (from the
// start of `load`), knowledge, first, total; and imported (from the start of `load` to the
// moment `load` stores performance.now() in `tImported`, if it declares it), else null.
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
const imported = typeof tImported === "number" ? tImported - t0 : null;
console.log(JSON.stringify({ instantiate: t1 - t0, knowledge: t2 - t1, first: t3 - t2, total: t3 - t0, imported }));`;
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
