// The Metropolitan Social Forum across its municipalities: statements and debates say where the organisations
// that signed or spoke are registered, and filter by it with the same select and chip as the forum's directory.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listStatements, statementDetail } from './statements/statement.service.ts';
import { listDebates } from './debates/debate.service.ts';
import { organisationsByIds } from '../agreement/organisations/organisation.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

test('the forum statements list shows where the signatories are registered and filters by municipality', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const [s] = await listStatements(db, null, forum.id);
  assert.ok(s, 'the forum has a statement');
  const detail = (await statementDetail(db, null, s.id))!;
  const signers = await organisationsByIds(db, detail.signatures.map((x) => x.organisationId));
  const homes = new Set(signers.map((o) => o.territoryId));
  assert.ok(homes.size >= 1);
  const signerHome = [...homes][0]!;
  const municipalities = await t.app.inject('/ca/t/metropolitan-social-forum/statements');
  assert.equal(municipalities.statusCode, 200);
  assert.match(municipalities.body, /name="municipality"/, 'the filter is there in a forum');
  assert.match(municipalities.body, /Signants de:/);
  const slugOf = /<option value="([a-z0-9-]+)"[^>]*>([^<]+)<\/option>/g;
  const options = [...municipalities.body.matchAll(slugOf)].map((m) => m[1]!);
  assert.ok(options.length >= 4, `the forum's municipalities are offered (${options.join(', ')})`);
  const signed = (await Promise.all(options.map((slug) => findTerritory(db, slug)))).find((x) => x?.id === signerHome)!;
  assert.ok(signed, 'a signatory is registered in one of the forum municipalities');
  const filtered = await t.app.inject(`/ca/t/metropolitan-social-forum/statements?municipality=${signed.slug}`);
  assert.equal(filtered.statusCode, 200);
  assert.match(filtered.body, /Per un protocol metropolità contra els desnonaments/);
  assert.match(filtered.body, new RegExp(`Treu el filtre </span>Municipi: ${signed.name.replace(/[’']/g, '.')}`));
  const unsigned = (await Promise.all(options.map((slug) => findTerritory(db, slug)))).find((x) => x && !homes.has(x.id));
  assert.ok(unsigned, 'some municipality has no signatory of the forum statement');
  const none = await t.app.inject(`/ca/t/metropolitan-social-forum/statements?municipality=${unsigned.slug}`);
  assert.doesNotMatch(none.body, /Per un protocol metropolità contra els desnonaments/);
  const unknown = await t.app.inject('/ca/t/metropolitan-social-forum/statements?municipality=atlantis');
  assert.equal(unknown.statusCode, 200);
  assert.doesNotMatch(unknown.body, /Per un protocol metropolità contra els desnonaments/, 'an unknown municipality finds nothing, not everything');
  const page = await t.app.inject(`/ca/statements/${s.id}`);
  assert.match(page.body, new RegExp(`${signers[0]!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/’/g, '.')}\\s*\\(`), 'a signatory is followed by its municipality');
});

test('a municipality (not a forum) shows no municipality filter', async () => {
  const res = await t.app.inject('/ca/t/barcelona/statements');
  assert.equal(res.statusCode, 200);
  assert.doesNotMatch(res.body, /name="municipality"/);
  const debates = await t.app.inject('/ca/t/barcelona/debates');
  assert.doesNotMatch(debates.body, /name="municipality"/);
});

test('the forum debates say where the organisations that spoke are registered and filter by it', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const debates = await listDebates(db, forum.id, null, { voices: true });
  const spoken = debates.find((d) => d.voiceTerritoryIds.length > 0);
  assert.ok(spoken, 'organisations spoke in a forum debate');
  const home = spoken.voiceTerritoryIds[0]!;
  const list = await t.app.inject('/ca/t/metropolitan-social-forum/debates');
  assert.match(list.body, /Hi han parlat organitzacions de:/);
  const options = [...list.body.matchAll(/<option value="([a-z0-9-]+)"[^>]*>/g)].map((m) => m[1]!);
  const territories = (await Promise.all(options.map((slug) => findTerritory(db, slug)))).filter((x) => x !== null);
  const voiced = territories.find((x) => x.id === home)!;
  assert.ok(voiced, 'the municipality of a voice is offered');
  const filtered = await t.app.inject(`/ca/t/metropolitan-social-forum/debates?municipality=${voiced.slug}`);
  assert.ok(filtered.body.includes(`/ca/debates/${spoken.id}`), 'the debate is found by its voices’ municipality');
  const silent = territories.find((x) => !debates.some((d) => d.voiceTerritoryIds.includes(x.id)));
  assert.ok(silent, 'some municipality of the forum has not spoken in its debates');
  const none = await t.app.inject(`/ca/t/metropolitan-social-forum/debates?municipality=${silent.slug}`);
  assert.equal(none.statusCode, 200);
  assert.ok(!none.body.includes(`/ca/debates/${spoken.id}`), 'a municipality whose organisations did not speak finds none of them');
  const page = await t.app.inject(`/ca/debates/${spoken.id}`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes(`(${voiced.name})`), 'a contribution names the municipality of its organisation');
});
