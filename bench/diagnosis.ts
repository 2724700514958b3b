// The diagnosis at scale: a synthetic territory with `rows` facts over 5 years, generated inside the
// database (INSERT … SELECT generate_series), then in the same run and on the same database:
//  1. the diagnosis of one page (every aggregate, suppression included) against the same GROUP BY
//     queries hand-written, without the context's code around them — both times and the ratio;
//  2. the cached public page of a published diagnosis, requests/s and p99 against /healthz (autocannon,
//     in this process);
//  3. the research extract of every row streamed to a sink, with the peak RSS while it streams.
// The lead's bench/run.ts calls runDiagnosisBench; `node --expose-gc --import tsx bench/diagnosis.ts [--pg] [--rows N]`
// runs it alone (--expose-gc adds the retained heap every 100,000 exported rows).
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type Database, type Db } from '../src/platform/db/client.ts';
import { pgliteExtensions } from '../src/platform/db/pglite.ts';
import { systemActor, type Actor } from '../src/platform/auth/permissions.ts';
import { createTerritory, findTerritory, saveAreas } from '../src/contexts/territories/territory.service.ts';
import { createDepartment, createFacility, createService } from '../src/contexts/catalogue/catalogue.service.ts';
import { computeSnapshot, bucketSql, previousPeriod, type Period } from '../src/contexts/diagnosis/diagnosis.figures.ts';
import { prepareDiagnosis, voteOn } from '../src/contexts/diagnosis/diagnosis.service.ts';
import { researchExtract } from '../src/contexts/diagnosis/diagnosis.extract.ts';
import type { AccessEntry } from '../src/contexts/diagnosis/access-log.ts';

export interface DiagnosisBenchOptions {
  /** A PostgreSQL server URL (a fresh database is made on it and dropped after), or… */
  databaseUrl?: string;
  /** …an embedded PGlite (a fresh in-memory one when neither is given). */
  pglite?: PGlite;
  rows: number;
  /** autocannon seconds per route (default 5). */
  duration?: number;
  connections?: number;
  log?: (line: string) => void;
}

export interface DiagnosisBenchResult {
  engine: 'pglite' | 'postgres';
  rows: number;
  generateMs: number;
  /** Median of the timed runs. */
  diagnosisMs: number;
  handWrittenSqlMs: number;
  /** diagnosisMs ÷ handWrittenSqlMs */
  ratio: number;
  suppressedCells: number;
  publicPage: { path: string; requestsPerSecond: number; p99: number; bytesPerResponse: number; errors: number };
  baseline: { path: string; requestsPerSecond: number; p99: number; bytesPerResponse: number; errors: number };
  /** Public page req/s ÷ baseline req/s. */
  pageToBaseline: number;
  /** RSS includes PGlite's own memory when the database is embedded; the JS heap is the stream's. */
  extract: { rows: number; ms: number; rssBeforeMb: number; peakRssMb: number; growthMb: number; heapBeforeMb: number; peakHeapMb: number; retainedHeapMbEvery100k: number[] };
}

const services = 40;
const facilitiesPerService = 3;
const districts = 10;
const neighbourhoodsPerDistrict = 7;
const grounds = ['ethnic-origin', 'nationality', 'sex-gender', 'gender-identity-orientation', 'age', 'disability', 'religion', 'language', 'socio-economic', 'other'];

function square(x: number, y: number): GeoJSON.Polygon {
  const s = 0.01;
  return { type: 'Polygon', coordinates: [[[x, y], [x, y + s], [x + s, y + s], [x + s, y], [x, y]]] };
}

