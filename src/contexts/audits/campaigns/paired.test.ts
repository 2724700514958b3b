// Paired-test statistics against cases computed by hand (z = 1.959964, 95 %).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countOutcomes, minimumReliablePairs, newcombePairedInterval, outcomeOf, summarisePairs, validTestsRate, wilson } from './paired.ts';

const close = (actual: number, expected: number, message?: string) => assert.ok(Math.abs(actual - expected) < 5e-6, `${message ?? ''} ${actual} ≠ ${expected}`);

test('each pair falls in exactly one of the four outcomes', () => {
  assert.equal(outcomeOf(false, false), 'both-well');
  assert.equal(outcomeOf(true, true), 'both-badly');
  assert.equal(outcomeOf(true, false), 'minority-worse');
  assert.equal(outcomeOf(false, true), 'majority-worse');
  assert.deepEqual(countOutcomes(['both-well', 'minority-worse', 'minority-worse', 'majority-worse', 'both-badly']), {
    bothWell: 1,
    bothBadly: 1,
    minorityWorse: 2,
    majorityWorse: 1,
  });
});

test('Wilson interval for 6/20', () => {
  // p = 0.3, z² = 3.841459; centre = (0.3 + 3.841459/40) / (1 + 3.841459/20) = 0.396036/1.192073 = 0.332225
  // half = (1.959964/1.192073) · √(0.21/20 + 3.841459/1600) = 1.644168 · √0.012901 = 1.644168 · 0.113583 = 0.186748
  // → 0.145477 to 0.518973
  const w = wilson(6, 20);
  close(w.lower, 0.145477);
  close(w.upper, 0.518973);
});

test('net discrimination rate and Newcombe interval: 20 pairs, 6 minority worse, 1 majority worse', () => {
  // e (both badly) = 0, f (minority worse) = 6, g (majority worse) = 1, h (both well) = 13, n = 20.
  // Net rate = (6 − 1)/20 = 0.25.
  // p1 = (e+f)/n = 0.30 → Wilson 0.145477–0.518973 (above); p2 = (e+g)/n = 0.05 → Wilson 0.008881–0.236131
  //   (p = 0.05: centre = (0.05 + 0.096036)/1.192073 = 0.122506; half = 1.644168·√(0.002375 + 0.002401) = 0.113625).
  // eh − fg = 0 − 6 = −6 (negative: used as is); (e+f)(g+h)(e+g)(f+h) = 6·14·1·19 = 1596; φ = −6/√1596 = −0.150188.
  // lower = 0.25 − √(0.154523² − 2(−0.150188)(0.154523)(0.186131) + 0.186131²)
  //       = 0.25 − √(0.023877 + 0.008639 + 0.034645) = 0.25 − √0.067161 = 0.25 − 0.259155 = −0.009155
  // upper = 0.25 + √(0.218973² − 2(−0.150188)(0.218973)(0.041119) + 0.041119²)
  //       = 0.25 + √(0.047949 + 0.002705 + 0.001691) = 0.25 + √0.052344 = 0.25 + 0.228789 = 0.478789
  const s = summarisePairs({ bothWell: 13, bothBadly: 0, minorityWorse: 6, majorityWorse: 1 });
  assert.equal(s.pairs, 20);
  assert.equal(s.netRate, 0.25);
  close(s.interval!.lower, -0.009155);
  close(s.interval!.upper, 0.478789);
  // The interval still includes 0: on 20 pairs this is not yet a clear pattern.
  assert.equal(s.reliable, true);
});

test('a positive correlation is reduced by n/2 before it narrows the interval', () => {
  // e = 8, f = 5, g = 4, h = 9, n = 26. Net rate = (5 − 4)/26 = 0.038462.
  // p1 = 13/26 = 0.5 → Wilson 0.320606–0.679394; p2 = 12/26 = 0.461538 → Wilson 0.287559–0.645421.
  // eh − fg = 72 − 20 = 52 > n/2 = 13 → numerator 52 − 13 = 39; (13)(13)(12)(14) = 28392; φ = 39/168.499 = 0.231455.
  // lower = 0.038462 − √(0.179394² − 2·0.231455·0.179394·0.183883 + 0.183883²)
  //       = 0.038462 − √(0.032182 − 0.015270 + 0.033813) = 0.038462 − √0.050725 = 0.038462 − 0.225222 = −0.186760
  // upper = 0.038462 + √(0.179394² − 2·0.231455·0.179394·0.173979 + 0.173979²)
  //       = 0.038462 + √(0.032182 − 0.014448 + 0.030269) = 0.038462 + √0.048003 = 0.038462 + 0.219096 = 0.257558
  const i = newcombePairedInterval({ bothBadly: 8, minorityWorse: 5, majorityWorse: 4, bothWell: 9 })!;
  close(i.lower, -0.18676);
  close(i.upper, 0.257558);
});

