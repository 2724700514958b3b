// Public pages from the page cache on the demo: two people signed in get the same cached page, each with only
// their own header, and neither sees the other's name or token (issue 19, item 1).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { session as sessionTable } from '../../src/contexts/identity/identity.schema.ts';
import { hashToken } from '../../src/contexts/identity/tokens.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

const password = process.env.DEMO_PEOPLE_PASSWORD!;
const header = (body: string) => /<nav class="account-nav"[\s\S]*?<\/nav>/.exec(body)?.[0] ?? '';
const withoutHeader = (body: string) => body.replace(/<nav class="account-nav"[\s\S]*?<\/nav>/, '');

test('two signed-in people get the cached public pages with only their own header', async () => {
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', password);
  const member = new Client(t.app);
  await member.signIn('organisation-member@coproduce.example', password);
  const anonymous = new Client(t.app);
  for (const url of ['/ca/', '/ca/t/barcelona', '/ar/t/barcelona/directory?q=habitatge', '/ca/t/barcelona/plans']) {
    const nobody = await anonymous.get(url);
    assert.equal(nobody.status, 200, url);
    // The entry is stored once the first answer has gone out: on a busy machine, a moment later.
    let again = await anonymous.get(url);
    for (let i = 0; i < 20 && again.headers['x-cache'] !== 'hit'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await anonymous.get(url);
    }
    assert.equal(again.headers['x-cache'], 'hit', url);
    const one = await handler.get(url);
    const two = await member.get(url);
    assert.equal(one.status, 200, url);
    assert.equal(two.status, 200, url);
    assert.doesNotMatch(header(nobody.body), /sign-out/, url);
    assert.match(header(one.body), /sign-out/, url);
    assert.notEqual(header(one.body), header(two.body), url);
    const tokenOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    assert.ok(tokenOf(one.body) && tokenOf(two.body) && tokenOf(one.body) !== tokenOf(two.body), `${url}: each has their own sign-out token`);
    if (one.headers['x-cache'] === 'hit-personal') {
      assert.equal(two.headers['x-cache'], 'hit-personal', url);
      assert.equal(withoutHeader(one.body), withoutHeader(nobody.body), `${url}: the rest is the page cached for nobody`);
      assert.equal(withoutHeader(two.body), withoutHeader(nobody.body), url);
      assert.equal(one.headers['cache-control'], 'private, no-cache', url);
    } else {
      // A page that shows a signed-in person their own actions (the plans' editors' link) is rendered for them.
      assert.equal(url, '/ca/t/barcelona/plans');
      assert.equal(one.headers['x-cache'], undefined, url);
    }
    // Each sees only their own name.
    const nameOf = (body: string) => /<li class="account-nav__name">(?:<bdi[^>]*>)?([^<]+)</.exec(body)?.[1];
    const names = [nameOf(one.body), nameOf(two.body)];
    assert.ok(names[0] && names[1] && names[0] !== names[1], url);
    assert.ok(!one.body.includes(names[1]!) && !two.body.includes(names[0]!), `${url}: never another person's name`);
    assert.ok(!nobody.body.includes(names[0]!) && !nobody.body.includes(names[1]!), `${url}: nobody's copy names no one`);
  }
});

test('a public page answers 304 to its ETag, and a write drops it', async () => {
  const visitor = new Client(t.app);
  const first = await visitor.get('/en/t/barcelona');
  const again = await visitor.get('/en/t/barcelona', { 'if-none-match': String(first.headers.etag) });
  assert.equal(again.status, 304);
  assert.ok(first.headers['last-modified']);
  assert.equal((await visitor.get('/api/v1/territories/barcelona')).status, 200);
  assert.equal((await visitor.get('/api/v1/territories/barcelona')).headers['x-cache'], 'hit');
  await t.app.invalidatePublicPages();
  assert.equal((await visitor.get('/api/v1/territories/barcelona')).headers['x-cache'], 'miss');
});

test('a signed-in visitor gets their page compressed as their browser accepts, with their own header in it', async () => {
  const anonymous = new Client(t.app);
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', password);
  await anonymous.get('/es/');
  await anonymous.get('/es/');
  const plain = await handler.get('/es/');
  for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
    const page = await handler.get('/es/', { 'accept-encoding': encoding });
    assert.equal(page.headers['x-cache'], 'hit-personal', encoding);
    assert.equal(page.headers['content-encoding'], encoding);
    const body = decode(page.raw).toString();
    assert.equal(withoutHeader(body), withoutHeader(plain.body), encoding);
    assert.match(header(body), /sign-out/, encoding);
  }
});

test('a session read for a public page is not used again after a sign-out, nor for a page that is not public', async () => {
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', password);
  const session = handler.cookies.get('coproduce_session')!;
  const named = (body: string) => /account-nav__name/.test(header(body));
  assert.ok(named((await handler.get('/ca/')).body));
  // The same session, removed as a sign-out elsewhere does (another device, an administrator).
  const [row] = await t.database.db.select({ id: sessionTable.id }).from(sessionTable).where(eq(sessionTable.tokenHash, hashToken(session)));
  await t.database.db.delete(sessionTable).where(eq(sessionTable.id, row!.id));
  // A staff page reads the session afresh at once, even a moment after a public page read it.
  const desk = await handler.get('/ca/desk');
  assert.equal(desk.status, 303);
  assert.match(String(desk.location), /sign-in/);

  // Signing out from this browser forgets it at once, even for public pages and a replayed cookie.
  const again = new Client(t.app);
  await again.signIn('case-handler@coproduce.example', password);
  const token = again.cookies.get('coproduce_session')!;
  assert.ok(named((await again.get('/ca/')).body));
  assert.equal((await again.post('/ca/account/sign-out', {}, { from: '/ca/' })).status, 303);
  const replay = await t.app.inject({ method: 'GET', url: '/ca/', headers: { cookie: `coproduce_session=${token}` } });
  assert.equal(replay.statusCode, 200);
  assert.ok(!named(replay.body), 'a replayed cookie after the sign-out names no one');
});
