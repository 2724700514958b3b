// Findings: from answers (or a score card's interface meeting) to a validated barrier, then addressed and
// verified by a later visit whose answers show the barrier gone, made by another auditor and recorded by
// another coordinator than the proposer. Every change is kept (who, when, why). Validated findings feed the diagnosis.
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { likePattern, windowOf, type ListPage, type ListQuery } from '../../../platform/views/list-query.ts';
import type { Db } from '../../../platform/db/client.ts';
import { publish, type DiagnosisFact } from '../../../platform/events.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { answer, finding, findingChange, findingResponse, findingStatuses, visit, type FindingStatus, type LinkedAnswer } from '../audit.schema.ts';
import { findFacility, findService } from '../../catalogue/catalogue.service.ts';
import { activeManagerIds, managedServices } from '../../catalogue/service-manager.service.ts';
import { dimensions, type AnswerValue } from '../instruments/instrument.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import { displayNames } from '../../identity/roles.service.ts';

export type Finding = typeof finding.$inferSelect;
export type FindingChange = typeof findingChange.$inferSelect;
export type FindingResponse = typeof findingResponse.$inferSelect;

/** Statuses whose findings count in the diagnosis. */
const counted: readonly FindingStatus[] = ['validated', 'addressed', 'verified'];

/** The lifecycle: which change is allowed from which status. */
export const transitions: Record<FindingStatus, FindingStatus[]> = {
  proposed: ['validated', 'withdrawn'],
  validated: ['addressed', 'withdrawn'],
  addressed: ['verified', 'validated', 'withdrawn'],
  verified: [],
  withdrawn: [],
};

export function factOf(f: Finding): DiagnosisFact {
  return {
    source: 'finding',
    sourceId: f.id,
    territoryId: f.territoryId,
    departmentId: f.departmentId,
    serviceId: f.serviceId,
    facilityId: f.facilityId,
    grounds: f.grounds,
    dimension: f.dimension,
    districtId: f.districtId,
    neighbourhoodId: null,
    month: f.month,
    severity: f.severity,
    barrier: f.barrier,
  };
}

export interface NewFinding {
  territoryId: string;
  campaignId: string | null;
  serviceId: string;
  facilityId: string | null;
  dimension: string;
  grounds: string[];
  severity: number;
  title: string;
  barrier?: string | null;
  description?: string;
  evidence?: string;
  month: string;
  linkedAnswers?: LinkedAnswer[];
  source?: 'answers' | 'score-card';
}

export async function proposeFinding(db: Db, actor: Actor | null, input: NewFinding, knownGrounds: readonly string[]): Promise<Outcome<Finding, 'invalid'>> {
  const permission = requirePermission(actor, 'audits.finding.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  const service = /^[0-9a-f-]{36}$/.test(input.serviceId) ? await findService(db, input.territoryId, input.serviceId) : null;
  if (!service) fields.serviceId = 'audits.finding.errors.service';
  const facility = input.facilityId && /^[0-9a-f-]{36}$/.test(input.facilityId) ? await findFacility(db, input.territoryId, input.facilityId) : null;
  if (input.facilityId && (!facility || facility.serviceId !== input.serviceId)) fields.facilityId = 'audits.finding.errors.facility';
  if (!(dimensions as readonly string[]).includes(input.dimension)) fields.dimension = 'audits.finding.errors.dimension';
  const grounds = input.grounds.filter((g) => knownGrounds.includes(g));
  if (grounds.length === 0) fields.grounds = 'audits.finding.errors.grounds';
  if (!Number.isInteger(input.severity) || input.severity < 1 || input.severity > 4) fields.severity = 'audits.finding.errors.severity';
  if (!input.title.trim()) fields.title = 'audits.finding.errors.title';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month)) fields.month = 'audits.finding.errors.month';
  const links = input.linkedAnswers ?? [];
  if (links.length > 0) {
    const visits = await db.select({ id: visit.id }).from(visit).where(and(eq(visit.territoryId, input.territoryId), inArray(visit.id, [...new Set(links.map((l) => l.visitId))])));
    if (visits.length !== new Set(links.map((l) => l.visitId)).size) fields.linkedAnswers = 'audits.finding.errors.answers';
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(finding)
      .values({
        territoryId: input.territoryId,
        campaignId: input.campaignId,
        departmentId: service!.departmentId,
        serviceId: service!.id,
        facilityId: facility?.id ?? null,
        districtId: facility?.districtId ?? null,
        dimension: input.dimension,
        grounds,
        severity: input.severity,
        title: input.title.trim(),
        barrier: input.barrier?.trim() || null,
        description: input.description?.trim() ?? '',
        evidence: input.evidence?.trim() ?? '',
        month: input.month,
        linkedAnswers: links,
        source: input.source ?? 'answers',
        proposedBy: actor!.personId,
      })
      .returning();
    await tx.insert(findingChange).values({ findingId: row!.id, fromStatus: null, toStatus: 'proposed', actorId: actor!.personId, reason: input.source === 'score-card' ? 'score-card' : 'proposed' });
    return { ok: true as const, value: row! };
  });
}

