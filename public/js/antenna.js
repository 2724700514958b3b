// The antenna's enhancements; every page works without this file.
// 1. "Exit this page", as GOV.UK's component: the button, or Shift pressed on its own three times within
//    a second, leaves through the server (which deletes the unsent draft) with location.replace, so this
//    page is not kept in the tab's history. Shift used as a modifier (Shift+Tab, a capital letter) never
//    counts: its keyup follows a keyup that had shiftKey set, and any other key resets the count.
// 2. Proof of work on "check your answers": finds a counter whose SHA-256 with the server's
//    challenge starts with enough zero bits, then sends the form (browsers without JavaScript
//    take the slower path, which has a stricter limit).
const exit = document.querySelector('[data-antenna-exit]');
if (exit instanceof HTMLAnchorElement) {
  const status = document.querySelector('[data-antenna-exit-status]');
  const say = (name) => {
    if (status instanceof HTMLElement) status.textContent = status.dataset[name] ?? '';
  };
  // The server deletes the draft and its cookie (given a moment, never more than half a second), and the
  // neutral site replaces this page in the tab's history. Without JavaScript the link does both in one go.
  let leaving = false;
  const leave = () => {
    if (leaving) return;
    leaving = true;
    say('leaving');
    document.body.hidden = true;
    document.title = '';
    const go = () => window.location.replace(exit.dataset.antennaExitTo ?? exit.href);
    const timeout = new Promise((resolve) => window.setTimeout(resolve, 500));
    Promise.race([fetch(exit.href, { credentials: 'same-origin', redirect: 'manual', keepalive: true, cache: 'no-store' }), timeout]).then(go, go);
  };
  exit.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  const hint = document.querySelector('[data-antenna-exit-hint]');
  if (hint instanceof HTMLElement) hint.hidden = false;
  let presses = 0;
  let timer = 0;
  let lastKeyWasModified = false;
  const reset = () => {
    presses = 0;
    window.clearTimeout(timer);
    timer = 0;
  };
  document.addEventListener('keyup', (event) => {
    const alone = event.key === 'Shift' && !lastKeyWasModified && !event.ctrlKey && !event.altKey && !event.metaKey;
    lastKeyWasModified = event.shiftKey || event.ctrlKey || event.altKey || event.metaKey;
    if (!alone) {
      reset();
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      presses = 0;
      say('none');
    }, 1000);
    if (presses >= 3) {
      reset();
      leave();
    } else say(`pressed${presses}`);
  });
  // A key pressed while Shift is held (Shift+Tab) makes the next Shift keyup a modifier's.
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' && event.shiftKey) lastKeyWasModified = true;
    if (event.key !== 'Shift') reset();
  });
}

// Focus never half-hidden (WCAG 2.4.11): a focused field that the browser left partly off screen (a tall
// text box near the bottom) is brought fully into view, clear of the sticky exit bar (scroll-padding).
document.addEventListener('focusin', (event) => {
  const field = event.target;
  if (!(field instanceof HTMLElement)) return;
  const box = field.getBoundingClientRect();
  if (box.height <= window.innerHeight && (box.top < 0 || box.bottom > window.innerHeight)) field.scrollIntoView({ block: 'nearest' });
});

const challengeField = document.querySelector('[data-antenna-challenge]');
const powField = document.querySelector('[data-antenna-pow]');
if (challengeField instanceof HTMLInputElement && powField instanceof HTMLInputElement && window.crypto?.subtle) {
  const form = challengeField.form;
  const working = document.querySelector('[data-antenna-working]');
  const bits = Number(challengeField.value.split('.')[3]);
  const zeroBits = (bytes) => {
    let count = 0;
    for (const byte of bytes) {
      if (byte === 0) {
        count += 8;
        continue;
      }
      count += Math.clz32(byte) - 24;
      break;
    }
    return count;
  };
  const solve = async () => {
    const encoder = new TextEncoder();
    for (let counter = 0; counter < 50_000_000; counter++) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${challengeField.value}:${counter}`)));
      if (zeroBits(digest) >= bits) return String(counter);
    }
    return '';
  };
  let solved = false;
  form?.addEventListener('submit', async (event) => {
    if (solved) return;
    event.preventDefault();
    if (working instanceof HTMLElement) working.hidden = false;
    powField.value = await solve();
    solved = true;
    form.submit();
  });
}
