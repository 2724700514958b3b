// With real sign-in (identity's demo people): the auditor finds their visits and fills one; the service
// manager sees the validated findings about the social services centres and nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { Client } from '../../../test/support/client.ts';

let t: TestApp;
const password = process.env.DEMO_PEOPLE_PASSWORD!;
before(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('the demo auditor signs in, sees their visits and saves a section', async () => {
  const auditor = new Client(t.app);
  const signedIn = await auditor.signIn('auditor@coproduce.example', password);
  assert.equal(signedIn.status, 303);
  const visits = await auditor.get('/es/t/barcelona/audits/visits');
  assert.equal(visits.status, 200);
  const links = [...visits.body.matchAll(/href="(\/es\/t\/barcelona\/audits\/visits\/[0-9a-f-]{36}\/sections\/1)"/g)].map((m) => m[1]!);
  // Three visits of the 2025–2026 campaign and two follow-up visits of the plans seed (autumn 2026).
  assert.equal(links.length, 5);
  const section = await auditor.get(links[0]!);
  assert.equal(section.status, 200);
  const saved = await auditor.post(links[0]!, { visit_date: '2026-03-10', step_free: 'yes', signage_languages: 'local' });
  assert.equal(saved.status, 303);
  assert.match(saved.location!, /sections\/2$/);
  // Findings and the network are not the auditor's pages.
  assert.equal((await auditor.get('/es/t/barcelona/audits/findings')).status, 403);
});

test('the demo service manager signs in and sees only validated findings about their service', async () => {
  const manager = new Client(t.app);
  assert.equal((await manager.signIn('service-manager@coproduce.example', password)).status, 303);
  const list = await manager.get('/es/t/barcelona/audits/findings');
  assert.equal(list.status, 200);
  assert.match(list.body, /CSS /);
  assert.doesNotMatch(list.body, /OAC /);
  assert.doesNotMatch(list.body, /audit-tag--proposed/);
  const api = await manager.get('/api/v1/territories/barcelona/audits/findings');
  const findings = JSON.parse(api.body).findings as { service: string; status: string }[];
  assert.ok(findings.length > 5);
  assert.ok(findings.every((f) => f.service === 'Centres de Serveis Socials' && f.status !== 'proposed'));
});
