// Approval: a plan (or its revision) goes to the coexistence board or the promoting group, who vote as they
// vote on a diagnosis. The vote that approves it writes an immutable version with the list of what changed.
import { publish } from '../../platform/events.ts';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { isApproved } from '../diagnosis/diagnosis.service.ts';
import { plan, planGoal, planIndicator, planMeasure, planVersion, planVote, type PlanChange, type PlanSnapshot } from './plans.schema.ts';
import { findPlanById, type Plan } from './plan.service.ts';

export type PlanVersion = typeof planVersion.$inferSelect;
export type PlanVote = typeof planVote.$inferSelect;

/** The role whose members vote on a plan. */
export function votingRole(row: Pick<Plan, 'approvedBy'>): 'board-member' | 'promoting-group-member' {
  return row.approvedBy === 'board' ? 'board-member' : 'promoting-group-member';
}

export async function snapshotOf(db: Db, row: Plan): Promise<PlanSnapshot> {
  const goals = await db.select().from(planGoal).where(eq(planGoal.planId, row.id)).orderBy(asc(planGoal.position));
  const measures = await db.select().from(planMeasure).where(eq(planMeasure.planId, row.id)).orderBy(asc(planMeasure.position));
  const indicators = await db.select().from(planIndicator).where(eq(planIndicator.planId, row.id)).orderBy(asc(planIndicator.position));
  return {
    title: row.title,
    summary: row.summary,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    goals: goals.map((g) => ({ id: g.id, code: g.code, title: g.title })),
    measures: measures.map((m) => ({ id: m.id, goalId: m.goalId, code: m.code, title: m.title, departmentId: m.departmentId, owner: m.owner, organisationIds: m.organisationIds, deadline: m.deadline, status: m.status, findingIds: m.findingIds })),
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, unit: i.unit, baseline: i.baseline, target: i.target })),
  };
}

const first = (t: Partial<Record<string, string>>) => Object.values(t).find(Boolean) ?? '';

/** What changed from one published version to the next, in the order a reader scans a plan. */
export function changesBetween(before: PlanSnapshot | null, after: PlanSnapshot): PlanChange[] {
  if (!before) return [];
  const changes: PlanChange[] = [];
  if (before.periodFrom !== after.periodFrom || before.periodTo !== after.periodTo) changes.push({ kind: 'period', code: '', from: `${before.periodFrom}–${before.periodTo}`, to: `${after.periodFrom}–${after.periodTo}` });
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  const goalsBefore = byId(before.goals);
  const goalsAfter = byId(after.goals);
  for (const g of after.goals) if (!goalsBefore.has(g.id)) changes.push({ kind: 'goal-added', code: g.code, to: first(g.title) });
  for (const g of before.goals) if (!goalsAfter.has(g.id)) changes.push({ kind: 'goal-removed', code: g.code, from: first(g.title) });
  const measuresBefore = byId(before.measures);
  const measuresAfter = byId(after.measures);
  for (const m of after.measures) {
    const old = measuresBefore.get(m.id);
    if (!old) {
      changes.push({ kind: 'measure-added', code: m.code, to: first(m.title) });
      continue;
    }
    if (first(old.title) !== first(m.title)) changes.push({ kind: 'measure-title', code: m.code, from: first(old.title), to: first(m.title) });
    if (old.deadline !== m.deadline) changes.push({ kind: 'measure-deadline', code: m.code, from: old.deadline, to: m.deadline });
    if (old.status !== m.status) changes.push({ kind: 'measure-status', code: m.code, from: old.status, to: m.status });
    if (old.owner !== m.owner || old.departmentId !== m.departmentId) changes.push({ kind: 'measure-owner', code: m.code, from: old.owner, to: m.owner });
  }
  for (const m of before.measures) if (!measuresAfter.has(m.id)) changes.push({ kind: 'measure-removed', code: m.code, from: first(m.title) });
  const indicatorsBefore = byId(before.indicators);
  const indicatorsAfter = byId(after.indicators);
  for (const i of after.indicators) {
    const old = indicatorsBefore.get(i.id);
    if (!old) changes.push({ kind: 'indicator-added', code: first(i.name), to: first(i.name) });
    else if (old.target !== i.target) changes.push({ kind: 'indicator-target', code: first(i.name), from: String(old.target ?? ''), to: String(i.target ?? '') });
  }
  for (const i of before.indicators) if (!indicatorsAfter.has(i.id)) changes.push({ kind: 'indicator-removed', code: first(i.name), from: first(i.name) });
  return changes;
}

