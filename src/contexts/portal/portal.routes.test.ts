// The portal: the home page and each territory's front page lead into every part; the desk of every demo
// person shows what waits for them, and every link of their desk and menu opens (never 403).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq, like } from 'drizzle-orm';
import { antennaCaseRead, antennaMessage, antennaReport, antennaReportKey } from '../antenna/antenna.schema.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { actorHeader, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';
import { parseXml } from '../../../test/support/xml.ts';
import { locales } from '../../platform/i18n/locales.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { person } from '../identity/identity.schema.ts';
import { grantsFor } from '../identity/roles.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 1_000_000 } });
});
after(async () => t.close());

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

test('the home page says what each territory offers, in every language, and no card says only its kind', async () => {
  for (const locale of locales) {
    const home = await t.app.inject(`/${locale}/`);
    assert.equal(home.statusCode, 200);
    assert.ok(home.body.includes(`href="/${locale}/t/barcelona/antenna"`), `the antenna of Barcelona from /${locale}/`);
    assert.ok(home.body.includes(`href="/${locale}/t/fuenlabrada/audits/join"`), `joining Fuenlabrada's audit network from /${locale}/`);
  }
  const cards = mainOf((await t.app.inject('/en/')).body).split('class="card portal-card"').slice(1);
  assert.equal(cards.length, (await t.app.inject('/api/v1/territories')).json().territories.length);
  for (const card of cards) assert.ok(hrefs(card).length >= 2, `a card with more than its name: ${card.slice(0, 200)}`);
});

test('Barcelona’s portal leads into every part, reporting discrimination first, with its news and a feed', async () => {
  const page = await t.app.inject('/ca/t/barcelona');
  assert.equal(page.statusCode, 200);
  const main = mainOf(page.body);
  const firstEntry = /data-entry="([^"]+)"/.exec(main)?.[1];
  assert.equal(firstEntry, 'antenna', 'report discrimination comes first');
  assert.match(main, /portal-entry--prominent" data-entry="antenna"/);
  for (const path of ['antenna', 'antenna/follow', 'agreement', 'directory', 'challenges', 'audits/join', 'audits', 'diagnosis']) {
    assert.ok(main.includes(`href="/ca/t/barcelona/${path}"`), path);
  }
  assert.match(main, /Explica una discriminació/);
  assert.match(main, /href="\/ca\/t\/barcelona\/news.atom"/);
  // Every way in opens.
  for (const link of hrefs(main).filter((h) => h.startsWith('/ca/t/barcelona/') && !h.endsWith('.atom'))) {
    const response = await t.app.inject(link);
    assert.ok([200, 303].includes(response.statusCode), `${link} answered ${response.statusCode}`);
  }
});

test('a forum’s portal shows what each member municipality offers', async () => {
  const forum = await t.app.inject('/en/t/metropolitan-social-forum');
  assert.equal(forum.statusCode, 200);
  assert.match(forum.body, /What its municipalities share/);
  assert.ok(forum.body.includes('href="/en/t/barcelona/antenna"'));
  assert.ok(forum.body.includes('href="/en/t/terrassa/antenna"'));
});

test('the Atom feed carries the territory’s public news, escaped', async () => {
  const feed = await t.app.inject('/en/t/barcelona/news.atom');
  assert.equal(feed.statusCode, 200);
  assert.match(feed.headers['content-type'] as string, /application\/atom\+xml/);
  assert.match(feed.body, /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="en">/);
  // Read as XML, not by pattern: every entry has what Atom requires, and a title in another language says which.
  const doc = parseXml(feed.body);
  const entryElements = doc.children.filter((c) => c.name === 'entry');
  assert.ok(entryElements.length > 0, 'the demo has public news');
  for (const entry of entryElements) for (const required of ['id', 'title', 'updated', 'link']) assert.ok(entry.children.some((c) => c.name === required), `an entry has its ${required}`);
  const marked = entryElements.map((e) => e.children.find((c) => c.name === 'title')!).filter((title) => title.attributes['xml:lang']);
  assert.ok(marked.length > 0 && marked.every((title) => title.attributes['xml:lang'] !== 'en'), 'titles typed in Catalan or Spanish say so in an English feed');
  const page = await t.app.inject('/en/t/barcelona');
  assert.match(page.body, /<link rel="alternate" type="application\/atom\+xml" href="\/en\/t\/barcelona\/news.atom"/);
  assert.doesNotMatch(feed.body.replace(/<\?xml[^>]*\?>/, '').replace(/<\/?[a-z]+[^>]*>/g, ''), /<|&(?!(lt|gt|amp|quot|apos);)/);
  assert.equal((await t.app.inject('/en/t/atlantis/news.atom')).statusCode, 404);
});

