// Test databases: one migrated template per run (made by scripts/test.ts), cloned for each test file.
// PGlite: the template is a data-directory dump loaded into a fresh in-memory instance.
// PostgreSQL: CREATE DATABASE … TEMPLATE, dropped when the file's tests end.
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';
import { pgliteExtensions } from '../../src/platform/db/pglite.ts';

export type TemplateKind = 'migrated' | 'demo';

function adminUrl(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A test database; `url` is set on PostgreSQL, where a second pool can open it as a second instance would. */
export type TestDatabase = Database & { url: string | null };

export async function cloneTestDatabase(kind: TemplateKind = 'migrated'): Promise<TestDatabase> {
  const pgUrl = process.env.COPRODUCE_TEST_PG_URL;
  if (pgUrl) {
    const template = kind === 'demo' ? process.env.COPRODUCE_TEST_PG_DEMO_TEMPLATE : process.env.COPRODUCE_TEST_PG_TEMPLATE;
    if (!template) throw new Error('Run the PostgreSQL suite with npm run test:pg');
    const name = `coproduce_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    const url = adminUrl(pgUrl, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 4 });
    const close = database.close;
    return {
      ...database,
      url,
      async close() {
        await close();
        const dropper = new pg.Client({ connectionString: pgUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    };
  }
  const file = kind === 'demo' ? process.env.COPRODUCE_TEST_DEMO_TEMPLATE : process.env.COPRODUCE_TEST_TEMPLATE;
  if (!file) throw new Error('Run the suite with npm test, which builds the database template');
  const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(file)]), extensions: pgliteExtensions });
  return { ...(await openDatabase({ databaseUrl: null, pglite })), url: null };
}
