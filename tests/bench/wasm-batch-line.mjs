// Per-line cost of a WebAssembly batch line, two ways (CPU of this thread, Node):
//   before  the pretty report, then compacted in JavaScript (what seclead-wasm did until the
//           engine had Options::compact; tests/wasm/helpers.mjs keeps that code)
//   now     assessJson(profile, {compact: true}): one line from the engine's writer
// Usage: node tests/bench/wasm-batch-line.mjs [PROFILES.ndjson] (default: the examples).
// Interleaved rounds, median per line.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { median, ROOT } from "./wasm-common.mjs";

// The JavaScript compaction seclead-wasm used before the compact option.
const { compactJson } = await import(join(ROOT, "tests", "wasm", "helpers.mjs"));
const { init } = await import(join(ROOT, "wasm", "src", "index.js"));
const engine = await init();

const source = process.argv[2];
const texts = source
  ? readFileSync(source, "utf8").split("\n").slice(0, 400)
  : ["agency-12", "eu-bank", "manufacturer-plants", "ny-insurer", "us-clinic"].map((n) =>
      JSON.stringify(JSON.parse(readFileSync(join(ROOT, "examples", `${n}.json`), "utf8"))));
const encoder = new TextEncoder();
const lines = texts.map((t) => encoder.encode(t)).filter((bytes) => {
  try {
    engine.assessJson(bytes);
    return true;
  } catch {
    return false; // error lines cost the same both ways
  }
});
const before = () => { for (const l of lines) compactJson(engine.assessJson(l)); };
const now = () => { for (const l of lines) engine.assessJson(l, { compact: true }); };
for (const l of lines) if (compactJson(engine.assessJson(l)) !== engine.assessJson(l, { compact: true })) throw new Error("the two ways differ");
for (let w = 0; w < 3; ++w) { before(); now(); }
const cpu = () => process.cpuUsage().user / 1000; // ms
const a = [], b = [];
const rounds = Math.max(6, Math.ceil(2000 / lines.length));
for (let r = 0; r < rounds; ++r) {
  let t = cpu(); before(); a.push((cpu() - t) / lines.length);
  t = cpu(); now(); b.push((cpu() - t) / lines.length);
}
console.log(`${lines.length} valid lines, ${rounds} rounds: pretty + JS compaction ${(median(a) * 1000).toFixed(0)} us/line, ` +
  `compact option ${(median(b) * 1000).toFixed(0)} us/line: ${((1 - median(b) / median(a)) * 100).toFixed(1)}% less CPU`);
