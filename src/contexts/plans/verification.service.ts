// Verification that proves the change. A finding of a measure becomes "verified" only through a follow-up
// visit of the same service or facility after the measure's date, whose answers show the item that gave the
// finding now passing, made by another auditor than the one who reported it, recorded by one coordinator and
// validated by another (who did not propose the finding either). Anything else leaves it "not yet solved".
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { changeFindingStatus, checkFollowUp, findingsByIds, type Finding } from '../audits/findings/finding.service.ts';
import { visitsById } from '../audits/fieldwork/fieldwork.service.ts';
import { planVerification } from './plans.schema.ts';
import { measureWithPlan, type Measure, type Verification } from './plan.service.ts';
import { isUuid } from './plan.rules.ts';

export type FindingState = 'verified' | 'pending' | 'not-yet-solved';

/** Where each finding of a measure stands: verified only when the audits say so. */
export function findingStates(measure: Pick<Measure, 'findingIds'>, findings: Pick<Finding, 'id' | 'status'>[], verifications: Verification[]): Map<string, FindingState> {
  const states = new Map<string, FindingState>();
  for (const id of measure.findingIds) {
    const finding = findings.find((f) => f.id === id);
    if (finding?.status === 'verified') states.set(id, 'verified');
    else if (verifications.some((v) => v.findingId === id && v.status === 'pending')) states.set(id, 'pending');
    else states.set(id, 'not-yet-solved');
  }
  return states;
}

const proofFields: Record<string, string> = {
  'not-found': 'plans.verification.errors.finding',
  'not-a-later-visit': 'plans.verification.errors.visit',
  'no-item': 'plans.verification.errors.noItem',
  'same-person': 'plans.verification.errors.sameAuditor',
};

/**
 * A coordinator records a follow-up visit against a finding of a measure. A visit showing the barrier
 * still there is kept as "not yet solved"; one showing it gone waits for another coordinator.
 */
export async function recordFollowUp(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  input: { measureId: string; findingId: string; visitId: string },
): Promise<Outcome<Verification, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'plans.verification.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await measureWithPlan(db, territoryId, input.measureId);
  if (!found) return { ok: false, error: 'not-found' };
  const { measure } = found;
  if (!measure.findingIds.includes(input.findingId)) return { ok: false, error: 'invalid', fields: { findingId: 'plans.verification.errors.finding' } };
  const visitId = input.visitId.trim();
  const [visit] = isUuid(visitId) ? await visitsById(db, territoryId, [visitId]) : [];
  if (!visit) return { ok: false, error: 'invalid', fields: { visitId: 'plans.verification.errors.visit' } };
  // After the measure's date: a visit before the change was due proves nothing about the change.
  if (visit.scheduledOn <= measure.deadline) return { ok: false, error: 'invalid', fields: { visitId: 'plans.verification.errors.beforeMeasure' } };
  const proof = await checkFollowUp(db, territoryId, input.findingId, visit.id);
  if (proof !== 'passes' && proof !== 'still-failing') return { ok: false, error: 'invalid', fields: { visitId: proofFields[proof]! } };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planVerification)
      .values({
        measureId: measure.id,
        findingId: input.findingId,
        visitId: visit.id,
        outcome: proof === 'passes' ? 'passes' : 'fails',
        status: proof === 'passes' ? 'pending' : 'not-yet-solved',
        reason: proof === 'passes' ? null : 'plans.verification.reasons.stillFailing',
        proposedBy: actor!.personId,
      })
      .returning();
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.verification.record', recordType: 'plan_verification', recordId: row!.id, territoryId });
    return { ok: true as const, value: row! };
  });
}

/** Another coordinator validates a follow-up that shows the barrier gone: the finding becomes verified. */
export async function validateFollowUp(db: Db, actor: Actor | null, territoryId: string, verificationId: string): Promise<Outcome<Verification, 'not-found' | 'invalid' | 'same-person'>> {
  const permission = requirePermission(actor, 'plans.verification.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = isUuid(verificationId) ? await db.select().from(planVerification).where(eq(planVerification.id, verificationId)) : [];
  const found = row ? await measureWithPlan(db, territoryId, row.measureId) : null;
  if (!row || !found) return { ok: false, error: 'not-found' };
  if (row.status !== 'pending') return { ok: false, error: 'invalid', fields: { verification: 'plans.verification.errors.notPending' } };
  if (row.proposedBy === actor!.personId) return { ok: false, error: 'same-person', fields: { verification: 'plans.verification.errors.samePerson' } };
  const [finding] = await findingsByIds(db, territoryId, [row.findingId]);
  if (!finding) return { ok: false, error: 'not-found' };
  if (finding.proposedBy === actor!.personId) return { ok: false, error: 'same-person', fields: { verification: 'plans.verification.errors.proposerOfFinding' } };
  const reason = `plans:${found.plan.slug}/${found.measure.code}`;
  if (finding.status === 'validated') {
    const addressed = await changeFindingStatus(db, actor, { territoryId, findingId: finding.id, to: 'addressed', reason });
    if (!addressed.ok) return { ok: false, error: 'invalid', fields: { verification: 'plans.verification.errors.audits' } };
  }
  const verified = await changeFindingStatus(db, actor, { territoryId, findingId: finding.id, to: 'verified', reason, verifiedByVisitId: row.visitId });
  if (!verified.ok) return { ok: false, error: 'invalid', fields: { verification: verified.fields?.verifiedByVisitId ?? verified.fields?.to ?? 'plans.verification.errors.audits' } };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .update(planVerification)
      .set({ status: 'verified', validatedBy: actor!.personId })
      .where(and(eq(planVerification.id, row.id), eq(planVerification.status, 'pending')))
      .returning();
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.verification.validate', recordType: 'plan_verification', recordId: row.id, territoryId });
    return { ok: true as const, value: saved ?? row };
  });
}

/** The plan and measure a follow-up belongs to, to go back to its page. */
export async function followUpPlace(db: Db, territoryId: string, verificationId: string): Promise<{ planSlug: string; measureId: string } | null> {
  const [row] = isUuid(verificationId) ? await db.select({ measureId: planVerification.measureId }).from(planVerification).where(eq(planVerification.id, verificationId)) : [];
  const found = row ? await measureWithPlan(db, territoryId, row.measureId) : null;
  return found ? { planSlug: found.plan.slug, measureId: found.measure.id } : null;
}
