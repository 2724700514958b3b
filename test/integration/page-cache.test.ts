// Public pages from the page cache on the demo: two people signed in get the same cached page, each with only
// their own header, and neither sees the other's name or token (issue 19, item 1).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
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
