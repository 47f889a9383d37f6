// Benchmark of the offline page: size of dist/seclead.html and the time from opening the file
// to the first question visible, in headless Chromium. Run after scripts/build-web.sh:
//   node tests/browser/bench-page.mjs [runs]
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { launch, pageFile, pageUrl } from './helpers.mjs';

const runs = Number(process.argv[2] || 11);
const html = readFileSync(pageFile);
const text = html.toString('utf8');
const wasm = (/id="seclead-wasm">([^<]*)</.exec(text) || ['', ''])[1];
const gz = (b) => gzipSync(b, { level: 9 }).length;
console.log(`page: ${html.length} bytes, ${gz(html)} bytes gzip -9 (inlined wasm ${gz(Buffer.from(wasm))}, rest ${gz(Buffer.from(text.replace(wasm, '')))})`);

const browser = await launch();
const rows = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const start = performance.now();
  await page.goto(pageUrl);
  await page.waitForSelector('#in-org-name', { state: 'visible' });
  const wall = performance.now() - start;
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
  rows.push({ wall, firstQuestion: marks['seclead-first-question'], engineReady: marks['seclead-engine-ready'], questionnaire: marks['seclead-questionnaire'] });
  await context.close();
}
await browser.close();
const median = (k) => Math.round(rows.map((r) => r[k]).sort((a, b) => a - b)[rows.length >> 1]);
console.log(`runs: ${runs}; medians (ms since navigation start): engine ready ${median('engineReady')}, questionnaire loaded ${median('questionnaire')}, first question visible ${median('firstQuestion')}; driver wall clock goto->visible ${median('wall')}`);
