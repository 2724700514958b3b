// Coordinators link a service manager to a service on the catalogue's page; each change is access-logged, and
// the linked manager then sees the validated findings about that service.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { verifyChain } from '../../platform/access-log/access-log.ts';
import { findPersonByEmail } from '../identity/identity.service.ts';
import { demoPeople } from '../audits/audits.seed.ts';
import { servicesOf, localName } from './catalogue.service.ts';
import { managedServices } from './service-manager.service.ts';

let t: TestApp;
let territoryId: string;
let coordinator: Record<string, string>;
let managerId: string;
let housingUrl: string;
let housingId: string;

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = actorHeader({ personId: demoPeople.coordinator, locale: 'en', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
  managerId = (await findPersonByEmail(t.database.db, 'service-manager@coproduce.example'))!.id;
  const housing = (await servicesOf(t.database.db, territoryId)).find((s) => localName(s, 'en') === 'Housing offices')!;
  housingId = housing.id;
  housingUrl = `/en/t/barcelona/audits/catalogue/services/${housing.id}/managers`;
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, payload: Record<string, string>) {
  const { token, cookie } = csrfFrom(await t.app.inject({ url, headers }));
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie }, payload: { _csrf: token, ...payload } });
}

const logged = async (action: string) =>
  (await t.database.db.select().from(accessLog).where(and(eq(accessLog.action, action), eq(accessLog.recordId, `${housingId}:${managerId}`)))).length;

test('a coordinator links the demo service manager to the housing offices, and unlinks them; both changes are logged', async () => {
  const page = await t.app.inject({ url: housingUrl, headers: coordinator });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Who answers for Housing offices/);
  assert.match(page.body, /No one answers for this service yet/);
  assert.match(page.body, new RegExp(`<option value="${managerId}">Carlos Ortega</option>`));
  assert.deepEqual(await managedServices(t.database.db, territoryId, managerId).then((ids) => ids.includes(housingId)), false);

  const added = await post(housingUrl, coordinator, { active: 'yes', personId: managerId });
  assert.equal(added.statusCode, 303);
  assert.equal(added.headers.location, housingUrl);
  assert.ok((await managedServices(t.database.db, territoryId, managerId)).includes(housingId));
  assert.equal(await logged('catalogue.service-manager.assign'), 1);
  const after = await t.app.inject({ url: housingUrl, headers: coordinator });
  assert.match(after.body, /Remove<span class="visually-hidden"> Carlos Ortega<\/span>/);

  const removed = await post(housingUrl, coordinator, { active: 'no', personId: managerId });
  assert.equal(removed.statusCode, 303);
  assert.equal((await managedServices(t.database.db, territoryId, managerId)).includes(housingId), false);
  assert.equal(await logged('catalogue.service-manager.remove'), 1);
  assert.equal((await verifyChain(t.database.db)).ok, true);
});

test('only a person with the service manager role can be linked; the error is beside the field', async () => {
  const auditorId = (await findPersonByEmail(t.database.db, 'auditor@coproduce.example'))!.id;
  for (const personId of [auditorId, 'not-a-person']) {
    const refused = await post(housingUrl, coordinator, { active: 'yes', personId });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Choose a person with the service manager role/);
    assert.match(refused.body, /error-summary/);
  }
  assert.equal((await managedServices(t.database.db, territoryId, auditorId)).length, 0);
});

test('auditors and service managers may not link managers; an unknown service is not found', async () => {
  const auditor = actorHeader({ personId: demoPeople.auditor(1), grants: [{ role: 'auditor', scope: { kind: 'territory', id: territoryId } }] });
  const manager = actorHeader({ personId: managerId, grants: [{ role: 'service-manager', scope: { kind: 'territory', id: territoryId } }] });
  for (const headers of [auditor, manager]) assert.equal((await t.app.inject({ url: housingUrl, headers })).statusCode, 403);
  const unknown = housingUrl.replace(housingId, '00000000-0000-4000-8000-00000000dead');
  assert.equal((await t.app.inject({ url: unknown, headers: coordinator })).statusCode, 404);
  assert.notEqual((await t.app.inject({ url: housingUrl })).statusCode, 200, 'signed out: no page');
});
