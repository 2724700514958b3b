// What pages promise people of every language and script, through the HTTP interface: one h1 per
// question page, fields that accept what phones type, the fonts for Arabic and Urdu, a favicon.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { h } from 'preact';
import type { FastifyPluginAsync } from 'fastify';
import { createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { loadCatalogue } from '../../src/platform/i18n/i18n.ts';
import { Layout } from '../../src/platform/views/layout.tsx';

let t: TestApp;
/** A page whose one message exists only in the core languages (ca, es, en, ar). */
const probe: FastifyPluginAsync = async (app) => {
  app.get('/:locale/language-probe', { schema: { hide: true }, config: { access: 'public' } }, async (request, reply) =>
    reply.render(h(Layout, { title: request.i18n.t('languagesTest.probe'), children: h('h1', null, request.i18n.t('languagesTest.probe')) })),
  );
};
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-locales-'));
  const messages = { ca: 'Només en les llengües principals', es: 'Solo en los idiomas principales', en: 'Only in the core languages', ar: 'باللغات الأساسية فقط' };
  for (const [locale, text] of Object.entries(messages)) fs.writeFileSync(path.join(dir, `${locale}.json`), JSON.stringify({ 'languagesTest.probe': text }));
  loadCatalogue(dir);
  t = await createTestApp({ config: { rateLimitPerMinute: 100_000 }, extraRoutes: probe });
});
after(async () => t.close());

const h1s = (html: string) => [...html.matchAll(/<h1[\s>]/g)].length;

test('/favicon.ico is an icon, not a 404', async () => {
  const icon = await t.app.inject('/favicon.ico');
  assert.equal(icon.statusCode, 200);
  assert.match(String(icon.headers['content-type']), /^image\/(x-icon|vnd.microsoft.icon)/);
  assert.deepEqual([...icon.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO header');
});

test('Urdu is set in Nastaliq and Arabic in Naskh, with the fonts shipped by the app', async () => {
  const page = await t.app.inject('/ur/');
  const css = /href="(\/assets\/css\/app\.css[^"]*)"/.exec(page.body)?.[1];
  assert.ok(css);
  const sheet = (await t.app.inject(css)).body;
  assert.match(sheet, /body:lang\(ur\) \{ font-family: "Noto Nastaliq Urdu"/);
  assert.match(sheet, /body:lang\(ar\) \{ font-family: "Noto Naskh Arabic"/);
  for (const font of [...sheet.matchAll(/url\("\.\.\/(fonts\/[^"]+\.woff2)"\)/g)].map((m) => m[1])) {
    const file = await t.app.inject(`/assets/${font}`);
    assert.equal(file.statusCode, 200, font);
    assert.equal(file.rawPayload.subarray(0, 4).toString('latin1'), 'wOF2', `${font} is WOFF2`);
  }
  assert.match(sheet, /noto-nastaliq-urdu-arabic-400-normal\.woff2/);
});

test('the sign-in e-mail field is autocomplete="email", not "username"', async () => {
  const signIn = await t.app.inject('/en/account/sign-in');
  assert.doesNotMatch(signIn.body, /autocomplete="username"/i);
  assert.match(signIn.body, /type="email"[^>]*autocomplete="email"/i);
});

async function post(url: string, headers: Record<string, string>, payload: Record<string, string | string[]>) {
  const page = await t.app.inject({ url, headers });
  const { token, cookie } = csrfFrom(page);
  const existing = headers.cookie ? `${headers.cookie}; ` : '';
  return { page, sent: await t.app.inject({ method: 'POST', url, headers: { ...headers, cookie: `${existing}${cookie}` }, payload: { _csrf: token, ...payload } }) };
}

test('every auditor-enrolment question page has one h1, and the legend is the question', async () => {
  const base = '/en/t/barcelona/audits/join';
  const first = await post(`${base}/name`, {}, { name: 'Rosa Vidal' });
  assert.equal(h1s(first.page.body), 1, 'name has one h1');
  const jar = { cookie: `coproduce_enrol=${first.sent.cookies.find((c) => c.name === 'coproduce_enrol')!.value}` };
  const answers: [string, Record<string, string>][] = [
    ['contact', { email: 'rosa@example.org', phone: '٦٠٠ ٠٠٠ ٠٠٠' }],
    ['languages', { languages: 'ur' }],
    ['via', { via: 'organisation' }],
    ['organisation', { organisation: 'AV Raval' }],
    ['motivation', { motivation: '' }],
    ['consent', { consent: '1' }],
  ];
  for (const [step, fields] of answers) {
    const { page, sent } = await post(`${base}/${step}`, jar, fields);
    assert.equal(page.statusCode, 200, step);
    assert.equal(h1s(page.body), 1, `${step} has one h1`);
    assert.doesNotMatch(page.body, /<legend[^>]*>(Select|Choose) all/);
    assert.equal(sent.statusCode, 303, `${step}: ${sent.body.slice(0, 300)}`);
  }
  const check = await t.app.inject({ url: `${base}/check`, headers: jar });
  assert.match(check.body, /600 000 000/, 'a phone typed in Arabic-Indic digits is kept in ASCII digits');
});

test('a page not yet in the person’s language is shown in their core language, marked, with a notice in their own', async () => {
  // Every context is complete in all ten languages now; a message that exists only in the core four (as a new
  // staff page's would) still comes from the person's core language, and the page says so.
  const signIn = await t.app.inject({ url: '/fr/language-probe', headers: { 'accept-language': 'fr-FR, es;q=0.8, en;q=0.5' } });
  assert.equal(signIn.statusCode, 200);
  assert.match(signIn.body, /<html lang="fr"/);
  assert.match(signIn.body, /<main id="main" lang="es" dir="ltr"/, 'the content says it is in Spanish');
  assert.match(signIn.body, /<p lang="fr" dir="ltr" class="language-notice" role="note">Cette page n(&#39;|'|’)existe pas encore en français\. Elle est affichée en espagnol\.<\/p>/);
  assert.match(signIn.body, /Solo en los idiomas principales/, 'in Spanish, the person’s core language');
  // Urdu reader with Arabic as their core language: right to left both ways.
  const ur = await t.app.inject({ url: '/ur/language-probe', headers: { 'accept-language': 'ur, ar;q=0.7' } });
  assert.match(ur.body, /<main id="main" lang="ar" dir="rtl"/);
  assert.match(ur.body, /class="language-notice"[^>]*>یہ صفحہ ابھی اردو میں نہیں ہے۔/);
  // A page complete in the language has neither: the sign-in page, in French now.
  for (const url of ['/fr/t/barcelona/antenna', '/fr/account/sign-in']) {
    const page = await t.app.inject({ url, headers: { 'accept-language': 'fr, es;q=0.8' } });
    assert.doesNotMatch(page.body, /language-notice/, url);
    assert.match(page.body, /<main id="main" class="container"/, url);
  }
});
