// Co-production through HTTP on the demo: a member organisation proposes measures for a draft, linked to the
// Agreement's challenges; the staff accept one (it becomes a measure) and decline the other with a reason; the
// organisation sees both outcomes and comments on the new measure. Bad input beside the field, never a 500.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { listChallenges } from '../agreement/challenges/challenge.service.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { planContribution, planMeasure } from './plans.schema.ts';

let t: TestApp;
let territoryId: string;
let organisationId: string;
const coordinator = () => actorHeader({ personId: '0000c000-0000-4000-8000-00000000c0c2', displayName: 'Coordinadora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] });
const member = () => actorHeader({ personId: '0000e000-0000-4000-8000-0000000000e1', displayName: 'Entitat', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  organisationId = (await listMembers(t.database.db, territoryId))[0]!.organisationId;
});
after(async () => t.close());

async function poster(who: () => Record<string, string>, page: string) {
  const got = await t.app.inject({ url: page, headers: who() });
  assert.equal(got.statusCode, 200, got.body);
  const { token, cookie } = csrfFrom(got);
  return (url: string, form: Record<string, string | string[]>) => {
    const params = new URLSearchParams({ _csrf: token });
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    return t.app.inject({ method: 'POST', url, headers: { ...who(), cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() });
  };
}

test('organisations propose and comment; staff accept into the draft or decline with a reason; the organisation sees it', async () => {
  const db = t.database.db;
  const staff = await poster(coordinator, '/ca/t/barcelona/plans/staff');
  const made = await staff('/ca/t/barcelona/plans/staff', { title: 'Pla co-produït', summary: '', kind: 'other', periodFrom: '2026-01-01', periodTo: '2026-12-31', approvedBy: 'board' });
  assert.equal(made.statusCode, 303);
  const base = made.headers.location!.split('?')[0]!.replace(/\/edit$/, '');
  assert.equal((await staff(`${base}/goals`, { goalCode: '1', goalTitle: 'Objectiu compartit' })).statusCode, 303);

  const page = await t.app.inject({ url: `${base}/contribute`, headers: member() });
  assert.equal(page.statusCode, 200);
  const goalId = /<option value="([0-9a-f-]{36})"[^>]*>1\. Objectiu compartit/.exec(page.body)![1]!;
  const challengeId = (await listChallenges(db, territoryId))[0]!.id;
  const org = await poster(member, `${base}/contribute`);

  // Bad input: no title and a challenge of nowhere; what was typed stays.
  const bad = await org(`${base}/contribute`, { organisationId, goalId, title: '', body: 'Un text que no es perd', challengeIds: [randomUUID()] });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-title-error"/);
  assert.match(bad.body, /id="f-challengeIds-error"/);
  assert.match(bad.body, /Un text que no es perd/);

  assert.equal((await org(`${base}/contribute`, { organisationId, goalId, title: 'Mediadores interculturals als centres', body: 'Perquè tothom entengui i sigui entès.', challengeIds: [challengeId] })).statusCode, 303);
  assert.equal((await org(`${base}/contribute`, { organisationId, goalId, title: 'Una proposta que no entrarà', body: 'Ja hi és en un altre pla.' })).statusCode, 303);
  const [first, second] = await db.select().from(planContribution).where(eq(planContribution.createdBy, '0000e000-0000-4000-8000-0000000000e1')).orderBy(planContribution.createdAt);
  assert.deepEqual(first!.challengeIds, [challengeId]);

  // An organisation that is not a member of the territory's Agreement does not take part.
  const stranger = () => actorHeader({ personId: randomUUID(), displayName: 'Altra', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: randomUUID() } }] });
  assert.equal((await t.app.inject({ url: `${base}/contribute`, headers: stranger() })).statusCode, 403);

  // The staff answer: accepting needs what every measure needs; declining needs a reason.
  const answers = await t.app.inject({ url: `${base}/contributions`, headers: coordinator() });
  assert.equal(answers.statusCode, 200);
  assert.match(answers.body, /Mediadores interculturals als centres/);
  const answer = await poster(coordinator, `${base}/contributions`);
  const noDepartment = await answer(`${base}/contributions/${first!.id}/accept`, { [`code-${first!.id}`]: '1.1', [`departmentId-${first!.id}`]: '', [`deadline-${first!.id}`]: '2026-09-30' });
  assert.equal(noDepartment.statusCode, 400);
  assert.match(noDepartment.body, new RegExp(`id="f-departmentId-${first!.id}-error"`));
  assert.match(noDepartment.body, /value="2026-09-30"/);
  const departmentId = (await catalogueOf(db, territoryId)).departments[0]!.id;
  const accepted = await answer(`${base}/contributions/${first!.id}/accept`, { [`code-${first!.id}`]: '1.1', [`departmentId-${first!.id}`]: departmentId, [`owner-${first!.id}`]: 'Direcció de serveis socials', [`deadline-${first!.id}`]: '2026-09-30' });
  assert.equal(accepted.statusCode, 303, accepted.body);
  const [row] = await db.select().from(planContribution).where(eq(planContribution.id, first!.id));
  assert.equal(row!.status, 'accepted');
  const [measure] = await db.select().from(planMeasure).where(eq(planMeasure.id, row!.acceptedMeasureId!));
  assert.equal(measure!.title.ca ?? Object.values(measure!.title)[0], 'Mediadores interculturals als centres');
  assert.deepEqual(measure!.organisationIds, [organisationId]);
  assert.deepEqual(measure!.challengeIds, [challengeId]);
  assert.equal((await answer(`${base}/contributions/${first!.id}/decline`, { [`reason-${first!.id}`]: 'Massa tard' })).statusCode, 400, 'an answered proposal stays answered');

  const noReason = await answer(`${base}/contributions/${second!.id}/decline`, { [`reason-${second!.id}`]: '  ' });
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, new RegExp(`id="f-reason-${second!.id}-error"`));
  assert.equal((await answer(`${base}/contributions/${second!.id}/decline`, { [`reason-${second!.id}`]: 'Ja la recull l’Estratègia d’inclusió.' })).statusCode, 303);

  // The organisation sees both outcomes, and comments on the measure its proposal became.
  const seen = await t.app.inject({ url: `${base}/contribute`, headers: member() });
  assert.match(seen.body, /acceptada: ara és una mesura de l’esborrany/);
  assert.match(seen.body, /no acceptada: Ja la recull l’Estratègia d’inclusió\./);
  const emptyComment = await org(`${base}/contribute/measures/${measure!.id}`, { [`organisationId-${measure!.id}`]: organisationId, [`body-${measure!.id}`]: '' });
  assert.equal(emptyComment.statusCode, 400);
  assert.match(emptyComment.body, new RegExp(`id="f-body-${measure!.id}-error"`));
  const comment = await org(`${base}/contribute/measures/${measure!.id}`, { [`organisationId-${measure!.id}`]: organisationId, [`body-${measure!.id}`]: 'Que també hi siguin els dissabtes.', [`challengeIds-${measure!.id}`]: challengeId });
  assert.equal(comment.statusCode, 303);
  assert.match((await t.app.inject({ url: `${base}/contributions`, headers: coordinator() })).body, /Que també hi siguin els dissabtes\./);

  // Staff of another city do not see the contributions.
  const outsider = () => actorHeader({ personId: randomUUID(), displayName: 'Fora', grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: randomUUID() } }] });
  assert.equal((await t.app.inject({ url: `${base}/contributions`, headers: outsider() })).statusCode, 403);
});
