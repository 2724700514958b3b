// The plans context's tables: plans (strategy, action plan against discrimination, other) with goals,
// measures, actions and indicators; recommendations from findings; follow-up verifications; the board's
// votes and the immutable published versions. Other contexts' ids are plain uuid columns, never foreign keys.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PublicIndicator, PublicMeasure, PublicPlan } from './public.service.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A text in several languages: locale → text. */
export type Translated = Partial<Record<string, string>>;

export const planKinds = ['strategy', 'action-plan', 'other'] as const;
export type PlanKind = (typeof planKinds)[number];
export const measureStatuses = ['planned', 'in-progress', 'done', 'dropped'] as const;
export type MeasureStatus = (typeof measureStatuses)[number];

export const plan = pgTable(
  'plan',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    /** Short name in the address: /t/<territory>/plans/<slug>. */
    slug: text('slug').notNull(),
    kind: text('kind', { enum: planKinds }).notNull(),
    title: jsonb('title').$type<Translated>().notNull(),
    summary: jsonb('summary').$type<Translated>().notNull().default({}),
    periodFrom: date('period_from', { mode: 'string' }).notNull(),
    periodTo: date('period_to', { mode: 'string' }).notNull(),
    /** Who approves it: the coexistence board, or the territory's promoting group. */
    approvedBy: text('approved_by', { enum: ['board', 'promoting-group'] }).notNull().default('board'),
    /** draft: being written; review: waiting for the vote; the published versions are in plan_version. */
    status: text('status', { enum: ['draft', 'review'] }).notNull().default('draft'),
    /** Number of the latest published version, 0 before the first. */
    publishedVersion: integer('published_version').notNull().default(0),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_territory_slug_key').on(t.territoryId, t.slug), check('plan_period_order', sql`${t.periodFrom} <= ${t.periodTo}`)],
);

export const planGoal = pgTable(
  'plan_goal',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: jsonb('title').$type<Translated>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('plan_goal_plan_idx').on(t.planId)],
);

export const planMeasure = pgTable(
  'plan_measure',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoal.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    title: jsonb('title').$type<Translated>().notNull(),
    description: jsonb('description').$type<Translated>().notNull().default({}),
    /** The responsible department (the catalogue's id). */
    departmentId: uuid('department_id').notNull(),
    /** The person or team who answers for it, in the department's words. */
    owner: text('owner').notNull().default(''),
    /** Co-responsible organisations of the Agreement. */
    organisationIds: uuid('organisation_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Challenges of the Agreement it answers. */
    challengeIds: uuid('challenge_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Findings of the audits it responds to (from an accepted recommendation). */
    findingIds: uuid('finding_ids').array().notNull().default(sql`'{}'::uuid[]`),
    startsOn: date('starts_on', { mode: 'string' }),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status', { enum: measureStatuses }).notNull().default('planned'),
    droppedReason: text('dropped_reason'),
    /** Percent by hand; null when derived from the actions. */
    progress: integer('progress'),
    /** The id a Decidim accountability file gave it, to round-trip results. */
    externalId: text('external_id'),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_measure_plan_idx').on(t.planId),
    check('plan_measure_progress_range', sql`${t.progress} IS NULL OR ${t.progress} BETWEEN 0 AND 100`),
    check('plan_measure_dropped_reason', sql`${t.status} <> 'dropped' OR coalesce(${t.droppedReason}, '') <> ''`),
  ],
);

export const planAction = pgTable(
  'plan_action',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => planMeasure.id, { onDelete: 'cascade' }),
    title: jsonb('title').$type<Translated>().notNull(),
    done: boolean('done').notNull().default(false),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('plan_action_measure_idx').on(t.measureId)],
);

export const planIndicator = pgTable(
  'plan_indicator',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    measureId: uuid('measure_id').references(() => planMeasure.id, { onDelete: 'set null' }),
    name: jsonb('name').$type<Translated>().notNull(),
    unit: text('unit').notNull(),
    source: text('source').notNull(),
    baseline: real('baseline'),
    target: real('target'),
    /** manual: measurements typed in; open-findings: counted from the audits for one service. */
    computation: text('computation', { enum: ['manual', 'open-findings'] }).notNull().default('manual'),
    serviceId: uuid('service_id'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('plan_indicator_plan_idx').on(t.planId)],
);

export const planMeasurement = pgTable(
  'plan_measurement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => planIndicator.id, { onDelete: 'cascade' }),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    value: real('value').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('plan_measurement_indicator_date_key').on(t.indicatorId, t.measuredOn)],
);

/** A coordinator's recommendation to a service, from findings; the service manager accepts or declines it. */
export const planRecommendation = pgTable(
  'plan_recommendation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').notNull(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    /** The goal of the plan its measure will belong to. */
    goalId: uuid('goal_id')
      .notNull()
      .references(() => planGoal.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id').notNull(),
    findingIds: uuid('finding_ids').array().notNull(),
    /** The published diagnosis it answers (its number), when there is one. */
    diagnosisNumber: integer('diagnosis_number'),
    body: text('body').notNull(),
    status: text('status', { enum: ['open', 'accepted', 'declined'] }).notNull().default('open'),
    proposedBy: uuid('proposed_by').notNull(),
    answeredBy: uuid('answered_by'),
    plannedOn: date('planned_on', { mode: 'string' }),
    owner: text('owner'),
    declineReason: text('decline_reason'),
    measureId: uuid('measure_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_recommendation_territory_idx').on(t.territoryId, t.status),
    check('plan_recommendation_answer', sql`(${t.status} <> 'accepted' OR (${t.plannedOn} IS NOT NULL AND coalesce(${t.owner}, '') <> '')) AND (${t.status} <> 'declined' OR coalesce(${t.declineReason}, '') <> '')`),
  ],
);

