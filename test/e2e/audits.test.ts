// Citizen audit journeys in Chromium, in Spanish and English: a coordinator builds and publishes an
// instrument and a campaign; an auditor on a 360 px phone with JavaScript off fills a visit, loses the
// connection mid-way without losing answers, and sends it; a second coordinator validates a finding; the
// service manager answers it. axe on every page.
//
// Signing in belongs to the identity context, which this branch does not have yet. These journeys run
// against an app built in this process on its own embedded database with the demo data, with the
// test-only hook that takes the acting person from a header (test/support/app.ts: actAsHook); the
// browser sends that header for each role. Everything else (pages, forms, CSRF, uploads, storage) is
// the real app. The public enrolment journey needs no account and runs the same way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PGlite } from '@electric-sql/pglite';
import type { Browser, BrowserContext } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, manifests } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, pgliteExtensions, type Database } from '../../src/platform/db/client.ts';
import { seedDemo } from '../../src/platform/db/seed.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { demoPeople } from '../../src/contexts/audits/audits.seed.ts';
import { eq } from 'drizzle-orm';
import { accessLog } from '../../src/platform/access-log/access-log.schema.ts';
import { actAsHook } from '../support/app.ts';
import { assertAccessible, launchBrowser, overflowsHorizontally, screenshot } from './support.ts';

let browser: Browser;
let app: FastifyInstance;
let database: Database;
let base = '';
let territoryId = '';

before(async () => {
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  database = await openDatabase({ databaseUrl: null, pglite });
  await database.migrate();
  await seedDemo(database.db, manifests, () => undefined);
  territoryId = (await findTerritory(database.db, 'barcelona'))!.id;
  app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'warn', rateLimitPerMinute: 100_000 }, database, extraHooks: actAsHook });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

type Role = 'coordinator' | 'second' | 'auditor' | 'fieldAuditor' | 'manager';
function actor(role: Role, locale: string): Actor {
  const territory = (r: Actor['grants'][number]['role']) => ({ role: r, scope: { kind: 'territory' as const, id: territoryId } });
  const people: Record<Role, [string, Actor['grants']]> = {
    coordinator: [demoPeople.coordinator, [territory('audit-coordinator')]],
    second: [demoPeople.secondCoordinator, [territory('audit-coordinator')]],
    // A-001 is the first auditor a coordinator can assign; A-006 has a demo visit still to do.
    auditor: [demoPeople.auditor(1), [territory('auditor')]],
    fieldAuditor: [demoPeople.auditor(6), [territory('auditor')]],
    manager: [demoPeople.socialServicesManager, [territory('service-manager')]],
  };
  const [personId, grants] = people[role];
  return { personId, displayName: role, locale: locale as Actor['locale'], grants, twoFactorVerified: true };
}

async function as(role: Role, locale: string, options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: base,
    locale,
    viewport: { width: options.width ?? 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    extraHTTPHeaders: { 'x-test-actor': JSON.stringify(actor(role, locale)) },
  });
}

