import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { direction, locales } from '../../platform/i18n/locales.ts';
import { forumNames } from './territory.seed.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => t.close());

test('the home page lists the demo territories in every language', async () => {
  for (const locale of locales) {
    const response = await t.app.inject(`/${locale}/`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, new RegExp(`<html lang="${locale}" dir="${direction(locale)}">`));
    const forum = locale === 'ca' ? 'Fòrum Social Metropolità' : forumNames[locale];
    for (const name of ['Barcelona', 'Fuenlabrada', forum, 'Mataró', 'Terrassa']) assert.ok(response.body.includes(name), `${name} on /${locale}/`);
  }
});

test('Barcelona’s page shows its 10 districts with population, a map and the same figures in a table', async () => {
  const response = await t.app.inject('/es/t/barcelona');
  assert.equal(response.statusCode, 200);
  assert.match(response.body, /<svg class="map__svg"[^>]*role="img"/);
  assert.equal((response.body.match(/<path /g) ?? []).length, 10);
  assert.match(response.body, /<caption>Distritos de Barcelona y su población<\/caption>/);
  assert.match(response.body, /Nou Barris/);
  assert.match(response.body, /1\.621\.481/);
});

test('a forum lists its municipalities, and a municipality its forums', async () => {
  const forum = await t.app.inject('/en/t/metropolitan-social-forum');
  for (const name of ['Barcelona', 'Hospitalet de Llobregat', 'Santa Coloma de Gramenet', 'Terrassa', 'Mataró']) assert.ok(forum.body.includes(name), name);
  const fuenlabrada = await t.app.inject('/en/t/fuenlabrada');
  assert.match(fuenlabrada.body, /8 districts/);
  assert.match(fuenlabrada.body, /Not known/);
  assert.doesNotMatch(fuenlabrada.body, /<svg/);
});

test('the JSON API gives the same territory, with geometry on request', async () => {
  const list = await t.app.inject('/api/v1/territories');
  assert.equal(list.statusCode, 200);
  const barcelona = list.json().territories.find((x: { slug: string }) => x.slug === 'barcelona');
  assert.deepEqual(barcelona, { slug: 'barcelona', name: 'Barcelona', kind: 'municipality', districts: 10, population: 1_621_481 });
  const detail = (await t.app.inject('/api/v1/territories/barcelona')).json();
  assert.equal(detail.areas.filter((a: { level: string }) => a.level === 'neighbourhood').length, 73);
  assert.equal(detail.areas[0].geometry, undefined);
  const raval = detail.areas.find((a: { name: string }) => a.name === 'el Raval');
  assert.equal(raval.parentCode, '01');
  const withGeometry = (await t.app.inject('/api/v1/territories/barcelona?geometry=true')).json();
  assert.ok(['Polygon', 'MultiPolygon'].includes(withGeometry.areas[0].geometry.type));
});

test('an unknown territory is a translated 404 page, or a problem document under /api', async () => {
  const page = await t.app.inject('/ca/t/atlantis');
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /No es troba la pàgina/);
  const api = await t.app.inject('/api/v1/territories/atlantis');
  assert.equal(api.statusCode, 404);
  assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal(api.json().status, 404);
});

test('a territory that runs the Agreement links to it from its page; one that does not, does not', async () => {
  const barcelona = await t.app.inject('/ca/t/barcelona');
  for (const page of ['agreement', 'directory', 'challenges']) assert.match(barcelona.body, new RegExp(`href="/ca/t/barcelona/${page}"`));
  assert.match((await t.app.inject('/es/t/metropolitan-social-forum')).body, /href="\/es\/t\/metropolitan-social-forum\/agreement"/);
  assert.doesNotMatch((await t.app.inject('/ca/t/fuenlabrada')).body, /\/agreement"/);
});
