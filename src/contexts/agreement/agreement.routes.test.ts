// The Agreement's pages, JSON and rules through HTTP: directory search, permissions, renewal, leaving, logo, CSV export.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchAccessLog } from '../../platform/access-log/access-log.ts';
import { deflateSync } from 'node:zlib';
import { actorHeader, createTestApp, csrfFrom, ensurePerson, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import type { RoleGrant } from '../../platform/auth/permissions.ts';
import { locales } from '../../platform/i18n/locales.ts';

let t: TestApp;
let barcelonaId: string;
let csrf: { token: string; cookie: string };
let districts: { id: string; name: string; organisations: number }[];
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
  districts = (await t.app.inject('/api/v1/territories/barcelona/directory')).json().districts;
});
after(async () => t.close());

const as = (grants: RoleGrant[], personId = '00000000-0000-4000-8000-0000000000f1') => ({ ...actorHeader({ personId, displayName: 'Test person', grants }), cookie: csrf.cookie });
const post = (url: string, headers: Record<string, string>, payload: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.entries({ ...payload, _csrf: csrf.token }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() });
const search = async (query: string) => (await t.app.inject(`/api/v1/territories/barcelona/directory?${query}`)).json();
const district = (name: string) => districts.find((d) => d.name === name)!.id;

test('the directory ignores accents and small typos, and answers "who works on housing in Nou Barris?" in one search', async () => {
  const accents = await search('q=associacio+habitatge+digne');
  assert.equal(accents.organisations[0].name, 'Associació Habitatge Digne Nou Barris');
  const typo = await search('q=habitatje+digne');
  assert.equal(typo.organisations[0].name, 'Associació Habitatge Digne Nou Barris');
  // Area labels in every core language are searchable: Spanish and English words find Catalan profiles.
  const oneSearch = await search('q=vivienda+nou+barris');
  const names = oneSearch.organisations.map((o: { name: string }) => o.name);
  assert.ok(names.includes('Associació Habitatge Digne Nou Barris'));
  assert.ok(names.includes('Associació Veïns Ciutat Meridiana Endavant'));
  const withFilter = await search(`q=housing&district=${district('Nou Barris')}`);
  assert.ok(withFilter.total >= 2);
  for (const o of withFilter.organisations) assert.ok(o.districtIds.includes(district('Nou Barris')), o.name);
  assert.equal((await search('q=zzzzqqq')).total, 0);
});

test('"Qui treballa en habitatge a Nou Barris?" reads the area and the district as filters and lists their organisations', async () => {
  const asked = await search(`q=${encodeURIComponent('Qui treballa en habitatge a Nou Barris?')}`);
  const filtered = await search(`area=housing&district=${district('Nou Barris')}`);
  assert.ok(asked.total >= 2);
  assert.equal(asked.total, filtered.total);
  assert.deepEqual(asked.organisations.map((o: { id: string }) => o.id).sort(), filtered.organisations.map((o: { id: string }) => o.id).sort());
  for (const o of asked.organisations) assert.ok(o.areas.includes('housing') && o.districtIds.includes(district('Nou Barris')), o.name);
  assert.ok(asked.organisations.some((o: { name: string }) => o.name === 'Associació Habitatge Digne Nou Barris'));
  // The same question in Spanish and English; the page says how it was read.
  assert.equal((await search(`q=${encodeURIComponent('¿Quién trabaja en vivienda en Nou Barris?')}`)).total, filtered.total);
  assert.equal((await search(`q=${encodeURIComponent('Who works on housing in Nou Barris?')}`)).total, filtered.total);
  const page = await t.app.inject(`/ca/t/barcelona/directory?q=${encodeURIComponent('Qui treballa en habitatge a Nou Barris?')}`);
  assert.match(page.body, /Hem entès la pregunta així:/);
  assert.match(page.body, /Àmbit de treball: Habitatge/);
  assert.match(page.body, /Districte: Nou Barris/);
});

