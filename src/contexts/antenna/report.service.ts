// Reporting: drafts held encrypted under the reporter's cookie key, submission in one transaction,
// the receipt, and following a report with it (status, messages, added information and files).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lt, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import type { FileStore } from '../../platform/files/file-store.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { publish } from '../../platform/events.ts';
import { findTerritoryById } from '../territories/territory.service.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { antennaDraft, antennaFile, antennaHandlerKey, antennaKeySession, antennaMessage, antennaRecoveryKey, antennaReport, antennaReportKey } from './antenna.schema.ts';
import {
  boxWith,
  cookieKeyFrom,
  decryptFor,
  encryptFor,
  fromB64,
  newCookieKey,
  newReceipt,
  newReference,
  newReportKey,
  newSalt,
  normaliseReceipt,
  openBox,
  receiptHash,
  receiptKey,
  sameHash,
  sealTo,
  sodium,
  toB64,
} from './antenna.crypto.ts';
import { validateAll, type Answers, type Draft, type StepContext } from './answers.ts';
import { readStoredFile, storeFile, type IncomingFile, type StoredFileMeta } from './files.ts';

export const draftLifetimeMs = 24 * 60 * 60 * 1000;
export const reporterSessionMs = 30 * 60 * 1000;
export const messageMaxLength = 5_000;
export const maxFilesPerReport = 10;

const receiptKeys = new WeakMap<Db, Uint8Array>();

async function receiptServerKey(db: Db): Promise<Uint8Array> {
  let key = receiptKeys.get(db);
  if (!key) {
    key = new Uint8Array(Buffer.from(await getOrCreateSecret(db, 'antenna-receipt'), 'base64url'));
    receiptKeys.set(db, key);
  }
  return key;
}

// ---------------------------------------------------------------- drafts

/**
 * Drafts are kept on the server, encrypted (secretbox) under a random key that lives only in the
 * reporter's HttpOnly session cookie; the row is found by a one-way hash of that key. Server-side so
 * the form works without JavaScript and survives a reload or a dropped connection (every page is saved
 * when sent); encrypted so no draft is ever readable at rest, and gone when the browser forgets the cookie.
 */
export async function loadDraft(db: Db, token: string | undefined, territoryId: string): Promise<Draft | null> {
  const opened = cookieKeyFrom(token);
  if (!opened) return null;
  const [row] = await db
    .select()
    .from(antennaDraft)
    .where(and(eq(antennaDraft.id, opened.id), eq(antennaDraft.territoryId, territoryId), gt(antennaDraft.expiresAt, new Date())));
  if (!row) return null;
  const plain = openBox(opened.key, row.cipher);
  return plain ? (JSON.parse(sodium.to_string(plain)) as Draft) : null;
}

/** Saves the draft under the cookie's key; returns a new cookie token when there was none. */
export async function saveDraft(db: Db, token: string | undefined, draft: Draft): Promise<string> {
  const existing = cookieKeyFrom(token);
  const made = existing ? null : newCookieKey();
  const key = existing?.key ?? made!.key;
  const id = existing?.id ?? made!.id;
  const cipher = boxWith(key, JSON.stringify(draft));
  const expiresAt = new Date(Date.now() + draftLifetimeMs);
  await db
    .insert(antennaDraft)
    .values({ id, territoryId: draft.territoryId, cipher, expiresAt })
    .onConflictDoUpdate({ target: antennaDraft.id, set: { cipher, expiresAt, territoryId: draft.territoryId } });
  return token && existing ? token : made!.token;
}

export async function deleteDraft(db: Db, token: string | undefined): Promise<void> {
  const opened = cookieKeyFrom(token);
  if (opened) await db.delete(antennaDraft).where(eq(antennaDraft.id, opened.id));
}

// ---------------------------------------------------------------- submission

export async function antennaIsOpen(db: Db, territoryId: string): Promise<boolean> {
  const [row] = await db.select({ t: antennaRecoveryKey.territoryId }).from(antennaRecoveryKey).where(eq(antennaRecoveryKey.territoryId, territoryId));
  return Boolean(row);
}

export interface SubmitInput {
  territoryId: string;
  answers: Answers;
  onBehalf?: Draft['onBehalf'];
  /** The reporter's draft cookie: the receipt is kept in it, encrypted, for the confirmation page. */
  draftToken?: string;
}

export interface Submitted {
  id: string;
  reference: string;
  receipt: string;
}

/**
 * Stores a report. The receipt is returned only after the transaction has committed, so a receipt a
 * person has seen always opens a stored report. Contact details are dropped for anonymous reports.
 */
