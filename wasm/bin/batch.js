// `seclead-wasm assess --batch PROFILES.ndjson`: the native batch mode (plugins/cli/batch.cpp)
// on the WebAssembly engine, same output and exit codes. One profile per input line, one line
// out per input line in input order: the report as compact JSON, or {"line": N, "errors":
// [...]} for a line that is not a valid profile (N is the 1-based line number). A blank line
// is an error line too, so output line k always answers input line k. With --format summary
// the output is one CSV table instead, as natively: a header, then row k+1 answers input line
// k ("line,<the engine's summary columns>,errors", CRLF line endings).
//
// Threads, as natively: --threads N (default: every core, os.availableParallelism(); at most
// twice the cores, where natively 256: a worker is a whole V8 heap). The module itself stays
// single-threaded (no pthreads build): with N > 1 the main thread compiles the
// WebAssembly.Module once and up to N node:worker_threads workers (batch-worker.js) each
// instantiate it and assess chunks of 256 lines; a worker is started only when every running
// one is busy. The main thread reads ahead (at most 4 chunks per thread in flight, at most 2
// queued on one worker) and writes finished chunks strictly in input order, so the output is
// byte for byte the one-thread output. A chunk travels as one transferred buffer of its lines'
// bytes and comes back as one transferred buffer of its output lines (UTF-8). An input of one
// chunk is assessed in the main thread (on an instance of the compiled module): a worker would
// only add its start-up. A worker that fails (it should not: a bad profile is an output line)
// ends the run: a message on standard error, exit 1. --threads 1 runs in-process on one module
// instance, as before. Either way input is streamed and output written per chunk, so memory
// stays bounded whatever the input size.
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import workerThreads from "node:worker_threads";
import { SecleadError, bindEngine } from "../src/api.js";

const MAX_LINE_BYTES = 1024 * 1024; // the native kMaxInputBytes
const CHUNK_LINES = 256;
const CHUNKS_PER_THREAD = 4; // chunks in flight per thread (the native kChunksPerThread)
const QUEUED_PER_WORKER = 2; // chunks sent to one worker at a time: one assessed, one waiting
const MAX_THREADS = 256; // as natively: more workers than that only cost memory
// Unlike a native thread, a worker is a whole V8 heap (~280 MB under a batch): more workers
// than twice the cores only cost memory, so N is capped there (the output is the same).
const WORKERS_PER_CORE = 2;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

// The small valid profile the native CLI assesses once to report broken overlays up front.
const PROBE_PROFILE = '{"schema":"seclead.profile/1","organization":{"employees":1,"sector":"other","jurisdictions":["US"]}}';

/**
 * Splits a byte stream into lines as the native LineReader does: on "\n"; a final line
 * without "\n" counts; one trailing "\r" is dropped; a line longer than 1 MiB (counted with
 * its "\r") is read past but not kept ({tooLong: true}).
 */
export class ReadError extends Error {}

async function* readLines(stream) {
  let parts = [];
  let size = 0;
  let tooLong = false;
  let any = false;
  const finish = () => {
    let line = null;
    if (!tooLong) {
      line = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      if (line.length > 0 && line[line.length - 1] === CARRIAGE_RETURN) line = line.subarray(0, line.length - 1);
    }
    const result = { line, tooLong };
    parts = [];
    size = 0;
    tooLong = false;
    any = false;
    return result;
  };
  const chunks = stream[Symbol.asyncIterator]();
  for (;;) {
    let next;
    try {
      next = await chunks.next();
    } catch (e) {
      throw new ReadError(e && e.message);
    }
    if (next.done) break;
    const chunk = next.value;
    let pos = 0;
    while (pos < chunk.length) {
      any = true;
      const nl = chunk.indexOf(NEWLINE, pos);
      const end = nl === -1 ? chunk.length : nl;
      if (!tooLong) {
        if (size + (end - pos) > MAX_LINE_BYTES) {
          tooLong = true;
          parts = [];
          size = 0;
        } else if (end > pos) {
          parts.push(chunk.subarray(pos, end));
          size += end - pos;
        }
      }
      if (nl === -1) break;
      pos = nl + 1;
      yield finish();
    }
  }
  if (any) yield finish();
}

const isBlank = (bytes) => bytes.every((b) => b === 0x20 || b === 0x09);

/** The native CLI's error object: {"errors":[{"path","code","message"[,"input"]}]}, compact. */
export function errorJson(errors) {
  return JSON.stringify({
    errors: errors.map((e) => {
      const item = { path: e.path, code: e.code, message: e.message };
      if (e.input) item.input = e.input;
      return item;
    }),
  });
}