test('signing in lands on the desk; signed out, the desk asks to sign in', async () => {
  assert.match((await t.app.inject('/en/desk')).headers.location as string, /^\/en\/account\/sign-in\?next=%2Fen%2Fdesk/);
  const client = new Client(t.app);
  await client.get('/en/account/sign-in');
  const signedIn = await client.post('/en/account/sign-in', { email: 'auditor@coproduce.example', password: process.env.DEMO_PEOPLE_PASSWORD! });
  assert.equal(signedIn.location, '/en/desk');
  const desk = await client.get('/en/desk');
  assert.equal(desk.status, 200);
  assert.match(desk.body, /Visits to do/);
  assert.match(desk.body, /href="\/en\/desk"/, 'the header links to the desk');
});

async function demoActors(): Promise<{ email: string; actor: Actor }[]> {
  const people = await t.database.db.select().from(person).where(like(person.email, '%@coproduce.example'));
  const out: { email: string; actor: Actor }[] = [];
  for (const p of people) {
    const grants = await grantsFor(t.database.db, p.id);
    out.push({ email: p.email, actor: { personId: p.id, displayName: p.displayName, locale: 'en', grants, twoFactorVerified: true } });
  }
  return out;
}

test('every demo person’s desk and menu links open, with and without a second factor: never a 403 or an error', async () => {
  const actors = await demoActors();
  assert.ok(actors.length >= 14, `found ${actors.length} demo people`);
  for (const { email, actor } of actors) {
    for (const twoFactorVerified of [true, false]) {
      const headers = actorHeader({ ...actor, twoFactorVerified });
      const desk = await t.app.inject({ url: '/en/desk', headers });
      assert.equal(desk.statusCode, 200, `${email}'s desk`);
      const links = [...new Set(hrefs(desk.body).filter((h) => h.startsWith('/en/') && !h.startsWith('/en/account/sign')))];
      for (const link of links) {
        const response = await t.app.inject({ url: link, headers });
        assert.ok(response.statusCode < 400, `${email}${twoFactorVerified ? '' : ' (no second factor)'}: ${link} answered ${response.statusCode}`);
      }
    }
  }
});

