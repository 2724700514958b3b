// Starts the real server in its own process for a benchmark: a fresh embedded database with the
// demo data, or a fresh database on the PostgreSQL server at DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Db } from '../src/platform/db/client.ts';
import { initialiseIfNew } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';
import { demoServerEnv, waitUntilReady } from '../test/support/server-process.ts';

/**
 * V8's heap sizes for a server process (npm start sets the same). By default V8 sizes the heap to the machine: on
 * the 24 GB development machine a young generation of 2 × 64 MB and an old one let grow to several times what is
 * alive, so a steady load held 630 MB of RSS with about 90 MB alive; with these, 309 MB after warming up and
 * 336 MB after 10 minutes (bench soak on PostgreSQL). A big import or export that needs more than 512 MB of old space would stop the process: raise
 * the second figure for such an instance.
 */
export const serverNodeFlags = ['--max-semi-space-size=16', '--max-old-space-size=512'];

export interface BenchServer {
  baseUrl: string;
  engine: 'pglite' | 'postgres';
  /** The server process, to read its memory use. */
  process: ChildProcess;
  /** From spawning the process to its first ready answer (/readyz). */
  startMs: number;
  dataDir: string;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  postgresUrl?: string;
  /** Keep this data directory (and database) when stopped, to start again on it. */
  dataDir?: string;
  databaseUrl?: string;
  keep?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Adds data for a scenario (e.g. 10,000 organisations) to the demo database before the server starts. */
  prepare?: (db: Db) => Promise<void>;
}

export async function startBenchServer(options: BenchServerOptions = {}): Promise<BenchServer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-bench-'));
  let databaseUrl: string | undefined = options.databaseUrl;
  let dropDatabase = async () => undefined as void;
  if (options.postgresUrl && !databaseUrl) {
    const name = `coproduce_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: options.postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  }
  if (options.prepare) {
    const database = await openDatabase({ databaseUrl: databaseUrl ?? null, dataDir, poolSize: 2 });
    try {
      await database.migrate();
      await initialiseIfNew(database.db, manifests, true, () => undefined);
      await options.prepare(database.db);
    } finally {
      await database.close();
    }
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...serverNodeFlags, '--import', 'tsx', 'src/main.ts'], {
    env: {
      // The benchmark measures throughput, not the per-client limit.
      ...demoServerEnv({ port, dataDir, rateLimitPerMinute: 100_000_000 }),
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await waitUntilReady(baseUrl, { child, seconds: 180, output: () => output, everyMs: 50 });
  const startMs = Math.round(performance.now() - spawnedAt);
  return {
    baseUrl,
    engine: databaseUrl ? 'postgres' : 'pglite',
    process: child,
    startMs,
    dataDir,
    databaseUrl,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.on('exit', resolve));
      }
      if (options.keep) return;
      fs.rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase();
    },
  };
}

/**
 * The first start on an empty database with the demo (migrations and the whole demo seed), then a later start on
 * the same data: each timed from spawning the process to its first ready answer.
 */
export async function measureStarts(postgresUrl?: string): Promise<{ engine: string; firstMs: number; laterMs: number }> {
  const first = await startBenchServer({ ...(postgresUrl ? { postgresUrl } : {}), keep: true });
  await first.stop();
  const later = await startBenchServer({ dataDir: first.dataDir, ...(first.databaseUrl ? { databaseUrl: first.databaseUrl, postgresUrl } : {}) });
  const result = { engine: first.engine, firstMs: first.startMs, laterMs: later.startMs };
  await later.stop();
  if (first.databaseUrl && postgresUrl) {
    const name = new URL(first.databaseUrl).pathname.slice(1);
    const dropper = new pg.Client({ connectionString: postgresUrl });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  }
  return result;
}
