// Paired tests: two different testers per pair, and each test counted in the month it happened.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory, type Territory } from '../../territories/territory.service.ts';
import { auditor, campaign, testPair } from '../audit.schema.ts';
import { recordPair } from './pairs.service.ts';
import { computeSnapshot } from '../../diagnosis/diagnosis.figures.ts';

let t: TestApp;
let territory: Territory;
before(async () => {
  t = await createTestApp({ template: 'demo' });
  territory = (await findTerritory(t.database.db, 'barcelona'))!;
});
after(async () => t.close());

const coordinator = () => ({
  personId: randomUUID(),
  displayName: 'Carme Coordinadora',
  locale: 'en' as const,
  twoFactorVerified: true,
  grants: [{ role: 'audit-coordinator' as const, scope: { kind: 'territory' as const, id: territory.id } }],
});

test('a pair with the same auditor as both testers is refused with an error beside the field', async () => {
  const [pair] = await t.database.db.select().from(testPair).where(eq(testPair.territoryId, territory.id)).limit(1);
  const [someone] = await t.database.db.select({ id: auditor.id }).from(auditor).where(eq(auditor.territoryId, territory.id)).limit(1);
  const result = await recordPair(
    t.database.db,
    coordinator(),
    { territoryId: territory.id, campaignId: pair!.campaignId, facilityId: pair!.facilityId, ground: pair!.ground, testedOn: pair!.testedOn, minorityAuditorId: someone!.id, majorityAuditorId: someone!.id, outcome: 'minority-worse' },
    [pair!.ground],
  );
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.error === 'invalid');
  assert.deepEqual(!result.ok && result.fields, { majorityAuditorId: 'audits.pairs.errors.sameTester' });
});

test("paired tests are dated by the test's own date, so a diagnosis of those months counts them", async () => {
  const [c] = await t.database.db.select({ endsOn: campaign.endsOn }).from(campaign).where(eq(campaign.territoryId, territory.id)).limit(1);
  const months = (await t.database.db.execute(sql`SELECT DISTINCT to_char(month, 'YYYY-MM') AS m FROM diagnosis_paired_test WHERE territory_id = ${territory.id} ORDER BY 1`)) as unknown as { rows: { m: string }[] };
  const tested = (await t.database.db.execute(sql`SELECT DISTINCT to_char(tested_on, 'YYYY-MM') AS m FROM audit_test_pair WHERE territory_id = ${territory.id} ORDER BY 1`)) as unknown as { rows: { m: string }[] };
  assert.deepEqual(months.rows.map((r) => r.m), ['2025-10', '2025-11', '2025-12']);
  assert.deepEqual(months.rows.map((r) => r.m), tested.rows.map((r) => r.m));
  assert.ok(!months.rows.some((r) => r.m === c!.endsOn.slice(0, 7)), 'not the campaign end month');
  const snapshot = await computeSnapshot(t.database.db, territory, { from: '2025-10', to: '2025-12', granularity: 'month' }, false);
  const pairs = snapshot.pairedTests.reduce((sum, p) => sum + p.pairs, 0);
  assert.equal(pairs, 24 + 8);
});
