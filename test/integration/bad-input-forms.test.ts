// Issue 13, finding 3 (pages): bad input on a form post answers 400 with the form again — what was typed
// kept, the translated error beside the field — whatever the route: a NUL byte, an id the database
// refuses, a multipart body cut short. The API answers problem details naming the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';

let t: TestApp;
let barcelonaId: string;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 100_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
});
after(async () => t.close());

const ca = translator('ca');
const someone = () => ({ ...actorHeader({ personId: '00000000-0000-4000-8000-0000000013b1', displayName: 'Marina', grants: [] }), cookie: csrf.cookie });
const territoryAdmin = () => ({ ...actorHeader({ personId: '00000000-0000-4000-8000-0000000013b2', displayName: 'Teresa', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }], twoFactorVerified: true }), cookie: csrf.cookie });
const form = (payload: Record<string, string | string[]>) =>
  new URLSearchParams(Object.entries({ ...payload, _csrf: csrf.token }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString();

/** The message beside a field, as the page shows it. */
function errorBeside(html: string, field: string): string | undefined {
  const match = new RegExp(`<p class="error-message" id="f-${field}-error">(.*?)</p>`, 's').exec(html);
  return match?.[1]?.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

test('a NUL byte in a form field: 400, the form again with what was typed, the error beside that field', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/organisations/new',
    headers: { ...someone(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ name: 'Associació Veïnal del Clot', type: 'association', description: 'Fem costat\u0000 al barri', areas: ['housing'], languages: ['ca'] }),
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.headers['content-type'] as string, /text\/html/);
  assert.match(response.body, /<form action="\/ca\/t\/barcelona\/organisations\/new"/);
  assert.match(response.body, /value="Associació Veïnal del Clot"/);
  assert.match(response.body, />Fem costat al barri<\/textarea>/);
  assert.match(errorBeside(response.body, 'description') ?? '', new RegExp(ca('platform.forms.badInput.nul').slice(0, 40)));
  assert.match(response.body, /class="error-summary"/);
  assert.doesNotMatch(response.body, /platform\.forms/);
  assert.ok(!response.body.includes("\u0000"));
  // Nothing was stored.
  const list = await t.app.inject({ url: '/ca/t/barcelona/organisations.csv', headers: territoryAdmin() });
  assert.doesNotMatch(list.body, /Veïnal del Clot/);
});

test('an id the database refuses: 400, the form again, the error beside the field that held it', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/organisations/new',
    headers: { ...someone(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ name: 'Casal de Joves', type: 'association', description: 'Joves del barri', areas: ['housing'], languages: ['ca'], districtIds: ['not-a-uuid'] }),
  });
  assert.equal(response.statusCode, 400, response.body.slice(0, 300));
  assert.match(response.body, /value="Casal de Joves"/);
  assert.ok(errorBeside(response.body, 'districtIds'), 'an error beside the districts');
});

test('a multipart body cut short: 400, the form again with the error at its top (nothing of it could be read)', async () => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/audits/catalogue/import',
    headers: { ...territoryAdmin(), 'content-type': 'multipart/form-data; boundary=----cut' },
    payload: `------cut\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf.token}\r\n------cut\r\nContent-Disposition: form-data; name="file"; filename="cataleg.csv"\r\nContent-Type: text/csv\r\n\r\ndepartment,serv`,
  });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /<form action="\/ca\/t\/barcelona\/audits\/catalogue\/import"[^>]*id="f-_form"/);
  assert.match(response.body, new RegExp(ca('platform.forms.badInput.form').slice(0, 30)));
});

test('a form no page shows (a post to an id that does not exist) gets the plain 400 page; the API answers problem details naming the field', async () => {
  const page = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/audits/catalogue/facilities/not-a-uuid',
    headers: { ...territoryAdmin(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ name: 'a\u0000b' }),
  });
  assert.equal(page.statusCode, 400);
  assert.match(page.body, new RegExp(ca('platform.errors.badRequest.title')));
  const api = await t.app.inject({ method: 'POST', url: '/api/v1/antenna/barcelona/reports', headers: { 'content-type': 'application/json', 'accept-language': 'ca' }, payload: JSON.stringify({ challenge: 'a\u0000b', pow: '1' }) });
  assert.equal(api.statusCode, 400);
  assert.match(api.headers['content-type'] as string, /problem\+json/);
  assert.equal(JSON.parse(api.body).errors?.challenge, ca('platform.forms.badInput.nul'));
});

test('the inner request cannot be asked for from outside: a made-up replay header changes nothing', async () => {
  const response = await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: { ...someone(), 'x-coproduce-form-replay': '00000000-0000-4000-8000-000000000000' } });
  assert.equal(response.statusCode, 200);
  assert.doesNotMatch(response.body, /class="error-summary"/);
});
