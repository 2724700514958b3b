// Ranking rules: the same kind always, a shared language first, then the same district above a neighbouring one;
// different areas or dates that do not overlap rule a pair out; districts touch when their outlines share points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { districtNeighbours, rankMatches, type Matchable } from './matching.ts';

const base: Matchable = { id: 'need', kind: 'translation', area: '', districtId: 'raval', languages: ['ar'], fromOn: '2026-09-20', untilOn: '2026-10-15' };
const offer = (id: string, over: Partial<Matchable>): Matchable => ({ id, kind: 'translation', area: '', districtId: null, languages: [], fromOn: null, untilOn: null, ...over });
const neighbours = new Map([['raval', new Set(['eixample'])], ['eixample', new Set(['raval'])]]);

test('same kind only; shared language, then same district, then a neighbouring one', () => {
  const ranked = rankMatches(base, [offer('far-ar', { districtId: 'nou-barris', languages: ['ar'] }), offer('same-es', { districtId: 'raval', languages: ['es'] }), offer('near-ar', { districtId: 'eixample', languages: ['ar', 'fr'] }), offer('same-ar', { districtId: 'raval', languages: ['ar'] }), offer('food', { kind: 'food', districtId: 'raval', languages: ['ar'] })], neighbours);
  assert.deepEqual(ranked.map((r) => r.post.id), ['same-ar', 'near-ar', 'far-ar', 'same-es']);
  assert.equal(ranked[1]!.nearDistrict, true);
  assert.deepEqual(ranked[1]!.sharedLanguages, ['ar']);
});

test('dates that do not overlap, and two different areas, rule a pair out; no area matches any', () => {
  assert.equal(rankMatches(base, [offer('late', { fromOn: '2026-11-01' })], neighbours).length, 0);
  assert.equal(rankMatches(base, [offer('early', { untilOn: '2026-09-19' })], neighbours).length, 0);
  assert.equal(rankMatches(base, [offer('open', {})], neighbours).length, 1);
  const housing = { ...base, area: 'housing' };
  assert.equal(rankMatches(housing, [offer('health', { area: 'health' })], neighbours).length, 0);
  const [same] = rankMatches(housing, [offer('housing', { area: 'housing' })], neighbours);
  assert.equal(same!.sameArea, true);
  assert.equal(rankMatches(housing, [offer('any', {})], neighbours).length, 1);
});

test('districts whose outlines share border points are neighbours; others are not', () => {
  const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
  const n = districtNeighbours([
    { id: 'a', geometry: square(0, 0) },
    { id: 'b', geometry: square(1, 0) },
    { id: 'c', geometry: square(5, 5) },
  ]);
  assert.deepEqual([...n.get('a')!], ['b']);
  assert.deepEqual([...n.get('c')!], []);
});
