// The audits JSON API under /api/v1: campaign results and findings (JSON and CSV). Never any auditor's personal data.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponse, problemSchema } from '../../platform/http/problem.ts';
import { CursorQuery, NextCursor, badCursor, pageOf } from '../../platform/api/cursor.ts';
import { campaignResults, findingRecords, findingsCsv, resultsCsv } from './results.service.ts';
import { failed, territoryFor, Uuid } from './audits.http.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const CampaignParams = Type.Object({ slug: Type.String({ maxLength: 100 }), campaignId: Uuid });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const IntervalSchema = Nullable(Type.Object({ lower: Type.Number(), upper: Type.Number() }));
const ResultsSchema = Type.Object({
  campaign: Type.Object({ id: Type.String(), title: Type.String(), startsOn: Type.String(), endsOn: Type.String(), methods: Type.Array(Type.String()), services: Type.Integer(), facilities: Type.Integer() }),
  visits: Type.Object({ scheduled: Type.Integer(), draft: Type.Integer(), submitted: Type.Integer() }),
  items: Type.Array(
    Type.Object({ instrumentVersionId: Type.String(), item: Type.String(), type: Type.String(), dimension: Type.String(), answered: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()), mean: Nullable(Type.Number()) }),
  ),
  findings: Type.Record(Type.String(), Type.Integer()),
  pairedTests: Type.Array(
    Type.Object({
      serviceId: Type.String(),
      ground: Type.String(),
      pairs: Type.Integer(),
      pending: Type.Integer(),
      bothWell: Type.Integer(),
      bothBadly: Type.Integer(),
      minorityWorse: Type.Integer(),
      majorityWorse: Type.Integer(),
      netRate: Nullable(Type.Number()),
      interval: IntervalSchema,
      reliable: Type.Boolean({ description: 'False below the minimum number of pairs: the rate is not reliable' }),
    }),
  ),
});
const FindingSchema = Type.Object({
  id: Type.String(),
  campaignId: Nullable(Type.String()),
  service: Type.String(),
  facility: Nullable(Type.String()),
  districtId: Nullable(Type.String()),
  dimension: Type.String(),
  grounds: Type.Array(Type.String()),
  severity: Type.Integer({ minimum: 1, maximum: 4 }),
  status: Type.String(),
  month: Type.String(),
  title: Type.String(),
  barrier: Nullable(Type.String()),
});

export const auditsApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/territories/:slug/audits/campaigns/:campaignId/results',
    {
      config: { access: 'audits.results.view', scope: 'read:audits' },
      schema: { summary: "A campaign's results: visits, answers as counts, findings by status, paired tests (no personal data)", description: "For those who read audit results (territory admins, audit coordinators, service managers, the coexistence board, researchers; scope read:audits): visits by status, each item's answers as counts or a mean, findings by status and the paired tests' net rates with their intervals. Never an auditor's personal data.", tags: ['audits'], params: CampaignParams, response: { 200: ResultsSchema, 403: problemSchema, 404: problemSchema } },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await campaignResults(db, request.actor, territory.id, request.params.campaignId);
      if (!result.ok) return failed(request, reply, result.error);
      return result.value;
    },
  );

  app.get(
    '/territories/:slug/audits/campaigns/:campaignId/results.csv',
    { config: { access: 'audits.results.view', scope: 'read:audits' }, schema: { summary: "A campaign's results as CSV", description: 'The same results as the JSON operation, for the same readers, as a CSV table with a header row (one row per item and answer), as the campaign page exports it.', tags: ['audits'], params: CampaignParams, produces: ['text/csv'], response: { 200: { description: 'CSV, one row per line, with a header row', content: { 'text/csv': { schema: { type: 'string' } } } }, 403: problemResponse('Not allowed'), 404: problemResponse('Not found') } } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await campaignResults(db, request.actor, territory.id, request.params.campaignId);
      if (!result.ok) return failed(request, reply, result.error);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="campaign-results.csv"').send(resultsCsv(result.value));
    },
  );

  app.get(
    '/territories/:slug/audits/findings',
    {
      config: { access: 'audits.finding.view', scope: 'read:audits' },
      schema: {
        summary: 'Findings the caller may see (service managers: their services), newest month first, a page at a time',
        description: 'For territory admins, audit coordinators and service managers (who see only the findings of the services they manage); scope read:audits. Filter by campaign, service, status, ground and month as on the findings page. A page at a time: pass next as cursor.',
        tags: ['audits'],
        params: SlugParams,
        querystring: Type.Object({ campaignId: Type.Optional(Uuid), ...CursorQuery }),
        response: { 200: Type.Object({ findings: Type.Array(FindingSchema), next: NextCursor }), 400: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await findingRecords(db, request.actor, territory.id, request.query.campaignId);
      if (!result.ok) return failed(request, reply, result.error);
      const page = pageOf(result.value, { limit: request.query.limit, cursor: request.query.cursor, key: (f) => f.month, id: (f) => f.id, dir: 'desc' });
      if (page === 'invalid') return badCursor(request, reply);
      return { findings: page.rows, next: page.next };
    },
  );

  app.get(
    '/territories/:slug/audits/findings.csv',
    { config: { access: 'audits.finding.view', scope: 'read:audits' }, schema: { summary: 'Findings as CSV', description: 'The findings the caller may see, as the findings page exports them: a CSV table with a header row, one finding a row, optionally of one campaign.', tags: ['audits'], params: SlugParams, querystring: Type.Object({ campaignId: Type.Optional(Uuid) }), produces: ['text/csv'], response: { 200: { description: 'CSV, one row per line, with a header row', content: { 'text/csv': { schema: { type: 'string' } } } }, 403: problemResponse('Not allowed'), 404: problemResponse('Not found') } } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      const result = await findingRecords(db, request.actor, territory.id, request.query.campaignId);
      if (!result.ok) return failed(request, reply, result.error);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="findings.csv"').send(findingsCsv(result.value));
    },
  );
};
