// The access log: append-only, one hash chain per territory (and one for the platform), each chain's
// head signed with a key kept outside the database.
import { bigint, bigserial, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const accessLog = pgTable(
  'access_log',
  {
    /** The chain: the territory's id, or 'platform' for entries without a territory. */
    chain: text('chain').notNull().default('platform'),
    /** 1, 2, 3… within the chain, assigned under the head's lock, so a missing entry shows as a gap as well as a broken hash. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
    /** Order across chains, for reading the log newest first (not part of any hash). */
    position: bigserial('position', { mode: 'number' }).notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    territoryId: uuid('territory_id'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.chain, t.seq] }),
    index('access_log_position_idx').on(t.position),
    index('access_log_actor_idx').on(t.actorId),
    index('access_log_territory_idx').on(t.territoryId, t.at),
  ],
);

/**
 * The last entry of each chain and an Ed25519 signature over (chain, seq, hash) made with the signing
 * key, which is never in the database: an entry rewritten with recomputed hashes, or a removed tail,
 * no longer matches a head the key signed. Its row lock is what serialises appends to one chain.
 */
export const accessLogHead = pgTable('access_log_head', {
  chain: text('chain').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  /** base64url; empty until the head is first signed. */
  signature: text('signature').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true, precision: 3 }),
});
