// Events and meetings: scheduling, registration with a capacity and a waiting list (a cancellation gives the
// place to the first person waiting), registration codes checked at the door, attendance and minutes.
import { randomInt } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { coproductionEvent, eventRegistration, type RegistrationStatus } from '../coproduction.schema.ts';
import { localInstant } from '../coproduction.settings.ts';
import { findNetworkById } from '../../agreement/networks/network.service.ts';
import { isUuid } from '../../agreement/organisations/organisation.service.ts';
import { findTerritoryById, relatedTerritories } from '../../territories/territory.service.ts';

export type CoproductionEvent = typeof coproductionEvent.$inferSelect;
export type EventRegistration = typeof eventRegistration.$inferSelect;

export interface EventSummary extends CoproductionEvent {
  registered: number;
  waiting: number;
  attended: number;
}

const counts = {
  registered: sql<number>`(select count(*)::int from coproduction_event_registration r where r.event_id = "coproduction_event"."id" and r.status = 'registered')`,
  waiting: sql<number>`(select count(*)::int from coproduction_event_registration r where r.event_id = "coproduction_event"."id" and r.status = 'waiting')`,
  attended: sql<number>`(select count(*)::int from coproduction_event_registration r where r.event_id = "coproduction_event"."id" and r.attended)`,
};

export interface EventFilters {
  networkId?: string | null;
  when?: 'upcoming' | 'past' | 'all';
  /** In a forum, only the events held in this member municipality; null (a municipality the forum does not have) finds none. */
  municipalityId?: string | null;
}

export async function listEvents(db: Db, territoryId: string, filters: EventFilters = {}, now = new Date()): Promise<EventSummary[]> {
  const conditions = [eq(coproductionEvent.territoryId, territoryId)];
  if (filters.networkId) conditions.push(eq(coproductionEvent.networkId, filters.networkId));
  if (filters.municipalityId !== undefined) {
    if (filters.municipalityId === null || !isUuid(filters.municipalityId)) return [];
    conditions.push(eq(coproductionEvent.municipalityId, filters.municipalityId));
  }
  if (filters.when === 'upcoming') conditions.push(gte(coproductionEvent.endsAt, now));
  if (filters.when === 'past') conditions.push(lt(coproductionEvent.endsAt, now));
  return db
    .select({ ...tableColumns(), ...counts })
    .from(coproductionEvent)
    .where(and(...conditions))
    .orderBy(filters.when === 'past' ? desc(coproductionEvent.startsAt) : asc(coproductionEvent.startsAt));
}

function tableColumns() {
  const { id, territoryId, networkId, title, description, startsAt, endsAt, place, onlineUrl, municipalityId, capacity, minutes, minutesAt, createdBy, createdByName, createdAt } = coproductionEvent;
  return { id, territoryId, networkId, title, description, startsAt, endsAt, place, onlineUrl, municipalityId, capacity, minutes, minutesAt, createdBy, createdByName, createdAt };
}

export async function findEvent(db: Db, id: string): Promise<EventSummary | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select({ ...tableColumns(), ...counts }).from(coproductionEvent).where(eq(coproductionEvent.id, id));
  return row ?? null;
}

export interface EventInput {
  networkId: string;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  /** In a forum, the id of the member municipality where it is held; '' for online or across the forum. Ignored elsewhere. */
  municipalityId?: string;
}

/** Where an event of this territory is held: a member municipality of a forum, or null; undefined when the value is not one of the forum's. */
async function heldIn(db: Db, territoryId: string, municipalityId: string | undefined): Promise<string | null | undefined> {
  const territory = await findTerritoryById(db, territoryId);
  // Outside a forum there is nothing to choose: the value is ignored.
  if (!territory || territory.kind !== 'forum' || !municipalityId) return null;
  const members = await relatedTerritories(db, territory);
  return members.find((m) => m.id === municipalityId)?.id;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Checks an event's fields; errors are translation keys by field. */
export function validateEvent(input: EventInput): { fields: Record<string, string>; startsAt: Date | null; endsAt: Date | null; capacity: number } {
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) fields.title = 'coproduction.event.errors.titleRequired';
  else if (title.length > 200) fields.title = 'coproduction.errors.tooLong';
  if (!input.description.trim()) fields.description = 'coproduction.event.errors.descriptionRequired';
  else if (input.description.length > 10_000) fields.description = 'coproduction.errors.tooLong';
  const startsAt = localInstant(input.date, input.startTime);
  const endsAt = localInstant(input.date, input.endTime);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date) || !localInstant(input.date, '12:00')) fields.date = 'coproduction.event.errors.date';
  if (!startsAt) fields.startTime = 'coproduction.event.errors.time';
  if (!endsAt) fields.endTime = 'coproduction.event.errors.time';
  else if (startsAt && endsAt <= startsAt) fields.endTime = 'coproduction.event.errors.endBeforeStart';
  const place = input.place.trim();
  const online = input.onlineUrl.trim();
  if (place.length > 500) fields.place = 'coproduction.errors.tooLong';
  if (online && (!isWebAddress(online) || online.length > 500)) fields.onlineUrl = 'coproduction.event.errors.onlineUrl';
  if (!place && !online) fields.place = 'coproduction.event.errors.placeOrOnline';
  const capacity = /^\d{1,6}$/.test(input.capacity.trim()) ? Number(input.capacity.trim()) : NaN;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > 100_000) fields.capacity = 'coproduction.event.errors.capacity';
  return { fields, startsAt, endsAt, capacity };
}

