// Research extracts: one row per fact, k-anonymous over (service, ground, district, month) by the
// generalisation of k-anonymity.ts written in SQL, streamed through a cursor so a million rows
// need no more memory than a few thousand. Every extract is access-logged and watermarked: a first
// line naming the requester and time with a keyed fingerprint, and a keyed mark on every row.
import { PassThrough, type Readable } from 'node:stream';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import sodium from 'libsodium-wrappers-sumo';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { listAreaSummaries, type Territory } from '../territories/territory.service.ts';
import { servicesOf } from '../catalogue/catalogue.service.ts';
import { k } from './diagnosis.figures.ts';
import type { AccessLogger } from './access-log.ts';
import { csvLines } from './csv.ts';

const batchSize = 5000;

/** The generalisation of k-anonymity.ts as one query (see that file for the rule). */
export function extractQuery(territoryId: string, kValue = k) {
  return sql`
    WITH base AS (
      SELECT source, service_id, array_to_string(grounds, '+') AS ground, district_id, neighbourhood_id,
             to_char(month, 'YYYY-MM') AS month, to_char(month, 'YYYY') || '-Q' || extract(quarter from month)::int AS quarter,
             dimension, severity
      FROM diagnosis_fact WHERE territory_id = ${territoryId}
    ), l0 AS (
      SELECT *, count(*) OVER (PARTITION BY service_id, ground, district_id, neighbourhood_id, month) AS c0 FROM base
    ), l1 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue}) OVER (PARTITION BY service_id, ground, district_id, month) AS c1 FROM l0
    ), l2 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue} AND c1 < ${kValue}) OVER (PARTITION BY service_id, ground, district_id, quarter) AS c2 FROM l1
    ), l3 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue} AND c1 < ${kValue} AND c2 < ${kValue}) OVER (PARTITION BY service_id, district_id, quarter) AS c3 FROM l2
    ), released AS (
      SELECT source, service_id::text AS service_id,
             CASE WHEN c0 >= ${kValue} OR c1 >= ${kValue} OR c2 >= ${kValue} THEN ground ELSE 'other' END AS ground,
             district_id::text AS district_id,
             CASE WHEN c0 >= ${kValue} THEN neighbourhood_id::text END AS neighbourhood_id,
             CASE WHEN c0 >= ${kValue} OR c1 >= ${kValue} THEN month ELSE quarter END AS period,
             CASE WHEN c0 >= ${kValue} THEN 0 WHEN c1 >= ${kValue} THEN 1 WHEN c2 >= ${kValue} THEN 2 ELSE 3 END AS level,
             dimension, severity
      FROM l3 WHERE c0 >= ${kValue} OR c1 >= ${kValue} OR c2 >= ${kValue} OR c3 >= ${kValue}
    )
    -- Ordered by what is released, never by arrival (which would tell more than the month).
    SELECT * FROM released ORDER BY period, district_id NULLS LAST, service_id NULLS LAST, ground, source`;
}

export interface ExtractRow {
  source: string;
  service_id: string | null;
  ground: string;
  district_id: string | null;
  neighbourhood_id: string | null;
  period: string;
  level: number;
  dimension: string | null;
  severity: number | null;
}

export const extractColumns = ['row', 'source', 'service', 'ground', 'district', 'neighbourhood', 'period', 'generalisation', 'dimension', 'severity', 'mark'] as const;

export interface Extract {
  id: string;
  filename: string;
  fingerprint: string;
  stream: Readable;
}

/** A keyed BLAKE2b hash (libsodium generichash) with the platform's watermark secret. */
export async function watermarker(db: Db): Promise<(message: string) => string> {
  await sodium.ready;
  const key = sodium.from_base64(await getOrCreateSecret(db, 'diagnosis-watermark'), sodium.base64_variants.URLSAFE_NO_PADDING);
  return (message: string) => sodium.to_hex(sodium.crypto_generichash(16, sodium.from_string(message), key));
}

export async function researchExtract(
  db: Db,
  actor: Actor | null,
  logger: AccessLogger | null,
  territory: Territory,
  reason: string,
): Promise<Outcome<Extract, 'invalid' | 'access-log-unavailable'>> {
  const permission = requirePermission(actor, 'diagnosis.extract.download', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const why = reason.trim();
  if (why.length < 10) return { ok: false, error: 'invalid', fields: { reason: 'diagnosis.research.errors.reason' } };
  if (why.length > 2000) return { ok: false, error: 'invalid', fields: { reason: 'diagnosis.research.errors.reasonLong' } };
  if (!logger) return { ok: false, error: 'access-log-unavailable' };
  const id = randomUUID();
  const at = new Date().toISOString();
  await logger.recordAccess(db, { actorId: actor!.personId, action: 'diagnosis.extract.download', recordType: 'diagnosis-extract', recordId: id, territoryId: territory.id, reason: why });
  const mark = await watermarker(db);
  const fingerprint = mark(`${id}|${actor!.personId}|${at}`);
  const [services, districts, neighbourhoods] = await Promise.all([servicesOf(db, territory.id), listAreaSummaries(db, territory.id, 'district'), listAreaSummaries(db, territory.id, 'neighbourhood')]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const areaCode = new Map([...districts, ...neighbourhoods].map((a) => [a.id, a.code]));
  const stream = new PassThrough();
  const requester = actor!.displayName.replace(/[\r\n]/g, ' ');
  // The watermark line: who asked, when, which extract, and a fingerprint only the platform can make.
  const header = `# Coproduce research extract ${id} for ${requester} (${actor!.personId}) at ${at}; k=${k}; fingerprint ${fingerprint}\n${csvLines([[...extractColumns]], '\n')}`;
  const write = async (chunk: string) => {
    if (stream.destroyed) throw new Error('extract stream closed');
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
  };
  void (async () => {
    try {
      await write(header);
      let row = 0;
      await db.transaction(async (tx) => {
        await tx.execute(sql`DECLARE diagnosis_extract NO SCROLL CURSOR FOR ${extractQuery(territory.id)}`);
        for (;;) {
          const result = (await tx.execute(sql.raw(`FETCH FORWARD ${batchSize} FROM diagnosis_extract`))) as unknown as { rows: ExtractRow[] };
          if (result.rows.length === 0) break;
          const lines = result.rows.map((r) => {
            row++;
            return [
              row,
              r.source,
              r.service_id ? (serviceName.get(r.service_id) ?? r.service_id) : '',
              r.ground,
              r.district_id ? (areaCode.get(r.district_id) ?? r.district_id) : '',
              r.neighbourhood_id ? (areaCode.get(r.neighbourhood_id) ?? r.neighbourhood_id) : '',
              r.period,
              Number(r.level),
              r.dimension,
              r.severity,
              mark(`${id}|${row}`).slice(0, 12),
            ];
          });
          await write(csvLines(lines, '\n'));
        }
        await tx.execute(sql`CLOSE diagnosis_extract`);
      });
      stream.end();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  return { ok: true, value: { id, fingerprint, filename: `${territory.slug}-research-extract-${at.slice(0, 10)}.csv`, stream } };
}
