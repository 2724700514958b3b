// Roles in scopes: who holds which role where, granted and revoked with a reason (history kept),
// and invitations by email. grantsFor and displayNames are what other contexts use.
import { and, asc, desc, eq, gt, inArray, isNull, like, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { Mailer } from '../../platform/mail/mail.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { mayEverBeAllowed, requirePermission, roles, scopeKinds, type Actor, type Outcome, type Role, type RoleGrant, type ScopeKind } from '../../platform/auth/permissions.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { invitation, person, roleAssignment } from './identity.schema.ts';
import { hashToken, newToken } from './tokens.ts';
import { territoryOptions } from './admin.service.ts';
import { demoAdminEmail } from './identity.seed.ts';
import { isUuid } from '../../platform/ids.ts';

type Fields = Record<string, string>;
export type RoleAssignment = typeof roleAssignment.$inferSelect;
export type Invitation = typeof invitation.$inferSelect;

const invitationLifetimeMs = 14 * 24 * 3600_000;

/** The roles a person holds now, in their scopes. The session hook builds request.actor from it. */
export async function grantsFor(db: Db, personId: string): Promise<RoleGrant[]> {
  const rows = await db
    .select({ role: roleAssignment.role, scopeKind: roleAssignment.scopeKind, scopeId: roleAssignment.scopeId })
    .from(roleAssignment)
    .where(and(eq(roleAssignment.personId, personId), isNull(roleAssignment.revokedAt)));
  return rows.map((r) => ({ role: r.role as Role, scope: { kind: r.scopeKind, id: r.scopeId } }));
}

/** Names to show for people's ids. An id with no entry is a deleted account: show it as such. */
export async function displayNames(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)].filter((id) => isUuid(id));
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: person.id, name: person.displayName }).from(person).where(inArray(person.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Who holds a role in a territory now (ids and names only), for another context's pickers; the caller checks its own permission. */
export async function holdersOf(db: Db, role: Role, territoryId: string): Promise<{ personId: string; name: string }[]> {
  const rows = await db
    .select({ personId: person.id, name: person.displayName })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(eq(roleAssignment.role, role), eq(roleAssignment.scopeKind, 'territory'), eq(roleAssignment.scopeId, territoryId), isNull(roleAssignment.revokedAt)))
    .orderBy(asc(person.displayName));
  return [...new Map(rows.map((r) => [r.personId, r])).values()];
}

/** Who holds one of these roles in one scope now (ids only), for another context's notifications. */
export async function holdersInScope(db: Db, roles: readonly Role[], scopeKind: ScopeKind, scopeId: string): Promise<string[]> {
  const rows = await db
    .select({ personId: roleAssignment.personId })
    .from(roleAssignment)
    .where(and(inArray(roleAssignment.role, [...roles]), eq(roleAssignment.scopeKind, scopeKind), eq(roleAssignment.scopeId, scopeId), isNull(roleAssignment.revokedAt)));
  return [...new Set(rows.map((r) => r.personId))];
}

/** The territory a scope belongs to, for permission checks; only territory scopes are known here. */
function subjectOf(scopeKind: ScopeKind, scopeId: string | null) {
  return scopeKind === 'territory' ? { territoryId: scopeId } : scopeKind === 'organisation' ? { organisationId: scopeId } : scopeKind === 'network' ? { networkId: scopeId } : scopeKind === 'campaign' ? { campaignId: scopeId } : {};
}

/** Territory admins manage roles inside their territory; only platform admins grant platform roles or other scopes. */
function mayManage(actor: Actor | null, role: string, scopeKind: ScopeKind, scopeId: string | null) {
  const permission = requirePermission(actor, 'identity.role.manage', subjectOf(scopeKind, scopeId));
  if (!permission.ok) return permission;
  const platformAdmin = actor!.grants.some((g) => g.role === 'platform-admin' && g.scope.kind === 'platform');
  if (!platformAdmin && (role === 'platform-admin' || scopeKind !== 'territory')) return { ok: false as const, reason: 'forbidden' as const };
  return permission;
}

/** The territories whose roles this actor manages: 'all' for platform admins. */
export function managedTerritories(actor: Actor): 'all' | string[] {
  if (actor.grants.some((g) => g.scope.kind === 'platform' && (g.role === 'platform-admin' || g.role === 'territory-admin'))) return 'all';
  return actor.grants.filter((g) => g.role === 'territory-admin' && g.scope.kind === 'territory').map((g) => g.scope.id!);
}

export interface RoleInput {
  email?: string;
  role?: string;
  scopeKind?: string;
  scopeId?: string;
  reason?: string;
}

interface ValidRoleInput {
  email: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string | null;
  reason: string;
}

/** Validates the form, and that a territory scope names an existing territory. */
async function validRoleInput(db: Db, input: RoleInput): Promise<{ ok: true; value: ValidRoleInput } | { ok: false; fields: Fields }> {
  const valid = validateRoleInput(input);
  if (valid.ok && valid.value.scopeKind === 'territory' && !(await territoryOptions(db)).some((t) => t.id === valid.value.scopeId)) {
    return { ok: false, fields: { scopeId: 'identity.validation.scopeRequired' } };
  }
  return valid;
}

function validateRoleInput(input: RoleInput): { ok: true; value: ValidRoleInput } | { ok: false; fields: Fields } {
  const fields: Fields = {};
  const email = (input.email ?? '').trim();
  if (!email) fields.email = 'identity.validation.emailRequired';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254) fields.email = 'identity.validation.emailInvalid';
  if (!(roles as readonly string[]).includes(input.role ?? '')) fields.role = 'identity.validation.roleRequired';
  const scopeKind = (input.scopeKind || 'territory') as ScopeKind;
  if (!scopeKinds.includes(scopeKind)) fields.scopeId = 'identity.validation.scopeRequired';
  const scopeId = scopeKind === 'platform' ? null : (input.scopeId ?? '').trim();
  if (scopeKind !== 'platform' && !isUuid(scopeId ?? '')) fields.scopeId = 'identity.validation.scopeRequired';
  const reason = (input.reason ?? '').trim();
  if (!reason) fields.reason = 'identity.validation.reasonRequired';
  else if (reason.length > 500) fields.reason = 'identity.validation.reasonTooLong';
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, value: { email, role: input.role as Role, scopeKind, scopeId, reason } };
}

