// Small-cell suppression for published tables (METHODS.md, "Statistics that protect people").
//
// Model. Every published number is a cell; every additive relation a reader can use is a
// constraint "sum(members) = total": each row and column of a table with its margin, the line of
// row totals with the grand total, the line of column totals with the grand total. Tables that
// publish the same margin (e.g. facts per source on the district, service and period tables) share
// those cells, so their constraints form one system and a reader combining tables is covered too.
//
// Algorithm.
//  1. Primary: every cell (interior or margin) below k is suppressed and shown as "< k".
//  2. Complementary, cheap pass: any constraint left with exactly one suppressed cell would give it
//     away by subtraction, so the cheapest shown cell of that constraint is suppressed too (an
//     interior cell before a margin, the smallest value first). Repeat until no constraint has a
//     single suppressed cell: this follows chains across rows, columns and linked tables.
//  3. Exact check: with the shown values substituted, the constraints are a linear system in the
//     suppressed cells. A suppressed cell can be recovered exactly iff its unit vector lies in the
//     row space of that system; in reduced row echelon form, iff its column is a pivot whose row has
//     no other non-zero entry. (In a two-way table this is the "bridge" case: every row and column
//     has two suppressed cells, yet one of them links two separate cycles.) For each such cell,
//     suppress the cheapest shown cell of a constraint that contains it, then go back to step 2.
//  Each round suppresses at least one more cell, so it ends; at worst everything is suppressed.
//
// What it does not do: it guarantees no suppressed cell is determined by the published equations.
// A reader who also uses bounds (primary cells are 0–4, complementary ones at least k) may narrow a
// cell to an interval; choosing complements by smallest value keeps the information loss low but
// can make such intervals narrow. The brute-force test in suppression.test.ts checks small tables
// with those bounds.

export type CellStatus = 'shown' | 'primary' | 'complementary';

export interface Constraint {
  members: string[];
  total: string;
}

export interface SuppressionInput {
  /** Cell id → its true count. */
  values: Map<string, number>;
  constraints: Constraint[];
  k: number;
  /** Cost of suppressing a cell as a complement (lower is chosen first). Default: its value, margins ×1000. */
  cost?: (id: string) => number;
}

export function suppress({ values, constraints, k, cost }: SuppressionInput): Map<string, CellStatus> {
  const status = new Map<string, CellStatus>();
  for (const [id, value] of values) status.set(id, value < k ? 'primary' : 'shown');
  const isMargin = new Set(constraints.map((c) => c.total));
  const costOf = cost ?? ((id: string) => (values.get(id) ?? 0) * (isMargin.has(id) ? 1000 : 1));
  const suppressed = (id: string) => status.get(id) !== 'shown';
  const cellsOf = (c: Constraint) => [...c.members, c.total];
  const byCell = new Map<string, Constraint[]>();
  for (const c of constraints) for (const id of cellsOf(c)) byCell.set(id, [...(byCell.get(id) ?? []), c]);

  const cheapestShown = (candidates: Iterable<string>, score: (id: string) => number = costOf): string | null => {
    let best: string | null = null;
    let bestScore = Infinity;
    for (const id of candidates) {
      if (suppressed(id)) continue;
      const s = score(id);
      if (best === null || s < bestScore || (s === bestScore && id < best)) [best, bestScore] = [id, s];
    }
    return best;
  };

  for (;;) {
    // Step 2: no constraint with a single suppressed cell.
    let changed = true;
    while (changed) {
      changed = false;
      for (const c of constraints) {
        const cells = cellsOf(c);
        if (cells.filter(suppressed).length !== 1) continue;
        // A cell that also completes another line left with one hidden cell serves twice: prefer it.
        const singlesThrough = (id: string) => (byCell.get(id) ?? []).filter((o) => o !== c && cellsOf(o).filter(suppressed).length === 1).length;
        const pick = cheapestShown(cells, (id) => costOf(id) / (1 + singlesThrough(id)));
        if (pick) {
          status.set(pick, 'complementary');
          changed = true;
        }
      }
    }
    // Step 3: the exact check.
    const determined = determinedCells(new Set([...status.keys()].filter(suppressed)), constraints);
    if (determined.length === 0) return status;
    let added = false;
    for (const id of determined) {
      const pick = cheapestShown((byCell.get(id) ?? []).flatMap(cellsOf));
      if (pick) {
        status.set(pick, 'complementary');
        added = true;
      }
    }
    if (!added) {
      // Every constraint through those cells is already fully suppressed: widen to any shown cell
      // of a constraint that shares a suppressed cell with them.
      const near = new Set(determined.flatMap((id) => (byCell.get(id) ?? []).flatMap(cellsOf)));
      const pick = cheapestShown(constraints.filter((c) => cellsOf(c).some((x) => near.has(x))).flatMap(cellsOf)) ?? cheapestShown(values.keys());
      if (!pick) return status;
      status.set(pick, 'complementary');
    }
  }
}

