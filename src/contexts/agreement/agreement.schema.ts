// The Agreement: organisations, the versioned commitments and adhesions to them, action networks
// (members, working groups, meetings, decisions) and social challenges. Territory, area, person and
// department ids belong to other contexts and are kept as plain uuid columns.
import { sql, type SQL } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A text in several languages: locale → text. Shown in the page's language, else the first there is. */
export type Translated = Record<string, string>;

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** PostgreSQL's full-text document: the unaccented words of a text (read by the directory's search only). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The words the directory searches, unaccented and in lower case (agreement_search_text, migrations/0007, is an
 * IMMUTABLE unaccent + lower, so the column can be generated); an organisation's name weighs more than the rest.
 */
const searchVector = (name: SQL | null) => {
  const document = sql`to_tsvector('simple'::regconfig, agreement_search_text(search_document))`;
  return tsvector('search_vector')
    .notNull()
    .generatedAlwaysAs(name ? sql`setweight(to_tsvector('simple'::regconfig, agreement_search_text(${name})), 'A') || ${document}` : document);
};

/** The Agreement of one territory (a municipality's Agreement, or a forum): what it is for and who promotes it. */
export const agreementSpace = pgTable('agreement_space', {
  territoryId: uuid('territory_id').primaryKey(),
  title: jsonb('title').$type<Translated>().notNull(),
  description: jsonb('description').$type<Translated>().notNull(),
  /** One goal per line, per language. */
  goals: jsonb('goals').$type<Translated>().notNull(),
  promotingGroup: jsonb('promoting_group').$type<Translated>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The commitments an organisation signs. A new version asks every member to renew. */
export const commitmentsVersion = pgTable(
  'commitments_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    version: integer('version').notNull(),
    text: jsonb('text').$type<Translated>().notNull(),
    /**
     * Per language, the version its text belongs to: this version where the text was written or updated for it,
     * an earlier one where the editor published without translating. A language missing here belongs to this version.
     */
    textVersions: jsonb('text_versions').$type<Record<string, number>>().notNull().default({}),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedByName: text('published_by_name').notNull(),
    /** The person who published it (an identity id), so that deleting their account removes the name. */
    publishedBy: uuid('published_by'),
  },
  (t) => [uniqueIndex('commitments_version_territory_version_key').on(t.territoryId, t.version), check('commitments_version_positive', sql`${t.version} > 0`)],
);

export const organisationTypes = ['association', 'foundation', 'ngo', 'cooperative', 'social-movement', 'neighbourhood-association', 'federation', 'company', 'university', 'public-body'] as const;
export type OrganisationType = (typeof organisationTypes)[number];

export const organisation = pgTable(
  'organisation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The municipality (or forum) where the organisation is registered. */
    territoryId: uuid('territory_id').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: organisationTypes }).notNull(),
    description: text('description').notNull().default(''),
    /** Keys of the areas-of-work taxonomy (organisation.settings.ts). */
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    /** Ids of the territory's districts where it acts. */
    districtIds: uuid('district_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Language codes (BCP 47) of the languages it works in. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    website: text('website'),
    publicEmail: text('public_email'),
    publicPhone: text('public_phone'),
    /** Name, description, area labels in every core language and district names: what the directory searches. */
    searchDocument: text('search_document').notNull().default(''),
    searchVector: searchVector(sql`name`),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedByName: text('verified_by_name'),
    verifiedBy: uuid('verified_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByName: text('created_by_name').notNull(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisation_territory_idx').on(t.territoryId),
    // GIN indexes without a pending list (fastupdate): it would be scanned on every search until a vacuum merges it,
    // and the embedded engine has no autovacuum. The directory is read far more often than organisations change.
    index('organisation_areas_idx').using('gin', t.areas).with({ fastupdate: false }),
    index('organisation_district_ids_idx').using('gin', t.districtIds).with({ fastupdate: false }),
    // The directory's language filter ("works in Urdu"): few organisations match, so an index beats the scan.
    index('organisation_languages_idx').using('gin', t.languages).with({ fastupdate: false }),
    index('organisation_search_vector_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    check('organisation_name_length', sql`char_length(${t.name}) between 1 and 200`),
  ],
);

