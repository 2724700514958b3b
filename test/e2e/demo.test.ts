// The demo in Catalan: an administrator finds the demo people and their roles on one admin page (with the reset
// command), which an auditor cannot open; the Agreement's members joined on spread days, not all on one.
// axe finds no WCAG 2.2 A/AA problem on these pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

test('ca: the administrator opens the list of demo people, with their roles by name and the reset command', async () => {
  const page = await signInAs(browser, 'platform-admin@coproduce.example', '/ca/admin/demo-people', { locale: 'ca' });
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Persones de la demostració');
  const handler = page.getByRole('row', { name: /case-handler@coproduce\.example/ });
  assert.match((await handler.textContent())!, /Núria Soler.*gestor\/a de casos \(Barcelona\)/);
  assert.match((await page.getByRole('row', { name: /organisation-admin@coproduce\.example/ }).textContent())!, /Empresa d’Inserció Reverdeix/);
  assert.ok((await page.locator('main').textContent())!.includes('npm run demo:reset'));
  await assertAccessible(page, 'demo people (ca)');
  await page.setViewportSize({ width: 320, height: 800 });
  assert.equal(await overflowsHorizontally(page), false);
  await screenshot(page, 'demo-people-ca');
  await page.context().close();

  const auditor = await signInAs(browser, 'auditor@coproduce.example', '/ca/desk', { locale: 'ca' });
  const refused = await auditor.goto('/ca/admin/demo-people');
  assert.equal(refused!.status(), 403);
  await auditor.context().close();
});

test('ca: the Agreement’s member organisations joined on different days', async () => {
  const context = await openContext(browser, { locale: 'ca' });
  const page = await context.newPage();
  await page.goto('/ca/t/barcelona/agreement');
  const days = await page.locator('section[aria-labelledby="members"] tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
  assert.ok(days.length > 20);
  assert.ok(new Set(days.map((d) => d!.slice(5))).size > days.length * 0.8, 'not every organisation joined on the same day of the year');
  await assertAccessible(page, 'agreement members (ca)');
  await context.close();
});
