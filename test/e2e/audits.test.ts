// Citizen audit journeys in Chromium on the real server with the demo data, every person signing in through
// the real form (signInAs), in Spanish and English: the demo audit coordinator builds and publishes an
// instrument and a campaign with the demo auditor, and links the demo service manager to the audited service;
// the auditor, on a 360 px phone with JavaScript off, fills the visit, loses the connection mid-way without
// losing answers, and sends it; the coordinator proposes a finding and a second coordinator validates it; the
// service manager answers it. With JavaScript, answers typed offline stay on the phone and are sent when the
// connection returns. axe on every page.
//
// Coordinators need two-step sign in and the server refuses a code used twice, so each coordinator signs in
// once for the whole file and keeps their session in both languages. Names made here carry a random suffix:
// the server and its database are shared with the other journey files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { assertAccessible, baseUrl, demoPeoplePassword, launchBrowser, openContext, overflowsHorizontally, screenshot, signInAs, type PageOptions } from './support.ts';

const people = {
  coordinator: 'audit-coordinator@coproduce.example',
  second: 'audit-coordinator-2@coproduce.example',
  auditor: 'auditor@coproduce.example',
  manager: 'service-manager@coproduce.example',
};
const suffix = randomBytes(3).toString('hex');

let browser: Browser;
const opened: Page[] = [];
before(async () => {
  assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
  browser = await launchBrowser();
});
after(async () => {
  for (const page of opened) await page.context().close();
  await browser?.close();
});

async function signIn(email: string, next: string, options: PageOptions = {}): Promise<Page> {
  const page = await signInAs(browser, email, next, options);
  opened.push(page);
  return page;
}

/** One signed-in session per person for the whole file (see above); the auditor's scripted phone too. */
const sessions = new Map<string, Page>();
async function sessionOf(email: string, next: string, options: PageOptions = {}): Promise<Page> {
  const key = `${email} ${options.width ?? 1280} ${options.javaScriptEnabled ?? true}`;
  const known = sessions.get(key);
  if (known) {
    await known.goto(next);
    return known;
  }
  const page = await signIn(email, next, options);
  sessions.set(key, page);
  return page;
}

/** Opens `url` in a new tab of a signed-in session (JavaScript on, so that axe can run) and checks it. */
async function checkAccessible(session: Page, url: string, width = 1280) {
  const page = await session.context().newPage();
  await page.setViewportSize({ width, height: 900 });
  const response = await page.goto(url);
  assert.ok(response && response.status() < 400, `${url}: ${response?.status()}`);
  await assertAccessible(page, `${url} at ${width} px`);
  if (width <= 360) assert.equal(await overflowsHorizontally(page), false, `${url} scrolls sideways at ${width} px`);
  await page.close();
}

const texts = {
  es: {
    service: 'Oficinas de Vivienda',
    managers: 'Responsables del servicio',
    toDo: 'Por hacer',
    sent: 'Visita enviada',
    no: 'No',
    required: /Responde a esta pregunta/,
    validated: /Validado/,
    instrument: 'Sala de espera',
    section: ['La sala', 'Carteles'],
    questions: ['¿Hay asientos para esperar?', '¿Qué falta?', '¿En qué idiomas están los carteles?'],
    answers: ['Solo hay tres sillas', 'Solo en catalán y castellano'],
    finding: 'Faltan asientos en la sala de espera',
    reason: 'Comprobado con la visita',
    reply: 'Pondremos más sillas este mes.',
  },
  en: {
    service: 'Barcelona libraries',
    managers: 'Service managers',
    toDo: 'To do',
    sent: 'Visit sent',
    no: 'No',
    required: /Answer this question/,
    validated: /Validated/,
    instrument: 'Waiting room',
    section: ['The room', 'Signs'],
    questions: ['Are there seats to wait on?', 'What is missing?', 'Which languages are the signs in?'],
    answers: ['Only three chairs', 'Only Catalan and Spanish'],
    finding: 'Too few seats in the waiting room',
    reason: 'Checked against the visit',
    reply: 'We will add chairs this month.',
  },
} as const;

