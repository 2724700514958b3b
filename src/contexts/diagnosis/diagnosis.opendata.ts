// Open data of a published diagnosis: CSV resources and a Frictionless data package (datapackage.json
// with a table schema per resource) built from the stored snapshot, so suppression is already applied.
import { notStated, type DiagnosisSnapshot } from './diagnosis.figures.ts';
import type { PublishedCell, PublishedTable } from './suppression.ts';
import { csvLines, type CsvValue } from './csv.ts';

export const smallMarker = '< 5';
export const hiddenMarker = 'x';
const missingValues = ['', smallMarker, hiddenMarker];

type Value = CsvValue;

// One marker for every hidden cell: which of them are small is not published (attacker.ts).
const cellValue = (c: PublishedCell): Value => (c.value === null ? hiddenMarker : c.value);

interface Field {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
}

interface Resource {
  name: string;
  title: string;
  fields: Field[];
  rows(snapshot: DiagnosisSnapshot): Value[][];
}

function names(snapshot: DiagnosisSnapshot) {
  const area = new Map(snapshot.areas.map((a) => [a.id, a]));
  return {
    service: (id: string) => (id === notStated ? '' : (snapshot.names.services[id]?.name ?? id)),
    department: (id: string) => (id === notStated ? '' : (snapshot.names.departments[snapshot.names.services[id]?.departmentId ?? '']?.name ?? '')),
    districtCode: (id: string) => (id === notStated ? '' : (area.get(id)?.code ?? id)),
    districtName: (id: string) => (id === notStated ? '' : (area.get(id)?.name ?? '')),
  };
}

function tableRows(table: PublishedTable, label: (key: string) => Value[]): Value[][] {
  return [
    ...table.rows.map((r, i) => [...label(r), ...table.cells[i]!.map(cellValue), cellValue(table.rowTotals[i]!)]),
    [...label('').map((_, j) => (j === 0 ? 'total' : '')), ...table.colTotals.map(cellValue), cellValue(table.total)],
  ];
}

const countFields = (what: string): Field[] => [
  { name: 'findings', type: 'integer', description: `Validated findings of audits ${what}. "x": hidden, either because it is under 5 or so that a number under 5 cannot be worked out.` },
  { name: 'cases', type: 'integer', description: `Classified antenna cases ${what}. Same markers.` },
  { name: 'total', type: 'integer', description: `Findings and cases ${what}. Same markers.` },
];

