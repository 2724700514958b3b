// Two integrators on the demo: an auditor's app fills and sends a visit through the API, and a council's
// case-management system reads the case queue (never a narrative) and moves cases along. Tried as the wrong
// people: another auditor's visit, a token without the scope, an organisation member, a forged cursor.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { person } from '../../src/contexts/identity/identity.schema.ts';
import { createPersonalToken } from '../../src/contexts/identity/tokens/token.service.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { scheduleVisit } from '../../src/contexts/audits/campaigns/campaign.service.ts';
import { auditor, campaign, visit } from '../../src/contexts/audits/audit.schema.ts';

let t: TestApp;
let barcelonaId: string;
before(async () => {
  t = await createTestApp({ template: 'demo', config: { rateLimitPerMinute: 10_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => t.close());

async function tokenOf(email: string, scopes: string[]): Promise<string> {
  const [who] = await t.database.db.select().from(person).where(eq(person.email, email));
  assert.ok(who, email);
  // The person has set up two-step sign-in and made the token in such a session (sensitive scopes need it).
  if (!who.totpSecret) await t.database.db.update(person).set({ totpSecret: 'set up in this test' }).where(eq(person.id, who.id));
  const made = await createPersonalToken(t.database.db, { personId: who.id, displayName: who.displayName, locale: 'ca', grants: [], twoFactorVerified: true }, { name: 'Integration', scopes, territoryId: barcelonaId, lifetime: '30' });
  assert.ok(made.ok, JSON.stringify(made));
  return made.value.secret;
}
const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const api = (method: 'GET' | 'PUT' | 'POST', url: string, token: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1/territories/barcelona${url}`, headers: headers(token), ...(payload !== undefined ? { payload: payload as object } : {}) });

test("an auditor's app lists the visits, reads the questionnaire, saves each part and sends the visit", async () => {
  const db = t.database.db;
  const reader = await tokenOf('auditor@coproduce.example', ['read:audits']);
  const writer = await tokenOf('auditor@coproduce.example', ['read:audits', 'write:audits']);
  // A visit of the demo auditor's, new, so the test fills it from the start.
  const listed = await api('GET', '/audits/visits?limit=2', reader);
  assert.equal(listed.statusCode, 200, listed.body);
  const visits = listed.json().visits as { id: string; facility: string; status: string; parts: number }[];
  assert.ok(visits.length > 0 && visits.length <= 2);
  assert.ok(visits.every((v) => v.facility.length > 0), 'places by name');
  // Every page, cursor after cursor: each visit once.
  const seen = new Set<string>();
  let next: string | null = null;
  do {
    const page = await api('GET', `/audits/visits?limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, reader);
    for (const v of page.json().visits as { id: string }[]) {
      assert.ok(!seen.has(v.id), 'no visit twice');
      seen.add(v.id);
    }
    next = page.json().next;
  } while (next);
  assert.equal((await api('GET', '/audits/visits?cursor=not-a-cursor', reader)).statusCode, 400);
  const open = visits.find((v) => v.status !== 'submitted') ?? (await api('GET', '/audits/visits?status=scheduled', reader)).json().visits[0];
  assert.ok(open, 'the demo auditor has a visit still to fill');

  const sheet = await api('GET', `/audits/visits/${open.id}`, reader);
  assert.equal(sheet.statusCode, 200, sheet.body);
  const parts = sheet.json().instrument.parts as { items: { name: string; type: string; required: boolean; choices: { value: string }[]; showIf: unknown[] }[] }[];
  assert.ok(parts.length > 0 && parts[0]!.items.length > 0);
  // Reading is not writing: the read-only token cannot save.
  const refused = await api('PUT', `/audits/visits/${open.id}/parts/1`, reader, { answers: {} });
  assert.equal(refused.statusCode, 403);
  assert.match(refused.headers['content-type']!, /problem\+json/);

  // A hurried person: a score of 250 and a number that is a word. Kept as sent, with a message per field.
  const scale = parts.flatMap((p, i) => p.items.map((item) => ({ item, part: i + 1 }))).find((x) => x.item.type === 'scale');
  assert.ok(scale, 'the demo instrument has a score to give');
  const tooHigh = await api('PUT', `/audits/visits/${open.id}/parts/${scale.part}`, writer, { answers: { [scale.item.name]: '250' }, lang: 'es' });
  assert.equal(tooHigh.statusCode, 200, tooHigh.body);
  assert.ok(tooHigh.json().problems[scale.item.name], 'the score is named');
  assert.equal((await api('GET', `/audits/visits/${open.id}`, reader)).json().answers[scale.item.name]?.value, '250', 'kept as typed');
  // Sending now: 400, naming what is still missing.
  const early = await api('POST', `/audits/visits/${open.id}/submit`, writer, {});
  assert.equal(early.statusCode, 400);
  assert.ok(Object.keys(early.json().errors).length > 0);

  // Answer everything that is asked, part by part, as the page would.
  const answerFor = (item: { type: string; choices: { value: string }[] }): string | string[] => {
    switch (item.type) {
      case 'yes-no':
        return 'no';
      case 'single':
        return item.choices[0]!.value;
      case 'multiple':
        return [item.choices[0]!.value];
      case 'scale':
        return '60';
      case 'number':
        return '12';
      case 'date':
        return '2026-11-30';
      default:
        return 'Ho he vist al taulell.';
    }
  };
  for (const [i, part] of parts.entries()) {
    const answers: Record<string, string | string[]> = {};
    for (const item of part.items) {
      if (['photo', 'document', 'note'].includes(item.type)) continue;
      answers[item.name] = answerFor(item);
      if (item.type === 'scale') answers[`${item.name}__reason`] = 'Em van atendre bé.';
    }
    const saved = await api('PUT', `/audits/visits/${open.id}/parts/${i + 1}`, writer, { answers, lang: 'ca' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json().problems, {}, `part ${i + 1}`);
  }
  const sent = await api('POST', `/audits/visits/${open.id}/submit`, writer, {});
  assert.equal(sent.statusCode, 200, sent.body);
  assert.equal(sent.json().status, 'submitted');
  // A sent visit no longer changes.
  assert.equal((await api('PUT', `/audits/visits/${open.id}/parts/1`, writer, { answers: {} })).statusCode, 409);
  assert.equal((await api('POST', `/audits/visits/${open.id}/submit`, writer, {})).statusCode, 409);
  const [row] = await db.select().from(visit).where(eq(visit.id, open.id));
  assert.equal(row!.status, 'submitted');

  // Another auditor's visit is not found, and a garbage id is bad input, never a 500.
  const auditors = await db.select().from(auditor).where(eq(auditor.territoryId, barcelonaId));
  const [mine] = await db.select({ auditorId: visit.auditorId, facilityId: visit.facilityId, instrumentVersionId: visit.instrumentVersionId, campaignId: visit.campaignId }).from(visit).where(eq(visit.id, open.id));
  // The same campaign, place and questionnaire as the visit just sent, on the campaign's first day.
  const [someCampaign] = await db.select().from(campaign).where(eq(campaign.id, mine!.campaignId));
  const other = auditors.find((a) => a.id !== mine!.auditorId);
  assert.ok(other && someCampaign, 'the demo has a second auditor and a campaign');
  const coordinator = { personId: someCampaign.createdBy, displayName: 'C', locale: 'ca' as const, grants: [{ role: 'audit-coordinator' as const, scope: { kind: 'territory' as const, id: barcelonaId } }], twoFactorVerified: true };
  const theirs = await scheduleVisit(db, coordinator, { territoryId: barcelonaId, campaignId: someCampaign.id, facilityId: mine!.facilityId, auditorId: other.id, instrumentVersionId: mine!.instrumentVersionId, method: 'observation-visit', scheduledOn: someCampaign.startsOn });
  assert.ok(theirs.ok, `the coordinator schedules the other auditor a visit: ${JSON.stringify(theirs)}`);
  assert.equal((await api('GET', `/audits/visits/${theirs.value.id}`, reader)).statusCode, 404);
  assert.equal((await api('PUT', `/audits/visits/${theirs.value.id}/parts/1`, writer, { answers: {} })).statusCode, 404);
  const garbage = await api('GET', '/audits/visits/not-a-uuid', reader);
  assert.ok([400, 404].includes(garbage.statusCode), `garbage id: ${garbage.statusCode}`);
  assert.equal((await api('PUT', `/audits/visits/${open.id}/parts/1`, writer, { answers: { x: 'a\u0000b' } })).statusCode < 500, true);
});

test("a case-management system reads the queue a page at a time, never a case's content, and moves a case along", async () => {
  const handler = await tokenOf('case-handler@coproduce.example', ['antenna:handle']);
  const first = await api('GET', '/antenna/cases?limit=7', handler);
  assert.equal(first.statusCode, 200, first.body);
  const body = first.json();
  assert.equal(body.cases.length, 7);
  const keys = Object.keys(body.cases[0]).sort();
  assert.deepEqual(keys, ['assignedTo', 'classified', 'mode', 'onBehalf', 'organisation', 'receivedAt', 'reference', 'status', 'updatedAt']);
  assert.ok(!/story|narrative|contact|email|phone/i.test(first.body), 'no content, no contact');
  const total = Object.values(body.byStatus as Record<string, number>).reduce((a, b) => a + b, 0);
  // Keyset pages: every case exactly once, in order.
  const seen: string[] = [];
  let next: string | null = null;
  let last = Infinity;
  do {
    const page = await api('GET', `/antenna/cases?limit=50&sort=received${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, handler);
    assert.equal(page.statusCode, 200, page.body);
    for (const c of page.json().cases as { reference: string; receivedAt: string }[]) {
      const at = Date.parse(c.receivedAt);
      assert.ok(at <= last, 'newest first');
      last = at;
      seen.push(c.reference);
    }
    next = page.json().next;
  } while (next);
  assert.equal(new Set(seen).size, seen.length, 'no case twice');
  assert.equal(seen.length, total, 'every case once');
  assert.equal((await api('GET', '/antenna/cases?cursor=WyJub3QgYSBkYXRlIiwiWCJd', handler)).statusCode, 400);

  const fresh = (await api('GET', '/antenna/cases?status=in-triage&limit=1', handler)).json().cases[0] as { reference: string };
  assert.ok(fresh, 'a case in triage in the demo');
  // Closing needs a reason from the list; a move the queue does not allow is refused beside the field.
  const noReason = await api('POST', `/antenna/cases/${fresh.reference}/status`, handler, { status: 'closed' });
  assert.equal(noReason.statusCode, 400);
  assert.ok(noReason.json().errors.reason);
  const back = await api('POST', `/antenna/cases/${fresh.reference}/status`, handler, { status: 'new' });
  assert.equal(back.statusCode, 400);
  assert.ok(back.json().errors.status);
  const followed = await api('POST', `/antenna/cases/${fresh.reference}/status`, handler, { status: 'being-followed' });
  assert.equal(followed.statusCode, 200, followed.body);
  const again = (await api('GET', '/antenna/cases?status=being-followed&limit=200', handler)).json().cases as { reference: string }[];
  assert.ok(again.some((c) => c.reference === fresh.reference));
  assert.equal((await api('POST', `/antenna/cases/${fresh.reference}/assignee`, handler, { personId: '00000000-0000-4000-8000-000000000000' })).statusCode, 400, 'not a handler of the territory');
  assert.equal((await api('POST', '/antenna/cases/ZZZZZZ/status', handler, { status: 'in-triage' })).statusCode, 404);

  // An organisation member, even with the scope asked, and a token without it, are refused.
  const member = await tokenOf('organisation-member@coproduce.example', ['read:agreement']);
  assert.equal((await api('GET', '/antenna/cases', member)).statusCode, 403);
  const auditorToken = await tokenOf('auditor@coproduce.example', ['read:audits']);
  assert.equal((await api('GET', '/antenna/cases', auditorToken)).statusCode, 403);
});

test('an oversight tool reads the access log of its territory, page by page, and that reading is logged too', async () => {
  const [admin] = await t.database.db.select().from(person).where(eq(person.email, 'admin@coproduce.example'));
  const officer = await tokenOf('admin@coproduce.example', ['read:access-log']);
  const read = (query: string) => t.app.inject({ url: `/api/v1/access-log${query}${query ? '&' : '?'}territory=${barcelonaId}`, headers: headers(officer) });
  const first = await read('?limit=5');
  assert.equal(first.statusCode, 200, first.body);
  const entries = first.json().entries as { seq: number; action: string; actionName: string; actor: { name: string } | null }[];
  assert.equal(entries.length, 5);
  assert.ok(entries.every((e) => e.actionName && e.actionName !== e.action), JSON.stringify(entries));
  const second = await read(`?limit=5&cursor=${encodeURIComponent(first.json().next)}`);
  assert.equal(second.statusCode, 200);
  const seen = new Set([...entries, ...(second.json().entries as typeof entries)].map((e) => `${e.seq}:${e.action}`));
  assert.equal(seen.size, 10, 'the second page starts after the first');
  // The reads are in the log, by the reader, under the territory they read.
  const own = await read(`?actor=${admin!.id}&action=identity.accessLog.read&limit=10`);
  assert.ok((own.json().entries as unknown[]).length >= 2);
  // A typo in a date is named beside the field; a forged cursor is bad input.
  const typo = await read('?from=2026-13-45');
  assert.equal(typo.statusCode, 400);
  assert.ok(typo.json().errors.from);
  assert.equal((await read('?cursor=WyJ4IiwiMSJd')).statusCode, 400);
  // Without the scope, or as someone who reads no log: refused.
  const other = await tokenOf('admin@coproduce.example', ['read:account']);
  assert.equal((await t.app.inject({ url: '/api/v1/access-log', headers: headers(other) })).statusCode, 403);
  const member = await tokenOf('organisation-member@coproduce.example', ['read:access-log']);
  assert.equal((await t.app.inject({ url: '/api/v1/access-log', headers: headers(member) })).statusCode, 403);
});

test('a phone app reads the person’s own notifications in words and, with write:account, marks them read', async () => {
  const { notify } = await import('../../src/contexts/notifications/notification.service.ts');
  const [member] = await t.database.db.select().from(person).where(eq(person.email, 'organisation-member@coproduce.example'));
  for (let i = 0; i < 3; i++) await notify(t.database.db, { personIds: [member!.id], kind: 'territory-challenge', territoryId: barcelonaId, values: { organisation: 'Casal', title: `Repte ${i}` }, path: '/t/barcelona/challenges' });
  const app = await tokenOf('organisation-member@coproduce.example', ['read:account']);
  const list = await t.app.inject({ url: '/api/v1/me/notifications?limit=2', headers: { ...headers(app), 'accept-language': 'ca' } });
  assert.equal(list.statusCode, 200, list.body);
  const body = list.json();
  assert.ok(body.unread >= 3);
  assert.equal(body.notifications.length, 2);
  assert.ok(body.notifications.every((n: { message: string; url: string }) => !n.message.includes('{') && n.url.startsWith('/')));
  const rest = await t.app.inject({ url: `/api/v1/me/notifications?limit=200&cursor=${encodeURIComponent(body.next)}`, headers: headers(app) });
  const ids = [...body.notifications, ...rest.json().notifications].map((n: { id: string }) => n.id);
  assert.equal(new Set(ids).size, ids.length, 'no notification twice');
  // Marking read is a change: a read-only token is refused with a problem naming the scope, and nothing is marked.
  const refused = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: headers(app), payload: {} });
  assert.equal(refused.statusCode, 403, refused.body);
  assert.match(refused.headers['content-type']!, /problem\+json/);
  assert.match(refused.json().detail, /write:account/);
  assert.ok((await t.app.inject({ url: '/api/v1/me/notifications', headers: headers(app) })).json().unread >= 3, 'still unread');
  const writer = await tokenOf('organisation-member@coproduce.example', ['read:account', 'write:account']);
  const read = await t.app.inject({ method: 'POST', url: '/api/v1/me/notifications/read', headers: headers(writer), payload: {} });
  assert.equal(read.statusCode, 200, read.body);
  assert.equal((await t.app.inject({ url: '/api/v1/me/notifications', headers: headers(app) })).json().unread, 0);
  // Someone else's token reads only their own.
  const handler = await tokenOf('case-handler@coproduce.example', ['read:account']);
  const theirs = (await t.app.inject({ url: '/api/v1/me/notifications?limit=200', headers: headers(handler) })).json().notifications as { id: string }[];
  assert.ok(!theirs.some((n) => ids.includes(n.id)));
});