async function findingOf(db: Db, territoryId: string, findingId: string): Promise<Finding | null> {
  if (!/^[0-9a-f-]{36}$/.test(findingId)) return null;
  const [row] = await db.select().from(finding).where(and(eq(finding.id, findingId), eq(finding.territoryId, territoryId)));
  return row ?? null;
}

/**
 * Does a follow-up answer show the barrier gone? The answer that gave the finding was the failing one:
 * the item passes when it is answered again and is no longer that answer (a scale or number must rise).
 */
export function itemPasses(original: AnswerValue | undefined, followUp: AnswerValue | undefined): boolean {
  if (!followUp || followUp.value === null || followUp.value === '' || (Array.isArray(followUp.value) && followUp.value.length === 0 && !Array.isArray(original?.value))) return false;
  if (!original || original.value === null) return false;
  const a = original.value;
  const b = followUp.value;
  const numeric = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : null);
  if (numeric(a) !== null && numeric(b) !== null) return numeric(b)! > numeric(a)!;
  if (Array.isArray(a) && Array.isArray(b)) return b.length < a.length && b.every((x) => a.includes(x));
  return JSON.stringify(a) !== JSON.stringify(b);
}

export type FollowUpProof = 'passes' | 'no-item' | 'still-failing' | 'same-person';
const proofErrors: Record<Exclude<FollowUpProof, 'passes'>, string> = {
  'no-item': 'audits.finding.errors.noItem',
  'still-failing': 'audits.finding.errors.stillFailing',
  'same-person': 'audits.finding.errors.sameAuditor',
};

/**
 * What a later visit proves about a finding: every item that gave it must now pass, and the visit must be
 * made by an auditor other than the one(s) whose visit reported it.
 */
export async function followUpProof(db: Db, current: Finding, later: typeof visit.$inferSelect): Promise<FollowUpProof> {
  const links = current.linkedAnswers;
  if (links.length === 0) return 'no-item';
  const originals = await db.select().from(visit).where(inArray(visit.id, [...new Set(links.map((l) => l.visitId))]));
  if (originals.some((o) => o.auditorId === later.auditorId)) return 'same-person';
  const followUp = await answersOfVisit(db, later.id);
  for (const link of links) {
    const original = await answersOfVisit(db, link.visitId);
    if (!itemPasses(original[link.itemName], followUp[link.itemName])) return 'still-failing';
  }
  return 'passes';
}

async function answersOfVisit(db: Db, visitId: string): Promise<Record<string, AnswerValue>> {
  const rows = await db.select().from(answer).where(eq(answer.visitId, visitId));
  return Object.fromEntries(rows.map((r) => [r.itemName, r.value]));
}

/** Findings by id, for another context that keeps their ids (the plans' measures). */
export async function findingsByIds(db: Db, territoryId: string, ids: readonly string[]): Promise<Finding[]> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/.test(id));
  return valid.length ? db.select().from(finding).where(and(eq(finding.territoryId, territoryId), inArray(finding.id, valid))) : [];
}

/** What a later visit would prove about a finding, without changing it (the plans' follow-up asks first). */
export async function checkFollowUp(db: Db, territoryId: string, findingId: string, visitId: string): Promise<FollowUpProof | 'not-a-later-visit' | 'not-found'> {
  const current = await findingOf(db, territoryId, findingId);
  if (!current) return 'not-found';
  const [later] = /^[0-9a-f-]{36}$/.test(visitId)
    ? await db.select().from(visit).where(and(eq(visit.id, visitId), eq(visit.territoryId, territoryId), eq(visit.serviceId, current.serviceId), eq(visit.status, 'submitted')))
    : [];
  if (!later || later.scheduledOn.slice(0, 7) <= current.month || (current.facilityId && later.facilityId !== current.facilityId)) return 'not-a-later-visit';
  return followUpProof(db, current, later);
}

