// The outbox: where messages go when no mail server (SMTP_URL) is configured, for an administrator to read.
import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** A reset link, an invitation, a confirmation code: never shown on the outbox page; not even kept in production. */
    secret: boolean('secret').notNull().default(false),
    /** The territory the message is about (another context's id); null: only platform admins see it. */
    territoryId: uuid('territory_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt)],
);

/**
 * Messages waiting for the mail server (SMTP_URL set). They are written in the same transaction as the
 * action that sends them, so a message about something that was rolled back never leaves; a worker sends
 * them after the commit, retries with back-off, and deletes each once sent (no reset link stays at rest).
 */
export const mailQueue = pgTable(
  'mail_queue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    toAddress: text('to_address').notNull(),
    locale: text('locale').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Null once the worker gave up; the administrator sees the last error. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mail_queue_next_idx').on(t.nextAttemptAt)],
);
