// Taking part in a framework: during consultation, people of the network's member organisations comment on a
// paragraph and propose amendments (replacement text and reason), until the consultation's closing day if it has
// one; the coordinators accept or decline each with a reason (access-logged), after that day too. Once a version is
// agreed, member organisations endorse it. An endorsement may be withdrawn while the version is the one in force;
// once a later version is agreed, it stays on the record.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { isUuid } from '../agreement/organisations/organisation.service.ts';
import { workingLanguages } from '../agreement/agreement.settings.ts';
import { framework, frameworkAmendment, frameworkComment, frameworkEndorsement, frameworkParagraph, frameworkVersion, type AmendmentStatus } from './frameworks.schema.ts';
import { consultationEnded, standingIn, type Framework, type FrameworkVersion, type Paragraph } from './framework.service.ts';

export type Comment = typeof frameworkComment.$inferSelect;
export type Amendment = typeof frameworkAmendment.$inferSelect;
export type Endorsement = typeof frameworkEndorsement.$inferSelect;

export const textLimits = { comment: 4000, reason: 2000, replacement: 6000 } as const;
const clean = (s: string) => s.replace(/\0/g, '').trim();

export async function commentsOn(db: Db, versionId: string): Promise<Comment[]> {
  return db.select().from(frameworkComment).where(eq(frameworkComment.versionId, versionId)).orderBy(asc(frameworkComment.createdAt));
}

export async function amendmentsOn(db: Db, versionId: string): Promise<Amendment[]> {
  return db.select().from(frameworkAmendment).where(eq(frameworkAmendment.versionId, versionId)).orderBy(asc(frameworkAmendment.createdAt));
}

export async function endorsementsOf(db: Db, versionId: string): Promise<Endorsement[]> {
  return db.select().from(frameworkEndorsement).where(eq(frameworkEndorsement.versionId, versionId)).orderBy(asc(frameworkEndorsement.endorsedAt), asc(frameworkEndorsement.organisationName));
}

interface Anchor {
  f: Framework;
  v: FrameworkVersion;
  p: Paragraph;
}

async function anchor(db: Db, paragraphId: string): Promise<Anchor | null> {
  if (!isUuid(paragraphId)) return null;
  const [row] = await db
    .select({ p: frameworkParagraph, v: frameworkVersion, f: framework })
    .from(frameworkParagraph)
    .innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkParagraph.versionId))
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(eq(frameworkParagraph.id, paragraphId));
  return row ?? null;
}

/**
 * The paragraph to amend, when it is open for amendments and the person may propose (else what went wrong):
 * 'closed' once the version left consultation, 'ended' once its closing day is over.
 */
export async function amendable(db: Db, actor: Actor | null, paragraphId: string, now = new Date()): Promise<Outcome<Anchor & { organisations: { id: string; name: string }[] }, 'not-found' | 'closed' | 'ended'>> {
  const found = await anchor(db, paragraphId);
  if (!found) return { ok: false, error: 'not-found' };
  const standing = await standingIn(db, actor, found.f);
  if (found.v.status === 'draft' && !standing.coordinator && standing.contributeFor.length === 0) return { ok: false, error: 'not-found' };
  if (!actor) return { ok: false, error: 'signed-out' };
  if (standing.contributeFor.length === 0) return { ok: false, error: 'forbidden' };
  if (found.v.status !== 'consultation' || found.v.supersededAt) return { ok: false, error: 'closed' };
  if (consultationEnded(found.v, now)) return { ok: false, error: 'ended' };
  return { ok: true, value: { ...found, organisations: standing.contributeFor } };
}

function organisationFor(organisations: { id: string; name: string }[], organisationId: string) {
  return organisations.find((o) => o.id === organisationId) ?? (organisations.length === 1 && !organisationId ? organisations[0] : undefined);
}

const isWorkingLanguage = (lang: string) => (workingLanguages as readonly string[]).includes(lang);

