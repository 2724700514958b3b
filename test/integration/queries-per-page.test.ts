// Queries per page on the demo are bounded: a page that lists things reads them in a fixed number of statements,
// whatever their number (no N+1). Each page is read once, so it is rendered, not served from the page cache.
// The bounds are the counts measured when this test was written, with a little room (issue 19, item 2). The home
// page and the portal still look up each territory's entries one territory at a time (about three queries each:
// the Agreement's networks, the published diagnoses, the published plans), so the home page grows with territories.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { queryCount } from '../../src/platform/db/client.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

async function queriesOf(client: Client, url: string): Promise<number> {
  const before = queryCount.value;
  const page = await client.get(url);
  assert.equal(page.status, 200, url);
  return queryCount.value - before;
}

test('public and staff pages make a bounded number of queries', async () => {
  const json = async (url: string) => (await t.app.inject(url)).json();
  const plan = (await json('/api/v1/territories/barcelona/plans')).plans[0].slug as string;
  const challenge = (await json('/api/v1/territories/barcelona/challenges')).challenges[0].id as string;
  const libraryItem = (await json('/api/v1/territories/barcelona/library')).items[0].id as string;
  const visitor = new Client(t.app);
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', process.env.DEMO_PEOPLE_PASSWORD!);
  const bounds: [Client, string, number][] = [
    [visitor, '/ca/', 26],
    [visitor, '/ca/t/barcelona', 36],
    [visitor, '/ca/t/barcelona/directory', 8],
    [visitor, `/ca/t/barcelona/directory?q=${encodeURIComponent('Qui treballa en habitatge a Nou Barris?')}`, 8],
    [visitor, '/ca/t/barcelona/directory?q=sensellar+habitatje', 9],
    [visitor, '/ca/t/barcelona/challenges?status=proposed&area=housing', 6],
    [visitor, `/ca/challenges/${challenge}`, 10],
    [visitor, '/ca/t/barcelona/networks/homeless-people', 10],
    [visitor, '/ca/t/barcelona/library?q=habitatje&kind=experience', 8],
    [visitor, `/ca/t/barcelona/library/${libraryItem}`, 8],
    [visitor, `/ca/t/barcelona/plans/${plan}`, 20],
    [visitor, `/ca/t/barcelona/plans/${plan}/data.json`, 20],
    [handler, '/ca/desk', 12],
  ];
  const measured: { url: string; count: number; bound: number }[] = [];
  for (const [client, url, bound] of bounds) measured.push({ url, count: await queriesOf(client, url), bound });
  console.log(measured.map((m) => `${m.url}: ${m.count} queries (at most ${m.bound})`).join('\n'));
  for (const { url, count, bound } of measured) assert.ok(count <= bound, `${url} made ${count} queries, more than ${bound}`);
});
