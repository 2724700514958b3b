// Frameworks through HTTP on the demo: the Metropolitan Network's framework (two versions, comments, one amendment
// accepted and one declined, endorsements) read by anyone; a new framework drafted, put to consultation, commented
// and amended by a member, decided by the coordinator, agreed and endorsed by two organisations; people outside the
// network refused; bad input answered beside the field, never with a 500; a consultation with a closing day, which
// refuses comments and amendments once the day is over while the coordinators still decide and agree.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { findNetwork, networkMembers } from '../agreement/networks/network.service.ts';
import { accessLog } from '../../platform/access-log/access-log.schema.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { frameworkAmendment, frameworkComment, frameworkEndorsement, frameworkVersion, frameworkVersionPdf } from './frameworks.schema.ts';
import { pdfText } from '../../../test/support/pdf-text.ts';
import { dayIn } from '../../platform/periods.ts';
import { parse } from 'csv-parse/sync';

let t: TestApp;
let networkId: string;
let forumId: string;
let members: { organisationId: string; name: string }[];
let outsider: string;
const base = '/ca/t/metropolitan-social-forum/frameworks';
const coordinator = () => actorHeader({ personId: '0000c000-0000-4000-8000-0000000000f1', displayName: 'Lucía Romero', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: networkId } }] });
const otherCoordinator = () => actorHeader({ personId: randomUUID(), displayName: 'Altre', grants: [{ role: 'network-coordinator', scope: { kind: 'network', id: randomUUID() } }] });
const personOf = (organisationId: string, role: 'organisation-admin' | 'organisation-member' = 'organisation-admin', name = 'Marta Soler') =>
  actorHeader({ personId: randomUUID(), displayName: name, grants: [{ role, scope: { kind: 'organisation', id: organisationId } }] });

before(async () => {
  t = await createTestApp({ actAs: true, config: { rateLimitPerMinute: 10_000 } });
  forumId = (await findTerritory(t.database.db, 'metropolitan-social-forum'))!.id;
  networkId = (await findNetwork(t.database.db, forumId, 'residential-inclusion'))!.id;
  members = (await networkMembers(t.database.db, networkId, 'member')).filter((m) => m.organisationId).map((m) => ({ organisationId: m.organisationId!, name: m.organisationName! }));
  const barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
  const homeless = (await findNetwork(t.database.db, barcelona, 'homeless-people'))!.id;
  const theirs = (await networkMembers(t.database.db, homeless, 'member')).map((m) => m.organisationId).filter((id): id is string => !!id);
  outsider = theirs.find((id) => !members.some((m) => m.organisationId === id))!;
});
after(async () => t.close());

/** Posts a form; the token comes from the page the person would post from, or from the coordinator's form page when that page has no form for them. */
async function post(url: string, headers: Record<string, string>, form: Record<string, string>, pageUrl: string) {
  let page = await t.app.inject({ url: pageUrl, headers });
  if (!page.body.includes('name="_csrf"')) page = await t.app.inject({ url: `${base}/new`, headers: coordinator() });
  const { token, cookie } = csrfFrom(page);
  return t.app.inject({ method: 'POST', url, headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ _csrf: token, ...form }).toString() });
}
const amp = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');

