// Diagnosis pages under /:locale and their JSON and open data under /api/v1.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { requirePermission } from '../../platform/auth/permissions.ts';
import { deny } from '../../platform/auth/plugin.ts';
import { problemSchema, sendProblem, problemResponse } from '../../platform/http/problem.ts';
import { findTerritory, listAreaSummaries, type Territory } from '../territories/territory.service.ts';
import { diagnosisAccessLogger } from './access-log.ts';
import { cachedPage, pickEncoding, storePage, type CachedBody } from './diagnosis.cache.ts';
import { chooseColumns, columnsOf, researchExtract } from './diagnosis.extract.ts';
import { dataCoverage, partialPeriods, snapshotContext } from './diagnosis.figures.ts';
import { parseExplorerQuery, type RawExplorerQuery } from './diagnosis.query.ts';
import { allResources, dataPackage, resourceCsv } from './diagnosis.opendata.ts';
import { pdfFor } from './diagnosis.pdf.ts';
import {
  alignedPeriod,
  commentOn,
  findPublished,
  listInReview,
  listPublished,
  prepareDiagnosis,
  reviewDiagnosis,
  staffExplorer,
  voteOn,
  type ExplorerResult,
} from './diagnosis.service.ts';
import { DiagnosisIndexPage, DraftsPage, ExplorerPage, measures, PublishedPage, ResearchPage, ReviewPage, UnavailablePage, type Measure } from './diagnosis.views.tsx';
import type { Denial } from '../../platform/auth/permissions.ts';
import { territoryHeader } from '../territories/territory.http.ts';

const Slug = Type.String({ maxLength: 100 });
const PageParams = Type.Object({ locale: Type.String(), slug: Slug });
const NumberParams = Type.Object({ locale: Type.String(), slug: Slug, number: Type.Integer({ minimum: 1, maximum: 100000 }) });
const DraftParams = Type.Object({ locale: Type.String(), slug: Slug, id: Type.String({ format: 'uuid' }) });
const MeasureQuery = Type.Object({ measure: Type.Optional(Type.Union(measures.map((m) => Type.Literal(m)))) });
const short = Type.Optional(Type.String({ maxLength: 64 }));
const ExplorerQuerySchema = Type.Object({ rows: short, cols: short, from: short, to: short, granularity: short, service: short, district: short, ground: short, source: short, department: short, dimension: short });

async function territoryOr404(request: FastifyRequest, reply: FastifyReply, slug: string): Promise<Territory | null> {
  const territory = await findTerritory(request.server.database.db, slug);
  if (!territory) {
    await reply.callNotFound();
    return null;
  }
  request.territoryHeader = territoryHeader(territory, request.i18n.locale);
  return territory;
}

const shareable = (request: FastifyRequest) => request.actor === null && request.viewer === null;

/** A public page already rendered for an anonymous reader: served before any database query. */
function sendFromCache(request: FastifyRequest, reply: FastifyReply): boolean {
  if (!shareable(request)) return false;
  const cached = cachedPage(request.url);
  if (!cached) return false;
  sendBody(request, reply, cached, 'hit');
  return true;
}

/** Sends the stored encoding the reader accepts; the compression plugin leaves an encoded body alone. */
function sendBody(request: FastifyRequest, reply: FastifyReply, body: CachedBody, cache: 'hit' | 'miss') {
  const encoding = pickEncoding(request.headers['accept-encoding']);
  reply.header('X-Cache', cache).header('Vary', 'Accept-Encoding').type('text/html; charset=utf-8');
  if (encoding !== 'identity') reply.header('Content-Encoding', encoding);
  return reply.send(body[encoding]);
}

/** Anonymous readers share one rendered copy of each public page; signed-in readers never do. */
function sendCached(request: FastifyRequest, reply: FastifyReply, territoryId: string, render: () => Parameters<FastifyReply['renderHtml']>[0]) {
  const html = reply.renderHtml(render());
  if (shareable(request)) return sendBody(request, reply, storePage(request.url, territoryId, html), 'miss');
  return reply.header('X-Cache', 'miss').type('text/html; charset=utf-8').send(html);
}

function denied(request: FastifyRequest, reply: FastifyReply, error: string) {
  if (error === 'signed-out' || error === 'forbidden' || error === 'two-factor-required') return deny(request, reply, error as Denial);
  if (error === 'access-log-unavailable') return reply.render(h(UnavailablePage, {}), 503);
  return reply.callNotFound();
}

