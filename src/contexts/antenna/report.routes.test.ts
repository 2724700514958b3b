import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApp, actorHeader, type TestApp } from '../../../test/support/app.ts';
import { Browser, fillReport, handler, sendReport, simpleAnswers } from '../../../test/support/antenna.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { facilitiesOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { listMembers } from '../agreement/adhesion/adhesion.service.ts';
import { listRegistered } from '../agreement/organisations/organisation.service.ts';
import { subscribe, type DomainEvents } from '../../platform/events.ts';
import { configureAntenna } from './antenna.config.ts';
import type { AccessEntry } from './access-log.ts';
import { caseEvidence } from './triage.service.ts';
import { solveChallenge } from './guards.ts';

let t: TestApp;
let dataDir: string;
let barcelona: string;
const accessLog: AccessEntry[] = [];
const published: { name: string; payload: unknown }[] = [];

subscribe({
  'diagnosis.facts.upsert': async (_db, payload: DomainEvents['diagnosis.facts.upsert']) => void published.push({ name: 'upsert', payload }),
  'diagnosis.facts.remove': async (_db, payload: DomainEvents['diagnosis.facts.remove']) => void published.push({ name: 'remove', payload }),
});

const handlerId = '00000000-0000-4000-8000-0000000000a1';

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'antenna-routes-'));
  // A test double of identity's recordAccess: it records, so the test can prove every read was logged.
  configureAntenna({ accessLogger: { recordAccess: async (_db, entry) => void accessLog.push(entry) } });
  t = await createTestApp({ actAs: true, config: { dataDir } });
  barcelona = (await findTerritory(t.database.db, 'barcelona'))!.id;
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function setUpHandlerKey(headers: Record<string, string>, password = 'correct horse battery') {
  const h = new Browser(t.app, headers);
  const page = await h.get('/en/t/barcelona/antenna/cases/key');
  assert.equal(page.statusCode, 200);
  const done = await h.post('/en/t/barcelona/antenna/cases/key', page, { password });
  assert.equal(done.statusCode, 303, done.body.slice(0, 300));
  return h;
}

test('check your answers shows the chosen service in the reader\'s language and the district and facility marked with the language they are kept in', async () => {
  const db = t.database.db;
  const service = (await servicesOf(db, barcelona)).find((s) => s.name === 'Centres de Serveis Socials')!;
  const facility = (await facilitiesOf(db, barcelona, [service.id])).find((f) => f.districtId)!;
  const person = new Browser(t.app);
  const check = await fillReport(person, 'zh', 'barcelona', simpleAnswers('CHECK-NAMES-STORY', { service: { serviceId: service.id }, where: { districtId: facility.districtId!, facilityId: facility.id } }));
  assert.equal(check.statusCode, 200);
  const row = (step: string) => new RegExp(`<dd class="summary-list__value">((?:(?!</dd>)[\\s\\S])*)</dd>\\s*<dd class="summary-list__actions"><a href="[^"]*/report/${step}\\?change=1"`).exec(check.body)?.[1] ?? '';
  assert.equal(row('service'), `<span>${service.nameTranslations.zh}</span>`, 'the service in Chinese, unmarked');
  const where = row('where');
  assert.match(where, new RegExp(`<span lang="ca">${facility.name}</span>$`), 'the facility marked as Catalan');
  assert.match(where, /^<span lang="ca">[^<]+<\/span> · /, 'the district marked as Catalan');
});

