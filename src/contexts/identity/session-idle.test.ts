// Sessions of roles that read personal data end after an idle period (territory setting, 30 minutes by
// default); other people's sessions last their 30 days (issue 13, finding 11).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { person, session } from './identity.schema.ts';

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
