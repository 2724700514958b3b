// Abuse resistance without surveillance: counters keyed by app.clientKey (a keyed hash, never the
// address), a hashcash-style proof of work, and the slower path for browsers without JavaScript.
// Counters and used challenges live in Redis when REDIS_URL is set, otherwise in the database, so every
// instance shares them and a restart forgets none (a used challenge stays used).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { memoryCounterStore, type CounterStore } from '../../platform/counters/counters.ts';

// The store itself is the platform's: Redis, or the database (atomic, survives a restart).
export { memoryCounterStore, redisCounterStore, type CounterStore } from '../../platform/counters/counters.ts';

/** A fixed-window limit over a store: `limit` hits per key per window. */
export class WindowCounter {
  constructor(
    private readonly store: CounterStore,
    readonly name: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; false when the limit was already reached in this window. */
  async hit(key: string): Promise<boolean> {
    return (await this.store.increment(`${this.name}:${key}`, this.windowMs)) <= this.limit;
  }

  async blocked(key: string): Promise<boolean> {
    return (await this.store.count(`${this.name}:${key}`)) >= this.limit;
  }
}

export const powBits = 16;
export const powLifetimeMs = 30 * 60 * 1000;

/** A challenge the server signs (HMAC-SHA-256): territory, expiry, random nonce, difficulty. */
export function issueChallenge(secret: string, territoryId: string, now = Date.now(), bits = powBits): string {
  const payload = `${territoryId}.${now + powLifetimeMs}.${randomBytes(12).toString('base64url')}.${bits}`;
  return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
}

function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    bits += Math.clz32(byte) - 24;
    break;
  }
  return bits;
}

/** Finds a solution (what antenna.js does in the browser); for the bench and tests. */
export function solveChallenge(challenge: string): string {
  const bits = Number(challenge.split('.')[3]);
  for (let counter = 0; ; counter++) {
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${counter}`).digest()) >= bits) return String(counter);
  }
}

export class ProofOfWork {
  constructor(
    private readonly secret: string,
    private readonly store: CounterStore = memoryCounterStore(),
  ) {}

  issue(territoryId: string): string {
    return issueChallenge(this.secret, territoryId);
  }

  /** Valid signature, this territory, not expired, enough leading zero bits, and never used before. */
  async verify(territoryId: string, challenge: string, solution: string, now = Date.now()): Promise<boolean> {
    const parts = challenge.split('.');
    if (parts.length !== 5 || !/^[0-9]{1,12}$/.test(solution)) return false;
    const [territory, expires, , bits, signature] = parts as [string, string, string, string, string];
    const payload = parts.slice(0, 4).join('.');
    const expected = createHmac('sha256', this.secret).update(payload).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    if (territory !== territoryId || Number(expires) < now || Number(bits) < powBits) return false;
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${solution}`).digest()) < Number(bits)) return false;
    // Used once, on whichever instance: remembered until it expires anyway.
    return this.store.claim(`pow:${createHash('sha256').update(challenge).digest('base64url')}`, Number(expires) - now + 1);
  }
}

export interface AntennaGuards {
  pow: ProofOfWork;
  /** Submissions without a proof of work (no JavaScript): per client, and for everyone together. */
  noPowPerClient: WindowCounter;
  noPowGlobal: WindowCounter;
  /** Wrong receipts: per client, and for everyone together (a distributed guess is slowed as a whole). */
  receiptFailuresPerClient: WindowCounter;
  receiptFailuresGlobal: WindowCounter;
  /** Wrong case-key passwords per handler (keyed by person and territory ids). */
  unlockFailures: WindowCounter;
}

export function createGuards(secret: string, store: CounterStore = memoryCounterStore()): AntennaGuards {
  return {
    pow: new ProofOfWork(secret, store),
    noPowPerClient: new WindowCounter(store, 'no-pow-client', 5, 60 * 60 * 1000),
    noPowGlobal: new WindowCounter(store, 'no-pow-all', 120, 60 * 60 * 1000),
    receiptFailuresPerClient: new WindowCounter(store, 'receipt-client', 5, 15 * 60 * 1000),
    receiptFailuresGlobal: new WindowCounter(store, 'receipt-all', 200, 15 * 60 * 1000),
    unlockFailures: new WindowCounter(store, 'unlock', 5, 15 * 60 * 1000),
  };
}

/**
 * The Redis key prefix of one deployment: derived from its secret, so instances sharing a database share
 * their counters, and another deployment (or a test's fresh database) on the same Redis does not.
 */
export function counterPrefix(secret: string): string {
  return `coproduce-antenna:${createHmac('sha256', secret).update('counters').digest('base64url').slice(0, 12)}:`;
}