test('every antenna page has an exit link, no-store and the antenna script; Arabic is right-to-left', async () => {
  const b = new Browser(t.app);
  for (const url of ['/ar/t/barcelona/antenna', '/ur/t/barcelona/antenna/follow', '/zh/t/barcelona/antenna', '/uk/t/barcelona/antenna/report/story']) {
    const page = await b.get(url);
    assert.equal(page.headers['cache-control'], 'no-store', url);
    if (page.statusCode === 200) {
      assert.match(page.body, /data-antenna-exit/);
      assert.match(page.body, /class="antenna-exit" href="\/[a-z]{2}\/t\/barcelona\/antenna\/exit"/, 'the exit goes through the server, which deletes the draft');
      assert.match(page.body, /<script type="module" src="\/assets\/js\/antenna\.js\?v=/);
    }
  }
  const ar = await b.get('/ar/t/barcelona/antenna');
  assert.match(ar.body, /<html lang="ar" dir="rtl">/);
  assert.match(ar.body, /730/, 'the retention period is told before writing');
});

test('a person reports anonymously without JavaScript, keeps the receipt, and reads and answers a handler’s question', async () => {
  const handlerHeaders = handler(barcelona, handlerId);
  const staff = await setUpHandlerKey(handlerHeaders);

  const person = new Browser(t.app);
  const story = 'عند الشباك قالوا لي أن أعود مع شخص يتكلم الإسبانية ZXQ-STORY-1';
  const check = await fillReport(person, 'ar', 'barcelona', simpleAnswers(story));
  assert.equal(check.statusCode, 200);
  assert.ok(check.body.includes(story), 'check your answers shows the story');
  assert.match(check.body, /\?change=1/);

  // Progress survives: a new GET of a question shows what was typed.
  const again = await person.get('/ar/t/barcelona/antenna/report/story');
  assert.ok(again.body.includes('ZXQ-STORY-1'));

  const { receipt, done } = await sendReport(person, 'ar', 'barcelona', check, { javascript: false });
  assert.match(receipt, /^[0-9]{16}$/);
  assert.equal(done.headers['cache-control'], 'no-store');
  // Shown once.
  const reload = await person.get('/ar/t/barcelona/antenna/report/done');
  assert.ok(!reload.body.includes(receipt.slice(0, 4) + ' ' + receipt.slice(4, 8)));

  // The handler sees it in the queue and reads it; the read is access-logged.
  const queue = await staff.get('/en/t/barcelona/antenna/cases');
  assert.equal(queue.statusCode, 200);
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(queue.body)?.[1];
  assert.ok(reference, 'the case is in the queue');
  const before = accessLog.length;
  const casePage = await staff.get(`/en/t/barcelona/antenna/cases/${reference}`);
  assert.equal(casePage.statusCode, 200);
  assert.ok(casePage.body.includes('ZXQ-STORY-1'));
  assert.equal(accessLog.length, before + 1);
  assert.deepEqual({ ...accessLog.at(-1), recordId: 'x' }, { actorId: handlerId, action: 'antenna.case.read', recordType: 'antenna_report', recordId: 'x', territoryId: barcelona });

  // A question to the reporter and an internal note.
  assert.equal((await staff.post(`/en/t/barcelona/antenna/cases/${reference}/write`, casePage, { visibility: 'message', text: 'Which office was it? QUESTION-1' })).statusCode, 303);
  assert.equal((await staff.post(`/en/t/barcelona/antenna/cases/${reference}/write`, casePage, { visibility: 'note', text: 'internal NOTE-1' })).statusCode, 303);

  // Later, the person signs in with the receipt (spaces allowed) and reads the question, not the note.
  const later = new Browser(t.app);
  const signIn = await later.get('/ar/t/barcelona/antenna/follow');
  const opened = await later.post('/ar/t/barcelona/antenna/follow', signIn, { receipt: receipt.replace(/(\d{4})/g, '$1 ').trim() });
  assert.equal(opened.statusCode, 303);
  const mine = await later.follow(opened);
  assert.ok(mine.body.includes('QUESTION-1'));
  assert.ok(!mine.body.includes('NOTE-1'));
  const answered = await later.post('/ar/t/barcelona/antenna/follow/message', mine, { kind: 'message', text: 'OAC Ciutat Vella ANSWER-1' });
  assert.equal(answered.statusCode, 303);
  const staffView = await staff.get(`/en/t/barcelona/antenna/cases/${reference}`);
  assert.ok(staffView.body.includes('ANSWER-1'));
  // The reporter reads "You"; the handler reads who wrote it, not "You".
  assert.match((await later.follow(answered)).body, /<strong>أنت<\/strong>/);
  assert.match(staffView.body, /<strong>The person who reported<\/strong>/);
  assert.doesNotMatch(staffView.body, /<strong>You<\/strong>/);
});

test('a receipt typed in Urdu, Arabic-Indic or full-width digits opens its report, shown as one left-to-right run', async () => {
  const person = new Browser(t.app);
  const check = await fillReport(person, 'ur', 'barcelona', simpleAnswers('URDU-DIGITS-STORY'));
  const { receipt, done } = await sendReport(person, 'ur', 'barcelona', check);
  assert.match(done.body, /<bdi class="receipt" dir="ltr"[^>]*>\d{4} \d{4} \d{4} \d{4}<\/bdi>/, 'the receipt is an isolated LTR run on the done page');
  const scripts = [
    { zero: 0x06f0, locale: 'ur' }, // Extended Arabic-Indic, as Urdu keyboards type
    { zero: 0x0660, locale: 'ar' }, // Arabic-Indic
    { zero: 0xff10, locale: 'zh' }, // full-width
  ];
  for (const { zero, locale } of scripts) {
    const typed = [...receipt].map((d) => String.fromCodePoint(zero + Number(d))).join('').replace(/(.{4})(?=.)/gu, '$1 ');
    assert.doesNotMatch(typed, /[0-9]/, 'no ASCII digit is typed');
    const later = new Browser(t.app);
    const signIn = await later.get(`/${locale}/t/barcelona/antenna/follow`);
    assert.match(signIn.body, /name="receipt"[^>]*dir="ltr"/, 'the receipt field is entered left to right');
    const opened = await later.post(`/${locale}/t/barcelona/antenna/follow`, signIn, { receipt: typed });
    assert.equal(opened.statusCode, 303, `${locale}: ${typed}`);
    const mine = await later.follow(opened);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /<h1>/);
  }
  // And a wrong receipt in Urdu digits is still wrong: normalising does not widen what is accepted.
  const wrong = [...receipt].map((d, i) => String.fromCodePoint(0x06f0 + ((Number(d) + (i === 15 ? 1 : 0)) % 10))).join('');
  const b = new Browser(t.app);
  const p = await b.get('/ur/t/barcelona/antenna/follow');
  assert.equal((await b.post('/ur/t/barcelona/antenna/follow', p, { receipt: wrong })).statusCode, 400);
});