export const resources: Resource[] = [
  {
    name: 'districts',
    title: 'Findings and cases by district',
    fields: [
      { name: 'district_code', type: 'string', description: 'Code of the district ("total" on the last row; empty when the fact does not say).' },
      { name: 'district', type: 'string', description: 'Name of the district.' },
      { name: 'population', type: 'integer', description: 'Inhabitants of the district, where known.' },
      ...countFields('in the district'),
      { name: 'rate_per_10000', type: 'number', description: 'Total per 10,000 inhabitants; empty where the total is hidden or the population unknown.' },
      { name: 'previous_total', type: 'integer', description: 'Total in the period of the same length just before. Same markers.' },
    ],
    rows: (s) => {
      const n = names(s);
      const t = s.tables.byDistrict;
      const prev = s.tables.previousByDistrict;
      const population = new Map(s.areas.map((a) => [a.id, a.population]));
      return tableRows(t, (id) => [id === '' ? 'total' : n.districtCode(id), n.districtName(id), id === '' ? null : (population.get(id) ?? null)]).map((row, i) => {
        const id = t.rows[i];
        const total = i < t.rows.length ? t.rowTotals[i]! : t.total;
        const pop = id ? population.get(id) : s.areas.reduce<number | null>((sum, a) => (sum === null || a.population === null ? null : sum + a.population), 0);
        const rate = total.value !== null && pop ? Math.round((total.value / pop) * 10_000 * 100) / 100 : null;
        const prevIndex = id ? prev.rows.indexOf(id) : -1;
        const previous = id ? (prevIndex >= 0 ? cellValue(prev.rowTotals[prevIndex]!) : 0) : cellValue(prev.total);
        if (!id) row[2] = pop ?? null;
        return [...row, rate, previous];
      });
    },
  },
  {
    name: 'services',
    title: 'Findings and cases by service',
    fields: [
      { name: 'service', type: 'string', description: 'Council service ("total" on the last row; empty when the fact does not say).' },
      { name: 'department', type: 'string', description: 'Department the service belongs to.' },
      ...countFields('about the service'),
    ],
    rows: (s) => {
      const n = names(s);
      return tableRows(s.tables.byService, (id) => [id === '' ? 'total' : n.service(id), id === '' ? '' : n.department(id)]);
    },
  },
  {
    name: 'periods',
    title: 'Findings and cases by period',
    fields: [
      { name: 'period', type: 'string', description: 'Month (YYYY-MM), quarter (YYYY-Qn) or year.' },
      ...countFields('in the period'),
      { name: 'partial', type: 'boolean', description: 'true when the data covers the period only in part (the diagnosis starts or ends inside it, or the data does).' },
      { name: 'months_covered', type: 'integer', description: 'Months of the period the data covers.' },
      { name: 'months', type: 'integer', description: 'Months in the period.' },
    ],
    rows: (s) => {
      const partial = new Map((s.partial ?? []).map((p) => [p.bucket, p]));
      const length = s.period.granularity === 'month' ? 1 : s.period.granularity === 'quarter' ? 3 : 12;
      return tableRows(s.tables.byPeriod, (p) => [p === '' ? 'total' : p]).map((row, i) => {
        const bucket = s.tables.byPeriod.rows[i];
        if (bucket === undefined) return [...row, null, null, null];
        const p = partial.get(bucket);
        return [...row, p ? 'true' : 'false', p ? p.months : length, length];
      });
    },
  },
  {
    name: 'district_periods',
    title: 'Findings and cases by district and period',
    fields: [
      { name: 'district_code', type: 'string', description: 'Code of the district ("total" for all districts; empty when the fact does not say).' },
      { name: 'district', type: 'string', description: 'Name of the district.' },
      { name: 'period', type: 'string', description: 'Month (YYYY-MM), quarter (YYYY-Qn) or year ("total" for the whole diagnosis).' },
      { name: 'partial', type: 'boolean', description: 'true when the data covers the period only in part.' },
      { name: 'count', type: 'integer', description: 'Findings and cases. "x": hidden, either because it is under 5 or so that a number under 5 cannot be worked out.' },
    ],
    rows: (s) => {
      const t = s.tables.districtByPeriod;
      if (!t) return [];
      const n = names(s);
      const partial = new Set((s.partial ?? []).map((p) => p.bucket));
      const flag = (p: string) => (p === 'total' ? null : partial.has(p) ? 'true' : 'false');
      const out: Value[][] = [];
      t.rows.forEach((r, i) => {
        t.cols.forEach((p, j) => out.push([n.districtCode(r), n.districtName(r), p, flag(p), cellValue(t.cells[i]![j]!)]));
        out.push([n.districtCode(r), n.districtName(r), 'total', null, cellValue(t.rowTotals[i]!)]);
      });
      t.cols.forEach((p, j) => out.push(['total', '', p, flag(p), cellValue(t.colTotals[j]!)]));
      out.push(['total', '', 'total', null, cellValue(t.total)]);
      return out;
    },
  },
  {
    name: 'service_districts',
    title: 'Findings and cases by service and district',
    fields: [
      { name: 'service', type: 'string', description: 'Council service ("total" for all services; empty when the fact does not say).' },
      { name: 'district_code', type: 'string', description: 'Code of the district ("total" for all districts; empty when the fact does not say).' },
      { name: 'district', type: 'string', description: 'Name of the district.' },
      { name: 'count', type: 'integer', description: 'Findings and cases. "x" as above.' },
    ],
    rows: (s) => {
      const t = s.tables.serviceByDistrict;
      if (!t) return [];
      const n = names(s);
      const out: Value[][] = [];
      t.rows.forEach((r, i) => {
        t.cols.forEach((d, j) => out.push([n.service(r), n.districtCode(d), n.districtName(d), cellValue(t.cells[i]![j]!)]));
        out.push([n.service(r), 'total', '', cellValue(t.rowTotals[i]!)]);
      });
      t.cols.forEach((d, j) => out.push(['total', n.districtCode(d), n.districtName(d), cellValue(t.colTotals[j]!)]));
      out.push(['total', 'total', '', cellValue(t.total)]);
      return out;
    },
  },
  {
    name: 'service_grounds',
    title: 'Mentions of each ground of discrimination by service',
    fields: [
      { name: 'service', type: 'string', description: 'Council service ("total" for all services).' },
      { name: 'ground', type: 'string', description: 'Ground of discrimination (key), or "total".' },
      { name: 'mentions', type: 'integer', description: 'Findings and cases naming this ground (a fact may name several). "x" as above.' },
    ],
    rows: (s) => {
      const n = names(s);
      const t = s.tables.serviceByGround;
      const out: Value[][] = [];
      t.rows.forEach((r, i) => {
        t.cols.forEach((g, j) => out.push([n.service(r), g, cellValue(t.cells[i]![j]!)]));
        out.push([n.service(r), 'total', cellValue(t.rowTotals[i]!)]);
      });
      t.cols.forEach((g, j) => out.push(['total', g, cellValue(t.colTotals[j]!)]));
      out.push(['total', 'total', cellValue(t.total)]);
      return out;
    },
  },
  {
    name: 'paired_tests',
    title: 'Net discrimination rates of paired situation tests',
    fields: [
      { name: 'service', type: 'string', description: 'Council service tested.' },
      { name: 'ground', type: 'string', description: 'Characteristic the two testers differed in.' },
      { name: 'pairs', type: 'integer', description: 'Pairs of visits; empty below the minimum of 20.' },
      { name: 'net_rate', type: 'number', description: '(pairs where only the minority tester was treated worse − pairs where only the majority tester was) / pairs.' },
      { name: 'ci_lower', type: 'number', description: 'Lower end of the 95% confidence interval (Newcombe hybrid score for paired proportions).' },
      { name: 'ci_upper', type: 'number', description: 'Upper end of the 95% confidence interval.' },
      { name: 'valid_tests', type: 'integer', description: 'Valid tests: pairs where at least one tester was treated well (the ILO convention).' },
      { name: 'net_rate_valid', type: 'number', description: 'Net rate over valid tests: (minority worse − majority worse) / valid tests.' },
      { name: 'ci_lower_valid', type: 'number', description: 'Lower end of its 95% confidence interval (Newcombe, on the valid tests).' },
      { name: 'ci_upper_valid', type: 'number', description: 'Upper end of its 95% confidence interval.' },
    ],
    rows: (s) => {
      const n = names(s);
      const round = (v: number) => Math.round(v * 10_000) / 10_000;
      return s.pairedTests.map((p) => [n.service(p.serviceId), p.ground, p.enough ? p.pairs : null, p.enough ? round(p.net) : null, p.enough ? round(p.lower) : null, p.enough ? round(p.upper) : null, ...(p.enough && p.valid ? [p.valid.tests, round(p.valid.net), round(p.valid.lower), round(p.valid.upper)] : [null, null, null, null])]);
    },
  },
  {
    name: 'score_cards',
    title: 'Community score cards: users’ and staff’s scores',
    fields: [
      { name: 'service', type: 'string', description: 'Council service scored.' },
      { name: 'criterion', type: 'string', description: 'Criterion chosen by the users.' },
      { name: 'score_cards', type: 'integer', description: 'Score cards averaged.' },
      { name: 'user_score', type: 'integer', description: 'Users’ average score, 0–100.' },
      { name: 'staff_score', type: 'integer', description: 'Staff’s average self-assessment, 0–100.' },
      { name: 'gap', type: 'integer', description: 'user_score − staff_score.' },
    ],
    rows: (s) => {
      const n = names(s);
      return s.scoreCards.map((c) => [n.service(c.serviceId), c.criterion, c.cards, c.user, c.staff, c.gap]);
    },
  },
];

