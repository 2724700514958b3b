// Mutual aid through HTTP on the demo: public pages show offers and needs without any contact, person's name or
// need's description; a need is matched to an offer, and — the attack — neither side, nor anyone else, gets the
// other's contact before both agreed (page, API, open data, forged posts); then both agree and each sees the other's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { listMembers } from '../../agreement/adhesion/adhesion.service.ts';

let t: TestApp;
let translationOrg: string;
const person = (name: string) => actorHeader({ personId: randomUUID(), displayName: name, locale: 'ca', grants: [] });
const memberOf = (organisationId: string) => actorHeader({ personId: randomUUID(), displayName: 'Voluntària', locale: 'ca', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  translationOrg = (await listMembers(t.database.db, barcelona.id)).find((m) => m.name === 'Fundació Sostre Obert')!.organisationId;
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, form: Record<string, string | string[]>, pageUrl: string) {
  const page = await t.app.inject({ url: pageUrl, headers });
  const { token, cookie } = csrfFrom(page);
  const body = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

const newNeed = '/ca/t/barcelona/volunteering/new?side=need';

test('public pages, open data and the API show counts and offers, and no contact, name or need description', async () => {
  const page = await t.app.inject('/ca/t/barcelona/volunteering');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /5 ofertes obertes · 3 necessitats obertes · 1 vegada s&#39;ha donat ajuda|5 ofertes obertes · 3 necessitats obertes · 1 vegada s'ha donat ajuda/);
  assert.match(page.body, /Traducció àrab i francès per a cites i tràmits/);
  for (const secret of ['611 222 333', 'Hanane', 'Imran', 'Andreea', 'voluntariat@sostreobert.example', 'no parlo català']) assert.ok(!page.body.includes(secret), secret);
  const json = await t.app.inject('/ca/t/barcelona/volunteering.json');
  assert.deepEqual(json.json().counts, { offers: 5, needs: 3, matches: 1, fulfilled: 1 });
  const csv = await t.app.inject('/ca/t/barcelona/volunteering.csv');
  const api = await t.app.inject('/api/v1/territories/barcelona/volunteering');
  assert.equal(api.json().offers.length, 5);
  for (const body of [json.body, csv.body, api.body]) for (const secret of ['@', '611 222 333', 'Hanane', 'Andreea', 'Imran', 'reunió amb la tutora']) assert.ok(!body.includes(secret), `${secret} in open data`);
  // A need's own page, read by anyone else, shows no description.
  const needId = /href="\/ca\/volunteering\/posts\/([0-9a-f-]{36})"[^>]*>Traducció a l&#39;àrab|href="\/ca\/volunteering\/posts\/([0-9a-f-]{36})"[^>]*>Traducció a l'àrab/.exec(page.body);
  const id = needId?.[1] ?? needId?.[2];
  assert.ok(id);
  const need = await t.app.inject(`/ca/volunteering/posts/${id}`);
  assert.equal(need.statusCode, 200);
  assert.ok(!need.body.includes('reunió amb la tutora'));
  assert.ok(!need.body.includes('611 222 333'));
});

test('attack: contacts stay hidden until both sides agree, whatever is asked or forged; then each sees the other', async () => {
  const needer = person('Samira Haddad');
  const helper = memberOf(translationOrg);
  const stranger = person('Curiosa');
  const bad = await post('/ca/t/barcelona/volunteering/new', needer, { side: 'need', kind: 'translation', title: '', contact: '', districtId: 'not-a-district', languages: ['ar', 'xx'] }, newNeed);
  assert.equal(bad.statusCode, 400);
  for (const f of ['title', 'contact', 'districtId', 'languages']) assert.match(bad.body, new RegExp(`id="f-${f}-error"`), f);
  const made = await post('/ca/t/barcelona/volunteering/new', needer, { side: 'need', kind: 'translation', title: "Traducció per a una cita al CAP", description: 'Dijous a les 10 h al CAP Drassanes.', contact: 'samira.secret@example.org', languages: ['ar', 'fr'] }, newNeed);
  assert.equal(made.statusCode, 303);
  const needPath = made.headers.location!.split('?')[0]!;
  const own = await t.app.inject({ url: needPath, headers: needer });
  assert.match(own.body, /samira\.secret@example\.org/);
  // The demo's translation offer is suggested, first; its contact is not on the suggestion.
  assert.match(own.body, /Traducció àrab i francès per a cites i tràmits/);
  assert.ok(!own.body.includes('voluntariat@sostreobert.example'));
  const offerId = /action="\/ca\/volunteering\/posts\/([0-9a-f-]{36})\/match"/.exec(own.body)![1]!;
  const needId = needPath.split('/').pop()!;
  // Forged: a stranger opens a match with a need that is not theirs.
  assert.equal((await post(`/ca/volunteering/posts/${offerId}/match`, stranger, { fromId: needId }, newNeed)).statusCode, 400);
  const opened = await post(`/ca/volunteering/posts/${offerId}/match`, needer, { fromId: needId }, needPath);
  assert.equal(opened.statusCode, 303);
  const matchPath = opened.headers.location!.split('?')[0]!;
  const matchId = matchPath.split('/').pop()!;
  // Before both agree: neither side sees the other's contact, and a stranger finds nothing.
  const hidden = [needer, helper].map((h) => t.app.inject({ url: matchPath, headers: h }));
  for (const r of await Promise.all(hidden)) {
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes('samira.secret@example.org'));
    assert.ok(!r.body.includes('voluntariat@sostreobert.example'));
  }
  assert.equal((await t.app.inject({ url: matchPath, headers: stranger })).statusCode, 404);
  assert.equal((await post(`${matchPath}/agree`, stranger, {}, newNeed)).statusCode, 404);
  assert.equal((await post(`${matchPath}/messages`, stranger, { body: 'hola' }, newNeed)).statusCode, 404);
  assert.equal((await post(`${matchPath}/fulfilled`, needer, {}, matchPath)).statusCode, 400);
  // The helper reads the need's description (they may help) but still no contact.
  const helperView = await t.app.inject({ url: matchPath, headers: helper });
  assert.match(helperView.body, /Dijous a les 10 h al CAP Drassanes/);
  assert.equal((await post(`${matchPath}/messages`, helper, { body: 'Hi podem anar. Compartim contactes?' }, matchPath)).statusCode, 303);
  // One side agrees: still nothing for either.
  assert.equal((await post(`${matchPath}/agree`, needer, {}, matchPath)).statusCode, 303);
  for (const h of [needer, helper]) {
    const r = await t.app.inject({ url: matchPath, headers: h });
    assert.ok(!r.body.includes('samira.secret@example.org') || h === needer, 'need contact leaked to helper before both agreed');
    assert.ok(!r.body.includes('voluntariat@sostreobert.example'), 'offer contact leaked before both agreed');
  }
  // The API and open data never carry a match or a contact.
  for (const url of ['/api/v1/territories/barcelona/volunteering', '/ca/t/barcelona/volunteering.json', `/api/v1/matches/${matchId}`]) assert.ok(!(await t.app.inject(url)).body.includes('samira.secret'), url);
  // Both agree: each sees the other's contact, and the help can be counted.
  assert.equal((await post(`${matchPath}/agree`, helper, {}, matchPath)).statusCode, 303);
  const neederView = await t.app.inject({ url: matchPath, headers: needer });
  assert.match(neederView.body, /voluntariat@sostreobert\.example/);
  assert.match((await t.app.inject({ url: matchPath, headers: helper })).body, /samira\.secret@example\.org/);
  assert.equal((await t.app.inject({ url: matchPath, headers: stranger })).statusCode, 404);
  assert.equal((await post(`${matchPath}/fulfilled`, helper, {}, matchPath)).statusCode, 303);
  assert.equal((await t.app.inject('/ca/t/barcelona/volunteering.json')).json().counts.fulfilled, 2);
});

test('garbage ids and bodies are 404 or 400, never 500; a closed post is gone for others', async () => {
  const me = person('Jana');
  for (const id of ['x', '00000000-0000-4000-8000-000000000000', '%00', 'a'.repeat(39)]) {
    assert.equal((await t.app.inject(`/ca/volunteering/posts/${id}`)).statusCode, 404, id);
    assert.equal((await t.app.inject({ url: `/ca/volunteering/matches/${id}`, headers: me })).statusCode, 404, id);
  }
  const nul = await post('/ca/t/barcelona/volunteering/new', me, { side: 'offer', kind: 'food', title: 'a\u0000b', contact: 'x' }, newNeed);
  assert.ok(nul.statusCode < 500, String(nul.statusCode));
  const dates = await post('/ca/t/barcelona/volunteering/new', me, { side: 'offer', kind: 'food', title: 'Sopes', contact: 'x', fromOn: '2026-13-01', untilOn: '2026-01-01' }, newNeed);
  assert.equal(dates.statusCode, 400);
  assert.match(dates.body, /id="f-fromOn-error"/);
  const made = await post('/ca/t/barcelona/volunteering/new', me, { side: 'offer', kind: 'food', title: 'Sopes calentes', contact: 'jana@example.org', description: 'Cada dilluns' }, newNeed);
  const path = made.headers.location!.split('?')[0]!;
  assert.equal((await t.app.inject(path)).statusCode, 200);
  assert.equal((await post(`${path}/close`, person('Altra'), {}, newNeed)).statusCode, 404);
  assert.equal((await post(`${path}/close`, me, {}, path)).statusCode, 303);
  assert.equal((await t.app.inject(path)).statusCode, 404);
  assert.equal((await t.app.inject({ url: path, headers: me })).statusCode, 200);
  // Signed out: posting asks to sign in.
  assert.ok([302, 303, 401].includes((await t.app.inject('/ca/t/barcelona/volunteering/new')).statusCode));
});

test('a title (or an offer’s details) carrying a phone, an email or an ID number is refused beside the field, with everything typed kept, and never logged', async () => {
  const me = person('Hanane');
  const errorBeside = (body: string, name: string) => new RegExp(`<p class="error-message" id="f-${name}-error"><span class="visually-hidden">[^<]*</span> No posis dades de contacte ni números d(?:'|&#39;)identitat (?:al títol|als detalls)`).test(body);
  const logsBefore = t.logs.length;
  const typed = { side: 'need', kind: 'translation', title: 'Traducció & ajuda <urgent>: truqueu al +34 612 34 56 78', description: 'Dijous a les 10 h al CAP', contact: 'hanane.b@example.org', languages: ['ar'] };
  const phone = await post('/ca/t/barcelona/volunteering/new', me, typed, newNeed);
  assert.equal(phone.statusCode, 400);
  assert.ok(errorBeside(phone.body, 'title'), 'the error beside the title');
  assert.match(phone.body, /href="#f-title"/);
  assert.match(phone.body, /value="Traducció &amp; ajuda &lt;urgent>: truqueu al \+34 612 34 56 78"/);
  assert.ok(!phone.body.includes('<urgent>'));
  assert.match(phone.body, /Dijous a les 10 h al CAP/);
  assert.match(phone.body, /value="hanane\.b@example\.org"/);
  assert.match(phone.body, /value="ar"[^>]*checked|checked[^>]*value="ar"/);
  // In Arabic-Indic digits, or an email: the same.
  for (const title of ['ترجمة، اتصلوا ٦١٢٣٤٥٦٧٨', 'Traducció: escriviu a hanane.b@example.org', 'Tràmit amb el DNI 12345678Z']) {
    const r = await post('/ca/t/barcelona/volunteering/new', me, { ...typed, title }, newNeed);
    assert.equal(r.statusCode, 400, title);
    assert.ok(errorBeside(r.body, 'title'), title);
  }
  // An offer's details are public too; a need's are not (only the people it talks to read them).
  const offer = await post('/ca/t/barcelona/volunteering/new', me, { side: 'offer', kind: 'food', title: 'Sopes calentes', description: 'Truqueu al 93 123 45 67', contact: 'x' }, newNeed);
  assert.equal(offer.statusCode, 400);
  assert.ok(errorBeside(offer.body, 'description'), 'the error beside an offer’s details');
  assert.ok(!/id="f-title-error"/.test(offer.body));
  const need = await post('/ca/t/barcelona/volunteering/new', me, { ...typed, title: 'Traducció a l’àrab, 2 hores a la setmana per a 3 famílies', description: 'Truqueu-me al 612 34 56 78 quan pugueu' }, newNeed);
  assert.equal(need.statusCode, 303, 'an ordinary title passes; a need’s private details may carry a phone');
  const logged = t.logs.slice(logsBefore).join('\n');
  assert.ok(logged.includes('POST'), 'the requests were logged, so what is missing below was left out');
  // Whole strings as typed: a bare "612" could be part of a response time.
  for (const secret of ['612 34 56 78', '612345678', '٦١٢٣٤٥٦٧٨', 'hanane.b@example.org', '12345678Z', '93 123 45 67', 'urgent']) assert.ok(!logged.includes(secret), `${secret} in the logs`);
});
