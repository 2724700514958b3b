// Issue 13, finding 10: after a person deletes their account, what they proposed no longer shows their
// name ("a deleted account", translated), and their data download held what they wrote in other contexts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { roleAssignment } from '../../src/contexts/identity/identity.schema.ts';
import { eq } from 'drizzle-orm';
import { commentOn, listInReview, prepareDiagnosis } from '../../src/contexts/diagnosis/diagnosis.service.ts';
import { listEvents, register } from '../../src/contexts/coproduction/events/event.service.ts';
import { eventRegistration } from '../../src/contexts/coproduction/coproduction.schema.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { sessionCookie, sessionState } from '../../src/contexts/identity/identity.service.ts';
import { collectMyData, deleteMyAccount } from '../../src/contexts/identity/data-rights.service.ts';
import { organisationsOf } from '../../src/contexts/agreement/organisations/organisation.service.ts';
import { proposeChallenge } from '../../src/contexts/agreement/challenges/challenge.service.ts';
import { listNetworks, meetings, networksOfOrganisation, requestToJoin, scheduleMeeting } from '../../src/contexts/agreement/networks/network.service.ts';
import { currentCommitments, decideAdhesion, findAdhesion, signCommitments } from '../../src/contexts/agreement/adhesion/adhesion.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('finding 10: a deleted account’s challenge names "a deleted account"; the download held the challenge', async () => {
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const member = new Client(t.app);
  await member.signIn('organisation-member@coproduce.example', password);
  const { actor } = (await sessionState(t.database.db, member.cookies.get(sessionCookie)!))!;
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const [organisation] = await organisationsOf(t.database.db, actor, ['organisation-admin', 'organisation-member']);
  assert.ok(organisation, 'the demo member acts for an organisation');
  const proposed = await proposeChallenge(t.database.db, actor, barcelona.id, {
    organisationId: organisation.id,
    title: 'Empadronament sense domicili fix',
    description: 'Persones sense llar no es poden empadronar i perden l’accés als serveis.',
    evidence: [{ text: 'Tres casos aquest mes al nostre centre', source: 'Registre del centre' }],
    districtIds: [],
    areas: ['housing'],
  });
  assert.ok(proposed.ok, JSON.stringify(proposed));
  const challengeId: string = proposed.value.id;
  const page = await t.app.inject({ url: `/ca/challenges/${challengeId}` });
  assert.match(page.body, new RegExp(actor!.displayName));

  const download = await collectMyData(t.database.db, actor);
  assert.ok(download.ok);
  const challenges = download.value.challenges as { proposed: { title: string }[] };
  assert.deepEqual(challenges.proposed.map((c) => c.title), ['Empadronament sense domicili fix']);

  assert.ok((await deleteMyAccount(t.database.db, actor, { password, confirm: 'yes' })).ok);
  for (const locale of ['ca', 'en'] as const) {
    const shown: { statusCode: number; body: string } = await t.app.inject({ url: `/${locale}/challenges/${challengeId}` });
    assert.equal(shown.statusCode, 200);
    assert.doesNotMatch(shown.body, new RegExp(actor!.displayName), 'the name is gone');
    assert.match(shown.body, locale === 'ca' ? /un compte esborrat/ : /a deleted account/);
    assert.match(shown.body, /Empadronament sense domicili fix/, 'what they wrote stays');
  }
});

test('finding 10: a deleted coordinator’s meetings keep their agenda and lose the name; the download held them', async () => {
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const coordinator = new Client(t.app);
  await coordinator.signIn('network-coordinator@coproduce.example', password);
  const { actor } = (await sessionState(t.database.db, coordinator.cookies.get(sessionCookie)!))!;
  // Coordinator of one network, or of every network of a territory.
  const grant = actor!.grants.find((g) => g.role === 'network-coordinator')!;
  const networkId = grant.scope.kind === 'network' ? grant.scope.id : (await listNetworks(t.database.db, grant.scope.id!))[0]?.id;
  assert.ok(networkId, 'the demo coordinator coordinates a network');
  const scheduled = await scheduleMeeting(t.database.db, actor, { networkId, title: 'Reunió de seguiment', heldOn: '2026-12-15', agenda: 'Places d’acollida a l’hivern', workingGroupId: '' });
  assert.ok(scheduled.ok, JSON.stringify(scheduled));
  const meetingId: string = scheduled.value.id;
  const download = await collectMyData(t.database.db, actor);
  assert.ok(download.ok);
  assert.deepEqual((download.value.networks as { meetingsCalled: { title: string }[] }).meetingsCalled.map((m) => m.title), ['Reunió de seguiment']);
  assert.ok((await deleteMyAccount(t.database.db, actor, { password, confirm: 'yes' })).ok);
  const kept = (await meetings(t.database.db, networkId)).find((m) => m.id === meetingId)!;
  assert.equal(kept.agenda, 'Places d’acollida a l’hivern');
  assert.equal(kept.createdByName, '');
  assert.equal(kept.createdBy, null);
});

