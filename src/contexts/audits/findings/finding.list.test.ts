// The coordinator's list of findings on the demo: counts per status, paging, sorting and a search, all in the URL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, actorHeader, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { finding } from '../audit.schema.ts';

let t: TestApp;
let territoryId: string;
let coordinator: Record<string, string>;
const path = '/ca/t/barcelona/audits/findings';

before(async () => {
  t = await createTestApp({ actAs: true });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = actorHeader({ locale: 'ca', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
});
after(() => t.close());

const ids = (body: string) => [...body.matchAll(/\/audits\/findings\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
const get = (url: string) => t.app.inject({ url, headers: coordinator });

test('50 findings a page with the total and the counts per status; every finding on one page', async () => {
  const all = await t.database.db.select().from(finding).where(eq(finding.territoryId, territoryId));
  assert.ok(all.length > 50, 'the demo has more than a page of findings');
  const first = await get(path);
  assert.equal(first.statusCode, 200);
  assert.equal(ids(first.body).length, 50);
  assert.match(first.body, new RegExp(`Es mostren 1–50 de ${all.length}`));
  const validated = all.filter((f) => f.status === 'validated').length;
  assert.match(first.body, new RegExp(`status=validated"[^>]*>[^<]+<span class="count-links__count">\\(${validated}\\)`));
  const seen = new Set<string>();
  for (let page = 1; page <= Math.ceil(all.length / 50); page++) for (const id of ids((await get(`${path}?page=${page}`)).body)) seen.add(id);
  assert.equal(seen.size, all.length);
});

test('sorting by severity and a search by a word of the title keep each other in the URL', async () => {
  const all = await t.database.db.select().from(finding).where(eq(finding.territoryId, territoryId));
  const sorted = await get(`${path}?sort=severity&dir=desc`);
  const top = ids(sorted.body).map((id) => all.find((f) => f.id === id)!.severity);
  assert.deepEqual(top, [...top].sort((a, b) => b - a));
  const word = all[0]!.title.split(/\s+/).find((w) => w.length > 5)!;
  const found = await get(`${path}?sort=severity&dir=desc&q=${encodeURIComponent(word)}`);
  const expected = all.filter((f) => `${f.title} ${f.description}`.toLowerCase().includes(word.toLowerCase())).length;
  assert.equal(ids(found.body).length, Math.min(50, expected));
  assert.match(found.body, /name="sort" value="severity"/, 'the form keeps the sort');
  assert.equal((await get(`${path}?sort=nope&page=-1`)).statusCode, 200);
});
