// The access log seen from the diagnosis: an injected interface with the signature of the platform's
// recordAccess (src/platform/access-log), wired by the manifest at start. Without one, views that need
// it refuse to show anything: exact counts and extracts are never served unlogged.
import type { Db } from '../../platform/db/client.ts';

export interface AccessEntry {
  actorId: string;
  action: string;
  recordType: string;
  recordId: string;
  territoryId?: string;
  reason?: string;
}

export interface AccessLogger {
  recordAccess(db: Db, entry: AccessEntry): Promise<unknown>;
}

let logger: AccessLogger | null = null;

/** Wired once at start by manifest.ts with the platform's recordAccess; tests swap it. */
export function setDiagnosisAccessLogger(next: AccessLogger | null): void {
  logger = next;
}

export function diagnosisAccessLogger(): AccessLogger | null {
  return logger;
}