export interface AssignmentRow extends RoleAssignment {
  personName: string;
  personEmail: string;
}

export async function listAssignments(
  db: Db,
  actor: Actor | null,
  filter: { territoryId?: string; includeRevoked?: boolean },
): Promise<Outcome<AssignmentRow[]>> {
  const permission = filter.territoryId ? requirePermission(actor, 'identity.role.manage', { territoryId: filter.territoryId }) : mayEverBeAllowed(actor, 'identity.role.manage');
  if (!permission.ok) return { ok: false, error: permission.reason };
  const visible = managedTerritories(actor!);
  if (visible !== 'all' && visible.length === 0) return { ok: false, error: 'forbidden' };
  const conditions: (SQL | undefined)[] = [
    filter.includeRevoked ? undefined : isNull(roleAssignment.revokedAt),
    filter.territoryId ? and(eq(roleAssignment.scopeKind, 'territory'), eq(roleAssignment.scopeId, filter.territoryId)) : undefined,
    visible === 'all' ? undefined : and(eq(roleAssignment.scopeKind, 'territory'), inArray(roleAssignment.scopeId, visible)),
  ];
  const rows = await db
    .select({ assignment: roleAssignment, personName: person.displayName, personEmail: person.email })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(and(...conditions))
    .orderBy(asc(roleAssignment.role), asc(person.displayName), desc(roleAssignment.grantedAt))
    .limit(500);
  await recordAccess(db, { actorId: actor!.personId, action: 'identity.role.list', recordType: 'role-assignment', recordId: filter.territoryId ?? '*', territoryId: filter.territoryId ?? null });
  return { ok: true, value: rows.map((r) => ({ ...r.assignment, personName: r.personName, personEmail: r.personEmail })) };
}

export async function assignRole(db: Db, actor: Actor | null, input: RoleInput): Promise<Outcome<RoleAssignment, 'invalid'>> {
  const valid = await validRoleInput(db, input);
  if (!valid.ok) {
    const permission = mayEverBeAllowed(actor, 'identity.role.manage');
    if (!permission.ok) return { ok: false, error: permission.reason };
    return { ok: false, error: 'invalid', fields: valid.fields };
  }
  const { email, role, scopeKind, scopeId, reason } = valid.value;
  const permission = mayManage(actor, role, scopeKind, scopeId);
  if (!permission.ok) return { ok: false, error: permission.reason };
  return db.transaction(async (tx) => {
    const [holder] = await tx.select().from(person).where(eq(person.email, email));
    if (!holder) return { ok: false as const, error: 'invalid' as const, fields: { email: 'identity.roles.noAccount' } as Record<string, string> };
    const [already] = await tx
      .select({ id: roleAssignment.id })
      .from(roleAssignment)
      .where(and(eq(roleAssignment.personId, holder.id), eq(roleAssignment.role, role), eq(roleAssignment.scopeKind, scopeKind), scopeId ? eq(roleAssignment.scopeId, scopeId) : isNull(roleAssignment.scopeId), isNull(roleAssignment.revokedAt)));
    if (already) return { ok: false as const, error: 'invalid' as const, fields: { role: 'identity.roles.alreadyHeld' } as Record<string, string> };
    const [created] = await tx.insert(roleAssignment).values({ personId: holder.id, role, scopeKind, scopeId, grantedBy: actor!.personId, reason }).returning();
    await recordAccess(tx, { actorId: actor!.personId, action: 'identity.role.grant', recordType: 'role-assignment', recordId: created!.id, territoryId: scopeKind === 'territory' ? scopeId : null, reason });
    return { ok: true as const, value: created! };
  });
}

