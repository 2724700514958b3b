// Reads of auditors' personal data go to the platform's access log. The identity context owns the log
// (recordAccess); this context receives it as an injected AccessLogger and never reads personal data
// without one.
import type { Db } from '../../platform/db/client.ts';

export interface AccessEntry {
  actorId: string;
  action: string;
  recordType: string;
  recordId: string;
  territoryId?: string;
  reason?: string;
}

/** The signature of identity's recordAccess(db, entry). */
export type AccessLogger = (db: Db, entry: AccessEntry) => Promise<void>;

let configured: AccessLogger | null = null;

/** Wires the real access log (identity's recordAccess) at start. Pages with auditors' data stay closed until then. */
export function useAccessLogger(logger: AccessLogger | null): void {
  configured = logger;
}

export function accessLogger(): AccessLogger | null {
  return configured;
}

/** The one place this context records a read of auditors' personal data. */
export async function logAuditorRead(log: AccessLogger, db: Db, actorId: string, auditorIds: string[], territoryId: string, reason: string): Promise<void> {
  for (const recordId of auditorIds) await log(db, { actorId, action: 'audits.auditor.read', recordType: 'audit_auditor', recordId, territoryId, reason });
}
