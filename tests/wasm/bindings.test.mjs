// The boundary between wasm/bindings.cpp and wasm/src/api.js: each module function returns a
// Uint8Array view of "ok\n..." / "error\n..." in the module's memory (reused by the next
// call); the profile or report is written into input(n), then assess takes (explain, packed
// overlays "<byte length>:<text>"..., compact);
// version() is written without a JSON library. Checked against the native CLI byte for byte, with non-ASCII text on both sides.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import createSecleadEngineModule from "../../wasm/dist/seclead_engine.mjs";
import { bindEngine, SecleadError } from "../../wasm/src/api.js";
import { compactJson, DIST, native, requireBuilt, ROOT } from "./helpers.mjs";

requireBuilt();
const module = await createSecleadEngineModule({ wasmBinary: readFileSync(join(DIST, "seclead_engine.wasm")) });
const engine = bindEngine(module);
const work = mkdtempSync(join(tmpdir(), "seclead-bindings-"));
after(() => rmSync(work, { recursive: true, force: true }));

const decode = (view) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(view);
const example = readFileSync(join(ROOT, "examples", "us-clinic.json"), "utf8");
const withNewline = (text) => text + (text.endsWith("\n") ? "" : "\n");

// A profile whose free text is not ASCII: 2-, 3- and 4-byte UTF-8 and a U+FEFF that a
// default TextDecoder would drop if it came first.
const unicodeProfile = (() => {
  const p = JSON.parse(example);
  p.organization.name = "\uFEFFZürich – 東京 Клиника 😀";
  return JSON.stringify(p);
})();

// The module's functions with the text argument first, as api.js calls them: the text is
// written into the module's input buffer (input(n)), then the function reads it.
const raw = {
  put(text) {
    const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
    module.input(bytes.length).set(bytes);
  },
  assess(text, explain, overlays, compact, format = "") {
    raw.put(text);
    return module.assess(explain, overlays, compact, format);
  },
  validate(text, overlays) {
    raw.put(text);
    return module.validate(overlays);
  },
};

// The output of a success reply: after its tag line, "ok" or "ok7" with the output's runs of
// non-ASCII bytes (" <start>+<length>" each), which must be exactly those runs.
function okBody(reply) {
  const newline = reply.indexOf(0x0a);
  const tag = decode(reply.subarray(0, newline));
  assert.match(tag, /^ok(7( \d+\+\d+)*)?$/);
  const body = reply.subarray(newline + 1);
  if (tag.startsWith("ok7")) {
    const runs = [];
    for (let i = 0; i < body.length; ) {
      if (body[i] < 0x80) { ++i; continue; }
      const start = i;
      while (i < body.length && body[i] >= 0x80) ++i;
      runs.push(` ${start}+${i - start}`);
    }
    assert.equal(tag, `ok7${runs.join("")}`, "the tag lists every run of non-ASCII bytes");
  }
  return body;
}

test("every module function returns a view of the tagged reply", () => {
  for (const reply of [raw.assess(example, false, "", false), raw.validate(example, ""), module.questionnaire(), module.version()]) {
    assert.ok(reply instanceof Uint8Array, `a Uint8Array, got ${Object.prototype.toString.call(reply)}`);
    assert.equal(reply.buffer, module.HEAP8.buffer, "a view into the module's memory, not a copy");
    // All four views share the module's reply buffer (the last call's bytes): only the tag's start is checked here.
    assert.equal(decode(reply.subarray(0, 3)), "ok7", "a success that lists its non-ASCII runs");
  }
  const bad = raw.assess("{", false, "", false);
  assert.equal(decode(bad.subarray(0, 6)), "error\n");
  assert.equal(JSON.parse(decode(bad.subarray(6))).errors[0].code, "syntax");
});

