// The other ways in: the single-file classic script (wasm inlined, for file:// pages), the
// Web Worker protocol (served over a MessageChannel here; the browser test drives a real
// Worker), init()'s options and memoisation, the questionnaire and version.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { MessageChannel } from "node:worker_threads";
import { bindEngine, SecleadError } from "../../wasm/src/api.js";
import * as pkg from "../../wasm/src/index.js";
import { createWorkerClient, serveEngine } from "../../wasm/src/worker.js";
import { DIST, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();
const examplePath = join(ROOT, "examples", "ny-insurer.json");
const example = readFileSync(examplePath, "utf8");

test("init() is memoised and accepts wasmBinary", async () => {
  const a = pkg.init({ wasmBinary: readFileSync(join(DIST, "seclead_engine.wasm")) });
  const b = pkg.init();
  assert.equal(a, b, "the same promise");
  const engine = await a;
  assert.equal(engine, await pkg.init({ locateFile: () => "/nowhere" }));
  assert.equal(pkg.assessJson(example), engine.assessJson(example), "module-level functions after init");
  assert.deepEqual(pkg.version(), engine.version());
});

test("the single-file build (classic script, wasm inlined) gives the same bytes", async () => {
  const code = readFileSync(join(DIST, "seclead_engine.single.js"), "utf8");
  assert.ok(!/seclead_engine\.wasm/.test(code.slice(0, 200000)) || code.includes("data:application/octet-stream;base64,"), "wasm inlined");
  // As a page would: evaluate the classic script, then call the global factory.
  const factory = new Function("require", "__dirname", `${code}\nreturn createSecleadEngine;`)(createRequire(import.meta.url), DIST);
  const engine = bindEngine(await factory());
  const reference = await pkg.init();
  assert.equal(engine.assessJson(example), reference.assessJson(example));
  assert.equal(engine.render(engine.assessJson(example), "markdown"), reference.render(reference.assessJson(example), "markdown"));
  assert.throws(() => engine.assess("{"), SecleadError);
});

test("the Web Worker protocol: {id, method, args} -> {id, result|error}", async () => {
  const { port1, port2 } = new MessageChannel();
  serveEngine(port2, () => pkg.init());
  port2.start();
  port1.start();
  const client = createWorkerClient(Object.assign(port1, { terminate: () => port1.close() }));
  assert.equal(await client.init(), true);
  const reference = await pkg.init();
  const [report, json, markdown, v, q, valid, invalid] = await Promise.all([
    client.assess(example, { explain: true }),
    client.assessJson(example),
    client.render(example.length ? reference.assessJson(example) : "", "markdown"),
    client.version(),
    client.questionnaire(),
    client.validate(example),
    client.validate("{}"),
  ]);
  assert.deepEqual(report, reference.assess(example, { explain: true }));
  assert.equal(json, reference.assessJson(example));
  assert.equal(markdown, reference.render(reference.assessJson(example), "markdown"));
  assert.deepEqual(v, reference.version());
  assert.deepEqual(q, reference.questionnaire());
  assert.deepEqual(valid, { valid: true });
  assert.equal(invalid.valid, false);
  await assert.rejects(client.assess("{"), (e) => e instanceof SecleadError && e.code === "syntax" && e.errors.length > 0);
  await assert.rejects(client.render(json, "pdf"), (e) => e instanceof SecleadError && e.code === "enum");
  client.terminate();
});

test("questionnaire() and version() come from the engine", async () => {
  const engine = await pkg.init();
  const q = engine.questionnaire();
  assert.ok(q && typeof q === "object" && Array.isArray(q.sections), "sections");
  const v = engine.version();
  assert.match(v.engine, /^\d+\.\d+\.\d+/);
  assert.equal(typeof v.knowledgeBase, "string");
  assert.equal(JSON.parse(engine.assessJson(example)).engine.version, v.engine);
});
