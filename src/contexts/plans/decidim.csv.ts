// A plan's results in Decidim's accountability CSV (`;`-separated, nested keys flattened with `/`, one
// column per locale): goals are top-level results, measures their children, actions the grandchildren.
// Import checks every row first and writes all of a good file in one transaction, or none of a broken one.
import { parse } from 'csv-parse/sync';
import { writeCsv } from '../../platform/csv/csv.ts';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { recordAccess } from '../../platform/access-log/access-log.ts';
import { planAction, planGoal, planMeasure, type MeasureStatus, type Translated } from './plans.schema.ts';
import { findPlanById, measureOptions, planDetail } from './plan.service.ts';
import { inPeriod, isDate } from './plan.rules.ts';

/** Decidim status keys ↔ measure statuses (Decidim lets each component name its own; these are ours). */
const statusKeys: Record<MeasureStatus, string> = { planned: 'planned', 'in-progress': 'in_progress', done: 'done', dropped: 'dropped' };
const statusOfKey = new Map(Object.entries(statusKeys).map(([s, key]) => [key, s as MeasureStatus]));

export function decidimHeader(locales: readonly string[]): string[] {
  return [
    'id',
    'parent/id',
    ...locales.map((l) => `title/${l}`),
    ...locales.map((l) => `description/${l}`),
    'start_date',
    'end_date',
    'status/key',
    ...locales.map((l) => `status/name/${l}`),
    'progress',
  ];
}

export async function exportDecidim(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  slug: string,
  locales: readonly string[],
  statusName: (status: MeasureStatus, locale: string) => string,
): Promise<Outcome<string, 'not-found'>> {
  const detail = await planDetail(db, actor, territoryId, slug);
  if (!detail.ok) return detail;
  const { goals, measures } = detail.value;
  const texts = (t: Translated) => locales.map((l) => t[l] ?? '');
  const rows: (string | number)[][] = [decidimHeader(locales)];
  for (const goal of goals) {
    const own = measures.filter((m) => m.goalId === goal.id && m.percent !== null);
    const progress = own.length ? Math.round((own.reduce((a, m) => a + m.percent!, 0) / own.length) * 100) / 100 : 0;
    rows.push([goal.code, '', ...texts(goal.title), ...locales.map(() => ''), '', '', '', ...locales.map(() => ''), progress.toFixed(1)]);
  }
  for (const m of measures) {
    const goal = goals.find((g) => g.id === m.goalId)!;
    const id = m.externalId ?? m.id;
    rows.push([id, goal.code, ...texts(m.title), ...texts(m.description), m.startsOn ?? '', m.deadline, statusKeys[m.status], ...locales.map((l) => statusName(m.status, l)), (m.percent ?? 0).toFixed(1)]);
    for (const a of m.actions) {
      rows.push([a.id, id, ...texts(a.title), ...locales.map(() => ''), '', '', a.done ? 'done' : 'planned', ...locales.map((l) => statusName(a.done ? 'done' : 'planned', l)), a.done ? '100.0' : '0.0']);
    }
  }
  return { ok: true, value: writeCsv(rows, { delimiter: ';', lineEnd: 'unix' }) };
}

export interface ImportProblem {
  /** Line of the file, counting the header as 1 (Decidim counts rows from 2). */
  line: number;
  field: string;
  /** Translation key. */
  problem: string;
}

interface ParsedRow {
  line: number;
  id: string;
  parentId: string;
  title: Translated;
  description: Translated;
  startDate: string;
  endDate: string;
  status: MeasureStatus | null;
  progress: number | null;
}

