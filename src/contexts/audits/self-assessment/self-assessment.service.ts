// Self-assessment campaigns inside the council: a service's own staff answer the citizen audit's published
// instrument for each of their facilities, and see their answers beside the citizens' and the score cards'.
// Staff answers live in their own tables: they never become visits, findings or diagnosis figures.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { answer, instrumentVersion, scoreCard, scoreCriterion, scoreCycle, scoreCycleScore, selfAssessment, selfAssessmentSheet, visit } from '../audit.schema.ts';
import { facilitiesOf, findService, servicesOf, type Facility, type Service } from '../../catalogue/catalogue.service.ts';
import { managedServices } from '../../catalogue/service-manager.service.ts';
import { publishedVersions, versionOf } from '../instruments/instrument.service.ts';
import { isShown, missingRequired, readAnswer, type AnswerValue, type Answers, type InstrumentDefinition, type Item } from '../instruments/instrument.ts';
import { compareAll, type ComparisonRow, type DimensionScores } from './comparison.ts';
import { isUuid } from '../../../platform/ids.ts';
import { isCalendarDay as isDate } from '../../../platform/periods.ts';

export type SelfAssessment = typeof selfAssessment.$inferSelect;
export type SelfAssessmentSheet = typeof selfAssessmentSheet.$inferSelect;

/** A calendar day that exists: the engine's parser would roll 2026-06-31 over to 1 July. */
/** Staff answer from their desk: evidence files are the auditors' (photos of the entrance), not asked here. */
const askedOfStaff = (item: Item) => item.type !== 'photo' && item.type !== 'document';

/** Whom a person may act for: every service of the territory (a coordinator), or the services they answer for. */
interface Reach {
  coordinator: boolean;
  services: string[];
}

async function reachOf(db: Db, actor: Actor, territoryId: string): Promise<Reach> {
  const coordinator = requirePermission(actor, 'audits.campaign.manage', { territoryId }).ok;
  const manager = requirePermission(actor, 'audits.selfAssessment.fill', { territoryId }).ok;
  return { coordinator, services: manager ? await managedServices(db, territoryId, actor.personId) : [] };
}

const reaches = (reach: Reach, serviceId: string) => reach.coordinator || reach.services.includes(serviceId);

export interface SelfAssessmentSummary extends SelfAssessment {
  service: Service;
  facilities: number;
  submitted: number;
}

export interface SelfAssessmentList {
  selfAssessments: SelfAssessmentSummary[];
  /** Services this person may start a self-assessment for, and their facilities. */
  services: Service[];
  facilities: Facility[];
  versions: Awaited<ReturnType<typeof publishedVersions>>;
}

