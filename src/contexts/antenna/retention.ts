// Retention: closed cases whose period has run out are purged — story, contact, messages, notes,
// files, sealed keys and the receipt destroyed — while the classified, non-identifying fields stay
// for the statistics (and so does the case's fact in the diagnosis: it never held anything else).
// Runs from `npm run antenna:purge` and from a timer the app starts; single-flight across instances.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { scheduleJob } from '../../platform/jobs/schedule.ts';
import { antennaCaseEvent, antennaFile, antennaMessage, antennaReport, antennaReportKey } from './antenna.schema.ts';
import { deleteStoredFiles } from './files.ts';
import { deleteExpiredDraftsAndSessions } from './report.service.ts';

/** Key of the PostgreSQL advisory lock that lets one instance at a time purge. */
export const purgeLockKey = 727_601;
export const purgeIntervalMs = 60 * 60 * 1000;

export interface PurgeResult {
  /** false when another instance held the lock, so this run did nothing. */
  ran: boolean;
  cases: number;
  files: number;
  drafts: number;
  sessions: number;
}

export async function purgeExpired(db: Db, files: FileStore, now = new Date()): Promise<PurgeResult> {
  const outcome = await db.transaction(async (tx) => {
    // Transaction-scoped: released at commit or rollback, even if this process dies.
    const locked = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(${purgeLockKey}) as locked`);
    const rows = (locked as unknown as { rows: { locked: boolean }[] }).rows;
    if (!rows[0]?.locked) return null;
    const due = await tx
      .select({ id: antennaReport.id })
      .from(antennaReport)
      .where(and(eq(antennaReport.status, 'closed'), isNull(antennaReport.purgedAt), lt(antennaReport.purgeAfter, now)));
    const ids = due.map((r) => r.id);
    let fileIds: string[] = [];
    if (ids.length > 0) {
      fileIds = (await tx.delete(antennaFile).where(inArray(antennaFile.reportId, ids)).returning({ id: antennaFile.id })).map((f) => f.id);
      await tx.delete(antennaMessage).where(inArray(antennaMessage.reportId, ids));
      await tx.delete(antennaReportKey).where(inArray(antennaReportKey.reportId, ids));
      await tx.delete(antennaCaseEvent).where(inArray(antennaCaseEvent.reportId, ids));
      await tx
        .update(antennaReport)
        .set({
          contentCipher: null,
          receiptHash: null,
          receiptSalt: null,
          reporterKeyCipher: null,
          statusReason: null,
          assignedTo: null,
          filedBy: null,
          consentMethod: null,
          purgedAt: now,
        })
        .where(inArray(antennaReport.id, ids));
    }
    const cleaned = await deleteExpiredDraftsAndSessions(tx, now);
    return { cases: ids.length, fileIds, ...cleaned };
  });
  if (!outcome) return { ran: false, cases: 0, files: 0, drafts: 0, sessions: 0 };
  // The files are ciphertext whose keys are now destroyed; removing them after the commit is tidy-up.
  await deleteStoredFiles(files, outcome.fileIds);
  return { ran: true, cases: outcome.cases, files: outcome.fileIds.length, drafts: outcome.drafts, sessions: outcome.sessions };
}

/** Starts the hourly purge in this app instance. */
export function startPurgeSchedule(app: FastifyInstance, intervalMs = purgeIntervalMs): void {
  scheduleJob(app, 'antenna: purge', intervalMs, async () => {
    const result = await purgeExpired(app.database.db, app.files);
    if (result.ran && result.cases > 0) app.log.info({ purged: result.cases }, 'antenna: expired cases purged');
  });
}
