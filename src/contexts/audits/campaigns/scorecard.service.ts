// Community score cards (CARE): users' criteria and scores, staff self-scores on the same criteria, and
// the interface meeting: the gap per criterion and the actions agreed, which become findings.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { publish, type ScoreCardGap } from '../../../platform/events.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { scoreAction, scoreCard, scoreCriterion, scoreCycle, scoreCycleScore } from '../audit.schema.ts';
import type { Translations } from '../../../platform/i18n/translations.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { managedServices } from '../../catalogue/service-manager.service.ts';
import { compareCycles, type CycleComparison, type CycleView } from './score-cycles.ts';
import { campaignOf } from './campaign.service.ts';
import { findService } from '../../catalogue/catalogue.service.ts';
import { proposeFinding } from '../findings/finding.service.ts';
import { dimensions } from '../instruments/instrument.ts';

export type ScoreCard = typeof scoreCard.$inferSelect;
export type ScoreCriterion = typeof scoreCriterion.$inferSelect;
export type ScoreAction = typeof scoreAction.$inferSelect;
export type ScoreCycle = typeof scoreCycle.$inferSelect;

const isScore = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100;

export interface UserCriterion {
  /** In the territory's language, as the users put it. */
  label: string;
  /** The same label in other languages, by locale. */
  labelTranslations?: Translations;
  dimension: string;
  score: number;
  reasons: string;
}

/** Step 2: users' own criteria with their scores and reasons. */
export async function createScoreCard(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; campaignId: string; serviceId: string; userGroup: string; criteria: UserCriterion[] },
): Promise<Outcome<ScoreCard, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!(await campaignOf(db, input.territoryId, input.campaignId))) return { ok: false, error: 'not-found' };
  const fields: Record<string, string> = {};
  if (!(await findService(db, input.territoryId, input.serviceId))) fields.serviceId = 'audits.scoreCard.errors.service';
  if (!input.userGroup.trim()) fields.userGroup = 'audits.scoreCard.errors.group';
  if (input.criteria.length === 0) fields.criteria = 'audits.scoreCard.errors.criteria';
  input.criteria.forEach((c, i) => {
    if (!c.label.trim()) fields[`label_${i}`] = 'audits.scoreCard.errors.label';
    if (!isScore(c.score)) fields[`score_${i}`] = 'audits.scoreCard.errors.score';
    if (!c.reasons.trim()) fields[`reasons_${i}`] = 'audits.scoreCard.errors.reasons';
  });
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [card] = await tx.insert(scoreCard).values({ campaignId: input.campaignId, territoryId: input.territoryId, serviceId: input.serviceId, userGroup: input.userGroup.trim() }).returning();
    await tx.insert(scoreCriterion).values(
      input.criteria.map((c, position) => ({
        scoreCardId: card!.id,
        label: c.label.trim(),
        labelTranslations: Object.fromEntries(Object.entries(c.labelTranslations ?? {}).filter(([, v]) => v?.trim())),
        dimension: (dimensions as readonly string[]).includes(c.dimension) ? c.dimension : 'other',
        userScore: c.score,
        userReasons: c.reasons.trim(),
        position,
      })),
    );
    return { ok: true as const, value: card! };
  });
}

async function cardOf(db: Db, territoryId: string, cardId: string): Promise<ScoreCard | null> {
  if (!/^[0-9a-f-]{36}$/.test(cardId)) return null;
  const [row] = await db.select().from(scoreCard).where(and(eq(scoreCard.id, cardId), eq(scoreCard.territoryId, territoryId)));
  return row ?? null;
}

export interface ScoreCardDetail {
  card: ScoreCard;
  criteria: ScoreCriterion[];
  actions: ScoreAction[];
  /** Every cycle, the first (the card's own rows) included, oldest first. */
  cycles: CycleView[];
  /** First cycle against the latest, per criterion; null while the card has one cycle. */
  comparison: CycleComparison[] | null;
  /** May this person enter their service's self-assessment (a manager of that service)? */
  maySelfAssess: boolean;
}

async function cyclesOf(db: Db, card: ScoreCard, criteria: ScoreCriterion[]): Promise<CycleView[]> {
  const later = await db.select().from(scoreCycle).where(eq(scoreCycle.scoreCardId, card.id)).orderBy(asc(scoreCycle.number));
  const scores = later.length ? await db.select().from(scoreCycleScore).where(inArray(scoreCycleScore.cycleId, later.map((c) => c.id))) : [];
  const first: CycleView = {
    id: null,
    number: 1,
    startedOn: card.createdAt.toISOString().slice(0, 10),
    scores: criteria.map((c) => ({ criterionId: c.id, userScore: c.userScore, userReasons: c.userReasons, staffScore: c.staffScore, staffReasons: c.staffReasons })),
  };
  return [
    first,
    ...later.map((cycle) => ({
      id: cycle.id,
      number: cycle.number,
      startedOn: cycle.startedOn,
      scores: criteria.map((c) => {
        const s = scores.find((x) => x.cycleId === cycle.id && x.criterionId === c.id);
        return { criterionId: c.id, userScore: s?.userScore ?? null, userReasons: s?.userReasons ?? '', staffScore: s?.staffScore ?? null, staffReasons: s?.staffReasons ?? '' };
      }),
    })),
  ];
}

