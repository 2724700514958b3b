// The staff list of a territory's organisations (territory admins, the promoting group): who is registered, who the
// council has verified, who has joined the Agreement — searched, filtered with counts, sorted and paged, all in the URL.
import { and, asc, count, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { requirePermission, type Actor, type Outcome } from '../../../platform/auth/permissions.ts';
import { likePattern, windowOf, type ListPage, type ListQuery } from '../../../platform/views/list-query.ts';
import { adhesion, adhesionStatuses, organisation, organisationTypes, type AdhesionStatus, type OrganisationType } from '../agreement.schema.ts';

export const organisationListSorts = ['name', 'registered', 'verified'] as const;
export type OrganisationListSort = (typeof organisationListSorts)[number];
export const organisationListDefaults = { sort: 'registered', dir: 'desc' } as const;

export const verificationFilters = ['verified', 'unverified'] as const;
export type VerificationFilter = (typeof verificationFilters)[number];
/** An organisation's standing in the territory's Agreement; "none" when it has never signed. */
export const standingFilters = [...adhesionStatuses, 'none'] as const;
export type StandingFilter = (typeof standingFilters)[number];

export interface OrganisationListFilter {
  verification?: VerificationFilter | undefined;
  type?: OrganisationType | undefined;
  standing?: StandingFilter | undefined;
}

export interface OrganisationListRow {
  id: string;
  name: string;
  type: OrganisationType;
  registeredAt: Date;
  verifiedAt: Date | null;
  standing: StandingFilter;
}

export interface OrganisationList extends ListPage<OrganisationListRow> {
  /** Per filter, how many match the search and the other two filters in each of its values. */
  byVerification: Record<VerificationFilter, number>;
  byType: Record<OrganisationType, number>;
  byStanding: Record<StandingFilter, number>;
  /** How many match the search alone (every filter at "all"). */
  searched: number;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * The organisations registered in a territory, for its staff. The counts come from one grouped query over the
 * searched organisations, so that each filter's counts say how many there are with the other filters in force.
 */
export async function listTerritoryOrganisations(
  db: Db,
  actor: Actor | null,
  territoryId: string,
  filter: OrganisationListFilter,
  list: ListQuery<OrganisationListSort>,
): Promise<Outcome<OrganisationList>> {
  const allowed = requirePermission(actor, 'agreement.organisation.list', { territoryId });
  if (!allowed.ok) return { ok: false, error: allowed.reason };
  const joined = and(eq(adhesion.organisationId, organisation.id), eq(adhesion.territoryId, territoryId));
  const searched: SQL[] = [eq(organisation.territoryId, territoryId)];
  if (list.q) searched.push(ilike(organisation.name, likePattern(list.q)));
  const filtered = [...searched];
  if (filter.verification) filtered.push(filter.verification === 'verified' ? isNotNull(organisation.verifiedAt) : isNull(organisation.verifiedAt));
  if (filter.type) filtered.push(eq(organisation.type, filter.type));
  if (filter.standing) filtered.push(filter.standing === 'none' ? isNull(adhesion.status) : eq(adhesion.status, filter.standing));
  const order = list.dir === 'asc' ? asc : desc;
  const column = { name: organisation.name, registered: organisation.createdAt, verified: organisation.verifiedAt }[list.sort];
  // The unverified come last whichever way the verification dates are sorted.
  const nullsLast = list.sort === 'verified' ? [sql`${organisation.verifiedAt} IS NULL`] : [];
  const { limit, offset } = windowOf(list);
  const verifiedColumn = sql<boolean>`${organisation.verifiedAt} IS NOT NULL`;
  const [rows, groups] = await Promise.all([
    db
      .select({ id: organisation.id, name: organisation.name, type: organisation.type, registeredAt: organisation.createdAt, verifiedAt: organisation.verifiedAt, status: adhesion.status })
      .from(organisation)
      .leftJoin(adhesion, joined)
      .where(and(...filtered))
      .orderBy(...nullsLast, order(column), asc(organisation.name), asc(organisation.id))
      .limit(limit)
      .offset(offset),
    db
      .select({ verified: verifiedColumn, type: organisation.type, status: adhesion.status, count: count() })
      .from(organisation)
      .leftJoin(adhesion, joined)
      .where(and(...searched))
      .groupBy(verifiedColumn, organisation.type, adhesion.status),
  ]);
  const byVerification = zeros(verificationFilters);
  const byType = zeros(organisationTypes);
  const byStanding = zeros(standingFilters);
  let total = 0;
  let all = 0;
  for (const g of groups) {
    const n = Number(g.count);
    const verification: VerificationFilter = g.verified ? 'verified' : 'unverified';
    const standing: StandingFilter = g.status ?? 'none';
    const matches = { verification: !filter.verification || filter.verification === verification, type: !filter.type || filter.type === g.type, standing: !filter.standing || filter.standing === standing };
    all += n;
    if (matches.type && matches.standing) byVerification[verification] += n;
    if (matches.verification && matches.standing) byType[g.type] += n;
    if (matches.verification && matches.type) byStanding[standing] += n;
    if (matches.verification && matches.type && matches.standing) total += n;
  }
  return {
    ok: true,
    value: {
      rows: rows.map((r) => ({ id: r.id, name: r.name, type: r.type, registeredAt: r.registeredAt, verifiedAt: r.verifiedAt, standing: (r.status as AdhesionStatus | null) ?? 'none' })),
      total,
      byVerification,
      byType,
      byStanding,
      searched: all,
    },
  };
}
