// Events and debates through HTTP on the demo: the waiting list and its promotion, registration codes and
// attendance, iCal files a well-kept parser reads (per event, network and territory), open data and the API,
// moderation that the author still reads and the access log records, and bad input answered beside the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { searchAccessLog } from '../../platform/access-log/access-log.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { findNetwork, networkMembers } from '../agreement/networks/network.service.ts';

let t: TestApp;
let territoryId: string;
let networkId: string;
let memberOrganisationId: string;
const coordinator = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000c1', displayName: 'Lucía Romero', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
const person = (name: string) => actorHeader({ personId: randomUUID(), displayName: name, grants: [] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  networkId = (await findNetwork(t.database.db, territoryId, 'homeless-people'))!.id;
  memberOrganisationId = (await networkMembers(t.database.db, networkId, 'member')).find((m) => m.organisationId)!.organisationId!;
});
after(async () => t.close());

/** Posts a form, with the CSRF token of the page it is on (read as `tokenFrom` when the person has no form there). */
async function post(url: string, headers: Record<string, string>, form: Record<string, string> = {}, tokenFrom = headers) {
  const page = await t.app.inject({ url: url.replace(/\/(register|cancel|attendance|minutes|contributions.*)$/, ''), headers: tokenFrom });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

function parseCalendar(text: string) {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}

test('the demo: events in Catalan and Arabic, past ones with minutes and attendance, a calendar per territory and per network', async () => {
  const list = await t.app.inject('/ca/t/barcelona/events?when=all');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Jornada: l’Habitatge Primer a Barcelona/);
  assert.match(list.body, /80 de 80 places ocupades/);
  assert.match(list.body, /6 persones en espera/);
  const arabic = await t.app.inject('/ar/t/barcelona/events');
  assert.equal(arabic.statusCode, 200);
  assert.match(arabic.body, /dir="rtl"/);
  const past = /href="(\/ca\/events\/[0-9a-f-]{36})"[^>]*>\s*Plenari de primavera/.exec(list.body)![1]!;
  const page = await t.app.inject(past);
  assert.match(page.body, /Hi van anar 31 persones/);
  assert.match(page.body, /La campanya d’hivern va oferir 150 places/);
  const territoryCalendar = await t.app.inject('/ca/t/barcelona/events.ics');
  assert.equal(territoryCalendar.statusCode, 200);
  assert.match(territoryCalendar.headers['content-type'] as string, /^text\/calendar/);
  const all = parseCalendar(territoryCalendar.body);
  assert.equal(all.length, 6);
  const networkCalendar = parseCalendar((await t.app.inject('/ca/t/barcelona/networks/homeless-people/events.ics')).body);
  assert.equal(networkCalendar.length, 2);
  assert.ok(networkCalendar.every((e) => /\/ca\/events\/[0-9a-f-]{36}/.test(e.description)));
  const online = all.find((e) => e.summary.startsWith('Debat obert en línia'))!;
  assert.equal(online.location, 'https://meet.jit.si/coproduce-places-hivern');
  const forum = parseCalendar((await t.app.inject('/es/t/metropolitan-social-forum/events.ics')).body);
  assert.equal(forum.length, 3);
  // Open data and the API carry counts, never names.
  const csv = await t.app.inject('/ca/t/barcelona/events.csv');
  assert.equal(csv.body.split(/\r?\n/)[0], 'id,title,network,starts_at,ends_at,place,municipality,online_url,capacity,registered,waiting,attended,minutes');
  assert.doesNotMatch(csv.body, /Youssef El Amrani/);
  const json = await t.app.inject('/ca/t/barcelona/events.json');
  assert.equal(json.json().events.length, 6);
  assert.ok(json.json().events.every((e: { municipality: string }) => e.municipality === ''), 'a municipality’s own events are held in no other');
  const api = await t.app.inject('/api/v1/territories/barcelona/events');
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().events.length, 6);
  assert.ok(api.json().events.every((e: { municipality: unknown }) => e.municipality === null));
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/events?municipality=mataro')).json().events.length, 6, 'outside a forum the filter is ignored');
  const datapackage = await t.app.inject('/ca/t/barcelona/events/datapackage.json');
  const fields = datapackage.json().resources[0].schema.fields as { name: string; description?: string }[];
  assert.deepEqual(fields.map((f) => f.name), csv.body.split(/\r?\n/)[0]!.split(','), 'the data package describes the CSV as it is');
  assert.match(fields.find((f) => f.name === 'municipality')!.description!, /slug/);
  // The portal links to events and debates.
  const portal = await t.app.inject('/ca/t/barcelona');
  assert.match(portal.body, /href="\/ca\/t\/barcelona\/events"/);
  assert.match(portal.body, /href="\/ca\/t\/barcelona\/debates"/);
});

