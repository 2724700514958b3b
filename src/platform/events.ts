// In-process domain events, delivered synchronously inside the publisher's transaction, so that one
// context can feed another (audits and the antenna feed the diagnosis) without reading its tables.
import type { Db } from './db/client.ts';

/** One observation that counts in the diagnosis: a validated finding or a classified antenna case. */
export interface DiagnosisFact {
  source: 'finding' | 'case';
  sourceId: string;
  territoryId: string;
  departmentId: string | null;
  serviceId: string | null;
  facilityId: string | null;
  /** Grounds of discrimination (territory settings keys); at least one. */
  grounds: string[];
  /** access, information, language, treatment, requirements, physical-accessibility, digital-access, other */
  dimension: string | null;
  districtId: string | null;
  neighbourhoodId: string | null;
  /** The month it happened or was observed, 'YYYY-MM'. */
  month: string;
  /** 1 (minor) … 4 (severe), for findings; null for cases. */
  severity: number | null;
  /** A normalised key of the barrier (e.g. the instrument item), to spot the same barrier in several facilities. */
  barrier: string | null;
}

/** The outcome counts of a paired situation test for one service and ground in one campaign. */
export interface PairedTestSummary {
  campaignId: string;
  territoryId: string;
  serviceId: string;
  ground: string;
  /** 'YYYY-MM' of the tests counted (one summary per month in which tests happened). */
  month: string;
  bothWell: number;
  bothBadly: number;
  minorityWorse: number;
  majorityWorse: number;
}

/** A community score card criterion after the interface meeting. */
export interface ScoreCardGap {
  scoreCardId: string;
  territoryId: string;
  serviceId: string;
  criterion: string;
  month: string;
  /** 0–100 averages. */
  userScore: number;
  staffScore: number;
}

/** Outcomes and requests that concern people: the notifications context tells them (see its subscriptions). */
export interface PeopleEvents {
  'agreement.adhesion.decided': { territoryId: string; territoryName: string; territorySlug: string; organisationId: string; organisationName: string; decision: 'approved' | 'declined' };
  'agreement.renewal.requested': { territoryId: string; territoryName: string; territorySlug: string; organisations: { id: string; name: string }[] };
  'agreement.networkRequest.answered': { territoryId: string; territorySlug: string; networkId: string; networkName: string; networkSlug: string; organisationId: string; organisationName: string; accepted: boolean };
  /** An organisation admin invited someone who already has an account (the email itself carries the link). */
  'agreement.organisation.invited': { territoryId: string; organisationId: string; organisationName: string; personId: string; role: string };
  'agreement.organisation.joinRequested': { territoryId: string; organisationId: string; organisationName: string; requesterName: string };
  'agreement.organisation.joinAnswered': { territoryId: string; organisationId: string; organisationName: string; personId: string; accepted: boolean };
  /** A network's public news: a meeting scheduled (its name in every language it has). */
  'agreement.meeting.scheduled': { territoryId: string; territorySlug: string; networkId: string; networkName: Record<string, string>; networkSlug: string; title: string; heldOn: string };
  'agreement.challenge.supported': { territoryId: string; challengeId: string; title: string; organisationId: string; supporterName: string };
  /** A coordinator decided an application to the audit network of a person with an account. */
  'audits.application.decided': { territoryId: string; territoryName: string; territorySlug: string; personId: string; decision: 'accepted' | 'declined' | 'more-information' };
  'audits.visit.assigned': { territoryId: string; territoryName: string; territorySlug: string; visitId: string; auditorPersonId: string; scheduledOn: string };
  'audits.finding.changed': { territoryId: string; territorySlug: string; findingId: string; title: string; status: 'validated' | 'answered' | 'verified'; proposedBy: string; managerIds: string[]; actorId: string };
  'antenna.case.reporterMessage': { territoryId: string; territoryName: string; territorySlug: string; assignedTo: string | null };
  'diagnosis.review.requested': { territoryId: string; territorySlug: string; diagnosisId: string; title: string };
  'diagnosis.published': { territoryId: string; territoryName: string; territorySlug: string; number: number; title: string };
}

/** Public facts other systems may follow (the integrations context sends them to webhooks). */
export interface PublicEvents {
  'agreement.challenge.proposed': { territoryId: string; challengeId: string; title: string; organisationId: string; organisationName: string };
}

export interface DomainEvents extends PeopleEvents, PublicEvents {
  'diagnosis.facts.upsert': { facts: DiagnosisFact[] };
  'diagnosis.facts.remove': { source: DiagnosisFact['source']; sourceIds: string[] };
  /** `replace`: the (campaign, service, ground) whose earlier summaries these replace, every month. */
  'diagnosis.pairedTests.upsert': { summaries: PairedTestSummary[]; replace?: { campaignId: string; serviceId: string; ground: string }[] };
  'diagnosis.scoreCards.upsert': { gaps: ScoreCardGap[] };
  /**
   * Something every visitor may see changed (a plan published or approved, an organisation or a challenge edited):
   * the page cache drops what it keeps. Events above that change public pages do the same.
   */
  'public.changed': { territoryId: string | null; what: string };
}

export type EventName = keyof DomainEvents;
export type Subscriber<E extends EventName> = (db: Db, payload: DomainEvents[E]) => Promise<void>;
export type Subscriptions = { [E in EventName]?: Subscriber<E> };

const subscribers = new Map<EventName, Subscriber<EventName>[]>();
const taps: ((name: EventName) => void)[] = [];

/** Told the name of every event published, after its subscribers ran (the platform's page cache listens). */
export function onPublished(listener: (name: EventName) => void): () => void {
  taps.push(listener);
  return () => void taps.splice(taps.indexOf(listener), 1);
}

export function subscribe(subscriptions: Subscriptions): void {
  for (const [name, subscriber] of Object.entries(subscriptions) as [EventName, Subscriber<EventName>][]) {
    subscribers.set(name, [...(subscribers.get(name) ?? []), subscriber]);
  }
}

/** Delivers the event to every subscriber with the same db or transaction: all commit or none. */
export async function publish<E extends EventName>(db: Db, name: E, payload: DomainEvents[E]): Promise<void> {
  for (const subscriber of subscribers.get(name) ?? []) await (subscriber as Subscriber<E>)(db, payload);
  for (const tap of taps) tap(name);
}
