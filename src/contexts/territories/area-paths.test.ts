// The paths a territory's areas are drawn with (projectAreas, stored with each area on import).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectAreas } from '../../platform/views/choropleth.tsx';
import { parseAreas } from './area-import.ts';
import { demoDataDir } from './territory.seed.ts';

test("Barcelona's districts are drawn with a fraction of their points, and a border two districts share stays the same line for both", () => {
  const file = path.join(demoDataDir, 'barcelona/districts.geojson');
  const { areas } = parseAreas(JSON.parse(fs.readFileSync(file, 'utf8')), { level: 'district', codeProperty: 'C_Distri', nameProperty: 'N_Distri', populationProperties: [] });
  const geometries = areas.map((a) => a.geometry);
  const full = projectAreas(geometries, 0);
  const drawn = projectAreas(geometries);
  const length = (paths: (string | null)[]) => paths.reduce((n, d) => n + (d?.length ?? 0), 0);
  assert.equal(drawn.length, 10);
  assert.ok(length(drawn) < 0.4 * length(full), `${length(drawn)} of ${length(full)} characters`);
  const points = (d: string | null) => new Set(d?.match(/-?\d+(?:\.\d+)?,-?\d+(?:\.\d+)?/g) ?? []);
  let borders = 0;
  for (let a = 0; a < areas.length; a++) {
    for (let b = a + 1; b < areas.length; b++) {
      // The points of the border these two share, before simplification.
      const fullB = points(full[b]!);
      const common = new Set([...points(full[a]!)].filter((p) => fullB.has(p)));
      if (common.size < 10) continue;
      borders += 1;
      const keptBy = (d: string | null) => [...points(d)].filter((p) => common.has(p)).sort();
      // Simplified apart, each district would keep other points of the border, leaving slivers between them.
      assert.deepEqual(keptBy(drawn[a]!), keptBy(drawn[b]!), `${areas[a]!.name} / ${areas[b]!.name}`);
      assert.ok(keptBy(drawn[a]!).length < common.size);
    }
  }
  assert.ok(borders >= 10, `${borders} common borders checked`);
});
