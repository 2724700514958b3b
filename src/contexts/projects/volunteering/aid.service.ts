// Mutual aid: offers and needs posted by people or for organisations; suggestions ranked by kind, area, district
// and language; a match is a conversation between the two sides that shows neither contact until both agreed;
// fulfilled matches are counted in public. A need's description, a person's name and every contact stay off
// public pages: what the public reads goes through publicPost.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { aidKinds, aidMatch, aidMessage, aidPost, aidSides, type AidKind, type AidSide } from '../projects.schema.ts';
import { findOrganisation, isUuid } from '../../agreement/organisations/organisation.service.ts';
import { areasOfWork, workingLanguages } from '../../agreement/agreement.settings.ts';
import { listAreas } from '../../territories/territory.service.ts';
import { districtNeighbours, rankMatches, type Ranked } from './matching.ts';
import { contactDetailsIn } from './contact-details.ts';
import { validDay } from '../projects/progress.ts';

export type AidPost = typeof aidPost.$inferSelect;
export type AidMatch = typeof aidMatch.$inferSelect;
export type AidMessage = typeof aidMessage.$inferSelect;

/** What anyone may read of a post: no contact, no person's name, and for a need no description. */
export interface PublicPost {
  id: string;
  side: AidSide;
  kind: AidKind;
  area: string;
  districtId: string | null;
  languages: string[];
  title: string;
  description: string;
  fromOn: string | null;
  untilOn: string | null;
  /** The organisation's name; '' when a person posted it. */
  postedFor: string;
  createdAt: Date;
}

export function publicPost(p: AidPost): PublicPost {
  return {
    id: p.id,
    side: p.side,
    kind: p.kind,
    area: p.area,
    districtId: p.districtId,
    languages: p.languages,
    title: p.title,
    description: p.side === 'offer' ? p.description : '',
    fromOn: p.fromOn,
    untilOn: p.untilOn,
    postedFor: p.organisationId ? p.organisationName : '',
    createdAt: p.createdAt,
  };
}

/** Does this person act for the post's side (its author, or a person of the organisation it was posted for)? */
export function actsFor(actor: Actor | null, p: Pick<AidPost, 'organisationId' | 'postedBy'>): boolean {
  if (!actor) return false;
  return requirePermission(actor, 'projects.aid.manage', { organisationId: p.organisationId, ownerId: p.postedBy }).ok;
}

const neighbourCache = new Map<string, Map<string, Set<string>>>();
async function neighboursOf(db: Db, territoryId: string) {
  let n = neighbourCache.get(territoryId);
  if (!n) {
    n = districtNeighbours(await listAreas(db, territoryId, 'district'));
    // District outlines change only on an import; a restart picks the new ones up.
    neighbourCache.set(territoryId, n);
  }
  return n;
}

export async function openPosts(db: Db, territoryId: string, side?: AidSide): Promise<AidPost[]> {
  const where = [eq(aidPost.territoryId, territoryId), isNull(aidPost.closedAt)];
  if (side) where.push(eq(aidPost.side, side));
  return db.select().from(aidPost).where(and(...where)).orderBy(desc(aidPost.createdAt));
}

export async function findPost(db: Db, id: string): Promise<AidPost | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(aidPost).where(eq(aidPost.id, id));
  return row ?? null;
}

export interface AidCounts {
  offers: number;
  needs: number;
  matches: number;
  fulfilled: number;
}

/** The public counts: open offers and needs, conversations opened, matches fulfilled. */
export async function aidCounts(db: Db, territoryId: string): Promise<AidCounts> {
  const [posts, matches, fulfilled] = await Promise.all([
    db.select({ side: aidPost.side, n: count() }).from(aidPost).where(and(eq(aidPost.territoryId, territoryId), isNull(aidPost.closedAt))).groupBy(aidPost.side),
    db.select({ n: count() }).from(aidMatch).where(eq(aidMatch.territoryId, territoryId)),
    db.select({ n: count() }).from(aidMatch).where(and(eq(aidMatch.territoryId, territoryId), isNotNull(aidMatch.fulfilledAt))),
  ]);
  return { offers: posts.find((p) => p.side === 'offer')?.n ?? 0, needs: posts.find((p) => p.side === 'need')?.n ?? 0, matches: matches[0]?.n ?? 0, fulfilled: fulfilled[0]?.n ?? 0 };
}

