// Action networks: members (organisations and council departments) who ask to join and are accepted
// by the coordinators, working groups, and meetings with agenda, minutes and the decisions taken.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { meeting, meetingDecision, network, networkMember, organisation, workingGroup, type Translated } from '../agreement.schema.ts';
import { isAreaOfWork } from '../agreement.settings.ts';
import { isMember } from '../adhesion/adhesion.service.ts';
import { findOrganisation, isUuid } from '../organisations/organisation.service.ts';
import { pick } from '../../../platform/i18n/translations.ts';
import { publish } from '../../../platform/events.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import type { PersonalDataProvider } from '../../identity/data-rights.service.ts';

export type Network = typeof network.$inferSelect;
export type NetworkMember = typeof networkMember.$inferSelect;
export type WorkingGroup = typeof workingGroup.$inferSelect;
export type Meeting = typeof meeting.$inferSelect;
export type MeetingDecision = typeof meetingDecision.$inferSelect;

export interface NetworkSummary {
  id: string;
  slug: string;
  name: Translated;
  purpose: Translated;
  areas: string[];
  members: number;
}

export async function listNetworks(db: Db, territoryId: string): Promise<NetworkSummary[]> {
  const rows = await db
    .select({
      id: network.id,
      slug: network.slug,
      name: network.name,
      purpose: network.purpose,
      areas: network.areas,
      // Written out in full: in a one-table select Drizzle leaves columns unqualified, and "id" would mean m.id here.
      members: sql<number>`(select count(*)::int from network_member m where m.network_id = "network"."id" and m.status = 'member')`,
    })
    .from(network)
    .where(eq(network.territoryId, territoryId))
    .orderBy(asc(network.createdAt), asc(network.slug));
  return rows;
}

export async function findNetwork(db: Db, territoryId: string, slug: string): Promise<Network | null> {
  const [row] = await db.select().from(network).where(and(eq(network.territoryId, territoryId), eq(network.slug, slug)));
  return row ?? null;
}

export async function findNetworkById(db: Db, id: string): Promise<Network | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(network).where(eq(network.id, id));
  return row ?? null;
}

export function networkSearchDocument(name: Translated, purpose: Translated, goals: Translated): string {
  return [...Object.values(name), ...Object.values(purpose), ...Object.values(goals)].join(' \n');
}

export interface NetworkInput {
  slug: string;
  name: Translated;
  purpose: Translated;
  goals: Translated;
  areas: string[];
}

export async function createNetwork(db: Db, actor: Actor | null, territoryId: string, input: NetworkInput): Promise<Outcome<{ id: string; slug: string }, 'invalid'>> {
  const allowed = requirePermission(actor, 'agreement.network.create', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(input.slug) || input.slug.length > 80) fields.slug = 'agreement.network.errors.slug';
  if (!pick(input.name, 'en')) fields.name = 'agreement.network.errors.nameRequired';
  if (!pick(input.purpose, 'en')) fields.purpose = 'agreement.network.errors.purposeRequired';
  if (!input.areas.every(isAreaOfWork)) fields.areas = 'platform.validation.invalid';
  if (!fields.slug && (await findNetwork(db, territoryId, input.slug))) fields.slug = 'agreement.network.errors.slugTaken';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(network)
    .values({ territoryId, ...input, searchDocument: networkSearchDocument(input.name, input.purpose, input.goals), createdByName: actor!.displayName, createdBy: actor!.personId })
    .returning({ id: network.id, slug: network.slug });
  return { ok: true, value: row! };
}

export interface NetworkMemberRow {
  id: string;
  organisationId: string | null;
  organisationName: string | null;
  departmentName: string | null;
  status: NetworkMember['status'];
  requestedAt: Date;
  requestedByName: string;
  message: string | null;
  decidedAt: Date | null;
}

export async function networkMembers(db: Db, networkId: string, status?: NetworkMember['status']): Promise<NetworkMemberRow[]> {
  const rows = await db
    .select({
      id: networkMember.id,
      organisationId: networkMember.organisationId,
      organisationName: organisation.name,
      departmentName: networkMember.departmentName,
      status: networkMember.status,
      requestedAt: networkMember.requestedAt,
      requestedByName: networkMember.requestedByName,
      message: networkMember.message,
      decidedAt: networkMember.decidedAt,
    })
    .from(networkMember)
    .leftJoin(organisation, eq(organisation.id, networkMember.organisationId))
    .where(status ? and(eq(networkMember.networkId, networkId), eq(networkMember.status, status)) : eq(networkMember.networkId, networkId))
    .orderBy(sql`coalesce(${organisation.name}, ${networkMember.departmentName})`);
  return rows;
}

