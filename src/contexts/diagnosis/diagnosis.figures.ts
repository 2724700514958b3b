// The figures of a diagnosis: aggregates of the fact tables for a territory and period, protected
// by suppression (public) or exact (staff), as one self-contained snapshot a page renders from.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { listAreaSummaries } from '../territories/territory.service.ts';
import { catalogueOf, facilitiesOf } from '../catalogue/catalogue.service.ts';
import type { Translations } from '../../platform/i18n/translations.ts';
import { exactTable, type CountTable, type DisclosureSettings, type PublishedTable } from './suppression.ts';
import { protectRelease, type EarlierTable, type Range, type ReleasedTable, type UnitCounts } from './release.ts';
import { scoreGap } from '../audits/audits.service.ts';
import { minimumReliablePairs, summarisePairs, validTestsRate, type PairCounts } from '../audits/audits.service.ts';
import { bucketOf, monthAt as monthOf, monthIndex } from '../../platform/periods.ts';

export const k = 5;
export const granularities = ['month', 'quarter', 'year'] as const;
export type Granularity = (typeof granularities)[number];
export const sources = ['finding', 'case'] as const;
/** Row or column key for facts that do not say (no service, no district…). */
export const notStated = 'none';

export interface Period {
  /** 'YYYY-MM', inclusive. */
  from: string;
  to: string;
  granularity: Granularity;
}

export interface NameEntry {
  name: string;
  nameTranslations: Translations;
}

export interface SnapshotArea {
  id: string;
  code: string;
  name: string;
  population: number | null;
  /** SVG path in the map frame, as stored by the territories context (kept so the map never changes). */
  path: string | null;
}

export interface ServiceSeverity {
  serviceId: string;
  /** Findings with a severity; null when suppressed. */
  findings: number | null;
  mean: number | null;
}

export interface ScoreCardFigure {
  serviceId: string;
  criterion: string;
  cards: number;
  user: number;
  staff: number;
  /** user − staff: negative when staff think better of the service than its users. */
  gap: number;
}

/** A net rate with its 95 % interval (Newcombe's hybrid score for paired proportions). */
export interface NetRate {
  pairs: number;
  /** Over all pairs: (minorityWorse − majorityWorse) / pairs, in −1…1. */
  net: number;
  lower: number;
  upper: number;
  /** False when pairs < minimumPairs: the rate must not be published. */
  enough: boolean;
  /** The ILO convention: over valid tests only (pairs where at least one tester was treated well). */
  valid?: { tests: number; net: number; lower: number; upper: number } | null;
}

/** Below this many pairs no rate is published (the audits context's rule). */
export const minimumPairs = minimumReliablePairs;

/** The one implementation of the statistics is the audits context's (audits/audits.service.ts). */
export function netRates(counts: PairCounts): NetRate {
  const all = summarisePairs(counts);
  const valid = validTestsRate(counts);
  return {
    pairs: all.pairs,
    net: all.netRate ?? 0,
    lower: all.interval?.lower ?? -1,
    upper: all.interval?.upper ?? 1,
    enough: all.reliable,
    valid: valid.netRate === null || !valid.interval ? null : { tests: valid.tests, net: valid.netRate, lower: valid.interval.lower, upper: valid.interval.upper },
  };
}

export interface PairedTestFigure extends NetRate {
  serviceId: string;
  ground: string;
  /** Only when there are enough pairs. */
  counts: PairCounts | null;
}

export interface DiagnosisSnapshot {
  version: 1;
  territory: { id: string; slug: string; name: string };
  period: Period;
  previous: { from: string; to: string };
  k: number;
  /** True only for staff views; a published snapshot is always suppressed. */
  exact: boolean;
  generatedAt: string;
  names: { services: Record<string, NameEntry & { departmentId: string }>; departments: Record<string, NameEntry>; facilities: Record<string, NameEntry> };
  areas: SnapshotArea[];
  tables: {
    byDistrict: PublishedTable;
    byService: PublishedTable;
    byPeriod: PublishedTable;
    serviceByGround: PublishedTable;
    previousByDistrict: PublishedTable;
    /** Districts × periods (absent from snapshots published before these tables existed). */
    districtByPeriod?: PublishedTable;
    /** Services × districts (same). */
    serviceByDistrict?: PublishedTable;
  };
  /** Periods of the tables the data covers only in part (a quarter with two of its three months, say). */
  partial?: PartialPeriod[];
  /** The attacker's audit of the release: every sensitive cell protected, and the narrowest interval. Null when exact. */
  audit?: { ok: boolean; cells: number; narrowest: number } | null;
  severity: ServiceSeverity[];
  scoreCards: ScoreCardFigure[];
  pairedTests: PairedTestFigure[];
  patterns: {
    barriers: { serviceId: string; barrier: string; facilities: number }[];
    grounds: { ground: string; periods: number; of: number }[];
  };
}

