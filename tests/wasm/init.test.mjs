// init() in Node compiles the module synchronously (index.js, syncInstantiation): bytes that
// are no WebAssembly module must reject its promise, never leave it pending (the glue only
// logs an instantiateWasm error), and a later init() with the real bytes must still work.
// Its own file: init() is memoised per process, and this test needs the first call.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as pkg from "../../wasm/src/index.js";
import { DIST, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();

test("init() rejects bytes that are no module, then loads the real ones", async () => {
  const garbage = new TextEncoder().encode("not a WebAssembly module");
  let timer;
  const outcome = await Promise.race([
    pkg.init({ wasmBinary: garbage }).then(
      () => "resolved",
      (error) => error,
    ),
    new Promise((resolve) => (timer = setTimeout(() => resolve("pending after 5 s"), 5000))),
  ]);
  clearTimeout(timer);
  assert.ok(outcome instanceof WebAssembly.CompileError, `rejected with a CompileError, got ${outcome}`);
  assert.throws(() => pkg.version(), /call `await init\(\)`/, "no engine after the failed load");

  const truncated = readFileSync(join(DIST, "seclead_engine.wasm")).subarray(0, 4096);
  await assert.rejects(pkg.init({ wasmBinary: truncated }), WebAssembly.CompileError);

  const engine = await pkg.init();  // the package's own .wasm
  const example = readFileSync(join(ROOT, "examples", "us-clinic.json"), "utf8");
  assert.equal(JSON.parse(engine.assessJson(example)).schema, "seclead.report/1");
});
