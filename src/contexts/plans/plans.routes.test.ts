// The plans' pages through HTTP on the demo: the public page in Catalan and Arabic (charts, tables, tracker,
// versions), open data, and bad input answered beside the field with what was typed kept.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';

let t: TestApp;
let territoryId: string;
const coordinator = () => actorHeader({ personId: '0000c000-0000-4000-8000-00000000c0c0', displayName: 'Coordinadora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => t.close());

test('the demo plans are public in Catalan and Arabic: measures, progress, charts with tables, the tracker and versions', async () => {
  const list = await t.app.inject('/ca/t/barcelona/plans');
  assert.equal(list.statusCode, 200);
  const links = [...list.body.matchAll(/href="(\/ca\/t\/barcelona\/plans\/[a-z0-9-]+)"/g)].map((m) => m[1]!);
  assert.equal(links.length, 2, list.body);
  for (const link of links) {
    const page = await t.app.inject(link);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg class="chart__svg"/);
    assert.match(page.body, /<table class="table">/);
    assert.match(page.body, /<meter /);
  }
  const lap = links.find((l) => l.includes('pla-d-acci'))!;
  const page = await t.app.inject(lap);
  assert.match(page.body, /id="tracker-heading"/);
  // The demo's measures answer one finding each, verified or not yet: the public page says how each follows
  // up, and never publishes a count from 1 to 4 (nor what would give one away).
  assert.match(page.body, /Seguiment: &lt; 5 troballes verificades com a resoltes/);
  assert.doesNotMatch(page.body, /Seguiment: [1-4] troballes|; [1-4] encara no resoltes/);
  const arabic = await t.app.inject(lap.replace('/ca/', '/ar/'));
  assert.equal(arabic.statusCode, 200);
  assert.match(arabic.body, /dir="rtl"/);
  const strategy = await t.app.inject(links.find((l) => !l.includes('pla-d-acci'))!);
  assert.match(strategy.body, /2027-12-31|31 de desembre de 2027/);
  const csv = await t.app.inject(`${lap}/data.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.body.split('\r\n')[0]!, /^goal,code,title,department,owner,organisations,deadline,status,progress,findings_not_yet_solved,findings_verified$/);
  const json = await t.app.inject(`${lap}/data.json`);
  assert.equal(json.statusCode, 200);
  assert.ok(Array.isArray(json.json().measures));
  const api = await t.app.inject('/api/v1/territories/barcelona/plans');
  assert.equal(api.json().plans.length, 2);
});

test('bad input: errors beside the fields, nothing typed lost, never a 500', async () => {
  const staff = await t.app.inject({ url: '/ca/t/barcelona/plans/staff', headers: coordinator() });
  assert.equal(staff.statusCode, 200);
  const { token, cookie } = csrfFrom(staff);
  const post = (url: string, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...coordinator(), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
  const made = await post('/ca/t/barcelona/plans/staff', { title: 'Pla de prova', summary: '', kind: 'other', periodFrom: '2026-01-01', periodTo: '2026-12-31', approvedBy: 'board' });
  assert.equal(made.statusCode, 303);
  const edit = made.headers.location!.split('?')[0]!;
  const base = edit.replace(/\/edit$/, '');
  assert.equal((await post(`${base}/goals`, { goalCode: '1', goalTitle: 'Objectiu' })).statusCode, 303);
  const form = await t.app.inject({ url: `${base}/measures/new`, headers: coordinator() });
  const goalId = /<option value="([0-9a-f-]{36})"[^>]*>1\. Objectiu/.exec(form.body)![1]!;
  const bad = await post(`${base}/measures/new`, { goalId, code: 'M1', title: 'Una mesura que no es perd', departmentId: '', deadline: '2027-03-01', progress: '150', status: 'planned' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /value="Una mesura que no es perd"/);
  assert.match(bad.body, /id="f-departmentId-error"/);
  assert.match(bad.body, /id="f-deadline-error"/);
  assert.match(bad.body, /id="f-progress-error"/);
  assert.match(bad.body, /value="150"/);
  const indicator = await post(`${base}/indicators`, { name: 'Indicador', unit: '%', source: 'Font', baseline: '', target: '', computation: 'manual', serviceId: '' });
  assert.equal(indicator.statusCode, 303);
  const editPage = await t.app.inject({ url: edit, headers: coordinator() });
  const indicatorId = /measurements" method="post"/.test(editPage.body) ? /indicators\/([0-9a-f-]{36})\/measurements/.exec(editPage.body)![1]! : '';
  const noDate = await post(`${base}/indicators/${indicatorId}/measurements`, { [`measuredOn-${indicatorId}`]: '', [`value-${indicatorId}`]: '42' });
  assert.equal(noDate.statusCode, 400);
  assert.match(noDate.body, new RegExp(`id="f-measuredOn-${indicatorId}-error"`));
  assert.match(noDate.body, /value="42"/);
  // Another city's staff do not see this plan.
  const outsider = actorHeader({ personId: randomUUID(), displayName: 'Fora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: randomUUID() } }] });
  const denied = await t.app.inject({ url: edit, headers: outsider });
  assert.equal(denied.statusCode, 403);
});