test('each role’s desk shows what waits for it', async () => {
  const actors = new Map((await demoActors()).map((a) => [a.email, a.actor]));
  const deskOf = async (email: string) => (await t.app.inject({ url: '/en/desk', headers: actorHeader(actors.get(email)!) })).body;
  assert.match(await deskOf('promoting-group-member@coproduce.example'), /data-task="agreement.adhesions"/);
  assert.match(await deskOf('network-coordinator@coproduce.example'), /data-task="agreement.networkRequests\./);
  assert.match(await deskOf('auditor@coproduce.example'), /data-task="audits.visits"/);
  assert.match(await deskOf('audit-coordinator@coproduce.example'), /data-task="audits.findingsToValidate"/);
  assert.match(await deskOf('service-manager@coproduce.example'), /data-task="audits.findingsToAnswer"/);
  assert.match(await deskOf('case-handler@coproduce.example'), /data-task="antenna.new"/);
  assert.match(await deskOf('board-member@coproduce.example'), /data-task="diagnosis.votes"/);
  // Nobody is offered a page of a role they do not hold.
  const auditor = await deskOf('auditor@coproduce.example');
  for (const path of ['/audits/instruments', '/audits/auditors', '/antenna/cases', '/admin/roles', '/diagnosis/drafts']) assert.ok(!auditor.includes(path), `an auditor is not offered ${path}`);
  // A territory's administrators reach its webhooks from the desk; nobody else is offered them.
  assert.ok((await deskOf('territory-admin@coproduce.example')).includes('/en/admin/webhooks'), 'a territory admin is offered the webhooks');
  assert.ok(!auditor.includes('/admin/webhooks'), 'an auditor is not offered the webhooks');
});

test('a desk shows counts, never a case, its reference or who reported', async () => {
  const actors = new Map((await demoActors()).map((a) => [a.email, a.actor]));
  const handler = (await t.app.inject({ url: '/en/desk', headers: actorHeader(actors.get('case-handler@coproduce.example')!) })).body;
  assert.doesNotMatch(mainOf(handler), /[A-Z0-9]{4}-[A-Z0-9]{4}/, 'no case reference');
  assert.doesNotMatch(mainOf(handler), /\/antenna\/cases\/[A-Z0-9]/, 'no link to one case');
  // Without the second factor the count itself is withheld.
  const locked = (await t.app.inject({ url: '/en/desk', headers: actorHeader({ ...actors.get('case-handler@coproduce.example')!, twoFactorVerified: false }) })).body;
  assert.match(locked, /data-task="antenna.new"[^]*?after the sign-in check/);
  // Someone with no role sees no task of anyone else.
  const stranger = (await t.app.inject({ url: '/en/desk', headers: actorHeader({ grants: [] }) })).body;
  assert.deepEqual([...stranger.matchAll(/data-task="([^"]+)"/g)].map((m) => m[1]), ['notifications.unread'], 'only their own notifications');
  assert.match(stranger, /Nothing is waiting for you/);
});

test('a service manager’s count of findings to answer covers only their services', async () => {
  const actors = new Map((await demoActors()).map((a) => [a.email, a.actor]));
  const count = (html: string, key: string) => Number(new RegExp(`data-task="${key}"[^]*?class="tag">(\\d+)`).exec(html)?.[1] ?? NaN);
  const manager = (await t.app.inject({ url: '/en/desk', headers: actorHeader(actors.get('service-manager@coproduce.example')!) })).body;
  const list = await t.app.inject({ url: '/en/t/barcelona/audits/findings?status=validated', headers: actorHeader(actors.get('service-manager@coproduce.example')!) });
  assert.equal(list.statusCode, 200);
  const shown = (mainOf(list.body).match(/\/audits\/findings\/[0-9a-f-]{36}"/g) ?? []).length;
  assert.equal(count(manager, 'audits.findingsToAnswer'), shown);
});

test('a case handler’s desk counts unread messages, not cases: a reporter’s new message adds one, opening the case clears it', async () => {
  const db = t.database.db;
  const actors = new Map((await demoActors()).map((a) => [a.email, a.actor]));
  const handler = actors.get('case-handler@coproduce.example')!;
  const count = async () => Number(/data-task="antenna.unread"[^]*?class="tag">(\d+)/.exec((await t.app.inject({ url: '/en/desk', headers: actorHeader(handler) })).body)?.[1] ?? NaN);
  // A case sealed to this handler (the demo's handler has not set up a key yet: seal one for the test).
  const [report] = await db.select({ id: antennaReport.id }).from(antennaReport).where(eq(antennaReport.territoryId, (await findTerritory(db, 'barcelona'))!.id)).limit(1);
  assert.ok(report, 'the demo has a case');
  await db.insert(antennaReportKey).values({ reportId: report.id, holderKind: 'handler', holderId: handler.personId, publicKey: 'test', sealedKey: 'test' }).onConflictDoNothing();
  const sealed = { reportId: report.id };
  // Everything up to now read on that case: its earlier messages no longer count.
  await db.insert(antennaCaseRead).values({ reportId: sealed.reportId, personId: handler.personId, readAt: new Date() }).onConflictDoUpdate({ target: [antennaCaseRead.reportId, antennaCaseRead.personId], set: { readAt: new Date() } });
  const before = await count();
  assert.ok(Number.isInteger(before));
  const later = new Date(Date.now() + 60_000);
  await db.insert(antennaMessage).values([
    { reportId: sealed.reportId, author: 'reporter', kind: 'message', cipher: 'x', createdAt: later },
    { reportId: sealed.reportId, author: 'reporter', kind: 'message', cipher: 'y', createdAt: later },
    // A handler's own note is not unread for anyone.
    { reportId: sealed.reportId, author: 'handler', kind: 'note', authorId: handler.personId, cipher: 'z', createdAt: later },
  ]);
  assert.equal(await count(), before + 2, 'two messages on one case count two');
  await db.update(antennaCaseRead).set({ readAt: new Date(later.getTime() + 1000) }).where(and(eq(antennaCaseRead.reportId, sealed.reportId), eq(antennaCaseRead.personId, handler.personId)));
  assert.equal(await count(), before);
  // Another handler, without the case sealed to them, does not count its messages.
  const stranger = { ...handler, personId: '00000000-0000-4000-8000-00000000ab01', displayName: 'Other Handler' };
  const other = (await t.app.inject({ url: '/en/desk', headers: actorHeader(stranger) })).body;
  assert.match(other, /data-task="antenna.unread"[^]*?class="tag">0/);
});
