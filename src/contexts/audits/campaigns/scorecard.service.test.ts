// Score cards as CARE runs them: the service's own staff enter their self-assessment (never the
// coordinator, never someone of another territory or service), and a later cycle shows the change.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory, type Territory } from '../../territories/territory.service.ts';
import type { Actor, Role } from '../../../platform/auth/permissions.ts';
import { accessLog } from '../../../platform/access-log/access-log.schema.ts';
import { scoreCard } from '../audit.schema.ts';
import { demoPeople } from '../audits.seed.ts';
import { recordCommunityScores, recordStaffScores, scoreCardDetail, startCycle } from './scorecard.service.ts';
import { compareCycles } from './score-cycles.ts';

let t: TestApp;
let territory: Territory;
let cardId: string;
before(async () => {
  t = await createTestApp({ template: 'demo' });
  territory = (await findTerritory(t.database.db, 'barcelona'))!;
  const [card] = await t.database.db.select().from(scoreCard).where(eq(scoreCard.territoryId, territory.id)).limit(1);
  cardId = card!.id;
});
after(async () => t.close());

const actor = (role: Role, territoryId: string, personId: string = randomUUID()): Actor => ({ personId, displayName: 'Someone', locale: 'en', twoFactorVerified: true, grants: [{ role, scope: { kind: 'territory', id: territoryId } }] });
const coordinator = () => actor('audit-coordinator', territory.id);
const officeManager = () => actor('service-manager', territory.id, demoPeople.citizenOfficesManager);

test("the demo card has two cycles months apart, and the change per criterion is cycle 2 minus cycle 1", async () => {
  const detail = await scoreCardDetail(t.database.db, coordinator(), territory.id, cardId);
  assert.ok(detail.ok);
  const { cycles, comparison } = detail.value;
  assert.deepEqual(cycles.map((c) => [c.number, c.startedOn]), [[1, '2025-10-16'], [2, '2026-05-14']]);
  assert.ok(comparison);
  assert.deepEqual(comparison.map((c) => [c.before.users, c.after.users, c.usersChange]), [[30, 55, 25], [45, 60, 15], [70, 70, 0], [80, 80, 0]]);
  assert.deepEqual(comparison.map((c) => [c.before.staff, c.after.staff, c.staffChange]), [[75, 70, -5], [70, 65, -5], [85, 85, 0], [85, 85, 0]]);
  // The gap (users − staff) narrowed from −45 to −15 on appointments without internet.
  assert.deepEqual([comparison[0]!.before.gap, comparison[0]!.after.gap], [-45, -15]);
});

test('a change is unknown (null) while a cycle lacks a score, never counted as 0', () => {
  const criteria = [{ id: 'a', label: 'A' }];
  const score = (userScore: number | null, staffScore: number | null) => [{ criterionId: 'a', userScore, userReasons: '', staffScore, staffReasons: '' }];
  const [row] = compareCycles(criteria, { id: null, number: 1, startedOn: '2025-01-01', scores: score(40, 60) }, { id: 'x', number: 2, startedOn: '2025-07-01', scores: score(55, null) });
  assert.equal(row!.usersChange, 15);
  assert.equal(row!.staffChange, null);
  assert.equal(row!.after.gap, null);
});

test("the office's manager enters the staff self-assessment of a new cycle; coordinators, other services and other territories are refused", async () => {
  const db = t.database.db;
  const cycle = await startCycle(db, coordinator(), { territoryId: territory.id, cardId, startedOn: '2026-11-20' });
  assert.ok(cycle.ok);
  assert.equal(cycle.value.number, 3);
  const detail = await scoreCardDetail(db, officeManager(), territory.id, cardId);
  assert.ok(detail.ok && detail.value.maySelfAssess);
  const scores = detail.value.criteria.map((c, i) => ({ criterionId: c.id, score: 60 + i, reasons: 'Tercera autoavaluació.' }));

  const byCoordinator = await recordStaffScores(db, coordinator(), { territoryId: territory.id, cardId, scores });
  assert.deepEqual(byCoordinator, { ok: false, error: 'forbidden' });
  const other = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const elsewhere = await recordStaffScores(db, actor('service-manager', other.id, demoPeople.citizenOfficesManager), { territoryId: territory.id, cardId, scores });
  assert.deepEqual(elsewhere, { ok: false, error: 'forbidden' });
  const otherService = await recordStaffScores(db, actor('service-manager', territory.id, demoPeople.socialServicesManager), { territoryId: territory.id, cardId, scores });
  assert.deepEqual(otherService, { ok: false, error: 'not-found' });
  const afterRefusals = await scoreCardDetail(db, coordinator(), territory.id, cardId);
  assert.ok(afterRefusals.ok && afterRefusals.value.cycles[2]!.scores.every((s) => s.staffScore === null), 'nothing written by the refused');
  assert.equal(afterRefusals.ok && afterRefusals.value.maySelfAssess, false, 'the coordinator only sees');

  const bad = await recordStaffScores(db, officeManager(), { territoryId: territory.id, cardId, scores: [{ ...scores[0]!, score: 140 }] });
  assert.deepEqual(bad, { ok: false, error: 'invalid', fields: { [`staff_${scores[0]!.criterionId}`]: 'audits.scoreCard.errors.score' } });
  const saved = await recordStaffScores(db, officeManager(), { territoryId: territory.id, cardId, scores });
  assert.ok(saved.ok);
  const now = await scoreCardDetail(db, coordinator(), territory.id, cardId);
  assert.ok(now.ok);
  assert.deepEqual(now.value.cycles[2]!.scores.map((s) => s.staffScore), [60, 61, 62, 63]);
  assert.deepEqual(now.value.cycles[1]!.scores.map((s) => s.staffScore), [70, 65, 85, 85], 'cycle 2 untouched');
  // Comparison is now cycle 1 against cycle 3, whose users' scores are not in yet.
  assert.deepEqual(now.value.comparison!.map((c) => [c.staffChange, c.usersChange]), [[-15, null], [-9, null], [-23, null], [-22, null]]);
  const logged = await db.select().from(accessLog).where(and(eq(accessLog.action, 'audits.scoreCard.selfAssess'), eq(accessLog.recordId, `${cardId}:3`)));
  assert.equal(logged.length, 1);
  assert.equal(logged[0]!.actorId, demoPeople.citizenOfficesManager);

  const community = await recordCommunityScores(db, officeManager(), { territoryId: territory.id, cardId, scores });
  assert.deepEqual(community, { ok: false, error: 'forbidden' }, 'staff do not type the users’ scores');
});

test('a new cycle must start after the previous one', async () => {
  const early = await startCycle(t.database.db, coordinator(), { territoryId: territory.id, cardId, startedOn: '2026-03-01' });
  assert.deepEqual(early, { ok: false, error: 'invalid', fields: { startedOn: 'audits.scoreCard.errors.cycleDate' } });
  const nonsense = await startCycle(t.database.db, coordinator(), { territoryId: territory.id, cardId, startedOn: 'soon' });
  assert.deepEqual(nonsense, { ok: false, error: 'invalid', fields: { startedOn: 'audits.scoreCard.errors.date' } });
  const elsewhere = await startCycle(t.database.db, actor('audit-coordinator', randomUUID()), { territoryId: territory.id, cardId, startedOn: '2027-06-01' });
  assert.deepEqual(elsewhere, { ok: false, error: 'forbidden' });
});
