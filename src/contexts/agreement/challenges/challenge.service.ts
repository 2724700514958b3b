// Challenges (Know): a member organisation proposes a social challenge with evidence; other members support it
// with a comment; the promoting group moves it through proposed → prioritised → being addressed → addressed
// (or declines it with a reason) and links it to the networks that take it on.
import { findTerritory } from '../../territories/territory.service.ts';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { challenge, challengeNetwork, challengeStatusChange, challengeStatuses, challengeSupport, network, organisation, type ChallengeStatus, type Evidence } from '../agreement.schema.ts';
import { isAreaOfWork } from '../agreement.settings.ts';
import { isMember } from '../adhesion/adhesion.service.ts';
import { districtNames, findOrganisation, isUuid } from '../organisations/organisation.service.ts';
import { publish } from '../../../platform/events.ts';
import type { PersonalDataProvider } from '../../identity/data-rights.service.ts';

export type Challenge = typeof challenge.$inferSelect;

const next: Record<ChallengeStatus, readonly ChallengeStatus[]> = {
  proposed: ['prioritised', 'declined'],
  prioritised: ['being-addressed', 'declined'],
  'being-addressed': ['addressed'],
  addressed: [],
  declined: [],
};

/** The statuses a challenge may move to from where it is. */
export function nextStatuses(from: ChallengeStatus): readonly ChallengeStatus[] {
  return next[from];
}

export function isChallengeStatus(value: string): value is ChallengeStatus {
  return (challengeStatuses as readonly string[]).includes(value);
}

export interface ChallengeInput {
  organisationId: string;
  title: string;
  description: string;
  evidence: Evidence[];
  districtIds: string[];
  areas: string[];
}

export async function proposeChallenge(db: Db, actor: Actor | null, territoryId: string, input: ChallengeInput): Promise<Outcome<{ id: string }, 'invalid' | 'not-member'>> {
  const org = input.organisationId ? await findOrganisation(db, input.organisationId) : null;
  if (!org) {
    if (!actor) return { ok: false, error: 'signed-out' };
    return { ok: false, error: 'invalid', fields: { organisationId: 'agreement.challenge.errors.organisationRequired' } };
  }
  const allowed = requirePermission(actor, 'agreement.challenge.propose', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!(await isMember(db, org.id, territoryId))) return { ok: false, error: 'not-member' };
  const districts = await districtNames(db, territoryId);
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) fields.title = 'agreement.challenge.errors.titleRequired';
  else if (title.length > 200) fields.title = 'platform.validation.tooLong';
  if (!input.description.trim()) fields.description = 'agreement.challenge.errors.descriptionRequired';
  else if (input.description.length > 8000) fields.description = 'platform.validation.tooLong';
  const evidence = input.evidence.map((e) => ({ text: e.text.trim(), source: e.source.trim() })).filter((e) => e.text || e.source);
  if (evidence.length === 0) fields['evidence.0.text'] = 'agreement.challenge.errors.evidenceRequired';
  evidence.forEach((e, i) => {
    if (!e.text) fields[`evidence.${i}.text`] = 'agreement.challenge.errors.evidenceText';
    else if (!e.source) fields[`evidence.${i}.source`] = 'agreement.challenge.errors.evidenceSource';
    else if (e.text.length > 2000 || e.source.length > 500) fields[`evidence.${i}.text`] = 'platform.validation.tooLong';
  });
  if (!input.districtIds.every((d) => districts.has(d))) fields.districtIds = 'platform.validation.invalid';
  if (input.areas.length === 0) fields.areas = 'agreement.challenge.errors.areasRequired';
  else if (!input.areas.every(isAreaOfWork)) fields.areas = 'platform.validation.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(challenge)
      .values({
        territoryId,
        organisationId: org.id,
        title,
        description: input.description.trim(),
        evidence,
        districtIds: [...new Set(input.districtIds)],
        areas: [...new Set(input.areas)],
        proposedByName: actor!.displayName,
        proposedBy: actor!.personId,
      })
      .returning({ id: challenge.id });
    await tx.insert(challengeStatusChange).values({ challengeId: row!.id, status: 'proposed', actorName: actor!.displayName, actorId: actor!.personId });
    await publish(tx, 'agreement.challenge.proposed', { territoryId, challengeId: row!.id, title, organisationId: org.id, organisationName: org.name });
    return { ok: true as const, value: row! };
  });
}

export async function findChallenge(db: Db, id: string): Promise<Challenge | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(challenge).where(eq(challenge.id, id));
  return row ?? null;
}

