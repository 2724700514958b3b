// Debates: opened by the coordinators of a network (or the promoting group for the whole territory); members
// of the network's organisations contribute; moderators hide a contribution with a reason that its author
// still reads with their text, and every hiding or showing again is access-logged.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { debate, debateContribution } from '../coproduction.schema.ts';
import { findNetworkById, networkMembers } from '../../agreement/networks/network.service.ts';
import { isUuid, organisationsByIds, organisationsOf, type Organisation } from '../../agreement/organisations/organisation.service.ts';
import { isMember } from '../../agreement/adhesion/adhesion.service.ts';

export type Debate = typeof debate.$inferSelect;
export type Contribution = typeof debateContribution.$inferSelect;

export interface DebateSummary extends Omit<Debate, 'openedBy'> {
  contributions: number;
  /** Where the organisations that spoke in it (in contributions still shown) are registered: in a forum, its municipalities. */
  voiceTerritoryIds: string[];
}

async function territoriesOf(db: Db, organisationIds: string[]): Promise<Map<string, string>> {
  if (organisationIds.length === 0) return new Map();
  return new Map((await organisationsByIds(db, [...new Set(organisationIds)])).map((o) => [o.id, o.territoryId]));
}

const visibleCount = sql<number>`(select count(*)::int from coproduction_debate_contribution c where c.debate_id = "coproduction_debate"."id" and c.hidden_at is null)`;

/** A territory's debates (or one network's); with `voicesFrom`, only those where an organisation registered in that territory spoke. */
export async function listDebates(db: Db, territoryId: string, networkId?: string | null, filters: { voicesFrom?: string | null; /** Read where the voices come from (a forum's list). */ voices?: boolean } = {}): Promise<DebateSummary[]> {
  const where = networkId ? and(eq(debate.territoryId, territoryId), eq(debate.networkId, networkId)) : eq(debate.territoryId, territoryId);
  const { id, territoryId: tid, networkId: nid, title, question, openedByName, createdAt, closedAt } = debate;
  const rows = await db.select({ id, territoryId: tid, networkId: nid, title, question, openedByName, createdAt, closedAt, contributions: visibleCount }).from(debate).where(where).orderBy(desc(debate.createdAt));
  const voices =
    rows.length === 0 || (!filters.voices && filters.voicesFrom === undefined)
      ? []
      : await db
          .selectDistinct({ debateId: debateContribution.debateId, organisationId: debateContribution.organisationId })
          .from(debateContribution)
          .where(and(inArray(debateContribution.debateId, rows.map((r) => r.id)), isNull(debateContribution.hiddenAt), isNotNull(debateContribution.organisationId)));
  const registered = await territoriesOf(db, voices.map((v) => v.organisationId!));
  const summaries = rows.map((r) => ({ ...r, voiceTerritoryIds: [...new Set(voices.filter((v) => v.debateId === r.id).map((v) => registered.get(v.organisationId!)).filter((x): x is string => Boolean(x)))] }));
  if (filters.voicesFrom === undefined) return summaries;
  return summaries.filter((d) => typeof filters.voicesFrom === 'string' && d.voiceTerritoryIds.includes(filters.voicesFrom));
}

export async function findDebate(db: Db, id: string): Promise<Debate | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(debate).where(eq(debate.id, id));
  return row ?? null;
}

const subjectOf = (d: Pick<Debate, 'territoryId' | 'networkId'>) => ({ territoryId: d.territoryId, networkId: d.networkId });

export function mayOpenDebate(actor: Actor | null, territoryId: string, networkId: string | null): boolean {
  return requirePermission(actor, 'coproduction.debate.open', { territoryId, networkId }).ok;
}

export function mayModerate(actor: Actor | null, d: Debate): boolean {
  return requirePermission(actor, 'coproduction.debate.moderate', subjectOf(d)).ok;
}

