// The attacker's audit of everything released together (METHODS.md, "Statistics that protect people").
//
// A release is a set of cells (published numbers, and units nobody publishes but whose sums are
// published: the months of a district, say) tied by constraints "sum(members) = total". The reader
// knows every shown cell, and that every cell is a whole number ≥ 0. For a hidden cell, the smallest
// and largest value consistent with all of that are two integer programmes; we solve them with HiGHS.
//
// LP relaxation and integer bounds. We first solve the linear relaxation (simplex, warm-started from
// the previous objective). Its optimum is never tighter than the integer one (LP min ≤ IP min,
// LP max ≥ IP max). When the simplex returns an integral optimal vertex, that vertex is itself an
// integer solution reaching the LP bound, so the integer bound equals it. This is the usual case:
// a two-way table with margins has a totally unimodular constraint matrix (the incidence matrix of a
// bipartite graph), so every vertex is integral. When a vertex is fractional (linked tables, series of
// publications can lose total unimodularity) we solve that bound as a mixed-integer programme instead.
// Each bound is therefore the exact integer bound; `AuditedCell.method` says which way it was found.
import highsModule, { type Model } from 'highs';

/** A published sum: the cells named in members add up to the cell named total. */
export interface Constraint {
  members: string[];
  total: string;
}

// The package's types describe a CommonJS module; imported as ES module, its default is the loader.
const loadHighs = highsModule as unknown as typeof highsModule.default;
const highs = await loadHighs();
const tolerance = 1e-6;

export interface Release {
  /** True value of every cell and unit. */
  values: Map<string, number>;
  /** Cells whose value the reader sees. Everything else is unknown to them. */
  shown: (id: string) => boolean;
  constraints: Constraint[];
}

export interface AuditedCell {
  id: string;
  value: number;
  lower: number;
  upper: number;
  /** upper − lower must reach this. */
  required: number;
  protected: boolean;
  method: 'lp' | 'mip';
}

interface Component {
  variables: string[];
  index: Map<string, number>;
  rows: { cols: number[]; coefs: number[]; rhs: number }[];
}

/** Splits the unknowns into independent systems (cells that share no constraint are audited apart). */
function components(release: Release): Component[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const unknown = (id: string) => !release.shown(id);
  const rows: { terms: [string, number][]; rhs: number }[] = [];
  for (const c of release.constraints) {
    const terms: [string, number][] = [];
    let rhs = 0;
    for (const m of c.members) {
      if (unknown(m)) terms.push([m, 1]);
      else rhs -= release.values.get(m) ?? 0;
    }
    if (unknown(c.total)) terms.push([c.total, -1]);
    else rhs += release.values.get(c.total) ?? 0;
    if (terms.length === 0) continue;
    for (const [id] of terms) if (!parent.has(id)) parent.set(id, id);
    for (const [id] of terms.slice(1)) parent.set(find(id), find(terms[0]![0]));
    rows.push({ terms, rhs });
  }
  const byRoot = new Map<string, Component>();
  const componentOf = (id: string) => {
    const root = find(id);
    let comp = byRoot.get(root);
    if (!comp) byRoot.set(root, (comp = { variables: [], index: new Map(), rows: [] }));
    return comp;
  };
  for (const id of parent.keys()) {
    const comp = componentOf(id);
    comp.index.set(id, comp.variables.length);
    comp.variables.push(id);
  }
  for (const row of rows) {
    const comp = componentOf(row.terms[0]![0]);
    const merged = new Map<number, number>();
    for (const [id, coef] of row.terms) {
      const j = comp.index.get(id)!;
      merged.set(j, (merged.get(j) ?? 0) + coef);
    }
    const cols = [...merged].filter(([, v]) => v !== 0);
    if (cols.length === 0) continue;
    comp.rows.push({ cols: cols.map(([j]) => j), coefs: cols.map(([, v]) => v), rhs: row.rhs });
  }
  return [...byRoot.values()];
}

function modelOf(comp: Component, integer: boolean): Model {
  const starts = [0];
  const indices: number[] = [];
  const coefs: number[] = [];
  for (const row of comp.rows) {
    indices.push(...row.cols);
    coefs.push(...row.coefs);
    starts.push(indices.length);
  }
  const n = comp.variables.length;
  const model = highs.createModel({
    numCols: n,
    numRows: comp.rows.length,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(highs.infinity),
    rowLower: comp.rows.map((r) => r.rhs),
    rowUpper: comp.rows.map((r) => r.rhs),
    matrix: { format: 'csr', numRows: comp.rows.length, numCols: n, starts, indices, values: coefs },
    ...(integer ? { integrality: new Int32Array(n).fill(highs.constants.variableType.integer) } : {}),
  });
  model.options.set({ output_flag: false });
  return model;
}

const isIntegral = (values: Float64Array) => values.every((v) => Math.abs(v - Math.round(v)) < tolerance);