export async function scheduleEvent(db: Db, actor: Actor | null, territoryId: string, input: EventInput): Promise<Outcome<{ id: string }, 'invalid'>> {
  const net = input.networkId ? await findNetworkById(db, input.networkId) : null;
  const networkId = net && net.territoryId === territoryId ? net.id : null;
  const allowed = requirePermission(actor, 'coproduction.event.organise', { territoryId, networkId });
  if (!allowed.ok) {
    // A coordinator of another network may still schedule for their own: say so beside the field.
    if (allowed.reason === 'forbidden' && actor && !input.networkId) return { ok: false, error: 'invalid', fields: { networkId: 'coproduction.event.errors.networkRequired' } };
    return { ok: false, error: allowed.reason };
  }
  const { fields, startsAt, endsAt, capacity } = validateEvent(input);
  if (input.networkId && !networkId) fields.networkId = 'coproduction.errors.invalid';
  const municipalityId = await heldIn(db, territoryId, input.municipalityId?.trim());
  if (municipalityId === undefined) fields.municipalityId = 'coproduction.event.errors.municipality';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db
    .insert(coproductionEvent)
    .values({
      territoryId,
      networkId,
      title: input.title.trim(),
      description: input.description.trim(),
      startsAt: startsAt!,
      endsAt: endsAt!,
      place: input.place.trim(),
      onlineUrl: input.onlineUrl.trim() || null,
      municipalityId: municipalityId ?? null,
      capacity,
      createdBy: actor!.personId,
      createdByName: actor!.displayName,
    })
    .returning({ id: coproductionEvent.id });
  return { ok: true, value: row! };
}

const codeAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function newCode(): string {
  return Array.from({ length: 8 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
}

/** The registration of the signed-in person, if they have one that is not cancelled. */
export async function registrationOf(db: Db, actor: Actor | null, eventId: string): Promise<EventRegistration | null> {
  if (!actor || !isUuid(eventId)) return null;
  const [row] = await db.select().from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.personId, actor.personId)));
  return row && row.status !== 'cancelled' ? row : null;
}

/** The person's place in the waiting list (1 is next), or null when they are not waiting. */
export async function waitingPosition(db: Db, registration: EventRegistration): Promise<number | null> {
  if (registration.status !== 'waiting') return null;
  const [row] = await db
    .select({ ahead: sql<number>`count(*)::int` })
    .from(eventRegistration)
    .where(and(eq(eventRegistration.eventId, registration.eventId), eq(eventRegistration.status, 'waiting'), sql`(${eventRegistration.requestedAt}, ${eventRegistration.id}) < (${registration.requestedAt}, ${registration.id})`));
  return (row?.ahead ?? 0) + 1;
}

/**
 * Asks for a place: a place while the event has room, else the end of the waiting list. The event's row is
 * locked for the count, so that two people asking at once never both get the last place.
 */
export async function register(db: Db, actor: Actor | null, eventId: string, now = new Date()): Promise<Outcome<{ status: RegistrationStatus; code: string }, 'not-found' | 'already' | 'closed'>> {
  const allowed = requirePermission(actor, 'coproduction.event.register');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!isUuid(eventId)) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(coproductionEvent).where(eq(coproductionEvent.id, eventId)).for('update');
    if (!event) return { ok: false, error: 'not-found' } as const;
    if (event.startsAt <= now) return { ok: false, error: 'closed' } as const;
    const [existing] = await tx.select().from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.personId, actor!.personId)));
    if (existing && existing.status !== 'cancelled') return { ok: false, error: 'already' } as const;
    const [taken] = await tx.select({ n: sql<number>`count(*)::int` }).from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.status, 'registered')));
    const status: RegistrationStatus = (taken?.n ?? 0) < event.capacity ? 'registered' : 'waiting';
    const values = { status, name: actor!.displayName, requestedAt: now, promotedAt: null, cancelledAt: null, attended: false, attendedAt: null };
    let code = existing?.code ?? '';
    if (existing) await tx.update(eventRegistration).set(values).where(eq(eventRegistration.id, existing.id));
    else {
      // Codes are unique in the event; a clash (one in 10^12) takes another.
      for (;;) {
        code = newCode();
        const [clash] = await tx.select({ id: eventRegistration.id }).from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.code, code)));
        if (!clash) break;
      }
      await tx.insert(eventRegistration).values({ eventId, personId: actor!.personId, code, ...values });
    }
    return { ok: true, value: { status, code } } as const;
  });
}

