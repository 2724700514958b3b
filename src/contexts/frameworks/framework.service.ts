// Frameworks for joint action: drafted by a network's coordinators, put to consultation (members comment and
// propose amendments, see consultation.service.ts), and agreed. A version is edited only while it is a draft;
// after that it is a fixed snapshot, and the next version starts from it with the accepted amendments applied.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { locales } from '../../platform/i18n/locales.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { dayIn, isCalendarDay } from '../../platform/periods.ts';
import { findNetworkById, networkMembers } from '../agreement/networks/network.service.ts';
import { isUuid } from '../agreement/organisations/organisation.service.ts';
import { framework, frameworkAmendment, frameworkEndorsement, frameworkParagraph, frameworkSection, frameworkVersion } from './frameworks.schema.ts';
import { keyed, parseDocument, type KeyedSection } from './document.ts';

export type Framework = typeof framework.$inferSelect;
export type FrameworkVersion = typeof frameworkVersion.$inferSelect;
export type Paragraph = typeof frameworkParagraph.$inferSelect;

export interface SectionWithParagraphs {
  id: string;
  key: string;
  heading: string;
  paragraphs: Paragraph[];
}

/** What the person may do in this framework's network. */
export interface Standing {
  coordinator: boolean;
  /** Member organisations of the network the person comments and proposes for. */
  contributeFor: { id: string; name: string }[];
  /** Member organisations the person may endorse for (their admins). */
  endorseFor: { id: string; name: string }[];
}

export const noStanding: Standing = { coordinator: false, contributeFor: [], endorseFor: [] };
export const takesPart = (s: Standing) => s.coordinator || s.contributeFor.length > 0;

export function mayCoordinate(actor: Actor | null, f: Pick<Framework, 'territoryId' | 'networkId'>): boolean {
  return requirePermission(actor, 'frameworks.framework.coordinate', { territoryId: f.territoryId, networkId: f.networkId }).ok;
}

/** The person's standing in a network: coordinator, and the member organisations they act for. */
export async function standingIn(db: Db, actor: Actor | null, f: Pick<Framework, 'territoryId' | 'networkId'>): Promise<Standing> {
  if (!actor) return noStanding;
  const coordinator = mayCoordinate(actor, f);
  const orgGrants = actor.grants.filter((g) => g.scope.kind === 'organisation' && g.scope.id && (g.role === 'organisation-admin' || g.role === 'organisation-member'));
  if (orgGrants.length === 0) return { coordinator, contributeFor: [], endorseFor: [] };
  const members = (await networkMembers(db, f.networkId, 'member')).filter((m) => m.organisationId);
  const named = (ids: Set<string>) => members.filter((m) => ids.has(m.organisationId!)).map((m) => ({ id: m.organisationId!, name: m.organisationName ?? '' }));
  const contribute = new Set(orgGrants.filter((g) => requirePermission(actor, 'frameworks.framework.contribute', { organisationId: g.scope.id }).ok).map((g) => g.scope.id!));
  const endorse = new Set(orgGrants.filter((g) => requirePermission(actor, 'frameworks.framework.endorse', { organisationId: g.scope.id }).ok).map((g) => g.scope.id!));
  return { coordinator, contributeFor: named(contribute), endorseFor: named(endorse) };
}

async function versionsOf(db: Db, frameworkIds: string[]): Promise<FrameworkVersion[]> {
  if (frameworkIds.length === 0) return [];
  return db.select().from(frameworkVersion).where(inArray(frameworkVersion.frameworkId, frameworkIds)).orderBy(asc(frameworkVersion.number));
}

/** Drafts are read only by the network's coordinators and its members' people. */
const visibleTo = (standing: Standing) => (v: FrameworkVersion) => v.status !== 'draft' || takesPart(standing);

export interface FrameworkSummary {
  framework: Framework;
  /** The last version the person may read. */
  latest: FrameworkVersion;
  /** The version in force: the last agreed one. */
  agreed: FrameworkVersion | null;
  endorsements: number;
}

