// npm run bench:explain [-- <part of a section's name>] — the plans PostgreSQL chooses, with EXPLAIN ANALYZE, for
// the staff and public lists at scale: the directory's search over 10,000 organisations, the challenge list's
// filter, and the case handler's queue over 10,000 cases. A fresh database on DATABASE_URL (or the local server)
// with the demo, 10,000 generated organisations and 10,000 generated cases, dropped after.
//
// Each section explains the statements the services themselves send (never a copy of them): the directory's raw
// statements through execute(), the queue's query-builder statements as drizzle's logger sees them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql, type SQL } from 'drizzle-orm';
import { openDatabase, type Db } from '../src/platform/db/client.ts';
import { initialiseIfNew } from '../src/platform/db/seed.ts';
import { manifests } from '../src/app.ts';
import type { Actor } from '../src/platform/auth/permissions.ts';
import { findTerritory } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { searchDirectory } from '../src/contexts/agreement/organisations/directory.service.ts';
import { listChallenges } from '../src/contexts/agreement/challenges/challenge.service.ts';
import { listCases, type CaseFilter } from '../src/contexts/antenna/triage.service.ts';
import type { ListQuery } from '../src/platform/views/list-query.ts';
import { casesForBench, generateCases } from './case-queue.ts';

const only = process.argv[2] ?? '';
const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `coproduce_explain_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });

const planOf = (result: unknown) => ((result as { rows: { 'QUERY PLAN': string }[] }).rows ?? []).map((r) => r['QUERY PLAN']).join('\n');
const explain = async (title: string, query: SQL) => {
  console.log(`### ${title}`);
  console.log(planOf(await database.db.execute(sql`explain (analyze, costs off, timing off, summary on) ${query}`)), '\n');
};

/** Every statement sent through execute() is explained first, then run as it is. */
const explainingExecute = new Proxy(database.db, {
  get(target, key, receiver) {
    if (key !== 'execute') return Reflect.get(target, key, receiver);
    return async (query: SQL) => {
      console.log(planOf(await target.execute(sql`explain (analyze, costs off, timing off, summary on) ${query}`)), '\n');
      return target.execute(query);
    };
  },
}) as Db;

/** A Db whose query-builder statements are recorded as sent (text and parameters), to be explained after. */
function recording(): { db: Db; sent: { query: string; params: unknown[] }[] } {
  const sent: { query: string; params: unknown[] }[] = [];
  return { db: drizzle(pool, { logger: { logQuery: (query, params) => void sent.push({ query, params }) } }) as unknown as Db, sent };
}

const sections: [string, () => Promise<void>][] = [
  [
    'directory search over 10,000 organisations',
    async () => {
      for (const q of ['habitatje', 'Qui treballa en habitatge a Nou Barris?', 'sensellar', 'vivienda nou barris']) {
        console.log(`### directory search "${q}"`);
        const result = await searchDirectory(explainingExecute, barcelona.id, { q });
        console.log(`→ ${result.total} organisations\n`);
      }
    },
  ],
  [
    'challenge list',
    async () => {
      console.log(`${(await listChallenges(database.db, barcelona.id, { status: 'proposed', area: 'housing' })).length} challenges proposed in housing (the demo has a few dozen: a scan is the right plan)`);
      await explain("challenges by status and area (the list's filter)", sql`select id from challenge where territory_id = ${barcelona.id} and status = 'proposed' and areas @> array['housing']::text[]`);
    },
  ],
  [
    `case queue over ${casesForBench.toLocaleString('en')} cases`,
    async () => {
      const handler: Actor = { personId: '00000000-0000-4000-8000-00000000bec4', displayName: 'Bench', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'case-handler', scope: { kind: 'territory', id: barcelona.id } }] };
      const page = (over: Partial<ListQuery<'received' | 'updated' | 'reference' | 'status'>> = {}) => ({ q: '', sort: 'updated' as const, dir: 'desc' as const, page: 1, perPage: 50, ...over });
      // The pages the bench loads (bench/run.ts, "case queue"): first, filtered and sorted, a late page, a search.
      const pages: [string, CaseFilter, ReturnType<typeof page>][] = [
        ['first page, by last change', {}, page()],
        ['closed anonymous, by received, ascending', { status: 'closed', mode: 'anonymous' }, page({ sort: 'received', dir: 'asc' })],
        ['page 150', {}, page({ page: 150 })],
        ['search by part of a reference', { q: 'A1' }, page()],
      ];
      for (const [label, filter, list] of pages) {
        const { db, sent } = recording();
        const result = await listCases(db, handler, barcelona.id, filter, list);
        if (!result.ok) throw new Error(`case queue: ${result.error}`);
        console.log(`## ${label}: ${result.value.rows.length} rows of ${result.value.total}`);
        for (const { query, params } of sent) {
          console.log(`### ${query}`);
          console.log((await pool.query(`explain (analyze, costs off, timing off, summary on) ${query}`, params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'), '\n');
        }
      }
    },
  ],
];

let barcelona: { id: string };
try {
  await database.migrate();
  await initialiseIfNew(database.db, manifests, true, () => undefined);
  barcelona = (await findTerritory(database.db, 'barcelona'))!;
  const chosen = sections.filter(([title]) => title.includes(only));
  if (chosen.some(([title]) => title.startsWith('directory') || title.startsWith('challenge'))) await generateOrganisations(database.db, barcelona.id, 10_000);
  if (chosen.some(([title]) => title.startsWith('case queue'))) await generateCases(database.db, barcelona.id, casesForBench);
  await database.db.execute(sql`analyze`);
  for (const [title, run] of chosen) {
    console.log(`\n======== ${title}\n`);
    await run();
  }
} finally {
  await pool.end();
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
