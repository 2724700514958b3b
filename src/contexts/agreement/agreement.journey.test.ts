// The journey through HTTP, in Catalan and Spanish: an organisation registers, its admin signs the commitments,
// the promoting group approves, it joins a network, proposes a challenge that another organisation supports, and the
// directory finds it by a misspelt search. (Browser journeys need the identity context's real sign-in.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { searchAccessLog } from '../../platform/access-log/access-log.ts';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { findNetwork } from './networks/network.service.ts';
import { grantsFor } from '../identity/roles.service.ts';
import type { RoleGrant } from '../../platform/auth/permissions.ts';

let t: TestApp;
let barcelonaId: string;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
});
after(async () => t.close());

const anna = '00000000-0000-4000-8000-00000000a001';
const as = (personId: string, displayName: string, grants: RoleGrant[]) => ({ ...actorHeader({ personId, displayName, grants }), cookie: csrf.cookie });
const post = (url: string, headers: Record<string, string>, payload: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.entries({ ...payload, _csrf: csrf.token }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() });
const idFrom = (location: string | undefined) => /\/(organisations|challenges)\/([0-9a-f-]{36})/.exec(location ?? '')![2]!;

test('an organisation signs, is approved, joins a network, proposes a challenge another supports, and the directory finds it', async () => {
  const db = t.database.db;
  // Register the organisation (any signed-in person may).
  const districts = (await t.app.inject('/api/v1/territories/barcelona/directory')).json().districts as { id: string; name: string }[];
  const nouBarris = districts.find((d) => d.name === 'Nou Barris')!.id;
  const created = await post('/ca/t/barcelona/organisations/new', as(anna, 'Anna Puig', []), {
    name: 'Cooperativa Sostre Compartit',
    type: 'cooperative',
    description: 'Habitatge cooperatiu per a famílies amb pocs ingressos.',
    areas: ['housing', 'poverty'],
    districtIds: [nouBarris],
    languages: ['ca', 'es', 'ar'],
    website: 'https://sostre.example.org',
    publicEmail: 'hola@sostre.example.org',
    publicPhone: '',
  });
  assert.equal(created.statusCode, 303);
  const orgId = idFrom(created.headers.location as string);
  // Whoever registers the organisation administers it.
  assert.ok((await grantsFor(db, anna)).some((g) => g.role === 'organisation-admin' && g.scope.kind === 'organisation' && g.scope.id === orgId));
  const admin = as(anna, 'Anna Puig', [{ role: 'organisation-admin', scope: { kind: 'organisation', id: orgId } }]);
  // Its page shows its admin, and only its admin, the way to sign the commitments.
  const signLink = /href="\/ca\/t\/barcelona\/agreement\/sign"/;
  assert.match((await t.app.inject({ url: `/ca/organisations/${orgId}`, headers: admin })).body, signLink);
  assert.doesNotMatch((await t.app.inject(`/ca/organisations/${orgId}`)).body, signLink);

  // Someone else's organisation admin cannot sign for it.
  const intruder = as('00000000-0000-4000-8000-00000000b002', 'Other', [{ role: 'organisation-admin', scope: { kind: 'organisation', id: '11111111-1111-4111-8111-111111111111' } }]);
  assert.equal((await post('/ca/t/barcelona/agreement/sign', intruder, { organisationId: orgId, version: '1', accepted: 'yes' })).statusCode, 403);

  // Signing without ticking the box keeps the choice and says what is wrong, in Catalan.
  const unticked = await post('/ca/t/barcelona/agreement/sign', admin, { organisationId: orgId, version: '1' });
  assert.equal(unticked.statusCode, 400);
  assert.match(unticked.body, /Marqueu la casella per acceptar els compromisos/);
  assert.match(unticked.body, new RegExp(`value="${orgId}"[^>]*checked`));
  const signed = await post('/ca/t/barcelona/agreement/sign', admin, { organisationId: orgId, version: '1', accepted: 'yes' });
  assert.equal(signed.statusCode, 303);
  assert.match((await t.app.inject({ url: signed.headers.location as string })).body, /Heu signat els compromisos/);

  // The promoting group sees the request; declining needs a reason; approving makes it a member.
  const group = as('00000000-0000-4000-8000-00000000c003', 'Marta Grup Impulsor', [{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelonaId } }]);
  assert.equal((await t.app.inject({ url: '/es/t/barcelona/agreement/review', headers: admin })).statusCode, 403);
  const queue = await t.app.inject({ url: '/es/t/barcelona/agreement/review', headers: group });
  assert.equal(queue.statusCode, 200);
  // Several requests share the page: every field id is unique, so each label points to its own field.
  const ids = [...queue.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  const adhesionId = new RegExp(`/es/t/barcelona/agreement/review/([0-9a-f-]{36})"`).exec(queue.body.slice(queue.body.indexOf('Cooperativa Sostre Compartit')))![1]!;
  const noReason = await post(`/es/t/barcelona/agreement/review/${adhesionId}`, group, { [`decision-${adhesionId}`]: 'decline', [`reason-${adhesionId}`]: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Dad un motivo: la organización lo leerá/);
  assert.equal((await post(`/es/t/barcelona/agreement/review/${adhesionId}`, group, { [`decision-${adhesionId}`]: 'approve' })).statusCode, 303);
  assert.equal((await searchAccessLog(t.database.db, { action: 'agreement.adhesion.approve', recordId: adhesionId }, 'all', { limit: 5 })).length, 1, 'approving is logged');
  const agreement = await t.app.inject('/es/t/barcelona/agreement');
  assert.match(agreement.body, /Cooperativa Sostre Compartit/);
  const organisationPage = await t.app.inject(`/es/organisations/${orgId}`);
  assert.match(organisationPage.body, /Aprobada por el grupo impulsor/);
  // Now a member, its admin is shown the way into a network and to propose a challenge.
  const asMember = (await t.app.inject({ url: `/es/organisations/${orgId}`, headers: admin })).body;
  assert.match(asMember, /Pedid entrar en una red de acción/);
  assert.doesNotMatch(asMember, /href="\/es\/t\/barcelona\/agreement\/sign"/);

  // It asks to join the Inclusion Housing Network; a coordinator of another network cannot accept, its own can.
  const network = (await findNetwork(db, barcelonaId, 'inclusion-housing'))!;
  assert.equal((await post('/ca/t/barcelona/networks/inclusion-housing/join', admin, { organisationId: orgId, message: 'Volem compartir pisos.' })).statusCode, 303);
  const coordinator = as('00000000-0000-4000-8000-00000000d004', 'Jordi Coordinació', [{ role: 'network-coordinator', scope: { kind: 'network', id: network.id } }]);
  const otherCoordinator = as('00000000-0000-4000-8000-00000000d005', 'Other', [{ role: 'network-coordinator', scope: { kind: 'network', id: (await findNetwork(db, barcelonaId, 'homeless-people'))!.id } }]);
  // A coordinator for the whole of Barcelona sees the request too; one for another territory does not.
  const fuenlabradaId = (await findTerritory(db, 'fuenlabrada'))!.id;
  const cityCoordinator = as('00000000-0000-4000-8000-00000000d006', 'Lucía Romero', [{ role: 'network-coordinator', scope: { kind: 'territory', id: barcelonaId } }]);
  const elsewhere = as('00000000-0000-4000-8000-00000000d007', 'Other', [{ role: 'network-coordinator', scope: { kind: 'territory', id: fuenlabradaId } }]);
  assert.match((await t.app.inject({ url: '/ca/t/barcelona/networks/inclusion-housing/coordinate', headers: cityCoordinator })).body, /Cooperativa Sostre Compartit/);
  assert.equal((await t.app.inject({ url: '/ca/t/barcelona/networks/inclusion-housing/coordinate', headers: elsewhere })).statusCode, 403);
  const coordinatePage = await t.app.inject({ url: '/ca/t/barcelona/networks/inclusion-housing/coordinate', headers: coordinator });
  const memberId = /coordinate\/requests\/([0-9a-f-]{36})/.exec(coordinatePage.body)![1]!;
  assert.equal((await post(`/ca/t/barcelona/networks/inclusion-housing/coordinate/requests/${memberId}`, otherCoordinator, { [`decision-${memberId}`]: 'accept' })).statusCode, 403);
  assert.equal((await post(`/ca/t/barcelona/networks/inclusion-housing/coordinate/requests/${memberId}`, coordinator, { [`decision-${memberId}`]: 'accept' })).statusCode, 303);
  const networkApi = (await t.app.inject('/api/v1/territories/barcelona/networks/inclusion-housing')).json();
  assert.ok(networkApi.members.some((m: { organisationId: string }) => m.organisationId === orgId));

  // It proposes a challenge; evidence needs a source.
  const member = as(anna, 'Anna Puig', [{ role: 'organisation-member', scope: { kind: 'organisation', id: orgId } }]);
  const challenge = { organisationId: orgId, title: 'Famílies que comparteixen pis per no perdre’l', description: 'Cada cop més famílies rellogen habitacions.', 'evidence.0.text': '40 famílies ateses el 2026.', areas: ['housing'], districtIds: [nouBarris] };
  const noSource = await post('/ca/t/barcelona/challenges/new', member, challenge);
  assert.equal(noSource.statusCode, 400);
  assert.match(noSource.body, /Digueu d’on surt la dada/);
  assert.match(noSource.body, /Famílies que comparteixen pis/);
  const proposed = await post('/ca/t/barcelona/challenges/new', member, { ...challenge, 'evidence.0.source': 'Registre de la cooperativa' });
  assert.equal(proposed.statusCode, 303);
  const challengeId = idFrom(proposed.headers.location as string);

  // Another member organisation supports it with a comment; the proposer cannot support its own.
  assert.equal((await post(`/ca/challenges/${challengeId}/support`, admin, { organisationId: orgId, comment: 'Nosaltres mateixos' })).statusCode, 400);
  const sostreObert = (await t.app.inject('/api/v1/territories/barcelona/directory?q=Sostre%20Obert')).json().organisations[0];
  assert.equal(sostreObert.name, 'Fundació Sostre Obert');
  const supporter = as('00000000-0000-4000-8000-00000000e006', 'Pau Sostre Obert', [{ role: 'organisation-member', scope: { kind: 'organisation', id: sostreObert.id } }]);
  assert.equal((await post(`/es/challenges/${challengeId}/support`, supporter, { organisationId: sostreObert.id, comment: 'También lo vemos en el Eixample.' })).statusCode, 303);
  const list = (await t.app.inject('/api/v1/territories/barcelona/challenges?area=housing')).json().challenges;
  assert.equal(list.find((c: { id: string }) => c.id === challengeId).supports, 1);

  // The promoting group prioritises it and links it to the network.
  assert.equal((await post(`/ca/challenges/${challengeId}/status`, group, { status: 'addressed', reason: '' })).statusCode, 400);
  assert.equal((await post(`/ca/challenges/${challengeId}/status`, group, { status: 'prioritised', reason: '', networkIds: [network.id] })).statusCode, 303);
  const detail = (await t.app.inject(`/api/v1/challenges/${challengeId}`)).json();
  assert.equal(detail.status, 'prioritised');
  assert.deepEqual(detail.networks.map((n: { slug: string }) => n.slug), ['inclusion-housing']);

  // The directory finds it by a misspelt, unaccented search, in Spanish and Catalan, with the district filter.
  for (const url of [`/es/t/barcelona/directory?q=sostre+compartid`, `/ca/t/barcelona/directory?q=cooperatiba+sostre&district=${nouBarris}`]) {
    const page = await t.app.inject(url);
    assert.equal(page.statusCode, 200);
    // The words that matched are marked (the misspelt ones too, by the word they stand for).
    assert.match(page.body.replace(/<\/?mark>/g, ''), /Cooperativa Sostre Compartit/, url);
    assert.match(page.body, /<mark>Sostre<\/mark>/, url);
  }
});
