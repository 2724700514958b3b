// Thirty wrong passwords sent at once for one account: five are evaluated, the rest refused, on the
// database's counters (either engine) and through Redis; and the count holds across a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { buildApp } from '../../app.ts';
import { loadConfig, type Config } from '../../config.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { redisReachable, testRedisUrl } from '../../../test/support/redis.ts';
import { getOrCreateSecret } from '../../platform/crypto/secrets.ts';
import { maxFailuresPerAccount, throttlePrefix } from './throttle.ts';

const email = 'case-handler@coproduce.example';

async function csrf(app: FastifyInstance) {
  const page = await app.inject({ method: 'GET', url: '/en/account/sign-in' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { token, cookie };
}

/** A sign-in from its own address (so only the per-account count can stop it). */
async function signIn(app: FastifyInstance, form: { token: string; cookie: string }, password: string, n: number) {
  const response = await app.inject({
    method: 'POST',
    url: '/en/account/sign-in',
    remoteAddress: `198.51.100.${n + 1}`,
    headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: form.token, email, password }).toString(),
  });
  return response.statusCode;
}

async function race(config: Partial<Config>, cleanRedis?: (secret: string) => Promise<void>) {
  const t = await createTestApp({ template: 'demo', config });
  let second: FastifyInstance | null = null;
  try {
    const form = await csrf(t.app);
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(t.app, form, `wrong password number ${i}`, i)));
    const evaluated = statuses.filter((s) => s === 400).length;
    assert.equal(evaluated, maxFailuresPerAccount, `evaluated ${evaluated} of 30: ${statuses.join(' ')}`);
    assert.equal(statuses.filter((s) => s === 429).length, 30 - maxFailuresPerAccount);

    // A restart (a new app on the same database and Redis) still refuses, even the right password.
    await t.app.close();
    second = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), ...config }, database: t.database });
    await second.ready();
    assert.equal(await signIn(second, await csrf(second), process.env.DEMO_PEOPLE_PASSWORD!, 100), 429);
  } finally {
    if (cleanRedis) await cleanRedis(await getOrCreateSecret(t.database.db, 'sign-in-throttle'));
    await second?.close();
    await t.database.close();
  }
}

test('30 wrong passwords at once for one account: 5 are evaluated, and the count survives a restart (database counters)', async () => {
  await race({});
});

test('the same through Redis, whose keys are keyed hashes of the email', async (t) => {
  if (!(await redisReachable(testRedisUrl))) return t.skip(`no Redis at ${testRedisUrl}`);
  const redis = new Redis(testRedisUrl);
  try {
    await race({ redisUrl: testRedisUrl }, async (secret) => {
      const keys = await redis.keys(`${throttlePrefix(secret)}*`);
      assert.ok(keys.length >= 1, 'the counts are in Redis');
      assert.ok(!keys.some((k) => k.includes('case-handler') || k.includes('coproduce.example')), 'no email in a key');
      if (keys.length > 0) await redis.del(...keys);
    });
  } finally {
    await redis.quit();
  }
});
