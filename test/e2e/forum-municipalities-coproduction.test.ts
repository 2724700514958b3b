// The Metropolitan Social Forum's library, joint projects and events at 320 px, in Catalan and Spanish, reached from the
// front page by links: each filters by municipality (of the organisations behind its items, or where an event is held),
// shows that municipality beside each one, and a chip takes the filter off.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, launchBrowser, openContext, screenshot } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const forum = (locale: string) => `/${locale}/t/metropolitan-social-forum`;

/** From the front page to the forum's page, by its link. */
async function openForum(page: Page, locale: string) {
  await page.goto('/');
  await page.waitForURL(new RegExp(`/${locale}/?$`));
  await clickThrough(page, page.locator(`a[href="${forum(locale)}"]`).first());
}

for (const locale of ['ca', 'es'] as const) {
  const t = contextMessages(['library', 'projects', 'coproduction'], locale);
  const platform = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, `../../src/platform/i18n/locales/${locale}.json`), 'utf8')) as Record<string, string>;
  /** The accessible name of the chip that takes a municipality filter off. */
  const chipOf = (municipality: string) => `${platform['platform.municipality.removeFilter']} ${platform['platform.municipality.chip']!.replace('{municipality}', municipality)}`;

  test(`${locale} at 320 px: from the front page, the forum library filters by the municipality of its publishers`, async () => {
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    await openForum(page, locale);
    await clickThrough(page, page.locator(`a[href="${forum(locale)}/library"]`).first());
    const all = await page.locator('.card-list > li').count();
    assert.ok(all >= 5, `the forum shares knowledge (${all})`);
    await page.getByLabel(t('library.list.publishedFrom'), { exact: true }).selectOption({ label: 'Mataró' });
    await Promise.all([page.waitForURL(/municipality=mataro/), page.getByRole('button', { name: t('library.list.find'), exact: true }).click()]);
    const cards = page.locator('.card-list > li');
    assert.equal(await cards.count(), 1, 'only what the Mataró organisation published');
    assert.match((await cards.first().locator('.card__meta').textContent())!, /Fundació Maresme Sense Llar \(Mataró\)/);
    const chip = page.getByRole('link', { name: chipOf('Mataró') });
    await chip.waitFor();
    await assertAccessibleAndFits(page, `${locale} forum library filtered by municipality, 320 px`);
    await screenshot(page, `forum-library-municipality-${locale}-320`);
    await clickThrough(page, cards.first().locator('h2 a'));
    await page.getByText('Fundació Maresme Sense Llar (Mataró)').waitFor();
    await page.goBack();
    await Promise.all([page.waitForURL((url) => !url.search.includes('municipality')), chip.click()]);
    assert.equal(await page.locator('.card-list > li').count(), all, 'the chip took the filter off');
    await context.close();
  });

  test(`${locale} at 320 px: from the front page, the forum projects filter by the municipality of their partners`, async () => {
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    await openForum(page, locale);
    await clickThrough(page, page.locator(`a[href="${forum(locale)}/projects"]`).first());
    const filter = page.getByLabel(t('projects.list.partnersFromFilter'), { exact: true });
    const show = page.getByRole('button', { name: t('projects.list.filter'), exact: true });
    await filter.selectOption({ label: "L'Hospitalet de Llobregat" });
    await Promise.all([page.waitForURL(/municipality=hospitalet-de-llobregat/), show.click()]);
    const project = page.locator('.card-list > li');
    assert.equal(await project.count(), 1, 'the project with a partner from L’Hospitalet');
    const from = (await project.locator('.card__meta', { hasText: t('projects.list.partnersFrom') }).textContent())!;
    assert.match(from, /Barcelona, L'Hospitalet de Llobregat/);
    await page.getByRole('link', { name: chipOf("L'Hospitalet de Llobregat") }).waitFor();
    await assertAccessibleAndFits(page, `${locale} forum projects filtered by municipality, 320 px`);
    await screenshot(page, `forum-projects-municipality-${locale}-320`);
    await filter.selectOption({ label: 'Terrassa' });
    await Promise.all([page.waitForURL(/municipality=terrassa/), show.click()]);
    await page.getByText(t('projects.list.noneFrom')).waitFor();
    assert.equal(await page.locator('.card-list > li').count(), 0, 'no partner is from Terrassa');
    await assertAccessibleAndFits(page, `${locale} forum projects with none from a municipality, 320 px`);
    await context.close();
  });

  test(`${locale} at 320 px: from the front page, the forum events filter by the municipality where they are held`, async () => {
    const context = await openContext(browser, { locale, width: 320, height: 800 });
    const page = await context.newPage();
    await openForum(page, locale);
    await clickThrough(page, page.locator(`a[href="${forum(locale)}/events"]`).first());
    const cards = page.locator('.card-list > li');
    const all = await cards.count();
    assert.ok(all >= 2, `the forum has events still to come (${all})`);
    const filter = page.getByLabel(t('coproduction.events.heldInFilter'), { exact: true });
    const show = page.getByRole('button', { name: t('coproduction.filter'), exact: true });
    await filter.selectOption({ label: 'Mataró' });
    await Promise.all([page.waitForURL(/municipality=mataro/), show.click()]);
    assert.equal(await cards.count(), 1, 'only the event held in Mataró');
    const heldIn = (await cards.first().locator('.card__meta', { hasText: t('coproduction.event.heldIn') }).textContent())!;
    assert.equal(heldIn.trim(), `${t('coproduction.event.heldIn')} Mataró`);
    const chip = page.getByRole('link', { name: chipOf('Mataró') });
    await chip.waitFor();
    await assertAccessibleAndFits(page, `${locale} forum events filtered by municipality, 320 px`);
    await screenshot(page, `forum-events-municipality-${locale}-320`);
    await clickThrough(page, cards.first().locator('h2 a'));
    const municipality = page.locator('.summary-list > div', { hasText: t('coproduction.event.municipality') });
    assert.equal((await municipality.locator('dd').textContent())!.trim(), 'Mataró');
    await assertAccessibleAndFits(page, `${locale} forum event held in a municipality, 320 px`);
    await page.goBack();
    await filter.selectOption({ label: 'Terrassa' });
    await Promise.all([page.waitForURL(/municipality=terrassa/), show.click()]);
    await page.getByText(platform['platform.list.none']!).waitFor();
    assert.equal(await cards.count(), 0, 'no event is held in Terrassa');
    await Promise.all([page.waitForURL((url) => !url.search.includes('municipality')), page.getByRole('link', { name: chipOf('Terrassa') }).click()]);
    assert.equal(await cards.count(), all, 'the chip took the filter off');
    await context.close();
  });
}
