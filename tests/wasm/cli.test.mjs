// seclead-wasm behaves like the native seclead (contract section 5): same standard output,
// same exit code, same standard error after the program name, on a valid, an invalid and a
// missing file, standard input, every format, usage errors and the 1 MiB limit.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { native, requireBuilt, ROOT, wasmCli } from "./helpers.mjs";

requireBuilt();
const work = mkdtempSync(join(tmpdir(), "seclead-cli-"));
after(() => rmSync(work, { recursive: true, force: true }));

const valid = join(ROOT, "examples", "eu-bank.json");
const invalid = join(work, "invalid.json");
writeFileSync(invalid, JSON.stringify({ schema: "seclead.profile/1", organization: { employees: "many", sector: "x", jurisdictions: [] } }));
const huge = join(work, "huge.json");
writeFileSync(huge, `{"schema":"seclead.profile/1","organization":{"name":"${"x".repeat(1024 * 1024)}"}}`);
const missing = join(work, "does-not-exist.json");

function same(args, input) {
  const n = native(args, input);
  const w = wasmCli(args, input);
  assert.equal(w.code, n.code, `exit code of ${args.join(" ")}: native ${n.code}, wasm ${w.code}\n${w.stderr}`);
  assert.equal(w.stdout, n.stdout, `standard output of ${args.join(" ")}`);
  assert.equal(w.stderr.replace(/seclead-wasm/g, "seclead"), n.stderr, `standard error of ${args.join(" ")}`);
  return n;
}

test("a valid file: the report, exit 0", () => assert.equal(same(["assess", valid]).code, 0));
test("a valid file in every format", () => {
  for (const f of ["markdown", "csv", "html", "oscal", "summary"]) assert.equal(same(["assess", valid, "--format", f]).code, 0);
  assert.equal(same(["assess", valid, "--format=csv"]).code, 0);
  assert.equal(same(["assess", "--explain", valid]).code, 0);
});
test("validate a valid file: exit 0, nothing printed", () => assert.equal(same(["validate", valid]).code, 0));
test("an invalid file: the error object, a summary, exit 2", () => {
  assert.equal(same(["assess", invalid]).code, 2);
  assert.equal(same(["validate", invalid]).code, 2);
});
test("validate --overlay: checked against the overlaid knowledge, as natively", () => {
  // Assigns a responsibility only the OT overlay adds: invalid alone, valid with it.
  const assigned = join(work, "assigns-ot-security.json");
  writeFileSync(assigned, JSON.stringify({
    schema: "seclead.profile/1",
    organization: { employees: 300, sector: "manufacturing", jurisdictions: ["US"] },
    currentRoles: [{ id: "r1", role: "cio", reportsTo: "ceo" }],
    currentAssignments: { "ot-security": { accountable: "r1" } },
  }));
  const ot = join(ROOT, "examples", "overlays", "ot-operations.json");
  const broken = join(work, "broken-overlay.json");
  writeFileSync(broken, '{"schema":"seclead.overlay/1","name":"x","colour":1}');
  assert.equal(same(["validate", assigned]).code, 2);
  assert.equal(same(["validate", assigned, "--overlay", ot]).code, 0);
  const n = same(["validate", valid, "--overlay", ot, "--overlay", broken]);
  assert.equal(n.code, 2);
  const first = JSON.parse(n.stdout).errors[0];
  assert.deepEqual([first.input, first.path], ["overlay[1]", "/colour"]);
  assert.equal(same(["validate", valid, "--overlay", missing]).code, 1);
});
test("a missing file: exit 1 with a message", () => {
  const n = same(["assess", missing]);
  assert.equal(n.code, 1);
  assert.match(n.stderr, /cannot read/);
});
test("several files: the worst exit code wins", () => {
  assert.equal(same(["assess", valid, invalid]).code, 2);
  assert.equal(same(["validate", invalid, missing, valid]).code, 1);
});
test("standard input with -", () => {
  assert.equal(same(["assess", "-"], readFileSync(valid, "utf8")).code, 0);
  assert.equal(same(["validate", "-"], "{").code, 2);
});
test("input larger than 1 MiB: code limit, exit 2", () => {
  const n = same(["assess", huge]);
  assert.equal(n.code, 2);
  assert.equal(JSON.parse(n.stdout).errors[0].code, "limit");
});
test("usage errors: exit 1", () => {
  for (const args of [[], ["frobnicate", valid], ["assess"], ["assess", valid, "--format", "pdf"], ["assess", valid, "--bogus"], ["assess", valid, "--format"]]) {
    assert.equal(same(args).code, 1, args.join(" "));
  }
});
test("--help: exit 0 and the usage", () => {
  const w = wasmCli(["--help"]);
  assert.equal(w.code, 0);
  assert.match(w.stdout, /Usage:/);
  assert.match(w.stdout, /Exit codes:/);
});
test("--version names the engine and knowledge base versions", () => {
  const n = native(["--version"]);
  const w = wasmCli(["--version"]);
  assert.equal(w.code, 0);
  assert.equal(w.stdout.replace("seclead-wasm", "seclead"), n.stdout);
});

