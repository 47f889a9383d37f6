// Minifies emcc's JavaScript glue with terser: node scripts/minify-glue.mjs IN OUT (module|script)
//
// Debian's emcc 3.1.6 has no Closure Compiler, and without it the glue keeps its local names:
// 33 KB raw, 9.2 KB gzip of the npm module's 150 KB budget. terser (mangling, two compress
// passes) halves it. "module": the ES module glue (top-level names may be mangled, the default
// export stays); "script": the classic single-file glue, whose global createSecleadEngine must
// keep its name. Property names are never mangled: the glue reads Module["..."] options by name.
import { readFileSync, writeFileSync } from "node:fs";

const [input, output, kind] = process.argv.slice(2);
if (!input || !output || !["module", "script"].includes(kind)) {
  console.error("usage: node scripts/minify-glue.mjs IN OUT module|script");
  process.exit(2);
}
let minify;
try {
  ({ minify } = await import("terser"));
} catch {
  console.error("minify-glue: terser is missing; run `npm ci` at the repository root (scripts/setup.sh does)");
  process.exit(1);
}
const source = readFileSync(input, "utf8");
const result = await minify(source, {
  module: kind === "module",
  toplevel: kind === "module",
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(output, result.code);
console.error(`minify-glue: ${input} ${source.length} -> ${result.code.length} bytes`);
