// The public shell: home and territory pages in Catalan and Arabic, accessible, keyboard-usable, at 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

for (const locale of ['ca', 'ar'] as const) {
  test(`the home page in ${locale} has no WCAG 2.2 A/AA violations`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    const response = await page.goto(`/${locale}/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), locale);
    assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
    await assertAccessible(page, `/${locale}/`);
    await screenshot(page, `home-${locale}`);
    await context.close();
  });
}

test('the root address sends a browser to its language', async () => {
  const context = await openContext(browser, { locale: 'ar' });
  const page = await context.newPage();
  await page.goto('/');
  assert.match(page.url(), /\/ar\/$/);
  await context.close();
});

test('keyboard only: the skip link comes first and lands on the main content; the language switcher is reachable', async () => {
  const context = await openContext(browser, { locale: 'ca' });
  const page = await context.newPage();
  await page.goto('/ca/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Salta al contingut principal');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  // Walk forward from the top to the Spanish link and follow it.
  await page.goto('/ca/');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await page.evaluate(() => document.activeElement?.getAttribute('hreflang'))) === 'es';
  }
  assert.ok(reached, 'the Spanish link is reachable by Tab');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/es/');
  await context.close();
});

for (const locale of ['ca', 'ar'] as const) {
  test(`Barcelona's page at 320 px in ${locale}: works with JavaScript off, no sideways scrolling, accessible`, async () => {
    // Without JavaScript: the map and the table are there (both are rendered on the server).
    const noScript = await openContext(browser, { locale, width: 320, height: 800, javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`/${locale}/t/barcelona`);
    assert.equal(await plain.locator('svg.map__svg path').count(), 10);
    assert.equal(await plain.locator('table tbody tr').count(), 10);
    await noScript.close();
    // axe and the layout measurements run scripts in the page, so they use a context with JavaScript.
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    await page.goto(`/${locale}/t/barcelona`);
    assert.equal(await overflowsHorizontally(page), false);
    await assertAccessible(page, `/${locale}/t/barcelona at 320 px`);
    await screenshot(page, `barcelona-320-${locale}`);
    await context.close();
  });
}

test('the 404 page is translated and accessible', async () => {
  const context = await openContext(browser, { locale: 'ar' });
  const page = await context.newPage();
  const response = await page.goto('/ar/t/atlantis');
  assert.equal(response?.status(), 404);
  assert.match(await page.textContent('h1') ?? '', /الصفحة غير موجودة/);
  await assertAccessible(page, '404');
  await context.close();
});
