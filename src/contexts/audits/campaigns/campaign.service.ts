// Campaigns: scope (services, facilities, period), methods, instruments, auditors and the schedule of visits.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { auditor, campaign, campaignAuditor, campaignMethods, visit, type CampaignMethod } from '../audit.schema.ts';
import { facilitiesOf, findFacility, servicesOf } from '../../catalogue/catalogue.service.ts';
import { versionOf } from '../instruments/instrument.service.ts';
import { publish } from '../../../platform/events.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import { trainedAuditors } from '../network/network.service.ts';
import { isCalendarDay as isDate } from '../../../platform/periods.ts';

export type Campaign = typeof campaign.$inferSelect;
export type Visit = typeof visit.$inferSelect;


export interface NewCampaign {
  territoryId: string;
  title: string;
  hypothesis?: string;
  startsOn: string;
  endsOn: string;
  methods: string[];
  serviceIds: string[];
  facilityIds: string[];
  instrumentVersionIds: string[];
  /** Default on: only auditors with recorded training may be assigned. */
  trainingRequired?: boolean;
}

export async function createCampaign(db: Db, actor: Actor | null, input: NewCampaign): Promise<Outcome<Campaign, 'invalid'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'audits.campaign.errors.title';
  if (!isDate(input.startsOn)) fields.startsOn = 'audits.campaign.errors.date';
  if (!isDate(input.endsOn)) fields.endsOn = 'audits.campaign.errors.date';
  else if (isDate(input.startsOn) && input.endsOn < input.startsOn) fields.endsOn = 'audits.campaign.errors.period';
  const methods = input.methods.filter((m): m is CampaignMethod => (campaignMethods as readonly string[]).includes(m));
  if (methods.length === 0) fields.methods = 'audits.campaign.errors.methods';
  const services = new Set((await servicesOf(db, input.territoryId)).map((s) => s.id));
  const serviceIds = input.serviceIds.filter((id) => services.has(id));
  if (serviceIds.length === 0) fields.serviceIds = 'audits.campaign.errors.services';
  const facilities = serviceIds.length ? await facilitiesOf(db, input.territoryId, serviceIds) : [];
  const facilityIds = input.facilityIds.length ? input.facilityIds.filter((id) => facilities.some((f) => f.id === id)) : facilities.map((f) => f.id);
  const versions = [];
  for (const id of input.instrumentVersionIds) {
    const v = await versionOf(db, input.territoryId, id);
    if (v?.publishedAt) versions.push(v.id);
  }
  if (versions.length === 0) fields.instrumentVersionIds = 'audits.campaign.errors.instruments';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(campaign)
    .values({
      territoryId: input.territoryId,
      title: input.title.trim(),
      hypothesis: input.hypothesis?.trim() ?? '',
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      methods,
      serviceIds,
      facilityIds,
      instrumentVersionIds: versions,
      trainingRequired: input.trainingRequired ?? true,
      createdBy: actor!.personId,
    })
    .returning();
  return { ok: true, value: row! };
}

export async function listCampaigns(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<Campaign[]>> {
  const permission = requirePermission(actor, 'audits.results.view', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  return { ok: true, value: await db.select().from(campaign).where(eq(campaign.territoryId, territoryId)).orderBy(desc(campaign.startsOn)) };
}

export async function campaignOf(db: Db, territoryId: string, campaignId: string): Promise<Campaign | null> {
  if (!/^[0-9a-f-]{36}$/.test(campaignId)) return null;
  const [row] = await db.select().from(campaign).where(and(eq(campaign.id, campaignId), eq(campaign.territoryId, territoryId)));
  return row ?? null;
}

export interface CampaignPlan {
  campaign: Campaign;
  /** Assigned auditors by code name only: the schedule never shows names. */
  auditors: { id: string; codeName: string }[];
}

/**
 * The campaign and its auditors; with `withVisits`, every visit too (the API's whole plan; the page reads its
 * visits a page at a time through visit-list.service.ts).
 */
export async function campaignPlan(db: Db, actor: Actor | null, territoryId: string, campaignId: string): Promise<Outcome<CampaignPlan, 'not-found'>>;
export async function campaignPlan(db: Db, actor: Actor | null, territoryId: string, campaignId: string, options: { withVisits: true }): Promise<Outcome<CampaignPlan & { visits: Visit[] }, 'not-found'>>;
export async function campaignPlan(db: Db, actor: Actor | null, territoryId: string, campaignId: string, options?: { withVisits: true }): Promise<Outcome<CampaignPlan & { visits?: Visit[] }, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId, campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, territoryId, campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  const [auditors, visits] = await Promise.all([
    db
      .select({ id: auditor.id, codeName: auditor.codeName })
      .from(campaignAuditor)
      .innerJoin(auditor, eq(auditor.id, campaignAuditor.auditorId))
      .where(eq(campaignAuditor.campaignId, campaignId))
      .orderBy(asc(auditor.codeName)),
    options?.withVisits ? db.select().from(visit).where(eq(visit.campaignId, campaignId)).orderBy(asc(visit.scheduledOn)) : undefined,
  ]);
  return { ok: true, value: { campaign: found, auditors, ...(visits ? { visits } : {}) } };
}

export interface AssignableAuditor {
  id: string;
  codeName: string;
  languages: string[];
  /** At least one training session recorded. */
  trained: boolean;
}

/** Accepted auditors of the territory by code name, to assign (no personal data), and whether they are trained. */
export async function assignableAuditors(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<AssignableAuditor[]>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const rows = await db
    .select({ id: auditor.id, codeName: auditor.codeName, languages: auditor.languages })
    .from(auditor)
    .where(and(eq(auditor.territoryId, territoryId), eq(auditor.status, 'accepted')))
    .orderBy(asc(auditor.codeName));
  const trained = await trainedAuditors(db, rows.map((r) => r.id));
  return { ok: true, value: rows.map((r) => ({ ...r, trained: trained.has(r.id) })) };
}

/** Assigns accepted auditors; when the campaign requires training, nobody is assigned if one of them has none recorded. */
export async function assignAuditors(db: Db, actor: Actor | null, input: { territoryId: string; campaignId: string; auditorIds: string[] }): Promise<Outcome<number, 'not-found' | 'invalid'> & { untrained?: string[] }> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, input.territoryId, input.campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  const ids = input.auditorIds.filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const valid = ids.length
    ? await db.select({ id: auditor.id, codeName: auditor.codeName }).from(auditor).where(and(eq(auditor.territoryId, input.territoryId), eq(auditor.status, 'accepted'), inArray(auditor.id, ids)))
    : [];
  if (found.trainingRequired) {
    const trained = await trainedAuditors(db, valid.map((a) => a.id));
    const untrained = valid.filter((a) => !trained.has(a.id)).map((a) => a.codeName);
    if (untrained.length > 0) return { ok: false, error: 'invalid', fields: { auditorIds: 'audits.campaign.errors.untrained' }, untrained };
  }
  if (valid.length) await db.insert(campaignAuditor).values(valid.map((a) => ({ campaignId: input.campaignId, auditorId: a.id }))).onConflictDoNothing();
  return { ok: true, value: valid.length };
}