test('"exit this page" deletes the unsent draft and its cookie, then leaves for the neutral site', async () => {
  const person = new Browser(t.app);
  await fillReport(person, 'en', 'barcelona', simpleAnswers('EXIT-STORY-SECRET'));
  assert.ok(person.cookies.has('antenna_draft'), 'a draft is in progress');
  const token = person.cookies.get('antenna_draft')!;
  const exit = await person.get('/en/t/barcelona/antenna/exit');
  assert.equal(exit.statusCode, 303);
  assert.equal(exit.headers.location, 'https://www.google.com/search?q=weather');
  assert.equal(exit.headers['cache-control'], 'no-store');
  assert.ok(!person.cookies.has('antenna_draft'), 'the draft cookie is cleared');
  // Back, even with the old cookie (a copy kept by the browser), finds no story: the draft row is gone.
  const copy = new Browser(t.app);
  copy.cookies.set('antenna_draft', token);
  const back = await copy.get('/en/t/barcelona/antenna/report/story');
  assert.equal(back.statusCode, 303, 'the story step sends to the start page');
  assert.ok(!back.body.includes('EXIT-STORY-SECRET'));
  assert.ok(!(await copy.get('/en/t/barcelona/antenna/report/check')).body.includes('EXIT-STORY-SECRET'));
});

