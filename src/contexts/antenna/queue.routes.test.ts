// The case handler's queue on the demo's cases: search, filters that stay in the URL, counts, sorting, paging.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNull } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { handler } from '../../../test/support/antenna.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listRegistered } from '../agreement/organisations/organisation.service.ts';
import { antennaReport } from './antenna.schema.ts';

let t: TestApp;
let barcelona: string;
let staff: Record<string, string>;
const path = '/ca/t/barcelona/antenna/cases';

before(async () => {
  t = await createTestApp({ actAs: true });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  staff = handler(barcelona, '00000000-0000-4000-8000-0000000000b1');
});
after(() => t.close());

const references = (body: string) => [...body.matchAll(/\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/g)].map((m) => m[1]!);
const get = (url: string) => t.app.inject({ url, headers: staff });

async function liveCases() {
  return t.database.db
    .select()
    .from(antennaReport)
    .where(and(eq(antennaReport.territoryId, barcelona), isNull(antennaReport.purgedAt)));
}

test('the queue shows 50 cases a page, says how many there are, and pages through all of them once', async () => {
  const all = await liveCases();
  assert.ok(all.length > 100, 'the demo has several pages of cases');
  const first = await get(path);
  assert.equal(first.statusCode, 200);
  assert.equal(references(first.body).length, 50);
  assert.match(first.body, new RegExp(`Es mostren 1–50 de ${all.length}`));
  assert.match(first.body, /rel="next" href="\/ca\/t\/barcelona\/antenna\/cases\?page=2&amp;after=[\w-]+"/);
  const seen = new Set<string>();
  const pages = Math.ceil(all.length / 50);
  for (let page = 1; page <= pages; page++) for (const r of references((await get(`${path}?page=${page}`)).body)) seen.add(r);
  assert.equal(seen.size, all.length, 'every case on exactly one page');
  const beyond = await get(`${path}?page=${pages + 1}`);
  assert.equal(beyond.statusCode, 200);
  assert.equal(references(beyond.body).length, 0);
});

const link = (body: string, rel: 'next' | 'prev') => {
  const found = new RegExp(`rel="${rel}" href="([^"]+)"`).exec(body);
  return found ? found[1]!.replace(/&amp;/g, '&') : null;
};

test('the next and previous links walk the queue by keyset cursor: every case once, the same pages back, the right numbers', async () => {
  const all = await liveCases();
  const pages: string[][] = [];
  let url: string | null = `${path}?status=closed&sort=received&dir=asc`;
  const closed = all.filter((r) => r.status === 'closed').length;
  while (url) {
    const page = await get(url);
    assert.equal(page.statusCode, 200);
    const from = pages.length * 50 + 1;
    assert.match(page.body, new RegExp(`Es mostren ${from}–${Math.min(closed, from + 49)} de ${closed}`), url);
    pages.push(references(page.body));
    if (pages.length > 1) assert.match(url, /after=/, 'a later page starts after a cursor');
    url = link(page.body, 'next');
  }
  assert.ok(pages.length > 1, 'the demo has more than one page of closed cases');
  const walked = pages.flat();
  assert.equal(new Set(walked).size, closed, 'every closed case exactly once');
  const expected = all.filter((r) => r.status === 'closed').sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.reference.localeCompare(b.reference)).map((r) => r.reference);
  assert.deepEqual(walked, expected, 'in the order received');
  // Back from the last page, by the previous links: the same pages in turn.
  let back = link((await get(`${path}?status=closed&sort=received&dir=asc&page=${pages.length}&after=x`)).body, 'prev');
  assert.ok(back, 'a bad cursor is ignored: the last page by its number, with a previous link');
  for (let n = pages.length - 1; n >= 1; n--) {
    const page = await get(back!);
    assert.equal(page.statusCode, 200);
    assert.deepEqual(references(page.body), pages[n - 1], `page ${n} again`);
    back = link(page.body, 'prev');
  }
  assert.equal(back, null, 'no previous link on the first page');
});

