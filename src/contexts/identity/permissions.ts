// Who may do what with accounts, roles and the access log.
import type { Policy, Role } from '../../platform/auth/permissions.ts';

/** Roles that can read antenna reports, auditors' personal data or the access log: two-factor is mandatory. */
export const twoFactorRoles: readonly Role[] = ['case-handler', 'audit-coordinator', 'territory-admin', 'board-member', 'platform-admin'];

/** Who may assign a role: platform admins any role anywhere, territory admins roles inside their territory. */
export const roleManagers: readonly Role[] = ['platform-admin', 'territory-admin'];

export const policy: Policy = {
  // Your own account: everyone signed in, on their own things.
  'identity.account.manage': { allow: 'signed-in' },
  // Roles and invitations: a privileged change, behind a second factor.
  'identity.role.manage': { allow: roleManagers, twoFactor: true, recentTwoFactor: true },
  // Recipients and subjects in the outbox (no mail server configured): admins, scoped, with a second factor.
  'identity.outbox.read': { allow: ['platform-admin', 'territory-admin'], twoFactor: true, recentTwoFactor: true },
  // OAuth clients of a territory (list, revoke): its admins, with a second factor.
  'identity.apiClient.manage': { allow: ['platform-admin', 'territory-admin'], twoFactor: true },
  // The access log: territory admins and the coexistence board, with a second factor.
  'identity.accessLog.read': { allow: ['territory-admin', 'board-member', 'platform-admin'], twoFactor: true },
};
