// Case handling: handler keys and their unlocked sessions, the queue, reading a case (access-logged),
// status, assignment, notes, messages, classification (feeds the diagnosis), referral with consent,
// the territory recovery key and re-granting, and evidence for the audits without the person.
import { and, asc, count, desc, eq, gt, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { likePattern, windowOf, type ListPage, type ListQuery } from '../../platform/views/list-query.ts';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { publish, type DiagnosisFact } from '../../platform/events.ts';
import type { Territory } from '../territories/territory.service.ts';
import { listAreaSummaries } from '../territories/territory.service.ts';
import { findService } from '../catalogue/catalogue.service.ts';
import { isMember } from '../agreement/adhesion/adhesion.service.ts';
import { searchDirectory } from '../agreement/organisations/directory.service.ts';
import { findOrganisation, isUuid, organisationsByIds } from '../agreement/organisations/organisation.service.ts';
import {
  antennaCaseEvent,
  antennaCaseRead,
  antennaFile,
  antennaHandlerKey,
  antennaKeySession,
  antennaMessage,
  antennaRecoveryKey,
  antennaReport,
  antennaReportKey,
  reportStatuses,
  type ReportStatus,
} from './antenna.schema.ts';
import {
  boxWith,
  cookieKeyFrom,
  decryptFor,
  fromB64,
  lockPrivateKey,
  newCookieKey,
  newKeyPair,
  openBox,
  openSealed,
  publicKeyOf,
  sealTo,
  sodium,
  toB64,
  unlockPrivateKey,
} from './antenna.crypto.ts';
import type { Answers } from './answers.ts';
import { closeReasons, dimensions } from './answers.ts';
import type { AccessLogger } from './access-log.ts';
import { decryptFiles, decryptMessages, insertMessage, messageMaxLength, type ShownFile, type ShownMessage } from './report.service.ts';
import { readStoredFile, storeFile, type IncomingFile, type StoredFileMeta } from './files.ts';

/** How long an unlocked case key stays usable without unlocking again. */
export const handlerSessionMs = 2 * 60 * 60 * 1000;
export const minPasswordLength = 10;

type TerritoryRef = Pick<Territory, 'id' | 'settings'>;

// ---------------------------------------------------------------- handler keys

export interface HandlerKeyStatus {
  hasKey: boolean;
  unlocked: boolean;
}

export async function handlerKeyStatus(db: Db, actor: Actor, territoryId: string, token: string | undefined): Promise<HandlerKeyStatus> {
  const [row] = await db
    .select({ personId: antennaHandlerKey.personId })
    .from(antennaHandlerKey)
    .where(and(eq(antennaHandlerKey.personId, actor.personId), eq(antennaHandlerKey.territoryId, territoryId)));
  return { hasKey: Boolean(row), unlocked: Boolean(row) && (await handlerPrivateKey(db, actor, territoryId, token)) !== null };
}

/**
 * Holding an unlocked private key for a session, without keeping it in plaintext at rest: after the
 * password opens the private key, it is encrypted again (secretbox) under a fresh random 32-byte key.
 * That key exists only in the handler's HttpOnly, SameSite=Strict cookie; the ciphertext sits in
 * antenna_key_session under a one-way hash of the cookie key, bound to the person and territory, and
 * expires after two hours (deleted on "lock", and by the retention job when stale). A database dump
 * holds only ciphertext; a stolen cookie alone holds no key material of the case, and expires.
 */
async function openHandlerSession(db: Db, actor: Actor, territoryId: string, privateKey: Uint8Array): Promise<string> {
  const session = newCookieKey();
  await db.insert(antennaKeySession).values({
    id: session.id,
    kind: 'handler',
    personId: actor.personId,
    territoryId,
    keyCipher: boxWith(session.key, privateKey),
    expiresAt: new Date(Date.now() + handlerSessionMs),
  });
  return session.token;
}

export async function handlerPrivateKey(db: Db, actor: Actor, territoryId: string, token: string | undefined): Promise<{ privateKey: Uint8Array; publicKey: string } | null> {
  const opened = cookieKeyFrom(token);
  if (!opened) return null;
  const [row] = await db.select().from(antennaKeySession).where(and(eq(antennaKeySession.id, opened.id), eq(antennaKeySession.kind, 'handler')));
  if (!row || row.expiresAt < new Date() || row.personId !== actor.personId || row.territoryId !== territoryId) return null;
  const privateKey = openBox(opened.key, row.keyCipher);
  if (!privateKey) return null;
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** Makes the handler's key pair (or a new one, when they lost their password) and unlocks it. */
export async function setUpHandlerKey(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  input: { password: string; replace: boolean },
): Promise<Outcome<{ token: string }, 'exists' | 'invalid'>> {
  const permission = requirePermission(actor, 'antenna.key.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  if (input.password.length < minPasswordLength) return { ok: false, error: 'invalid', fields: { password: 'antenna.errors.passwordShort' } };
  const [existing] = await db
    .select()
    .from(antennaHandlerKey)
    .where(and(eq(antennaHandlerKey.personId, actor!.personId), eq(antennaHandlerKey.territoryId, territoryId)));
  if (existing && !input.replace) return { ok: false, error: 'exists' };
  const pair = newKeyPair();
  const locked = lockPrivateKey(pair.privateKey, input.password);
  await db.transaction(async (tx) => {
    if (existing) {
      // The old key pair is gone with the password: its sealed copies cannot be opened any more.
      await tx.delete(antennaReportKey).where(and(eq(antennaReportKey.holderKind, 'handler'), eq(antennaReportKey.holderId, actor!.personId)));
      await tx.delete(antennaHandlerKey).where(and(eq(antennaHandlerKey.personId, actor!.personId), eq(antennaHandlerKey.territoryId, territoryId)));
    }
    await tx.insert(antennaHandlerKey).values({ personId: actor!.personId, territoryId, displayName: actor!.displayName, publicKey: pair.publicKey, ...locked });
  });
  const token = await openHandlerSession(db, actor!, territoryId, pair.privateKey);
  sodium.memzero(pair.privateKey);
  return { ok: true, value: { token } };
}

/** Opens the handler's private key with their password (verified by decrypting it) for this session. */
export async function unlockHandlerKey(db: Db, actor: Actor | null, territoryId: string, password: string): Promise<Outcome<{ token: string }, 'no-key' | 'wrong-password'>> {
  const permission = requirePermission(actor, 'antenna.key.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db.select().from(antennaHandlerKey).where(and(eq(antennaHandlerKey.personId, actor!.personId), eq(antennaHandlerKey.territoryId, territoryId)));
  if (!row) return { ok: false, error: 'no-key' };
  const privateKey = unlockPrivateKey(row, password);
  if (!privateKey) return { ok: false, error: 'wrong-password', fields: { password: 'antenna.errors.passwordWrong' } };
  const token = await openHandlerSession(db, actor!, territoryId, privateKey);
  sodium.memzero(privateKey);
  return { ok: true, value: { token } };
}

export async function lockHandlerKey(db: Db, token: string | undefined): Promise<void> {
  const opened = cookieKeyFrom(token);
  if (opened) await db.delete(antennaKeySession).where(eq(antennaKeySession.id, opened.id));
}

export async function territoryHandlers(db: Db, territoryId: string): Promise<{ personId: string; displayName: string }[]> {
  return db
    .select({ personId: antennaHandlerKey.personId, displayName: antennaHandlerKey.displayName })
    .from(antennaHandlerKey)
    .where(eq(antennaHandlerKey.territoryId, territoryId))
    .orderBy(asc(antennaHandlerKey.displayName));
}

// ---------------------------------------------------------------- the queue

export interface QueueRow {
  reference: string;
  status: ReportStatus;
  mode: 'anonymous' | 'confidential';
  onBehalf: boolean;
  /** The organisation that filed the report on someone's behalf, when one did. */
  organisationName: string | null;
  classified: boolean;
  assignedTo: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The row's sort value as the database holds it: where the next page starts (keyset paging). */
  position: string;
}

export const caseSorts = ['received', 'updated', 'reference', 'status'] as const;
export type CaseSort = (typeof caseSorts)[number];
export const caseListDefaults = { sort: 'updated', dir: 'desc' } as const;

export interface CaseFilter {
  status?: ReportStatus | undefined;
  mine?: boolean | undefined;
  mode?: 'anonymous' | 'confidential' | undefined;
  onBehalf?: boolean | undefined;
  classified?: boolean | undefined;
  /** Part of a reference, e.g. "K7P". The content is encrypted, so it is the only text a list can search. */
  q?: string | undefined;
}

export interface CaseQueue extends ListPage<QueueRow> {
  /** How many cases match the other filters in each status (for "New (12)"). */
  byStatus: Record<ReportStatus, number>;
  /** How many match the other filters in every status. */
  allStatuses: number;
}

/** The queue: one page of the cases that match, sorted, with the counts per status. */
export async function listCases(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  filter: CaseFilter,
  list: ListQuery<CaseSort> = { q: '', sort: 'updated', dir: 'desc', page: 1, perPage: 50 },
  /**
   * Keyset paging (the API, and the page's next and previous links): the rows after this one in the list's order
   * (or, `backwards`, the rows just before it), instead of skipping over a page number's worth of rows.
   */
  after?: { value: string; reference: string; backwards?: boolean },
): Promise<Outcome<CaseQueue>> {
  const permission = requirePermission(actor, 'antenna.case.list', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const conditions = [eq(antennaReport.territoryId, territoryId), isNull(antennaReport.purgedAt)];
  if (filter.mine) conditions.push(eq(antennaReport.assignedTo, actor!.personId));
  if (filter.mode) conditions.push(eq(antennaReport.mode, filter.mode));
  if (filter.onBehalf !== undefined) conditions.push(filter.onBehalf ? isNotNull(antennaReport.organisationId) : isNull(antennaReport.organisationId));
  if (filter.classified !== undefined) conditions.push(filter.classified ? isNotNull(antennaReport.classifiedAt) : isNull(antennaReport.classifiedAt));
  const q = (filter.q ?? '').trim().toUpperCase();
  if (q) conditions.push(ilike(antennaReport.reference, likePattern(q)));
  const withStatus = filter.status ? [...conditions, eq(antennaReport.status, filter.status)] : [...conditions];
  const column = { received: antennaReport.createdAt, updated: antennaReport.updatedAt, reference: antennaReport.reference, status: antennaReport.status }[list.sort];
  const order = list.dir === 'asc' ? asc : desc;
  const window = windowOf(list);
  const { limit } = window;
  let offset = window.offset;
  if (after) {
    // A row value comparison walks the (column, reference) index from the last row given: no rows skipped over.
    // Times are compared as the database wrote them (to the microsecond), never rounded through a JS date.
    const timed = list.sort === 'received' || list.sort === 'updated';
    // (A position that is no time, which the API refuses before, would find nothing after it.)
    const value = timed ? sql`${Number.isNaN(Date.parse(after.value)) ? (list.dir === 'asc' ? 'infinity' : '-infinity') : after.value}::timestamptz` : sql`${after.value}`;
    const forwards = (list.dir === 'asc') !== (after.backwards ?? false);
    const bound = forwards ? sql`(${column}, ${antennaReport.reference}) > (${value}, ${after.reference})` : sql`(${column}, ${antennaReport.reference}) < (${value}, ${after.reference})`;
    withStatus.push(bound);
    offset = 0;
  }
  // Backwards, the index is walked the other way from the cursor, and the page turned back into the list's order.
  const walk = after?.backwards ? (list.dir === 'asc' ? desc : asc) : order;
  const [rows, counts] = await Promise.all([
    // Only the columns a row shows: never the ciphertexts (content, the reporter's key), which a list does not read.
    db
      .select({
        reference: antennaReport.reference,
        status: antennaReport.status,
        mode: antennaReport.mode,
        organisationId: antennaReport.organisationId,
        classifiedAt: antennaReport.classifiedAt,
        assignedTo: antennaReport.assignedTo,
        createdAt: antennaReport.createdAt,
        updatedAt: antennaReport.updatedAt,
        position: sql<string>`${column}::text`,
      })
      .from(antennaReport)
      .where(and(...withStatus))
      .orderBy(walk(column), walk(antennaReport.reference))
      .limit(limit)
      .offset(offset)
      .then((page) => (after?.backwards ? page.reverse() : page)),
    db
      .select({ status: antennaReport.status, count: count() })
      .from(antennaReport)
      .where(and(...conditions))
      .groupBy(antennaReport.status),
  ]);
  const byStatus = Object.fromEntries(reportStatuses.map((s) => [s, 0])) as Record<ReportStatus, number>;
  for (const c of counts) byStatus[c.status] = Number(c.count);
  const allStatuses = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const organisationIds = [...new Set(rows.map((r) => r.organisationId).filter((id): id is string => id !== null))];
  const names = new Map((organisationIds.length > 0 ? await organisationsByIds(db, organisationIds) : []).map((o) => [o.id, o.name]));
  return {
    ok: true,
    value: {
      rows: rows.map((r) => ({
        reference: r.reference,
        status: r.status,
        mode: r.mode,
        onBehalf: r.organisationId !== null,
        organisationName: r.organisationId ? (names.get(r.organisationId) ?? null) : null,
        classified: r.classifiedAt !== null,
        assignedTo: r.assignedTo,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        position: r.position,
      })),
      total: filter.status ? byStatus[filter.status] : allStatuses,
      byStatus,
      allStatuses,
    },
  };
}

// ---------------------------------------------------------------- one case

type ReportRow = typeof antennaReport.$inferSelect;

export interface CaseView {
  report: ReportRow;
  /** null when this handler's key has no sealed copy (they need a re-grant) or is locked. */
  content: { answers: Answers; messages: ShownMessage[]; files: ShownFile[] } | null;
  events: (typeof antennaCaseEvent.$inferSelect)[];
}

async function findCase(db: Db, territoryId: string, reference: string): Promise<ReportRow | null> {
  const [row] = await db
    .select()
    .from(antennaReport)
    .where(and(eq(antennaReport.territoryId, territoryId), eq(antennaReport.reference, reference), isNull(antennaReport.purgedAt)));
  return row ?? null;
}

async function reportKeyFor(db: Db, actor: Actor, report: ReportRow, key: { privateKey: Uint8Array; publicKey: string } | null): Promise<Uint8Array | null> {
  if (!key) return null;
  const [sealed] = await db
    .select()
    .from(antennaReportKey)
    .where(and(eq(antennaReportKey.reportId, report.id), eq(antennaReportKey.holderKind, 'handler'), eq(antennaReportKey.holderId, actor.personId)));
  if (!sealed || sealed.publicKey !== key.publicKey) return null;
  try {
    return openSealed(sealed.sealedKey, key.publicKey, key.privateKey);
  } catch {
    return null;
  }
}

/** Reads a case. Content is decrypted only when the read has been written to the access log first. */
export async function readCase(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  reference: string,
  key: { privateKey: Uint8Array; publicKey: string } | null,
  logger: AccessLogger | null,
): Promise<Outcome<CaseView, 'not-found' | 'no-access-log'>> {
  const permission = requirePermission(actor, 'antenna.case.read', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const events = await db.select().from(antennaCaseEvent).where(eq(antennaCaseEvent.reportId, report.id)).orderBy(asc(antennaCaseEvent.createdAt));
  const reportKey = await reportKeyFor(db, actor!, report, key);
  if (!reportKey || !report.contentCipher) return { ok: true, value: { report, content: null, events } };
  if (!logger) return { ok: false, error: 'no-access-log' };
  return db.transaction(async (tx) => {
    const [messages, files] = await Promise.all([
      tx.select().from(antennaMessage).where(eq(antennaMessage.reportId, report.id)).orderBy(asc(antennaMessage.createdAt)),
      tx.select().from(antennaFile).where(eq(antennaFile.reportId, report.id)).orderBy(asc(antennaFile.createdAt)),
    ]);
    // The read is logged in the same transaction, as its last step, before anything is decrypted.
    await logger.recordAccess(tx, { actorId: actor!.personId, action: 'antenna.case.read', recordType: 'antenna_report', recordId: report.id, territoryId });
    // Read now: messages up to here are no longer unread for this handler.
    await tx
      .insert(antennaCaseRead)
      .values({ reportId: report.id, personId: actor!.personId })
      .onConflictDoUpdate({ target: [antennaCaseRead.reportId, antennaCaseRead.personId], set: { readAt: new Date() } });
    const answers = JSON.parse(decryptFor(reportKey, `report:${report.id}:content`, report.contentCipher!)) as Answers;
    const content = { answers, messages: decryptMessages(report.id, reportKey, messages), files: decryptFiles(reportKey, files) };
    sodium.memzero(reportKey);
    return { ok: true as const, value: { report, content, events } };
  });
}

/**
 * Messages from the people who reported (or their intermediary) that this handler has not seen: on the cases
 * sealed to them in the territory, sent after they last opened the case. A count only, for their desk.
 */
export async function unreadMessageCount(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<number>> {
  const permission = requirePermission(actor, 'antenna.case.list', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db
    .select({ n: count() })
    .from(antennaMessage)
    .innerJoin(antennaReport, eq(antennaReport.id, antennaMessage.reportId))
    .innerJoin(antennaReportKey, and(eq(antennaReportKey.reportId, antennaReport.id), eq(antennaReportKey.holderKind, 'handler'), eq(antennaReportKey.holderId, actor!.personId)))
    .leftJoin(antennaCaseRead, and(eq(antennaCaseRead.reportId, antennaReport.id), eq(antennaCaseRead.personId, actor!.personId)))
    .where(
      and(
        eq(antennaReport.territoryId, territoryId),
        inArray(antennaMessage.author, ['reporter', 'intermediary']),
        inArray(antennaMessage.kind, ['message', 'information']),
        or(isNull(antennaCaseRead.readAt), gt(antennaMessage.createdAt, antennaCaseRead.readAt)),
      ),
    );
  return { ok: true, value: row?.n ?? 0 };
}

export async function readCaseFile(
  db: Db,
  actor: Actor | null,
  files: FileStore,
  territoryId: string,
  reference: string,
  fileId: string,
  key: { privateKey: Uint8Array; publicKey: string } | null,
  logger: AccessLogger | null,
): Promise<Outcome<{ meta: StoredFileMeta; data: Uint8Array }, 'not-found' | 'no-access-log' | 'locked'>> {
  const permission = requirePermission(actor, 'antenna.case.read', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const reportKey = await reportKeyFor(db, actor!, report, key);
  if (!reportKey) return { ok: false, error: 'locked' };
  if (!logger) return { ok: false, error: 'no-access-log' };
  await logger.recordAccess(db, { actorId: actor!.personId, action: 'antenna.case.readFile', recordType: 'antenna_file', recordId: fileId, territoryId });
  const file = await readStoredFile(db, files, report.id, reportKey, fileId);
  return file ? { ok: true, value: file } : { ok: false, error: 'not-found' };
}

async function recordEvent(db: Db, reportId: string, actorId: string, kind: (typeof antennaCaseEvent.$inferInsert)['kind'], detail = ''): Promise<void> {
  await db.insert(antennaCaseEvent).values({ reportId, actorId, kind, detail });
}

const transitions: Record<ReportStatus, ReportStatus[]> = {
  new: ['in-triage', 'closed'],
  'in-triage': ['being-followed', 'closed'],
  referred: ['being-followed', 'closed'],
  'being-followed': ['closed'],
  closed: ['in-triage'],
};

export function allowedTransitions(status: ReportStatus): ReportStatus[] {
  return transitions[status];
}

/** Moves a case along new → in triage → being followed / closed (with a reason); reopening goes back to triage. */
export async function changeStatus(
  db: Db,
  actor: Actor | null,
  territory: TerritoryRef,
  reference: string,
  input: { status: string; reason: string },
): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territory.id, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const status = input.status as ReportStatus;
  if (!transitions[report.status].includes(status)) return { ok: false, error: 'invalid', fields: { status: 'antenna.errors.chooseOne' } };
  if (status === 'closed' && !(closeReasons as readonly string[]).includes(input.reason)) return { ok: false, error: 'invalid', fields: { reason: 'antenna.errors.reasonRequired' } };
  const now = new Date();
  const closing = status === 'closed';
  await db.transaction(async (tx) => {
    await tx
      .update(antennaReport)
      .set({
        status,
        statusReason: closing ? input.reason : null,
        closedAt: closing ? now : null,
        purgeAfter: closing ? new Date(now.getTime() + territory.settings.caseRetentionDays * 86_400_000) : null,
        updatedAt: now,
      })
      .where(eq(antennaReport.id, report.id));
    await recordEvent(tx, report.id, actor!.personId, 'status', closing ? `${status}:${input.reason}` : status);
  });
  return { ok: true, value: null };
}

export async function assignCase(db: Db, actor: Actor | null, territoryId: string, reference: string, personId: string): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const handlers = await territoryHandlers(db, territoryId);
  const assignee = personId === '' ? null : personId;
  if (assignee && !handlers.some((h) => h.personId === assignee)) return { ok: false, error: 'invalid', fields: { assignee: 'antenna.errors.chooseOne' } };
  await db.transaction(async (tx) => {
    await tx.update(antennaReport).set({ assignedTo: assignee, updatedAt: new Date() }).where(eq(antennaReport.id, report.id));
    await recordEvent(tx, report.id, actor!.personId, 'assign', assignee ?? '');
  });
  return { ok: true, value: null };
}

/** An internal note (seen by handlers only) or a message to the reporter, encrypted with the report key. */
export async function writeOnCase(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  reference: string,
  key: { privateKey: Uint8Array; publicKey: string } | null,
  input: { kind: 'note' | 'message'; text: string },
): Promise<Outcome<null, 'not-found' | 'invalid' | 'locked'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const text = input.text.replace(/\r\n/g, '\n').trim();
  if (!text) return { ok: false, error: 'invalid', fields: { text: 'antenna.errors.messageRequired' } };
  if (text.length > messageMaxLength) return { ok: false, error: 'invalid', fields: { text: 'antenna.errors.tooLong' } };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const reportKey = await reportKeyFor(db, actor!, report, key);
  if (!reportKey) return { ok: false, error: 'locked' };
  await insertMessage(db, report.id, reportKey, { author: 'handler', kind: input.kind, authorId: actor!.personId, text });
  sodium.memzero(reportKey);
  return { ok: true, value: null };
}

export async function addCaseFile(
  db: Db,
  actor: Actor | null,
  files: FileStore,
  territoryId: string,
  reference: string,
  key: { privateKey: Uint8Array; publicKey: string } | null,
  file: IncomingFile,
): Promise<Outcome<null, 'not-found' | 'invalid' | 'locked'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const reportKey = await reportKeyFor(db, actor!, report, key);
  if (!reportKey) return { ok: false, error: 'locked' };
  const stored = await storeFile(db, files, report.id, reportKey, file);
  return stored.ok ? { ok: true, value: null } : { ok: false, error: 'invalid', fields: { file: stored.error } };
}

// ---------------------------------------------------------------- classification → diagnosis

export interface Classification {
  serviceId: string;
  grounds: string[];
  dimension: string;
  districtId: string;
  month: string;
}

/** The coarse, non-identifying fact the diagnosis counts for a classified case. */
export function factOf(report: Pick<ReportRow, 'id' | 'territoryId' | 'serviceId' | 'grounds' | 'dimension' | 'districtId' | 'month'>, departmentId: string | null): DiagnosisFact {
  return {
    source: 'case',
    sourceId: report.id,
    territoryId: report.territoryId,
    departmentId,
    serviceId: report.serviceId,
    facilityId: null,
    grounds: report.grounds ?? [],
    dimension: report.dimension,
    districtId: report.districtId,
    neighbourhoodId: null,
    month: report.month!,
    severity: null,
    barrier: null,
  };
}

export async function classifyCase(
  db: Db,
  actor: Actor | null,
  territory: TerritoryRef,
  reference: string,
  input: Classification,
): Promise<Outcome<null, 'not-found' | 'invalid'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territory.id, reference);
  if (!report) return { ok: false, error: 'not-found' };
  const errors: Record<string, string> = {};
  const service = input.serviceId ? await findService(db, territory.id, input.serviceId) : null;
  if (input.serviceId && !service) errors.serviceId = 'antenna.errors.chooseOne';
  const grounds = [...new Set(input.grounds)];
  if (grounds.length === 0 || !grounds.every((g) => territory.settings.grounds.includes(g))) errors.grounds = 'antenna.errors.groundsRequired';
  if (input.dimension && !(dimensions as readonly string[]).includes(input.dimension)) errors.dimension = 'antenna.errors.chooseOne';
  if (input.districtId) {
    const districts = await listAreaSummaries(db, territory.id, 'district');
    if (!districts.some((d) => d.id === input.districtId)) errors.districtId = 'antenna.errors.chooseOne';
  }
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(input.month)) errors.month = 'antenna.errors.monthInvalid';
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors };
  const now = new Date();
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(antennaReport)
      .set({
        classifiedAt: now,
        serviceId: service?.id ?? null,
        grounds,
        dimension: input.dimension || null,
        districtId: input.districtId || null,
        month: input.month,
        updatedAt: now,
      })
      .where(eq(antennaReport.id, report.id))
      .returning();
    await recordEvent(tx, report.id, actor!.personId, 'classify');
    await publish(tx, 'diagnosis.facts.upsert', { facts: [factOf(updated!, service?.departmentId ?? null)] });
  });
  return { ok: true, value: null };
}

