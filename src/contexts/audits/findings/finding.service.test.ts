// The finding lifecycle and what the diagnosis hears: validated by a second person, corrected after
// validation, withdrawn, verified only by a later visit to the same place.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { cloneTestDatabase } from '../../../../test/support/database.ts';
import type { Database } from '../../../platform/db/client.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';
import { subscribe, type DomainEvents } from '../../../platform/events.ts';
import { defaultGrounds } from '../../territories/territory.settings.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { answer, findingChange, visit } from '../audit.schema.ts';
import { facilitiesOf, servicesOf } from '../../catalogue/catalogue.service.ts';
import { changeFindingStatus, itemPasses, proposeFinding, reviseFinding } from './finding.service.ts';
import '../../../app.ts';

let database: Database;
let territoryId: string;
const events: { name: keyof DomainEvents; payload: unknown }[] = [];
subscribe({
  'diagnosis.facts.upsert': async (_db, payload) => void events.push({ name: 'diagnosis.facts.upsert', payload }),
  'diagnosis.facts.remove': async (_db, payload) => void events.push({ name: 'diagnosis.facts.remove', payload }),
});
const coordinator = (personId: string): Actor => ({ personId, displayName: 'c', locale: 'en', twoFactorVerified: true, grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
const a = () => coordinator('0000c000-0000-4000-8000-0000000000aa');
const b = () => coordinator('0000c000-0000-4000-8000-0000000000bb');

before(async () => {
  database = await cloneTestDatabase('demo');
  territoryId = (await findTerritory(database.db, 'barcelona'))!.id;
});
after(async () => database.close());

async function newFinding(month: string, facilityId: string, serviceId: string) {
  const made = await proposeFinding(database.db, a(), { territoryId, campaignId: null, serviceId, facilityId, dimension: 'language', grounds: ['language'], severity: 2, title: 'No interpreter', month }, defaultGrounds);
  assert.equal(made.ok, true);
  return made.ok ? made.value : null!;
}

test('the proposer cannot validate; a second coordinator can, and the diagnosis gets the fact', async () => {
  const [service] = await servicesOf(database.db, territoryId);
  const [facility] = await facilitiesOf(database.db, territoryId, [service!.id]);
  const f = await newFinding('2025-06', facility!.id, service!.id);
  events.length = 0;
  const self = await changeFindingStatus(database.db, a(), { territoryId, findingId: f.id, to: 'validated', reason: 'mine' });
  assert.deepEqual(self.ok ? null : self.error, 'same-person');
  assert.equal(events.length, 0);
  const ok = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'validated', reason: 'Checked' });
  assert.equal(ok.ok, true);
  assert.equal(events.length, 1);
  const fact = (events[0]!.payload as DomainEvents['diagnosis.facts.upsert']).facts[0]!;
  assert.deepEqual({ source: fact.source, month: fact.month, grounds: fact.grounds, severity: fact.severity, districtId: fact.districtId }, { source: 'finding', month: '2025-06', grounds: ['language'], severity: 2, districtId: facility!.districtId });

  // A correction after validation is explained, kept in the history, and sent again.
  const revised = await reviseFinding(database.db, a(), { territoryId, findingId: f.id, severity: 3, grounds: ['language', 'nationality'], dimension: 'language', reason: 'Seen twice more' }, defaultGrounds);
  assert.equal(revised.ok, true);
  assert.deepEqual((events[1]!.payload as DomainEvents['diagnosis.facts.upsert']).facts[0]!.grounds, ['language', 'nationality']);
  const history = await database.db.select().from(findingChange).where(eq(findingChange.findingId, f.id));
  assert.deepEqual(history.map((h) => [h.fromStatus, h.toStatus, h.reason]), [
    [null, 'proposed', 'proposed'],
    ['proposed', 'validated', 'Checked'],
    ['validated', 'validated', 'Seen twice more'],
  ]);

  // Withdrawn: the diagnosis removes it.
  await changeFindingStatus(database.db, a(), { territoryId, findingId: f.id, to: 'withdrawn', reason: 'Duplicate of another finding' });
  assert.deepEqual(events[2], { name: 'diagnosis.facts.remove', payload: { source: 'finding', sourceIds: [f.id] } });
  const again = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'validated', reason: 'x' });
  assert.deepEqual(again.ok ? null : again.error, 'transition');
});

