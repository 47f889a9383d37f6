// WebAssembly measurements for tests/bench/README.md, section "WebAssembly" (issue 5):
//   1. size of the engine .wasm + JS glue, raw and `gzip -9` (budget: 150 KB gzip together)
//   2. instantiate + first assessment in a fresh Node process (goal < 20 ms), median of runs,
//      split into: import + read + compile + instantiate; the first call (version(): loads and
//      checks the embedded knowledge base); the first assessment after it
//   3. median assessment in Node against the native median on the same profiles, one run
//      (goal: within 2x). Native numbers: h8's Google Benchmark binary (assess/small|typical|
//      maximal = examples/agency-12.json, examples/us-clinic.json, tests/bench/maximal-profile.json).
//      The native p50 is CPU time of the calling thread, so Node's samples are taken in CPU
//      time too (process.cpuUsage(): the whole process, after a warm-up long enough for V8 to
//      have tiered the hot code up, when no compile thread is busy); the ratio is CPU to CPU.
//      On a shared, loaded machine wall time mostly measures the other processes.
//
// Prerequisites: bash scripts/build-wasm.sh; cmake --preset release && cmake --build --preset
// release -j2 --target seclead_bench.  Run:  node tests/bench/wasm-bench.mjs [--runs N] [--samples N]
// Prints a Markdown table (paste into README.md) and a JSON line with every number.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";

import { coldMedians, coldRun, INIT_SOURCE, median, nativeMedians, PROFILES, ROOT } from "./wasm-common.mjs";

const DIST = join(ROOT, "wasm", "dist");
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) || 15;
const SAMPLES = Number(args[args.indexOf("--samples") + 1]) || 500;
const kb = (bytes) => (bytes / 1024).toFixed(1);

