// The access log's chain: appends under concurrency stay one chain, and any change is detected.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { asc, sql } from 'drizzle-orm';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { accessLog } from './access-log.schema.ts';
import { describeCheck, entryHash, genesisHash, recordAccess, searchAccessLog, verifyChain } from './access-log.ts';

let database: Database;
before(async () => {
  database = await cloneTestDatabase('migrated');
});
after(async () => database.close());

const actorId = '00000000-0000-4000-8000-0000000000aa';
const territoryA = '00000000-0000-4000-8000-0000000000a1';
const territoryB = '00000000-0000-4000-8000-0000000000b2';

test('entries appended at the same time form one unbroken chain', async () => {
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      recordAccess(database.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: String(i), territoryId: i % 2 ? territoryA : territoryB, reason: i === 3 ? 'checking a complaint' : null }),
    ),
  );
  const rows = await database.db.select().from(accessLog).orderBy(asc(accessLog.seq));
  assert.deepEqual(
    rows.map((r) => r.seq),
    Array.from({ length: 30 }, (_, i) => i + 1),
  );
  assert.equal(rows[0]!.prevHash, genesisHash);
  for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
  assert.equal(rows[5]!.hash, entryHash(rows[4]!.hash, rows[5]!));
  assert.deepEqual(await verifyChain(database.db, 7), { ok: true, entries: 30 });
});

test('an entry written inside a transaction that rolls back leaves no trace', async () => {
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await recordAccess(tx, { actorId, action: 'test.record.change', recordType: 'record', recordId: 'x' });
      throw new Error('the work failed');
    }),
  );
  assert.deepEqual(await verifyChain(database.db), { ok: true, entries: 30 });
});

test('readers see only their territories', async () => {
  const onlyA = await searchAccessLog(database.db, {}, [territoryA], { limit: 100 });
  assert.equal(onlyA.length, 15);
  assert.ok(onlyA.every((e) => e.territoryId === territoryA));
  assert.equal((await searchAccessLog(database.db, {}, 'all', { limit: 100 })).length, 30);
  assert.equal((await searchAccessLog(database.db, { recordId: '3' }, 'all', { limit: 100 }))[0]!.reason, 'checking a complaint');
  assert.deepEqual(await searchAccessLog(database.db, {}, [], { limit: 100 }), []);
});

test('the database refuses to change or remove an entry', async () => {
  const refused = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
  await assert.rejects(database.db.execute(sql`update access_log set reason = 'nothing to see' where seq = 4`), refused);
  await assert.rejects(database.db.execute(sql`delete from access_log where seq = 4`), refused);
});

test('a changed entry is detected, at the entry that was changed', async () => {
  // Someone with full control of the database disables the guard and edits an entry.
  await database.db.execute(sql`alter table access_log disable trigger access_log_append_only`);
  await database.db.execute(sql`update access_log set reason = 'nothing to see' where seq = 4`);
  const check = await verifyChain(database.db);
  assert.deepEqual(check, { ok: false, entries: 3, seq: 4, problem: 'hash' });
  assert.match(describeCheck(check), /^chain broken at entry 4/);

  // Recomputing that entry's hash to hide the change breaks the next link instead.
  const [row] = await database.db.select().from(accessLog).where(sql`seq = 4`);
  await database.db.execute(sql`update access_log set hash = ${entryHash(row!.prevHash, row!)} where seq = 4`);
  assert.deepEqual(await verifyChain(database.db), { ok: false, entries: 4, seq: 5, problem: 'previous-hash' });

  // A removed entry is a gap.
  await database.db.execute(sql`delete from access_log where seq = 10`);
  const afterDelete = await verifyChain(database.db);
  assert.equal(afterDelete.ok, false);
  await database.db.execute(sql`alter table access_log enable trigger access_log_append_only`);
});

test('npm run access-log:verify reports an intact chain and exits non-zero on a break (PostgreSQL)', { skip: !process.env.COPRODUCE_TEST_PG_URL }, async () => {
  const fresh = await cloneTestDatabase('migrated');
  try {
    await recordAccess(fresh.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: '1' });
    await recordAccess(fresh.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: '2' });
    const url = (await fresh.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] };
    const target = new URL(process.env.COPRODUCE_TEST_PG_URL!);
    target.pathname = `/${url.rows[0]!.name}`;
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/access-log-verify.ts'], { env: { ...process.env, DATABASE_URL: target.toString() }, encoding: 'utf8' });
    const intact = run();
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /chain intact \(2 entries\)/);
    await fresh.db.execute(sql`alter table access_log disable trigger access_log_append_only`);
    await fresh.db.execute(sql`update access_log set record_id = '999' where seq = 1`);
    const broken = run();
    assert.equal(broken.status, 2);
    assert.match(broken.stdout, /chain broken at entry 1/);
  } finally {
    await fresh.close();
  }
});
