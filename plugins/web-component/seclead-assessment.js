// <seclead-assessment>: a drop-in custom element (shadow DOM) that fills a seclead profile
// from the engine's questionnaire, runs the WebAssembly engine and shows the report.
//
//   <script type="module" src="/plugins/web-component/seclead-assessment.js"></script>
//   <seclead-assessment profile-src="/examples/us-clinic.json"
//                       sections="leadership,obligations,raci,findings,vciso,roadmap"></seclead-assessment>
//
// Attributes: profile-src (URL of a profile JSON), sections (comma list; default all),
// hide-form (no questionnaire, report only), explain (list not-applicable obligations too),
// engine-src (URL of the engine's ES module, default ../../wasm/src/index.js from here).
// Properties: profile (object or JSON text), report (read; writing shows a given report
// without running the engine), overlays (array of overlay JSON texts), engine (an already
// initialised engine API object {assess, questionnaire, version}).
// Events (bubbling, composed): seclead-change {detail: profile} after each edit in the form,
// seclead-report {detail: report} after each successful assessment, seclead-error
// {detail: {code, message, errors}} when the profile is invalid or the engine fails.
// Theming: CSS custom properties --seclead-* (see plugins/README.md) and ::part() names.
//
// Every string that comes from a profile, a report or the questionnaire is inserted as text
// (textContent / createTextNode); the element never assigns innerHTML.

const DEFAULT_ENGINE_URL = new URL('../../wasm/src/index.js', import.meta.url).href;
const ALL_SECTIONS = [
  'leadership',
  'obligations',
  'raci',
  'findings',
  'vciso',
  'collaboration',
  'roadmap',
  'unknowns',
];
const SECTION_TITLES = {
  leadership: 'Leadership',
  obligations: 'Regulatory role obligations',
  raci: 'Responsibilities (RACI)',
  findings: 'Findings on today’s structure',
  vciso: 'Virtual CISO',
  collaboration: 'CIO / CISO collaboration',
  roadmap: 'Roadmap',
  unknowns: 'Unknown inputs',
};
const PROFILE_SCHEMA = 'seclead.profile/1';

// ---------------------------------------------------------------------------------------
// Engine loading (memoised per module URL)

const engines = new Map();

/**
 * Imports the engine's ES module at `url`, initialises it once and returns its API
 * ({assess, validate, render, questionnaire, version}).
 * @param {string} [url]
 */
export function loadEngine(url = DEFAULT_ENGINE_URL) {
  const href = new URL(url, document.baseURI).href;
  if (!engines.has(href)) {
    const promise = (async () => {
      const mod = await import(href);
      const locateFile = (file) => new URL('../dist/' + file, href).href;
      const api = typeof mod.init === 'function' ? await mod.init({ locateFile }) : null;
      const engine = api && typeof api.assess === 'function' ? api : mod;
      if (typeof engine.assess !== 'function') throw new Error('engine module has no assess()');
      return engine;
    })();
    promise.catch(() => engines.delete(href));
    engines.set(href, promise);
  }
  return engines.get(href);
}

// ---------------------------------------------------------------------------------------
// Small helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') el.textContent = String(v);
      else if (k === 'part') el.setAttribute('part', v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const ACRONYMS = new Set(['ceo', 'cfo', 'coo', 'cio', 'cto', 'ciso', 'cso', 'dpo', 'cro', 'it', 'ict', 'ip', 'raci']);
// Display form of an id: "dedicated-ciso" -> "dedicated CISO", "vciso" -> "vCISO".
const humanize = (id) =>
  String(id ?? '')
    .split(/[-_]/)
    .map((w) => (w === 'vciso' ? 'vCISO' : ACRONYMS.has(w) ? w.toUpperCase() : w))
    .join(' ');
const asArray = (v) => (Array.isArray(v) ? v : []);

function parsePointer(pointer) {
  if (pointer === '' || pointer === '/') return [];
  return String(pointer)
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(obj, pointer) {
  let cur = obj;
  for (const key of parsePointer(pointer)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, key)) return undefined;
    cur = cur[key];
  }
  return cur;
}

// Sets (or with `undefined` removes) the value at `pointer`, creating objects on the way and
// dropping sections that become empty (an empty optional section means "unknown").
function setAt(obj, pointer, value) {
  const keys = parsePointer(pointer);
  if (!keys.length) return;
  const chain = [obj];
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    if (cur[key] === null || typeof cur[key] !== 'object' || Array.isArray(cur[key])) {
      if (value === undefined) return;
      cur[key] = {};
    }
    cur = cur[key];
    chain.push(cur);
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  for (let i = keys.length - 2; i >= 0; i--) {
    const parent = chain[i];
    const key = keys[i];
    if (key === 'organization') break;
    if (parent[key] && typeof parent[key] === 'object' && !Object.keys(parent[key]).length) {
      delete parent[key];
    }
  }
}

function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// integer questions with options (e.g. a 1..5 maturity scale) are shown as a choice
function kindOf(question) {
  const numeric = question.type === 'integer' || question.type === 'number';
  return numeric && Array.isArray(question.options) && question.options.length ? 'enum' : question.type;
}

function optionList(question) {
  return asArray(question.options).map((o) =>
    o !== null && typeof o === 'object'
      ? { value: o.value ?? o.id, label: o.label ?? o.text ?? String(o.value ?? o.id) }
      : { value: o, label: String(o) },
  );
}

