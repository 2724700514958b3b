// On every desk: the unread notifications, and where to choose how one is told.
import type { DeskContribution } from '../../platform/portal.ts';
import { unreadCount } from './notification.service.ts';

export const notificationsDesk: DeskContribution = async ({ db, actor, t, locale }) => ({
  tasks: [{ key: 'notifications.unread', count: await unreadCount(db, actor.personId), label: t('notifications.desk.unread'), href: `/${locale}/notifications` }],
  tools: [{ key: 'notifications.settings', label: t('notifications.settings.title'), href: `/${locale}/notifications/settings` }],
});