/** A comment on a paragraph; `lang` is the language it is typed in (the page's, or the API caller's word), else the framework's. */
export async function addComment(
  db: Db,
  actor: Actor | null,
  paragraphId: string,
  input: { organisationId: string; body: string; lang?: string | undefined },
  now = new Date(),
): Promise<Outcome<{ versionNumber: number; frameworkId: string }, 'not-found' | 'closed' | 'ended' | 'invalid'>> {
  const found = await amendable(db, actor, paragraphId, now);
  if (!found.ok) return found;
  const fields: Record<string, string> = {};
  const org = organisationFor(found.value.organisations, input.organisationId);
  if (!org) fields.organisationId = 'frameworks.errors.organisationRequired';
  const body = clean(input.body);
  if (!body) fields.body = 'frameworks.errors.commentRequired';
  else if (body.length > textLimits.comment) fields.body = 'frameworks.errors.tooLong';
  if (input.lang !== undefined && !isWorkingLanguage(input.lang)) fields.lang = 'frameworks.errors.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const lang = input.lang ?? found.value.f.locale;
  await db.insert(frameworkComment).values({ versionId: found.value.v.id, paragraphId, organisationId: org!.id, organisationName: org!.name, personId: actor!.personId, authorName: actor!.displayName, body, lang, createdAt: now });
  return { ok: true, value: { versionNumber: found.value.v.number, frameworkId: found.value.f.id } };
}

/** New wording for a paragraph, with a reason; `lang` is the language both are typed in (the page's, or the API caller's word), else the framework's. */
export async function proposeAmendment(
  db: Db,
  actor: Actor | null,
  paragraphId: string,
  input: { organisationId: string; replacement: string; reason: string; lang?: string | undefined },
  now = new Date(),
): Promise<Outcome<{ versionNumber: number; frameworkId: string }, 'not-found' | 'closed' | 'ended' | 'invalid'>> {
  const found = await amendable(db, actor, paragraphId, now);
  if (!found.ok) return found;
  const fields: Record<string, string> = {};
  const org = organisationFor(found.value.organisations, input.organisationId);
  if (!org) fields.organisationId = 'frameworks.errors.organisationRequired';
  const replacement = clean(input.replacement).replace(/\s+/g, ' ');
  const reason = clean(input.reason);
  if (!replacement) fields.replacement = 'frameworks.errors.replacementRequired';
  else if (replacement.length > textLimits.replacement) fields.replacement = 'frameworks.errors.tooLong';
  else if (replacement === found.value.p.body) fields.replacement = 'frameworks.errors.replacementSame';
  if (!reason) fields.reason = 'frameworks.errors.reasonRequired';
  else if (reason.length > textLimits.reason) fields.reason = 'frameworks.errors.tooLong';
  if (input.lang !== undefined && !isWorkingLanguage(input.lang)) fields.lang = 'frameworks.errors.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const lang = input.lang ?? found.value.f.locale;
  await db.insert(frameworkAmendment).values({ versionId: found.value.v.id, paragraphId, organisationId: org!.id, organisationName: org!.name, proposedBy: actor!.personId, proposedByName: actor!.displayName, replacement, reason, lang, createdAt: now });
  return { ok: true, value: { versionNumber: found.value.v.number, frameworkId: found.value.f.id } };
}

/**
 * A coordinator accepts or declines an amendment, always with a reason; one amendment per paragraph is accepted.
 * `lang` is the language the reason is typed in (the page's), else the framework's.
 */
