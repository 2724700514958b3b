// Rules of the identity context: passwords, throttling (in memory and shared through Redis), safe redirects, TOTP, device labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { Redis } from 'ioredis';
import { memoryCounterStore, redisCounterStore } from '../../platform/counters/counters.ts';
import { keyedHash } from '../../platform/crypto/secrets.ts';
import { createThrottle, memoryThrottle } from './throttle.ts';
import { safeNext } from './account.routes.ts';
import { currentTotp, groupSecret, matchTotp, newTotpSecret } from './totp.ts';
import { deviceLabel } from './identity.service.ts';

test('passwords: at least 12 characters, no composition rules, common ones refused', () => {
  assert.equal(passwordProblem(''), 'identity.validation.passwordRequired');
  assert.equal(passwordProblem('elevenchars'), 'identity.validation.passwordTooShort');
  assert.equal(passwordProblem('twelve chars'), null, 'no digits, capitals or symbols needed');
  assert.equal(passwordProblem('ñandú ñandú!'), null);
  assert.equal(passwordProblem('x'.repeat(201)), 'identity.validation.passwordTooLong');
  for (const common of ['password1234', 'QWERTYUIOP123', '123456789012', 'iloveyou2024', 'barcelona1234']) {
    assert.equal(passwordProblem(common), 'identity.validation.passwordCommon', common);
  }
  assert.equal(passwordProblem('laila@example.org', { email: 'Laila@example.org' }), 'identity.validation.passwordCommon');
  // Length counts characters, not bytes or UTF-16 units.
  assert.equal(passwordProblem('😀😀😀😀😀😀😀😀😀😀😀'), 'identity.validation.passwordTooShort');
});

test('password hashes are Argon2id and verify only the right password', async () => {
  const hash = await hashPassword('purple elephants dance');
  assert.match(hash, /^\$argon2id\$/);
  assert.equal(await verifyPassword(hash, 'purple elephants dance'), true);
  assert.equal(await verifyPassword(hash, 'purple elephants dance!'), false);
  assert.equal(await verifyPassword('not a hash', 'x'), false);
});

test('the throttle counts attempts in a window, per key, and forgets after it', async () => {
  let now = 0;
  const throttle = memoryThrottle(1000, () => now);
  assert.equal(await throttle.attempt('a'), 1);
  assert.equal(await throttle.attempt('a'), 2);
  assert.equal(await throttle.attempt('b'), 1);
  now = 999;
  assert.equal(await throttle.attempt('a'), 3);
  await throttle.release('a');
  assert.equal(await throttle.attempt('a'), 3, 'a released attempt is taken back');
  now = 1000;
  assert.equal(await throttle.attempt('a'), 1, 'a new window');
  await throttle.reset('b');
  assert.equal(await throttle.attempt('b'), 1);
});

test('next: only paths of this site', () => {
  assert.equal(safeNext('/es/t/barcelona', 'es'), '/es/t/barcelona');
  for (const bad of [undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/a\nb', `/${'x'.repeat(1001)}`]) {
    assert.equal(safeNext(bad, 'ar'), '/ar/desk', String(bad));
  }
});

test('TOTP (RFC 6238): the current code matches; one step of drift is allowed, two are not', () => {
  const secret = newTotpSecret();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  const now = 1_800_000_000_000;
  const step = Math.floor(now / 30_000);
  assert.equal(matchTotp(secret, currentTotp(secret, now), now), step);
  assert.equal(matchTotp(secret, currentTotp(secret, now - 30_000), now), step - 1);
  assert.equal(matchTotp(secret, currentTotp(secret, now + 30_000), now), step + 1);
  assert.equal(matchTotp(secret, currentTotp(secret, now + 90_000), now), null);
  assert.equal(matchTotp(secret, '12345', now), null);
  assert.equal(matchTotp(secret, ` ${currentTotp(secret, now).slice(0, 3)} ${currentTotp(secret, now).slice(3)} `, now), step, 'spaces are ignored');
  assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
});

test('a device label names the browser and system only', () => {
  assert.equal(deviceLabel('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36'), 'Chrome · Android');
  assert.equal(deviceLabel('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1'), 'Safari · iOS');
  assert.equal(deviceLabel(undefined), '? · ?');
});

test('with Redis, every instance shares the sign-in failure counts', async (t) => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 1000 });
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
  if (!reachable) return t.skip(`no Redis at ${url}`);
  const redis = new Redis(url);
  const prefix = `test-signin:${randomUUID()}:`;
  const first = createThrottle(redisCounterStore(redis, prefix, memoryCounterStore()), 'secret', 60_000);
  const second = createThrottle(redisCounterStore(redis, prefix, memoryCounterStore()), 'secret', 60_000);
  const key = 'a:someone@example.org';
  try {
    assert.equal(await first.attempt(key), 1);
    assert.equal(await second.attempt(key), 2);
    // The key in Redis is a keyed hash of the email, never the email or its plain hash.
    const keys = await redis.keys(`${prefix}*`);
    assert.deepEqual(keys, [`${prefix}signin:${keyedHash('secret', key)}`]);
    assert.ok(!keys[0]!.includes('someone'));
    await second.reset(key);
    assert.equal(await first.attempt(key), 1);
  } finally {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});
