// An organisation's people through HTTP: an admin invites a colleague by email (a link that works once, for the
// address invited, before it expires; an address without an account goes through sign-up and back), a person asks
// to join and is accepted or declined (both told), people leave or are removed, the last admin stays, and the
// roles pages name the organisation with a link. Every change is in the access log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, desc, eq } from 'drizzle-orm';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import type { Actor } from '../../../platform/auth/permissions.ts';
import { searchAccessLog } from '../../../platform/access-log/access-log.ts';
import { mailOutbox } from '../../../platform/mail/mail.schema.ts';
import { person, roleAssignment } from '../../identity/identity.schema.ts';
import { grantsFor } from '../../identity/roles.service.ts';
import { organisationInvitation } from '../agreement.schema.ts';
import { organisationMembers } from './membership.service.ts';
import { organisationsOf } from './organisation.service.ts';

let t: TestApp;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 1_000_000 } });
  csrf = csrfFrom(await t.app.inject({ url: '/en/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
});
after(async () => t.close());

async function actorFor(email: string): Promise<Actor> {
  const [p] = await t.database.db.select().from(person).where(eq(person.email, email));
  return { personId: p!.id, displayName: p!.displayName, locale: 'en', grants: await grantsFor(t.database.db, p!.id), twoFactorVerified: true };
}
async function newPerson(email: string, name: string, verified = true): Promise<Actor> {
  const [p] = await t.database.db.insert(person).values({ email, displayName: name, locale: 'ca', passwordHash: '!', emailVerifiedAt: verified ? new Date() : null }).returning();
  return { personId: p!.id, displayName: name, locale: 'ca', grants: [], twoFactorVerified: true };
}
const refresh = async (a: Actor): Promise<Actor> => ({ ...a, grants: await grantsFor(t.database.db, a.personId) });
const headers = (a: Actor) => ({ ...actorHeader(a), cookie: csrf.cookie });
const post = (url: string, a: Actor | null, form: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...(a ? headers(a) : { cookie: csrf.cookie }), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...form, _csrf: csrf.token }).toString(),
  });
const linkIn = async (to: string) => {
  const [mail] = await t.database.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(desc(mailOutbox.createdAt));
  assert.ok(mail, `an email to ${to}`);
  const link = /https?:\/\/[^/\s]+(\/\S+\/organisations\/invitation\?token=\S+)/.exec(mail.body)?.[1];
  assert.ok(link, mail.body);
  return { mail, link };
};

test('an admin invites a colleague who has an account: the link works once, for that address, and the colleague appears as member', async () => {
  let admin = await actorFor('organisation-admin@coproduce.example');
  const [org] = await organisationsOf(t.database.db, admin, ['organisation-admin']);
  assert.ok(org, 'the demo admin has an organisation');
  const colleague = await newPerson('colleague@example.org', 'Laia Colleague');
  const stranger = await newPerson('stranger@example.org', 'Stranger Person');

  // Bad input: the reason beside the field, what was typed kept.
  const bad = await post(`/en/organisations/${org.id}/members/invite`, admin, { email: 'not-an-address', role: 'organisation-member' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Enter an email address like name@example.org/);
  assert.match(bad.body, /value="not-an-address"/);
  // Only its admins invite: to anyone else the organisation's people pages do not exist.
  // Only its admins invite; to anyone else its people pages answer as if there were none (403 without any
  // organisation role, 404 for a role elsewhere: never whether this one exists).
  assert.equal((await post(`/en/organisations/${org.id}/members/invite`, stranger, { email: 'x@example.org', role: 'organisation-admin' })).statusCode, 403);
  assert.equal((await t.app.inject({ url: `/en/organisations/${org.id}/members`, headers: headers(stranger) })).statusCode, 403);
  const otherAdmin = await actorFor('organisation-member@coproduce.example');
  assert.equal((await t.app.inject({ url: `/en/organisations/${org.id}/members`, headers: headers(otherAdmin) })).statusCode, 404);

  const invited = await post(`/en/organisations/${org.id}/members/invite`, admin, { email: 'Colleague@Example.org', role: 'organisation-member' });
  assert.equal(invited.statusCode, 303, invited.body.slice(0, 300));
  const { mail, link } = await linkIn('colleague@example.org');
  assert.equal(mail.locale, 'ca', 'in the language of the account');
  assert.ok(mail.subject.includes(org.name));
  assert.ok(mail.secret, 'the link is a secret: the outbox page never shows it');
  // The colleague is told on their desk too (the email already carries the link).
  const notifications = await t.app.inject({ url: '/en/notifications', headers: headers(colleague) });
  assert.ok(notifications.body.includes(`You are invited to join ${org.name.replaceAll('&', '&amp;')}`));

  // Signed out, the link offers to sign in or to create an account, and comes back.
  const open = await t.app.inject(link);
  assert.equal(open.statusCode, 200);
  assert.match(open.body, /account\/sign-up\?next=%2Fca%2Forganisations%2Finvitation%3Ftoken%3D/);
  // Another account cannot use it.
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  const wrong = await post('/en/organisations/invitation', stranger, { token });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /sent to another email address/);

  const accepted = await post('/en/organisations/invitation', colleague, { token });
  assert.equal(accepted.statusCode, 303);
  assert.equal(accepted.headers.location, `/en/organisations/${org.id}?notice=memberJoined`);
  const members = await organisationMembers(t.database.db, org.id);
  assert.ok(members.some((m) => m.personId === colleague.personId && m.role === 'organisation-member'));
  const page = await t.app.inject({ url: `/en/organisations/${org.id}/members`, headers: headers(await refresh(colleague)) });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /data-member="Laia Colleague"[^]*?member/);
  // Used once: the same link opens nothing now.
  assert.equal((await t.app.inject(link)).statusCode, 404);
  assert.equal((await post('/en/organisations/invitation', colleague, { token })).statusCode, 400);

  admin = await refresh(admin);
  const log = await searchAccessLog(t.database.db, { action: 'agreement.organisation.invitation.accept' }, 'all', { limit: 50 });
  assert.ok(log.some((e) => e.actorId === colleague.personId));
  assert.ok((await searchAccessLog(t.database.db, { action: 'agreement.organisation.invitation.create' }, 'all', { limit: 50 })).some((e) => e.actorId === admin.personId));
});

