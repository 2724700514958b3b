// Joint projects through HTTP on the demo: the homelessness project with its partners, milestones and updates;
// a partner adds a milestone, marks it reached and posts an update; a person of no partner organisation is
// refused (403) and garbage ids are 404, never 500; bad input is answered beside the field with what was typed.
// Partners change and remove milestones, budget lines, partners and the project's own text, each removal confirmed on
// its own page; a project keeps the partner who leads it; strangers change nothing; staff changes are access-logged.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { accessLog } from '../../../platform/access-log/access-log.schema.ts';
import { project, projectBudgetLine, projectMilestone, projectPartner } from '../projects.schema.ts';
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

const projectIdOf = (path: string) => path.split('/').pop()!;
const milestonesOf = (id: string) => t.database.db.select().from(projectMilestone).where(eq(projectMilestone.projectId, id));
const budgetOf = (id: string) => t.database.db.select().from(projectBudgetLine).where(eq(projectBudgetLine.projectId, id));
const partnersOf = (id: string) => t.database.db.select().from(projectPartner).where(eq(projectPartner.projectId, id));

test('a partner changes a milestone and a budget line after mistakes, then removes them after confirming', async () => {
  const me = memberOf(lead);
  const id = projectIdOf(projectPath);
  const page = await t.app.inject({ url: projectPath, headers: me });
  const milestone = (await milestonesOf(id)).find((m) => !m.doneOn)!;
  const editPath = `${projectPath}/milestones/${milestone.id}/edit`;
  assert.match(page.body, new RegExp(`href="${editPath}"`));
  const form = await t.app.inject({ url: editPath, headers: me });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, new RegExp(`value="${milestone.dueOn}"`));
  // On a page in another language, the project's title is marked with the language it is written in.
  const inSpanish = await t.app.inject({ url: editPath.replace(/^\/ca\//, '/es/'), headers: me });
  assert.match(inSpanish.body, /<span lang="ca" dir="auto">Del carrer a casa/);
  const impossible = await post(editPath, me, { title: '', dueOn: '2026-02-30' }, editPath);
  assert.equal(impossible.statusCode, 400);
  assert.match(impossible.body, /id="f-title-error"/);
  assert.match(impossible.body, /id="f-dueOn-error"/);
  assert.match(impossible.body, /value="2026-02-30"/);
  const long = await post(editPath, me, { title: 'Fita '.repeat(60), dueOn: '2027-03-31' }, editPath);
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /id="f-title-error"[^]*massa llarg/);
  assert.match(long.body, /value="2027-03-31"/);
  // Longer than the form takes at all: refused before the handler, the same page drawn again with what was typed.
  const huge = await post(editPath, me, { title: 'Fita '.repeat(100), dueOn: '2027-03-30' }, editPath);
  assert.equal(huge.statusCode, 400);
  assert.match(huge.body, /id="f-title-error"/);
  assert.match(huge.body, /value="2027-03-30"/);
  assert.equal((await milestonesOf(id)).find((m) => m.id === milestone.id)!.dueOn, milestone.dueOn, 'nothing changed on a refusal');
  const changed = await post(editPath, me, { title: 'Segona tanda de pisos llogats', dueOn: '2027-03-31' }, editPath);
  assert.equal(changed.statusCode, 303);
  assert.match(changed.headers.location!, /notice=milestoneEdited/);
  const row = (await milestonesOf(id)).find((m) => m.id === milestone.id)!;
  assert.deepEqual([row.title, row.dueOn, row.doneOn], ['Segona tanda de pisos llogats', '2027-03-31', null]);

  const line = (await budgetOf(id))[0]!;
  const linePath = `${projectPath}/budget/${line.id}/edit`;
  for (const amount of ['-5', 'dos mil']) {
    const bad = await post(linePath, me, { concept: 'Lloguers solidaris', amount, funder: 'Ajuntament' }, linePath);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /id="f-amount-error"/);
    assert.match(bad.body, /value="Lloguers solidaris"/);
  }
  assert.equal((await post(linePath, me, { concept: 'Lloguers solidaris', amount: '1.234,50', funder: 'Ajuntament' }, linePath)).statusCode, 303);
  assert.equal((await budgetOf(id)).find((b) => b.id === line.id)!.amountCents, 123_450);
  assert.match((await t.app.inject(projectPath)).body, /Lloguers solidaris/);

  // Removing asks first, on its own page; only the confirmation's post removes.
  const removePath = `${projectPath}/budget/${line.id}/remove`;
  const confirm = await t.app.inject({ url: removePath, headers: me });
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Sí, treure la línia/);
  const confirmInSpanish = await t.app.inject({ url: removePath.replace(/^\/ca\//, '/es/'), headers: me });
  assert.match(confirmInSpanish.body, /Sí, quitar la línea/);
  assert.match(confirmInSpanish.body, /<span lang="ca" dir="auto">Lloguers solidaris/);
  assert.equal((await budgetOf(id)).length, 3);
  const removed = await post(removePath, me, {}, removePath);
  assert.equal(removed.statusCode, 303);
  assert.match(removed.headers.location!, /notice=budgetRemoved/);
  assert.equal((await budgetOf(id)).length, 2);
  assert.equal((await post(removePath, me, {}, projectPath)).statusCode, 404, 'gone once');
  const milestonesBefore = (await milestonesOf(id)).length;
  const removeMilestonePath = `${projectPath}/milestones/${milestone.id}/remove`;
  assert.match((await t.app.inject({ url: removeMilestonePath, headers: me })).body, /Segona tanda de pisos llogats/);
  assert.equal((await post(removeMilestonePath, me, {}, removeMilestonePath)).statusCode, 303);
  assert.equal((await milestonesOf(id)).length, milestonesBefore - 1);
  assert.doesNotMatch((await t.app.inject(projectPath)).body, /Segona tanda de pisos llogats/);
});

test("a partner changes the project's name, summary and goals; an empty name is asked again with the rest kept", async () => {
  const me = memberOf(outsider);
  const made = await post('/ca/t/barcelona/projects/new', me, { lead: outsider, title: 'Berenars al parc', summary: 'Berenars oberts cada dijous', goals: 'Trenta famílies' }, '/ca/t/barcelona/projects/new');
  const path = made.headers.location!.split('?')[0]!;
  const editPath = `${path}/edit`;
  const form = await t.app.inject({ url: editPath, headers: me });
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /value="Berenars al parc"/);
  const bad = await post(editPath, me, { title: ' ', summary: 'Berenars i jocs cada dijous', goals: 'Quaranta famílies', locale: 'ca' }, editPath);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-title-error"/);
  assert.match(bad.body, /Berenars i jocs cada dijous/);
  assert.match(bad.body, /Quaranta famílies/);
  assert.equal((await post(editPath, me, { title: 'Berenars', summary: 'x', goals: '', locale: 'tlh' }, editPath)).statusCode, 400);
  const done = await post(editPath, me, { title: 'Meriendas en el parque', summary: 'Meriendas y juegos cada jueves', goals: 'Cuarenta familias', locale: 'es' }, editPath);
  assert.equal(done.statusCode, 303);
  const [row] = await t.database.db.select().from(project).where(eq(project.id, projectIdOf(path)));
  assert.deepEqual([row!.title, row!.summary, row!.goals, row!.locale], ['Meriendas en el parque', 'Meriendas y juegos cada jueves', 'Cuarenta familias', 'es']);
  // Written in Spanish now, so a Catalan page marks it so.
  assert.match((await t.app.inject(path)).body, /<article lang="es"/);
});

test('a project keeps the partner who leads it: the lead passes on by a change of role, and a removed partner keeps its updates', async () => {
  const casal = memberOf(outsider);
  const sostre = memberOf(lead);
  const made = await post('/ca/t/barcelona/projects/new', casal, { lead: outsider, title: 'Colònies compartides', summary: 'Colònies d’estiu entre entitats', goals: '' }, '/ca/t/barcelona/projects/new');
  const path = made.headers.location!.split('?')[0]!;
  const id = projectIdOf(path);
  const casalPartner = (await partnersOf(id))[0]!;
  // The only partner stays: the confirmation page says why and offers no button; a post anyway is refused.
  const only = await t.app.inject({ url: `${path}/partners/${casalPartner.id}/remove`, headers: casal });
  assert.equal(only.statusCode, 200);
  assert.match(only.body, /És l'únic soci del projecte|És l&#39;únic soci del projecte/);
  assert.doesNotMatch(only.body, /Sí, treure el soci/);
  assert.equal((await post(`${path}/partners/${casalPartner.id}/remove`, casal, {}, path)).statusCode, 409);
  assert.equal((await post(`${path}/partners`, casal, { partner: lead, role: 'partner' }, path)).statusCode, 303);
  assert.equal((await post(`${path}/updates`, casal, { partnerId: casalPartner.id, body: 'Hem reservat la casa de colònies.' }, path)).statusCode, 303);
  // The lead stays while it leads.
  const leads = await post(`${path}/partners/${casalPartner.id}/remove`, casal, {}, path);
  assert.equal(leads.statusCode, 409);
  assert.match(leads.body, /lidera el projecte/);
  const sostrePartner = (await partnersOf(id)).find((p) => p.organisationId === lead)!;
  const rolePath = `${path}/partners/${sostrePartner.id}/edit`;
  const wrong = await post(rolePath, casal, { role: 'council' }, rolePath);
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /id="f-role-error"/);
  // With no council taking part, the lead cannot just step back.
  const stepBack = await post(`${path}/partners/${casalPartner.id}/edit`, casal, { role: 'partner' }, `${path}/partners/${casalPartner.id}/edit`);
  assert.equal(stepBack.statusCode, 400);
  assert.match(stepBack.body, /id="f-role-error"/);
  // Making another organisation the lead makes the former lead a partner.
  assert.equal((await post(rolePath, casal, { role: 'lead' }, rolePath)).statusCode, 303);
  const roles = Object.fromEntries((await partnersOf(id)).map((p) => [p.organisationId, p.role]));
  assert.deepEqual(roles, { [lead]: 'lead', [outsider]: 'partner' });
  assert.equal((await post(`${path}/partners/${casalPartner.id}/remove`, sostre, {}, path)).statusCode, 303);
  assert.deepEqual((await partnersOf(id)).map((p) => p.organisationId), [lead]);
  const after = await t.app.inject(path);
  assert.match(after.body, /Hem reservat la casa de colònies\./);
  assert.match(after.body, /Casal Infantil La Trama/, 'the update keeps its partner’s name');
  // Removed, the Casal's people no longer change the project.
  assert.equal((await post(`${path}/milestones`, casal, { title: 'Tornada', dueOn: '2027-08-01' }, '/ca/t/barcelona/projects/new')).statusCode, 403);
});

test('strangers and another territory change nothing; garbage ids are 404, never 500', async () => {
  const id = projectIdOf(projectPath);
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const third = (await listMembers(t.database.db, barcelona.id)).find((m) => m.organisationId !== lead && m.organisationId !== outsider && !['Associació Rumb a Casa', 'Associació Menjador Obert Sant Antoni', 'Fundació Braços Oberts'].includes(m.name))!;
  const stranger = memberOf(third.organisationId);
  const elsewhere = actorHeader({ personId: randomUUID(), locale: 'ca', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: randomUUID() } }] });
  const milestone = (await milestonesOf(id))[0]!;
  const line = (await budgetOf(id))[0]!;
  const partner = (await partnersOf(id)).find((p) => p.role === 'partner')!;
  const before = JSON.stringify([await milestonesOf(id), await budgetOf(id), await partnersOf(id)]);
  for (const who of [stranger, elsewhere]) {
    for (const path of [`${projectPath}/edit`, `${projectPath}/milestones/${milestone.id}/edit`, `${projectPath}/milestones/${milestone.id}/remove`, `${projectPath}/budget/${line.id}/edit`, `${projectPath}/budget/${line.id}/remove`, `${projectPath}/partners/${partner.id}/edit`, `${projectPath}/partners/${partner.id}/remove`]) {
      assert.equal((await t.app.inject({ url: path, headers: who })).statusCode, 403, path);
    }
    const newPage = '/ca/t/barcelona/volunteering/new';
    assert.equal((await post(`${projectPath}/edit`, who, { title: 'Intrús', summary: 'x', goals: '', locale: 'ca' }, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/milestones/${milestone.id}/edit`, who, { title: 'Intrús', dueOn: '2027-01-01' }, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/milestones/${milestone.id}/remove`, who, {}, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/budget/${line.id}/edit`, who, { concept: 'Intrús', amount: '1', funder: '' }, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/budget/${line.id}/remove`, who, {}, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/partners/${partner.id}/edit`, who, { role: 'funder' }, newPage)).statusCode, 403);
    assert.equal((await post(`${projectPath}/partners/${partner.id}/remove`, who, {}, newPage)).statusCode, 403);
  }
  assert.equal(JSON.stringify([await milestonesOf(id), await budgetOf(id), await partnersOf(id)]), before, 'nothing changed');
  assert.doesNotMatch((await t.app.inject(projectPath)).body, /Intrús/);
  const anonymous = await t.app.inject(`${projectPath}/milestones/${milestone.id}/edit`);
  assert.ok([302, 303, 401].includes(anonymous.statusCode), String(anonymous.statusCode));
  const me = memberOf(lead);
  for (const garbage of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "1' or '1'='1"]) {
    const g = encodeURIComponent(garbage);
    for (const path of [`/ca/projects/${g}/edit`, `${projectPath}/milestones/${g}/edit`, `${projectPath}/milestones/${g}/remove`, `${projectPath}/budget/${g}/edit`, `${projectPath}/budget/${g}/remove`, `${projectPath}/partners/${g}/edit`, `${projectPath}/partners/${g}/remove`]) {
      assert.equal((await t.app.inject({ url: path, headers: me })).statusCode, 404, path);
    }
    assert.equal((await post(`${projectPath}/budget/${g}/remove`, me, {}, projectPath)).statusCode, 404);
    assert.equal((await post(`${projectPath}/milestones/${g}/edit`, me, { title: 'x', dueOn: '2027-01-01' }, projectPath)).statusCode, 404);
  }
  // A milestone of another project is not this project's.
  const foreign = (await t.database.db.select().from(projectMilestone)).find((m) => m.projectId !== id);
  assert.ok(foreign, 'the other demo project has milestones');
  assert.equal((await t.app.inject({ url: `${projectPath}/milestones/${foreign.id}/edit`, headers: me })).statusCode, 404);
});

test("council staff's changes and removals are in the access log, with the project", async () => {
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!;
  const staff = actorHeader({ personId: randomUUID(), displayName: 'Teresa Puig', locale: 'ca', grants: [{ role: 'territory-admin', scope: { kind: 'territory', id: barcelona.id } }] });
  const id = projectIdOf(projectPath);
  const logged = async (action: string) => (await t.database.db.select().from(accessLog).where(and(eq(accessLog.action, action), eq(accessLog.recordId, id)))).length;
  const milestone = (await milestonesOf(id))[0]!;
  const line = (await budgetOf(id))[0]!;
  const editPath = `${projectPath}/milestones/${milestone.id}/edit`;
  // A refused change is not logged.
  assert.equal((await post(editPath, staff, { title: milestone.title, dueOn: '2027-02-29' }, editPath)).statusCode, 400);
  assert.equal(await logged('projects.project.milestone.edit'), 0);
  assert.equal((await post(editPath, staff, { title: milestone.title, dueOn: '2027-02-28' }, editPath)).statusCode, 303);
  assert.equal(await logged('projects.project.milestone.edit'), 1);
  assert.equal((await post(`${projectPath}/budget/${line.id}/remove`, staff, {}, `${projectPath}/budget/${line.id}/remove`)).statusCode, 303);
  assert.equal(await logged('projects.project.budget.remove'), 1);
  const [entry] = await t.database.db.select().from(accessLog).where(and(eq(accessLog.action, 'projects.project.budget.remove'), eq(accessLog.recordId, id)));
  assert.equal(entry!.territoryId, barcelona.id);
  assert.equal(entry!.recordType, 'project');
});
