// Fieldwork: an auditor's assigned visits, filled one section at a time; every step is saved as a draft
// (also with errors, so nothing typed is lost), evidence is uploaded without metadata, submit when complete.
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { answer, evidence, visit } from '../audit.schema.ts';
import { findFacility, findService, type Facility, type Service } from '../../catalogue/catalogue.service.ts';
import { cleanEvidence } from './evidence.ts';
import { isShown, missingRequired, readAnswer, type Answers, type InstrumentDefinition } from '../instruments/instrument.ts';
import { versionOf } from '../instruments/instrument.service.ts';
import { auditorOfPerson } from '../network/network.service.ts';
import type { Visit } from '../campaigns/campaign.service.ts';

export interface VisitSheet {
  visit: Visit;
  service: Service;
  facility: Facility;
  definition: InstrumentDefinition;
  instrumentVersion: number;
  answers: Answers;
  files: { id: string; itemName: string; mediaType: string; size: number }[];
}

/** The visits assigned to the signed-in auditor in this territory. */
export async function myVisits(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<(Visit & { facilityName: string; sections: number })[], 'not-an-auditor'>> {
  const permission = requirePermission(actor, 'audits.fieldwork.fill', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const me = await auditorOfPerson(db, territoryId, actor!.personId);
  if (!me) return { ok: false, error: 'not-an-auditor' };
  const rows = await db.select().from(visit).where(and(eq(visit.territoryId, territoryId), eq(visit.auditorId, me.id))).orderBy(asc(visit.scheduledOn));
  const names = new Map<string, string>();
  const sections = new Map<string, number>();
  for (const r of rows) {
    if (!names.has(r.facilityId)) names.set(r.facilityId, (await findFacility(db, territoryId, r.facilityId))?.name ?? '');
    // How many parts each visit has: the desk lists every part's address for offline use.
    if (!sections.has(r.instrumentVersionId)) sections.set(r.instrumentVersionId, (await versionOf(db, territoryId, r.instrumentVersionId))?.definition.sections.length ?? 0);
  }
  return { ok: true, value: rows.map((r) => ({ ...r, facilityName: names.get(r.facilityId) ?? '', sections: sections.get(r.instrumentVersionId) ?? 0 })) };
}

/** A visit of this auditor, or not-found (never saying whether someone else's exists). */
async function ownVisit(db: Db, actor: Actor | null, territoryId: string, visitId: string): Promise<Outcome<Visit, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.fieldwork.fill', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!/^[0-9a-f-]{36}$/.test(visitId)) return { ok: false, error: 'not-found' };
  const me = await auditorOfPerson(db, territoryId, actor!.personId);
  const [row] = me ? await db.select().from(visit).where(and(eq(visit.id, visitId), eq(visit.territoryId, territoryId), eq(visit.auditorId, me.id))) : [];
  return row ? { ok: true, value: row } : { ok: false, error: 'not-found' };
}

export async function answersOf(db: Db, visitId: string): Promise<Answers> {
  const rows = await db.select().from(answer).where(eq(answer.visitId, visitId));
  return Object.fromEntries(rows.map((r) => [r.itemName, r.value]));
}

async function sheetOf(db: Db, row: Visit): Promise<VisitSheet> {
  // One query after another: saving a section reads the sheet inside its transaction (one connection).
  const version = await versionOf(db, row.territoryId, row.instrumentVersionId);
  const service = await findService(db, row.territoryId, row.serviceId);
  const facility = await findFacility(db, row.territoryId, row.facilityId);
  const answers = await answersOf(db, row.id);
  const files = await db
    .select({ id: evidence.id, itemName: evidence.itemName, mediaType: evidence.mediaType, size: evidence.size })
    .from(evidence)
    .where(eq(evidence.visitId, row.id))
    .orderBy(asc(evidence.createdAt));
  return { visit: row, service: service!, facility: facility!, definition: version!.definition, instrumentVersion: version!.version, answers, files };
}

export async function visitSheet(db: Db, actor: Actor | null, territoryId: string, visitId: string): Promise<Outcome<VisitSheet, 'not-found'>> {
  const own = await ownVisit(db, actor, territoryId, visitId);
  if (!own.ok) return own;
  return { ok: true, value: await sheetOf(db, own.value) };
}

/**
 * Saves one section. Every answer is stored as typed, valid or not, so that nothing is lost; the
 * result says which fields still have a problem. A submitted visit no longer changes.
 */
export async function saveSection(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; visitId: string; section: number; body: Record<string, unknown>; lang?: string },
): Promise<Outcome<VisitSheet, 'not-found' | 'submitted' | 'invalid'> & { sheet?: VisitSheet }> {
  const own = await ownVisit(db, actor, input.territoryId, input.visitId);
  if (!own.ok) return own;
  if (own.value.status === 'submitted') return { ok: false, error: 'submitted' };
  const version = await versionOf(db, input.territoryId, own.value.instrumentVersionId);
  const section = version!.definition.sections[input.section];
  if (!section) return { ok: false, error: 'not-found' };
  return db.transaction(async (tx) => {
    const answers = await answersOf(tx, own.value.id);
    const fields: Record<string, string> = {};
    for (const item of section.items) {
      // An unticked radio or checkbox sends nothing: that is an empty answer, checked like any other.
      const { answer: value, error } = readAnswer(item, input.body[item.name], input.body[`${item.name}__reason`]);
      // Typed words keep the language of the page they were typed on; choices and numbers have none.
      const typed = (item.type === 'text' && value.value !== null) || Boolean(value.reason);
      answers[item.name] = { ...answers[item.name], ...value, lang: typed ? input.lang : undefined, files: answers[item.name]?.files };
      await tx
        .insert(answer)
        .values({ visitId: own.value.id, itemName: item.name, instrumentVersionId: own.value.instrumentVersionId, value: answers[item.name]! })
        .onConflictDoUpdate({ target: [answer.visitId, answer.itemName], set: { value: answers[item.name]!, updatedAt: new Date() } });
      if (error && isShown(item, answers)) fields[item.name] = error;
    }
    // Answers of items that skip logic now hides are kept (the auditor may go back), but never required.
    for (const item of section.items) if (fields[item.name] && !isShown(item, answers)) delete fields[item.name];
    if (own.value.status === 'scheduled') await tx.update(visit).set({ status: 'draft' }).where(eq(visit.id, own.value.id));
    const sheet = await sheetOf(tx, { ...own.value, status: 'draft' });
    if (Object.keys(fields).length > 0) return { ok: false as const, error: 'invalid' as const, fields, sheet };
    return { ok: true as const, value: sheet };
  });
}

