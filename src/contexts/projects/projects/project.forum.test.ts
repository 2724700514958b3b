// The Metropolitan Social Forum's joint projects across its municipalities: each project says where its partner
// organisations are registered, and the list filters by that municipality; an unknown or hostile value finds nothing
// and never fails; a plain municipality's projects have no such filter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { listProjects, partnerTerritories } from './project.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

const list = '/ca/t/metropolitan-social-forum/projects';
const forumProject = 'Cap desnonament sense alternativa a l’àrea metropolitana';
const projectLinks = (body: string) => [...body.matchAll(/<a href="\/(?:ca|es)\/projects\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);

test('the forum projects say where their partners are registered and filter by it', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const [project] = await listProjects(db, forum.id);
  assert.ok(project, 'the forum has a joint project');
  const homes = await partnerTerritories(db, project.partners);
  const hospitalet = (await findTerritory(db, 'hospitalet-de-llobregat'))!;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  assert.ok([...homes.values()].includes(hospitalet.id) && [...homes.values()].includes(barcelona.id), 'partners from two municipalities');

  const all = await t.app.inject(list);
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /<label[^>]*>Amb socis de<\/label>/);
  assert.match(all.body, /Socis de: <span>Barcelona<\/span><span>, (?:<span lang="ca">)?L.Hospitalet de Llobregat/, 'the list names the partners’ municipalities');

  for (const slug of ['barcelona', 'hospitalet-de-llobregat']) {
    const res = await t.app.inject(`${list}?municipality=${slug}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(projectLinks(res.body), [project.id], `found by a partner from ${slug}`);
    assert.match(res.body, /Treu el filtre <\/span>Municipi: /);
  }
  const terrassa = await t.app.inject(`${list}?municipality=terrassa`);
  assert.deepEqual(projectLinks(terrassa.body), [], 'no partner of the project is from Terrassa');
  assert.match(terrassa.body, /Cap projecte conjunt no té socis d&#x27;aquest municipi|Cap projecte conjunt no té socis d'aquest municipi/);

  const page = await t.app.inject(`/ca/projects/${project.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Associació Sostre Digne Collblanc(?:<\/span>)? \((?:<span lang="ca">)?L.Hospitalet de Llobregat/, 'a partner is followed by its municipality');
  assert.ok(page.body.includes(forumProject));
});

test('the service filters by a partner’s municipality, and finds none for null', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const mataro = (await findTerritory(db, 'mataro'))!;
  const barcelona = (await findTerritory(db, 'barcelona'))!;
  assert.equal((await listProjects(db, forum.id, { partnerFrom: barcelona.id })).length, 1);
  assert.deepEqual(await listProjects(db, forum.id, { partnerFrom: mataro.id }), []);
  assert.deepEqual(await listProjects(db, forum.id, { partnerFrom: null }), []);
  assert.deepEqual(await listProjects(db, forum.id, { partnerFrom: 'garbage' }), []);
});

test('an unknown, foreign or hostile municipality finds nothing, translated, and never fails', async () => {
  for (const value of ['atlantis', 'metropolitan-social-forum', '%27%20or%201%3D1--', '%00', 'x'.repeat(100)]) {
    const res = await t.app.inject(`${list}?municipality=${value}`);
    assert.equal(res.statusCode, 200, value);
    assert.deepEqual(projectLinks(res.body), [], value);
    assert.doesNotMatch(res.body, /Treu el filtre/);
  }
  for (const url of [`${list}?municipality=${'x'.repeat(101)}`, `${list}?municipality=a&municipality=b`, `${list}?municipality[]=mataro`]) {
    const res = await t.app.inject(url);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
  }
  const spanish = await t.app.inject('/es/t/metropolitan-social-forum/projects?municipality=atlantis');
  assert.match(spanish.body, /Ningún proyecto conjunto tiene socios de este municipio/);
});

test('a municipality’s projects have no municipality filter and ignore the value', async () => {
  const plain = await t.app.inject('/ca/t/barcelona/projects');
  assert.equal(plain.statusCode, 200);
  assert.doesNotMatch(plain.body, /name="municipality"|Socis de:/);
  const ignored = await t.app.inject('/ca/t/barcelona/projects?municipality=mataro');
  assert.deepEqual(projectLinks(ignored.body), projectLinks(plain.body));
  assert.ok(projectLinks(plain.body).length > 0);
});