/** A logo, already stripped of metadata, served with its own content type. */
export const organisationLogo = pgTable('organisation_logo', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisation.id, { onDelete: 'cascade' }),
  contentType: text('content_type', { enum: ['image/png', 'image/jpeg'] }).notNull(),
  bytes: bytea('bytes').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
});

export const adhesionStatuses = ['pending', 'member', 'declined', 'left'] as const;
export type AdhesionStatus = (typeof adhesionStatuses)[number];

/** An organisation's adhesion to one territory's Agreement: its current state. The history is in adhesion_event. */
export const adhesion = pgTable(
  'adhesion',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    territoryId: uuid('territory_id').notNull(),
    status: text('status', { enum: adhesionStatuses }).notNull(),
    /** The commitments version last signed. */
    signedVersion: integer('signed_version').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    signedByName: text('signed_by_name').notNull(),
    signedBy: uuid('signed_by'),
    /** Date of adhesion: when the promoting group approved it. Kept across renewals. */
    memberSince: timestamp('member_since', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByName: text('decided_by_name'),
    decidedBy: uuid('decided_by'),
    declineReason: text('decline_reason'),
  },
  (t) => [uniqueIndex('adhesion_organisation_territory_key').on(t.organisationId, t.territoryId), index('adhesion_territory_status_idx').on(t.territoryId, t.status)],
);

export const adhesionEventKinds = ['signed', 'approved', 'declined', 'renewal-requested', 'renewed', 'left'] as const;

export const adhesionEvent = pgTable(
  'adhesion_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    adhesionId: uuid('adhesion_id')
      .notNull()
      .references(() => adhesion.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: adhesionEventKinds }).notNull(),
    version: integer('version'),
    reason: text('reason'),
    actorName: text('actor_name'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('adhesion_event_adhesion_idx').on(t.adhesionId, t.at)],
);

/** A thematic action network of a municipality or a forum. */
export const network = pgTable(
  'network',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    slug: text('slug').notNull(),
    name: jsonb('name').$type<Translated>().notNull(),
    purpose: jsonb('purpose').$type<Translated>().notNull(),
    /** One goal per line, per language. */
    goals: jsonb('goals').$type<Translated>().notNull(),
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    searchDocument: text('search_document').notNull().default(''),
    searchVector: searchVector(null),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdByName: text('created_by_name').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('network_territory_slug_key').on(t.territoryId, t.slug), index('network_search_vector_idx').using('gin', t.searchVector).with({ fastupdate: false }), check('network_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

export const networkMemberStatuses = ['requested', 'member', 'declined', 'left'] as const;

/** An organisation or a council department in a network (exactly one of the two). */
export const networkMember = pgTable(
  'network_member',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => network.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisation.id, { onDelete: 'cascade' }),
    /** A council department: its name (and, once the audits catalogue exists, its id). */
    departmentName: text('department_name'),
    departmentId: uuid('department_id'),
    status: text('status', { enum: networkMemberStatuses }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    requestedByName: text('requested_by_name').notNull(),
    requestedBy: uuid('requested_by'),
    message: text('message'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedByName: text('decided_by_name'),
    decidedBy: uuid('decided_by'),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('network_member_organisation_key').on(t.networkId, t.organisationId),
    uniqueIndex('network_member_department_key').on(t.networkId, t.departmentName),
    index('network_member_organisation_idx').on(t.organisationId),
    check('network_member_one_kind', sql`(${t.organisationId} IS NULL) <> (${t.departmentName} IS NULL)`),
  ],
);

export const workingGroup = pgTable('working_group', {
  id: uuid('id').primaryKey().defaultRandom(),
  networkId: uuid('network_id')
    .notNull()
    .references(() => network.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  purpose: text('purpose').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const meeting = pgTable(
  'meeting',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    networkId: uuid('network_id')
      .notNull()
      .references(() => network.id, { onDelete: 'cascade' }),
    workingGroupId: uuid('working_group_id').references(() => workingGroup.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    heldOn: timestamp('held_on', { withTimezone: true }).notNull(),
    agenda: text('agenda').notNull(),
    minutes: text('minutes'),
    createdByName: text('created_by_name').notNull(),
    /** Who called it, for their data download and their account's deletion ('' name then). */
    createdBy: uuid('created_by'),
  },
  (t) => [index('meeting_network_idx').on(t.networkId, t.heldOn)],
);

/** An agreement reached at a meeting: the decisions listed on the network's page. */
export const meetingDecision = pgTable(
  'meeting_decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meeting.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => network.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_decision_network_idx').on(t.networkId)],
);

export const challengeStatuses = ['proposed', 'prioritised', 'being-addressed', 'addressed', 'declined'] as const;
export type ChallengeStatus = (typeof challengeStatuses)[number];

export interface Evidence {
  text: string;
  source: string;
}

/** A social challenge (Know): proposed by a member organisation, supported by others, prioritised by the promoting group. */
export const challenge = pgTable(
  'challenge',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull(),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull(),
    districtIds: uuid('district_ids').array().notNull().default(sql`'{}'::uuid[]`),
    areas: text('areas').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: challengeStatuses }).notNull().default('proposed'),
    declineReason: text('decline_reason'),
    proposedByName: text('proposed_by_name').notNull(),
    /** The person who proposed it, for their data download and their account's deletion ('' name then). */
    proposedBy: uuid('proposed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('challenge_territory_status_idx').on(t.territoryId, t.status),
    // The challenge list's area and district filters, over a territory's proposals of many years.
    index('challenge_areas_idx').using('gin', t.areas).with({ fastupdate: false }),
    index('challenge_district_ids_idx').using('gin', t.districtIds).with({ fastupdate: false }),
  ],
);

export const challengeStatusChange = pgTable('challenge_status_change', {
  id: uuid('id').primaryKey().defaultRandom(),
  challengeId: uuid('challenge_id')
    .notNull()
    .references(() => challenge.id, { onDelete: 'cascade' }),
  status: text('status', { enum: challengeStatuses }).notNull(),
  reason: text('reason'),
  actorName: text('actor_name').notNull(),
  /** Who changed it; the name becomes '' (shown as a deleted account) when their account is deleted. */
  actorId: uuid('actor_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

export const challengeSupport = pgTable(
  'challenge_support',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenge.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    comment: text('comment').notNull(),
    supportedByName: text('supported_by_name').notNull(),
    supportedBy: uuid('supported_by'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.organisationId] })],
);

export const challengeNetwork = pgTable(
  'challenge_network',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenge.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => network.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.networkId] })],
);

