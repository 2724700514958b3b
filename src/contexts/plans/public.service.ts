// What the public reads of a plan: the latest published version (what was approved, unchanged), with each
// measure's live follow-up (status, progress, findings verified), indicators, the tracker and open data.
import type { Db } from '../../platform/db/client.ts';
import { catalogueOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { findingHistory, findingsByIds } from '../audits/findings/finding.service.ts';
import { organisationsByIds } from '../agreement/organisations/organisation.service.ts';
import type { MeasureStatus, PlanSnapshot, Translated } from './plans.schema.ts';
import { findPlan, publicPlanDetail, type Plan } from './plan.service.ts';
import { listVersions, type PlanVersion } from './approval.service.ts';
import { findingStates, type FindingState } from './verification.service.ts';
import { k, openFindingsOf, quarterEnds, trackerOf, type Tracker } from './tracker.ts';
import { protectTable, type PublishedCell } from '../diagnosis/diagnosis.service.ts';

export interface PublicMeasure {
  id: string;
  goalId: string;
  code: string;
  title: Translated;
  department: Translated & { default: string };
  owner: string;
  organisations: string[];
  deadline: string;
  status: MeasureStatus;
  percent: number | null;
  droppedReason: string | null;
  /**
   * Its findings verified as solved and not yet, as published: 1 to k − 1 hidden, and the cells that would
   * give a hidden one away hidden too (one table of all the plan's measures, protected with its totals).
   * Null when the measure answers no finding.
   */
  followUp: { verified: PublishedCell; notYet: PublishedCell } | null;
}

/** The measures' follow-up counts, protected together: rows are the measures that answer findings. */
export function protectFollowUps(rows: { id: string; states: FindingState[] }[]): Map<string, { verified: PublishedCell; notYet: PublishedCell }> {
  const withFindings = rows.filter((r) => r.states.length > 0);
  if (withFindings.length === 0) return new Map();
  const values = withFindings.map((r) => {
    const verified = r.states.filter((x) => x === 'verified').length;
    return [verified, r.states.length - verified];
  });
  const table = protectTable({ rows: withFindings.map((r) => r.id), cols: ['verified', 'not-yet'], values }, k);
  return new Map(withFindings.map((r, i) => [r.id, { verified: table.cells[i]![0]!, notYet: table.cells[i]![1]! }]));
}

export interface PublicIndicator {
  id: string;
  name: Translated;
  unit: string;
  source: string;
  baseline: number | null;
  target: number | null;
  computed: boolean;
  /** Dated values; null where hidden (1 to k − 1 of a computed count). */
  points: { date: string; value: number | null }[];
}

export interface PublicPlan {
  plan: Plan;
  version: PlanVersion;
  versions: PlanVersion[];
  goals: PlanSnapshot['goals'];
  measures: PublicMeasure[];
  indicators: PublicIndicator[];
  tracker: (Tracker & { serviceNames: Record<string, Translated & { default: string }> }) | null;
}

export async function publicPlan(db: Db, territoryId: string, slug: string, now = new Date()): Promise<PublicPlan | null> {
  const live = await publicPlanDetail(db, territoryId, slug);
  if (!live) return null;
  const versions = await listVersions(db, live.plan.id);
  const version = versions[0]!;
  const snapshot = version.snapshot;
  const catalogue = await catalogueOf(db, territoryId);
  const departmentName = new Map(catalogue.departments.map((d) => [d.id, { ...d.nameTranslations, default: d.name }]));
  const organisationIds = [...new Set(snapshot.measures.flatMap((m) => m.organisationIds))];
  const organisations = new Map((await organisationsByIds(db, organisationIds)).map((o) => [o.id, o.name]));
  const findingIds = [...new Set(live.measures.flatMap((m) => m.findingIds))];
  const findings = await findingsByIds(db, territoryId, findingIds);
  const statesOf = new Map(
    snapshot.measures.map((m) => {
      const current = live.measures.find((x) => x.id === m.id);
      return [m.id, current ? [...findingStates(current, findings, current.verifications).values()] : []];
    }),
  );
  const followUps = protectFollowUps([...statesOf].map(([id, states]) => ({ id, states })));
  const measures: PublicMeasure[] = snapshot.measures.map((m) => {
    const current = live.measures.find((x) => x.id === m.id);
    return {
      id: m.id,
      goalId: m.goalId,
      code: m.code,
      title: m.title,
      department: departmentName.get(m.departmentId) ?? { default: '' },
      owner: m.owner,
      organisations: m.organisationIds.map((id) => organisations.get(id) ?? '').filter(Boolean),
      deadline: m.deadline,
      status: current?.status ?? m.status,
      percent: current ? current.percent : null,
      droppedReason: current?.droppedReason ?? null,
      followUp: followUps.get(m.id) ?? null,
    };
  });
  const history = await findingHistory(db, territoryId);
  const published = new Set(snapshot.indicators.map((i) => i.id));
  const indicators: PublicIndicator[] = live.indicators
    .filter((i) => published.has(i.id))
    .map((i) => {
      if (i.computation === 'open-findings' && i.serviceId) {
        const first = history.filter((h) => h.serviceId === i.serviceId).map((h) => h.month).sort()[0];
        const dates = first ? quarterEnds(first, now) : [];
        const values = openFindingsOf(history, i.serviceId, dates);
        return { id: i.id, name: i.name, unit: i.unit, source: i.source, baseline: i.baseline, target: i.target, computed: true, points: dates.map((date, n) => ({ date, value: values[n]! })) };
      }
      return { id: i.id, name: i.name, unit: i.unit, source: i.source, baseline: i.baseline, target: i.target, computed: false, points: i.measurements.map((m) => ({ date: m.measuredOn, value: m.value })) };
    });
  let tracker: PublicPlan['tracker'] = null;
  if (live.plan.kind === 'action-plan') {
    const serviceIds = [...new Set(history.map((h) => h.serviceId))].sort();
    const services = await servicesOf(db, territoryId);
    tracker = { ...trackerOf(history, serviceIds, now), serviceNames: Object.fromEntries(services.map((s) => [s.id, { ...s.nameTranslations, default: s.name }])) };
  }
  return { plan: live.plan, version, versions, goals: snapshot.goals, measures, indicators, tracker };
}

/** The plan's slug exists and has a published version (for open data addresses). */
export async function publishedPlanExists(db: Db, territoryId: string, slug: string): Promise<boolean> {
  const row = await findPlan(db, territoryId, slug);
  return Boolean(row && row.publishedVersion > 0);
}

/** Open data: one row per measure of the published version, with its follow-up. */
export function measuresTable(page: PublicPlan, locale: string): { header: string[]; rows: (string | number | null)[][] } {
  const text = (t: Translated) => t[locale] ?? Object.values(t).find(Boolean) ?? '';
  const goalCode = new Map(page.goals.map((g) => [g.id, g.code]));
  return {
    header: ['goal', 'code', 'title', 'department', 'owner', 'organisations', 'deadline', 'status', 'progress', 'findings_not_yet_solved', 'findings_verified'],
    rows: page.measures.map((m) => [
      goalCode.get(m.goalId) ?? '',
      m.code,
      text(m.title),
      m.department[locale] ?? m.department.default,
      m.owner,
      m.organisations.join(', '),
      m.deadline,
      m.status,
      m.percent,
      m.followUp?.notYet.value ?? (m.followUp ? null : 0),
      m.followUp?.verified.value ?? (m.followUp ? null : 0),
    ]),
  };
}