// ——— Periods ———

// Period arithmetic is the platform's (src/platform/periods.ts); this context re-exports what its files use.
export { monthIndex, monthOf, bucketOf };

export function bucketsBetween(period: Period): string[] {
  const out: string[] = [];
  for (let i = monthIndex(period.from); i <= monthIndex(period.to); i++) {
    const b = bucketOf(monthOf(i), period.granularity);
    if (out.at(-1) !== b) out.push(b);
  }
  return out;
}

export interface PartialPeriod {
  bucket: string;
  /** Months of the bucket inside both the period and the months the data covers… */
  months: number;
  /** …of the bucket's months. */
  of: number;
}

/** Buckets of a period that the period or the data (first to last month with a fact) covers only in part. */
export function partialPeriods(period: Period, coverage: { from: string; to: string } | null | undefined): PartialPeriod[] {
  const out: PartialPeriod[] = [];
  for (const bucket of bucketsBetween(period)) {
    const of = period.granularity === 'month' ? 1 : period.granularity === 'quarter' ? 3 : 12;
    const inPeriod = bucketRange(bucket, period);
    const from = Math.max(inPeriod.from, coverage ? monthIndex(coverage.from) : inPeriod.from);
    const to = Math.min(inPeriod.to, coverage ? monthIndex(coverage.to) : inPeriod.to);
    const months = Math.max(0, to - from + 1);
    if (months < of) out.push({ bucket, months, of });
  }
  return out;
}

/** The first and last month a territory has facts in. */
export async function dataCoverage(db: Db, territoryId: string): Promise<{ from: string; to: string } | null> {
  const [c] = await rows<{ first: string | null; last: string | null }>(db, sql`SELECT to_char(min(month), 'YYYY-MM') AS first, to_char(max(month), 'YYYY-MM') AS last FROM diagnosis_fact WHERE territory_id = ${territoryId}`);
  return c?.first && c.last ? { from: c.first, to: c.last } : null;
}

/** The period of the same length just before. */
export function previousPeriod(period: Period): { from: string; to: string } {
  const length = monthIndex(period.to) - monthIndex(period.from) + 1;
  return { from: monthOf(monthIndex(period.from) - length), to: monthOf(monthIndex(period.from) - 1) };
}

export const rangeOf = (p: { from: string; to: string }): Range => ({ from: monthIndex(p.from), to: monthIndex(p.to) });

/** The months of a bucket ('2025-03', '2025-Q1', '2025') inside a period. */
export function bucketRange(bucket: string, period: { from: string; to: string }): Range {
  const [y, rest] = bucket.split('-') as [string, string | undefined];
  const year = Number(y) * 12;
  const [from, to] = rest === undefined ? [year, year + 11] : rest.startsWith('Q') ? [year + (Number(rest.slice(1)) - 1) * 3, year + Number(rest.slice(1)) * 3 - 1] : [year + Number(rest) - 1, year + Number(rest) - 1];
  const p = rangeOf(period);
  return { from: Math.max(from, p.from), to: Math.min(to, p.to) };
}

