// The audits pages and API through HTTP: a coordinator builds and publishes an instrument and a campaign,
// a second coordinator validates a finding, a service manager answers it; enrolment; what each role sees.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { actorHeader, createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { subscribe, type DiagnosisFact } from '../../platform/events.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { verifyChain } from '../../platform/access-log/access-log.ts';
import { auditor, finding } from './audit.schema.ts';
import { demoPeople } from './audits.seed.ts';
import { servicesOf } from '../catalogue/catalogue.service.ts';

let t: TestApp;
let territoryId: string;
const grant = (role: 'audit-coordinator' | 'service-manager' | 'auditor' | 'territory-admin', id: () => string) => ({ role, scope: { kind: 'territory' as const, id: id() } });
let coordinator: Record<string, string>;
let second: Record<string, string>;
let manager: Record<string, string>;
const published: DiagnosisFact[] = [];
subscribe({ 'diagnosis.facts.upsert': async (_db, { facts }) => void published.push(...facts) });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = actorHeader({ personId: demoPeople.coordinator, locale: 'en', grants: [grant('audit-coordinator', () => territoryId)] });
  second = actorHeader({ personId: demoPeople.secondCoordinator, locale: 'es', grants: [grant('audit-coordinator', () => territoryId)] });
  manager = actorHeader({ personId: demoPeople.socialServicesManager, locale: 'es', grants: [grant('service-manager', () => territoryId)] });
});
after(async () => t.close());

async function post(url: string, headers: Record<string, string>, payload: Record<string, string | string[]>, formPage = url) {
  const page = await t.app.inject({ url: formPage, headers });
  const { token, cookie } = csrfFrom(page);
  const existing = headers.cookie ? `${headers.cookie}; ` : '';
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie: `${existing}${cookie}` }, payload: { _csrf: token, ...payload } });
}

test('the public catalogue and the audits home need no account', async () => {
  const page = await t.app.inject('/ca/t/barcelona/services');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Centres de Serveis Socials/);
  assert.match(page.body, /OAC Nou Barris/);
  const api = await t.app.inject('/api/v1/territories/barcelona/services');
  assert.equal(api.statusCode, 200);
  assert.ok(api.json().departments.length >= 4);
  assert.equal((await t.app.inject('/es/t/barcelona/audits')).statusCode, 200);
});

test('a coordinator builds, previews and publishes an instrument; the published version no longer changes', async () => {
  const base = '/en/t/barcelona/audits/instruments';
  const created = await post(base, coordinator, { key: 'waiting-room', languages: ['en', 'es'], title: 'Waiting room' });
  assert.equal(created.statusCode, 303, created.body.slice(0, 300));
  const versionUrl = created.headers.location as string;
  assert.equal((await post(`${versionUrl}/sections`, coordinator, { name: 'room', title_en: 'The room', title_es: 'La sala' }, versionUrl)).statusCode, 303);
  const bad = await post(`${versionUrl}/items`, coordinator, { section: 'room', name: 'Seats!', type: 'yes-no', label_en: '', dimension: 'access' }, versionUrl);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Use lower-case letters, numbers and _/);
  assert.match(bad.body, /Write the question in the main language/);
  assert.equal(
    (await post(`${versionUrl}/items`, coordinator, { section: 'room', name: 'seats', type: 'yes-no', label_en: 'Are there seats?', label_es: '¿Hay asientos?', required: 'yes', dimension: 'physical-accessibility', grounds: ['disability', 'age'] }, versionUrl)).statusCode,
    303,
  );
  assert.equal(
    (await post(`${versionUrl}/items`, coordinator, { section: 'room', name: 'seats_kind', type: 'single', label_en: 'Which seats?', label_es: '¿Qué asientos?', choice_values: 'chairs\nbench', choices_en: 'Chairs\nA bench', choices_es: 'Sillas\nUn banco', dimension: 'physical-accessibility', showIfItem: 'seats', showIfOp: 'eq', showIfValue: 'yes' }, versionUrl)).statusCode,
    303,
  );
  const preview = await t.app.inject({ url: `${versionUrl}/preview`.replace('/en/', '/es/'), headers: coordinator });
  assert.match(preview.body, /¿Hay asientos\?/);
  assert.match(preview.body, /Un banco/);
  const csv = await t.app.inject({ url: `${versionUrl}/xlsform.csv`, headers: coordinator });
  assert.match(csv.body, /^sheet,type,name,label::en,label::es,hint::en,hint::es,required,relevant,dimension,grounds,list_name/);
  assert.match(csv.body, /select_one seats_kind_choices,seats_kind/);
  assert.match(csv.body, /\$\{seats\} = 'yes'/);
  // Every text is translatable: add Catalan; publishing waits until every question has it.
  assert.equal((await post(`${versionUrl}/texts`, coordinator, { addLanguage: 'ca' }, `${versionUrl}/texts`)).headers.location, `${versionUrl}/texts`);
  const untranslated = await post(`${versionUrl}/publish`, coordinator, {}, versionUrl);
  assert.equal(untranslated.statusCode, 400);
  assert.match(untranslated.body, /A question is missing in one of the languages/);
  const texts = {
    'title::ca': 'Sala d’espera',
    'section.room::ca': 'La sala',
    'label.seats::ca': 'Hi ha seients?',
    'label.seats_kind::ca': 'Quins seients?',
    'choice.seats_kind.chairs::ca': 'Cadires',
    'choice.seats_kind.bench::ca': 'Un banc',
  };
  assert.equal((await post(`${versionUrl}/texts`, coordinator, texts, `${versionUrl}/texts`)).statusCode, 303);
  assert.match((await t.app.inject({ url: `${versionUrl}/preview`.replace('/en/', '/ca/'), headers: coordinator })).body, /Un banc/);
  assert.equal((await post(`${versionUrl}/publish`, coordinator, {}, versionUrl)).statusCode, 303);
  const late = await post(`${versionUrl}/sections`, coordinator, { name: 'more', title_en: 'More' }, versionUrl);
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /This version is published and cannot change/);
});