/** A territory with districts, neighbourhoods, a catalogue, and `rows` facts over 2021-01…2025-12. */
export async function generate(db: Db, rows: number): Promise<{ territoryId: string; slug: string }> {
  const slug = `bench-${randomUUID().slice(0, 8)}`;
  const territory = await createTerritory(db, { slug, name: 'Bench City', kind: 'municipality' });
  await saveAreas(
    db,
    territory.id,
    'district',
    Array.from({ length: districts }, (_, d) => ({ code: String(d + 1).padStart(2, '0'), name: `District ${d + 1}`, population: 50_000 + d * 10_000, parentCode: null, geometry: square((d % 5) * 0.01, Math.floor(d / 5) * 0.01) })),
  );
  await saveAreas(
    db,
    territory.id,
    'neighbourhood',
    Array.from({ length: districts * neighbourhoodsPerDistrict }, (_, n) => ({
      code: String(n + 1).padStart(3, '0'),
      name: `Neighbourhood ${n + 1}`,
      population: 8_000,
      parentCode: String(Math.floor(n / neighbourhoodsPerDistrict) + 1).padStart(2, '0'),
      geometry: null,
    })),
  );
  const serviceIds: string[] = [];
  const departmentIds: string[] = [];
  const facilityIds: string[] = [];
  for (let d = 0; d < services / 10; d++) {
    const department = await createDepartment(db, systemActor, { territoryId: territory.id, name: `Department ${d + 1}` });
    if (!department.ok) throw new Error('department');
    for (let s = 0; s < 10; s++) {
      const service = await createService(db, systemActor, { territoryId: territory.id, departmentId: department.value.id, name: `Service ${d * 10 + s + 1}` });
      if (!service.ok) throw new Error('service');
      serviceIds.push(service.value.id);
      departmentIds.push(department.value.id);
      for (let f = 0; f < facilitiesPerService; f++) {
        const facility = await createFacility(db, systemActor, { territoryId: territory.id, serviceId: service.value.id, name: `Facility ${f + 1}` });
        if (!facility.ok) throw new Error('facility');
        facilityIds.push(facility.value.id);
      }
    }
  }
  const areaRows = (await db.execute(sql`SELECT id, level, code FROM area WHERE territory_id = ${territory.id} ORDER BY level, code`)) as unknown as { rows: { id: string; level: string }[] };
  const districtIds = areaRows.rows.filter((a) => a.level === 'district').map((a) => a.id);
  const neighbourhoodIds = areaRows.rows.filter((a) => a.level === 'neighbourhood').map((a) => a.id);
  const uuids = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}::uuid`), sql`, `)}]`;
  const texts = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;
  // Deterministic spread; the last service and the last district are rare, so suppression has work to do.
  const batch = 250_000;
  for (let start = 1; start <= rows; start += batch) {
    const end = Math.min(rows, start + batch - 1);
    await db.execute(sql`
      INSERT INTO diagnosis_fact (source, source_id, territory_id, department_id, service_id, facility_id, grounds, dimension, district_id, neighbourhood_id, month, severity, barrier)
      SELECT CASE WHEN g % 2 = 0 THEN 'finding' ELSE 'case' END, gen_random_uuid(), ${territory.id}::uuid,
             (${uuids(departmentIds)})[s + 1], (${uuids(serviceIds)})[s + 1],
             CASE WHEN g % 2 = 0 THEN (${uuids(facilityIds)})[s * ${facilitiesPerService} + (g / 2) % ${facilitiesPerService} + 1] END,
             CASE WHEN g % 5 = 0 THEN ARRAY[(${texts(grounds)})[(g * 7) % 10 + 1], (${texts(grounds)})[(g * 3 + 1) % 10 + 1]]
                  ELSE ARRAY[(${texts(grounds)})[(g * 7) % 10 + 1]] END,
             (${texts(['access', 'information', 'language', 'treatment', 'requirements', 'physical-accessibility'])})[(g * 13) % 6 + 1],
             (${uuids(districtIds)})[d + 1], (${uuids(neighbourhoodIds)})[d * ${neighbourhoodsPerDistrict} + (g * 17) % ${neighbourhoodsPerDistrict} + 1],
             (date '2021-01-01' + ((g * 37) % 60) * interval '1 month')::date,
             CASE WHEN g % 2 = 0 THEN (g * 7) % 4 + 1 END,
             CASE WHEN g % 2 = 0 THEN 'item-' || ((g * 19) % 25) END
      FROM (
        SELECT g,
               CASE WHEN g % 50000 = 7 THEN ${services - 1} ELSE (g * 11) % ${services - 1} END AS s,
               CASE WHEN g % 20000 = 3 THEN ${districts - 1} ELSE (g * 31) % ${districts - 1} END AS d
        FROM generate_series(${start}::int, ${end}::int) AS g
      ) AS spread`);
  }
  await db.execute(sql`ANALYZE diagnosis_fact`);
  return { territoryId: territory.id, slug };
}