export async function decideAmendment(
  db: Db,
  actor: Actor | null,
  amendmentId: string,
  input: { decision: string; reason: string; lang?: string | undefined },
  now = new Date(),
): Promise<Outcome<{ versionNumber: number; frameworkId: string }, 'not-found' | 'invalid'>> {
  if (!isUuid(amendmentId)) return { ok: false, error: 'not-found' };
  const [row] = await db
    .select({ a: frameworkAmendment, v: frameworkVersion, f: framework })
    .from(frameworkAmendment)
    .innerJoin(frameworkVersion, eq(frameworkVersion.id, frameworkAmendment.versionId))
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(eq(frameworkAmendment.id, amendmentId));
  if (!row) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'frameworks.framework.coordinate', { territoryId: row.f.territoryId, networkId: row.f.networkId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields: Record<string, string> = {};
  const decision = input.decision === 'accepted' || input.decision === 'declined' ? (input.decision as AmendmentStatus) : null;
  if (!decision) fields.decision = 'frameworks.errors.decisionRequired';
  const reason = clean(input.reason);
  if (!reason) fields.reason = 'frameworks.errors.decisionReasonRequired';
  else if (reason.length > textLimits.reason) fields.reason = 'frameworks.errors.tooLong';
  if (input.lang !== undefined && !isWorkingLanguage(input.lang)) fields.lang = 'frameworks.errors.invalid';
  if (row.a.status !== 'pending' || row.v.status !== 'consultation' || row.v.supersededAt) fields.decision = 'frameworks.errors.decided';
  if (!fields.decision && decision === 'accepted') {
    const [other] = await db.select({ id: frameworkAmendment.id }).from(frameworkAmendment).where(and(eq(frameworkAmendment.paragraphId, row.a.paragraphId), eq(frameworkAmendment.status, 'accepted')));
    if (other) fields.decision = 'frameworks.errors.otherAccepted';
  }
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  await db.transaction(async (tx) => {
    await tx.update(frameworkAmendment).set({ status: decision!, decisionReason: reason, decisionLang: input.lang ?? row.f.locale, decidedBy: actor!.personId, decidedByName: actor!.displayName, decidedAt: now }).where(eq(frameworkAmendment.id, amendmentId));
    await recordAccess(tx, { actorId: actor!.personId, action: `frameworks.amendment.${decision === 'accepted' ? 'accept' : 'decline'}`, recordType: 'framework-amendment', recordId: amendmentId, territoryId: row.f.territoryId, reason });
  });
  return { ok: true, value: { versionNumber: row.v.number, frameworkId: row.f.id } };
}

async function endorsable(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, organisationId: string): Promise<Outcome<{ v: FrameworkVersion; org: { id: string; name: string } }, 'not-found' | 'invalid' | 'closed'>> {
  if (!isUuid(frameworkId) || !Number.isSafeInteger(versionNumber)) return { ok: false, error: 'not-found' };
  const [row] = await db
    .select({ v: frameworkVersion, f: framework })
    .from(frameworkVersion)
    .innerJoin(framework, eq(framework.id, frameworkVersion.frameworkId))
    .where(and(eq(frameworkVersion.frameworkId, frameworkId), eq(frameworkVersion.number, versionNumber)));
  if (!row || row.v.status === 'draft') return { ok: false, error: 'not-found' };
  if (!actor) return { ok: false, error: 'signed-out' };
  const standing = await standingIn(db, actor, row.f);
  if (standing.endorseFor.length === 0) return { ok: false, error: 'forbidden' };
  const org = standing.endorseFor.find((o) => o.id === organisationId);
  if (!org) return { ok: false, error: 'invalid', fields: { organisationId: 'frameworks.errors.organisationRequired' } };
  if (row.v.status !== 'agreed' || row.v.supersededAt) return { ok: false, error: 'closed' };
  return { ok: true, value: { v: row.v, org } };
}

export async function endorse(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, organisationId: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid' | 'closed'>> {
  const found = await endorsable(db, actor, frameworkId, versionNumber, organisationId);
  if (!found.ok) return found;
  const values = { organisationName: found.value.org.name, endorsedBy: actor!.personId, endorsedByName: actor!.displayName, endorsedAt: now, withdrawnAt: null };
  await db.insert(frameworkEndorsement).values({ versionId: found.value.v.id, organisationId, ...values }).onConflictDoUpdate({ target: [frameworkEndorsement.versionId, frameworkEndorsement.organisationId], set: values });
  return { ok: true, value: null };
}

export async function withdrawEndorsement(db: Db, actor: Actor | null, frameworkId: string, versionNumber: number, organisationId: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid' | 'closed'>> {
  const found = await endorsable(db, actor, frameworkId, versionNumber, organisationId);
  if (!found.ok) return found;
  await db
    .update(frameworkEndorsement)
    .set({ withdrawnAt: now })
    .where(and(eq(frameworkEndorsement.versionId, found.value.v.id), eq(frameworkEndorsement.organisationId, organisationId), isNull(frameworkEndorsement.withdrawnAt)));
  return { ok: true, value: null };
}