test("the reply after the tag is the native CLI's output, byte for byte", () => {
  const n = native(["assess", "-"], example);
  assert.equal(n.code, 0);
  const reply = raw.assess(example, false, "", false);
  assert.equal(withNewline(decode(okBody(reply))), n.stdout);
  assert.equal(Buffer.compare(Buffer.from(okBody(reply)), Buffer.from(n.stdout.replace(/\n$/, ""), "utf8")), 0, "raw bytes");
});

test("version() without a JSON library: compact, engine then knowledgeBase", () => {
  const text = decode(module.version());
  const [, engineVersion, kbVersion] = /^seclead (\S+) \(knowledge base (\S+)\)\n$/.exec(native(["--version"]).stdout);
  assert.equal(text, `ok7\n{"engine":${JSON.stringify(engineVersion)},"knowledgeBase":${JSON.stringify(kbVersion)}}`);
  assert.deepEqual(engine.version(), { engine: engineVersion, knowledgeBase: kbVersion });
});

test("non-ASCII text (and a leading U+FEFF in a value) comes back as the native CLI writes it", () => {
  const n = native(["assess", "-"], unicodeProfile);
  assert.equal(n.code, 0, n.stderr);
  // Its runs of non-ASCII bytes are listed (okBody checks them), and api.js decodes only those as UTF-8.
  const reply = raw.assess(unicodeProfile, false, "", false);
  assert.equal(withNewline(decode(okBody(reply))), n.stdout);
  assert.match(decode(reply.subarray(0, reply.indexOf(0x0a))), /^ok7 \d+\+\d+/);
  assert.equal(withNewline(engine.assessJson(unicodeProfile)), n.stdout, "from a string");
  assert.equal(withNewline(engine.assessJson(Buffer.from(unicodeProfile, "utf8"))), n.stdout, "from bytes");
  assert.equal(engine.assess(unicodeProfile).organization.name, "\uFEFFZürich – 東京 Клиника 😀", "the U+FEFF is kept");
  for (const format of ["markdown", "html", "csv"]) {
    const r = native(["assess", "-", "--format", format], unicodeProfile);
    assert.equal(withNewline(engine.render(engine.assessJson(unicodeProfile), format)), r.stdout, format);
  }
});

test("more runs of non-ASCII bytes than the module lists: a plain \"ok\" reply, decoded whole", () => {
  const p = JSON.parse(example);
  p.organization.name = "é-".repeat(100); // 100 runs in the report's organization name alone
  const text = JSON.stringify(p);
  const n = native(["assess", "-"], text);
  assert.equal(n.code, 0, n.stderr);
  const reply = raw.assess(text, false, "", false);
  assert.equal(decode(reply.subarray(0, 3)), "ok\n");
  assert.equal(withNewline(decode(okBody(reply))), n.stdout);
  assert.equal(withNewline(engine.assessJson(text)), n.stdout, "through api.js");
});

test("an error list with non-ASCII text: the same error object as native", () => {
  const p = JSON.parse(example);
  p["colöur-東京"] = 1;
  const text = JSON.stringify(p);
  const n = native(["assess", "-"], text);
  assert.equal(n.code, 2);
  assert.throws(
    () => engine.assess(text),
    (e) => e instanceof SecleadError && JSON.stringify({ errors: e.errors }) + "\n" === n.stdout,
  );
});

test("strings returned earlier stay intact after later calls reuse the reply buffer", () => {
  const first = engine.assessJson(example);
  const second = engine.assessJson(unicodeProfile);
  engine.render(second, "markdown");
  engine.version();
  assert.equal(first, engine.assessJson(example));
  assert.notEqual(first, second);
});

