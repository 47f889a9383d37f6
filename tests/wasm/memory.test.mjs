// 100,000 assessments in one module instance: the WebAssembly memory does not grow after
// the first thousand (no leak per call, on the success path or the error path; issue 5).
// SECLEAD_WASM_ITERATIONS lowers the count for a quick local run.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import createSecleadEngineModule from "../../wasm/dist/seclead_engine.mjs";
import { bindEngine, SecleadError } from "../../wasm/src/api.js";
import { DIST, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();
const ITERATIONS = Number(process.env.SECLEAD_WASM_ITERATIONS || 100000);
const WARMUP = 1000;

test(`${ITERATIONS} assessments: memory does not grow after the first ${WARMUP}`, async () => {
  const module = await createSecleadEngineModule({ wasmBinary: readFileSync(join(DIST, "seclead_engine.wasm")) });
  const engine = bindEngine(module);
  const memoryBytes = () => module.HEAP8.buffer.byteLength;
  const examples = readdirSync(join(ROOT, "examples"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readFileSync(join(ROOT, "examples", f), "utf8"));
  // Every 10th call is an invalid profile, so the error path is measured too.
  const invalid = JSON.stringify({ schema: "seclead.profile/1", organization: { employees: "many", sector: "x" } });
  const expected = examples.map((p) => engine.assessJson(p));

  let atWarmup = 0;
  let reports = 0;
  let errors = 0;
  for (let i = 0; i < ITERATIONS; ++i) {
    if (i % 10 === 9) {
      try {
        engine.assessJson(invalid);
      } catch (e) {
        assert.ok(e instanceof SecleadError && e.code !== "internal");
        errors++;
      }
    } else {
      const k = i % examples.length;
      const out = engine.assessJson(examples[k]);
      if (i % 997 === 0) assert.equal(out, expected[k], "same bytes on every call");
      reports++;
    }
    if (i + 1 === WARMUP) atWarmup = memoryBytes();
  }
  const atEnd = memoryBytes();
  console.log(`# memory after ${WARMUP}: ${atWarmup} bytes; after ${ITERATIONS}: ${atEnd} bytes; ${reports} reports, ${errors} errors`);
  assert.equal(errors, Math.floor(ITERATIONS / 10));
  assert.equal(atEnd, atWarmup, "WebAssembly memory grew after the warm-up");
});
