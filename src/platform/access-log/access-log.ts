// The hash-chained access log: every read of personal data and every privileged change.
// Each entry's hash = SHA-256(previous entry's hash ‖ the entry's canonical content), so changing,
// removing or inserting an entry breaks every link after it. There is one chain per territory (and one
// for the platform): appends to different territories do not wait for each other. Each chain's head
// (its last seq and hash) is signed with an Ed25519 key kept outside the database, so a rewritten
// chain with recomputed hashes, or a removed tail, no longer matches a signed head; and a signed
// checkpoint of every head, stored by the operator elsewhere, catches a rollback to an older head.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accessLog, accessLogHead } from './access-log.schema.ts';
import { loadConfig } from '../../config.ts';
import { headMessage, loadSigner, verifySignature, type Signer } from './signing.ts';

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

/** The hash before the first entry of a chain. */
export const genesisHash = '0'.repeat(64);
/** The chain of entries without a territory. */
export const platformChain = 'platform';

let signer: Signer | null = null;

/** Set once at start with the key from the configuration (src/platform/access-log/plugin.ts). */
export function useSigner(next: Signer): void {
  signer = next;
}

/** The signer in use; a process that was given none (a script, a unit test) loads the configured key. */
export function activeSigner(): Signer {
  signer ??= loadSigner(loadConfig(), { create: true });
  return signer;
}

type EntryContent = Pick<AccessLogEntry, 'seq' | 'at' | 'actorId' | 'action' | 'recordType' | 'recordId' | 'territoryId' | 'reason'>;

/** Canonical content: a JSON array in a fixed order, so the same entry always hashes the same. */
export function canonicalContent(entry: EntryContent): string {
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

export function entryHash(prevHash: string, entry: EntryContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(entry)).digest('hex');
}

/**
 * Appends an entry to its territory's chain. Pass the transaction of the work being logged, so the
 * entry and the work commit (or roll back) together: the chain's head row is then locked until that
 * transaction ends, so call it as the transaction's last step. Given a plain db, the entry joins the
 * next group commit (see `GroupAppender`): it is committed when the promise resolves.
 */
export async function recordAccess(db: Db, record: AccessRecord | readonly AccessRecord[]): Promise<void> {
  const records: readonly AccessRecord[] = Array.isArray(record) ? record : [record as AccessRecord];
  if (records.length === 0) return;
  // Many reads at once (a staff list) are one batch: the heads locked once, not once per entry.
  if (isTransaction(db)) return appendInTransaction(db, records);
  let appender = appenders.get(db);
  if (!appender) appenders.set(db, (appender = new GroupAppender(db)));
  const writer = appender;
  await Promise.all(records.map((r) => writer.append(r)));
}

/** Drizzle's transactions (and only they) can roll back. */
function isTransaction(db: Db): boolean {
  return typeof (db as { rollback?: unknown }).rollback === 'function';
}

async function appendInTransaction(db: Db, records: readonly AccessRecord[]): Promise<void> {
  await db.transaction(async (tx) => {
    const heads = new Map((await lockHeads(tx, records.map(chainOf))).map((h) => [h.chain, h]));
    for (let start = 0; start < records.length; start += maxBatch) {
      const entries = records.slice(start, start + maxBatch).map((r) => nextEntry(heads.get(chainOf(r))!, r));
      await writeEntries(tx, entries, lastEntries(entries));
    }
  });
}

function chainOf(record: AccessRecord): string {
  return record.territoryId ?? platformChain;
}

interface Head {
  chain: string;
  seq: number;
  hash: string;
}

interface ChainedEntry extends EntryContent {
  chain: string;
  prevHash: string;
  hash: string;
}

/**
 * Takes the head rows' locks (creating missing heads) and answers the heads. Chains are locked in one
 * statement in sorted order, so two batches over the same chains queue instead of deadlocking.
 */
async function lockHeads(tx: Db, chains: string[]): Promise<Head[]> {
  const sorted = [...new Set(chains)].sort();
  return tx
    .insert(accessLogHead)
    .values(sorted.map((chain) => ({ chain, seq: 0, hash: genesisHash, signature: '' })))
    .onConflictDoUpdate({ target: accessLogHead.chain, set: { chain: sql`excluded.chain` } })
    .returning({ chain: accessLogHead.chain, seq: accessLogHead.seq, hash: accessLogHead.hash });
}

