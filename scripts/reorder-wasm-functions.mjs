// Reorders the functions of a WebAssembly module so that gzip compresses its code better:
//   node scripts/reorder-wasm-functions.mjs IN.wasm OUT.wasm
//   node scripts/reorder-wasm-functions.mjs --single IN.js OUT.js   (emcc -sSINGLE_FILE glue)
//
// Why: deflate finds repeats only in the last 32 KB it has read, and the linker lays functions
// out in the order of the optimised program, so look-alike functions (the push_back of each
// vector type, the loaders of each knowledge file, ...) sit far apart. Placing after each
// function the one that compresses best after it makes the npm module 4.3 KB gzip smaller and
// the page's engine 6.5 KB (tests/bench/README.md). Only the order changes: every function
// index (calls, ref.func, exports, the start function, element segments) is renumbered, and
// the table (function pointers), the data and everything else keep their bytes, so the module
// behaves the same. The result is a pure function of the input's bytes (and of the zlib and
// gzip the build runs with).
//
// The order is greedy: the most used functions first (their calls then take one-byte
// indices), then, among the functions left, the one whose deflate with the last few KB already
// placed as a preset dictionary saves the most bytes against its deflate alone. Greedy choices
// are sensitive, so four variants (window x how many come first) are built, in worker
// threads, and the smallest under `gzip -9` wins; they land within 1 KB of each other and the
// winner changes from one build to the next.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { deflateRawSync, gzipSync } from "node:zlib";

const VARIANTS = [  // [dictionary window in bytes, how many of the most used functions first]
  [2048, 16], [2048, 24], [4096, 16], [4096, 24],
];

class Reader {
  constructor(bytes, pos = 0) {
    this.bytes = bytes;
    this.pos = pos;
  }
  byte() {
    if (this.pos >= this.bytes.length) throw new Error("unexpected end of the module");
    return this.bytes[this.pos++];
  }
  u32() {
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      if (shift > 28) throw new Error("LEB128 too long");
    }
  }
  // A signed LEB128 skipped (its value is not needed).
  skipLeb() {
    while (this.byte() & 0x80);
  }
  skip(n) {
    this.pos += n;
  }
  bytesOf(n) {
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function u32Bytes(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return Buffer.from(out);
}

function vec(items) {
  return Buffer.concat([u32Bytes(items.length), ...items]);
}

// Copies a function body, renumbering the function index of each call and ref.func.
function renumberBody(body, newIndex) {
  const r = new Reader(body);
  const out = [];
  let copiedTo = 0;
  const replaceIndex = (start) => {
    const old = r.u32();
    out.push(body.subarray(copiedTo, start), u32Bytes(newIndex(old)));
    copiedTo = r.pos;
  };
  const localGroups = r.u32();
  for (let i = 0; i < localGroups; i++) {
    r.u32();
    r.byte();
  }
  const blockType = () => {
    const b = r.bytes[r.pos];
    if (b === 0x40 || (b >= 0x6f && b <= 0x7f)) r.skip(1);
    else r.skipLeb();  // a type index (s33)
  };
  while (r.pos < body.length) {
    const op = r.byte();
    if (op === 0x10 || op === 0xd2) {  // call f, ref.func f
      replaceIndex(r.pos);
    } else if (op === 0x02 || op === 0x03 || op === 0x04) {
      blockType();
    } else if (op === 0x0c || op === 0x0d) {  // br, br_if
      r.u32();
    } else if (op === 0x0e) {  // br_table
      const n = r.u32();
      for (let i = 0; i <= n; i++) r.u32();
    } else if (op === 0x11) {  // call_indirect type table
      r.u32();
      r.u32();
    } else if (op === 0x1c) {  // select t*
      const n = r.u32();
      r.skip(n);
    } else if (op >= 0x20 && op <= 0x26) {  // locals, globals, table.get/set
      r.u32();
    } else if (op >= 0x28 && op <= 0x3e) {  // loads and stores: align, offset
      r.u32();
      r.u32();
    } else if (op === 0x3f || op === 0x40) {  // memory.size, memory.grow
      r.u32();
    } else if (op === 0x41 || op === 0x42) {  // i32.const, i64.const
      r.skipLeb();
    } else if (op === 0x43) {
      r.skip(4);
    } else if (op === 0x44) {
      r.skip(8);
    } else if (op === 0xd0) {  // ref.null t
      r.skip(1);
    } else if (op === 0xfc) {
      const sub = r.u32();
      if (sub <= 7) {
        // saturating float-to-int conversions: no immediate
      } else if (sub === 8 || sub === 12 || sub === 14) {  // memory.init, table.init, table.copy
        r.u32();
        r.u32();
      } else if (sub === 10) {  // memory.copy
        r.u32();
        r.u32();
      } else if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) {
        r.u32();
      } else {
        throw new Error(`unknown 0xFC instruction ${sub}`);
      }
    } else if (
      op === 0x00 || op === 0x01 || op === 0x05 || op === 0x0b || op === 0x0f ||
      op === 0x1a || op === 0x1b || op === 0xd1 || (op >= 0x45 && op <= 0xc4)
    ) {
      // no immediate
    } else {
      throw new Error(`instruction 0x${op.toString(16)} not handled (SIMD, exceptions, tail calls?)`);
    }
  }
  out.push(body.subarray(copiedTo));
  return Buffer.concat(out);
}

