// The database's shared counters: concurrent increments of one key never read the same count, a claim
// is won once, windows end, and a count outlives the store that made it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { databaseCounterStore } from './counters.ts';

let database: Database;
before(async () => {
  database = await cloneTestDatabase('migrated');
});
after(async () => database.close());

test('30 increments at once of one key answer 1 to 30, each once', async () => {
  const store = databaseCounterStore(database.db);
  const counts = await Promise.all(Array.from({ length: 30 }, () => store.increment('race', 60_000)));
  assert.deepEqual(
    counts.sort((a, b) => a - b),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  assert.equal(await databaseCounterStore(database.db).count('race'), 30, 'another store (instance) sees the count');
  await store.decrement('race');
  assert.equal(await store.count('race'), 29);
  await store.reset('race');
  assert.equal(await store.count('race'), 0);
  await store.decrement('race');
  assert.equal(await store.count('race'), 0, 'never below 0');
});

test('a claim is won once while it lives, and again after it expires', async () => {
  const store = databaseCounterStore(database.db);
  const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim('pow:x', 60_000)));
  assert.equal(claims.filter(Boolean).length, 1);
  await database.db.execute(sql`update shared_counter set expires_at = now() - interval '1 second' where key = 'pow:x'`);
  assert.equal(await store.claim('pow:x', 60_000), true);
});

test('an expired window starts again at 1', async () => {
  const store = databaseCounterStore(database.db);
  await store.increment('w', 60_000);
  await store.increment('w', 60_000);
  await database.db.execute(sql`update shared_counter set expires_at = now() - interval '1 second' where key = 'w'`);
  assert.equal(await store.count('w'), 0);
  assert.equal(await store.increment('w', 60_000), 1);
});
