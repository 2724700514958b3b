// Notifications: what a person is told (shown on their desk, and emailed as they chose), their choices per
// kind, and what they follow. Rows hold a kind, values and a link, rendered in the reader's language when shown.
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const notificationKinds = [
  'adhesion-decided',
  'renewal-due',
  'network-request-answered',
  'visit-assigned',
  'finding-validated',
  'finding-answered',
  'finding-verified',
  'case-message',
  'vote-requested',
  'diagnosis-published',
  'challenge-supported',
  'organisation-invitation',
  'organisation-join-requested',
  'organisation-join-answered',
  'network-meeting',
  'audit-application-accepted',
  'audit-application-declined',
  'audit-application-more-information',
  /** A territory's public news, to its followers: a challenge proposed, a network meeting scheduled. */
  'territory-challenge',
  'territory-meeting',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Kinds told on the desk only: the invitation's own email already carries its link, a second would repeat it. */
export const deskOnlyKinds: readonly NotificationKind[] = ['organisation-invitation'];
/** The kinds a person chooses how to be told of. */
export const choosableKinds = notificationKinds.filter((k) => !deskOnlyKinds.includes(k));

export const frequencies = ['immediate', 'daily', 'weekly', 'none'] as const;
export type Frequency = (typeof frequencies)[number];

export const followKinds = ['territory', 'network', 'challenge'] as const;
export type FollowKind = (typeof followKinds)[number];

export const notification = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    territoryId: uuid('territory_id'),
    /** Values of the kind's message (names and titles, never a narrative or contact). */
    values: jsonb('values').$type<Record<string, string>>().notNull(),
    /** Path without the locale, e.g. "/t/barcelona/agreement". */
    path: text('path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** 'sent' (immediately), 'daily' / 'weekly' (waits for the digest), 'none' (desk only). */
    mail: text('mail', { enum: ['sent', 'daily', 'weekly', 'none'] }).notNull(),
    mailedAt: timestamp('mailed_at', { withTimezone: true }),
  },
  (t) => [index('notification_person_idx').on(t.personId, t.createdAt), index('notification_digest_idx').on(t.mail, t.mailedAt)],
);

export const notificationPreference = pgTable(
  'notification_preference',
  {
    personId: uuid('person_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    frequency: text('frequency', { enum: frequencies }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.kind] })],
);

export const follow = pgTable(
  'follow',
  {
    personId: uuid('person_id').notNull(),
    subjectKind: text('subject_kind', { enum: followKinds }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.subjectKind, t.subjectId] }), index('follow_subject_idx').on(t.subjectKind, t.subjectId)],
);
