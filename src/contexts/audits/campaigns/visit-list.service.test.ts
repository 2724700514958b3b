// The coordinator's list of a campaign's visits: counts by status and method that follow the other filters, the
// search by facility or code name, sorting and pages, all in the URL of the campaign page; bad values, a clean page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { count, desc, eq } from 'drizzle-orm';
import { actorHeader, createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';
import { auditor, visit } from '../audit.schema.ts';
import { demoPeople } from '../audits.seed.ts';
import { facilitiesOf } from '../../catalogue/catalogue.service.ts';
import { listCampaignVisits, type VisitSort } from './visit-list.service.ts';

let t: TestApp;
let territoryId: string;
let campaignId: string;
let coordinator: Actor;
before(async () => {
  t = await createTestApp({ actAs: true });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = { personId: demoPeople.coordinator, displayName: 'Coordinació', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] };
  // The demo campaign with the most visits.
  const [busiest] = await t.database.db.select({ campaignId: visit.campaignId, n: count() }).from(visit).where(eq(visit.territoryId, territoryId)).groupBy(visit.campaignId).orderBy(desc(count())).limit(1);
  assert.ok(busiest && busiest.n >= 3, 'the demo has a campaign with visits');
  campaignId = busiest.campaignId;
});
after(async () => t.close());

const list = (over: Partial<{ q: string; sort: VisitSort; dir: 'asc' | 'desc'; page: number; perPage: number }> = {}) => ({ q: '', sort: 'scheduled' as const, dir: 'asc' as const, page: 1, perPage: 50, ...over });

test('counts per status and per method add up to the campaign visits and follow the other filter', async () => {
  const db = t.database.db;
  const rows = await db.select().from(visit).where(eq(visit.campaignId, campaignId));
  const all = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list(), 'ca');
  assert.ok(all.ok);
  assert.equal(all.value.total, rows.length);
  assert.equal(all.value.byStatus.submitted, rows.filter((r) => r.status === 'submitted').length);
  assert.equal(Object.values(all.value.byMethod).reduce((a, b) => a + b, 0), rows.length);
  const status = rows[0]!.status;
  const method = rows[0]!.method;
  const both = await listCampaignVisits(db, coordinator, territoryId, campaignId, { status, method }, list(), 'ca');
  assert.ok(both.ok);
  assert.equal(both.value.total, rows.filter((r) => r.status === status && r.method === method).length);
  assert.ok(both.value.rows.every((r) => r.status === status && r.method === method));
  assert.equal(both.value.byStatus[status], both.value.total);
  assert.equal(Object.values(both.value.byStatus).reduce((a, b) => a + b, 0), rows.filter((r) => r.method === method).length, 'status counts are within the method');
});

test('sorted by date both ways, by facility name, paged without repeats; the search finds a facility and a code name', async () => {
  const db = t.database.db;
  const rows = await db.select().from(visit).where(eq(visit.campaignId, campaignId));
  for (const dir of ['asc', 'desc'] as const) {
    const sorted = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ dir }), 'ca');
    assert.ok(sorted.ok);
    const dates = sorted.value.rows.map((r) => r.scheduledOn);
    assert.deepEqual(dates, [...dates].sort((a, b) => (dir === 'asc' ? a.localeCompare(b) : b.localeCompare(a))));
  }
  const facilities = new Map((await facilitiesOf(db, territoryId)).map((f) => [f.id, f.name]));
  const byFacility = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ sort: 'facility', perPage: 500 }), 'ca');
  assert.ok(byFacility.ok);
  const names = byFacility.value.rows.map((r) => facilities.get(r.facilityId)!);
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'ca')));
  const first = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ perPage: 2 }), 'ca');
  const second = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ perPage: 2, page: 2 }), 'ca');
  assert.ok(first.ok && second.ok);
  assert.equal(new Set([...first.value.rows, ...second.value.rows].map((r) => r.id)).size, 4);
  const place = facilities.get(rows[0]!.facilityId)!;
  const byPlace = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ q: place.slice(0, 6).toUpperCase() }), 'ca');
  assert.ok(byPlace.ok);
  assert.ok(byPlace.value.total > 0 && byPlace.value.rows.some((r) => r.facilityId === rows[0]!.facilityId));
  const [code] = await db.select({ codeName: auditor.codeName }).from(auditor).where(eq(auditor.id, rows[0]!.auditorId));
  const byCode = await listCampaignVisits(db, coordinator, territoryId, campaignId, {}, list({ q: code!.codeName }), 'ca');
  assert.ok(byCode.ok);
  assert.ok(byCode.value.rows.some((r) => r.auditorId === rows[0]!.auditorId));
});

test('the campaign page keeps the filters in its links, in Catalan and Arabic; bad values give the plain list; others get 403', async () => {
  const headers = actorHeader({ personId: coordinator.personId, locale: 'ca', grants: coordinator.grants });
  const base = `/ca/t/barcelona/audits/campaigns/${campaignId}`;
  const page = await t.app.inject({ url: `${base}?status=submitted&sort=facility&dir=desc`, headers });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Visites per estat/);
  assert.match(page.body, /aria-sort="descending"/);
  assert.match(page.body, new RegExp(`href="${base}\\?status=draft&amp;sort=facility&amp;dir=desc"`), 'a status link keeps the order');
  assert.doesNotMatch(page.body, /<code>[0-9a-f-]{36}<\/code>/, 'no visit ids shown');
  const ar = await t.app.inject({ url: `/ar/t/barcelona/audits/campaigns/${campaignId}?method=paired-test`, headers });
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /الزيارات حسب الحالة/);
  for (const query of ['page=-1', 'sort=evil&dir=sideways', 'status=xyz&method=%27%3B--&auditorId=nobody', 'page=999999']) {
    const bad = await t.app.inject({ url: `${base}?${query}`, headers });
    assert.equal(bad.statusCode, 200, query);
  }
  const stranger = await t.app.inject({ url: base, headers: actorHeader({ grants: [] }) });
  assert.equal(stranger.statusCode, 403);
});