async function managesService(db: Db, actor: Actor | null, territoryId: string, serviceId: string): Promise<boolean> {
  if (!actor || !requirePermission(actor, 'audits.scoreCard.selfAssess', { territoryId }).ok) return false;
  return (await managedServices(db, territoryId, actor.personId)).includes(serviceId);
}

export async function scoreCardDetail(db: Db, actor: Actor | null, territoryId: string, cardId: string): Promise<Outcome<ScoreCardDetail, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.results.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const card = await cardOf(db, territoryId, cardId);
  if (!card) return { ok: false, error: 'not-found' };
  const criteria = await db.select().from(scoreCriterion).where(eq(scoreCriterion.scoreCardId, card.id)).orderBy(asc(scoreCriterion.position));
  const actions = await db.select().from(scoreAction).where(eq(scoreAction.scoreCardId, card.id)).orderBy(asc(scoreAction.byWhen));
  const cycles = await cyclesOf(db, card, criteria);
  const comparison = cycles.length > 1 ? compareCycles(criteria, cycles[0]!, cycles[cycles.length - 1]!) : null;
  return { ok: true, value: { card, criteria, actions, cycles, comparison, maySelfAssess: await managesService(db, actor, territoryId, card.serviceId) } };
}

export async function cardsOfCampaign(db: Db, territoryId: string, campaignId: string): Promise<ScoreCard[]> {
  return db.select().from(scoreCard).where(and(eq(scoreCard.territoryId, territoryId), eq(scoreCard.campaignId, campaignId)));
}

/**
 * Step 3: the staff score themselves on the same criteria, in the card's current cycle. Only a manager of
 * that very service, signed in, may; coordinators see the scores but never type them. Access-logged.
 */
export async function recordStaffScores(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; cardId: string; scores: { criterionId: string; score: number; reasons: string }[] },
): Promise<Outcome<true, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.scoreCard.selfAssess', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const card = await cardOf(db, input.territoryId, input.cardId);
  // Another service's card is answered as if it did not exist.
  if (!card || !(await managesService(db, actor, input.territoryId, card.serviceId))) return { ok: false, error: 'not-found' };
  return recordScores(db, actor!, card, 'staff', input.scores);
}

/** The community's scores for a later cycle, from the users' session (as typed by the coordinator). */
export async function recordCommunityScores(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; cardId: string; scores: { criterionId: string; score: number; reasons: string }[] },
): Promise<Outcome<true, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const card = await cardOf(db, input.territoryId, input.cardId);
  if (!card) return { ok: false, error: 'not-found' };
  return recordScores(db, actor!, card, 'users', input.scores);
}

async function recordScores(db: Db, actor: Actor, card: ScoreCard, who: 'staff' | 'users', scores: { criterionId: string; score: number; reasons: string }[]): Promise<Outcome<true, 'not-found' | 'invalid'>> {
  const criteria = await db.select().from(scoreCriterion).where(eq(scoreCriterion.scoreCardId, card.id));
  const [current] = await db.select().from(scoreCycle).where(eq(scoreCycle.scoreCardId, card.id)).orderBy(desc(scoreCycle.number)).limit(1);
  const fields: Record<string, string> = {};
  for (const s of scores) {
    if (!criteria.some((c) => c.id === s.criterionId)) return { ok: false, error: 'not-found' };
    if (!isScore(s.score)) fields[`${who === 'staff' ? 'staff' : 'users'}_${s.criterionId}`] = 'audits.scoreCard.errors.score';
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    for (const s of scores) {
      const values = who === 'staff' ? { staffScore: s.score, staffReasons: s.reasons.trim() } : { userScore: s.score, userReasons: s.reasons.trim() };
      if (!current) await tx.update(scoreCriterion).set(values).where(eq(scoreCriterion.id, s.criterionId));
      else
        await tx
          .insert(scoreCycleScore)
          .values({ cycleId: current.id, criterionId: s.criterionId, ...values })
          .onConflictDoUpdate({ target: [scoreCycleScore.cycleId, scoreCycleScore.criterionId], set: values });
    }
    await recordAccess(tx, {
      actorId: actor.personId,
      action: who === 'staff' ? 'audits.scoreCard.selfAssess' : 'audits.scoreCard.communityScores',
      recordType: 'audit_score_card',
      recordId: `${card.id}:${current?.number ?? 1}`,
      territoryId: card.territoryId,
    });
  });
  return { ok: true, value: true };
}

