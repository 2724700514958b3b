// The improvement loop through the services, on the demo's audits: findings → recommendations → answers →
// measures → follow-up visits → verified or not yet solved; the board's approval and versions; bad input.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Actor, Role } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { findingsByIds, listFindings } from '../audits/findings/finding.service.ts';
import { visitsById } from '../audits/fieldwork/fieldwork.service.ts';
import { linkServiceManager } from '../catalogue/service-manager.service.ts';
import { answer, visit } from '../audits/audit.schema.ts';
import { addGoal, addIndicator, addMeasurement, createPlan, planDetail, saveMeasure, type Plan } from './plan.service.ts';
import { answerRecommendation, proposeRecommendation } from './recommendation.service.ts';
import { recordFollowUp, validateFollowUp } from './verification.service.ts';
import { listVersions, submitForApproval, votePlan } from './approval.service.ts';
import { territoryTracker, k } from './tracker.ts';
import { planVersion } from './plans.schema.ts';
import type { MeasureInput } from './plan.rules.ts';
import '../../app.ts';

let database: Database;
let territoryId: string;
let departmentId: string;
const actor = (role: Role, name: string): Actor => ({ personId: randomUUID(), displayName: name, locale: 'en', twoFactorVerified: true, grants: [{ role, scope: { kind: 'territory', id: territoryId } }] });
let coordinatorA: Actor;
let coordinatorB: Actor;
let manager: Actor;
let otherManager: Actor;
let board1: Actor;
let board2: Actor;
let promoter: Actor;
let thePlan: Plan;
let goalId: string;

const measureInput = (over: Partial<MeasureInput> = {}): MeasureInput => ({
  goalId,
  code: 'M1',
  title: 'Interpreting in social services',
  description: '',
  departmentId,
  owner: 'Head of social services',
  organisationIds: [],
  challengeIds: [],
  startsOn: '',
  deadline: '2026-06-30',
  status: 'planned',
  droppedReason: '',
  progress: '',
  ...over,
});

before(async () => {
  database = await cloneTestDatabase('demo');
  territoryId = (await findTerritory(database.db, 'barcelona'))!.id;
  departmentId = (await catalogueOf(database.db, territoryId)).departments[0]!.id;
  coordinatorA = actor('audit-coordinator', 'Coordinator A');
  coordinatorB = actor('audit-coordinator', 'Coordinator B');
  manager = actor('service-manager', 'Manager');
  otherManager = actor('service-manager', 'Other manager');
  board1 = actor('board-member', 'Board 1');
  board2 = actor('board-member', 'Board 2');
  promoter = actor('promoting-group-member', 'Promoter');
  const made = await createPlan(database.db, coordinatorA, territoryId, { title: 'Local Action Plan against Discrimination (test)', summary: '', kind: 'action-plan', periodFrom: '2025-01-01', periodTo: '2027-12-31', approvedBy: 'board' });
  assert.equal(made.ok, true);
  thePlan = made.ok ? made.value : null!;
  const goal = await addGoal(database.db, coordinatorA, territoryId, thePlan.id, { code: 'G1', title: 'Services without barriers' });
  goalId = goal.ok ? goal.value.id : '';
});
after(async () => database.close());

