// Browser journey of the adhesions staff list (issue 21, item 2), in Catalan and in Arabic with axe: the demo
// promoting group member filters the Agreement's adhesions by status with the count links, searches an
// organisation, sorts by name; the list's state is in the URL, so a reload (or a shared link) shows the same;
// the pager pages; at 320 px nothing scrolls sideways, and the Arabic page reads right to left.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
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

const words = {
  ca: { heading: 'Totes les adhesions', members: 'Membre', search: 'Nom de l’organització', filter: 'Filtra', organisation: 'Organització', caption: /Adhesions a l’Acord \((\d+)\)/, all: 'Totes' },
  ar: { heading: 'كل طلبات الانضمام', members: 'عضو', search: 'اسم الجمعية', filter: 'صفِّ', organisation: 'الجمعية', caption: /طلبات الانضمام إلى الاتفاق \((\d+)\)/, all: 'الكل' },
} as const;

for (const locale of ['ca', 'ar'] as const) {
  test(`the promoting group filters, searches and sorts the adhesions, kept in the URL (${locale})`, async () => {
    const w = words[locale];
    const page = await signInAs(browser, 'promoting-group-member@coproduce.example', `/${locale}/t/barcelona/agreement/review`, { locale });
    pages.push(page);
    const list = page.locator('section[aria-labelledby="adhesions-heading"]');
    assert.ok(await list.getByRole('heading', { name: w.heading }).isVisible());
    await assertAccessible(page, `adhesions list (${locale})`);
    const counted = (name: string) => list.locator('.count-links a', { hasText: name }).first();
    const total = Number((await list.locator('caption').textContent())!.match(w.caption)![1]);
    const membersLink = counted(w.members);
    const members = Number((await membersLink.locator('.count-links__count').textContent())!.replace(/\D/g, ''));
    assert.ok(members > 0 && members < total, `members (${members}) are some of all (${total})`);
    await membersLink.click();
    await page.waitForURL(/status=member/);
    assert.equal(await list.locator('tbody tr').count(), Math.min(members, 50));
    assert.equal(await counted(w.members).getAttribute('aria-current'), 'true');
    // A search within the members: every row holds the word, and the count says how many.
    await page.getByLabel(w.search).fill('Raval');
    await list.getByRole('button', { name: w.filter }).click();
    await page.waitForURL(/q=Raval/);
    assert.match(page.url(), /status=member/, 'the search keeps the status filter');
    const found = await list.locator('tbody tr').allTextContents();
    assert.ok(found.length > 0 && found.every((row) => /raval/i.test(row)), `rows: ${found.join(' | ')}`);
    // Sorting by name, then a reload: the same list, the same order, the header says so.
    await page.getByLabel(w.search).fill('');
    await list.getByRole('button', { name: w.filter }).click();
    // The emptied search box still sends q= (empty), which the list reads as no search.
    await page.waitForURL(/[?&]q=(&|$)/);
    await list.getByRole('columnheader', { name: w.organisation }).getByRole('link').click();
    await page.waitForURL(/sort=organisation/);
    const sorted = await list.locator('tbody tr td:first-child').allTextContents();
    await page.reload();
    assert.deepEqual(await list.locator('tbody tr td:first-child').allTextContents(), sorted);
    assert.equal(await list.getByRole('columnheader', { name: w.organisation }).getAttribute('aria-sort'), 'ascending');
    assert.match(page.url(), /status=member/);
    await assertAccessible(page, `adhesions list, members by name (${locale})`);
    assert.equal(await page.evaluate(() => document.documentElement.dir), locale === 'ar' ? 'rtl' : 'ltr');
    // The whole list at 320 px: no sideways scrolling (the table scrolls in its own box).
    await page.setViewportSize({ width: 320, height: 800 });
    await counted(w.all).click();
    assert.equal(await overflowsHorizontally(page), false);
    await assertAccessible(page, `adhesions list at 320 px (${locale})`);
  });
}
