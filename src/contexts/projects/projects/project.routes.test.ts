// Joint projects through HTTP on the demo: the homelessness project with its partners, milestones and updates;
// a partner adds a milestone, marks it reached and posts an update; a person of no partner organisation is
// refused (403) and garbage ids are 404, never 500; bad input is answered beside the field with what was typed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { accessLog } from '../../../platform/access-log/access-log.schema.ts';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../../test/support/app.ts';
import { findTerritory } from '../../territories/territory.service.ts';
import { listMembers } from '../../agreement/adhesion/adhesion.service.ts';
import { projectProgress, parseEuros, validDay } from './progress.ts';

let t: TestApp;
let lead: string;
let outsider: string;
let projectPath: string;
const memberOf = (organisationId: string) => actorHeader({ personId: randomUUID(), displayName: 'Clara Font', locale: 'ca', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const members = await listMembers(t.database.db, barcelona.id);
  lead = members.find((m) => m.name === 'Fundació Sostre Obert')!.organisationId;
  outsider = members.find((m) => m.name === 'Casal Infantil La Trama')!.organisationId;
  const list = await t.app.inject('/ca/t/barcelona/projects');
  projectPath = /href="(\/ca\/projects\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, form: Record<string, string>, pageUrl: string) {
  const page = await t.app.inject({ url: pageUrl, headers });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}

test('progress, days and euro amounts', () => {
  assert.equal(projectProgress([]), null);
  assert.equal(projectProgress([{ doneOn: '2026-01-01' }, { doneOn: null }, { doneOn: null }]), 33);
  assert.equal(validDay('2026-02-30'), null);
  assert.equal(validDay('2026-02-28'), '2026-02-28');
  assert.equal(validDay('28/02/2026'), null);
  assert.equal(parseEuros('12.500,50'), 1_250_050);
  assert.equal(parseEuros('12500'), 1_250_000);
  assert.equal(parseEuros('1,234,567.8'), 123_456_780);
  assert.equal(parseEuros('-5'), null);
  assert.equal(parseEuros('doce'), null);
});

test('the demo project: partners with roles, milestones, progress, budget, updates and links; open data and API', async () => {
  const page = await t.app.inject(projectPath);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Del carrer a casa: Habitatge Primer compartit/);
  assert.match(page.body, /Ajuntament de Barcelona/);
  assert.match(page.body, /Associació Rumb a Casa/);
  assert.match(page.body, /60% de les fites assolides/);
  assert.match(page.body, /Quinze persones ja viuen al seu pis/);
  assert.match(page.body, /Respon al repte <a href="\/ca\/challenges\/[0-9a-f-]{36}" dir="auto">Desnonaments de famílies amb infants a Nou Barris/);
  assert.match(page.body, /Contribueix a la mesura <a [^>]+>2\.1 · Més habitatge de lloguer social amb les entitats/);
  // The public sees no partners' forms.
  assert.doesNotMatch(page.body, /Afegir una fita/);
  const csv = await t.app.inject('/ca/t/barcelona/project-milestones.csv');
  assert.equal(csv.statusCode, 200);
  assert.equal(csv.body.trim().split(/\r?\n/)[0], 'project_id,project,milestone,due_on,done_on');
  assert.equal(csv.body.trim().split(/\r?\n/).length, 1 + 5);
  const json = (await t.app.inject('/ca/t/barcelona/projects.json')).json();
  assert.ok(json.projects[0].partners.split('|').length >= 5);
  const api = await t.app.inject('/api/v1/territories/barcelona/projects');
  assert.equal(api.statusCode, 200);
  const p = api.json().projects[0];
  assert.equal(p.progressPercent, 60);
  assert.ok(p.partners.some((x: { role: string }) => x.role === 'council'));
  assert.equal(p.budget.length, 3);
  assert.equal((await t.app.inject('/api/v1/projects/not-a-uuid')).statusCode, 404);
});

test('a partner adds a milestone (after a mistake), marks it reached and posts an update', async () => {
  const me = memberOf(lead);
  const bad = await post(`${projectPath}/milestones`, me, { title: 'Obrir la borsa <b>compartida</b>', dueOn: '2027-02-31' }, projectPath);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-dueOn-error"/);
  assert.match(bad.body, /value="Obrir la borsa &lt;b>compartida&lt;\/b>"/);
  const made = await post(`${projectPath}/milestones`, me, { title: 'Obrir la borsa compartida', dueOn: '2027-01-15' }, projectPath);
  assert.equal(made.statusCode, 303);
  const page = await t.app.inject({ url: projectPath, headers: me });
  const milestoneId = new RegExp(`action="${projectPath}/milestones/([0-9a-f-]{36})"[^]*?Obrir la borsa compartida`).exec(page.body)?.[1] ?? /action="[^"]*\/milestones\/([0-9a-f-]{36})"/.exec(page.body.slice(page.body.indexOf('Obrir la borsa compartida')))![1]!;
  assert.equal((await post(`${projectPath}/milestones/${milestoneId}`, me, { done: 'yes' }, projectPath)).statusCode, 303);
  const update = await post(`${projectPath}/updates`, me, { body: 'La borsa compartida ja té sis pisos.' }, projectPath);
  assert.equal(update.statusCode, 303);
  const after = await t.app.inject(projectPath);
  assert.match(after.body, /La borsa compartida ja té sis pisos\./);
  assert.match(after.body, /Fundació Sostre Obert/);
  const empty = await post(`${projectPath}/budget`, me, { concept: 'Mobles', amount: 'molts', funder: '' }, projectPath);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /id="f-amount-error"/);
});