export interface PostInput {
  side: string;
  kind: string;
  area: string;
  districtId: string;
  languages: string[];
  title: string;
  description: string;
  contact: string;
  fromOn: string;
  untilOn: string;
  /** An organisation the person acts for, or '' for themself. */
  organisationId: string;
}

export async function createPost(db: Db, actor: Actor | null, territoryId: string, input: PostInput): Promise<Outcome<{ id: string }, 'invalid'>> {
  const allowed = requirePermission(actor, 'projects.aid.post', {});
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  if (!(aidSides as readonly string[]).includes(input.side)) fields.side = 'projects.aid.errors.side';
  if (!(aidKinds as readonly string[]).includes(input.kind)) fields.kind = 'projects.aid.errors.kind';
  if (input.area && !(areasOfWork as readonly string[]).includes(input.area)) fields.area = 'projects.errors.invalid';
  const districts = await listAreas(db, territoryId, 'district');
  if (input.districtId && !districts.some((d) => d.id === input.districtId)) fields.districtId = 'projects.errors.invalid';
  const languages = [...new Set(input.languages)];
  if (languages.some((l) => !(workingLanguages as readonly string[]).includes(l)) || languages.length > 20) fields.languages = 'projects.errors.invalid';
  if (!input.title.trim()) fields.title = 'projects.aid.errors.title';
  else if (input.title.trim().length > 160) fields.title = 'projects.errors.tooLong';
  // What the public reads (publicPost) must not lead to a person: contacts go in the contact field, shown only
  // after both sides agree. The text is refused, never logged or kept.
  else if (contactDetailsIn(input.title).length > 0) fields.title = 'projects.aid.errors.contactInTitle';
  if (input.description.length > 4000) fields.description = 'projects.errors.tooLong';
  else if (input.side === 'offer' && contactDetailsIn(input.description).length > 0) fields.description = 'projects.aid.errors.contactInDescription';
  if (!input.contact.trim()) fields.contact = 'projects.aid.errors.contact';
  else if (input.contact.trim().length > 300) fields.contact = 'projects.errors.tooLong';
  const fromOn = input.fromOn.trim() ? validDay(input.fromOn) : null;
  const untilOn = input.untilOn.trim() ? validDay(input.untilOn) : null;
  if (input.fromOn.trim() && !fromOn) fields.fromOn = 'projects.errors.date';
  if (input.untilOn.trim() && !untilOn) fields.untilOn = 'projects.errors.date';
  else if (fromOn && untilOn && untilOn < fromOn) fields.untilOn = 'projects.aid.errors.untilBeforeFrom';
  let organisationName = '';
  if (input.organisationId) {
    const org = isUuid(input.organisationId) && requirePermission(actor, 'projects.aid.manage', { organisationId: input.organisationId }).ok ? await findOrganisation(db, input.organisationId) : null;
    if (!org) fields.organisationId = 'projects.aid.errors.organisation';
    else organisationName = org.name;
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(aidPost)
    .values({
      territoryId,
      side: input.side as AidSide,
      kind: input.kind as AidKind,
      area: input.area,
      districtId: input.districtId || null,
      languages,
      title: input.title.trim(),
      description: input.description.trim(),
      contact: input.contact.trim(),
      fromOn,
      untilOn,
      organisationId: input.organisationId || null,
      organisationName,
      postedBy: actor!.personId,
      postedByName: actor!.displayName,
    })
    .returning({ id: aidPost.id });
  return { ok: true, value: { id: row!.id } };
}

/** The post for its own side (with contact and suggestions); not-found for anyone else. */
export async function ownPost(db: Db, actor: Actor | null, id: string): Promise<Outcome<{ post: AidPost; suggestions: Ranked<AidPost>[]; matches: AidMatch[] }, 'not-found'>> {
  const post = await findPost(db, id);
  if (!post || !actsFor(actor, post)) return { ok: false, error: 'not-found' };
  const other = post.side === 'need' ? 'offer' : 'need';
  const [candidates, matches] = await Promise.all([openPosts(db, post.territoryId, other), db.select().from(aidMatch).where(post.side === 'need' ? eq(aidMatch.needId, id) : eq(aidMatch.offerId, id)).orderBy(desc(aidMatch.createdAt))]);
  const suggestions = post.closedAt ? [] : rankMatches(post, candidates.filter((c) => !actsFor(actor, c)), await neighboursOf(db, post.territoryId));
  return { ok: true, value: { post, suggestions, matches } };
}

/** The person's own open posts in a territory that could answer `post` (the other side, the same kind). */
export async function ownPostsAnswering(db: Db, actor: Actor | null, post: AidPost): Promise<AidPost[]> {
  if (!actor) return [];
  const other = post.side === 'need' ? 'offer' : 'need';
  return (await openPosts(db, post.territoryId, other)).filter((p) => p.kind === post.kind && actsFor(actor, p));
}

export async function myPosts(db: Db, actor: Actor | null, territoryId: string): Promise<AidPost[]> {
  if (!actor) return [];
  const rows = await db.select().from(aidPost).where(eq(aidPost.territoryId, territoryId)).orderBy(desc(aidPost.createdAt));
  return rows.filter((p) => actsFor(actor, p));
}

/**
 * Opens a conversation between one of the person's posts (`fromId`) and another's post of the other side. The
 * side that opens it has not agreed yet: agreeing to share contacts is its own step on each side.
 */
export async function openMatch(db: Db, actor: Actor | null, targetId: string, fromId: string): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  if (!actor) return { ok: false, error: 'signed-out' };
  const target = await findPost(db, targetId);
  if (!target || target.closedAt) return { ok: false, error: 'not-found' };
  const from = await findPost(db, fromId);
  if (!from || !actsFor(actor, from) || from.closedAt || from.side === target.side || from.kind !== target.kind || from.territoryId !== target.territoryId) {
    return { ok: false, error: 'invalid', fields: { fromId: 'projects.aid.errors.fromPost' } };
  }
  if (actsFor(actor, target)) return { ok: false, error: 'invalid', fields: { fromId: 'projects.aid.errors.ownPost' } };
  const [needId, offerId] = from.side === 'need' ? [from.id, target.id] : [target.id, from.id];
  const [row] = await db
    .insert(aidMatch)
    .values({ territoryId: target.territoryId, needId, offerId, openedBySide: from.side })
    .onConflictDoUpdate({ target: [aidMatch.needId, aidMatch.offerId], set: { needId } })
    .returning({ id: aidMatch.id });
  return { ok: true, value: { id: row!.id } };
}

