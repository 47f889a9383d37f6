// The npm package: `npm pack` of wasm/, installed offline into an empty folder, imports and
// assesses an example; its bin runs; the .wasm is its own export path (issue 5).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { requireBuilt, ROOT, run, WASM_DIR } from "./helpers.mjs";

requireBuilt();

test("npm pack of wasm/, installed into an empty folder, imports and assesses an example", { timeout: 180000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "seclead-pack-"));
  try {
    const packed = run("npm", ["pack", WASM_DIR, "--pack-destination", work, "--json", "--silent"]);
    assert.equal(packed.code, 0, packed.stderr);
    const info = JSON.parse(packed.stdout)[0];
    const shipped = info.files.map((f) => f.path).sort();
    for (const f of ["dist/seclead_engine.mjs", "dist/seclead_engine.wasm", "dist/seclead_engine.single.js", "src/api.js", "src/index.js", "src/worker.js", "types/index.d.ts", "bin/seclead-wasm.js", "bin/batch.js", "bin/batch-worker.js", "package.json", "README.md"]) {
      assert.ok(shipped.includes(f), `the package ships ${f}`);
    }
    assert.ok(!shipped.some((f) => f.endsWith(".cpp") || f.includes("CMakeLists")), "no build sources in the package");

    const app = join(work, "app");
    run("mkdir", ["-p", app]);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    const installed = run("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", "--prefix", app, join(work, info.filename)]);
    assert.equal(installed.code, 0, installed.stderr);

    const example = join(ROOT, "examples", "us-clinic.json");
    writeFileSync(
      join(app, "check.mjs"),
      `import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { init, SecleadError } from "@seclead/engine";
const engine = await init();
const report = engine.assess(readFileSync(${JSON.stringify(example)}, "utf8"));
let code = "";
try { engine.assess("{}"); } catch (e) { code = e instanceof SecleadError && e.code === e.errors[0].code ? e.code : "wrong error"; }
const require = createRequire(import.meta.url);
const wasmPath = require.resolve("@seclead/engine/seclead_engine.wasm");
const { bindEngine } = await import("@seclead/engine/api");
const { createWorkerClient } = await import("@seclead/engine/worker");
console.log(JSON.stringify({ schema: report.schema, model: report.leadership.model, version: engine.version(), code,
  wasmBytes: readFileSync(wasmPath).length, bindEngine: typeof bindEngine, createWorkerClient: typeof createWorkerClient }));
`,
    );
    const checked = run(process.execPath, [join(app, "check.mjs")]);
    assert.equal(checked.code, 0, checked.stderr);
    const result = JSON.parse(checked.stdout);
    assert.equal(result.schema, "seclead.report/1");
    assert.equal(typeof result.model, "string");
    assert.equal(result.version.engine, JSON.parse(readFileSync(join(WASM_DIR, "package.json"), "utf8")).version);
    assert.ok(["required", "schema-version"].includes(result.code), `SecleadError from the installed package: ${result.code}`);
    assert.ok(result.wasmBytes > 1000, "the .wasm export path resolves");
    assert.equal(result.bindEngine, "function");
    assert.equal(result.createWorkerClient, "function");

    const bin = run(join(app, "node_modules", ".bin", "seclead-wasm"), ["assess", example]);
    assert.equal(bin.code, 0, bin.stderr);
    assert.equal(JSON.parse(bin.stdout).schema, "seclead.report/1");
    const batch = run(join(app, "node_modules", ".bin", "seclead-wasm"), ["assess", "--batch", "-"], readFileSync(example, "utf8").replace(/\n/g, " ") + "\n");
    assert.equal(batch.code, 0, batch.stderr);
    assert.equal(JSON.parse(batch.stdout).schema, "seclead.report/1", "--batch from the installed bin");
    assert.ok(readdirSync(join(app, "node_modules", "@seclead", "engine", "dist")).includes("seclead_engine.wasm"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
