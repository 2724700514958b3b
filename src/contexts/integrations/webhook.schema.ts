// Webhook subscriptions of a territory and every delivery made to them (the delivery log).
import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const webhookSubscription = pgTable(
  'webhook_subscription',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    url: text('url').notNull(),
    /** Event names from webhook.events.ts. */
    events: text('events').array().notNull(),
    /** The signing secret, encrypted with secretbox under the installation's 'webhook-key' (it must be read to sign). */
    secretBox: text('secret_box').notNull(),
    createdById: uuid('created_by_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_subscription_territory_idx').on(t.territoryId)],
);

export const webhookDelivery = pgTable(
  'webhook_delivery',
  {
    id: uuid('id').primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscription.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The JSON body exactly as sent (and signed). */
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_delivery_due_idx').on(t.status, t.nextAttemptAt), index('webhook_delivery_subscription_idx').on(t.subscriptionId, t.createdAt)],
);
