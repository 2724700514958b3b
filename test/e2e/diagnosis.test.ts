// Browser journey of the diagnosis: a coordinator prepares a diagnosis, two board members approve it,
// the public sees the map, the charts and the tables in Catalan and in Arabic and downloads the CSV
// and the PDF; axe finds no WCAG 2.2 A/AA violation on any page.
//
// Until the identity context (sign-in) and the audits and antenna seeds are merged, this journey runs
// its own server in this process: the demo data, facts generated through the same domain events those
// contexts will publish (test/support/diagnosis-facts.ts), and the test-only actor header for the
// coordinator and the board members. Nothing here is reachable in the real server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildApp, manifests } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, pgliteExtensions, type Database } from '../../src/platform/db/client.ts';
import { seedDemo } from '../../src/platform/db/seed.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import type { Actor, Role } from '../../src/platform/auth/permissions.ts';
import { actAsHook } from '../support/app.ts';
import { generateFacts, months2025, publishFacts } from '../support/diagnosis-facts.ts';
import { setDiagnosisAccessLogger, type AccessEntry } from '../../src/contexts/diagnosis/access-log.ts';
import { assertAccessible, launchBrowser, overflowsHorizontally, screenshot } from './support.ts';

let browser: Browser;
let database: Database;
let app: FastifyInstance;
let baseUrl: string;
let territoryId: string;

const actor = (role: Role, displayName: string): Actor => ({
  personId: randomUUID(),
  displayName,
  locale: 'ca',
  twoFactorVerified: true,
  grants: [{ role, scope: { kind: 'territory', id: territoryId } }],
});

async function contextFor(who: Actor | null, locale: string, javaScriptEnabled = true): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    locale,
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled,
    acceptDownloads: true,
    ...(who ? { extraHTTPHeaders: { 'x-test-actor': JSON.stringify(who) } } : {}),
  });
}

before(async () => {
  database = await openDatabase({ databaseUrl: null, pglite: await PGlite.create({ extensions: pgliteExtensions }) });
  await database.migrate();
  await seedDemo(database.db, manifests, () => undefined);
  territoryId = (await findTerritory(database.db, 'barcelona'))!.id;
  await publishFacts(database.db, await generateFacts(database.db, territoryId, 900, months2025));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), rateLimitPerMinute: 100_000 };
  app = await buildApp({ config, database, logStream: new Writable({ write: (_c, _e, done) => done() }), extraHooks: actAsHook });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

let reviewPath: string;

test('a coordinator prepares a diagnosis for 2025 in Catalan', async () => {
  const context = await contextFor(actor('audit-coordinator', 'Carme Coordinadora'), 'ca');
  const page = await context.newPage();
  await page.goto('/ca/t/barcelona/diagnosis/drafts');
  await assertAccessible(page, 'drafts');
  await page.getByLabel('Títol').fill('Diagnosi de la discriminació 2025');
  await page.getByLabel('Primer mes').fill('2025-01');
  await page.getByLabel('Últim mes').fill('2025-12');
  await page.getByLabel('Períodes').selectOption('quarter');
  await page.getByLabel('Anàlisi escrita').fill('Les barreres de llengua es repeteixen a diversos serveis.\n\nCal intèrprets als serveis socials.');
  await page.getByRole('button', { name: 'Prepara per a revisió' }).click();
  await page.waitForURL(/\/ca\/t\/barcelona\/diagnosis\/drafts\/[0-9a-f-]{36}$/);
  reviewPath = new URL(page.url()).pathname;
  assert.match((await page.textContent('h1')) ?? '', /Diagnosi de la discriminació 2025/);
  await assertAccessible(page, 'review page');
  await context.close();
});

test('two board members approve it and it is published', async () => {
  for (const [name, published] of [
    ['Aisha Board', false],
    ['Bernat Board', true],
  ] as const) {
    const context = await contextFor(actor('board-member', name), 'ca');
    const page = await context.newPage();
    await page.goto(reviewPath);
    await page.getByRole('button', { name: 'Aprova' }).click();
    await page.waitForURL(new RegExp(`${reviewPath}#votes-heading$`));
    assert.ok(await page.getByText(`${name} la va aprovar`).isVisible());
    assert.equal(await page.getByRole('link', { name: 'Mira la diagnosi publicada número 1' }).count(), published ? 1 : 0);
    await context.close();
  }
});

