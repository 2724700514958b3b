// Staff lists (cases, findings, visits, organisations, adhesions): search, filters, sorting and paging
// that all live in the URL, so a list can be bookmarked, shared and reloaded as it was. No JSX here:
// services import the query side, views import list.tsx.
import { Type, type Static } from '@sinclair/typebox';

/** Query fields every staff list accepts; a list adds its own filters beside them. */
export const listQueryFields = {
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.String({ maxLength: 30 })),
  dir: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.String({ maxLength: 6 })),
};
export type ListQueryInput = Static<ReturnType<typeof Type.Object<typeof listQueryFields>>>;

export interface ListQuery<S extends string = string> {
  /** The search text, trimmed; "" when none. */
  q: string;
  sort: S;
  dir: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  perPage: number;
}

export const defaultPerPage = 50;

/** Reads the list fields of a query string; anything unknown falls back to the defaults instead of failing. */
export function parseListQuery<S extends string>(
  input: ListQueryInput,
  options: { sorts: readonly S[]; defaultSort: S; defaultDir?: 'asc' | 'desc'; perPage?: number },
): ListQuery<S> {
  const sort = (options.sorts as readonly string[]).includes(input.sort ?? '') ? (input.sort as S) : options.defaultSort;
  const dir = input.dir === 'asc' || input.dir === 'desc' ? input.dir : (options.defaultDir ?? 'desc');
  const page = /^[1-9][0-9]{0,5}$/.test(input.page ?? '') ? Number(input.page) : 1;
  return { q: (input.q ?? '').trim().slice(0, 100), sort, dir, page, perPage: options.perPage ?? defaultPerPage };
}

/** The rows' window in SQL terms. */
export function windowOf(list: Pick<ListQuery, 'page' | 'perPage'>): { limit: number; offset: number } {
  return { limit: list.perPage, offset: (list.page - 1) * list.perPage };
}

/** Escapes the LIKE wildcards of a search so "50%" looks for "50%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of a list: its rows, how many match in all, and how many there are in each filter value. */
export interface ListPage<R> {
  rows: R[];
  total: number;
}

/** The current state of a list as URL parameters (filters and list fields), without empty ones. */
export type ListParams = Record<string, string | undefined>;

/** A link to the same list with some parameters changed; changing anything but the page goes back to page 1. */
export function listHref(path: string, params: ListParams, changes: ListParams): string {
  const next: ListParams = { ...params, ...changes };
  if (!('page' in changes)) delete next.page;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) if (value !== undefined && value !== '') query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** The list's own fields as URL parameters, leaving out the defaults. */
export function listParams(list: ListQuery, defaults: { sort: string; dir: 'asc' | 'desc' }): ListParams {
  return {
    q: list.q || undefined,
    sort: list.sort === defaults.sort ? undefined : list.sort,
    dir: list.dir === defaults.dir ? undefined : list.dir,
    page: list.page > 1 ? String(list.page) : undefined,
  };
}