export async function listFrameworks(db: Db, actor: Actor | null, territoryId: string): Promise<FrameworkSummary[]> {
  const rows = await db.select().from(framework).where(eq(framework.territoryId, territoryId)).orderBy(desc(framework.createdAt));
  const versions = await versionsOf(db, rows.map((f) => f.id));
  const agreedIds = versions.filter((v) => v.status === 'agreed').map((v) => v.id);
  const endorsements = agreedIds.length ? await db.select({ versionId: frameworkEndorsement.versionId }).from(frameworkEndorsement).where(and(inArray(frameworkEndorsement.versionId, agreedIds), isNull(frameworkEndorsement.withdrawnAt))) : [];
  const result: FrameworkSummary[] = [];
  for (const f of rows) {
    const standing = actor ? await standingIn(db, actor, f) : noStanding;
    const mine = versions.filter((v) => v.frameworkId === f.id).filter(visibleTo(standing));
    const latest = mine.at(-1);
    if (!latest) continue;
    const agreed = mine.filter((v) => v.status === 'agreed').at(-1) ?? null;
    result.push({ framework: f, latest, agreed, endorsements: agreed ? endorsements.filter((e) => e.versionId === agreed.id).length : 0 });
  }
  return result;
}

export interface FrameworkDetail {
  framework: Framework;
  /** The versions the person may read, oldest first. */
  versions: FrameworkVersion[];
  standing: Standing;
}

export async function frameworkDetail(db: Db, actor: Actor | null, id: string): Promise<FrameworkDetail | null> {
  if (!isUuid(id)) return null;
  const [f] = await db.select().from(framework).where(eq(framework.id, id));
  if (!f) return null;
  const standing = await standingIn(db, actor, f);
  const versions = (await versionsOf(db, [f.id])).filter(visibleTo(standing));
  if (versions.length === 0) return null;
  return { framework: f, versions, standing };
}

export async function versionText(db: Db, versionId: string): Promise<SectionWithParagraphs[]> {
  const [sections, paragraphs] = await Promise.all([
    db.select().from(frameworkSection).where(eq(frameworkSection.versionId, versionId)).orderBy(asc(frameworkSection.position)),
    db.select().from(frameworkParagraph).where(eq(frameworkParagraph.versionId, versionId)).orderBy(asc(frameworkParagraph.position)),
  ]);
  return sections.map((s) => ({ id: s.id, key: s.key, heading: s.heading, paragraphs: paragraphs.filter((p) => p.sectionId === s.id) }));
}

export const asKeyed = (sections: SectionWithParagraphs[]): KeyedSection[] => sections.map((s) => ({ key: s.key, heading: s.heading, paragraphs: s.paragraphs.map((p) => ({ key: p.key, body: p.body })) }));

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function writeText(tx: Tx | Db, versionId: string, sections: KeyedSection[]): Promise<void> {
  await tx.delete(frameworkSection).where(eq(frameworkSection.versionId, versionId));
  for (const [i, s] of sections.entries()) {
    const [row] = await tx.insert(frameworkSection).values({ versionId, key: s.key, position: i + 1, heading: s.heading }).returning({ id: frameworkSection.id });
    if (s.paragraphs.length) await tx.insert(frameworkParagraph).values(s.paragraphs.map((p, j) => ({ versionId, sectionId: row!.id, key: p.key, position: j + 1, body: p.body })));
  }
}

export interface DraftInput {
  title: string;
  summary: string;
  text: string;
}

function checkDraft(input: DraftInput): { fields: Record<string, string>; parsed: ReturnType<typeof parseDocument> } {
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'frameworks.errors.titleRequired';
  else if (input.title.trim().length > 300) fields.title = 'frameworks.errors.tooLong';
  if (!input.summary.trim()) fields.summary = 'frameworks.errors.summaryRequired';
  else if (input.summary.length > 3000) fields.summary = 'frameworks.errors.tooLong';
  const parsed = parseDocument(input.text);
  if (!parsed.ok) fields.text = parsed.error;
  return { fields, parsed };
}

