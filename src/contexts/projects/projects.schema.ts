// Co-production (Co-produce): joint projects of organisations and the council, and mutual aid (offers and needs,
// matched in a conversation that reveals contacts only when both sides agree). Territory, organisation, person,
// district, challenge and measure ids belong to other contexts and are kept as plain uuid columns.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A joint project of several organisations and the council. */
export const project = pgTable(
  'project',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** What the partners set out to achieve, one goal a line. */
    goals: text('goals').notNull().default(''),
    /** The language the partners wrote it in. */
    locale: text('locale').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_territory_idx').on(t.territoryId, t.createdAt)],
);

export const partnerRoles = ['lead', 'partner', 'council', 'funder'] as const;
export type PartnerRole = (typeof partnerRoles)[number];

/** An organisation taking part in a project, or the council (organisation null, name the territory's council). */
export const projectPartner = pgTable(
  'project_partner',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id'),
    name: text('name').notNull(),
    role: text('role', { enum: partnerRoles }).notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('project_partner_organisation_key').on(t.projectId, t.organisationId),
    // One council per project.
    uniqueIndex('project_partner_council_key').on(t.projectId).where(sql`${t.organisationId} is null`),
  ],
);

/** A line of a project's budget: what for, how much (euro cents), paid by whom. */
export const projectBudgetLine = pgTable(
  'project_budget_line',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    concept: text('concept').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    funder: text('funder').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_budget_line_project_idx').on(t.projectId), check('project_budget_line_amount', sql`${t.amountCents} between 0 and 100000000000`)],
);

export const projectMilestone = pgTable(
  'project_milestone',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** The day it was reached; null while not done. */
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_milestone_project_idx').on(t.projectId, t.dueOn)],
);

/** A dated post by a partner on how the project goes. */
export const projectUpdate = pgTable(
  'project_update',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id, { onDelete: 'cascade' }),
    /** The partner it is posted for (null: the council). */
    organisationId: uuid('organisation_id'),
    partnerName: text('partner_name').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('project_update_project_idx').on(t.projectId, t.postedAt), index('project_update_author_idx').on(t.authorId)],
);

/** A challenge (agreement context) the project answers. */
export const projectChallenge = pgTable('project_challenge', {
  projectId: uuid('project_id')
    .notNull()
    .references(() => project.id, { onDelete: 'cascade' }),
  challengeId: uuid('challenge_id').notNull(),
}, (t) => [primaryKey({ columns: [t.projectId, t.challengeId] })]);

/** A strategy measure (plans context) the project serves. */
export const projectMeasure = pgTable('project_measure', {
  projectId: uuid('project_id')
    .notNull()
    .references(() => project.id, { onDelete: 'cascade' }),
  measureId: uuid('measure_id').notNull(),
}, (t) => [primaryKey({ columns: [t.projectId, t.measureId] })]);

export const aidSides = ['offer', 'need'] as const;
export type AidSide = (typeof aidSides)[number];
export const aidKinds = ['accompaniment', 'translation', 'legal-advice', 'food', 'housing', 'training', 'digital-help', 'care', 'other'] as const;
export type AidKind = (typeof aidKinds)[number];

/**
 * An offer of help or a need, posted by a person or for an organisation. The contact is shown only to the
 * other side of a match both sides agreed to; a need's description and a person's name are never public.
 */
export const aidPost = pgTable(
  'aid_post',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    side: text('side', { enum: aidSides }).notNull(),
    kind: text('kind', { enum: aidKinds }).notNull(),
    /** An area of work (agreement context's list), or '' for any. */
    area: text('area').notNull().default(''),
    districtId: uuid('district_id'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    contact: text('contact').notNull(),
    fromOn: date('from_on', { mode: 'string' }),
    untilOn: date('until_on', { mode: 'string' }),
    /** Posted for an organisation (its members act on it), or null for a person's own post. */
    organisationId: uuid('organisation_id'),
    organisationName: text('organisation_name').notNull().default(''),
    postedBy: uuid('posted_by'),
    postedByName: text('posted_by_name').notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('aid_post_territory_idx').on(t.territoryId, t.side, t.kind),
    index('aid_post_posted_by_idx').on(t.postedBy),
    check('aid_post_dates', sql`${t.untilOn} is null or ${t.fromOn} is null or ${t.untilOn} >= ${t.fromOn}`),
  ],
);

/** A need and an offer put in touch: a conversation; contacts show once both sides agreed. */
export const aidMatch = pgTable(
  'aid_match',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    needId: uuid('need_id')
      .notNull()
      .references(() => aidPost.id, { onDelete: 'cascade' }),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => aidPost.id, { onDelete: 'cascade' }),
    openedBySide: text('opened_by_side', { enum: aidSides }).notNull(),
    needAgreedAt: timestamp('need_agreed_at', { withTimezone: true }),
    offerAgreedAt: timestamp('offer_agreed_at', { withTimezone: true }),
    fulfilledAt: timestamp('fulfilled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('aid_match_pair_key').on(t.needId, t.offerId), index('aid_match_offer_idx').on(t.offerId), index('aid_match_territory_idx').on(t.territoryId)],
);

export const aidMessage = pgTable(
  'aid_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id')
      .notNull()
      .references(() => aidMatch.id, { onDelete: 'cascade' }),
    side: text('side', { enum: aidSides }).notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('aid_message_match_idx').on(t.matchId, t.at), index('aid_message_author_idx').on(t.authorId)],
);
