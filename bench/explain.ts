// npm run bench:explain [-- <part of a section's name>] — the plans PostgreSQL chooses, with EXPLAIN ANALYZE, for
// the staff and public lists at scale: the directory's search over 10,000 organisations (questions, and the form's
// filters), the challenge list's filters over 10,000 challenges, and the case handler's queue over 10,000 cases. A fresh database on DATABASE_URL (or the local server)
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
import { findTerritory, listAreas } from '../src/contexts/territories/territory.service.ts';
import { generateOrganisations } from '../src/contexts/agreement/organisations/organisation.generate.ts';
import { searchDirectory, type DirectoryQuery } from '../src/contexts/agreement/organisations/directory.service.ts';
import { listChallenges, type ChallengeFilters } from '../src/contexts/agreement/challenges/challenge.service.ts';
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
// Dropping the database at the end ends this pool's idle connections: not an error of the run.
pool.on('error', () => undefined);

const planOf = (result: unknown) => ((result as { rows: { 'QUERY PLAN': string }[] }).rows ?? []).map((r) => r['QUERY PLAN']).join('\n');

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

/** How many challenges the list is explained over: a territory's proposals over many years. */
const challengesForBench = 10_000;

const sections: [string, () => Promise<void>][] = [
  [
    'directory search over 10,000 organisations',
    async () => {
      for (const q of ['habitatje', 'Qui treballa en habitatge a Nou Barris?', 'sensellar', 'vivienda nou barris', 'Qui travaille dans le logement à Nou Baris ?']) {
        console.log(`### directory search "${q}"`);
        const result = await searchDirectory(explainingExecute, barcelona.id, { q });
        console.log(`→ ${result.total} organisations\n`);
      }
      // The filters of the form, alone and with words: the area, district and language arrays have GIN indexes.
      const nouBarris = (await listAreas(database.db, barcelona.id, 'district')).find((d) => d.name === 'Nou Barris')!.id;
      const filtered: [string, DirectoryQuery][] = [
        ['area and district', { area: 'housing', district: nouBarris }],
        ['type, district and a word', { q: 'roquetes', type: 'association', district: nouBarris }],
        ['a language few work in', { language: 'ur' }],
      ];
      for (const [label, query] of filtered) {
        console.log(`### directory with filters: ${label}`);
        const result = await searchDirectory(explainingExecute, barcelona.id, query);
        console.log(`→ ${result.total} organisations\n`);
      }
    },
  ],
  [
    `challenge list over ${challengesForBench.toLocaleString('en')} challenges`,
    async () => {
      // The statements the list itself sends (as drizzle's logger sees them), over the generated challenges.
      const nouBarris = (await listAreas(database.db, barcelona.id, 'district')).find((d) => d.name === 'Nou Barris')!.id;
      const lists: [string, ChallengeFilters][] = [
        ['status and area', { status: 'proposed', area: 'housing' }],
        ['area and district', { area: 'housing', district: nouBarris }],
        ['by the proposer’s municipality', { municipality: 'barcelona', status: 'prioritised' }],
      ];
      for (const [label, filters] of lists) {
        const { db, sent } = recording();
        const found = await listChallenges(db, barcelona.id, filters);
        console.log(`## challenges, ${label}: ${found.length} of ${challengesForBench.toLocaleString('en')}`);
        for (const { query, params } of sent) {
          console.log(`### ${query}`);
          console.log((await pool.query(`explain (analyze, costs off, timing off, summary on) ${query}`, params)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'), '\n');
        }
      }
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

/**
 * Challenges proposed by the territory's member organisations, with statuses, areas and districts drawn in SQL
 * (deterministic: from the row number), so the list's plans are read at a size where an index matters.
 */
async function generateChallenges(db: Db, territoryId: string, n: number): Promise<void> {
  await db.execute(sql`
    insert into challenge (territory_id, organisation_id, title, description, evidence, district_ids, areas, status, proposed_by_name, created_at, status_changed_at)
    select ${territoryId}, o.id, 'Repte ' || g, 'Generat per a la mesura', '[]'::jsonb,
      array[(select id from area where territory_id = ${territoryId} and level = 'district' order by code offset g % 10 limit 1)],
      array[(array['housing','homelessness','food','health','migration','employment','older-people','children'])[1 + g % 8]],
      (array['proposed','prioritised','being-addressed','addressed','declined'])[1 + (g / 7) % 5], 'bench', now() - (g || ' hours')::interval, now()
    from generate_series(1, ${n}) g
    cross join lateral (select a.organisation_id as id from adhesion a where a.territory_id = ${territoryId} and a.status = 'member' order by a.organisation_id offset (g * 7919) % 1000 limit 1) o`);
}

let barcelona: { id: string };
try {
  await database.migrate();
  await initialiseIfNew(database.db, manifests, true, () => undefined);
  barcelona = (await findTerritory(database.db, 'barcelona'))!;
  const chosen = sections.filter(([title]) => title.includes(only));
  if (chosen.some(([title]) => title.startsWith('directory') || title.startsWith('challenge'))) await generateOrganisations(database.db, barcelona.id, 10_000);
  if (chosen.some(([title]) => title.startsWith('case queue'))) await generateCases(database.db, barcelona.id, casesForBench);
  if (chosen.some(([title]) => title.startsWith('challenge'))) await generateChallenges(database.db, barcelona.id, challengesForBench);
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
