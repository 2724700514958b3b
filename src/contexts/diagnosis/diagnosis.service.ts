// Diagnoses: prepared by a coordinator for a period, reviewed and voted on by the coexistence board,
// published (immutable) when approved. Also the explorer of live figures, public or exact.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { findTerritory, findTerritoryById, type Territory } from '../territories/territory.service.ts';
import { publish } from '../../platform/events.ts';
import { diagnosis, diagnosisComment, diagnosisVote } from './diagnosis.schema.ts';
import { computeSnapshot, explorerTable, granularities, monthIndex, monthOf, type ExplorerQuery, type Granularity } from './diagnosis.figures.ts';
import { exactTable, type PublishedTable } from './suppression.ts';
import type { AccessLogger } from './access-log.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { invalidatePublicPages } from './diagnosis.cache.ts';
import type { PersonalDataProvider } from '../identity/data-rights.service.ts';

export type Diagnosis = typeof diagnosis.$inferSelect;
export type Vote = typeof diagnosisVote.$inferSelect;
export type Comment = typeof diagnosisComment.$inferSelect;

/**
 * The board's decision rule (documented default; territories have no setting for it yet):
 * a diagnosis is approved when at least two board members approve it and approvals are more than
 * half of the votes cast. The vote that reaches it publishes the diagnosis.
 */
export const approvalRule = { minApprovals: 2 } as const;

export function isApproved(votes: Pick<Vote, 'vote'>[]): boolean {
  const approvals = votes.filter((v) => v.vote === 'approve').length;
  return approvals >= approvalRule.minApprovals && approvals * 2 > votes.length;
}

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function territoryBySlug(db: Db, slug: string): Promise<Territory | null> {
  return findTerritory(db, slug);
}

export interface PublishedSummary {
  id: string;
  number: number;
  title: string;
  periodFrom: string;
  periodTo: string;
  publishedAt: Date;
}

export async function listPublished(db: Db, territoryId: string): Promise<PublishedSummary[]> {
  const rows = await db
    .select({ id: diagnosis.id, number: diagnosis.number, title: diagnosis.title, periodFrom: diagnosis.periodFrom, periodTo: diagnosis.periodTo, publishedAt: diagnosis.publishedAt })
    .from(diagnosis)
    .where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.status, 'published')))
    .orderBy(desc(diagnosis.number));
  return rows.map((r) => ({ ...r, number: r.number!, publishedAt: r.publishedAt! }));
}

export async function findPublished(db: Db, territoryId: string, number: number): Promise<Diagnosis | null> {
  const [row] = await db
    .select()
    .from(diagnosis)
    .where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.status, 'published'), eq(diagnosis.number, number)));
  return row ?? null;
}

export interface PrepareInput {
  title: string;
  analysis: string;
  from: string;
  to: string;
  granularity: string;
}