test('a wrong receipt is refused and throttled per client', async () => {
  const b = new Browser(t.app, {}, '203.0.113.77');
  let page = await b.get('/en/t/barcelona/antenna/follow');
  for (let i = 0; i < 5; i++) {
    const r = await b.post('/en/t/barcelona/antenna/follow', page, { receipt: '0000 0000 0000 000' + i });
    assert.equal(r.statusCode, 400);
    assert.match(r.body, /does not open a report/);
    page = r;
  }
  const blocked = await b.post('/en/t/barcelona/antenna/follow', page, { receipt: '1111 1111 1111 1111' });
  assert.equal(blocked.statusCode, 429);
  // Another client is not blocked by this one.
  const other = new Browser(t.app, {}, '198.51.100.9');
  const p2 = await other.get('/en/t/barcelona/antenna/follow');
  assert.equal((await other.post('/en/t/barcelona/antenna/follow', p2, { receipt: '2222 2222 2222 2222' })).statusCode, 400);
});

test('the questions name the services in the reader’s language, and list each facility under its service', async () => {
  const b = new Browser(t.app);
  const start = await b.get('/zh/t/barcelona/antenna');
  const service = await b.follow(await b.post('/zh/t/barcelona/antenna/start', start, {}));
  assert.match(service.body, /<option value="[0-9a-f-]{36}">社会服务中心<\/option>/);
  assert.match(service.body, /<option value="[0-9a-f-]{36}">外来移民、出境移民和难民服务处 \(SAIER\)<\/option>/);
  const where = await b.get('/zh/t/barcelona/antenna/report/where');
  // "CSS Ciutat Vella" keeps its Catalan name, under the service that says what CSS stands for.
  const centres = /<optgroup label="社会服务中心">([\s\S]*?)<\/optgroup>/.exec(where.body)?.[1] ?? '';
  assert.match(centres, /<option value="[0-9a-f-]{36}" lang="ca">CSS Ciutat Vella<\/option>/);
  assert.equal(centres.match(/<option /g)?.length, 10, 'the ten district centres');
  assert.match(where.body, /<optgroup label="市民服务办公室 \(OAC\)"><option value="[0-9a-f-]{36}" lang="ca">OAC Ciutat Vella<\/option>/);
});

