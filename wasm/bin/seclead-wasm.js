#!/usr/bin/env node
// seclead-wasm: the native `seclead` command line (plugins/cli/main.cpp, contract section 5)
// on the WebAssembly engine. Same commands, flags, outputs and exit codes (--batch: batch.js):
//   0 ok; 1 other failure (unreadable file, bad usage); 2 invalid input (the error object on
//   standard output, a one-line summary on standard error). Inputs > 1 MiB: code "limit".
import { statSync } from "node:fs";
import { open } from "node:fs/promises";
import { setFlagsFromString } from "node:v8";
import { init, SecleadError } from "../src/index.js";
import { errorJson, runBatch } from "./batch.js";

// This process exists for one command: let V8 compile the whole module up front on its
// background threads rather than each function on first call, on the main thread (Node 20's
// default). Measured: import + instantiate + first assessment 53 ms instead of 65 ms (median of 9)
// (tests/bench/README.md, "WebAssembly"). A flag of our own process, so the library's init()
// does not set it for its hosts.
setFlagsFromString("--no-wasm-lazy-compilation");

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_INVALID = 2;
const MAX_INPUT_BYTES = 1024 * 1024;
const FORMATS = ["json", "markdown", "csv", "html", "oscal", "summary"];
const NAME = "seclead-wasm";

const HELP = `${NAME} - security-leadership decision engine (WebAssembly build)

Usage:
  ${NAME} assess PROFILE.json [PROFILE.json ...] [--format FORMAT] [--explain] [--overlay FILE]...
  ${NAME} assess --batch PROFILES.ndjson [--format summary] [--threads N] [--no-progress] [--overlay FILE]...
  ${NAME} validate PROFILE.json [PROFILE.json ...] [--overlay FILE]...
  ${NAME} --version | --help

Reads an organization profile (schema seclead.profile/1; "-" reads standard input) and
prints the report: the leadership model it needs, where the CISO should report, whether a
DPO is required, the regulatory role obligations, a RACI matrix, the findings on today's
structure, vCISO sizing, CIO/CISO collaboration practices and a 30/90/365-day roadmap.
The output is byte for byte the native seclead's.

Options:
  --format FORMAT   json (default) | markdown | csv (the RACI) | html (roles policy) | oscal
                    | summary (one spreadsheet row per organization; with --batch, one table)
  --explain         also list obligations that do not apply, with the reason
  --overlay FILE    merge a knowledge overlay (custom roles, rules, rates, texts); repeatable
  --batch FILE      one profile per line in; one JSON report (or error object) per line out
  --threads N       batch worker threads (default: every core)
  --no-progress     no progress bar on standard error in batch mode

Exit codes:
  0  success (validate: the profile is valid)
  1  other failure: unreadable file, bad usage
  2  invalid input: the error object {"errors":[{path, code, message}]} is on standard output

Contract: see CONTRACT.md (profile in, report out, ids, command line).
`;

// strerror(3) wording, as the native CLI prints it.
const STRERROR = {
  ENOENT: "No such file or directory",
  EACCES: "Permission denied",
  EISDIR: "Is a directory",
  ENOTDIR: "Not a directory",
  EMFILE: "Too many open files",
  ELOOP: "Too many levels of symbolic links",
  ENAMETOOLONG: "File name too long",
};

class ReadFailure extends Error {}

function usage(message) {
  process.stderr.write(`${NAME}: ${message}\nTry '${NAME} --help'.\n`);
  return EXIT_FAILURE;
}

// Reads a file (or standard input for "-") up to the limit; stops reading past it.
async function readInput(path) {
  const chunks = [];
  let size = 0;
  if (path === "-") {
    for await (const chunk of process.stdin) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_INPUT_BYTES) return { tooLarge: true };
    }
    return { bytes: Buffer.concat(chunks) };
  }
  let handle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    throw new ReadFailure(`cannot read '${path}': ${STRERROR[e.code] || e.message}`);
  }
  try {
    const buffer = Buffer.allocUnsafe(65536);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
      size += bytesRead;
      if (size > MAX_INPUT_BYTES) return { tooLarge: true };
    }
  } catch {
    throw new ReadFailure(`cannot read '${path}'`);
  } finally {
    await handle.close();
  }
  return { bytes: Buffer.concat(chunks) };
}

function limitErrors() {
  return [
    { path: "", code: "limit", message: `the profile is larger than ${MAX_INPUT_BYTES / 1024} KiB (1 MiB): split it or remove free text` },
  ];
}

function oneLineSummary(errors) {
  const first = errors[0];
  return (
    `${errors.length}${errors.length === 1 ? " problem" : " problems"}: ` +
    `${first.input ? first.input + " " : ""}${first.path || "/"} [${first.code}] ${first.message}`
  );
}

