// The diagnosis through HTTP: facts arrive as events (generated here, as the audits and antenna
// contexts will publish them), a coordinator prepares, two board members approve, the public reads
// the map, charts and tables in Catalan and Arabic and downloads CSV, data package and PDF.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { createTestApp, actorHeader, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { publish } from '../../platform/events.ts';
import { generateFacts as generate, months2025 } from '../../../test/support/diagnosis-facts.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { seedCatalogues } from '../catalogue/catalogue.seed.ts';
import { seedTerritories } from '../territories/territory.seed.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import { setDiagnosisAccessLogger, type AccessEntry } from './access-log.ts';
import { generalise, smallestClass } from './k-anonymity.ts';
import { cacheSize } from './diagnosis.cache.ts';
import { recordAccess, searchAccessLog, verifyChain } from '../../platform/access-log/access-log.ts';

let t: TestApp;
let territoryId: string;
const accessLog: AccessEntry[] = [];

const person = (role: Role, name: string, id = randomUUID()) => ({
  personId: id,
  displayName: name,
  grants: [{ role, scope: { kind: 'territory' as const, id: territoryId } }],
});
let coordinator: ReturnType<typeof person>;
let board1: ReturnType<typeof person>;
let board2: ReturnType<typeof person>;
let board3: ReturnType<typeof person>;
let researcher: ReturnType<typeof person>;

const generateFacts = (count: number, months: string[]) => generate(t.database.db, territoryId, count, months);

before(async () => {
  // Territories and the service catalogue only: the facts come from this file, not from the audits demo.
  t = await createTestApp({ template: 'migrated', actAs: true, config: { rateLimitPerMinute: 10_000 } });
  const seed = { db: t.database.db, log: () => undefined };
  await seedTerritories(seed);
  await seedCatalogues(seed);
  territoryId = (await findTerritory(t.database.db, 'barcelona'))!.id;
  coordinator = person('audit-coordinator', 'Carme Coordinadora');
  board1 = person('board-member', 'Aisha Board');
  board2 = person('board-member', 'Bernat Board');
  board3 = person('board-member', 'Clara Board');
  researcher = person('researcher', 'Rita Researcher');
  setDiagnosisAccessLogger(null);
});
after(async () => {
  setDiagnosisAccessLogger(null);
  await t.close();
});

test('before any fact arrives, the pages say there is nothing to show yet', async () => {
  const index = await t.app.inject('/en/t/barcelona/diagnosis');
  assert.equal(index.statusCode, 200);
  assert.match(index.body, /No diagnosis has been published yet/);
  setDiagnosisAccessLogger({ recordAccess: async (_db, entry) => void accessLog.push(entry) });
  try {
    const staff = await t.app.inject({ url: '/en/t/barcelona/diagnosis/staff?from=2025-01&to=2025-12', headers: actorHeader(board1) });
    assert.equal(staff.statusCode, 200);
    assert.match(staff.body, /Nothing to show yet for these choices/);
  } finally {
    setDiagnosisAccessLogger(null);
  }
});

test('facts, paired tests and score cards arrive through the domain events', async () => {
  const db = t.database.db;
  const facts = await generateFacts(1200, months2025);
  await publish(db, 'diagnosis.facts.upsert', { facts });
  // An update of the same source id replaces, never duplicates.
  await publish(db, 'diagnosis.facts.upsert', { facts: facts.slice(0, 10) });
  const services = (await catalogueOf(db, territoryId)).departments.flatMap((d) => d.services);
  await publish(db, 'diagnosis.pairedTests.upsert', {
    summaries: [
      { campaignId: randomUUID(), territoryId, serviceId: services[0]!.id, ground: 'ethnic-origin', month: '2025-05', bothWell: 18, bothBadly: 4, minorityWorse: 11, majorityWorse: 2 },
      { campaignId: randomUUID(), territoryId, serviceId: services[1]!.id, ground: 'religion', month: '2025-06', bothWell: 5, bothBadly: 1, minorityWorse: 2, majorityWorse: 0 },
    ],
  });
  await publish(db, 'diagnosis.scoreCards.upsert', {
    gaps: [{ scoreCardId: randomUUID(), territoryId, serviceId: services[0]!.id, criterion: 'Explained in my language', month: '2025-04', userScore: 35, staffScore: 80 }],
  });
  const removed = facts.at(-1)!;
  await publish(db, 'diagnosis.facts.remove', { source: removed.source, sourceIds: [removed.sourceId] });
  const counted = (await db.execute(`SELECT count(*)::int AS n FROM diagnosis_fact WHERE territory_id = '${territoryId}'` as never)) as unknown as { rows: { n: number }[] };
  assert.equal(counted.rows[0]!.n, 1200 + 3 - 1);
});