test('bad input is refused field by field: no responsible, dates out of the period, progress outside 0–100, a measurement without a date', async () => {
  const none = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, null, measureInput({ departmentId: '', deadline: '2030-01-01', startsOn: '2024-05-01', progress: '150' }));
  assert.equal(none.ok, false);
  assert.deepEqual(none.ok ? null : none.fields, {
    departmentId: 'plans.measure.errors.responsible',
    deadline: 'plans.measure.errors.outsidePeriod',
    startsOn: 'plans.measure.errors.outsidePeriod',
    progress: 'plans.measure.errors.progressRange',
  });
  const negative = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, null, measureInput({ progress: '-1' }));
  assert.deepEqual(negative.ok ? null : negative.fields, { progress: 'plans.measure.errors.progressRange' });
  const dropped = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, null, measureInput({ status: 'dropped' }));
  assert.deepEqual(dropped.ok ? null : dropped.fields, { droppedReason: 'plans.measure.errors.droppedReason' });
  const foreign = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, null, measureInput({ departmentId: randomUUID() }));
  assert.deepEqual(foreign.ok ? null : foreign.fields, { departmentId: 'plans.measure.errors.department' });
  const good = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, null, measureInput({ progress: '40' }));
  assert.equal(good.ok, true);
  const indicator = await addIndicator(database.db, coordinatorA, territoryId, thePlan.id, { name: 'Offices with interpreting', unit: '%', source: 'Social services', baseline: '10', target: '100', computation: 'manual', serviceId: '' });
  assert.equal(indicator.ok, true);
  const id = indicator.ok ? indicator.value.id : '';
  const noDate = await addMeasurement(database.db, coordinatorA, territoryId, thePlan.id, id, { measuredOn: '', value: '30', note: '' });
  assert.deepEqual(noDate.ok ? null : noDate.fields, { measuredOn: 'plans.measurement.errors.date' });
  const outside = await addMeasurement(database.db, coordinatorA, territoryId, thePlan.id, id, { measuredOn: '2031-01-01', value: '30', note: '' });
  assert.deepEqual(outside.ok ? null : outside.fields, { measuredOn: 'plans.measurement.errors.outsidePeriod' });
  const measured = await addMeasurement(database.db, coordinatorA, territoryId, thePlan.id, id, { measuredOn: '2025-12-31', value: '30', note: '' });
  assert.equal(measured.ok, true);
  // Nobody outside the staff edits a plan.
  const denied = await saveMeasure(database.db, manager, territoryId, thePlan.id, null, measureInput());
  assert.equal(denied.ok ? null : denied.error, 'forbidden');
});

