// The Agreement in the browser, in Catalan and Spanish: the promoting group (a demo person) signs in, declines and
// approves requests to join and prioritises a challenge; the directory finds the new member by a misspelt search;
// every page on the way has no WCAG 2.2 A/AA violations. The organisation admin's steps (sign, join a network,
// propose, support) need organisation-scoped roles, which the demo people do not hold yet: they are covered
// through HTTP in src/contexts/agreement/agreement.journey.test.ts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally } from './support.ts';

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

async function submitIn(page: Page, scope: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForLoadState('load'), scope.locator('button[type="submit"]').first().click()]);
}

async function signInAsPromotingGroup(page: Page, locale: string, path: string) {
  await page.goto(`/${locale}${path}`);
  assert.match(page.url(), /\/account\/sign-in/);
  await page.fill('input[name="email"]', 'promoting-group-member@coproduce.example');
  await page.fill('input[name="password"]', demoPeoplePassword);
  await submitIn(page, page.locator('main form[method="post"]'));
  assert.equal(new URL(page.url()).pathname, `/${locale}${path}`);
}

test('ca: the promoting group needs a reason to decline, approves a request, the directory finds the new member misspelt, and a challenge is prioritised', async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  const context = await openContext(browser, { locale: 'ca' });
  const page = await context.newPage();
  await signInAsPromotingGroup(page, 'ca', '/t/barcelona/agreement/review');
  await assertAccessible(page, 'review');
  const request = page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' });
  await request.getByLabel('No acceptar').check();
  await submitIn(page, request);
  assert.match(await page.locator('.error-summary').textContent() ?? '', /Doneu un motiu/);
  await assertAccessible(page, 'review with an error');
  await page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' }).getByLabel('Aprovar: passa a ser membre').check();
  await submitIn(page, page.locator('section.panel', { hasText: 'Associació Cultural Filipina Bayanihan' }));
  assert.match(await page.locator('.notice').textContent() ?? '', /L’organització ja és membre/);

  await page.goto('/ca/t/barcelona/directory?q=bayanihan+filipna');
  await page.getByRole('link', { name: 'Associació Cultural Filipina Bayanihan' }).waitFor();

  await page.goto('/ca/t/barcelona/challenges');
  await page.getByRole('link', { name: 'Dones grans que cuiden soles i sense respir' }).click();
  await page.waitForURL(/\/challenges\//);
  const form = page.locator('section', { hasText: 'Grup impulsor: estat i xarxes' });
  await form.getByLabel('Prioritzat', { exact: true }).check();
  await form.getByLabel('Xarxa de Suport a les Famílies Cuidadores').check();
  await submitIn(page, form);
  assert.match(await page.locator('.notice').textContent() ?? '', /El repte s’ha actualitzat/);
  assert.match(await page.locator('.lead .tag').first().textContent() ?? '', /Prioritzat/);
  await assertAccessible(page, 'prioritised challenge');
  await context.close();
});

test('es: the promoting group declines a request with a reason, and the organisation stays out of the directory', async () => {
  const context = await openContext(browser, { locale: 'es' });
  const page = await context.newPage();
  await signInAsPromotingGroup(page, 'es', '/t/barcelona/agreement/review');
  const request = page.locator('section.panel', { hasText: 'Associació LGTBI Diversitat Gràcia' });
  await request.getByLabel('No aceptar').check();
  await request.getByLabel('Motivo').fill('Falta la memoria de actividades del último año.');
  await submitIn(page, request);
  assert.match(await page.locator('.notice').textContent() ?? '', /La solicitud no se ha aceptado/);
  await assertAccessible(page, 'review after declining');
  await page.goto('/es/t/barcelona/directory?q=diversitat');
  assert.equal(await page.getByRole('link', { name: 'Associació LGTBI Diversitat Gràcia' }).count(), 0, 'not a member');
  await context.close();
});
