// The permissions matrix, generated: every registered route × every role (with and without a second
// factor) and anonymous people. The HTTP answer must agree with the policy table: allowed → not 401/403,
// denied → 401/403/404 or a redirect to sign in / to the second factor. A route whose action has no
// rule fails here (and a route without config.access stops the app from starting).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyPluginAsync } from 'fastify';
import { inArray } from 'drizzle-orm';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { cloneTestDatabase } from '../support/database.ts';
import { actAsHook, csrfFrom } from '../support/app.ts';
import type { Database } from '../../src/platform/db/client.ts';
import { mayEverBeAllowed, registeredActions, roles, ruleFor, type Actor } from '../../src/platform/auth/permissions.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { person } from '../../src/contexts/identity/identity.schema.ts';

interface Route {
  method: string;
  url: string;
  access: string;
}

const routes: Route[] = [];
const collect: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || route.url.startsWith('/assets')) continue;
      routes.push({ method, url: route.url, access: String(route.config?.access) });
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

const placeholderId = '00000000-0000-4000-8000-00000000ffff';
function concrete(url: string): string {
  return url.replace(':locale', 'en').replace(/:[A-Za-z]+/g, placeholderId).replace('*', 'x');
}

test('every route declares an access rule that exists in a policy table', () => {
  assert.ok(routes.length > 30, `found ${routes.length} routes`);
  for (const r of routes) {
    if (r.access === 'public') continue;
    assert.doesNotThrow(() => ruleFor(r.access), `${r.method} ${r.url} needs '${r.access}', which no policy defines`);
  }
  // And the check itself fails for an action nobody defined.
  assert.throws(() => ruleFor('identity.nothing.here'), /No permission rule/);
  assert.ok(registeredActions().includes('identity.accessLog.read'));
});

// Thousands of requests: more than the default two minutes on a loaded machine.
test('every route × every role × anonymous answers as the policy says', { timeout: 600_000 }, async () => {
  const barcelona = await findTerritory(database.db, 'barcelona');
  const demo = await database.db
    .select({ id: person.id, email: person.email, name: person.displayName })
    .from(person)
    .where(inArray(person.email, roles.map((r) => `${r}@coproduce.example`)));
  const actors: { label: string; actor: Actor | null }[] = [{ label: 'anonymous', actor: null }];
  for (const role of roles) {
    const who = demo.find((d) => d.email === `${role}@coproduce.example`)!;
    for (const twoFactorVerified of [true, false]) {
      actors.push({
        label: `${role}${twoFactorVerified ? '' : ' (no second factor)'}`,
        actor: {
          personId: who.id,
          displayName: who.name,
          locale: 'en',
          twoFactorVerified,
          grants: [{ role, scope: role === 'platform-admin' ? { kind: 'platform', id: null } : { kind: 'territory', id: barcelona!.id } }],
        },
      });
    }
  }
  const form = await app.inject('/en/account/sign-in');
  const { token, cookie } = csrfFrom(form);
  const problems: string[] = [];
  let checked = 0;
  for (const route of routes) {
    for (const { label, actor } of actors) {
      if (route.access === 'public' && actor !== null) continue;
      const headers: Record<string, string> = { cookie };
      if (actor) headers['x-test-actor'] = JSON.stringify(actor);
      const url = concrete(route.url);
      const response =
        route.method === 'GET'
          ? await app.inject({ method: 'GET', url, headers })
          : await app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}` });
      checked++;
      const status = response.statusCode;
      const location = String(response.headers.location ?? '');
      const where = `${route.method} ${url} as ${label} → ${status} ${location}`;
      if (status >= 500) problems.push(`server error: ${where}`);
      if (route.access === 'public') {
        if (status === 401 || status === 403) problems.push(`public route refused: ${where}`);
        continue;
      }
      const allowed = mayEverBeAllowed(actor, route.access).ok;
      const refused = status === 401 || status === 403 || status === 404 || (status === 303 && /\/account\/(sign-in|two-factor)\?next=/.test(location));
      if (allowed && (status === 401 || status === 403)) problems.push(`allowed but refused: ${where}`);
      if (!allowed && !refused) problems.push(`denied but answered: ${where}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > routes.length * 2);
});

test('people of a second territory: every route under /t/barcelona or /territories/barcelona refuses Fuenlabrada’s staff', { timeout: 600_000 }, async () => {
  const fuenlabrada = (await findTerritory(database.db, 'fuenlabrada'))!;
  const barcelona = (await findTerritory(database.db, 'barcelona'))!;
  const demo = await database.db
    .select({ id: person.id, email: person.email, name: person.displayName })
    .from(person)
    .where(inArray(person.email, roles.map((r) => `${r}@coproduce.example`)));
  const form = await app.inject('/en/account/sign-in');
  const { token, cookie } = csrfFrom(form);
  const scoped = routes.filter((r) => r.access !== 'public' && /\/(t|territories)\/:slug(\/|$)/.test(r.url));
  assert.ok(scoped.length > 20, `found ${scoped.length} territory routes`);
  const problems: string[] = [];
  const territoryRoles: readonly string[] = ['territory-admin', 'promoting-group-member', 'audit-coordinator', 'case-handler', 'service-manager', 'board-member', 'researcher'];
  let checked = 0;
  for (const role of roles.filter((r) => r !== 'platform-admin')) {
    const who = demo.find((d) => d.email === `${role}@coproduce.example`)!;
    const grants = (territoryId: string): Actor['grants'] => [{ role, scope: { kind: 'territory', id: territoryId } }];
    for (const route of scoped) {
      const rule = ruleFor(route.access);
      // Rules open to every signed-in person or to owners are checked by their services, not by territory.
      if (rule.allow === 'anyone' || rule.allow === 'signed-in' || rule.owner || !rule.allow.includes(role)) continue;
      const url = route.url.replace(':locale', 'en').replace(':slug', 'barcelona').replace(/:[A-Za-z]+/g, placeholderId).replace('*', 'x');
      for (const [label, territoryId] of [['Fuenlabrada', fuenlabrada.id], ['Barcelona', barcelona.id]] as const) {
        const headers: Record<string, string> = { cookie, 'x-test-actor': JSON.stringify({ personId: who.id, displayName: who.name, locale: 'en', twoFactorVerified: true, grants: grants(territoryId) } satisfies Actor) };
        const response =
          route.method === 'GET'
            ? await app.inject({ method: 'GET', url, headers })
            : await app.inject({ method: route.method as 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: `_csrf=${encodeURIComponent(token)}` });
        checked++;
        const status = response.statusCode;
        const where = `${route.method} ${url} as ${role} of ${label} → ${status}`;
        if (status >= 500) problems.push(`server error: ${where}`);
        if (label === 'Fuenlabrada' && status !== 403 && status !== 404) problems.push(`another territory's staff answered: ${where}`);
        // The same role in Barcelona passes the territory check (the page may still 404 on a placeholder id;
        // roles held in an organisation, network or campaign are checked in that scope by their services).
        if (label === 'Barcelona' && status === 403 && !url.includes(placeholderId) && territoryRoles.includes(role)) problems.push(`Barcelona's own staff refused: ${where}`);
      }
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > scoped.length);
});
