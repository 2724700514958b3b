// The promoting group's list of every adhesion: searched by the organisation's name, filtered by status with
// a count per status, sorted and paged, all in the URL; nobody else sees it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorHeader, createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';
import { listAdhesions } from './adhesion.service.ts';
import { adhesion } from '../agreement.schema.ts';
import { eq, sql } from 'drizzle-orm';

let t: TestApp;
let barcelonaId: string;
let group: Actor;
before(async () => {
  t = await createTestApp({ actAs: true });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  group = { personId: '00000000-0000-4000-8000-0000000000f2', displayName: 'Grup impulsor', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelonaId } }] };
});
after(async () => t.close());

const list = (over: Partial<{ q: string; sort: 'organisation' | 'status' | 'signed' | 'memberSince'; dir: 'asc' | 'desc'; page: number; perPage: number }> = {}) => ({ q: '', sort: 'signed' as const, dir: 'desc' as const, page: 1, perPage: 50, ...over });

test('counts per status add up to every adhesion of the territory, and a status filter keeps only its own', async () => {
  const rows = await t.database.db.select().from(adhesion).where(eq(adhesion.territoryId, barcelonaId));
  const all = await listAdhesions(t.database.db, group, barcelonaId, {}, list());
  assert.ok(all.ok);
  assert.equal(all.value.allStatuses, rows.length);
  assert.equal(all.value.byStatus.pending, rows.filter((r) => r.status === 'pending').length);
  assert.ok(all.value.byStatus.pending > 0 && all.value.byStatus.member > 0, 'the demo has members and pending requests');
  const pending = await listAdhesions(t.database.db, group, barcelonaId, { status: 'pending' }, list());
  assert.ok(pending.ok);
  assert.equal(pending.value.total, all.value.byStatus.pending);
  assert.ok(pending.value.rows.every((r) => r.status === 'pending'));
});

test('pages hold perPage rows in a stable order, sorting by name or date works both ways, and pending ones come last by member date', async () => {
  const db = t.database.db;
  const first = await listAdhesions(db, group, barcelonaId, {}, list({ sort: 'organisation', dir: 'asc', perPage: 10 }));
  const second = await listAdhesions(db, group, barcelonaId, {}, list({ sort: 'organisation', dir: 'asc', perPage: 10, page: 2 }));
  assert.ok(first.ok && second.ok);
  assert.equal(first.value.rows.length, 10);
  const paged = [...first.value.rows, ...second.value.rows].map((r) => r.id);
  assert.equal(new Set(paged).size, 20, 'no row on two pages');
  // The database's own order of the names (its collation decides), and the reverse for descending.
  const byName = (await db.execute(sql`SELECT a.id FROM adhesion a JOIN organisation o ON o.id = a.organisation_id WHERE a.territory_id = ${barcelonaId} ORDER BY o.name, a.id`)) as unknown as { rows: { id: string }[] };
  assert.deepEqual(paged, byName.rows.slice(0, 20).map((r) => r.id), 'pages 1 and 2 by name, ascending');
  const desc = await listAdhesions(db, group, barcelonaId, {}, list({ sort: 'organisation', dir: 'desc', perPage: 1 }));
  assert.ok(desc.ok);
  assert.equal(desc.value.rows[0]!.id, byName.rows.at(-1)!.id);
  for (const dir of ['asc', 'desc'] as const) {
    const bySince = await listAdhesions(db, group, barcelonaId, {}, list({ sort: 'memberSince', dir, perPage: 500 }));
    assert.ok(bySince.ok);
    const dates = bySince.value.rows.map((r) => r.memberSince);
    const firstNull = dates.findIndex((d) => d === null);
    assert.ok(firstNull > 0 && dates.slice(firstNull).every((d) => d === null), `those not approved come last (${dir})`);
    const known = dates.slice(0, firstNull).map((d) => d!.getTime());
    assert.ok(known.every((d, i) => i === 0 || (dir === 'asc' ? known[i - 1]! <= d : known[i - 1]! >= d)), `by member date, ${dir}`);
  }
});

test('the search matches part of the name, whatever the case, with its own counts; wildcards are literal', async () => {
  const db = t.database.db;
  const found = await listAdhesions(db, group, barcelonaId, {}, list({ q: 'raval' }));
  assert.ok(found.ok);
  assert.ok(found.value.total > 0 && found.value.rows.every((r) => /raval/i.test(r.organisationName)));
  assert.equal(found.value.allStatuses, found.value.total);
  const wildcard = await listAdhesions(db, group, barcelonaId, {}, list({ q: '%' }));
  assert.ok(wildcard.ok);
  assert.equal(wildcard.value.total, 0);
});

test('the review page lists them with the filters in the URL, in Catalan and in Arabic; others get 403', async () => {
  const headers = actorHeader({ personId: group.personId, displayName: group.displayName, grants: group.grants });
  const page = await t.app.inject({ url: '/ca/t/barcelona/agreement/review?status=member&sort=organisation&dir=asc&q=a', headers });
  assert.equal(page.statusCode, 200, String(page.headers.location));
  assert.match(page.body, /Totes les adhesions/);
  assert.match(page.body, /aria-sort="ascending"/);
  // The count links and sort headers keep the search and the status; the status links go back to page 1.
  assert.match(page.body, /href="\/ca\/t\/barcelona\/agreement\/review\?status=pending&amp;q=a&amp;sort=organisation&amp;dir=asc"/);
  assert.match(page.body, /<option value="member" selected/);
  assert.doesNotMatch(page.body, /<td>Pendent d’aprovació<\/td>/, 'only members listed');
  const ar = await t.app.inject({ url: '/ar/t/barcelona/agreement/review?page=9999', headers });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /كل طلبات الانضمام/);
  const bad = await t.app.inject({ url: '/ca/t/barcelona/agreement/review?status=nonsense&sort=nonsense&dir=sideways&page=-2', headers });
  assert.equal(bad.statusCode, 200, 'unknown list values fall back to the defaults');
  const stranger = await t.app.inject({ url: '/ca/t/barcelona/agreement/review', headers: actorHeader({ grants: [] }) });
  assert.equal(stranger.statusCode, 403);
  const forum = await listAdhesions(t.database.db, { ...group, grants: [] }, barcelonaId, {}, list());
  assert.equal(forum.ok, false);
});
