// Who may do what with frameworks: one table. Coordinators act for their network (or, held for a territory,
// for its networks). Taking part (comments, amendments) and endorsing also need the person's organisation to
// be a member of the framework's network: the service checks that on top of the role.
import type { Policy } from '../../platform/auth/permissions.ts';

export const frameworksPolicy: Policy = {
  /** Frameworks in consultation or agreed, their versions, diffs, amendments, endorsements and open data. */
  'frameworks.public.view': { allow: 'anyone' },
  /** Draft a framework and its versions, open consultation, accept or decline amendments (access-logged), agree a version. */
  'frameworks.framework.coordinate': { allow: ['network-coordinator'] },
  /** Comment on a paragraph, propose an amendment, for a member organisation of the network. */
  'frameworks.framework.contribute': { allow: ['organisation-admin', 'organisation-member'] },
  /** Endorse an agreed version (or withdraw the endorsement) for a member organisation of the network. */
  'frameworks.framework.endorse': { allow: ['organisation-admin'] },
};