export async function addEvidence(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; visitId: string; itemName: string; content: Buffer; mediaType: string },
): Promise<Outcome<{ id: string }, 'not-found' | 'submitted' | 'type' | 'size' | 'unreadable'>> {
  const own = await ownVisit(db, actor, input.territoryId, input.visitId);
  if (!own.ok) return own;
  if (own.value.status === 'submitted') return { ok: false, error: 'submitted' };
  const version = await versionOf(db, input.territoryId, own.value.instrumentVersionId);
  const item = version!.definition.sections.flatMap((s) => s.items).find((i) => i.name === input.itemName && (i.type === 'photo' || i.type === 'document'));
  if (!item) return { ok: false, error: 'not-found' };
  const cleaned = await cleanEvidence(input.content, input.mediaType);
  if (!cleaned.ok) return { ok: false, error: cleaned.error, fields: { [item.name]: `audits.fieldwork.errors.file.${cleaned.error}` } };
  if (item.type === 'photo' && !cleaned.mediaType.startsWith('image/')) return { ok: false, error: 'type', fields: { [item.name]: 'audits.fieldwork.errors.file.type' } };
  return db.transaction(async (tx) => {
    const [file] = await tx.insert(evidence).values({ visitId: own.value.id, itemName: item.name, mediaType: cleaned.mediaType, size: cleaned.content.length, content: cleaned.content }).returning({ id: evidence.id });
    const answers = await answersOf(tx, own.value.id);
    const value = { value: answers[item.name]?.value ?? null, files: [...(answers[item.name]?.files ?? []), file!.id] };
    await tx
      .insert(answer)
      .values({ visitId: own.value.id, itemName: item.name, instrumentVersionId: own.value.instrumentVersionId, value })
      .onConflictDoUpdate({ target: [answer.visitId, answer.itemName], set: { value, updatedAt: new Date() } });
    if (own.value.status === 'scheduled') await tx.update(visit).set({ status: 'draft' }).where(eq(visit.id, own.value.id));
    return { ok: true as const, value: { id: file!.id } };
  });
}

