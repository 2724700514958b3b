// Who may change a territory's settings: its administrators (and platform admins), with a recent second step.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  'territories.settings.manage': { allow: ['platform-admin', 'territory-admin'], twoFactor: true, recentTwoFactor: true },
};
