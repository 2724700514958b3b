// Who may do what with the service catalogue.
import type { Policy, Role } from '../../platform/auth/permissions.ts';

const coordinators: Role[] = ['platform-admin', 'territory-admin', 'audit-coordinator'];

export const policy: Policy = {
  'catalogue.view': { allow: 'anyone' },
  'catalogue.manage': { allow: coordinators },
  // Which service managers answer for a service (each change access-logged).
  'catalogue.service-manager.assign': { allow: coordinators },
};
