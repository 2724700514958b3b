// The diagnosis's read model: the facts audits and the antenna publish as domain events, kept in
// this context's own indexed tables (it never reads theirs).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { DiagnosisFact, DomainEvents, PairedTestSummary, ScoreCardGap, Subscriptions } from '../../platform/events.ts';
import { diagnosisFact, diagnosisPairedTest, diagnosisScoreGap } from './diagnosis.schema.ts';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function firstDayOf(month: string): string {
  // A malformed month is a defect in the publishing context: fail its transaction loudly.
  if (!monthPattern.test(month)) throw new Error(`Diagnosis event with a month that is not YYYY-MM: ${month}`);
  return `${month}-01`;
}

function factRow(f: DiagnosisFact) {
  const grounds = [...new Set(f.grounds)].sort();
  if (grounds.length === 0) throw new Error(`Diagnosis fact ${f.source}/${f.sourceId} has no ground`);
  return {
    source: f.source,
    sourceId: f.sourceId,
    territoryId: f.territoryId,
    departmentId: f.departmentId,
    serviceId: f.serviceId,
    facilityId: f.facilityId,
    grounds,
    dimension: f.dimension,
    districtId: f.districtId,
    neighbourhoodId: f.neighbourhoodId,
    month: firstDayOf(f.month),
    severity: f.severity,
    barrier: f.barrier,
  };
}

const chunk = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

export async function upsertFacts(db: Db, { facts }: DomainEvents['diagnosis.facts.upsert']): Promise<void> {
  for (const part of chunk(facts.map(factRow), 1000)) {
    await db
      .insert(diagnosisFact)
      .values(part)
      .onConflictDoUpdate({
        target: [diagnosisFact.source, diagnosisFact.sourceId],
        set: {
          territoryId: sql`excluded.territory_id`,
          departmentId: sql`excluded.department_id`,
          serviceId: sql`excluded.service_id`,
          facilityId: sql`excluded.facility_id`,
          grounds: sql`excluded.grounds`,
          dimension: sql`excluded.dimension`,
          districtId: sql`excluded.district_id`,
          neighbourhoodId: sql`excluded.neighbourhood_id`,
          month: sql`excluded.month`,
          severity: sql`excluded.severity`,
          barrier: sql`excluded.barrier`,
        },
      });
  }
}

export async function removeFacts(db: Db, { source, sourceIds }: DomainEvents['diagnosis.facts.remove']): Promise<void> {
  for (const part of chunk(sourceIds, 1000)) await db.delete(diagnosisFact).where(and(eq(diagnosisFact.source, source), inArray(diagnosisFact.sourceId, part)));
}

function pairedRow(s: PairedTestSummary) {
  for (const n of [s.bothWell, s.bothBadly, s.minorityWorse, s.majorityWorse]) if (!Number.isInteger(n) || n < 0) throw new Error(`Paired test ${s.campaignId} has a bad count`);
  return { ...s, month: firstDayOf(s.month) };
}

export async function upsertPairedTests(db: Db, { summaries, replace }: DomainEvents['diagnosis.pairedTests.upsert']): Promise<void> {
  // Months of tests are replaced as a whole, so a month that no longer has a counted pair disappears.
  for (const r of replace ?? [])
    await db
      .delete(diagnosisPairedTest)
      .where(and(eq(diagnosisPairedTest.campaignId, r.campaignId), eq(diagnosisPairedTest.serviceId, r.serviceId), eq(diagnosisPairedTest.ground, r.ground)));
  for (const part of chunk(summaries.map(pairedRow), 1000)) {
    await db
      .insert(diagnosisPairedTest)
      .values(part)
      .onConflictDoUpdate({
        target: [diagnosisPairedTest.campaignId, diagnosisPairedTest.serviceId, diagnosisPairedTest.ground, diagnosisPairedTest.month],
        set: {
          territoryId: sql`excluded.territory_id`,
          bothWell: sql`excluded.both_well`,
          bothBadly: sql`excluded.both_badly`,
          minorityWorse: sql`excluded.minority_worse`,
          majorityWorse: sql`excluded.majority_worse`,
        },
      });
  }
}

function gapRow(g: ScoreCardGap) {
  return { ...g, month: firstDayOf(g.month) };
}

export async function upsertScoreCards(db: Db, { gaps }: DomainEvents['diagnosis.scoreCards.upsert']): Promise<void> {
  for (const part of chunk(gaps.map(gapRow), 1000)) {
    await db
      .insert(diagnosisScoreGap)
      .values(part)
      .onConflictDoUpdate({
        target: [diagnosisScoreGap.scoreCardId, diagnosisScoreGap.criterion],
        set: {
          territoryId: sql`excluded.territory_id`,
          serviceId: sql`excluded.service_id`,
          month: sql`excluded.month`,
          userScore: sql`excluded.user_score`,
          staffScore: sql`excluded.staff_score`,
        },
      });
  }
}

export const subscriptions: Subscriptions = {
  'diagnosis.facts.upsert': upsertFacts,
  'diagnosis.facts.remove': removeFacts,
  'diagnosis.pairedTests.upsert': upsertPairedTests,
  'diagnosis.scoreCards.upsert': upsertScoreCards,
};
