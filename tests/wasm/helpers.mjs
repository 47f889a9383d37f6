// Shared helpers of the WebAssembly tests (node --test tests/wasm/). They need the module
// built into wasm/dist/ (scripts/build-wasm.sh) and the native CLI of stage 10
// (build/debug/plugins/cli/seclead; SECLEAD_CLI overrides the path).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WASM_DIR = join(ROOT, "wasm");
export const DIST = join(WASM_DIR, "dist");
export const NATIVE_CLI = process.env.SECLEAD_CLI || join(ROOT, "build", "debug", "plugins", "cli", "seclead");
export const WASM_CLI = join(WASM_DIR, "bin", "seclead-wasm.js");
export const FORMATS = ["json", "markdown", "csv", "html", "oscal", "summary"];

export function requireBuilt() {
  for (const f of ["seclead_engine.mjs", "seclead_engine.wasm", "seclead_engine.single.js"]) {
    if (!existsSync(join(DIST, f))) throw new Error(`missing wasm/dist/${f}: run scripts/build-wasm.sh`);
  }
  if (!existsSync(NATIVE_CLI)) throw new Error(`missing native CLI ${NATIVE_CLI}: run stage 10 (cmake --preset debug)`);
}

/** Every profile to compare: {name, text} from tests/scenarios/*.json and examples/*.json. */
export function allProfiles() {
  const out = [];
  const scenarios = join(ROOT, "tests", "scenarios");
  for (const f of readdirSync(scenarios).filter((f) => f.endsWith(".json")).sort()) {
    const fixture = JSON.parse(readFileSync(join(scenarios, f), "utf8"));
    if (fixture && typeof fixture === "object" && fixture.profile !== undefined) {
      out.push({ name: `scenarios/${f}`, text: JSON.stringify(fixture.profile) });
    }
  }
  const examples = join(ROOT, "examples");
  for (const f of readdirSync(examples).filter((f) => f.endsWith(".json")).sort()) {
    out.push({ name: `examples/${f}`, text: readFileSync(join(examples, f), "utf8") });
  }
  return out;
}

/** The bytes of a bad-profile case's input (format of tests/bad_profiles/README.md). */
export function caseBytes(input) {
  if (input && typeof input === "object" && !Array.isArray(input)) {
    if (typeof input.hex === "string") return Buffer.from(input.hex, "hex");
    if (typeof input.text === "string") {
      const repeat = Number.isInteger(input.repeat) ? input.repeat : 1;
      return Buffer.from((input.prefix || "") + input.text.repeat(repeat) + (input.suffix || ""), "utf8");
    }
  }
  return Buffer.from(JSON.stringify(input), "utf8");
}

/** Runs a command line; returns {code, stdout, stderr} (stdout/stderr as strings). */
export function run(command, args, input) {
  const r = spawnSync(command, args, { input, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const native = (args, input) => run(NATIVE_CLI, args, input);
export const wasmCli = (args, input) => run(process.execPath, [WASM_CLI, ...args], input);

/** The contract's error object, serialised as the native CLI prints it (compact). */
export function errorObjectText(errors) {
  return JSON.stringify({
    errors: errors.map((e) => ({ path: e.path, code: e.code, message: e.message, ...(e.input ? { input: e.input } : {}) })),
  });
}

/**
 * The compact form of pretty JSON: every space, tab and line break outside strings dropped
 * (pretty JSON has whitespace only between tokens). An oracle independent of the engine's
 * writer (JSON.parse + stringify would rewrite numbers); seclead-wasm's batch used this code
 * before the engine had Options::compact (tests/bench/wasm-batch-line.mjs times both).
 */
export function compactJson(json) {
  let out = "";
  let start = 0;
  let inString = false;
  for (let i = 0; i < json.length; ++i) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) ++i;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > start) out += json.slice(start, i);
      start = i + 1;
    }
  }
  return start === 0 ? json : out + json.slice(start);
}