test("explain and overlays reach the engine as the native --explain and --overlay", () => {
  const overlay = JSON.stringify({
    schema: "seclead.overlay/1",
    name: "texte OT – é ✓",
    texts: { "role.ceo.name": "Directrice générale (PDG) ✓" },
  });
  const overlayFile = join(work, "overlay.json");
  writeFileSync(overlayFile, overlay);
  const n = native(["assess", "-", "--explain", "--overlay", overlayFile, "--overlay", overlayFile], example);
  assert.equal(n.code, 0, n.stderr);
  assert.equal(withNewline(engine.assessJson(example, { explain: true, overlays: [overlay, JSON.parse(overlay)] })), n.stdout);
  assert.equal(withNewline(engine.assessJson(example, { explain: true, overlays: [Buffer.from(overlay), overlay] })), n.stdout);

  const plain = engine.assessJson(example);
  for (const options of [undefined, null, {}, { explain: false }, { overlays: [] }]) {
    assert.equal(engine.assessJson(example, options), plain, JSON.stringify(options));
  }
  // The packing api.js does: byte lengths, so non-ASCII text counts in UTF-8 bytes.
  const packed = `${Buffer.byteLength(overlay)}:${overlay}${Buffer.byteLength(overlay)}:${overlay}`;
  assert.equal(withNewline(decode(okBody(raw.assess(example, true, packed, false)))), n.stdout, "packed by hand");
  assert.equal(decode(okBody(raw.assess(example, false, "", false))), plain, "no overlays");
});

test("validate takes assess's options: overlays extend what a profile may assign", () => {
  const profile = {
    schema: "seclead.profile/1",
    organization: { employees: 300, sector: "manufacturing", jurisdictions: ["US"] },
    currentRoles: [{ id: "r1", role: "cio", reportsTo: "ceo" }],
    currentAssignments: { "ot-security": { accountable: "r1" } },
  };
  const ot = readFileSync(join(ROOT, "examples", "overlays", "ot-operations.json"), "utf8");
  const alone = engine.validate(profile);
  assert.equal(alone.valid, false);
  assert.deepEqual(alone.errors.map((e) => e.path), ["/currentAssignments/ot-security"]);
  assert.deepEqual(engine.validate(profile, { overlays: [ot] }), { valid: true });
  assert.deepEqual(engine.validate(profile, { overlays: [JSON.parse(ot)], explain: true }), { valid: true });
  assert.equal(JSON.parse(engine.assessJson(profile, { overlays: [ot] })).schema, "seclead.report/1", "assess agrees");
  const broken = engine.validate(profile, { overlays: [ot, "{}"] });
  assert.equal(broken.valid, false);
  const inputs = new Set(broken.errors.map((e) => e.input));
  assert.ok(inputs.has("overlay[1]") && !inputs.has("overlay[0]"), JSON.stringify(broken.errors));
  assert.throws(() => engine.validate(profile, { overlays: "{}" }), (e) => e instanceof TypeError && /^validate: options.overlays must be an array/.test(e.message));
  assert.throws(() => engine.validate(profile, { strict: true }), (e) => e instanceof TypeError && /^validate: unknown option "strict"/.test(e.message));
  assert.equal(decode(raw.validate(JSON.stringify(profile), `${Buffer.byteLength(ot)}:${ot}`)), 'ok7\n{"valid":true}', "packed by hand");
  assert.ok(decode(raw.validate(example, "2{}")).startsWith("error\n"), "badly packed: an error envelope");
});

test("the compaction oracle drops whitespace outside strings only", () => {
  assert.equal(compactJson('{\n  "a b": "x \\" y\\\\",\n  "c":\t[1, 2]\r\n}'), '{"a b":"x \\" y\\\\","c":[1,2]}');
  assert.equal(compactJson("{}"), "{}");
  const profile = JSON.parse(example);
  assert.equal(compactJson(JSON.stringify(profile, null, 2)), JSON.stringify(profile));
});

