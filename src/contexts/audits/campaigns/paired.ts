// Paired situation testing: per-pair outcomes, the net discrimination rate and its confidence
// interval. Pure functions; the campaign pages and the diagnosis feed use them.

export const pairOutcomes = ['both-well', 'both-badly', 'minority-worse', 'majority-worse'] as const;
export type PairOutcome = (typeof pairOutcomes)[number];

/**
 * Below this many pairs the page says the rate is not reliable. With 20 pairs one pair moves the
 * rate by 5 points and the 95 % interval is still about ±0.3 wide; fewer pairs say almost nothing.
 */
export const minimumReliablePairs = 20;

export interface PairCounts {
  bothWell: number;
  bothBadly: number;
  minorityWorse: number;
  majorityWorse: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

export interface PairedSummary extends PairCounts {
  pairs: number;
  /** (minorityWorse − majorityWorse) / pairs, or null when there are no pairs. */
  netRate: number | null;
  /** Newcombe's method 10 (hybrid score, no continuity correction), 95 %. */
  interval: Interval | null;
  reliable: boolean;
}

export function countOutcomes(outcomes: readonly PairOutcome[]): PairCounts {
  const counts: PairCounts = { bothWell: 0, bothBadly: 0, minorityWorse: 0, majorityWorse: 0 };
  for (const o of outcomes) {
    if (o === 'both-well') counts.bothWell++;
    else if (o === 'both-badly') counts.bothBadly++;
    else if (o === 'minority-worse') counts.minorityWorse++;
    else counts.majorityWorse++;
  }
  return counts;
}

/** The outcome of one pair from whether each tester was treated badly. */
export function outcomeOf(minorityTreatedBadly: boolean, majorityTreatedBadly: boolean): PairOutcome {
  if (minorityTreatedBadly && majorityTreatedBadly) return 'both-badly';
  if (minorityTreatedBadly) return 'minority-worse';
  if (majorityTreatedBadly) return 'majority-worse';
  return 'both-well';
}

const z95 = 1.959963984540054;

/** Wilson score interval for a binomial proportion x/n (no continuity correction). */
export function wilson(x: number, n: number, z = z95): Interval {
  if (n === 0) return { lower: 0, upper: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Newcombe (1998) method 10: a confidence interval for the difference of two paired proportions
 * p1 − p2, where p1 = share of pairs in which the minority tester was treated badly and p2 = share in
 * which the majority tester was. p1 − p2 = (minorityWorse − majorityWorse)/n, the net rate.
 * It combines the Wilson intervals of p1 and p2 with the correlation φ of the 2×2 table, and keeps
 * good coverage for small samples where the Wald interval does not (Newcombe, Stat Med 1998;17:2635–50;
 * the worked form in Altman et al., Statistics with Confidence, ch. 6).
 */
export function newcombePairedInterval(c: PairCounts, z = z95): Interval | null {
  const e = c.bothBadly;
  const f = c.minorityWorse;
  const g = c.majorityWorse;
  const h = c.bothWell;
  const n = e + f + g + h;
  if (n === 0) return null;
  const p1 = (e + f) / n;
  const p2 = (e + g) / n;
  const d = p1 - p2;
  const w1 = wilson(e + f, n, z);
  const w2 = wilson(e + g, n, z);
  const denominator = (e + f) * (g + h) * (e + g) * (f + h);
  // φ as Newcombe computes it: a positive eh − fg is reduced by n/2 (and floored at 0), which keeps
  // the interval from being too narrow when the two testers' treatment is strongly correlated.
  const crossDifference = e * h - f * g;
  const numerator = crossDifference > n / 2 ? crossDifference - n / 2 : crossDifference < 0 ? crossDifference : 0;
  const phi = denominator === 0 ? 0 : numerator / Math.sqrt(denominator);
  const dl1 = p1 - w1.lower;
  const du1 = w1.upper - p1;
  const dl2 = p2 - w2.lower;
  const du2 = w2.upper - p2;
  const lower = d - Math.sqrt(Math.max(0, dl1 * dl1 - 2 * phi * dl1 * du2 + du2 * du2));
  const upper = d + Math.sqrt(Math.max(0, du1 * du1 - 2 * phi * du1 * dl2 + dl2 * dl2));
  return { lower: Math.max(-1, lower), upper: Math.min(1, upper) };
}

/** The ILO convention: the net rate over valid tests, the pairs where at least one tester was treated well. */
export interface ValidTestsRate {
  /** Pairs where at least one tester was treated well (all pairs but "both badly"). */
  tests: number;
  /** (minorityWorse − majorityWorse) / tests, or null when there is no valid test. */
  netRate: number | null;
  /** Newcombe's interval on the valid tests alone (their 2×2 table has no "both badly" cell). */
  interval: Interval | null;
}

export function validTestsRate(c: PairCounts): ValidTestsRate {
  const tests = c.bothWell + c.minorityWorse + c.majorityWorse;
  return {
    tests,
    netRate: tests === 0 ? null : (c.minorityWorse - c.majorityWorse) / tests,
    interval: newcombePairedInterval({ ...c, bothBadly: 0 }),
  };
}

export function summarisePairs(c: PairCounts): PairedSummary {
  const pairs = c.bothWell + c.bothBadly + c.minorityWorse + c.majorityWorse;
  return {
    ...c,
    pairs,
    netRate: pairs === 0 ? null : (c.minorityWorse - c.majorityWorse) / pairs,
    interval: newcombePairedInterval(c),
    reliable: pairs >= minimumReliablePairs,
  };
}