test('findings become recommendations; the manager accepts one (a measure linked to its finding) and declines the other; verification needs the proof', async () => {
  const listed = await listFindings(database.db, coordinatorA, territoryId, { status: 'validated' });
  assert.ok(listed.ok);
  const submitted = await database.db.select().from(visit).where(and(eq(visit.territoryId, territoryId), eq(visit.status, 'submitted')));
  // A validated finding whose place had a later visit by another auditor.
  const pick = listed.value
    .filter((f) => f.linkedAnswers.length === 1 && f.facilityId)
    .map((f) => {
      const original = submitted.find((v) => v.id === f.linkedAnswers[0]!.visitId)!;
      const later = submitted.find((v) => v.facilityId === f.facilityId && v.auditorId !== original.auditorId && v.scheduledOn.slice(0, 7) > f.month && v.scheduledOn > '2025-03-01');
      return { f, original, later };
    })
    .find((x) => x.later)!;
  assert.ok(pick, 'the demo has a finding with a later visit by another auditor');
  const { f, later } = pick;
  const second = listed.value.find((x) => x.serviceId === f.serviceId && x.id !== f.id)!;
  await linkServiceManager(database.db, { territoryId, serviceId: f.serviceId, personId: manager.personId, active: true });

  const r1 = await proposeRecommendation(database.db, coordinatorA, territoryId, { planId: thePlan.id, goalId, findingIds: [f.id], body: 'Offer interpreting at the front desk' });
  const r2 = await proposeRecommendation(database.db, coordinatorA, territoryId, { planId: thePlan.id, goalId, findingIds: [second.id], body: 'Remove extra documents' });
  assert.ok(r1.ok && r2.ok);
  const empty = await proposeRecommendation(database.db, coordinatorA, territoryId, { planId: thePlan.id, goalId, findingIds: [], body: '' });
  assert.deepEqual(empty.ok ? null : empty.fields, { findingIds: 'plans.recommendation.errors.findings', body: 'plans.recommendation.errors.body' });
  // The manager of another service cannot answer it; nor can a coordinator.
  assert.equal((await answerRecommendation(database.db, otherManager, territoryId, r1.value.id, { decision: 'accept', plannedOn: '2025-06-01', owner: 'x', reason: '' })).ok ? null : 'not-found', 'not-found');
  const byCoordinator = await answerRecommendation(database.db, coordinatorA, territoryId, r1.value.id, { decision: 'accept', plannedOn: '2025-06-01', owner: 'x', reason: '' });
  assert.equal(byCoordinator.ok ? null : byCoordinator.error, 'forbidden');
  const missing = await answerRecommendation(database.db, manager, territoryId, r1.value.id, { decision: 'accept', plannedOn: '2029-01-01', owner: '', reason: '' });
  assert.deepEqual(missing.ok ? null : missing.fields, { plannedOn: 'plans.measure.errors.outsidePeriod', owner: 'plans.recommendation.errors.owner' });
  // The planned date: the day before the later visit, so that it is a visit after the measure's date.
  const plannedOn = new Date(Date.parse(`${later!.scheduledOn}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  const accepted = await answerRecommendation(database.db, manager, territoryId, r1.value.id, { decision: 'accept', plannedOn, owner: 'Head of the centre', reason: '' });
  assert.ok(accepted.ok);
  const again = await answerRecommendation(database.db, manager, territoryId, r1.value.id, { decision: 'decline', plannedOn: '', owner: '', reason: 'No' });
  assert.equal(again.ok ? null : again.error, 'answered');
  const noReason = await answerRecommendation(database.db, manager, territoryId, r2.value.id, { decision: 'decline', plannedOn: '', owner: '', reason: ' ' });
  assert.deepEqual(noReason.ok ? null : noReason.fields, { reason: 'plans.recommendation.errors.reason' });
  const declined = await answerRecommendation(database.db, manager, territoryId, r2.value.id, { decision: 'decline', plannedOn: '', owner: '', reason: 'The documents are required by law' });
  assert.ok(declined.ok);

  const detail = await planDetail(database.db, coordinatorA, territoryId, thePlan.slug);
  assert.ok(detail.ok);
  const measure = detail.value.measures.find((m) => m.id === accepted.value.measureId)!;
  assert.deepEqual(measure.findingIds, [f.id]);
  assert.equal(measure.deadline, plannedOn);
  assert.equal(measure.owner, 'Head of the centre');

  const item = f.linkedAnswers[0]!.itemName;
  const [original] = await database.db.select().from(answer).where(and(eq(answer.visitId, f.linkedAnswers[0]!.visitId), eq(answer.itemName, item)));
  const setLater = (value: unknown) => database.db.update(answer).set({ value: value as never }).where(and(eq(answer.visitId, later!.id), eq(answer.itemName, item)));
  await setLater(original!.value);

  // A visit before the measure's date proves nothing.
  const before = submitted.find((v) => v.serviceId === f.serviceId && v.scheduledOn <= plannedOn)!;
  const early = await recordFollowUp(database.db, coordinatorA, territoryId, { measureId: measure.id, findingId: f.id, visitId: before.id });
  assert.deepEqual(early.ok ? null : early.fields, { visitId: 'plans.verification.errors.beforeMeasure' });
  // The follow-up still shows the barrier: not yet solved, and nothing to validate.
  const failing = await recordFollowUp(database.db, coordinatorA, territoryId, { measureId: measure.id, findingId: f.id, visitId: later!.id });
  assert.ok(failing.ok);
  assert.equal(failing.value.status, 'not-yet-solved');
  const validateFailing = await validateFollowUp(database.db, coordinatorB, territoryId, failing.value.id);
  assert.deepEqual(validateFailing.ok ? null : validateFailing.fields, { verification: 'plans.verification.errors.notPending' });
  assert.equal((await findingsByIds(database.db, territoryId, [f.id]))[0]!.status, 'validated');

  // A follow-up showing the barrier gone: the coordinator who recorded it cannot validate it; another can.
  const [laterVisit] = await visitsById(database.db, territoryId, [later!.id]);
  assert.ok(laterVisit);
  const passing = typeof original!.value.value === 'string' && original!.value.value === 'yes' ? 'no' : 'yes';
  await setLater({ value: Array.isArray(original!.value.value) ? [] : typeof original!.value.value === 'number' ? 100 : /^\d+$/.test(String(original!.value.value)) ? '100' : passing });
  const shown = await recordFollowUp(database.db, coordinatorA, territoryId, { measureId: measure.id, findingId: f.id, visitId: later!.id });
  assert.ok(shown.ok);
  assert.equal(shown.value.status, 'pending');
  const self = await validateFollowUp(database.db, coordinatorA, territoryId, shown.value.id);
  assert.deepEqual(self.ok ? null : self.fields, { verification: 'plans.verification.errors.samePerson' });
  const byAuditor = await validateFollowUp(database.db, manager, territoryId, shown.value.id);
  assert.equal(byAuditor.ok ? null : byAuditor.error, 'forbidden');
  const validated = await validateFollowUp(database.db, coordinatorB, territoryId, shown.value.id);
  assert.ok(validated.ok, JSON.stringify(validated));
  assert.equal((await findingsByIds(database.db, territoryId, [f.id]))[0]!.status, 'verified');

  const tracker = await territoryTracker(database.db, territoryId);
  const cells = tracker.byService.cells.flat().concat(tracker.byService.rowTotals, tracker.byService.colTotals, [tracker.byService.total]);
  assert.ok(cells.every((c) => c.value === null || c.value === 0 || c.value >= k), 'no count from 1 to k − 1 is shown');
  assert.ok(Object.values(tracker.series.values).flat().every((v) => v === null || v === 0 || v >= k));
});

test('the board approves: an immutable version; a revision is a new version with its change list; only the approving body votes', async () => {
  assert.equal((await votePlan(database.db, board1, territoryId, thePlan.id, 'approve')).ok ? null : 'closed', 'closed');
  assert.ok((await submitForApproval(database.db, coordinatorA, territoryId, thePlan.id)).ok);
  // Frozen while in review.
  const frozen = await addGoal(database.db, coordinatorA, territoryId, thePlan.id, { code: 'G2', title: 'x' });
  assert.equal(frozen.ok ? null : frozen.error, 'in-review');
  assert.equal((await votePlan(database.db, promoter, territoryId, thePlan.id, 'approve')).ok ? null : 'forbidden', 'forbidden');
  const first = await votePlan(database.db, board1, territoryId, thePlan.id, 'approve');
  assert.deepEqual(first.ok && first.value, { published: false, version: null });
  const second = await votePlan(database.db, board2, territoryId, thePlan.id, 'approve');
  assert.deepEqual(second.ok && second.value, { published: true, version: 1 });
  await assert.rejects(database.db.update(planVersion).set({ approvers: ['someone else'] }).where(eq(planVersion.planId, thePlan.id)));

  const detail = await planDetail(database.db, coordinatorA, territoryId, thePlan.slug);
  assert.ok(detail.ok);
  const m = detail.value.measures.find((x) => x.code === 'M1')!;
  const moved = await saveMeasure(database.db, coordinatorA, territoryId, thePlan.id, m.id, measureInput({ deadline: '2026-09-30', progress: '40' }));
  assert.ok(moved.ok);
  assert.ok((await submitForApproval(database.db, coordinatorA, territoryId, thePlan.id)).ok);
  await votePlan(database.db, board1, territoryId, thePlan.id, 'approve');
  const v2 = await votePlan(database.db, board2, territoryId, thePlan.id, 'approve');
  assert.deepEqual(v2.ok && v2.value, { published: true, version: 2 });
  const versions = await listVersions(database.db, thePlan.id);
  assert.deepEqual(
    versions.map((v) => v.number),
    [2, 1],
  );
  assert.deepEqual(versions[0]!.changes, [{ kind: 'measure-deadline', code: 'M1', from: '2026-06-30', to: '2026-09-30' }]);
  assert.equal(versions[1]!.snapshot.measures.find((x) => x.code === 'M1')!.deadline, '2026-06-30');
  const count = await database.db.execute(sql`select count(*)::int as n from plan_version where plan_id = ${thePlan.id}`);
  assert.equal(Number((count as unknown as { rows: { n: number }[] }).rows[0]!.n), 2);
});
