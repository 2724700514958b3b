// The Citizens' Audit Network: enrolment (own or through an organisation), consent, training, acceptance,
// assignment to campaigns and load. Auditors' personal data is read only by coordinators, access-logged.
import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { logAuditorRead, type AccessLogger } from '../access-log.ts';
import { auditor, campaignAuditor, consentText, enrolmentDraft, trainingAttendance, trainingSession, visit } from '../audit.schema.ts';
import type { Translations } from '../../../platform/i18n/translations.ts';
import { nextUnanswered, readStep, type EnrolmentAnswers, type EnrolmentStep } from './enrolment.ts';
import { linkLifetimeDays, linkUrl, newLinkSecret, type MailDeps } from './application.service.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { findTerritoryById } from '../../territories/territory.service.ts';
import type { Locale } from '../../../platform/i18n/locales.ts';

export type Auditor = typeof auditor.$inferSelect;
export type TrainingSession = typeof trainingSession.$inferSelect;

export async function currentConsent(db: Db, territoryId: string): Promise<{ version: number; body: Translations } | null> {
  const [row] = await db.select().from(consentText).where(eq(consentText.territoryId, territoryId)).orderBy(desc(consentText.version)).limit(1);
  return row ? { version: row.version, body: row.body } : null;
}

export async function publishConsent(db: Db, actor: Actor | null, territoryId: string, body: Translations): Promise<Outcome<number>> {
  const permission = requirePermission(actor, 'audits.auditor.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const version = ((await currentConsent(db, territoryId))?.version ?? 0) + 1;
  await db.insert(consentText).values({ territoryId, version, body });
  return { ok: true, value: version };
}

// ---- Enrolment, anyone -------------------------------------------------------------------------

/** Drafts not touched for this long are deleted: they may hold a name and an e-mail address. */
const draftLifetimeDays = 7;

export async function enrolmentDraftOf(db: Db, territoryId: string, draftId: string | null): Promise<EnrolmentAnswers | null> {
  if (!draftId || !/^[0-9a-f-]{36}$/.test(draftId)) return null;
  const [row] = await db.select().from(enrolmentDraft).where(and(eq(enrolmentDraft.id, draftId), eq(enrolmentDraft.territoryId, territoryId)));
  return row?.answers ?? null;
}

/** Saves one step of the public enrolment; returns the draft id (new if there was none). */
export async function saveEnrolmentStep(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; draftId: string | null; step: EnrolmentStep; body: Record<string, unknown> },
): Promise<Outcome<{ draftId: string; answers: EnrolmentAnswers }, 'invalid' | 'no-consent-text'> & { values?: EnrolmentAnswers }> {
  const permission = requirePermission(actor, 'audits.enrolment.apply', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const consent = await currentConsent(db, input.territoryId);
  if (!consent) return { ok: false, error: 'no-consent-text' };
  const { values, errors } = readStep(input.step, input.body, consent.version);
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors, values };
  return db.transaction(async (tx) => {
    await tx.delete(enrolmentDraft).where(lt(enrolmentDraft.updatedAt, sql`now() - make_interval(days => ${draftLifetimeDays})`));
    const existing = await enrolmentDraftOf(tx, input.territoryId, input.draftId);
    const answers = { ...(existing ?? {}), ...values };
    if (existing) {
      await tx.update(enrolmentDraft).set({ answers, updatedAt: new Date() }).where(eq(enrolmentDraft.id, input.draftId!));
      return { ok: true as const, value: { draftId: input.draftId!, answers } };
    }
    const [row] = await tx.insert(enrolmentDraft).values({ territoryId: input.territoryId, answers }).returning({ id: enrolmentDraft.id });
    return { ok: true as const, value: { draftId: row!.id, answers } };
  });
}

/**
 * Sends the enrolment: the auditor is created as 'applied', the draft is deleted. Signed in, the application is
 * the account's at once; signed out, an email in the person's language carries the only copy of a secret link,
 * used once within 14 days, that ties it to the account they sign up or sign in with (application.service.ts).
 */