function nextEntry(head: Head, record: AccessRecord): ChainedEntry {
  const content: EntryContent = {
    seq: head.seq + 1,
    at: new Date(),
    actorId: record.actorId,
    action: record.action,
    recordType: record.recordType,
    recordId: record.recordId,
    territoryId: record.territoryId ?? null,
    reason: record.reason ?? null,
  };
  const entry = { ...content, chain: head.chain, prevHash: head.hash, hash: entryHash(head.hash, content) };
  head.seq = entry.seq;
  head.hash = entry.hash;
  return entry;
}

const staleHeads = new Error('access log heads moved');

function lastEntries(entries: ChainedEntry[]): Map<string, ChainedEntry> {
  return new Map(entries.map((e) => [e.chain, e]));
}

/**
 * Inserts the entries and moves each chain's head to its last entry, signed: one statement. With
 * `expected`, a head moves only from where it is expected to be, the entries are inserted only if every
 * head moved, and the answer is how many moved (the caller rolls back when not all did).
 */
async function writeEntries(tx: Db, entries: ChainedEntry[], lastOfChain: Map<string, ChainedEntry>, expected?: Map<string, Head>): Promise<number> {
  const key = activeSigner();
  const rows = sql.join(
    entries.map((e) => sql`(${e.chain}, ${e.seq}::bigint, ${e.at.toISOString()}::timestamptz, ${e.actorId}::uuid, ${e.action}, ${e.recordType}, ${e.recordId}, ${e.territoryId}::uuid, ${e.reason}, ${e.prevHash}, ${e.hash})`),
    sql`, `,
  );
  const heads = sql.join(
    [...lastOfChain.values()].map((e) => {
      const from = expected?.get(e.chain);
      return sql`(${e.chain}, ${from?.seq ?? null}::bigint, ${from?.hash ?? null}, ${e.seq}::bigint, ${e.hash}, ${key.sign(headMessage(e.chain, e.seq, e.hash))})`;
    }),
    sql`, `,
  );
  const condition = expected ? sql`and h.seq = n.old_seq and h.hash = n.old_hash` : sql``;
  const result = await tx.execute(sql`
    with moved as (
      update access_log_head h set seq = n.seq, hash = n.hash, signature = n.signature, signed_at = now()
      from (values ${heads}) as n(chain, old_seq, old_hash, seq, hash, signature) where h.chain = n.chain ${condition}
      returning h.chain
    ), appended as (
      insert into access_log (chain, seq, at, actor_id, action, record_type, record_id, territory_id, reason, prev_hash, hash)
      select v.* from (values ${rows}) as v(chain, seq, at, actor_id, action, record_type, record_id, territory_id, reason, prev_hash, hash)
      where (select count(*) from moved) = ${lastOfChain.size}
    )
    select count(*)::int as moved from moved`);
  // Both drivers answer { rows }; Drizzle's type for it differs between them.
  return Number((result as unknown as { rows: { moved: number | string }[] }).rows[0]!.moved);
}

const appenders = new WeakMap<Db, GroupAppender>();
/** A bound on one group commit, so one statement stays of a reasonable size. */
const maxBatch = 500;

/**
 * Group commit: one writer per database handle (per process). Entries that arrive while a batch is
 * being committed wait and go together in the next one — one transaction, every involved chain's
 * head locked once, one multi-row insert, one signature per chain's new head. Each entry is still
 * chained to the one before it (its own hash over the previous hash), so verification is unchanged;
 * only the number of commits (and signatures) per entry falls under contention. Other instances take
 * the same head locks, so chains stay linear across instances.
 */
