// The API's reads carry an ETag; sending it back answers 304 with no body, until the answer changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { etagOf } from './api-etag.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('a read answers its ETag; If-None-Match with it gives 304 and no body; another tag gives the answer', async () => {
  const url = '/api/v1/territories/barcelona/events';
  const first = await t.app.inject({ url });
  assert.equal(first.statusCode, 200);
  const etag = String(first.headers.etag);
  assert.match(etag, /^W\/"[\w-]{27}"$/);
  assert.equal(etag, etagOf(first.body), 'the tag is the digest of the body');
  const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  // A strong form of the same tag matches too (weak comparison); a list with it as well.
  assert.equal((await t.app.inject({ url, headers: { 'if-none-match': `"x", ${etag.slice(2)}` } })).statusCode, 304);
  const other = await t.app.inject({ url, headers: { 'if-none-match': 'W/"something-else"' } });
  assert.equal(other.statusCode, 200);
  assert.equal(other.body, first.body);
});

test('reads from the page cache keep its tag, and answer 304 to it as well', async () => {
  const url = '/api/v1/territories/barcelona/challenges';
  const first = await t.app.inject({ url });
  const etag = String(first.headers.etag);
  assert.ok(etag.length > 2, 'a cached read has a tag');
  assert.equal((await t.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 304);
});

test('the tag follows the answer: another route or another answer is another tag', async () => {
  const a = await t.app.inject({ url: '/api/v1/territories/barcelona/statements' });
  const b = await t.app.inject({ url: '/api/v1/territories/barcelona/debates' });
  assert.equal(a.statusCode, 200);
  assert.notEqual(a.headers.etag, b.headers.etag);
  const stale = await t.app.inject({ url: '/api/v1/territories/barcelona/debates', headers: { 'if-none-match': String(a.headers.etag) } });
  assert.equal(stale.statusCode, 200, 'a tag of another answer never gives 304');
});

test('errors and pages carry no API tag', async () => {
  const missing = await t.app.inject({ url: '/api/v1/territories/nowhere/challenges' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.headers.etag, undefined);
  const problem = await t.app.inject({ url: '/api/v1/territories/nowhere/challenges', headers: { 'if-none-match': '*' } });
  assert.equal(problem.statusCode, 404);
});
