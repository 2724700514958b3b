// An organisation's people: its admins invite colleagues by email (a secret link, used once, before it
// expires), a signed-in person asks to join and an admin accepts or declines, people leave or are removed,
// and an organisation never loses its last admin. The roles themselves are identity's (grants with history).
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import type { Mailer } from '../../../platform/mail/mail.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { publish } from '../../../platform/events.ts';
import { translator } from '../../../platform/i18n/i18n.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';
import { createHash, randomBytes } from 'node:crypto';
import { accountOfAddress, confirmedEmailOf, grantInScope, membersOf, revokeInScope, type ScopeMember } from '../../identity/membership.service.ts';
import { displayNames } from '../../identity/roles.service.ts';
import { organisation, organisationInvitation, organisationJoinRequest, organisationRoles, type OrganisationRole } from '../agreement.schema.ts';
import { findOrganisation, isUuid, type Organisation } from './organisation.service.ts';

export type OrganisationInvitation = typeof organisationInvitation.$inferSelect;
export type JoinRequest = typeof organisationJoinRequest.$inferSelect & { personName: string };
export type Member = ScopeMember;

const invitationLifetimeMs = 14 * 24 * 3600_000;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const scopeOf = (id: string) => ({ kind: 'organisation' as const, id });
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface MailDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
}

function isOrganisationRole(value: string): value is OrganisationRole {
  return (organisationRoles as readonly string[]).includes(value);
}

/** Everyone who holds a role in the organisation now, admins first, by name. */
export async function organisationMembers(db: Db, organisationId: string): Promise<Member[]> {
  const rows = await membersOf(db, organisationRoles, scopeOf(organisationId));
  return rows.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'organisation-admin' ? -1 : 1));
}

export interface MembershipPage {
  organisation: Organisation;
  members: Member[];
  /** Only for its admins: */
  invitations: OrganisationInvitation[];
  requests: JoinRequest[];
  canManage: boolean;
}

/** What the members page shows: its people to its people (and territory admins); invitations and requests to its admins. */
export async function membershipPage(db: Db, actor: Actor | null, organisationId: string): Promise<Outcome<MembershipPage, 'not-found'>> {
  const found = await findOrganisation(db, organisationId);
  if (!found) return { ok: false, error: 'not-found' };
  const subject = { organisationId: found.id, territoryId: found.territoryId };
  const allowed = requirePermission(actor, 'agreement.organisation.members.view', subject);
  if (!allowed.ok) return { ok: false, error: allowed.reason === 'forbidden' ? 'not-found' : allowed.reason };
  const canManage = requirePermission(actor, 'agreement.organisation.members.manage', subject).ok;
  const members = await organisationMembers(db, found.id);
  let invitations: OrganisationInvitation[] = [];
  let requests: JoinRequest[] = [];
  if (canManage) {
    invitations = await db
      .select()
      .from(organisationInvitation)
      .where(and(eq(organisationInvitation.organisationId, found.id), isNull(organisationInvitation.acceptedAt), isNull(organisationInvitation.withdrawnAt), gt(organisationInvitation.expiresAt, new Date())))
      .orderBy(desc(organisationInvitation.createdAt));
    requests = await pendingRequests(db, found.id);
    // Addresses and requesters are personal data: their reading is logged.
    await recordAccess(db, { actorId: actor!.personId, action: 'agreement.organisation.members.read', recordType: 'organisation', recordId: found.id, territoryId: found.territoryId });
  }
  return { ok: true, value: { organisation: found, members, invitations, requests, canManage } };
}

async function pendingRequests(db: Db, organisationId: string): Promise<JoinRequest[]> {
  const rows = await db
    .select()
    .from(organisationJoinRequest)
    .where(and(eq(organisationJoinRequest.organisationId, organisationId), eq(organisationJoinRequest.status, 'pending')))
    .orderBy(organisationJoinRequest.createdAt);
  const names = await displayNames(db, rows.map((r) => r.personId));
  return rows.map((r) => ({ ...r, personName: names.get(r.personId) ?? '' }));
}

