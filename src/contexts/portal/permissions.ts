// Who may use the portal's pages. The front pages and feeds are public; a desk is its owner's.
import type { Policy } from '../../platform/auth/permissions.ts';

export const portalPolicy: Policy = {
  'portal.desk.view': { allow: 'signed-in' },
};
