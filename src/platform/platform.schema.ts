// Tables the platform itself owns (no domain knowledge).
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
