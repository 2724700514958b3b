// The public directory page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { h } from 'preact';
import { listAreaSummaries, relatedTerritories } from '../../territories/territory.service.ts';
import { findAgreementSpace } from '../adhesion/adhesion.service.ts';
import { searchDirectory } from './directory.service.ts';
import { listNetworks } from '../networks/network.service.ts';
import { territoryFor } from '../http.ts';
import { DirectoryPage } from './directory.views.tsx';

export const DirectoryQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to find; accents are ignored and small typos tolerated' })),
  type: Type.Optional(Type.String({ maxLength: 40 })),
  area: Type.Optional(Type.String({ maxLength: 40, description: 'Area of work key, e.g. housing' })),
  district: Type.Optional(Type.String({ maxLength: 40, description: 'District id' })),
  network: Type.Optional(Type.String({ maxLength: 40, description: 'Network id' })),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  municipality: Type.Optional(Type.String({ maxLength: 100, description: "In a forum: the municipality where the organisation is registered (the territory's slug)" })),
});

export const directoryPages: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db;
  app.get(
    '/t/:slug/directory',
    { schema: { params: Type.Object({ locale: Type.String(), slug: Type.String({ maxLength: 100 }) }), querystring: DirectoryQuerySchema }, config: { access: 'public', cache: 'public' } },
    async (request, reply) => {
      const territory = await territoryFor(db, request, request.params.slug);
      if (!territory || !(await findAgreementSpace(db, territory.id))) return reply.callNotFound();
      const query = request.query;
      const [result, districts, networks, municipalities] = await Promise.all([
        searchDirectory(db, territory.id, query),
        listAreaSummaries(db, territory.id, 'district'),
        listNetworks(db, territory.id),
        territory.kind === 'forum' ? relatedTerritories(db, territory) : [],
      ]);
      return reply.render(h(DirectoryPage, { territory, query, result, districts, networks, municipalities }));
    },
  );
};