export async function pendingRequestCount(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(organisationJoinRequest)
    .where(and(eq(organisationJoinRequest.organisationId, organisationId), eq(organisationJoinRequest.status, 'pending')));
  return row?.n ?? 0;
}

/** Pending join requests of several organisations, in one query (the desk of a person in many). */
export async function pendingRequestCounts(db: Db, organisationIds: string[]): Promise<Map<string, number>> {
  if (organisationIds.length === 0) return new Map();
  const rows = await db
    .select({ organisationId: organisationJoinRequest.organisationId, n: sql<number>`count(*)::int` })
    .from(organisationJoinRequest)
    .where(and(inArray(organisationJoinRequest.organisationId, organisationIds), eq(organisationJoinRequest.status, 'pending')))
    .groupBy(organisationJoinRequest.organisationId);
  return new Map(rows.map((r) => [r.organisationId, r.n]));
}

/** An admin invites a colleague by email, as admin or member; the email carries the only copy of the link. */
export async function inviteColleague(deps: MailDeps, actor: Actor | null, organisationId: string, input: { email?: string; role?: string; locale: Locale }): Promise<Outcome<{ email: string }, 'not-found' | 'invalid'>> {
  const found = await findOrganisation(deps.db, organisationId);
  if (!found) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.members.manage', { organisationId: found.id, territoryId: found.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason === 'forbidden' ? 'not-found' : allowed.reason };
  const email = (input.email ?? '').trim().toLowerCase();
  const fields: Record<string, string> = {};
  if (!email) fields.email = 'agreement.members.errors.emailRequired';
  else if (!emailPattern.test(email) || email.length > 254) fields.email = 'agreement.members.errors.email';
  if (!isOrganisationRole(input.role ?? '')) fields.role = 'agreement.members.errors.role';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const role = input.role as OrganisationRole;
  const account = await accountOfAddress(deps.db, email);
  if (account && (await organisationMembers(deps.db, found.id)).some((m) => m.personId === account.personId && m.role === role)) {
    return { ok: false, error: 'invalid', fields: { email: 'agreement.members.errors.already' } };
  }
  const token = randomBytes(32).toString('base64url');
  const locale = account?.locale ?? input.locale;
  const t = translator(locale);
  return deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(organisationInvitation)
      .values({ organisationId: found.id, email, role, invitedBy: actor!.personId, tokenHash: hash(token), expiresAt: new Date(Date.now() + invitationLifetimeMs) })
      .returning();
    await deps.mailer.send(
      {
        to: email,
        locale,
        subjectKey: 'agreement.members.mail.subject',
        bodyKey: 'agreement.members.mail.body',
        values: { inviter: actor!.displayName, organisation: found.name, role: t(`agreement.members.role.${role}`), link: `${deps.publicUrl}/${locale}/organisations/invitation?token=${token}`, days: 14 },
        secret: true,
        territoryId: found.territoryId,
      },
      tx,
    );
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.organisation.invitation.create', recordType: 'organisation-invitation', recordId: created!.id, territoryId: found.territoryId });
    if (account) await publish(tx, 'agreement.organisation.invited', { territoryId: found.territoryId, organisationId: found.id, organisationName: found.name, personId: account.personId, role });
    return { ok: true as const, value: { email } };
  });
}

export async function withdrawInvitation(db: Db, actor: Actor | null, organisationId: string, invitationId: string): Promise<Outcome<null, 'not-found'>> {
  const found = await findOrganisation(db, organisationId);
  if (!found || !isUuid(invitationId)) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.members.manage', { organisationId: found.id, territoryId: found.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason === 'forbidden' ? 'not-found' : allowed.reason };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisationInvitation)
      .set({ withdrawnAt: new Date() })
      .where(and(eq(organisationInvitation.id, invitationId), eq(organisationInvitation.organisationId, found.id), isNull(organisationInvitation.acceptedAt), isNull(organisationInvitation.withdrawnAt)))
      .returning({ id: organisationInvitation.id });
    if (!row) return { ok: false as const, error: 'not-found' as const };
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.organisation.invitation.withdraw', recordType: 'organisation-invitation', recordId: row.id, territoryId: found.territoryId });
    return { ok: true as const, value: null };
  });
}

