// Opens the database: PGlite (PostgreSQL in WebAssembly) in the data directory by default,
// a PostgreSQL server through a pg pool when DATABASE_URL is set. One set of migrations for both.
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { lockDataDir } from './lock.ts';
import { replicaLink, RoutingPool, type ReplicaLink } from './replica.ts';

// Queries are written with the query builder on each context's own tables; the client needs no schema
// (so the platform imports no context).
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Set when DATABASE_REPLICA_URL is: public reads may go to the replica (see replica.ts). */
  replica?: ReplicaLink | null;
  /** Applies the committed migrations; safe when several instances start together. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

/**
 * How many statements this process has sent through the query builder (tests bound the queries a page makes:
 * no N+1). A counter, not a log: nothing of a query is kept.
 */
export const queryCount = { value: 0 };
const logger = { logQuery: () => void (queryCount.value += 1) };

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../migrations');

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir?: string;
  poolSize?: number;
  /** A streaming replica of databaseUrl (DATABASE_REPLICA_URL) and its pool size. */
  replicaUrl?: string | null;
  replicaPoolSize?: number;
  /** An existing PGlite instance (tests clone a migrated template into one). */
  pglite?: PGlite;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.replicaUrl ?? null, options.replicaPoolSize ?? options.poolSize ?? 10);
  return openPglite(options);
}

// The embedded engine is loaded only when it is used: a server on PostgreSQL does not carry it (about 50 MB).
async function openPglite(options: OpenOptions): Promise<Database> {
  const { PGlite, pgliteExtensions, drizzlePglite, migratePglite } = await import('./pglite.ts');
  let release: (() => void) | null = null;
  let client = options.pglite;
  if (!client) {
    if (!options.dataDir) throw new Error('dataDir is required for the embedded database');
    release = lockDataDir(options.dataDir);
    try {
      client = await PGlite.create({ dataDir: path.join(options.dataDir, 'pglite'), extensions: pgliteExtensions });
    } catch (error) {
      release();
      throw error;
    }
  }
  const pglite = client;
  const db = drizzlePglite(pglite, { logger }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    async migrate() {
      await migratePglite(db as never, { migrationsFolder });
    },
    async close() {
      if (!pglite.closed) await pglite.close();
      release?.();
    },
  };
}

async function openPostgres(url: string, poolSize: number, replicaUrl: string | null, replicaPoolSize: number): Promise<Database> {
  const replica = replicaUrl ? new pg.Pool({ connectionString: replicaUrl, max: replicaPoolSize }) : null;
  const pool = replica ? new RoutingPool({ connectionString: url, max: poolSize }, replica) : new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client lost its connection; the pool replaces it. Nothing to log that is not in pg's own error.
  for (const p of [pool, replica]) p?.on('error', () => undefined);
  const db = drizzlePg(pool, { logger }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    replica: replica ? replicaLink(pool, replica) : null,
    async migrate() {
      // Several instances may start at once: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock(727274)');
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