test('errors are shown next to the field and what was typed is kept', async () => {
  const b = new Browser(t.app);
  const start = await b.get('/es/t/barcelona/antenna');
  const q1 = await b.follow(await b.post('/es/t/barcelona/antenna/start', start, {}));
  const bad = await b.post('/es/t/barcelona/antenna/report/service', q1, { serviceId: 'not-a-service' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /error-summary/);
  const q2 = await b.follow(await b.post('/es/t/barcelona/antenna/report/service', q1, { serviceId: 'unknown' }));
  const empty = await b.post('/es/t/barcelona/antenna/report/story', q2, { story: '   ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /href="#f-story"/);
  const tooLong = await b.post('/es/t/barcelona/antenna/report/story', q2, { story: 'KEEP-ME ' + 'a'.repeat(10_001) });
  assert.equal(tooLong.statusCode, 400);
  assert.ok(tooLong.body.includes('KEEP-ME'));
});

test('without JavaScript (no proof of work) a client may send 5 reports an hour; with it, more', async () => {
  const b = new Browser(t.app, {}, '192.0.2.55');
  for (let i = 0; i < 5; i++) await sendReport(b, 'en', 'barcelona', await fillReport(b, 'en', 'barcelona', simpleAnswers(`no-js ${i}`)), { javascript: false });
  const check = await fillReport(b, 'en', 'barcelona', simpleAnswers('sixth'));
  const busy = await b.post('/en/t/barcelona/antenna/report/check', check, { challenge: '', pow: '', website: '' });
  assert.equal(busy.statusCode, 429);
  assert.match(busy.body, /Your answers are saved/);
  // The answers are still there, and with a proof of work the same person can send.
  const { receipt } = await sendReport(b, 'en', 'barcelona', await b.get('/en/t/barcelona/antenna/report/check'));
  assert.match(receipt, /^[0-9]{16}$/);
  // A proof of work is single-use and bound to its territory.
  const c = new Browser(t.app, {}, '192.0.2.56');
  const check2 = await fillReport(c, 'en', 'barcelona', simpleAnswers('replay'));
  const challenge = /name="challenge" value="([^"]+)"/.exec(check2.body)![1]!;
  assert.equal(await t.app.antennaGuards.pow.verify('00000000-0000-4000-8000-000000000000', challenge, solveChallenge(challenge)), false);
  const pow = solveChallenge(challenge);
  assert.equal(await t.app.antennaGuards.pow.verify(barcelona, challenge, pow), true);
  assert.equal(await t.app.antennaGuards.pow.verify(barcelona, challenge, pow), false);
});

test('the honeypot refuses robots; confidential needs a contact', async () => {
  const b = new Browser(t.app);
  const check = await fillReport(b, 'en', 'barcelona', simpleAnswers('honeypot story'));
  const refused = await b.post('/en/t/barcelona/antenna/report/check', check, { website: 'http://spam.example', challenge: '', pow: '' });
  assert.equal(refused.statusCode, 400);
  const c = new Browser(t.app);
  await assert.rejects(fillReport(c, 'en', 'barcelona', simpleAnswers('x', { contact: { mode: 'confidential' } })), /contact answered 400/);
});

test('files: metadata is stripped, the content is encrypted on disk, and bad files get a clear error', async () => {
  const person = new Browser(t.app);
  const { receipt } = await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('file story')));
  const signIn = await person.get('/en/t/barcelona/antenna/follow');
  const mine = await person.follow(await person.post('/en/t/barcelona/antenna/follow', signIn, { receipt }));
  const token = /name="_csrf" value="([^"]+)"/.exec(mine.body)![1]!;
  const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
    .jpeg()
    .withMetadata({ exif: { IFD0: { Artist: 'EXIF-SECRET-NAME', ImageDescription: 'GPS-HOME' } } })
    .toBuffer();
  assert.ok(jpeg.includes('EXIF-SECRET-NAME'));
  const upload = async (filename: string, data: Buffer) => {
    const boundary = '----antennatest';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${token}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return person.request({ method: 'POST', url: '/en/t/barcelona/antenna/follow/file', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };
  assert.equal((await upload('photo.jpg', jpeg)).statusCode, 303);
  const wrong = await upload('tool.exe', Buffer.from([0x4d, 0x5a, 0x00, 0x01]));
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /JPEG, PNG or WebP/);
  const large = await upload('big.txt', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'));
  assert.equal(large.statusCode, 400);
  assert.match(large.body, /5 MB or smaller/);
  const files = await t.app.files.list('antenna');
  assert.equal(files.length, 1);
  const stored = Buffer.from((await t.app.files.get('antenna', files[0]!))!);
  assert.ok(!stored.includes('EXIF-SECRET-NAME'));
  assert.ok(!stored.includes(Buffer.from([0xff, 0xd8, 0xff])), 'not a readable JPEG at rest');
});

test('a handler without 2FA, or of another territory, cannot see the queue', async () => {
  const no2fa = await t.app.inject({ url: '/en/t/barcelona/antenna/cases', headers: handler(barcelona, handlerId, { twoFactorVerified: false }) });
  assert.equal(no2fa.statusCode, 303);
  assert.match(String(no2fa.headers.location), /two-factor/);
  const other = await t.app.inject({ url: '/en/t/barcelona/antenna/cases', headers: handler('00000000-0000-4000-8000-00000000ffff', handlerId) });
  assert.equal(other.statusCode, 403);
  const anonymous = await t.app.inject({ url: '/en/t/barcelona/antenna/cases' });
  assert.equal(anonymous.statusCode, 303);
  const citizen = await t.app.inject({ url: '/en/t/barcelona/antenna/recovery', headers: actorHeader({ grants: [] }) });
  assert.equal(citizen.statusCode, 403);
});