// Appends `group` to `order`, each next function the one that deflates smallest after the
// last `window` bytes already placed (the first one of an empty order: the largest).
function appendGreedily(bodies, alone, group, window, order) {
  const left = new Set(group);
  let tail = Buffer.concat(order.slice(-16).map((i) => bodies[i])).subarray(-window);
  while (left.size) {
    let best = -1;
    let bestSaving = -Infinity;
    for (const c of left) {
      const saving = tail.length
        ? alone[c] - deflateRawSync(bodies[c], { level: 9, dictionary: tail }).length
        : bodies[c].length;
      if (saving > bestSaving) {
        bestSaving = saving;
        best = c;
      }
    }
    left.delete(best);
    order.push(best);
    tail = Buffer.concat([tail, bodies[best]]).subarray(-window);
  }
}

// One variant's order (old positions), computed in a worker thread.
function greedyOrder(bodies, alone, byUse, window, mostUsed) {
  const order = [];
  appendGreedily(bodies, alone, byUse.slice(0, mostUsed), window, order);
  appendGreedily(bodies, alone, byUse.slice(mostUsed), window, order);
  return order;
}

export function parseModule(module) {
  const bytes = Buffer.from(module);
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1)
    throw new Error("not a WebAssembly module (version 1)");
  const r = new Reader(bytes, 8);
  const sections = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, content: r.bytesOf(size) });
  }
  const section = (id) => sections.find((s) => s.id === id);
  for (const s of sections) {
    if (s.id !== 0) continue;
    const c = new Reader(s.content);
    if (c.bytesOf(c.u32()).toString() === "name")
      throw new Error("a name section is not renumbered: reorder a release build");
  }
  if (!section(3) || !section(10)) throw new Error("the module defines no functions");

  let importedFunctions = 0;
  if (section(2)) {
    const s = new Reader(section(2).content);
    for (let n = s.u32(), i = 0; i < n; i++) {
      s.skip(s.u32());
      s.skip(s.u32());
      const kind = s.byte();
      if (kind === 0) {
        s.u32();
        importedFunctions++;
      } else if (kind === 1) {  // table: reftype, limits
        s.byte();
        if (s.byte() & 1) s.u32();
        s.u32();
      } else if (kind === 2) {  // memory: limits
        if (s.byte() & 1) s.u32();
        s.u32();
      } else if (kind === 3) {  // global: valtype, mutability
        s.skip(2);
      } else {
        throw new Error(`unknown import kind ${kind}`);
      }
    }
  }

  const functionSection = new Reader(section(3).content);
  const types = [];
  for (let n = functionSection.u32(), i = 0; i < n; i++)
    types.push(u32Bytes(functionSection.u32()));
  const codeSection = new Reader(section(10).content);
  const bodies = [];
  for (let n = codeSection.u32(), i = 0; i < n; i++) bodies.push(codeSection.bytesOf(codeSection.u32()));
  if (bodies.length !== types.length) throw new Error("function and code sections disagree");
  return { bytes, sections, importedFunctions, types, bodies };
}

// Size as the budget measures it: `gzip -9` (GNU gzip's deflate is ~1% smaller than zlib's,
// and the two do not always rank the variants alike); zlib where gzip is missing.
function gzipSize(bytes) {
  const gzip = spawnSync("gzip", ["-9c"], { input: bytes, maxBuffer: 64 << 20 });
  return gzip.status === 0 ? gzip.stdout.length : gzipSync(bytes, { level: 9 }).length;
}

