// A worker thread of `seclead-wasm assess --batch --threads N` (batch.js, which describes the
// protocol): its own instance of the engine, made from the WebAssembly.Module the main thread
// compiled (workerData), assesses the chunks it is sent, one after the other, with the same
// code as the one-thread batch (assessChunk) and sends back each chunk's output lines as UTF-8
// bytes. An engine failure on a chunk is answered with its message; any other failure (the
// module cannot be instantiated, an exception here) ends this thread, which the main thread
// sees as the worker's error or exit.
import { parentPort, workerData } from "node:worker_threads";
import { assessChunk, engineFromModule, unpackChunk } from "./batch.js";

const { wasmModule, engineOptions, summaryColumns } = workerData;
const engine = await engineFromModule(wasmModule);
const encoder = new TextEncoder();

parentPort.on("message", (chunk) => {
  let result;
  try {
    result = assessChunk(engine, unpackChunk(chunk), chunk.tooLong, chunk.firstLine, engineOptions, summaryColumns);
  } catch (e) {
    parentPort.postMessage({ id: chunk.id, error: (e && e.message) || String(e) });
    return;
  }
  const out = encoder.encode(result.text);
  parentPort.postMessage({ id: chunk.id, out, invalid: result.invalid }, [out.buffer]);
});
