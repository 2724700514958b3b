// The Metropolitan Social Forum's events across its municipalities: each says where it is held, the list filters by
// it (kept with the other filters), an unknown or hostile value finds nothing and never fails, the form refuses a
// municipality that is not the forum's beside the field, and outside a forum the question is neither asked nor kept;
// the JSON API names the municipality and filters by it as the page does, and the open data gives its slug.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { coproductionEvent } from '../coproduction.schema.ts';
import { listEvents } from './event.service.ts';

let t: TestApp;
let forumId: string;
const ids: Record<string, string> = {};
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  for (const slug of ['barcelona', 'mataro', 'hospitalet-de-llobregat', 'terrassa', 'fuenlabrada']) ids[slug] = (await findTerritory(t.database.db, slug))!.id;
});
after(async () => t.close());

const list = '/ca/t/metropolitan-social-forum/events';
const assembly = 'Assemblea del Fòrum Social Metropolità';
const session = 'Sessió de treball: marc metropolità d’inclusió residencial';
const winter = 'Jornada metropolitana d’acollida d’hivern';
const promoter = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000f1', displayName: 'Roser Pla', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: forumId } }] });
const barcelonaPromoter = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000f2', displayName: 'Jaume Soler', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: ids.barcelona! } }] });
/** The titles of the events listed on a page, as they are written in the HTML. */
const titles = (body: string) => [...body.matchAll(/<h2 class="card__title"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!.replace(/&#x27;|&#39;/g, "'"));

/** Posts a form, with the CSRF token of the page it is on (read as `tokenFrom` when the person has no form there). */
async function post(url: string, headers: Record<string, string>, form: Record<string, string>, tokenFrom = headers) {
  const page = await t.app.inject({ url, headers: tokenFrom });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

const event = (title: string, municipalityId: string) => ({ networkId: '', title, description: 'Trobada de prova.', date: '2027-03-04', startTime: '18:00', endTime: '20:00', place: 'Plaça de la Vila 1', onlineUrl: '', capacity: '25', municipalityId });
const rows = async (title: string) => (await t.database.db.select().from(coproductionEvent).where(eq(coproductionEvent.title, title)));

test('the forum events say where each is held and filter by it, with the other filters', async () => {
  const all = await t.app.inject(`${list}?when=all`);
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /<label[^>]*>Se celebra a<\/label>/, 'the filter is there in a forum');
  assert.match(all.body, /<option value="mataro"[^>]*>Mataró<\/option>/, 'municipalities are named, never shown by id');
  assert.deepEqual(titles(all.body).sort(), [assembly, session, winter].sort());
  assert.match(all.body, /Se celebra a: (?:<span lang="ca">)?Mataró/);
  assert.ok(!all.body.includes(ids.mataro!), 'no municipality id on the page');

  const mataro = await t.app.inject(`${list}?municipality=mataro`);
  assert.deepEqual(titles(mataro.body), [winter], 'only the event held in Mataró');
  assert.match(mataro.body, /Treu el filtre <\/span>Municipi: Mataró/);

  // The assembly in L'Hospitalet is past: the period still counts, and the chip keeps it.
  const hospitalet = await t.app.inject(`${list}?municipality=hospitalet-de-llobregat`);
  assert.deepEqual(titles(hospitalet.body), []);
  assert.match(hospitalet.body, /No hi ha res que coincideixi amb aquests filtres/);
  const pastToo = await t.app.inject(`${list}?municipality=hospitalet-de-llobregat&when=all`);
  assert.deepEqual(titles(pastToo.body), [assembly]);
  assert.match(pastToo.body, /<a class="chip" href="\/ca\/t\/metropolitan-social-forum\/events\?when=all">/, 'removing the municipality keeps the period');

  const network = await t.app.inject(`${list}?municipality=barcelona&network=residential-inclusion&when=all`);
  assert.deepEqual(titles(network.body), [session]);
  assert.deepEqual(titles((await t.app.inject(`${list}?municipality=mataro&network=residential-inclusion&when=all`)).body), []);

  const spanish = await t.app.inject('/es/t/metropolitan-social-forum/events?municipality=terrassa');
  assert.match(spanish.body, /No hay nada que coincida con estos filtros/);
});

test('the service finds by municipality exactly the events held there', async () => {
  const db = t.database.db;
  const held = async (municipalityId: string | null) => (await listEvents(db, forumId, { when: 'all', municipalityId })).map((e) => e.title);
  assert.deepEqual(await held(ids.mataro!), [winter]);
  assert.deepEqual(await held(ids.barcelona!), [session]);
  assert.deepEqual(await held(ids['hospitalet-de-llobregat']!), [assembly]);
  assert.deepEqual(await held(ids.terrassa!), []);
  assert.deepEqual(await held(null), [], 'an unknown municipality finds nothing rather than everything');
  assert.deepEqual(await held('not-a-uuid'), []);
  assert.equal((await listEvents(db, forumId, { when: 'all' })).length, 3);
});

test('an unknown, foreign or hostile municipality finds nothing, translated, and never fails', async () => {
  for (const value of ['atlantis', 'fuenlabrada', 'metropolitan-social-forum', '%27%20or%201%3D1--', '%00', '%E2%80%AE', 'x'.repeat(100)]) {
    const res = await t.app.inject(`${list}?municipality=${value}&when=all`);
    assert.equal(res.statusCode, 200, value);
    assert.deepEqual(titles(res.body), [], `nothing for ${value}`);
    assert.match(res.body, /No hi ha res que coincideixi amb aquests filtres/);
    assert.doesNotMatch(res.body, /Treu el filtre/, 'no chip for a municipality the forum does not have');
  }
  for (const url of [`${list}?municipality=${'x'.repeat(101)}`, `${list}?municipality=a&municipality=b`, `${list}?municipality[]=mataro`]) {
    const res = await t.app.inject(url);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
  }
});

test('an event page and its calendar name the municipality where it is held', async () => {
  const [row] = await rows(winter);
  assert.ok(row);
  const page = await t.app.inject(`/ca/events/${row.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<dt>Municipi<\/dt><dd>(?:<span lang="ca">)?Mataró/);
  const ics = await t.app.inject(`/ca/events/${row.id}/calendar.ics`);
  assert.match(ics.body.replace(/\r?\n /g, ''), /LOCATION:Can Palauet\\, carrer d’en Palau 32\\, Mataró\r?\n/, 'the municipality after the place');
  const [held] = await rows(assembly);
  const named = await t.app.inject(`/ca/events/${held!.id}/calendar.ics`);
  assert.match(named.body.replace(/\r?\n /g, ''), /LOCATION:Centre Cultural Tecla Sala\\, avinguda de Josep Tarradellas 44\\, L’Hospitalet de Llobregat\r?\n/, 'not twice when the address names it');
});

test('in a forum, the form asks where it is held and refuses a municipality that is not the forum’s', async () => {
  const form = await t.app.inject({ url: `${list}/new`, headers: promoter() });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /<select[^>]*name="municipalityId"/);
  assert.match(form.body, /<option value(?:="")?>En línia o a tot el fòrum<\/option>/);
  assert.match(form.body, /<option value="[0-9a-f-]{36}"[^>]*>Terrassa<\/option>/, 'by name');

  for (const [label, value] of [['a municipality outside the forum', ids.fuenlabrada!], ['the forum itself', forumId], ['an invented id', randomUUID()], ['garbage', "' or 1=1 --"], ['a slug', 'mataro']] as const) {
    const title = `Trobada refusada (${label})`;
    const bad = await post(`${list}/new`, promoter(), event(title, value));
    assert.equal(bad.statusCode, 400, label);
    assert.match(bad.body, /id="f-municipalityId-error"[^>]*>[\s\S]*?Tria un dels municipis del fòrum/, label);
    assert.ok(bad.body.includes(`value="${title.replace(/'/g, '&#x27;')}"`) || bad.body.includes(`value="${title}"`), `${label}: the title typed is kept`);
    assert.match(bad.body, /value="Plaça de la Vila 1"/);
    assert.deepEqual(await rows(title), [], `${label}: nothing saved`);
  }

  const made = await post(`${list}/new`, promoter(), event('Trobada a Terrassa', ids.terrassa!));
  assert.equal(made.statusCode, 303);
  assert.equal((await rows('Trobada a Terrassa'))[0]!.municipalityId, ids.terrassa);
  const across = await post(`${list}/new`, promoter(), event('Trobada en línia', ''));
  assert.equal(across.statusCode, 303);
  assert.equal((await rows('Trobada en línia'))[0]!.municipalityId, null, 'online or across the forum');
  const page = await t.app.inject(across.headers.location!.split('?')[0]!);
  assert.match(page.body, /<dt>Municipi<\/dt><dd>En línia o a tot el fòrum<\/dd>/);
});

test('an outsider still cannot schedule a forum event, whatever municipality it names', async () => {
  const before = (await t.database.db.select().from(coproductionEvent)).length;
  const outsider = actorHeader({ personId: randomUUID(), displayName: 'Fora', grants: [] });
  assert.equal((await t.app.inject({ url: `${list}/new`, headers: outsider })).statusCode, 403);
  const res = await post(`${list}/new`, outsider, event('Trobada de fora', ids.mataro!), promoter());
  assert.equal(res.statusCode, 403);
  assert.equal((await post(`${list}/new`, barcelonaPromoter(), event('Trobada de Barcelona al fòrum', ids.barcelona!), promoter())).statusCode, 403, 'a member municipality’s staff do not schedule for the forum');
  assert.equal((await t.database.db.select().from(coproductionEvent)).length, before, 'nothing saved');
});

test('outside a forum the question is not asked and the value is ignored', async () => {
  const form = await t.app.inject({ url: '/ca/t/barcelona/events/new', headers: barcelonaPromoter() });
  assert.equal(form.statusCode, 200);
  assert.doesNotMatch(form.body, /name="municipalityId"/);
  const made = await post('/ca/t/barcelona/events/new', barcelonaPromoter(), event('Trobada de barri', ids.mataro!));
  assert.equal(made.statusCode, 303);
  assert.equal((await rows('Trobada de barri'))[0]!.municipalityId, null);
  const garbage = await post('/ca/t/barcelona/events/new', barcelonaPromoter(), event('Trobada de barri 2', 'no-és-res'));
  assert.equal(garbage.statusCode, 303);
  assert.equal((await rows('Trobada de barri 2'))[0]!.municipalityId, null);

  const barcelona = await t.app.inject('/ca/t/barcelona/events?when=all');
  assert.doesNotMatch(barcelona.body, /name="municipality"/);
  assert.doesNotMatch(barcelona.body, /Se celebra a/);
  const ignored = await t.app.inject('/ca/t/barcelona/events?when=all&municipality=mataro');
  assert.deepEqual(titles(ignored.body), titles(barcelona.body), 'outside a forum the filter is ignored');
  const page = await t.app.inject(made.headers.location!.split('?')[0]!);
  assert.doesNotMatch(page.body, /<dt>Municipi<\/dt>/);
});

test('the API says where each forum event is held, by slug and name, and filters by it as the page does', async () => {
  const api = (url: string, language = 'es') => t.app.inject({ url: `/api/v1${url}`, headers: { 'accept-language': language } });
  type Held = { title: string; municipality: { slug: string; name: string } | null };
  const across = await post(`${list}/new`, promoter(), event('Trobada oberta a tot el fòrum', ''));
  assert.equal(across.statusCode, 303);

  const all = await api('/territories/metropolitan-social-forum/events');
  assert.equal(all.statusCode, 200);
  const byTitle = new Map((all.json().events as Held[]).map((e) => [e.title, e.municipality]));
  assert.deepEqual(byTitle.get(winter), { slug: 'mataro', name: 'Mataró' });
  assert.deepEqual(byTitle.get(session), { slug: 'barcelona', name: 'Barcelona' });
  assert.equal(byTitle.get(assembly)?.slug, 'hospitalet-de-llobregat');
  assert.equal(byTitle.get('Trobada oberta a tot el fòrum'), null, 'online or across the forum');
  assert.ok(!all.body.includes(ids.mataro!), 'no municipality id in the answer');

  const [row] = await rows(winter);
  const one = await api(`/events/${row!.id}`, 'ar');
  assert.equal(one.statusCode, 200);
  assert.deepEqual(one.json().municipality, { slug: 'mataro', name: 'Mataró' }, 'a city keeps its own name in every language');

  const titlesIn = async (query: string) => ((await api(`/territories/metropolitan-social-forum/events?${query}`)).json().events as Held[]).map((e) => e.title);
  assert.deepEqual(await titlesIn('municipality=mataro'), [winter]);
  assert.deepEqual(await titlesIn('municipality=hospitalet-de-llobregat'), [assembly], 'every period, as the rest of the list');
  for (const value of ['atlantis', 'fuenlabrada', 'metropolitan-social-forum', '%27%20or%201%3D1--', '%00', '%E2%80%AE', 'x'.repeat(100)]) {
    const res = await api(`/territories/metropolitan-social-forum/events?municipality=${value}`);
    assert.equal(res.statusCode, 200, value);
    assert.deepEqual(res.json().events, [], `nothing for ${value}`);
  }
  const tooLong = await api(`/territories/metropolitan-social-forum/events?municipality=${'x'.repeat(101)}`);
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.headers['content-type'] as string, /^application\/problem\+json/);
  for (const query of ['municipality=a&municipality=b', 'municipality[]=mataro']) assert.ok((await api(`/territories/metropolitan-social-forum/events?${query}`)).statusCode < 500, query);
});

test('the open data gives the slug of the municipality where each forum event is held, after the place; empty when none', async () => {
  assert.equal((await post(`${list}/new`, promoter(), event('Trobada oberta a tot el fòrum (dades obertes)', ''))).statusCode, 303);
  const csv = (await t.app.inject('/ca/t/metropolitan-social-forum/events.csv')).body;
  const header = csv.split(/\r?\n/)[0]!.split(',');
  assert.equal(header.indexOf('municipality'), header.indexOf('place') + 1);
  const line = (title: string) => csv.split(/\r?\n/).find((l) => l.includes(title))!;
  assert.match(line(winter), /,"Can Palauet, carrer d’en Palau 32",mataro,,60,/);
  assert.match(line('Trobada oberta a tot el fòrum (dades obertes)'), /,Plaça de la Vila 1,,,25,/);
  const json = (await t.app.inject('/ca/t/metropolitan-social-forum/events.json')).json().events as { title: string; municipality: string }[];
  assert.equal(json.find((e) => e.title === winter)!.municipality, 'mataro');
  assert.equal(json.find((e) => e.title === session)!.municipality, 'barcelona');
  assert.equal(json.find((e) => e.title === 'Trobada oberta a tot el fòrum (dades obertes)')!.municipality, '');
});
