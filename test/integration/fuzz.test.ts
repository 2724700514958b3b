// Malformed input on every route, generated from the route table: ids that are not uuids, NUL bytes,
// impossible dates, broken multipart and JSON bodies. No answer may be a 5xx (issue 13, finding 3).
// A few requests per route keep it quick enough to run on both engines in CI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyPluginAsync } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { cloneTestDatabase } from '../support/database.ts';
import { actAsHook, csrfFrom } from '../support/app.ts';
import type { Database } from '../../src/platform/db/client.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';

interface Route {
  method: string;
  url: string;
  access: string;
  fields: string[];
  query: string[];
}

const routes: Route[] = [];
const propertiesOf = (schema: unknown): string[] => Object.keys((schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
const collect: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS' || route.url.startsWith('/assets')) continue;
      routes.push({ method, url: route.url, access: String(route.config?.access), fields: propertiesOf(route.schema?.body), query: propertiesOf(route.schema?.querystring) });
    }
  });
  await actAsHook(app, {});
};

let database: Database;
let app: Awaited<ReturnType<typeof buildApp>>;
before(async () => {
  database = await cloneTestDatabase('demo');
  app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), rateLimitPerMinute: 1_000_000 }, database, extraHooks: collect });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
});

// Values a schema that says "string" lets through and that SQL or a date parser may choke on.
const nul = 'a\u0000b';
const badValues = ['not-a-uuid', nul, '2026-02-31', '99999999999999999999', '-1', '2026-13-45T99:99'];

/** The URL with its :params filled: the real territory (to get past "not found"), malformed everything else. */
function urlFor(route: Route, value: string): string {
  return route.url
    .replace(':locale', 'en')
    .replace(':slug', 'barcelona')
    .replace(/:[A-Za-z]+/g, encodeURIComponent(value))
    .replace('*', encodeURIComponent(value));
}

const platformAdmin: Actor = { personId: '00000000-0000-4000-8000-0000000f2221', displayName: 'Fuzz', locale: 'en', twoFactorVerified: true, grants: [{ role: 'platform-admin', scope: { kind: 'platform', id: null } }] };

test('malformed input on every route answers 4xx, never 5xx', { timeout: 600_000 }, async () => {
  assert.ok(routes.length > 50, `found ${routes.length} routes`);
  const { token, cookie } = csrfFrom(await app.inject('/en/account/sign-in'));
  const problems: string[] = [];
  let sent = 0;
  const send = async (label: string, request: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; headers: Record<string, string>; payload?: string }) => {
    const response = await app.inject(request);
    sent++;
    if (response.statusCode >= 500) problems.push(`${label}: ${request.method} ${request.url} → ${response.statusCode}`);
  };
  for (const route of routes) {
    // Staff routes as a platform admin with a second factor, so the input reaches the handler.
    const headers: Record<string, string> = { cookie };
    if (route.access !== 'public') headers['x-test-actor'] = JSON.stringify(platformAdmin);
    const hasParams = route.url.includes(':') || route.url.includes('*');
    const query = route.query.map((q, i) => `${encodeURIComponent(q)}=${encodeURIComponent(badValues[i % badValues.length]!)}`).join('&');
    if (route.method === 'GET') {
      for (const value of hasParams ? ['not-a-uuid', nul, '2026-02-31'] : ['']) {
        await send('bad params/query', { method: 'GET' as const, url: `${urlFor(route, value)}${query ? `?${query}` : ''}`, headers });
      }
      continue;
    }
    const url = urlFor(route, hasParams ? 'not-a-uuid' : '');
    const method = route.method as 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    // A form whose every field holds a bad value, in turn.
    for (const [i, value] of badValues.slice(0, 3).entries()) {
      const form = new URLSearchParams({ _csrf: token });
      for (const field of route.fields) if (field !== '_csrf') form.append(field, badValues[(i + field.length) % badValues.length] ?? value);
      await send('bad form', { method, url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    }
    // A broken multipart body (wrong boundary, cut short), and broken JSON.
    await send('broken multipart', {
      method,
      url,
      headers: { ...headers, 'content-type': 'multipart/form-data; boundary=----fuzz' },
      payload: `------fuzz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n------fuzz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhalf a fi`,
    });
    await send('broken JSON', { method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{"name": "a\u0000b", "date": "2026-02-31", ' });
  }
  assert.deepEqual(problems, []);
  assert.ok(sent > routes.length);
});
