// Accounts through HTTP with real sessions: sign up → confirm → sign in → two-step → sign out →
// sign in with a code, password reset, email and password change, sessions, data download, deletion.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client, lastMailTo, linkIn, unzipOne } from '../../../test/support/client.ts';
import { currentTotp } from './totp.ts';
import { person, session } from './identity.schema.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { verifyChain } from '../../platform/access-log/access-log.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ template: 'demo' });
});
after(async () => t.close());

const goodPassword = 'purple elephants dance slowly';

async function signUpAndConfirm(email: string, name = 'Laila Haddad', locale = 'en') {
  const client = new Client(t.app);
  await client.get(`/${locale}/account/sign-up`);
  const done = await client.post(`/${locale}/account/sign-up`, { displayName: name, email, password: goodPassword, terms: 'yes' });
  assert.equal(done.status, 303);
  const mail = await lastMailTo(t.app, email);
  assert.ok(mail, 'a confirmation email is in the outbox');
  const confirmed = await client.get(linkIn(mail.body));
  assert.equal(confirmed.status, 200);
  return client;
}

test('sign up: bad input gets field errors and keeps what was typed, except the password', async () => {
  const client = new Client(t.app);
  await client.get('/es/account/sign-up');
  const page = await client.post('/es/account/sign-up', { displayName: 'Laila', email: 'not-an-address', password: 'short', contact: 'yes' });
  assert.equal(page.status, 400);
  assert.match(page.body, /class="error-summary"/);
  assert.match(page.body, /Escribe un correo como nombre@ejemplo.org/);
  assert.match(page.body, /Tu contraseña debe tener al menos 12 caracteres/);
  assert.match(page.body, /Marca la casilla para aceptar las condiciones/);
  assert.match(page.body, /name="displayName" type="text" value="Laila"/);
  assert.match(page.body, /name="email" type="email" value="not-an-address"/);
  assert.doesNotMatch(page.body, /value="short"/);
  assert.match(page.body, /name="contact" value="yes" checked/);
  assert.match(page.body, /<title>Error: /);
});

test('a common password is refused, whatever its case', async () => {
  const client = new Client(t.app);
  await client.get('/en/account/sign-up');
  const page = await client.post('/en/account/sign-up', { displayName: 'X', email: 'x@example.org', password: 'Password12345', terms: 'yes' });
  assert.equal(page.status, 400);
  assert.match(page.body, /too common/);
});

