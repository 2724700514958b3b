// Fieldwork, enhanced: skip logic as you answer, every part of the auditor's visits kept for offline use
// (fieldwork-sw.js), and what is sent without a connection kept on the phone until the server has it.
// Without this file every page still works: each section is saved on the server when sent.
//
// Kept on the phone: in localStorage, the answers typed on each form (so that nothing is lost on a reload);
// in IndexedDB, each part sent without a connection (its answers and chosen photos or files, with a
// submission id made here that the server uses to take each part once) and each visit's sending state.
// Both are removed once the server has the part.
const form = document.querySelector('form.fieldwork, form.fieldwork-submit');
const status = document.querySelector('[data-fieldwork-status]');
const offlineRoot = document.querySelector('[data-fieldwork-offline]');

function valuesOf(f) {
  const values = {};
  for (const element of f.elements) {
    if (!element.name || element.name === '_csrf' || element.type === 'file' || element.type === 'submit') continue;
    if ((element.type === 'radio' || element.type === 'checkbox') && !element.checked) continue;
    (values[element.name] ??= []).push(element.value);
  }
  return values;
}

function restore(f, values) {
  for (const element of f.elements) {
    if (!element.name || element.name === '_csrf' || element.type === 'file' || !(element.name in values)) continue;
    const saved = values[element.name];
    if (element.type === 'radio' || element.type === 'checkbox') element.checked = saved.includes(element.value);
    else element.value = saved[0] ?? '';
  }
}

function say(message) {
  if (status && message) status.textContent = message;
}

function applySkipLogic(f) {
  const values = valuesOf(f);
  for (const wrapper of f.querySelectorAll('[data-show-if]')) {
    const conditions = JSON.parse(wrapper.dataset.showIf);
    // Conditions on items of earlier pages are not in this form: the server already applied them.
    const relevant = conditions.filter((c) => f.querySelector(`[name="${c.item}"]`));
    const shown = relevant.every((c) => {
      const given = values[c.item] ?? [];
      if (c.op === 'selected') return given.includes(c.value);
      const text = given.join(' ');
      return c.op === 'eq' ? text === c.value : text !== c.value;
    });
    wrapper.hidden = !shown;
    for (const hint of wrapper.querySelectorAll('.fieldwork__condition')) hint.hidden = true;
  }
}

