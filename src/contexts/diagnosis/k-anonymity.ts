// k-anonymity for research extracts (METHODS.md): every released combination of quasi-identifiers
// (service, ground, district, month, and whichever of source, dimension and severity the extract
// releases: `extra`) appears at least k times. Local recoding, one step at a time,
// only for the rows whose combination is still too rare:
//   level 0  service, ground, neighbourhood, month   (the finest the platform holds)
//   level 1  neighbourhood → district
//   level 2  month → quarter
//   level 3  ground → "other"
//   none     still fewer than k: the row is left out of the extract.
// A row stays at the finest level at which its class, counted among the rows that reach that level,
// has k rows. The same rule is written in SQL for streaming (diagnosis.extract.ts); the tests check
// both agree.
import { quarterOf } from '../../platform/periods.ts';

export interface QuasiIdentifiers {
  service: string | null;
  /** The fact's grounds, sorted and joined with "+". */
  ground: string;
  district: string | null;
  neighbourhood: string | null;
  /** 'YYYY-MM' */
  month: string;
  /** The other released columns that describe the fact (source, dimension, severity), joined: kept as they are at every level. */
  extra?: string;
}

export interface Released {
  service: string | null;
  ground: string;
  district: string | null;
  neighbourhood: string | null;
  /** 'YYYY-MM' or 'YYYY-Qn' */
  period: string;
  extra?: string;
  level: 0 | 1 | 2 | 3;
}

export { quarterOf };

const levels: ((q: QuasiIdentifiers) => Omit<Released, 'level'>)[] = [
  (q) => ({ service: q.service, ground: q.ground, district: q.district, neighbourhood: q.neighbourhood, period: q.month, extra: q.extra }),
  (q) => ({ service: q.service, ground: q.ground, district: q.district, neighbourhood: null, period: q.month, extra: q.extra }),
  (q) => ({ service: q.service, ground: q.ground, district: q.district, neighbourhood: null, period: quarterOf(q.month), extra: q.extra }),
  (q) => ({ service: q.service, ground: 'other', district: q.district, neighbourhood: null, period: quarterOf(q.month), extra: q.extra }),
];

const keyOf = (r: Omit<Released, 'level'>) => JSON.stringify([r.service, r.ground, r.district, r.neighbourhood, r.period, r.extra ?? '']);

/** For each row, what it is released as, or null when it must be left out. */
export function generalise(rows: QuasiIdentifiers[], k: number): (Released | null)[] {
  const result: (Released | null)[] = rows.map(() => null);
  let pending = rows.map((_, i) => i);
  levels.forEach((level, l) => {
    const classes = new Map<string, number[]>();
    for (const i of pending) {
      const key = keyOf(level(rows[i]!));
      classes.set(key, [...(classes.get(key) ?? []), i]);
    }
    const next: number[] = [];
    for (const members of classes.values()) {
      if (members.length >= k) for (const i of members) result[i] = { ...level(rows[i]!), level: l as Released['level'] };
      else next.push(...members);
    }
    pending = next;
  });
  return result;
}

/** The smallest class size among released rows (k-anonymity holds when it is ≥ k). */
export function smallestClass(released: (Released | null)[]): number {
  const sizes = new Map<string, number>();
  for (const r of released) if (r) sizes.set(keyOf(r), (sizes.get(keyOf(r)) ?? 0) + 1);
  return Math.min(...sizes.values());
}
