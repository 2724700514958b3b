// Notifications: an approved adhesion reaches the organisation's people on their desk and by email (the
// outbox), in their language, with a one-link unsubscribe that needs no sign-in and works for that kind only;
// digests wait their period; the person who reported to the antenna is never emailed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { desc, eq } from 'drizzle-orm';
import { actorHeader, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { mailOutbox } from '../../platform/mail/mail.schema.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { person, roleAssignment } from '../identity/identity.schema.ts';
import { grantsFor } from '../identity/roles.service.ts';
import { decideAdhesion, pendingAdhesions } from '../agreement/adhesion/adhesion.service.ts';
import { listNetworks, scheduleMeeting } from '../agreement/networks/network.service.ts';
import { notify, savePreferences, sendDigests, setFollowing, unsubscribeToken } from './notification.service.ts';
import { notification } from './notification.schema.ts';
import { organisationsOf } from '../agreement/organisations/organisation.service.ts';
import { proposeChallenge } from '../agreement/challenges/challenge.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 1_000_000 } });
});
after(async () => t.close());

async function demo(email: string): Promise<Actor> {
  const [p] = await t.database.db.select().from(person).where(eq(person.email, email));
  return { personId: p!.id, displayName: p!.displayName, locale: 'en', grants: await grantsFor(t.database.db, p!.id), twoFactorVerified: true };
}

async function newPerson(email: string, locale: string): Promise<string> {
  const [created] = await t.database.db.insert(person).values({ email, displayName: `Person ${locale}`, locale, passwordHash: '!' }).returning();
  return created!.id;
}

test('an approved adhesion: the organisation’s admin is told on the desk and by email in their language, and unsubscribes with one link', async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const reviewer = await demo('promoting-group-member@coproduce.example');
  const pending = await pendingAdhesions(db, reviewer, barcelona.id);
  assert.ok(pending.ok && pending.value.length > 0, 'the demo has an adhesion to review');
  const adhesion = pending.value[0]!;
  const adminId = await newPerson('colleague-ar@example.org', 'ar');
  await db.insert(roleAssignment).values({ personId: adminId, role: 'organisation-admin', scopeKind: 'organisation', scopeId: adhesion.organisationId, reason: 'test' });

  const decided = await decideAdhesion(db, reviewer, { adhesionId: adhesion.id, territoryId: barcelona.id, decision: 'approve', reason: '' });
  assert.ok(decided.ok);
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'colleague-ar@example.org'));
  assert.ok(mail, 'an email is in the outbox');
  assert.equal(mail.locale, 'ar');
  assert.ok(mail.subject.includes(adhesion.organisationName) && mail.subject.includes('أصبحت'), mail.subject);
  assert.match(mail.body, /http:\/\/[^\s]+\/ar\/t\/barcelona\/agreement/);
  const unsubscribe = /(http:\/\/\S+\/ar\/notifications\/unsubscribe\?\S+)/.exec(mail.body)?.[1];
  assert.ok(unsubscribe, 'the email has an unsubscribe link');

  // On the desk: one unread notification, and its page names the organisation.
  const admin: Actor = { personId: adminId, displayName: 'Person ar', locale: 'ar', grants: await grantsFor(db, adminId), twoFactorVerified: true };
  const desk = await t.app.inject({ url: '/en/desk', headers: actorHeader(admin) });
  assert.match(desk.body, /data-task="notifications.unread"[^]*?class="tag">1 waiting/);
  const list = await t.app.inject({ url: '/en/notifications', headers: actorHeader(admin) });
  assert.ok(list.body.includes(`${adhesion.organisationName.replaceAll('&', '&amp;')} is now a member of the Agreement of Barcelona`));

  // The link, without signing in: a page with one button; the button stops that kind only.
  const anonymous = new Client(t.app);
  const path = new URL(unsubscribe).pathname + new URL(unsubscribe).search;
  const confirm = await anonymous.get(path);
  assert.equal(confirm.status, 200);
  const params = Object.fromEntries(new URL(unsubscribe).searchParams);
  const done = await anonymous.post('/ar/notifications/unsubscribe', params);
  assert.equal(done.status, 200);
  const again = await notify(db, { personIds: [adminId], kind: 'adhesion-decided', territoryId: barcelona.id, values: { organisation: 'X', territory: 'Barcelona', decision: 'declined' }, path: '/t/barcelona/agreement' });
  assert.equal(again, 1, 'still told on the desk');
  assert.equal((await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'colleague-ar@example.org'))).length, 1, 'no second email');
  await notify(db, { personIds: [adminId], kind: 'renewal-due', territoryId: barcelona.id, values: { organisation: 'X', territory: 'Barcelona' }, path: '/t/barcelona/agreement/sign' });
  assert.equal((await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'colleague-ar@example.org'))).length, 2, 'another kind still emails');
});

