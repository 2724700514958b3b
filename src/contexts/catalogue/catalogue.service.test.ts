import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../platform/db/client.ts';
import { systemActor, type Actor } from '../../platform/auth/permissions.ts';
import { findTerritory, listAreas } from '../territories/territory.service.ts';
import { catalogueOf, createFacility, districtAt, localName, servicesOf } from './catalogue.service.ts';
import '../../app.ts';

let database: Database;
let barcelonaId: string;
before(async () => {
  database = await cloneTestDatabase('demo');
  barcelonaId = (await findTerritory(database.db, 'barcelona'))!.id;
});
after(async () => database.close());

test('the demo catalogue has departments → services → facilities, each facility in a district', async () => {
  const tree = await catalogueOf(database.db, barcelonaId);
  assert.ok(tree.departments.length >= 4);
  const css = tree.departments.flatMap((d) => d.services).find((s) => s.name === 'Centres de Serveis Socials')!;
  assert.equal(css.facilities.length, 10);
  assert.ok(css.facilities.every((f) => f.districtId));
  assert.equal(localName(css, 'es'), 'Centros de Servicios Sociales');
  assert.equal(localName(css, 'ca'), 'Centres de Serveis Socials');
});

test('a point is placed in the district that contains it', async () => {
  const districts = await listAreas(database.db, barcelonaId, 'district');
  const eixample = districts.find((d) => d.name === 'Eixample')!;
  // Passeig de Gràcia at Carrer d'Aragó.
  assert.equal(await districtAt(database.db, barcelonaId, 2.1649, 41.3925), eixample.id);
  // The sea off Barceloneta.
  assert.equal(await districtAt(database.db, barcelonaId, 2.25, 41.35), null);
});

test('a facility with coordinates gets its district; outside the territory it is refused beside the field', async () => {
  const [service] = await servicesOf(database.db, barcelonaId);
  const inside = await createFacility(database.db, systemActor, { territoryId: barcelonaId, serviceId: service!.id, name: 'Test desk', latitude: 41.3925, longitude: 2.1649 });
  assert.equal(inside.ok, true);
  const outside = await createFacility(database.db, systemActor, { territoryId: barcelonaId, serviceId: service!.id, name: 'Boat', latitude: 41.35, longitude: 2.25 });
  assert.deepEqual(outside, { ok: false, error: 'outside', fields: { latitude: 'catalogue.facility.outside' } });
});

test('only catalogue managers of the territory may add to it', async () => {
  const [service] = await servicesOf(database.db, barcelonaId);
  const auditor: Actor = { ...systemActor, personId: 'a', grants: [{ role: 'auditor', scope: { kind: 'territory', id: barcelonaId } }] };
  const elsewhere: Actor = { ...systemActor, personId: 'b', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: 'another' } }] };
  for (const actor of [null, auditor, elsewhere]) {
    const result = await createFacility(database.db, actor, { territoryId: barcelonaId, serviceId: service!.id, name: 'Nope' });
    assert.equal(result.ok, false);
  }
});
