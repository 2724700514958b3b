// The access log's chains: appends under concurrency stay one chain per territory, and any change is
// detected — a changed entry, a removed tail, a rewrite with every hash recomputed, a rollback to an
// older signed head (by the checkpoint) — on either engine, and by npm run access-log:verify.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { and, asc, eq, sql } from 'drizzle-orm';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database, Db } from '../db/client.ts';
import { accessLog, accessLogHead } from './access-log.schema.ts';
import { activeSigner, describeCheck, entryHash, genesisHash, makeCheckpoint, recordAccess, searchAccessLog, verifyChain } from './access-log.ts';

let database: Database;
before(async () => {
  database = await cloneTestDatabase('migrated');
});
after(async () => database.close());

const actorId = '00000000-0000-4000-8000-0000000000aa';
const territoryA = '00000000-0000-4000-8000-0000000000a1';
const territoryB = '00000000-0000-4000-8000-0000000000b2';

async function append(db: Db, n: number, territoryId: string | null = territoryA) {
  for (let i = 0; i < n; i++) await recordAccess(db, { actorId, action: 'test.record.read', recordType: 'record', recordId: String(i), territoryId });
}

/** Someone with full control of the database turns the append-only guard off. */
async function tamper(db: Db, change: () => Promise<void>) {
  await db.execute(sql`alter table access_log disable trigger access_log_append_only`);
  try {
    await change();
  } finally {
    await db.execute(sql`alter table access_log enable trigger access_log_append_only`);
  }
}

test('entries appended at the same time form one unbroken chain per territory, with a signed head', async () => {
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      recordAccess(database.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: String(i), territoryId: i % 2 ? territoryA : territoryB, reason: i === 3 ? 'checking a complaint' : null }),
    ),
  );
  for (const chain of [territoryA, territoryB]) {
    const rows = await database.db.select().from(accessLog).where(eq(accessLog.chain, chain)).orderBy(asc(accessLog.seq));
    assert.deepEqual(
      rows.map((r) => r.seq),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    assert.equal(rows[0]!.prevHash, genesisHash);
    for (let i = 1; i < rows.length; i++) assert.equal(rows[i]!.prevHash, rows[i - 1]!.hash);
    assert.equal(rows[5]!.hash, entryHash(rows[4]!.hash, rows[5]!));
    const [head] = await database.db.select().from(accessLogHead).where(eq(accessLogHead.chain, chain));
    assert.deepEqual({ seq: head!.seq, hash: head!.hash }, { seq: 15, hash: rows[14]!.hash });
  }
  assert.deepEqual(await verifyChain(database.db, { publicKey: activeSigner().publicKey, batchSize: 7 }), { ok: true, entries: 30, chains: 2 });
});

test('an entry written inside a transaction that rolls back leaves no trace', async () => {
  await assert.rejects(
    database.db.transaction(async (tx) => {
      await recordAccess(tx, { actorId, action: 'test.record.change', recordType: 'record', recordId: 'x', territoryId: territoryA });
      throw new Error('the work failed');
    }),
  );
  assert.deepEqual(await verifyChain(database.db), { ok: true, entries: 30, chains: 2 });
});

test('readers see only their territories', async () => {
  const onlyA = await searchAccessLog(database.db, {}, [territoryA], { limit: 100 });
  assert.equal(onlyA.length, 15);
  assert.ok(onlyA.every((e) => e.territoryId === territoryA));
  assert.equal((await searchAccessLog(database.db, {}, 'all', { limit: 100 })).length, 30);
  assert.equal((await searchAccessLog(database.db, { recordId: '3' }, 'all', { limit: 100 }))[0]!.reason, 'checking a complaint');
  assert.deepEqual(await searchAccessLog(database.db, {}, [], { limit: 100 }), []);
  const first = await searchAccessLog(database.db, {}, 'all', { limit: 10 });
  const next = await searchAccessLog(database.db, {}, 'all', { limit: 100, beforeSeq: first.at(-1)!.position });
  assert.equal(first.length + next.length, 30, 'pages across chains neither skip nor repeat');
});

test('the database refuses to change or remove an entry', async () => {
  const refused = (error: unknown) => /append-only/.test(String((error as Error).cause ?? error));
  await assert.rejects(database.db.execute(sql`update access_log set reason = 'nothing to see' where seq = 4`), refused);
  await assert.rejects(database.db.execute(sql`delete from access_log where seq = 4`), refused);
});

