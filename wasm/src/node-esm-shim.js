// --pre-js of the ES module build only (wasm/CMakeLists.txt). Emscripten 3.1.6's glue, run
// in Node, calls require("fs"/"path") and reads __dirname, which an ES module does not have.
// Inside the factory we give it both: `require` from Module.nodeRequire (index.js passes
// createRequire(import.meta.url)) or Node's process.getBuiltinModule; `__dirname` from
// import.meta.url (the glue keeps it in _scriptDir; terser cannot print import.meta here). In browsers and workers neither is touched.
var require, __dirname;
if (typeof process == "object" && typeof process.versions == "object" && typeof process.versions.node == "string") {
  require = Module["nodeRequire"] || (process.getBuiltinModule && function (id) { return process.getBuiltinModule(id); });
  __dirname = decodeURIComponent(new URL(".", _scriptDir).pathname);
}