test("compact: the report on one line, the pretty report's tokens byte for byte, as native batch lines", () => {
  for (const profile of [example, unicodeProfile]) {
    const pretty = engine.assessJson(profile, { explain: true });
    const compact = engine.assessJson(profile, { explain: true, compact: true });
    assert.ok(!compact.includes("\n"), "one line");
    assert.equal(compact, compactJson(pretty));
    assert.deepEqual(JSON.parse(compact), JSON.parse(pretty));
  }
  const n = native(["assess", "--batch", "-"], example.replace(/\n/g, " ") + "\n");
  assert.equal(engine.assessJson(example, { compact: true }) + "\n", n.stdout, "native batch line");
  assert.equal(engine.assessJson(example, { compact: false }), engine.assessJson(example));
  assert.throws(() => engine.assessJson(example, { compact: 1 }), (e) => e instanceof TypeError && /options.compact must be true or false/.test(e.message));
  assert.deepEqual(engine.validate(example, { compact: true }), { valid: true }, "validate ignores it");
});

test("badly packed overlays given to the module directly: a precise error envelope, never a throw", () => {
  const message = "options: overlays must be packed as <byte length>:<JSON text>, one after the other";
  for (const packed of ["{}", "2{}", ":{}", "3:{}", "2:{}x", "2:{}3:{}", "1234567890:{}", Buffer.from("5:é{}")]) {
    const text = decode(raw.assess(example, false, packed, false));
    assert.ok(text.startsWith("error\n"), `${packed}: ${text.slice(0, 40)}`);
    assert.deepEqual(JSON.parse(text.slice(6)), { errors: [{ path: "", code: "type", message, input: "options" }] }, String(packed));
  }
  // Well packed but broken overlays (an empty text, then "{}") are the engine's errors, each
  // with its overlay's index.
  const broken = decode(raw.assess(example, false, "0:2:{}", false));
  assert.ok(broken.startsWith("error\n"));
  assert.deepEqual([...new Set(JSON.parse(broken.slice(6)).errors.map((e) => e.input))], ["overlay[0]", "overlay[1]"]);
  // Through the API the same misuse is caught first.
  assert.throws(() => engine.assess(example, { overlays: "{}" }), (e) => e instanceof TypeError && /options.overlays must be an array/.test(e.message));
  assert.throws(() => engine.assess(example, { overlays: [42] }), (e) => e instanceof SecleadError && e.errors[0].input === "overlay[0]");
  assert.equal(engine.assessJson(example), decode(okBody(raw.assess(example, false, "", false))), "still working");
});

test("an unexpected reply is an internal SecleadError, not a crash", () => {
  const fake = { input: (n) => new Uint8Array(n), assess: () => new Uint8Array([0x3f]), validate: () => "ok\n{}", render: () => undefined, questionnaire: () => new Uint8Array(0), version: () => { throw new Error("trap"); } };
  const api = bindEngine(fake);
  for (const call of [() => api.assess("{}"), () => api.render("{}", "json"), () => api.questionnaire(), () => api.version()]) {
    assert.throws(call, (e) => e instanceof SecleadError && e.code === "internal" && e.errors.length === 0);
  }
  assert.throws(() => api.validate("{}"), (e) => e instanceof SecleadError && e.code === "internal");
  // A C++ throw in a module built without exception handling reaches JavaScript as a thrown
  // number (Emscripten's __cxa_throw throws the exception's address): internal too.
  const thrower = bindEngine({ ...fake, assess: () => { throw 5251424; } });
  assert.throws(() => thrower.assess("{}"), (e) => e instanceof SecleadError && e.code === "internal" && /5251424/.test(e.message));
});

test("text reaches the module as UTF-8 bytes: a lone surrogate becomes U+FFFD, the same as given in bytes", () => {
  // The character itself in the text (JSON.stringify would write it as a \ud800 escape,
  // which the engine rejects like the native one).
  const withSurrogate = (name) => {
    const p = JSON.parse(example);
    p.organization.name = "@NAME@";
    return JSON.stringify(p).replace("@NAME@", name);
  };
  const fromText = engine.assess(withSurrogate("Clinic \uD800 East"));
  assert.equal(fromText.organization.name, "Clinic \uFFFD East");
  const fromBytes = engine.assessJson(new TextEncoder().encode(withSurrogate("Clinic \uFFFD East")));
  assert.equal(engine.assessJson(withSurrogate("Clinic \uD800 East")), fromBytes);
});
