// Research extracts: one row per fact, k-anonymous over every column it releases that describes the
// fact — service, ground, district, neighbourhood, period, and those of source, dimension and severity
// it keeps (chooseColumns: the most detailed set that still keeps 90 % of the rows; the others are
// dropped) — by the generalisation of k-anonymity.ts written in SQL, streamed through a cursor so a million rows
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
import { csvLines, type CsvValue } from './csv.ts';

const batchSize = 5000;

/** Columns an extract releases only when every class stays at k rows or more with them. */
export const optionalColumns = ['source', 'dimension', 'severity'] as const;
export type OptionalColumn = (typeof optionalColumns)[number];

/** Most detailed first; the first that keeps enough rows is released. */
const candidateSets: OptionalColumn[][] = [['source', 'dimension', 'severity'], ['source', 'dimension'], ['source', 'severity'], ['dimension', 'severity'], ['source'], ['dimension'], ['severity'], []];
/** A column set is kept when it loses at most this share of the rows the coarsest extract keeps. */
const keepShare = 0.9;

/** The generalisation of k-anonymity.ts as one query (see that file for the rule), over the released columns. */
export function extractQuery(territoryId: string, kValue = k, columns: readonly OptionalColumn[] = optionalColumns) {
  const extra = columns.map((c) => `, ${c}`).join('');
  const partition = (keys: string) => sql.raw(`PARTITION BY ${keys}${extra}`);
  const keep = (c: OptionalColumn) => sql.raw(columns.includes(c) ? c : `NULL`);
  return sql`
    WITH base AS (
      SELECT source, service_id, array_to_string(grounds, '+') AS ground, district_id, neighbourhood_id,
             to_char(month, 'YYYY-MM') AS month, to_char(month, 'YYYY') || '-Q' || extract(quarter from month)::int AS quarter,
             dimension, severity
      FROM diagnosis_fact WHERE territory_id = ${territoryId}
    ), l0 AS (
      SELECT *, count(*) OVER (${partition('service_id, ground, district_id, neighbourhood_id, month')}) AS c0 FROM base
    ), l1 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue}) OVER (${partition('service_id, ground, district_id, month')}) AS c1 FROM l0
    ), l2 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue} AND c1 < ${kValue}) OVER (${partition('service_id, ground, district_id, quarter')}) AS c2 FROM l1
    ), l3 AS (
      SELECT *, count(*) FILTER (WHERE c0 < ${kValue} AND c1 < ${kValue} AND c2 < ${kValue}) OVER (${partition('service_id, district_id, quarter')}) AS c3 FROM l2
    ), released AS (
      SELECT ${keep('source')} AS source, service_id::text AS service_id,
             CASE WHEN c0 >= ${kValue} OR c1 >= ${kValue} OR c2 >= ${kValue} THEN ground ELSE 'other' END AS ground,
             district_id::text AS district_id,
             CASE WHEN c0 >= ${kValue} THEN neighbourhood_id::text END AS neighbourhood_id,
             CASE WHEN c0 >= ${kValue} OR c1 >= ${kValue} THEN month ELSE quarter END AS period,
             CASE WHEN c0 >= ${kValue} THEN 0 WHEN c1 >= ${kValue} THEN 1 WHEN c2 >= ${kValue} THEN 2 ELSE 3 END AS level,
             ${keep('dimension')} AS dimension, ${keep('severity')} AS severity
      FROM l3 WHERE c0 >= ${kValue} OR c1 >= ${kValue} OR c2 >= ${kValue} OR c3 >= ${kValue}
    )
    -- Ordered by what is released, never by arrival (which would tell more than the month).
    SELECT * FROM released ORDER BY period, district_id NULLS LAST, service_id NULLS LAST, ground, source, dimension, severity`;
}