/** The self-assessments this person may see: all of the territory's for a coordinator, their services' for a manager. */
export async function listSelfAssessments(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<SelfAssessmentList>> {
  const permission = requirePermission(actor, 'audits.selfAssessment.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const reach = await reachOf(db, actor!, territoryId);
  const services = (await servicesOf(db, territoryId)).filter((s) => reaches(reach, s.id));
  const ids = services.map((s) => s.id);
  const rows = ids.length ? await db.select().from(selfAssessment).where(and(eq(selfAssessment.territoryId, territoryId), inArray(selfAssessment.serviceId, ids))).orderBy(desc(selfAssessment.startsOn), desc(selfAssessment.createdAt)) : [];
  const sheets = rows.length
    ? await db.select({ selfAssessmentId: selfAssessmentSheet.selfAssessmentId, status: selfAssessmentSheet.status }).from(selfAssessmentSheet).where(inArray(selfAssessmentSheet.selfAssessmentId, rows.map((r) => r.id)))
    : [];
  const [facilities, versions] = await Promise.all([ids.length ? facilitiesOf(db, territoryId, ids) : Promise.resolve([]), publishedVersions(db, territoryId)]);
  return {
    ok: true,
    value: {
      selfAssessments: rows.map((r) => ({
        ...r,
        service: services.find((s) => s.id === r.serviceId)!,
        facilities: r.facilityIds.length,
        submitted: sheets.filter((s) => s.selfAssessmentId === r.id && s.status === 'submitted').length,
      })),
      services,
      facilities,
      versions,
    },
  };
}

export interface NewSelfAssessment {
  territoryId: string;
  title: string;
  serviceId: string;
  /** Empty: every facility of the service. */
  facilityIds: string[];
  instrumentVersionId: string;
  startsOn: string;
  endsOn: string;
}

/**
 * A service manager starts one for a service they answer for; a coordinator for any service, which puts it
 * on that service's managers' pages. The instrument must be a published one of the territory's audit.
 */
export async function createSelfAssessment(db: Db, actor: Actor | null, input: NewSelfAssessment): Promise<Outcome<SelfAssessment, 'invalid'>> {
  const permission = requirePermission(actor, 'audits.selfAssessment.create', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const reach = await reachOf(db, actor!, input.territoryId);
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'audits.selfAssessment.errors.title';
  const service = isUuid(input.serviceId) && reaches(reach, input.serviceId) ? await findService(db, input.territoryId, input.serviceId) : null;
  if (!service) fields.serviceId = 'audits.selfAssessment.errors.service';
  const facilities = service ? await facilitiesOf(db, input.territoryId, [service.id]) : [];
  const chosen = input.facilityIds.length ? facilities.filter((f) => input.facilityIds.includes(f.id)) : facilities;
  if (service && (chosen.length === 0 || chosen.length < input.facilityIds.length)) fields.facilityIds = 'audits.selfAssessment.errors.facilities';
  const version = await versionOf(db, input.territoryId, input.instrumentVersionId);
  if (!version?.publishedAt) fields.instrumentVersionId = 'audits.selfAssessment.errors.instrument';
  if (!isDate(input.startsOn)) fields.startsOn = 'audits.selfAssessment.errors.date';
  if (!isDate(input.endsOn)) fields.endsOn = 'audits.selfAssessment.errors.date';
  else if (isDate(input.startsOn) && input.endsOn < input.startsOn) fields.endsOn = 'audits.selfAssessment.errors.period';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(selfAssessment)
      .values({
        territoryId: input.territoryId,
        title: input.title.trim().slice(0, 200),
        serviceId: service!.id,
        facilityIds: chosen.map((f) => f.id),
        instrumentVersionId: version!.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        createdBy: actor!.personId,
      })
      .returning();
    await recordAccess(tx, { actorId: actor!.personId, action: 'audits.selfAssessment.create', recordType: 'audit_self_assessment', recordId: row!.id, territoryId: input.territoryId });
    return { ok: true as const, value: row! };
  });
}

export interface SelfAssessmentDetail {
  selfAssessment: SelfAssessment;
  service: Service;
  definition: InstrumentDefinition;
  instrumentVersion: number;
  facilities: { facility: Facility; sheet: SelfAssessmentSheet | null }[];
  /** May this person fill the questionnaires (a manager of this very service)? */
  mayFill: boolean;
}

/** One self-assessment, or not-found for a service out of the person's reach (never saying it exists). */
async function reachable(db: Db, actor: Actor | null, territoryId: string, id: string): Promise<Outcome<{ row: SelfAssessment; reach: Reach }, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.selfAssessment.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!isUuid(id)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(selfAssessment).where(and(eq(selfAssessment.id, id), eq(selfAssessment.territoryId, territoryId)));
  if (!row) return { ok: false, error: 'not-found' };
  const reach = await reachOf(db, actor!, territoryId);
  return reaches(reach, row.serviceId) ? { ok: true, value: { row, reach } } : { ok: false, error: 'not-found' };
}