test('verified only with a later visit to the same place, by another auditor, whose answer passes, recorded by another coordinator', async () => {
  const submitted = await database.db.select().from(visit).where(and(eq(visit.territoryId, territoryId), eq(visit.status, 'submitted')));
  const pairs = submitted.flatMap((later) => submitted.filter((e) => e.facilityId === later.facilityId && e.auditorId !== later.auditorId && e.scheduledOn.slice(0, 7) < later.scheduledOn.slice(0, 7)).map((earlier) => ({ earlier, later })));
  const { earlier, later } = pairs[0]!;
  const setAnswer = (visitId: string, value: string) => database.db.update(answer).set({ value: { value } }).where(and(eq(answer.visitId, visitId), eq(answer.itemName, 'language_offered')));
  await setAnswer(earlier.id, 'no');
  await setAnswer(later.id, 'no');
  const made = await proposeFinding(
    database.db,
    a(),
    { territoryId, campaignId: null, serviceId: earlier.serviceId, facilityId: earlier.facilityId, dimension: 'language', grounds: ['language'], severity: 2, title: 'No interpreter', month: earlier.scheduledOn.slice(0, 7), linkedAnswers: [{ visitId: earlier.id, itemName: 'language_offered' }] },
    defaultGrounds,
  );
  const f = made.ok ? made.value : null!;
  await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'validated', reason: 'Checked' });
  await changeFindingStatus(database.db, a(), { territoryId, findingId: f.id, to: 'addressed', reason: 'Interpreting by phone started' });
  // A later visit to another place of the service does not verify it.
  const elsewhere = submitted.find((v) => v.serviceId === later.serviceId && v.facilityId !== later.facilityId && v.scheduledOn.slice(0, 7) > f.month)!;
  const refused = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'verified', reason: 'Gone', verifiedByVisitId: elsewhere.id });
  assert.deepEqual(refused.ok ? null : refused.fields, { verifiedByVisitId: 'audits.finding.errors.laterVisit' });
  const none = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'verified', reason: 'Gone' });
  assert.deepEqual(none.ok ? null : none.fields, { verifiedByVisitId: 'audits.finding.errors.laterVisit' });
  // The later visit still says no language was offered: not solved.
  const still = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'verified', reason: 'Gone', verifiedByVisitId: later.id });
  assert.deepEqual(still.ok ? null : still.fields, { verifiedByVisitId: 'audits.finding.errors.stillFailing' });
  // The same auditor coming back does not prove it either.
  const again = submitted.find((v) => v.facilityId === earlier.facilityId && v.auditorId === earlier.auditorId && v.id !== earlier.id && v.scheduledOn.slice(0, 7) > f.month);
  if (again) {
    const own = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'verified', reason: 'Gone', verifiedByVisitId: again.id });
    assert.deepEqual(own.ok ? null : own.fields, { verifiedByVisitId: 'audits.finding.errors.sameAuditor' });
  }
  await setAnswer(later.id, 'yes');
  const byProposer = await changeFindingStatus(database.db, a(), { territoryId, findingId: f.id, to: 'verified', reason: 'Gone', verifiedByVisitId: later.id });
  assert.deepEqual(byProposer.ok ? null : byProposer.fields, { to: 'audits.finding.errors.samePersonVerify' });
  const verified = await changeFindingStatus(database.db, b(), { territoryId, findingId: f.id, to: 'verified', reason: 'The later visit was offered an interpreter', verifiedByVisitId: later.id });
  assert.equal(verified.ok, true);
  assert.equal(verified.ok && verified.value.verifiedByVisitId, later.id);
});

test('an item passes when the answer that gave the finding is no longer given', () => {
  assert.equal(itemPasses({ value: 'no' }, { value: 'yes' }), true);
  assert.equal(itemPasses({ value: 'no' }, { value: 'no' }), false);
  assert.equal(itemPasses({ value: 'online_only' }, { value: 'phone' }), true);
  assert.equal(itemPasses({ value: '40' }, { value: '40' }), false);
  assert.equal(itemPasses({ value: '40' }, { value: '75' }), true);
  assert.equal(itemPasses({ value: ['steps', 'heavy_door'] }, { value: ['heavy_door'] }), true);
  assert.equal(itemPasses({ value: ['steps'] }, { value: ['steps', 'heavy_door'] }), false);
  assert.equal(itemPasses({ value: 'no' }, undefined), false);
  assert.equal(itemPasses({ value: 'no' }, { value: '' }), false);
});