test('an unsubscribe link works only for its own person and kind', async () => {
  const anonymous = new Client(t.app);
  const victim = await newPerson('victim@example.org', 'en');
  const other = await newPerson('other@example.org', 'en');
  // A token of another person, a forged token, an unknown kind, a bad id: refused with a translated page, never a 500.
  for (const form of [
    { person: victim, kind: 'adhesion-decided', token: unsubscribeToken('wrong secret', other, 'adhesion-decided') },
    { person: victim, kind: 'adhesion-decided', token: 'forged-token-forged-token-forged1' },
    { person: victim, kind: 'nonsense', token: 'x' },
    { person: 'not-a-uuid', kind: 'adhesion-decided', token: 'x' },
  ]) {
    await anonymous.get('/en/notifications/unsubscribe?person=x&kind=adhesion-decided&token=x');
    const response = await anonymous.post('/en/notifications/unsubscribe', form);
    assert.equal(response.status, 400, JSON.stringify(form));
    assert.match(response.body, /This link does not work/);
  }
  assert.equal((await anonymous.get('/en/notifications/unsubscribe?kind=nonsense')).status, 400);
});

test('a daily digest waits a day, then sends one email listing what waited', async () => {
  const db = t.database.db;
  const id = await newPerson('digest@example.org', 'ca');
  const actor: Actor = { personId: id, displayName: 'Person ca', locale: 'ca', grants: [], twoFactorVerified: true };
  const saved = await t.app.inject({ method: 'GET', url: '/ca/notifications/settings', headers: actorHeader(actor) });
  assert.equal(saved.statusCode, 200);
  assert.deepEqual(await savePreferences(db, actor, { 'finding-validated': 'sometimes' }), { ok: false, error: 'invalid', fields: { 'finding-validated': 'notifications.settings.errors.frequency' } });
  assert.ok((await savePreferences(db, actor, { 'finding-validated': 'daily' })).ok);
  await notify(db, { personIds: [id], kind: 'finding-validated', territoryId: null, values: { title: 'Rampa trencada' }, path: '/t/barcelona/audits/findings' });
  await notify(db, { personIds: [id], kind: 'finding-validated', territoryId: null, values: { title: 'Cartells només en castellà' }, path: '/t/barcelona/audits/findings' });
  const count = async () => (await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'digest@example.org'))).length;
  assert.equal(await count(), 0, 'nothing sent at once');
  await sendDigests(db, new Date());
  assert.equal(await count(), 0, 'not before a day');
  await sendDigests(db, new Date(Date.now() + 25 * 3600 * 1000));
  const [digest] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'digest@example.org')).orderBy(desc(mailOutbox.createdAt));
  assert.ok(digest);
  assert.match(digest.subject, /2 avisos nous/);
  assert.match(digest.body, /Rampa trencada[^]*Cartells només en castellà/);
  await sendDigests(db, new Date(Date.now() + 50 * 3600 * 1000));
  assert.equal(await count(), 1, 'each item once');
  assert.equal(unsubscribeToken('s', id, 'finding-validated') === unsubscribeToken('s', id, 'finding-answered'), false);
});

test('notification pages are their owner’s: signed out, they ask to sign in', async () => {
  for (const url of ['/en/notifications', '/en/notifications/settings']) {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 303);
    assert.match(response.headers.location as string, /\/en\/account\/sign-in/);
  }
});

