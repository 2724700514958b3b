// The demo tells one believable story in time, and its start log counts what the app shows: the questionnaire is
// published before its visits, organisations signed and joined on spread dates after the commitments, the Strategy was co-produced with member organisations
// before its vote, Fuenlabrada's 2025 report was approved in 2026, at least one finding is verified (through the plans' follow-up), and the audits' counts are those in the database after the whole demo is loaded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { asc, eq, isNotNull, and } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.ts';
import { findTerritory } from '../../src/contexts/territories/territory.service.ts';
import { demoCounts } from '../../src/contexts/audits/audits.seed.ts';
import { finding, instrumentVersion, visit } from '../../src/contexts/audits/audit.schema.ts';
import { plan, planContribution, planReport, planReportVote, planVersion } from '../../src/contexts/plans/plans.schema.ts';
import { listMembers } from '../../src/contexts/agreement/adhesion/adhesion.service.ts';

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

test('the Strategy was drafted with member organisations before it was approved, and Fuenlabrada’s 2025 report was approved by the board in 2026', async () => {
  const db = t.database.db;
  const [strategy] = await db.select().from(plan).where(and(eq(plan.territoryId, barcelonaId), eq(plan.kind, 'strategy')));
  const [first] = await db.select().from(planVersion).where(and(eq(planVersion.planId, strategy!.id), eq(planVersion.number, 1)));
  const sent = await db.select().from(planContribution).where(eq(planContribution.planId, strategy!.id));
  const proposals = sent.filter((c) => c.kind === 'proposal');
  assert.ok(proposals.filter((c) => c.status === 'accepted').length >= 2, 'proposals accepted into the draft');
  const declined = proposals.filter((c) => c.status === 'declined');
  assert.equal(declined.length, 1);
  assert.ok(declined[0]!.declineReason!.length > 20, 'declined with a reason');
  assert.ok(sent.some((c) => c.kind === 'comment' && c.measureId), 'comments on draft measures');
  const inFirst = new Set(first!.snapshot.measures.map((m) => m.id));
  for (const c of proposals.filter((p) => p.status === 'accepted')) assert.ok(inFirst.has(c.acceptedMeasureId!), 'an accepted proposal is a measure of the approved version');
  const members = new Map((await listMembers(db, barcelonaId)).map((m) => [m.organisationId, m.memberSince]));
  for (const c of sent) {
    assert.ok(c.createdAt > strategy!.createdAt && c.createdAt < first!.publishedAt, `sent ${c.createdAt.toISOString()} while the draft was open`);
    assert.ok(members.get(c.organisationId)! < c.createdAt, 'by an organisation that was a member then');
    if (c.answeredAt) assert.ok(c.answeredAt > c.createdAt && c.answeredAt < first!.publishedAt, 'answered before the vote');
  }
  assert.ok(first!.publishedAt.toISOString() < '2017-06-01', `the Strategy 2017–2027 approved early in 2017 (${first!.publishedAt.toISOString()})`);

  const fuenlabradaId = (await findTerritory(db, 'fuenlabrada'))!.id;
  const [actionPlan] = await db.select().from(plan).where(and(eq(plan.territoryId, fuenlabradaId), eq(plan.kind, 'action-plan')));
  const [published] = await db.select().from(planVersion).where(eq(planVersion.planId, actionPlan!.id));
  const reports = await db.select().from(planReport).where(eq(planReport.planId, actionPlan!.id));
  const approved = reports.filter((r) => r.status === 'approved');
  assert.equal(approved.length, 1);
  const report = approved[0]!;
  assert.equal(report.year, 2025);
  assert.equal(report.content.until, '2025-12-31');
  assert.ok(published!.publishedAt < report.submittedAt && report.submittedAt.toISOString() > '2025-12-31', 'sent after the year it reports on');
  const votes = await db.select().from(planReportVote).where(eq(planReportVote.reportId, report.id));
  assert.ok(votes.length >= 2 && votes.every((v) => v.vote === 'approve' && v.createdAt > report.submittedAt && v.createdAt <= report.approvedAt!), 'the board’s recorded votes, between sending and approval');
  assert.deepEqual([...report.approvers].sort(), votes.map((v) => v.personName).sort());
  assert.ok(report.approvedAt!.toISOString() < '2026-12-01', 'approved on its day in the story, not today');
  const page = await t.app.inject(`/es/t/fuenlabrada/plans/${actionPlan!.slug}/reports/2025`);
  assert.equal(page.statusCode, 200);
  for (const name of report.approvers) assert.ok(page.body.includes(name), `the report page names ${name}, who approved it`);
});
