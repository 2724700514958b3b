// The access log: append-only, each entry chained to the previous one by a SHA-256 hash.
import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const accessLog = pgTable(
  'access_log',
  {
    /** 1, 2, 3… assigned under a lock, so a missing entry shows as a gap as well as a broken hash. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
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
  (t) => [index('access_log_actor_idx').on(t.actorId), index('access_log_territory_idx').on(t.territoryId, t.at)],
);