test('live figures are not public: cut by any filter they could be subtracted from one another', async () => {
  // "explore" is not the number of a diagnosis: a bad request, with no figures.
  const page = await t.app.inject('/ca/t/barcelona/diagnosis/explore?rows=district&cols=source');
  assert.ok([400, 404].includes(page.statusCode));
  assert.doesNotMatch(page.body, /<table/);
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/diagnosis/explore')).statusCode, 404);
});

test('exact staff figures need the access log: refused without it, logged with it', async () => {
  const url = '/en/t/barcelona/diagnosis/staff?rows=district&cols=source&from=2025-01&to=2025-12';
  const anonymous = await t.app.inject(url);
  assert.equal(anonymous.statusCode, 303);
  const forbidden = await t.app.inject({ url, headers: actorHeader(researcher) });
  assert.equal(forbidden.statusCode, 403);
  const unwired = await t.app.inject({ url, headers: actorHeader(board1) });
  assert.equal(unwired.statusCode, 503);
  setDiagnosisAccessLogger({ recordAccess: async (_db, entry) => void accessLog.push(entry) });
  try {
    const page = await t.app.inject({ url, headers: actorHeader(board1) });
    assert.equal(page.statusCode, 200);
    assert.doesNotMatch(page.body, /&lt; 5/);
    assert.match(page.body, /exact numbers/);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.equal(accessLog.at(-1)!.actorId, board1.personId);
    assert.equal(accessLog.at(-1)!.action, 'diagnosis.staff.view');
    assert.equal(accessLog.at(-1)!.territoryId, territoryId);
    const bad = await t.app.inject({ url: '/ca/t/barcelona/diagnosis/staff?rows=nonsense&from=2025-13&service=drop-table', headers: actorHeader(board1) });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /error-summary/);
    const byNeighbourhood = await t.app.inject({ url: '/en/t/barcelona/diagnosis/staff?rows=neighbourhood&cols=dimension&from=2025-01&to=2025-12&granularity=month', headers: actorHeader(board1) });
    assert.equal(byNeighbourhood.statusCode, 200);
    assert.match(byNeighbourhood.body, /el Raval|la Barceloneta|el Gòtic/);
  } finally {
    setDiagnosisAccessLogger(null);
  }
});

let draftId: string;

test('a coordinator prepares a diagnosis; bad input keeps what was typed', async () => {
  const form = await t.app.inject({ url: '/ca/t/barcelona/diagnosis/drafts', headers: actorHeader(coordinator) });
  assert.equal(form.statusCode, 200);
  const { token, cookie } = csrfFrom(form);
  const headers = { ...actorHeader(coordinator), cookie };
  const invalid = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/diagnosis/drafts',
    headers,
    payload: { _csrf: token, title: 'Diagnosi 2025', analysis: '', from: '2025-13', to: '2025-12', granularity: 'quarter' },
  });
  assert.equal(invalid.statusCode, 400);
  assert.match(invalid.body, /Escriu l’anàlisi/);
  assert.match(invalid.body, /value="Diagnosi 2025"/);
  const board = await t.app.inject({ method: 'POST', url: '/ca/t/barcelona/diagnosis/drafts', headers: { ...actorHeader(board1), cookie }, payload: { _csrf: token, title: 'x', analysis: 'x', from: '2025-01', to: '2025-12', granularity: 'quarter' } });
  assert.equal(board.statusCode, 403);
  const ok = await t.app.inject({
    method: 'POST',
    url: '/ca/t/barcelona/diagnosis/drafts',
    headers,
    payload: { _csrf: token, title: 'Diagnosi 2025', analysis: 'Les barreres de llengua es repeteixen.\n\nCal intèrprets als serveis socials.', from: '2025-01', to: '2025-12', granularity: 'quarter' },
  });
  assert.equal(ok.statusCode, 303);
  draftId = /drafts\/([0-9a-f-]{36})$/.exec(String(ok.headers.location))![1]!;
});