/**
 * A follow-up of one finding of a measure: a visit recorded against it by one coordinator, validated or
 * refused by another. Kept even when it shows the barrier still there ("not yet solved").
 */
export const planVerification = pgTable(
  'plan_verification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    measureId: uuid('measure_id')
      .notNull()
      .references(() => planMeasure.id, { onDelete: 'cascade' }),
    findingId: uuid('finding_id').notNull(),
    visitId: uuid('visit_id').notNull(),
    /** passes: the item that gave the finding now passes; fails: the barrier is still there. */
    outcome: text('outcome', { enum: ['passes', 'fails'] }).notNull(),
    status: text('status', { enum: ['pending', 'verified', 'not-yet-solved'] }).notNull().default('pending'),
    /** Why it is not (yet) a verification: a translation key. */
    reason: text('reason'),
    proposedBy: uuid('proposed_by').notNull(),
    validatedBy: uuid('validated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_verification_measure_idx').on(t.measureId)],
);

export const planVote = pgTable(
  'plan_vote',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    /** The version the vote is about (published version + 1). */
    version: integer('version').notNull(),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    vote: text('vote', { enum: ['approve', 'reject'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.version, t.personId] })],
);

/** What a published version said: never changed after it is written. */
export interface PlanSnapshot {
  title: Translated;
  summary: Translated;
  periodFrom: string;
  periodTo: string;
  goals: { id: string; code: string; title: Translated }[];
  measures: { id: string; goalId: string; code: string; title: Translated; departmentId: string; owner: string; organisationIds: string[]; deadline: string; status: MeasureStatus; findingIds: string[] }[];
  indicators: { id: string; name: Translated; unit: string; baseline: number | null; target: number | null }[];
}

export interface PlanChange {
  kind: 'goal-added' | 'goal-removed' | 'measure-added' | 'measure-removed' | 'measure-deadline' | 'measure-status' | 'measure-owner' | 'measure-title' | 'indicator-added' | 'indicator-removed' | 'indicator-target' | 'period';
  code: string;
  from?: string;
  to?: string;
}

export const planVersion = pgTable(
  'plan_version',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    snapshot: jsonb('snapshot').$type<PlanSnapshot>().notNull(),
    changes: jsonb('changes').$type<PlanChange[]>().notNull().default([]),
    approvers: jsonb('approvers').$type<string[]>().notNull().default([]),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.number] })],
);

/** What a yearly follow-up report says, frozen when it is sent to the board: the board approves these words. */
export interface PlanReportContent {
  title: Translated;
  periodFrom: string;
  periodTo: string;
  /** The published version of the plan it reports on. */
  version: number;
  /** The last day the report counts (31 December of its year, or the day it was sent if sooner). */
  until: string;
  goals: { id: string; code: string; title: Translated }[];
  measures: PublicMeasure[];
  indicators: PublicIndicator[];
  tracker: PublicPlan['tracker'];
}

/** The yearly follow-up report of a plan: sent to the body that approves the plan, which votes on it. */
export const planReport = pgTable(
  'plan_report',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    status: text('status', { enum: ['review', 'approved'] }).notNull().default('review'),
    content: jsonb('content').$type<PlanReportContent>().notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    approvers: jsonb('approvers').$type<string[]>().notNull().default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('plan_report_plan_year_key').on(t.planId, t.year)],
);

export const planReportVote = pgTable(
  'plan_report_vote',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => planReport.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').notNull(),
    personName: text('person_name').notNull(),
    vote: text('vote', { enum: ['approve', 'reject'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.personId] })],
);

/** PDFs of approved reports, rendered once per language by Chromium and kept: an approved report never changes. */
export const planReportPdf = pgTable(
  'plan_report_pdf',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => planReport.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    pdf: bytea('pdf').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.locale] })],
);

/**
 * Co-production of a draft: a member organisation of the territory proposes a measure, or comments on a draft
 * measure, each linked to the Agreement's challenges it answers. Staff accept a proposal into the draft (it
 * becomes a measure) or decline it with a reason; the organisation sees the outcome. Comments stay as written.
 */
export const planContribution = pgTable(
  'plan_contribution',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    kind: text('kind', { enum: ['proposal', 'comment'] }).notNull(),
    /** The goal a proposed measure would belong to. */
    goalId: uuid('goal_id').references(() => planGoal.id, { onDelete: 'set null' }),
    /** The draft measure a comment is about. */
    measureId: uuid('measure_id').references(() => planMeasure.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default(''),
    body: text('body').notNull(),
    challengeIds: uuid('challenge_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: ['open', 'accepted', 'declined'] }).notNull().default('open'),
    declineReason: text('decline_reason'),
    /** The measure an accepted proposal became. */
    acceptedMeasureId: uuid('accepted_measure_id'),
    createdBy: uuid('created_by').notNull(),
    answeredBy: uuid('answered_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    index('plan_contribution_plan_idx').on(t.planId, t.kind),
    check('plan_contribution_declined_reason', sql`${t.status} <> 'declined' OR coalesce(${t.declineReason}, '') <> ''`),
  ],
);
