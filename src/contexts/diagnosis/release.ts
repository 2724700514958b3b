// Everything a diagnosis releases, as one system of cells for the attacker (attacker.ts) and the
// suppression (suppression.ts): its tables, their margins and totals, the comparison with the previous
// period, and every earlier published diagnosis of the territory whose cells share units with it.
//
// Units. Every published number is a sum of units nobody publishes: facts of one service, one
// district and one source in one stretch of months (uX), and mentions of one service and one ground in
// one stretch (uM). The stretches ("segments") are cut at every period and bucket boundary of every
// table in the system, so each published cell is exactly a sum of units, and two publications over
// overlapping periods share the units of their overlap: subtracting one from the other is then just
// another thing the attacker's LP can do. Services are only ever published over whole periods of
// tables that name them (by service, service × district), so facts per service are units of "service
// segments" cut at those ranges only: uX counts the facts of one service and district in one service
// segment; its districts add up to the district's fine units inside that segment. That is exact: for
// each district and source, a table service × fine segment with those margins always exists in whole
// numbers (a transportation problem), because no table crosses services with finer periods; and every
// solution of the system is then a table of facts. (Two-way margins of a three-way table crossed every
// way would not be exact, and their units per fine segment make the integer programmes far larger.)
// A cell's id says what it counts, so the same number in two tables or two publications is one cell.
//
// Earlier publications enter with the pattern they published (shown or hidden, never changed) and the
// current facts as their truth: if facts were corrected since, the reader's numbers differ slightly
// from these, which we accept (the pattern, not the old value, is what exposes a cell).
import { protect, type CellStatus, type Constraint, type DisclosureSettings, type PublishedCell, type PublishedTable } from './suppression.ts';
import type { AuditedCell } from './attacker.ts';

export const sourceKeys = ['finding', 'case'] as const;

/** A month range, inclusive, as month indexes (year × 12 + month − 1). */
export interface Range {
  from: number;
  to: number;
}

export type TableKind = 'byDistrict' | 'byService' | 'byPeriod' | 'serviceByGround' | 'previousByDistrict' | 'districtByPeriod' | 'serviceByDistrict';

export interface ReleasedTable {
  kind: TableKind;
  range: Range;
  rows: string[];
  cols: string[];
  /** Month range of each row (byPeriod only: its bucket inside the period). */
  rowRanges?: Range[];
  /** Month range of each column (districtByPeriod only: its bucket inside the period). */
  colRanges?: Range[];
}

export interface EarlierTable extends ReleasedTable {
  published: PublishedTable;
}

/** Unit counts per month (the truth), keys 'none' where a fact does not say. */
export interface UnitCounts {
  /** Facts per service, district, source and month. */
  facts: { service: string; district: string; source: string; month: number; n: number }[];
  mentions: { key: string; ground: string; month: number; n: number }[];
}

const rangeId = (r: Range) => `${r.from}-${r.to}`;

/** Ids of a table's cells: [row][col], row totals, column totals, total. */
export function cellIds(t: ReleasedTable) {
  const r = rangeId(t.range);
  const rowRange = (i: number) => rangeId(t.rowRanges?.[i] ?? t.range);
  const colRange = (j: number) => rangeId(t.colRanges?.[j] ?? t.range);
  switch (t.kind) {
    case 'byDistrict':
    case 'previousByDistrict':
    case 'byService': {
      const f = t.kind === 'byService' ? 'S' : 'D';
      return {
        cells: t.rows.map((row) => t.cols.map((col) => `${f}|${row}|${col}|${r}`)),
        rowTotals: t.rows.map((row) => `${f}|${row}|*|${r}`),
        colTotals: t.cols.map((col) => `T|${col}|${r}`),
        total: `T|*|${r}`,
      };
    }
    case 'byPeriod':
      return {
        cells: t.rows.map((_, i) => t.cols.map((col) => `T|${col}|${rowRange(i)}`)),
        rowTotals: t.rows.map((_, i) => `T|*|${rowRange(i)}`),
        colTotals: t.cols.map((col) => `T|${col}|${r}`),
        total: `T|*|${r}`,
      };
    case 'districtByPeriod':
      return {
        cells: t.rows.map((row) => t.cols.map((_, j) => `D|${row}|*|${colRange(j)}`)),
        rowTotals: t.rows.map((row) => `D|${row}|*|${r}`),
        colTotals: t.cols.map((_, j) => `T|*|${colRange(j)}`),
        total: `T|*|${r}`,
      };
    case 'serviceByDistrict':
      return {
        cells: t.rows.map((row) => t.cols.map((col) => `X|${row}|${col}|${r}`)),
        rowTotals: t.rows.map((row) => `S|${row}|*|${r}`),
        colTotals: t.cols.map((col) => `D|${col}|*|${r}`),
        total: `T|*|${r}`,
      };
    case 'serviceByGround':
      return {
        cells: t.rows.map((row) => t.cols.map((col) => `M|${row}|${col}|${r}`)),
        rowTotals: t.rows.map((row) => `M|${row}|*|${r}`),
        colTotals: t.cols.map((col) => `M|*|${col}|${r}`),
        total: `M|*|*|${r}`,
      };
  }
}

