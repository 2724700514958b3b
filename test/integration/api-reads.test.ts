// Reads an integrator asked for, on the demo, with the pages' permissions: the promoting group's adhesions
// (filtered, paged), a network's meetings (public), published instruments, campaigns and score cards (audit staff
// only, auditors by code name). Each tried by someone the page would refuse.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { person } from '../../src/contexts/identity/identity.schema.ts';
import { createPersonalToken } from '../../src/contexts/identity/tokens/token.service.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { scoreCard } from '../../src/contexts/audits/audit.schema.ts';

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
  if (!who.totpSecret) await t.database.db.update(person).set({ totpSecret: 'set up in this test' }).where(eq(person.id, who.id));
  const made = await createPersonalToken(t.database.db, { personId: who.id, displayName: who.displayName, locale: 'ca', grants: [], twoFactorVerified: true }, { name: 'Reads', scopes, territoryId: barcelonaId, lifetime: '30' });
  assert.ok(made.ok, JSON.stringify(made));
  return made.value.secret;
}
const get = (url: string, token?: string) => t.app.inject({ url: `/api/v1${url}`, headers: token ? { authorization: `Bearer ${token}` } : {} });

/** Every page of a list, cursor after cursor; asserts no row comes twice. */
async function allPages<T extends { id: string }>(url: string, field: string, token?: string, limit = 2): Promise<T[]> {
  const rows: T[] = [];
  let next: string | null = null;
  do {
    const page = await get(`${url}${url.includes('?') ? '&' : '?'}limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, token);
    assert.equal(page.statusCode, 200, page.body);
    const body = page.json();
    assert.ok((body[field] as T[]).length <= limit);
    rows.push(...(body[field] as T[]));
    next = body.next;
  } while (next);
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${url}: no row twice`);
  return rows;
}

test("the promoting group reads every adhesion, by status and searched, a page at a time; others are refused", async () => {
  const reviewer = await tokenOf('promoting-group-member@coproduce.example', ['read:agreement']);
  const first = await get('/territories/barcelona/adhesions', reviewer);
  assert.equal(first.statusCode, 200, first.body);
  const byStatus = first.json().byStatus as Record<string, number>;
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  assert.ok(total > 2, 'the demo has adhesions');
  const all = await allPages<{ id: string; signedAt: string; organisation: { name: string }; status: string }>('/territories/barcelona/adhesions', 'adhesions', reviewer);
  assert.equal(all.length, total, 'every adhesion once');
  assert.ok(all.every((a, i) => i === 0 || a.signedAt <= all[i - 1]!.signedAt), 'most recently signed first');
  const members = await allPages<{ id: string; status: string }>('/territories/barcelona/adhesions?status=member', 'adhesions', reviewer, 50);
  assert.equal(members.length, byStatus.member);
  assert.ok(members.every((a) => a.status === 'member'));
  const name = all[0]!.organisation.name;
  const searched = (await get(`/territories/barcelona/adhesions?q=${encodeURIComponent(name.slice(0, 6))}`, reviewer)).json().adhesions as { organisation: { name: string } }[];
  assert.ok(searched.length > 0 && searched.every((a) => a.organisation.name.toLowerCase().includes(name.slice(0, 6).toLowerCase())));
  assert.equal((await get('/territories/barcelona/adhesions?status=maybe', reviewer)).statusCode, 400);
  assert.equal((await get('/territories/barcelona/adhesions?cursor=WzEsMl0', reviewer)).statusCode, 400);
  // An organisation's admin, a token without the scope, and nobody: refused.
  assert.equal((await get('/territories/barcelona/adhesions', await tokenOf('organisation-admin@coproduce.example', ['read:agreement']))).statusCode, 403);
  assert.equal((await get('/territories/barcelona/adhesions', await tokenOf('promoting-group-member@coproduce.example', ['read:public']))).statusCode, 403);
  assert.equal((await get('/territories/barcelona/adhesions')).statusCode, 401);
});

test("anyone reads a network's meetings, most recent first, a page at a time", async () => {
  const agreement = (await get('/territories/barcelona/agreement')).json() as { networks: { slug: string }[] };
  // The coordinator records three meetings in the network they coordinate, so there is more than a page.
  const coordinator = await tokenOf('network-coordinator@coproduce.example', ['write:agreement']);
  let coordinated: string | null = null;
  for (const network of agreement.networks) {
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/v1/territories/barcelona/networks/${network.slug}/meetings`,
      headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
      payload: { title: 'Plenari de tardor', heldOn: '2026-10-01', agenda: 'Pressupost' },
    });
    if (first.statusCode !== 201) continue;
    coordinated = network.slug;
    for (const heldOn of ['2026-10-15', '2026-11-05']) {
      const more = await t.app.inject({
        method: 'POST',
        url: `/api/v1/territories/barcelona/networks/${network.slug}/meetings`,
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        payload: { title: `Reunió ${heldOn}`, heldOn, agenda: 'Seguiment' },
      });
      assert.equal(more.statusCode, 201, more.body);
    }
    break;
  }
  assert.ok(coordinated, 'the demo coordinator coordinates a network');
  for (const network of agreement.networks) {
    const whole = (await get(`/territories/barcelona/networks/${network.slug}`)).json() as { meetings: { id: string }[] };
    const meetings = await allPages<{ id: string; heldOn: string; decisions: string[] }>(`/territories/barcelona/networks/${network.slug}/meetings`, 'meetings', undefined, 1);
    assert.deepEqual(meetings.map((m) => m.id), whole.meetings.map((m) => m.id), 'the same meetings as the network, in the same order');
    assert.ok(meetings.every((m, i) => i === 0 || m.heldOn <= meetings[i - 1]!.heldOn), 'most recent first');
    if (network.slug === coordinated) assert.ok(meetings.length >= 3);
  }
  assert.equal((await get('/territories/barcelona/networks/no-such-network/meetings')).statusCode, 404);
});

test('audit staff read published instruments with their items, campaigns and a score card; an organisation member cannot', async () => {
  const coordinator = await tokenOf('audit-coordinator@coproduce.example', ['read:audits']);
  const instruments = await allPages<{ id: string; key: string; versions: { publishedAt: string; sections: { items: { name: string; dimension: string }[] }[] }[] }>(
    '/territories/barcelona/audits/instruments',
    'instruments',
    coordinator,
    1,
  );
  assert.ok(instruments.length > 0);
  assert.ok(instruments.every((i) => i.versions.length > 0 && i.versions.every((v) => v.publishedAt && v.sections.some((s) => s.items.length > 0))), 'published versions, with items');
  // An auditor sees the instruments too (they fill them), but not a campaign's plan.
  const auditor = await tokenOf('auditor@coproduce.example', ['read:audits']);
  assert.equal((await get('/territories/barcelona/audits/instruments', auditor)).statusCode, 200);

  const campaigns = await allPages<{ id: string; startsOn: string; services: { name: string }[] }>('/territories/barcelona/audits/campaigns', 'campaigns', coordinator, 1);
  assert.ok(campaigns.length > 0);
  assert.ok(campaigns.every((c, i) => i === 0 || c.startsOn <= campaigns[i - 1]!.startsOn), 'latest start first');
  assert.ok(campaigns.some((c) => c.services.length > 0 && c.services.every((s) => s.name.length > 0)), 'services by name');
  const [card] = await t.database.db.select().from(scoreCard).where(eq(scoreCard.territoryId, barcelonaId));
  assert.ok(card, 'the demo has a score card');
  const one = await get(`/territories/barcelona/audits/campaigns/${card.campaignId}`, coordinator);
  assert.equal(one.statusCode, 200, one.body);
  const plan = one.json();
  assert.ok(plan.scoreCards.some((c: { id: string }) => c.id === card.id));
  assert.ok(!/@coproduce\.example|displayName/.test(one.body), 'auditors by code name only');
  assert.equal((await get(`/territories/barcelona/audits/campaigns/${card.campaignId}`, auditor)).statusCode, 403);

  const scored = await get(`/territories/barcelona/audits/score-cards/${card.id}`, coordinator);
  assert.equal(scored.statusCode, 200, scored.body);
  const detail = scored.json();
  assert.ok(detail.criteria.length > 0);
  assert.ok(detail.cycles.length > 0 && detail.cycles[0].scores.length === detail.criteria.length);
  assert.ok(detail.service.name.length > 0);
  // A researcher reads results; an organisation member, or a token without read:audits, does not.
  assert.equal((await get(`/territories/barcelona/audits/score-cards/${card.id}`, await tokenOf('researcher@coproduce.example', ['read:audits']))).statusCode, 200);
  const member = await tokenOf('organisation-member@coproduce.example', ['read:audits']);
  for (const url of ['/audits/instruments', '/audits/campaigns', `/audits/campaigns/${card.campaignId}`, `/audits/score-cards/${card.id}`]) {
    assert.equal((await get(`/territories/barcelona${url}`, member)).statusCode, 403, url);
  }
  assert.equal((await get(`/territories/barcelona/audits/score-cards/${card.id}`, await tokenOf('audit-coordinator@coproduce.example', ['read:agreement']))).statusCode, 403);
  assert.equal((await get('/territories/barcelona/audits/score-cards/00000000-0000-4000-8000-000000000000', coordinator)).statusCode, 404);
});