function reportInvalid(input, errors) {
  process.stdout.write(errorJson(errors) + "\n");
  process.stderr.write(`${NAME}: ${input}: ${oneLineSummary(errors)}\n`);
  return EXIT_INVALID;
}

function writeOutput(text) {
  process.stdout.write(text.length === 0 || !text.endsWith("\n") ? text + "\n" : text);
}

async function runOne(engine, options, engineOptions, input) {
  let read;
  try {
    read = await readInput(input);
  } catch (e) {
    if (!(e instanceof ReadFailure)) throw e;
    process.stderr.write(`${NAME}: ${e.message}\n`);
    return EXIT_FAILURE;
  }
  if (read.tooLarge) return reportInvalid(input, limitErrors());
  try {
    if (options.command === "validate") {
      const result = engine.validate(read.bytes, { overlays: engineOptions.overlays });
      return result.valid ? EXIT_OK : reportInvalid(input, result.errors);
    }
    let output = engine.assessJson(read.bytes, engineOptions);
    if (options.format !== "json") output = engine.render(output, options.format);
    writeOutput(output);
    return EXIT_OK;
  } catch (e) {
    if (e instanceof SecleadError && e.errors.length > 0) return reportInvalid(input, e.errors);
    throw e;
  }
}

async function run(args) {
  const options = { command: "", inputs: [], format: "json", explain: false, overlayFiles: [], batchFile: "", threads: 0, progress: true };
  if (args.length === 0) return usage("missing command (assess or validate)");
  for (let i = 0; i < args.length; ++i) {
    const a = args[i];
    const value = () => (i + 1 < args.length ? args[++i] : null);
    if (a === "--help" || a === "-h") {
      process.stdout.write(HELP);
      return EXIT_OK;
    } else if (a === "--version") {
      const engine = await init();
      const v = engine.version();
      process.stdout.write(`${NAME} ${v.engine} (knowledge base ${v.knowledgeBase})\n`);
      return EXIT_OK;
    } else if (a === "--format") {
      const v = value();
      if (v === null) return usage("--format needs a value");
      options.format = v;
    } else if (a.startsWith("--format=")) {
      options.format = a.slice(9);
    } else if (a === "--explain") {
      options.explain = true;
    } else if (a === "--overlay") {
      const v = value();
      if (v === null) return usage("--overlay needs a file");
      options.overlayFiles.push(v);
    } else if (a === "--batch") {
      const v = value();
      if (v === null) return usage("--batch needs a file");
      options.batchFile = v;
    } else if (a === "--threads") {
      const v = value();
      if (v === null) return usage("--threads needs a number");
      options.threads = parseInt(v, 10); // as atoi(): leading digits
      if (!(options.threads >= 1)) return usage("--threads needs a number >= 1");
    } else if (a === "--no-progress") {
      options.progress = false;
    } else if (a.length > 1 && a[0] === "-" && a !== "-") {
      return usage(`unknown option '${a}'`);
    } else if (options.command === "") {
      options.command = a;
    } else {
      options.inputs.push(a);
    }
  }
  if (options.command !== "assess" && options.command !== "validate") {
    return usage(`unknown command '${options.command}' (expected assess or validate)`);
  }
  if (!FORMATS.includes(options.format)) {
    return usage(`unknown format '${options.format}' (json, markdown, csv, html, oscal, summary)`);
  }

  const overlays = [];
  for (const file of options.overlayFiles) {
    let read;
    try {
      read = await readInput(file);
    } catch (e) {
      if (!(e instanceof ReadFailure)) throw e;
      process.stderr.write(`${NAME}: ${e.message}\n`);
      return EXIT_FAILURE;
    }
    if (read.tooLarge) return reportInvalid(file, limitErrors());
    overlays.push(read.bytes.toString("utf8"));
  }
  const engineOptions = { explain: options.explain, overlays };

  if (options.batchFile) {
    if (options.command !== "assess") return usage("--batch goes with assess");
    if (options.inputs.length > 0) return usage("--batch takes no other profile files");
    return runBatch(options, engineOptions, {
      name: NAME,
      init,
      strerror: (e) => STRERROR[e && e.code] || (e && e.message) || String(e),
      fileSize: (path) => {
        try {
          const st = statSync(path);
          return st.isFile() ? st.size : 0;
        } catch {
          return 0;
        }
      },
    });
  }
  if (options.inputs.length === 0) return usage("missing PROFILE.json (or - for standard input)");

  const engine = await init();
  let worst = EXIT_OK;
  for (const input of options.inputs) {
    const code = await runOne(engine, options, engineOptions, input);
    if (code === EXIT_FAILURE || (code === EXIT_INVALID && worst === EXIT_OK)) worst = code;
  }
  return worst;
}

// Until run() settles the exit code says failure: should a bug leave a promise pending until
// the event loop empties, the process must not report success.
process.exitCode = EXIT_FAILURE;
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${NAME}: ${e && e.message ? e.message : e}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
