// seclead iframe embed: the host SDK (self-contained ES module, no dependencies).
//
//   import { mount } from './host.js';
//   const iframe = document.querySelector('iframe#seclead');
//   // iframe.src = 'https://seclead.example/plugins/embed/frame.html?allow=' +
//   //              encodeURIComponent(location.origin);
//   const embed = mount(iframe, {
//     allowedOrigin: 'https://seclead.example',     // the frame's origin, exactly
//     onReport: (report, id) => { ... },
//     onError: (error, id) => { ... },              // {code, message, errors?}
//     onResize: (height) => { ... },                // optional: the content's height in px
//     autoResize: true,                             // default: the SDK sets iframe's height
//   });
//   const report = await embed.loadProfile(profile);   // also resolves/rejects per call
//   embed.destroy();
//
// Protocol (version 1; see plugins/README.md): every message is
//   { protocol: "seclead-embed", version: 1,
//     type: "init"|"load-profile"|"report"|"error"|"resize",
//     id?: string|number, payload?: object }
// The host only accepts messages whose event.origin equals `allowedOrigin` AND whose
// event.source is this iframe's window; it only ever posts with targetOrigin =
// `allowedOrigin` (never "*").

export const PROTOCOL = 'seclead-embed';
export const PROTOCOL_VERSION = 1;

const HANDSHAKE_INTERVAL_MS = 200;
const HANDSHAKE_ATTEMPTS = 100; // 20 s
// A content height beyond this is not a page anyone scrolls through but a bug or an attack
// on the host's layout: such a `resize` is ignored.
export const MAX_RESIZE_HEIGHT = 100000;

function checkOrigin(origin) {
  if (typeof origin !== 'string' || origin === '*' || origin === 'null') {
    throw new TypeError('seclead embed: allowedOrigin must be one exact origin such as "https://seclead.example"');
  }
  let url;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(`seclead embed: allowedOrigin "${origin}" is not a URL origin`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
    throw new TypeError(`seclead embed: allowedOrigin "${origin}" must be an http(s) origin without path, e.g. "${url.origin}"`);
  }
  return origin;
}

function isMessage(data) {
  return (
    data !== null &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    data.protocol === PROTOCOL &&
    data.version === PROTOCOL_VERSION &&
    typeof data.type === 'string'
  );
}

// The height of a `resize` payload in CSS pixels (rounded up), or null if it is not one.
function resizeHeight(payload) {
  const height = payload !== null && typeof payload === 'object' ? payload.height : undefined;
  if (typeof height !== 'number' || !Number.isFinite(height) || height < 0 || height > MAX_RESIZE_HEIGHT) return null;
  return Math.ceil(height);
}

/**
 * Connects to a seclead frame.
 * @param {HTMLIFrameElement} iframe
 * @param {{allowedOrigin: string, onReport?: Function, onError?: Function, onReady?: Function,
 *          onResize?: Function, onIgnored?: Function, autoResize?: boolean}} options
 *   onReady(info): the frame answered the init handshake (info: {engine, protocol}).
 *   onResize(height): the frame's content is now `height` CSS pixels tall (called when it
 *   changes). With autoResize (default true) the SDK has set the iframe's height to fit it.
 *   onIgnored(event): a message was dropped (wrong origin or source, not this protocol);
 *   for diagnostics only; also a `resize` whose height is not a number in 0..100000.
 * @returns {{ loadProfile(profile: object|string, options?: {explain?: boolean,
 *             overlays?: string[]}): Promise<object>, ready: Promise<object>, destroy(): void }}
 */
