// Administration with real sessions: the demo administrator must set up two-step sign in before
// managing roles; roles are given and revoked with a reason, invitations are accepted; the outbox and
// the access log (filtered, CSV) are readable by the right people only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorHeader, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client, lastMailTo, linkIn } from '../../../test/support/client.ts';
import { currentTotp } from './totp.ts';
import { findTerritory } from '../territories/territory.service.ts';

let t: TestApp;
let barcelonaId: string;
before(async () => {
  t = await createTestApp({ template: 'demo' });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => t.close());

const adminPassword = process.env.DEMO_ADMIN_PASSWORD!;
const peoplePassword = process.env.DEMO_PEOPLE_PASSWORD!;
const goodPassword = 'purple elephants dance slowly';

/** Signs in and sets up two-step sign in when asked; returns the client and the secret. */
async function signInWithSecondFactor(email: string, password: string) {
  const client = new Client(t.app);
  const signedIn = await client.post('/en/account/sign-in', { email, password, next: '/en/admin/roles' }, { from: '/en/account/sign-in' });
  assert.equal(signedIn.location, '/en/account/two-factor/setup?next=%2Fen%2Fadmin%2Froles', 'a person whose role needs it is sent to set up two-step sign in');
  const setup = await client.get(signedIn.location!);
  assert.match(setup.body, /Your role lets you see sensitive information/);
  const secret = /data-totp-secret="true">([A-Z2-7 ]+)</.exec(setup.body)![1]!.replace(/ /g, '');
  const on = await client.post('/en/account/two-factor/setup', { code: currentTotp(secret), next: '/en/admin/roles' });
  assert.equal(on.status, 200);
  assert.match(on.body, /href="\/en\/admin\/roles"/);
  return { client, secret };
}

async function signUp(email: string, name: string) {
  const client = new Client(t.app);
  await client.get('/en/account/sign-up');
  await client.post('/en/account/sign-up', { displayName: name, email, password: goodPassword, terms: 'yes' });
  await client.get(linkIn((await lastMailTo(t.app, email))!.body));
  await client.signIn(email, goodPassword);
  return client;
}

test('the outbox needs a second factor even for administrators, and is readable by nobody else', async () => {
  const admin = new Client(t.app);
  await admin.signIn('admin@coproduce.example', adminPassword);
  await signUp('outbox-reader@example.org', 'Reader');
  const page = await admin.get('/en/admin/outbox');
  assert.equal(page.location, '/en/account/two-factor?next=%2Fen%2Fadmin%2Foutbox');
  assert.doesNotMatch(page.body, /outbox-reader@example.org/);
  const someone = new Client(t.app);
  await someone.signIn('outbox-reader@example.org', goodPassword);
  assert.equal((await someone.get('/en/admin/outbox')).status, 403);
  assert.equal((await new Client(t.app).get('/en/admin/outbox')).location, '/en/account/sign-in?next=%2Fen%2Fadmin%2Foutbox');
});

test('with a mail server, the outbox page lists the emails still waiting for it, with the error, never their text', async () => {
  const smtp = await createTestApp({ template: 'demo', config: { smtpUrl: 'smtp://127.0.0.1:1' }, actAs: true });
  try {
    await smtp.app.mailer.send({ to: 'waiting@example.org', locale: 'en', subjectKey: 'identity.mail.reset.subject', bodyKey: 'identity.mail.reset.body', values: { name: 'Wait', link: 'http://localhost/secret-link' }, secret: true });
    await smtp.app.mailer.flush();
    const page = await smtp.app.inject({ url: '/en/admin/outbox', headers: actorHeader({ grants: [{ role: 'platform-admin', scope: { kind: 'platform', id: null } }] }) });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Waiting for the mail server/);
    assert.match(page.body, /waiting@example.org/);
    assert.match(page.body, /Last error: /);
    assert.doesNotMatch(page.body, /secret-link/);
  } finally {
    await smtp.close();
  }
});

