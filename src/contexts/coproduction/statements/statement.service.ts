// Public statements: drafted by a network's coordinators in one language and translated by them, open for
// co-signature by organisations of the Agreement during a signing window, then published with the list of
// signatories and the date. A signature is withdrawn only before publication.
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { locales } from '../../../platform/i18n/locales.ts';
import { recordAccess } from '../../../platform/access-log/access-log.ts';
import { statement, statementFile, statementKinds, statementSignature, statementText, type StatementKind, type StatementStatus } from '../coproduction.schema.ts';
import { checkLibraryFile } from '../../library/library.service.ts';
import { findNetworkById } from '../../agreement/networks/network.service.ts';
import { findOrganisation, isUuid, organisationsByIds } from '../../agreement/organisations/organisation.service.ts';
import { isMember } from '../../agreement/adhesion/adhesion.service.ts';

export type Statement = typeof statement.$inferSelect;
export type StatementText = typeof statementText.$inferSelect;
export type StatementSignature = typeof statementSignature.$inferSelect;
export type StatementFile = Omit<typeof statementFile.$inferSelect, 'bytes'>;
export { statementKinds, type StatementKind };

/** An analysis holds at most this many files. */
export const maxAnalysisFiles = 5;

export interface StatementDetail {
  statement: Statement;
  texts: StatementText[];
  signatures: StatementSignature[];
  /** An analysis's files (a statement has none). */
  files: StatementFile[];
  /** Where each signing organisation is registered (its territory), by organisation: in a forum, one of its municipalities. */
  signatoryTerritory: Map<string, string>;
}

export type StatementSummary = Statement & { title: string; signatures: number; /** The territories where its signatories are registered. */ signatoryTerritoryIds: string[] };

async function territoriesOf(db: Db, organisationIds: string[]): Promise<Map<string, string>> {
  if (organisationIds.length === 0) return new Map();
  return new Map((await organisationsByIds(db, [...new Set(organisationIds)])).map((o) => [o.id, o.territoryId]));
}

const draftSubject = (s: Pick<Statement, 'territoryId' | 'networkId'>) => ({ territoryId: s.territoryId, networkId: s.networkId });

export function mayDraft(actor: Actor | null, s: Pick<Statement, 'territoryId' | 'networkId'>): boolean {
  return requirePermission(actor, 'coproduction.statement.draft', draftSubject(s)).ok;
}

/**
 * The statements a person may read in a territory: those open for signature and published, and drafts of networks they coordinate;
 * of one kind (statements unless asked for analyses); with `signedFrom`, only those signed by an organisation registered in that territory (a forum's municipality).
 */
export async function listStatements(db: Db, actor: Actor | null, territoryId: string, filters: { signedFrom?: string | null; kind?: StatementKind } = {}): Promise<StatementSummary[]> {
  const rows = await db
    .select()
    .from(statement)
    .where(and(eq(statement.territoryId, territoryId), eq(statement.kind, filters.kind ?? 'statement')))
    .orderBy(desc(statement.createdAt));
  const visible = rows.filter((s) => s.status !== 'draft' || mayDraft(actor, s));
  if (visible.length === 0) return [];
  const ids = visible.map((s) => s.id);
  const [texts, signatures] = await Promise.all([
    db.select().from(statementText).where(inArray(statementText.statementId, ids)),
    db.select().from(statementSignature).where(and(inArray(statementSignature.statementId, ids), isNull(statementSignature.withdrawnAt))),
  ]);
  const where = await territoriesOf(db, signatures.map((x) => x.organisationId));
  const summaries = visible.map((s) => {
    const own = signatures.filter((x) => x.statementId === s.id);
    const signatoryTerritoryIds = [...new Set(own.map((x) => where.get(x.organisationId)).filter((x): x is string => Boolean(x)))];
    return { ...s, title: texts.find((t) => t.statementId === s.id && t.locale === s.originalLocale)?.title ?? '', signatures: own.length, signatoryTerritoryIds };
  });
  return filters.signedFrom === undefined ? summaries : summaries.filter((s) => typeof filters.signedFrom === 'string' && s.signatoryTerritoryIds.includes(filters.signedFrom));
}

