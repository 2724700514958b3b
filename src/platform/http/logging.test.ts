// Logs never hold what people typed: no query string, no form value, no search term, and no parameter
// of a failed database query — at any level, trace included.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { safeError } from './logging.ts';

const secret = 'Maria-Secret-Term-4711';
const probe: FastifyPluginAsync = async (app) => {
  // A query that fails on its parameter: PostgreSQL quotes the value in its message, Drizzle adds "params: …".
  app.post('/probe/failing-query', { schema: {}, config: { access: 'public', csrf: false } }, async (request) => {
    const { q } = request.body as { q: string };
    await app.database.db.execute(sql`select ${q}::uuid`);
    return 'unreachable';
  });
};

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'migrated', extraRoutes: probe, config: { logLevel: 'trace', rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('a failed query is logged with its SQL and code, never its parameters, at trace level too', async () => {
  const before = t.logs.length;
  const failed = await t.app.inject({ method: 'POST', url: `/probe/failing-query?q=${secret}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `q=${secret}` });
  // Not a uuid: the client's mistake (400), logged with the query's text only.
  assert.equal(failed.statusCode, 400);
  const lines = t.logs.slice(before).join('');
  assert.match(lines, /bad input refused/);
  assert.match(lines, /Failed query: select \$1::uuid/);
  assert.match(lines, /"code":"22P02"/);
  assert.doesNotMatch(lines, new RegExp(secret));
});

test('search terms in the query string and form values stay out of the logs', async () => {
  const before = t.logs.length;
  await t.app.inject(`/en/account/sign-in?next=/en/${secret}&q=${secret}`);
  await t.app.inject({ method: 'POST', url: '/en/account/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `email=${secret}%40example.org&password=${secret}` });
  await t.app.inject(`/api/v1/territories/${secret}/directory?q=${secret}`);
  const lines = t.logs.slice(before).join('');
  assert.ok(lines.length > 0, 'requests were logged');
  assert.doesNotMatch(lines, new RegExp(secret));
});

test('safeError removes quoted values, details and parameters from any error', () => {
  const pgError = Object.assign(new Error('duplicate key value violates unique constraint "person_email_key"'), { code: '23505', detail: 'Key (email)=(ana@example.org) already exists.' });
  const wrapped = Object.assign(new Error(`Failed query: insert into person (email) values ($1)\nparams: ana@example.org`), { cause: pgError });
  const safe = safeError(wrapped);
  assert.equal(safe.code, '23505');
  assert.doesNotMatch(JSON.stringify(safe), /ana@example\.org/);
  assert.match(safe.message, /insert into person \(email\) values \(\$1\)/);
  assert.doesNotMatch(safeError(new Error('invalid input syntax for type uuid: "Maria"')).message, /Maria/);
});
