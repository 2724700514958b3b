// Cursor pagination for the API's lists: `?limit=` (1–200, 50 by default) and the opaque `cursor` that the
// previous page answered as `next` (null on the last page). A cursor names the last row given — its sort
// value and id — so a page starts after that row even when rows were added or removed in between (keyset,
// never an offset). A cursor that does not decode is bad input (400), never a 500.
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { sendProblem } from '../http/problem.ts';

export const CursorQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'How many rows (1–200)' })),
  cursor: Type.Optional(Type.String({ maxLength: 400, description: 'The `next` of the previous page' })),
};
export const NextCursor = Type.Union([Type.String(), Type.Null()], { description: 'Cursor of the next page; null on the last' });

type Key = string | number;
interface Position {
  value: Key;
  id: string;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
    if ((typeof value !== 'string' && typeof value !== 'number') || typeof id !== 'string') return null;
    return { value, id };
  } catch {
    return null;
  }
}

/**
 * One page of `rows`, ordered by `key` (then id) in `dir`, starting after `cursor`. The rows are those the
 * caller may see, as the service gives them; answers `invalid` for a cursor that does not decode.
 */
export function pageOf<T>(
  rows: readonly T[],
  options: { limit?: number | undefined; cursor?: string | undefined; key: (row: T) => Key; id: (row: T) => string; dir?: 'asc' | 'desc' },
): { rows: T[]; next: string | null } | 'invalid' {
  const dir = options.dir === 'desc' ? -1 : 1;
  const compare = (a: Position, b: Position) => {
    if (a.value !== b.value) return (a.value < b.value ? -1 : 1) * dir;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  const position = (row: T): Position => ({ value: options.key(row), id: options.id(row) });
  const sorted = [...rows].sort((a, b) => compare(position(a), position(b)));
  let start = 0;
  if (options.cursor !== undefined && options.cursor !== '') {
    const after = decodeCursor(options.cursor);
    if (!after) return 'invalid';
    start = sorted.findIndex((row) => compare(position(row), after) > 0);
    if (start === -1) start = sorted.length;
  }
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const page = sorted.slice(start, start + limit);
  const last = page.at(-1);
  return { rows: page, next: last && start + limit < sorted.length ? encodeCursor(position(last)) : null };
}

/** The answer to a cursor that does not decode: 400 problem details naming the parameter. */
export function badCursor(request: { i18n: { t(key: string): string } }, reply: FastifyReply) {
  const t = request.i18n.t.bind(request.i18n);
  return sendProblem(reply, { type: 'about:blank', title: t('platform.errors.badRequest.title'), status: 400, errors: { cursor: t('platform.api.badCursor') } });
}
