// The case handler's queue with 10,000 cases: bench/run.ts adds the cases (generated inside the database)
// and a signed-in case handler's session before the server starts, then loads the queue pages with it.
import { sql } from 'drizzle-orm';
import type { Db } from '../src/platform/db/client.ts';
import { createSession, sessionCookie } from '../src/contexts/identity/identity.service.ts';
import { person } from '../src/contexts/identity/identity.schema.ts';
import { eq } from 'drizzle-orm';

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
}

/** A session of the demo case handler with the second factor passed, as the cookie header the load sends. */
export async function caseHandlerCookie(db: Db): Promise<string> {
  const [handler] = await db.select({ id: person.id }).from(person).where(eq(person.email, 'case-handler@coproduce.example'));
  if (!handler) throw new Error('The demo data has no case handler');
  return `${sessionCookie}=${await createSession(db, handler.id, 'bench', true)}`;
}
