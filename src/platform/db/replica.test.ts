import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../config.ts';
import { lsnKey, readingFromReplica, readOnlyStatement, replicaLink, replicaReadsPlugin, replicaWritesPlugin, RoutingPool, type ReplicaLink } from './replica.ts';

test('only lone statements that read are sent to a replica', () => {
  assert.equal(readOnlyStatement('select "id" from "organisation" where "id" = $1'), true);
  assert.equal(readOnlyStatement('  SELECT 1'), true);
  assert.equal(readOnlyStatement('insert into "t" values ($1) returning "id"'), false);
  assert.equal(readOnlyStatement('update "t" set "v" = 1'), false);
  assert.equal(readOnlyStatement('with x as (delete from t returning *) select * from x'), false);
  assert.equal(readOnlyStatement('select * from "t" for update'), false);
  assert.equal(readOnlyStatement('select * from "t" for no key update skip locked'), false);
  assert.equal(readOnlyStatement("select nextval('s')"), false);
  assert.equal(readOnlyStatement('select pg_advisory_lock(1)'), false);
  assert.equal(readOnlyStatement("select set_config('x', 'y', false)"), false);
});

test('WAL positions compare as strings once made fixed-width', () => {
  assert.ok(lsnKey('0/16B3748') < lsnKey('0/A0000000'));
  assert.ok(lsnKey('0/FFFFFFFF') < lsnKey('1/0'));
  assert.ok(lsnKey('10/0') > lsnKey('F/FFFFFFFF'));
  assert.equal(lsnKey('16/b374d848'), lsnKey('16/B374D848'));
});

test('DATABASE_REPLICA_URL is checked and needs DATABASE_URL', () => {
  assert.throws(() => loadConfig({ DATABASE_REPLICA_URL: 'postgres://r/db' }), /DATABASE_REPLICA_URL needs DATABASE_URL/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'mysql://r/db' }), /DATABASE_REPLICA_URL/);
  const config = loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_REPLICA_URL: 'postgres://r/db', DATABASE_POOL_SIZE: '7' });
  assert.equal(config.databaseReplicaUrl, 'postgres://r/db');
  assert.equal(config.databaseReplicaPoolSize, 7);
  assert.equal(loadConfig({}).databaseReplicaUrl, null);
});

// Two databases on the test server stand for the primary and the replica: each says which it is.
const pgUrl = process.env.COPRODUCE_TEST_PG_URL;
test('the routing pool: replica reads in a replica scope, writes and transactions on the primary (PostgreSQL)', { skip: !pgUrl }, async (t) => {
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  const run = randomBytes(4).toString('hex');
  const urls: Record<'primary' | 'replica', string> = { primary: '', replica: '' };
  for (const role of ['primary', 'replica'] as const) {
    const name = `coproduce_replica_${role}_${run}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    urls[role] = url.toString();
    const setup = new pg.Client({ connectionString: urls[role] });
    await setup.connect();
    await setup.query(`create table which (v text); insert into which values ('${role}')`);
    await setup.end();
  }
  const replicaPool = new pg.Pool({ connectionString: urls.replica, max: 2 });
  const pool = new RoutingPool({ connectionString: urls.primary, max: 2 }, replicaPool);
  const broken = new RoutingPool({ connectionString: urls.primary, max: 1 }, new pg.Pool({ connectionString: `${urls.replica}_gone`, max: 1 }));
  for (const p of [pool, replicaPool, broken, broken.replica]) p.on('error', () => undefined);
  t.after(async () => {
    await pool.end();
    await broken.end();
    for (const role of ['primary', 'replica']) await admin.query(`DROP DATABASE IF EXISTS coproduce_replica_${role}_${run} WITH (FORCE)`);
    await admin.end();
  });
  const db = drizzle(pool);
  const which = async (d = db) => ((await d.execute(sql`select v from which`)).rows[0] as { v: string }).v;

  assert.equal(await which(), 'primary', 'outside a replica scope');
  assert.equal(await readingFromReplica(() => which()), 'replica');
  await readingFromReplica(async () => {
    const inserted = await db.execute(sql`insert into which values ('written') returning v`);
    assert.equal((inserted.rows[0] as { v: string }).v, 'written');
    assert.equal(((await db.execute(sql`select v from which for update`)).rows as { v: string }[]).length, 2, 'FOR UPDATE reads the primary (which has the write)');
    assert.equal(await db.transaction(async (tx) => ((await tx.execute(sql`select count(*)::int as n from which`)).rows[0] as { n: number }).n), 2, 'a transaction reads the primary');
  });
  assert.equal(((await db.execute(sql`select count(*)::int as n from which`)).rows[0] as { n: number }).n, 2, 'the write went to the primary');
  // A replica that does not answer: the read goes to the primary.
  assert.equal(await readingFromReplica(() => which(drizzle(broken))), 'primary');
  // A bad query on the replica is an error, not a second try on the primary.
  await assert.rejects(readingFromReplica(() => db.execute(sql`select nothing from which`)), /nothing/);

  // The plugins: an anonymous GET of a cached route reads the replica when it has replayed the last write; a
  // signed-in visitor, a route without cache, and a lagging replica read the primary.
  let lagging = false;
  const real = replicaLink(pool, replicaPool);
  const link: ReplicaLink = { primaryPosition: () => real.primaryPosition(), replayedPosition: async () => (lagging ? '0/0' : real.replayedPosition()) };
  const app = Fastify();
  app.decorate('database', { db: db as never, engine: 'postgres', replica: link, migrate: async () => undefined, close: async () => undefined });
  app.decorate('redis', null);
  app.decorateRequest('actor', null);
  app.decorateRequest('viewer', null);
  app.decorateRequest('formReplay', null);
  app.addHook('onRequest', async (request) => {
    if (request.headers['x-signed-in']) (request as { viewer: unknown }).viewer = { name: 'Someone' };
  });
  await app.register(replicaWritesPlugin);
  await app.register(replicaReadsPlugin);
  app.get('/cached', { config: { cache: 'public' } }, async () => ({ from: await which() }));
  app.get('/aggregate', { config: { readReplica: true } }, async () => ({ from: await which() }));
  app.get('/personal', async () => ({ from: await which() }));
  app.post('/write', async () => ({ done: true }));
  t.after(() => app.close());
  const from = async (url: string, headers: Record<string, string> = {}) => (await app.inject({ url, headers })).json<{ from: string }>().from;
  assert.equal(await from('/cached'), 'replica');
  assert.equal(await from('/aggregate'), 'replica');
  assert.equal(await from('/personal'), 'primary');
  assert.equal(await from('/cached', { 'x-signed-in': '1' }), 'primary');
  assert.equal((await app.inject({ method: 'POST', url: '/write' })).statusCode, 200);
  lagging = true;
  assert.equal(await from('/cached'), 'primary', 'a replica behind the last write is not read');
  lagging = false;
  assert.equal(await from('/cached'), 'replica');
});
