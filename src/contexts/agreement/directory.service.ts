// The directory (Connect): member organisations and networks of a territory's Agreement, found by a search
// that ignores accents and tolerates typos (unaccent + pg_trgm word similarity, through a GIN trigram index).
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { adhesion, network, networkMember, organisation } from './agreement.schema.ts';
import { isUuid } from './organisation.service.ts';

export interface DirectoryQuery {
  q?: string;
  type?: string;
  area?: string;
  district?: string;
  network?: string;
  language?: string;
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  type: string;
  description: string;
  areas: string[];
  districtIds: string[];
  languages: string[];
  verified: boolean;
}

export interface DirectoryResult {
  organisations: DirectoryOrganisation[];
  /** How many organisations match in all (the list shows the first `limit`). */
  total: number;
  networks: { id: string; slug: string; name: Record<string, string> }[];
  /** Matching member organisations per district id (an organisation acting in two districts counts in both). */
  perDistrict: Map<string, number>;
}

/** Lowest word similarity (0–1) that counts as a match: low enough for one or two wrong letters. */
export const similarityThreshold = 0.45;

/** The words of a search worth matching: at most 6, each at least 3 letters. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s,.;:!?¿¡()"'«»/\\]+/u)
    .map((w) => w.trim())
    .filter((w) => [...w].length >= 3)
    .slice(0, 6);
}

interface SearchRow {
  total: number;
  organisations: { id: string; name: string; type: string; description: string; areas: string[]; district_ids: string[]; languages: string[]; verified: boolean }[];
  per_district: Record<string, number> | null;
}

/**
 * One query: the index finds candidates for every word (GIN trigram on the unaccented text), each candidate's
 * similarity is computed once in a materialised CTE, and the page of results, the total and the counts per district
 * all come from it.
 */
export async function searchDirectory(db: Db, territoryId: string, query: DirectoryQuery, limit = 50): Promise<DirectoryResult> {
  const words = searchWords(query.q);
  const text = sql`agreement_search_text(${organisation.searchDocument})`;
  const where: SQL[] = [eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member')];
  for (const w of words) where.push(sql`agreement_search_text(${w}) <% ${text}`);
  if (query.type) where.push(sql`${organisation.type} = ${query.type}`);
  if (query.area) where.push(sql`${organisation.areas} @> array[${query.area}]::text[]`);
  if (query.district && isUuid(query.district)) where.push(sql`${organisation.districtIds} @> array[${query.district}]::uuid[]`);
  if (query.language) where.push(sql`${organisation.languages} @> array[${query.language}]::text[]`);
  if (query.network && isUuid(query.network)) {
    where.push(sql`exists (select 1 from ${networkMember} nm where nm.organisation_id = ${organisation.id} and nm.network_id = ${query.network} and nm.status = 'member')`);
  }
  const score = words.length ? sql.join(words.map((w) => sql`word_similarity(agreement_search_text(${w}), ${text})`), sql` + `) : sql`0::real`;

  return db.transaction(async (tx) => {
    // The threshold the <% operator (and so the index) uses, for this transaction only.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(similarityThreshold)}, true)`);
    const result = await tx.execute(sql`
      with m as materialized (
        select ${organisation.id} as id, ${organisation.name} as name, ${organisation.type} as type, ${organisation.description} as description,
               ${organisation.areas} as areas, ${organisation.districtIds} as district_ids, ${organisation.languages} as languages,
               ${organisation.verifiedAt} is not null as verified, ${score} as score
        from ${organisation} inner join ${adhesion} on ${adhesion.organisationId} = ${organisation.id}
        where ${and(...where)}
      )
      select
        (select count(*)::int from m) as total,
        (select coalesce(json_agg(r), '[]'::json) from (select id, name, type, description, areas, district_ids, languages, verified from m order by score desc, name limit ${limit}) r) as organisations,
        (select json_object_agg(d.id, d.n) from (select unnest(district_ids) as id, count(*)::int as n from m group by 1) d) as per_district`);
    const row = (result as unknown as { rows: SearchRow[] }).rows[0]!;
    const networkWhere: SQL[] = [eq(network.territoryId, territoryId)];
    for (const w of words) networkWhere.push(sql`agreement_search_text(${w}) <% agreement_search_text(${network.searchDocument})`);
    if (query.area) networkWhere.push(sql`${network.areas} @> array[${query.area}]::text[]`);
    if (query.network && isUuid(query.network)) networkWhere.push(eq(network.id, query.network));
    const networks =
      query.type || query.district || query.language
        ? []
        : await tx.select({ id: network.id, slug: network.slug, name: network.name }).from(network).where(and(...networkWhere)).orderBy(asc(network.slug));
    return {
      organisations: row.organisations.map(({ district_ids, ...o }) => ({ ...o, districtIds: district_ids })),
      total: row.total,
      networks,
      perDistrict: new Map(Object.entries(row.per_district ?? {})),
    };
  });
}
