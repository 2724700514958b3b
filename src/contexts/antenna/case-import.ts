// Files many cases that were already told and classified, at once: the demo's history of the antenna
// (and an earlier register a territory brings along). Each case is protected exactly like one filed
// through the form: its own report key encrypts the answers, the key is sealed to the territory's
// recovery key and every handler, and only the classified fields go to the diagnosis.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { publish } from '../../platform/events.ts';
import { servicesOf } from '../catalogue/catalogue.service.ts';
import { antennaCaseEvent, antennaHandlerKey, antennaRecoveryKey, antennaReport, antennaReportKey, type ReportStatus } from './antenna.schema.ts';
import { encryptFor, newReference, newReportKey, sealTo, sodium } from './antenna.crypto.ts';
import type { Answers } from './answers.ts';
import { factOf, type Classification } from './triage.service.ts';

export interface ClassifiedCase {
  /** What the person told, as the form stores it (story, when, where, grounds, mode…). */
  answers: Answers;
  classification: Classification;
  status: Exclude<ReportStatus, 'new'>;
  /** Why it was closed (one of closeReasons), for closed cases. */
  statusReason?: string;
  createdAt: Date;
  /** When it was classified, last changed, and closed when closed. */
  classifiedAt: Date;
  updatedAt: Date;
  /** The service it was passed on to, with the person's consent (status 'referred'). */
  referredTo?: string;
}

const batch = 250;
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / batch) }, (_, i) => xs.slice(i * batch, (i + 1) * batch));

/**
 * No receipt is kept for these cases: their receipts were shown once, long ago, to the people who told
 * them (in the demo, to nobody), so they are followed by the handlers only. That also spares one
 * Argon2id derivation per case, which would make a demo of hundreds of cases take seconds to load.
 * Sealing is one crypto_box_seal per holder per case: well under a millisecond.
 */
export async function importClassifiedCases(db: Db, territory: { id: string; settings: { caseRetentionDays: number } }, cases: ClassifiedCase[]): Promise<number> {
  const [recovery] = await db.select().from(antennaRecoveryKey).where(eq(antennaRecoveryKey.territoryId, territory.id));
  if (!recovery) throw new Error('The antenna of this territory is not open: it has no recovery key to seal cases to');
  const handlers = await db.select().from(antennaHandlerKey).where(eq(antennaHandlerKey.territoryId, territory.id));
  const departmentOf = new Map((await servicesOf(db, territory.id)).map((s) => [s.id, s.departmentId]));

  const reports: (typeof antennaReport.$inferInsert)[] = [];
  const keys: (typeof antennaReportKey.$inferInsert)[] = [];
  const events: (typeof antennaCaseEvent.$inferInsert)[] = [];
  for (const c of cases) {
    const id = randomUUID();
    const reportKey = newReportKey();
    const closed = c.status === 'closed';
    const { classification: k } = c;
    reports.push({
      id,
      territoryId: territory.id,
      reference: newReference(),
      mode: c.answers.mode ?? 'anonymous',
      referralConsent: c.answers.referral === 'yes',
      status: c.status,
      statusReason: closed ? (c.statusReason ?? 'resolved') : null,
      contentCipher: encryptFor(reportKey, `report:${id}:content`, JSON.stringify(c.answers)),
      classifiedAt: c.classifiedAt,
      serviceId: k.serviceId || null,
      grounds: [...new Set(k.grounds)],
      dimension: k.dimension || null,
      districtId: k.districtId || null,
      month: k.month,
      referredKind: c.referredTo ? 'service' : null,
      referredTo: c.referredTo ?? null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      closedAt: closed ? c.updatedAt : null,
      purgeAfter: closed ? new Date(c.updatedAt.getTime() + territory.settings.caseRetentionDays * 86_400_000) : null,
    });
    keys.push({ reportId: id, holderKind: 'recovery', holderId: territory.id, publicKey: recovery.publicKey, sealedKey: sealTo(recovery.publicKey, reportKey) });
    for (const h of handlers) keys.push({ reportId: id, holderKind: 'handler', holderId: h.personId, publicKey: h.publicKey, sealedKey: sealTo(h.publicKey, reportKey) });
    sodium.memzero(reportKey);
    events.push({ reportId: id, actorId: null, kind: 'classify', createdAt: c.classifiedAt });
    events.push(
      c.referredTo
        ? { reportId: id, actorId: null, kind: 'refer', detail: `service:${c.referredTo}`, createdAt: c.updatedAt }
        : { reportId: id, actorId: null, kind: 'status', detail: closed ? `closed:${c.statusReason ?? 'resolved'}` : c.status, createdAt: c.updatedAt },
    );
  }
  // Batched, one statement after another on the same connection (or transaction).
  for (const part of chunks(reports)) await db.insert(antennaReport).values(part);
  for (const part of chunks(keys)) await db.insert(antennaReportKey).values(part);
  for (const part of chunks(events)) await db.insert(antennaCaseEvent).values(part);
  await publish(db, 'diagnosis.facts.upsert', {
    facts: reports.map((r) => factOf({ id: r.id!, territoryId: r.territoryId, serviceId: r.serviceId ?? null, grounds: r.grounds ?? [], dimension: r.dimension ?? null, districtId: r.districtId ?? null, month: r.month ?? null }, r.serviceId ? (departmentOf.get(r.serviceId) ?? null) : null)),
  });
  return reports.length;
}
