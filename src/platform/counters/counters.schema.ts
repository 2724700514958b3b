// Counters and used-once markers shared by every instance when there is no Redis (sign-in throttles,
// the antenna's abuse counters, used proofs of work). Keys are names and keyed hashes, never an address.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const sharedCounter = pgTable(
  'shared_counter',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    /** The end of the key's window; an expired row counts as absent and is purged now and then. */
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index('shared_counter_expires_idx').on(t.expiresAt)],
);
