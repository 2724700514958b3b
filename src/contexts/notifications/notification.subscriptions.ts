// Who is told of what: each domain event that asks someone to act or tells them an outcome, to the people
// concerned. Recipients are found through the identity context (who holds which role where) and follows.
import type { Subscriptions } from '../../platform/events.ts';
import { holdersInScope } from '../identity/roles.service.ts';
import { followersOf, notify } from './notification.service.ts';

const organisationPeople = (db: Parameters<typeof holdersInScope>[0], organisationId: string) => holdersInScope(db, ['organisation-admin', 'organisation-member'], 'organisation', organisationId);
const territoryHolders = (db: Parameters<typeof holdersInScope>[0], roles: Parameters<typeof holdersInScope>[1], territoryId: string) => holdersInScope(db, roles, 'territory', territoryId);

export const subscriptions: Subscriptions = {
  'agreement.adhesion.decided': async (db, e) => {
    await notify(db, {
      personIds: await organisationPeople(db, e.organisationId),
      kind: 'adhesion-decided',
      territoryId: e.territoryId,
      values: { organisation: e.organisationName, territory: e.territoryName, decision: e.decision },
      path: `/t/${e.territorySlug}/agreement`,
    });
  },
  'agreement.renewal.requested': async (db, e) => {
    for (const organisation of e.organisations) {
      await notify(db, {
        personIds: await holdersInScope(db, ['organisation-admin'], 'organisation', organisation.id),
        kind: 'renewal-due',
        territoryId: e.territoryId,
        values: { organisation: organisation.name, territory: e.territoryName },
        path: `/t/${e.territorySlug}/agreement/sign`,
      });
    }
  },
  'agreement.networkRequest.answered': async (db, e) => {
    await notify(db, {
      personIds: await organisationPeople(db, e.organisationId),
      kind: 'network-request-answered',
      territoryId: e.territoryId,
      values: { organisation: e.organisationName, network: e.networkName, accepted: e.accepted ? 'yes' : 'no' },
      path: `/t/${e.territorySlug}/networks/${e.networkSlug}`,
    });
  },
  // Desk only: the invitation's email carries the link (an account is not needed to receive it).
  'agreement.organisation.invited': async (db, e) => {
    await notify(db, {
      personIds: [e.personId],
      kind: 'organisation-invitation',
      territoryId: e.territoryId,
      values: { organisation: e.organisationName },
      path: '/organisations/invitations',
    });
  },
  'agreement.organisation.joinRequested': async (db, e) => {
    await notify(db, {
      personIds: await holdersInScope(db, ['organisation-admin'], 'organisation', e.organisationId),
      kind: 'organisation-join-requested',
      territoryId: e.territoryId,
      values: { organisation: e.organisationName, person: e.requesterName },
      path: `/organisations/${e.organisationId}/members#requests`,
    });
  },
  'agreement.organisation.joinAnswered': async (db, e) => {
    await notify(db, {
      personIds: [e.personId],
      kind: 'organisation-join-answered',
      territoryId: e.territoryId,
      values: { organisation: e.organisationName, accepted: e.accepted ? 'yes' : 'no' },
      path: `/organisations/${e.organisationId}`,
    });
  },
  // Values are kept once, so the network is named in the language it was written in first (the reader's when it has it is not known here).
  // Followers of the network are told as such; followers of the territory (not of the network) as territory news.
  'agreement.meeting.scheduled': async (db, e) => {
    const networkFollowers = await followersOf(db, 'network', e.networkId);
    const values = { network: e.networkName.ca ?? e.networkName.en ?? Object.values(e.networkName)[0] ?? '', title: e.title, date: e.heldOn };
    const path = `/t/${e.territorySlug}/networks/${e.networkSlug}`;
    await notify(db, { personIds: networkFollowers, kind: 'network-meeting', territoryId: e.territoryId, values, path });
    const following = new Set(networkFollowers);
    const territoryFollowers = (await followersOf(db, 'territory', e.territoryId)).filter((id) => !following.has(id));
    await notify(db, { personIds: territoryFollowers, kind: 'territory-meeting', territoryId: e.territoryId, values, path });
  },
  'agreement.challenge.proposed': async (db, e) => {
    await notify(db, {
      personIds: await followersOf(db, 'territory', e.territoryId),
      kind: 'territory-challenge',
      territoryId: e.territoryId,
      values: { title: e.title, organisation: e.organisationName },
      path: `/challenges/${e.challengeId}`,
    });
  },
  'agreement.challenge.supported': async (db, e) => {
    await notify(db, {
      personIds: [...(await organisationPeople(db, e.organisationId)), ...(await followersOf(db, 'challenge', e.challengeId))],
      kind: 'challenge-supported',
      territoryId: e.territoryId,
      values: { title: e.title, supporter: e.supporterName },
      path: `/challenges/${e.challengeId}`,
    });
  },
  'audits.visit.assigned': async (db, e) => {
    await notify(db, {
      personIds: [e.auditorPersonId],
      kind: 'visit-assigned',
      territoryId: e.territoryId,
      values: { territory: e.territoryName, date: e.scheduledOn },
      path: `/t/${e.territorySlug}/audits/visits/${e.visitId}/sections/1`,
    });
  },
  // The reason or the question is not copied here: the person reads it on their application's page.
  'audits.application.decided': async (db, e) => {
    await notify(db, {
      personIds: [e.personId],
      kind: `audit-application-${e.decision}`,
      territoryId: e.territoryId,
      values: { territory: e.territoryName },
      path: `/t/${e.territorySlug}/audits/application`,
    });
  },
  'audits.finding.changed': async (db, e) => {
    const coordinators = e.status === 'answered' ? await territoryHolders(db, ['audit-coordinator'], e.territoryId) : [];
    await notify(db, {
      personIds: [e.proposedBy, ...(e.status === 'answered' ? coordinators : e.managerIds)],
      exceptId: e.actorId,
      kind: `finding-${e.status}`,
      territoryId: e.territoryId,
      values: { title: e.title },
      path: `/t/${e.territorySlug}/audits/findings/${e.findingId}`,
    });
  },
  // To handlers only: the person who reported reads replies on their receipt page, never by email.
  'antenna.case.reporterMessage': async (db, e) => {
    await notify(db, {
      personIds: e.assignedTo ? [e.assignedTo] : await territoryHolders(db, ['case-handler'], e.territoryId),
      kind: 'case-message',
      territoryId: e.territoryId,
      values: { territory: e.territoryName },
      path: `/t/${e.territorySlug}/antenna/cases${e.assignedTo ? '?mine=1' : ''}`,
    });
  },
  'diagnosis.review.requested': async (db, e) => {
    await notify(db, {
      personIds: await territoryHolders(db, ['board-member'], e.territoryId),
      kind: 'vote-requested',
      territoryId: e.territoryId,
      values: { title: e.title },
      path: `/t/${e.territorySlug}/diagnosis/drafts/${e.diagnosisId}`,
    });
  },
  'diagnosis.published': async (db, e) => {
    await notify(db, {
      personIds: [...(await followersOf(db, 'territory', e.territoryId)), ...(await territoryHolders(db, ['board-member', 'audit-coordinator'], e.territoryId))],
      kind: 'diagnosis-published',
      territoryId: e.territoryId,
      values: { title: e.title, territory: e.territoryName },
      path: `/t/${e.territorySlug}/diagnosis/${e.number}`,
    });
  },
};
