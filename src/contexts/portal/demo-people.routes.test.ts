// The demo people page: administrators of a demo installation see every demo person with their roles by name;
// others are refused; an installation without the demo has no such page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorHeader, createTestApp, type TestApp } from '../../../test/support/app.ts';
import { searchAccessLog } from '../../platform/access-log/access-log.ts';

let demo: TestApp;
let empty: TestApp;
before(async () => {
  demo = await createTestApp({ actAs: true });
  empty = await createTestApp({ template: 'migrated', actAs: true });
});
after(async () => {
  await demo.close();
  await empty.close();
});

const admin = actorHeader({ grants: [{ role: 'platform-admin', scope: { kind: 'platform', id: null } }] });

test('the demo administrator finds every demo person and their roles, named, never by id', async () => {
  const page = await demo.app.inject({ url: '/ca/admin/demo-people', headers: admin });
  assert.equal(page.statusCode, 200);
  assert.equal(page.headers['cache-control'], 'no-store');
  const main = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('</main>'));
  assert.match(main, /<code>admin@coproduce.example<\/code>/);
  assert.match(main, /administrador de la demostració/);
  assert.match(main, /<code>case-handler@coproduce.example<\/code><\/th><td>Núria Soler<\/td><td>gestor\/a de casos \(Barcelona\)/);
  assert.match(main, /Fatima Zahra El Idrissi<\/td><td>[^<]*\(Empresa d’Inserció Reverdeix\)/);
  assert.match(main, /audit-coordinator-2@coproduce.example/);
  assert.match(main, /npm run demo:reset/);
  assert.doesNotMatch(main, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, 'no ids');
  // The email rows are the people the seed made, counted from the database, not a fixed list.
  const rows = main.match(/<tr><th scope="row">/g)?.length ?? 0;
  assert.match(main, new RegExp(`${rows} persones de la demostració`));
  assert.ok(rows >= 15);
  assert.equal((await searchAccessLog(demo.database.db, { action: 'portal.demoPeople.read' }, 'all', { limit: 5 })).length, 1, 'the read is logged');
});

test('people who are not administrators are refused, and without the demo the page does not exist', async () => {
  const handler = actorHeader({ grants: [{ role: 'case-handler', scope: { kind: 'territory', id: '11111111-1111-4111-8111-111111111111' } }] });
  assert.equal((await demo.app.inject({ url: '/ca/admin/demo-people', headers: handler })).statusCode, 403);
  assert.match((await demo.app.inject('/ca/admin/demo-people')).headers.location as string, /sign-in/);
  assert.equal((await empty.app.inject({ url: '/ca/admin/demo-people', headers: admin })).statusCode, 404);
});
