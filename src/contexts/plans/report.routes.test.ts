// The yearly follow-up report through HTTP on the demo: sent by a coordinator, approved by two board members
// with the plan's recorded vote (access-logged), hidden from the public until then, printable and as a PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { findTerritory } from '../territories/territory.service.ts';

let t: TestApp;
let territoryId: string;
const coordinator = () => actorHeader({ personId: '0000c000-0000-4000-8000-00000000c0c1', displayName: 'Coordinadora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
const boardMember = (personId: string, displayName: string) => () => actorHeader({ personId, displayName, grants: [{ role: 'board-member', scope: { kind: 'territory', id: territoryId } }] });
const rosa = boardMember('0000b000-0000-4000-8000-0000000000b1', 'Rosa Prova');
const oriol = boardMember('0000b000-0000-4000-8000-0000000000b2', 'Oriol Prova');

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => t.close());

async function poster(who: () => Record<string, string>, page: string) {
  const got = await t.app.inject({ url: page, headers: who() });
  assert.equal(got.statusCode, 200, got.body);
  const { token, cookie } = csrfFrom(got);
  return (url: string, form: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, headers: { ...who(), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

test('a yearly follow-up report: sent, voted by the board, then public, printable and as PDF', async () => {
  const list = await t.app.inject('/ca/t/barcelona/plans');
  const base = [...list.body.matchAll(/href="(\/ca\/t\/barcelona\/plans\/pla-d-acci[a-z0-9-]*)"/g)][0]![1]!;
  const edit = `${base}/edit`;
  const post = await poster(coordinator, edit);

  // Bad input: a year outside the plan's period is answered beside the field, never a 500.
  const bad = await post(`${base}/reports`, { year: '1999' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-year-error"/);
  assert.match(bad.body, /Tria un any del període del pla/);
  const garbage = await post(`${base}/reports`, { year: 'dos mil' });
  assert.equal(garbage.statusCode, 400);

  const sent = await post(`${base}/reports`, { year: '2025' });
  assert.equal(sent.statusCode, 303, sent.body);
  const reportPath = `${base}/reports/2025`;
  assert.equal(sent.headers.location, `${reportPath}?notice=plans.report.submitted`);

  // In review: the public does not see it (nor that it exists); the staff read it with the votes.
  assert.equal((await t.app.inject(reportPath)).statusCode, 404);
  assert.equal((await t.app.inject(`${reportPath}/pdf`)).statusCode, 404);
  const staffView = await t.app.inject({ url: reportPath, headers: coordinator() });
  assert.equal(staffView.statusCode, 200);
  assert.match(staffView.body, /Informe de seguiment 2025/);
  assert.match(staffView.body, /id="report-planned"|id="report-done"/);
  assert.match(staffView.body, /id="tracker-heading"/);
  assert.doesNotMatch(staffView.body, /name="vote"/, 'a coordinator does not vote');

  // The board's recorded vote: a wrong choice is refused beside the field; two approvals approve it.
  const rosaPost = await poster(rosa, reportPath);
  const wrong = await rosaPost(`${reportPath}/votes`, { vote: 'maybe' });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /id="f-vote-error"/);
  const first = await rosaPost(`${reportPath}/votes`, { vote: 'approve' });
  assert.equal(first.headers.location, `${reportPath}?notice=plans.approval.voted`);
  assert.equal((await t.app.inject(reportPath)).statusCode, 404, 'one approval is not enough');
  const oriolPost = await poster(oriol, reportPath);
  const second = await oriolPost(`${reportPath}/votes`, { vote: 'approve' });
  assert.equal(second.headers.location, `${reportPath}?notice=plans.report.approvedNotice`);
  const late = await rosaPost(`${reportPath}/votes`, { vote: 'reject' });
  assert.equal(late.statusCode, 400, 'an approved report is closed to votes');

  const logged = await t.database.db.select().from(accessLog).where(and(eq(accessLog.territoryId, territoryId), like(accessLog.action, 'plans.report.%')));
  assert.deepEqual(logged.map((l) => l.action).sort(), ['plans.report.submit', 'plans.report.vote.approve', 'plans.report.vote.approve'].sort());

  // Approved: public in Catalan and Arabic, named by the approvers, linked from the plan's page.
  const open = await t.app.inject(reportPath);
  assert.equal(open.statusCode, 200);
  assert.match(open.body, /Aprovat el .* per el consell de convivència \(Rosa Prova, Oriol Prova\)/);
  assert.match(open.body, /Descarrega l’informe en PDF/);
  assert.match((await t.app.inject(base)).body, new RegExp(`href="${reportPath}"`));
  const arabic = await t.app.inject(reportPath.replace('/ca/', '/ar/'));
  assert.equal(arabic.statusCode, 200);
  assert.match(arabic.body, /dir="rtl"/);
  assert.match(arabic.body, /تقرير المتابعة لعام 2025/);

  // An approved report never changes: sending it again is refused.
  const again = await post(`${base}/reports`, { year: '2025' });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /ja està aprovat/);

  const pdf = await t.app.inject(`${reportPath}/pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const kept = await t.app.inject(`${reportPath}/pdf`);
  assert.ok(kept.rawPayload.equals(pdf.rawPayload), 'the stored PDF is served again');
});

test('another city’s staff and board cannot send or vote on a report', async () => {
  const list = await t.app.inject('/ca/t/barcelona/plans');
  const base = [...list.body.matchAll(/href="(\/ca\/t\/barcelona\/plans\/[a-z0-9-]+)"/g)].map((m) => m[1]!).find((l) => !l.includes('pla-d-acci'))!;
  const outsider = () => actorHeader({ personId: randomUUID(), displayName: 'Fora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: randomUUID() } }] });
  // A valid form token (from a page the outsider may not open), so only the permission refuses.
  const page = await t.app.inject({ url: `${base}/edit`, headers: coordinator() });
  const { token, cookie } = csrfFrom(page);
  const tried = await t.app.inject({ method: 'POST', url: `${base}/reports`, headers: { ...outsider(), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, year: '2025' }).toString() });
  assert.ok([403, 404].includes(tried.statusCode), String(tried.statusCode));
  assert.equal((await t.app.inject(`${base}/reports/2025`)).statusCode, 404);
});