const clean = (s: string) => s.replace(/\0/g, '');

export async function createFramework(db: Db, actor: Actor | null, territoryId: string, input: DraftInput & { networkId: string; locale: string }, now = new Date()): Promise<Outcome<{ id: string }, 'invalid'>> {
  const net = isUuid(input.networkId) ? await findNetworkById(db, input.networkId) : null;
  const networkId = net && net.territoryId === territoryId ? net.id : null;
  const values = { ...input, title: clean(input.title), summary: clean(input.summary), text: clean(input.text) };
  const { fields, parsed } = checkDraft(values);
  if (!networkId) {
    if (!actor) return { ok: false, error: 'signed-out' };
    return { ok: false, error: 'invalid', fields: { networkId: 'frameworks.errors.networkRequired', ...fields } };
  }
  const allowed = requirePermission(actor, 'frameworks.framework.coordinate', { territoryId, networkId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (!(locales as readonly string[]).includes(input.locale)) fields.locale = 'frameworks.errors.invalid';
  if (Object.keys(fields).length > 0 || !parsed.ok) return { ok: false, error: 'invalid', fields };
  const id = await db.transaction(async (tx) => {
    const [f] = await tx.insert(framework).values({ territoryId, networkId, locale: input.locale, createdBy: actor!.personId, createdByName: actor!.displayName, createdAt: now }).returning({ id: framework.id });
    const [v] = await tx.insert(frameworkVersion).values({ frameworkId: f!.id, number: 1, title: values.title.trim(), summary: values.summary.trim(), createdBy: actor!.personId, createdByName: actor!.displayName, createdAt: now }).returning({ id: frameworkVersion.id });
    await writeText(tx, v!.id, keyed(parsed.sections, [], randomUUID));
    return f!.id;
  });
  return { ok: true, value: { id } };
}

/** The framework's last version, for a coordinator: other people get not-found for drafts and a denial otherwise. */
async function coordinated(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number): Promise<Outcome<{ f: Framework; v: FrameworkVersion; last: boolean }, 'not-found'>> {
  if (!isUuid(frameworkId) || !Number.isSafeInteger(versionNumber)) return { ok: false, error: 'not-found' };
  const [f] = await db.select().from(framework).where(eq(framework.id, frameworkId));
  if (!f) return { ok: false, error: 'not-found' };
  const versions = await versionsOf(db, [f.id]);
  const v = versions.find((x) => x.number === versionNumber);
  if (!v) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'frameworks.framework.coordinate', { territoryId: f.territoryId, networkId: f.networkId });
  if (!allowed.ok) {
    const standing = await standingIn(db, actor, f);
    return v.status === 'draft' && !takesPart(standing) ? { ok: false, error: 'not-found' } : { ok: false, error: allowed.reason };
  }
  return { ok: true, value: { f, v, last: versions.at(-1)!.id === v.id } };
}

export async function saveDraft(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, input: DraftInput): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await coordinated(db, actor, frameworkId, versionNumber);
  if (!found.ok) return found;
  const values = { title: clean(input.title), summary: clean(input.summary), text: clean(input.text) };
  const { fields, parsed } = checkDraft(values);
  if (found.value.v.status !== 'draft') fields.text = 'frameworks.errors.notDraft';
  if (Object.keys(fields).length > 0 || !parsed.ok) return { ok: false, error: 'invalid', fields };
  const before = asKeyed(await versionText(db, found.value.v.id));
  await db.transaction(async (tx) => {
    await tx.update(frameworkVersion).set({ title: values.title.trim(), summary: values.summary.trim() }).where(eq(frameworkVersion.id, found.value.v.id));
    await writeText(tx, found.value.v.id, keyed(parsed.sections, before, randomUUID));
  });
  return { ok: true, value: null };
}