// --- IndexedDB: the outbox of parts sent offline, and each visit's state ---------------------------------
function openDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('coproduce-fieldwork', 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('outbox', { keyPath: 'id' });
      request.result.createObjectStore('visits', { keyPath: 'visitId' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(storeName, mode, action) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const result = action(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
    tx.onerror = () => reject(tx.error);
  });
}

const all = (storeName) => run(storeName, 'readonly', (s) => s.getAll());
const put = (storeName, value) => run(storeName, 'readwrite', (s) => s.put(value));
const remove = (storeName, key) => run(storeName, 'readwrite', (s) => s.delete(key));

async function showStates() {
  const states = new Map((await all('visits')).map((v) => [v.visitId, v.state]));
  for (const element of document.querySelectorAll('[data-visit-state]')) {
    const state = states.get(element.dataset.visitState);
    element.hidden = !state;
    element.textContent = state === 'waiting' ? element.dataset.waiting : state === 'sent' ? element.dataset.sent : '';
    element.dataset.state = state ?? '';
  }
}

async function queue(f, body) {
  const entries = [];
  for (const [name, value] of body.entries()) {
    // Chosen files are kept as they are (File objects are stored by IndexedDB); an empty file input is skipped.
    if (value instanceof File && value.size === 0 && !value.name) continue;
    entries.push([name, value]);
  }
  const visitId = f.elements.namedItem('_visit')?.value ?? '';
  await put('outbox', { id: body.get('_submission'), visitId, action: f.action, storageKey: storageKeyOf(f), at: Date.now(), entries });
  await put('visits', { visitId, state: 'waiting' });
}

function storageKeyOf(f) {
  return `coproduce:fieldwork:${f.getAttribute('action')}`;
}

/** Sends what waits, oldest first; stops at the first failure so that parts arrive in order. */
async function flush() {
  const work = async () => {
    const waiting = (await all('outbox')).sort((a, b) => a.at - b.at);
    if (waiting.length === 0) return;
    const touched = new Set();
    for (const item of waiting) {
      const body = new FormData();
      for (const [name, value] of item.entries) body.append(name, value);
      let response;
      try {
        response = await fetch(item.action, { method: 'POST', body, headers: { accept: 'application/json' }, credentials: 'same-origin' });
      } catch {
        break;
      }
      // Signed out meanwhile, or the server failing: keep it for later.
      if (response.status >= 500 || response.status === 401 || response.status === 403 || (response.redirected && response.url.includes('/account/'))) break;
      await remove('outbox', item.id);
      localStorage.removeItem(item.storageKey);
      touched.add(item.visitId);
    }
    const left = new Set((await all('outbox')).map((i) => i.visitId));
    for (const visitId of touched) if (!left.has(visitId)) await put('visits', { visitId, state: 'sent' });
    // The check page of a visit just sent was drawn from the phone's copy: show the server's page instead.
    const here = document.querySelector('form.fieldwork-submit')?.elements.namedItem('_visit')?.value;
    if (here && touched.has(here) && !left.has(here)) window.location.reload();
  };
  if (navigator.locks) await navigator.locks.request('coproduce-fieldwork-outbox', work);
  else await work();
  await showStates();
}

async function send(f) {
  const key = storageKeyOf(f);
  const body = new FormData(f);
  const pending = JSON.parse(localStorage.getItem(key) ?? 'null');
  if (pending) {
    // Rebuild the body from what was kept, in case the page was reloaded since.
    for (const name of Object.keys(pending.values)) body.delete(name);
    for (const [name, list] of Object.entries(pending.values)) for (const v of list) body.append(name, v);
  }
  body.set('_submission', crypto.randomUUID());
  say(status?.dataset.sending);
  const waitingBefore = (await all('outbox')).length > 0;
  let response;
  if (!waitingBefore) {
    try {
      response = await fetch(f.action, { method: 'POST', body, headers: { accept: 'application/json' }, credentials: 'same-origin' });
    } catch {
      response = null;
    }
  }
  if (!response) {
    // No connection (or earlier parts still waiting): kept on the phone, sent in order when it returns.
    localStorage.setItem(key, JSON.stringify({ values: valuesOf(f), pending: false }));
    await queue(f, body);
    await showStates();
    if (waitingBefore && navigator.onLine) await flush();
    const next = status?.dataset.next;
    if (next) window.location.assign(next);
    else say(status?.dataset.offline);
    return;
  }
  if (response.ok && response.headers.get('content-type')?.includes('application/json')) {
    const { next } = await response.json();
    localStorage.removeItem(key);
    window.location.assign(next);
    return;
  }
  if (response.ok) {
    // Sent the visit: the server answered with its page.
    localStorage.removeItem(key);
    window.location.assign(response.url);
    return;
  }
  // The server kept the answers but has something to say about them: show its page with the errors.
  localStorage.removeItem(key);
  HTMLFormElement.prototype.submit.call(f);
}

// --- Keeping the auditor's visits for offline use ------------------------------------------------------
async function keepForOffline() {
  if (!offlineRoot || !('serviceWorker' in navigator)) return;
  const { sw, scope } = offlineRoot.dataset;
  const registration = await navigator.serviceWorker.register(sw, { scope });
  await navigator.serviceWorker.ready;
  const list = document.querySelector('[data-offline-keep]');
  if (!list) return;
  const assets = [...document.querySelectorAll('link[rel=stylesheet], link[rel=manifest], script[src]')].map((e) => e.href || e.src);
  const urls = [...JSON.parse(list.dataset.offlineKeep), ...assets];
  const ready = document.querySelector('[data-offline-ready]');
  navigator.serviceWorker.addEventListener('message', (event) => {
    if (event.data?.type !== 'kept' || !ready) return;
    ready.textContent = event.data.kept === event.data.total ? ready.dataset.ready : ready.dataset.partly;
    ready.dataset.kept = String(event.data.kept);
  });
  (registration.active ?? navigator.serviceWorker.controller)?.postMessage({ type: 'keep', urls });
}

if (form instanceof HTMLFormElement) {
  const key = storageKeyOf(form);
  const kept = JSON.parse(localStorage.getItem(key) ?? 'null');
  if (kept) {
    restore(form, kept.values);
    say(status?.dataset.restored);
  }
  applySkipLogic(form);
  form.addEventListener('change', () => applySkipLogic(form));
  // Everything typed is kept on the phone at once, so closing the tab or losing signal loses nothing.
  form.addEventListener('input', () => localStorage.setItem(key, JSON.stringify({ values: valuesOf(form), pending: false })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(form);
  });
}

if (offlineRoot) {
  void showStates();
  void keepForOffline();
  window.addEventListener('online', () => void flush());
  if (navigator.onLine) void flush();
}
