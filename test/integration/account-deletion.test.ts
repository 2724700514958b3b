// Issue 13, finding 10: after a person deletes their account, what they proposed no longer shows their
// name ("a deleted account", translated), and their data download held what they wrote in other contexts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { sessionCookie, sessionState } from '../../src/contexts/identity/identity.service.ts';
import { collectMyData, deleteMyAccount } from '../../src/contexts/identity/data-rights.service.ts';
import { organisationsOf } from '../../src/contexts/agreement/organisations/organisation.service.ts';
import { proposeChallenge } from '../../src/contexts/agreement/challenges/challenge.service.ts';
import { listNetworks, meetings, scheduleMeeting } from '../../src/contexts/agreement/networks/network.service.ts';

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