export async function statementDetail(db: Db, actor: Actor | null, id: string): Promise<StatementDetail | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(statement).where(eq(statement.id, id));
  if (!row || (row.status === 'draft' && !mayDraft(actor, row))) return null;
  const { bytes: _bytes, ...fileColumns } = getTableColumns(statementFile);
  const [texts, signatures, files] = await Promise.all([
    db.select().from(statementText).where(eq(statementText.statementId, id)).orderBy(asc(statementText.locale)),
    db.select().from(statementSignature).where(and(eq(statementSignature.statementId, id), isNull(statementSignature.withdrawnAt))).orderBy(asc(statementSignature.signedAt), asc(statementSignature.organisationName)),
    db.select(fileColumns).from(statementFile).where(eq(statementFile.statementId, id)).orderBy(asc(statementFile.uploadedAt), asc(statementFile.name)),
  ]);
  return { statement: row, texts, signatures, files, signatoryTerritory: await territoriesOf(db, signatures.map((x) => x.organisationId)) };
}

function checkText(input: { locale: string; title: string; body: string }): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!(locales as readonly string[]).includes(input.locale)) fields.locale = 'coproduction.errors.invalid';
  if (!input.title.trim()) fields.title = 'coproduction.statement.errors.titleRequired';
  else if (input.title.trim().length > 300) fields.title = 'coproduction.errors.tooLong';
  if (!input.body.trim()) fields.body = 'coproduction.statement.errors.bodyRequired';
  else if (input.body.length > 30_000) fields.body = 'coproduction.errors.tooLong';
  return fields;
}

export async function draftStatement(db: Db, actor: Actor | null, territoryId: string, input: { networkId: string; locale: string; title: string; body: string; kind?: string }): Promise<Outcome<{ id: string }, 'invalid'>> {
  const kind = (input.kind ?? 'statement') as StatementKind;
  const net = input.networkId ? await findNetworkById(db, input.networkId) : null;
  const networkId = net && net.territoryId === territoryId ? net.id : null;
  if (!networkId) {
    if (!actor) return { ok: false, error: 'signed-out' };
    return { ok: false, error: 'invalid', fields: { networkId: 'coproduction.statement.errors.networkRequired', ...checkText(input) } };
  }
  const allowed = requirePermission(actor, 'coproduction.statement.draft', { territoryId, networkId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields = checkText(input);
  if (!(statementKinds as readonly string[]).includes(kind)) fields.kind = 'coproduction.errors.invalid';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(statement).values({ territoryId, networkId, kind, originalLocale: input.locale, createdBy: actor!.personId, createdByName: actor!.displayName }).returning({ id: statement.id });
    await tx.insert(statementText).values({ statementId: row!.id, locale: input.locale, title: input.title.trim(), body: input.body.trim(), writtenBy: actor!.personId, writtenByName: actor!.displayName });
    return row!.id;
  });
  return { ok: true, value: { id } };
}

async function drafted(db: Db, actor: Actor | null, id: string): Promise<Outcome<Statement, 'not-found'>> {
  if (!isUuid(id)) return { ok: false, error: 'not-found' };
  const [row] = await db.select().from(statement).where(eq(statement.id, id));
  if (!row) return { ok: false, error: 'not-found' };
  const allowed = requirePermission(actor, 'coproduction.statement.draft', draftSubject(row));
  if (!allowed.ok) return row.status === 'draft' ? { ok: false, error: 'not-found' } : { ok: false, error: allowed.reason };
  return { ok: true, value: row };
}

/** A drafter's translation (or a corrected one) in another language; the original stays as it is. */
export async function saveTranslation(db: Db, actor: Actor | null, id: string, input: { locale: string; title: string; body: string }): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await drafted(db, actor, id);
  if (!found.ok) return found;
  const fields = checkText(input);
  if (!fields.locale && input.locale === found.value.originalLocale) fields.locale = 'coproduction.statement.errors.original';
  if (found.value.status === 'published') fields.locale = 'coproduction.statement.errors.published';
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const values = { title: input.title.trim(), body: input.body.trim(), writtenBy: actor!.personId, writtenByName: actor!.displayName, writtenAt: new Date() };
  await db.insert(statementText).values({ statementId: id, locale: input.locale, ...values }).onConflictDoUpdate({ target: [statementText.statementId, statementText.locale], set: values });
  return { ok: true, value: null };
}

