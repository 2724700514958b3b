// Self-assessment campaigns: the demo's social services centres compare their staff's answers with the
// citizen audit's visits; only managers of the service fill them (not an auditor, not a manager of another
// service or territory); bad input is refused beside the field; staff answers never become visits or findings.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory, type Territory } from '../../territories/territory.service.ts';
import type { Actor, Role } from '../../../platform/auth/permissions.ts';
import { accessLog } from '../../../platform/access-log/access-log.schema.ts';
import { finding, selfAssessment, visit } from '../audit.schema.ts';
import { demoPeople } from '../audits.seed.ts';
import { catalogueOf } from '../../catalogue/catalogue.service.ts';
import { publishedVersions } from '../instruments/instrument.service.ts';
import { createSelfAssessment, listSelfAssessments, saveStaffSheet, selfAssessmentComparison, selfAssessmentDetail, staffSheet, submitStaffSheet } from './self-assessment.service.ts';
import { compareItem, tally } from './comparison.ts';
import type { Item } from '../instruments/instrument.ts';

let t: TestApp;
let barcelona: Territory;
let fuenlabrada: Territory;
let demoId: string;
before(async () => {
  t = await createTestApp({ template: 'demo' });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  fuenlabrada = (await findTerritory(t.database.db, 'fuenlabrada'))!;
  const [row] = await t.database.db.select().from(selfAssessment).where(eq(selfAssessment.territoryId, barcelona.id));
  assert.ok(row, 'the demo has a self-assessment in Barcelona');
  demoId = row.id;
});
after(async () => t.close());

const actor = (role: Role, territoryId: string, personId: string = randomUUID()): Actor => ({ personId, displayName: 'Someone', locale: 'en', twoFactorVerified: true, grants: [{ role, scope: { kind: 'territory', id: territoryId } }] });
const cssManager = () => actor('service-manager', barcelona.id, demoPeople.socialServicesManager);
const officeManager = () => actor('service-manager', barcelona.id, demoPeople.citizenOfficesManager);

const full = {
  visit_date: '2026-05-02',
  step_free: 'yes',
  wait_minutes: '10',
  appointment_needed: 'no',
  language_offered: 'yes',
  treatment_score: '90',
  treatment_score__reason: 'Atenem amb calma.',
  treated_differently: 'no',
  extra_requirement: 'no',
  information_clear: '80',
  information_clear__reason: 'Fulls en diverses llengües.',
};

test("the demo comparison puts the centres' staff beside the citizens' visits and names the disagreement", async () => {
  const result = await selfAssessmentComparison(t.database.db, cssManager(), barcelona.id, demoId);
  assert.ok(result.ok);
  const c = result.value;
  assert.equal(c.sent, 3);
  assert.equal(c.facilities, 6);
  assert.ok(c.visits >= 6, `citizen visits of the same centres are counted (${c.visits})`);
  const language = c.rows.find((r) => r.item.name === 'language_offered')!;
  assert.equal(language.staffValue, 'yes');
  assert.equal(language.staff.counts.yes, 3);
  assert.equal(language.verdict, 'disagree');
  assert.equal(language.citizensValue, 'no');
  assert.ok(language.citizensOther * 2 > language.citizens.answered);
  // Items with no comparable answer (dates, texts, photos) are not rows.
  assert.ok(!c.rows.some((r) => ['visit_date', 'entrance_photo', 'comments', 'barriers'].includes(r.item.name)));
  // Reading the comparison is logged.
  const logged = await t.database.db.select().from(accessLog).where(and(eq(accessLog.action, 'audits.selfAssessment.compare'), eq(accessLog.recordId, demoId)));
  assert.ok(logged.length >= 1);
});

