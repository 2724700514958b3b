// People, their sessions, one-time email tokens, second factors, roles in scopes, invitations and consents.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: citext('email').notNull(),
    displayName: text('display_name').notNull(),
    locale: text('locale').notNull(),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** TOTP secret, encrypted with secretbox (nonce ‖ ciphertext, base64url). Null until two-factor is on. */
    totpSecret: text('totp_secret'),
    /** A secret being set up and not yet confirmed with a code. */
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last 30-second step whose code was accepted: a code is never accepted twice. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('person_email_key').on(t.email)],
);

/** A signed-in browser. Only a SHA-256 of the cookie's token is stored. */
export const session = pgTable(
  'session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** Coarse browser and system, e.g. "Firefox · Linux", so a person recognises their sessions. */
    device: text('device').notNull(),
    twoFactorVerified: boolean('two_factor_verified').notNull().default(false),
    /** When the second step was last passed in this session: the most sensitive actions ask for it again after a while. */
    twoFactorAt: timestamp('two_factor_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('session_token_hash_key').on(t.tokenHash), index('session_person_idx').on(t.personId)],
);

/** Links sent by email: confirm an address, reset a password, confirm a new address. */
export const emailToken = pgTable(
  'email_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['verify', 'reset', 'change-email'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    newEmail: citext('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_token_hash_key').on(t.tokenHash), index('email_token_person_idx').on(t.personId)],
);

/** Single-use recovery codes for a lost authenticator, stored as Argon2id hashes. */
export const recoveryCode = pgTable(
  'recovery_code',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('recovery_code_person_idx').on(t.personId)],
);

/** (person, role, scope), with who granted it and why; revoked rows stay as history. */
export const roleAssignment = pgTable(
  'role_assignment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    scopeKind: text('scope_kind', { enum: ['platform', 'territory', 'organisation', 'network', 'campaign'] }).notNull(),
    /** The territory's, organisation's… id (another context's: a plain uuid); null for platform. */
    scopeId: uuid('scope_id'),
    grantedBy: uuid('granted_by'),
    reason: text('reason').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid('revoked_by'),
    revokedReason: text('revoked_reason'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    index('role_assignment_person_idx').on(t.personId),
    index('role_assignment_scope_idx').on(t.scopeKind, t.scopeId),
    check('role_assignment_scope_id', sql`(${t.scopeKind} = 'platform') = (${t.scopeId} IS NULL)`),
  ],
);

/** An invitation by email to hold a role; accepted once, before it expires. */
export const invitation = pgTable(
  'invitation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: citext('email').notNull(),
    role: text('role').notNull(),
    scopeKind: text('scope_kind', { enum: ['platform', 'territory', 'organisation', 'network', 'campaign'] }).notNull(),
    scopeId: uuid('scope_id'),
    invitedBy: uuid('invited_by'),
    reason: text('reason').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('invitation_token_hash_key').on(t.tokenHash), index('invitation_email_idx').on(t.email)],
);

/** Each consent given or withdrawn, with the version of the text the person saw. */
export const consent = pgTable(
  'consent',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['terms', 'contact', 'research'] }).notNull(),
    textVersion: text('text_version').notNull(),
    given: boolean('given').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consent_person_idx').on(t.personId, t.kind, t.recordedAt)],
);
