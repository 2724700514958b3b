// Decidim accountability CSV: Decidim's own file reads; a plan's results go out and come back the same;
// a broken file is reported line by line and field by field, and nothing of it is imported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { cloneTestDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/auth/permissions.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { catalogueOf } from '../catalogue/catalogue.service.ts';
import { addAction, addGoal, createPlan, planDetail, saveMeasure, setActionDone, type Plan } from './plan.service.ts';
import { exportDecidim, importDecidim, readDecidim } from './decidim.csv.ts';
import '../../app.ts';

const sample = readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/decidim/accountability-results.csv'), 'utf8');
let database: Database;
let territoryId: string;
let departmentId: string;
let editor: Actor;
const locales = ['ca', 'en', 'es'] as const;
const statusName = (s: string, l: string) => `${s}@${l}`;

const newPlan = async (title: string, periodFrom = '2026-01-01', periodTo = '2030-12-31'): Promise<Plan> => {
  const made = await createPlan(database.db, editor, territoryId, { title, summary: '', kind: 'strategy', periodFrom, periodTo, approvedBy: 'board' });
  assert.ok(made.ok);
  return made.value;
};

before(async () => {
  database = await cloneTestDatabase('demo');
  territoryId = (await findTerritory(database.db, 'barcelona'))!.id;
  departmentId = (await catalogueOf(database.db, territoryId)).departments[0]!.id;
  editor = { personId: randomUUID(), displayName: 'Editor', locale: 'ca', twoFactorVerified: true, grants: [{ role: 'audit-coordinator', scope: { kind: 'territory', id: territoryId } }] };
});
after(async () => database.close());

test("Decidim's own file reads: results, their children, progress and dates", () => {
  const read = readDecidim(sample, { periodFrom: '2020-01-01', periodTo: '2020-12-31' });
  assert.ok(read.ok, JSON.stringify(read));
  assert.deepEqual(
    read.rows.map((r) => [r.id, r.parentId, r.progress]),
    [
      ['291', '', 25],
      ['290', '', 14],
      ['69', '', 46],
      ['37', '', 22],
      ['38', '37', 15],
      ['39', '37', 34],
    ],
  );
  assert.equal(read.rows[1]!.startDate, '2020-05-12');
  assert.equal(read.rows[3]!.title.en, 'Quis voluptas.test');
});

test('a round trip: export, import into another plan, export again gives the same results; importing twice updates', async () => {
  const source = await newPlan('Estratègia (origen)');
  const goal = await addGoal(database.db, editor, territoryId, source.id, { code: 'L1', title: 'Habitatge digne' });
  assert.ok(goal.ok);
  const measure = await saveMeasure(database.db, editor, territoryId, source.id, null, {
    goalId: goal.value.id,
    code: 'L1.1',
    title: 'Més pisos de lloguer social',
    description: 'Amb les entitats de la xarxa; "cometes"; i punt i coma',
    departmentId,
    owner: 'Habitatge',
    organisationIds: [],
    challengeIds: [],
    startsOn: '2026-02-01',
    deadline: '2027-06-30',
    status: 'in-progress',
    droppedReason: '',
    progress: '',
  });
  assert.ok(measure.ok);
  const a1 = await addAction(database.db, editor, territoryId, source.id, measure.value.id, 'Cens de pisos buits');
  await addAction(database.db, editor, territoryId, source.id, measure.value.id, 'Conveni amb les entitats');
  assert.ok(a1.ok);
  await setActionDone(database.db, editor, territoryId, source.id, a1.value.id, true);

  const first = await exportDecidim(database.db, editor, territoryId, source.slug, locales, statusName);
  assert.ok(first.ok);
  const rows = parse(first.value, { delimiter: ';', columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!).slice(0, 3), ['id', 'parent/id', 'title/ca']);
  const exportedMeasure = rows.find((r) => r['title/ca'] === 'Més pisos de lloguer social')!;
  assert.equal(exportedMeasure['parent/id'], 'L1');
  assert.equal(exportedMeasure.progress, '50.0');
  assert.equal(exportedMeasure['status/key'], 'in_progress');
  assert.equal(exportedMeasure.end_date, '2027-06-30');

  const target = await newPlan('Estratègia (destí)');
  const imported = await importDecidim(database.db, editor, territoryId, target.id, { text: first.value, departmentId });
  assert.deepEqual(imported.ok && imported.value, { goals: 1, measures: 1, actions: 2 });
  const second = await exportDecidim(database.db, editor, territoryId, target.slug, locales, statusName);
  assert.ok(second.ok);
  const strip = (text: string) =>
    (parse(text, { delimiter: ';', columns: true }) as Record<string, string>[]).map((r) => ({ ...r, id: r['parent/id'] && r['parent/id'] !== 'L1' ? '' : r.id, 'parent/id': r['parent/id'] && r['parent/id'] !== 'L1' ? 'measure' : r['parent/id'] }));
  assert.deepEqual(strip(second.value), strip(first.value));

  // The same file again updates what it created: nothing doubled.
  const twice = await importDecidim(database.db, editor, territoryId, target.id, { text: second.value, departmentId });
  assert.ok(twice.ok);
  const detail = await planDetail(database.db, editor, territoryId, target.slug);
  assert.ok(detail.ok);
  assert.equal(detail.value.goals.length, 1);
  assert.equal(detail.value.measures.length, 1);
  assert.equal(detail.value.measures[0]!.actions.length, 2);
});

test('a broken file: every problem by line and field, and nothing imported', async () => {
  const target = await newPlan('Pla (fitxer trencat)', '2020-01-01', '2020-12-31');
  const broken = sample
    .replace(';2020-05-12;2020-05-15;', ';2020-05-12;2031-05-15;')
    .replace(';46.33;', ';146.33;')
    .replace(/\n39;;"";"";"";;"";"";"";37;/, '\n39;;"";"";"";;"";"";"";99;');
  const result = await importDecidim(database.db, editor, territoryId, target.id, { text: broken, departmentId });
  assert.equal(result.ok, false);
  assert.deepEqual(result.problems, [
    { line: 3, field: 'end_date', problem: 'plans.decidim.errors.outsidePeriod' },
    { line: 4, field: 'progress', problem: 'plans.decidim.errors.progressRange' },
    { line: 7, field: 'parent/id', problem: 'plans.decidim.errors.parent' },
  ]);
  const detail = await planDetail(database.db, editor, territoryId, target.slug);
  assert.ok(detail.ok);
  assert.equal(detail.value.goals.length + detail.value.measures.length, 0);
  // The good file imports whole.
  const good = await importDecidim(database.db, editor, territoryId, target.id, { text: sample, departmentId });
  assert.deepEqual(good.ok && good.value, { goals: 4, measures: 2, actions: 0 });
});