/** Takes a case out of the statistics (e.g. classified by mistake). */
export async function declassifyCase(db: Db, actor: Actor | null, territoryId: string, reference: string): Promise<Outcome<null, 'not-found'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  await db.transaction(async (tx) => {
    await tx
      .update(antennaReport)
      .set({ classifiedAt: null, serviceId: null, grounds: null, dimension: null, districtId: null, month: null, updatedAt: new Date() })
      .where(eq(antennaReport.id, report.id));
    await recordEvent(tx, report.id, actor!.personId, 'declassify');
    await publish(tx, 'diagnosis.facts.remove', { source: 'case', sourceIds: [report.id] });
  });
  return { ok: true, value: null };
}

// ---------------------------------------------------------------- referral, only with consent

export async function referCase(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  reference: string,
  input: { kind: string; serviceId: string; organisationId: string },
): Promise<Outcome<null, 'not-found' | 'invalid' | 'no-consent'>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const report = await findCase(db, territoryId, reference);
  if (!report) return { ok: false, error: 'not-found' };
  // The person's recorded yes is the only way a case leaves the antenna.
  if (!report.referralConsent) return { ok: false, error: 'no-consent' };
  if (report.status === 'closed') return { ok: false, error: 'invalid', fields: { kind: 'antenna.errors.closedCase' } };
  let target: string;
  if (input.kind === 'service') {
    const service = await findService(db, territoryId, input.serviceId);
    if (!service) return { ok: false, error: 'invalid', fields: { serviceId: 'antenna.errors.chooseOne' } };
    target = service.id;
  } else if (input.kind === 'organisation') {
    if (!input.organisationId) return { ok: false, error: 'invalid', fields: { organisationId: 'antenna.errors.organisationRequired' } };
    // Only a member organisation of this territory's Agreement can receive a case.
    if (!isUuid(input.organisationId) || !(await isMember(db, input.organisationId, territoryId))) {
      return { ok: false, error: 'invalid', fields: { organisationId: 'antenna.errors.organisationInvalid' } };
    }
    target = input.organisationId.toLowerCase();
  } else {
    return { ok: false, error: 'invalid', fields: { kind: 'antenna.errors.chooseOne' } };
  }
  await db.transaction(async (tx) => {
    await tx
      .update(antennaReport)
      .set({ status: 'referred', referredKind: input.kind as 'service' | 'organisation', referredTo: target, updatedAt: new Date() })
      .where(eq(antennaReport.id, report.id));
    await recordEvent(tx, report.id, actor!.personId, 'refer', `${input.kind}:${target}`);
  });
  return { ok: true, value: null };
}

