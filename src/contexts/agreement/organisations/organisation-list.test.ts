// The staff list of a territory's organisations: counts per verification, standing and type that follow the other
// filters and the search, sorting, pages, all in the URL; bad query values give the plain list; others get 403.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNotNull } from 'drizzle-orm';
import { actorHeader, createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';
import { adhesion, organisation } from '../agreement.schema.ts';
import { listTerritoryOrganisations, type OrganisationListSort } from './organisation-list.service.ts';

let t: TestApp;
let barcelonaId: string;
let admin: Actor;
before(async () => {
  t = await createTestApp({ actAs: true });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  admin = { personId: '00000000-0000-4000-8000-0000000000f3', displayName: 'Administració', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }] };
});
after(async () => t.close());

const list = (over: Partial<{ q: string; sort: OrganisationListSort; dir: 'asc' | 'desc'; page: number; perPage: number }> = {}) => ({ q: '', sort: 'registered' as const, dir: 'desc' as const, page: 1, perPage: 50, ...over });

test('the counts add up to every organisation of the territory and follow the other filters', async () => {
  const db = t.database.db;
  const rows = await db.select({ id: organisation.id, verifiedAt: organisation.verifiedAt, type: organisation.type }).from(organisation).where(eq(organisation.territoryId, barcelonaId));
  const members = await db.select({ id: adhesion.organisationId }).from(adhesion).where(and(eq(adhesion.territoryId, barcelonaId), eq(adhesion.status, 'member')));
  const memberIds = new Set(members.map((m) => m.id));
  const all = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list());
  assert.ok(all.ok);
  assert.equal(all.value.total, rows.length);
  assert.equal(all.value.searched, rows.length);
  assert.equal(all.value.byVerification.verified, rows.filter((r) => r.verifiedAt).length);
  assert.ok(all.value.byVerification.verified > 0 && all.value.byVerification.unverified > 0, 'the demo has verified and unverified organisations');
  assert.equal(all.value.byStanding.member, rows.filter((r) => memberIds.has(r.id)).length);
  assert.equal(Object.values(all.value.byType).reduce((a, b) => a + b, 0), rows.length);
  assert.equal(all.value.rows.length, Math.min(50, rows.length));

  const verifiedMembers = await listTerritoryOrganisations(db, admin, barcelonaId, { verification: 'verified', standing: 'member' }, list({ perPage: 500 }));
  assert.ok(verifiedMembers.ok);
  const expected = rows.filter((r) => r.verifiedAt && memberIds.has(r.id));
  assert.equal(verifiedMembers.value.total, expected.length);
  assert.deepEqual(new Set(verifiedMembers.value.rows.map((r) => r.id)), new Set(expected.map((r) => r.id)));
  assert.ok(verifiedMembers.value.rows.every((r) => r.verifiedAt !== null && r.standing === 'member'));
  // Each filter's counts are those of the other filters in force: verified among members, members among the verified.
  assert.equal(verifiedMembers.value.byVerification.unverified, rows.filter((r) => !r.verifiedAt && memberIds.has(r.id)).length);
  assert.equal(verifiedMembers.value.byStanding.member, expected.length);
  assert.equal(verifiedMembers.value.byStanding.none + verifiedMembers.value.byStanding.member + verifiedMembers.value.byStanding.pending + verifiedMembers.value.byStanding.declined + verifiedMembers.value.byStanding.left, rows.filter((r) => r.verifiedAt).length);
});

test('sorting by name pages through in the database order; the unverified come last by verification date', async () => {
  const db = t.database.db;
  const first = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list({ sort: 'name', dir: 'asc', perPage: 5 }));
  const second = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list({ sort: 'name', dir: 'asc', perPage: 5, page: 2 }));
  assert.ok(first.ok && second.ok);
  const paged = [...first.value.rows, ...second.value.rows].map((r) => r.id);
  const byName = await db.select({ id: organisation.id }).from(organisation).where(eq(organisation.territoryId, barcelonaId)).orderBy(organisation.name, organisation.id).limit(10);
  assert.deepEqual(paged, byName.map((r) => r.id));
  for (const dir of ['asc', 'desc'] as const) {
    const byVerified = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list({ sort: 'verified', dir, perPage: 1000 }));
    assert.ok(byVerified.ok);
    const dates = byVerified.value.rows.map((r) => r.verifiedAt);
    const firstNull = dates.findIndex((d) => d === null);
    assert.ok(firstNull > 0 && dates.slice(firstNull).every((d) => d === null), `the unverified come last (${dir})`);
    const known = dates.slice(0, firstNull).map((d) => d!.getTime());
    assert.ok(known.every((d, i) => i === 0 || (dir === 'asc' ? known[i - 1]! <= d : known[i - 1]! >= d)), `by verification date, ${dir}`);
  }
});

test('the search matches part of the name with its own counts; a wildcard is literal', async () => {
  const db = t.database.db;
  const found = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list({ q: 'RAVAL' }));
  assert.ok(found.ok);
  assert.ok(found.value.total > 0 && found.value.rows.every((r) => /raval/i.test(r.name)));
  assert.equal(found.value.searched, found.value.total);
  const wildcard = await listTerritoryOrganisations(db, admin, barcelonaId, {}, list({ q: '_' }));
  assert.ok(wildcard.ok);
  assert.ok(wildcard.value.rows.every((r) => r.name.includes('_')));
});

test('the page keeps its filters in the links, in Catalan and Arabic; bad values give the plain list; others get 403', async () => {
  const headers = actorHeader({ personId: admin.personId, displayName: admin.displayName, grants: admin.grants });
  const [verified] = await t.database.db.select({ name: organisation.name }).from(organisation).where(and(eq(organisation.territoryId, barcelonaId), isNotNull(organisation.verifiedAt))).limit(1);
  assert.ok(verified, 'the demo has a verified organisation');
  const page = await t.app.inject({ url: '/ca/t/barcelona/organisations?verification=verified&sort=name&dir=asc', headers });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Entitats de Barcelona/);
  assert.match(page.body, /aria-sort="ascending"/);
  assert.match(page.body, /href="\/ca\/t\/barcelona\/organisations\?verification=verified&amp;standing=member&amp;sort=name&amp;dir=asc"/, 'a standing link keeps the verification and the order');
  assert.match(page.body, /<option value="verified" selected/);
  assert.doesNotMatch(page.body, /<td>No verificada<\/td>/);
  const ar = await t.app.inject({ url: '/ar/t/barcelona/organisations?standing=none', headers });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /منظمات Barcelona/);
  for (const query of ['page=-1', 'sort=evil&dir=sideways', 'verification=xyz&standing=%27%3B--&type=robot', 'page=999999', `q=${'x'.repeat(100)}`]) {
    const bad = await t.app.inject({ url: `/ca/t/barcelona/organisations?${query}`, headers });
    assert.equal(bad.statusCode, 200, query);
  }
  const tooLong = await t.app.inject({ url: `/ca/t/barcelona/organisations?q=${'x'.repeat(101)}`, headers });
  assert.ok(tooLong.statusCode < 500, 'a search beyond the schema is refused, not failed');
  const stranger = await t.app.inject({ url: '/ca/t/barcelona/organisations', headers: actorHeader({ grants: [] }) });
  assert.equal(stranger.statusCode, 403);
  const elsewhere = await listTerritoryOrganisations(t.database.db, { ...admin, grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: '00000000-0000-4000-8000-000000000000' } }] }, barcelonaId, {}, list());
  assert.equal(elsewhere.ok, false);
});
