// The Agreement's lists under /api/v1 that pages show a page at a time: the promoting group's adhesions (filtered
// by status and searched like the review page) and a network's meetings. Cursor pagination, same services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendOutcomeProblem } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, pageOf } from '../../platform/api/cursor.ts';
import { notFoundProblem } from '../../platform/api/write.ts';
import { findTerritory } from '../territories/territory.service.ts';
import { listAdhesions } from './adhesion/adhesion.service.ts';
import { findNetwork, meetings } from './networks/network.service.ts';
import { adhesionStatuses, type AdhesionStatus } from './agreement.schema.ts';

const Slug = Type.String({ maxLength: 100 });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Unsafe<AdhesionStatus>(Type.String({ enum: [...adhesionStatuses] }));
/** Every adhesion of a territory fits in one read (hundreds, not millions); the cursor pages over them. */
const allAtOnce = 100_000;

export const agreementListsApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/territories/:slug/adhesions',
    {
      config: { access: 'agreement.adhesion.review', scope: 'read:agreement' },
      schema: {
        operationId: 'listAdhesions',
        summary: "Every adhesion to the territory's Agreement, as the promoting group's review page lists them, most recently signed first",
        description:
          "For members of the territory's promoting group (who review adhesions). Filter by status and search by the organisation's name as on the review page; byStatus counts the searched adhesions in each status. A page at a time: pass next as cursor.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug }),
        querystring: Type.Object({ status: Type.Optional(Status), q: Type.Optional(Type.String({ maxLength: 100, description: "Part of the organisation's name" })), ...CursorQuery }),
        response: {
          200: Type.Object({
            adhesions: Type.Array(
              Type.Object({
                id: Type.String(),
                organisation: Type.Object({ id: Type.String(), name: Type.String() }),
                status: Status,
                signedVersion: Type.Integer({ description: 'The version of the commitments signed' }),
                signedAt: DateTime,
                memberSince: Nullable(DateTime),
                decidedAt: Nullable(DateTime),
              }),
            ),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            next: NextCursor,
          }),
          400: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      if (!territory) return notFoundProblem(request, reply);
      const q = request.query;
      const all = await listAdhesions(db, request.actor, territory.id, { status: q.status as AdhesionStatus | undefined }, { q: (q.q ?? '').trim(), sort: 'signed', dir: 'desc', page: 1, perPage: allAtOnce });
      if (!all.ok) return sendOutcomeProblem(request, reply, all.error);
      const page = pageOf(all.value.rows, { limit: q.limit, cursor: q.cursor, key: (a) => a.signedAt.toISOString(), id: (a) => a.id, dir: 'desc' });
      if (page === 'invalid') return badCursor(request, reply);
      return {
        adhesions: page.rows.map((a) => ({
          id: a.id,
          organisation: { id: a.organisationId, name: a.organisationName },
          status: a.status,
          signedVersion: a.signedVersion,
          signedAt: a.signedAt.toISOString(),
          memberSince: a.memberSince?.toISOString() ?? null,
          decidedAt: a.decidedAt?.toISOString() ?? null,
        })),
        byStatus: all.value.byStatus,
        next: page.next,
      };
    },
  );

  app.get(
    '/territories/:slug/networks/:network/meetings',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        operationId: 'listNetworkMeetings',
        summary: "An action network's meetings, most recent first: agenda, minutes and the decisions reached",
        description: "Public, as the network's page shows them to anyone. A page at a time: pass next as cursor. Minutes are null until a coordinator records them.",
        tags: ['agreement'],
        params: Type.Object({ slug: Slug, network: Slug }),
        querystring: Type.Object({ ...CursorQuery }),
        response: {
          200: Type.Object({
            meetings: Type.Array(
              Type.Object({ id: Type.String(), title: Type.String(), heldOn: DateTime, workingGroupId: Nullable(Type.String()), agenda: Type.String(), minutes: Nullable(Type.String()), decisions: Type.Array(Type.String()) }),
            ),
            next: NextCursor,
          }),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const territory = await findTerritory(db, request.params.slug);
      const network = territory && (await findNetwork(db, territory.id, request.params.network));
      if (!network) return notFoundProblem(request, reply);
      const page = pageOf(await meetings(db, network.id), { limit: request.query.limit, cursor: request.query.cursor, key: (m) => m.heldOn.toISOString(), id: (m) => m.id, dir: 'desc' });
      if (page === 'invalid') return badCursor(request, reply);
      return {
        meetings: page.rows.map((m) => ({
          id: m.id,
          title: m.title,
          heldOn: m.heldOn.toISOString(),
          workingGroupId: m.workingGroupId,
          agenda: m.agenda,
          minutes: m.minutes,
          decisions: m.decisions.map((d) => d.text),
        })),
        next: page.next,
      };
    },
  );
};
