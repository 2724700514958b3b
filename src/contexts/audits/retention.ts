// Retention of auditors' personal data: once an auditor has left (or was declined), or has done nothing for
// longer than the territory's auditorRetentionDays, their name, contact, motivation, languages, organisation
// and account link are removed. The code name stays, so visits, answers, test pairs, findings and the
// statistics built on them are kept whole. Abandoned enrolment forms go after a shorter period. Every
// anonymisation is written to the access log. Runs from `npm run audits:purge` and from a timer the app
// starts; single-flight across instances.
import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import { scheduleJob } from '../../platform/jobs/schedule.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { defaultSettings } from '../territories/territory.settings.ts';
import { auditor, enrolmentDraft } from './audit.schema.ts';
import type { AccessLogger } from './access-log.ts';

/** Key of the PostgreSQL advisory lock that lets one instance at a time purge. */

/** What an auditor's record keeps once anonymised: the code name, their visits' link, nothing that names them. */
export function anonymisedAuditor(now: Date) {
  return {
    name: sql`${auditor.codeName}`,
    email: '',
    phone: '',
    languages: [],
    organisationName: '',
    organisationId: null,
    motivation: '',
    personId: null,
    decisionMessage: '',
    linkTokenHash: null,
    linkExpiresAt: null,
    status: sql<'declined' | 'left'>`case when ${auditor.status} = 'declined' then 'declined' else 'left' end`,
    anonymisedAt: now,
  };
}

export const purgeLockKey = 727_602;
export const purgeIntervalMs = 60 * 60 * 1000;
/** An enrolment form nobody finished holds a name and an email: it is dropped after this long. */
export const enrolmentDraftDays = 30;
const day = 86_400_000;

export interface AuditorPurgeResult {
  /** false when another instance held the lock, so this run did nothing. */
  ran: boolean;
  auditors: number;
  drafts: number;
}

/**
 * The last time an auditor did or was given something: enrolment, a decision, a visit scheduled, saved or
 * sent, a training attended.
 */
const lastActivity = sql<Date>`greatest(
  ${auditor.createdAt},
  ${auditor.decidedAt},
  (select max(greatest(v.created_at, v.submitted_at)) from audit_visit v where v.auditor_id = ${auditor.id}),
  (select max(a.updated_at) from audit_answer a join audit_visit v on v.id = a.visit_id where v.auditor_id = ${auditor.id}),
  (select max(s.held_on)::timestamptz from audit_training_attendance ta join audit_training_session s on s.id = ta.training_id where ta.auditor_id = ${auditor.id})
)`;

/** Auditors of one territory whose personal data is past its retention period at `now`. */
async function dueIn(db: Db, territoryId: string, retentionDays: number, now: Date): Promise<string[]> {
  const cutoff = new Date(now.getTime() - retentionDays * day);
  const rows = await db
    .select({ id: auditor.id })
    .from(auditor)
    .where(
      and(
        sql`${auditor.territoryId} = ${territoryId}`,
        isNull(auditor.anonymisedAt),
        sql`(case when ${auditor.status} in ('left', 'declined') then coalesce(${auditor.decidedAt}, ${auditor.createdAt}) else ${lastActivity} end) < ${cutoff.toISOString()}::timestamptz`,
      ),
    );
  return rows.map((r) => r.id);
}

export async function purgeAuditorData(db: Db, log: AccessLogger, now = new Date()): Promise<AuditorPurgeResult> {
  const outcome = await db.transaction(async (tx) => {
    // Transaction-scoped: released at commit or rollback, even if this process dies.
    const locked = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${purgeLockKey}) as locked`);
    if (!(locked as unknown as { rows: { locked: boolean }[] }).rows[0]?.locked) return null;
    const territories = await tx.selectDistinct({ id: auditor.territoryId }).from(auditor).where(isNull(auditor.anonymisedAt));
    let auditors = 0;
    for (const { id: territoryId } of territories) {
      const territory = await findTerritoryById(tx, territoryId);
      const days = territory?.settings.auditorRetentionDays ?? defaultSettings().auditorRetentionDays;
      const due = await dueIn(tx, territoryId, days, now);
      if (due.length === 0) continue;
      const rows = await tx
        .update(auditor)
        .set(anonymisedAuditor(now))
        .where(inArray(auditor.id, due))
        .returning({ id: auditor.id });
      for (const row of rows) {
        await log(tx, { actorId: null, action: 'audits.auditor.anonymise', recordType: 'audit_auditor', recordId: row.id, territoryId, reason: `retention: ${days} days` });
      }
      auditors += rows.length;
    }
    const drafts = await tx
      .delete(enrolmentDraft)
      .where(lt(enrolmentDraft.updatedAt, new Date(now.getTime() - enrolmentDraftDays * day)))
      .returning({ id: enrolmentDraft.id });
    return { auditors, drafts: drafts.length };
  });
  return outcome ? { ran: true, ...outcome } : { ran: false, auditors: 0, drafts: 0 };
}

/** Starts the hourly purge in this app instance. */
export function startAuditorRetentionSchedule(app: FastifyInstance, log: AccessLogger, intervalMs = purgeIntervalMs): void {
  scheduleJob(app, 'audits: retention purge', intervalMs, async () => {
    const result = await purgeAuditorData(app.database.db, log);
    if (result.auditors > 0) app.log.info({ anonymised: result.auditors }, 'audits: auditors past their retention period anonymised');
  });
}
