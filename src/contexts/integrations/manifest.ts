import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import type { Subscriptions } from '../../platform/events.ts';
import { scheduleJob } from '../../platform/jobs/schedule.ts';
import { integrationsPolicy } from './permissions.ts';
import * as tables from './webhook.schema.ts';
import { fromDomain } from './webhook.events.ts';
import { deliverDue, enqueue, purgeOldDeliveries } from './webhook.service.ts';
import { webhookPages } from './webhook.routes.ts';
import { integrationsDesk } from './integrations.portal.ts';

/** Every followed domain event queues its webhook deliveries in the publisher's transaction: sent only if it commits. */
const subscriptions: Subscriptions = Object.fromEntries(
  Object.entries(fromDomain).map(([name, toWebhook]) => [
    name,
    async (db: Parameters<typeof enqueue>[0], payload: never) => {
      const [event, body] = (toWebhook as (p: never) => ReturnType<(typeof fromDomain)['diagnosis.published']>)(payload);
      await enqueue(db, event, body);
    },
  ]),
);

/** Deliveries go out every few seconds (one instance at a time per delivery, by a lease); the log keeps 30 days. */
const hooks: FastifyPluginAsync = async (app) => {
  scheduleJob(app, 'webhook deliveries', 3000, async () => {
    while ((await deliverDue(app.database.db)) > 0);
  });
  scheduleJob(app, 'webhook log purge', 24 * 3600_000, async () => purgeOldDeliveries(app.database.db));
};

/** Integrations: webhook subscriptions of a territory to its public domain events, and their delivery log. */
export const integrationsManifest: ContextManifest = {
  name: 'integrations',
  localesDir: path.join(import.meta.dirname, 'locales'),
  languages: 'all',
  tables,
  policy: integrationsPolicy,
  subscriptions,
  hooks,
  pages: webhookPages,
  desk: integrationsDesk,
};
