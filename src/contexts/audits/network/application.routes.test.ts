// An application to the audit network after it is sent, through HTTP: the emailed single-use link that ties a
// signed-out enrolment to an account (and never to a second one), the coordinators' decisions with the person
// told in their language, another territory's coordinator refused, and assignment refused until training.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, isNull } from 'drizzle-orm';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { lastMailTo, linkIn } from '../../../../test/support/client.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { accessLog } from '../../../platform/access-log/access-log.schema.ts';
import { roleAssignment } from '../../identity/identity.schema.ts';
import { notification } from '../../notifications/notification.schema.ts';
import { auditor, campaign, campaignAuditor } from '../audit.schema.ts';
import { demoPeople } from '../audits.seed.ts';
import { mayDecide } from './application.service.ts';

let t: TestApp;
let barcelona: string;
let fuenlabrada: string;
let coordinator: Record<string, string>;
let otherCoordinator: Record<string, string>;
const rosa = actorHeader({ personId: '0000e000-0000-4000-8000-000000000001', displayName: 'Rosa Vidal', locale: 'es', grants: [] });
const intruder = actorHeader({ personId: '0000e000-0000-4000-8000-000000000002', displayName: 'Someone else', locale: 'es', grants: [] });
const suffix = Math.random().toString(36).slice(2, 8);

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  fuenlabrada = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
  coordinator = actorHeader({ personId: demoPeople.coordinator, locale: 'es', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: barcelona } }] });
  otherCoordinator = actorHeader({ personId: '0000e000-0000-4000-8000-0000000000b0', locale: 'es', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: fuenlabrada } }] });
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, payload: Record<string, string | string[]>, formPage = url) {
  const page = await t.app.inject({ url: formPage, headers });
  const { token, cookie } = csrfFrom(page);
  const existing = headers.cookie ? `${headers.cookie}; ` : '';
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie: `${existing}${cookie}` }, payload: { _csrf: token, ...payload } });
}

/** Goes through every step of the public enrolment (as `who`: signed out when empty) and sends it. */
async function enrol(locale: string, who: Record<string, string>, name: string, email: string) {
  const base = `/${locale}/t/barcelona/audits/join`;
  const first = await post(`${base}/name`, who, { name });
  const jar = { ...who, cookie: `coproduce_enrol=${first.cookies.find((c) => c.name === 'coproduce_enrol')!.value}` };
  for (const [step, body] of [
    ['contact', { email, phone: '' }],
    ['languages', { languages: ['es', 'ar'] }],
    ['via', { via: 'self' }],
    ['motivation', { motivation: 'Quiero ayudar' }],
    ['consent', { consent: '1' }],
  ] as const) {
    assert.equal((await post(`${base}/${step}`, jar, body as Record<string, string | string[]>)).statusCode, 303, step);
  }
  const check = await t.app.inject({ url: `${base}/check`, headers: jar });
  const sent = await post(`${base}/check`, jar, {});
  assert.equal(sent.statusCode, 303);
  const [row] = await t.database.db.select().from(auditor).where(eq(auditor.email, email));
  return { check: check.body, location: String(sent.headers.location), row: row as typeof auditor.$inferSelect };
}

async function decide(headers: Record<string, string>, slug: string, auditorId: string, payload: Record<string, string>) {
  return post(`/es/t/${slug}/audits/auditors/${auditorId}/decision`, headers, payload, '/es/t/barcelona/audits/join/name');
}

test('which decisions each state allows', () => {
  assert.ok(mayDecide('applied', 'declined'));
  assert.ok(mayDecide('more-information', 'accepted'));
  assert.ok(!mayDecide('declined', 'accepted'));
  assert.ok(!mayDecide('accepted', 'declined'));
  assert.ok(mayDecide('accepted', 'left'));
});

