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

export async function searchDirectory(db: Db, territoryId: string, query: DirectoryQuery, limit = 50): Promise<DirectoryResult> {
  const words = searchWords(query.q);
  const document = sql`agreement_search_text(${organisation.searchDocument})`;
  const where: SQL[] = [];
  for (const w of words) where.push(sql`agreement_search_text(${w}) <% ${document}`);
  if (query.type) where.push(eq(organisation.type, query.type as never));
  if (query.area) where.push(sql`${organisation.areas} @> array[${query.area}]::text[]`);
  if (query.district && isUuid(query.district)) where.push(sql`${organisation.districtIds} @> array[${query.district}]::uuid[]`);
  if (query.language) where.push(sql`${organisation.languages} @> array[${query.language}]::text[]`);
  if (query.network && isUuid(query.network)) {
    where.push(sql`exists (select 1 from ${networkMember} nm where nm.organisation_id = ${organisation.id} and nm.network_id = ${query.network} and nm.status = 'member')`);
  }
  const score = words.length ? sql<number>`(${sql.join(words.map((w) => sql`word_similarity(agreement_search_text(${w}), ${document})`), sql` + `)})` : sql<number>`0::real`;
  const membership = and(eq(adhesion.organisationId, organisation.id), eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member'));
  const filter = where.length ? and(...where) : undefined;

  return db.transaction(async (tx) => {
    // The threshold the <% operator (and so the index) uses, for this transaction only.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(similarityThreshold)}, true)`);
    const rows = await tx
      .select({
        id: organisation.id,
        name: organisation.name,
        type: organisation.type,
        description: organisation.description,
        areas: organisation.areas,
        districtIds: organisation.districtIds,
        languages: organisation.languages,
        verifiedAt: organisation.verifiedAt,
        score,
        total: sql<number>`count(*) over ()::int`,
      })
      .from(organisation)
      .innerJoin(adhesion, membership)
      .where(filter)
      .orderBy(sql`${score} desc`, asc(organisation.name))
      .limit(limit);
    const districtRows = await tx
      .select({ districtId: sql<string>`d.id`, count: sql<number>`count(*)::int` })
      .from(organisation)
      .innerJoin(adhesion, membership)
      .innerJoin(sql`unnest(${organisation.districtIds}) as d(id)`, sql`true`)
      .where(filter)
      .groupBy(sql`d.id`);
    const networkWhere: SQL[] = [eq(network.territoryId, territoryId)];
    for (const w of words) networkWhere.push(sql`agreement_search_text(${w}) <% agreement_search_text(${network.searchDocument})`);
    if (query.area) networkWhere.push(sql`${network.areas} @> array[${query.area}]::text[]`);
    if (query.network && isUuid(query.network)) networkWhere.push(eq(network.id, query.network));
    const networks =
      query.type || query.district || query.language
        ? []
        : await tx.select({ id: network.id, slug: network.slug, name: network.name }).from(network).where(and(...networkWhere)).orderBy(asc(network.slug));
    return {
      organisations: rows.map(({ verifiedAt, score: _score, total: _total, ...r }) => ({ ...r, verified: verifiedAt !== null })),
      total: rows[0]?.total ?? 0,
      networks,
      perDistrict: new Map(districtRows.map((r) => [r.districtId, r.count])),
    };
  });
}
