// Same engine, same bytes: every scenario fixture profile and every example, assessed by the
// WebAssembly module in Node, gives byte-identical output to the native CLI, in every format
// (contract section 3, "Determinism"; issue 5 "Done when").
import assert from "node:assert/strict";
import { test } from "node:test";
import { init } from "../../wasm/src/index.js";
import { allProfiles, FORMATS, native, requireBuilt } from "./helpers.mjs";

requireBuilt();
const engine = await init();
const profiles = allProfiles();

test("options.format: assessJson only, one of the render formats", () => {
  const text = profiles[0].text;
  assert.equal(engine.assessJson(text, { format: "json" }), engine.assessJson(text));
  assert.throws(() => engine.assess(text, { format: "html" }), TypeError);
  assert.deepEqual(engine.assess(text, { format: "json" }), engine.assess(text));
  assert.throws(() => engine.assessJson(text, { format: "pdf" }), TypeError);
  assert.throws(() => engine.assessJson(text, { format: 1 }), TypeError);
  assert.deepEqual(engine.validate(text, { format: "html" }), { valid: true }, "validate ignores it");
});

test("there are profiles to compare (5 examples at least)", () => {
  assert.ok(profiles.filter((p) => p.name.startsWith("examples/")).length >= 5, "examples/*.json");
});

for (const { name, text } of profiles) {
  test(`${name}: module output equals native output in every format`, () => {
    const nativeJson = native(["assess", "-"], text);
    assert.equal(nativeJson.code, 0, `native assess failed: ${nativeJson.stdout}${nativeJson.stderr}`);
    const reportJson = engine.assessJson(text);
    assert.equal(reportJson + (reportJson.endsWith("\n") ? "" : "\n"), nativeJson.stdout, "report JSON bytes");
    assert.deepEqual(engine.assess(JSON.parse(text)), JSON.parse(nativeJson.stdout), "assess() of the object");

    for (const format of FORMATS.filter((f) => f !== "json")) {
      const n = native(["assess", "-", "--format", format], text);
      assert.equal(n.code, 0, `native --format ${format}: ${n.stderr}`);
      const out = engine.render(reportJson, format);
      assert.equal(out + (out.endsWith("\n") ? "" : "\n"), n.stdout, `--format ${format} bytes`);
      // Rendered straight from the report the engine built, without the JSON round trip.
      assert.equal(engine.assessJson(text, { format }), out, `assessJson {format: ${format}}`);
    }

    const explained = native(["assess", "-", "--explain"], text);
    assert.equal(explained.code, 0);
    const out = engine.assessJson(text, { explain: true });
    assert.equal(out + (out.endsWith("\n") ? "" : "\n"), explained.stdout, "--explain bytes");
  });
}