/** Turns the campaign's "training required before assignment" on or off. */
export async function setTrainingRequired(db: Db, actor: Actor | null, input: { territoryId: string; campaignId: string; required: boolean }): Promise<Outcome<null, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db
    .update(campaign)
    .set({ trainingRequired: input.required })
    .where(and(eq(campaign.id, input.campaignId), eq(campaign.territoryId, input.territoryId)))
    .returning({ id: campaign.id });
  return row ? { ok: true, value: null } : { ok: false, error: 'not-found' };
}

export interface NewVisit {
  territoryId: string;
  campaignId: string;
  facilityId: string;
  auditorId: string;
  instrumentVersionId: string;
  method: string;
  scheduledOn: string;
}

export async function scheduleVisit(db: Db, actor: Actor | null, input: NewVisit): Promise<Outcome<Visit, 'invalid' | 'not-found'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId: input.territoryId, campaignId: input.campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, input.territoryId, input.campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  const fields: Record<string, string> = {};
  const place = found.facilityIds.includes(input.facilityId) ? await findFacility(db, input.territoryId, input.facilityId) : null;
  if (!place) fields.facilityId = 'audits.campaign.errors.facility';
  const [assigned] = await db
    .select()
    .from(campaignAuditor)
    .where(and(eq(campaignAuditor.campaignId, found.id), eq(campaignAuditor.auditorId, /^[0-9a-f-]{36}$/.test(input.auditorId) ? input.auditorId : '00000000-0000-0000-0000-000000000000')));
  if (!assigned) fields.auditorId = 'audits.campaign.errors.auditor';
  else if (found.trainingRequired && !(await trainedAuditors(db, [input.auditorId])).has(input.auditorId)) fields.auditorId = 'audits.campaign.errors.untrained';
  if (!found.instrumentVersionIds.includes(input.instrumentVersionId)) fields.instrumentVersionId = 'audits.campaign.errors.instrument';
  if (!(found.methods as string[]).includes(input.method)) fields.method = 'audits.campaign.errors.method';
  if (!isDate(input.scheduledOn)) fields.scheduledOn = 'audits.campaign.errors.date';
  else if (input.scheduledOn < found.startsOn || input.scheduledOn > found.endsOn) fields.scheduledOn = 'audits.campaign.errors.outsidePeriod';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(visit)
    .values({
      campaignId: found.id,
      territoryId: input.territoryId,
      serviceId: place!.serviceId,
      facilityId: place!.id,
      auditorId: input.auditorId,
      instrumentVersionId: input.instrumentVersionId,
      method: input.method as CampaignMethod,
      scheduledOn: input.scheduledOn,
    })
    .returning();
  // The auditor is told (desk and email); an auditor enrolled without an account has no one to tell.
  const [assignee] = await db.select({ personId: auditor.personId }).from(auditor).where(eq(auditor.id, input.auditorId));
  const territory = await findTerritoryById(db, input.territoryId);
  if (assignee?.personId && territory) {
    await publish(db, 'audits.visit.assigned', { territoryId: territory.id, territoryName: territory.name, territorySlug: territory.slug, visitId: row!.id, auditorPersonId: assignee.personId, scheduledOn: input.scheduledOn });
  }
  return { ok: true, value: row! };
}
