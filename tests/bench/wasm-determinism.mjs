// Determinism in WebAssembly (contract section 3): every example and fixture profile is
// assessed twice by the module (wasm/src/index.js, built by scripts/build-wasm.sh) and the two
// report texts are byte-compared. The second pass starts after the first has gone over every
// profile, so state left behind by earlier calls would show up as a difference.
// Run by scripts/test.d/70-guard.sh when wasm/dist exists:  node tests/bench/wasm-determinism.mjs
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { init } = await import(join(root, "wasm/src/index.js"));
const engine = await init();

const profiles = [];
for (const f of readdirSync(join(root, "examples")).filter((f) => f.endsWith(".json")).sort())
  profiles.push([`examples/${f}`, readFileSync(join(root, "examples", f), "utf8")]);
for (const f of readdirSync(join(root, "tests/scenarios")).filter((f) => f.endsWith(".json")).sort()) {
  const fixture = JSON.parse(readFileSync(join(root, "tests/scenarios", f), "utf8"));
  if (fixture && typeof fixture.profile === "object") profiles.push([`tests/scenarios/${f}`, JSON.stringify(fixture.profile)]);
}

function run(text) {
  try {
    return engine.assessJson(text);
  } catch (e) {
    return `error: ${e && e.message ? e.message : e} ${JSON.stringify(e && e.errors ? e.errors : null)}`;
  }
}

const first = profiles.map(([, text]) => run(text));
const second = profiles.map(([, text]) => run(text));
let differ = 0;
profiles.forEach(([name], i) => {
  if (first[i] !== second[i]) {
    differ++;
    console.error(`wasm determinism: ${name}: the two reports differ`);
  }
});
console.log(`wasm determinism: ${profiles.length} profiles assessed twice, ${differ} differ`);
process.exit(differ ? 1 : 0);