/**
 * Moves a finding along its lifecycle. Validation needs a second coordinator (not the proposer);
 * verification needs a later submitted visit to the same facility or service. The diagnosis hears of
 * every change of a counted finding, and of a withdrawal.
 */
/** Tells the people concerned (through the notifications context) that a finding moved on. */
async function publishFindingChange(db: Db, row: Finding, status: 'validated' | 'answered' | 'verified', actorId: string): Promise<void> {
  const territory = await findTerritoryById(db, row.territoryId);
  if (!territory) return;
  const managerIds = await activeManagerIds(db, row.serviceId);
  await publish(db, 'audits.finding.changed', {
    territoryId: territory.id,
    territorySlug: territory.slug,
    findingId: row.id,
    title: row.title,
    status,
    proposedBy: row.proposedBy,
    managerIds,
    actorId,
  });
}

export async function changeFindingStatus(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; findingId: string; to: FindingStatus; reason: string; verifiedByVisitId?: string | null },
): Promise<Outcome<Finding, 'not-found' | 'transition' | 'same-person' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.finding.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const current = await findingOf(db, input.territoryId, input.findingId);
  if (!current) return { ok: false, error: 'not-found' };
  if (!transitions[current.status].includes(input.to)) return { ok: false, error: 'transition', fields: { to: 'audits.finding.errors.transition' } };
  const reason = input.reason.trim();
  if (!reason) return { ok: false, error: 'invalid', fields: { reason: 'audits.finding.errors.reason' } };
  if (input.to === 'validated' && current.status === 'proposed' && current.proposedBy === actor!.personId) {
    return { ok: false, error: 'same-person', fields: { to: 'audits.finding.errors.samePerson' } };
  }
  let verifiedByVisitId: string | null = null;
  if (input.to === 'verified') {
    const id = input.verifiedByVisitId ?? '';
    const [later] = /^[0-9a-f-]{36}$/.test(id)
      ? await db.select().from(visit).where(and(eq(visit.id, id), eq(visit.territoryId, input.territoryId), eq(visit.serviceId, current.serviceId), eq(visit.status, 'submitted')))
      : [];
    const afterFinding = later && later.scheduledOn.slice(0, 7) > current.month && (!current.facilityId || later.facilityId === current.facilityId);
    if (!afterFinding) return { ok: false, error: 'invalid', fields: { verifiedByVisitId: 'audits.finding.errors.laterVisit' } };
    const proof = await followUpProof(db, current, later);
    if (proof !== 'passes') return { ok: false, error: proof === 'same-person' ? 'same-person' : 'invalid', fields: { verifiedByVisitId: proofErrors[proof] } };
    if (current.proposedBy === actor!.personId) return { ok: false, error: 'same-person', fields: { to: 'audits.finding.errors.samePersonVerify' } };
    verifiedByVisitId = later.id;
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(finding)
      .set({
        status: input.to,
        updatedAt: new Date(),
        ...(input.to === 'validated' && current.status === 'proposed' ? { validatedBy: actor!.personId } : {}),
        ...(verifiedByVisitId ? { verifiedByVisitId } : {}),
      })
      .where(and(eq(finding.id, current.id), eq(finding.status, current.status)))
      .returning();
    if (!row) return { ok: false as const, error: 'transition' as const, fields: { to: 'audits.finding.errors.transition' } };
    await tx.insert(findingChange).values({ findingId: row.id, fromStatus: current.status, toStatus: input.to, actorId: actor!.personId, reason });
    if (counted.includes(input.to)) await publish(tx, 'diagnosis.facts.upsert', { facts: [factOf(row)] });
    if (input.to === 'validated' || input.to === 'verified') await publishFindingChange(tx, row, input.to, actor!.personId);
    else if (input.to === 'withdrawn' && counted.includes(current.status)) await publish(tx, 'diagnosis.facts.remove', { source: 'finding', sourceIds: [row.id] });
    return { ok: true as const, value: row };
  });
}