/** Units from the bucketed queries, for a snapshot built without month-level counts (pure tests). */
function unitsFromQueries(q: FigureQueries, period: Period): UnitCounts {
  const month = (bucket: string) => bucketRange(bucket, period).from;
  const prev = rangeOf(previousPeriod(period)).from;
  return {
    facts: [
      ...q.facts.map((f) => ({ service: f.service_id ?? notStated, district: f.district_id ?? notStated, source: f.source, month: month(f.bucket), n: f.n })),
      // The previous period's facts by service are not published, but its units must add up.
      ...q.previous.map((f) => ({ service: notStated, district: f.district_id ?? notStated, source: f.source, month: prev, n: f.n })),
    ],
    mentions: q.mentions.map((m) => ({ key: m.service_id ?? notStated, ground: m.ground, month: month(m.bucket), n: m.n })),
  };
}

export const firstDay = (month: string) => `${month}-01`;

export function bucketSql(granularity: Granularity): SQL<string> {
  if (granularity === 'month') return sql<string>`to_char(month, 'YYYY-MM')`;
  if (granularity === 'quarter') return sql<string>`to_char(month, 'YYYY') || '-Q' || extract(quarter from month)::int`;
  return sql<string>`to_char(month, 'YYYY')`;
}

// ——— Queries ———

interface Scope {
  territoryId: string;
  from: string;
  to: string;
}

const inScope = (s: Scope) => sql`territory_id = ${s.territoryId} AND month BETWEEN ${firstDay(s.from)}::date AND ${firstDay(s.to)}::date`;

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

export interface FigureQueries {
  facts: { source: string; service_id: string | null; district_id: string | null; bucket: string; n: number }[];
  mentions: { service_id: string | null; ground: string; bucket: string; n: number }[];
  severity: { service_id: string | null; n: number; mean: number }[];
  barriers: { service_id: string; barrier: string; facilities: number }[];
  previous: { source: string; district_id: string | null; n: number }[];
  scoreCards: { service_id: string; criterion: string; cards: number; user_score: number; staff_score: number }[];
  paired: { service_id: string; ground: string; both_well: number; both_badly: number; minority_worse: number; majority_worse: number }[];
  /** Unit counts per month over the current, previous and earlier published periods (for the audit). */
  units?: UnitCounts;
  /** The first and last month the territory has any fact in (the months its data covers). */
  coverage?: { from: string; to: string } | null;
}

/** Counts per month: facts by source, service and district, mentions by service and ground. */
export interface MonthCounts {
  facts: { source: string; service_id: string | null; district_id: string | null; month: string; n: number }[];
  mentions: { service_id: string | null; ground: string; month: string; n: number }[];
}

/** One pass over the facts of a range of months (and one over their grounds): everything else is derived from these. */
export async function queryMonthCounts(db: Db, territoryId: string, range: Range): Promise<MonthCounts> {
  const scope = { territoryId, from: monthOf(range.from), to: monthOf(range.to) };
  const [facts, mentions] = await Promise.all([
    rows<MonthCounts['facts'][number]>(
      db,
      sql`SELECT source, service_id, district_id, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n FROM diagnosis_fact WHERE ${inScope(scope)} GROUP BY source, service_id, district_id, diagnosis_fact.month`,
    ),
    rows<MonthCounts['mentions'][number]>(
      db,
      sql`SELECT service_id, g AS ground, to_char(month, 'YYYY-MM') AS month, count(*)::int AS n FROM diagnosis_fact, unnest(grounds) AS g WHERE ${inScope(scope)} GROUP BY service_id, g, diagnosis_fact.month`,
    ),
  ]);
  return { facts, mentions };
}