export async function prepareDiagnosis(db: Db, actor: Actor | null, territory: Territory, input: PrepareInput): Promise<Outcome<Diagnosis, 'invalid'>> {
  const permission = requirePermission(actor, 'diagnosis.draft.prepare', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  const analysis = input.analysis.trim();
  if (!title) fields.title = 'diagnosis.prepare.errors.title';
  else if (title.length > 200) fields.title = 'diagnosis.prepare.errors.titleLong';
  if (!analysis) fields.analysis = 'diagnosis.prepare.errors.analysis';
  else if (analysis.length > 20000) fields.analysis = 'diagnosis.prepare.errors.analysisLong';
  if (!monthPattern.test(input.from)) fields.from = 'diagnosis.prepare.errors.month';
  if (!monthPattern.test(input.to)) fields.to = 'diagnosis.prepare.errors.month';
  else if (!fields.from && monthIndex(input.to) < monthIndex(input.from)) fields.to = 'diagnosis.prepare.errors.order';
  else if (!fields.from && monthIndex(input.to) - monthIndex(input.from) >= 120) fields.to = 'diagnosis.prepare.errors.tooLong';
  if (!(granularities as readonly string[]).includes(input.granularity)) fields.granularity = 'diagnosis.prepare.errors.granularity';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const period = { from: input.from, to: input.to, granularity: input.granularity as Granularity };
  // The figures are read first, then stored in one statement: nothing to roll back in between.
  const snapshot = await computeSnapshot(db, territory, period, false);
  // Nothing is stored for publication that the attacker's audit did not pass.
  if (snapshot.audit && !snapshot.audit.ok) return { ok: false, error: 'invalid', fields: { from: 'diagnosis.prepare.errors.disclosure' } };
  const [row] = await db
    .insert(diagnosis)
    .values({
      territoryId: territory.id,
      title,
      analysis,
      periodFrom: `${period.from}-01`,
      periodTo: `${period.to}-01`,
      granularity: period.granularity,
      snapshot,
      preparedBy: actor!.personId,
      preparedByName: actor!.displayName,
    })
    .returning();
  // The board is asked to vote (through the notifications context).
  await publish(db, 'diagnosis.review.requested', { territoryId: territory.id, territorySlug: territory.slug, diagnosisId: row!.id, title });
  return { ok: true, value: row! };
}

/**
 * Publication series (issue 12, item 3). Once a territory has published, a diagnosis over a period
 * that cuts an earlier one part-way may be impossible to protect: the months between the two
 * boundaries are the difference of two publications. The policy: the earlier publications set the
 * grid. When the audit refuses a period, the coordinator is offered, beside the period, the nearest
 * period on that grid that the audit passes — the period widened to the whole earlier publications it
 * cuts, or else the period that starts just after them (same end, or same length) — one click away, with
 * nothing typed lost. Null when neither passes.
 */
export async function alignedPeriod(db: Db, territory: Territory, input: { from: string; to: string; granularity: string }): Promise<{ from: string; to: string } | null> {
  if (!monthPattern.test(input.from) || !monthPattern.test(input.to) || !(granularities as readonly string[]).includes(input.granularity)) return null;
  const from = monthIndex(input.from);
  const to = monthIndex(input.to);
  const published = (await listPublished(db, territory.id)).map((p) => ({ from: monthIndex(p.periodFrom.slice(0, 7)), to: monthIndex(p.periodTo.slice(0, 7)) }));
  const cut = published.filter((p) => p.from <= to && from <= p.to && !(p.from === from && p.to === to));
  if (cut.length === 0) return null;
  const widened = { from: Math.min(from, ...cut.map((p) => p.from)), to: Math.max(to, ...cut.map((p) => p.to)) };
  const after = Math.max(...cut.map((p) => p.to)) + 1;
  const next = { from: after, to: to >= after ? to : after + (to - from) };
  const seen = new Set<string>();
  for (const candidate of [widened, next]) {
    const key = `${candidate.from}-${candidate.to}`;
    if (seen.has(key) || candidate.to - candidate.from >= 120) continue;
    seen.add(key);
    const period = { from: monthOf(candidate.from), to: monthOf(candidate.to), granularity: input.granularity as Granularity };
    const snapshot = await computeSnapshot(db, territory, period, false);
    if (!snapshot.audit || snapshot.audit.ok) return { from: period.from, to: period.to };
  }
  return null;
}

export async function listInReview(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<Diagnosis[]>> {
  const permission = requirePermission(actor, 'diagnosis.draft.review', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const rows = await db
    .select()
    .from(diagnosis)
    .where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.status, 'review')))
    .orderBy(desc(diagnosis.createdAt));
  return { ok: true, value: rows };
}

export interface Review {
  diagnosis: Diagnosis;
  votes: Vote[];
  comments: Comment[];
}

export async function reviewDiagnosis(db: Db, actor: Actor | null, territoryId: string, id: string): Promise<Outcome<Review, 'not-found'>> {
  const permission = requirePermission(actor, 'diagnosis.draft.review', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db.select().from(diagnosis).where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.id, id)));
  if (!row) return { ok: false, error: 'not-found' };
  const [votes, comments] = await Promise.all([
    db.select().from(diagnosisVote).where(eq(diagnosisVote.diagnosisId, id)).orderBy(asc(diagnosisVote.createdAt)),
    db.select().from(diagnosisComment).where(eq(diagnosisComment.diagnosisId, id)).orderBy(asc(diagnosisComment.createdAt)),
  ]);
  return { ok: true, value: { diagnosis: row, votes, comments } };
}

export async function commentOn(db: Db, actor: Actor | null, territoryId: string, id: string, body: string): Promise<Outcome<Comment, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'diagnosis.draft.review', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const text = body.trim();
  if (!text) return { ok: false, error: 'invalid', fields: { body: 'diagnosis.review.errors.comment' } };
  if (text.length > 5000) return { ok: false, error: 'invalid', fields: { body: 'diagnosis.review.errors.commentLong' } };
  const [target] = await db.select({ id: diagnosis.id, status: diagnosis.status }).from(diagnosis).where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.id, id)));
  if (!target) return { ok: false, error: 'not-found' };
  // The board's comments close with its vote: a published diagnosis is no longer under review.
  if (target.status !== 'review') return { ok: false, error: 'invalid', fields: { body: 'diagnosis.review.errors.commentsClosed' } };
  const [row] = await db.insert(diagnosisComment).values({ diagnosisId: id, personId: actor!.personId, personName: actor!.displayName, body: text }).returning();
  return { ok: true, value: row! };
}