const emptyPrepare = { title: '', analysis: '', from: '', to: '', granularity: 'quarter' };

export const diagnosisPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;

  app.get('/t/:slug/diagnosis', { schema: { params: PageParams }, config: { access: 'diagnosis.public.view', readReplica: true } }, async (request, reply) => {
    if (sendFromCache(request, reply)) return reply;
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const published = await listPublished(db(), territory.id);
    const subject = { territoryId: territory.id };
    const actor = request.actor;
    return sendCached(request, reply, territory.id, () =>
      h(DiagnosisIndexPage, {
        territory,
        published,
        canReview: requirePermission(actor, 'diagnosis.draft.review', subject).ok,
        canPrepare: requirePermission(actor, 'diagnosis.draft.prepare', subject).ok,
        canExtract: requirePermission(actor, 'diagnosis.extract.download', subject).ok,
      }),
    );
  });

  // Live figures, filterable and cross-tabulated, are for staff only (exact, access-logged). They are
  // not offered to the public even with suppression: tables cut by any filter can be subtracted from
  // one another ("differencing"), which suppression table by table cannot prevent. The public reads
  // published diagnoses, whose tables are protected together.
  const staffExplorerPage = async (request: FastifyRequest<{ Params: { slug: string }; Querystring: RawExplorerQuery }>, reply: FastifyReply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const { query, errors } = parseExplorerQuery(request.query, new Date());
    const outcome = await staffExplorer(db(), request.actor, diagnosisAccessLogger(), territory, query);
    const exact = true;
    if (!outcome.ok) return denied(request, reply, outcome.error);
    const result: ExplorerResult = outcome.value;
    const [context, neighbourhoods, coverage] = await Promise.all([snapshotContext(db(), territory, query.period, exact), listAreaSummaries(db(), territory.id, 'neighbourhood'), dataCoverage(db(), territory.id)]);
    if (exact) reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(ExplorerPage, {
        territory,
        query,
        table: result.table,
        exact,
        partial: partialPeriods(query.period, coverage),
        names: { names: context.names, areas: context.areas, neighbourhoods: neighbourhoods.map((n) => ({ id: n.id, name: n.name })) },
        options: {
          services: Object.entries(context.names.services).map(([value, s]) => ({ value, label: s.nameTranslations[request.i18n.locale] ?? s.name })),
          districts: context.areas.map((a) => ({ value: a.id, label: a.name })),
          grounds: territory.settings.grounds,
        },
        errors,
      }),
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };
  app.get('/t/:slug/diagnosis/staff', { schema: { params: PageParams, querystring: ExplorerQuerySchema }, config: { access: 'diagnosis.staff.view' } }, staffExplorerPage);

  app.get('/t/:slug/diagnosis/:number', { schema: { params: NumberParams, querystring: MeasureQuery }, config: { access: 'diagnosis.public.view', readReplica: true } }, async (request, reply) => {
    if (sendFromCache(request, reply)) return reply;
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const found = await findPublished(db(), territory.id, request.params.number);
    if (!found) return reply.callNotFound();
    const measure: Measure = request.query.measure ?? 'total';
    return sendCached(request, reply, territory.id, () => h(PublishedPage, { territory, diagnosis: found, measure }));
  });

  app.get('/t/:slug/diagnosis/:number/pdf', { schema: { params: NumberParams }, config: { access: 'diagnosis.public.view', readReplica: true } }, async (request, reply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const found = await findPublished(db(), territory.id, request.params.number);
    if (!found) return reply.callNotFound();
    const pagePath = `/${request.i18n.locale}/t/${territory.slug}/diagnosis/${found.number}`;
    const pdf = await pdfFor(db(), found.id, request.i18n.locale, async () => ({ html: reply.renderHtml(h(PublishedPage, { territory, diagnosis: found, measure: 'total' })), path: pagePath }));
    return reply
      .type('application/pdf')
      .header('Content-Disposition', `attachment; filename="${territory.slug}-diagnosis-${found.number}-${request.i18n.locale}.pdf"`)
      .send(pdf);
  });

  // ——— Preparing and reviewing ———

  const draftsPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    territory: Territory,
    values = emptyPrepare,
    errors: Record<string, string> = {},
    status = 200,
    aligned: { from: string; to: string } | null = null,
  ) => {
    const drafts = await listInReview(db(), request.actor, territory.id);
    if (!drafts.ok) return denied(request, reply, drafts.error);
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(DraftsPage, { territory, drafts: drafts.value, canPrepare: requirePermission(request.actor, 'diagnosis.draft.prepare', { territoryId: territory.id }).ok, values, errors, aligned }),
      status,
    );
  };

  app.get('/t/:slug/diagnosis/drafts', { schema: { params: PageParams }, config: { access: 'diagnosis.draft.review' } }, async (request, reply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    return draftsPage(request, reply, territory);
  });

  const PrepareBody = Type.Object({
    _csrf: Type.Optional(Type.String()),
    title: Type.String({ maxLength: 1000 }),
    analysis: Type.String({ maxLength: 40000 }),
    from: Type.String({ maxLength: 20 }),
    to: Type.String({ maxLength: 20 }),
    granularity: Type.String({ maxLength: 20 }),
    /** The aligned period offered beside the period field ('YYYY-MM|YYYY-MM'): one click uses it. */
    align: Type.Optional(Type.String({ maxLength: 20 })),
  });
  app.post('/t/:slug/diagnosis/drafts', { schema: { params: PageParams, body: PrepareBody }, config: { access: 'diagnosis.draft.prepare' } }, async (request, reply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const [alignFrom, alignTo] = (request.body.align ?? '').split('|');
    const body = alignFrom && alignTo ? { ...request.body, from: alignFrom, to: alignTo } : request.body;
    const outcome = await prepareDiagnosis(db(), request.actor, territory, body);
    if (!outcome.ok) {
      if (outcome.error === 'invalid') {
        const aligned = outcome.fields?.from === 'diagnosis.prepare.errors.disclosure' ? await alignedPeriod(db(), territory, body) : null;
        const errors = aligned ? { ...outcome.fields, from: 'diagnosis.prepare.errors.disclosureAligned' } : outcome.fields;
        return draftsPage(request, reply, territory, { ...emptyPrepare, ...body }, errors, 400, aligned);
      }
      return denied(request, reply, outcome.error);
    }
    return reply.redirect(`/${request.i18n.locale}/t/${territory.slug}/diagnosis/drafts/${outcome.value.id}`, 303);
  });

  const reviewPage = async (request: FastifyRequest, reply: FastifyReply, territory: Territory, id: string, errors: Record<string, string> = {}, body = '', status = 200) => {
    const outcome = await reviewDiagnosis(db(), request.actor, territory.id, id);
    if (!outcome.ok) return denied(request, reply, outcome.error);
    const mine = outcome.value.votes.find((v) => v.personId === request.actor?.personId);
    const measure = ((request.query as { measure?: Measure }).measure ?? 'total') as Measure;
    reply.header('Cache-Control', 'no-store');
    return reply.render(
      h(ReviewPage, {
        territory,
        ...outcome.value,
        canVote: requirePermission(request.actor, 'diagnosis.draft.vote', { territoryId: territory.id }).ok,
        myVote: mine?.vote ?? null,
        errors,
        values: { body },
        measure,
      }),
      status,
    );
  };

  app.get('/t/:slug/diagnosis/drafts/:id', { schema: { params: DraftParams, querystring: MeasureQuery }, config: { access: 'diagnosis.draft.review' } }, async (request, reply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    return reviewPage(request, reply, territory, request.params.id);
  });

  app.post(
    '/t/:slug/diagnosis/drafts/:id/comments',
    { schema: { params: DraftParams, body: Type.Object({ _csrf: Type.Optional(Type.String()), body: Type.String({ maxLength: 10000 }) }) }, config: { access: 'diagnosis.draft.review' } },
    async (request, reply) => {
      const territory = await territoryOr404(request, reply, request.params.slug);
      if (!territory) return reply;
      const outcome = await commentOn(db(), request.actor, territory.id, request.params.id, request.body.body);
      if (!outcome.ok) {
        if (outcome.error === 'invalid') return reviewPage(request, reply, territory, request.params.id, outcome.fields, request.body.body, 400);
        return denied(request, reply, outcome.error);
      }
      return reply.redirect(`/${request.i18n.locale}/t/${territory.slug}/diagnosis/drafts/${request.params.id}#comments-heading`, 303);
    },
  );

  app.post(
    '/t/:slug/diagnosis/drafts/:id/votes',
    { schema: { params: DraftParams, body: Type.Object({ _csrf: Type.Optional(Type.String()), vote: Type.String({ maxLength: 20 }) }) }, config: { access: 'diagnosis.draft.vote' } },
    async (request, reply) => {
      const territory = await territoryOr404(request, reply, request.params.slug);
      if (!territory) return reply;
      const outcome = await voteOn(db(), request.actor, territory.id, request.params.id, request.body.vote);
      if (!outcome.ok) {
        if (outcome.error === 'invalid' || outcome.error === 'closed') return reviewPage(request, reply, territory, request.params.id, outcome.fields ?? { vote: 'diagnosis.review.errors.closed' }, '', 400);
        return denied(request, reply, outcome.error);
      }
      return reply.redirect(`/${request.i18n.locale}/t/${territory.slug}/diagnosis/drafts/${request.params.id}#votes-heading`, 303);
    },
  );

  // ——— Research ———

  app.get('/t/:slug/diagnosis/research', { schema: { params: PageParams }, config: { access: 'diagnosis.extract.download' } }, async (request, reply) => {
    const territory = await territoryOr404(request, reply, request.params.slug);
    if (!territory) return reply;
    const permission = requirePermission(request.actor, 'diagnosis.extract.download', { territoryId: territory.id });
    if (!permission.ok) return denied(request, reply, permission.reason);
    const columns = columnsOf((await chooseColumns(db(), territory.id)).columns);
    return reply.header('Cache-Control', 'no-store').render(h(ResearchPage, { territory, columns, errors: {}, values: { reason: '' } }));
  });

  app.post(
    '/t/:slug/diagnosis/research',
    { schema: { params: PageParams, body: Type.Object({ _csrf: Type.Optional(Type.String()), reason: Type.String({ maxLength: 5000 }) }) }, config: { access: 'diagnosis.extract.download' } },
    async (request, reply) => {
      const territory = await territoryOr404(request, reply, request.params.slug);
      if (!territory) return reply;
      const outcome = await researchExtract(db(), request.actor, diagnosisAccessLogger(), territory, request.body.reason);
      if (!outcome.ok) {
        if (outcome.error === 'invalid') {
          const columns = columnsOf((await chooseColumns(db(), territory.id)).columns);
          return reply.header('Cache-Control', 'no-store').render(h(ResearchPage, { territory, columns, errors: outcome.fields ?? {}, values: { reason: request.body.reason } }), 400);
        }
        return denied(request, reply, outcome.error);
      }
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', `attachment; filename="${outcome.value.filename}"`)
        .header('X-Extract-Fingerprint', outcome.value.fingerprint)
        .header('X-Extract-Columns', outcome.value.columns.join(','))
        .type('text/csv; charset=utf-8')
        .send(outcome.value.stream);
    },
  );
};

