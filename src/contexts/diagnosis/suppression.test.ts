import { test } from 'node:test';
import assert from 'node:assert/strict';
import { determinedCells, protect, protectTable, protectTables, type Constraint, type CountTable, type PublishedTable } from './suppression.ts';
import { audit } from './attacker.ts';

const k = 5;

/**
 * An attacker's view, independent of the algorithm: every filling of the suppressed interior cells
 * with non-negative integers that agrees with every shown cell and margin. Returns, per suppressed
 * interior cell, the set of values it can take. A reader does not learn which hidden cells are small:
 * every hidden cell reads the same, so its only bound is ≥ 0.
 */
function feasibleValues(published: PublishedTable, truth: CountTable, max = 40): Map<string, Set<number>> {
  const rows = truth.rows.length;
  const cols = truth.cols.length;
  const unknown: [number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (published.cells[r]![c]!.value === null) unknown.push([r, c]);
  const grid = published.cells.map((row) => row.map((cell) => cell.value ?? 0));
  const seen = new Map<string, Set<number>>(unknown.map(([r, c]) => [`${r},${c}`, new Set<number>()]));
  const fits = (cell: { value: number | null; status: string }, v: number) => cell.status !== 'shown' || cell.value === v;
  const rowOk = (r: number) => fits(published.rowTotals[r]!, grid[r]!.reduce((a, b) => a + b, 0));
  const check = () => {
    for (let c = 0; c < cols; c++) if (!fits(published.colTotals[c]!, grid.reduce((a, row) => a + row[c]!, 0))) return false;
    return fits(published.total, grid.flat().reduce((a, b) => a + b, 0));
  };
  const walk = (i: number) => {
    if (i === unknown.length) {
      if (!check()) return;
      for (const [r, c] of unknown) seen.get(`${r},${c}`)!.add(grid[r]![c]!);
      return;
    }
    const [r, c] = unknown[i]!;
    const lastInRow = i + 1 === unknown.length || unknown[i + 1]![0] !== r;
    const rowTotal = published.rowTotals[r]!;
    const colTotal = published.colTotals[c]!;
    // The last hidden cell of a row whose total is shown is that total minus the rest.
    if (lastInRow && rowTotal.value !== null) {
      grid[r]![c] = 0;
      const v = rowTotal.value - grid[r]!.reduce((a, b) => a + b, 0);
      if (v < 0) return;
      grid[r]![c] = v;
      walk(i + 1);
      return;
    }
    const top = Math.min(max, rowTotal.value ?? max, colTotal.value ?? max);
    for (let v = 0; v <= top; v++) {
      grid[r]![c] = v;
      if (lastInRow && !rowOk(r)) continue;
      walk(i + 1);
    }
  };
  for (let r = 0; r < rows; r++) if (!unknown.some(([ur]) => ur === r) && !rowOk(r)) return seen;
  walk(0);
  return seen;
}

function assertProtected(published: PublishedTable, truth: CountTable) {
  // Every cell below k is hidden, and the truth is among the fillings a reader finds.
  truth.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v > 0 && v < k) assert.equal(published.cells[r]![c]!.status, 'primary', `cell ${r},${c} = ${v} is primary`);
      if (v === 0) assert.equal(published.cells[r]![c]!.value, 0, `a zero is published as 0`);
    }),
  );
  const feasible = feasibleValues(published, truth);
  for (const [cell, values] of feasible) {
    const [r, c] = cell.split(',').map(Number) as [number, number];
    assert.ok(values.has(truth.values[r]![c]!), `truth of ${cell} is feasible`);
    if (published.cells[r]![c]!.status !== 'primary') continue;
    const width = Math.max(...values) - Math.min(...values);
    assert.ok(width >= Math.max(k, truth.values[r]![c]!), `cell ${cell} (${truth.values[r]![c]}) is protected: it could be ${Math.min(...values)} to ${Math.max(...values)}`);
  }
}

/** A table with margins as the suppression's cells and constraints, ids "r|c" ("*" for a margin). */
function tableSystem(t: CountTable): { values: Map<string, number>; constraints: Constraint[] } {
  const values = new Map<string, number>();
  const constraints: Constraint[] = [];
  t.values.forEach((row, r) => {
    row.forEach((v, c) => values.set(`${r}|${c}`, v));
    values.set(`${r}|*`, row.reduce((a, b) => a + b, 0));
    constraints.push({ members: row.map((_, c) => `${r}|${c}`), total: `${r}|*` });
  });
  t.cols.forEach((_, c) => {
    values.set(`*|${c}`, t.values.reduce((a, row) => a + row[c]!, 0));
    constraints.push({ members: t.values.map((_, r) => `${r}|${c}`), total: `*|${c}` });
  });
  values.set('*|*', t.values.flat().reduce((a, b) => a + b, 0));
  constraints.push({ members: t.values.map((_, r) => `${r}|*`), total: '*|*' }, { members: t.cols.map((_, c) => `*|${c}`), total: '*|*' });
  return { values, constraints };
}

