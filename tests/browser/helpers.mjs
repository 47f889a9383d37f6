// Shared helpers of the offline page's browser tests: Debian's Chromium through playwright-core,
// the built page from file://, a recorder of every request, downloads, the native CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pageFile = resolve(root, process.env.SECLEAD_PAGE || 'dist/seclead.html');
export const pageUrl = pathToFileURL(pageFile).href;
export const outputDir = resolve(root, 'tests/browser/output');
export const cliPath = resolve(root, process.env.SECLEAD_CLI || 'build/debug/plugins/cli/seclead');
mkdirSync(outputDir, { recursive: true });

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

// A fresh context and page with every request and every dialog recorded.
export async function openPage(browser, { viewport = { width: 1200, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const requests = [];
  const dialogs = [];
  const pageErrors = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    if (d.type() === 'confirm') await d.accept();
    else await d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push('console: ' + m.text());
  });
  await page.goto(pageUrl);
  await page.waitForSelector('body[data-ready=true]', { timeout: 15000 });
  return { context, page, requests, dialogs, pageErrors };
}

// Every request must stay inside the file: only file:, data: and blob: URLs.
export function offendingRequests(requests) {
  return requests.filter((u) => !/^(file|data|blob):/.test(u));
}

export async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), path, text: readFileSync(path, 'utf8') };
}

export function cli(args) {
  if (!existsSync(cliPath)) throw new Error(`native CLI not built: ${cliPath} (run the native stage first)`);
  return execFileSync(cliPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

// Runs axe-core in the page; returns the serious and critical violations.
const axeSource = readFileSync(resolve(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
export async function seriousAxeViolations(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);  // evaluated by the test driver, not by the page's CSP
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// Types into an input as a person would: select what is there, then type.
export async function typeInto(page, selector, text) {
  await page.click(selector, { clickCount: 3 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  if (text !== '') await page.keyboard.type(text);
}

export async function chooseRadio(page, questionId, label) {
  await page.locator(`#q-${questionId} label.choice`, { hasText: label }).first().click();
}

export async function next(page) {
  const title = await page.textContent('#section-title');
  await page.click('#btn-next');
  await page.waitForFunction((t) => document.querySelector('#section-title').textContent !== t, title, { timeout: 5000 });
}
