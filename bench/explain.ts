// npm run bench:explain — the plans PostgreSQL chooses for the directory's search and the challenge list over
// 10,000 organisations, to check that they use their indexes. A fresh database on DATABASE_URL (or the local
// server), the demo, 10,000 generated organisations; each statement is explained (with ANALYZE) and then run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Db } from '../src/platform/db/client.ts';
import { initialiseIfNew } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { searchDirectory } from '../src/contexts/agreement/organisations/directory.service.ts';
import { listChallenges } from '../src/contexts/agreement/challenges/challenge.service.ts';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `coproduce_explain_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
try {
  await database.migrate();
  await initialiseIfNew(database.db, manifests, true, () => undefined);
  const barcelona = (await findTerritory(database.db, 'barcelona'))!;
  await generateOrganisations(database.db, barcelona.id, 10_000);
  // Every statement sent through execute() is explained first, then run as it is.
  const explaining = new Proxy(database.db, {
    get(target, key, receiver) {
      if (key !== 'execute') return Reflect.get(target, key, receiver);
      return async (query: SQL) => {
        const plan = (await target.execute(sql`explain (analyze, costs off, timing off, summary on) ${query}`)) as unknown as { rows: { 'QUERY PLAN': string }[] };
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
        return target.execute(query);
      };
    },
  }) as Db;
  for (const q of ['habitatje', 'Qui treballa en habitatge a Nou Barris?', 'sensellar', 'vivienda nou barris']) {
    console.log(`### directory search "${q}"`);
    const result = await searchDirectory(explaining, barcelona.id, { q });
    console.log(`→ ${result.total} organisations\n`);
  }
  const explain = async (title: string, query: SQL) => {
    console.log(`### ${title}`);
    const plan = (await database.db.execute(sql`explain (analyze, costs off, timing off, summary on) ${query}`)) as unknown as { rows: { 'QUERY PLAN': string }[] };
    console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'), '\n');
  };
  console.log(`${(await listChallenges(database.db, barcelona.id, { status: 'proposed', area: 'housing' })).length} challenges proposed in housing (the demo has a few dozen: a scan is the right plan)`);
  await explain("challenges by status and area (the list's filter)", sql`select id from challenge where territory_id = ${barcelona.id} and status = 'proposed' and areas @> array['housing']::text[]`);
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