// ——— JSON and open data ———

const ApiParams = Type.Object({ slug: Slug });
const ApiNumberParams = Type.Object({ slug: Slug, number: Type.Integer({ minimum: 1, maximum: 100000 }) });
const PublishedSchema = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  periodFrom: Type.String(),
  periodTo: Type.String(),
  publishedAt: Type.String(),
  url: Type.String(),
});

export const diagnosisApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.database.db;
  const notFound = (request: FastifyRequest, reply: FastifyReply) => sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
  const published = async (request: FastifyRequest, reply: FastifyReply, slug: string, number: number) => {
    const territory = await findTerritory(db(), slug);
    const found = territory ? await findPublished(db(), territory.id, number) : null;
    if (!territory || !found) {
      notFound(request, reply);
      return null;
    }
    return { territory, found };
  };

  app.get(
    '/territories/:slug/diagnoses',
    {
      config: { access: 'diagnosis.public.view', readReplica: true },
      schema: { summary: 'Published diagnoses of a territory', description: 'Public: the published diagnoses of the territory, each with its number (the {number} of the other diagnosis paths), title, period, publication date and the address of its page.', tags: ['diagnosis'], params: ApiParams, response: { 200: Type.Object({ diagnoses: Type.Array(PublishedSchema) }), 404: problemSchema } },
    },
    async (request, reply) => {
      const territory = await findTerritory(db(), request.params.slug);
      if (!territory) return notFound(request, reply);
      const list = await listPublished(db(), territory.id);
      return {
        diagnoses: list.map((d) => ({
          number: d.number,
          title: d.title,
          periodFrom: d.periodFrom.slice(0, 7),
          periodTo: d.periodTo.slice(0, 7),
          publishedAt: d.publishedAt.toISOString(),
          url: `/api/v1/territories/${territory.slug}/diagnoses/${d.number}`,
        })),
      };
    },
  );

  app.get(
    '/territories/:slug/diagnoses/:number',
    {
      config: { access: 'diagnosis.public.view', readReplica: true },
      schema: {
        summary: 'One published diagnosis: its analysis and every figure (suppression applied)',
        description: 'Public: a published diagnosis with its analysis and every figure as published, counts from 1 to 4 suppressed (shown as < 5) with secondary suppression applied.',
        tags: ['diagnosis'],
        params: ApiNumberParams,
        response: {
          200: Type.Object({ number: Type.Integer(), title: Type.String(), analysis: Type.String(), publishedAt: Type.String(), approvers: Type.Array(Type.String()), figures: Type.Unknown() }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const hit = await published(request, reply, request.params.slug, request.params.number);
      if (!hit) return reply;
      const { found } = hit;
      return { number: found.number!, title: found.title, analysis: found.analysis, publishedAt: found.publishedAt!.toISOString(), approvers: found.approvers, figures: found.snapshot };
    },
  );

  app.get(
    '/territories/:slug/diagnoses/:number/datapackage.json',
    {
      config: { access: 'diagnosis.public.view', readReplica: true },
      schema: { summary: 'Frictionless data package describing the CSV files of a published diagnosis', description: 'Public: the Frictionless data package of a published diagnosis: its CSV resources, their fields and the suppression rule, for open-data portals.', tags: ['diagnosis'], params: ApiNumberParams, response: { 200: Type.Unknown(), 404: problemSchema } },
    },
    async (request, reply) => {
      const hit = await published(request, reply, request.params.slug, request.params.number);
      if (!hit) return reply;
      const { territory, found } = hit;
      return dataPackage(found.snapshot, {
        territorySlug: territory.slug,
        number: found.number!,
        title: found.title,
        publishedAt: found.publishedAt!,
        approvers: found.approvers,
        baseUrl: `${app.config.publicUrl}/${territory.settings.languages[0] ?? 'en'}/t/${territory.slug}/diagnosis/${found.number}`,
      });
    },
  );

  const csvRoute = (url: string, resourceOf: (params: { resource?: string }) => string) =>
    app.get(
      url,
      {
        config: { access: 'diagnosis.public.view', readReplica: true },
        schema: {
          summary: url.includes(':resource') ? 'A CSV resource of a published diagnosis (see datapackage.json)' : 'Every figure of a published diagnosis as one CSV table',
          description: url.includes(':resource')
            ? 'Public: one CSV resource of a published diagnosis, named as in its datapackage.json, with a header row and suppression applied.'
            : 'Public: every figure of a published diagnosis as one CSV table with a header row, suppression applied exactly as on the page.',
          tags: ['diagnosis'],
          params: url.includes(':resource') ? Type.Object({ slug: Slug, number: Type.Integer({ minimum: 1, maximum: 100000 }), resource: Type.Union(allResources.map((r) => Type.Literal(`${r.name}.csv`))) }) : ApiNumberParams,
          produces: ['text/csv'],
          response: { 200: { description: 'CSV with a header row (counts already suppressed)', content: { 'text/csv': { schema: { type: 'string' } } } }, 404: problemResponse('Not found') },
        },
      },
      async (request, reply) => {
        const params = request.params as { slug: string; number: number; resource?: string };
        const hit = await published(request, reply, params.slug, params.number);
        if (!hit) return reply;
        const name = resourceOf(params);
        const body = resourceCsv(name, hit.found.snapshot);
        if (body === null) return notFound(request, reply);
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${hit.territory.slug}-diagnosis-${hit.found.number}-${name}.csv"`)
          .send(body);
      },
    );
  csvRoute('/territories/:slug/diagnoses/:number/figures.csv', () => 'figures');
  csvRoute('/territories/:slug/diagnoses/:number/data/:resource', (p) => p.resource!.replace(/\.csv$/, ''));
};
