// The audits context's tables: the Citizens' Audit Network, instruments, campaigns, visits and answers, paired tests, score cards and findings.
import { sql } from 'drizzle-orm';
import { boolean, check, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Translations } from '../../platform/i18n/translations.ts';
import type { AnswerValue, InstrumentDefinition } from './instruments/instrument.ts';
import { belongsTo, created, id, updated } from '../../platform/db/columns.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});


/** The informed-consent text an auditor agrees to; a new version for every change. */
export const consentText = pgTable(
  'audit_consent_text',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    version: integer('version').notNull(),
    body: jsonb('body').$type<Translations>().notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_consent_text_version_key').on(t.territoryId, t.version)],
);

/** 'more-information': a coordinator asked the applicant something before deciding. */
export const auditorStatuses = ['applied', 'more-information', 'accepted', 'declined', 'left'] as const;
export type AuditorStatus = (typeof auditorStatuses)[number];

/** A member of the Citizens' Audit Network. Name and contact are personal data: coordinators only, access-logged. */
export const auditor = pgTable(
  'audit_auditor',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    /** The identity context's person, once the auditor has an account. */
    personId: uuid('person_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** 'self' or 'organisation' (then the organisation's name, and its id in the organisations context when known). */
    enrolledVia: text('enrolled_via', { enum: ['self', 'organisation'] }).notNull(),
    organisationName: text('organisation_name').notNull().default(''),
    organisationId: uuid('organisation_id'),
    motivation: text('motivation').notNull().default(''),
    consentVersion: integer('consent_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: auditorStatuses }).notNull().default('applied'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The reason of a refusal, or the question when more information is asked for; shown to the person. */
    decisionMessage: text('decision_message').notNull().default(''),
    /** The language the person enrolled in: emails to them before they have an account are written in it. */
    locale: text('locale').notNull().default('en'),
    /** Keyed hash of the single-use secret link that ties the application to an account (signed-out enrolment). */
    linkTokenHash: text('link_token_hash'),
    linkExpiresAt: timestamp('link_expires_at', { withTimezone: true }),
    /** A code name shown in the team instead of the name (e.g. "A-07"). */
    codeName: text('code_name').notNull(),
    createdAt: created(),
    /** When the retention job removed the name, contact and account link (retention.ts); the code name stays. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    index('audit_auditor_territory_idx').on(t.territoryId),
    uniqueIndex('audit_auditor_person_key').on(t.territoryId, t.personId),
    uniqueIndex('audit_auditor_link_key').on(t.linkTokenHash),
  ],
);

/** A public enrolment in progress: kept on the server so a reload or a dropped connection loses nothing. */
export const enrolmentDraft = pgTable('audit_enrolment_draft', {
  id: id(),
  territoryId: uuid('territory_id').notNull(),
  answers: jsonb('answers').$type<Record<string, string | string[]>>().notNull().default({}),
  updatedAt: updated(),
});

export const trainingSession = pgTable('audit_training_session', {
  id: id(),
  territoryId: uuid('territory_id').notNull(),
  title: text('title').notNull(),
  heldOn: date('held_on').notNull(),
  createdAt: created(),
});

export const trainingAttendance = pgTable(
  'audit_training_attendance',
  {
    trainingId: belongsTo('training_id', () => trainingSession.id),
    auditorId: belongsTo('auditor_id', () => auditor.id),
  },
  (t) => [primaryKey({ columns: [t.trainingId, t.auditorId] })],
);

export const instrument = pgTable(
  'audit_instrument',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    key: text('key').notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_instrument_key').on(t.territoryId, t.key)],
);

/** One version of an instrument. A published version never changes; answers point at it. */
export const instrumentVersion = pgTable(
  'audit_instrument_version',
  {
    id: id(),
    instrumentId: belongsTo('instrument_id', () => instrument.id, 'restrict'),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<InstrumentDefinition>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_instrument_version_key').on(t.instrumentId, t.version)],
);

export const campaignMethods = ['observation-visit', 'mystery-shopping', 'paired-test', 'document-review', 'user-survey', 'self-assessment'] as const;
export type CampaignMethod = (typeof campaignMethods)[number];

export const campaign = pgTable(
  'audit_campaign',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    title: text('title').notNull(),
    hypothesis: text('hypothesis').notNull().default(''),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    methods: text('methods').array().$type<CampaignMethod[]>().notNull(),
    serviceIds: uuid('service_ids').array().notNull().default(sql`'{}'::uuid[]`),
    facilityIds: uuid('facility_ids').array().notNull().default(sql`'{}'::uuid[]`),
    instrumentVersionIds: uuid('instrument_version_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Only auditors with a recorded training session may be assigned (on unless the coordinator turns it off). */
    trainingRequired: boolean('training_required').notNull().default(true),
    createdBy: uuid('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [index('audit_campaign_territory_idx').on(t.territoryId), check('audit_campaign_period', sql`${t.endsOn} >= ${t.startsOn}`)],
);

export const campaignAuditor = pgTable(
  'audit_campaign_auditor',
  {
    campaignId: belongsTo('campaign_id', () => campaign.id),
    auditorId: belongsTo('auditor_id', () => auditor.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.auditorId] })],
);

export const visit = pgTable(
  'audit_visit',
  {
    id: id(),
    campaignId: belongsTo('campaign_id', () => campaign.id),
    territoryId: uuid('territory_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    facilityId: uuid('facility_id').notNull(),
    instrumentVersionId: belongsTo('instrument_version_id', () => instrumentVersion.id, 'restrict'),
    auditorId: belongsTo('auditor_id', () => auditor.id, 'restrict'),
    method: text('method').$type<CampaignMethod>().notNull(),
    scheduledOn: date('scheduled_on').notNull(),
    status: text('status', { enum: ['scheduled', 'draft', 'submitted'] }).notNull().default('scheduled'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [index('audit_visit_campaign_idx').on(t.campaignId), index('audit_visit_auditor_idx').on(t.auditorId)],
);

/** One answer of a visit; the version used is the visit's (and repeated here so an answer is never read against another). */
export const answer = pgTable(
  'audit_answer',
  {
    visitId: belongsTo('visit_id', () => visit.id),
    itemName: text('item_name').notNull(),
    instrumentVersionId: uuid('instrument_version_id').notNull(),
    value: jsonb('value').$type<AnswerValue>().notNull(),
    updatedAt: updated(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.itemName] })],
);

/** A photo or document attached to an answer; images are stored with their metadata stripped. */
export const evidence = pgTable('audit_evidence', {
  id: id(),
  visitId: belongsTo('visit_id', () => visit.id),
  itemName: text('item_name').notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: created(),
});

export const pairOutcomeValues = ['both-well', 'both-badly', 'minority-worse', 'majority-worse'] as const;

/** One pair of a paired situation test: two testers, differing only in the tested ground. */
export const testPair = pgTable(
  'audit_test_pair',
  {
    id: id(),
    campaignId: belongsTo('campaign_id', () => campaign.id),
    territoryId: uuid('territory_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    facilityId: uuid('facility_id').notNull(),
    ground: text('ground').notNull(),
    minorityAuditorId: uuid('minority_auditor_id').references(() => auditor.id, { onDelete: 'set null' }),
    majorityAuditorId: uuid('majority_auditor_id').references(() => auditor.id, { onDelete: 'set null' }),
    testedOn: date('tested_on').notNull(),
    outcome: text('outcome', { enum: pairOutcomeValues }),
    recordedBy: uuid('recorded_by'),
    createdAt: created(),
  },
  (t) => [index('audit_test_pair_campaign_idx').on(t.campaignId)],
);

/** A community score card for one service (CARE's method). */
export const scoreCard = pgTable('audit_score_card', {
  id: id(),
  campaignId: belongsTo('campaign_id', () => campaign.id),
  territoryId: uuid('territory_id').notNull(),
  serviceId: uuid('service_id').notNull(),
  facilityId: uuid('facility_id'),
  userGroup: text('user_group').notNull(),
  meetingOn: date('meeting_on'),
  meetingNotes: text('meeting_notes').notNull().default(''),
  createdAt: created(),
});

export const scoreCriterion = pgTable('audit_score_criterion', {
  id: id(),
  scoreCardId: belongsTo('score_card_id', () => scoreCard.id),
  /** As the users put it, in the territory's language. */
  label: text('label').notNull(),
  /** The label in other languages, by locale, as the catalogue keeps its names. */
  labelTranslations: jsonb('label_translations').$type<Translations>().notNull().default({}),
  dimension: text('dimension').notNull().default('other'),
  userScore: integer('user_score'),
  userReasons: text('user_reasons').notNull().default(''),
  staffScore: integer('staff_score'),
  staffReasons: text('staff_reasons').notNull().default(''),
  gapDiscussion: text('gap_discussion').notNull().default(''),
  position: integer('position').notNull().default(0),
});

/**
 * A later cycle of a score card (CARE repeats the card about every six months) on the same criteria.
 * Cycle 1 is the card's own criteria rows; cycles 2, 3… keep their scores in audit_score_cycle_score.
 */
export const scoreCycle = pgTable(
  'audit_score_cycle',
  {
    id: id(),
    scoreCardId: belongsTo('score_card_id', () => scoreCard.id),
    number: integer('number').notNull(),
    startedOn: date('started_on').notNull(),
    createdAt: created(),
  },
  (t) => [uniqueIndex('audit_score_cycle_number_key').on(t.scoreCardId, t.number)],
);

/** One criterion's community and staff scores in a later cycle. */
export const scoreCycleScore = pgTable(
  'audit_score_cycle_score',
  {
    cycleId: belongsTo('cycle_id', () => scoreCycle.id),
    criterionId: belongsTo('criterion_id', () => scoreCriterion.id),
    userScore: integer('user_score'),
    userReasons: text('user_reasons').notNull().default(''),
    staffScore: integer('staff_score'),
    staffReasons: text('staff_reasons').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.criterionId] })],
);

/** An action agreed at the interface meeting: who does what by when. It becomes a finding and a proposed measure. */
export const scoreAction = pgTable('audit_score_action', {
  id: id(),
  scoreCardId: belongsTo('score_card_id', () => scoreCard.id),
  criterionId: belongsTo('criterion_id', () => scoreCriterion.id),
  who: text('who').notNull(),
  what: text('what').notNull(),
  byWhen: date('by_when').notNull(),
  findingId: uuid('finding_id'),
  createdAt: created(),
});

export const findingStatuses = ['proposed', 'validated', 'addressed', 'verified', 'withdrawn'] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export interface LinkedAnswer {
  visitId: string;
  itemName: string;
}

export const finding = pgTable(
  'audit_finding',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    campaignId: uuid('campaign_id').references(() => campaign.id, { onDelete: 'set null' }),
    departmentId: uuid('department_id'),
    serviceId: uuid('service_id').notNull(),
    facilityId: uuid('facility_id'),
    districtId: uuid('district_id'),
    dimension: text('dimension').notNull(),
    grounds: text('grounds').array().notNull(),
    severity: integer('severity').notNull(),
    /** The barrier in a few words and its key, to see the same barrier in several facilities. */
    title: text('title').notNull(),
    barrier: text('barrier'),
    description: text('description').notNull().default(''),
    evidence: text('evidence').notNull().default(''),
    /** 'YYYY-MM' when it was observed. */
    month: text('month').notNull(),
    linkedAnswers: jsonb('linked_answers').$type<LinkedAnswer[]>().notNull().default([]),
    source: text('source', { enum: ['answers', 'score-card'] }).notNull().default('answers'),
    status: text('status', { enum: findingStatuses }).notNull().default('proposed'),
    proposedBy: uuid('proposed_by').notNull(),
    validatedBy: uuid('validated_by'),
    /** The later visit that showed the barrier gone. */
    verifiedByVisitId: uuid('verified_by_visit_id'),
    createdAt: created(),
    updatedAt: updated(),
  },
  (t) => [
    index('audit_finding_territory_idx').on(t.territoryId, t.status),
    index('audit_finding_service_idx').on(t.serviceId),
    check('audit_finding_severity', sql`${t.severity} BETWEEN 1 AND 4`),
    check('audit_finding_month', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`),
  ],
);

/** Every change of a finding: who, when, why. */
export const findingChange = pgTable('audit_finding_change', {
  id: id(),
  findingId: belongsTo('finding_id', () => finding.id),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  actorId: uuid('actor_id').notNull(),
  reason: text('reason').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** A service manager's answer to a finding about their service. */
export const findingResponse = pgTable('audit_finding_response', {
  id: id(),
  findingId: belongsTo('finding_id', () => finding.id),
  personId: uuid('person_id').notNull(),
  body: text('body').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});

/** Which services a service manager answers for (the identity context's person id). */

/**
 * A self-assessment campaign: a service's own staff answer a published instrument of the citizen audit
 * for each facility in scope. Kept apart from visits, so that staff answers never count as citizens'.
 */
export const selfAssessment = pgTable(
  'audit_self_assessment',
  {
    id: id(),
    territoryId: uuid('territory_id').notNull(),
    title: text('title').notNull(),
    serviceId: uuid('service_id').notNull(),
    facilityIds: uuid('facility_ids').array().notNull(),
    instrumentVersionId: belongsTo('instrument_version_id', () => instrumentVersion.id, 'restrict'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: created(),
  },
  (t) => [index('audit_self_assessment_service_idx').on(t.territoryId, t.serviceId), check('audit_self_assessment_period', sql`${t.endsOn} >= ${t.startsOn}`)],
);

/** One facility's questionnaire in a self-assessment, filled by the service's staff. */
export const selfAssessmentSheet = pgTable(
  'audit_self_assessment_sheet',
  {
    id: id(),
    selfAssessmentId: belongsTo('self_assessment_id', () => selfAssessment.id),
    facilityId: uuid('facility_id').notNull(),
    status: text('status', { enum: ['draft', 'submitted'] }).notNull().default('draft'),
    answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull().default({}),
    submittedBy: uuid('submitted_by'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: updated(),
  },
  (t) => [uniqueIndex('audit_self_assessment_sheet_key').on(t.selfAssessmentId, t.facilityId)],
);
