// The access log through the JSON API, for an oversight board's or a data-protection officer's tools: the same
// entries, filters and scoping as /admin/access-log (a territory admin or board member reads their territory's,
// a platform admin all), newest first, a page at a time; reading it is itself written to the log. The token
// needs `read:access-log`, which needs two-step sign-in to create.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, decodeCursor, encodeCursor } from '../../platform/api/cursor.ts';
import { hasMessage } from '../../platform/i18n/i18n.ts';
import { readAccessLog } from './admin.service.ts';
import { parseLogFilter } from './admin.routes.ts';
import { displayNames } from './roles.service.ts';

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const EntrySchema = Type.Object({
  seq: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: 'Who did it; null for the system or an anonymous person' }),
  action: Type.String({ description: 'What was done, as a key (e.g. antenna.report.read)' }),
  actionName: Type.String({ description: 'The same in words, in the language asked' }),
  recordType: Type.String(),
  recordId: Type.String(),
  territoryId: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String({ description: "The entry's link in its hash chain (npm run access-log:verify checks the chain)" }),
});

export const accessLogApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  app.get(
    '/access-log',
    {
      config: { access: 'identity.accessLog.read', scope: 'read:access-log' },
      schema: {
        operationId: 'readAccessLog',
        summary: 'Who read or changed what, newest first: filtered by person, action, record, territory and dates (YYYY-MM-DD, `to` included), a page at a time',
        description: "For territory admins, members of the coexistence board and platform admins with two-step sign-in (scope read:access-log): the hash-chained access log of the token's territory, newest first, each action in words. This reading is itself logged. A page at a time: pass next as cursor.",
        tags: ['identity'],
        querystring: Type.Object({ actor: text(60), action: text(100), recordType: text(60), recordId: text(100), territory: text(60), from: text(20), to: text(20), ...CursorQuery }),
        response: { 200: Type.Object({ entries: Type.Array(EntrySchema), next: NextCursor }), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const { cursor, limit = 50, ...query } = request.query;
      const { filter, errors } = parseLogFilter(query);
      if (Object.keys(errors).length > 0) return sendOutcomeProblem(request, reply, 'invalid', errors);
      let beforeSeq: number | undefined;
      if (cursor) {
        const position = decodeCursor(cursor);
        if (!position || typeof position.value !== 'number' || !Number.isSafeInteger(position.value) || position.value < 1) return badCursor(request, reply);
        beforeSeq = position.value;
      }
      const entries = await readAccessLog(db, request.actor, filter, { limit, beforeSeq }, 'page');
      if (!entries.ok) return sendOutcomeProblem(request, reply, entries.error);
      const names = await displayNames(db, entries.value.map((e) => e.actorId).filter((x): x is string => Boolean(x)));
      const t = request.i18n.t.bind(request.i18n);
      const actionName = (action: string) => (hasMessage(request.i18n.locale, `identity.accessLog.actions.${action}`) ? t(`identity.accessLog.actions.${action}`) : t('identity.accessLog.otherAction'));
      const last = entries.value.at(-1);
      return {
        entries: entries.value.map((e) => ({
          seq: e.seq,
          at: e.at.toISOString(),
          actor: e.actorId ? { id: e.actorId, name: names.get(e.actorId) ?? '' } : null,
          action: e.action,
          actionName: actionName(e.action),
          recordType: e.recordType,
          recordId: e.recordId,
          territoryId: e.territoryId,
          reason: e.reason,
          hash: e.hash,
        })),
        next: last && entries.value.length === limit ? encodeCursor({ value: last.position, id: String(last.seq) }) : null,
      };
    },
  );
};
