// Co-production of a draft plan: member organisations of the territory propose measures and comment on the
// draft's measures, linked to the Agreement's challenges they answer; staff accept a proposal into the draft
// (it becomes a measure, the organisation co-responsible) or decline it with a reason.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { organisationsByIds, organisationsOf, type Organisation } from '../agreement/organisations/organisation.service.ts';
import { isMember } from '../agreement/adhesion/adhesion.service.ts';
import { listChallenges } from '../agreement/challenges/challenge.service.ts';
import { planContribution, planGoal, planMeasure } from './plans.schema.ts';
import { findPlan, findPlanById, saveMeasure, type Plan } from './plan.service.ts';
import { isUuid } from './plan.rules.ts';

export type Contribution = typeof planContribution.$inferSelect;
export type ContributionRow = Contribution & { organisationName: string };

const roles = ['organisation-admin', 'organisation-member'] as const;

export interface DraftForOrganisations {
  plan: Plan;
  /** The actor's organisations that are members of the territory's Agreement. */
  organisations: Organisation[];
  goals: { id: string; code: string; title: Partial<Record<string, string>> }[];
  measures: { id: string; code: string; title: Partial<Record<string, string>>; goalId: string }[];
  challenges: { id: string; title: string }[];
  /** What the actor's organisations sent, with the outcome. */
  mine: ContributionRow[];
}

async function memberOrganisations(db: Db, actor: Actor | null, territoryId: string): Promise<Organisation[]> {
  const orgs = await organisationsOf(db, actor, roles);
  const members: Organisation[] = [];
  for (const o of orgs) if (await isMember(db, o.id, territoryId)) members.push(o);
  return members;
}

async function withNames(db: Db, rows: Contribution[]): Promise<ContributionRow[]> {
  const names = new Map((await organisationsByIds(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  return rows.map((r) => ({ ...r, organisationName: names.get(r.organisationId) ?? '' }));
}

/** The draft as member organisations see it: only to people of a member organisation of the territory. */
export async function draftForOrganisations(db: Db, actor: Actor | null, territoryId: string, slug: string): Promise<Outcome<DraftForOrganisations, 'not-found'>> {
  if (!actor) return { ok: false, error: 'signed-out' };
  const row = await findPlan(db, territoryId, slug);
  if (!row) return { ok: false, error: 'not-found' };
  const organisations = await memberOrganisations(db, actor, territoryId);
  if (organisations.length === 0) return { ok: false, error: 'forbidden' };
  const goals = await db.select().from(planGoal).where(eq(planGoal.planId, row.id)).orderBy(asc(planGoal.position));
  const measures = await db.select().from(planMeasure).where(eq(planMeasure.planId, row.id)).orderBy(asc(planMeasure.position));
  const challenges = (await listChallenges(db, territoryId)).map((c) => ({ id: c.id, title: c.title }));
  const mine = await db
    .select()
    .from(planContribution)
    .where(and(eq(planContribution.planId, row.id), inArray(planContribution.organisationId, organisations.map((o) => o.id))))
    .orderBy(asc(planContribution.createdAt));
  return {
    ok: true,
    value: {
      plan: row,
      organisations,
      goals: goals.map((g) => ({ id: g.id, code: g.code, title: g.title })),
      measures: measures.map((m) => ({ id: m.id, code: m.code, title: m.title, goalId: m.goalId })),
      challenges,
      mine: await withNames(db, mine),
    },
  };
}

export interface ContributionInput {
  kind: 'proposal' | 'comment';
  organisationId: string;
  goalId: string;
  measureId: string;
  title: string;
  body: string;
  challengeIds: string[];
}

/** A proposal or a comment from one of the actor's member organisations, while the plan is a draft. */
export async function contribute(db: Db, actor: Actor | null, territoryId: string, slug: string, input: ContributionInput): Promise<Outcome<Contribution, 'not-found' | 'invalid'>> {
  const draft = await draftForOrganisations(db, actor, territoryId, slug);
  if (!draft.ok) return draft;
  const { plan, organisations, goals, measures, challenges } = draft.value;
  const fields: Record<string, string> = {};
  // A comment's form is one per measure: its fields are named after the measure.
  const key = (name: string) => (input.kind === 'comment' ? `${name}-${input.measureId}` : name);
  const org = organisations.find((o) => o.id === input.organisationId);
  if (!org) fields[key('organisationId')] = 'plans.contribution.errors.organisation';
  else if (!requirePermission(actor, 'plans.contribution.make', { organisationId: org.id }).ok) return { ok: false, error: 'forbidden' };
  if (plan.status === 'review') fields[key('body')] = 'plans.contribution.errors.inReview';
  if (input.kind === 'comment' && !measures.some((m) => m.id === input.measureId)) return { ok: false, error: 'not-found' };
  const body = input.body.trim();
  if (!body) fields[key('body')] = 'plans.contribution.errors.body';
  else if (body.length > 8000) fields[key('body')] = 'platform.validation.tooLong';
  const known = new Set(challenges.map((c) => c.id));
  const challengeIds = [...new Set(input.challengeIds)].filter((id) => isUuid(id) && known.has(id));
  if (challengeIds.length !== new Set(input.challengeIds).size) fields[key('challengeIds')] = 'plans.contribution.errors.challenges';
  if (input.kind === 'proposal') {
    const title = input.title.trim();
    if (!title) fields.title = 'plans.contribution.errors.title';
    else if (title.length > 300) fields.title = 'platform.validation.tooLong';
    if (!goals.some((g) => g.id === input.goalId)) fields.goalId = 'plans.contribution.errors.goal';
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(planContribution)
      .values({
        planId: plan.id,
        organisationId: org!.id,
        kind: input.kind,
        goalId: input.kind === 'proposal' ? input.goalId : null,
        measureId: input.kind === 'comment' ? input.measureId : null,
        title: input.kind === 'proposal' ? input.title.trim() : '',
        body,
        challengeIds,
        createdBy: actor!.personId,
      })
      .returning();
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: `plans.contribution.${input.kind}`, recordType: 'plan_contribution', recordId: saved!.id, territoryId });
    return { ok: true as const, value: saved! };
  });
}

