import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { geoArea } from 'd3-geo';
import { GeoJsonFormatError, parseAreas } from './area-import.ts';
import { demoDataDir } from './territory.seed.ts';

const square = (x: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  // Counter-clockwise, as RFC 7946 writes exterior rings.
  coordinates: [[[x, 41], [x + 0.01, 41], [x + 0.01, 41.01], [x, 41.01], [x, 41]]],
});

const options = { level: 'district' as const, codeProperty: 'code', nameProperty: 'name', populationProperties: ['men', 'women'] };

test('imports Barcelona’s real districts with population = men + women', () => {
  const input = JSON.parse(fs.readFileSync(path.join(demoDataDir, 'barcelona/districts.geojson'), 'utf8'));
  const result = parseAreas(input, { level: 'district', codeProperty: 'C_Distri', nameProperty: 'N_Distri', populationProperties: ['Homes', 'Dones'] });
  assert.equal(result.rejected.length, 0);
  assert.equal(result.areas.length, 10);
  const eixample = result.areas.find((a) => a.name === 'Eixample')!;
  assert.equal(eixample.code, '02');
  assert.equal(eixample.population, 266_477);
  assert.equal(result.areas.reduce((s, a) => s + (a.population ?? 0), 0), 1_621_481);
});

test('rings are rewound so that d3-geo sees each district as small, not as the whole globe minus it', () => {
  const result = parseAreas(
    { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'A', name: 'A', men: 1, women: 2 }, geometry: square(2) }] },
    options,
  );
  const area = geoArea({ type: 'Feature', properties: {}, geometry: result.areas[0]!.geometry! });
  assert.ok(area < 0.001, `spherical area ${area} should be tiny`);
});

test('each bad feature is rejected with its position and a reason; the good ones still import', () => {
  const features = [
    { type: 'Feature', properties: { code: '1', name: 'Good', men: 10, women: 12 }, geometry: square(2) },
    { type: 'Feature', properties: { name: 'No code', men: 1, women: 1 }, geometry: square(3) },
    { type: 'Feature', properties: { code: '1', name: 'Twice', men: 1, women: 1 }, geometry: square(4) },
    { type: 'Feature', properties: { code: '3', name: 'Negative', men: -5, women: 1 }, geometry: square(5) },
    { type: 'Feature', properties: { code: '4', name: 'Point', men: 1, women: 1 }, geometry: { type: 'Point', coordinates: [2, 41] } },
    { type: 'Feature', properties: { code: '5', name: 'Open ring', men: 1, women: 1 }, geometry: { type: 'Polygon', coordinates: [[[2, 41], [2.1, 41], [2.1, 41.1], [2, 41.1]]] } },
    { type: 'Feature', properties: { code: '6', name: 'Projected', men: 1, women: 1 }, geometry: { type: 'Polygon', coordinates: [[[431616, 4581563], [431700, 4581563], [431700, 4581600], [431616, 4581563]]] } },
  ];
  const result = parseAreas({ type: 'FeatureCollection', features }, options);
  assert.deepEqual(result.areas.map((a) => a.name), ['Good']);
  assert.equal(result.areas[0]!.population, 22);
  assert.deepEqual(
    result.rejected.map((r) => [r.position, r.label]),
    [[2, 'No code'], [3, 'Twice'], [4, 'Negative'], [5, 'Point'], [6, 'Open ring'], [7, 'Projected']],
  );
  assert.match(result.rejected[0]!.reason, /code/);
  assert.match(result.rejected[1]!.reason, /twice/);
  assert.match(result.rejected[2]!.reason, /population/);
  assert.match(result.rejected[3]!.reason, /Point/);
});

test('a file that is not a FeatureCollection, or in a projected CRS, is refused as a whole', () => {
  assert.throws(() => parseAreas({ type: 'Feature' }, options), GeoJsonFormatError);
  assert.throws(
    () => parseAreas({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::25831' } }, features: [] }, options),
    /longitude\/latitude/,
  );
});

test('progress is reported for every feature', () => {
  const seen: number[] = [];
  parseAreas(
    { type: 'FeatureCollection', features: [1, 2, 3].map((i) => ({ type: 'Feature', properties: { code: String(i), name: `N${i}`, men: 1, women: 1 }, geometry: square(i) })) },
    options,
    (done, total) => {
      assert.equal(total, 3);
      seen.push(done);
    },
  );
  assert.deepEqual(seen, [1, 2, 3]);
});
