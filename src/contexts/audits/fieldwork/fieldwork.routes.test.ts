// Fieldwork through HTTP, as an auditor on a phone without JavaScript: section by section, errors in
// the auditor's language with everything kept, evidence without metadata, submit when complete.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { answer, auditor, evidence, visit } from '../audit.schema.ts';

let t: TestApp;
let territoryId: string;
let visitId: string;
let me: Record<string, string>;
let stranger: Record<string, string>;
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const [row] = await t.database.db.select({ visitId: visit.id, personId: auditor.personId }).from(visit).innerJoin(auditor, eq(auditor.id, visit.auditorId)).where(and(eq(visit.territoryId, territoryId), eq(visit.status, 'scheduled'))).limit(1);
  visitId = row!.visitId;
  me = actorHeader({ personId: row!.personId!, locale: 'es', grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
  stranger = actorHeader({ personId: '0000a000-0000-4000-8000-000000000099', grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
});
after(async () => t.close());

const base = () => `/es/t/barcelona/audits/visits/${visitId}`;

async function post(url: string, headers: Record<string, string>, payload: Record<string, string | string[]>, formPage = url) {
  const page = await t.app.inject({ url: formPage, headers });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie }, payload: { _csrf: token, ...payload } });
}

test('the auditor sees their visit; another auditor gets not found', async () => {
  const list = await t.app.inject({ url: '/es/t/barcelona/audits/visits', headers: me });
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(visitId));
  const page = await t.app.inject({ url: `${base()}/sections/1`, headers: me });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Llegada y entrada/);
  assert.match(page.body, /fieldwork\.js/);
  assert.equal((await t.app.inject({ url: `${base()}/sections/1`, headers: stranger })).statusCode, 404);
  assert.equal((await t.app.inject({ url: `${base()}/sections/1` })).statusCode, 303);
});

test('a bad answer gets a Spanish error beside the field and nothing typed is lost', async () => {
  const response = await post(`${base()}/sections/2`, me, { wait_minutes: 'veinte', appointment_needed: 'no', language_offered: 'no', treatment_score: '150', treatment_score__reason: 'Muy amables', treated_differently: 'no' });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /Escribe un número/);
  assert.match(response.body, /Escribe un número del 0 al 100/);
  assert.match(response.body, /value="veinte"/);
  assert.match(response.body, /Muy amables/);
  // The draft is on the server already: a reload shows it.
  const reload = await t.app.inject({ url: `${base()}/sections/2`, headers: me });
  assert.match(reload.body, /value="veinte"/);
  const [stored] = await t.database.db.select().from(answer).where(and(eq(answer.visitId, visitId), eq(answer.itemName, 'treatment_score')));
  assert.equal(stored!.value.reason, 'Muy amables');
});

test('a photo is stored without its metadata; submit needs every required answer', async () => {
  const early = await post(`${base()}/submit`, me, {}, `${base()}/check`);
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /Falta responder/);

  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
    .jpeg()
    .withExifMerge({ IFD0: { Artist: 'Secret Name' } })
    .toBuffer();
  const page = await t.app.inject({ url: `${base()}/sections/1`, headers: me });
  const { token, cookie } = csrfFrom(page);
  const boundary = '----coproduce';
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.concat([
    Buffer.from(part('_csrf', token) + part('visit_date', '2026-02-10') + part('step_free', 'yes') + part('signage_languages', 'local')),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="entrance_photo__file"; filename="door.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const uploaded = await t.app.inject({ method: 'POST', url: `${base()}/sections/1`, headers: { ...me, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  assert.equal(uploaded.statusCode, 303, uploaded.body.slice(0, 500));
  const [file] = await t.database.db.select().from(evidence).where(eq(evidence.visitId, visitId));
  assert.ok(file);
  assert.doesNotMatch(file.content.toString('latin1'), /Secret Name/);

  assert.equal((await post(`${base()}/sections/2`, me, { wait_minutes: '20', appointment_needed: 'no', language_offered: 'no', treatment_score: '80', treatment_score__reason: 'Muy amables', treated_differently: 'no' })).statusCode, 303);
  const third = await post(`${base()}/sections/3`, me, { extra_requirement: 'no', information_clear: '60', information_clear__reason: 'Bien' });
  assert.equal(third.statusCode, 303);
  assert.equal(third.headers.location, `${base()}/check`);
  const submitted = await post(`${base()}/submit`, me, {}, `${base()}/check`);
  assert.equal(submitted.statusCode, 303);
  const [row] = await t.database.db.select().from(visit).where(eq(visit.id, visitId));
  assert.equal(row!.status, 'submitted');
  // A submitted visit no longer changes: its pages lead to the summary, which has no form left.
  const again = await t.app.inject({ url: `${base()}/sections/1`, headers: me });
  assert.equal(again.statusCode, 303);
  const summary = await t.app.inject({ url: `${base()}/check`, headers: me });
  assert.match(summary.body, /Visita enviada/);
  assert.doesNotMatch(summary.body, /Enviar la visita/);
});