/** Closing days are calendar days where the platform's pages date things (a day ends at midnight there). */
export const consultationTimeZone = 'Europe/Madrid';

/** A consultation with a closing day takes comments and amendments until that day is over; deciding and agreeing go on. */
export function consultationEnded(v: Pick<FrameworkVersion, 'status' | 'consultationClosesOn'>, now = new Date()): boolean {
  return v.status === 'consultation' && v.consultationClosesOn !== null && dayIn(now, consultationTimeZone) > v.consultationClosesOn;
}

/** Opens a draft for comments and amendments, until an optional closing day (YYYY-MM-DD, today or later). */
export async function openConsultation(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, input: { closesOn?: string } = {}, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await coordinated(db, actor, frameworkId, versionNumber);
  if (!found.ok) return found;
  if (found.value.v.status !== 'draft') return { ok: false, error: 'invalid', fields: { consultation: 'frameworks.errors.notDraft' } };
  const closesOn = (input.closesOn ?? '').trim();
  if (closesOn && !isCalendarDay(closesOn)) return { ok: false, error: 'invalid', fields: { closesOn: 'frameworks.errors.closesOnDate' } };
  if (closesOn && closesOn < dayIn(now, consultationTimeZone)) return { ok: false, error: 'invalid', fields: { closesOn: 'frameworks.errors.closesOnPast' } };
  await db.transaction(async (tx) => {
    await tx.update(frameworkVersion).set({ status: 'consultation', consultationOpenedAt: now, consultationClosesOn: closesOn || null }).where(eq(frameworkVersion.id, found.value.v.id));
    await logStep(tx, actor!, 'frameworks.version.consult', found.value.v.id, found.value.f.territoryId);
  });
  return { ok: true, value: null };
}

/** The text with each accepted amendment's replacement in place of its paragraph. */
async function amendedText(db: Db | Tx, versionId: string): Promise<KeyedSection[]> {
  const text = asKeyed(await versionText(db as Db, versionId));
  const accepted = await db.select().from(frameworkAmendment).where(and(eq(frameworkAmendment.versionId, versionId), eq(frameworkAmendment.status, 'accepted')));
  const byParagraph = new Map<string, string>();
  const paragraphs = await db.select({ id: frameworkParagraph.id, key: frameworkParagraph.key }).from(frameworkParagraph).where(eq(frameworkParagraph.versionId, versionId));
  for (const a of accepted) {
    const key = paragraphs.find((p) => p.id === a.paragraphId)?.key;
    if (key) byParagraph.set(key, a.replacement);
  }
  return text.map((s) => ({ ...s, paragraphs: s.paragraphs.map((p) => ({ key: p.key, body: byParagraph.get(p.key) ?? p.body })) }));
}

/** The coordinators' steps that change what a network has agreed go to the access log, like their decisions on amendments. */
async function logStep(tx: Tx, actor: Actor, action: string, versionId: string, territoryId: string): Promise<void> {
  await recordAccess(tx, { actorId: actor.personId, action, recordType: 'framework-version', recordId: versionId, territoryId });
}

async function pendingCount(db: Db, versionId: string): Promise<number> {
  return (await db.select({ id: frameworkAmendment.id }).from(frameworkAmendment).where(and(eq(frameworkAmendment.versionId, versionId), eq(frameworkAmendment.status, 'pending')))).length;
}

async function copyAsNext(tx: Tx, actor: Actor, from: FrameworkVersion, status: 'draft' | 'agreed', text: KeyedSection[], now: Date): Promise<number> {
  const number = from.number + 1;
  const [v] = await tx
    .insert(frameworkVersion)
    .values({ frameworkId: from.frameworkId, number, status, title: from.title, summary: from.summary, agreedAt: status === 'agreed' ? now : null, createdBy: actor.personId, createdByName: actor.displayName, createdAt: now })
    .returning({ id: frameworkVersion.id });
  await writeText(tx, v!.id, text);
  return number;
}