test('the demo framework: agreed version 2 with the accepted amendment, its diff, decisions with reasons, endorsements and open data', async () => {
  const list = await t.app.inject(base);
  assert.equal(list.statusCode, 200);
  const link = /href="(\/ca\/t\/metropolitan-social-forum\/frameworks\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  const page = await t.app.inject(link);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Versió 2 de 2|Version 2 of 2/);
  assert.match(page.body, /de persones grans o de persones amb discapacitat/);
  // Person names are for the network's people only; the public reads organisations.
  assert.doesNotMatch((await t.app.inject(`${link}/versions/1`)).body, /Marta Soler/);
  const diff = await t.app.inject(`${link}/diff?from=1&to=2`);
  assert.equal(diff.statusCode, 200);
  assert.match(diff.body, /<ins class="diff-added"><span class="visually-hidden">[^<]+<\/span>/);
  assert.match(diff.body, /<ins class="diff-added"><span class="visually-hidden">\[afegit: <\/span>de persones grans o de persones amb discapacitat/);
  const amendments = await t.app.inject(`${link}/amendments`);
  assert.match(amendments.body, /el protocol ha de protegir totes les persones vulnerables/);
  assert.match(amendments.body, /encara no poden donar dades mensuals fiables/);
  assert.equal((await t.app.inject(`${link}/versions/2/print`)).statusCode, 200);
  assert.equal((await t.app.inject(`${link}/versions/1/print`)).statusCode, 404);
  const csv = await t.app.inject(`${base}.csv`);
  assert.equal(csv.statusCode, 200);
  const lines = csv.body.trim().split(/\r?\n/);
  assert.match(lines[0]!, /^framework_id,network,language,version,status/);
  assert.equal(lines.length, 3);
  const endorsements = (await t.app.inject(`${base}/endorsements.json`)).json().endorsements;
  assert.ok(endorsements.length >= 3);
  assert.doesNotMatch(JSON.stringify(endorsements), /Laia Vives/);
  const api = await t.app.inject('/api/v1/territories/metropolitan-social-forum/frameworks');
  assert.equal(api.statusCode, 200);
  assert.equal(api.json().versions.length, 2);
  const one = await t.app.inject(`/api/v1/frameworks/${link.split('/').at(-1)}`);
  assert.equal(one.json().versions[1].status, 'agreed');
  assert.equal((await t.app.inject('/api/v1/frameworks/not-an-id')).statusCode, 404);
});

test('a framework is drafted, consulted, commented, amended, decided, agreed and endorsed by two organisations', async () => {
  const [a, b, c] = [members[0]!, members[1]!, members[2]!];
  // Bad input first: nothing typed is lost, the error is beside the field.
  const bad = await post(`${base}/new`, coordinator(), { networkId, locale: 'ca', title: '<b>Marc</b>', summary: '', text: 'Sense títol' }, `${base}/new`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /id="f-summary-error"/);
  assert.match(bad.body, /id="f-text-error"/);
  assert.match(bad.body, /value="&lt;b>Marc&lt;\/b>"/);
  const made = await post(`${base}/new`, coordinator(), { networkId, locale: 'ca', title: 'Marc de prova', summary: 'Resum.', text: '# Primer\n\nParàgraf u.\n\nParàgraf dos.' }, `${base}/new`);
  assert.equal(made.statusCode, 303);
  const path = made.headers.location!.split('?')[0]!.replace(/\/versions\/1$/, '');
  // A draft is read only by the network's people.
  assert.equal((await t.app.inject(path)).statusCode, 404);
  assert.equal((await t.app.inject({ url: path, headers: personOf(outsider) })).statusCode, 404);
  assert.equal((await t.app.inject({ url: path, headers: personOf(a.organisationId) })).statusCode, 200);
  assert.equal((await post(`${path}/versions/1/edit`, coordinator(), { title: 'Marc de prova', summary: 'Resum.', text: '# Primer\n\nParàgraf u, revisat.\n\nParàgraf dos.' }, `${path}/versions/1/edit`)).statusCode, 303);
  // Another network's coordinator cannot touch it.
  assert.equal((await post(`${path}/versions/1/consult`, otherCoordinator(), {}, `${base}`)).statusCode, 404);
  assert.equal((await post(`${path}/versions/1/consult`, coordinator(), {}, path)).statusCode, 303);
  const consulted = await t.app.inject({ url: path, headers: personOf(a.organisationId) });
  const pid = /paragraphs\/([0-9a-f-]{36})\/comments/.exec(consulted.body)![1]!;
  // Comments: empty refused beside the field; an outsider forbidden; a member's published.
  const empty = await post(`${path}/paragraphs/${pid}/comments`, personOf(a.organisationId), { organisationId: a.organisationId, body: '  ' }, path);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /<details class="framework-paragraph__talk" open/);
  assert.equal((await post(`${path}/paragraphs/${pid}/comments`, personOf(outsider), { organisationId: outsider, body: 'Hola' }, path)).statusCode, 403);
  assert.equal((await post(`${path}/paragraphs/${pid}/comments`, personOf(a.organisationId, 'organisation-member'), { organisationId: a.organisationId, body: 'Cal <script>dir</script> qui.' }, path)).statusCode, 303);
  const withComment = await t.app.inject({ url: path, headers: personOf(b.organisationId) });
  assert.match(withComment.body, /Cal &lt;script>dir&lt;\/script> qui\./);
  assert.match(withComment.body, /Marta Soler/);
  // A comment typed on the Ukrainian page is marked Ukrainian wherever it is read; the one typed on the Catalan page, Catalan.
  const ukPath = path.replace(/^\/ca\//, '/uk/');
  assert.equal((await post(`${ukPath}/paragraphs/${pid}/comments`, personOf(b.organisationId), { organisationId: b.organisationId, body: 'Хто скликає нараду?' }, ukPath)).statusCode, 303);
  const both = (await t.app.inject({ url: path, headers: personOf(c.organisationId) })).body;
  assert.match(both, /<p lang="uk" dir="auto">Хто скликає нараду\?<\/p>/);
  assert.match(both, /<p lang="ca" dir="auto">Cal &lt;script>dir&lt;\/script> qui\.<\/p>/);
  // Amendments.
  const same = await post(`${path}/paragraphs/${pid}/amend`, personOf(b.organisationId), { organisationId: b.organisationId, replacement: 'Paràgraf u, revisat.', reason: '' }, `${path}/paragraphs/${pid}/amend`);
  assert.equal(same.statusCode, 400);
  assert.match(same.body, /id="f-replacement-error"/);
  assert.match(same.body, /id="f-reason-error"/);
  assert.equal((await post(`${path}/paragraphs/${pid}/amend`, personOf(b.organisationId), { organisationId: b.organisationId, replacement: 'Paràgraf u, millorat.', reason: 'És més clar.' }, `${path}/paragraphs/${pid}/amend`)).statusCode, 303);
  // The second is proposed on the Spanish page: stored Spanish, and marked so on the Catalan page.
  const esPath = path.replace(/^\/ca\//, '/es/');
  assert.equal((await post(`${esPath}/paragraphs/${pid}/amend`, personOf(c.organisationId), { organisationId: c.organisationId, replacement: 'Otra versión <b>mejor</b>.', reason: 'Porque sí.' }, `${esPath}/paragraphs/${pid}/amend`)).statusCode, 303);
  const stored = await t.database.db.select({ reason: frameworkAmendment.reason, lang: frameworkAmendment.lang }).from(frameworkAmendment).where(eq(frameworkAmendment.paragraphId, pid));
  assert.deepEqual(stored.map((s) => [s.reason, s.lang]).sort(), [['Porque sí.', 'es'], ['És més clar.', 'ca']].sort());
  const list = await t.app.inject({ url: `${path}/amendments`, headers: coordinator() });
  assert.match(list.body, /<blockquote class="quote" lang="es" dir="auto">Otra versión &lt;b>mejor&lt;\/b>\.<\/blockquote>/);
  assert.match(list.body, /<span lang="es" dir="auto">Porque sí\.<\/span>/);
  assert.match(list.body, /<blockquote class="quote" lang="ca" dir="auto">Paràgraf u, millorat\.<\/blockquote>/);
  assert.match(list.body, /<span lang="ca" dir="auto">És més clar\.<\/span>/);
  const [first, second] = [...list.body.matchAll(/amendments\/([0-9a-f-]{36})\/decide/g)].map((m) => m[1]!);
  // Agreeing with amendments pending is refused beside the button.
  const early = await post(`${path}/versions/1/agree`, coordinator(), {}, path);
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /id="f-agree"/);
  // Members cannot decide; a decision needs a reason.
  assert.equal((await post(`${path}/amendments/${first}/decide`, personOf(a.organisationId), { decision: 'accepted', reason: 'x' }, `${path}/amendments`)).statusCode, 403);
  const noReason = await post(`${path}/amendments/${first}/decide`, coordinator(), { decision: 'accepted', reason: '' }, `${path}/amendments`);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /id="f-reason-error"/);
  assert.equal((await post(`${path}/amendments/${first}/decide`, coordinator(), { decision: 'accepted', reason: 'Millora el text.' }, `${path}/amendments`)).statusCode, 303);
  // A second change to the same paragraph cannot be accepted too.
  const twice = await post(`${path}/amendments/${second}/decide`, coordinator(), { decision: 'accepted', reason: 'També.' }, `${path}/amendments`);
  assert.equal(twice.statusCode, 400);
  // Declined on the Spanish page: the reason is Spanish, marked so on the Catalan page beside the Catalan one.
  assert.equal((await post(`${esPath}/amendments/${second}/decide`, coordinator(), { decision: 'declined', reason: 'Ya hemos aceptado una.' }, `${esPath}/amendments`)).statusCode, 303);
  const decided = (await t.app.inject({ url: `${path}/amendments`, headers: coordinator() })).body;
  assert.match(decided, /<span lang="es" dir="auto">Ya hemos aceptado una\.<\/span>/);
  assert.match(decided, /<span lang="ca" dir="auto">Millora el text\.<\/span>/);
  const logged = await t.database.db.select().from(accessLog).where(eq(accessLog.recordId, first!));
  assert.equal(logged[0]?.action, 'frameworks.amendment.accept');
  const agreed = await post(`${path}/versions/1/agree`, coordinator(), {}, path);
  assert.equal(agreed.statusCode, 303);
  assert.match(agreed.headers.location!, /versions\/2\?notice=agreed/);
  const steps = (await t.database.db.select().from(accessLog).where(eq(accessLog.actorId, '0000c000-0000-4000-8000-0000000000f1'))).map((e) => e.action);
  assert.ok(steps.includes('frameworks.version.consult') && steps.includes('frameworks.version.agree'), steps.join(', '));
  const v2 = await t.app.inject(`${path}/versions/2`);
  assert.match(v2.body, /Paràgraf u, millorat\./);
  // Comments are closed on the superseded consultation.
  const late = await post(`${path}/paragraphs/${pid}/comments`, personOf(a.organisationId), { organisationId: a.organisationId, body: 'Tard' }, `${path}/versions/1`);
  assert.equal(late.statusCode, 400);
  // Two organisations endorse; a member (not admin) cannot; one withdraws and endorses again.
  assert.equal((await post(`${path}/versions/2/endorse`, personOf(a.organisationId, 'organisation-member'), { organisationId: a.organisationId }, `${path}/versions/2`)).statusCode, 403);
  assert.equal((await post(`${path}/versions/2/endorse`, personOf(a.organisationId), { organisationId: a.organisationId }, `${path}/versions/2`)).statusCode, 303);
  assert.equal((await post(`${path}/versions/2/endorse`, personOf(b.organisationId), { organisationId: b.organisationId }, `${path}/versions/2`)).statusCode, 303);
  assert.equal((await post(`${path}/versions/2/withdraw`, personOf(b.organisationId), { organisationId: b.organisationId }, `${path}/versions/2`)).statusCode, 303);
  assert.equal((await post(`${path}/versions/2/endorse`, personOf(b.organisationId), { organisationId: b.organisationId }, `${path}/versions/2`)).statusCode, 303);
  // For another organisation than one's own: refused beside the field.
  assert.equal((await post(`${path}/versions/2/endorse`, personOf(a.organisationId), { organisationId: c.organisationId }, `${path}/versions/2`)).statusCode, 400);
  const endorsed = await t.app.inject(`${path}/versions/2`);
  assert.match(endorsed.body, /Endorsed by 2 organisations|2 entitats/);
  assert.ok(endorsed.body.includes(amp(a.name)) && endorsed.body.includes(amp(b.name)));
  // The desk shows no pending task any more; the diff shows the change.
  assert.match((await t.app.inject(`${path}/diff?from=1&to=2`)).body, /millorat/);
});