test('the comparison sets the score cards of the service beside the item of the same dimension', async () => {
  const db = t.database.db;
  const tree = await catalogueOf(db, barcelona.id);
  const oac = tree.departments.flatMap((d) => d.services).find((s) => s.name.startsWith("Oficines d'Atenció Ciutadana"))!;
  const [version] = await publishedVersions(db, barcelona.id);
  const created = await createSelfAssessment(db, officeManager(), { territoryId: barcelona.id, title: 'OAC 2026', serviceId: oac.id, facilityIds: [oac.facilities[0]!.id], instrumentVersionId: version!.id, startsOn: '2026-05-01', endsOn: '2026-05-31' });
  assert.ok(created.ok);
  const saved = await saveStaffSheet(db, officeManager(), { territoryId: barcelona.id, selfAssessmentId: created.value.id, facilityId: oac.facilities[0]!.id, body: full, lang: 'ca' });
  assert.ok(saved.ok, JSON.stringify(saved.ok ? null : saved.fields));
  assert.ok((await submitStaffSheet(db, officeManager(), { territoryId: barcelona.id, selfAssessmentId: created.value.id, facilityId: oac.facilities[0]!.id })).ok);
  const result = await selfAssessmentComparison(db, officeManager(), barcelona.id, created.value.id);
  assert.ok(result.ok);
  assert.equal(result.value.scoreCards, 1);
  // The demo card's latest cycle on digital access: users 55, staff 70.
  const appointment = result.value.rows.find((r) => r.item.name === 'appointment_needed')!;
  assert.deepEqual(appointment.scoreCard, { community: 55, staff: 70, criteria: 1 });
});

test('only a manager of the service fills it: an auditor, a coordinator, a manager of another service or territory are refused', async () => {
  const db = t.database.db;
  const detail = await selfAssessmentDetail(db, cssManager(), barcelona.id, demoId);
  assert.ok(detail.ok && detail.value.mayFill);
  const open = detail.value.facilities.find((f) => !f.sheet)!.facility.id;
  for (const who of [actor('auditor', barcelona.id), actor('audit-coordinator', barcelona.id), officeManager(), actor('service-manager', fuenlabrada.id, demoPeople.socialServicesManager)]) {
    const sheet = await staffSheet(db, who, barcelona.id, demoId, open);
    assert.equal(sheet.ok, false);
    const saved = await saveStaffSheet(db, who, { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open, body: full });
    assert.ok(!saved.ok && ['forbidden', 'not-found'].includes(saved.error));
  }
  // A manager of another service does not even see that this self-assessment exists.
  const other = await selfAssessmentDetail(db, officeManager(), barcelona.id, demoId);
  assert.deepEqual(other, { ok: false, error: 'not-found' });
  const list = await listSelfAssessments(db, officeManager(), barcelona.id);
  assert.ok(list.ok && !list.value.selfAssessments.some((s) => s.id === demoId));
  // An auditor reads no self-assessment at all; a coordinator reads the comparison (counts only).
  assert.equal((await listSelfAssessments(db, actor('auditor', barcelona.id), barcelona.id)).ok, false);
  assert.ok((await selfAssessmentComparison(db, actor('audit-coordinator', barcelona.id), barcelona.id, demoId)).ok);
  // Another territory's manager finds nothing under Barcelona's id.
  assert.equal((await selfAssessmentDetail(db, actor('service-manager', fuenlabrada.id), fuenlabrada.id, demoId)).ok, false);
});

test('a manager may start one only for their own services; bad dates, facilities and instruments are refused beside the field', async () => {
  const db = t.database.db;
  const tree = await catalogueOf(db, barcelona.id);
  const services = tree.departments.flatMap((d) => d.services);
  const css = services.find((s) => s.name === 'Centres de Serveis Socials')!;
  const oac = services.find((s) => s.name.startsWith("Oficines d'Atenció Ciutadana"))!;
  const [version] = await publishedVersions(db, barcelona.id);
  const bad = await createSelfAssessment(db, cssManager(), { territoryId: barcelona.id, title: ' ', serviceId: oac.id, facilityIds: [], instrumentVersionId: randomUUID(), startsOn: '2026-13-40', endsOn: '2026-01-01' });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.ok ? {} : bad.fields, { title: 'audits.selfAssessment.errors.title', serviceId: 'audits.selfAssessment.errors.service', instrumentVersionId: 'audits.selfAssessment.errors.instrument', startsOn: 'audits.selfAssessment.errors.date' });
  const period = await createSelfAssessment(db, cssManager(), { territoryId: barcelona.id, title: 'CSS', serviceId: css.id, facilityIds: [oac.facilities[0]!.id], instrumentVersionId: version!.id, startsOn: '2026-06-01', endsOn: '2026-05-01' });
  assert.deepEqual(period.ok ? {} : period.fields, { facilityIds: 'audits.selfAssessment.errors.facilities', endsOn: 'audits.selfAssessment.errors.period' });
  assert.equal((await createSelfAssessment(db, actor('auditor', barcelona.id), { territoryId: barcelona.id, title: 'x', serviceId: css.id, facilityIds: [], instrumentVersionId: version!.id, startsOn: '2026-06-01', endsOn: '2026-06-30' })).ok, false);
  // A coordinator starts one for any service, with every facility when none is ticked; it is access-logged.
  const made = await createSelfAssessment(db, actor('audit-coordinator', barcelona.id), { territoryId: barcelona.id, title: 'OAC tardor', serviceId: oac.id, facilityIds: [], instrumentVersionId: version!.id, startsOn: '2026-09-01', endsOn: '2026-10-31' });
  assert.ok(made.ok);
  assert.equal(made.value.facilityIds.length, oac.facilities.length);
  const [logged] = await db.select().from(accessLog).where(and(eq(accessLog.action, 'audits.selfAssessment.create'), eq(accessLog.recordId, made.value.id)));
  assert.ok(logged);
});