// Evaluates a questionnaire `visibleWhen` condition against the profile being built. Accepts
// the shapes the questionnaire uses: {pointer, equals|notEquals|in|notIn|includes|
// includesAny|countryIn|prefixAny|exists|gte|lte}, {all:[...]}, {any:[...]}, {not: cond}, or an array
// (all). Unknown shapes count as visible, so a new condition kind never hides a question.
export function evaluateCondition(cond, profile) {
  if (cond === undefined || cond === null || cond === true) return true;
  if (cond === false) return false;
  if (Array.isArray(cond)) return cond.every((c) => evaluateCondition(c, profile));
  if (typeof cond !== 'object') return true;
  if (Array.isArray(cond.all)) return cond.all.every((c) => evaluateCondition(c, profile));
  if (Array.isArray(cond.any)) return cond.any.some((c) => evaluateCondition(c, profile));
  if (cond.not !== undefined) return !evaluateCondition(cond.not, profile);
  const pointer = cond.pointer ?? cond.field ?? cond.path;
  if (typeof pointer !== 'string') return true;
  const v = getAt(profile, pointer);
  const values = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const list = (x) => (Array.isArray(x) ? x : [x]);
  if ('equals' in cond) return JSON.stringify(v) === JSON.stringify(cond.equals);
  if ('notEquals' in cond) return JSON.stringify(v) !== JSON.stringify(cond.notEquals);
  if ('in' in cond) return values.some((x) => list(cond.in).includes(x));
  if ('notIn' in cond) return !values.some((x) => list(cond.notIn).includes(x));
  if ('includes' in cond) return values.includes(cond.includes);
  if ('includesAny' in cond) return values.some((x) => list(cond.includesAny).includes(x));
  if ('countryIn' in cond) {
    // jurisdictions: "US-NY" counts as its country "US"
    return values.some((x) => typeof x === 'string' && list(cond.countryIn).includes(x.split('-')[0]));
  }
  for (const key of ['prefixAny', 'startsWithAny', 'startsWith']) {
    if (key in cond) {
      return values.some(
        (x) => typeof x === 'string' && list(cond[key]).some((p) => x === p || x.startsWith(p)),
      );
    }
  }
  if ('exists' in cond) return (v !== undefined) === Boolean(cond.exists);
  if ('gte' in cond) return typeof v === 'number' && v >= cond.gte;
  if ('lte' in cond) return typeof v === 'number' && v <= cond.lte;
  return true;
}

// ---------------------------------------------------------------------------------------
// Styles (constant; adopted through a constructable stylesheet where available, so a page
// with a strict style-src Content-Security-Policy can host the element)

const CSS = `
:host {
  --_accent: var(--seclead-accent, #1f5fbf);
  --_font: var(--seclead-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  --_bg: var(--seclead-bg, #ffffff);
  --_fg: var(--seclead-fg, #1b2430);
  --_muted: var(--seclead-muted, #5b6675);
  --_border: var(--seclead-border, #d8dee8);
  --_surface: var(--seclead-surface, #f5f7fb);
  --_radius: var(--seclead-radius, 8px);
  --_high: var(--seclead-severity-high, #b42318);
  --_medium: var(--seclead-severity-medium, #b54708);
  --_low: var(--seclead-severity-low, #3b6e8f);
  --_ok: var(--seclead-ok, #067647);
  display: block;
  font-family: var(--_font);
  font-size: var(--seclead-font-size, 14px);
  line-height: 1.45;
  color: var(--_fg);
  background: var(--_bg);
  border: 1px solid var(--_border);
  border-radius: var(--_radius);
  padding: 16px;
  box-sizing: border-box;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
h3 { font-size: 0.92em; margin: 12px 0 4px; }
section:first-child > h2 { margin-top: 0; }
h2 { font-size: 1em; margin: 18px 0 6px; color: var(--_accent); border-bottom: 1px solid var(--_border); padding-bottom: 4px; }
.status { color: var(--_muted); font-size: 0.9em; margin: 4px 0 10px; }
.errors { color: var(--_high); margin: 6px 0; padding-left: 18px; }
form { margin-bottom: 8px; }
details { border: 1px solid var(--_border); border-radius: var(--_radius); margin: 6px 0; background: var(--_surface); }
summary { cursor: pointer; padding: 6px 10px; font-weight: 600; }
details.answers { background: transparent; margin: 0 0 12px; }
details.answers > summary { color: var(--_accent); }
details.answers > form { padding: 0 8px 6px; }
details.more { background: transparent; border: none; margin: 2px 0; }
details.more > summary { padding: 4px 0; font-weight: 500; color: var(--_accent); font-size: 0.9em; }
.q { display: grid; grid-template-columns: minmax(140px, 40%) 1fr; gap: 6px; padding: 4px 10px; align-items: center; }
.q label, .q .label { font-size: 0.92em; }
.q input[type=text], .q input[type=number], .q select, .q textarea { width: 100%; font: inherit; padding: 3px 6px; border: 1px solid var(--_border); border-radius: 4px; background: var(--_bg); color: var(--_fg); }
.q textarea { min-height: 5em; font-family: ui-monospace, monospace; font-size: 0.85em; }
.q .multi { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.q .money { display: grid; grid-template-columns: 1fr 5em; gap: 4px; }
.q.wide { grid-template-columns: 1fr; }
.q-error { grid-column: 1 / -1; color: var(--_high); font-size: 0.85em; }
[aria-invalid=true] { border-color: var(--_high) !important; }
.roles-wrap { overflow-x: auto; }
.roles-table { font-size: 0.85em; }
.roles-table td { padding: 2px; border: none; }
.roles-table th { background: transparent; border: none; font-weight: 600; padding: 2px; }
.roles-table select, .roles-table input { font: inherit; max-width: 12em; padding: 2px 4px; border: 1px solid var(--_border); border-radius: 4px; background: var(--_bg); color: var(--_fg); }
.roles-table input[type=number] { width: 4.5em; }
button.add, button.remove { font: inherit; font-size: 0.85em; cursor: pointer; border: 1px solid var(--_border); background: var(--_bg); color: var(--_accent); border-radius: 4px; padding: 2px 8px; margin-top: 4px; }
button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
.headline { display: flex; flex-wrap: wrap; gap: 10px; margin: 4px 0 10px; }
.tile { background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 8px 12px; min-width: 140px; }
.tile .k { font-size: 0.78em; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
.tile .v { font-size: 1.15em; font-weight: 650; }
.tile.model .v { color: var(--_accent); }
.bars { display: grid; grid-template-columns: 9em 1fr 2.5em; gap: 3px 8px; align-items: center; font-size: 0.88em; }
.bar { height: 10px; background: var(--_surface); border-radius: 5px; overflow: hidden; border: 1px solid var(--_border); }
.bar > span { display: block; height: 100%; background: var(--_muted); }
.bar.best > span { background: var(--_accent); }
ul.plain { list-style: none; padding: 0; margin: 0; }
ul.plain > li { padding: 5px 0; border-bottom: 1px solid var(--_border); }
.src { color: var(--_muted); font-size: 0.8em; }
table { border-collapse: collapse; width: 100%; font-size: 0.86em; }
th, td { border: 1px solid var(--_border); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--_surface); }
.raci-wrap { overflow-x: auto; }
td code { white-space: nowrap; font-size: 0.95em; }
.raci td.c { text-align: center; font-weight: 700; }
.raci td.A { background: color-mix(in srgb, var(--_accent) 28%, transparent); }
.raci td.R { background: color-mix(in srgb, var(--_accent) 14%, transparent); }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 0.8em; font-weight: 650; border: 1px solid currentColor; white-space: nowrap; }
.sev-critical, .sev-high, .st-gap { color: var(--_high); }
.sev-medium, .st-partial, .st-unknown { color: var(--_medium); }
.sev-low, .sev-info, .st-not-applicable { color: var(--_low); }
.st-met { color: var(--_ok); }
.horizon { font-weight: 650; margin-top: 8px; }
.empty { color: var(--_muted); font-style: italic; }
`;