test('the whole journey: confirm, sign in, two-step, sign out, sign in with a code, recovery code', async () => {
  const email = 'laila@example.org';
  const client = await signUpAndConfirm(email);
  const mail = await lastMailTo(t.app, email);
  assert.equal(mail!.locale, 'en');

  // Wrong password: error on the form, email kept, no cookie.
  const wrong = await client.post('/en/account/sign-in', { email, password: 'not the right one at all', next: '/en/account' }, { from: '/en/account/sign-in' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body, /The email address or the password is not right/);
  assert.match(wrong.body, /value="laila@example.org"/);
  assert.equal(client.cookies.has('coproduce_session'), false);

  const signedIn = await client.post('/en/account/sign-in', { email, password: goodPassword, next: '/en/account' });
  assert.equal(signedIn.status, 303);
  assert.equal(signedIn.location, '/en/account');
  const setCookie = String(signedIn.headers['set-cookie']);
  assert.match(setCookie, /coproduce_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
  assert.doesNotMatch(setCookie, /Secure/);
  const firstToken = client.cookies.get('coproduce_session')!;
  // Only a hash of the token is stored.
  const stored = await t.database.db.select().from(session);
  assert.ok(stored.every((s) => s.tokenHash !== firstToken));

  const account = await client.get('/en/account');
  assert.equal(account.status, 200);
  const me = await client.get('/api/v1/me');
  assert.equal(me.status, 200);
  assert.deepEqual({ ...JSON.parse(me.body), id: 'x' }, { id: 'x', displayName: 'Laila Haddad', locale: 'en', twoFactorEnabled: false, twoFactorVerified: false, roles: [] });
  assert.equal((await new Client(t.app).get('/api/v1/me')).status, 401);
  assert.match(account.body, /Laila Haddad/);
  assert.match(account.body, /Your account/);
  assert.match(account.body, /Sign out/);
  const publicPage = await client.get('/en/t/barcelona');
  assert.match(publicPage.body, /Laila Haddad/);
  assert.equal(publicPage.headers['cache-control'], 'private, no-store', 'a page naming the person is not kept by shared caches');

  // Two-step sign in: QR code as CSP-clean SVG, and the key as text.
  const setup = await client.get('/en/account/two-factor/setup');
  assert.equal(setup.status, 200);
  assert.match(setup.body, /<svg class="qr-code__svg"/);
  assert.doesNotMatch(setup.body, /\sstyle="/);
  const secret = /data-totp-secret="true">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, '');
  const badCode = await client.post('/en/account/two-factor/setup', { code: '000000', next: '/en/account' });
  assert.equal(badCode.status, 400);
  assert.match(badCode.body, /This code is not right/);
  assert.equal(/data-totp-secret="true">([A-Z2-7 ]+)</.exec(badCode.body)![1]!.replace(/ /g, ''), secret, 'the same secret is offered again');
  const on = await client.post('/en/account/two-factor/setup', { code: currentTotp(secret), next: '/en/account' });
  assert.equal(on.status, 200);
  const codes = [...on.body.matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!);
  assert.equal(codes.length, 10);
  const [row] = await t.database.db.select().from(person).where(eq(person.email, email));
  assert.ok(row!.totpSecret && !row!.totpSecret.includes(secret), 'the secret is stored encrypted');

  // Sign out, then sign in: the password alone is not enough.
  const out = await client.post('/en/account/sign-out', {}, { from: '/en/account' });
  assert.equal(out.status, 303);
  assert.equal(client.cookies.has('coproduce_session'), false);
  assert.equal((await client.get('/en/account')).location, '/en/account/sign-in?next=%2Fen%2Faccount');
  const half = await client.post('/en/account/sign-in', { email, password: goodPassword, next: '/en/account' }, { from: '/en/account/sign-in' });
  assert.equal(half.location, '/en/account/two-factor?next=%2Fen%2Faccount');
  const halfToken = client.cookies.get('coproduce_session');
  assert.equal((await client.get('/en/account')).status, 303, 'a half-signed-in session is not signed in');
  const twoFactorPage = await client.get(half.location!);
  assert.match(twoFactorPage.body, /Enter your security code/);
  const wrongCode = await client.post('/en/account/two-factor', { code: '123456', next: '/en/account' });
  assert.equal(wrongCode.status, 400);
  assert.match(wrongCode.body, /This code is not right/);
  // The code just used to turn it on is not accepted twice; the next step's code is.
  const passed = await client.post('/en/account/two-factor', { code: currentTotp(secret, Date.now() + 30_000), next: '/en/account' });
  assert.equal(passed.status, 303);
  assert.equal(passed.location, '/en/account');
  assert.notEqual(client.cookies.get('coproduce_session'), halfToken, 'the token is rotated after the second factor');
  assert.equal((await client.get('/en/account')).status, 200);

  // A recovery code works once.
  const other = new Client(t.app);
  await other.post('/en/account/sign-in', { email, password: goodPassword, next: '/en/account' }, { from: '/en/account/sign-in' });
  assert.equal((await other.post('/en/account/two-factor', { code: codes[0]!.toUpperCase(), next: '/en/account' })).status, 303);
  const third = new Client(t.app);
  await third.post('/en/account/sign-in', { email, password: goodPassword, next: '/en/account' }, { from: '/en/account/sign-in' });
  assert.equal((await third.post('/en/account/two-factor', { code: codes[0]!, next: '/en/account' })).status, 400);

  // Sessions: listed, and one can be signed out from another.
  const sessions = await client.get('/en/account/sessions');
  assert.match(sessions.body, /Firefox · Linux/);
  assert.match(sessions.body, /This browser/);
  const ids = [...sessions.body.matchAll(/\/en\/account\/sessions\/([0-9a-f-]{36})\/revoke/g)].map((m) => m[1]!);
  assert.equal(ids.length, 3);
  const current = /<th scope="row">Firefox · Linux<strong class="tag">This browser<\/strong><\/th>[\s\S]*?sessions\/([0-9a-f-]{36})\/revoke/.exec(sessions.body)![1];
  const otherId = ids.find((id) => id !== current)!;
  assert.equal((await client.post(`/en/account/sessions/${otherId}/revoke`, {})).location, '/en/account/sessions?done=revoked');
  const stillOther = await other.get('/en/account');
  const stillThird = await third.get('/en/account');
  assert.equal([stillOther.status, stillThird.status].filter((s) => s === 303).length, 1, 'exactly the revoked browser is signed out');
});

test('the sign-in page only sends people back to this site', async () => {
  const client = new Client(t.app);
  for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
    const page = await client.get(`/en/account/sign-in?next=${encodeURIComponent(next)}`);
    assert.match(page.body, /name="next" value="\/en\/desk"/, next);
  }
  const ok = await client.get(`/en/account/sign-in?next=${encodeURIComponent('/es/t/barcelona?x=1')}`);
  assert.match(ok.body, /name="next" value="\/es\/t\/barcelona\?x=1"/);
});

test('sign-in attempts are throttled per account', async () => {
  const email = 'throttled@example.org';
  await signUpAndConfirm(email, 'Throttle Test');
  const client = new Client(t.app);
  await client.get('/en/account/sign-in');
  for (let i = 0; i < 5; i++) assert.equal((await client.post('/en/account/sign-in', { email, password: `wrong password number ${i}` })).status, 400);
  const blocked = await client.post('/en/account/sign-in', { email, password: goodPassword });
  assert.equal(blocked.status, 429);
  assert.match(blocked.body, /Too many tries/);
  assert.equal(client.cookies.has('coproduce_session'), false);
});

test('an unconfirmed address cannot sign in, and gets a new link', async () => {
  const client = new Client(t.app);
  await client.get('/en/account/sign-up');
  await client.post('/en/account/sign-up', { displayName: 'Unconfirmed', email: 'unconfirmed@example.org', password: goodPassword, terms: 'yes' });
  const page = await client.post('/en/account/sign-in', { email: 'unconfirmed@example.org', password: goodPassword }, { from: '/en/account/sign-in' });
  assert.equal(page.status, 400);
  assert.match(page.body, /Confirm your email address first/);
});

test('signing up with a taken address tells the owner, not the stranger', async () => {
  const email = 'taken@example.org';
  await signUpAndConfirm(email, 'Owner');
  const stranger = new Client(t.app);
  await stranger.get('/en/account/sign-up');
  const page = await stranger.post('/en/account/sign-up', { displayName: 'Stranger', email: 'TAKEN@example.org', password: goodPassword, terms: 'yes' });
  assert.equal(page.status, 303);
  assert.equal(page.location, '/en/account/sign-up/check-email');
  assert.match((await lastMailTo(t.app, email))!.subject, /already have a Coproduce account/);
});

test('password reset: a link by email, a new password, every session ended', async () => {
  const email = 'reset@example.org';
  const client = await signUpAndConfirm(email, 'Reset Person', 'ca');
  await client.signIn(email, goodPassword);
  assert.equal((await client.get('/en/account')).status, 200);
  const anonymous = new Client(t.app);
  await anonymous.get('/ca/account/password-reset');
  const bad = await anonymous.post('/ca/account/password-reset', { email: 'nope' });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /value="nope"/);
  assert.equal((await anonymous.post('/ca/account/password-reset', { email: 'nobody@example.org' })).location, '/ca/account/password-reset/sent');
  assert.equal((await anonymous.post('/ca/account/password-reset', { email })).location, '/ca/account/password-reset/sent');
  const mail = await lastMailTo(t.app, email);
  assert.match(mail!.subject, /Restableix la contrasenya/);
  const form = await anonymous.get(linkIn(mail!.body));
  assert.equal(form.status, 200);
  const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
  const weak = await anonymous.post('/ca/account/password-reset/new', { token, password: 'qwertyuiop123' });
  assert.equal(weak.status, 400);
  assert.match(weak.body, /massa comuna/);
  const saved = await anonymous.post('/ca/account/password-reset/new', { token, password: 'a brand new long password' });
  assert.equal(saved.location, '/ca/account/sign-in?notice=reset');
  assert.equal((await client.get('/en/account')).status, 303, 'the old session has ended');
  assert.equal((await anonymous.post('/ca/account/password-reset/new', { token, password: 'yet another long password' })).status, 400, 'the link works once');
  assert.equal((await new Client(t.app).signIn(email, 'a brand new long password')).location, '/en/account');
});

