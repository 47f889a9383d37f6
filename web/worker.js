// Web Worker body for the offline page. The page builds the worker from a Blob: the inlined
// engine script (createSecleadEngine + bindEngine) followed by this text, so it needs no
// network and no second copy of the engine in the file. The first message carries the wasm
// bytes ({init, wasmBinary}); later ones are calls {id, method, args}.
/* global createSecleadEngine, bindEngine */
var secleadApi = null;
var secleadStart;
var secleadReady = new Promise(function (resolve) { secleadStart = resolve; }).then(function (wasmBinary) {
  return createSecleadEngine(wasmBinary ? { wasmBinary: wasmBinary } : {});
}).then(function (module) {
  secleadApi = bindEngine(module);
});
self.onmessage = function (event) {
  var msg = event.data || {};
  if (msg.init) { secleadStart(msg.wasmBinary); return; }
  secleadReady
    .then(function () {
      var result = secleadApi[msg.method].apply(null, msg.args || []);
      self.postMessage({ id: msg.id, ok: true, result: result });
    })
    .catch(function (err) {
      self.postMessage({
        id: msg.id,
        ok: false,
        error: { name: err && err.name, message: String((err && err.message) || err), code: err && err.code, errors: err && err.errors },
      });
    });
};