export interface InvitationView {
  invitation: OrganisationInvitation;
  organisation: Organisation;
  inviterName: string;
}

async function invitationView(db: Db, row: OrganisationInvitation | undefined): Promise<InvitationView | null> {
  if (!row) return null;
  const found = await findOrganisation(db, row.organisationId);
  if (!found) return null;
  const names = await displayNames(db, [row.invitedBy]);
  return { invitation: row, organisation: found, inviterName: names.get(row.invitedBy) ?? '' };
}

const open = () => and(isNull(organisationInvitation.acceptedAt), isNull(organisationInvitation.withdrawnAt), gt(organisationInvitation.expiresAt, new Date()));

/** The invitation a secret link opens, while it can still be used (anyone holding the link may read what it invites to). */
export async function invitationByToken(db: Db, token: string): Promise<InvitationView | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db.select().from(organisationInvitation).where(and(eq(organisationInvitation.tokenHash, hash(token)), open()));
  return invitationView(db, row);
}

/** The open invitations to this person's confirmed address (they need no link once signed in). */
export async function invitationsForMe(db: Db, actor: Actor | null): Promise<Outcome<InvitationView[]>> {
  const allowed = requirePermission(actor, 'agreement.organisation.join');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const email = await confirmedEmailOf(db, actor!.personId);
  if (!email) return { ok: true, value: [] };
  const rows = await db.select().from(organisationInvitation).where(and(sql`lower(${organisationInvitation.email}) = lower(${email})`, open())).orderBy(desc(organisationInvitation.createdAt));
  return { ok: true, value: (await Promise.all(rows.map((r) => invitationView(db, r)))).filter((v) => v !== null) };
}

/**
 * Accepts an invitation, by its link or (signed in) by its id: the signed-in person's confirmed address must
 * be the one invited. Once used, the link opens nothing.
 */
export async function acceptOrganisationInvitation(
  db: Db,
  actor: Actor | null,
  by: { token: string } | { id: string },
): Promise<Outcome<{ organisationId: string }, 'invalid-link' | 'wrong-account'>> {
  const allowed = requirePermission(actor, 'agreement.organisation.join');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if ('id' in by && !isUuid(by.id)) return { ok: false, error: 'invalid-link' };
  if ('token' in by && (!by.token || by.token.length > 100)) return { ok: false, error: 'invalid-link' };
  const email = await confirmedEmailOf(db, actor!.personId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(organisationInvitation)
      .where(and('token' in by ? eq(organisationInvitation.tokenHash, hash(by.token)) : eq(organisationInvitation.id, by.id), open()))
      .for('update');
    if (!row) return { ok: false as const, error: 'invalid-link' as const };
    if (!email || email.toLowerCase() !== row.email.toLowerCase()) return { ok: false as const, error: 'wrong-account' as const };
    const found = await findOrganisation(tx, row.organisationId);
    if (!found) return { ok: false as const, error: 'invalid-link' as const };
    await tx.update(organisationInvitation).set({ acceptedAt: new Date(), acceptedBy: actor!.personId }).where(eq(organisationInvitation.id, row.id));
    await setRole(tx, found, actor!.personId, row.role, row.invitedBy, 'Accepted an invitation to the organisation');
    await tx
      .update(organisationJoinRequest)
      .set({ status: 'accepted', answeredBy: row.invitedBy, answeredAt: new Date() })
      .where(and(eq(organisationJoinRequest.organisationId, found.id), eq(organisationJoinRequest.personId, actor!.personId), eq(organisationJoinRequest.status, 'pending')));
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.organisation.invitation.accept', recordType: 'organisation-invitation', recordId: row.id, territoryId: found.territoryId });
    return { ok: true as const, value: { organisationId: found.id } };
  });
}

