// Build-time step of cmake/EmbedKnowledge.cmake for the WebAssembly builds: copies a JSON text
// without the whitespace between its tokens. Strings are copied byte for byte (escapes
// included) and numbers keep their spelling, so every value, and how the engine types it, is
// unchanged; only the bytes the module carries get fewer.
//   node cmake/minify-json.mjs IN OUT
import { readFileSync, writeFileSync } from "node:fs";

const text = readFileSync(process.argv[2], "utf8");
let out = "";
let inString = false;
let escaped = false;
for (const c of text) {
  if (inString) {
    out += c;
    if (escaped) escaped = false;
    else if (c === "\\") escaped = true;
    else if (c === '"') inString = false;
  } else if (c !== " " && c !== "\n" && c !== "\r" && c !== "\t") {
    out += c;
    if (c === '"') inString = true;
  }
}
JSON.parse(out);  // still JSON (a mistake fails the build, not a user)
writeFileSync(process.argv[3], out);
