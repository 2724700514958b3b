// API credentials: personal access tokens and OAuth 2.0 clients (client credentials, RFC 6749 §4.4).
// A credential acts as the person who made it, with their roles narrowed to its territory, and only on
// routes whose scope it holds. The secret is shown once; only its keyed hash is stored.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { mayEverBeAllowed, requirePermission, type Actor, type Outcome, type RoleGrant } from '../../../platform/auth/permissions.ts';
import { getOrCreateSecret, keyedHash } from '../../../platform/crypto/secrets.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import { person } from '../identity.schema.ts';
import { asLocale } from '../identity.service.ts';
import { grantsFor, managedTerritories } from '../roles.service.ts';
import { apiCredential, oauthAccessToken } from './token.schema.ts';
import { isApiScope, isSensitive, type ApiScope } from './scopes.ts';

export type ApiCredentialRow = typeof apiCredential.$inferSelect;
/** What a person sees of a credential: never its secret or hash. */
export type CredentialSummary = Omit<ApiCredentialRow, 'secretHash'>;

export const tokenLifetimes = ['30', '90', '365'] as const;
export const accessTokenLifetimeSeconds = 3600;

const prefixes = { personal: 'cpat_', clientSecret: 'cpcs_', access: 'cpo_', clientId: 'cpc_' } as const;

async function hashOf(db: Db, secret: string): Promise<string> {
  return keyedHash(await getOrCreateSecret(db, 'api-credential'), secret);
}

function summary(row: ApiCredentialRow): CredentialSummary {
  const { secretHash: _hidden, ...rest } = row;
  return rest;
}

export interface CredentialInput {
  name?: string;
  scopes?: string[];
  territoryId?: string;
  /** Days (personal tokens): one of tokenLifetimes. */
  lifetime?: string;
}

export type Created = { credential: CredentialSummary; secret: string };

async function validate(db: Db, actor: Actor, input: CredentialInput, kind: 'personal' | 'client') {
  const fields: Record<string, string> = {};
  const name = (input.name ?? '').trim();
  if (!name) fields.name = 'identity.tokens.errors.nameRequired';
  else if (name.length > 100) fields.name = 'platform.validation.tooLong';
  const scopes = [...new Set(input.scopes ?? [])];
  if (scopes.length === 0) fields.scopes = 'identity.tokens.errors.scopesRequired';
  else if (!scopes.every(isApiScope)) fields.scopes = 'platform.validation.invalid';
  const territory = input.territoryId && /^[0-9a-f-]{36}$/i.test(input.territoryId) ? await findTerritoryById(db, input.territoryId) : null;
  if (!territory) fields.territoryId = 'identity.tokens.errors.territoryRequired';
  const lifetime = input.lifetime ?? '90';
  if (kind === 'personal' && !(tokenLifetimes as readonly string[]).includes(lifetime)) fields.lifetime = 'platform.validation.invalid';
  // The second step guards what these scopes open: a token must not be an easier way in than a session.
  if (!fields.scopes && isSensitive(scopes) && !actor.twoFactorVerified) fields.scopes = 'identity.tokens.errors.twoFactorNeeded';
  return { fields, name, scopes: scopes as ApiScope[], territoryId: territory?.id ?? '', lifetimeDays: Number(lifetime) };
}

/** A personal access token: shown once in `secret`. */
export async function createPersonalToken(db: Db, actor: Actor | null, input: CredentialInput): Promise<Outcome<Created, 'invalid'>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const v = await validate(db, actor!, input, 'personal');
  if (Object.keys(v.fields).length > 0) return { ok: false, error: 'invalid', fields: v.fields };
  const secret = `${prefixes.personal}${randomBytes(32).toString('base64url')}`;
  const secretHash = await hashOf(db, secret);
  const credential = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiCredential)
      .values({
        kind: 'personal',
        personId: actor!.personId,
        territoryId: v.territoryId,
        name: v.name,
        scopes: v.scopes,
        hint: secret.slice(0, prefixes.personal.length + 4),
        secretHash,
        twoFactor: actor!.twoFactorVerified,
        expiresAt: new Date(Date.now() + v.lifetimeDays * 86_400_000),
      })
      .returning();
    await recordAccess(tx, { actorId: actor!.personId, action: 'identity.token.create', recordType: 'api-credential', recordId: row!.id, territoryId: v.territoryId, reason: v.scopes.join(' ') });
    return row!;
  });
  return { ok: true, value: { credential: summary(credential), secret } };
}

