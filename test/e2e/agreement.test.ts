// The Agreement's public pages in Catalan and Spanish: the directory finds an organisation by a misspelt search,
// and every new page has no WCAG 2.2 A/AA violations. Signing, approving, joining, proposing and supporting need a
// real sign-in (the identity context); until it is merged they are covered through HTTP in agreement.journey.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const searches = { ca: { q: 'habitatje dign', label: 'Cerca' }, es: { q: 'fundacio sostre obertt', label: 'Buscar' } } as const;
const found = { ca: 'Associació Habitatge Digne Nou Barris', es: 'Fundació Sostre Obert' } as const;

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: the directory finds an organisation by a misspelt search without accents, and its pages are accessible`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    await page.goto(`/${locale}/t/barcelona/directory`);
    await assertAccessible(page, `/${locale}/t/barcelona/directory`);
    await page.getByLabel(searches[locale].label, { exact: true }).fill(searches[locale].q);
    await page.getByRole('button', { name: searches[locale].label }).click();
    await page.waitForURL(/q=/);
    const result = page.getByRole('link', { name: found[locale] });
    await result.waitFor();
    await assertAccessible(page, `directory search ${locale}`);
    assert.equal(await overflowsHorizontally(page), false);
    await result.click();
    await page.waitForURL(/\/organisations\//);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), found[locale]);
    await assertAccessible(page, `organisation ${locale}`);
    await context.close();
  });

  test(`${locale}: the Agreement, a network, the challenges and a challenge have no accessibility violations`, async () => {
    const context = await openContext(browser, { locale });
    const page = await context.newPage();
    for (const path of ['/t/barcelona/agreement', '/t/metropolitan-social-forum/agreement', '/t/barcelona/networks/homeless-people', '/t/metropolitan-social-forum/networks/residential-inclusion', '/t/barcelona/challenges']) {
      const response = await page.goto(`/${locale}${path}`);
      assert.equal(response?.status(), 200, path);
      await assertAccessible(page, `${locale}${path}`);
    }
    await page.goto(`/${locale}/t/barcelona/challenges`);
    await page.getByRole('link', { name: /Nou Barris/ }).first().click();
    await page.waitForURL(/\/challenges\/[0-9a-f-]{36}/);
    await assertAccessible(page, `challenge ${locale}`);
    await context.close();
  });
}