test('signed out: the email carries a single-use link that ties the application to the account that opens it, and to no other', async () => {
  const email = `rosa-${suffix}@example.org`;
  const { check, location, row } = await enrol('es', {}, 'Rosa Vidal', email);
  assert.match(check, new RegExp(`Te enviaremos un correo a ${email}`));
  assert.match(location, /done\?code=A-\d{3}&sent=1$/);
  assert.match((await t.app.inject(location)).body, /Mira tu correo: te hemos enviado un enlace/);
  assert.equal(row.personId, null);
  assert.equal(row.locale, 'es');
  const mail = await lastMailTo(t.app, email);
  assert.ok(mail, 'an email to the applicant');
  assert.equal(mail.locale, 'es');
  assert.match(mail.subject, /Tu solicitud a la Red de Auditoría Ciudadana de Barcelona/);
  const link = linkIn(mail.body);
  assert.match(link, /^\/es\/t\/barcelona\/audits\/join\/link\?token=[A-Za-z0-9_-]{40,}$/);
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  // Only a keyed hash is stored.
  assert.ok(row.linkTokenHash && row.linkTokenHash !== token && !row.linkTokenHash.includes(token));
  assert.ok(row.linkExpiresAt! > new Date(Date.now() + 13 * 24 * 3600_000));

  // Signed out, the link offers sign-up and sign-in that come back to it.
  const open = await t.app.inject(link);
  assert.equal(open.statusCode, 200);
  assert.match(open.body, new RegExp(`/es/account/sign-up\\?next=${encodeURIComponent(link).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const anonymous = await post('/es/t/barcelona/audits/join/link', {}, { token }, '/es/t/barcelona/audits/join/name');
  assert.ok([303, 401, 403].includes(anonymous.statusCode));
  assert.equal((await t.database.db.select().from(auditor).where(eq(auditor.id, row.id)))[0]!.personId, null);

  // A made-up secret opens nothing.
  assert.equal((await post('/es/t/barcelona/audits/join/link', rosa, { token: 'x'.repeat(43) }, link)).statusCode, 404);

  const linked = await post('/es/t/barcelona/audits/join/link', rosa, { token }, link);
  assert.equal(linked.statusCode, 303);
  assert.equal(linked.headers.location, '/es/t/barcelona/audits/application?linked=1');
  const after = (await t.database.db.select().from(auditor).where(eq(auditor.id, row.id)))[0]!;
  assert.equal(after.personId, '0000e000-0000-4000-8000-000000000001');
  assert.equal(after.linkTokenHash, null);
  const page = await t.app.inject({ url: '/es/t/barcelona/audits/application', headers: rosa });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /data-application-state="applied"/);
  assert.match(page.body, new RegExp(after.codeName));

  // Attack: a second person with the same link, after it was used.
  assert.equal((await t.app.inject({ url: link, headers: intruder })).statusCode, 404);
  const stolen = await post('/es/t/barcelona/audits/join/link', intruder, { token }, '/es/t/barcelona/audits/join/name');
  assert.equal(stolen.statusCode, 404);
  assert.doesNotMatch(stolen.body, /Rosa/);
  assert.equal((await t.database.db.select().from(auditor).where(eq(auditor.id, row.id)))[0]!.personId, '0000e000-0000-4000-8000-000000000001');
  assert.equal((await t.app.inject({ url: '/es/t/barcelona/audits/application', headers: intruder })).statusCode, 404);
  const logged = await t.database.db.select().from(accessLog).where(and(eq(accessLog.action, 'audits.application.link'), eq(accessLog.recordId, row.id)));
  assert.equal(logged.length, 1);
});

test('coordinators ask for more, then accept: each step logged and told to the person; another territory’s coordinator cannot decide', async () => {
  const [row] = await t.database.db.select().from(auditor).where(eq(auditor.personId, '0000e000-0000-4000-8000-000000000001'));
  assert.ok(row);
  // Attack: territory B's coordinator, on A's page (403) and on B's own (404); nothing changes.
  assert.equal((await decide(otherCoordinator, 'barcelona', row.id, { decision: 'accepted' })).statusCode, 403);
  assert.equal((await decide(otherCoordinator, 'fuenlabrada', row.id, { decision: 'accepted' })).statusCode, 404);
  assert.equal((await t.database.db.select().from(auditor).where(eq(auditor.id, row.id)))[0]!.status, 'applied');

  // A question needs its text: refused beside the field, the choice kept.
  const empty = await decide(coordinator, 'barcelona', row.id, { [`decision-${row.id}`]: 'more-information', [`message-${row.id}`]: '  ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Escribe qué quieres saber/);
  const none = await decide(coordinator, 'barcelona', row.id, { [`message-${row.id}`]: '¿Qué días puedes?' });
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /Elige no aceptarla o pedir más información/);
  assert.match(none.body, /¿Qué días puedes\?/);

  const asked = await decide(coordinator, 'barcelona', row.id, { [`decision-${row.id}`]: 'more-information', [`message-${row.id}`]: '¿Qué días de la semana puedes hacer visitas?' });
  assert.equal(asked.statusCode, 303);
  const page = await t.app.inject({ url: '/es/t/barcelona/audits/application', headers: rosa });
  assert.match(page.body, /data-application-state="more-information"/);
  assert.match(page.body, /¿Qué días de la semana puedes hacer visitas\?/);
  const told = await t.database.db.select().from(notification).where(eq(notification.personId, row.personId!));
  assert.deepEqual(told.map((n) => n.kind), ['audit-application-more-information']);
  const desk = await t.app.inject({ url: '/es/desk', headers: rosa });
  assert.match(desk.body, /la coordinación te pregunta algo/);

  // The applicant answers on their page: an empty answer is refused beside the field; then it waits again.
  const blank = await post('/es/t/barcelona/audits/application/answer', rosa, { answer: ' ' }, '/es/t/barcelona/audits/application');
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /Escribe tu respuesta/);
  const answered = await post('/es/t/barcelona/audits/application/answer', rosa, { answer: 'Los martes y los jueves' }, '/es/t/barcelona/audits/application');
  assert.equal(answered.statusCode, 303);
  const waiting = (await t.database.db.select().from(auditor).where(eq(auditor.id, row.id)))[0]!;
  assert.equal(waiting.status, 'applied');
  assert.match(waiting.motivation, /Los martes y los jueves$/);
  // Nobody else answers for them.
  assert.equal((await post('/es/t/barcelona/audits/application/answer', intruder, { answer: 'x' }, '/es/t/barcelona/audits/join/name')).statusCode, 404);

  const accepted = await decide(coordinator, 'barcelona', row.id, { decision: 'accepted' });
  assert.equal(accepted.statusCode, 303);
  const roles = await t.database.db.select().from(roleAssignment).where(and(eq(roleAssignment.personId, row.personId!), eq(roleAssignment.role, 'auditor'), isNull(roleAssignment.revokedAt)));
  assert.equal(roles.length, 1, 'the accepted person holds the auditor role in the territory');
  assert.equal(roles[0]!.scopeId, barcelona);
  assert.ok((await t.database.db.select().from(notification).where(eq(notification.personId, row.personId!))).some((n) => n.kind === 'audit-application-accepted'));
  // A decided application is not decided again.
  assert.equal((await decide(coordinator, 'barcelona', row.id, { [`decision-${row.id}`]: 'declined', [`message-${row.id}`]: 'No' })).statusCode, 400);
  const logged = await t.database.db.select().from(accessLog).where(eq(accessLog.recordId, row.id));
  assert.ok(logged.some((e) => e.action === 'audits.auditor.more-information' && e.actorId === demoPeople.coordinator));
  assert.ok(logged.some((e) => e.action === 'audits.auditor.accepted'));
});

test('assignment is refused until the training is recorded, and the list says who is not yet trained', async () => {
  const [row] = await t.database.db.select().from(auditor).where(eq(auditor.personId, '0000e000-0000-4000-8000-000000000001'));
  const [demo] = await t.database.db.select().from(campaign).where(eq(campaign.territoryId, barcelona));
  assert.equal(demo!.trainingRequired, true, 'on by default');
  const url = `/es/t/barcelona/audits/campaigns/${demo!.id}`;
  const plan = await t.app.inject({ url, headers: coordinator });
  assert.match(plan.body, new RegExp(`${row!.codeName} \\(es, ar\\)[\\s\\S]{0,400}Aún sin formación`));
  const refused = await post(`${url}/auditors`, coordinator, { auditorIds: [row!.id] }, url);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Algunas de las personas elegidas aún no tienen ninguna formación registrada/);
  assert.match(refused.body, /Aún sin formación: no se puede asignar/);
  assert.equal((await t.database.db.select().from(campaignAuditor).where(eq(campaignAuditor.auditorId, row!.id))).length, 0);

  const trained = await post('/es/t/barcelona/audits/trainings', coordinator, { title: 'Formación de bienvenida', heldOn: '2026-01-20', auditorIds: [row!.id] }, '/es/t/barcelona/audits/auditors');
  assert.equal(trained.statusCode, 303);
  assert.equal((await post(`${url}/auditors`, coordinator, { auditorIds: [row!.id] }, url)).statusCode, 303);
  assert.equal((await t.database.db.select().from(campaignAuditor).where(eq(campaignAuditor.auditorId, row!.id))).length, 1);

  // Turned off, an untrained auditor may be assigned.
  assert.equal((await post(`${url}/training`, coordinator, {}, url)).statusCode, 303);
  assert.equal((await t.database.db.select().from(campaign).where(eq(campaign.id, demo!.id)))[0]!.trainingRequired, false);
  assert.equal((await post(`${url}/training`, coordinator, { trainingRequired: '1' }, url)).statusCode, 303);
  assert.equal((await t.database.db.select().from(campaign).where(eq(campaign.id, demo!.id)))[0]!.trainingRequired, true);
});

test('a refusal with a reason reaches a person without an account by email, in the language they enrolled in', async () => {
  const email = `karim-${suffix}@example.org`;
  const { row } = await enrol('ar', {}, 'Karim', email);
  const first = linkIn((await lastMailTo(t.app, email))!.body);
  const noReason = await decide(coordinator, 'barcelona', row.id, { [`decision-${row.id}`]: 'declined', [`message-${row.id}`]: '' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /Escribe el motivo: la persona lo leerá/);
  const declined = await decide(coordinator, 'barcelona', row.id, { [`decision-${row.id}`]: 'declined', [`message-${row.id}`]: 'La red está completa este año' });
  assert.equal(declined.statusCode, 303);
  const mail = await lastMailTo(t.app, email);
  assert.equal(mail!.locale, 'ar');
  assert.match(mail!.body, /لم يقبل المنسقون طلبك/);
  assert.match(mail!.body, /La red está completa este año/);
  // The decision's email carries a fresh link (the first one stops working), to read it with an account.
  const fresh = linkIn(mail!.body);
  assert.match(fresh, /\/ar\/t\/barcelona\/audits\/join\/link\?token=/);
  assert.equal((await t.app.inject(fresh)).statusCode, 200);
  assert.notEqual(fresh, first);
  assert.equal((await t.app.inject(first)).statusCode, 404);
  const [after] = await t.database.db.select().from(auditor).where(eq(auditor.id, row.id));
  assert.equal(after!.status, 'declined');
  assert.equal(after!.decisionMessage, 'La red está completa este año');
});

test('signed in, the application is the account’s at once, with no link to send', async () => {
  const person = actorHeader({ personId: '0000e000-0000-4000-8000-000000000003', displayName: 'Lu', locale: 'en', grants: [] });
  const email = `lu-${suffix}@example.org`;
  const { check, location, row } = await enrol('en', person, 'Lu', email);
  assert.match(check, /linked to the account you are signed in with/);
  assert.doesNotMatch(location, /sent=1/);
  assert.equal(row.personId, '0000e000-0000-4000-8000-000000000003');
  assert.equal(row.linkTokenHash, null);
  assert.equal(await lastMailTo(t.app, email), null);
  // A second application from the same account goes to the first.
  const again = await enrol('en', person, 'Lu', `lu2-${suffix}@example.org`);
  assert.equal(again.location, '/en/t/barcelona/audits/application');
  assert.equal(again.row, undefined);
});

test('accepted before having an account: the acceptance email’s link gives the auditor role once linked', async () => {
  const email = `mei-${suffix}@example.org`;
  const { row } = await enrol('es', {}, 'Mei', email);
  assert.equal((await decide(coordinator, 'barcelona', row.id, { decision: 'accepted' })).statusCode, 303);
  const mail = await lastMailTo(t.app, email);
  assert.match(mail!.subject, /Ya formas parte de la Red de Auditoría Ciudadana de Barcelona/);
  const link = linkIn(mail!.body);
  const token = new URL(link, 'http://x').searchParams.get('token')!;
  const mei = actorHeader({ personId: '0000e000-0000-4000-8000-000000000004', displayName: 'Mei', locale: 'es', grants: [] });
  assert.equal((await post('/es/t/barcelona/audits/join/link', mei, { token }, '/es/t/barcelona/audits/join/name')).statusCode, 303);
  const roles = await t.database.db.select().from(roleAssignment).where(and(eq(roleAssignment.personId, '0000e000-0000-4000-8000-000000000004'), eq(roleAssignment.role, 'auditor'), isNull(roleAssignment.revokedAt)));
  assert.equal(roles.length, 1);
  assert.match((await t.app.inject({ url: '/es/t/barcelona/audits/application', headers: mei })).body, /data-application-state="accepted"/);
});
