// The JavaScript API of the seclead engine (issue 5). SELF-CONTAINED: no imports, so the
// offline page can inline this file next to the single-file glue by stripping `export`.
//
// The WebAssembly side (wasm/bindings.cpp) only moves text: each call returns a Uint8Array
// view of the UTF-8 bytes "ok\n<output>" (or "ok7 <start>+<length>...\n<output>", listing
// the output's runs of non-ASCII bytes) or "error\n<{"errors":[...]}>" inside the module's
// memory, valid until the next call. This file owns the API: argument checks, defaults,
// conversion of objects to JSON text, the input size limit, and errors.

/** Inputs larger than this many UTF-8 bytes are rejected with code "limit" (contract §1). */
const MAX_INPUT_BYTES = 1024 * 1024;
const FORMATS = ["json", "markdown", "csv", "html", "oscal", "summary"];
// assess / assessJson / validate options (validate uses only overlays; format is assessJson's).
const OPTION_KEYS = ["explain", "overlays", "compact", "format"];

/**
 * The one error class of the API. `errors` is the contract's list of
 * {path, code, message[, input]}; `code` is the first error's code, or "internal" when the
 * engine itself failed (then `errors` is empty).
 */
export class SecleadError extends Error {
  constructor(errors, message) {
    const list = Array.isArray(errors) ? errors : [];
    super(message || summarize(list));
    this.name = "SecleadError";
    this.code = list.length > 0 && list[0] && typeof list[0].code === "string" ? list[0].code : "internal";
    this.errors = list;
  }
}

// Same wording as the native CLI's one-line summary on standard error.
function summarize(errors) {
  if (errors.length === 0) return "internal error in the seclead engine";
  const first = errors[0];
  return (
    `${errors.length} ${errors.length === 1 ? "problem" : "problems"}: ` +
    `${first.input ? first.input + " " : ""}${first.path || "/"} [${first.code}] ${first.message}`
  );
}

function limitError(input) {
  const error = {
    path: "",
    code: "limit",
    message: `the profile is larger than ${MAX_INPUT_BYTES / 1024} KiB (1 MiB): split it or remove free text`,
  };
  if (input) error.input = input;
  return new SecleadError([error]);
}

const utf8 = new TextEncoder();

/**
 * Converts a profile / report / overlay given as an object, JSON text or UTF-8 bytes into
 * what the module takes: UTF-8 bytes. Text is encoded here by the platform's encoder rather
 * than by Embind's character loop in JS (the 25 KB maximal profile assesses 5% faster); a
 * Uint8Array (e.g. a Node Buffer) reaches the engine byte for byte, exactly as the native CLI
 * reads a file.
 */
function toInput(value, what, input) {
  if (typeof value === "string") {
    const bytes = utf8.encode(value); // a lone surrogate becomes U+FFFD
    if (bytes.length > MAX_INPUT_BYTES) throw limitError(input);
    return bytes;
  }
  if (value instanceof ArrayBuffer) value = new Uint8Array(value);
  if (value instanceof Uint8Array) {
    if (value.length > MAX_INPUT_BYTES) throw limitError(input);
    return value;
  }
  if (value === null || typeof value !== "object") {
    throw new SecleadError([
      { path: "", code: "type", message: `expected the ${what} as an object or JSON text, got ${value === null ? "null" : typeof value}`, ...(input ? { input } : {}) },
    ]);
  }
  let out;
  try {
    out = JSON.stringify(value);
  } catch (e) {
    throw new SecleadError([
      { path: "", code: "syntax", message: `the ${what} cannot be written as JSON: ${e && e.message}`, ...(input ? { input } : {}) },
    ]);
  }
  return toInput(out, what, input);
}

const OK_TAG = [0x6f, 0x6b, 0x0a]; // "ok\n"
const OK_RUNS_TAG = [0x6f, 0x6b, 0x37]; // "ok7", then " <start>+<length>" per non-ASCII run, "\n"
const ERROR_TAG = [0x65, 0x72, 0x72, 0x6f, 0x72, 0x0a]; // "error\n"

function hasTag(bytes, tag) {
  if (bytes.length < tag.length) return false;
  for (let i = 0; i < tag.length; ++i) if (bytes[i] !== tag[i]) return false;
  return true;
}

