// Roles that come with belonging to something another context owns (an organisation's admins and members):
// that context checks its own permission and calls these inside its transaction; identity keeps the grants,
// their history and the access log. Names and addresses only for what the caller shows or sends.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import type { Role, ScopeKind } from '../../platform/auth/permissions.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { person, roleAssignment } from './identity.schema.ts';

type Scope = { kind: Exclude<ScopeKind, 'platform'>; id: string };

export interface ScopeMember {
  personId: string;
  name: string;
  role: Role;
  since: Date;
}

/** Who holds one of these roles in one scope now, by name (a person holding two of them appears once per role). */
export async function membersOf(db: Db, roles: readonly Role[], scope: Scope): Promise<ScopeMember[]> {
  const rows = await db
    .select({ personId: roleAssignment.personId, name: person.displayName, role: roleAssignment.role, since: roleAssignment.grantedAt })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(inArray(roleAssignment.role, [...roles]), eq(roleAssignment.scopeKind, scope.kind), eq(roleAssignment.scopeId, scope.id), isNull(roleAssignment.revokedAt)))
    .orderBy(asc(person.displayName));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** Grants a role in a scope unless it is held already; logged as a grant by `grantedBy`. */
export async function grantInScope(db: Db, input: { personId: string; role: Role; scope: Scope; grantedBy: string; reason: string; territoryId: string | null }): Promise<boolean> {
  const [held] = await db
    .select({ id: roleAssignment.id })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, input.personId), eq(roleAssignment.role, input.role), eq(roleAssignment.scopeKind, input.scope.kind), eq(roleAssignment.scopeId, input.scope.id), isNull(roleAssignment.revokedAt)));
  if (held) return false;
  const [created] = await db
    .insert(roleAssignment)
    .values({ personId: input.personId, role: input.role, scopeKind: input.scope.kind, scopeId: input.scope.id, grantedBy: input.grantedBy, reason: input.reason })
    .returning({ id: roleAssignment.id });
  await recordAccess(db, { actorId: input.grantedBy, action: 'identity.role.grant', recordType: 'role-assignment', recordId: created!.id, territoryId: input.territoryId, reason: input.reason });
  return true;
}

/** Revokes every one of these roles the person holds in the scope; returns how many were revoked. */
export async function revokeInScope(db: Db, input: { personId: string; roles: readonly Role[]; scope: Scope; revokedBy: string; reason: string; territoryId: string | null }): Promise<number> {
  const revoked = await db
    .update(roleAssignment)
    .set({ revokedAt: new Date(), revokedBy: input.revokedBy, revokedReason: input.reason })
    .where(
      and(
        eq(roleAssignment.personId, input.personId),
        inArray(roleAssignment.role, [...input.roles]),
        eq(roleAssignment.scopeKind, input.scope.kind),
        eq(roleAssignment.scopeId, input.scope.id),
        isNull(roleAssignment.revokedAt),
      ),
    )
    .returning({ id: roleAssignment.id });
  for (const row of revoked) {
    await recordAccess(db, { actorId: input.revokedBy, action: 'identity.role.revoke', recordType: 'role-assignment', recordId: row.id, territoryId: input.territoryId, reason: input.reason });
  }
  return revoked.length;
}

/** The person's address if they confirmed it (an invitation by email is theirs only then). */
export async function confirmedEmailOf(db: Db, personId: string): Promise<string | null> {
  const [row] = await db.select({ email: person.email, verified: person.emailVerifiedAt }).from(person).where(eq(person.id, personId));
  return row?.verified ? row.email : null;
}

/** The account with this address, if there is one: who to tell, and in which language to write. */
export async function accountOfAddress(db: Db, email: string): Promise<{ personId: string; locale: Locale } | null> {
  const [row] = await db.select({ id: person.id, locale: person.locale }).from(person).where(eq(person.email, email));
  return row ? { personId: row.id, locale: isLocale(row.locale) ? row.locale : 'en' } : null;
}