test('triage: status with reasons, assignment, classification feeds the diagnosis, referral only with consent', async () => {
  const id = '00000000-0000-4000-8000-0000000000b2';
  const staff = await setUpHandlerKey(handler(barcelona, id));
  const services = await servicesOf(t.database.db, barcelona);
  const person = new Browser(t.app);
  await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('triage story', { wishes: { wishes: [], referral: 'no' } })));
  const queue = await staff.get('/en/t/barcelona/antenna/cases?status=new');
  const refs = [...queue.body.matchAll(/\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/g)].map((m) => m[1]!);
  const reference = refs[0]!;
  const url = `/en/t/barcelona/antenna/cases/${reference}`;
  let page = await staff.get(url);
  assert.ok(page.body.includes('triage story'));
  assert.equal((await staff.post(`${url}/status`, page, { status: 'in-triage', reason: '' })).statusCode, 303);
  assert.equal((await staff.post(`${url}/assign`, page, { assignee: id })).statusCode, 303);
  page = await staff.get(url);
  assert.match(page.body, /In triage|Being read/);
  const noConsent = await staff.post(`${url}/refer`, page, { referKind: 'service', referServiceId: services[0]!.id, organisationId: '' });
  assert.equal(noConsent.statusCode, 400);
  const badMonth = await staff.post(`${url}/classify`, page, { serviceId: services[0]!.id, grounds: ['language'], dimension: 'language', districtId: '', month: 'March' });
  assert.equal(badMonth.statusCode, 400);
  published.length = 0;
  const classified = await staff.post(`${url}/classify`, page, { serviceId: services[0]!.id, grounds: ['language', 'nationality'], dimension: 'language', districtId: '', month: '2026-03' });
  assert.equal(classified.statusCode, 303);
  assert.equal(published.length, 1);
  const fact = (published[0]!.payload as DomainEvents['diagnosis.facts.upsert']).facts[0]!;
  assert.deepEqual(
    { source: fact.source, serviceId: fact.serviceId, grounds: fact.grounds, dimension: fact.dimension, month: fact.month, territoryId: fact.territoryId },
    { source: 'case', serviceId: services[0]!.id, grounds: ['language', 'nationality'], dimension: 'language', month: '2026-03', territoryId: barcelona },
  );
  assert.ok(!JSON.stringify(fact).includes('triage story'));
  const evidence = await caseEvidence(t.database.db, actorHeaderActor(), barcelona, reference);
  assert.ok(evidence.ok);
  assert.deepEqual(Object.keys(evidence.value).sort(), ['dimension', 'districtId', 'grounds', 'month', 'reference', 'serviceId', 'status', 'territoryId']);
  page = await staff.get(url);
  assert.equal((await staff.post(`${url}/declassify`, page, {})).statusCode, 303);
  assert.equal(published.at(-1)!.name, 'remove');
  const close = await staff.post(`${url}/status`, page, { status: 'closed', reason: '' });
  assert.equal(close.statusCode, 400, 'closing needs a reason');
  assert.equal((await staff.post(`${url}/status`, page, { status: 'closed', reason: 'resolved' })).statusCode, 303);

  // A case whose reporter said yes can be referred to a council service.
  const yes = new Browser(t.app);
  await sendReport(yes, 'en', 'barcelona', await fillReport(yes, 'en', 'barcelona', simpleAnswers('consenting story')));
  const q2 = await staff.get('/en/t/barcelona/antenna/cases?status=new');
  const ref2 = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(q2.body)![1]!;
  const p2 = await staff.get(`/en/t/barcelona/antenna/cases/${ref2}`);
  assert.ok(p2.body.includes('consenting story'));
  const referred = await staff.post(`/en/t/barcelona/antenna/cases/${ref2}/refer`, p2, { referKind: 'service', referServiceId: services[1]!.id, organisationId: '' });
  assert.equal(referred.statusCode, 303);
  assert.match((await staff.get(`/en/t/barcelona/antenna/cases/${ref2}`)).body, /Passed on/);
});

/** The options of one select of a page: value and label. */
function selectOptions(body: string, name: string): { value: string; label: string }[] {
  const select = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(body);
  assert.ok(select, `the page has a ${name} list`);
  return [...select[1]!.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)].map((m) => ({ value: m[1]!, label: m[2]! })).filter((o) => o.value !== '');
}

