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

const engine = scriptSafe(read(enginePath) + '\n;\n' + stripModuleSyntax(read(apiPath)) + '\n');
const worker = scriptSafe(read(resolve(root, 'web/worker.js')));
const app = scriptSafe(read(resolve(root, 'web/app.js')));
const style = read(resolve(root, 'web/style.css'));
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const csp = [
  "default-src 'none'",
  `script-src ${sha(engine)} ${sha(app)} 'wasm-unsafe-eval'`,
  `style-src ${sha(style)}`,
  'connect-src data:', // the engine's glue reads its inlined wasm with fetch(data:)
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
const parts = html.split(/(%%STYLE%%|%%ENGINE%%|%%WORKER%%|%%APP%%)/);
const values = { '%%STYLE%%': style, '%%ENGINE%%': engine, '%%WORKER%%': worker, '%%APP%%': app };
html = parts.map((p) => (p in values ? values[p] : p)).join('');

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, html);
const gz = gzipSync(Buffer.from(html), { level: 9 }).length;
console.log(`${outPath}: ${html.length} bytes, ${gz} bytes gzip -9`);
if (gz > 300 * 1024 && !process.env.SECLEAD_WEB_NO_BUDGET) {
  console.error('dist/seclead.html is over the 300 KB gzip budget');
  process.exit(1);
}
