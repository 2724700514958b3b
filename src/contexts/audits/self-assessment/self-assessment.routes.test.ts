// The self-assessment pages with real sign-in: the demo service manager starts one (bad input answered beside
// the fields, nothing typed lost) and reads the comparison in words; an auditor is refused every page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { Client } from '../../../../test/support/client.ts';

let t: TestApp;
const password = process.env.DEMO_PEOPLE_PASSWORD!;
before(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('the service manager starts a self-assessment: bad dates and a missing name are refused beside the fields, what was typed is kept', async () => {
  const manager = new Client(t.app);
  assert.equal((await manager.signIn('service-manager@coproduce.example', password)).status, 303);
  const list = await manager.get('/en/t/barcelona/audits/self-assessments');
  assert.equal(list.status, 200);
  assert.match(list.body, /Autoavaluació de l’atenció presencial dels CSS, primavera 2026/);
  const service = /<option value="([0-9a-f-]{36})"[^>]*>Social services centres<\/option>/.exec(list.body)?.[1];
  assert.ok(service, 'the manager may choose their own service');
  assert.doesNotMatch(list.body, />Citizen service offices/, 'and no other service');
  const version = /name="instrumentVersionId"[\s\S]*?<option value="([0-9a-f-]{36})"/.exec(list.body)?.[1];
  assert.ok(version);
  const refused = await manager.post('/en/t/barcelona/audits/self-assessments', { title: '', serviceId: service, instrumentVersionId: version, startsOn: '2026-06-31', endsOn: '2026-05-01' });
  assert.equal(refused.status, 400);
  assert.match(refused.body, /id="f-title-error"[\s\S]*Enter a name for the self-assessment\./);
  assert.match(refused.body, /id="f-startsOn-error"[\s\S]*Enter a real date, for example 2026-03-15\./);
  assert.match(refused.body, /value="2026-05-01"/);
  const created = await manager.post('/en/t/barcelona/audits/self-assessments', { title: 'Autumn review', serviceId: service, instrumentVersionId: version, startsOn: '2026-09-01', endsOn: '2026-10-31' });
  assert.equal(created.status, 303);
  assert.match(created.location!, /\/en\/t\/barcelona\/audits\/self-assessments\/[0-9a-f-]{36}$/);
  const page = await manager.get(created.location!);
  assert.equal(page.status, 200);
  assert.match(page.body, /Not started/);
});

test('the comparison says each gap in a sentence, and shows no auditor', async () => {
  const manager = new Client(t.app);
  assert.equal((await manager.signIn('service-manager@coproduce.example', password)).status, 303);
  const list = await manager.get('/en/t/barcelona/audits/self-assessments');
  // The demo's own self-assessment (the first test may have added another).
  const link = /href="(\/en\/t\/barcelona\/audits\/self-assessments\/[0-9a-f-]{36}\/comparison)">Compare with the citizens' results<span class="visually-hidden"> · Autoavaluació de l’atenció presencial dels CSS/.exec(list.body)?.[1];
  assert.ok(link);
  const page = await manager.get(link);
  assert.equal(page.status, 200);
  assert.match(page.body, /Staff and citizens disagree on \d+ of \d+ questions\./);
  assert.match(page.body, /Staff answered “Yes” \(3 of 3 facilities\), but citizens found otherwise in \d+ of \d+ visits, most often “No”\./);
  assert.doesNotMatch(page.body, /\bA-\d{2}\b/);
  // The same comparison in the API, as counts.
  const id = /self-assessments\/([0-9a-f-]{36})\/comparison/.exec(link)![1]!;
  const api = await manager.get(`/api/v1/territories/barcelona/audits/self-assessments/${id}/comparison`);
  assert.equal(api.status, 200);
  const body = JSON.parse(api.body) as { sent: number; rows: { item: string; verdict: string; staff: { counts: Record<string, number> } }[] };
  assert.equal(body.sent, 3);
  const language = body.rows.find((r) => r.item === 'language_offered')!;
  assert.deepEqual([language.verdict, language.staff.counts], ['disagree', { yes: 3 }]);
  assert.doesNotMatch(api.body, /auditor|codeName|personId/i);
});

test('an auditor is refused the self-assessment pages', async () => {
  const auditor = new Client(t.app);
  assert.equal((await auditor.signIn('auditor@coproduce.example', password)).status, 303);
  assert.equal((await auditor.get('/en/t/barcelona/audits/self-assessments')).status, 403);
});