// The cycle in each language, one step per test (each within the runner's time limit), passing on what it made.
for (const locale of ['es', 'en'] as const) {
  const tx = texts[locale];
  const audits = `/${locale}/t/barcelona/audits`;
  const instrumentTitle = `${tx.instrument} ${suffix}`;
  let campaignUrl = '';
  let facilityName = '';
  let visitBase = '';
  let findingUrl = '';

  test(`${locale}: the coordinator builds and publishes an instrument`, async () => {
    // 1. The coordinator builds and publishes a small instrument, written in the journey's language only.
    const page = await sessionOf(people.coordinator, `${audits}/instruments`, { locale });
    await assertAccessible(page, 'instruments');
    await page.fill('#f-key', `waiting-room-${locale}-${suffix}`);
    await page.uncheck(`[name="languages"][value="${locale === 'es' ? 'en' : 'es'}"]`);
    await page.fill('#f-title', instrumentTitle);
    await Promise.all([page.waitForURL('**/instruments/versions/**'), page.click('form[action$="/instruments"] button')]);
    const versionUrl = new URL(page.url()).pathname;
    const addSection = async (name: string, title: string) => {
      await page.fill('form[action$="/sections"] #f-name', name);
      await page.fill(`#f-title_${locale}`, title);
      await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/sections"] button')]);
    };
    const addItem = async (fields: Record<string, string>, checks: string[] = []) => {
      for (const [name, value] of Object.entries(fields)) {
        const selector = `form[action$="/items"] [name="${name}"]`;
        if ((await page.locator(selector).evaluate((e) => e.tagName)) === 'SELECT') await page.selectOption(selector, value);
        else await page.fill(selector, value);
      }
      for (const c of checks) await page.check(`form[action$="/items"] [name="${c.split('=')[0]}"][value="${c.split('=')[1]}"]`);
      await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/items"] button')]);
    };
    await addSection('room', tx.section[0]);
    await addItem({ section: 'room', name: 'seats', type: 'yes-no', [`label_${locale}`]: tx.questions[0], dimension: 'physical-accessibility' }, ['required=yes', 'grounds=disability', 'grounds=age']);
    await addItem({ section: 'room', name: 'seats_note', type: 'text', [`label_${locale}`]: tx.questions[1], dimension: 'physical-accessibility', showIfItem: 'seats', showIfOp: 'eq', showIfValue: 'no' });
    await addSection('signs', tx.section[1]);
    await addItem({ section: 'signs', name: 'signs_languages', type: 'text', [`label_${locale}`]: tx.questions[2], dimension: 'language' }, ['required=yes', 'grounds=language']);
    await assertAccessible(page, 'instrument draft');
    await checkAccessible(page, `${versionUrl}/texts`);
    await checkAccessible(page, `${versionUrl}/preview`);
    await Promise.all([page.waitForURL(`**${versionUrl}`), page.click('form[action$="/publish"] button')]);
    assert.equal(await page.locator('form[action$="/items"]').count(), 0, 'a published version has no editing forms');
    await assertAccessible(page, 'published instrument');
  });

  test(`${locale}: the coordinator plans a campaign with the demo auditor and says who answers for the service`, async () => {
    const page = await sessionOf(people.coordinator, `${audits}/auditors`, { locale });
    // 2. The coordinator looks up the demo auditor's code name (a read of personal data, access-logged).
    await assertAccessible(page, 'auditors');
    const auditorCode = (await page.locator('tbody tr', { hasText: 'Ahmed Benali' }).locator('th').textContent())!.trim();
    assert.match(auditorCode, /^A-\d+$/);

    // 3. The campaign: one service, this instrument, the demo auditor, one visit.
    await page.goto(`${audits}/campaigns/new`);
    await page.fill('#f-title', `${locale === 'es' ? 'Salas de espera' : 'Waiting rooms'} ${suffix}`);
    await page.fill('#f-startsOn', '2026-04-01');
    await page.fill('#f-endsOn', '2026-06-30');
    await page.check('[name="methods"][value="observation-visit"]');
    await page.getByLabel(tx.service, { exact: true }).check();
    await page.getByLabel(new RegExp(`^${instrumentTitle} · `)).check();
    await assertAccessible(page, 'new campaign');
    await Promise.all([page.waitForURL('**/campaigns/*'), page.click('form[action$="/campaigns"] button')]);
    campaignUrl = new URL(page.url()).pathname;
    await page.getByLabel(`${auditorCode} (`).check();
    await Promise.all([page.waitForURL(`**${campaignUrl}`), page.click('form[action$="/auditors"] button')]);
    facilityName = (await page.locator('form[action$="/visits"] [name="facilityId"] option').first().textContent())!.trim();
    await page.selectOption('form[action$="/visits"] [name="auditorId"]', { label: auditorCode });
    await page.selectOption('form[action$="/visits"] [name="instrumentVersionId"]', { index: 0 });
    await page.fill('form[action$="/visits"] [name="scheduledOn"]', '2026-04-15');
    await Promise.all([page.waitForURL(`**${campaignUrl}`), page.click('form[action$="/visits"] button')]);
    assert.equal(await page.locator('table tbody tr').count(), 1);
    assert.equal((await page.locator('table tbody td').nth(1).textContent())!.trim(), auditorCode);
    await assertAccessible(page, 'campaign');

    // 4. The coordinator says who answers for the audited service: the demo service manager (access-logged).
    await page.goto(`${audits}/catalogue`);
    await assertAccessible(page, 'catalogue');
    await Promise.all([page.waitForURL('**/managers'), page.getByRole('link', { name: `${tx.managers} · ${tx.service}` }).click()]);
    const managersUrl = new URL(page.url()).pathname;
    await assertAccessible(page, 'service managers');
    await page.selectOption('#f-personId', { label: 'Carlos Ortega' });
    await Promise.all([page.waitForURL(`**${managersUrl}`), page.locator('form', { has: page.locator('#f-personId') }).locator('button').click()]);
    assert.match((await page.locator('ul.managers').textContent()) ?? '', /Carlos Ortega/);
    await assertAccessible(page, 'service managers with one');
  });

  test(`${locale}: the auditor fills the visit on a 360 px phone without JavaScript and loses the connection mid-way`, async () => {
    // 5. The auditor, on a 360 px phone with JavaScript off, finds the visit.
    const phone = await signIn(people.auditor, `${audits}/visits`, { locale, width: 360, javaScriptEnabled: false });
    const visitLink = phone.locator('.visit-list__item', { hasText: facilityName }).filter({ hasText: tx.toDo }).locator('a');
    assert.equal(await visitLink.count(), 1, `one visit to do at ${facilityName}`);
    await Promise.all([phone.waitForURL('**/sections/1'), visitLink.click()]);
    visitBase = new URL(phone.url()).pathname.replace(/\/sections\/1$/, '');
    // Sending nothing: the error is in the auditor's language, beside the field.
    await phone.click('form.fieldwork button[type=submit]');
    await phone.locator('.error-summary').waitFor();
    assert.match((await phone.locator('.error-message').first().textContent()) ?? '', tx.required);
    await phone.getByLabel(tx.no, { exact: true }).check();
    await phone.fill('textarea[name="seats_note"]', tx.answers[0]);
    await Promise.all([phone.waitForURL('**/sections/2'), phone.click('form.fieldwork button[type=submit]')]);

    // The connection drops while the second part is sent: the browser cannot reach the server and shows
    // its own no-connection page.
    await phone.fill('textarea[name="signs_languages"]', tx.answers[1]);
    await phone.context().setOffline(true);
    await phone.click('form.fieldwork button[type=submit]').catch(() => undefined);
    await phone.waitForURL((url) => !url.href.startsWith(baseUrl));
    await phone.context().setOffline(false);
    // Back online, "try again" (reload) sends the same answers again: nothing typed is lost, and the first
    // part, saved as a draft before the connection dropped, is still there.
    await phone.reload();
    assert.match(phone.url(), /\/check$/);
    assert.match((await phone.locator('.summary-list').first().textContent()) ?? '', new RegExp(tx.answers[0]));
    assert.match((await phone.locator('.summary-list').last().textContent()) ?? '', new RegExp(tx.answers[1]));
    await Promise.all([phone.waitForURL('**/check'), phone.click('form[action$="/submit"] button')]);
    assert.match((await phone.locator('h1').textContent()) ?? '', new RegExp(tx.sent));
    await screenshot(phone, `audits-visit-sent-360-${locale}`);
    // The same pages, checked with axe (which needs scripts) in a scripted session of the auditor at 360 px.
    const scripted = await sessionOf(people.auditor, `${audits}/visits`, { locale, width: 360 });
    for (const url of [`${audits}/visits`, `${visitBase}/check`]) await checkAccessible(scripted, url, 360);
  });

  test(`${locale}: a coordinator proposes a finding, a second coordinator validates it, the service manager answers it`, async () => {
    // 6. The coordinator proposes a finding from the visit's answers.
    const page = await sessionOf(people.coordinator, campaignUrl, { locale });
    const visitId = visitBase.split('/').pop()!;
    await Promise.all([page.waitForURL('**/findings/new?visit=*'), page.locator(`a[href$="/findings/new?visit=${visitId}"]`).click()]);
    await page.locator('[name="answers"][value="seats"]').check();
    await page.fill('#f-title', tx.finding);
    await page.selectOption('#f-dimension', 'physical-accessibility');
    await page.locator('[name="grounds"][value="disability"]').check();
    await page.locator('[name="severity"][value="2"]').check();
    await assertAccessible(page, 'new finding');
    await Promise.all([page.waitForURL('**/findings/*'), page.click('form[action$="/findings"] button')]);
    findingUrl = new URL(page.url()).pathname;
    await assertAccessible(page, 'proposed finding');

    // 7. A second coordinator validates it (the one who proposed it may not).
    const second = await sessionOf(people.second, findingUrl, { locale });
    await second.locator('[name="to"][value="validated"]').check();
    await second.fill('#f-reason', tx.reason);
    await Promise.all([second.waitForURL(`**${findingUrl}`), second.click('form[action$="/status"] button')]);
    assert.match((await second.locator('.audit-tag').first().textContent()) ?? '', tx.validated);
    await assertAccessible(second, 'validated finding');

    // 8. The service manager finds it among the findings about their services and answers it.
    const manager = await signIn(people.manager, `${audits}/findings`, { locale });
    await assertAccessible(manager, 'manager findings');
    await Promise.all([manager.waitForURL(`**${findingUrl}`), manager.getByRole('link', { name: tx.finding }).click()]);
    await manager.fill('#f-body', tx.reply);
    await Promise.all([manager.waitForURL(`**${findingUrl}`), manager.click('form[action$="/responses"] button')]);
    assert.match((await manager.locator('.responses').textContent()) ?? '', new RegExp(tx.reply.replace('.', '\\.')));
    await assertAccessible(manager, 'answered finding');
    await checkAccessible(manager, `${audits}/findings`, 360);
  });

  test(`${locale}: the coordinator's lists and the finding are accessible`, async () => {
    const page = await sessionOf(people.coordinator, `${audits}/findings`, { locale });
    await assertAccessible(page, 'findings');
    for (const url of [`${audits}/campaigns`, findingUrl]) await checkAccessible(page, url);
  });

  test(`${locale}: the demo campaign, its paired test and its score card are accessible`, async () => {
    const page = await sessionOf(people.coordinator, `${audits}/campaigns`, { locale });
    const demoCampaign = (await page.locator('.card__title a', { hasText: 'Accés a l’atenció presencial 2025–2026' }).getAttribute('href'))!;
    await page.goto(demoCampaign);
    await assertAccessible(page, 'demo campaign');
    const scoreCard = (await page.locator('a[href*="/score-cards/"]').first().getAttribute('href'))!;
    await checkAccessible(page, scoreCard);
  });
}

