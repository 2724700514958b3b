// Fieldwork offline through HTTP: the desk lists every part of each assigned visit for the service worker,
// the worker and the manifest are served under the auditor's pages, a part (with its photo) sent twice with
// the same submission id is taken once, and instrument texts without the page's language are marked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { auditor, evidence, visit } from '../audit.schema.ts';
import { textWithLang } from './fieldwork.views.tsx';

let t: TestApp;
let territoryId: string;
let visitId: string;
let me: Record<string, string>;
let other: Record<string, string>;
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const [row] = await t.database.db.select({ visitId: visit.id, personId: auditor.personId }).from(visit).innerJoin(auditor, eq(auditor.id, visit.auditorId)).where(and(eq(visit.territoryId, territoryId), eq(visit.status, 'scheduled'))).limit(1);
  visitId = row!.visitId;
  me = actorHeader({ personId: row!.personId!, locale: 'es', grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
  other = actorHeader({ personId: '0000a000-0000-4000-8000-000000000098', grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
});
after(async () => t.close());

const base = () => `/es/t/barcelona/audits/visits/${visitId}`;

test('the desk lists every part of each visit to keep offline, with the worker, the manifest and the visit state', async () => {
  const desk = await t.app.inject({ url: '/es/t/barcelona/audits/visits', headers: me });
  assert.equal(desk.statusCode, 200);
  const keep = JSON.parse(desk.body.match(/data-offline-keep="([^"]+)"/)![1]!.replaceAll('&quot;', '"')) as string[];
  for (const n of [1, 2, 3]) assert.ok(keep.includes(`${base()}/sections/${n}`), `part ${n} is kept`);
  assert.ok(keep.includes(`${base()}/check`));
  assert.ok(!keep.includes(`${base()}/sections/4`));
  assert.match(desk.body, /data-sw="\/es\/t\/barcelona\/audits\/offline\.js"/);
  assert.match(desk.body, /<link rel="manifest" href="\/es\/t\/barcelona\/audits\/manifest\.webmanifest"/);
  assert.match(desk.body, new RegExp(`data-visit-state="${visitId}"[^>]*|data-waiting="Pendiente de enviar"`));
  assert.match(desk.body, /data-sent="Enviada"/);

  const worker = await t.app.inject({ url: '/es/t/barcelona/audits/offline.js' });
  assert.equal(worker.statusCode, 200);
  assert.match(String(worker.headers['content-type']), /text\/javascript/);
  assert.match(worker.body, /addEventListener\('fetch'/);

  const manifest = await t.app.inject({ url: '/ar/t/barcelona/audits/manifest.webmanifest' });
  assert.equal(manifest.statusCode, 200);
  const parsed = JSON.parse(manifest.body) as { start_url: string; scope: string; dir: string; icons: { sizes: string }[]; display: string };
  assert.equal(parsed.start_url, '/ar/t/barcelona/audits/visits');
  assert.equal(parsed.scope, '/ar/t/barcelona/audits/');
  assert.equal(parsed.dir, 'rtl');
  assert.equal(parsed.display, 'standalone');
  assert.ok(parsed.icons.some((i) => i.sizes === '512x512'));
  assert.equal((await t.app.inject({ url: '/es/t/nowhere/audits/manifest.webmanifest' })).statusCode, 404);
});

test('a part with a photo sent twice with the same submission id is taken once; a new id is taken again', async () => {
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#363' } }).jpeg().toBuffer();
  const send = async (submission: string, headers = me) => {
    const page = await t.app.inject({ url: `${base()}/sections/1`, headers: me });
    const { token, cookie } = csrfFrom(page);
    const boundary = '----offline';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(part('_csrf', token) + part('_submission', submission) + part('visit_date', '2026-02-11') + part('step_free', 'yes') + part('signage_languages', 'local')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="entrance_photo__file"; filename="door.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      photo,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `${base()}/sections/1`, headers: { ...headers, cookie, accept: 'application/json', 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
  };
  const id = crypto.randomUUID();
  const first = await send(id);
  assert.equal(first.statusCode, 200, first.body.slice(0, 300));
  assert.deepEqual(first.json(), { saved: true, next: `${base()}/sections/2` });
  const repeat = await send(id);
  assert.equal(repeat.statusCode, 200);
  assert.equal(repeat.json().repeated, true);
  assert.equal(repeat.json().next, `${base()}/sections/2`);
  assert.equal((await t.database.db.select().from(evidence).where(eq(evidence.visitId, visitId))).length, 1);
  // Another auditor cannot send parts of this visit, with or without a submission id.
  const stranger = await send(id, other);
  assert.equal(stranger.statusCode, 404);
  await send(crypto.randomUUID());
  assert.equal((await t.database.db.select().from(evidence).where(eq(evidence.visitId, visitId))).length, 2);
});

test('an instrument text without the page language falls back marked with its own language; the demo\'s, written in every language, needs no mark', async () => {
  assert.deepEqual(textWithLang({ es: 'Hola', en: 'Hello' }, 'en', ['es']), { text: 'Hello', lang: null });
  assert.deepEqual(textWithLang({ es: 'Hola', en: 'Hello' }, 'ur', ['es', 'en']), { text: 'Hola', lang: 'es' });
  assert.deepEqual(textWithLang({ ca: 'Hola' }, 'ur', ['es']), { text: 'Hola', lang: 'ca' });
  const page = await t.app.inject({ url: `/ur/t/barcelona/audits/visits/${visitId}/check`, headers: me });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<h2 id="s-arrival">پہنچنا اور اندر جانا<\/h2>/);
  assert.doesNotMatch(page.body, /Llegada y entrada/);
});