test('a question in any language, with a typo in the district; the filters it names are chips that each remove one filter', async () => {
  const filtered = await search(`area=housing&district=${district('Nou Barris')}`);
  for (const q of ['Qui travaille dans le logement à Nou Baris ?', 'Quem trabalha em habitação em Nou Barris?', '谁在Nou Barris从事住房工作？', 'Хто працює з житло в Nou Barris?']) {
    const asked = await search(`q=${encodeURIComponent(q)}`);
    assert.equal(asked.total, filtered.total, q);
  }
  const q = 'Qui treballa en habitatge a Nou Barris?';
  const page = await t.app.inject(`/ca/t/barcelona/directory?q=${encodeURIComponent(q)}`);
  const chips = [...page.body.matchAll(/<a class="chip" href="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  assert.equal(chips.length, 2, 'the area and the district');
  assert.match(page.body, /<span class="visually-hidden">Treu el filtre <\/span>Àmbit de treball: Habitatge/);
  // Removing the district chip (the second: area, then district) keeps the area: every housing organisation.
  const withoutDistrict = new URL(chips[1]!, 'http://x');
  assert.equal(withoutDistrict.searchParams.get('q'), 'Qui treballa en habitatge a?');
  const housing = await search(`q=${encodeURIComponent(withoutDistrict.searchParams.get('q')!)}`);
  assert.equal(housing.total, (await search('area=housing')).total);
  assert.ok(housing.total > filtered.total);
  // A chosen filter's chip drops that parameter only.
  const chosen = await t.app.inject('/ca/t/barcelona/directory?type=foundation&language=ur');
  const chosenChips = [...chosen.body.matchAll(/<a class="chip" href="([^"]+)">/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  assert.deepEqual(chosenChips.sort(), ['/ca/t/barcelona/directory?language=ur', '/ca/t/barcelona/directory?type=foundation']);
  // No organisation has the other words: the question's filters are shown, and the page says so.
  const none = await t.app.inject(`/ca/t/barcelona/directory?q=${encodeURIComponent('habitatge a Nou Barris xqzvw')}`);
  assert.match(none.body, /Cap organització no té les paraules que has escrit/);
  assert.equal((await search(`q=${encodeURIComponent('habitatge a Nou Barris xqzvw')}`)).total, filtered.total);
});

test('ranking by field and closeness: "sensellar" puts the homelessness organisations before "Sense Barreres"; matched words are marked', async () => {
  const found = await search('q=sensellar');
  const names = found.organisations.map((o: { name: string }) => o.name);
  const homeless = found.organisations.filter((o: { areas: string[] }) => o.areas.includes('homelessness'));
  assert.ok(homeless.length >= 3, names.join(', '));
  assert.ok(found.organisations.slice(0, homeless.length).every((o: { areas: string[] }) => o.areas.includes('homelessness')), names.join(', '));
  const at = names.indexOf('Fundació Educació Sense Barreres');
  assert.ok(at === -1 || at >= homeless.length, `Sense Barreres at ${at}: ${names.join(', ')}`);
  // A word in the name counts more than the same word in the description.
  const inName = await search('q=habitatge');
  assert.match(inName.organisations[0].name, /Habitatge/i);
  const page = await t.app.inject('/ca/t/barcelona/directory?q=habitatje+digne');
  assert.match(page.body, /<mark>Habitatge<\/mark> <mark>Digne<\/mark> Nou Barris/);
});

test('a misspelt, unaccented search finds the right organisation; with no organisation having every word, any of them', async () => {
  // Two wrong letters and no accents: "fundacio" for "Fundació", "obertt" for "Obert".
  const misspelt = await search('q=fundacio+sostre+obertt');
  assert.equal(misspelt.organisations[0].name, 'Fundació Sostre Obert');
  assert.equal(misspelt.total, 1);
  // A letter swapped in a rare word, and the start of a word.
  assert.equal((await search('q=bayanihn')).total, 0, 'still pending, so not in the directory');
  assert.equal((await search('q=rebots+solidar')).organisations[0].name, 'Rebost Solidari de Sants');
  // No organisation has every typed word: those with some of them are shown, and the page says so.
  const some = await t.app.inject('/en/t/barcelona/directory?q=sostre+qqqzzz');
  assert.match(some.body, /No organisation has all the words/);
  assert.match(some.body, /<mark>Sostre<\/mark> Obert/);
  assert.doesNotMatch((await t.app.inject('/en/t/barcelona/directory?q=sostre+obert')).body, /No organisation has all the words/);
  // Networks are found by a typo too.
  assert.ok((await search('q=alimentasio')).networks.some((n: { slug: string }) => n.slug === 'adequate-food'));
});

test('directory filters: type, area, language, network; only member organisations are listed; counts per district', async () => {
  const all = await search('');
  assert.equal(all.total, 37);
  assert.ok(!all.organisations.some((o: { name: string }) => o.name === 'Empresa d’Inserció Reverdeix'), 'never signed');
  assert.ok(!all.organisations.some((o: { name: string }) => o.name === 'Associació Cultural Filipina Bayanihan'), 'pending');
  assert.ok((await search('type=cooperative')).organisations.every((o: { type: string }) => o.type === 'cooperative'));
  assert.ok((await search('area=food')).organisations.every((o: { areas: string[] }) => o.areas.includes('food')));
  const urdu = await search('language=ur');
  assert.ok(urdu.total > 0 && urdu.organisations.every((o: { languages: string[] }) => o.languages.includes('ur')));
  const agreement = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json();
  const homeless = agreement.networks.find((n: { slug: string }) => n.slug === 'homeless-people');
  const inNetwork = await search(`network=${homeless.id}`);
  const homelessDetail = (await t.app.inject('/api/v1/territories/barcelona/networks/homeless-people')).json();
  const organisationsInNetwork = homelessDetail.members.filter((m: { kind: string }) => m.kind === 'organisation');
  assert.equal(homeless.members, homelessDetail.members.length, 'organisations and departments');
  assert.equal(inNetwork.total, organisationsInNetwork.length);
  assert.ok(inNetwork.total > 0);
  const perDistrict = all.districts.find((d: { name: string }) => d.name === 'Nou Barris').organisations;
  assert.equal(perDistrict, (await search(`district=${district('Nou Barris')}`)).total);
  assert.ok(all.networks.length === 11);
  assert.ok((await search('q=alimentacio')).networks.some((n: { slug: string }) => n.slug === 'adequate-food'));
});

test('the directory page has a search form, a map with a data table, and works in every language', async () => {
  const page = await t.app.inject(`/ca/t/barcelona/directory?q=habitatje&district=${district('Nou Barris')}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<svg class="map__svg"[^>]*role="img"/);
  assert.match(page.body, /<caption>Organitzacions trobades per districte a Barcelona<\/caption>/);
  assert.match(page.body, /value="habitatje"/);
  for (const locale of locales) assert.equal((await t.app.inject(`/${locale}/t/barcelona/directory`)).statusCode, 200, locale);
  assert.equal((await t.app.inject('/ca/t/fuenlabrada/directory')).statusCode, 404, 'no Agreement in Fuenlabrada');
});

test('public pages of the Agreement, forum, networks, organisations and challenges answer in every language', async () => {
  const org = (await search('q=sostre+obert')).organisations[0];
  const challenge = (await t.app.inject('/api/v1/territories/barcelona/challenges')).json().challenges[0];
  for (const locale of locales) {
    for (const path of ['/t/barcelona/agreement', '/t/metropolitan-social-forum/agreement', '/t/barcelona/networks/homeless-people', '/t/metropolitan-social-forum/networks/residential-inclusion', '/t/barcelona/challenges', `/organisations/${org.id}`, `/challenges/${challenge.id}`]) {
      const response = await t.app.inject(`/${locale}${path}`);
      assert.equal(response.statusCode, 200, `${locale}${path}`);
    }
  }
  const forum = await t.app.inject('/en/t/metropolitan-social-forum/agreement');
  assert.match(forum.body, /Metropolitan Network for Residential Inclusion/);
  assert.match(forum.body, /promoting group of municipalities and organisations/);
  const homeless = await t.app.inject('/es/t/barcelona/networks/homeless-people');
  assert.match(homeless.body, /Red de Atención a Personas sin Hogar/);
  assert.match(homeless.body, /Obrir 150 places d’hivern/);
  assert.match(homeless.body, /Recompte nocturn/);
  const agreement = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json();
  assert.equal(agreement.networks.length, 11);
  assert.equal(agreement.members.length, 37);
  for (const path of ['/ca/organisations/00000000-0000-4000-8000-000000000000', '/ca/organisations/not-a-uuid', '/ca/challenges/x', '/ca/t/barcelona/networks/nope']) {
    assert.equal((await t.app.inject(path)).statusCode, 404, path);
  }
  assert.equal((await t.app.inject('/api/v1/organisations/00000000-0000-4000-8000-000000000000')).statusCode, 404);
});

test('the OpenAPI document lists the Agreement’s JSON', async () => {
  const paths = Object.keys((await t.app.inject('/api/openapi.json')).json().paths);
  for (const p of ['/api/v1/territories/{slug}/agreement', '/api/v1/territories/{slug}/directory', '/api/v1/territories/{slug}/networks/{network}', '/api/v1/territories/{slug}/challenges', '/api/v1/challenges/{id}', '/api/v1/organisations/{id}', '/api/v1/organisations/{id}/logo']) {
    assert.ok(paths.includes(p), p);
  }
});

test('signed-out people are sent to sign in; people without the role get 403, never the form', async () => {
  const signIn = await t.app.inject('/ca/t/barcelona/agreement/sign');
  assert.equal(signIn.statusCode, 303);
  assert.match(signIn.headers.location as string, /\/ca\/account\/sign-in\?next=/);
  const member = as([{ role: 'organisation-member', scope: { kind: 'organisation', id: '11111111-1111-4111-8111-111111111111' } }]);
  for (const url of ['/ca/t/barcelona/agreement/sign', '/ca/t/barcelona/agreement/review', '/ca/t/barcelona/agreement/commitments', '/ca/t/barcelona/organisations.csv', '/ca/t/barcelona/networks/homeless-people/coordinate']) {
    assert.equal((await t.app.inject({ url, headers: member })).statusCode, 403, url);
  }
  // A promoting group member of another territory cannot review Barcelona's requests.
  const forumGroup = as([{ role: 'promoting-group-member', scope: { kind: 'territory', id: (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id } }]);
  assert.equal((await t.app.inject({ url: '/ca/t/barcelona/agreement/review', headers: forumGroup })).statusCode, 403);
  assert.equal((await t.app.inject({ url: '/ca/t/metropolitan-social-forum/agreement/review', headers: forumGroup })).statusCode, 200);
});

test('new commitments ask every member to renew; a member renews by signing; an organisation can leave, with its history kept', async () => {
  const group = as([{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelonaId } }]);
  const empty = await post('/ca/t/barcelona/agreement/commitments', group, { 'text.ca': '', 'text.es': '', 'text.en': '', 'text.ar': '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Escriviu els compromisos com a mínim en una llengua/);
  const published = await post('/ca/t/barcelona/agreement/commitments', group, { 'text.ca': 'Treballar per la inclusió.\nCompartir coneixement.\nCuidar les persones voluntàries.', 'text.es': 'Trabajar por la inclusión.', 'text.en': '', 'text.ar': '' });
  assert.equal(published.statusCode, 303);
  assert.equal((await searchAccessLog(t.database.db, { action: 'agreement.commitments.publish', territoryId: barcelonaId }, 'all', { limit: 5 })).length, 1, 'publishing commitments is logged');
  const agreement = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json();
  assert.equal(agreement.commitments.version, 2);
  assert.match(await (await t.app.inject('/ca/t/barcelona/agreement')).body, /Cal renovar/);

  const sostreObert = (await search('q=sostre+obert')).organisations[0];
  const admin = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: sostreObert.id } }]);
  const stale = await post('/ca/t/barcelona/agreement/sign', admin, { organisationId: sostreObert.id, version: '1', accepted: 'yes' });
  assert.equal(stale.statusCode, 400);
  assert.match(stale.body, /Els compromisos han canviat mentre els llegíeu/);
  const renewed = await post('/ca/t/barcelona/agreement/sign', admin, { organisationId: sostreObert.id, version: '2', accepted: 'yes' });
  assert.match(renewed.headers.location as string, /notice=renewed/);
  let profile = (await t.app.inject(`/api/v1/organisations/${sostreObert.id}`)).json();
  const barcelona = profile.adhesions.find((a: { territory: string }) => a.territory === 'barcelona');
  assert.equal(barcelona.status, 'member');
  assert.equal(barcelona.signedVersion, 2);
  assert.deepEqual(barcelona.history.map((e: { kind: string }) => e.kind), ['signed', 'approved', 'renewal-requested', 'renewed']);

  const left = await post('/ca/t/barcelona/agreement/leave', admin, { organisationId: sostreObert.id, [`reason-${sostreObert.id}`]: 'Tanquem el projecte.' });
  assert.equal(left.statusCode, 303);
  profile = (await t.app.inject(`/api/v1/organisations/${sostreObert.id}`)).json();
  const after = profile.adhesions.find((a: { territory: string }) => a.territory === 'barcelona');
  assert.equal(after.status, 'left');
  assert.equal(after.history.at(-1).reason, 'Tanquem el projecte.');
  // (Other organisations with one of the words may still be found.)
  assert.ok(!(await search('q=sostre+obert')).organisations.some((o: { id: string }) => o.id === sostreObert.id), 'no longer in the directory');
});

test('an organisation admin edits the profile (values kept on error) and uploads a logo served without its metadata', async () => {
  const org = (await search('q=rebost+solidari')).organisations[0];
  const admin = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: org.id } }]);
  const stranger = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: '11111111-1111-4111-8111-111111111111' } }]);
  assert.equal((await t.app.inject({ url: `/ca/organisations/${org.id}/edit`, headers: stranger })).statusCode, 403);
  const form = await t.app.inject({ url: `/ca/organisations/${org.id}/edit`, headers: admin });
  assert.equal(form.statusCode, 200);
  const bad = await post(`/ca/organisations/${org.id}/edit`, admin, { name: 'Rebost Solidari de Sants', type: 'association', description: 'Nova descripció', areas: ['food'], website: 'no és una web' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Escriviu una adreça web que comenci per https:\/\//);
  assert.match(bad.body, /Nova descripció/);
  const good = await post(`/ca/organisations/${org.id}/edit`, admin, { name: 'Rebost Solidari de Sants', type: 'association', description: 'Nova descripció amb fruita fresca', areas: ['food', 'poverty'], districtIds: [district('Sants-Montjuïc')], languages: ['ca', 'es'] });
  assert.equal(good.statusCode, 303);
  assert.equal((await search('q=fruita+fresca')).organisations[0].name, 'Rebost Solidari de Sants');

  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    rawChunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    rawChunk('tEXt', Buffer.from('GPS\0 41.38 2.17', 'latin1')),
    rawChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    rawChunk('IEND', Buffer.alloc(0)),
  ]);
  const boundary = '----coproduce';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf.token}\r\n--${boundary}\r\nContent-Disposition: form-data; name="logo"; filename="logo.svg"\r\nContent-Type: image/svg+xml\r\n\r\n`),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const upload = await t.app.inject({ method: 'POST', url: `/ca/organisations/${org.id}/logo`, headers: { ...admin, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  assert.equal(upload.statusCode, 303, upload.body.slice(0, 300));
  const logo = await t.app.inject(`/api/v1/organisations/${org.id}/logo`);
  assert.equal(logo.headers['content-type'], 'image/png');
  assert.ok(!logo.rawPayload.toString('latin1').includes('GPS'));
  assert.match(logo.headers['content-security-policy'] as string, /sandbox/);
  assert.match((await t.app.inject(`/ca/organisations/${org.id}`)).body, /<img class="profile-head__logo" src="\/api\/v1\/organisations\/[^"]+\/logo"/);
});

test('staff download the organisations as CSV; a territory admin verifies an organisation', async () => {
  const admin = as([{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }]);
  const csv = await t.app.inject({ url: '/ca/t/barcelona/organisations.csv', headers: admin });
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  const lines = csv.body.trim().split('\n');
  assert.equal(lines[0]!.replace(/^\uFEFF/, ''), 'name,type,description,areas,districts,languages,website,public_email,public_phone,id,adhesion,member_since,verified');
  assert.ok(lines.length >= 41);
  assert.ok(lines.some((l) => l.startsWith('Empresa d’Inserció Reverdeix,company')));
  const org = (await search('q=cures+comunitaries')).organisations[0];
  assert.equal(org.verified, false);
  assert.equal((await post(`/ca/organisations/${org.id}/verify`, as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: org.id } }]), { verified: 'yes' })).statusCode, 403);
  assert.equal((await post(`/ca/organisations/${org.id}/verify`, admin, { verified: 'yes' })).statusCode, 303);
  assert.equal((await searchAccessLog(t.database.db, { action: 'agreement.organisation.verify', recordId: org.id }, 'all', { limit: 5 })).length, 1, 'verifying is logged');
  assert.equal((await search('q=cures+comunitaries')).organisations[0].verified, true);
});

test('a coordinator records a meeting with minutes and decisions, listed on the network page', async () => {
  const network = (await t.app.inject('/api/v1/territories/barcelona/networks/labour-inclusion')).json();
  const coordinator = as([{ role: 'network-coordinator', scope: { kind: 'network', id: network.id } }]);
  const base = '/es/t/barcelona/networks/labour-inclusion/coordinate';
  assert.equal((await post(`${base}/groups`, coordinator, { name: 'Cláusulas sociales', purpose: 'Empresas que contratan' })).statusCode, 303);
  const badDate = await post(`${base}/meetings`, coordinator, { title: 'Plenario', heldOn: '3/12/2026', agenda: 'Cláusulas' });
  assert.equal(badDate.statusCode, 400);
  assert.match(badDate.body, /Escribid una fecha como 2026-12-03/);
  assert.equal((await post(`${base}/meetings`, coordinator, { title: 'Plenario de invierno', heldOn: '2026-12-10', agenda: 'Cláusulas sociales\nFormación' })).statusCode, 303);
  const meetingId = (await t.app.inject('/api/v1/territories/barcelona/networks/labour-inclusion')).json().meetings[0].id;
  assert.equal((await post(`${base}/meetings/${meetingId}/minutes`, coordinator, { [`minutes-${meetingId}`]: 'Asistieron 12 entidades.', [`decisions-${meetingId}`]: 'Pedir cláusulas sociales en los contratos de limpieza\nCrear una bolsa de empleo común' })).statusCode, 303);
  const page = await t.app.inject('/es/t/barcelona/networks/labour-inclusion');
  assert.match(page.body, /2 acuerdos/);
  assert.match(page.body, /Crear una bolsa de empleo común/);
  assert.match(page.body, /Cláusulas sociales/);
  // A council department asks to join; the coordinators accept it.
  const territoryAdmin = as([{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }]);
  assert.equal((await post('/es/t/barcelona/networks/labour-inclusion/departments', territoryAdmin, { departmentName: 'Dirección de Servicios de Inclusión' })).statusCode, 303);
  const queue = await t.app.inject({ url: base, headers: coordinator });
  const memberId = /coordinate\/requests\/([0-9a-f-]{36})/.exec(queue.body)![1]!;
  assert.equal((await post(`${base}/requests/${memberId}`, coordinator, { [`decision-${memberId}`]: 'accept' })).statusCode, 303);
  const members = (await t.app.inject('/api/v1/territories/barcelona/networks/labour-inclusion')).json().members;
  assert.ok(members.some((m: { name: string; kind: string }) => m.name === 'Dirección de Servicios de Inclusión' && m.kind === 'department'));
});

test('challenges: filters by status, area and district; supports are counted; non-members cannot propose', async () => {
  const all = (await t.app.inject('/api/v1/territories/barcelona/challenges')).json().challenges;
  assert.equal(all.length, 5);
  assert.equal(all[0].title, 'Desnonaments de famílies amb infants a Nou Barris');
  assert.equal(all[0].supports, 3);
  const declined = (await t.app.inject('/api/v1/territories/barcelona/challenges?status=declined')).json().challenges;
  assert.deepEqual(declined.map((c: { title: string }) => c.title), ['Un banc de temps a cada edifici municipal']);
  const nouBarris = (await t.app.inject(`/api/v1/territories/barcelona/challenges?district=${district('Nou Barris')}&area=housing`)).json().challenges;
  assert.equal(nouBarris.length, 1);
  const page = await t.app.inject('/ca/t/barcelona/challenges?status=being-addressed');
  assert.match(page.body, /Cites d’estrangeria impossibles/);
  assert.doesNotMatch(page.body, /Desnonaments de famílies/);
  const reverdeix = (await t.app.inject('/ca/t/barcelona/organisations.csv', )).statusCode;
  assert.equal(reverdeix, 303, 'CSV needs sign-in');
  const notMember = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: '11111111-1111-4111-8111-111111111111' } }]);
  const form = await t.app.inject({ url: '/ca/t/barcelona/challenges/new', headers: notMember });
  assert.match(form.body, /Només les persones d’una organització membre poden proposar un repte/);
});

function rawChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

test('the promoting group creates an action network in the forum; the address must be free and well formed', async () => {
  const forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  const group = as([{ role: 'promoting-group-member', scope: { kind: 'territory', id: forumId } }]);
  const page = await t.app.inject({ url: '/ca/t/metropolitan-social-forum/agreement', headers: group });
  assert.match(page.body, /href="\/ca\/t\/metropolitan-social-forum\/networks\/new"/);
  assert.doesNotMatch((await t.app.inject('/ca/t/metropolitan-social-forum/agreement')).body, /networks\/new/);
  const taken = await post('/ca/t/metropolitan-social-forum/networks/new', group, { name: 'Xarxa', slug: 'residential-inclusion', purpose: 'x', goals: '' });
  assert.equal(taken.statusCode, 400);
  assert.match(taken.body, /Una altra xarxa ja fa servir aquesta adreça/);
  const bad = await post('/ca/t/metropolitan-social-forum/networks/new', group, { name: '', slug: 'Drets Infants!', purpose: '', goals: '' });
  assert.match(bad.body, /Feu servir només minúscules, números i guions/);
  assert.match(bad.body, /Escriviu el nom de la xarxa/);
  const created = await post('/ca/t/metropolitan-social-forum/networks/new', group, { name: 'Xarxa Metropolitana pels Drets dels Infants', slug: 'drets-infants', purpose: 'Drets dels infants i promoció social a tota l’àrea metropolitana.', goals: 'Un protocol comú\nEscoltar els infants', areas: ['children'] });
  assert.equal(created.statusCode, 303);
  assert.equal(created.headers.location, '/ca/t/metropolitan-social-forum/networks/drets-infants');
  const network = await t.app.inject('/en/t/metropolitan-social-forum/networks/drets-infants');
  assert.match(network.body, /<h1><span lang="ca" dir="auto">Xarxa Metropolitana pels Drets dels Infants<\/span><\/h1>/);
  const barcelonaGroup = as([{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelonaId } }]);
  assert.equal((await post('/ca/t/metropolitan-social-forum/networks/new', barcelonaGroup, { name: 'X', slug: 'x', purpose: 'x' })).statusCode, 403);
});