export function mount(iframe, options = {}) {
  if (!iframe || typeof iframe !== 'object' || !('contentWindow' in iframe)) {
    throw new TypeError('seclead embed: mount() needs an <iframe> element');
  }
  const allowedOrigin = checkOrigin(options.allowedOrigin);
  const { onReport, onError, onReady, onResize, onIgnored } = options;
  const autoResize = options.autoResize !== false;
  let lastHeight = null;
  const pending = new Map(); // id -> {resolve, reject, message}: sent or waiting, unanswered
  let nextId = 1;
  let ready = false;
  let destroyed = false;
  let attempts = 0;
  let timer = 0;
  let resolveReady;
  let rejectReady;
  const readyPromise = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  readyPromise.catch(() => {});

  const call = (fn, ...args) => {
    if (typeof fn !== 'function') return;
    try {
      fn(...args);
    } catch (e) {
      setTimeout(() => {
        throw e;
      });
    }
  };

  function post(message) {
    const target = iframe.contentWindow;
    if (!target) return false;
    target.postMessage(message, allowedOrigin);
    return true;
  }

  function handshake() {
    if (ready || destroyed) return;
    if (attempts++ >= HANDSHAKE_ATTEMPTS) {
      const error = { code: 'timeout', message: 'the seclead frame did not answer the init handshake' };
      rejectReady(Object.assign(new Error(error.message), error));
      for (const p of pending.values()) p.reject(Object.assign(new Error(error.message), error));
      pending.clear();
      call(onError, error, undefined);
      return;
    }
    post({ protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'init', id: 'init', payload: { sdk: 'seclead-embed-host' } });
    timer = setTimeout(handshake, HANDSHAKE_INTERVAL_MS);
  }

  function onMessage(event) {
    if (destroyed) return;
    if (event.origin !== allowedOrigin || event.source !== iframe.contentWindow || !isMessage(event.data)) {
      call(onIgnored, event);
      return;
    }
    const { type, id, payload } = event.data;
    if (type === 'init') {
      if (!ready) {
        ready = true;
        clearTimeout(timer);
        const info = payload && typeof payload === 'object' ? payload : {};
        resolveReady(info);
        call(onReady, info);
        for (const p of pending.values()) post(p.message);
      } else if (id === undefined) {
        // The frame announced itself again: it was reloaded. Requests sent meanwhile may be
        // lost, so every unanswered one is sent again (a duplicate answer is dropped below).
        for (const p of pending.values()) post(p.message);
      }
    } else if (type === 'report') {
      const p = pending.get(id);
      if (!p) {
        call(onIgnored, event); // not a reply to an open request (e.g. a duplicate)
        return;
      }
      pending.delete(id);
      const report = payload && typeof payload === 'object' ? payload.report : undefined;
      p.resolve(report);
      call(onReport, report, id);
    } else if (type === 'error') {
      if (id !== undefined && id !== 'init' && !pending.has(id)) {
        call(onIgnored, event);
        return;
      }
      const error = {
        code: payload && typeof payload.code === 'string' ? payload.code : 'internal',
        message: payload && typeof payload.message === 'string' ? payload.message : 'unknown error',
      };
      if (payload && Array.isArray(payload.errors)) error.errors = payload.errors;
      const p = pending.get(id);
      pending.delete(id);
      if (p) p.reject(Object.assign(new Error(error.message), error));
      call(onError, error, id);
    } else if (type === 'resize') {
      const height = resizeHeight(payload);
      if (height === null) {
        call(onIgnored, event);
        return;
      }
      if (autoResize) setIframeHeight(height);
      if (height !== lastHeight) {
        lastHeight = height;
        call(onResize, height);
      }
    } else {
      call(onIgnored, event);
    }
  }

  // The frame's viewport must get `height`: CSS height is the content box's, except with
  // box-sizing: border-box in the host's CSS, where the iframe's borders and padding count.
  function setIframeHeight(height) {
    let extra = 0;
    const style = getComputedStyle(iframe);
    if (style.boxSizing === 'border-box') {
      for (const p of ['borderTopWidth', 'borderBottomWidth', 'paddingTop', 'paddingBottom']) extra += parseFloat(style[p]) || 0;
    }
    iframe.style.height = `${height + extra}px`;
  }

  window.addEventListener('message', onMessage);
  iframe.addEventListener('load', onLoad);
  function onLoad() {
    if (!ready && !destroyed) {
      clearTimeout(timer);
      attempts = 0;
      handshake();
    }
  }
  handshake();

  return {
    ready: readyPromise,
    loadProfile(profile, loadOptions = undefined) {
      if (destroyed) return Promise.reject(new Error('seclead embed: destroyed'));
      const id = 'p' + nextId++;
      const payload = { profile };
      if (loadOptions) payload.options = loadOptions;
      const message = { protocol: PROTOCOL, version: PROTOCOL_VERSION, type: 'load-profile', id, payload };
      const promise = new Promise((resolve, reject) => pending.set(id, { resolve, reject, message }));
      try {
        if (ready) post(message); // else sent when the handshake completes
        else structuredClone(message); // fail now, not later, on what postMessage cannot carry
      } catch (e) {
        const p = pending.get(id);
        pending.delete(id);
        p.reject(Object.assign(new Error('seclead embed: the profile cannot be sent: ' + e.message), { code: 'malformed' }));
      }
      return promise;
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(timer);
      window.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', onLoad);
      const error = Object.assign(new Error('seclead embed: destroyed'), { code: 'destroyed' });
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      rejectReady(error);
    },
  };
}