/** An evidence file, for the auditor who sent it or a coordinator of the territory. */
export async function evidenceFile(db: Db, actor: Actor | null, territoryId: string, fileId: string): Promise<Outcome<{ mediaType: string; content: Buffer }, 'not-found'>> {
  if (!/^[0-9a-f-]{36}$/.test(fileId)) return { ok: false, error: 'not-found' };
  const [row] = await db
    .select({ mediaType: evidence.mediaType, content: evidence.content, visitId: evidence.visitId })
    .from(evidence)
    .innerJoin(visit, eq(visit.id, evidence.visitId))
    .where(and(eq(evidence.id, fileId), eq(visit.territoryId, territoryId)));
  if (!row) return { ok: false, error: 'not-found' };
  const coordinator = requirePermission(actor, 'audits.finding.manage', { territoryId });
  if (!coordinator.ok) {
    const own = await ownVisit(db, actor, territoryId, row.visitId);
    if (!own.ok) return own;
  }
  return { ok: true, value: { mediaType: row.mediaType, content: row.content } };
}

/** Submits a complete visit; required answers that are shown and still empty keep it open. */
export async function submitVisit(db: Db, actor: Actor | null, input: { territoryId: string; visitId: string }): Promise<Outcome<Visit, 'not-found' | 'submitted' | 'incomplete'> & { missing?: string[] }> {
  const own = await ownVisit(db, actor, input.territoryId, input.visitId);
  if (!own.ok) return own;
  if (own.value.status === 'submitted') return { ok: false, error: 'submitted' };
  const version = await versionOf(db, input.territoryId, own.value.instrumentVersionId);
  const missing = missingRequired(version!.definition, await answersOf(db, own.value.id));
  if (missing.length > 0) return { ok: false, error: 'incomplete', missing: missing.map((m) => m.name), fields: Object.fromEntries(missing.map((m) => [m.name, 'audits.fieldwork.errors.required'])) };
  const [row] = await db.update(visit).set({ status: 'submitted', submittedAt: new Date() }).where(eq(visit.id, own.value.id)).returning();
  return { ok: true, value: row! };
}

/** Submitted visits with their answers, for coordinators turning answers into findings. */
export async function submittedVisits(db: Db, actor: Actor | null, territoryId: string, campaignId: string): Promise<Outcome<VisitSheet[]>> {
  const permission = requirePermission(actor, 'audits.finding.manage', { territoryId, campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const rows = await db.select().from(visit).where(and(eq(visit.territoryId, territoryId), eq(visit.campaignId, campaignId), eq(visit.status, 'submitted')));
  return { ok: true, value: await Promise.all(rows.map((r) => sheetOf(db, r))) };
}

export async function visitsById(db: Db, territoryId: string, ids: string[]): Promise<Visit[]> {
  return ids.length ? db.select().from(visit).where(and(eq(visit.territoryId, territoryId), inArray(visit.id, ids))) : [];
}

/** A submitted visit with its answers, for a coordinator proposing findings from it (no auditor data). */
export async function visitForReview(db: Db, actor: Actor | null, territoryId: string, visitId: string): Promise<Outcome<VisitSheet, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.finding.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (!/^[0-9a-f-]{36}$/.test(visitId)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(visit).where(and(eq(visit.id, visitId), eq(visit.territoryId, territoryId), eq(visit.status, 'submitted')));
  return row ? { ok: true, value: await sheetOf(db, row) } : { ok: false, error: 'not-found' };
}

/** Submitted visits of a service after a day, for the plans' follow-up of a measure (no auditor data). */
export async function submittedVisitsAfter(db: Db, territoryId: string, serviceId: string, day: string): Promise<Pick<Visit, 'id' | 'facilityId' | 'scheduledOn'>[]> {
  return db
    .select({ id: visit.id, facilityId: visit.facilityId, scheduledOn: visit.scheduledOn })
    .from(visit)
    .where(and(eq(visit.territoryId, territoryId), eq(visit.serviceId, serviceId), eq(visit.status, 'submitted'), gt(visit.scheduledOn, day)))
    .orderBy(asc(visit.scheduledOn));
}