/** Opens the signing window until the end of the given day (YYYY-MM-DD). */
export async function openForSignature(db: Db, actor: Actor | null, id: string, closesOn: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await drafted(db, actor, id);
  if (!found.ok) return found;
  const closes = /^\d{4}-\d{2}-\d{2}$/.test(closesOn) ? new Date(`${closesOn}T23:59:59Z`) : null;
  if (!closes || Number.isNaN(closes.getTime()) || closes.toISOString().slice(0, 10) !== closesOn) return { ok: false, error: 'invalid', fields: { closesOn: 'coproduction.event.errors.date' } };
  if (closes <= now) return { ok: false, error: 'invalid', fields: { closesOn: 'coproduction.statement.errors.closesInPast' } };
  if (found.value.status !== 'draft') return { ok: false, error: 'invalid', fields: { closesOn: 'coproduction.statement.errors.notDraft' } };
  await db.update(statement).set({ status: 'signing', signingOpenedAt: now, signingClosesAt: closes }).where(eq(statement.id, id));
  return { ok: true, value: null };
}

async function signable(db: Db, actor: Actor | null, id: string, organisationId: string, now: Date): Promise<Outcome<{ s: Statement; name: string }, 'not-found' | 'invalid' | 'closed'>> {
  if (!isUuid(id)) return { ok: false, error: 'not-found' };
  const [s] = await db.select().from(statement).where(eq(statement.id, id));
  if (!s || s.status === 'draft') return { ok: false, error: 'not-found' };
  const org = isUuid(organisationId) ? await findOrganisation(db, organisationId) : null;
  if (!org) return { ok: false, error: 'invalid', fields: { organisationId: 'coproduction.statement.errors.organisationRequired' } };
  const allowed = requirePermission(actor, 'coproduction.statement.sign', { organisationId: org.id });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  if (s.status === 'published' || (s.signingClosesAt && s.signingClosesAt < now)) return { ok: false, error: 'closed' };
  return { ok: true, value: { s, name: org.name } };
}

export async function signStatement(db: Db, actor: Actor | null, id: string, organisationId: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid' | 'closed' | 'not-member'>> {
  const found = await signable(db, actor, id, organisationId, now);
  if (!found.ok) return found;
  if (!(await isMember(db, organisationId, found.value.s.territoryId))) return { ok: false, error: 'not-member' };
  const values = { organisationName: found.value.name, signedBy: actor!.personId, signedByName: actor!.displayName, signedAt: now, withdrawnAt: null };
  await db.insert(statementSignature).values({ statementId: id, organisationId, ...values }).onConflictDoUpdate({ target: [statementSignature.statementId, statementSignature.organisationId], set: values });
  return { ok: true, value: null };
}

export async function withdrawSignature(db: Db, actor: Actor | null, id: string, organisationId: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid' | 'closed'>> {
  const found = await signable(db, actor, id, organisationId, now);
  if (!found.ok) return found;
  await db
    .update(statementSignature)
    .set({ withdrawnAt: now })
    .where(and(eq(statementSignature.statementId, id), eq(statementSignature.organisationId, organisationId), isNull(statementSignature.withdrawnAt)));
  return { ok: true, value: null };
}

export async function publishStatement(db: Db, actor: Actor | null, id: string, now = new Date()): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await drafted(db, actor, id);
  if (!found.ok) return found;
  if (found.value.status !== 'signing') return { ok: false, error: 'invalid', fields: { publish: 'coproduction.statement.errors.notSigning' } };
  const signed = await db.select().from(statementSignature).where(and(eq(statementSignature.statementId, id), isNull(statementSignature.withdrawnAt)));
  if (signed.length === 0) return { ok: false, error: 'invalid', fields: { publish: 'coproduction.statement.errors.noSignatures' } };
  if (found.value.kind === 'analysis') {
    const [files] = await db.select({ n: count() }).from(statementFile).where(eq(statementFile.statementId, id));
    if (!files || files.n === 0) return { ok: false, error: 'invalid', fields: { publish: 'coproduction.analysis.errors.noFiles' } };
  }
  await db.update(statement).set({ status: 'published' as StatementStatus, publishedAt: now }).where(eq(statement.id, id));
  return { ok: true, value: null };
}