let sharedSheet = null;
function adoptStyles(root) {
  try {
    if (!sharedSheet) {
      sharedSheet = new CSSStyleSheet();
      sharedSheet.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [sharedSheet];
  } catch {
    root.append(h('style', { text: CSS }));
  }
}

// ---------------------------------------------------------------------------------------
// The element

export class SecleadAssessment extends HTMLElement {
  static get observedAttributes() {
    return ['profile-src', 'sections', 'hide-form', 'explain', 'engine-src'];
  }

  #root;
  #formHost;
  #statusEl;
  #errorsEl;
  #reportHost;
  #profile = null;
  #report = null;
  #overlays = [];
  #engine = null;
  #questionnaire = null;
  #seq = 0;
  #debounce = 0;
  #connected = false;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    adoptStyles(this.#root);
    this.#formHost = h('div', { part: 'form' });
    this.#statusEl = h('div', { class: 'status', part: 'status', role: 'status', hidden: true });
    this.#errorsEl = h('ul', { class: 'errors', part: 'errors', hidden: true });
    this.#reportHost = h('div', { part: 'report' });
    this.#root.append(this.#formHost, this.#statusEl, this.#errorsEl, this.#reportHost);
  }

  connectedCallback() {
    // Properties set on the element before this class was defined (upgrade) shadow the
    // accessors: take their values and route them through the setters.
    for (const name of ['engine', 'overlays', 'report', 'profile']) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.#connected = true;
    this.#refreshForm();
    const src = this.getAttribute('profile-src');
    if (src && !this.#profile) this.#loadProfileSrc(src);
    else if (this.#profile) this.#scheduleAssess(0);
  }

  disconnectedCallback() {
    this.#connected = false;
    clearTimeout(this.#debounce);
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue || !this.#connected) return;
    if (name === 'profile-src' && newValue) this.#loadProfileSrc(newValue);
    else if (name === 'sections') this.#renderReport();
    else if (name === 'hide-form') this.#refreshForm();
    else if (name === 'explain' && this.#profile) this.#scheduleAssess(0);
    else if (name === 'engine-src') {
      this.#engine = null;
      this.#questionnaire = null;
      this.#refreshForm();
    }
  }

  /** The profile being assessed (a copy). Set an object or JSON text to load one. */
  get profile() {
    return clone(this.#profile);
  }
  set profile(value) {
    let p = value;
    if (typeof p === 'string') {
      try {
        p = JSON.parse(p);
      } catch (e) {
        this.#showErrors('syntax', 'the profile is not valid JSON: ' + e.message, []);
        return;
      }
    }
    this.#profile = p === null || p === undefined ? null : clone(p);
    const answers = this.#formHost.querySelector('details.answers');
    if (answers && this.#profile) answers.open = false; // a given profile: show the report first
    this.#fillForm();
    if (this.#profile && this.#connected) this.#scheduleAssess(0);
  }

  /** The last report (a copy). Setting a report shows it without running the engine. */
  get report() {
    return clone(this.#report);
  }
  set report(value) {
    this.#report = value ? clone(typeof value === 'string' ? JSON.parse(value) : value) : null;
    this.#clearErrors();
    this.#renderReport();
  }

  /** Knowledge overlays (JSON texts) passed to assess, merged in this order. */
  get overlays() {
    return [...this.#overlays];
  }
  set overlays(list) {
    this.#overlays = asArray(list).map((o) => (typeof o === 'string' ? o : JSON.stringify(o)));
    if (this.#profile && this.#connected) this.#scheduleAssess(0);
  }

  /** An already initialised engine API ({assess, questionnaire, ...}) to use instead of loading one. */
  get engine() {
    return this.#engine;
  }
  set engine(api) {
    this.#engine = api || null;
    this.#questionnaire = null;
    if (this.#connected) this.#refreshForm();
  }

  /** Resolves when the engine is loaded; rejects when it cannot be. */
  async ready() {
    await this.#getEngine();
  }

  /** Runs the assessment now and resolves with the report (rejects with the engine error). */
  async assess() {
    clearTimeout(this.#debounce);
    return this.#assessNow(true);
  }

  // -------------------------------------------------------------------------------------

  get #defaultCurrency() {
    const c = this.#questionnaire && this.#questionnaire.defaultCurrency;
    return typeof c === 'string' && /^[A-Z]{3}$/.test(c) ? c : 'USD';
  }

  get #sections() {
    const attr = this.getAttribute('sections');
    if (!attr) return ALL_SECTIONS;
    return attr
      .split(',')
      .map((s) => s.trim())
      .filter((s) => ALL_SECTIONS.includes(s));
  }

  #getEngine() {
    if (this.#engine) return Promise.resolve(this.#engine);
    return loadEngine(this.getAttribute('engine-src') || DEFAULT_ENGINE_URL).then((e) => {
      this.#engine = e;
      return e;
    });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #setStatus(text) {
    this.#statusEl.textContent = text;
    this.#statusEl.hidden = !text;
  }

  #clearErrors() {
    this.#errorsEl.replaceChildren();
    this.#errorsEl.hidden = true;
    for (const el of this.#formHost.querySelectorAll('.q-error')) el.remove();
    for (const el of this.#formHost.querySelectorAll('.q[data-invalid]')) delete el.dataset.invalid;
    for (const el of this.#formHost.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  }

  // Shows each engine error next to the question whose pointer is the longest prefix of the
  // error's path (e.g. /currentRoles/2/role goes to the currentRoles editor).
  #markFields(errors) {
    const rows = [...this.#formHost.querySelectorAll('.q')];
    for (const e of errors) {
      if (typeof e.path !== 'string' || !e.path) continue;
      let best = null;
      for (const row of rows) {
        const ptr = row.dataset.pointer;
        if ((e.path === ptr || e.path.startsWith(ptr + '/')) && (!best || ptr.length > best.dataset.pointer.length)) best = row;
      }
      if (!best) continue;
      best.dataset.invalid = '';
      for (const c of best.querySelectorAll('input, select, textarea')) c.setAttribute('aria-invalid', 'true');
      const rest = e.path.slice(best.dataset.pointer.length);
      best.append(h('div', { class: 'q-error', role: 'alert', text: (rest ? rest + ': ' : '') + String(e.message ?? e.code) }));
      const details = best.closest('details[data-section]');
      if (details) details.open = true;
    }
  }

  #showErrors(code, message, errors) {
    this.#errorsEl.replaceChildren();
    const list = errors && errors.length ? errors : [{ path: '', code, message }];
    for (const e of list) {
      this.#errorsEl.append(
        h('li', null, e.path ? h('code', { text: e.path }) : null, e.path ? ' ' : '', String(e.message ?? e.code)),
      );
    }
    this.#errorsEl.hidden = false;
    for (const el of this.#formHost.querySelectorAll('.q-error')) el.remove();
    this.#markFields(asArray(errors));
    this.#emit('seclead-error', { code, message, errors: clone(errors) || [] });
  }

  async #loadProfileSrc(src) {
    const seq = ++this.#seq;
    this.#setStatus('Loading profile…');
    try {
      const res = await fetch(new URL(src, document.baseURI), { credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const profile = await res.json();
      if (seq !== this.#seq) return;
      this.profile = profile;
    } catch (e) {
      if (seq !== this.#seq) return;
      this.#setStatus('');
      this.#showErrors('load', `could not load the profile from ${src}: ${e.message}`, []);
    }
  }

  #scheduleAssess(delay) {
    clearTimeout(this.#debounce);
    this.#debounce = setTimeout(() => {
      this.#assessNow(false).catch(() => {});
    }, delay);
  }

  async #assessNow(rethrow) {
    const seq = ++this.#seq;
    const profile = this.#profile;
    if (!profile) {
      const err = new Error('no profile');
      if (rethrow) throw err;
      return null;
    }
    this.#setStatus('Assessing…');
    let engine;
    try {
      engine = await this.#getEngine();
    } catch (e) {
      this.#setStatus('');
      this.#showErrors('engine', 'the engine could not be loaded: ' + e.message, []);
      if (rethrow) throw e;
      return null;
    }
    if (seq !== this.#seq) return this.#report;
    try {
      const options = { explain: this.hasAttribute('explain') };
      if (this.#overlays.length) options.overlays = this.#overlays;
      const report = engine.assess(profile, options);
      this.#report = typeof report === 'string' ? JSON.parse(report) : report;
      this.#clearErrors();
      this.#setStatus('');
      this.#renderReport();
      this.#emit('seclead-report', clone(this.#report));
      return clone(this.#report);
    } catch (e) {
      this.#setStatus('The profile is incomplete or invalid:');
      this.#showErrors(e && e.code ? e.code : 'internal', String(e && e.message), asArray(e && e.errors));
      if (rethrow) throw e;
      return null;
    }
  }

  // ----- the questionnaire form ---------------------------------------------------------

  async #refreshForm() {
    if (this.hasAttribute('hide-form')) {
      this.#formHost.replaceChildren();
      this.#formHost.hidden = true;
      return;
    }
    this.#formHost.hidden = false;
    if (!this.#questionnaire) {
      try {
        const engine = await this.#getEngine();
        const q = engine.questionnaire();
        this.#questionnaire = typeof q === 'string' ? JSON.parse(q) : q;
      } catch (e) {
        this.#formHost.replaceChildren(h('p', { class: 'empty', text: 'The questionnaire is unavailable: ' + e.message }));
        return;
      }
    }
    this.#buildForm();
  }

  #buildForm() {
    const sections = asArray(this.#questionnaire && this.#questionnaire.sections);
    const form = h('form', { part: 'questionnaire', novalidate: true });
    form.addEventListener('submit', (e) => e.preventDefault());
    sections.forEach((section, i) => {
      const details = h(
        'details',
        { 'data-section': section.id, open: i === 0 ? true : undefined },
        h('summary', { text: section.title ?? section.label ?? humanize(section.id) }),
      );
      for (const q of asArray(section.questions)) {
        if (!q || typeof q.pointer !== 'string') continue;
        details.append(this.#questionRow(q));
      }
      form.append(details);
    });
    // Collapsed when a profile was given (the report matters most), open for a blank start.
    const answers = h(
      'details',
      { class: 'answers', part: 'answers', open: this.#profile ? undefined : true },
      h('summary', { text: 'Answers' }),
      form,
    );
    this.#formHost.replaceChildren(answers);
    this.#fillForm();
  }

  #questionRow(q) {
    const id = 'q-' + String(q.id ?? q.pointer).replace(/[^A-Za-z0-9_-]/g, '-');
    const labelText = q.label ?? q.text ?? q.title ?? humanize(q.id);
    const row = h('div', { class: 'q', 'data-pointer': q.pointer, 'data-type': q.type });
    const label = h('label', { for: id, text: labelText });
    if (q.help) label.title = typeof q.help === 'string' ? q.help : String(q.help.text ?? '');
    let control;
    const onInput = () => this.#formChanged(q, row);
    switch (kindOf(q)) {
      case 'integer':
      case 'number':
        control = h('input', { id, type: 'number', step: q.type === 'integer' ? '1' : 'any', min: q.min, max: q.max });
        control.addEventListener('input', onInput);
        break;
      case 'money': {
        const amount = h('input', { id, type: 'number', step: 'any', min: '0', 'aria-label': labelText });
        const currency = h('input', { type: 'text', maxlength: '3', placeholder: this.#defaultCurrency, 'aria-label': labelText + ' currency' });
        amount.addEventListener('input', onInput);
        currency.addEventListener('input', onInput);
        control = h('div', { class: 'money' }, amount, currency);
        break;
      }
      case 'boolean':
        control = h(
          'select',
          { id },
          h('option', { value: '', text: '—' }),
          h('option', { value: 'true', text: 'yes' }),
          h('option', { value: 'false', text: 'no' }),
        );
        control.addEventListener('change', onInput);
        break;
      case 'enum':
        control = h('select', { id }, h('option', { value: '', text: '—' }));
        for (const o of optionList(q)) control.append(h('option', { value: JSON.stringify(o.value), text: o.label }));
        control.addEventListener('change', onInput);
        break;
      case 'multi-enum':
        control = h('div', { class: 'multi', role: 'group', 'aria-label': labelText });
        for (const o of optionList(q)) {
          const box = h('input', { type: 'checkbox', value: JSON.stringify(o.value) });
          box.addEventListener('change', onInput);
          control.append(h('label', null, box, ' ', o.label));
        }
        break;
      case 'roles':
        // With field definitions: a small table editor; without: the list as JSON text.
        if (asArray(q.fields).length) {
          row.classList.add('wide');
          control = h('div', { class: 'roles', role: 'group', 'aria-label': labelText });
          row._roles = [];
        } else {
          control = h('textarea', { id, spellcheck: 'false', placeholder: '[{"id":"r1","role":"cio","reportsTo":"ceo"}]' });
          control.addEventListener('input', onInput);
        }
        break;
      case 'country-list':
        control = h('input', { id, type: 'text', placeholder: 'US, US-NY, DE' });
        control.addEventListener('input', onInput);
        break;
      default:
        control = h('input', { id, type: 'text', maxlength: q.maxLength ?? 4096 });
        control.addEventListener('input', onInput);
    }
    if (row._roles) label.removeAttribute('for'); // the group carries its own aria-label
    row.append(label, control);
    row._question = q;
    return row;
  }

  #readRow(q, row) {
    switch (kindOf(q)) {
      case 'integer':
      case 'number': {
        const v = row.querySelector('input').value.trim();
        if (v === '') return undefined;
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }
      case 'money': {
        const [a, c] = row.querySelectorAll('input');
        if (a.value.trim() === '') return undefined;
        return { amount: Number(a.value), currency: (c.value.trim() || this.#defaultCurrency).toUpperCase() };
      }
      case 'boolean': {
        const v = row.querySelector('select').value;
        return v === '' ? undefined : v === 'true';
      }
      case 'enum': {
        const v = row.querySelector('select').value;
        return v === '' ? undefined : JSON.parse(v);
      }
      case 'multi-enum': {
        const boxes = [...row.querySelectorAll('input[type=checkbox]')];
        return boxes.filter((b) => b.checked).map((b) => JSON.parse(b.value));
      }
      case 'country-list': {
        const v = row.querySelector('input').value;
        const list = v.split(/[\s,;]+/).filter(Boolean).map((s) => s.toUpperCase());
        return list.length ? list : undefined;
      }
      case 'roles': {
        if (row._roles) return row._roles.length ? clone(row._roles) : undefined;
        const v = row.querySelector('textarea').value.trim();
        if (v === '') return undefined;
        try {
          return JSON.parse(v);
        } catch {
          return v; // the engine reports the type error at this pointer
        }
      }
      default: {
        const v = row.querySelector('input').value;
        return v === '' ? undefined : v;
      }
    }
  }

  #writeRow(q, row, value) {
    switch (kindOf(q)) {
      case 'money': {
        const [a, c] = row.querySelectorAll('input');
        a.value = value && typeof value === 'object' ? String(value.amount ?? '') : '';
        c.value = value && typeof value === 'object' ? String(value.currency ?? '') : '';
        break;
      }
      case 'boolean':
        row.querySelector('select').value = value === true ? 'true' : value === false ? 'false' : '';
        break;
      case 'enum': {
        const sel = row.querySelector('select');
        sel.value = value === undefined ? '' : JSON.stringify(value);
        break;
      }
      case 'multi-enum': {
        const chosen = new Set(asArray(value).map((v) => JSON.stringify(v)));
        for (const b of row.querySelectorAll('input[type=checkbox]')) b.checked = chosen.has(b.value);
        break;
      }
      case 'country-list':
        row.querySelector('input').value = asArray(value).join(', ');
        break;
      case 'roles':
        if (row._roles) {
          row._roles = Array.isArray(value) ? clone(value).filter((e) => e && typeof e === 'object') : [];
          this.#renderRoles(q, row);
        } else {
          row.querySelector('textarea').value = value === undefined ? '' : JSON.stringify(value, null, 1);
        }
        break;
      default:
        row.querySelector('input').value = value === undefined || value === null ? '' : String(value);
    }
  }

  // The currentRoles editor: one table row per person, columns from the question's `fields`
  // (enum, reference, number, multi-enum, text), plus the entry id and a remove button.
  #renderRoles(q, row) {
    const fields = asArray(q.fields);
    const entries = row._roles;
    const host = row.querySelector('.roles');
    const changed = () => this.#formChanged(q, row);
    const roleField = fields.find((f) => f.field === 'role');
    const roleIds = roleField ? optionList(roleField).map((o) => o.value) : [];
    const refSelects = [];
    const fillRef = (select, entry) => {
      const current = entry.reportsTo;
      select.replaceChildren(h('option', { value: '', text: '—' }));
      const values = [];
      for (const other of entries) {
        if (other !== entry && typeof other.id === 'string' && other.id) values.push([other.id, `${other.id} (${humanize(other.role)})`]);
      }
      for (const r of roleIds) values.push([r, humanize(r)]);
      if (typeof current === 'string' && current && !values.some(([v]) => v === current)) values.push([current, current]);
      for (const [v, label] of values) select.append(h('option', { value: v, text: label }));
      select.value = typeof current === 'string' ? current : '';
    };
    const refreshRefs = () => refSelects.forEach(([sel, entry]) => fillRef(sel, entry));
    const tbody = h('tbody');
    entries.forEach((entry, i) => {
      const tr = h('tr');
      const idInput = h('input', { type: 'text', value: entry.id ?? '', 'aria-label': `person ${i + 1}: id`, size: '6' });
      idInput.addEventListener('input', () => {
        entry.id = idInput.value;
        refreshRefs();
        changed();
      });
      tr.append(h('td', null, idInput));
      for (const f of fields) {
        const label = `person ${i + 1}: ${f.label ?? humanize(f.field)}`;
        const set = (v) => {
          if (v === undefined) delete entry[f.field];
          else entry[f.field] = v;
          if (f.field === 'role') refreshRefs();
          changed();
        };
        let cell;
        if (f.type === 'enum') {
          cell = h('select', { 'aria-label': label }, h('option', { value: '', text: '—' }));
          for (const o of optionList(f)) cell.append(h('option', { value: JSON.stringify(o.value), text: o.label }));
          cell.value = entry[f.field] === undefined ? '' : JSON.stringify(entry[f.field]);
          cell.addEventListener('change', () => set(cell.value === '' ? undefined : JSON.parse(cell.value)));
        } else if (f.type === 'reference') {
          cell = h('select', { 'aria-label': label });
          refSelects.push([cell, entry]);
          cell.addEventListener('change', () => set(cell.value === '' ? undefined : cell.value));
        } else if (f.type === 'number' || f.type === 'integer') {
          cell = h('input', { type: 'number', min: f.min, max: f.max, step: f.type === 'integer' ? '1' : '0.05', 'aria-label': label, value: entry[f.field] ?? '' });
          cell.addEventListener('input', () => set(cell.value.trim() === '' ? undefined : Number(cell.value)));
        } else if (f.type === 'multi-enum') {
          cell = h('select', { multiple: true, size: '3', 'aria-label': label });
          const chosen = new Set(asArray(entry[f.field]).map((v) => JSON.stringify(v)));
          for (const o of optionList(f)) {
            const opt = h('option', { value: JSON.stringify(o.value), text: o.label });
            opt.selected = chosen.has(opt.value);
            cell.append(opt);
          }
          cell.addEventListener('change', () => {
            const list = [...cell.selectedOptions].map((o) => JSON.parse(o.value));
            set(list.length ? list : undefined);
          });
        } else {
          cell = h('input', { type: 'text', 'aria-label': label, value: entry[f.field] ?? '' });
          cell.addEventListener('input', () => set(cell.value === '' ? undefined : cell.value));
        }
        tr.append(h('td', null, cell));
      }
      const remove = h('button', { type: 'button', class: 'remove', 'aria-label': `remove person ${i + 1}`, text: '✕' });
      remove.addEventListener('click', () => {
        entries.splice(i, 1);
        this.#renderRoles(q, row);
        changed();
      });
      tr.append(h('td', null, remove));
      tbody.append(tr);
    });
    refreshRefs();
    const head = h('tr', null, h('th', { scope: 'col', text: 'Id' }), fields.map((f) => h('th', { scope: 'col', text: f.label ?? humanize(f.field) })), h('td'));
    const add = h('button', { type: 'button', class: 'add', text: '+ Add a person' });
    add.addEventListener('click', () => {
      const used = new Set(entries.map((e) => e.id));
      let n = entries.length + 1;
      while (used.has('r' + n)) n++;
      const entry = { id: 'r' + n };
      for (const f of fields) if (f.default !== undefined) entry[f.field] = clone(f.default);
      entries.push(entry);
      this.#renderRoles(q, row);
      changed();
    });
    const max = Number(q.maxItems) || 1000;
    add.disabled = entries.length >= max;
    host.replaceChildren(
      entries.length ? h('div', { class: 'roles-wrap' }, h('table', { class: 'roles-table' }, h('thead', null, head), tbody)) : h('p', { class: 'empty', text: 'Nobody listed (unknown).' }),
      add,
    );
  }

  #fillForm() {
    const rows = this.#formHost.querySelectorAll('.q');
    for (const row of rows) this.#writeRow(row._question, row, this.#profile ? getAt(this.#profile, row._question.pointer) : undefined);
    this.#applyVisibility();
  }

  #applyVisibility() {
    const profile = this.#profile || {};
    for (const row of this.#formHost.querySelectorAll('.q')) {
      row.hidden = !evaluateCondition(row._question.visibleWhen, profile);
    }
  }

  #formChanged(q, row) {
    if (!this.#profile) this.#profile = { schema: PROFILE_SCHEMA, organization: {} };
    setAt(this.#profile, q.pointer, this.#readRow(q, row));
    this.#applyVisibility();
    this.#emit('seclead-change', clone(this.#profile));
    this.#scheduleAssess(300);
  }

  // ----- the report ----------------------------------------------------------------------

  #renderReport() {
    const r = this.#report;
    if (!r) {
      this.#reportHost.replaceChildren();
      return;
    }
    const out = [];
    for (const s of this.#sections) {
      const body = this.#renderSection(s, r);
      if (!body) continue;
      out.push(h('section', { part: 'section section-' + s, 'data-section': s }, h('h2', { text: SECTION_TITLES[s] }), body));
    }
    this.#reportHost.replaceChildren(...out);
  }

  #renderSection(name, r) {
    switch (name) {
      case 'leadership':
        return this.#renderLeadership(r.leadership || {});
      case 'obligations':
        return this.#renderObligations(asArray(r.obligations));
      case 'raci':
        return this.#renderRaci(r.raci || {});
      case 'findings':
        return this.#renderFindings(asArray(r.findings));
      case 'vciso':
        return this.#renderVciso(r.vciso || {});
      case 'collaboration':
        return this.#list(asArray(r.collaboration), (c) => [h('strong', { text: humanize(c.challenge) }), ': ', String(c.practice ?? '')]);
      case 'roadmap':
        return this.#renderRoadmap(asArray(r.roadmap));
      case 'unknowns':
        return this.#list(asArray(r.unknowns), (u) => [h('code', { text: String(u) })]);
      default:
        return null;
    }
  }

  #list(items, fn) {
    if (!items.length) return h('p', { class: 'empty', text: 'None.' });
    return h('ul', { class: 'plain' }, items.map((it) => h('li', null, ...fn(it))));
  }

  #renderLeadership(l) {
    const tile = (cls, k, v) => h('div', { class: 'tile ' + cls, part: 'tile' }, h('div', { class: 'k', text: k }), h('div', { class: 'v', text: humanize(v) }));
    const frag = h('div', null);
    frag.append(
      h(
        'div',
        { class: 'headline' },
        tile('model', 'Recommended model', l.model),
        tile('reports', 'CISO reports to', l.cisoReportsTo),
        tile('dpo', 'Data protection officer', l.dpo),
      ),
    );
    const scores = l.score && typeof l.score === 'object' ? Object.entries(l.score) : [];
    if (scores.length) {
      const bars = h('div', { class: 'bars', role: 'list', 'aria-label': 'Score per model' });
      for (const [model, value] of scores) {
        const n = Math.max(0, Math.min(100, Number(value) || 0));
        const fill = h('span');
        fill.style.width = n + '%';
        bars.append(
          h('span', { role: 'listitem', text: humanize(model) }),
          h('div', { class: 'bar' + (model === l.model ? ' best' : '') }, fill),
          h('span', { text: String(value) }),
        );
      }
      frag.append(bars);
    }
    const rationale = asArray(l.rationale);
    if (rationale.length) {
      const item = (x) => [String(x.because ?? ''), x.effect ? ' → ' + String(x.effect) : '', ' ', h('span', { class: 'src', text: [x.rule, x.source].filter(Boolean).join(' · ') })];
      const FIRST = 4;
      frag.append(h('h3', { text: 'Why' }), this.#list(rationale.slice(0, FIRST), item));
      if (rationale.length > FIRST) {
        const rest = rationale.length - FIRST;
        frag.append(h('details', { class: 'more' }, h('summary', { text: `${rest} more reason${rest === 1 ? '' : 's'}` }), this.#list(rationale.slice(FIRST), item)));
      }
    }
    const sens = asArray(l.sensitivity);
    if (sens.length) {
      frag.append(
        h('h3', { text: 'What would change this' }),
        this.#list(sens, (s) => [h('code', { text: String(s.field ?? '') }), ` ${JSON.stringify(s.from)} → ${JSON.stringify(s.to)}: `, humanize(s.model)]),
      );
    }
    return frag;
  }

  #renderObligations(list) {
    if (!list.length) return h('p', { class: 'empty', text: 'No regulatory role obligation applies.' });
    const table = h('table', null, h('thead', null, h('tr', null, ['Obligation', 'Status', 'Requires', 'Roles', 'Source'].map((t) => h('th', { text: t })))));
    const tbody = h('tbody');
    for (const o of list) {
      tbody.append(
        h(
          'tr',
          { 'data-obligation': o.id },
          h('td', null, h('code', { text: String(o.id ?? '') })),
          h('td', null, h('span', { class: 'badge st-' + String(o.status ?? '').replace(/[^a-z-]/g, ''), text: humanize(o.status) })),
          h('td', { text: String(o.requires ?? '') }),
          h('td', { text: asArray(o.roles).map(humanize).join(', ') }),
          h('td', { class: 'src', text: String(o.source ?? '') }),
        ),
      );
    }
    table.append(tbody);
    return table;
  }

  #renderRaci(raci) {
    const roles = asArray(raci.roles);
    const rows = asArray(raci.rows);
    if (!rows.length) return h('p', { class: 'empty', text: 'No RACI.' });
    const head = h('tr', null, h('th', { text: 'Responsibility' }), roles.map((r) => h('th', { scope: 'col', text: humanize(r) })));
    const tbody = h('tbody');
    for (const row of rows) {
      const tr = h('tr', { 'data-responsibility': row.responsibility }, h('th', { scope: 'row', text: humanize(row.responsibility) }));
      for (const role of roles) {
        let letter = '';
        if (row.A === role) letter = 'A';
        else if (asArray(row.R).includes(role)) letter = 'R';
        else if (asArray(row.C).includes(role)) letter = 'C';
        else if (asArray(row.I).includes(role)) letter = 'I';
        const extra = letter === 'A' && asArray(row.R).includes(role) ? 'A/R' : letter;
        tr.append(h('td', { class: 'c ' + letter, text: extra }));
      }
      tbody.append(tr);
    }
    return h('div', { class: 'raci-wrap' }, h('table', { class: 'raci' }, h('thead', null, head), tbody));
  }

  #renderFindings(list) {
    return this.#list(list, (f) => [
      h('span', { class: 'badge sev-' + String(f.severity ?? '').replace(/[^a-z-]/g, ''), text: String(f.severity ?? '') }),
      ' ',
      h('strong', { text: humanize(f.kind) }),
      ': ',
      String(f.message ?? ''),
      f.recommendation ? h('div', { class: 'src', text: '→ ' + String(f.recommendation) }) : null,
    ]);
  }

  #renderVciso(v) {
    const cost = v.monthlyCost || {};
    const fmt = (n) => (typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? ''));
    const frag = h(
      'div',
      { class: 'headline' },
      h('div', { class: 'tile' }, h('div', { class: 'k', text: 'Recommended' }), h('div', { class: 'v', text: v.recommended ? 'yes' : 'no' })),
      h('div', { class: 'tile' }, h('div', { class: 'k', text: 'Hours per month' }), h('div', { class: 'v', text: fmt(v.hoursPerMonth) })),
      h('div', { class: 'tile' }, h('div', { class: 'k', text: 'Monthly cost' }), h('div', { class: 'v', text: `${fmt(cost.low)}–${fmt(cost.high)} ${cost.currency ?? ''}` })),
    );
    const triggers = asArray(v.transitionTriggers);
    if (!triggers.length) return frag;
    return h('div', null, frag, h('h3', { text: 'Move to a full-time CISO when' }), this.#list(triggers, (t) => [typeof t === 'string' ? t : String(t.trigger ?? t.message ?? t.id ?? JSON.stringify(t))]));
  }

  #renderRoadmap(items) {
    if (!items.length) return h('p', { class: 'empty', text: 'None.' });
    const out = h('div');
    const groups = [];
    for (const it of items) {
      let g = groups.find((x) => x.horizon === it.horizon);
      if (!g) groups.push((g = { horizon: it.horizon, items: [] }));
      g.items.push(it);
    }
    for (const g of groups) {
      out.append(
        h('div', { class: 'horizon', text: humanize(g.horizon) }),
        this.#list(g.items, (it) => [String(it.action ?? ''), it.owner ? h('span', { class: 'src', text: ' — ' + humanize(it.owner) }) : null]),
      );
    }
    return out;
  }
}

if (!customElements.get('seclead-assessment')) customElements.define('seclead-assessment', SecleadAssessment);
