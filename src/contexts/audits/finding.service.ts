// Findings: from answers (or a score card's interface meeting) to a validated barrier, then addressed and
// verified by a later visit. Every change is kept (who, when, why). Validated findings feed the diagnosis.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { publish, type DiagnosisFact } from '../../platform/events.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { finding, findingChange, findingResponse, serviceManager, visit, type FindingStatus, type LinkedAnswer } from './audit.schema.ts';
import { findFacility, findService } from './catalogue.service.ts';
import { dimensions } from './instrument.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { displayNames } from '../identity/roles.service.ts';

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
 * Moves a finding along its lifecycle. Validation needs a second coordinator (not the proposer);
 * verification needs a later submitted visit to the same facility or service. The diagnosis hears of
 * every change of a counted finding, and of a withdrawal.
 */
/** Tells the people concerned (through the notifications context) that a finding moved on. */
async function publishFindingChange(db: Db, row: Finding, status: 'validated' | 'answered' | 'verified', actorId: string): Promise<void> {
  const territory = await findTerritoryById(db, row.territoryId);
  if (!territory) return;
  const managers = await db.select({ personId: serviceManager.personId }).from(serviceManager).where(and(eq(serviceManager.serviceId, row.serviceId), eq(serviceManager.active, true)));
  await publish(db, 'audits.finding.changed', {
    territoryId: territory.id,
    territorySlug: territory.slug,
    findingId: row.id,
    title: row.title,
    status,
    proposedBy: row.proposedBy,
    managerIds: managers.map((m) => m.personId),
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

/** Services a person answers for as a service manager. */
export async function managedServices(db: Db, territoryId: string, personId: string): Promise<string[]> {
  const rows = await db
    .select({ id: serviceManager.serviceId })
    .from(serviceManager)
    .where(and(eq(serviceManager.territoryId, territoryId), eq(serviceManager.personId, personId), eq(serviceManager.active, true)));
  return rows.map((r) => r.id);
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

export async function listFindings(db: Db, actor: Actor | null, territoryId: string, filter: FindingFilter = {}): Promise<Outcome<Finding[]>> {
  const permission = requirePermission(actor, 'audits.finding.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const services = await visibleServices(db, actor!, territoryId);
  const where: SQL[] = [eq(finding.territoryId, territoryId)];
  if (services !== 'all') {
    if (services.length === 0) return { ok: true, value: [] };
    where.push(inArray(finding.serviceId, services), inArray(finding.status, [...counted]));
  }
  if (filter.status) where.push(eq(finding.status, filter.status));
  if (filter.serviceId && /^[0-9a-f-]{36}$/.test(filter.serviceId)) where.push(eq(finding.serviceId, filter.serviceId));
  if (filter.campaignId && /^[0-9a-f-]{36}$/.test(filter.campaignId)) where.push(eq(finding.campaignId, filter.campaignId));
  return { ok: true, value: await db.select().from(finding).where(and(...where)).orderBy(desc(finding.month), asc(finding.title)) };
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
