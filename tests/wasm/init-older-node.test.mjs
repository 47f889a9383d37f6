// init() in a Node without process.getBuiltinModule (before 20.16): index.js then imports
// node:url and node:fs as ES modules to find and read the .wasm (nodeBuiltin). This Node has
// getBuiltinModule, so the test takes it away before the package is imported; its own file
// because init() is memoised per process and the function is gone for the whole process.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();

test("init() finds and reads the .wasm without process.getBuiltinModule", async () => {
  assert.equal(typeof process.getBuiltinModule, "function", "this Node has it: the test removes it");
  delete process.getBuiltinModule;
  assert.equal(process.getBuiltinModule, undefined);
  const pkg = await import("../../wasm/src/index.js");

  // A path that does not exist: the read fails and init() rejects (and may be retried).
  const missing = join(ROOT, "build", "no-such-dir", "seclead_engine.wasm");
  await assert.rejects(pkg.init({ locateFile: () => missing }), { code: "ENOENT" });

  // locateFile is handed the dist directory as a path, as with getBuiltinModule.
  let dirSeen = null;
  const engine = await pkg.init({
    locateFile: (file, dir) => {
      dirSeen = dir;
      return join(dir, file);
    },
  });
  assert.equal(dirSeen, join(ROOT, "wasm", "dist") + "/");
  const example = readFileSync(join(ROOT, "examples", "us-clinic.json"), "utf8");
  assert.equal(JSON.parse(engine.assessJson(example)).schema, "seclead.report/1");
});