export interface Conversation {
  match: AidMatch;
  need: AidPost;
  offer: AidPost;
  /** The side(s) the person acts for in this match. */
  mySides: AidSide[];
  messages: AidMessage[];
  /** The other side's contact, only once both agreed. */
  contacts: { need: string; offer: string } | null;
}

/** Only the two sides read a conversation; for anyone else it does not exist. */
async function sides(db: Db, actor: Actor | null, id: string): Promise<{ match: AidMatch; need: AidPost; offer: AidPost; mySides: AidSide[] } | null> {
  if (!actor || !isUuid(id)) return null;
  const [match] = await db.select().from(aidMatch).where(eq(aidMatch.id, id));
  if (!match) return null;
  const posts = await db.select().from(aidPost).where(inArray(aidPost.id, [match.needId, match.offerId]));
  const need = posts.find((p) => p.id === match.needId)!;
  const offer = posts.find((p) => p.id === match.offerId)!;
  const mySides: AidSide[] = [];
  if (actsFor(actor, need)) mySides.push('need');
  if (actsFor(actor, offer)) mySides.push('offer');
  return mySides.length ? { match, need, offer, mySides } : null;
}

export async function conversation(db: Db, actor: Actor | null, id: string): Promise<Outcome<Conversation, 'not-found'>> {
  const found = await sides(db, actor, id);
  if (!found) return { ok: false, error: 'not-found' };
  const messages = await db.select().from(aidMessage).where(eq(aidMessage.matchId, id)).orderBy(asc(aidMessage.at));
  const both = found.match.needAgreedAt !== null && found.match.offerAgreedAt !== null;
  if (both) await recordAccess(db, { actorId: actor!.personId, action: 'projects.aid.contact.read', recordType: 'aid_match', recordId: id, territoryId: found.match.territoryId });
  return { ok: true, value: { ...found, messages, contacts: both ? { need: found.need.contact, offer: found.offer.contact } : null } };
}

