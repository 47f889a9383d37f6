// The floor of a cold start on this machine (tests/bench/README.md, "The floor of a cold
// start"): fresh Node processes, alternating, each importing a package, calling init(), then
// version() and one assessment of examples/us-clinic.json, as wasm-bench.mjs measures:
//   floor     the package around an engine that does no work (seclead_engine_floor: the real
//             bindings, allocator and link flags; tests/bench/floor_engine.cpp)
//   engine    the package as built (wasm/dist), Node's defaults
//   run only  the package as built, with every function compiled before the first call and
//             no tier-up (V8 flags a host could set, a library cannot): what running the
//             engine's code costs, without compiling it on the way
//
//   cmake --build --preset wasm-release --target seclead_engine_floor   (after scripts/build-wasm.sh)
//   node tests/bench/wasm-cold-floor.mjs [--runs N]
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { coldMedians, coldRun, median, ROOT } from "./wasm-common.mjs";

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) || 15;
const BUILT = join(ROOT, "build", "wasm", "wasm", "seclead_engine_floor");
for (const file of [`${BUILT}.mjs`, `${BUILT}.wasm`, join(ROOT, "wasm", "dist", "seclead_engine.wasm")]) {
  if (!existsSync(file)) {
    console.error(`missing ${file}: run scripts/build-wasm.sh, then cmake --build --preset wasm-release --target seclead_engine_floor`);
    process.exit(2);
  }
}

// The floor's package: the shell of wasm/ with the floor module in dist/, its glue minified
// as scripts/build-wasm.sh minifies the engine's.
const pkg = mkdtempSync(join(tmpdir(), "seclead-floor-"));
process.on("exit", () => rmSync(pkg, { recursive: true, force: true }));
cpSync(join(ROOT, "wasm", "package.json"), join(pkg, "package.json"));
cpSync(join(ROOT, "wasm", "src"), join(pkg, "src"), { recursive: true });
cpSync(`${BUILT}.wasm`, join(pkg, "dist", "seclead_engine.wasm"));
const minified = spawnSync(process.execPath, [join(ROOT, "scripts", "minify-glue.mjs"), `${BUILT}.mjs`, join(pkg, "dist", "seclead_engine.mjs"), "module"], { encoding: "utf8" });
if (minified.status !== 0) throw new Error(`minify-glue failed: ${minified.stderr}`);

// The package's import and its init() timed apart (coldRun's `imported`).
const loadSource = (index) => `const { init } = await import(${JSON.stringify(index)});
const tImported = performance.now();
const engine = await init();`;
const floorSource = loadSource(join(pkg, "src", "index.js"));
const engineSource = loadSource(join(ROOT, "wasm", "src", "index.js"));
const RUN_ONLY_FLAGS = ["--no-wasm-lazy-compilation", "--wasm-tiering-budget=180000000"];
const SETTINGS = [
  ["floor", floorSource, []],
  ["engine", engineSource, []],
  ["run only", engineSource, RUN_ONLY_FLAGS],
];

const runs = SETTINGS.map(() => []);
for (let i = 0; i < RUNS; ++i) {
  const order = i % 2 ? [0, 1, 2] : [2, 1, 0];  // alternate who goes first
  for (const k of order) runs[k].push(coldRun(SETTINGS[k][1], SETTINGS[k][2]));
}
const m = runs.map((list) => ({ ...coldMedians(list), imported: median(list.map((r) => r.imported)) }));
const ms = (x) => x.toFixed(1).padStart(6);
console.log(`${RUNS} fresh processes per setting, alternating; medians in ms (wall)`);
console.log(" import   init     kb  first  total  setting");
SETTINGS.forEach(([label], k) =>
  console.log(`${ms(m[k].imported)} ${ms(m[k].instantiate - m[k].imported)} ${ms(m[k].knowledge)} ${ms(m[k].first)} ${ms(m[k].total)}  ${label}`),
);
const [, engine, runOnly] = m;
const run = runOnly.knowledge + runOnly.first;
const fmt = (x) => x.toFixed(1);
console.log(
  `no-compile bound from the import: the engine's import + init ${fmt(engine.instantiate)} + running its knowledge load and first assessment ${fmt(run)} = ${fmt(engine.instantiate + run)} ms`,
);
console.log(
  `no-compile bound from init(): the engine's init ${fmt(engine.instantiate - engine.imported)} + ${fmt(run)} = ${fmt(engine.instantiate - engine.imported + run)} ms`,
);
