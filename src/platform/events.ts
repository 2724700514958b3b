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

export interface DomainEvents {
  'diagnosis.facts.upsert': { facts: DiagnosisFact[] };
  'diagnosis.facts.remove': { source: DiagnosisFact['source']; sourceIds: string[] };
  /** `replace`: the (campaign, service, ground) whose earlier summaries these replace, every month. */
  'diagnosis.pairedTests.upsert': { summaries: PairedTestSummary[]; replace?: { campaignId: string; serviceId: string; ground: string }[] };
  'diagnosis.scoreCards.upsert': { gaps: ScoreCardGap[] };
}

export type EventName = keyof DomainEvents;
export type Subscriber<E extends EventName> = (db: Db, payload: DomainEvents[E]) => Promise<void>;
export type Subscriptions = { [E in EventName]?: Subscriber<E> };

const subscribers = new Map<EventName, Subscriber<EventName>[]>();

export function subscribe(subscriptions: Subscriptions): void {
  for (const [name, subscriber] of Object.entries(subscriptions) as [EventName, Subscriber<EventName>][]) {
    subscribers.set(name, [...(subscribers.get(name) ?? []), subscriber]);
  }
}

/** Delivers the event to every subscriber with the same db or transaction: all commit or none. */
export async function publish<E extends EventName>(db: Db, name: E, payload: DomainEvents[E]): Promise<void> {
  for (const subscriber of subscribers.get(name) ?? []) await (subscriber as Subscriber<E>)(db, payload);
}