test('a coordinator creates a campaign; bad input is kept and explained', async () => {
  const services = await servicesOf(t.database.db, territoryId);
  const css = services.find((s) => s.name === 'Centres de Serveis Socials')!;
  const bad = await post('/es/t/barcelona/audits/campaigns', coordinator, { title: 'Prueba', startsOn: '2026-05-01', endsOn: '2026-04-01', methods: ['observation-visit'], serviceIds: [css.id] }, '/es/t/barcelona/audits/campaigns/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /El último día debe ser posterior al primero/);
  assert.match(bad.body, /Elige al menos un cuestionario publicado/);
  assert.match(bad.body, /value="Prueba"/);
  // A day that is not in the calendar is a mistake beside the field, never a date the database refuses.
  const impossible = await post('/es/t/barcelona/audits/campaigns', coordinator, { title: 'Prueba', startsOn: '2026-02-30', endsOn: '2026-06-31', methods: ['observation-visit'], serviceIds: [css.id] }, '/es/t/barcelona/audits/campaigns/new');
  assert.equal(impossible.statusCode, 400);
  assert.match(impossible.body, /value="2026-02-30"/);
  assert.match(impossible.body, /value="2026-06-31"/);
  // Beside each of the two fields, and in the summary at the top.
  assert.equal(impossible.body.match(/Escribe una fecha real/g)?.length, 4, 'both days are named as not real');
});

test('a finding is validated only by a second coordinator, then the diagnosis hears of it; the manager answers', async () => {
  const [proposedFinding] = await t.database.db
    .select()
    .from(finding)
    .where(and(eq(finding.territoryId, territoryId), eq(finding.status, 'proposed'), eq(finding.proposedBy, demoPeople.coordinator), eq(finding.source, 'answers')))
    .limit(1);
  assert.ok(proposedFinding);
  const url = `/es/t/barcelona/audits/findings/${proposedFinding.id}`;
  const self = await post(`${url}/status`, coordinator, { to: 'validated', reason: 'I saw it' }, url);
  assert.equal(self.statusCode, 400);
  assert.match(self.body, /Otra persona coordinadora debe validar/);
  published.length = 0;
  const ok = await post(`${url}/status`, second, { to: 'validated', reason: 'Comprobado con la foto' }, url);
  assert.equal(ok.statusCode, 303);
  assert.equal(published.length, 1);
  assert.equal(published[0]!.sourceId, proposedFinding.id);
  assert.equal(published[0]!.source, 'finding');
  const detail = await t.app.inject({ url, headers: second });
  assert.match(detail.body, /Comprobado con la foto/);

  // The manager of the service answers; a manager of another service does not see it.
  const [row] = await t.database.db.select().from(finding).where(eq(finding.id, proposedFinding.id));
  const mine = row!.serviceId === (await servicesOf(t.database.db, territoryId)).find((s) => s.name === 'Centres de Serveis Socials')!.id;
  const owner = mine ? manager : actorHeader({ personId: demoPeople.citizenOfficesManager, locale: 'es', grants: [grant('service-manager', () => territoryId)] });
  const other = mine ? actorHeader({ personId: demoPeople.citizenOfficesManager, locale: 'es', grants: [grant('service-manager', () => territoryId)] }) : manager;
  assert.equal((await t.app.inject({ url, headers: other })).statusCode, 404);
  const empty = await post(`${url}/responses`, owner, { body: '  ' }, url);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Escribe tu respuesta/);
  const answered = await post(`${url}/responses`, owner, { body: 'Pondremos una rampa antes de junio.' }, url);
  assert.equal(answered.statusCode, 303);
  assert.match((await t.app.inject({ url, headers: owner })).body, /Pondremos una rampa antes de junio/);
  const list = await t.app.inject({ url: '/es/t/barcelona/audits/findings', headers: owner });
  assert.equal(list.statusCode, 200);
  assert.doesNotMatch(list.body, /Propuesto<\/strong>/);
});

