// seclead-wasm assess --batch behaves like the native seclead's (plugins/cli/batch.cpp): the
// same standard output byte for byte (one compact report or {"line":N,"errors":[...]} per
// input line, in order), the same standard error after the program name and the same exit
// code, on valid, broken, blank, CRLF, overlong and invalid-UTF-8 lines, standard input,
// overlays, usage errors and unreadable input.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { compactJson } from "../../wasm/bin/batch.js";
import { native, requireBuilt, ROOT, WASM_CLI, wasmCli } from "./helpers.mjs";

requireBuilt();
const work = mkdtempSync(join(tmpdir(), "seclead-batch-"));
after(() => rmSync(work, { recursive: true, force: true }));

const examples = ["agency-12", "eu-bank", "manufacturer-plants", "ny-insurer", "us-clinic"].map((n) =>
  JSON.parse(readFileSync(join(ROOT, "examples", `${n}.json`), "utf8")),
);
const line = (i) => {
  const p = structuredClone(examples[i % examples.length]);
  p.organization.name = `org-${i} Zürich – 東京 😀`;
  p.organization.employees = 1 + ((i * 37) % 5000);
  return JSON.stringify(p);
};
const broken = [
  '{"schema":"seclead.profile/1","organization":{"employees":"many"', // truncated
  '{"schema":"seclead.profile/1","organization":{"employees":0,"sector":"other","jurisdictions":["US"]}}', // range
  "", // blank
  " \t ", // blank too
  "[1,2,3]", // not an object
  '{"schema":"seclead.profile/1","organization":{"employees":5,"sector":"other","jurisdictions":["US"]},"colöur":1}',
];

function file(name, content) {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

function same(args, input) {
  const n = native(args, input);
  const w = wasmCli(args, input);
  assert.equal(w.code, n.code, `exit code of ${args.join(" ")}: native ${n.code}, wasm ${w.code}\n${w.stderr}`);
  assert.equal(w.stdout, n.stdout, `standard output of ${args.join(" ")}`);
  assert.equal(w.stderr.replace(/seclead-wasm/g, "seclead"), n.stderr, `standard error of ${args.join(" ")}`);
  return n;
}

test("compactJson drops whitespace outside strings only", () => {
  assert.equal(compactJson('{\n  "a b": "x \\" y\\\\",\n  "c":\t[1, 2]\r\n}'), '{"a b":"x \\" y\\\\","c":[1,2]}');
  assert.equal(compactJson("{}"), "{}");
  const report = JSON.stringify(examples[0], null, 2);
  assert.equal(compactJson(report), JSON.stringify(examples[0]));
});

test("valid and broken lines, CRLF, a last line without newline: same output, exit 2", () => {
  const lines = [];
  for (let i = 1; i <= 40; ++i) lines.push(i % 7 === 3 ? broken[((i / 7) | 0) % broken.length] : line(i));
  broken.forEach((b) => lines.push(b));
  const text = lines.map((l, i) => l + (i % 5 === 0 ? "\r\n" : "\n")).join("") + line(99);
  const n = same(["assess", "--batch", file("mixed.ndjson", text)]);
  assert.equal(n.code, 2);
  const out = n.stdout.split("\n");
  assert.equal(out.length, lines.length + 2, "one output line per input line (+ the final newline)");
  assert.match(out[0], /^\{"schema":"seclead.report\/1"/);
  assert.match(n.stderr, /lines were not valid profiles/);
});

test("all valid: exit 0; --explain and a valid overlay apply to every line", () => {
  const path = file("valid.ndjson", [1, 2, 3].map(line).join("\n") + "\n");
  assert.equal(same(["assess", "--batch", path]).code, 0);
  const overlay = file("overlay.json", JSON.stringify({ schema: "seclead.overlay/1", name: "fr", texts: { "role.ceo.name": "Directrice générale ✓" } }));
  const n = same(["assess", "--batch", path, "--explain", "--overlay", overlay, "--no-progress", "--threads", "2"]);
  assert.equal(n.code, 0);
  assert.match(n.stdout, /Directrice générale ✓/);
});

test("standard input with -", () => {
  assert.equal(same(["assess", "--batch", "-"], [1, 2].map(line).join("\n")).code, 0);
  assert.equal(same(["assess", "--batch", "-"], "\n{\n").code, 2);
});

test("empty input: no output, exit 0; a lone newline is one blank line", () => {
  assert.equal(same(["assess", "--batch", file("empty.ndjson", "")]).code, 0);
  assert.equal(same(["assess", "--batch", file("newline.ndjson", "\n")]).code, 2);
});

test("a line over 1 MiB is an error line (code limit); the next line is still assessed", () => {
  const long = `{"schema":"seclead.profile/1","organization":{"name":"${"x".repeat(1024 * 1024)}"}}`;
  const n = same(["assess", "--batch", file("long.ndjson", `${line(1)}\n${long}\n${line(2)}\n`)]);
  assert.equal(n.code, 2);
  assert.match(n.stdout.split("\n")[1], /^\{"line":2,"errors":\[\{"path":"","code":"limit"/);
});

test("invalid UTF-8 on a line: the same error line as native", () => {
  const bytes = Buffer.concat([Buffer.from('{"schema":"seclead.profile/1","organization":{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}\n')]);
  assert.equal(same(["assess", "--batch", file("utf8.ndjson", Buffer.concat([Buffer.from(line(1) + "\n"), bytes]))]).code, 2);
});

test("broken overlays are reported once, up front: exit 2", () => {
  const path = file("two.ndjson", [1, 2].map(line).join("\n"));
  const bad = file("bad-overlay.json", "{not json");
  const n = same(["assess", "--batch", path, "--overlay", bad]);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /the overlays are invalid/);
  const ref = file("ref-overlay.json", JSON.stringify({ schema: "seclead.overlay/1", name: "r", texts: { "role.nobody.name": "x" } }));
  assert.equal(same(["assess", "--batch", path, "--overlay", ref, "--overlay", bad]).code, 2);
});

test("usage and read failures: exit 1", () => {
  const path = file("one.ndjson", line(1));
  assert.equal(same(["assess", "--batch", path, "--format", "markdown"]).code, 1);
  assert.equal(same(["validate", "--batch", path]).code, 1);
  assert.equal(same(["assess", "--batch", path, join(ROOT, "examples", "eu-bank.json")]).code, 1);
  assert.equal(same(["assess", "--batch"]).code, 1);
  assert.equal(same(["assess", "--batch", path, "--threads", "0"]).code, 1);
  assert.equal(same(["assess", "--batch", join(work, "missing.ndjson")]).code, 1);
  const dir = join(work, "a-directory");
  mkdirSync(dir);
  assert.equal(same(["assess", "--batch", dir]).code, 1);
  assert.equal(same(["assess", "--batch", path, "--overlay", join(work, "missing-overlay.json")]).code, 1);
});

test("--help lists --batch", () => {
  const w = wasmCli(["--help"]);
  assert.equal(w.code, 0);
  assert.match(w.stdout, /--batch PROFILES\.ndjson/);
});

test("the reader goes away (EPIPE): the batch stops with exit 1 and a message", async () => {
  const path = file("many.ndjson", Array.from({ length: 600 }, (_, i) => line(i)).join("\n"));
  const child = spawn(process.execPath, [WASM_CLI, "assess", "--batch", path], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  child.stdout.once("data", () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on("close", resolve));
  assert.equal(code, 1, stderr);
  assert.equal(stderr, "seclead-wasm: error writing the output\n");
});