/** One role per person in an organisation: the new one replaces the other. */
async function setRole(db: Db, found: Organisation, personId: string, role: OrganisationRole, grantedBy: string, reason: string) {
  const other = organisationRoles.filter((r) => r !== role);
  await revokeInScope(db, { personId, roles: other, scope: scopeOf(found.id), revokedBy: grantedBy, reason, territoryId: found.territoryId });
  await grantInScope(db, { personId, role, scope: scopeOf(found.id), grantedBy, reason, territoryId: found.territoryId });
}

export type MyStanding = 'admin' | 'member' | 'requested' | 'none';

/** Where the signed-in person stands with an organisation (for its page: ask to join, leave, or nothing). */
export async function myStanding(db: Db, actor: Actor | null, organisationId: string): Promise<MyStanding | null> {
  if (!actor) return null;
  const members = await organisationMembers(db, organisationId);
  const mine = members.filter((m) => m.personId === actor.personId);
  if (mine.some((m) => m.role === 'organisation-admin')) return 'admin';
  if (mine.length > 0) return 'member';
  const [request] = await db
    .select({ id: organisationJoinRequest.id })
    .from(organisationJoinRequest)
    .where(and(eq(organisationJoinRequest.organisationId, organisationId), eq(organisationJoinRequest.personId, actor.personId), eq(organisationJoinRequest.status, 'pending')));
  return request ? 'requested' : 'none';
}

/** A signed-in person asks to join; the organisation's admins are told. */
export async function askToJoin(db: Db, actor: Actor | null, organisationId: string, input: { message?: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await findOrganisation(db, organisationId);
  if (!found) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.join', { organisationId: found.id, territoryId: found.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const message = (input.message ?? '').trim();
  if (message.length > 1000) return { ok: false, error: 'invalid', fields: { message: 'platform.validation.tooLong' } };
  const standing = await myStanding(db, actor, found.id);
  if (standing !== 'none') return { ok: false, error: 'invalid', fields: { message: standing === 'requested' ? 'agreement.members.errors.requested' : 'agreement.members.errors.alreadyMember' } };
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(organisationJoinRequest).values({ organisationId: found.id, personId: actor!.personId, message }).onConflictDoNothing().returning({ id: organisationJoinRequest.id });
    if (!row) return { ok: false as const, error: 'invalid' as const, fields: { message: 'agreement.members.errors.requested' } };
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.organisation.joinRequest.create', recordType: 'organisation-join-request', recordId: row.id, territoryId: found.territoryId });
    await publish(tx, 'agreement.organisation.joinRequested', { territoryId: found.territoryId, organisationId: found.id, organisationName: found.name, requesterName: actor!.displayName });
    return { ok: true as const, value: null };
  });
}

/** An admin accepts (the person becomes a member) or declines a request; the person is told. */
export async function answerJoinRequest(db: Db, actor: Actor | null, organisationId: string, requestId: string, accept: boolean): Promise<Outcome<null, 'not-found'>> {
  const found = await findOrganisation(db, organisationId);
  if (!found || !isUuid(requestId)) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.organisation.members.manage', { organisationId: found.id, territoryId: found.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason === 'forbidden' ? 'not-found' : allowed.reason };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisationJoinRequest)
      .set({ status: accept ? 'accepted' : 'declined', answeredBy: actor!.personId, answeredAt: new Date() })
      .where(and(eq(organisationJoinRequest.id, requestId), eq(organisationJoinRequest.organisationId, found.id), eq(organisationJoinRequest.status, 'pending')))
      .returning();
    if (!row) return { ok: false as const, error: 'not-found' as const };
    if (accept) await grantInScope(tx, { personId: row.personId, role: 'organisation-member', scope: scopeOf(found.id), grantedBy: actor!.personId, reason: 'Asked to join the organisation', territoryId: found.territoryId });
    await recordAccess(tx, { actorId: actor!.personId, action: accept ? 'agreement.organisation.joinRequest.accept' : 'agreement.organisation.joinRequest.decline', recordType: 'organisation-join-request', recordId: row.id, territoryId: found.territoryId });
    await publish(tx, 'agreement.organisation.joinAnswered', { territoryId: found.territoryId, organisationId: found.id, organisationName: found.name, personId: row.personId, accepted: accept });
    return { ok: true as const, value: null };
  });
}

