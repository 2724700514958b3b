// The actions that the audits, plans and co-production contexts take through the JSON API: the same rules as
// their pages, answered as JSON or problem details; another territory's people and tokens without the scope
// are refused; an Idempotency-Key replays the first answer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { actorHeader as actorOnly, createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import type { Actor } from '../../src/platform/auth/permissions.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { finding, findingResponse } from '../../src/contexts/audits/audit.schema.ts';
import { linkServiceManager } from '../../src/contexts/catalogue/service-manager.service.ts';
import { planIndicator, planMeasurement } from '../../src/contexts/plans/plans.schema.ts';
import { listPublishedPlans } from '../../src/contexts/plans/plan.service.ts';
import { findNetwork } from '../../src/contexts/agreement/networks/network.service.ts';
import { listMembers } from '../../src/contexts/agreement/adhesion/adhesion.service.ts';
import { draftStatement, openForSignature, statementDetail } from '../../src/contexts/coproduction/statements/statement.service.ts';
import { coproductionEvent } from '../../src/contexts/coproduction/coproduction.schema.ts';

let t: TestApp;
/**
 * A person acting through the API with their browser session (the test's actor header): a cookie-authenticated
 * write needs the CSRF token like a page's form, sent here as X-CSRF-Token. (Bearer tokens skip CSRF; their
 * scopes are checked in api-integration.test.ts.)
 */
function actorHeader(actor: Parameters<typeof actorOnly>[0]): Record<string, string> {
  const headers = actorOnly(actor);
  return { ...headers, 'x-csrf-pending': '1' };
}
async function withCsrf(headers: Record<string, string>): Promise<Record<string, string>> {
  if (!headers['x-csrf-pending']) return headers;
  const { 'x-csrf-pending': _pending, ...rest } = headers;
  const page = await t.app.inject({ url: '/en/account/sign-in' });
  const { token, cookie } = csrfFrom(page);
  return { ...rest, cookie, 'x-csrf-token': token };
}
let barcelona: string;
let fuenlabrada: string;
const json = (headers: Record<string, string>) => ({ ...headers, 'content-type': 'application/json' });
const coordinatorOf = (territoryId: string, personId: string = randomUUID()) =>
  actorHeader({ personId, displayName: 'Coordinator', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }], twoFactorVerified: true });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  fuenlabrada = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
});
after(async () => t.close());

async function post(request: { url: string; headers?: Record<string, string>; payload?: unknown }) {
  return t.app.inject({ method: 'POST', url: request.url, headers: request.headers ? await withCsrf(request.headers) : {}, ...(request.payload !== undefined ? { payload: request.payload as object } : {}) });
}

test('audits: a coordinator validates a proposed finding (not their own), the service manager answers it; others are refused', async () => {
  const db = t.database.db;
  const [proposed] = await db.select().from(finding).where(and(eq(finding.territoryId, barcelona), eq(finding.status, 'proposed'))).limit(1);
  assert.ok(proposed, 'the demo has a proposed finding');
  const url = `/api/v1/territories/barcelona/audits/findings/${proposed.id}/status`;
  // The proposer cannot validate their own finding.
  const own = await post({ url, headers: json(coordinatorOf(barcelona, proposed.proposedBy)), payload: { to: 'validated', reason: 'Seen' } });
  assert.equal(own.statusCode, 409);
  assert.match(own.headers['content-type']!, /problem\+json/);
  // Fuenlabrada's coordinator does not find Barcelona's finding, even with Barcelona's address.
  const other = await post({ url, headers: json(coordinatorOf(fuenlabrada)), payload: { to: 'validated', reason: 'Seen' } });
  assert.ok([403, 404].includes(other.statusCode), `another territory: ${other.statusCode}`);
  // No reason: 400 naming the field.
  const noReason = await post({ url, headers: json(coordinatorOf(barcelona)), payload: { to: 'validated', reason: '  ' } });
  assert.equal(noReason.statusCode, 400);
  assert.ok(noReason.json().errors.reason);
  const coordinator = coordinatorOf(barcelona);
  const key = randomUUID();
  const done = await post({ url, headers: { ...json(coordinator), 'idempotency-key': key }, payload: { to: 'validated', reason: 'Two visits saw it' } });
  assert.equal(done.statusCode, 200, done.body);
  assert.deepEqual(done.json(), { id: proposed.id, status: 'validated' });
  const replay = await post({ url, headers: { ...json(coordinator), 'idempotency-key': key }, payload: { to: 'validated', reason: 'Two visits saw it' } });
  assert.equal(replay.headers['idempotent-replayed'], 'true');
  // Validated twice without the key: not a valid step now.
  assert.equal((await post({ url, headers: json(coordinator), payload: { to: 'validated', reason: 'again' } })).statusCode, 409);

  const managerId = randomUUID();
  await linkServiceManager(db, { territoryId: barcelona, serviceId: proposed.serviceId, personId: managerId, active: true });
  const manager = actorHeader({ personId: managerId, displayName: 'Manager', grants: [{ role: 'service-manager', scope: { kind: 'territory', id: barcelona } }] });
  const answerUrl = `/api/v1/territories/barcelona/audits/findings/${proposed.id}/responses`;
  const answered = await post({ url: answerUrl, headers: json(manager), payload: { body: 'We are installing a ramp in March.' } });
  assert.equal(answered.statusCode, 201, answered.body);
  const [stored] = await db.select().from(findingResponse).where(eq(findingResponse.id, answered.json().id));
  assert.equal(stored!.body, 'We are installing a ramp in March.');
  // A manager of other services does not find it.
  const stranger = actorHeader({ personId: randomUUID(), displayName: 'Other', grants: [{ role: 'service-manager', scope: { kind: 'territory', id: barcelona } }] });
  assert.equal((await post({ url: answerUrl, headers: json(stranger), payload: { body: 'x' } })).statusCode, 404);
});

