// Statements through HTTP on the demo: the published statement with its dozen signatories and its translations
// (the original marked), drafts seen only by the drafters, a statement that collects two signatures (one
// withdrawn and signed again) and is published, after which signatures no longer change; bad input beside the field.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { findNetwork } from '../../agreement/networks/network.service.ts';
import { listMembers } from '../../agreement/adhesion/adhesion.service.ts';

let t: TestApp;
let territoryId: string;
let networkId: string;
let members: { organisationId: string; name: string }[];
const drafter = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000d1', displayName: 'Lucía Romero', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
const adminOf = (organisationId: string) => actorHeader({ personId: randomUUID(), displayName: 'Admin', grants: [{ role: 'organisation-admin', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  networkId = (await findNetwork(t.database.db, territoryId, 'homeless-people'))!.id;
  members = await listMembers(t.database.db, territoryId);
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, form: Record<string, string>, pageUrl: string, tokenFrom = headers) {
  const page = await t.app.inject({ url: pageUrl, headers: tokenFrom });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

test('the demo statement: published with twelve signatories, read in Spanish as a translation with the original marked', async () => {
  const list = await t.app.inject('/es/t/barcelona/statements');
  assert.equal(list.statusCode, 200);
  const link = /href="(\/es\/statements\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  const page = await t.app.inject(link);
  assert.match(page.body, /Nadie debe dormir en la calle este invierno/);
  assert.match(page.body, /La firman 12 entidades/);
  assert.match(page.body, /Traducción de las personas redactoras\. El original está en catalán/);
  assert.match(page.body, /hreflang="ca"/);
  assert.match((await t.app.inject(link.replace('/es/', '/ca/'))).body, /Text original, en català/);
  // Arabic has no translation: the original is shown, marked with its language.
  const arabic = await t.app.inject(link.replace('/es/', '/ar/'));
  assert.match(arabic.body, /<article lang="ca"/);
  const csv = await t.app.inject('/ca/t/barcelona/statements.csv');
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.trim().split(/\r?\n/);
  assert.equal(lines[0], 'statement_id,title,original_language,languages,status,published_at,organisation,signed_at');
  assert.equal(lines.length, 1 + 12);
  assert.equal((await t.app.inject('/ca/t/barcelona/statements.json')).json().signatures.length, 12);
  const api = await t.app.inject('/api/v1/territories/barcelona/statements');
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().statements[0].signatories.length, 12);
});

test('a statement is drafted, translated, opened, collects two signatures and is published; then signatures are fixed', async () => {
  const bad = await post('/ca/t/barcelona/statements/new', drafter(), { networkId, locale: 'ca', title: '<i>Prou</i>', body: '' }, '/ca/t/barcelona/statements/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-body-error"/);
  assert.match(bad.body, /value="&lt;i>Prou&lt;\/i>"/);
  const made = await post('/ca/t/barcelona/statements/new', drafter(), { networkId, locale: 'ca', title: 'Prou talls de subministraments', body: 'Cap llar sense llum ni aigua.' }, '/ca/t/barcelona/statements/new');
  assert.equal(made.statusCode, 303);
  const path = made.headers.location!.split('?')[0]!;
  // A draft is seen only by its drafters.
  assert.equal((await t.app.inject(path)).statusCode, 404);
  assert.equal((await post(`${path}/translations`, drafter(), { locale: 'ca', title: 'x', body: 'y' }, path)).statusCode, 400);
  assert.equal((await post(`${path}/translations`, drafter(), { locale: 'es', title: 'Basta de cortes de suministros', body: 'Ningún hogar sin luz ni agua.' }, path)).statusCode, 303);
  const noDate = await post(`${path}/open`, drafter(), { closesOn: '2020-01-01' }, path);
  assert.equal(noDate.statusCode, 400);
  assert.match(noDate.body, /id="f-closesOn-error"/);
  assert.equal((await post(`${path}/open`, drafter(), { closesOn: '2099-12-31' }, path)).statusCode, 303);
  const [a, b] = [members[0]!, members[1]!];
  assert.equal((await post(`${path}/sign`, adminOf(a.organisationId), { organisationId: a.organisationId }, path)).statusCode, 303);
  assert.equal((await post(`${path}/withdraw`, adminOf(a.organisationId), { organisationId: a.organisationId }, path)).statusCode, 303);
  assert.match((await t.app.inject(path)).body, /Encara no l&#39;ha signada cap entitat|Encara no l'ha signada cap entitat/);
  assert.equal((await post(`${path}/sign`, adminOf(a.organisationId), { organisationId: a.organisationId }, path)).statusCode, 303);
  assert.equal((await post(`${path}/sign`, adminOf(b.organisationId), { organisationId: b.organisationId }, path)).statusCode, 303);
  // An organisation admin cannot sign for another organisation.
  assert.equal((await post(`${path}/sign`, adminOf(a.organisationId), { organisationId: members[2]!.organisationId }, path)).statusCode, 403);
  assert.equal((await post(`${path}/publish`, adminOf(a.organisationId), {}, path)).statusCode, 403);
  assert.equal((await post(`${path}/publish`, drafter(), {}, path)).statusCode, 303);
  const published = await t.app.inject(path);
  assert.match(published.body, /La signen 2 entitats/);
  assert.ok(published.body.includes(a.name.replace(/'/g, '&#39;')) || published.body.includes(a.name));
  // The published page has no signing form any more; a withdrawal posted anyway is refused beside the field.
  const late = await post(`${path}/withdraw`, adminOf(a.organisationId), { organisationId: a.organisationId }, '/ca/t/barcelona/statements/new', drafter());
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /Les signatures estan tancades/);
  assert.match((await t.app.inject(path)).body, /La signen 2 entitats/);
});
