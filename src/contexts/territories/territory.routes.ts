// Territory pages under /:locale and their JSON under /api/v1.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory, listAreas, listAreaSummaries, listTerritories, relatedTerritories } from './territory.service.ts';
import { HomePage, TerritoryPage } from './territory.views.tsx';

const LocaleParams = Type.Object({ locale: Type.String() });
const TerritoryParams = Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) });

export const territoryPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { schema: { params: LocaleParams }, config: { access: 'public' } }, async (_request, reply) => {
    const territories = await listTerritories(app.database.db);
    return reply.render(h(HomePage, { territories }));
  });

  app.get('/t/:slug', { schema: { params: TerritoryParams }, config: { access: 'public' } }, async (request, reply) => {
    const { slug } = request.params;
    const territory = await findTerritory(app.database.db, slug);
    if (!territory) return reply.callNotFound();
    request.territoryHeader = { slug: territory.slug, name: territory.name };
    const [districts, related] = await Promise.all([
      listAreaSummaries(app.database.db, territory.id, 'district'),
      relatedTerritories(app.database.db, territory),
    ]);
    return reply.render(h(TerritoryPage, { territory, districts, related }));
  });
};

const TerritorySummarySchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.Union([Type.Literal('municipality'), Type.Literal('forum')]),
  districts: Type.Integer(),
  population: Type.Union([Type.Integer(), Type.Null()]),
});

const AreaSchema = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('district'), Type.Literal('neighbourhood')]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  parentCode: Type.Union([Type.String(), Type.Null()]),
});

export const territoryApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/territories',
    {
      config: { access: 'public' },
      schema: {
        summary: 'List territories (municipalities and forums)',
        tags: ['territories'],
        response: { 200: Type.Object({ territories: Type.Array(TerritorySummarySchema) }) },
      },
    },
    async () => ({ territories: await listTerritories(app.database.db) }),
  );

  app.get(
    '/territories/:slug',
    {
      config: { access: 'public' },
      schema: {
        summary: 'One territory with its districts, neighbourhoods and related territories',
        tags: ['territories'],
        params: Type.Object({ slug: Type.String({ maxLength: 100 }) }),
        querystring: Type.Object({ geometry: Type.Optional(Type.Boolean({ description: 'Include GeoJSON geometry of each area' })) }),
        response: {
          200: Type.Object({
            slug: Type.String(),
            name: Type.String(),
            kind: Type.String(),
            languages: Type.Array(Type.String()),
            related: Type.Array(Type.Object({ slug: Type.String(), name: Type.String(), kind: Type.String() })),
            areas: Type.Array(Type.Intersect([AreaSchema, Type.Object({ geometry: Type.Optional(Type.Unknown()) })])),
          }),
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      const { geometry } = request.query;
      const territory = await findTerritory(app.database.db, slug);
      if (!territory) return sendProblem(reply, { type: 'about:blank', title: request.i18n.t('platform.errors.notFound.title'), status: 404 });
      const list = geometry ? listAreas : listAreaSummaries;
      const [districts, neighbourhoods, related] = await Promise.all([
        list(app.database.db, territory.id, 'district'),
        list(app.database.db, territory.id, 'neighbourhood'),
        relatedTerritories(app.database.db, territory),
      ]);
      const codeOf = new Map(districts.map((d) => [d.id, d.code]));
      return {
        slug: territory.slug,
        name: territory.name,
        kind: territory.kind,
        languages: territory.settings.languages,
        related: related.map((r) => ({ slug: r.slug, name: r.name, kind: r.kind })),
        areas: [...districts, ...neighbourhoods].map((a) => ({
          code: a.code,
          name: a.name,
          level: a.level,
          population: a.population,
          parentCode: a.parentId ? (codeOf.get(a.parentId) ?? null) : null,
          ...(geometry && 'geometry' in a ? { geometry: a.geometry } : {}),
        })),
      };
    },
  );
};