const statuses = (p: PublishedTable) => p.cells.map((row) => row.map((c) => (c.status === 'shown' ? c.value : c.status === 'primary' ? '<' : 'C')));

test('primary suppression: every cell below k is hidden, the others shown', () => {
  const truth: CountTable = {
    rows: ['a', 'b'],
    cols: ['x', 'y'],
    values: [
      [20, 30],
      [40, 50],
    ],
  };
  const clean = protectTable(truth, k);
  assert.deepEqual(statuses(clean), [
    [20, 30],
    [40, 50],
  ]);
  assert.equal(clean.total.value, 140);
  const withSmall = protectTable({ ...truth, values: [[3, 30], [40, 50]] }, k);
  assert.equal(withSmall.cells[0]![0]!.status, 'primary');
  assert.equal(withSmall.cells[0]![0]!.value, null);
});

test('a single suppressed cell in a row whose total is shown gets a complement in its row and its column', () => {
  const truth: CountTable = {
    rows: ['a', 'b', 'c'],
    cols: ['x', 'y', 'z'],
    values: [
      [3, 12, 20],
      [9, 15, 22],
      [30, 8, 40],
    ],
  };
  const p = protectTable(truth, k);
  // The 3 is primary; 12 (smallest in its row) and 9 (smallest in its column) complement it, and 15
  // closes the rectangle so that no line keeps a single hidden cell.
  assert.deepEqual(statuses(p), [
    ['<', 'C', 20],
    ['C', 'C', 22],
    [30, 8, 40],
  ]);
  assert.equal(p.rowTotals[0]!.value, 35);
  assert.equal(p.colTotals[0]!.value, 42);
  assertProtected(p, truth);
});

test('small totals are primary too, and their line is protected', () => {
  const truth: CountTable = {
    rows: ['a', 'b', 'c'],
    cols: ['x', 'y'],
    values: [
      [1, 2],
      [10, 12],
      [14, 6],
    ],
  };
  const p = protectTable(truth, k);
  assert.equal(p.rowTotals[0]!.status, 'primary');
  // Row a's total (3) is hidden, so the column of row totals needs a second hidden cell.
  assert.equal(p.rowTotals.filter((c) => c.value === null).length >= 2, true);
  assertProtected(p, truth);
});

test('chains: a complement that leaves another line with one hidden cell is followed up', () => {
  const truth: CountTable = {
    rows: ['a', 'b', 'c', 'd'],
    cols: ['w', 'x', 'y', 'z'],
    values: [
      [2, 9, 11, 30],
      [7, 1, 13, 25],
      [8, 12, 3, 40],
      [20, 22, 24, 26],
    ],
  };
  const p = protectTable(truth, k);
  assertProtected(p, truth);
  for (let r = 0; r < 4; r++) assert.notEqual(p.cells[r]!.filter((c) => c.value === null).length, 1, `row ${r}`);
  for (let c = 0; c < 4; c++) assert.notEqual(p.cells.filter((row) => row[c]!.value === null).length, 1, `column ${c}`);
});

test('the exact check finds a hidden cell recoverable although every line has two hidden cells', () => {
  const rows = ['a', 'b', 'c', 'd'];
  const cols = ['w', 'x', 'y', 'z'];
  const constraints = [
    ...rows.map((r) => ({ members: cols.map((c) => `${r}|${c}`), total: `${r}|*` })),
    ...cols.map((c) => ({ members: rows.map((r) => `${r}|${c}`), total: `*|${c}` })),
  ];
  // Two hidden rectangles {a,b}×{w,x} and {c,d}×{y,z}, joined by one hidden cell b|y: every row and
  // column holds 0 or at least 2 hidden cells, yet b|y = row b's total − (b|w + b|x), and b|w + b|x
  // is known from columns w and x… so b|y is recoverable.
  const rectangles = ['a|w', 'a|x', 'b|w', 'b|x', 'c|y', 'c|z', 'd|y', 'd|z'];
  assert.deepEqual(determinedCells(new Set(rectangles), constraints), []);
  assert.deepEqual(determinedCells(new Set([...rectangles, 'b|y']), constraints), ['b|y']);
  // A second link (d|w) closes a cycle through both rectangles: nothing is recoverable any more.
  assert.deepEqual(determinedCells(new Set([...rectangles, 'b|y', 'd|w']), constraints), []);
});