export async function supportChallenge(
  db: Db,
  actor: Actor | null,
  input: { challengeId: string; organisationId: string; comment: string },
): Promise<Outcome<null, 'not-found' | 'invalid' | 'not-member' | 'own' | 'already' | 'closed'>> {
  const found = await findChallenge(db, input.challengeId);
  if (!found) return { ok: false, error: 'not-found' };
  const org = input.organisationId ? await findOrganisation(db, input.organisationId) : null;
  if (!org) return { ok: false, error: 'invalid', fields: { organisationId: 'agreement.challenge.errors.organisationRequired' } };
  const allowed = requirePermission(actor, 'agreement.challenge.support', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (found.status === 'declined' || found.status === 'addressed') return { ok: false, error: 'closed' };
  if (org.id === found.organisationId) return { ok: false, error: 'own' };
  if (!(await isMember(db, org.id, found.territoryId))) return { ok: false, error: 'not-member' };
  const comment = input.comment.trim();
  if (!comment) return { ok: false, error: 'invalid', fields: { comment: 'agreement.challenge.errors.commentRequired' } };
  if (comment.length > 2000) return { ok: false, error: 'invalid', fields: { comment: 'platform.validation.tooLong' } };
  const supported = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(challengeSupport)
      .values({ challengeId: found.id, organisationId: org.id, comment, supportedByName: actor!.displayName, supportedBy: actor!.personId })
      .onConflictDoNothing()
      .returning({ at: challengeSupport.at });
    if (inserted.length === 0) return false;
    // The proposing organisation and the challenge's followers are told (notifications context).
    await publish(tx, 'agreement.challenge.supported', { territoryId: found.territoryId, challengeId: found.id, title: found.title, organisationId: found.organisationId, supporterName: org.name });
    return true;
  });
  if (!supported) return { ok: false, error: 'already' };
  return { ok: true, value: null };
}

/** The promoting group moves a challenge on (declining needs a reason) and says which networks take it on. */
export async function prioritiseChallenge(
  db: Db,
  actor: Actor | null,
  input: { challengeId: string; status: string; reason: string; networkIds: string[] },
): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await findChallenge(db, input.challengeId);
  if (!found) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.challenge.prioritise', { territoryId: found.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  const status = input.status;
  const moving = status !== '' && status !== found.status;
  if (moving && (!isChallengeStatus(status) || !nextStatuses(found.status).includes(status))) fields.status = 'agreement.challenge.errors.transition';
  const reason = input.reason.trim();
  if (moving && status === 'declined' && !reason) fields.reason = 'agreement.adhesion.errors.reasonRequired';
  if (reason.length > 2000) fields.reason = 'platform.validation.tooLong';
  const networkIds = [...new Set(input.networkIds)].filter(isUuid);
  const valid = networkIds.length
    ? (await db.select({ id: network.id }).from(network).where(and(inArray(network.id, networkIds), eq(network.territoryId, found.territoryId)))).map((r) => r.id)
    : [];
  if (valid.length !== input.networkIds.length) fields.networkIds = 'platform.validation.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    if (moving) {
      const to = status as ChallengeStatus;
      await tx
        .update(challenge)
        .set({ status: to, statusChangedAt: new Date(), declineReason: to === 'declined' ? reason : null })
        .where(eq(challenge.id, found.id));
      await tx.insert(challengeStatusChange).values({ challengeId: found.id, status: to, reason: reason || null, actorName: actor!.displayName, actorId: actor!.personId });
    }
    await tx.delete(challengeNetwork).where(eq(challengeNetwork.challengeId, found.id));
    if (valid.length > 0) await tx.insert(challengeNetwork).values(valid.map((networkId) => ({ challengeId: found.id, networkId })));
    await publish(tx, 'public.changed', { territoryId: found.territoryId, what: 'challenge.status' });
  });
  return { ok: true, value: null };
}

export interface ChallengeFilters {
  status?: string;
  area?: string;
  district?: string;
  network?: string;
  /** In a forum: the municipality where the proposing organisation is registered (the territory's slug). */
  municipality?: string;
}

export interface ChallengeSummary {
  id: string;
  title: string;
  status: ChallengeStatus;
  areas: string[];
  districtIds: string[];
  organisationId: string;
  organisationName: string;
  /** Where the proposing organisation is registered: in a forum, one of its municipalities. */
  organisationTerritoryId: string;
  supports: number;
  createdAt: Date;
}

