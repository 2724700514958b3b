// Fieldwork, enhanced: skip logic as you answer, and answers kept on the phone until the server has them.
// Without this file every page still works: each section is saved on the server when sent.
const form = document.querySelector('form.fieldwork');
const status = document.querySelector('[data-fieldwork-status]');

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

async function send(f, key) {
  const pending = JSON.parse(localStorage.getItem(key) ?? 'null');
  const body = new FormData(f);
  if (pending) {
    // Rebuild the body from what was kept, in case the page was reloaded since.
    for (const name of Object.keys(pending.values)) body.delete(name);
    for (const [name, list] of Object.entries(pending.values)) for (const v of list) body.append(name, v);
  }
  say(status?.dataset.sending);
  let response;
  try {
    response = await fetch(f.action, { method: 'POST', body, headers: { accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    localStorage.setItem(key, JSON.stringify({ values: valuesOf(f), pending: true }));
    const hasFiles = [...f.querySelectorAll('input[type=file]')].some((i) => i.files && i.files.length > 0);
    say(`${status?.dataset.offline ?? ''}${hasFiles ? ` ${status?.dataset.files ?? ''}` : ''}`);
    return;
  }
  if (response.ok) {
    const { next } = await response.json();
    localStorage.removeItem(key);
    window.location.assign(next);
    return;
  }
  // The server kept the answers but has something to say about them: show its page with the errors.
  localStorage.removeItem(key);
  HTMLFormElement.prototype.submit.call(f);
}

if (form instanceof HTMLFormElement) {
  const key = `coproduce:fieldwork:${form.getAttribute('action')}`;
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
    void send(form, key);
  });
  window.addEventListener('online', () => {
    if (JSON.parse(localStorage.getItem(key) ?? 'null')?.pending) void send(form, key);
  });
  if (kept?.pending && navigator.onLine) void send(form, key);
}
