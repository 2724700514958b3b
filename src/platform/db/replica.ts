// Reads from a streaming replica (DATABASE_REPLICA_URL) for the requests that can take them: a GET of a page or
// JSON that is the same for every visitor who is not signed in (routes with `config: { cache }`: public pages and
// their JSON; `config: { readReplica: true }`: published aggregates). Everything else (writes, transactions, sessions, signed-in pages, so read-your-writes)
// goes to the primary.
//
// How: the pg pool given to Drizzle is a RoutingPool. A request that may read from the replica runs in a scope
// (AsyncLocalStorage); inside it, a lone statement that only reads (SELECT, no FOR UPDATE, no sequence or lock
// function) is sent to the replica pool; transactions (pool.connect) always use the primary.
//
// Never stale: after every write request (and every public domain event) the instance records the primary's WAL
// position (in Redis when there is one, so every instance knows it) before the page cache's version moves on. A
// request is sent to the replica only if the replica has replayed at least that far; otherwise it reads from the
// primary. A page cached under the new version was therefore rendered from data that includes the write.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { onPublished } from '../events.ts';

interface Scope {
  replica: boolean;
}
const scope = new AsyncLocalStorage<Scope>();

/** Statements sent to the replica and to the primary by this process (the scale test reads them). */
export const replicaStats = { replica: 0, primary: 0, fallbacks: 0 };

