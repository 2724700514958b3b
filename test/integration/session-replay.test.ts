// Issue 13, finding 11, attacked: a real session of a case handler (who also holds the roles behind the
// recovery key, the outbox and research extracts) is made old in the database — idle beyond the territory's
// setting, second step older than its window — and replayed, cookies and all. Every page refuses it (to the
// sign-in or to the second step) and serves none of its content; the same session fresh is served.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Client, type Page } from '../support/client.ts';
import { Browser, fillReport, sendReport, simpleAnswers } from '../support/antenna.ts';
import { roleAssignment, session } from '../../src/contexts/identity/identity.schema.ts';
import { sessionCookie, sessionState } from '../../src/contexts/identity/identity.service.ts';
import { confirmTwoFactorSetup, startTwoFactorSetup } from '../../src/contexts/identity/two-factor.service.ts';
import { currentTotp } from '../../src/contexts/identity/totp.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { mailOutbox } from '../../src/platform/mail/mail.schema.ts';
import { territory } from '../../src/contexts/territories/territory.schema.ts';

let t: TestApp;
let handler: Client;
let sessionId: string;
let reference: string;
let saved: typeof session.$inferSelect;
/** The session cookie as it was stolen: a refusal clears it in the browser, an attacker sends it again. */
let stolen: Map<string, string>;
const password = process.env.DEMO_PEOPLE_PASSWORD!;
const story = 'Al taulell em van dir que tornés amb un traductor propi, tres vegades seguides.';
const outboxRecipient = 'replay-witness@example.org';

before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  handler = new Client(t.app);
  await handler.signIn('case-handler@coproduce.example', password);
  const first = (await sessionState(db, handler.cookies.get(sessionCookie)!))!;
  sessionId = first.sessionId;
  // The same person also administers the territory, the platform and does research: one session, four doors.
  for (const [role, scopeKind, scopeId] of [
    ['territory-admin', 'territory', barcelona.id],
    ['platform-admin', 'platform', null],
    ['researcher', 'territory', barcelona.id],
  ] as const) {
    await db.insert(roleAssignment).values({ personId: first.person.id, role, scopeKind, scopeId, reason: 'session replay test' });
  }
  const setup = await startTwoFactorSetup(db, first.actor);
  assert.ok(setup.ok);
  assert.ok((await confirmTwoFactorSetup(db, first.actor, sessionId, { code: currentTotp(setup.value.secret.replace(/\s+/g, '')) })).ok);
  // The handler's case key, then a report sealed to it by the real intake.
  const key = await handler.post('/en/t/barcelona/antenna/cases/key', { password }, { from: '/en/t/barcelona/antenna/cases/key' });
  assert.equal(key.status, 303, key.body.slice(0, 300));
  const reporter = new Browser(t.app);
  await sendReport(reporter, 'ca', 'barcelona', await fillReport(reporter, 'ca', 'barcelona', simpleAnswers(story)));
  const queue = await handler.get('/en/t/barcelona/antenna/cases?sort=received&dir=desc');
  assert.equal(queue.status, 200);
  reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(queue.body)![1]!;
  await db.insert(mailOutbox).values({ toAddress: outboxRecipient, locale: 'en', subject: 'Replay witness subject', body: 'Nothing secret' });
});
after(async () => t.close());

interface Door {
  name: string;
  open(c: Client): Promise<Page>;
  /** Text that only a served page shows. */
  content: RegExp;
}

const doors: Door[] = [
  { name: 'a case page', open: (c) => c.get(`/en/t/barcelona/antenna/cases/${reference}`), content: new RegExp(story.slice(0, 30)) },
  { name: 'the recovery-key page', open: (c) => c.get('/en/t/barcelona/antenna/recovery'), content: /name="_csrf"[\s\S]*recovery/i },
  { name: 'the outbox', open: (c) => c.get('/en/admin/outbox'), content: new RegExp(outboxRecipient) },
  { name: 'the research extract page', open: (c) => c.get('/en/t/barcelona/diagnosis/research'), content: /name="reason"/ },
];

/** Puts the session row back as it was saved, with its timestamps moved into the past. */
async function age(saved: typeof session.$inferSelect, lastSeenMinutes: number, twoFactorMinutes: number) {
  const db = t.database.db;
  await db.delete(session).where(eq(session.id, saved.id));
  for (const [name, value] of stolen) handler.cookies.set(name, value);
  await db.insert(session).values({ ...saved, lastSeenAt: sql`now() - make_interval(mins => ${lastSeenMinutes})`, twoFactorAt: sql`now() - make_interval(mins => ${twoFactorMinutes})` } as never);
}

test('the session fresh opens every door (so the refusals below mean something)', async () => {
  for (const door of doors) {
    const page = await door.open(handler);
    assert.equal(page.status, 200, `${door.name}: ${page.status} ${page.location ?? ''}`);
    assert.match(page.body, door.content, door.name);
  }
  const extract = await handler.post('/en/t/barcelona/diagnosis/research', { reason: 'Study of language barriers in municipal services, approved protocol 12/2026.' }, { from: '/en/t/barcelona/diagnosis/research' });
  assert.equal(extract.status, 200, extract.body.slice(0, 300));
  assert.match(String(extract.headers['content-disposition']), /attachment/);
  // Kept as they are now, to be put back (the row aged) before each replay below: each door is tried on its own.
  stolen = new Map(handler.cookies);
  const [row] = await t.database.db.select().from(session).where(eq(session.id, sessionId));
  assert.ok(row);
  saved = row;
});

test('replayed after the idle period and the second-step window, every door refuses and shows nothing', async () => {
  const db = t.database.db;
  for (const door of doors) {
    await age(saved, 31, 45);
    const page = await door.open(handler);
    assert.equal(page.status, 303, `${door.name} answered ${page.status}`);
    assert.match(page.location ?? '', /^\/en\/account\/(sign-in|two-factor)\?next=/, door.name);
    assert.doesNotMatch(page.body, door.content, `${door.name} leaked its content`);
    const [left] = await db.select({ id: session.id }).from(session).where(eq(session.id, sessionId));
    assert.equal(left, undefined, `${door.name}: the idle session is ended, not renewed`);
  }
  await age(saved, 31, 45);
  const extract = await handler.post('/en/t/barcelona/diagnosis/research', { reason: 'Study of language barriers in municipal services, approved protocol 12/2026.' });
  assert.notEqual(extract.status, 200);
  assert.equal(extract.headers['content-disposition'], undefined, 'no extract served');
});

test('replayed within the idle period but after the second-step window, the sensitive doors ask for the second step', async () => {
  for (const door of doors) {
    await age(saved, 5, 16);
    const page = await door.open(handler);
    assert.equal(page.status, 303, `${door.name} answered ${page.status}`);
    assert.match(page.location ?? '', /^\/en\/account\/two-factor\?next=/, door.name);
    assert.doesNotMatch(page.body, door.content, `${door.name} leaked its content`);
  }
});

test('the idle period is the territory’s: at 10 minutes, 12 idle minutes end the session', async () => {
  const db = t.database.db;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  await db.update(territory).set({ settings: { ...barcelona.settings, sensitiveSessionIdleMinutes: 10 } }).where(eq(territory.id, barcelona.id));
  try {
    await age(saved, 12, 1);
    const page = await doors[0]!.open(handler);
    assert.match(page.location ?? '', /^\/en\/account\/sign-in\?next=/);
    await age(saved, 8, 1);
    assert.equal((await doors[0]!.open(handler)).status, 200);
  } finally {
    await db.update(territory).set({ settings: barcelona.settings }).where(eq(territory.id, barcelona.id));
  }
});
