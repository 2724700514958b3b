// Campaign results and findings for the API and CSV exports. Never any auditor's personal data: no
// names, contacts, code names or person ids; answers only as counts.
import { eq, inArray } from 'drizzle-orm';
import { writeCsv } from '../../platform/csv/csv.ts';
import type { Db } from '../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../platform/auth/permissions.ts';
import { answer, visit } from './audit.schema.ts';
import { campaignOf } from './campaigns/campaign.service.ts';
import { facilitiesOf, servicesOf } from '../catalogue/catalogue.service.ts';
import { listFindings, type Finding } from './findings/finding.service.ts';
import { versionOf } from './instruments/instrument.service.ts';
import { pairedResults, type PairedResult } from './campaigns/pairs.service.ts';

export interface ItemResult {
  instrumentVersionId: string;
  item: string;
  type: string;
  dimension: string;
  answered: number;
  /** Value → count, for yes/no and choices. */
  counts: Record<string, number>;
  /** For scales and numbers. */
  mean: number | null;
}

export interface CampaignResults {
  campaign: { id: string; title: string; startsOn: string; endsOn: string; methods: string[]; services: number; facilities: number };
  visits: { scheduled: number; draft: number; submitted: number };
  items: ItemResult[];
  findings: Record<string, number>;
  pairedTests: PairedResult[];
}

export async function campaignResults(db: Db, actor: Actor | null, territoryId: string, campaignId: string): Promise<Outcome<CampaignResults, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.results.view', { territoryId, campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, territoryId, campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  const visits = await db.select().from(visit).where(eq(visit.campaignId, found.id));
  const submitted = visits.filter((v) => v.status === 'submitted');
  const answers = submitted.length ? await db.select().from(answer).where(inArray(answer.visitId, submitted.map((v) => v.id))) : [];
  const items: ItemResult[] = [];
  for (const versionId of found.instrumentVersionIds) {
    const version = await versionOf(db, territoryId, versionId);
    if (!version) continue;
    for (const item of version.definition.sections.flatMap((s) => s.items)) {
      if (item.type === 'text' || item.type === 'photo' || item.type === 'document' || item.type === 'date') continue;
      const given = answers.filter((a) => a.instrumentVersionId === versionId && a.itemName === item.name && a.value.value !== null && a.value.value !== '');
      const counts: Record<string, number> = {};
      let sum = 0;
      let numbers = 0;
      for (const a of given) {
        const v = a.value.value;
        if (typeof v === 'number') {
          sum += v;
          numbers++;
        } else for (const key of Array.isArray(v) ? v : [String(v)]) counts[key] = (counts[key] ?? 0) + 1;
      }
      items.push({ instrumentVersionId: versionId, item: item.name, type: item.type, dimension: item.dimension, answered: given.length, counts, mean: numbers ? sum / numbers : null });
    }
  }
  const findings = await listFindings(db, actor, territoryId, { campaignId: found.id });
  const byStatus: Record<string, number> = {};
  for (const f of findings.ok ? findings.value : []) byStatus[f.status] = (byStatus[f.status] ?? 0) + 1;
  const paired = await pairedResults(db, actor, territoryId, found.id);
  return {
    ok: true,
    value: {
      campaign: { id: found.id, title: found.title, startsOn: found.startsOn, endsOn: found.endsOn, methods: found.methods, services: found.serviceIds.length, facilities: found.facilityIds.length },
      visits: {
        scheduled: visits.filter((v) => v.status === 'scheduled').length,
        draft: visits.filter((v) => v.status === 'draft').length,
        submitted: submitted.length,
      },
      items,
      findings: byStatus,
      pairedTests: paired.ok ? paired.value.results : [],
    },
  };
}

/** A finding as published: classification only, no person ids. */
export interface FindingRecord {
  id: string;
  campaignId: string | null;
  service: string;
  facility: string | null;
  districtId: string | null;
  dimension: string;
  grounds: string[];
  severity: number;
  status: string;
  month: string;
  title: string;
  barrier: string | null;
}

export async function findingRecords(db: Db, actor: Actor | null, territoryId: string, campaignId?: string): Promise<Outcome<FindingRecord[]>> {
  const listed = await listFindings(db, actor, territoryId, campaignId ? { campaignId } : {});
  if (!listed.ok) return listed;
  const [services, facilities] = await Promise.all([servicesOf(db, territoryId), facilitiesOf(db, territoryId)]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const facilityName = new Map(facilities.map((f) => [f.id, f.name]));
  return {
    ok: true,
    value: listed.value.map((f: Finding) => ({
      id: f.id,
      campaignId: f.campaignId,
      service: serviceName.get(f.serviceId) ?? '',
      facility: f.facilityId ? (facilityName.get(f.facilityId) ?? null) : null,
      districtId: f.districtId,
      dimension: f.dimension,
      grounds: f.grounds,
      severity: f.severity,
      status: f.status,
      month: f.month,
      title: f.title,
      barrier: f.barrier,
    })),
  };
}

export function findingsCsv(records: FindingRecord[]): string {
  const header = ['id', 'campaign_id', 'service', 'facility', 'district_id', 'dimension', 'grounds', 'severity', 'status', 'month', 'title', 'barrier'] as const;
  return writeCsv([
    [...header],
    ...records.map((r) => [r.id, r.campaignId ?? '', r.service, r.facility ?? '', r.districtId ?? '', r.dimension, r.grounds.join(' '), String(r.severity), r.status, r.month, r.title, r.barrier ?? '']),
  ]);
}

export function resultsCsv(results: CampaignResults): string {
  const rows: string[][] = [['section', 'key', 'subkey', 'value']];
  rows.push(['visits', 'scheduled', '', String(results.visits.scheduled)], ['visits', 'draft', '', String(results.visits.draft)], ['visits', 'submitted', '', String(results.visits.submitted)]);
  for (const i of results.items) {
    rows.push(['item', i.item, 'answered', String(i.answered)]);
    for (const [k, v] of Object.entries(i.counts)) rows.push(['item', i.item, k, String(v)]);
    if (i.mean !== null) rows.push(['item', i.item, 'mean', i.mean.toFixed(1)]);
  }
  for (const [status, n] of Object.entries(results.findings)) rows.push(['findings', status, '', String(n)]);
  for (const p of results.pairedTests) {
    const key = `${p.serviceId}:${p.ground}`;
    rows.push(['paired', key, 'pairs', String(p.pairs)], ['paired', key, 'both_well', String(p.bothWell)], ['paired', key, 'both_badly', String(p.bothBadly)]);
    rows.push(['paired', key, 'minority_worse', String(p.minorityWorse)], ['paired', key, 'majority_worse', String(p.majorityWorse)]);
    if (p.netRate !== null) rows.push(['paired', key, 'net_rate', p.netRate.toFixed(4)]);
    if (p.interval) rows.push(['paired', key, 'ci95_lower', p.interval.lower.toFixed(4)], ['paired', key, 'ci95_upper', p.interval.upper.toFixed(4)]);
    rows.push(['paired', key, 'reliable', String(p.reliable)]);
  }
  return writeCsv(rows);
}