export async function selfAssessmentDetail(db: Db, actor: Actor | null, territoryId: string, id: string): Promise<Outcome<SelfAssessmentDetail, 'not-found'>> {
  const found = await reachable(db, actor, territoryId, id);
  if (!found.ok) return found;
  const { row, reach } = found.value;
  const [service, facilities, version, sheets] = await Promise.all([
    findService(db, territoryId, row.serviceId),
    facilitiesOf(db, territoryId, [row.serviceId]),
    versionOf(db, territoryId, row.instrumentVersionId),
    db.select().from(selfAssessmentSheet).where(eq(selfAssessmentSheet.selfAssessmentId, row.id)),
  ]);
  return {
    ok: true,
    value: {
      selfAssessment: row,
      service: service!,
      definition: version!.definition,
      instrumentVersion: version!.version,
      facilities: row.facilityIds.flatMap((fid) => {
        const facility = facilities.find((f) => f.id === fid);
        return facility ? [{ facility, sheet: sheets.find((s) => s.facilityId === fid) ?? null }] : [];
      }),
      mayFill: reach.services.includes(row.serviceId),
    },
  };
}

export interface StaffSheet {
  selfAssessment: SelfAssessment;
  service: Service;
  facility: Facility;
  definition: InstrumentDefinition;
  /** The items staff answer (all but evidence files), section by section. */
  sections: { title: InstrumentDefinition['sections'][number]['title']; items: Item[] }[];
  answers: Answers;
  status: 'new' | 'draft' | 'submitted';
}

/** A facility's questionnaire, for a manager of the service only (a coordinator reads the comparison, never types it). */
async function sheetFor(db: Db, actor: Actor | null, territoryId: string, id: string, facilityId: string): Promise<Outcome<StaffSheet & { sheetId: string | null }, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.selfAssessment.fill', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const detail = await selfAssessmentDetail(db, actor, territoryId, id);
  if (!detail.ok) return detail;
  if (!detail.value.mayFill) return { ok: false, error: 'not-found' };
  const place = detail.value.facilities.find((f) => f.facility.id === facilityId);
  if (!place) return { ok: false, error: 'not-found' };
  const definition = detail.value.definition;
  return {
    ok: true,
    value: {
      selfAssessment: detail.value.selfAssessment,
      service: detail.value.service,
      facility: place.facility,
      definition,
      sections: definition.sections.map((s) => ({ title: s.title, items: s.items.filter(askedOfStaff) })).filter((s) => s.items.length > 0),
      answers: place.sheet?.answers ?? {},
      status: place.sheet?.status ?? 'new',
      sheetId: place.sheet?.id ?? null,
    },
  };
}

export async function staffSheet(db: Db, actor: Actor | null, territoryId: string, id: string, facilityId: string): Promise<Outcome<StaffSheet, 'not-found'>> {
  return sheetFor(db, actor, territoryId, id, facilityId);
}

/** Items still to answer before sending: required, shown by the answers so far, and asked of staff. */
function missingOf(definition: InstrumentDefinition, answers: Answers): Item[] {
  return missingRequired(definition, answers).filter(askedOfStaff);
}

/**
 * Saves the whole questionnaire of a facility as typed, valid or not, so nothing is lost; the result says
 * which answers still have a problem. A sent questionnaire no longer changes.
 */
export async function saveStaffSheet(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; selfAssessmentId: string; facilityId: string; body: Record<string, unknown>; lang?: string },
): Promise<Outcome<StaffSheet, 'not-found' | 'submitted' | 'invalid'> & { sheet?: StaffSheet }> {
  const found = await sheetFor(db, actor, input.territoryId, input.selfAssessmentId, input.facilityId);
  if (!found.ok) return found;
  const sheet = found.value;
  if (sheet.status === 'submitted') return { ok: false, error: 'submitted' };
  const answers: Answers = { ...sheet.answers };
  const errors: Record<string, string> = {};
  const items = sheet.sections.flatMap((s) => s.items);
  for (const item of items) {
    const { answer: value, error } = readAnswer(item, input.body[item.name], input.body[`${item.name}__reason`]);
    const typed = (item.type === 'text' && value.value !== null) || Boolean(value.reason);
    answers[item.name] = { ...value, lang: typed ? input.lang : undefined };
    if (error) errors[item.name] = error;
  }
  // Answers to items the other answers now skip are kept, but never required.
  for (const item of items) if (errors[item.name] && !isShown(item, answers)) delete errors[item.name];
  await db
    .insert(selfAssessmentSheet)
    .values({ selfAssessmentId: sheet.selfAssessment.id, facilityId: sheet.facility.id, answers })
    .onConflictDoUpdate({ target: [selfAssessmentSheet.selfAssessmentId, selfAssessmentSheet.facilityId], set: { answers, updatedAt: new Date() } });
  const saved: StaffSheet = { ...sheet, answers, status: 'draft' };
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors, sheet: saved };
  return { ok: true, value: saved };
}

