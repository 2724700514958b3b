// Every read of case content goes to the platform's hash-chained access log
// (src/platform/access-log/access-log.ts, recordAccess). The antenna's services only know this
// interface and are given the logger through antenna.config.ts.
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