export async function sendMessage(db: Db, actor: Actor | null, id: string, body: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await sides(db, actor, id);
  if (!found) return { ok: false, error: 'not-found' };
  if (!body.trim()) return { ok: false, error: 'invalid', fields: { body: 'projects.aid.errors.message' } };
  if (body.length > 4000) return { ok: false, error: 'invalid', fields: { body: 'projects.errors.tooLong' } };
  await db.insert(aidMessage).values({ matchId: id, side: found.mySides[0]!, authorId: actor!.personId, authorName: actor!.displayName, body: body.trim(), at: now });
  return { ok: true, value: null };
}

/** The person's side agrees to share contacts (a person on both sides agrees for both). */
export async function agreeToShare(db: Db, actor: Actor | null, id: string, now = new Date()): Promise<Outcome<{ both: boolean }, 'not-found'>> {
  const found = await sides(db, actor, id);
  if (!found) return { ok: false, error: 'not-found' };
  const set: Partial<AidMatch> = {};
  if (found.mySides.includes('need') && !found.match.needAgreedAt) set.needAgreedAt = now;
  if (found.mySides.includes('offer') && !found.match.offerAgreedAt) set.offerAgreedAt = now;
  if (Object.keys(set).length) await db.update(aidMatch).set(set).where(eq(aidMatch.id, id));
  const both = (found.match.needAgreedAt ?? set.needAgreedAt) && (found.match.offerAgreedAt ?? set.offerAgreedAt);
  return { ok: true, value: { both: Boolean(both) } };
}

/** Either side says the help was given: counted in public. Only after both agreed (before, they had no way to meet). */
export async function markFulfilled(db: Db, actor: Actor | null, id: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await sides(db, actor, id);
  if (!found) return { ok: false, error: 'not-found' };
  if (!found.match.needAgreedAt || !found.match.offerAgreedAt) return { ok: false, error: 'invalid', fields: { fulfilled: 'projects.aid.errors.notAgreed' } };
  if (!found.match.fulfilledAt) await db.update(aidMatch).set({ fulfilledAt: now }).where(eq(aidMatch.id, id));
  return { ok: true, value: null };
}

export async function closePost(db: Db, actor: Actor | null, id: string, now = new Date()): Promise<Outcome<null, 'not-found'>> {
  const post = await findPost(db, id);
  if (!post || !actsFor(actor, post)) return { ok: false, error: 'not-found' };
  if (!post.closedAt) await db.update(aidPost).set({ closedAt: now }).where(eq(aidPost.id, id));
  return { ok: true, value: null };
}

/** Conversations on the person's posts in a territory, named by the other side's (public) title; waiting when their side has not agreed yet. */
export async function matchesOfActor(db: Db, actor: Actor, territoryId: string): Promise<{ match: AidMatch; title: string; waitingForMe: boolean }[]> {
  const mine = await myPosts(db, actor, territoryId);
  if (mine.length === 0) return [];
  const ids = mine.map((p) => p.id);
  const matches = await db.select().from(aidMatch).where(or(inArray(aidMatch.needId, ids), inArray(aidMatch.offerId, ids)));
  if (matches.length === 0) return [];
  const others = await db.select({ id: aidPost.id, title: aidPost.title }).from(aidPost).where(inArray(aidPost.id, matches.flatMap((m) => [m.needId, m.offerId])));
  return matches.map((m) => {
    const need = mine.find((p) => p.id === m.needId);
    const offer = mine.find((p) => p.id === m.offerId);
    const waitingForMe = (need !== undefined && !m.needAgreedAt) || (offer !== undefined && !m.offerAgreedAt);
    const otherId = need ? m.offerId : m.needId;
    return { match: m, title: others.find((o) => o.id === otherId)?.title ?? '', waitingForMe };
  });
}
