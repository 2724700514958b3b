// Tables the platform itself owns (no domain knowledge).
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Secrets shared by every app instance (cookie signing, keyed hashes); made once, on first start. */
export const platformSecret = pgTable('platform_secret', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Facts about this installation, e.g. whether it has been initialised (demo data loaded or declined). */
export const platformSetting = pgTable('platform_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A POST answered under an Idempotency-Key: the same key from the same credential gets the stored answer
 * again instead of doing the work twice. `key` is a keyed hash of (who, key); kept 24 hours.
 */
export const idempotencyRecord = pgTable('idempotency_record', {
  key: text('key').primaryKey(),
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  requestHash: text('request_hash').notNull(),
  /** Null while the first request is still being answered. */
  statusCode: integer('status_code'),
  contentType: text('content_type'),
  body: text('body'),
  location: text('location'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
