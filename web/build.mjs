// Builds dist/seclead.html: one self-contained file (HTML, CSS, JS, the inlined engine)
// with a Content-Security-Policy whose scripts and style are allowed by sha256 hash only.
// Usage: node web/build.mjs [--engine wasm/dist/seclead_engine.single.js] [--api wasm/src/api.js]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const enginePath = resolve(root, arg('--engine', 'wasm/dist/seclead_engine.single.js'));
const apiPath = resolve(root, arg('--api', 'wasm/src/api.js'));
const outPath = resolve(root, arg('--out', 'dist/seclead.html'));
const read = (p) => readFileSync(p, 'utf8');

// api.js is an ES module; inside a classic script its exports become plain declarations.
function stripModuleSyntax(text) {
  return text
    .split('\n')
    .filter((line) => !/^\s*import\s.*from\s/.test(line) && !/^\s*import\s+['"]/.test(line))
    .filter((line) => !/^\s*export\s*\{[^}]*\}\s*(from\s+['"][^'"]+['"])?\s*;?\s*$/.test(line))
    .map((line) => line.replace(/^(\s*)export\s+default\s+(?=(async\s+)?(function|class)\b)/, '$1').replace(/^(\s*)export\s+(?=(async\s+)?(function|class|const|let|var)\b)/, '$1'))
    .join('\n');
}

// Text inside <script> must not close the element early.
const scriptSafe = (text) => text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

// The glue inlines the wasm as a base64 data: URI. Base64 text compresses badly, so the page
// carries the wasm gzip-compressed (then base64) in a non-executed element instead, and
// passes the bytes to the glue as Module.wasmBinary after DecompressionStream('gzip').
let glue = read(enginePath);
let wasmB64 = '';
const dataUri = /data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/;
const m = dataUri.exec(glue);
if (m) {
  wasmB64 = gzipSync(Buffer.from(m[1], 'base64'), { level: 9 }).toString('base64');
  glue = glue.replace(dataUri, 'data:application/octet-stream;base64,');
} else {
  console.warn('build-web: no inlined wasm found in the glue; using it unchanged');
}
const engine = scriptSafe(glue + '\n;\n' + stripModuleSyntax(read(apiPath)) + '\n');
// A light, safe squeeze of our own sources (they use no multi-line strings): leading
// indentation and whole-line comments go; everything else stays as written.
const squeeze = (text) => text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//')).join('\n');
const app = scriptSafe(squeeze(read(resolve(root, 'web/app.js'))));
const worker = scriptSafe(squeeze(read(resolve(root, 'web/worker.js'))));
const style = read(resolve(root, 'web/style.css'));
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const csp = [
  "default-src 'none'",
  `script-src ${sha(engine)} ${sha(app)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'worker-src blob:',
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

let html = read(resolve(root, 'web/index.html'));
const fill = (key, value) => {
  if (!html.includes(key)) throw new Error(`template has no ${key}`);
  html = html.split(key).join(value);
};
// Fill the big parts last so that their text is never searched for placeholders.
fill('%%CSP%%', csp);
const parts = html.split(/(%%STYLE%%|%%ENGINE%%|%%WORKER%%|%%APP%%|%%WASM%%)/);
const values = { '%%STYLE%%': style, '%%ENGINE%%': engine, '%%WORKER%%': worker, '%%APP%%': app, '%%WASM%%': wasmB64 };
html = parts.map((p) => (p in values ? values[p] : p)).join('');

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, html);
const gz = gzipSync(Buffer.from(html), { level: 9 }).length;
console.log(`${outPath}: ${html.length} bytes, ${gz} bytes gzip -9`);
if (gz > 300 * 1024 && !process.env.SECLEAD_WEB_NO_BUDGET) {
  console.error('dist/seclead.html is over the 300 KB gzip budget');
  process.exit(1);
}
