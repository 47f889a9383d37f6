// Where the npm module's cold start goes: the same fresh-process probe as wasm-bench.mjs
// (import + init, first call = knowledge base load, first assessment), under V8 settings that
// switch one part of V8's WebAssembly pipeline off at a time (tests/bench/README.md, "Where
// the cold start goes"). A host can set these flags; a library cannot, so they only explain.
//
//   node tests/bench/wasm-cold-flags.mjs [--runs N]     (after scripts/build-wasm.sh)
import { coldMedians, coldRun, INIT_SOURCE } from "./wasm-common.mjs";

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf("--runs") + 1]) || 9;

const SETTINGS = [
  ["Node's default: lazy Liftoff compilation, dynamic tier-up to TurboFan", []],
  ["no tier-up during the probe (tiering budget 100x)", ["--wasm-tiering-budget=180000000"]],
  ["Liftoff only (no TurboFan at all)", ["--liftoff-only"]],
  ["everything compiled up front (what seclead-wasm sets)", ["--no-wasm-lazy-compilation"]],
];

const ms = (x) => x.toFixed(1).padStart(6);
console.log(`${RUNS} fresh processes per setting, medians in ms (wall)`);
console.log("  import+init     kb  first  total  setting");
for (const [label, flags] of SETTINGS) {
  const m = coldMedians(Array.from({ length: RUNS }, () => coldRun(INIT_SOURCE, flags)));
  console.log(`  ${ms(m.instantiate)}     ${ms(m.knowledge)} ${ms(m.first)} ${ms(m.total)}  ${label}`);
}
