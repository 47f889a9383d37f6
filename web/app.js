// seclead offline page: a wizard rendered from the engine's questionnaire(), answers autosaved
// in localStorage, the assessment run in a Web Worker (main thread if workers are unavailable),
// and the report drawn with plain DOM and SVG. Every user-provided text is inserted as text
// (textContent / createTextNode); markup is never built from strings.
/* global createSecleadEngine, bindEngine, SecleadError */
(function () {
  'use strict';

  var STORAGE_KEY = 'seclead.page.v1';
  var SVGNS = 'http://www.w3.org/2000/svg';

  // ---------------------------------------------------------------- small DOM helpers
  function $(id) { return document.getElementById(id); }
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) continue;
        if (k === 'text') el.textContent = v;
        else if (k === 'className') el.className = v;
        else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
        else if (v === true) el.setAttribute(k, '');
        else el.setAttribute(k, String(v));
      }
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    if (typeof child === 'string' || typeof child === 'number') el.appendChild(document.createTextNode(String(child)));
    else el.appendChild(child);
  }
  function s(tag, attrs) {
    var el = document.createElementNS(SVGNS, tag);
    for (var k in attrs || {}) {
      if (k === 'text') el.textContent = attrs[k];
      else el.setAttribute(k, String(attrs[k]));
    }
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) el.appendChild(arguments[i]);
    return el;
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }
  function setStatus(text) { $('status').textContent = text; }

  // ---------------------------------------------------------------- engine (main thread + worker)
  var api = null;          // main-thread engine: questionnaire, validate, render
  var worker = null;       // assessment worker (Blob URL), null if unavailable
  var workerCalls = {};
  var workerSeq = 0;
  var engineMode = 'main thread';

  // The wasm bytes: gzip + base64 in a non-executed element (see web/build.mjs), or none
  // when the glue still carries its own data: URI.
  var wasmBinary = null;
  function loadWasmBytes() {
    var el = $('seclead-wasm');
    var b64 = el ? el.textContent.trim() : '';
    if (!b64) return Promise.resolve(null);
    var bin = atob(b64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer();
  }
  function moduleOptions() { return wasmBinary ? { wasmBinary: wasmBinary } : {}; }

  function startWorker() {
    try {
      var engineText = $('seclead-engine').textContent;
      var workerText = $('seclead-worker').textContent;
      var url = URL.createObjectURL(new Blob([engineText, '\n', workerText], { type: 'text/javascript' }));
      var w = new Worker(url);
      w.onmessage = function (e) {
        var call = workerCalls[e.data.id];
        if (!call) return;
        delete workerCalls[e.data.id];
        if (e.data.ok) call.resolve(e.data.result);
        else call.reject(e.data.error);
      };
      w.onerror = function (e) {
        if (e && e.preventDefault) e.preventDefault();
        worker = null;
        engineMode = 'main thread';
        Object.keys(workerCalls).forEach(function (id) {
          workerCalls[id].retry();
          delete workerCalls[id];
        });
      };
      w.postMessage({ init: true, wasmBinary: wasmBinary ? wasmBinary.slice(0) : null });
      worker = w;
      engineMode = 'web worker';
    } catch (e) {
      worker = null;
    }
  }

  function mainCall(method, args) {
    return new Promise(function (resolve, reject) {
      try { resolve(api[method].apply(null, args)); } catch (e) {
        reject({ name: e.name, message: e.message, code: e.code, errors: e.errors });
      }
    });
  }

  // assess() off the main thread when possible; the same call on the main thread otherwise.
  function assessCall(profile, options) {
    var args = [profile, options];
    if (!worker) return mainCall('assess', args);
    return new Promise(function (resolve, reject) {
      var id = ++workerSeq;
      workerCalls[id] = {
        resolve: resolve, reject: reject,
        retry: function () { mainCall('assess', args).then(resolve, reject); },
      };
      worker.postMessage({ id: id, method: 'assess', args: args });
    });
  }

  function engineErrors(err) {
    if (err && Array.isArray(err.errors)) return err.errors;
    return [{ path: '', code: (err && err.code) || 'syntax', message: String((err && err.message) || err) }];
  }

  // ---------------------------------------------------------------- questionnaire model
  var Q = null;
  var questions = [];      // flat, in order
  var byId = {};
  var byPointer = {};
  var sectionIndexOf = {};
  var countryLabels = {};

  function indexQuestionnaire() {
    questions = [];
    Q.sections.forEach(function (sec, si) {
      sec.questions.forEach(function (q) {
        questions.push(q);
        byId[q.id] = q;
        byPointer[q.pointer] = q;
        sectionIndexOf[q.id] = si;
      });
    });
    (Q.countries || []).forEach(function (c) { countryLabels[c.value] = c.label; });
  }

  // ---------------------------------------------------------------- state and autosave
  // state.answers[qid]: the raw answer as typed (strings for numbers, so a typo is shown
  // back and reported by the engine instead of being silently dropped).
  var state = null;

  function freshState() {
    var st = { answers: {}, unknown: {}, touched: {}, step: 0, extra: {}, overlays: [], view: 'wizard' };
    questions.forEach(function (q) {
      if (q.default === undefined) return;
      st.answers[q.id] = defaultAnswer(q);
    });
    return st;
  }

  function defaultAnswer(q) {
    var d = q.default;
    switch (q.type) {
      case 'integer': case 'number': return String(d);
      case 'country-list': return d.join(', ');
      case 'roles': return d.map(function (r) { return Object.assign({}, r, { fte: r.fte === undefined ? '' : String(r.fte) }); });
      default: return JSON.parse(JSON.stringify(d));
    }
  }

  function save() {
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* storage full or disabled */ }
  }

  function load() {
    try {
      var text = localStorage.getItem(STORAGE_KEY);
      if (!text) return null;
      var st = JSON.parse(text);
      if (!st || typeof st.answers !== 'object') return null;
      st.unknown = st.unknown || {};
      st.touched = st.touched || {};
      st.extra = st.extra || {};
      st.overlays = st.overlays || [];
      st.step = Math.min(Math.max(0, st.step | 0), Q.sections.length - 1);
      return st;
    } catch (e) { return null; }
  }

  // ---------------------------------------------------------------- answers <-> profile
  function getAt(obj, pointer) {
    var parts = pointer.split('/').slice(1);
    var cur = obj;
    for (var i = 0; i < parts.length; i++) {
      if (cur === null || typeof cur !== 'object' || !(parts[i] in cur)) return undefined;
      cur = cur[parts[i]];
    }
    return cur;
  }
  function setAt(obj, pointer, value) {
    var parts = pointer.split('/').slice(1);
    var cur = obj;
    for (var i = 0; i < parts.length - 1; i++) {
      if (typeof cur[parts[i]] !== 'object' || cur[parts[i]] === null) cur[parts[i]] = {};
      cur = cur[parts[i]];
    }
    cur[parts[parts.length - 1]] = value;
  }

  function parseNumber(text, integer) {
    var t = String(text).trim().replace(/[\s,_']/g, '');
    if (t === '') return undefined;
    if (integer ? /^-?\d+$/.test(t) : /^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    return String(text).trim();  // the engine reports it as the wrong type, in words
  }

  function splitCodes(text) {
    return String(text || '').split(/[\s,;]+/).map(function (c) { return c.trim().toUpperCase(); }).filter(Boolean);
  }

  // The profile value a question's answer stands for (undefined: leave the field out).
  function answerValue(q) {
    if (state.unknown[q.id]) return undefined;
    var a = state.answers[q.id];
    if (a === undefined || a === null) return undefined;
    switch (q.type) {
      case 'text': return String(a).trim() === '' ? undefined : String(a);
      case 'integer': return parseNumber(a, true);
      case 'number': return parseNumber(a, false);
      case 'boolean': return typeof a === 'boolean' ? a : undefined;
      case 'enum': return a === '' ? undefined : a;
      case 'multi-enum': return Array.isArray(a) ? a.slice() : undefined;
      case 'country-list': return splitCodes(a);
      case 'money': {
        if (!a || String(a.amount === undefined ? '' : a.amount).trim() === '') return undefined;
        return { amount: parseNumber(a.amount, false), currency: a.currency || Q.defaultCurrency || 'USD' };
      }
      case 'roles': {
        if (!Array.isArray(a) || a.length === 0) return undefined;
        return a.map(function (r) {
          var out = { id: r.id, role: r.role };
          if (r.reportsTo) out.reportsTo = r.reportsTo;
          if (r.employment) out.employment = r.employment;
          var fte = parseNumber(r.fte === undefined ? '' : r.fte, false);
          if (fte !== undefined) out.fte = fte;
          if (Array.isArray(r.alsoActsAs) && r.alsoActsAs.length) out.alsoActsAs = r.alsoActsAs.slice();
          return out;
        });
      }
    }
    return a;
  }

  // Skip logic. {all|any|not} of {pointer, in | countryIn}, evaluated on the profile so far.
  function evalCondition(c, profile) {
    if (c.all) return c.all.every(function (x) { return evalCondition(x, profile); });
    if (c.any) return c.any.some(function (x) { return evalCondition(x, profile); });
    if (c.not) return !evalCondition(c.not, profile);
    var v = getAt(profile, c.pointer);
    if (v === undefined) return false;
    var values = Array.isArray(v) ? v : [v];
    if (c.in) return values.some(function (x) { return c.in.indexOf(x) >= 0; });
    if (c.countryIn) return values.some(function (x) { return c.countryIn.indexOf(String(x).split('-')[0]) >= 0; });
    return false;
  }

  function isVisible(q, profile) { return !q.visibleWhen || evalCondition(q.visibleWhen, profile); }

  // Builds the profile in questionnaire order, so conditions see the answers before them.
  function buildProfile() {
    var profile = { schema: 'seclead.profile/1' };
    questions.forEach(function (q) {
      var value;
      if (isVisible(q, profile)) value = answerValue(q);
      else if (q.whenHidden !== undefined) value = JSON.parse(JSON.stringify(q.whenHidden));
      if (value !== undefined) setAt(profile, q.pointer, value);
    });
    for (var key in state.extra) profile[key] = state.extra[key];
    return profile;
  }

  // An imported profile becomes answers; fields no question covers are kept as they are.
  function answersFromProfile(profile) {
    var st = freshState();
    st.answers = {};
    st.fromProfile = true;  // every answer below is the profile's own
    questions.forEach(function (q) {
      var v = getAt(profile, q.pointer);
      if (v === undefined) {
        if (q.allowUnknown) st.unknown[q.id] = true;
        return;
      }
      switch (q.type) {
        case 'integer': case 'number': st.answers[q.id] = String(v); break;
        case 'country-list': st.answers[q.id] = v.join(', '); break;
        case 'money': st.answers[q.id] = { amount: String(v.amount), currency: v.currency }; break;
        case 'roles': st.answers[q.id] = v.map(function (r) {
          return Object.assign({}, r, { fte: r.fte === undefined ? '' : String(r.fte) });
        }); break;
        default: st.answers[q.id] = JSON.parse(JSON.stringify(v));
      }
    });
    var covered = {};
    questions.forEach(function (q) { covered[q.pointer.split('/')[1]] = true; });
    for (var key in profile) if (key !== 'schema' && !covered[key]) st.extra[key] = profile[key];
    return st;
  }

  // ---------------------------------------------------------------- validation messages
  var CODE_WORDS = {
    syntax: 'Not readable', type: 'Wrong kind of answer', range: 'Out of range', enum: 'Not one of the choices',
    required: 'Required', 'unknown-field': 'Not a known field', reference: 'Refers to something missing',
    limit: 'Too large', 'schema-version': 'Wrong profile version',
  };
  function inWords(err) {
    var lead = CODE_WORDS[err.code] || 'Problem';
    return lead + ': ' + err.message;
  }
  // The question an error belongs to: the one whose pointer is the longest prefix of its path.
  function questionForPath(path) {
    var best = null;
    questions.forEach(function (q) {
      if (path === q.pointer || path.indexOf(q.pointer + '/') === 0) {
        if (!best || q.pointer.length > best.pointer.length) best = q;
      }
    });
    return best;
  }

  var lastErrors = [];
  function runValidate() {
    lastErrors = validateErrors(buildProfile());
    return lastErrors;
  }

  // validate() returns {valid:false, errors} for an invalid profile; it throws only when
  // the engine itself fails.
  function validateErrors(profile) {
    try {
      // Against the knowledge as the assessment will merge it: an imported profile may assign
      // a responsibility that a loaded overlay adds.
      var overlays = state.overlays.map(function (o) { return o.text; });
      var r = api.validate(profile, overlays.length ? { overlays: overlays } : undefined);
      return r && r.valid === false ? r.errors || [] : [];
    } catch (e) {
      return engineErrors(e);
    }
  }

  function showFieldErrors(onlySection) {
    var sec = Q.sections[state.step];
    var byQ = {};
    var other = [];
    lastErrors.forEach(function (err) {
      var q = questionForPath(err.path || '');
      if (q) (byQ[q.id] = byQ[q.id] || []).push(err);
      else other.push(err);
    });
    sec.questions.forEach(function (q) {
      var box = $('err-' + q.id);
      if (!box) return;
      clear(box);
      var list = (state.touched[q.id] || onlySection) ? byQ[q.id] || [] : [];
      var input = document.querySelector('[data-q="' + q.id + '"]');
      if (input) input.setAttribute('aria-invalid', list.length ? 'true' : 'false');
      list.forEach(function (err) {
        var where = err.path !== q.pointer ? ' (' + describePath(q, err.path) + ')' : '';
        box.appendChild(h('p', { text: inWords(err) + where }));
      });
      box.hidden = list.length === 0;
    });
    var sbox = $('section-errors');
    clear(sbox);
    if (onlySection && other.length) {
      sbox.appendChild(h('p', { text: 'The engine found problems outside these questions:' }));
      sbox.appendChild(h('ul', null, other.map(function (e) { return h('li', { text: (e.path || 'profile') + ': ' + inWords(e) }); })));
    }
    sbox.hidden = !(onlySection && other.length);
    return sec.questions.some(function (q) { return isVisible(q, buildProfile()) && (byQ[q.id] || []).length; });
  }

  function describePath(q, path) {
    var rest = path.slice(q.pointer.length + 1).split('/');
    if (q.type === 'roles' && rest[0] !== '') {
      var n = Number(rest[0]) + 1;
      var f = (q.fields || []).filter(function (x) { return x.field === rest[1]; })[0];
      return 'person ' + n + (f ? ', ' + f.label : '');
    }
    return rest.join(' ');
  }

  // ---------------------------------------------------------------- wizard rendering
  function renderSteps() {
    var ol = clear($('steps'));
    Q.sections.forEach(function (sec, i) {
      var current = i === state.step;
      var btn = h('button', {
        type: 'button', className: 'step' + (current ? ' current' : '') + (i < state.step ? ' done' : ''),
        'aria-current': current ? 'step' : null,
        onclick: function () { goTo(i); },
      }, h('span', { className: 'num', text: String(i + 1) }), h('span', { className: 'label', text: sec.title }));
      ol.appendChild(h('li', null, btn));
    });
    updateProgress(buildProfile());
  }

  // Progress counts answers, not steps. A visible question counts when it has an answer or an
  // explicit "I don't know" that came from the user (typed, or accepted with Next: a default
  // nobody looked at is not an answer) or from an imported profile.
  function updateProgress(profile) {
    var shown = 0, answered = 0;
    questions.forEach(function (q) {
      if (!isVisible(q, profile)) return;
      shown++;
      var given = state.fromProfile || state.touched[q.id];
      if (given && (state.unknown[q.id] || answerValue(q) !== undefined)) answered++;
    });
    var pct = shown ? Math.round((answered / shown) * 100) : 0;
    $('bar-fill').style.width = pct + '%';
    $('progress-text').textContent = 'Section ' + (state.step + 1) + ' of ' + Q.sections.length + ' · ' +
      answered + ' of ' + shown + ' questions answered';
  }

  function renderSection(focus) {
    var sec = Q.sections[state.step];
    $('section-title').textContent = sec.title;
    $('section-intro').textContent = sec.intro || '';
    var box = clear($('questions'));
    sec.questions.forEach(function (q) { box.appendChild(renderQuestion(q)); });
    $('btn-back').disabled = state.step === 0;
    $('btn-next').textContent = state.step === Q.sections.length - 1 ? 'See my report' : 'Next';
    renderSteps();
    applyVisibility();
    performance.mark('seclead-section-drawn');
    runValidate();
    showFieldErrors(false);
    if (focus) $('section-title').focus();
  }

  // Shows the current section's questions whose conditions hold; returns the profile it judged.
  function applyVisibility() {
    var profile = buildProfile();
    Q.sections[state.step].questions.forEach(function (q) {
      var el = $('q-' + q.id);
      if (el) el.hidden = !isVisible(q, profile);
    });
    return profile;
  }

  function onChange(q) {
    state.touched[q.id] = true;
    save();
    updateProgress(applyVisibility());
    scheduleValidate();
  }

  var validateTimer = 0;
  function scheduleValidate() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(function () { runValidate(); showFieldErrors(false); }, 250);
  }

  function helpFor(q) {
    return h('p', { className: 'help', id: 'help-' + q.id },
      q.help + ' ', h('span', { className: 'source', text: 'Source: ' + q.source }));
  }

  function unknownToggle(q, controls) {
    if (!q.allowUnknown) return null;
    var cb = h('input', { type: 'checkbox', id: 'unk-' + q.id, 'data-unknown': q.id });
    cb.checked = !!state.unknown[q.id];
    function sync() {
      controls.forEach(function (c) { c.disabled = cb.checked; });
    }
    cb.addEventListener('change', function () {
      if (cb.checked) state.unknown[q.id] = true; else delete state.unknown[q.id];
      sync();
      onChange(q);
    });
    setTimeout(sync, 0);
    return h('label', { className: 'unknown', for: 'unk-' + q.id }, cb, " I don't know");
  }

  function renderQuestion(q) {
    var id = 'in-' + q.id;
    var controls = [];
    var body;
    var wrap = h('div', { className: 'question', id: 'q-' + q.id });
    var describedBy = 'help-' + q.id + ' err-' + q.id;
    var answer = state.answers[q.id];
    function set(v) { state.answers[q.id] = v; onChange(q); }

    if (q.type === 'enum' || q.type === 'boolean' || (q.type === 'integer' && q.options)) {
      var opts = q.type === 'boolean' ? [{ value: true, label: 'Yes' }, { value: false, label: 'No' }] : q.options;
      if (q.type === 'enum' && opts.length > 6) {
        var sel = h('select', { id: id, 'data-q': q.id, 'aria-describedby': describedBy },
          h('option', { value: '', text: 'Choose…' }),
          opts.map(function (o) { return h('option', { value: o.value, text: o.label }); }));
        sel.value = answer === undefined ? '' : answer;
        sel.addEventListener('change', function () { set(sel.value); });
        controls.push(sel);
        body = [h('label', { className: 'q-label', for: id, text: q.label }), sel];
      } else {
        var fs = h('fieldset', { className: 'choices', 'aria-describedby': describedBy, 'data-q': q.id });
        fs.appendChild(h('legend', { className: 'q-label', text: q.label }));
        var row = h('div', { className: 'choice-row' });
        opts.forEach(function (o, i) {
          var rid = id + '-' + i;
          var r = h('input', { type: 'radio', name: id, id: rid, value: String(o.value) });
          r.checked = answer !== undefined && String(answer) === String(o.value);
          r.addEventListener('change', function () {
            var v = q.type === 'boolean' ? o.value : q.type === 'integer' ? String(o.value) : o.value;
            set(v);
          });
          controls.push(r);
          row.appendChild(h('label', { className: 'choice', for: rid }, r, h('span', { text: o.label })));
        });
        fs.appendChild(row);
        body = [fs];
      }
    } else if (q.type === 'multi-enum') {
      var fs2 = h('fieldset', { className: 'choices', 'aria-describedby': describedBy, 'data-q': q.id });
      fs2.appendChild(h('legend', { className: 'q-label', text: q.label }));
      var row2 = h('div', { className: 'choice-row wrap' });
      var current = Array.isArray(answer) ? answer : [];
      q.options.forEach(function (o, i) {
        var cid = id + '-' + i;
        var c = h('input', { type: 'checkbox', id: cid, value: o.value });
        c.checked = current.indexOf(o.value) >= 0;
        c.addEventListener('change', function () {
          var list = Array.isArray(state.answers[q.id]) ? state.answers[q.id].slice() : [];
          var at = list.indexOf(o.value);
          if (c.checked && at < 0) list.push(o.value);
          if (!c.checked && at >= 0) list.splice(at, 1);
          set(list);
        });
        controls.push(c);
        row2.appendChild(h('label', { className: 'choice', for: cid }, c, h('span', { text: o.label })));
      });
      fs2.appendChild(row2);
      body = [fs2];
    } else if (q.type === 'money') {
      var m = answer || { amount: '', currency: Q.defaultCurrency || 'USD' };
      var amt = h('input', { id: id, type: 'text', inputmode: 'decimal', className: 'amount', 'data-q': q.id,
        'aria-describedby': describedBy, placeholder: 'amount, e.g. 2500000' });
      amt.value = m.amount === undefined ? '' : m.amount;
      var cur = h('select', { id: id + '-currency', 'aria-label': q.label + ' currency' },
        (Q.currencies || ['USD']).map(function (c) { return h('option', { value: c, text: c }); }));
      cur.value = m.currency || Q.defaultCurrency || 'USD';
      function setMoney() { set({ amount: amt.value, currency: cur.value }); }
      amt.addEventListener('input', setMoney);
      cur.addEventListener('change', setMoney);
      controls.push(amt, cur);
      body = [h('label', { className: 'q-label', for: id, text: q.label }), h('div', { className: 'money' }, amt, cur)];
    } else if (q.type === 'roles') {
      body = [h('h2', { className: 'q-label', text: q.label }), renderRoles(q, controls)];
    } else {
      var isNum = q.type === 'integer' || q.type === 'number';
      var inp = h('input', {
        id: id, type: 'text', 'data-q': q.id, 'aria-describedby': describedBy,
        className: isNum ? null : 'wide',  // names and country lists need room; numbers do not
        inputmode: isNum ? 'numeric' : null, maxlength: q.maxLength || null, placeholder: q.placeholder || null,
        list: q.type === 'country-list' ? 'countries-list' : null,
        'aria-required': !q.allowUnknown ? 'true' : null,
      });
      inp.value = answer === undefined ? '' : answer;
      inp.addEventListener('input', function () { set(inp.value); if (echo) updateEcho(); });
      controls.push(inp);
      var echo = null;
      function updateEcho() {
        var names = splitCodes(inp.value).map(function (c) { return countryLabels[c] || c; });
        echo.textContent = names.length ? 'Read as: ' + names.join(', ') : '';
      }
      if (q.type === 'country-list') { echo = h('p', { className: 'echo', 'aria-live': 'polite' }); updateEcho(); }
      body = [h('label', { className: 'q-label', for: id, text: q.label }), inp, echo];
    }
    append(wrap, body);
    append(wrap, unknownToggle(q, controls));
    wrap.appendChild(helpFor(q));
    wrap.appendChild(h('div', { className: 'field-error', id: 'err-' + q.id, hidden: true }));
    return wrap;
  }

  function renderRoles(q, controls) {
    var box = h('div', { className: 'roles', 'data-q': q.id });
    var list = Array.isArray(state.answers[q.id]) ? state.answers[q.id] : [];
    var fieldOf = {};
    (q.fields || []).forEach(function (f) { fieldOf[f.field] = f; });
    var roleOptions = fieldOf.role.options;
    function roleLabel(id) {
      var o = roleOptions.filter(function (x) { return x.value === id; })[0];
      return o ? o.label : id;
    }
    function commit() { state.answers[q.id] = list; onChange(q); }
    function rerender() {
      var focusKey = document.activeElement && document.activeElement.id;
      var fresh = renderRoles(q, []);
      box.replaceWith(fresh);
      var f = focusKey && $(focusKey);
      if (f) f.focus();
    }
    var table = h('div', { className: 'role-list' });
    list.forEach(function (r, i) {
      var pid = 'role-' + i;
      var head = h('h3', { className: 'role-head', text: 'Person ' + (i + 1) + ': ' + roleLabel(r.role) });
      var roleSel = h('select', { id: pid + '-role', 'data-roles-field': 'role' },
        roleOptions.map(function (o) { return h('option', { value: o.value, text: o.label }); }));
      roleSel.value = r.role;
      roleSel.addEventListener('change', function () { r.role = roleSel.value; head.textContent = 'Person ' + (i + 1) + ': ' + roleLabel(r.role); commit(); });
      var rep = h('select', { id: pid + '-reportsTo', 'data-roles-field': 'reportsTo' },
        h('option', { value: '', text: 'Nobody / not known' }),
        h('optgroup', { label: 'People listed here' }, list.map(function (o, j) {
          return j === i ? null : h('option', { value: o.id, text: 'Person ' + (j + 1) + ': ' + roleLabel(o.role) });
        })),
        h('optgroup', { label: 'A role not listed here' }, roleOptions.map(function (o) { return h('option', { value: o.value, text: o.label }); })));
      rep.value = r.reportsTo || '';
      rep.addEventListener('change', function () { r.reportsTo = rep.value || undefined; commit(); });
      var emp = h('select', { id: pid + '-employment', 'data-roles-field': 'employment' },
        fieldOf.employment.options.map(function (o) { return h('option', { value: o.value, text: o.label }); }));
      emp.value = r.employment || fieldOf.employment.default || 'internal';
      emp.addEventListener('change', function () { r.employment = emp.value; commit(); });
      var fte = h('input', { id: pid + '-fte', type: 'text', inputmode: 'decimal', className: 'fte', 'data-roles-field': 'fte', placeholder: '1' });
      fte.value = r.fte === undefined ? '' : r.fte;
      fte.addEventListener('input', function () { r.fte = fte.value; commit(); });
      var also = h('details', { className: 'also' },
        h('summary', { text: 'Also acts as' + (r.alsoActsAs && r.alsoActsAs.length ? ': ' + r.alsoActsAs.map(roleLabel).join(', ') : '…') }),
        h('div', { className: 'choice-row wrap' }, fieldOf.alsoActsAs.options.map(function (o, k) {
          var cid = pid + '-also-' + k;
          var c = h('input', { type: 'checkbox', id: cid, value: o.value });
          c.checked = (r.alsoActsAs || []).indexOf(o.value) >= 0;
          c.addEventListener('change', function () {
            var a = (r.alsoActsAs || []).filter(function (x) { return x !== o.value; });
            if (c.checked) a.push(o.value);
            r.alsoActsAs = a;
            commit();
          });
          return h('label', { className: 'choice small', for: cid }, c, h('span', { text: o.label }));
        })));
      var remove = h('button', { type: 'button', className: 'link danger', id: pid + '-remove', text: 'Remove person ' + (i + 1),
        onclick: function () {
          var gone = list[i].id;
          list.splice(i, 1);
          list.forEach(function (o) { if (o.reportsTo === gone) o.reportsTo = undefined; });
          commit();
          rerender();
        } });
      controls.push(roleSel, rep, emp, fte);
      table.appendChild(h('div', { className: 'role-card' }, head,
        h('div', { className: 'role-grid' },
          h('label', { for: roleSel.id }, h('span', { text: fieldOf.role.label }), roleSel),
          h('label', { for: rep.id }, h('span', { text: fieldOf.reportsTo.label }), rep),
          h('label', { for: emp.id }, h('span', { text: fieldOf.employment.label }), emp),
          h('label', { for: fte.id }, h('span', { text: fieldOf.fte.label }), fte)),
        also, remove));
    });
    box.appendChild(table);
    var add = h('button', { type: 'button', className: 'secondary', id: 'role-add', text: '+ Add a person',
      onclick: function () {
        var used = {};
        list.forEach(function (o) { used[o.id] = true; });
        var n = list.length + 1;
        while (used['r' + n]) n++;
        list.push({ id: 'r' + n, role: 'cio', employment: 'internal', fte: '1' });
        commit();
        rerender();
        var sel = $('role-' + (list.length - 1) + '-role');
        if (sel) sel.focus();
      } });
    box.appendChild(add);
    return box;
  }

  function goTo(step) {
    state.step = step;
    state.view = 'wizard';
    save();
    showView('wizard');
    renderSection(true);
  }

  function onNext(e) {
    e.preventDefault();
    runValidate();
    Q.sections[state.step].questions.forEach(function (q) { state.touched[q.id] = true; });
    var bad = showFieldErrors(true);
    if (bad) {
      var first = document.querySelector('.field-error:not([hidden])');
      var qEl = first && first.parentNode;
      var focusable = qEl && qEl.querySelector('input:not([disabled]),select:not([disabled])');
      if (focusable) focusable.focus();
      setStatus('Please check the highlighted answers.');
      return;
    }
    if (state.step < Q.sections.length - 1) { goTo(state.step + 1); return; }
    if (lastErrors.length) {
      // Problems in another section: go there.
      var q = questionForPath(lastErrors[0].path || '');
      if (q) { goTo(sectionIndexOf[q.id]); showFieldErrors(true); return; }
      showFieldErrors(true);
      return;
    }
    runAssessment();
  }

  // ---------------------------------------------------------------- assessment and results
  var report = null;

  // Assesses the current answers; with `overlayList`, tries those overlays and keeps them only
  // if the engine accepts them (a bad overlay never breaks the next assessment).
  function runAssessment(overlayList) {
    var profile = buildProfile();
    setStatus('Assessing…');
    var list = overlayList || state.overlays;
    var overlays = list.map(function (o) { return o.text; });
    var options = overlays.length ? { overlays: overlays } : {};
    return assessCall(profile, options).then(function (r) {
      report = typeof r === 'string' ? JSON.parse(r) : r;
      state.overlays = list;
      $('import-errors').hidden = true;
      state.view = 'results';
      save();
      renderResults();
      showView('results');
      setStatus('Report ready (assessed in a ' + engineMode + ').');
      $('results-title').focus();
    }, function (err) {
      var errors = engineErrors(err);
      setStatus('The assessment could not run.');
      showImportErrors(overlayList ? 'The overlay was not added; the report is unchanged:' : 'The assessment could not run:', errors);
      return false;
    });
  }

  function showView(view) {
    $('loading').hidden = true;
    $('wizard').hidden = view !== 'wizard';
    $('results').hidden = view !== 'results';
    document.body.setAttribute('data-view', view);
  }

  var MODEL_LABELS = {
    distributed: 'Distributed leadership', vciso: 'Virtual CISO', hybrid: 'Hybrid CIO/CISO',
    'dedicated-ciso': 'Dedicated CISO', 'cso-with-ciso': 'CSO with a CISO', 'cso-combined': 'Combined CSO',
  };
  var MODEL_BLURB = {
    distributed: 'No dedicated security executive: security duties are spread across existing leaders.',
    vciso: 'A virtual or fractional CISO from outside, directed by a named internal owner.',
    hybrid: 'One executive holds two roles, typically CIO and CISO.',
    'dedicated-ciso': 'A full-time Chief Information Security Officer.',
    'cso-with-ciso': 'A Chief Security Officer over enterprise security (physical and cyber), with a CISO for information security.',
    'cso-combined': 'One Chief Security Officer covering both physical and information security.',
  };
  var REPORTS_LABELS = { none: 'no one (no CISO role)', cio: 'the CIO', ceo: 'the CEO', board: 'the board', cso: 'the CSO', coo: 'the COO', cro: 'the CRO' };
  var SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];
  var STATUS_LABELS = { met: 'Met', gap: 'Gap', partial: 'Partial', 'not-applicable': 'Not applicable', unknown: 'Unknown' };

  function roleName(id) {
    var q = byPointer['/currentRoles'];
    var f = q && (q.fields || []).filter(function (x) { return x.field === 'role'; })[0];
    var o = f && f.options.filter(function (x) { return x.value === id; })[0];
    return o ? o.label.replace(/ \([A-Z]+\)$/, '') : id;
  }
  var SHORT = { board: 'Board', vciso: 'vCISO', 'general-counsel': 'Counsel', 'compliance-officer': 'Compliance',
    'internal-audit': 'Audit', 'it-manager': 'IT mgr', 'security-manager': 'Security mgr', 'facilities-manager': 'Facilities',
    'hr-director': 'HR', 'privacy-officer': 'Privacy' };
  function responsibilityLabel(id) {
    var words = String(id || '').split('-').map(function (w) { return w === 'it' || w === 'ip' ? w.toUpperCase() : w; });
    var text = words.join(' ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  }
  function roleShort(id) {
    if (SHORT[id]) return SHORT[id];
    var q = byPointer['/currentRoles'];
    var f = q && (q.fields || []).filter(function (x) { return x.field === 'role'; })[0];
    var o = f && f.options.filter(function (x) { return x.value === id; })[0];
    var m = o && /\(([A-Za-z]+)\)$/.exec(o.label);
    return m ? m[1] : (o ? o.label : id);
  }
  function fieldLabel(pointer) {
    var q = byPointer[pointer] || questionForPath(pointer);
    return q ? q.short || q.label : pointer;
  }
  function fmtValue(v) {
    if (v === null || v === undefined) return 'unknown';
    if (typeof v === 'boolean') return v ? 'yes' : 'no';
    if (Array.isArray(v)) return v.length ? v.join(', ') : 'none';
    if (typeof v === 'object') return v.amount !== undefined ? money(v.amount, v.currency) : JSON.stringify(v);
    return String(v);
  }
  function money(amount, currency) {
    var n = Number(amount);
    if (!isFinite(n)) return String(amount);
    return (currency ? currency + ' ' : '') + Math.round(n).toLocaleString('en-US');
  }

  function card(id, title, sub) {
    var c = h('section', { className: 'card report-section', id: id, 'aria-labelledby': id + '-h' },
      h('h2', { id: id + '-h', text: title }));
    if (sub) c.appendChild(h('p', { className: 'sub', text: sub }));
    return c;
  }

  function renderResults() {
    var r = report;
    var root = clear($('results'));
    var L = r.leadership || {};
    var orgName = (r.organization && r.organization.name) || (buildProfile().organization || {}).name || 'Your organization';

    // Actions bar
    root.appendChild(h('div', { className: 'actions no-print' },
      h('button', { type: 'button', className: 'secondary', id: 'btn-edit', text: '← Edit answers', onclick: function () { goTo(0); } }),
      h('span', { className: 'spacer' }),
      h('button', { type: 'button', id: 'export-json', text: 'Report JSON', onclick: function () { download('seclead-report.json', JSON.stringify(r, null, 2) + '\n', 'application/json'); } }),
      h('button', { type: 'button', id: 'export-md', text: 'Markdown', onclick: function () { exportRendered('markdown', 'seclead-report.md', 'text/markdown'); } }),
      h('button', { type: 'button', id: 'export-csv', text: 'RACI CSV', onclick: function () { exportRendered('csv', 'seclead-raci.csv', 'text/csv'); } }),
      h('button', { type: 'button', id: 'export-print', text: 'Print / PDF', onclick: function () { window.print(); } })));

    // Headline
    var hero = h('section', { className: 'hero', 'aria-labelledby': 'results-title' },
      h('p', { className: 'eyebrow' }, 'Security leadership assessment for ', h('strong', { id: 'org-name-out', text: orgName })),
      h('h1', { id: 'results-title', tabindex: '-1' }, 'Recommended: ', h('span', { id: 'model-out', 'data-model': L.model || '', text: MODEL_LABELS[L.model] || L.model || '?' })),
      h('p', { className: 'lead', text: MODEL_BLURB[L.model] || '' }),
      h('div', { className: 'kpis' },
        kpi('Model', MODEL_LABELS[L.model] || L.model, 'kpi-model'),
        kpi('CISO reports to', REPORTS_LABELS[L.cisoReportsTo] || L.cisoReportsTo || '—', 'kpi-reports'),
        kpi('Data Protection Officer', L.dpo ? L.dpo.replace('-', ' ') : '—', 'kpi-dpo'),
        kpi('Obligations with gaps', String((r.obligations || []).filter(function (o) { return o.status === 'gap' || o.status === 'partial'; }).length), 'kpi-gaps'),
        kpi('Findings', String((r.findings || []).length), 'kpi-findings')));
    root.appendChild(hero);

    // Scores
    var scoreCard = card('scores', 'How the models compare', 'Score of each leadership model for this profile (0 to 100); the highest is recommended.');
    scoreCard.appendChild(scoreChart(L.score || {}, L.model));
    root.appendChild(scoreCard);

    // Rationale
    var rat = card('rationale', 'Why', 'The rules that decided the recommendation, with their sources.');
    var ol = h('ol', { className: 'rationale' });
    (L.rationale || []).forEach(function (x) {
      // The effect on the recommended model, if the rule touched it, as a coloured chip.
      var m = new RegExp('(^|[ ,])' + String(L.model || '-').replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + ' ([+-]\\d+)').exec(x.effect || '');
      var chip = m ? h('span', { className: 'chip ' + (m[2].charAt(0) === '-' ? 'neg' : 'pos'), text: (MODEL_LABELS[L.model] || L.model) + ' ' + m[2] }) : null;
      ol.appendChild(h('li', null, chip, chip ? ' ' : null, h('span', { text: x.because || x.effect || '' }),
        h('div', { className: 'meta' }, h('code', { text: x.rule || '' }), ' · ', h('span', { text: x.effect || '' }), ' · ', h('span', { text: 'Source: ' + (x.source || '') }))));
    });
    if (!(L.rationale || []).length) ol.appendChild(h('li', { text: 'No rationale was returned.' }));
    rat.appendChild(ol);
    root.appendChild(rat);

    // Sensitivity
    var sens = card('sensitivity', 'What would change this', 'The smallest changes to your answers that would lead to another model.');
    var ul = h('ul', { className: 'sensitivity' });
    (L.sensitivity || []).forEach(function (x) {
      ul.appendChild(h('li', null, 'If ', h('strong', { text: fieldLabel(x.field) }), ' were ',
        h('strong', { text: fmtValue(x.to) }), ' instead of ', h('span', { text: fmtValue(x.from) }), ', the model would be ',
        h('strong', { text: MODEL_LABELS[x.model] || x.model }), '.'));
    });
    if (!(L.sensitivity || []).length) ul.appendChild(h('li', { text: 'No single change to your answers would change the recommendation.' }));
    sens.appendChild(ul);
    root.appendChild(sens);

    // Org charts
    var org = card('structure', 'Structure: today and recommended', 'Reporting lines of the roles you listed, and the structure the recommendation implies.');
    var profile = buildProfile();
    org.appendChild(h('div', { className: 'charts' },
      h('figure', null, h('figcaption', { text: 'Today' }), orgChart(todayTree(profile.currentRoles || []), 'Today\'s reporting lines')),
      h('figure', null, h('figcaption', { text: 'Recommended' }), orgChart(recommendedTree(L), 'Recommended reporting lines'))));
    root.appendChild(org);

    // RACI
    var raci = card('raci', 'Who does what (RACI)', 'R: responsible · A: accountable · C: consulted · I: informed.');
    raci.appendChild(raciTable(r.raci || { roles: [], rows: [] }));
    root.appendChild(raci);

    // Obligations
    var obl = card('obligations', 'Regulatory role obligations', 'Only obligations whose triggers apply to you (or could not be ruled out) are listed.');
    var olist = h('ul', { className: 'checklist' });
    (r.obligations || []).forEach(function (o) {
      var st = o.status || 'unknown';
      olist.appendChild(h('li', { className: 'st-' + st },
        h('span', { className: 'badge st-' + st, text: STATUS_LABELS[st] || st }),
        h('div', null, h('strong', { text: o.id }), ' ', h('span', { text: o.requires || '' }),
          h('div', { className: 'meta', text: 'Roles: ' + (o.roles || []).map(roleShort).join(', ') + ' · Source: ' + (o.source || '') }))));
    });
    if (!(r.obligations || []).length) olist.appendChild(h('li', { text: 'No regulatory role obligation applies to this profile.' }));
    obl.appendChild(olist);
    root.appendChild(obl);

    // Findings
    var fnd = card('findings', 'Findings on today\'s structure', 'Ordered by severity.');
    var findings = (r.findings || []).slice().sort(function (a, b) {
      return SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity);
    });
    var flist = h('ol', { className: 'findings' });
    findings.forEach(function (f) {
      flist.appendChild(h('li', { className: 'sev-' + f.severity },
        h('span', { className: 'badge sev-' + f.severity, text: f.severity || '' }),
        h('div', null, h('strong', { text: f.message || f.id }),
          f.recommendation ? h('p', { className: 'rec' }, h('span', { className: 'arrow', text: '→ ' }), f.recommendation) : null,
          h('div', { className: 'meta', text: [f.kind, f.responsibility, f.obligation].filter(Boolean).join(' · ') }))));
    });
    if (!findings.length) flist.appendChild(h('li', { text: 'No findings.' }));
    fnd.appendChild(flist);
    root.appendChild(fnd);

    // vCISO
    var v = r.vciso || {};
    var vc = card('vciso', 'Virtual CISO or a full-time executive?',
      v.recommended ? 'A virtual CISO is recommended for this profile.' : 'A virtual CISO is not the recommended model; costs are shown for comparison.');
    vc.appendChild(h('p', null, 'Estimated effort: ', h('strong', { text: (v.hoursPerMonth || 0) + ' hours per month' }),
      v.monthlyCost ? [' · monthly cost ', h('strong', { text: money(v.monthlyCost.low, v.monthlyCost.currency) + ' to ' + money(v.monthlyCost.high, '') })] : null));
    vc.appendChild(costChart(v));
    if ((v.transitionTriggers || []).length) {
      vc.appendChild(h('h3', { text: 'When to move on from a vCISO' }));
      vc.appendChild(h('ul', null, v.transitionTriggers.map(function (t) {
        return h('li', { text: typeof t === 'string' ? t : (t.trigger || t.description || t.message || JSON.stringify(t)) });
      })));
    }
    root.appendChild(vc);

    // Collaboration
    var col = card('collaboration', 'CIO and security lead: working together', 'Practices for the friction points between technology and security leadership.');
    col.appendChild(h('ul', { className: 'practices' }, (r.collaboration || []).map(function (c) {
      return h('li', null, h('strong', { text: (c.challenge || '').replace(/-/g, ' ') }), ': ', h('span', { text: c.practice || '' }));
    })));
    root.appendChild(col);

    // Roadmap
    var rm = card('roadmap', 'Roadmap', 'What to do first, next and within the year, and who owns it.');
    var cols = h('div', { className: 'roadmap' });
    var horizons = [];
    (r.roadmap || []).forEach(function (x) { if (horizons.indexOf(x.horizon) < 0) horizons.push(x.horizon); });
    horizons.forEach(function (hz) {
      var items = (r.roadmap || []).filter(function (x) { return x.horizon === hz; });
      cols.appendChild(h('div', { className: 'horizon' }, h('h3', { text: String(hz).replace('-', ' ') }),
        h('ol', null, items.map(function (x) {
          return h('li', null, h('span', { text: x.action }), ' ', h('span', { className: 'owner', text: roleShort(x.owner) }));
        }))));
    });
    if (!horizons.length) cols.appendChild(h('p', { className: 'muted', text: 'Nothing planned.' }));
    rm.appendChild(cols);
    root.appendChild(rm);

    // Unknowns and overlays
    var un = card('unknowns', 'What the report could not know', 'Answers left as "I don\'t know"; conclusions that depend on them are weaker.');
    un.appendChild(h('ul', null, (r.unknowns || []).length ? r.unknowns.map(function (p) { return h('li', { text: fieldLabel(p) }); }) : h('li', { text: 'Nothing: every question was answered.' })));
    root.appendChild(un);

    root.appendChild(overlayCard());
    var eng = r.engine || {};
    root.appendChild(h('p', { className: 'footer-note', text: 'seclead engine ' + (eng.version || '') + ' · knowledge base ' +
      ((eng.knowledgeBase || {}).version || '') + ' (sha256 ' + String((eng.knowledgeBase || {}).sha256 || '').slice(0, 12) + '…)' +
      ((eng.overlays || []).length ? ' · overlays: ' + eng.overlays.map(function (o) { return o.name; }).join(', ') : '') +
      '. Generated in this browser; not legal advice.' }));
  }

  function kpi(label, value, id) {
    return h('div', { className: 'kpi', id: id }, h('span', { className: 'kpi-label', text: label }), h('span', { className: 'kpi-value', text: value || '—' }));
  }

  // ---------------------------------------------------------------- charts (SVG)
  function scoreChart(score, chosen) {
    var entries = Object.keys(score).map(function (k) { return [k, Number(score[k]) || 0]; });
    entries.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    var rowH = 34, labelW = 190, barW = 420, W = labelW + barW + 60, H = entries.length * rowH + 10;
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-labelledby': 'score-title', class: 'chart' },
      s('title', { id: 'score-title', text: 'Model scores: ' + entries.map(function (e) { return (MODEL_LABELS[e[0]] || e[0]) + ' ' + e[1]; }).join(', ') }));
    entries.forEach(function (e, i) {
      var y = 5 + i * rowH, w = Math.max(2, (e[1] / 100) * barW), best = e[0] === chosen;
      svg.appendChild(s('text', { x: labelW - 10, y: y + 21, 'text-anchor': 'end', class: best ? 'lbl best' : 'lbl', text: MODEL_LABELS[e[0]] || e[0] }));
      svg.appendChild(s('rect', { x: labelW, y: y + 6, width: barW, height: 20, rx: 4, class: 'track' }));
      svg.appendChild(s('rect', { x: labelW, y: y + 6, width: w, height: 20, rx: 4, class: best ? 'cbar best' : 'cbar' }));
      svg.appendChild(s('text', { x: labelW + w + 8, y: y + 21, class: 'val', text: String(Math.round(e[1])) }));
    });
    return svg;
  }

  function annualFullTime(v) {
    var f = v.fullTimeAnnualCost;
    if (f === undefined || f === null) return null;
    if (typeof f === 'number') return { low: f, high: f, currency: (v.monthlyCost || {}).currency };
    if (f.low !== undefined) return { low: f.low, high: f.high === undefined ? f.low : f.high, currency: f.currency };
    if (f.amount !== undefined) return { low: f.amount, high: f.amount, currency: f.currency };
    return null;
  }

  function costChart(v) {
    var mc = v.monthlyCost || { low: 0, high: 0, currency: 'USD' };
    var rows = [['Virtual CISO (per year)', mc.low * 12, mc.high * 12, mc.currency]];
    var ft = annualFullTime(v);
    if (ft) rows.push(['Full-time executive (per year)', ft.low, ft.high, ft.currency]);
    var max = Math.max.apply(null, rows.map(function (x) { return x[2] || 0; }).concat([1]));
    var labelW = 230, barW = 380, rowH = 44, W = labelW + barW + 200, H = rows.length * rowH + 10;
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-labelledby': 'cost-title', class: 'chart' },
      s('title', { id: 'cost-title', text: rows.map(function (x) { return x[0] + ': ' + money(x[1], x[3]) + ' to ' + money(x[2], ''); }).join('; ') }));
    rows.forEach(function (x, i) {
      var y = 5 + i * rowH;
      var wl = (x[1] / max) * barW, wh = (x[2] / max) * barW;
      svg.appendChild(s('text', { x: labelW - 10, y: y + 24, 'text-anchor': 'end', class: 'lbl', text: x[0] }));
      svg.appendChild(s('rect', { x: labelW, y: y + 8, width: Math.max(2, wh), height: 24, rx: 4, class: i === 0 ? 'cbar range' : 'cbar exec range' }));
      svg.appendChild(s('rect', { x: labelW, y: y + 8, width: Math.max(2, wl), height: 24, rx: 4, class: i === 0 ? 'cbar' : 'cbar exec' }));
      svg.appendChild(s('text', { x: labelW + Math.max(wh, 2) + 8, y: y + 24, class: 'val',
        text: x[1] === x[2] ? money(x[1], x[3]) : money(x[1], x[3]) + ' – ' + money(x[2], '') }));
    });
    return svg;
  }

  // Tree: {label, sub, kind, children}
  function todayTree(roles) {
    var nodes = {};
    roles.forEach(function (r) {
      nodes[r.id] = { label: roleShort(r.role), sub: [r.employment === 'external' ? 'external' : r.employment === 'affiliate' ? 'affiliate' : '',
        r.fte !== undefined && r.fte < 1 ? r.fte + ' FTE' : ''].filter(Boolean).join(', '),
        also: (r.alsoActsAs || []).map(roleShort).join(', '), kind: 'today', children: [] };
    });
    var roots = [];
    var virtual = {};
    roles.forEach(function (r) {
      var n = nodes[r.id];
      if (r.reportsTo && nodes[r.reportsTo] && r.reportsTo !== r.id) nodes[r.reportsTo].children.push(n);
      else if (r.reportsTo && !nodes[r.reportsTo]) {
        if (!virtual[r.reportsTo]) { virtual[r.reportsTo] = { label: roleShort(r.reportsTo), sub: 'not listed', kind: 'ghost', children: [] }; roots.push(virtual[r.reportsTo]); }
        virtual[r.reportsTo].children.push(n);
      } else roots.push(n);
    });
    if (roots.length === 0) return { label: 'No roles listed', kind: 'ghost', children: [] };
    if (roots.length === 1) return roots[0];
    return { label: 'Organization', kind: 'ghost', children: roots };
  }

  function recommendedTree(L) {
    var board = { label: 'Board', kind: 'exec', children: [] };
    var ceo = { label: 'CEO', kind: 'exec', children: [] };
    board.children.push(ceo);
    var model = L.model, to = L.cisoReportsTo;
    var cio = { label: 'CIO', kind: 'exec', children: [] };
    var holders = { board: board, ceo: ceo, cio: cio };
    function holder(id) {
      if (!holders[id]) { holders[id] = { label: roleShort(id), kind: 'exec', children: [] }; ceo.children.push(holders[id]); }
      return holders[id];
    }
    if (model === 'hybrid') {
      ceo.children.push({ label: 'CIO + CISO', sub: 'one person, two roles', kind: 'sec', children: [] });
    } else {
      ceo.children.push(cio);
      if (model === 'dedicated-ciso') holder(to && to !== 'none' ? to : 'ceo').children.push({ label: 'CISO', sub: 'full-time', kind: 'sec', children: [] });
      else if (model === 'vciso') holder(to && to !== 'none' ? to : 'ceo').children.push({ label: 'vCISO', sub: 'external, fractional', kind: 'sec', children: [] });
      else if (model === 'cso-with-ciso') {
        var cso = { label: 'CSO', sub: 'physical + cyber', kind: 'sec', children: [{ label: 'CISO', sub: 'information security', kind: 'sec', children: [] }] };
        ceo.children.push(cso);
      } else if (model === 'cso-combined') ceo.children.push({ label: 'CSO', sub: 'physical + information security', kind: 'sec', children: [] });
      else if (model === 'distributed') cio.children.push({ label: 'Security owner', sub: 'existing leader, part-time', kind: 'sec', children: [] });
    }
    if (L.dpo === 'required' || L.dpo === 'recommended') ceo.children.push({ label: 'DPO', sub: L.dpo + ', independent', kind: 'dpo', children: [] });
    return board;
  }

  function orgChart(tree, title) {
    var boxW = 128, boxH = 50, gapX = 14, gapY = 36;
    var leaves = 0, depthMax = 0;
    (function layout(n, depth) {
      depthMax = Math.max(depthMax, depth);
      n.depth = depth;
      if (!n.children.length) { n.x = leaves++; return; }
      n.children.forEach(function (c) { layout(c, depth + 1); });
      n.x = (n.children[0].x + n.children[n.children.length - 1].x) / 2;
    })(tree, 0);
    var W = Math.max(1, leaves) * (boxW + gapX) + gapX, H = (depthMax + 1) * (boxH + gapY) + 10;
    var svg = s('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', class: 'org' }, s('title', { text: title }));
    var edges = s('g', { class: 'edges' }), boxes = s('g');
    svg.appendChild(edges);
    svg.appendChild(boxes);
    function cx(n) { return gapX + n.x * (boxW + gapX) + boxW / 2; }
    function cy(n) { return 5 + n.depth * (boxH + gapY); }
    (function draw(n) {
      var x = cx(n), y = cy(n);
      var g = s('g', { class: 'node ' + (n.kind || '') });
      g.appendChild(s('rect', { x: x - boxW / 2, y: y, width: boxW, height: boxH, rx: 8 }));
      g.appendChild(s('text', { x: x, y: y + (n.sub || n.also ? 20 : 30), 'text-anchor': 'middle', class: 'name', text: clip(n.label, 18) }));
      if (n.sub) g.appendChild(s('text', { x: x, y: y + 34, 'text-anchor': 'middle', class: 'subl', text: clip(n.sub, 24) }));
      if (n.also) g.appendChild(s('text', { x: x, y: y + (n.sub ? 45 : 36), 'text-anchor': 'middle', class: 'also', text: clip('also ' + n.also, 24) }));
      boxes.appendChild(g);
      n.children.forEach(function (c) {
        var ymid = y + boxH + gapY / 2;
        edges.appendChild(s('path', { d: 'M' + x + ' ' + (y + boxH) + ' V' + ymid + ' H' + cx(c) + ' V' + cy(c) }));
        draw(c);
      });
    })(tree);
    return svg;
  }
  function clip(text, n) { text = String(text); return text.length > n ? text.slice(0, n - 1) + '…' : text; }

  function raciTable(raci) {
    var roles = raci.roles || [];
    var table = h('table', { className: 'raci' });
    table.appendChild(h('caption', { className: 'sr-only', text: 'RACI matrix of responsibilities by role' }));
    table.appendChild(h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Responsibility' }),
      roles.map(function (ro) { return h('th', { scope: 'col', title: roleName(ro), text: roleShort(ro) }); }))));
    var tb = h('tbody');
    (raci.rows || []).forEach(function (row) {
      var tr = h('tr', null, h('th', { scope: 'row', text: responsibilityLabel(row.responsibility) }));
      roles.forEach(function (ro) {
        var letters = '';
        if ((row.R || []).indexOf(ro) >= 0) letters += 'R';
        if (row.A === ro) letters += 'A';
        if ((row.C || []).indexOf(ro) >= 0) letters += 'C';
        if ((row.I || []).indexOf(ro) >= 0) letters += 'I';
        tr.appendChild(h('td', { className: letters ? 'c-' + letters[letters.indexOf('A') >= 0 ? letters.indexOf('A') : 0] : '', text: letters }));
      });
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    return h('div', { className: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'RACI matrix' }, table);
  }

  // ---------------------------------------------------------------- overlays and exports
  function overlayCard() {
    var c = card('overlays', 'Knowledge overlays', 'Add your own rules, roles or texts as overlay JSON files; the assessment is rerun with them.');
    var input = h('input', { type: 'file', id: 'overlay-file', accept: '.json,application/json', multiple: true, className: 'sr-only' });
    var label = h('label', { for: 'overlay-file', className: 'button secondary', text: 'Add overlay…' });
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      Promise.all(files.map(readFile)).then(function (texts) {
        var tentative = state.overlays.concat(texts.map(function (text, i) { return { name: files[i].name, text: text }; }));
        runAssessment(tentative);
      });
      input.value = '';
    });
    var list = h('ul', { className: 'overlay-list' }, state.overlays.map(function (o, i) {
      return h('li', null, h('span', { text: o.name }), ' ', h('button', { type: 'button', className: 'link danger', text: 'Remove ' + o.name,
        onclick: function () { runAssessment(state.overlays.filter(function (x, j) { return j !== i; })); } }));
    }));
    c.appendChild(h('div', { className: 'no-print' }, input, label));
    c.appendChild(list);
    return c;
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var fr = new FileReader();
      fr.onload = function () { resolve(String(fr.result)); };
      fr.onerror = function () { reject(fr.error); };
      fr.readAsText(file);
    });
  }

  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
    // The temporary link has a name and leaves the page at once (only the URL lives on a
    // moment longer), so no nameless link is ever left for assistive technology to find.
    var a = h('a', { href: url, download: name, className: 'sr-only', text: 'Download ' + name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportRendered(format, name, type) {
    try {
      download(name, api.render(report, format), type);
      setStatus('Exported ' + name + '.');
    } catch (e) {
      setStatus('Export failed: ' + engineErrors(e).map(inWords).join('; '));
    }
  }

  function showImportErrors(title, errors) {
    var box = clear($('import-errors'));
    box.appendChild(h('p', null, h('strong', { text: title })));
    box.appendChild(h('ul', null, errors.map(function (e) {
      var where = e.input ? e.input + (e.path ? ' ' + e.path : '') : e.path ? fieldLabel(e.path) + ' (' + e.path + ')' : 'The file';
      return h('li', { text: where + ': ' + inWords(e) });
    })));
    box.appendChild(h('button', { type: 'button', className: 'link', text: 'Dismiss', onclick: function () { box.hidden = true; } }));
    box.hidden = false;
    box.focus && box.setAttribute('tabindex', '-1');
    box.focus();
  }

  function importProfile(text, name) {
    var profile;
    try { profile = JSON.parse(text); } catch (e) {
      showImportErrors('Could not import ' + name + '; your answers are unchanged.', [{ path: '', code: 'syntax', message: 'the file is not valid JSON (' + e.message + ')' }]);
      return;
    }
    var errors = validateErrors(profile);
    if (errors.length) {
      showImportErrors('Could not import ' + name + '; your answers are unchanged.', errors);
      return;
    }
    var overlays = state.overlays;
    state = answersFromProfile(profile);
    state.overlays = overlays;
    save();
    $('import-errors').hidden = true;
    setStatus('Imported ' + name + '.');
    goTo(0);
  }

  // ---------------------------------------------------------------- wiring
  function wire() {
    $('form').addEventListener('submit', onNext);
    $('btn-back').addEventListener('click', function () { if (state.step > 0) goTo(state.step - 1); });
    $('btn-import').addEventListener('click', function () { $('file-import').click(); });
    $('file-import').addEventListener('change', function () {
      var f = $('file-import').files[0];
      if (!f) return;
      readFile(f).then(function (text) { importProfile(text, f.name); });
      $('file-import').value = '';
    });
    $('btn-export-profile').addEventListener('click', function () {
      download('seclead-profile.json', JSON.stringify(buildProfile(), null, 2) + '\n', 'application/json');
      setStatus('Exported your answers as seclead-profile.json.');
    });
    $('btn-start-over').addEventListener('click', function () {
      if (!window.confirm('Start over? This clears every answer saved in this browser.')) return;
      try { localStorage.removeItem(STORAGE_KEY); } catch (e) { /* ignore */ }
      state = freshState();
      save();
      report = null;
      $('import-errors').hidden = true;
      setStatus('Started over.');
      goTo(0);
    });
    var dl = h('datalist', { id: 'countries-list' }, (Q.countries || []).map(function (c) { return h('option', { value: c.value, label: c.label }); }));
    document.body.appendChild(dl);
  }

  function boot() {
    performance.mark('seclead-boot');
    loadWasmBytes().then(function (bytes) {
      wasmBinary = bytes;
      performance.mark('seclead-wasm-bytes');
      return createSecleadEngine(moduleOptions());
    }).then(function (module) {
      performance.mark('seclead-engine-ready');
      api = bindEngine(module);
      Q = JSON.parse(JSON.stringify(api.questionnaire()));
      if (typeof Q === 'string') Q = JSON.parse(Q);
      performance.mark('seclead-questionnaire');
      indexQuestionnaire();
      state = load() || freshState();
      wire();
      showView('wizard');
      renderSection(false);
      performance.mark('seclead-first-question');
      window.__secleadFirstQuestionMs = performance.now();  // since navigation start
      document.body.setAttribute('data-ready', 'true');
      startWorker();
      if (state.view === 'results') runAssessment();
    }).catch(function (e) {
      $('loading').textContent = 'The assessment engine could not start: ' + ((e && e.message) || e);
    });
  }

  boot();
})();
