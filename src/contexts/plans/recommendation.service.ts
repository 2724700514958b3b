// From findings to measures: a coordinator recommends a change to a service, from validated findings of the
// published diagnosis; the service's manager accepts it (planned date and owner) or declines it (reason).
// An accepted recommendation becomes a measure of the plan, linked back to its findings.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { findService } from '../catalogue/catalogue.service.ts';
import { findingsByIds, listFindings, type Finding } from '../audits/findings/finding.service.ts';
import { managedServices } from '../catalogue/service-manager.service.ts';
import { listPublished } from '../diagnosis/diagnosis.service.ts';
import { planGoal, planMeasure, planRecommendation } from './plans.schema.ts';
import { findPlanById } from './plan.service.ts';
import { inPeriod, isDate, isUuid } from './plan.rules.ts';

export type Recommendation = typeof planRecommendation.$inferSelect;

const answerable: readonly Finding['status'][] = ['validated', 'addressed'];

/** Validated findings a coordinator may turn into recommendations, and the diagnosis they were published in. */
export async function recommendationCandidates(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<{ findings: Finding[]; diagnosisNumber: number | null }>> {
  const permission = requirePermission(actor, 'plans.recommendation.propose', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const listed = await listFindings(db, actor, territoryId);
  if (!listed.ok) return listed;
  const published = await listPublished(db, territoryId);
  return { ok: true, value: { findings: listed.value.filter((f) => answerable.includes(f.status)), diagnosisNumber: published[0]?.number ?? null } };
}

export async function proposeRecommendation(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  input: { planId: string; goalId: string; findingIds: string[]; body: string },
): Promise<Outcome<Recommendation, 'invalid'>> {
  const permission = requirePermission(actor, 'plans.recommendation.propose', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  const target = await findPlanById(db, territoryId, input.planId);
  if (!target) fields.planId = 'plans.recommendation.errors.plan';
  const [goal] = target && isUuid(input.goalId) ? await db.select().from(planGoal).where(and(eq(planGoal.id, input.goalId), eq(planGoal.planId, target.id))) : [];
  if (!goal) fields.goalId = 'plans.recommendation.errors.goal';
  const findings = await findingsByIds(db, territoryId, input.findingIds);
  if (findings.length === 0 || findings.length !== new Set(input.findingIds).size || findings.some((f) => !answerable.includes(f.status))) fields.findingIds = 'plans.recommendation.errors.findings';
  else if (new Set(findings.map((f) => f.serviceId)).size > 1) fields.findingIds = 'plans.recommendation.errors.oneService';
  const body = input.body.trim();
  if (!body) fields.body = 'plans.recommendation.errors.body';
  else if (body.length > 4000) fields.body = 'plans.recommendation.errors.bodyLong';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const published = await listPublished(db, territoryId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planRecommendation)
      .values({ territoryId, planId: target!.id, goalId: goal!.id, serviceId: findings[0]!.serviceId, findingIds: findings.map((f) => f.id), diagnosisNumber: published[0]?.number ?? null, body, proposedBy: actor!.personId })
      .returning();
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.recommendation.propose', recordType: 'plan_recommendation', recordId: row!.id, territoryId });
    return { ok: true as const, value: row! };
  });
}

/** Coordinators see every recommendation; a service manager those to the services they manage. */
export async function listRecommendations(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<{ rows: Recommendation[]; mayAnswer: Set<string> }>> {
  const permission = requirePermission(actor, 'plans.plan.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const all = requirePermission(actor, 'plans.recommendation.propose', { territoryId }).ok;
  const managed = await managedServices(db, territoryId, actor!.personId);
  const mayAnswer = new Set(requirePermission(actor, 'plans.recommendation.answer', { territoryId }).ok ? managed : []);
  const where = all ? eq(planRecommendation.territoryId, territoryId) : managed.length ? and(eq(planRecommendation.territoryId, territoryId), inArray(planRecommendation.serviceId, managed)) : null;
  const rows = where ? await db.select().from(planRecommendation).where(where).orderBy(desc(planRecommendation.createdAt)) : [];
  return { ok: true, value: { rows, mayAnswer } };
}

export interface AnswerInput {
  decision: string;
  plannedOn: string;
  owner: string;
  reason: string;
}

export async function answerRecommendation(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  recommendationId: string,
  input: AnswerInput,
): Promise<Outcome<Recommendation, 'not-found' | 'invalid' | 'answered'>> {
  const permission = requirePermission(actor, 'plans.recommendation.answer', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [current] = isUuid(recommendationId) ? await db.select().from(planRecommendation).where(and(eq(planRecommendation.id, recommendationId), eq(planRecommendation.territoryId, territoryId))) : [];
  // Another service's recommendation does not exist for this manager.
  if (!current || !(await managedServices(db, territoryId, actor!.personId)).includes(current.serviceId)) return { ok: false, error: 'not-found' };
  if (current.status !== 'open') return { ok: false, error: 'answered', fields: { decision: 'plans.recommendation.errors.answered' } };
  const target = (await findPlanById(db, territoryId, current.planId))!;
  const fields: Record<string, string> = {};
  if (input.decision !== 'accept' && input.decision !== 'decline') fields.decision = 'plans.recommendation.errors.decision';
  if (input.decision === 'accept') {
    if (!input.plannedOn.trim()) fields.plannedOn = 'plans.recommendation.errors.plannedOn';
    else if (!isDate(input.plannedOn.trim())) fields.plannedOn = 'plans.measure.errors.date';
    else if (!inPeriod(input.plannedOn.trim(), target)) fields.plannedOn = 'plans.measure.errors.outsidePeriod';
    if (!input.owner.trim()) fields.owner = 'plans.recommendation.errors.owner';
  }
  if (input.decision === 'decline' && !input.reason.trim()) fields.reason = 'plans.recommendation.errors.reason';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const service = await findService(db, territoryId, current.serviceId);
  return db.transaction(async (tx) => {
    // The row lock makes two answers arriving together count one after the other.
    const [locked] = await tx.select({ status: planRecommendation.status }).from(planRecommendation).where(eq(planRecommendation.id, current.id)).for('update');
    if (locked?.status !== 'open') return { ok: false as const, error: 'answered' as const, fields: { decision: 'plans.recommendation.errors.answered' } };
    let measureId: string | null = null;
    if (input.decision === 'accept') {
      const count = (await tx.select({ id: planMeasure.id }).from(planMeasure).where(eq(planMeasure.planId, target.id))).length;
      const [measure] = await tx
        .insert(planMeasure)
        .values({
          planId: target.id,
          goalId: current.goalId,
          code: `R${count + 1}`,
          title: { [actor!.locale]: current.body.split('\n')[0]!.slice(0, 500) },
          description: { [actor!.locale]: current.body },
          departmentId: service!.departmentId,
          owner: input.owner.trim().slice(0, 300),
          findingIds: current.findingIds,
          deadline: input.plannedOn.trim(),
          position: count,
        })
        .returning();
      measureId = measure!.id;
    }
    const [row] = await tx
      .update(planRecommendation)
      .set(
        input.decision === 'accept'
          ? { status: 'accepted', plannedOn: input.plannedOn.trim(), owner: input.owner.trim().slice(0, 300), measureId, answeredBy: actor!.personId, answeredAt: new Date() }
          : { status: 'declined', declineReason: input.reason.trim().slice(0, 2000), answeredBy: actor!.personId, answeredAt: new Date() },
      )
      .where(eq(planRecommendation.id, current.id))
      .returning();
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: `plans.recommendation.${input.decision}`, recordType: 'plan_recommendation', recordId: row!.id, territoryId });
    return { ok: true as const, value: row! };
  });
}
