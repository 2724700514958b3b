// Every read of case content goes to the platform's hash-chained access log. The identity context
// owns that log and exports recordAccess(db, entry); the antenna only knows this interface, and is
// given the real logger at start (see configureAntenna in antenna.config.ts).
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
  recordAccess(db: Db, entry: AccessEntry): Promise<void>;
}