test('change email (confirmed from the new address) and password (others signed out)', async () => {
  const email = 'change@example.org';
  const client = await signUpAndConfirm(email, 'Changer');
  await client.signIn(email, goodPassword);
  const elsewhere = new Client(t.app);
  await elsewhere.signIn(email, goodPassword);

  await client.get('/en/account/email');
  const bad = await client.post('/en/account/email', { email: 'changed@example', password: 'wrong password here' });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /value="changed@example"/);
  assert.match(bad.body, /This password is not right/);
  assert.equal((await client.post('/en/account/email', { email: 'changed@example.org', password: goodPassword })).location, '/en/account?done=emailSent');
  assert.match((await lastMailTo(t.app, email))!.subject, /is changing/);
  const confirm = await lastMailTo(t.app, 'changed@example.org');
  assert.equal((await client.get(linkIn(confirm!.body))).status, 200);
  assert.match((await client.get('/en/account')).body, /changed@example.org/);

  await client.get('/en/account/password');
  const wrong = await client.post('/en/account/password', { current: 'not my password', password: 'short' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.body, /This password is not right/);
  assert.match(wrong.body, /at least 12 characters/);
  assert.equal((await client.post('/en/account/password', { current: goodPassword, password: 'another good long password' })).location, '/en/account?done=password');
  assert.equal((await client.get('/en/account')).status, 200, 'this browser stays signed in');
  assert.equal((await elsewhere.get('/en/account')).status, 303, 'the other browser is signed out');

  await client.get('/en/account/details');
  const badName = await client.post('/en/account/details', { displayName: '', locale: 'ar' });
  assert.equal(badName.status, 400);
  assert.match(badName.body, /<option value="ar"[^>]*selected/);
  assert.equal((await client.post('/en/account/details', { displayName: 'Changer Two', locale: 'ar' })).location, '/en/account?done=details');
});

