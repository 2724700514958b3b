import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ContextManifest } from '../../platform/manifest.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { scheduleJob } from '../../platform/jobs/schedule.ts';
import { notificationsPolicy } from './permissions.ts';
import { notificationPages } from './notification.routes.ts';
import { notificationsApi } from './notification.api.ts';
import { subscriptions } from './notification.subscriptions.ts';
import { notificationsDesk } from './notifications.desk.ts';
import { sendDigests, setDelivery } from './notification.service.ts';
import * as tables from './notification.schema.ts';

/** App-wide: the mail queue for immediate emails, and the hourly digest run (one instance at a time). */
const hooks: FastifyPluginAsync = async (app) => {
  setDelivery({ mailer: app.mailer, publicUrl: app.config.publicUrl, secret: await getOrCreateSecret(app.database.db, 'notifications-unsubscribe') });
  scheduleJob(app, 'notifications digest', 60 * 60 * 1000, async () => void (await sendDigests(app.database.db)));
  app.addHook('onClose', async () => setDelivery(null));
};

/** Notifications: people told what concerns them, on their desk and by email as they choose; follows; digests. */
export const notificationsManifest: ContextManifest = {
  name: 'notifications',
  localesDir: path.join(import.meta.dirname, 'locales'),
  tables,
  languages: 'all',
  policy: notificationsPolicy,
  subscriptions,
  hooks,
  pages: notificationPages,
  api: notificationsApi,
  desk: notificationsDesk,
};