test('answers are kept as typed with errors beside them; sending needs every required answer; staff answers never become visits or findings', async () => {
  const db = t.database.db;
  const count0 = async () => ({
    visits: (await db.select({ n: count() }).from(visit).where(eq(visit.territoryId, barcelona.id)))[0]!.n,
    findings: (await db.select({ n: count() }).from(finding).where(eq(finding.territoryId, barcelona.id)))[0]!.n,
  });
  const before = await count0();
  const detail = await selfAssessmentDetail(db, cssManager(), barcelona.id, demoId);
  assert.ok(detail.ok);
  const open = detail.value.facilities.filter((f) => !f.sheet).at(-1)!.facility.id;
  const empty = await submitStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open });
  assert.equal(empty.ok, false);
  assert.equal(empty.ok ? '' : empty.error, 'incomplete');
  const wrong = await saveStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open, body: { ...full, treatment_score: '140', language_offered: '' } });
  assert.equal(wrong.ok, false);
  assert.deepEqual(wrong.ok ? {} : wrong.fields, { treatment_score: 'audits.fieldwork.errors.scale', language_offered: 'audits.fieldwork.errors.required' });
  // Nothing typed is lost.
  const kept = await staffSheet(db, cssManager(), barcelona.id, demoId, open);
  assert.ok(kept.ok);
  assert.equal(kept.value.answers.treatment_score?.value, '140');
  assert.equal(kept.value.answers.information_clear?.value, 80);
  assert.equal((await submitStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open })).ok, false);
  assert.ok((await saveStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open, body: full })).ok);
  const sent = await submitStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open });
  assert.ok(sent.ok);
  const again = await saveStaffSheet(db, cssManager(), { territoryId: barcelona.id, selfAssessmentId: demoId, facilityId: open, body: full });
  assert.equal(again.ok ? '' : again.error, 'submitted');
  const logged = await db.select().from(accessLog).where(eq(accessLog.action, 'audits.selfAssessment.submit'));
  assert.ok(logged.some((l) => l.actorId === demoPeople.socialServicesManager));
  assert.deepEqual(await count0(), before);
});

test('a yes/no gap is the citizens finding otherwise in most visits; a scale gap is 20 points or more', () => {
  const yesNo = { name: 'q', type: 'yes-no', label: {}, hint: {}, required: true, showIf: [], dimension: 'language', grounds: [], choices: [] } as Item;
  const staff = tally(yesNo, [{ value: 'yes' }, { value: 'yes' }]);
  const row = compareItem(yesNo, staff, tally(yesNo, [{ value: 'no' }, { value: 'no' }, { value: 'no' }, { value: 'yes' }]), null);
  assert.deepEqual([row.verdict, row.staffValue, row.citizensOther, row.citizensValue], ['disagree', 'yes', 3, 'no']);
  assert.equal(compareItem(yesNo, staff, tally(yesNo, [{ value: 'no' }, { value: 'yes' }]), null).verdict, 'agree');
  assert.equal(compareItem(yesNo, staff, tally(yesNo, []), null).verdict, 'no-citizens');
  const scale = { ...yesNo, type: 'scale' } as Item;
  assert.equal(compareItem(scale, tally(scale, [{ value: 85 }]), tally(scale, [{ value: 60 }, { value: 70 }]), null).verdict, 'disagree');
  assert.equal(compareItem(scale, tally(scale, [{ value: 85 }]), tally(scale, [{ value: 70 }, { value: 80 }]), null).verdict, 'agree');
});
