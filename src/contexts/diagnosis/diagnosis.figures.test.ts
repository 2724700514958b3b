import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketsBetween, buildSnapshot, previousPeriod, type FigureQueries, type SnapshotContext } from './diagnosis.figures.ts';
import { parseExplorerQuery } from './diagnosis.query.ts';

const context: SnapshotContext = {
  territory: { id: 't', slug: 'x', name: 'X', grounds: ['age', 'religion'] },
  period: { from: '2025-01', to: '2025-12', granularity: 'quarter' },
  exact: false,
  names: { services: { s1: { name: 'S1', nameTranslations: {}, departmentId: 'd' }, s2: { name: 'S2', nameTranslations: {}, departmentId: 'd' } }, departments: {}, facilities: {} },
  areas: [
    { id: 'a', code: '01', name: 'A', population: 100_000, path: null },
    { id: 'b', code: '02', name: 'B', population: 50_000, path: null },
  ],
};

const empty: FigureQueries = { facts: [], mentions: [], severity: [], barriers: [], previous: [], scoreCards: [], paired: [] };

test('periods: buckets, and the period of the same length just before', () => {
  assert.deepEqual(bucketsBetween({ from: '2024-11', to: '2025-04', granularity: 'quarter' }), ['2024-Q4', '2025-Q1', '2025-Q2']);
  assert.deepEqual(bucketsBetween({ from: '2024-11', to: '2025-01', granularity: 'month' }), ['2024-11', '2024-12', '2025-01']);
  assert.deepEqual(previousPeriod({ from: '2025-01', to: '2025-12', granularity: 'year' }), { from: '2024-01', to: '2024-12' });
  assert.deepEqual(previousPeriod({ from: '2025-03', to: '2025-05', granularity: 'month' }), { from: '2024-12', to: '2025-02' });
});

test('the district, service and period tables share their totals; small cells are hidden in all of them', () => {
  const q: FigureQueries = {
    ...empty,
    facts: [
      { source: 'finding', service_id: 's1', district_id: 'a', bucket: '2025-Q1', n: 40 },
      { source: 'case', service_id: 's1', district_id: 'a', bucket: '2025-Q2', n: 30 },
      { source: 'finding', service_id: 's2', district_id: 'b', bucket: '2025-Q3', n: 3 },
      { source: 'case', service_id: 's2', district_id: 'b', bucket: '2025-Q4', n: 20 },
    ],
    severity: [
      { service_id: 's1', n: 40, mean: 2.5 },
      { service_id: 's2', n: 3, mean: 4 },
    ],
  };
  const s = buildSnapshot(q, context);
  assert.deepEqual(s.tables.byDistrict.colTotals, s.tables.byService.colTotals);
  assert.deepEqual(s.tables.byDistrict.colTotals, s.tables.byPeriod.colTotals);
  // Published, every hidden cell says only 'hidden': which ones are small is not told.
  assert.equal(s.tables.byDistrict.cells[1]![0]!.status, 'hidden');
  assert.equal(s.tables.byService.cells[1]![0]!.status, 'hidden');
  assert.equal(s.tables.byPeriod.cells[2]![0]!.status, 'hidden');
  assert.equal(s.audit!.ok, true);
  assert.ok(s.audit!.narrowest >= 5);
  // S1's 40 findings hide S2's 3 in their column, so the count beside S1's mean is hidden too; the mean
  // of S2 rests on 3 findings and is not shown.
  assert.equal(s.tables.byService.cells[0]![0]!.value, null);
  assert.deepEqual(
    s.severity.map((x) => [x.serviceId, x.findings, x.mean]),
    [
      ['s1', null, 2.5],
      ['s2', null, null],
    ],
  );
  const exact = buildSnapshot(q, { ...context, exact: true });
  assert.equal(exact.tables.byDistrict.cells[1]![0]!.value, 3);
});

test('structural patterns: a ground with at least k mentions in at least 3 periods and half of them', () => {
  const mentions = ['2025-Q1', '2025-Q2', '2025-Q3'].map((bucket) => ({ service_id: 's1', ground: 'age', bucket, n: 6 }));
  const rare = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'].map((bucket) => ({ service_id: 's1', ground: 'religion', bucket, n: 4 }));
  const s = buildSnapshot({ ...empty, mentions: [...mentions, ...rare], barriers: [{ service_id: 's1', barrier: 'no-interpreter', facilities: 3 }] }, context);
  assert.deepEqual(s.patterns.grounds, [{ ground: 'age', periods: 3, of: 4 }]);
  assert.deepEqual(s.patterns.barriers, [{ serviceId: 's1', barrier: 'no-interpreter', facilities: 3 }]);
});

test('paired tests below the minimum keep no counts in a public snapshot', () => {
  const s = buildSnapshot({ ...empty, paired: [{ service_id: 's1', ground: 'age', both_well: 3, both_badly: 1, minority_worse: 2, majority_worse: 0 }] }, context);
  assert.equal(s.pairedTests[0]!.enough, false);
  assert.equal(s.pairedTests[0]!.counts, null);
});

test('explorer filters from the URL: defaults, and field errors for anything malformed', () => {
  const today = new Date('2026-03-15T00:00:00Z');
  const { query, errors } = parseExplorerQuery({}, today);
  assert.deepEqual(query, { rows: 'service', cols: 'ground', period: { from: '2025-04', to: '2026-03', granularity: 'quarter' }, filters: {} });
  assert.deepEqual(errors, {});
  const bad = parseExplorerQuery({ rows: 'x', cols: 'service', from: '2025-13', service: 'drop', source: 'finding', ground: 'age' }, today);
  assert.deepEqual(Object.keys(bad.errors).sort(), ['cols', 'from', 'rows', 'service']);
  assert.equal(bad.query.rows, 'service');
  assert.equal(bad.query.cols, 'source', 'rows and columns never show the same thing');
  assert.deepEqual(bad.query.filters, { source: 'finding', ground: 'age' });
  const reversed = parseExplorerQuery({ from: '2025-06', to: '2025-01' }, today);
  assert.equal(reversed.errors.to, 'diagnosis.prepare.errors.order');
  assert.deepEqual([reversed.query.period.from, reversed.query.period.to], ['2025-01', '2025-06']);
});
