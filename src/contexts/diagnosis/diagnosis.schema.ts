// The diagnosis context's tables: its own read model of the facts other contexts publish as events
// (findings, classified cases, paired tests, score cards), and the diagnoses prepared, reviewed and
// published by the coexistence board. Other contexts' ids are plain uuid columns, never foreign keys.
import { sql } from 'drizzle-orm';
import { bigint, check, customType, date, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DiagnosisSnapshot } from './diagnosis.figures.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** One validated finding or classified case (DiagnosisFact), as the diagnosis counts it. */
export const diagnosisFact = pgTable(
  'diagnosis_fact',
  {
    /** Order of arrival: the key research extracts and exports page through. */
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    source: text('source', { enum: ['finding', 'case'] }).notNull(),
    sourceId: uuid('source_id').notNull(),
    territoryId: uuid('territory_id').notNull(),
    departmentId: uuid('department_id'),
    serviceId: uuid('service_id'),
    facilityId: uuid('facility_id'),
    /** Sorted, at least one. */
    grounds: text('grounds').array().notNull(),
    dimension: text('dimension'),
    districtId: uuid('district_id'),
    neighbourhoodId: uuid('neighbourhood_id'),
    /** The first day of the month it happened or was observed. */
    month: date('month', { mode: 'string' }).notNull(),
    severity: smallint('severity'),
    barrier: text('barrier'),
  },
  (t) => [
    uniqueIndex('diagnosis_fact_source_key').on(t.source, t.sourceId),
    index('diagnosis_fact_territory_month_idx').on(t.territoryId, t.month),
    check('diagnosis_fact_grounds_present', sql`cardinality(${t.grounds}) >= 1`),
    check('diagnosis_fact_severity_range', sql`${t.severity} IS NULL OR ${t.severity} BETWEEN 1 AND 4`),
    check('diagnosis_fact_month_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

/** Outcome counts of one paired situation test (campaign × service × ground). */
export const diagnosisPairedTest = pgTable(
  'diagnosis_paired_test',
  {
    campaignId: uuid('campaign_id').notNull(),
    territoryId: uuid('territory_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    ground: text('ground').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    bothWell: integer('both_well').notNull(),
    bothBadly: integer('both_badly').notNull(),
    minorityWorse: integer('minority_worse').notNull(),
    majorityWorse: integer('majority_worse').notNull(),
  },
  (t) => [
    // One row per month of tests: a diagnosis of the months in which the tests happened counts them.
    primaryKey({ columns: [t.campaignId, t.serviceId, t.ground, t.month] }),
    index('diagnosis_paired_test_territory_idx').on(t.territoryId, t.month),
    check('diagnosis_paired_test_counts', sql`${t.bothWell} >= 0 AND ${t.bothBadly} >= 0 AND ${t.minorityWorse} >= 0 AND ${t.majorityWorse} >= 0`),
  ],
);

/** One community score card criterion after its interface meeting. */
export const diagnosisScoreGap = pgTable(
  'diagnosis_score_gap',
  {
    scoreCardId: uuid('score_card_id').notNull(),
    criterion: text('criterion').notNull(),
    territoryId: uuid('territory_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    month: date('month', { mode: 'string' }).notNull(),
    userScore: real('user_score').notNull(),
    staffScore: real('staff_score').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scoreCardId, t.criterion] }),
    index('diagnosis_score_gap_territory_idx').on(t.territoryId, t.month),
    check('diagnosis_score_gap_range', sql`${t.userScore} BETWEEN 0 AND 100 AND ${t.staffScore} BETWEEN 0 AND 100`),
  ],
);

/** A diagnosis for a period: prepared (in review), then published once the board approves it. */
export const diagnosis = pgTable(
  'diagnosis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    status: text('status', { enum: ['review', 'published'] }).notNull().default('review'),
    /** Per territory, 1, 2, 3… given at publication. */
    number: integer('number'),
    title: text('title').notNull(),
    analysis: text('analysis').notNull(),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    granularity: text('granularity', { enum: ['month', 'quarter', 'year'] }).notNull(),
    /** The figures as prepared, with suppression applied: never recomputed. */
    snapshot: jsonb('snapshot').$type<DiagnosisSnapshot>().notNull(),
    preparedBy: uuid('prepared_by').notNull(),
    preparedByName: text('prepared_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Names of the board members whose approvals published it. */
    approvers: jsonb('approvers').$type<string[]>().notNull().default([]),
  },
  (t) => [
    uniqueIndex('diagnosis_territory_number_key').on(t.territoryId, t.number),
    index('diagnosis_territory_status_idx').on(t.territoryId, t.status),
    check('diagnosis_period_order', sql`${t.periodFrom} <= ${t.periodTo}`),
    check('diagnosis_published_has_number', sql`(${t.status} = 'published') = (${t.number} IS NOT NULL AND ${t.publishedAt} IS NOT NULL)`),
  ],
);

export const diagnosisVote = pgTable(
  'diagnosis_vote',
  {
    diagnosisId: uuid('diagnosis_id')
      .notNull()
      .references(() => diagnosis.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    vote: text('vote', { enum: ['approve', 'reject'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.diagnosisId, t.personId] })],
);

export const diagnosisComment = pgTable(
  'diagnosis_comment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    diagnosisId: uuid('diagnosis_id')
      .notNull()
      .references(() => diagnosis.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('diagnosis_comment_diagnosis_idx').on(t.diagnosisId, t.createdAt)],
);

/** PDFs of published diagnoses, rendered once per language by Chromium and kept. */
export const diagnosisPdf = pgTable(
  'diagnosis_pdf',
  {
    diagnosisId: uuid('diagnosis_id')
      .notNull()
      .references(() => diagnosis.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    pdf: bytea('pdf').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.diagnosisId, t.locale] })],
);
