// A council's case-management system reads a case's narrative and writes to the person, exactly as the case page
// does: only a handler of the territory whose case key is open in this key session (openCaseKey → the
// Coproduce-Case-Key header), with the read access-logged before anything is decrypted. Tried as an attacker: no
// header, a forged one, an expired one, another handler's key session, another territory's token and key session,
// a read-only token, a closed key; a retried message is written once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/antenna.ts';
import { person, roleAssignment } from '../../src/contexts/identity/identity.schema.ts';
import { grantsFor } from '../../src/contexts/identity/roles.service.ts';
import { createPersonalToken } from '../../src/contexts/identity/tokens/token.service.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { setUpHandlerKey } from '../../src/contexts/antenna/triage.service.ts';
import { antennaKeySession, antennaMessage, antennaReport } from '../../src/contexts/antenna/antenna.schema.ts';
import { solveChallenge } from '../../src/contexts/antenna/guards.ts';
import { accessLog } from '../../src/platform/access-log/access-log.schema.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';

let t: TestApp;
let barcelonaId: string;
let fuenlabradaId: string;
const password = 'una contrasenya llarga de casos';
const otherPassword = 'another long case password';

before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  fuenlabradaId = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
});
after(async () => t.close());

async function personOf(email: string) {
  const [who] = await t.database.db.select().from(person).where(eq(person.email, email));
  assert.ok(who, email);
  // Two-step sign-in is set up (case handling and sensitive scopes need it).
  if (!who.totpSecret) await t.database.db.update(person).set({ totpSecret: 'set up in this test' }).where(eq(person.id, who.id));
  return who;
}
async function actorOf(email: string): Promise<Actor> {
  const who = await personOf(email);
  return { personId: who.id, displayName: who.displayName, locale: 'ca', grants: await grantsFor(t.database.db, who.id), twoFactorVerified: true };
}
async function tokenOf(email: string, scopes: string[], territoryId = barcelonaId): Promise<string> {
  const who = await personOf(email);
  const made = await createPersonalToken(t.database.db, { personId: who.id, displayName: who.displayName, locale: 'ca', grants: [], twoFactorVerified: true }, { name: 'Case system', scopes, territoryId, lifetime: '30' });
  assert.ok(made.ok, JSON.stringify(made));
  return made.value.secret;
}
function api(method: 'GET' | 'POST' | 'DELETE', url: string, token: string, options: { caseKey?: string; payload?: unknown; slug?: string; idempotencyKey?: string } = {}) {
  return t.app.inject({
    method,
    url: `/api/v1/territories/${options.slug ?? 'barcelona'}${url}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.payload !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.caseKey !== undefined ? { 'coproduce-case-key': options.caseKey } : {}),
      ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
    },
    ...(options.payload !== undefined ? { payload: options.payload as object } : {}),
  });
}
async function grantHandler(email: string, territoryId: string) {
  const who = await personOf(email);
  await t.database.db.insert(roleAssignment).values({ personId: who.id, role: 'case-handler', scopeKind: 'territory', scopeId: territoryId, reason: 'A second handler, in this test' });
}

/** A person reports through the public API (proof of work included); the case is sealed to every handler with a key. */
async function report(story: string): Promise<{ reference: string; receipt: string }> {
  const challenge = (await t.app.inject({ url: '/api/v1/antenna/barcelona/challenge' })).json().challenge as string;
  const sent = await t.app.inject({
    method: 'POST',
    url: '/api/v1/antenna/barcelona/reports',
    headers: { 'content-type': 'application/json' },
    payload: {
      challenge,
      pow: solveChallenge(challenge),
      serviceId: 'unknown',
      story,
      when: 'unknown',
      districtId: 'unknown',
      facilityId: 'unknown',
      grounds: ['language'],
      before: 'no',
      wishes: ['contact'],
      referral: 'no',
      mode: 'confidential',
      contactName: 'Amina',
      contactEmail: 'amina@example.org',
    },
  });
  assert.equal(sent.statusCode, 201, sent.body);
  return sent.json();
}

test('a handler with the case key open reads the narrative, writes to the person, and the person reads it with the receipt', async () => {
  const db = t.database.db;
  const handler = await actorOf('case-handler@coproduce.example');
  assert.ok((await setUpHandlerKey(db, handler, barcelonaId, { password, replace: true })).ok);
  const { reference, receipt } = await report('Al mostrador em van dir que tornés amb algú que parlés castellà STORY-API-1');
  const token = await tokenOf('case-handler@coproduce.example', ['antenna:handle']);

  // The wrong password is named beside the field; the right one answers a key-session token and its expiry.
  const wrong = await api('POST', '/antenna/case-key', token, { payload: { password: 'not the password at all' } });
  assert.equal(wrong.statusCode, 400, wrong.body);
  assert.ok(wrong.json().errors.password);
  const opened = await api('POST', '/antenna/case-key', token, { payload: { password } });
  assert.equal(opened.statusCode, 201, opened.body);
  const { caseKey, expiresAt } = opened.json() as { caseKey: string; expiresAt: string };
  assert.match(caseKey, /^[A-Za-z0-9_-]{43}$/);
  const hours = (Date.parse(expiresAt) - Date.now()) / 3600_000;
  assert.ok(hours > 1.9 && hours <= 2, `short-lived: ${hours} h`);

  // Read: the narrative and contact, decrypted; the read is in the access log, by this handler, for this case.
  const [row] = await db.select().from(antennaReport).where(eq(antennaReport.reference, reference));
  const logged = async () => (await db.select().from(accessLog).where(and(eq(accessLog.action, 'antenna.case.read'), eq(accessLog.recordId, row!.id), eq(accessLog.actorId, handler.personId)))).length;
  const before = await logged();
  const read = await api('GET', `/antenna/cases/${reference}`, token, { caseKey });
  assert.equal(read.statusCode, 200, read.body);
  const body = read.json();
  assert.equal(body.sealedToYou, true);
  assert.match(body.narrative.story, /STORY-API-1/);
  assert.deepEqual(body.narrative.contact, { name: 'Amina', email: 'amina@example.org', phone: '' });
  assert.equal(body.narrative.grounds[0].key, 'language');
  assert.ok(body.narrative.grounds[0].name.length > 0 && body.narrative.grounds[0].name !== 'language', 'grounds in words');
  assert.equal(read.headers['cache-control'], 'no-store');
  assert.equal(await logged(), before + 1, 'the read is access-logged');

  // A message to the person and a note for the handlers; a retry with the same Idempotency-Key writes nothing more.
  const message = { visibility: 'message', text: 'Quina oficina era? QUESTION-API-1' };
  const wrote = await api('POST', `/antenna/cases/${reference}/messages`, token, { caseKey, payload: message, idempotencyKey: 'msg-1' });
  assert.equal(wrote.statusCode, 201, wrote.body);
  const retried = await api('POST', `/antenna/cases/${reference}/messages`, token, { caseKey, payload: message, idempotencyKey: 'msg-1' });
  assert.equal(retried.statusCode, 201);
  assert.equal(retried.headers['idempotent-replayed'], 'true');
  assert.equal((await db.select().from(antennaMessage).where(eq(antennaMessage.reportId, row!.id))).length, 1, 'written once');
  assert.equal((await api('POST', `/antenna/cases/${reference}/messages`, token, { caseKey, payload: { visibility: 'note', text: 'internal NOTE-API-1' } })).statusCode, 201);
  const empty = await api('POST', `/antenna/cases/${reference}/messages`, token, { caseKey, payload: { visibility: 'message', text: '   ' } });
  assert.equal(empty.statusCode, 400);
  assert.ok(empty.json().errors.text);
  // The ciphertext holds no plaintext.
  const stored = await db.select().from(antennaMessage).where(eq(antennaMessage.reportId, row!.id));
  assert.ok(!JSON.stringify(stored).includes('QUESTION-API-1'));
  const again = (await api('GET', `/antenna/cases/${reference}`, token, { caseKey })).json();
  assert.deepEqual(
    again.messages.map((m: { kind: string; text: string }) => [m.kind, m.text]),
    [
      ['message', 'Quina oficina era? QUESTION-API-1'],
      ['note', 'internal NOTE-API-1'],
    ],
  );

  // The person signs in with the receipt on the follow page and reads the question, not the note.
  const reporter = new Browser(t.app);
  const signIn = await reporter.get('/ca/t/barcelona/antenna/follow');
  const followed = await reporter.post('/ca/t/barcelona/antenna/follow', signIn, { receipt });
  assert.equal(followed.statusCode, 303);
  const mine = await reporter.follow(followed);
  assert.equal(mine.statusCode, 200);
  assert.ok(mine.body.includes('QUESTION-API-1'));
  assert.ok(!mine.body.includes('NOTE-API-1'));

  // Closing the key ends the session: the same token opens nothing any more.
  assert.equal((await api('DELETE', '/antenna/case-key', token, { caseKey })).statusCode, 200);
  const closed = await api('GET', `/antenna/cases/${reference}`, token, { caseKey });
  assert.equal(closed.statusCode, 403);
});

test('without an open case key of this handler and territory, and with the wrong token, nothing is read or written', async () => {
  const db = t.database.db;
  const handler = await actorOf('case-handler@coproduce.example');
  assert.ok((await setUpHandlerKey(db, handler, barcelonaId, { password, replace: true })).ok);
  const { reference } = await report('STORY-API-2 a second case');
  const token = await tokenOf('case-handler@coproduce.example', ['antenna:handle']);
  const caseKey = (await api('POST', '/antenna/case-key', token, { payload: { password } })).json().caseKey as string;
  assert.ok(caseKey);
  const refusedAll = async (what: string, call: () => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>) => {
    const answer = await call();
    assert.equal(answer.statusCode, 403, `${what}: ${answer.body}`);
    assert.match(String(answer.headers['content-type']), /problem\+json/, what);
    assert.ok(!answer.body.includes('STORY-API-2'), what);
  };
  const [row] = await db.select().from(antennaReport).where(eq(antennaReport.reference, reference));
  const logCount = async () => (await db.select().from(accessLog).where(and(eq(accessLog.action, 'antenna.case.read'), eq(accessLog.recordId, row!.id)))).length;
  const logBefore = await logCount();

  // No header: a problem that says the case key must be opened.
  const none = await api('GET', `/antenna/cases/${reference}`, token);
  assert.equal(none.statusCode, 403);
  assert.match(none.json().detail, /openCaseKey/);
  await refusedAll('no header, writing', () => api('POST', `/antenna/cases/${reference}/messages`, token, { payload: { visibility: 'message', text: 'x' } }));
  // A forged token (well formed, and not), and an expired one.
  await refusedAll('forged', () => api('GET', `/antenna/cases/${reference}`, token, { caseKey: 'A'.repeat(43) }));
  await refusedAll('malformed', () => api('GET', `/antenna/cases/${reference}`, token, { caseKey: `${caseKey}x` }));
  const expired = (await api('POST', '/antenna/case-key', token, { payload: { password } })).json().caseKey as string;
  await db.update(antennaKeySession).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(antennaKeySession.personId, handler.personId));
  await refusedAll('expired', () => api('GET', `/antenna/cases/${reference}`, token, { caseKey: expired }));
  await refusedAll('expired, writing', () => api('POST', `/antenna/cases/${reference}/messages`, token, { caseKey: expired, payload: { visibility: 'message', text: 'x' } }));
  const fresh = (await api('POST', '/antenna/case-key', token, { payload: { password } })).json().caseKey as string;

  // Another handler of the same territory with their own key: their API token with this handler's key session, and
  // this handler's token with theirs, are both refused (a key session is bound to its person).
  await grantHandler('territory-admin@coproduce.example', barcelonaId);
  assert.ok((await setUpHandlerKey(db, await actorOf('territory-admin@coproduce.example'), barcelonaId, { password: otherPassword, replace: true })).ok);
  const otherToken = await tokenOf('territory-admin@coproduce.example', ['antenna:handle']);
  const otherKey = (await api('POST', '/antenna/case-key', otherToken, { payload: { password: otherPassword } })).json().caseKey as string;
  assert.ok(otherKey);
  await refusedAll("another handler's key session", () => api('GET', `/antenna/cases/${reference}`, otherToken, { caseKey: fresh }));
  await refusedAll("another handler's key session, mine", () => api('GET', `/antenna/cases/${reference}`, token, { caseKey: otherKey }));
  await refusedAll("another handler's key session, writing", () => api('POST', `/antenna/cases/${reference}/messages`, otherToken, { caseKey: fresh, payload: { visibility: 'message', text: 'x' } }));
  // Their own key opens only what was sealed to it: this case was sent before they had a key.
  const theirs = await api('GET', `/antenna/cases/${reference}`, otherToken, { caseKey: otherKey });
  assert.equal(theirs.statusCode, 200);
  assert.equal(theirs.json().sealedToYou, false);
  assert.equal(theirs.json().narrative, null);
  assert.ok(!theirs.body.includes('STORY-API-2'));
  assert.equal((await api('POST', `/antenna/cases/${reference}/messages`, otherToken, { caseKey: otherKey, payload: { visibility: 'message', text: 'x' } })).statusCode, 409);

  // Another territory: a token made for Fuenlabrada is refused in Barcelona; a key session opened in Fuenlabrada
  // (the handler handles cases there too) does not open Barcelona's cases.
  await grantHandler('case-handler@coproduce.example', fuenlabradaId);
  assert.ok((await setUpHandlerKey(db, await actorOf('case-handler@coproduce.example'), fuenlabradaId, { password, replace: true })).ok);
  const fuenlabradaToken = await tokenOf('case-handler@coproduce.example', ['antenna:handle'], fuenlabradaId);
  const fuenlabradaKey = await api('POST', '/antenna/case-key', fuenlabradaToken, { slug: 'fuenlabrada', payload: { password } });
  assert.equal(fuenlabradaKey.statusCode, 201, fuenlabradaKey.body);
  await refusedAll("another territory's token", () => api('GET', `/antenna/cases/${reference}`, fuenlabradaToken, { caseKey: fresh }));
  await refusedAll("another territory's token, opening", () => api('POST', '/antenna/case-key', fuenlabradaToken, { payload: { password } }));
  await refusedAll("another territory's key session", () => api('GET', `/antenna/cases/${reference}`, token, { caseKey: fuenlabradaKey.json().caseKey }));

  // A token without the scope, and an organisation member asking for it.
  const readOnly = await tokenOf('case-handler@coproduce.example', ['read:public', 'read:agreement', 'read:audits']);
  await refusedAll('read-only token', () => api('GET', `/antenna/cases/${reference}`, readOnly, { caseKey: fresh }));
  await refusedAll('read-only token, opening', () => api('POST', '/antenna/case-key', readOnly, { payload: { password } }));
  await refusedAll('read-only token, writing', () => api('POST', `/antenna/cases/${reference}/messages`, readOnly, { caseKey: fresh, payload: { visibility: 'message', text: 'x' } }));
  const member = await tokenOf('organisation-member@coproduce.example', ['antenna:handle']);
  await refusedAll('an organisation member', () => api('GET', `/antenna/cases/${reference}`, member, { caseKey: fresh }));

  // None of these reads reached the log or the content; the message table holds nothing from them.
  assert.equal(await logCount(), logBefore);
  assert.equal((await db.select().from(antennaMessage).where(eq(antennaMessage.reportId, row!.id))).length, 0);
  // And the right handler, with the right key, still reads it.
  const right = await api('GET', `/antenna/cases/${reference}`, token, { caseKey: fresh });
  assert.equal(right.statusCode, 200);
  assert.match(right.json().narrative.story, /STORY-API-2/);
  assert.equal((await api('GET', '/antenna/cases/ZZZZ-ZZZZ', token, { caseKey: fresh })).statusCode, 404);
});
