// The Agreement of a territory: its versioned commitments, and organisations' adhesions to it
// (sign → the promoting group approves or declines → member; renew when the commitments change; leave).
import { and, asc, count, desc, eq, ilike, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { adhesion, adhesionEvent, adhesionStatuses, agreementSpace, commitmentsVersion, organisation, type AdhesionStatus, type Translated } from '../agreement.schema.ts';
import { likePattern, windowOf, type ListPage, type ListQuery } from '../../../platform/views/list-query.ts';
import { findOrganisation } from '../organisations/organisation.service.ts';
import { findTerritoryById, relatedTerritories } from '../../territories/territory.service.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { publish } from '../../../platform/events.ts';
import type { PersonalDataProvider } from '../../identity/data-rights.service.ts';
import { cleanTexts, languageChanges, nextTextVersions } from './commitments.ts';

export type AgreementSpace = typeof agreementSpace.$inferSelect;
export type CommitmentsVersion = typeof commitmentsVersion.$inferSelect;
export type Adhesion = typeof adhesion.$inferSelect;
export type AdhesionEvent = typeof adhesionEvent.$inferSelect;

export async function findAgreementSpace(db: Db, territoryId: string): Promise<AgreementSpace | null> {
  const [row] = await db.select().from(agreementSpace).where(eq(agreementSpace.territoryId, territoryId));
  return row ?? null;
}

/** Creates or replaces a territory's Agreement description (seed and territory admins' tooling). */
export async function saveAgreementSpace(db: Db, value: typeof agreementSpace.$inferInsert): Promise<void> {
  await db
    .insert(agreementSpace)
    .values(value)
    .onConflictDoUpdate({ target: agreementSpace.territoryId, set: { title: value.title, description: value.description, goals: value.goals, promotingGroup: value.promotingGroup } });
}

export async function currentCommitments(db: Db, territoryId: string): Promise<CommitmentsVersion | null> {
  const [row] = await db.select().from(commitmentsVersion).where(eq(commitmentsVersion.territoryId, territoryId)).orderBy(desc(commitmentsVersion.version)).limit(1);
  return row ?? null;
}

export async function commitmentsHistory(db: Db, territoryId: string): Promise<CommitmentsVersion[]> {
  return db.select().from(commitmentsVersion).where(eq(commitmentsVersion.territoryId, territoryId)).orderBy(desc(commitmentsVersion.version));
}

/** What an editor decided about the languages a new version leaves untranslated. */
export type UntranslatedChoice = 'keep' | 'holds';

/**
 * Publishes a new version of the commitments. Every member organisation that signed an older version
 * is asked to renew (an event in its history; its page and the members list show it). When the new text
 * updates some languages and leaves others word for word, the editor must choose: `keep` publishes them as
 * texts of the version they were written for (readers are told), `holds` says they still say the same.
 */
export async function publishCommitments(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  text: Translated,
  untranslatedChoice?: UntranslatedChoice,
): Promise<Outcome<{ version: number; renewalsRequested: number; untranslated: string[] }, 'invalid' | 'untranslated'>> {
  const allowed = requirePermission(actor, 'agreement.commitments.publish', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const cleaned = cleanTexts(text);
  if (Object.keys(cleaned).length === 0) return { ok: false, error: 'invalid', fields: { 'text.ca': 'agreement.commitments.errors.textRequired' } };
  if (Object.values(cleaned).some((v) => v.length > 10_000)) return { ok: false, error: 'invalid', fields: { 'text.ca': 'platform.validation.tooLong' } };
  return db.transaction(async (tx) => {
    const [latest] = await tx.select({ v: sql<number>`coalesce(max(${commitmentsVersion.version}), 0)::int` }).from(commitmentsVersion).where(eq(commitmentsVersion.territoryId, territoryId));
    const version = latest!.v + 1;
    const [previous] = await tx.select().from(commitmentsVersion).where(and(eq(commitmentsVersion.territoryId, territoryId), eq(commitmentsVersion.version, version - 1)));
    const { untranslated } = languageChanges(previous ?? null, cleaned);
    if (untranslated.length > 0 && !untranslatedChoice) return { ok: false as const, error: 'untranslated' as const, fields: { untranslated: 'agreement.commitments.errors.untranslated' } };
    const textVersions = nextTextVersions(previous ?? null, cleaned, version, untranslatedChoice === 'holds');
    await tx.insert(commitmentsVersion).values({ territoryId, version, text: cleaned, textVersions, publishedByName: actor!.displayName, publishedBy: actor!.personId });
    const members = await tx
      .select({ id: adhesion.id, organisationId: organisation.id, organisationName: organisation.name })
      .from(adhesion)
      .innerJoin(organisation, eq(organisation.id, adhesion.organisationId))
      .where(and(eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member'), lt(adhesion.signedVersion, version)));
    if (members.length > 0) {
      await tx.insert(adhesionEvent).values(members.map((m) => ({ adhesionId: m.id, kind: 'renewal-requested' as const, version, actorName: actor!.displayName, actorId: actor!.personId })));
      const territory = await findTerritoryById(tx, territoryId);
      if (territory) {
        await publish(tx, 'agreement.renewal.requested', { territoryId, territoryName: territory.name, territorySlug: territory.slug, organisations: members.map((m) => ({ id: m.organisationId, name: m.organisationName })) });
      }
    }
    await publish(tx, 'public.changed', { territoryId, what: 'commitments.published' });
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.commitments.publish', recordType: 'commitments', recordId: String(version), territoryId });
    return { ok: true as const, value: { version, renewalsRequested: members.length, untranslated: untranslatedChoice === 'holds' ? [] : untranslated } };
  });
}

/**
 * An organisation takes part in its own municipality's Agreement, and in the forums that municipality belongs to.
 */
export async function mayTakePart(db: Db, organisationTerritoryId: string, agreementTerritoryId: string): Promise<boolean> {
  if (organisationTerritoryId === agreementTerritoryId) return true;
  const agreementTerritory = await findTerritoryById(db, agreementTerritoryId);
  if (agreementTerritory?.kind !== 'forum') return false;
  return (await relatedTerritories(db, agreementTerritory)).some((m) => m.id === organisationTerritoryId);
}

export async function findAdhesion(db: Db, organisationId: string, territoryId: string): Promise<Adhesion | null> {
  const [row] = await db.select().from(adhesion).where(and(eq(adhesion.organisationId, organisationId), eq(adhesion.territoryId, territoryId)));
  return row ?? null;
}

/**
 * An organisation admin signs the current commitments for their organisation. A first signature (or one after
 * leaving or a refusal) waits for the promoting group; a member signing a newer version renews at once.
 */
export async function signCommitments(
  db: Db,
  actor: Actor | null,
  input: { organisationId: string; territoryId: string; version: number; accepted: boolean },
): Promise<Outcome<{ status: 'pending' | 'renewed' }, 'not-found' | 'invalid' | 'stale-version' | 'already' | 'other-territory'>> {
  const org = await findOrganisation(db, input.organisationId);
  if (!org) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.adhesion.sign', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!input.accepted) return { ok: false, error: 'invalid', fields: { accepted: 'agreement.adhesion.errors.acceptRequired' } };
  const current = await currentCommitments(db, input.territoryId);
  if (!current) return { ok: false, error: 'not-found' };
  if (!(await mayTakePart(db, org.territoryId, input.territoryId))) return { ok: false, error: 'other-territory' };
  // Signing what was on screen: if a new version came out meanwhile, the person reads it first.
  if (current.version !== input.version) return { ok: false, error: 'stale-version' };
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(adhesion).where(and(eq(adhesion.organisationId, org.id), eq(adhesion.territoryId, input.territoryId))).for('update');
    const now = new Date();
    const name = actor!.displayName;
    if (existing?.status === 'member') {
      if (existing.signedVersion >= current.version) return { ok: false as const, error: 'already' as const };
      await tx.update(adhesion).set({ signedVersion: current.version, signedAt: now, signedByName: name, signedBy: actor!.personId }).where(eq(adhesion.id, existing.id));
      await tx.insert(adhesionEvent).values({ adhesionId: existing.id, kind: 'renewed', version: current.version, actorName: name, actorId: actor!.personId, at: now });
      return { ok: true as const, value: { status: 'renewed' as const } };
    }
    if (existing?.status === 'pending') return { ok: false as const, error: 'already' as const };
    let id: string;
    if (existing) {
      await tx
        .update(adhesion)
        .set({ status: 'pending', signedVersion: current.version, signedAt: now, signedByName: name, signedBy: actor!.personId, decidedAt: null, decidedByName: null, decidedBy: null, declineReason: null, memberSince: null })
        .where(eq(adhesion.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx
        .insert(adhesion)
        .values({ organisationId: org.id, territoryId: input.territoryId, status: 'pending', signedVersion: current.version, signedAt: now, signedByName: name, signedBy: actor!.personId })
        .returning({ id: adhesion.id });
      id = row!.id;
    }
    await tx.insert(adhesionEvent).values({ adhesionId: id, kind: 'signed', version: current.version, actorName: name, actorId: actor!.personId, at: now });
    return { ok: true as const, value: { status: 'pending' as const } };
  });
}

/** The promoting group approves an adhesion, or declines it with a reason the organisation will read. */
export async function decideAdhesion(
  db: Db,
  actor: Actor | null,
  input: { adhesionId: string; territoryId: string; decision: string; reason: string },
): Promise<Outcome<{ status: 'member' | 'declined' }, 'not-found' | 'invalid'>> {
  const allowed = requirePermission(actor, 'agreement.adhesion.review', { territoryId: input.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const [existing] = /^[0-9a-f-]{36}$/i.test(input.adhesionId)
    ? await db.select().from(adhesion).where(and(eq(adhesion.id, input.adhesionId), eq(adhesion.territoryId, input.territoryId)))
    : [];
  if (!existing || existing.status !== 'pending') return { ok: false, error: 'not-found' };
  const reason = input.reason.trim();
  if (input.decision !== 'approve' && input.decision !== 'decline') return { ok: false, error: 'invalid', fields: { decision: 'agreement.adhesion.errors.decisionRequired' } };
  if (input.decision === 'decline' && !reason) return { ok: false, error: 'invalid', fields: { reason: 'agreement.adhesion.errors.reasonRequired' } };
  if (reason.length > 2000) return { ok: false, error: 'invalid', fields: { reason: 'platform.validation.tooLong' } };
  const now = new Date();
  const name = actor!.displayName;
  const [territory, org] = await Promise.all([findTerritoryById(db, input.territoryId), findOrganisation(db, existing.organisationId)]);
  const decided = async (tx: Db, decision: 'approved' | 'declined') => {
    if (territory && org) {
      await publish(tx, 'agreement.adhesion.decided', { territoryId: territory.id, territoryName: territory.name, territorySlug: territory.slug, organisationId: org.id, organisationName: org.name, decision });
    }
  };
  return db.transaction(async (tx) => {
    if (input.decision === 'approve') {
      await tx.update(adhesion).set({ status: 'member', memberSince: now, decidedAt: now, decidedByName: name, decidedBy: actor!.personId, declineReason: null }).where(eq(adhesion.id, existing.id));
      await tx.insert(adhesionEvent).values({ adhesionId: existing.id, kind: 'approved', version: existing.signedVersion, reason: reason || null, actorName: name, actorId: actor!.personId, at: now });
      await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.adhesion.approve', recordType: 'adhesion', recordId: existing.id, territoryId: input.territoryId, reason: reason || null });
      await decided(tx, 'approved');
      return { ok: true as const, value: { status: 'member' as const } };
    }
    await tx.update(adhesion).set({ status: 'declined', decidedAt: now, decidedByName: name, decidedBy: actor!.personId, declineReason: reason }).where(eq(adhesion.id, existing.id));
    await tx.insert(adhesionEvent).values({ adhesionId: existing.id, kind: 'declined', version: existing.signedVersion, reason, actorName: name, actorId: actor!.personId, at: now });
    await recordAccess(tx, { actorId: actor!.personId, action: 'agreement.adhesion.decline', recordType: 'adhesion', recordId: existing.id, territoryId: input.territoryId, reason });
    await decided(tx, 'declined');
    return { ok: true as const, value: { status: 'declined' as const } };
  });
}

export async function leaveAgreement(db: Db, actor: Actor | null, input: { organisationId: string; territoryId: string; reason: string }): Promise<Outcome<null, 'not-found'>> {
  const org = await findOrganisation(db, input.organisationId);
  if (!org) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.adhesion.leave', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const existing = await findAdhesion(db, org.id, input.territoryId);
  if (!existing || (existing.status !== 'member' && existing.status !== 'pending')) return { ok: false, error: 'not-found' };
  await db.transaction(async (tx) => {
    await tx.update(adhesion).set({ status: 'left', memberSince: null }).where(eq(adhesion.id, existing.id));
    await tx.insert(adhesionEvent).values({ adhesionId: existing.id, kind: 'left', reason: input.reason.trim().slice(0, 2000) || null, actorName: actor!.displayName, actorId: actor!.personId });
  });
  return { ok: true, value: null };
}

export interface MemberRow {
  organisationId: string;
  name: string;
  type: string;
  memberSince: Date;
  signedVersion: number;
  verified: boolean;
}

/** Member organisations of a territory's Agreement, with their date of adhesion. */
export async function listMembers(db: Db, territoryId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({
      organisationId: organisation.id,
      name: organisation.name,
      type: organisation.type,
      memberSince: adhesion.memberSince,
      signedVersion: adhesion.signedVersion,
      verifiedAt: organisation.verifiedAt,
    })
    .from(adhesion)
    .innerJoin(organisation, eq(organisation.id, adhesion.organisationId))
    .where(and(eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member')))
    .orderBy(asc(organisation.name));
  return rows.map((r) => ({ ...r, memberSince: r.memberSince!, verified: r.verifiedAt !== null }));
}

export async function pendingAdhesions(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<(Adhesion & { organisationName: string })[]>> {
  const allowed = requirePermission(actor, 'agreement.adhesion.review', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const rows = await db
    .select({ adhesion, organisationName: organisation.name })
    .from(adhesion)
    .innerJoin(organisation, eq(organisation.id, adhesion.organisationId))
    .where(and(eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'pending')))
    .orderBy(asc(adhesion.signedAt));
  return { ok: true, value: rows.map((r) => ({ ...r.adhesion, organisationName: r.organisationName })) };
}

export const adhesionSorts = ['organisation', 'status', 'signed', 'memberSince'] as const;
export type AdhesionSort = (typeof adhesionSorts)[number];
export const adhesionListDefaults = { sort: 'signed', dir: 'desc' } as const;

export interface AdhesionListRow {
  id: string;
  organisationId: string;
  organisationName: string;
  status: AdhesionStatus;
  signedVersion: number;
  signedAt: Date;
  memberSince: Date | null;
  decidedAt: Date | null;
}

export interface AdhesionList extends ListPage<AdhesionListRow> {
  byStatus: Record<AdhesionStatus, number>;
  /** All adhesions that match the search, whatever their status (the "All" filter's count). */
  allStatuses: number;
}

/**
 * The promoting group's list of every adhesion to the territory's Agreement: searched by the organisation's name,
 * filtered by status (with a count per status), sorted and paged. The search and the counts go together: the
 * counts say how many of the searched organisations are in each status.
 */
export async function listAdhesions(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  filter: { status?: AdhesionStatus | undefined },
  list: ListQuery<AdhesionSort>,
): Promise<Outcome<AdhesionList>> {
  const allowed = requirePermission(actor, 'agreement.adhesion.review', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const conditions: SQL[] = [eq(adhesion.territoryId, territoryId)];
  if (list.q) conditions.push(ilike(organisation.name, likePattern(list.q)));
  const withStatus = filter.status ? [...conditions, eq(adhesion.status, filter.status)] : conditions;
  const order = list.dir === 'asc' ? asc : desc;
  const column = { organisation: organisation.name, status: adhesion.status, signed: adhesion.signedAt, memberSince: adhesion.memberSince }[list.sort];
  // Those without a date (not approved yet) come last whichever way the dates are sorted.
  const nullsLast = list.sort === 'memberSince' ? [sql`${adhesion.memberSince} IS NULL`] : [];
  const { limit, offset } = windowOf(list);
  const [rows, counts] = await Promise.all([
    db
      .select({
        id: adhesion.id,
        organisationId: adhesion.organisationId,
        organisationName: organisation.name,
        status: adhesion.status,
        signedVersion: adhesion.signedVersion,
        signedAt: adhesion.signedAt,
        memberSince: adhesion.memberSince,
        decidedAt: adhesion.decidedAt,
      })
      .from(adhesion)
      .innerJoin(organisation, eq(organisation.id, adhesion.organisationId))
      .where(and(...withStatus))
      .orderBy(...nullsLast, order(column), asc(organisation.name), asc(adhesion.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ status: adhesion.status, count: count() })
      .from(adhesion)
      .innerJoin(organisation, eq(organisation.id, adhesion.organisationId))
      .where(and(...conditions))
      .groupBy(adhesion.status),
  ]);
  const byStatus = Object.fromEntries(adhesionStatuses.map((s) => [s, 0])) as Record<AdhesionStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.count);
  const allStatuses = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { ok: true, value: { rows, total: filter.status ? byStatus[filter.status] : allStatuses, byStatus, allStatuses } };
}

/** An organisation's adhesions (to its municipality's Agreement and to forums) with their full history. */
export async function adhesionsOf(db: Db, organisationId: string): Promise<(Adhesion & { events: AdhesionEvent[] })[]> {
  const rows = await db.select().from(adhesion).where(eq(adhesion.organisationId, organisationId));
  if (rows.length === 0) return [];
  const events = await db
    .select()
    .from(adhesionEvent)
    .where(inArray(adhesionEvent.adhesionId, rows.map((r) => r.id)))
    .orderBy(asc(adhesionEvent.at));
  return rows.map((r) => ({ ...r, events: events.filter((e) => e.adhesionId === r.id) }));
}

/** The adhesions of several organisations that are members now, in one query (the desk's renewals). */
export async function memberAdhesionsOf(db: Db, organisationIds: string[]): Promise<Adhesion[]> {
  if (organisationIds.length === 0) return [];
  return db.select().from(adhesion).where(and(inArray(adhesion.organisationId, organisationIds), eq(adhesion.status, 'member')));
}

export async function isMember(db: Db, organisationId: string, territoryId: string): Promise<boolean> {
  const found = await findAdhesion(db, organisationId, territoryId);
  return found?.status === 'member';
}

/** Adhesions the person signed or decided, commitments they published: in their download; their name removed on deletion. */
export const adhesionPersonalData: PersonalDataProvider = {
  context: 'adhesions',
  async export(db, personId) {
    const [signed, decided, history, published] = await Promise.all([
      db.select({ organisationId: adhesion.organisationId, territoryId: adhesion.territoryId, version: adhesion.signedVersion, signedAt: adhesion.signedAt, status: adhesion.status }).from(adhesion).where(eq(adhesion.signedBy, personId)),
      db.select({ organisationId: adhesion.organisationId, territoryId: adhesion.territoryId, status: adhesion.status, decidedAt: adhesion.decidedAt, declineReason: adhesion.declineReason }).from(adhesion).where(eq(adhesion.decidedBy, personId)),
      db.select({ adhesionId: adhesionEvent.adhesionId, kind: adhesionEvent.kind, version: adhesionEvent.version, reason: adhesionEvent.reason, at: adhesionEvent.at }).from(adhesionEvent).where(eq(adhesionEvent.actorId, personId)),
      db.select({ territoryId: commitmentsVersion.territoryId, version: commitmentsVersion.version, text: commitmentsVersion.text, publishedAt: commitmentsVersion.publishedAt }).from(commitmentsVersion).where(eq(commitmentsVersion.publishedBy, personId)),
    ]);
    return { signed, decided, history, commitmentsPublished: published };
  },
  async erase(tx, personId) {
    await tx.update(adhesion).set({ signedByName: '', signedBy: null }).where(eq(adhesion.signedBy, personId));
    await tx.update(adhesion).set({ decidedByName: '', decidedBy: null }).where(eq(adhesion.decidedBy, personId));
    await tx.update(adhesionEvent).set({ actorName: '', actorId: null }).where(eq(adhesionEvent.actorId, personId));
    await tx.update(commitmentsVersion).set({ publishedByName: '', publishedBy: null }).where(eq(commitmentsVersion.publishedBy, personId));
  },
};
