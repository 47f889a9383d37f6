// Bad input never aborts the module: every case of tests/bad_profiles/cases.json (the
// native error table) gives, through WebAssembly, the same error objects as the native CLI,
// the errors the table lists, and the module keeps working afterwards (the module has no
// exception handling: errors are results all the way, wasm/README.md "Exceptions"; issue 5).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { init, SecleadError } from "../../wasm/src/index.js";
import { caseBytes, errorObjectText, native, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();
const engine = await init();
const cases = JSON.parse(readFileSync(join(ROOT, "tests", "bad_profiles", "cases.json"), "utf8"));
const example = readFileSync(join(ROOT, "examples", "us-clinic.json"));
const before = engine.assessJson(example);

const pathCodes = (errors) => errors.map((e) => `${e.path} [${e.code}]`).sort();

test("the error table has cases", () => assert.ok(cases.length >= 40, `${cases.length} cases`));

for (const c of cases) {
  test(`bad profile: ${c.name}`, () => {
    const bytes = caseBytes(c.input);

    const v = engine.validate(bytes);
    assert.equal(v.valid, false, "validate says invalid");
    const nv = native(["validate", "-"], bytes);
    assert.equal(nv.code, 2, `native validate exit code (stderr: ${nv.stderr})`);
    assert.equal(errorObjectText(v.errors) + "\n", nv.stdout, "validate: same error object as native");
    assert.deepEqual(pathCodes(v.errors), pathCodes(c.errors), "the errors the table lists");

    let thrown = null;
    try {
      engine.assess(bytes);
    } catch (e) {
      thrown = e;
    }
    assert.ok(thrown instanceof SecleadError, `assess throws SecleadError, got ${thrown}`);
    assert.notEqual(thrown.code, "internal", `no internal failure: ${thrown.message}`);
    assert.equal(thrown.code, thrown.errors[0].code, ".code is the first error's code");
    const na = native(["assess", "-"], bytes);
    assert.equal(na.code, 2);
    assert.equal(errorObjectText(thrown.errors) + "\n", na.stdout, "assess: same error object as native");
  });
}

test("the module keeps working after every bad profile", () => {
  assert.equal(engine.assessJson(example), before);
  assert.equal(engine.validate(example).valid, true);
});

test("bad arguments from JavaScript are errors, not aborts", () => {
  for (const bad of [undefined, null, 42, true, () => 1]) {
    assert.throws(() => engine.assess(bad), SecleadError);
  }
  const circular = {};
  circular.self = circular;
  assert.throws(() => engine.assess(circular), (e) => e instanceof SecleadError && e.code === "syntax");
  assert.throws(() => engine.assess(example, { explain: "yes" }), TypeError);
  assert.throws(() => engine.assess(example, { colour: 1 }), TypeError);
  assert.throws(() => engine.render("{}", "pdf"), (e) => e instanceof SecleadError && e.code === "enum");
  assert.throws(() => engine.render("not json", "markdown"), (e) => e instanceof SecleadError && e.code === "syntax");
  assert.throws(
    () => engine.assess(example, { overlays: ["{not json"] }),
    (e) => e instanceof SecleadError && e.errors.every((x) => x.input === "overlay[0]"),
  );
  assert.equal(engine.assessJson(example), before);
});
