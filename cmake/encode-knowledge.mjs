// Build-time step of cmake/EmbedKnowledge.cmake for the WebAssembly builds: each knowledge
// file as the compact binary the module reads at start-up instead of JSON text (no text
// parsing and no tree built from a parse at a cold start; ~1.1 KB gzip smaller than the
// JSON without whitespace). Json::fromKnowledge (core/src/json_tree.cpp) is its reader; the values, and
// how the engine types them, are those the JSON parser gives (nlohmann's rules: a
// non-negative integer is unsigned, a negative one signed, anything else a double).
//
//   node cmake/encode-knowledge.mjs IN OUT [IN OUT ...]
//
// Layout of one file: varint(length of A), A, B. A holds the structure, one tag per value:
//   0 null, 1 false, 2 true, 3 unsigned (varint), 4 negative integer (varint magnitude),
//   5 double (8 bytes, little-endian), 6 string, 7 array (varint count, then the items),
//   8 object (varint count, then per member a key reference and the value), 16-255 the
//   unsigned integer tag - 16. A key reference is 0 for a name not seen before in this file
//   (the name is the next string of B and gets the next index) or 1 + that index.
// B holds the strings (values and new member names) in order, each ended by a NUL byte.
// Strings and structure apart gzip better than interleaved (tests/bench/README.md).
// The top-level "description" of every file but the questionnaire (which questionnaire()
// returns whole) documents the file for its editors and is left out: no loader reads it.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const UINT64_MAX = (1n << 64n) - 1n;

// JSON text -> a tree that keeps what JSON.parse would lose: the spelling of each number
// ({number: "12"}) and the members of an object in order ({members: [[name, value], ...]}).
function parse(text, name) {
  let pos = 0;
  const fail = (what) => {
    throw new Error(`${name}: ${what} at byte ${pos}`);
  };
  const space = () => {
    while (pos < text.length && " \t\r\n".includes(text[pos])) ++pos;
  };
  const string = () => {
    const start = pos++;
    while (pos < text.length && text[pos] !== '"') pos += text[pos] === "\\" ? 2 : 1;
    if (pos++ >= text.length) fail("an unterminated string");
    return JSON.parse(text.slice(start, pos));  // JSON's escapes, exactly
  };
  const value = (depth) => {
    if (depth > 128) fail("nesting deeper than 128");
    space();
    const c = text[pos];
    if (c === "{" || c === "[") {
      ++pos;
      const object = c === "{";
      const items = [];
      space();
      if (text[pos] === (object ? "}" : "]")) {
        ++pos;
      } else {
        for (;;) {
          space();
          if (object) {
            if (text[pos] !== '"') fail("expected a member name");
            const key = string();
            space();
            if (text[pos++] !== ":") fail("expected ':'");
            items.push([key, value(depth + 1)]);
          } else {
            items.push(value(depth + 1));
          }
          space();
          if (text[pos] === ",") ++pos;
          else if (text[pos++] === (object ? "}" : "]")) break;
          else fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
        }
      }
      if (!object) return items;
      if (new Set(items.map(([key]) => key)).size !== items.length) fail("a repeated member name");
      return { members: items };
    }
    if (c === '"') return string();
    for (const [word, v] of [["null", null], ["false", false], ["true", true]]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/.exec(text.slice(pos, pos + 400));
    if (!match) fail("an unexpected character");
    pos += match[0].length;
    return { number: match[0] };
  };
  const root = value(0);
  space();
  if (pos !== text.length) fail("text after the value");
  return root;
}

function encode(root, name) {
  const structure = [];
  const strings = [];
  const keys = new Map();
  const fail = (what) => {
    throw new Error(`${name}: ${what}`);
  };
  const varint = (out, n) => {
    let v = BigInt(n);
    do {
      const byte = Number(v & 127n);
      v >>= 7n;
      out.push(v ? byte | 128 : byte);
    } while (v);
  };
  const string = (s) => {
    if (!s.isWellFormed()) fail(`a string with a lone surrogate: ${JSON.stringify(s)}`);
    const bytes = Buffer.from(s, "utf8");
    if (bytes.includes(0)) fail(`a string with a NUL character: ${JSON.stringify(s)}`);
    strings.push(...bytes, 0);
  };
  const number = (token) => {
    if (!/[.eE]/.test(token)) {
      const negative = token[0] === "-";
      const magnitude = BigInt(negative ? token.slice(1) : token);
      if (!negative && magnitude < 240n) return structure.push(16 + Number(magnitude));
      if (!negative && magnitude <= UINT64_MAX) return structure.push(3), varint(structure, magnitude);
      if (negative && magnitude <= 1n << 63n) return structure.push(4), varint(structure, magnitude);
    }
    const d = Number(token);  // correctly rounded, as the engine's reader
    if (!Number.isFinite(d)) fail(`a number out of range: ${token}`);
    const bytes = Buffer.alloc(8);
    bytes.writeDoubleLE(d);
    structure.push(5, ...bytes);
  };
  const value = (v, depth) => {
    if (v === null) structure.push(0);
    else if (v === false) structure.push(1);
    else if (v === true) structure.push(2);
    else if (typeof v === "string") structure.push(6), string(v);
    else if (Array.isArray(v)) {
      structure.push(7);
      varint(structure, v.length);
      for (const item of v) value(item, depth + 1);
    } else if (v.members) {
      const members = depth === 0 && name !== "questionnaire.json"
        ? v.members.filter(([key]) => key !== "description")
        : v.members;
      structure.push(8);
      varint(structure, members.length);
      for (const [key, item] of members) {
        if (keys.has(key)) {
          varint(structure, keys.get(key) + 1);
        } else {
          varint(structure, 0);
          keys.set(key, keys.size);
          string(key);
        }
        value(item, depth + 1);
      }
    } else number(v.number);
  };
  value(root, 0);
  const head = [];
  varint(head, structure.length);
  return Buffer.from([...head, ...structure, ...strings]);
}

const paths = process.argv.slice(2);
if (paths.length === 0 || paths.length % 2) {
  console.error("usage: node cmake/encode-knowledge.mjs IN OUT [IN OUT ...]");
  process.exit(2);
}
for (let i = 0; i < paths.length; i += 2) {
  const name = basename(paths[i]);
  writeFileSync(paths[i + 1], encode(parse(readFileSync(paths[i], "utf8"), name), name));
}