test('registration: the event fills, the next person waits, a cancellation gives the place to the first waiting; codes mark attendance', async () => {
  const bad = await post('/ca/t/barcelona/events/new', coordinator(), { networkId, title: 'Reunió <b>de prova</b>', description: '', date: '2027-02-30', startTime: '18:00', endTime: '17:00', place: '', onlineUrl: 'javascript:alert(1)', capacity: 'dos' });
  assert.equal(bad.statusCode, 400);
  for (const field of ['description', 'date', 'onlineUrl', 'capacity']) assert.match(bad.body, new RegExp(`id="f-${field}-error"`), field);
  assert.match(bad.body, /value="Reunió &lt;b>de prova&lt;\/b>"/);
  const made = await post('/ca/t/barcelona/events/new', coordinator(), { networkId, title: 'Reunió petita', description: 'Dues places.', date: '2027-02-10', startTime: '18:00', endTime: '19:30', place: 'Carrer de Sant Pau 58', onlineUrl: '', capacity: '2' });
  assert.equal(made.statusCode, 303);
  const eventPath = made.headers.location!.split('?')[0]!;
  const [anna, bernat, carla, dolors] = [person('Anna'), person('Bernat'), person('Carla'), person('Dolors')];
  for (const who of [anna, bernat]) assert.match((await post(`${eventPath}/register`, who)).headers.location!, /notice=registered/);
  assert.match((await post(`${eventPath}/register`, carla)).headers.location!, /notice=waiting/);
  assert.match((await post(`${eventPath}/register`, dolors)).headers.location!, /notice=waiting/);
  assert.match((await t.app.inject({ url: eventPath, headers: dolors })).body, /Ets el número 2 de la llista d&#39;espera|Ets el número 2 de la llista d'espera/);
  const carlaPage = await t.app.inject({ url: eventPath, headers: carla });
  assert.match(carlaPage.body, /número 1/);
  assert.doesNotMatch(carlaPage.body, /data-registration-code/);
  // Anna cancels: Carla, first waiting, gets the place and a code; Dolors moves up.
  assert.match((await post(`${eventPath}/cancel`, anna)).headers.location!, /notice=cancelled/);
  const promoted = await t.app.inject({ url: eventPath, headers: carla });
  const code = /data-registration-code[^>]*>\s*([A-Z0-9]{8})/.exec(promoted.body)?.[1];
  assert.ok(code, 'Carla now has a place and a code');
  assert.match((await t.app.inject({ url: eventPath, headers: dolors })).body, /número 1/);
  // A person not organising it cannot read the registrations.
  assert.equal((await t.app.inject({ url: `${eventPath}/manage`, headers: carla })).statusCode, 403);
  const manage = await t.app.inject({ url: `${eventPath}/manage`, headers: coordinator() });
  assert.equal(manage.statusCode, 200);
  assert.match(manage.body, /Carla/);
  const unknown = await post(`${eventPath}/attendance`, coordinator(), { code: 'ZZZZ9999' });
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /id="f-code-error"/);
  assert.match(unknown.body, /value="ZZZZ9999"/);
  assert.equal((await post(`${eventPath}/attendance`, coordinator(), { code: code!.toLowerCase() })).statusCode, 303);
  const id = eventPath.split('/').pop()!;
  const logged = await searchAccessLog(t.database.db, { action: 'coproduction.attendance.mark', territoryId, actorId: '0000c000-0000-4000-8000-0000000000c1' }, 'all', { limit: 10 });
  assert.equal(logged.length, 1);
  assert.equal((await searchAccessLog(t.database.db, { action: 'coproduction.registrations.read', recordId: id }, 'all', { limit: 10 })).length >= 1, true);
  // The event's page links to its calendar file, and to Google Calendar and Outlook.
  const eventPage = await t.app.inject(eventPath);
  assert.match(eventPage.body, /href="https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&amp;text=Reuni/);
  assert.match(eventPage.body, /href="https:\/\/outlook\.live\.com\/calendar\//);
  const icsLink = /href="([^"]+\.ics)"/.exec(eventPage.body)![1]!;
  const ics = parseCalendar((await t.app.inject(icsLink)).body);
  assert.equal(ics.length, 1);
  assert.equal(ics[0]!.summary, 'Reunió petita');
  assert.equal(ics[0]!.startDate.toJSDate().toISOString(), '2027-02-10T17:00:00.000Z');
  assert.equal(ics[0]!.location, 'Carrer de Sant Pau 58');
  const read = (await t.app.inject(`/api/v1/events/${id}`)).json();
  assert.equal(read.registered, 2);
  assert.equal(read.municipality, null, 'a municipality’s own event');
  // Another territory's staff do not schedule here.
  const outsider = actorHeader({ personId: randomUUID(), displayName: 'Fora', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: randomUUID() } }] });
  assert.equal((await t.app.inject({ url: '/ca/t/barcelona/events/new', headers: outsider })).statusCode, 403);
});

