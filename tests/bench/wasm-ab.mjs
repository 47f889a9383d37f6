// A/B of two builds of the npm module on a noisy machine: both measured in the same run,
// interleaved, so that load from elsewhere hits both alike (tests/bench/README.md).
//
//   node tests/bench/wasm-ab.mjs OLD_DIST NEW_DIST           warm assessJson CPU per call
//   node tests/bench/wasm-ab.mjs --cold OLD_DIST NEW_DIST    cold start, fresh processes
//   node tests/bench/wasm-ab.mjs --cold --runs 41 OLD NEW    ... more processes (default 15)
//
// Each DIST is a folder holding seclead_engine.mjs + seclead_engine.wasm (e.g. a copy of
// wasm/dist/ built from another commit). Both go through this tree's wasm/src/api.js, unless
// a DIST holds its own api.js (needed when the module's interface changed between the two).
// A DIST may also be a copy of the package (wasm/ of some commit: src/index.js and dist/):
// it is then loaded through its own init(), as users and coldRun's INIT_SOURCE do.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { coldMedians, coldRun, median, PROFILES, ROOT } from "./wasm-common.mjs";

const API = pathToFileURL(join(ROOT, "wasm", "src", "api.js")).href;
const args = process.argv.slice(2);
const cold = args[0] === "--cold";
if (cold) args.shift();
const coldRuns = args[0] === "--runs" ? Number(args.splice(0, 2)[1]) : 15;
const dists = args.map((d) => resolve(d));
if (dists.length !== 2 || !(coldRuns >= 1)) {
  console.error("usage: node tests/bench/wasm-ab.mjs [--cold [--runs N]] OLD_DIST NEW_DIST");
  process.exit(2);
}

const apiOf = (dist) => (existsSync(join(dist, "api.js")) ? pathToFileURL(join(dist, "api.js")).href : API);
const packageIndex = (dir) => (existsSync(join(dir, "src", "index.js")) ? pathToFileURL(join(dir, "src", "index.js")).href : null);

async function load(dist) {
  if (packageIndex(dist)) return (await import(packageIndex(dist))).init();
  const { bindEngine } = await import(apiOf(dist));
  const { default: factory } = await import(pathToFileURL(join(dist, "seclead_engine.mjs")).href);
  return bindEngine(await factory({ wasmBinary: readFileSync(join(dist, "seclead_engine.wasm")) }));
}

if (!cold) {
  const [a, b] = [await load(dists[0]), await load(dists[1])];
  for (const [name, file] of PROFILES) {
    const text = readFileSync(join(ROOT, file), "utf8");
    if (a.assessJson(text) !== b.assessJson(text)) throw new Error(`the two builds differ on ${file}`);
    const times = [[], []];
    for (let round = 0; round < 30; ++round) {
      const order = round % 2 ? [0, 1] : [1, 0];  // alternate who goes first
      for (const k of order) {
        const engine = k ? b : a;
        const n = 60;
        const before = process.cpuUsage();
        for (let i = 0; i < n; ++i) engine.assessJson(text);
        const used = process.cpuUsage(before);
        times[k].push((used.user + used.system) / n);
      }
    }
    const [ta, tb] = times.map(median);
    console.log(`${name}: old ${ta.toFixed(0)} µs, new ${tb.toFixed(0)} µs CPU per assessment, new/old ${(tb / ta).toFixed(3)}`);
  }
} else {
  // A package through its init(); a DIST by the steps init() took before 3 Dec (import the
  // glue, read the .wasm, instantiate asynchronously).
  const loadSource = (dist) =>
    packageIndex(dist)
      ? `const { init } = await import(${JSON.stringify(packageIndex(dist))});
const engine = await init();`
      : `const { readFile } = await import("node:fs/promises");
const { bindEngine } = await import(${JSON.stringify(apiOf(dist))});
const { default: factory } = await import(${JSON.stringify(pathToFileURL(join(dist, "seclead_engine.mjs")).href)});
const engine = bindEngine(await factory({ wasmBinary: await readFile(${JSON.stringify(join(dist, "seclead_engine.wasm"))}) }));`;
  for (const flags of [[], ["--no-wasm-lazy-compilation"]]) {
    const runs = [[], []];
    for (let i = 0; i < coldRuns; ++i)
      for (const k of i % 2 ? [0, 1] : [1, 0]) runs[k].push(coldRun(loadSource(dists[k]), flags));
    runs.forEach((list, k) => {
      const m = coldMedians(list);
      const ms = (key) => m[key].toFixed(1);
      console.log(
        `${flags[0] || "lazy compilation"} ${k ? "new" : "old"}: instantiate ${ms("instantiate")} + knowledge ${ms("knowledge")} + first ${ms("first")} = ${ms("total")} ms`,
      );
    });
  }
}
