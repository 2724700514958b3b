// Territories as JSON under /api/v1 (their pages are the portal's: src/contexts/portal).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemSchema, sendProblem } from '../../platform/http/problem.ts';
import { findTerritory, listAreas, listAreaSummaries, listTerritories, relatedTerritories } from './territory.service.ts';

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
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'List territories (municipalities and forums)',
        description: 'Public: every municipality and metropolitan forum on this installation, with its slug (the {slug} of every other path), name, kind, number of districts and population. One list, not paged.',
        tags: ['territories'],
        response: { 200: Type.Object({ territories: Type.Array(TerritorySummarySchema) }) },
      },
    },
    async () => ({ territories: await listTerritories(app.database.db) }),
  );

  app.get(
    '/territories/:slug',
    {
      config: { access: 'public', cache: 'public' },
      schema: {
        summary: 'One territory with its districts, neighbourhoods and related territories',
        description: "Public: a territory's kind and languages, its districts and neighbourhoods, and the forums it belongs to or the municipalities it groups. Geometry is in the diagnosis' map data, not here.",
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