/** axe runs scripts in the page: check the same URL in a context with JavaScript. */
async function checkAccessible(role: Role | null, locale: string, url: string, width = 1280) {
  const context = role ? await as(role, locale, { width }) : await browser.newContext({ baseURL: base, locale, viewport: { width, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(url);
  assert.ok(response && response.status() < 400, `${url}: ${response?.status()}`);
  await assertAccessible(page, url);
  if (width <= 360) assert.equal(await overflowsHorizontally(page), false, `${url} scrolls sideways at ${width} px`);
  await context.close();
}

const texts = {
  es: { save: 'Guardar y seguir', check: 'Guardar y revisar las respuestas', send: 'Enviar la visita', sent: 'Visita enviada', yes: 'Sí', no: 'No', offline: 'No hay conexión' },
  en: { save: 'Save and continue', check: 'Save and check your answers', send: 'Send the visit', sent: 'Visit sent', yes: 'Yes', no: 'No', offline: 'No connection' },
} as const;

for (const locale of ['es', 'en'] as const) {
  test(`the audit cycle in ${locale}: instrument → campaign → visit on a phone without JavaScript → finding → answer`, async () => {
    const tx = texts[locale];
    const audits = `/${locale}/t/barcelona/audits`;

    // 1. The coordinator builds and publishes a small instrument.
    const coordinator = await as('coordinator', locale);
    const page = await coordinator.newPage();
    await page.goto(`${audits}/instruments`);
    await page.fill('#f-key', `waiting-room-${locale}`);
    // Written in the journey's language only.
    await page.uncheck(`[name="languages"][value="${locale === 'es' ? 'en' : 'es'}"]`);
    await page.fill('#f-title', locale === 'es' ? 'Sala de espera' : 'Waiting room');
    await Promise.all([page.waitForURL('**/instruments/versions/**'), page.click('form[action$="/instruments"] button')]);
    const versionUrl = new URL(page.url()).pathname;
    await page.fill('form[action$="/sections"] #f-name', 'room');
    await page.fill(`#f-title_${locale}`, locale === 'es' ? 'La sala' : 'The room');
    await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/sections"] button')]);
    const addItem = async (fields: Record<string, string>, checks: string[] = []) => {
      for (const [name, value] of Object.entries(fields)) {
        const selector = `form[action$="/items"] [name="${name}"]`;
        if ((await page.locator(selector).evaluate((e) => e.tagName)) === 'SELECT') await page.selectOption(selector, value);
        else await page.fill(selector, value);
      }
      for (const c of checks) await page.check(`form[action$="/items"] [name="${c.split('=')[0]}"][value="${c.split('=')[1]}"]`);
      await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/items"] button')]);
    };
    await addItem({ section: 'room', name: 'seats', type: 'yes-no', [`label_${locale}`]: locale === 'es' ? '¿Hay asientos para esperar?' : 'Are there seats to wait on?', dimension: 'physical-accessibility' }, ['required=yes', 'grounds=disability', 'grounds=age']);
    await addItem({ section: 'room', name: 'seats_note', type: 'text', [`label_${locale}`]: locale === 'es' ? '¿Qué falta?' : 'What is missing?', dimension: 'physical-accessibility', showIfItem: 'seats', showIfOp: 'eq', showIfValue: 'no' });
    await page.fill('form[action$="/sections"] #f-name', 'signs');
    await page.fill(`#f-title_${locale}`, locale === 'es' ? 'Carteles' : 'Signs');
    await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/sections"] button')]);
    await addItem({ section: 'signs', name: 'signs_languages', type: 'text', [`label_${locale}`]: locale === 'es' ? '¿En qué idiomas están los carteles?' : 'Which languages are the signs in?', dimension: 'language' }, ['required=yes', 'grounds=language']);
    await assertAccessible(page, 'instrument draft');
    await checkAccessible('coordinator', locale, `${versionUrl}/texts`);
    await checkAccessible('coordinator', locale, `${versionUrl}/preview`);
    await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/publish"] button')]);
    assert.equal(await page.locator('form[action$="/items"]').count(), 0, 'a published version has no editing forms');

    // 2. The campaign: social services centres, this instrument, one auditor, one visit.
    await page.goto(`${audits}/campaigns/new`);
    await page.fill('#f-title', locale === 'es' ? 'Salas de espera 2026' : 'Waiting rooms 2026');
    await page.fill('#f-startsOn', '2026-04-01');
    await page.fill('#f-endsOn', '2026-06-30');
    await page.check('[name="methods"][value="observation-visit"]');
    await page.locator('[name="serviceIds"]').first().page().getByLabel(locale === 'es' ? 'Centros de Servicios Sociales' : 'Social services centres').check();
    await page.locator('[name="instrumentVersionIds"]').last().check();
    await assertAccessible(page, 'new campaign');
    await Promise.all([page.waitForURL('**/campaigns/*'), page.click('form[action$="/campaigns"] button')]);
    const campaignUrl = new URL(page.url()).pathname;
    await page.locator('[name="auditorIds"]').first().check();
    await Promise.all([page.waitForURL(`**${campaignUrl}`), page.click('form[action$="/auditors"] button')]);
    await page.selectOption('form[action$="/visits"] [name="instrumentVersionId"]', { index: 0 });
    await page.fill('form[action$="/visits"] [name="scheduledOn"]', '2026-04-15');
    await Promise.all([page.waitForURL(`**${campaignUrl}`), page.click('form[action$="/visits"] button')]);
    assert.equal(await page.locator('table tbody tr').count(), 1);
    await assertAccessible(page, 'campaign');
    const auditorCode = (await page.locator('table tbody td').nth(1).textContent())!.trim();
    await coordinator.close();

    // 3. The auditor, on a 360 px phone with JavaScript off.
    const phone = await as('auditor', locale, { width: 360, javaScriptEnabled: false });
    const auditorPage = await phone.newPage();
    await auditorPage.goto(`${audits}/visits`);
    const visitLink = auditorPage.locator('.visit-list__item a').filter({ hasText: /CSS|Centre|Centro/ }).last();
    await Promise.all([auditorPage.waitForURL('**/sections/1'), visitLink.click()]);
    const visitBase = new URL(auditorPage.url()).pathname.replace(/\/sections\/1$/, '');
    // Submitting nothing: the error is in the auditor's language, beside the field.
    await auditorPage.click('button[type=submit]');
    assert.equal(await auditorPage.locator('.error-summary').count(), 1);
    assert.match((await auditorPage.locator('.error-message').first().textContent()) ?? '', locale === 'es' ? /Responde a esta pregunta/ : /Answer this question/);
    await auditorPage.getByLabel(tx.no, { exact: true }).check();
    await auditorPage.fill('textarea[name="seats_note"]', locale === 'es' ? 'Solo hay tres sillas' : 'Only three chairs');
    await Promise.all([auditorPage.waitForURL('**/sections/2'), auditorPage.click('button[type=submit]')]);

    // The connection drops while the second part is sent: the browser cannot reach the server.
    const typed = locale === 'es' ? 'Solo en catalán y castellano' : 'Only Catalan and Spanish';
    await auditorPage.fill('textarea[name="signs_languages"]', typed);
    await phone.setOffline(true);
    await auditorPage.click('button[type=submit]').catch(() => undefined);
    // The browser shows its own no-connection page.
    await auditorPage.waitForURL((url) => !url.href.startsWith(base));
    await phone.setOffline(false);
    // When the connection is back, "try again" (reload) makes the browser send the same answers again:
    // nothing typed was lost, and the first part was already saved on the server.
    await auditorPage.reload();
    assert.match(auditorPage.url(), /\/check$/);
    const summary = (await auditorPage.locator('.summary-list').first().textContent()) ?? '';
    assert.match(summary, locale === 'es' ? /Solo hay tres sillas/ : /Only three chairs/);
    assert.match((await auditorPage.locator('.summary-list').last().textContent()) ?? '', new RegExp(typed));
    await Promise.all([auditorPage.waitForURL('**/check'), auditorPage.click('form[action$="/submit"] button')]);
    assert.match((await auditorPage.locator('h1').textContent()) ?? '', new RegExp(tx.sent));
    await screenshot(auditorPage, `audits-visit-sent-360-${locale}`);
    await phone.close();
    for (const url of [`${audits}/visits`, `${visitBase}/check`]) await checkAccessible('auditor', locale, url, 360);

    // 4. A coordinator proposes a finding from the visit; the second coordinator validates it.
    const first = await as('coordinator', locale);
    const propose = await first.newPage();
    const visitId = visitBase.split('/').pop()!;
    await propose.goto(`${audits}/findings/new?visit=${visitId}`);
    await propose.locator('[name="answers"][value="seats"]').check();
    await propose.fill('#f-title', locale === 'es' ? 'Faltan asientos en la sala de espera' : 'Too few seats in the waiting room');
    await propose.selectOption('#f-dimension', 'physical-accessibility');
    await propose.locator('[name="grounds"][value="disability"]').check();
    await propose.locator('[name="severity"][value="2"]').check();
    await assertAccessible(propose, 'new finding');
    await Promise.all([propose.waitForURL('**/findings/*'), propose.click('form[action$="/findings"] button')]);
    const findingUrl = new URL(propose.url()).pathname;
    await first.close();
    const secondCoordinator = await as('second', locale);
    const validate = await secondCoordinator.newPage();
    await validate.goto(findingUrl);
    await validate.locator('[name="to"][value="validated"]').check();
    await validate.fill('#f-reason', locale === 'es' ? 'Comprobado con la visita' : 'Checked against the visit');
    await Promise.all([validate.waitForURL(`**${findingUrl}`), validate.click('form[action$="/status"] button')]);
    assert.match((await validate.locator('.audit-tag').first().textContent()) ?? '', locale === 'es' ? /Validado/ : /Validated/);
    await assertAccessible(validate, 'validated finding');
    await secondCoordinator.close();

    // 5. The manager of the social services centres answers it.
    const manager = await as('manager', locale);
    const answer = await manager.newPage();
    await answer.goto(findingUrl);
    const reply = locale === 'es' ? 'Pondremos más sillas este mes.' : 'We will add chairs this month.';
    await answer.fill('#f-body', reply);
    await Promise.all([answer.waitForURL(`**${findingUrl}`), answer.click('form[action$="/responses"] button')]);
    assert.match((await answer.locator('.responses').textContent()) ?? '', new RegExp(reply.replace('.', '\\.')));
    await assertAccessible(answer, 'answered finding');
    await manager.close();
    assert.ok(auditorCode.length > 0);

    // Every other audits page a coordinator uses, including the demo campaign's paired test and score card.
    const look = await as('coordinator', locale);
    const lookPage = await look.newPage();
    await lookPage.goto(`${audits}/campaigns`);
    const demoCampaign = await lookPage.locator('.card__title a').last().getAttribute('href');
    await lookPage.goto(demoCampaign!);
    const scoreCard = await lookPage.locator('a[href*="/score-cards/"]').first().getAttribute('href');
    await look.close();
    for (const url of [`${audits}/findings`, `${audits}/campaigns`, `${audits}/catalogue`, `${audits}/instruments`, campaignUrl, demoCampaign!, scoreCard!, `${audits}/campaigns/new`]) {
      await checkAccessible('coordinator', locale, url);
    }
    await checkAccessible('manager', locale, `${audits}/findings`, 360);
  });
}

test('with JavaScript, answers typed while offline stay on the phone and are sent when the connection returns', async () => {
  const phone = await as('fieldAuditor', 'es', { width: 360 });
  const page = await phone.newPage();
  await page.goto('/es/t/barcelona/audits/visits');
  const open = page.locator('.visit-list__item').filter({ hasText: /Por hacer|Empezada/ }).first().locator('a');
  await Promise.all([page.waitForURL('**/sections/1'), open.click()]);
  // Skip logic: the barriers question appears only after answering that there are steps.
  const barriers = page.locator('[data-show-if]').first();
  assert.equal(await barriers.isHidden(), true);
  await page.getByLabel('No', { exact: true }).first().check();
  assert.equal(await barriers.isVisible(), true);
  await page.fill('#f-visit_date', '2026-03-02');
  await page.locator('[name="barriers"][value="steps"]').check();
  await phone.setOffline(true);
  await page.click('button[type=submit]');
  await page.locator('[data-fieldwork-status]', { hasText: 'No hay conexión' }).waitFor();
  assert.match((await page.evaluate(() => Object.keys(localStorage).join(' '))) ?? '', /coproduce:fieldwork/);
  await assertAccessible(page, 'fieldwork offline');
  await phone.setOffline(false);
  await page.waitForURL('**/sections/2');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('coproduce:fieldwork')).length), 0);
  await phone.close();
});