function segmentsOf(ranges: Range[]): Range[] {
  const cuts = [...new Set(ranges.flatMap((r) => [r.from, r.to + 1]))].sort((a, b) => a - b);
  const out: Range[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const s = { from: cuts[i]!, to: cuts[i + 1]! - 1 };
    if (ranges.some((r) => r.from <= s.from && s.to <= r.to)) out.push(s);
  }
  return out;
}

export interface ReleaseProtection {
  tables: PublishedTable[];
  audit: AuditedCell[];
  ok: boolean;
  /** Cells and units in the attacker's system (for the bench and the report). */
  size: { cells: number; constraints: number };
}

export interface ReleaseSystem {
  /** True values of every cell and unit. */
  values: Map<string, number>;
  constraints: Constraint[];
  units: Set<string>;
  margins: Set<string>;
}

/** The cells of every table given, the units under them, and the constraints that tie them. */
export function releaseSystem(all: ReleasedTable[], units: UnitCounts): ReleaseSystem {
  const factRanges = all.filter((t) => t.kind !== 'serviceByGround').flatMap((t) => [t.range, ...(t.rowRanges ?? []), ...(t.colRanges ?? [])]);
  const mentionRanges = all.filter((t) => t.kind === 'serviceByGround').map((t) => t.range);
  const factSegments = segmentsOf(factRanges);
  const serviceSegments = segmentsOf(all.filter((t) => t.kind === 'byService' || t.kind === 'serviceByDistrict').map((t) => t.range));
  const mentionSegments = segmentsOf(mentionRanges);
  const segmentOf = (segments: Range[], month: number) => segments.find((s) => s.from <= month && month <= s.to);

  // Keys of each family: what any table names, and what the facts hold.
  const districtKeys = new Set([
    ...all.filter((t) => t.kind === 'byDistrict' || t.kind === 'previousByDistrict' || t.kind === 'districtByPeriod').flatMap((t) => t.rows),
    ...all.filter((t) => t.kind === 'serviceByDistrict').flatMap((t) => t.cols),
    ...units.facts.map((u) => u.district),
  ]);
  const serviceKeys = new Set([...all.filter((t) => t.kind === 'byService' || t.kind === 'serviceByDistrict').flatMap((t) => t.rows), ...units.facts.map((u) => u.service)]);
  const mentionRows = new Set([...all.filter((t) => t.kind === 'serviceByGround').flatMap((t) => t.rows), ...units.mentions.map((u) => u.key)]);
  const mentionCols = new Set([...all.filter((t) => t.kind === 'serviceByGround').flatMap((t) => t.cols), ...units.mentions.map((u) => u.ground)]);

  const values = new Map<string, number>();
  const unitIds = new Set<string>();
  const constraints: Constraint[] = [];
  const unit = (id: string) => {
    unitIds.add(id);
    if (!values.has(id)) values.set(id, 0);
    return id;
  };
  const add = (id: string, n: number) => values.set(id, (values.get(id) ?? 0) + n);
  const seg = (s: Range) => rangeId(s);
  // Districts per source and segment (uD) add up to the facts of the segment (uT). Services are only
  // ever published over whole "service segments" (cut at the ranges of tables that name services), so
  // the three-way table is service × district per source and service segment (uX): its districts add up
  // to the district's units inside that service segment (uDS), its services to uS.
  for (const s of factSegments)
    for (const src of sourceKeys) constraints.push({ members: [...districtKeys].map((d) => unit(`uD|${d}|${src}|${seg(s)}`)), total: unit(`uT|${src}|${seg(s)}`) });
  for (const ss of serviceSegments)
    for (const src of sourceKeys) {
      const fine = factSegments.filter((f) => ss.from <= f.from && f.to <= ss.to);
      for (const d of districtKeys) {
        const total = unit(`uDS|${d}|${src}|${seg(ss)}`);
        constraints.push({ members: fine.map((f) => `uD|${d}|${src}|${seg(f)}`), total });
        constraints.push({ members: [...serviceKeys].map((v) => unit(`uX|${v}|${d}|${src}|${seg(ss)}`)), total });
      }
      for (const v of serviceKeys) constraints.push({ members: [...districtKeys].map((d) => `uX|${v}|${d}|${src}|${seg(ss)}`), total: unit(`uS|${v}|${src}|${seg(ss)}`) });
    }
  for (const s of mentionSegments) for (const v of mentionRows) for (const g of mentionCols) unit(`uM|${v}|${g}|${seg(s)}`);
  for (const u of units.facts) {
    const s = segmentOf(factSegments, u.month);
    if (!s) continue;
    add(`uD|${u.district}|${u.source}|${seg(s)}`, u.n);
    add(`uT|${u.source}|${seg(s)}`, u.n);
    const ss = segmentOf(serviceSegments, u.month);
    if (!ss) continue;
    add(`uX|${u.service}|${u.district}|${u.source}|${seg(ss)}`, u.n);
    add(`uDS|${u.district}|${u.source}|${seg(ss)}`, u.n);
    add(`uS|${u.service}|${u.source}|${seg(ss)}`, u.n);
  }
  for (const u of units.mentions) {
    const s = segmentOf(mentionSegments, u.month);
    if (s) add(`uM|${u.key}|${u.ground}|${seg(s)}`, u.n);
  }

  // Each published cell is the sum of its units.
  const inRange = (segments: Range[], r: Range) => segments.filter((s) => r.from <= s.from && s.to <= r.to).map(seg);
  const defined = new Set<string>();
  const define = (id: string) => {
    if (defined.has(id)) return;
    defined.add(id);
    const [family, a, b, range] = id.split('|') as [string, string, string, string];
    const [from, to] = range === undefined ? b.split('-').map(Number) : range.split('-').map(Number);
    const r = { from: from!, to: to! };
    let members: string[] = [];
    if (family === 'T') members = inRange(factSegments, r).flatMap((s) => (a === '*' ? sourceKeys : [a]).map((src) => `uT|${src}|${s}`));
    else if (family === 'D') members = inRange(factSegments, r).flatMap((s) => (b === '*' ? sourceKeys : [b]).map((src) => `uD|${a}|${src}|${s}`));
    else if (family === 'S') members = inRange(serviceSegments, r).flatMap((s) => (b === '*' ? sourceKeys : [b]).map((src) => `uS|${a}|${src}|${s}`));
    else if (family === 'X') members = inRange(serviceSegments, r).flatMap((s) => sourceKeys.map((src) => `uX|${a}|${b}|${src}|${s}`));
    else if (family === 'M')
      members = inRange(mentionSegments, r).flatMap((s) => (a === '*' ? [...mentionRows] : [a]).flatMap((v) => (b === '*' ? [...mentionCols] : [b]).map((g) => `uM|${v}|${g}|${s}`)));
    values.set(id, members.reduce((sum, m) => sum + (values.get(m) ?? 0), 0));
    constraints.push({ members, total: id });
  };
  const margins = new Set<string>();
  for (const t of all) {
    const ids = cellIds(t);
    ids.cells.flat().forEach(define);
    for (const id of [...ids.rowTotals, ...ids.colTotals, ids.total]) {
      define(id);
      margins.add(id);
    }
  }

  return { values, constraints, units: unitIds, margins };
}

