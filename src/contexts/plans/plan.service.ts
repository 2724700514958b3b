// Plans: drafted by staff, with goals, measures (responsible department, co-responsible organisations,
// deadline, status, progress), actions, indicators and their measurements. Every change is checked
// against the plan's period and written to the access log.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { catalogueOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { listChallenges } from '../agreement/challenges/challenge.service.ts';
import { plan, planAction, planGoal, planIndicator, planMeasure, planMeasurement, planVerification, type Translated } from './plans.schema.ts';
import { isUuid, measureProgress, validateIndicator, validateMeasure, validateMeasurement, validatePlan, type IndicatorInput, type MeasureInput, type PlanInput } from './plan.rules.ts';

export type Plan = typeof plan.$inferSelect;
export type Goal = typeof planGoal.$inferSelect;
export type Measure = typeof planMeasure.$inferSelect;
export type Action = typeof planAction.$inferSelect;
export type Indicator = typeof planIndicator.$inferSelect;
export type Measurement = typeof planMeasurement.$inferSelect;
export type Verification = typeof planVerification.$inferSelect;

/** The text in the reader's language, or the first one written. */
export function textIn(text: Translated, locale: string): string {
  return text[locale] ?? Object.values(text).find((v) => v) ?? '';
}

function withText(existing: Translated, locale: string, value: string): Translated {
  return { ...existing, [locale]: value };
}

/** A privileged change, in the platform's hash-chained log (the transaction's last step). */
async function logChange(db: Db, actor: Actor, action: string, recordType: string, recordId: string, territoryId: string, reason?: string) {
  await recordAccess(db, { actorId: actor.personId, action, recordType, recordId, territoryId, reason: reason ?? null });
}

export async function findPlan(db: Db, territoryId: string, slug: string): Promise<Plan | null> {
  const [row] = await db.select().from(plan).where(and(eq(plan.territoryId, territoryId), eq(plan.slug, slug)));
  return row ?? null;
}

export async function findPlanById(db: Db, territoryId: string, id: string): Promise<Plan | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(plan).where(and(eq(plan.territoryId, territoryId), eq(plan.id, id)));
  return row ?? null;
}

/** Plans with at least one published version: what the public reads. */
export async function listPublishedPlans(db: Db, territoryId: string): Promise<Plan[]> {
  const rows = await db.select().from(plan).where(eq(plan.territoryId, territoryId)).orderBy(asc(plan.periodFrom));
  return rows.filter((p) => p.publishedVersion > 0);
}

export async function listPlans(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<Plan[]>> {
  const permission = requirePermission(actor, 'plans.plan.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  return { ok: true, value: await db.select().from(plan).where(eq(plan.territoryId, territoryId)).orderBy(asc(plan.periodFrom)) };
}

function slugOf(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return base || 'plan';
}

export async function createPlan(db: Db, actor: Actor | null, territoryId: string, input: PlanInput): Promise<Outcome<Plan, 'invalid'>> {
  const permission = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields = validatePlan(input);
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    let slug = slugOf(input.title);
    for (let n = 2; await findPlan(tx as unknown as Db, territoryId, slug); n++) slug = `${slugOf(input.title)}-${n}`;
    const [row] = await tx
      .insert(plan)
      .values({
        territoryId,
        slug,
        kind: input.kind as Plan['kind'],
        title: { [actor!.locale]: input.title.trim() },
        summary: input.summary.trim() ? { [actor!.locale]: input.summary.trim().slice(0, 5000) } : {},
        periodFrom: input.periodFrom,
        periodTo: input.periodTo,
        approvedBy: input.approvedBy as Plan['approvedBy'],
        createdBy: actor!.personId,
      })
      .returning();
    await logChange(tx as unknown as Db, actor!, 'plans.plan.create', 'plan', row!.id, territoryId);
    return { ok: true as const, value: row! };
  });
}

export interface MeasureView extends Measure {
  actions: Action[];
  verifications: Verification[];
  /** Percent, or null for a dropped measure. */
  percent: number | null;
}

