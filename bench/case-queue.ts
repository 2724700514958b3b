// The case handler's queue with 10,000 cases: bench/run.ts adds the cases (generated inside the database)
// and a signed-in case handler's session before the server starts, then loads the queue pages with it.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/platform/db/client.ts';
import { createSession, sessionCookie } from '../src/contexts/identity/identity.service.ts';
import { person } from '../src/contexts/identity/identity.schema.ts';
import { eq } from 'drizzle-orm';
import { encodeCursor } from '../src/platform/api/cursor.ts';

export const casesForBench = 10_000;

/** Adds `count` cases spread over statuses, modes, two years and half classified; no content, since the list never reads it. */
export async function generateCases(db: Db, territoryId: string, count: number): Promise<void> {
  await db.execute(sql`
    INSERT INTO antenna_report (territory_id, reference, mode, status, organisation_id, classified_at, created_at, updated_at)
    SELECT ${territoryId}::uuid,
           upper(substr(md5('bench' || n), 1, 4) || '-' || substr(md5('bench' || n), 5, 4)),
           CASE WHEN n % 3 = 0 THEN 'confidential' ELSE 'anonymous' END,
           (ARRAY['new', 'in-triage', 'referred', 'being-followed', 'closed'])[1 + n % 5],
           NULL,
           CASE WHEN n % 2 = 0 THEN now() - (n || ' hours')::interval END,
           now() - ((n * 7) % 730 || ' days')::interval,
           now() - ((n * 3) % 365 || ' days')::interval
    FROM generate_series(1, ${count}) AS n
    ON CONFLICT DO NOTHING`);
  // Planner statistics after the bulk load, as autovacuum's analyze would give a table that grew to this size (the
  // bench's PostgreSQL may run without autovacuum, the embedded engine has none): without them the queue's first page
  // sorts every case instead of reading 50 from the (territory, updated, reference) index.
  await db.execute(sql`ANALYZE antenna_report`);
}

/**
 * The next-page link of page `page` - 1 as the queue renders it (its keyset cursor, in the default order), so the
 * bench loads a deep page the way a handler reaches it: by following "next".
 */
export async function deepPagePath(db: Db, territoryId: string, page: number): Promise<string> {
  const rows = (await db.execute(sql`
    SELECT updated_at::text AS position, reference FROM antenna_report
    WHERE territory_id = ${territoryId} AND purged_at IS NULL
    ORDER BY updated_at DESC, reference DESC OFFSET ${(page - 1) * 50 - 1} LIMIT 1`)) as unknown as { rows: { position: string; reference: string }[] };
  const last = rows.rows[0];
  if (!last) throw new Error(`The queue has no page ${page}`);
  return `/ca/t/barcelona/antenna/cases?page=${page}&after=${encodeCursor({ value: last.position, id: last.reference })}`;
}

/** A session of the demo case handler with the second factor passed, as the cookie header the load sends. */
export async function caseHandlerCookie(db: Db): Promise<string> {
  const [handler] = await db.select({ id: person.id }).from(person).where(eq(person.email, 'case-handler@coproduce.example'));
  if (!handler) throw new Error('The demo data has no case handler');
  return `${sessionCookie}=${await createSession(db, handler.id, 'bench', true)}`;
}
