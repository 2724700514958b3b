// The directory (Connect): member organisations and networks of a territory's Agreement, found by a search
// that ignores accents (unaccent) and tolerates typos (pg_trgm over the directory's words, then full-text search).
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { adhesion, network, networkMember, organisation, searchWord } from '../agreement.schema.ts';
import { areaLabelsEverywhere, districtNames, isUuid } from './organisation.service.ts';
import { stopWords, tokens, understandQuery, type NamedFilter } from './directory.query.ts';
import { areasOfWork } from '../agreement.settings.ts';
import { findTerritory } from '../../territories/territory.service.ts';

export interface DirectoryQuery {
  q?: string;
  type?: string;
  area?: string;
  district?: string;
  network?: string;
  language?: string;
  /** In a forum: the municipality where the organisation is registered (its territory's slug). */
  municipality?: string;
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
  /** The municipality (territory) where it is registered: in a forum, organisations come from several. */
  territoryId: string;
}

export interface DirectoryResult {
  organisations: DirectoryOrganisation[];
  /** How many organisations match in all (the list shows the first `limit`). */
  total: number;
  networks: { id: string; slug: string; name: Record<string, string> }[];
  /** Matching member organisations per district id (an organisation acting in two districts counts in both). */
  perDistrict: Map<string, number>;
  /** How the question was read, to show why organisations matched. */
  understood: {
    /** The words searched, unaccented. */
    terms: string[];
    /** The district and area of work the question named (taken as filters). */
    district: string | null;
    area: string | null;
    /** The words of the directory that matched a term (the term itself, and the words it resembles). */
    matchedWords: string[];
    /** True when no organisation had every word, so those with any of them are shown. */
    anyWord: boolean;
    /** True when no organisation had any of the words: those of the district and area the question named are shown. */
    withoutWords: boolean;
    /** The question without the words that named the district (or the area): the link that removes that filter. */
    withoutDistrict: string | null;
    withoutArea: string | null;
  };
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
  organisations: { id: string; name: string; type: string; description: string; areas: string[]; district_ids: string[]; languages: string[]; verified: boolean; territory_id: string }[];
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

/** A word of the directory that a typed term stands for, and how close it is (trigram similarity, 0–1). */
interface Alternative {
  word: string;
  similarity: number;
}

/**
 * Each typed term, unaccented, and the directory's words it resembles (trigram similarity over the vocabulary,
 * a few thousand words with their own index). Each term is a constant of its own, so the planner uses the index.
 */
async function alternativesFor(db: Db, terms: string[]): Promise<{ term: string; words: Alternative[] }[]> {
  const lookups = terms.map(
    (term, i) => sql`select ${i}::int as i, t.term, array(
        select json_build_object('word', w.word, 'similarity', similarity(w.word, t.term)) from ${searchWord} w
        where w.word % t.term and similarity(w.word, t.term) >= ${similarityThreshold} and w.word <> t.term
        order by similarity(w.word, t.term) desc, w.word limit ${alternativesPerTerm}) as words
      from (select agreement_search_text(${term}) as term) t`,
  );
  const result = await db.execute(sql`${sql.join(lookups, sql` union all `)} order by i`);
  return (result as unknown as { rows: { term: string; words: Alternative[] }[] }).rows;
}

/** How much a match counts by where it is: in the name, in the areas of work, elsewhere (description, districts). */
const fieldWeight = { name: 2, area: 1.5, other: 1 };

/** The areas of work and their labels in every language the platform speaks: a question may be in any of them. */
function areaFilters(): NamedFilter[] {
  return areasOfWork.map((key) => ({ key, names: areaLabelsEverywhere(key) }));
}

/** A district by its name in the territory's catalogue, and by each part of a double name ("Horta", "Guinardó"). */
export function districtFilter(key: string, name: string): NamedFilter {
  const parts = name.split(/\s*[-–]\s*/u).filter((p) => p && p !== name);
  return { key, names: [name, ...parts] };
}

/** The areas whose label has this word (or, for a term of 4 letters or more, a word it begins). */
function areasWith(word: string, prefix: boolean, areas: NamedFilter[]): string[] {
  return areas.filter((a) => a.names.some((n) => tokens(n).some((w) => w === word || (prefix && w.startsWith(word))))).map((a) => a.key);
}

/**
 * Three statements at most. The question is understood first (stop words dropped, a district or area of work it
 * names taken as a filter). Then each typed word is matched against the directory's vocabulary and stands for the
 * words it resembles; then the full-text index finds the organisations that have, for every typed word, one of its
 * words (or a word it begins). If none has them all, those that have any of them, the most first. An organisation
 * ranks by where each word is (name, areas, elsewhere) and how close the word found is to the word typed: a word
 * that only resembles it counts by the square of its similarity, so "sensellar" does not rank "Sense Barreres" high.
 * The matches are kept narrow (id, name, districts, rank) for the total and the counts per district; only the page
 * of results is read in full.
 */
export async function searchDirectory(db: Db, territoryId: string, query: DirectoryQuery, limit = 50): Promise<DirectoryResult> {
  const none: DirectoryResult = { organisations: [], total: 0, networks: [], perDistrict: new Map(), understood: { terms: [], district: null, area: null, matchedWords: [], anyWord: false, withoutWords: false, withoutDistrict: null, withoutArea: null } };
  const areas = areaFilters();
  const districts = query.q ? [...(await districtNames(db, territoryId))].map(([key, name]) => districtFilter(key, name)) : [];
  const understood = understandQuery(query.q, { districts, areas, districtChosen: Boolean(query.district), areaChosen: Boolean(query.area) });
  const { terms } = understood;
  // Typed words that hold nothing worth searching (e.g. "d’a", "qui?") find nothing rather than everything.
  if (tokens(query.q).length > 0 && terms.length === 0 && !understood.district && !understood.area) return none;
  const filters = { ...query, area: query.area || understood.area || undefined, district: query.district || understood.district || undefined };
  const alternatives = terms.length ? await alternativesFor(db, terms) : [];
  // A municipality filter names a territory by its address; one that is not a territory finds nobody.
  const municipalityId = query.municipality ? ((await findTerritory(db, query.municipality))?.id ?? null) : null;
  const perTerm = alternatives.map(({ term, words }) => ({
    term,
    // The word typed (and, from 4 letters, the words it begins) counts fully; a word it resembles, by its closeness.
    ways: [
      { query: lexeme(term) + ([...term].length >= 4 ? ':*' : ''), closeness: 1, areas: areasWith(term, [...term].length >= 4, areas) },
      ...words.map((w) => ({ query: lexeme(w.word), closeness: w.similarity ** 2, areas: areasWith(w.word, false, areas) })),
    ],
  }));
  const any = (ways: { query: string }[]) => `(${ways.map((w) => w.query).join(' | ')})`;
  const score = perTerm.length
    ? sql.join(
        perTerm.map(
          ({ ways }) =>
            sql`greatest(${sql.join(
              ways.map(
                (w) => sql`case when ts_filter(${organisation.searchVector}, '{a}') @@ ${w.query}::tsquery then ${fieldWeight.name * w.closeness}::real
                  ${w.areas.length ? sql`when ${organisation.areas} && ${sql.raw(`array[${w.areas.map((a) => `'${a}'`).join(',')}]`)}::text[] and ${organisation.searchVector} @@ ${w.query}::tsquery then ${fieldWeight.area * w.closeness}::real` : sql``}
                  when ${organisation.searchVector} @@ ${w.query}::tsquery then ${fieldWeight.other * w.closeness}::real else 0::real end`,
              ),
              sql`, `,
            )})`,
        ),
        sql` + `,
      )
    : sql`0::real`;

  const run = async (anyWord: boolean, withWords = true) => {
    const fuzzy = perTerm.map(({ ways }) => any(ways)).join(anyWord ? ' | ' : ' & ');
    const matches = sql`(${fuzzy}::tsquery)`;
    const where: SQL[] = [eq(adhesion.territoryId, territoryId), eq(adhesion.status, 'member')];
    if (terms.length && withWords) where.push(sql`${organisation.searchVector} @@ ${matches}`);
    if (filters.type) where.push(sql`${organisation.type} = ${filters.type}`);
    if (filters.area) where.push(sql`${organisation.areas} @> array[${filters.area}]::text[]`);
    if (filters.district && isUuid(filters.district)) where.push(sql`${organisation.districtIds} @> array[${filters.district}]::uuid[]`);
    if (filters.language) where.push(sql`${organisation.languages} @> array[${filters.language}]::text[]`);
    if (query.municipality) where.push(sql`${organisation.territoryId} = ${municipalityId ?? '00000000-0000-0000-0000-000000000000'}::uuid`);
    if (filters.network && isUuid(filters.network)) {
      where.push(sql`exists (select 1 from ${networkMember} nm where nm.organisation_id = ${organisation.id} and nm.network_id = ${filters.network} and nm.status = 'member')`);
    }
    // Networks are found by the same words, unless a filter only organisations have is set.
    const networkWhere: SQL[] = [eq(network.territoryId, territoryId)];
    if (terms.length && withWords) networkWhere.push(sql`${network.searchVector} @@ ${matches}`);
    if (filters.area) networkWhere.push(sql`${network.areas} @> array[${filters.area}]::text[]`);
    if (filters.network && isUuid(filters.network)) networkWhere.push(eq(network.id, filters.network));
    const networks =
      filters.type || filters.district || filters.language || query.municipality
        ? sql`null::json`
        : sql`(select json_agg(n order by n.slug) from (select ${network.id} as id, ${network.slug} as slug, ${network.name} as name from ${network} where ${and(...networkWhere)}) n)`;

    const result = await db.execute(sql`
      with m as materialized (
        select ${organisation.id} as id, ${organisation.name} as name, ${organisation.districtIds} as district_ids, ${withWords ? score : sql`0::real`} as score
        from ${organisation} inner join ${adhesion} on ${adhesion.organisationId} = ${organisation.id}
        where ${and(...where)}
      ), page as (
        select id, name, score from m order by score desc, name limit ${limit}
      )
      select
        (select count(*)::int from m) as total,
        (select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name, 'type', o.type, 'description', o.description, 'areas', o.areas,
                  'district_ids', o.district_ids, 'languages', o.languages, 'verified', o.verified_at is not null, 'territory_id', o.territory_id) order by page.score desc, page.name), '[]'::json)
           from page inner join ${organisation} o on o.id = page.id) as organisations,
        (select json_object_agg(d.id, d.n) from (select unnest(district_ids) as id, count(*)::int as n from m group by 1) d) as per_district,
        ${networks} as networks`);
    return (result as unknown as { rows: SearchRow[] }).rows[0]!;
  };
  let anyWord = false;
  let row = await run(false);
  // No organisation has every word: those with any of them, the ones with more words (and better ones) first.
  if (row.total === 0 && perTerm.length > 1) {
    anyWord = true;
    row = await run(true);
  }
  // No organisation has any of the words, but the question named a district or an area: those of it, said so.
  const withoutWords = row.total === 0 && perTerm.length > 0 && Boolean(understood.district || understood.area);
  if (withoutWords) row = await run(false, false);
  return {
    organisations: row.organisations.map(({ district_ids, territory_id, ...o }) => ({ ...o, districtIds: district_ids, territoryId: territory_id })),
    total: row.total,
    networks: row.networks ?? [],
    perDistrict: new Map(Object.entries(row.per_district ?? {})),
    understood: {
      terms,
      district: query.district ? null : understood.district,
      area: query.area ? null : understood.area,
      // The words found, and the words of the area the question named: they are why an organisation is listed.
      matchedWords: [
        ...new Set([
          ...alternatives.flatMap(({ term, words }) => [term, ...words.map((w) => w.word)]),
          ...(understood.area ? areaLabelsEverywhere(understood.area).flatMap((label) => tokens(label).filter((w) => [...w].length >= 3 && !stopWords.has(w))) : []),
        ]),
      ],
      anyWord: anyWord && !withoutWords,
      withoutWords,
      withoutDistrict: query.district ? null : understood.withoutDistrict,
      withoutArea: query.area ? null : understood.withoutArea,
    },
  };
}