export async function voteOn(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  id: string,
  vote: string,
): Promise<Outcome<{ published: boolean; number: number | null }, 'not-found' | 'invalid' | 'closed'>> {
  const permission = requirePermission(actor, 'diagnosis.draft.vote', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (vote !== 'approve' && vote !== 'reject') return { ok: false, error: 'invalid', fields: { vote: 'diagnosis.review.errors.vote' } };
  const result = await db.transaction(async (tx) => {
    // The row lock makes two approvals arriving together count one after the other.
    const [target] = await tx.select().from(diagnosis).where(and(eq(diagnosis.territoryId, territoryId), eq(diagnosis.id, id))).for('update');
    if (!target) return { ok: false as const, error: 'not-found' as const };
    if (target.status !== 'review') return { ok: false as const, error: 'closed' as const };
    await tx
      .insert(diagnosisVote)
      .values({ diagnosisId: id, personId: actor!.personId, personName: actor!.displayName, vote })
      .onConflictDoUpdate({ target: [diagnosisVote.diagnosisId, diagnosisVote.personId], set: { vote, personName: actor!.displayName, createdAt: sql`now()` } });
    const votes = await tx.select().from(diagnosisVote).where(eq(diagnosisVote.diagnosisId, id)).orderBy(asc(diagnosisVote.createdAt));
    if (!isApproved(votes)) return { ok: true as const, value: { published: false, number: null } };
    const numbered = (await tx.execute(sql`SELECT coalesce(max(number), 0)::int + 1 AS next FROM diagnosis WHERE territory_id = ${territoryId}`)) as unknown as { rows: { next: number }[] };
    const number = Number(numbered.rows[0]!.next);
    await tx
      .update(diagnosis)
      .set({ status: 'published', number, publishedAt: sql`now()`, approvers: votes.filter((v) => v.vote === 'approve').map((v) => v.personName) })
      .where(eq(diagnosis.id, id));
    // A privileged change goes to the platform's log itself, whichever logger reads are given.
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'diagnosis.publish', recordType: 'diagnosis', recordId: id, territoryId, reason: `number ${number}` });
    const territory = await findTerritoryById(tx, territoryId);
    if (territory) await publish(tx, 'diagnosis.published', { territoryId, territoryName: territory.name, territorySlug: territory.slug, number, title: target.title });
    return { ok: true as const, value: { published: true, number } };
  });
  if (result.ok && result.value.published) invalidatePublicPages(territoryId);
  return result;
}

export type ExplorerResult = { table: PublishedTable; exact: boolean };

export async function staffExplorer(
  db: Db,
  actor: Actor | null,
  logger: AccessLogger | null,
  territory: Territory,
  query: ExplorerQuery,
): Promise<Outcome<ExplorerResult, 'access-log-unavailable'>> {
  const permission = requirePermission(actor, 'diagnosis.staff.view', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  // Exact counts are never shown without a record of who saw them.
  if (!logger) return { ok: false, error: 'access-log-unavailable' };
  return db.transaction(async (tx) => {
    const table = await explorerTable(tx as unknown as Db, territory.id, query);
    // The log entry commits with the read; the access log wants it as the transaction's last step.
    await logger.recordAccess(tx as unknown as Db, {
      actorId: actor!.personId,
      action: 'diagnosis.staff.view',
      recordType: 'diagnosis-figures',
      recordId: territory.id,
      territoryId: territory.id,
      reason: JSON.stringify({ rows: query.rows, cols: query.cols, period: query.period, filters: query.filters }),
    });
    return { ok: true as const, value: { table: exactTable(table), exact: true } };
  });
}

export { invalidatePublicPages };

// Other contexts that publish protected counts (the plans' tracker) protect them with the same rule.
export { protectTable, type PublishedCell, type PublishedTable } from './suppression.ts';

/** Diagnoses the person prepared, their votes and comments: in their download; their name removed on deletion. */
export const diagnosisPersonalData: PersonalDataProvider = {
  context: 'diagnosis',
  async export(db, personId) {
    const [prepared, votes, comments] = await Promise.all([
      db.select({ id: diagnosis.id, title: diagnosis.title, analysis: diagnosis.analysis, status: diagnosis.status, createdAt: diagnosis.createdAt }).from(diagnosis).where(eq(diagnosis.preparedBy, personId)),
      db.select({ diagnosisId: diagnosisVote.diagnosisId, vote: diagnosisVote.vote, at: diagnosisVote.createdAt }).from(diagnosisVote).where(eq(diagnosisVote.personId, personId)),
      db.select({ diagnosisId: diagnosisComment.diagnosisId, body: diagnosisComment.body, at: diagnosisComment.createdAt }).from(diagnosisComment).where(eq(diagnosisComment.personId, personId)),
    ]);
    return { prepared, votes, comments };
  },
  // The votes and comments stay (the board's decision is a record); the name is replaced by "a deleted account".
  async erase(tx, personId) {
    const votes = await tx.select({ diagnosisId: diagnosisVote.diagnosisId, personName: diagnosisVote.personName }).from(diagnosisVote).where(eq(diagnosisVote.personId, personId));
    for (const v of votes) {
      // A published diagnosis lists its approvers by name: this one's entry becomes empty (shown as a deleted account).
      await tx.execute(sql`update ${diagnosis} set approvers = (select coalesce(jsonb_agg(case when a = ${v.personName} then '' else a end), '[]'::jsonb) from jsonb_array_elements_text(${diagnosis.approvers}) as a) where ${diagnosis.id} = ${v.diagnosisId}`);
    }
    await tx.update(diagnosis).set({ preparedByName: '' }).where(eq(diagnosis.preparedBy, personId));
    await tx.update(diagnosisVote).set({ personName: '' }).where(eq(diagnosisVote.personId, personId));
    await tx.update(diagnosisComment).set({ personName: '' }).where(eq(diagnosisComment.personId, personId));
  },
};
