// Browser journeys of the visits and organisations staff lists (issue 21, item 2), in Catalan and in Arabic with axe:
// the demo audit coordinator goes from the desk to a campaign and filters its visits by status with the count links,
// searches a facility and sorts by facility; the territory admin goes from the desk to the organisations list,
// filters the unverified, searches, sorts by name. A reload shows the same list (it is all in the URL); 320 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, overflowsHorizontally, signInAs } from './support.ts';

let browser: Browser;
const pages: Page[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const page of pages) await page.context().close();
  await browser?.close();
});

const countOf = async (link: Locator) => Number((await link.locator('.count-links__count').textContent())!.replace(/\D/g, ''));

const visitWords = {
  ca: { campaigns: 'Campanyes', byStatus: 'Visites per estat', submitted: 'Enviada', search: 'Equipament o nom en clau de l’auditor', filter: 'Filtrar', facility: 'Equipament', any: 'Qualsevol' },
  ar: { campaigns: 'الحملات', byStatus: 'الزيارات حسب الحالة', submitted: 'أُرسلت', search: 'المرفق أو الاسم الرمزي للمدقق', filter: 'تصفية', facility: 'المكان', any: 'الكل' },
} as const;

for (const locale of ['ca', 'ar'] as const) {
  test(`the coordinator filters, searches and sorts a campaign's visits from the desk, kept in the URL (${locale})`, async () => {
    const w = visitWords[locale];
    const page = await signInAs(browser, 'audit-coordinator@coproduce.example', `/${locale}/desk`, { locale });
    pages.push(page);
    await page.getByRole('link', { name: w.campaigns, exact: true }).first().click();
    await page.waitForURL(/\/audits\/campaigns$/);
    await page.locator('main table a, main li a').filter({ hasText: /2025/ }).first().click();
    await page.waitForURL(/\/audits\/campaigns\/[0-9a-f-]{36}$/);
    const list = page.locator('section[aria-labelledby="visits-heading"]');
    const statusLinks = list.getByRole('navigation', { name: w.byStatus });
    const all = await countOf(statusLinks.getByRole('link', { name: new RegExp(`^${w.any}`) }));
    const sentLink = statusLinks.getByRole('link', { name: new RegExp(`^${w.submitted}`) });
    const sent = await countOf(sentLink);
    assert.ok(sent > 0 && sent <= all, `sent visits (${sent}) are some of all (${all})`);
    await assertAccessible(page, `campaign visits (${locale})`);
    await sentLink.click();
    await page.waitForURL(/status=submitted/);
    assert.equal(await list.locator('tbody tr').count(), Math.min(sent, 50));
    assert.equal(await list.getByRole('navigation', { name: w.byStatus }).getByRole('link', { name: new RegExp(`^${w.submitted}`) }).getAttribute('aria-current'), 'true');
    // Search the first row's facility: every row is at that facility, and the status filter stays.
    const facility = (await list.locator('tbody tr th').first().textContent())!.trim();
    await list.getByLabel(w.search).fill(facility);
    await list.getByRole('button', { name: w.filter }).click();
    await page.waitForURL(/q=/);
    assert.match(page.url(), /status=submitted/);
    const places = await list.locator('tbody tr th').allTextContents();
    assert.ok(places.length > 0 && places.every((p) => p.trim() === facility), `rows: ${places.join(' | ')}`);
    // Sorted by facility, then reloaded: the same rows in the same order.
    await list.getByLabel(w.search).fill('');
    await list.getByRole('button', { name: w.filter }).click();
    await page.waitForURL(/[?&]q=(&|$)/);
    await list.getByRole('columnheader', { name: w.facility }).getByRole('link').click();
    await page.waitForURL(/sort=facility/);
    const sorted = await list.locator('tbody tr th').allTextContents();
    assert.deepEqual(sorted, [...sorted].sort((a, b) => a.localeCompare(b, locale)));
    await page.reload();
    assert.deepEqual(await list.locator('tbody tr th').allTextContents(), sorted);
    assert.equal(await list.getByRole('columnheader', { name: w.facility }).getAttribute('aria-sort'), 'ascending');
    await assertAccessible(page, `campaign visits, sent, by facility (${locale})`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr');
    await page.setViewportSize({ width: 320, height: 800 });
    assert.equal(await overflowsHorizontally(page), false);
    await assertAccessible(page, `campaign visits at 320 px (${locale})`);
  });
}

const organisationWords = {
  ca: { tool: 'Entitats registrades (verificació, Acord)', byVerification: 'Entitats per verificació', unverified: 'No verificada', verified: 'Verificada', search: 'Nom de l’entitat', filter: 'Filtra', name: 'Organització', all: 'Totes', caption: /Entitats \((\d+)\)/ },
  ar: { tool: 'المنظمات المسجلة (التحقق، الاتفاق)', byVerification: 'المنظمات حسب التحقق', unverified: 'لم يتم التحقق منها', verified: 'تم التحقق منها', search: 'اسم المنظمة', filter: 'تصفية', name: 'الجمعية', all: 'الكل', caption: /المنظمات \((\d+)\)/ },
} as const;

for (const locale of ['ca', 'ar'] as const) {
  test(`the territory admin filters, searches and sorts the organisations from the desk, kept in the URL (${locale})`, async () => {
    const w = organisationWords[locale];
    const page = await signInAs(browser, 'territory-admin@coproduce.example', `/${locale}/desk`, { locale });
    pages.push(page);
    await page.getByRole('link', { name: w.tool }).first().click();
    await page.waitForURL(/\/t\/barcelona\/organisations$/);
    const total = Number((await page.locator('main caption').textContent())!.match(w.caption)![1]);
    const verification = page.getByRole('navigation', { name: w.byVerification });
    const unverifiedLink = verification.getByRole('link', { name: new RegExp(`^${w.unverified}`) });
    const unverified = await countOf(unverifiedLink);
    assert.ok(unverified > 0 && unverified < total, `unverified (${unverified}) are some of all (${total})`);
    await assertAccessible(page, `organisations list (${locale})`);
    await unverifiedLink.click();
    await page.waitForURL(/verification=unverified/);
    assert.equal(await page.locator('main tbody tr').count(), Math.min(unverified, 50));
    const verificationCells = await page.locator('main tbody tr td:nth-child(4)').allTextContents();
    assert.ok(verificationCells.every((c) => c.trim() === w.unverified), 'only the unverified');
    // A search among them: a part of the first row's name, kept with the filter.
    const firstName = (await page.locator('main tbody tr th').first().textContent())!.trim();
    const word = firstName.split(/\s+/).find((x) => x.length > 4) ?? firstName;
    await page.getByLabel(w.search).fill(word);
    await page.getByRole('button', { name: w.filter }).click();
    await page.waitForURL(/q=/);
    assert.match(page.url(), /verification=unverified/);
    const names = await page.locator('main tbody tr th').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n.toLowerCase().includes(word.toLowerCase())), `rows: ${names.join(' | ')}`);
    // Sorted by name, reloaded: the same.
    await page.getByLabel(w.search).fill('');
    await page.getByRole('button', { name: w.filter }).click();
    await page.waitForURL(/[?&]q=(&|$)/);
    await page.getByRole('columnheader', { name: new RegExp(`^${w.name}`) }).getByRole('link').click();
    await page.waitForURL(/sort=name/);
    const sorted = await page.locator('main tbody tr th').allTextContents();
    await page.reload();
    assert.deepEqual(await page.locator('main tbody tr th').allTextContents(), sorted);
    assert.equal(await page.getByRole('columnheader', { name: new RegExp(`^${w.name}`) }).getAttribute('aria-sort'), 'ascending');
    assert.match(page.url(), /verification=unverified/);
    await assertAccessible(page, `organisations, unverified, by name (${locale})`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr');
    await page.setViewportSize({ width: 320, height: 800 });
    await verification.getByRole('link', { name: new RegExp(`^${w.all}`) }).click();
    assert.equal(await overflowsHorizontally(page), false);
    await assertAccessible(page, `organisations list at 320 px (${locale})`);
  });
}
