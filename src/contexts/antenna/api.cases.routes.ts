// The case handlers' JSON API (a council's case-management system): the queue's rows, moving a case along and
// assigning it. Only what the queue page shows — reference, status, mode, who has it, dates — never a narrative,
// a message or a contact: those are decrypted only on the case page, for a handler whose case key is open in that
// session. Same service functions as the pages (permission first, the case's history). Handlers only, with the
// `antenna:handle` scope, which needs two-step sign-in to create.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, decodeCursor, encodeCursor } from '../../platform/api/cursor.ts';
import { IdempotencyHeaders, notFoundProblem, ok } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { reportStatuses, type ReportStatus } from './antenna.schema.ts';
import { closeReasons } from './answers.ts';
import { assignCase, changeStatus, listCases, territoryHandlers } from './triage.service.ts';
import { noStore } from './report.routes.ts';

const Slug = Type.String({ maxLength: 100 });
const Reference = Type.String({ maxLength: 9, pattern: '^[A-Za-z0-9-]{1,9}$' });
const Status = Type.Unsafe<ReportStatus>(Type.String({ enum: [...reportStatuses] }));
const YesNo = Type.Union([Type.Literal('yes'), Type.Literal('no')]);

const CaseSchema = Type.Object({
  reference: Type.String(),
  status: Status,
  mode: Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')]),
  onBehalf: Type.Boolean({ description: 'Sent by an organisation for the person, with their consent' }),
  organisation: Type.Union([Type.String(), Type.Null()], { description: 'The organisation that sent it, by name' }),
  classified: Type.Boolean({ description: 'Counted in the diagnosis' }),
  assignedTo: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  receivedAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const messages: Record<string, string> = {};

export const antennaCasesApi: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRequest', noStore);
  const db = app.database.db;

  app.get(
    '/territories/:slug/antenna/cases',
    {
      config: { access: 'antenna.case.list', scope: 'antenna:handle' },
      schema: {
        operationId: 'listCases',
        summary: "The territory's cases as the queue shows them (no content), most recently changed first or by date received, a page at a time",
        tags: ['antenna'],
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({
          status: Type.Optional(Status),
          mine: Type.Optional(YesNo),
          mode: Type.Optional(Type.Union([Type.Literal('anonymous'), Type.Literal('confidential')])),
          classified: Type.Optional(YesNo),
          onBehalf: Type.Optional(YesNo),
          sort: Type.Optional(Type.Union([Type.Literal('updated'), Type.Literal('received')], { default: 'updated' })),
          ...CursorQuery,
        }),
        response: { 200: Type.Object({ cases: Type.Array(CaseSchema), byStatus: Type.Record(Type.String(), Type.Integer()), next: NextCursor }), 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const q = request.query;
      let after: { value: string; reference: string } | undefined;
      if (q.cursor) {
        const position = decodeCursor(q.cursor);
        if (!position || typeof position.value !== 'string' || Number.isNaN(Date.parse(position.value))) return badCursor(request, reply);
        after = { value: position.value, reference: position.id };
      }
      const yesNo = (v: 'yes' | 'no' | undefined) => (v === undefined ? undefined : v === 'yes');
      const limit = q.limit ?? 50;
      const queue = await listCases(
        db,
        request.actor,
        territory.id,
        { status: q.status as ReportStatus | undefined, mine: q.mine === 'yes', mode: q.mode, classified: yesNo(q.classified), onBehalf: yesNo(q.onBehalf) },
        { q: '', sort: q.sort ?? 'updated', dir: 'desc', page: 1, perPage: limit },
        after,
      );
      if (!queue.ok) return sendOutcomeProblem(request, reply, queue.error);
      const names = new Map((await territoryHandlers(db, territory.id)).map((h) => [h.personId, h.displayName]));
      const rows = queue.value.rows;
      const last = rows.at(-1);
      return {
        cases: rows.map((r) => ({
          reference: r.reference,
          status: r.status,
          mode: r.mode,
          onBehalf: r.onBehalf,
          organisation: r.organisationName,
          classified: r.classified,
          assignedTo: r.assignedTo ? { id: r.assignedTo, name: names.get(r.assignedTo) ?? '' } : null,
          receivedAt: r.createdAt.toISOString(),
          updatedAt: r.updatedAt.toISOString(),
        })),
        byStatus: queue.value.byStatus,
        next: last && rows.length === limit ? encodeCursor({ value: last.position, id: last.reference }) : null,
      };
    },
  );

  app.post(
    '/territories/:slug/antenna/cases/:reference/status',
    {
      config: { access: 'antenna.case.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'changeCaseStatus',
        summary: 'Move a case along: new → in triage → referred / being followed → closed (with a reason); reopening goes back to triage',
        tags: ['antenna'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, reference: Reference }),
        body: Type.Object({ status: Status, reason: Type.Optional(Type.Unsafe<string>(Type.String({ enum: [...closeReasons], description: 'Why it is closed (closing only)' }))) }),
        response: ok(Type.Object({ reference: Type.String(), status: Status })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const reference = request.params.reference.toUpperCase();
      const outcome = await changeStatus(db, request.actor, territory, reference, { status: request.body.status as string, reason: (request.body.reason as string | undefined) ?? '' });
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { reference, status: request.body.status as ReportStatus };
    },
  );

  app.post(
    '/territories/:slug/antenna/cases/:reference/assignee',
    {
      config: { access: 'antenna.case.manage', scope: 'antenna:handle', invalidates: false },
      schema: {
        operationId: 'assignCase',
        summary: "Give a case to one of the territory's case handlers (their id, as listCases names them), or to nobody (null)",
        tags: ['antenna'],
        headers: IdempotencyHeaders,
        params: Type.Object({ slug: Slug, reference: Reference }),
        body: Type.Object({ personId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }),
        response: ok(Type.Object({ reference: Type.String(), assignedTo: Type.Union([Type.String(), Type.Null()]) })),
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const reference = request.params.reference.toUpperCase();
      const outcome = await assignCase(db, request.actor, territory.id, reference, request.body.personId ?? '');
      if (!outcome.ok) return sendOutcomeProblem(request, reply, outcome.error, outcome.fields, messages);
      return { reference, assignedTo: request.body.personId };
    },
  );
};
