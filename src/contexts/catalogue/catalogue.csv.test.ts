import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { exportCatalogueCsv, importCatalogueCsv } from './catalogue.csv.ts';
import { catalogueOf } from './catalogue.service.ts';
import '../../app.ts';

let database: Database;
let barcelonaId: string;
let coordinator: Actor;
before(async () => {
  database = await cloneTestDatabase('demo');
  barcelonaId = (await findTerritory(database.db, 'barcelona'))!.id;
  coordinator = { personId: '0000c000-0000-4000-8000-000000000001', displayName: 'c', locale: 'en', twoFactorVerified: true, grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: barcelonaId } }] };
});
after(async () => database.close());

test('the catalogue exports one row per facility with its district code', async () => {
  const rows = parse(await exportCatalogueCsv(database.db, barcelonaId), { columns: true }) as Record<string, string>[];
  const tree = await catalogueOf(database.db, barcelonaId);
  assert.equal(rows.length, tree.departments.flatMap((d) => d.services).flatMap((s) => s.facilities).length);
  const oac = rows.find((r) => r.facility === 'OAC Eixample')!;
  assert.equal(oac.district_code, '02');
  assert.equal(oac.languages, 'ca es');
});

test('an import adds the good rows and reports each bad one by line', async () => {
  const csv = [
    'department,service,facility,address,district_code,latitude,longitude,opening_hours,languages,accessibility',
    "Atenció Ciutadana,Oficines d'Atenció Ciutadana (OAC),OAC Eixample,,02,,,,,",
    'Esports,Centres esportius municipals,CEM Joan Miró,Carrer de Calàbria 115,,41.3815,2.1530,Mon–Sun 7–23,ca es,step-free-access',
    'Esports,Centres esportius municipals,CEM al mar,,,41.35,2.25,,,',
    'Esports,Centres esportius municipals,CEM sense districte,,99,,,,,',
    'Esports,,CEM sense servei,,,,,,,',
    'Esports,Centres esportius municipals,CEM mig,,,41.38,,,,',
  ].join('\n');
  const result = await importCatalogueCsv(database.db, coordinator, barcelonaId, csv);
  assert.equal(result.ok, true);
  assert.deepEqual(
    result.ok && result.value.map((r) => [r.line, r.status, r.message ?? '']),
    [
      [2, 'exists', ''],
      [3, 'added', ''],
      [4, 'error', 'catalogue.facility.outside'],
      [5, 'error', 'catalogue.import.district'],
      [6, 'error', 'catalogue.import.missing'],
      [7, 'error', 'catalogue.import.coordinates'],
    ],
  );
  const added = (await catalogueOf(database.db, barcelonaId)).departments.find((d) => d.name === 'Esports')!.services[0]!.facilities[0]!;
  assert.equal(added.name, 'CEM Joan Miró');
  assert.ok(added.districtId, 'the district was found from the coordinates');
  const denied = await importCatalogueCsv(database.db, null, barcelonaId, csv);
  assert.equal(denied.ok, false);
});