test('with JavaScript, answers typed while offline stay on the phone and are sent when the connection returns', async () => {
  const page = await sessionOf(people.auditor, '/es/t/barcelona/audits/visits', { locale: 'es', width: 360 });
  // The visits are kept for use offline (fieldwork-offline.test.ts goes through a whole visit that way).
  await page.locator('[data-offline-ready]', { hasText: 'listas para abrirse sin conexión' }).waitFor({ timeout: 30_000 });
  // One of the demo visits of the demo auditor at the social services centres.
  const open = page.locator('.visit-list__item', { hasText: 'CSS' }).filter({ hasText: 'Por hacer' }).first().locator('a');
  await Promise.all([page.waitForURL('**/sections/1'), open.click()]);
  // Skip logic: the barriers question appears only after answering that there are steps.
  const barriers = page.locator('[data-show-if]').first();
  assert.equal(await barriers.isHidden(), true);
  await page.getByLabel('No', { exact: true }).first().check();
  assert.equal(await barriers.isVisible(), true);
  await page.fill('#f-visit_date', '2026-03-02');
  await page.locator('[name="barriers"][value="steps"]').check();
  await page.context().setOffline(true);
  // Offline, the part waits on the phone and the next part opens from what the service worker kept.
  await Promise.all([page.waitForURL('**/sections/2'), page.click('form.fieldwork button[type=submit]')]);
  await page.locator('[data-visit-state]', { hasText: 'Pendiente de enviar' }).waitFor();
  assert.match(await page.evaluate(() => Object.keys(localStorage).join(' ')), /coproduce:fieldwork/);
  await assertAccessible(page, 'fieldwork offline');
  await page.context().setOffline(false);
  await page.locator('[data-visit-state]', { hasText: 'Enviada' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('coproduce:fieldwork')).length), 0);
  // The answers reached the server: the first section shows them.
  await page.goto(page.url().replace(/sections\/2$/, 'sections/1'));
  assert.equal(await page.inputValue('#f-visit_date'), '2026-03-02');
  assert.equal(await page.locator('[name="barriers"][value="steps"]').isChecked(), true);
});

