// The antenna's tables. Everything a person told us (narrative, contact, messages, notes, files) is
// stored only as ciphertext under a per-report key; the report key is stored only sealed to the
// territory's case handlers and recovery key, and encrypted under a key derived from the receipt.
// Plaintext columns are the coarse, non-identifying fields needed to run the queue and count cases.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';

export const reportStatuses = ['new', 'in-triage', 'referred', 'being-followed', 'closed'] as const;
export type ReportStatus = (typeof reportStatuses)[number];

export const antennaReport = pgTable(
  'antenna_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    /** Short reference staff and the audits context use to talk about a case, e.g. "K7P-4QX". Not the receipt. */
    reference: text('reference').notNull(),
    /** Keyed hash (crypto_generichash with a server key) of the 16-digit receipt; null once purged. */
    receiptHash: text('receipt_hash'),
    /** Salt of the Argon2id key derived from the receipt, which encrypts the reporter's copy of the report key. */
    receiptSalt: text('receipt_salt'),
    reporterKeyCipher: text('reporter_key_cipher'),
    /** anonymous: receipt only; confidential: contact details kept (encrypted). */
    mode: text('mode', { enum: ['anonymous', 'confidential'] }).notNull(),
    /** The reporter said yes to passing the case to a council service or an organisation. */
    referralConsent: boolean('referral_consent').notNull().default(false),
    /** Filed by an organisation on someone's behalf (organisations context id, and the member's person id). */
    organisationId: uuid('organisation_id'),
    filedBy: uuid('filed_by'),
    /** How the person's consent to file for them was given (in-person, phone, written). */
    consentMethod: text('consent_method'),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    status: text('status', { enum: reportStatuses }).notNull().default('new'),
    statusReason: text('status_reason'),
    assignedTo: uuid('assigned_to'),
    /** Ciphertext (XChaCha20-Poly1305, base64) of the reporter's answers: story, when, where, contact… */
    contentCipher: text('content_cipher'),
    // Classification by a case handler: the only fields that leave the case (to the diagnosis).
    classifiedAt: timestamp('classified_at', { withTimezone: true }),
    serviceId: uuid('service_id'),
    grounds: text('grounds').array(),
    dimension: text('dimension'),
    districtId: uuid('district_id'),
    month: text('month'),
    referredKind: text('referred_kind', { enum: ['service', 'organisation'] }),
    referredTo: uuid('referred_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When closed: closedAt + the territory's caseRetentionDays. The retention job purges after it. */
    purgeAfter: timestamp('purge_after', { withTimezone: true }),
    /** Set when retention ended: content, keys and receipt destroyed; the classified fields stay for statistics. */
    purgedAt: timestamp('purged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('antenna_report_receipt_key').on(t.receiptHash),
    uniqueIndex('antenna_report_reference_key').on(t.reference),
    index('antenna_report_territory_status_idx').on(t.territoryId, t.status),
    // The case queue's orders (last change, received) read in index order, so a late page never sorts every case.
    index('antenna_report_territory_updated_idx').on(t.territoryId, t.updatedAt, t.reference),
    index('antenna_report_territory_created_idx').on(t.territoryId, t.createdAt, t.reference),
    index('antenna_report_organisation_idx').on(t.organisationId),
    index('antenna_report_purge_idx').on(t.purgeAfter),
    check('antenna_report_month_format', sql`${t.month} IS NULL OR ${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`),
  ],
);

/** The report key sealed (crypto_box_seal) to one holder: a handler's public key or the territory recovery key. */
export const antennaReportKey = pgTable(
  'antenna_report_key',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => antennaReport.id, { onDelete: 'cascade' }),
    holderKind: text('holder_kind', { enum: ['handler', 'recovery'] }).notNull(),
    /** The handler's person id, or the territory id for the recovery key. */
    holderId: uuid('holder_id').notNull(),
    /** Which public key it was sealed to (a handler who resets their key pair needs a re-grant). */
    publicKey: text('public_key').notNull(),
    sealedKey: text('sealed_key').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.holderKind, t.holderId] })],
);

/** A case handler's X25519 key pair for one territory; the private key encrypted under Argon2id(password). */
export const antennaHandlerKey = pgTable(
  'antenna_handler_key',
  {
    personId: uuid('person_id').notNull(),
    territoryId: uuid('territory_id').notNull(),
    displayName: text('display_name').notNull(),
    publicKey: text('public_key').notNull(),
    privateKeyCipher: text('private_key_cipher').notNull(),
    salt: text('salt').notNull(),
    opslimit: integer('opslimit').notNull(),
    memlimit: integer('memlimit').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.territoryId] })],
);

/** The territory's recovery public key; its private half was shown once to the territory admin. */
export const antennaRecoveryKey = pgTable('antenna_recovery_key', {
  territoryId: uuid('territory_id').primaryKey(),
  publicKey: text('public_key').notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An unlocked key for a short while: a handler's private key, or a reporter's report key, encrypted
 * under a random key that exists only in an HttpOnly cookie. The row is found by a hash of that cookie.
 */
export const antennaKeySession = pgTable(
  'antenna_key_session',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['handler', 'reporter'] }).notNull(),
    /** handler: the person; reporter: null. */
    personId: uuid('person_id'),
    territoryId: uuid('territory_id').notNull(),
    /** reporter: the report the receipt opened. */
    reportId: uuid('report_id'),
    keyCipher: text('key_cipher').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('antenna_key_session_expires_idx').on(t.expiresAt)],
);

/** A report in progress, encrypted under a key held only in the reporter's cookie. */
export const antennaDraft = pgTable(
  'antenna_draft',
  {
    id: text('id').primaryKey(),
    territoryId: uuid('territory_id').notNull(),
    cipher: text('cipher').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('antenna_draft_expires_idx').on(t.expiresAt)],
);

/** Messages between the reporter (or intermediary) and handlers, added information, and internal notes. */
export const antennaMessage = pgTable(
  'antenna_message',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antennaReport.id, { onDelete: 'cascade' }),
    author: text('author', { enum: ['reporter', 'intermediary', 'handler'] }).notNull(),
    /** note: seen only by handlers. */
    kind: text('kind', { enum: ['message', 'information', 'note'] }).notNull(),
    /** Handler or intermediary person id; null for the reporter. */
    authorId: uuid('author_id'),
    cipher: text('cipher').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antenna_message_report_idx').on(t.reportId, t.createdAt)],
);

/** An attachment: metadata stripped, encrypted, stored under DATA_DIR/files/antenna/<id>. */
export const antennaFile = pgTable(
  'antenna_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antennaReport.id, { onDelete: 'cascade' }),
    /** Encrypted JSON: file name and media type. */
    metaCipher: text('meta_cipher').notNull(),
    size: integer('size').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antenna_file_report_idx').on(t.reportId)],
);

/** What happened to a case (status, assignment, classification, referral): no content, for the case history. */
export const antennaCaseEvent = pgTable(
  'antenna_case_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => antennaReport.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id'),
    kind: text('kind', { enum: ['status', 'assign', 'classify', 'declassify', 'refer', 'regrant'] }).notNull(),
    detail: text('detail').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('antenna_case_event_report_idx').on(t.reportId)],
);

/** When a handler last opened a case (its messages decrypted for them): what came after is unread for them. */
export const antennaCaseRead = pgTable(
  'antenna_case_read',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => antennaReport.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.personId] })],
);
