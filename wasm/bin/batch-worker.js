// A worker thread of `seclead-wasm assess --batch --threads N` (batch.js, which describes the
// protocol): its own instance of the engine, made from the WebAssembly.Module the main thread
// compiled (workerData), assesses the chunks it is sent, one after the other, with the same
// code as the one-thread batch (assessChunk) and sends back each chunk's output lines as UTF-8
// bytes. Every failure here is answered, never thrown: when the engine cannot be made, each
// chunk is answered with that error; an engine or encoding failure on a chunk is answered with
// its message. An uncaught exception in a worker that the main thread is terminating at that
// moment (it does as soon as one worker fails) can abort the whole process in Node 20 ("FATAL
// ERROR: v8::ToLocalChecked Empty MaybeLocal"; seen when both workers failed to instantiate).
import { parentPort, workerData } from "node:worker_threads";
import { assessChunk, engineFromModule, messageOf, unpackChunk } from "./batch.js";

const { wasmModule, engineOptions, summaryColumns } = workerData;
const encoder = new TextEncoder();

let engine = null;
let startFailure = null;
try {
  engine = await engineFromModule(wasmModule);
} catch (e) {
  startFailure = messageOf(e);
}

parentPort.on("message", (chunk) => {
  if (startFailure !== null) {
    parentPort.postMessage({ id: chunk.id, error: startFailure });
    return;
  }
  let out;
  let invalid;
  try {
    const result = assessChunk(engine, unpackChunk(chunk), chunk.tooLong, chunk.firstLine, engineOptions, summaryColumns);
    out = encoder.encode(result.text);
    invalid = result.invalid;
  } catch (e) {
    parentPort.postMessage({ id: chunk.id, error: messageOf(e) });
    return;
  }
  parentPort.postMessage({ id: chunk.id, out, invalid }, [out.buffer]);
});