test('board members comment and vote; the second approval publishes it, with its approvers', async () => {
  const url = `/en/t/barcelona/diagnosis/drafts/${draftId}`;
  const review = await t.app.inject({ url, headers: actorHeader(board1) });
  assert.equal(review.statusCode, 200);
  assert.match(review.body, /Diagnosi 2025/);
  assert.match(review.body, /<svg class="map__svg"/);
  const { token, cookie } = csrfFrom(review);
  const as = (who: ReturnType<typeof person>) => ({ ...actorHeader(who), cookie });
  const comment = await t.app.inject({ method: 'POST', url: `${url}/comments`, headers: as(board1), payload: { _csrf: token, body: 'Please add the paired tests to the analysis.' } });
  assert.equal(comment.statusCode, 303);
  const coordinatorVote = await t.app.inject({ method: 'POST', url: `${url}/votes`, headers: as(coordinator), payload: { _csrf: token, vote: 'approve' } });
  assert.equal(coordinatorVote.statusCode, 403);
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/votes`, headers: as(board3), payload: { _csrf: token, vote: 'reject' } })).statusCode, 303);
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/votes`, headers: as(board1), payload: { _csrf: token, vote: 'approve' } })).statusCode, 303);
  let index = await t.app.inject('/en/t/barcelona/diagnosis');
  assert.match(index.body, /No diagnosis has been published yet/, 'one approval against one rejection is not enough');
  assert.equal(index.headers['x-cache'], 'hit');
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/votes`, headers: as(board2), payload: { _csrf: token, vote: 'approve' } })).statusCode, 303);
  index = await t.app.inject('/en/t/barcelona/diagnosis');
  assert.equal(index.headers['x-cache'], 'miss', 'publication invalidates the cached pages');
  assert.equal((await searchAccessLog(t.database.db, { action: 'diagnosis.publish', recordId: draftId }, 'all', { limit: 5 })).length, 1, 'publishing is logged');
  assert.match(index.body, /Diagnosi 2025/);
  const after = await t.app.inject({ url, headers: actorHeader(board1) });
  assert.match(after.body, /Please add the paired tests/);
  assert.match(after.body, /See the published diagnosis number 1/);
  const late = await t.app.inject({ method: 'POST', url: `${url}/votes`, headers: as(board3), payload: { _csrf: token, vote: 'approve' } });
  assert.equal(late.statusCode, 400);
  // Comments closed with the vote: a late comment is refused with the reason, and the page says so.
  const lateComment = await t.app.inject({ method: 'POST', url: `${url}/comments`, headers: as(board3), payload: { _csrf: token, body: 'LATE-COMMENT' } });
  assert.equal(lateComment.statusCode, 400);
  assert.match(lateComment.body, /Comments are closed: the board's vote has ended/);
  const closed = await t.app.inject({ url, headers: actorHeader(board1) });
  assert.doesNotMatch(closed.body, /LATE-COMMENT/);
  assert.doesNotMatch(closed.body, /name="body"/, 'no comment form on a published diagnosis');
  assert.match(closed.body, /Comments closed when the board(&#39;|')s vote ended/);
});

test('the public page shows map, charts and tables with suppression, in Catalan and Arabic, from a cache', async () => {
  const ca = await t.app.inject('/ca/t/barcelona/diagnosis/1');
  assert.equal(ca.statusCode, 200);
  assert.equal(ca.headers['x-cache'], 'miss');
  assert.match(ca.body, /<html lang="ca" dir="ltr">/);
  assert.match(ca.body, /Aprovada per/);
  assert.match(ca.body, /Aisha Board, Bernat Board/);
  assert.equal((ca.body.match(/class="map__area"/g) ?? []).length, 10, 'ten focusable districts');
  assert.match(ca.body, /aria-label="Sant Andreu: amagat per protegir les persones"/);
  assert.match(ca.body, /id="services-chart"/);
  assert.match(ca.body, /id="grounds-chart"/);
  assert.match(ca.body, /id="trend-chart"/);
  assert.match(ca.body, /<caption>Troballes i casos a cada districte de Barcelona/);
  // Every hidden cell reads the same "x": which ones are small is not shown.
  assert.doesNotMatch(ca.body, /&lt; 5/);
  assert.match(ca.body, />x</);
  assert.match(ca.body, /Estructural/);
  assert.match(ca.body, /Menys de 20/, 'the paired test with 8 pairs has no rate');
  assert.match(ca.body, /<script type="module" src="\/assets\/js\/diagnosis\.js\?v=/);
  assert.doesNotMatch(ca.body, /\sstyle="/);
  const again = await t.app.inject('/ca/t/barcelona/diagnosis/1');
  assert.equal(again.headers['x-cache'], 'hit');
  assert.equal(again.body, ca.body);
  const compressed = await t.app.inject({ url: '/ca/t/barcelona/diagnosis/1', headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(compressed.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(compressed.rawPayload).toString(), ca.body);
  assert.ok(compressed.rawPayload.length < 50_000, `compressed page is ${compressed.rawPayload.length} bytes`);
  const ar = await t.app.inject('/ar/t/barcelona/diagnosis/1?measure=rate');
  assert.equal(ar.statusCode, 200);
  assert.match(ar.body, /<html lang="ar" dir="rtl">/);
  assert.match(ar.body, /وافق عليه/);
  assert.match(ar.body, /لكل 10,000 شخص|لكل 10٬000 شخص/);
  assert.ok(cacheSize() >= 2);
  const signedIn = await t.app.inject({ url: '/ca/t/barcelona/diagnosis/1', headers: actorHeader(board1) });
  assert.equal(signedIn.headers['x-cache'], 'miss', 'signed-in readers are never served a shared copy');
});

test('open data: CSV with suppression, JSON, and a Frictionless data package describing each resource', async () => {
  const csv = await t.app.inject('/api/v1/territories/barcelona/diagnoses/1/figures.csv');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  const lines = csv.body.trim().split('\r\n');
  assert.equal(lines[0], 'table,row,column,value');
  assert.ok(lines.some((l) => l.endsWith(',x')), 'hidden counts are "x"');
  assert.ok(!lines.some((l) => l.includes('< 5')), 'which hidden counts are small is not published');
  for (const line of lines.slice(1)) {
    const value = line.split(',').at(-1)!;
    assert.ok(value === 'x' || Number(value) >= 5 || Number(value) === 0, `no count from 1 to 4 is published: ${line}`);
  }
  const pkg = await t.app.inject('/api/v1/territories/barcelona/diagnoses/1/datapackage.json');
  assert.equal(pkg.statusCode, 200);
  const descriptor = pkg.json();
  assert.equal(descriptor.profile, 'tabular-data-package');
  for (const resource of descriptor.resources) {
    const file = await t.app.inject(`/api/v1/territories/barcelona/diagnoses/1/${resource.path}`);
    assert.equal(file.statusCode, 200, resource.path);
    const header = file.body.split('\r\n')[0]!.split(',');
    assert.deepEqual(header, resource.schema.fields.map((f: { name: string }) => f.name), `${resource.name} header matches its schema`);
    assert.deepEqual(resource.schema.missingValues, ['', '< 5', 'x']);
  }
  const json = await t.app.inject('/api/v1/territories/barcelona/diagnoses/1');
  assert.equal(json.json().approvers.length, 2);
  assert.equal(json.json().figures.exact, false);
  assert.equal((await t.app.inject('/api/v1/territories/barcelona/diagnoses/9')).statusCode, 404);
});

test('a published diagnosis never changes: later facts and later versions leave it as it was', async () => {
  const before = (await t.app.inject('/api/v1/territories/barcelona/diagnoses/1')).body;
  await publish(t.database.db, 'diagnosis.facts.upsert', { facts: await generateFacts(50, ['2025-03']) });
  const after = (await t.app.inject('/api/v1/territories/barcelona/diagnoses/1')).body;
  assert.equal(after, before);
  await assert.rejects(t.database.db.execute(`UPDATE diagnosis SET title = 'changed' WHERE number = 1` as never));
});

test('the PDF is rendered by Chromium from the same page, in Arabic too, and kept', async () => {
  const pdf = await t.app.inject('/ar/t/barcelona/diagnosis/1/pdf');
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.ok(pdf.rawPayload.length > 10_000);
  const again = await t.app.inject('/ar/t/barcelona/diagnosis/1/pdf');
  assert.ok(again.rawPayload.equals(pdf.rawPayload), 'the stored PDF is served again');
});

test('research extracts: researchers only, access-logged, watermarked, k-anonymous', async () => {
  const page = await t.app.inject({ url: '/en/t/barcelona/diagnosis/research', headers: actorHeader(researcher) });
  assert.equal(page.statusCode, 200);
  const { token, cookie } = csrfFrom(page);
  const post = (who: ReturnType<typeof person>, reason: string) =>
    t.app.inject({ method: 'POST', url: '/en/t/barcelona/diagnosis/research', headers: { ...actorHeader(who), cookie }, payload: { _csrf: token, reason } });
  assert.equal((await post(board1, 'A study of language barriers')).statusCode, 403);
  assert.equal((await post(researcher, 'A study of language barriers')).statusCode, 503, 'no extract without the access log');
  setDiagnosisAccessLogger({ recordAccess: async (_db, entry) => void accessLog.push(entry) });
  try {
    const short = await post(researcher, 'why');
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /at least 10 characters/);
    const extract = await post(researcher, 'A study of language barriers');
    assert.equal(extract.statusCode, 200);
    assert.match(String(extract.headers['content-disposition']), /attachment/);
    const [watermark, header, ...rows] = extract.body.trim().split('\n');
    assert.match(watermark!, new RegExp(`^# Coproduce research extract [0-9a-f-]{36} for Rita Researcher \\(${researcher.personId}\\) at .*fingerprint [0-9a-f]{32}$`));
    // The released columns: the base ones always, source/dimension/severity only where k still holds with them; the page said so.
    const columns = header!.split(',');
    assert.deepEqual(columns, String(extract.headers['x-extract-columns']).split(','));
    for (const c of ['row', 'service', 'ground', 'district', 'neighbourhood', 'period', 'generalisation', 'mark']) assert.ok(columns.includes(c), c);
    assert.match(page.body, /Columns in your file/);
    for (const c of columns) assert.ok(page.body.includes(`<li>${{ row: 'Row number', source: 'Source', service: 'Service', ground: 'Ground', district: 'District', neighbourhood: 'Neighbourhood', period: 'Month or quarter', generalisation: 'How much', dimension: 'Aspect', severity: 'Severity', mark: 'Mark' }[c]}`), `the page lists ${c}`);
    assert.ok(rows.length > 1000);
    const entry = accessLog.at(-1)!;
    assert.equal(entry.action, 'diagnosis.extract.download');
    assert.equal(entry.actorId, researcher.personId);
    assert.equal(entry.reason, `A study of language barriers [columns: ${columns.join(', ')}]`);
    // The attacker's count: every combination of every released column but the row number and the mark has ≥ 5 rows.
    const classes = new Map<string, number>();
    const described = columns.map((c, i) => [c, i] as const).filter(([c]) => c !== 'row' && c !== 'mark');
    for (const r of rows) {
      const f = r.split(',');
      const key = described.map(([, i]) => f[i]).join('|');
      classes.set(key, (classes.get(key) ?? 0) + 1);
    }
    assert.ok(Math.min(...classes.values()) >= 5, 'every combination of released columns appears at least 5 times');
    assert.ok(rows.some((r) => r.split(',')[columns.indexOf('generalisation')] !== '0'), 'some rows were generalised');
    const marks = new Set(rows.map((r) => r.split(',').at(-1)));
    assert.equal(marks.size, rows.length, 'each row carries its own mark');
  } finally {
    setDiagnosisAccessLogger(null);
  }
});

