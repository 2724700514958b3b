// On every desk: the person's account; for administrators, the roles, the access log and the mail outbox.
import { mayEverBeAllowed } from '../../platform/auth/permissions.ts';
import type { DeskContribution, DeskTool } from '../../platform/portal.ts';
import { managedTerritories } from './roles.service.ts';

const adminPages: [key: string, path: string, action: string, title: string][] = [
  ['roles', '/admin/roles', 'identity.role.manage', 'identity.roles.title'],
  ['accessLog', '/admin/access-log', 'identity.accessLog.read', 'identity.accessLog.title'],
  ['outbox', '/admin/outbox', 'identity.outbox.read', 'identity.outbox.title'],
];

export const identityDesk: DeskContribution = async ({ actor, t, locale }) => {
  const tools: DeskTool[] = [{ key: 'identity.account', label: t('identity.account.title'), href: `/${locale}/account` }];
  for (const [key, path, action, title] of adminPages) {
    const allowed = mayEverBeAllowed(actor, action);
    // The roles page lists the territories whose roles the person manages: none, no link.
    const managed = managedTerritories(actor);
    if (key === 'roles' && managed !== 'all' && managed.length === 0) continue;
    if (allowed.ok || allowed.reason === 'two-factor-required') tools.push({ key: `identity.${key}`, label: t(title), href: `/${locale}${path}` });
  }
  return { tasks: [], tools };
};
