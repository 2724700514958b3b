import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minimumPairs, netDiscrimination, wilson } from './paired-test.ts';

test('the net rate is (minority worse − majority worse) / all pairs', () => {
  const r = netDiscrimination({ bothWell: 20, bothBadly: 5, minorityWorse: 12, majorityWorse: 3 });
  assert.equal(r.pairs, 40);
  assert.equal(r.net, 9 / 40);
  assert.ok(r.lower < r.net && r.net < r.upper);
  assert.ok(r.lower > 0, 'nine more pairs against the minority out of 40 is a clear pattern');
  assert.equal(r.enough, true);
});


test('swapping minority and majority negates the interval', () => {
  const a = netDiscrimination({ bothWell: 30, bothBadly: 4, minorityWorse: 9, majorityWorse: 2 });
  const b = netDiscrimination({ bothWell: 30, bothBadly: 4, minorityWorse: 2, majorityWorse: 9 });
  assert.ok(Math.abs(a.lower + b.upper) < 1e-12);
  assert.ok(Math.abs(a.upper + b.lower) < 1e-12);
});

test('extreme cases stay inside −1…1 and few pairs are marked as not enough', () => {
  const all = netDiscrimination({ bothWell: 0, bothBadly: 0, minorityWorse: 25, majorityWorse: 0 });
  assert.equal(all.net, 1);
  assert.ok(all.upper <= 1 && all.lower > 0.7);
  const few = netDiscrimination({ bothWell: 3, bothBadly: 1, minorityWorse: 4, majorityWorse: 0 });
  assert.equal(few.enough, false);
  assert.equal(minimumPairs, 20);
  assert.equal(netDiscrimination({ bothWell: 0, bothBadly: 0, minorityWorse: 0, majorityWorse: 0 }).enough, false);
});

test('Wilson’s interval for 0 of 10 starts at 0 and is not degenerate', () => {
  const [l, u] = wilson(0, 10);
  assert.equal(l, 0);
  assert.ok(Math.abs(u - 0.2775) < 1e-3);
});

test('the 95% interval covers the true net rate about 95% of the time', () => {
  // mulberry32: a small seeded generator good enough for a coverage check.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const truth = { bothWell: 0.5, bothBadly: 0.2, minorityWorse: 0.2, majorityWorse: 0.1 };
  const trueNet = truth.minorityWorse - truth.majorityWorse;
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
    const r = netDiscrimination(counts);
    if (r.lower <= trueNet && trueNet <= r.upper) covered++;
  }
  const coverage = covered / runs;
  assert.ok(coverage > 0.93 && coverage < 0.975, `coverage ${coverage}`);
});

test('balanced discordant pairs give a net rate of 0 with an interval symmetric around it', () => {
  const r = netDiscrimination({ bothBadly: 10, minorityWorse: 6, majorityWorse: 6, bothWell: 18 });
  assert.equal(r.net, 0);
  assert.ok(Math.abs(r.lower + r.upper) < 1e-12);
});