// The module with its functions laid out for gzip (see the top of this file).
export async function reorderFunctions(module) {
  const parsed = parseModule(module);
  const { bodies, importedFunctions } = parsed;
  const uses = new Array(bodies.length).fill(0);  // static uses: calls and ref.func
  for (const body of bodies)
    renumberBody(body, (old) => {
      if (old >= importedFunctions) uses[old - importedFunctions]++;
      return old;
    });
  const byUse = [...bodies.keys()].sort((a, b) => uses[b] - uses[a] || a - b);
  const alone = bodies.map((b) => deflateRawSync(b, { level: 9 }).length);  // shared by the variants
  const orders = await Promise.all(VARIANTS.map(([window, mostUsed]) => new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { bodies, alone, byUse, window, mostUsed },
    });
    worker.once("message", resolve);
    worker.once("error", reject);
  })));
  let smallest = null;
  for (const order of orders) {
    const result = assemble(parsed, order);
    const size = gzipSize(result);
    if (!smallest || size < smallest.size) smallest = { result, size };
  }
  new WebAssembly.Module(smallest.result);  // validates: a mistake fails the build, not a user
  return smallest.result;
}

// The module with its functions in `order` (old positions) and every index renumbered.
export function assemble({ bytes, sections, importedFunctions, types, bodies }, order) {
  if (order.length !== bodies.length || new Set(order).size !== order.length)
    throw new Error("the order is not a permutation of the functions");
  const section = (id) => sections.find((s) => s.id === id);
  const newPosition = new Array(order.length);
  order.forEach((old, position) => (newPosition[old] = position));
  const newIndex = (old) => {
    if (old < importedFunctions) return old;
    const position = newPosition[old - importedFunctions];
    if (position === undefined) throw new Error(`function index ${old} out of range`);
    return importedFunctions + position;
  };

  const rewritten = new Map();
  rewritten.set(3, vec(order.map((i) => types[i])));
  rewritten.set(10, vec(order.map((i) => {
    const body = renumberBody(bodies[i], newIndex);
    return Buffer.concat([u32Bytes(body.length), body]);
  })));

  if (section(7)) {  // exports
    const s = new Reader(section(7).content);
    const items = [];
    for (let n = s.u32(), i = 0; i < n; i++) {
      const nameStart = s.pos;
      s.skip(s.u32());
      const name = s.bytes.subarray(nameStart, s.pos);
      const kind = s.byte();
      const index = s.u32();
      items.push(Buffer.concat([name, Buffer.from([kind]), u32Bytes(kind === 0 ? newIndex(index) : index)]));
    }
    rewritten.set(7, vec(items));
  }
  if (section(8)) rewritten.set(8, u32Bytes(newIndex(new Reader(section(8).content).u32())));
  if (section(9)) {  // element segments: only the function-index forms are expected
    const s = new Reader(section(9).content);
    const items = [];
    for (let n = s.u32(), i = 0; i < n; i++) {
      const start = s.pos;
      const flags = s.u32();
      if (flags !== 0) throw new Error(`element segment form ${flags} not handled`);
      if (s.byte() !== 0x41) throw new Error("element segment offset is not an i32.const");
      s.skipLeb();
      if (s.byte() !== 0x0b) throw new Error("element segment offset is not a constant");
      const head = s.bytes.subarray(start, s.pos);
      const count = s.u32();
      const indices = [];
      for (let k = 0; k < count; k++) indices.push(u32Bytes(newIndex(s.u32())));
      items.push(Buffer.concat([head, vec(indices)]));
    }
    rewritten.set(9, vec(items));
  }
  const out = [bytes.subarray(0, 8)];
  for (const s of sections) {
    const content = rewritten.get(s.id) ?? s.content;
    out.push(Buffer.from([s.id]), u32Bytes(content.length), content);
  }
  return Buffer.concat(out);
}

if (!isMainThread) {
  const { bodies, alone, byUse, window, mostUsed } = workerData;
  parentPort.postMessage(greedyOrder(bodies.map((b) => Buffer.from(b)), alone, byUse, window, mostUsed));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const single = args[0] === "--single";
  const [input, output] = single ? args.slice(1) : args;
  if (!input || !output) {
    console.error("usage: node scripts/reorder-wasm-functions.mjs [--single] IN OUT");
    process.exit(2);
  }
  if (single) {
    // The single-file glue holds the module as a base64 data URI.
    const text = readFileSync(input, "latin1");
    const prefix = "data:application/octet-stream;base64,AGFzbQ";  // AGFzbQ: "\0asm"
    const at = text.indexOf(prefix);
    if (at < 0) throw new Error(`${input}: no embedded module`);
    const start = at + prefix.length - "AGFzbQ".length;
    let end = start;
    while (/[A-Za-z0-9+/=]/.test(text[end])) end++;
    const module = await reorderFunctions(Buffer.from(text.slice(start, end), "base64"));
    writeFileSync(output, text.slice(0, start) + module.toString("base64") + text.slice(end), "latin1");
  } else {
    writeFileSync(output, await reorderFunctions(readFileSync(input)));
  }
}
