// The coordinator's list of a campaign's visits: searched by facility or auditor's code name, filtered by status,
// method and auditor with counts, sorted and paged, all in the URL (a campaign may schedule hundreds of visits).
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { likePattern, windowOf, type ListPage, type ListQuery } from '../../../platform/views/list-query.ts';
import { facilitiesOf } from '../../catalogue/catalogue.service.ts';
import { auditor, campaignMethods, visit, type CampaignMethod } from '../audit.schema.ts';
import { campaignOf } from './campaign.service.ts';

export const visitStatuses = ['scheduled', 'draft', 'submitted'] as const;
export type VisitStatus = (typeof visitStatuses)[number];
export const visitSorts = ['scheduled', 'facility', 'auditor', 'method', 'status'] as const;
export type VisitSort = (typeof visitSorts)[number];
export const visitListDefaults = { sort: 'scheduled', dir: 'asc' } as const;

export interface VisitFilter {
  status?: VisitStatus | undefined;
  method?: CampaignMethod | undefined;
  auditorId?: string | undefined;
}

export interface VisitListRow {
  id: string;
  facilityId: string;
  auditorId: string;
  auditorCodeName: string;
  method: CampaignMethod;
  scheduledOn: string;
  status: VisitStatus;
}

export interface VisitList extends ListPage<VisitListRow> {
  /** How many match the search, the auditor and the method in each status; and the search, auditor and status in each method. */
  byStatus: Record<VisitStatus, number>;
  byMethod: Record<CampaignMethod, number>;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function listCampaignVisits(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  campaignId: string,
  filter: VisitFilter,
  list: ListQuery<VisitSort>,
  locale: string,
): Promise<Outcome<VisitList, 'not-found'>> {
  const permission = requirePermission(actor, 'audits.campaign.manage', { territoryId, campaignId });
  if (!permission.ok) return { ok: false, error: permission.reason };
  const found = await campaignOf(db, territoryId, campaignId);
  if (!found) return { ok: false, error: 'not-found' };
  // Facility names belong to the catalogue: read through its service, searched and ordered here by id.
  const facilities = (await facilitiesOf(db, territoryId)).filter((f) => found.facilityIds.includes(f.id));
  const byName = [...facilities].sort((a, b) => a.name.localeCompare(b.name, locale)).map((f) => f.id);
  const searched: SQL[] = [eq(visit.campaignId, campaignId)];
  if (filter.auditorId) searched.push(/^[0-9a-f-]{36}$/.test(filter.auditorId) ? eq(visit.auditorId, filter.auditorId) : sql`false`);
  if (list.q) {
    const needle = list.q.toLocaleLowerCase(locale);
    const places = facilities.filter((f) => f.name.toLocaleLowerCase(locale).includes(needle)).map((f) => f.id);
    const byCode = ilike(auditor.codeName, likePattern(list.q));
    searched.push(places.length > 0 ? or(inArray(visit.facilityId, places), byCode)! : byCode);
  }
  const filtered = [...searched];
  if (filter.status) filtered.push(eq(visit.status, filter.status));
  if (filter.method) filtered.push(eq(visit.method, filter.method));
  const order = list.dir === 'asc' ? asc : desc;
  const facilityOrder = sql`array_position(${sql`ARRAY[${sql.join(byName.length > 0 ? byName.map((id) => sql`${id}`) : [sql`NULL`], sql`, `)}]::uuid[]`}, ${visit.facilityId})`;
  const column = { scheduled: visit.scheduledOn, facility: facilityOrder, auditor: auditor.codeName, method: visit.method, status: visit.status }[list.sort];
  const { limit, offset } = windowOf(list);
  const [rows, groups] = await Promise.all([
    db
      .select({ id: visit.id, facilityId: visit.facilityId, auditorId: visit.auditorId, auditorCodeName: auditor.codeName, method: visit.method, scheduledOn: visit.scheduledOn, status: visit.status })
      .from(visit)
      .innerJoin(auditor, eq(auditor.id, visit.auditorId))
      .where(and(...filtered))
      .orderBy(order(column), asc(visit.scheduledOn), asc(visit.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ status: visit.status, method: visit.method, count: count() })
      .from(visit)
      .innerJoin(auditor, eq(auditor.id, visit.auditorId))
      .where(and(...searched))
      .groupBy(visit.status, visit.method),
  ]);
  const byStatus = zeros(visitStatuses);
  const byMethod = zeros(campaignMethods);
  let total = 0;
  for (const g of groups) {
    const n = Number(g.count);
    const status = !filter.status || filter.status === g.status;
    const method = !filter.method || filter.method === g.method;
    if (method) byStatus[g.status] += n;
    if (status) byMethod[g.method] += n;
    if (status && method) total += n;
  }
  return { ok: true, value: { rows, total, byStatus, byMethod } };
}
