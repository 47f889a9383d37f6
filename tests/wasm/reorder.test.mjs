// scripts/reorder-wasm-functions.mjs lays the shipped modules' functions out for gzip. Its
// renumbering must be exact: a random order and its inverse give back the module byte for
// byte, and a module in a random order assesses and renders exactly like the shipped one.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { bindEngine } from "../../wasm/src/api.js";
import { assemble, parseModule } from "../../scripts/reorder-wasm-functions.mjs";
import { DIST, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();
const shipped = readFileSync(join(DIST, "seclead_engine.wasm"));

// A fixed pseudo-random permutation (xorshift32), so a failure reproduces.
function shuffled(n, seed) {
  const order = [...Array(n).keys()];
  let x = seed;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function inverse(order) {
  const out = new Array(order.length);
  order.forEach((old, position) => (out[old] = position));
  return out;
}

test("a random order and its inverse give back the module byte for byte", () => {
  const parsed = parseModule(shipped);
  const order = shuffled(parsed.bodies.length, 0x5ec1ead);
  const permuted = assemble(parsed, order);
  assert.notDeepEqual(permuted, shipped, "the permutation changed the module");
  new WebAssembly.Module(permuted);  // still valid
  const back = assemble(parseModule(permuted), inverse(order));
  assert.ok(Buffer.compare(back, shipped) === 0, "round trip is byte-identical");
});

test("a module in a random order gives the same reports and renderings", async () => {
  const parsed = parseModule(shipped);
  const permuted = assemble(parsed, shuffled(parsed.bodies.length, 20261204));
  const exports = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes));
  assert.deepEqual(exports(permuted), exports(shipped));
  const { default: createModule } = await import(pathToFileURL(join(DIST, "seclead_engine.mjs")));
  const reference = bindEngine(await createModule({ wasmBinary: shipped }));
  const engine = bindEngine(await createModule({ wasmBinary: permuted }));
  for (const name of ["eu-bank.json", "us-clinic.json", "agency-12.json"]) {
    const profile = readFileSync(join(ROOT, "examples", name), "utf8");
    const report = engine.assessJson(profile);
    assert.equal(report, reference.assessJson(profile), name);
    assert.equal(engine.render(report, "html"), reference.render(report, "html"), `${name} html`);
  }
  assert.deepEqual(engine.questionnaire(), reference.questionnaire());
  const errorsOf = (e) => {
    try {
      e.assess('{"schema": "seclead.profile/1", "organization": {"employees": 0}}');
    } catch (error) {
      return error.errors;
    }
    assert.fail("an invalid profile was accepted");
  };
  assert.ok(errorsOf(engine).length > 1);
  assert.deepEqual(errorsOf(engine), errorsOf(reference));
});

test("a module with a name section is refused (its names would not be renumbered)", () => {
  const name = Buffer.from("name");
  const custom = Buffer.concat([Buffer.from([name.length]), name, Buffer.from([1, 0])]);
  const module = Buffer.concat([
    Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
    Buffer.from([0x00, custom.length]), custom,
  ]);
  assert.throws(() => parseModule(module), /name section/);
  assert.throws(() => parseModule(Buffer.from("not wasm")), /not a WebAssembly module/);
});