/**
 * A drafter attaches a file to an analysis before it is published: checked by its content (a "report.pdf" must be a PDF),
 * as the library checks its files. Access-logged: a privileged change to what the network will publish.
 */
export async function attachAnalysisFile(db: Db, actor: Actor | null, id: string, upload: { name: string; content: Buffer; truncated: boolean } | null, now = new Date()): Promise<Outcome<{ id: string }, 'not-found' | 'invalid'>> {
  const found = await drafted(db, actor, id);
  if (!found.ok) return found;
  if (found.value.kind !== 'analysis') return { ok: false, error: 'not-found' };
  if (found.value.status === 'published') return { ok: false, error: 'invalid', fields: { file: 'coproduction.statement.errors.published' } };
  if (!upload || upload.content.length === 0) return { ok: false, error: 'invalid', fields: { file: upload ? 'coproduction.analysis.errors.file.content' : 'coproduction.analysis.errors.fileRequired' } };
  const checked = checkLibraryFile(upload.name, upload.content, upload.truncated);
  if (!checked.ok) return { ok: false, error: 'invalid', fields: { file: `coproduction.analysis.errors.file.${checked.error}` } };
  return db.transaction(async (tx) => {
    const [held] = await tx.select({ n: count() }).from(statementFile).where(eq(statementFile.statementId, id));
    if ((held?.n ?? 0) >= maxAnalysisFiles) return { ok: false as const, error: 'invalid' as const, fields: { file: 'coproduction.analysis.errors.tooManyFiles' } };
    const [row] = await tx.insert(statementFile).values({ statementId: id, name: checked.name, mediaType: checked.mediaType, size: checked.bytes.length, bytes: checked.bytes, uploadedAt: now }).returning({ id: statementFile.id });
    await recordAccess(tx, { actorId: actor!.personId, action: 'coproduction.analysis.file.attach', recordType: 'analysis-file', recordId: row!.id, territoryId: found.value.territoryId });
    return { ok: true as const, value: { id: row!.id } };
  });
}

/** A drafter removes a file from an analysis before it is published; access-logged. */
export async function removeAnalysisFile(db: Db, actor: Actor | null, id: string, fileId: string): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const found = await drafted(db, actor, id);
  if (!found.ok) return found;
  if (!isUuid(fileId)) return { ok: false, error: 'not-found' };
  if (found.value.status === 'published') return { ok: false, error: 'invalid', fields: { file: 'coproduction.statement.errors.published' } };
  return db.transaction(async (tx) => {
    const removed = await tx.delete(statementFile).where(and(eq(statementFile.id, fileId), eq(statementFile.statementId, id))).returning({ id: statementFile.id });
    if (removed.length === 0) return { ok: false as const, error: 'not-found' as const };
    await recordAccess(tx, { actorId: actor!.personId, action: 'coproduction.analysis.file.remove', recordType: 'analysis-file', recordId: fileId, territoryId: found.value.territoryId });
    return { ok: true as const, value: null };
  });
}

/** A file of an analysis, for whoever may read the analysis (drafts: its drafters only). */
export async function analysisFile(db: Db, actor: Actor | null, id: string, fileId: string): Promise<(StatementFile & { bytes: Buffer }) | null> {
  if (!isUuid(id) || !isUuid(fileId)) return null;
  const [row] = await db.select().from(statement).where(eq(statement.id, id));
  if (!row || (row.status === 'draft' && !mayDraft(actor, row))) return null;
  const [file] = await db.select().from(statementFile).where(and(eq(statementFile.id, fileId), eq(statementFile.statementId, id)));
  return file ?? null;
}
