// Reads of auditors' personal data go to the platform's hash-chained access log. Services receive the
// writer as an injected AccessLogger (the pages pass the platform's recordAccess), so that no read of
// personal data can happen without one.
import type { Db } from '../../platform/db/client.ts';

export interface AccessEntry {
  /** null for the system (the retention job). */
  actorId: string | null;
  action: string;
  recordType: string;
  recordId: string;
  territoryId?: string;
  reason?: string;
}

/** The signature of the platform's recordAccess(db, entry or entries): several entries are written as one batch. */
export type AccessLogger = (db: Db, entry: AccessEntry | readonly AccessEntry[]) => Promise<void>;

/** The one place this context records a read of auditors' personal data. */
export async function logAuditorRead(log: AccessLogger, db: Db, actorId: string, auditorIds: string[], territoryId: string, reason: string): Promise<void> {
  // One batch for a list: a page of 50 auditors is not 50 appends.
  await log(
    db,
    auditorIds.map((recordId) => ({ actorId, action: 'audits.auditor.read', recordType: 'audit_auditor', recordId, territoryId, reason })),
  );
}
