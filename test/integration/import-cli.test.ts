// The import commands as an administrator runs them: territory:import (GeoJSON areas) and organisations:import (CSV),
// each on a fresh embedded database, with a progress bar and a report of what was rejected and why.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coproduce-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(script: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '', NODE_ENV: 'test', SEED_DEMO: 'false' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const square = (x: number) => ({ type: 'Polygon', coordinates: [[[x, 41], [x + 0.01, 41], [x + 0.01, 41.01], [x, 41.01], [x, 41]]] });

test('territory:import adds the good districts, shows progress and lists each rejected feature with its reason', () => {
  const file = path.join(dir, 'districts.geojson');
  fs.writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '1', name: 'Nord', men: 10, women: 12 }, geometry: square(2) },
        { type: 'Feature', properties: { code: '2', name: 'Sud', men: 5, women: 7 }, geometry: square(2.1) },
        { type: 'Feature', properties: { code: '3', name: 'Punt', men: 1, women: 1 }, geometry: { type: 'Point', coordinates: [2, 41] } },
      ],
    }),
  );
  const { code, out } = run('territory-import.ts', [file, '--territory', 'testville', '--create', 'Testville', '--level', 'district', '--code', 'code', '--name', 'name', '--population', 'men+women']);
  assert.equal(code, 3, out);
  assert.match(out, /Reading features .* 3\/3/);
  assert.match(out, /Testville: 2 districts added, 0 updated, 1 rejected\./);
  assert.match(out, /#3 Punt: geometry type Point is not an area/);
  const again = run('territory-import.ts', [file, '--territory', 'testville', '--level', 'district', '--code', 'code', '--name', 'name']);
  assert.match(again.out, /0 districts added, 2 updated, 1 rejected/);
});

test('territory:import refuses a missing file and explains how to call it', () => {
  const { code, out } = run('territory-import.ts', [path.join(dir, 'none.geojson'), '--territory', 'x', '--level', 'district', '--code', 'c', '--name', 'n']);
  assert.equal(code, 2);
  assert.match(out, /No such file/);
  assert.match(run('territory-import.ts', []).out, /Usage: npm run territory:import/);
});

test('organisations:import imports the good rows with a progress bar and reports each bad row by line, field and reason', () => {
  const file = path.join(dir, 'organisations.csv');
  const report = path.join(dir, 'report.csv');
  fs.writeFileSync(
    file,
    [
      'name,type,description,areas,districts,languages,website,public_email,public_phone',
      'Associació Primera,association,Fem coses,housing|food,Nord,ca|es,https://primera.example.org,,',
      'Fundació Segona,foundation,,children,Sud|1,ca,,info@segona.example.org,+34 600 000 000',
      ',association,Sense nom,housing,,,,,',
      'Tercera,club,,housing,Oest,ca,ftp://x,not-an-email,',
      'Quarta,cooperative,,employment,,ar,,,',
    ].join('\n'),
  );
  const { code, out } = run('organisations-import.ts', [file, '--territory', 'testville', '--report', report]);
  assert.equal(code, 3, out);
  assert.match(out, /Importing organisations .* 5\/5 rows/);
  assert.match(out, /Testville: 3 organisations imported, 2 rows not imported\./);
  assert.match(out, /line 4 name: Enter the name of the organisation/);
  assert.match(out, /line 5 \(Tercera\) type: Choose the type of organisation/);
  assert.match(out, /line 5 \(Tercera\) districtIds: This value is not valid/);
  assert.match(out, /line 5 \(Tercera\) website: Enter a web address that starts with https:\/\//);
  assert.match(out, /line 5 \(Tercera\) publicEmail: Enter an email address/);
  const lines = fs.readFileSync(report, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'line,name,field,problem');
  assert.equal(lines.length, 1 + 5);
});

test('organisations:import refuses a file without the required columns as a whole', () => {
  const file = path.join(dir, 'wrong.csv');
  fs.writeFileSync(file, 'nom,tipus\nA,association\n');
  const { code, out } = run('organisations-import.ts', [file, '--territory', 'testville']);
  assert.equal(code, 1);
  assert.match(out, /Missing columns: name, type/);
});