test('a case is passed on to a member organisation chosen from a list or found by name, only with the person’s consent', async () => {
  const staff = await setUpHandlerKey(handler(barcelona, '00000000-0000-4000-8000-0000000000a7'));
  const members = await listMembers(t.database.db, barcelona);
  const sostre = members.find((m) => m.name === 'Fundació Sostre Obert')!;
  const notMember = (await listRegistered(t.database.db, barcelona)).find((r) => r.adhesionStatus !== 'member')!.organisation;
  assert.ok(sostre && notMember);

  const person = new Browser(t.app);
  await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('story for an organisation PICKER-1')));
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec((await staff.get('/en/t/barcelona/antenna/cases?status=new')).body)![1]!;
  const url = `/en/t/barcelona/antenna/cases/${reference}`;

  // Without a search: the member organisations by name, to choose from; nothing to type.
  let page = await staff.get(url);
  assert.ok(page.body.includes('PICKER-1'));
  assert.doesNotMatch(page.body, /<input[^>]*name="organisationId"/);
  const all = selectOptions(page.body, 'organisationId');
  assert.equal(all.length, Math.min(members.length, 50));
  assert.ok(all.every((o) => members.some((m) => m.organisationId === o.value)), 'only member organisations');
  assert.ok(!all.some((o) => o.value === notMember.id));

  // Found by name (a GET form: works without JavaScript), accents and case ignored.
  page = await staff.get(`${url}?organisation=${encodeURIComponent('sostre obert')}`);
  const found = selectOptions(page.body, 'organisationId');
  assert.ok(found.some((o) => o.value === sostre.organisationId && o.label === 'Fundació Sostre Obert'));
  assert.ok(found.length < members.length);
  assert.match(page.body, /<input[^>]*value="organisation"[^>]*checked|<input[^>]*checked[^>]*value="organisation"/, 'a search chooses "an organisation"');
  const nothing = await staff.get(`${url}?organisation=zzzqqqxxx`);
  assert.equal(selectOptions(nothing.body, 'organisationId').length, 0);
  assert.ok(nothing.body.includes('No member organisation matches “zzzqqqxxx”.'));

  // None chosen: a translated error beside the list, and the search is kept.
  const ro = await staff.get(`/ro/t/barcelona/antenna/cases/${reference}?organisation=sostre`);
  const missing = await staff.post(`/ro/t/barcelona/antenna/cases/${reference}/refer`, ro, { referKind: 'organisation', referServiceId: '', organisationId: '', organisationSearch: 'sostre' });
  assert.equal(missing.statusCode, 400);
  assert.ok(missing.body.includes('Alege organizația la care trimiți cazul'), 'the error is in Romanian');
  assert.match(missing.body, /class="error-summary"/);
  assert.ok(selectOptions(missing.body, 'organisationId').some((o) => o.value === sostre.organisationId), 'the same list comes back');
  // Not a member, or not an organisation at all: refused.
  for (const organisationId of [notMember.id, '00000000-0000-4000-8000-00000000ffff', 'Fundació Sostre Obert']) {
    const refused = await staff.post(`${url}/refer`, page, { referKind: 'organisation', referServiceId: '', organisationId, organisationSearch: '' });
    assert.equal(refused.statusCode, 400, organisationId);
    assert.ok(refused.body.includes('Choose an organisation from the list'));
  }
  const referred = await staff.post(`${url}/refer`, page, { referKind: 'organisation', referServiceId: '', organisationId: sostre.organisationId, organisationSearch: 'sostre obert' });
  assert.equal(referred.statusCode, 303);
  page = await staff.get(url);
  assert.ok(page.body.includes('Passed on to Fundació Sostre Obert'));

  // Without the person's yes there is no list, and a forged referral is refused.
  const no = new Browser(t.app);
  await sendReport(no, 'en', 'barcelona', await fillReport(no, 'en', 'barcelona', simpleAnswers('no referral PICKER-2', { wishes: { wishes: ['counted'], referral: 'no' } })));
  const other = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec((await staff.get('/en/t/barcelona/antenna/cases?status=new')).body)![1]!;
  const otherPage = await staff.get(`/en/t/barcelona/antenna/cases/${other}`);
  assert.ok(otherPage.body.includes('PICKER-2'));
  assert.doesNotMatch(otherPage.body, /name="organisationId"/);
  const forged = await staff.post(`/en/t/barcelona/antenna/cases/${other}/refer`, otherPage, { referKind: 'organisation', referServiceId: '', organisationId: sostre.organisationId });
  assert.equal(forged.statusCode, 400);
  assert.doesNotMatch((await staff.get(`/en/t/barcelona/antenna/cases/${other}`)).body, /Passed on to/);
});