export async function submitEnrolment(
  db: Db,
  actor: Actor | null,
  input: { territoryId: string; draftId: string | null; locale: Locale; mail?: MailDeps },
): Promise<Outcome<{ codeName: string; email: string; linked: boolean }, 'incomplete' | 'no-consent-text' | 'already-enrolled' | 'not-found'> & { step?: EnrolmentStep }> {
  const permission = requirePermission(actor, 'audits.enrolment.apply', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const consent = await currentConsent(db, input.territoryId);
  if (!consent) return { ok: false, error: 'no-consent-text' };
  const answers = await enrolmentDraftOf(db, input.territoryId, input.draftId);
  const missing = answers ? nextUnanswered(answers, consent.version) : 'name';
  if (!answers || missing) return { ok: false, error: 'incomplete', step: missing ?? 'name' };
  const territory = await findTerritoryById(db, input.territoryId);
  if (!territory) return { ok: false, error: 'not-found' };
  const link = actor ? null : await newLinkSecret(db);
  return db.transaction(async (tx) => {
    if (actor) {
      const [mine] = await tx.select({ id: auditor.id }).from(auditor).where(and(eq(auditor.territoryId, input.territoryId), eq(auditor.personId, actor.personId)));
      if (mine) return { ok: false as const, error: 'already-enrolled' as const };
    }
    const [{ n }] = (await tx.select({ n: count() }).from(auditor).where(eq(auditor.territoryId, input.territoryId))) as [{ n: number }];
    const codeName = `A-${String(n + 1).padStart(3, '0')}`;
    const email = String(answers.email);
    const [created] = await tx
      .insert(auditor)
      .values({
        territoryId: input.territoryId,
        personId: actor?.personId ?? null,
        name: String(answers.name),
        email,
        phone: String(answers.phone ?? ''),
        languages: (answers.languages as string[]) ?? [],
        enrolledVia: answers.via === 'organisation' ? 'organisation' : 'self',
        organisationName: answers.via === 'organisation' ? String(answers.organisation ?? '') : '',
        motivation: String(answers.motivation ?? ''),
        consentVersion: consent.version,
        consentedAt: new Date(),
        codeName,
        locale: input.locale,
        linkTokenHash: link?.hash ?? null,
        linkExpiresAt: link?.expiresAt ?? null,
      })
      .returning({ id: auditor.id });
    await tx.delete(enrolmentDraft).where(eq(enrolmentDraft.id, input.draftId!));
    if (link && input.mail) {
      await input.mail.mailer.send(
        {
          to: email,
          locale: input.locale,
          subjectKey: 'audits.application.mail.link.subject',
          bodyKey: 'audits.application.mail.link.body',
          values: { name: String(answers.name), territory: territory.name, code: codeName, link: linkUrl(input.mail.publicUrl, input.locale, territory.slug, link.token), days: linkLifetimeDays },
          secret: true,
          territoryId: territory.id,
        },
        tx,
      );
    }
    await recordAccess(tx, { actorId: actor?.personId ?? null, action: 'audits.application.submit', recordType: 'audit_auditor', recordId: created!.id, territoryId: input.territoryId });
    return { ok: true as const, value: { codeName, email, linked: actor !== null } };
  });
}

/** Enrolment by an organisation on behalf of a member (coordinators record it). */
export interface NewAuditor {
  territoryId: string;
  personId?: string | null;
  name: string;
  email: string;
  phone?: string;
  languages: string[];
  enrolledVia: 'self' | 'organisation';
  organisationName?: string;
  organisationId?: string | null;
  consentVersion: number;
  status?: Auditor['status'];
}

export async function enrolAuditor(db: Db, actor: Actor | null, input: NewAuditor): Promise<Outcome<Auditor>> {
  const permission = requirePermission(actor, 'audits.auditor.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [{ n }] = (await db.select({ n: count() }).from(auditor).where(eq(auditor.territoryId, input.territoryId))) as [{ n: number }];
  const [row] = await db
    .insert(auditor)
    .values({
      ...input,
      phone: input.phone ?? '',
      organisationName: input.organisationName ?? '',
      consentedAt: new Date(),
      codeName: `A-${String(n + 1).padStart(3, '0')}`,
      status: input.status ?? 'applied',
      decidedBy: input.status === 'accepted' ? actor!.personId : null,
      decidedAt: input.status === 'accepted' ? new Date() : null,
    })
    .returning();
  return { ok: true, value: row! };
}

// ---- Coordinators ------------------------------------------------------------------------------

export interface AuditorRow extends Auditor {
  trainings: number;
  campaigns: number;
  openVisits: number;
}

/** Every auditor of the territory with their load; each read goes to the access log. */
export async function listAuditors(db: Db, actor: Actor | null, log: AccessLogger, territoryId: string): Promise<Outcome<AuditorRow[]>> {
  const permission = requirePermission(actor, 'audits.auditor.read', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(auditor).where(eq(auditor.territoryId, territoryId)).orderBy(asc(auditor.status), asc(auditor.codeName));
    const ids = rows.map((r) => r.id);
    const load = await loadOf(tx, ids);
    await logAuditorRead(log, tx, actor!.personId, ids, territoryId, 'list');
    return { ok: true as const, value: rows.map((r) => ({ ...r, ...(load.get(r.id) ?? { trainings: 0, campaigns: 0, openVisits: 0 }) })) };
  });
}

async function loadOf(db: Db, ids: string[]): Promise<Map<string, { trainings: number; campaigns: number; openVisits: number }>> {
  const result = new Map(ids.map((id) => [id, { trainings: 0, campaigns: 0, openVisits: 0 }]));
  if (ids.length === 0) return result;
  // One query after another: this runs inside the listing's transaction (one connection).
  const trainings = await db.select({ id: trainingAttendance.auditorId, n: count() }).from(trainingAttendance).where(inArray(trainingAttendance.auditorId, ids)).groupBy(trainingAttendance.auditorId);
  const campaigns = await db.select({ id: campaignAuditor.auditorId, n: count() }).from(campaignAuditor).where(inArray(campaignAuditor.auditorId, ids)).groupBy(campaignAuditor.auditorId);
  const visits = await db
    .select({ id: visit.auditorId, n: count() })
    .from(visit)
    .where(and(inArray(visit.auditorId, ids), inArray(visit.status, ['scheduled', 'draft'])))
    .groupBy(visit.auditorId);
  for (const r of trainings) result.get(r.id)!.trainings = Number(r.n);
  for (const r of campaigns) result.get(r.id)!.campaigns = Number(r.n);
  for (const r of visits) result.get(r.id)!.openVisits = Number(r.n);
  return result;
}

export async function createTraining(db: Db, actor: Actor | null, input: { territoryId: string; title: string; heldOn: string }): Promise<Outcome<TrainingSession, 'invalid'>> {
  const permission = requirePermission(actor, 'audits.auditor.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const fields: Record<string, string> = {};
  if (!input.title.trim()) fields.title = 'audits.network.training.errors.title';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.heldOn) || Number.isNaN(Date.parse(input.heldOn))) fields.heldOn = 'audits.network.training.errors.date';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const [row] = await db.insert(trainingSession).values({ territoryId: input.territoryId, title: input.title.trim(), heldOn: input.heldOn }).returning();
  return { ok: true, value: row! };
}