test('plans: an editor records a measurement of a manual indicator; a bad date says so beside the field; a computed indicator refuses', async () => {
  const db = t.database.db;
  const [plan] = await listPublishedPlans(db, barcelona);
  assert.ok(plan);
  const indicators = await db.select().from(planIndicator).where(eq(planIndicator.planId, plan.id));
  const manual = indicators.find((i) => i.computation === 'manual')!;
  const editor = actorHeader({ personId: randomUUID(), displayName: 'Editor', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: barcelona } }] });
  const url = (indicator: string) => `/api/v1/territories/barcelona/plans/${plan.slug}/indicators/${indicator}/measurements`;
  const day = plan.periodFrom > '2026-06-30' ? plan.periodFrom : '2026-06-30';
  const made = await post({ url: url(manual.id), headers: json(editor), payload: { measuredOn: day, value: 42.5, note: 'Mid-year count' } });
  assert.equal(made.statusCode, 201, made.body);
  const [saved] = await db.select().from(planMeasurement).where(and(eq(planMeasurement.indicatorId, manual.id), eq(planMeasurement.measuredOn, day)));
  assert.equal(Number(saved!.value), 42.5);
  const badDate = await post({ url: url(manual.id), headers: json(editor), payload: { measuredOn: '2026-02-31', value: 1 } });
  assert.equal(badDate.statusCode, 400);
  assert.ok(badDate.json().errors.measuredOn, 'the date is named');
  const computed = indicators.find((i) => i.computation !== 'manual');
  if (computed) assert.equal((await post({ url: url(computed.id), headers: json(editor), payload: { measuredOn: day, value: 1 } })).statusCode, 400);
  // Fuenlabrada's editor does not reach Barcelona's plan.
  const outsider = actorHeader({ personId: randomUUID(), displayName: 'Editor', grants: [{ role: 'promoting-group-member', scope: { kind: 'territory', id: fuenlabrada } }] });
  assert.ok([403, 404].includes((await post({ url: url(manual.id), headers: json(outsider), payload: { measuredOn: day, value: 1 } })).statusCode));
  // Someone who may only read plans is refused.
  const reader = actorHeader({ personId: randomUUID(), displayName: 'Board', grants: [{ role: 'board-member', scope: { kind: 'territory', id: barcelona } }] });
  assert.equal((await post({ url: url(manual.id), headers: json(reader), payload: { measuredOn: day, value: 1 } })).statusCode, 403);
});

