// An integrator's day, end to end: tokens made on the account page, a challenge proposed and supported
// through the API by two organisations, the signed webhooks received by a local HTTP server and checked,
// the challenge read back; a token without the scope gets 403 problem details.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { Client } from '../support/client.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { findPersonByEmail } from '../../src/contexts/identity/identity.service.ts';
import { grantCreatorRole, grantsFor } from '../../src/contexts/identity/roles.service.ts';
import { listMembers } from '../../src/contexts/agreement/adhesion/adhesion.service.ts';
import { organisationsOf } from '../../src/contexts/agreement/organisations/organisation.service.ts';
import { deliverDue } from '../../src/contexts/integrations/webhook.service.ts';

const password = process.env.DEMO_PEOPLE_PASSWORD!;
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let t: TestApp;
let receiver: http.Server;
let receiverUrl: string;
const received: Received[] = [];
let barcelonaId: string;

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  receiver = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/coproduce`;
});
after(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Signs in as a demo person and makes a personal token on the account page; answers the token shown once. */
async function tokenFor(email: string, scopes: string[]): Promise<string> {
  const client = new Client(t.app);
  const signedIn = await client.signIn(email, password);
  assert.equal(signedIn.status, 303, `${email} signs in`);
  assert.equal((await client.get('/en/account/tokens/new?kind=personal')).status, 200);
  const page = await client.post('/en/account/tokens/new', { kind: 'personal', name: 'Case system', territoryId: barcelonaId, lifetime: '30', scopes });
  assert.equal(page.status, 200, page.body.slice(0, 300));
  const token = /data-secret[^>]*>([^<]+)</.exec(page.body)?.[1]?.trim();
  assert.ok(token?.startsWith('cpat_'), 'the token is shown once');
  // The list shows its name and its first characters, never the token.
  const list = await client.get('/en/account/tokens');
  assert.match(list.body, /Case system/);
  assert.ok(!list.body.includes(token!));
  return token!;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

function verify(secret: string, r: Received): boolean {
  const timestamp = String(r.headers['coproduce-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['coproduce-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

test('done when: a token with write:agreement proposes a challenge, another organisation supports it, the signed webhooks arrive, the challenge reads back; no scope, 403', async () => {
  const db = t.database.db;
  // A territory admin (second step passed) subscribes a local receiver to the challenges of Barcelona.
  const admin = actorHeader({ personId: '00000000-0000-4000-8000-0000000000a1', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }] });
  const listPage = await t.app.inject({ url: '/en/admin/webhooks', headers: admin });
  assert.equal(listPage.statusCode, 200, listPage.body.slice(0, 2000));
  const csrf = csrfFrom(listPage);
  const subscribed = await t.app.inject({
    method: 'POST',
    url: '/en/admin/webhooks',
    headers: { ...admin, cookie: csrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([['_csrf', csrf.token], ['territoryId', barcelonaId], ['url', receiverUrl], ['events', 'challenge.proposed'], ['events', 'challenge.supported']]).toString(),
  });
  assert.equal(subscribed.statusCode, 200, subscribed.body.slice(0, 500));
  const secret = /data-secret[^>]*>([^<]+)</.exec(subscribed.body)?.[1]?.trim();
  assert.ok(secret?.startsWith('whsec_'));

  // Two organisations of the Agreement: Jordi Serra's, and another member for which Lucía Romero acts.
  const jordi = (await findPersonByEmail(db, 'organisation-member@coproduce.example'))!;
  const lucia = (await findPersonByEmail(db, 'network-coordinator@coproduce.example'))!;
  const [own] = await organisationsOf(db, { personId: jordi.id, displayName: jordi.displayName, locale: 'en', grants: await grantsFor(db, jordi.id), twoFactorVerified: false }, ['organisation-member']);
  const ownOrg = { id: own!.id };
  const other = (await listMembers(db, barcelonaId)).find((m) => m.organisationId !== ownOrg.id)!;
  await grantCreatorRole(db, { personId: lucia.id, role: 'organisation-member', scopeKind: 'organisation', scopeId: other.organisationId, reason: 'test: acts for a second organisation' });

  const proposer = await tokenFor('organisation-member@coproduce.example', ['write:agreement']);
  const supporter = await tokenFor('network-coordinator@coproduce.example', ['write:agreement', 'read:account']);
  const reader = await tokenFor('network-coordinator@coproduce.example', ['read:account']);

  const proposal = {
    organisationId: ownOrg.id,
    title: 'Nobody answers the phone at the housing office in Arabic',
    description: 'Families who speak Arabic wait for weeks because the housing office has no interpreter on the phone.',
    evidence: [{ text: 'Twelve families told us in one month', source: 'Our help desk log, March' }],
    areas: ['housing'],
  };
  const proposed = await t.app.inject({ method: 'POST', url: '/api/v1/territories/barcelona/challenges', headers: { ...bearer(proposer), 'idempotency-key': 'proposal-1' }, payload: proposal });
  assert.equal(proposed.statusCode, 201, proposed.body);
  const { id } = proposed.json() as { id: string };
  assert.equal(proposed.headers.location, `/api/v1/challenges/${id}`);

  // A retry with the same key gets the same answer, and no second challenge is made.
  const retried = await t.app.inject({ method: 'POST', url: '/api/v1/territories/barcelona/challenges', headers: { ...bearer(proposer), 'idempotency-key': 'proposal-1' }, payload: proposal });
  assert.equal(retried.statusCode, 201);
  assert.equal(retried.headers['idempotent-replayed'], 'true');
  assert.equal(retried.json().id, id);
  const changed = await t.app.inject({ method: 'POST', url: '/api/v1/territories/barcelona/challenges', headers: { ...bearer(proposer), 'idempotency-key': 'proposal-1' }, payload: { ...proposal, title: 'Another' } });
  assert.equal(changed.statusCode, 422);
  const list = (await t.app.inject('/api/v1/territories/barcelona/challenges')).json() as { challenges: { title: string }[] };
  assert.equal(list.challenges.filter((c) => c.title === proposal.title).length, 1);

  // Bad input: a problem with a translated message beside each field, never a 500.
  const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/territories/barcelona/challenges', headers: { ...bearer(proposer), 'accept-language': 'es' }, payload: { ...proposal, title: ' ', evidence: [] } });
  assert.equal(invalid.statusCode, 400);
  assert.match(String(invalid.headers['content-type']), /application\/problem\+json/);
  assert.equal(invalid.json().errors.title, 'Escribid un título');

  const supported = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${id}/supports`, headers: bearer(supporter), payload: { organisationId: other.organisationId, comment: 'We see the same at our desk in Sants.' } });
  assert.equal(supported.statusCode, 201, supported.body);
  // The supporter's token cannot act for the proposer's organisation: the same permission as the pages.
  const notTheirs = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${id}/supports`, headers: bearer(supporter), payload: { organisationId: ownOrg.id, comment: 'Not ours to say' } });
  assert.equal(notTheirs.statusCode, 403);
  const twice = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${id}/supports`, headers: bearer(supporter), payload: { organisationId: other.organisationId, comment: 'Again' } });
  assert.equal(twice.statusCode, 409);
  assert.equal(twice.json().detail, 'This organisation already supports this challenge');

  // A token without write:agreement: 403 problem details that name the missing scope.
  const noScope = await t.app.inject({ method: 'POST', url: `/api/v1/challenges/${id}/supports`, headers: bearer(reader), payload: { organisationId: other.organisationId, comment: 'x' } });
  assert.equal(noScope.statusCode, 403);
  assert.match(String(noScope.headers['content-type']), /application\/problem\+json/);
  assert.equal(noScope.json().status, 403);
  assert.match(noScope.json().detail, /write:agreement/);
  // …while what it holds works, and an unknown token is 401.
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer(reader) })).json().displayName, lucia.displayName);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: bearer('cpat_not-a-real-token-at-all') })).statusCode, 401);

  // The webhooks: one per event, signed with the subscription's secret over timestamp and body.
  await deliverDue(db);
  for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const events = received.map((r) => JSON.parse(r.body) as { event: string; territory: { slug: string }; data: { challenge: { id: string } } });
  assert.deepEqual(events.map((e) => e.event).sort(), ['challenge.proposed', 'challenge.supported']);
  for (const r of received) assert.ok(verify(secret!, r), 'the signature verifies');
  assert.ok(!verify('whsec_wrong', received[0]!), 'and fails with another secret');
  assert.ok(events.every((e) => e.data.challenge.id === id && e.territory.slug === 'barcelona'));
  // No person is named in a payload: the proposer's and supporter's names stay out.
  for (const r of received) assert.ok(!r.body.includes(jordi.displayName) && !r.body.includes(lucia.displayName));

  // Read back through the API: the support is there.
  const read = await t.app.inject({ url: `/api/v1/challenges/${id}`, headers: { authorization: `Bearer ${reader}` } });
  assert.equal(read.statusCode, 200);
  const challenge = read.json() as { title: string; supports: { organisationId: string; comment: string }[] };
  assert.equal(challenge.title, proposal.title);
  assert.deepEqual(challenge.supports.map((s) => s.organisationId), [other.organisationId]);

  // The delivery log shows both as delivered.
  const subscriptionId = /\/en\/admin\/webhooks\/([0-9a-f-]{36})/.exec(subscribed.body)![1];
  const log = await t.app.inject({ url: `/en/admin/webhooks/${subscriptionId}`, headers: admin });
  assert.equal(log.statusCode, 200);
  assert.equal((log.body.match(/Delivered/g) ?? []).length, 2);
});

