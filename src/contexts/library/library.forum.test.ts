// The Metropolitan Social Forum's library across its municipalities: each item says where the organisation that
// published it is registered, and the list filters by that municipality (kept with the other filters); an unknown or
// hostile value finds nothing and never fails; a plain municipality's library has no such filter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { libraryItem } from './library.schema.ts';
import { searchLibrary } from './library.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 10_000 } });
});
after(async () => t.close());

const list = '/ca/t/metropolitan-social-forum/library';
const mataroItem = "Obrir l'acollida d'hivern en una ciutat mitjana";
const barcelonaItem = 'Calculadora de terminis per a l';
const networkItem = "Desnonaments a l'àrea metropolitana";
/** The titles of the items listed on a library page, as they are written in the HTML. */
const titles = (body: string) => [...body.matchAll(/<h2 class="card__title"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]!.replace(/&#x27;|&#39;/g, "'"));

test('the forum library says where each publishing organisation is registered and filters by it', async () => {
  const all = await t.app.inject(list);
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /name="municipality"/, 'the filter is there in a forum');
  assert.match(all.body, /<label[^>]*>Publicat per organitzacions de<\/label>/);
  assert.match(all.body, /<option value="mataro"[^>]*>Mataró<\/option>/, 'municipalities are named, never shown by id');
  assert.match(all.body, /Fundació Maresme Sense Llar<\/span> \(<span lang="ca">Mataró<\/span>\)|Fundació Maresme Sense Llar<\/span> \(Mataró\)/, 'an item names its publisher’s municipality');
  assert.ok(titles(all.body).length >= 5);

  const mataro = await t.app.inject(`${list}?municipality=mataro`);
  assert.equal(mataro.statusCode, 200);
  assert.deepEqual(titles(mataro.body).map((x) => x.startsWith(mataroItem)), [true], 'only the item of the Mataró organisation');
  assert.match(mataro.body, /Treu el filtre <\/span>Municipi: Mataró/);

  const barcelona = await t.app.inject(`${list}?municipality=barcelona`);
  const found = titles(barcelona.body);
  assert.ok(found.some((x) => x.startsWith(barcelonaItem)));
  assert.ok(!found.some((x) => x.startsWith(mataroItem) || x.startsWith(networkItem)), 'neither another municipality’s item nor a network’s');
  assert.equal(found.length, 3, 'the three items of Barcelona organisations');

  // Combined with the other filters, and kept in the links that take one of them off.
  const combined = await t.app.inject(`${list}?municipality=barcelona&kind=tool`);
  assert.deepEqual(titles(combined.body).map((x) => x.startsWith(barcelonaItem)), [true]);
  assert.match(combined.body, /<a class="chip" href="\/ca\/t\/metropolitan-social-forum\/library\?kind=tool">/, 'removing the municipality keeps the kind');
  const none = await t.app.inject(`${list}?municipality=mataro&kind=tool`);
  assert.deepEqual(titles(none.body), []);
  assert.match(none.body, /No hi ha res que coincideixi amb aquests filtres/);
});

test('the service finds by municipality exactly the items of its organisations, and none for a territory with none', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const mataro = (await findTerritory(db, 'mataro'))!;
  const hospitalet = (await findTerritory(db, 'hospitalet-de-llobregat'))!;
  const found = await searchLibrary(db, forum.id, { publishedFrom: mataro.id });
  assert.deepEqual(found.items.map((i) => i.publisherName), ['Fundació Maresme Sense Llar']);
  assert.equal(found.total, 1);
  assert.equal((await searchLibrary(db, forum.id, { publishedFrom: hospitalet.id })).total, 0);
  assert.equal((await searchLibrary(db, forum.id, { publishedFrom: null })).total, 0, 'an unknown municipality finds nothing rather than everything');
  assert.equal((await searchLibrary(db, forum.id, { publishedFrom: 'not-a-uuid' })).total, 0);
  assert.equal((await searchLibrary(db, forum.id, {})).total, (await db.select().from(libraryItem)).filter((i) => i.territoryId === forum.id).length);
});

test('an unknown, foreign or hostile municipality finds nothing, translated, and never fails', async () => {
  for (const value of ['atlantis', 'fuenlabrada', 'metropolitan-social-forum', '%27%20or%201%3D1--', '%00', '%E2%80%AE', 'x'.repeat(100)]) {
    const res = await t.app.inject(`${list}?municipality=${value}`);
    assert.equal(res.statusCode, 200, value);
    assert.deepEqual(titles(res.body), [], `nothing for ${value}`);
    assert.match(res.body, /No hi ha res que coincideixi amb aquests filtres/);
    assert.doesNotMatch(res.body, /Treu el filtre/, 'no chip for a municipality the forum does not have');
  }
  for (const url of [`${list}?municipality=${'x'.repeat(101)}`, `${list}?municipality=a&municipality=b`, `${list}?municipality[]=mataro`, `${list}?municipality=mataro&page=-1`]) {
    const res = await t.app.inject(url);
    assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
  }
  const spanish = await t.app.inject('/es/t/metropolitan-social-forum/library?municipality=atlantis');
  assert.match(spanish.body, /No hay nada que coincida con estos filtros/);
});

test('an item of the forum names its publisher’s municipality; a municipality’s library changes nothing', async () => {
  const db = t.database.db;
  const forum = (await findTerritory(db, 'metropolitan-social-forum'))!;
  const [item] = (await searchLibrary(db, forum.id, { q: 'acollida hivern Mataró' })).items;
  assert.ok(item);
  const page = await t.app.inject(`${list}/${item.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Fundació Maresme Sense Llar<\/span> \((?:<span lang="ca">)?Mataró/);

  const barcelona = await t.app.inject('/ca/t/barcelona/library');
  assert.doesNotMatch(barcelona.body, /name="municipality"/);
  const ignored = await t.app.inject('/ca/t/barcelona/library?municipality=mataro');
  assert.deepEqual(titles(ignored.body), titles(barcelona.body), 'outside a forum the value is ignored');
  assert.doesNotMatch(ignored.body, /Municipi: /);
});

test('a forum’s co-production pages name it in the page’s language, as its portal does', async () => {
  for (const [path, lang, name] of [
    ['/es/t/metropolitan-social-forum/library', 'es', 'Foro Social Metropolitano'],
    ['/en/t/metropolitan-social-forum/events', 'en', 'Metropolitan Social Forum'],
    ['/fr/t/metropolitan-social-forum/projects', 'fr', 'Forum social métropolitain'],
    ['/es/t/metropolitan-social-forum/debates', 'es', 'Foro Social Metropolitano'],
    ['/en/t/metropolitan-social-forum/statements', 'en', 'Metropolitan Social Forum'],
  ] as const) {
    const page = await t.app.inject(path);
    assert.equal(page.statusCode, 200, path);
    const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(page.body)![1]!;
    assert.ok(heading.includes(name), `${path} (${lang}): ${heading}`);
    assert.ok(!heading.includes('Fòrum Social Metropolità'), `${path}: not the Catalan name`);
  }
});