/** Protects the current tables together with what earlier publications already released. */
export function protectRelease(current: ReleasedTable[], earlier: EarlierTable[], units: UnitCounts, k: number, settings: DisclosureSettings = {}): ReleaseProtection {
  const { values, constraints, units: unitIds, margins } = releaseSystem([...current, ...earlier], units);
  // Earlier publications: their pattern is fixed. A cell any of them showed is public.
  const fixed = new Map<string, boolean>();
  for (const t of earlier) {
    const ids = cellIds(t);
    const mark = (id: string, cell: PublishedCell | undefined) => {
      if (!cell) return;
      fixed.set(id, (fixed.get(id) ?? false) || cell.value !== null);
    };
    ids.cells.forEach((row, i) => row.forEach((id, j) => mark(id, t.published.cells[i]?.[j])));
    ids.rowTotals.forEach((id, i) => mark(id, t.published.rowTotals[i]));
    ids.colTotals.forEach((id, j) => mark(id, t.published.colTotals[j]));
    mark(ids.total, t.published.total);
  }
  const cellValues = new Map([...values].filter(([id]) => !unitIds.has(id)));
  const sensitive = [...fixed].filter(([id, shown]) => !shown && isSmall(cellValues.get(id) ?? 0, k, settings.hideZeros)).map(([id]) => id);
  const protection = protect({
    values,
    constraints,
    k,
    ...settings,
    units: unitIds,
    fixed,
    sensitive,
    cost: (id) => ((values.get(id) ?? 0) + 1) * (margins.has(id) ? 1000 : 1),
  });
  const statusOf = (id: string): CellStatus => {
    if (fixed.has(id)) return fixed.get(id) ? 'shown' : 'complementary';
    return protection.status.get(id) ?? 'shown';
  };
  const publish = (id: string): PublishedCell => {
    const status = statusOf(id);
    return status === 'shown' ? { value: values.get(id)!, status } : { value: null, status: 'hidden' };
  };
  const tables = current.map((t) => {
    const ids = cellIds(t);
    return { rows: t.rows, cols: t.cols, cells: ids.cells.map((row) => row.map(publish)), rowTotals: ids.rowTotals.map(publish), colTotals: ids.colTotals.map(publish), total: publish(ids.total) };
  });
  return { tables, audit: protection.audit, ok: protection.ok, size: { cells: values.size, constraints: constraints.length } };
}

const isSmall = (v: number, k: number, hideZeros = false) => v < k && (v > 0 || hideZeros);
