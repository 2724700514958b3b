// The attacker against what the demo publishes: a diagnosis of the demo's facts is prepared and
// approved, its open data (CSV and JSON through the API) is read back as a reader gets it, and the
// attacker's integer programme bounds every hidden cell. Then a second diagnosis over an overlapping
// period is published and both are attacked together: no hidden small count of either is recovered.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { findTerritory, type Territory } from '../territories/territory.service.ts';
import type { Role } from '../../platform/auth/permissions.ts';
import { alignedPeriod, listPublished, prepareDiagnosis, voteOn } from './diagnosis.service.ts';
import { queryUnits, releasedTablesOf, type DiagnosisSnapshot } from './diagnosis.figures.ts';
import { researchExtract } from './diagnosis.extract.ts';
import type { AccessEntry } from './access-log.ts';
import { cellIds, releaseSystem, type EarlierTable } from './release.ts';
import { audit } from './attacker.ts';
import type { PublishedTable } from './suppression.ts';

let t: TestApp;
let territory: Territory;
const person = (role: Role, name: string) => ({ personId: randomUUID(), displayName: name, locale: 'en' as const, twoFactorVerified: false, grants: [{ role, scope: { kind: 'territory' as const, id: territory.id } }] });

before(async () => {
  t = await createTestApp({ template: 'demo' });
  territory = (await findTerritory(t.database.db, 'barcelona'))!;
});
after(async () => t.close());

/** Publishes a diagnosis, or answers null when the audit refuses it because it could not be protected together with earlier publications. */
async function publishDiagnosis(from: string, to: string): Promise<number | null> {
  const coordinator = person('audit-coordinator', 'Carme Coordinadora');
  const prepared = await prepareDiagnosis(t.database.db, coordinator, territory, { title: `Diagnosis ${from} to ${to}`, analysis: 'What the figures show.', from, to, granularity: 'month' });
  if (!prepared.ok && prepared.error === 'invalid' && prepared.fields?.from === 'diagnosis.prepare.errors.disclosure') return null;
  assert.ok(prepared.ok, JSON.stringify(prepared));
  let number: number | null = null;
  for (const name of ['Aisha Board', 'Bernat Board']) {
    const vote = await voteOn(t.database.db, person('board-member', name), territory.id, prepared.value.id, 'approve');
    assert.ok(vote.ok);
    number = vote.value.number;
  }
  assert.ok(number);
  return number;
}

/** What a reader downloads: the JSON figures, and the CSVs checked against them cell by cell. */
async function download(number: number): Promise<DiagnosisSnapshot> {
  const base = `/api/v1/territories/barcelona/diagnoses/${number}`;
  const json = await t.app.inject(base);
  assert.equal(json.statusCode, 200);
  const figures = (json.json() as { figures: DiagnosisSnapshot }).figures;
  const csv = async (name: string) => {
    const res = await t.app.inject(`${base}/data/${name}.csv`);
    assert.equal(res.statusCode, 200);
    return parse(res.body, { columns: true }) as Record<string, string>[];
  };
  const read = (cell: { value: number | null }) => (cell.value === null ? 'x' : String(cell.value));
  const lines = (table: PublishedTable) => [...table.rows.map((_, i) => [...table.cells[i]!.map(read), read(table.rowTotals[i]!)]), [...table.colTotals.map(read), read(table.total)]];
  const counts = (rows: Record<string, string>[]) => rows.map((r) => [r.findings, r.cases, r.total]);
  assert.deepEqual(counts(await csv('districts')), lines(figures.tables.byDistrict));
  assert.deepEqual(counts(await csv('services')), lines(figures.tables.byService));
  assert.deepEqual(counts(await csv('periods')), lines(figures.tables.byPeriod));
  const mentions = (await csv('service_grounds')).map((r) => r.mentions);
  const g = figures.tables.serviceByGround;
  assert.deepEqual(mentions, [...g.rows.flatMap((_, i) => [...g.cells[i]!.map(read), read(g.rowTotals[i]!)]), ...g.colTotals.map(read), read(g.total)]);
  // The tables by district × period and service × district, as their CSVs give them.
  const flat = (table: PublishedTable) => [...table.rows.flatMap((_, i) => [...table.cells[i]!.map(read), read(table.rowTotals[i]!)]), ...table.colTotals.map(read), read(table.total)];
  assert.deepEqual((await csv('district_periods')).map((r) => r.count), flat(figures.tables.districtByPeriod!));
  assert.deepEqual((await csv('service_districts')).map((r) => r.count), flat(figures.tables.serviceByDistrict!));
  // Nothing published says which hidden cells are the small ones.
  assert.doesNotMatch(JSON.stringify(figures.tables), /primary|complementary/);
  assert.doesNotMatch((await t.app.inject(`${base}/data/districts.csv`)).body, /< ?5/);
  return figures;
}