test('garbage in ids, numbers and bodies gets a 404 or a 400, never a 500', async () => {
  const urls = [`${base}/not-a-uuid`, `${base}/${randomUUID()}`, `${base}/${randomUUID()}/versions/abc`, `${base}/${randomUUID()}/versions/99999999`, `${base}/${randomUUID()}/diff?from=x&to=%00`, `${base}/${randomUUID()}/amendments`, '/ca/t/nowhere/frameworks', '/ca/t/nowhere/frameworks.csv'];
  for (const url of urls) {
    const r = await t.app.inject({ url, headers: coordinator() });
    assert.equal(r.statusCode, 404, url);
  }
  const list = await t.app.inject(base);
  const link = /href="(\/ca\/t\/metropolitan-social-forum\/frameworks\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
  for (const [url, form] of [
    [`${link}/paragraphs/not-an-id/comments`, { body: 'x' }],
    [`${link}/paragraphs/${randomUUID()}/amend`, { replacement: 'x', reason: 'y' }],
    [`${link}/amendments/not-an-id/decide`, { decision: 'accepted', reason: 'x' }],
    [`${link}/versions/1e9/agree`, {}],
    [`${link}/versions/2/endorse`, { organisationId: 'x'.repeat(40) }],
    [`${base}/new`, { networkId: 'garbage', title: 'x'.repeat(700), text: '#' }],
  ] as const) {
    const headers = url.includes('decide') || url.includes('agree') || url.includes('/new') ? coordinator() : personOf(members[0]!.organisationId);
    const r = await post(url, headers, form as Record<string, string>, base);
    assert.ok([400, 403, 404].includes(r.statusCode), `${url}: ${r.statusCode}`);
  }
  // Signed out: a form post is asked to sign in, not answered.
  const signedOut = await t.app.inject({ method: 'POST', url: `${link}/versions/2/endorse`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'organisationId=x' });
  assert.ok([302, 303, 401, 403].includes(signedOut.statusCode), String(signedOut.statusCode));
});