test('only partners edit: another organisation gets 403, a signed-out person is sent to sign in, garbage is 404', async () => {
  const other = memberOf(outsider);
  // The project page shows them no form: the CSRF token comes from a page they may use.
  assert.doesNotMatch((await t.app.inject({ url: projectPath, headers: other })).body, /Afegir una fita/);
  const refused = await post(`${projectPath}/milestones`, other, { title: 'Intrusió', dueOn: '2027-01-01' }, '/ca/t/barcelona/projects/new');
  assert.equal(refused.statusCode, 403);
  assert.equal((await post(`${projectPath}/updates`, other, { body: 'No hauria de sortir' }, '/ca/t/barcelona/projects/new')).statusCode, 403);
  assert.doesNotMatch((await t.app.inject(projectPath)).body, /Intrusió|No hauria de sortir/);
  const anonymous = await t.app.inject({ method: 'POST', url: `${projectPath}/milestones`, payload: 'title=x&dueOn=2027-01-01', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok([302, 303, 401, 403].includes(anonymous.statusCode), String(anonymous.statusCode));
  const me = memberOf(lead);
  for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "1' or '1'='1"]) {
    assert.equal((await t.app.inject(`/ca/projects/${encodeURIComponent(id)}`)).statusCode, 404);
    assert.equal((await post(`/ca/projects/${encodeURIComponent(id)}/milestones`, me, { title: 'x', dueOn: '2027-01-01' }, projectPath)).statusCode, 404);
  }
  assert.equal((await post(`${projectPath}/milestones/not-a-uuid`, me, { done: 'yes' }, projectPath)).statusCode, 404);
  const nul = await post(`${projectPath}/updates`, me, { body: 'a\u0000b' }, projectPath);
  assert.ok(nul.statusCode < 500, String(nul.statusCode));
  const huge = await post(`${projectPath}/updates`, me, { body: 'x'.repeat(30_000) }, projectPath);
  assert.ok(huge.statusCode < 500, String(huge.statusCode));
});

test('an organisation person starts a project it leads; the page asks again with an error beside an empty name', async () => {
  const me = memberOf(outsider);
  const bad = await post('/ca/t/barcelona/projects/new', me, { lead: outsider, title: '', summary: 'Reforç escolar als barris', goals: '' }, '/ca/t/barcelona/projects/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-title-error"/);
  assert.match(bad.body, /Reforç escolar als barris/);
  // Leading for an organisation one does not belong to is refused beside the field.
  const notMine = await post('/ca/t/barcelona/projects/new', me, { lead, title: 'Aliè', summary: 'x', goals: '' }, '/ca/t/barcelona/projects/new');
  assert.equal(notMine.statusCode, 400);
  assert.match(notMine.body, /id="f-lead-error"/);
  const made = await post('/ca/t/barcelona/projects/new', me, { lead: outsider, title: 'Estiu als patis', summary: 'Patis escolars oberts a l’estiu', goals: 'Deu patis oberts' }, '/ca/t/barcelona/projects/new');
  assert.equal(made.statusCode, 303);
  const page = await t.app.inject(made.headers.location!.split('?')[0]!);
  assert.match(page.body, /Estiu als patis/);
  assert.match(page.body, /Casal Infantil La Trama/);
  assert.equal((await t.app.inject('/ca/t/barcelona/projects/new')).statusCode < 500, true);
});

test('council staff act as the council partner, and their changes are in the access log', async () => {
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const staff = actorHeader({ personId: randomUUID(), displayName: 'Teresa Puig', locale: 'ca', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelona.id } }] });
  const logged = () => t.database.db.select().from(accessLog).where(and(eq(accessLog.action, 'projects.project.update.post'), eq(accessLog.recordId, projectPath.split('/').pop()!)));
  // The demo's council update is there already.
  const before = (await logged()).length;
  const update = await post(`${projectPath}/updates`, staff, { body: 'Els serveis socials amplien el seguiment als caps de setmana.' }, projectPath);
  assert.equal(update.statusCode, 303);
  assert.equal((await logged()).length, before + 1);
  // Staff of another territory are not the council of this one.
  const elsewhere = actorHeader({ personId: randomUUID(), grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: randomUUID() } }] });
  assert.equal((await post(`${projectPath}/updates`, elsewhere, { body: 'x' }, '/ca/t/barcelona/volunteering/new')).statusCode, 403);
});