/** The attacker with every published table of the territory, read from the API's JSON (the pattern a reader gets), and the true units. */
async function attackAll() {
  const list = (await t.app.inject('/api/v1/territories/barcelona/diagnoses')).json() as { diagnoses: { number: number }[] };
  const published: EarlierTable[] = [];
  for (const d of list.diagnoses) {
    const json = await t.app.inject(`/api/v1/territories/barcelona/diagnoses/${d.number}`);
    published.push(...releasedTablesOf((json.json() as { figures: DiagnosisSnapshot }).figures));
  }
  const ranges = published.map((p) => p.range);
  const units = await queryUnits(t.database.db, territory.id, { from: Math.min(...ranges.map((r) => r.from)), to: Math.max(...ranges.map((r) => r.to)) });
  const system = releaseSystem(published, units);
  const shown = new Map<string, boolean>();
  for (const table of published) {
    const ids = releaseIds(table);
    ids.forEach(([id, cell]) => shown.set(id, (shown.get(id) ?? false) || cell.value !== null));
    // Every shown number is the true one: the reader's equations are the system's.
    ids.forEach(([id, cell]) => cell.value !== null && assert.equal(cell.value, system.values.get(id), id));
  }
  const hiddenSmall = [...shown].filter(([id, s]) => !s && system.values.get(id)! > 0 && system.values.get(id)! < 5).map(([id]) => id);
  const result = audit({ values: system.values, constraints: system.constraints, shown: (id) => shown.get(id) === true }, hiddenSmall, () => 5);
  return { result, hiddenSmall, published };
}

function releaseIds(table: EarlierTable): [string, { value: number | null }][] {
  const ids = cellIds(table);
  const p = table.published;
  return [
    ...ids.cells.flatMap((row, i) => row.map((id, j) => [id, p.cells[i]![j]!] as [string, { value: number | null }])),
    ...ids.rowTotals.map((id, i) => [id, p.rowTotals[i]!] as [string, { value: number | null }]),
    ...ids.colTotals.map((id, j) => [id, p.colTotals[j]!] as [string, { value: number | null }]),
    [ids.total, p.total],
  ];
}

test("the demo's published diagnosis: CSV and JSON agree, and no hidden cell is narrower than the protection level", async () => {
  // The demo publishes one (the diagnosis the Local Action Plan answers); without it, publish one here.
  const demo = await listPublished(t.database.db, territory.id);
  const number = demo[0]?.number ?? (await publishDiagnosis('2025-02', '2026-01'));
  assert.ok(number, 'a published diagnosis to attack');
  const figures = await download(number);
  assert.equal(figures.audit?.ok, true);
  const { result, hiddenSmall } = await attackAll();
  assert.ok(hiddenSmall.length > 0, 'the demo has small counts to protect');
  assert.equal(result.length, hiddenSmall.length);
  for (const cell of result) assert.ok(cell.upper - cell.lower >= 5, `${cell.id} = ${cell.value} is bounded to ${cell.lower}–${cell.upper}`);
  // The public page shows the same figures, hidden cells as "x".
  const page = await t.app.inject(`/en/t/barcelona/diagnosis/${number}`);
  assert.equal(page.statusCode, 200);
  assert.doesNotMatch(page.body, /&lt; ?5</);
});