// The error line: {"line":N,"errors":[{"path","code","message"[,"input"]}]}, compact.
function errorLine(number, errors) {
  return `{"line":${number},${errorJson(errors).slice(1)}`;
}

/** The summary table's column names: the header line of the engine's summary rendering. */
export function summaryHeader(engine) {
  const rendered = engine.assessJson(PROBE_PROFILE, { format: "summary" });
  return rendered.slice(0, rendered.indexOf("\r\n"));
}

// A summary row, as plugins/cli/batch.cpp writes it: the line number, then the cells of the
// report's summary rendering (assessJson with format "summary"), or `columns` empty cells and
// the problems in words (an RFC 4180 quoted field) for an invalid line.
function summaryRow(number, rendered, errors, columns) {
  if (errors === null) {
    const start = rendered.indexOf("\r\n") + 2;
    return `${number},${rendered.slice(start, rendered.indexOf("\r\n", start))},\r\n`;
  }
  const problems =
    `${errors.length} ${errors.length === 1 ? "problem" : "problems"}: ` +
    errors.map((e) => `${e.path === "" ? "/" : e.path} [${e.code}] ${e.message}`).join("; ");
  return `${number},${",".repeat(columns - 1)},"${problems.replaceAll('"', '""')}"\r\n`;
}

/**
 * Assesses the lines of a chunk (bytes, or null for a line over the limit: tooLong[i]) whose
 * first line is number `firstLine`; returns {text, invalid}: one output line per input line,
 * each ending in "\n", and the number of error lines. The one code path of both the
 * in-process batch and the workers, so their output cannot differ. Throws when the engine
 * itself fails (not a line's fault). summaryColumns > 0: summary rows (--format summary) of
 * that many engine columns instead of JSON lines.
 */
export function assessChunk(engine, lines, tooLong, firstLine, engineOptions, summaryColumns = 0) {
  // A report is one output line; a summary row comes from the summary the engine renders
  // straight from the report it built (no JSON round trip).
  const lineOptions = { ...engineOptions, compact: true, ...(summaryColumns > 0 ? { format: "summary" } : {}) };
  const out = [];
  let invalid = 0;
  for (let i = 0; i < lines.length; ++i) {
    const line = lines[i];
    let errors = null;
    if (tooLong[i]) {
      errors = [{ path: "", code: "limit", message: "the line is longer than 1 MiB (1024 KiB)" }];
    } else if (isBlank(line)) {
      errors = [{ path: "", code: "syntax", message: "empty line: expected one JSON profile per line" }];
    } else {
      try {
        const report = engine.assessJson(line, lineOptions);
        if (summaryColumns > 0) out.push(summaryRow(firstLine + i, report, null, summaryColumns));
        else out.push(report, "\n");
        continue;
      } catch (e) {
        if (!(e instanceof SecleadError) || e.errors.length === 0) throw e; // the engine failed
        errors = e.errors;
      }
    }
    ++invalid;
    if (summaryColumns > 0) out.push(summaryRow(firstLine + i, null, errors, summaryColumns));
    else out.push(errorLine(firstLine + i, errors), "\n");
  }
  return { text: out.join(""), invalid };
}

// The engine's .wasm, where index.js's init() reads it in Node.
const WASM_URL = new URL("../dist/seclead_engine.wasm", import.meta.url);

/** Compiles the engine's WebAssembly.Module (once, in the main thread; workers get it). */
export async function compileEngineModule() {
  return WebAssembly.compile(await readFile(WASM_URL));
}

/** A thrown value's message, for a worker's failure (either side of the protocol). */
export const messageOf = (e) => (e && e.message) || String(e);

/**
 * An engine on a new instance of a compiled module: what init() does, minus compiling (the
 * glue's instantiateWasm hook). Rejects, never hangs, when the instantiation fails.
 */
export async function engineFromModule(wasmModule) {
  const { default: createModule } = await import("../dist/seclead_engine.mjs");
  return new Promise((resolve, reject) => {
    createModule({
      instantiateWasm(imports, receiveInstance) {
        WebAssembly.instantiate(wasmModule, imports)
          .then((instance) => receiveInstance(instance, wasmModule))
          .catch(reject);
        return {}; // asynchronous: the glue waits for receiveInstance
      },
    }).then((module) => resolve(bindEngine(module)), reject);
  });
}