test('exports never carry auditors personal data', async () => {
  const names = (await t.database.db.select({ name: auditor.name, email: auditor.email, codeName: auditor.codeName, personId: auditor.personId }).from(auditor).where(eq(auditor.territoryId, territoryId))).slice(0, 5);
  const campaigns = await t.app.inject({ url: '/en/t/barcelona/audits/campaigns', headers: coordinator });
  // The demo's paired-test campaign (the plans seed adds a follow-up campaign without paired tests).
  let campaignId = '';
  for (const [, id] of campaigns.body.matchAll(/campaigns\/([0-9a-f-]{36})/g)) {
    const found = (await t.app.inject({ url: `/api/v1/territories/barcelona/audits/campaigns/${id}/results`, headers: coordinator })).json();
    if (found.pairedTests?.length > 0) {
      campaignId = id!;
      break;
    }
  }
  assert.ok(campaignId, 'the demo has a campaign with paired tests');
  for (const url of [
    `/api/v1/territories/barcelona/audits/campaigns/${campaignId}/results`,
    `/api/v1/territories/barcelona/audits/campaigns/${campaignId}/results.csv`,
    '/api/v1/territories/barcelona/audits/findings',
    '/api/v1/territories/barcelona/audits/findings.csv',
  ]) {
    const response = await t.app.inject({ url, headers: coordinator });
    assert.equal(response.statusCode, 200, url);
    for (const n of names) {
      for (const secret of [n.name, n.email, n.personId!, demoPeople.coordinator, demoPeople.secondCoordinator]) assert.ok(!response.body.includes(secret), `${url} leaks ${secret}`);
    }
  }
  const results = (await t.app.inject({ url: `/api/v1/territories/barcelona/audits/campaigns/${campaignId}/results`, headers: coordinator })).json();
  const css = results.pairedTests.find((p: { pairs: number }) => p.pairs === 24);
  assert.ok(css.reliable);
  assert.ok(css.interval.lower > 0);
  assert.ok(results.pairedTests.some((p: { pairs: number; reliable: boolean }) => p.pairs === 8 && !p.reliable));
  assert.equal((await t.app.inject({ url: '/api/v1/territories/barcelona/audits/findings' })).statusCode, 401);
});