/** An OAuth 2.0 client for the client-credentials grant: its id is public, its secret shown once. */
export async function createClient(db: Db, actor: Actor | null, input: CredentialInput): Promise<Outcome<Created, 'invalid'>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const v = await validate(db, actor!, input, 'client');
  if (Object.keys(v.fields).length > 0) return { ok: false, error: 'invalid', fields: v.fields };
  const secret = `${prefixes.clientSecret}${randomBytes(32).toString('base64url')}`;
  const clientId = `${prefixes.clientId}${randomBytes(12).toString('hex')}`;
  const secretHash = await hashOf(db, secret);
  const credential = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiCredential)
      .values({ kind: 'client', personId: actor!.personId, territoryId: v.territoryId, name: v.name, scopes: v.scopes, hint: clientId, clientId, secretHash, twoFactor: actor!.twoFactorVerified })
      .returning();
    await recordAccess(tx, { actorId: actor!.personId, action: 'identity.apiClient.create', recordType: 'api-credential', recordId: row!.id, territoryId: v.territoryId, reason: v.scopes.join(' ') });
    return row!;
  });
  return { ok: true, value: { credential: summary(credential), secret } };
}

/** Your tokens and clients, newest first (revoked ones too, so you see what happened). */
export async function listMyCredentials(db: Db, actor: Actor | null): Promise<Outcome<CredentialSummary[]>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const rows = await db.select().from(apiCredential).where(eq(apiCredential.personId, actor!.personId)).orderBy(desc(apiCredential.createdAt));
  return { ok: true, value: rows.map(summary) };
}

async function revoke(db: Db, actor: Actor, row: ApiCredentialRow, action: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(apiCredential).set({ revokedAt: new Date() }).where(and(eq(apiCredential.id, row.id), isNull(apiCredential.revokedAt)));
    await tx.delete(oauthAccessToken).where(eq(oauthAccessToken.credentialId, row.id));
    await recordAccess(tx, { actorId: actor.personId, action, recordType: 'api-credential', recordId: row.id, territoryId: row.territoryId });
  });
}

export async function revokeMyCredential(db: Db, actor: Actor | null, id: string): Promise<Outcome<void, 'not-found'>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(apiCredential).where(and(eq(apiCredential.id, id), eq(apiCredential.personId, actor!.personId)));
  if (!row) return { ok: false, error: 'not-found' };
  await revoke(db, actor!, row, 'identity.token.revoke');
  return { ok: true, value: undefined };
}

export interface ClientForAdmin extends CredentialSummary {
  ownerName: string;
}