/** Step 5: a new cycle on the same criteria, months after the last (dated; never before the previous one). */
export async function startCycle(db: Db, actor: Actor | null, input: { territoryId: string; cardId: string; startedOn: string }): Promise<Outcome<ScoreCycle, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const card = await cardOf(db, input.territoryId, input.cardId);
  if (!card) return { ok: false, error: 'not-found' };
  const criteria = await db.select().from(scoreCriterion).where(eq(scoreCriterion.scoreCardId, card.id));
  const cycles = await cyclesOf(db, card, criteria);
  const last = cycles[cycles.length - 1]!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.startedOn) || Number.isNaN(Date.parse(input.startedOn))) return { ok: false, error: 'invalid', fields: { startedOn: 'audits.scoreCard.errors.date' } };
  const after = card.meetingOn && card.meetingOn > last.startedOn ? card.meetingOn : last.startedOn;
  if (input.startedOn <= after) return { ok: false, error: 'invalid', fields: { startedOn: 'audits.scoreCard.errors.cycleDate' } };
  const [cycle] = await db.insert(scoreCycle).values({ scoreCardId: card.id, number: last.number + 1, startedOn: input.startedOn }).returning();
  await recordAccess(db, { actorId: actor!.personId, action: 'audits.scoreCard.cycle', recordType: 'audit_score_card', recordId: `${card.id}:${cycle!.number}`, territoryId: card.territoryId });
  return { ok: true, value: cycle! };
}

export interface AgreedAction {
  criterionId: string;
  who: string;
  what: string;
  byWhen: string;
  severity: number;
  grounds: string[];
}

/**
 * Step 4: the interface meeting. Records the discussion of each gap and the actions agreed; each action
 * becomes a proposed finding (to be validated by a second coordinator) carrying the proposed measure,
 * and the gaps go to the diagnosis.
 */
export async function recordInterfaceMeeting(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; cardId: string; meetingOn: string; notes: string; gaps: Record<string, string>; actions: AgreedAction[] },
  knownGrounds: readonly string[],
): Promise<Outcome<{ findings: string[] }, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const card = await cardOf(db, input.territoryId, input.cardId);
  if (!card) return { ok: false, error: 'not-found' };
  const criteria = await db.select().from(scoreCriterion).where(eq(scoreCriterion.scoreCardId, card.id));
  const fields: Record<string, string> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.meetingOn)) fields.meetingOn = 'audits.scoreCard.errors.date';
  if (criteria.some((c) => c.staffScore === null)) fields.meetingOn = 'audits.scoreCard.errors.staffFirst';
  input.actions.forEach((a, i) => {
    if (!criteria.some((c) => c.id === a.criterionId)) fields[`action_${i}_criterion`] = 'audits.scoreCard.errors.criterion';
    if (!a.who.trim()) fields[`action_${i}_who`] = 'audits.scoreCard.errors.who';
    if (!a.what.trim()) fields[`action_${i}_what`] = 'audits.scoreCard.errors.what';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.byWhen)) fields[`action_${i}_byWhen`] = 'audits.scoreCard.errors.date';
    if (!a.grounds.some((g) => knownGrounds.includes(g))) fields[`action_${i}_grounds`] = 'audits.finding.errors.grounds';
    if (!Number.isInteger(a.severity) || a.severity < 1 || a.severity > 4) fields[`action_${i}_severity`] = 'audits.finding.errors.severity';
  });
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    await tx.update(scoreCard).set({ meetingOn: input.meetingOn, meetingNotes: input.notes.trim() }).where(eq(scoreCard.id, card.id));
    for (const c of criteria) if (input.gaps[c.id] !== undefined) await tx.update(scoreCriterion).set({ gapDiscussion: input.gaps[c.id]!.trim() }).where(eq(scoreCriterion.id, c.id));
    const findings: string[] = [];
    for (const a of input.actions) {
      const criterion = criteria.find((c) => c.id === a.criterionId)!;
      const proposed = await proposeFinding(
        tx,
        actor,
        {
          territoryId: card.territoryId,
          campaignId: card.campaignId,
          serviceId: card.serviceId,
          facilityId: card.facilityId,
          dimension: criterion.dimension,
          grounds: a.grounds,
          severity: a.severity,
          title: criterion.label,
          barrier: `score-card:${criterion.label.toLowerCase()}`,
          description: criterion.gapDiscussion || input.gaps[criterion.id] || '',
          evidence: `${criterion.userScore}/100 ↔ ${criterion.staffScore}/100`,
          month: input.meetingOn.slice(0, 7),
          source: 'score-card',
        },
        knownGrounds,
      );
      if (!proposed.ok) throw new Error(`score-card action: ${proposed.error}`);
      await tx.insert(scoreAction).values({ scoreCardId: card.id, criterionId: criterion.id, who: a.who.trim(), what: a.what.trim(), byWhen: a.byWhen, findingId: proposed.value.id });
      findings.push(proposed.value.id);
    }
    const gaps: ScoreCardGap[] = criteria.map((c) => ({
      scoreCardId: card.id,
      territoryId: card.territoryId,
      serviceId: card.serviceId,
      criterion: c.label,
      month: input.meetingOn.slice(0, 7),
      userScore: c.userScore ?? 0,
      staffScore: c.staffScore ?? 0,
    }));
    await publish(tx, 'diagnosis.scoreCards.upsert', { gaps });
    return { ok: true as const, value: { findings } };
  });
}
