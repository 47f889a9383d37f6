// Build-time step of cmake/EmbedKnowledge.cmake for the WebAssembly builds: copies a JSON text
// without the whitespace between its tokens. Strings are copied byte for byte (escapes
// included) and numbers keep their spelling, so every value, and how the engine types it, is
// unchanged; only the bytes the module carries get fewer.
//   node cmake/minify-json.mjs IN OUT [IN OUT ...]
import { readFileSync, writeFileSync } from "node:fs";

function minify(text) {
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
  return out;
}

const paths = process.argv.slice(2);
if (paths.length === 0 || paths.length % 2) {
  console.error("usage: node cmake/minify-json.mjs IN OUT [IN OUT ...]");
  process.exit(2);
}
for (let i = 0; i < paths.length; i += 2) writeFileSync(paths[i + 1], minify(readFileSync(paths[i], "utf8")));
