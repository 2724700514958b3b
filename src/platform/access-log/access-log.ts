// The hash-chained access log: every read of personal data and every privileged change.
// Each entry's hash = SHA-256(previous entry's hash ‖ the entry's canonical content), so changing,
// removing or inserting an entry breaks every link after it. Writers take a transaction-level
// advisory lock before reading the last hash, so concurrent writers never fork the chain.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog } from './access-log.schema.ts';

export type AccessLogEntry = typeof accessLog.$inferSelect;

export interface AccessRecord {
  /** Who did it; null for the system or an anonymous person. */
  actorId: string | null;
  /** What was done, e.g. 'antenna.report.read' or 'identity.role.grant'. */
  action: string;
  /** What kind of record, e.g. 'report', 'person'. */
  recordType: string;
  recordId: string;
  territoryId?: string | null;
  /** Why, where a reason is required. */
  reason?: string | null;
}

/** The hash before the first entry. */
export const genesisHash = '0'.repeat(64);
const lockKey = 727_301;

/** Canonical content: a JSON array in a fixed order, so the same entry always hashes the same. */
export function canonicalContent(entry: Omit<AccessLogEntry, 'hash' | 'prevHash'>): string {
  return JSON.stringify([
    entry.seq,
    entry.at.toISOString(),
    entry.actorId,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.territoryId,
    entry.reason,
  ]);
}

export function entryHash(prevHash: string, entry: Omit<AccessLogEntry, 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(entry)).digest('hex');
}

/**
 * Appends an entry. Pass the transaction of the work being logged, so the entry and the work commit
 * (or roll back) together; a plain db works too. The chain's lock is held until that transaction ends,
 * so call it as the transaction's last step. Meant for READ COMMITTED transactions (the default): the
 * last entry is read after the lock is taken; the primary key on seq refuses a fork in any case.
 */
export async function recordAccess(db: Db, record: AccessRecord): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${lockKey})`);
    const [last] = await tx.select({ seq: accessLog.seq, hash: accessLog.hash }).from(accessLog).orderBy(desc(accessLog.seq)).limit(1);
    const entry = {
      seq: (last?.seq ?? 0) + 1,
      at: new Date(),
      actorId: record.actorId,
      action: record.action,
      recordType: record.recordType,
      recordId: record.recordId,
      territoryId: record.territoryId ?? null,
      reason: record.reason ?? null,
    };
    const prevHash = last?.hash ?? genesisHash;
    await tx.insert(accessLog).values({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
  });
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; seq: number; problem: 'gap' | 'previous-hash' | 'hash' };

/** Walks the whole chain in order, in batches; reports the first broken link. */
export async function verifyChain(db: Db, batchSize = 1000): Promise<ChainCheck> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(accessLog).where(gt(accessLog.seq, expectedSeq - 1)).orderBy(asc(accessLog.seq)).limit(batchSize);
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries: count, seq: expectedSeq, problem: 'gap' };
      if (row.prevHash !== prevHash) return { ok: false, entries: count, seq: row.seq, problem: 'previous-hash' };
      if (entryHash(prevHash, row) !== row.hash) return { ok: false, entries: count, seq: row.seq, problem: 'hash' };
      prevHash = row.hash;
      expectedSeq++;
      count++;
    }
    if (rows.length < batchSize) return { ok: true, entries: count };
  }
}

export interface AccessLogFilter {
  actorId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  territoryId?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

/**
 * Entries matching the filter, newest first. `visibleTerritories` limits what a reader sees:
 * 'all' for platform-wide readers, else only entries of those territories.
 */
export async function searchAccessLog(
  db: Db,
  filter: AccessLogFilter,
  visibleTerritories: 'all' | string[],
  page: { limit: number; beforeSeq?: number },
): Promise<AccessLogEntry[]> {
  const conditions: (SQL | undefined)[] = [
    filter.actorId ? eq(accessLog.actorId, filter.actorId) : undefined,
    filter.action ? eq(accessLog.action, filter.action) : undefined,
    filter.recordType ? eq(accessLog.recordType, filter.recordType) : undefined,
    filter.recordId ? eq(accessLog.recordId, filter.recordId) : undefined,
    filter.territoryId ? eq(accessLog.territoryId, filter.territoryId) : undefined,
    filter.from ? gte(accessLog.at, filter.from) : undefined,
    filter.to ? lt(accessLog.at, filter.to) : undefined,
    page.beforeSeq ? lt(accessLog.seq, page.beforeSeq) : undefined,
  ];
  if (visibleTerritories !== 'all') {
    if (visibleTerritories.length === 0) return [];
    conditions.push(inArray(accessLog.territoryId, visibleTerritories));
  }
  return db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.seq))
    .limit(page.limit);
}


/** One line for people: what the check found. */
export function describeCheck(check: ChainCheck): string {
  if (check.ok) return `chain intact (${check.entries} entries)`;
  const what = {
    gap: 'is missing (the entries before it are intact)',
    'previous-hash': "does not hold the previous entry's hash: an entry before it was changed, removed or inserted",
    hash: 'was changed after it was written: its content no longer matches its hash',
  }[check.problem];
  return `chain broken at entry ${check.seq}: entry ${check.seq} ${what} (${check.entries} entries verified before it)`;
}
