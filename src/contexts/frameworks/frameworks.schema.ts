// Frameworks for joint action (Share): a document co-drafted in an action network, in versions that are
// immutable once they leave draft, with comments and amendments anchored to a paragraph, and endorsements
// of an agreed version. Territory, network, organisation and person ids belong to other contexts: plain uuids.
import { check, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A framework of one network; its title, summary and text live in its versions. */
export const framework = pgTable(
  'framework',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    networkId: uuid('network_id').notNull(),
    /** The language the drafters write it in (its texts are marked with it). */
    locale: text('locale').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('framework_territory_idx').on(t.territoryId), index('framework_network_idx').on(t.networkId)],
);

export const versionStatuses = ['draft', 'consultation', 'agreed'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

/** One version: editable while a draft, then a fixed snapshot. A new version starts from the last one. */
export const frameworkVersion = pgTable(
  'framework_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    frameworkId: uuid('framework_id')
      .notNull()
      .references(() => framework.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status', { enum: versionStatuses }).notNull().default('draft'),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    consultationOpenedAt: timestamp('consultation_opened_at', { withTimezone: true }),
    /** The last day of comments and amendments, when the coordinators chose one (a calendar day, Europe/Madrid). */
    consultationClosesOn: date('consultation_closes_on', { mode: 'string' }),
    agreedAt: timestamp('agreed_at', { withTimezone: true }),
    /** When a later version replaced it: comments, amendments and endorsements on it are then closed. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('framework_version_number_idx').on(t.frameworkId, t.number), check('framework_version_number_positive', sql`${t.number} >= 1`)],
);

/** A section of a version, in order. `key` stays the same from version to version (for the diff). */
export const frameworkSection = pgTable(
  'framework_section',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    key: uuid('key').notNull(),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
  },
  (t) => [index('framework_section_version_idx').on(t.versionId, t.position)],
);

/** A paragraph of a section; comments and amendments are anchored to it. `key` as for sections. */
export const frameworkParagraph = pgTable(
  'framework_paragraph',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => frameworkSection.id, { onDelete: 'cascade' }),
    key: uuid('key').notNull(),
    position: integer('position').notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('framework_paragraph_section_idx').on(t.sectionId, t.position), index('framework_paragraph_version_idx').on(t.versionId)],
);

/** A comment on a paragraph during consultation, by a person for a member organisation. */
export const frameworkComment = pgTable(
  'framework_comment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => frameworkParagraph.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    /** Null (and the name blank) once the person's account is deleted. */
    personId: uuid('person_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    /** The language of the page it was typed on, so the page marks it with it (not the framework's). */
    lang: text('lang').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('framework_comment_paragraph_idx').on(t.paragraphId, t.createdAt), index('framework_comment_version_idx').on(t.versionId)],
);

export const amendmentStatuses = ['pending', 'accepted', 'declined'] as const;
export type AmendmentStatus = (typeof amendmentStatuses)[number];

/** A proposed replacement for a paragraph, with a reason; the coordinators accept or decline it with theirs. */
export const frameworkAmendment = pgTable(
  'framework_amendment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    paragraphId: uuid('paragraph_id')
      .notNull()
      .references(() => frameworkParagraph.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    proposedBy: uuid('proposed_by'),
    proposedByName: text('proposed_by_name').notNull(),
    replacement: text('replacement').notNull(),
    reason: text('reason').notNull(),
    /** The language of the page the replacement and reason were typed on, so pages mark them with it (not the framework's). */
    lang: text('lang').notNull(),
    status: text('status', { enum: amendmentStatuses }).notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name').notNull().default(''),
    decisionReason: text('decision_reason'),
    /** The language of the page the coordinator typed the decision's reason on; null until decided. */
    decisionLang: text('decision_lang'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('framework_amendment_version_idx').on(t.versionId, t.status), index('framework_amendment_paragraph_idx').on(t.paragraphId)],
);

/** An organisation's endorsement of an agreed version; a withdrawal is kept with its date. */
export const frameworkEndorsement = pgTable(
  'framework_endorsement',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    endorsedBy: uuid('endorsed_by'),
    endorsedByName: text('endorsed_by_name').notNull(),
    endorsedAt: timestamp('endorsed_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.organisationId] })],
);

/**
 * The agreed text as a PDF, rendered once per version and reading language. The text never changes once agreed;
 * `digest` is a fingerprint of what can still change on the page (its endorsements, the network's name), so a new
 * endorsement makes the next download render again.
 */
export const frameworkVersionPdf = pgTable(
  'framework_version_pdf',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => frameworkVersion.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    digest: text('digest').notNull(),
    pdf: bytea('pdf').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.versionId, t.locale] })],
);