/**
 * Agrees the version in consultation once every amendment is decided. With accepted amendments the agreed text
 * is a new version (the consultation version stays as it was read); without, the version itself is agreed.
 * An earlier agreed version is then superseded: its endorsements stay on record and are closed.
 */
export async function agreeVersion(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, now = new Date()): Promise<Outcome<{ number: number }, 'not-found' | 'invalid'>> {
  const found = await coordinated(db, actor, frameworkId, versionNumber);
  if (!found.ok) return found;
  const { v, last } = found.value;
  if (v.status !== 'consultation' || !last) return { ok: false, error: 'invalid', fields: { agree: 'frameworks.errors.notConsultation' } };
  if ((await pendingCount(db, v.id)) > 0) return { ok: false, error: 'invalid', fields: { agree: 'frameworks.errors.pendingAmendments' } };
  const accepted = await db.select({ id: frameworkAmendment.id }).from(frameworkAmendment).where(and(eq(frameworkAmendment.versionId, v.id), eq(frameworkAmendment.status, 'accepted')));
  const text = await amendedText(db, v.id);
  const number = await db.transaction(async (tx) => {
    await logStep(tx, actor!, 'frameworks.version.agree', v.id, found.value.f.territoryId);
    await tx.update(frameworkVersion).set({ supersededAt: now }).where(and(eq(frameworkVersion.frameworkId, v.frameworkId), eq(frameworkVersion.status, 'agreed'), isNull(frameworkVersion.supersededAt)));
    if (accepted.length === 0) {
      await tx.update(frameworkVersion).set({ status: 'agreed', agreedAt: now }).where(eq(frameworkVersion.id, v.id));
      return v.number;
    }
    await tx.update(frameworkVersion).set({ supersededAt: now }).where(eq(frameworkVersion.id, v.id));
    return copyAsNext(tx, actor!, v, 'agreed', text, now);
  });
  return { ok: true, value: { number } };
}

/** Starts the next draft from the last version (with its accepted amendments applied, after a consultation). */
export async function startNextVersion(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, now = new Date()): Promise<Outcome<{ number: number }, 'not-found' | 'invalid'>> {
  const found = await coordinated(db, actor, frameworkId, versionNumber);
  if (!found.ok) return found;
  const { v, last } = found.value;
  if (!last || v.status === 'draft') return { ok: false, error: 'invalid', fields: { next: 'frameworks.errors.notLast' } };
  if (v.status === 'consultation' && (await pendingCount(db, v.id)) > 0) return { ok: false, error: 'invalid', fields: { next: 'frameworks.errors.pendingAmendments' } };
  const text = v.status === 'consultation' ? await amendedText(db, v.id) : asKeyed(await versionText(db, v.id));
  const number = await db.transaction(async (tx) => {
    await logStep(tx, actor!, 'frameworks.version.next', v.id, found.value.f.territoryId);
    // A consultation closes when the next draft starts; an agreed version stays in force until the next is agreed.
    if (v.status === 'consultation') await tx.update(frameworkVersion).set({ supersededAt: now }).where(eq(frameworkVersion.id, v.id));
    return copyAsNext(tx, actor!, v, 'draft', text, now);
  });
  return { ok: true, value: { number } };
}

/** Frameworks of the territory whose last version, in consultation, has amendments waiting for a decision. */
export async function pendingDecisions(db: Db, actor: Actor, territoryId: string): Promise<{ framework: Framework; version: FrameworkVersion; pending: number }[]> {
  const rows = (await db.select().from(framework).where(eq(framework.territoryId, territoryId))).filter((f) => mayCoordinate(actor, f));
  const result = [];
  for (const f of rows) {
    const v = (await versionsOf(db, [f.id])).at(-1);
    if (!v || v.status !== 'consultation') continue;
    const pending = await pendingCount(db, v.id);
    if (pending > 0) result.push({ framework: f, version: v, pending });
  }
  return result;
}
