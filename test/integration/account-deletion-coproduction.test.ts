// Issue 13, finding 10 (continued): statements and debates keep the person id of who wrote, translated,
// signed or opened them, so deleting the account blanks the name (shown as "a deleted account") while the
// text stays; the data download holds them. The audits context's part: enrolment, trainings, and visits
// as auditor with the answers saved; on deletion the enrolment keeps only its code name.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, actorHeader, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { sessionCookie, sessionState } from '../../src/contexts/identity/identity.service.ts';
import { collectMyData, deleteMyAccount } from '../../src/contexts/identity/data-rights.service.ts';
import { organisationsOf } from '../../src/contexts/agreement/organisations/organisation.service.ts';
import { listNetworks } from '../../src/contexts/agreement/networks/network.service.ts';
import { currentCommitments, decideAdhesion, findAdhesion, isMember, signCommitments } from '../../src/contexts/agreement/adhesion/adhesion.service.ts';
import { draftStatement, openForSignature, signStatement } from '../../src/contexts/coproduction/statements/statement.service.ts';
import { openDebate } from '../../src/contexts/coproduction/debates/debate.service.ts';
import { myVisits, saveSection, visitSheet } from '../../src/contexts/audits/fieldwork/fieldwork.service.ts';
import { auditor } from '../../src/contexts/audits/audit.schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', actAs: true, config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

async function signIn(email: string) {
  const client = new Client(t.app);
  await client.signIn(email, process.env.DEMO_PEOPLE_PASSWORD!);
  return (await sessionState(t.database.db, client.cookies.get(sessionCookie)!))!.actor!;
}

