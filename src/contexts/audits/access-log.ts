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

/** The signature of the platform's recordAccess(db, entry). */
export type AccessLogger = (db: Db, entry: AccessEntry) => Promise<void>;

/** The one place this context records a read of auditors' personal data. */
export async function logAuditorRead(log: AccessLogger, db: Db, actorId: string, auditorIds: string[], territoryId: string, reason: string): Promise<void> {
  for (const recordId of auditorIds) await log(db, { actorId, action: 'audits.auditor.read', recordType: 'audit_auditor', recordId, territoryId, reason });
}
