// seclead iframe embed: the embedded page's side of the message protocol (version 1).
//
// The frame accepts messages only from the window that embeds it (event.source ===
// window.parent) and only when event.origin is one of the allowed host origins, read from
// the page URL: frame.html?allow=https://grc.example,https://staging.grc.example (exact
// origins, comma separated; "*" and non-http(s) values are refused). Without ?allow= only
// the frame's own origin may talk to it. Everything else is dropped silently (counted in
// window.__secleadEmbed.stats.ignored for diagnostics). Replies go to event.source with
// targetOrigin = event.origin (an allowed origin), never "*".
//
// An accepted message that is not a valid protocol message gets one `error` reply
// {code, message}; a `load-profile` gets exactly one `report` or `error` reply with its id.
//
// Unsolicited `resize` {height} messages tell the host how tall the content is, so that it
// can size the iframe without a scrollbar inside its own (see scheduleSize below).
import { loadEngine } from '../web-component/seclead-assessment.js';

const PROTOCOL = 'seclead-embed';
const VERSION = 1;
const MAX_ID_LENGTH = 128;

const stats = { accepted: 0, ignored: 0, reports: 0, errors: 0 };
const view = document.querySelector('seclead-assessment');
const statusEl = document.getElementById('status');
const errorsEl = document.getElementById('errors');

export function parseAllowList(value, ownOrigin) {
  if (value === null || value === undefined) return { origins: [ownOrigin], problems: [] };
  const origins = [];
  const problems = [];
  for (const raw of String(value).split(',')) {
    const item = raw.trim();
    if (!item) continue;
    let url = null;
    try {
      url = new URL(item);
    } catch {
      /* refused below */
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== item) {
      problems.push(item);
      continue;
    }
    if (!origins.includes(item)) origins.push(item);
  }
  return { origins, problems };
}

const allow = parseAllowList(new URLSearchParams(location.search).get('allow'), location.origin);
// Diagnostics of the resize reports (kept out of `stats`, whose shape hosts may rely on).
const resize = { sent: 0, height: null };
window.__secleadEmbed = { stats, allowed: [...allow.origins], resize };
// The origin of the host once one of its messages was accepted; until then unsolicited
// messages go to each allowed origin (the browser drops copies whose origin is not the
// parent's).
let hostOrigin = null;

function setStatus(text) {
  statusEl.textContent = text;
}

function showErrors(message, errors) {
  errorsEl.replaceChildren();
  const head = document.createElement('p');
  head.textContent = message;
  errorsEl.append(head);
  if (Array.isArray(errors) && errors.length) {
    const ul = document.createElement('ul');
    for (const e of errors.slice(0, 50)) {
      const li = document.createElement('li');
      const code = document.createElement('code');
      code.textContent = String(e.path ?? '');
      li.append(code, ' ', String(e.message ?? e.code ?? ''));
      ul.append(li);
    }
    errorsEl.append(ul);
  }
  errorsEl.hidden = false;
}

let enginePromise = null;
function engine() {
  if (!enginePromise) enginePromise = loadEngine();
  return enginePromise;
}

function reply(event, type, id, payload) {
  const message = { protocol: PROTOCOL, version: VERSION, type };
  if (id !== undefined) message.id = id;
  message.payload = payload;
  event.source.postMessage(message, event.origin);
}

