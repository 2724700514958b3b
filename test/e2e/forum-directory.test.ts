// The Metropolitan Social Forum's directory at 320 px, in Catalan: members from several municipalities, each with
// where it is registered; the municipality filter and its chip; and a natural question read as removable filters.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { assertAccessible, launchBrowser, openContext, overflowsHorizontally, screenshot } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

test('ca at 320 px: the forum directory filters by municipality, shows it beside each organisation, and a chip removes the filter', async () => {
  const context = await openContext(browser, { locale: 'ca', width: 320, height: 800 });
  const page = await context.newPage();
  await page.goto('/ca/t/metropolitan-social-forum/directory');
  const all = await page.locator('.result-list > li').count();
  assert.ok(all >= 10, `the forum lists its members (${all})`);
  await page.getByLabel('Municipi', { exact: true }).selectOption({ label: 'Terrassa' });
  await Promise.all([page.waitForURL(/municipality=terrassa/), page.getByRole('button', { name: 'Cerca', exact: true }).click()]);
  const metas = await page.locator('.result-list .card__meta').allTextContents();
  assert.ok(metas.length >= 2, 'Terrassa has members of the forum');
  for (const meta of metas) assert.match(meta, /^Terrassa · /);
  const chip = page.getByRole('link', { name: 'Treu el filtre Municipi: Terrassa' });
  await chip.waitFor();
  assert.equal(await overflowsHorizontally(page), false, 'nothing is cut off at 320 px');
  await assertAccessible(page, 'forum directory filtered by municipality, 320 px');
  await screenshot(page, 'forum-directory-municipality-ca-320');
  await Promise.all([page.waitForURL((url) => !url.search.includes('municipality')), chip.click()]);
  assert.equal(await page.locator('.result-list > li').count(), all, 'the chip removed the filter');
  await context.close();
});

test('ca at 320 px: "Qui treballa en habitatge a Nou Barris?" shows the area and the district as chips; one removed, the other stays', async () => {
  const context = await openContext(browser, { locale: 'ca', width: 320, height: 800 });
  const page = await context.newPage();
  await page.goto('/ca/t/barcelona/directory');
  await page.getByLabel('Cerca', { exact: true }).fill('Qui treballa en habitatge a Nou Baris?');
  await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Cerca', exact: true }).click()]);
  const district = page.getByRole('link', { name: 'Treu el filtre Districte: Nou Barris' });
  await district.waitFor();
  await page.getByRole('link', { name: 'Treu el filtre Àmbit de treball: Habitatge' }).waitFor();
  const narrow = await page.locator('.result-list > li').count();
  assert.ok(narrow >= 2);
  assert.equal(await overflowsHorizontally(page), false);
  await assertAccessible(page, 'directory question with chips, 320 px');
  await screenshot(page, 'directory-question-chips-ca-320');
  await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === 'Qui treballa en habitatge a?'), district.click()]);
  await page.getByRole('link', { name: 'Treu el filtre Àmbit de treball: Habitatge' }).waitFor();
  assert.equal(await page.getByRole('link', { name: /Districte: Nou Barris/ }).count(), 0);
  assert.ok((await page.locator('.result-list > li').count()) > narrow, 'every housing organisation of Barcelona');
  await context.close();
});

test('ca at 320 px: from the forum front page, its statements filter by the municipality of their signatories', async () => {
  const context = await openContext(browser, { locale: 'ca', width: 320, height: 800 });
  const page = await context.newPage();
  await page.goto('/ca/t/metropolitan-social-forum');
  await Promise.all([page.waitForURL(/\/statements$/), page.locator('a[href="/ca/t/metropolitan-social-forum/statements"]').first().click()]);
  const statement = page.getByRole('link', { name: 'Per un protocol metropolità contra els desnonaments sense alternativa' });
  await statement.waitFor();
  const from = (await page.locator('.card .card__meta', { hasText: 'Signants de:' }).first().textContent())!;
  assert.match(from, /Signants de: .+/);
  const home = from.replace('Signants de:', '').split(',')[0]!.trim();
  await page.getByLabel('Signada per organitzacions de', { exact: true }).selectOption({ label: home });
  await Promise.all([page.waitForURL(/municipality=/), page.getByRole('button', { name: 'Mostra', exact: true }).click()]);
  await statement.waitFor();
  const chip = page.getByRole('link', { name: `Treu el filtre Municipi: ${home}` });
  await chip.waitFor();
  assert.equal(await overflowsHorizontally(page), false, 'nothing is cut off at 320 px');
  await assertAccessible(page, 'forum statements filtered by municipality, 320 px');
  await screenshot(page, 'forum-statements-municipality-ca-320');
  const other = (await page.locator('#f-municipality option').allTextContents()).find((label) => label !== 'Qualsevol' && !from.includes(label));
  assert.ok(other, 'a municipality with no signatory of the statement');
  await page.getByLabel('Signada per organitzacions de', { exact: true }).selectOption({ label: other });
  await Promise.all([page.waitForURL((url) => url.searchParams.get('municipality') !== null && !page.url().includes(encodeURIComponent(home))), page.getByRole('button', { name: 'Mostra', exact: true }).click()]);
  await page.getByRole('link', { name: `Treu el filtre Municipi: ${other}` }).waitFor();
  assert.equal(await statement.count(), 0, 'the statement has no signatory there');
  await Promise.all([page.waitForURL((url) => !url.search.includes('municipality')), page.getByRole('link', { name: `Treu el filtre Municipi: ${other}` }).click()]);
  await statement.waitFor();
  await Promise.all([page.waitForURL(/\/ca\/statements\//), statement.click()]);
  await page.getByText(`(${home})`).first().waitFor();
  await context.close();
});