export interface PlanDetail {
  plan: Plan;
  goals: Goal[];
  measures: MeasureView[];
  indicators: (Indicator & { measurements: Measurement[] })[];
}

async function detailOf(db: Db, row: Plan): Promise<PlanDetail> {
  const goals = await db.select().from(planGoal).where(eq(planGoal.planId, row.id)).orderBy(asc(planGoal.position), asc(planGoal.code));
  const measures = await db.select().from(planMeasure).where(eq(planMeasure.planId, row.id)).orderBy(asc(planMeasure.position), asc(planMeasure.code));
  const ids = measures.map((m) => m.id);
  const actions = ids.length ? await db.select().from(planAction).where(inArray(planAction.measureId, ids)).orderBy(asc(planAction.position)) : [];
  const verifications = ids.length ? await db.select().from(planVerification).where(inArray(planVerification.measureId, ids)).orderBy(asc(planVerification.createdAt)) : [];
  const indicators = await db.select().from(planIndicator).where(eq(planIndicator.planId, row.id)).orderBy(asc(planIndicator.position));
  const indicatorIds = indicators.map((i) => i.id);
  const measurements = indicatorIds.length ? await db.select().from(planMeasurement).where(inArray(planMeasurement.indicatorId, indicatorIds)).orderBy(asc(planMeasurement.measuredOn)) : [];
  return {
    plan: row,
    goals,
    measures: measures.map((m) => {
      const own = actions.filter((a) => a.measureId === m.id);
      return { ...m, actions: own, verifications: verifications.filter((v) => v.measureId === m.id), percent: measureProgress(m, own) };
    }),
    indicators: indicators.map((i) => ({ ...i, measurements: measurements.filter((x) => x.indicatorId === i.id) })),
  };
}

/** The live plan for the public (only once a version is published). */
export async function publicPlanDetail(db: Db, territoryId: string, slug: string): Promise<PlanDetail | null> {
  const row = await findPlan(db, territoryId, slug);
  if (!row || row.publishedVersion === 0) return null;
  return detailOf(db, row);
}

export async function planDetail(db: Db, actor: Actor | null, territoryId: string, slug: string): Promise<Outcome<PlanDetail, 'not-found'>> {
  const permission = requirePermission(actor, 'plans.plan.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findPlan(db, territoryId, slug);
  if (!row) return { ok: false, error: 'not-found' };
  return { ok: true, value: await detailOf(db, row) };
}

/** Plans in review are frozen: what the board votes on is what it read. */
async function editablePlan(db: Db, actor: Actor | null, territoryId: string, planId: string): Promise<Outcome<Plan, 'not-found' | 'in-review'>> {
  const permission = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findPlanById(db, territoryId, planId);
  if (!row) return { ok: false, error: 'not-found' };
  if (row.status === 'review') return { ok: false, error: 'in-review', fields: { plan: 'plans.plan.errors.inReview' } };
  return { ok: true, value: row };
}

export async function addGoal(db: Db, actor: Actor | null, territoryId: string, planId: string, input: { code: string; title: string }): Promise<Outcome<Goal, 'not-found' | 'in-review' | 'invalid'>> {
  const editable = await editablePlan(db, actor, territoryId, planId);
  if (!editable.ok) return editable;
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.goalTitle = 'plans.goal.errors.title';
  if (!input.code.trim()) fields.goalCode = 'plans.goal.errors.code';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const existing = await db.select({ id: planGoal.id }).from(planGoal).where(eq(planGoal.planId, planId));
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planGoal)
      .values({ planId, code: input.code.trim().slice(0, 20), title: { [actor!.locale]: input.title.trim().slice(0, 500) }, position: existing.length })
      .returning();
    await logChange(tx as unknown as Db, actor!, 'plans.goal.create', 'plan_goal', row!.id, territoryId);
    return { ok: true as const, value: row! };
  });
}

export interface MeasureOptions {
  departments: { id: string; name: string; nameTranslations: Partial<Record<string, string>> }[];
  organisations: { id: string; name: string }[];
  challenges: { id: string; title: string }[];
}