test('co-production: a place at an event (then a conflict), a statement signed by two members and published by its drafter', async () => {
  const db = t.database.db;
  const upcoming = (await db.select().from(coproductionEvent).where(eq(coproductionEvent.territoryId, barcelona))).find((e) => e.startsAt > new Date());
  assert.ok(upcoming, 'the demo has an upcoming event');
  const person = actorHeader({ personId: randomUUID(), displayName: 'Resident', grants: [] });
  const registered = await post({ url: `/api/v1/events/${upcoming.id}/registrations`, headers: person });
  assert.equal(registered.statusCode, 201, registered.body);
  assert.match(registered.json().status, /^(registered|waiting)$/);
  assert.equal((await post({ url: `/api/v1/events/${upcoming.id}/registrations`, headers: person })).statusCode, 409);
  assert.equal((await post({ url: `/api/v1/events/${upcoming.id}/registrations/cancel`, headers: person })).statusCode, 200);
  // Signed out: 401 problem, never a redirect.
  assert.equal((await post({ url: `/api/v1/events/${upcoming.id}/registrations` })).statusCode, 401);

  const networkId = (await findNetwork(db, barcelona, 'homeless-people'))!.id;
  const drafterActor: Actor = { personId: randomUUID(), displayName: 'Drafter', locale: 'ca', twoFactorVerified: false, grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] };
  const drafted = await draftStatement(db, drafterActor, barcelona, { networkId, locale: 'ca', title: 'Habitatge digne', body: 'Cap desnonament sense alternativa.' });
  assert.ok(drafted.ok);
  const closes = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  assert.ok((await openForSignature(db, drafterActor, drafted.value.id, closes)).ok);
  const drafter = actorHeader(drafterActor);
  const publishUrl = `/api/v1/statements/${drafted.value.id}/publish`;
  assert.equal((await post({ url: publishUrl, headers: drafter })).statusCode, 400, 'no signature yet');
  const members = await listMembers(db, barcelona);
  for (const m of members.slice(0, 2)) {
    const admin = actorHeader({ personId: randomUUID(), displayName: 'Admin', grants: [{ role: 'organisation-admin', scope: { kind: 'organisation', id: m.organisationId } }] });
    const signed: { statusCode: number; body: string } = await post({ url: `/api/v1/statements/${drafted.value.id}/signatures`, headers: json(admin), payload: { organisationId: m.organisationId } });
    assert.equal(signed.statusCode, 201, signed.body);
  }
  // An admin cannot sign for an organisation they do not administer.
  const stranger = actorHeader({ personId: randomUUID(), displayName: 'Admin', grants: [{ role: 'organisation-admin', scope: { kind: 'organisation', id: randomUUID() } }] });
  const forged = await post({ url: `/api/v1/statements/${drafted.value.id}/signatures`, headers: json(stranger), payload: { organisationId: members[2]!.organisationId } });
  assert.ok(forged.statusCode >= 400 && forged.statusCode < 500 && forged.statusCode !== 201, `forged signature: ${forged.statusCode}`);
  // Only the drafters publish.
  assert.equal((await post({ url: publishUrl, headers: person })).statusCode, 403);
  const published = await post({ url: publishUrl, headers: drafter });
  assert.equal(published.statusCode, 200, published.body);
  const detail = await statementDetail(db, null, drafted.value.id);
  assert.equal(detail?.statement.status, 'published');
  assert.equal(detail?.signatures.length, 2, 'published with its two signatories');
});

test('the findings read comes a page at a time: pages join without repeats; a forged cursor is 400', async () => {
  const coordinator = coordinatorOf(barcelona);
  const all = await t.app.inject({ url: '/api/v1/territories/barcelona/audits/findings?limit=200', headers: coordinator });
  assert.equal(all.statusCode, 200, all.body);
  const total = all.json().findings.length;
  assert.ok(total > 5, `the demo has findings (${total})`);
  const seen: string[] = [];
  let next: string | null = null;
  do {
    const page: { statusCode: number; json(): unknown } = await t.app.inject({ url: `/api/v1/territories/barcelona/audits/findings?limit=5${next ? `&cursor=${next}` : ''}`, headers: coordinator });
    assert.equal(page.statusCode, 200);
    const body = page.json() as { findings: { id: string; month: string }[]; next: string | null };
    assert.ok(body.findings.length <= 5);
    seen.push(...body.findings.map((f) => f.id));
    next = body.next;
  } while (next);
  assert.equal(seen.length, total);
  assert.equal(new Set(seen).size, total);
  const forged = await t.app.inject({ url: '/api/v1/territories/barcelona/audits/findings?cursor=not-a-cursor', headers: coordinator });
  assert.equal(forged.statusCode, 400);
  assert.ok(forged.json().errors.cursor);
});