/** Sends a complete questionnaire; required answers still empty keep it open. Access-logged. */
export async function submitStaffSheet(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; selfAssessmentId: string; facilityId: string },
): Promise<Outcome<true, 'not-found' | 'submitted' | 'incomplete'>> {
  const found = await sheetFor(db, actor, input.territoryId, input.selfAssessmentId, input.facilityId);
  if (!found.ok) return found;
  const sheet = found.value;
  if (sheet.status === 'submitted') return { ok: false, error: 'submitted' };
  const missing = sheet.sheetId ? missingOf(sheet.definition, sheet.answers) : sheet.sections.flatMap((s) => s.items).filter((i) => i.required && isShown(i, {}));
  if (!sheet.sheetId || missing.length > 0) return { ok: false, error: 'incomplete', fields: Object.fromEntries(missing.map((m) => [m.name, 'audits.fieldwork.errors.required'])) };
  return db.transaction(async (tx) => {
    await tx.update(selfAssessmentSheet).set({ status: 'submitted', submittedBy: actor!.personId, submittedAt: new Date() }).where(eq(selfAssessmentSheet.id, sheet.sheetId!));
    await recordAccess(tx, { actorId: actor!.personId, action: 'audits.selfAssessment.submit', recordType: 'audit_self_assessment_sheet', recordId: sheet.sheetId!, territoryId: input.territoryId });
    return { ok: true as const, value: true as const };
  });
}

export interface SelfAssessmentComparison {
  selfAssessment: SelfAssessment;
  service: Service;
  definition: InstrumentDefinition;
  /** Facilities whose questionnaire was sent, of those in scope. */
  sent: number;
  facilities: number;
  /** Submitted citizen visits of the same service, facilities and instrument. */
  visits: number;
  /** Score cards of the service whose scores are shown beside. */
  scoreCards: number;
  rows: ComparisonRow[];
}