/** The networks an organisation takes part in (or has asked to join). */
export async function networksOfOrganisation(db: Db, organisationId: string) {
  return db
    .select({ id: network.id, slug: network.slug, territoryId: network.territoryId, name: network.name, status: networkMember.status })
    .from(networkMember)
    .innerJoin(network, eq(network.id, networkMember.networkId))
    .where(eq(networkMember.organisationId, organisationId))
    .orderBy(asc(network.slug));
}

/** A member organisation of the network's Agreement asks to join; the coordinators decide. */
export async function requestToJoin(
  db: Db,
  actor: Actor | null,
  input: { networkId: string; organisationId: string; message: string },
): Promise<Outcome<null, 'not-found' | 'invalid' | 'not-member' | 'already'>> {
  const net = await findNetworkById(db, input.networkId);
  const org = await findOrganisation(db, input.organisationId);
  if (!net) return { ok: false, error: 'not-found' };
  if (!org) return { ok: false, error: 'invalid', fields: { organisationId: 'agreement.network.errors.organisationRequired' } };
  const allowed = requirePermission(actor, 'agreement.network.join', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!(await isMember(db, org.id, net.territoryId))) return { ok: false, error: 'not-member' };
  const message = input.message.trim();
  if (message.length > 2000) return { ok: false, error: 'invalid', fields: { message: 'platform.validation.tooLong' } };
  const [existing] = await db.select().from(networkMember).where(and(eq(networkMember.networkId, net.id), eq(networkMember.organisationId, org.id)));
  if (existing && (existing.status === 'member' || existing.status === 'requested')) return { ok: false, error: 'already' };
  const values = { status: 'requested' as const, requestedAt: new Date(), requestedByName: actor!.displayName, requestedBy: actor!.personId, message: message || null, decidedAt: null, decidedByName: null, decidedBy: null, reason: null };
  if (existing) await db.update(networkMember).set(values).where(eq(networkMember.id, existing.id));
  else await db.insert(networkMember).values({ networkId: net.id, organisationId: org.id, ...values });
  return { ok: true, value: null };
}

/** The council asks for one of its departments (a name for now; an id once the service catalogue exists) to join. */
export async function requestDepartmentJoin(
  db: Db,
  actor: Actor | null,
  input: { networkId: string; departmentName: string; departmentId?: string | null },
): Promise<Outcome<null, 'not-found' | 'invalid' | 'already'>> {
  const net = await findNetworkById(db, input.networkId);
  if (!net) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.network.joinDepartment', { territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const name = input.departmentName.trim();
  if (!name) return { ok: false, error: 'invalid', fields: { departmentName: 'agreement.network.errors.departmentRequired' } };
  if (name.length > 200) return { ok: false, error: 'invalid', fields: { departmentName: 'platform.validation.tooLong' } };
  const [existing] = await db.select().from(networkMember).where(and(eq(networkMember.networkId, net.id), eq(networkMember.departmentName, name)));
  if (existing && existing.status !== 'declined' && existing.status !== 'left') return { ok: false, error: 'already' };
  const values = { status: 'requested' as const, requestedAt: new Date(), requestedByName: actor!.displayName, requestedBy: actor!.personId, departmentId: input.departmentId ?? null, decidedAt: null, decidedByName: null, decidedBy: null, reason: null };
  if (existing) await db.update(networkMember).set(values).where(eq(networkMember.id, existing.id));
  else await db.insert(networkMember).values({ networkId: net.id, departmentName: name, ...values });
  return { ok: true, value: null };
}

