// Every protected route of the Agreement × every role held in a scope that does not cover the subject:
// refused (403 or 404), never done. Signed-out people are sent to sign in. Generated from the routes themselves.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { actAsHook, actorHeader, csrfFrom } from '../../../test/support/app.ts';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import { roles, ruleFor, type Actor, type Role, type ScopeKind } from '../../platform/auth/permissions.ts';
import type { Database } from '../../platform/db/client.ts';
import { findTerritory } from '../territories/territory.service.ts';

interface Route {
  method: string;
  url: string;
  access: string;
}
const routes: Route[] = [];
const collect: FastifyPluginAsync = async (app) => {
  await actAsHook(app, {});
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (typeof access === 'string' && access.startsWith('agreement.')) for (const method of methods) if (method !== 'HEAD') routes.push({ method, url: route.url, access });
  });
};

let app: FastifyInstance;
let database: Database;
before(async () => {
  database = await cloneTestDatabase('demo');
  app = await buildApp({ config: { ...loadConfig({ NODE_ENV: 'test' }), rateLimitPerMinute: 100_000 }, database, extraHooks: collect });
  await app.ready();
});
after(async () => {
  await app.close();
  await database.close();
});

/** Pages that show each person only their own organisations, so any organisation role may open them. */
const personalPages = new Set(['GET /:locale/t/:slug/agreement/sign', 'GET /:locale/t/:slug/challenges/new']);

test('every protected Agreement route refuses people whose roles are held elsewhere, and sends signed-out people to sign in', async () => {
  const db = database.db;
  const fuenlabrada = (await findTerritory(db, 'fuenlabrada'))!.id;
  const forumNetwork = (await app.inject('/api/v1/territories/metropolitan-social-forum/networks/residential-inclusion')).json().id as string;
  const org = (await app.inject('/api/v1/territories/barcelona/directory?q=sostre+obert')).json().organisations[0].id as string;
  const challenge = (await app.inject('/api/v1/territories/barcelona/challenges')).json().challenges[0].id as string;
  const elsewhere = '22222222-2222-4222-8222-222222222222';
  const scopeFor: Record<ScopeKind, string | null> = { platform: null, territory: fuenlabrada, organisation: elsewhere, network: forumNetwork, campaign: elsewhere };
  const kinds: Record<Role, ScopeKind> = {
    'platform-admin': 'territory',
    'territory-admin': 'territory',
    'promoting-group-member': 'territory',
    'organisation-admin': 'organisation',
    'organisation-member': 'organisation',
    'network-coordinator': 'network',
    'audit-coordinator': 'territory',
    auditor: 'campaign',
    'case-handler': 'territory',
    'service-manager': 'territory',
    'board-member': 'territory',
    researcher: 'territory',
  };
  const csrf = csrfFrom(await app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
  const fill = (url: string) =>
    url
      .replace(':locale', 'ca')
      .replace(':slug', 'barcelona')
      .replace(':network', 'homeless-people')
      .replace(/:id/, url.includes('/challenges/') ? challenge : org)
      .replace(/:(adhesionId|memberId|meetingId)/, elsewhere);
  const body = new URLSearchParams({ _csrf: csrf.token, organisationId: org, version: '1', accepted: 'yes', decision: 'approve', reason: 'x', comment: 'x', status: 'prioritised', verified: 'yes', name: 'X', slug: 'x', purpose: 'x', title: 'x', heldOn: '2026-12-01', agenda: 'x', departmentName: 'x', 'text.ca': 'x' }).toString();

  const protectedRoutes = routes.filter((r) => ruleFor(r.access).allow !== 'signed-in');
  assert.ok(protectedRoutes.length >= 20, `found ${protectedRoutes.length} protected routes`);
  for (const route of protectedRoutes) {
    const url = fill(route.url);
    const send = (headers: Record<string, string>) =>
      app.inject({ method: route.method as 'GET', url, headers: { ...headers, cookie: csrf.cookie, ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(route.method === 'POST' ? { payload: body } : {}) });
    const anonymous = await send({});
    if (url.startsWith('/api/')) {
      // The API answers problem details: 401 without credentials, never a redirect to a page.
      assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} signed out`);
    } else {
      assert.equal(anonymous.statusCode, 303, `${route.method} ${route.url} signed out`);
      assert.match(anonymous.headers.location as string, /\/account\/sign-in/);
    }
    for (const role of roles) {
      const actor: Pick<Actor, 'grants'> = { grants: [{ role, scope: { kind: kinds[role], id: scopeFor[kinds[role]] } }] };
      const response = await send(actorHeader(actor));
      const key = `${route.method} ${route.url}`;
      if (personalPages.has(key) && response.statusCode === 200) continue;
      // The API validates its JSON body before the handler: this form body is refused as bad input (400), which says nothing.
      const refusals = url.startsWith('/api/') ? [400, 403, 404] : [403, 404];
      assert.ok(refusals.includes(response.statusCode), `${key} as ${role} elsewhere: ${response.statusCode}`);
    }
  }
});