test('a person follows a network from its page and is told of its next meeting', async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const coordinator = await demo('network-coordinator@coproduce.example');
  const [net] = await listNetworks(db, barcelona.id);
  assert.ok(net, 'Barcelona has a network (its demo coordinator coordinates them)');
  const followerId = await newPerson('follower@example.org', 'en');
  const follower: Actor = { personId: followerId, displayName: 'Person en', locale: 'en', grants: [], twoFactorVerified: true };
  const page = await t.app.inject({ url: `/en/t/barcelona/networks/${net.slug}`, headers: actorHeader(follower) });
  assert.match(page.body, /Follow this network/);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const cookie = page.cookies.find((c) => c.name === 'coproduce_csrf')!;
  const followed = await t.app.inject({
    method: 'POST',
    url: '/en/notifications/follow',
    headers: { ...actorHeader(follower), cookie: `${cookie.name}=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, kind: 'network', id: net.id, on: 'yes', back: `/en/t/barcelona/networks/${net.slug}` }).toString(),
  });
  assert.equal(followed.statusCode, 303);
  assert.equal(followed.headers.location, `/en/t/barcelona/networks/${net.slug}`);
  assert.match((await t.app.inject({ url: `/en/t/barcelona/networks/${net.slug}`, headers: actorHeader(follower) })).body, /Stop following this network/);
  const scheduled = await scheduleMeeting(db, coordinator, { networkId: net.id, title: 'Spring plenary', heldOn: '2026-04-15', agenda: 'Everything', workingGroupId: '' });
  assert.ok(scheduled.ok);
  const list = await t.app.inject({ url: '/en/notifications', headers: actorHeader(follower) });
  assert.match(list.body, /meets on 2026-04-15: Spring plenary/);
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'follower@example.org'));
  assert.ok(mail?.subject.includes('Spring plenary'), 'and by email, as chosen');
});

test('followers of a territory are told of its new challenges and network meetings, each as they chose', async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  const member = await demo('organisation-member@coproduce.example');
  const coordinator = await demo('network-coordinator@coproduce.example');
  const [organisation] = await organisationsOf(db, member, ['organisation-admin', 'organisation-member']);
  assert.ok(organisation, 'the demo member acts for an organisation');
  const [net] = await listNetworks(db, barcelona.id);
  assert.ok(net);
  const immediateId = await newPerson('territory-follower@example.org', 'ca');
  const digestId = await newPerson('territory-digest@example.org', 'en');
  const strangerId = await newPerson('not-following@example.org', 'en');
  for (const id of [immediateId, digestId]) {
    const actor: Actor = { personId: id, displayName: 'Follower', locale: 'en', grants: [], twoFactorVerified: true };
    assert.ok((await setFollowing(db, actor, { subjectKind: 'territory', subjectId: barcelona.id, on: true })).ok);
  }
  const digest: Actor = { personId: digestId, displayName: 'Follower', locale: 'en', grants: [], twoFactorVerified: true };
  assert.ok((await savePreferences(db, digest, { 'territory-challenge': 'daily', 'territory-meeting': 'none' })).ok);

  const proposed = await proposeChallenge(db, member, barcelona.id, {
    organisationId: organisation.id,
    title: 'Menjadors escolars sense places',
    description: 'Famílies nouvingudes no troben plaça al menjador escolar.',
    evidence: [{ text: 'Dotze famílies aquest trimestre', source: 'Registre de l’entitat' }],
    districtIds: [],
    areas: ['education'],
  });
  assert.ok(proposed.ok, JSON.stringify(proposed));
  const scheduled = await scheduleMeeting(db, coordinator, { networkId: net.id, title: 'Winter plenary', heldOn: '2026-12-20', agenda: 'Shelter places', workingGroupId: '' });
  assert.ok(scheduled.ok);

  const told = async (id: string) => db.select().from(notification).where(eq(notification.personId, id)).orderBy(notification.createdAt);
  const immediate = await told(immediateId);
  assert.deepEqual(immediate.map((n) => n.kind).sort(), ['territory-challenge', 'territory-meeting']);
  assert.equal(immediate.find((n) => n.kind === 'territory-challenge')!.path, `/challenges/${proposed.value.id}`);
  const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'territory-follower@example.org'));
  assert.equal(mails.length, 2, 'immediate: two emails');
  assert.ok(mails.some((m) => m.locale === 'ca' && m.subject.includes('Nou repte proposat per') && m.subject.includes('Menjadors escolars sense places')), mails.map((m) => m.subject).join(' | '));
  assert.ok(mails.some((m) => m.subject.includes('Winter plenary')));

  const waiting = await told(digestId);
  assert.deepEqual(waiting.map((n) => [n.kind, n.mail]).sort(), [['territory-challenge', 'daily'], ['territory-meeting', 'none']]);
  assert.equal((await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'territory-digest@example.org'))).length, 0, 'daily and none: no email now');
  const list = await t.app.inject({ url: '/en/notifications', headers: actorHeader(digest) });
  assert.match(list.body, /New challenge proposed by [^:]+: Menjadors escolars sense places/);
  assert.equal((await told(strangerId)).length, 0, 'who does not follow is not told');
});