function actorHeaderActor() {
  return { personId: '00000000-0000-4000-8000-0000000000c3', displayName: 'Auditor', locale: 'en' as const, twoFactorVerified: true, grants: [{ role: 'audit-coordinator' as const, scope: { kind: 'territory' as const, id: barcelona } }] };
}

test('an organisation reports on behalf of a person in Romanian, with consent recorded, and follows it', async () => {
  const orgId = '00000000-0000-4000-8000-0000000000d4';
  const member = actorHeader({ personId: '00000000-0000-4000-8000-0000000000d5', grants: [{ role: 'organisation-member', scope: { kind: 'organisation', id: orgId } }] });
  const b = new Browser(t.app, member);
  const home = await b.get('/ro/t/barcelona/antenna/on-behalf');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /<html lang="ro"/);
  const answers = simpleAnswers('Povestea doamnei ONBEHALF-1', { consent: { consentGiven: 'yes', consentMethod: 'in-person' } });
  const check = await fillReport(b, 'ro', 'barcelona', answers, { onBehalf: true });
  const { receipt } = await sendReport(b, 'ro', 'barcelona', check);
  const list = await b.get('/ro/t/barcelona/antenna/on-behalf');
  assert.match(list.body, /[A-Z0-9]{4}-[A-Z0-9]{4}/);
  const signIn = await b.get('/ro/t/barcelona/antenna/follow');
  const view = await b.follow(await b.post('/ro/t/barcelona/antenna/follow', signIn, { receipt }));
  const sent = await b.post('/ro/t/barcelona/antenna/follow/message', view, { kind: 'information', text: 'INTERMEDIARY-NOTE' });
  assert.equal(sent.statusCode, 303);
  // Without consent the step does not pass.
  const c = new Browser(t.app, member);
  await assert.rejects(fillReport(c, 'ro', 'barcelona', simpleAnswers('x', { consent: { consentMethod: 'phone' } }), { onBehalf: true }), /consent answered 400/);
  // A person without the role cannot file on behalf.
  assert.equal((await t.app.inject({ url: '/ro/t/barcelona/antenna/on-behalf', headers: actorHeader({ grants: [] }) })).statusCode, 403);
});

test('reading case content fails closed when no access logger is wired', async () => {
  const id = '00000000-0000-4000-8000-0000000000e6';
  const staff = await setUpHandlerKey(handler(barcelona, id));
  const person = new Browser(t.app);
  await sendReport(person, 'en', 'barcelona', await fillReport(person, 'en', 'barcelona', simpleAnswers('unlogged story')));
  const queue = await staff.get('/en/t/barcelona/antenna/cases?status=new');
  const reference = /\/antenna\/cases\/([A-Z0-9]{4}-[A-Z0-9]{4})"/.exec(queue.body)![1]!;
  configureAntenna({ accessLogger: null });
  try {
    const page = await staff.get(`/en/t/barcelona/antenna/cases/${reference}`);
    assert.equal(page.statusCode, 503);
    assert.ok(!page.body.includes('unlogged story'));
  } finally {
    configureAntenna({ accessLogger: { recordAccess: async (_db, entry) => void accessLog.push(entry) } });
  }
});