/** Every published cell of the page's tables in one long CSV. */
export const figuresResource: Resource = {
  name: 'figures',
  title: 'Every figure of the diagnosis, one per line',
  fields: [
    { name: 'table', type: 'string', description: 'by_district, by_service, by_period, service_by_ground, previous_by_district, district_by_period or service_by_district.' },
    { name: 'row', type: 'string', description: 'District code, service, or period ("total" for the column totals).' },
    { name: 'column', type: 'string', description: 'finding, case or a ground key ("total" for the row totals).' },
    { name: 'value', type: 'integer', description: 'The count. "x": hidden, either because it is under 5 or so that a number under 5 cannot be worked out.' },
  ],
  rows: (s) => {
    const n = names(s);
    const out: Value[][] = [];
    const add = (name: string, t: PublishedTable, label: (key: string) => string) => {
      t.rows.forEach((r, i) => {
        t.cols.forEach((c, j) => out.push([name, label(r), c, cellValue(t.cells[i]![j]!)]));
        out.push([name, label(r), 'total', cellValue(t.rowTotals[i]!)]);
      });
      t.cols.forEach((c, j) => out.push([name, 'total', c, cellValue(t.colTotals[j]!)]));
      out.push([name, 'total', 'total', cellValue(t.total)]);
    };
    const district = (id: string) => (id === notStated ? notStated : n.districtCode(id));
    add('by_district', s.tables.byDistrict, district);
    add('by_service', s.tables.byService, (id) => (id === notStated ? notStated : n.service(id)));
    add('by_period', s.tables.byPeriod, (p) => p);
    add('service_by_ground', s.tables.serviceByGround, (id) => (id === notStated ? notStated : n.service(id)));
    add('previous_by_district', s.tables.previousByDistrict, district);
    if (s.tables.districtByPeriod) add('district_by_period', s.tables.districtByPeriod, district);
    if (s.tables.serviceByDistrict) add('service_by_district', s.tables.serviceByDistrict, (id) => (id === notStated ? notStated : n.service(id)));
    return out;
  },
};

