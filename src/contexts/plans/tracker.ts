// The zero-discrimination tracker: findings open, addressed and verified over time and per service, and the
// share verified. Counts from 1 to k − 1 are shown as "< k"; the per-service table is protected with its
// totals together (secondary suppression), so no hidden cell can be worked out from the margins.
import type { Db } from '../../platform/db/client.ts';
import { findingHistory } from '../audits/findings/finding.service.ts';
import { protectTable, type PublishedCell, type PublishedTable } from '../diagnosis/diagnosis.service.ts';

export const k = 5;
export const trackerStates = ['open', 'addressed', 'verified'] as const;
export type TrackerState = (typeof trackerStates)[number];

export interface FindingTimeline {
  serviceId: string;
  /** 'YYYY-MM' when the barrier was observed. */
  month: string;
  changes: { toStatus: string; at: Date }[];
}

/** The last day of each quarter from the first observed month to `until`, as YYYY-MM-DD. */
export function quarterEnds(firstMonth: string, until: Date): string[] {
  const [y, m] = firstMonth.split('-').map(Number) as [number, number];
  let year = y;
  let quarter = Math.floor((m - 1) / 3);
  const ends: string[] = [];
  const last = until.toISOString().slice(0, 10);
  for (;;) {
    const endMonth = quarter * 3 + 3;
    const end = new Date(Date.UTC(year, endMonth, 0)).toISOString().slice(0, 10);
    ends.push(end);
    if (end >= last) break;
    quarter++;
    if (quarter === 4) {
      quarter = 0;
      year++;
    }
  }
  return ends;
}

/** Where a finding stood at the end of a day: open from the month observed, then as its changes say. */
export function stateAt(finding: FindingTimeline, day: string): TrackerState | null {
  if (`${finding.month}-01` > day) return null;
  let state: TrackerState | null = null;
  for (const c of finding.changes) {
    if (c.at.toISOString().slice(0, 10) > day) break;
    if (c.toStatus === 'validated') state = 'open';
    else if (c.toStatus === 'addressed') state = 'addressed';
    else if (c.toStatus === 'verified') state = 'verified';
    else if (c.toStatus === 'withdrawn') state = null;
  }
  // A finding validated later counts as open from the month the barrier was seen.
  return state ?? (finding.changes.some((c) => c.toStatus === 'validated') ? 'open' : null);
}

export interface TrackerSeries {
  dates: string[];
  /** One value per date and state; null when 1 to k − 1. */
  values: Record<TrackerState, (number | null)[]>;
}

const small = (n: number) => (n > 0 && n < k ? null : n);

export function trackerSeries(findings: FindingTimeline[], until: Date): TrackerSeries {
  if (findings.length === 0) return { dates: [], values: { open: [], addressed: [], verified: [] } };
  const firstMonth = findings.map((f) => f.month).sort()[0]!;
  const dates = quarterEnds(firstMonth, until);
  const values: TrackerSeries['values'] = { open: [], addressed: [], verified: [] };
  for (const day of dates) {
    const counts = { open: 0, addressed: 0, verified: 0 };
    for (const f of findings) {
      const s = stateAt(f, day);
      if (s) counts[s]++;
    }
    for (const s of trackerStates) values[s].push(small(counts[s]));
  }
  return { dates, values };
}

export interface Tracker {
  series: TrackerSeries;
  /** Rows: services; columns: open, addressed, verified; protected together with their totals. */
  byService: PublishedTable;
  /** Share of findings verified (0–1), or null when a count it needs is hidden. */
  shareVerified: number | null;
  /** Per service, the same share where both counts are shown. */
  shareByService: (number | null)[];
}

export function trackerOf(findings: FindingTimeline[], serviceIds: string[], until: Date): Tracker {
  const today = until.toISOString().slice(0, 10);
  const values = serviceIds.map((serviceId) => {
    const counts = { open: 0, addressed: 0, verified: 0 };
    for (const f of findings) {
      if (f.serviceId !== serviceId) continue;
      const s = stateAt(f, today);
      if (s) counts[s]++;
    }
    return trackerStates.map((s) => counts[s]);
  });
  const byService = protectTable({ rows: serviceIds, cols: [...trackerStates], values }, k);
  const share = (verified: PublishedCell, total: PublishedCell) => (verified.value !== null && total.value !== null && total.value > 0 ? verified.value / total.value : null);
  return {
    series: trackerSeries(findings, until),
    byService,
    shareVerified: share(byService.colTotals[2]!, byService.total),
    shareByService: byService.cells.map((row, r) => share(row[2]!, byService.rowTotals[r]!)),
  };
}

/** The tracker of a territory, from the audits' findings (service-level observations, no person). */
export async function territoryTracker(db: Db, territoryId: string, until = new Date()): Promise<Tracker> {
  const history = await findingHistory(db, territoryId);
  const serviceIds = [...new Set(history.map((h) => h.serviceId))].sort();
  return trackerOf(history, serviceIds, until);
}

/** An indicator computed from the platform: open findings (open or addressed) of one service at each date. */
export function openFindingsOf(findings: FindingTimeline[], serviceId: string, dates: string[]): (number | null)[] {
  return dates.map((day) => small(findings.filter((f) => f.serviceId === serviceId && ['open', 'addressed'].includes(stateAt(f, day) ?? '')).length));
}