test('an invitation to an address without an account leads to sign-up and then to the organisation; an old one opens nothing', async () => {
  const admin = await actorFor('organisation-admin@coproduce.example');
  const [org] = await organisationsOf(t.database.db, admin, ['organisation-admin']);
  assert.equal((await post(`/en/organisations/${org!.id}/members/invite`, admin, { email: 'newcomer@example.org', role: 'organisation-admin' })).statusCode, 303);
  const { link, mail } = await linkIn('newcomer@example.org');
  assert.equal(mail.locale, 'en', 'the inviter’s language when there is no account');
  const next = new URL(link, 'http://x').pathname + new URL(link, 'http://x').search;

  // Sign up with next: the confirmation email carries it; confirming leads to signing in and back to the invitation.
  const form = await t.app.inject(`/en/account/sign-up?next=${encodeURIComponent(next)}`);
  assert.ok(form.body.includes(`name="next" value="${next.replaceAll('&', '&amp;')}"`));
  const signUpCsrf = csrfFrom(form);
  const signedUp = await t.app.inject({
    method: 'POST',
    url: '/en/account/sign-up',
    headers: { cookie: signUpCsrf.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: signUpCsrf.token, displayName: 'Nora Newcomer', email: 'newcomer@example.org', password: 'a long and unusual passphrase 42', terms: 'yes', next }).toString(),
  });
  assert.equal(signedUp.statusCode, 303, signedUp.body.slice(0, 300));
  const [verify] = await t.database.db.select().from(mailOutbox).where(and(eq(mailOutbox.toAddress, 'newcomer@example.org'))).orderBy(desc(mailOutbox.createdAt));
  const verifyLink = /https?:\/\/[^/\s]+(\/en\/account\/verify\?\S+)/.exec(verify!.body)?.[1];
  assert.ok(verifyLink, verify!.body);
  const confirmed = await t.app.inject(verifyLink);
  assert.equal(confirmed.statusCode, 200);
  assert.ok(confirmed.body.includes(`/en/account/sign-in?next=${encodeURIComponent(next)}`), 'continue: sign in, then the invitation');

  const newcomer = await actorFor('newcomer@example.org');
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  assert.equal((await post('/en/organisations/invitation', newcomer, { token })).statusCode, 303);
  assert.ok((await organisationMembers(t.database.db, org!.id)).some((m) => m.personId === newcomer.personId && m.role === 'organisation-admin'));

  // Expired: nothing.
  assert.equal((await post(`/en/organisations/${org!.id}/members/invite`, admin, { email: 'late@example.org', role: 'organisation-member' })).statusCode, 303);
  const late = await linkIn('late@example.org');
  await t.database.db.update(organisationInvitation).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(organisationInvitation.email, 'late@example.org'));
  assert.equal((await t.app.inject(late.link)).statusCode, 404);
});