function replyError(event, id, code, message, errors) {
  stats.errors++;
  const payload = { code, message };
  if (errors) payload.errors = errors;
  reply(event, 'error', id, payload);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

async function handle(event) {
  const data = event.data;
  if (!isObject(data) || data.protocol !== PROTOCOL) {
    replyError(event, undefined, 'malformed', `not a ${PROTOCOL} message: expected an object with protocol "${PROTOCOL}", version, type`);
    return;
  }
  let id = data.id;
  if (id !== undefined && !((typeof id === 'string' && id.length <= MAX_ID_LENGTH) || (typeof id === 'number' && Number.isFinite(id)))) {
    replyError(event, undefined, 'malformed', `id must be a string of at most ${MAX_ID_LENGTH} characters or a finite number`);
    return;
  }
  if (data.version !== VERSION) {
    replyError(event, id, 'unsupported-version', `protocol version ${JSON.stringify(data.version) ?? 'missing'} is not supported; this frame speaks version ${VERSION}`);
    return;
  }
  if (data.payload !== undefined && !isObject(data.payload)) {
    replyError(event, id, 'malformed', 'payload must be an object');
    return;
  }
  switch (data.type) {
    case 'init': {
      let api;
      try {
        api = await engine();
      } catch (e) {
        replyError(event, id, 'engine-unavailable', 'the engine could not be loaded: ' + String(e && e.message));
        return;
      }
      reply(event, 'init', id, { ready: true, protocol: VERSION, engine: api.version ? api.version() : null });
      // A host that connected late missed the earlier reports: give it the current height.
      scheduleSize(true);
      return;
    }
    case 'load-profile': {
      const payload = data.payload || {};
      const profile = payload.profile;
      if (!isObject(profile) && typeof profile !== 'string') {
        replyError(event, id, 'malformed', 'load-profile needs payload.profile: a profile object or its JSON text');
        return;
      }
      const opts = payload.options;
      if (opts !== undefined && !isObject(opts)) {
        replyError(event, id, 'malformed', 'payload.options must be an object {explain?, overlays?}');
        return;
      }
      const options = { explain: Boolean(opts && opts.explain) };
      if (opts && opts.overlays !== undefined) {
        if (!Array.isArray(opts.overlays) || opts.overlays.some((o) => typeof o !== 'string')) {
          replyError(event, id, 'malformed', 'payload.options.overlays must be an array of JSON texts');
          return;
        }
        options.overlays = opts.overlays;
      }
      let api;
      try {
        api = await engine();
      } catch (e) {
        replyError(event, id, 'engine-unavailable', 'the engine could not be loaded: ' + String(e && e.message));
        return;
      }
      setStatus('Assessing…');
      let report;
      try {
        report = api.assess(profile, options);
        if (typeof report === 'string') report = JSON.parse(report);
      } catch (e) {
        const errors = e && Array.isArray(e.errors) ? e.errors : undefined;
        setStatus('');
        showErrors('The input was rejected:', errors);
        view.report = null;
        if (errors) {
          const overlay = errors.some((x) => x && typeof x.input === 'string' && x.input.startsWith('overlay'));
          const what = overlay ? 'an overlay' : 'the profile';
          replyError(event, id, overlay ? 'invalid-overlay' : 'invalid-profile', `${what} is invalid (${errors.length} problem${errors.length === 1 ? '' : 's'})`, errors);
        } else {
          replyError(event, id, 'internal', 'the assessment failed: ' + String(e && e.message));
        }
        return;
      }
      errorsEl.hidden = true;
      const org = isObject(profile) && isObject(profile.organization) ? profile.organization.name : undefined;
      setStatus(typeof org === 'string' ? `Assessment for ${org}` : 'Assessment');
      view.report = report;
      stats.reports++;
      reply(event, 'report', id, { report });
      return;
    }
    case 'report':
    case 'error':
    case 'resize':
      replyError(event, id, 'unexpected-type', `"${data.type}" is sent by the frame, not to it`);
      return;
    default:
      replyError(event, id, 'unknown-type', `unknown message type ${JSON.stringify(data.type) ?? 'missing'}; expected init or load-profile`);
  }
}

window.addEventListener('message', (event) => {
  if (event.source !== window.parent || window.parent === window || !allow.origins.includes(event.origin)) {
    stats.ignored++;
    return;
  }
  stats.accepted++;
  hostOrigin = event.origin;
  handle(event).catch((e) => {
    try {
      replyError(event, undefined, 'internal', String(e && e.message));
    } catch {
      /* nothing more we can do */
    }
  });
});

function postToHost(message) {
  for (const origin of hostOrigin ? [hostOrigin] : allow.origins) window.parent.postMessage(message, origin);
}

// The content's height in CSS pixels: the root element's box (auto height, so it follows
// the content and not the iframe's viewport; scrollHeight would never shrink below the
// viewport), plus a horizontal scrollbar if wide content shows one.
function contentHeight() {
  const root = document.documentElement;
  const scrollbar = root.scrollWidth > root.clientWidth ? Math.max(0, window.innerHeight - root.clientHeight) : 0;
  return Math.ceil(root.getBoundingClientRect().height + scrollbar);
}

// Measures at most once per animation frame (however many resizes happened since) and posts
// only a height that differs from the last one sent, unless `force`.
let sizeFrame = 0;
let forceSize = false;
function scheduleSize(force = false) {
  forceSize ||= force;
  if (sizeFrame) return;
  sizeFrame = requestAnimationFrame(() => {
    sizeFrame = 0;
    const height = contentHeight();
    if (height === resize.height && !forceSize) return;
    forceSize = false;
    resize.height = height;
    resize.sent++;
    postToHost({ protocol: PROTOCOL, version: VERSION, type: 'resize', payload: { height } });
  });
}

if (window.parent === window) {
  setStatus('This page is meant to be embedded in an iframe by a host page (see plugins/README.md).');
} else if (!allow.origins.length) {
  showErrors('No valid host origin in ?allow=; this frame will ignore every message.', allow.problems.map((p) => ({ path: '?allow', message: `refused origin "${p}"` })));
} else {
  setStatus('Waiting for a profile…');
  // Its first callback reports the initial height; later ones every change of the content.
  if (typeof ResizeObserver === 'function') new ResizeObserver(() => scheduleSize()).observe(document.documentElement);
  // Announce readiness to the embedding page, addressed to each allowed origin only (the
  // browser drops the copies whose origin does not match the parent's).
  engine().then(
    (api) => {
      for (const origin of allow.origins) {
        window.parent.postMessage({ protocol: PROTOCOL, version: VERSION, type: 'init', payload: { ready: true, protocol: VERSION, engine: api.version ? api.version() : null } }, origin);
      }
    },
    (e) => showErrors('The engine could not be loaded: ' + String(e && e.message)),
  );
}
