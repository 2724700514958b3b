// Who may do what in the plans context.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  /** Published plans, their follow-up, the tracker and open data: everyone. */
  'plans.public.view': { allow: 'anyone' },
  /** Plans being drafted or in review, recommendations and follow-ups. */
  'plans.plan.view': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'promoting-group-member', 'board-member', 'service-manager', 'network-coordinator'] },
  /** Draft and edit plans: goals, measures, actions, indicators and measurements; import results. */
  'plans.plan.edit': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'promoting-group-member'] },
  /** Send a plan (or its revision) to the body that approves it. */
  'plans.plan.submit': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'promoting-group-member'] },
  /** The approving body's recorded vote (the board, or the promoting group, as the plan says). */
  'plans.plan.vote': { allow: ['board-member', 'promoting-group-member'] },
  /** Propose measures for a draft and comment on its measures, for one's member organisation. */
  'plans.contribution.make': { allow: ['organisation-admin', 'organisation-member'] },
  /** Turn findings into recommendations to a service. */
  'plans.recommendation.propose': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator'] },
  /** Accept or decline a recommendation (only for the services one manages). */
  'plans.recommendation.answer': { allow: ['service-manager'] },
  /** Record a follow-up visit against a measure's finding, and validate another coordinator's. */
  'plans.verification.manage': { allow: ['audit-coordinator'] },
};
