// Access log appends per second under contention: `writers` concurrent appenders, spread over
// `territories` chains (one chain per territory), each append its own transaction as in a request.
// Run alone: tsx bench/access-log.ts [--pg] [--duration 2]; npm run bench reports it too.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { pgliteExtensions } from '../src/platform/db/pglite.ts';
import { recordAccess, verifyChain } from '../src/platform/access-log/access-log.ts';

export interface AccessLogBenchOptions {
  /** PostgreSQL server URL; the embedded database when absent. */
  postgresUrl?: string;
  durationMs: number;
  writers: number;
  territories: number;
}

export interface AccessLogBenchResult {
  engine: string;
  appendsPerSecond: number;
  appends: number;
  p50: number;
  p99: number;
  writers: number;
  territories: number;
  /** The chains verified after the run (a fast append that forks the chain would be worthless). */
  intact: boolean;
  /** Bare transactions of one small insert per second, same writers, same database, same run. */
  baselinePerSecond: number;
}

/** `writers` loops running `step` until the time is up; answers steps/s and each step's latency. */
async function measure(writers: number, durationMs: number, step: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  let count = 0;
  const started = performance.now();
  const until = started + durationMs;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = writer; performance.now() < until; i += writers) {
        const at = performance.now();
        await step(i);
        latencies.push(performance.now() - at);
        count++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { perSecond: count / ((performance.now() - started) / 1000), count, p50: quantile(0.5), p99: quantile(0.99) };
}

async function scratchDatabase(postgresUrl?: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!postgresUrl) {
    const database = await openDatabase({ databaseUrl: null, pglite: await PGlite.create({ extensions: pgliteExtensions }) });
    await database.migrate();
    return { database, drop: () => database.close() };
  }
  const name = `coproduce_bench_log_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export async function runAccessLogBench(options: AccessLogBenchOptions): Promise<AccessLogBenchResult> {
  const { database, drop } = await scratchDatabase(options.postgresUrl);
  try {
    const territories = Array.from({ length: options.territories }, () => randomUUID());
    const actorId = randomUUID();
    const append = (i: number) => recordAccess(database.db, { actorId, action: 'bench.record.read', recordType: 'record', recordId: String(i), territoryId: territories[i % territories.length]! });
    // Warm up: connections opened, statements prepared, heads created.
    for (let i = 0; i < options.territories * 3; i++) await append(i);
    await database.db.execute(sql`create table bench_baseline (id bigserial primary key, at timestamptz not null default now())`);
    const baseline = await measure(options.writers, options.durationMs, () => database.db.transaction(async (tx) => void (await tx.execute(sql`insert into bench_baseline default values`))));
    const run = await measure(options.writers, options.durationMs, append);
    return {
      engine: database.engine,
      appendsPerSecond: run.perSecond,
      appends: run.count,
      p50: run.p50,
      p99: run.p99,
      writers: options.writers,
      territories: options.territories,
      intact: (await verifyChain(database.db)).ok,
      baselinePerSecond: baseline.perSecond,
    };
  } finally {
    await drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { pg: { type: 'boolean', default: false }, duration: { type: 'string', default: '2' }, writers: { type: 'string', default: '16' }, territories: { type: 'string', default: '8' } } });
  const postgresUrl = values.pg ? process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres' : undefined;
  const result = await runAccessLogBench({ ...(postgresUrl ? { postgresUrl } : {}), durationMs: Number(values.duration) * 1000, writers: Number(values.writers), territories: Number(values.territories) });
  console.table([{ ...result, appendsPerSecond: Math.round(result.appendsPerSecond), baselinePerSecond: Math.round(result.baselinePerSecond) }]);
}