/** The latest cycle's scores of the service's score cards, averaged per dimension. */
async function scoreCardsByDimension(db: Db, territoryId: string, serviceId: string): Promise<{ cards: number; byDimension: Map<string, DimensionScores> }> {
  const cards = await db.select({ id: scoreCard.id }).from(scoreCard).where(and(eq(scoreCard.territoryId, territoryId), eq(scoreCard.serviceId, serviceId)));
  const byDimension = new Map<string, DimensionScores>();
  if (cards.length === 0) return { cards: 0, byDimension };
  const cardIds = cards.map((c) => c.id);
  const [criteria, cycles] = await Promise.all([
    db.select().from(scoreCriterion).where(inArray(scoreCriterion.scoreCardId, cardIds)),
    db.select().from(scoreCycle).where(inArray(scoreCycle.scoreCardId, cardIds)).orderBy(asc(scoreCycle.number)),
  ]);
  const latest = new Map(cycles.map((c) => [c.scoreCardId, c.id]));
  const scores = latest.size ? await db.select().from(scoreCycleScore).where(inArray(scoreCycleScore.cycleId, [...latest.values()])) : [];
  const sums = new Map<string, { community: number[]; staff: number[]; criteria: number }>();
  for (const c of criteria) {
    const cycleId = latest.get(c.scoreCardId);
    const later = cycleId ? scores.find((s) => s.cycleId === cycleId && s.criterionId === c.id) : undefined;
    const community = cycleId ? (later?.userScore ?? null) : c.userScore;
    const staff = cycleId ? (later?.staffScore ?? null) : c.staffScore;
    const entry = sums.get(c.dimension) ?? { community: [], staff: [], criteria: 0 };
    entry.criteria++;
    if (community !== null) entry.community.push(community);
    if (staff !== null) entry.staff.push(staff);
    sums.set(c.dimension, entry);
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  for (const [dimension, s] of sums) byDimension.set(dimension, { community: mean(s.community), staff: mean(s.staff), criteria: s.criteria });
  return { cards: cards.length, byDimension };
}

/**
 * Staff answers (sent questionnaires only) beside the citizens' submitted visits of the same service and
 * facilities on any version of the same instrument (matched by item name), and the score cards' scores on
 * each item's dimension. Citizens' answers are read as counts only: no auditor, no visit, no words.
 */
export async function selfAssessmentComparison(db: Db, actor: Actor | null, territoryId: string, id: string): Promise<Outcome<SelfAssessmentComparison, 'not-found'>> {
  const detail = await selfAssessmentDetail(db, actor, territoryId, id);
  if (!detail.ok) return detail;
  const { selfAssessment: row, service, definition } = detail.value;
  const sent = detail.value.facilities.filter((f) => f.sheet?.status === 'submitted');
  const [version] = await db.select({ instrumentId: instrumentVersion.instrumentId }).from(instrumentVersion).where(eq(instrumentVersion.id, row.instrumentVersionId));
  const versions = await db.select({ id: instrumentVersion.id }).from(instrumentVersion).where(eq(instrumentVersion.instrumentId, version!.instrumentId));
  const visits = row.facilityIds.length
    ? await db
        .select({ id: visit.id })
        .from(visit)
        .where(
          and(
            eq(visit.territoryId, territoryId),
            eq(visit.serviceId, row.serviceId),
            eq(visit.status, 'submitted'),
            inArray(visit.facilityId, row.facilityIds),
            inArray(visit.instrumentVersionId, versions.map((v) => v.id)),
          ),
        )
    : [];
  const answers = visits.length ? await db.select({ visitId: answer.visitId, itemName: answer.itemName, value: answer.value }).from(answer).where(inArray(answer.visitId, visits.map((v) => v.id))) : [];
  const citizens = new Map<string, Record<string, AnswerValue>>(visits.map((v) => [v.id, {}]));
  for (const a of answers) citizens.get(a.visitId)![a.itemName] = a.value;
  const cards = await scoreCardsByDimension(db, territoryId, row.serviceId);
  const rows = compareAll(definition, sent.map((f) => f.sheet!.answers), [...citizens.values()], cards.byDimension);
  await recordAccess(db, { actorId: actor!.personId, action: 'audits.selfAssessment.compare', recordType: 'audit_self_assessment', recordId: row.id, territoryId });
  return { ok: true, value: { selfAssessment: row, service, definition, sent: sent.length, facilities: detail.value.facilities.length, visits: visits.length, scoreCards: cards.cards, rows } };
}

/** Open questionnaires of the services a person answers for, for their desk: one count. */
export async function openStaffSheets(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<{ count: number; firstId: string | null }>> {
  const permission = requirePermission(actor, 'audits.selfAssessment.fill', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const services = await managedServices(db, territoryId, actor!.personId);
  if (services.length === 0) return { ok: true, value: { count: 0, firstId: null } };
  const rows = await db
    .select({ id: selfAssessment.id, facilityIds: selfAssessment.facilityIds, sheetFacility: selfAssessmentSheet.facilityId, status: selfAssessmentSheet.status })
    .from(selfAssessment)
    .leftJoin(selfAssessmentSheet, eq(selfAssessmentSheet.selfAssessmentId, selfAssessment.id))
    .where(and(eq(selfAssessment.territoryId, territoryId), inArray(selfAssessment.serviceId, services)))
    .orderBy(desc(selfAssessment.startsOn));
  let count = 0;
  let firstId: string | null = null;
  for (const id of new Set(rows.map((r) => r.id))) {
    const mine = rows.filter((r) => r.id === id);
    const sent = mine.filter((r) => r.status === 'submitted').length;
    const open = mine[0]!.facilityIds.length - sent;
    if (open > 0) firstId ??= id;
    count += open;
  }
  return { ok: true, value: { count, firstId } };
}