test('a Barcelona organisation can join the Metropolitan Social Forum; one from a municipality outside the forum cannot', async () => {
  const forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  const rebost = (await search('q=rebost+solidari')).organisations[0];
  const admin = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: rebost.id } }]);
  const signed = await post('/ca/t/metropolitan-social-forum/agreement/sign', admin, { organisationId: rebost.id, version: '1', accepted: 'yes' });
  assert.equal(signed.statusCode, 303);
  const { createOrganisation } = await import('./organisations/organisation.service.ts');
  const fuenlabradaId = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
  const lucia = { personId: '00000000-0000-4000-8000-0000000000f9', displayName: 'Lucía', locale: 'es' as const, grants: [], twoFactorVerified: false };
  await ensurePerson(t.database.db, lucia);
  const created = await createOrganisation(t.database.db, lucia, fuenlabradaId, {
    name: 'Asociación Cultural Bubi',
    type: 'association',
    description: '',
    areas: ['migration'],
    districtIds: [],
    languages: ['es'],
    website: '',
    publicEmail: '',
    publicPhone: '',
  });
  assert.ok(created.ok);
  const bubiAdmin = as([{ role: 'organisation-admin', scope: { kind: 'organisation', id: created.value.id } }]);
  const refused = await post('/es/t/metropolitan-social-forum/agreement/sign', bubiAdmin, { organisationId: created.value.id, version: '1', accepted: 'yes' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /registrada en un municipio que no forma parte de este Acuerdo/);
  const group = as([{ role: 'promoting-group-member', scope: { kind: 'territory', id: forumId } }]);
  const queue = await t.app.inject({ url: '/ca/t/metropolitan-social-forum/agreement/review', headers: group });
  assert.match(queue.body, /Rebost Solidari de Sants/);
  assert.doesNotMatch(queue.body, /Asociación Cultural Bubi/);
});

