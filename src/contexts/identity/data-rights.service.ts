// Data rights: download everything the platform holds about me (JSON in a zip), and delete my account.
// Other contexts register what they hold about a person: their part of the download, and how they
// erase it (removing what is only the person's, anonymising authorship where others depend on it).
import { PassThrough, type Readable } from 'node:stream';
import { desc, eq, or, and } from 'drizzle-orm';
import yazl from 'yazl';
import type { Db } from '../../platform/db/client.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { publish } from '../../platform/events.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { consent, invitation, person, roleAssignment, session } from './identity.schema.ts';
import { verifyPassword } from './password.ts';

export interface PersonalDataProvider {
  /** The context's name: the key of its part in the download. */
  context: string;
  /** Everything this context holds about the person, as plain JSON. */
  export(db: Db, personId: string): Promise<unknown>;
  /** Runs inside the deletion's transaction: remove the person's own data, anonymise shared authorship. */
  erase(tx: Db, personId: string): Promise<void>;
}

const providers = new Map<string, PersonalDataProvider>();

/** Other contexts call this from their manifest module, once. */
export function registerPersonalData(provider: PersonalDataProvider): void {
  providers.set(provider.context, provider);
}

export async function collectMyData(db: Db, actor: Actor | null): Promise<Outcome<Record<string, unknown>>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const id = actor!.personId;
  const [me] = await db.select().from(person).where(eq(person.id, id));
  if (!me) return { ok: false, error: 'signed-out' };
  const [sessions, consents, roles, invitationsSent, log] = await Promise.all([
    db.select({ device: session.device, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt }).from(session).where(eq(session.personId, id)),
    db.select({ kind: consent.kind, given: consent.given, textVersion: consent.textVersion, recordedAt: consent.recordedAt }).from(consent).where(eq(consent.personId, id)).orderBy(consent.recordedAt),
    db
      .select({ role: roleAssignment.role, scopeKind: roleAssignment.scopeKind, scopeId: roleAssignment.scopeId, reason: roleAssignment.reason, grantedAt: roleAssignment.grantedAt, revokedAt: roleAssignment.revokedAt, revokedReason: roleAssignment.revokedReason })
      .from(roleAssignment)
      .where(eq(roleAssignment.personId, id)),
    db.select({ email: invitation.email, role: invitation.role, scopeKind: invitation.scopeKind, scopeId: invitation.scopeId, createdAt: invitation.createdAt }).from(invitation).where(eq(invitation.invitedBy, id)),
    db
      .select({ seq: accessLog.seq, at: accessLog.at, actorId: accessLog.actorId, action: accessLog.action, recordType: accessLog.recordType, recordId: accessLog.recordId, reason: accessLog.reason })
      .from(accessLog)
      .where(or(eq(accessLog.actorId, id), and(eq(accessLog.recordType, 'person'), eq(accessLog.recordId, id))))
      .orderBy(desc(accessLog.seq))
      .limit(10_000),
  ]);
  const data: Record<string, unknown> = {
    exportedAt: new Date().toISOString(),
    identity: {
      account: {
        id: me.id,
        email: me.email,
        displayName: me.displayName,
        language: me.locale,
        emailConfirmedAt: me.emailVerifiedAt,
        createdAt: me.createdAt,
        twoFactorSince: me.totpEnabledAt,
      },
      sessions,
      consents,
      roles,
      invitationsSent,
      accessLog: log,
    },
  };
  for (const provider of providers.values()) data[provider.context] = await provider.export(db, id);
  await recordAccess(db, { actorId: id, action: 'identity.data.export', recordType: 'person', recordId: id });
  return { ok: true, value: data };
}

/** The data as a zip stream with one JSON file, compressed as it is written. */
export function zipOfData(data: Record<string, unknown>): Readable {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), 'my-data.json', { mtime: new Date() });
  zip.end();
  return zip.outputStream.pipe(new PassThrough());
}

export async function deleteMyAccount(db: Db, actor: Actor | null, input: { password?: string; confirm?: string }): Promise<Outcome<void, 'invalid'>> {
  const allowed = requirePermission(actor, 'identity.account.manage');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const [me] = await db.select().from(person).where(eq(person.id, actor!.personId));
  if (!me) return { ok: false, error: 'signed-out' };
  const fields: Record<string, string> = {};
  if (input.confirm !== 'yes') fields.confirm = 'identity.delete.confirmRequired';
  if (!input.password) fields.password = 'identity.validation.passwordRequired';
  else if (!(await verifyPassword(me.passwordHash, input.password))) fields.password = 'identity.validation.currentPasswordWrong';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    for (const provider of providers.values()) await provider.erase(tx, me.id);
    // Sessions, tokens, codes, consents and roles go with the person (ON DELETE CASCADE). Ids that
    // other records keep (granted by, invited by, authorship) now name nobody: shown as a deleted account.
    await tx.delete(person).where(eq(person.id, me.id));
    // The log keeps that an account was deleted, with its random id only: no name, no address.
    await recordAccess(tx, { actorId: null, action: 'identity.account.delete', recordType: 'person', recordId: me.id });
    // Public pages that named the person (challenges, meetings) change: cached copies are dropped.
    await publish(tx, 'public.changed', { territoryId: null, what: 'account.deleted' });
  });
  return { ok: true, value: undefined };
}