test('a changed entry is detected, at the entry that was changed; recomputing its hash breaks the next link', async () => {
  const fresh = await cloneTestDatabase('migrated');
  try {
    await append(fresh.db, 6);
    await tamper(fresh.db, async () => void (await fresh.db.execute(sql`update access_log set reason = 'nothing to see' where seq = 4`)));
    const check = await verifyChain(fresh.db);
    assert.deepEqual(check, { ok: false, entries: 3, chain: territoryA, seq: 4, problem: 'hash' });
    assert.match(describeCheck(check), /^chain broken at entry 4/);
    const [row] = await fresh.db.select().from(accessLog).where(eq(accessLog.seq, 4));
    await tamper(fresh.db, async () => void (await fresh.db.execute(sql`update access_log set hash = ${entryHash(row!.prevHash, row!)} where seq = 4`)));
    assert.deepEqual(await verifyChain(fresh.db), { ok: false, entries: 4, chain: territoryA, seq: 5, problem: 'previous-hash' });
  } finally {
    await fresh.close();
  }
});

test('a deleted tail is detected, even when the head is moved back to the last entry left', async () => {
  const fresh = await cloneTestDatabase('migrated');
  try {
    await append(fresh.db, 8);
    await tamper(fresh.db, async () => void (await fresh.db.execute(sql`delete from access_log where seq > 5`)));
    const cut = await verifyChain(fresh.db);
    assert.deepEqual(cut, { ok: false, entries: 5, chain: territoryA, seq: 6, problem: 'truncated' });
    assert.match(describeCheck(cut), /last entries were removed/);
    // The attacker also moves the head back: its signature, made for entry 8, does not cover entry 5.
    const [last] = await fresh.db.select().from(accessLog).where(eq(accessLog.seq, 5));
    await fresh.db.update(accessLogHead).set({ seq: 5, hash: last!.hash }).where(eq(accessLogHead.chain, territoryA));
    assert.deepEqual(await verifyChain(fresh.db), { ok: false, entries: 5, chain: territoryA, seq: 5, problem: 'signature' });
    // Or removes the head altogether.
    await fresh.db.delete(accessLogHead);
    assert.equal((await verifyChain(fresh.db) as { problem: string }).problem, 'head-missing');
  } finally {
    await fresh.close();
  }
});

/** Rewrites entry `seq` of a chain and recomputes every hash after it, and the head's: all but the signature. */
async function rewriteWithRecomputedHashes(db: Db, chain: string, seq: number, reason: string) {
  await tamper(db, async () => {
    const rows = await db.select().from(accessLog).where(eq(accessLog.chain, chain)).orderBy(asc(accessLog.seq));
    let prev = rows[seq - 2]?.hash ?? genesisHash;
    for (const row of rows.slice(seq - 1)) {
      const changed = row.seq === seq ? { ...row, reason } : row;
      const hash = entryHash(prev, changed);
      await db.update(accessLog).set({ reason: changed.reason, prevHash: prev, hash }).where(and(eq(accessLog.chain, chain), eq(accessLog.seq, row.seq)));
      prev = hash;
    }
    await db.update(accessLogHead).set({ hash: prev }).where(eq(accessLogHead.chain, chain));
  });
}

test('an entry rewritten with every hash after it recomputed is detected: the head’s signature no longer holds', async () => {
  const fresh = await cloneTestDatabase('migrated');
  try {
    await append(fresh.db, 6);
    await rewriteWithRecomputedHashes(fresh.db, territoryA, 2, 'nothing happened');
    assert.deepEqual(await verifyChain(fresh.db), { ok: false, entries: 6, chain: territoryA, seq: 6, problem: 'signature' });
  } finally {
    await fresh.close();
  }
});

