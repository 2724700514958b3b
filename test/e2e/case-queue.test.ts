// The case handler's queue on the demo's cases, in Catalan and in Arabic: counts per status, a filter
// that stays in the URL (and survives a reload), sorting by a column header, the next page and a
// search by part of a reference. axe finds no WCAG 2.2 A/AA problem on any of these pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, launchBrowser, screenshot, signInAs } from './support.ts';

let browser: Browser;
let staff: Page;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await staff?.context().close();
  await browser.close();
});

const references = async (page: Page) => (await page.locator('main table tbody th[scope="row"]').allTextContents()).map((r) => r.trim());
/** "Tancat (127)" → 127 */
const countOf = async (page: Page, label: string) => Number(/\((\d+)\)/.exec((await page.locator('.count-links a', { hasText: label }).textContent())!)![1]);

test('in Catalan, the handler filters, sorts, pages and searches the queue, and the URL keeps it all', async () => {
  staff = await signInAs(browser, 'case-handler@coproduce.example', '/ca/t/barcelona/antenna/cases', { locale: 'ca' });
  staff.setDefaultTimeout(15_000);
  const all = await countOf(staff, 'Tots');
  assert.ok(all > 400, 'the demo’s cases are all counted');
  assert.equal((await references(staff)).length, 50, 'one page of 50, not all of them');
  assert.ok((await staff.locator('.pager__count').textContent())!.includes(`Es mostren 1–50 de ${all}`));
  await assertAccessible(staff, 'case queue (ca)');

  // A filter from the form: the URL says it, the counts say how many, a reload keeps it.
  const closed = await countOf(staff, 'Tancat');
  await staff.getByLabel('Estat', { exact: true }).selectOption('closed');
  // Wait for the filtered page to finish loading before reloading it (a reload during the navigation detaches the page).
  await Promise.all([staff.waitForURL(/status=closed/), staff.getByRole('button', { name: 'Filtra' }).click()]);
  await staff.waitForLoadState('load');
  await staff.reload();
  assert.equal(await staff.getByLabel('Estat', { exact: true }).inputValue(), 'closed', 'the filter survives a reload');
  assert.ok((await staff.locator('.pager__count').textContent())!.includes(`de ${closed}`));
  const statuses = await staff.locator('main table tbody tr td:nth-child(2)').allTextContents();
  assert.ok(statuses.every((s) => s.trim() === 'Tancat'));
  await assertAccessible(staff, 'case queue, closed (ca)');

  // Sorting by reference keeps the filter; the header says how it is sorted.
  await staff.getByRole('link', { name: /^Referència/ }).click();
  assert.match(staff.url(), /status=closed/);
  assert.equal(await staff.locator('th[aria-sort]').getAttribute('aria-sort'), 'ascending');
  const sorted = await references(staff);
  assert.deepEqual(sorted, [...sorted].sort());
  await assertAccessible(staff, 'case queue, sorted (ca)');

  // The next page, still closed and sorted.
  await staff.getByRole('link', { name: 'Pàgina següent' }).click();
  assert.match(staff.url(), /status=closed.*page=2|page=2.*status=closed/);
  const second = await references(staff);
  assert.ok(second.length > 0 && second[0]! > sorted.at(-1)!, 'page 2 goes on where page 1 ended');
  await assertAccessible(staff, 'case queue, page 2 (ca)');

  // A search by part of a reference.
  const wanted = second[0]!;
  await staff.getByLabel('Referència', { exact: true }).fill(wanted.slice(0, 6));
  await staff.getByRole('button', { name: 'Filtra' }).click();
  assert.ok((await references(staff)).includes(wanted));
  await assertAccessible(staff, 'case queue, search (ca)');
  await screenshot(staff, 'case-queue-ca');
});

test('in Arabic, the queue is right-to-left with the same counts, and accessible', async () => {
  await staff.goto('/ar/t/barcelona/antenna/cases?status=closed');
  assert.equal(await staff.getAttribute('html', 'dir'), 'rtl');
  assert.equal((await references(staff)).length, 50);
  assert.ok(await staff.locator('.count-links a[aria-current="true"]').isVisible());
  await assertAccessible(staff, 'case queue (ar)');
  await screenshot(staff, 'case-queue-ar');
});
