// Abuse resistance without surveillance: counters keyed by app.clientKey (a keyed hash, never the
// address), a hashcash-style proof of work, and the slower path for browsers without JavaScript.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Fixed-window counters in this instance's memory. */
export class WindowCounter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit; false when the limit was already reached in this window. */
  hit(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    if (!entry || entry.resetAt <= now) {
      if (this.hits.size > 50_000) this.sweep(now);
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return true;
    }
    if (entry.count >= this.limit) return false;
    entry.count++;
    return true;
  }

  blocked(key: string, now = Date.now()): boolean {
    const entry = this.hits.get(key);
    return Boolean(entry && entry.resetAt > now && entry.count >= this.limit);
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.hits) if (entry.resetAt <= now) this.hits.delete(key);
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
  private readonly used = new Map<string, number>();
  constructor(private readonly secret: string) {}

  issue(territoryId: string): string {
    return issueChallenge(this.secret, territoryId);
  }

  /** Valid signature, this territory, not expired, enough leading zero bits, and never used before. */
  verify(territoryId: string, challenge: string, solution: string, now = Date.now()): boolean {
    const parts = challenge.split('.');
    if (parts.length !== 5 || !/^[0-9]{1,12}$/.test(solution)) return false;
    const [territory, expires, , bits, signature] = parts as [string, string, string, string, string];
    const payload = parts.slice(0, 4).join('.');
    const expected = createHmac('sha256', this.secret).update(payload).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    if (territory !== territoryId || Number(expires) < now || Number(bits) < powBits) return false;
    if (this.used.has(challenge)) return false;
    if (leadingZeroBits(createHash('sha256').update(`${challenge}:${solution}`).digest()) < Number(bits)) return false;
    for (const [key, expiry] of this.used) if (expiry < now) this.used.delete(key);
    this.used.set(challenge, Number(expires));
    return true;
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
  /** Wrong case-key passwords per handler. */
  unlockFailures: WindowCounter;
}

export function createGuards(secret: string): AntennaGuards {
  return {
    pow: new ProofOfWork(secret),
    noPowPerClient: new WindowCounter(5, 60 * 60 * 1000),
    noPowGlobal: new WindowCounter(120, 60 * 60 * 1000),
    receiptFailuresPerClient: new WindowCounter(5, 15 * 60 * 1000),
    receiptFailuresGlobal: new WindowCounter(200, 15 * 60 * 1000),
    unlockFailures: new WindowCounter(5, 15 * 60 * 1000),
  };
}