test('counts per status match the database, and a status filter keeps the other filters and the sort in its links', async () => {
  const all = await liveCases();
  const closed = all.filter((r) => r.status === 'closed' && r.mode === 'anonymous');
  const page = await get(`${path}?mode=anonymous&sort=reference&dir=asc`);
  assert.match(page.body, new RegExp(`href="/ca/t/barcelona/antenna/cases\\?status=closed&amp;mode=anonymous&amp;sort=reference&amp;dir=asc"[^>]*>Tancat <span class="count-links__count">\\(${closed.length}\\)`));
  const filtered = await get(`${path}?mode=anonymous&sort=reference&dir=asc&status=closed`);
  const shown = references(filtered.body);
  const expected = closed.map((r) => r.reference).sort().slice(0, 50);
  assert.deepEqual(shown, expected, 'the closed anonymous cases, by reference');
  assert.match(filtered.body, /aria-sort="ascending"/);
});

test('sorting by received date reverses with the second click', async () => {
  const all = await liveCases();
  const oldest = [...all].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.reference.localeCompare(b.reference))[0]!;
  const asc = await get(`${path}?sort=received&dir=asc`);
  assert.equal(references(asc.body)[0], oldest.reference);
  assert.match(asc.body, /href="\/ca\/t\/barcelona\/antenna\/cases\?sort=received&amp;dir=desc"/);
});

test('a search by part of a reference finds that case; a wildcard is not a wildcard', async () => {
  const [one] = await liveCases();
  const part = one!.reference.slice(0, 6).toLowerCase();
  const found = references((await get(`${path}?q=${encodeURIComponent(part)}`)).body);
  assert.ok(found.includes(one!.reference));
  assert.ok(found.every((r) => r.startsWith(one!.reference.slice(0, 6))));
  const wildcard = await get(`${path}?q=${encodeURIComponent('%')}`);
  assert.equal(wildcard.statusCode, 200);
  assert.equal(references(wildcard.body).length, 0);
  assert.match(wildcard.body, /No hi ha res que coincideixi/);
});

test('a report filed on someone’s behalf says which organisation filed it, in the list and on the case', async () => {
  const organisation = (await listRegistered(t.database.db, barcelona))[0]!.organisation;
  const [one] = await liveCases();
  await t.database.db.update(antennaReport).set({ organisationId: organisation.id, consentMethod: 'phone' }).where(eq(antennaReport.id, one!.id));
  const list = await get(`${path}?onBehalf=yes&q=${one!.reference}`);
  assert.deepEqual(references(list.body), [one!.reference]);
  assert.ok(list.body.includes(`enviat per ${organisation.name.replace(/'/g, '&#39;')}`), 'the list names the organisation');
  const casePage = await get(`${path}/${one!.reference}`);
  assert.equal(casePage.statusCode, 200);
  assert.ok(casePage.body.includes(`Enviat per ${organisation.name.replace(/'/g, '&#39;')} en nom de la persona`));
  const notOnBehalf = references((await get(`${path}?onBehalf=no&q=${one!.reference}`)).body);
  assert.deepEqual(notOnBehalf, []);
});

test('nonsense in the URL falls back to the defaults instead of failing', async () => {
  for (const query of ['?page=0', '?page=abc', '?sort=password&dir=up', '?status=nope&mode=x&onBehalf=maybe']) {
    const page = await get(`${path}${query}`);
    assert.equal(page.statusCode, 200, query);
    assert.equal(references(page.body).length, 50, query);
  }
  assert.equal((await get(`${path}?q=${'x'.repeat(101)}`)).statusCode, 400);
});

test('the queue needs a case handler of this territory', async () => {
  assert.equal((await t.app.inject({ url: path })).statusCode, 303);
  assert.equal((await t.app.inject({ url: path, headers: handler('00000000-0000-4000-8000-00000000ffff', '00000000-0000-4000-8000-0000000000b1') })).statusCode, 403);
});