class GroupAppender {
  private pending: { record: AccessRecord; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  append(record: AccessRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, maxBatch);
        try {
          await this.commit(batch.map((p) => p.record));
          for (const p of batch) p.resolve();
        } catch (error) {
          // One bad entry must not take the others down: each is tried alone, and fails alone.
          if (batch.length === 1) batch[0]!.reject(error);
          else
            for (const p of batch) {
              await this.commit([p.record]).then(p.resolve, p.reject);
            }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Heads this writer last left, per chain: with them a batch is one statement in its transaction (the
   * heads move only if they are still where this writer left them). Another instance or an append
   * inside a work transaction moves a head behind its back; then the batch is rolled back and done
   * again under the heads' locks, which also refreshes what it knows.
   */
  private readonly heads = new Map<string, Head>();

  private async commit(records: AccessRecord[]): Promise<void> {
    const chains = [...new Set(records.map(chainOf))];
    if (chains.every((c) => this.heads.has(c))) {
      try {
        await this.db.transaction(async (tx) => {
          const heads = new Map(chains.map((c) => [c, { ...this.heads.get(c)! }]));
          const entries = records.map((r) => nextEntry(heads.get(chainOf(r))!, r));
          const moved = await writeEntries(tx, entries, lastEntries(entries), this.heads);
          if (moved !== chains.length) throw staleHeads;
          for (const [c, h] of heads) this.heads.set(c, h);
        });
        return;
      } catch (error) {
        for (const c of chains) this.heads.delete(c);
        if (error !== staleHeads) throw error;
      }
    }
    await this.db.transaction(async (tx) => {
      const heads = new Map((await lockHeads(tx, chains)).map((h) => [h.chain, h]));
      const entries = records.map((r) => nextEntry(heads.get(chainOf(r))!, r));
      await writeEntries(tx, entries, lastEntries(entries));
      for (const [c, h] of heads) this.heads.set(c, h);
    }).catch((error: unknown) => {
      for (const c of chains) this.heads.delete(c);
      throw error;
    });
  }
}

/** Signs heads left unsigned (the chain written before heads were signed): trusted as found, at first start. */
export async function signUnsignedHeads(db: Db): Promise<number> {
  const key = activeSigner();
  const unsigned = await db.select().from(accessLogHead).where(eq(accessLogHead.signature, ''));
  for (const head of unsigned) {
    await db
      .update(accessLogHead)
      .set({ signature: key.sign(headMessage(head.chain, head.seq, head.hash)), signedAt: new Date() })
      .where(and(eq(accessLogHead.chain, head.chain), eq(accessLogHead.signature, '')));
  }
  return unsigned.length;
}

/** A signed statement of every chain's head at one moment, for the operator to keep outside the platform. */
export interface Checkpoint {
  format: 'coproduce-access-log-checkpoint/1';
  at: string;
  publicKey: string;
  chains: { chain: string; seq: number; hash: string }[];
  signature: string;
}

function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature'>): string {
  return JSON.stringify([checkpoint.format, checkpoint.at, checkpoint.publicKey, checkpoint.chains.map((c) => [c.chain, c.seq, c.hash])]);
}

/** Signs the current heads; refuses when a head's own signature does not hold (the log was changed). */
export async function makeCheckpoint(db: Db): Promise<Checkpoint> {
  const key = activeSigner();
  const heads = await db.select().from(accessLogHead).where(gt(accessLogHead.seq, 0)).orderBy(asc(accessLogHead.chain));
  for (const head of heads) {
    if (!verifySignature(key.publicKey, headMessage(head.chain, head.seq, head.hash), head.signature)) {
      throw new Error(`The head of access log chain ${head.chain} is not signed by this key: run npm run access-log:verify`);
    }
  }
  const unsigned = { format: 'coproduce-access-log-checkpoint/1' as const, at: new Date().toISOString(), publicKey: key.publicKey, chains: heads.map((h) => ({ chain: h.chain, seq: h.seq, hash: h.hash })) };
  return { ...unsigned, signature: key.sign(checkpointMessage(unsigned)) };
}

export type Problem = 'gap' | 'previous-hash' | 'hash' | 'head-missing' | 'truncated' | 'head' | 'signature' | 'checkpoint-signature' | 'checkpoint';
export type ChainCheck = { ok: true; entries: number; chains: number } | { ok: false; entries: number; chain: string; seq: number; problem: Problem };

export interface VerifyOptions {
  /** The key the heads must be signed with (the configured key's public half). */
  publicKey: string;
  /** A checkpoint kept elsewhere: every chain must still hold the entries it names, unchanged. */
  checkpoint?: Checkpoint;
  batchSize?: number;
}

/** Walks every chain in order, in batches; checks its signed head and the checkpoint; reports the first problem. */
export async function verifyChain(db: Db, options: VerifyOptions = { publicKey: activeSigner().publicKey }): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? 1000;
  const checkpoint = options.checkpoint;
  if (checkpoint) {
    const { signature, ...rest } = checkpoint;
    if (checkpoint.publicKey !== options.publicKey || !verifySignature(options.publicKey, checkpointMessage(rest), signature)) {
      return { ok: false, entries: 0, chain: '', seq: 0, problem: 'checkpoint-signature' };
    }
  }
  const heads = new Map((await db.select().from(accessLogHead)).map((h) => [h.chain, h]));
  const inLog = (await db.selectDistinct({ chain: accessLog.chain }).from(accessLog)).map((r) => r.chain);
  const chains = [...new Set([...inLog, ...heads.keys(), ...(checkpoint?.chains.map((c) => c.chain) ?? [])])].sort();
  let count = 0;
  for (const chain of chains) {
    const wanted = new Map(checkpoint?.chains.filter((c) => c.chain === chain).map((c) => [c.seq, c.hash]) ?? []);
    let prevHash = genesisHash;
    let expectedSeq = 1;
    for (;;) {
      const rows = await db
        .select()
        .from(accessLog)
        .where(and(eq(accessLog.chain, chain), gt(accessLog.seq, expectedSeq - 1)))
        .orderBy(asc(accessLog.seq))
        .limit(batchSize);
      for (const row of rows) {
        if (row.seq !== expectedSeq) return { ok: false, entries: count, chain, seq: expectedSeq, problem: 'gap' };
        if (row.prevHash !== prevHash) return { ok: false, entries: count, chain, seq: row.seq, problem: 'previous-hash' };
        if (entryHash(prevHash, row) !== row.hash) return { ok: false, entries: count, chain, seq: row.seq, problem: 'hash' };
        const kept = wanted.get(row.seq);
        if (kept !== undefined && kept !== row.hash) return { ok: false, entries: count, chain, seq: row.seq, problem: 'checkpoint' };
        wanted.delete(row.seq);
        prevHash = row.hash;
        expectedSeq++;
        count++;
      }
      if (rows.length < batchSize) break;
    }
    const last = expectedSeq - 1;
    // Entries the checkpoint saw that are gone: the chain was cut back below it.
    if (wanted.size > 0) return { ok: false, entries: count, chain, seq: Math.min(...wanted.keys()), problem: 'checkpoint' };
    const head = heads.get(chain);
    if (!head) {
      if (last > 0) return { ok: false, entries: count, chain, seq: last, problem: 'head-missing' };
      continue;
    }
    if (head.seq > last) return { ok: false, entries: count, chain, seq: last + 1, problem: 'truncated' };
    if (head.seq < last || head.hash !== prevHash) return { ok: false, entries: count, chain, seq: head.seq, problem: 'head' };
    if (head.seq > 0 && !verifySignature(options.publicKey, headMessage(chain, head.seq, head.hash), head.signature)) {
      return { ok: false, entries: count, chain, seq: head.seq, problem: 'signature' };
    }
  }
  return { ok: true, entries: count, chains: chains.length };
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
  /** beforeSeq: the `position` of the last entry of the previous page (entries are read across chains). */
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
    page.beforeSeq ? lt(accessLog.position, page.beforeSeq) : undefined,
  ];
  if (visibleTerritories !== 'all') {
    if (visibleTerritories.length === 0) return [];
    conditions.push(inArray(accessLog.territoryId, visibleTerritories));
  }
  return db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.position))
    .limit(page.limit);
}


/** One line for people: what the check found. */
export function describeCheck(check: ChainCheck): string {
  if (check.ok) return `chain intact (${check.entries} entries in ${check.chains} chains, every head signed)`;
  if (check.problem === 'checkpoint-signature') return 'checkpoint refused: it is not signed by this key, or was changed';
  const what = {
    gap: 'is missing (the entries before it are intact)',
    'previous-hash': "does not hold the previous entry's hash: an entry before it was changed, removed or inserted",
    hash: 'was changed after it was written: its content no longer matches its hash',
    'head-missing': 'is the last one, but the chain has no signed head: the head was removed',
    truncated: 'is missing: the signed head says the chain is longer, so its last entries were removed',
    head: 'does not match the signed head: entries were rewritten or added without the key',
    signature: 'is the head, but its signature does not hold: the head was rewritten without the key',
    checkpoint: 'does not match the checkpoint: the chain was rewritten or cut back since the checkpoint was signed',
  }[check.problem];
  return `chain broken at entry ${check.seq} of chain ${check.chain}: entry ${check.seq} ${what} (${check.entries} entries verified before it)`;
}
