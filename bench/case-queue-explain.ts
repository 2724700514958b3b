// The case queue's queries with 10,000 cases on PostgreSQL, with their plans: npx tsx bench/case-queue-explain.ts
// (DATABASE_URL names the server; a fresh database is made there and dropped after). Shows which index each list
// page uses, so a change that loses one is seen before the bench's p99 says so.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/client.ts';
import { createTerritory } from '../src/contexts/territories/territory.service.ts';
import { casesForBench, generateCases } from './case-queue.ts';

const server = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `coproduce_explain_${process.pid}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(server);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
try {
  await database.migrate();
  const territory = await createTerritory(database.db, { slug: 'barcelona', name: 'Barcelona', kind: 'municipality', settings: {} });
  await generateCases(database.db, territory.id, casesForBench);
  await database.db.execute(sql`ANALYZE antenna_report`);
  const t = territory.id;
  // The same queries listCases (src/contexts/antenna/triage.service.ts) builds: a page of rows, and counts per status.
  const queries: [string, ReturnType<typeof sql>][] = [
    ['first page, by last change', sql`SELECT * FROM antenna_report WHERE territory_id = ${t} AND purged_at IS NULL ORDER BY updated_at DESC, reference DESC LIMIT 50`],
    ['closed anonymous, by received, ascending', sql`SELECT * FROM antenna_report WHERE territory_id = ${t} AND purged_at IS NULL AND mode = 'anonymous' AND status = 'closed' ORDER BY created_at ASC, reference ASC LIMIT 50`],
    ['page 150', sql`SELECT * FROM antenna_report WHERE territory_id = ${t} AND purged_at IS NULL ORDER BY updated_at DESC, reference DESC LIMIT 50 OFFSET 7450`],
    ['search by part of a reference', sql`SELECT * FROM antenna_report WHERE territory_id = ${t} AND purged_at IS NULL AND reference ILIKE '%A1%' ORDER BY updated_at DESC, reference DESC LIMIT 50`],
    ['counts per status', sql`SELECT status, count(*) FROM antenna_report WHERE territory_id = ${t} AND purged_at IS NULL GROUP BY status`],
  ];
  for (const [label, query] of queries) {
    const result = await database.db.execute(sql`EXPLAIN (ANALYZE, BUFFERS OFF) ${query}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: Record<string, string>[] }).rows) as Record<string, string>[];
    console.log(`\n— ${label}`);
    for (const r of rows) console.log(`  ${Object.values(r)[0]}`);
  }
} finally {
  await database.close();
  await admin.query(`DROP DATABASE ${name}`);
  await admin.end();
}