test('debates: only members of the network take part; a moderator hides with a reason that the author reads, and it is access-logged', async () => {
  const list = await t.app.inject('/es/t/barcelona/debates');
  const debatePath = /href="(\/es\/debates\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  const demo = await t.app.inject(debatePath);
  assert.match(demo.body, /Ocultada por los moderadores/);
  assert.doesNotMatch(demo.body, /exemple-ofertes/);
  const member = actorHeader({ personId: randomUUID(), displayName: 'Marta', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: memberOrganisationId } }] });
  const stranger = actorHeader({ personId: randomUUID(), displayName: 'Sense xarxa', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: randomUUID() } }] });
  assert.match((await t.app.inject({ url: debatePath, headers: stranger })).body, /Solo participan las personas de las entidades de esta red/);
  assert.equal((await post(`${debatePath}/contributions`, stranger, { organisationId: '', body: 'Hola' }, member)).statusCode, 403);
  const empty = await post(`${debatePath}/contributions`, member, { organisationId: memberOrganisationId, body: '   ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-body-error"/);
  const said = await post(`${debatePath}/contributions`, member, { organisationId: memberOrganisationId, body: '<script>alert(1)</script> Compremos juntos.' });
  assert.equal(said.statusCode, 303);
  const contributionId = /#c-([0-9a-f-]{36})$/.exec(said.headers.location!)![1]!;
  const moderator = actorHeader({ personId: randomUUID(), displayName: 'Moderadora', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
  const noReason = await post(`${debatePath}/contributions/${contributionId}/hide`, moderator, { [`reason-${contributionId}`]: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, new RegExp(`id="f-reason-${contributionId}-error"`));
  assert.equal((await post(`${debatePath}/contributions/${contributionId}/hide`, member, { [`reason-${contributionId}`]: 'no' }, moderator)).statusCode, 403);
  assert.equal((await post(`${debatePath}/contributions/${contributionId}/hide`, moderator, { [`reason-${contributionId}`]: 'Código en el texto' })).statusCode, 303);
  const publicPage = await t.app.inject(debatePath);
  assert.doesNotMatch(publicPage.body, /Compremos juntos/);
  assert.match(publicPage.body, /Código en el texto/);
  const authorPage = await t.app.inject({ url: debatePath, headers: member });
  assert.match(authorPage.body, /&lt;script>alert\(1\)&lt;\/script> Compremos juntos\./);
  assert.match(authorPage.body, /Solo tú y los moderadores/);
  const logged = await searchAccessLog(t.database.db, { action: 'coproduction.contribution.hide', recordId: contributionId }, 'all', { limit: 5 });
  assert.equal(logged.length, 1);
  assert.equal(logged[0]!.reason, 'Código en el texto');
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/debates')).json().debates.length, 1);
});