test('a person asks to join, the admins are told and accept or decline, the person is told; the last admin cannot leave', async () => {
  const db = t.database.db;
  const member = await actorFor('organisation-member@coproduce.example');
  const [org] = await organisationsOf(db, member, ['organisation-member', 'organisation-admin']);
  assert.ok(org);
  const admins = (await organisationMembers(db, org.id)).filter((m) => m.role === 'organisation-admin');
  assert.equal(admins.length, 0, 'the demo member’s organisation has no admin yet');
  const first = await newPerson('first-admin@example.org', 'First Admin');
  await db.insert(roleAssignment).values({ personId: first.personId, role: 'organisation-admin', scopeKind: 'organisation', scopeId: org.id, reason: 'test' });
  const admin = await refresh(first);
  const asker = await newPerson('asker@example.org', 'Asker Person');
  const decline = await newPerson('declined@example.org', 'Declined Person');

  const page = await t.app.inject({ url: `/en/organisations/${org.id}`, headers: headers(asker) });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /action="\/en\/organisations\/[^"]+\/join"/);
  assert.equal((await post(`/en/organisations/${org.id}/join`, asker, { message: 'I volunteer on Tuesdays' })).statusCode, 303);
  assert.equal((await post(`/en/organisations/${org.id}/join`, decline, {})).statusCode, 303);
  // Twice: the reason beside the field.
  const twice = await post(`/en/organisations/${org.id}/join`, asker, {});
  assert.equal(twice.statusCode, 303);
  assert.match((await t.app.inject({ url: twice.headers.location as string, headers: headers(asker) })).body, /Your request is waiting for an answer/);

  // Its admin is told, sees the requests and answers them.
  const notified = await t.app.inject({ url: '/en/notifications', headers: headers(admin) });
  assert.match(notified.body, /Asker Person asks to join/);
  const members = await t.app.inject({ url: `/en/organisations/${org.id}/members`, headers: headers(admin) });
  assert.match(members.body, /I volunteer on Tuesdays/);
  const ids = [...members.body.matchAll(/members\/requests\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
  assert.equal(new Set(ids).size, 2);
  const askerRequest = ids[members.body.indexOf('Asker Person') < members.body.indexOf('Declined Person') ? 0 : ids.length - 1]!;
  const otherRequest = ids.find((id) => id !== askerRequest)!;
  assert.equal((await post(`/en/organisations/${org.id}/members/requests/${askerRequest}`, admin, { decision: 'accept' })).statusCode, 303);
  assert.equal((await post(`/en/organisations/${org.id}/members/requests/${otherRequest}`, admin, { decision: 'decline' })).statusCode, 303);
  const people = await organisationMembers(db, org.id);
  assert.ok(people.some((m) => m.personId === asker.personId));
  assert.ok(!people.some((m) => m.personId === decline.personId));
  assert.match((await t.app.inject({ url: '/en/notifications', headers: headers(asker) })).body, /You are now a member of/);
  assert.match((await t.app.inject({ url: '/en/notifications', headers: headers(decline) })).body, /declined your request to join/);

  // The last admin cannot leave nor become a member; with a second admin they can.
  const onlyAdmins = (await organisationMembers(db, org.id)).filter((m) => m.role === 'organisation-admin');
  for (const extra of onlyAdmins.slice(1)) await post(`/en/organisations/${org.id}/members/${extra.personId}/remove`, admin);
  const refused = await post(`/en/organisations/${org.id}/members/leave`, admin);
  assert.equal(refused.headers.location, `/en/organisations/${org.id}/members?problem=last-admin`);
  assert.match((await t.app.inject({ url: refused.headers.location as string, headers: headers(admin) })).body, /needs another admin first/);
  assert.equal((await post(`/en/organisations/${org.id}/members/${asker.personId}/role`, admin, { role: 'organisation-admin' })).statusCode, 303);
  assert.equal((await post(`/en/organisations/${org.id}/members/leave`, admin)).statusCode, 303);
  assert.ok(!(await organisationMembers(db, org.id)).some((m) => m.personId === admin.personId));
  // The new admin removes a member; the member is gone, and it is logged.
  const newAdmin = await refresh(asker);
  assert.equal((await post(`/en/organisations/${org.id}/members/${member.personId}/remove`, newAdmin)).statusCode, 303);
  assert.ok(!(await organisationMembers(db, org.id)).some((m) => m.personId === member.personId));
  for (const action of ['agreement.organisation.joinRequest.accept', 'agreement.organisation.joinRequest.decline', 'agreement.organisation.member.leave', 'agreement.organisation.member.remove', 'agreement.organisation.member.role']) {
    assert.ok((await searchAccessLog(db, { action }, 'all', { limit: 5 })).length > 0, action);
  }
});

test('the roles pages name the organisation with a link, never its id', async () => {
  const admin = await actorFor('organisation-admin@coproduce.example');
  const [org] = await organisationsOf(t.database.db, admin, ['organisation-admin']);
  const account = await t.app.inject({ url: '/ca/account', headers: headers(admin) });
  // Named as registered, marked with the language of its territory (Catalan here).
  assert.ok(account.body.includes(`href="/ca/organisations/${org!.id}" lang="ca" dir="auto">${org!.name.replaceAll('&', '&amp;')}</a>`), 'the account page links the organisation');
  const platformAdmin = await actorFor('admin@coproduce.example');
  const roles = await t.app.inject({ url: '/ca/admin/roles', headers: headers(platformAdmin) });
  assert.equal(roles.statusCode, 200);
  const visible = roles.body.replace(/<[^>]+>/g, ' ');
  assert.doesNotMatch(visible, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, 'no id in the text');
  assert.ok(roles.body.includes(`<a href="/ca/organisations/${org!.id}">`));
});