/** Minimises ±x_j; returns the bound (±Infinity when unbounded) and whether the vertex was integral. */
function bound(model: Model, j: number, sign: 1 | -1): { value: number; integral: boolean } {
  model.changeColCost(j, sign);
  model.run();
  const status = model.getModelStatus();
  const { optimal, unbounded, unboundedOrInfeasible } = highs.constants.modelStatus;
  let result: { value: number; integral: boolean };
  if (status === optimal) result = { value: sign * model.getObjectiveValue(), integral: isIntegral(model.getSolution().colValue) };
  else if (status === unbounded || status === unboundedOrInfeasible) result = { value: sign * -Infinity, integral: true };
  else throw new Error(`The attacker's programme has status ${status}: the release is inconsistent`);
  model.changeColCost(j, 0);
  return result;
}

/**
 * For each target (hidden) cell, the interval a reader can prove, and whether it is at least
 * `required(id)` wide.
 */
export function audit(release: Release, targets: Iterable<string>, required: (id: string) => number): AuditedCell[] {
  const wanted = [...targets].filter((id) => !release.shown(id));
  const wantedSet = new Set(wanted);
  const out: AuditedCell[] = [];
  const inSystem = new Set<string>();
  for (const comp of components(release)) {
    const mine = comp.variables.filter((id) => wantedSet.has(id));
    for (const id of comp.variables) inSystem.add(id);
    if (mine.length === 0) continue;
    const lp = modelOf(comp, false);
    let mip: Model | null = null;
    try {
      for (const id of mine) {
        const j = comp.index.get(id)!;
        let method: AuditedCell['method'] = 'lp';
        let low = bound(lp, j, 1);
        let high = bound(lp, j, -1);
        if (!low.integral || !high.integral) {
          mip ??= modelOf(comp, true);
          method = 'mip';
          if (!low.integral) low = bound(mip, j, 1);
          if (!high.integral) high = bound(mip, j, -1);
        }
        const lower = Math.max(0, Math.ceil(low.value - tolerance));
        const upper = Number.isFinite(high.value) ? Math.floor(high.value + tolerance) : Infinity;
        const need = required(id);
        out.push({ id, value: release.values.get(id) ?? 0, lower, upper, required: need, protected: upper - lower >= need, method });
      }
    } finally {
      lp.dispose();
      mip?.dispose();
    }
  }
  // A hidden cell in no constraint at all: nothing bounds it.
  for (const id of wanted) if (!inSystem.has(id)) out.push({ id, value: release.values.get(id) ?? 0, lower: 0, upper: Infinity, required: required(id), protected: true, method: 'lp' });
  return out;
}

/**
 * Secondary suppression for one sensitive cell, as a linear programme (after Fischetti and Salazar's
 * model, the LP behind τ-ARGUS's optimal method and sdcTable): find a change y of the cells that keeps
 * every constraint, keeps every cell ≥ 0, raises the sensitive cell by `raise`, and changes no cell
 * the reader must keep seeing (`fixed`); minimise the cost of the shown cells it changes. Those cells,
 * once hidden, let the reader's solution move by `raise`, so the sensitive cell's interval is at least
 * that wide. Returns the shown cells to hide, or null when no such change exists.
 */
export function complementFor(
  release: Release,
  target: string,
  raise: number,
  changeable: (id: string) => boolean,
  cost: (id: string) => number,
): string[] | null {
  const cellIds = new Set<string>();
  for (const c of release.constraints) for (const id of [...c.members, c.total]) if (!release.shown(id) || changeable(id)) cellIds.add(id);
  const ids = [...cellIds];
  const index = new Map(ids.map((id, i) => [id, i]));
  // Columns: y⁺ at 2i, y⁻ at 2i + 1.
  const n = ids.length * 2;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  ids.forEach((id, i) => {
    // Moving a cell already hidden costs (almost) nothing; moving a shown one costs hiding it.
    const w = release.shown(id) ? cost(id) : 1e-6;
    colCost[2 * i] = w;
    colCost[2 * i + 1] = w;
    colUpper[2 * i] = highs.infinity;
    colUpper[2 * i + 1] = release.values.get(id) ?? 0;
  });
  const t = index.get(target);
  if (t === undefined) return null;
  colLower[2 * t] = raise;
  colUpper[2 * t] = raise;
  colUpper[2 * t + 1] = 0;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  let numRows = 0;
  for (const c of release.constraints) {
    const terms = new Map<number, number>();
    for (const m of c.members) {
      const i = index.get(m);
      if (i !== undefined) terms.set(i, (terms.get(i) ?? 0) + 1);
    }
    const i = index.get(c.total);
    if (i !== undefined) terms.set(i, (terms.get(i) ?? 0) - 1);
    const nonZero = [...terms].filter(([, v]) => v !== 0);
    if (nonZero.length === 0) continue;
    for (const [i2, v] of nonZero) {
      indices.push(2 * i2, 2 * i2 + 1);
      values.push(v, -v);
    }
    starts.push(indices.length);
    numRows++;
  }
  const zeros = new Float64Array(numRows);
  const model = highs.createModel({ numCols: n, numRows, colCost, colLower, colUpper, rowLower: zeros, rowUpper: zeros, matrix: { format: 'csr', numRows, numCols: n, starts, indices, values } });
  try {
    model.options.set({ output_flag: false });
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    const y = model.getSolution().colValue;
    return ids.filter((id, i) => release.shown(id) && y[2 * i]! + y[2 * i + 1]! > tolerance);
  } finally {
    model.dispose();
  }
}
