// Web Worker entry of @seclead/engine (issue 5): a page assesses without blocking its main
// thread.
//
//   const worker = new Worker(new URL("@seclead/engine/worker", import.meta.url), { type: "module" });
//   const engine = createWorkerClient(worker);
//   const report = await engine.assess(profile, { explain: true });
//
// Protocol (structured-clone messages):
//   page -> worker  {id, method, args}      method: init | assess | assessJson | validate |
//                                           render | questionnaire | version
//   worker -> page  {id, result}            the method's return value
//                   {id, error: {name, message, code, errors}}
// `init` (optional, args [options] as for index.js init) must come first if used; otherwise
// the engine is instantiated on the first request.
//
// Inlined use (the offline page): with api.js and the single-file glue in the same classic
// worker script (import/export lines stripped), the worker uses createSecleadEngine() and
// never imports index.js.
import { bindEngine, SecleadError } from "./api.js";

const METHODS = ["assess", "assessJson", "validate", "render", "questionnaire", "version"];

function errorMessage(e) {
  if (e instanceof SecleadError) return { name: e.name, message: e.message, code: e.code, errors: e.errors };
  return { name: (e && e.name) || "Error", message: String((e && e.message) || e), code: "internal", errors: [] };
}

/** Answers {id, method, args} messages on `scope` (a worker's `self`) with an engine. */
export function serveEngine(scope, createEngine) {
  let enginePromise = null;
  const engine = (options) => {
    if (!enginePromise) {
      enginePromise = Promise.resolve().then(() => createEngine(options || {}));
      enginePromise.catch(() => {
        enginePromise = null;
      });
    }
    return enginePromise;
  };
  scope.addEventListener("message", async (event) => {
    const { id, method, args = [] } = event.data || {};
    try {
      let result;
      if (method === "init") {
        await engine(args[0]);
        result = true;
      } else if (METHODS.includes(method)) {
        const e = await engine();
        result = e[method](...args);
      } else {
        throw new TypeError(`unknown method "${method}"`);
      }
      scope.postMessage({ id, result });
    } catch (e) {
      scope.postMessage({ id, error: errorMessage(e) });
    }
  });
}

// The default engine: the inlined single-file glue when present, else the package's module.
function defaultEngine(options) {
  if (typeof createSecleadEngine === "function") {
    return createSecleadEngine(options.wasmBinary ? { wasmBinary: options.wasmBinary } : {}).then(bindEngine);
  }
  return import("./index.js").then((m) => m.init(options));
}

/**
 * The page side: wraps a Worker running this file into the engine API, every method
 * returning a Promise. Errors come back as SecleadError (with .code and .errors).
 */
export function createWorkerClient(worker) {
  let nextId = 1;
  const pending = new Map();
  worker.addEventListener("message", (event) => {
    const { id, result, error } = event.data || {};
    const waiter = pending.get(id);
    if (!waiter) return;
    pending.delete(id);
    if (!error) return waiter.resolve(result);
    if (error.name === "SecleadError") return waiter.reject(new SecleadError(error.errors, error.message));
    const e = new Error(error.message);
    e.name = error.name;
    waiter.reject(e);
  });
  worker.addEventListener("error", (event) => {
    const e = new Error(`seclead worker failed: ${(event && event.message) || "unknown error"}`);
    for (const waiter of pending.values()) waiter.reject(e);
    pending.clear();
  });
  const request = (method, args, transfer) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args }, transfer || []);
    });
  const client = { init: (options) => request("init", [options || {}]), terminate: () => worker.terminate() };
  for (const method of METHODS) client[method] = (...args) => request(method, args);
  return Object.freeze(client);
}

// Running as a worker: serve. (A page importing createWorkerClient from here does not.)
if (typeof WorkerGlobalScope !== "undefined" && typeof self !== "undefined" && self instanceof WorkerGlobalScope) {
  serveEngine(self, defaultEngine);
}
