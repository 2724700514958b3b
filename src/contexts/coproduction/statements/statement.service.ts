// Public statements: drafted by a network's coordinators in one language and translated by them, open for
// co-signature by organisations of the Agreement during a signing window, then published with the list of
// signatories and the date. A signature is withdrawn only before publication.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { locales } from '../../../platform/i18n/locales.ts';
import { statement, statementSignature, statementText, type StatementStatus } from '../coproduction.schema.ts';
import { findNetworkById } from '../../agreement/networks/network.service.ts';
import { findOrganisation, isUuid, organisationsByIds } from '../../agreement/organisations/organisation.service.ts';
import { isMember } from '../../agreement/adhesion/adhesion.service.ts';

export type Statement = typeof statement.$inferSelect;
export type StatementText = typeof statementText.$inferSelect;
export type StatementSignature = typeof statementSignature.$inferSelect;

export interface StatementDetail {
  statement: Statement;
  texts: StatementText[];
  signatures: StatementSignature[];
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
 * with `signedFrom`, only those signed by an organisation registered in that territory (a forum's municipality).
 */
export async function listStatements(db: Db, actor: Actor | null, territoryId: string, filters: { signedFrom?: string | null } = {}): Promise<StatementSummary[]> {
  const rows = await db.select().from(statement).where(eq(statement.territoryId, territoryId)).orderBy(desc(statement.createdAt));
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
  const [texts, signatures] = await Promise.all([
    db.select().from(statementText).where(eq(statementText.statementId, id)).orderBy(asc(statementText.locale)),
    db.select().from(statementSignature).where(and(eq(statementSignature.statementId, id), isNull(statementSignature.withdrawnAt))).orderBy(asc(statementSignature.signedAt), asc(statementSignature.organisationName)),
  ]);
  return { statement: row, texts, signatures, signatoryTerritory: await territoriesOf(db, signatures.map((x) => x.organisationId)) };
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

export async function draftStatement(db: Db, actor: Actor | null, territoryId: string, input: { networkId: string; locale: string; title: string; body: string }): Promise<Outcome<{ id: string }, 'invalid'>> {
  const net = input.networkId ? await findNetworkById(db, input.networkId) : null;
  const networkId = net && net.territoryId === territoryId ? net.id : null;
  if (!networkId) {
    if (!actor) return { ok: false, error: 'signed-out' };
    return { ok: false, error: 'invalid', fields: { networkId: 'coproduction.statement.errors.networkRequired', ...checkText(input) } };
  }
  const allowed = requirePermission(actor, 'coproduction.statement.draft', { territoryId, networkId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const fields = checkText(input);
  if (Object.keys(fields).length > 0) return { ok: false, error: 'invalid', fields };
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(statement).values({ territoryId, networkId, originalLocale: input.locale, createdBy: actor!.personId, createdByName: actor!.displayName }).returning({ id: statement.id });
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
  await db.update(statement).set({ status: 'published' as StatementStatus, publishedAt: now }).where(eq(statement.id, id));
  return { ok: true, value: null };
}
