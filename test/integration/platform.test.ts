// The platform's machinery, through the HTTP interface: locales, security headers, CSRF, errors,
// logs, rate limits, OpenAPI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import { createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';

// A form and a failing route that exist only in this test, to exercise the shared machinery.
const probeRoutes: FastifyPluginAsync = async (app) => {
  app.get('/probe/form', { schema: {}, config: { access: 'public' } }, async (_request, reply) =>
    reply.type('text/html').send(`<form method="post"><input type="hidden" name="_csrf" value="${reply.generateCsrf()}"></form>`),
  );
  app.post('/probe/form', { config: { access: 'public' }, schema: { body: Type.Object({ _csrf: Type.Optional(Type.String()), secret: Type.Optional(Type.String()) }) } }, async () => ({ saved: true }));
  app.get('/probe/crash', { schema: {}, config: { access: 'public' } }, async () => {
    throw new Error('database password is hunter2');
  });
};

let t: TestApp;
before(async () => {
  t = await createTestApp({ extraRoutes: probeRoutes, config: { rateLimitPerMinute: 1000 } });
});
after(async () => t.close());

test('/ sends people to their language', async () => {
  const response = await t.app.inject({ url: '/', headers: { 'accept-language': 'ar,en;q=0.5' } });
  assert.equal(response.statusCode, 302);
  assert.equal(response.headers.location, '/ar/');
  assert.match(String(response.headers.vary), /Accept-Language/);
});

test('pages carry a strict Content-Security-Policy and no inline script or style', async () => {
  const response = await t.app.inject('/ca/');
  const csp = String(response.headers['content-security-policy']);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(response.body, /\sstyle="/);
  assert.doesNotMatch(response.body, /<style/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.headers['referrer-policy'], 'no-referrer');
});

test('a state-changing request without a valid CSRF token is refused with a translated page', async () => {
  const missing = await t.app.inject({ method: 'POST', url: '/probe/form', headers: { 'accept-language': 'es' }, payload: { secret: 'x' } });
  assert.equal(missing.statusCode, 403);
  assert.match(missing.body, /Este formulario ha caducado/);
  const page = await t.app.inject('/probe/form');
  const { token, cookie } = csrfFrom(page);
  const forged = await t.app.inject({ method: 'POST', url: '/probe/form', headers: { cookie }, payload: { _csrf: `${token}x` } });
  assert.equal(forged.statusCode, 403);
  const ok = await t.app.inject({ method: 'POST', url: '/probe/form', headers: { cookie }, payload: { _csrf: token, secret: 'x' } });
  assert.equal(ok.statusCode, 200);
  assert.deepEqual(ok.json(), { saved: true });
});

test('an unexpected error is a translated 500 page with no internal detail', async () => {
  const response = await t.app.inject({ url: '/probe/crash', headers: { 'accept-language': 'ca' } });
  assert.equal(response.statusCode, 500);
  assert.match(response.body, /Ho sentim, hi ha un problema amb el servei/);
  assert.doesNotMatch(response.body, /hunter2|at .*\.ts/);
});

test('bad input to the API is a 400 problem document, not a 500', async () => {
  const response = await t.app.inject('/api/v1/territories/barcelona?geometry=perhaps');
  assert.equal(response.statusCode, 400);
  assert.equal(response.json().status, 400);
  const tooLong = await t.app.inject(`/api/v1/territories/${'x'.repeat(150)}`);
  assert.equal(tooLong.statusCode, 400);
});

test('an oversized body is refused with 413', async () => {
  const page = await t.app.inject('/probe/form');
  const { token, cookie } = csrfFrom(page);
  const response = await t.app.inject({ method: 'POST', url: '/probe/form', headers: { cookie }, payload: { _csrf: token, secret: 'x'.repeat(600 * 1024) } });
  assert.equal(response.statusCode, 413);
});

test('logs never hold an IP address, a cookie value, a query string or a form body', async () => {
  t.logs.length = 0;
  const page = await t.app.inject({ url: '/probe/form', remoteAddress: '203.0.113.77' });
  const { token, cookie } = csrfFrom(page);
  await t.app.inject({ method: 'POST', url: '/probe/form?q=who-am-i', remoteAddress: '203.0.113.77', headers: { cookie }, payload: { _csrf: token, secret: 'my-secret-story' } });
  await t.app.inject({ url: '/probe/crash', remoteAddress: '203.0.113.77' });
  const text = t.logs.join('\n');
  assert.ok(t.logs.length >= 4, 'requests are logged');
  for (const leak of ['203.0.113.77', 'my-secret-story', 'who-am-i', token, cookie.split('=')[1]!]) assert.ok(!text.includes(leak), `log contains ${leak}`);
});

test('the OpenAPI 3.1 document describes the JSON API only, and its docs page renders', async () => {
  const document = (await t.app.inject('/api/openapi.json')).json();
  assert.equal(document.openapi, '3.1.0');
  const paths = Object.keys(document.paths);
  assert.ok(paths.includes('/api/v1/territories'));
  assert.ok(paths.includes('/api/v1/territories/{slug}'));
  assert.ok(paths.every((p) => p.startsWith('/api/v1/')), paths.join(', '));
  const docs = await t.app.inject('/api/docs');
  assert.equal(docs.statusCode, 200);
  assert.match(docs.body, /\/api\/v1\/territories\/\{slug\}/);
});

test('health and readiness answer without touching rate limits', async () => {
  assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
  const ready = (await t.app.inject('/readyz')).json();
  assert.equal(ready.status, 'ok');
});

test('a client over the rate limit gets 429 with a translated page', async () => {
  const limited = await createTestApp({ template: 'migrated', config: { rateLimitPerMinute: 3 } });
  try {
    let last = 0;
    for (let i = 0; i < 4; i++) last = (await limited.app.inject({ url: '/en/', headers: { 'accept-language': 'en' } })).statusCode;
    assert.equal(last, 429);
    const body = (await limited.app.inject('/es/')).body;
    assert.match(body, /Demasiadas peticiones/);
  } finally {
    await limited.close();
  }
});

test('a route without a schema stops the app from starting', async () => {
  await assert.rejects(
    buildApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database: t.database,
      extraRoutes: async (app) => {
        app.get('/no-schema', { config: { access: 'public' } }, async () => 'x');
      },
    }).then((app) => app.ready()),
    /has no schema/,
  );
});

test('a route that declares no access rule stops the app from starting', async () => {
  await assert.rejects(
    buildApp({
      config: loadConfig({ NODE_ENV: 'test' }),
      database: t.database,
      extraRoutes: async (app) => {
        app.get('/no-access', { schema: {} }, async () => 'x');
      },
    }).then((app) => app.ready()),
    /declares no config.access/,
  );
});
