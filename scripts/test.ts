// npm test (PGlite) and npm run test:pg (PostgreSQL at DATABASE_URL): builds one migrated template
// (and one with the demo data) per run, then runs every *.test.ts with Node's test runner.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.ts';
import { pgliteExtensions } from '../src/platform/db/pglite.ts';
import { seedDemo } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';

const usePg = process.argv.includes('--pg');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// Known demo passwords, so tests can sign in as the demo people (the seed reads them).
process.env.DEMO_ADMIN_PASSWORD ||= 'demo admin password for tests';
process.env.DEMO_PEOPLE_PASSWORD ||= 'demo people password for tests';
// This process seeds the templates: as a test process too (e.g. the access log's test signing key).
process.env.NODE_ENV = 'test';
const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' };
const cleanups: (() => Promise<void>)[] = [];
const quiet = () => undefined;

if (usePg) {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = randomBytes(4).toString('hex');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  cleanups.push(async () => admin.end());
  for (const kind of ['migrated', 'demo'] as const) {
    const name = `coproduce_tpl_${kind}_${run}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 2 });
    await database.migrate();
    if (kind === 'demo') await seedDemo(database.db, manifests, quiet);
    await database.close();
    env[kind === 'demo' ? 'COPRODUCE_TEST_PG_DEMO_TEMPLATE' : 'COPRODUCE_TEST_PG_TEMPLATE'] = name;
    cleanups.push(async () => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  }
  env.COPRODUCE_TEST_PG_URL = url;
  console.log(`Test templates ready on PostgreSQL (${new URL(url).host}).`);
} else {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-test-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const database = await openDatabase({ databaseUrl: null, pglite });
  await database.migrate();
  const migrated = path.join(dir, 'migrated.tar.gz');
  fs.writeFileSync(migrated, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await seedDemo(database.db, manifests, quiet);
  const demo = path.join(dir, 'demo.tar.gz');
  fs.writeFileSync(demo, Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer()));
  await database.close();
  env.COPRODUCE_TEST_TEMPLATE = migrated;
  env.COPRODUCE_TEST_DEMO_TEMPLATE = demo;
  console.log('Test templates ready on PGlite.');
}

const patterns = only.length > 0 ? only : ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/integration/**/*.test.ts'];
// The spec reporter, and at the end the time each test file took (to see where a run's time goes).
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=./scripts/durations-reporter.ts', '--test-reporter-destination=stdout'];
// Test files at once (TEST_CONCURRENCY): on PostgreSQL the files wait on the database server as much as on the
// processor, so one more file runs there than on the embedded engine, which is all processor.
const concurrency = Number(process.env.TEST_CONCURRENCY) || (usePg ? 3 : 2);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-timeout=120000', ...reporters, ...patterns], {
  env,
  stdio: 'inherit',
});
const code: number = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error('cleanup failed:', error));
process.exit(code);