/** The bucketed tables of a period, the previous period by district, and the attacker's units, from the month counts. */
export function fromMonthCounts(counts: MonthCounts, period: Period): Pick<FigureQueries, 'facts' | 'mentions' | 'previous'> & { units: UnitCounts } {
  const current = rangeOf(period);
  const before = rangeOf(previousPeriod(period));
  const inside = (r: Range, m: number) => r.from <= m && m <= r.to;
  const facts = new Map<string, FigureQueries['facts'][number]>();
  const previous = new Map<string, FigureQueries['previous'][number]>();
  const mentions = new Map<string, FigureQueries['mentions'][number]>();
  const units: UnitCounts = { facts: [], mentions: [] };
  for (const f of counts.facts) {
    const n = Number(f.n);
    const m = monthIndex(f.month);
    units.facts.push({ service: f.service_id ?? notStated, district: f.district_id ?? notStated, source: f.source, month: m, n });
    if (inside(current, m)) {
      const bucket = bucketOf(f.month, period.granularity);
      const key = `${f.source}|${f.service_id}|${f.district_id}|${bucket}`;
      const row = facts.get(key) ?? { source: f.source, service_id: f.service_id, district_id: f.district_id, bucket, n: 0 };
      row.n += n;
      facts.set(key, row);
    } else if (inside(before, m)) {
      const key = `${f.source}|${f.district_id}`;
      const row = previous.get(key) ?? { source: f.source, district_id: f.district_id, n: 0 };
      row.n += n;
      previous.set(key, row);
    }
  }
  for (const x of counts.mentions) {
    const n = Number(x.n);
    const m = monthIndex(x.month);
    units.mentions.push({ key: x.service_id ?? notStated, ground: x.ground, month: m, n });
    if (!inside(current, m)) continue;
    const bucket = bucketOf(x.month, period.granularity);
    const key = `${x.service_id}|${x.ground}|${bucket}`;
    const row = mentions.get(key) ?? { service_id: x.service_id, ground: x.ground, bucket, n: 0 };
    row.n += n;
    mentions.set(key, row);
  }
  return { facts: [...facts.values()], previous: [...previous.values()], mentions: [...mentions.values()], units };
}

/**
 * Every aggregate one diagnosis page needs. The facts are read once per month (over `reach`: the
 * period, the one before, and the earlier publications the audit includes); the tables, the previous
 * period and the attacker's units are all derived from those counts.
 */