/** The same aggregates as queryFigures, written by hand as plain GROUP BY queries. */
async function handWritten(db: Db, territoryId: string, period: Period): Promise<void> {
  const from = `${period.from}-01`;
  const to = `${period.to}-01`;
  const prev = previousPeriod(period);
  const bucket = bucketSql(period.granularity);
  const where = sql`territory_id = ${territoryId} AND month BETWEEN ${from}::date AND ${to}::date`;
  await Promise.all([
    db.execute(sql`SELECT source, service_id, district_id, ${bucket} AS bucket, count(*) FROM diagnosis_fact WHERE ${where} GROUP BY 1, 2, 3, 4`),
    db.execute(sql`SELECT service_id, g, ${bucket} AS bucket, count(*) FROM diagnosis_fact, unnest(grounds) AS g WHERE ${where} GROUP BY 1, 2, 3`),
    db.execute(sql`SELECT service_id, count(*), avg(severity) FROM diagnosis_fact WHERE ${where} AND source = 'finding' AND severity IS NOT NULL GROUP BY 1`),
    db.execute(sql`SELECT service_id, barrier, count(DISTINCT facility_id) FROM diagnosis_fact WHERE ${where} AND barrier IS NOT NULL AND facility_id IS NOT NULL GROUP BY 1, 2 HAVING count(DISTINCT facility_id) >= 2`),
    db.execute(sql`SELECT source, district_id, count(*) FROM diagnosis_fact WHERE territory_id = ${territoryId} AND month BETWEEN ${`${prev.from}-01`}::date AND ${`${prev.to}-01`}::date GROUP BY 1, 2`),
    db.execute(sql`SELECT service_id, criterion, count(*), avg(user_score), avg(staff_score) FROM diagnosis_score_gap WHERE ${where} GROUP BY 1, 2`),
    db.execute(sql`SELECT service_id, ground, sum(both_well), sum(both_badly), sum(minority_worse), sum(majority_worse) FROM diagnosis_paired_test WHERE ${where} GROUP BY 1, 2`),
  ]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function load(url: string, duration: number, connections: number) {
  // As browsers ask: compressed. The page is served from its stored brotli copy.
  const result = await autocannon({ url, duration, connections, headers: { 'accept-encoding': 'br' } });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
    errors: result.errors + result.non2xx,
  };
}

export async function runDiagnosisBench(options: DiagnosisBenchOptions): Promise<DiagnosisBenchResult> {
  const log = options.log ?? (() => undefined);
  let database: Database;
  let cleanup = async () => undefined as void;
  if (options.databaseUrl) {
    const name = `coproduce_diagnosis_bench_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(options.databaseUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 12 });
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: options.databaseUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  } else {
    database = await openDatabase({ databaseUrl: null, pglite: options.pglite ?? (await PGlite.create({ extensions: pgliteExtensions })) });
  }
  try {
    await database.migrate();
    const db = database.db;
    let start = performance.now();
    const { territoryId, slug } = await generate(db, options.rows);
    const generateMs = performance.now() - start;
    log(`${database.engine}: ${options.rows} facts generated in ${Math.round(generateMs)} ms`);
    const territory = (await findTerritory(db, slug))!;
    const period: Period = { from: '2021-01', to: '2025-12', granularity: 'quarter' };

    // 1. One page of the diagnosis vs the hand-written GROUP BY, alternating, after a warm-up of each.
    await computeSnapshot(db, territory, period, false);
    await handWritten(db, territoryId, period);
    // Alternated run by run, so a busy machine slows both alike.
    const diagnosisTimes: number[] = [];
    const handWrittenTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      diagnosisTimes.push(await timed(() => computeSnapshot(db, territory, period, false), 1));
      handWrittenTimes.push(await timed(() => handWritten(db, territoryId, period), 1));
    }
    const diagnosisMs = median(diagnosisTimes);
    const handWrittenSqlMs = median(handWrittenTimes);
    const snapshot = await computeSnapshot(db, territory, period, false);
    const suppressedCells = Object.values(snapshot.tables)
      .flatMap((t) => [...t.cells.flat(), ...t.rowTotals, ...t.colTotals, t.total])
      .filter((c) => c.value === null).length;
    log(`${database.engine}: diagnosis ${Math.round(diagnosisMs)} ms, hand-written SQL ${Math.round(handWrittenSqlMs)} ms`);

    // 2. The cached public page of a published diagnosis against /healthz, on a server in this process.
    const actor = (role: 'audit-coordinator' | 'board-member' | 'researcher', name: string): Actor => ({
      personId: randomUUID(),
      displayName: name,
      locale: 'en',
      twoFactorVerified: true,
      grants: [{ role, scope: { kind: 'territory', id: territoryId } }],
    });
    const prepared = await prepareDiagnosis(db, actor('audit-coordinator', 'Bench coordinator'), territory, { title: 'Bench diagnosis', analysis: 'Generated for the benchmark.', ...period });
    if (!prepared.ok) throw new Error('prepare failed');
    await voteOn(db, actor('board-member', 'Board A'), territoryId, prepared.value.id, 'approve');
    await voteOn(db, actor('board-member', 'Board B'), territoryId, prepared.value.id, 'approve');
    const config = { ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000000' }) };
    const app = await buildApp({ config, database, logStream: new Writable({ write: (_c, _e, done) => done() }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    const base = `http://127.0.0.1:${address.port}`;
    const pagePath = `/ca/t/${slug}/diagnosis/1`;
    const duration = options.duration ?? 5;
    const connections = options.connections ?? 10;
    let baseline;
    let publicPage;
    try {
      for (let i = 0; i < 20; i++) {
        await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
        await fetch(`${base}${pagePath}`).then((r) => r.arrayBuffer());
      }
      baseline = { path: '/healthz', ...(await load(`${base}/healthz`, duration, connections)) };
      publicPage = { path: pagePath, ...(await load(`${base}${pagePath}`, duration, connections)) };
    } finally {
      await app.close();
    }
    log(`${database.engine}: public page ${Math.round(publicPage.requestsPerSecond)} req/s (p99 ${publicPage.p99} ms), /healthz ${Math.round(baseline.requestsPerSecond)} req/s`);

    // 3. The research extract of every fact, streamed to a sink; RSS sampled while it streams.
    // The access log here is the bench's own list: the extract refuses to run without one.
    const entries: AccessEntry[] = [];
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    let peak = rssBefore;
    let peakHeap = heapBefore;
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    };
    const sampler = setInterval(sample, 20);
    start = performance.now();
    const extract = await researchExtract(db, actor('researcher', 'Bench researcher'), { recordAccess: async (_db, entry) => void entries.push(entry) }, territory, 'Benchmark of the streamed extract');
    if (!extract.ok) throw new Error(`extract failed: ${extract.error}`);
    let lines = 0;
    let nextCheck = 100_000;
    // With --expose-gc: the heap still in use after a collection, every 100,000 rows (flat = constant memory).
    const retained: number[] = [];
    await pipeline(
      extract.value.stream,
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const byte of chunk) if (byte === 10) lines++;
          if (lines >= nextCheck && global.gc) {
            global.gc();
            retained.push(Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10);
            nextCheck += 100_000;
          }
          done();
        },
      }),
    );
    clearInterval(sampler);
    sample();
    const extractMs = performance.now() - start;
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    const extractResult = { rows: lines - 2, ms: Math.round(extractMs), rssBeforeMb: mb(rssBefore), peakRssMb: mb(peak), growthMb: mb(peak - rssBefore), heapBeforeMb: mb(heapBefore), peakHeapMb: mb(peakHeap), retainedHeapMbEvery100k: retained };
    log(`${database.engine}: extract of ${extractResult.rows} rows in ${extractResult.ms} ms, RSS ${extractResult.rssBeforeMb} → peak ${extractResult.peakRssMb} MB, JS heap ${extractResult.heapBeforeMb} → peak ${extractResult.peakHeapMb} MB`);

    return {
      engine: database.engine,
      rows: options.rows,
      generateMs: Math.round(generateMs),
      diagnosisMs: Math.round(diagnosisMs * 10) / 10,
      handWrittenSqlMs: Math.round(handWrittenSqlMs * 10) / 10,
      ratio: Math.round((diagnosisMs / handWrittenSqlMs) * 100) / 100,
      suppressedCells,
      publicPage,
      baseline,
      pageToBaseline: Math.round((publicPage.requestsPerSecond / baseline.requestsPerSecond) * 1000) / 1000,
      extract: extractResult,
    };
  } finally {
    await database.close();
    await cleanup();
  }
}

// Run alone: tsx bench/diagnosis.ts [--pg] [--rows 1000000]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { pg: { type: 'boolean', default: false }, rows: { type: 'string', default: '1000000' }, duration: { type: 'string', default: '5' } } });
  const result = await runDiagnosisBench({
    databaseUrl: values.pg ? process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' : undefined,
    rows: Number(values.rows),
    duration: Number(values.duration),
    log: (line) => console.log(line),
  });
  console.log(JSON.stringify(result, null, 2));
}
