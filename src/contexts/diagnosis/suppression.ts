// Small-cell suppression for published tables (METHODS.md, "Statistics that protect people").
//
// Model. Every published number is a cell; every additive relation a reader can use is a
// constraint "sum(members) = total": each row and column of a table with its margin, the line of
// row totals with the grand total, the line of column totals with the grand total. Tables that
// publish the same margin share those cells; units nobody publishes (the months inside a period,
// say) are cells too, never shown, so that earlier publications that share them enter the same system.
//
// Algorithm.
//  1. Primary: every cell from 1 to k − 1 (and 0 where a territory hides zeros).
//  2. Audit (attacker.ts): for every sensitive cell, the interval a reader can prove with integer
//     programming. A cell is protected when upper − lower ≥ its protection level, max(level, value).
//  3. For every cell that fails, the cheapest set of shown cells whose hiding lets it move by its
//     protection level (an LP, attacker.ts `complementFor`); hide them and audit again.
//  4. Prune: try to show each complementary cell again, most costly first; keep it shown when the
//     audit still passes. The result is audited a last time and returned with the audit.
import { audit, complementFor, type AuditedCell } from './attacker.ts';
import type { Constraint } from './attacker.ts';

export type { Constraint };

export type CellStatus = 'shown' | 'primary' | 'complementary';

export interface DisclosureSettings {
  /** Minimum width of a sensitive cell's interval; the cell's own value when larger. Default: k. */
  protectionLevel?: number;
  /** Hide zeros as if they were small counts (default false: a zero reveals no person). */
  hideZeros?: boolean;
}

export interface SuppressionInput extends DisclosureSettings {
  /** Cell id → its true count. */
  values: Map<string, number>;
  constraints: Constraint[];
  k: number;
  /** Cost of suppressing a cell as a complement (lower is chosen first). Default: value + 1, margins ×1000. */
  cost?: (id: string) => number;
  /** Cells that are never published (units); hidden, and not themselves protected. */
  units?: Set<string>;
  /** Cells of earlier publications: shown (true) or hidden (false), as published, never changed. */
  fixed?: Map<string, boolean>;
  /** Hidden cells of earlier publications that must stay protected. */
  sensitive?: Iterable<string>;
  /** Skip the pruning step above this many complementary cells (each try is a full audit). */
  pruneLimit?: number;
}

export interface Protection {
  status: Map<string, CellStatus>;
  audit: AuditedCell[];
  /** True when every sensitive cell is protected. */
  ok: boolean;
}

export function isPrimary(value: number, k: number, hideZeros = false): boolean {
  return value < k && (value > 0 || hideZeros);
}

export function protect(input: SuppressionInput): Protection {
  const { values, constraints, k } = input;
  const units = input.units ?? new Set<string>();
  const fixed = input.fixed ?? new Map<string, boolean>();
  const level = input.protectionLevel ?? k;
  const status = new Map<string, CellStatus>();
  for (const [id, value] of values) {
    if (units.has(id) || fixed.has(id)) continue;
    status.set(id, isPrimary(value, k, input.hideZeros) ? 'primary' : 'shown');
  }
  const isMargin = new Set(constraints.map((c) => c.total));
  const costOf = input.cost ?? ((id: string) => ((values.get(id) ?? 0) + 1) * (isMargin.has(id) ? 1000 : 1));
  const shown = (id: string) => (fixed.has(id) ? fixed.get(id)! : !units.has(id) && status.get(id) === 'shown');
  const release = { values, constraints, shown };
  const sensitive = [...new Set([...[...status].filter(([, s]) => s === 'primary').map(([id]) => id), ...(input.sensitive ?? [])])];
  const required = (id: string) => Math.max(level, values.get(id) ?? 0);
  const changeable = (id: string) => status.has(id);

  let result = audit(release, sensitive, required);
  for (let round = 0; round < 20 && result.some((c) => !c.protected); round++) {
    let added = false;
    for (const cell of result) {
      if (cell.protected) continue;
      const pick = complementFor(release, cell.id, required(cell.id), changeable, costOf);
      for (const id of pick ?? []) {
        status.set(id, 'complementary');
        added = true;
      }
    }
    if (!added) break;
    result = audit(release, sensitive, required);
  }
  const complementary = [...status].filter(([, s]) => s === 'complementary').map(([id]) => id);
  if (result.every((c) => c.protected) && complementary.length <= (input.pruneLimit ?? 40)) {
    for (const id of complementary.sort((a, b) => costOf(b) - costOf(a) || (a < b ? -1 : 1))) {
      status.set(id, 'shown');
      const trial = audit(release, sensitive, required);
      if (trial.every((c) => c.protected)) result = trial;
      else status.set(id, 'complementary');
    }
  }
  return { status, audit: result, ok: result.every((c) => c.protected) };
}

export function suppress(input: SuppressionInput): Map<string, CellStatus> {
  return protect(input).status;
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
  /** Published snapshots say only 'hidden' (which hidden cells are small is not published). */
  status: CellStatus | 'hidden';
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