export async function openDebate(db: Db, actor: Actor | null, territoryId: string, input: { networkId: string; title: string; question: string }): Promise<Outcome<{ id: string }, 'invalid'>> {
  const net = input.networkId ? await findNetworkById(db, input.networkId) : null;
  const networkId = net && net.territoryId === territoryId ? net.id : null;
  const allowed = requirePermission(actor, 'coproduction.debate.open', { territoryId, networkId });
  if (!allowed.ok) {
    if (allowed.reason === 'forbidden' && actor && !input.networkId) return { ok: false, error: 'invalid', fields: { networkId: 'coproduction.event.errors.networkRequired' } };
    return { ok: false, error: allowed.reason };
  }
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  const question = input.question.trim();
  if (input.networkId && !networkId) fields.networkId = 'coproduction.errors.invalid';
  if (!title) fields.title = 'coproduction.debate.errors.titleRequired';
  else if (title.length > 200) fields.title = 'coproduction.errors.tooLong';
  if (!question) fields.question = 'coproduction.debate.errors.questionRequired';
  else if (question.length > 10_000) fields.question = 'coproduction.errors.tooLong';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db.insert(debate).values({ territoryId, networkId, title, question, openedBy: actor!.personId, openedByName: actor!.displayName }).returning({ id: debate.id });
  return { ok: true, value: row! };
}

/**
 * The organisations a person may speak for in this debate: theirs that are members of the debate's network,
 * or, in a debate of the whole territory, theirs that adhere to its Agreement.
 */
export async function speakingOrganisations(db: Db, actor: Actor | null, d: Debate): Promise<Organisation[]> {
  const own = await organisationsOf(db, actor, ['organisation-admin', 'organisation-member']);
  if (own.length === 0) return [];
  if (d.networkId) {
    const members = new Set((await networkMembers(db, d.networkId, 'member')).map((m) => m.organisationId));
    return own.filter((o) => members.has(o.id));
  }
  const result: Organisation[] = [];
  for (const o of own) if (await isMember(db, o.id, d.territoryId)) result.push(o);
  return result;
}

/** Staff of the debate (its network's coordinators, the promoting group) speak in their own name. */
export function speaksAsStaff(actor: Actor | null, d: Debate): boolean {
  return requirePermission(actor, 'coproduction.debate.moderate', subjectOf(d)).ok;
}

export async function contribute(db: Db, actor: Actor | null, debateId: string, input: { organisationId: string; body: string }): Promise<Outcome<{ id: string }, 'not-found' | 'invalid' | 'closed' | 'not-member'>> {
  const d = await findDebate(db, debateId);
  if (!d) return { ok: false, error: 'not-found' };
  if (!actor) return { ok: false, error: 'signed-out' };
  const organisations = await speakingOrganisations(db, actor, d);
  const organisation = organisations.find((o) => o.id === input.organisationId) ?? null;
  const staff = speaksAsStaff(actor, d);
  // Only members of the network act in it: a role is not enough without a member organisation (or being its staff).
  if (!staff && organisations.length === 0) return { ok: false, error: 'not-member' };
  const allowed = requirePermission(actor, 'coproduction.debate.contribute', { ...subjectOf(d), organisationId: organisation?.id ?? null });
  if (!allowed.ok) {
    if (allowed.reason === 'forbidden' && !organisation) return { ok: false, error: 'invalid', fields: { organisationId: 'coproduction.debate.errors.organisationRequired' } };
    return { ok: false, error: allowed.reason };
  }
  if (d.closedAt) return { ok: false, error: 'closed' };
  const fields: Record<string, string> = {};
  if (input.organisationId && !organisation) fields.organisationId = 'coproduction.errors.invalid';
  const body = input.body.trim();
  if (!body) fields.body = 'coproduction.debate.errors.bodyRequired';
  else if (body.length > 10_000) fields.body = 'coproduction.errors.tooLong';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(debateContribution)
    .values({ debateId: d.id, personId: actor.personId, authorName: actor.displayName, organisationId: organisation?.id ?? null, organisationName: organisation?.name ?? null, body })
    .returning({ id: debateContribution.id });
  return { ok: true, value: row! };
}

