// The domain events a webhook may follow, and what each one sends: only what its scope may read (public
// names and ids; never a person's id or name, never antenna content).
import type { DomainEvents } from '../../platform/events.ts';

export interface WebhookEvent {
  /** The scope a reader of this payload would need through the API. */
  scope: 'read:public' | 'read:audits';
  territoryId: string;
  data: Record<string, unknown>;
}

export const webhookEventNames = [
  'adhesion.approved',
  'adhesion.declined',
  'challenge.proposed',
  'challenge.supported',
  'finding.validated',
  'finding.answered',
  'finding.verified',
  'diagnosis.published',
] as const;
export type WebhookEventName = (typeof webhookEventNames)[number];

export function isWebhookEvent(value: string): value is WebhookEventName {
  return (webhookEventNames as readonly string[]).includes(value);
}

/** Domain event → (webhook event name, public payload). */
export const fromDomain = {
  'agreement.adhesion.decided': (e: DomainEvents['agreement.adhesion.decided']): [WebhookEventName, WebhookEvent] => [
    e.decision === 'approved' ? 'adhesion.approved' : 'adhesion.declined',
    { scope: 'read:public', territoryId: e.territoryId, data: { organisation: { id: e.organisationId, name: e.organisationName } } },
  ],
  'agreement.challenge.proposed': (e: DomainEvents['agreement.challenge.proposed']): [WebhookEventName, WebhookEvent] => [
    'challenge.proposed',
    { scope: 'read:public', territoryId: e.territoryId, data: { challenge: { id: e.challengeId, title: e.title }, organisation: { id: e.organisationId, name: e.organisationName } } },
  ],
  'agreement.challenge.supported': (e: DomainEvents['agreement.challenge.supported']): [WebhookEventName, WebhookEvent] => [
    'challenge.supported',
    { scope: 'read:public', territoryId: e.territoryId, data: { challenge: { id: e.challengeId, title: e.title }, supporter: { name: e.supporterName } } },
  ],
  'audits.finding.changed': (e: DomainEvents['audits.finding.changed']): [WebhookEventName, WebhookEvent] => [
    `finding.${e.status}`,
    // Who proposed, who manages and who acted are people: left out.
    { scope: 'read:audits', territoryId: e.territoryId, data: { finding: { id: e.findingId, title: e.title, status: e.status } } },
  ],
  'diagnosis.published': (e: DomainEvents['diagnosis.published']): [WebhookEventName, WebhookEvent] => [
    'diagnosis.published',
    { scope: 'read:public', territoryId: e.territoryId, data: { diagnosis: { number: e.number, title: e.title } } },
  ],
} as const;