export async function decideJoinRequest(
  db: Db,
  actor: Actor | null,
  input: { networkId: string; memberId: string; decision: string; reason: string },
): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const net = await findNetworkById(db, input.networkId);
  if (!net) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.network.coordinate', { networkId: net.id, territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!isUuid(input.memberId)) return { ok: false, error: 'not-found' };
  const [request] = await db.select().from(networkMember).where(and(eq(networkMember.id, input.memberId), eq(networkMember.networkId, net.id)));
  if (!request || request.status !== 'requested') return { ok: false, error: 'not-found' };
  if (input.decision !== 'accept' && input.decision !== 'decline') return { ok: false, error: 'invalid', fields: { decision: 'agreement.adhesion.errors.decisionRequired' } };
  const reason = input.reason.trim();
  if (input.decision === 'decline' && !reason) return { ok: false, error: 'invalid', fields: { reason: 'agreement.adhesion.errors.reasonRequired' } };
  const [territory, org] = await Promise.all([findTerritoryById(db, net.territoryId), request.organisationId ? findOrganisation(db, request.organisationId) : null]);
  await db.transaction(async (tx) => {
    await tx
      .update(networkMember)
      .set({ status: input.decision === 'accept' ? 'member' : 'declined', decidedAt: new Date(), decidedByName: actor!.displayName, decidedBy: actor!.personId, reason: reason || null })
      .where(eq(networkMember.id, request.id));
    // A council department's request has no organisation to tell.
    if (territory && org) {
      await publish(tx, 'agreement.networkRequest.answered', {
        territoryId: territory.id,
        territorySlug: territory.slug,
        networkId: net.id,
        networkName: pick(net.name, 'en'),
        networkSlug: net.slug,
        organisationId: org.id,
        organisationName: org.name,
        accepted: input.decision === 'accept',
      });
    }
  });
  return { ok: true, value: null };
}

export async function addWorkingGroup(db: Db, actor: Actor | null, input: { networkId: string; name: string; purpose: string }): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const net = await findNetworkById(db, input.networkId);
  if (!net) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.network.coordinate', { networkId: net.id, territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const name = input.name.trim();
  if (!name) return { ok: false, error: 'invalid', fields: { name: 'agreement.network.errors.groupNameRequired' } };
  if (name.length > 200 || input.purpose.length > 2000) return { ok: false, error: 'invalid', fields: { name: 'platform.validation.tooLong' } };
  const [row] = await db.insert(workingGroup).values({ networkId: net.id, name, purpose: input.purpose.trim() }).returning({ id: workingGroup.id });
  return { ok: true, value: row! };
}

export async function workingGroups(db: Db, networkId: string): Promise<WorkingGroup[]> {
  return db.select().from(workingGroup).where(eq(workingGroup.networkId, networkId)).orderBy(asc(workingGroup.name));
}

export interface MeetingInput {
  networkId: string;
  title: string;
  heldOn: string;
  agenda: string;
  workingGroupId: string;
}

export async function scheduleMeeting(db: Db, actor: Actor | null, input: MeetingInput): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const net = await findNetworkById(db, input.networkId);
  if (!net) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.network.coordinate', { networkId: net.id, territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) fields.title = 'agreement.meeting.errors.titleRequired';
  else if (title.length > 200) fields.title = 'platform.validation.tooLong';
  const heldOn = /^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) ? new Date(`${input.heldOn}T00:00:00Z`) : null;
  if (!heldOn || Number.isNaN(heldOn.getTime())) fields.heldOn = 'agreement.meeting.errors.date';
  if (!input.agenda.trim()) fields.agenda = 'agreement.meeting.errors.agendaRequired';
  else if (input.agenda.length > 10_000) fields.agenda = 'platform.validation.tooLong';
  let groupId: string | null = null;
  if (input.workingGroupId) {
    const groups = await workingGroups(db, net.id);
    if (!groups.some((g) => g.id === input.workingGroupId)) fields.workingGroupId = 'platform.validation.invalid';
    else groupId = input.workingGroupId;
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const territory = await findTerritoryById(db, net.territoryId);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meeting)
      .values({ networkId: net.id, workingGroupId: groupId, title, heldOn: heldOn!, agenda: input.agenda.trim(), createdByName: actor!.displayName, createdBy: actor!.personId })
      .returning({ id: meeting.id });
    // Public news of the network: its followers are told.
    if (territory) await publish(tx, 'agreement.meeting.scheduled', { territoryId: net.territoryId, territorySlug: territory.slug, networkId: net.id, networkName: net.name, networkSlug: net.slug, title, heldOn: input.heldOn });
    return { ok: true as const, value: row! };
  });
}