/** What a measure may point at: the catalogue's departments, the Agreement's members and challenges. */
export async function measureOptions(db: Db, territoryId: string): Promise<MeasureOptions> {
  const catalogue = await catalogueOf(db, territoryId);
  const members = await listMembers(db, territoryId);
  const challenges = await listChallenges(db, territoryId);
  return {
    departments: catalogue.departments.map((d) => ({ id: d.id, name: d.name, nameTranslations: d.nameTranslations })),
    organisations: members.map((m) => ({ id: m.organisationId, name: m.name })),
    challenges: challenges.map((c) => ({ id: c.id, title: c.title })),
  };
}

/** Creates a measure (measureId null) or changes one; the text is kept in the editor's language. */
export async function saveMeasure(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  measureId: string | null,
  input: MeasureInput,
  extra: { findingIds?: string[]; externalId?: string | null } = {},
): Promise<Outcome<Measure, 'not-found' | 'in-review' | 'invalid'>> {
  const editable = await editablePlan(db, actor, territoryId, planId);
  if (!editable.ok) return editable;
  const current = measureId ? await measureOf(db, planId, measureId) : null;
  if (measureId && !current) return { ok: false, error: 'not-found' };
  const goals = await db.select({ id: planGoal.id }).from(planGoal).where(eq(planGoal.planId, planId));
  const options = await measureOptions(db, territoryId);
  const checked = validateMeasure(input, {
    period: editable.value,
    goalIds: new Set(goals.map((g) => g.id)),
    departmentIds: new Set(options.departments.map((d) => d.id)),
    organisationIds: new Set(options.organisations.map((o) => o.id)),
    challengeIds: new Set(options.challenges.map((c) => c.id)),
  });
  if (!checked.ok) return { ok: false, error: 'invalid', fields: checked.fields };
  const v = checked.value;
  const locale = actor!.locale;
  return db.transaction(async (tx) => {
    const values = {
      goalId: v.goalId,
      code: v.code,
      title: withText(current?.title ?? {}, locale, v.title),
      description: v.description ? withText(current?.description ?? {}, locale, v.description) : (current?.description ?? {}),
      departmentId: v.departmentId,
      owner: v.owner,
      organisationIds: v.organisationIds,
      challengeIds: v.challengeIds,
      startsOn: v.startsOn,
      deadline: v.deadline,
      status: v.status,
      droppedReason: v.droppedReason,
      progress: v.progress,
      ...(extra.findingIds ? { findingIds: extra.findingIds } : {}),
      ...(extra.externalId !== undefined ? { externalId: extra.externalId } : {}),
    };
    const [row] = current
      ? await tx.update(planMeasure).set(values).where(eq(planMeasure.id, current.id)).returning()
      : await tx
          .insert(planMeasure)
          .values({ planId, ...values, position: (await tx.select({ id: planMeasure.id }).from(planMeasure).where(eq(planMeasure.planId, planId))).length })
          .returning();
    await logChange(tx as unknown as Db, actor!, current ? 'plans.measure.update' : 'plans.measure.create', 'plan_measure', row!.id, territoryId);
    return { ok: true as const, value: row! };
  });
}

export async function measureOf(db: Db, planId: string, measureId: string): Promise<Measure | null> {
  if (!isUuid(measureId)) return null;
  const [row] = await db.select().from(planMeasure).where(and(eq(planMeasure.planId, planId), eq(planMeasure.id, measureId)));
  return row ?? null;
}

/** A measure and its plan, by the measure's id alone (within a territory). */
export async function measureWithPlan(db: Db, territoryId: string, measureId: string): Promise<{ measure: Measure; plan: Plan } | null> {
  if (!isUuid(measureId)) return null;
  const [row] = await db.select({ measure: planMeasure, plan }).from(planMeasure).innerJoin(plan, eq(plan.id, planMeasure.planId)).where(and(eq(planMeasure.id, measureId), eq(plan.territoryId, territoryId)));
  return row ?? null;
}