/**
 * A role that comes with creating something, e.g. organisation-admin for the person who registers an
 * organisation (called by the agreement context inside its own transaction). Granted by the person themself.
 */
export async function grantCreatorRole(db: Db, input: { personId: string; role: Role; scopeKind: Exclude<ScopeKind, 'platform'>; scopeId: string; reason: string }): Promise<RoleAssignment> {
  const [created] = await db
    .insert(roleAssignment)
    .values({ personId: input.personId, role: input.role, scopeKind: input.scopeKind, scopeId: input.scopeId, grantedBy: input.personId, reason: input.reason })
    .returning();
  await recordAccess(db, { actorId: input.personId, action: 'identity.role.grant', recordType: 'role-assignment', recordId: created!.id, reason: input.reason });
  return created!;
}

export async function revokeRole(db: Db, actor: Actor | null, assignmentId: string, input: { reason?: string }): Promise<Outcome<void, 'invalid' | 'not-found'>> {
  const base = mayEverBeAllowed(actor, 'identity.role.manage');
  if (!base.ok) return { ok: false, error: base.reason };
  if (!isUuid(assignmentId)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(roleAssignment).where(and(eq(roleAssignment.id, assignmentId), isNull(roleAssignment.revokedAt)));
  // Outside the actor's reach is the same answer as missing: nothing leaks.
  if (!row || !mayManage(actor, row.role, row.scopeKind, row.scopeId).ok) return { ok: false, error: 'not-found' };
  const reason = (input.reason ?? '').trim();
  if (!reason) return { ok: false, error: 'invalid', fields: { reason: 'identity.validation.reasonRequired' } };
  if (reason.length > 500) return { ok: false, error: 'invalid', fields: { reason: 'identity.validation.reasonTooLong' } };
  await db.transaction(async (tx) => {
    await tx.update(roleAssignment).set({ revokedAt: new Date(), revokedBy: actor!.personId, revokedReason: reason }).where(eq(roleAssignment.id, row.id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'identity.role.revoke', recordType: 'role-assignment', recordId: row.id, territoryId: row.scopeKind === 'territory' ? row.scopeId : null, reason });
  });
  return { ok: true, value: undefined };
}

export async function findAssignment(db: Db, actor: Actor | null, assignmentId: string): Promise<Outcome<AssignmentRow, 'not-found'>> {
  const base = mayEverBeAllowed(actor, 'identity.role.manage');
  if (!base.ok) return { ok: false, error: base.reason };
  if (!isUuid(assignmentId)) return { ok: false, error: 'not-found' };
  const [row] = await db
    .select({ assignment: roleAssignment, personName: person.displayName, personEmail: person.email })
    .from(roleAssignment)
    .innerJoin(person, eq(person.id, roleAssignment.personId))
    .where(eq(roleAssignment.id, assignmentId));
  if (!row || !mayManage(actor, row.assignment.role, row.assignment.scopeKind, row.assignment.scopeId).ok) return { ok: false, error: 'not-found' };
  return { ok: true, value: { ...row.assignment, personName: row.personName, personEmail: row.personEmail } };
}

// ——— Invitations ———

export async function inviteToRole(
  deps: { db: Db; mailer: Mailer; publicUrl: string },
  actor: Actor | null,
  input: RoleInput & { locale: Locale },
): Promise<Outcome<Invitation, 'invalid'>> {
  const valid = await validRoleInput(deps.db, input);
  if (!valid.ok) {
    const permission = mayEverBeAllowed(actor, 'identity.role.manage');
    if (!permission.ok) return { ok: false, error: permission.reason };
    return { ok: false, error: 'invalid', fields: valid.fields };
  }
  const { email, role, scopeKind, scopeId, reason } = valid.value;
  const permission = mayManage(actor, role, scopeKind, scopeId);
  if (!permission.ok) return { ok: false, error: permission.reason };
  const token = newToken();
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx.select({ locale: person.locale }).from(person).where(eq(person.email, email));
    const locale = existing && isLocale(existing.locale) ? existing.locale : input.locale;
    const [created] = await tx
      .insert(invitation)
      .values({ email, role, scopeKind, scopeId, invitedBy: actor!.personId, reason, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + invitationLifetimeMs) })
      .returning();
    await deps.mailer.send(
      {
        to: email,
        locale,
        subjectKey: 'identity.mail.invitation.subject',
        bodyKey: 'identity.mail.invitation.body',
        values: { inviter: actor!.displayName, role: translator(locale)(`identity.role.${role}`), link: `${deps.publicUrl}/${locale}/account/invitation?token=${token}` },
        secret: true,
        territoryId: scopeKind === 'territory' ? scopeId : null,
      },
      tx,
    );
    await recordAccess(tx, { actorId: actor!.personId, action: 'identity.invitation.create', recordType: 'invitation', recordId: created!.id, territoryId: scopeKind === 'territory' ? scopeId : null, reason });
    return { ok: true, value: created! } as const;
  });
}