test('the Metropolitan Social Forum has members from several municipalities: its directory and challenges show where each is from and filter by it', async () => {
  const forum = (await t.app.inject('/api/v1/territories/metropolitan-social-forum/directory')).json();
  const places = new Set(forum.organisations.map((o: { municipality: string }) => o.municipality));
  for (const slug of ['barcelona', 'hospitalet-de-llobregat', 'santa-coloma-de-gramenet', 'terrassa', 'mataro']) assert.ok(places.has(slug), `a member from ${slug}`);
  const terrassa = (await t.app.inject('/api/v1/territories/metropolitan-social-forum/directory?municipality=terrassa')).json();
  assert.ok(terrassa.total >= 2 && terrassa.total < forum.total);
  assert.ok(terrassa.organisations.every((o: { municipality: string }) => o.municipality === 'terrassa'));
  assert.equal((await t.app.inject('/api/v1/territories/metropolitan-social-forum/directory?municipality=nowhere')).json().total, 0, 'an unknown municipality finds nobody');
  // The page: the municipality beside each organisation, a filter, and a chip that removes it.
  const page = await t.app.inject('/ca/t/metropolitan-social-forum/directory?municipality=mataro');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<label[^>]*for="f-municipality"[^>]*>Municipi/);
  assert.match(page.body, /Fundació Maresme Sense Llar/);
  assert.doesNotMatch(page.body, /Associació Sostre Digne Collblanc/);
  assert.match(page.body, /<p class="card__meta">Mataró · /);
  assert.match(page.body, /<a class="chip" href="\/ca\/t\/metropolitan-social-forum\/directory"><span class="visually-hidden">Treu el filtre <\/span>Municipi: Mataró/);
  // A Barcelona-only directory shows no municipality filter.
  assert.doesNotMatch((await t.app.inject('/ca/t/barcelona/directory')).body, /name="municipality"/);
  // The Forum's challenges: proposed by members of several municipalities, filtered by the proposer's.
  const challenges = await t.app.inject('/ca/t/metropolitan-social-forum/challenges');
  assert.match(challenges.body, /Associació Sostre Digne Collblanc \(L'Hospitalet de Llobregat\)|Associació Sostre Digne Collblanc \(L&#39;Hospitalet de Llobregat\)/);
  const inSantaColoma = await t.app.inject('/ca/t/metropolitan-social-forum/challenges?municipality=santa-coloma-de-gramenet');
  assert.match(inSantaColoma.body, /Aliments frescos a les botigues solidàries/);
  assert.doesNotMatch(inSantaColoma.body, /Desnonaments a banda i banda/);
});