/** The released columns: the most detailed set of source, dimension and severity that keeps at least 90 % of the rows. */
export async function chooseColumns(db: Db, territoryId: string): Promise<{ columns: OptionalColumn[]; rows: number }> {
  const count = async (columns: OptionalColumn[]) =>
    Number(((await db.execute(sql`SELECT count(*)::int AS n FROM (${extractQuery(territoryId, k, columns)}) AS e`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  const coarsest = await count([]);
  for (const columns of candidateSets.slice(0, -1)) {
    const rows = await count(columns);
    if (rows >= coarsest * keepShare) return { columns, rows };
  }
  return { columns: [], rows: coarsest };
}

/** The CSV's columns for a released set. */
export function columnsOf(released: readonly OptionalColumn[]): string[] {
  return extractColumns.filter((c) => !(optionalColumns as readonly string[]).includes(c) || released.includes(c as OptionalColumn));
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
): Promise<Outcome<Extract & { columns: string[] }, 'invalid' | 'access-log-unavailable'>> {
  const permission = requirePermission(actor, 'diagnosis.extract.download', { territoryId: territory.id });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const why = reason.trim();
  if (why.length < 10) return { ok: false, error: 'invalid', fields: { reason: 'diagnosis.research.errors.reason' } };
  if (why.length > 2000) return { ok: false, error: 'invalid', fields: { reason: 'diagnosis.research.errors.reasonLong' } };
  if (!logger) return { ok: false, error: 'access-log-unavailable' };
  const id = randomUUID();
  const at = new Date().toISOString();
  const { columns: released } = await chooseColumns(db, territory.id);
  const columns = columnsOf(released);
  // The log says which columns left with the extract.
  await logger.recordAccess(db, { actorId: actor!.personId, action: 'diagnosis.extract.download', recordType: 'diagnosis-extract', recordId: id, territoryId: territory.id, reason: `${why} [columns: ${columns.join(', ')}]` });
  const mark = await watermarker(db);
  const fingerprint = mark(`${id}|${actor!.personId}|${at}`);
  const [services, districts, neighbourhoods] = await Promise.all([servicesOf(db, territory.id), listAreaSummaries(db, territory.id, 'district'), listAreaSummaries(db, territory.id, 'neighbourhood')]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const areaCode = new Map([...districts, ...neighbourhoods].map((a) => [a.id, a.code]));
  const stream = new PassThrough();
  const requester = actor!.displayName.replace(/[\r\n]/g, ' ');
  // The watermark line: who asked, when, which extract, and a fingerprint only the platform can make.
  const header = `# Coproduce research extract ${id} for ${requester} (${actor!.personId}) at ${at}; k=${k}; fingerprint ${fingerprint}\n${csvLines([columns], '\n')}`;
  const write = async (chunk: string) => {
    if (stream.destroyed) throw new Error('extract stream closed');
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
  };
  void (async () => {
    try {
      await write(header);
      let row = 0;
      await db.transaction(async (tx) => {
        await tx.execute(sql`DECLARE diagnosis_extract NO SCROLL CURSOR FOR ${extractQuery(territory.id, k, released)}`);
        for (;;) {
          const result = (await tx.execute(sql.raw(`FETCH FORWARD ${batchSize} FROM diagnosis_extract`))) as unknown as { rows: ExtractRow[] };
          if (result.rows.length === 0) break;
          const lines = result.rows.map((r) => {
            row++;
            const all: Record<(typeof extractColumns)[number], CsvValue> = {
              row,
              source: r.source,
              service: r.service_id ? (serviceName.get(r.service_id) ?? r.service_id) : '',
              ground: r.ground,
              district: r.district_id ? (areaCode.get(r.district_id) ?? r.district_id) : '',
              neighbourhood: r.neighbourhood_id ? (areaCode.get(r.neighbourhood_id) ?? r.neighbourhood_id) : '',
              period: r.period,
              generalisation: Number(r.level),
              dimension: r.dimension,
              severity: r.severity,
              mark: mark(`${id}|${row}`).slice(0, 12),
            };
            return columns.map((c) => all[c as keyof typeof all]);
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
  return { ok: true, value: { id, columns, fingerprint, filename: `${territory.slug}-research-extract-${at.slice(0, 10)}.csv`, stream } };
}