export async function listTrainings(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<(TrainingSession & { attendees: string[] })[]>> {
  const permission = requirePermission(actor, 'audits.auditor.read', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const sessions = await db.select().from(trainingSession).where(eq(trainingSession.territoryId, territoryId)).orderBy(desc(trainingSession.heldOn));
  const attendance = sessions.length
    ? await db.select().from(trainingAttendance).where(inArray(trainingAttendance.trainingId, sessions.map((s) => s.id)))
    : [];
  return { ok: true, value: sessions.map((s) => ({ ...s, attendees: attendance.filter((a) => a.trainingId === s.id).map((a) => a.auditorId) })) };
}

export async function recordAttendance(db: Db, actor: Actor | null, input: { territoryId: string; trainingId: string; auditorIds: string[] }): Promise<Outcome<number, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.auditor.manage', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [session] = await db.select().from(trainingSession).where(and(eq(trainingSession.id, input.trainingId), eq(trainingSession.territoryId, input.territoryId)));
  if (!session) return { ok: false, error: 'not-found' };
  const valid = input.auditorIds.length
    ? (await db.select({ id: auditor.id }).from(auditor).where(and(eq(auditor.territoryId, input.territoryId), inArray(auditor.id, input.auditorIds)))).map((r) => r.id)
    : [];
  if (valid.length > 0) await db.insert(trainingAttendance).values(valid.map((auditorId) => ({ trainingId: input.trainingId, auditorId }))).onConflictDoNothing();
  return { ok: true, value: valid.length };
}

/** The auditor record of the signed-in person in this territory (for their own visits). */
export async function auditorOfPerson(db: Db, territoryId: string, personId: string): Promise<Auditor | null> {
  const [row] = await db.select().from(auditor).where(and(eq(auditor.territoryId, territoryId), eq(auditor.personId, personId), eq(auditor.status, 'accepted')));
  return row ?? null;
}

/** Of these auditors, the ones with at least one recorded training session (what assignment requires). */
export async function trainedAuditors(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectDistinct({ id: trainingAttendance.auditorId }).from(trainingAttendance).where(inArray(trainingAttendance.auditorId, ids));
  return new Set(rows.map((r) => r.id));
}

/** Code names of auditors (no personal data), for schedules shown to coordinators without a second factor. */
export async function codeNamesOf(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: auditor.id, codeName: auditor.codeName }).from(auditor).where(inArray(auditor.id, ids));
  return new Map(rows.map((r) => [r.id, r.codeName]));
}
