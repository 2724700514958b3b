// The directory (Connect): member organisations and networks of a territory's Agreement, found by a search
// that ignores accents (unaccent) and tolerates typos (pg_trgm over the directory's words, then full-text search).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { adhesion, network, networkMember, organisation, searchWord } from '../agreement.schema.ts';
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

/** Lowest trigram similarity (0–1) between a typed word and a word of the directory: a wrong, missing or swapped letter. */
export const similarityThreshold = 0.4;
/** How many words of the directory one misspelt word may stand for. */
const alternativesPerTerm = 8;

/** The words of a search worth matching: at most 6, each at least 3 letters. */
export function searchWords(q: string | undefined): string[] {
  return (q ?? '')
    .split(/[\s,.;:!?¿¡()"'«»/\\]+/u)
    .map((w) => w.trim())
    .filter((w) => [...w].length >= 3)
    .slice(0, 6);
}

/**
 * The terms a search looks for, as PostgreSQL's simple parser cuts a document into words: letters and digits only,
 * without accents, in lower case (so "d’Inserció" gives "insercio"), at least 3 letters, at most 6 terms.
 */
export function searchTerms(q: string | undefined): string[] {
  const terms = searchWords(q).flatMap((w) =>
    w
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u),
  );
  return [...new Set(terms.filter((t) => [...t].length >= 3))].slice(0, 6);
}

interface SearchRow {
  total: number;
  organisations: { id: string; name: string; type: string; description: string; areas: string[]; district_ids: string[]; languages: string[]; verified: boolean }[];
  per_district: Record<string, number> | null;
  networks: { id: string; slug: string; name: Record<string, string> }[] | null;
}

/**
 * After a bulk import: fresh planner statistics, so the directory's search goes through its indexes. The embedded
 * engine has no autovacuum to do it, and PostgreSQL's comes only later.
 */
export async function refreshDirectoryStatistics(db: Db): Promise<void> {
  await db.execute(sql`analyze ${organisation}, ${adhesion}, ${searchWord}`);
}

/** A lexeme as a tsquery literal: quoted, so that no character in it is read as an operator. */
const lexeme = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * Each typed term, unaccented, and the directory's words it resembles (trigram similarity over the vocabulary,
 * a few thousand words with their own index). Each term is a constant of its own, so the planner uses the index.
 */
async function alternativesFor(db: Db, terms: string[]): Promise<{ term: string; words: string[] }[]> {
  const lookups = terms.map(
    (term, i) => sql`select ${i}::int as i, t.term, array(
        select w.word from ${searchWord} w
        where w.word % t.term and similarity(w.word, t.term) >= ${similarityThreshold} and w.word <> t.term
        order by similarity(w.word, t.term) desc, w.word limit ${alternativesPerTerm}) as words
      from (select agreement_search_text(${term}) as term) t`,
  );
  const result = await db.execute(sql`${sql.join(lookups, sql` union all `)} order by i`);
  return (result as unknown as { rows: { term: string; words: string[] }[] }).rows;
}

/**
 * Two statements. First each typed word is matched against the directory's vocabulary and stands for the words it
 * resembles; then the full-text index finds the organisations that have, for every typed word, one of its words
 * (or a word it begins). No similarity is computed over whole documents. The matches are kept narrow (id, name,
 * districts, rank) for the total and the counts per district; only the page of results is read in full.
 */
export async function searchDirectory(db: Db, territoryId: string, query: DirectoryQuery, limit = 50): Promise<DirectoryResult> {
  const terms = searchTerms(query.q);
  // Typed words that hold no letter worth searching (e.g. "d’a") find nothing rather than everything.
  if (searchWords(query.q).length > 0 && terms.length === 0) return { organisations: [], total: 0, networks: [], perDistrict: new Map() };
  const alternatives = terms.length ? await alternativesFor(db, terms) : [];
  const fuzzy = alternatives.map(({ term, words }) => `(${[lexeme(term) + ([...term].length >= 4 ? ':*' : ''), ...words.map(lexeme)].join(' | ')})`).join(' & ');
  const exact = alternatives.map(({ term }) => lexeme(term)).join(' | ');
  const matches = sql`(${fuzzy}::tsquery)`;
  const where: SQL[] = [eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member')];
  if (terms.length) where.push(sql`${organisation.searchVector} @@ ${matches}`);
  if (query.type) where.push(sql`${organisation.type} = ${query.type}`);
  if (query.area) where.push(sql`${organisation.areas} @> array[${query.area}]::text[]`);
  if (query.district && isUuid(query.district)) where.push(sql`${organisation.districtIds} @> array[${query.district}]::uuid[]`);
  if (query.language) where.push(sql`${organisation.languages} @> array[${query.language}]::text[]`);
  if (query.network && isUuid(query.network)) {
    where.push(sql`exists (select 1 from ${networkMember} nm where nm.organisation_id = ${organisation.id} and nm.network_id = ${query.network} and nm.status = 'member')`);
  }
  // Organisations with the typed words themselves, and in their name, come before those found through a typo.
  const score = terms.length ? sql`(${organisation.searchVector} @@ (${exact}::tsquery))::int + ts_rank(${organisation.searchVector}, ${matches})` : sql`0::real`;
  // Networks are found by the same words, unless a filter only organisations have is set.
  const networkWhere: SQL[] = [eq(network.territoryId, territoryId)];
  if (terms.length) networkWhere.push(sql`${network.searchVector} @@ ${matches}`);
  if (query.area) networkWhere.push(sql`${network.areas} @> array[${query.area}]::text[]`);
  if (query.network && isUuid(query.network)) networkWhere.push(eq(network.id, query.network));
  const networks =
    query.type || query.district || query.language
      ? sql`null::json`
      : sql`(select json_agg(n order by n.slug) from (select ${network.id} as id, ${network.slug} as slug, ${network.name} as name from ${network} where ${and(...networkWhere)}) n)`;

  const result = await db.execute(sql`
    with m as materialized (
      select ${organisation.id} as id, ${organisation.name} as name, ${organisation.districtIds} as district_ids, ${score} as score
      from ${organisation} inner join ${adhesion} on ${adhesion.organisationId} = ${organisation.id}
      where ${and(...where)}
    ), page as (
      select id, name, score from m order by score desc, name limit ${limit}
    )
    select
      (select count(*)::int from m) as total,
      (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'type', o.type, 'description', o.description, 'areas', o.areas,
                'district_ids', o.district_ids, 'languages', o.languages, 'verified', o.verified_at is not null) order by page.score desc, page.name), '[]'::json)
         from page inner join ${organisation} o on o.id = page.id) as organisations,
      (select json_object_agg(d.id, d.n) from (select unnest(district_ids) as id, count(*)::int as n from m group by 1) d) as per_district,
      ${networks} as networks`);
  const row = (result as unknown as { rows: SearchRow[] }).rows[0]!;
  return {
    organisations: row.organisations.map(({ district_ids, ...o }) => ({ ...o, districtIds: district_ids })),
    total: row.total,
    networks: row.networks ?? [],
    perDistrict: new Map(Object.entries(row.per_district ?? {})),
  };
}