/** Corrects a finding's classification; after validation the change is explained and the diagnosis updated. */
export async function reviseFinding(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; findingId: string; severity: number; grounds: string[]; dimension: string; reason: string },
  knownGrounds: readonly string[],
): Promise<Outcome<Finding, 'not-found' | 'invalid' | 'transition'>> {
  const permission = requirePermission(actor, 'audits.finding.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const current = await findingOf(db, input.territoryId, input.findingId);
  if (!current) return { ok: false, error: 'not-found' };
  if (current.status === 'withdrawn' || current.status === 'verified') return { ok: false, error: 'transition' };
  const fields: Record<string, string> = {};
  const grounds = input.grounds.filter((g) => knownGrounds.includes(g));
  if (grounds.length === 0) fields.grounds = 'audits.finding.errors.grounds';
  if (!Number.isInteger(input.severity) || input.severity < 1 || input.severity > 4) fields.severity = 'audits.finding.errors.severity';
  if (!(dimensions as readonly string[]).includes(input.dimension)) fields.dimension = 'audits.finding.errors.dimension';
  if (!input.reason.trim()) fields.reason = 'audits.finding.errors.reason';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  return db.transaction(async (tx) => {
    const [row] = await tx.update(finding).set({ severity: input.severity, grounds, dimension: input.dimension, updatedAt: new Date() }).where(eq(finding.id, current.id)).returning();
    await tx.insert(findingChange).values({ findingId: row!.id, fromStatus: current.status, toStatus: current.status, actorId: actor!.personId, reason: input.reason.trim() });
    if (counted.includes(row!.status)) await publish(tx, 'diagnosis.facts.upsert', { facts: [factOf(row!)] });
    return { ok: true as const, value: row! };
  });
}

/** Coordinators see every finding; a service manager only those about their services (and never proposed ones). */
async function visibleServices(db: Db, actor: Actor, territoryId: string): Promise<string[] | 'all'> {
  if (requirePermission(actor, 'audits.finding.manage', { territoryId }).ok) return 'all';
  if (actor.grants.some((g) => g.role === 'territory-admin' && (g.scope.kind === 'platform' || g.scope.id === territoryId))) return 'all';
  return managedServices(db, territoryId, actor.personId);
}

export interface FindingFilter {
  status?: FindingStatus;
  serviceId?: string;
  campaignId?: string;
}

/** The conditions of what this actor may see under a filter; null when they may see none. */
async function findingConditions(db: Db, actor: Actor, territoryId: string, filter: FindingFilter): Promise<SQL[] | null> {
  const services = await visibleServices(db, actor, territoryId);
  const where: SQL[] = [eq(finding.territoryId, territoryId)];
  if (services !== 'all') {
    if (services.length === 0) return null;
    where.push(inArray(finding.serviceId, services), inArray(finding.status, [...counted]));
  }
  if (filter.serviceId && /^[0-9a-f-]{36}$/.test(filter.serviceId)) where.push(eq(finding.serviceId, filter.serviceId));
  if (filter.campaignId && /^[0-9a-f-]{36}$/.test(filter.campaignId)) where.push(eq(finding.campaignId, filter.campaignId));
  return where;
}

export async function listFindings(db: Db, actor: Actor | null, territoryId: string, filter: FindingFilter = {}): Promise<Outcome<Finding[]>> {
  const permission = requirePermission(actor, 'audits.finding.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const where = await findingConditions(db, actor!, territoryId, filter);
  if (!where) return { ok: true, value: [] };
  if (filter.status) where.push(eq(finding.status, filter.status));
  return { ok: true, value: await db.select().from(finding).where(and(...where)).orderBy(desc(finding.month), asc(finding.title)) };
}

export const findingSorts = ['month', 'title', 'severity', 'status'] as const;
export type FindingSort = (typeof findingSorts)[number];
export const findingListDefaults = { sort: 'month', dir: 'desc' } as const;

export interface FindingsPage extends ListPage<Finding> {
  byStatus: Record<FindingStatus, number>;
  allStatuses: number;
}

/** The staff list: one page of the findings that match (title search, filters), sorted, with counts per status. */
export async function listFindingsPage(db: Db, actor: Actor | null, territoryId: string, filter: FindingFilter, list: ListQuery<FindingSort>): Promise<Outcome<FindingsPage>> {
  const permission = requirePermission(actor, 'audits.finding.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const byStatus = Object.fromEntries(findingStatuses.map((s) => [s, 0])) as Record<FindingStatus, number>;
  const where = await findingConditions(db, actor!, territoryId, filter);
  if (!where) return { ok: true, value: { rows: [], total: 0, byStatus, allStatuses: 0 } };
  if (list.q) where.push(or(ilike(finding.title, likePattern(list.q)), ilike(finding.description, likePattern(list.q)))!);
  const withStatus = filter.status ? [...where, eq(finding.status, filter.status)] : where;
  const column = { month: finding.month, title: finding.title, severity: finding.severity, status: finding.status }[list.sort];
  const order = list.dir === 'asc' ? asc : desc;
  const { limit, offset } = windowOf(list);
  const [rows, counts] = await Promise.all([
    db.select().from(finding).where(and(...withStatus)).orderBy(order(column), asc(finding.title), asc(finding.id)).limit(limit).offset(offset),
    db.select({ status: finding.status, count: count() }).from(finding).where(and(...where)).groupBy(finding.status),
  ]);
  for (const c of counts) byStatus[c.status] = Number(c.count);
  const allStatuses = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { ok: true, value: { rows, total: filter.status ? byStatus[filter.status] : allStatuses, byStatus, allStatuses } };
}

export interface FindingDetail {
  finding: Finding;
  changes: FindingChange[];
  responses: FindingResponse[];
  mayManage: boolean;
  mayRespond: boolean;
  /** Display names of the people in the history and the answers; a deleted account is missing. */
  names: Record<string, string>;
}

export async function findingDetail(db: Db, actor: Actor | null, territoryId: string, findingId: string): Promise<Outcome<FindingDetail, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.finding.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findingOf(db, territoryId, findingId);
  const services = await visibleServices(db, actor!, territoryId);
  if (!row || (services !== 'all' && (!services.includes(row.serviceId) || !counted.includes(row.status)))) return { ok: false, error: 'not-found' };
  const [changes, responses] = await Promise.all([
    db.select().from(findingChange).where(eq(findingChange.findingId, row.id)).orderBy(asc(findingChange.at)),
    db.select().from(findingResponse).where(eq(findingResponse.findingId, row.id)).orderBy(asc(findingResponse.at)),
  ]);
  const mayManage = requirePermission(actor, 'audits.finding.manage', { territoryId }).ok;
  const mayRespond = requirePermission(actor, 'audits.finding.respond', { territoryId }).ok && (await managedServices(db, territoryId, actor!.personId)).includes(row.serviceId);
  const names = Object.fromEntries(await displayNames(db, [...changes.map((c) => c.actorId), ...responses.map((r) => r.personId)]));
  return { ok: true, value: { finding: row, changes, responses, mayManage, mayRespond, names } };
}

/** A service manager answers a validated finding about their service. */
export async function respondToFinding(db: Db, actor: Actor | null, input: { territoryId: string; findingId: string; body: string }): Promise<Outcome<FindingResponse, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'audits.finding.respond', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const row = await findingOf(db, input.territoryId, input.findingId);
  const mine = row ? (await managedServices(db, input.territoryId, actor!.personId)).includes(row.serviceId) : false;
  if (!row || !mine || !counted.includes(row.status)) return { ok: false, error: 'not-found' };
  const body = input.body.trim().slice(0, 4000);
  if (!body) return { ok: false, error: 'invalid', fields: { body: 'audits.finding.errors.response' } };
  const response = await db.transaction(async (tx) => {
    const [inserted] = await tx.insert(findingResponse).values({ findingId: row.id, personId: actor!.personId, body }).returning();
    await publishFindingChange(tx, row, 'answered', actor!.personId);
    return inserted!;
  });
  return { ok: true, value: response };
}

/**
 * Counted findings (validated, addressed, verified) with the dates of their status changes, for the plans'
 * zero-discrimination tracker. Observations of services only: no auditor, no person, no text.
 */
export async function findingHistory(db: Db, territoryId: string): Promise<{ id: string; serviceId: string; month: string; status: FindingStatus; changes: { toStatus: string; at: Date }[] }[]> {
  const rows = await db
    .select({ id: finding.id, serviceId: finding.serviceId, month: finding.month, status: finding.status })
    .from(finding)
    .where(and(eq(finding.territoryId, territoryId), inArray(finding.status, [...counted])));
  if (rows.length === 0) return [];
  const changes = await db
    .select({ findingId: findingChange.findingId, toStatus: findingChange.toStatus, at: findingChange.at })
    .from(findingChange)
    .where(inArray(findingChange.findingId, rows.map((r) => r.id)))
    .orderBy(asc(findingChange.at));
  const byFinding = new Map<string, { toStatus: string; at: Date }[]>();
  for (const c of changes) byFinding.set(c.findingId, [...(byFinding.get(c.findingId) ?? []), { toStatus: c.toStatus, at: c.at }]);
  return rows.map((r) => ({ ...r, changes: byFinding.get(r.id) ?? [] }));
}