/** Cancels the person's place (or their wait); a freed place goes to the first person waiting. */
export async function cancelRegistration(db: Db, actor: Actor | null, eventId: string, now = new Date()): Promise<Outcome<{ promoted: boolean }, 'not-found'>> {
  const allowed = requirePermission(actor, 'coproduction.event.register');
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!isUuid(eventId)) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(coproductionEvent).where(eq(coproductionEvent.id, eventId)).for('update');
    if (!event) return { ok: false, error: 'not-found' } as const;
    const [mine] = await tx.select().from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.personId, actor!.personId)));
    if (!mine || mine.status === 'cancelled') return { ok: false, error: 'not-found' } as const;
    await tx.update(eventRegistration).set({ status: 'cancelled', cancelledAt: now }).where(eq(eventRegistration.id, mine.id));
    if (mine.status !== 'registered') return { ok: true, value: { promoted: false } } as const;
    const promoted = await promoteWaiting(tx, event, now);
    return { ok: true, value: { promoted } } as const;
  });
}

/** Gives free places to the people waiting, first come first served. */
async function promoteWaiting(tx: Db, event: CoproductionEvent, now: Date): Promise<boolean> {
  const [taken] = await tx.select({ n: sql<number>`count(*)::int` }).from(eventRegistration).where(and(eq(eventRegistration.eventId, event.id), eq(eventRegistration.status, 'registered')));
  const free = event.capacity - (taken?.n ?? 0);
  if (free <= 0) return false;
  const next = await tx
    .select({ id: eventRegistration.id })
    .from(eventRegistration)
    .where(and(eq(eventRegistration.eventId, event.id), eq(eventRegistration.status, 'waiting')))
    .orderBy(asc(eventRegistration.requestedAt), asc(eventRegistration.id))
    .limit(free);
  if (next.length === 0) return false;
  await tx
    .update(eventRegistration)
    .set({ status: 'registered', promotedAt: now })
    .where(inArray(eventRegistration.id, next.map((n) => n.id)));
  return true;
}

function organiseSubject(event: CoproductionEvent) {
  return { territoryId: event.territoryId, networkId: event.networkId };
}

/** Whether the actor organises this event (for links on its page). */
export function mayOrganise(actor: Actor | null, event: CoproductionEvent): boolean {
  return requirePermission(actor, 'coproduction.event.organise', organiseSubject(event)).ok;
}

/** Who registered and who waits: personal data, so every read is access-logged. */
export async function eventRegistrations(db: Db, actor: Actor | null, eventId: string): Promise<Outcome<EventRegistration[], 'not-found'>> {
  const event = await findEvent(db, eventId);
  if (!event) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.event.organise', organiseSubject(event));
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const rows = await db
    .select()
    .from(eventRegistration)
    .where(and(eq(eventRegistration.eventId, event.id), inArray(eventRegistration.status, ['registered', 'waiting'])))
    .orderBy(asc(eventRegistration.status), asc(eventRegistration.requestedAt), asc(eventRegistration.id));
  await recordAccess(db, { actorId: actor!.personId, action: 'coproduction.registrations.read', recordType: 'event', recordId: event.id, territoryId: event.territoryId });
  return { ok: true, value: rows };
}

/** Marks a registered person as present, by the code they show. */
export async function markAttendance(db: Db, actor: Actor | null, eventId: string, code: string, now = new Date()): Promise<Outcome<{ name: string }, 'not-found' | 'invalid'>> {
  const event = await findEvent(db, eventId);
  if (!event) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.event.organise', organiseSubject(event));
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const normalised = code.trim().toUpperCase().replace(/[\s-]/g, '');
  if (!normalised) return { ok: false, error: 'invalid', fields: { code: 'coproduction.event.errors.codeRequired' } };
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(eventRegistration).where(and(eq(eventRegistration.eventId, event.id), eq(eventRegistration.code, normalised)));
    if (!found || found.status !== 'registered') return { ok: false, error: 'invalid', fields: { code: found?.status === 'waiting' ? 'coproduction.event.errors.codeWaiting' : 'coproduction.event.errors.codeUnknown' } } as const;
    await tx.update(eventRegistration).set({ attended: true, attendedAt: now }).where(eq(eventRegistration.id, found.id));
    await recordAccess(tx, { actorId: actor!.personId, action: 'coproduction.attendance.mark', recordType: 'event-registration', recordId: found.id, territoryId: event.territoryId });
    return { ok: true, value: { name: found.name } } as const;
  });
}

export async function recordEventMinutes(db: Db, actor: Actor | null, eventId: string, minutes: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const event = await findEvent(db, eventId);
  if (!event) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.event.organise', organiseSubject(event));
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const text = minutes.trim();
  if (!text) return { ok: false, error: 'invalid', fields: { minutes: 'coproduction.event.errors.minutesRequired' } };
  if (text.length > 50_000) return { ok: false, error: 'invalid', fields: { minutes: 'coproduction.errors.tooLong' } };
  await db.update(coproductionEvent).set({ minutes: text, minutesAt: now }).where(eq(coproductionEvent.id, event.id));
  return { ok: true, value: null };
}

/** How many took part, for the event's page and open data (no names). */
export async function attendanceCount(db: Db, eventId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(eventRegistration).where(and(eq(eventRegistration.eventId, eventId), eq(eventRegistration.attended, true)));
  return row?.n ?? 0;
}