/** A contribution as a reader may see it: a hidden one keeps its text only for its author and the moderators. */
export interface ShownContribution {
  id: string;
  authorName: string;
  organisationName: string | null;
  /** Where the organisation it speaks for is registered. */
  organisationTerritoryId: string | null;
  createdAt: Date;
  body: string | null;
  hidden: boolean;
  hiddenReason: string | null;
  mine: boolean;
}

export async function contributions(db: Db, actor: Actor | null, d: Debate): Promise<ShownContribution[]> {
  const rows = await db.select().from(debateContribution).where(eq(debateContribution.debateId, d.id)).orderBy(asc(debateContribution.createdAt), asc(debateContribution.id));
  const moderator = mayModerate(actor, d);
  const where = await territoriesOf(db, rows.flatMap((c) => (c.organisationId ? [c.organisationId] : [])));
  return rows.map((c) => {
    const mine = actor !== null && c.personId === actor.personId;
    const hidden = c.hiddenAt !== null;
    return { id: c.id, authorName: c.authorName, organisationName: c.organisationName, organisationTerritoryId: c.organisationId ? (where.get(c.organisationId) ?? null) : null, createdAt: c.createdAt, body: !hidden || mine || moderator ? c.body : null, hidden, hiddenReason: c.hiddenReason, mine };
  });
}

async function contributionIn(db: Db, d: Debate, contributionId: string): Promise<Contribution | null> {
  if (!isUuid(contributionId)) return null;
  const [row] = await db.select().from(debateContribution).where(and(eq(debateContribution.id, contributionId), eq(debateContribution.debateId, d.id)));
  return row ?? null;
}

export async function hideContribution(db: Db, actor: Actor | null, debateId: string, contributionId: string, reason: string): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const d = await findDebate(db, debateId);
  if (!d) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.debate.moderate', subjectOf(d));
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const c = await contributionIn(db, d, contributionId);
  if (!c) return { ok: false, error: 'not-found' };
  const why = reason.trim();
  if (!why) return { ok: false, error: 'invalid', fields: { [`reason-${c.id}`]: 'coproduction.debate.errors.reasonRequired' } };
  if (why.length > 2000) return { ok: false, error: 'invalid', fields: { [`reason-${c.id}`]: 'coproduction.errors.tooLong' } };
  await db.transaction(async (tx) => {
    await tx.update(debateContribution).set({ hiddenAt: new Date(), hiddenReason: why, hiddenByName: actor!.displayName }).where(eq(debateContribution.id, c.id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'coproduction.contribution.hide', recordType: 'debate-contribution', recordId: c.id, territoryId: d.territoryId, reason: why });
  });
  return { ok: true, value: null };
}

export async function restoreContribution(db: Db, actor: Actor | null, debateId: string, contributionId: string): Promise<Outcome<null, 'not-found'>> {
  const d = await findDebate(db, debateId);
  if (!d) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.debate.moderate', subjectOf(d));
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const c = await contributionIn(db, d, contributionId);
  if (!c || !c.hiddenAt) return { ok: false, error: 'not-found' };
  await db.transaction(async (tx) => {
    await tx.update(debateContribution).set({ hiddenAt: null, hiddenReason: null, hiddenByName: null }).where(eq(debateContribution.id, c.id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'coproduction.contribution.restore', recordType: 'debate-contribution', recordId: c.id, territoryId: d.territoryId });
  });
  return { ok: true, value: null };
}

/** Contributions not hidden, for open data (names of organisations, not of people). */
export async function visibleContributionCount(db: Db, debateId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(debateContribution).where(and(eq(debateContribution.debateId, debateId), isNull(debateContribution.hiddenAt)));
  return row?.n ?? 0;
}
