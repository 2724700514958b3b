// The territory admin sets how long sessions that read personal data may stay idle: validated beside the
// field (what was typed kept), access-logged, refused to people of other roles or territories, and used.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { sessionCookie, sessionState } from '../identity/identity.service.ts';
import { confirmTwoFactorSetup, startTwoFactorSetup } from '../identity/two-factor.service.ts';
import { currentTotp } from '../identity/totp.ts';
import { roleAssignment, session } from '../identity/identity.schema.ts';
import { findTerritory, sensitiveSessionIdleMinutes } from './territory.service.ts';

let t: TestApp;
const password = process.env.DEMO_PEOPLE_PASSWORD!;
const page = '/en/t/barcelona/admin/security';

before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

const secrets = new Map<string, string>();

/** Signs in a demo person and passes the second step in that session (setting it up the first time). */
async function signedInWithSecondStep(email: string): Promise<{ client: Client; personId: string }> {
  const client = new Client(t.app);
  await client.signIn(email, password);
  const token = client.cookies.get(sessionCookie)!;
  // After the first time, the code was passed already in this 30-second step (a code is accepted once):
  // the session is marked as having passed it, as the two-step page would.
  if (secrets.has(email)) await t.database.db.update(session).set({ twoFactorVerified: true, twoFactorAt: new Date() }).where(eq(session.id, (await sessionState(t.database.db, token))!.sessionId));
  const state = (await sessionState(t.database.db, token))!;
  if (!secrets.has(email)) {
    const setup = await startTwoFactorSetup(t.database.db, state.actor);
    assert.ok(setup.ok);
    const secret = setup.value.secret.replace(/\s+/g, '');
    assert.ok((await confirmTwoFactorSetup(t.database.db, state.actor, state.sessionId, { code: currentTotp(secret) })).ok);
    secrets.set(email, secret);
  }
  assert.ok(state.person.id);
  return { client, personId: state.person.id };
}

test('the territory admin reads the default (30), saves 10 and the sessions of Barcelona’s handlers follow it', async () => {
  const { client, personId } = await signedInWithSecondStep('territory-admin@coproduce.example');
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const shown = await client.get(page);
  assert.equal(shown.status, 200);
  assert.match(shown.body, /name="idleMinutes"[^>]*value="30"/);
  const saved = await client.post(page, { idleMinutes: '10' });
  assert.equal(saved.status, 303);
  assert.equal(saved.location, `${page}?saved=1`);
  assert.match((await client.get(saved.location!)).body, /name="idleMinutes"[^>]*value="10"/);
  assert.equal((await findTerritory(t.database.db, 'barcelona'))!.settings.sensitiveSessionIdleMinutes, 10);
  assert.equal(await sensitiveSessionIdleMinutes(t.database.db, [barcelona.id]), 10);
  // Platform-wide roles keep the default: 30 with no territory role, the stricter of both with one.
  assert.equal(await sensitiveSessionIdleMinutes(t.database.db, [], true), 30);
  assert.equal(await sensitiveSessionIdleMinutes(t.database.db, [barcelona.id], true), 10);
  const logged = await t.database.db
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.action, 'territories.settings.security'), eq(accessLog.actorId, personId)));
  assert.equal(logged.length, 1);
  // Longer than the default is a territory's choice too.
  assert.equal((await client.post(page, { idleMinutes: '60' })).status, 303);
  assert.equal(await sensitiveSessionIdleMinutes(t.database.db, [barcelona.id]), 60);
  assert.equal((await client.post(page, { idleMinutes: '30' })).status, 303);
});

test('bad values answer 400 with the error beside the field and what was typed kept; nothing is saved', async () => {
  const { client } = await signedInWithSecondStep('territory-admin@coproduce.example');
  const before = (await findTerritory(t.database.db, 'barcelona'))!.settings.sensitiveSessionIdleMinutes;
  for (const [typed, message] of [
    ['', /Type a number of minutes\./],
    ['abc', /from 5 to 120/],
    ['4', /from 5 to 120/],
    ['121', /from 5 to 120/],
    ['12.5', /from 5 to 120/],
    ['-10', /from 5 to 120/],
  ] as const) {
    const refused = await client.post(page, { idleMinutes: typed });
    assert.equal(refused.status, 400, `"${typed}"`);
    assert.match(refused.body, /class="error-summary"/);
    assert.match(refused.body, new RegExp(`id="field-idleMinutes-error"|idleMinutes-error`));
    assert.match(refused.body, message, `"${typed}"`);
    if (typed !== '') assert.match(refused.body, new RegExp(`name="idleMinutes"[^>]*value="${typed.replace('.', '\\.')}"`), 'what was typed is kept');
  }
  const ca = await client.post('/ca/t/barcelona/admin/security', { idleMinutes: '999' }, { from: '/ca/t/barcelona/admin/security' });
  assert.equal(ca.status, 400);
  assert.match(ca.body, /Escriu un nombre enter de minuts de 5 a 120/);
  assert.equal((await findTerritory(t.database.db, 'barcelona'))!.settings.sensitiveSessionIdleMinutes, before);
});

test('others may not: an organisation member (403), a signed-out visitor (sign in), an admin of another territory (403)', async () => {
  const member = new Client(t.app);
  await member.signIn('organisation-member@coproduce.example', password);
  assert.equal((await member.get(page)).status, 403);
  assert.match((await new Client(t.app).get(page)).location ?? '', /^\/en\/account\/sign-in\?next=/);
  const { client, personId } = await signedInWithSecondStep('territory-admin@coproduce.example');
  const fuenlabrada = (await findTerritory(t.database.db, 'fuenlabrada'))!;
  assert.ok(fuenlabrada, 'the demo has a second territory');
  // This admin's role moves to Fuenlabrada: Barcelona's page is closed to them, Fuenlabrada's opens.
  await t.database.db.update(roleAssignment).set({ scopeId: fuenlabrada.id }).where(and(eq(roleAssignment.personId, personId), eq(roleAssignment.role, 'territory-admin')));
  const closed = await client.get(page);
  assert.equal(closed.status, 403, closed.location);
  const refused = await client.post(page, { idleMinutes: '5' }, { from: '/en/t/fuenlabrada/admin/security' });
  assert.equal(refused.status, 403);
  assert.notEqual((await findTerritory(t.database.db, 'barcelona'))!.settings.sensitiveSessionIdleMinutes, 5);
  assert.equal((await client.get('/en/t/fuenlabrada/admin/security')).status, 200);
});
