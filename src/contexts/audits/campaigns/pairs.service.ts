// Paired situation tests in a campaign: pairs of testers, each pair's outcome, and per service × ground
// the counts and net discrimination rate, published to the diagnosis.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { publish, type PairedTestSummary } from '../../../platform/events.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { testPair } from '../audit.schema.ts';
import { campaignOf } from './campaign.service.ts';
import { findFacility } from '../../catalogue/catalogue.service.ts';
import { countOutcomes, pairOutcomes, summarisePairs, type PairOutcome, type PairedSummary } from './paired.ts';

export type TestPair = typeof testPair.$inferSelect;

export interface NewPair {
  territoryId: string;
  campaignId: string;
  facilityId: string;
  ground: string;
  testedOn: string;
  minorityAuditorId?: string | null;
  majorityAuditorId?: string | null;
  outcome?: PairOutcome | null;
}

export async function recordPair(db: Db, actor: Actor | null, input: NewPair, knownGrounds: readonly string[]): Promise<Outcome<TestPair, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, input.territoryId, input.campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  const fields: Record<string, string> = {};
  const place = found.facilityIds.includes(input.facilityId) ? await findFacility(db, input.territoryId, input.facilityId) : null;
  if (!place) fields.facilityId = 'audits.campaign.errors.facility';
  if (!knownGrounds.includes(input.ground)) fields.ground = 'audits.pairs.errors.ground';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.testedOn) || input.testedOn < found.startsOn || input.testedOn > found.endsOn) fields.testedOn = 'audits.campaign.errors.outsidePeriod';
  if (input.outcome && !pairOutcomes.includes(input.outcome)) fields.outcome = 'audits.pairs.errors.outcome';
  // The two testers differ in the tested characteristic: one person cannot be both.
  if (input.minorityAuditorId && input.minorityAuditorId === input.majorityAuditorId) fields.majorityAuditorId = 'audits.pairs.errors.sameTester';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(testPair)
      .values({
        campaignId: found.id,
        territoryId: input.territoryId,
        serviceId: place!.serviceId,
        facilityId: place!.id,
        ground: input.ground,
        testedOn: input.testedOn,
        minorityAuditorId: input.minorityAuditorId ?? null,
        majorityAuditorId: input.majorityAuditorId ?? null,
        outcome: input.outcome ?? null,
        recordedBy: input.outcome ? actor!.personId : null,
      })
      .returning();
    if (row!.outcome) await publishSummaries(tx, found.id, found.territoryId, row!.serviceId, row!.ground);
    return { ok: true as const, value: row! };
  });
}

export async function setPairOutcome(db: Db, actor: Actor | null, input: { territoryId: string; pairId: string; outcome: string }): Promise<Outcome<TestPair, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!pairOutcomes.includes(input.outcome as PairOutcome)) return { ok: false, error: 'invalid', fields: { outcome: 'audits.pairs.errors.outcome' } };
  if (!/^[0-9a-f-]{36}$/.test(input.pairId)) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(testPair)
      .set({ outcome: input.outcome as PairOutcome, recordedBy: actor!.personId })
      .where(and(eq(testPair.id, input.pairId), eq(testPair.territoryId, input.territoryId)))
      .returning();
    if (!row) return { ok: false as const, error: 'not-found' as const };
    await publishSummaries(tx, row.campaignId, row.territoryId, row.serviceId, row.ground);
    return { ok: true as const, value: row };
  });
}

/** Counts per month of the tests themselves (not the campaign's end), for the diagnosis. */
async function publishSummaries(db: Db, campaignId: string, territoryId: string, serviceId: string, ground: string): Promise<void> {
  const rows = await db
    .select({ outcome: testPair.outcome, testedOn: testPair.testedOn, minority: testPair.minorityAuditorId, majority: testPair.majorityAuditorId })
    .from(testPair)
    .where(and(eq(testPair.campaignId, campaignId), eq(testPair.serviceId, serviceId), eq(testPair.ground, ground)));
  const byMonth = new Map<string, PairOutcome[]>();
  for (const r of rows) {
    if (!r.outcome || !isValidPair(r)) continue;
    const month = r.testedOn.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), r.outcome]);
  }
  const summaries: PairedTestSummary[] = [...byMonth].map(([month, outcomes]) => ({ campaignId, territoryId, serviceId, ground, month, ...countOutcomes(outcomes) }));
  await publish(db, 'diagnosis.pairedTests.upsert', { summaries, replace: [{ campaignId, serviceId, ground }] });
}

/** A pair counts only with two different testers (pairs recorded before the rule may have one twice). */
export function isValidPair(p: { minority: string | null; majority: string | null }): boolean {
  return !(p.minority && p.minority === p.majority);
}

export interface PairedResult extends PairedSummary {
  serviceId: string;
  ground: string;
  /** Pairs recorded but without an outcome yet. */
  pending: number;
}

/** Per service × ground: pairs, outcomes, net rate with its interval. No tester is named. */
export async function pairedResults(db: Db, actor: Actor | null, territoryId: string, campaignId: string): Promise<Outcome<{ results: PairedResult[]; pairs: TestPair[] }, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.results.view', { territoryId, campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!(await campaignOf(db, territoryId, campaignId))) return { ok: false, error: 'not-found' };
  const pairs = await db.select().from(testPair).where(eq(testPair.campaignId, campaignId)).orderBy(asc(testPair.testedOn));
  const groups = new Map<string, TestPair[]>();
  for (const p of pairs) groups.set(`${p.serviceId}|${p.ground}`, [...(groups.get(`${p.serviceId}|${p.ground}`) ?? []), p]);
  const results = [...groups.entries()].map(([key, list]) => {
    const [serviceId, ground] = key.split('|') as [string, string];
    const done = list.flatMap((p) => (p.outcome && isValidPair({ minority: p.minorityAuditorId, majority: p.majorityAuditorId }) ? [p.outcome] : []));
    return { serviceId, ground, pending: list.length - done.length, ...summarisePairs(countOutcomes(done)) };
  });
  return { ok: true, value: { results, pairs } };
}
