// Rate limits shared between instances through Redis (REDIS_URL), when a Redis server is reachable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp } from '../support/app.ts';
import { redisReachable, testRedisUrl as redisUrl } from '../support/redis.ts';

test('two app instances sharing Redis share one rate limit per client', async (t) => {
  if (!(await redisReachable(redisUrl))) return t.skip(`no Redis at ${redisUrl}`);
  const config = { redisUrl, rateLimitPerMinute: 4 };
  const first = await createTestApp({ template: 'migrated', config });
  // The second instance shares the first one's database (and so its keyed-hash secret), like a real deployment.
  const { buildApp } = await import('../../src/app.ts');
  const { loadConfig } = await import('../../src/config.ts');
  const second = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), ...config }, database: first.database });
  try {
    const client = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await first.app.inject({ url: '/en/', remoteAddress: client })).statusCode);
    for (let i = 0; i < 2; i++) statuses.push((await second.inject({ url: '/en/', remoteAddress: client })).statusCode);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    // Another client is not affected.
    assert.equal((await second.inject({ url: '/en/', remoteAddress: '198.51.100.250' })).statusCode, 200);
  } finally {
    await second.close();
    await first.close();
  }
});
