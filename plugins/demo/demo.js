// Demo host: embeds the seclead frame (served from another origin when ?frame=ORIGIN is
// given, else from this one) and the <seclead-assessment> web component side by side.
// window.demo records what arrived, for the browser tests.
import { mount } from '../embed/host.js';

const params = new URLSearchParams(location.search);
const frameOrigin = params.get('frame') || location.origin;
const log = document.getElementById('log');
const select = document.getElementById('example');
const iframe = document.getElementById('seclead-frame');
const wc = document.getElementById('wc');

const demo = { reports: [], errors: [], ignored: [], resizes: [], componentReports: [], changes: [], ready: null };
window.demo = demo;

function note(text, cls) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) li.className = cls;
  log.append(li);
  while (log.children.length > 200) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

document.getElementById('frame-origin').textContent = `served from ${frameOrigin}`;
iframe.src = new URL(`/plugins/embed/frame.html?allow=${encodeURIComponent(location.origin)}`, frameOrigin).href;

const embed = mount(iframe, {
  allowedOrigin: new URL(frameOrigin).origin,
  onReady: (info) => {
    demo.ready = info;
    const v = info.engine && typeof info.engine === 'object' ? info.engine.engine : info.engine;
    note(`init ← frame ready (engine ${v || '?'})`);
  },
  onReport: (report, id) => {
    demo.reports.push({ id, report });
    note(`report ← ${id}: model ${report && report.leadership ? report.leadership.model : '?'}`);
  },
  onError: (error, id) => {
    demo.errors.push({ id, error });
    note(`error ← ${id ?? '(no id)'}: ${error.code}: ${error.message}`, 'error');
  },
  // autoResize (the default) has already fitted the iframe to the content; this only logs.
  onResize: (height) => {
    demo.resizes.push(height);
    note(`resize ← content ${height} px tall`);
  },
  onIgnored: (event) => {
    demo.ignored.push({ origin: event.origin });
    note(`ignored a message from ${event.origin}`, 'ignored');
  },
});
demo.embed = embed;

wc.addEventListener('seclead-report', (e) => demo.componentReports.push(e.detail));
wc.addEventListener('seclead-change', (e) => demo.changes.push(e.detail));

async function loadExample(name) {
  const res = await fetch(`../../examples/${encodeURIComponent(name)}.json`);
  if (!res.ok) throw new Error(`examples/${name}.json: HTTP ${res.status}`);
  return res.json();
}

async function assessBoth() {
  const name = select.value;
  const profile = await loadExample(name);
  note(`load-profile → ${name}`);
  wc.profile = profile;
  embed.loadProfile(profile).catch(() => {}); // onReport / onError log the outcome
}

const initial = params.get('profile');
if (initial && [...select.options].some((o) => o.value === initial)) select.value = initial;
document.getElementById('send').addEventListener('click', () => assessBoth().catch((e) => note(String(e), 'error')));
select.addEventListener('change', () => assessBoth().catch((e) => note(String(e), 'error')));
assessBoth().catch((e) => note(String(e), 'error'));