test('a cookie session still writes through the API, but only with a CSRF token; a bearer write needs none', async () => {
  const client = new Client(t.app);
  await client.signIn('organisation-member@coproduce.example', password);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/challenges/00000000-0000-4000-8000-000000000000/supports', headers: { cookie, 'content-type': 'application/json' }, payload: { organisationId: 'x', comment: 'y' } });
  assert.equal(response.statusCode, 403);
  assert.match(String(response.headers['content-type']), /application\/problem\+json/);
});

test('a sensitive scope needs the second step: refused on the page without it, with the reason beside the field', async () => {
  const client = new Client(t.app);
  await client.signIn('organisation-member@coproduce.example', password);
  await client.get('/en/account/tokens/new?kind=personal');
  const page = await client.post('/en/account/tokens/new', { kind: 'personal', name: 'Cases', territoryId: barcelonaId, lifetime: '30', scopes: ['antenna:handle'] });
  assert.equal(page.status, 400);
  assert.match(page.body, /sign in with the second step first/);
});

test('OAuth client credentials: a client made on the account page gets a one-hour token from /api/oauth/token with its scopes', async () => {
  const client = new Client(t.app);
  await client.signIn('network-coordinator@coproduce.example', password);
  await client.get('/en/account/tokens/new?kind=client');
  const page = await client.post('/en/account/tokens/new', { kind: 'client', name: 'Research pipeline', territoryId: barcelonaId, scopes: ['read:account', 'read:public'] });
  assert.equal(page.status, 200);
  const clientId = /<code>(cpc_[0-9a-f]+)<\/code>/.exec(page.body)![1]!;
  const clientSecret = /data-secret[^>]*>([^<]+)</.exec(page.body)![1]!.trim();
  const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const issued = await t.app.inject({ method: 'POST', url: '/api/oauth/token', headers: { ...form, authorization: basic }, payload: 'grant_type=client_credentials&scope=read:account' });
  assert.equal(issued.statusCode, 200, issued.body);
  const body = issued.json() as { access_token: string; token_type: string; expires_in: number; scope: string };
  assert.equal(body.token_type, 'Bearer');
  assert.equal(body.expires_in, 3600);
  assert.equal(body.scope, 'read:account');
  assert.equal(issued.headers['cache-control'], 'no-store');
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.access_token}` } })).statusCode, 200);
  // Wrong secret, a scope it does not have, another grant.
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/oauth/token', headers: { ...form, authorization: `Basic ${Buffer.from(`${clientId}:nope`).toString('base64')}` }, payload: 'grant_type=client_credentials' })).json().error, 'invalid_client');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/oauth/token', headers: { ...form, authorization: basic }, payload: 'grant_type=client_credentials&scope=write:agreement' })).json().error, 'invalid_scope');
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/oauth/token', headers: { ...form, authorization: basic }, payload: 'grant_type=password' })).json().error, 'unsupported_grant_type');
  // Revoked on the account page: its tokens stop working at once.
  const list = await client.get('/en/account/tokens');
  const revokeUrl = /action="(\/en\/account\/tokens\/[0-9a-f-]+\/revoke)"/.exec(list.body)![1]!;
  assert.equal((await client.post(revokeUrl, {})).status, 303);
  assert.equal((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${body.access_token}` } })).statusCode, 401);
});