/** Reads and checks a file against a plan's period. Pure: nothing is written. */
export function readDecidim(text: string, period: { periodFrom: string; periodTo: string }): { ok: true; rows: ParsedRow[] } | { ok: false; problems: ImportProblem[] } {
  let records: Record<string, string>[];
  try {
    records = parse(text, { delimiter: ';', columns: true, bom: true, skip_empty_lines: true, relax_column_count: false, trim: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, field: '', problem: 'plans.decidim.errors.format' }] };
  }
  const header: string[] = records.length ? Object.keys(records[0]!) : ((parse(text, { delimiter: ';', bom: true, to_line: 1 }) as string[][])[0] ?? []);
  const problems: ImportProblem[] = [];
  if (!header.includes('id')) problems.push({ line: 1, field: 'id', problem: 'plans.decidim.errors.column' });
  if (!header.some((h) => h.startsWith('title/'))) problems.push({ line: 1, field: 'title', problem: 'plans.decidim.errors.column' });
  if (problems.length) return { ok: false, problems };
  const locales = header.filter((h) => /^title\/[a-z]{2}$/.test(h)).map((h) => h.slice(6));
  const rows: ParsedRow[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const id = (r.id ?? '').trim();
    if (!id) problems.push({ line, field: 'id', problem: 'plans.decidim.errors.id' });
    else if (seen.has(id)) problems.push({ line, field: 'id', problem: 'plans.decidim.errors.duplicate' });
    seen.add(id);
    const title: Translated = {};
    const description: Translated = {};
    for (const l of locales) {
      const t = (r[`title/${l}`] ?? '').trim();
      if (t) title[l] = t.slice(0, 500);
      const d = (r[`description/${l}`] ?? '').trim();
      if (d) description[l] = d.slice(0, 10000);
    }
    if (Object.keys(title).length === 0) problems.push({ line, field: `title/${locales[0]}`, problem: 'plans.decidim.errors.title' });
    const startDate = (r.start_date ?? '').trim();
    const endDate = (r.end_date ?? '').trim();
    for (const [field, value] of [
      ['start_date', startDate],
      ['end_date', endDate],
    ] as const) {
      if (!value) continue;
      if (!isDate(value)) problems.push({ line, field, problem: 'plans.decidim.errors.date' });
      else if (!inPeriod(value, period)) problems.push({ line, field, problem: 'plans.decidim.errors.outsidePeriod' });
    }
    if (startDate && endDate && isDate(startDate) && isDate(endDate) && startDate > endDate) problems.push({ line, field: 'start_date', problem: 'plans.decidim.errors.order' });
    const rawProgress = (r.progress ?? '').trim();
    let progress: number | null = null;
    if (rawProgress) {
      const n = Number(rawProgress.replace(',', '.'));
      if (!/^-?\d+([.,]\d+)?$/.test(rawProgress) || Number.isNaN(n)) problems.push({ line, field: 'progress', problem: 'plans.decidim.errors.progressNumber' });
      else if (n < 0 || n > 100) problems.push({ line, field: 'progress', problem: 'plans.decidim.errors.progressRange' });
      else progress = Math.round(n);
    }
    const key = (r['status/key'] ?? '').trim();
    rows.push({ line, id, parentId: (r['parent/id'] ?? '').trim(), title, description, startDate, endDate, status: statusOfKey.get(key) ?? null, progress });
  });
  // Depth: results (goals) → children (measures) → grandchildren (actions); deeper is not a plan.
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) {
    if (!r.parentId) continue;
    const parent = byId.get(r.parentId);
    if (!parent) problems.push({ line: r.line, field: 'parent/id', problem: 'plans.decidim.errors.parent' });
    else if (parent.parentId && byId.get(parent.parentId)?.parentId) problems.push({ line: r.line, field: 'parent/id', problem: 'plans.decidim.errors.depth' });
    else if (parent.parentId && !byId.has(parent.parentId)) problems.push({ line: r.line, field: 'parent/id', problem: 'plans.decidim.errors.parent' });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, rows };
}

/** A status from Decidim's own keys when they are ours, otherwise from the progress. */
function statusOf(row: ParsedRow): MeasureStatus {
  if (row.status) return row.status;
  if ((row.progress ?? 0) >= 100) return 'done';
  return (row.progress ?? 0) > 0 ? 'in-progress' : 'planned';
}

