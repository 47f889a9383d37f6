// --pre-js of the ES module build only (wasm/CMakeLists.txt). Emscripten 3.1.6's glue, run
// in Node, calls require("fs"/"path") and reads __dirname, which an ES module does not have.
// Inside the factory we give it both: `require` from Module.nodeRequire (a caller may pass
// createRequire(import.meta.url)) or Node's process.getBuiltinModule (Node >= 20.16);
// `__dirname` from the glue's URL (kept in _scriptDir; terser cannot print import.meta in a
// pre-js). index.js always passes wasmBinary in Node, so require is a fallback only.
// In browsers and workers neither is touched.
var require, __dirname;
if (typeof process == "object" && typeof process.versions == "object" && typeof process.versions.node == "string") {
  require = Module["nodeRequire"] || (process.getBuiltinModule && function (id) { return process.getBuiltinModule(id); });
  __dirname = decodeURIComponent(new URL(".", _scriptDir).pathname);
}
