// Browser journey of the diagnosis on the real server with the demo data: the demo audit coordinator
// signs in (two-step sign in, set up with the key shown as text) and prepares a diagnosis for a period the
// audits demo covers; the two demo board members sign in the same way and approve it; the public sees the
// map of Barcelona's districts, the charts and the tables with the audits' and the antenna's real figures (a count
// of at least 5 in most districts) in Catalan and in
// Arabic (at 320 px and without JavaScript too) and downloads the CSV and the PDF; a board member explores
// the exact figures. axe finds no WCAG 2.2 A/AA violation on any page.
//
// The people used here (audit-coordinator, board-member, board-member-2) are used by no other journey, so
// they still sign in with a password only on a fresh database; the journey says so if that is not the case.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { assertAccessible, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs } from './support.ts';

let browser: Browser;
const signedIn: BrowserContext[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const context of signedIn) await context.close();
  await browser?.close();
});

/** Signs a demo person in (two-step sign in, set up the first time) and lands on `next`. */
async function signIn(email: string, next: string): Promise<Page> {
  const page = await signInAs(browser, email, next, { locale: 'ca' });
  signedIn.push(page.context());
  return page;
}

const title = `Diagnosi de la discriminació als serveis de Barcelona ${randomBytes(3).toString('hex')}`;
let reviewPath: string;
let publishedPath: string;
let boardPage: Page;

test('the demo audit coordinator signs in with two-step sign in and prepares a diagnosis for February 2025 to January 2026', async () => {
  const page = await signIn('audit-coordinator@coproduce.example', '/ca/t/barcelona/diagnosis/drafts');
  await assertAccessible(page, 'drafts');
  await page.getByLabel('Títol').fill(title);
  await page.getByLabel('Primer mes').fill('2025-02');
  await page.getByLabel('Últim mes').fill('2026-01');
  await page.getByLabel('Períodes').selectOption('quarter');
  await page.getByLabel('Anàlisi escrita').fill('Les barreres de llengua es repeteixen a diversos serveis.\n\nCal intèrprets als serveis socials.');
  await page.getByRole('button', { name: 'Prepara per a revisió' }).click();
  await page.waitForURL(/\/ca\/t\/barcelona\/diagnosis\/drafts\/[0-9a-f-]{36}$/);
  reviewPath = new URL(page.url()).pathname;
  assert.equal((await page.textContent('h1'))?.trim(), title);
  await assertAccessible(page, 'review page');
});

test('the two demo board members sign in with two-step sign in and approve it, and it is published', async () => {
  for (const [email, name, published] of [
    ['board-member@coproduce.example', 'Rosa Martí', false],
    ['board-member-2@coproduce.example', 'Oriol Casals', true],
  ] as const) {
    const page = await signIn(email, reviewPath);
    await assertAccessible(page, `review page for ${name}`);
    await page.getByRole('button', { name: 'Aprova' }).click();
    await page.waitForURL(new RegExp(`${reviewPath}#votes-heading$`));
    assert.ok(await page.getByText(new RegExp(`^${name} la va aprovar`)).isVisible());
    const link = page.getByRole('link', { name: /^Mira la diagnosi publicada número \d+$/ });
    assert.equal(await link.count(), published ? 1 : 0);
    if (published) {
      publishedPath = (await link.getAttribute('href'))!;
      // The vote has ended: the page says comments closed with it, and offers no comment box.
      assert.ok(await page.getByText(/^Els comentaris es van tancar quan va acabar la votació/).isVisible());
      assert.equal(await page.locator('textarea[name="body"]').count(), 0);
    }
    boardPage = page;
  }
  assert.match(publishedPath, /^\/ca\/t\/barcelona\/diagnosis\/\d+$/);
});

/** A shown count as a number (Latin or Arabic-Indic digits, any grouping); null for "< 5", "x" or no figure. */
function countIn(text: string): number | null {
  const latin = text.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  return /^\d[\d.,\s\u066c\u00a0\u202f]*$/.test(latin) ? Number(latin.replace(/\D/g, '')) : null;
}

/** The figures of a table's body cells, as numbers; cells kept back to protect people ("< 5", "x") are left out. */
async function figuresIn(page: Page, selector: string): Promise<number[]> {
  const cells = await page.locator(`${selector} tbody td`).allTextContents();
  return cells.map(countIn).filter((n) => n !== null);
}

/**
 * The demo's picture of Barcelona is meaningful: in most districts the antenna's cases and the map show a
 * real count (at least k = 5), not a cell kept back. Column 3 of the district table is the cases.
 */
async function assertDistrictsHaveFigures(page: Page, label: string): Promise<void> {
  const cases = (await page.locator('#district-table tbody tr td:nth-of-type(3)').allTextContents()).map(countIn);
  assert.equal(cases.length, 10, `${label}: a case count per district`);
  const shown = cases.filter((n) => n !== null && n >= 5).length;
  assert.ok(shown >= 8, `${label}: at least 8 of the 10 districts show their cases (got ${JSON.stringify(cases)})`);
  const areas = await page.locator('#diagnosis-map a.map__area').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label') ?? ''));
  const onMap = areas.map((l) => countIn(l.split(':').at(-1) ?? '')).filter((n) => n !== null && n >= 5).length;
  assert.ok(onMap >= 8, `${label}: at least 8 of the 10 districts show a count on the map (got ${JSON.stringify(areas)})`);
}