/**
 * The thread count of --threads N (0: not given): every core by default, as natively; at
 * most twice the cores (see WORKERS_PER_CORE).
 */
export function threadCount(requested, cores = availableCores()) {
  const wanted = requested > 0 ? requested : Math.max(1, cores);
  return Math.min(MAX_THREADS, wanted, Math.max(1, cores) * WORKERS_PER_CORE);
}

function availableCores() {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

// Writes to standard output, waiting when the stream asks for it (pipes are asynchronous).
// A failed write (EPIPE: the reader went away) never drains: its error ends the wait too.
function write(text) {
  if (process.stdout.write(text)) return null;
  return new Promise((resolve) => {
    const done = () => {
      process.stdout.off("drain", done);
      process.stdout.off("error", done);
      resolve();
    };
    process.stdout.on("drain", done);
    process.stdout.on("error", done);
  });
}

class Progress {
  constructor(enabled, totalBytes, name) {
    this.enabled = enabled;
    this.total = totalBytes;
    this.start = this.last = performance.now();
    this.name = name;
  }
  update(lines, bytes, final = false) {
    if (!this.enabled) return;
    const now = performance.now();
    if (!final && now - this.last < 100) return;
    this.last = now;
    const seconds = (now - this.start) / 1000;
    const rate = (seconds > 0 ? lines / seconds : 0).toFixed(0);
    let text;
    if (this.total > 0) {
      const percent = Math.min(100, Math.floor((bytes * 100) / this.total));
      const bar = "#".repeat(Math.floor(percent / 4)).padEnd(25, ".");
      text = `\r[${bar}] ${String(percent).padStart(3)}% ${lines} profiles, ${rate}/s `;
    } else {
      text = `\r${lines} profiles, ${rate}/s `;
    }
    process.stderr.write(final ? text + "\n" : text);
  }
}

/**
 * Runs the batch. `options`: format, batchFile, threads (0: not given), progress. `io` gives
 * the CLI's helpers: name (program name for messages), init() -> the engine (index.js),
 * strerror(error), fileSize(path) -> bytes or 0. Returns the exit code.
 */
export async function runBatch(options, engineOptions, io) {
  const { name, strerror } = io;
  if (options.format !== "json" && options.format !== "summary") {
    process.stderr.write(`${name}: --batch writes JSON lines or a summary table only (--format json or summary, not ${options.format})\n`);
    return 1;
  }
  const threads = threadCount(options.threads);
  // One thread: index.js's engine, in-process. More: the module compiled here, once.
  const engine = threads === 1 ? await io.init() : null;
  const wasmModule = threads === 1 ? null : await compileEngineModule();
  // The main thread's engine: index.js's with one thread; with more, one instance of the
  // compiled module, made when first needed (the probe below, or an input of one chunk).
  let mainEngine = engine;
  const mainThreadEngine = async () => (mainEngine ??= await engineFromModule(wasmModule));
  const probeEngine = options.format === "summary" || engineOptions.overlays.length > 0 ? await mainThreadEngine() : null;
  // Broken overlays are reported once, up front, not on every line.
  if (engineOptions.overlays.length > 0) {
    let overlayErrors = [];
    try {
      probeEngine.assessJson(PROBE_PROFILE, engineOptions);
    } catch (e) {
      if (!(e instanceof SecleadError)) throw e;
      overlayErrors = e.errors.filter((x) => typeof x.input === "string" && x.input.startsWith("overlay"));
    }
    if (overlayErrors.length > 0) {
      const first = overlayErrors[0];
      const n = overlayErrors.length;
      process.stdout.write(errorJson(overlayErrors) + "\n");
      process.stderr.write(
        `${name}: the overlays are invalid (${n} ${n === 1 ? "problem" : "problems"}): ` +
          `${first.input} ${first.path} [${first.code}] ${first.message}\n`,
      );
      return 2;
    }
  }

  const header = options.format === "summary" ? summaryHeader(probeEngine) : "";
  const summaryColumns = header === "" ? 0 : header.split(",").length;

  const path = options.batchFile;
  let stream;
  let totalBytes = 0;
  if (path === "-") {
    stream = process.stdin;
  } else {
    try {
      stream = await openStream(path);
    } catch (e) {
      process.stderr.write(`${name}: cannot read '${path}': ${strerror(e)}\n`);
      return 1;
    }
    totalBytes = io.fileSize(path);
  }

  if (header !== "") await write(`line,${header},errors\r\n`);
  const progress = new Progress(options.progress && process.stderr.isTTY === true, totalBytes, name);
  const state = { lines: 0, invalid: 0, inputBytes: 0, readFailed: false, writeFailed: false, failure: null };
  const onWriteError = () => {
    state.writeFailed = true;
  };
  process.stdout.on("error", onWriteError);
  // Writes a finished chunk (in input order); false when the output is gone.
  const emit = async (chunk, out, invalid) => {
    state.lines += chunk.count;
    state.invalid += invalid;
    state.inputBytes += chunk.bytes;
    if (!state.writeFailed && out.length > 0) await write(out);
    if (state.writeFailed) return false;
    progress.update(state.lines, state.inputBytes);
    return true;
  };
  const chunks = readChunks(stream, state);
  if (threads === 1) {
    for await (const chunk of chunks) {
      const { text, invalid } = assessChunk(engine, chunk.lines, chunk.tooLong, chunk.firstLine, engineOptions, summaryColumns);
      if (!(await emit(chunk, text, invalid))) break;
    }
  } else {
    await runThreaded(threads, wasmModule, mainThreadEngine, engineOptions, chunks, emit, state, summaryColumns);
  }
  progress.update(state.lines, state.inputBytes, true);
  // A write error shows up asynchronously: let it arrive before deciding.
  await new Promise((resolve) => setImmediate(resolve));
  process.stdout.off("error", onWriteError);
  if (state.failure) {
    process.stderr.write(`${name}: ${state.failure}\n`);
    return 1;
  }
  if (state.readFailed) {
    process.stderr.write(`${name}: error reading '${path}'\n`);
    return 1;
  }
  if (state.writeFailed) {
    process.stderr.write(`${name}: error writing the output\n`);
    return 1;
  }
  if (state.invalid > 0) {
    process.stderr.write(`${name}: ${state.invalid} of ${state.lines} lines were not valid profiles\n`);
    return 2;
  }
  return 0;
}

/**
 * The input in chunks of CHUNK_LINES lines: {firstLine, count, lines, tooLong, bytes}. A read
 * error ends the input after the lines read so far (state.readFailed), as natively.
 */
async function* readChunks(stream, state) {
  let chunk = null;
  let next = 1;
  try {
    for await (const { line, tooLong } of readLines(stream)) {
      if (!chunk) chunk = { firstLine: next, count: 0, lines: [], tooLong: [], bytes: 0 };
      chunk.lines.push(line);
      chunk.tooLong.push(tooLong);
      chunk.bytes += (line ? line.length : 0) + 1;
      ++next;
      if (++chunk.count === CHUNK_LINES) {
        const full = chunk;
        chunk = null;
        yield full;
      }
    }
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    state.readFailed = true;
  }
  if (chunk) yield chunk;
}

/**
 * The parallel batch: reads chunks ahead into a window of at most CHUNKS_PER_THREAD * threads,
 * has the pool assess them in any order and emits the oldest as soon as it is done. A worker
 * failure sets state.failure and stops the run (what was emitted before stays).
 */
async function runThreaded(threads, wasmModule, mainThreadEngine, engineOptions, chunks, emit, state, summaryColumns) {
  const input = chunks[Symbol.asyncIterator]();
  // An input of one chunk is assessed here, on an instance of the compiled module: a worker
  // would only add its start-up (80 ms measured on a loaded machine) to the run.
  const first = await input.next();
  if (first.done) return;
  const second = await input.next();
  if (second.done) {
    const chunk = first.value;
    const { text, invalid } = assessChunk(await mainThreadEngine(), chunk.lines, chunk.tooLong, chunk.firstLine, engineOptions, summaryColumns);
    await emit(chunk, text, invalid);
    return;
  }
  const pool = new WorkerPool(threads, wasmModule, engineOptions, summaryColumns);
  const window = []; // jobs in input order
  const read = [first, second];
  let eof = false;
  try {
    for (;;) {
      while (!eof && window.length < threads * CHUNKS_PER_THREAD && !pool.failure) {
        const next = read.length > 0 ? read.shift() : await input.next();
        if (next.done) {
          eof = true;
          break;
        }
        const job = { chunk: next.value, done: false, out: null, invalid: 0 };
        window.push(job);
        pool.submit(job);
      }
      if (pool.failure || window.length === 0) break;
      const head = window[0];
      while (!head.done && !pool.failure) await pool.event();
      if (pool.failure) break;
      window.shift();
      if (!(await emit(head.chunk, head.out, head.invalid))) break;
    }
  } finally {
    if (!eof) await input.return();
    await pool.close();
  }
  state.failure = pool.failure;
}

/**
 * Up to `size` workers (batch-worker.js), started on demand. Protocol (structured clone):
 *   main -> worker  {id, firstLine, data, ends, tooLong}: data the chunk's line bytes one
 *                   after the other (transferred), ends[i] where line i ends in it,
 *                   tooLong[i] 1 for a line over the limit (no bytes)
 *   worker -> main  {id, out, invalid}: out the chunk's output lines, UTF-8 (transferred)
 *                   {id, error}: the engine failed on that chunk, or could not be made
 *                   in that worker (batch-worker.js answers every failure)
 * `failure` is the first failure's message (a worker's error, an unexpected exit, an
 * engine failure), null while all is well; event() resolves on the next answer or failure.
 */
class WorkerPool {
  constructor(size, wasmModule, engineOptions, summaryColumns) {
    this.size = size;
    this.workerData = { wasmModule, engineOptions, summaryColumns };
    this.workers = [];
    this.queue = [];
    this.nextId = 1;
    this.failure = null;
    this.closing = false;
    this.waiters = [];
  }

  event() {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  fail(message) {
    if (!this.failure && !this.closing) this.failure = message;
    this.wake();
  }

  submit(job) {
    this.queue.push(job);
    this.pump();
  }

  // Sends queued chunks: to an idle worker, else to a new one while fewer than `size` run,
  // else to the least busy one with room.
  pump() {
    while (this.queue.length > 0 && !this.failure) {
      let target = this.workers.find((w) => w.jobs.size === 0);
      if (!target && this.workers.length < this.size) target = this.spawn();
      if (!target) {
        for (const w of this.workers) {
          if (w.jobs.size < QUEUED_PER_WORKER && (!target || w.jobs.size < target.jobs.size)) target = w;
        }
      }
      if (!target) return;
      const job = this.queue.shift();
      const id = this.nextId++;
      target.jobs.set(id, job);
      const message = packChunk(job.chunk);
      job.chunk.lines = job.chunk.tooLong = null; // the bytes now live in the message
      message.id = id;
      target.worker.postMessage(message, [message.data.buffer, message.ends.buffer]);
    }
  }

  spawn() {
    const { Worker } = workerThreads;
    const number = this.workers.length + 1;
    const worker = new Worker(new URL("./batch-worker.js", import.meta.url), { workerData: this.workerData });
    const entry = { worker, number, jobs: new Map() };
    worker.on("message", (message) => this.answer(entry, message));
    worker.on("error", (e) => this.fail(`batch worker ${number} failed: ${messageOf(e)}`));
    worker.on("exit", (code) => this.fail(`batch worker ${number} stopped unexpectedly (exit code ${code})`));
    this.workers.push(entry);
    return entry;
  }

  answer(entry, { id, out, invalid, error }) {
    const job = entry.jobs.get(id);
    entry.jobs.delete(id);
    if (error !== undefined || !job) {
      this.fail(`batch worker ${entry.number} failed: ${error !== undefined ? error : `answer to an unknown chunk ${id}`}`);
      return;
    }
    job.out = out;
    job.invalid = invalid;
    job.done = true;
    this.pump();
    this.wake();
  }

  async close() {
    this.closing = true;
    this.queue = [];
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
    this.wake();
  }
}

// A chunk as one message: its lines' bytes in one buffer (copied out of the read buffers).
function packChunk(chunk) {
  const { lines, tooLong } = chunk;
  const ends = new Uint32Array(lines.length);
  let total = 0;
  for (let i = 0; i < lines.length; ++i) {
    if (lines[i]) total += lines[i].length;
    ends[i] = total;
  }
  const data = new Uint8Array(total);
  const flags = new Uint8Array(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; ++i) {
    if (tooLong[i]) flags[i] = 1;
    if (!lines[i]) continue;
    data.set(lines[i], at);
    at += lines[i].length;
  }
  return { firstLine: chunk.firstLine, data, ends, tooLong: flags };
}

/** The lines of a packed chunk, for assessChunk (batch-worker.js). */
export function unpackChunk({ data, ends, tooLong }) {
  const lines = new Array(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; ++i) {
    lines[i] = tooLong[i] ? null : data.subarray(start, ends[i]);
    start = ends[i];
  }
  return lines;
}

// Opens a file as a stream, failing (like fopen) before any line is read.
function openStream(path) {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.once("open", () => resolve(stream));
    stream.once("error", reject);
  });
}
