// Who may do what in co-production: one table. Coordinators act for their network, the promoting group and
// territory admins for their territory. Taking part in a network's debate also needs the person's organisation
// to be a member of that network (checked by the service, on top of the role).
import type { Policy } from '../../platform/auth/permissions.ts';

export const coproductionPolicy: Policy = {
  /** Public pages: events, calendars, debates, open data. */
  'coproduction.public.view': { allow: 'anyone' },
  /** Schedule an event, read its registrations, mark attendance, record the minutes. */
  'coproduction.event.organise': { allow: ['network-coordinator', 'promoting-group-member', 'territory-admin'] },
  /** Ask for a place (or a place on the waiting list), and cancel it. */
  'coproduction.event.register': { allow: 'signed-in' },
  'coproduction.debate.open': { allow: ['network-coordinator', 'promoting-group-member', 'territory-admin'] },
  'coproduction.debate.contribute': { allow: ['organisation-admin', 'organisation-member', 'network-coordinator', 'promoting-group-member', 'territory-admin'] },
  /** Hide a contribution with a reason (its author still reads it), or show it again. Access-logged. */
  'coproduction.debate.moderate': { allow: ['network-coordinator', 'promoting-group-member', 'territory-admin'] },
  /** Draft a statement in a network, translate it, open the signing window and publish it. */
  'coproduction.statement.draft': { allow: ['network-coordinator'] },
  /** Sign (or withdraw the signature of) a statement for an organisation that adheres to the Agreement. */
  'coproduction.statement.sign': { allow: ['organisation-admin'] },
};