test('the public sees the map, charts and tables in Catalan, explores the map, downloads CSV and PDF', async () => {
  const context = await contextFor(null, 'ca');
  const page = await context.newPage();
  await page.goto('/ca/t/barcelona/diagnosis');
  await assertAccessible(page, 'diagnosis index');
  await page.getByRole('link', { name: 'Diagnosi de la discriminació 2025' }).click();
  await page.waitForURL('**/ca/t/barcelona/diagnosis/1');
  assert.equal(await page.locator('#diagnosis-map a.map__area').count(), 10);
  for (const id of ['services-chart', 'grounds-chart', 'trend-chart']) assert.equal(await page.locator(`#${id} svg[role="img"]`).count(), 1, id);
  assert.ok((await page.locator('#district-table tbody tr').count()) >= 10);
  assert.match((await page.locator('#district-table').textContent()) ?? '', /< 5/);
  assert.match((await page.textContent('.diagnosis__facts')) ?? '', /Aisha Board, Bernat Board/);
  // With JavaScript, focusing a district shows its figures beside the map.
  await page.locator('#diagnosis-map a.map__area').first().focus();
  await page.locator('#diagnosis-map-figures').waitFor({ state: 'visible' });
  assert.match((await page.textContent('#diagnosis-map-figures')) ?? '', /Ciutat Vella/);
  await assertAccessible(page, 'published diagnosis (ca)');
  await screenshot(page, 'diagnosis-ca');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Baixa les xifres (CSV)' }).click()]);
  const csvText = fs.readFileSync((await csv.path())!, 'utf8');
  assert.match(csvText, /^table,row,column,value\r\n/);
  assert.match(csvText, /,< 5\r\n/);
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Baixa el PDF' }).click()]);
  assert.equal(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
  await context.close();
});

test('the same diagnosis in Arabic, right to left, accessible, with its PDF; and without JavaScript', async () => {
  const context = await contextFor(null, 'ar');
  const page = await context.newPage();
  await page.goto('/ar/t/barcelona/diagnosis/1');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.locator('#diagnosis-map a.map__area').count(), 10);
  await page.getByLabel('ماذا تعرض الخريطة').selectOption('rate');
  await page.getByRole('button', { name: 'اعرض' }).click();
  await page.waitForURL('**/ar/t/barcelona/diagnosis/1?measure=rate');
  await assertAccessible(page, 'published diagnosis (ar)');
  await screenshot(page, 'diagnosis-ar');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'نزّل ملف PDF' }).click()]);
  assert.equal(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
  await context.close();

  const phone = await browser.newContext({ baseURL: baseUrl, locale: 'ar', viewport: { width: 320, height: 800 } });
  const small = await phone.newPage();
  await small.goto('/ar/t/barcelona/diagnosis/1');
  assert.equal(await overflowsHorizontally(small), false, 'no sideways scrolling at 320 px');
  await assertAccessible(small, 'published diagnosis (ar) at 320 px');
  await phone.close();

  const plain = await contextFor(null, 'ca', false);
  const noScript = await plain.newPage();
  await noScript.goto('/ca/t/barcelona/diagnosis/1');
  assert.equal(await noScript.locator('#diagnosis-map a.map__area').count(), 10);
  assert.ok((await noScript.locator('table').count()) >= 5);
  await plain.close();
});

test('staff explore exact figures, access-logged; the page is accessible and keeps its filters in the URL', async () => {
  const seen: AccessEntry[] = [];
  setDiagnosisAccessLogger({ recordAccess: async (_db, entry) => void seen.push(entry) });
  try {
    const board = actor('board-member', 'Aisha Board');
    const context = await contextFor(board, 'ca');
    const page = await context.newPage();
    await page.goto('/ca/t/barcelona/diagnosis/staff?rows=district&cols=ground&from=2025-01&to=2025-12');
    assert.ok((await page.locator('#explorer-table tbody tr').count()) >= 9);
    await page.getByLabel('Files').selectOption('service');
    await page.getByRole('button', { name: 'Mostra les xifres' }).click();
    await page.waitForURL(/rows=service/);
    await assertAccessible(page, 'staff explorer');
    assert.equal(seen.length, 2);
    assert.equal(seen[0]!.actorId, board.personId);
    await context.close();
  } finally {
    setDiagnosisAccessLogger(null);
  }
});
