// The service catalogue under /api/v1: departments, services and facilities of a territory.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { problemSchema } from '../../platform/http/problem.ts';
import { territoryFor } from '../territories/territory.http.ts';
import { catalogueOf } from './catalogue.service.ts';

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 100 }) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const FacilitySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  address: Type.String(),
  districtId: Nullable(Type.String()),
  latitude: Nullable(Type.Number()),
  longitude: Nullable(Type.Number()),
  openingHours: Type.String(),
  languages: Type.Array(Type.String()),
  accessibility: Type.Array(Type.String()),
});
const CatalogueSchema = Type.Object({
  departments: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      nameTranslations: Type.Record(Type.String(), Type.String()),
      services: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), nameTranslations: Type.Record(Type.String(), Type.String()), description: Type.String(), facilities: Type.Array(FacilitySchema) })),
    }),
  ),
});

export const catalogueApi: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;

  app.get(
    '/territories/:slug/services',
    { config: { access: 'catalogue.view' }, schema: { summary: 'The service catalogue: departments, services, facilities', description: "Public: the council's departments, their services and the facilities where each is given (address and district), as the service catalogue page shows them. Names are in the reader's language where translated.", tags: ['catalogue'], params: SlugParams, response: { 200: CatalogueSchema, 404: problemSchema } } },
    async (request, reply) => {
      const territory = await territoryFor(request);
      if (!territory) return reply.callNotFound();
      // Translations are stored partial; the response lists only those present.
      return (await catalogueOf(db, territory.id)) as unknown as Static<typeof CatalogueSchema>;
    },
  );
};