/**
 * Binds an instantiated Emscripten module (from seclead_engine.mjs or the single-file
 * createSecleadEngine()) to the seclead API.
 */
export function bindEngine(module) {
  if (!module || typeof module.assess !== "function") {
    throw new TypeError("bindEngine: expected an instantiated seclead WebAssembly module");
  }

  // One decoder for every reply. ignoreBOM: a reply's bytes are returned as they are (the
  // default would drop a leading U+FEFF of the output).
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  // ASCII is Latin-1 too, and Node decodes Latin-1 ~10x faster than its TextDecoder decodes
  // UTF-8. With the runs of non-ASCII bytes listed by the module ("ok7" replies), Node
  // decodes the ASCII stretches as Latin-1 and only the runs as UTF-8 (a 33 KB report: 2 us
  // instead of 29 us, ~8% of an assessment). Browsers (and bundlers' Buffer polyfills) keep
  // TextDecoder, whose ASCII path is fast there.
  const NodeBuffer = globalThis.process?.versions?.node ? globalThis.Buffer : undefined;
  const splitDecode = typeof NodeBuffer?.from === "function";

  // The output of an "ok7 ..." reply: `reply` from its first byte.
  function decodeRuns(reply) {
    // " <start>+<length>" pairs, decimal, up to the newline.
    const runs = [];
    let at = OK_RUNS_TAG.length;
    let number = 0;
    for (; at < reply.length && reply[at] !== 0x0a; ++at) {
      const c = reply[at];
      if (c >= 0x30 && c <= 0x39) {
        number = number * 10 + (c - 0x30);
        continue;
      }
      if (c === 0x2b || runs.length % 2 === 1) runs.push(number); // "+" ends a start, " " a length
      number = 0;
    }
    if (runs.length % 2 === 1) runs.push(number);
    const body = reply.subarray(at + 1);
    if (!splitDecode) return decoder.decode(body);
    const bytes = NodeBuffer.from(body.buffer, body.byteOffset, body.length);
    let out = "";
    let from = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const start = runs[r];
      const end = start + runs[r + 1];
      out += bytes.toString("latin1", from, start) + decoder.decode(body.subarray(start, end));
      from = end;
    }
    return out + bytes.toString("latin1", from, body.length);
  }

  // Calls into the module and splits the envelope. A trap or abort inside the module becomes
  // a SecleadError with code "internal"; an error list becomes a SecleadError with that list.
  function call(fn, ...args) {
    let reply;
    try {
      reply = fn(...args);
    } catch (e) {
      if (e instanceof SecleadError) throw e;
      throw new SecleadError([], `internal error in the seclead engine: ${e && e.message ? e.message : e}`);
    }
    // The view is decoded before anything else can call into the module (it is reused).
    if (ArrayBuffer.isView(reply)) {
      if (hasTag(reply, OK_RUNS_TAG)) return decodeRuns(reply);
      if (hasTag(reply, OK_TAG)) return decoder.decode(reply.subarray(OK_TAG.length));
      if (hasTag(reply, ERROR_TAG)) {
        let parsed;
        try {
          parsed = JSON.parse(decoder.decode(reply.subarray(ERROR_TAG.length)));
        } catch {
          parsed = null;
        }
        throw new SecleadError(parsed && Array.isArray(parsed.errors) ? parsed.errors : []);
      }
    }
    throw new SecleadError([], "internal error in the seclead engine: unexpected reply");
  }

  // Checks the caller's options and converts them to the module's (explain, overlays).
  // `caller` names the API function in TypeErrors. validate takes the same options as assess
  // (explain and compact change nothing there), so a caller can pass one options object to both.
  function moduleOptions(options, caller = "assess") {
    if (options === undefined || options === null) return [false, "", false, ""];
    if (typeof options !== "object") throw new TypeError(`${caller}: options must be an object {explain, overlays, compact, format}`);
    for (const key of Object.keys(options)) {
      if (!OPTION_KEYS.includes(key)) throw new TypeError(`${caller}: unknown option "${key}"`);
    }
    const flag = (key) => {
      if (options[key] === undefined) return false;
      if (typeof options[key] !== "boolean") throw new TypeError(`${caller}: options.${key} must be true or false`);
      return options[key];
    };
    const explain = flag("explain");
    const compact = flag("compact");
    // format: assessJson's; assess returns the object, so only json; validate ignores it as
    // it ignores explain and compact.
    if (options.format !== undefined && !FORMATS.includes(options.format)) {
      throw new TypeError(`${caller}: options.format must be one of ${FORMATS.join(", ")}`);
    }
    const format = options.format === undefined || options.format === "json" ? "" : options.format;
    if (format && caller === "assess") {
      throw new TypeError("assess: returns the report object; use assessJson(profile, {format}) for other formats");
    }
    let overlays = "";
    if (options.overlays !== undefined) {
      if (!Array.isArray(options.overlays)) throw new TypeError(`${caller}: options.overlays must be an array`);
      // Packed for the module as "<byte length>:<text>" each, one after the other (bindings.cpp).
      const encoder = new TextEncoder();
      const chunks = [];
      options.overlays.forEach((overlay, i) => {
        const text = toInput(overlay, "overlay", `overlay[${i}]`);
        // Ill-formed UTF-8 in a caller's bytes becomes U+FFFD, as the engine reads overlays.
        const bytes = encoder.encode(new TextDecoder().decode(text));
        chunks.push(encoder.encode(`${bytes.length}:`), bytes);
      });
      overlays = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of chunks) {
        overlays.set(c, at);
        at += c.length;
      }
    }
    return [explain, overlays, compact, format];
  }

  // Calls `fn` of the module on `text` (UTF-8 bytes), which is first written into the
  // module's input buffer (bindings.cpp: one copy instead of Embind's byte loop).
  function onInput(text, fn, ...args) {
    return call((...rest) => {
      module.input(text.length).set(text);
      return fn(...rest);
    }, ...args);
  }

  /**
   * The report as JSON text, byte for byte what the native engine prints. With
   * options.format (markdown, csv, html, oscal, summary) the report rendered in that format,
   * exactly as render(assessJson(profile), format) gives it, but without the JSON round trip.
   */
  function assessJson(profile, options) {
    return assessText(profile, options, "assessJson");
  }

  /** Assesses a profile; returns the report object (contract §3). Throws SecleadError. */
  function assess(profile, options) {
    return JSON.parse(assessText(profile, options, "assess"));
  }

  // assess and assessJson: `caller` names the function in TypeErrors.
  function assessText(profile, options, caller) {
    const [explain, overlays, compact, format] = moduleOptions(options, caller);
    return onInput(toInput(profile, "profile"), module.assess, explain, overlays, compact, format);
  }

  /**
   * Checks a profile against the contract. Returns {valid: true} or, for an invalid profile,
   * {valid: false, errors: [...]} (it does not throw for invalid profiles: listing the
   * problems is its job). Throws SecleadError only when the engine itself fails.
   * options.overlays: the profile is checked against the knowledge as assess would merge it
   * (a responsibility an overlay adds may be assigned), and a broken overlay is listed.
   */
  function validate(profile, options) {
    const [, overlays] = moduleOptions(options, "validate");
    try {
      const input = toInput(profile, "profile");
      return JSON.parse(onInput(input, module.validate, overlays));
    } catch (e) {
      if (e instanceof SecleadError && e.code !== "internal") return { valid: false, errors: e.errors };
      throw e;
    }
  }

  /** Renders a report (object or JSON text) as json|markdown|csv|html|oscal text. */
  function render(report, format = "json") {
    if (!FORMATS.includes(format)) {
      throw new SecleadError([
        { path: "", code: "enum", message: `unknown format '${format}': expected json, markdown, csv, html, oscal or summary` },
      ]);
    }
    return onInput(toInput(report, "report"), module.render, format);
  }

  /** The ordered questions that fill a profile (from the knowledge base). */
  function questionnaire() {
    return JSON.parse(call(module.questionnaire));
  }

  /** {engine, knowledgeBase} versions. */
  function version() {
    return JSON.parse(call(module.version));
  }

  return Object.freeze({ assess, assessJson, validate, render, questionnaire, version });
}
