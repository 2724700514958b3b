// Who may do what in the library: one table. Sharing is for members of an organisation that adheres to the
// territory's Agreement, coordinators of one of its networks, and the council's staff (territory admins); the
// service checks the exact publisher on top of the role. Comments are by members of organisations.
import type { Policy } from '../../platform/auth/permissions.ts';

export const libraryPolicy: Policy = {
  /** The library's pages, files, open data and API. */
  'library.public.view': { allow: 'anyone' },
  /** Share an item for an organisation, a network or the council; edit what that publisher shared. */
  'library.item.share': { allow: ['organisation-admin', 'organisation-member', 'network-coordinator', 'territory-admin'] },
  /** Comment on an item in the name of one's organisation. */
  'library.comment.add': { allow: ['organisation-admin', 'organisation-member'] },
  /** Remove one's own comment (the service checks the author). */
  'library.comment.remove': { allow: [], owner: true },
  /** Hide a comment with a reason (its author still reads it), or show it again. Both access-logged. */
  'library.comment.moderate': { allow: ['promoting-group-member', 'territory-admin'] },
};
