// Who may do what in the audits context.
import type { Policy } from '../../platform/auth/permissions.ts';

export const policy: Policy = {
  // Anyone may ask to join the Citizens' Audit Network.
  'audits.enrolment.apply': { allow: 'anyone' },
  // Whoever holds an application's secret link ties it to their account; a person reads their own applications.
  'audits.application.link': { allow: 'signed-in' },
  'audits.application.own': { allow: 'signed-in' },
  // Auditors' names and contacts: coordinators only, after a second factor, every read access-logged.
  'audits.auditor.read': { allow: ['audit-coordinator'], twoFactor: true },
  'audits.auditor.manage': { allow: ['audit-coordinator'], twoFactor: true },
  'audits.instrument.manage': { allow: ['audit-coordinator'] },
  'audits.instrument.view': { allow: ['audit-coordinator', 'auditor'] },
  'audits.campaign.manage': { allow: ['audit-coordinator'] },
  // Campaign results carry no personal data.
  'audits.results.view': { allow: ['platform-admin', 'territory-admin', 'audit-coordinator', 'service-manager', 'board-member', 'researcher'] },
  // An auditor fills the visits assigned to them (the service checks the visit is theirs).
  'audits.fieldwork.fill': { allow: ['auditor'] },
  'audits.finding.view': { allow: ['territory-admin', 'audit-coordinator', 'service-manager'] },
  'audits.finding.manage': { allow: ['audit-coordinator'] },
  'audits.finding.respond': { allow: ['service-manager'] },
  // A service's own staff score it on a score card's criteria (the service checks they answer for that service).
  'audits.scoreCard.selfAssess': { allow: ['service-manager'] },
  // Self-assessment campaigns: a coordinator sees every service's, a manager only their services' (checked by the service).
  'audits.selfAssessment.view': { allow: ['audit-coordinator', 'service-manager'] },
  'audits.selfAssessment.create': { allow: ['audit-coordinator', 'service-manager'] },
  // Only the service's own staff type its self-assessment.
  'audits.selfAssessment.fill': { allow: ['service-manager'] },
};
