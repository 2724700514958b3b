// Who may do what in the audits context.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  'audits.catalogue.view': { allow: 'anyone' },
  'audits.catalogue.manage': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator'] },
};
