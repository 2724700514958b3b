// The antenna's abuse counters shared by two app instances through Redis (REDIS_URL), when a Redis server
// is reachable: wrong receipts counted on one instance block on the other, a proof of work used on one is
// refused by the other, and Redis holds keyed hashes, never an address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createTestApp } from '../../../test/support/app.ts';
import { Browser } from '../../../test/support/antenna.ts';
import { redisReachable, testRedisUrl as redisUrl } from '../../../test/support/redis.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { getOrCreateSecret, keyedHash } from '../../platform/crypto/secrets.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { counterPrefix, solveChallenge } from './guards.ts';

test('two app instances sharing Redis share the antenna’s counters, keyed by hashes only', async (t) => {
  if (!(await redisReachable(redisUrl))) return t.skip(`no Redis at ${redisUrl}`);
  const first = await createTestApp({ config: { redisUrl } });
  // The second instance shares the first one's database (and so its secrets), like a real deployment.
  const second = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), redisUrl }, database: first.database });
  const redis = new Redis(redisUrl);
  const prefix = counterPrefix(await getOrCreateSecret(first.database.db, 'antenna-pow'));
  try {
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    const one = new Browser(first.app, {}, address);
    const two = new Browser(second, {}, address);
    let pageOne = await one.get('/en/t/barcelona/antenna/follow');
    let pageTwo = await two.get('/en/t/barcelona/antenna/follow');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      pageOne = await one.post('/en/t/barcelona/antenna/follow', pageOne, { receipt: `0000 0000 0000 010${i}` });
      statuses.push(pageOne.statusCode);
    }
    for (let i = 0; i < 2; i++) {
      pageTwo = await two.post('/en/t/barcelona/antenna/follow', pageTwo, { receipt: `0000 0000 0000 020${i}` });
      statuses.push(pageTwo.statusCode);
    }
    // Five wrong receipts in all, over two instances: the sixth is refused on either.
    statuses.push((await one.post('/en/t/barcelona/antenna/follow', pageOne, { receipt: '0000 0000 0000 0300' })).statusCode);
    const blocked = await two.post('/en/t/barcelona/antenna/follow', pageTwo, { receipt: '0000 0000 0000 0301' });
    statuses.push(blocked.statusCode);
    assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429, 429]);
    assert.match(blocked.body, /Too many tries|too many/i);
    // Another client is not affected.
    const other = new Browser(second, {}, '198.51.100.251');
    assert.equal((await other.post('/en/t/barcelona/antenna/follow', await other.get('/en/t/barcelona/antenna/follow'), { receipt: '0000 0000 0000 0400' })).statusCode, 400);

    // A proof of work is used once, on whichever instance.
    const barcelona = (await findTerritory(first.database.db, 'barcelona'))!.id;
    const challenge = first.app.antennaGuards.pow.issue(barcelona);
    const solution = solveChallenge(challenge);
    assert.equal(await first.app.antennaGuards.pow.verify(barcelona, challenge, solution), true);
    assert.equal(await second.antennaGuards.pow.verify(barcelona, challenge, solution), false, 'refused on the other instance');

    // Redis holds names and keyed hashes: never the address.
    const keys = await redis.keys(`${prefix}*`);
    assert.ok(keys.length >= 3, keys.join(', '));
    assert.ok(!keys.some((k) => k.includes(address) || k.includes('198.51.100.251')), 'no address in a key');
    const clientKey = keyedHash(await getOrCreateSecret(first.database.db, 'client-hash'), address);
    assert.equal(await redis.get(`${prefix}receipt-client:${clientKey}`), '5');
    assert.ok((await redis.pttl(`${prefix}receipt-client:${clientKey}`)) > 0, 'every counter expires');
  } finally {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await second.close();
    await first.close();
  }
});
