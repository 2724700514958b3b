// The antenna by keyboard alone, in Arabic, Urdu and Chinese at 320 px: tabbing forwards and backwards
// through every step never leaves the focused element hidden (behind the sticky exit bar or off screen,
// WCAG 2.4.11), and "exit this page" counts only Shift pressed on its own (Shift+Tab and capitals never).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openContext } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
});

interface Focused {
  description: string;
  hidden: string | null;
}

/** Where the focused element is, and why it is not fully visible (null when it is). */
function focusedState(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const description = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const rects = [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (rects.length === 0) return { description, hidden: 'it has no box' };
    const bar = document.querySelector('.antenna-exit-bar');
    const barBox = bar && !bar.contains(el) ? bar.getBoundingClientRect() : null;
    for (const r of rects) {
      if (r.top < -0.5 || r.left < -0.5 || r.bottom > window.innerHeight + 0.5 || r.right > window.innerWidth + 0.5) {
        return { description, hidden: `outside the viewport (${Math.round(r.top)}..${Math.round(r.bottom)} of ${window.innerHeight})` };
      }
      if (barBox && r.top < barBox.bottom - 0.5 && r.bottom > barBox.top + 0.5 && r.left < barBox.right && r.right > barBox.left) {
        return { description, hidden: `under the exit bar (${Math.round(r.top)} < ${Math.round(barBox.bottom)})` };
      }
      // Whatever else may cover it: the element itself must be what is drawn at the middle of each of its boxes.
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      if (hit && hit !== el && !el.contains(hit) && !(hit instanceof HTMLLabelElement && hit.control === el)) {
        return { description, hidden: `covered by ${hit.tagName.toLowerCase()}.${hit.className}` };
      }
    }
    return { description, hidden: null };
  });
}

/** Tabs through the whole page (forwards, then backwards), asserting each focused element is fully visible. */
async function tabThrough(page: Page, label: string) {
  for (const key of ['Tab', 'Shift+Tab']) {
    await page.evaluate((forwards) => {
      (document.activeElement as HTMLElement | null)?.blur();
      window.scrollTo(0, forwards ? 0 : document.documentElement.scrollHeight);
    }, key === 'Tab');
    const seen: string[] = [];
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press(key);
      const state = await focusedState(page);
      if (!state) {
        if (seen.length > 0) break;
        continue;
      }
      assert.equal(state.hidden, null, `${label}, ${key} #${i + 1}: ${state.description} is ${state.hidden}`);
      if (seen[0] === state.description) break;
      seen.push(state.description);
    }
    assert.ok(seen.length >= 5, `${label}: ${key} reached ${seen.length} elements`);
  }
  assert.ok(new URL(page.url()).pathname.includes('/antenna'), `${label}: Shift+Tab never leaves the page`);
}

async function submit(page: Page) {
  await Promise.all([page.waitForLoadState('load'), page.locator('main form[method="post"] button[type="submit"]').last().click()]);
}

for (const locale of ['ar', 'ur', 'zh']) {
  test(`by keyboard at 320 px in ${locale}, every antenna step keeps the focused element in sight`, async () => {
    const context = await openContext(browser, { locale, width: 320, height: 640 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`/${locale}/t/barcelona/antenna`);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    await tabThrough(page, `${locale} start`);
    await submit(page);

    const steps: [string, (p: Page) => Promise<unknown>][] = [
      ['service', (p) => p.locator('select[name="serviceId"]').selectOption('unknown')],
      ['story', (p) => p.locator('textarea[name="story"]').fill(locale === 'zh' ? '窗口的人不肯听我说话。' : 'قالوا لي أن أعود مع مترجم. NIE 2024')],
      ['when', (p) => p.locator('select[name="when"]').selectOption('unknown')],
      ['where', async () => undefined],
      ['grounds', (p) => p.locator('input[name="grounds"]').first().check()],
      ['before', (p) => p.locator('input[name="before"][value="no"]').check()],
      ['wishes', (p) => p.locator('input[name="referral"][value="no"]').check()],
      ['contact', (p) => p.locator('input[name="mode"][value="anonymous"]').check()],
    ];
    for (const [step, answer] of steps) {
      assert.match(page.url(), new RegExp(`/report/${step}$`), `${locale}: on the ${step} step`);
      await tabThrough(page, `${locale} ${step}`);
      await answer(page);
      await submit(page);
    }
    assert.match(page.url(), /\/report\/check$/);
    await tabThrough(page, `${locale} check your answers (320 px)`);
    // The "Change" links of check your answers, at a desktop width too, where the exit bar is sticky.
    await page.setViewportSize({ width: 1280, height: 600 });
    await tabThrough(page, `${locale} check your answers (1280 px)`);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`/${locale}/t/barcelona/antenna/follow`);
    await tabThrough(page, `${locale} follow`);
    await context.close();
  });
}

test('"exit this page" counts only Shift pressed alone, three times within a second, and leaves nothing to go back to', async () => {
  const context = await openContext(browser, { locale: 'en', width: 400 });
  await context.route('https://www.google.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>weather</title>' }));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.clock.install();
  await page.goto('/en/');
  await page.goto('/en/t/barcelona/antenna');
  await submit(page);
  await page.locator('select[name="serviceId"]').selectOption('unknown');
  await submit(page);
  assert.match(page.url(), /\/report\/story$/);

  const story = page.locator('textarea[name="story"]');
  await story.click();
  await page.keyboard.type('They asked for my ');
  // "NIE" typed with Shift held for each capital: three Shift keyups, none of them alone.
  for (const letter of ['KeyN', 'KeyI', 'KeyE']) {
    await page.keyboard.down('Shift');
    await page.keyboard.press(letter);
    await page.keyboard.up('Shift');
  }
  assert.equal(await story.inputValue(), 'They asked for my NIE');
  // Going back through the form with Shift+Tab, three times.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  // Shift held, Tab pressed, Shift released before Tab: still a modifier.
  await page.keyboard.down('Shift');
  await page.keyboard.down('Tab');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Tab');
  assert.match(page.url(), /\/report\/story$/, 'Shift as a modifier never leaves the page');

  // Two presses, more than a second, one press: no exit.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.clock.runFor(1200);
  await page.keyboard.press('Shift');
  assert.match(page.url(), /\/report\/story$/, 'presses more than a second apart do not count together');
  await page.clock.runFor(1200);
  // Two presses, another key, one press: no exit.
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.keyboard.press('KeyA');
  await page.keyboard.press('Shift');
  assert.match(page.url(), /\/report\/story$/, 'another key in between starts the count again');
  await page.clock.runFor(1200);
  assert.match((await page.locator('[data-antenna-exit-status]').textContent()) ?? '', /^$/);

  await page.keyboard.press('Shift');
  assert.match((await page.locator('[data-antenna-exit-status]').textContent()) ?? '', /2 more times/, 'the count is announced');
  await page.keyboard.press('Shift');
  await page.keyboard.press('Shift');
  await page.waitForURL('https://www.google.com/**');
  assert.equal((await context.cookies()).filter((c) => c.name === 'antenna_draft').length, 0, 'the draft cookie is gone');

  // Back does not return to the story: the exit replaced it, and the earlier step finds no draft.
  await page.goBack();
  assert.doesNotMatch(page.url(), /\/report\/story$/);
  assert.ok(!((await page.content()).includes('They asked for my')), 'nothing typed is shown again');
  await context.close();
});
