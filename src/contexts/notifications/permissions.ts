// Who may do what with notifications: a person reads and sets their own; unsubscribing needs only the link.
import type { Policy } from '../../platform/auth/permissions.ts';

export const notificationsPolicy: Policy = {
  'notifications.own.read': { allow: 'signed-in' },
  'notifications.follow.manage': { allow: 'signed-in' },
};
