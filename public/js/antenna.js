// The antenna's enhancements; every page works without this file.
// 1. "Exit this page": the button and pressing Shift three times leave for a neutral site with
//    location.replace, so the antenna page is not kept in this tab's history.
// 2. Proof of work on "check your answers": finds a counter whose SHA-256 with the server's
//    challenge starts with enough zero bits, then sends the form (browsers without JavaScript
//    take the slower path, which has a stricter limit).
const exit = document.querySelector('[data-antenna-exit]');
if (exit instanceof HTMLAnchorElement) {
  const leave = () => {
    document.body.hidden = true;
    window.location.replace(exit.href);
  };
  exit.addEventListener('click', (event) => {
    event.preventDefault();
    leave();
  });
  const hint = document.querySelector('[data-antenna-exit-hint]');
  if (hint instanceof HTMLElement) hint.hidden = false;
  let presses = 0;
  let timer = 0;
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Shift' || event.repeat) return;
    presses += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => (presses = 0), 1000);
    if (presses >= 3) leave();
  });
}

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