test('a clear pattern: 24 pairs, 14 minority worse, 3 majority worse', () => {
  // e = 2, f = 14, g = 3, h = 5, n = 24. Net rate = 11/24 = 0.458333.
  // p1 = 16/24 → Wilson 0.467063–0.820278; p2 = 5/24 → Wilson 0.092448–0.404705.
  // eh − fg = 10 − 42 = −32; (16)(8)(5)(19) = 12160; φ = −32/110.272 = −0.290191.
  // lower = 0.458333 − √(0.199604² + 2·0.290191·0.199604·0.196372 + 0.196372²) = 0.458333 − 0.318044 = 0.140289
  // upper = 0.458333 + √(0.153611² + 2·0.290191·0.153611·0.115885 + 0.115885²) = 0.458333 + 0.217618 = 0.675951
  const s = summarisePairs({ bothBadly: 2, minorityWorse: 14, majorityWorse: 3, bothWell: 5 });
  close(s.netRate!, 0.458333);
  close(s.interval!.lower, 0.140289);
  close(s.interval!.upper, 0.675951);
  assert.ok(s.interval!.lower > 0, 'the interval excludes 0');
});

test('few pairs: the rate is shown as not reliable; no pairs: no rate', () => {
  // 5 pairs all well: p1 = p2 = 0, Wilson 0–0.434482 for both, φ = 0 (a margin is 0) → ±0.434482.
  const few = summarisePairs({ bothWell: 5, bothBadly: 0, minorityWorse: 0, majorityWorse: 0 });
  assert.equal(few.netRate, 0);
  close(few.interval!.lower, -0.434482);
  close(few.interval!.upper, 0.434482);
  assert.equal(few.reliable, false);
  assert.ok(minimumReliablePairs > 5);
  const none = summarisePairs({ bothWell: 0, bothBadly: 0, minorityWorse: 0, majorityWorse: 0 });
  assert.equal(none.netRate, null);
  assert.equal(none.interval, null);
});

// Moved from the diagnosis context's former copy of these statistics: its properties hold for the one
// implementation both contexts now use.
test('swapping minority and majority negates the interval', () => {
  const a = newcombePairedInterval({ bothWell: 30, bothBadly: 4, minorityWorse: 9, majorityWorse: 2 })!;
  const b = newcombePairedInterval({ bothWell: 30, bothBadly: 4, minorityWorse: 2, majorityWorse: 9 })!;
  assert.ok(Math.abs(a.lower + b.upper) < 1e-12);
  assert.ok(Math.abs(a.upper + b.lower) < 1e-12);
});

test('extreme cases stay inside −1…1', () => {
  const all = summarisePairs({ bothWell: 0, bothBadly: 0, minorityWorse: 25, majorityWorse: 0 });
  assert.equal(all.netRate, 1);
  assert.ok(all.interval!.upper <= 1 && all.interval!.lower > 0.7);
});

test('the 95% interval covers the true net rate about 95% of the time', () => {
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const trueNet = 0.2 - 0.1;
  let covered = 0;
  const runs = 2000;
  for (let i = 0; i < runs; i++) {
    const counts = { bothWell: 0, bothBadly: 0, minorityWorse: 0, majorityWorse: 0 };
    for (let p = 0; p < 60; p++) {
      const u = random();
      if (u < 0.5) counts.bothWell++;
      else if (u < 0.7) counts.bothBadly++;
      else if (u < 0.9) counts.minorityWorse++;
      else counts.majorityWorse++;
    }
    const interval = newcombePairedInterval(counts)!;
    if (interval.lower <= trueNet && trueNet <= interval.upper) covered++;
  }
  const coverage = covered / runs;
  assert.ok(coverage > 0.93 && coverage < 0.975, `coverage ${coverage}`);
});

test('the net rate over valid tests (ILO) leaves out the pairs where both testers were treated badly', () => {
  // 40 pairs: 20 both well, 5 both badly, 12 minority worse, 3 majority worse.
  const counts = { bothWell: 20, bothBadly: 5, minorityWorse: 12, majorityWorse: 3 };
  assert.equal(summarisePairs(counts).netRate, 9 / 40);
  const valid = validTestsRate(counts);
  assert.equal(valid.tests, 35);
  assert.equal(valid.netRate, 9 / 35);
  // Its interval is Newcombe's on the valid tests' own table.
  assert.deepEqual(valid.interval, newcombePairedInterval({ ...counts, bothBadly: 0 }));
  assert.ok(valid.interval!.lower < valid.netRate! && valid.netRate! < valid.interval!.upper);
  assert.equal(validTestsRate({ bothWell: 0, bothBadly: 4, minorityWorse: 0, majorityWorse: 0 }).netRate, null);
});
