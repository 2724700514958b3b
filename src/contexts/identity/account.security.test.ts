// Session cookies over HTTPS, throttling per client, turning two-step sign in off, and other
// contexts' personal data in the download and the deletion.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client, lastMailTo, linkIn, unzipOne } from '../../../test/support/client.ts';
import { currentTotp } from './totp.ts';
import { eq } from 'drizzle-orm';
import { registerPersonalData } from './data-rights.service.ts';
import { mailPerson } from './identity.service.ts';
import { person } from './identity.schema.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { publicUrl: 'https://coproduce.example' } });
});
after(async () => t.close());

const goodPassword = 'purple elephants dance slowly';

async function account(email: string) {
  const client = new Client(t.app);
  await client.get('/en/account/sign-up');
  await client.post('/en/account/sign-up', { displayName: 'Person', email, password: goodPassword, terms: 'yes' });
  await client.get(linkIn((await lastMailTo(t.app, email))!.body));
  return client;
}

test('over HTTPS the session cookie is Secure, HttpOnly and SameSite=Lax, and emailed links use the public address', async () => {
  const client = await account('secure@example.org');
  assert.match((await lastMailTo(t.app, 'secure@example.org'))!.body, /https:\/\/coproduce\.example\/en\/account\/verify\?token=/);
  const page = await client.post('/en/account/sign-in', { email: 'secure@example.org', password: goodPassword }, { from: '/en/account/sign-in' });
  assert.match(String(page.headers['set-cookie']), /coproduce_session=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax/);
});

test('turning two-step sign in off needs the password, and is refused to roles that require it', async () => {
  const client = await account('optional@example.org');
  await client.signIn('optional@example.org', goodPassword);
  const setup = await client.get('/en/account/two-factor/setup');
  const secret = /data-totp-secret="true">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, '');
  await client.post('/en/account/two-factor/setup', { code: currentTotp(secret), next: '/en/account' });
  await client.get('/en/account/two-factor/turn-off');
  const wrong = await client.post('/en/account/two-factor/turn-off', { password: 'not my password at all' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body, /This password is not right/);
  assert.equal((await client.post('/en/account/two-factor/turn-off', { password: goodPassword })).location, '/en/account?done=twoFactorOff');
  assert.match((await client.get('/en/account')).body, /Two-step sign in<\/dt><dd class="summary-list__value">Off/);

  const handler = new Client(t.app);
  const signedIn = await handler.signIn('case-handler@coproduce.example', process.env.DEMO_PEOPLE_PASSWORD!);
  assert.match(signedIn.location!, /two-factor\/setup/);
  const page = await handler.get('/en/account/two-factor/turn-off');
  assert.match(page.body, /Your role needs two-step sign in/);
  assert.equal((await handler.post('/en/account/two-factor/turn-off', { password: process.env.DEMO_PEOPLE_PASSWORD! })).status, 400);
});

test('other contexts add their part to the download, and erase or anonymise it on deletion', async () => {
  const erased: string[] = [];
  registerPersonalData({
    context: 'probe',
    export: async (_db, personId) => ({ notes: [`a note by ${personId}`] }),
    erase: async (_tx, personId) => void erased.push(personId),
  });
  const client = await account('provider@example.org');
  await client.signIn('provider@example.org', goodPassword);
  const zip = (await client.get('/en/account/data/download')).raw;
  const data = JSON.parse(unzipOne(zip).text);
  assert.match(data.probe.notes[0], /^a note by [0-9a-f-]{36}$/);
  await client.get('/en/account/delete');
  await client.post('/en/account/delete', { password: goodPassword, confirm: 'yes' });
  assert.equal(erased.length, 1);
});

test('other contexts mail a person by id, in that person’s language', async () => {
  await account('by-id@example.org');
  const [row] = await t.database.db.select().from(person).where(eq(person.email, 'by-id@example.org'));
  await t.database.db.update(person).set({ locale: 'ar' }).where(eq(person.id, row!.id));
  assert.equal(await mailPerson(t.database.db, t.app.mailer, row!.id, { subjectKey: 'identity.mail.reset.subject', bodyKey: 'identity.mail.reset.body', values: { link: 'https://x' } }), true);
  const mail = await lastMailTo(t.app, 'by-id@example.org');
  assert.equal(mail!.locale, 'ar');
  assert.match(mail!.body, /^مرحبًا Person/);
  assert.equal(await mailPerson(t.database.db, t.app.mailer, '00000000-0000-4000-8000-000000000000', { subjectKey: 'x', bodyKey: 'y' }), false);
});

// Last: afterwards this file's client (every inject comes from the same address) is throttled.
test('sign-in failures are also counted per client, across accounts', async () => {
  const client = new Client(t.app);
  await client.get('/en/account/sign-in');
  let last = 0;
  for (let i = 0; i < 21; i++) last = (await client.post('/en/account/sign-in', { email: `nobody-${i}@example.org`, password: 'a wrong password here' })).status;
  assert.equal(last, 429);
});