test("auditors' personal data: coordinators only, after a second factor, and every read is logged", async () => {
  const url = '/en/t/barcelona/audits/auditors';
  const before = (await t.database.db.select().from(accessLog).where(eq(accessLog.action, 'audits.auditor.read'))).length;
  const page = await t.app.inject({ url, headers: coordinator });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Amina El Idrissi/);
  const entries = (await t.database.db.select().from(accessLog).where(eq(accessLog.action, 'audits.auditor.read'))).slice(before);
  assert.ok(entries.length >= 10);
  assert.ok(entries.every((e) => e.actorId === demoPeople.coordinator && e.recordType === 'audit_auditor' && e.territoryId === territoryId));
  assert.equal((await verifyChain(t.database.db)).ok, true);
  const noSecondFactor = actorHeader({ personId: demoPeople.coordinator, twoFactorVerified: false, grants: [grant('audit-coordinator', () => territoryId)] });
  const redirected = await t.app.inject({ url, headers: noSecondFactor });
  assert.equal(redirected.statusCode, 303);
  assert.match(String(redirected.headers.location), /two-factor/);
  for (const headers of [manager, actorHeader({ grants: [grant('auditor', () => territoryId)] }), {}]) {
    const denied = await t.app.inject({ url, headers });
    assert.ok([303, 403].includes(denied.statusCode));
    assert.doesNotMatch(denied.body, /Amina/);
  }
});

test('a person enrols on their own: one question per page, progress kept, check answers, confirmation', async () => {
  const base = '/es/t/barcelona/audits/join';
  assert.match((await t.app.inject(base)).body, /Únete a la Red de Auditoría Ciudadana/);
  const first = await post(`${base}/name`, {}, { name: 'Rosa Vidal' });
  assert.equal(first.statusCode, 303);
  const draft = first.cookies.find((c) => c.name === 'coproduce_enrol')!;
  const jar = { cookie: `coproduce_enrol=${draft.value}` };
  // A reload shows what was typed.
  assert.match((await t.app.inject({ url: `${base}/name`, headers: jar })).body, /value="Rosa Vidal"/);
  const badEmail = await post(`${base}/contact`, jar, { email: 'rosa-at-example', phone: '' });
  assert.equal(badEmail.statusCode, 400);
  assert.match(badEmail.body, /Escribe un correo como nombre@ejemplo.org/);
  assert.match(badEmail.body, /value="rosa-at-example"/);
  assert.equal((await post(`${base}/contact`, jar, { email: 'rosa@example.org', phone: '600 000 000' })).headers.location, `${base}/languages`);
  assert.equal((await post(`${base}/languages`, jar, { languages: ['es', 'ca'] })).headers.location, `${base}/via`);
  assert.equal((await post(`${base}/via`, jar, { via: 'organisation' })).headers.location, `${base}/organisation`);
  assert.equal((await post(`${base}/organisation`, jar, { organisation: 'AV Raval' })).headers.location, `${base}/motivation`);
  assert.equal((await post(`${base}/motivation`, jar, { motivation: '' })).headers.location, `${base}/consent`);
  const noConsent = await post(`${base}/consent`, jar, {});
  assert.match(noConsent.body, /Tienes que aceptar el texto para unirte/);
  assert.equal((await post(`${base}/consent`, jar, { consent: '1' })).headers.location, `${base}/check`);
  const check = await t.app.inject({ url: `${base}/check`, headers: jar });
  assert.match(check.body, /rosa@example.org/);
  assert.match(check.body, /AV Raval/);
  const sent = await post(`${base}/check`, jar, {});
  assert.equal(sent.statusCode, 303);
  assert.match(String(sent.headers.location), /done\?code=A-\d{3}/);
  const [row] = await t.database.db.select().from(auditor).where(eq(auditor.email, 'rosa@example.org'));
  assert.equal(row!.status, 'applied');
  assert.equal(row!.consentVersion, 1);
  assert.equal(row!.organisationName, 'AV Raval');
});

test('every audits page a role may not use answers 403/redirect, never a 500', async () => {
  const stranger = actorHeader({ grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: '00000000-0000-4000-8000-00000000aaaa' } }] });
  for (const path of ['/visits', '/findings', '/campaigns', '/campaigns/new', '/instruments', '/catalogue', '/auditors', '/findings/new']) {
    for (const headers of [{}, stranger]) {
      const response = await t.app.inject({ url: `/en/t/barcelona/audits${path}`, headers });
      assert.ok([303, 403].includes(response.statusCode), `${path}: ${response.statusCode}`);
    }
  }
  // A coordinator of another territory sees none of Barcelona's findings.
  const elsewhere = actorHeader({ grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: '00000000-0000-4000-8000-00000000bbbb' } }] });
  assert.equal((await t.app.inject({ url: '/en/t/barcelona/audits/findings', headers: elsewhere })).statusCode, 403);
});