test('a second diagnosis over an overlapping period: subtracting one from the other recovers no hidden small count', async () => {
  const before = (await listPublished(t.database.db, territory.id)).length;
  const second = (await publishDiagnosis('2025-03', '2026-01')) ?? (await publishDiagnosis('2025-02', '2026-01'));
  if (second === null) {
    // Refused: no table of the territory could be published without letting an earlier one be undone.
    assert.equal((await listPublished(t.database.db, territory.id)).length, before, 'a refused diagnosis is not published');
    return;
  }
  const figures = await download(second);
  assert.equal(figures.audit?.ok, true);
  const { result, published } = await attackAll();
  assert.equal(published.length, 7 * (before + 1), 'every publication is in the audit');
  assert.ok(result.length > 0);
  for (const cell of result) assert.ok(cell.upper - cell.lower >= 5, `${cell.id} = ${cell.value} is bounded to ${cell.lower}–${cell.upper}`);
});

test("the demo's research extract: every combination of its released columns has at least 5 rows", async () => {
  const entries: AccessEntry[] = [];
  const researcher = { ...person('researcher', 'Rita Researcher'), twoFactorVerified: true };
  const extract = await researchExtract(t.database.db, researcher, { recordAccess: async (_db, entry) => void entries.push(entry) }, territory, 'Attacking the extract in a test');
  assert.ok(extract.ok);
  let body = '';
  for await (const chunk of extract.value.stream) body += String(chunk);
  const [columns, ...lines] = parse(body, { comment: '#' }) as string[][];
  assert.deepEqual(columns, extract.value.columns);
  assert.ok(lines.length > 100, 'the demo has facts to extract');
  const described = columns!.map((c, i) => [c, i] as const).filter(([c]) => c !== 'row' && c !== 'mark');
  const classes = new Map<string, number>();
  for (const line of lines) {
    const key = JSON.stringify(described.map(([, i]) => line[i]));
    classes.set(key, (classes.get(key) ?? 0) + 1);
  }
  const smallest = Math.min(...classes.values());
  assert.ok(smallest >= 5, `the rarest combination of ${described.map(([c]) => c).join(', ')} has ${smallest} rows`);
  assert.match(entries.at(-1)!.reason ?? '', new RegExp(`\\[columns: ${columns!.join(', ')}\\]`), 'the access log names the released columns');
});

test('a period that cuts an earlier publication part-way is offered the period aligned with the earlier ones, and that one passes the audit', async () => {
  const published = await listPublished(t.database.db, territory.id);
  assert.ok(published.length > 0);
  const first = published.at(-1)!;
  const start = first.periodFrom.slice(0, 7);
  const end = first.periodTo.slice(0, 7);
  // One month in from the start of the earliest publication: the months between are a difference.
  const [y, m] = start.split('-').map(Number) as [number, number];
  const cutting = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}`;
  const aligned = await alignedPeriod(t.database.db, territory, { from: cutting, to: end, granularity: 'month' });
  assert.ok(aligned, 'an aligned period is offered');
  const grid = new Set(published.flatMap((p) => [p.periodFrom.slice(0, 7), p.periodTo.slice(0, 7)]));
  assert.ok(grid.has(aligned.from) || aligned.from > end, `${aligned.from} starts on an earlier publication's boundary or after them`);
  const prepared = await prepareDiagnosis(t.database.db, person('audit-coordinator', 'Carme Coordinadora'), territory, { title: 'Aligned', analysis: 'Aligned with the series.', ...aligned, granularity: 'month' });
  assert.ok(prepared.ok, 'the aligned period passes the audit');
});