/** Administrators see every OAuth client of the territories they manage, with who made it. */
export async function listClientsForAdmin(db: Db, actor: Actor | null): Promise<Outcome<ClientForAdmin[]>> {
  // Every territory the actor manages: the list below is narrowed to them.
  const allowed = mayEverBeAllowed(actor, 'identity.apiClient.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const territories = managedTerritories(actor!);
  if (territories !== 'all' && territories.length === 0) return { ok: true, value: [] };
  const rows = await db
    .select({ credential: apiCredential, ownerName: person.displayName })
    .from(apiCredential)
    .innerJoin(person, eq(person.id, apiCredential.personId))
    .where(and(eq(apiCredential.kind, 'client'), territories === 'all' ? undefined : inArray(apiCredential.territoryId, territories)))
    .orderBy(desc(apiCredential.createdAt));
  return { ok: true, value: rows.map((r) => ({ ...summary(r.credential), ownerName: r.ownerName })) };
}

export async function revokeClientAsAdmin(db: Db, actor: Actor | null, id: string): Promise<Outcome<void, 'not-found'>> {
  const may = mayEverBeAllowed(actor, 'identity.apiClient.manage');
  if (!may.ok) return { ok: false, error: may.reason };
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(apiCredential).where(and(eq(apiCredential.id, id), eq(apiCredential.kind, 'client')));
  // Another territory's client is answered as missing.
  if (!row || requirePermission(actor, 'identity.apiClient.manage', { territoryId: row.territoryId }).ok === false) return { ok: false, error: 'not-found' };
  await revoke(db, actor!, row, 'identity.apiClient.revoke');
  return { ok: true, value: undefined };
}

/**
 * The person's grants as a token sees them: platform-wide grants become grants of the token's territory,
 * grants of another territory are dropped. Organisation, network and campaign grants stay (the service
 * checks that exact scope).
 */
export function narrowGrants(grants: readonly RoleGrant[], territoryId: string): RoleGrant[] {
  return grants.flatMap((g): RoleGrant[] => {
    if (g.scope.kind === 'platform') return [{ role: g.role, scope: { kind: 'territory', id: territoryId } }];
    if (g.scope.kind === 'territory') return g.scope.id === territoryId ? [g] : [];
    return [g];
  });
}

export interface Bearer {
  credentialId: string;
  scopes: ApiScope[];
  actor: Actor;
}

/** Who an `Authorization: Bearer` token stands for, or null when it is unknown, expired or revoked. */
export async function authenticateBearer(db: Db, token: string): Promise<Bearer | null> {
  const now = new Date();
  const hash = await hashOf(db, token);
  let credential: ApiCredentialRow | undefined;
  let scopes: string[];
  if (token.startsWith(prefixes.access)) {
    const [row] = await db
      .select({ credential: apiCredential, scopes: oauthAccessToken.scopes })
      .from(oauthAccessToken)
      .innerJoin(apiCredential, eq(apiCredential.id, oauthAccessToken.credentialId))
      .where(and(eq(oauthAccessToken.tokenHash, hash), gt(oauthAccessToken.expiresAt, now)));
    credential = row?.credential;
    scopes = row?.scopes ?? [];
  } else if (token.startsWith(prefixes.personal)) {
    [credential] = await db.select().from(apiCredential).where(and(eq(apiCredential.secretHash, hash), eq(apiCredential.kind, 'personal')));
    scopes = credential?.scopes ?? [];
  } else return null;
  if (!credential || credential.revokedAt || (credential.expiresAt && credential.expiresAt <= now)) return null;
  const [owner] = await db.select().from(person).where(eq(person.id, credential.personId));
  if (!owner) return null;
  if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > 60_000) {
    await db.update(apiCredential).set({ lastUsedAt: now }).where(eq(apiCredential.id, credential.id));
  }
  return {
    credentialId: credential.id,
    scopes: scopes.filter(isApiScope),
    actor: {
      personId: owner.id,
      displayName: owner.displayName,
      locale: asLocale(owner.locale),
      grants: narrowGrants(await grantsFor(db, owner.id), credential.territoryId),
      // A rule that demands the second step is open only to a token made in such a session, by a person who still has it.
      twoFactorVerified: credential.twoFactor && owner.totpSecret !== null,
    },
  };
}

export type TokenError = 'invalid_client' | 'invalid_scope';

/** The token endpoint's work: the client's id and secret → a one-hour access token with the scopes asked (or all the client's). */
export async function issueClientToken(
  db: Db,
  input: { clientId: string; clientSecret: string; scope?: string },
): Promise<{ ok: true; value: { accessToken: string; expiresIn: number; scopes: string[] } } | { ok: false; error: TokenError }> {
  const [row] = input.clientId ? await db.select().from(apiCredential).where(and(eq(apiCredential.clientId, input.clientId), eq(apiCredential.kind, 'client'))) : [];
  // The same answer for an unknown client and a wrong secret: nothing tells which ids exist.
  if (!row || row.revokedAt || row.secretHash !== (await hashOf(db, input.clientSecret))) return { ok: false, error: 'invalid_client' };
  const asked = input.scope ? [...new Set(input.scope.split(' ').filter(Boolean))] : row.scopes;
  if (!asked.every((s) => row.scopes.includes(s))) return { ok: false, error: 'invalid_scope' };
  const accessToken = `${prefixes.access}${randomBytes(32).toString('base64url')}`;
  const tokenHash = await hashOf(db, accessToken);
  await db.transaction(async (tx) => {
    // Expired access tokens go as new ones come: the table holds only live ones.
    await tx.delete(oauthAccessToken).where(lt(oauthAccessToken.expiresAt, new Date()));
    await tx.insert(oauthAccessToken).values({ credentialId: row.id, tokenHash, scopes: asked, expiresAt: new Date(Date.now() + accessTokenLifetimeSeconds * 1000) });
    await tx.update(apiCredential).set({ lastUsedAt: new Date() }).where(eq(apiCredential.id, row.id));
  });
  return { ok: true, value: { accessToken, expiresIn: accessTokenLifetimeSeconds, scopes: asked } };
}
