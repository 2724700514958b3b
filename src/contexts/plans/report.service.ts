// The yearly follow-up report of a plan: what was planned, done and dropped (with reasons), the indicators
// with their measurements and the tracker, as they stood at the end of the year. Sent to the body that
// approves the plan, approved by the same recorded vote; the words are frozen when sent, never changed after.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { renderPdfOnce } from '../../platform/pdf/pdf.ts';
import { isApproved } from '../diagnosis/diagnosis.service.ts';
import { planReport, planReportPdf, planReportVote, type PlanReportContent } from './plans.schema.ts';
import { findPlanById, type Plan } from './plan.service.ts';
import { votingRole } from './approval.service.ts';
import { publicPlan } from './public.service.ts';

export type PlanReport = typeof planReport.$inferSelect;
export type PlanReportVote = typeof planReportVote.$inferSelect;

/** The years a plan can report on: from the start of its period to the end of it, never a year not yet begun. */
export function reportableYears(row: Pick<Plan, 'periodFrom' | 'periodTo'>, now = new Date()): number[] {
  const from = Number(row.periodFrom.slice(0, 4));
  const to = Math.min(Number(row.periodTo.slice(0, 4)), now.getUTCFullYear());
  const years: number[] = [];
  for (let y = from; y <= to; y++) years.push(y);
  return years;
}

/** The report's words: the published plan as it stood on 31 December of the year (or today, if sooner). */
export async function reportContent(db: Db, row: Plan, year: number, now = new Date()): Promise<PlanReportContent | null> {
  const yearEnd = `${year}-12-31`;
  const today = now.toISOString().slice(0, 10);
  const until = yearEnd < today ? yearEnd : today;
  const page = await publicPlan(db, row.territoryId, row.slug, new Date(`${until}T23:59:59Z`));
  if (!page) return null;
  return {
    title: page.version.snapshot.title,
    periodFrom: page.version.snapshot.periodFrom,
    periodTo: page.version.snapshot.periodTo,
    version: page.version.number,
    until,
    goals: page.goals,
    measures: page.measures,
    indicators: page.indicators.map((i) => ({ ...i, points: i.points.filter((p) => p.date <= until) })),
    tracker: page.tracker,
  };
}

export async function reportsOf(db: Db, planId: string): Promise<PlanReport[]> {
  return db.select().from(planReport).where(eq(planReport.planId, planId)).orderBy(desc(planReport.year));
}

export async function findReport(db: Db, planId: string, year: number): Promise<PlanReport | null> {
  const [row] = await db.select().from(planReport).where(and(eq(planReport.planId, planId), eq(planReport.year, year)));
  return row ?? null;
}

export async function reportVotes(db: Db, reportId: string): Promise<PlanReportVote[]> {
  return db.select().from(planReportVote).where(eq(planReportVote.reportId, reportId)).orderBy(asc(planReportVote.createdAt));
}

/**
 * Send (or send again, while it is not approved) the report of one year to the body that approves the plan.
 * Sending again writes the words anew and clears the votes: the board votes on what it reads.
 */
export async function submitReport(db: Db, actor: Actor | null, territoryId: string, planId: string, yearText: string, now = new Date()): Promise<Outcome<PlanReport, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'plans.plan.submit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findPlanById(db, territoryId, planId);
  if (!row) return { ok: false, error: 'not-found' };
  if (row.publishedVersion === 0) return { ok: false, error: 'invalid', fields: { year: 'plans.report.errors.unpublished' } };
  const year = /^\d{4}$/.test(yearText.trim()) ? Number(yearText.trim()) : NaN;
  if (!reportableYears(row, now).includes(year)) return { ok: false, error: 'invalid', fields: { year: 'plans.report.errors.year' } };
  const existing = await findReport(db, row.id, year);
  if (existing?.status === 'approved') return { ok: false, error: 'invalid', fields: { year: 'plans.report.errors.approved' } };
  const content = await reportContent(db, row, year, now);
  if (!content) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(planReport)
      .values({ planId: row.id, year, content, submittedBy: actor!.personId, submittedAt: now })
      .onConflictDoUpdate({ target: [planReport.planId, planReport.year], set: { content, submittedBy: actor!.personId, submittedAt: now } })
      .returning();
    await tx.delete(planReportVote).where(eq(planReportVote.reportId, saved!.id));
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.report.submit', recordType: 'plan_report', recordId: saved!.id, territoryId });
    return { ok: true as const, value: saved! };
  });
}

/** One member's recorded vote on a report in review; the vote that makes it approved closes it. */
export async function voteReport(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  year: number,
  vote: string,
  /** When the vote is cast (the demo's history dates it; people's votes are now). */
  now = new Date(),
): Promise<Outcome<{ approved: boolean }, 'not-found' | 'invalid' | 'closed'>> {
  const permission = requirePermission(actor, 'plans.plan.vote', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (vote !== 'approve' && vote !== 'reject') return { ok: false, error: 'invalid', fields: { vote: 'plans.approval.errors.vote' } };
  const row = await findPlanById(db, territoryId, planId);
  if (!row) return { ok: false, error: 'not-found' };
  const role = votingRole(row);
  if (!actor!.grants.some((g) => g.role === role && (g.scope.kind === 'platform' || g.scope.id === territoryId))) return { ok: false, error: 'forbidden' };
  const report = await findReport(db, row.id, year);
  if (!report) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(planReport).where(eq(planReport.id, report.id)).for('update');
    if (!target || target.status !== 'review') return { ok: false as const, error: 'closed' as const, fields: { vote: 'plans.approval.errors.closed' } };
    await tx
      .insert(planReportVote)
      .values({ reportId: target.id, personId: actor!.personId, personName: actor!.displayName, vote, createdAt: now })
      .onConflictDoUpdate({ target: [planReportVote.reportId, planReportVote.personId], set: { vote, personName: actor!.displayName, createdAt: now } });
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: `plans.report.vote.${vote}`, recordType: 'plan_report', recordId: target.id, territoryId });
    const votes = await tx.select().from(planReportVote).where(eq(planReportVote.reportId, target.id));
    if (!isApproved(votes)) return { ok: true as const, value: { approved: false } };
    await tx
      .update(planReport)
      .set({ status: 'approved', approvedAt: now, approvers: votes.filter((v) => v.vote === 'approve').map((v) => v.personName) })
      .where(eq(planReport.id, target.id));
    return { ok: true as const, value: { approved: true } };
  });
}

/** Approved reports of a territory's published plan, for its public page. */
export async function approvedReports(db: Db, planId: string): Promise<PlanReport[]> {
  return db.select().from(planReport).where(and(eq(planReport.planId, planId), eq(planReport.status, 'approved'))).orderBy(desc(planReport.year));
}

/** The stored PDF of an approved report, or one rendered now from its page (once) and stored. */
export async function reportPdf(db: Db, report: PlanReport, locale: string, render: () => Promise<{ html: string; path: string }>): Promise<Buffer> {
  const [stored] = await db.select().from(planReportPdf).where(and(eq(planReportPdf.reportId, report.id), eq(planReportPdf.locale, locale)));
  if (stored) return stored.pdf;
  return renderPdfOnce(`plan-report|${report.id}|${locale}`, render, (pdf) => db.insert(planReportPdf).values({ reportId: report.id, locale, pdf }).onConflictDoNothing());
}
