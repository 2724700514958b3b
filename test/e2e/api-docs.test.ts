// An integrator finds the API's documentation from the front page's footer: the operations grouped by context,
// each with what it returns, who may call it and the scope it needs. Accessible, at 320 px, and right-to-left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

for (const [locale, width] of [
  ['ca', 1280],
  ['ar', 320],
] as const) {
  test(`from the front page in ${locale}, the API docs list every operation by context with its description and scope (${width} px)`, async () => {
    const context = await openContext(browser, { locale, width });
    const page = await context.newPage();
    await page.goto(`/${locale}/`);
    const link = page.locator('footer a[href="/api/docs"]');
    await link.click();
    await page.waitForURL(/\/api\/docs$/);
    assert.equal(await page.getAttribute('html', 'lang'), locale, 'the page in the language of the page it came from');
    assert.equal((await page.getAttribute('html', 'dir')) === 'rtl', locale === 'ar');
    // Grouped by context, each group in the contents.
    const groups = await page.locator('section.api-tag > h2').allTextContents();
    for (const tag of ['agreement', 'antenna', 'audits', 'library', 'frameworks', 'projects', 'notifications']) assert.ok(groups.includes(tag), `${tag} in ${groups.join(', ')}`);
    assert.equal(await page.locator('nav[aria-labelledby="api-contents"] a').count(), groups.length);
    // Every operation has a sentence beyond its summary, and says its name and scope.
    const operations = page.locator('article.api-operation');
    const count = await operations.count();
    assert.ok(count >= 78, `${count} operations`);
    assert.equal(await page.locator('article.api-operation div[lang="en"] p:nth-child(2)').count(), count, 'a description for each');
    const readCase = page.locator('article.api-operation', { has: page.locator('code', { hasText: 'readCase' }) });
    assert.match((await readCase.textContent()) ?? '', /antenna:handle/);
    assert.match((await readCase.textContent()) ?? '', /Coproduce-Case-Key/);
    await page.locator('nav[aria-labelledby="api-contents"] a[href="#tag-antenna"]').click();
    assert.match(page.url(), /#tag-antenna$/);
    assert.equal(await overflowsHorizontally(page), false, 'no sideways scrolling');
    await assertAccessible(page, `/api/docs (${locale})`);
    await screenshot(page, `api-docs-${locale}-${width}`);
    await context.close();
  });
}
