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
import { roles } from '../../src/platform/auth/permissions.ts';
import { currentTotp } from '../../src/contexts/identity/totp.ts';

let t: TestApp;
/** The desk of any role: its tasks are read in a fixed number of queries whatever their number. */
// Raised from 22 to 26 when the library, joint projects and frameworks added their desk tasks (one query each or
// so); the demo organisation admin, now in three organisations, reads the Agreement's tasks for all at once.
const deskBound = 26;
// NOT YET BOUNDED (left open in the closing note): the Agreement's desk reads each territory's networks and each
// coordinated network's queue one at a time, so the demo coordinator, who since the frameworks' demo also coordinates
// the Metropolitan network, makes 36. The bound says what it is today, so that it does not grow unseen.
const deskBounds: Partial<Record<string, number>> = { 'network-coordinator': 38 };
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

/** Each demo person's two-step secret, once set up (a second sign in asks for a code). */
const secrets = new Map<string, string>();

/** A demo person signed in with two-step sign in set up (staff lists of personal data ask for it). */
async function signedIn(email: string): Promise<Client> {
  const client = new Client(t.app);
  const password = process.env.DEMO_PEOPLE_PASSWORD!;
  if (secrets.has(email)) {
    await client.signIn(email, password, secrets.get(email));
    return client;
  }
  const page = await client.post('/en/account/sign-in', { email, password, next: '/en/account' }, { from: '/en/account/sign-in' });
  assert.ok(page.status === 302 || page.status === 303, `${email} signs in (${page.status})`);
  const setup = await client.get('/en/account/two-factor/setup');
  const secret = /data-totp-secret="true">([A-Z2-7 ]+)</.exec(setup.body)?.[1]?.replace(/ /g, '');
  assert.ok(secret, `${email} is offered two-step sign in`);
  const on = await client.post('/en/account/two-factor/setup', { code: currentTotp(secret), next: '/en/account' });
  assert.equal(on.status, 200, `${email} sets up two-step sign in`);
  secrets.set(email, secret);
  return client;
}

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
    // Each context with a portal entry and news adds about one query: 36 before the library and joint projects.
    [visitor, '/ca/t/barcelona', 40],
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
    [handler, '/ca/desk', 14], // 12 before the library's and projects' desk entries,
  ];
  const measured: { url: string; count: number; bound: number }[] = [];
  for (const [client, url, bound] of bounds) measured.push({ url, count: await queriesOf(client, url), bound });
  check(measured);
});

/** Pages that grow with their rows must not grow in queries: each is bounded, as measured with a little room. */
function check(measured: { url: string; count: number; bound: number }[]) {
  console.log(measured.map((m) => `${m.url}: ${m.count} queries (at most ${m.bound})`).join('\n'));
  for (const { url, count, bound } of measured) assert.ok(count <= bound, `${url} made ${count} queries, more than ${bound}`);
}

test('the desk of each demo role makes a bounded number of queries', async () => {
  const measured: { url: string; count: number; bound: number }[] = [];
  // Every role's demo person (the platform administrator's password is not the people's), and the second board member.
  for (const role of roles.filter((r) => r !== 'platform-admin')) {
    const client = await signedIn(`${role}@coproduce.example`);
    measured.push({ url: `/ca/desk (${role})`, count: await queriesOf(client, '/ca/desk'), bound: deskBounds[role] ?? deskBound });
  }
  check(measured);
});

test('public pages of a published diagnosis and the forum, and staff lists, make a bounded number of queries', async () => {
  const visitor = new Client(t.app);
  const diagnosis = (await t.app.inject('/api/v1/territories/barcelona/diagnoses')).json() as { diagnoses?: { number: number }[] };
  const number = diagnosis.diagnoses?.[0]?.number;
  assert.ok(number, 'the demo has a published diagnosis');
  const handler = await signedIn('case-handler@coproduce.example');
  const coordinator = await signedIn('audit-coordinator@coproduce.example');
  const territoryAdmin = await signedIn('territory-admin@coproduce.example');
  const bounds: [Client, string, number][] = [
    [visitor, `/ca/t/barcelona/diagnosis/${number}`, 30],
    // A forum's portal reads each member municipality's entries and news one municipality at a time (see above).
    [visitor, '/ca/t/metropolitan-social-forum', 66],
    [visitor, '/ca/t/metropolitan-social-forum/directory', 10],
    [visitor, '/ca/t/metropolitan-social-forum/challenges', 10],
    [visitor, '/ca/t/barcelona/statements', 12],
    [visitor, '/ca/t/barcelona/events', 12],
    [visitor, '/ca/t/barcelona/debates', 12],
    [handler, '/ca/t/barcelona/antenna/cases', 12],
    [coordinator, '/ca/t/barcelona/audits/findings', 12],
    // One access-log batch for the listed auditors (it was an append per auditor: 63 queries for the demo's).
    [coordinator, '/ca/t/barcelona/audits/auditors', 18],
    [territoryAdmin, '/ca/t/barcelona/plans/staff', 12],
    [territoryAdmin, '/ca/t/barcelona/diagnosis/staff', 20],
  ];
  const measured: { url: string; count: number; bound: number }[] = [];
  for (const [client, url, bound] of bounds) measured.push({ url, count: await queriesOf(client, url), bound });
  check(measured);
});