/**
 * Every word the directory can find (unaccented, lower case), kept by triggers on organisation and network
 * (migrations). A misspelt word is matched against this short list by trigram similarity, then the matching
 * words are found through the full-text index: no similarity is computed over whole documents.
 */
export const searchWord = pgTable('agreement_search_word', { word: text('word').primaryKey() }, (t) => [index('agreement_search_word_trgm_idx').using('gin', t.word.op('gin_trgm_ops')).with({ fastupdate: false })]);

export const organisationRoles = ['organisation-admin', 'organisation-member'] as const;
export type OrganisationRole = (typeof organisationRoles)[number];

/**
 * An organisation admin's invitation of a colleague by email: a secret link (only its hash kept), used once,
 * before it expires. Accepting it grants the role (identity keeps who holds which role).
 */
export const organisationInvitation = pgTable(
  'organisation_invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: organisationRoles }).notNull(),
    invitedBy: uuid('invited_by').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organisation_invitation_token_hash_key').on(t.tokenHash), index('organisation_invitation_organisation_idx').on(t.organisationId)],
);

export const joinRequestStatuses = ['pending', 'accepted', 'declined'] as const;

/** A signed-in person asks to join an organisation; one of its admins accepts or declines. */
export const organisationJoinRequest = pgTable(
  'organisation_join_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisation.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    message: text('message').notNull().default(''),
    status: text('status', { enum: joinRequestStatuses }).notNull().default('pending'),
    answeredBy: uuid('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('organisation_join_request_organisation_idx').on(t.organisationId, t.status),
    // One open request per person and organisation.
    uniqueIndex('organisation_join_request_pending_key').on(t.organisationId, t.personId).where(sql`${t.status} = 'pending'`),
    check('organisation_join_request_message_length', sql`char_length(${t.message}) <= 1000`),
  ],
);