test('a rollback to an older signed head passes the chain check but not the checkpoint kept elsewhere', async () => {
  const fresh = await cloneTestDatabase('migrated');
  try {
    await append(fresh.db, 4);
    await append(fresh.db, 2, null);
    // The attacker keeps a copy of the head as it was at entry 4 …
    const [old] = await fresh.db.select().from(accessLogHead).where(eq(accessLogHead.chain, territoryA));
    await append(fresh.db, 3);
    const checkpoint = await makeCheckpoint(fresh.db);
    assert.deepEqual(
      checkpoint.chains.map((c) => [c.chain, c.seq]),
      [
        [territoryA, 7],
        ['platform', 2],
      ],
    );
    const publicKey = activeSigner().publicKey;
    assert.deepEqual(await verifyChain(fresh.db, { publicKey, checkpoint }), { ok: true, entries: 9, chains: 2 });
    // … and later cuts the chain back to it and puts that head back.
    await tamper(fresh.db, async () => void (await fresh.db.execute(sql`delete from access_log where chain = ${territoryA} and seq > 4`)));
    await fresh.db.update(accessLogHead).set({ seq: old!.seq, hash: old!.hash, signature: old!.signature }).where(eq(accessLogHead.chain, territoryA));
    assert.equal((await verifyChain(fresh.db, { publicKey })).ok, true, 'the rows and the head alone cannot tell');
    assert.deepEqual(await verifyChain(fresh.db, { publicKey, checkpoint }), { ok: false, entries: 4, chain: territoryA, seq: 7, problem: 'checkpoint' });
    // A checkpoint that was changed, or signed by another key, is refused.
    const forged = { ...checkpoint, chains: [{ chain: territoryA, seq: 4, hash: old!.hash }] };
    assert.equal((await verifyChain(fresh.db, { publicKey, checkpoint: forged }) as { problem: string }).problem, 'checkpoint-signature');
  } finally {
    await fresh.close();
  }
});

test('npm run access-log:verify -- --checkpoint FILE: intact, then a deleted tail and a rewritten entry (PostgreSQL, read-only)', { skip: !process.env.COPRODUCE_TEST_PG_URL }, async () => {
  const fresh = await cloneTestDatabase('migrated');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-log-verify-'));
  try {
    await append(fresh.db, 6);
    const file = path.join(dir, 'checkpoint.json');
    fs.writeFileSync(file, JSON.stringify(await makeCheckpoint(fresh.db)));
    await append(fresh.db, 2);
    const name = ((await fresh.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }).rows[0]!.name;
    const target = new URL(process.env.COPRODUCE_TEST_PG_URL!);
    target.pathname = `/${name}`;
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/access-log-verify.ts', ...args], { env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: target.toString() }, encoding: 'utf8' });
    const intact = run('--checkpoint', file);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /chain intact \(8 entries in 1 chains/);

    await rewriteWithRecomputedHashes(fresh.db, territoryA, 3, 'rewritten');
    const rewritten = run('--checkpoint', file);
    assert.equal(rewritten.status, 2, rewritten.stderr);
    assert.match(rewritten.stdout, /chain broken at entry 6 .*does not match the checkpoint/);

    await tamper(fresh.db, async () => void (await fresh.db.execute(sql`delete from access_log where seq > 2`)));
    await fresh.db.delete(accessLogHead);
    const cut = run('--checkpoint', file);
    assert.equal(cut.status, 2);
    assert.match(cut.stdout, /chain broken at entry 6 .*cut back/);
    assert.equal(run().status, 2, 'without the checkpoint: the missing head');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await fresh.close();
  }
});

test('group commit: entries appended together share one commit and stay one chain, even when a head moves behind the writer’s back', async () => {
  const chain = '00000000-0000-4000-8000-0000000000c3';
  const before = await database.db.select().from(accessLogHead).where(eq(accessLogHead.chain, chain));
  assert.equal(before.length, 0);
  await Promise.all(Array.from({ length: 40 }, (_, i) => recordAccess(database.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: `g${i}`, territoryId: chain })));
  // An append inside a work transaction moves the head; the group writer's next batch must notice.
  await database.db.transaction(async (tx) => recordAccess(tx as unknown as Db, { actorId, action: 'test.record.change', recordType: 'record', recordId: 'tx', territoryId: chain }));
  await Promise.all(Array.from({ length: 10 }, (_, i) => recordAccess(database.db, { actorId, action: 'test.record.read', recordType: 'record', recordId: `h${i}`, territoryId: chain })));
  const rows = await database.db.select().from(accessLog).where(eq(accessLog.chain, chain)).orderBy(asc(accessLog.seq));
  assert.deepEqual(rows.map((r) => r.seq), Array.from({ length: 51 }, (_, i) => i + 1));
  assert.equal(rows[40]!.recordId, 'tx');
  // Fewer commits than entries: rows of one batch share their commit's transaction id.
  const result = (await database.db.execute(sql`select count(distinct xmin::text)::int as commits from access_log where chain = ${chain}`)) as unknown as { rows: { commits: number }[] };
  assert.ok(result.rows[0]!.commits < 51, `${result.rows[0]!.commits} commits for 51 entries`);
  const check = await verifyChain(database.db, { publicKey: activeSigner().publicKey });
  assert.equal(check.ok, true);
});
