import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generalise, quarterOf, smallestClass, type QuasiIdentifiers } from './k-anonymity.ts';

const row = (over: Partial<QuasiIdentifiers>): QuasiIdentifiers => ({ service: 's1', ground: 'age', district: 'd1', neighbourhood: 'n1', month: '2025-01', ...over });
const times = (n: number, over: Partial<QuasiIdentifiers>) => Array.from({ length: n }, () => row(over));

test('quarters', () => {
  assert.equal(quarterOf('2025-01'), '2025-Q1');
  assert.equal(quarterOf('2025-06'), '2025-Q2');
  assert.equal(quarterOf('2025-12'), '2025-Q4');
});

test('a class with k rows is released as it is', () => {
  const out = generalise(times(5, {}), 5);
  assert.ok(out.every((r) => r?.level === 0 && r.neighbourhood === 'n1' && r.period === '2025-01'));
});

test('rare neighbourhoods are generalised to their district, then months to quarters, then grounds to other', () => {
  const rows = [
    ...times(3, { neighbourhood: 'n1' }),
    ...times(2, { neighbourhood: 'n2' }), // 3 + 2 = 5 in district d1, month 2025-01 → level 1
    ...times(2, { neighbourhood: 'n3', month: '2025-02' }),
    ...times(3, { neighbourhood: 'n3', month: '2025-03' }), // 5 in d1, 2025-Q1 → level 2
    ...times(2, { ground: 'religion', district: 'd2', neighbourhood: 'n9', month: '2025-04' }),
    ...times(3, { ground: 'disability', district: 'd2', neighbourhood: 'n9', month: '2025-05' }), // → "other", 2025-Q2
    row({ service: 's2', district: 'd3', neighbourhood: 'n7' }), // alone: left out
  ];
  const out = generalise(rows, 5);
  assert.deepEqual(out.slice(0, 5).map((r) => [r!.level, r!.district, r!.neighbourhood, r!.period]), Array(5).fill([1, 'd1', null, '2025-01']));
  assert.deepEqual(out.slice(5, 10).map((r) => [r!.level, r!.period]), Array(5).fill([2, '2025-Q1']));
  assert.deepEqual(out.slice(10, 15).map((r) => [r!.level, r!.ground, r!.period]), Array(5).fill([3, 'other', '2025-Q2']));
  assert.equal(out[15], null);
  assert.ok(smallestClass(out) >= 5);
});

test('random data: every released combination appears at least k times', () => {
  let seed = 3;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const rows = Array.from({ length: 3000 }, () => {
    const district = pick(['d1', 'd2', 'd3', 'd4']);
    return row({
      service: pick(['s1', 's2', 's3', 's4', 's5', null]),
      ground: pick(['age', 'religion', 'disability', 'ethnic-origin', 'age+sex-gender']),
      district,
      neighbourhood: `${district}-${pick(['a', 'b', 'c'])}`,
      month: `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}`,
    });
  });
  const out = generalise(rows, 5);
  assert.ok(smallestClass(out) >= 5);
  assert.ok(out.filter(Boolean).length > 2500, 'most rows survive');
  assert.ok(out.some((r) => r?.level === 0) && out.some((r) => r && r.level > 0));
});