test('finding 10: a deleted drafter’s and signer’s names leave the statement page and the debate; the text stays; the download held them', async () => {
  const db = t.database.db;
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const coordinator = await signIn('network-coordinator@coproduce.example');
  const grant = coordinator.grants.find((g) => g.role === 'network-coordinator')!;
  const networkId = grant.scope.kind === 'network' ? grant.scope.id! : (await listNetworks(db, grant.scope.id!))[0]!.id;
  const drafted = await draftStatement(db, coordinator, barcelona.id, { networkId, locale: 'ca', title: 'Cap desnonament sense alternativa', body: 'Demanem habitatge digne per a tothom.' });
  assert.ok(drafted.ok, JSON.stringify(drafted));
  const id = drafted.value.id;
  assert.ok((await openForSignature(db, coordinator, id, '2099-12-31')).ok);
  const debate = await openDebate(db, coordinator, barcelona.id, { networkId, title: 'Habitatge i hivern', question: 'Què cal fer abans del desembre?' });
  assert.ok(debate.ok, JSON.stringify(debate));

  const admin = await signIn('organisation-admin@coproduce.example');
  const [organisation] = await organisationsOf(db, admin, ['organisation-admin']);
  assert.ok(organisation, 'the demo admin administers an organisation');
  if (!(await isMember(db, organisation.id, barcelona.id))) {
    const version = (await currentCommitments(db, barcelona.id))!.version;
    const signed = await signCommitments(db, admin, { organisationId: organisation.id, territoryId: barcelona.id, version, accepted: true });
    assert.ok(signed.ok, JSON.stringify(signed));
    if (signed.value.status === 'pending') {
      const reviewer = await signIn('promoting-group-member@coproduce.example');
      const adhesion = (await findAdhesion(db, organisation.id, barcelona.id))!;
      assert.ok((await decideAdhesion(db, reviewer, { adhesionId: adhesion.id, territoryId: barcelona.id, decision: 'approve', reason: '' })).ok);
    }
  }
  const signature = await signStatement(db, admin, id, organisation.id);
  assert.ok(signature.ok, JSON.stringify(signature));

  // Another coordinator of the network sees who signed for each organisation.
  const otherDrafter = actorHeader({ personId: '0000c000-0000-4000-8000-0000000000d9', displayName: 'Marta Soler', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
  const before = await t.app.inject({ url: `/en/statements/${id}`, headers: otherDrafter });
  assert.equal(before.statusCode, 200);
  assert.match(before.body, new RegExp(`Text by (?:<bdi[^>]*>)?${coordinator.displayName}`));
  assert.match(before.body, new RegExp(`signed by (?:<bdi[^>]*>)?${admin.displayName}`));
  assert.match((await t.app.inject({ url: `/en/debates/${debate.value.id}` })).body, new RegExp(`Opened by (?:<bdi[^>]*>)?${coordinator.displayName}`));

  const coordinatorData = await collectMyData(db, coordinator);
  assert.ok(coordinatorData.ok);
  const mine = coordinatorData.value.coproduction as { statementsDrafted: { id: string }[]; statementTexts: { title: string }[]; debatesOpened: { title: string }[] };
  assert.deepEqual(mine.statementsDrafted.map((s) => s.id), [id]);
  assert.deepEqual(mine.statementTexts.map((s) => s.title), ['Cap desnonament sense alternativa']);
  assert.deepEqual(mine.debatesOpened.map((d) => d.title), ['Habitatge i hivern']);
  const adminData = await collectMyData(db, admin);
  assert.ok(adminData.ok);
  assert.deepEqual((adminData.value.coproduction as { statementSignatures: { statementId: string }[] }).statementSignatures.map((s) => s.statementId), [id]);

  assert.ok((await deleteMyAccount(db, coordinator, { password, confirm: 'yes' })).ok);
  assert.ok((await deleteMyAccount(db, admin, { password, confirm: 'yes' })).ok);
  for (const headers of [otherDrafter, {}]) {
    const shown = await t.app.inject({ url: `/en/statements/${id}`, headers });
    assert.equal(shown.statusCode, 200);
    assert.doesNotMatch(shown.body, new RegExp(coordinator.displayName));
    assert.doesNotMatch(shown.body, new RegExp(admin.displayName));
    assert.match(shown.body, /Text by (?:<bdi[^>]*>)?a deleted account/);
    assert.match(shown.body, /Cap desnonament sense alternativa/, 'what they wrote stays');
    assert.match(shown.body, new RegExp(organisation.name), 'the organisation still signs');
  }
  assert.match((await t.app.inject({ url: `/en/statements/${id}`, headers: otherDrafter })).body, /signed by (?:<bdi[^>]*>)?a deleted account/);
  const catalan = await t.app.inject({ url: `/ca/statements/${id}` });
  assert.match(catalan.body, /Text de (?:<bdi[^>]*>)?un compte esborrat/);
  const debatePage = await t.app.inject({ url: `/en/debates/${debate.value.id}` });
  assert.doesNotMatch(debatePage.body, new RegExp(coordinator.displayName));
  assert.match(debatePage.body, /Opened by (?:<bdi[^>]*>)?a deleted account/);
});

test('finding 10: the auditor’s download holds their enrolment, trainings and visits with answers; deletion keeps the code name only', async () => {
  const db = t.database.db;
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const me = await signIn('auditor@coproduce.example');
  const visits = await myVisits(db, me, barcelona.id);
  assert.ok(visits.ok, JSON.stringify(visits));
  const first = visits.value[0]!;
  assert.ok(first, 'the demo auditor has visits');
  const sheet = await visitSheet(db, me, barcelona.id, first.id);
  assert.ok(sheet.ok);
  const section = sheet.value.definition.sections.findIndex((s) => s.items.some((i) => i.type === 'text'));
  assert.ok(section >= 0, 'the demo instrument asks for a text answer');
  const items = sheet.value.definition.sections[section]!.items;
  const textItem = items.find((i) => i.type === 'text')!;
  await saveSection(db, me, { territoryId: barcelona.id, visitId: first.id, section, body: { [textItem.name]: 'La porta estava tancada' } });

  const download = await collectMyData(db, me);
  assert.ok(download.ok);
  const audits = download.value.audits as {
    enrolments: { name: string; email: string; codeName: string; territoryId: string }[];
    trainings: { title: string }[];
    visits: { id: string; answers: { item: string; value: unknown }[] }[];
  };
  assert.equal(audits.enrolments.length, 1);
  assert.equal(audits.enrolments[0]!.name, me.displayName);
  assert.equal(audits.enrolments[0]!.territoryId, barcelona.id);
  assert.ok(audits.trainings.length > 0, 'the demo auditor was trained');
  assert.deepEqual(audits.visits.map((v) => v.id).sort(), visits.value.map((v) => v.id).sort());
  const saved = audits.visits.find((v) => v.id === first.id)!;
  assert.deepEqual(saved.answers.map((a) => a.item).sort(), items.map((i) => i.name).sort());
  assert.match(JSON.stringify(saved.answers.find((a) => a.item === textItem.name)!.value), /La porta estava tancada/);

  const codeName = audits.enrolments[0]!.codeName;
  assert.ok((await deleteMyAccount(db, me, { password, confirm: 'yes' })).ok);
  const [kept] = await db.select().from(auditor).where(eq(auditor.codeName, codeName));
  assert.ok(kept);
  assert.equal(kept.personId, null);
  assert.equal(kept.name, codeName);
  assert.equal(kept.email, '');
  assert.ok(kept.anonymisedAt);
});