/** The suppressed cells whose value follows exactly from the published cells and the constraints. */
export function determinedCells(suppressedCells: Set<string>, constraints: Constraint[]): string[] {
  const unknowns = [...suppressedCells].sort();
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows: Map<number, number>[] = [];
  for (const c of constraints) {
    const row = new Map<number, number>();
    for (const id of c.members) {
      const j = column.get(id);
      if (j !== undefined) row.set(j, (row.get(j) ?? 0) + 1);
    }
    const t = column.get(c.total);
    if (t !== undefined) row.set(t, (row.get(t) ?? 0) - 1);
    for (const [j, v] of row) if (v === 0) row.delete(j);
    if (row.size > 0) rows.push(row);
  }
  // Gauss–Jordan elimination on sparse rows; the coefficients stay small, so floats are exact enough.
  const eps = 1e-9;
  const pivotRowOf = new Map<number, Map<number, number>>();
  const reduced: Map<number, number>[] = [];
  for (const original of rows) {
    const row = new Map(original);
    for (const [pivot, pivotRow] of pivotRowOf) {
      const factor = row.get(pivot);
      if (factor === undefined) continue;
      for (const [j, v] of pivotRow) {
        const next = (row.get(j) ?? 0) - factor * v;
        if (Math.abs(next) < eps) row.delete(j);
        else row.set(j, next);
      }
    }
    if (row.size === 0) continue;
    const pivot = Math.min(...row.keys());
    const scale = row.get(pivot)!;
    for (const [j, v] of row) row.set(j, v / scale);
    // Keep the echelon form reduced: clear the new pivot from the earlier rows.
    for (const other of reduced) {
      const factor = other.get(pivot);
      if (factor === undefined) continue;
      for (const [j, v] of row) {
        const next = (other.get(j) ?? 0) - factor * v;
        if (Math.abs(next) < eps) other.delete(j);
        else other.set(j, next);
      }
    }
    pivotRowOf.set(pivot, row);
    reduced.push(row);
  }
  const determined: string[] = [];
  for (const [pivot, row] of pivotRowOf) if (row.size === 1) determined.push(unknowns[pivot]!);
  return determined.sort();
}

// ——— Two-way tables with margins ———

export interface CountTable {
  rows: string[];
  cols: string[];
  /** values[r][c] */
  values: number[][];
}

export interface PublishedCell {
  /** null when suppressed. */
  value: number | null;
  status: CellStatus;
}

export interface PublishedTable {
  rows: string[];
  cols: string[];
  cells: PublishedCell[][];
  rowTotals: PublishedCell[];
  colTotals: PublishedCell[];
  total: PublishedCell;
}

export interface TableToProtect {
  name: string;
  table: CountTable;
  /** Tables with the same key publish the same column totals and grand total (shared cells). */
  sharedColumnTotals?: string;
}

const cellId = (name: string, r: string | number, c: string | number) => `${name}\u0001${r}\u0001${c}`;

/** Protects several two-way tables at once (linked through shared column totals). */
export function protectTables(tables: TableToProtect[], k: number): Map<string, PublishedTable> {
  const values = new Map<string, number>();
  const constraints: Constraint[] = [];
  const set = (id: string, value: number) => {
    const existing = values.get(id);
    if (existing !== undefined && existing !== value) throw new Error(`Linked tables disagree on ${id}: ${existing} ≠ ${value}`);
    values.set(id, value);
  };
  const ids = tables.map(({ name, table, sharedColumnTotals }) => {
    const marginName = sharedColumnTotals ? `shared\u0001${sharedColumnTotals}` : name;
    const inner = table.rows.map((_, r) => table.cols.map((_, c) => cellId(name, r, c)));
    const rowTotals = table.rows.map((_, r) => cellId(name, r, '*'));
    const colTotals = table.cols.map((col) => cellId(marginName, '*', col));
    const total = cellId(marginName, '*', '*');
    table.rows.forEach((_, r) => {
      table.cols.forEach((_, c) => set(inner[r]![c]!, table.values[r]![c]!));
      set(rowTotals[r]!, table.values[r]!.reduce((a, b) => a + b, 0));
      constraints.push({ members: inner[r]!, total: rowTotals[r]! });
    });
    table.cols.forEach((_, c) => {
      set(colTotals[c]!, table.values.reduce((a, row) => a + row[c]!, 0));
      constraints.push({ members: inner.map((row) => row[c]!), total: colTotals[c]! });
    });
    set(total, table.values.flat().reduce((a, b) => a + b, 0));
    constraints.push({ members: rowTotals, total });
    constraints.push({ members: colTotals, total });
    return { name, table, inner, rowTotals, colTotals, total };
  });
  const status = suppress({ values, constraints, k });
  const publish = (id: string): PublishedCell => {
    const s = status.get(id)!;
    return { value: s === 'shown' ? values.get(id)! : null, status: s };
  };
  return new Map(
    ids.map(({ name, table, inner, rowTotals, colTotals, total }) => [
      name,
      {
        rows: table.rows,
        cols: table.cols,
        cells: inner.map((row) => row.map(publish)),
        rowTotals: rowTotals.map(publish),
        colTotals: colTotals.map(publish),
        total: publish(total),
      },
    ]),
  );
}

export function protectTable(table: CountTable, k: number): PublishedTable {
  return protectTables([{ name: 't', table }], k).get('t')!;
}

/** An exact table shown as is (staff views): the same shape, nothing suppressed. */
export function exactTable(table: CountTable): PublishedTable {
  const shown = (value: number): PublishedCell => ({ value, status: 'shown' });
  return {
    rows: table.rows,
    cols: table.cols,
    cells: table.values.map((row) => row.map(shown)),
    rowTotals: table.values.map((row) => shown(row.reduce((a, b) => a + b, 0))),
    colTotals: table.cols.map((_, c) => shown(table.values.reduce((a, row) => a + row[c]!, 0))),
    total: shown(table.values.flat().reduce((a, b) => a + b, 0)),
  };
}
