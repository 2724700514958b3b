// The demo tells one believable story in time, and its start log counts what the app shows: the questionnaire is
// published before its visits, organisations signed and joined on spread dates after the commitments, at least one
// finding is verified (through the plans' follow-up), and the audits' counts are those in the database after the whole demo is loaded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq, isNotNull, and } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { demoCounts } from '../../src/contexts/audits/audits.seed.ts';
import { finding, instrumentVersion, visit } from '../../src/contexts/audits/audit.schema.ts';

let t: TestApp;
let barcelonaId: string;
before(async () => {
  t = await createTestApp();
  barcelonaId = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => t.close());

test('the questionnaire was published before the first visit that used it', async () => {
  const db = t.database.db;
  const [version] = await db.select().from(instrumentVersion).where(isNotNull(instrumentVersion.publishedAt));
  const [first] = await db.select({ on: visit.scheduledOn }).from(visit).where(and(eq(visit.territoryId, barcelonaId), eq(visit.instrumentVersionId, version!.id))).orderBy(asc(visit.scheduledOn)).limit(1);
  assert.ok(version!.publishedAt!.toISOString().slice(0, 10) < String(first!.on), `published ${version!.publishedAt!.toISOString()} before ${first!.on}`);
  const page = (await t.app.inject('/ca/t/barcelona/audits')).body;
  assert.doesNotMatch(page, /desembre del 2026/, 'no publication date of today on the audits page');
});

test('member organisations signed after the commitments were published, on spread days, and were approved later', async () => {
  const agreement = (await t.app.inject('/api/v1/territories/barcelona/agreement')).json();
  const published = agreement.commitments.publishedAt as string;
  const profiles = await Promise.all(agreement.members.map(async (m: { id: string }) => (await t.app.inject(`/api/v1/organisations/${m.id}`)).json()));
  const adhesions = profiles.map((p) => p.adhesions.find((a: { territory: string }) => a.territory === 'barcelona'));
  const signed = adhesions.map((a) => a.history.find((e: { kind: string }) => e.kind === 'signed').at as string);
  const approved = adhesions.map((a) => a.history.find((e: { kind: string }) => e.kind === 'approved').at as string);
  for (const [i, at] of signed.entries()) {
    assert.ok(at > published, `signed ${at} after the commitments of ${published}`);
    assert.ok(approved[i]! > at, 'approved after signing');
  }
  const monthDays = new Set(signed.map((s) => s.slice(5, 10)));
  assert.ok(monthDays.size > signed.length * 0.8, `signing days are spread (${monthDays.size} days for ${signed.length} organisations)`);
  assert.ok(new Set(approved.map((s) => s.slice(5, 10))).size > approved.length * 0.8, 'approval days are spread');
});

test('a demo finding is verified, and the start log counts the findings there are', async () => {
  const all = { value: await t.database.db.select().from(finding).where(eq(finding.territoryId, barcelonaId)) };
  assert.ok(all.value.some((f) => f.status === 'verified'), 'at least one finding verified through a follow-up visit');
  const counted = await demoCounts(t.database.db, barcelonaId);
  assert.equal(counted.findings, all.value.length);
  assert.equal(counted.awaiting, all.value.filter((f) => f.status === 'proposed').length);
});
