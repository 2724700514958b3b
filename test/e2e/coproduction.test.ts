// Events and debates in the browser, in Catalan and Spanish at 320 px, on the real server: a coordinator
// schedules a meeting of one place (after a form with mistakes, answered beside the fields), a person
// registers and the event fills, the next person goes to the waiting list, and the event's iCal file parses
// with ical.js; a coordinator hides a debate contribution with a reason. Every page: no WCAG 2.2 A/AA violation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import type { Browser } from 'playwright-core';
import { assertAccessibleAndFits, clickThrough, contextMessages, demoPeoplePassword, launchBrowser, screenshot, signInAs } from './support.ts';

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => browser.close());

const networkName = { ca: "Xarxa d'Atenció a Persones Sense Llar", es: 'Red de Atención a Personas sin Hogar' } as const;

for (const locale of ['ca', 'es'] as const) {
  test(`${locale}: a meeting of one place fills, the next person waits, and its calendar file imports`, async () => {
    assert.ok(demoPeoplePassword, 'the harness sets DEMO_PEOPLE_PASSWORD');
    const t = contextMessages('coproduction', locale);
    const options = { locale, width: 320, height: 800 };
    const title = locale === 'ca' ? 'Reunió de coordinació de l’hivern' : 'Reunión de coordinación del invierno';

    // The coordinator schedules it; a form with mistakes keeps what was typed and says what to fix beside each field.
    const coordinator = await signInAs(browser, 'network-coordinator@coproduce.example', `/${locale}/t/barcelona/events/new`, options);
    await assertAccessibleAndFits(coordinator, `${locale} new event`);
    await coordinator.getByLabel(t('coproduction.events.network')).selectOption({ label: networkName[locale] });
    await coordinator.getByLabel(t('coproduction.event.titleLabel')).fill(title);
    await coordinator.getByLabel(t('coproduction.event.capacity')).fill('cap');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('coproduction.event.schedule') }));
    assert.match((await coordinator.locator('.error-summary').textContent()) ?? '', new RegExp(t('coproduction.event.errors.descriptionRequired')));
    assert.equal(await coordinator.getByLabel(t('coproduction.event.titleLabel')).inputValue(), title);
    await assertAccessibleAndFits(coordinator, `${locale} new event with errors`);
    await coordinator.getByLabel(t('coproduction.event.description')).fill(locale === 'ca' ? 'Repartim les places d’hivern entre les entitats.' : 'Repartimos las plazas de invierno entre las entidades.');
    await coordinator.getByLabel(t('coproduction.event.date')).fill('2027-03-10');
    await coordinator.getByLabel(t('coproduction.event.startTime')).fill('18:00');
    await coordinator.getByLabel(t('coproduction.event.endTime')).fill('19:30');
    await coordinator.getByLabel(t('coproduction.event.place'), { exact: true }).fill('Carrer de Sant Pau 58, Barcelona');
    await coordinator.getByLabel(t('coproduction.event.capacity')).fill('1');
    await clickThrough(coordinator, coordinator.getByRole('button', { name: t('coproduction.event.schedule') }));
    assert.match(coordinator.url(), /\/events\/[0-9a-f-]{36}\?notice=scheduled/);
    const eventPath = new URL(coordinator.url()).pathname;
    await assertAccessibleAndFits(coordinator, `${locale} event scheduled`);
    await coordinator.context().close();

    // A person registers: the only place is theirs, with a code.
    const first = await signInAs(browser, 'organisation-member@coproduce.example', eventPath, options);
    await clickThrough(first, first.getByRole('button', { name: t('coproduction.event.register') }));
    assert.match((await first.locator('.notice').textContent()) ?? '', new RegExp(t('coproduction.notice.registered').slice(0, 10)));
    assert.match((await first.locator('[data-registration-code]').textContent()) ?? '', /^\s*[A-Z0-9]{8}\s*$/);
    await assertAccessibleAndFits(first, `${locale} registered`);
    // The calendar file of the event imports: a well-kept parser reads its one event, with the link back.
    const icsHref = await first.getByRole('link', { name: t('coproduction.event.icsFile') }).getAttribute('href');
    const ics = await first.request.get(icsHref!);
    assert.equal(ics.status(), 200);
    const calendar = new ICAL.Component(ICAL.parse(await ics.text()));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.equal(events.length, 1);
    assert.equal(events[0]!.summary, title);
    assert.equal(events[0]!.startDate.toJSDate().toISOString(), '2027-03-10T17:00:00.000Z');
    assert.match(events[0]!.description, new RegExp(eventPath.replace(/\//g, '\\/')));
    await first.context().close();

    // The next person finds it full and goes to the waiting list, first in line.
    const second = await signInAs(browser, 'organisation-admin@coproduce.example', eventPath, options);
    assert.match((await second.locator('.tag').first().textContent()) ?? '', new RegExp(t('coproduction.event.full')));
    await clickThrough(second, second.getByRole('button', { name: t('coproduction.event.joinWaiting') }));
    assert.match((await second.locator('.notice').textContent()) ?? '', new RegExp(t('coproduction.notice.waiting').slice(0, 10)));
    assert.match((await second.locator('#registration').locator('..').textContent()) ?? '', new RegExp(t('coproduction.event.youAreWaiting', { position: '1' }).slice(0, 20)));
    await assertAccessibleAndFits(second, `${locale} waiting list`);
    await screenshot(second, `coproduction-waiting-${locale}`);
    await second.context().close();
  });
}

test('ca: a coordinator hides a debate contribution with a reason; the public reads the reason, not the text', async () => {
  const t = contextMessages('coproduction', 'ca');
  const page = await signInAs(browser, 'network-coordinator@coproduce.example', '/ca/t/barcelona/debates', { locale: 'ca', width: 320, height: 800 });
  await assertAccessibleAndFits(page, 'ca debates');
  await clickThrough(page, page.getByRole('link', { name: /places d’hivern/ }));
  await assertAccessibleAndFits(page, 'ca debate');
  const contribution = page.locator('article', { hasText: 'Ens falten pisos de sortida' });
  await clickThrough(page, contribution.getByRole('button', { name: t('coproduction.debate.hide') }));
  assert.match((await page.locator('.error-summary').textContent()) ?? '', /Escriu per què l’amagues/);
  await assertAccessibleAndFits(page, 'ca debate with an error');
  await page.locator('article', { hasText: 'Ens falten pisos de sortida' }).getByLabel(t('coproduction.debate.reason')).fill('Prova de moderació del recorregut.');
  await clickThrough(page, page.locator('article', { hasText: 'Ens falten pisos de sortida' }).getByRole('button', { name: t('coproduction.debate.hide') }));
  assert.match((await page.locator('.notice').textContent()) ?? '', /L'aportació s'ha amagat/);
  const debatePath = new URL(page.url()).pathname;
  await page.context().close();
  const visitor = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'ca', viewport: { width: 320, height: 800 } });
  const anonymous = await visitor.newPage();
  await anonymous.goto(debatePath);
  assert.match((await anonymous.locator('main').textContent()) ?? '', /Prova de moderació del recorregut/);
  assert.doesNotMatch((await anonymous.locator('main').textContent()) ?? '', /Ens falten pisos de sortida/);
  await assertAccessibleAndFits(anonymous, 'ca debate, public');
  await visitor.close();
});