export async function submitForApproval(db: Db, actor: Actor | null, territoryId: string, planId: string): Promise<Outcome<Plan, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'plans.plan.submit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findPlanById(db, territoryId, planId);
  if (!row) return { ok: false, error: 'not-found' };
  if (row.status === 'review') return { ok: false, error: 'invalid', fields: { plan: 'plans.plan.errors.inReview' } };
  const measures = await db.select({ id: planMeasure.id }).from(planMeasure).where(eq(planMeasure.planId, row.id));
  if (measures.length === 0) return { ok: false, error: 'invalid', fields: { plan: 'plans.plan.errors.noMeasures' } };
  return db.transaction(async (tx) => {
    const [saved] = await tx.update(plan).set({ status: 'review' }).where(eq(plan.id, row.id)).returning();
    await tx.delete(planVote).where(and(eq(planVote.planId, row.id), eq(planVote.version, row.publishedVersion + 1)));
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.plan.submit', recordType: 'plan', recordId: row.id, territoryId });
    return { ok: true as const, value: saved! };
  });
}

export async function votesOn(db: Db, row: Plan): Promise<PlanVote[]> {
  return db.select().from(planVote).where(and(eq(planVote.planId, row.id), eq(planVote.version, row.publishedVersion + 1))).orderBy(asc(planVote.createdAt));
}

export async function votePlan(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  vote: string,
  /** When the vote is cast (the demo's history dates it; people's votes are now). */
  now = new Date(),
): Promise<Outcome<{ published: boolean; version: number | null }, 'not-found' | 'invalid' | 'closed'>> {
  const permission = requirePermission(actor, 'plans.plan.vote', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (vote !== 'approve' && vote !== 'reject') return { ok: false, error: 'invalid', fields: { vote: 'plans.approval.errors.vote' } };
  const current = await findPlanById(db, territoryId, planId);
  if (!current) return { ok: false, error: 'not-found' };
  // A promoting-group member does not vote on a plan the board approves, nor the reverse.
  const role = votingRole(current);
  if (!actor!.grants.some((g) => g.role === role && (g.scope.kind === 'platform' || g.scope.id === territoryId))) return { ok: false, error: 'forbidden' };
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(plan).where(eq(plan.id, planId)).for('update');
    if (!target || target.status !== 'review') return { ok: false as const, error: 'closed' as const, fields: { vote: 'plans.approval.errors.closed' } };
    const version = target.publishedVersion + 1;
    await tx
      .insert(planVote)
      .values({ planId, version, personId: actor!.personId, personName: actor!.displayName, vote, createdAt: now })
      .onConflictDoUpdate({ target: [planVote.planId, planVote.version, planVote.personId], set: { vote, personName: actor!.displayName, createdAt: now } });
    const votes = await tx.select().from(planVote).where(and(eq(planVote.planId, planId), eq(planVote.version, version)));
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: `plans.plan.vote.${vote}`, recordType: 'plan', recordId: planId, territoryId });
    if (!isApproved(votes)) return { ok: true as const, value: { published: false, version: null } };
    const [previous] = await tx.select().from(planVersion).where(eq(planVersion.planId, planId)).orderBy(desc(planVersion.number)).limit(1);
    const snapshot = await snapshotOf(tx as unknown as Db, target);
    await tx.insert(planVersion).values({
      planId,
      number: version,
      snapshot,
      changes: changesBetween(previous?.snapshot ?? null, snapshot),
      approvers: votes.filter((v) => v.vote === 'approve').map((v) => v.personName),
      publishedAt: now,
    });
    await tx.update(plan).set({ status: 'draft', publishedVersion: version }).where(eq(plan.id, planId));
    await publish(tx as unknown as Db, 'public.changed', { territoryId, what: 'plan.approved' });
    return { ok: true as const, value: { published: true, version } };
  });
}

export async function listVersions(db: Db, planId: string): Promise<PlanVersion[]> {
  return db.select().from(planVersion).where(eq(planVersion.planId, planId)).orderBy(desc(planVersion.number));
}
