// Net discrimination rate of paired situation tests (METHODS.md), with a confidence interval for a
// difference of paired proportions: Newcombe's hybrid score interval (method 10, 1998), built from
// the Wilson intervals of both proportions and the correlation of the pairs. Written here because
// the audits context had not landed one; it is pure and meant to be shared.

/** Below this many pairs no rate is published (the page says so). */
export const minimumPairs = 20;

export interface PairCounts {
  bothWell: number;
  bothBadly: number;
  minorityWorse: number;
  majorityWorse: number;
}

export interface NetRate {
  pairs: number;
  /** (minorityWorse − majorityWorse) / pairs, in −1…1. */
  net: number;
  lower: number;
  upper: number;
  /** False when pairs < minimumPairs: the rate must not be published. */
  enough: boolean;
}

const z95 = 1.959963984540054;

export function wilson(successes: number, n: number, z = z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function netDiscrimination(counts: PairCounts, z = z95): NetRate {
  const a = counts.bothBadly;
  const b = counts.minorityWorse;
  const c = counts.majorityWorse;
  const d = counts.bothWell;
  const n = a + b + c + d;
  if (n === 0) return { pairs: 0, net: 0, lower: -1, upper: 1, enough: false };
  // p1: the minority tester treated badly; p2: the majority tester treated badly.
  const p1 = (a + b) / n;
  const p2 = (a + c) / n;
  const [l1, u1] = wilson(a + b, n, z);
  const [l2, u2] = wilson(a + c, n, z);
  const denominator = (a + b) * (c + d) * (a + c) * (b + d);
  const phi = denominator === 0 ? 0 : (a * d - b * c) / Math.sqrt(denominator);
  const net = (b - c) / n;
  const delta = Math.sqrt(Math.max(0, (p1 - l1) ** 2 - 2 * phi * (p1 - l1) * (u2 - p2) + (u2 - p2) ** 2));
  const epsilon = Math.sqrt(Math.max(0, (u1 - p1) ** 2 - 2 * phi * (u1 - p1) * (p2 - l2) + (p2 - l2) ** 2));
  return { pairs: n, net, lower: Math.max(-1, net - delta), upper: Math.min(1, net + epsilon), enough: n >= minimumPairs };
}