test('a bridge between two protected rectangles is found and fixed by the exact check', () => {
  const truth: CountTable = {
    rows: ['a', 'b', 'c', 'd'],
    cols: ['w', 'x', 'y', 'z'],
    values: [
      [1, 2, 40, 50],
      [3, 4, 6, 60],
      [45, 55, 1, 2],
      [65, 70, 3, 4],
    ],
  };
  // Values up to 70 are too many for the brute-force reader: the attacker's integer bounds instead.
  const protection = protect({ ...tableSystem(truth), k });
  assert.equal(protection.ok, true);
  for (const cell of protection.audit) assert.ok(cell.upper - cell.lower >= 5, `${cell.id}: ${cell.lower}–${cell.upper}`);
});

test('linked tables: a margin hidden in one table is hidden in the other, and neither gives it away', () => {
  const byDistrict: CountTable = {
    rows: ['d1', 'd2', 'd3'],
    cols: ['finding', 'case'],
    values: [
      [2, 30],
      [25, 33],
      [40, 28],
    ],
  };
  const byService: CountTable = {
    rows: ['s1', 's2'],
    cols: ['finding', 'case'],
    values: [
      [60, 7],
      [7, 84],
    ],
  };
  const published = protectTables(
    [
      { name: 'district', table: byDistrict, sharedColumnTotals: 'source' },
      { name: 'service', table: byService, sharedColumnTotals: 'source' },
    ],
    k,
  );
  const d = published.get('district')!;
  const s = published.get('service')!;
  assert.deepEqual(d.colTotals, s.colTotals);
  assert.deepEqual(d.total, s.total);
  assertProtected(d, byDistrict);
  assertProtected(s, byService);
});

test('linked tables that disagree on a shared margin are refused', () => {
  assert.throws(() =>
    protectTables(
      [
        { name: 'a', table: { rows: ['r'], cols: ['c'], values: [[6]] }, sharedColumnTotals: 'x' },
        { name: 'b', table: { rows: ['r'], cols: ['c'], values: [[7]] }, sharedColumnTotals: 'x' },
      ],
      k,
    ),
  );
});

test('a one-row list with a shown total hides at least two entries when one is small', () => {
  const truth: CountTable = { rows: ['all'], cols: ['a', 'b', 'c', 'd'], values: [[3, 12, 9, 30]] };
  const p = protectTable(truth, k);
  assert.equal(p.total.value, 54);
  assert.equal(p.cells[0]!.filter((c) => c.value === null).length, 2);
  assert.equal(p.cells[0]![2]!.status, 'complementary');
  assertProtected(p, truth);
});

test('random tables: every suppressed cell stays unrecoverable by the equations', () => {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let run = 0; run < 200; run++) {
    const rows = 2 + Math.floor(random() * 4);
    const cols = 2 + Math.floor(random() * 4);
    const values = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (random() < 0.3 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 30))));
    const truth: CountTable = { rows: values.map((_, i) => `r${i}`), cols: values[0]!.map((_, i) => `c${i}`), values };
    const p = protectTable(truth, k);
    const hidden = new Set<string>();
    p.cells.forEach((row, r) => row.forEach((c, j) => c.value === null && hidden.add(`${r}|${j}`)));
    p.rowTotals.forEach((c, r) => c.value === null && hidden.add(`${r}|*`));
    p.colTotals.forEach((c, j) => c.value === null && hidden.add(`*|${j}`));
    if (p.total.value === null) hidden.add('*|*');
    const constraints = [
      ...values.map((_, r) => ({ members: values[0]!.map((__, j) => `${r}|${j}`), total: `${r}|*` })),
      ...values[0]!.map((_, j) => ({ members: values.map((__, r) => `${r}|${j}`), total: `*|${j}` })),
      { members: values.map((_, r) => `${r}|*`), total: '*|*' },
      { members: values[0]!.map((_, j) => `*|${j}`), total: '*|*' },
    ];
    assert.deepEqual(determinedCells(hidden, constraints), [], `run ${run}: ${JSON.stringify(values)}`);
    values.forEach((row, r) => row.forEach((v, j) => assert.equal(p.cells[r]![j]!.value === null, v > 0 && v < k ? true : p.cells[r]![j]!.status === 'complementary')));
    const audited = audit(
      { values: new Map(tableSystem(truth).values), constraints, shown: (id) => !hidden.has(id) },
      [...hidden].filter((id) => {
        const [r, j] = id.split('|');
        return r !== '*' && j !== '*' && p.cells[Number(r)]![Number(j)]!.status === 'primary';
      }),
      () => k,
    );
    for (const cell of audited) assert.ok(cell.protected, `run ${run}: ${cell.id} ${cell.lower}–${cell.upper}`);
  }
});
