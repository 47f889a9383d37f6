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
//   });
//   const report = await embed.loadProfile(profile);   // also resolves/rejects per call
//   embed.destroy();
//
// Protocol (version 1; see plugins/README.md): every message is
//   { protocol: "seclead-embed", version: 1, type: "init"|"load-profile"|"report"|"error",
//     id?: string|number, payload?: object }
// The host only accepts messages whose event.origin equals `allowedOrigin` AND whose
// event.source is this iframe's window; it only ever posts with targetOrigin =
// `allowedOrigin` (never "*").

export const PROTOCOL = 'seclead-embed';
export const PROTOCOL_VERSION = 1;

const HANDSHAKE_INTERVAL_MS = 200;
const HANDSHAKE_ATTEMPTS = 100; // 20 s

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

/**
 * Connects to a seclead frame.
 * @param {HTMLIFrameElement} iframe
 * @param {{allowedOrigin: string, onReport?: Function, onError?: Function, onReady?: Function,
 *          onIgnored?: Function}} options
 *   onReady(info): the frame answered the init handshake (info: {engine, protocol}).
 *   onIgnored(event): a message was dropped (wrong origin or source, not this protocol);
 *   for diagnostics only.
 * @returns {{ loadProfile(profile: object|string, options?: {explain?: boolean,
 *             overlays?: string[]}): Promise<object>, ready: Promise<object>, destroy(): void }}
 */
export function mount(iframe, options = {}) {
  if (!iframe || typeof iframe !== 'object' || !('contentWindow' in iframe)) {
    throw new TypeError('seclead embed: mount() needs an <iframe> element');
  }
  const allowedOrigin = checkOrigin(options.allowedOrigin);
  const { onReport, onError, onReady, onIgnored } = options;
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
    } else {
      call(onIgnored, event);
    }
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