test('finding 10: a deleted organisation admin’s adhesion signature and network request lose the name; the download held them', async () => {
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const db = t.database.db;
  const admin = new Client(t.app);
  await admin.signIn('organisation-admin@coproduce.example', password);
  const { actor } = (await sessionState(db, admin.cookies.get(sessionCookie)!))!;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const [organisation] = await organisationsOf(db, actor, ['organisation-admin']);
  assert.ok(organisation, 'the demo admin administers an organisation');
  const version = (await currentCommitments(db, barcelona.id))!.version;
  const signed = await signCommitments(db, actor, { organisationId: organisation.id, territoryId: barcelona.id, version, accepted: true });
  assert.ok(signed.ok, JSON.stringify(signed));
  const reviewer = new Client(t.app);
  await reviewer.signIn('promoting-group-member@coproduce.example', password);
  const reviewerActor = (await sessionState(db, reviewer.cookies.get(sessionCookie)!))!.actor;
  if (signed.value.status === 'pending') {
    const adhesion = (await findAdhesion(db, organisation.id, barcelona.id))!;
    assert.ok((await decideAdhesion(db, reviewerActor, { adhesionId: adhesion.id, territoryId: barcelona.id, decision: 'approve', reason: '' })).ok);
  }
  // A network the organisation is not in yet: asked to join, shown to the coordinator with the name.
  const memberOf = new Set((await networksOfOrganisation(db, organisation.id)).map((n) => n.id));
  const net = (await listNetworks(db, barcelona.id)).find((n) => !memberOf.has(n.id));
  assert.ok(net, 'a network to ask to join');
  const asked = await requestToJoin(db, actor, { networkId: net.id, organisationId: organisation.id, message: 'Volem aportar la nostra experiència' });
  assert.ok(asked.ok, JSON.stringify(asked));
  const name = actor!.displayName;
  const page = (await t.app.inject({ url: `/en/organisations/${organisation.id}` })).body;
  assert.match(page, new RegExp(name), 'the signature names the person before');

  const download = await collectMyData(db, actor);
  assert.ok(download.ok);
  const adhesions = download.value.adhesions as { history: { kind: string }[] };
  assert.ok(adhesions.history.length > 0, 'the signature is in the download');
  const networks = download.value.networks as { membershipRequests: { networkId: string; message: string }[] };
  assert.deepEqual(networks.membershipRequests.map((r) => [r.networkId, r.message]), [[net.id, 'Volem aportar la nostra experiència']]);

  assert.ok((await deleteMyAccount(db, actor, { password, confirm: 'yes' })).ok);
  const after = await t.app.inject({ url: `/en/organisations/${organisation.id}` });
  assert.equal(after.statusCode, 200);
  assert.doesNotMatch(after.body, new RegExp(name), 'the name is gone from the organisation’s page');
  assert.match(after.body, /A deleted account/);
  // The demo coordinator's account was deleted above: the reviewer coordinates this network for the check.
  await db.insert(roleAssignment).values({ personId: reviewerActor!.personId, role: 'network-coordinator', scopeKind: 'network', scopeId: net.id, reason: 'test' });
  const queue = await reviewer.get(`/en/t/barcelona/networks/${net.slug}/coordinate`);
  assert.equal(queue.status, 200, queue.location);
  assert.doesNotMatch(queue.body, new RegExp(name));
  assert.match(queue.body, /Asked by a deleted account/);
  assert.match(queue.body, /Volem aportar la nostra experiència/, 'what they wrote stays');
});

test('finding 10: a deleted board member’s comment on a diagnosis and event registration lose the name; the download held them', async () => {
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const db = t.database.db;
  const board = new Client(t.app);
  await board.signIn('board-member@coproduce.example', password);
  const { actor } = (await sessionState(db, board.cookies.get(sessionCookie)!))!;
  const name = actor!.displayName;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const coordinator = new Client(t.app);
  await coordinator.signIn('audit-coordinator@coproduce.example', password);
  const coordinatorActor = (await sessionState(db, coordinator.cookies.get(sessionCookie)!))!.actor;
  const prepared = await prepareDiagnosis(db, coordinatorActor, barcelona, { title: 'Diagnosi de prova', analysis: 'El que mostren les xifres.', from: '2025-02', to: '2026-01', granularity: 'month' });
  assert.ok(prepared.ok, JSON.stringify(prepared));
  const drafts = await listInReview(db, actor, barcelona.id);
  assert.ok(drafts.ok);
  const draft = drafts.value.find((d) => d.id === prepared.value.id)!;
  assert.ok(draft, 'the board member sees the draft in review');
  assert.ok((await commentOn(db, actor, barcelona.id, draft.id, 'Cal desagregar les dades per districte')).ok);
  const before = await board.get(`/en/t/barcelona/diagnosis/drafts/${draft.id}`);
  assert.equal(before.status, 200, before.location);
  assert.match(before.body, new RegExp(name));
  const upcoming = (await listEvents(db, barcelona.id)).find((e) => new Date(e.startsAt).getTime() > Date.now());
  assert.ok(upcoming, 'the demo has an upcoming event');
  const registered = await register(db, actor, upcoming.id);
  assert.ok(registered.ok, JSON.stringify(registered));

  const download = await collectMyData(db, actor);
  assert.ok(download.ok);
  assert.deepEqual((download.value.diagnosis as { comments: { body: string }[] }).comments.map((c) => c.body), ['Cal desagregar les dades per districte']);
  assert.deepEqual((download.value.coproduction as { eventRegistrations: { eventId: string }[] }).eventRegistrations.map((r) => r.eventId), [upcoming.id]);

  assert.ok((await deleteMyAccount(db, actor, { password, confirm: 'yes' })).ok);
  const after = await coordinator.get(`/en/t/barcelona/diagnosis/drafts/${draft.id}`);
  assert.equal(after.status, 200, after.location);
  assert.doesNotMatch(after.body, new RegExp(name));
  assert.match(after.body, /a deleted account/);
  assert.match(after.body, /Cal desagregar les dades per districte/, 'what they wrote stays');
  const kept = await db.select().from(eventRegistration).where(eq(eventRegistration.eventId, upcoming.id));
  assert.ok(kept.every((r) => r.name !== name), 'the registration no longer names them');
});