test('a consultation open until a day: shown in the reader’s language, bad days refused beside the field, closed after it', async () => {
  const [a, b] = [members[0]!, members[1]!];
  const made = await post(`${base}/new`, coordinator(), { networkId, locale: 'ca', title: 'Marc amb termini', summary: 'Resum.', text: '# Primer\n\nParàgraf amb termini.' }, `${base}/new`);
  assert.equal(made.statusCode, 303);
  const path = made.headers.location!.split('?')[0]!.replace(/\/versions\/1$/, '');
  const draft = await t.app.inject({ url: path, headers: coordinator() });
  assert.match(draft.body, /name="closesOn" type="date"/);
  // An impossible day, a day past, garbage: refused beside the field, what was typed kept, still a draft.
  const yesterday = dayIn(new Date(Date.now() - 36 * 3600_000), 'Europe/Madrid');
  for (const [closesOn, message] of [['2099-02-30', /Escriviu una data que existeixi/], ['demà', /Escriviu una data que existeixi/], [yesterday, /Trieu avui o un dia posterior/], ['2020-01-01', /Trieu avui o un dia posterior/]] as const) {
    const bad = await post(`${path}/versions/1/consult`, coordinator(), { closesOn }, path);
    assert.equal(bad.statusCode, 400, closesOn);
    assert.match(bad.body, /id="f-closesOn-error"/, closesOn);
    assert.match(bad.body, message, closesOn);
    assert.match(bad.body, /href="#f-closesOn"/, 'the error summary links to the field');
    assert.ok(bad.body.includes(`value="${closesOn}"`), closesOn);
  }
  assert.match((await t.app.inject({ url: path, headers: coordinator() })).body, /\/versions\/1\/consult"/, 'still a draft');
  // Only the coordinators open it, with or without a day.
  assert.equal((await post(`${path}/versions/1/consult`, personOf(a.organisationId), { closesOn: '2099-06-30' }, path)).statusCode, 403);
  assert.equal((await post(`${path}/versions/1/consult`, otherCoordinator(), { closesOn: '2099-06-30' }, path)).statusCode, 404);
  assert.equal((await post(`${path}/versions/1/consult`, coordinator(), { closesOn: '2099-06-30' }, path)).statusCode, 303);
  const [v] = await t.database.db.select().from(frameworkVersion).where(and(eq(frameworkVersion.frameworkId, path.split('/').at(-1)!), eq(frameworkVersion.number, 1)));
  assert.equal(v!.consultationClosesOn, '2099-06-30');
  // Open data carries the closing day as a calendar day, and leaves it empty where none was chosen.
  const frameworkId = path.split('/').at(-1)!;
  const csv = await t.app.inject(`${base}.csv`);
  const [header, ...rows] = parse(csv.body, { bom: true }) as string[][];
  const column = header!.indexOf('consultation_closes_on');
  assert.ok(column > header!.indexOf('consultation_opened_at'), 'after the day it opened');
  assert.deepEqual(rows.filter((r) => r[0] === frameworkId).map((r) => r[column]), ['2099-06-30']);
  assert.ok(rows.filter((r) => r[0] !== frameworkId).every((r) => r[column] === ''), 'the demo chose no day');
  const json = (await t.app.inject(`${base}.json`)).json().versions as { framework_id: string; consultation_closes_on: string }[];
  assert.deepEqual(json.filter((r) => r.framework_id === frameworkId).map((r) => r.consultation_closes_on), ['2099-06-30']);
  assert.ok(json.filter((r) => r.framework_id !== frameworkId).every((r) => r.consultation_closes_on === ''));
  const long = (locale: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date('2099-06-30T12:00:00Z'));
  const open = await t.app.inject({ url: path, headers: personOf(a.organisationId) });
  assert.ok(open.body.includes(`Oberta a comentaris i canvis fins al <time datetime="2099-06-30">${long('ca')}</time>`), 'ca');
  for (const locale of ['en', 'zh', 'ar']) {
    const page = await t.app.inject({ url: path.replace(/^\/ca\//, `/${locale}/`), headers: personOf(a.organisationId) });
    assert.ok(page.body.includes(`<time datetime="2099-06-30">${long(locale)}</time>`), locale);
  }
  assert.ok((await t.app.inject({ url: path.replace(/^\/ca\//, '/en/'), headers: personOf(a.organisationId) })).body.includes('Open for comments and changes until'));
  const pid = /paragraphs\/([0-9a-f-]{36})\/comments/.exec(open.body)![1]!;
  assert.equal((await post(`${path}/paragraphs/${pid}/comments`, personOf(a.organisationId), { organisationId: a.organisationId, body: 'A temps.' }, path)).statusCode, 303);
  assert.equal((await post(`${path}/paragraphs/${pid}/amend`, personOf(b.organisationId), { organisationId: b.organisationId, replacement: 'Paràgraf amb termini, millorat.', reason: 'Més clar.' }, `${path}/paragraphs/${pid}/amend`)).statusCode, 303);

  // The day passes (moved back here: the clock cannot be).
  await t.database.db.update(frameworkVersion).set({ consultationClosesOn: yesterday }).where(eq(frameworkVersion.id, v!.id));
  const closed = await t.app.inject({ url: path, headers: personOf(a.organisationId) });
  assert.match(closed.body, /La consulta s&#39;ha tancat\. L&#39;últim dia per a comentaris i canvis va ser el|La consulta s'ha tancat\. L'últim dia per a comentaris i canvis va ser el/);
  assert.doesNotMatch(closed.body, /\/comments"/, 'no comment form any more');
  assert.doesNotMatch(closed.body, /\/amend"/, 'no link to propose a change');
  const comments = async () => (await t.database.db.select().from(frameworkComment).where(eq(frameworkComment.versionId, v!.id))).length;
  const amendments = async () => (await t.database.db.select().from(frameworkAmendment).where(eq(frameworkAmendment.versionId, v!.id))).length;
  const late = await post(`${path}/paragraphs/${pid}/comments`, personOf(a.organisationId), { organisationId: a.organisationId, body: 'Tard.' }, path);
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /class="error-summary"/);
  assert.match(late.body, /href="#f-closed">La consulta s(&#39;|')ha tancat: ja no admet comentaris ni canvis proposats\./);
  const lateAmendment = await post(`${path}/paragraphs/${pid}/amend`, personOf(b.organisationId), { organisationId: b.organisationId, replacement: 'Un altre text.', reason: 'Tard.' }, path);
  assert.equal(lateAmendment.statusCode, 400);
  assert.match(lateAmendment.body, /ja no admet comentaris ni canvis proposats/);
  const amendPage = await t.app.inject({ url: `${path}/paragraphs/${pid}/amend`, headers: personOf(b.organisationId) });
  assert.match(amendPage.body, /ja no admet comentaris ni canvis proposats/);
  assert.equal(await comments(), 1);
  assert.equal(await amendments(), 1);
  // An outsider is still refused as before, not told about the day.
  assert.equal((await post(`${path}/paragraphs/${pid}/comments`, personOf(outsider), { organisationId: outsider, body: 'Hola' }, path)).statusCode, 403);

  // The coordinators still decide on the amendment and agree the version.
  const list = await t.app.inject({ url: `${path}/amendments`, headers: coordinator() });
  const aid = /amendments\/([0-9a-f-]{36})\/decide/.exec(list.body)![1]!;
  assert.equal((await post(`${path}/amendments/${aid}/decide`, coordinator(), { decision: 'accepted', reason: 'Millora el text.' }, `${path}/amendments`)).statusCode, 303);
  const agreed = await post(`${path}/versions/1/agree`, coordinator(), {}, path);
  assert.equal(agreed.statusCode, 303);
  assert.match((await t.app.inject(`${path}/versions/2`)).body, /Paràgraf amb termini, millorat\./);
});

test('the agreed text as a PDF: linked with its language, rendered once per language, for no one on a draft', async () => {
  // The demo's framework (the earlier tests made others since).
  const [v2] = await t.database.db.select().from(frameworkVersion).where(and(eq(frameworkVersion.title, 'Marc metropolità d’acció conjunta per a la inclusió residencial'), eq(frameworkVersion.number, 2)));
  const frameworkId = v2!.frameworkId;
  const link = `${base}/${frameworkId}`;
  const page = await t.app.inject(`${link}/versions/2`);
  assert.ok(page.body.includes(`<a href="${link}/versions/2/pdf" type="application/pdf" hreflang="ca">Descarrega en PDF (text en català)</a>`), 'beside the print link, with the language');
  assert.ok((await t.app.inject(`${link.replace('/ca/', '/en/')}/versions/2`)).body.includes('Download as PDF (text in Catalan)'));
  const stored = async () => t.database.db.select().from(frameworkVersionPdf).where(eq(frameworkVersionPdf.versionId, v2!.id));
  assert.equal((await stored()).length, 0);

  // Asked for by a signed-in coordinator first: what is stored is the page anyone reads, without their name.
  const pdf = await t.app.inject({ url: `${link}/versions/2/pdf`, headers: coordinator() });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.headers['content-disposition'], 'attachment; filename="marc-metropolita-d-accio-conjunta-per-a-la-inclusio-residencial-v2-ca.pdf"');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const text = await pdfText(pdf.rawPayload);
  const squeezed = (s: string) => s.replace(/\s+/g, '');
  assert.ok(squeezed(text).includes(squeezed(v2!.title)), text.slice(0, 300));
  assert.match(text, /Versió 2/);
  assert.doesNotMatch(text, /Lucía Romero/);
  assert.equal((await stored()).length, 1);

  // The second download is the stored file: Chromium does not run again (the stored bytes are served as they are).
  const marker = Buffer.from('%PDF-1.4\n% stored\n');
  await t.database.db.update(frameworkVersionPdf).set({ pdf: marker }).where(eq(frameworkVersionPdf.versionId, v2!.id));
  const again = await t.app.inject(`${link}/versions/2/pdf`);
  assert.equal(again.statusCode, 200);
  assert.ok(again.rawPayload.equals(marker), 'served from the store');

  // Another language is its own file; a withdrawn endorsement makes the next download render anew without it.
  const arabic = await t.app.inject(`${link.replace('/ca/', '/ar/')}/versions/2/pdf`);
  assert.equal(arabic.statusCode, 200);
  assert.match(String(arabic.headers['content-disposition']), /-v2-ar\.pdf"$/);
  assert.ok(squeezed(await pdfText(arabic.rawPayload)).includes(squeezed(v2!.title)));
  assert.equal((await stored()).length, 2);
  const [endorsement] = await t.database.db.select().from(frameworkEndorsement).where(and(eq(frameworkEndorsement.versionId, v2!.id), isNull(frameworkEndorsement.withdrawnAt)));
  assert.ok(squeezed(text).includes(squeezed(endorsement!.organisationName)));
  await t.database.db.update(frameworkEndorsement).set({ withdrawnAt: new Date() }).where(and(eq(frameworkEndorsement.versionId, v2!.id), eq(frameworkEndorsement.organisationId, endorsement!.organisationId)));
  const renewed = await t.app.inject(`${link}/versions/2/pdf`);
  assert.ok(!renewed.rawPayload.equals(marker), 'rendered again');
  assert.ok(!squeezed(await pdfText(renewed.rawPayload)).includes(squeezed(endorsement!.organisationName)));
  assert.equal((await stored()).length, 2);

  // A draft, a version in consultation, garbage and another territory: 404, for the public and the coordinators alike, and nothing stored.
  const made = await post(`${base}/new`, coordinator(), { networkId, locale: 'ca', title: 'Esborrany privat', summary: 'Resum.', text: '# Primer\n\nParàgraf.' }, `${base}/new`);
  const draft = made.headers.location!.split('?')[0]!;
  const before = (await t.database.db.select().from(frameworkVersionPdf)).length;
  for (const [url, headers] of [
    [`${draft}/pdf`, {}],
    [`${draft}/pdf`, personOf(outsider)],
    [`${draft}/pdf`, otherCoordinator()],
    [`${draft}/pdf`, coordinator()],
    [`${link}/versions/1/pdf`, {}],
    [`${link}/versions/abc/pdf`, {}],
    [`${link}/versions/99999999999/pdf`, {}],
    [`${base}/${randomUUID()}/versions/2/pdf`, {}],
    [`${base}/not-a-uuid/versions/2/pdf`, {}],
    [`/ca/t/barcelona/frameworks/${frameworkId}/versions/2/pdf`, {}],
  ] as const) {
    const res = await t.app.inject({ url, headers });
    assert.equal(res.statusCode, 404, url);
    assert.doesNotMatch(String(res.headers['content-type']), /pdf/, url);
  }
  assert.equal((await t.database.db.select().from(frameworkVersionPdf)).length, before);
});