/** Everything organisations sent for a plan, for the staff who draft it. */
export async function contributionsOf(db: Db, actor: Actor | null, territoryId: string, planId: string): Promise<Outcome<ContributionRow[]>> {
  const allowed = requirePermission(actor, 'plans.plan.view', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const rows = await db.select().from(planContribution).where(eq(planContribution.planId, planId)).orderBy(asc(planContribution.createdAt));
  return { ok: true, value: await withNames(db, rows) };
}

async function openProposal(db: Db, territoryId: string, planId: string, id: string): Promise<{ plan: Plan; row: Contribution } | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(planContribution).where(and(eq(planContribution.id, id), eq(planContribution.planId, planId), eq(planContribution.kind, 'proposal')));
  if (!row) return null;
  const found = await findPlanById(db, territoryId, planId);
  return found ? { plan: found, row } : null;
}

/** Accept a proposal into the draft: it becomes a measure (the organisation co-responsible, its challenges kept). */
export async function acceptProposal(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  id: string,
  input: { code: string; departmentId: string; owner: string; deadline: string },
): Promise<Outcome<{ measureId: string }, 'not-found' | 'invalid' | 'in-review'>> {
  const allowed = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await openProposal(db, territoryId, planId, id);
  if (!found) return { ok: false, error: 'not-found' };
  const { row } = found;
  if (row.status !== 'open') return { ok: false, error: 'invalid', fields: { [`code-${id}`]: 'plans.contribution.errors.answered' } };
  const saved = await saveMeasure(db, actor, territoryId, planId, null, {
    goalId: row.goalId ?? '',
    code: input.code,
    title: row.title,
    description: row.body,
    departmentId: input.departmentId,
    owner: input.owner,
    organisationIds: [row.organisationId],
    challengeIds: row.challengeIds,
    startsOn: '',
    deadline: input.deadline,
    status: 'planned',
    droppedReason: '',
    progress: '',
  });
  if (!saved.ok) {
    if (saved.error !== 'invalid') return { ok: false, error: saved.error };
    // The measure's own field errors, named for this proposal's form.
    return { ok: false, error: 'invalid', fields: Object.fromEntries(Object.entries(saved.fields ?? {}).map(([k, v]) => [`${k}-${id}`, v])) };
  }
  await db.transaction(async (tx) => {
    await tx.update(planContribution).set({ status: 'accepted', acceptedMeasureId: saved.value.id, answeredBy: actor!.personId, answeredAt: new Date() }).where(eq(planContribution.id, id));
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.contribution.accept', recordType: 'plan_contribution', recordId: id, territoryId });
  });
  return { ok: true, value: { measureId: saved.value.id } };
}

export async function declineProposal(db: Db, actor: Actor | null, territoryId: string, planId: string, id: string, reason: string): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const allowed = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const found = await openProposal(db, territoryId, planId, id);
  if (!found) return { ok: false, error: 'not-found' };
  if (found.row.status !== 'open') return { ok: false, error: 'invalid', fields: { [`reason-${id}`]: 'plans.contribution.errors.answered' } };
  const text = reason.trim();
  if (!text) return { ok: false, error: 'invalid', fields: { [`reason-${id}`]: 'plans.contribution.errors.reason' } };
  if (text.length > 2000) return { ok: false, error: 'invalid', fields: { [`reason-${id}`]: 'platform.validation.tooLong' } };
  await db.transaction(async (tx) => {
    await tx.update(planContribution).set({ status: 'declined', declineReason: text, answeredBy: actor!.personId, answeredAt: new Date() }).where(eq(planContribution.id, id));
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.contribution.decline', recordType: 'plan_contribution', recordId: id, territoryId });
  });
  return { ok: true, value: null };
}
