// Sign-in throttling: attempts counted per account and per client in the platform's shared counters
// (Redis when REDIS_URL is set, else the database), so every instance shares the counts and a restart
// keeps them. An attempt is counted before the password is checked, in one atomic step: thirty wrong
// passwords sent at once for one account get five evaluations, not thirty. Keys are keyed hashes
// (the platform's secret) of the email or the client key, never the email itself.
import { createHmac } from 'node:crypto';
import { memoryCounterStore, type CounterStore } from '../../platform/counters/counters.ts';
import { keyedHash } from '../../platform/crypto/secrets.ts';

export interface Throttle {
  /** Counts one attempt for the key and answers how many were counted in its window, this one included. */
  attempt(key: string): Promise<number>;
  /** Takes one attempt back (a successful sign-in does not count against a shared client). */
  release(key: string): Promise<void>;
  /** Forgets the key (a successful sign-in clears its account's count). */
  reset(key: string): Promise<void>;
}

export const throttleWindowMs = 15 * 60_000;
export const maxFailuresPerAccount = 5;
export const maxFailuresPerClient = 20;

/** The throttle over a shared store; `secret` keys the hashes that stand for emails and clients. */
export function createThrottle(store: CounterStore, secret: string, windowMs = throttleWindowMs): Throttle {
  const name = (key: string) => `signin:${keyedHash(secret, key)}`;
  return {
    attempt: (key) => store.increment(name(key), windowMs),
    release: (key) => store.decrement(name(key)),
    reset: (key) => store.reset(name(key)),
  };
}

/** One instance's memory, for unit tests. */
export function memoryThrottle(windowMs = throttleWindowMs, now = () => Date.now()): Throttle {
  return createThrottle(memoryCounterStore(now), 'test', windowMs);
}

/** The Redis key prefix of one deployment's sign-in counters, derived from its secret (like the antenna's). */
export function throttlePrefix(secret: string): string {
  return `coproduce-signin:${createHmac('sha256', secret).update('counters').digest('base64url').slice(0, 12)}:`;
}