export async function queryFigures(db: Db, territoryId: string, period: Period, reach?: Range): Promise<FigureQueries> {
  const scope = { territoryId, from: period.from, to: period.to };
  const within = [rangeOf(period), rangeOf(previousPeriod(period)), ...(reach ? [reach] : [])];
  const all = { from: Math.min(...within.map((r) => r.from)), to: Math.max(...within.map((r) => r.to)) };
  const [counts, coverage, severity, barriers, scoreCards, paired] = await Promise.all([
    queryMonthCounts(db, territoryId, all),
    dataCoverage(db, territoryId),
    rows<FigureQueries['severity'][number]>(
      db,
      sql`SELECT service_id, count(*)::int AS n, avg(severity)::float8 AS mean FROM diagnosis_fact WHERE ${inScope(scope)} AND source = 'finding' AND severity IS NOT NULL GROUP BY 1`,
    ),
    rows<FigureQueries['barriers'][number]>(
      db,
      sql`SELECT service_id, barrier, count(DISTINCT facility_id)::int AS facilities FROM diagnosis_fact
          WHERE ${inScope(scope)} AND barrier IS NOT NULL AND facility_id IS NOT NULL AND service_id IS NOT NULL
          GROUP BY 1, 2 HAVING count(DISTINCT facility_id) >= 2 ORDER BY 3 DESC, 2`,
    ),
    rows<FigureQueries['scoreCards'][number]>(
      db,
      sql`SELECT service_id, criterion, count(*)::int AS cards, avg(user_score)::float8 AS user_score, avg(staff_score)::float8 AS staff_score
          FROM diagnosis_score_gap WHERE ${inScope(scope)} GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
    rows<FigureQueries['paired'][number]>(
      db,
      sql`SELECT service_id, ground, sum(both_well)::int AS both_well, sum(both_badly)::int AS both_badly,
                 sum(minority_worse)::int AS minority_worse, sum(majority_worse)::int AS majority_worse
          FROM diagnosis_paired_test WHERE ${inScope(scope)} GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  ]);
  return { ...fromMonthCounts(counts, period), severity, barriers, scoreCards, paired, coverage };
}

// ——— From query results to a snapshot ———

function countTable(rowKeys: string[], colKeys: string[], entries: { row: string; col: string; n: number }[]): CountTable {
  const r = new Map(rowKeys.map((key, i) => [key, i]));
  const c = new Map(colKeys.map((key, i) => [key, i]));
  const values = rowKeys.map(() => colKeys.map(() => 0));
  for (const e of entries) {
    const i = r.get(e.row);
    const j = c.get(e.col);
    if (i !== undefined && j !== undefined) values[i]![j]! += e.n;
  }
  return { rows: rowKeys, cols: colKeys, values };
}

const withNotStated = (keys: string[], used: Iterable<string | null>) => ([...used].some((x) => x === null) ? [...keys, notStated] : keys);

export interface SnapshotContext {
  territory: { id: string; slug: string; name: string; grounds: string[] };
  period: Period;
  exact: boolean;
  names: DiagnosisSnapshot['names'];
  areas: SnapshotArea[];
  /** Tables of earlier published diagnoses of the territory that share units with this one. */
  earlier?: EarlierTable[];
  disclosure?: DisclosureSettings;
}

/** Pure: query results → the snapshot, with suppression unless exact. */
export function buildSnapshot(q: FigureQueries, context: SnapshotContext): DiagnosisSnapshot {
  const { period, exact } = context;
  const districts = context.areas.map((a) => a.id);
  const buckets = bucketsBetween(period);
  const serviceIds = [...new Set(q.facts.map((f) => f.service_id).filter((s): s is string => s !== null))].sort((a, b) =>
    (context.names.services[a]?.name ?? a).localeCompare(context.names.services[b]?.name ?? b),
  );
  const serviceRows = withNotStated(serviceIds, q.facts.map((f) => f.service_id));
  const districtRows = withNotStated(districts, q.facts.map((f) => f.district_id));
  const key = (id: string | null) => id ?? notStated;

  const byDistrict = countTable(districtRows, [...sources], q.facts.map((f) => ({ row: key(f.district_id), col: f.source, n: f.n })));
  const byService = countTable(serviceRows, [...sources], q.facts.map((f) => ({ row: key(f.service_id), col: f.source, n: f.n })));
  const byPeriod = countTable(buckets, [...sources], q.facts.map((f) => ({ row: f.bucket, col: f.source, n: f.n })));
  const usedGrounds = new Set(q.mentions.map((m) => m.ground));
  const groundCols = [...context.territory.grounds.filter((g) => usedGrounds.has(g)), ...[...usedGrounds].filter((g) => !context.territory.grounds.includes(g)).sort()];
  const mentionRows = withNotStated(serviceIds, q.mentions.map((m) => m.service_id));
  const serviceByGround = countTable(mentionRows, groundCols, q.mentions.map((m) => ({ row: key(m.service_id), col: m.ground, n: m.n })));
  const previousDistrictRows = withNotStated(districts, q.previous.map((p) => p.district_id));
  const previousByDistrict = countTable(previousDistrictRows, [...sources], q.previous.map((p) => ({ row: key(p.district_id), col: p.source, n: p.n })));
  const districtByPeriod = countTable(districtRows, buckets, q.facts.map((f) => ({ row: key(f.district_id), col: f.bucket, n: f.n })));
  const serviceByDistrict = countTable(serviceRows, districtRows, q.facts.map((f) => ({ row: key(f.service_id), col: key(f.district_id), n: f.n })));

  let tables: DiagnosisSnapshot['tables'];
  let audited: DiagnosisSnapshot['audit'] = null;
  if (exact) {
    tables = {
      byDistrict: exactTable(byDistrict),
      byService: exactTable(byService),
      byPeriod: exactTable(byPeriod),
      serviceByGround: exactTable(serviceByGround),
      previousByDistrict: exactTable(previousByDistrict),
      districtByPeriod: exactTable(districtByPeriod),
      serviceByDistrict: exactTable(serviceByDistrict),
    };
  } else {
    // Every table, its margins, the previous period and earlier publications: one system, audited.
    const range = rangeOf(period);
    const previous = rangeOf(previousPeriod(period));
    const current: ReleasedTable[] = [
      { kind: 'byDistrict', range, rows: byDistrict.rows, cols: byDistrict.cols },
      { kind: 'byService', range, rows: byService.rows, cols: byService.cols },
      { kind: 'byPeriod', range, rows: byPeriod.rows, cols: byPeriod.cols, rowRanges: byPeriod.rows.map((b) => bucketRange(b, period)) },
      { kind: 'serviceByGround', range, rows: serviceByGround.rows, cols: serviceByGround.cols },
      { kind: 'previousByDistrict', range: previous, rows: previousByDistrict.rows, cols: previousByDistrict.cols },
      { kind: 'districtByPeriod', range, rows: districtByPeriod.rows, cols: districtByPeriod.cols, colRanges: districtByPeriod.cols.map((b) => bucketRange(b, period)) },
      { kind: 'serviceByDistrict', range, rows: serviceByDistrict.rows, cols: serviceByDistrict.cols },
    ];
    const units = q.units ?? unitsFromQueries(q, period);
    const protection = protectRelease(current, context.earlier ?? [], units, k, context.disclosure);
    const [d, s, p, g, prev, dp, sd] = protection.tables as [PublishedTable, PublishedTable, PublishedTable, PublishedTable, PublishedTable, PublishedTable, PublishedTable];
    tables = { byDistrict: d, byService: s, byPeriod: p, serviceByGround: g, previousByDistrict: prev, districtByPeriod: dp, serviceByDistrict: sd };
    audited = { ok: protection.ok, cells: protection.audit.length, narrowest: Math.min(...protection.audit.map((c) => c.upper - c.lower)) };
  }

  // The number behind a mean is shown only where the service's findings are shown (it would undo a
  // complementary suppression otherwise); the mean itself only when it rests on at least k findings.
  const findingsColumn = sources.indexOf('finding');
  const severity: ServiceSeverity[] = q.severity
    .filter((s) => s.service_id !== null)
    .map((s) => {
      const row = tables.byService.rows.indexOf(s.service_id!);
      const countShown = row >= 0 && tables.byService.cells[row]![findingsColumn]!.value !== null;
      return { serviceId: s.service_id!, findings: countShown ? s.n : null, mean: exact || s.n >= k ? Math.round(s.mean * 100) / 100 : null };
    });

  const scoreCards: ScoreCardFigure[] = q.scoreCards.map((s) => ({
    serviceId: s.service_id,
    criterion: s.criterion,
    cards: s.cards,
    user: Math.round(s.user_score),
    staff: Math.round(s.staff_score),
    gap: Math.round(scoreGap(s.user_score, s.staff_score)),
  }));

  const pairedTests: PairedTestFigure[] = q.paired.map((p) => {
    const counts = { bothWell: p.both_well, bothBadly: p.both_badly, minorityWorse: p.minority_worse, majorityWorse: p.majority_worse };
    const rate = netRates(counts);
    return { serviceId: p.service_id, ground: p.ground, ...rate, counts: rate.enough || exact ? counts : null };
  });

  // The same ground over several periods: at least k mentions in at least 3 periods (and half of them).
  const perGround = new Map<string, Set<string>>();
  const mentionsByGroundBucket = new Map<string, number>();
  for (const m of q.mentions) mentionsByGroundBucket.set(`${m.ground}\u0001${m.bucket}`, (mentionsByGroundBucket.get(`${m.ground}\u0001${m.bucket}`) ?? 0) + m.n);
  for (const [id, n] of mentionsByGroundBucket) {
    if (n < k) continue;
    const [ground, bucket] = id.split('\u0001') as [string, string];
    perGround.set(ground, (perGround.get(ground) ?? new Set()).add(bucket));
  }
  const groundPatterns = [...perGround]
    .map(([ground, set]) => ({ ground, periods: set.size, of: buckets.length }))
    .filter((g) => g.periods >= 3 && g.periods * 2 >= g.of)
    .sort((a, b) => b.periods - a.periods || a.ground.localeCompare(b.ground));

  return {
    version: 1,
    territory: { id: context.territory.id, slug: context.territory.slug, name: context.territory.name },
    period,
    previous: previousPeriod(period),
    k,
    exact,
    generatedAt: new Date().toISOString(),
    names: context.names,
    areas: context.areas,
    tables,
    partial: partialPeriods(period, q.coverage),
    audit: audited,
    severity,
    scoreCards,
    pairedTests,
    patterns: { barriers: q.barriers.map((b) => ({ serviceId: b.service_id, barrier: b.barrier, facilities: b.facilities })), grounds: groundPatterns },
  };
}

/** Names of the catalogue and the districts, read once through the other contexts' services. */
export async function snapshotContext(
  db: Db,
  territory: { id: string; slug: string; name: string; settings: { grounds: string[] } },
  period: Period,
  exact: boolean,
): Promise<SnapshotContext> {
  const [catalogue, facilities, districts] = await Promise.all([catalogueOf(db, territory.id), facilitiesOf(db, territory.id), listAreaSummaries(db, territory.id, 'district')]);
  const names: DiagnosisSnapshot['names'] = { services: {}, departments: {}, facilities: {} };
  for (const d of catalogue.departments) {
    names.departments[d.id] = { name: d.name, nameTranslations: d.nameTranslations };
    for (const s of d.services) names.services[s.id] = { name: s.name, nameTranslations: s.nameTranslations, departmentId: d.id };
  }
  for (const f of facilities) names.facilities[f.id] = { name: f.name, nameTranslations: {} };
  return {
    territory: { id: territory.id, slug: territory.slug, name: territory.name, grounds: territory.settings.grounds },
    period,
    exact,
    names,
    areas: districts.map((a) => ({ id: a.id, code: a.code, name: a.name, population: a.population, path: a.svgPath })),
  };
}

export async function computeSnapshot(
  db: Db,
  territory: { id: string; slug: string; name: string; settings: { grounds: string[]; disclosure?: DisclosureSettings } },
  period: Period,
  exact: boolean,
): Promise<DiagnosisSnapshot> {
  // The earlier publications first (a read of the diagnosis table), so one pass over the facts reaches their months too.
  const [context, earlier] = await Promise.all([snapshotContext(db, territory, period, exact), exact ? [] : earlierTables(db, territory.id, period)]);
  const ranges = earlier.map((t) => t.range);
  const reach = ranges.length > 0 ? { from: Math.min(...ranges.map((r) => r.from)), to: Math.max(...ranges.map((r) => r.to)) } : undefined;
  const queries = await queryFigures(db, territory.id, period, reach);
  return buildSnapshot(queries, { ...context, earlier, disclosure: territory.settings.disclosure ?? {} });
}

const overlaps = (a: Range, b: Range) => a.from <= b.to && b.from <= a.to;

/** The tables of the territory's published diagnoses that share months with this period (or with those, in turn). */
export async function earlierTables(db: Db, territoryId: string, period: Period): Promise<EarlierTable[]> {
  const published = await rows<{ snapshot: DiagnosisSnapshot }>(db, sql`SELECT snapshot FROM diagnosis WHERE territory_id = ${territoryId} AND status = 'published' ORDER BY number`);
  const candidates = published.map((p) => releasedTablesOf(p.snapshot));
  const reach = [rangeOf(period), rangeOf(previousPeriod(period))];
  const chosen = new Set<number>();
  for (let grew = true; grew; ) {
    grew = false;
    candidates.forEach((tables, i) => {
      if (chosen.has(i) || !tables.some((t) => reach.some((r) => overlaps(r, t.range)))) return;
      chosen.add(i);
      reach.push(...tables.map((t) => t.range));
      grew = true;
    });
  }
  return [...chosen].flatMap((i) => candidates[i]!);
}

/** Every table a published snapshot released, with its pattern, as the attacker reads it. */
export function releasedTablesOf(snap: DiagnosisSnapshot): EarlierTable[] {
  const range = rangeOf(snap.period);
  const previous = rangeOf(snap.previous);
  const t = snap.tables;
  return [
    { kind: 'byDistrict', range, rows: t.byDistrict.rows, cols: t.byDistrict.cols, published: t.byDistrict },
    { kind: 'byService', range, rows: t.byService.rows, cols: t.byService.cols, published: t.byService },
    { kind: 'byPeriod', range, rows: t.byPeriod.rows, cols: t.byPeriod.cols, rowRanges: t.byPeriod.rows.map((b) => bucketRange(b, snap.period)), published: t.byPeriod },
    { kind: 'serviceByGround', range, rows: t.serviceByGround.rows, cols: t.serviceByGround.cols, published: t.serviceByGround },
    { kind: 'previousByDistrict', range: previous, rows: t.previousByDistrict.rows, cols: t.previousByDistrict.cols, published: t.previousByDistrict },
    ...(t.districtByPeriod
      ? [{ kind: 'districtByPeriod' as const, range, rows: t.districtByPeriod.rows, cols: t.districtByPeriod.cols, colRanges: t.districtByPeriod.cols.map((b) => bucketRange(b, snap.period)), published: t.districtByPeriod }]
      : []),
    ...(t.serviceByDistrict ? [{ kind: 'serviceByDistrict' as const, range, rows: t.serviceByDistrict.rows, cols: t.serviceByDistrict.cols, published: t.serviceByDistrict }] : []),
  ];
}

/** Facts and mentions per month over a range of months, the units of the attacker's system. */
export async function queryUnits(db: Db, territoryId: string, range: Range): Promise<UnitCounts> {
  const counts = await queryMonthCounts(db, territoryId, range);
  return {
    facts: counts.facts.map((f) => ({ service: f.service_id ?? notStated, district: f.district_id ?? notStated, source: f.source, month: monthIndex(f.month), n: Number(f.n) })),
    mentions: counts.mentions.map((m) => ({ key: m.service_id ?? notStated, ground: m.ground, month: monthIndex(m.month), n: Number(m.n) })),
  };
}

// ——— The explorer: any two dimensions, filtered ———

export const dimensions = ['service', 'department', 'facility', 'ground', 'dimension', 'district', 'neighbourhood', 'period', 'source', 'severity'] as const;
export type Dimension = (typeof dimensions)[number];

export interface ExplorerQuery {
  rows: Dimension;
  cols: Dimension;
  period: Period;
  filters: Partial<Record<'service' | 'department' | 'ground' | 'district' | 'source' | 'dimension', string>>;
}

function dimensionSql(d: Dimension, granularity: Granularity): SQL {
  switch (d) {
    case 'service':
      return sql`coalesce(service_id::text, ${notStated})`;
    case 'department':
      return sql`coalesce(department_id::text, ${notStated})`;
    case 'facility':
      return sql`coalesce(facility_id::text, ${notStated})`;
    case 'ground':
      return sql`g`;
    case 'dimension':
      return sql`coalesce(dimension, ${notStated})`;
    case 'district':
      return sql`coalesce(district_id::text, ${notStated})`;
    case 'neighbourhood':
      return sql`coalesce(neighbourhood_id::text, ${notStated})`;
    case 'period':
      return bucketSql(granularity);
    case 'source':
      return sql`source`;
    case 'severity':
      return sql`coalesce(severity::text, ${notStated})`;
  }
}

/** Counts of facts (or mentions, when grounds are a dimension) by two dimensions. */
export async function explorerTable(db: Db, territoryId: string, query: ExplorerQuery): Promise<CountTable> {
  const { rows: r, cols: c, period, filters } = query;
  const usesGround = r === 'ground' || c === 'ground' || filters.ground !== undefined;
  const where = [inScope({ territoryId, from: period.from, to: period.to })];
  if (filters.service) where.push(sql`service_id::text = ${filters.service}`);
  if (filters.department) where.push(sql`department_id::text = ${filters.department}`);
  if (filters.district) where.push(sql`district_id::text = ${filters.district}`);
  if (filters.source) where.push(sql`source = ${filters.source}`);
  if (filters.dimension) where.push(sql`dimension = ${filters.dimension}`);
  if (filters.ground) where.push(sql`g = ${filters.ground}`);
  const from = usesGround ? sql`diagnosis_fact, unnest(grounds) AS g` : sql`diagnosis_fact`;
  const result = await rows<{ r: string; c: string; n: number }>(
    db,
    sql`SELECT ${dimensionSql(r, period.granularity)} AS r, ${dimensionSql(c, period.granularity)} AS c, count(*)::int AS n
        FROM ${from} WHERE ${sql.join(where, sql` AND `)} GROUP BY 1, 2`,
  );
  const rowKeys = r === 'period' ? bucketsBetween(period) : [...new Set(result.map((x) => x.r))].sort();
  const colKeys = c === 'period' ? bucketsBetween(period) : [...new Set(result.map((x) => x.c))].sort();
  return countTable(rowKeys, colKeys, result.map((x) => ({ row: x.r, col: x.c, n: x.n })));
}