/** How many organisations the referral list shows at once; a search by name finds the others. */
export const referralChoicesShown = 50;

export interface ReferralOrganisations {
  organisations: { id: string; name: string }[];
  /** How many member organisations match in all. */
  total: number;
}

/** The member organisations of the territory a case can be passed on to: the first by name, or those a search finds. */
export async function referralOrganisations(db: Db, actor: Actor | null, territoryId: string, search: string): Promise<Outcome<ReferralOrganisations>> {
  const permission = requirePermission(actor, 'antenna.case.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await searchDirectory(db, territoryId, { q: search.trim().slice(0, 100) }, referralChoicesShown);
  return { ok: true, value: { organisations: found.organisations.map((o) => ({ id: o.id, name: o.name })), total: found.total } };
}

/** The name of an organisation a case names: where it was passed on to, or which one filed it (case handlers only). */
export async function referredOrganisationName(db: Db, actor: Actor | null, territoryId: string, organisationId: string): Promise<string | null> {
  if (!requirePermission(actor, 'antenna.case.read', { territoryId }).ok) return null;
  return (await findOrganisation(db, organisationId))?.name ?? null;
}

// ---------------------------------------------------------------- recovery key

export async function recoveryKeyExists(db: Db, territoryId: string): Promise<boolean> {
  const [row] = await db.select({ id: antennaRecoveryKey.territoryId }).from(antennaRecoveryKey).where(eq(antennaRecoveryKey.territoryId, territoryId));
  return Boolean(row);
}

/** Makes the territory's recovery key pair; the private key is returned once, to be shown and kept offline. */
export async function createRecoveryKey(db: Db, actor: Actor | null, territoryId: string): Promise<Outcome<{ privateKey: string }, 'exists'>> {
  const permission = requirePermission(actor, 'antenna.recovery.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  return makeRecoveryKey(db, territoryId, actor!.personId);
}

/** The demo seed and command-line tools (no request): makes the key pair without a permission check. */
export async function makeRecoveryKey(db: Db, territoryId: string, createdBy: string): Promise<Outcome<{ privateKey: string }, 'exists'>> {
  const pair = newKeyPair();
  const inserted = await db
    .insert(antennaRecoveryKey)
    .values({ territoryId, publicKey: pair.publicKey, createdBy })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) return { ok: false, error: 'exists' };
  const privateKey = toB64(pair.privateKey);
  sodium.memzero(pair.privateKey);
  return { ok: true, value: { privateKey } };
}

/** With the recovery key, seals every case of the territory again to a handler's current public key. */
export async function regrantWithRecoveryKey(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  input: { recoveryKey: string; personId: string },
): Promise<Outcome<{ cases: number }, 'invalid'>> {
  const permission = requirePermission(actor, 'antenna.recovery.manage', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [recovery] = await db.select().from(antennaRecoveryKey).where(eq(antennaRecoveryKey.territoryId, territoryId));
  let privateKey: Uint8Array | null = null;
  try {
    privateKey = fromB64(input.recoveryKey.trim());
  } catch {
    privateKey = null;
  }
  if (!recovery || !privateKey || privateKey.length !== 32 || publicKeyOf(privateKey) !== recovery.publicKey) {
    return { ok: false, error: 'invalid', fields: { recoveryKey: 'antenna.errors.recoveryKeyWrong' } };
  }
  const [handler] = await db.select().from(antennaHandlerKey).where(and(eq(antennaHandlerKey.territoryId, territoryId), eq(antennaHandlerKey.personId, input.personId)));
  if (!handler) return { ok: false, error: 'invalid', fields: { personId: 'antenna.errors.chooseOne' } };
  const reports = await db
    .select({ id: antennaReport.id })
    .from(antennaReport)
    .where(and(eq(antennaReport.territoryId, territoryId), isNull(antennaReport.purgedAt)));
  const ids = reports.map((r) => r.id);
  const sealedRows =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(antennaReportKey)
          .where(and(inArray(antennaReportKey.reportId, ids), eq(antennaReportKey.holderKind, 'recovery')));
  let cases = 0;
  await db.transaction(async (tx) => {
    for (const sealed of sealedRows) {
      const reportKey = openSealed(sealed.sealedKey, recovery.publicKey, privateKey!);
      const row = { reportId: sealed.reportId, holderKind: 'handler' as const, holderId: handler.personId, publicKey: handler.publicKey, sealedKey: sealTo(handler.publicKey, reportKey) };
      sodium.memzero(reportKey);
      await tx
        .insert(antennaReportKey)
        .values(row)
        .onConflictDoUpdate({ target: [antennaReportKey.reportId, antennaReportKey.holderKind, antennaReportKey.holderId], set: { publicKey: row.publicKey, sealedKey: row.sealedKey } });
      await recordEvent(tx, sealed.reportId, actor!.personId, 'regrant', handler.personId);
      cases++;
    }
  });
  sodium.memzero(privateKey);
  return { ok: true, value: { cases } };
}

// ---------------------------------------------------------------- evidence for the audits

export interface CaseEvidence {
  /** The case reference: lets the audit network cite the case; it opens nothing without a handler's key. */
  reference: string;
  territoryId: string;
  serviceId: string | null;
  grounds: string[];
  dimension: string | null;
  districtId: string | null;
  month: string;
  status: ReportStatus;
}

/**
 * For the audits context: a classified case as evidence for a finding, with only its non-identifying
 * fields. Never the story, the contact, the messages or who filed it. Unclassified cases give null.
 */
export async function caseEvidence(db: Db, actor: Actor | null, territoryId: string, reference: string): Promise<Outcome<CaseEvidence, 'not-found'>> {
  const permission = requirePermission(actor, 'antenna.case.evidence', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [row] = await db
    .select()
    .from(antennaReport)
    .where(and(eq(antennaReport.territoryId, territoryId), eq(antennaReport.reference, reference)));
  if (!row || !row.classifiedAt || !row.month) return { ok: false, error: 'not-found' };
  return {
    ok: true,
    value: {
      reference: row.reference,
      territoryId: row.territoryId,
      serviceId: row.serviceId,
      grounds: row.grounds ?? [],
      dimension: row.dimension,
      districtId: row.districtId,
      month: row.month,
      status: row.status,
    },
  };
}
