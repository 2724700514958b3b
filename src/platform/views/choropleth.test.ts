import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legendSteps } from './choropleth.tsx';

test('legend classes are written at the data’s precision, never overlap, and contain the values they colour', () => {
  const rates = [1.35, 1.9, 2.44, 3.1, 4.72, 2.05];
  const { colour, steps } = legendSteps(rates, undefined, 1);
  for (let i = 1; i < steps.length; i++) assert.ok(steps[i]!.from > steps[i - 1]!.to, `${JSON.stringify(steps)}`);
  for (const s of steps) assert.ok(s.from <= s.to && Number(s.from.toFixed(1)) === s.from && Number(s.to.toFixed(1)) === s.to);
  for (const v of rates) {
    const shown = Number(new Intl.NumberFormat('en', { maximumFractionDigits: 1, useGrouping: false }).format(v)); // as the page shows it
    const step = steps.find((s) => s.colour === colour(v))!;
    assert.ok(step.from <= shown && shown <= step.to, `${v} shown as ${shown} is in ${step.from} – ${step.to}`);
  }
  // Whole counts: integer limits, no class like "4 – 4" followed by "3 – 2".
  const counts = legendSteps([2, 3, 4, 5, 9], undefined, 0);
  for (let i = 1; i < counts.steps.length; i++) assert.ok(counts.steps[i]!.from === counts.steps[i - 1]!.to + 1);
  for (const v of [2, 3, 4, 5, 9]) {
    const step = counts.steps.find((s) => s.colour === counts.colour(v))!;
    assert.ok(step.from <= v && v <= step.to);
  }
});