/** Whether a statement only reads, so that a hot standby can run it. */
export function readOnlyStatement(text: string): boolean {
  const t = text.trimStart();
  if (!/^select\b/i.test(t)) return false;
  return !/\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b|\b(nextval|setval|pg_advisory\w*|pg_try_advisory\w*|pg_notify|set_config)\s*\(/i.test(t);
}

/** A WAL position ("16/B374D848") as a fixed-width string that sorts like the position. */
export function lsnKey(lsn: string): string {
  const [high = '0', low = '0'] = lsn.split('/');
  return `${high.padStart(8, '0')}${low.padStart(8, '0')}`.toUpperCase();
}

/** An error the replica may give that the primary would not (gone, restarting, a conflict with recovery). */
function replicaTrouble(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return true;
  return !/^(22|23|42)/.test(code);
}

type Query = pg.Pool['query'];

/** A pg pool for Drizzle that sends read-only lone statements of a replica scope to the replica's pool. */
export class RoutingPool extends pg.Pool {
  readonly replica: pg.Pool;
  constructor(config: pg.PoolConfig, replica: pg.Pool) {
    super(config);
    this.replica = replica;
    const primaryQuery = pg.Pool.prototype.query.bind(this) as (...args: unknown[]) => Promise<unknown>;
    const replicaQuery = replica.query.bind(replica) as (...args: unknown[]) => Promise<unknown>;
    this.query = ((...args: unknown[]) => {
      const first = args[0] as string | { text?: unknown } | undefined;
      const text = typeof first === 'string' ? first : typeof first?.text === 'string' ? first.text : null;
      const callback = typeof args[args.length - 1] === 'function';
      if (!callback && scope.getStore()?.replica && text !== null && readOnlyStatement(text)) {
        replicaStats.replica += 1;
        return replicaQuery(...args).catch((error: unknown) => {
          if (!replicaTrouble(error)) throw error;
          replicaStats.fallbacks += 1;
          return primaryQuery(...args);
        });
      }
      replicaStats.primary += 1;
      return primaryQuery(...args);
    }) as Query;
  }
  override async end(): Promise<void> {
    await Promise.all([super.end(), this.replica.end()]);
  }
}

/** The replica side of an open database: WAL positions on both servers. */
export interface ReplicaLink {
  /** The primary's current WAL insert position. */
  primaryPosition(): Promise<string>;
  /** How far the replica has replayed, or null when it does not answer. */
  replayedPosition(): Promise<string | null>;
}

export function replicaLink(primary: pg.Pool, replica: pg.Pool): ReplicaLink {
  return {
    async primaryPosition() {
      // Straight to the primary, whatever scope the caller is in.
      const result = await (pg.Pool.prototype.query as (this: pg.Pool, text: string) => Promise<pg.QueryResult>).call(primary, 'select pg_current_wal_lsn()::text as lsn');
      return String((result.rows[0] as { lsn: string }).lsn);
    },
    async replayedPosition() {
      try {
        const result = await replica.query('select coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text as lsn');
        return String((result.rows[0] as { lsn: string }).lsn);
      } catch {
        return null;
      }
    },
  };
}

/** Runs fn with its lone read-only statements sent to the replica (scripts and tests; requests use the plugin). */
export function readingFromReplica<T>(fn: () => Promise<T>): Promise<T> {
  return scope.run({ replica: true }, fn);
}

const positionKey = 'coproduce-replica:written';
// Keeps the greater of the stored and the given position (both fixed-width, so strings compare as positions).
const keepGreater = "local c = redis.call('GET', KEYS[1]) if (not c) or c < ARGV[1] then redis.call('SET', KEYS[1], ARGV[1]) end return 1";

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Register before the page cache: after every write request, and on every public domain event, records the
 * primary's WAL position before the page cache moves its version on.
 */
export const replicaWritesPlugin = fp(
  async (app: FastifyInstance) => {
    const link = app.database.replica;
    if (!link) return;
    const redis = app.redis;
    let written = '';
    const note = async () => {
      const position = lsnKey(await link.primaryPosition().catch(() => 'FFFFFFFF/FFFFFFFF'));
      if (position > written) written = position;
      if (redis) await redis.eval(keepGreater, 1, positionKey, position).catch(() => undefined);
    };
    app.decorate('replicaRequired', async () => {
      if (!redis) return written;
      try {
        return String((await redis.get(positionKey)) ?? '');
      } catch {
        return null;
      }
    });
    // Every request runs in its own scope; a GET that may read from the replica switches it on (below).
    app.addHook('onRequest', (_request, _reply, done) => scope.run({ replica: false }, done));
    app.addHook('onSend', async (request, _reply, payload) => {
      if (unsafeMethods.has(request.method) && request.routeOptions.config?.invalidates !== false) await note();
      return payload;
    });
    const stop = onPublished(() => void note());
    app.addHook('onClose', async () => stop());
  },
  { name: 'coproduce-replica-writes' },
);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A GET whose answer is the same for every visitor who is not signed in, without being in the page cache (a
     * published diagnosis keeps its own cache): it may read from the replica. Routes with `cache` may already.
     */
    readReplica?: boolean;
  }
  interface FastifyInstance {
    /** The least WAL position a replica must have replayed to serve a public page ('' when none, null when unknown). */
    replicaRequired(): Promise<string | null>;
  }
}

/**
 * Register after the page cache (a cached page costs nothing more): a GET of a cacheable route by a visitor who is
 * not signed in reads from the replica when the replica has replayed the last write.
 */
export const replicaReadsPlugin = fp(
  async (app: FastifyInstance) => {
    const link = app.database.replica;
    if (!link) return;
    const eligible = (request: FastifyRequest) =>
      (request.method === 'GET' || request.method === 'HEAD') &&
      (request.routeOptions.config?.cache !== undefined || request.routeOptions.config?.readReplica === true) &&
      request.actor === null &&
      request.viewer === null &&
      !request.formReplay;
    app.addHook('preHandler', async (request) => {
      const current = scope.getStore();
      if (!current || !eligible(request)) return;
      const [required, replayed] = await Promise.all([app.replicaRequired(), link.replayedPosition()]);
      if (required === null || replayed === null) return;
      if (lsnKey(replayed) >= required) current.replica = true;
    });
  },
  { name: 'coproduce-replica-reads', dependencies: ['coproduce-replica-writes'] },
);
