// Sessions of roles that read personal data end after an idle period (territory setting, 30 minutes by
// default); other people's sessions last their 30 days; the most sensitive actions ask for the second step
// again after 15 minutes (issue 13, finding 11).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { person, session } from './identity.schema.ts';
import { sessionCookie, sessionState } from './identity.service.ts';
import { confirmTwoFactorSetup, startTwoFactorSetup } from './two-factor.service.ts';
import { currentTotp } from './totp.ts';
import { requirePermission } from '../../platform/auth/permissions.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

const peoplePassword = process.env.DEMO_PEOPLE_PASSWORD!;

async function idleFor(email: string, minutes: number) {
  const [who] = await t.database.db.select({ id: person.id }).from(person).where(eq(person.email, email));
  await t.database.db.update(session).set({ lastSeenAt: sql`now() - make_interval(mins => ${minutes})` }).where(eq(session.personId, who!.id));
}

test('a case handler idle for 31 minutes is signed out; an organisation member is not', async () => {
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', peoplePassword);
  assert.ok(handler.cookies.has('coproduce_session'));
  const member = new Client(t.app);
  await member.signIn('organisation-member@coproduce.example', peoplePassword);
  assert.equal((await member.get('/en/account')).status, 200);

  await idleFor('case-handler@coproduce.example', 20);
  assert.ok((await handler.get('/en/account/two-factor/setup')).status < 300, 'still signed in after 20 minutes');
  await idleFor('case-handler@coproduce.example', 31);
  const after = await handler.get('/en/account');
  assert.match(after.location ?? '', /\/en\/account\/sign-in/);

  await idleFor('organisation-member@coproduce.example', 31);
  assert.equal((await member.get('/en/account')).status, 200);
});

test('the most sensitive actions ask for the second step again when it was passed more than 15 minutes ago', async () => {
  const handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', peoplePassword);
  const token = handler.cookies.get(sessionCookie)!;
  const first = (await sessionState(t.database.db, token))!;
  const setup = await startTwoFactorSetup(t.database.db, first.actor);
  assert.ok(setup.ok);
  const secret = setup.value.secret.replace(/\s+/g, '');
  assert.ok((await confirmTwoFactorSetup(t.database.db, first.actor, first.sessionId, { code: currentTotp(secret) })).ok);
  const barcelona = first.actor!.grants.find((g) => g.role === 'case-handler')!.scope.id;
  const fresh = (await sessionState(t.database.db, token))!.actor!;
  assert.equal(fresh.twoFactorRecent, true);
  assert.deepEqual(requirePermission(fresh, 'antenna.case.read', { territoryId: barcelona }), { ok: true });

  await t.database.db.update(session).set({ twoFactorAt: sql`now() - interval '16 minutes'` }).where(eq(session.id, first.sessionId));
  const stale = (await sessionState(t.database.db, token))!.actor!;
  assert.equal(stale.twoFactorRecent, false);
  // Reading a narrative, managing keys: asked again. Listing cases: not.
  assert.deepEqual(requirePermission(stale, 'antenna.case.read', { territoryId: barcelona }), { ok: false, reason: 'two-factor-required' });
  assert.deepEqual(requirePermission(stale, 'antenna.key.manage', { territoryId: barcelona }), { ok: false, reason: 'two-factor-required' });
  assert.deepEqual(requirePermission(stale, 'antenna.case.list', { territoryId: barcelona }), { ok: true });
  // The two-step page asks for the code (no loop back to the page that sent there), and the code renews it.
  const asked = await handler.get('/en/account/two-factor?next=%2Fen%2Faccount');
  assert.equal(asked.status, 200);
  assert.match(asked.body, /name="code"/);
  const passed = await handler.post('/en/account/two-factor', { code: currentTotp(secret, Date.now() + 30_000), next: '/en/account' }, { from: '/en/account/two-factor?next=%2Fen%2Faccount' });
  assert.equal(passed.status, 303, passed.body.slice(0, 200));
  const renewed = (await sessionState(t.database.db, handler.cookies.get(sessionCookie)!))!.actor!;
  assert.equal(renewed.twoFactorRecent, true);
});
