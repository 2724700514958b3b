// Who may use the portal's pages. The front pages and feeds are public; a desk is its owner's.
import type { Policy } from '../../platform/auth/permissions.ts';

export const portalPolicy: Policy = {
  'portal.desk.view': { allow: 'signed-in' },
  // The demo people and their roles (only in an installation with the demo data): administrators.
  'portal.demoPeople.view': { allow: ['platform-admin', 'territory-admin'], twoFactor: true },
};
