// Counters every instance shares: in Redis when REDIS_URL is set (one Lua script per step), otherwise in
// the database (one upsert per step, under the row's lock). Each step is a single atomic operation, so
// thirty requests at once cannot all read "0 so far" before any of them counts; and the counts survive
// a restart. Keys are names and keyed hashes, never an address or an email.
import { and, eq, gt, lte, sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client.ts';
import { sharedCounter } from './counters.schema.ts';

export interface CounterStore {
  /** Counts one hit in a fixed window that starts at the key's first hit; answers the count so far, this hit included. */
  increment(key: string, windowMs: number): Promise<number>;
  /** The count in the key's current window (0 when there is none). */
  count(key: string): Promise<number>;
  /** Takes back one hit (never below 0). */
  decrement(key: string): Promise<void>;
  /** True the first time a key is claimed within `ttlMs`, false after (a proof of work is used once). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Forgets the key. */
  reset(key: string): Promise<void>;
}

/** One instance's memory: for tests, and while nothing better answers. */
export function memoryCounterStore(now = () => Date.now()): CounterStore {
  const entries = new Map<string, { count: number; until: number }>();
  const current = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.until <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const add = (key: string, ttlMs: number) => {
    // Keep memory bounded: drop expired entries now and then.
    if (entries.size > 50_000) for (const k of entries.keys()) current(k);
    const entry = { count: 1, until: now() + ttlMs };
    entries.set(key, entry);
    return entry;
  };
  return {
    async increment(key, windowMs) {
      const entry = current(key);
      if (!entry) return add(key, windowMs).count;
      return ++entry.count;
    },
    async count(key) {
      return current(key)?.count ?? 0;
    },
    async decrement(key) {
      const entry = current(key);
      if (entry && entry.count > 0) entry.count--;
    },
    async claim(key, ttlMs) {
      if (current(key)) return false;
      add(key, ttlMs);
      return true;
    },
    async reset(key) {
      entries.delete(key);
    },
  };
}

const purgeEvery = 500;

/**
 * The database as the shared store. Every step is one statement: INSERT … ON CONFLICT DO UPDATE takes
 * the row's lock, so concurrent increments of one key queue and each sees the one before. The
 * database's clock decides windows, so instances with drifting clocks agree.
 */
export function databaseCounterStore(db: Db): CounterStore {
  let calls = 0;
  const purgeNowAndThen = async () => {
    if (++calls % purgeEvery !== 0) return;
    await db.delete(sharedCounter).where(lte(sharedCounter.expiresAt, sql`clock_timestamp()`));
  };
  const until = (ms: number) => sql`clock_timestamp() + ${Math.max(1, Math.ceil(ms))} * interval '1 millisecond'`;
  const expired = sql`${sharedCounter.expiresAt} <= clock_timestamp()`;
  return {
    async increment(key, windowMs) {
      await purgeNowAndThen();
      const [row] = await db
        .insert(sharedCounter)
        .values({ key, count: 1, expiresAt: until(windowMs) })
        .onConflictDoUpdate({
          target: sharedCounter.key,
          set: {
            count: sql`case when ${expired} then 1 else ${sharedCounter.count} + 1 end`,
            expiresAt: sql`case when ${expired} then excluded.expires_at else ${sharedCounter.expiresAt} end`,
          },
        })
        .returning({ count: sharedCounter.count });
      return row!.count;
    },
    async count(key) {
      const [row] = await db
        .select({ count: sharedCounter.count })
        .from(sharedCounter)
        .where(and(eq(sharedCounter.key, key), gt(sharedCounter.expiresAt, sql`clock_timestamp()`)));
      return row?.count ?? 0;
    },
    async decrement(key) {
      await db
        .update(sharedCounter)
        .set({ count: sql`${sharedCounter.count} - 1` })
        .where(and(eq(sharedCounter.key, key), gt(sharedCounter.count, 0), gt(sharedCounter.expiresAt, sql`clock_timestamp()`)));
    },
    async claim(key, ttlMs) {
      await purgeNowAndThen();
      // Inserted, or an expired row taken over: claimed. A live row: already used.
      const rows = await db
        .insert(sharedCounter)
        .values({ key, count: 1, expiresAt: until(ttlMs) })
        .onConflictDoUpdate({ target: sharedCounter.key, set: { count: 1, expiresAt: sql`excluded.expires_at` }, setWhere: expired })
        .returning({ key: sharedCounter.key });
      return rows.length === 1;
    },
    async reset(key) {
      await db.delete(sharedCounter).where(eq(sharedCounter.key, key));
    },
  };
}

// INCR and the window's expiry in one step, so no key is ever left without an expiry.
const incrementScript = "local c = redis.call('INCR', KEYS[1]) if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return c";
// DECR only a live key with a count above 0 (a missing key is not created at -1).
const decrementScript = "local c = tonumber(redis.call('GET', KEYS[1])) if c and c > 0 then return redis.call('DECR', KEYS[1]) end return 0";

/**
 * Counters shared by every instance through Redis, under `prefix`. While Redis does not answer, the
 * `fallback` store counts (the database's, in the app) rather than letting every guess through.
 */
export function redisCounterStore(redis: Redis, prefix: string, fallback: CounterStore, onError: (error: unknown) => void = () => {}): CounterStore {
  const guarded =
    <A extends unknown[], R>(shared: (...args: A) => Promise<R>, local: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await shared(...args);
      } catch (error) {
        onError(error);
        return local(...args);
      }
    };
  return {
    increment: guarded(async (key: string, windowMs: number) => Number(await redis.eval(incrementScript, 1, prefix + key, String(Math.max(1, Math.ceil(windowMs))))), fallback.increment),
    count: guarded(async (key: string) => Number((await redis.get(prefix + key)) ?? 0), fallback.count),
    decrement: guarded(async (key: string) => void (await redis.eval(decrementScript, 1, prefix + key)), fallback.decrement),
    claim: guarded(async (key: string, ttlMs: number) => (await redis.set(prefix + key, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK', fallback.claim),
    reset: guarded(async (key: string) => void (await redis.del(prefix + key)), fallback.reset),
  };
}
