// API credentials: personal access tokens, OAuth 2.0 clients (client credentials) and the access tokens
// issued to them. Secrets are stored only as a keyed hash (HMAC-SHA-256 with a platform secret).
import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { person } from '../identity.schema.ts';

/** A personal access token, or an OAuth client (kind 'client': `clientId` public, the secret hashed). */
export const apiCredential = pgTable(
  'api_credential',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['personal', 'client'] }).notNull(),
    /** The person it acts as (its creator); their roles, narrowed to the territory and the scopes. */
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id, { onDelete: 'cascade' }),
    /** The territory it works in (a territory id; grants elsewhere do not count). */
    territoryId: uuid('territory_id').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    /** The first characters of the token (or the client id), so a person recognises it in the list. */
    hint: text('hint').notNull(),
    /** Keyed hash of the personal token, or of the client's secret. */
    secretHash: text('secret_hash').notNull(),
    /** OAuth clients: the public identifier sent with the secret. */
    clientId: text('client_id'),
    /** Created in a session that passed the second step: the token may use rules that demand it. */
    twoFactor: boolean('two_factor').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_credential_secret_hash_key').on(t.secretHash),
    uniqueIndex('api_credential_client_id_key').on(t.clientId),
    index('api_credential_person_idx').on(t.personId),
    check('api_credential_client_has_id', sql`(${t.kind} = 'client') = (${t.clientId} is not null)`),
  ],
);

/** An access token issued to an OAuth client by the token endpoint (one hour). */
export const oauthAccessToken = pgTable(
  'oauth_access_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    credentialId: uuid('credential_id')
      .notNull()
      .references(() => apiCredential.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    /** The scopes asked for: the client's, or fewer. */
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('oauth_access_token_hash_key').on(t.tokenHash), index('oauth_access_token_expiry_idx').on(t.expiresAt)],
);