test('managing roles needs a second factor; roles are given and revoked with a reason, history kept', async () => {
  // Without the second factor the admin is sent to set it up.
  const half = new Client(t.app);
  await half.signIn('admin@coproduce.example', adminPassword);
  const refused = await half.get('/en/admin/roles');
  assert.equal(refused.location, '/en/account/two-factor?next=%2Fen%2Fadmin%2Froles');
  assert.equal((await half.get(refused.location!)).location, '/en/account/two-factor/setup?next=%2Fen%2Fadmin%2Froles');

  const { client: admin } = await signInWithSecondFactor('admin@coproduce.example', adminPassword);
  const account = await admin.get('/en/account');
  for (const path of ['/en/admin/roles', '/en/admin/access-log', '/en/admin/outbox']) assert.match(account.body, new RegExp(`href="${path}"`));
  const roles = await admin.get('/en/admin/roles');
  assert.equal(roles.status, 200);
  assert.match(roles.body, /Núria Soler/);

  await signUp('new-auditor@example.org', 'Samir Auditor');
  const bad = await admin.post('/en/admin/roles', { email: 'new-auditor@example.org', role: '', scope: barcelonaId, reason: '', intent: 'grant' });
  assert.equal(bad.status, 400);
  assert.match(bad.body, /Choose a role/);
  assert.match(bad.body, /Write the reason/);
  assert.match(bad.body, /value="new-auditor@example.org"/);
  assert.match(bad.body, new RegExp(`<option value="${barcelonaId}" selected>Barcelona</option>`));

  const nowhere = await admin.post('/en/admin/roles', { email: 'new-auditor@example.org', role: 'auditor', scope: '00000000-0000-4000-8000-000000000000', reason: 'Trained in May', intent: 'grant' });
  assert.equal(nowhere.status, 400);
  assert.match(nowhere.body, /Choose where the role applies/);
  const nobody = await admin.post('/en/admin/roles', { email: 'nobody-here@example.org', role: 'auditor', scope: barcelonaId, reason: 'Trained in May', intent: 'grant' });
  assert.equal(nobody.status, 400);
  assert.match(nobody.body, /No account uses this email address/);
  assert.match(nobody.body, />Trained in May<\/textarea>/);

  const granted = await admin.post('/en/admin/roles', { email: 'new-auditor@example.org', role: 'auditor', scope: barcelonaId, reason: 'Trained in May', intent: 'grant' });
  assert.equal(granted.location, '/en/admin/roles?done=granted');
  const list = await admin.get('/en/admin/roles?done=granted');
  assert.match(list.body, /The role has been given/);
  assert.match(list.body, /Samir Auditor/);
  const again = await admin.post('/en/admin/roles', { email: 'new-auditor@example.org', role: 'auditor', scope: barcelonaId, reason: 'Twice', intent: 'grant' });
  assert.match(again.body, /already has this role here/);

  const auditor = new Client(t.app);
  await auditor.signIn('new-auditor@example.org', goodPassword);
  assert.match((await auditor.get('/en/account')).body, /auditor · territory/);

  const id = new RegExp(`Samir Auditor[\\s\\S]*?/en/admin/roles/([0-9a-f-]{36})/revoke`).exec(list.body)![1]!;
  await admin.get(`/en/admin/roles/${id}/revoke`);
  const noReason = await admin.post(`/en/admin/roles/${id}/revoke`, { reason: ' ' });
  assert.equal(noReason.status, 400);
  assert.match(noReason.body, /Write the reason/);
  assert.equal((await admin.post(`/en/admin/roles/${id}/revoke`, { reason: 'Left the network' })).location, '/en/admin/roles?done=revoked');
  const history = await admin.get('/en/admin/roles?history=yes');
  assert.match(history.body, /Revoked on .* by Ada Admin: Left the network/);
  assert.doesNotMatch((await auditor.get('/en/account')).body, /auditor · territory/);
});

