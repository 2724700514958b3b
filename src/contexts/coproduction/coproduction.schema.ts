// Co-production (Communicate): events and meetings with registration, a waiting list, attendance and minutes,
// and debates whose contributions moderators may hide with a reason. Territory, network, organisation and
// person ids belong to other contexts and are kept as plain uuid columns.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** An event or meeting of a territory, or of one of its action networks. */
export const coproductionEvent = pgTable(
  'coproduction_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    /** The action network that organises it; null for an event of the whole territory. */
    networkId: uuid('network_id'),
    title: text('title').notNull(),
    description: text('description').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Where it is held (an address), or '' when it is online only. */
    place: text('place').notNull().default(''),
    /** The address of the online meeting, when there is one. */
    onlineUrl: text('online_url'),
    /** In a forum, the member municipality (its territory id) where it is held; null when online or across the forum. */
    municipalityId: uuid('municipality_id'),
    /** How many people may take part; the next registrations go to the waiting list. */
    capacity: integer('capacity').notNull(),
    minutes: text('minutes'),
    minutesAt: timestamp('minutes_at', { withTimezone: true }),
    /** The person who created it; null once their account is deleted (the name is then blank too). */
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coproduction_event_territory_idx').on(t.territoryId, t.startsAt),
    index('coproduction_event_network_idx').on(t.networkId, t.startsAt),
    check('coproduction_event_capacity', sql`${t.capacity} between 1 and 100000`),
    check('coproduction_event_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const registrationStatuses = ['registered', 'waiting', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/** A person's place at an event, or on its waiting list; its code is shown at the door to mark attendance. */
export const eventRegistration = pgTable(
  'coproduction_event_registration',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => coproductionEvent.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: registrationStatuses }).notNull(),
    /** Eight letters and digits, unique in the event. */
    code: text('code').notNull(),
    /** When the person asked for a place: the waiting list goes in this order. */
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    attended: boolean('attended').notNull().default(false),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('coproduction_event_registration_person_key').on(t.eventId, t.personId),
    uniqueIndex('coproduction_event_registration_code_key').on(t.eventId, t.code),
    index('coproduction_event_registration_queue_idx').on(t.eventId, t.status, t.requestedAt),
  ],
);

/** A debate opened in a territory or in one of its networks. */
export const debate = pgTable(
  'coproduction_debate',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    networkId: uuid('network_id'),
    title: text('title').notNull(),
    question: text('question').notNull(),
    /** The person who opened it; null once their account is deleted (the name is then blank too). */
    openedBy: uuid('opened_by'),
    openedByName: text('opened_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('coproduction_debate_territory_idx').on(t.territoryId, t.createdAt)],
);

/** What a person says in a debate, in their own name or their organisation's. A hidden one keeps its text for its author. */
export const debateContribution = pgTable(
  'coproduction_debate_contribution',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    debateId: uuid('debate_id')
      .notNull()
      .references(() => debate.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    authorName: text('author_name').notNull(),
    organisationId: uuid('organisation_id'),
    organisationName: text('organisation_name'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    hiddenByName: text('hidden_by_name'),
  },
  (t) => [index('coproduction_debate_contribution_debate_idx').on(t.debateId, t.createdAt), check('coproduction_debate_contribution_reason', sql`${t.hiddenAt} IS NULL OR ${t.hiddenReason} IS NOT NULL`)],
);

export const statementStatuses = ['draft', 'signing', 'published'] as const;
export type StatementStatus = (typeof statementStatuses)[number];

/** A statement says where the signatories stand; an analysis is a report with files, published the same way. */
export const statementKinds = ['statement', 'analysis'] as const;
export type StatementKind = (typeof statementKinds)[number];

/** A public statement drafted in a network, co-signed by member organisations during a signing window, then published. */
export const statement = pgTable(
  'coproduction_statement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    networkId: uuid('network_id').notNull(),
    kind: text('kind', { enum: statementKinds }).notNull().default('statement'),
    /** The language the drafters wrote it in; other texts are their translations. */
    originalLocale: text('original_locale').notNull(),
    status: text('status', { enum: statementStatuses }).notNull().default('draft'),
    signingOpenedAt: timestamp('signing_opened_at', { withTimezone: true }),
    /** The last moment an organisation may sign. */
    signingClosesAt: timestamp('signing_closes_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coproduction_statement_territory_idx').on(t.territoryId, t.status), index('coproduction_statement_kind_idx').on(t.territoryId, t.kind)],
);

/** The statement's title and text in one language: the original, or a drafter's translation. */
export const statementText = pgTable(
  'coproduction_statement_text',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statement.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    writtenBy: uuid('written_by'),
    writtenByName: text('written_by_name').notNull(),
    writtenAt: timestamp('written_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.locale] })],
);

/** An organisation's signature; withdrawn (kept, with the date) only before publication. */
export const statementSignature = pgTable(
  'coproduction_statement_signature',
  {
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statement.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    signedBy: uuid('signed_by'),
    signedByName: text('signed_by_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.organisationId] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A file of an analysis (its report, its tables), checked by content as the library's files are. Public once the
 * analysis is, and small: its bytes are kept in the row, so every instance reads them and the demo can seed one.
 */
export const statementFile = pgTable(
  'coproduction_statement_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => statement.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coproduction_statement_file_statement_idx').on(t.statementId), check('coproduction_statement_file_size', sql`${t.size} > 0`)],
);