export const allResources = [figuresResource, ...resources];

export function resourceCsv(name: string, snapshot: DiagnosisSnapshot): string | null {
  const resource = allResources.find((r) => r.name === name);
  if (!resource) return null;
  return csvLines([resource.fields.map((f) => f.name), ...resource.rows(snapshot)]);
}

export interface PackageInfo {
  territorySlug: string;
  number: number;
  title: string;
  publishedAt: Date;
  approvers: string[];
  baseUrl: string;
}

/** The Frictionless data package (v1 descriptor) describing every CSV resource. */
export function dataPackage(snapshot: DiagnosisSnapshot, info: PackageInfo) {
  return {
    profile: 'tabular-data-package',
    name: `${info.territorySlug}-diagnosis-${info.number}`,
    title: info.title,
    description: `Diagnosis ${info.number} of structural discrimination in ${snapshot.territory.name}, ${snapshot.period.from} to ${snapshot.period.to}, approved by the coexistence board. "${hiddenMarker}" marks a hidden count: under ${snapshot.k}, or hidden so that one under ${snapshot.k} cannot be worked out from the totals or earlier diagnoses (an attacker's audit proves it). A 0 is published as 0.${(snapshot.partial ?? []).length > 0 ? ` Periods the data covers only in part: ${(snapshot.partial ?? []).map((p) => `${p.bucket} (${p.months} of ${p.of} months)`).join(', ')}; see the partial column of periods.csv.` : ''}`,
    homepage: info.baseUrl,
    version: String(info.number),
    created: info.publishedAt.toISOString(),
    licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
    contributors: info.approvers.map((title) => ({ title, role: 'contributor' })),
    keywords: ['discrimination', 'diagnosis', 'citizen audit', snapshot.territory.name],
    sources: [{ title: 'Coproduce: validated audit findings and classified antenna cases' }],
    resources: allResources.map((r) => ({
      name: r.name,
      title: r.title,
      path: `data/${r.name}.csv`,
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      schema: { fields: r.fields, missingValues },
    })),
  };
}