export async function importDecidim(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  planId: string,
  input: { text: string; departmentId: string },
): Promise<Outcome<{ goals: number; measures: number; actions: number }, 'not-found' | 'in-review' | 'invalid'> & { problems?: ImportProblem[] }> {
  const permission = requirePermission(actor, 'plans.plan.edit', { territoryId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const target = await findPlanById(db, territoryId, planId);
  if (!target) return { ok: false, error: 'not-found' };
  if (target.status === 'review') return { ok: false, error: 'in-review', fields: { file: 'plans.plan.errors.inReview' } };
  const options = await measureOptions(db, territoryId);
  if (!options.departments.some((d) => d.id === input.departmentId)) return { ok: false, error: 'invalid', fields: { departmentId: 'plans.measure.errors.responsible' } };
  if (!input.text.trim()) return { ok: false, error: 'invalid', fields: { file: 'plans.decidim.errors.empty' } };
  const read = readDecidim(input.text, target);
  if (!read.ok) return { ok: false, error: 'invalid', fields: { file: 'plans.decidim.errors.problems' }, problems: read.problems };
  const rows = read.rows;
  const depthOf = (r: ParsedRow) => (!r.parentId ? 0 : rows.find((p) => p.id === r.parentId)!.parentId ? 2 : 1);
  return db.transaction(async (tx) => {
    const counts = { goals: 0, measures: 0, actions: 0 };
    const goalIds = new Map<string, string>();
    const measureIds = new Map<string, string>();
    const existingGoals = await tx.select().from(planGoal).where(eq(planGoal.planId, planId));
    const existingMeasures = await tx.select().from(planMeasure).where(eq(planMeasure.planId, planId));
    for (const r of rows.filter((x) => depthOf(x) === 0)) {
      const found = existingGoals.find((g) => g.code === r.id);
      const [goal] = found
        ? await tx.update(planGoal).set({ title: { ...found.title, ...r.title } }).where(eq(planGoal.id, found.id)).returning()
        : await tx.insert(planGoal).values({ planId, code: r.id.slice(0, 20), title: r.title, position: existingGoals.length + counts.goals }).returning();
      goalIds.set(r.id, goal!.id);
      counts.goals++;
    }
    for (const r of rows.filter((x) => depthOf(x) === 1)) {
      const found = existingMeasures.find((m) => m.externalId === r.id || m.id === r.id);
      const values = {
        goalId: goalIds.get(r.parentId)!,
        code: r.id.slice(0, 40),
        title: { ...(found?.title ?? {}), ...r.title },
        description: { ...(found?.description ?? {}), ...r.description },
        startsOn: r.startDate || null,
        deadline: r.endDate || target.periodTo,
        status: statusOf(r),
        droppedReason: statusOf(r) === 'dropped' ? (found?.droppedReason ?? 'Decidim') : null,
        // A result's progress is kept by hand unless it is derived from its children in the file.
        progress: rows.some((c) => c.parentId === r.id) ? null : r.progress,
        externalId: r.id,
      };
      const [measure] = found
        ? await tx.update(planMeasure).set(values).where(eq(planMeasure.id, found.id)).returning()
        : await tx.insert(planMeasure).values({ planId, departmentId: input.departmentId, position: existingMeasures.length + counts.measures, ...values }).returning();
      measureIds.set(r.id, measure!.id);
      counts.measures++;
    }
    for (const r of rows.filter((x) => depthOf(x) === 2)) {
      const measureId = measureIds.get(r.parentId)!;
      const done = statusOf(r) === 'done';
      const [found] = /^[0-9a-f-]{36}$/.test(r.id) ? await tx.select().from(planAction).where(and(eq(planAction.id, r.id), eq(planAction.measureId, measureId))) : [];
      if (found) await tx.update(planAction).set({ title: { ...found.title, ...r.title }, done }).where(eq(planAction.id, found.id));
      else await tx.insert(planAction).values({ measureId, title: r.title, done, position: counts.actions });
      counts.actions++;
    }
    await recordAccess(tx as unknown as Db, { actorId: actor!.personId, action: 'plans.decidim.import', recordType: 'plan', recordId: planId, territoryId, reason: JSON.stringify(counts) });
    return { ok: true as const, value: counts };
  });
}
