// @seclead/engine: the seclead decision engine as a WebAssembly module (issue 5).
//
//   import { init } from "@seclead/engine";
//   const engine = await init();              // Node: reads the .wasm next to the glue itself
//   const report = engine.assess(profile);    // or: import { assess } ... after init()
//
// init(options) is memoised: the first call instantiates the module, every later call (with
// any options) returns the same promise and engine.
import createSecleadEngineModule from "../dist/seclead_engine.mjs";
import { bindEngine, SecleadError } from "./api.js";

export { bindEngine, SecleadError };

const WASM_FILE = "seclead_engine.wasm";
const isNode = typeof process === "object" && !!(process.versions && process.versions.node);

let pending = null;
let engine = null;

// Node 20 with Emscripten 3.1.6: the glue would fetch() a file path, so in Node we always
// hand it the bytes (wasmBinary), reading them ourselves from locateFile's answer or from
// dist/ next to the glue. Node >= 20.16 hands out its built-in modules synchronously
// (process.getBuiltinModule): with a synchronous read, init() resolves 0.3-1.3 ms sooner than
// importing node:fs/promises and node:url as ES modules and reading asynchronously, which
// older Nodes still do (tests/bench/README.md).
async function nodeBuiltin(id) {
  return process.getBuiltinModule ? process.getBuiltinModule(id) : import(/* webpackIgnore: true */ id);
}

async function nodeWasmBinary(locateFile) {
  const { fileURLToPath } = await nodeBuiltin("node:url");
  const glueDir = new URL("../dist/", import.meta.url);
  let where = locateFile ? locateFile(WASM_FILE, fileURLToPath(glueDir)) : new URL(WASM_FILE, glueDir);
  if (typeof where === "string" && /^https?:/.test(where)) {
    const response = await fetch(where);
    if (!response.ok) throw new Error(`cannot fetch ${where}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  if (typeof where === "string" && where.startsWith("file:")) where = new URL(where);
  return (await nodeBuiltin("node:fs")).readFileSync(where);
}

// Node compiles the module on the calling thread (V8 compiles lazily, so this only decodes
// and validates it) instead of the glue's asynchronous instantiation: a cold start 1-3 ms
// sooner (tests/bench/README.md). Browsers keep the asynchronous path: they refuse to compile
// large modules synchronously on their main thread. The glue calls instantiateWasm
// synchronously and, if it threw, would only log the error and never settle its promise: the
// error is kept for rethrow() instead.
function syncInstantiation(bytes) {
  let failure = null;
  return {
    instantiateWasm(imports, receive) {
      try {
        const compiled = new WebAssembly.Module(bytes);
        const instance = new WebAssembly.Instance(compiled, imports);
        receive(instance, compiled);
        return instance.exports;
      } catch (error) {
        failure = error;
        return {};  // "instantiating asynchronously": the glue waits and is dropped
      }
    },
    rethrow() {
      if (failure) throw failure;
    },
  };
}

/**
 * Instantiates the module once. Options:
 *   wasmBinary  the bytes of seclead_engine.wasm (ArrayBuffer / Uint8Array / Buffer)
 *   locateFile  (file, dir) => URL or path of seclead_engine.wasm
 * With neither: browsers load dist/seclead_engine.wasm next to the glue (import.meta.url);
 * Node reads it from the package.
 */
export function init(options = {}) {
  if (pending) return pending;
  pending = (async () => {
    const moduleOptions = {};
    if (options.wasmBinary) {
      moduleOptions.wasmBinary = options.wasmBinary;
    } else if (isNode) {
      moduleOptions.wasmBinary = await nodeWasmBinary(options.locateFile);
    } else if (options.locateFile) {
      moduleOptions.locateFile = options.locateFile;
    }
    const sync = isNode && moduleOptions.wasmBinary ? syncInstantiation(moduleOptions.wasmBinary) : null;
    if (sync) moduleOptions.instantiateWasm = sync.instantiateWasm;
    const loading = createSecleadEngineModule(moduleOptions);
    sync?.rethrow();
    engine = bindEngine(await loading);
    return engine;
  })();
  pending.catch(() => {
    pending = null;  // a failed load (bad URL, no bytes) may be retried
  });
  return pending;
}

function ready() {
  if (!engine) throw new Error("@seclead/engine: call `await init()` before using the engine");
  return engine;
}

/** Assesses a profile (object, JSON text or UTF-8 bytes); returns the report object. */
export const assess = (profile, options) => ready().assess(profile, options);
/** Assesses a profile; returns the report JSON text, byte-identical to the native CLI. */
export const assessJson = (profile, options) => ready().assessJson(profile, options);
/** {valid: true} or {valid: false, errors}. */
export const validate = (profile, options) => ready().validate(profile, options);
/** Renders a report as json | markdown | csv | html | oscal | summary text. */
export const render = (report, format) => ready().render(report, format);
/** The ordered questions that fill a profile. */
export const questionnaire = () => ready().questionnaire();
/** {engine, knowledgeBase} versions. */
export const version = () => ready().version();