test('a person enrols as an auditor on a phone with JavaScript off; the auditors page shows them to a coordinator', async () => {
  const context = await browser.newContext({ baseURL: base, locale: 'en', viewport: { width: 360, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/t/barcelona/audits/join');
  await Promise.all([page.waitForURL('**/join/name'), page.click('a.button--start')]);
  await page.fill('#f-name', 'Sam Jones');
  await Promise.all([page.waitForURL('**/join/contact'), page.click('button[type=submit]')]);
  // A reload keeps the progress.
  await page.reload();
  await page.fill('#f-email', 'sam@example.org');
  await Promise.all([page.waitForURL('**/join/languages'), page.click('button[type=submit]')]);
  await page.locator('[name="languages"][value="en"]').check();
  await Promise.all([page.waitForURL('**/join/via'), page.click('button[type=submit]')]);
  await page.locator('[name="via"][value="self"]').check();
  await Promise.all([page.waitForURL('**/join/motivation'), page.click('button[type=submit]')]);
  await Promise.all([page.waitForURL('**/join/consent'), page.click('button[type=submit]')]);
  await page.click('button[type=submit]');
  assert.match((await page.locator('.error-summary').textContent()) ?? '', /You need to agree/);
  await page.locator('[name="consent"]').check();
  await Promise.all([page.waitForURL('**/join/check'), page.click('button[type=submit]')]);
  assert.match((await page.locator('.summary-list').textContent()) ?? '', /sam@example\.org/);
  await Promise.all([page.waitForURL('**/join/done**'), page.click('button[type=submit]')]);
  assert.match((await page.locator('h1').textContent()) ?? '', /Thank you for joining/);
  await context.close();
  for (const url of ['/en/t/barcelona/audits/join', '/en/t/barcelona/audits/join/name', '/en/t/barcelona/services', '/es/t/barcelona/audits']) await checkAccessible(null, 'en', url, 360);
  // The coordinator's auditors page (personal data: read through the access log).
  const countReads = async () => (await database.db.select({ seq: accessLog.seq }).from(accessLog).where(eq(accessLog.action, 'audits.auditor.read'))).length;
  const before = await countReads();
  await checkAccessible('coordinator', 'en', '/en/t/barcelona/audits/auditors');
  assert.ok((await countReads()) - before > 10, 'each auditor shown is one entry in the access log');
});
