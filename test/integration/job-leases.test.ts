// Background jobs run in every instance: two instances on one PostgreSQL must not do the same work twice.
// On PostgreSQL a second pool on the same database plays the second instance (its own connections, so the row
// locks and advisory locks are really contended); on the embedded database both run on its one connection.
// - Webhook deliveries are leased: 120 deliveries drained at once by both instances, three workers each (and the
//   app's own timer),
//   reach the receiver once each, on their first attempt.
// - Digests take an advisory lock: both instances sending the day's digests at once send one email a person.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { openDatabase, type Database } from '../../src/platform/db/client.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';
import { mailOutbox } from '../../src/platform/mail/mail.schema.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { person } from '../../src/contexts/identity/identity.schema.ts';
import { createSubscription, deliverDue, enqueue } from '../../src/contexts/integrations/webhook.service.ts';
import { webhookDelivery } from '../../src/contexts/integrations/webhook.schema.ts';
import { notify, savePreferences, sendDigests } from '../../src/contexts/notifications/notification.service.ts';

let t: TestApp;
let second: Database;
let receiver: http.Server;
const received: string[] = [];

before(async () => {
  t = await createTestApp();
  second = t.database.url ? await openDatabase({ databaseUrl: t.database.url, poolSize: 4 }) : t.database;
  receiver = http.createServer((request, response) => {
    received.push(String(request.headers['coproduce-delivery']));
    request.resume();
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  receiver.close();
  if (second !== t.database) await second.close();
  await t.close();
});

test(`webhook deliveries drained by two instances at once reach the receiver once each (${process.env.COPRODUCE_TEST_PG_URL ? 'two pools on PostgreSQL' : 'embedded database'})`, async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const admin: Actor = { personId: '00000000-0000-4000-8000-0000000000a1', displayName: 'Admin', locale: 'en', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelona.id } }], twoFactorVerified: true };
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const subscribed = await createSubscription(db, admin, { territoryId: barcelona.id, url, events: ['challenge.proposed'] }, { allowHttp: true });
  assert.ok(subscribed.ok, JSON.stringify(subscribed));
  const count = 120;
  for (let i = 0; i < count; i++) await enqueue(db, 'challenge.proposed', { scope: 'read:public', territoryId: barcelona.id, data: { challenge: { n: i } } });
  const queued = await db.select({ id: webhookDelivery.id }).from(webhookDelivery).where(eq(webhookDelivery.subscriptionId, subscribed.value.subscription.id));
  assert.equal(queued.length, count);

  const drain = async (instance: Database) => {
    let leased = 0;
    for (let n = await deliverDue(instance.db, { limit: 3 }); n > 0; n = await deliverDue(instance.db, { limit: 3 })) leased += n;
    return leased;
  };
  // Each instance drains with three workers at once, so that leases are taken at the same moment.
  const shares = await Promise.all([t.database, t.database, t.database, second, second, second].map((instance) => drain(instance)));
  const first = shares[0]! + shares[1]! + shares[2]!;
  const other = shares[3]! + shares[4]! + shares[5]!;
  // The test app's own scheduled job (every 3 s) is a third instance and may take some as well.
  assert.ok(first + other <= count, 'no delivery leased twice');
  if (t.database.url) assert.ok(first > 0 && other > 0, `both instances took a share (${first} and ${other})`);
  // What the app's timer leased may still be on its way; then a moment more, for any second sending to show.
  for (let i = 0; i < 100 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(received.length, count, 'the receiver got each delivery once');
  assert.equal(new Set(received).size, count);
  assert.deepEqual(new Set(received), new Set(queued.map((q) => q.id)));
  const states = await db.select({ status: webhookDelivery.status, attempts: webhookDelivery.attempts }).from(webhookDelivery).where(inArray(webhookDelivery.id, queued.map((q) => q.id)));
  assert.ok(states.every((s) => s.status === 'delivered' && s.attempts === 1), 'each delivered on its first attempt');
});

test('digests sent by two instances at once: one email a person', async () => {
  const db = t.database.db;
  const emails = Array.from({ length: 12 }, (_, i) => `digest-${i}@example.org`);
  for (const email of emails) {
    const [created] = await db.insert(person).values({ email, displayName: email, locale: 'ca', passwordHash: '!' }).returning();
    const actor: Actor = { personId: created!.id, displayName: email, locale: 'ca', grants: [], twoFactorVerified: false };
    assert.ok((await savePreferences(db, actor, { 'finding-validated': 'daily' })).ok);
    await notify(db, { personIds: [created!.id], kind: 'finding-validated', territoryId: null, values: { title: 'Rampa trencada' }, path: '/t/barcelona/audits/findings' });
    await notify(db, { personIds: [created!.id], kind: 'finding-validated', territoryId: null, values: { title: 'Cartells només en castellà' }, path: '/t/barcelona/audits/findings' });
  }
  const tomorrow = new Date(Date.now() + 25 * 3600 * 1000);
  const sent = await Promise.all([sendDigests(t.database.db, tomorrow), sendDigests(second.db, tomorrow)]);
  assert.ok(sent.includes(0) && Math.max(...sent) >= emails.length, `one of them sent the digests (${sent.join(' and ')})`);
  const mails = await db.select({ to: mailOutbox.toAddress }).from(mailOutbox).where(inArray(mailOutbox.toAddress, emails));
  assert.equal(mails.length, emails.length, 'one email a person');
  assert.equal(new Set(mails.map((m) => m.to)).size, emails.length);
});
