// On the desk of a territory's administrators: the webhook subscriptions of the territories they manage.
import { mayEverBeAllowed } from '../../platform/auth/permissions.ts';
import type { DeskContribution } from '../../platform/portal.ts';

export const integrationsDesk: DeskContribution = async ({ actor, t, locale }) => {
  const allowed = mayEverBeAllowed(actor, 'integrations.webhook.manage');
  // The page itself asks for the second step when the session has not passed it.
  const open = allowed.ok || allowed.reason === 'two-factor-required';
  return { tasks: [], tools: open ? [{ key: 'integrations.webhooks', label: t('integrations.webhooks.title'), href: `/${locale}/admin/webhooks` }] : [] };
};