test('a person enrols as an auditor on a phone with JavaScript off; the coordinator sees them on the auditors page', async () => {
  const name = `Sam Jones ${suffix}`;
  const context = await openContext(browser, { locale: 'en', width: 360, height: 800, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/en/t/barcelona/audits/join');
  await Promise.all([page.waitForURL('**/join/name'), page.click('a.button--start')]);
  await page.fill('#f-name', name);
  await Promise.all([page.waitForURL('**/join/contact'), page.click('main button[type=submit]')]);
  // A reload keeps the progress.
  await page.reload();
  await page.fill('#f-email', `sam-${suffix}@example.org`);
  await Promise.all([page.waitForURL('**/join/languages'), page.click('main button[type=submit]')]);
  await page.locator('[name="languages"][value="en"]').check();
  await Promise.all([page.waitForURL('**/join/via'), page.click('main button[type=submit]')]);
  await page.locator('[name="via"][value="self"]').check();
  await Promise.all([page.waitForURL('**/join/motivation'), page.click('main button[type=submit]')]);
  await Promise.all([page.waitForURL('**/join/consent'), page.click('main button[type=submit]')]);
  await page.click('main button[type=submit]');
  assert.match((await page.locator('.error-summary').textContent()) ?? '', /You need to agree/);
  await page.locator('[name="consent"]').check();
  await Promise.all([page.waitForURL('**/join/check'), page.click('main button[type=submit]')]);
  assert.match((await page.locator('.summary-list').textContent()) ?? '', new RegExp(`sam-${suffix}@example\\.org`));
  await Promise.all([page.waitForURL('**/join/done**'), page.click('main button[type=submit]')]);
  assert.match((await page.locator('h1').textContent()) ?? '', /Thank you for joining/);
  await context.close();

  const visitor = await openContext(browser, { locale: 'en', width: 360 });
  const look = await visitor.newPage();
  for (const url of ['/en/t/barcelona/audits/join', '/en/t/barcelona/audits/join/name', '/en/t/barcelona/services', '/es/t/barcelona/audits']) {
    await look.goto(url);
    await assertAccessible(look, `${url} at 360 px`);
    assert.equal(await overflowsHorizontally(look), false, `${url} fits 360 px`);
  }
  await visitor.close();

  const coordinator = await sessionOf(people.coordinator, '/en/t/barcelona/audits/auditors', { locale: 'en' });
  const row = coordinator.locator('tbody tr', { hasText: name });
  assert.equal(await row.count(), 1);
  assert.match((await row.textContent()) ?? '', /Wants to join/);
  await assertAccessible(coordinator, 'auditors with a new applicant');
});
