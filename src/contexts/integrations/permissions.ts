// Who may do what with integrations: a territory's admins manage its webhook subscriptions, behind a second factor.
import type { Policy } from '../../platform/auth/permissions.ts';

export const integrationsPolicy: Policy = {
  'integrations.webhook.manage': { allow: ['platform-admin', 'territory-admin'], twoFactor: true },
};