/** Minutes of a meeting and the decisions taken there, one per line: they are listed on the network's page. */
export async function recordMinutes(
  db: Db,
  actor: Actor | null,
  input: { networkId: string; meetingId: string; minutes: string; decisions: string },
): Promise<Outcome<{ decisions: number }, 'not-found' | 'invalid'>> {
  const net = await findNetworkById(db, input.networkId);
  if (!net) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'agreement.network.coordinate', { networkId: net.id, territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!isUuid(input.meetingId)) return { ok: false, error: 'not-found' };
  const [found] = await db.select().from(meeting).where(and(eq(meeting.id, input.meetingId), eq(meeting.networkId, net.id)));
  if (!found) return { ok: false, error: 'not-found' };
  const minutes = input.minutes.trim();
  if (!minutes) return { ok: false, error: 'invalid', fields: { minutes: 'agreement.meeting.errors.minutesRequired' } };
  if (minutes.length > 20_000 || input.decisions.length > 10_000) return { ok: false, error: 'invalid', fields: { minutes: 'platform.validation.tooLong' } };
  const decisions = input.decisions
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  await db.transaction(async (tx) => {
    await tx.update(meeting).set({ minutes }).where(eq(meeting.id, found.id));
    await tx.delete(meetingDecision).where(eq(meetingDecision.meetingId, found.id));
    if (decisions.length > 0) await tx.insert(meetingDecision).values(decisions.map((text) => ({ meetingId: found.id, networkId: net.id, text })));
  });
  return { ok: true, value: { decisions: decisions.length } };
}

export async function meetings(db: Db, networkId: string): Promise<(Meeting & { decisions: MeetingDecision[] })[]> {
  const rows = await db.select().from(meeting).where(eq(meeting.networkId, networkId)).orderBy(desc(meeting.heldOn));
  const decisions = await db.select().from(meetingDecision).where(eq(meetingDecision.networkId, networkId)).orderBy(asc(meetingDecision.recordedAt));
  return rows.map((m) => ({ ...m, decisions: decisions.filter((d) => d.meetingId === m.id) }));
}

/** What a coordinator sees: requests waiting for an answer. */
/** Requests waiting for the network's coordinators: those of this network, or of every network in their territory. */
export async function coordinationQueue(db: Db, actor: Actor | null, net: { id: string; territoryId: string }): Promise<Outcome<NetworkMemberRow[]>> {
  const allowed = requirePermission(actor, 'agreement.network.coordinate', { networkId: net.id, territoryId: net.territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  return { ok: true, value: await networkMembers(db, net.id, 'requested') };
}

/** A person's part of the action networks: the meetings they called (agenda and minutes stay the network's; their name goes). */
export const networkPersonalData: PersonalDataProvider = {
  context: 'networks',
  async export(db, personId) {
    const [meetings, created, requests, decisions] = await Promise.all([
      db
        .select({ networkId: meeting.networkId, title: meeting.title, heldOn: meeting.heldOn, agenda: meeting.agenda, minutes: meeting.minutes })
        .from(meeting)
        .where(eq(meeting.createdBy, personId)),
      db.select({ id: network.id, slug: network.slug, name: network.name, createdAt: network.createdAt }).from(network).where(eq(network.createdBy, personId)),
      db
        .select({ networkId: networkMember.networkId, organisationId: networkMember.organisationId, departmentName: networkMember.departmentName, message: networkMember.message, requestedAt: networkMember.requestedAt, status: networkMember.status })
        .from(networkMember)
        .where(eq(networkMember.requestedBy, personId)),
      db.select({ networkId: networkMember.networkId, organisationId: networkMember.organisationId, status: networkMember.status, reason: networkMember.reason, decidedAt: networkMember.decidedAt }).from(networkMember).where(eq(networkMember.decidedBy, personId)),
    ]);
    return { meetingsCalled: meetings, networksCreated: created, membershipRequests: requests, membershipDecisions: decisions };
  },
  // What they wrote stays (agendas, messages, reasons); their name goes, shown as a deleted account.
  async erase(tx, personId) {
    await tx.update(meeting).set({ createdByName: '', createdBy: null }).where(eq(meeting.createdBy, personId));
    await tx.update(network).set({ createdByName: '', createdBy: null }).where(eq(network.createdBy, personId));
    await tx.update(networkMember).set({ requestedByName: '', requestedBy: null }).where(eq(networkMember.requestedBy, personId));
    await tx.update(networkMember).set({ decidedByName: '', decidedBy: null }).where(eq(networkMember.decidedBy, personId));
  },
};