export async function findInvitation(db: Db, token: string): Promise<Invitation | null> {
  const [row] = await db
    .select()
    .from(invitation)
    .where(and(eq(invitation.tokenHash, hashToken(token)), isNull(invitation.acceptedAt), gt(invitation.expiresAt, new Date())));
  return row ?? null;
}

export async function acceptInvitation(db: Db, actor: Actor | null, token: string): Promise<Outcome<RoleAssignment, 'invalid-link' | 'wrong-account'>> {
  const permission = requirePermission(actor, 'identity.account.manage');
  if (!permission.ok) return { ok: false, error: permission.reason };
  return db.transaction(async (tx) => {
    const found = await findInvitation(tx, token);
    if (!found) return { ok: false, error: 'invalid-link' } as const;
    const [me] = await tx.select().from(person).where(eq(person.id, actor!.personId));
    if (!me || me.email.toLowerCase() !== found.email.toLowerCase() || !me.emailVerifiedAt) return { ok: false, error: 'wrong-account' } as const;
    await tx.update(invitation).set({ acceptedAt: new Date(), acceptedBy: me.id }).where(eq(invitation.id, found.id));
    const [created] = await tx
      .insert(roleAssignment)
      .values({ personId: me.id, role: found.role, scopeKind: found.scopeKind, scopeId: found.scopeId, grantedBy: found.invitedBy, reason: found.reason })
      .returning();
    await recordAccess(tx, { actorId: me.id, action: 'identity.invitation.accept', recordType: 'role-assignment', recordId: created!.id, territoryId: found.scopeKind === 'territory' ? found.scopeId : null, reason: found.reason });
    return { ok: true, value: created! } as const;
  });
}

export async function listInvitations(db: Db, actor: Actor | null): Promise<Outcome<Invitation[]>> {
  const base = mayEverBeAllowed(actor, 'identity.role.manage');
  if (!base.ok) return { ok: false, error: base.reason };
  const visible = managedTerritories(actor!);
  if (visible !== 'all' && visible.length === 0) return { ok: false, error: 'forbidden' };
  const rows = await db
    .select()
    .from(invitation)
    .where(and(isNull(invitation.acceptedAt), gt(invitation.expiresAt, new Date()), visible === 'all' ? undefined : or(and(eq(invitation.scopeKind, 'territory'), inArray(invitation.scopeId, visible)))))
    .orderBy(desc(invitation.createdAt))
    .limit(200);
  return { ok: true, value: rows };
}

/** The demo's people (their email at the demo's domain) with their current roles: the demo people page lists them. */
export async function demoPeopleWithRoles(db: Db): Promise<{ email: string; displayName: string; administrator: boolean; grants: RoleGrant[] }[]> {
  const domain = demoAdminEmail.split('@')[1]!;
  const rows = await db
    .select({ id: person.id, email: person.email, displayName: person.displayName, role: roleAssignment.role, scopeKind: roleAssignment.scopeKind, scopeId: roleAssignment.scopeId })
    .from(person)
    .leftJoin(roleAssignment, and(eq(roleAssignment.personId, person.id), isNull(roleAssignment.revokedAt)))
    .where(like(person.email, `%@${domain}`))
    .orderBy(asc(person.email), asc(roleAssignment.role));
  const people = new Map<string, { email: string; displayName: string; administrator: boolean; grants: RoleGrant[] }>();
  for (const r of rows) {
    const entry = people.get(r.id) ?? { email: r.email, displayName: r.displayName, administrator: r.email === demoAdminEmail, grants: [] };
    if (r.role && r.scopeKind) entry.grants.push({ role: r.role as Role, scope: { kind: r.scopeKind, id: r.scopeId } });
    people.set(r.id, entry);
  }
  return [...people.values()];
}