export async function addAction(db: Db, actor: Actor | null, territoryId: string, planId: string, measureId: string, title: string): Promise<Outcome<Action, 'not-found' | 'in-review' | 'invalid'>> {
  const editable = await editablePlan(db, actor, territoryId, planId);
  if (!editable.ok) return editable;
  const measure = await measureOf(db, planId, measureId);
  if (!measure) return { ok: false, error: 'not-found' };
  if (!title.trim()) return { ok: false, error: 'invalid', fields: { actionTitle: 'plans.action.errors.title' } };
  const count = (await db.select({ id: planAction.id }).from(planAction).where(eq(planAction.measureId, measureId))).length;
  const [row] = await db.insert(planAction).values({ measureId, title: { [actor!.locale]: title.trim().slice(0, 500) }, position: count }).returning();
  return { ok: true, value: row! };
}

export async function setActionDone(db: Db, actor: Actor | null, territoryId: string, planId: string, actionId: string, done: boolean): Promise<Outcome<null, 'not-found' | 'in-review'>> {
  const editable = await editablePlan(db, actor, territoryId, planId);
  if (!editable.ok) return editable;
  if (!isUuid(actionId)) return { ok: false, error: 'not-found' };
  const [row] = await db
    .select({ id: planAction.id })
    .from(planAction)
    .innerJoin(planMeasure, eq(planMeasure.id, planAction.measureId))
    .where(and(eq(planAction.id, actionId), eq(planMeasure.planId, planId)));
  if (!row) return { ok: false, error: 'not-found' };
  await db.update(planAction).set({ done }).where(eq(planAction.id, actionId));
  return { ok: true, value: null };
}

export async function addIndicator(db: Db, actor: Actor | null, territoryId: string, planId: string, input: IndicatorInput & { measureId?: string }): Promise<Outcome<Indicator, 'not-found' | 'in-review' | 'invalid'>> {
  const editable = await editablePlan(db, actor, territoryId, planId);
  if (!editable.ok) return editable;
  const services = await servicesOf(db, territoryId);
  const checked = validateIndicator(input, new Set(services.map((s) => s.id)));
  if (!checked.ok) return { ok: false, error: 'invalid', fields: checked.fields };
  const measure = input.measureId ? await measureOf(db, planId, input.measureId) : null;
  const count = (await db.select({ id: planIndicator.id }).from(planIndicator).where(eq(planIndicator.planId, planId))).length;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(planIndicator)
      .values({ planId, measureId: measure?.id ?? null, ...checked.value, name: { [actor!.locale]: checked.value.name }, position: count })
      .returning();
    await logChange(tx as unknown as Db, actor!, 'plans.indicator.create', 'plan_indicator', row!.id, territoryId);
    return { ok: true as const, value: row! };
  });
}

/** A dated measurement typed by hand; the same date again replaces the value. Allowed after publication too. */
export async function addMeasurement(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  indicatorId: string,
  input: { measuredOn: string; value: string; note: string },
): Promise<Outcome<Measurement, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findPlanById(db, territoryId, planId);
  if (!row || !isUuid(indicatorId)) return { ok: false, error: 'not-found' };
  const [indicator] = await db.select().from(planIndicator).where(and(eq(planIndicator.id, indicatorId), eq(planIndicator.planId, planId)));
  if (!indicator) return { ok: false, error: 'not-found' };
  if (indicator.computation !== 'manual') return { ok: false, error: 'invalid', fields: { measuredOn: 'plans.measurement.errors.computed' } };
  const checked = validateMeasurement(input, row);
  if (!checked.ok) return { ok: false, error: 'invalid', fields: checked.fields };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(planMeasurement)
      .values({ indicatorId, ...checked.value, note: input.note.trim().slice(0, 1000) })
      .onConflictDoUpdate({ target: [planMeasurement.indicatorId, planMeasurement.measuredOn], set: { value: checked.value.value, note: input.note.trim().slice(0, 1000) } })
      .returning();
    await logChange(tx as unknown as Db, actor!, 'plans.measurement.save', 'plan_measurement', saved!.id, territoryId);
    return { ok: true as const, value: saved! };
  });
}