test('the public sees the map, charts and tables with the audits’ figures in Catalan, explores the map, downloads CSV and PDF', async () => {
  const context = await openContext(browser, { locale: 'ca' });
  const page = await context.newPage();
  await page.goto('/ca/t/barcelona/diagnosis');
  await assertAccessible(page, 'diagnosis index');
  await page.getByRole('link', { name: title }).click();
  await page.waitForURL(`**${publishedPath}`);
  // Barcelona's 10 districts on the map, each with a table row.
  assert.equal(await page.locator('#diagnosis-map a.map__area').count(), 10);
  assert.ok((await page.locator('#district-table tbody tr').count()) >= 10);
  for (const id of ['services-chart', 'grounds-chart', 'trend-chart']) assert.equal(await page.locator(`#${id} svg[role="img"]`).count(), 1, id);
  // Where and when, and services by district: published under the same audit, with figures shown.
  assert.ok((await figuresIn(page, '#where-when-table')).some((n) => n >= 5), 'the district × period table shows figures');
  assert.ok((await figuresIn(page, '#service-areas-table')).some((n) => n >= 5), 'the service × district table shows figures');
  assert.ok(await page.getByRole('heading', { name: 'On i quan' }).isVisible());
  // The audits' validated findings: real figures, not only cells kept back.
  const figures = await figuresIn(page, '#district-table');
  assert.ok(figures.some((n) => n >= 5), `the district table shows figures from the audits (got ${JSON.stringify(figures)})`);
  await assertDistrictsHaveFigures(page, 'ca');
  const facts = (await page.textContent('.diagnosis__facts')) ?? '';
  assert.match(facts, /Rosa Martí/);
  assert.match(facts, /Oriol Casals/);
  assert.match(facts, /Marta Vidal/);
  // With JavaScript, focusing a district shows its figures beside the map.
  await page.locator('#diagnosis-map a.map__area').first().focus();
  await page.locator('#diagnosis-map-figures').waitFor({ state: 'visible' });
  assert.match((await page.textContent('#diagnosis-map-figures')) ?? '', /Ciutat Vella/);
  await assertAccessible(page, 'published diagnosis (ca)');
  await screenshot(page, 'diagnosis-ca');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Baixa les xifres (CSV)' }).click()]);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  assert.match(csvText, /^table,row,column,value\r\n/);
  // Barcelona's districts by their codes, and the audits' validated findings over the period.
  for (const code of ['01', '10']) assert.match(csvText, new RegExp(`\\r\\nby_district,${code},finding,`));
  const findings = Number(/\r\nby_district,total,finding,(\d+)\r\n/.exec(csvText)?.[1]);
  assert.ok(findings >= 5, `the CSV counts the audits' findings (got ${findings})`);
  const cases = Number(/\r\nby_district,total,case,(\d+)\r\n/.exec(csvText)?.[1]);
  assert.ok(cases >= 100, `the CSV counts the antenna's classified cases (got ${cases})`);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Baixa el PDF' }).click()]);
  assert.equal(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
  await context.close();
});

test('the same diagnosis in Arabic, right to left, accessible, with its CSV and PDF; at 320 px; and without JavaScript', async () => {
  const arabicPath = publishedPath.replace(/^\/ca\//, '/ar/');
  const context = await openContext(browser, { locale: 'ar' });
  const page = await context.newPage();
  await page.goto(arabicPath);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('#diagnosis-map a.map__area').count(), 10);
  for (const id of ['services-chart', 'grounds-chart', 'trend-chart']) assert.equal(await page.locator(`#${id} svg[role="img"]`).count(), 1, id);
  // Where and when, and services by district: published under the same audit, with figures shown.
  assert.ok((await figuresIn(page, '#where-when-table')).some((n) => n >= 5), 'the district × period table shows figures');
  assert.ok((await figuresIn(page, '#service-areas-table')).some((n) => n >= 5), 'the service × district table shows figures');
  assert.ok(await page.getByRole('heading', { name: 'أين ومتى' }).isVisible());
  assert.ok((await figuresIn(page, '#district-table')).some((n) => n >= 5), 'the district table shows figures in Arabic too');
  await assertDistrictsHaveFigures(page, 'ar');
  await page.getByLabel('ماذا تعرض الخريطة').selectOption('rate');
  await page.getByRole('button', { name: 'اعرض' }).click();
  await page.waitForURL(`**${arabicPath}?measure=rate`);
  await assertAccessible(page, 'published diagnosis (ar)');
  await screenshot(page, 'diagnosis-ar');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('main a[href$=".csv"]').first().click()]);
  assert.match(fs.readFileSync((await csv.path())!, 'utf8'), /^table,row,column,value\r\n/);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'نزّل ملف PDF' }).click()]);
  assert.equal(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
  await context.close();

  const phone = await openContext(browser, { locale: 'ar', width: 320, height: 800 });
  const small = await phone.newPage();
  await small.goto(arabicPath);
  assert.equal(await overflowsHorizontally(small), false, 'no sideways scrolling at 320 px');
  await assertAccessible(small, 'published diagnosis (ar) at 320 px');
  await phone.close();

  const plain = await openContext(browser, { locale: 'ca', javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await noScript.goto(publishedPath);
  assert.equal(await noScript.locator('#diagnosis-map a.map__area').count(), 10);
  assert.ok((await noScript.locator('table').count()) >= 5);
  await plain.close();
});

test('a board member explores the exact figures; the page is accessible and keeps its filters in the URL', async () => {
  await boardPage.goto('/ca/t/barcelona/diagnosis/staff?rows=district&cols=ground&from=2025-02&to=2026-01');
  assert.ok((await boardPage.locator('#explorer-table tbody tr').count()) >= 9);
  await boardPage.getByLabel('Files').selectOption('service');
  await boardPage.getByRole('button', { name: 'Mostra les xifres' }).click();
  await boardPage.waitForURL(/rows=service/);
  assert.ok((await boardPage.locator('#explorer-table tbody tr').count()) >= 1);
  await assertAccessible(boardPage, 'staff explorer');
});
