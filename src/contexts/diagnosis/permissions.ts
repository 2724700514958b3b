// Who may do what in the diagnosis context.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  /** Published diagnoses, open data and the suppressed explorer: everyone. */
  'diagnosis.public.view': { allow: 'anyone' },
  /** Exact counts inside the platform (every view is access-logged). */
  'diagnosis.staff.view': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'board-member'] },
  /** Prepare a diagnosis for a period: the snapshot plus the written analysis. */
  'diagnosis.draft.prepare': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator'] },
  /** Read diagnoses in review and comment on them. */
  'diagnosis.draft.review': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'board-member'] },
  /** Approve or reject: the coexistence board's recorded vote. */
  'diagnosis.draft.vote': { allow: ['board-member'] },
  /** Row-level, k-anonymous extracts for research (access-logged and watermarked). */
  'diagnosis.extract.download': { allow: ['researcher'], twoFactor: true, recentTwoFactor: true },
};
