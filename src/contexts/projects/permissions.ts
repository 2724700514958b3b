// Who may do what in joint projects and mutual aid: one table. A project is edited only by its partners
// (people of a partner organisation, and the council's staff when the council is a partner); a post and its
// conversations belong to the person who posted it, or to the organisation it was posted for.
import type { Policy } from '../../platform/auth/permissions.ts';

export const projectsPolicy: Policy = {
  /** Public pages: projects, public offers, counts, open data. */
  'projects.public.view': { allow: 'anyone' },
  /** Start a project for one's organisation (which becomes its lead), or as the council. */
  'projects.project.create': { allow: ['organisation-admin', 'organisation-member', 'territory-admin', 'promoting-group-member'] },
  /**
   * Edit a project: partners, budget, milestones, updates, links. Checked per partner: an organisation's people
   * for an organisation partner, the territory's staff for the council partner.
   */
  'projects.project.edit': { allow: ['organisation-admin', 'organisation-member', 'territory-admin', 'promoting-group-member'] },
  /** Post an offer or a need (for oneself, or for one's organisation). */
  'projects.aid.post': { allow: 'signed-in' },
  /** Act on a post and its conversations: its author, or the people of the organisation it was posted for. */
  'projects.aid.manage': { allow: ['organisation-admin', 'organisation-member'], owner: true },
};