async function adminCount(db: Db, organisationId: string): Promise<number> {
  return (await organisationMembers(db, organisationId)).filter((m) => m.role === 'organisation-admin').length;
}

/**
 * Someone leaves (themself) or is removed (by an admin), or an admin changes a colleague's role.
 * The last admin cannot go, nor become a member, until another admin is there.
 */
export async function changeMembership(
  db: Db,
  actor: Actor | null,
  organisationId: string,
  personId: string,
  change: 'leave' | 'remove' | OrganisationRole,
): Promise<Outcome<null, 'not-found' | 'last-admin'>> {
  const found = await findOrganisation(db, organisationId);
  if (!found || !isUuid(personId)) return { ok: false, error: 'not-found' };
  const subject = { organisationId: found.id, territoryId: found.territoryId };
  const self = actor?.personId === personId;
  const allowed = change === 'leave' ? requirePermission(actor, 'agreement.organisation.leave', subject) : requirePermission(actor, 'agreement.organisation.members.manage', subject);
  if (!allowed.ok) return { ok: false, error: allowed.reason === 'forbidden' ? 'not-found' : allowed.reason };
  if (change === 'leave' && !self) return { ok: false, error: 'not-found' };
  if (change === 'remove' && self) return { ok: false, error: 'not-found' };
  const current = (await organisationMembers(db, found.id)).filter((m) => m.personId === personId);
  if (current.length === 0) return { ok: false, error: 'not-found' };
  const isAdmin = current.some((m) => m.role === 'organisation-admin');
  const staysAdmin = change === 'organisation-admin';
  if (isAdmin && !staysAdmin && (await adminCount(db, found.id)) <= 1) return { ok: false, error: 'last-admin' };
  return db.transaction(async (tx) => {
    if (change === 'leave' || change === 'remove') {
      await revokeInScope(tx, { personId, roles: organisationRoles, scope: scopeOf(found.id), revokedBy: actor!.personId, reason: change === 'leave' ? 'Left the organisation' : 'Removed from the organisation', territoryId: found.territoryId });
    } else {
      await setRole(tx, found, personId, change, actor!.personId, 'Role in the organisation changed by an admin');
    }
    const action = change === 'leave' ? 'agreement.organisation.member.leave' : change === 'remove' ? 'agreement.organisation.member.remove' : 'agreement.organisation.member.role';
    await recordAccess(tx, { actorId: actor!.personId, action, recordType: 'organisation', recordId: found.id, territoryId: found.territoryId });
    return { ok: true as const, value: null };
  });
}

/** Organisation names (with their page) for other contexts' pages, e.g. the roles page. */
/** Organisations' names with the territory each is registered in (to mark a name with that territory's language). */
export async function organisationNamesWhere(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; territoryId: string }>> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db.select({ id: organisation.id, name: organisation.name, territoryId: organisation.territoryId }).from(organisation).where(inArray(organisation.id, valid));
  return new Map(rows.map((r) => [r.id, { name: r.name, territoryId: r.territoryId }]));
}

export async function organisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return new Map();
  const rows = await db.select({ id: organisation.id, name: organisation.name }).from(organisation).where(inArray(organisation.id, valid));
  return new Map(rows.map((r) => [r.id, r.name]));
}
