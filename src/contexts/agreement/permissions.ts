// Who may do what in the Agreement: one table. Scopes: organisation roles act for their organisation,
// the promoting group and territory admins for their territory, coordinators for their network.
import type { Policy } from '../../platform/auth/permissions.ts';

export const agreementPolicy: Policy = {
  /** Public pages: the Agreement, directory, organisations, networks, challenges. */
  'agreement.public.view': { allow: 'anyone' },
  /** Anyone with an account may register an organisation; they become its admin (identity grants it). */
  'agreement.organisation.create': { allow: 'signed-in' },
  'agreement.organisation.edit': { allow: ['organisation-admin', 'territory-admin'] },
  'agreement.organisation.verify': { allow: ['territory-admin'] },
  'agreement.organisation.export': { allow: ['territory-admin', 'promoting-group-member'] },
  /** The staff list of the territory's organisations (verification, standing in the Agreement). */
  'agreement.organisation.list': { allow: ['territory-admin', 'promoting-group-member'] },
  /** Its people see who else is in it; its admins (and the territory's) invite, answer requests, remove. */
  'agreement.organisation.members.view': { allow: ['organisation-admin', 'organisation-member', 'territory-admin'] },
  'agreement.organisation.members.manage': { allow: ['organisation-admin'] },
  /** Anyone signed in may ask to join an organisation, or accept an invitation sent to their address. */
  'agreement.organisation.join': { allow: 'signed-in' },
  'agreement.organisation.leave': { allow: ['organisation-admin', 'organisation-member'] },
  'agreement.commitments.publish': { allow: ['promoting-group-member', 'territory-admin'] },
  'agreement.adhesion.sign': { allow: ['organisation-admin'] },
  'agreement.adhesion.leave': { allow: ['organisation-admin'] },
  'agreement.adhesion.review': { allow: ['promoting-group-member'] },
  'agreement.network.create': { allow: ['promoting-group-member', 'territory-admin'] },
  /** An organisation asks to join a network. */
  'agreement.network.join': { allow: ['organisation-admin'] },
  /** The council asks to add one of its departments to a network. */
  'agreement.network.joinDepartment': { allow: ['territory-admin'] },
  /** Accept or decline requests, working groups, meetings, minutes and decisions. */
  'agreement.network.coordinate': { allow: ['network-coordinator'] },
  'agreement.challenge.propose': { allow: ['organisation-admin', 'organisation-member'] },
  'agreement.challenge.support': { allow: ['organisation-admin', 'organisation-member'] },
  'agreement.challenge.prioritise': { allow: ['promoting-group-member'] },
};
