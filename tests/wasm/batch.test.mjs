// seclead-wasm assess --batch behaves like the native seclead's (plugins/cli/batch.cpp): the
// same standard output byte for byte (one compact report or {"line":N,"errors":[...]} per
// input line, in order), the same standard error after the program name and the same exit
// code, on valid, broken, blank, CRLF, overlong and invalid-UTF-8 lines, standard input,
// overlays, usage errors and unreadable input; with --threads 1 (in-process) and with
// --threads 2 and 3 (worker threads), and a worker that fails ends the run with exit 1.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, test } from "node:test";
import { threadCount } from "../../wasm/bin/batch.js";
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

test("thread count: every core by default, --threads N up to twice the cores (a worker is a V8 heap)", () => {
  assert.equal(threadCount(0, 2), 2);
  assert.equal(threadCount(1, 2), 1);
  assert.equal(threadCount(3, 2), 3);
  assert.equal(threadCount(256, 2), 4);
  assert.equal(threadCount(0, 0), 1);
  assert.equal(threadCount(300, 512), 256, "the native cap");
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

for (const threads of ["1", "2"]) {
  test(`the reader goes away (EPIPE), --threads ${threads}: the batch stops with exit 1 and a message`, async () => {
    const path = file("many.ndjson", Array.from({ length: 600 }, (_, i) => line(i)).join("\n"));
    const child = spawn(process.execPath, [WASM_CLI, "assess", "--batch", path, "--threads", threads], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    assert.equal(code, 1, stderr);
    assert.equal(stderr, "seclead-wasm: error writing the output\n");
  });
}

// A mixed input of `count` lines: valid profiles, broken ones, blank lines, CRLF endings, a
// line over 1 MiB, invalid UTF-8, and a last line without a newline.
function mixedInput(count) {
  const parts = [];
  for (let i = 1; i < count; ++i) {
    let l;
    if (i === 700) l = `{"schema":"seclead.profile/1","organization":{"name":"${"y".repeat(1024 * 1024)}"}}`;
    else if (i % 97 === 5) l = '{"schema":"seclead.profile/1","organization":{"name":"\xc3\x28\xff"}}';
    else if (i % 13 === 7) l = broken[i % broken.length];
    else l = line(i);
    parts.push(Buffer.from(l, l.includes("\xc3") ? "latin1" : "utf8"), Buffer.from(i % 11 === 0 ? "\r\n" : "\n"));
  }
  parts.push(Buffer.from(line(count)));
  return Buffer.concat(parts);
}

test("--threads 2 and 3: byte for byte the output of --threads 1 and of native on 2,000 mixed lines", () => {
  const path = file("mixed-2000.ndjson", mixedInput(2000));
  const args = ["assess", "--batch", path, "--no-progress"];
  const n = native([...args, "--threads", "2"]);
  assert.equal(n.code, 2);
  assert.equal(n.stdout.split("\n").length, 2001);
  assert.match(n.stdout.split("\n")[699], /^\{"line":700,"errors":\[\{"path":"","code":"limit"/);
  for (const threads of ["1", "2", "3"]) {
    const w = wasmCli([...args, "--threads", threads]);
    assert.equal(w.code, n.code, `exit code, --threads ${threads}: ${w.stderr}`);
    assert.ok(w.stdout === n.stdout, `standard output, --threads ${threads}: not native's`);
    assert.equal(w.stderr.replace(/seclead-wasm/g, "seclead"), n.stderr, `standard error, --threads ${threads}`);
  }
});

test("--format summary: one CSV table, byte for byte native's with 1, 2 and 3 threads", () => {
  const path = file("mixed-800.ndjson", mixedInput(800));
  const args = ["assess", "--batch", path, "--format", "summary", "--no-progress"];
  const n = native([...args, "--threads", "2"]);
  assert.equal(n.code, 2);
  const rows = n.stdout.split("\r\n");
  assert.equal(rows.length, 802, "a header, a row per line, and the end of the last record");
  assert.match(rows[0], /^line,name,employees,.*,errors$/);
  assert.match(rows[700], /^700,,+"1 problem: \/ \[limit\] /);
  for (const threads of ["1", "2", "3"]) {
    const w = wasmCli([...args, "--threads", threads]);
    assert.equal(w.code, n.code, `exit code, --threads ${threads}: ${w.stderr}`);
    assert.ok(w.stdout === n.stdout, `standard output, --threads ${threads}: not native's`);
    assert.equal(w.stderr.replace(/seclead-wasm/g, "seclead"), n.stderr, `standard error, --threads ${threads}`);
  }
  // An empty input is the header alone; an overlay applies to every row.
  assert.equal(same(["assess", "--batch", file("empty-summary.ndjson", ""), "--format", "summary"]).stdout, rows[0] + "\r\n");
  const ot = join(ROOT, "examples", "overlays", "ot-operations.json");
  same(["assess", "--batch", "-", "--format", "summary", "--overlay", ot, "--threads", "2"], [1, 2, 3].map(line).join("\n"));
});

test("--threads 2 and 3 with --explain and an overlay, from standard input: same as --threads 1 and native", () => {
  const overlay = file("overlay-t.json", JSON.stringify({ schema: "seclead.overlay/1", name: "fr", texts: { "role.ceo.name": "Directrice générale ✓" } }));
  const input = Array.from({ length: 600 }, (_, i) => (i % 50 === 9 ? broken[i % broken.length] : line(i))).join("\r\n") + "\n";
  const args = ["assess", "--batch", "-", "--explain", "--overlay", overlay, "--no-progress"];
  const n = native([...args, "--threads", "2"], input);
  assert.equal(n.code, 2);
  assert.match(n.stdout, /Directrice générale ✓/);
  for (const threads of ["1", "2", "3"]) {
    const w = wasmCli([...args, "--threads", threads], input);
    assert.equal(w.code, n.code, `exit code, --threads ${threads}: ${w.stderr}`);
    assert.ok(w.stdout === n.stdout, `standard output, --threads ${threads}: not native's`);
    assert.equal(w.stderr.replace(/seclead-wasm/g, "seclead"), n.stderr, `standard error, --threads ${threads}`);
  }
  const bad = file("bad-overlay-t.json", "{not json");
  // Broken overlays: reported up front (before any input is read) with threads too.
  same(["assess", "--batch", file("overlay-t.ndjson", input), "--overlay", bad, "--threads", "3"]);
});

test("--threads 2 around chunk boundaries (256 lines; one chunk runs in the main thread): same as native", () => {
  for (const [count, end] of [[1, "\n"], [256, ""], [256, "\n"], [257, ""], [513, "\r\n"]]) {
    const lines = Array.from({ length: count }, (_, i) => (i % 100 === 42 ? broken[i % broken.length] : line(i)));
    same(["assess", "--batch", file(`n${count}.ndjson`, lines.join("\n") + end), "--threads", "2"]);
  }
});

// Worker failures, provoked by a module preloaded with --import (workers inherit it): the
// run ends with exit 1 and a message, never hangs, and what was written is a prefix of the
// right output.
test("a failing worker ends the batch: exit 1, a message, no hang", () => {
  const hook = file(
    "fault-hook.mjs",
    `import { isMainThread } from "node:worker_threads";
if (!isMainThread) {
  const fault = process.env.SECLEAD_TEST_FAULT;
  if (fault === "exit") process.exit(3);
  if (fault === "instantiate") WebAssembly.instantiate = () => Promise.reject(new Error("injected instantiate failure"));
  if (fault === "throw") TextEncoder.prototype.encode = () => { throw new Error("injected encode failure"); };
  if (fault === "engine") {
    const decode = TextDecoder.prototype.decode;
    let calls = 0;
    TextDecoder.prototype.decode = function (...args) {
      if (++calls > 300) throw new Error("injected decode failure");
      return decode.apply(this, args);
    };
  }
}
`,
  );
  const path = file("fault.ndjson", Array.from({ length: 1500 }, (_, i) => line(i)).join("\n") + "\n");
  const full = wasmCli(["assess", "--batch", path, "--threads", "1"]);
  assert.equal(full.code, 0, full.stderr);
  const expected = {
    exit: /^seclead-wasm: batch worker \d+ stopped unexpectedly \(exit code 3\)\n$/,
    instantiate: /^seclead-wasm: batch worker \d+ failed: injected instantiate failure\n$/,
    throw: /^seclead-wasm: batch worker \d+ failed: injected encode failure\n$/,
    engine: /^seclead-wasm: batch worker \d+ failed: injected decode failure\n$/,
  };
  for (const [fault, message] of Object.entries(expected)) {
    const r = spawnSync(process.execPath, ["--import", pathToFileURL(hook).href, WASM_CLI, "assess", "--batch", path, "--threads", "2"], {
      env: { ...process.env, SECLEAD_TEST_FAULT: fault },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    });
    assert.equal(r.error, undefined, `${fault}: ${r.error}`);
    assert.equal(r.status, 1, `${fault}: exit code (${r.stderr})`);
    assert.match(r.stderr, message, fault);
    assert.ok(full.stdout.startsWith(r.stdout), `${fault}: the output written is a prefix of the right one`);
  }
  const ok = spawnSync(process.execPath, ["--import", pathToFileURL(hook).href, WASM_CLI, "assess", "--batch", path, "--threads", "2"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  assert.equal(ok.status, 0, `the hook alone changes nothing: ${ok.stderr}`);
  assert.ok(ok.stdout === full.stdout);
});
