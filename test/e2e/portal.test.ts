// The front door and the desk, in Catalan and Arabic at 320 px with axe: a visitor goes from / to Barcelona's
// antenna, its diagnosis and joining the audit network by following links only; an auditor goes from the
// desk to their next visit; a case handler from the desk to the case queue.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

async function follow(page: Page, selector: string, expected: RegExp, label: string) {
  await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
  assert.match(new URL(page.url()).pathname, expected, label);
  assert.equal(await overflowsHorizontally(page), false, `${label} at 320 px`);
  await assertAccessible(page, label);
}

for (const locale of ['ca', 'ar'] as const) {
  test(`a visitor in ${locale} finds Barcelona's antenna, its diagnosis and the audit network from /, at 320 px`, async () => {
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto('/');
    assert.match(page.url(), new RegExp(`/${locale}/$`));
    await assertAccessible(page, `/${locale}/ at 320 px`);
    assert.equal(await overflowsHorizontally(page), false);
    await follow(page, `main a[href="/${locale}/t/barcelona"]`, new RegExp(`^/${locale}/t/barcelona$`), 'Barcelona’s portal');
    await screenshot(page, `portal-barcelona-320-${locale}`);
    // Reporting discrimination comes first.
    assert.equal(await page.locator('main [data-entry]').first().getAttribute('data-entry'), 'antenna');
    await follow(page, '[data-entry="antenna"] a', new RegExp(`^/${locale}/t/barcelona/antenna$`), 'the antenna');
    await follow(page, '.site-header__territory', new RegExp(`^/${locale}/t/barcelona$`), 'back to the portal');
    await follow(page, '[data-entry="diagnosis"] a', new RegExp(`^/${locale}/t/barcelona/diagnosis$`), 'the diagnosis');
    await follow(page, '.site-header__territory', new RegExp(`^/${locale}/t/barcelona$`), 'back to the portal');
    await follow(page, '[data-entry="audits-join"] a', new RegExp(`^/${locale}/t/barcelona/audits/join$`), 'joining the audit network');
    await context.close();
  });

  test(`an auditor in ${locale} goes from the desk to their next visit, at 320 px`, async () => {
    const page = await signInAs(browser, 'auditor@coproduce.example', `/${locale}/desk`, { locale, width: 320, height: 800 });
    assert.equal(await overflowsHorizontally(page), false, 'the desk at 320 px');
    await assertAccessible(page, 'the auditor’s desk');
    await screenshot(page, `desk-auditor-320-${locale}`);
    await follow(page, '[data-task="audits.visits"] a', new RegExp(`^/${locale}/t/barcelona/audits/visits(/[0-9a-f-]{36}/sections/1)?$`), 'the next visit');
    await page.context().close();
  });
}

test('a case handler goes from the desk to the case queue', async () => {
  const page = await signInAs(browser, 'case-handler@coproduce.example', '/ca/desk', { locale: 'ca', width: 320, height: 800 });
  await assertAccessible(page, 'the case handler’s desk');
  // With nothing new the task sits among the lists that are up to date; the count is shown either way.
  assert.equal(await page.locator('[data-task="antenna.new"]').count(), 1);
  await follow(page, 'nav a[href="/ca/t/barcelona/antenna/cases"]', /^\/ca\/t\/barcelona\/antenna\/cases/, 'the case queue');
  await page.context().close();
});