test('consents are recorded with the text version and can be withdrawn', async () => {
  const email = 'consent@example.org';
  const client = await signUpAndConfirm(email, 'Consenting');
  await client.signIn(email, goodPassword);
  await client.get('/en/account/consents');
  await client.post('/en/account/consents', { contact: 'yes', research: 'yes' });
  await client.get('/en/account/consents');
  await client.post('/en/account/consents', { research: 'yes' });
  const { consentsOf } = await import('./consent.service.ts');
  const [me] = await t.database.db.select().from(person).where(eq(person.email, email));
  const latest = await consentsOf(t.database.db, me!.id);
  assert.deepEqual(
    latest.map((c) => [c.kind, c.given, c.textVersion]),
    [
      ['terms', true, '2026-11-27'],
      ['contact', false, '2026-11-27'],
      ['research', true, '2026-11-27'],
    ],
  );
});

test('download my data (JSON in a zip), then delete the account: gone, logged without personal data', async () => {
  const email = 'leaving@example.org';
  const client = await signUpAndConfirm(email, 'Leaving Person');
  await client.signIn(email, goodPassword);
  const download = await client.get('/en/account/data/download');
  assert.equal(download.status, 200);
  assert.equal(download.headers['content-type'], 'application/zip');
  assert.match(String(download.headers['content-disposition']), /attachment; filename="coproduce-my-data-\d{4}-\d{2}-\d{2}\.zip"/);
  const entry = unzipOne(download.raw);
  assert.equal(entry.name, 'my-data.json');
  const data = JSON.parse(entry.text);
  assert.equal(data.identity.account.email, email);
  assert.equal(data.identity.account.displayName, 'Leaving Person');
  assert.ok(data.identity.consents.some((c: { kind: string }) => c.kind === 'terms'));
  assert.equal(JSON.stringify(data).includes('passwordHash'), false);

  await client.get('/en/account/delete');
  const refused = await client.post('/en/account/delete', { password: goodPassword });
  assert.equal(refused.status, 400);
  assert.match(refused.body, /Tick the box to confirm/);
  const [me] = await t.database.db.select().from(person).where(eq(person.email, email));
  const deleted = await client.post('/en/account/delete', { password: goodPassword, confirm: 'yes' });
  assert.equal(deleted.location, '/en/account/deleted');
  assert.equal((await t.database.db.select().from(person).where(eq(person.email, email))).length, 0);
  assert.equal((await t.database.db.select().from(session).where(eq(session.personId, me!.id))).length, 0);
  const [logged] = await t.database.db.select().from(accessLog).where(eq(accessLog.action, 'identity.account.delete'));
  assert.equal(logged!.recordId, me!.id);
  assert.equal(logged!.actorId, null);
  assert.doesNotMatch(JSON.stringify(logged), /leaving|Leaving/);
  assert.deepEqual({ ...(await verifyChain(t.database.db)), chains: 0 }, { ok: true, entries: (await t.database.db.select().from(accessLog)).length, chains: 0 });
  assert.equal((await client.get('/en/account')).status, 303);
});