export async function submitReport(
  db: Db,
  actor: Actor | null,
  input: SubmitInput,
  context: StepContext,
): Promise<Outcome<Submitted, 'closed' | 'invalid'>> {
  const permission = input.onBehalf
    ? requirePermission(actor, 'antenna.report.onBehalf', { organisationId: input.onBehalf.organisationId })
    : requirePermission(actor, 'antenna.report.submit', { territoryId: input.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const draft: Draft = { territoryId: input.territoryId, answers: input.answers, done: [], ...(input.onBehalf ? { onBehalf: input.onBehalf } : {}) };
  const errors = validateAll(draft, context);
  if (Object.keys(errors).length > 0) return { ok: false, error: 'invalid', fields: errors };

  const answers: Answers = { ...input.answers };
  if (answers.mode === 'anonymous') {
    delete answers.contactName;
    delete answers.contactEmail;
    delete answers.contactPhone;
  }
  const id = randomUUID();
  const reference = newReference();
  const receipt = newReceipt();
  const reportKey = newReportKey();
  const salt = newSalt();
  // Argon2id of the receipt runs before the transaction (native, on the thread pool), to keep the transaction short.
  const [serverKey, reporterKey] = await Promise.all([receiptServerKey(db), receiptKey(receipt, salt)]);
  const hash = receiptHash(serverKey, receipt);
  const reporterKeyCipher = boxWith(reporterKey, reportKey);
  sodium.memzero(reporterKey);
  const contentCipher = encryptFor(reportKey, `report:${id}:content`, JSON.stringify(answers));
  const now = new Date();

  const result = await db.transaction(async (tx) => {
    const [recovery] = await tx.select().from(antennaRecoveryKey).where(eq(antennaRecoveryKey.territoryId, input.territoryId));
    if (!recovery) return { ok: false as const, error: 'closed' as const };
    const handlers = await tx.select().from(antennaHandlerKey).where(eq(antennaHandlerKey.territoryId, input.territoryId));
    await tx.insert(antennaReport).values({
      id,
      territoryId: input.territoryId,
      reference,
      receiptHash: hash,
      receiptSalt: toB64(salt),
      reporterKeyCipher,
      mode: answers.mode!,
      referralConsent: answers.referral === 'yes',
      organisationId: input.onBehalf?.organisationId ?? null,
      filedBy: input.onBehalf?.filedBy ?? null,
      consentMethod: input.onBehalf ? (answers.consentMethod ?? null) : null,
      consentRecordedAt: input.onBehalf ? now : null,
      contentCipher,
    });
    await tx.insert(antennaReportKey).values([
      { reportId: id, holderKind: 'recovery' as const, holderId: input.territoryId, publicKey: recovery.publicKey, sealedKey: sealTo(recovery.publicKey, reportKey) },
      ...handlers.map((h) => ({ reportId: id, holderKind: 'handler' as const, holderId: h.personId, publicKey: h.publicKey, sealedKey: sealTo(h.publicKey, reportKey) })),
    ]);
    const opened = cookieKeyFrom(input.draftToken);
    if (opened) {
      // The receipt waits for the confirmation page in the draft, encrypted under the reporter's cookie key.
      const done: Draft = { ...draft, answers: {}, submitted: { receipt, reference } };
      await tx
        .insert(antennaDraft)
        .values({ id: opened.id, territoryId: input.territoryId, cipher: boxWith(opened.key, JSON.stringify(done)), expiresAt: new Date(Date.now() + draftLifetimeMs) })
        .onConflictDoUpdate({ target: antennaDraft.id, set: { cipher: boxWith(opened.key, JSON.stringify(done)) } });
    }
    return { ok: true as const };
  });
  sodium.memzero(reportKey);
  if (!result.ok) return { ok: false, error: result.error };
  return { ok: true, value: { id, reference, receipt } };
}

// ---------------------------------------------------------------- following a report with its receipt

export interface ReporterSession {
  reportId: string;
  territoryId: string;
  reportKey: Uint8Array;
}

/** Opens a report with its receipt: returns a cookie token for a short reporter session, or not-found. */
export async function openWithReceipt(db: Db, actor: Actor | null, territoryId: string, input: string): Promise<Outcome<{ token: string }, 'not-found'>> {
  const permission = requirePermission(actor, 'antenna.report.follow', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const receipt = normaliseReceipt(input);
  if (!receipt) return { ok: false, error: 'not-found' };
  const hash = receiptHash(await receiptServerKey(db), receipt);
  const [row] = await db
    .select()
    .from(antennaReport)
    .where(and(eq(antennaReport.receiptHash, hash), eq(antennaReport.territoryId, territoryId), isNull(antennaReport.purgedAt)));
  if (!row || !row.receiptHash || !sameHash(row.receiptHash, hash) || !row.receiptSalt || !row.reporterKeyCipher) return { ok: false, error: 'not-found' };
  const key = await receiptKey(receipt, fromB64(row.receiptSalt));
  const reportKey = openBox(key, row.reporterKeyCipher);
  sodium.memzero(key);
  if (!reportKey) return { ok: false, error: 'not-found' };
  const session = newCookieKey();
  await db.insert(antennaKeySession).values({
    id: session.id,
    kind: 'reporter',
    territoryId,
    reportId: row.id,
    keyCipher: boxWith(session.key, reportKey),
    expiresAt: new Date(Date.now() + reporterSessionMs),
  });
  sodium.memzero(reportKey);
  return { ok: true, value: { token: session.token } };
}

export async function reporterSession(db: Db, token: string | undefined, territoryId: string): Promise<ReporterSession | null> {
  const opened = cookieKeyFrom(token);
  if (!opened) return null;
  const [row] = await db
    .select()
    .from(antennaKeySession)
    .where(and(eq(antennaKeySession.id, opened.id), eq(antennaKeySession.kind, 'reporter'), gt(antennaKeySession.expiresAt, new Date())));
  if (!row || row.territoryId !== territoryId || !row.reportId) return null;
  const reportKey = openBox(opened.key, row.keyCipher);
  return reportKey ? { reportId: row.reportId, territoryId, reportKey } : null;
}

export async function endKeySession(db: Db, token: string | undefined): Promise<void> {
  const opened = cookieKeyFrom(token);
  if (opened) await db.delete(antennaKeySession).where(eq(antennaKeySession.id, opened.id));
}

export interface ShownMessage {
  id: string;
  author: 'reporter' | 'intermediary' | 'handler';
  kind: 'message' | 'information' | 'note';
  text: string;
  createdAt: Date;
}

export interface ShownFile {
  id: string;
  name: string;
  type: string;
  size: number;
  createdAt: Date;
}

export interface ReporterView {
  reference: string;
  status: string;
  statusReason: string | null;
  mode: 'anonymous' | 'confidential';
  createdAt: Date;
  onBehalf: boolean;
  messages: ShownMessage[];
  files: ShownFile[];
}

export function decryptMessages(reportId: string, reportKey: Uint8Array, rows: (typeof antennaMessage.$inferSelect)[]): ShownMessage[] {
  return rows.map((m) => ({
    id: m.id,
    author: m.author,
    kind: m.kind,
    text: decryptFor(reportKey, `report:${reportId}:message:${m.id}`, m.cipher),
    createdAt: m.createdAt,
  }));
}

export function decryptFiles(reportKey: Uint8Array, rows: (typeof antennaFile.$inferSelect)[]): ShownFile[] {
  return rows.map((f) => {
    const meta = JSON.parse(decryptFor(reportKey, `file-meta:${f.id}`, f.metaCipher)) as StoredFileMeta;
    return { id: f.id, name: meta.name, type: meta.type, size: f.size, createdAt: f.createdAt };
  });
}

/** What the reporter (or the intermediary) sees: status and the conversation, never internal notes. */
export async function reporterView(db: Db, session: ReporterSession): Promise<ReporterView | null> {
  const [report] = await db.select().from(antennaReport).where(and(eq(antennaReport.id, session.reportId), isNull(antennaReport.purgedAt)));
  if (!report) return null;
  const [messages, files] = await Promise.all([
    db
      .select()
      .from(antennaMessage)
      .where(and(eq(antennaMessage.reportId, report.id), ne(antennaMessage.kind, 'note')))
      .orderBy(asc(antennaMessage.createdAt)),
    db.select().from(antennaFile).where(eq(antennaFile.reportId, report.id)).orderBy(asc(antennaFile.createdAt)),
  ]);
  return {
    reference: report.reference,
    status: report.status,
    statusReason: report.statusReason,
    mode: report.mode,
    createdAt: report.createdAt,
    onBehalf: report.organisationId !== null,
    messages: decryptMessages(report.id, session.reportKey, messages),
    files: decryptFiles(session.reportKey, files),
  };
}

export async function insertMessage(
  db: Db,
  reportId: string,
  reportKey: Uint8Array,
  message: { author: ShownMessage['author']; kind: ShownMessage['kind']; authorId: string | null; text: string },
): Promise<void> {
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(antennaMessage).values({
      id,
      reportId,
      author: message.author,
      kind: message.kind,
      authorId: message.authorId,
      cipher: encryptFor(reportKey, `report:${reportId}:message:${id}`, message.text),
    });
    await tx.update(antennaReport).set({ updatedAt: new Date() }).where(eq(antennaReport.id, reportId));
  });
}

/** The person (or the organisation that filed for them) writes to the case handlers or adds information. */
export async function sendReporterMessage(
  db: Db,
  actor: Actor | null,
  session: ReporterSession,
  input: { kind: 'message' | 'information'; text: string },
): Promise<Outcome<null, 'invalid' | 'not-found'>> {
  const permission = requirePermission(actor, 'antenna.report.follow', { territoryId: session.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const text = input.text.replace(/\r\n/g, '\n').trim();
  if (!text) return { ok: false, error: 'invalid', fields: { text: 'antenna.errors.messageRequired' } };
  if (text.length > messageMaxLength) return { ok: false, error: 'invalid', fields: { text: 'antenna.errors.tooLong' } };
  const [report] = await db.select().from(antennaReport).where(and(eq(antennaReport.id, session.reportId), isNull(antennaReport.purgedAt)));
  if (!report) return { ok: false, error: 'not-found' };
  const asIntermediary = Boolean(actor && report.organisationId && actor.grants.some((g) => g.role === 'organisation-member' && g.scope.kind === 'organisation' && g.scope.id === report.organisationId));
  await insertMessage(db, report.id, session.reportKey, {
    author: asIntermediary ? 'intermediary' : 'reporter',
    kind: input.kind,
    authorId: asIntermediary ? actor!.personId : null,
    text,
  });
  // The handlers are told that a message waits; the event carries no reference and no text.
  const territory = await findTerritoryById(db, report.territoryId);
  if (territory) await publish(db, 'antenna.case.reporterMessage', { territoryId: territory.id, territoryName: territory.name, territorySlug: territory.slug, assignedTo: report.assignedTo });
  return { ok: true, value: null };
}

/** Adds a file to a report: metadata stripped, encrypted with the report key, stored on disk. */
export async function addReporterFile(
  db: Db,
  actor: Actor | null,
  files: FileStore,
  session: ReporterSession,
  file: IncomingFile,
): Promise<Outcome<null, 'invalid' | 'not-found'>> {
  const permission = requirePermission(actor, 'antenna.report.follow', { territoryId: session.territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const [report] = await db.select().from(antennaReport).where(and(eq(antennaReport.id, session.reportId), isNull(antennaReport.purgedAt)));
  if (!report) return { ok: false, error: 'not-found' };
  const existing = await db.select({ id: antennaFile.id }).from(antennaFile).where(eq(antennaFile.reportId, report.id));
  if (existing.length >= maxFilesPerReport) return { ok: false, error: 'invalid', fields: { file: 'antenna.errors.tooManyFiles' } };
  const stored = await storeFile(db, files, report.id, session.reportKey, file);
  if (!stored.ok) return { ok: false, error: 'invalid', fields: { file: stored.error } };
  return { ok: true, value: null };
}

export async function reporterFile(db: Db, files: FileStore, session: ReporterSession, fileId: string): Promise<{ meta: StoredFileMeta; data: Uint8Array } | null> {
  return readStoredFile(db, files, session.reportId, session.reportKey, fileId);
}

// ---------------------------------------------------------------- organisations following what they filed

export interface FiledReport {
  reference: string;
  status: string;
  createdAt: Date;
}

/** Reports an organisation filed on people's behalf: reference, status and date only (content needs the receipt). */
export async function reportsFiledBy(db: Db, actor: Actor | null, territoryId: string, organisationIds: string[]): Promise<Outcome<FiledReport[]>> {
  const allowed = organisationIds.filter((organisationId) => requirePermission(actor, 'antenna.report.onBehalf', { organisationId }).ok);
  if (allowed.length === 0) return { ok: false, error: actor ? 'forbidden' : 'signed-out' };
  const rows = await db
    .select({ reference: antennaReport.reference, status: antennaReport.status, createdAt: antennaReport.createdAt })
    .from(antennaReport)
    .where(and(eq(antennaReport.territoryId, territoryId), inArray(antennaReport.organisationId, allowed), isNull(antennaReport.purgedAt)))
    .orderBy(asc(antennaReport.createdAt));
  return { ok: true, value: rows };
}

/** Removes expired drafts and key sessions (run by the retention job). */
export async function deleteExpiredDraftsAndSessions(db: Db, now = new Date()): Promise<{ drafts: number; sessions: number }> {
  const drafts = await db.delete(antennaDraft).where(lt(antennaDraft.expiresAt, now)).returning({ id: antennaDraft.id });
  const sessions = await db.delete(antennaKeySession).where(lt(antennaKeySession.expiresAt, now)).returning({ id: antennaKeySession.id });
  return { drafts: drafts.length, sessions: sessions.length };
}