// 1. Sizes, exactly as `gzip -9c FILE | wc -c` counts them.
function gzipBytes(file) {
  const r = spawnSync("gzip", ["-9c", file], { maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`gzip failed on ${file}`);
  return r.stdout.length;
}
const sizes = {};
for (const f of ["seclead_engine.wasm", "seclead_engine.mjs", "seclead_engine.single.js"]) {
  const file = join(DIST, f);
  sizes[f] = { raw: statSync(file).size, gzip: gzipBytes(file) };
}
// The single-file build's engine is the size-tuned one (core/CMakeLists.txt): its .wasm, as
// decoded from the base64 inside seclead_engine.single.js.
const singleCode = readFileSync(join(DIST, "seclead_engine.single.js"), "utf8");
{
  const b64 = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/.exec(singleCode)[1];
  const tmp = join(mkdtempSync(join(tmpdir(), "seclead-bench-")), "size-tuned.wasm");
  writeFileSync(tmp, Buffer.from(b64, "base64"));
  sizes["size-tuned.wasm"] = { raw: statSync(tmp).size, gzip: gzipBytes(tmp) };
}
const engineRaw = sizes["seclead_engine.wasm"].raw + sizes["seclead_engine.mjs"].raw;
const engineGzip = sizes["seclead_engine.wasm"].gzip + sizes["seclead_engine.mjs"].gzip;

// 2. Cold start in fresh processes: import + read + compile + instantiate (the package's
// init()), then the first call and one assessment.
// Node 20 compiles wasm lazily (each function on its first call, on the main thread); the
// second series compiles it all up front on V8's background threads, as seclead-wasm does.
function coldSeries(flags) {
  return coldMedians(Array.from({ length: RUNS }, () => coldRun(INIT_SOURCE, flags)));
}
const coldMedian = coldSeries([]);
const coldEager = coldSeries(["--no-wasm-lazy-compilation"]);

// 3. Warm medians in Node, then the native medians of the same profiles right after.
const { init } = await import(join(ROOT, "wasm", "src", "index.js"));
const { bindEngine } = await import(join(ROOT, "wasm", "src", "api.js"));
const engine = await init();
// The size-tuned engine, as a page loads it: evaluate the classic script, call its factory.
const createSizeTuned = new Function("require", "__dirname", `${singleCode}\nreturn createSecleadEngine;`)(
  createRequire(import.meta.url),
  DIST,
);
const sizeTuned = bindEngine(await createSizeTuned());
const texts = PROFILES.map(([, path]) => readFileSync(join(ROOT, path), "utf8"));
// Warm-up by time, every profile: V8 runs new wasm code in its baseline tier (Liftoff) and
// optimizes the hot functions only after a while; 100 calls of the first profile were not
// enough (its median came out above the next, larger profile's).
const warmUpEnd = performance.now() + 3000;
while (performance.now() < warmUpEnd) for (const text of texts) engine.assessJson(text), sizeTuned.assessJson(text);
const cpuUs = (since) => {
  const d = process.cpuUsage(since);
  return d.user + d.system;
};
const warm = {};
PROFILES.forEach(([name], k) => {
  const text = texts[k];
  const samples = name === "maximal" ? Math.ceil(SAMPLES / 5) : SAMPLES;
  const jsonWall = [];
  const jsonCpu = [];
  const objectWall = [];
  // Two loops, not one interleaved: the garbage of assess()'s JSON.parse would otherwise be
  // collected during the assessJson samples and counted in their (whole-process) CPU time.
  for (let i = 0; i < samples; ++i) {
    const c = process.cpuUsage();
    const t = performance.now();
    engine.assessJson(text);
    jsonWall.push(performance.now() - t);
    jsonCpu.push(cpuUs(c));
  }
  for (let i = 0; i < samples; ++i) {
    const t = performance.now();
    engine.assess(text);
    objectWall.push(performance.now() - t);
  }
  const sizeTunedCpu = [];
  for (let i = 0; i < samples; ++i) {
    const c = process.cpuUsage();
    sizeTuned.assessJson(text);
    sizeTunedCpu.push(cpuUs(c));
  }
  warm[name] = { assessJson_us: median(jsonWall) * 1000, assessJson_cpu_us: median(jsonCpu), assess_us: median(objectWall) * 1000, sizeTuned_cpu_us: median(sizeTunedCpu) };
});

const native = nativeMedians();

const load = loadavg().map((x) => x.toFixed(1)).join(" ");
const lines = [];
lines.push(`Measured with \`node tests/bench/wasm-bench.mjs\` (load average ${load}; ${RUNS} cold runs, ${SAMPLES} warm samples per profile).`);
lines.push("");
lines.push("| what | raw | gzip -9 | goal |");
lines.push("|---|---|---|---|");
lines.push(`| seclead_engine.wasm | ${kb(sizes["seclead_engine.wasm"].raw)} KB | ${kb(sizes["seclead_engine.wasm"].gzip)} KB | |`);
lines.push(`| seclead_engine.mjs (glue) | ${kb(sizes["seclead_engine.mjs"].raw)} KB | ${kb(sizes["seclead_engine.mjs"].gzip)} KB | |`);
lines.push(`| **engine .wasm + glue** | ${kb(engineRaw)} KB | **${kb(engineGzip)} KB** | <= 150 KB gzip: ${engineGzip <= 150 * 1024 ? "met" : "NOT met"} |`);
lines.push(`| seclead_engine.single.js (wasm inlined) | ${kb(sizes["seclead_engine.single.js"].raw)} KB | ${kb(sizes["seclead_engine.single.js"].gzip)} KB | |`);
lines.push(`| its size-tuned .wasm (the offline page's engine) | ${kb(sizes["size-tuned.wasm"].raw)} KB | ${kb(sizes["size-tuned.wasm"].gzip)} KB | |`);
lines.push("");
lines.push("| cold start in Node (median) | ms | goal |");
lines.push("|---|---|---|");
lines.push(`| import + read .wasm + compile + instantiate | ${coldMedian.instantiate.toFixed(1)} | |`);
lines.push(`| first call, version(): loads and checks the knowledge base | ${coldMedian.knowledge.toFixed(1)} | |`);
lines.push(`| first assessment (examples/us-clinic.json) | ${coldMedian.first.toFixed(1)} | |`);
lines.push(`| **instantiate + first assessment** | **${coldMedian.total.toFixed(1)}** | < 20 ms: ${coldMedian.total < 20 ? "met" : "NOT met"} |`);
lines.push(`| the same, \`node --no-wasm-lazy-compilation\` (as seclead-wasm runs): ${coldEager.instantiate.toFixed(1)} + ${coldEager.knowledge.toFixed(1)} + ${coldEager.first.toFixed(1)} | ${coldEager.total.toFixed(1)} | < 20 ms: ${coldEager.total < 20 ? "met" : "NOT met"} |`);
lines.push("");
lines.push("| profile | Node assessJson, CPU (µs) | wall (µs) | Node assess, + JSON.parse, wall (µs) | native CPU (µs) | ratio CPU / native CPU | goal <= 2x | size-tuned engine, CPU (µs) and ratio |");
lines.push("|---|---|---|---|---|---|---|---|");
for (const [name, path] of PROFILES) {
  const n = native && native[name];
  const ratio = n ? warm[name].assessJson_cpu_us / n : NaN;
  lines.push(
    `| ${name} (${path}) | ${warm[name].assessJson_cpu_us.toFixed(0)} | ${warm[name].assessJson_us.toFixed(0)} | ${warm[name].assess_us.toFixed(0)} | ${n ? n.toFixed(0) : "n/a"} | ${n ? ratio.toFixed(2) + "x" : "n/a"} | ${n ? (ratio <= 2 ? "met" : "NOT met") : ""} | ${warm[name].sizeTuned_cpu_us.toFixed(0)}${n ? ", " + (warm[name].sizeTuned_cpu_us / n).toFixed(2) + "x" : ""} |`,
  );
}
console.log(lines.join("\n"));
console.log(JSON.stringify({ sizes, engineRaw, engineGzip, cold: coldMedian, coldEager, warm, native, load }));
