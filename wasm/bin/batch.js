// `seclead-wasm assess --batch PROFILES.ndjson`: the native batch mode (plugins/cli/batch.cpp)
// on the WebAssembly engine, same output and exit codes. One profile per input line, one line
// out per input line in input order: the report as compact JSON, or {"line": N, "errors":
// [...]} for a line that is not a valid profile (N is the 1-based line number). A blank line
// is an error line too, so output line k always answers input line k.
//
// One thread: the module instance is single-threaded (--threads is accepted and checked, as
// natively, but changes nothing). Input is streamed and output written per chunk of lines, so
// memory stays bounded whatever the input size.
import { createReadStream } from "node:fs";
import { SecleadError } from "../src/api.js";

const MAX_LINE_BYTES = 1024 * 1024; // the native kMaxInputBytes
const CHUNK_LINES = 256;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

// The small valid profile the native CLI assesses once to report broken overlays up front.
const PROBE_PROFILE = '{"schema":"seclead.profile/1","organization":{"employees":1,"sector":"other","jurisdictions":["US"]}}';

/**
 * The compact form of the engine's pretty JSON: every space, tab and line break outside
 * strings dropped (pretty JSON has whitespace only between tokens), as appendCompact() in
 * plugins/cli/batch.cpp does. Not JSON.parse + stringify: that would rewrite numbers.
 */
export function compactJson(json) {
  let out = "";
  let start = 0; // first character not yet copied
  let inString = false;
  for (let i = 0; i < json.length; ++i) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) ++i; // backslash: the next character is escaped, whatever it is
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

// The error line: {"line":N,"errors":[{"path","code","message"[,"input"]}]}, compact.
function errorLine(number, errors, errorJson) {
  return `{"line":${number},${errorJson(errors).slice(1)}`;
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
 * Runs the batch. `io` gives the CLI's helpers: name (program name for messages), errorJson
 * (the compact error object of a list), strerror(error), fileSize(path) -> bytes or 0.
 * Returns the exit code.
 */
export async function runBatch(engine, options, engineOptions, io) {
  const { name, errorJson, strerror } = io;
  if (options.format !== "json") {
    process.stderr.write(`${name}: --batch writes JSON lines only (no --format ${options.format})\n`);
    return 1;
  }
  // Broken overlays are reported once, up front, not on every line.
  if (engineOptions.overlays.length > 0) {
    let overlayErrors = [];
    try {
      engine.assessJson(PROBE_PROFILE, engineOptions);
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

  const progress = new Progress(options.progress && process.stderr.isTTY === true, totalBytes, name);
  let writeFailed = false;
  const onWriteError = () => {
    writeFailed = true;
  };
  process.stdout.on("error", onWriteError);
  let number = 0;
  let invalid = 0;
  let inputBytes = 0;
  let out = [];
  const flush = async () => {
    if (out.length === 0 || writeFailed) return;
    const text = out.join("");
    out = [];
    await write(text);
  };
  let readFailed = false;
  try {
    for await (const { line, tooLong } of readLines(stream)) {
      ++number;
      inputBytes += (line ? line.length : 0) + 1;
      let errors = null;
      let text;
      if (tooLong) {
        errors = [{ path: "", code: "limit", message: "the line is longer than 1 MiB (1024 KiB)" }];
      } else if (isBlank(line)) {
        errors = [{ path: "", code: "syntax", message: "empty line: expected one JSON profile per line" }];
      } else {
        try {
          text = compactJson(engine.assessJson(line, engineOptions));
        } catch (e) {
          if (!(e instanceof SecleadError) || e.errors.length === 0) throw e; // the engine failed: not a line's fault
          errors = e.errors;
        }
      }
      if (errors) {
        ++invalid;
        text = errorLine(number, errors, errorJson);
      }
      out.push(text, "\n");
      if (number % CHUNK_LINES === 0) {
        await flush();
        if (writeFailed) break;
        progress.update(number, inputBytes);
      }
    }
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    readFailed = true;
  }
  await flush();
  progress.update(number, inputBytes, true);
  // A write error shows up asynchronously: let it arrive before deciding.
  await new Promise((resolve) => setImmediate(resolve));
  process.stdout.off("error", onWriteError);
  if (readFailed) {
    process.stderr.write(`${name}: error reading '${path}'\n`);
    return 1;
  }
  if (writeFailed) {
    process.stderr.write(`${name}: error writing the output\n`);
    return 1;
  }
  if (invalid > 0) {
    process.stderr.write(`${name}: ${invalid} of ${number} lines were not valid profiles\n`);
    return 2;
  }
  return 0;
}

// Opens a file as a stream, failing (like fopen) before any line is read.
function openStream(path) {
  return new Promise((resolve, reject) => {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    stream.once("open", () => resolve(stream));
    stream.once("error", reject);
  });
}
