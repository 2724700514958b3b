// CSV import of 10,000 organisations with progress and a row-by-row report, and the export in the same columns.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { cloneTestDatabase } from '../../../../test/support/database.ts';
import type { Database } from '../../../platform/db/client.ts';
import { createTerritory, saveAreas } from '../../territories/territory.service.ts';
import { CsvFormatError, exportOrganisationsCsv, exportOrganisationsCsvPieces, importOrganisationsCsv } from './organisation.csv.ts';

let database: Database;
let territoryId: string;
before(async () => {
  database = await cloneTestDatabase('migrated');
  territoryId = (await createTerritory(database.db, { slug: 'csvtown', name: 'Csvtown', kind: 'municipality' })).id;
  await saveAreas(database.db, territoryId, 'district', [
    { code: '01', name: 'Centre', population: 100, parentCode: null, geometry: null },
    { code: '02', name: 'Platja', population: 200, parentCode: null, geometry: null },
  ]);
});
after(async () => database.close());

test('10,000 rows: progress for every row, good rows imported, each bad row reported by its line', async () => {
  const header = 'name,type,description,areas,districts,languages,website,public_email,public_phone';
  const rows = Array.from({ length: 10_000 }, (_, i) => `"Entitat ${i + 1}, Csvtown",association,"Descripció ${i}",housing|food,${i % 2 ? 'Centre' : '02'},ca|es,,,`);
  rows[99] = 'Entitat dolenta,club,,housing,,,,,';
  rows[4999] = ',association,,housing,,,,,';
  rows[9999] = 'Entitat lluny,association,,housing,Muntanya,,,,';
  let calls = 0;
  let last: [number, number] = [0, 0];
  const result = await importOrganisationsCsv(database.db, territoryId, [header, ...rows].join('\n'), 'test', (done, total) => {
    calls++;
    last = [done, total];
  });
  assert.equal(calls, 10_000);
  assert.deepEqual(last, [10_000, 10_000]);
  assert.equal(result.imported, 9_997);
  assert.deepEqual(
    result.errors.map((e) => [e.line, Object.keys(e.fields)]),
    [
      [101, ['type']],
      [5001, ['name']],
      [10_001, ['districtIds']],
    ],
  );

  const exported = parse(await exportOrganisationsCsv(database.db, territoryId), { columns: true }) as Record<string, string>[];
  assert.equal(exported.length, 9_997);
  const first = exported.find((r) => r.name === 'Entitat 1, Csvtown')!;
  assert.deepEqual([first.type, first.areas, first.districts, first.languages, first.adhesion, first.verified], ['association', 'housing|food', 'Platja', 'ca|es', '', 'no']);

  // The route sends it in pieces (1,000 rows each by default): the same file, its header once.
  const pieces: string[] = [];
  for await (const piece of await exportOrganisationsCsvPieces(database.db, territoryId, 4_000)) pieces.push(piece);
  assert.equal(pieces.length, 3);
  assert.equal(pieces.filter((p) => p.startsWith('name,type,')).length, 1);
  assert.equal(pieces.join(''), await exportOrganisationsCsv(database.db, territoryId));
});

test('the export of a territory without organisations is its header line', async () => {
  const empty = (await createTerritory(database.db, { slug: 'emptytown', name: 'Emptytown', kind: 'municipality' })).id;
  const pieces: string[] = [];
  for await (const piece of await exportOrganisationsCsvPieces(database.db, empty)) pieces.push(piece);
  assert.equal(pieces.length, 1);
  assert.match(pieces[0]!, /^name,type,description,areas,districts,languages,website,public_email,public_phone,id,adhesion,member_since,verified\r?\n$/);
});

test('a file that is not CSV, or lacks the name and type columns, is refused as a whole', async () => {
  await assert.rejects(importOrganisationsCsv(database.db, territoryId, 'nom,tipus\nA,B\n', 'test'), CsvFormatError);
  await assert.rejects(importOrganisationsCsv(database.db, territoryId, 'name,type\n"unclosed,association\n', 'test'), CsvFormatError);
});