test('the SQL generalisation agrees with the pure one', async () => {
  const db = t.database.db;
  const result = (await db.execute(
    `SELECT service_id::text AS service, array_to_string(grounds, '+') AS ground, district_id::text AS district, neighbourhood_id::text AS neighbourhood, to_char(month, 'YYYY-MM') AS month FROM diagnosis_fact WHERE territory_id = '${territoryId}'` as never,
  )) as unknown as { rows: { service: string | null; ground: string; district: string | null; neighbourhood: string | null; month: string }[] };
  const pure = generalise(result.rows, 5);
  assert.ok(smallestClass(pure) >= 5);
  const { extractQuery } = await import('./diagnosis.extract.ts');
  const sqlRows = ((await db.execute(extractQuery(territoryId, 5, []))) as unknown as { rows: { level: number }[] }).rows;
  assert.equal(sqlRows.length, pure.filter(Boolean).length);
  const levels = (xs: number[]) => [0, 1, 2, 3].map((l) => xs.filter((x) => x === l).length);
  assert.deepEqual(levels(sqlRows.map((r) => Number(r.level))), levels(pure.filter((r) => r !== null).map((r) => r!.level)));
});

test('wired to the platform’s hash-chained access log, exact figures and extracts leave an entry there', async () => {
  setDiagnosisAccessLogger({ recordAccess });
  try {
    const staff = await t.app.inject({ url: '/en/t/barcelona/diagnosis/staff?rows=service&cols=source&from=2025-01&to=2025-12', headers: actorHeader(board2) });
    assert.equal(staff.statusCode, 200);
    const page = await t.app.inject({ url: '/en/t/barcelona/diagnosis/research', headers: actorHeader(researcher) });
    const { token, cookie } = csrfFrom(page);
    const extract = await t.app.inject({
      method: 'POST',
      url: '/en/t/barcelona/diagnosis/research',
      headers: { ...actorHeader(researcher), cookie },
      payload: { _csrf: token, reason: 'Thesis on access to social services' },
    });
    assert.equal(extract.statusCode, 200);
    const logged = (await t.database.db.execute(`SELECT actor_id, action, record_type, reason FROM access_log ORDER BY seq DESC LIMIT 2` as never)) as unknown as {
      rows: { actor_id: string; action: string; record_type: string; reason: string }[];
    };
    assert.deepEqual(
      logged.rows.map((r) => [r.actor_id, r.action, r.record_type]),
      [
        [researcher.personId, 'diagnosis.extract.download', 'diagnosis-extract'],
        [board2.personId, 'diagnosis.staff.view', 'diagnosis-figures'],
      ],
    );
    assert.equal(logged.rows[0]!.reason, `Thesis on access to social services [columns: ${String(extract.headers['x-extract-columns']).split(',').join(', ')}]`);
    assert.equal((await verifyChain(t.database.db)).ok, true);
  } finally {
    setDiagnosisAccessLogger(null);
  }
});
