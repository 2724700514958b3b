// Sign-in throttling: failures counted per account and per client (keyed hashes only, never an
// address), in memory or in Redis when REDIS_URL is set so every instance shares the counts.
import { Redis } from 'ioredis';

export interface Throttle {
  /** Failures counted for this key within the window. */
  failures(key: string): Promise<number>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export const throttleWindowMs = 15 * 60_000;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerClient = 20;

export function memoryThrottle(windowMs = throttleWindowMs, now = () => Date.now()): Throttle {
  const counts = new Map<string, { count: number; until: number }>();
  const current = (key: string) => {
    const entry = counts.get(key);
    if (entry && entry.until <= now()) {
      counts.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    async failures(key) {
      return current(key)?.count ?? 0;
    },
    async fail(key) {
      const entry = current(key);
      if (entry) entry.count++;
      else counts.set(key, { count: 1, until: now() + windowMs });
      // Keep memory bounded: drop expired entries now and then.
      if (counts.size > 10_000) for (const k of counts.keys()) current(k);
    },
    async reset(key) {
      counts.delete(key);
    },
    async close() {
      counts.clear();
    },
  };
}

export function redisThrottle(url: string, windowMs = throttleWindowMs): Throttle {
  const redis = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1 });
  const name = (key: string) => `coproduce-signin:${key}`;
  return {
    async failures(key) {
      return Number((await redis.get(name(key))) ?? 0);
    },
    async fail(key) {
      const count = await redis.incr(name(key));
      if (count === 1) await redis.pexpire(name(key), windowMs);
    },
    async reset(key) {
      await redis.del(name(key));
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}
