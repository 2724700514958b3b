// Who may do what in the antenna. Case content needs a case handler of the territory with 2FA.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  /** Anyone may report, and follow a report with its receipt. */
  'antenna.report.submit': { allow: 'anyone' },
  'antenna.report.follow': { allow: 'anyone' },
  /** A member of an organisation files for a person, with their consent, and follows it. */
  'antenna.report.onBehalf': { allow: ['organisation-member'] },
  /** The queue, reading cases, triage, classification and referral. */
  'antenna.case.list': { allow: ['case-handler'], twoFactor: true },
  'antenna.case.read': { allow: ['case-handler'], twoFactor: true, recentTwoFactor: true },
  'antenna.case.manage': { allow: ['case-handler'], twoFactor: true },
  /** The audit network cites a classified case as evidence: non-identifying fields only. */
  'antenna.case.evidence': { allow: ['case-handler', 'audit-coordinator'] },
  /** A handler sets up and unlocks their own case key. */
  'antenna.key.manage': { allow: ['case-handler'], twoFactor: true, recentTwoFactor: true },
  /** The territory's recovery key: made once, and used to re-grant a handler who lost their password. */
  'antenna.recovery.manage': { allow: ['territory-admin'], twoFactor: true, recentTwoFactor: true },
};