test('an invitation by email is accepted by the account with that address', async () => {
  const { client: admin } = await signInWithSecondFactor('territory-admin@coproduce.example', peoplePassword);
  const sent = await admin.post('/en/admin/roles', { email: 'invited@example.org', role: 'case-handler', scope: barcelonaId, reason: 'New antenna volunteer', intent: 'invite' });
  assert.equal(sent.location, '/en/admin/roles?done=invited');
  assert.match((await admin.get('/en/admin/roles')).body, /invited@example.org/);
  const mail = await lastMailTo(t.app, 'invited@example.org');
  assert.match(mail!.body, /Teresa Puig invites you to be case handler/);
  const link = linkIn(mail!.body);

  const wrongPerson = await signUp('someone-else@example.org', 'Someone Else');
  await wrongPerson.get(link);
  const token = new URLSearchParams(link.split('?')[1]).get('token')!;
  const refused = await wrongPerson.post('/en/account/invitation', { token });
  assert.equal(refused.status, 400);
  assert.match(refused.body, /sent to another email address/);

  const invited = await signUp('invited@example.org', 'Invited Person');
  const page = await invited.get(link);
  assert.match(page.body, /You are invited to be case handler/);
  assert.equal((await invited.post('/en/account/invitation', { token })).location, '/en/account?done=invitation');
  assert.match((await invited.get('/en/account')).body, /case handler · territory/);
  assert.equal((await invited.get(link)).status, 404, 'an invitation works once');

  // A territory admin cannot give platform-wide roles.
  const tooMuch = await admin.post('/en/admin/roles', { email: 'invited@example.org', role: 'platform-admin', scope: 'platform', reason: 'No', intent: 'grant' });
  assert.equal(tooMuch.status, 403);
});

test('the access log: second factor required, filtered in the URL, exported as CSV, limited to the reader’s territory', async () => {
  const { client: board } = await signInWithSecondFactor('board-member@coproduce.example', peoplePassword);
  const page = await board.get('/en/admin/access-log?action=identity.invitation.accept');
  assert.equal(page.status, 200);
  assert.match(page.body, /<caption>1 entry, newest first<\/caption>/);
  assert.match(page.body, /Invited Person/);
  assert.match(page.body, /New antenna volunteer/);
  // The action by its name, not its key.
  assert.match(page.body, /<td data-action="identity.invitation.accept">Accepted an invitation<\/td>/);
  // Entries without a territory (enabling two-step sign in, account deletions) are for platform-wide readers only.
  assert.doesNotMatch((await board.get('/en/admin/access-log?action=identity.twoFactor.enable')).body, /data-action="identity.twoFactor.enable"/);

  const badDate = await board.get('/en/admin/access-log?from=27%2F11%2F2026&action=identity.role.grant');
  assert.equal(badDate.status, 400);
  assert.match(badDate.body, /Enter a date like 2026-11-27/);
  assert.match(badDate.body, /name="from" type="date" value="27\/11\/2026"/);
  assert.match(badDate.body, /name="action" type="text" value="identity.role.grant"/);

  const csv = await board.get('/en/admin/access-log.csv?action=identity.invitation.create');
  assert.equal(csv.status, 200);
  assert.match(String(csv.headers['content-type']), /^text\/csv/);
  const lines = csv.body.trim().split('\n');
  assert.equal(lines[0], 'seq,at,actor_id,action,record_type,record_id,territory,reason,hash');
  assert.equal(lines.length, 2);
  assert.match(lines[1]!, /identity.invitation.create,invitation,[0-9a-f-]{36},Barcelona,New antenna volunteer,[0-9a-f]{64}$/);

  const admin = new Client(t.app);
  const auditorPerson = await admin.signIn('auditor@coproduce.example', peoplePassword);
  assert.equal(auditorPerson.location, '/en/account', 'an auditor is not asked for a second factor');
  assert.equal((await admin.get('/en/admin/access-log')).status, 403);
});