export async function listChallenges(db: Db, territoryId: string, filters: ChallengeFilters = {}): Promise<ChallengeSummary[]> {
  const where: SQL[] = [eq(challenge.territoryId, territoryId)];
  if (filters.status && isChallengeStatus(filters.status)) where.push(eq(challenge.status, filters.status));
  if (filters.area) where.push(sql`${challenge.areas} @> array[${filters.area}]::text[]`);
  if (filters.district && isUuid(filters.district)) where.push(sql`${challenge.districtIds} @> array[${filters.district}]::uuid[]`);
  if (filters.network && isUuid(filters.network)) {
    where.push(sql`exists (select 1 from ${challengeNetwork} cn where cn.challenge_id = ${challenge.id} and cn.network_id = ${filters.network})`);
  }
  if (filters.municipality) {
    // A municipality filter names a territory by its address; one that is not a territory finds nothing.
    const municipality = await findTerritory(db, filters.municipality);
    where.push(sql`${organisation.territoryId} = ${municipality?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid`);
  }
  const supports = sql<number>`(select count(*)::int from ${challengeSupport} s where s.challenge_id = ${challenge.id})`;
  return db
    .select({
      id: challenge.id,
      title: challenge.title,
      status: challenge.status,
      areas: challenge.areas,
      districtIds: challenge.districtIds,
      organisationId: challenge.organisationId,
      organisationName: organisation.name,
      organisationTerritoryId: organisation.territoryId,
      supports,
      createdAt: challenge.createdAt,
    })
    .from(challenge)
    .innerJoin(organisation, eq(organisation.id, challenge.organisationId))
    .where(and(...where))
    .orderBy(desc(supports), desc(challenge.createdAt));
}

export async function challengeDetail(db: Db, id: string) {
  const found = await findChallenge(db, id);
  if (!found) return null;
  const [proposer, supports, networks, history] = await Promise.all([
    findOrganisation(db, found.organisationId),
    db
      .select({ organisationId: challengeSupport.organisationId, organisationName: organisation.name, comment: challengeSupport.comment, at: challengeSupport.at })
      .from(challengeSupport)
      .innerJoin(organisation, eq(organisation.id, challengeSupport.organisationId))
      .where(eq(challengeSupport.challengeId, found.id))
      .orderBy(asc(challengeSupport.at)),
    db
      .select({ id: network.id, slug: network.slug, name: network.name })
      .from(challengeNetwork)
      .innerJoin(network, eq(network.id, challengeNetwork.networkId))
      .where(eq(challengeNetwork.challengeId, found.id)),
    db.select().from(challengeStatusChange).where(eq(challengeStatusChange.challengeId, found.id)).orderBy(asc(challengeStatusChange.at)),
  ]);
  return { challenge: found, proposer: proposer!, supports, networks, history };
}

/** Challenges a network has taken on (for its page). */
export async function challengesOfNetwork(db: Db, networkId: string) {
  return db
    .select({ id: challenge.id, title: challenge.title, status: challenge.status })
    .from(challengeNetwork)
    .innerJoin(challenge, eq(challenge.id, challengeNetwork.challengeId))
    .where(eq(challengeNetwork.networkId, networkId))
    .orderBy(asc(challenge.title));
}

/**
 * A person's part of the challenges, for their data download and their account's deletion: what they
 * proposed, supported and decided. On deletion what they wrote stays (it is the organisation's), and
 * their name is replaced: '' is shown as a deleted account.
 */
export const challengePersonalData: PersonalDataProvider = {
  context: 'challenges',
  async export(db, personId) {
    const [proposed, supports, decisions] = await Promise.all([
      db
        .select({ id: challenge.id, title: challenge.title, description: challenge.description, evidence: challenge.evidence, areas: challenge.areas, status: challenge.status, createdAt: challenge.createdAt })
        .from(challenge)
        .where(eq(challenge.proposedBy, personId)),
      db.select({ challengeId: challengeSupport.challengeId, comment: challengeSupport.comment, at: challengeSupport.at }).from(challengeSupport).where(eq(challengeSupport.supportedBy, personId)),
      db
        .select({ challengeId: challengeStatusChange.challengeId, status: challengeStatusChange.status, reason: challengeStatusChange.reason, at: challengeStatusChange.at })
        .from(challengeStatusChange)
        .where(eq(challengeStatusChange.actorId, personId)),
    ]);
    return { proposed, supports, statusChanges: decisions };
  },
  async erase(tx, personId) {
    await tx.update(challenge).set({ proposedByName: '', proposedBy: null }).where(eq(challenge.proposedBy, personId));
    await tx.update(challengeSupport).set({ supportedByName: '', supportedBy: null }).where(eq(challengeSupport.supportedBy, personId));
    await tx.update(challengeStatusChange).set({ actorName: '', actorId: null }).where(eq(challengeStatusChange.actorId, personId));
  },
};
